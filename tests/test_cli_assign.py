"""`parley assign create|list|cancel` in a separate process, as an operator runs it: --as names who acts; a learner
lists only their own, a coach their team's, anyone else nothing; errors are one plain line; both changes are
audited; --help explains the whole flow."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta

import pytest

from simulator.session import Rehearsals
from simulator.settings import Settings

pytestmark = pytest.mark.subprocess

PARLEY = [sys.executable, "-m", "simulator.cli"]
COACH, ALICE, BOB = "coach@example.com", "alice@example.com", "bob@example.com"


def _cli(tmp_path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PARLEY_", "OPENAI_"))}
    env |= {"PARLEY_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run([*PARLEY, *args], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)


def test_assign_list_cancel_as_people_run_it(tmp_path):
    svc = Rehearsals(Settings(_env_file=None, data_dir=tmp_path / "data"))
    try:
        svc.set_role(COACH, "coach", "sales")
        svc.set_role(ALICE, "learner", "sales")
        svc.set_role(BOB, "learner", "support")
    finally:
        svc.close()
    due = (date.today() + timedelta(days=7)).isoformat()
    made = _cli(
        tmp_path,
        "assign",
        "create",
        ALICE,
        "--as",
        COACH,
        "-p",
        "coffee-supplier",
        "-d",
        "hard",
        "--due",
        due,
        "--note",
        "Find the cash-flow problem \x1b[31mfirst",
    )
    assert made.returncode == 0, made.stderr
    assignment_id = made.stdout.split()[1]
    assert made.stdout.startswith(f"assigned {assignment_id} to {ALICE}: coffee-supplier (hard), due {due}")

    mine = json.loads(_cli(tmp_path, "assign", "list", "--as", ALICE, "--json").stdout)
    assert [
        (a["id"], a["persona_id"], a["difficulty"], a["due"], a["status"], a["overdue"]) for a in mine
    ] == [(assignment_id, "coffee-supplier", "hard", due, "assigned", False)]
    team = _cli(tmp_path, "assign", "list", "--as", COACH)
    assert assignment_id in team.stdout and "assigned" in team.stdout and "\x1b" not in team.stdout
    assert assignment_id not in _cli(tmp_path, "assign", "list", "--as", BOB).stdout
    assert assignment_id not in _cli(tmp_path, "assign", "list").stdout  # local: no role, nothing

    for refused in (
        ("assign", "create", ALICE, "-p", "coffee-supplier"),  # local is not a coach
        ("assign", "create", BOB, "--as", COACH, "-p", "coffee-supplier"),  # not in the team
        ("assign", "create", ALICE, "--as", COACH, "-p", "coffee-supplier", "--due", "friday"),
        ("assign", "cancel", assignment_id, "--as", BOB),
        ("assign", "cancel", assignment_id, "--as", ALICE),
    ):
        out = _cli(tmp_path, *refused)
        assert out.returncode == 2 and out.stderr.startswith("parley: ") and "Traceback" not in out.stderr, (
            refused
        )
    assert "No assignment" in _cli(tmp_path, "assign", "cancel", assignment_id, "--as", BOB).stderr

    cancelled = _cli(tmp_path, "assign", "cancel", assignment_id, "--as", COACH)
    assert cancelled.returncode == 0 and cancelled.stdout.startswith(f"cancelled {assignment_id}")
    assert json.loads(_cli(tmp_path, "assign", "list", "--as", ALICE, "--json").stdout) == []
    assert "cancelled" in _cli(tmp_path, "assign", "list", "--as", COACH, "--all").stdout

    audit = _cli(tmp_path, "audit", "--actor", COACH).stdout
    assert "assign" in audit and "cancel_assignment" in audit and "cash-flow" not in audit

    helped = _cli(tmp_path, "assign", "--help").stdout
    for words in ("create", "list", "cancel", "--as", "Prepare page", "parley team set", "overdue"):
        assert words in helped
    assert "--due YYYY-MM-DD" in _cli(tmp_path, "assign", "create", "--help").stdout
