"""Situations turned into personas through the builder's plain answers, then rehearsed by the simulated learners.

For every situation in evals/situations/ and every difficulty: the persona builds (so it passes `parley personas
--check` with no warnings), the skilled learner reaches agreement and the unskilled one does not, no hidden layer is
disclosed before it is drawn out, and no line says a word that is in neither its own answers nor the builder's
templates. Run: `python -m evals.builder_eval` (`--situation NAME` for one).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from evals.learners import SessionResult, check, run_session
from simulator.builder import WALK_AWAY_INTRO, Answers, BuildError, answers_from_text, build_persona
from simulator.builder_lines import _BY_TEMPERAMENT, _NEUTRAL
from simulator.personas import DIFFICULTIES, Persona, load_library, persona_to_yaml
from simulator.session import Rehearsals
from simulator.settings import Settings

SITUATIONS = Path(__file__).parent / "situations"
_WORDS = re.compile(r"[a-z]+")


def situation_files(names: list[str] | None = None) -> list[Path]:
    """The situation answer files, in name order (only `names` when given)."""
    files = sorted(SITUATIONS.glob("*.yaml"))
    return [f for f in files if not names or f.stem in names]


def _template_words() -> set[str]:
    words: set[str] = set()
    for table in (_NEUTRAL, *_BY_TEMPERAMENT.values()):
        for variants in table.values():
            for line in variants:
                words |= set(_WORDS.findall(line.lower()))
    return words


def outside_words(persona: Persona, answers: Answers) -> list[str]:
    """Words in the persona's lines and spoken text that come neither from its answers nor from the templates."""
    own = (
        set(_WORDS.findall(answers.model_dump_json().lower()))
        | _template_words()
        | {"content", "i", "m", "s", "right", "now", "it"}
    )
    own |= set(_WORDS.findall(WALK_AWAY_INTRO.lower()))
    own |= set(_WORDS.findall(" ".join(i.phrase for i in persona.issues).lower()))
    spoken = [line for variants in persona.lines.values() for line in variants]
    spoken += [persona.goal_line, persona.first_step, *persona.history, *(n.text for n in persona.needs)]
    spoken += [c.surface for c in persona.concerns] + [layer for c in persona.concerns for layer in c.layers]
    spoken += [f.answer for f in persona.facts]
    return sorted({w for text in spoken for w in _WORDS.findall(text.lower())} - own)


@dataclass
class Row:
    situation: str
    built: bool
    problems: list[str]
    outside: list[str]
    results: list[SessionResult]


def run(names: list[str] | None = None, difficulties: tuple[str, ...] = DIFFICULTIES) -> list[Row]:
    """Build every situation, then run the skilled and unskilled learners at every difficulty."""
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "personas"
        folder.mkdir()
        built: dict[str, tuple[Persona, Answers]] = {}
        for path in situation_files(names):
            answers = answers_from_text(path.read_text(encoding="utf-8"))
            answers = answers.model_copy(update={"id": answers.id or f"built-{path.stem}"})
            try:
                persona = build_persona(answers)
            except BuildError as exc:
                rows.append(Row(path.stem, False, [str(p) for p in exc.problems], [], []))
                continue
            (folder / f"{persona.id}.yaml").write_text(persona_to_yaml(persona), encoding="utf-8")
            built[path.stem] = (persona, answers)
        service = Rehearsals(Settings(_env_file=None, data_dir=Path(tmp) / "data"))
        service.library = load_library([folder])
        try:
            for stem, (persona, answers) in built.items():
                results = []
                for difficulty in difficulties:
                    for learner in ("skilled", "unskilled"):
                        results.append(
                            run_session(service, service.library.get(persona.id), difficulty, learner)
                        )
                rows.append(Row(stem, True, [], outside_words(persona, answers), results))
        finally:
            service.close()
    return rows


def misses(rows: list[Row]) -> list[str]:
    """Every target missed, one line each."""
    out = []
    for row in rows:
        if not row.built:
            out.append(f"{row.situation}: does not build: {'; '.join(row.problems)}")
            continue
        if row.outside:
            out.append(f"{row.situation}: lines say words from outside its answers: {row.outside[:10]}")
        for miss in check(row.results):
            out.append(f"{row.situation}: {miss}")
    return out


def table(rows: list[Row]) -> str:
    lines = [
        "| situation | difficulty | skilled: outcome, turns, concerns | unskilled: outcome, turns, hidden | leaks |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        if not row.built:
            lines.append(f"| {row.situation} | — | does not build | | |")
            continue
        by = {(r.difficulty, r.learner): r for r in row.results}
        for d in dict.fromkeys(r.difficulty for r in row.results):
            s, u = by[(d, "skilled")], by[(d, "unskilled")]
            lines.append(
                f"| {row.situation} | {d} | {s.outcome}, {s.user_turns}, {s.concerns_pct:.0f}% "
                f"| {u.outcome}, {u.user_turns}, {u.hidden_pct:.0f}% | {s.early_disclosures + u.early_disclosures} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--situation", action="append", help="only these situation files (name without .yaml)"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    rows = run(args.situation)
    print(table(rows))
    found = misses(rows)
    for miss in found:
        print(f"MISS {miss}", file=sys.stderr)
    print(
        f"\n{len(rows)} situations, {sum(len(r.results) for r in rows)} sessions, {len(found)} misses, "
        f"{time.perf_counter() - started:.0f} s"
    )
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
