"""Understanding, measured on the conversation set: act F1 per turn part, reply-appropriateness, offer reading,
and live/review label agreement.

The set (`evals/conversations/*.jsonl`) was written by authors who never saw the rules, from the persona briefs
and the method alone. The blind part (`blind*.jsonl`, four authors) is never opened by whoever tunes the rules:
only this report's numbers are.

Each user turn is judged the way the author wrote the conversation (teacher forcing): before it, the
counterpart has said exactly the author's lines and disclosed what the author marked, so a reply is judged
against the fair reactions annotated for *that* conversation, not for one our engine would have had.

    python -m evals.conversations            # dev and blind parts
    python -m evals.conversations --errors   # also list the dev part's misses (never the blind part's)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from simulator import ledger as L
from simulator import policy
from simulator.offers import read_terms, rejected_terms
from simulator.personas import Persona, load_library
from simulator.reading import ACTS, read_turn

HERE = Path(__file__).parent / "conversations"
DEV_FILES = ("dev_a.jsonl", "dev_b.jsonl")
BLIND_FILES = ("blind.jsonl", "blind_b.jsonl", "blind_c.jsonl", "blind_d.jsonl")


def load(names: Iterable[str]) -> list[dict[str, Any]]:
    conversations = []
    for name in names:
        path = HERE / name
        if path.exists():
            conversations += [
                json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
            ]
    return conversations


def _disclosure(persona: Persona, ledger: L.Ledger, item: str) -> dict[str, Any] | None:
    """An author's `discloses` item as a ledger disclosure (and the ledger moved to match)."""
    if item == "need":
        need = next((n for n in persona.needs if n.id not in ledger["needs"]), None)
        if need is None:
            return None
        ledger["needs"].append(need.id)
        return {"item_id": f"need:{need.id}", "layer": 0, "text": need.text}
    if item == "past":
        if ledger["history"] >= len(persona.history):
            return None
        ledger["history"] += 1
        return {
            "item_id": f"past:{ledger['history']}",
            "layer": 0,
            "text": persona.history[ledger["history"] - 1],
        }
    if item in ("first_step", "goal"):
        ledger[item] = True
        return {
            "item_id": item,
            "layer": 0,
            "text": persona.first_step if item == "first_step" else persona.goal_line,
        }
    cid, _, layer = item.partition(":")
    concern = persona.concern(cid)
    level = min(int(layer or 0) + 1, L.layers_total(concern))
    ledger["concerns"][cid] = max(ledger["concerns"][cid], level)
    ledger["topic"] = cid
    return {"item_id": cid, "layer": level - 1, "text": L.concern_text(concern, level)}


def reply_codes(decision: policy.Decision) -> tuple[set[str], set[str]]:
    """(main codes, all codes) of a decided reply, in the annotation's vocabulary."""
    names = {
        "deflect_closed": "short_answer",
        "raise_concern": "disclose",
        "reveal": "disclose",
        "open": "small_talk",
        "time_up": "walk_away",
        "ack_summary": "warm_up",
        "feel_heard": "warm_up",
        "ack_feeling": "warm_up",
        "take_time": "acknowledge",
        "hold_ground": "acknowledge",
    }
    main = {names.get(decision.move, decision.move)}
    if decision.move == "hold_ground":
        main.add("recap")  # it takes the point and says again what it said: both at once
    if decision.move == "take_time":
        main.add("short_answer")  # "Can I come back to you Friday?" / "Of course.": a yes to it, and a nod
    for d in decision.disclosures:
        item = d.item_id.split(":")[0]
        main.add(f"disclose:{item}")
    main.discard("disclose")
    every = set(main) | {names.get(s["move"], s["move"]) for s in (*decision.before, *decision.after)}
    return main, every


def _matches(code: str, produced: set[str]) -> bool:
    if code == "disclose:any":
        return any(c.startswith("disclose:") for c in produced)
    return code in produced


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.find(part.strip())
    return (start, start + len(part.strip())) if start >= 0 else (0, 0)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _same_terms(got: dict[str, float], want: dict[str, float]) -> bool:
    return set(got) == set(want) and all(
        abs(got[k] - want[k]) <= max(0.011, abs(want[k]) * 0.002) for k in want
    )


def evaluate(
    conversations: list[dict[str, Any]],
    personas: dict[str, Persona],
    errors: list[str] | None = None,
    examples: list[tuple[list[str], str, str]] | None = None,
    use_model: bool = True,
) -> dict[str, Any]:
    """Replay every conversation turn by turn and score the readings and the replies.

    `examples`, when given, receives (features, annotated act, the rules' act) for each part we split off: the
    act model's training data (see `evals.train_acts`).
    """
    pairs: list[tuple[str, str]] = []  # (annotated act, read act) per annotated part
    fair_hits: Counter[str] = Counter()
    fair_total: Counter[str] = Counter()
    offers_ok = offers_total = 0
    for conv in conversations:
        persona = personas[conv["persona"]]
        ledger = L.new_ledger(persona)
        turns: list[dict[str, Any]] = []
        for turn in conv["turns"]:
            if turn["role"] == "counterpart":
                said = [
                    d for d in (_disclosure(persona, ledger, item) for item in turn.get("discloses", [])) if d
                ]
                terms = turn.get("terms") or None
                if terms:
                    ledger["standing"] = {**ledger.get("standing", {}), **terms}
                    ledger["counters_made"] += 1 if turns else 0
                    ledger["offers"].append(
                        {"by": "counterpart", "turn": ledger["user_turns"], "terms": terms}
                    )
                turns.append(
                    {"role": "counterpart", "text": turn["text"], "disclosures": said, "terms": terms}
                )
                continue
            seen: list[tuple[str, list[str], str]] = []
            reading = read_turn(persona, ledger, turn["text"], turns, collect=seen, use_model=use_model)
            if examples is not None:
                for raw, feats, rule in seen:
                    span = _span(turn["text"], raw)
                    gold = max(turn["parts"], key=lambda p: _overlap(_span(turn["text"], p["text"]), span))
                    if _overlap(_span(turn["text"], gold["text"]), span):
                        examples.append((feats, gold["act"], rule))
            decision, after = policy.decide(persona, conv["difficulty"], ledger, reading, seed=7)
            # Keep what the engine felt (rapport, pressure, what was asked), not what it would have disclosed.
            for key in (
                "rapport",
                "pressure",
                "user_turns",
                "closed_streak",
                "asked",
                "pushed",
                "line_use",
                "considered",
                "strikes",
            ):
                if key in after:
                    ledger[key] = after[key]
            # What the user has offered so far is part of the conversation (a term added to an earlier offer builds
            # on it); the counterpart's offers are the author's, recorded above, not the ones ours would have made.
            ledger["offers"] += [o for o in after["offers"][len(ledger["offers"]) :] if o["by"] == "user"]
            # The author's counterpart stayed in the conversation and did not walk at the next push either, so ours
            # is not kept on the brink: its pressure stays at least two short of its patience.
            ledger["pressure"] = min(
                ledger["pressure"], max(0, persona.profile(conv["difficulty"]).patience - 2)
            )
            ours = [(p["act"], _span(turn["text"], p["text"])) for p in reading["parts"]]
            for part in turn["parts"]:
                span = _span(turn["text"], part["text"])
                best = max(ours, key=lambda o: _overlap(o[1], span), default=("statement", (0, 0)))
                got = best[0] if _overlap(best[1], span) else "statement"
                pairs.append((part["act"], got))
                if errors is not None and got != part["act"]:
                    errors.append(
                        f"act  {conv['id']}: {part['act']:>15} read as {got:<15} | {part['text'][:90]}"
                    )
                if part.get("terms"):
                    offers_total += 1
                    last = next((t["text"] for t in reversed(turns) if t["role"] == "counterpart"), "")
                    got_terms = read_terms(part["text"], persona.issues, ledger.get("standing"), last)
                    if part["act"] == "reject":
                        # a no is read for what it turns down ("16.80 is nuts"), as the reading keeps it
                        put = next(
                            (t.get("terms") for t in reversed(turns) if t["role"] == "counterpart"), None
                        )
                        got_terms = rejected_terms(
                            part["text"], persona.issues, ledger.get("standing"), last, put
                        )
                    if part["act"] == "accept":
                        # Accepting the standing proposal accepts its terms: those are what the reading records.
                        merged = {**(ledger.get("standing") or {}), **got_terms}
                        got_terms = {k: merged[k] for k in part["terms"] if k in merged}
                    ok = _same_terms(got_terms, part["terms"])
                    offers_ok += ok
                    if errors is not None and not ok:
                        errors.append(
                            f"offer {conv['id']}: want {part['terms']} got {got_terms} | {part['text'][:80]}"
                        )
            main, every = reply_codes(decision)
            fair = turn.get("fair") or []
            good = any(_matches(code, main) for code in fair) and all(
                _matches(code, every) for code in turn.get("needs") or []
            )
            acts_here = [p["act"] for p in turn["parts"]]
            category = "multi-part" if len(set(acts_here)) > 1 else acts_here[0]
            for key in ("all", category):
                fair_total[key] += 1
                fair_hits[key] += good
            if errors is not None and not good:
                errors.append(
                    f"reply {conv['id']}: [{category}] {decision.move:<20} {sorted(main)} not in {fair} | {turn['text'][:80]}"
                )
            turns.append({"role": "user", "text": turn["text"]})
    return {
        "pairs": pairs,
        "fair_hits": fair_hits,
        "fair_total": fair_total,
        "offers": (offers_ok, offers_total),
    }


def act_f1(pairs: list[tuple[str, str]]) -> tuple[float, dict[str, float]]:
    """Macro-F1 over the acts that occur in the annotations."""
    per: dict[str, float] = {}
    for act in ACTS:
        tp = sum(1 for a, b in pairs if a == act and b == act)
        fp = sum(1 for a, b in pairs if a != act and b == act)
        fn = sum(1 for a, b in pairs if a == act and b != act)
        if tp + fn == 0:
            continue
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn)
        per[act] = 2 * p * r / (p + r) if p + r else 0.0
    return (sum(per.values()) / len(per) if per else 0.0), per


def replay_live(
    graph: Any, persona: Persona, conv: dict[str, Any], thread_id: str
) -> tuple[dict[str, Any], Any]:
    """Drive a conversation's user turns through the real graph (authored voice, seed 7) until it ends: the
    graph's final state values and the scorecard of that session."""
    from langgraph.types import Command

    from simulator.evaluation import score_transcript
    from simulator.graph import build_transcript
    from simulator.run_context import Engines, run_context
    from simulator.voice import AuthoredVoice

    ctx = run_context(persona, Engines(voice=AuthoredVoice()))  # the context every front end gets
    config = {"configurable": {"thread_id": thread_id}}
    graph.invoke(
        {
            "persona_id": persona.id,
            "difficulty": conv["difficulty"],
            "seed": 7,
            "prep": {},
            "turns": [],
            "assessments": [],
        },
        config,
        context=ctx,
    )
    for turn in conv["turns"]:
        if turn["role"] != "user":
            continue
        if not graph.get_state(config).next:
            break
        graph.invoke(Command(resume=turn["text"]), config, context=ctx)
    values = graph.get_state(config).values
    return values, score_transcript(
        build_transcript(persona, {**values, "outcome": values.get("outcome") or "no_agreement"})
    )


def live_review_agreement(
    conversations: list[dict[str, Any]], personas: dict[str, Persona]
) -> tuple[int, int]:
    """Drive each conversation's user turns through the real graph; compare live labels with the scorecard's."""
    from langgraph.checkpoint.memory import InMemorySaver

    from simulator.graph import build_graph

    graph = build_graph(InMemorySaver())
    same = total = 0
    for n, conv in enumerate(conversations):
        values, card = replay_live(graph, personas[conv["persona"]], conv, f"agree-{n}")
        for reading, row in zip(values.get("assessments", []), card.turns, strict=False):
            total += 1
            same += list(reading.get("moves", [])) == list(row.moves)
    return same, total


# The blind part gates `make eval` (not the unit tests): floors at the level measured when they were last raised,
# so a change that makes the counterpart understand people worse fails there. The issue's targets (95% fair
# replies, act macro-F1 0.90, 95% of offers) are reported, not asserted, until they are met.
BLIND_FLOORS = {"appropriate": 0.80, "act_f1": 0.74, "offers": 0.91}


def report(
    name: str, conversations: list[dict[str, Any]], personas: dict[str, Persona], errors: list[str] | None
) -> dict[str, Any]:
    result = evaluate(conversations, personas, errors)
    macro, per = act_f1(result["pairs"])
    hits, total = result["fair_hits"], result["fair_total"]
    ok, n_offers = result["offers"]
    same, compared = live_review_agreement(conversations, personas)
    user_turns = total["all"]
    print(
        f"\n## {name}: {len(conversations)} conversations, {user_turns} user turns, {len(result['pairs'])} parts"
    )
    print(
        f"act macro-F1 per part: {macro:.3f}   " + "  ".join(f"{a} {v:.2f}" for a, v in sorted(per.items()))
    )
    print(f"reply-appropriateness: {hits['all'] / max(1, user_turns):.1%} ({hits['all']}/{user_turns})")
    print(
        "  by category: "
        + "  ".join(
            f"{k} {hits[k] / total[k]:.0%} ({total[k]})"
            for k in sorted(total, key=lambda k: -total[k])
            if k != "all"
        )
    )
    print(f"offer parts read correctly (issue and value): {ok / max(1, n_offers):.1%} ({ok}/{n_offers})")
    print(f"live/review label agreement: {same / max(1, compared):.1%} ({same}/{compared})")
    return {
        "act_f1": macro,
        "appropriate": hits["all"] / max(1, user_turns),
        "offers": ok / max(1, n_offers),
        "agreement": same / max(1, compared),
        "turns": user_turns,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="list the development part's misses")
    parser.add_argument("--dev-only", action="store_true", help="skip the blind part (while tuning)")
    args = parser.parse_args(argv)
    library = load_library([Path(__file__).parent.parent / "personas"])
    personas = library.personas
    dev_errors: list[str] | None = [] if args.errors else None
    report("development part (tuned on)", load(DEV_FILES), personas, dev_errors)
    blind = [] if args.dev_only else load(BLIND_FILES)
    fell: list[str] = []
    if blind:
        measured = report("blind part (never opened)", blind, personas, None)
        fell = [
            f"{key} {measured[key]:.3f} is below its floor {floor}"
            for key, floor in BLIND_FLOORS.items()
            if measured[key] < floor
        ]
    for line in dev_errors or []:
        print(line)
    for line in fell:
        print(f"blind part: {line} (the level measured when it was last raised; see README, Understanding)")
    return 1 if fell else 0


if __name__ == "__main__":
    sys.exit(main())
