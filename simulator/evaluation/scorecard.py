"""The session scorecard: the function that builds it from a transcript (its models: scorecard_models.py)."""

from __future__ import annotations

from simulator.transcript import Transcript

from .deal_review import review_deal
from .dimensions import score_dimensions
from .recount import recount
from .review import review_turns
from .scorecard_models import ConcernReview, Judge, Scorecard, TurnReview

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
