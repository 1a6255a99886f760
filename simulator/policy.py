"""The counterpart's decisions: given the ledger, the reading of the user's turn and the difficulty, what happens.

Pure and deterministic (seeded): the same session replays exactly. It decides *what* is said — which moves,
in which order, with which ledger content and terms — never *how* it is phrased (that is the voice's job).
A turn can get a reply in several segments: a faithful summary is acknowledged before the question after it
is answered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from simulator import acts as A
from simulator import deal as D
from simulator import ledger as L
from simulator.evaluation.text import content_stems
from simulator.lines import (
    asking_fits,
    closed_answer_fits,
    counter_fits,
    pick_line,
    small_talk_fits,
    variants_for,
)
from simulator.offers import describe_terms, read_terms
from simulator.personas import Concern, DifficultyProfile, Fact, Issue, Persona
from simulator.quantities import quantities
from simulator.reading import (
    EITHER_FIGURE,
    IN_MY_PLACE,
    IN_MY_SHOES,
    PLEDGE_CUE,
    REACTS_TO_FIGURE,
    concern_behind,
)
from simulator.transcript import Disclosure

RAPPORT_MIN, RAPPORT_MAX = -3, 6


@dataclass
class Decision:
    """One counterpart turn, decided: the main move, the content it carries, the terms, and the authored line."""

    move: str
    content: str = ""
    disclosures: list[Disclosure] = field(default_factory=list)
    authored: str = ""
    outcome: str | None = None  # agreement | walked_away | no_agreement when the conversation ends here
    reason: str = ""  # why the policy chose this (shown in coaching and tests)
    terms: dict[str, float] | None = None  # the terms this line proposes or agrees
    before: list[dict[str, str]] = field(default_factory=list)  # segments said first: [{"move", "content"}]
    after: list[dict[str, str]] = field(
        default_factory=list
    )  # segments said after the main move (same shape)

    def to_state(self) -> dict[str, Any]:
        data = asdict(self)
        data["disclosures"] = [d.model_dump() for d in self.disclosures]
        return data


def _bump(ledger: L.Ledger, key: str, delta: int) -> None:
    value = ledger[key] + delta
    if key == "rapport":
        value = max(RAPPORT_MIN, min(RAPPORT_MAX, value))
    ledger[key] = max(0, value) if key == "pressure" else value


def _max_level(concern_id: str, persona: Persona, ledger: L.Ledger, profile: DifficultyProfile) -> int:
    """The deepest layer may only be said once rapport is high enough for this difficulty."""
    total = L.layers_total(persona.concern(concern_id))
    return total if ledger["rapport"] >= profile.deep_layer_rapport else total - 1


def _raise(persona: Persona, ledger: L.Ledger, prefer: str | None = None) -> Decision | None:
    concern = L.next_undisclosed_concern(persona, ledger, prefer)
    if concern is None:
        return None
    said = L.disclose_concern(persona, ledger, concern.id, 1)
    return Decision(
        "raise_concern", content=said[0].text, disclosures=said, reason=f"raises '{concern.title}'"
    )


def _deepen(persona, ledger, profile, concern_id: str | None, levels: int) -> Decision | None:
    """Say the next layer(s) of a stated concern; a `not_yet` when the next one is locked; None when exhausted."""
    if concern_id is None or ledger["concerns"].get(concern_id, 0) == 0:
        return None
    concern = persona.concern(concern_id)
    cap = _max_level(concern_id, persona, ledger, profile)
    said = L.disclose_concern(persona, ledger, concern_id, levels, cap)
    if said:
        return Decision(
            "reveal",
            content=" ".join(d.text for d in said),
            disclosures=said,
            reason=f"goes deeper on '{concern.title}'",
        )
    if ledger["concerns"][concern_id] < L.layers_total(concern):
        ledger["topic"] = concern_id
        return Decision(
            "not_yet", reason=f"not ready to say the real reason behind '{concern.title}' yet (rapport)"
        )
    return None


def _reveal_other(persona: Persona, ledger: L.Ledger, window: str) -> Decision | None:
    """Answer a needs / past / first-step / tell-me-about window from the ledger."""
    if window == "needs":
        for need in persona.needs:
            if need.id not in ledger["needs"]:
                ledger["needs"].append(need.id)
                return Decision(
                    "reveal",
                    content=need.text,
                    disclosures=[Disclosure(item_id=f"need:{need.id}", text=need.text)],
                    reason="shares a need",
                )
    elif window == "past":
        if ledger["history"] < len(persona.history):
            text = persona.history[ledger["history"]]
            ledger["history"] += 1
            return Decision(
                "reveal",
                content=text,
                disclosures=[Disclosure(item_id=f"past:{ledger['history']}", text=text)],
                reason="shares what was tried",
            )
    elif window == "first_step":
        if not ledger["first_step"]:
            ledger["first_step"] = True
            return Decision(
                "reveal",
                content=persona.first_step,
                disclosures=[Disclosure(item_id="first_step", text=persona.first_step)],
                reason="names a first step",
            )
    elif window == "tell_me_about" and not ledger["goal"]:
        ledger["goal"] = True
        return Decision(
            "reveal",
            content=persona.goal_line,
            disclosures=[Disclosure(item_id="goal", text=persona.goal_line)],
            reason="lays out its side",
        )
    return None


def _said_on(persona: Persona, ledger: L.Ledger, topic: str | None) -> str:
    """What it has already said on a topic (for a recap): the deepest layer said, else its goal line."""
    if topic and ledger["concerns"].get(topic, 0):
        return L.concern_text(persona.concern(topic), ledger["concerns"][topic])
    level_topic = ledger.get("topic")
    if level_topic and ledger["concerns"].get(level_topic, 0):
        return L.concern_text(persona.concern(level_topic), ledger["concerns"][level_topic])
    return persona.goal_line if ledger["goal"] else ""


def _exhausted(persona: Persona, ledger: L.Ledger, topic: str) -> bool:
    return ledger["concerns"].get(topic, 0) >= L.layers_total(persona.concern(topic))


# "just give me the number", "name your price": asked for in so many words, with or without a question
_GIVE_ME_A_NUMBER_TEXT = (
    r"\b(?:just )?give me (?:the|a|ur|your) (?:(?:best|lowest|final|real|bottom|top) )?(?:number|figure|price|offer)\b|"
    r"\bname (?:your|ur|the|a) (?:price|number|figure)\b|^\W*(?:\w+[.,]\s*){0,2}(?:so |then |ok |okay |go on,? )?make me an offer\b|"
    # "revisit = ? need a number tbh"
    r"^\W*(?:i |we )?need (?:a|an actual|a real) (?:number|figure)\b(?!\s+(?:that|which|for|to)\b)"
)
_GIVE_ME_A_NUMBER = re.compile(_GIVE_ME_A_NUMBER_TEXT)
_YES_OR_NO = re.compile(r"^\W*(?:so |just |simple )?yes or no\W*$")
_SO_WHAT = re.compile(r"\W*(?:so|and so|so what|and so what|so\.\.\.+)\W*\?+\W*$")
_BARE_NO = re.compile(r"\W*(?:no+|nope|nah|no way|no thanks|no deal|not a chance)\W*$")
_ASKS_THEIR_BEST = re.compile(
    r"\bwh?at(?:'s|s| is)? (?:the |ur |your )?(?:best|lowest|highest|most|least|bottom line)\b(?: (?:number|price|offer|rent|"
    r"figure|rate))?(?: (?:(?:u|you|u'd|you'd) (?:can|could|would|will)|you'?ll|u'?ll|you'?d|u'?d) "
    r"(?:do|go|take|offer|accept|manage|give)\b|"
    r"(?: (?:then|tho|now|here))?\W*$|\?)|"
    r"\bhow (?:low|high|far) (?:can|could|would|will) (?:u|you) go\b|"
    # "how low would the wall need to be, for the sun": the figure that would do, asked for
    r"\bhow (?:low|high|long|short|much|far|big|small|many) (?:would|does|do|should|could) (?:the|it|that|this|they) "
    r"(?:\w+ )?(?:need|have|want) to (?:be|go)\b(?!.{0,12}\bfor (?:you|u) to (?:be|feel)\b)|"
    # "whats a height you could live with" ("whats the number you actually need" asks what is behind it)
    r"\bwh?at(?:'s|s| is)? (?:a |the |ur |your )?(?:real |actual |lowest |highest )?(?:number|figure|price|rent|height|"
    r"rate|split|discount|salary|amount)\b[^.?!]{0,12}\b(?:you|u) (?:could|can|would) (?:live with|accept|take|do)\b|"
    # "what height would feel ok for u?", "what rent would work for you": the figure that would do for them
    r"\bwh?at (?:number|figure|price|rent|height|rate|split|discount|salary|amount|valuation) would (?:feel |be |seem )?"
    r"(?:ok(?:ay)?|fair|acceptable|work|right) (?:for|to) (?:you|u)\b|"
    # "ok so whats ur number. bottom line"
    r"\bwh?at(?:'s|s| is) (?:ur|your) (?:final |real |actual |bottom )?(?:number|price|figure)(?=\s*(?:[.,?!]|$|bottom))|"
    # "if you were in my shoes what would you put on the table", "what would you propose?": its own terms, asked for
    + IN_MY_SHOES
    + r" (?:put|offer|propose|ask for|structure|solve|square|bridge|handle|split|price|play)\b|"
    # "could u put a couple of options on the table?", "what options do you see for me?": its terms, in choices
    r"\b(?:give|put|offer|lay out|show|send|suggest)\b[^.?!]{0,12}?\b(?:a couple(?: of)?|a few|some|two|2|three|3|"
    r"(?:a )?(?:couple|few) (?:of )?different) (?:options|choices|packages|versions|scenarios)\b|"
    r"\bwhat (?:options|choices|packages) (?:do|would|could|can|might) (?:you|u) (?:see|suggest|offer|give|put|have)\b|"
    r"\b(?:what|how) (?:would|wld) (?:you|u) (?:put on the table|offer|propose|structure it)\b[^.?!]{0,20}"
    + IN_MY_PLACE
    + r"|"
    # "what would you propose?", "wow. fine, what would u put on the table then", "so what can you offer me?"
    r"^\W*(?:\w+[.,]\s*){0,3}(?:(?:so|then|ok|okay|fine|well|alright)\W+){0,2}what (?:would|will|could|can|wld) "
    r"(?:you|u) (?:put on the table|offer|propose|suggest|come back with)(?: (?:then|instead|me|us|here|today|now))*\W*$|"
    + _GIVE_ME_A_NUMBER_TEXT
)
# "ok deal on that part 👍", "fine on that one", "that bit's fine": a yes to one thing, not to the whole deal
_ONE_PART = re.compile(
    r"\b(?:on|for|with) (?:that|this|the \w+) (?:part|bit|one|point|front|piece|side of it)\b|"
    r"\b(?:that|this) (?:part|bit|one)(?:'s| is)\b"
)


# the reason behind what was just said: "whats behind it", "what's driving that"
_BEHIND_IT = re.compile(r"\b(?:behind|driving|causing)\s+(?:it|that)\b", re.I)
# a question that asks past what was just said: "what else worries you?", "anything other than the rent?"
_ELSE = re.compile(r"\b(?:else|other|another|apart from|besides|beyond|aside from)\b", re.I)


# "where were we", "remind me where we got to", "where did we leave it": back after a break
_WHERE_WERE_WE = re.compile(
    r"\bwhere (?:were|was) we\b(?!\s+(?:on|with|about|at)\b)|\bwhere (?:did|had) we (?:leave|get to|got to|end)\b|"
    r"\bremind me where we (?:were|are|got|left)\b|\bwhere we left (?:off|it)\b"
)


def _why_their_figure(q: dict[str, Any], concern: Concern) -> bool:
    """The question asks the reason for a figure of its terms on the table, one on a term that answers `concern`."""
    issues = D.answering_issues(concern)
    return any(i in issues for i in q.get("why_figure") or ())


def _answer_question(persona, ledger, profile, q: dict[str, Any]) -> Decision:
    """Answer the question that was asked: its concern, window or fact; a repeat gets a recap."""
    topic, window = q.get("topic"), q.get("window")
    issue = q.get("issue")
    if issue and issue in ledger["standing"]:
        # "rent?", "k. price tho": where it stands on that term, said again if it has put it forward before
        on_it = {issue: ledger["standing"][issue]}
        content = describe_terms(persona.issues, on_it)
        if any(o["by"] == "counterpart" and issue in o["terms"] for o in ledger["offers"]):
            return Decision("recap", content=content, reason="asked where it stands on a term it put forward")
        _record_offer(ledger, "counterpart", on_it)
        return Decision("counter", content=content, reason="asked where it stands on a term", terms=on_it)
    if _WHERE_WERE_WE.search((q.get("text") or "").lower()):
        # "ok im back. where were we": back after a break, it says where things stood
        said = _said_on(persona, ledger, None)
        if said:
            return Decision("recap", content=said, reason="asked where things stood after a break: it says")
    if q.get("repeat"):
        said = _said_on(persona, ledger, topic)
        if said:
            return Decision("recap", content=said, reason="asked again: it recaps and adds nothing")
    if q["act"] == "fact_question" and q.get("private"):
        return Decision("decline_fact", reason="asked what it keeps to itself (who, what others pay)")
    if q["act"] == "fact_question":
        fact = persona.fact(q.get("fact"))
        if fact and fact.public:
            return Decision(
                "answer_fact", content=fact.answer, reason=f"answers a factual question ({fact.id})"
            )
        if not fact and topic and not _exhausted(persona, ledger, topic):
            q = {
                **q,
                "act": "open_question",
            }  # "How many changes are we talking?": a question about a concern
        else:
            return Decision(
                "decline_fact",
                reason=f"keeps '{fact.id}' to itself" if fact else "a fact it does not give out",
            )
    if q.get("again"):
        return Decision("recap", content=q["again"], reason="asked to say it again: it does")
    if q.get("clarify"):
        # "20 percent of what exactly, the whole 24k?": it says again what its figure was, plainly
        # (a yes/no about what it meant is a short answer in its own words; an open "of what exactly" is a fact)
        move = "deflect_closed" if q["act"] == "closed_question" else "answer_fact"
        return Decision(move, content=q["clarify"], reason="says what its own figure was")
    if q["act"] == "closed_question" and q.get("conversion"):
        # "76k a year is about $6,300 a month, right?": it says whether the sum holds, and what it comes to
        holds = q.get("holds", True)
        return Decision(
            "deflect_closed",
            content=f"{'Yes' if holds else 'Not quite'}. {q['conversion']}.",
            reason="a sum checked: " + ("it holds" if holds else "it does not hold"),
        )
    if q["act"] == "closed_question" and q.get("agenda") and q.get("topic"):
        # "can we start with the wall and leave the building works for later?": yes, and it starts there
        q = {**q, "act": "open_question"}
    if q["act"] == "closed_question" and q.get("really"):
        # "really??" to what it just said: yes, and which point it stands by
        return Decision(
            "deflect_closed", content=f"Yes, really. {q['really']}", reason="asked if it is so: it is"
        )
    if q["act"] == "closed_question" and q.get("own_figure"):
        # "16.80?" to its own $16.80 a kilo: yes, that is its number, and (once said) the worry behind it
        on_it = {k: ledger["standing"][k] for k in q["own_figure"] if k in ledger["standing"]}
        behind = next(
            (
                c.id
                for c in persona.concerns
                if ledger["concerns"].get(c.id, 0) and set(on_it) & set(D.answering_issues(c))
            ),
            None,
        )
        reason = f" {_said_on(persona, ledger, behind)}" if behind else ""
        return Decision(
            "deflect_closed",
            content=f"Yes, {describe_terms(persona.issues, on_it)}.{reason}",
            reason="its own figure asked back: it stands by it",
        )
    if q["act"] == "closed_question" and q.get("leave"):
        return Decision("acknowledge", reason="asked leave to go on: it says go ahead")
    if (
        q["act"] == "closed_question"
        and q.get("doubt")
        and (
            ledger["concerns"].get(topic, 0) > 0
            if topic and q["doubt"] != "that"
            else bool(_said_on(persona, ledger, None))
        )
    ):
        # "is that really what comparable deals look like?": it stands by what it said, short ("Not as written."
        # answers a question about terms)
        return Decision(
            "deflect_closed", content="Yes, really.", reason="what it said was doubted: it stands by it"
        )
    if q["act"] == "closed_question":
        if ledger["closed_streak"] >= 3:
            _bump(ledger, "rapport", -1)
        if topic and q.get("guessed") == topic and ledger["concerns"].get(topic) == 0:
            # a right guess at a worry not said yet: it owns it, in its own words (the layers under it still need
            # open questions)
            decision = _raise(persona, ledger, topic)
            if decision:
                return decision
        if topic and q.get("guessed") == topic and not _exhausted(persona, ledger, topic):
            # "ok. I bet the property tax went up then": a right guess at what it has begun on; it says a bit more
            decision = _deepen(persona, ledger, profile, topic, 1)
            if decision:
                return decision
        if topic and ledger["concerns"].get(topic) == 0 and profile.closed_reveals_surface:
            decision = _raise(persona, ledger, topic)
            if decision:
                return decision
        if len(which := q.get("which") or []) >= 2:
            # "what matters more to u, the rent or how long the lease is": the one it weighs more, said short
            weights = D.weights(persona.issues, "counterpart")
            ranked = sorted(which, key=lambda k: -weights[k])
            if weights[ranked[0]] > weights[ranked[1]]:
                return Decision(
                    "deflect_closed",
                    content=f"If I had to pick, {_the(persona, persona.issue(ranked[0]).label)}.",
                    reason="asked which term matters more: it names the one it weighs more",
                )
        return Decision("deflect_closed", reason="a closed question gets a short answer")
    # An open question.
    _bump(ledger, "rapport", 1)
    levels = profile.layers_per_open_question
    if q.get("tell_me_more"):
        decision = _deepen(persona, ledger, profile, topic or ledger["topic"], levels)
        if decision:
            return decision
    decision = None
    # "What would you need to see?" right after it voiced a doubt asks what would settle that doubt: the concern on
    # the table, while it has more to say, not a need recited from the list.
    about = topic if topic is not None else ledger["topic"]
    if window == "needs" and q.get("to_yes"):
        # "what would it take for you to sign?": what it needs to say yes, while it has one to name
        decision = _reveal_other(persona, ledger, "needs")
        if decision:
            return decision
    if window in ("needs", "past", "first_step") and not (
        window == "needs"
        and about is not None
        and L.layers_total(persona.concern(about)) > ledger["concerns"].get(about, 0)
    ):
        # An explicit window ("What would a first step look like?") opens that window; "what would make the
        # payment side easier?" names a concern with more to say, and that concern is what it asks about.
        decision = _reveal_other(persona, ledger, window)
        if decision:
            return decision
    current = ledger["topic"]
    if (
        topic is None
        and q.get("reason")
        and current
        and _BEHIND_IT.search(q.get("text") or "")
        and not _exhausted(persona, ledger, current)
    ):
        topic = current  # "2 fixed days, got it. can i ask whats behind it": the thing it just said, deeper
    if topic is None and q.get("reason"):
        # "what's driving this on your side?": the reason behind their ask, the first concern with more to say
        topic = next((c.id for c in persona.concerns if ledger["concerns"][c.id] < L.layers_total(c)), None)
    if (
        topic is None
        and (q.get("refers_back") or window == "needs")
        and ledger["topic"]
        and window != "concerns"
    ):
        topic = ledger["topic"]  # "Would you walk me through the timing on that?": the thing it just said
    if topic is not None and window != "concerns":
        decision = (
            _raise(persona, ledger, topic)
            if ledger["concerns"][topic] == 0
            else _deepen(persona, ledger, profile, topic, levels)
        )
        if (
            decision is not None
            and decision.move == "not_yet"
            and window == "needs"
            and profile.deep_layer_rapport <= 1
        ):
            # "what would u need to see from me then", after a doubt it is not ready to say more about: what it
            # needs is an answer it can give (a need, a step), not "I'd rather not get into that yet" (on hard, guarded,
            # it may still hold back)
            decision = _reveal_other(persona, ledger, "needs") or decision
        if decision is None and _why_their_figure(q, persona.concern(topic)):
            # "why 8 and not 3?" after it has told all behind the 8: it gives that reason again, plainly
            said = _said_on(persona, ledger, topic)
            if said:
                return Decision(
                    "recap", content=said, reason="asked again why its figure: it gives the reason"
                )
        if decision is None:
            # All said on that one: a person asked a good question moves on to what else is on their mind
            # rather than stonewalling ("That's all there is to it" was never the fair reply in the conversation set).
            decision = _move_on(persona, ledger, profile, levels)
        if decision is None:
            return Decision(
                "nothing_more", reason=f"has said all there is on '{persona.concern(topic).title}'"
            )
    elif window == "concerns" and topic is not None:
        # "And the cliff thing, what's the worry there exactly?": the concern it names, not the next in the queue.
        decision = (
            _raise(persona, ledger, topic)
            if ledger["concerns"][topic] == 0
            else _deepen(persona, ledger, profile, topic, levels)
        )
    elif window == "concerns" and q.get("refers_back") and ledger["topic"]:
        # "why do you worry about that?": the worry it just voiced, while it has more to say on it
        decision = _deepen(persona, ledger, profile, ledger["topic"], levels) or _raise(persona, ledger)
    elif window == "concerns":
        decision = _raise(persona, ledger) or _deepen(persona, ledger, profile, ledger["topic"], levels)
    elif window in ("needs", "past", "first_step"):
        decision = _reveal_other(persona, ledger, window)
    elif window == "tell_me_about":
        decision = _reveal_other(persona, ledger, window) or _raise(persona, ledger)
    elif q.get("refers_back") and ledger["topic"]:
        decision = _deepen(persona, ledger, profile, ledger["topic"], levels)
    else:
        decision = _deepen(persona, ledger, profile, ledger["topic"], levels) or _raise(persona, ledger)
    if decision is None:
        decision = _move_on(persona, ledger, profile, levels) or Decision(
            "nothing_more", reason="nothing more to say there"
        )
    return decision


def _move_on(persona, ledger, profile, levels: int) -> Decision | None:
    """What else it has to say after an open question on something exhausted: a concern not raised yet, more on
    one with layers left, else a need it has not named."""
    decision = _raise(persona, ledger)
    if decision is None:
        left = L.concern_with_layers_left(persona, ledger)
        decision = _deepen(persona, ledger, profile, left.id, levels) if left else None
    return decision or _reveal_other(persona, ledger, "needs")


def _answer_summary(persona, ledger, profile, summary: dict[str, Any]) -> Decision:
    if not summary.get("faithful"):
        _bump(ledger, "rapport", -1)
        text = summary.get("correction") or ""
        if (
            not text
            and summary.get("invented")
            and persona.issues
            and ledger.get("standing")
            and read_terms(summary.get("text") or "", persona.issues)
        ):
            # "so you want 18 a kilo?" before it has said a figure aloud: the figures it put to them are its terms
            text = f"What I proposed is {describe_terms(persona.issues, ledger['standing'])}."
        if not text:
            return Decision("clarify", reason="a summary of things never said")
        return Decision(
            "correct_summary", content=text, reason="the summary got something wrong: it says what it did say"
        )
    _bump(ledger, "rapport", 1)
    # "that sounds exhausting": it says that yes, it has been, before going on (not "Yes, that's what I said")
    move = "feel_heard" if summary.get("feeling") else "warm_up"
    covered = [c for c in summary.get("covered") or [] if c in ledger["concerns"]]
    focus = covered[-1] if covered else ledger["topic"]
    attempts = (
        lambda: _deepen(persona, ledger, profile, focus, 1),
        lambda: _deepen(persona, ledger, profile, focus, 1),  # the layer after one the play-back already said
        lambda: _deepen(
            persona,
            ledger,
            profile,
            (L.concern_with_layers_left(persona, ledger) or persona.concerns[0]).id,
            1,
        ),
        lambda: _raise(persona, ledger),
    )
    # What the play-back itself already said ("so the 6 months you worked count for nothing", from the user's own
    # brief) is confirmed, not told back to them as news: it goes on to the next thing.
    said_back: list[Disclosure] = []
    for attempt in attempts:
        decision = attempt()
        if decision and decision.move != "not_yet":
            if decision.disclosures and _said_back(summary.get("text", ""), decision.disclosures):
                said_back += decision.disclosures
                continue
            return Decision(
                move,
                content=decision.content,
                disclosures=said_back + decision.disclosures,
                reason="felt heard after a faithful summary; " + decision.reason,
            )
    return Decision(
        move,
        content=persona.first_step if not ledger["first_step"] else persona.goal_line,
        disclosures=said_back,
        reason="felt heard after a faithful summary",
    )


def _said_back(text: str, disclosures: list[Disclosure]) -> bool:
    """Whether a play-back already holds most of what these disclosures would say: most of their words, or two of
    their figures ("comps are 15-18x arr" for "pricing at 15 to 18 times recurring revenue")."""
    if not text:
        return False
    said = " ".join(d.text for d in disclosures)
    theirs = content_stems(said)
    figures, figures_back = ({float(n) for n in re.findall(r"\d+(?:\.\d+)?", t)} for t in (said, text))
    return len(theirs & content_stems(text)) >= max(3, 0.45 * len(theirs)) or len(figures & figures_back) >= 2


def _given_beyond_asked(
    persona: Persona,
    concerns: Sequence[Any],
    full: Mapping[str, float],
    named: Mapping[str, float],
    standing: Mapping[str, float],
) -> list[str]:
    """The concerns an offer answers with a term it gives the counterpart beyond what the counterpart itself put on the
    table ("five years" against its one-year renewal): a salary asked above its figure answers nothing of its."""
    given = [
        k
        for k, v in named.items()
        if k in standing and D.better(persona.issue(k).counterpart, v, standing[k])
    ]
    return D.answered_concerns(concerns, full, given)


def _key_disclosed(persona: Persona, ledger: L.Ledger) -> list[str]:
    return [c.id for c in persona.concerns if c.key and ledger["concerns"].get(c.id, 0) >= 1]


FIRST_OFFER_YES = 0.85  # a first offer worth at least this much to the counterpart is taken at once


def _record_offer(ledger: L.Ledger, by: str, terms: dict[str, float]) -> None:
    ledger["offers"].append({"by": by, "turn": ledger["user_turns"], "terms": dict(terms)})


def _own_position(ledger: L.Ledger) -> dict[str, float]:
    """The terms the user has put on the table since the counterpart's last counter (later ones win)."""
    position: dict[str, float] = {}
    for offer in reversed(ledger["offers"]):
        if offer["by"] != "user":
            break
        position = {**offer["terms"], **position}
    return position


_FAREWELL = re.compile(
    r"\b(?:(?<!did you )(?<!did u )(?<!you )(?<!u )have a (?:good|great|nice|lovely) "
    r"(?:weekend|day|evening|one|night|week|afternoon)|enjoy (?:the rest of )?(?:the|your) "
    r"(?:weekend|evening|day|afternoon)|talk soon|speak soon|see (?:you|u|ya) (?:soon|then|later|next week|on \w+day)|"
    r"(?<!not )(?:good)?bye\b|take care)\b"
)
# a short question that closes a line ("Shake on it?", "Do we have a deal?"): said last when more follows the line
_CLOSING_ASK = re.compile(r"(?<=[.!])\s+([^.!?]{1,40}\?)\s*$")
# leave to ask, not the question: "can I ask something first?", "mind if I ask you a question?"
_ASKS_LEAVE = re.compile(
    r"\b(?:can|could|may) i ask (?:you )?(?:something|a (?:quick )?(?:question|thing|q))\b|\bmind if i ask\b"
)


def _as_user_wants(issues: Iterable[Issue]) -> dict[str, float]:
    """Each of these terms where the user would want it (its target), for a counter to take back from."""
    return {i.id: D.snap(i, i.user.target) for i in issues}


def _public_fact_asked(persona: Persona, parts: Sequence[dict[str, Any]]) -> Fact | None:
    """The first public fact a fact question among `parts` asks about (one it may answer as it is)."""
    return next(
        (
            f
            for p in parts
            if p["act"] == "fact_question" and not p.get("private")
            if (f := persona.fact(p.get("fact"))) is not None and f.public
        ),
        None,
    )


def _choose_option(
    persona: Persona, ledger: L.Ledger, reading: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, float] | None]:
    """Packages side by side ("4300 on 1 year, or 4400 on 3 years. which one?"): the one worth most to it is the offer
    it weighs (with the rest of the turn's terms); the others are set aside."""
    options = reading.get("options") or []
    if len(options) < 2 or not persona.issues:
        return reading, None
    own = _own_position(ledger)

    def worth(option: dict[str, float]) -> float:
        full = D.complete(persona.issues, {**own, **option}, ledger["standing"])
        return D.utility(persona.issues, full, "counterpart")

    best = max(options, key=worth)
    keys = {k for option in options for k in option}
    terms = {k: v for k, v in (reading.get("terms") or {}).items() if k not in keys}
    return {**reading, "terms": {**terms, **best}}, best


def _agree(persona: Persona, ledger: L.Ledger, terms: dict[str, float], why: str) -> Decision:
    ledger["agreed"] = dict(terms)
    ledger["standing"] = dict(terms)
    return Decision(
        "agree",
        content=describe_terms(persona.issues, terms),
        outcome="agreement",
        reason=why,
        terms=dict(terms),
    )


def _counter(
    persona,
    ledger,
    difficulty: str,
    user_terms: dict[str, float],
    why: str,
    keep: dict[str, float] | None = None,
    earned: float = 0.0,
    cap: float | None = None,
) -> Decision:
    """Its counter: the terms nearest the user's that it would itself say yes to. `earned`: what the user's offer
    is worth to it beyond the numbers (the key concerns it answers), which the counter keeps, so it asks back only
    the rest: "$4,700 and five years answers the bank" is not met with its opening $5,000."""
    target = max(D.aspiration(difficulty, ledger["user_turns"]) - earned, 0.0)
    target = target if cap is None else min(target, cap)
    standing = ledger["standing"]
    counter = D.counter_offer(persona.issues, target, user_terms, standing, ledger.get("considered_term"))
    # It never takes back what its own last counter gave: "158 base" a turn ago is not "160 base" now because the
    # user asked for a later review (it trades on what is still open, it does not retrade)
    own_last = next((o["terms"] for o in reversed(ledger["offers"]) if o["by"] == "counterpart"), None)
    if own_last:
        for issue in persona.issues:
            k = issue.id
            if k in counter and k in own_last and D.better(issue.counterpart, counter[k], own_last[k]):
                counter[k] = own_last[k]
    if keep:
        # (what the user itself offered stays, even where it gives more than its own last counter asked: five years
        # offered where it had proposed one)
        counter = {**counter, **{k: v for k, v in keep.items() if k in counter}}
    ledger["standing"] = counter
    ledger["counters_made"] += 1
    _record_offer(ledger, "counterpart", counter)
    return Decision(
        "counter", content=describe_terms(persona.issues, counter), reason=why, terms=dict(counter)
    )


_CLAUSE_VERB = re.compile(r"\b(?:has|have|stays|starts|pays|is|are|gets|goes|moves)\b")


_FIRST_PERSON = {"'s": "my", "’s": "my", " has": "I have", " is": "I am"}


def _the(persona: Persona, label: str) -> str:
    """An issue's label as a thing still open, in the counterpart's mouth: "Monthly rent" -> "the monthly rent",
    "Lena's share of the founder equity" -> "my share of the founder equity" (said by Lena), "Lena has final say on
    technical decisions" -> "whether I have final say …"."""
    first = re.split(r"[\s'’]", label)[0]
    named = first in persona.name.split()
    if named:
        # its own name in its own mouth: "Lena has final say" is "I have final say", "Lena's share" is "my share"
        label = re.sub(
            rf"^{re.escape(first)}(?:['’]s\b| has\b| is\b)",
            lambda m: _FIRST_PERSON[m[0][len(first) :]],
            label,
        )
        named = not label.startswith(("I ", "my "))
    low = label if named or label.startswith("I ") else label[:1].lower() + label[1:]
    if _CLAUSE_VERB.search(low):
        return f"whether {low}"
    return low if named or re.match(r"(?:the|a|an|her|his|your|my|no)\b", low) else f"the {low}"


def _still_open(persona: Persona, concern: Concern) -> str:
    """What it says is still open about a concern, after an offer: its surface line, unless that line quotes figures
    ("At $600,000 in revenue, $12M is a stretch" to an offer of 11 pre); then the term that would answer it."""
    term = _answering_term(persona, concern)
    if not quantities(concern.surface) or term is None:
        return concern.surface
    return f"I'm still not there on {_the(persona, term.label)}."


def _answering_term(persona: Persona, concern: Concern) -> Issue | None:
    """The first of the persona's terms that answers a concern (its `answered_by_terms`)."""
    ids = D.answering_issues(concern)
    return next((i for i in persona.issues if i.id in ids), None)


def _weightiest_open(issues: Sequence[Issue], named: Mapping[str, float]) -> Issue:
    """The term it cares most about among those the user has not named."""
    weights = D.weights(issues, "counterpart")
    return max((i for i in issues if i.id not in named), key=lambda i: weights[i.id])


def _not_settled(persona: Persona, issue: Issue) -> str:
    return f"we haven't settled {_the(persona, issue.label)} yet."


def _meets_a_worry(persona: Persona, ledger: L.Ledger, terms: Mapping[str, float]) -> bool:
    """ "could do deliveries round the back lane from 6:30" once the early deliveries are told: every term moves its
    way from today, within what it could live with, on a term that answers a worry it has told, even short of what it
    asked. (Money or a share moved a little is haggling, answered in numbers: "42 then.", "one fifty-five?")"""
    for k, v in terms.items():
        issue = persona.issue(k)
        if "$" in issue.unit or "percent" in issue.unit:
            return False
        told = any(
            ledger["concerns"].get(c.id, 0) > 0 and k in D.answering_issues(c) for c in persona.concerns
        )
        if not told or issue.current is None or not D.better(issue.counterpart, v, issue.current):
            return False
        if D.better(issue.counterpart, issue.counterpart.limit, v):
            return False
    return bool(terms)


def _consider_the_rest(persona: Persona, ledger: L.Ledger, named: Mapping[str, float], why: str) -> Decision:
    """A partial offer taken in: it names the weightiest term still open (and notes it, so it says so once)."""
    rest = _weightiest_open(persona.issues, named)
    ledger["considered_term"] = rest.id
    return Decision("consider", content=_not_settled(persona, rest), reason=f"{why}; {rest.id} still open")


# "4000 a quarter is a lot. 3000?": their figure grumbled at, short of a no
_GRUMBLE = re.compile(
    r"\b(?:is|'s|are|thats|seems|sounds|feels) (?:still |just |really |quite )?(?:a lot|a bit much|too much|steep|"
    r"a big ask|a stretch|tough|more than (?:i|we))\b|\btoo (?:much|high|long|steep|many)\b|\bway too\b"
)


def _pushes_back(parts: Sequence[dict[str, Any]], words: re.Pattern[str]) -> bool:
    """A part turns something down, or a statement or play-back says these words against it."""
    return any(
        p["act"] == "reject" or (p["act"] in ("statement", "summary") and words.search(p["text"].lower()))
        for p in parts
    )


def _haggled(persona: Persona, ledger: L.Ledger, named: Mapping[str, float]) -> bool:
    """ "160 + 15 is a lot. can u do 155 and 12" straight after it laid down $160,000 and $15,000: the user turns its
    terms down and names lower ones, and a person tests for a little more before taking less than it has just asked
    for."""
    offers = ledger["offers"]
    if len(offers) < 2 or offers[-2]["by"] != "counterpart":
        return False
    theirs = offers[-2]["terms"]
    # only its own terms, cut: a package that brings something of the user's own ("…and a one-page summary every
    # month") is a trade, valued as one
    if not all(k in theirs for k in named):
        return False
    sides = {k: persona.issue(k).counterpart for k in named}
    # and nothing given for it: "20.4k, but 12 months" moves one term its way for another
    return any(D.better(sides[k], theirs[k], v) for k, v in named.items()) and not any(
        D.better(sides[k], v, theirs[k]) for k, v in named.items()
    )


def _bargain(persona, ledger, profile, difficulty: str, reading: dict[str, Any]) -> Decision:
    """An offer: value it (utility plus the disclosed key concerns it answers), then agree, consider or counter."""
    issues = persona.issues
    named = reading.get("terms") or {}
    standing = ledger["standing"]
    ask = reading.get("ask") or {}
    benefit = bool(ask.get("benefit"))
    pushed = ledger["pushed"]
    if named:
        # "what if 16.20 and net 15" - "I'm still not there on the weekly order" - "and if we commit to 60 kilos?":
        # what the user offered since its last counter still stands; the new terms are added to it
        named = {**_own_position(ledger), **named}
        _record_offer(ledger, "user", named)
    disclosed_keys = _key_disclosed(persona, ledger)
    if not named:
        if "bare" not in pushed:
            pushed.append("bare")
            _bump(ledger, "rapport", -1)
            return Decision("push_back_bare_ask", reason="an ask with no terms and nothing in it for them")
        return _counter(persona, ledger, difficulty, {}, "asked to move without an offer: it moves a little")
    # "4800 is still too much for us. what if we signed for 5 years instead of 1": its figure turned down in the same
    # turn is no term the user takes with the offer; the counter starts it where the user would want it
    turned_down = [
        persona.issue(k)
        for p in reading.get("parts", [])
        if p["act"] == "reject" and not _OWN_LIMIT.search(p["text"].lower())
        for k, v in (p.get("terms") or {}).items()
        if k not in named and abs(standing.get(k, v + 1) - v) <= 1e-9 and persona.issue(k).kind == "number"
    ]
    if turned_down and not reading.get("strong_yes"):
        put = {**_as_user_wants(turned_down), **named}
        return _counter(
            persona, ledger, difficulty, put, "an offer beside a term of its turned down", keep=named
        )
    full = D.complete(issues, named, standing)
    answered = D.answered_concerns([persona.concern(c) for c in disclosed_keys], full, named)
    value = D.offer_value(issues, full, len(answered), benefit)
    target = D.aspiration(difficulty, ledger["user_turns"])
    fair = D.within_limits(issues, full, "counterpart")
    its_own = all(
        k in standing and not D.better(persona.issue(k).counterpart, standing[k], v) for k, v in named.items()
    )
    restated = all(k in standing and abs(standing[k] - v) <= 1e-9 for k, v in named.items())
    asking = any(p["act"] == "open_question" for p in reading.get("parts", []))
    if (
        fair
        and reading.get("commits")
        and not asking
        and (
            (restated and (D.covers(issues, named) or reading.get("strong_yes")))
            or (its_own and D.covers(issues, named))
        )
    ):
        # "3 at 12, 10% pool, board seat. signed." / "no penalties" when none are on the table: the user takes its
        # own proposal (a whole package may give it more on a term): that closes, with the terms on the table. Five
        # years named alone, where it proposed one, is a trade still to be made: that gets the package back.
        return _agree(persona, ledger, full, "the offer is its own proposal on the table")
    # A partial offer ("five years would be lovely") leaves the rest open: it answers with the whole package.
    whole = D.covers(issues, named)
    haggling = (
        not benefit and _pushes_back(reading.get("parts", []), _GRUMBLE) and _haggled(persona, ledger, named)
    )
    if fair and value >= target - 1e-9 and not whole:
        if (
            ledger["counters_made"]
            and ledger["rapport"] >= profile.min_rapport_to_agree
            and not asking
            and not haggling
        ):
            package = D.counter_offer(issues, max(target, 0.0), named, standing)
            if all(abs(package.get(k, v) - v) <= 1e-9 for k, v in full.items()):
                # The rest as its last counter put it already makes it enough: "yes", with the whole package said
                # back. (Its opening position is no counter the user has heard: a term named alone then is a trade
                # to make.)
                return _agree(
                    persona, ledger, full, "a partial offer that, with the rest as it stands, is enough"
                )
        if (answered or its_own) and ledger.get("considered_term") is None:
            # "Two weeks max, screened on your side": it answers what it said; a person takes that in and points
            # at what is still open (once) before laying the whole package back on the table.
            return _consider_the_rest(
                persona, ledger, named, f"a partial offer that answers {len(answered)} concern(s)"
            )
        return _counter(
            persona,
            ledger,
            difficulty,
            named,
            "a partial offer: it puts the rest of the terms with it",
            keep=named,
        )
    first_offer = sum(1 for o in ledger["offers"] if o["by"] == "user") <= 1
    if (
        fair
        and value >= target - 1e-9
        and ((first_offer and not answered) or haggling)
        and value < FIRST_OFFER_YES
        and not its_own
    ):
        # Nobody says yes to the first bare number put to them unless it is what they came for: it tests for more
        # once. An offer framed around its concerns (the method's ask) is what earns a yes at once.
        return _counter(
            persona, ledger, difficulty, named, "a first offer: it tests for a little more before saying yes"
        )
    if fair and value >= target - 1e-9 and ledger["rapport"] >= profile.min_rapport_to_agree:
        why = f"the offer is worth {value:.2f} to it against {target:.2f} it holds out for"
        return _agree(
            persona,
            ledger,
            full,
            why + (f", and answers {len(answered)} of its key concerns" if answered else ""),
        )
    if fair and value >= target - 1e-9 and answered and ledger.get("considered_term") is None:
        # Enough on the terms, not yet on trust: it says so once ("closer, but …") instead of asking for more.
        open_key = [c for c in disclosed_keys if c not in answered]
        ledger["considered_term"] = "rapport"
        content = (
            _still_open(persona, persona.concern(open_key[0]))
            if open_key
            else "I need to be sure this holds before I say yes."
        )
        return Decision(
            "consider", content=content, reason="the terms are enough; the trust is not there yet"
        )
    if not disclosed_keys and not benefit and "bare" not in pushed:
        # A number before any of its concerns is known: "what's in it for me?", as most people hear it (once)
        pushed.append("bare")
        _bump(ledger, "rapport", -1)
        return Decision("push_back_bare_ask", reason="terms before any of its concerns are known")
    heard = bool(
        (reading.get("summary") or {}).get("faithful") and (reading.get("summary") or {}).get("covered")
    )
    countered = ledger["counters_made"] or any(
        abs(standing[i.id] - i.opening) > 1e-9 for i in issues if i.id in standing and i.opening is not None
    )
    # (Once it has said what is still missing, "closer, but …", a term added without it is answered in numbers.)
    considered = ledger.get("considered_term") is not None
    # "five years at 4,500 and the flour van round the back after 7" before the bank or the flats were mentioned: the
    # offer touches a worry it had kept to itself, and a person says that worry out loud rather than "what's in it
    # for me?"
    unsaid = [c for c in persona.concerns if c.key and ledger["concerns"].get(c.id, 0) == 0]
    touched = _given_beyond_asked(persona, unsaid, full, named, standing)
    if (
        touched
        and not benefit
        and not answered
        and not heard
        and not countered
        and not considered
        and "bare" not in pushed
    ):
        raised = _raise(persona, ledger, touched[0])
        if raised:
            pushed.append("bare")  # (in place of its one "what's in it for me?")
            raised.reason = "the offer touches a worry it had not said: " + raised.reason
            # "… I can commit to 60 kilos a week": what helps is said to help, then why ("I never know what you're
            # going to order"), not the worry alone as if the term had not been offered
            helps = {k: v for k, v in named.items() if k in D.answering_issues(persona.concern(touched[0]))}
            if helps:
                raised.before.append(
                    {"move": "acknowledge", "content": f"Now, {describe_terms(issues, helps)} would help me."}
                )
            return raised
    if (
        not benefit
        and not answered
        and not heard
        and "bare" not in pushed
        and not countered
        and not considered
    ):
        if (
            (its_own or _meets_a_worry(persona, ledger, reading.get("terms") or {}))
            and any(p["act"] == "offer" for p in reading.get("parts", []))
            and not whole
            and fair
            and not asking
        ):
            # "what if we moved the deliveries to after 7?" when after 7 is what it asked itself: no "what's in it
            # for me?" for its own term (or better); it takes that and points at what is still open (once)
            return _consider_the_rest(persona, ledger, named, "a partial offer of its own terms")
        # (Once it has put numbers of its own on the table, a bare number back is haggling, answered in numbers.)
        # (An offer said right after a faithful play-back of its concern is put on what it heard: no "what's in it
        # for me?".)
        pushed.append("bare")
        _bump(ledger, "rapport", -1)
        return Decision("push_back_bare_ask", reason="an offer with nothing in it for them")
    open_key = [c for c in disclosed_keys if c not in answered]
    if answered and open_key and ledger["considered"] != open_key[0]:
        ledger["considered"] = open_key[0]
        concern = persona.concern(open_key[0])
        return Decision(
            "consider",
            content=_still_open(persona, concern),
            reason=f"answers {len(answered)} key concern(s); '{concern.title}' is still open",
        )
    if (
        fair
        and (answered or benefit)
        and target - CLOSER <= value < target
        and ledger.get("considered_term") is None
    ):
        # An offer built on what it told you, still short: a person says it is closer and where it is stuck, once,
        # before putting numbers back on the table.
        weights = D.weights(issues, "counterpart")
        # not a term where the offer already gives what it asked itself ("$2.5M round" to its own opening 2.5); a
        # term it left at nothing ("no standing order") was never asked for
        own = ledger["standing"]
        short = [i for i in issues if not own.get(i.id) or D.better(i.counterpart, own[i.id], full[i.id])]
        gap = max(
            short or issues,
            key=lambda i: weights[i.id] * max(0.0, 1.0 - D.issue_score(i, full[i.id], "counterpart")),
        )
        ledger["considered_term"] = gap.id
        return Decision(
            "consider",
            content=(
                f"I still need {gap.phrase}."  # "I still need final say for the CTO on technical decisions."
                if gap.kind == "yes_no" and gap.counterpart.prefers == "high" and gap.phrase
                else f"I'm still not there on {_the(persona, gap.label)}."
            ),
            reason=f"it answers what it heard, worth {value:.2f} against {target:.2f}; short on {gap.id}",
        )
    why = (
        "below its walk-away on some term"
        if not fair
        else "not enough rapport yet"
        if value >= target
        else f"worth {value:.2f} to it; it holds out for {target:.2f}"
    )
    earned = value - D.utility(issues, full, "counterpart") if fair and value < target else 0.0
    return _counter(persona, ledger, difficulty, named, why, earned=earned)


# How far short of what it holds out for an offer built on what it told you can be and still be "closer, but …": further
# off, "closer" would be false, and it answers in numbers.
CLOSER = 0.3


def _legacy_ask(persona, ledger, profile, reading) -> Decision:
    """Personas written before issues: the old paragraph deal (kept so older custom files still run)."""
    disclosed = L.disclosed_concern_ids(persona, ledger)
    ask = reading.get("ask") or {}
    if not disclosed:
        _bump(ledger, "pressure", 1)
        _bump(ledger, "rapport", -1)
        return Decision("push_back_premature", reason="a solution before any concern is known")
    if reading.get("bare_ask") or not ask.get("benefit"):
        _bump(ledger, "rapport", -1)
        return Decision("push_back_bare_ask", reason="an ask with nothing in it for them")
    key_disclosed = _key_disclosed(persona, ledger)
    answered = [c for c in ask.get("addressed") or [] if c in key_disclosed]
    needed = min(profile.concerns_to_answer, sum(1 for c in persona.concerns if c.key))
    if len(answered) >= needed and ledger["rapport"] >= profile.min_rapport_to_agree:
        return Decision(
            "agree",
            content=persona.deal.acceptable,
            outcome="agreement",
            reason="the ask answers its key concerns",
        )
    counters = persona.deal.counters
    content = counters[min(ledger["counters_made"], len(counters) - 1)]
    ledger["counters_made"] += 1
    return Decision("counter", content=content, reason="not enough of its concerns answered")


def _accept_standing(persona, ledger, profile, difficulty: str, reading) -> Decision:
    """The user accepts what is on the table: its own proposal closes the deal, with those terms."""
    standing = ledger["standing"]
    restated = {k: v for k, v in (reading.get("terms") or {}).items() if k in standing}
    if any(persona.issue(k).kind == "number" for k in restated) and any(
        k not in restated and k in standing and D.better(persona.issue(k).user, v, standing[k])
        for k, v in _own_position(ledger).items()
    ):
        # "whatever, fine, 3% then", after the user's own 4,500 for five years: one figure given within the user's
        # package, not a yes to the counterpart's whole proposal (which would give the user less than they offered)
        return _bargain(persona, ledger, profile, difficulty, reading)
    own, gap = _own_position(ledger), ledger.get("considered_term")
    if gap not in standing and ledger.get("considered"):
        # "I could work with some of that. But I'm still not there on the pre-money valuation.": the concern it
        # named is answered by a term, and that term is what it was short on
        term = _answering_term(persona, persona.concern(ledger["considered"]))
        gap = term.id if term else None
    if own and not restated and ledger["offers"][-1]["by"] == "user" and gap in standing:
        # "16.50, net 30, 12 months" - "Better. I'm still not there on the payment terms." - "deal": a yes to the
        # user's own offer with the term it was short on as it asked, not to its proposal from before that offer
        # (a person who said "not there on the payment terms" hears "deal" as the payment terms conceded)
        full = {**D.complete(persona.issues, own, standing), gap: standing[gap]}
        if D.within_limits(persona.issues, full, "counterpart"):
            return _agree(persona, ledger, full, f"the user took its offer with {gap} as it asked")
    merged = {**standing, **restated}
    if not D.within_limits(persona.issues, merged, "counterpart") or (
        D.utility(persona.issues, merged, "counterpart")
        < D.utility(persona.issues, standing, "counterpart") - 1e-9
    ):
        return _bargain(persona, ledger, profile, difficulty, reading)  # "yes, at 15.60": that is a new offer
    return _agree(persona, ledger, merged, "the user accepted its proposal")


# "fine", "ok sure", "no problem": a yes too weak to close a deal by itself
_WEAK_YES = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|k|fine|sure|alright|yeah|yep|no problem|np|will do|of course|ofc)\W*)+$"
)
# "ill send them over", "i'll get you the numbers", "will do, ill dig them out": doing what they asked for
_DOES_AS_ASKED = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|sure|fine|yeah)\W+)?(?:i'?ll|ill|i will|we'?ll|we will|i can|we can)\s+(?:\w+\s+)?"
    r"(?:send|get|bring|pull|dig|email|forward|share|put together|write (?:it|them|that) up)\b"
)
# "i know we were late", "i didnt know about the deliveries", "our deliveries are early, sorry": the user owns it
_OWNS_IT = re.compile(
    r"\bi (?:know|realise|realize|admit)(?: that)? (?:we|our|i)\b|"
    r"\bi (?:didn'?t|did not|had no) (?:know|idea|realise|realize) (?:about|that|the)\b|"
    r"\b(?:that'?s|thats) on (?:us|me)\b|\bmy bad\b|\bour (?:fault|bad)\b"
)
_NOD = re.compile(
    r"^\W*(?:ok(?:ay)?|k|kk|yeah|yea|ya|right|sure|alright|(?:ok(?:ay)? )?fine|um+|hm+|(?:(?:ok|yeah)\W+)?(?:that'?s|thats|its|it'?s) fair|"
    r"fair enough|makes sense|got it|gotcha|understood|i hear (?:you|u)|good (?:point|question))\W*$"
)
# What is still argued after a yes to one term: "…but 76 isn't right", "it's the pool that kills me"
_OBJECTION = re.compile(
    r"\b(?:but|though|tho|however|kills?|killing|isn'?t right|not (?:ok|okay|right|fair)|doesn'?t work|don'?t want|"
    r"can'?t|cannot|problem|issue|why)\b"
)


_AGENDA = re.compile(
    r"^\W*(?:so\W+)?(?:it'?s|its|this is|i'?m here|i wanted to (?:talk|chat|ask)|i'?d like to (?:talk|chat)|"
    r"i came(?: round| over)?(?: to talk)?)\b.*\babout\b"
)


# A shrug, rude only by its tone: "whatever.", "ok whatever", "ugh, come on", "unreal"
_SHRUG = re.compile(
    r"^\W*(?:(?:ok|okay|ugh|fine|oh|k|meh)\W+)*(?:whatever|come on|unreal|seriously|wow|lol)\W*$"
)
_SAYS_MORE = frozenset({"pressure", "offer", "reject", "open_question", "closed_question", "fact_question"})


def _names_its_figure(part: dict[str, Any], ledger: L.Ledger) -> bool:
    """ "16.80 is a bit steep": a figure of the terms it has on the table, the point of the turn (not chat)."""
    on_table = list((ledger.get("standing") or {}).values())
    return any(abs(q.value - v) < 1e-6 for q in quantities(part["text"]) for v in on_table if v)


# an apology for how they spoke, not a polite "sorry": "that came out wrong", "that was rude", "i'm taking it out on you"
_REPAIR = re.compile(
    r"\b(?:came out wrong|that was (?:a bit |really |so |pretty )?(?:rude|harsh|uncalled for|unfair|out of line|low|"
    r"lousy|mean)|out of line|uncalled for|i was wrong|didn'?t mean (?:that|it)|(?:taking|took) it out on|"
    r"shouldn'?t have said|(?:that|this|it) (?:was|is|'s) on me|that'?s on me|my bad|my fault)\b"
)
_THANKED = re.compile(
    r"\b(?:thanks|thank you|thank u|thx|ty|much appreciated|(?:really )?appreciate (?:it|that|you|this))\b"
)
# "76 is my floor", "15.60 is right at my ceiling": the user's own limit named, not its figure turned down
_OWN_LIMIT = re.compile(
    r"\b(?:my|our) (?:floor|ceiling|limit|max|maximum|minimum|min|top|bottom line|walk-?away)\b"
)
_PUTS_TERMS = re.compile(
    r"\b(?:would|could|can|will) (?:you|u)\b|\bhow about\b|\bwhat about\b|\bwhat if\b|\b(?:i|we)(?:'d| would| could| can|'ll| will)\b"
)


def _main(persona, ledger, profile, difficulty: str, reading: dict[str, Any]) -> Decision:
    """The main move for a turn, by what matters most in it."""
    acts = reading.get("acts", [])
    parts = reading.get("parts", [])
    questions = [
        p
        for p in parts
        if p["act"] in ("open_question", "closed_question", "fact_question") and not p.get("check")
    ]
    # "Anything else? I'd rather hear it now than in August.": the nudge after a question is not the question
    questions = [q for q in questions if not q.get("nudge")] or questions
    guessed = next((p for p in parts if p.get("guessed") and p["act"] != "summary"), None)
    if (
        guessed is not None
        and not {
            "offer",
            "accept",
            "reject",
            "summary",
            "open_question",
            "fact_question",
            "pressure",
            "insult",
        }
        & set(acts)
        and not any(q.get("doubt") or q.get("which") or q.get("own_figure") for q in questions)
    ):
        # "I bet the property tax went up", "let me guess, you want to sell": a guess is a yes/no on that worry
        asked = {**guessed, "act": "closed_question", "topic": guessed["guessed"]}
        parts = [asked if p is guessed else p for p in parts]
        questions = [asked]
    last_no = max((n for n, p in enumerate(parts) if p["act"] == "reject"), default=-1)
    if questions and all(q["act"] == "closed_question" and parts.index(q) < last_no for q in questions):
        # "60 every week? no way. and 15.80 is still too much": the yes/no before a no is the no, said in disbelief
        questions = []
    summary = reading.get("summary")
    if reading.get("empty"):
        return Decision("clarify", reason="an empty turn")
    farewell = next((m for p in parts if (m := _FAREWELL.search(p["text"].lower()))), None)
    if farewell and all(p["act"] in ("thanks", "small_talk", "statement") for p in parts):
        # "thanks marcus, appreciate it. have a good weekend": said goodbye to, it says goodbye (not "what did you want
        # to talk about?")
        wish = farewell.group(0).startswith(("have a", "enjoy"))
        return Decision(
            "acknowledge", content="You too." if wish else "Talk soon.", reason="a goodbye: it says one back"
        )
    back = next((p for p in parts if _WHERE_WERE_WE.search(p["text"].lower())), None)
    if back is not None and all(p["act"] in ("thanks", "small_talk", "statement") for p in parts):
        # "sorry had to step away, where were we": asked without a question mark, still asked where things stood
        last = ledger["offers"][-1] if ledger["offers"] else None
        if last and last["by"] == "counterpart" and last["turn"] >= ledger["user_turns"] - 1:
            # just after it put terms on the table, where things stood is those terms (the line gives them their
            # capital and full stop)
            terms = describe_terms(persona.issues, ledger["standing"])
            return Decision("recap", content=terms, reason="back after a break: its terms")
        said = _said_on(persona, ledger, None)
        if said:
            return Decision("recap", content=said, reason="back after a break: it says where things stood")
    insults = [p for p in parts if p["act"] == "insult"]
    shrugged = bool(insults) and all(_SHRUG.match(p["text"].lower()) for p in insults)
    if shrugged and any(p["act"] in _SAYS_MORE for p in parts):
        # "whatever. 15 flat, net 30", "ok whatever. why are you late then": the shrug costs a little; what comes
        # after it is what gets the answer
        _bump(ledger, "rapport", -1)
        acts = [a for a in acts if a != "insult"]
    if "insult" in acts:
        _bump(ledger, "rapport", -2 if difficulty == "hard" else -1)
        _bump(ledger, "pressure", 1)
        return Decision("react_insult", reason="rudeness costs rapport")
    pressing = [n for n, p in enumerate(parts) if p["act"] == "pressure"]
    if (
        pressing
        and all(_YES_OR_NO.match(parts[n]["text"].lower()) for n in pressing)
        and any(
            (p["act"] in ("closed_question", "fact_question", "open_question") or "?" in p["text"])
            and n < pressing[0]
            for n, p in enumerate(parts)
        )
    ):
        # "is the role budgeted? yes or no", "ok but would u do 55/45? yes or no": a straight answer asked for, the
        # question is what gets answered (a bare "yes or no" on its own is still pressure)
        acts = [a for a in acts if a != "pressure"]
    if "pressure" in acts:
        _bump(ledger, "pressure", 1)
        _bump(ledger, "rapport", -2 if difficulty == "hard" else -1)
        return Decision("push_back_pressure", reason="pressure: an ultimatum or threat")
    again = next((p for p in parts if p.get("terms_again") is not None), None)
    standing = ledger["standing"]
    if again is not None and not any(
        p["act"] == "offer"
        and any(standing.get(k) != v for k, v in (p.get("terms") or {}).items())
        # ("… and the pay is what, still 68 during the trial?": a term asked about, not put)
        and ("?" not in p["text"] or _PUTS_TERMS.search(p["text"].lower()))
        for p in parts
    ):
        # "remind me what u said for the rent again? was it 4600 or 4500": its terms, said again plainly
        on_it = {k: v for k, v in standing.items() if not again["terms_again"] or k in again["terms_again"]}
        said = describe_terms(persona.issues, on_it)
        # said again, they are on the table again: "ok deal" next takes them as said, not the user's last offer
        _record_offer(ledger, "counterpart", on_it)
        if not EITHER_FIGURE.search(" ".join(p["text"] for p in parts).lower()):
            return Decision("recap", content=said, reason="asked for its terms again: it says them again")
        # "was it 4600 or 4500": which one, said plainly (not "Yes, like I said")
        said = f"{said[:1].upper()}{said[1:]}" if len(on_it) == 1 else f"Where I stand: {said}"
        said = said if said.endswith(".") else f"{said}."
        return Decision(
            "deflect_closed", content=said, reason="asked which figure it said: it says it plainly"
        )
    closed = [p for p in parts if p["act"] == "closed_question"]
    if not closed and all(p["act"] in ("statement", "thanks", "small_talk") for p in parts):
        # "let me think about it and get back to you saturday": said, not asked, and given all the same
        closed = [p for p in parts if p["act"] == "statement" and A.defers(p["text"])]
    if (
        closed
        and all(A.defers(p["text"]) for p in closed)
        and not {"offer", "accept", "reject", "open_question", "fact_question", "summary"} & set(acts)
        and not reading.get("terms")
    ):
        # "I need to run that past my partner, can I come back to you friday?": time to think it over or to ask
        # someone, asked as a yes/no and given (not "It's not that simple"); every yes/no in the turn must ask it
        return Decision(
            "take_time", reason="asked for time to think it over or to check with someone: it gives it"
        )
    accepting = [p for p in parts if p["act"] == "accept"]
    partial_yes = bool(persona.issues) and all(
        (p.get("terms") and not D.covers(persona.issues, p["terms"])) or _ONE_PART.search(p["text"].lower())
        for p in accepting
    )
    offered = {k: v for p in parts if p["act"] == "offer" for k, v in (p.get("terms") or {}).items()}
    restating = all(
        k in standing and not D.better(persona.issue(k).counterpart, standing[k], v)
        for k, v in offered.items()
    )
    # "The board seat is fine. It's the pref and the pool that kill me.": yes to one term, the rest still argued
    objecting = _pushes_back(parts, _OBJECTION)
    # "ok. my CEO won't love dropping the penalties. what do i tell him": a bare "ok" before an open question is a nod
    nod = (
        bool(accepting)
        and all(not p.get("terms") and _NOD.match(p["text"].lower()) for p in accepting)
        and any(q["act"] == "open_question" and parts.index(q) > parts.index(accepting[0]) for q in questions)
    )
    if (
        accepting
        and not offered
        and all(not p.get("terms") and _WEAK_YES.match(p["text"].lower()) for p in accepting)
        and any(_DOES_AS_ASKED.match(p["text"].lower()) for p in parts if p["act"] in ("statement", "offer"))
    ):
        # "fine. ill send them over.": yes to what it asked for (the volumes), not to its terms
        return Decision("acknowledge", reason="agrees to do what it asked, not to its terms")
    if (
        persona.issues
        and accepting
        and restating
        and not nod
        # ("Deal, a review at 6 months is fair. how long have u been roasting btw": a fact asked on the way is no
        # term still argued)
        and not (
            partial_yes
            and (
                objecting
                or any(q["act"] != "fact_question" or not q.get("fact") for q in questions)
                or (questions and not reading.get("strong_yes"))
            )
        )
    ):
        # "fine. 15.90, 55kg, DD. send it over": a yes that restates its terms (or better) takes the deal on the table.
        # "Board seat is fine. What about the pool?" accepts one term and asks about another: not a deal yet.
        return _accept_standing(persona, ledger, profile, difficulty, reading)
    best_q = (
        next((q for q in questions if _ASKS_THEIR_BEST.search(q["text"].lower())), None)
        or next(
            (p for p in parts if p["act"] == "statement" and _GIVE_ME_A_NUMBER.search(p["text"].lower())),
            None,
        )
        # "so what do i get in return if i drop the price?", "i moved, now its your turn": what it gives back, asked
        or next(
            (
                p
                for p in parts
                if p["act"] in ("open_question", "closed_question", "statement", "reject", "offer")
                and A.IN_RETURN.search(p["text"].lower())
            ),
            None,
        )
    )
    if persona.issues and best_q:
        # "whats the best u can do if we sign for a year", "the rent, whats the lowest u can go": a number asked for,
        # on the terms the question puts ("…on pre if we keep the pool at 10%" keeps the pool at 10 where it can)
        put = dict(reading.get("terms") or {}) or (
            read_terms(best_q["text"], persona.issues, ledger["standing"])
            if best_q["act"] != "reject"
            else {}
        )
        keep, cap = None, None
        if A.IN_RETURN.search(best_q["text"].lower()):
            # what the user gives it there (at least as good for it as what stands): "50 kilos a week", not "21k"
            given = {
                k: v
                for k, v in put.items()
                if k in standing and not D.better(persona.issue(k).counterpart, standing[k], v)
            }
            if given:
                keep = given  # (the 50 kilos it was asked about stay 50)
                # "what would you give me in return for 50 kilos a week?": what it gives back is on the terms the
                # user left open, so the counter starts from where the user would want those and takes back only
                # what it must (not its standing price again with "Meet me partway")
                open_terms = [
                    i
                    for i in persona.issues
                    if i.kind == "number"
                    and i.id not in put
                    and D.better(i.user, i.user.target, standing[i.id])
                ]
                put = {**_as_user_wants(open_terms), **put}
                # (what it gives back is worth half of what it was given: it keeps the other half of the gain)
                held = D.utility(persona.issues, standing, "counterpart")
                cap = (held + D.utility(persona.issues, {**standing, **keep}, "counterpart")) / 2
        return _counter(
            persona, ledger, difficulty, put, "asked for its best: it names its terms", keep=keep, cap=cap
        )
    offer_at = max((n for n, p in enumerate(parts) if p["act"] == "offer"), default=-1)
    asked_after = [q for q in questions[::-1] if q["act"] == "open_question" and parts.index(q) > offer_at]
    # "ill talk to the flour guys tmrw", "I'll book the hood clean": something offered to do, no terms to weigh
    pledges_only = not offered and all(p.get("cue") == PLEDGE_CUE for p in parts if p["act"] == "offer")
    if (
        "offer" in acts
        and pledges_only
        and persona.issues
        and not questions
        and not summary
        and not {"accept", "thanks", "small_talk"} & set(acts)
        and not ledger["counters_made"]
        and any(level >= 1 for level in ledger["concerns"].values())
    ):
        # "the van is our flour supplier, i can talk to them about coming later": it helps, and the terms are still
        # to settle (not "That may be. It doesn't change this")
        return Decision(
            "consider",
            content=_not_settled(persona, _weightiest_open(persona.issues, {})),
            reason="an offer to do something: it helps, the terms are still open",
        )
    if "offer" in acts and not pledges_only:
        if not persona.issues:
            return _legacy_ask(persona, ledger, profile, reading)
        before = L.copy_ledger(ledger)
        decision = _bargain(persona, ledger, profile, difficulty, reading)
        if summary and not summary.get("faithful") and decision.move != "agree":
            # "so u'd lose like 15k of stock… would 10k help?": the figure put right, then the offer weighed
            corrected = _answer_summary(persona, L.copy_ledger(before), profile, summary)
            if corrected.move == "correct_summary":
                decision.before.insert(0, {"move": "correct_summary", "content": corrected.content})
        if decision.move == "agree" or not asked_after:
            return decision
        # "We need the units by the 15th. What can you commit to?": the question after the offer is the point.
        ledger.clear()
        ledger.update(before)
        _record_offer(ledger, "user", reading.get("terms") or {})
        return _answer_question(persona, ledger, profile, asked_after[0])
    if summary and not summary.get("faithful"):
        corrected = _answer_summary(persona, ledger, profile, summary)
        summary_at = max(n for n, p in enumerate(parts) if p["act"] == "summary")
        after = [q for q in questions if q["act"] == "open_question" and parts.index(q) > summary_at]
        if corrected.move not in ("correct_summary", "clarify") or not after:
            return corrected
        # "so the new price is 18? that's a big jump, what's going on": it puts the figure right, then answers (a
        # play-back it can't place is left for the question after it, not met with "What do you mean?")
        answer = _answer_question(persona, ledger, profile, after[-1])
        if corrected.move == "correct_summary":
            answer.before.insert(0, {"move": "correct_summary", "content": corrected.content})
        return answer
    if (
        len(parts) == 1
        and _SO_WHAT.match(parts[0]["text"].lower())
        and (said := _said_on(persona, ledger, None))
    ):
        # "so?", "so what?": what it said, challenged; it says again why it matters (no new worry for a shrug)
        return Decision("recap", content=said, reason="'so?': it says again why it matters")
    if summary and questions and all(q["act"] == "closed_question" for q in questions):
        # "So the loan goes out on the 1st and our late payments land on top of it. Is that it?": a play-back
        # with a yes/no after it is checking the play-back; confirming it is the answer.
        return _answer_summary(persona, ledger, profile, summary)
    if questions:
        main_q = questions[-1]
        step = next((q for q in questions if q.get("window") == "first_step"), None)
        if step is not None and main_q["act"] == "open_question" and not main_q.get("window"):
            # "So what happens next on your side? Would you like to see the paperwork first, or the drawings?": the
            # question after it spells out the way forward asked for
            main_q = step
        if (
            main_q["act"] == "fact_question"
            and not main_q.get("fact")
            and not main_q["text"].rstrip().endswith("?")
        ):
            # "How old is the building? Customers always ask me.": the question is the one that names a fact
            main_q = next((q for q in reversed(questions) if q.get("fact") or q.get("topic")), main_q)
        guess = main_q["act"] == "closed_question" or (
            main_q["act"] == "fact_question" and main_q.get("guess")
        )
        if guess:  # "What's behind it? Is it the beans?": the open one is the question, and the guess names its topic
            opened = next((q for q in reversed(questions) if q["act"] == "open_question"), None)
            if opened is not None:
                main_q = {**opened, "topic": opened.get("topic") or main_q.get("topic")}
            elif main_q["act"] == "closed_question":
                # "what do the others pay? like is everyone going to 16.80": the yes/no spells out the fact asked
                main_q = next(
                    (q for q in reversed(questions) if q["act"] == "fact_question" and q.get("fact")), main_q
                )
        if main_q["act"] == "fact_question" and not main_q.get("guess"):
            # "what would a good outcome look like for the fund? and how big is the fund btw": the open question is
            # the one to answer; the fact asked on the way is answered first (below)
            main_q = next(
                (
                    q
                    for q in reversed(questions)
                    if q["act"] == "open_question"
                    and (
                        q.get("window")
                        or q.get("topic")
                        # ("so whats actually causing the delays on your side?"; not "can I ask something first?")
                        or (len(q["text"].split()) >= 5 and not _ASKS_LEAVE.search(q["text"].lower()))
                    )
                ),
                main_q,
            )
        named = next((q.get("topic") for q in reversed(questions) if q.get("topic")), None)
        if (
            named is None
            and main_q["act"] == "open_question"
            and main_q.get("window") in ("tell_me_about", "concerns")
            and not _ELSE.search(main_q.get("text") or "")
        ):
            # "the lawyer said everyone does a cliff tho. whats the actual worry?": what was just said about one of
            # its concerns is what the question after it asks about, while there is more to say on it
            at = next(
                (n for n, p in enumerate(parts) if p is main_q or p.get("text") == main_q.get("text")), 0
            )
            named = next(
                (
                    p["topic"]
                    for p in reversed(parts[:at])
                    if p["act"] in ("statement", "summary")
                    and p.get("topic")
                    and ledger["concerns"].get(p["topic"], 0) >= 1
                    and not _exhausted(persona, ledger, p["topic"])
                ),
                None,
            )
        if not main_q.get("topic") and named and main_q.get("window") in (None, "tell_me_about", "concerns"):
            # "The roses by the fence? Tell me about them.": the question names what the one after it asks about
            main_q = {
                **main_q,
                "topic": named,
                "window": None if main_q.get("window") == "tell_me_about" else main_q.get("window"),
            }
        topic = main_q.get("topic")
        if topic and _exhausted(persona, ledger, topic):
            # "Tell me more about the pool. Why 15 specifically?": all said on what the last one names, the one
            # before it asks about something it has more to say on
            more = next(
                (
                    q
                    for q in reversed(questions)
                    if q["act"] == "open_question"
                    and q.get("topic")
                    and not _exhausted(persona, ledger, q["topic"])
                ),
                None,
            )
            main_q = more or main_q
        answer = _answer_question(persona, ledger, profile, main_q)
        # "How many of you are roasting these days? And is there something you're worried about?": the fact asked on
        # the way is answered too, first, as a person would
        asked_fact = _public_fact_asked(persona, [q for q in questions if q["text"] != main_q["text"]])
        if asked_fact and answer.move not in ("answer_fact", "decline_fact"):
            answer.before.insert(0, {"move": "answer_fact", "content": asked_fact.answer})
        return answer
    if summary:
        return _answer_summary(persona, ledger, profile, summary)
    if (
        "reject" in acts
        and persona.issues
        and len(parts) == 1
        and _BARE_NO.match(parts[0]["text"].lower())
        and ledger["standing"]
    ):
        # "no", "nope.": a flat no with nothing in it earns no move; it says again where it stands (and why, once said)
        return Decision(
            "recap",
            content=_said_on(persona, ledger, None)
            or describe_terms(persona.issues, ledger["standing"]) + ".",
            reason="a bare no: it says again where it stands",
        )
    if "reject" in acts and persona.issues:
        # "165 isn't happening": before it moves, a person says why it asked (a concern not said yet); once its
        # reasons are out, a no gets a counter.
        # "16.80 is crazy. we've been loyal 4 years": the worry behind the figure turned down, before any other
        turned_down = (
            next((p.get("terms") for p in parts if p["act"] == "reject" and p.get("terms")), None) or {}
        )
        named = concern_behind(persona, turned_down) or next(
            (p.get("topic") for p in parts if p.get("topic")), None
        )
        if not ledger["counters_made"] or not any(ledger["concerns"].values()):
            explained = _raise(persona, ledger, named)
            if explained:
                explained.reason = "its proposal was turned down: it says why it asked, " + explained.reason
                return explained
        return _counter(persona, ledger, difficulty, {}, "its proposal was turned down: it moves a little")
    content = [a for a in acts if a not in ("small_talk", "thanks", "foreign", "unclear")]
    # "¿y qué más te preocupa? sorry, duolingo streak": an aside about the language is no content of its own
    asides = any(p["act"] == "foreign" and "?" in p["text"] for p in parts) and all(
        p["act"] == "statement" and not p.get("topic") and not p.get("terms")
        for p in parts
        if p["act"] not in ("small_talk", "thanks", "foreign", "unclear")
    )
    if "foreign" in acts and (not content or asides):
        return Decision("other_language", reason="a turn in another language")
    # "sdfkjh sry", "ugh sry. kjhkjh": a slip owned up to says nothing of its own
    slip = "unclear" in acts and all(
        p["act"] in ("small_talk", "thanks", "foreign", "unclear") or _SLIP.fullmatch(p["text"].lower())
        for p in parts
    )
    if "unclear" in acts and (not content or slip):
        return Decision("clarify", reason="could not make sense of it")
    if "off_topic" in acts and not set(content) - {"off_topic", "statement"}:
        if any(
            A.SPORTS_CHAT.search(p["text"].lower()) or A.is_small_talk(p["text"])
            for p in parts
            if p["act"] == "off_topic"
        ):
            # (and "btw random but hows the bouldering going": chit-chat about their life, said to be off the point)
            return Decision("small_talk", reason="chat about the match: a word back and a steer back")
        return Decision("off_topic", reason="nothing about the negotiation")
    statement_topic = next(
        (p.get("topic") for p in parts if p["act"] == "statement" and p.get("topic")), None
    )
    owned = (
        statement_topic
        and ledger["concerns"].get(statement_topic) == 0
        and any(
            p["act"] == "statement"
            and p.get("topic") == statement_topic
            and _OWNS_IT.search(p["text"].lower())
            for p in parts
        )
    )
    if owned:
        # "i know we were late paying a couple of times, sorry": the user names what it had not said yet; it says so
        raised = _raise(persona, ledger, statement_topic)
        if raised:
            return raised
    if reading.get("apology") and (
        "small_talk" not in acts
        # "sorry, that was rude. long week.": the apology is its own part, the small talk only explains it
        or any(_REPAIR.search(A.normalise(p["text"])) for p in parts)
    ):
        return Decision("acknowledge", reason="an apology: it takes it and moves on")
    pleasantry = bool(
        {"small_talk", "thanks"} & set(acts)
    )  # "Hi Tomás, I know Mondays are roasting day": manners
    # a demand put on it touches a worry it has not voiced yet, and a person says that worry out loud
    # (and so does its own figure reacted to, "16.80?? thats insane tomas": the worry the figure is there for)
    demands = any(
        p["act"] == "statement"
        and p.get("topic") == statement_topic
        and (p.get("demand") or p.get("cue") == REACTS_TO_FIGURE)
        for p in parts
    )
    if (
        statement_topic
        and ledger["concerns"].get(statement_topic) == 0
        and (profile.closed_reveals_surface or demands)
        and (not pleasantry or demands)
    ):
        raised = _raise(persona, ledger, statement_topic)
        if raised:
            return raised
    if statement_topic and ledger["concerns"].get(statement_topic, 0) >= 1 and "statement" in acts:
        # An argument against a concern it has raised: it takes the point and holds its ground with what it said.
        return Decision(
            "hold_ground",
            content=_said_on(persona, ledger, statement_topic),
            reason=f"takes the point, holds its ground on '{persona.concern(statement_topic).title}'",
        )
    # "hey. I've been here 5 years and I'm still on 68. its not ok": a bare hello opens the turn; the point is after it
    hello_first = [p["act"] for p in parts[:1]] == ["small_talk"] and parts[0].get("cue") == "greeting"
    # ("hi maureen, sorry to bother you. its about the extension": manners on the way to the point it names)
    point_after = (
        hello_first
        and len(parts) > 1
        and all(p["act"] == "statement" for p in parts[1:])
        or (
            hello_first
            and parts[-1]["act"] == "statement"
            and bool(_AGENDA.search(parts[-1]["text"].lower()))
            # only manners between: "sorry to bother you", "thanks for seeing me", not "lovely day!"
            and all(
                p["act"] == "thanks" or re.search(r"\b(?:sorry|thank|thanks|thx)\b", p["text"].lower())
                for p in parts[1:-1]
            )
        )
    )
    if (
        "small_talk" in acts
        and not [
            p for p in parts if p["act"] == "statement" and (p.get("topic") or _names_its_figure(p, ledger))
        ]
        and not point_after
    ):
        return Decision("small_talk", reason="small talk gets a short reply and a steer back")
    if (
        parts
        and all(p["act"] == "thanks" for p in parts)
        and any(_THANKED.search(p["text"].lower()) for p in parts)
    ):
        # "thanks for explaining, really", "thanks so much, really appreciate it": thanked, it says so back (not
        # "Mm. And?" or "Where are you going with this?")
        return Decision("acknowledge", content="You're welcome.", reason="thanked: it takes the thanks")
    return Decision("acknowledge", reason="a statement or thanks gets a short acknowledgement")


_SLIP = re.compile(
    r"\W*(?:(?:ugh|oops|argh|ah|damn|lol|haha|omg)\W+)*(?:sorry|sry|soz|srry|my bad|oops|typo|fat fingers?)"
    r"(?:\W+(?:lol|haha|ugh))*\W*"
)


def decide(
    persona: Persona, difficulty: str, ledger: L.Ledger, reading: dict[str, Any], seed: int
) -> tuple[Decision, L.Ledger]:
    """The counterpart's next move after a user turn, and the updated ledger (the input is not changed)."""
    profile = persona.profile(difficulty)
    ledger = L.copy_ledger(L.upgraded(ledger, persona))
    ledger["user_turns"] += 1
    if reading.get("apology"):
        _bump(ledger, "pressure", -1)
    closed = reading.get("primary") == "closed_question"
    ledger["closed_streak"] = ledger["closed_streak"] + 1 if closed else 0

    # what the user had offered before this turn (the turn's own offer may be recorded as it is weighed)
    offered_before = [o["terms"] for o in ledger["offers"] if o["by"] == "user"]
    if reading.get("options"):
        ledger["options"] = [dict(o) for o in reading["options"]]
    reading, chosen = _choose_option(persona, ledger, reading)
    decision = _main(persona, ledger, profile, difficulty, reading)
    if chosen and decision.move in (
        "consider",
        "counter",
        "push_back_bare_ask",
        "push_back_premature",
        "hold_ground",
    ):
        # "…or 4400 on 3 years. which one?": which of them it would take, then where that one stands
        decision.before.insert(
            0,
            {
                "move": "acknowledge",
                "content": f"Of the two, {describe_terms(persona.issues, chosen)} is closer.",
            },
        )
    step = (
        _reveal_other(persona, ledger, "first_step")
        if decision.move == "agree" and any(p.get("window") == "first_step" for p in reading.get("parts", []))
        else None
    )
    if step:
        # "Deal. … What would you like me to do first?": the yes, then what it needs first
        terms_said = decision.content.rstrip()
        if terms_said and terms_said[-1] not in ".!?":
            terms_said += "."
        decision.content = f"{terms_said} {step.content}".strip()
        decision.disclosures += step.disclosures
    said_fact = _public_fact_asked(persona, reading.get("parts", []))
    if (
        said_fact
        and decision.move in ("agree", "consider", "counter", "push_back_bare_ask", "hold_ground")
        and not any(s["move"] == "answer_fact" for s in decision.before)
    ):
        # "Deal. how long have you been roasting?", "16.60 at 12 months. how many cafes do you supply?": the offer
        # weighed and the fact asked on the way answered too (after the yes, before any other reply to an offer)
        if decision.move == "agree":
            decision.after.append({"move": "answer_fact", "content": said_fact.answer})
        else:
            decision.before.insert(0, {"move": "answer_fact", "content": said_fact.answer})
    asked_too = next(
        (
            p
            for p in reading.get("parts", [])
            if p["act"] == "open_question" and p.get("window") != "first_step"
        ),
        None,
    )
    if asked_too is not None and decision.move == "agree" and not step:
        # "Agreed. Thank you Helen. Can I ask what else has been bugging you about us?": the yes, then the answer
        answer = _answer_question(persona, ledger, profile, asked_too)
        if (
            answer.move in ("raise_concern", "reveal", "nothing_more", "answer_fact", "recap")
            and answer.content
        ):
            decision.after.append({"move": answer.move, "content": answer.content})
            decision.disclosures += answer.disclosures
    if decision.move in ("react_insult", "push_back_pressure"):
        ledger["strikes"] += 1
    summary = reading.get("summary")
    answers = (
        "raise_concern",
        "reveal",
        "not_yet",
        "nothing_more",
        "recap",
        "hold_ground",
        "deflect_closed",
        "answer_fact",
        "decline_fact",
        "acknowledge",
    )
    # "You're carrying a 30 percent jump… So here's what I'd propose: …": it takes the play-back, then the offer (the
    # offer's weighing already counted what the play-back earned)
    weighs = ("consider", "counter", "agree", "push_back_bare_ask")
    ack = "ack_feeling" if summary and summary.get("feeling") else "ack_summary"
    if summary and summary.get("faithful") and decision.move in answers:
        # "So it's the March buying, right? And what about the payments?": acknowledge, then answer the rest.
        decision.before.append({"move": ack, "content": ""})
        _bump(ledger, "rapport", 1)
    elif summary and summary.get("faithful") and decision.move in weighs:
        decision.before.append({"move": ack, "content": ""})
    put_right = any(p.get("puts_right") for p in reading.get("parts", []))
    misremembered = put_right and next(
        (
            aside
            for p in reading.get("parts", [])
            if (aside := p.get("not"))
            and any(abs(t.get(k, -1) - v) < 1e-6 for t in offered_before for k, v in aside.items())
            and not any(
                abs(t.get(k, -1) - v) < 1e-6
                for t in offered_before
                for k, v in (p.get("terms") or {}).items()
            )
        ),
        None,
    )
    if put_right and (decision.move in answers or decision.move in weighs) and decision.move != "acknowledge":
        # "no no, i said SIXTY not sixteen. 60 kg every week": it takes the correction, then answers ("no I said 158,
        # not 160" when 160 is what was said: it says so, and answers the 158)
        named = reading.get("terms") or {}
        decision.before.insert(
            0,
            {
                "move": "clarify",
                "content": f"You said {describe_terms(persona.issues, misremembered)} before.",
            }
            if misremembered
            else {
                "move": "acknowledge",
                "content": f"Got it: {describe_terms(persona.issues, named)}."
                if named and decision.move != "agree"  # (the yes says the terms)
                else "Got it.",
            },
        )
    ledger["asked"] = ledger["asked"] + [
        p["text"]
        for p in reading.get("parts", [])
        if p["act"] in ("open_question", "closed_question", "fact_question")
    ]

    if decision.outcome is None:
        if ledger["pressure"] >= profile.patience and ledger["strikes"] >= 2:
            # Sustained: even the least patient takes one outburst ("10 pre is insulting") without walking out.
            decision = Decision("walk_away", outcome="walked_away", reason="sustained pressure")
        elif ledger["user_turns"] >= profile.max_turns:
            decision = Decision("time_up", outcome="no_agreement", reason="the turn limit was reached")
    lines = []
    chat = " ".join(p["text"] for p in reading.get("parts", []) if p["act"] == "small_talk")
    asked = next((p["text"] for p in reversed(reading.get("parts", [])) if p["act"] == "closed_question"), "")
    chat_fits = small_talk_fits(chat)
    asked_any = any(p["act"].endswith("question") for p in reading.get("parts", []))
    put = reading.get("terms") or {}
    refused = any(abs((decision.terms or {}).get(k, v) - v) > 1e-9 for k, v in put.items())
    own = [o["terms"] for o in ledger["offers"] if o["by"] == "counterpart"]
    # the very terms it put last time, put again: said as such ("Like I said, …"), not as a fresh proposal
    same_again = decision.move == "counter" and len(own) >= 2 and own[-1] == own[-2]
    segments = [*decision.before, {"move": decision.move, "content": decision.content}, *decision.after]
    for n, segment in enumerate(segments):
        move = segment["move"]
        if move == "counter" and same_again and n == len(decision.before):
            move = "recap"
        if move in ("deflect_closed", "acknowledge", "clarify") and segment["content"]:
            # a short answer of its own ("If I had to pick, the monthly rent."), said as it is, not in a hedge line
            lines.append(segment["content"])
            continue
        if move == "small_talk" and not any(chat_fits(v) for v in variants_for(persona, move)):
            move = "acknowledge"  # "sorry i'm late, traffic" to a man with no line for it: "Okay. Go on."
        line, _ = pick_line(
            persona,
            move,
            segment["content"],
            ledger["line_use"],
            seed,
            ledger["user_turns"] * 10 + n,
            fits=chat_fits
            if move == "small_talk"
            else closed_answer_fits(asked)
            if move == "deflect_closed"
            else counter_fits(refused)
            if move == "counter"
            else asking_fits(asked_any),
        )
        lines.append(line)
    main_at = len(decision.before)
    if decision.after and main_at < len(lines) and (ask := _CLOSING_ASK.search(lines[main_at])):
        # "… no standing order. Shake on it? I've been roasting for 11 years": the answer goes before the closing
        # question, which ends the reply
        lines[main_at] = lines[main_at][: ask.start()].rstrip()
        lines.append(ask.group(1))
    decision.authored = " ".join(lines)
    return decision, ledger


def opening(persona: Persona, ledger: L.Ledger, seed: int) -> tuple[Decision, L.Ledger]:
    """The counterpart's first line; its opening position is on the table."""
    ledger = L.copy_ledger(ledger)
    decision = Decision(
        "open", reason="opens the conversation", terms=dict(ledger.get("standing") or {}) or None
    )
    decision.authored, _ = pick_line(persona, "open", "", ledger["line_use"], seed, 0)
    return decision, ledger
