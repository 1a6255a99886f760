"""The `parley` command: rehearse in the terminal, label turns, score transcripts, manage personas and sessions.

This module builds the parser and runs what it picked; each command group lives in its own module and binds
its subcommands to their handlers with `set_defaults(func=...)`.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from simulator import cli_chat, cli_data, cli_personas, cli_sessions, cli_setup, cli_team
from simulator.cli_common import Invocation, print_err
from simulator.redact import SafeTerminal, redact_text

EPILOG = """examples:
  parley chat --persona coffee-supplier            rehearse in the terminal
  parley chat --persona manager-raise --jsonl < turns.txt   one JSON object per turn (for scripts)
  parley personas                                  who you can rehearse with
  parley personas new                              build your own counterpart from plain answers
  parley label turns.jsonl                         label user turns (open/closed question, summary, ask)
  parley export SESSION_ID --format json > t.json  then: parley score t.json
  parley doctor                                    which voice is active and whether the model answers

Configuration comes from PARLEY_* environment variables or a .env file (see .env.example)."""

# In the order `parley --help` lists them.
COMMANDS = (
    cli_chat.add_chat,
    cli_sessions.add_label,
    cli_sessions.add_score,
    cli_personas.add_personas,
    cli_sessions.add_export,
    cli_sessions.add_sessions,
    cli_data.add_audit,
    cli_data.add_data,
    cli_team.add_team,
    cli_team.add_assign,
    cli_data.add_retention,
    cli_setup.add_doctor,
    cli_setup.add_app,
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and --help)."""
    parser = argparse.ArgumentParser(
        prog="parley",
        description="Rehearse a tough conversation with a counterpart that has real concerns.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # A command whose output is parsed (JSON, JSON Lines, CSV, exports, archives) leaves for_people False.
    parser.set_defaults(func=None, for_people=lambda args: False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add in COMMANDS:
        add(sub)
    return parser


def main(
    argv: list[str] | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Entry point of the `parley` console script."""
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.func is None:
        parser.print_help(stdout)
        return 0
    # Persona fields and transcript text may hold terminal escapes: human-readable output gets them stripped.
    # Machine output (--json, --jsonl, export, label) is left exactly as it was (JSON escapes control characters).
    stderr = SafeTerminal(stderr)  # type: ignore[assignment]
    if args.for_people(args):
        stdout = SafeTerminal(stdout)  # type: ignore[assignment]
    run = Invocation(stdin, stdout, stderr)
    try:
        return args.func(args, run)
    except KeyboardInterrupt:
        print_err(stderr, "interrupted; every turn you sent is saved.")
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): nothing to report, and no second error when Python flushes.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # the last line of defence: a clear message, never a traceback
        from simulator.store import StoreError

        settings = run.loaded
        urls = (settings.resolved_database_url, settings.llm_base_url) if settings is not None else ()
        if isinstance(exc, StoreError):
            print_err(stderr, redact_text(str(exc), *urls))
            return 3
        from pydantic import ValidationError

        if isinstance(exc, ValidationError):
            print_err(stderr, redact_text(_config_problem(exc), *urls))
            return 2
        print_err(stderr, f"unexpected error ({type(exc).__name__}): {redact_text(str(exc), *urls)[:300]}")
        return 1


def _config_problem(exc: Exception) -> str:
    """The first invalid setting, named as its environment variable, with what is wrong (never the value)."""
    error = exc.errors()[0]  # type: ignore[attr-defined]
    field = ".".join(str(part) for part in error.get("loc", ())) or "settings"
    message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    return f"configuration problem: PARLEY_{field.upper()} ({field}): {message} (check .env / PARLEY_*)"


if __name__ == "__main__":
    raise SystemExit(main())
