"""Four scripted bargainers against every persona and difficulty (the deals issue's measure): asking well gets
more, and no counterpart ever agrees past its walk-away."""

from __future__ import annotations

import statistics

import pytest

from evals.bargainers import STRATEGIES, check, run_matrix

pytestmark = pytest.mark.slow


def test_the_skilled_bargainer_gets_the_most_value_and_creates_the_most(service):
    runs = run_matrix(service)
    assert len(runs) == len(service.library.ids()) * 3 * len(STRATEGIES)
    assert (
        check(runs) == []
    )  # per persona: skilled has the highest mean value and joint value; none past walk-away
    assert all(r.outcome == "agreement" for r in runs if r.strategy == "skilled")
    assert not any(r.outcome == "agreement" for r in runs if r.strategy == "hardball")
    joint = {s: statistics.mean(r.joint_share for r in runs if r.strategy == s) for s in STRATEGIES}
    assert joint["skilled"] >= 0.8 and all(0 <= r.joint_share <= 1.0001 for r in runs)
