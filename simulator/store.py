"""Where sessions live: the LangGraph checkpointer and an index of sessions, in SQLite (default) or PostgreSQL.

User turns are written to the `turn_log` table and committed *before* the graph runs, so a turn the user
sent is never lost even if the process dies in the middle of it.
"""

from __future__ import annotations

import json
import os
import random
import socket
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from langgraph.checkpoint.base import BaseCheckpointSaver

from simulator.redact import redact_text

if TYPE_CHECKING:  # psycopg is the optional [postgres] extra: only its types are needed here
    import psycopg

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS parley_sessions (
        id TEXT PRIMARY KEY, persona_id TEXT NOT NULL, persona_name TEXT NOT NULL, difficulty TEXT NOT NULL,
        seed INTEGER NOT NULL, created_at DOUBLE PRECISION NOT NULL, updated_at DOUBLE PRECISION NOT NULL,
        status TEXT NOT NULL, outcome TEXT, parent_id TEXT, branch_from_turn INTEGER,
        user_turns INTEGER NOT NULL DEFAULT 0, overall INTEGER, scores TEXT, prep TEXT, mode TEXT)""",
    """CREATE TABLE IF NOT EXISTS parley_turn_log (
        session_id TEXT NOT NULL, turn INTEGER NOT NULL, text TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (session_id, turn))""",
    # SQLite's per-session writer lock (PostgreSQL uses an advisory lock instead): one row while a process is
    # writing a session; who holds it, so a lock left by a process that died can be taken over.
    """CREATE TABLE IF NOT EXISTS parley_session_locks (
        session_id TEXT PRIMARY KEY, owner TEXT NOT NULL, host TEXT NOT NULL, pid INTEGER NOT NULL,
        started TEXT NOT NULL, acquired_at DOUBLE PRECISION NOT NULL)""",
    # Who did what to which session, and when (start, view, export, delete, erase): read with `parley audit`.
    """CREATE TABLE IF NOT EXISTS parley_audit (
        at DOUBLE PRECISION NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, session_id TEXT,
        owner TEXT, detail TEXT)""",
    # Roles: learner (anyone not listed), coach (sees and comments on the sessions of the learners in their team),
    # admin (manages this table, reads the audit log). Set with `parley team set`.
    """CREATE TABLE IF NOT EXISTS parley_members (
        email TEXT PRIMARY KEY, role TEXT NOT NULL, team TEXT NOT NULL DEFAULT '')""",
    """CREATE TABLE IF NOT EXISTS parley_comments (
        session_id TEXT NOT NULL, turn INTEGER NOT NULL, author TEXT NOT NULL, text TEXT NOT NULL,
        at DOUBLE PRECISION NOT NULL)""",
    # A rehearsal a coach assigns to a learner of their team: persona, difficulty, an optional due date (ISO
    # YYYY-MM-DD) and a note. status: assigned -> started (session_id: the session started from it) -> done (that
    # session ended), or cancelled by the coach. Databases made before assignments get the table on open.
    """CREATE TABLE IF NOT EXISTS parley_assignments (
        id TEXT PRIMARY KEY, coach TEXT NOT NULL, learner TEXT NOT NULL, team TEXT NOT NULL DEFAULT '',
        persona_id TEXT NOT NULL, difficulty TEXT NOT NULL, due TEXT, note TEXT NOT NULL DEFAULT '',
        created_at DOUBLE PRECISION NOT NULL, status TEXT NOT NULL, session_id TEXT, done_at DOUBLE PRECISION)""",
    "CREATE INDEX IF NOT EXISTS parley_assignments_learner ON parley_assignments (learner, created_at)",
]
ROLES = ("learner", "coach", "admin")
LOCAL_OWNER = "local"  # the owner of every session when nobody signs in (single-user default, the CLI)
AUDIT_COLUMNS = ("at", "actor", "action", "session_id", "owner", "detail")
ADVISORY_CLASS = 0x5052_4C59  # "PRLY": the first key of Parley's pg_advisory_lock(int, int) session locks
LOCK_POLL_S = 0.02
FOREIGN_LOCK_STALE_S = 600.0  # a lock row from another host (a shared file) is taken over after this long
ASSIGNMENT_COLUMNS = (
    "id",
    "coach",
    "learner",
    "team",
    "persona_id",
    "difficulty",
    "due",
    "note",
    "created_at",
    "status",
    "session_id",
    "done_at",
)
ASSIGNMENT_STATUSES = ("assigned", "started", "done", "cancelled")
COLUMNS = (
    "id",
    "persona_id",
    "persona_name",
    "difficulty",
    "seed",
    "created_at",
    "updated_at",
    "status",
    "outcome",
    "parent_id",
    "branch_from_turn",
    "user_turns",
    "overall",
    "scores",
    "prep",
    "mode",
    "owner",
)


class StoreError(Exception):
    """The database cannot be used; the message says what to do."""


class SessionLocked(Exception):
    """Another process (or window) kept writing this session for longer than the lock wait."""


def _process_start(pid: int) -> str | None:
    """The start time of a process (/proc/PID/stat field 22), '' where /proc is missing, None if it is gone or a zombie."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return None
    except OSError:
        fields = []
    if not fields:  # no /proc (not Linux): ask the kernel whether the pid exists
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except OSError:
            pass
        return ""
    return None if fields[0] in ("Z", "X") else fields[19]


@dataclass
class SessionRow:
    """One entry of the session index (what History lists)."""

    id: str
    persona_id: str
    persona_name: str
    difficulty: str
    seed: int
    created_at: float
    updated_at: float
    status: str  # active | ended
    outcome: str | None
    parent_id: str | None
    branch_from_turn: int | None
    user_turns: int
    overall: int | None
    scores: dict[str, int | None]
    prep: dict[str, str]
    mode: str | None
    owner: str = LOCAL_OWNER  # who made it (the signed-in email/sub in team mode); only they see it

    @classmethod
    def new(
        cls,
        persona_id: str,
        persona_name: str,
        difficulty: str,
        *,
        seed: int | None,
        prep: dict[str, str],
        mode: str,
        owner: str,
        session_id: str | None = None,
    ) -> SessionRow:
        """A session about to start: active, no turns yet; a random seed unless one is given."""
        now = time.time()
        return cls(
            id=session_id or _new_id(),
            persona_id=persona_id,
            persona_name=persona_name,
            difficulty=difficulty,
            seed=random.randrange(1, 2**31) if seed is None else int(seed),
            created_at=now,
            updated_at=now,
            status="active",
            outcome=None,
            parent_id=None,
            branch_from_turn=None,
            user_turns=0,
            overall=None,
            scores={},
            prep=prep,
            mode=mode,
            owner=owner,
        )

    def branch(self, user_turn: int) -> SessionRow:
        """A new session branched from this one before the user's turn `user_turn` (a rewind): the same persona,
        difficulty, seed, prep, mode and owner, and the turns before that one."""
        now = time.time()
        return replace(
            self,
            id=_new_id(),
            created_at=now,
            updated_at=now,
            status="active",
            outcome=None,
            parent_id=self.id,
            branch_from_turn=user_turn,
            user_turns=user_turn - 1,
            overall=None,
            scores={},
        )

    @classmethod
    def from_record(cls, values: tuple) -> SessionRow:
        """A row as read from parley_sessions (COLUMNS order; scores and prep stored as JSON)."""
        data = dict(zip(COLUMNS, values, strict=True))
        data["scores"] = json.loads(data["scores"] or "{}")
        data["prep"] = json.loads(data["prep"] or "{}")
        return cls(**data)

    def to_record(self) -> tuple:
        """The row as written to parley_sessions (COLUMNS order)."""
        values = [getattr(self, c) for c in COLUMNS]
        values[COLUMNS.index("scores")] = json.dumps(self.scores)
        values[COLUMNS.index("prep")] = json.dumps(self.prep)
        return tuple(values)


def _new_id() -> str:
    return uuid.uuid4().hex[:12]


@dataclass
class AssignmentRow:
    """A rehearsal a coach assigned to a learner (what the learner's Prepare page and the coach's Team page list)."""

    id: str
    coach: str
    learner: str
    team: str
    persona_id: str
    difficulty: str
    due: str | None  # an ISO date (YYYY-MM-DD), or None: no due date
    note: str
    created_at: float
    status: str  # assigned | started | done | cancelled
    session_id: str | None  # the session started from it (the latest, if started again)
    done_at: float | None

    def overdue(self, today: date | None = None) -> bool:
        """Past its due date and not done (nor cancelled)."""
        if not self.due or self.status in ("done", "cancelled"):
            return False
        return (today or date.today()).isoformat() > self.due

    def label(self, today: date | None = None) -> str:
        """The status as a person reads it: assigned, started, done, cancelled; 'overdue' added when past due."""
        return f"{self.status}, overdue" if self.overdue(today) else self.status

    @classmethod
    def from_record(cls, values: tuple) -> AssignmentRow:
        """A row as read from parley_assignments (ASSIGNMENT_COLUMNS order)."""
        data = dict(zip(ASSIGNMENT_COLUMNS, values, strict=True))
        data["created_at"] = float(data["created_at"])
        data["done_at"] = float(data["done_at"]) if data["done_at"] is not None else None
        return cls(**data)


def _explain(exc: Exception, where: str) -> StoreError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        hint = "another program holds the database lock; close it or try again in a moment"
    elif "readonly" in text or "read-only" in text or "permission" in text:
        hint = "the database is read-only; check the file's permissions or set PARLEY_DATA_DIR to a writable folder"
    elif "not a database" in text or "malformed" in text or "corrupt" in text:
        hint = "the database file is damaged; move it aside (your other files are untouched) and Parley starts a new one"
    elif "unable to open" in text:
        hint = "the database folder cannot be created or opened; set PARLEY_DATA_DIR to a writable folder"
    else:
        hint = "check PARLEY_DATABASE_URL / PARLEY_DATA_DIR"
    return StoreError(
        redact_text(
            f"Database problem at {where}: {hint}. ({type(exc).__name__}: {redact_text(str(exc))[:160]})"
        )
    )


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _lock_wait(query: str, default: float = 30.0) -> float:
    """The `timeout` (seconds) of a SQLite URL's query string, else the default."""
    from urllib.parse import parse_qs

    value = parse_qs(query).get("timeout", [""])[0]
    try:
        return max(0.0, float(value)) if value else default
    except ValueError:
        raise StoreError(f"The database URL's timeout must be a number of seconds, not '{value}'.") from None


class Store:
    """The checkpointer plus the session index, behind one small interface."""

    # The index's connection and the checkpointer's: SQLite or PostgreSQL, both used through DB-API cursors.
    _conn: sqlite3.Connection | psycopg.Connection[Any]
    _saver_conn: sqlite3.Connection | psycopg.Connection[Any]

    def __init__(self, url: str):
        self.url = url
        self._lock = threading.RLock()
        # Per-session writer lock: a threading lock per session within this Store, plus a lock every process
        # sees (a pg advisory lock, or a row in parley_session_locks on SQLite). See lock_session.
        self._session_locks: dict[str, threading.Lock] = {}
        self._session_locks_guard = threading.Lock()
        self._held: set[str] = set()
        self._owner = uuid.uuid4().hex
        self._host = socket.gethostname()
        self._pid = os.getpid()
        self._started = _process_start(self._pid) or ""
        self.session_wait = 30.0  # seconds a writer waits for another one to finish a session before "busy"
        self.is_postgres = url.startswith(("postgresql://", "postgres://"))
        deadline = time.monotonic() + _lock_wait(url.partition("?")[2]) if not self.is_postgres else 0.0
        while True:
            try:
                self._open_and_set_up(url)
                return
            except StoreError:
                raise
            except sqlite3.OperationalError as exc:
                # Two processes opening a new file at once: switching it to WAL and creating the tables can be
                # refused at once ("database is locked") without SQLite's busy wait. Try again until the timeout.
                self.close()
                if not _is_busy(exc) or time.monotonic() >= deadline:
                    raise _explain(exc, self.where) from None
                time.sleep(0.05 + random.random() * 0.1)
            except Exception as exc:  # sqlite3 / psycopg errors: one clear message
                raise _explain(exc, self.where) from None

    def _open_and_set_up(self, url: str) -> None:
        if self.is_postgres:
            self._open_postgres(url)
        else:
            self._open_sqlite(url)
        with self._tx() as cur:
            for statement in SCHEMA:
                cur.execute(statement)
            self._add_owner_column(cur)

    # -- opening -----------------------------------------------------------------------------------
    def _open_sqlite(self, url: str) -> None:
        from langgraph.checkpoint.sqlite import SqliteSaver

        path, _, query = url.removeprefix("sqlite:///").removeprefix("sqlite://").partition("?")
        # How long to wait for another writer before saying the database is locked (sqlite:///x.db?timeout=5).
        wait_s = _lock_wait(query)
        self.session_wait = wait_s
        self.where = path
        if path != ":memory:":
            try:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise _explain(exc, path) from None
        # Two connections: the checkpointer's and the index's, so their transactions never interleave.
        conn = sqlite3.connect(path, check_same_thread=False, timeout=wait_s, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {int(wait_s * 1000)}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()
        if path != ":memory:" and (not mode or str(mode[0]).lower() != "wal"):
            raise StoreError(f"Database problem at {path}: could not switch SQLite to WAL mode.")
        conn.execute("PRAGMA synchronous = NORMAL")
        self._conn = conn
        saver_conn = sqlite3.connect(path, check_same_thread=False, timeout=wait_s)
        saver_conn.execute(f"PRAGMA busy_timeout = {int(wait_s * 1000)}")
        saver_conn.execute("PRAGMA synchronous = NORMAL")
        self._saver_conn = saver_conn
        self.checkpointer: BaseCheckpointSaver = SqliteSaver(saver_conn)
        self.checkpointer.setup()
        self._param = "?"

    def _open_postgres(self, url: str) -> None:
        try:
            import psycopg
            from langgraph.checkpoint.postgres import PostgresSaver
            from psycopg.rows import dict_row
        except ImportError:
            raise StoreError(
                "PostgreSQL support is not installed: run `.venv/bin/pip install -e '.[postgres]'`."
            ) from None
        self.where = url.split("@")[-1]  # never show credentials
        saver_conn = psycopg.connect(url, autocommit=True, prepare_threshold=0, row_factory=dict_row)
        self._saver_conn = saver_conn
        self.checkpointer = PostgresSaver(saver_conn)
        self.checkpointer.setup()
        self._conn = psycopg.connect(url, autocommit=True)
        self._param = "%s"

    def _add_owner_column(self, cur: Any) -> None:
        """Databases made before sessions had owners: add the column; their sessions belong to 'local'."""
        if self.is_postgres:  # look first: ALTER TABLE locks the table even when the column is already there
            cur.execute(
                "SELECT 1 FROM information_schema.columns WHERE table_name = 'parley_sessions' "
                "AND column_name = 'owner' AND table_schema = current_schema()"
            )
            if cur.fetchone() is None:
                cur.execute(
                    f"ALTER TABLE parley_sessions ADD COLUMN IF NOT EXISTS owner TEXT NOT NULL DEFAULT '{LOCAL_OWNER}'"
                )
        else:
            names = {r[1] for r in cur.execute("PRAGMA table_info(parley_sessions)").fetchall()}
            if "owner" not in names:
                cur.execute(
                    f"ALTER TABLE parley_sessions ADD COLUMN owner TEXT NOT NULL DEFAULT '{LOCAL_OWNER}'"
                )
        cur.execute("CREATE INDEX IF NOT EXISTS parley_sessions_owner ON parley_sessions (owner, created_at)")

    def explain(self, exc: BaseException) -> StoreError | None:
        """A StoreError for a database error raised inside the checkpointer (locked, read-only, ...), else None."""
        if isinstance(exc, sqlite3.Error) or type(exc).__module__.startswith("psycopg"):
            return _explain(exc, self.where)  # type: ignore[arg-type]
        return None

    def close(self) -> None:
        """Close the connections (the checkpointer's too)."""
        for session_id in list(self._held):  # a lock whose release failed earlier: give it back if we can
            with suppress(Exception):
                self._release_db_lock(session_id)
        with self._lock:
            for conn in (getattr(self, "_saver_conn", None), getattr(self, "_conn", None)):
                if conn is not None:
                    with suppress(Exception):  # closing twice or a dead server: nothing left to save
                        conn.close()

    # -- plumbing ------------------------------------------------------------------------------------
    @contextmanager
    def _tx(self) -> Iterator[Any]:
        with self._lock:
            cur = self._conn.cursor()
            try:
                if not self.is_postgres:
                    cur.execute("BEGIN IMMEDIATE")
                yield cur
                if not self.is_postgres:
                    cur.execute("COMMIT")
            except BaseException:
                if not self.is_postgres:
                    with suppress(sqlite3.Error):
                        cur.execute("ROLLBACK")
                raise
            finally:
                cur.close()

    def _run(self, sql: str, params: tuple = (), fetch: bool = False) -> list[tuple]:
        sql = sql.replace("?", self._param)
        try:
            with self._tx() as cur:
                cur.execute(sql, params)
                return list(cur.fetchall()) if fetch else []
        except StoreError:
            raise
        except Exception as exc:
            raise _explain(exc, self.where) from None

    # -- session index -------------------------------------------------------------------------------
    def create_session(self, row: SessionRow) -> None:
        """Add a session to the index."""
        marks = ", ".join("?" for _ in COLUMNS)
        self._run(f"INSERT INTO parley_sessions ({', '.join(COLUMNS)}) VALUES ({marks})", row.to_record())

    def update_session(self, session_id: str, **fields: Any) -> None:
        """Update index fields (status, outcome, user_turns, overall, scores, prep)."""
        fields["updated_at"] = time.time()
        for key in ("scores", "prep"):
            if key in fields:
                fields[key] = json.dumps(fields[key])
        sets = ", ".join(f"{k} = ?" for k in fields)
        self._run(f"UPDATE parley_sessions SET {sets} WHERE id = ?", (*fields.values(), session_id))

    def get_session(self, session_id: str, owner: str | None = None) -> SessionRow | None:
        """One index row, or None; with `owner`, None unless that owner made it (the same answer as a missing id)."""
        if owner is None:
            rows = self._run(
                f"SELECT {', '.join(COLUMNS)} FROM parley_sessions WHERE id = ?", (session_id,), fetch=True
            )
        else:
            rows = self._run(
                f"SELECT {', '.join(COLUMNS)} FROM parley_sessions WHERE id = ? AND owner = ?",
                (session_id, owner),
                fetch=True,
            )
        return SessionRow.from_record(rows[0]) if rows else None

    def list_sessions(self, limit: int = 500, owner: str | None = None) -> list[SessionRow]:
        """Most recent first; with `owner`, only that owner's."""
        where, params = ("WHERE owner = ? ", (owner,)) if owner is not None else ("", ())
        rows = self._run(
            f"SELECT {', '.join(COLUMNS)} FROM parley_sessions {where}ORDER BY created_at DESC LIMIT ?",
            (*params, limit),
            fetch=True,
        )
        return [SessionRow.from_record(r) for r in rows]

    def branches_of(self, session_id: str, owner: str | None = None) -> list[SessionRow]:
        """Sessions branched from this one (rewinds); with `owner`, only that owner's."""
        where, params = (" AND owner = ?", (owner,)) if owner is not None else ("", ())
        rows = self._run(
            f"SELECT {', '.join(COLUMNS)} FROM parley_sessions WHERE parent_id = ?{where} ORDER BY created_at",
            (session_id, *params),
            fetch=True,
        )
        return [SessionRow.from_record(r) for r in rows]

    def delete_session(self, session_id: str) -> None:
        """Remove a session, its turn log and its checkpoints."""
        self._run("DELETE FROM parley_turn_log WHERE session_id = ?", (session_id,))
        self._run("DELETE FROM parley_comments WHERE session_id = ?", (session_id,))
        self._run("DELETE FROM parley_sessions WHERE id = ?", (session_id,))
        try:
            with self._lock:
                self.checkpointer.delete_thread(session_id)
        except Exception as exc:
            raise _explain(exc, self.where) from None

    def idle_since(self, cutoff: float) -> list[SessionRow]:
        """Every owner's sessions with no activity (updated_at) since `cutoff`, oldest first."""
        rows = self._run(
            f"SELECT {', '.join(COLUMNS)} FROM parley_sessions WHERE updated_at < ? ORDER BY updated_at",
            (cutoff,),
            fetch=True,
        )
        return [SessionRow.from_record(r) for r in rows]

    # -- teams, roles and coach comments ---------------------------------------------------------------
    def set_member(self, email: str, role: str, team: str = "") -> None:
        """Give a person a role (and a team); one row per person."""
        self._run("DELETE FROM parley_members WHERE email = ?", (email,))
        self._run("INSERT INTO parley_members (email, role, team) VALUES (?, ?, ?)", (email, role, team))

    def get_member(self, email: str) -> tuple[str, str] | None:
        """(role, team) of a listed person, else None (a learner in no team)."""
        rows = self._run("SELECT role, team FROM parley_members WHERE email = ?", (email,), fetch=True)
        return (str(rows[0][0]), str(rows[0][1])) if rows else None

    def members(self) -> list[tuple[str, str, str]]:
        """Everyone listed: (email, role, team)."""
        return [
            (str(e), str(r), str(t))
            for e, r, t in self._run(
                "SELECT email, role, team FROM parley_members ORDER BY team, email", fetch=True
            )
        ]

    def team_session(self, session_id: str, team: str) -> SessionRow | None:
        """A session whose owner is a learner of `team`, else None."""
        rows = self._run(
            f"SELECT {', '.join(COLUMNS)} FROM parley_sessions WHERE id = ? AND owner IN "
            "(SELECT email FROM parley_members WHERE team = ? AND role = 'learner')",
            (session_id, team),
            fetch=True,
        )
        return SessionRow.from_record(rows[0]) if rows else None

    def team_sessions(self, team: str, limit: int = 500) -> list[SessionRow]:
        """The sessions of the learners of `team`, newest first."""
        rows = self._run(
            f"SELECT {', '.join(COLUMNS)} FROM parley_sessions WHERE owner IN "
            "(SELECT email FROM parley_members WHERE team = ? AND role = 'learner') ORDER BY created_at DESC LIMIT ?",
            (team, limit),
            fetch=True,
        )
        return [SessionRow.from_record(r) for r in rows]

    def add_comment(self, session_id: str, turn: int, author: str, text: str) -> None:
        """A coach's comment on one user turn."""
        self._run(
            "INSERT INTO parley_comments (session_id, turn, author, text, at) VALUES (?, ?, ?, ?, ?)",
            (session_id, turn, author, text, time.time()),
        )

    def comments_by(self, author: str) -> list[dict[str, Any]]:
        """Every comment one person wrote, on any session."""
        rows = self._run(
            "SELECT session_id, turn, text, at FROM parley_comments WHERE author = ? ORDER BY at",
            (author,),
            fetch=True,
        )
        return [{"session_id": str(s), "turn": int(t), "text": str(x), "at": float(w)} for s, t, x, w in rows]

    def delete_comments_by(self, author: str) -> int:
        """Remove every comment one person wrote; how many."""
        count = len(self.comments_by(author))
        self._run("DELETE FROM parley_comments WHERE author = ?", (author,))
        return count

    def comments(self, session_id: str) -> list[dict[str, Any]]:
        """A session's comments, by turn then time."""
        rows = self._run(
            "SELECT turn, author, text, at FROM parley_comments WHERE session_id = ? ORDER BY turn, at",
            (session_id,),
            fetch=True,
        )
        return [{"turn": int(t), "author": str(a), "text": str(x), "at": float(w)} for t, a, x, w in rows]

    # -- assignments --------------------------------------------------------------------------------------
    def create_assignment(self, row: AssignmentRow) -> None:
        """Add an assignment."""
        marks = ", ".join("?" for _ in ASSIGNMENT_COLUMNS)
        self._run(
            f"INSERT INTO parley_assignments ({', '.join(ASSIGNMENT_COLUMNS)}) VALUES ({marks})",
            tuple(getattr(row, c) for c in ASSIGNMENT_COLUMNS),
        )

    def get_assignment(self, assignment_id: str) -> AssignmentRow | None:
        """One assignment, or None."""
        rows = self._run(
            f"SELECT {', '.join(ASSIGNMENT_COLUMNS)} FROM parley_assignments WHERE id = ?",
            (assignment_id,),
            fetch=True,
        )
        return AssignmentRow.from_record(rows[0]) if rows else None

    def learner_assignments(self, learner: str) -> list[AssignmentRow]:
        """One learner's assignments, newest first."""
        rows = self._run(
            f"SELECT {', '.join(ASSIGNMENT_COLUMNS)} FROM parley_assignments WHERE learner = ? "
            "ORDER BY created_at DESC",
            (learner,),
            fetch=True,
        )
        return [AssignmentRow.from_record(r) for r in rows]

    def team_assignments(self, team: str) -> list[AssignmentRow]:
        """The assignments of the learners now in `team` (whoever assigned them), newest first."""
        rows = self._run(
            f"SELECT {', '.join(ASSIGNMENT_COLUMNS)} FROM parley_assignments WHERE learner IN "
            "(SELECT email FROM parley_members WHERE team = ? AND role = 'learner') ORDER BY created_at DESC",
            (team,),
            fetch=True,
        )
        return [AssignmentRow.from_record(r) for r in rows]

    def update_assignment(self, assignment_id: str, **fields: Any) -> None:
        """Change an assignment's status, session_id or done_at."""
        sets = ", ".join(f"{k} = ?" for k in fields)
        self._run(f"UPDATE parley_assignments SET {sets} WHERE id = ?", (*fields.values(), assignment_id))

    def finish_assignments_of(self, session_id: str) -> None:
        """The session started from an assignment has ended: that assignment is done (a cancelled one stays so)."""
        self._run(
            "UPDATE parley_assignments SET status = 'done', done_at = ? WHERE session_id = ? AND status = 'started'",
            (time.time(), session_id),
        )

    def finish_assignments_up(self, row: SessionRow) -> None:
        """Mark done the assignment this session, or the session it was rewound from (and so on up), was started
        from: a learner who rewinds and ends the branch has done the rehearsal too."""
        seen: set[str] = set()
        current: SessionRow | None = row
        while current is not None and current.id not in seen and len(seen) < 100:
            seen.add(current.id)
            self.finish_assignments_of(current.id)
            current = self.get_session(current.parent_id) if current.parent_id else None

    def delete_assignments(self, *, learner: str | None = None, coach: str | None = None) -> int:
        """Remove the assignments given to `learner` or written by `coach`; how many."""
        column, value = ("learner", learner) if learner is not None else ("coach", coach)
        count = len(self._run(f"SELECT id FROM parley_assignments WHERE {column} = ?", (value,), fetch=True))
        self._run(f"DELETE FROM parley_assignments WHERE {column} = ?", (value,))
        return count

    def session_owners(self) -> list[str]:
        """Everyone who has a session (signed in and rehearsed), listed or not."""
        return [
            str(o)
            for (o,) in self._run("SELECT DISTINCT owner FROM parley_sessions ORDER BY owner", fetch=True)
        ]

    # -- audit log ----------------------------------------------------------------------------------------
    def audit(
        self,
        actor: str,
        action: str,
        session_id: str | None = None,
        owner: str | None = None,
        detail: str = "",
    ) -> None:
        """Record who did what to which session, now. Never holds turn text, prep answers or secrets."""
        self._run(
            "INSERT INTO parley_audit (at, actor, action, session_id, owner, detail) VALUES (?, ?, ?, ?, ?, ?)",
            (time.time(), actor, action, session_id, owner, detail[:500]),
        )

    def audit_entries(
        self,
        *,
        actor: str | None = None,
        owner: str | None = None,
        since: float | None = None,
        limit: int = 10_000,
    ) -> list[dict[str, Any]]:
        """Audit entries, oldest first, optionally only one actor's, about one owner's data, or since a time."""
        clauses: list[str] = []
        params: list[object] = []
        for column, value in (("actor", actor), ("owner", owner)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        if since is not None:
            clauses.append("at >= ?")
            params.append(since)
        where = f"WHERE {' AND '.join(clauses)} " if clauses else ""
        rows = self._run(
            f"SELECT {', '.join(AUDIT_COLUMNS)} FROM parley_audit {where}ORDER BY at LIMIT ?",
            (*params, limit),
            fetch=True,
        )
        return [dict(zip(AUDIT_COLUMNS, r, strict=True)) for r in rows]

    # -- turn log (write-ahead of user turns) ----------------------------------------------------------
    def log_user_turn(self, session_id: str, turn: int, text: str) -> bool:
        """Save a user turn before anything that can fail runs; False (nothing written) if that turn is taken.

        Insert-only: a turn already logged is never overwritten, whoever wrote it.
        """
        sql = (
            "INSERT INTO parley_turn_log (session_id, turn, text, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (session_id, turn) DO NOTHING"
        ).replace("?", self._param)
        try:
            with self._tx() as cur:
                cur.execute(sql, (session_id, turn, text, time.time()))
                return cur.rowcount == 1
        except Exception as exc:
            raise _explain(exc, self.where) from None

    def logged_turns(self, session_id: str) -> list[tuple[int, str]]:
        """Every user turn saved for a session, in order."""
        rows = self._run(
            "SELECT turn, text FROM parley_turn_log WHERE session_id = ? ORDER BY turn",
            (session_id,),
            fetch=True,
        )
        return [(int(t), str(x)) for t, x in rows]

    def logged_turn(self, session_id: str, turn: int) -> str | None:
        """The user turn saved as number `turn` of a session, or None."""
        rows = self._run(
            "SELECT text FROM parley_turn_log WHERE session_id = ? AND turn = ?",
            (session_id, turn),
            fetch=True,
        )
        return str(rows[0][0]) if rows else None

    def copy_turn_log(self, source: str, target: str, up_to: int) -> None:
        """Copy user turns 1..up_to to a branch."""
        self._run(
            "INSERT INTO parley_turn_log (session_id, turn, text, created_at) "
            "SELECT ?, turn, text, created_at FROM parley_turn_log WHERE session_id = ? AND turn <= ?",
            (target, source, up_to),
        )

    # -- per-session writer lock -------------------------------------------------------------------------
    def lock_session(self, session_id: str, wait: float | None = None, *, reading: bool = False) -> None:
        """Become the only writer of a session, across threads and processes; SessionLocked after `wait` seconds.

        PostgreSQL: pg_try_advisory_lock(ADVISORY_CLASS, hashtext(id)) on the index connection (the server drops
        it if the process dies). SQLite: a row in parley_session_locks, inserted insert-only; a row whose process
        is gone (same host: pid and start time) or that is older than FOREIGN_LOCK_STALE_S (another host) is
        taken over. `reading`: on a read-only database, go ahead without the shared lock (nobody can write it).
        The caller must call unlock_session in the same thread.
        """
        wait = self.session_wait if wait is None else wait
        deadline = time.monotonic() + wait
        with self._session_locks_guard:
            local = self._session_locks.setdefault(session_id, threading.Lock())
        if not local.acquire(timeout=max(wait, 0.001)):
            raise SessionLocked(session_id)
        try:
            first = True
            while True:
                try:
                    if self._try_db_lock(session_id, first):
                        self._held.add(session_id)
                        return
                except StoreError as exc:
                    if reading and "read-only" in str(exc):
                        return  # nothing can be written, so there is nothing to keep apart
                    raise
                first = False
                if time.monotonic() >= deadline:
                    raise SessionLocked(session_id)
                time.sleep(LOCK_POLL_S * (0.5 + (os.getpid() % 7) / 7))
        except BaseException:
            local.release()
            raise

    def unlock_session(self, session_id: str) -> None:
        """Give the session back (see lock_session); a failed release is retried on close or taken over later."""
        try:
            if session_id in self._held:
                self._release_db_lock(session_id)
        except Exception:  # noqa: S110 - the body's own error matters more; the row is ours and is reclaimed
            pass
        finally:
            with self._session_locks_guard:
                local = self._session_locks.get(session_id)
            if local is not None and local.locked():
                local.release()

    def _try_db_lock(self, session_id: str, first: bool = True) -> bool:
        try:
            if self.is_postgres:
                rows = self._run(
                    "SELECT pg_try_advisory_lock(?::integer, hashtext(?::text))",
                    (ADVISORY_CLASS, session_id),
                    fetch=True,
                )
                return bool(rows[0][0])
            return (first and self._insert_lock_row(session_id)) or self._try_lock_row(session_id)
        except StoreError:
            raise
        except Exception as exc:
            raise _explain(exc, self.where) from None

    def _insert_lock_row(self, session_id: str) -> bool:
        with self._tx() as cur:
            cur.execute(
                "INSERT INTO parley_session_locks (session_id, owner, host, pid, started, acquired_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (session_id) DO NOTHING",
                (session_id, self._owner, self._host, self._pid, self._started, time.time()),
            )
            return cur.rowcount == 1

    def _try_lock_row(self, session_id: str) -> bool:
        with (
            self._lock
        ):  # a plain read: a waiting writer does not take SQLite's write lock while the row is held
            cur = self._conn.cursor()
            try:
                found = cur.execute(
                    "SELECT owner, host, pid, started, acquired_at FROM parley_session_locks "
                    "WHERE session_id = ?",
                    (session_id,),
                ).fetchone()
            finally:
                cur.close()
        if found is not None:
            owner, host, pid, started, acquired_at = found
            if owner == self._owner:
                stale = True  # ours, left by a release that failed; this Store's threading lock is held
            elif host == self._host:
                now_started = _process_start(int(pid))
                stale = now_started is None or (
                    bool(started) and bool(now_started) and now_started != started
                )
            else:
                stale = time.time() - float(acquired_at) > FOREIGN_LOCK_STALE_S
            if not stale:
                return False
            with self._tx() as cur:  # only that holder's row: a new holder's row stays
                cur.execute(
                    "DELETE FROM parley_session_locks WHERE session_id = ? AND owner = ?", (session_id, owner)
                )
        return self._insert_lock_row(session_id)

    def _release_db_lock(self, session_id: str) -> None:
        if self.is_postgres:
            self._run(
                "SELECT pg_advisory_unlock(?::integer, hashtext(?::text))",
                (ADVISORY_CLASS, session_id),
                fetch=True,
            )
        else:
            self._run(
                "DELETE FROM parley_session_locks WHERE session_id = ? AND owner = ?",
                (session_id, self._owner),
            )
        self._held.discard(session_id)
