"""The scorecard's Deal section: what was agreed (or left on the table), how much of it each side got, how much
value the two sides created together, and who gave ground when.

Everything is computed from the transcript alone (its `issues`, per-turn `terms` and `agreed`), with the maths
in simulator.deal, so `parley score t.json` gives the same section as the app. Text meant for people names issues
by their labels and values in the persona's own phrases; no issue id ever reaches it.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from simulator import deal as D
from simulator.offers import describe_terms, format_value
from simulator.personas import Issue
from simulator.transcript import Transcript

Side = Literal["user", "counterpart"]
Status = Literal["better_than_target", "at_target", "between", "at_limit", "past_limit"]
MoveKind = Literal["concession", "asked_for_more", "good_for_both"]

VERDICTS: dict[str, str] = {
    "better_than_target": "better than your target",
    "at_target": "at your target",
    "between": "between your target and limit",
    "at_limit": "at your limit",
    "past_limit": "past your limit",
}
MIN_GAIN = 0.01  # a better outcome is worth pointing out only when it gives the user at least one point more
MAX_OUTCOMES = (
    50_000  # the most grid points the frontier is searched over (custom personas may have 8 issues)
)


class DealTerm(BaseModel):
    """One issue of the deal (or of the last proposal): its value, the user's target and limit, and a verdict."""

    issue: str  # the issue's label
    value: str
    target: str
    limit: str
    status: Status
    verdict: str  # the status in words: "at your target", "between your target and limit", ...


class Concession(BaseModel):
    """One side moving on one issue between two of its own offers."""

    turn: int  # the user's turn number (a counterpart move counts as its reply to that turn; 0 = its opening)
    side: Side
    who: str  # "you" or the counterpart's name
    issue: str  # the issue's label
    before: str
    after: str
    change: float  # after - before, in the issue's units
    points: int  # of that side's value (0-100) the move gave up; negative when it gained instead
    kind: MoveKind  # a concession (towards the other side), asking for more, or a change both sides want
    text: str

    @property
    def conceded(self) -> bool:
        return self.kind == "concession"


class Anchor(BaseModel):
    """A side's first offer: what everything after it is measured from."""

    side: Side
    who: str
    turn: int
    terms: str
    text: str


class Alternative(BaseModel):
    """An outcome worth comparing with what happened: better for the user, and no worse for the other side."""

    terms: str  # the whole outcome in words
    changes: str  # how it differs from what it is compared with, in words
    user_value: int  # 0-100
    counterpart_value: int  # 0-100
    gain: int  # points more for the user than what it is compared with
    text: str


class DealReview(BaseModel):
    """The Deal section of the scorecard."""

    agreed: bool
    counterpart: str  # the counterpart's name, as the texts use it
    headline: str
    terms: list[DealTerm]  # the agreed terms; with no deal, the last proposal on the table
    value_claimed: int | None = (
        None  # the user's value of the deal, 0 (every term at its limit) - 100 (at target)
    )
    counterpart_value: int | None = None  # the same for the counterpart
    value_created: int | None = None  # joint value as a share of the most the two sides could have created
    value_note: str = ""
    created_note: str = ""
    left_on_table: Alternative | None = None
    left_on_table_note: str = ""
    last_proposal: str | None = None  # with no deal: the counterpart's last proposal, in words
    last_proposal_value: int | None = None
    last_proposal_note: str = ""
    within_reach: Alternative | None = None
    within_reach_note: str = ""
    concessions: list[Concession]
    concessions_note: str
    anchors: list[Anchor]
    warnings: list[str]


def _pct(value: float) -> int:
    return max(0, min(100, round(100 * value)))


def value_text(issue: Issue, value: float) -> str:
    """One value as a person reads it: "yes"/"no" for a yes/no term, else the persona's own phrase."""
    if issue.kind == "yes_no":
        return "yes" if value >= 0.5 else "no"
    return format_value(issue, value) or "none"  # an amount of nothing has no phrase ("no standing order")


def terms_in_words(issues: Sequence[Issue], terms: Mapping[str, float]) -> str:
    """Whole terms in words; the terms describe_terms leaves unsaid (a "no", a zero) follow as "Label: no"."""
    said = describe_terms(issues, terms)
    unsaid = [
        f"{i.label}: {value_text(i, terms[i.id])}"
        for i in issues
        if i.id in terms and not format_value(i, terms[i.id])
    ]
    if not unsaid:
        return said
    return f"{said}; {', '.join(unsaid)}" if said else ", ".join(unsaid)


def _changed(
    issues: Sequence[Issue], terms: Mapping[str, float], reference: Mapping[str, float]
) -> list[Issue]:
    return [i for i in issues if not _same(i, terms[i.id], reference[i.id])]


def _changes(issues: Sequence[Issue], terms: Mapping[str, float], reference: Mapping[str, float]) -> str:
    """What differs from `reference`, in words: "$15.40 a kilo instead of $15.60 a kilo, and …"."""
    parts = []
    for i in _changed(issues, terms, reference):
        new, old = format_value(i, terms[i.id]), format_value(i, reference[i.id])
        if i.kind == "yes_no" or not (new and old):  # "yes"/"none" say nothing without the term's name
            parts.append(
                f"{i.label.lower() if i.label[1:2].islower() else i.label} "
                f"{value_text(i, terms[i.id])} instead of {value_text(i, reference[i.id])}"
            )
        else:
            parts.append(f"{new} instead of {old}")
    return _and(parts)


def _same(issue: Issue, a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=0.0, abs_tol=issue.step / 1000)


def status(issue: Issue, value: float) -> Status:
    """Where a value falls for the user: past its limit, at it, between, at its target or better."""
    side = issue.user
    if not _same(issue, value, side.limit) and D.better(side, side.limit, value):
        return "past_limit"
    if _same(issue, value, side.target):
        return "at_target"
    if D.better(side, value, side.target):
        return "better_than_target"
    return "at_limit" if _same(issue, value, side.limit) else "between"


def _term_rows(issues: Sequence[Issue], terms: Mapping[str, float]) -> list[DealTerm]:
    rows = []
    for i in issues:
        st = status(i, terms[i.id])
        rows.append(
            DealTerm(
                issue=i.label,
                value=value_text(i, terms[i.id]),
                target=value_text(i, i.user.target),
                limit=value_text(i, i.user.limit),
                status=st,
                verdict=VERDICTS[st],
            )
        )
    return rows


def _clean(issues: Sequence[Issue], terms: Mapping[str, Any] | None) -> dict[str, float]:
    """Terms on known issues with real numbers (a hand-edited file may hold anything)."""
    known = {i.id for i in issues}
    clean = {}
    for key, value in (terms or {}).items():
        if (
            key in known
            and isinstance(value, int | float)
            and not isinstance(value, bool)
            and math.isfinite(value)
        ):
            clean[key] = float(value)
    return clean


def _frontier(issues: Sequence[Issue]) -> tuple[D.Outcome, ...]:
    """The Pareto frontier on the finest grid that keeps the search small (the same issues: computed once)."""
    return _frontier_of(tuple(i.model_dump_json() for i in issues))


@functools.lru_cache(maxsize=32)
def _frontier_of(key: tuple[str, ...]) -> tuple[D.Outcome, ...]:
    issues = [Issue.model_validate_json(raw) for raw in key]
    numbers = sum(1 for i in issues if i.kind != "yes_no")
    points = next((p for p in (9, 7, 5, 3) if 2 ** (len(issues) - numbers) * p**numbers <= MAX_OUTCOMES), 2)
    return tuple(D.pareto_frontier(issues, points))


def best_joint(issues: Sequence[Issue]) -> float:
    """The most joint utility any terms within both sides' limits give (exact: utilities are additive and
    piecewise linear, so each issue's best lies at an end of its zone or at a target or limit inside it)."""
    w_user, w_them = D.weights(issues, "user"), D.weights(issues, "counterpart")
    total = 0.0
    for i in issues:
        span = D.zone(i)
        if span is None:
            return 0.0
        lo, hi = span
        candidates = {lo, hi} | {
            v for s in (i.user, i.counterpart) for v in (s.target, s.limit) if lo <= v <= hi
        }
        total += max(
            w_user[i.id] * min(1.0, D.issue_score(i, v, "user"))
            + w_them[i.id] * min(1.0, D.issue_score(i, v, "counterpart"))
            for v in candidates
        )
    return total


@dataclass
class _Offer:
    turn: int
    side: Side
    terms: dict[str, float]
    accepting: bool = False  # the user's side of an agreement it did not spell out


def _offers(
    transcript: Transcript, issues: Sequence[Issue], agreed: Mapping[str, float] | None
) -> list[_Offer]:
    """Every offer in the turns, in order; with a deal, the user's acceptance of it just before the agreement."""
    offers: list[_Offer] = []
    n = 0
    agreement_seen = False
    for turn in transcript.turns:
        if turn.role == "user":
            n += 1
        terms = _clean(issues, turn.terms)
        if turn.role == "counterpart" and turn.move == "agree" and agreed and not agreement_seen:
            agreement_seen = True
            offers.append(_Offer(n, "user", dict(agreed), accepting=True))
        if terms:
            offers.append(_Offer(n, turn.role, terms))
    if agreed and not agreement_seen:
        offers.append(_Offer(n, "user", dict(agreed), accepting=True))
        offers.append(_Offer(n, "counterpart", dict(agreed), accepting=True))
    return offers


def _who(side: Side, name: str) -> str:
    return "you" if side == "user" else name


_KIND_WORDS = {
    "concession": "",
    "asked_for_more": " asked for more",
    "good_for_both": " proposed a change good for both",
}


def _when(offer: _Offer, name: str, kind: MoveKind) -> str:
    """Who moved and when: "Turn 5, you", "Tomás, replying to your turn 5, asked for more"."""
    more = _KIND_WORDS[kind]
    if offer.side == "user":
        return f"Turn {offer.turn}, you" + (" (accepting the deal)" if offer.accepting else "") + more
    if offer.turn == 0:
        return f"{name}'s opening" + more
    return f"{name}, replying to your turn {offer.turn}" + ("," + more if more else "")


def concessions_and_anchors(
    issues: Sequence[Issue], offers: Sequence[_Offer], name: str
) -> tuple[list[Concession], list[Anchor]]:
    """Per issue, each side's moves between its own offers; its first offer is its anchor."""
    weights = {side: D.weights(issues, side) for side in ("user", "counterpart")}
    last: dict[str, dict[str, float]] = {"user": {}, "counterpart": {}}
    moves: list[Concession] = []
    anchors: list[Anchor] = []
    for offer in offers:
        side = offer.side
        if not last[side] and not offer.accepting:
            said = terms_in_words(issues, offer.terms)
            first = (
                "first offer"
                if side == "user"
                else ("opening position" if offer.turn == 0 else "first proposal")
            )
            where = "" if offer.turn == 0 and side == "counterpart" else f" (turn {offer.turn})"
            owner = "Your" if side == "user" else f"{name}'s"
            anchors.append(
                Anchor(
                    side=side,
                    who=_who(side, name),
                    turn=offer.turn,
                    terms=said,
                    text=f"{owner} {first}{where}: {said}.",
                )
            )
        for issue in issues:
            if issue.id not in offer.terms:
                continue
            new = offer.terms[issue.id]
            old = last[side].get(issue.id)
            if old is None:
                if (
                    not offer.accepting
                ):  # accepting names every term; only a side's own offers anchor an issue
                    last[side][issue.id] = new
                continue
            if _same(issue, old, new):
                continue
            last[side][issue.id] = new
            own = D.side_of(issue, side)
            other = D.side_of(issue, "counterpart" if side == "user" else "user")
            kind: MoveKind = (
                "concession"
                if D.better(own, old, new)
                else "good_for_both"
                if D.better(other, new, old)
                else "asked_for_more"
            )
            lost = weights[side][issue.id] * (
                min(1.0, D.issue_score(issue, old, side)) - min(1.0, D.issue_score(issue, new, side))
            )
            points = round(100 * lost)
            moves.append(
                Concession(
                    turn=offer.turn,
                    side=side,
                    who=_who(side, name),
                    issue=issue.label,
                    before=value_text(issue, old),
                    after=value_text(issue, new),
                    change=round(new - old, 6),
                    points=points,
                    kind=kind,
                    text=f"{_when(offer, name, kind)}: {issue.label}, "
                    f"{value_text(issue, old)} → {value_text(issue, new)} ({_worth(lost, side)}).",
                )
            )
    return moves, anchors


def _worth(lost: float, side: Side) -> str:
    """What a move cost (or won back) in points of that side's value, in words."""
    whose = "your" if side == "user" else "their"
    points = round(100 * abs(lost))
    amount = "less than 1 point" if points == 0 else f"{points} point{'s' if points != 1 else ''}"
    if abs(lost) < 1e-9:
        return f"no change in {whose} value: both are at or past {whose} target"
    return f"gave up {amount} of {whose} value" if lost > 0 else f"{amount} more of {whose} value"


def _concessions_note(moves: Sequence[Concession], name: str) -> str:
    parts = []
    for side, who, whose in (("user", "You", "your"), ("counterpart", name, "their")):
        made = [m for m in moves if m.side == side and m.kind == "concession"]
        if made:
            points = sum(m.points for m in made)
            parts.append(
                f"{who} made {len(made)} concession{'s' if len(made) != 1 else ''} "
                f"({points} point{'s' if points != 1 else ''} of {whose} value)"
            )
        else:
            parts.append(f"{who} made no concessions")
    return "; ".join(parts) + "."


def _better_alternative(
    issues: Sequence[Issue],
    frontier: Sequence[D.Outcome],
    reference: Mapping[str, float],
    ref_user: float,
    ref_them: float,
) -> D.Outcome | None:
    """The frontier outcome at least as good for both sides as `reference` and best for the user, if it adds."""
    fits = [o for o in frontier if o.user >= ref_user - 1e-9 and o.counterpart >= ref_them - 1e-9]
    best = max(fits, key=lambda o: (o.user, o.counterpart), default=None)
    return best if best is not None and best.user - ref_user >= MIN_GAIN else None


def _alternative(
    issues: Sequence[Issue], outcome: D.Outcome, reference: Mapping[str, float], ref_user: float
) -> Alternative:
    return Alternative(
        terms=terms_in_words(issues, outcome.terms),
        changes=_changes(issues, outcome.terms, reference),
        user_value=_pct(outcome.user),
        counterpart_value=_pct(outcome.counterpart),
        gain=_pct(outcome.user) - _pct(ref_user),
        text="",
    )


def _said_against(
    issues: Sequence[Issue], alt: Alternative, outcome: D.Outcome, reference: Mapping[str, float], rest: str
) -> str:
    """The alternative as changes when only a couple of terms differ, else as whole terms."""
    if len(_changed(issues, outcome.terms, reference)) <= 2:
        return f"{alt.changes} ({rest})"
    return alt.terms


def _past_limit(issues: Sequence[Issue], terms: Mapping[str, float]) -> list[str]:
    return [i.label for i in issues if status(i, terms[i.id]) == "past_limit"]


def _and(items: Sequence[str]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def review_deal(transcript: Transcript) -> DealReview | None:
    """The Deal section, or None when the transcript carries no negotiable issues."""
    issues = list(transcript.issues)
    if not issues:
        return None
    name = transcript.persona_name or "the other side"
    opening = D.opening_terms(issues)
    proposals = [_clean(issues, t.terms) for t in transcript.turns if t.role == "counterpart"]
    proposals = [p for p in proposals if p]
    # What is on the table: its opening position from the first line, then each proposal on top of the last.
    standing = dict(opening)
    for p in proposals:
        standing = D.complete(issues, p, standing)
    agreed_raw = _clean(issues, transcript.agreed) if transcript.agreed else {}
    agreed = D.complete(issues, agreed_raw, standing) if agreed_raw else None
    offers = _offers(transcript, issues, agreed)
    moves, anchors = concessions_and_anchors(issues, offers, name)
    frontier = _frontier(issues)
    best = max([best_joint(issues), *(o.joint for o in frontier)])
    common: dict[str, Any] = {
        "counterpart": name,
        "concessions": moves,
        "concessions_note": _concessions_note(moves, name),
        "anchors": anchors,
    }
    if agreed is not None:
        return _agreed_review(issues, agreed, frontier, best, name, common)
    return _no_deal_review(issues, standing, frontier, name, common)


def _agreed_review(
    issues: Sequence[Issue],
    agreed: dict[str, float],
    frontier: Sequence[D.Outcome],
    best: float,
    name: str,
    common: dict[str, Any],
) -> DealReview:
    mine, theirs = D.utility(issues, agreed, "user"), D.utility(issues, agreed, "counterpart")
    created = _pct(min(1.0, (mine + theirs) / best)) if best > 0 else None
    warnings = []
    past = _past_limit(issues, agreed)
    if past:
        warnings.append(
            f"This deal is past your limit on {_and(past)}: you agreed to terms you had said you would "
            "walk away from."
        )
    better = _better_alternative(issues, frontier, agreed, mine, theirs)
    if better is not None:
        alt = _alternative(issues, better, agreed, mine)
        said = _said_against(issues, alt, better, agreed, "the rest as agreed")
        theirs_then = (
            f"{alt.counterpart_value}%"
            if alt.counterpart_value == _pct(theirs)
            else f"{alt.counterpart_value}% instead of {_pct(theirs)}%"
        )
        alt.text = (
            f"Left on the table: {said} would have given you {alt.user_value}% "
            f"instead of {_pct(mine)}%, {alt.gain} point{'s' if alt.gain != 1 else ''} more, and {name} "
            f"no less ({theirs_then})."
        )
        left_note = alt.text
    else:
        alt = None
        left_note = (
            f"Nothing left on the table: no other terms within both your limits were better for you "
            f"without being worse for {name}."
        )
    return DealReview(
        agreed=True,
        headline=f"You agreed: {terms_in_words(issues, agreed)}.",
        terms=_term_rows(issues, agreed),
        value_claimed=_pct(mine),
        counterpart_value=_pct(theirs),
        value_created=created,
        value_note=(
            f"Value claimed: {_pct(mine)}% for you and {_pct(theirs)}% for {name}. 0% means every term at "
            "your limit, 100% every term at your target, weighted by how much each term matters to you."
        ),
        created_note=(
            ""
            if created is None
            else f"Value created: together the deal is worth {created}% of the most the two of you could have "
            "got out of these terms."
        ),
        left_on_table=alt,
        left_on_table_note=left_note,
        warnings=warnings,
        **common,
    )


def _no_deal_review(
    issues: Sequence[Issue],
    standing: dict[str, float],
    frontier: Sequence[D.Outcome],
    name: str,
    common: dict[str, Any],
) -> DealReview:
    mine, theirs = D.utility(issues, standing, "user"), D.utility(issues, standing, "counterpart")
    past = _past_limit(issues, standing)
    said = terms_in_words(issues, standing)
    if past:
        table_note = (
            f"{name}'s last proposal was worth {_pct(mine)}% to you and was past your limit on "
            f"{_and(past)}, so turning it down was right."
        )
    else:
        table_note = (
            f"{name}'s last proposal was worth {_pct(mine)}% to you and was within all your limits: "
            "you could have said yes to it."
        )
    alt = None
    if not frontier:
        reach_note = "There was no deal inside both sides' limits: walking away was the right call."
    else:
        better = _better_alternative(issues, frontier, standing, -math.inf, theirs)
        if better is not None and better.user - mine >= MIN_GAIN:
            alt = _alternative(issues, better, standing, mine)
            reach = _said_against(issues, alt, better, standing, f"the rest as {name} last proposed")
            alt.text = (
                f"Within reach: {reach} would have given you "
                f"{alt.user_value}% and {name} no less than their own proposal ({alt.counterpart_value}%)."
            )
        elif better is None:
            closest = max(frontier, key=lambda o: (o.counterpart, o.user))
            alt = _alternative(issues, closest, standing, mine)
            alt.text = (
                f"Within reach: the deal inside both your limits closest to what {name} wanted was "
                f"{alt.terms}, worth {alt.user_value}% to you and {alt.counterpart_value}% to {name}."
            )
        reach_note = (
            alt.text
            if alt
            else (
                f"{name}'s last proposal was the best deal within reach: nothing else gave "
                "you more without costing them."
            )
        )
    return DealReview(
        agreed=False,
        headline=f"No deal. On the table at the end, from {name}: {said}.",
        terms=_term_rows(issues, standing),
        last_proposal=said,
        last_proposal_value=_pct(mine),
        last_proposal_note=table_note,
        within_reach=alt,
        within_reach_note=reach_note,
        warnings=[],
        **common,
    )
