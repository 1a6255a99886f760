"""The `parley` command: rehearse in the terminal, label turns, score transcripts, manage personas and sessions."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from simulator.personas import DIFFICULTIES, PersonaError, load_persona_file
from simulator.redact import SafeTerminal, redact_text, strip_controls
from simulator.settings import Settings, load_settings

SEED_MAX = 2**31 - 1

EPILOG = """examples:
  parley chat --persona coffee-supplier            rehearse in the terminal
  parley chat --persona manager-raise --jsonl < turns.txt   one JSON object per turn (for scripts)
  parley personas                                  who you can rehearse with
  parley personas new                              build your own counterpart from plain answers
  parley label turns.jsonl                         label user turns (open/closed question, summary, ask)
  parley export SESSION_ID --format json > t.json  then: parley score t.json
  parley doctor                                    which voice is active and whether the model answers

Configuration comes from PARLEY_* environment variables or a .env file (see .env.example)."""


def _print_err(stderr: TextIO, message: str) -> None:
    print(strip_controls(f"parley: {message}"), file=stderr)


def _bounded_int(name: str, low: int, high: int):  # noqa: ANN202 - an argparse type
    """An argparse type: a whole number (ASCII digits) from low to high, else a clear usage error (exit 2)."""

    def parse(text: str) -> int:
        raw = text.strip()
        digits = raw[1:] if raw[:1] in "+-" else raw
        if not (digits.isascii() and digits.isdigit()) or len(digits) > 12 or not low <= int(raw) <= high:
            raise argparse.ArgumentTypeError(f"{name} must be a whole number from {low} to {high}, not {text!r}")
        return int(raw)

    parse.__name__ = name
    return parse


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and --help)."""
    parser = argparse.ArgumentParser(
        prog="parley", description="Rehearse a tough conversation with a counterpart that has real concerns.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    chat = sub.add_parser("chat", help="rehearse with a persona in the terminal",
                          description="Rehearse with a persona. Type your replies; /help lists the commands.")
    chat.add_argument("--persona", "-p", help="persona id (see `parley personas`); required unless --session")
    chat.add_argument("--difficulty", "-d", choices=DIFFICULTIES, help="easy, realistic or hard (default: the persona's)")
    chat.add_argument("--mode", choices=("practice", "assessment"), default="practice",
                      help="practice: after each turn, which move it was and one suggestion (default); "
                           "assessment: no help until the scorecard")
    chat.add_argument("--seed", type=_bounded_int("seed", 0, SEED_MAX),
                      help=f"makes the counterpart's choices reproducible (0 to {SEED_MAX})")
    chat.add_argument("--session", help="resume a session by id")
    chat.add_argument("--prep", metavar="FILE",
                      help="your answers to the mirror questions, a YAML/JSON mapping with any of: problem, needs, "
                           "feelings, past, first_step (asked for interactively when omitted in a terminal)")
    chat.add_argument("--jsonl", action="store_true",
                      help="machine mode: each stdin line is a user turn; one JSON object per turn on stdout")

    label = sub.add_parser("label", help="label user turns read as JSON Lines",
                           description="Read JSON Lines ({\"text\": ..., \"context\": ...}) and write each with "
                           "\"moves\" and \"primary\" added.")
    label.add_argument("file", nargs="?", default="-", help="a .jsonl file, or - for stdin (default)")

    score = sub.add_parser("score", help="score a transcript (the JSON from `parley export`)")
    score.add_argument("transcript", help="path to a transcript JSON file")
    score.add_argument("--json", action="store_true", help="print the scorecard as JSON")

    personas = sub.add_parser("personas", help="list personas, check a persona file, or build your own",
                              description="List personas, check a file, or `parley personas new` to build your own "
                                          "counterpart from plain answers (asked one by one, or --from a file).")
    personas.add_argument("action", nargs="?", choices=("new",), help="new: build a persona from plain answers")
    personas.add_argument("--json", action="store_true", help="print as JSON")
    personas.add_argument("--check", metavar="FILE", help="validate a persona file and say what is wrong")
    personas.add_argument("--from", dest="source", metavar="FILE",
                          help="with new: the plain answers as YAML or JSON (see evals/situations/ for examples)")
    personas.add_argument("--output", "-o", metavar="FILE",
                          help="with new: write the persona here (default: your persona folder, <id>.yaml)")
    personas.add_argument("--prep", metavar="FILE",
                          help="with new: your Prepare answers (problem, needs, feelings ...) fill in your side")

    export = sub.add_parser("export", help="export a session transcript as Markdown or JSON")
    export.add_argument("session_id")
    export.add_argument("--format", "-f", choices=("md", "json"), default="md")
    export.add_argument("--output", "-o", help="write to a file instead of stdout")

    sessions = sub.add_parser("sessions", help="list past sessions")
    sessions.add_argument("--json", action="store_true")

    audit = sub.add_parser("audit", help="read the audit log: who started, viewed, exported and deleted what",
                           description="Print the audit log, oldest first (times in UTC).")
    audit.add_argument("--csv", action="store_true", help="CSV on stdout (for a spreadsheet)")
    audit.add_argument("--actor", help="only what this person did (an email, or 'local')")
    audit.add_argument("--owner", help="only entries about this person's data")
    audit.add_argument("--days", type=_bounded_int("days", 1, 100_000), help="only the last N days")

    data = sub.add_parser("data", help="export or erase all of one person's data",
                          description="Data rights: everything one owner has in Parley, as one zip, or erased. "
                                      "The CLI acts for 'local' (the single user) unless --owner names a "
                                      "signed-in person (for an operator answering a request).")
    data.add_argument("action", choices=("export", "erase"))
    data.add_argument("--owner", default=None, help="whose data (default: local, the single user)")
    data.add_argument("--output", "-o", metavar="FILE.zip", help="with export: where to write the archive")
    data.add_argument("--yes", action="store_true", help="with erase: really erase, without asking")

    team = sub.add_parser("team", help="list people's roles, or make someone a learner, coach or admin",
                          description="Roles for team mode: a coach reads and comments on the sessions of the "
                                      "learners in their team; an admin reads the audit log.")
    team.add_argument("action", choices=("list", "set"))
    team.add_argument("email", nargs="?", help="with set: who (their sign-in email)")
    team.add_argument("--role", choices=("learner", "coach", "admin"), help="with set: the role")
    team.add_argument("--team", default="", help="with set: the team name (a coach sees the learners of theirs)")

    assign = sub.add_parser(
        "assign", help="a coach assigns a rehearsal to a learner of their team; list or cancel assignments",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Assignments: a coach gives a learner of their team a rehearsal to do (persona, difficulty, an "
                    "optional due date, a note). It shows on the learner's Prepare page with its status (assigned, "
                    "started, done; overdue when past its due date); the learner's Start begins it, and it is done "
                    "when that session ends. A learner sees only their own, a coach only their team's; anyone else "
                    "gets 'not found'. The command line acts for the person named by --as (an operator acting for "
                    "them; default: local, the single user). Creating and cancelling are in the audit log.",
        epilog="examples:\n"
               "  parley team set coach@example.com --role coach --team sales      first: the roles\n"
               "  parley team set alice@example.com --role learner --team sales\n"
               "  parley assign create alice@example.com --as coach@example.com -p coffee-supplier -d hard \\\n"
               "      --due 2026-12-31 --note 'Find the cash-flow problem before you talk price'\n"
               "  parley assign list --as coach@example.com        the team's assignments and their status\n"
               "  parley assign list --as alice@example.com        hers\n"
               "  parley assign cancel ASSIGNMENT_ID --as coach@example.com")
    assign_sub = assign.add_subparsers(dest="action", metavar="ACTION", required=True)
    as_help = "act as this person (their sign-in email); default: local"
    create = assign_sub.add_parser("create", help="assign a rehearsal to a learner of your team",
                                   description="Assign a rehearsal to a learner of your team (you must be a coach).")
    create.add_argument("learner", help="the learner's sign-in email (see `parley team list`)")
    create.add_argument("--as", dest="actor", default=None, metavar="COACH", help=as_help)
    create.add_argument("--persona", "-p", required=True, help="persona id (see `parley personas`)")
    create.add_argument("--difficulty", "-d", choices=DIFFICULTIES, help="easy, realistic or hard (default: the persona's)")
    create.add_argument("--due", metavar="YYYY-MM-DD", help="due date (optional; today or later)")
    create.add_argument("--note", default="", help="a note the learner reads on Prepare (at most 1,000 characters)")
    listing = assign_sub.add_parser("list", help="list assignments: a learner's own, or a coach's team's",
                                    description="List assignments with their status, newest first.")
    listing.add_argument("--as", dest="actor", default=None, metavar="EMAIL", help=as_help)
    listing.add_argument("--all", action="store_true", help="include cancelled ones")
    listing.add_argument("--json", action="store_true", help="JSON on stdout (for scripts)")
    cancel = assign_sub.add_parser("cancel", help="cancel an assignment of your team (you must be its coach)",
                                   description="Cancel an assignment: the learner no longer sees it. Done ones stay done.")
    cancel.add_argument("assignment_id")
    cancel.add_argument("--as", dest="actor", default=None, metavar="COACH", help=as_help)

    retention = sub.add_parser("retention", help="delete sessions idle longer than PARLEY_RETENTION_DAYS",
                               description="Apply the retention setting now (the app also applies it when it "
                                           "starts). Every owner's sessions; each deletion is audited.")
    retention.add_argument("--days", type=_bounded_int("days", 1, 36_500),
                           help="use this many days instead of PARLEY_RETENTION_DAYS")

    sub.add_parser("doctor", help="show which voice and judge are active and whether the model answers")
    app = sub.add_parser("app", help="open the Streamlit app (same as `make run`)")
    app.add_argument("--port", type=_bounded_int("port", 1, 65535), help="port (default from PARLEY_PORT, 8501)")
    return parser


def main(argv: list[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """Entry point of the `parley` console script."""
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(stdout)
        return 0
    # Persona fields and transcript text may hold terminal escapes: human-readable output gets them stripped.
    # Machine output (--json, --jsonl, export, label) is left exactly as it was (JSON escapes control characters).
    stderr = SafeTerminal(stderr)  # type: ignore[assignment]
    if _is_for_people(args):
        stdout = SafeTerminal(stdout)  # type: ignore[assignment]
    settings: Settings | None = None
    try:
        if args.command == "label":
            from simulator.evaluation.commands import run_label

            return run_label(args.file, stdin, stdout, stderr)
        if args.command == "score":
            from simulator.evaluation.commands import run_score

            return run_score(args.transcript, args.json, stdout, stderr)
        if args.command == "personas" and args.check:
            return _check_persona(Path(args.check), stdout, stderr)
        settings = load_settings()
        if args.command == "personas" and args.action == "new":
            from simulator.builder_cli import run_new

            return run_new(settings, args.source, args.output, args.prep, stdin, stdout, stderr)
        if args.command == "personas":
            return _list_personas(settings, args.json, stdout, stderr)
        if args.command == "doctor":
            from simulator.doctor import run_doctor

            return run_doctor(settings, stdout)
        if args.command == "app":
            return _run_app(settings, args.port)
        if args.command == "audit":
            return _run_audit(settings, args, stdout)
        if args.command == "team":
            return _run_team(settings, args, stdout, stderr)
        if args.command == "assign":
            return _run_assign(settings, args, stdout, stderr)
        if args.command == "retention":
            return _run_retention(settings, args.days, stdout)
        if args.command == "data":
            return _run_data(settings, args, stdin, stdout, stderr)
        from simulator.cli_chat import run_chat, run_export, run_sessions

        if args.command == "chat":
            return run_chat(settings, args, stdin, stdout, stderr)
        if args.command == "export":
            return run_export(settings, args, stdout, stderr)
        if args.command == "sessions":
            return run_sessions(settings, args.json, stdout, stderr)
    except KeyboardInterrupt:
        _print_err(stderr, "interrupted; every turn you sent is saved.")
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): nothing to report, and no second error when Python flushes.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # the last line of defence: a clear message, never a traceback
        from simulator.store import StoreError

        urls = (settings.resolved_database_url, settings.llm_base_url) if settings is not None else ()
        if isinstance(exc, StoreError):
            _print_err(stderr, redact_text(str(exc), *urls))
            return 3
        from pydantic import ValidationError

        if isinstance(exc, ValidationError):
            _print_err(stderr, redact_text(_config_problem(exc), *urls))
            return 2
        _print_err(stderr, f"unexpected error ({type(exc).__name__}): {redact_text(str(exc), *urls)[:300]}")
        return 1
    parser.print_help(stderr)
    return 2


def _is_for_people(args: argparse.Namespace) -> bool:
    """True when stdout is read by a person in a terminal rather than parsed (JSON, JSON Lines, exports)."""
    if args.command == "personas":
        return not args.json or bool(args.check) or args.action == "new"
    if args.command in ("score", "sessions"):
        return not args.json
    if args.command == "audit":
        return not args.csv
    if args.command == "assign":
        return not getattr(args, "json", False)
    if args.command == "chat":
        return not args.jsonl
    return args.command in ("doctor", "app")


def _config_problem(exc: Exception) -> str:
    """The first invalid setting, named as its environment variable, with what is wrong (never the value)."""
    error = exc.errors()[0]  # type: ignore[attr-defined]
    field = ".".join(str(part) for part in error.get("loc", ())) or "settings"
    message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    return f"configuration problem: PARLEY_{field.upper()} ({field}): {message} (check .env / PARLEY_*)"


def _check_persona(path: Path, stdout: TextIO, stderr: TextIO) -> int:
    try:
        persona = load_persona_file(path)
    except PersonaError as exc:
        print(f"{exc.path}: not usable", file=stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=stderr)
        return 1
    print(f"{path}: OK — '{persona.id}' ({persona.name}, {persona.title}), {len(persona.concerns)} concerns", file=stdout)
    from simulator.persona_checks import persona_warnings

    for warning in persona_warnings(persona):
        print(f"  warning: {warning}", file=stdout)
    return 0


def _list_personas(settings: Settings, as_json: bool, stdout: TextIO, stderr: TextIO) -> int:
    from simulator.personas import load_library

    library = load_library(settings.persona_dirs)
    if as_json:
        items = [
            {"id": p.id, "name": p.name, "role": p.role, "title": p.title, "teaches": p.teaches,
             "default_difficulty": p.default_difficulty, "concerns": len(p.concerns), "source": library.sources[p.id]}
            for p in (library.personas[i] for i in library.ids())
        ]
        json.dump({"personas": items, "errors": [str(e) for e in library.errors]}, stdout, indent=2)
        stdout.write("\n")
    else:
        for pid in library.ids():
            p = library.personas[pid]
            print(f"{p.id:<22} {p.name} — {p.title}", file=stdout)
            print(f"{'':<22} {p.teaches}", file=stdout)
    for error in library.errors:
        _print_err(stderr, f"skipped {error}")
    return 0


def _run_app(settings: Settings, port: int | None) -> int:
    import importlib.resources
    import subprocess

    # The app ships as the `ui` package (a checkout, an editable install or a wheel): find it by import, not by path.
    app = Path(str(importlib.resources.files("ui").joinpath("server.py")))
    command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.address", settings.host,
               "--server.port", str(port or settings.port), "--server.headless", "true",
               "--browser.gatherUsageStats", "false", "--server.maxUploadSize", "1"]
    return subprocess.call(command)




AUDIT_FIELDS = ("when_utc", "actor", "action", "session_id", "owner", "detail")


def _run_audit(settings: Settings, args: argparse.Namespace, stdout: TextIO) -> int:
    """`parley audit`: the audit log, oldest first, as a table or CSV."""
    import csv
    import time
    from datetime import UTC, datetime

    from simulator.store import Store

    since = time.time() - args.days * 86_400 if args.days else None
    store = Store(settings.resolved_database_url)
    try:
        entries = store.audit_entries(actor=args.actor, owner=args.owner, since=since)
    finally:
        store.close()
    rows = [{"when_utc": datetime.fromtimestamp(e["at"], UTC).strftime("%Y-%m-%d %H:%M:%S"),
             **{k: e[k] or "" for k in AUDIT_FIELDS[1:]}} for e in entries]
    if args.csv:
        writer = csv.DictWriter(stdout, fieldnames=AUDIT_FIELDS)
        writer.writeheader()
        for row in rows:  # a cell a spreadsheet would run as a formula gets a leading quote
            writer.writerow({k: "'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v
                             for k, v in row.items()})
        return 0
    if not rows:
        print("The audit log is empty.", file=stdout)
    for row in rows:
        print(f"{row['when_utc']}  {row['actor']:<28} {row['action']:<10} {row['session_id'] or '-':<12} "
              f"{row['detail']}", file=stdout)
    return 0


def _run_data(settings: Settings, args: argparse.Namespace, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    """`parley data export|erase`: all of one owner's sessions, prep answers and transcripts."""
    from simulator.session import Rehearsals
    from simulator.store import LOCAL_OWNER

    service = Rehearsals(settings).for_owner(args.owner or LOCAL_OWNER)
    try:
        if args.action == "export":
            archive = service.export_all()
            if args.output:
                Path(args.output).write_bytes(archive)
                print(f"wrote {args.output} ({len(archive):,} bytes)", file=stderr)
            elif hasattr(stdout, "buffer") and not stdout.isatty():
                stdout.flush()
                stdout.buffer.write(archive)
            else:
                _print_err(stderr, "give --output FILE.zip (an archive is not for a terminal)")
                return 2
            return 0
        count = len(service.sessions(1_000_000))
        if not args.yes:
            print(f"Erase {count} session(s) of {service.owner} for good? Type 'erase' to confirm: ", end="",
                  file=stderr, flush=True)
            if stdin.readline().strip().lower() != "erase":
                print("Nothing erased.", file=stderr)
                return 1
        erased = service.erase_all()
        print(f"Erased {erased} session(s) of {service.owner}.", file=stdout)
        return 0
    finally:
        service.close()



def _run_retention(settings: Settings, days: int | None, stdout: TextIO) -> int:
    """`parley retention`: delete sessions idle longer than the retention setting."""
    from simulator.session import Rehearsals

    days = days or settings.retention_days
    if not days:
        print("No retention set (PARLEY_RETENTION_DAYS=0 keeps sessions forever); nothing deleted.", file=stdout)
        return 0
    service = Rehearsals(settings)
    try:
        count = service.apply_retention(days)
    finally:
        service.close()
    print(f"Deleted {count} session(s) idle for more than {days} days.", file=stdout)
    return 0


def _run_team(settings: Settings, args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """`parley team list|set`: the operator manages roles (recorded in the audit log as 'local')."""
    from simulator.session import InputError, Rehearsals

    service = Rehearsals(settings)
    try:
        if args.action == "set":
            if not args.email or not args.role:
                _print_err(stderr, "team set needs an EMAIL and --role learner|coach|admin")
                return 2
            try:
                service.set_role(args.email, args.role, args.team)
            except InputError as exc:
                _print_err(stderr, str(exc))
                return 2
            print(f"{args.email.strip().lower()} is now {args.role}" + (f" in team {args.team}" if args.team else ""),
                  file=stdout)
            return 0
        members = service.store.members()
    finally:
        service.close()
    if not members:
        print("Nobody has a role yet: everyone is a learner. Add one with: parley team set EMAIL --role coach "
              "--team NAME", file=stdout)
    for email, role, team_name in members:
        print(f"{email:<40} {role:<8} {team_name}", file=stdout)
    return 0


def _run_assign(settings: Settings, args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """`parley assign create|list|cancel`: assignments, acting for the person named by --as."""
    from dataclasses import asdict

    from simulator.session import InputError, Rehearsals, SessionNotFound
    from simulator.store import LOCAL_OWNER

    base = Rehearsals(settings)
    try:
        try:
            service = base.for_owner(args.actor or LOCAL_OWNER)
            if args.action == "create":
                row = service.assign(args.learner, args.persona, args.difficulty, due=args.due, note=args.note)
                print(f"assigned {row.id} to {row.learner}: {row.persona_id} ({row.difficulty})"
                      + (f", due {row.due}" if row.due else ""), file=stdout)
                return 0
            if args.action == "cancel":
                row = service.cancel_assignment(args.assignment_id)
                print(f"cancelled {row.id} ({row.learner}: {row.persona_id})", file=stdout)
                return 0
            rows = service.assignments(include_cancelled=args.all)
        except (InputError, SessionNotFound) as exc:
            _print_err(stderr, str(exc))
            return 2
    finally:
        base.close()
    if args.json:
        print(json.dumps([asdict(r) | {"overdue": r.overdue()} for r in rows], indent=2, ensure_ascii=False), file=stdout)
        return 0
    if not rows:
        print(f"No assignments for {service.owner}" + (f" (role {service.role}, team {service.team})" if service.team
                                                        else f" (role {service.role})") + ".", file=stdout)
    for r in rows:
        print(f"{r.id}  {r.learner:<28} {r.persona_id:<20} {r.difficulty:<9} {('due ' + r.due) if r.due else 'no due date':<14} "
              f"{r.label()}" + (f"  “{r.note}”" if r.note else ""), file=stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
