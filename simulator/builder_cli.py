"""`parley personas new`: the guided builder in the terminal, asking the plain questions or reading them from a file."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO

import yaml

from simulator.builder import (
    MAX_CONCERNS,
    MIN_CONCERNS,
    TEMPERAMENTS,
    UNIT_HELP,
    WEIGHTS,
    Answers,
    BuildError,
    Problem,
    answers_from_data,
    answers_from_text,
    blank_answers,
    build_persona,
    label_of,
    prefill_from_prep,
)
from simulator.personas import Persona, PersonaError, load_library, persona_to_yaml
from simulator.settings import Settings

TOP_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("name", "Their name"),
    ("role", "Who they are, in a line (e.g. 'Owner of the flat I rent')"),
    (
        "situation",
        "The situation in a sentence or two, calling yourself by your role ('the tenant'), not 'you'",
    ),
    ("want", "What they want from this conversation, in their words ('I want ...')"),
    ("opening_position", "Their opening position, with its numbers"),
)
CONCERN_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("said_first", "What they'd say at first, in their words"),
    ("behind", "What's really behind it, in their words (one or two sentences; the deepest last)"),
    ("would_answer", "What would answer it: one of the terms with its number ('a lease of 24 months')"),
)
ISSUE_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("name", "What it is ('monthly rent', 'notice period', 'a parking space')"),
    ("unit", f"How it is counted: {UNIT_HELP}"),
    ("current", "Today's value (Enter if none)"),
    ("their_opening", "Their opening position (yes/no: 1 or 0)"),
    ("their_target", "What they'd be fully happy with"),
    ("their_walk_away", "The worst they'd still accept"),
    ("your_target", "What you'd be fully happy with"),
    ("your_limit", "The worst you'd still accept"),
    ("matters_to_them", "How much it matters to them: a lot, some or a little"),
    ("matters_to_you", "How much it matters to you: a lot, some or a little"),
)


class _Asker:
    def __init__(self, stdin: TextIO, stdout: TextIO):
        self.stdin, self.stdout = stdin, stdout

    def ask(self, question: str, default: str = "") -> str:
        shown = f" [{default}]" if default else ""
        self.stdout.write(f"{question}{shown}: ")
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            raise EOFError
        return line.strip() or default

    def ask_list(self, question: str, most: int = 6) -> list[str]:
        self.stdout.write(f"{question} (one a line, an empty line to finish)\n")
        items: list[str] = []
        while len(items) < most:
            item = self.ask(f"  {len(items) + 1}")
            if not item:
                break
            items.append(item)
        return items


def _number(text: str) -> float | str | None:
    raw = text.replace(",", "").replace("$", "").strip()
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        return text  # validation says it must be a number, at this field


def interview(stdin: TextIO, stdout: TextIO, prep: dict[str, str] | None = None) -> dict[str, Any]:
    """Ask the plain questions one by one; the answers as data (not yet validated)."""
    asker = _Asker(stdin, stdout)
    data = prefill_from_prep(blank_answers(), prep)
    stdout.write("Build your own counterpart. Plain answers; Parley writes the rest.\n\n")
    for key, question in TOP_QUESTIONS:
        data[key] = asker.ask(question)
    stdout.write("How do they come across?\n")
    for name, line in TEMPERAMENTS.items():
        stdout.write(f"  {name:<8} {line}\n")
    data["temperament"] = asker.ask("Temperament", "guarded")
    stdout.write(
        "\nFirst the terms on the table, each with its numbers (an empty name to finish); then their "
        f"{MIN_CONCERNS} to {MAX_CONCERNS} concerns, which can name those terms.\n"
    )
    data["issues"] = []
    while len(data["issues"]) < 6:
        issue: dict[str, Any] = {}
        for key, question in ISSUE_QUESTIONS:
            answer = asker.ask(
                f"Term {len(data['issues']) + 1}: {question}", "some" if key.startswith("matters") else ""
            )
            if key == "name" and not answer:
                break
            issue[key] = (
                _number(answer)
                if key not in ("name", "unit", "matters_to_them", "matters_to_you")
                else answer
            )
        if not issue.get("name"):
            break
        data["issues"].append({k: v for k, v in issue.items() if v is not None})
    data["concerns"] = []
    while len(data["concerns"]) < MAX_CONCERNS:
        n = len(data["concerns"]) + 1
        said = asker.ask(
            f"\nConcern {n}: {CONCERN_QUESTIONS[0][1]}" + (" (Enter to finish)" if n > MIN_CONCERNS else "")
        )
        if not said:
            break
        behind = asker.ask_list(f"Concern {n}: {CONCERN_QUESTIONS[1][1]}", 2)
        answer = asker.ask(f"Concern {n}: {CONCERN_QUESTIONS[2][1]}")
        data["concerns"].append({"said_first": said, "behind": behind, "would_answer": answer})
    data["needs"] = asker.ask_list("\nWhat they need, in their words ('I need ...')", 3)
    data["tried_before"] = asker.ask_list("What they have tried before, in their words", 3)
    data["first_step"] = asker.ask("A first step they'd accept, in their words")
    data["your_role"] = asker.ask(
        "\nWho you are to them ('You rent the flat on the top floor')", data.get("your_role", "")
    )
    data["your_goal"] = asker.ask("Your goal (Enter to use your targets)", data.get("your_goal", ""))
    if not data.get("your_constraints"):
        data["your_constraints"] = asker.ask_list("What limits you", 3)
    return data


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    here: Any = data
    for part in parts[:-1]:
        here = here[int(part)] if part.isdigit() else here.setdefault(part, {})
    last = parts[-1]
    if isinstance(here, list) and last.isdigit():
        here[int(last)] = value
    else:
        here[last] = value


def _fix(problems: list[Problem], data: dict[str, Any], stdin: TextIO, stdout: TextIO) -> bool:
    """Ask again for each answer a problem is at; False when there is nothing the user can retype here."""
    asker = _Asker(stdin, stdout)
    stdout.write("\nA few answers need changing:\n")
    for problem in problems:
        stdout.write(f"  - {problem}\n")
    changed = False
    for problem in dict.fromkeys(problems):
        path = problem.field
        leaf = path.split(".")[-1]
        if leaf in ("concerns", "issues", "needs", "tried_before", "your_constraints", "behind"):
            if leaf in ("needs", "tried_before", "your_constraints", "behind"):
                _set(data, path, asker.ask_list(f"{label_of(path)} ({problem.message})", 3))
                changed = True
            continue
        value: Any = asker.ask(f"{label_of(path)} ({problem.message})")
        if leaf.startswith(("their_", "your_target", "your_limit", "current")):
            value = _number(value)
        _set(data, path, value)
        changed = True
    return changed


def save_built(persona: Persona, settings: Settings, output: Path | None) -> Path:
    """Write the persona to `output`, or to your persona folder as <id>.yaml; never over another file or id."""
    if output is None:
        library = load_library(settings.persona_dirs)
        if persona.id in library.personas:
            raise PersonaError(
                persona.id,
                [
                    f"id '{persona.id}' is already used by {library.sources[persona.id]}; "
                    "give the answers another 'id'"
                ],
            )
        output = settings.custom_persona_dir / f"{persona.id}.yaml"
    if output.exists():
        raise PersonaError(str(output), ["the file already exists; choose another --output"])
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(persona_to_yaml(persona), encoding="utf-8")
    return output


def run_new(
    settings: Settings,
    source: str | None,
    output: str | None,
    prep_file: str | None,
    stdin: TextIO,
    stdout: TextIO,
    stderr: TextIO,
) -> int:
    """`parley personas new`: build from a file of answers, or interview the user; save and say how to rehearse."""
    prep: dict[str, str] = {}
    if prep_file:
        loaded = yaml.safe_load(Path(prep_file).read_text(encoding="utf-8")) or {}
        prep = {str(k): str(v) for k, v in loaded.items()} if isinstance(loaded, dict) else {}
    try:
        if source:
            answers = answers_from_text(Path(source).read_text(encoding="utf-8"))
            if prep:
                answers = answers_from_data(prefill_from_prep(answers.model_dump(), prep))
            persona = build_persona(answers)
        else:
            persona = _interactive(stdin, stdout, prep)
    except BuildError as exc:
        print(f"{source or 'your answers'}: cannot build a persona yet. Change these answers:", file=stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=stderr)
        return 1
    except EOFError:
        print("\nstopped: nothing was saved.", file=stderr)
        return 1
    except OSError as exc:
        print(f"cannot read {source}: {exc.strerror}", file=stderr)
        return 1
    try:
        path = save_built(persona, settings, Path(output) if output else None)
    except PersonaError as exc:
        print(f"not saved: {'; '.join(exc.problems)}", file=stderr)
        return 1
    print(
        f"Saved {persona.name} ({persona.id}) to {path}. It passes `parley personas --check` with no warnings.",
        file=stdout,
    )
    print(
        f"Rehearse with them: parley chat --persona {persona.id}"
        if not output
        else f"Check it: parley personas --check {path}",
        file=stdout,
    )
    return 0


def _interactive(stdin: TextIO, stdout: TextIO, prep: dict[str, str]) -> Persona:
    data = interview(stdin, stdout, prep)
    for _ in range(6):
        try:
            answers: Answers = answers_from_data(data)
            return build_persona(answers)
        except BuildError as exc:
            if not _fix(exc.problems, data, stdin, stdout):
                raise
    return build_persona(answers_from_data(data))


__all__ = ["run_new", "interview", "save_built", "WEIGHTS"]
