"""Sessions belong to their owner: another person's id is "not found" for every operation, in the service,
on SQLite and on the throwaway PostgreSQL cluster; the audit log records who did what; each owner can export
and erase all of their data."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile

import pytest

from simulator.session import InputError, Rehearsals, SessionNotFound
from simulator.settings import Settings
from simulator.store import LOCAL_OWNER, Store

pytestmark = pytest.mark.slow

pytest_plugins = ["tests.pg"]

PREP = {"feelings": "nervous about asking", "needs": "a fair price"}


@pytest.fixture
def base(db_url, tmp_path):
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", database_url=db_url)
    svc = Rehearsals(settings)
    yield svc
    svc.close()


def _session(svc: Rehearsals) -> str:
    sid = svc.start("coffee-supplier", "realistic", prep=PREP, seed=3).session_id
    svc.reply(sid, "What concerns you most about this?")
    return sid


def test_another_owners_session_is_not_found_for_every_operation(base):
    alice, bob = base.for_owner("alice@example.com"), base.for_owner("bob@example.com")
    mine = _session(alice)
    theirs = _session(bob)
    assert [r.id for r in alice.sessions()] == [mine]
    assert [r.id for r in bob.sessions()] == [theirs]
    assert alice.view(mine).row.owner == "alice@example.com"

    operations = {
        "view": lambda: alice.view(theirs),
        "transcript": lambda: alice.transcript(theirs),
        "ledger": lambda: alice.ledger(theirs),
        "export": lambda: alice.export(theirs, "json"),
        "record_export": lambda: alice.record_export(theirs, "md"),
        "reply": lambda: alice.reply(theirs, "Tell me more."),
        "end": lambda: alice.end(theirs),
        "rewind": lambda: alice.rewind(theirs, 1, "Something else."),
        "delete": lambda: alice.delete(theirs),
    }
    for name, operation in operations.items():
        with pytest.raises(SessionNotFound) as caught:
            operation()
        # exactly the words a missing id gets: nothing tells a guesser the id exists
        with pytest.raises(SessionNotFound) as missing:
            alice.view("000000000000")
        assert str(caught.value) == str(missing.value).replace("000000000000", theirs), name
    # Bob's session is untouched, and Alice's prep answers never reach Bob's next Prepare page.
    assert bob.view(theirs).row.user_turns == 1 and not bob.view(theirs).ended
    assert bob.last_prep("coffee-supplier")[1].id == theirs
    assert base.for_owner("carol@example.com").last_prep("coffee-supplier") is None


def test_branches_stay_with_their_owner(base):
    alice, bob = base.for_owner("alice@example.com"), base.for_owner("bob@example.com")
    sid = _session(alice)
    branch = alice.rewind(sid, 1, "Tell me how things look from your side.").session_id
    assert alice.view(branch).row.owner == "alice@example.com"
    assert [b.id for b in alice.view(sid).branches] == [branch]
    with pytest.raises(SessionNotFound):
        bob.view(branch)
    assert bob.sessions() == []


def test_single_user_default_is_local_and_sees_only_local(base):
    assert base.owner == LOCAL_OWNER
    local = _session(base)
    other = _session(base.for_owner("alice@example.com"))
    assert [r.id for r in base.sessions()] == [local]
    with pytest.raises(SessionNotFound):
        base.view(other)


def test_audit_log_records_who_did_what(base):
    alice, bob = base.for_owner("alice@example.com"), base.for_owner("bob@example.com")
    sid = _session(alice)
    alice.view(sid)
    alice.view(sid)  # a page re-run: one view entry, not one per run
    alice.export(sid, "md")
    with pytest.raises(SessionNotFound):
        bob.delete(sid)  # refused: nothing deleted, nothing logged as deleted
    alice.delete(sid)
    entries = base.store.audit_entries()
    assert [(e["actor"], e["action"], e["session_id"]) for e in entries] == [
        ("alice@example.com", "start", sid),
        ("alice@example.com", "view", sid),
        ("alice@example.com", "export", sid),
        ("alice@example.com", "delete", sid),
    ]
    text = json.dumps(entries)
    assert "nervous" not in text and "concerns you most" not in text  # ids and actions only, never content


def test_export_all_and_erase_all_touch_only_that_owner(base):
    alice, bob = base.for_owner("alice@example.com"), base.for_owner("bob@example.com")
    first, second = _session(alice), _session(alice)
    kept = _session(bob)
    archive = zipfile.ZipFile(io.BytesIO(alice.export_all()))
    names = set(archive.namelist())
    assert {f"sessions/{first}.json", f"sessions/{second}.md", "sessions.json", "audit.json"} <= names
    assert not any(kept in n for n in names)
    index = json.loads(archive.read("sessions.json"))
    assert {r["id"] for r in index} == {first, second} and index[0]["prep"]["feelings"] == PREP["feelings"]
    assert json.loads(archive.read(f"sessions/{first}.json"))["session_id"] == first
    assert kept not in archive.read("audit.json").decode()

    assert alice.erase_all() == 2
    assert alice.sessions() == [] and alice.last_prep() is None
    for sid in (first, second):
        with pytest.raises(SessionNotFound):
            alice.view(sid)
        assert base.store.logged_turns(sid) == []
        assert base.store.get_session(sid) is None
    assert [r.id for r in bob.sessions()] == [kept] and bob.view(kept).row.user_turns == 1
    assert base.store.audit_entries(actor="alice@example.com")[-1]["action"] == "erase_all"


def test_owner_must_be_real_text(base):
    for bad in ("", "   ", "x" * 400):
        with pytest.raises(InputError):
            base.for_owner(bad)


OLD_INDEX = """CREATE TABLE parley_sessions (
    id TEXT PRIMARY KEY, persona_id TEXT NOT NULL, persona_name TEXT NOT NULL, difficulty TEXT NOT NULL,
    seed INTEGER NOT NULL, created_at DOUBLE PRECISION NOT NULL, updated_at DOUBLE PRECISION NOT NULL,
    status TEXT NOT NULL, outcome TEXT, parent_id TEXT, branch_from_turn INTEGER,
    user_turns INTEGER NOT NULL DEFAULT 0, overall INTEGER, scores TEXT, prep TEXT, mode TEXT)"""
OLD_ROW = (
    "INSERT INTO parley_sessions VALUES ('old1', 'coffee-supplier', 'Sam', 'realistic', 1, 1, 1, "
    "'active', NULL, NULL, NULL, 0, NULL, '{}', '{}', 'practice')"
)


def test_a_database_from_before_owners_keeps_its_sessions_as_local(db_url):
    if db_url.startswith("sqlite"):
        with sqlite3.connect(
            db_url.removeprefix("sqlite:///")
        ) as conn:  # the index as it was: no owner column
            conn.execute(OLD_INDEX)
            conn.execute(OLD_ROW)
    else:
        import psycopg

        with psycopg.connect(db_url, autocommit=True) as conn:
            conn.execute(OLD_INDEX)
            conn.execute(OLD_ROW)
    for _ in range(2):  # and opening it again changes nothing
        store = Store(db_url)
        try:
            assert store.get_session("old1", owner=LOCAL_OWNER) is not None
            assert store.get_session("old1", owner="alice@example.com") is None
        finally:
            store.close()


def test_retention_deletes_only_idle_sessions_of_every_owner_and_audits_it(base):
    alice, bob = base.for_owner("alice@example.com"), base.for_owner("bob@example.com")
    old_alice, old_bob, fresh = _session(alice), _session(bob), _session(alice)
    for sid in (old_alice, old_bob):  # last touched in 1970
        base.store._run("UPDATE parley_sessions SET updated_at = ? WHERE id = ?", (1_000.0, sid))
    assert base.apply_retention(0) == 0  # 0 keeps everything
    assert base.apply_retention(30) == 2
    assert [r.id for r in alice.sessions()] == [fresh] and bob.sessions() == []
    deleted = [(e["actor"], e["session_id"], e["owner"]) for e in base.store.audit_entries(actor="retention")]
    assert sorted(deleted) == sorted(
        [("retention", old_alice, "alice@example.com"), ("retention", old_bob, "bob@example.com")]
    )


def test_a_coach_reads_and_comments_on_their_team_only(base):
    base.set_role("coach@example.com", "coach", "sales")  # the operator ('local') at the command line
    base.set_role("alice@example.com", "learner", "sales")
    base.set_role("bob@example.com", "learner", "support")
    alice, bob = base.for_owner("alice@example.com"), base.for_owner("bob@example.com")
    coach = base.for_owner("coach@example.com")
    mine, theirs = _session(alice), _session(bob)

    assert [r.id for r in coach.team_sessions()] == [mine] and coach.sessions() == []
    assert coach.view(mine).row.owner == "alice@example.com"
    assert alice.team_sessions() == []
    for operation in (
        lambda: coach.view(theirs),
        lambda: coach.comment(theirs, 1, "Hi"),
        lambda: coach.comments(theirs),
        lambda: coach.reply(mine, "I take over."),
        lambda: coach.rewind(mine, 1, "Another way."),
        lambda: coach.delete(mine),
        lambda: alice.comment(mine, 1, "Praise myself"),
        lambda: bob.comments(mine),
    ):
        with pytest.raises(SessionNotFound):  # read-only for the coach, and only their own team's
            operation()
    with pytest.raises(InputError):
        coach.comment(mine, 5, "There is no turn 5.")
    with pytest.raises(InputError):
        alice.set_role("alice@example.com", "admin")  # a learner cannot promote herself

    coach.comment(mine, 1, "Good open question: it got the supplier talking.")
    assert [(c["turn"], c["author"], c["text"]) for c in alice.comments(mine)] == [
        (1, "coach@example.com", "Good open question: it got the supplier talking.")
    ]
    coached = [
        (e["actor"], e["action"], e["owner"], e["detail"])
        for e in base.store.audit_entries(actor="coach@example.com")
    ]
    assert coached == [
        ("coach@example.com", "view", "alice@example.com", "as coach"),
        ("coach@example.com", "comment", "alice@example.com", "turn=1"),
    ]
    alice.erase_all()  # her data goes, the coach's comments on it included
    assert base.store.comments(mine) == []


def test_a_coachs_export_and_erasure_include_the_comments_they_wrote(base):
    base.set_role("coach@example.com", "coach", "sales")
    base.set_role("alice@example.com", "learner", "sales")
    alice, coach = base.for_owner("alice@example.com"), base.for_owner("coach@example.com")
    sid = _session(alice)
    coach.comment(sid, 1, "Ask about volume next time.")
    learner_zip = zipfile.ZipFile(io.BytesIO(alice.export_all()))
    assert json.loads(learner_zip.read(f"sessions/{sid}.comments.json"))[0]["author"] == "coach@example.com"
    coach_zip = zipfile.ZipFile(io.BytesIO(coach.export_all()))
    assert json.loads(coach_zip.read("comments_written.json"))[0]["text"] == "Ask about volume next time."
    assert coach.erase_all() == 0
    assert alice.comments(sid) == []  # erased with the coach's data; the learner's session itself stays
    assert alice.view(sid).row.user_turns == 1
