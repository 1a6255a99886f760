"""AppTest: the Settings page changes the model, saves the key to a file only the user can read, never shows the
key back, and its Test button asks the model."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from fake_openai_server import FakeOpenAIServer
from streamlit.testing.v1 import AppTest
from test_ui_helpers import app_fixture, shown  # noqa: F401

from simulator.settings import load_settings

pytestmark = pytest.mark.slow

KEY = "sk-parley-test-0123456789abcdef"


def _everything_shown(at: AppTest) -> str:
    """Every text the page shows, including the values of its inputs."""
    values = [str(w.value) for w in at.text_input] + [w.placeholder for w in at.text_input]
    return shown(at) + "\n".join(values)


def _fill(at: AppTest, url: str, model: str, key: str) -> None:
    at.text_input[0].input(url)
    at.text_input[1].input(model)
    at.text_input[2].input(key)


def test_saving_the_model_writes_a_private_file_and_the_key_is_never_shown(app: AppTest) -> None:
    with FakeOpenAIServer() as fake:
        app.run().switch_page("views/status.py").run()
        assert "Authored lines" in shown(app)
        _fill(app, fake.base_url, "fake-model", KEY)
        next(b for b in app.button if b.label == "Save").click().run()
        assert not app.exception
        path = Path(os.environ["PARLEY_CONFIG_FILE"])
        assert stat.S_IMODE(path.stat().st_mode) == 0o600 and KEY in path.read_text()
        assert "readable by you only" in shown(app)
        app.run()
        text = _everything_shown(app)
        assert KEY not in text and KEY[-6:] not in text
        assert "OpenAI-compatible endpoint" in text and "fake-model" in text  # the app uses it now
        assert "a key is saved" in text
        assert load_settings().api_key == KEY


def test_the_test_button_asks_the_model_in_the_form_without_saving(app: AppTest) -> None:
    with FakeOpenAIServer() as fake:
        app.run().switch_page("views/status.py").run()
        _fill(app, fake.base_url, "fake-model", "")
        next(b for b in app.button if b.label == "Test").click().run()
        assert not app.exception
        assert "The backend answers." in shown(app)
        assert fake.count >= 1
        assert not Path(os.environ["PARLEY_CONFIG_FILE"]).exists()


def test_a_bad_endpoint_is_refused_in_plain_words(app: AppTest) -> None:
    app.run().switch_page("views/status.py").run()
    _fill(app, "example.com/v1", "m", "")
    next(b for b in app.button if b.label == "Save").click().run()
    assert any("Not saved" in e.value and "http" in e.value for e in app.error)
    _fill(app, "http://example.com/v1", "m", KEY)
    next(b for b in app.button if b.label == "Save").click().run()
    errors = " ".join(e.value for e in app.error).replace("\\", "")
    assert "plain http" in errors and KEY not in errors
    assert not Path(os.environ["PARLEY_CONFIG_FILE"]).exists()
