"""Live coaching: one suggestion for the next turn, in the method's words, from a turn's assessment."""

from __future__ import annotations

from typing import Any

# How the window questions read to a user (METHOD.md's wording), not their ids.
WINDOW_NAMES = {
    "tell_me_about": "“Tell me about …”",
    "concerns": "“What are your concerns?”",
    "needs": "“What do you need?”",
    "past": "“What has worked before?”",
    "first_step": "“What's the first step?”",
}


def coach_turn(assessment: dict[str, Any]) -> str:
    """One suggestion for the next turn, in the method's words."""
    acts = assessment.get("acts") or []
    parts = assessment.get("parts") or []
    if "insult" in acts:
        return (
            "Rudeness costs you their trust. Try curiosity instead: “Help me understand what's behind that.”"
        )
    if any(p.get("repeat") for p in parts):
        return "You asked that already, so they only repeat themselves. Ask about something new, or “What else concerns you?”"
    if "foreign" in acts or "unclear" in acts:
        return "They could not follow that. Say it plainly in English, one thing at a time."
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
        return (
            "Keep the summary to what they actually said; a new argument in a summary makes them correct you."
        )
    if "accept" in acts:
        return "You accepted their terms. Before you close, check the deal answers your own problem and your limits."
    primary = assessment.get("primary")
    if primary == "other" and "fact_question" in acts:
        return "A factual question gets a fact. To learn their side, open a window: “What's important to you here?”"
    if primary == "other" and acts and set(acts) <= {"small_talk", "thanks"}:
        return "Warm-up is fine. Now open a window: “Tell me about how this year has gone for you.”"
    if primary == "closed_question":
        return "A closed question gets a short answer. Try “Tell me about …” or “Can you tell me more about that?”"
    if primary == "open_question":
        return "Good window. When they answer, offer a summary: “So what I'm hearing is …”"
    if primary == "summary":
        return "They feel heard. Follow with “Can you tell me more about that?” or “What do you need?”"
    if primary == "benefit_ask":
        return "A benefit-framed ask. If they hesitate, ask what is still open for them."
    return "Ask an open question to learn what they need: “What's important to you here?”"
