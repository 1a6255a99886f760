"""The counterpart's knowledge: what it holds, what it has disclosed, and how the conversation feels to it.

The ledger is plain data (a dict) so it checkpoints and serialises trivially. Most functions here only read it;
disclose_concern changes the ledger it is given in place, so the policy updates a copy_ledger() copy and the
checkpointed ledger stays as it was.
"""

from __future__ import annotations

import copy
from typing import Any

from simulator.evaluation.text import content_stems, phrase_matches
from simulator.personas import Concern, Persona
from simulator.transcript import Disclosure

Ledger = dict[str, Any]


def new_ledger(persona: Persona) -> Ledger:
    """A fresh ledger: nothing disclosed, neutral rapport, no pressure."""
    return {
        "concerns": {c.id: 0 for c in persona.concerns},  # 0 unsaid, 1 surface, 2.. deeper layers said
        "needs": [],
        "history": 0,
        "first_step": False,
        "goal": False,
        "topic": None,  # the concern currently being talked about
        "rapport": 0,
        "pressure": 0,
        "user_turns": 0,
        "closed_streak": 0,
        "counters_made": 0,
        "line_use": {},  # move -> variant indices already said
        # Bargaining: what is on the table (its opening position until it counters), every offer, the deal.
        "standing": {i.id: i.opening for i in persona.issues},
        "offers": [],  # {"by": "user"|"counterpart", "turn": n, "terms": {...}}
        "options": [],  # the packages the user last put side by side ("A: …, B: …"), for "B works if …" later
        "agreed": None,
        "asked": [],  # the user's questions so far (a repeat gets a recap, not a new disclosure)
        "strikes": 0,  # turns with an insult or pressure in them: a walk-out needs more than one
        "pushed": [],  # push-backs already made once (bare ask, premature), so the next time it bargains
        "considered": None,  # the open concern it last named in a "consider" (it names it once, then counters)
        "considered_term": None,  # the term it said it was still short on, once, to an offer built on its concerns
    }


def upgraded(ledger: Ledger, persona: Persona) -> Ledger:
    """A ledger checkpointed before a key existed gets that key's fresh value (new_ledger is the one source)."""
    missing = {k: v for k, v in new_ledger(persona).items() if k not in ledger}
    return {**ledger, **missing} if missing else ledger


def copy_ledger(ledger: Ledger) -> Ledger:
    """A deep copy to update (the checkpointed one stays as it was)."""
    return copy.deepcopy(ledger)


def layers_total(concern: Concern) -> int:
    """Surface plus deeper layers."""
    return 1 + len(concern.layers)


def concern_text(concern: Concern, level: int) -> str:
    """The text said when a concern reaches `level` (1 = surface, 2.. = layers)."""
    return concern.surface if level == 1 else concern.layers[level - 2]


def disclosed_concern_ids(persona: Persona, ledger: Ledger) -> list[str]:
    """Concerns stated at least at their surface, in persona order."""
    return [c.id for c in persona.concerns if ledger["concerns"].get(c.id, 0) >= 1]


def next_undisclosed_concern(persona: Persona, ledger: Ledger, prefer: str | None = None) -> Concern | None:
    """The concern to raise next: the preferred one if unsaid, else key concerns first, in persona order."""
    if prefer and ledger["concerns"].get(prefer, 0) == 0:
        return persona.concern(prefer)
    unsaid = [c for c in persona.concerns if ledger["concerns"].get(c.id, 0) == 0]
    unsaid.sort(key=lambda c: not c.key)
    return unsaid[0] if unsaid else None


def concern_with_layers_left(persona: Persona, ledger: Ledger) -> Concern | None:
    """A stated concern with deeper layers still held back (the current topic first)."""
    topic = ledger.get("topic")
    ordered = sorted(persona.concerns, key=lambda c: c.id != topic)
    for c in ordered:
        level = ledger["concerns"].get(c.id, 0)
        if 1 <= level < layers_total(c):
            return c
    return None


def disclose_concern(
    persona: Persona, ledger: Ledger, concern_id: str, levels: int, max_level: int | None = None
) -> list[Disclosure]:
    """Advance a concern by up to `levels` (capped at `max_level`); returns what was said. Mutates ledger."""
    concern = persona.concern(concern_id)
    cap = layers_total(concern) if max_level is None else min(max_level, layers_total(concern))
    said: list[Disclosure] = []
    for _ in range(levels):
        level = ledger["concerns"][concern_id]
        if level >= cap:
            break
        level += 1
        ledger["concerns"][concern_id] = level
        said.append(Disclosure(item_id=concern_id, layer=level - 1, text=concern_text(concern, level)))
    if said:
        ledger["topic"] = concern_id
    return said


def released_texts(persona: Persona, ledger: Ledger) -> list[str]:
    """Everything the counterpart has said from its ledger so far."""
    texts: list[str] = []
    for c in persona.concerns:
        for level in range(1, ledger["concerns"].get(c.id, 0) + 1):
            texts.append(concern_text(c, level))
    texts += [n.text for n in persona.needs if n.id in ledger["needs"]]
    texts += persona.history[: ledger["history"]]
    if ledger["first_step"]:
        texts.append(persona.first_step)
    if ledger["goal"]:
        texts.append(persona.goal_line)
    return texts


def withheld_texts(persona: Persona, ledger: Ledger) -> list[str]:
    """Everything still held back: an LLM voice must not say any of it."""
    texts: list[str] = []
    for c in persona.concerns:
        for level in range(ledger["concerns"].get(c.id, 0) + 1, layers_total(c) + 1):
            texts.append(concern_text(c, level))
    texts += [n.text for n in persona.needs if n.id not in ledger["needs"]]
    texts += persona.history[ledger["history"] :]
    if not ledger["first_step"]:
        texts.append(persona.first_step)
    return texts


def topic_of(text: str, persona: Persona, prefer: str | None = None) -> str | None:
    """The concern a user turn talks about, by its keywords; ties go to the current topic."""
    words = content_stems(text)
    best, best_hits = None, 0
    for c in persona.concerns:
        hits = sum(1 for k in c.keywords if phrase_matches(k, words))
        if hits > best_hits or (hits == best_hits and hits and c.id == prefer):
            best, best_hits = c.id, hits
    return best


def concerns_meter(persona: Persona, ledger: Ledger) -> dict[str, Any]:
    """How much has been uncovered: for the UI meter and the learners' measurements."""
    total_layers = sum(layers_total(c) for c in persona.concerns)
    said_layers = sum(ledger["concerns"].get(c.id, 0) for c in persona.concerns)
    hidden_total = sum(len(c.layers) for c in persona.concerns)
    hidden_said = sum(max(0, ledger["concerns"].get(c.id, 0) - 1) for c in persona.concerns)
    return {
        "concerns_total": len(persona.concerns),
        "concerns_disclosed": len(disclosed_concern_ids(persona, ledger)),
        "layers_total": total_layers,
        "layers_disclosed": said_layers,
        "hidden_total": hidden_total,
        "hidden_disclosed": hidden_said,
    }
