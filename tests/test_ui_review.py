"""AppTest: Review's headline, the whole conversation in plain words, and "Try again"."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest
from test_ui_helpers import CLOSED, OPEN, SUMMARY, app_fixture, say, shown, start  # noqa: F401

from simulator.personas import COUNTERPART_MOVES

pytestmark = pytest.mark.slow

INTERNAL = re.compile(r"\b[a-z]+_[a-z_]+\b")  # snake_case: a move name or a concern id


def _ended(app: AppTest, *turns: str) -> AppTest:
    start(app)
    for turn in turns:
        say(app, turn)
    next(b for b in app.button if b.label == "Yes, end and score it").click().run()
    assert app.title[0].value == "Review" and not app.exception
    return app


def test_the_headline_says_what_went_well_and_what_to_practise_with_an_example(app: AppTest) -> None:
    _ended(app, OPEN, SUMMARY, CLOSED)
    text = shown(app)
    assert "What went well." in text
    assert "Practise next:" in text
    assert re.search(r"From this session, turn \d:\*\* “.+”", text)
    assert "A better version:" in text


def test_the_conversation_shows_both_sides_with_moves_and_plain_effects(app: AppTest) -> None:
    _ended(app, OPEN, CLOSED)
    bubbles = [m.name for m in app.chat_message]
    assert bubbles == ["Tomás Reyes", "You", "Tomás Reyes", "You", "Tomás Reyes"]
    text = shown(app)
    assert "open question" in text and "closed question" in text
    effects = [line for line in text.splitlines() if "What it did:" in line]
    assert len(effects) == 2
    assert "Tomás told you about a concern: “Green coffee costs have jumped”" in effects[0]
    assert "Tomás gave a short answer and said little" in effects[1]
    for line in effects:
        assert not INTERNAL.search(line), line
        assert not any(move in line for move in COUNTERPART_MOVES if "_" in move)


def test_try_again_starts_the_same_persona_and_difficulty(app: AppTest) -> None:
    _ended(app, CLOSED)
    first = app.query_params["session"]
    next(b for b in app.button if b.label.startswith("Try again with Tomás")).click().run()
    assert not app.exception
    assert app.title[0].value == "Rehearsing with Tomás Reyes"
    assert app.query_params["session"] != first
    assert "realistic" in app.caption[0].value


def test_try_again_from_a_chosen_turn_branches_with_a_different_reply(app: AppTest) -> None:
    _ended(app, CLOSED, CLOSED)
    first = app.query_params["session"]
    app.selectbox(key="try-turn").set_value(2)
    app.text_area[0].input(OPEN)
    next(b for b in app.button if b.label == "Try from this turn").click().run()
    assert not app.exception
    assert app.title[0].value == "Rehearsing with Tomás Reyes"
    assert app.query_params["session"] != first
    users = [m.markdown[1].value.replace("\\", "") for m in app.chat_message if m.name == "You"]
    assert users == [CLOSED, OPEN]
    assert "A branch from turn 2" in shown(app)
