"""Turn labelling: which moves a user turn makes, given the counterpart's previous line."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from .asks import ask_shape
from .questions import QuestionShape, question_shape
from .summary import opens_as_playback, summary_shape
from .text import LAWYER_THREAT, normalise, sentences

MOVES = ("open_question", "closed_question", "summary", "benefit_ask")
WINDOWS = ("tell_me_about", "needs", "concerns", "past", "first_step")
_PRIORITY = ("benefit_ask", "summary", "open_question", "closed_question")

_PRESSURE = re.compile(
    r"\b(?:take it or leave it|(?<!do )(?<!would )(?<!will )(?<!if )(?<!else )(?<!anyone )(?<!someone )(?<!anybody )(?<!anything )you (?:have|need) to|you must(?! (?:be|have been|feel|have felt|get|find)\b)|you'd better|you better|or i(?:'ll| will)? walk|"
    r"or (?:else|we're done|i'm done|i'm out|i'm leaving|i walk)|i'll walk|i will walk|walk away|final offer|last chance|"
    r"last offer|non-?negotiable|don't waste my time|stop wasting|i'll go (?:elsewhere|to your competitor)|"
    r"i'll find someone else|find another(?!\s*[\d$£€])(?! (?:few|couple|hundred|thousand|grand)\b)|i'll sue|"
    + LAWYER_THREAT
    + r"|ridiculous|stupid|idiot|insane|absurd|pathetic|"
    r"are you kidding me|that's a joke|no way|shut up|(?<!the )deal with it|like it or not|whether you like it|"
    r"not my problem|i don't care|final answer|end of discussion|this is it|now or never|"
    r"right now or|or nothing|or forget it|or the deal is off|or i(?:'ll| will) (?:cancel|leave|go|report|quit|sue))"
)


@dataclass(frozen=True)
class TurnLabel:
    """The moves one user turn makes, with the cue text behind each decision (shown to users)."""

    moves: tuple[str, ...]  # subset of MOVES, in MOVES order
    primary: str  # benefit_ask > summary > open_question > closed_question > "other"
    window: str | None  # which window question (WINDOWS) if any
    tell_me_more: bool
    is_ask: bool
    bare_ask: bool
    pressure: bool
    evidence: dict[str, str] = field(default_factory=dict)


def label_turn(text: str, context: str = "") -> TurnLabel:
    """Label one user turn; `context` is the counterpart's previous line(s), needed to spot summaries."""
    evidence: dict[str, str] = {}
    q = question_shape(text)
    a = ask_shape(text, context)
    moves: set[str] = set()
    if q.open:
        moves.add("open_question")
        evidence["open_question"] = q.open
    is_ask = bool(a.ask_cue) and not _is_info_request(q.open, a.ask_cue)
    benefit = is_ask and bool(a.benefit_cue) and bool(a.terms)
    if benefit:
        moves.add("benefit_ask")
        evidence["benefit_ask"] = f"{a.ask_cue} … {a.terms[0]} … {a.benefit_cue}"
    if q.closed and not (is_ask and not benefit and _justified(text)):
        moves.add("closed_question")
        evidence["closed_question"] = q.closed
    elif q.closed:
        # "Can you knock $500 off? We already blew our budget." is a request argued from the asker's side, not a
        # question: a yes/no ask with a stated reason and no benefit to them is a bare ask.
        evidence["justified_ask"] = q.closed
    checking = q.tag or q.declarative
    bare_cue = is_ask and not benefit and not a.terms
    s = summary_shape(
        text,
        context,
        # A rhetorical or exclamatory question ("Who charges $400 for that?!") argues; it restates nothing.
        is_question=bool(q.open) or (bool(q.closed) and not checking) or _argues(q.rhetorical),
        # "What I'm hearing is… any exception you give me…", "You're willing to… in exchange for…": a bare ask cue
        # inside a play-back of their position reports their terms; it does not make one.
        is_ask=is_ask and not (bare_cue and opens_as_playback(text)),
        checking=checking,
    )
    if s.is_summary:
        moves.add("summary")
        evidence["summary"] = s.cue or ""
        if q.tag or q.declarative:
            # "So cash is tight until March, right?" checks understanding of what they said: a summary, not a new claim.
            moves.discard("closed_question")
            evidence.pop("closed_question", None)
    bare = is_ask and not benefit
    pressure = _note_signals(evidence, text, q, a.ask_cue, is_ask, bare, bool(moves))
    primary = next((m for m in _PRIORITY if m in moves), "other")
    return TurnLabel(
        moves=tuple(m for m in MOVES if m in moves),
        primary=primary,
        window=q.window,
        tell_me_more=bool(q.tell_me_more),
        is_ask=is_ask,
        bare_ask=bare,
        pressure=bool(pressure),
        evidence=evidence,
    )


def _note_signals(
    evidence: dict[str, str],
    text: str,
    q: QuestionShape,
    ask_cue: str | None,
    is_ask: bool,
    bare: bool,
    has_move: bool,
) -> re.Match[str] | None:
    """The evidence for what is not a move of its own (an ask, pressure, a rhetorical question, a window, "tell me
    more"), written into `evidence`; the pressure found, if any."""
    if is_ask:
        evidence["ask"] = ask_cue or ""
    if bare:
        evidence["bare_ask"] = ask_cue or ""
    pressure = _PRESSURE.search(normalise(text))
    if pressure:
        evidence["pressure"] = pressure.group(0)
    if q.rhetorical and not has_move:
        evidence["rhetorical"] = q.rhetorical
    if q.window:
        evidence["window"] = q.window_cue or ""
    if q.tell_me_more:
        evidence["tell_me_more"] = q.tell_me_more
    return pressure


def _justified(text: str) -> bool:
    """A yes/no request plus a statement of at least three words giving the reason for it."""
    parts = sentences(text)
    asked = [p for p in parts if p.rstrip(" .!\"')").endswith("?")]
    stated = [p for p in parts if not p.rstrip(" .!\"')").endswith("?") and len(p.split()) >= 3]
    return bool(asked) and bool(stated)


def _argues(rhetorical: str | None) -> bool:
    """A rhetorical question other than a bare "Really?"/"Seriously?" (which may open a restatement)."""
    return bool(rhetorical) and rhetorical not in ("really?", "seriously?")


def _is_info_request(open_cue: str | None, ask_cue: str | None) -> bool:
    """'Could you tell me more about X?' asks for information, not for a deal term."""
    return (
        open_cue is not None
        and bool(open_cue)
        and bool(ask_cue)
        and bool(re.search(r"\b(?:tell|share|explain|walk|describe|help me)", open_cue))
    )


def label_records(records: Iterable[dict]) -> Iterator[dict]:
    """Label each {text, context?} record, returning it with moves, primary and the extra flags added."""
    for record in records:
        lab = label_turn(str(record.get("text", "")), str(record.get("context") or ""))
        yield {
            **record,
            "moves": list(lab.moves),
            "primary": lab.primary,
            "window": lab.window,
            "tell_me_more": lab.tell_me_more,
            "bare_ask": lab.bare_ask,
            "pressure": lab.pressure,
        }


CONTEXT_LINES = 3


def context_from(counterpart_lines: Sequence[str]) -> str:
    """What a user turn is judged against: the counterpart's last few lines (a summary may restate any of them)."""
    return " ".join(line.strip() for line in counterpart_lines[-CONTEXT_LINES:] if line.strip())
