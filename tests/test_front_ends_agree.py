"""The front ends agree: one mode default, one set of words for moves, and a Settings page that reports the judge
that actually loaded (not the one the settings asked for)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_ui_helpers import app_fixture, shown  # noqa: F401

from simulator.cli import build_parser
from simulator.evaluation.commands import format_scorecard, run_score
from simulator.export import transcript_markdown
from simulator.judge import JUDGE_NO_MODEL, JUDGE_OFF, load_judge
from simulator.modes import DEFAULT_MODE, coaches, session_mode
from simulator.run_context import build_engines
from simulator.settings import Settings
from simulator.transcript import Transcript
from simulator.vocabulary import concerns_uncovered, move_name, moves_in_words

# An export as every earlier version wrote it: stored keys ("other", "disclosures"), not the words shown.
OLD_EXPORT = {
    "persona_id": "coffee-supplier",
    "persona_name": "Tomás Reyes",
    "turns": [
        {"role": "counterpart", "text": "Prices are going up this year."},
        {"role": "user", "text": "We have bought from you for six years."},
        {
            "role": "counterpart",
            "text": "Cash is tight.",
            "disclosures": [{"item_id": "cash", "text": "Cash is tight."}],
        },
    ],
}


def test_one_mode_default_for_every_front_end(service) -> None:
    chat = build_parser().parse_args(["chat", "--persona", "coffee-supplier"])
    assert chat.mode == DEFAULT_MODE == "practice"
    started = service.start("coffee-supplier", "easy")
    assert service.view(started.session_id).row.mode == DEFAULT_MODE
    # A session saved before modes were stored has none: it is a practice session, coached.
    assert session_mode(None) == DEFAULT_MODE and coaches(None) and not coaches("assessment")


def test_moves_have_the_words_the_app_shows() -> None:
    assert move_name("other") == "statement" and move_name("benefit_ask") == "benefit-framed ask"
    assert move_name("premature_solution") == "solution too early" and move_name("new_key") == "new key"
    assert moves_in_words([]) == "a statement"
    assert moves_in_words(["open_question", "summary"]) == "an open question and a summary"
    assert concerns_uncovered(2, 5) == "2 of 5 concerns uncovered"


def test_an_old_export_still_loads_and_reads_in_the_same_words(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_text(json.dumps(OLD_EXPORT), encoding="utf-8")
    out = io.StringIO()
    assert run_score(str(path), True, out, io.StringIO()) == 0
    card = json.loads(out.getvalue())
    assert card["turns"][0]["primary"] == "other"  # the stored key is unchanged
    text = format_scorecard(card)
    assert "1. statement:" in text and ". other" not in text
    markdown = transcript_markdown(Transcript.model_validate(OLD_EXPORT), card, [{"moves": []}])
    assert "*statement*" in markdown and "*other*" not in markdown


def test_the_judge_reports_what_loaded(clean_env: Path) -> None:
    base = {"_env_file": None, "gguf": None, "llm_base_url": ""}
    assert load_judge(Settings(**base)) == (None, JUDGE_OFF)
    assert load_judge(Settings(**{**base, "llm_judge": True})) == (None, JUDGE_NO_MODEL)
    judge, status = load_judge(
        Settings(
            **{**base, "llm_judge": True, "llm_base_url": "http://127.0.0.1:9/v1", "llm_model": "fake-model"}
        )
    )
    assert judge is not None and status == "on (fake-model)"
    judge.close()
    missing = Settings(**{**base, "llm_judge": True, "gguf": "/nowhere/model.gguf"})
    engines = build_engines(missing)
    assert engines.judge is None
    assert (
        engines.judge_status.startswith("off: it did not load")
        and "/nowhere/model.gguf" in engines.judge_status
    )
    assert "Test" in engines.judge_status  # says what to do


def test_settings_page_says_the_judge_asked_for_did_not_load(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARLEY_LLM_JUDGE", "true")
    monkeypatch.setenv("PARLEY_GGUF", "/nowhere/model.gguf")
    app.run().switch_page("views/status.py").run()
    assert not app.exception
    text = shown(app)
    assert "LLM judge (second opinion in the scorecard):** off: it did not load" in text
    assert "/nowhere/model.gguf" in text


def test_settings_page_says_the_judge_needs_a_model(app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARLEY_LLM_JUDGE", "true")
    app.run().switch_page("views/status.py").run()
    assert "no model is connected" in shown(app)
