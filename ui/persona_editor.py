"""Create, edit, import and export persona files, with the same validation (and field-naming errors) as files."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
import yaml

from simulator.modes import DEFAULT_MODE
from simulator.persona_checks import persona_warnings
from simulator.persona_shelf import free_file, unique_id
from simulator.personas import (
    DIFFICULTIES,
    MAX_FILE_BYTES,
    Persona,
    PersonaError,
    PersonaLibrary,
    _SafeLoader,
    is_within,
    parse_persona_text,
    persona_to_yaml,
    yaml_problem,
)
from simulator.settings import BUILTIN_PERSONA_DIR
from ui.context import AppContext, reload_personas
from ui.safe import md_text

FLASH_KEY = "parley.flash"
BASE_KEY = "parley.editor.base"  # the persona the form starts from
PENDING_KEY = "parley.editor.pending"  # a persona just saved: the form opens on it after the rerun
TOP_FIELDS = ("id", "name", "role", "title", "teaches", "scenario", "temperament")
OWN_PLACES = (
    *TOP_FIELDS,
    "default_difficulty",
    "issues",
    "facts",
)  # fields with their own inputs in the form
SOURCE = "the form"

# One row per issue: the schema's fields, with each side's view flattened to "<side>_<field>".
SIDE_FIELDS = ("prefers", "target", "limit", "weight")
ISSUE_TEXT = ("id", "label", "unit", "kind", "phrase", "no_phrase")
ISSUE_NUMBERS = ("low", "high", "step", "decimals", "current", "opening")
ISSUE_LISTS = ("keywords", "no_keywords")
ISSUE_COLUMNS = (
    "id",
    "label",
    "unit",
    "kind",
    "low",
    "high",
    "step",
    "decimals",
    "current",
    "opening",
    *(f"counterpart_{f}" for f in SIDE_FIELDS),
    *(f"user_{f}" for f in SIDE_FIELDS),
    "phrase",
    "keywords",
    "no_phrase",
    "no_keywords",
)
FACT_COLUMNS = ("id", "asked_with", "answer", "public")

# Schema paths said in plain words, for error messages.
_PLAIN_FIELDS = {
    "counterpart.prefers": "counterpart prefers",
    "counterpart.target": "counterpart target",
    "counterpart.limit": "counterpart limit",
    "counterpart.weight": "counterpart weight",
    "user.prefers": "user prefers",
    "user.target": "user target",
    "user.limit": "user limit",
    "user.weight": "user weight",
    "no_phrase": "'no' phrase",
    "no_keywords": "'no' keywords",
    "asked_with": "asked with",
    "answered_by_terms": "terms that answer it",
}
_SIDE_PATH = re.compile(r"\b(counterpart|user)\.(prefers|target|limit|weight)\b")
_LOCATED = re.compile(r"^field '(issues|facts|concerns)\.(\d+)(?:\.([\w.]+))?': (.*)$", re.S)


def is_builtin(library: PersonaLibrary, persona_id: str) -> bool:
    """True when the persona was loaded from the built-in folder (resolved paths, not a substring of the path)."""
    return library.loaded_from(persona_id, BUILTIN_PERSONA_DIR)


def _is_builtin(ctx: AppContext, persona_id: str) -> bool:
    """Not yours to edit (only to duplicate): a built-in; in team mode also the operator's and your team's shared."""
    shelf = ctx.service.persona_shelf()
    if shelf.team_mode:
        return not shelf.is_own(persona_id)
    return is_builtin(ctx.service.library, persona_id)


def persona_label(ctx: AppContext, persona_id: str) -> str:
    """Where a persona comes from, in words; in team mode whose it is and whether it is shared."""
    shelf = ctx.service.persona_shelf()
    return shelf.describe(persona_id) if shelf.team_mode else source_label(ctx.service.library, persona_id)


def share_choice(ctx: AppContext, key: str, persona_id: str | None = None) -> bool | None:
    """Team mode: the "Share with my team" choice (None in single-user mode, where there is nobody to share with)."""
    shelf = ctx.service.persona_shelf()
    if not shelf.team_mode:
        return None
    shared = st.checkbox(
        "Share with my team",
        value=bool(persona_id and shelf.is_shared(persona_id)),
        key=key,
        help="Shared: everyone in your team can rehearse with it and duplicate it; only you can "
        "change or delete it. Not shared: only you see it.",
    )
    if shared and not ctx.service.team:
        st.caption(
            "You are not in a team yet, so nobody else will see it (an admin adds you with `parley team set`)."
        )
    return shared


def source_label(library: PersonaLibrary, persona_id: str) -> str:
    """Where a persona comes from, in words: 'built-in' or 'your file <path>' (tells same-named personas apart)."""
    source = library.source_path(persona_id)
    if source is None:
        return "not saved"
    return "built-in" if is_builtin(library, persona_id) else f"your file {source}"


def save_target(
    ctx: AppContext, persona: Persona, *, editing: str | None = None, replace: bool = False
) -> Path:
    """The file a save of `persona` must write so the library loads it from there; PersonaError if it may not.

    An id the library already has is saved to the file it was loaded from (library.sources), never to a new
    <id>.yaml an earlier-sorting file would shadow; and only when that persona is the one being edited (`editing`)
    or the user confirmed the replacement (`replace`). A new id gets <id>.yaml, or a free name beside it, so no
    other file is ever overwritten. The problems are Markdown-safe (names and paths escaped; ids are [a-z0-9-])."""
    library = ctx.service.library
    if is_builtin(library, persona.id):
        raise PersonaError(
            SOURCE,
            [
                f"field 'id': '{persona.id}' is a built-in persona. Choose another id to save "
                "your own version."
            ],
        )
    source = library.source_path(persona.id)
    if source is None:
        return free_file(ctx.custom_dir, persona.id)
    if editing != persona.id and not replace:
        other = library.personas[persona.id]
        raise PersonaError(
            SOURCE,
            [
                f"field 'id': '{persona.id}' is already used by your persona {md_text(other.name)} "
                f"({md_text(source)}). Choose another id, or confirm that it should be replaced."
            ],
        )
    if not is_within(source, ctx.custom_dir):
        raise PersonaError(
            SOURCE,
            [
                f"field 'id': '{persona.id}' is loaded from {md_text(source)}, which is outside "
                f"your persona folder ({md_text(ctx.custom_dir)}); edit that file, or choose "
                "another id."
            ],
        )
    return source


def _show_problems(error: PersonaError) -> None:
    st.error("This persona cannot be used yet:  \n" + "  \n".join("• " + md_text(p) for p in error.problems))


# --- Tables <-> persona data -------------------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    """A table cell as plain data: None for an empty cell, Python numbers for numpy ones, trimmed text."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()  # numpy scalar
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def comma_list(items: list[str] | None) -> str:
    return ", ".join(items or [])


def split_list(text: Any) -> list[str]:
    """'a, b ,c' -> ['a', 'b', 'c']; an empty cell is an empty list."""
    text = _cell(text)
    return [part.strip() for part in str(text).split(",") if part.strip()] if text is not None else []


def issues_frame(issues: list[dict[str, Any]]) -> pd.DataFrame:
    """One row per issue (as dumped by the model), the keyword lists as comma lists."""
    rows = []
    for issue in issues:
        row: dict[str, Any] = {k: issue.get(k) for k in (*ISSUE_TEXT, *ISSUE_NUMBERS)}
        for side in ("counterpart", "user"):
            for f in SIDE_FIELDS:
                row[f"{side}_{f}"] = (issue.get(side) or {}).get(f)
        for k in ISSUE_LISTS:
            row[k] = comma_list(issue.get(k))
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(ISSUE_COLUMNS))
    numbers = [
        *ISSUE_NUMBERS,
        *(f"{s}_{f}" for s in ("counterpart", "user") for f in ("target", "limit", "weight")),
    ]
    return frame.astype(
        {c: "float64" for c in numbers} | {c: "object" for c in ISSUE_COLUMNS if c not in numbers}
    )


def issues_from_frame(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The issues in an edited table, as persona data; wholly empty rows are dropped, empty cells left out."""
    issues = []
    for record in frame.to_dict("records"):
        row = {k: _cell(record.get(k)) for k in ISSUE_COLUMNS}
        if all(v is None for v in row.values()):
            continue
        issue: dict[str, Any] = {k: row[k] for k in (*ISSUE_TEXT, *ISSUE_NUMBERS) if row[k] is not None}
        if isinstance(issue.get("decimals"), float) and issue["decimals"].is_integer():
            issue["decimals"] = int(issue["decimals"])
        for side in ("counterpart", "user"):
            issue[side] = {f: row[f"{side}_{f}"] for f in SIDE_FIELDS if row[f"{side}_{f}"] is not None}
        for k in ISSUE_LISTS:
            issue[k] = split_list(row[k])
        issues.append(issue)
    return issues


def facts_frame(facts: list[dict[str, Any]]) -> pd.DataFrame:
    rows = [
        {
            "id": f.get("id"),
            "asked_with": comma_list(f.get("asked_with")),
            "answer": f.get("answer"),
            "public": bool(f.get("public", True)),
        }
        for f in facts
    ]
    return pd.DataFrame(rows, columns=list(FACT_COLUMNS)).astype(
        {"id": "object", "asked_with": "object", "answer": "object", "public": "bool"}
    )


def facts_from_frame(frame: pd.DataFrame) -> list[dict[str, Any]]:
    facts = []
    for record in frame.to_dict("records"):
        row = {k: _cell(record.get(k)) for k in FACT_COLUMNS}
        if all(row[k] is None for k in ("id", "asked_with", "answer")):
            continue
        fact: dict[str, Any] = {k: row[k] for k in ("id", "answer") if row[k] is not None}
        fact["asked_with"] = split_list(row["asked_with"])
        fact["public"] = True if row["public"] is None else bool(row["public"])
        facts.append(fact)
    return facts


def details_of(base: dict[str, Any]) -> dict[str, Any]:
    """What the YAML box holds: everything without its own input (concerns without their answering terms)."""
    rest = {k: v for k, v in base.items() if k not in OWN_PLACES and not (k == "deal" and v is None)}
    if isinstance(rest.get("concerns"), list):
        rest["concerns"] = [
            {k: v for k, v in c.items() if k != "answered_by_terms"} if isinstance(c, dict) else c
            for c in rest["concerns"]
        ]
    return rest


def _plain_field(path: str) -> str:
    return _PLAIN_FIELDS.get(path, path.replace("_", " "))


def plain_problem(problem: str, data: dict[str, Any]) -> str:
    """A validation problem that names the issue, fact or concern by its id and the field in plain words."""
    found = _LOCATED.match(problem)
    if not found:
        return problem.replace("field '(top level)'", "the persona")
    section, index, path, message = found.group(1), int(found.group(2)), found.group(3), found.group(4)
    listed = data.get(section)
    items = listed if isinstance(listed, list) else []
    item = items[index] if index < len(items) and isinstance(items[index], dict) else {}
    name = f"'{item['id']}'" if item.get("id") else "with no id yet"
    where = {
        "issues": f"Issue {name} (row {index + 1} of the Issues table)",
        "facts": f"Fact {name} (row {index + 1} of the Facts table)",
        "concerns": f"Concern {name}",
    }[section]
    message = _SIDE_PATH.sub(lambda m: f"{m.group(1)} {m.group(2)}", message)
    message = re.sub(r"(\d)\.\.(-?\d)", r"\1 to \2", message)
    if path and path.split(".")[0] == "answered_by_terms":
        return f"{where}, terms that answer it: {message}"
    if path and section in ("issues", "facts"):
        return f"{where}, {_plain_field(re.sub(r'[.][0-9]+$', '', path))}: {message}"
    if path:
        return f"{where}, field '{path}': {message}"
    return f"{where}: {message}"


def form_persona(
    values: dict[str, Any], details: str, issues: pd.DataFrame, facts: pd.DataFrame, terms: dict[str, str]
) -> Persona:
    """The persona the form describes, validated like a file; a PersonaError names each field in plain words."""
    try:
        data = yaml.load(details, Loader=_SafeLoader) if details.strip() else {}  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise PersonaError(SOURCE, ["the YAML box is " + yaml_problem(exc, details)]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise PersonaError(SOURCE, ["the YAML box must hold fields (user_brief, counterpart, concerns, ...)"])
    misplaced = [k for k in OWN_PLACES if k in data]
    if misplaced:
        raise PersonaError(
            SOURCE,
            [
                f"field '{k}': it has its own place in the form; take it out of the YAML box"
                for k in misplaced
            ],
        )
    concerns = data.get("concerns")
    if isinstance(concerns, list):
        for concern in concerns:
            if isinstance(concern, dict) and concern.get("id") in terms:
                concern["answered_by_terms"] = split_list(terms[concern["id"]])
    full = {**values, **data, "issues": issues_from_frame(issues), "facts": facts_from_frame(facts)}
    try:
        return parse_persona_text(yaml.safe_dump(full, sort_keys=False, allow_unicode=True), SOURCE)
    except PersonaError as exc:
        raise PersonaError(SOURCE, [plain_problem(p, full) for p in exc.problems]) from None


# --- The page ----------------------------------------------------------------------------------------------------


def save_persona(
    ctx: AppContext,
    persona: Persona,
    *,
    editing: str | None = None,
    replace: bool = False,
    shared: bool | None = None,
) -> None:
    """Write a custom persona file and reload the library (see save_target: never a built-in's id, never another
    persona's file unless it is the one being edited or the replacement was confirmed)."""
    shelf = ctx.service.persona_shelf()
    try:
        if (
            shelf.team_mode
        ):  # the service checks whose it is: never a built-in, nor a teammate's shared persona
            where = shelf.save(persona, editing=editing, replace=replace, shared=shared)
            advice = persona_warnings(persona)
            note = f" Worth a look: {'; '.join(advice)}." if advice else ""
            st.session_state[FLASH_KEY] = f"Saved {persona.name} ({where}). It is in the gallery now.{note}"
            st.session_state[PENDING_KEY] = persona.id
            st.rerun()
        target = save_target(ctx, persona, editing=editing, replace=replace)
        shelf.save(persona, editing=editing, replace=replace)  # writes that same file, reloads, audits
    except PersonaError as exc:
        st.error("  \n".join(md_text(p) for p in exc.problems))
        return
    reload_personas(ctx)
    loaded = ctx.service.library.source_path(persona.id)
    if loaded is None or loaded.resolve() != target.resolve():
        st.error(
            f"Saved {md_text(target)}, but '{md_text(persona.id)}' is loaded from {md_text(loaded or 'nowhere')}; "
            "remove or rename the other file."
        )
        return
    advice = persona_warnings(persona)
    note = f" Worth a look: {'; '.join(advice)}." if advice else ""
    st.session_state[FLASH_KEY] = f"Saved {persona.name}. It is in the gallery now.{note}"
    st.session_state[PENDING_KEY] = persona.id
    st.rerun()  # the gallery above has already been drawn in this run


def _advice(persona: Persona) -> None:
    """The authoring advice for a persona that loads: what would make rehearsals with it go wrong."""
    advice = persona_warnings(persona)
    st.markdown("**Authoring advice**")
    if advice:
        st.warning("It loads, but worth a look:  \n" + "  \n".join("• " + md_text(a) for a in advice))
    else:
        st.caption("None: the engine should have no trouble with this persona.")


_ISSUE_CONFIG = {
    "id": st.column_config.TextColumn("id", help="Lower-case with underscores: price_per_kg", required=True),
    "label": st.column_config.TextColumn("Label", help="A short name: Price per kilo"),
    "unit": st.column_config.TextColumn("Unit", help="$/kg, months, days, percent, yes/no …"),
    "kind": st.column_config.SelectboxColumn(
        "Kind",
        options=["number", "yes_no"],
        default="number",
        help="yes_no issues run from 0 (no) to 1 (yes)",
    ),
    "low": st.column_config.NumberColumn("Low", help="The lowest value that can be agreed"),
    "high": st.column_config.NumberColumn("High", help="The highest value that can be agreed"),
    "step": st.column_config.NumberColumn("Step", default=1.0, help="The smallest move: 0.10 for cents"),
    "decimals": st.column_config.NumberColumn("Decimals", min_value=0, max_value=2, step=1, default=0),
    "current": st.column_config.NumberColumn("Current", help="Today's value (empty if there is none)"),
    "opening": st.column_config.NumberColumn("Opening", help="The counterpart's opening position"),
    "counterpart_prefers": st.column_config.SelectboxColumn("Counterpart prefers", options=["high", "low"]),
    "counterpart_target": st.column_config.NumberColumn(
        "Counterpart target", help="Worth 1 to the counterpart"
    ),
    "counterpart_limit": st.column_config.NumberColumn(
        "Counterpart limit", help="Its walk-away: worth 0, never passed"
    ),
    "counterpart_weight": st.column_config.NumberColumn(
        "Counterpart weight",
        min_value=0.0,
        max_value=1.0,
        help="How much it matters to the counterpart (0 to 1)",
    ),
    "user_prefers": st.column_config.SelectboxColumn("User prefers", options=["high", "low"]),
    "user_target": st.column_config.NumberColumn("User target"),
    "user_limit": st.column_config.NumberColumn("User limit"),
    "user_weight": st.column_config.NumberColumn("User weight", min_value=0.0, max_value=1.0),
    "phrase": st.column_config.TextColumn(
        "Phrase", help="How a value is said, with {value}: ${value} a kilo"
    ),
    "keywords": st.column_config.TextColumn(
        "Keywords", help="Comma list: words that tie a number to this issue"
    ),
    "no_phrase": st.column_config.TextColumn(
        "'No' phrase", help="yes/no issues: how 'no' is said (may be empty)"
    ),
    "no_keywords": st.column_config.TextColumn(
        "'No' keywords", help="yes/no issues: comma list of phrases meaning 'no'"
    ),
}
_FACT_CONFIG = {
    "id": st.column_config.TextColumn(
        "id", help="Lower-case with underscores: years_roasting", required=True
    ),
    "asked_with": st.column_config.TextColumn(
        "Asked with", help="Comma list: words people use when they ask about it"
    ),
    "answer": st.column_config.TextColumn(
        "Answer", help="What it says when asked, in its own voice", width="large"
    ),
    "public": st.column_config.CheckboxColumn("Public", default=True, help="Unticked: it declines to say"),
}


def _table_section(title: str, caption: str, frame: Any, key: str, config: dict[str, Any]) -> Any:
    """A titled, explained table of rows the author adds to and deletes from."""
    st.markdown(f"**{title}**")
    st.caption(caption)
    return st.data_editor(
        frame, key=key, num_rows="dynamic", hide_index=True, column_config=config, width="stretch"
    )


def editor(ctx: AppContext) -> None:
    """A form over a persona: the main fields, issues, facts and answering terms as inputs, the rest as YAML."""
    library = ctx.service.library
    ids = library.ids()
    if not ids:
        st.caption("Import a persona file to use as a starting point.")
        return
    base_id = _start_from(ctx, library, ids)
    base_persona = library.get(base_id)
    base = base_persona.model_dump(mode="json")
    if _is_builtin(ctx, base_id):
        base["id"] = f"my-{base_id}"[:41]
    with st.form(f"persona-{base_id}"):
        values = {
            "id": st.text_input("id (lower-case letters, digits and dashes)", base["id"]),
            "name": st.text_input("Name", base["name"]),
            "role": st.text_input("Role", base["role"]),
            "title": st.text_input("Scenario in a few words", base["title"]),
            "teaches": st.text_area("What rehearsing with them is good for", base["teaches"], height=70),
            "scenario": st.text_area("Scenario", base["scenario"], height=110),
            "temperament": st.text_area("Temperament", base["temperament"], height=70),
        }
        values["default_difficulty"] = st.selectbox(
            "Default difficulty", DIFFICULTIES, index=DIFFICULTIES.index(base["default_difficulty"])
        )
        issues = _table_section(
            "Issues: the terms on the table",
            "One row per negotiable term. The counterpart values an offer from its limit (0) to its target (1) "
            "on each issue, weighted, and never agrees past a limit. Add a row at the bottom; select rows to "
            "delete them.",
            issues_frame(base["issues"]),
            f"issues-{base_id}",
            _ISSUE_CONFIG,
        )
        facts = _table_section(
            "Facts: answers to questions off the script",
            "What it says when asked about its world (staff, years, volumes). Untick Public for what it "
            "keeps to itself.",
            facts_frame(base["facts"]),
            f"facts-{base_id}",
            _FACT_CONFIG,
        )
        st.markdown("**Terms that answer each concern**")
        st.caption(
            "A comma list of `<issue> <op> <value>` with op `>=`, `<=` or `=`, for example "
            "`payment_days <= 15`. Any one of them answers the concern. Every key concern needs at least one."
        )
        terms = {
            c["id"]: st.text_input(
                f"{c['title']} ({c['id']}{', key' if c['key'] else ''})",
                comma_list(c.get("answered_by_terms")),
                key=f"terms-{base_id}-{c['id']}",
            )
            for c in base["concerns"]
        }
        details = st.text_area(
            "Everything else: your side of the brief, concerns, needs, history, lines (YAML)",
            yaml.safe_dump(details_of(base), sort_keys=False, allow_unicode=True),
            height=320,
        )
        shared = share_choice(ctx, f"share-{base_id}", None if _is_builtin(ctx, base_id) else base_id)
        submitted = st.form_submit_button("Check and save", type="primary")
    shown: Persona | None = base_persona
    if submitted:
        try:
            shown = form_persona(values, details, issues, facts, terms)
        except PersonaError as exc:
            _show_problems(exc)
            shown = None
        else:
            # Reruns on success; an error (a built-in's id, another persona's id) is shown here.
            save_persona(ctx, shown, editing=None if _is_builtin(ctx, base_id) else base_id, shared=shared)
    if shown is not None:
        _advice(shown)


def _start_from(ctx: AppContext, library: PersonaLibrary, ids: list[str]) -> str:
    """The persona the form starts from: the one just saved or asked for, else the one chosen before (if it still
    exists); a custom one is edited, a built-in one duplicated."""
    pending = st.session_state.pop(PENDING_KEY, None)
    if pending in ids:
        st.session_state[BASE_KEY] = pending
    elif st.session_state.get(BASE_KEY) not in ids:
        st.session_state.pop(BASE_KEY, None)
    return st.selectbox(
        "Start from",
        ids,
        key=BASE_KEY,
        format_func=lambda pid: (
            f"Edit {library.personas[pid].name} ({persona_label(ctx, pid)})"
            if not _is_builtin(ctx, pid)
            else f"Duplicate {library.personas[pid].name} ({persona_label(ctx, pid)}): a copy of all its content"
        ),
    )


def read_upload(upload: Any) -> str:
    """An uploaded persona file as text; its size is checked before a byte of it is read (PersonaError if too big)."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_FILE_BYTES:
        shown = f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{size / 1000:.0f} kB"
        raise PersonaError(
            upload.name, [f"file is larger than {MAX_FILE_BYTES // 1000} kB (this one is {shown})"]
        )
    if hasattr(upload, "seek"):
        upload.seek(0)
    raw = upload.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise PersonaError(upload.name, [f"file is larger than {MAX_FILE_BYTES // 1000} kB"])
    return raw.decode("utf-8", "replace")


def import_export(ctx: AppContext) -> None:
    """Upload a persona YAML file (validated like any file) and download any persona as YAML."""
    upload = st.file_uploader("Import a persona file", type=["yaml", "yml"])
    if upload is not None:
        try:
            persona = parse_persona_text(read_upload(upload), upload.name)
        except PersonaError as exc:
            _show_problems(exc)
        else:
            st.markdown(f"**{md_text(persona.name)}** — {md_text(persona.title)}")
            library = ctx.service.library
            replace = False
            if persona.id in library.personas and not _is_builtin(ctx, persona.id):
                current = library.personas[persona.id]
                st.warning(
                    md_text(
                        f"'{persona.id}' is already your persona {current.name} "
                        f"({persona_label(ctx, persona.id)}). Adding this file replaces it."
                    )
                )
                replace = st.checkbox(f"Replace {md_text(current.name)} with this file", key="import-replace")
            shared = share_choice(ctx, "import-share")
            if st.button(
                "Add to my personas",
                type="primary",
                disabled=persona.id in library.personas and not _is_builtin(ctx, persona.id) and not replace,
            ):
                save_persona(ctx, persona, replace=replace, shared=shared)
    st.file_uploader(
        "Load plain answers into Build your own (a file from 'Download my answers' or "
        "`parley personas new --from`)",
        type=["yaml", "yml", "json"],
        key="b-answers-file",
        on_change=_load_answers_file,
    )
    library = ctx.service.library
    if library.ids():
        pick = st.selectbox(
            "Export a persona",
            library.ids(),
            format_func=lambda pid: f"{library.personas[pid].name} ({persona_label(ctx, pid)})",
        )
        pid = pick or library.ids()[0]
        st.download_button(
            "Download YAML",
            ctx.service.persona_shelf().yaml_of(pid),
            file_name=f"{pid}.yaml",
            mime="application/x-yaml",
            icon=":material/download:",
        )


# --- The guided builder: plain answers, no YAML ------------------------------------------------------------------

BUILDER_KEY = "parley.builder"  # row ids and the problems of the last check
BUILT_KEY = "parley.builder.saved"  # the id of the persona the builder just saved
DRAFT_NOTE_KEY = "parley.builder.note"
_B = "b."  # widget keys: b.name, b.issues.<row>.unit, b.concerns.<row>.behind …
_ISSUE_FIELDS = (
    ("name", "What it is", "monthly rent, notice period, a parking space"),
    ("unit", "Unit", "$, $ a month, percent, months, days, pm, yes/no"),
    ("current", "Today's value (optional)", ""),
    ("their_opening", "Their opening", "for yes/no: 1 yes, 0 no"),
    ("their_target", "Their target", "what they'd be fully happy with"),
    ("their_walk_away", "Their walk-away", "the worst they'd still accept"),
    ("your_target", "Your target", "what you'd be fully happy with"),
    ("your_limit", "Your limit", "the worst you'd still accept"),
)
_NUMERIC = {"current", "their_opening", "their_target", "their_walk_away", "your_target", "your_limit"}
_LIST_FIELDS = ("needs", "tried_before", "your_constraints")


def _state() -> dict[str, Any]:
    state = st.session_state.get(BUILDER_KEY)
    if state is None:
        state = {"issues": [0], "concerns": [0, 1, 2], "next": 3, "problems": {}}
        st.session_state[BUILDER_KEY] = state
    return state


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _number_or_text(text: str | None) -> Any:
    raw = (
        (text or "")
        .replace(",", "")
        .replace("$", "")
        .replace("£", "")
        .replace("€", "")
        .replace("%", "")
        .strip()
    )
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        return text  # the builder names it: "must be a number"


def builder_answers() -> dict[str, Any]:
    """The plain answers the builder's inputs hold now (as data, not yet validated)."""
    from simulator.builder import blank_answers

    ss, state = st.session_state, _state()
    data = blank_answers()
    for key in (
        "name",
        "role",
        "situation",
        "want",
        "opening_position",
        "first_step",
        "your_role",
        "your_goal",
    ):
        data[key] = (ss.get(_B + key) or "").strip()
    data["temperament"] = ss.get(_B + "temperament") or "guarded"
    for key in _LIST_FIELDS:
        data[key] = _lines(ss.get(_B + key))
    data["issues"] = []
    for row in state["issues"]:
        issue: dict[str, Any] = {}
        for key, _, _ in _ISSUE_FIELDS:
            value = ss.get(f"{_B}issues.{row}.{key}")
            issue[key] = _number_or_text(value) if key in _NUMERIC else (value or "").strip()
        issue["matters_to_them"] = ss.get(f"{_B}issues.{row}.matters_to_them") or "some"
        issue["matters_to_you"] = ss.get(f"{_B}issues.{row}.matters_to_you") or "some"
        if any(v not in (None, "") for k, v in issue.items() if not k.startswith("matters")):
            data["issues"].append({k: v for k, v in issue.items() if v not in (None, "")})
    data["concerns"] = []
    for row in state["concerns"]:
        concern = {
            "said_first": (ss.get(f"{_B}concerns.{row}.said_first") or "").strip(),
            "behind": _lines(ss.get(f"{_B}concerns.{row}.behind")),
            "would_answer": (ss.get(f"{_B}concerns.{row}.would_answer") or "").strip(),
            "keywords": split_list(ss.get(f"{_B}concerns.{row}.keywords")),
            "question": (ss.get(f"{_B}concerns.{row}.question") or "").strip(),
        }
        if concern["said_first"] or concern["behind"] or concern["would_answer"]:
            data["concerns"].append(concern)
    return data


def _put_answers(data: dict[str, Any]) -> None:
    """Write answers into the builder's inputs (a draft, an imported answers file); rows are rebuilt to fit."""
    ss, state = st.session_state, _state()
    for key in (
        "name",
        "role",
        "situation",
        "want",
        "opening_position",
        "first_step",
        "your_role",
        "your_goal",
    ):
        ss[_B + key] = str(data.get(key) or "")
    if data.get("temperament") in ("warm", "guarded", "blunt", "anxious"):
        ss[_B + "temperament"] = data["temperament"]
    for key in _LIST_FIELDS:
        ss[_B + key] = "\n".join(str(x) for x in data.get(key) or [])
    state["issues"] = list(range(state["next"], state["next"] + max(1, len(data.get("issues") or []))))
    state["next"] += len(state["issues"])
    for row, issue in zip(state["issues"], data.get("issues") or [], strict=False):
        for key, _, _ in _ISSUE_FIELDS:
            value = issue.get(key)
            ss[f"{_B}issues.{row}.{key}"] = (
                "" if value is None else (f"{value:g}" if isinstance(value, float | int) else str(value))
            )
        for key in ("matters_to_them", "matters_to_you"):
            ss[f"{_B}issues.{row}.{key}"] = issue.get(key) or "some"
    state["concerns"] = list(range(state["next"], state["next"] + max(3, len(data.get("concerns") or []))))
    state["next"] += len(state["concerns"])
    for row, concern in zip(state["concerns"], data.get("concerns") or [], strict=False):
        ss[f"{_B}concerns.{row}.said_first"] = str(concern.get("said_first") or "")
        ss[f"{_B}concerns.{row}.behind"] = "\n".join(concern.get("behind") or [])
        ss[f"{_B}concerns.{row}.would_answer"] = str(concern.get("would_answer") or "")
        ss[f"{_B}concerns.{row}.keywords"] = comma_list(concern.get("keywords"))
        ss[f"{_B}concerns.{row}.question"] = str(concern.get("question") or "")


def _start_blank() -> None:
    """A new persona starts blank: only your side comes from your Prepare answers."""
    from simulator.builder import blank_answers, prefill_from_prep
    from ui.actions import prep_draft

    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(_B)]:
        del st.session_state[key]
    st.session_state.pop(BUILDER_KEY, None)
    st.session_state.pop(BUILT_KEY, None)
    _state()
    _put_answers(prefill_from_prep(blank_answers(), prep_draft()))


def _add_row(section: str) -> None:
    state = _state()
    state[section].append(state["next"])
    state["next"] += 1


def _remove_row(section: str, row: int) -> None:
    state = _state()
    if row in state[section]:
        state[section].remove(row)


def _draft(ctx: AppContext) -> None:
    from simulator.builder_draft import DraftError, draft_answers

    voice_client = getattr(ctx.service.voice, "client", None)
    try:
        merged, missing = draft_answers(
            voice_client, st.session_state.get(_B + "description") or "", builder_answers()
        )
    except DraftError as exc:
        st.session_state[DRAFT_NOTE_KEY] = ("error", exc.message)
        return
    _put_answers(merged)
    note = "Drafted. Check every answer before you save."
    if missing:
        note += " Still to fill in: " + "; ".join(missing[:8])
    st.session_state[DRAFT_NOTE_KEY] = ("info", note)


def _problem_at(path: str) -> None:
    """The builder's message for the answer at `path`, shown under it."""
    for message in _state()["problems"].get(path, []):
        st.error(md_text(message), icon=":material/edit:")


def _build_and_save(ctx: AppContext) -> None:
    from simulator.builder import BuildError, answers_from_data, build_persona

    state = _state()
    state["problems"] = {}
    data = builder_answers()
    try:
        answers = answers_from_data(data)
        answers = answers.model_copy(update={"id": answers.id or ""})
        persona = build_persona(answers)
    except BuildError as exc:
        for problem in exc.problems:
            state["problems"].setdefault(_where(problem.field), []).append(str(problem))
        return
    editing = state.get("editing")
    if editing and editing in ctx.service.library.personas and not _is_builtin(ctx, editing):
        persona = persona.model_copy(update={"id": editing})  # saving again replaces what these answers made
    else:
        editing = None
        persona = persona.model_copy(update={"id": unique_id(ctx.service.library, persona.id)})
    shelf = ctx.service.persona_shelf()
    try:
        if not shelf.team_mode:
            save_target(ctx, persona, editing=editing)  # its problems in Markdown-safe words
        shelf.save(
            persona, editing=editing, shared=st.session_state.get("b-share") if shelf.team_mode else None
        )
    except PersonaError as exc:
        state["problems"]["name"] = [md_text(p) for p in exc.problems]
        return
    reload_personas(ctx)
    st.session_state[BUILT_KEY] = persona.id
    state["editing"] = persona.id
    state["answers"] = data


def _change_answers() -> None:
    """Back to the form with the answers that made the persona; saving again replaces it."""
    st.session_state.pop(BUILT_KEY, None)
    # Inputs not drawn in a run lose their state: the answers are put back from what was saved.
    _put_answers(_state().get("answers") or {})


def _load_answers_file() -> None:
    from simulator.builder import BuildError, answers_from_text

    upload = st.session_state.get("b-answers-file")
    if upload is None:
        return
    try:
        answers = answers_from_text(read_upload(upload))
    except (BuildError, PersonaError) as exc:
        problems = exc.problems
        st.session_state[DRAFT_NOTE_KEY] = (
            "error",
            "That answers file cannot be used: " + "; ".join(str(p) for p in problems),
        )
        return
    st.session_state.pop(BUILT_KEY, None)
    _put_answers(answers.model_dump(mode="json"))
    st.session_state[DRAFT_NOTE_KEY] = ("info", "Answers loaded from the file. Check them before you save.")


def _where(field: str) -> str:
    """The input a problem is shown at: 'concerns.1.would_answer' -> that row's input (rows by position)."""
    parts = field.split(".")
    state = _state()
    if parts[0] in ("concerns", "issues") and len(parts) >= 2 and parts[1].isdigit():
        rows = state[parts[0]]
        index = int(parts[1])
        # builder_answers() skips empty rows: map the n-th filled row back to its row id.
        filled = [r for r in rows if _row_filled(parts[0], r)]
        row = (
            filled[index]
            if index < len(filled)
            else (rows[index] if index < len(rows) else rows[-1] if rows else 0)
        )
        leaf = parts[2] if len(parts) > 2 else "said_first" if parts[0] == "concerns" else "name"
        return f"{parts[0]}.{row}.{leaf}"
    if parts[0] in _LIST_FIELDS:
        return parts[0]
    return parts[0]


def _row_filled(section: str, row: int) -> bool:
    ss = st.session_state
    if section == "issues":
        return any((ss.get(f"{_B}issues.{row}.{k}") or "").strip() for k, _, _ in _ISSUE_FIELDS)
    return any(
        (ss.get(f"{_B}concerns.{row}.{k}") or "").strip() for k in ("said_first", "behind", "would_answer")
    )


def _text(key: str, label: str, help_text: str = "", area: bool = False, placeholder: str = "") -> None:
    widget = st.text_area if area else st.text_input
    kwargs: dict[str, Any] = {"key": _B + key, "help": help_text or None, "placeholder": placeholder or None}
    if area:
        kwargs["height"] = 80
    widget(label, **kwargs)
    _problem_at(key)


def builder(ctx: AppContext) -> None:
    """Build your own counterpart from plain answers: no YAML, nothing from another persona."""
    if BUILDER_KEY not in st.session_state:
        _start_blank()
    state = _state()
    saved = st.session_state.get(BUILT_KEY)
    if saved and saved in ctx.service.library.personas:
        _after_save(ctx, saved)
        return
    if state.get("answers") and (_B + "name") not in st.session_state:
        _put_answers(
            state["answers"]
        )  # back from another page: Streamlit dropped the inputs' state, not ours
    _builder_intro(ctx, state)
    _who_they_are()
    _terms_on_the_table(state)
    _their_concerns(state)
    _their_words_and_your_side()
    _builder_save(ctx, state)


def _builder_intro(ctx: AppContext, state: dict[str, Any]) -> None:
    """How the builder works, starting again, drafting from a description, and what saving will replace."""
    st.caption(
        "Answer in plain words, in their voice where it says so. Parley writes the lines, the keywords and "
        "the questions from your answers, checks the result, and tells you which answer to change."
    )
    st.button("Start again from blank", on_click=_start_blank, icon=":material/restart_alt:", key="b-blank")
    with st.expander("Draft from my description (needs a connected model)", expanded=False):
        st.text_area(
            "Describe the situation in a paragraph: who they are, what they want, the numbers",
            key=_B + "description",
            height=110,
            max_chars=4000,
        )
        connected = getattr(ctx.service.voice, "client", None) is not None
        st.button(
            "Draft from my description", on_click=_draft, args=(ctx,), disabled=not connected, key="b-draft"
        )
        if not connected:
            st.caption("No model is connected (see Settings); the questions below work the same without one.")
    st.caption(
        "To load plain answers from a file (from 'Download my answers' or `parley personas new --from`), "
        "use Import / export."
    )
    if state.get("editing") in ctx.service.library.personas:
        st.info(
            md_text(
                f"Saving replaces {ctx.service.library.get(state['editing']).name}, made from these answers."
            )
        )
    if note := st.session_state.pop(DRAFT_NOTE_KEY, None):
        (st.error if note[0] == "error" else st.info)(md_text(note[1]))


def _who_they_are() -> None:
    """Their name, role, situation, what they want, their opening position and temperament."""
    from simulator.builder import TEMPERAMENTS

    st.subheader("Who they are")
    _text("name", "Their name")
    _text("role", "Who they are, in a line", placeholder="Owner of the flat I rent")
    _text(
        "situation",
        "The situation in a sentence or two (call yourself by your role, not 'you')",
        area=True,
        placeholder="The tenant of Sam's flat pays $1,500 a month; Sam wants $1,750 when the lease ends.",
    )
    _text(
        "want",
        "What they want from this conversation, in their words",
        placeholder="I want the rent to cover my costs.",
    )
    _text(
        "opening_position",
        "Their opening position, with its numbers",
        placeholder="$1,750 a month on a 12-month lease.",
    )
    st.radio(
        "How they come across",
        list(TEMPERAMENTS),
        key=_B + "temperament",
        horizontal=True,
        format_func=lambda t: t.capitalize(),
    )
    st.caption(md_text(TEMPERAMENTS.get(st.session_state.get(_B + "temperament") or "guarded", "")))


def _terms_on_the_table(state: dict[str, Any]) -> None:
    """One bordered row per term with its numbers and how much it matters to each side."""
    st.subheader("The terms on the table")
    st.caption(
        "Each term with its numbers. A time of day: unit 'pm' or 'am', whole hours. Yes/no: 1 for yes, 0 for no."
    )
    _problem_at("issues")
    for n, row in enumerate(state["issues"]):
        with st.container(border=True):
            cols = st.columns(4)
            for k, (key, label, hint) in enumerate(_ISSUE_FIELDS):
                with cols[k % 4]:
                    st.text_input(
                        f"{label} ({n + 1})" if k == 0 else label,
                        key=f"{_B}issues.{row}.{key}",
                        help=hint or None,
                    )
                    _problem_at(f"issues.{row}.{key}")
            left, right, remove = st.columns([2, 2, 1])
            for column, who in ((left, "them"), (right, "you")):
                key = f"{_B}issues.{row}.matters_to_{who}"
                st.session_state.setdefault(key, "some")
                column.selectbox(f"Matters to {who}", ["a lot", "some", "a little"], key=key)
            remove.button(
                "Remove",
                key=f"b-remove-issue-{row}",
                on_click=_remove_row,
                args=("issues", row),
                disabled=len(state["issues"]) <= 1,
            )
    st.button("Add a term", on_click=_add_row, args=("issues",), icon=":material/add:", key="b-add-issue")


def _their_concerns(state: dict[str, Any]) -> None:
    """Three to five concerns, each with what Parley will listen for and ask, as suggested from the answers."""
    from simulator.builder import answers_from_data, suggestions

    st.subheader("Their concerns (3 to 5)")
    _problem_at("concerns")
    hints: dict[int, dict[str, Any]] = {}
    try:
        hints = suggestions(answers_from_data(builder_answers()))
    except Exception:  # noqa: BLE001 - suggestions are a courtesy while the answers are incomplete
        hints = {}
    filled = [r for r in state["concerns"] if _row_filled("concerns", r)]
    for n, row in enumerate(state["concerns"]):
        with st.container(border=True):
            _text(f"concerns.{row}.said_first", f"Concern {n + 1}: what they'd say at first, in their words")
            _text(
                f"concerns.{row}.behind",
                "What's really behind it, in their words (one or two lines; the deepest last)",
                area=True,
            )
            _text(
                f"concerns.{row}.would_answer",
                "What would answer it: one of the terms with its number",
                placeholder="a lease of 24 months",
            )
            suggested = hints.get(filled.index(row)) if row in filled else None
            if suggested:
                st.caption(
                    "Parley will listen for: "
                    + md_text(", ".join(suggested["keywords"]))
                    + "  \nand suggests "
                    "asking: "
                    + md_text(suggested["question"])
                    + "  \nanswered by: "
                    + md_text(", ".join(suggested["terms"]) or "no term yet")
                )
            with st.expander("Change the words it listens for, or the question"):
                st.text_input(
                    "Words it listens for (comma list; empty: the suggestion)",
                    key=f"{_B}concerns.{row}.keywords",
                )
                _problem_at(f"concerns.{row}.keywords")
                st.text_input(
                    "The question that opens it (empty: the suggestion)", key=f"{_B}concerns.{row}.question"
                )
                _problem_at(f"concerns.{row}.question")
            st.button(
                "Remove",
                key=f"b-remove-concern-{row}",
                on_click=_remove_row,
                args=("concerns", row),
                disabled=len(state["concerns"]) <= 3,
            )
    st.button(
        "Add a concern",
        on_click=_add_row,
        args=("concerns",),
        icon=":material/add:",
        key="b-add-concern",
        disabled=len(state["concerns"]) >= 5,
    )


def _their_words_and_your_side() -> None:
    """Their needs, what they tried and a first step; then the user's own side of the brief."""
    st.subheader("What else they'd say")
    _text("needs", "What they need, in their words (one a line)", area=True, placeholder="I need ...")
    _text("tried_before", "What they have tried before, in their words (one a line)", area=True)
    _text("first_step", "A first step they'd accept, in their words")

    st.subheader("Your side")
    st.caption(
        "Filled in from your Prepare answers where you gave them. Leave the goal empty to use your targets."
    )
    _text("your_role", "Who you are to them", placeholder="You rent the flat on the top floor.")
    _text("your_goal", "Your goal", area=True)
    _text("your_constraints", "What limits you (one a line)", area=True)


def _builder_save(ctx: AppContext, state: dict[str, Any]) -> None:
    """Keep the answers across pages, choose who sees it, build and save, and list the answers to change."""
    state["answers"] = builder_answers()  # kept across pages (inputs lose their state when not drawn)
    share_choice(
        ctx, "b-share", state.get("editing") if state.get("editing") in ctx.service.library.personas else None
    )
    if st.button("Build and save", type="primary", key="b-save", icon=":material/check:"):
        _build_and_save(ctx)
        st.rerun()
    if state["problems"]:
        listed = [m for messages in state["problems"].values() for m in messages]
        st.error(
            f"{len(listed)} answer(s) to change (each is also shown under its answer above):  \n"
            + "  \n".join("• " + md_text(m) for m in listed)
        )


def _after_save(ctx: AppContext, persona_id: str) -> None:
    from ui.actions import start_rehearsal

    persona = ctx.service.library.get(persona_id)
    st.success(md_text(f"Saved {persona.name}. It passes the checks with no warnings and is in the gallery."))
    difficulty = st.segmented_control(
        "Difficulty", DIFFICULTIES, default=persona.default_difficulty, required=True, key="b-difficulty"
    )
    go, share, answers, change, again = st.columns(5)
    if go.button("Rehearse with them", type="primary", icon=":material/forum:", key="b-rehearse"):
        start_rehearsal(ctx, persona.id, difficulty or persona.default_difficulty, DEFAULT_MODE)
    share.download_button(
        "Download the persona file",
        persona_to_yaml(persona),
        file_name=f"{persona.id}.yaml",
        mime="application/x-yaml",
        icon=":material/download:",
        key="b-download",
    )
    plain = yaml.safe_dump(_state().get("answers") or {}, sort_keys=False, allow_unicode=True)
    answers.download_button(
        "Download my answers",
        plain,
        file_name=f"{persona.id}.answers.yaml",
        mime="application/x-yaml",
        icon=":material/download:",
        key="b-download-answers",
        help="Plain answers: load them here again, or `parley personas new --from` this file",
    )
    change.button("Change my answers", on_click=_change_answers, key="b-change", icon=":material/edit:")
    again.button("Build another", on_click=_start_blank, key="b-another", icon=":material/add:")


# --- Every field without YAML ------------------------------------------------------------------------------------

PLAIN_KEY = "parley.plain.base"
CONCERN_COLUMNS = (
    "id",
    "title",
    "surface",
    "layer_1",
    "layer_2",
    "layer_3",
    "layer_4",
    "keywords",
    "addressed_by",
    "key",
    "opened_by",
    "answered_by_terms",
)
_CONCERN_LISTS = ("keywords", "addressed_by", "answered_by_terms")


_LIST_COMMA = re.compile(r",(?!\d{3}\b)")


def split_phrases(text: Any) -> list[str]:
    """'direct debit, $1,500 a month' -> ['direct debit', '$1,500 a month']: a comma inside a number is kept."""
    text = _cell(text)
    return [part.strip() for part in _LIST_COMMA.split(str(text)) if part.strip()] if text is not None else []


def concerns_frame(concerns: list[dict[str, Any]]) -> pd.DataFrame:
    """One row per concern; layers in their own columns (the last filled one is the real reason), lists as commas."""
    rows = []
    for c in concerns:
        row = {k: c.get(k) for k in ("id", "title", "surface", "opened_by")}
        row["key"] = bool(c.get("key", True))
        for n in range(4):
            layers = c.get("layers") or []
            row[f"layer_{n + 1}"] = layers[n] if n < len(layers) else None
        for k in _CONCERN_LISTS:
            row[k] = comma_list(c.get(k))
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(CONCERN_COLUMNS))
    return frame.astype({c: "object" for c in CONCERN_COLUMNS if c != "key"} | {"key": "bool"})


def concerns_from_frame(frame: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for record in frame.to_dict("records"):
        row = {k: _cell(record.get(k)) for k in CONCERN_COLUMNS}
        if all(row[k] is None for k in CONCERN_COLUMNS if k != "key"):
            continue
        concern: dict[str, Any] = {
            k: row[k] for k in ("id", "title", "surface", "opened_by") if row[k] is not None
        }
        concern["layers"] = [row[f"layer_{n}"] for n in range(1, 5) if row[f"layer_{n}"] is not None]
        for k in _CONCERN_LISTS:
            concern[k] = split_phrases(row[k])
        concern["key"] = True if row["key"] is None else bool(row["key"])
        out.append(concern)
    return out


def rows_frame(items: list[str], column: str = "text") -> pd.DataFrame:
    return pd.DataFrame({column: list(items)}, columns=[column]).astype({column: "object"})


def rows_from_frame(frame: pd.DataFrame, column: str = "text") -> list[str]:
    return [v for v in (_cell(r.get(column)) for r in frame.to_dict("records")) if v is not None]


def needs_frame(needs: list[dict[str, Any]]) -> pd.DataFrame:
    rows = [
        {"id": n.get("id"), "text": n.get("text"), "keywords": comma_list(n.get("keywords"))} for n in needs
    ]
    return pd.DataFrame(rows, columns=["id", "text", "keywords"]).astype("object")


def needs_from_frame(frame: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for record in frame.to_dict("records"):
        row = {k: _cell(record.get(k)) for k in ("id", "text", "keywords")}
        if all(v is None for v in row.values()):
            continue
        out.append(
            {
                **{k: row[k] for k in ("id", "text") if row[k] is not None},
                "keywords": split_phrases(row["keywords"]),
            }
        )
    return out


def lines_frame(lines: dict[str, list[str]]) -> pd.DataFrame:
    rows = [{"move": move, "line": line} for move, variants in lines.items() for line in variants]
    return pd.DataFrame(rows, columns=["move", "line"]).astype("object")


def lines_from_frame(frame: pd.DataFrame) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for record in frame.to_dict("records"):
        move, line = _cell(record.get("move")), _cell(record.get("line"))
        if move is None and line is None:
            continue
        out.setdefault(str(move or ""), []).append(str(line or ""))
    return out


def plain_persona(values: dict[str, Any], tables: dict[str, pd.DataFrame], base: dict[str, Any]) -> Persona:
    """The persona an every-field form describes (no YAML anywhere), validated like a file, problems in plain words."""
    data = {
        **{k: v for k, v in values.items() if not k.startswith(("brief_", "their_"))},
        "user_brief": {
            "role": values["brief_role"],
            "goal": values["brief_goal"],
            "constraints": rows_from_frame(tables["constraints"]),
            "unknown_hint": values["brief_hint"],
        },
        "counterpart": {
            "goals": rows_from_frame(tables["goals"]),
            "position": values["their_position"],
            "walk_away": values["their_walk_away"],
        },
        "concerns": concerns_from_frame(tables["concerns"]),
        "needs": needs_from_frame(tables["needs"]),
        "history": rows_from_frame(tables["history"]),
        "issues": issues_from_frame(tables["issues"]),
        "facts": facts_from_frame(tables["facts"]),
        "lines": lines_from_frame(tables["lines"]),
    }
    if base.get("difficulties"):
        data["difficulties"] = base["difficulties"]
    try:
        return parse_persona_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), SOURCE)
    except PersonaError as exc:
        raise PersonaError(SOURCE, [plain_problem(p, data) for p in exc.problems]) from None


def _duplicate(ctx: AppContext, persona_id: str) -> None:
    """An explicit copy of a persona (a built-in's content, on purpose) saved as your own under a new id."""
    try:
        source = ctx.service.library.get(persona_id)
        copy = ctx.service.persona_shelf().duplicate(persona_id)  # only a persona you may see; saved as yours
    except (KeyError, PersonaError) as exc:
        st.session_state[FLASH_KEY] = f"Could not duplicate: {exc}"
        return
    reload_personas(ctx)
    st.session_state[PLAIN_KEY] = copy.id
    st.session_state[FLASH_KEY] = f"Duplicated {source.name} as '{copy.id}': edit it below."


def plain_editor(ctx: AppContext) -> None:
    """Every field of your own persona in inputs and tables (rows you add and remove): no YAML."""
    library = ctx.service.library
    pid = _own_persona_choice(ctx, library)
    if pid is None:
        return
    base = library.get(pid).model_dump(mode="json")
    k = f"plain-{pid}"
    with st.form(k):
        values: dict[str, Any] = {"id": pid}
        for name, label in (
            ("name", "Name"),
            ("role", "Role"),
            ("title", "Scenario in a few words"),
            ("teaches", "What rehearsing with them is good for"),
            ("scenario", "Scenario"),
            ("temperament", "Temperament"),
            ("first_step", "First step they'd accept"),
            ("goal_line", "What they say when asked about their side"),
        ):
            values[name] = st.text_input(label, base[name], key=f"{k}-{name}")
        values["default_difficulty"] = st.selectbox(
            "Default difficulty",
            DIFFICULTIES,
            key=f"{k}-difficulty",
            index=DIFFICULTIES.index(base["default_difficulty"]),
        )
        st.markdown("**Your side of the brief**")
        values["brief_role"] = st.text_input("Your role", base["user_brief"]["role"], key=f"{k}-brief-role")
        values["brief_goal"] = st.text_input("Your goal", base["user_brief"]["goal"], key=f"{k}-brief-goal")
        values["brief_hint"] = st.text_input(
            "A hint of what you don't know yet", base["user_brief"]["unknown_hint"], key=f"{k}-brief-hint"
        )
        tables: dict[str, pd.DataFrame] = {}

        def table(name: str, title: str, frame: pd.DataFrame, config: dict[str, Any] | None = None) -> None:
            st.markdown(f"**{title}**")
            tables[name] = st.data_editor(
                frame,
                key=f"{k}-{name}",
                num_rows="dynamic",
                hide_index=True,
                width="stretch",
                column_config=config,
            )

        table("constraints", "What limits you (one a row)", rows_frame(base["user_brief"]["constraints"]))
        st.markdown("**Their side**")
        values["their_position"] = st.text_input(
            "Their opening position", base["counterpart"]["position"], key=f"{k}-position"
        )
        values["their_walk_away"] = st.text_input(
            "Their walk-away, in words", base["counterpart"]["walk_away"], key=f"{k}-walk-away"
        )
        table("goals", "Their goals (one a row)", rows_frame(base["counterpart"]["goals"]))
        table(
            "concerns",
            "Concerns (one a row; layers in order, the last is the real reason; lists as commas)",
            concerns_frame(base["concerns"]),
            {"key": st.column_config.CheckboxColumn("key", default=True)},
        )
        table("needs", "Needs", needs_frame(base["needs"]))
        table("history", "What they tried before (one a row)", rows_frame(base["history"]))
        table("issues", "Issues: the terms on the table", issues_frame(base["issues"]), _ISSUE_CONFIG)
        table("facts", "Facts", facts_frame(base["facts"]), _FACT_CONFIG)
        from simulator.personas import COUNTERPART_MOVES

        table(
            "lines",
            "Lines: one variant a row ({content} where the move carries content)",
            lines_frame(base["lines"]),
            {
                "move": st.column_config.SelectboxColumn(
                    "move", options=list(COUNTERPART_MOVES), required=True
                )
            },
        )
        shared = share_choice(ctx, f"{k}-share", pid)
        submitted = st.form_submit_button("Save every field", type="primary")
    if ctx.service.persona_shelf().team_mode:
        sure = st.checkbox(f"I want to delete {md_text(base['name'])} ({pid})", key=f"{k}-delete-sure")
        st.button(
            "Delete this persona",
            key=f"{k}-delete",
            on_click=_delete,
            args=(ctx, pid),
            disabled=not sure,
            icon=":material/delete:",
            help="Sessions you rehearsed with it are kept, but can no longer be opened.",
        )
    if submitted:
        try:
            persona = plain_persona(values, tables, base)
        except PersonaError as exc:
            _show_problems(exc)
            return
        save_persona(ctx, persona, editing=pid, shared=shared)


def _own_persona_choice(ctx: AppContext, library: PersonaLibrary) -> str | None:
    """Duplicate a built-in, and pick which of your own personas to edit; None (saying so) when you have none."""
    own = [pid for pid in library.ids() if not _is_builtin(ctx, pid)]
    builtins = [pid for pid in library.ids() if _is_builtin(ctx, pid)]
    left, right = st.columns([3, 1])
    pick = left.selectbox(
        "Duplicate a built-in to edit your own copy",
        builtins,
        key="plain-dup-pick",
        format_func=lambda pid: (
            library.personas[pid].name + ("" if is_builtin(library, pid) else f" ({persona_label(ctx, pid)})")
        ),
    )
    right.button("Duplicate", key="plain-dup", on_click=_duplicate, args=(ctx, pick), disabled=not builtins)
    if not own:
        st.caption(
            "You have no personas of your own yet: build one (Build your own) or duplicate a built-in."
        )
        return None
    if st.session_state.get(PLAIN_KEY) not in own:
        st.session_state[PLAIN_KEY] = own[0]
    return st.selectbox(
        "Your persona",
        own,
        key=PLAIN_KEY,
        format_func=lambda p: f"{library.personas[p].name} ({persona_label(ctx, p)})",
    )


def _delete(ctx: AppContext, persona_id: str) -> None:
    """Delete one of your own personas (the service refuses anyone else's)."""
    try:
        name = ctx.service.library.get(persona_id).name
        ctx.service.persona_shelf().delete(persona_id)
    except KeyError as exc:
        st.session_state[FLASH_KEY] = f"Not deleted: {exc}"
        return
    reload_personas(ctx)
    st.session_state.pop(PLAIN_KEY, None)
    st.session_state[FLASH_KEY] = f"Deleted {name}."
