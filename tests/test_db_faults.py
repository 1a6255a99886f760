"""A locked, read-only or corrupt database: a clear message saying what to do, no traceback, nothing lost."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from simulator.session import Rehearsals
from simulator.settings import Settings
from simulator.store import Store, StoreError
from simulator.voice import AuthoredVoice, VoiceReply, VoiceRequest

PARLEY = [sys.executable, "-m", "simulator.cli"]
LOCK_WAIT_S = 1  # ?timeout= on the URL: how long Parley waits for a lock before saying so


def _env(url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PARLEY_", "OPENAI_"))}
    env["PARLEY_DATABASE_URL"] = url
    return env


def _cli(url: str, *args: str, stdin: str = "", cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*PARLEY, *args], input=stdin, capture_output=True, text=True, env=_env(url), cwd=cwd, timeout=60
    )


def _seed_db(path: Path) -> str:
    """A database holding one ended session; returns its id."""
    service = Rehearsals(Settings(_env_file=None, database_url=f"sqlite:///{path}"))
    try:
        sid = service.start("coffee-supplier", seed=1).session_id
        service.reply(sid, "What concerns you most about this?")
        service.end(sid)
        return sid
    finally:
        service.close()


def _assert_told(done: subprocess.CompletedProcess, *words: str) -> None:
    assert done.returncode == 3, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr + done.stdout
    for word in words:
        assert word in done.stderr, done.stderr


def test_sqlite_runs_in_wal_mode(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'p.db'}")
    try:
        for conn in (store._conn, store._saver_conn):
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 30_000
    finally:
        store.close()
    assert (
        sqlite3.connect(tmp_path / "p.db").execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    )  # persistent


def test_a_lock_refused_at_once_while_opening_is_waited_out(tmp_path, monkeypatch):
    """SQLite can refuse at once, without its busy wait, while another process is switching a new file to WAL or
    recovering it; opening waits that out within the timeout instead of failing (seen once under load)."""
    real, refused = Store._open_sqlite, []

    def busy_twice(self, url):
        real(self, url)
        if len(refused) < 2:
            refused.append(url)
            raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(Store, "_open_sqlite", busy_twice)
    store = Store(f"sqlite:///{tmp_path / 'p.db'}?timeout={LOCK_WAIT_S}")
    try:
        assert len(refused) == 2 and store.list_sessions() == []
    finally:
        store.close()


@pytest.mark.subprocess
@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_corrupt_database_is_reported_and_left_alone(tmp_path, damage):
    db = tmp_path / "parley.db"
    _seed_db(db)
    data = db.read_bytes()
    db.write_bytes(os.urandom(8192) if damage == "garbage" else data[: len(data) // 3])
    before = db.read_bytes()
    url = f"sqlite:///{db}"
    for args, stdin in (
        (["sessions"], ""),
        (["chat", "--persona", "coffee-supplier", "--jsonl"], "Hello\n"),
        (["export", "abc"], ""),
    ):
        _assert_told(_cli(url, *args, stdin=stdin, cwd=tmp_path), "damaged", "move it aside")
    with pytest.raises(StoreError, match="damaged"):
        Rehearsals(Settings(_env_file=None, database_url=url))
    assert db.read_bytes() == before  # Parley never "repairs" a file by overwriting it


@contextmanager
def _read_only(path: Path) -> Iterator[None]:
    """Make a file read-only even for root (chattr +i), or skip where that is impossible."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(0o644)
        return
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("cannot make a file read-only for root here (chattr +i unsupported)")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


@pytest.mark.subprocess
def test_a_read_only_database_can_be_read_but_not_written(tmp_path):
    db = tmp_path / "parley.db"
    sid = _seed_db(db)
    url = f"sqlite:///{db}"
    with _read_only(db):
        listed = _cli(url, "sessions", cwd=tmp_path)
        assert listed.returncode == 0 and sid in listed.stdout  # history is still readable
        _assert_told(
            _cli(url, "chat", "--persona", "coffee-supplier", "--jsonl", stdin="Hello\n", cwd=tmp_path),
            "read-only",
            "PARLEY_DATA_DIR",
        )
        service = Rehearsals(Settings(_env_file=None, database_url=url))
        try:
            with pytest.raises(StoreError, match="read-only"):
                service.start("coffee-supplier")
            assert service.view(sid).ended
        finally:
            service.close()
    reopened = Rehearsals(Settings(_env_file=None, database_url=url))
    try:
        assert [t["text"] for t in reopened.view(sid).turns if t["role"] == "user"] == [
            "What concerns you most about this?"
        ]
    finally:
        reopened.close()


@contextmanager
def _locked_by_another_program(db: Path) -> Iterator[None]:
    """Another process holds SQLite's write lock until the block ends."""
    marker = db.with_suffix(".locked")
    code = (
        "import sqlite3, sys, time, pathlib\n"
        f"c = sqlite3.connect({str(db)!r}, isolation_level=None)\n"
        "c.execute('BEGIN EXCLUSIVE')\n"
        f"pathlib.Path({str(marker)!r}).write_text('1')\n"
        "time.sleep(60)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code])
    try:
        deadline = time.monotonic() + 20
        while not marker.exists() and time.monotonic() < deadline and holder.poll() is None:
            time.sleep(0.02)
        assert marker.exists(), "the lock holder did not start"
        yield
    finally:
        holder.kill()
        holder.wait(timeout=10)


@pytest.mark.subprocess
def test_a_locked_database_says_so_and_works_once_released(tmp_path):
    db = tmp_path / "parley.db"
    sid = _seed_db(db)
    url = f"sqlite:///{db}?timeout={LOCK_WAIT_S}"
    with _locked_by_another_program(db):
        started = time.monotonic()
        done = _cli(url, "chat", "--persona", "coffee-supplier", "--jsonl", stdin="Hello\n", cwd=tmp_path)
        _assert_told(done, "lock", "try again")
        assert time.monotonic() - started < 15  # waited about the configured time, not forever
    again = _cli(url, "chat", "--persona", "coffee-supplier", "--jsonl", stdin="Hello\n", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    listed = _cli(url, "sessions", "--json", cwd=tmp_path)
    assert sid in listed.stdout and listed.stdout.count('"id"') == 2


class LockingVoice(AuthoredVoice):
    """Another connection grabs the write lock while the counterpart is speaking (so the checkpoint write waits)."""

    def __init__(self, db: Path):
        self.db = db
        self.holder: sqlite3.Connection | None = None
        self.done = False

    def say(self, request: VoiceRequest, on_token=None) -> VoiceReply:
        if request.history and self.holder is None and not self.done:
            self.holder = sqlite3.connect(self.db, isolation_level=None, check_same_thread=False)
            self.holder.execute("BEGIN EXCLUSIVE")
        return super().say(request, on_token)

    def release(self) -> None:
        if self.holder is not None:
            self.holder.execute("ROLLBACK")
            self.holder.close()
            self.holder = None
        self.done = True


@pytest.mark.slow
def test_a_lock_during_the_checkpoint_write_is_a_store_error_and_the_turn_is_kept(tmp_path):
    db = tmp_path / "parley.db"
    voice = LockingVoice(db)
    url = f"sqlite:///{db}?timeout={LOCK_WAIT_S}"
    service = Rehearsals(Settings(_env_file=None, database_url=url), voice=voice)
    try:
        sid = service.start("coffee-supplier", seed=1).session_id
        with pytest.raises(StoreError, match="lock"):
            service.reply(sid, "What concerns you most about this?")
        voice.release()
        view = service.view(sid)  # the saved turn is finished now that the lock is gone
        assert [t["text"] for t in view.turns if t["role"] == "user"] == [
            "What concerns you most about this?"
        ]
        assert view.turns[-1]["role"] == "counterpart"
    finally:
        voice.release()
        service.close()
