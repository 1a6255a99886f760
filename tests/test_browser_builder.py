"""A real browser builds a counterpart from blank on the Personas page in at most 25 filled fields, saves it and
rehearses with it (`streamlit run ui/server.py`, as `make run` serves it)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from test_browser import _say, browser, free_port, start_server, stop_server  # noqa: F401 - browser is a fixture

from simulator.persona_checks import persona_warnings
from simulator.personas import load_persona_file

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]

BEHIND = "What's really behind it, in their words (one or two lines; the deepest last)"
ANSWER = "What would answer it: one of the terms with its number"
# Every answer a newcomer types, in page order: the label (nth when a row repeats it) and the text.
ANSWERS: list[tuple[str, int, str]] = [
    ("Their name", 0, "Nadia Harris"),
    ("Who they are, in a line", 0, "Owner of the flat I rent on Elm Street"),
    (
        "The situation in a sentence or two (call yourself by your role, not 'you')",
        0,
        "The tenant of Nadia's flat on Elm Street pays $1,200 a month; Nadia wants $1,400 when the lease renews.",
    ),
    (
        "What they want from this conversation, in their words",
        0,
        "I want the rent to keep up with what the flat costs me.",
    ),
    ("Their opening position, with its numbers", 0, "$1,400 a month from the renewal."),
    ("What it is (1)", 0, "monthly rent"),
    ("Unit", 0, "$ a month"),
    ("Their opening", 0, "1400"),
    ("Their target", 0, "1350"),
    ("Their walk-away", 0, "1250"),
    ("Your target", 0, "1200"),
    ("Your limit", 0, "1300"),
    (
        "Concern 1: what they'd say at first, in their words",
        0,
        "My service charge went up sharply this year.",
    ),
    (BEHIND, 0, "The building's new lift added $90 a month to my service charge."),
    (ANSWER, 0, "a rent of $1,300 a month"),
    ("Concern 2: what they'd say at first, in their words", 0, "I had a tenant who stopped paying once."),
    (BEHIND, 1, "It took me eight months and a solicitor to get the arrears back."),
    (ANSWER, 1, "a rent of $1,250 a month"),
    ("Concern 3: what they'd say at first, in their words", 0, "Empty weeks between tenants scare me."),
    (BEHIND, 2, "Two empty months last time wiped out my profit for the year."),
    (ANSWER, 2, "a rent of $1,250 a month"),
    ("What they need, in their words (one a line)", 0, "I need the flat to pay for itself."),
    (
        "What they have tried before, in their words (one a line)",
        0,
        "I tried a letting agent, and the fees ate the first year's rise.",
    ),
    ("A first step they'd accept, in their words", 0, "Tell me how long you plan to stay."),
]


def test_build_from_blank_in_at_most_25_fields_then_rehearse(browser, tmp_path: Path) -> None:  # noqa: ANN001, F811
    assert len(ANSWERS) <= 25
    port = free_port()
    proc = start_server(port, tmp_path)
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(30_000)
        page.goto(f"http://127.0.0.1:{port}/personas")
        page.get_by_role("tab", name="Build your own").click()
        started = time.monotonic()
        for label, nth, text in ANSWERS:
            box = page.get_by_role("textbox", name=label, exact=True).nth(nth)
            box.fill(text)
            box.press("Tab")  # a text input is sent when it loses focus
            page.wait_for_timeout(150)
        page.get_by_role("button", name="Build and save").click()
        page.get_by_text("Saved Nadia Harris").wait_for()
        filled_s = time.monotonic() - started
        saved = load_persona_file(next((tmp_path / "personas").glob("*.yaml")))
        assert saved.name == "Nadia Harris" and persona_warnings(saved) == []
        assert saved.issues[0].id == "monthly_rent" and "Tomás" not in yaml.safe_dump(saved.model_dump())
        page.get_by_role("button", name="Rehearse with them").click()
        page.get_by_text("Rehearsing with Nadia Harris").wait_for()
        _say(page, "What worries you about the service charge?")
        page.get_by_text("service charge went up sharply", exact=False).last.wait_for()
        print(f"\nbuilt from blank: {len(ANSWERS)} fields, {filled_s:.1f} s to fill and save")
    finally:
        stop_server(proc)
