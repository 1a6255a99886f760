"""AppTest: the single user (no sign-in, owner 'local') gets Your data: the archive, erasure after typing 'erase',
and the audit log; PARLEY_AUTH=oidc without an [auth] section shows an error and no page at all."""

from __future__ import annotations

import io
import zipfile

import pytest
from streamlit.testing.v1 import AppTest
from test_ui_helpers import OPEN, app_fixture, say, shown, start  # noqa: F401

pytestmark = pytest.mark.slow


def _button(at: AppTest, label: str):  # noqa: ANN202 - a Streamlit testing element
    return next(b for b in at.button if b.label == label)


def test_single_user_exports_erases_and_reads_the_audit_log(app: AppTest) -> None:
    say(start(app), OPEN)
    assert not app.exception
    app.switch_page("views/data.py").run()
    assert "1 session (branches included) belong to local." in shown(app)
    assert "Audit log" in shown(app)  # the single user is their own admin
    audit = app.dataframe[0].value
    assert list(audit["action"])[:1] == ["start"] and set(audit["actor"]) == {"local"}
    _button(app, "Prepare the archive").click().run()
    archive = app.session_state["parley.archive"]
    assert "sessions.json" in zipfile.ZipFile(io.BytesIO(archive)).namelist()

    assert _button(app, "Erase everything").disabled
    app.text_input(key="parley.erase-confirm").input("erase").run()
    _button(app, "Erase everything").click().run()
    assert "Erased 1 session." in shown(app)
    app.switch_page("views/history.py").run()
    assert "No rehearsals yet" in shown(app)


def test_team_mode_without_provider_configuration_opens_nothing(app: AppTest, monkeypatch) -> None:
    monkeypatch.setenv("PARLEY_AUTH", "oidc")
    app.run()
    assert any("PARLEY_AUTH=oidc" in e.value for e in app.error)
    assert not app.title and not app.chat_input and not app.selectbox  # no page rendered under the error
