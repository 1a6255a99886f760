"""Custom personas belong to the person who made them (PARLEY_AUTH=oidc): private unless shared with their team,
checked in the service for listing, rehearsing, editing, duplicating, downloading and deleting, on SQLite and on
the throwaway PostgreSQL cluster; the single user keeps the persona folder exactly as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.persona_shelf import PersonaNotFound
from simulator.personas import PersonaError, load_persona_file
from simulator.session import InputError, Rehearsals, SessionNotFound
from simulator.settings import Settings
from simulator.store import LOCAL_OWNER

pytestmark = pytest.mark.slow

pytest_plugins = ["tests.pg"]

ALICE, BOB, CAROL = "alice@example.com", "bob@example.com", "carol@example.com"


@pytest.fixture
def team(db_url, tmp_path):
    """A team-mode service: Alice and Carol in team 'sales', Bob in no team."""
    svc = Rehearsals(Settings(_env_file=None, data_dir=tmp_path / "data", database_url=db_url, auth="oidc"))
    svc.store.set_member(ALICE, "learner", "sales")
    svc.store.set_member(CAROL, "learner", "sales")
    yield svc
    svc.close()


def _alices_persona(svc: Rehearsals, *, shared: bool = False) -> str:
    shelf = svc.for_owner(ALICE).persona_shelf()
    copy = shelf.duplicate("coffee-supplier")
    tuned = copy.model_copy(update={"name": "Tomasina Reyes", "id": "alice-roaster"})
    shelf.save(tuned, shared=shared)
    shelf.delete(copy.id)
    return tuned.id


def test_a_private_persona_is_not_found_for_anyone_else_in_every_operation(team):
    pid = _alices_persona(team)
    alice, bob, carol = (team.for_owner(o) for o in (ALICE, BOB, CAROL))
    assert pid in alice.library.ids() and alice.persona_shelf().describe(pid) == "yours, private"
    assert alice.library.get(pid).name == "Tomasina Reyes"
    for other in (bob, carol):  # carol is in Alice's team: private still means private
        shelf = other.persona_shelf()
        assert pid not in other.library.ids() and pid not in shelf.own_ids()
        with pytest.raises(InputError, match=f"no persona '{pid}'"):
            other.start(pid)  # a pasted id cannot be rehearsed
        for operation in ("get", "yaml_of", "duplicate", "delete"):
            with pytest.raises(PersonaNotFound):
                getattr(shelf, operation)(pid)
        # Saving the same id makes their own, separate persona: Alice's is untouched.
        theirs = team.library.get("landlord-renewal").model_copy(update={"id": pid})
        shelf.save(theirs)
        assert other.library.get(pid).name == "Gloria Estevez"
        assert alice.library.get(pid).name == "Tomasina Reyes"
        shelf.delete(pid)
    assert alice.start(pid, seed=2).text  # the owner rehearses with it


def test_sharing_with_the_team_lets_teammates_rehearse_but_only_the_owner_change_it(team):
    pid = _alices_persona(team, shared=True)
    alice, bob, carol = (team.for_owner(o) for o in (ALICE, BOB, CAROL))
    assert alice.persona_shelf().describe(pid) == "yours, shared with your team"
    assert pid not in bob.library.ids()  # not in the team
    assert carol.persona_shelf().describe(pid) == f"shared by {ALICE}"
    started = carol.start(pid, seed=4)
    assert carol.view(started.session_id).persona.name == "Tomasina Reyes"
    shelf = carol.persona_shelf()
    assert pid not in shelf.own_ids()
    with pytest.raises(PersonaError, match="your team shares"):
        shelf.save(carol.library.get(pid), editing=pid)
    with pytest.raises(PersonaNotFound):
        shelf.delete(pid)
    copy = shelf.duplicate(pid)  # a teammate may make their own copy, private to them
    assert copy.id in shelf.own_ids() and copy.id not in alice.library.ids()
    # Alice takes it back to private: Carol no longer sees it, nor can she start another rehearsal with it.
    alice.persona_shelf().save(alice.library.get(pid), editing=pid, shared=False)
    assert pid not in carol.library.ids()
    with pytest.raises(InputError):
        carol.start(pid)
    with pytest.raises(SessionNotFound):
        bob.view(started.session_id)


def test_persona_edits_and_deletions_are_in_the_audit_log(team):
    pid = _alices_persona(team, shared=True)
    team.for_owner(ALICE).persona_shelf().delete(pid)
    entries = [(e["actor"], e["action"], e["detail"]) for e in team.store.audit_entries(actor=ALICE)]
    assert (ALICE, "persona_edit", f"persona={pid} new shared") in entries
    assert (ALICE, "persona_delete", f"persona={pid}") in entries
    assert pid not in team.for_owner(ALICE).library.ids()


def test_a_second_service_on_the_same_database_sees_the_same_owners(team):
    pid = _alices_persona(team)
    other = Rehearsals(team.settings)  # another app process would open its own service like this
    try:
        assert pid in other.for_owner(ALICE).library.ids()
        assert pid not in other.for_owner(BOB).library.ids()
    finally:
        other.close()


def test_single_user_mode_keeps_the_persona_folder(tmp_path: Path):
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")
    svc = Rehearsals(settings)
    try:
        shelf = svc.persona_shelf()
        assert svc.owner == LOCAL_OWNER and not shelf.team_mode
        copy = shelf.duplicate("coffee-supplier")
        path = settings.custom_persona_dir / f"{copy.id}.yaml"
        assert load_persona_file(path).name == "Tomás Reyes"  # a plain file, as before
        assert shelf.describe(copy.id) == f"your file {path}"
        assert svc.start(copy.id, seed=1).text
        with pytest.raises(PersonaError, match="built-in"):
            shelf.save(svc.library.get("coffee-supplier"))
        shelf.delete(copy.id)
        assert not path.exists() and copy.id not in svc.library.ids()
        assert [e["action"] for e in svc.store.audit_entries()][-1] == "persona_delete"
    finally:
        svc.close()


def test_a_persons_archive_holds_their_personas_and_erasing_removes_them(team):
    import io
    import zipfile

    pid = _alices_persona(team, shared=True)
    alice = team.for_owner(ALICE)
    names = zipfile.ZipFile(io.BytesIO(alice.export_all())).namelist()
    assert f"personas/{pid}.yaml" in names
    assert not any(
        n.startswith("personas/")
        for n in zipfile.ZipFile(io.BytesIO(team.for_owner(BOB).export_all())).namelist()
    )
    alice.erase_all()
    assert pid not in team.for_owner(CAROL).library.ids() and pid not in alice.library.ids()
