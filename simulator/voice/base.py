"""The voice seam: the policy decides what is said; a Voice decides only how it is phrased."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from simulator.personas import Persona

TokenCallback = Callable[[str], None]


@dataclass(frozen=True)
class VoiceRequest:
    """Everything a voice may use to phrase one counterpart turn."""

    persona: Persona
    difficulty: str
    move: str  # one of personas.COUNTERPART_MOVES
    content: str  # the ledger content released this turn ("" when the move carries none)
    authored: str  # the authored line the policy picked: the default text and the fallback
    history: tuple[tuple[str, str], ...]  # ((role, text), ...) so far, role "user" | "counterpart"
    withheld: tuple[str, ...] = ()  # ledger texts not yet released: must not leak
    released: tuple[str, ...] = ()  # ledger texts released so far (facts the voice may repeat)
    before: tuple[tuple[str, str], ...] = ()  # segments said before the main move: ((move, content), ...)
    after: tuple[
        tuple[str, str], ...
    ] = ()  # segments said after it ("Deal." then the fact asked), same shape
    terms: dict[str, float] = field(
        default_factory=dict
    )  # the terms the line proposes or agrees (numbers to state)


@dataclass(frozen=True)
class VoiceReply:
    """The phrased line, where it came from, and why it fell back if it did."""

    text: str
    source: str  # "authored" or "llm:<model>"
    fallback_reason: str | None = None
    timings: dict[str, float] = field(default_factory=dict)  # e.g. {"first_token_s": .., "total_s": ..}


class Voice(Protocol):
    """Phrases a counterpart move. Implementations never raise: they fall back to request.authored."""

    name: str

    def say(self, request: VoiceRequest, on_token: TokenCallback | None = None) -> VoiceReply: ...
