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
            warnings.append(
                f"{where}.opened_by: the question reaches {target}, not this one; "
                "use one of its keywords in the question or add a keyword the question uses"
            )
        if label_turn(concern.opened_by).primary != "open_question":
            warnings.append(
                f"{where}.opened_by: not read as an open question; start with 'What…', 'How…' or 'Tell me about…'"
            )
        for other in persona.concerns[n + 1 :]:
            shared = [
                k
                for k in concern.keywords
                if any(phrase_matches(k, content_stems(o)) for o in other.keywords)
            ]
            if shared:
                warnings.append(
                    f"{where}.keywords: {shared} also match '{other.id}'; questions may open the wrong concern"
                )
        remedies = [a for a in concern.addressed_by if not content_stems(a)]
        if remedies:
            warnings.append(
                f"{where}.addressed_by: {remedies} have no content words and can never match an ask"
            )
    key_count = sum(1 for c in persona.concerns if c.key)
    for name in ("easy", "realistic", "hard"):
        needed = persona.profile(name).concerns_to_answer
        if needed > key_count:
            warnings.append(
                f"difficulties.{name}.concerns_to_answer: {needed} but only {key_count} key concerns"
            )
    warnings += issue_warnings(persona)
    return warnings


def issue_warnings(persona: Persona) -> list[str]:
    """The negotiable issues: a zone of agreement at every difficulty, answerable key concerns, numbers that agree."""
    from simulator import deal as D
    from simulator.offers import read_terms

    if not persona.issues:
        return ["issues: none; without issues the counterpart can only recite the legacy `deal` paragraph"]
    warnings: list[str] = []
    for n, issue in enumerate(persona.issues):
        if D.zone(issue) is None:
            warnings.append(
                f"issues.{n} ({issue.id}): no value is within both limits (counterpart.limit "
                f"{issue.counterpart.limit}, user.limit {issue.user.limit}); move one limit"
            )
    if not warnings:
        best = max((o.counterpart for o in D.outcomes(persona.issues)), default=0.0)
        for name, (_, floor, _) in D.CURVES.items():
            if best < floor:
                warnings.append(
                    f"issues: on {name} the counterpart holds out for {floor:.2f} of its value, but the "
                    f"best deal within your limits gives it {best:.2f}; widen a user limit"
                )
    for n, concern in enumerate(persona.concerns):
        if concern.key and not concern.answered_by_terms:
            warnings.append(
                f"concerns.{n} ({concern.id}).answered_by_terms: a key concern needs at least one term "
                "that answers it (e.g. 'payment_days <= 15')"
            )
        for term in concern.answered_by_terms:
            name, value = D.parse_term(term)
            issue = persona.issue(name)
            if not issue.low <= value <= issue.high:
                warnings.append(
                    f"concerns.{n} ({concern.id}).answered_by_terms: {term!r} is outside {issue.id}'s range"
                )
    known: dict[str, set[float]] = {}
    for i in persona.issues:
        values = {
            i.low,
            i.high,
            i.opening,
            i.counterpart.target,
            i.counterpart.limit,
            i.user.target,
            i.user.limit,
        }
        known[i.id] = values | ({i.current} if i.current is not None else set())
    # The user's brief states their own target and limit: its numbers must be the issue's. The scenario and the
    # counterpart's position may name other figures (a band, last year's price) but never one outside the range.
    brief = [
        ("user_brief.goal", persona.user_brief.goal),
        *((f"user_brief.constraints.{k}", c) for k, c in enumerate(persona.user_brief.constraints)),
    ]
    for where, text in brief:
        for issue_id, value in read_terms(text, persona.issues).items():
            if persona.issue(issue_id).kind == "number" and not any(
                abs(value - v) < 1e-6 for v in known[issue_id]
            ):
                warnings.append(
                    f"{where}: says {value:g} for {issue_id}, which is none of that issue's current, "
                    "opening, target or limit values; make the numbers agree"
                )
    for where, text in (
        ("scenario", persona.scenario),
        ("counterpart.position", persona.counterpart.position),
    ):
        for issue_id, value in read_terms(text, persona.issues).items():
            issue = persona.issue(issue_id)
            if issue.kind == "number" and not issue.low <= value <= issue.high:
                warnings.append(
                    f"{where}: says {value:g} for {issue_id}, outside its range {issue.low:g}..{issue.high:g}"
                )
    return warnings
