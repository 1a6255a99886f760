"""Four scripted bargainers against every persona and difficulty: does asking well get more?

- skilled: uncovers the concerns (open questions, follow-ups, a summary), anchors near its own target with
  terms that answer the concerns it heard, then trades: it gives ground on what it values least and the
  counterpart values most, and accepts a counter that is within its limits;
- split: offers the midpoint between its target and the counterpart's position, then splits the difference;
- conceder: offers its target, then gives half the gap at once and takes the first counter within its limits;
- hardball: offers its target and repeats it with pressure.

All talk to the counterpart in plain text through the same service as the app; the counterpart reads their
numbers from that text. Measured: agreement rate, the user's value (0 at its limits, 1 at its targets) and the
joint value as a share of the best joint value on the Pareto frontier. Run: `python -m evals.bargainers`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from evals.learners import Negotiator, SkilledLearner
from simulator import deal as D
from simulator.personas import DIFFICULTIES, Persona
from simulator.session import Rehearsals
from simulator.settings import Settings

STRATEGIES = ("skilled", "split", "conceder", "hardball")


@dataclass
class Run:
    persona_id: str
    difficulty: str
    strategy: str
    outcome: str
    below_walkaway: bool
    user_value: float
    joint_share: float
    turns: int


def run_one(service: Rehearsals, persona: Persona, difficulty: str, strategy: str, seed: int = 7) -> Run:
    """One bargainer through one whole session."""
    bargainer = SkilledLearner(persona) if strategy == "skilled" else Negotiator(persona, strategy)
    last = service.start(persona.id, difficulty, seed=seed)
    turns = 0
    for _ in range(40):
        text = bargainer.next_turn(last)
        if text is None or last.ended:
            break
        last = service.reply(last.session_id, text)
        turns += 1
        if last.ended:
            break
    if not last.ended:
        last = service.end(last.session_id)
    ledger = service.ledger(last.session_id)
    agreed = ledger.get("agreed")
    best = max((o.joint for o in D.pareto_frontier(persona.issues)), default=1.0)
    if agreed:
        user_value = D.utility(persona.issues, agreed, "user")
        joint = user_value + D.utility(persona.issues, agreed, "counterpart")
        below = not D.within_limits(persona.issues, agreed, "counterpart")
    else:
        user_value, joint, below = 0.0, 0.0, False
    return Run(
        persona.id,
        difficulty,
        strategy,
        last.outcome or "no_agreement",
        below,
        round(user_value, 3),
        round(joint / best, 3) if best > 0 else 0.0,
        turns,
    )


def run_matrix(service: Rehearsals, persona_ids: list[str] | None = None) -> list[Run]:
    runs = []
    for pid in persona_ids or service.library.ids():
        persona = service.library.get(pid)
        for difficulty in DIFFICULTIES:
            for strategy in STRATEGIES:
                runs.append(run_one(service, persona, difficulty, strategy))
    return runs


def check(runs: list[Run]) -> list[str]:
    """The deals issue's targets, one message per miss."""
    misses = [
        f"{r.persona_id}/{r.difficulty}/{r.strategy}: agreed below its walk-away"
        for r in runs
        if r.below_walkaway
    ]
    by_persona: dict[str, list[Run]] = {}
    for r in runs:
        by_persona.setdefault(r.persona_id, []).append(r)
    for pid, rs in by_persona.items():
        mean = {s: statistics.mean(r.user_value for r in rs if r.strategy == s) for s in STRATEGIES}
        joint = {s: statistics.mean(r.joint_share for r in rs if r.strategy == s) for s in STRATEGIES}
        if any(mean[s] > mean["skilled"] + 1e-9 for s in STRATEGIES if s != "skilled"):
            misses.append(f"{pid}: the skilled bargainer does not get the most value ({mean})")
        if any(joint[s] > joint["skilled"] + 1e-9 for s in STRATEGIES if s != "skilled"):
            misses.append(f"{pid}: the skilled bargainer does not create the most joint value ({joint})")
    return misses


def table(runs: list[Run]) -> str:
    rows = [
        "| persona | difficulty | " + " | ".join(f"{s}: deal, value, joint" for s in STRATEGIES) + " |",
        "|---|---|" + "---|" * len(STRATEGIES),
    ]
    cells: dict[tuple[str, str], dict[str, Run]] = {}
    for r in runs:
        cells.setdefault((r.persona_id, r.difficulty), {})[r.strategy] = r
    for (pid, diff), by in cells.items():
        rows.append(
            f"| {pid} | {diff} | "
            + " | ".join(
                f"{'yes' if by[s].outcome == 'agreement' else 'no'}, {by[s].user_value:.2f}, {by[s].joint_share:.0%}"
                for s in STRATEGIES
            )
            + " |"
        )
    summary = []
    for s in STRATEGIES:
        rs = [r for r in runs if r.strategy == s]
        summary.append(
            f"{s}: {sum(r.outcome == 'agreement' for r in rs)}/{len(rs)} deals, "
            f"value {statistics.mean(r.user_value for r in rs):.2f}, "
            f"joint {statistics.mean(r.joint_share for r in rs):.0%}"
        )
    return "\n".join(rows) + "\n\n" + "; ".join(summary)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persona", action="append", help="only these persona ids (repeatable)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        service = Rehearsals(Settings(data_dir=Path(tmp)))
        try:
            runs = run_matrix(service, args.persona)
        finally:
            service.close()
    print(table(runs))
    misses = check(runs)
    for miss in misses:
        print(f"MISS {miss}", file=sys.stderr)
    print(f"\n{len(runs)} sessions, {len(misses)} misses")
    return 1 if misses else 0


if __name__ == "__main__":
    raise SystemExit(main())
