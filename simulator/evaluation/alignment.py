"""Alignment with your problem, judged on meaning: what the prep says the problem, needs and first step are,
mapped onto the things this rehearsal is about (the counterpart's concerns and the terms on the table), and how
many of those the rehearsal actually worked on. Shared everyday words ("year", "pay", "plan") prove nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from simulator.personas import Issue
from simulator.transcript import ConcernInfo, Prep, Transcript

from .review import TurnFacts
from .rewrites import issue_topic
from .text import content_stems, stem, words

# Which prep answers say what the problem is, and how much each counts (the problem most).
PREP_FIELDS = (("problem", "problem", 0.5), ("needs", "needs", 0.3), ("first_step", "first step", 0.2))

# Words every negotiation shares (they appear in the terms and concerns of three or more of the bundled personas,
# or are plain negotiation talk): a prep and a rehearsal sharing only these share no subject.
_GENERIC_WORDS = """
    month months monthly per year years yearly annual annually week weeks weekly day days daily hour hours date dates
    time times pay paid payment pays written writing sign signed signing plan plans call calls start starting review
    percent fee fees work working term terms team side number numbers meet meeting length full cover covered contract
    commitment later fix need needs want deal deals offer offers price prices cost costs rate rates value money next
    back end lower cut increase fair check level close final every target lock problem first step new get keep make
    long short good better more less agreement renew renewal lose losing living job jobs hire hired find out
"""
GENERIC = frozenset(stem(w) for w in _GENERIC_WORDS.split())

# How sure one, two (or three and more) distinct prep words naming this rehearsal's subjects make the match.
CONFIDENCE = {0: 0.0, 1: 0.25, 2: 0.5}

_AMOUNT = re.compile(
    r"[$£€]\s?(\d[\d,]*(?:\.\d+)?)\s?(k|m|million)?\b|\b(\d[\d,]*(?:\.\d+)?)\s?(k)\b", re.IGNORECASE
)


@dataclass
class Subject:
    """One thing this rehearsal is about: a concern of theirs or a term on the table."""

    kind: str  # "concern" | "issue"
    id: str
    phrases: list[str]
    name: str = ""  # how the debrief names it: "the monthly rent", "“Complaints from the flats upstairs”"
    topic: str = ""  # how a question would name it: "the monthly rent", "the noise"
    touched: float = 0.0  # 1 = bargained on / drawn out, 0.5 = only mentioned by you, 0 = never reached
    how: str = ""


def _specific(phrase: str) -> set[str]:
    """A phrase's meaning-bearing stems, or nothing when all of them are everyday negotiation words."""
    stems = content_stems(phrase)
    return stems if stems - GENERIC else set()


def matching_phrase(subject: Subject, stems: set[str]) -> str | None:
    """The first of the subject's phrases whose specific words all appear in `stems`."""
    for phrase in subject.phrases:
        needed = _specific(phrase)
        if needed and needed <= stems:
            return phrase
    return None


def _concern_topic(concern: ConcernInfo) -> str:
    """A concern as the subject of a question: its first specific keyword ("the noise"), else its title."""
    word = next((k for k in concern.keywords if _specific(k) and not any(ch.isdigit() for ch in k)), "")
    return "the " + word.lower() if word else concern.title[:1].lower() + concern.title[1:]


def subjects_of(transcript: Transcript) -> list[Subject]:
    """The concerns and terms of this rehearsal, each with the words that name it."""
    found = [
        Subject("concern", c.id, [*c.keywords, *c.addressed_by], name=f"“{c.title}”", topic=_concern_topic(c))
        for c in transcript.concerns
    ]
    found += [
        Subject("issue", i.id, [i.label, *i.keywords], name=f"“{i.label}”", topic=issue_topic(i))
        for i in transcript.issues
    ]
    return found


def _amounts(text: str) -> list[float]:
    values = []
    for m in _AMOUNT.finditer(text):
        number, scale = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        value = float(number.replace(",", ""))
        value *= {"k": 1e3, "m": 1e6, "million": 1e6}.get((scale or "").lower(), 1)
        values.append(value)
    return values


def _money_ranges(issues: Sequence[Issue]) -> list[tuple[Issue, float, float]]:
    ranges = []
    for i in issues:
        if "$" not in i.unit or i.kind != "number":
            continue
        scale = 1e6 if "million" in i.unit else 1.0
        ranges.append((i, i.low * scale, i.high * scale))
    return ranges


def off_scenario_amounts(
    prep_text: str, issues: Sequence[Issue]
) -> tuple[list[float], list[tuple[Issue, float, float]]]:
    """Money amounts in the prep that no money term of this rehearsal could be (far outside every range)."""
    ranges = _money_ranges(issues)
    amounts = _amounts(prep_text)
    if not ranges or not amounts:
        return [], ranges
    fits = [a for a in amounts if any(0.75 * low <= a <= 1.5 * high for _, low, high in ranges)]
    return ([] if fits else amounts), ranges


def _money(value: float) -> str:
    return f"${value:,.0f}" if value >= 100 else f"${value:,.2f}"


def _touch(subjects: list[Subject], transcript: Transcript, facts: list[TurnFacts]) -> None:
    """How far the rehearsal worked on each subject, from its turns."""
    concerns = {c.id: c for c in transcript.concerns}
    offered: set[str] = set()
    for turn in transcript.turns:
        if turn.role == "user":
            offered.update((turn.reading or {}).get("terms") or {})
            offered.update(turn.terms or {})
    if transcript.agreed:
        offered.update(transcript.agreed)
    said = [content_stems(f.text) for f in facts]
    for s in subjects:
        if s.kind == "concern" and concerns[s.id].layers_disclosed:
            s.touched, s.how = 1.0, "they told you about it"
        elif s.kind == "issue" and s.id in offered:
            s.touched, s.how = 1.0, "you bargained on it"
        elif any(matching_phrase(s, stems) for stems in said):
            s.touched, s.how = 0.5, "you mentioned it but did not get into it"


@dataclass
class AlignmentReading:
    """What the prep is about in this rehearsal, and how much of it the rehearsal worked on."""

    prep_fields: list[str]  # the prep answers given (of problem, needs, first step)
    matched_fields: list[str]  # those that name something in this rehearsal
    subjects: list[Subject]  # the rehearsal's subjects the prep names
    relevance: float  # weighted share of the prep that is about this rehearsal, times how sure that is
    evidence_words: list[str]  # the prep's words that name this rehearsal's concerns and terms
    follow_through: float  # mean of how far each named subject was worked on
    off_amounts: list[float]
    money_ranges: list[tuple[Issue, float, float]]
    score: int | None


def read_alignment(prep: Prep | None, transcript: Transcript, facts: list[TurnFacts]) -> AlignmentReading:
    """Map the prep onto this rehearsal's concerns and terms, and score how much of it the rehearsal worked on."""
    given = [
        (key, name, w) for key, name, w in PREP_FIELDS if prep is not None and getattr(prep, key).strip()
    ]
    if not given:
        return AlignmentReading([], [], [], 0.0, [], 0.0, [], [], None)
    assert prep is not None
    subjects = subjects_of(transcript)
    named: dict[str, Subject] = {}
    matched_fields: list[str] = []
    evidence: dict[str, str] = {}  # stem -> the word as the prep wrote it
    weight_on = 0.0
    for key, name, weight in given:
        text = getattr(prep, key)
        stems = content_stems(text)
        hits = []
        for s in subjects:
            phrase = matching_phrase(s, stems)
            if phrase is None:
                continue
            hits.append(s)
            named.setdefault(s.id, s)
            for w in words(text):
                if stem(w) in _specific(phrase):
                    evidence.setdefault(stem(w), w)
        if hits:
            matched_fields.append(name)
            weight_on += weight
    # One shared word is thin evidence that the prep is about this rehearsal ("retail", "rent"); three are not.
    sureness = CONFIDENCE.get(len(evidence), 1.0)
    relevance = sureness * weight_on / sum(w for _, _, w in given)
    text = " ".join(getattr(prep, key) for key, _, _ in given)
    off, ranges = off_scenario_amounts(text, transcript.issues)
    chosen = list(named.values())
    _touch(chosen, transcript, facts)
    follow = sum(s.touched for s in chosen) / len(chosen) if chosen else 0.0
    score = round(100 * relevance * follow)
    if off:
        score = min(score, 10)  # amounts no term here could take: the prep is for a different negotiation
    return AlignmentReading(
        [n for _, n, _ in given],
        matched_fields,
        chosen,
        relevance,
        list(evidence.values()),
        follow,
        off,
        ranges,
        score,
    )


def _and(items: Sequence[str]) -> str:
    items = list(items)
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def _plural_words(n: int) -> str:
    return "one word" if n == 1 else f"{n} words"


def explain(reading: AlignmentReading, transcript: Transcript) -> str:
    """How the alignment number was reached, in plain words."""
    who = transcript.persona_name or "the counterpart"
    if reading.off_amounts:
        issue, low, high = reading.money_ranges[0]
        amounts = _and([_money(a) for a in reading.off_amounts[:3]])
        return (
            f"Your prep talks about {amounts}, but here {issue_topic(issue)} runs from {_money(low)} to "
            f"{_money(high)}: your prep seems to be about a different negotiation, so this rehearsal did not "
            f"work on your problem. Score {reading.score}."
        )
    if not reading.subjects:
        things = [s.topic.removeprefix("the ") for s in subjects_of(transcript) if s.kind == "issue"][:4]
        on_table = f" or the terms on the table ({_and(things)})" if things else ""
        return (
            f"Nothing your prep says about your {_and(reading.prep_fields)} matches {who}'s concerns{on_table}: "
            "this rehearsal is about something else, so it cannot have worked on your problem. Score 0."
        )
    worked = [s for s in reading.subjects if s.touched == 1.0]
    mentioned = [s for s in reading.subjects if s.touched == 0.5]
    missed = [s for s in reading.subjects if s.touched == 0.0]
    parts = [
        f"Your prep names {len(reading.subjects)} thing{'s' if len(reading.subjects) != 1 else ''} this "
        f"rehearsal is about ({_and([s.name for s in reading.subjects])})."
    ]
    if worked:
        parts.append(f"You worked on {len(worked)} of them ({_and([f'{s.name}: {s.how}' for s in worked])}).")
    if mentioned:
        parts.append(f"You only mentioned {_and([s.name for s in mentioned])}.")
    if missed:
        parts.append(f"You never reached {_and([s.name for s in missed])}.")
    unmatched = [f for f in reading.prep_fields if f not in reading.matched_fields]
    if unmatched:
        parts.append(f"Your {_and(unmatched)} matched nothing here.")
    sure = CONFIDENCE.get(len(reading.evidence_words), 1.0)
    if sure < 1.0:
        quoted = _and([f"“{w}”" for w in reading.evidence_words])
        parts.append(
            f"Only {_plural_words(len(reading.evidence_words))} of your prep ({quoted}) "
            f"{'names' if len(reading.evidence_words) == 1 else 'name'} anything here, so the fit counts "
            f"{round(100 * sure)}%."
        )
    parts.append(
        f"Score: {round(100 * reading.relevance)}% of your prep fits this rehearsal × "
        f"{round(100 * reading.follow_through)}% of it worked on = {reading.score}."
    )
    return " ".join(parts)
