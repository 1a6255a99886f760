"""How moves look in the app (names, badge colours); the coaching words live in simulator.evaluation."""

from __future__ import annotations

from typing import Any

import streamlit as st

from simulator.evaluation.coaching import WINDOW_NAMES
from ui.safe import md_text

MOVE_STYLE: dict[str, tuple[str, str]] = {
    "open_question": ("open question", "green"),
    "closed_question": ("closed question", "orange"),
    "summary": ("summary", "blue"),
    "benefit_ask": ("benefit-framed ask", "violet"),
    "bare_ask": ("bare ask", "red"),
    "pressure": ("pressure", "red"),
    "other": ("statement", "gray"),
    # flags from the scorecard's per-turn review
    "tell_me_more": ("“tell me more”", "green"),
    "premature_solution": ("solution too early", "red"),
    "stacked_closed": ("stacked closed questions", "orange"),
    "unfaithful_summary": ("summary adds what they didn't say", "red"),
    "repeated": ("repeated line", "gray"),
}
OUTCOMES = {
    "agreement": ("Agreement", "green"),
    "no_agreement": ("No agreement yet", "orange"),
    "walked_away": ("They walked away", "red"),
    None: ("In progress", "gray"),
}


def move_labels(assessment: dict[str, Any]) -> list[str]:
    """The move keys to show for one user turn (moves plus bare ask / pressure flags)."""
    labels = list(assessment.get("moves") or [])
    if assessment.get("bare_ask"):
        labels.append("bare_ask")
    if assessment.get("pressure"):
        labels.append("pressure")
    return labels or ["other"]


def show_badges(labels: list[str], window: str | None = None) -> None:
    """One coloured badge per move, in a row."""
    row = st.container(horizontal=True, gap="small")
    with row:
        for key in labels:
            name, colour = MOVE_STYLE.get(key, (md_text(str(key).replace("_", " ")), "gray"))
            st.badge(name, color=colour)  # type: ignore[arg-type]
        if window in WINDOW_NAMES:
            st.badge(f"window: {WINDOW_NAMES[window]}", color="gray", icon=":material/window:")
