"""Train the act model (`simulator/act_model.py`) on the conversation set's training files.

The training files (`evals/conversations/train_*.jsonl`) were written for this by authors who never saw the
rules. The development part is tuned on (the rules were written against it) and is trained on too; the blind part
is never trained on, so the blind numbers `evals.conversations` prints stay held-out measures (`--holdout` gives
another: files left out of training, replayed after it). Each conversation is replayed the way the evaluation replays it, every part we split off is
paired with the act its author gave the part it overlaps most, and a multinomial logistic regression (L2,
full-batch gradient descent with Adam, numpy only at training time) learns the acts from the part's features.

    python -m evals.train_acts                    # train on train_*.jsonl and the development part, write the weights
    python -m evals.train_acts --check dev        # also print accuracy on the development part, rules vs model
    python -m evals.train_acts --holdout train_t8.jsonl train_t9.jsonl train_t10.jsonl train_t11.jsonl --out /tmp/w.json
        # train without those files, then replay them with the rules alone and with the model: the held-out gain
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from evals.conversations import BLIND_FILES, DEV_FILES, HERE, evaluate, load
from simulator.act_model import WEIGHTS, ActModel
from simulator.personas import load_library

MIN_COUNT = 2  # a feature seen once is noise, not evidence


def examples(files: list[str], personas: dict[str, Any]) -> list[tuple[list[str], str, str]]:
    """(features, annotated act, rules' act) for every part of every user turn in these files."""
    out: list[tuple[list[str], str, str]] = []
    evaluate(load(files), personas, examples=out, use_model=False)
    return out


def train(
    data: list[tuple[list[str], str, str]],
    l2: float = 1e-3,
    steps: int = 400,
    rate: float = 0.05,
    seed: int = 0,
) -> ActModel:
    """Fit the weights; features seen fewer than MIN_COUNT times are dropped."""
    import numpy as np

    counts = Counter(f for feats, _, _ in data for f in set(feats))
    vocab = sorted(f for f, c in counts.items() if c >= MIN_COUNT)
    index = {f: i for i, f in enumerate(vocab)}
    labels = sorted({gold for _, gold, _ in data})
    lab = {a: i for i, a in enumerate(labels)}
    rows, cols = [], []
    for r, (feats, _, _) in enumerate(data):
        for f in set(feats):
            if f in index:
                rows.append(r)
                cols.append(index[f])
    rows_a, cols_a = np.array(rows), np.array(cols)
    n, d, c = len(data), len(vocab), len(labels)
    y = np.zeros((n, c))
    y[np.arange(n), [lab[g] for _, g, _ in data]] = 1.0
    # Rare acts weigh more, so macro-F1 (every act counts the same) is what the fit leans towards.
    freq = y.sum(axis=0)
    sample_w = (y @ (n / (c * np.maximum(freq, 1))) ** 0.5)[:, None]
    w = np.random.default_rng(seed).normal(0, 0.01, (d, c))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for step in range(1, steps + 1):
        logits = np.zeros((n, c))
        np.add.at(logits, rows_a, w[cols_a])
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        g_rows = (p - y) * sample_w / n
        grad = np.zeros_like(w)
        np.add.at(grad, cols_a, g_rows[rows_a])
        grad += l2 * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        w -= rate * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    weights: dict[str, dict[str, float]] = {}
    for f, i in index.items():
        row = {labels[k]: round(float(w[i, k]), 3) for k in range(c) if abs(w[i, k]) >= 0.02}
        if row:
            weights[f] = row
    return ActModel(labels, weights)


def accuracy(model: ActModel | None, data: list[tuple[list[str], str, str]]) -> tuple[float, float]:
    """(accuracy, macro-F1) of the model's decision (or the rules' act when model is None)."""
    from evals.conversations import act_f1

    pairs = [(gold, model.decide(feats, rule)[0] if model else rule) for feats, gold, rule in data]
    return sum(a == b for a, b in pairs) / max(1, len(pairs)), act_f1(pairs)[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--train",
        nargs="*",
        help="training files (default: evals/conversations/train_*.jsonl and the development part)",
    )
    parser.add_argument("--check", choices=["dev"], help="print rules vs model on the development part")
    parser.add_argument("--out", default=str(WEIGHTS), help="where to write the weights")
    parser.add_argument("--l2", type=float, default=1e-3)
    parser.add_argument("--steps", type=int, default=400)
    parser.add_argument(
        "--margin", type=float, default=0.0, help="how much surer the model must be to overrule"
    )
    parser.add_argument(
        "--holdout", nargs="*", default=[], help="files left out of training and replayed after it"
    )
    args = parser.parse_args(argv)
    personas = load_library([Path(__file__).parent.parent / "personas"]).personas
    files = args.train or [*sorted(p.name for p in HERE.glob("train_*.jsonl")), *DEV_FILES]
    files = [f for f in files if f not in args.holdout]
    if any(f in BLIND_FILES or f.startswith("blind") for f in files):
        print("the blind part is never trained on", file=sys.stderr)
        return 2
    if not files:
        print("no training files: expected evals/conversations/train_*.jsonl", file=sys.stderr)
        return 2
    data = examples(files, personas)
    print(f"training on {len(data)} parts from {', '.join(files)}")
    model = train(data, l2=args.l2, steps=args.steps)
    model.margin = args.margin
    print(
        f"  train: rules acc/F1 {accuracy(None, data)[0]:.3f}/{accuracy(None, data)[1]:.3f}  "
        f"model {accuracy(model, data)[0]:.3f}/{accuracy(model, data)[1]:.3f}  ({len(model.weights)} features)"
    )
    if args.check == "dev":
        dev = examples(list(DEV_FILES), personas)
        r, m = accuracy(None, dev), accuracy(model, dev)
        print(f"  dev:   rules acc/F1 {r[0]:.3f}/{r[1]:.3f}  model {m[0]:.3f}/{m[1]:.3f}")
    Path(args.out).write_text(
        json.dumps(model.to_json(), separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"wrote {args.out}")
    if args.holdout:
        _replay_held_out(args.holdout, personas, model)
    return 0


def _replay_held_out(files: list[str], personas: dict[str, Any], model: ActModel) -> None:
    """Replay held-out files with the rules alone and with this model: act F1 and reply-appropriateness."""
    from evals.conversations import act_f1
    from simulator import act_model

    shipped = act_model.load
    for name, chosen in (("rules alone", None), ("rules + model", model)):
        act_model.load = lambda path=None, _m=chosen: _m  # type: ignore[assignment]
        try:
            result = evaluate(load(files), personas)
        finally:
            act_model.load = shipped
        hits, total = result["fair_hits"]["all"], result["fair_total"]["all"]
        print(
            f"  held out, {name:<13}: act macro-F1 {act_f1(result['pairs'])[0]:.3f}  "
            f"reply-appropriateness {hits / max(1, total):.1%} ({hits}/{total})"
        )


if __name__ == "__main__":
    sys.exit(main())
