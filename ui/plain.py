"""Plain words for Review and History: what each turn won or cost, the debrief headline, readable session names.

Everything here reads what the session already holds (the counterpart's turns and the scorecard); nothing shows an
internal id or a move name to the user.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd

from simulator.personas import Persona
from simulator.store import SessionRow
from ui.safe import snippet

# What the counterpart's move tells the user about the turn before it, in plain words ({name} is the counterpart).
MOVE_WORDS: dict[str, str] = {
    "open": "{name} opened the conversation",
    "deflect_closed": "{name} gave a short answer and said little (a closed question)",
    "push_back_bare_ask": "{name} pushed back: the ask had nothing in it for them",
    "push_back_premature": "{name} pushed back: a solution came before the problem was clear",
    "push_back_pressure": "{name} pushed back against the pressure",
    "warm_up": "{name} warmed up after hearing their own words played back",
    "feel_heard": "{name} warmed up after hearing how it feels for them named",
    "correct_summary": "{name} corrected the summary: it added something they had not said",
    "consider": "{name} is considering it, but some of their concerns are still open",
    "counter": "{name} made a counter-offer",
    "agree": "{name} said yes",
    "walk_away": "{name} walked away",
    "off_topic": "{name} did not follow: it seemed off the subject",
    "nothing_more": "{name} had nothing more to add on that",
    "time_up": "time ran out before an agreement",
    "answer_fact": "{name} answered the question",
    "decline_fact": "{name} kept that to themselves",
    "not_yet": "{name} was not ready to say more yet",
    "recap": "{name} repeated what they had already said",
    "small_talk": "{name} chatted briefly, then went back to business",
    "acknowledge": "{name} acknowledged it and moved on",
    "react_insult": "{name} took offence",
    "other_language": "{name} asked to continue in English",
    "clarify": "{name} did not understand and asked what you meant",
    "ack_summary": "{name} acknowledged the summary",
    "ack_feeling": "{name} took it that you saw how it feels for them",
    "take_time": "{name} gave you time to think it over",
}
LAYER_WORDS = ("", " (a deeper layer)", " (the deepest layer)")
USER_NAME = "You"


def first_name(persona: Persona) -> str:
    """How the debrief refers to the counterpart: their first name."""
    return (persona.name or "They").split()[0]


def reply_effect(reply: dict[str, Any] | None, persona: Persona) -> str:
    """What the counterpart's reply shows the user's turn won or cost, in plain words."""
    name = first_name(persona)
    if not reply:
        return "No reply yet."
    concerns = {c.id: c.title for c in persona.concerns}
    won: list[str] = []
    for item in reply.get("disclosures") or []:
        item_id = str(item.get("item_id", ""))
        layer = int(item.get("layer") or 0)
        if item_id in concerns:
            won.append(f"told you about a concern: “{concerns[item_id]}”{LAYER_WORDS[min(layer, 2)]}")
        elif item_id.startswith("need:"):
            won.append("told you something they need")
        elif item_id.startswith("past:"):
            won.append("shared what happened before")
        elif item_id == "first_step":
            won.append("named a first step")
        elif item_id == "goal":
            won.append("told you their goal")
        else:
            won.append("told you something new")
    if won:
        return f"{name} " + "; ".join(dict.fromkeys(won)) + "."
    move = str(reply.get("move") or "")
    words = MOVE_WORDS.get(move)
    if words:
        return words.format(name=name)[0].upper() + words.format(name=name)[1:] + "."
    return f"{name} replied without saying anything new."


def replies_by_user_turn(turns: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """The counterpart's reply to each user turn (numbered from 1)."""
    out: dict[int, dict[str, Any]] = {}
    n = 0
    for turn in turns:
        if turn.get("role") == "user":
            n += 1
        elif n and n not in out:
            out[n] = turn
    return out


def fallback_notice(turns: list[dict[str, Any]], persona_name: str) -> str | None:
    """One notice for the whole session when the model did not answer, with the latest reason; else None."""
    mine = [t for t in turns if t.get("role") != "user"]
    notes = [t["note"] for t in mine if t.get("note")]
    if not notes:
        return None
    return (
        f"The language model did not answer for {len(notes)} of {len(mine)} lines (latest reason: {notes[-1]}), "
        f"so {persona_name} used their written lines there. The rehearsal carries on as normal."
    )


def headline(scorecard: dict[str, Any] | None) -> dict[str, Any] | None:
    """The debrief in three lines, from the scorecard: what went well, the one thing to practise next, and an
    example from this session with a better version (when the scorecard has one)."""
    dims = [d for d in (scorecard or {}).get("dimensions") or [] if isinstance(d.get("score"), int | float)]
    if not dims:
        return None
    best = max(dims, key=lambda d: d["score"])
    with_rewrite = [d for d in dims if d.get("rewrite") and d is not best]
    practise = min(with_rewrite or [d for d in dims if d is not best] or dims, key=lambda d: d["score"])
    well = best if best["score"] > 0 else None
    return {
        "went_well": None
        if well is None
        else f"{well.get('title')}: {well.get('explanation') or ''}".strip(),
        "practise": practise.get("title") or practise.get("key"),
        "practise_why": practise.get("explanation") or "",
        "rewrite": practise.get("rewrite"),
    }


def when(timestamp: float) -> str:
    """A date people read: 2 Dec 2026, 14:05."""
    return datetime.fromtimestamp(timestamp).strftime("%-d %b %Y, %H:%M")


def session_name(row: SessionRow, first_turn_text: str | None = None) -> str:
    """A readable name for a session or branch: persona, date, and where a branch differs from its parent."""
    name = f"{row.persona_name} · {row.difficulty} · {when(row.created_at)}"
    if row.parent_id:
        differs = f": “{snippet(first_turn_text, 40)}”" if first_turn_text else ""
        name += f" · branch from turn {row.branch_from_turn}{differs}"
    return name


def root_of(row: SessionRow, rows: dict[str, SessionRow]) -> SessionRow:
    """The first session a branch (or a branch of a branch) was made from."""
    seen: set[str] = set()
    while row.parent_id and row.parent_id in rows and row.id not in seen:
        seen.add(row.id)
        row = rows[row.parent_id]
    return row


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The table as CSV; a cell a spreadsheet would run as a formula (=, +, -, @) is prefixed with a quote."""
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(
                lambda v: "'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r") else v
            )
    return safe.to_csv(index=False).encode("utf-8")
