"""Every built-in persona at every difficulty: the skilled learner gets a yes, the unskilled one does not."""

from __future__ import annotations

import pytest

from evals.learners import check, run_session
from simulator.personas import DIFFICULTIES, load_library
from simulator.settings import BUILTIN_PERSONA_DIR

PERSONAS = load_library([BUILTIN_PERSONA_DIR]).ids()


@pytest.mark.parametrize("difficulty", DIFFICULTIES)
@pytest.mark.parametrize("persona_id", PERSONAS)
def test_skilled_learner_agrees_unskilled_does_not(service, persona_id, difficulty):
    persona = service.library.get(persona_id)
    skilled = run_session(service, persona, difficulty, "skilled")
    unskilled = run_session(service, persona, difficulty, "unskilled")
    assert check([skilled, unskilled]) == []
    assert skilled.outcome == "agreement" and skilled.concerns_pct >= 75
    assert unskilled.outcome != "agreement" and unskilled.hidden_pct <= 25
    assert skilled.overall is not None and unskilled.overall is not None
    assert skilled.overall - unskilled.overall >= 25


def test_at_least_eight_distinct_personas():
    assert len(PERSONAS) >= 8
