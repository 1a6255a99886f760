"""Shared fixtures for the AppTest suites: a temp-dir backend, a voice that is down, and a stand-in scorecard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from simulator.voice import VoiceReply, VoiceRequest

APP = str(Path(__file__).resolve().parent.parent / "ui" / "app.py")
OPEN = "Tell me about how this year has been for the roastery."
CLOSED = "Is $15 a kilo acceptable?"
SUMMARY = "So what I'm hearing is that green coffee costs have jumped a lot this year."


class DownVoice:
    """A voice whose model is unreachable: every line falls back to the authored text with a reason."""

    name = "llm:down"

    def say(self, request: VoiceRequest, on_token: Any = None) -> VoiceReply:
        return VoiceReply(text=request.authored, source="authored", fallback_reason="the model server did not respond")


class _Card(dict):
    def model_dump(self, mode: str = "python") -> dict[str, Any]:
        return dict(self)


def stand_in_score(transcript: Any, judge: Any = None) -> _Card:
    """The documented scorecard shape, used only while simulator.evaluation.score_transcript does not exist."""
    user = transcript.user_turns()
    quote = user[0][1].text if user else ""
    return _Card(
        overall=61, outcome=transcript.outcome, judge=None, judge_notes=None,
        dimensions=[
            {"key": "open_questions", "title": "Open questions", "score": 70, "explanation": "Mostly open.",
             "evidence": [{"turn": 1, "quote": quote, "note": "a window question"}],
             "rewrite": {"turn": 2, "original": "Is $15 ok?", "suggestion": "Tell me about your costs.", "why": "opens a window"}},
            {"key": "alignment", "title": "Alignment with your prep", "score": None, "explanation": "No prep.",
             "evidence": [], "rewrite": None},
        ],
        turns=[{"turn": n, "text": t.text, "moves": ["open_question"] if n == 1 else ["closed_question"], "primary": "x",
                "window": None, "flags": [], "effect": "they opened up", "suggestion": "ask for more"}
               for n, t, _ in user],
        concerns=[{"id": c.id, "title": c.title, "uncovered": c.disclosed, "layers_disclosed": c.layers_disclosed,
                   "layers_total": c.layers_total, "opened_by": c.opened_by} for c in transcript.concerns],
    )


@pytest.fixture(name="app")
def app_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The real app over a fresh SQLite file in tmp_path, with the offline authored voice."""
    monkeypatch.setenv("PARLEY_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PARLEY_CONFIG_FILE", str(tmp_path / "config" / "settings.env"))  # never the user's own
    for name in ("PARLEY_DATABASE_URL", "PARLEY_PERSONA_DIR", "PARLEY_LLM_BASE_URL", "PARLEY_GGUF", "PARLEY_LLM_MODEL",
                 "PARLEY_LLM_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    import simulator.evaluation as evaluation

    if not hasattr(evaluation, "score_transcript"):
        monkeypatch.setattr(evaluation, "score_transcript", stand_in_score, raising=False)
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
