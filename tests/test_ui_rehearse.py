"""AppTest: prepare, rehearse several turns with coaching, rewind, end, reload, and the model-down notice."""

from __future__ import annotations

import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from test_ui_helpers import APP, CLOSED, OPEN, SUMMARY, app_fixture, down_voice, say, shown, start  # noqa: F401

from simulator.session import open_rehearsals
from simulator.settings import load_settings
from ui.context import SERVICE_KEY, persona_library

pytestmark = pytest.mark.slow


def _messages(at: AppTest) -> list[tuple[str, str]]:
    """(speaker, text) per chat bubble; each bubble shows its speaker's name above the text."""
    out = []
    for m in at.chat_message:
        if len(m.markdown) >= 2:
            assert m.markdown[0].value.replace("\\", "") == f"**{m.name}**"  # the name is on the bubble
            out.append(("user" if m.name == "You" else "assistant", m.markdown[1].value.replace("\\", "")))
    return out


def _popover(at: AppTest, label: str):  # noqa: ANN202 - a streamlit Block
    """The popover whose button reads `label` (a Block: AppTest has no popover accessor)."""
    stack = [at.main]
    while stack:
        node = stack.pop()
        if getattr(node, "type", None) == "popover" and node.proto.popover.label == label:
            return node
        stack.extend(getattr(node, "children", {}).values())
    raise AssertionError(f"no popover {label!r}")


def test_prepare_answers_travel_with_the_session(app: AppTest) -> None:
    app.run()
    assert app.title[0].value == "Prepare"
    app.selectbox[0].set_value("coffee-supplier").run()
    app.text_area[0].input("Cash for the slow months, not the price per kilo.")
    app.text_area[2].input("Fear of losing him; guilt about the late invoices.")
    next(b for b in app.button if b.label == "Start the rehearsal").click().run()
    assert not app.exception
    assert app.title[0].value == "Rehearsing with Tomás Reyes"
    assert app.query_params["session"]
    assert [name for name, _ in _messages(app)] == ["assistant"]
    text = shown(app)
    assert "What is the problem I am trying to solve?" in text
    assert "guilt about the late invoices" in text


def test_several_turns_show_moves_coaching_and_meter(app: AppTest) -> None:
    start(app)
    for turn in (OPEN, CLOSED, SUMMARY):
        say(app, turn)
    assert not app.exception
    roles = [name for name, _ in _messages(app)]
    assert roles == ["assistant", "user", "assistant", "user", "assistant", "user", "assistant"]
    text = shown(app)
    assert ":green-badge[open question]" in text and ":orange-badge[closed question]" in text
    assert "**Coach:** " in text
    # The meter is on the page itself (not in the sidebar a phone hides behind a toggle), and is an ARIA meter
    # named "Concerns uncovered"; its markup holds numbers only, never user or persona text.
    assert not app.sidebar.get("html") and not app.get("progress")
    meter = app.get("html")[0].proto.body
    assert 'role="meter" aria-label="Concerns uncovered"' in meter
    assert re.search(r'aria-valuetext="\d of 5 concerns uncovered"', meter)
    assert (
        re.sub(r"<[^>]*>", "", meter)
        .replace("Concerns uncovered: ", "")
        .replace("Deeper layers drawn out: ", "")
        .replace(" of ", "")
        .isdigit()
    )
    assert {m.name for m in app.chat_message} == {"You", "Tomás Reyes"}


def test_assessment_mode_gives_no_help_until_the_end(app: AppTest) -> None:
    start(app, mode="assessment")
    say(app, CLOSED)
    text = shown(app)
    assert "Coach:" not in text and "badge[" not in text
    assert "Assessment mode" in text
    assert not app.get("html")


def test_user_text_is_shown_as_text_not_markup(app: AppTest) -> None:
    start(app)
    say(app, "<script>alert(1)</script> **bold** [link](http://evil.example) :red[x]")
    user = next(m for m in app.chat_message if m.name == "You")
    value = user.markdown[1].value
    assert (
        "\\<script\\>" in value
        and "\\*\\*bold\\*\\*" in value
        and "\\[link\\]" in value
        and "\\:red\\[x\\]" in value
    )
    assert not any(m.proto.allow_html for m in app.markdown)


def test_an_empty_turn_is_refused_in_plain_words(app: AppTest) -> None:
    start(app)
    say(app, "   ")
    assert any("Your message is empty" in w.value for w in app.warning)
    assert not app.exception


def test_rewind_tries_a_different_reply_and_keeps_the_original(app: AppTest) -> None:
    start(app)
    say(app, CLOSED)
    say(app, CLOSED)
    original = app.query_params["session"]
    app.selectbox[0].set_value(1)
    app.text_area[0].input(OPEN)
    next(b for b in app.button if b.label == "Try this reply").click().run()
    assert not app.exception
    branch = app.query_params["session"]
    assert branch != original
    users = [text for name, text in _messages(app) if name == "user"]
    assert users == [OPEN]
    assert "A branch from turn 1" in shown(app)
    next(b for b in app.button if b.label == "Open the original").click().run()
    assert app.query_params["session"] == original
    assert [t for n, t in _messages(app) if n == "user"] == [CLOSED, CLOSED]


def test_end_asks_for_confirmation_then_goes_to_the_scorecard(app: AppTest) -> None:
    start(app)
    say(app, OPEN)
    say(app, SUMMARY)
    # "End the session" opens a confirmation; only its "Yes" ends the rehearsal.
    end = _popover(app, "End the session")
    assert "cannot add turns" in end.children[0].value
    assert [b.label for b in app.button if b.label == "End the session"] == []  # not a one-click button
    assert app.title[0].value.startswith("Rehearsing with")
    next(b for b in app.button if b.label == "Yes, end and score it").click().run()
    assert not app.exception
    assert app.title[0].value == "Review"
    assert "/ 100" in app.metric[0].value
    text = shown(app)
    assert "Turn 1" in text and "open question" in text
    assert "Missed" in text


def test_reload_and_restart_restore_the_conversation_from_the_url(app: AppTest) -> None:
    start(app)
    say(app, OPEN)
    session_id = app.query_params["session"]
    before = _messages(app)
    reloaded = AppTest.from_file(APP, default_timeout=30)
    reloaded.query_params["session"] = session_id
    reloaded.switch_page("views/rehearse.py").run()
    assert _messages(reloaded) == before
    st.cache_resource.clear()  # a server restart: the service is opened again from the database
    restarted = AppTest.from_file(APP, default_timeout=30)
    restarted.query_params["session"] = session_id
    restarted.switch_page("views/rehearse.py").run()
    assert _messages(restarted) == before


def test_a_model_that_is_down_shows_a_notice_and_the_rehearsal_goes_on(app: AppTest) -> None:
    settings = load_settings()
    service = open_rehearsals(settings, voice=down_voice(), library=persona_library(settings))
    try:
        app.session_state[SERVICE_KEY] = service
        start(app)
        say(app, OPEN)
        say(app, SUMMARY)
        notices = [w.value.replace("\\", "") for w in app.warning]
        # One notice for the session, with the reason: not one under every counterpart line.
        assert len(notices) == 1, notices
        assert "did not answer for 3 of 3 lines" in notices[0]
        assert "the model server did not respond" in notices[0] and "written lines" in notices[0]
        assert len(_messages(app)) == 5
    finally:
        service.close()
