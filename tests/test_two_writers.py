"""Two real processes write to one session at the same moment: every acknowledged turn is kept exactly once.

Issue 13, item 1: two `parley chat --session SID --jsonl` writers lost and duplicated acknowledged turns (the lock
was per process and the turn log overwrote). Now a per-session lock that the database enforces (a lock row on
SQLite, pg_advisory_lock on PostgreSQL) makes the second writer wait and go after the first.

This file is also the writer driver: `python tests/test_two_writers.py DB_URL SID NAME GO_FILE` opens the
service, prints {"ready"}, waits for GO_FILE, sends TURNS_EACH turns and prints one JSON object per turn:
{"text", "reply", "user_turn"} when acknowledged, {"text", "error"} when not.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

pytest_plugins = ["tests.pg"]

HERE = Path(__file__).resolve()
PARLEY = HERE.parent.parent / ".venv" / "bin" / "parley"
TURNS_EACH = 10
QUESTIONS = [
    "Tell me about how things look from your side.",
    "What concerns you most about this?",
    "Can you tell me more about that?",
    "What else concerns you?",
    "How does that affect your team?",
]
READY_WAIT_S = 20.0
RUN_WAIT_S = 25.0


def turn_text(writer: str, number: int) -> str:
    """A question that says who sent it, so each turn can be found in the transcript."""
    return f"{QUESTIONS[(number - 1) % len(QUESTIONS)]} ({writer}{number})"


def _drive(argv: list[str]) -> int:
    from simulator.session import Rehearsals
    from simulator.settings import Settings

    url, sid, name, go = argv[0], argv[1], argv[2], Path(argv[3])
    service = Rehearsals(Settings(_env_file=None, database_url=url))
    try:
        print(json.dumps({"ready": name}), flush=True)
        deadline = time.monotonic() + READY_WAIT_S
        while not go.exists() and time.monotonic() < deadline:
            time.sleep(0.002)
        for number in range(1, TURNS_EACH + 1):
            text = turn_text(name, number)
            try:
                result = service.reply(sid, text)
            except Exception as exc:  # noqa: BLE001 - reported, not acknowledged
                print(json.dumps({"text": text, "error": f"{type(exc).__name__}: {exc}"}), flush=True)
                continue
            print(json.dumps({"text": text, "reply": result.text, "user_turn": result.user_turn}), flush=True)
    finally:
        service.close()
    return 0


# -- the tests ---------------------------------------------------------------------------------------------
@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path: Path) -> str:
    """The same tests against SQLite (a file) and PostgreSQL (a throwaway cluster)."""
    if request.param == "postgres":
        return request.getfixturevalue("pg_url")
    return f"sqlite:///{tmp_path / 'parley.db'}"


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("PARLEY_", "OPENAI_"))}


def _start_session(url: str) -> str:
    from simulator.session import Rehearsals
    from simulator.settings import Settings

    service = Rehearsals(Settings(_env_file=None, database_url=url))
    try:
        return service.start("coffee-supplier", "realistic", seed=7).session_id
    finally:
        service.close()


def _saved(url: str, sid: str) -> list[dict]:
    from simulator.session import Rehearsals
    from simulator.settings import Settings

    service = Rehearsals(Settings(_env_file=None, database_url=url))
    try:
        turns = service.view(sid).turns
        assert [t["text"] for t in turns if t["role"] == "user"] == [
            t for _, t in service.store.logged_turns(sid)
        ]
        return turns
    finally:
        service.close()


def _wait_lines(proc: subprocess.Popen, count: int, deadline: float) -> list[str]:
    lines: list[str] = []
    while len(lines) < count:
        assert time.monotonic() < deadline, f"writer stalled: {lines} {proc.poll()}"
        line = proc.stdout.readline()
        assert line, f"writer exited early (rc={proc.wait(timeout=10)}): {proc.stderr.read()}"
        lines.append(line)
    return lines


def _check(turns: list[dict], acked: list[dict], sent: int) -> None:
    """Every acknowledged turn exactly once, nothing else, each followed by the reply its writer was given."""
    users = [t["text"] for t in turns if t["role"] == "user"]
    duplicated = [text for text, n in Counter(users).items() if n > 1]
    assert not duplicated, f"turns saved twice: {duplicated}"
    acked_texts = [a["text"] for a in acked]
    assert len(set(acked_texts)) == len(acked_texts)
    missing = [text for text in acked_texts if text not in users]
    assert not missing, f"acknowledged but lost: {missing}"
    assert sorted(users) == sorted(acked_texts), "a turn nobody saw acknowledged was saved"
    assert len(users) == len(acked) and len(acked) >= sent // 2
    # Strict alternation: one counterpart reply to each user turn, and it is the reply that writer was shown.
    assert [t["role"] for t in turns] == ["counterpart"] + ["user", "counterpart"] * len(users)
    reply_to = {turns[i]["text"]: turns[i + 1]["text"] for i in range(1, len(turns), 2)}
    for a in acked:
        if "reply" in a:
            assert reply_to[a["text"]] == a["reply"], f"{a['text']!r} was answered with another turn's reply"
        if "user_turn" in a:
            assert users[a["user_turn"] - 1] == a["text"]
    # Each writer's own turns are in the order it sent them.
    for writer in ("A", "B"):
        mine = [u for u in users if u.endswith(")") and u.rsplit("(", 1)[1].startswith(writer)]
        assert mine == sorted(mine, key=lambda u: int(u.rsplit("(", 1)[1][1:-1]))


@pytest.mark.subprocess
def test_two_writer_processes_keep_every_acknowledged_turn_once(db_url, tmp_path):
    sid = _start_session(db_url)
    go = tmp_path / "go"
    procs = {
        name: subprocess.Popen(
            [sys.executable, str(HERE), db_url, sid, name, str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
            cwd=tmp_path,
        )
        for name in "AB"
    }
    try:
        deadline = time.monotonic() + READY_WAIT_S
        for proc in procs.values():
            assert "ready" in json.loads(_wait_lines(proc, 1, deadline)[0])
        go.write_text("go")  # both start sending at the same moment
        printed = []
        for proc in procs.values():
            out, err = proc.communicate(timeout=RUN_WAIT_S)
            assert proc.returncode == 0, err
            printed += [json.loads(line) for line in out.splitlines()]
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
    acked = [p for p in printed if "reply" in p and "error" not in p]
    errors = [p for p in printed if "error" in p]
    assert len(acked) + len(errors) == 2 * TURNS_EACH
    # The only acceptable refusal is the clear "busy" one; with these fast turns both writers wait their turn.
    assert all("busy in another window" in e["error"] for e in errors), errors
    assert not errors, errors
    _check(_saved(db_url, sid), acked, 2 * TURNS_EACH)


@pytest.mark.subprocess
def test_two_parley_chat_jsonl_writers_on_one_session(db_url, tmp_path):
    """The reported case: two `parley chat --session SID --jsonl` at once (each ends the session at its EOF)."""
    sid = _start_session(db_url)
    env = _env() | {"PARLEY_DATABASE_URL": db_url, "PARLEY_DATA_DIR": str(tmp_path / "data")}
    procs = {
        name: subprocess.Popen(
            [str(PARLEY), "chat", "--session", sid, "--jsonl"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=tmp_path,
        )
        for name in "AB"
    }
    sent = {name: [turn_text(name, n) for n in range(1, TURNS_EACH + 1)] for name in procs}
    try:
        deadline = time.monotonic() + READY_WAIT_S
        first = {name: _wait_lines(proc, 1, deadline)[0] for name, proc in procs.items()}
        for line in first.values():  # both have opened the session and shown where it stands
            assert json.loads(line)["resumed"] is True
        for name, proc in procs.items():  # then both get all ten turns at once
            proc.stdin.write("".join(t + "\n" for t in sent[name]))
            proc.stdin.flush()
        for proc in procs.values():
            proc.stdin.close()
        acked = []
        for name, proc in procs.items():
            out = first[name] + proc.stdout.read()
            proc.wait(timeout=RUN_WAIT_S)
            assert proc.returncode == 0, proc.stderr.read()
            objs = [json.loads(line) for line in out.splitlines()]
            assert objs[0].get("resumed") is True and objs[-1].get("final") is True
            assert len(objs) == TURNS_EACH + 2  # one object per line sent
            for text, obj in zip(sent[name], objs[1:-1], strict=True):
                if (
                    "error" in obj
                ):  # not acknowledged: busy, or the other writer already ended the session at its EOF
                    assert "busy in another window" in obj["error"] or "has ended" in obj["error"], obj
                else:
                    acked.append({"text": text, "reply": obj["text"], "user_turn": obj["turn"]})
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
    _check(_saved(db_url, sid), acked, TURNS_EACH)


@pytest.mark.slow
def test_a_writer_still_busy_after_the_wait_is_told_so_and_nothing_is_saved(db_url):
    """Another process (here: another connection) keeps the session longer than the wait: a clear InputError."""
    from simulator.session import InputError, Rehearsals, SessionBusy
    from simulator.settings import Settings
    from simulator.store import Store

    sid = _start_session(db_url)
    holder = Store(db_url)
    service = Rehearsals(Settings(_env_file=None, database_url=db_url), store=Store(db_url))
    service.store.session_wait = 0.3
    try:
        holder.lock_session(sid)
        started = time.monotonic()
        with pytest.raises(SessionBusy, match="busy in another window; try again in a moment") as raised:
            service.reply(sid, "What concerns you most about this?")
        assert isinstance(raised.value, InputError) and time.monotonic() - started < 5
        assert service.store.logged_turns(sid) == []  # not acknowledged, not saved
        holder.unlock_session(sid)
        assert service.reply(sid, "What concerns you most about this?").user_turn == 1
        assert [t for _, t in service.store.logged_turns(sid)] == ["What concerns you most about this?"]
    finally:
        holder.close()
        service.close()


if __name__ == "__main__":
    raise SystemExit(_drive(sys.argv[1:]))
