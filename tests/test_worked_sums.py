"""Sums worked out loud in an offer (found in t168, halves, doubles and arithmetic on figures): "10% on top of 145
then, 159,500" puts 159,500, not the 145 it started from; "half the usual 12" is a 6 and no 12,000 bonus; "145 + 10% is
159.5, I'll round up to 160" puts the rounded 160. Figures that only happen to fit a percent said nearby (an
investor's "3 on 15 post, exactly 20%") keep their own terms, and "a week and a half" is 1.5 of its unit."""

from __future__ import annotations

import pytest

from simulator.offers import read_terms
from simulator.personas import load_persona_file
from simulator.quantities import quantities
from tests.test_relative_figures import COFFEE, LANDLORD, MANAGER, PERSONA_DIR

CANDIDATE = load_persona_file(PERSONA_DIR / "candidate-offer.yaml")
INVESTOR = load_persona_file(PERSONA_DIR / "investor-term-sheet.yaml")
COFOUNDER = load_persona_file(PERSONA_DIR / "cofounder-equity.yaml")
NEIGHBOUR = load_persona_file(PERSONA_DIR / "neighbour-extension.yaml")


@pytest.mark.parametrize(
    ("turn", "want"),
    [
        ("ok 10% on top of 145 then, 159,500.", {"base_salary": 159_500.0}),
        (
            "145 + 10% is 159.5, ill round up to the full 160 so ur at the very top",
            {"base_salary": 160_000.0},
        ),
        # the 12 it halved is no $12,000 signing bonus
        (
            "and ill book ur staff engineer review at 6 months, half the usual 12",
            {"promotion_review_months": 6.0},
        ),
    ],
)
def test_the_sum_worked_out_is_the_term_not_what_it_was_worked_from(turn, want) -> None:
    assert read_terms(turn, CANDIDATE.issues, None) == pytest.approx(want)


def test_the_figure_a_raise_is_worked_on_is_no_second_term() -> None:
    # "my 68" was read as a 68-day trial beside the 74,800 it came to
    got = read_terms("give me 10% on my 68, thats 74,800, its barely anything", MANAGER.issues, None)
    assert got == pytest.approx({"salary": 74_800.0})


def test_figures_that_only_fit_a_percent_said_after_them_keep_their_terms() -> None:
    # 2.5 x 1.2 is 3, but the 20% is the stake the round buys, said after: the 3M round and the 12 pre stand
    turn = "We raise 3M instead of 2.5, at 12 pre. That's 3 on 15 post, exactly 20% for Northlight."
    got = read_terms(turn, INVESTOR.issues, None)
    assert got.get("round_size") == pytest.approx(3.0) and got.get("pre_money") == pytest.approx(12.0), got


def test_double_trigger_acceleration_doubles_nothing() -> None:
    turn = "What if: 55/45, your 6 months credited, a 6 month cliff instead of 12, and double-trigger acceleration"
    got = read_terms(turn, COFOUNDER.issues, None)
    assert got.get("months_credited") == 6.0 and got.get("cliff_months") == 6.0, got


def test_a_unit_and_a_half_is_one_and_a_half_of_it() -> None:
    assert [q.value for q in quantities("scaffolding for a week and a half")] == [1.5]
    assert read_terms("a year and a half at 15.80", COFFEE.issues, None) == pytest.approx(
        {"price_per_kg": 15.8, "term_months": 18.0}
    )
    assert read_terms("ok lets do half a year at 16", COFFEE.issues, None) == pytest.approx(
        {"price_per_kg": 16.0, "term_months": 6.0}
    )


@pytest.mark.parametrize(
    ("turn", "want"),
    [
        # rehearsing freely: a play-back of her worry put 6 months' credit forward as an offer
        ("and the 6 months u already put in dont count for anything", {}),
        ("credit the 6 months you already put in", {"months_credited": 6.0}),
        ("what if we count the 6 months you've already put in", {"months_credited": 6.0}),
    ],
)
def test_time_already_put_in_is_no_term_until_it_is_credited(turn, want) -> None:
    assert read_terms(turn, COFOUNDER.issues, None) == pytest.approx(want)


def test_the_usual_figure_compared_against_is_no_term() -> None:
    # t168: "an hour later than our builders usual 8" put 8 weeks of scaffolding forward
    turn = "we'll start noisy work at 9, an hour later than our builders usual 8"
    assert read_terms(turn, NEIGHBOUR.issues, None) == pytest.approx({"start_hour": 9.0})


@pytest.mark.parametrize(
    "turn", ["my margins can do maybe 4400 thats it", "4400 thats my max", "4400 whats ur answer"]
)
def test_a_figure_before_a_contraction_typed_without_its_apostrophe_is_still_put(turn) -> None:
    # t167: "thats" after 4400 was taken for what the figure counts (4,400 "thats"), so no term held it
    assert read_terms(turn, LANDLORD.issues, None) == pytest.approx({"monthly_rent": 4400.0})
