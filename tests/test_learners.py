"""Every built-in persona at every difficulty: the skilled learner gets a deal, the unskilled one never does, and a
learner speaking in people's own words (the conversation set's phrasings) gets a deal at realistic."""

from __future__ import annotations

import pytest

from evals.learners import check, run_session
from simulator.personas import DIFFICULTIES, load_library
from simulator.settings import BUILTIN_PERSONA_DIR

pytestmark = pytest.mark.slow

PERSONAS = load_library([BUILTIN_PERSONA_DIR]).ids()


@pytest.mark.parametrize("difficulty", DIFFICULTIES)
@pytest.mark.parametrize("persona_id", PERSONAS)
def test_skilled_learner_agrees_unskilled_does_not(service, persona_id, difficulty):
    persona = service.library.get(persona_id)
    skilled = run_session(service, persona, difficulty, "skilled")
    unskilled = run_session(service, persona, difficulty, "unskilled")
    assert check([skilled, unskilled]) == []
    assert skilled.outcome == "agreement" and skilled.concerns_pct >= 60
    assert unskilled.outcome != "agreement" and unskilled.hidden_pct <= 25
    assert skilled.overall is not None and unskilled.overall is not None
    assert skilled.overall - unskilled.overall >= 25


def test_a_learner_in_peoples_own_words_reaches_agreement_at_realistic(service):
    natural = [run_session(service, service.library.get(pid), "realistic", "natural") for pid in PERSONAS]
    agreed = [r.persona_id for r in natural if r.outcome == "agreement"]
    assert len(agreed) >= 0.75 * len(PERSONAS), agreed


def test_at_least_eight_distinct_personas():
    assert len(PERSONAS) >= 8
