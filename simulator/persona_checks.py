"""Authoring advice for a valid persona: things that load fine but would make rehearsals go wrong."""

from __future__ import annotations

from simulator.evaluation import label_turn
from simulator.evaluation.text import content_stems, phrase_matches
from simulator.ledger import topic_of
from simulator.personas import Persona


def persona_warnings(persona: Persona) -> list[str]:
    """Problems the engine would hit with this persona, each naming the field and what to change."""
    warnings: list[str] = []
    for n, concern in enumerate(persona.concerns):
        where = f"concerns.{n} ({concern.id})"
        routed = topic_of(concern.opened_by, persona)
        if routed != concern.id:
            target = f"'{routed}'" if routed else "no concern"
            warnings.append(f"{where}.opened_by: the question reaches {target}, not this one; "
                            "use one of its keywords in the question or add a keyword the question uses")
        if label_turn(concern.opened_by).primary != "open_question":
            warnings.append(f"{where}.opened_by: not read as an open question; start with 'What…', 'How…' or 'Tell me about…'")
        for other in persona.concerns[n + 1:]:
            shared = [k for k in concern.keywords if any(phrase_matches(k, content_stems(o)) for o in other.keywords)]
            if shared:
                warnings.append(f"{where}.keywords: {shared} also match '{other.id}'; questions may open the wrong concern")
        remedies = [a for a in concern.addressed_by if not content_stems(a)]
        if remedies:
            warnings.append(f"{where}.addressed_by: {remedies} have no content words and can never match an ask")
    key_count = sum(1 for c in persona.concerns if c.key)
    for name in ("easy", "realistic", "hard"):
        needed = persona.profile(name).concerns_to_answer
        if needed > key_count:
            warnings.append(f"difficulties.{name}.concerns_to_answer: {needed} but only {key_count} key concerns")
    return warnings
