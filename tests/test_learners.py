"""Every built-in persona at every difficulty: the skilled learner gets a yes, the unskilled one does not,
and a learner who explores one concern only gets a yes when it is easy."""

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
    partial = run_session(service, persona, difficulty, "partial")
    unskilled = run_session(service, persona, difficulty, "unskilled")
    assert check([skilled, partial, unskilled]) == []
    # Difficulty changes how much must be uncovered: one well-explored concern is enough only on easy.
    assert (partial.outcome == "agreement") == (difficulty == "easy")
    assert skilled.outcome == "agreement" and skilled.concerns_pct >= 75
    assert unskilled.outcome != "agreement" and unskilled.hidden_pct <= 25
    assert skilled.overall is not None and unskilled.overall is not None
    assert skilled.overall - unskilled.overall >= 25


def test_at_least_eight_distinct_personas():
    assert len(PERSONAS) >= 8
