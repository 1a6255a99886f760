"""The evaluator's accuracy targets, checked on every run so a rule change cannot quietly lose them."""

from __future__ import annotations

import pytest

from evals.accuracy import BLIND2_SET, BLIND_SET, HELD_OUT_SET, SHARED_DATA, TEAM_SET, evaluate, load


def _needs(path):
    return pytest.mark.skipif(not path.exists(), reason=f"{path} not present")


def test_team_set_macro_f1():
    _, macro, _ = evaluate(load(TEAM_SET))
    assert macro >= 0.90


def test_held_out_blind_set_macro_f1():
    """Written without seeing the rules and never tuned on: the number that says the rules generalise."""
    _, macro, _ = evaluate(load(HELD_OUT_SET))
    assert macro >= 0.90


@pytest.mark.parametrize("path", [BLIND_SET, BLIND2_SET], ids=["blind", "blind2"])
def test_development_blind_sets_stay_learned(path):
    """Tuned on once each: a later rule change must not quietly undo what they taught."""
    _, macro, _ = evaluate(load(path))
    assert macro >= 0.95


@_needs(SHARED_DATA / "swda.jsonl")
def test_swda_needs_context_for_summaries():
    stats, macro, _ = evaluate(load(SHARED_DATA / "swda.jsonl"))
    assert macro >= 0.80
    assert stats["summary"]["f1"] >= 0.70


@_needs(SHARED_DATA / "welivita_mi_gold.jsonl")
def test_welivita():
    _, macro, _ = evaluate(load(SHARED_DATA / "welivita_mi_gold.jsonl"))
    assert macro >= 0.85


@_needs(SHARED_DATA / "casino.jsonl")
def test_casino_benefit_ask_precision():
    stats, _, _ = evaluate(load(SHARED_DATA / "casino.jsonl"))
    assert stats["benefit_ask"]["precision"] >= 0.90
