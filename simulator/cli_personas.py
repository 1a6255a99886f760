"""`parley personas`: list who you can rehearse with, check a persona file, or build your own (`personas new`)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from simulator.cli_common import Invocation, print_err
from simulator.personas import PersonaError, load_persona_file


def add_personas(sub: argparse._SubParsersAction) -> None:
    """Register `parley personas`."""
    personas = sub.add_parser(
        "personas",
        help="list personas, check a persona file, or build your own",
        description="List personas, check a file, or `parley personas new` to build your own "
        "counterpart from plain answers (asked one by one, or --from a file).",
    )
    personas.add_argument(
        "action", nargs="?", choices=("new",), help="new: build a persona from plain answers"
    )
    personas.add_argument("--json", action="store_true", help="print as JSON")
    personas.add_argument("--check", metavar="FILE", help="validate a persona file and say what is wrong")
    personas.add_argument(
        "--from",
        dest="source",
        metavar="FILE",
        help="with new: the plain answers as YAML or JSON (see evals/situations/ for examples)",
    )
    personas.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="with new: write the persona here (default: your persona folder, <id>.yaml)",
    )
    personas.add_argument(
        "--prep",
        metavar="FILE",
        help="with new: your Prepare answers (problem, needs, feelings ...) fill in your side",
    )
    personas.set_defaults(
        func=run_personas, for_people=lambda args: not args.json or bool(args.check) or args.action == "new"
    )


def run_personas(args: argparse.Namespace, run: Invocation) -> int:
    """`parley personas`; --check reads one file and needs no settings, so it works whatever the configuration."""
    if args.check:
        return _check_persona(Path(args.check), run.stdout, run.stderr)
    settings = run.settings()
    if args.action == "new":
        from simulator.builder_cli import run_new

        return run_new(settings, args.source, args.output, args.prep, run.stdin, run.stdout, run.stderr)
    return _list_personas(settings.persona_dirs, args.json, run.stdout, run.stderr)


def _check_persona(path: Path, stdout: TextIO, stderr: TextIO) -> int:
    try:
        persona = load_persona_file(path)
    except PersonaError as exc:
        print(f"{exc.path}: not usable", file=stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=stderr)
        return 1
    print(
        f"{path}: OK — '{persona.id}' ({persona.name}, {persona.title}), {len(persona.concerns)} concerns",
        file=stdout,
    )
    from simulator.persona_checks import persona_warnings

    for warning in persona_warnings(persona):
        print(f"  warning: {warning}", file=stdout)
    return 0


def _list_personas(persona_dirs: list[Path], as_json: bool, stdout: TextIO, stderr: TextIO) -> int:
    from simulator.personas import load_library

    library = load_library(persona_dirs)
    if as_json:
        items = [
            {
                "id": p.id,
                "name": p.name,
                "role": p.role,
                "title": p.title,
                "teaches": p.teaches,
                "default_difficulty": p.default_difficulty,
                "concerns": len(p.concerns),
                "source": library.sources[p.id],
            }
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
        print_err(stderr, f"skipped {error}")
    return 0
