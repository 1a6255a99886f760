"""Bargaining properties over every built-in persona: what a person offering terms can rely on.

Random offers are drawn with fixed seeds (the same cases every run), so a failure names a reproducible case.
"""

from __future__ import annotations

import random

import pytest

from simulator import deal as D
from simulator import ledger as L
from simulator.offers import describe_terms
from simulator.personas import DIFFICULTIES
from simulator.policy import decide
from simulator.reading import read_turn

PERSONAS = (
    "coffee-supplier",
    "manager-raise",
    "client-discount",
    "landlord-renewal",
    "investor-term-sheet",
    "cofounder-equity",
    "vendor-deadlines",
    "candidate-offer",
    "neighbour-extension",
)


def _random_terms(persona, rng: random.Random) -> dict[str, float]:
    return {i.id: D.snap(i, rng.uniform(i.low, i.high)) for i in persona.issues}


def _explored_ledger(persona, difficulty: str, turn: int = 10, rapport: int = 3):
    ledger = L.new_ledger(persona)
    for c in persona.concerns:
        ledger["concerns"][c.id] = 1
    ledger["user_turns"], ledger["rapport"] = turn, rapport
    ledger["offers"] = [{"by": "user", "turn": 1, "terms": {}}]
    return ledger


def _offer(persona, ledger, terms, difficulty="realistic", seed=3):
    text = f"Here's my offer: {describe_terms(persona.issues, terms)}."
    reading = {
        "acts": ["offer"],
        "parts": [{"text": text, "act": "offer", "terms": terms}],
        "terms": dict(terms),
        "ask": {"benefit": False, "concrete": True},
        "primary": "other",
        "moves": [],
    }
    return decide(persona, difficulty, ledger, reading, seed)


@pytest.mark.parametrize("persona_id", PERSONAS)
def test_the_decision_is_monotonic_in_the_offers_value(library, persona_id):
    """If it says yes to an offer, it says yes to every offer worth more to it (same moment, same mood)."""
    persona = library.get(persona_id)
    rng = random.Random(persona_id)
    for difficulty in DIFFICULTIES:
        ledger = _explored_ledger(persona, difficulty)
        offers = [_random_terms(persona, rng) for _ in range(60)]
        results = []
        for terms in offers:
            decision, _ = _offer(persona, ledger, terms, difficulty)
            fair = D.within_limits(persona.issues, terms, "counterpart")
            value = D.utility(persona.issues, terms, "counterpart")
            results.append((fair, value, decision.move == "agree"))
        accepted = [v for fair, v, yes in results if yes]
        refused_fair = [v for fair, v, yes in results if fair and not yes]
        if accepted and refused_fair:
            assert min(accepted) >= max(refused_fair) - 0.17, (difficulty, min(accepted), max(refused_fair))


@pytest.mark.parametrize("persona_id", PERSONAS)
def test_no_deal_is_ever_past_its_walk_away(library, persona_id):
    persona = library.get(persona_id)
    rng = random.Random(f"walk-{persona_id}")
    for difficulty in DIFFICULTIES:
        for _ in range(80):
            terms = _random_terms(persona, rng)
            decision, after = _offer(
                persona, _explored_ledger(persona, difficulty, turn=30), terms, difficulty
            )
            if decision.move == "agree":
                assert D.within_limits(persona.issues, after["agreed"], "counterpart")
            if decision.move == "counter":
                assert D.within_limits(persona.issues, decision.terms, "counterpart")


@pytest.mark.parametrize("persona_id", PERSONAS)
def test_a_counter_never_gives_less_than_the_user_offered_and_accepting_it_closes(library, persona_id):
    persona = library.get(persona_id)
    rng = random.Random(f"counter-{persona_id}")
    for _ in range(30):
        terms = _random_terms(persona, rng)
        ledger = _explored_ledger(persona, "realistic", turn=6, rapport=0)
        decision, after = _offer(persona, ledger, terms)
        if decision.move != "counter":
            continue
        for issue in persona.issues:
            side = issue.counterpart
            offered, countered = terms[issue.id], decision.terms[issue.id]
            # Between what the user offered and its own target: it never hands back less than the user offered.
            assert not D.better(side, offered, countered) or not D.within_limits(
                persona.issues, terms, "counterpart"
            )
        turns = [
            {"role": "counterpart", "text": decision.authored, "terms": decision.terms, "disclosures": []}
        ]
        yes = rng.choice(
            [
                "ok, that works for me. deal",
                "ok cool deal",
                "yep thats fair",
                "fine by me",
                "fine, we can do that",
            ]
        )  # a yes in people's own words
        reading = read_turn(
            persona,
            after,
            yes,
            [{"role": "counterpart", "text": "Hi"}, {"role": "user", "text": "..."}, *turns],
        )
        closed, final = decide(persona, "realistic", after, reading, 3)
        assert closed.move == "agree" and final["agreed"] == decision.terms
        assert describe_terms(persona.issues, decision.terms).lower() in closed.authored.lower()


def test_the_same_seed_replays_the_same_bargaining(library):
    persona = library.get("coffee-supplier")
    script = [
        "What worries you about the renewal?",
        "Could you do $15.00 a kilo on net 30?",
        "How about $15.20 a kilo with a standing order of 50 kilos a week?",
        "and $15.40?",
    ]

    def run(seed):
        ledger, turns, out = (
            L.new_ledger(persona),
            [{"role": "counterpart", "text": "Hi", "disclosures": []}],
            [],
        )
        for text in script:
            reading = read_turn(persona, ledger, text, turns)
            decision, ledger = decide(persona, "realistic", ledger, reading, seed)
            turns += [
                {"role": "user", "text": text},
                {
                    "role": "counterpart",
                    "text": decision.authored,
                    "terms": decision.terms,
                    "disclosures": [],
                },
            ]
            out.append((decision.move, decision.terms, decision.authored))
        return out

    assert run(11) == run(11)


def test_a_partial_offer_gets_the_whole_package_back(library):
    persona = library.get("landlord-renewal")
    ledger = _explored_ledger(persona, "realistic", turn=8)
    decision, after = _offer(persona, ledger, {"lease_years": 5})
    # Five years answers what it told you (it needs to know you'll stay): it takes that in and names what is still
    # open, the term that matters most to it, once.
    assert decision.move == "consider" and decision.outcome is None
    assert "we haven't settled the monthly rent" in decision.authored.lower()
    decision, _ = _offer(persona, after, {"lease_years": 5})
    # Asked again with nothing more, it lays the whole package back on the table, with the five years in it.
    assert decision.move == "counter" and decision.outcome is None
    assert decision.terms["lease_years"] == 5 and set(decision.terms) == {i.id for i in persona.issues}


@pytest.mark.parametrize("persona_id", PERSONAS)
def test_every_persona_has_a_zone_of_agreement_and_answerable_key_concerns(library, persona_id):
    persona = library.get(persona_id)
    assert D.zone_exists(persona.issues)
    for concern in persona.concerns:
        if concern.key:
            assert concern.answered_by_terms, concern.id
    best = max(o.counterpart for o in D.outcomes(persona.issues))
    for difficulty, (_, floor, _) in D.CURVES.items():
        assert best >= floor, difficulty  # the curve's floor is reachable inside the user's limits
