"""Rehearsal modes, named once: practice coaches after each turn, assessment stays silent until the scorecard."""

from __future__ import annotations

from typing import Literal

Mode = Literal["practice", "assessment"]
MODES: tuple[Mode, ...] = ("practice", "assessment")
DEFAULT_MODE: Mode = "practice"
MODE_LABELS: dict[str, str] = {
    "practice": "Practice (live coaching)",
    "assessment": "Assessment (no help until the end)",
}


def session_mode(stored: str | None) -> str:
    """A session's mode as stored, or the default for a session saved before modes were (its mode is None)."""
    return stored or DEFAULT_MODE


def coaches(stored: str | None) -> bool:
    """Whether a session in this mode gets a coaching note after each turn."""
    return session_mode(stored) == "practice"
