"""Per-turn review of a transcript: labels, flags (repeats, stacking, premature asks) and each turn's effect."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from simulator.transcript import ConcernInfo, Disclosure, Transcript, Turn

from .asks import AskCheck, check_ask
from .faithfulness import DisclosureIndex, SummaryCheck, check_summary
from .labels import TurnLabel, context_from, label_turn
from .text import content_stems, normalise

_NON_CONCERN_PREFIXES = ("need:", "past:", "first_step", "goal")
_PUSHBACK = ("push_back", "deflect", "walk_away", "correct_summary", "nothing_more")


@dataclass
class TurnFacts:
    """Everything the scorecard needs to know about one user turn."""

    n: int
    text: str
    context: str
    label: TurnLabel
    flags: list[str]
    effect: str
    summary: SummaryCheck | None = None
    ask: AskCheck | None = None
    concerns_known: Sequence[str] = field(default_factory=list)  # concern ids disclosed before this turn
    disclosed_before: Sequence[Disclosure] = field(default_factory=list)
    terms: dict[str, float] = field(default_factory=dict)  # the terms the turn offered, by issue id
    at: int = 0  # where the turn sits in transcript.turns
    won: bool = (
        False  # the reply shows it gained something (a disclosure, agreement, warm-up): never rewritten
    )
    latest: Turn | None = (
        None  # the counterpart's line just before this turn (what a rewrite must respond to)
    )
    said_before: Sequence[str] = field(default_factory=list)  # every counterpart line before this turn
    accepted: bool = (
        False  # the turn accepted their standing proposal: closing is never rewritten into a question
    )


class Prefix(Sequence):
    """The first `n` items of a list that only grows: each turn's history without copying it (linear, not quadratic)."""

    __slots__ = ("_items", "_n")

    def __init__(self, items: list, n: int) -> None:
        self._items, self._n = items, n

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i):
        if isinstance(i, slice):
            return self._items[: self._n][i]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        return self._items[i]

    def __iter__(self) -> Iterator:
        return itertools.islice(self._items, self._n)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return repr(list(self))


def label_from_reading(reading: dict) -> TurnLabel:
    """The live reading of a turn as the scorecard's label (the same moves, window and flags)."""
    return TurnLabel(
        moves=tuple(reading.get("moves", [])),
        primary=reading.get("primary", "other"),
        window=reading.get("window"),
        tell_me_more=bool(reading.get("tell_me_more")),
        is_ask=bool(reading.get("is_ask")),
        bare_ask=bool(reading.get("bare_ask")),
        pressure=bool(reading.get("pressure")),
        evidence=dict(reading.get("evidence", {})),
    )


_PRIORITY = ("benefit_ask", "summary", "open_question", "closed_question")


def without_benefit(label: TurnLabel) -> TurnLabel:
    """The label of an ask that is not benefit-framed: no benefit_ask move, and a bare ask if it asks at all."""
    if "benefit_ask" not in label.moves:
        return label
    moves = tuple(m for m in label.moves if m != "benefit_ask")
    evidence = {k: v for k, v in label.evidence.items() if k != "benefit_ask"}
    return replace(
        label,
        moves=moves,
        primary=next((m for m in _PRIORITY if m in moves), "other"),
        bare_ask=label.is_ask,
        evidence=evidence,
    )


def is_concern(item_id: str, concerns: list[ConcernInfo]) -> bool:
    """A disclosure is about a concern when it names a known concern id (or, with no list, is no need/past/goal)."""
    if concerns:
        return any(c.id == item_id for c in concerns)
    return not item_id.startswith(_NON_CONCERN_PREFIXES)


def _effect(next_turn: Turn | None, titles: dict[str, str]) -> str:
    """What the counterpart's next turn shows the user turn won or cost."""
    if next_turn is None:
        return "no reply yet"
    parts = []
    for d in next_turn.disclosures:
        if d.item_id in titles:
            parts.append(f"opened concern '{titles[d.item_id]}' (layer {d.layer + 1})")
        elif d.item_id.startswith("need:"):
            parts.append(f"revealed a need ({d.item_id[5:]})")
        elif d.item_id.startswith("past:"):
            parts.append("shared what happened before")
        elif d.item_id == "first_step":
            parts.append("named a first step")
        elif d.item_id == "goal":
            parts.append("stated their goal")
        else:
            parts.append(f"disclosed '{d.item_id}'")
    move = next_turn.move or ""
    if parts:
        return "; ".join(parts)
    if move.startswith(_PUSHBACK):
        return (
            "counterpart pushed back"
            if move.startswith("push_back")
            else f"counterpart: {move.replace('_', ' ')}"
        )
    if move in ("agree", "consider"):
        return "counterpart agreed" if move == "agree" else "counterpart is considering it"
    if move == "counter":
        return "counterpart countered"
    return "no new information" if not move else f"counterpart: {move.replace('_', ' ')}"


# Counterpart moves that show a turn gained something: it said more, answered, warmed up or agreed.
WINNING_MOVES = frozenset(["reveal", "raise_concern", "warm_up", "feel_heard", "answer_fact", "agree"])


def won_something(next_turn: Turn | None) -> bool:
    """The counterpart's reply disclosed something, answered a question, warmed up or agreed."""
    return next_turn is not None and (bool(next_turn.disclosures) or (next_turn.move or "") in WINNING_MOVES)


_SIMILAR = (4, 5)  # near-duplicate: word overlap (Jaccard) of at least 4/5
# At most this many earlier turns (the most recent that share a rare word) are compared with each turn, so scoring
# stays linear in the number of turns; any rehearsal shorter than this is compared with every earlier turn.
REPEAT_CANDIDATES = 200


class _SeenTurns:
    """Earlier user turns, indexed so a near-duplicate is found without comparing against every one of them.

    Prefix filtering: two word sets with Jaccard >= t share a word among the first |s| - ceil(t|s|) + 1 words of
    each, in any fixed word order. Rare words first keeps the candidate lists short; at most REPEAT_CANDIDATES
    (the most recent) are compared.
    """

    def __init__(self, frequency: dict[str, int]) -> None:
        self.frequency = frequency
        self.norms: set[str] = set()
        self.sets: list[set[str]] = []
        self.index: dict[str, list[int]] = {}

    def _prefix(self, stems: set[str]) -> list[str]:
        num, den = _SIMILAR
        keep = len(stems) - (num * len(stems) + den - 1) // den + 1
        return sorted(stems, key=lambda w: (self.frequency.get(w, 0), w))[:keep]

    def repeats(self, text: str) -> bool:
        """Same words again (ignoring order and small edits) as an earlier user turn."""
        if normalise(text) in self.norms:
            return True
        stems = content_stems(text)
        if len(stems) < 2:
            return False
        checked: set[int] = set()
        for w in self._prefix(stems):
            for k in reversed(self.index.get(w, ())):
                if k in checked:
                    continue
                if len(checked) >= REPEAT_CANDIDATES:
                    return False
                checked.add(k)
                e = self.sets[k]
                if not (4 * len(e) <= 5 * len(stems) and 4 * len(stems) <= 5 * len(e)):
                    continue  # sizes too far apart for a 4/5 overlap
                if len(stems & e) / len(stems | e) >= 0.8:
                    return True
        return False

    def add(self, text: str) -> None:
        self.norms.add(normalise(text))
        stems = content_stems(text)
        if not stems:
            return
        k = len(self.sets)
        self.sets.append(stems)
        for w in self._prefix(stems):
            self.index.setdefault(w, []).append(k)


def _latest_counterpart(turns: Sequence[Turn], i: int) -> Turn | None:
    """The counterpart's line just before turn `i`, if the turn before it is theirs."""
    return turns[i - 1] if i > 0 and turns[i - 1].role == "counterpart" else None


def _word_frequency(transcript: Transcript) -> dict[str, int]:
    """How often each content word comes up in the whole conversation (what makes a repeat a repeat)."""
    frequency: dict[str, int] = {}
    for t in transcript.turns:
        for w in content_stems(t.text):
            frequency[w] = frequency.get(w, 0) + 1
    return frequency


def _note_concerns(
    disclosures: Sequence[Disclosure], concern_ids: set[str] | None, known_ids: list[str], known_set: set[str]
) -> None:
    """Add the concerns a counterpart line disclosed for the first time to `known_ids`, in order. Without the
    transcript's concern list, anything that is not a need, a past story, a first step or a goal is a concern."""
    for d in disclosures:
        if d.item_id in known_set:
            continue
        if (
            d.item_id in concern_ids
            if concern_ids is not None
            else not d.item_id.startswith(_NON_CONCERN_PREFIXES)
        ):
            known_set.add(d.item_id)
            known_ids.append(d.item_id)


def _label_flags(label: TurnLabel, known: bool, closed_streak: int) -> list[str]:
    """The flags a turn's label alone raises (a bare or premature ask, pressure, stacked closed questions)."""
    flags: list[str] = []
    if label.tell_me_more:
        flags.append("tell_me_more")
    if label.bare_ask:
        flags.append("bare_ask")
    if label.is_ask and not known:
        flags.append("premature_solution")
    if label.pressure:
        flags.append("pressure")
    if closed_streak >= 2:
        flags.append("stacked_closed")
    return flags


def _summary_of(
    turn: Turn, label: TurnLabel, disclosed: list[Disclosure], context: str, index: DisclosureIndex
) -> SummaryCheck | None:
    """The turn's summary check: the live reading's when it has one, else (an old transcript) checked now."""
    if turn.reading and turn.reading.get("summary"):
        read = turn.reading["summary"]
        return SummaryCheck(
            True,
            read.get("coverage", 0.0),
            tuple(read.get("covered", [])),
            tuple(read.get("invented", [])),
            bool(read.get("faithful")),
        )
    if turn.reading:
        return None
    return check_summary(turn.text, disclosed, context, index) if "summary" in label.moves else None


def _ask_of(turn: Turn, label: TurnLabel, concerns: list[ConcernInfo]) -> AskCheck | None:
    """The turn's ask check, with the live reading's judgement of it where there is one."""
    ask = check_ask(turn.text, concerns) if label.is_ask else None
    if ask and turn.reading and turn.reading.get("ask"):
        read = turn.reading["ask"]
        ask = AskCheck(
            True,
            bool(read.get("concrete")),
            tuple(read.get("terms", [])) or ask.terms,
            bool(read.get("benefit")),
            tuple(read.get("addressed", [])),
            ask.mentioned,
        )
    return ask


def review_turns(transcript: Transcript) -> list[TurnFacts]:
    """Label every user turn in order, with the flags and effect the scorecard shows."""
    concerns = transcript.concerns
    titles = {c.id: c.title for c in concerns}
    concern_ids = {c.id for c in concerns}
    facts: list[TurnFacts] = []
    disclosed: list[Disclosure] = []
    index = DisclosureIndex()
    known_ids: list[
        str
    ] = []  # concern ids in order of first disclosure (a running list, not a rescan per turn)
    known_set: set[str] = set()
    previous_lines: list[str] = []
    seen = _SeenTurns(_word_frequency(transcript))
    closed_streak = 0
    n = 0
    for i, turn in enumerate(transcript.turns):
        if turn.role != "user":
            disclosed.extend(turn.disclosures)
            index.extend(turn.disclosures)
            _note_concerns(turn.disclosures, concern_ids if concerns else None, known_ids, known_set)
            previous_lines.append(turn.text)
            continue
        n += 1
        context = context_from(previous_lines)
        # The reading made live is the label: the scorecard never labels a turn a second time.
        label = label_from_reading(turn.reading) if turn.reading else label_turn(turn.text, context)
        read_ask = (turn.reading or {}).get("ask")
        if isinstance(read_ask, dict) and not read_ask.get("benefit"):
            # The reading's judgement of the ask is authoritative: a bare ask is never benefit-framed anywhere.
            label = without_benefit(label)
        known = Prefix(known_ids, len(known_ids))
        closed_streak = closed_streak + 1 if label.primary == "closed_question" else 0
        flags = _label_flags(label, bool(known), closed_streak)
        summary = _summary_of(turn, label, disclosed, context, index)
        if summary and not summary.faithful:
            flags.append("unfaithful_summary")
        ask = _ask_of(turn, label, concerns)
        # "Tell me more about that" after a new answer is the method's follow-up, not a repeat: it is compared
        # together with the line it follows up; every other turn on its own words.
        key = f"{turn.text} {previous_lines[-1]}" if label.tell_me_more and previous_lines else turn.text
        if seen.repeats(key):
            flags.append("repeated")
        seen.add(key)
        following = transcript.turns[i + 1] if i + 1 < len(transcript.turns) else None
        next_turn = following if following is not None and following.role == "counterpart" else None
        facts.append(
            TurnFacts(
                n,
                turn.text,
                context,
                label,
                flags,
                _effect(next_turn, titles),
                summary,
                ask,
                known,
                Prefix(disclosed, len(disclosed)),
                dict((turn.reading or {}).get("terms") or turn.terms or {}),
                i,
                won_something(next_turn),
                _latest_counterpart(transcript.turns, i),
                Prefix(previous_lines, len(previous_lines)),
                "accept" in ((turn.reading or {}).get("acts") or []),
            )
        )
    return facts
