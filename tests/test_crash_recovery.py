"""SIGKILL a real process in the middle of a turn; on restart the session resumes with every acknowledged turn."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from simulator.session import Rehearsals
from simulator.settings import Settings

pytest_plugins = ["tests.pg"]

DRIVER = Path(__file__).with_name("crash_driver.py")
sys.path.insert(0, str(DRIVER.parent))
from crash_driver import SEED, TURNS  # noqa: E402

pytestmark = pytest.mark.subprocess

MARKER_WAIT_S = 30.0


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path: Path) -> str:
    """The same tests against SQLite (a file) and PostgreSQL (a throwaway cluster)."""
    if request.param == "postgres":
        return request.getfixturevalue("pg_url")
    return f"sqlite:///{tmp_path / 'parley.db'}"


def _kill_at(db_url: str, point: str, turn: int, tmp_path: Path) -> list[dict]:
    """Run the driver until it stalls at `point`, SIGKILL it, and return what it printed."""
    marker = tmp_path / f"stalled-{point}-{turn}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PARLEY_", "OPENAI_"))}
    proc = subprocess.Popen(
        [sys.executable, str(DRIVER), db_url, point, str(turn), str(marker)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    try:
        deadline = time.monotonic() + MARKER_WAIT_S
        while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert marker.exists(), (
            f"driver never reached '{point}': rc={proc.poll()} {proc.stderr.read() if proc.poll() is not None else ''}"
        )
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    return [json.loads(line) for line in out.splitlines()]


def _reference(tmp_path: Path, user_turns: int, end: bool) -> list[dict]:
    """The same session run without a crash."""
    service = Rehearsals(Settings(_env_file=None, data_dir=tmp_path / "reference"))
    try:
        sid = service.start("coffee-supplier", "realistic", seed=SEED).session_id
        for text in TURNS[:user_turns]:
            service.reply(sid, text)
        if end:
            service.end(sid)
        return service.view(sid).turns
    finally:
        service.close()


@pytest.mark.parametrize(
    ("point", "turn"), [("checkpoint", 1), ("checkpoint", 3), ("voice", 2), ("voice", 4)]
)
def test_a_turn_killed_mid_way_is_resumed_with_every_acknowledged_turn(db_url, tmp_path, point, turn):
    printed = _kill_at(db_url, point, turn, tmp_path)
    session_id = printed[0]["session_id"]
    acked = [p["text"] for p in printed if "ack" in p]
    assert acked == TURNS[: turn - 1]  # the driver really died inside turn `turn`
    service = Rehearsals(Settings(_env_file=None, database_url=db_url))
    try:
        turns = service.view(session_id).turns
        users = [t["text"] for t in turns if t["role"] == "user"]
        # Every acknowledged turn, plus the one in flight (it was saved before the graph ran).
        assert users == TURNS[:turn]
        assert [t["role"] for t in turns] == ["counterpart", "user"] * turn + ["counterpart"]
        assert turns == _reference(tmp_path, turn, end=False)  # nothing lost, nothing said twice
        # The learner carries on where they were.
        result = service.reply(session_id, TURNS[turn])
        assert result.user_turn == turn + 1 and result.text
    finally:
        service.close()


def test_killed_during_the_debrief_ends_with_a_scorecard_on_restart(db_url, tmp_path):
    printed = _kill_at(db_url, "debrief", 0, tmp_path)
    session_id = printed[0]["session_id"]
    assert [p["text"] for p in printed if "ack" in p] == TURNS
    assert not any(p.get("ended") for p in printed)
    service = Rehearsals(Settings(_env_file=None, database_url=db_url))
    try:
        view = service.view(session_id)
        assert [t["text"] for t in view.turns if t["role"] == "user"] == TURNS
        assert view.ended and view.scorecard and view.scorecard.get("overall") is not None
        assert view.turns == _reference(tmp_path, len(TURNS), end=True)
        row = service.store.get_session(session_id)
        assert row is not None and row.user_turns == len(TURNS)
    finally:
        service.close()
