"""Figures worked out loud in other units: found, checked, and put right in words a person would use."""

import pytest

from simulator.conversions import find_conversion


@pytest.mark.parametrize(
    ("text", "holds", "comes_to"),
    [
        ("16.80 a kilo, that's about 7.60 a pound right?", True, "$16.80 a kilo is about $7.62 a pound"),
        ("15.80 a kilo, so about $6.50 a pound", False, "$15.80 a kilo is about $7.17 a pound"),
        ("76k a year is about $6,300 a month before tax", True, "$76,000 a year is about $6,333 a month"),
        ("3.2 metres, so about 8 feet?", False, "3.2 metres is about 10.5 feet"),
        ("60 kilos a week, so like 3,000 kilos a year", True, "60 kilos a week is about 3,120 kilos a year"),
        # four weeks to the month is how people count
        ("60 kilos a week, so 240 a month", True, "60 kilos a week is about 260 a month"),
        ("18k in stock, which is like $1,500 a month over a year", True, "$18,000 is about $1,500 a month"),
    ],
)
def test_a_conversion_is_found_and_checked(text, holds, comes_to):
    found = find_conversion(text)
    assert found is not None, text
    assert found.holds is holds, found
    assert found.comes_to == comes_to, found


@pytest.mark.parametrize(
    "text",
    [
        "net 15 and 60 kilos a week",
        "16.80 a kilo and 60 a week",
        "12 months at 16.80 a kilo",
        "a 3.2 metre wall, 3 weeks",
    ],
)
def test_two_figures_of_different_things_are_no_conversion(text):
    assert find_conversion(text) is None, text
