"""Past sessions and their transcripts: `parley sessions`, `export`, `score` and `label`."""

from __future__ import annotations

import argparse
import json
import time

from simulator.cli_common import Invocation, cli_message


def add_label(sub: argparse._SubParsersAction) -> None:
    """Register `parley label`."""
    label = sub.add_parser(
        "label",
        help="label user turns read as JSON Lines",
        description='Read JSON Lines ({"text": ..., "context": ...}) and write each with '
        '"moves" and "primary" added.',
    )
    label.add_argument("file", nargs="?", default="-", help="a .jsonl file, or - for stdin (default)")
    label.set_defaults(func=run_label)


def add_score(sub: argparse._SubParsersAction) -> None:
    """Register `parley score`."""
    score = sub.add_parser("score", help="score a transcript (the JSON from `parley export`)")
    score.add_argument("transcript", help="path to a transcript JSON file")
    score.add_argument("--json", action="store_true", help="print the scorecard as JSON")
    score.set_defaults(func=run_score, for_people=lambda args: not args.json)


def add_export(sub: argparse._SubParsersAction) -> None:
    """Register `parley export`."""
    export = sub.add_parser("export", help="export a session transcript as Markdown or JSON")
    export.add_argument("session_id")
    export.add_argument("--format", "-f", choices=("md", "json"), default="md")
    export.add_argument("--output", "-o", help="write to a file instead of stdout")
    export.set_defaults(func=run_export)


def add_sessions(sub: argparse._SubParsersAction) -> None:
    """Register `parley sessions`."""
    sessions = sub.add_parser("sessions", help="list past sessions")
    sessions.add_argument("--json", action="store_true")
    sessions.set_defaults(func=run_sessions, for_people=lambda args: not args.json)


def run_label(args: argparse.Namespace, run: Invocation) -> int:
    """`parley label`: needs no settings, so it works whatever the configuration."""
    from simulator.evaluation.commands import run_label as label

    return label(args.file, run.stdin, run.stdout, run.stderr)


def run_score(args: argparse.Namespace, run: Invocation) -> int:
    """`parley score`: needs no settings, so it works whatever the configuration."""
    from simulator.evaluation.commands import run_score as score

    return score(args.transcript, args.json, run.stdout, run.stderr)


def run_export(args: argparse.Namespace, run: Invocation) -> int:
    """`parley export SESSION_ID`: Markdown or JSON (recorded in the audit log)."""
    from simulator.session import InputError, SessionNotFound, open_rehearsals

    service = open_rehearsals(run.settings())
    try:
        text = service.export(args.session_id, args.format)
    except (InputError, SessionNotFound) as exc:
        print(f"parley: {cli_message(exc)}", file=run.stderr)
        return 2
    finally:
        service.close()
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
        print(f"wrote {args.output}", file=run.stderr)
    else:
        run.stdout.write(text + "\n")
    return 0


def run_sessions(args: argparse.Namespace, run: Invocation) -> int:
    """`parley sessions`: newest first."""
    from simulator.session import open_rehearsals

    service = open_rehearsals(run.settings())
    try:
        rows = service.sessions()
    finally:
        service.close()
    stdout = run.stdout
    if args.json:
        json.dump([r.__dict__ for r in rows], stdout, indent=2)
        stdout.write("\n")
        return 0
    if not rows:
        print("No sessions yet. Start one with: parley chat --persona coffee-supplier", file=stdout)
    for r in rows:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(r.created_at))
        branch = f" (branch of {r.parent_id} at turn {r.branch_from_turn})" if r.parent_id else ""
        print(
            f"{r.id}  {when}  {r.persona_id:<20} {r.difficulty:<9} {r.status:<6} {r.outcome or '-':<13} "
            f"overall={r.overall if r.overall is not None else '-'}{branch}",
            file=stdout,
        )
    return 0
