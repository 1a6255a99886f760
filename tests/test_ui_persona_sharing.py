"""AppTest in team mode (PARLEY_AUTH=oidc, the signed-in person stood in for): a persona made on the Personas page
is its maker's; "Share with my team" puts it in a teammate's gallery, never in an outsider's; only the maker can
delete it."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_ui_helpers import app_fixture, shown  # noqa: F401

import ui.context
from simulator.settings import Settings
from simulator.store import Store

pytestmark = pytest.mark.slow

ALICE, BOB, CAROL = "alice@example.com", "bob@example.com", "carol@example.com"
COPY = "coffee-supplier-copy"


@pytest.fixture
def signed_in(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    """Who the app thinks is signed in (st.login itself is exercised by test_team_signin.py)."""
    monkeypatch.setenv("PARLEY_AUTH", "oidc")
    who = {"owner": ALICE}
    monkeypatch.setattr(ui.context, "signed_in_owner", lambda settings: (who["owner"], False))
    store = Store(Settings(_env_file=None, data_dir=tmp_path).resolved_database_url)
    store.set_member(ALICE, "learner", "sales")
    store.set_member(CAROL, "learner", "sales")
    store.close()
    return who


def _personas_page(owner: str, who: dict[str, str]) -> AppTest:
    who["owner"] = owner
    at = AppTest.from_file(str(Path(ui.context.__file__).parent / "app.py"), default_timeout=60)
    return at.run().switch_page("views/personas.py").run()


def test_a_shared_persona_reaches_the_team_only_and_only_its_maker_deletes_it(
    app: AppTest, signed_in
) -> None:
    app.run().switch_page("views/personas.py").run()
    app.selectbox(key="plain-dup-pick").set_value("coffee-supplier").run()
    next(b for b in app.button if b.key == "plain-dup").click().run()
    assert not app.exception and "Duplicated Tomás Reyes" in shown(app)
    share = app.checkbox(key=f"plain-{COPY}-share")
    assert share.label == "Share with my team" and share.value is False  # private until its maker shares it
    bob = _personas_page(BOB, signed_in)
    assert f"start-{COPY}" not in [b.key for b in bob.button]  # private: nobody else's gallery has it

    signed_in["owner"] = ALICE
    share.check()
    next(b for b in app.button if b.label == "Save every field").click().run()
    assert not app.error, [e.value for e in app.error]
    assert "yours, shared with your team" in shown(app)

    carol = _personas_page(CAROL, signed_in)
    assert f"start-{COPY}" in [b.key for b in carol.button]
    assert f"shared by {ALICE}" in shown(carol)
    assert f"plain-{COPY}-delete" not in [b.key for b in carol.button]  # hers to rehearse, not to delete
    bob = _personas_page(BOB, signed_in)
    assert f"start-{COPY}" not in [b.key for b in bob.button]  # not in the team

    alice = _personas_page(ALICE, signed_in)
    delete = next(b for b in alice.button if b.key == f"plain-{COPY}-delete")
    assert delete.disabled  # asks first
    alice.checkbox(key=f"plain-{COPY}-delete-sure").check().run()
    next(b for b in alice.button if b.key == f"plain-{COPY}-delete").click().run()
    assert "Deleted Tomás Reyes." in shown(alice)
    carol = _personas_page(CAROL, signed_in)
    assert f"start-{COPY}" not in [b.key for b in carol.button]
