"""The bargaining maths: linear additive utilities over a persona's issues, a time-dependent concession curve,
log-rolling counter-offers and the Pareto frontier. Pure and deterministic, like the policy.

Why not negmas: it is the field's library for exactly this, but it brings ~54 packages (matplotlib, plotly,
scipy, scikit-learn) for maths that fits in this module: a handful of issues, linear utilities and one curve.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from simulator.personas import TERM_PATTERN, Concern, Issue, IssueSide

Terms = dict[str, float]

# Time-dependent tactics (Faratin et al.; the ANAC/GENIUS agents): e > 1 concedes early (conceder), e < 1 holds
# out until late (Boulware). `floor` is the lowest aspiration the curve reaches, above the walk-away (0).
CURVES: dict[str, tuple[float, float, int]] = {  # difficulty -> (e, floor, horizon in user turns)
    "easy": (2.0, 0.05, 14),
    "realistic": (1.0, 0.15, 18),
    "hard": (0.4, 0.30, 22),
}
CONCERN_BONUS = 0.08  # what answering one disclosed key concern is worth to the counterpart, in utility
BENEFIT_BONUS = 0.04  # and a little more when the ask says so (benefit-framed, tied to that concern)


def side_of(issue: Issue, who: str) -> IssueSide:
    return issue.counterpart if who == "counterpart" else issue.user


def snap(issue: Issue, value: float) -> float:
    """A value on the issue's grid, inside its range."""
    value = min(max(value, issue.low), issue.high)
    steps = round((value - issue.low) / issue.step)
    return round(issue.low + steps * issue.step, 6)


def issue_score(issue: Issue, value: float, who: str) -> float:
    """0 at the side's limit, 1 at its target, linear; above 1 past the target, negative past the limit."""
    side = side_of(issue, who)
    span = side.target - side.limit
    if span == 0:
        return 1.0 if value == side.target else (1.0 if better(side, value, side.target) else -1.0)
    return (value - side.limit) / span


def better(side: IssueSide, a: float, b: float) -> bool:
    return a > b if side.prefers == "high" else a < b


def weights(issues: Sequence[Issue], who: str) -> dict[str, float]:
    total = sum(side_of(i, who).weight for i in issues) or 1.0
    return {i.id: side_of(i, who).weight / total for i in issues}


def utility(issues: Sequence[Issue], terms: Mapping[str, float], who: str) -> float:
    """Linear additive utility of complete terms for one side (each issue capped at its target)."""
    w = weights(issues, who)
    return sum(w[i.id] * min(1.0, issue_score(i, terms[i.id], who)) for i in issues)


def within_limits(issues: Sequence[Issue], terms: Mapping[str, float], who: str) -> bool:
    """No issue worse for that side than its walk-away."""
    for i in issues:
        side = side_of(i, who)
        if better(side, side.limit, terms[i.id]):
            return False
    return True


def complete(issues: Sequence[Issue], partial: Mapping[str, float], standing: Mapping[str, float]) -> Terms:
    """A partial offer filled in from the standing proposal: unnamed issues stay as they are on the table."""
    return {i.id: snap(i, partial[i.id]) if i.id in partial else standing[i.id] for i in issues}


def covers(issues: Sequence[Issue], named: Iterable[str], share: float = 0.5) -> bool:
    """An offer is a whole package when it names the counterpart's main issue and most of what it cares about."""
    w = weights(issues, "counterpart")
    named = set(named)
    main = max(issues, key=lambda i: w[i.id]).id
    return main in named and sum(w[i] for i in named if i in w) >= share


def opening_terms(issues: Sequence[Issue]) -> Terms:
    """The counterpart's opening position: what is on the table before anyone bargains."""
    return {i.id: snap(i, i.opening) for i in issues}


def parse_term(term: str) -> tuple[str, float]:
    """'payment_days <= 15' -> ('payment_days', 15.0): the issue and the value that answers."""
    match = TERM_PATTERN.fullmatch(term.strip())
    if not match:
        raise ValueError(f"not a term: {term!r}")
    return match.group(1), float(match.group(3))


def answering_issues(concern: Concern) -> set[str]:
    """The issues a concern's answering terms are on: "payment_days <= 15" is on payment_days."""
    return {parse_term(term)[0] for term in concern.answered_by_terms}


def term_holds(term: str, terms: Mapping[str, float]) -> bool:
    """'payment_days <= 15' against terms."""
    match = TERM_PATTERN.fullmatch(term.strip())
    if not match or match.group(1) not in terms:
        return False
    name, op, raw = match.groups()
    value, bound = terms[name], float(raw)
    return (
        value >= bound - 1e-9
        if op == ">="
        else value <= bound + 1e-9
        if op == "<="
        else math.isclose(value, bound)
    )


def answered_concerns(
    concerns: Iterable[Concern], terms: Mapping[str, float], named: Iterable[str] | None = None
) -> list[str]:
    """Concerns whose answering terms hold; with `named`, only terms the offer itself names count."""
    named_set = set(named) if named is not None else None
    answered = []
    for c in concerns:
        for term in c.answered_by_terms:
            issue_id = TERM_PATTERN.fullmatch(term.strip()).group(1)  # type: ignore[union-attr]
            if (named_set is None or issue_id in named_set) and term_holds(term, terms):
                answered.append(c.id)
                break
    return answered


def aspiration(difficulty: str, turn: int) -> float:
    """The utility the counterpart holds out for at a user turn: 1 at the start, down to the curve's floor."""
    e, floor, horizon = CURVES.get(difficulty, CURVES["realistic"])
    t = min(1.0, max(0, turn - 1) / horizon)
    return floor + (1.0 - floor) * (1.0 - t ** (1.0 / e))


def offer_value(
    issues: Sequence[Issue], terms: Mapping[str, float], answered_key: int, benefit: bool
) -> float:
    """What an offer is worth to the counterpart: its utility plus the key concerns it answers."""
    bonus = answered_key * (CONCERN_BONUS + (BENEFIT_BONUS if benefit else 0.0))
    return utility(issues, terms, "counterpart") + bonus


def counter_offer(
    issues: Sequence[Issue],
    target_value: float,
    user_terms: Mapping[str, float],
    previous: Mapping[str, float],
    first: str | None = None,
) -> Terms:
    """The counter closest to the user's offer that is worth `target_value` to the counterpart (log-rolling).

    It starts from the user's offer (unnamed issues as they stand) and takes back ground first where that costs
    the user least and is worth most to the counterpart (the ratio of their weights), so a counter trades: "$15.60,
    if the standing order is 60 kilos". Every term lies between what the user offered and the counterpart's target,
    so a counter never gives the user less on a term than the user offered, and never goes past its walk-away.
    """
    current = complete(issues, user_terms, previous)
    w, uw = weights(issues, "counterpart"), weights(issues, "user")
    # `first`: the term it has just said it is short on ("still not there on the firm order") is taken back first
    order = sorted(issues, key=lambda i: (i.id != first, -w[i.id] / max(uw[i.id], 1e-6), i.id))
    for issue in order:
        goal = snap(issue, issue.counterpart.target)
        if not better(issue.counterpart, goal, current[issue.id]):
            continue  # the user already gives it at least its target here: nothing to take back
        while utility(issues, current, "counterpart") < target_value - 1e-9 and current[issue.id] != goal:
            direction = 1 if goal > current[issue.id] else -1
            step = snap(issue, current[issue.id] + direction * issue.step)
            current[issue.id] = goal if (step - goal) * direction > 0 else step
    for issue in issues:  # never past its own walk-away, whatever the user offered
        side = issue.counterpart
        if better(side, side.limit, current[issue.id]):
            current[issue.id] = snap(issue, side.limit)
    return current


@dataclass(frozen=True)
class Outcome:
    """One point of the outcome space with both sides' utilities."""

    terms: Terms
    user: float
    counterpart: float

    @property
    def joint(self) -> float:
        return self.user + self.counterpart


def zone(issue: Issue) -> tuple[float, float] | None:
    """The values of one issue that both sides can accept (within both limits), or None when there are none."""
    bounds = []
    for side in (issue.counterpart, issue.user):
        bounds.append((side.limit, issue.high) if side.prefers == "high" else (issue.low, side.limit))
    lo, hi = max(b[0] for b in bounds), min(b[1] for b in bounds)
    return (lo, hi) if lo <= hi + 1e-9 else None


def _grid(issue: Issue, points: int) -> list[float]:
    """A few values across the zone of agreement of an issue (its ends included)."""
    span = zone(issue)
    if span is None:
        return []
    lo, hi = span
    if issue.kind == "yes_no" or hi - lo < 1e-9:
        return sorted({snap(issue, lo), snap(issue, hi)})
    return sorted({snap(issue, lo + (hi - lo) * k / (points - 1)) for k in range(points)})


def outcomes(issues: Sequence[Issue], points: int = 5) -> list[Outcome]:
    """Every outcome on a small grid of each issue's zone of agreement (so within both sides' limits)."""
    grids = [_grid(i, points) for i in issues]
    result = []
    for values in itertools.product(*grids):
        terms = {i.id: v for i, v in zip(issues, values, strict=True)}
        if within_limits(issues, terms, "user") and within_limits(issues, terms, "counterpart"):
            result.append(
                Outcome(terms, utility(issues, terms, "user"), utility(issues, terms, "counterpart"))
            )
    return result


def pareto_frontier(issues: Sequence[Issue], points: int = 5) -> list[Outcome]:
    """The outcomes no other outcome beats for both sides, sorted by the user's utility."""
    space = sorted(outcomes(issues, points), key=lambda o: (-o.user, -o.counterpart))
    frontier: list[Outcome] = []
    best_cp = -math.inf
    for o in space:
        if o.counterpart > best_cp + 1e-12:
            frontier.append(o)
            best_cp = o.counterpart
    return sorted(frontier, key=lambda o: o.user)


def zone_exists(issues: Sequence[Issue]) -> bool:
    """Some outcome is within both sides' limits (limits are per issue, so every issue needs a zone)."""
    return bool(issues) and all(zone(i) is not None for i in issues)
