"""Prep answers are saved with each session and pre-filled for the next one, visibly (issue 16: the next session
reported "No prep answers to compare with")."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from test_ui_helpers import APP, app_fixture, shown  # noqa: F401

from simulator.transcript import Prep

pytestmark = pytest.mark.slow

BAKERY = Prep(problem="Renew for years, not one, at no more than $4,600 a month.", needs="A long lease.")
CAFE = Prep(problem="Cash for January and February, not the price per kilo.")


def test_the_last_prep_is_kept_for_the_next_session(service) -> None:
    assert service.last_prep("landlord-renewal") is None
    first = service.start("landlord-renewal", prep=BAKERY, seed=1)
    service.start("coffee-supplier", prep=CAFE, seed=1)
    service.start("coffee-supplier", seed=1)  # no answers this time: it does not hide the ones before
    prep, row = service.last_prep("landlord-renewal")
    assert prep == BAKERY and row.id == first.session_id
    assert service.last_prep("coffee-supplier")[0] == CAFE
    assert service.last_prep("manager-raise")[0] == CAFE  # no rehearsal with him yet: the most recent answers
    # Saved with the session: the transcript (and so the scorecard's alignment) reads them back.
    assert service.transcript(first.session_id).prep == BAKERY


def test_prepare_is_pre_filled_from_the_last_session_and_says_so(app: AppTest) -> None:
    app.run()
    app.selectbox[0].set_value("landlord-renewal").run()
    app.text_area[0].input(BAKERY.problem)
    next(b for b in app.button if b.label == "Start the rehearsal").click().run()
    assert not app.exception

    fresh = AppTest.from_file(APP, default_timeout=30)  # a new browser tab: nothing typed yet
    fresh.run()
    fresh.selectbox[0].set_value("landlord-renewal").run()
    assert fresh.text_area[0].value == BAKERY.problem
    assert "Pre-filled with the answers you gave for your rehearsal with Gloria Estevez" in shown(fresh)
    next(b for b in fresh.button if b.label == "Start the rehearsal").click().run()
    assert not fresh.exception
    assert BAKERY.problem in shown(fresh)  # the rehearsal shows the prep it started with
