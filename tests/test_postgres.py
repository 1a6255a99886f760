"""PARLEY_DATABASE_URL=postgresql://... keeps checkpoints and the session index in PostgreSQL, through the CLI too."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from simulator.session import Rehearsals
from simulator.settings import Settings

pytest_plugins = ["tests.pg"]

PARLEY = [sys.executable, "-m", "simulator.cli"]
TURNS = ["Tell me about how things look from your side.", "What concerns you most about this?"]


def _cli(url: str, tmp_path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PARLEY_", "OPENAI_"))}
    env |= {"PARLEY_DATABASE_URL": url, "PARLEY_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run(
        [*PARLEY, *args], input=stdin, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60
    )


def _count(url: str, sql: str, *params: object) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute(sql, params).fetchone()[0]


def test_cli_sessions_live_in_postgres_and_resume_in_another_process(pg_url, tmp_path):
    first = _cli(pg_url, tmp_path, "chat", "--persona", "coffee-supplier", "--jsonl", "--seed", "3")
    assert first.returncode == 0, first.stderr
    sid = json.loads(first.stdout.splitlines()[0])["session_id"]
    assert not (tmp_path / "data").exists()  # nothing went to a SQLite file
    assert _count(pg_url, "SELECT count(*) FROM parley_sessions WHERE id = %s", sid) == 1
    assert _count(pg_url, "SELECT count(*) FROM checkpoints WHERE thread_id = %s", sid) > 0
    # A second process on the same server picks the session up; the first ended it, so resume shows it ended.
    resumed = _cli(pg_url, tmp_path, "chat", "--session", sid, "--jsonl")
    assert resumed.returncode == 0 and json.loads(resumed.stdout.splitlines()[0])["resumed"] is True
    exported = _cli(pg_url, tmp_path, "export", sid, "--format", "json")
    assert exported.returncode == 0 and json.loads(exported.stdout)["session_id"] == sid
    listed = _cli(pg_url, tmp_path, "sessions", "--json")
    assert [r["id"] for r in json.loads(listed.stdout)] == [sid]


def test_turns_resume_and_rewind_and_delete_on_postgres(pg_url):
    settings = Settings(_env_file=None, database_url=pg_url)
    service = Rehearsals(settings)
    sid = service.start("coffee-supplier", seed=2).session_id
    service.reply(sid, TURNS[0])
    service.close()
    service = Rehearsals(settings)  # a new connection, as a second app server would have
    try:
        service.reply(sid, TURNS[1])
        assert [t["text"] for t in service.view(sid).turns if t["role"] == "user"] == TURNS
        branch = service.rewind(sid, 2, "Can you tell me more about that?")
        assert service.view(branch.session_id).row.parent_id == sid
        assert [t["text"] for t in service.view(sid).turns if t["role"] == "user"] == TURNS  # original kept
        service.delete(branch.session_id)
        assert _count(pg_url, "SELECT count(*) FROM checkpoints WHERE thread_id = %s", branch.session_id) == 0
        assert [r.id for r in service.sessions()] == [sid]
    finally:
        service.close()


@pytest.mark.parametrize("where", ["closed port", "unknown database"])
def test_an_unreachable_server_is_a_clear_message_without_the_password(pg_cluster, tmp_path, where):
    from tests.pg import free_port

    port = free_port() if where == "closed port" else pg_cluster.port
    url = f"postgresql://postgres:hunter2-SECRET@127.0.0.1:{port}/no_such_db"
    done = _cli(url, tmp_path, "chat", "--persona", "coffee-supplier", "--jsonl", stdin="Hello\n")
    assert done.returncode == 3, done.stderr
    assert "Database problem" in done.stderr and "PARLEY_DATABASE_URL" in done.stderr
    assert "hunter2" not in done.stderr + done.stdout and "Traceback" not in done.stderr
