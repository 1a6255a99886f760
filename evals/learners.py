"""Simulated learners, driven through the same service, graph and database the app uses.

The skilled learner practises the method: window questions, "tell me more", summaries built from what the
counterpart actually said, and a benefit-framed ask tied to the concerns it disclosed. The unskilled one
asks closed questions, makes bare demands and applies pressure. Run: `python -m evals.learners`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulator import deal as D
from simulator.offers import describe_terms
from simulator.personas import DIFFICULTIES, Persona
from simulator.session import Rehearsals, TurnResult
from simulator.settings import Settings

_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_SWAPS = [
    (r"\bI'm\b", "you're"),
    (r"\bI am\b", "you are"),
    (r"\bI've\b", "you've"),
    (r"\bI'd\b", "you'd"),
    (r"\bI'll\b", "you'll"),
    (r"\bI\b", "you"),
    (r"\bmy\b", "your"),
    (r"\bme\b", "you"),
    (r"\bmine\b", "yours"),
    (r"\bwe\b", "you"),
    (r"\bour\b", "your"),
    (r"\bus\b", "you"),
]


def second_person(sentence: str) -> str:
    """Turn the counterpart's first-person sentence into a restatement addressed to them."""
    out = sentence.strip().rstrip(".!")
    for pattern, repl in _SWAPS:
        out = re.sub(pattern, repl, out, flags=re.IGNORECASE)
    return out[0].lower() + out[1:] if out else out


def content_sentence(text: str) -> str:
    """The most informative sentence of a counterpart line (the longest one with a number or the longest)."""
    sentences = [s for s in _SENTENCE.split(text) if len(s.split()) >= 4] or [text]
    with_numbers = [s for s in sentences if re.search(r"\d", s)]
    return max(with_numbers or sentences, key=len)


def _between(issue, a: float, b: float, share: float) -> float:
    return D.snap(issue, a + (b - a) * share)


@dataclass
class Negotiator:
    """Bargains in plain text on the persona's issues, the way the user's brief allows (targets and limits).

    skilled: anchors near its targets but puts in the terms that answer the concerns it has heard, gives ground on
    what it values least and the counterpart values most, and accepts a counter within its limits;
    split: the midpoint of its target and the counterpart's position, then splits the difference;
    conceder: gives half the gap at once and takes the first counter within its limits;
    hardball: its targets, repeated with pressure.
    """

    persona: Persona
    strategy: str = "skilled"
    standing: dict[str, float] = field(default_factory=dict)
    last_offer: dict[str, float] = field(default_factory=dict)
    offers: int = 0

    def __post_init__(self) -> None:
        self.standing = D.opening_terms(self.persona.issues)

    def _say(self, terms: dict[str, float], framing: str) -> str:
        for issue in self.persona.issues:  # never offer past one's own limit
            lo, hi = sorted((issue.user.target, issue.user.limit))
            terms[issue.id] = D.snap(issue, min(max(terms[issue.id], lo), hi))
        self.last_offer = dict(terms)
        self.offers += 1
        return framing.format(terms=describe_terms(self.persona.issues, terms))

    def next_turn(self, last: TurnResult) -> str | None:
        issues = self.persona.issues
        if last.terms:
            self.standing = {**self.standing, **last.terms}
        if last.ended:
            return None
        if (
            last.move == "counter"
            and self.strategy != "hardball"
            and D.within_limits(issues, self.standing, "user")
        ):
            floor = {"conceder": -1.0, "split": 0.2, "skilled": 0.3}[self.strategy]
            if D.utility(issues, self.standing, "user") >= floor or self.offers >= 4:
                return "That works for me. Deal."
        if self.offers >= 8:
            return None
        target = {i.id: i.user.target for i in issues}
        if self.strategy == "hardball":
            framing = (
                "I want {terms}."
                if not self.offers
                else "{terms}. That's my final offer, take it or leave it."
            )
            return self._say(target, framing)
        if self.strategy == "conceder":
            share = min(1.0, 0.5 * self.offers)
            return self._say(
                {i.id: _between(i, i.user.target, self.standing[i.id], share) for i in issues},
                "Could we do {terms}?",
            )
        if self.strategy == "split":
            base = self.last_offer or target
            return self._say(
                {i.id: _between(i, base[i.id], self.standing[i.id], 0.5) for i in issues},
                "Let's split the difference: {terms}.",
            )
        return self._skilled(last)

    def _skilled(self, last: TurnResult) -> str:
        issues = self.persona.issues
        share = min(0.9, 0.2 * self.offers)
        terms = {i.id: _between(i, i.user.target, self.standing[i.id], share) for i in issues}
        uw, cw = D.weights(issues, "user"), D.weights(issues, "counterpart")
        for i in issues:
            if cw[i.id] > 1.5 * uw[i.id]:
                # Cheap for us, dear to them: give it as far as our limit allows (log-rolling).
                terms[i.id] = D.snap(
                    i,
                    i.counterpart.target
                    if D.within_limits(issues, {**terms, i.id: i.counterpart.target}, "user")
                    else i.user.limit,
                )
        disclosed = [c for c in self.persona.concerns if c.id in last.disclosed]
        answered = []
        for c in disclosed:
            for term in c.answered_by_terms:
                name, value = D.parse_term(term)
                trial = {**terms, name: D.snap(self.persona.issue(name), value)}
                if D.term_holds(term, terms):
                    answered.append(c)
                    break
                if D.within_limits(issues, trial, "user"):
                    terms = trial
                    answered.append(c)
                    break
        said = "the concerns you raised" if answered else "what you told me"
        return self._say(
            terms,
            "Here's what I'd propose: {terms}. That answers " + said + ", so it works for you "
            "as well as for me.",
        )


@dataclass
class SkilledLearner:
    """Asks window questions, follows up, summarises faithfully, then bargains on terms that answer the concerns."""

    persona: Persona
    plan: list[str] = field(default_factory=list)
    phase: str = "explore"
    asked_more: int = 0
    asked_else: int = 0
    summarised: set[str] = field(default_factory=set)
    negotiator: Negotiator | None = None

    def __post_init__(self) -> None:
        self.plan = [
            "Tell me about how things look from your side.",
            "What concerns you most about this?",
        ]
        self.negotiator = Negotiator(self.persona, "skilled")

    def next_turn(self, last: TurnResult) -> str | None:
        if self.plan:
            return self.plan.pop(0)
        if self.phase == "explore":
            return self._explore(last)
        if self.phase == "windows":
            if self.plan:
                return self.plan.pop(0)
            self.phase = "ask"
        return self.negotiator.next_turn(last)  # type: ignore[union-attr]

    def _explore(self, last: TurnResult) -> str | None:
        new = last.move in ("raise_concern", "reveal", "warm_up", "feel_heard") and last.disclosures
        if new and last.text not in self.summarised and self.asked_more:
            self.summarised.add(last.text)
            self.asked_more = 0
            said = " ".join(d["text"] for d in last.disclosures) or last.text
            return f"So what I'm hearing is that {second_person(content_sentence(said))}."
        if new and self.asked_more < 2:
            self.asked_more += 1
            self.asked_else = 0
            return "Can you tell me more about that?"
        self.asked_more = 0
        if self.asked_else < 1:
            self.asked_else += 1
            return ELSE_QUESTIONS[len(self.summarised) % len(ELSE_QUESTIONS)]
        self.phase = "windows"
        self.plan = [
            "What do you need to make this work for you?",
            "What has worked for you in the past with this kind of thing?",
        ]
        return self.plan.pop(0)


ELSE_QUESTIONS = (
    "What else concerns you?",
    "What else is on your mind about this?",
    "Is there anything else worrying you?",
)


def benefit_ask(persona: Persona, disclosed: list[str]) -> str:
    """A concrete ask that puts in the terms answering every concern the counterpart has disclosed."""
    negotiator = Negotiator(persona, "skilled")
    last = TurnResult(session_id="", text="", move="", user_turn=0, disclosed=list(disclosed))
    return negotiator.next_turn(last) or ""


@dataclass
class PartialLearner:
    """Draws out one concern well, then bargains: it has less to trade with than the skilled learner."""

    persona: Persona
    plan: list[str] = field(
        default_factory=lambda: [
            "What concerns you most about this?",
            "Can you tell me more about that?",
        ]
    )
    negotiator: Negotiator | None = None

    def next_turn(self, last: TurnResult) -> str | None:
        if self.plan:
            return self.plan.pop(0)
        if self.negotiator is None:
            self.negotiator = Negotiator(self.persona, "split")
        return self.negotiator.next_turn(last)


CONVERSATIONS = Path(__file__).parent / "conversations"
DEV_PARTS = ("dev_a.jsonl", "dev_b.jsonl")  # never the blind part: it stays unopened by anything that tunes


def human_phrasings(persona_id: str) -> dict[str, list[str]]:
    """People's own phrasings from the development part of the conversation set, by what they do.

    questions:<concern id> (open questions people asked about that concern of this persona), follow_up (asking
    for more), else (asking what else), summary_frame (how people start a summary), offer_frame (how they open
    an offer), accept (how they say yes). Summary and offer *content* cannot be borrowed (it depends on what was
    said), so only the human frames are.
    """
    bank: dict[str, list[str]] = {}
    for name in DEV_PARTS:
        path = CONVERSATIONS / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            conv = json.loads(line)
            for turn in conv["turns"]:
                for part in turn.get("parts", []):
                    text, act = part["text"].strip(), part["act"]
                    low = text.lower()
                    if act == "open_question" and conv["persona"] == persona_id and part.get("topic"):
                        bank.setdefault(f"questions:{part['topic']}", []).append(text)
                    # Only phrasings that fit any conversation: "tell me more about that", not "… about the roof".
                    if act == "open_question" and re.search(r"\bmore(?: about (?:that|it|this))?\W*$", low):
                        bank.setdefault("follow_up", []).append(text)
                    if (
                        act == "open_question"
                        and re.search(r"\b(?:anything|something|what) else\b", low)
                        and re.search(
                            r"(?:else|mind|worrying you|bothering you|concern(?:s|ing)? you)\W*$", low
                        )
                        and "," not in low
                        and len(low.split()) <= 10
                    ):
                        bank.setdefault("else", []).append(text)
                    if act == "summary" and part.get("faithful"):
                        m = re.match(
                            r"^\W*((?:ok(?:ay)?|right|got it|ahh?|oh|so|sounds like|so basically|so if i get this right|"
                            r"let me (?:check|try and put it together|make sure i've got it)|so what i'm hearing(?: is)?)"
                            r"[\s,.:;-]*(?:so[\s,]*)?)",
                            text,
                            re.I,
                        )
                        if m and len(m.group(1).split()) >= 1:
                            bank.setdefault("summary_frame", []).append(m.group(1).strip())
                    if act == "offer" and part.get("benefit"):
                        m = re.match(r"^([^$\d]{6,60}?)(?=[$\d])", text)
                        if m and re.search(
                            r"(?:do|propose|proposal|offer|here's|heres|what if|how about|can|could)",
                            m.group(1),
                            re.I,
                        ):
                            bank.setdefault("offer_frame", []).append(m.group(1).strip().rstrip(",:"))
                    if act == "accept" and len(low.split()) <= 10 and not part.get("terms"):
                        bank.setdefault("accept", []).append(text)
    return bank


@dataclass
class NaturalLearner:
    """A skilled strategy in people's own words: the questions, follow-ups, summary openings, offer openings and
    yeses come from the conversation set's development part, written by people who never saw the rules."""

    persona: Persona
    seed: int = 7
    bank: dict[str, list[str]] = field(default_factory=dict)
    queue: list[str] = field(default_factory=list)
    step: int = 0
    followed: int = 0
    summarised: int = 0
    negotiator: Negotiator | None = None

    def __post_init__(self) -> None:
        import random

        self.rng = random.Random(f"{self.seed}:{self.persona.id}")
        self.bank = human_phrasings(self.persona.id)
        order = [c.id for c in self.persona.concerns if c.key] + [
            c.id for c in self.persona.concerns if not c.key
        ]
        self.queue = [
            self.rng.choice(self.bank[f"questions:{c}"]) for c in order if self.bank.get(f"questions:{c}")
        ]
        self.negotiator = Negotiator(self.persona, "skilled")

    def _pick(self, kind: str, fallback: str) -> str:
        return self.rng.choice(self.bank.get(kind) or [fallback])

    def next_turn(self, last: TurnResult) -> str | None:
        self.step += 1
        if self.step > 18 or self.negotiator.offers:  # type: ignore[union-attr]
            return self._bargain(last)
        new = last.move in ("raise_concern", "reveal", "warm_up", "feel_heard") and last.disclosures
        if new and self.followed == 0:
            self.followed = 1
            return self._pick("follow_up", "tell me more?")
        if new and self.followed == 1 and self.summarised < 4:
            self.followed, self.summarised = 2, self.summarised + 1
            said = " ".join(d["text"] for d in last.disclosures) or last.text
            frame = self._pick("summary_frame", "so")
            joiner = " " if frame.lower().endswith(("so", ":", "is", "like")) else ", so "
            return f"{frame}{joiner}{second_person(content_sentence(said))}."
        self.followed = 0
        if self.queue:
            return self.queue.pop(0)
        if self.step <= 12 and self.bank.get("else"):
            return self.bank["else"].pop(self.rng.randrange(len(self.bank["else"])))
        return self._bargain(last)

    def _bargain(self, last: TurnResult) -> str | None:
        text = self.negotiator.next_turn(last)  # type: ignore[union-attr]
        if text is None:
            return None
        if text.startswith("That works for me"):
            return self._pick("accept", "deal")
        if text.startswith("Here's what I'd propose: "):
            frame = self._pick("offer_frame", "Here's what I can do:")
            return f"{frame} {text.removeprefix(chr(72) + 'ere' + chr(39) + 's what I' + chr(39) + 'd propose: ')}"
        return text


UNSKILLED_TURNS = [
    "Is this your final price?",
    "Can you do better than that?",
    "I need a better deal than this.",
    "Do you want to keep my business or not?",
    "Give me 20 percent off or I'm walking.",
    "That's not good enough. Take it or leave it.",
    "Are you going to budge at all?",
    "I need you to just agree to my terms.",
    "Is that a yes or a no?",
    "You have to do better or we're done.",
]


@dataclass
class UnskilledLearner:
    """Closed questions, bare demands and pressure."""

    index: int = 0

    def next_turn(self, last: TurnResult) -> str | None:
        if last.ended or self.index >= len(UNSKILLED_TURNS):
            return None
        self.index += 1
        return UNSKILLED_TURNS[self.index - 1]


@dataclass
class SessionResult:
    """What one simulated session achieved."""

    persona_id: str
    difficulty: str
    learner: str
    session_id: str
    outcome: str
    user_turns: int
    concerns_pct: float
    hidden_pct: float
    overall: int | None
    user_value: float  # the deal's value to the user (0 at its limits, 1 at its targets); 0 with no deal
    early_disclosures: int  # hidden layers disclosed after a turn that did not draw them out
    repeated_lines: int  # counterpart lines said twice while unused variants of that move remained
    turn_ms: list[float]


def run_session(
    service: Rehearsals,
    persona: Persona,
    difficulty: str,
    learner_kind: str,
    seed: int = 7,
    max_turns: int = 60,
) -> SessionResult:
    """Drive one learner through a whole session and measure it."""
    learner: Any = {"skilled": SkilledLearner, "partial": PartialLearner, "natural": NaturalLearner}.get(
        learner_kind
    )
    learner = learner(persona) if learner else UnskilledLearner()
    last = service.start(persona.id, difficulty, seed=seed)
    times: list[float] = []
    for _ in range(max_turns):
        text = learner.next_turn(last)
        if text is None or last.ended:
            break
        started = time.perf_counter()
        last = service.reply(last.session_id, text)
        times.append((time.perf_counter() - started) * 1000)
        if last.ended:
            break
    if not last.ended:
        last = service.end(last.session_id)
    view = service.view(last.session_id)
    meter = view.meter
    agreed = service.ledger(last.session_id).get("agreed")
    return SessionResult(
        persona_id=persona.id,
        difficulty=difficulty,
        learner=learner_kind,
        session_id=last.session_id,
        outcome=view.outcome or "no_agreement",
        user_turns=len(view.assessments),
        concerns_pct=100 * meter["concerns_disclosed"] / meter["concerns_total"],
        hidden_pct=100 * meter["hidden_disclosed"] / max(1, meter["hidden_total"]),
        overall=(view.scorecard or {}).get("overall"),
        user_value=round(D.utility(persona.issues, agreed, "user"), 3) if agreed and persona.issues else 0.0,
        early_disclosures=_early_disclosures(view.turns, view.assessments),
        repeated_lines=_repeats(view.turns, persona),
        turn_ms=times,
    )


def _early_disclosures(turns: list[dict], assessments: list[dict]) -> int:
    """Hidden layers (layer >= 1) disclosed in answer to a turn that was neither an open question nor a summary."""
    bad, user_n = 0, 0
    for turn in turns:
        if turn["role"] == "user":
            user_n += 1
            continue
        hidden = [
            d for d in turn.get("disclosures", []) if d.get("layer", 0) >= 1 and ":" not in d["item_id"]
        ]
        if hidden and user_n:
            moves = set(assessments[user_n - 1].get("moves", []))
            if not moves & {"open_question", "summary"}:
                bad += 1
    return bad


def _repeats(turns: list[dict], persona: Persona) -> int:
    seen: dict[str, int] = {}
    uses: dict[str, int] = {}
    repeats = 0
    for turn in turns:
        if turn["role"] != "counterpart":
            continue
        move = turn.get("move") or ""
        uses[move] = uses.get(move, 0) + 1
        if turn["text"] in seen and uses[move] <= len(persona.lines.get(move, [])):
            repeats += 1
        seen[turn["text"]] = 1
    return repeats


LEARNERS = ("skilled", "partial", "natural", "unskilled")


def run_matrix(service: Rehearsals, persona_ids: list[str] | None = None) -> list[SessionResult]:
    """Every learner against every persona at every difficulty."""
    results = []
    for pid in persona_ids or service.library.ids():
        persona = service.library.get(pid)
        for difficulty in DIFFICULTIES:
            for learner in LEARNERS:
                results.append(run_session(service, persona, difficulty, learner))
    return results


def check(results: list[SessionResult]) -> list[str]:
    """The targets the issues set; returns one message per miss."""
    misses = []
    for r in results:
        where = f"{r.persona_id}/{r.difficulty}/{r.learner}"
        if r.learner == "skilled":
            if r.outcome != "agreement":
                misses.append(f"{where}: skilled learner got {r.outcome}")
            if r.concerns_pct < 75:
                misses.append(f"{where}: skilled learner uncovered only {r.concerns_pct:.0f}% of concerns")
        elif r.learner in ("partial", "natural"):
            pass  # reported in the table; the natural learner's target is counted over all cells below
        else:
            if r.outcome == "agreement":
                misses.append(f"{where}: unskilled learner reached agreement")
            if r.hidden_pct > 25:
                misses.append(f"{where}: unskilled learner uncovered {r.hidden_pct:.0f}% of hidden layers")
        if r.early_disclosures:
            misses.append(f"{where}: {r.early_disclosures} hidden layer(s) disclosed without being drawn out")
        if r.repeated_lines:
            misses.append(f"{where}: {r.repeated_lines} line(s) repeated while variants remained")
    natural = [r for r in results if r.learner == "natural" and r.difficulty == "realistic"]
    if natural and sum(r.outcome == "agreement" for r in natural) < 0.75 * len(natural):
        misses.append(
            f"natural learner agreed in only {sum(r.outcome == 'agreement' for r in natural)} of "
            f"{len(natural)} personas at realistic (target: 75%)"
        )
    by_key: dict[tuple[str, str], dict[str, int | None]] = {}
    for r in results:
        by_key.setdefault((r.persona_id, r.difficulty), {})[r.learner] = r.overall
    for (pid, diff), scores in by_key.items():
        skilled, unskilled = scores.get("skilled"), scores.get("unskilled")
        if skilled is not None and unskilled is not None and skilled - unskilled < 25:
            misses.append(f"{pid}/{diff}: scores do not separate the learners ({skilled} vs {unskilled})")
    return misses


def table(results: list[SessionResult]) -> str:
    """A Markdown table, one row per persona and difficulty."""
    rows = [
        "| persona | difficulty | skilled: outcome, turns, concerns, value, score | partial: outcome, turns, value "
        "| natural: outcome, turns, value | unskilled: outcome, turns, hidden layers, score |",
        "|---|---|---|---|---|---|",
    ]
    pairs: dict[tuple[str, str], dict[str, SessionResult]] = {}
    for r in results:
        pairs.setdefault((r.persona_id, r.difficulty), {})[r.learner] = r
    for (pid, diff), pair in pairs.items():
        s, p, n, u = pair["skilled"], pair["partial"], pair["natural"], pair["unskilled"]
        rows.append(
            f"| {pid} | {diff} | {s.outcome}, {s.user_turns}, {s.concerns_pct:.0f}%, {s.user_value:.2f}, {s.overall} "
            f"| {p.outcome}, {p.user_turns}, {p.user_value:.2f} | {n.outcome}, {n.user_turns}, {n.user_value:.2f} "
            f"| {u.outcome}, {u.user_turns}, {u.hidden_pct:.0f}%, {u.overall} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Run the learners and print the table; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persona", action="append", help="only these persona ids (repeatable)")
    parser.add_argument("--verbose", "-v", action="store_true", help="print each session's transcript")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        service = Rehearsals(Settings(data_dir=Path(tmp)))
        try:
            results = run_matrix(service, args.persona)
            if args.verbose:
                for r in results:
                    print(f"\n## {r.persona_id}/{r.difficulty}/{r.learner}: {r.outcome}")
                    for t in service.view(r.session_id).turns:
                        print(f"  {'YOU' if t['role'] == 'user' else t.get('move', '').upper()}: {t['text']}")
        finally:
            service.close()
    print(table(results))
    misses = check(results)
    for miss in misses:
        print(f"MISS {miss}", file=sys.stderr)
    print(f"\n{len(results)} sessions, {len(misses)} misses")
    return 1 if misses else 0


if __name__ == "__main__":
    raise SystemExit(main())
