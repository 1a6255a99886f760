"""The rehearsal service every front end uses (CLI, app, learners): start, reply, rewind, end, review.

It checks who may do what and what they typed, keeps the audit log, and shapes what front ends show
(simulator/session_views.py); keeping turns safe (logged before the graph runs, half-run turns finished on open)
is simulator/session_store.py's job.
"""

from __future__ import annotations

import copy
import io
import json
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from simulator.graph import build_transcript, user_turn_count
from simulator.modes import DEFAULT_MODE
from simulator.persona_shelf import PersonaCatalog, PersonaShelf
from simulator.personas import DIFFICULTIES, Persona, PersonaLibrary, load_library
from simulator.run_context import Engines
from simulator.session_store import SessionStore
from simulator.session_views import SessionView, TurnResult
from simulator.settings import Settings
from simulator.store import LOCAL_OWNER, AssignmentRow, SessionLocked, SessionRow, Store, StoreError
from simulator.transcript import Prep, Transcript
from simulator.voice import AuthoredVoice, Voice

if TYPE_CHECKING:
    from simulator.evaluation import Judge

_CONTROL = {c: None for c in range(32) if c not in (9, 10)} | {127: None}
_SURROGATE = re.compile(
    "[\ud800-\udfff]"
)  # undecodable input bytes (surrogateescape) cannot be stored as UTF-8


MAX_PREP_CHARS = 4_000  # each mirror answer; the Prepare page caps its boxes at the same length
VIEW_AUDIT_EVERY_S = (
    600.0  # a page re-run views a session again: one 'view' audit entry per person per session per 10 min
)
MAX_OWNER_CHARS = 320  # an email address at most
MAX_COMMENT_CHARS = 2_000
MAX_NOTE_CHARS = 1_000  # a coach's note on an assignment


class InputError(ValueError):
    """A user turn or request that cannot be used; the message says what to do instead."""


class SessionBusy(InputError):
    """Another window or process is writing this session and did not finish within the wait; nothing was saved."""


BUSY_MESSAGE = "This session is busy in another window; try again in a moment."


class SessionNotFound(KeyError):
    """No session with that id."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "session not found"


class AssignmentNotFound(SessionNotFound):
    """No assignment with that id that this person may see (someone else's gets the same answer)."""


def clean_user_text(text: str, limit: int) -> tuple[str, str | None]:
    """Strip NULs and control characters, normalise line ends, and truncate very long turns with a notice."""
    if not isinstance(text, str):
        raise InputError("A turn must be text.")
    cleaned = _SURROGATE.sub("\ufffd", text.replace("\r\n", "\n").translate(_CONTROL)).strip()
    notice = None
    if len(cleaned) > limit:
        notice = f"Your message was {len(cleaned):,} characters; only the first {limit:,} were kept."
        cleaned = cleaned[:limit].rstrip()
    return cleaned, notice


def _due_date(due: str | date | None) -> str | None:
    """A due date as stored (ISO YYYY-MM-DD), or None; today or later."""
    if due is None or (isinstance(due, str) and not due.strip()):
        return None
    if isinstance(due, str):
        written = due.strip()
        try:
            due = date.fromisoformat(written)
        except ValueError:
            raise InputError(
                f"The due date '{written[:40]}' is not a date; write it as YYYY-MM-DD."
            ) from None
    if not isinstance(due, date):
        raise InputError("The due date must be a date (YYYY-MM-DD).")
    if due < date.today():
        raise InputError(f"The due date {due.isoformat()} is in the past.")
    return due.isoformat()


def clean_owner(owner: str) -> str:
    """An owner id (email or OIDC sub) as stored: text, trimmed, not empty, not absurdly long."""
    if not isinstance(owner, str) or not owner.strip() or len(owner.strip()) > MAX_OWNER_CHARS:
        raise InputError("A session owner must be a non-empty name or email of at most 320 characters.")
    return owner.strip()


class Rehearsals:
    """Sessions against personas, stored in a real database, driven through the LangGraph state machine.

    Every session belongs to an owner (`LOCAL_OWNER` when nobody signs in). A service acts for one owner
    (`for_owner`): it reads, lists, exports, rewinds and deletes only that owner's sessions, and another
    owner's id gets the same SessionNotFound as a missing one.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        store: Store | None = None,
        library: PersonaLibrary | None = None,
        voice: Voice | None = None,
        judge: Judge | None = None,
        judge_status: str | None = None,
        owner: str = LOCAL_OWNER,
    ):
        self.owner = clean_owner(owner)
        self.role, self.team = "learner", ""  # for_owner() looks them up (parley_members, PARLEY_ADMINS)
        self._viewed: dict[
            tuple[str, str], float
        ] = {}  # (owner, session) -> when its last 'view' was audited
        self._viewed_guard = threading.Lock()
        self.settings = settings
        self.store = store or Store(settings.resolved_database_url)
        # Shared by every for_owner() copy: built-ins, the persona folder and (team mode) each person's own personas.
        self.personas = PersonaCatalog(settings, self.store, library or load_library(settings.persona_dirs))
        self.session_store = SessionStore(self.store, Engines(voice=voice or AuthoredVoice(), judge=judge))
        # What Settings reports: the judge that actually loaded, or why the one asked for did not.
        self.judge_status = judge_status or ("on" if judge is not None else "off")

    @property
    def voice(self) -> Voice:
        """What phrases the counterpart's lines."""
        return self.session_store.engines.voice

    @property
    def judge(self) -> Judge | None:
        """The optional LLM judge of the scorecard."""
        return self.session_store.engines.judge

    @property
    def graph(self) -> Any:
        """The compiled rehearsal graph over this service's checkpointer."""
        return self.session_store.graph

    @property
    def library(self) -> PersonaLibrary:
        """The personas this owner may see and rehearse with (team mode: not someone else's private ones); replacing
        it (after a save or import) replaces the built-ins and persona folder for every owner's copy too."""
        return self.personas.visible(self.owner, self.team)

    @library.setter
    def library(self, value: PersonaLibrary) -> None:
        self.personas.base = value

    def persona_shelf(self) -> PersonaShelf:
        """This owner's custom personas: save, duplicate, download and delete, with the ownership checks."""
        return PersonaShelf(self.personas, self.owner, self.team, self.store)

    def for_owner(self, owner: str) -> Rehearsals:
        """The same service (database, voice, graph) acting for another owner: cheap, made per request."""
        other = copy.copy(self)
        other.owner = clean_owner(owner)
        member = self.store.get_member(other.owner)
        other.role, other.team = member if member else ("learner", "")
        if other.owner.lower() in self.settings.admin_emails:
            other.role = "admin"
        return other

    def close(self) -> None:
        """Close the database (and whatever the voice holds)."""
        for part in (self.judge, self.voice):
            closer = getattr(part, "close", None)
            if callable(closer):
                closer()
        self.store.close()

    # -- helpers ------------------------------------------------------------------------------------------
    @contextmanager
    def _at_rest(
        self, row: SessionRow, persona: Persona, *, reading: bool = False
    ) -> Iterator[dict[str, Any]]:
        """The session's state at rest, with this service its only writer (SessionStore.at_rest); SessionBusy if
        another writer kept it for longer than the wait, or took the turn this one was about to log."""
        try:
            with self.session_store.at_rest(row, persona, reading=reading) as values:
                yield values
        except SessionLocked:
            raise SessionBusy(BUSY_MESSAGE) from None

    def _read(self, row: SessionRow, persona: Persona) -> dict[str, Any]:
        """The session's state at rest, for reading (a read-only database is still readable)."""
        with self._at_rest(row, persona, reading=True) as values:
            return values

    def _row(self, session_id: str) -> SessionRow:
        """One of this owner's own sessions (what may be changed), else SessionNotFound."""
        row = self.store.get_session(session_id, owner=self.owner) if isinstance(session_id, str) else None
        if row is None:  # someone else's session gets exactly the answer a missing one does
            raise self._not_found(session_id)
        return row

    def _readable_row(self, session_id: str) -> SessionRow:
        """A session this person may read: their own, or (a coach) one of a learner in their team."""
        row = self.store.get_session(session_id, owner=self.owner) if isinstance(session_id, str) else None
        if row is None and isinstance(session_id, str) and self.role == "coach" and self.team:
            row = self.store.team_session(session_id, self.team)
        if row is None:
            raise self._not_found(session_id)
        return row

    @staticmethod
    def _not_found(session_id: object) -> SessionNotFound:
        return SessionNotFound(
            f"No session '{session_id}'. It may have been deleted; the history lists the sessions there are."
        )

    def _persona_for(self, row: SessionRow) -> Persona:
        # A session is read with the personas its owner could see (a coach reading a learner's own persona).
        library = (
            self.library
            if row.owner == self.owner
            else self.personas.visible(row.owner, self.personas.owner_team(row.owner))
        )
        try:
            return library.get(row.persona_id)
        except KeyError as exc:
            raise InputError(
                f"Session '{row.id}' used persona '{row.persona_id}', which is no longer installed. {exc}"
            ) from None

    # -- public API ---------------------------------------------------------------------------------------
    def start(
        self,
        persona_id: str,
        difficulty: str | None = None,
        *,
        prep: Prep | dict[str, str] | None = None,
        seed: int | None = None,
        mode: str = DEFAULT_MODE,
        session_id: str | None = None,
        on_token: Callable[[str], None] | None = None,
    ) -> TurnResult:
        """Start a session; returns the counterpart's opening line."""
        persona, difficulty = self._persona_and_difficulty(persona_id, difficulty)
        try:
            prep_dict = (
                prep.model_dump() if isinstance(prep, Prep) else Prep.model_validate(prep or {}).model_dump()
            )
        except ValidationError as exc:
            field_name = ".".join(str(p) for p in exc.errors()[0]["loc"])
            raise InputError(f"Your preparation answer '{field_name}' must be text.") from None
        too_long = [name for name, value in prep_dict.items() if len(value) > MAX_PREP_CHARS]
        if too_long:
            raise InputError(
                f"Your preparation answer '{too_long[0]}' is longer than {MAX_PREP_CHARS:,} characters; "
                "please shorten it."
            )
        row = SessionRow.new(
            persona.id,
            persona.name,
            difficulty,
            seed=seed,
            prep=prep_dict,
            mode=mode,
            owner=self.owner,
            session_id=session_id,
        )
        self.store.create_session(row)
        self._audit("start", row.id, f"persona={persona.id} difficulty={difficulty}")
        return TurnResult.from_state(row.id, persona, self.session_store.open(row, persona, on_token))

    def reply(
        self, session_id: str, text: str, *, on_token: Callable[[str], None] | None = None
    ) -> TurnResult:
        """Send one user turn; it is saved before anything that can fail runs."""
        row = self._row(session_id)
        persona = self._persona_for(row)
        cleaned, notice = clean_user_text(text, self.settings.max_turn_chars)
        if not cleaned:
            raise InputError(
                f"Your message is empty. Type what you would say to {persona.name}, or end the session."
            )
        with self._at_rest(row, persona) as values:
            if values.get("ended"):
                raise InputError(
                    "This session has ended. Start a new one, or rewind to an earlier turn to try again."
                )
            values = self.session_store.take_turn(row, persona, values, cleaned, on_token)
        return TurnResult.from_state(row.id, persona, values, notice)

    def end(self, session_id: str) -> TurnResult:
        """End the session now and compute the scorecard."""
        row = self._row(session_id)
        persona = self._persona_for(row)
        with self._at_rest(row, persona) as values:
            values = self.session_store.end(row, persona, values)
        return TurnResult.from_state(row.id, persona, values)

    def finish(self, session_id: str) -> SessionView:
        """End the session unless it has ended (an ended one is left as it is), and view it: what a front end shows
        when the learner stops."""
        row = self._row(session_id)
        persona = self._persona_for(row)
        # reading: an ended session is still shown from a read-only database (ending one needs a writable one)
        with self._at_rest(row, persona, reading=True) as values:
            if not values.get("ended"):
                values = self.session_store.end(row, persona, values)
        self._audit_view(row)
        return SessionView.from_state(
            self._row(session_id), persona, values, self.store.branches_of(session_id, owner=row.owner)
        )

    def rewind(
        self, session_id: str, user_turn: int, text: str, *, on_token: Callable[[str], None] | None = None
    ) -> TurnResult:
        """Branch from before the user's turn `user_turn` and send a different reply; both branches are kept."""
        row = self._row(session_id)
        persona = self._persona_for(row)
        cleaned, _ = clean_user_text(text, self.settings.max_turn_chars)
        if not cleaned:
            raise InputError("Type the different reply you want to try at that point.")
        with self._at_rest(row, persona) as values:
            have = user_turn_count(values)
            if not 1 <= user_turn <= have:
                raise InputError(
                    f"There is no turn {user_turn} to rewind to; this session has turns 1 to {have}."
                )
            before = self.session_store.before_turn(row.id, user_turn)
            if before is None:
                raise InputError(f"The history of turn {user_turn} is not available to rewind to.")
        branch = row.branch(user_turn)
        self.session_store.fork(row, branch, before)
        self._audit("rewind", branch.id, f"branch of {row.id} at turn {user_turn}")
        return self.reply(branch.id, cleaned, on_token=on_token)

    def view(self, session_id: str) -> SessionView:
        """Everything about a session, for Review and History (a coach: also their learners')."""
        row = self._readable_row(session_id)
        persona = self._persona_for(row)
        values = self._read(row, persona)
        self._audit_view(row)
        return SessionView.from_state(
            self._readable_row(session_id),
            persona,
            values,
            self.store.branches_of(session_id, owner=row.owner),
        )

    def ledger(self, session_id: str) -> dict[str, Any]:
        """The counterpart's ledger as it stands (what is on the table, the offers, the deal)."""
        row = self._row(session_id)
        persona = self._persona_for(row)
        return dict(self._read(row, persona).get("ledger") or {})

    def transcript(self, session_id: str) -> Transcript:
        """The session as a Transcript (what `parley export` writes and `parley score` reads)."""
        row = self._readable_row(session_id)
        persona = self._persona_for(row)
        return build_transcript(persona, dict(self._read(row, persona)), session_id=session_id)

    def last_prep(self, persona_id: str | None = None) -> tuple[Prep, SessionRow] | None:
        """The prep answers saved with the most recent session that has any (with `persona_id` first), and that
        session: what the next rehearsal starts from, so answers are never used up without a word."""
        with_prep = [
            r
            for r in self.store.list_sessions(200, owner=self.owner)
            if any(str(v).strip() for v in (r.prep or {}).values())
        ]
        row = next((r for r in with_prep if r.persona_id == persona_id), with_prep[0] if with_prep else None)
        return (Prep.model_validate(row.prep), row) if row is not None else None

    def sessions(self, limit: int = 500) -> list[SessionRow]:
        """This owner's past sessions, newest first."""
        return self.store.list_sessions(limit, owner=self.owner)

    def delete(self, session_id: str) -> None:
        """Delete a session and its checkpoints."""
        self._row(session_id)
        self.store.delete_session(session_id)
        self._audit("delete", session_id)

    def export(self, session_id: str, fmt: str = "md") -> str:
        """One session as Markdown ('md') or JSON ('json'), recorded in the audit log as an export."""
        from simulator.export import transcript_json, transcript_markdown

        if fmt not in ("md", "json"):
            raise InputError(f"Unknown export format '{fmt}'; use md or json.")
        view = self.view(session_id)
        transcript = self.transcript(session_id)
        self.record_export(session_id, fmt)
        if fmt == "json":
            return transcript_json(transcript, view.scorecard)
        return transcript_markdown(transcript, view.scorecard, view.assessments)

    def record_export(self, session_id: str, fmt: str) -> None:
        """Log that this person downloaded a session they may read (the app's download buttons)."""
        row = self._readable_row(session_id)
        self._audit("export", session_id, f"format={fmt}"[:40], owner=row.owner)

    # -- coaching -----------------------------------------------------------------------------------------
    def team_sessions(self, limit: int = 500) -> list[SessionRow]:
        """A coach's view: the sessions of the learners in their team, newest first (nobody else has any)."""
        if self.role != "coach" or not self.team:
            return []
        return self.store.team_sessions(self.team, limit)

    def comment(self, session_id: str, user_turn: int, text: str) -> None:
        """A coach's comment on one of the learner's turns; the learner sees it in Review with the coach's name."""
        row = self.store.team_session(session_id, self.team) if self.role == "coach" and self.team else None
        if row is None:
            raise self._not_found(session_id)
        cleaned, _ = clean_user_text(text, MAX_COMMENT_CHARS)
        if not cleaned:
            raise InputError("Write the comment first.")
        if not isinstance(user_turn, int) or not 1 <= user_turn <= row.user_turns:
            raise InputError(f"There is no turn {user_turn}; this session has turns 1 to {row.user_turns}.")
        self.store.add_comment(session_id, user_turn, self.owner, cleaned)
        self._audit("comment", session_id, f"turn={user_turn}", owner=row.owner)

    def comments(self, session_id: str) -> list[dict[str, Any]]:
        """The coaches' comments on a session this person may read: turn, author, text, at."""
        self._readable_row(session_id)
        return self.store.comments(session_id)

    def set_role(self, email: str, role: str, team: str = "") -> None:
        """Make someone a learner, coach or admin of a team: admins, or the operator at the command line."""
        from simulator.store import ROLES

        if self.role != "admin" and self.owner != LOCAL_OWNER:
            raise InputError("Only an admin can change roles.")
        if role not in ROLES:
            raise InputError(f"Unknown role '{role}'. Choose one of: {', '.join(ROLES)}.")
        email = clean_owner(email).lower()
        self.store.set_member(email, role, team.strip()[:100])
        self._audit("set_role", None, f"{email} role={role} team={team.strip()[:100]}", owner=email)

    def _persona_and_difficulty(self, persona_id: str, difficulty: str | None) -> tuple[Persona, str]:
        """The persona by id (as this person may see it) and a known difficulty (the persona's own by default)."""
        try:
            persona = self.library.get(persona_id)
        except KeyError as exc:
            raise InputError(str(exc.args[0])) from None
        difficulty = difficulty or persona.default_difficulty
        if difficulty not in DIFFICULTIES:
            raise InputError(f"Unknown difficulty '{difficulty}'. Choose one of: {', '.join(DIFFICULTIES)}.")
        return persona, difficulty

    # -- assignments --------------------------------------------------------------------------------------
    def assign(
        self,
        learner: str,
        persona_id: str,
        difficulty: str | None = None,
        *,
        due: str | date | None = None,
        note: str = "",
    ) -> AssignmentRow:
        """A coach assigns a rehearsal (persona, difficulty, optional due date, a note) to a learner of their team."""
        if self.role != "coach" or not self.team:
            raise InputError("Only a coach can assign a rehearsal, to the learners of their team.")
        learner = clean_owner(learner).lower()
        if self.store.get_member(learner) != ("learner", self.team):
            raise InputError(
                f"No learner '{learner}' in team {self.team}. `parley team list` shows who is in it."
            )
        persona, difficulty = self._persona_and_difficulty(persona_id, difficulty)
        due_text = _due_date(due)
        cleaned, _ = clean_user_text(note or "", MAX_NOTE_CHARS)
        row = AssignmentRow(
            id=uuid.uuid4().hex[:12],
            coach=self.owner,
            learner=learner,
            team=self.team,
            persona_id=persona.id,
            difficulty=difficulty,
            due=due_text,
            note=cleaned,
            created_at=time.time(),
            status="assigned",
            session_id=None,
            done_at=None,
        )
        self.store.create_assignment(row)
        self._audit(
            "assign",
            None,
            f"assignment={row.id} persona={persona.id} difficulty={difficulty} due={due_text or '-'}",
            owner=learner,
        )
        return row

    def assignments(self, *, include_cancelled: bool = False) -> list[AssignmentRow]:
        """A learner's own assignments; a coach's: those of the learners in their team. Only a learner of a team is
        ever assigned one (an admin by PARLEY_ADMINS may also be one), so nobody else has any."""
        if self.role == "coach" and self.team:
            rows = self.store.team_assignments(self.team)
        else:
            rows = self.store.learner_assignments(self.owner)
        return [r for r in rows if include_cancelled or r.status != "cancelled"]

    def assignment(self, assignment_id: str) -> AssignmentRow:
        """One assignment this person may see (theirs, or their team's for a coach), else AssignmentNotFound."""
        row = self.store.get_assignment(assignment_id) if isinstance(assignment_id, str) else None
        if row is not None and row.learner == self.owner:
            return row
        if (
            row is not None
            and self.role == "coach"
            and self.team
            and self.store.get_member(row.learner) == ("learner", self.team)
        ):
            return row
        raise AssignmentNotFound(f"No assignment '{assignment_id}'. It may have been cancelled or erased.")

    def cancel_assignment(self, assignment_id: str) -> AssignmentRow:
        """The coach of the learner's team withdraws an assignment (done ones stay done); the learner no longer sees it."""
        row = self.assignment(assignment_id)
        if self.role != "coach":  # the learner sees it but cannot withdraw it: the same answer as anyone else
            raise AssignmentNotFound(
                f"No assignment '{assignment_id}'. It may have been cancelled or erased."
            )
        if row.status == "done":
            raise InputError("That assignment is already done; there is nothing to cancel.")
        if row.status != "cancelled":
            self.store.update_assignment(row.id, status="cancelled")
            self._audit("cancel_assignment", None, f"assignment={row.id}", owner=row.learner)
        return self.assignment(assignment_id)

    def start_assignment(
        self,
        assignment_id: str,
        *,
        prep: Prep | dict[str, str] | None = None,
        mode: str = DEFAULT_MODE,
        on_token: Callable[[str], None] | None = None,
    ) -> TurnResult:
        """The learner starts the rehearsal they were assigned (its persona and difficulty); the session is linked
        to it, and the assignment is done when that session ends."""
        row = self.assignment(assignment_id)
        if row.learner != self.owner:  # a coach reads their learners' assignments, never starts one for them
            raise AssignmentNotFound(
                f"No assignment '{assignment_id}'. It may have been cancelled or erased."
            )
        if row.status == "cancelled":
            raise InputError("Your coach cancelled that assignment.")
        if row.status == "done":
            raise InputError("That assignment is done. Start a new rehearsal on Prepare to practise again.")
        result = self.start(row.persona_id, row.difficulty, prep=prep, mode=mode, on_token=on_token)
        self.store.update_assignment(row.id, status="started", session_id=result.session_id)
        if (
            result.ended
        ):  # cannot happen on a first line today, but an ended session completes it all the same
            self.store.finish_assignments_of(result.session_id)
        return result

    def team_learners(self) -> list[str]:
        """A coach's learners (the emails they can assign to); nobody else has any."""
        if self.role != "coach" or not self.team:
            return []
        return [
            email for email, role, team in self.store.members() if role == "learner" and team == self.team
        ]

    def people(self) -> list[tuple[str, str, str]]:
        """For an admin (or the operator): everyone listed with a role, and everyone who has rehearsed without one
        (a learner in no team), as (email, role, team), by email."""
        if self.role != "admin" and self.owner != LOCAL_OWNER:
            raise InputError("Only an admin can list people and their roles.")
        listed = {email: (email, role, team) for email, role, team in self.store.members()}
        for owner in self.store.session_owners():
            if owner != LOCAL_OWNER:
                listed.setdefault(owner.lower(), (owner.lower(), "learner", ""))
        return sorted(listed.values())

    # -- data rights --------------------------------------------------------------------------------------
    def export_all(self) -> bytes:
        """Everything this owner has, as one zip: the session index (with prep answers), each session's
        transcript as JSON and Markdown with any coach comments, the comments they wrote as a coach, and the audit
        entries about their data or by them."""
        import zipfile

        from simulator.export import transcript_json, transcript_markdown

        rows = self.store.list_sessions(1_000_000, owner=self.owner)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(
                "README.txt",
                f"Parley data of {self.owner}: {len(rows)} sessions.\n"
                "sessions.json: every session with its prep answers; sessions/<id>.json and .md: "
                "each transcript; assignments.json: what your coach assigned you; audit.json: who did what with "
                "your data.\n",
            )
            archive.writestr(
                "sessions.json", json.dumps([r.__dict__ for r in rows], indent=2, ensure_ascii=False)
            )
            for row in rows:
                try:
                    view = self.view(row.id)
                    transcript = self.transcript(row.id)
                except (
                    InputError,
                    SessionNotFound,
                ) as exc:  # e.g. its persona was removed: say so, keep going
                    archive.writestr(f"sessions/{row.id}.error.txt", str(exc))
                    continue
                archive.writestr(f"sessions/{row.id}.json", transcript_json(transcript, view.scorecard))
                archive.writestr(
                    f"sessions/{row.id}.md", transcript_markdown(transcript, view.scorecard, view.assessments)
                )
                if comments := self.store.comments(row.id):
                    archive.writestr(
                        f"sessions/{row.id}.comments.json", json.dumps(comments, indent=2, ensure_ascii=False)
                    )
            shelf = self.persona_shelf()
            if (
                shelf.team_mode
            ):  # your own custom personas (single user: they are already files in your folder)
                for persona_id in shelf.own_ids():
                    archive.writestr(f"personas/{persona_id}.yaml", shelf.yaml_of(persona_id))
            archive.writestr(
                "comments_written.json",
                json.dumps(self.store.comments_by(self.owner), indent=2, ensure_ascii=False),
            )
            archive.writestr(
                "assignments.json",
                json.dumps(
                    [a.__dict__ for a in self.store.learner_assignments(self.owner)],
                    indent=2,
                    ensure_ascii=False,
                ),
            )
            entries = {
                (e["at"], e["actor"], e["action"], e["session_id"]): e
                for e in self.store.audit_entries(owner=self.owner)
                + self.store.audit_entries(actor=self.owner)
            }
            archive.writestr(
                "audit.json", json.dumps(sorted(entries.values(), key=lambda e: e["at"]), indent=2)
            )
        self._audit("export_all", None, f"sessions={len(rows)}")
        return buffer.getvalue()

    def erase_all(self) -> int:
        """Delete every session (branches, prep answers, turn logs, checkpoints, comments on them) of this owner and
        every comment they wrote as a coach; how many sessions.
        The audit log keeps the record that it happened (ids and actions only, never content)."""
        rows = self.store.list_sessions(1_000_000, owner=self.owner)
        for row in rows:
            self.store.delete_session(row.id)
        written = self.store.delete_comments_by(self.owner)  # a coach's comments on learners' sessions too
        shelf = self.persona_shelf()
        if shelf.team_mode:  # and the personas they made (a single user's persona folder is theirs to manage)
            for persona_id in shelf.own_ids():
                shelf.delete(persona_id)
        assigned = self.store.delete_assignments(learner=self.owner) + self.store.delete_assignments(
            coach=self.owner
        )
        self._audit("erase_all", None, f"sessions={len(rows)} comments={written} assignments={assigned}")
        return len(rows)

    def apply_retention(self, days: int | None = None) -> int:
        """Delete every owner's sessions idle for more than `days` (default PARLEY_RETENTION_DAYS; 0 keeps all);
        how many. Each deletion is in the audit log as actor 'retention'."""
        days = self.settings.retention_days if days is None else days
        if days <= 0:
            return 0
        expired = self.store.idle_since(time.time() - days * 86_400)
        for row in expired:
            self.store.delete_session(row.id)
            self.store.audit("retention", "delete", row.id, row.owner, f"idle over {days} days")
        return len(expired)

    # -- audit --------------------------------------------------------------------------------------------
    def _audit(self, action: str, session_id: str | None, detail: str = "", owner: str | None = None) -> None:
        self.store.audit(self.owner, action, session_id, owner or self.owner, detail)

    def _audit_view(self, row: SessionRow) -> None:
        now = time.monotonic()
        session_id = row.id
        key = (self.owner, session_id)
        with self._viewed_guard:
            if now - self._viewed.get(key, -VIEW_AUDIT_EVERY_S) < VIEW_AUDIT_EVERY_S:
                return
            self._viewed[key] = now
        try:
            self._audit("view", session_id, "as coach" if row.owner != self.owner else "", owner=row.owner)
        except (
            StoreError
        ) as exc:  # a read-only database can still be read (nothing can be written, the log neither)
            if "read-only" not in str(exc):
                raise


def open_rehearsals(settings: Settings, **kwargs: Any) -> Rehearsals:
    """A Rehearsals service with the voice (and judge) the settings ask for (simulator.run_context.build_engines, as
    every front end); authored voice when none is set."""
    from simulator.run_context import build_engines

    if "voice" not in kwargs or "judge" not in kwargs:
        engines = build_engines(settings, voice=kwargs.get("voice"), with_judge="judge" not in kwargs)
        kwargs.setdefault("voice", engines.voice)
        if "judge" not in kwargs:
            kwargs["judge"], kwargs["judge_status"] = engines.judge, engines.judge_status
    return Rehearsals(settings, **kwargs)
