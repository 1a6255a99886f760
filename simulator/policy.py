"""The counterpart's decisions: given the ledger, the user's moves and the difficulty, what happens next.

Pure and deterministic (seeded): the same session replays exactly. It decides *what* is said — which move
and which ledger content — never *how* it is phrased (that is the voice's job).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from simulator import ledger as L
from simulator.lines import pick_line
from simulator.personas import DifficultyProfile, Persona
from simulator.transcript import Disclosure

RAPPORT_MIN, RAPPORT_MAX = -3, 6


@dataclass
class Decision:
    """One counterpart turn, decided: the move, the ledger content it carries, and the authored line."""

    move: str
    content: str = ""
    disclosures: list[Disclosure] = field(default_factory=list)
    authored: str = ""
    outcome: str | None = None  # agreement | walked_away | no_agreement when the conversation ends here
    reason: str = ""  # why the policy chose this (shown in coaching and tests)

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


def _reveal_concern(persona, ledger, profile, concern_id: str, levels: int) -> list[Disclosure]:
    return L.disclose_concern(persona, ledger, concern_id, levels, _max_level(concern_id, persona, ledger, profile))


def _raise_next(persona: Persona, ledger: L.Ledger, prefer: str | None = None) -> Decision | None:
    concern = L.next_undisclosed_concern(persona, ledger, prefer)
    if concern is None:
        return None
    said = L.disclose_concern(persona, ledger, concern.id, 1)
    return Decision("raise_concern", content=said[0].text, disclosures=said, reason=f"raises '{concern.title}'")


def _deepen(persona, ledger, profile, concern_id: str | None, levels: int) -> Decision | None:
    """Say the next layer(s) of a stated concern; None when it has nothing more it is willing to say."""
    if concern_id is None or ledger["concerns"].get(concern_id, 0) == 0:
        return None
    said = _reveal_concern(persona, ledger, profile, concern_id, levels)
    if not said:
        return None
    return Decision("reveal", content=" ".join(d.text for d in said), disclosures=said,
                    reason=f"goes deeper on '{persona.concern(concern_id).title}'")


def _reveal_other(persona: Persona, ledger: L.Ledger, window: str) -> Decision | None:
    """Answer a needs / past / first-step / tell-me-about window from the ledger."""
    if window == "needs":
        for need in persona.needs:
            if need.id not in ledger["needs"]:
                ledger["needs"].append(need.id)
                return Decision("reveal", content=need.text,
                                disclosures=[Disclosure(item_id=f"need:{need.id}", text=need.text)], reason="shares a need")
    elif window == "past":
        if ledger["history"] < len(persona.history):
            text = persona.history[ledger["history"]]
            ledger["history"] += 1
            return Decision("reveal", content=text,
                            disclosures=[Disclosure(item_id=f"past:{ledger['history']}", text=text)], reason="shares what was tried")
    elif window == "first_step":
        if not ledger["first_step"]:
            ledger["first_step"] = True
            return Decision("reveal", content=persona.first_step,
                            disclosures=[Disclosure(item_id="first_step", text=persona.first_step)], reason="names a first step")
    elif window == "tell_me_about" and not ledger["goal"]:
        ledger["goal"] = True
        return Decision("reveal", content=persona.goal_line,
                        disclosures=[Disclosure(item_id="goal", text=persona.goal_line)], reason="lays out its side")
    return None


def _answer_open(persona, ledger, profile, assessment) -> Decision:
    window, topic = assessment.get("window"), assessment.get("topic")
    levels = profile.layers_per_open_question
    _bump(ledger, "rapport", 1)
    if assessment.get("tell_me_more"):
        decision = _deepen(persona, ledger, profile, topic or ledger["topic"], levels)
        if decision:
            return decision
    if window == "concerns":
        decision = _raise_next(persona, ledger, topic) or _deepen(persona, ledger, profile, topic or ledger["topic"], levels)
    elif window in ("needs", "past", "first_step"):
        decision = _reveal_other(persona, ledger, window)
    elif topic is not None:
        decision = (_raise_next(persona, ledger, topic) if ledger["concerns"][topic] == 0
                    else _deepen(persona, ledger, profile, topic, levels))
    elif window == "tell_me_about":
        decision = _reveal_other(persona, ledger, window) or _raise_next(persona, ledger)
    else:
        decision = _deepen(persona, ledger, profile, ledger["topic"], levels) or _raise_next(persona, ledger)
    if decision is None:
        # Nothing left behind that window: bring up something still unsaid, else say there is no more.
        decision = _raise_next(persona, ledger) or Decision("nothing_more", reason="nothing more to say there")
    return decision


def _answer_summary(persona, ledger, profile, assessment) -> Decision:
    summary = assessment.get("summary") or {}
    if not summary.get("faithful"):
        covered = summary.get("covered") or []
        focus = covered[-1] if covered else ledger["topic"]
        level = ledger["concerns"].get(focus, 0) if focus in ledger["concerns"] else 0
        text = L.concern_text(persona.concern(focus), level) if level else (
            persona.goal_line if ledger["goal"] else persona.concerns[0].surface if ledger["concerns"][persona.concerns[0].id] else ""
        )
        if not text:
            return Decision("off_topic", reason="a summary of things never said")
        _bump(ledger, "rapport", -1)
        return Decision("correct_summary", content=text, reason="the summary distorted or invented something")
    _bump(ledger, "rapport", 1)
    covered = [c for c in summary.get("covered") or [] if c in ledger["concerns"]]
    focus = covered[-1] if covered else ledger["topic"]
    # Tried in order, lazily: each attempt discloses (mutates the ledger) only if it is the one used.
    attempts = (
        lambda: _deepen(persona, ledger, profile, focus, 1),
        lambda: _deepen(persona, ledger, profile, (L.concern_with_layers_left(persona, ledger) or persona.concerns[0]).id, 1),
        lambda: _raise_next(persona, ledger),
        lambda: _reveal_other(persona, ledger, "first_step"),
    )
    for attempt in attempts:
        decision = attempt()
        if decision:
            return Decision("warm_up", content=decision.content, disclosures=decision.disclosures,
                            reason="felt heard after a faithful summary; " + decision.reason)
    return Decision("warm_up", content=persona.first_step, reason="felt heard after a faithful summary")


def _answer_ask(persona, ledger, profile, assessment) -> Decision:
    disclosed = L.disclosed_concern_ids(persona, ledger)
    if not disclosed:
        _bump(ledger, "pressure", 1)
        _bump(ledger, "rapport", -1)
        return Decision("push_back_premature", reason="a solution before any concern is known")
    ask = assessment.get("ask") or {}
    if assessment.get("bare_ask") or not ask.get("benefit"):
        _bump(ledger, "pressure", 1)
        _bump(ledger, "rapport", -1)
        return Decision("push_back_bare_ask", reason="an ask with nothing in it for them")
    key_disclosed = [c.id for c in persona.concerns if c.key and c.id in disclosed]
    answered = [c for c in ask.get("addressed") or [] if c in key_disclosed]
    needed = min(profile.concerns_to_answer, sum(1 for c in persona.concerns if c.key))
    if len(answered) >= needed and ledger["rapport"] >= profile.min_rapport_to_agree:
        return Decision("agree", content=persona.deal.acceptable, outcome="agreement",
                        reason=f"the ask answers {len(answered)} of the key concerns it disclosed")
    open_key = [c for c in key_disclosed if c not in answered]
    if answered and open_key:
        concern = persona.concern(open_key[0])
        return Decision("consider", content=concern.surface,
                        reason=f"answers {len(answered)} key concern(s), needs {needed}; '{concern.title}' is still open")
    if answered and len(answered) < needed and profile.volunteers_concerns:
        # Easier counterparts say what else stands in the way; a hard one leaves the user to find out.
        raised = _raise_next(persona, ledger)
        if raised:
            raised.reason = "the ask helps, but another concern comes first: " + raised.reason
            return raised
    counters = persona.deal.counters
    content = counters[min(ledger["counters_made"], len(counters) - 1)]
    ledger["counters_made"] += 1
    why = ("not enough rapport yet" if len(answered) >= needed else f"answers {len(answered)} of the {needed} key concerns it needs"
           ) if answered else "the ask answers none of its disclosed key concerns"
    return Decision("counter", content=content, reason=why)


def decide(persona: Persona, difficulty: str, ledger: L.Ledger, assessment: dict[str, Any], seed: int) -> tuple[Decision, L.Ledger]:
    """The counterpart's next move after a user turn, and the updated ledger (the input is not changed)."""
    profile = persona.profile(difficulty)
    ledger = L.copy_ledger(ledger)
    ledger["user_turns"] += 1
    primary = assessment.get("primary", "other")
    ledger["closed_streak"] = ledger["closed_streak"] + 1 if primary == "closed_question" else 0
    topic = assessment.get("topic")

    if assessment.get("empty"):
        decision = Decision("off_topic", reason="an empty turn")
    elif assessment.get("greeting"):
        decision = Decision("open", reason="returns the greeting")
    elif assessment.get("pressure"):
        _bump(ledger, "pressure", 2 if difficulty == "hard" else 1)
        _bump(ledger, "rapport", -1)
        decision = Decision("push_back_pressure", reason="pressure: an ultimatum, threat or demand")
    elif assessment.get("is_ask") or primary == "benefit_ask":
        decision = _answer_ask(persona, ledger, profile, assessment)
    elif primary == "summary":
        decision = _answer_summary(persona, ledger, profile, assessment)
    elif primary == "open_question":
        decision = _answer_open(persona, ledger, profile, assessment)
    elif primary == "closed_question":
        if ledger["closed_streak"] >= 3:
            _bump(ledger, "rapport", -1)
        reveals = profile.closed_reveals_surface and topic and ledger["concerns"].get(topic) == 0
        decision = (_raise_next(persona, ledger, topic) if reveals else None) or Decision(
            "deflect_closed", reason="a closed question gets a short answer"
        )
    elif topic is not None and ledger["concerns"].get(topic) == 0:
        decision = _raise_next(persona, ledger, topic) or Decision("off_topic")
    else:
        decision = Decision("off_topic", reason="no question, summary or ask to respond to")

    if decision.outcome is None:
        if ledger["pressure"] >= profile.patience:
            decision = Decision("walk_away", outcome="walked_away", reason="sustained pressure")
        elif ledger["user_turns"] >= profile.max_turns:
            decision = Decision("time_up", outcome="no_agreement", reason="the turn limit was reached")
    decision.authored, _ = pick_line(persona, decision.move, decision.content, ledger["line_use"], seed, ledger["user_turns"])
    return decision, ledger


def opening(persona: Persona, ledger: L.Ledger, seed: int) -> tuple[Decision, L.Ledger]:
    """The counterpart's first line."""
    ledger = L.copy_ledger(ledger)
    decision = Decision("open", reason="opens the conversation")
    decision.authored, _ = pick_line(persona, "open", "", ledger["line_use"], seed, 0)
    return decision, ledger
