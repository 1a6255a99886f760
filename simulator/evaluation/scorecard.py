"""The session scorecard: what the UI and CLI render after a rehearsal, and the function that builds it."""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel

from simulator.transcript import Transcript

from .deal_review import DealReview, review_deal


class Evidence(BaseModel):
    """A quote from a user turn backing a dimension score."""

    turn: int  # user-turn number from 1
    quote: str
    note: str


class Rewrite(BaseModel):
    """One concrete better phrasing of the weakest turn for a dimension."""

    turn: int
    original: str
    suggestion: str
    why: str


class DimensionScore(BaseModel):
    """One scored technique (0-100, or None when it cannot be judged)."""

    key: str
    title: str
    score: int | None
    explanation: str
    evidence: list[Evidence]
    rewrite: Rewrite | None
    rewrite_note: str | None = None  # when there is no rewrite: why (no weak turn, or nothing of theirs to build on)


class TurnReview(BaseModel):
    """How one user turn was read, what it is flagged for and what it won or cost."""

    turn: int
    text: str
    moves: list[str]
    primary: str
    window: str | None
    flags: list[str]
    effect: str
    suggestion: str | None


class ConcernReview(BaseModel):
    """How far the user got into one of the counterpart's concerns."""

    id: str
    title: str
    uncovered: bool
    layers_disclosed: int
    layers_total: int
    opened_by: str


class Scorecard(BaseModel):
    """The whole debrief."""

    overall: int
    dimensions: list[DimensionScore]
    turns: list[TurnReview]
    concerns: list[ConcernReview]
    outcome: str | None
    judge: str
    judge_notes: list[str]
    deal: DealReview | None = None  # with negotiable issues: the terms, value claimed and created, concessions


class Judge(Protocol):
    """A second opinion (the LLM judge) that adds notes to a rule-based scorecard."""

    def review(self, transcript: Transcript, scorecard: Scorecard) -> list[str]: ...


_TIPS = {
    "bare_ask": 'Say what they gain: "I\'m asking for X, which helps with Y you mentioned."',
    "premature_solution": 'Ask about their concerns before proposing: "What concerns you about this?"',
    "pressure": 'Drop the ultimatum; explore instead: "What would make this work for you?"',
    "stacked_closed": 'Open it up: "Tell me about ..." instead of another yes/no question.',
    "unfaithful_summary": "Restate only what they said, in their words, with no new numbers or claims.",
    "repeated": "Repeating a line earns nothing; ask or summarise something new.",
}


def score_transcript(transcript: Transcript, judge: Judge | None = None) -> Scorecard:
    """Score a rehearsal with the rules (deterministic); a judge, if given, only adds notes."""
    from .dimensions import score_dimensions  # keeps the models importable without the rule modules
    from .recount import recount
    from .review import review_turns

    # The turns are the record: concern counters, outcome and agreed terms are worked out again from them.
    transcript = recount(transcript)
    facts = review_turns(transcript)
    dimensions = score_dimensions(transcript, facts)
    scored = [d.score for d in dimensions if d.score is not None]
    overall = round(sum(scored) / len(scored)) if scored else 0
    turns = [
        TurnReview(
            turn=f.n,
            text=f.text,
            moves=list(f.label.moves),
            primary=f.label.primary,
            window=f.label.window,
            flags=f.flags,
            effect=f.effect,
            suggestion=next((_TIPS[flag] for flag in f.flags if flag in _TIPS), None),
        )
        for f in facts
    ]
    concerns = [
        ConcernReview(
            id=c.id,
            title=c.title,
            uncovered=c.layers_disclosed > 0,
            layers_disclosed=c.layers_disclosed,
            layers_total=c.layers_total,
            opened_by=c.opened_by,
        )
        for c in transcript.concerns
    ]
    card = Scorecard(
        overall=overall,
        dimensions=dimensions,
        turns=turns,
        concerns=concerns,
        outcome=transcript.outcome,
        judge="rules",
        judge_notes=[],
        deal=review_deal(transcript),
    )
    if judge is not None:
        try:
            notes = [str(n) for n in judge.review(transcript, card)]
            card = card.model_copy(update={"judge": "rules + LLM judge", "judge_notes": notes})
        except Exception as exc:  # the judge is optional: any failure leaves the rule-based card intact
            reason = (str(exc).splitlines() or [type(exc).__name__])[0][:80] or type(exc).__name__
            card = card.model_copy(update={"judge": f"rules (LLM judge unavailable: {reason})"})
    return card
