"""The scorecard's models: what the UI, the CLI and the exports render after a rehearsal, and the judge's seam.

Plain pydantic models with no rules behind them, so the dimension rules (dimensions.py) build them and the
scorecard (scorecard.py) assembles them without importing each other in a circle.
"""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel

from simulator.transcript import Transcript

from .deal_review import DealReview


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
    # When there is no rewrite: why (no weak turn, or nothing of theirs to build on).
    rewrite_note: str | None = None


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
    # With negotiable issues: the terms, value claimed and created, concessions.
    deal: DealReview | None = None


class Judge(Protocol):
    """A second opinion (the LLM judge) that adds notes to a rule-based scorecard."""

    def review(self, transcript: Transcript, scorecard: Scorecard) -> list[str]: ...
