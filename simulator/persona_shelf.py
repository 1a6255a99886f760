"""Custom personas and who may see them: the service-side checks behind listing, rehearsing, editing, duplicating,
downloading and deleting a persona.

Where custom personas are kept, and why:

* Single user (PARLEY_AUTH=none, the default): exactly as before, one YAML file each in your persona folder
  (PARLEY_PERSONA_DIR, default <data_dir>/personas). Files are what one person wants: editable in any editor,
  checked with `parley personas --check`, copied between machines.
* Team (PARLEY_AUTH=oidc): one row each in the table `parley_personas` of the session database (SQLite or
  PostgreSQL), keyed by (owner, id), with the YAML text, a `shared` flag and when it was saved. The database is
  the one thing every app process already shares, on one machine or many, so a persona saved in one process is
  seen by the next request to any other, with no manifest to keep in step and no half-written file to read; the
  owner check is the WHERE clause of the very query that reads the persona, and each save is one transaction.
  Owner-scoped subfolders plus a manifest would need a shared file system (and its locking) between machines,
  which PostgreSQL deployments do not have. In team mode the persona folder is still read: those are the
  operator's personas, visible to everyone and edited by nobody in the app, like the built-ins.

Visibility in team mode: the built-ins and the operator's folder for everyone; your own personas; and the personas
other members of your team (`parley team set … --team NAME`) chose to share. Anyone else's persona id is "not found",
for rehearsing too (a pasted id included). Edits and deletions are recorded in the audit log as `persona_edit` and
`persona_delete` (ids only, never the persona's text).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from simulator.personas import (
    Persona,
    PersonaError,
    PersonaLibrary,
    is_within,
    parse_persona_text,
    persona_to_yaml,
)
from simulator.settings import BUILTIN_PERSONA_DIR, Settings
from simulator.store import Store

TABLE = """CREATE TABLE IF NOT EXISTS parley_personas (
    owner TEXT NOT NULL, id TEXT NOT NULL, yaml TEXT NOT NULL, shared INTEGER NOT NULL DEFAULT 0,
    updated_at DOUBLE PRECISION NOT NULL, PRIMARY KEY (owner, id))"""
SOURCE = "the form"
DB_SOURCE = "parley_personas"  # what a team persona's `sources` entry starts with (never a path on disk)


class PersonaNotFound(KeyError):
    """No persona with that id that this person may see (the same answer whoever's it is)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "persona not found"


@dataclass
class Entry:
    """Who a persona visible to someone belongs to, and whether it is shared with their team."""

    owner: str | None  # None: built-in or the operator's folder
    shared: bool = False


@dataclass
class VisibleLibrary(PersonaLibrary):
    """A PersonaLibrary of what one person may see, with whose each persona is."""

    entries: dict[str, Entry] = field(default_factory=dict)


def free_file(directory: Path, persona_id: str) -> Path:
    """<id>.yaml in the folder, or <id>-2.yaml, <id>-3.yaml … when that name already holds another file."""
    target = directory / f"{persona_id}.yaml"
    n = 2
    while target.exists() or target.is_symlink():
        target = directory / f"{persona_id}-{n}.yaml"
        n += 1
    return target


def unique_id(library: PersonaLibrary, persona_id: str) -> str:
    """`persona_id`, or `persona_id-2`, `-3` … when the library already has it."""
    candidate, n = persona_id, 2
    while candidate in library.personas:
        candidate = f"{persona_id[:37]}-{n}"
        n += 1
    return candidate


class PersonaCatalog:
    """Every custom persona of a deployment, shared by all of a service's owner copies (Rehearsals.for_owner)."""

    def __init__(self, settings: Settings, store: Store | None, base: PersonaLibrary):
        self.settings = settings
        self.team_mode = settings.auth == "oidc" and store is not None
        self.store = store
        self.base = base  # built-ins plus the persona folder
        self._parsed: dict[tuple[str, str], tuple[float, Persona]] = {}
        if self.team_mode:
            assert store is not None
            store._run(TABLE)  # noqa: SLF001 - the store's one statement runner (placeholders, errors, locking)

    # -- reading ------------------------------------------------------------------------------------------
    def visible(self, owner: str, team: str = "") -> PersonaLibrary:
        """What `owner` may list and rehearse with: in single-user mode the whole library; in team mode the
        built-ins and operator's folder, their own personas, and those their team shares."""
        if not self.team_mode:
            return self.base
        assert self.store is not None
        library = VisibleLibrary(
            personas=dict(self.base.personas),
            errors=list(self.base.errors),
            sources=dict(self.base.sources),
            entries={pid: Entry(None) for pid in self.base.personas},
        )
        if team:
            rows = self.store._run(  # noqa: SLF001
                "SELECT owner, id, yaml, shared, updated_at FROM parley_personas WHERE owner = ? OR (shared = 1 AND "
                "owner IN (SELECT email FROM parley_members WHERE team = ?)) ORDER BY id",
                (owner, team),
                fetch=True,
            )
        else:
            rows = self.store._run(
                "SELECT owner, id, yaml, shared, updated_at FROM parley_personas WHERE owner = ? "  # noqa: SLF001
                "ORDER BY id",
                (owner,),
                fetch=True,
            )
        # Your own persona wins over a teammate's shared one with the same id; neither replaces a built-in.
        for row_owner, pid, text, shared, updated in sorted(rows, key=lambda r: r[0] == owner):
            pid, row_owner = str(pid), str(row_owner)
            if library.entries.get(pid, Entry("")).owner is None:
                continue
            persona = self._parse(row_owner, pid, str(text), float(updated))
            if persona is None:
                continue
            library.personas[pid] = persona
            library.sources[pid] = f"{DB_SOURCE}:{row_owner}/{pid}"
            library.entries[pid] = Entry(row_owner, bool(shared))
        return library

    def _parse(self, owner: str, pid: str, text: str, updated: float) -> Persona | None:
        cached = self._parsed.get((owner, pid))
        if cached is not None and cached[0] == updated:
            return cached[1]
        try:
            persona = parse_persona_text(text, f"{DB_SOURCE}:{owner}/{pid}")
        except PersonaError:
            return None  # only valid personas are ever written; a damaged row is left out rather than shown
        self._parsed[(owner, pid)] = (updated, persona)
        return persona

    def owner_team(self, owner: str) -> str:
        """The team a person is in ('' for none)."""
        if self.store is None:
            return ""
        member = self.store.get_member(owner)
        return member[1] if member else ""


class PersonaShelf:
    """One person's custom personas: every operation checks ownership here, so every front end gets the same answer.

    Made by `Rehearsals.persona_shelf()`. In single-user mode it is the persona folder, as before; in team mode
    the `parley_personas` table (see the module docstring)."""

    def __init__(self, catalog: PersonaCatalog, owner: str, team: str, store: Store | None):
        self.catalog, self.owner, self.team, self.store = catalog, owner, team, store

    @property
    def team_mode(self) -> bool:
        return self.catalog.team_mode

    def library(self) -> PersonaLibrary:
        """What this person may see."""
        return self.catalog.visible(self.owner, self.team)

    def get(self, persona_id: str) -> Persona:
        """A persona this person may see, else PersonaNotFound (someone else's private one included)."""
        try:
            return self.library().get(persona_id)
        except KeyError as exc:
            raise PersonaNotFound(str(exc.args[0])) from None

    def is_builtin(self, persona_id: str) -> bool:
        """Built in to Parley (never editable)."""
        return self.catalog.base.loaded_from(persona_id, BUILTIN_PERSONA_DIR)

    def own_ids(self) -> list[str]:
        """The personas this person may edit and delete: theirs (single user: those in the persona folder)."""
        library = self.library()
        if not self.team_mode:
            return [
                pid
                for pid in library.ids()
                if library.loaded_from(pid, self.catalog.settings.custom_persona_dir)
            ]
        entries = getattr(library, "entries", {})
        return [pid for pid in library.ids() if entries.get(pid, Entry(None)).owner == self.owner]

    def is_own(self, persona_id: str) -> bool:
        return persona_id in self.own_ids()

    def is_shared(self, persona_id: str) -> bool:
        """Team mode: whether this person's persona is shared with their team."""
        entry = getattr(self.library(), "entries", {}).get(persona_id)
        return bool(entry and entry.owner == self.owner and entry.shared)

    def describe(self, persona_id: str) -> str:
        """Where a persona comes from, in words (tells same-named personas apart)."""
        library = self.library()
        if self.is_builtin(persona_id):
            return "built-in"
        if not self.team_mode:
            source = library.source_path(persona_id)
            return f"your file {source}" if source else "not saved"
        entry = getattr(library, "entries", {}).get(persona_id)
        if entry is None:
            return "not saved"
        if entry.owner is None:
            return "installed for everyone"
        if entry.owner == self.owner:
            return "yours, shared with your team" if entry.shared else "yours, private"
        return f"shared by {entry.owner}"

    def yaml_of(self, persona_id: str) -> str:
        """The persona file to download (one this person may see)."""
        return persona_to_yaml(self.get(persona_id))

    # -- writing ------------------------------------------------------------------------------------------
    def save(
        self,
        persona: Persona,
        *,
        editing: str | None = None,
        replace: bool = False,
        shared: bool | None = None,
    ) -> str:
        """Save a persona as this person's; where it went, in words. PersonaError (naming the field) when it may not:
        a built-in's id, another persona's id unless it is the one being edited (`editing`) or the replacement was
        confirmed (`replace`). `shared` (team mode): share with your team, keep private, or None to keep as it was."""
        if not self.team_mode:
            return self._save_file(persona, editing=editing, replace=replace)
        assert self.store is not None
        library = self.library()
        entry = getattr(library, "entries", {}).get(persona.id)
        if entry is not None and entry.owner is None:
            raise PersonaError(
                SOURCE,
                [
                    f"field 'id': '{persona.id}' is a built-in persona. Choose another id to save "
                    "your own version."
                ],
            )
        if entry is not None and entry.owner != self.owner:
            raise PersonaError(
                SOURCE,
                [
                    f"field 'id': '{persona.id}' is already used by a persona your team shares. "
                    "Choose another id."
                ],
            )
        if entry is not None and editing != persona.id and not replace:
            raise PersonaError(
                SOURCE,
                [
                    f"field 'id': '{persona.id}' is already used by your persona "
                    f"{library.personas[persona.id].name}. Choose another id, or confirm that "
                    "it should be replaced."
                ],
            )
        keep = bool(entry.shared) if entry is not None else False
        share = keep if shared is None else bool(shared)
        self.store._run("DELETE FROM parley_personas WHERE owner = ? AND id = ?", (self.owner, persona.id))  # noqa: SLF001
        self.store._run(
            "INSERT INTO parley_personas (owner, id, yaml, shared, updated_at) VALUES (?, ?, ?, ?, ?)",  # noqa: SLF001
            (self.owner, persona.id, persona_to_yaml(persona), int(share), time.time()),
        )
        self._audit(
            "persona_edit",
            persona.id,
            ("new" if entry is None else "saved") + (" shared" if share else " private"),
        )
        return "yours, shared with your team" if share else "yours, private"

    def _save_file(self, persona: Persona, *, editing: str | None, replace: bool) -> str:
        target = self.save_target(persona, editing=editing, replace=replace)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(persona_to_yaml(persona), encoding="utf-8")
        self._reload()
        self._audit("persona_edit", persona.id, f"file={target.name}")
        return str(target)

    def save_target(self, persona: Persona, *, editing: str | None = None, replace: bool = False) -> Path:
        """Single user: the file a save of `persona` must write so the library loads it from there.

        An id the library already has is saved to the file it was loaded from, never to a new <id>.yaml an
        earlier-sorting file would shadow; and only when that persona is the one being edited or the replacement was
        confirmed. A new id gets <id>.yaml, or a free name beside it, so no other file is ever overwritten."""
        library, custom_dir = self.catalog.base, self.catalog.settings.custom_persona_dir
        if self.is_builtin(persona.id):
            raise PersonaError(
                SOURCE,
                [
                    f"field 'id': '{persona.id}' is a built-in persona. Choose another id to save "
                    "your own version."
                ],
            )
        source = library.source_path(persona.id)
        if source is None:
            return free_file(custom_dir, persona.id)
        if editing != persona.id and not replace:
            other = library.personas[persona.id]
            raise PersonaError(
                SOURCE,
                [
                    f"field 'id': '{persona.id}' is already used by your persona {other.name} "
                    f"({source}). Choose another id, or confirm that it should be replaced."
                ],
            )
        if not is_within(source, custom_dir):
            raise PersonaError(
                SOURCE,
                [
                    f"field 'id': '{persona.id}' is loaded from {source}, which is outside "
                    f"your persona folder ({custom_dir}); edit that file, or choose another id."
                ],
            )
        return source

    def duplicate(self, persona_id: str) -> Persona:
        """An explicit copy of a persona this person may see, saved as their own (private) under a new id."""
        source = self.get(persona_id)
        copy = source.model_copy(
            update={
                "id": unique_id(self.library(), f"{persona_id}-copy"[:41]),
                "name": source.name,
                "title": f"{source.title} (copy)"[:80],
            }
        )
        self.save(copy, shared=False)
        return copy

    def delete(self, persona_id: str) -> None:
        """Delete one of this person's own personas; anyone else's (or a built-in) is PersonaNotFound."""
        if not self.is_own(persona_id):
            raise PersonaNotFound(f"no persona '{persona_id}' of yours to delete")
        if self.team_mode:
            assert self.store is not None
            self.store._run(
                "DELETE FROM parley_personas WHERE owner = ? AND id = ?", (self.owner, persona_id)
            )  # noqa: SLF001
        else:
            source = self.catalog.base.source_path(persona_id)
            if source is not None:
                source.unlink(missing_ok=True)
            self._reload()
        self._audit("persona_delete", persona_id)

    def _reload(self) -> None:
        from simulator.personas import load_library

        self.catalog.base = load_library(self.catalog.settings.persona_dirs)

    def _audit(self, action: str, persona_id: str, detail: str = "") -> None:
        if self.store is not None:
            self.store.audit(self.owner, action, None, self.owner, f"persona={persona_id} {detail}".strip())
