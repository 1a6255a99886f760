"""The transcript of a rehearsal as plain, validated data: what `parley export` writes and `parley score` reads."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from simulator.personas import Issue

Role = Literal["user", "counterpart"]


class Disclosure(BaseModel):
    """One piece of the counterpart's ledger said aloud in a turn."""

    item_id: str  # a concern id, or "need:<id>", "past:<n>", "first_step", "goal"
    layer: int = 0  # 0 = surface line of a concern, 1.. = deeper layers
    text: str = ""


class Turn(BaseModel):
    """One line of the conversation."""

    role: Role
    text: str
    move: str | None = None  # the counterpart's move (open, reveal, agree, ...)
    disclosures: list[Disclosure] = Field(default_factory=list)  # counterpart turns only
    note: str | None = None  # e.g. "voice fell back to authored line: timeout"
    terms: dict[str, float] | None = None  # the terms this turn offers (either side), by issue id
    reading: dict[str, Any] | None = None  # user turns: the one reading made live (parts, acts, checks)


class ConcernInfo(BaseModel):
    """A concern the counterpart holds, and how much of it the user uncovered."""

    id: str
    title: str
    keywords: list[str] = Field(default_factory=list)
    addressed_by: list[str] = Field(default_factory=list)
    key: bool = True
    layers_total: int = 1  # surface + deeper layers
    layers_disclosed: int = 0
    opened_by: str = ""  # a question that would have opened it (for the debrief)

    @property
    def disclosed(self) -> bool:
        """The counterpart has stated this concern at least at its surface."""
        return self.layers_disclosed > 0


# The mirror questions (METHOD.md section 2) with a hint for each; Prep's fields are their keys.
MIRROR_QUESTIONS: tuple[tuple[str, str, str], ...] = (
    (
        "problem",
        "What is the problem I am trying to solve?",
        "Not the solution you want: the problem behind it. The same goal can hide very different problems.",
    ),
    (
        "needs",
        "What do I need?",
        "The needs behind your goal: money, time, certainty, respect, a next step …",
    ),
    (
        "feelings",
        "What do I feel?",
        "The good, the bad and the ugly. Name fear and guilt: what you don't acknowledge comes back mid-conversation.",
    ),
    (
        "past",
        "How have I handled something like this before?",
        "A past success is data: which strategy worked then, and can you reuse it?",
    ),
    ("first_step", "What is my first step?", "The first thing you will say or ask."),
)


class Prep(BaseModel):
    """The user's answers to the mirror questions, captured before rehearsing."""

    problem: str = ""
    needs: str = ""
    feelings: str = ""
    past: str = ""
    first_step: str = ""

    def is_empty(self) -> bool:
        return not any(v.strip() for v in self.model_dump().values())


class Transcript(BaseModel):
    """A whole rehearsal. Only `turns` is required; the rest enriches the scorecard."""

    session_id: str | None = None
    persona_id: str | None = None
    persona_name: str | None = None
    difficulty: str | None = None
    prep: Prep | None = None
    turns: list[Turn]
    concerns: list[ConcernInfo] = Field(default_factory=list)
    outcome: str | None = None  # agreement | no_agreement | walked_away | None (in progress)
    agreed: dict[str, float] | None = None  # the agreed terms by issue id, when there is a deal
    # The persona's negotiable terms, so a transcript file alone is enough to review the deal (older files: none).
    issues: list[Issue] = Field(default_factory=list)
