"""How moves look in the app (badge colours); their names live in simulator.vocabulary, the coaching words in
simulator.evaluation."""

from __future__ import annotations

from typing import Any

import streamlit as st

from simulator.evaluation.coaching import WINDOW_NAMES
from simulator.vocabulary import move_name
from ui.safe import md_text

MOVE_COLOURS: dict[str, str] = {
    "open_question": "green",
    "closed_question": "orange",
    "summary": "blue",
    "benefit_ask": "violet",
    "bare_ask": "red",
    "pressure": "red",
    "other": "gray",
    # flags from the scorecard's per-turn review
    "tell_me_more": "green",
    "premature_solution": "red",
    "stacked_closed": "orange",
    "unfaithful_summary": "red",
    "repeated": "gray",
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
            name = move_name(str(key))  # an unknown key is shown as text, never as Markdown
            st.badge(name if key in MOVE_COLOURS else md_text(name), color=MOVE_COLOURS.get(key, "gray"))  # type: ignore[arg-type]
        if window in WINDOW_NAMES:
            st.badge(f"window: {WINDOW_NAMES[window]}", color="gray", icon=":material/window:")
