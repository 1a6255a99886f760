"""Alignment with your problem follows meaning: the prep mapped onto the rehearsal's concerns and terms."""

from __future__ import annotations

import re

import pytest

from simulator.evaluation import Scorecard, score_transcript
from simulator.transcript import Prep, Transcript

BAKERY = Prep(
    problem="Gloria wants $5,000 a month on a one-year lease and I can't afford much over $4,600; moving the ovens "
    "would cost $60,000.",
    needs="A long lease on the bakery so I'm not doing this every year.",
)
# Issue 16: this prep scored 100 against the bakery lease, with evidence "on your problem: year", "pay".
FLAT = Prep(
    problem="My landlord wants to put the rent on my flat up from $1,850 to $2,100 when the tenancy ends.",
    needs="Stay in the flat for another year at no more than $1,950 a month.",
)
COFFEE = Prep(
    problem="Ember & Oak wants to put the price of our house blend up and I can't absorb much more than 10% on the beans.",
    needs="A price per kilo I can live with and payment terms that get me through January when cash flow is tight.",
)


@pytest.fixture(scope="module")
def sessions(tmp_path_factory) -> dict[str, Transcript]:
    """A skilled and an unskilled learner's finished rehearsals with the landlord."""
    from evals.learners import run_session
    from simulator.session import Rehearsals
    from simulator.settings import Settings

    service = Rehearsals(Settings(_env_file=None, data_dir=tmp_path_factory.mktemp("alignment")))
    try:
        persona = service.library.get("landlord-renewal")
        return {
            kind: service.transcript(run_session(service, persona, "realistic", kind).session_id)
            for kind in ("skilled", "unskilled")
        }
    finally:
        service.close()


def _alignment(transcript: Transcript, prep: Prep) -> tuple[int | None, str, Scorecard]:
    card = score_transcript(transcript.model_copy(update={"prep": prep}))
    dim = next(d for d in card.dimensions if d.key == "alignment")
    return dim.score, dim.explanation, card


def test_a_prep_for_this_negotiation_scores_high_and_names_what_was_worked_on(sessions) -> None:
    score, why, _ = _alignment(sessions["skilled"], BAKERY)
    assert score is not None and score >= 60
    assert "“Length of the lease”: you bargained on it" in why and "“Wear and tear from the ovens”" in why


def test_the_same_prep_scores_lower_when_the_rehearsal_never_worked_on_it(sessions) -> None:
    skilled, _, _ = _alignment(sessions["skilled"], BAKERY)
    unskilled, why, _ = _alignment(sessions["unskilled"], BAKERY)
    assert unskilled is not None and skilled is not None and unskilled < skilled
    assert "never reached" in why or "only mentioned" in why


def test_a_flat_rental_prep_scores_low_against_the_bakery_lease_and_says_why(sessions) -> None:
    score, why, _ = _alignment(sessions["skilled"], FLAT)
    assert score is not None and score <= 10
    assert "$1,850" in why and "different negotiation" in why


def test_a_prep_for_another_persona_scores_low_and_says_so(sessions) -> None:
    score, why, card = _alignment(sessions["skilled"], COFFEE)
    assert score is not None and score <= 10
    assert "something else" in why
    dim = next(d for d in card.dimensions if d.key == "alignment")
    assert dim.rewrite is None  # nothing to steer back to: the prep is not about this rehearsal


@pytest.mark.slow
def test_alignment_table_matching_high_unrelated_low() -> None:
    """`make eval`'s alignment table: 10 preps against matching and unrelated personas meet its targets."""
    import tempfile
    from pathlib import Path

    from evals import alignment as table
    from simulator.session import Rehearsals
    from simulator.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        service = Rehearsals(Settings(_env_file=None, data_dir=Path(tmp)))
        try:
            rows = table.measure(table.rehearsals(service))
        finally:
            service.close()
    assert len(rows) == 11 and sum(1 for r in rows if r.persona_id) == 10
    assert table.targets_met(rows), table.table(rows)


def test_a_transcript_without_concerns_or_terms_is_not_judged_on_alignment() -> None:
    from simulator.transcript import Turn

    bare = Transcript(
        prep=BAKERY,
        turns=[Turn(role="counterpart", text="Hello."), Turn(role="user", text="Tell me about the lease.")],
    )
    dim = next(d for d in score_transcript(bare).dimensions if d.key == "alignment")
    assert dim.score is None and "nothing to compare" in dim.explanation


def test_the_alignment_rewrite_asks_about_what_the_prep_named_and_reads_as_an_open_question(sessions) -> None:
    from simulator import ledger as L
    from simulator.personas import load_persona_file
    from simulator.reading import read_turn
    from simulator.settings import BUILTIN_PERSONA_DIR

    transcript = sessions["unskilled"]
    _, _, card = _alignment(transcript, BAKERY)
    rewrite = next(d for d in card.dimensions if d.key == "alignment").rewrite
    assert rewrite is not None
    assert re.fullmatch(
        r"How could we sort out (?:the|your) [\w' -]+ in a way that works for you\?", rewrite.suggestion
    )
    persona = load_persona_file(BUILTIN_PERSONA_DIR / "landlord-renewal.yaml")
    at = [i for i, t in enumerate(transcript.turns) if t.role == "user"][rewrite.turn - 1]
    history = [t.model_dump() for t in transcript.turns[:at]]
    assert "open_question" in read_turn(persona, L.new_ledger(persona), rewrite.suggestion, history)["moves"]
