"""The words a person reads for the user's moves and the counterpart's effects, one table for every front end (the
app, the CLI, the exports). These are the words the app shows. Stored data keeps its keys ("other",
"concerns_disclosed", "disclosures"), so every session and export saved before still loads unchanged: only what is
shown is named here."""

from __future__ import annotations

MOVE_NAMES: dict[str, str] = {
    "open_question": "open question",
    "closed_question": "closed question",
    "summary": "summary",
    "benefit_ask": "benefit-framed ask",
    "bare_ask": "bare ask",
    "pressure": "pressure",
    "other": "statement",  # a turn that made none of the method's moves
}
FLAG_NAMES: dict[str, str] = {  # the scorecard's per-turn review
    "tell_me_more": "“tell me more”",
    "premature_solution": "solution too early",
    "stacked_closed": "stacked closed questions",
    "unfaithful_summary": "summary adds what they didn't say",
    "repeated": "repeated line",
}
# A concern the counterpart has told the user about (stored as "disclosed"): the user has uncovered it.
UNCOVERED = "uncovered"


def move_name(key: str) -> str:
    """How a move (or a per-turn flag) is named to a person; an unknown key in plain words."""
    return MOVE_NAMES.get(key) or FLAG_NAMES.get(key) or key.replace("_", " ")


def moves_in_words(keys: list[str]) -> str:
    """'an open question and a summary' for a turn's moves; 'a statement' for a turn with none."""
    named = [move_name(k) for k in keys] or [move_name("other")]
    return " and ".join(("an " if n[0] in "aeiou" else "a ") + n for n in named)


def concerns_uncovered(done: int, total: int) -> str:
    """'2 of 5 concerns uncovered'."""
    return f"{done} of {total} concerns {UNCOVERED}"
