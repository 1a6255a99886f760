"""Assignments: a coach assigns a rehearsal to a learner of their team; the learner sees only their own, the coach
only their team's, anyone else gets "not found"; starting one links the session, ending that session (or closing
on a deal) makes it done; create and cancel are in the audit log. On SQLite and the throwaway PostgreSQL cluster."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from datetime import date, timedelta

import pytest

from simulator.session import AssignmentNotFound, InputError, Rehearsals, SessionNotFound
from simulator.settings import Settings
from simulator.store import Store

pytest_plugins = ["tests.pg"]

COACH, ALICE, BOB, OTHER_COACH = (
    "coach@example.com",
    "alice@example.com",
    "bob@example.com",
    "coach2@example.com",
)
NOTE = "Practise finding the cash-flow problem before you talk price."


@pytest.fixture
def base(db_url, tmp_path):
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", database_url=db_url)
    svc = Rehearsals(settings)
    svc.set_role(COACH, "coach", "sales")  # the operator ('local'), as `parley team set` does
    svc.set_role(ALICE, "learner", "sales")
    svc.set_role(BOB, "learner", "support")
    svc.set_role(OTHER_COACH, "coach", "support")
    yield svc
    svc.close()


def _due(days: int = 7) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


def test_learner_sees_own_coach_sees_team_everyone_else_not_found(base):
    coach, alice, bob = base.for_owner(COACH), base.for_owner(ALICE), base.for_owner(BOB)
    other_coach, admin = base.for_owner(OTHER_COACH), base.for_owner("boss@example.com")
    base.set_role("boss@example.com", "admin")
    mine = coach.assign(ALICE, "coffee-supplier", "hard", due=_due(), note=NOTE)
    theirs = other_coach.assign(BOB, "landlord-renewal")

    assert [(a.id, a.persona_id, a.difficulty, a.due, a.note, a.status) for a in alice.assignments()] == [
        (mine.id, "coffee-supplier", "hard", _due(), NOTE, "assigned")
    ]
    assert [a.id for a in bob.assignments()] == [theirs.id]
    assert [a.id for a in coach.assignments()] == [mine.id]
    assert [a.id for a in other_coach.assignments()] == [theirs.id]
    assert admin.assignments() == [] and base.assignments() == []
    assert alice.assignment(mine.id).coach == COACH and coach.assignment(mine.id).learner == ALICE

    refused = {
        "bob reads alice's": lambda: bob.assignment(mine.id),
        "other coach reads": lambda: other_coach.assignment(mine.id),
        "admin reads": lambda: admin.assignment(mine.id),
        "bob starts alice's": lambda: bob.start_assignment(mine.id),
        "coach starts it for her": lambda: coach.start_assignment(mine.id),
        "other coach cancels": lambda: other_coach.cancel_assignment(mine.id),
        "learner cancels her own": lambda: alice.cancel_assignment(mine.id),
        "alice reads bob's": lambda: alice.assignment(theirs.id),
    }
    for name, operation in refused.items():
        with pytest.raises(AssignmentNotFound) as caught:
            operation()
        with pytest.raises(AssignmentNotFound) as missing:
            alice.assignment("000000000000")
        # exactly the words a missing id gets, and the same kind a front end already catches for sessions
        assert str(caught.value) == str(missing.value).replace(
            "000000000000", caught.value.args[0].split("'")[1]
        ), name
        assert isinstance(caught.value, SessionNotFound)
    assert alice.assignment(mine.id).status == "assigned"  # nothing above changed it


def test_only_a_coach_assigns_and_only_to_a_learner_of_their_team(base):
    coach, alice = base.for_owner(COACH), base.for_owner(ALICE)
    for who, learner in (
        (alice, BOB),
        (base, ALICE),
        (coach, BOB),
        (coach, "nobody@example.com"),
        (coach, COACH),
    ):
        with pytest.raises(InputError):
            who.assign(learner, "coffee-supplier")
    for bad in (
        {"persona_id": "no-such-persona"},
        {"difficulty": "brutal"},
        {"due": "next friday"},
        {"due": (date.today() - timedelta(days=1)).isoformat()},
    ):
        with pytest.raises(InputError):
            coach.assign(ALICE, **({"persona_id": "coffee-supplier"} | bad))
    assert alice.assignments() == []
    made = coach.assign(
        " Alice@Example.com ", "manager-raise", note="  x\x00y  "
    )  # emails are matched lower-cased
    assert (made.learner, made.difficulty, made.due, made.note) == (ALICE, "realistic", None, "xy")


def test_starting_links_the_session_and_ending_it_makes_it_done(base):
    coach, alice = base.for_owner(COACH), base.for_owner(ALICE)
    task = coach.assign(ALICE, "coffee-supplier", "easy", due=_due(3), note=NOTE)
    started = alice.start_assignment(task.id, prep={"needs": "a fair price"})
    session = alice.view(started.session_id)
    assert (session.row.persona_id, session.row.difficulty, session.row.owner) == (
        "coffee-supplier",
        "easy",
        ALICE,
    )
    assert session.row.prep["needs"] == "a fair price"
    now = alice.assignment(task.id)
    assert (now.status, now.session_id) == ("started", started.session_id)
    assert coach.assignment(task.id).status == "started"

    alice.reply(started.session_id, "What matters most to you in this contract?")
    assert alice.assignment(task.id).status == "started"  # a turn is not the end
    alice.end(started.session_id)
    done = coach.assignment(task.id)
    assert done.status == "done" and done.done_at is not None and not done.overdue()
    with pytest.raises(InputError):
        alice.start_assignment(task.id)  # done: start a new rehearsal instead
    with pytest.raises(InputError):
        coach.cancel_assignment(task.id)


def test_ending_a_branch_of_the_assigned_session_makes_it_done(base):
    coach, alice = base.for_owner(COACH), base.for_owner(ALICE)
    task = coach.assign(ALICE, "coffee-supplier")
    sid = alice.start_assignment(task.id).session_id
    alice.reply(sid, "Is $15 a kilo acceptable?")
    branch = alice.rewind(sid, 1, "Tell me about how this year has been for the roastery.").session_id
    alice.reply(branch, "What matters most to you in this contract?")
    assert alice.assignment(task.id).status == "started"
    alice.end(branch)  # she carried on in the branch and ended it there; the original stays open
    assert not alice.view(sid).ended
    assert alice.assignment(task.id).status == "done"


def test_a_deal_makes_it_done_too(base):
    coach, alice = base.for_owner(COACH), base.for_owner(ALICE)
    task = coach.assign(ALICE, "coffee-supplier", "easy")
    sid = alice.start_assignment(task.id).session_id
    # Close on a deal the way a learner does: accept the counterpart's counter.
    for text in (
        "Tell me about how this year has been for the roastery.",
        "$16.50 a kilo if we commit to 55 kilos a week and pay on time",
        "ok, deal",
        "Yes, deal. Agreed.",
        "Deal — let's shake on it.",
    ):
        result = alice.reply(sid, text)
        if result.ended:
            break
    if not result.ended:
        pytest.skip("the counterpart did not close on these turns (policy changed); ending is covered above")
    assert alice.assignment(task.id).status == "done"


def test_overdue_is_past_due_and_not_done(base):
    coach, alice = base.for_owner(COACH), base.for_owner(ALICE)
    task = coach.assign(ALICE, "coffee-supplier", due=_due(0))
    assert not alice.assignment(task.id).overdue()
    base.store.update_assignment(task.id, due=(date.today() - timedelta(days=2)).isoformat())
    late = alice.assignment(task.id)
    assert late.overdue() and late.label() == "assigned, overdue"
    assert not late.overdue(today=date.today() - timedelta(days=3))


def test_cancel_hides_it_from_the_learner_and_both_are_audited(base):
    coach, alice = base.for_owner(COACH), base.for_owner(ALICE)
    task = coach.assign(ALICE, "coffee-supplier", due=_due(), note=NOTE)
    cancelled = coach.cancel_assignment(task.id)
    assert cancelled.status == "cancelled"
    assert alice.assignments() == [] and coach.assignments() == []
    assert [a.status for a in coach.assignments(include_cancelled=True)] == ["cancelled"]
    with pytest.raises(InputError):
        alice.start_assignment(task.id)
    entries = [
        (e["actor"], e["action"], e["owner"], e["detail"]) for e in base.store.audit_entries(actor=COACH)
    ]
    assert entries == [
        (
            COACH,
            "assign",
            ALICE,
            f"assignment={task.id} persona=coffee-supplier difficulty=realistic due={_due()}",
        ),
        (COACH, "cancel_assignment", ALICE, f"assignment={task.id}"),
    ]
    assert NOTE not in json.dumps(base.store.audit_entries())  # ids and actions only, never the note


def test_a_learner_who_moves_team_leaves_the_old_coachs_view(base):
    coach, other_coach = base.for_owner(COACH), base.for_owner(OTHER_COACH)
    task = coach.assign(ALICE, "coffee-supplier")
    base.set_role(ALICE, "learner", "support")
    assert coach.assignments() == [] and [a.id for a in other_coach.assignments()] == [task.id]
    with pytest.raises(AssignmentNotFound):
        coach.cancel_assignment(task.id)


def test_export_and_erase_include_assignments(base):
    coach, alice = base.for_owner(COACH), base.for_owner(ALICE)
    task = coach.assign(ALICE, "coffee-supplier", note=NOTE)
    archive = zipfile.ZipFile(io.BytesIO(alice.export_all()))
    assert [(a["id"], a["note"]) for a in json.loads(archive.read("assignments.json"))] == [(task.id, NOTE)]
    alice.erase_all()
    assert alice.assignments() == [] and base.store.get_assignment(task.id) is None


def test_a_database_from_before_assignments_gets_the_table(db_url, tmp_path):
    if db_url.startswith("sqlite"):
        store = Store(db_url)
        store.close()
        with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
            conn.execute("DROP TABLE parley_assignments")
    else:
        import psycopg

        Store(db_url).close()
        with psycopg.connect(db_url, autocommit=True) as conn:
            conn.execute("DROP TABLE parley_assignments")
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", database_url=db_url)
    svc = Rehearsals(settings)
    try:
        svc.set_role(COACH, "coach", "sales")
        svc.set_role(ALICE, "learner", "sales")
        task = svc.for_owner(COACH).assign(ALICE, "coffee-supplier")
        assert [a.id for a in svc.for_owner(ALICE).assignments()] == [task.id]
    finally:
        svc.close()
