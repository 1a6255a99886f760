"""A small learned second opinion on each part's act, stacked on the rules.

The rules in `reading` are precise on the phrasings they know and blind to the ones they don't. People type
in every other way, so a linear model (multinomial logistic regression over words, word pairs, pieces of
words and what the rules saw) reads each part too and decides between the rules' act and its own. It is
trained by `python -m evals.train_acts` on our own annotated conversations (`evals/conversations/train*.jsonl`,
written for this by people who never saw the rules), never on the development or blind parts it is measured
on. The weights are a JSON file beside this module; reading them is pure Python, a few hundred features per
part and no numeric library, so an authored turn stays in milliseconds.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

WEIGHTS = Path(__file__).with_name("act_weights.json")
_WORD = re.compile(r"[a-z0-9$£€%']+|[?!]")
_DIGIT = re.compile(r"\d")
_FIRST = frozenset(
    {
        "i",
        "i'm",
        "im",
        "i'd",
        "i've",
        "i'll",
        "we",
        "we're",
        "we'd",
        "we've",
        "we'll",
        "my",
        "our",
        "me",
        "us",
    }
)
_SECOND = frozenset({"you", "your", "you're", "youre", "you've", "you'd", "you'll", "u", "ur", "yours"})


def _shape(token: str) -> str:
    if _DIGIT.search(token):
        return "<num>" if not any(c in token for c in "$£€%") else "<money>" if "%" not in token else "<pct>"
    return token


def features(text: str, signals: Mapping[str, Any]) -> list[str]:
    """The features of one part: its words and word pairs, pieces of words, where it sits and what the rules saw.

    `signals` holds the context the rules computed (their act, whether it is a question, names terms, restates
    the counterpart, its place in the turn …); each becomes one feature, so the model learns when to trust them.
    """
    low = text.lower().replace("’", "'")
    tokens = [_shape(t) for t in _WORD.findall(low)][:60]
    feats = ["bias"]
    feats += [f"w:{t}" for t in tokens]
    feats += [f"b:{a}_{b}" for a, b in zip(tokens, tokens[1:], strict=False)]
    if tokens:
        feats.append(f"first:{tokens[0]}")
        feats.append(f"last:{tokens[-1]}")
        if len(tokens) > 1:
            feats.append(f"first2:{tokens[0]}_{tokens[1]}")
    # each word once, in the order typed: a set's order changes with the hash seed, and with it the order the
    # weights are summed in, which can tip a near-tie between two acts from one run to the next
    for word in dict.fromkeys(t for t in tokens if len(t) >= 4 and t.isalpha()):
        padded = f"<{word}>"
        feats += [f"c:{padded[i : i + 4]}" for i in range(len(padded) - 3)]
    n = len(tokens)
    feats.append(f"len:{min(n, 12) if n < 12 else 12 + min(n // 8, 4)}")
    feats.append("ends_q" if low.rstrip().endswith("?") else "no_q")
    if text.isupper() and len(text) > 3:
        feats.append("caps")
    person = ("1" if _FIRST.intersection(tokens) else "") + ("2" if _SECOND.intersection(tokens) else "")
    feats.append(f"person:{person or '0'}")
    for key, value in signals.items():
        if value is True:
            feats.append(f"s:{key}")
        elif value not in (None, False, ""):
            feats.append(f"s:{key}={value}")
    return feats


# Acts that cost the user (rapport, patience, a walk-out): the model alone reads one only when it is fairly sure.
COSTLY = {"pressure": 0.5, "insult": 0.5}
# Rule acts the rules read from hard evidence (terms named with "I'm asking for"): overruled only when fairly sure.
KEPT = {"offer": 0.5}


class ActModel:
    """Multinomial logistic regression over string features, read from a JSON file of sparse weights."""

    def __init__(
        self, labels: list[str], weights: dict[str, dict[str, float]], margin: float = 0.0, floor: float = 0.0
    ):
        self.labels = labels
        self.weights = weights
        self.margin = margin  # how much more likely the model's act must be before it overrules the rules
        self.floor = (
            floor  # and how likely at least: a guess among several acts leaves the rules' act standing
        )

    def scores(self, feats: Iterable[str]) -> dict[str, float]:
        """Probabilities per act."""
        logits = dict.fromkeys(self.labels, 0.0)
        for feat in feats:
            for label, w in self.weights.get(feat, {}).items():
                logits[label] += w
        top = max(logits.values())
        exp = {k: math.exp(v - top) for k, v in logits.items()}
        total = sum(exp.values())
        return {k: v / total for k, v in exp.items()}

    def decide(self, feats: list[str], rule_act: str) -> tuple[str, float]:
        """The act to go with: the model's, when it is clearly more sure than of the rules' act."""
        probs = self.scores(feats)
        best = max(probs, key=lambda k: probs[k])
        floor = max(self.floor, COSTLY.get(best, 0.0), KEPT.get(rule_act, 0.0))
        if best != rule_act and probs[best] >= floor and probs[best] - probs.get(rule_act, 0.0) > self.margin:
            return best, probs[best]
        return rule_act, probs.get(rule_act, 0.0)

    def to_json(self) -> dict[str, Any]:
        return {"labels": self.labels, "margin": self.margin, "floor": self.floor, "weights": self.weights}


@lru_cache(maxsize=1)
def load(path: str = str(WEIGHTS)) -> ActModel | None:
    """The shipped model, or None when there is no weights file (the rules alone then decide)."""
    file = Path(path)
    if not file.exists():
        return None
    data = json.loads(file.read_text(encoding="utf-8"))
    return ActModel(data["labels"], data["weights"], data.get("margin", 0.0), data.get("floor", 0.0))
