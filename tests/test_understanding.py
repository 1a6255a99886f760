"""The conversation set, written by people who never saw the rules: how well the counterpart understands them.

The numbers are floors at the level measured when this was written (README, "Understanding"), so a change that
makes the counterpart listen worse fails here; the issue's targets (95% fair replies, act macro-F1 0.90 on the
blind part) are not met yet and are reported, not asserted. Live and review labels must always agree.
"""

from __future__ import annotations

import pytest

from evals.conversations import BLIND_FILES, DEV_FILES, act_f1, evaluate, live_review_agreement, load

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def personas(library):
    return library.personas


def test_replies_acts_and_offers_on_the_development_part_stay_at_their_measured_level(personas):
    # The blind part's floors gate `make eval` (evals/conversations.py, BLIND_FLOORS), not the unit tests.
    files, reply_floor, f1_floor, offer_floor = DEV_FILES, 0.83, 0.84, 0.96
    conversations = load(files)
    assert len(conversations) >= 28
    result = evaluate(conversations, personas)
    hits, total = result["fair_hits"], result["fair_total"]
    macro, _ = act_f1(result["pairs"])
    ok, offers = result["offers"]
    assert hits["all"] / total["all"] >= reply_floor
    assert macro >= f1_floor
    assert ok / offers >= offer_floor


def test_the_learned_reading_understands_the_blind_part_better_than_the_rules_alone(personas):
    # The act model never saw the blind part: what it adds there is what it learned about how people type.
    conversations = load(BLIND_FILES)
    rules = evaluate(conversations, personas, use_model=False)
    learned = evaluate(conversations, personas)
    assert act_f1(learned["pairs"])[0] >= act_f1(rules["pairs"])[0] + 0.05
    assert learned["fair_hits"]["all"] >= rules["fair_hits"]["all"]


@pytest.mark.parametrize("files", [DEV_FILES, BLIND_FILES], ids=["development part", "blind part"])
def test_the_live_coach_and_the_scorecard_read_every_turn_the_same_way(personas, files):
    same, compared = live_review_agreement(load(files), personas)
    assert compared >= 100 and same == compared


def test_the_set_is_big_enough_and_a_third_of_it_is_blind():
    dev, blind = load(DEV_FILES), load(BLIND_FILES)
    turns = sum(1 for c in dev + blind for t in c["turns"] if t["role"] == "user")
    blind_turns = sum(1 for c in blind for t in c["turns"] if t["role"] == "user")
    assert len(dev) + len(blind) >= 40 and turns >= 400
    assert blind_turns >= turns / 3
    assert {c["persona"] for c in blind} == {c["persona"] for c in dev}  # every persona in both parts


def test_make_eval_fails_when_the_blind_part_falls_below_its_floor(monkeypatch, capsys):
    from evals import conversations as C

    monkeypatch.setattr(
        C, "BLIND_FILES", C.DEV_FILES[:1]
    )  # a stand-in, so that this test opens nothing blind
    load = C.load
    monkeypatch.setattr(C, "load", lambda files: load(files)[:4])  # the gate, not the set, is under test here
    monkeypatch.setattr(C, "BLIND_FLOORS", {"appropriate": 1.01, "act_f1": 0.0, "offers": 0.0})
    assert C.main([]) == 1
    assert "appropriate" in capsys.readouterr().out.splitlines()[-1]
    monkeypatch.setattr(C, "BLIND_FLOORS", {"appropriate": 0.0, "act_f1": 0.0, "offers": 0.0})
    assert C.main([]) == 0
