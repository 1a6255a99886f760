"""The labeller never fails on odd input: every combination of cue words and punctuation gets a valid label."""

from __future__ import annotations

import random

import pytest

from simulator.evaluation import MOVES, WINDOWS, label_turn

PIECES = [
    "which",
    "what",
    "how",
    "why",
    "tell me",
    "can you",
    "would you",
    "do you",
    "is it",
    "or",
    "either",
    "and",
    "so",
    "you",
    "I",
    "we",
    "your",
    "my",
    "need",
    "ask",
    "benefit",
    "$4.10",
    "12-month",
    "March",
    "right",
    "?",
    ",",
    ".",
    "!",
    "—",
    "a March start",
    "an April start",
    "works better for you",
    "prefer",
    "more about that",
    "so what I'm hearing",
    "sounds like",
    "take it or leave it",
    "give me",
    "please",
    "both",
    "us",
    "\n",
    "…",
    "😀",
    "שלום",
    "<b>",
    "'",
    '"',
    "  ",
    "",
]


def test_which_question_offering_alternatives_is_closed():
    label = label_turn(
        "Which works better for you, a March start or an April start?", "We could start in spring."
    )
    assert label.primary == "closed_question"


@pytest.mark.parametrize("seed", range(6))
def test_random_cue_soup_always_gets_a_valid_label(seed):
    rng = random.Random(seed)
    for _ in range(500):
        text = " ".join(rng.choice(PIECES) for _ in range(rng.randint(0, 14)))
        context = " ".join(rng.choice(PIECES) for _ in range(rng.randint(0, 8)))
        label = label_turn(text, context)
        assert label.primary in (*MOVES, "other")
        assert set(label.moves) <= set(MOVES)
        assert label.window is None or label.window in WINDOWS
