"""`parley audit` and `parley data export|erase`, in a separate process as people run them."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import zipfile

import pytest

from simulator.session import Rehearsals
from simulator.settings import Settings

pytestmark = pytest.mark.subprocess

PARLEY = [sys.executable, "-m", "simulator.cli"]


def _cli(tmp_path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PARLEY_", "OPENAI_"))}
    env |= {"PARLEY_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run(
        [*PARLEY, *args], input=stdin, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60
    )


def _seed(tmp_path) -> tuple[str, str]:
    svc = Rehearsals(Settings(_env_file=None, data_dir=tmp_path / "data"))
    try:
        local = svc.start("coffee-supplier", seed=1).session_id
        alice = svc.for_owner("alice@example.com").start("coffee-supplier", seed=2).session_id
    finally:
        svc.close()
    return local, alice


def test_cli_acts_as_local_export_is_audited_and_audit_reads_as_csv(tmp_path):
    local, alice = _seed(tmp_path)
    listed = _cli(tmp_path, "sessions", "--json")
    assert [r["id"] for r in json.loads(listed.stdout)] == [local]  # the single user's, not alice's
    refused = _cli(tmp_path, "export", alice)
    assert refused.returncode == 2 and "No session" in refused.stderr
    assert _cli(tmp_path, "export", local, "--format", "json").returncode == 0

    out = _cli(tmp_path, "audit", "--csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [(r["actor"], r["action"], r["session_id"]) for r in rows] == [
        ("local", "start", local),
        ("alice@example.com", "start", alice),
        ("local", "view", local),
        ("local", "export", local),
    ]
    only = _cli(tmp_path, "audit", "--actor", "alice@example.com", "--days", "1")
    assert alice in only.stdout and local not in only.stdout


def test_cli_data_export_and_erase_one_owner(tmp_path):
    local, alice = _seed(tmp_path)
    archive = tmp_path / "alice.zip"
    done = _cli(tmp_path, "data", "export", "--owner", "alice@example.com", "--output", str(archive))
    assert done.returncode == 0, done.stderr
    names = zipfile.ZipFile(archive).namelist()
    assert f"sessions/{alice}.json" in names and not any(local in n for n in names)

    kept = _cli(tmp_path, "data", "erase", "--owner", "alice@example.com", stdin="no\n")
    assert kept.returncode == 1 and "Nothing erased" in kept.stderr
    erased = _cli(tmp_path, "data", "erase", "--owner", "alice@example.com", stdin="erase\n")
    assert erased.returncode == 0 and "Erased 1 session" in erased.stdout
    svc = Rehearsals(Settings(_env_file=None, data_dir=tmp_path / "data"))
    try:
        assert svc.for_owner("alice@example.com").sessions() == []
        assert [r.id for r in svc.sessions()] == [local]
    finally:
        svc.close()


def test_cli_retention(tmp_path):
    local, alice = _seed(tmp_path)
    assert "nothing deleted" in _cli(tmp_path, "retention").stdout  # PARLEY_RETENTION_DAYS unset: keep all
    svc = Rehearsals(Settings(_env_file=None, data_dir=tmp_path / "data"))
    try:
        svc.store._run("UPDATE parley_sessions SET updated_at = 1000 WHERE id = ?", (alice,))
    finally:
        svc.close()
    done = _cli(tmp_path, "retention", "--days", "30")
    assert done.returncode == 0 and "Deleted 1 session" in done.stdout
    rows = list(csv.DictReader(io.StringIO(_cli(tmp_path, "audit", "--csv", "--actor", "retention").stdout)))
    assert [(r["action"], r["session_id"], r["owner"]) for r in rows] == [
        ("delete", alice, "alice@example.com")
    ]


def test_cli_team_roles(tmp_path):
    assert "Nobody has a role yet" in _cli(tmp_path, "team", "list").stdout
    done = _cli(tmp_path, "team", "set", "Coach@Example.com", "--role", "coach", "--team", "sales")
    assert done.returncode == 0 and "coach@example.com is now coach in team sales" in done.stdout
    assert "coach@example.com" in _cli(tmp_path, "team", "list").stdout
    assert _cli(tmp_path, "team", "set", "x@example.com").returncode == 2
    rows = list(csv.DictReader(io.StringIO(_cli(tmp_path, "audit", "--csv").stdout)))
    assert [(r["actor"], r["action"], r["owner"]) for r in rows] == [
        ("local", "set_role", "coach@example.com")
    ]
