"""The one text toolkit (simulator/evaluation/text.py): both readings of a text, numbers, and who imports it."""

from __future__ import annotations

import ast
from pathlib import Path

from simulator.evaluation.text import (
    AMOUNTS,
    FIGURES,
    REPLY_STOPWORDS,
    STOPWORDS,
    content_stem_list,
    light_stem,
    ngrams,
    number_tokens,
    stem,
    words,
)

SIMULATOR = Path(__file__).resolve().parent.parent / "simulator"


def test_the_meaning_reading_folds_accents_and_keeps_decimals_whole():
    assert words("Cafés pay $4.20 — don’t they?") == ["cafes", "pay", "4.20", "don't", "they"]
    assert stem("deliveries") == stem("delivery") and stem("worried") == stem("worry")
    assert content_stem_list("We need 15 more kilos") == ["need", "15", "kilo"]


def test_the_verbatim_reading_keeps_letters_as_typed_and_splits_numbers():
    assert words("Cafés pay $4.20 — don’t they?", verbatim=True) == [
        "caf",
        "s",
        "pay",
        "4",
        "20",
        "don't",
        "they",
    ]
    assert (
        light_stem("payments") == "payment"
        and light_stem("delivered") == "deliver"
        and light_stem("bus") == "bus"
    )
    # Its own stopwords ("need" is one), nothing under three characters (numbers too).
    assert content_stem_list("We need 15 more kilos", verbatim=True) == ["kilo"]
    assert (
        "need" in REPLY_STOPWORDS
        and "need" not in STOPWORDS
        and "lot" in STOPWORDS
        and "lot" not in REPLY_STOPWORDS
    )
    assert ngrams(["a", "b", "c", "d"], 3) == {("a", "b", "c"), ("b", "c", "d")}


def test_numbers_are_compared_as_digits_and_dates_as_words():
    assert number_tokens("Two pallets by Tuesday, 1,200 kilos at 4.5") == {"2", "tuesday", "1200", "4.5"}
    assert number_tokens("You may have one") == set()  # "may" and "one" are mostly not numbers or dates
    assert FIGURES.findall("$4.10 a kilo, 15% off, from march to q3") == ["$4.10", "15%", "march", "q3"]
    assert AMOUNTS.findall("three hours, half of 20.") == ["three", "half", "20."]


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(module, at the top level) for each relative or simulator import in a file."""
    tree = ast.parse(path.read_text())
    top = {id(node) for node in tree.body}
    return [
        (node.module or "", id(node) in top) for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    ]


def test_every_text_rule_comes_from_the_toolkit():
    own = {
        "_stem",
        "STOPWORDS",
        "_number_tokens",
        "NUMBERS",
        "_AMOUNT",
        "NUMBER_WORDS",
        "DATE_WORDS",
        "_WORD",
    }
    for module in ("voice/guardrails.py", "evaluation/summary.py"):
        tree = ast.parse((SIMULATOR / module).read_text())
        defined = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
        defined |= {
            t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)
        }
        assert not own & defined, module
        assert any(m.endswith("text") for m, _ in _imports(SIMULATOR / module)), module


def test_the_scorecard_and_its_dimensions_import_each_other_in_no_circle():
    dimensions = [m for m, _ in _imports(SIMULATOR / "evaluation" / "dimensions.py")]
    assert "scorecard" not in dimensions and "scorecard_models" in dimensions
    assert all(top for _, top in _imports(SIMULATOR / "evaluation" / "scorecard.py"))  # no import held back
