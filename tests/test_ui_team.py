"""AppTest in team mode (PARLEY_AUTH=oidc with a signed-in AppTest user): a learner's Prepare page shows what their
coach assigned, with its status, and Start begins that rehearsal (persona and difficulty preselected) and links it;
ending it makes it done. The coach assigns and cancels on Team, and reads a learner's session without the buttons
only its owner can use. An admin sets roles and teams on People, recorded like `parley team set`."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_ui_helpers import OPEN, app_fixture, shown  # noqa: F401

from simulator.session import InputError, Rehearsals
from simulator.settings import Settings

pytestmark = pytest.mark.slow

COACH, ALICE, BOSS = "coach@example.com", "alice@example.com", "boss@example.com"
NOTE = "Find the cash-flow problem before you talk price."
AUTH = {
    "auth": {
        "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
        "cookie_secret": "x" * 32,
        "client_id": "parley-test",
        "client_secret": "not-a-real-secret",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    }
}


@pytest.fixture
def operator(tmp_path: Path) -> Rehearsals:
    """The same database the app opens, as the operator at the command line: a coach and a learner of 'sales'."""
    svc = Rehearsals(Settings(_env_file=None, data_dir=tmp_path))
    svc.set_role(COACH, "coach", "sales")
    svc.set_role(ALICE, "learner", "sales")
    yield svc
    svc.close()


def signed_in(app: AppTest, email: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("PARLEY_AUTH", "oidc")
    monkeypatch.setenv("PARLEY_ADMINS", BOSS)
    app.secrets.update(AUTH)
    app.user = {"is_logged_in": True, "email": email}
    return app


def _button(at: AppTest, label: str, key: str | None = None):  # noqa: ANN202 - a Streamlit testing element
    return next(b for b in at.button if b.label == label and (key is None or b.key == key))


def _labels(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def test_learner_sees_the_assignment_on_prepare_starts_it_and_it_is_done_when_ended(
    app, operator, monkeypatch
):
    task = operator.for_owner(COACH).assign(
        ALICE, "landlord-renewal", "hard", due=(date.today() + timedelta(days=5)).isoformat(), note=NOTE
    )
    late = operator.for_owner(COACH).assign(ALICE, "manager-raise", "easy")
    operator.store.update_assignment(late.id, due=(date.today() - timedelta(days=1)).isoformat())
    signed_in(app, ALICE, monkeypatch).run()
    assert not app.exception
    text = shown(app)
    assert "Assigned to you" in text and NOTE in text and f"From {COACH}" in text
    assert "Gloria Estevez" in text and "hard" in text and f"due {task.due}" in text
    badges = [m.value for m in app.markdown if "-badge[" in m.value]
    assert len(badges) == 2 and ":blue-badge[assigned]" in badges  # the one due in 5 days
    assert any(b.startswith(":red-badge[") and "assigned, overdue" in b for b in badges)  # the late one

    _button(app, "Start", key=f"start-{task.id}").click().run()
    assert not app.exception
    assert "Rehearsing with Gloria Estevez" in shown(app)
    assert any("hard" in c.value for c in app.caption)  # the coach's difficulty, not the persona's default
    linked = operator.for_owner(ALICE).assignment(task.id)
    assert linked.status == "started" and linked.session_id == app.session_state["parley.session"]

    app.chat_input[0].set_value(OPEN).run()
    _button(app, "Yes, end and score it").click().run()
    assert not app.exception
    assert operator.for_owner(ALICE).assignment(task.id).status == "done"
    app.switch_page("views/prepare.py").run()
    assert ":green-badge[done]" in [m.value for m in app.markdown]
    assert f"start-{task.id}" not in [b.key for b in app.button]  # done: Review instead of Start
    assert f"review-{task.id}" in [b.key for b in app.button]


def test_a_learner_without_assignments_sees_no_section_and_not_anothers(app, operator, monkeypatch):
    operator.set_role("bob@example.com", "learner", "sales")
    operator.for_owner(COACH).assign("bob@example.com", "coffee-supplier", note=NOTE)
    signed_in(app, ALICE, monkeypatch).run()
    assert not app.exception
    assert "Assigned to you" not in shown(app) and NOTE not in shown(app)


def test_coach_assigns_and_cancels_on_team(app, operator, monkeypatch):
    signed_in(app, COACH, monkeypatch).run()
    app.switch_page("views/team.py").run()
    assert not app.exception
    assert [s for s in app.selectbox if s.label == "Learner"][0].options == [ALICE]
    [s for s in app.selectbox if s.label == "Persona"][0].set_value("vendor-deadlines")
    [s for s in app.selectbox if s.label == "Difficulty"][0].set_value("easy")
    [t for t in app.text_area if t.label == "Note to the learner"][0].input(NOTE)
    _button(app, "Assign").click().run()
    assert not app.exception
    text = shown(app)
    assert f"Assigned to {ALICE}" in text and "Dieter Vogel" in text and NOTE in text
    (task,) = operator.for_owner(COACH).assignments()
    assert (task.learner, task.persona_id, task.difficulty, task.status) == (
        ALICE,
        "vendor-deadlines",
        "easy",
        "assigned",
    )

    _button(app, "Cancel", key=f"cancel-{task.id}").click().run()
    assert not app.exception
    assert operator.for_owner(ALICE).assignments() == []
    assert NOTE not in shown(app)
    actions = [e["action"] for e in operator.store.audit_entries(actor=COACH)]
    assert actions == ["assign", "cancel_assignment"]


def test_coach_reads_a_learners_session_without_the_owners_buttons(app, operator, monkeypatch):
    alice = operator.for_owner(ALICE)
    sid = alice.start("coffee-supplier", "realistic", seed=3).session_id
    alice.reply(sid, OPEN)
    signed_in(app, COACH, monkeypatch)
    app.query_params["session"] = sid
    app.switch_page("views/review.py").run()
    assert not app.exception
    assert f"This is {ALICE}'s rehearsal, read as their coach" in shown(app)
    labels = _labels(app)
    for gone in (
        "Continue rehearsing",
        "End it and score it",
        "Try again with Tomás (realistic)",
        "Try from this turn",
    ):
        assert gone not in labels
    assert not app.text_area  # no "What I say instead" box
    app.switch_page("views/rehearse.py").run()
    assert not app.chat_input and not app.text_area
    assert "End the session" not in shown(app) and "Yes, end and score it" not in _labels(app)
    # Alice herself has them all.
    app.user = {"is_logged_in": True, "email": ALICE}
    app.switch_page("views/review.py").run()
    assert {"Continue rehearsing", "End it and score it"} <= set(_labels(app))


def test_admin_sets_a_role_and_team_on_people_recorded_like_the_cli(app, operator, monkeypatch):
    operator.for_owner("carol@example.com").start(
        "coffee-supplier", "realistic", seed=3
    )  # carol has rehearsed but has no role yet
    signed_in(app, BOSS, monkeypatch).run()
    app.switch_page("views/people.py").run()
    assert not app.exception
    table = app.dataframe[0].value
    assert list(table["email"]) == [ALICE, "carol@example.com", COACH]
    assert dict(zip(table["email"], table["role"], strict=True))["carol@example.com"] == "learner"

    [s for s in app.selectbox if s.label == "Person"][0].set_value("carol@example.com").run()
    [s for s in app.selectbox if s.label == "Role"][0].set_value("coach")
    [t for t in app.text_input if t.label == "Team"][0].input("support")
    _button(app, "Save").click().run()
    assert not app.exception
    assert "carol@example.com is now coach in team support" in shown(app)
    assert operator.store.get_member("carol@example.com") == ("coach", "support")

    [s for s in app.selectbox if s.label == "Person"][0].set_value("Someone new…").run()
    app.text_input(key="parley.people-email").input("  Dan@Example.com ").run()
    [t for t in app.text_input if t.label == "Team"][0].input("sales")
    _button(app, "Save").click().run()
    assert operator.store.get_member("dan@example.com") == ("learner", "sales")

    # The same audit entries `parley team set` writes, with the admin as the actor.
    operator.set_role("erin@example.com", "learner", "sales")
    entries = [
        (e["actor"], e["action"], e["owner"], e["detail"])
        for e in operator.store.audit_entries()
        if e["action"] == "set_role"
    ][-3:]
    assert entries == [
        (BOSS, "set_role", "carol@example.com", "carol@example.com role=coach team=support"),
        (BOSS, "set_role", "dan@example.com", "dan@example.com role=learner team=sales"),
        ("local", "set_role", "erin@example.com", "erin@example.com role=learner team=sales"),
    ]


def test_people_is_for_admins_only(app, operator, monkeypatch):
    signed_in(app, ALICE, monkeypatch).run()
    assert not app.exception
    with pytest.raises(ValueError, match="Could not find a navigation page"):  # not in her navigation at all
        app.switch_page("views/people.py")
    with pytest.raises(InputError):  # and the service refuses too
        operator.for_owner(ALICE).people()
    with pytest.raises(InputError):
        operator.for_owner(ALICE).set_role(ALICE, "admin")
