"""Per-turn review of a transcript: labels, flags (repeats, stacking, premature asks) and each turn's effect."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from simulator.transcript import ConcernInfo, Disclosure, Transcript, Turn

from .asks import AskCheck, check_ask
from .faithfulness import SummaryCheck, check_summary
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
    concerns_known: list[str] = field(default_factory=list)  # concern ids disclosed before this turn
    disclosed_before: list[Disclosure] = field(default_factory=list)


def label_from_reading(reading: dict) -> TurnLabel:
    """The live reading of a turn as the scorecard's label (the same moves, window and flags)."""
    return TurnLabel(
        moves=tuple(reading.get("moves", [])), primary=reading.get("primary", "other"), window=reading.get("window"),
        tell_me_more=bool(reading.get("tell_me_more")), is_ask=bool(reading.get("is_ask")),
        bare_ask=bool(reading.get("bare_ask")), pressure=bool(reading.get("pressure")),
        evidence=dict(reading.get("evidence", {})),
    )


_PRIORITY = ("benefit_ask", "summary", "open_question", "closed_question")


def without_benefit(label: TurnLabel) -> TurnLabel:
    """The label of an ask that is not benefit-framed: no benefit_ask move, and a bare ask if it asks at all."""
    if "benefit_ask" not in label.moves:
        return label
    moves = tuple(m for m in label.moves if m != "benefit_ask")
    evidence = {k: v for k, v in label.evidence.items() if k != "benefit_ask"}
    return replace(label, moves=moves, primary=next((m for m in _PRIORITY if m in moves), "other"),
                   bare_ask=label.is_ask, evidence=evidence)


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


def _near_duplicate(text: str, earlier: list[set[str]], earlier_norm: set[str]) -> bool:
    """Same words again (ignoring order and small edits) as an earlier user turn."""
    norm = normalise(text)
    if norm in earlier_norm:
        return True
    stems = content_stems(text)
    if len(stems) < 2:
        return False
    return any(len(stems & e) / len(stems | e) >= 0.8 for e in earlier if e)


def review_turns(transcript: Transcript) -> list[TurnFacts]:
    """Label every user turn in order, with the flags and effect the scorecard shows."""
    concerns = transcript.concerns
    titles = {c.id: c.title for c in concerns}
    facts: list[TurnFacts] = []
    disclosed: list[Disclosure] = []
    previous_lines: list[str] = []
    seen_stems: list[set[str]] = []
    seen_norm: set[str] = set()
    closed_streak = 0
    n = 0
    for i, turn in enumerate(transcript.turns):
        if turn.role != "user":
            disclosed.extend(turn.disclosures)
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
        flags: list[str] = []
        known = list(dict.fromkeys(d.item_id for d in disclosed if is_concern(d.item_id, concerns)))
        if label.tell_me_more:
            flags.append("tell_me_more")
        if label.bare_ask:
            flags.append("bare_ask")
        if label.is_ask and not known:
            flags.append("premature_solution")
        if label.pressure:
            flags.append("pressure")
        if label.primary == "closed_question":
            closed_streak += 1
            if closed_streak >= 2:
                flags.append("stacked_closed")
        else:
            closed_streak = 0
        if turn.reading and turn.reading.get("summary"):
            read = turn.reading["summary"]
            summary = SummaryCheck(True, read.get("coverage", 0.0), tuple(read.get("covered", [])),
                                   tuple(read.get("invented", [])), bool(read.get("faithful")))
        elif turn.reading:
            summary = None
        else:
            summary = check_summary(turn.text, disclosed, context) if "summary" in label.moves else None
        if summary and not summary.faithful:
            flags.append("unfaithful_summary")
        ask = check_ask(turn.text, concerns) if label.is_ask else None
        if ask and turn.reading and turn.reading.get("ask"):
            read = turn.reading["ask"]
            ask = AskCheck(True, bool(read.get("concrete")), tuple(read.get("terms", [])) or ask.terms,
                           bool(read.get("benefit")), tuple(read.get("addressed", [])), ask.mentioned)
        # "Tell me more about that" after a new answer is the method's follow-up, not a repeat: it is compared
        # together with the line it follows up; every other turn on its own words.
        key = f"{turn.text} {previous_lines[-1]}" if label.tell_me_more and previous_lines else turn.text
        if _near_duplicate(key, seen_stems, seen_norm):
            flags.append("repeated")
        seen_stems.append(content_stems(key))
        seen_norm.add(normalise(key))
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
                list(disclosed),
            )
        )
    return facts
