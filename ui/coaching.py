"""How moves look (names, badge colours) and the one-line live coaching after a practice turn."""

from __future__ import annotations

from typing import Any

import streamlit as st

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
WINDOW_NAMES = {
    "tell_me_about": "“Tell me about …”",
    "needs": "“What do you need?”",
    "concerns": "“What are your concerns?”",
    "past": "“What has worked before?”",
    "first_step": "“What's the first step?”",
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
            name, colour = MOVE_STYLE.get(key, (key.replace("_", " "), "gray"))
            st.badge(name, color=colour)  # type: ignore[arg-type]
        if window in WINDOW_NAMES:
            st.badge(f"window: {WINDOW_NAMES[window]}", color="gray", icon=":material/window:")


def suggestion(assessment: dict[str, Any]) -> str:
    """One suggestion for the next turn, in the method's words."""
    if assessment.get("pressure"):
        return "Pressure makes them guarded. Ask what worries them instead: “What are your concerns?”"
    if assessment.get("premature"):
        return "That is a solution before you know their concerns. Open a window first: “Tell me about …”"
    if assessment.get("bare_ask"):
        return "Make it a benefit-framed ask: say what, how much and when, and how it answers a concern they raised."
    ask = assessment.get("ask") or {}
    if "benefit_ask" in (assessment.get("moves") or []) and not ask.get("addressed"):
        return "Tie the ask to a concern they actually raised, in their words."
    summary = assessment.get("summary") or {}
    if summary and not summary.get("faithful", True):
        return "Keep the summary to what they actually said; a new argument in a summary makes them correct you."
    primary = assessment.get("primary")
    if primary == "closed_question":
        return "A closed question gets a short answer. Try “Tell me about …” or “Can you tell me more about that?”"
    if primary == "open_question":
        return "Good window. When they answer, offer a summary: “So what I'm hearing is …”"
    if primary == "summary":
        return "They feel heard. Follow with “Can you tell me more about that?” or “What do you need?”"
    if primary == "benefit_ask":
        return "A benefit-framed ask. If they hesitate, ask what is still open for them."
    return "Ask an open question to learn what they need: “What's important to you here?”"
