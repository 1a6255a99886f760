"""What a transcript's turns show, whatever its stored counters claim: concern layers, outcome and deal.

A transcript file carries summary fields (each concern's `layers_disclosed`, `outcome`, `agreed`) next to the turns
they summarise. A scorecard must come from the turns alone, so an edited file (or an old one whose counters drifted)
scores the same as the conversation it records: these fields are worked out again from the turns before scoring.
"""

from __future__ import annotations

from simulator.transcript import ConcernInfo, Transcript, Turn

WALK_AWAY_MOVES = ("walk_away",)


def layers_from_turns(transcript: Transcript) -> dict[str, int]:
    """Concern id -> how many layers the counterpart actually said aloud (surface = 1)."""
    depth: dict[str, int] = {}
    for turn in transcript.turns:
        if turn.role != "counterpart":
            continue
        for d in turn.disclosures:
            depth[d.item_id] = max(depth.get(d.item_id, 0), d.layer + 1)
    return depth


def _agreement_turn(turns: list[Turn]) -> Turn | None:
    return next((t for t in reversed(turns) if t.role == "counterpart" and t.move == "agree"), None)


def outcome_from_turns(transcript: Transcript) -> str | None:
    """agreement / walked_away when a counterpart turn shows it; otherwise no deal (or None while in progress)."""
    if _agreement_turn(transcript.turns) is not None:
        return "agreement"
    if any(t.role == "counterpart" and (t.move or "").startswith(WALK_AWAY_MOVES) for t in transcript.turns):
        return "walked_away"
    return "no_agreement" if transcript.outcome else None


def recount(transcript: Transcript) -> Transcript:
    """A copy of `transcript` whose counters, outcome and agreed terms are the ones its turns show."""
    depth = layers_from_turns(transcript)
    concerns = [
        ConcernInfo(**{**c.model_dump(), "layers_disclosed": min(c.layers_total, depth.get(c.id, 0))})
        for c in transcript.concerns
    ]
    agreement = _agreement_turn(transcript.turns)
    # The agreeing line's own terms are the deal; an older file whose agreeing line carries none keeps its record.
    agreed = (
        (dict(agreement.terms) if agreement.terms else transcript.agreed) if agreement is not None else None
    )
    return transcript.model_copy(
        update={"concerns": concerns, "outcome": outcome_from_turns(transcript), "agreed": agreed}
    )
