"""A figure converted out loud: "15.80 a kilo, so about $6.50 a pound", "162, which is about 11,500 a month",
"3.2 metres, so about 8 feet?". Finds the conversion in a part and says whether it holds and what it comes to."""

from __future__ import annotations

import re
from dataclasses import dataclass

from simulator.quantities import Quantity, quantities

# unit words after a figure, each with its dimension and what one of it is in that dimension's base unit: money per
# year, price per kilo, length in metres
_PER = r"\s*(?:a|an|per|/|each|every)\s*"
# "60 kilos a week", "4,000 units a quarter": a count of something per stretch of time
_COUNTED = r"(?:\s*(?:kilos?|kgs?|units?|bags?|pieces?|pcs|hours?|hrs?|days?|shifts?|orders?))?"
_UNITS: tuple[tuple[re.Pattern[str], str, float, str], ...] = (
    (re.compile(_COUNTED + _PER + r"(?:year|yr|annum)\b", re.I), "per_time", 1.0, "a year"),
    (re.compile(_COUNTED + _PER + r"(?:quarter|qtr|q)\b", re.I), "per_time", 4.0, "a quarter"),
    (re.compile(_COUNTED + _PER + r"(?:month|mo|mth)\b", re.I), "per_time", 12.0, "a month"),
    (re.compile(_COUNTED + _PER + r"(?:week|wk)\b", re.I), "per_time", 52.0, "a week"),
    (re.compile(_PER + r"(?:kilo|kg|kilogram)s?\b", re.I), "per_weight", 1.0, "a kilo"),
    (re.compile(_PER + r"(?:pound|lb)s?\b", re.I), "per_weight", 2.20462, "a pound"),
    (re.compile(r"\s*(?:metres?|meters?|m)\b(?!\s*(?:a|per|/)\b)", re.I), "length", 1.0, "metres"),
    (re.compile(r"\s*(?:feet|foot|ft)\b", re.I), "length", 0.3048, "feet"),
)
# "so", "which is", "that's", "=", "or": what joins a figure to the same figure in other units
_JOINS = re.compile(
    r"^[\s,;:(-]*(?:(?:so|thats|that's|that is|which is|which's|which|is|=|means|or|i\.e\.?)\W+)*"
    r"(?:(?:about|around|roughly|like|approx\w*|~|just under|just over|nearly|almost|some|basically|call it)\W+)*$",
    re.I,
)
# "18k in stock, which is like $1,500 a month over a year": the first figure is the year's total
_OVER_A_YEAR = re.compile(r"^[^.?!]{0,30}\b(?:over|across|for|spread over) (?:a|the|one) year\b", re.I)


@dataclass(frozen=True)
class Conversion:
    """A figure said again in other units: `converted` as typed, whether it holds, and what it comes to."""

    source: str
    converted: str
    holds: bool
    comes_to: str  # "$15.80 a kilo is about $7.17 a pound"


def _unit_at(text: str, start: int) -> tuple[str, float, str, int] | None:
    """The unit said from `start`: (its dimension, its size in that dimension's base unit, the words as typed, where
    it ends)."""
    for pattern, dimension, factor, _ in _UNITS:
        m = pattern.match(text, start)
        if m:
            return dimension, factor, " ".join(m.group(0).split()), m.end()
    return None


def _unit(text: str, q: Quantity) -> tuple[str, float, str] | None:
    found = _unit_at(text, q.end)
    return found[:3] if found else None


def _figure(value: float, money: bool) -> str:
    if value >= 1000:
        text = f"{value:,.0f}"
    elif value >= 100:
        text = f"{value:.0f}"
    elif money:
        text = f"{value:.2f}"
    else:
        text = f"{value:.2f}".rstrip("0").rstrip(".")
    return ("$" if money else "") + text


def find_conversion(text: str) -> Conversion | None:
    """The first figure said again in other units of the same kind in the part, if any."""
    found = quantities(text)
    for first, second in zip(found, found[1:], strict=False):
        if first.percent or second.percent:
            continue
        one, two = _unit(text, first), _unit(text, second)
        after_one = _unit_at(text, first.end)
        between = text[after_one[3] if after_one else first.end : second.start]
        if two is None:
            continue
        if one is None and two[0] == "per_time" and _OVER_A_YEAR.match(text[second.end :]):
            one = ("per_time", 1.0, "a year")  # a total over a year
        if one is None or one[0] != two[0] or one[1] == two[1]:
            continue
        # the words between are only a join: "15.80 a kilo, so about $6.50 a pound"
        words = re.sub(
            r"\b(?:gross|net|before tax|pre-?tax|in (?:my|our|your|ur) [\w' ]+? money|in stock)\b",
            " ",
            between,
        )
        if not _JOINS.match(words.replace("$", "")):
            continue
        base = first.value * one[1]
        expected = base / two[1]
        holds = abs(second.value - expected) <= 0.07 * expected
        if {one[1], two[1]} == {12.0, 52.0}:
            # "60 kilos a week, so 240 a month": four weeks to the month is how people count
            holds = (
                holds
                or abs(second.value - first.value * (4 if two[1] == 12.0 else 0.25)) <= 0.02 * second.value
            )
        money = bool(first.currency or second.currency or one[0] == "per_weight")
        unit_one = "" if _unit(text, first) is None else " " + one[2]
        comes_to = f"{_figure(first.value, money)}{unit_one} is about {_figure(expected, money)} {two[2]}"
        return Conversion(text[first.start : first.end], text[second.start : second.end], holds, comes_to)
    return None
