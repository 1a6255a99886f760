"""`parley chat`: rehearse in the terminal, interactive or one JSON object per turn (--jsonl).

The session service (and with it LangGraph) is imported inside the functions that use it: building the parser
for `parley --help` or `parley label` should not wait for it.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any, TextIO

from simulator.cli_common import SEED_MAX, Invocation, bounded_int, cli_message
from simulator.modes import DEFAULT_MODE, MODES, coaches
from simulator.personas import DIFFICULTIES
from simulator.redact import SafeTerminal
from simulator.transcript import MIRROR_QUESTIONS
from simulator.vocabulary import concerns_uncovered, moves_in_words

if TYPE_CHECKING:
    from simulator.session import Rehearsals, SessionView, TurnResult

MAX_REWIND_DIGITS = 6  # no rehearsal has a million turns; longer numbers are a typo
HELP = """commands:
  /rewind N   go back to before your turn N and try a different reply (the old branch is kept)
  /status     how many of the counterpart's concerns you have uncovered
  /end        end the session and see your scorecard
  /help       this list
Anything else you type is said to the counterpart."""


def _read_prep(path: str) -> dict[str, str]:
    """Mirror-question answers from a YAML or JSON file; a clear InputError when the file is not usable."""
    import yaml

    from simulator.session import InputError

    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except OSError as exc:
        raise InputError(f"Cannot read the prep file {path}: {exc.strerror}.") from None
    except (yaml.YAMLError, UnicodeDecodeError):
        raise InputError(f"The prep file {path} is not valid YAML or JSON.") from None
    if not isinstance(data, dict):
        raise InputError(
            f"The prep file {path} must be a mapping with keys such as problem, needs, feelings."
        )
    known = {key for key, _, _ in MIRROR_QUESTIONS}
    unknown = sorted(set(map(str, data)) - known)
    if unknown:
        raise InputError(f"The prep file {path} has unknown keys {unknown}; use {sorted(known)}.")
    return data


def _print_brief(service: Rehearsals, persona_id: str, stdout: TextIO) -> None:
    """Who the counterpart is and the user's side of the brief, before the conversation starts."""
    try:
        persona = service.library.get(persona_id)
    except KeyError:
        return  # start() says what is wrong
    brief = persona.user_brief
    lines = [
        f"{persona.title} — with {persona.name}, {persona.role}",
        "",
        f"Your side: {brief.role}",
        f"What you want: {brief.goal}",
        "Your constraints:",
        *[f"  - {c}" for c in brief.constraints],
        f"What you don't know yet: {brief.unknown_hint}",
        "",
    ]
    print(
        "\n".join(" ".join(line.split()) if not line.startswith("  - ") else line for line in lines),
        file=stdout,
    )


def _ask_prep(stdin: TextIO, stdout: TextIO) -> dict[str, str]:
    """Ask the mirror questions in the terminal (Enter skips one)."""
    print("Before you start, the mirror questions (press Enter to skip any):", file=stdout)
    answers = {}
    for key, question, hint in MIRROR_QUESTIONS:
        stdout.write(f"  {question} ({hint})\n  > ")
        stdout.flush()
        answers[key] = stdin.readline().strip()
    return answers


def _emit(stdout: TextIO, obj: dict[str, Any]) -> None:
    stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    stdout.flush()


def _turn_obj(result: TurnResult) -> dict[str, Any]:
    return {
        "turn": result.user_turn,
        "text": result.text,
        "move": result.move,
        "user_moves": result.user_moves,
        "disclosed": result.disclosed,
        "outcome": result.outcome,
        "ended": result.ended,
        "source": result.source,
        "note": result.note,
        "notice": result.notice,
        "session_id": result.session_id,
        "acts": list(result.assessment.get("acts", [])),
        "terms": result.terms,
        "agreed": result.agreed,
    }


def _final_obj(view: SessionView) -> dict[str, Any]:
    return {
        "final": True,
        "session_id": view.row.id,
        "outcome": view.outcome or "no_agreement",
        "concerns": [
            {"id": c.id, "title": c.title, "disclosed": c.id in view.disclosed} for c in view.persona.concerns
        ],
        "meter": view.meter,
        "scorecard": view.scorecard,
    }


def add_chat(sub: argparse._SubParsersAction) -> None:
    """Register `parley chat`."""
    chat = sub.add_parser(
        "chat",
        help="rehearse with a persona in the terminal",
        description="Rehearse with a persona. Type your replies; /help lists the commands.",
    )
    chat.add_argument("--persona", "-p", help="persona id (see `parley personas`); required unless --session")
    chat.add_argument(
        "--difficulty", "-d", choices=DIFFICULTIES, help="easy, realistic or hard (default: the persona's)"
    )
    chat.add_argument(
        "--mode",
        choices=MODES,
        default=DEFAULT_MODE,
        help="practice: after each turn, which move it was and one suggestion (default); "
        "assessment: no help until the scorecard",
    )
    chat.add_argument(
        "--seed",
        type=bounded_int("seed", 0, SEED_MAX),
        help=f"makes the counterpart's choices reproducible (0 to {SEED_MAX})",
    )
    chat.add_argument("--session", help="resume a session by id")
    chat.add_argument(
        "--prep",
        metavar="FILE",
        help="your answers to the mirror questions, a YAML/JSON mapping with any of: problem, needs, "
        "feelings, past, first_step (asked for interactively when omitted in a terminal)",
    )
    chat.add_argument(
        "--jsonl",
        action="store_true",
        help="machine mode: each stdin line is a user turn; one JSON object per turn on stdout",
    )
    chat.set_defaults(func=run_chat, for_people=lambda args: not args.jsonl)


def run_chat(args: argparse.Namespace, run: Invocation) -> int:
    """`parley chat`: interactive, or one JSON object per turn with --jsonl."""
    from simulator.session import InputError, SessionNotFound, open_rehearsals

    settings = run.settings()
    stdin, stdout, stderr = run.stdin, run.stdout, run.stderr
    if not args.persona and not args.session:
        print(
            "parley: say who to rehearse with: --persona ID (see `parley personas`), or --session ID to resume.",
            file=stderr,
        )
        return 2
    stderr = SafeTerminal(stderr)  # type: ignore[assignment]
    if not args.jsonl:  # a person reads this: persona fields and replies must not drive the terminal
        stdout = SafeTerminal(stdout)  # type: ignore[assignment]
    service = open_rehearsals(settings)
    try:
        try:
            if args.session:
                view = service.view(args.session)
                session_id = view.row.id
                last = next((t for t in reversed(view.turns) if t["role"] == "counterpart"), None)
                opening = {
                    "turn": view.row.user_turns,
                    "text": last["text"] if last else "",
                    "move": last.get("move") if last else "",
                    "resumed": True,
                    "ended": view.ended,
                    "session_id": session_id,
                }
            else:
                prep = _read_prep(args.prep) if args.prep else None
                if not args.jsonl:
                    _print_brief(service, args.persona, stdout)
                if prep is None and not args.jsonl and stdin.isatty():
                    prep = _ask_prep(stdin, stdout)
                result = service.start(
                    args.persona, args.difficulty, seed=args.seed, prep=prep, mode=args.mode
                )
                session_id = result.session_id
                opening = {**_turn_obj(result), "turn": 0}
        except (InputError, SessionNotFound) as exc:
            print(f"parley: {cli_message(exc)}", file=stderr)
            return 2
        if args.jsonl:
            return _jsonl_loop(service, session_id, opening, stdin, stdout)
        return _interactive_loop(service, session_id, opening, stdin, stdout)
    finally:
        service.close()


def _jsonl_loop(
    service: Rehearsals, session_id: str, opening: dict[str, Any], stdin: TextIO, stdout: TextIO
) -> int:
    from simulator.session import InputError, SessionNotFound

    _emit(stdout, opening)
    failures = 0
    for number, raw in enumerate(stdin, start=1):
        line = raw.rstrip("\n")
        try:
            result = service.reply(session_id, line)
        except (InputError, SessionNotFound) as exc:
            failures += 1
            _emit(stdout, {"error": str(exc), "line": number, "session_id": session_id})
            continue
        _emit(stdout, _turn_obj(result))
    _emit(stdout, _final_obj(service.finish(session_id)))
    return 0


def _interactive_loop(
    service: Rehearsals, session_id: str, opening: dict[str, Any], stdin: TextIO, stdout: TextIO
) -> int:
    from simulator.evaluation.commands import format_scorecard
    from simulator.session import InputError, SessionNotFound

    view = service.view(session_id)
    name = view.persona.name
    coach = coaches(view.row.mode)
    if opening.get("resumed"):
        print(f"Resumed session {session_id} with {name}.", file=stdout)
    else:
        print(f"Session {session_id}: {name}, {view.persona.role}. Type /help for commands.", file=stdout)
    print(f"\n{name}: {opening['text']}\n", file=stdout)
    ended = bool(opening.get("ended"))
    while not ended:
        stdout.write("you> ")
        stdout.flush()
        raw = stdin.readline()
        if not raw:
            break
        text = raw.strip()
        try:
            if text in ("/help", "/?"):
                print(HELP, file=stdout)
                continue
            if text == "/end":
                break
            if text == "/status":
                _print_status(service.view(session_id).meter, stdout)
                continue
            if text.startswith("/rewind"):
                branched = _rewind(service, session_id, text, stdin, stdout)
                if branched is None:
                    continue
                result, session_id = branched, branched.session_id
            else:
                result = service.reply(session_id, text)
        except (InputError, SessionNotFound) as exc:
            print(f"({exc})", file=stdout)
            continue
        _print_result(result, name, coach, stdout)
        ended = result.ended
    view = service.finish(session_id)
    print(f"Session {session_id} ended: {view.outcome or 'no_agreement'}.", file=stdout)
    if view.scorecard:
        print(format_scorecard(view.scorecard), file=stdout)
    print(f"Export it with: parley export {session_id}", file=stdout)
    return 0


def _print_status(meter: dict[str, int], stdout: TextIO) -> None:
    """/status: how much of the counterpart's concerns is uncovered."""
    print(
        f"{concerns_uncovered(meter['concerns_disclosed'], meter['concerns_total'])}; "
        f"deeper layers: {meter['hidden_disclosed']} of {meter['hidden_total']}",
        file=stdout,
    )


def _rewind(
    service: Rehearsals, session_id: str, command: str, stdin: TextIO, stdout: TextIO
) -> TurnResult | None:
    """/rewind N: ask for the new turn N and branch with it; None (after the usage line) when N is not a number."""
    parts = command.split()
    number = parts[1] if len(parts) == 2 else ""
    # ASCII digits only: "²" and "٣" pass str.isdigit() but int() refuses them.
    if not (number.isascii() and number.isdigit()) or len(number) > MAX_REWIND_DIGITS:
        print("usage: /rewind N   (N = the number of your turn to replace)", file=stdout)
        return None
    stdout.write(f"your new turn {number}> ")
    stdout.flush()
    result = service.rewind(session_id, int(number), stdin.readline().strip())
    print(f"(branched into session {result.session_id}; the original {session_id} is kept)", file=stdout)
    return result


def _print_result(result: TurnResult, name: str, coach: bool, stdout: TextIO) -> None:
    """The counterpart's line, with any notice, why the model was not used, and (practice mode) the coach's note."""
    from simulator.evaluation.coaching import coach_turn

    if result.notice:
        print(f"({result.notice})", file=stdout)
    if result.note:
        print(f"(the model was unavailable, so {name} used an authored line: {result.note})", file=stdout)
    print(f"\n{name}: {result.text}\n", file=stdout)
    if coach and result.assessment:
        moves = moves_in_words(result.user_moves)
        print(f"  (coach: that was {moves}. {coach_turn(result.assessment)})\n", file=stdout)
