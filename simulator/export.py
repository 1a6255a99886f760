"""A session as Markdown (for people) or JSON (for `parley score` and other programs)."""

from __future__ import annotations

import json
import re
from typing import Any

from simulator.transcript import MIRROR_QUESTIONS, Transcript
from simulator.vocabulary import move_name


def transcript_json(transcript: Transcript, scorecard: dict[str, Any] | None = None) -> str:
    """JSON that `parley score` reads back (the scorecard rides along under its own key)."""
    data = transcript.model_dump(mode="json")
    if scorecard is not None:
        data["scorecard"] = scorecard
    return json.dumps(data, indent=2, ensure_ascii=False)


# Markdown and HTML control characters in user, persona and model text. `!` and `&` too, so neither an image
# (`![..](..)`) nor an entity (`&lt;`, `&#60;`) survives; `(`, `)`, `$` and `.` stay readable.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|!&~@{}])")
# GFM turns bare `scheme://` and `www.` text into links; breaking the `://` and the `www.` keeps them as text.
_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9+.-]):(?=//)|(?<=\bwww)\.")
# At the start of a line these make lists, setext headings or thematic breaks.
_LINE_START = re.compile(r"(?m)^([ \t]*)([-+=]|\d+(?=[.)]))")


def _escape(text: object) -> str:
    """`text` as literal Markdown: HTML tags, links, images, autolinks, headings, tables and code become text."""
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text).replace("\r\n", "\n").replace("\r", "\n"))
    escaped = _AUTOLINK.sub(lambda m: "\\" + m.group(0), escaped)
    return _LINE_START.sub(_line_start, escaped)


def _line_start(m: re.Match[str]) -> str:
    lead, mark = m.groups()
    return f"{lead}{mark}\\" if mark.isdigit() else f"{lead}\\{mark}"  # `1\.` / `\-`


def _quote(text: object) -> str:
    # User text is data: escape Markdown so a turn cannot inject headings, links, images or HTML into the export.
    return _escape(text).replace("\n", "  \n> ")


def _one_line(text: object) -> str:
    """Escaped text on one line (headings, bold labels and table cells)."""
    return " ".join(_escape(text).split())


def transcript_markdown(
    transcript: Transcript,
    scorecard: dict[str, Any] | None = None,
    assessments: list[dict[str, Any]] | None = None,
) -> str:
    """A readable transcript with each user turn's moves and the scorecard."""
    who = transcript.persona_name or transcript.persona_id
    lines = [f"# Rehearsal with {_one_line(who) if who else 'a counterpart'}", ""]
    meta = [
        f"difficulty: {_one_line(transcript.difficulty)}" if transcript.difficulty else "",
        f"outcome: {_one_line(transcript.outcome)}" if transcript.outcome else "",
        f"session: {_one_line(transcript.session_id)}" if transcript.session_id else "",
    ]
    lines += [" · ".join(m for m in meta if m), ""]
    if transcript.prep and not transcript.prep.is_empty():
        lines += ["## My preparation", ""]
        for key, question, _ in MIRROR_QUESTIONS:
            value = getattr(transcript.prep, key)
            if value.strip():
                lines.append(f"- **{question}** {_quote(value)}")
        lines.append("")
    lines += ["## Conversation", ""]
    user_n = 0
    for turn in transcript.turns:
        if turn.role == "user":
            user_n += 1
            moves = ""
            if assessments and user_n <= len(assessments):
                found = assessments[user_n - 1].get("moves") or ["other"]
                moves = " — *" + ", ".join(_one_line(move_name(str(m))) for m in found) + "*"
            lines += [f"**You (turn {user_n}){moves}:**", "", "> " + _quote(turn.text), ""]
        else:
            name = _one_line(transcript.persona_name) if transcript.persona_name else "Counterpart"
            lines += [f"**{name}:** {_quote(turn.text)}", ""]
    lines += _deal_markdown(transcript, scorecard)
    if scorecard:
        lines += ["## Scorecard", "", f"Overall: **{_one_line(scorecard.get('overall'))}** / 100", ""]
        lines += ["| dimension | score | how it was reached |", "|---|---|---|"]
        for dim in scorecard.get("dimensions", []):
            score = "n/a" if dim.get("score") is None else _one_line(dim["score"])
            lines.append(
                f"| {_one_line(dim.get('title', dim.get('key')))} | {score} | "
                f"{_one_line(dim.get('explanation', ''))} |"
            )
        lines.append("")
        for dim in scorecard.get("dimensions", []):
            rewrite = dim.get("rewrite")
            if rewrite:
                lines += [
                    f"- **{_one_line(dim.get('title'))}** — turn {_one_line(rewrite['turn'])}: instead of “{_quote(rewrite['original'])}”, "
                    f"try “{_quote(rewrite['suggestion'])}” ({_quote(rewrite['why'])})"
                ]
        lines.append("")
    return "\n".join(lines)


def _deal_markdown(transcript: Transcript, scorecard: dict[str, Any] | None) -> list[str]:
    """The Deal section: the scorecard's (what the user saw), else worked out from a finished transcript."""
    from simulator.evaluation.deal_review import DealReview, review_deal

    raw = (scorecard or {}).get("deal")
    if raw:
        deal: DealReview | None = DealReview.model_validate(raw)
    elif transcript.outcome and transcript.issues:
        deal = review_deal(transcript)
    else:
        deal = None
    if deal is None:
        return []
    lines = ["## Deal", "", _quote(deal.headline), ""]
    if deal.agreed:
        lines.append(
            f"- **Value claimed:** {deal.value_claimed}% for you, {deal.counterpart_value}% for "
            f"{_one_line(deal.counterpart)}"
        )
        if deal.value_created is not None:
            lines.append(
                f"- **Value created:** {deal.value_created}% of the most the two of you could have got"
            )
        lines.append("")
    elif deal.last_proposal_note:
        lines += [_quote(deal.last_proposal_note), ""]
    column = "agreed" if deal.agreed else "last proposal"
    lines += [f"| term | {column} | your target | your limit | verdict |", "|---|---|---|---|---|"]
    for t in deal.terms:
        lines.append(
            f"| {_one_line(t.issue)} | {_one_line(t.value)} | {_one_line(t.target)} | {_one_line(t.limit)} | "
            f"{_one_line(t.verdict)} |"
        )
    lines.append("")
    lines += [f"- **Warning:** {_quote(w)}" for w in deal.warnings]
    note = deal.left_on_table_note if deal.agreed else deal.within_reach_note
    if note:
        lines += [_quote(note), ""]
    lines += ["### Concessions", "", _quote(deal.concessions_note), ""]
    lines += [f"{n}. {_quote(m.text)}" for n, m in enumerate(deal.concessions, start=1)]
    lines.append("")
    return lines
