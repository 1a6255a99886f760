"""Rewrites a person would say: whole sentences, read by our own rules as the move they model, never for a turn
that won something, each with a one-line why."""

from __future__ import annotations

import re

import pytest

from simulator.evaluation import Scorecard, score_transcript
from simulator.evaluation import rewrites as R
from simulator.evaluation.labels import label_turn
from simulator.transcript import ConcernInfo, Disclosure, Transcript, Turn

CASH = ConcernInfo(id="cash", title="Late payments squeeze his cash", keywords=["cash", "invoice"], layers_total=2,
                   opened_by="How have our invoices and payments been landing on your side?")
LATE = ConcernInfo(id="late", title="Late deliveries", keywords=["delivery"], layers_total=1,
                   opened_by="What happened with deliveries before?")
REVEAL = Turn(role="counterpart", text="Honestly, two invoices came in late and my cash is tight until March.",
              move="raise_concern", disclosures=[Disclosure(item_id="cash", text="My cash is tight until March.")])


def _card(*pairs: tuple[str, Turn]) -> Scorecard:
    turns = [Turn(role="counterpart", text="So, you got my email about the new prices.")]
    for user, reply in pairs:
        turns += [Turn(role="user", text=user), reply]
    return score_transcript(Transcript(turns=turns, concerns=[CASH, LATE]))


def _rewrite(card: Scorecard, key: str):
    return next(d for d in card.dimensions if d.key == key).rewrite


def test_a_turn_that_won_the_deal_is_never_rewritten() -> None:
    agreed = Turn(role="counterpart", text="Fine, $4.10 it is.", move="agree")
    card = _card(("What worries you about next year?", REVEAL), ("I need $4.10 a pound.", agreed))
    assert "bare_ask" in card.turns[1].flags  # a weak ask by the rules …
    assert _rewrite(card, "benefit_asks") is None  # … but it won the deal: nothing to replace
    for dim in card.dimensions:
        assert dim.rewrite is None or dim.rewrite.turn != 2


def test_a_closed_question_that_drew_a_disclosure_is_not_the_one_rewritten() -> None:
    pushed = Turn(role="counterpart", text="Maybe.", move="deflect_closed")
    card = _card(("Is the price the problem?", REVEAL), ("Is that final?", pushed))
    rewrite = _rewrite(card, "open_questions")
    assert rewrite is not None and rewrite.turn == 2 and rewrite.original == "Is that final?"


def test_rewrites_are_built_from_their_words_not_spliced_from_the_users() -> None:
    # Issue 16's word salad: "What concerns you most about ouch hearing importer's put?"
    pushed = Turn(role="counterpart", text="Why would I?", move="push_back_bare_ask")
    card = _card(("ouch hearing importer's put, is it final??", Turn(role="counterpart", text="It is.",
                                                                       move="deflect_closed")),
                 ("What's going on for you this year?", REVEAL),
                 ("gimme 12 pre, 10 is, 4.10 yeah", pushed))
    for dim in card.dimensions:
        if dim.rewrite is None:
            continue
        suggestion = dim.rewrite.suggestion.lower()
        assert "ouch" not in suggestion and "importer's put" not in suggestion and "12 pre" not in suggestion
        assert "10 is" not in suggestion and "gimme" not in suggestion
    summary = _rewrite(card, "summaries")
    assert summary is not None and summary.suggestion == (
        "So what I'm hearing is that your cash is tight until March. Is that right?")


def test_each_rewrite_models_its_move_and_comes_with_one_line_why() -> None:
    pushed = Turn(role="counterpart", text="Why would I?", move="push_back_bare_ask")
    card = _card(("Is the price going up?", Turn(role="counterpart", text="Yes.", move="deflect_closed")),
                 ("What's going on for you this year?", REVEAL),
                 ("I need $4.10 a pound.", pushed))
    models = {"open_questions": "open_question", "summaries": "summary", "benefit_asks": "benefit_ask",
              "concerns_uncovered": "open_question"}
    found = {d.key: d.rewrite for d in card.dimensions if d.rewrite}
    assert set(found) == set(models)
    for key, rewrite in found.items():
        assert models[key] in label_turn(rewrite.suggestion, "My cash is tight until March.").moves, key
        assert rewrite.why and "\n" not in rewrite.why and rewrite.why.endswith(".")
    assert found["benefit_asks"].suggestion == (
        "I'm asking for $4.10 a pound, which helps with your concern that late payments squeeze your cash.")
    assert found["concerns_uncovered"].suggestion == "What happened with deliveries before?"


def test_a_candidate_the_rules_would_not_credit_is_never_offered() -> None:
    assert R.first_passing(["Is that a deal?", "Give me 100."], "open_question", "") is None
    assert R.first_passing(["Is that a deal?", "What matters most to you here?"], "open_question", "") == (
        "What matters most to you here?")
    # A "summary" that invents a number is not faithful, so it is not offered.
    said = [Disclosure(item_id="cash", text="My cash is tight until March.")]
    assert R.first_passing(["So what I'm hearing is that your cash is tight until June."], "summary",
                           "My cash is tight until March.", said) is None


def test_every_persona_concern_reads_as_a_whole_clause_in_an_ask(library) -> None:
    from simulator import ledger as L
    from simulator.offers import describe_terms
    from simulator.reading import concern_infos, read_turn

    for persona in library.personas.values():
        first = persona.issues[0]
        terms = describe_terms(persona.issues, {first.id: first.user.target})
        for concern in concern_infos(persona):
            phrase = R.concern_phrase(concern)
            assert phrase.startswith(("your concern that ", "your concern about ")), phrase
            assert not re.search(r"\b(?:you|I) (?:lead|your)\b|\bwant your\b|\bseen I\b|that a [a-z ]+ you|about (?:you|I) \w+'t\b", phrase), phrase
            ask = f"I'm asking for {terms}, which helps with {phrase}."
            reading = read_turn(persona, L.new_ledger(persona), ask, [])
            assert "benefit_ask" in label_turn(ask, "").moves, ask
            assert "benefit_ask" in reading["moves"], ask


@pytest.mark.parametrize("text, expected", [
    ("He hasn't seen you lead yet", "you haven't seen me lead yet"),
    ("Her children want her to sell", "your children want you to sell"),
    ("She is running out of savings", "you are running out of savings"),
    ("Who does your planning work", "who does my planning work"),
])
def test_their_words_said_back_to_them(text: str, expected: str) -> None:
    assert R.to_second_person(text) == expected


def test_every_rewrite_on_the_development_conversations_passes_the_live_reading() -> None:
    """The conversation set's development part, driven through the graph: each rewrite is read by
    simulator.reading as the move it models, is a whole sentence, and never replaces a turn that won something."""
    from evals import rewrites as E

    checked = E.check_all()
    assert len(checked) >= 60
    problems = [f"{c.conversation} {c.dimension}: {c.suggestion} -> {c.problems}" for c in checked if c.problems]
    assert problems == []


def test_every_term_on_the_table_can_be_asked_about_in_a_whole_question(library) -> None:
    from simulator import ledger as L
    from simulator.reading import read_turn

    for persona in library.personas.values():
        for issue in persona.issues:
            topic = R.issue_topic(issue)
            assert re.match(r"(?:the|your) [a-z0-9]|[A-Z][a-z]+'s ", topic), topic
            assert not re.search(r"\b(?:the (?:after|for|in|no|am)|her|his)\b", topic), topic
            question = f"What matters most to you about {topic}?"
            assert "open_question" in label_turn(question, "").moves, question
            assert "open_question" in read_turn(persona, L.new_ledger(persona), question, [])["moves"], question
