"""Turns the evaluator's view of one user turn into what the policy needs (moves, topic, summary and ask checks)."""

from __future__ import annotations

import re
from typing import Any

from simulator import ledger as L
from simulator.evaluation import check_ask, check_summary, context_from, label_turn
from simulator.personas import Persona
from simulator.transcript import ConcernInfo, Disclosure


def concern_infos(persona: Persona, ledger: L.Ledger | None = None) -> list[ConcernInfo]:
    """The persona's concerns as the evaluator sees them, with how far each was disclosed."""
    return [
        ConcernInfo(
            id=c.id, title=c.title, keywords=list(c.keywords), addressed_by=list(c.addressed_by), key=c.key,
            layers_total=L.layers_total(c), layers_disclosed=(ledger or {}).get("concerns", {}).get(c.id, 0),
            opened_by=c.opened_by,
        )
        for c in persona.concerns
    ]


_GREETING = re.compile(
    r"^\W*(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening|to see you)|nice to (?:see|meet) you|"
    r"thanks? (?:you )?for (?:meeting|seeing|having|making time)|how are you|how's it going)\b",
    re.IGNORECASE,
)


def assess_turn(persona: Persona, ledger: L.Ledger, text: str, turns: list[dict[str, Any]]) -> dict[str, Any]:
    """Everything the policy and the coaching panel need to know about a user turn."""
    if not text.strip():
        return {"moves": [], "primary": "other", "empty": True, "topic": None}
    context = context_from([t["text"] for t in turns if t["role"] == "counterpart"])
    label = label_turn(text, context)
    disclosed = [Disclosure(**d) for t in turns if t["role"] == "counterpart" for d in t.get("disclosures", [])]
    assessment: dict[str, Any] = {
        "moves": list(label.moves),
        "primary": label.primary,
        "window": label.window,
        "tell_me_more": label.tell_me_more,
        "is_ask": label.is_ask,
        "bare_ask": label.bare_ask,
        "pressure": label.pressure,
        "evidence": dict(label.evidence),
        "topic": L.topic_of(text, persona, ledger.get("topic")),
        "premature": label.is_ask and not L.disclosed_concern_ids(persona, ledger),
        "greeting": bool(_GREETING.match(text)) and label.primary == "other" and not label.is_ask,
        "empty": False,
    }
    if "summary" in label.moves:
        s = check_summary(text, disclosed, context)
        assessment["summary"] = {"faithful": s.faithful, "coverage": s.coverage,
                                 "covered": list(s.covered_item_ids), "invented": list(s.invented)}
    if label.is_ask or "benefit_ask" in label.moves:
        a = check_ask(text, concern_infos(persona, ledger))
        assessment["ask"] = {"concrete": a.concrete, "benefit": a.benefit, "terms": list(a.terms),
                             "addressed": list(a.addressed)}
    return assessment
