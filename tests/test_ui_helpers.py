"""Shared fixtures for the AppTest suites: a temp-dir backend, and a voice that is down."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from simulator.llm import LLMUnavailable
from simulator.scripted import scripted_voice
from simulator.voice.llm import LLMVoice

APP = str(Path(__file__).resolve().parent.parent / "ui" / "app.py")
OPEN = "Tell me about how this year has been for the roastery."
CLOSED = "Is the price going up for everyone?"  # a yes/no question (a price put as a question is a bare ask)
SUMMARY = "So what I'm hearing is that green coffee costs have jumped a lot this year."


def down_voice() -> LLMVoice:
    """A voice whose model is unreachable: every line falls back to the authored text with a reason."""
    return scripted_voice(default=LLMUnavailable("the model server did not respond"))


@pytest.fixture(name="app")
def app_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The real app over a fresh SQLite file in tmp_path, with the offline authored voice."""
    monkeypatch.setenv("PARLEY_DATA_DIR", str(tmp_path))
    monkeypatch.setenv(
        "PARLEY_CONFIG_FILE", str(tmp_path / "config" / "settings.env")
    )  # never the user's own
    for name in (
        "PARLEY_DATABASE_URL",
        "PARLEY_PERSONA_DIR",
        "PARLEY_LLM_BASE_URL",
        "PARLEY_GGUF",
        "PARLEY_LLM_MODEL",
        "PARLEY_LLM_API_KEY",
    ):
        monkeypatch.delenv(name, raising=False)
    return AppTest.from_file(APP, default_timeout=30)


def start(at: AppTest, persona: str = "coffee-supplier", mode: str = "practice") -> AppTest:
    """Pick a persona on Prepare and start a rehearsal."""
    at.run()
    at.selectbox[0].set_value(persona)
    at.radio[0].set_value(mode)
    next(b for b in at.button if b.label == "Start the rehearsal").click().run()
    return at


def say(at: AppTest, text: str) -> AppTest:
    """Type one turn in the chat box."""
    at.chat_input[0].set_value(text).run()
    return at


def shown(at: AppTest) -> str:
    """All Markdown, captions and alerts on the page, unescaped, as one string to assert on."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.value for e in (*at.info, *at.warning, *at.error, *at.success)]
    parts += [t.value for t in (*at.title, *at.subheader)]
    return "\n".join(parts).replace("\\", "")
