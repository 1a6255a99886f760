"""What a front end shows of a session, shaped from the graph's state: the result of one turn, and the whole session."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from simulator.graph import concern_progress
from simulator.personas import Persona
from simulator.store import SessionRow


@dataclass
class TurnResult:
    """What a front end shows after a turn: the counterpart's line and what the user's turn did."""

    session_id: str
    text: str
    move: str
    user_turn: int
    user_moves: list[str] = field(default_factory=list)
    assessment: dict[str, Any] = field(default_factory=dict)
    disclosed: list[str] = field(default_factory=list)
    disclosures: list[dict[str, Any]] = field(default_factory=list)  # what this counterpart line disclosed
    meter: dict[str, int] = field(default_factory=dict)
    outcome: str | None = None
    ended: bool = False
    source: str = "authored"
    note: str | None = None  # why an LLM voice fell back, in plain words
    notice: str | None = None  # e.g. "your message was truncated"
    scorecard: dict[str, Any] | None = None
    terms: dict[str, float] | None = None  # the terms this counterpart line proposes or agrees
    agreed: dict[str, float] | None = None  # the deal, once there is one

    @classmethod
    def from_state(
        cls, session_id: str, persona: Persona, values: dict[str, Any], notice: str | None = None
    ) -> TurnResult:
        """The latest counterpart line of a session's state, with the user turn before it."""
        last: dict[str, Any] = next(
            (t for t in reversed(values.get("turns", [])) if t["role"] == "counterpart"),
            {"text": "", "move": ""},
        )
        assessments = values.get("assessments", [])
        assessment = assessments[-1] if assessments else {}
        meter, disclosed = concern_progress(persona, values)
        return cls(
            session_id=session_id,
            text=last["text"],
            move=last.get("move") or "",
            user_turn=len(assessments),
            user_moves=list(assessment.get("moves", [])),
            assessment=assessment,
            disclosed=list(disclosed),
            disclosures=list(last.get("disclosures", [])),
            meter=dict(meter),
            outcome=values.get("outcome"),
            ended=bool(values.get("ended")),
            source=last.get("source", "authored"),
            note=last.get("note"),
            notice=notice,
            scorecard=values.get("scorecard"),
            terms=last.get("terms"),
            agreed=(values.get("ledger") or {}).get("agreed"),
        )


@dataclass
class SessionView:
    """A whole session for display: turns, meter, outcome, scorecard and branches."""

    row: SessionRow
    persona: Persona
    turns: list[dict[str, Any]]
    assessments: list[dict[str, Any]]
    meter: dict[str, int]
    disclosed: list[str]
    outcome: str | None
    ended: bool
    scorecard: dict[str, Any] | None
    branches: list[SessionRow]

    @classmethod
    def from_state(
        cls, row: SessionRow, persona: Persona, values: dict[str, Any], branches: list[SessionRow]
    ) -> SessionView:
        """A session's index row, persona, state and branches, as Review and History show them."""
        meter, disclosed = concern_progress(persona, values)
        return cls(
            row=row,
            persona=persona,
            turns=list(values.get("turns", [])),
            assessments=list(values.get("assessments", [])),
            meter=dict(meter),
            disclosed=list(disclosed),
            outcome=values.get("outcome"),
            ended=bool(values.get("ended")),
            scorecard=values.get("scorecard"),
            branches=branches,
        )
