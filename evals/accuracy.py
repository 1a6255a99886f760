"""Measure the turn labeller: per-label precision/recall/F1 and macro-F1 on the team set and ../shared/data."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from simulator.evaluation import label_turn
from simulator.evaluation.text import normalise

LABELS = ("open_question", "closed_question", "summary", "benefit_ask", "other")
REPO = Path(__file__).resolve().parent.parent
TEAM_SET = REPO / "evals" / "turns.jsonl"
# Each written by an author who never saw the rules or the other sets. blind.jsonl and blind2.jsonl were then
# used as development sets (one tuning pass each); blind3.jsonl has never been tuned on: the honest number.
BLIND_SET = REPO / "evals" / "blind.jsonl"
BLIND2_SET = REPO / "evals" / "blind2.jsonl"
HELD_OUT_SET = REPO / "evals" / "blind3.jsonl"
SHARED_DATA = REPO.parent / "shared" / "data"


def load(path: Path) -> list[dict]:
    """Read a JSON Lines file of {text, context, label} records."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate(records: Sequence[dict]) -> tuple[dict[str, dict[str, float]], float, list[tuple[dict, str]]]:
    """Per-label precision/recall/F1/support, macro-F1 over labels present in the gold set, and the errors."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    errors: list[tuple[dict, str]] = []
    for rec in records:
        pred = label_turn(rec["text"], rec.get("context") or "").primary
        gold = rec["label"]
        if pred == gold:
            tp[gold] += 1
        else:
            fp[pred] += 1
            fn[gold] += 1
            errors.append((rec, pred))
    stats: dict[str, dict[str, float]] = {}
    for label in LABELS:
        support = tp[label] + fn[label]
        if support == 0 and fp[label] == 0:
            continue
        p = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
        r = tp[label] / support if support else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        stats[label] = {"precision": p, "recall": r, "f1": f, "support": support}
    present = [v["f1"] for v in stats.values() if v["support"]]
    # Labels a corpus never uses still cost precision elsewhere, but only gold labels enter the macro average.
    macro = sum(present) / len(present) if present else 0.0
    return stats, macro, errors


def table(name: str, stats: dict[str, dict[str, float]], macro: float) -> str:
    """A Markdown table for the README."""
    lines = [
        f"**{name}** — macro-F1 {macro:.3f}",
        "",
        "| label | precision | recall | F1 | support |",
        "|---|---|---|---|---|",
    ]
    for label, v in stats.items():
        lines.append(
            f"| {label} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {int(v['support'])} |"
        )
    return "\n".join(lines)


def datasets() -> list[tuple[str, Path]]:
    """Our own sets (team, blind 1-3) and every ../shared/data/*.jsonl that exists."""
    found = [
        ("team set (evals/turns.jsonl)", TEAM_SET),
        ("blind set, tuned on in pass 1 (evals/blind.jsonl)", BLIND_SET),
        ("blind set 2, tuned on in pass 2 (evals/blind2.jsonl)", BLIND2_SET),
        ("held-out blind set 3, never tuned on (evals/blind3.jsonl)", HELD_OUT_SET),
    ]
    if SHARED_DATA.is_dir():
        found += [(p.stem, p) for p in sorted(SHARED_DATA.glob("*.jsonl"))]
    return found


def speed(seconds: float = 2.0) -> float:
    """Turns labelled per second on one core, cycling every available set for `seconds`, caches cleared."""
    records = [rec for _, path in datasets() if path.exists() for rec in load(path)]
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        normalise.cache_clear()  # repeated passes must not be served from the text cache
        for rec in records:
            label_turn(rec["text"], rec.get("context") or "")
        n += len(records)
    return n / (time.perf_counter() - start)


def judge_cases(limit: int = 40) -> list:
    """Summaries and asks from the in-domain sets, each with the rule-based verdict the judge is compared to."""
    from simulator.evaluation import check_ask, check_summary
    from simulator.judge import JudgeCase
    from simulator.transcript import Disclosure

    summaries, benefit_asks, bare_asks = [], [], []
    for path in (TEAM_SET, BLIND_SET):
        for rec in load(path):
            text, context = rec["text"], rec.get("context") or ""
            if rec["label"] == "summary":
                said = [Disclosure(item_id="context", text=context)]
                summaries.append(
                    JudgeCase("summary", text, context, check_summary(text, said, context).faithful)
                )
            elif rec["label"] in ("benefit_ask", "other") and label_turn(text, context).is_ask:
                ask = check_ask(text, [])
                case = JudgeCase("ask", text, context, ask.concrete and ask.benefit)
                (benefit_asks if rec["label"] == "benefit_ask" else bare_asks).append(case)
    # Half summaries, half asks (good and bare alike), so agreement is not just a count of yeses.
    quarter = limit // 4
    return summaries[: limit - 2 * quarter] + benefit_asks[:quarter] + bare_asks[:quarter]


def judge_agreement(limit: int) -> int:
    """With a judge configured (PARLEY_LLM_* + PARLEY_LLM_JUDGE=true), how often it agrees with the rules."""
    from simulator.judge import agreement, build_judge
    from simulator.settings import load_settings

    settings = load_settings()
    judge = build_judge(settings)
    if judge is None:
        print("No LLM judge configured: set PARLEY_LLM_BASE_URL (or PARLEY_GGUF) and PARLEY_LLM_JUDGE=true.")
        return 2
    try:
        result = agreement(judge, judge_cases(limit))
    finally:
        judge.close()
    print("| judge vs rules | value |\n|---|---|")
    print(f"| items judged | {result.judged} (failed: {result.failed}) |")
    print(f"| agreement | {100 * result.rate:.0f}% |")
    for case in result.disagreements[:5]:
        print(
            f"  disagree ({case.kind}, rules said {'yes' if case.rule_verdict else 'no'}): {case.text[:120]!r}"
        )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Print accuracy tables (and optionally errors or a speed figure)."""
    parser = argparse.ArgumentParser(prog="python -m evals.accuracy", description=__doc__)
    parser.add_argument(
        "--errors", type=int, default=0, metavar="N", help="print N misclassified examples per set"
    )
    parser.add_argument("--only", help="evaluate only sets whose name contains this text")
    parser.add_argument("--speed", action="store_true", help="print turns/second on one core and exit")
    parser.add_argument(
        "--judge",
        type=int,
        nargs="?",
        const=40,
        metavar="N",
        help="agreement between the configured LLM judge and the rules on N summaries and asks",
    )
    args = parser.parse_args(argv)
    if args.judge:
        return judge_agreement(args.judge)
    if args.speed:
        print(f"label_turn speed: {speed():,.0f} turns/second (one core)")
        return 0
    if not SHARED_DATA.is_dir():
        print(f"(shared data not found at {SHARED_DATA}; only the team set is measured)")
    for name, path in datasets():
        if args.only and args.only not in name:
            continue
        if not path.exists():
            print(f"(skipping {name}: {path} not found)\n")
            continue
        stats, macro, errors = evaluate(load(path))
        print(table(name, stats, macro) + "\n")
        for rec, pred in errors[: args.errors]:
            ctx = (rec.get("context") or "")[-160:]
            print(f"  gold={rec['label']} pred={pred} | {rec['text'][:200]!r}\n      ctx: {ctx!r}")
        if args.errors:
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
