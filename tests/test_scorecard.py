"""The session scorecard: dimensions, per-turn flags and effects, rewrites, the judge seam, and anti-gaming."""

from __future__ import annotations

from simulator.evaluation import Scorecard, score_transcript
from simulator.transcript import ConcernInfo, Disclosure, Prep, Transcript, Turn

CONCERNS = [
    ConcernInfo(
        id="cash",
        title="Cash flow",
        keywords=["cash", "payment"],
        addressed_by=["split payment"],
        layers_total=2,
        layers_disclosed=2,
        opened_by="What concerns you about the payment schedule?",
    ),
    ConcernInfo(
        id="late",
        title="Late deliveries",
        keywords=["delivery"],
        addressed_by=["guaranteed delivery"],
        layers_total=2,
        layers_disclosed=0,
        opened_by="What happened with deliveries before?",
    ),
]
REVEAL = Turn(
    role="counterpart",
    text="Honestly our cash is tight until March.",
    move="reveal",
    disclosures=[Disclosure(item_id="cash", text="Our cash is tight until March.")],
)
GOOD_ASK = "I'm asking for $4.10 a pound on a 12-month term, with half paid in March, so your cash flow isn't squeezed."


def _transcript(user_lines: list[str], *, reveal_first: bool = True, prep: Prep | None = None) -> Transcript:
    turns = [Turn(role="counterpart", text="Thanks for coming in.")]
    if reveal_first:
        turns += [Turn(role="user", text="What are your concerns about next year?"), REVEAL]
    for line in user_lines:
        turns += [Turn(role="user", text=line), Turn(role="counterpart", text="Go on.", move="consider")]
    return Transcript(turns=turns, concerns=CONCERNS, prep=prep, outcome="agreement")


def _dim(card: Scorecard, key: str) -> int | None:
    return next(d.score for d in card.dimensions if d.key == key)


def test_dimensions_and_none_when_not_judgeable() -> None:
    card = score_transcript(_transcript([GOOD_ASK]))
    assert [d.key for d in card.dimensions] == [
        "open_questions",
        "summaries",
        "benefit_asks",
        "concerns_uncovered",
        "alignment",
    ]
    assert _dim(card, "alignment") is None  # no prep
    # From the turns, not the stored counters: only the surface of 'cash' (1 of its 2 layers) was ever said aloud.
    assert _dim(card, "concerns_uncovered") == round(100 * 2 * 0.5 / 4)
    bare = Transcript(turns=[Turn(role="user", text="Tell me about it.")])
    assert _dim(score_transcript(bare), "concerns_uncovered") is None
    # The file claims an agreement, but no counterpart turn agreed: the scorecard says what the turns show.
    assert card.judge == "rules" and card.outcome == "no_agreement"


def test_turn_flags_and_effect() -> None:
    t = Transcript(
        concerns=CONCERNS,
        turns=[
            Turn(role="counterpart", text="Hi."),
            Turn(role="user", text="I need $4.10 a pound."),
            Turn(role="counterpart", text="Why would I?", move="push_back_bare_ask"),
            Turn(role="user", text="Is the price the problem?"),
            Turn(role="counterpart", text="Maybe.", move="deflect_closed"),
            Turn(role="user", text="Do you want to renew?"),
            Turn(role="counterpart", text="Possibly."),
            Turn(role="user", text="What are your concerns?"),
            REVEAL,
            Turn(role="user", text="What are your concerns?"),
        ],
    )
    card = score_transcript(t)
    turns = {r.turn: r for r in card.turns}
    assert {"bare_ask", "premature_solution"} <= set(turns[1].flags)
    assert turns[1].effect == "counterpart pushed back" and turns[1].suggestion
    assert "stacked_closed" in turns[3].flags
    assert turns[4].effect == "opened concern 'Cash flow' (layer 1)"
    assert "repeated" in turns[5].flags


def test_unfaithful_summary_flagged_and_rewritten_from_their_words() -> None:
    card = score_transcript(_transcript(["So your cash is tight until June and you need $9,000."]))
    review = card.turns[-1]
    assert "unfaithful_summary" in review.flags
    summaries = next(d for d in card.dimensions if d.key == "summaries")
    assert summaries.rewrite is not None and "march" in summaries.rewrite.suggestion.lower()


def test_rewrites_use_counterpart_concern() -> None:
    card = score_transcript(_transcript(["I need $4.10 a pound.", "Is that a deal?"]))
    asks = next(d for d in card.dimensions if d.key == "benefit_asks")
    assert (
        asks.rewrite
        and "$4.10" in asks.rewrite.suggestion
        and "your cash is tight until march" in asks.rewrite.suggestion.lower()
    )
    opens = next(d for d in card.dimensions if d.key == "open_questions")
    assert opens.rewrite and opens.rewrite.original == "Is that a deal?"


def test_same_transcript_same_scorecard() -> None:
    t = _transcript([GOOD_ASK, "Is that a deal?"])
    assert score_transcript(t).model_dump() == score_transcript(t).model_dump()


def test_repeating_benefit_phrase_does_not_raise_score() -> None:
    once = score_transcript(_transcript([GOOD_ASK]))
    many = score_transcript(_transcript([GOOD_ASK] * 10))
    assert many.overall <= once.overall
    assert _dim(many, "benefit_asks") <= _dim(once, "benefit_asks")
    assert sum("repeated" in r.flags for r in many.turns) == 9


def test_pasted_summary_template_gets_no_credit() -> None:
    base = score_transcript(_transcript(["Is that a deal?"]))
    pasted = score_transcript(_transcript(["So what I'm hearing is... yes, I hear you.", "Is that a deal?"]))
    assert _dim(pasted, "summaries") == 0 and _dim(base, "summaries") == 0
    real = score_transcript(_transcript(["So your cash is tight until March.", "Is that a deal?"]))
    assert _dim(real, "summaries") > 0


def test_give_me_100_is_not_a_benefit_ask_and_raises_nothing() -> None:
    base = score_transcript(_transcript(["Tell me more about that."]))
    gamed = score_transcript(_transcript(["Tell me more about that.", "Give me 100."]))
    assert "benefit_ask" not in gamed.turns[-1].moves
    assert gamed.overall <= base.overall
    for d in base.dimensions:
        assert (_dim(gamed, d.key) or 0) <= (d.score or 0)


def test_alignment_reads_prep_through_their_concerns_not_shared_words() -> None:
    # The prep names the cash squeeze; the rehearsal drew it out (a disclosure of 'cash'): aligned.
    prep = Prep(
        problem="Late payments are squeezing their cash, so they want a higher price", needs="a split payment"
    )
    on = score_transcript(_transcript(["So your cash is tight until March."], prep=prep))
    assert _dim(on, "alignment") >= 50
    # Same words as the conversation ("next year", "price"), but nothing this rehearsal is about: no credit.
    unrelated = Prep(
        problem="Find a parking space for next year at a fair price", needs="parking near the office"
    )
    off = score_transcript(_transcript(["So your cash is tight until March."], prep=unrelated))
    dim = next(d for d in off.dimensions if d.key == "alignment")
    assert dim.score == 0 and "something else" in dim.explanation


class _BrokenJudge:
    def review(self, transcript: Transcript, scorecard: Scorecard) -> list[str]:
        raise TimeoutError("endpoint timed out")


class _NotesJudge:
    def review(self, transcript: Transcript, scorecard: Scorecard) -> list[str]:
        return [f"{len(scorecard.turns)} turns reviewed"]


def test_judge_notes_and_failure() -> None:
    t = _transcript([GOOD_ASK])
    assert score_transcript(t, _NotesJudge()).judge_notes == ["2 turns reviewed"]
    broken = score_transcript(t, _BrokenJudge())
    assert broken.judge.startswith("rules (LLM judge unavailable: endpoint timed out")
    assert broken.overall == score_transcript(t).overall


def test_tell_me_more_after_a_new_answer_is_not_a_repeat() -> None:
    from simulator.evaluation import score_transcript
    from simulator.transcript import Transcript, Turn

    def turns(second_context: str) -> Transcript:
        return Transcript(
            turns=[
                Turn(role="counterpart", text="Our costs went up a lot this year."),
                Turn(role="user", text="Can you tell me more about that?"),
                Turn(role="counterpart", text=second_context),
                Turn(role="user", text="Can you tell me more about that?"),
            ]
        )

    fresh = score_transcript(turns("And the late invoices are hurting my cash flow badly."))
    assert "repeated" not in fresh.turns[1].flags
    same = score_transcript(turns("Our costs went up a lot this year."))
    assert "repeated" in same.turns[1].flags


BARE_ASK = "Can you keep it at $4,200?"
RENT_LINE = Turn(role="counterpart", text="The rent goes to $4,600 in March; my costs went up.", move="open")


def _benefit_framed_anywhere(card: Scorecard, n: int) -> list[str]:
    """Every place the scorecard could call user turn n a benefit-framed ask."""
    dim = next(d for d in card.dimensions if d.key == "benefit_asks")
    turn = card.turns[n - 1]
    places = []
    if "benefit_ask" in turn.moves or turn.primary == "benefit_ask":
        places.append("turn moves")
    if "bare_ask" not in turn.flags:
        places.append("no bare-ask flag")
    if any(e.turn == n and e.note.startswith("benefit-framed") for e in dim.evidence):
        places.append("dimension evidence")
    if dim.score:
        places.append(f"dimension score {dim.score}")
    return places


def test_a_bare_ask_is_never_benefit_framed() -> None:
    """'Can you keep it at $4,200?' asks for a number and offers them nothing, with or without a live reading."""
    plain = score_transcript(Transcript(turns=[RENT_LINE, Turn(role="user", text=BARE_ASK)]))
    assert _benefit_framed_anywhere(plain, 1) == []
    assert "bare ask" in next(d for d in plain.dimensions if d.key == "benefit_asks").evidence[0].note
    assert plain.turns[0].suggestion and "what they gain" in plain.turns[0].suggestion

    # A reading made live is authoritative: its ask.benefit says no, so no stale label can say yes.
    stale = {
        "moves": ["closed_question", "benefit_ask"],
        "primary": "benefit_ask",
        "is_ask": True,
        "bare_ask": False,
        "evidence": {"benefit_ask": "can you keep … $4,200 … you keep"},
        "ask": {"concrete": True, "benefit": False, "terms": ["$4,200"], "addressed": []},
    }
    read = score_transcript(Transcript(turns=[RENT_LINE, Turn(role="user", text=BARE_ASK, reading=stale)]))
    assert _benefit_framed_anywhere(read, 1) == []


def test_a_bare_ask_read_live_is_not_benefit_framed_and_a_real_benefit_still_is() -> None:
    from pathlib import Path

    from simulator import ledger as L
    from simulator.personas import load_persona_file
    from simulator.reading import read_turn

    persona = load_persona_file(Path(__file__).resolve().parents[1] / "personas" / "landlord-renewal.yaml")
    history = [RENT_LINE.model_dump()]

    def card_for(text: str) -> Scorecard:
        reading = read_turn(persona, L.new_ledger(persona), text, history)
        return score_transcript(Transcript(turns=[RENT_LINE, Turn(role="user", text=text, reading=reading)]))

    assert _benefit_framed_anywhere(card_for(BARE_ASK), 1) == []
    framed = card_for(BARE_ASK + " You'd keep a tenant who has never once paid late.")
    assert "benefit_ask" in framed.turns[0].moves and "bare_ask" not in framed.turns[0].flags
