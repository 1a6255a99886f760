"""The `parley label` and `parley score` commands: JSON Lines in, labels out; a transcript in, a scorecard out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from simulator.transcript import Transcript

from .deal_review import DealReview
from .labels import label_records
from .scorecard import Scorecard, score_transcript


def run_label(source: str, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    """Label each JSON line of `source` ('-' or empty = stdin); bad lines are reported and skipped (exit 1)."""
    try:
        handle = stdin if source in ("", "-", None) else open(source, encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        print(f"parley label: cannot read {source}: {exc.strerror}", file=stderr)
        return 2
    failed = 0
    with handle if handle is not stdin else _NoClose(stdin) as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                    raise ValueError('expected an object with a string "text"')
                if not isinstance(record.get("context", ""), str | None):
                    raise ValueError('"context" must be a string')
            except ValueError as exc:  # json.JSONDecodeError is a ValueError
                failed += 1
                print(f"parley label: line {number}: {exc}", file=stderr)
                continue
            (labelled,) = label_records([record])
            stdout.write(json.dumps(labelled, ensure_ascii=False) + "\n")
    return 1 if failed else 0


class _NoClose:
    """Use stdin in a with-block without closing it."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def __enter__(self) -> TextIO:
        return self.stream

    def __exit__(self, *exc: object) -> None:
        return None


def run_score(path: str, as_json: bool, stdout: TextIO, stderr: TextIO) -> int:
    """Print the scorecard of a transcript file; any unreadable or invalid file is one clear line and exit 2."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        print(f"parley score: cannot read {path}: {exc.strerror or exc}", file=stderr)
        return 2
    except UnicodeDecodeError:
        print(f"parley score: {path} is not UTF-8 text", file=stderr)
        return 2
    try:
        transcript = Transcript.model_validate_json(raw)
    except ValidationError as exc:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": str(exc)}
        where = ".".join(str(p) for p in first.get("loc", ())) or "file"
        kind = "invalid JSON" if first.get("type") == "json_invalid" else "not a valid transcript"
        print(f"parley score: {path}: {kind} ({where}: {first.get('msg')})", file=stderr)
        return 2
    card = score_transcript(transcript)
    stdout.write(card.model_dump_json(indent=2) + "\n" if as_json else format_scorecard(card) + "\n")
    return 0


def _score_text(score: int | None) -> str:
    return "n/a" if score is None else f"{score:3d}/100"


def format_scorecard(card: Scorecard | dict[str, Any]) -> str:
    """The scorecard as readable text for a terminal."""
    sc = card if isinstance(card, Scorecard) else Scorecard.model_validate(card)
    lines = [f"Overall: {sc.overall}/100" + (f"   outcome: {sc.outcome}" if sc.outcome else ""), ""]
    if sc.deal is not None:
        lines += format_deal(sc.deal) + [""]
    for d in sc.dimensions:
        lines.append(f"{d.title:<30} {_score_text(d.score)}  {d.explanation}")
        for e in d.evidence[:3]:
            lines.append(f'    turn {e.turn}: "{e.quote}" ({e.note})')
        if d.rewrite:
            lines.append(f"    try instead of turn {d.rewrite.turn}: {d.rewrite.suggestion}")
    if sc.concerns:
        lines += ["", "Concerns:"]
        for c in sc.concerns:
            mark = "x" if c.uncovered else " "
            lines.append(
                f"  [{mark}] {c.title} ({c.layers_disclosed}/{c.layers_total} layers)"
                + ("" if c.uncovered or not c.opened_by else f"  - try: {c.opened_by}")
            )
    lines += ["", "Turns:"]
    for t in sc.turns:
        flags = f" [{', '.join(t.flags)}]" if t.flags else ""
        lines.append(f"  {t.turn:>2}. {t.primary}{flags}: {t.text[:90]}")
        lines.append(f"      -> {t.effect}" + (f"; tip: {t.suggestion}" if t.suggestion else ""))
    lines += ["", f"Judge: {sc.judge}"] + [f"  - {n}" for n in sc.judge_notes]
    return "\n".join(lines)


DEAL_MOVES_SHOWN = 8


def format_deal(deal: DealReview) -> list[str]:
    """A short Deal block for a terminal: the terms with verdicts, value, what was left, the concessions."""
    lines = ["Deal:", f"  {deal.headline}"]
    if deal.agreed:
        lines.append(f"  Value claimed: {deal.value_claimed}% for you, {deal.counterpart_value}% for {deal.counterpart}"
                     + (f"   Value created: {deal.value_created}% of the best possible" if deal.value_created is not None
                        else ""))
    elif deal.last_proposal_value is not None:
        lines.append(f"  {deal.last_proposal_note}")
    width = max((len(t.issue) for t in deal.terms), default=0)
    value_width = min(40, max((len(t.value) for t in deal.terms), default=0))
    for t in deal.terms:
        lines.append(f"    {t.issue:<{width}}  {t.value:<{value_width}}  {t.verdict}")
    lines += [f"  ! {w}" for w in deal.warnings]
    if deal.agreed:
        lines.append(f"  {deal.left_on_table_note}")
    elif deal.within_reach_note:
        lines.append(f"  {deal.within_reach_note}")
    lines.append(f"  Concessions: {deal.concessions_note}")
    for move in deal.concessions[:DEAL_MOVES_SHOWN]:
        lines.append(f"    {move.text}")
    if len(deal.concessions) > DEAL_MOVES_SHOWN:
        lines.append(f"    … and {len(deal.concessions) - DEAL_MOVES_SHOWN} more")
    return lines
