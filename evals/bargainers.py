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
from dataclasses import dataclass, field
from pathlib import Path

from simulator import deal as D
from simulator.offers import describe_terms
from simulator.personas import DIFFICULTIES, Persona
from simulator.session import Rehearsals, TurnResult
from simulator.settings import Settings

STRATEGIES = ("skilled", "split", "conceder", "hardball")
EXPLORE = [
    "Before we talk numbers, tell me how things look from your side.",
    "What worries you most about this?",
    "Can you tell me more about that?",
    "What else is on your mind?",
    "Can you say more about that?",
    "What else would you need to make this work?",
]


def _between(issue, a: float, b: float, share: float) -> float:
    return D.snap(issue, a + (b - a) * share)


def _within_user_limits(persona: Persona, terms: dict[str, float]) -> bool:
    return D.within_limits(persona.issues, terms, "user")


@dataclass
class Bargainer:
    """A scripted user with a strategy; `next_turn` reads the counterpart's last reply."""

    persona: Persona
    strategy: str
    turn: int = 0
    last_offer: dict[str, float] = field(default_factory=dict)
    standing: dict[str, float] = field(default_factory=dict)
    offers: int = 0
    heard: list[str] = field(default_factory=list)

    def _offer_text(self, terms: dict[str, float], framing: str) -> str:
        self.last_offer = dict(terms)
        self.offers += 1
        return framing.format(terms=describe_terms(self.persona.issues, terms))

    def next_turn(self, last: TurnResult, ledger_standing: dict[str, float]) -> str | None:
        issues = self.persona.issues
        self.turn += 1
        self.standing = dict(ledger_standing)
        if last.ended:
            return None
        if last.move == "counter" and self.standing:
            if self.strategy in ("conceder", "split", "skilled") and _within_user_limits(self.persona, self.standing):
                value = D.utility(issues, self.standing, "user")
                floor = {"conceder": -1.0, "split": 0.25, "skilled": 0.35}[self.strategy]
                if value >= floor or self.offers >= 5:
                    return "That works for me. Deal."
        target = {i.id: i.user.target for i in issues}
        if self.strategy == "hardball":
            if self.offers == 0:
                return self._offer_text(target, "I want {terms}.")
            return self._offer_text(target, "{terms}. That's my final offer, take it or leave it.")
        if self.strategy == "conceder":
            share = min(1.0, 0.5 * self.offers)
            terms = {i.id: _between(i, i.user.target, self.standing.get(i.id, i.opening), share) for i in issues}
            terms = {k: v for k, v in terms.items()}
            return self._offer_text(terms, "Could we do {terms}?")
        if self.strategy == "split":
            base = self.last_offer or {i.id: i.user.target for i in issues}
            terms = {i.id: _between(i, base[i.id], self.standing.get(i.id, i.opening), 0.5) for i in issues}
            return self._offer_text(terms, "Let's split the difference: {terms}.")
        return self._skilled(last)

    def _skilled(self, last: TurnResult) -> str:
        issues = self.persona.issues
        if last.move in ("raise_concern", "reveal", "warm_up") and last.disclosures:
            self.heard.append(last.disclosures[-1]["text"])
        explore_turns = 6
        if self.turn <= explore_turns:
            if self.turn == 4 and self.heard:
                return "So if I've got it right, " + _second_person(self.heard[-1])
            return EXPLORE[self.turn - 1]
        disclosed = [c for c in self.persona.concerns if c.id in last.disclosed]
        terms: dict[str, float] = {}
        # Anchor near its own target, but give the counterpart what answers the concerns it raised, and give more
        # on each round on the issues it values least relative to the counterpart (log-rolling).
        share = min(0.9, 0.15 + 0.25 * self.offers)
        for i in issues:
            terms[i.id] = _between(i, i.user.target, self.standing.get(i.id, i.opening), share)
        uw, cw = D.weights(issues, "user"), D.weights(issues, "counterpart")
        for i in issues:
            if cw[i.id] > uw[i.id]:
                terms[i.id] = D.snap(i, i.user.limit if D.better(i.counterpart, i.user.limit, terms[i.id]) else terms[i.id])
        for c in disclosed:
            for term in c.answered_by_terms:
                trial = dict(terms)
                name, value = D.parse_term(term)
                trial[name] = value
                if D.within_limits(issues, trial, "user"):
                    terms = trial
                    break
        titles = " and ".join(c.title.lower() for c in disclosed[:2]) or "what you told me"
        return self._offer_text(terms, "Here's what I'd propose: {terms}. That answers " + titles
                                + ", so it works for you as well as for me.")


def _second_person(sentence: str) -> str:
    from evals.learners import second_person

    return second_person(sentence) + "."


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
    bargainer = Bargainer(persona, strategy)
    last = service.start(persona.id, difficulty, seed=seed)
    standing = D.opening_terms(persona.issues)
    for _ in range(40):
        text = bargainer.next_turn(last, standing)
        if text is None:
            break
        last = service.reply(last.session_id, text)
        ledger = service.ledger(last.session_id)
        standing = dict(ledger.get("standing") or standing)
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
    return Run(persona.id, difficulty, strategy, last.outcome or "no_agreement", below, round(user_value, 3),
               round(joint / best, 3) if best > 0 else 0.0, bargainer.turn)


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
    misses = [f"{r.persona_id}/{r.difficulty}/{r.strategy}: agreed below its walk-away" for r in runs if r.below_walkaway]
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
    rows = ["| persona | difficulty | " + " | ".join(f"{s}: deal, value, joint" for s in STRATEGIES) + " |",
            "|---|---|" + "---|" * len(STRATEGIES)]
    cells: dict[tuple[str, str], dict[str, Run]] = {}
    for r in runs:
        cells.setdefault((r.persona_id, r.difficulty), {})[r.strategy] = r
    for (pid, diff), by in cells.items():
        rows.append(f"| {pid} | {diff} | " + " | ".join(
            f"{'yes' if by[s].outcome == 'agreement' else 'no'}, {by[s].user_value:.2f}, {by[s].joint_share:.0%}"
            for s in STRATEGIES) + " |")
    summary = []
    for s in STRATEGIES:
        rs = [r for r in runs if r.strategy == s]
        summary.append(f"{s}: {sum(r.outcome == 'agreement' for r in rs)}/{len(rs)} deals, "
                       f"value {statistics.mean(r.user_value for r in rs):.2f}, "
                       f"joint {statistics.mean(r.joint_share for r in rs):.0%}")
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
