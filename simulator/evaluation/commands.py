"""The `parley label` and `parley score` commands: JSON Lines in, labels out; a transcript in, a scorecard out."""

from __future__ import annotations

import io
import json
import os
import stat
from collections.abc import Iterator
from typing import Any, BinaryIO, TextIO

from pydantic import ValidationError

from simulator.transcript import Transcript
from simulator.vocabulary import move_name

from .deal_review import DealReview
from .labels import label_records
from .scorecard import Scorecard, score_transcript

# One JSON line of `parley label` may hold at most this many characters; a longer line is that line's error.
MAX_LINE_CHARS = 20_000
# `parley score` reads a transcript file of at most this many bytes, and each turn's text may hold at most
# MAX_TURN_CHARS characters (a rehearsal turn is a few sentences).
MAX_TRANSCRIPT_BYTES = 10 * 1024 * 1024
MAX_TURN_CHARS = 20_000
_MAX_LINE_BYTES = 4 * MAX_LINE_CHARS  # UTF-8 needs at most 4 bytes a character
_CHUNK = 1 << 16


def _binary(stream: TextIO | BinaryIO) -> BinaryIO | None:
    """The byte stream under a text stream (sys.stdin.buffer), or None for an in-memory text stream."""
    if isinstance(stream, io.TextIOBase) and not hasattr(stream, "buffer"):
        return None
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return buffer
    return None if isinstance(stream, io.TextIOBase) else stream  # type: ignore[return-value]


def _byte_lines(fh: BinaryIO) -> Iterator[bytes | None]:
    """Each line as bytes, or None for a line longer than the cap (its rest is skipped, never held in memory)."""
    while True:
        line = fh.readline(_MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > _MAX_LINE_BYTES and not line.endswith(b"\n"):
            while True:  # drop the rest of the over-long line in bounded chunks
                rest = fh.readline(_CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


def _text_lines(fh: TextIO) -> Iterator[bytes | None]:
    """Lines of an in-memory text stream, as UTF-8 bytes (a lone surrogate stays undecodable, as from a pipe)."""
    while True:
        line = fh.readline(MAX_LINE_CHARS + 1)
        if not line:
            return
        if len(line) > MAX_LINE_CHARS and not line.endswith("\n"):
            while True:
                rest = fh.readline(_CHUNK)
                if not rest or rest.endswith("\n"):
                    break
            yield None
            continue
        yield line.encode("utf-8", "surrogatepass")


def _parse_line(raw: bytes | None) -> dict[str, Any]:
    """One input line as a record to label; ValueError says what is wrong with it."""
    if raw is None:
        raise ValueError(f"line is longer than {MAX_LINE_CHARS:,} characters")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 (byte {exc.start + 1})") from None
    if len(line.rstrip("\r\n")) > MAX_LINE_CHARS:
        raise ValueError(f"line is longer than {MAX_LINE_CHARS:,} characters")
    try:
        record = json.loads(line)
    except RecursionError:
        raise ValueError("invalid JSON: nested too deeply") from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise ValueError('expected an object with a string "text"')
    if not isinstance(record.get("context", ""), str | None):
        raise ValueError('"context" must be a string')
    for key in ("text", "context"):
        value = record.get(key)
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError(f'"{key}" holds a lone surrogate (\\u escape), which is not text') from None
    return record


def run_label(source: str, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    """Label each JSON line of `source` ('-' or empty = stdin); bad lines are reported and skipped (exit 1).

    Input is read as bytes, one line at a time, and decoded per line: a line that is not UTF-8, not JSON, nested
    too deeply or longer than MAX_LINE_CHARS characters is reported on stderr with its line number.
    """
    from_stdin = source in ("", "-", None)
    try:
        handle: BinaryIO | None = None if from_stdin else open(source, "rb")  # noqa: SIM115
    except OSError as exc:
        print(f"parley label: cannot read {source}: {exc.strerror}", file=stderr)
        return 2
    if handle is not None:
        lines = _byte_lines(handle)
    else:
        binary = _binary(stdin)
        lines = _byte_lines(binary) if binary is not None else _text_lines(stdin)
    failed = 0
    try:
        for number, raw in enumerate(lines, start=1):
            if raw is not None and not raw.strip():
                continue
            try:
                record = _parse_line(raw)
                (labelled,) = label_records([record])
            except (ValueError, RecursionError) as exc:  # json.JSONDecodeError is a ValueError
                failed += 1
                reason = str(exc) if isinstance(exc, ValueError) else "nested too deeply"
                print(f"parley label: line {number}: {reason}", file=stderr)
                continue
            stdout.write(json.dumps(labelled, ensure_ascii=False) + "\n")
    except OSError as exc:
        print(f"parley label: cannot read {source or '-'}: {exc.strerror or exc}", file=stderr)
        return 2
    finally:
        if handle is not None:
            handle.close()
    return 1 if failed else 0


def run_score(path: str, as_json: bool, stdout: TextIO, stderr: TextIO) -> int:
    """Print the scorecard of a transcript file; any unreadable or invalid file is one clear line and exit 2."""
    too_big = (
        f"parley score: {path} is larger than {MAX_TRANSCRIPT_BYTES // (1024 * 1024)} MB; "
        "a transcript file is at most that size"
    )
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):  # a FIFO would hang, a device (/dev/zero) never ends
            print(f"parley score: {path} is not a regular file", file=stderr)
            return 2
        if info.st_size > MAX_TRANSCRIPT_BYTES:
            print(too_big, file=stderr)
            return 2
        with os.fdopen(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                print(f"parley score: {path} is not a regular file", file=stderr)
                return 2
            data = fh.read(MAX_TRANSCRIPT_BYTES + 1)
    except OSError as exc:
        print(f"parley score: cannot read {path}: {exc.strerror or exc}", file=stderr)
        return 2
    if len(data) > MAX_TRANSCRIPT_BYTES:
        print(too_big, file=stderr)
        return 2
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError:
        print(f"parley score: {path} is not UTF-8 text", file=stderr)
        return 2
    del data
    try:
        transcript = Transcript.model_validate_json(raw)
    except ValidationError as exc:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": str(exc)}
        where = ".".join(str(p) for p in first.get("loc", ())) or "file"
        kind = "invalid JSON" if first.get("type") == "json_invalid" else "not a valid transcript"
        print(f"parley score: {path}: {kind} ({where}: {first.get('msg')})", file=stderr)
        return 2
    too_long = next(
        (i for i, t in enumerate(transcript.turns, start=1) if len(t.text) > MAX_TURN_CHARS), None
    )
    if too_long is not None:
        print(
            f"parley score: {path}: turn {too_long} is longer than {MAX_TURN_CHARS:,} characters; "
            "shorten it or split it into several turns",
            file=stderr,
        )
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
            lines.append(f"      why: {d.rewrite.why}")
        elif d.rewrite_note:
            lines.append(f"    no rewrite: {d.rewrite_note}")
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
        flags = f" [{', '.join(move_name(f) for f in t.flags)}]" if t.flags else ""
        lines.append(f"  {t.turn:>2}. {move_name(t.primary)}{flags}: {t.text[:90]}")
        lines.append(f"      -> {t.effect}" + (f"; tip: {t.suggestion}" if t.suggestion else ""))
    lines += ["", f"Judge: {sc.judge}"] + [f"  - {n}" for n in sc.judge_notes]
    return "\n".join(lines)


DEAL_MOVES_SHOWN = 8


def format_deal(deal: DealReview) -> list[str]:
    """A short Deal block for a terminal: the terms with verdicts, value, what was left, the concessions."""
    lines = ["Deal:", f"  {deal.headline}"]
    if deal.agreed:
        lines.append(
            f"  Value claimed: {deal.value_claimed}% for you, {deal.counterpart_value}% for {deal.counterpart}"
            + (
                f"   Value created: {deal.value_created}% of the best possible"
                if deal.value_created is not None
                else ""
            )
        )
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
