"""Reading offers from free-typed turns: simulator.offers against phrasings a real person would type."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from simulator.deal import snap
from simulator.offers import Quantity, describe_terms, format_value, quantities, read_terms
from simulator.personas import Issue, IssueSide, Persona, load_library, load_persona_file
from simulator.quantities import weekday_groups

PERSONA_DIR = Path(__file__).resolve().parent.parent / "personas"
COFFEE = load_persona_file(PERSONA_DIR / "coffee-supplier.yaml").issues
COFOUNDER = load_persona_file(PERSONA_DIR / "cofounder-equity.yaml").issues
NEIGHBOUR = load_persona_file(PERSONA_DIR / "neighbour-extension.yaml").issues
VENDOR = load_persona_file(PERSONA_DIR / "vendor-deadlines.yaml").issues


def _issue(
    id: str,
    unit: str,
    low: float,
    high: float,
    phrase: str,
    keywords: list[str],
    *,
    step: float = 1,
    decimals: int = 0,
    current: float | None = None,
    user_prefers: str = "high",
    kind: str = "number",
    no_phrase: str = "",
    no_keywords: list[str] | None = None,
    zone: tuple[float, float] | None = None,
) -> Issue:
    """A small issue for these tests; both sides' targets and limits are the ends of the zone (default: the range)."""
    zlow, zhigh = zone or (low, high)
    good, bad = (zhigh, zlow) if user_prefers == "high" else (zlow, zhigh)
    return Issue(
        id=id,
        label=id.replace("_", " ").title(),
        unit=unit,
        kind=kind,
        low=low,
        high=high,
        step=step,
        decimals=decimals,
        current=current,
        opening=zlow,
        phrase=phrase,
        no_phrase=no_phrase,
        keywords=keywords,
        no_keywords=no_keywords or [],
        counterpart=IssueSide(
            prefers="low" if user_prefers == "high" else "high", target=bad, limit=good, weight=0.5
        ),
        user=IssueSide(prefers=user_prefers, target=good, limit=bad, weight=0.5),
    )


JOB = [  # a candidate (the user) negotiating an offer: the user prefers each of these high
    _issue(
        "base_salary",
        "$/year",
        120_000,
        220_000,
        "${value} base",
        ["base", "salary", "package"],
        step=1000,
        current=150_000,
    ),
    _issue(
        "signing_bonus",
        "$",
        0,
        50_000,
        "a ${value} signing bonus",
        ["signing bonus", "sign-on", "bonus"],
        step=1000,
    ),
    _issue("remote_days", "days/week", 0, 5, "{value} days a week from home", ["from home", "remote", "wfh"]),
    _issue(
        "leave_days", "days/year", 10, 35, "{value} days of holiday", ["holiday", "vacation", "leave", "pto"]
    ),
    _issue(
        "start_hour",
        "hour",
        6,
        11,
        "a {value} o'clock start",
        ["start", "starting", "begin", "in by"],
        user_prefers="high",
    ),
    _issue(
        "non_compete",
        "yes/no",
        0,
        1,
        "a non-compete clause",
        ["non-compete", "non compete"],
        kind="yes_no",
        user_prefers="low",
        no_phrase="no non-compete",
    ),
]
ROUND = [  # a founder (the user) raising a round: a high valuation and a small option pool
    _issue(
        "pre_money",
        "$M",
        4,
        20,
        "a ${value}M pre-money valuation",
        ["pre", "pre-money", "valuation"],
        step=0.5,
        decimals=1,
    ),
    _issue(
        "option_pool",
        "percent",
        5,
        20,
        "a {value}% option pool",
        ["pool", "option pool", "options"],
        user_prefers="low",
    ),
    _issue(
        "board_seat",
        "yes/no",
        0,
        1,
        "a board seat for the investor",
        ["board seat", "board"],
        kind="yes_no",
        user_prefers="low",
    ),
]
STANDING = {"price_per_kg": 16.80, "base_salary": 158_000, "option_pool": 10}

# (turn, issues, expected {issue: value}); the standing proposal is STANDING throughout
PHRASINGS = [
    # coffee supplier: price
    ("I could do $16.20 a kilo.", COFFEE, {"price_per_kg": 16.2}),
    ("16.2/kg", COFFEE, {"price_per_kg": 16.2}),
    ("how about 16 20 per kilo", COFFEE, {"price_per_kg": 16.2}),
    ("sixteen dollars a kilo and we're done", COFFEE, {"price_per_kg": 16.0}),
    ("sixteen twenty a kilo?", COFFEE, {"price_per_kg": 16.2}),
    ("Fifteen fifty per kg is my limit", COFFEE, {"price_per_kg": 15.5}),
    (
        "ten percent less than your price",
        COFFEE,
        {"price_per_kg": 15.12},
    ),  # 16.80 * 0.9, to the cent: what they said, not the 0.10 grid's 15.10
    ("Could you knock $1.20 off the price?", COFFEE, {"price_per_kg": 15.6}),
    ("Can we keep the price the same as last year?", COFFEE, {"price_per_kg": 14.2}),  # today's value
    ("Look, I can't go above 15.40 per kilo", COFFEE, {"price_per_kg": 15.4}),
    (
        "between 15 and 15.5 a kilo",
        COFFEE,
        {"price_per_kg": 15.0},
    ),  # a range: the end the user (buyer) prefers
    # payment terms, volume, length
    ("net 15", COFFEE, {"payment_days": 15.0}),
    ("We need net thirty, like now.", COFFEE, {"payment_days": 30.0}),
    ("We'd pay invoices within 20 days", COFFEE, {"payment_days": 20.0}),
    ("we'd commit to 60 kilos a week", COFFEE, {"weekly_volume": 60.0}),
    ("55-60kg weekly", COFFEE, {"weekly_volume": 55.0}),  # the buyer commits to the low end
    ("a standing order of forty five kilos", COFFEE, {"weekly_volume": 45.0}),
    ("a 12 month deal", COFFEE, {"term_months": 12.0}),
    ("I'd sign for two years", COFFEE, {"term_months": 24.0}),
    ("an 18-month contract", COFFEE, {"term_months": 18.0}),
    (
        "I've been a customer for four years, so net 30 please",
        COFFEE,
        {"payment_days": 30.0},
    ),  # 48 months: history
    # yes/no terms
    ("happy to do direct debit", COFFEE, {"direct_debit": 1.0}),
    ("We can pay by direct debit, no problem.", COFFEE, {"direct_debit": 1.0}),
    ("I don't mind direct debit", COFFEE, {"direct_debit": 1.0}),
    ("no direct debit", COFFEE, {"direct_debit": 0.0}),
    ("not the direct debit, we pay by card", COFFEE, {"direct_debit": 0.0}),
    ("Direct debit doesn't work for our bookkeeper", COFFEE, {"direct_debit": 0.0}),
    ("16 a kilo, but without a price review", COFFEE, {"price_per_kg": 16.0, "price_review": 0.0}),
    # whole offers, and a partial one
    (
        "I can pay $16.20 a kilo on net 30 if we sign for two years",
        COFFEE,
        {"price_per_kg": 16.2, "payment_days": 30.0, "term_months": 24.0},
    ),
    (
        "$15.80 a kilo, net 30, and 60 kilos a week over two years, paid by direct debit",
        COFFEE,
        {
            "price_per_kg": 15.8,
            "payment_days": 30.0,
            "weekly_volume": 60.0,
            "term_months": 24.0,
            "direct_debit": 1.0,
        },
    ),
    (
        "1. net 15\n2. $16 a kilo\n3. a price review in six months",
        COFFEE,
        {"payment_days": 15.0, "price_per_kg": 16.0, "price_review": 1.0},
    ),
    (
        "I can do 16.20. Net 30 works.",
        COFFEE,
        {"price_per_kg": 16.2, "payment_days": 30.0},
    ),  # 16.2 is no day count
    ("Honestly I just want net 45 this time", COFFEE, {"payment_days": 45.0}),
    ("OK: $16, net 20, 2 yrs", COFFEE, {"price_per_kg": 16.0, "payment_days": 20.0, "term_months": 24.0}),
    ("Could we do 24 months at 15.90?", COFFEE, {"term_months": 24.0, "price_per_kg": 15.9}),
    (
        "What if I paid $16 a kilo and ordered 50 kilos a week?",
        COFFEE,
        {"price_per_kg": 16.0, "weekly_volume": 50.0},
    ),
    ("I'll give you 16.50 if you drop the price review", COFFEE, {"price_per_kg": 16.5, "price_review": 0.0}),
    # nothing to read
    ("I really value working with you and I want this to work.", COFFEE, {}),
    ("I've been here since 2019.", COFFEE, {}),
    ("Payment is due by the 1st of the month", COFFEE, {}),
    # a job offer
    ("160k base", JOB, {"base_salary": 160_000.0}),
    ("I was hoping for one sixty base", JOB, {"base_salary": 160_000.0}),
    ("Could we land at $158,000?", JOB, {"base_salary": 158_000.0}),
    ("a 15k signing bonus would close it", JOB, {"signing_bonus": 15_000.0}),
    ("three days from home", JOB, {"remote_days": 3.0}),
    ("a dozen days of holiday", JOB, {"leave_days": 12.0}),
    ("I need $2,000 more on the base", JOB, {"base_salary": 160_000.0}),
    (
        "between 150 and 160k base",
        JOB,
        {"base_salary": 160_000.0},
    ),  # the candidate prefers the top of the range
    ("I can only be in after 7am", JOB, {"start_hour": 7.0}),
    ("Could I start at 9?", JOB, {"start_hour": 9.0}),
    (
        "165k base, a 20 grand sign-on bonus and twenty five days of leave, and no non-compete",
        JOB,
        {"base_salary": 165_000.0, "signing_bonus": 20_000.0, "leave_days": 25.0, "non_compete": 0.0},
    ),
    ("My salary is the same as now", JOB, {"base_salary": 150_000.0}),
    # a funding round
    ("$12M pre", ROUND, {"pre_money": 12.0}),
    ("we'd take 12 million pre-money", ROUND, {"pre_money": 12.0}),
    ("a 10% pool", ROUND, {"option_pool": 10.0}),
    (
        "$12.5m pre with a 10% pool and no board seat",
        ROUND,
        {"pre_money": 12.5, "option_pool": 10.0, "board_seat": 0.0},
    ),
    ("two percent more on the pool", ROUND, {"option_pool": 12.0}),  # a percent issue changes in points
    # what is counted or what has gone on is no term
    ("three invoices.", COFFEE, {}),
    ("we've been with you for 2 years", COFFEE, {}),
    ("we have to sign for 12 months", COFFEE, {"term_months": 12.0}),
    ("16.80 is a huge jump, can you keep it at 14.20?", COFFEE, {"price_per_kg": 14.2}),
]


@pytest.mark.parametrize(("turn", "issues", "expected"), PHRASINGS, ids=[p[0][:40] for p in PHRASINGS])
def test_read_terms(turn: str, issues: list[Issue], expected: dict[str, float]) -> None:
    assert read_terms(turn, issues, STANDING) == pytest.approx(expected)


def _q(text: str) -> list[tuple[float, str, bool, bool, str | None, float | None]]:
    return [
        (q.value, text[q.start : q.end], q.currency, q.percent, q.relative, q.high) for q in quantities(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("160k", [(160_000, "160k", False, False, None, None)]),
        ("$2.5M", [(2_500_000, "$2.5M", True, False, None, None)]),
        ("$12m", [(12_000_000, "$12m", True, False, None, None)]),
        ("12 million", [(12_000_000, "12 million", False, False, None, None)]),
        ("£158,000.50", [(158_000.5, "£158,000.50", True, False, None, None)]),
        ("fifteen grand", [(15_000, "fifteen grand", False, False, None, None)]),
        ("one sixty", [(160, "one sixty", False, False, None, None)]),
        ("sixteen fifty", [(1650, "sixteen fifty", False, False, None, None)]),
        ("sixteen fifty a kilo", [(16.5, "sixteen fifty", False, False, None, None)]),
        ("a hundred and sixty", [(160, "a hundred and sixty", False, False, None, None)]),
        ("half a dozen", [(6, "half a dozen", False, False, None, None)]),
        ("twenty-five", [(25, "twenty-five", False, False, None, None)]),
        ("five six", [(5, "five", False, False, None, None), (6, "six", False, False, None, None)]),
        (
            "fifteen and twenty",
            [(15, "fifteen", False, False, None, None), (20, "twenty", False, False, None, None)],
        ),
        ("7 a.m.", [(7, "7 a.m.", False, False, None, None)]),
        ("9 o'clock", [(9, "9 o'clock", False, False, None, None)]),
        ("7pm", [(19, "7pm", False, False, None, None)]),
        ("9:30am", [(9.5, "9:30am", False, False, None, None)]),
        ("55 to 60", [(55, "55 to 60", False, False, None, 60)]),
        ("between 15 and 15.5", [(15, "15 and 15.5", False, False, None, 15.5)]),
        ("150-160k", [(150_000, "150-160k", False, False, None, 160_000)]),
        ("ten percent less", [(10, "ten percent less", False, True, "less", None)]),
        ("10% off", [(10, "10% off", False, True, "less", None)]),
        ("$200 more", [(200, "$200 more", True, False, "more", None)]),
        ("200 bucks extra", [(200, "200 bucks extra", True, False, "more", None)]),
        ("the same as now", [(0, "the same as now", False, False, "same", None)]),
        ("I've been here since 2019", []),
        ("in 2023 we paid 14.20", [(14.2, "14.20", False, False, None, None)]),
        ("the 1st of the month", []),
        ("renewal on 31 March", []),
        ("someone often tenders", []),
    ],
)
def test_quantities(text: str, expected: list[tuple]) -> None:
    assert _q(text) == [pytest.approx(e) if isinstance(e, float) else e for e in expected]


def test_quantity_span_points_at_the_text() -> None:
    text = "I'd pay $16.20 a kilo"
    [q] = quantities(text)
    assert q == Quantity(16.2, 8, 14, True, False, None, None)
    assert text[q.start : q.end] == "$16.20"


def test_relative_terms_fall_back_to_the_current_value_and_clip() -> None:
    # no standing proposal: 10% below today's 14.20 is 12.78, under the range, so it clips to 13.00
    assert read_terms("ten percent less than your price", COFFEE) == {"price_per_kg": 13.0}
    # a step their way starts from today's 14.20 (2 more than the 17.50 they ask would be more than they ask)
    assert read_terms("$2 more a kilo", COFFEE, {"price_per_kg": 17.5}) == pytest.approx(
        {"price_per_kg": 16.2}
    )
    # a step the user's way starts from their figure, and clips: 14.00 less 2 is under the range
    assert read_terms("$2 less a kilo", COFFEE, {"price_per_kg": 14.0}) == {"price_per_kg": 13.0}


def test_bare_number_maps_only_when_one_issue_fits() -> None:
    # 16 is in the price zone and on its step; the volume and term zones hold it too, but off their steps
    assert read_terms("I'd do 16 if you give me net 45", COFFEE) == {
        "price_per_kg": 16.0,
        "payment_days": 45.0,
    }
    assert (
        read_terms("I'd do 20", COFFEE) == {}
    )  # on the step of both the volume and the payment days: unsure
    assert read_terms("Let's say 75", COFFEE) == {
        "weekly_volume": 75.0
    }  # in no zone; only the volume range holds it
    assert read_terms("no one pays that", JOB) == {}


def test_values_are_read_as_said_not_moved_to_the_grid() -> None:
    # The grid is where the counterpart's own counters fall. Moving "15.65" to 15.70 would put 5 cents on the
    # user's offer, and a yes would then agree to more than they offered.
    assert read_terms("net 17", COFFEE) == {"payment_days": 17.0}
    assert read_terms("ok DD, net 15, and 15.75.", COFFEE)["price_per_kg"] == 15.75
    assert read_terms("$16.23 a kilo", COFFEE) == {"price_per_kg": 16.23}


def test_format_value() -> None:
    by_id = {i.id: i for i in COFFEE + JOB + ROUND}
    assert format_value(by_id["price_per_kg"], 16.2) == "$16.20 a kilo"
    assert format_value(by_id["base_salary"], 158_000) == "$158,000 base"
    assert format_value(by_id["term_months"], 24) == "a 24-month agreement"
    assert (
        format_value(by_id["pre_money"], 12) == "a $12M pre-money valuation"
    )  # decimals only when there are some
    assert format_value(by_id["pre_money"], 12.5) == "a $12.5M pre-money valuation"
    assert format_value(by_id["direct_debit"], 1) == "payment by direct debit"
    assert format_value(by_id["direct_debit"], 0) == ""
    assert format_value(by_id["non_compete"], 0) == "no non-compete"


def test_describe_terms() -> None:
    terms = {"payment_days": 30, "price_per_kg": 16.2, "direct_debit": 0, "term_months": 12}
    assert describe_terms(COFFEE, terms) == "$16.20 a kilo, a 12-month agreement and payment on net 30"
    assert describe_terms(COFFEE, {"payment_days": 15}) == "payment on net 15"
    assert describe_terms(COFFEE, {"direct_debit": 0}) == ""
    assert (
        describe_terms(JOB, {"non_compete": 0, "base_salary": 160_000}) == "$160,000 base and no non-compete"
    )


def test_terms_read_back_from_their_own_description() -> None:
    terms = {
        "price_per_kg": 15.6,
        "term_months": 24.0,
        "payment_days": 20.0,
        "weekly_volume": 50.0,
        "direct_debit": 1.0,
        "price_review": 1.0,
    }
    assert read_terms(describe_terms(COFFEE, terms), COFFEE) == terms


# Issues with a negotiation zone narrower than their range, and no_keywords, for the rules below.
HIRE = [  # a hiring manager (the user) closing a candidate
    _issue(
        "base_salary",
        "$/year",
        100_000,
        200_000,
        "${value} base",
        ["base", "salary"],
        step=1000,
        zone=(140_000, 170_000),
        user_prefers="low",
    ),
    _issue(
        "signing_bonus",
        "$",
        0,
        40_000,
        "a ${value} signing bonus",
        ["signing bonus", "bonus"],
        step=1000,
        zone=(0, 20_000),
        user_prefers="low",
    ),
    _issue(
        "remote_days",
        "days/week",
        0,
        5,
        "{value} days a week from home",
        ["from home", "remote", "wfh"],
        zone=(1, 3),
        user_prefers="low",
    ),
    _issue(
        "review_months", "months", 3, 24, "a review after {value} months", ["review"], step=3, zone=(6, 12)
    ),
    _issue(
        "relocation",
        "yes/no",
        0,
        1,
        "relocation paid",
        ["relocation", "moving costs"],
        kind="yes_no",
        no_keywords=["move yourself", "self-funded move"],
        user_prefers="low",
    ),
]
SEED = [  # a founder (the user) raising a seed round
    _issue(
        "pre_money",
        "$ millions",
        5,
        20,
        "a ${value}M pre-money valuation",
        ["pre-money", "valuation", "pre"],
        step=0.5,
        decimals=1,
        zone=(9, 14),
    ),
    _issue(
        "round_size",
        "$ millions",
        1,
        6,
        "a ${value}M round",
        ["round", "raise"],
        step=0.5,
        decimals=1,
        zone=(2, 4),
        user_prefers="low",
    ),
    _issue("option_pool", "percent", 0, 20, "a {value}% pool", ["pool"], zone=(8, 15), user_prefers="low"),
    _issue(
        "participating",
        "yes/no",
        0,
        1,
        "a participating preference",
        ["participating"],
        kind="yes_no",
        no_keywords=["non-participating"],
        user_prefers="low",
    ),
    _issue(
        "board_seat",
        "yes/no",
        0,
        1,
        "a board seat",
        ["board seat", "board", "seat"],
        kind="yes_no",
        no_keywords=["observer"],
        user_prefers="low",
    ),
]
LEASE = [  # a tenant (the user) renewing a lease
    _issue(
        "rent",
        "$/month",
        3000,
        6000,
        "${value} a month",
        ["rent", "a month"],
        step=50,
        zone=(4000, 5000),
        user_prefers="low",
    ),
    _issue("lease_years", "years", 1, 10, "a {value}-year lease", ["year", "years", "lease"], zone=(2, 7)),
    _issue(
        "escalator",
        "percent",
        0,
        6,
        "{value}% a year",
        ["increase", "escalator"],
        step=0.5,
        decimals=1,
        zone=(2, 4),
        user_prefers="low",
    ),
]
AGENCY = [  # an agency (the user) keeping a client
    _issue(
        "fee",
        "$/month",
        10_000,
        20_000,
        "${value} a month",
        ["fee", "a month"],
        step=100,
        zone=(12_000, 16_000),
    ),
    _issue("term_months", "months", 3, 24, "{value} months", ["months", "term"], step=3, zone=(6, 12)),
    _issue(
        "social_in_scope",
        "yes/no",
        0,
        1,
        "social ads in scope",
        ["social", "social ads", "scope"],
        kind="yes_no",
        no_keywords=["social out", "out of scope", "in-house"],
        user_prefers="low",
    ),
]
PARTNERS = [  # a co-founder (the user) settling a split
    _issue("my_share", "percent", 20, 80, "{value}% for you", ["share", "split", "stake"], zone=(35, 45)),
    _issue("cliff_months", "months", 0, 12, "a {value}-month cliff", ["cliff"], step=3, user_prefers="low"),
    _issue(
        "quiet_mornings",
        "yes/no",
        0,
        1,
        "no noisy work on Wednesday mornings",
        ["quiet mornings", "no noisy work", "wednesday"],
        kind="yes_no",
        no_keywords=["every morning"],
    ),
]

RULES = [
    # no_keywords decline a yes/no term, and win over a keyword on the same words
    ("14k, social out, 12 months", AGENCY, {"fee": 14_000.0, "term_months": 12.0, "social_in_scope": 0.0}),
    ("social ads move in-house from next month", AGENCY, {"social_in_scope": 0.0}),
    ("we can take the social ads out of scope", AGENCY, {"social_in_scope": 0.0}),
    ("we keep social in scope", AGENCY, {"social_in_scope": 1.0}),
    ("I wouldn't put social out of scope", AGENCY, {"social_in_scope": 1.0}),  # a declining phrase, denied
    ("an observer is enough for us", SEED, {"board_seat": 0.0}),
    ("a 2x preference? we'd only do non-participating", SEED, {"participating": 0.0}),  # 2x is no amount
    ("you'd move yourself, and 150 base", HIRE, {"base_salary": 150_000.0, "relocation": 0.0}),
    ("happy to cover moving costs", HIRE, {"relocation": 1.0}),
    # a negation inside the term's own phrase, or before a time ("never on"), is not a refusal
    ("no noisy work on Wednesdays", PARTNERS, {"quiet_mornings": 1.0}),
    ("noisy work, but never on a Wednesday", PARTNERS, {"quiet_mornings": 1.0}),
    ("no quiet mornings, sorry", PARTNERS, {"quiet_mornings": 0.0}),
    ("noisy work every morning", PARTNERS, {"quiet_mornings": 0.0}),
    # a number inside a yes/no phrase or its timing is that term's, not another issue's
    ("a price review at 6 months, and 15.90", COFFEE, {"price_per_kg": 15.9, "price_review": 1.0}),
    # a bare number goes to the one issue whose zone holds it, scaled as people say it
    ("Could you stretch to 166?", HIRE, {"base_salary": 166_000.0}),
    ("say 163 and a 12k bonus", HIRE, {"base_salary": 163_000.0, "signing_bonus": 12_000.0}),
    ("We're worth 13M, honestly.", SEED, {"pre_money": 13.0}),
    ("$3.5M at an $11M pre", SEED, {"round_size": 3.5, "pre_money": 11.0}),
    ("2.5M at 12 pre", SEED, {"round_size": 2.5, "pre_money": 12.0}),
    ("we want 13", SEED, {"pre_money": 13.0}),  # the pool's zone holds 13 too: money beats a count
    ("16.1 and net 20", COFFEE, {"price_per_kg": 16.1, "payment_days": 20.0}),  # the payment days are named
    ("I'd settle at 62/38", PARTNERS, {"my_share": 38.0}),  # the side of the split in the share's zone
    ("we have 4 people on the team", HIRE, {}),  # a number followed by what it counts
    ("the 50/50 email surprised me", PARTNERS, {}),
    ("3/15 of the budget", SEED, {}),  # a ratio, not an amount
    # a percent goes to a percent issue when one can take it
    ("4% a year", LEASE, {"escalator": 4.0}),
    (
        "4,500 on a 6 year lease, 3 percent a year",
        LEASE,
        {"rent": 4500.0, "lease_years": 6.0, "escalator": 3.0},
    ),
    # only the offer is read, not the figure it replaces or rejects
    ("two percent instead of four", LEASE, {"escalator": 2.0}),
    ("4M rather than 3", SEED, {"round_size": 4.0}),
    ("158 base instead of 150", HIRE, {"base_salary": 158_000.0}),
    ("9M is far too low, we want 12.5", SEED, {"pre_money": 12.5}),
    ("16 doesn't work for us, 15.50 might", COFFEE, {"price_per_kg": 15.5}),
    ("can we move from net 15 to net 30", COFFEE, {"payment_days": 30.0}),
    ("the last two deliveries were 2 weeks late", COFFEE, {}),
    # a change with the amount it applies to
    ("five percent off your 16.80", COFFEE, {"price_per_kg": 15.96}),
    ("$100 off your 4,800 rent", LEASE, {"rent": 4700.0}),
    # "no cliff": 0 for a numeric issue whose zone reaches 0; "no more than" is no zero
    ("no new cliff for either of us", PARTNERS, {"cliff_months": 0.0}),
    ("no signing bonus, 165 base", HIRE, {"base_salary": 165_000.0, "signing_bonus": 0.0}),
    ("no more than 15k bonus", HIRE, {"signing_bonus": 15_000.0}),
    # weekday names count days for a days-per-week issue
    ("Wednesdays and Fridays from home", HIRE, {"remote_days": 2.0}),
    ("mon/tue/thu wfh", HIRE, {"remote_days": 3.0}),
    ("Monday to Thursday remote", HIRE, {"remote_days": 4.0}),
    ("wed fri then", HIRE, {"remote_days": 2.0}),  # two day names with no keyword: still a schedule
    ("I'll have the paperwork to you by Thursday", HIRE, {}),
    # spoken multipliers
    ("five k bonus", HIRE, {"signing_bonus": 5000.0}),
    # a number with a time word after it counts that time: "2 days" is no signing bonus
    ("no signing bonus, 2 days a week from home", HIRE, {"signing_bonus": 0.0, "remote_days": 2.0}),
    ("a 2.5m wall", NEIGHBOUR, {"wall_height": 2.5}),  # the written "m" undone for metres
    (
        "$165,000 + no signing bonus",
        HIRE,
        {"base_salary": 165_000.0, "signing_bonus": 0.0},
    ),  # never 165 dollars
    # "no X" / "none of X" is 0 and takes no number; a comparison after it still does
    (
        "no vesting cliff, 6 months of past work credited toward vesting",
        COFOUNDER,
        {"cliff_months": 0.0, "months_credited": 6.0},
    ),
    ("none of the past months credited", COFOUNDER, {"months_credited": 0.0}),
    ("no cliff longer than 6 months", PARTNERS, {"cliff_months": 6.0}),
    # a number counting a yes/no term is that term's ("one point of contact"), unless a keyword has it ("net 30")
    (
        "no design freeze, one point of contact on each side",
        VENDOR,
        {"design_freeze_weeks": 0.0, "single_contact": 1.0},
    ),
    ("net 30 direct debit", COFFEE, {"payment_days": 30.0, "direct_debit": 1.0}),
    # "+" and "&" separate terms: a "no" before one does not reach the next
    ("no signing bonus + relocation paid", HIRE, {"signing_bonus": 0.0, "relocation": 1.0}),
    # a term taken out is declined, however it is said
    ("15k a month if we cut social", AGENCY, {"fee": 15_000.0, "social_in_scope": 0.0}),
    ("13,500 and we take out social ads", AGENCY, {"fee": 13_500.0, "social_in_scope": 0.0}),
    ("12 pre works if participating goes", SEED, {"pre_money": 12.0, "participating": 0.0}),
    ("and the participating pref? could that go?", SEED, {"participating": 0.0}),
    ("participating preference, hmm... can we drop it?", SEED, {"participating": 0.0}),
    # a number's unit found past an adjective; a word after a figure that is no unit does not hide it
    ("2 fixed days fine", HIRE, {"remote_days": 2.0}),
    ("158k once the review is done", HIRE, {"base_salary": 158_000.0}),
    ("2.8m? sorry, I know it's not what you wanted", NEIGHBOUR, {"wall_height": 2.8}),
    # a split said without its slash (a range goes up: "40-60")
    ("fine. 58 42 then", PARTNERS, {"my_share": 42.0}),
    # more ways of taking a term out, and figures that are not the offer
    ("ok noted, penalties r dead lol", VENDOR, {"penalty_clauses": 0.0}),
    ("I shall take the penalty clauses out of the draft", VENDOR, {"penalty_clauses": 0.0}),
    ("and scaffolding 3 weeks -> 2 weeks", NEIGHBOUR, {"scaffolding_weeks": 2.0}),
    ("Tue and Thu at home is fine, our policy is 3 in office", HIRE, {"remote_days": 2.0}),
    # "days in" are days in the office, not at home
    ("3 days in. same as everyone", HIRE, {}),
    ("fine 155 + 3 days in + we'll see on flex", HIRE, {"base_salary": 155_000.0}),
    ("3 days in, 2 at home", HIRE, {"remote_days": 2.0}),
    # time already gone is no term: the volumes of the last 3 months are sent, not a 3-month contract
    (
        "deal 🙌 i'll send u our last 3 months of volumes tonight so u can check the 60 works",
        COFFEE,
        {"weekly_volume": 60.0},
    ),
    ("ill send u the last 3 months volumes tonight so u can plan", COFFEE, {}),
    ("I send you our volumes of last 3 months tomorrow", COFFEE, {}),
    ("we started buying from you 4 years ago", COFFEE, {}),
    ("the last 12 months at 15.60", COFFEE, {"price_per_kg": 15.6, "term_months": 12.0}),
    ("and no drawing changes in the last 6 weeks", VENDOR, {"design_freeze_weeks": 6.0}),
    # a forecast horizon said in weeks is the horizon in months; weeks far from the word stay the freeze's
    ("we'd send a rolling 8 week forecast", VENDOR, {"forecast_months": 2.0}),
    ("12 weeks of forecast", VENDOR, {"forecast_months": 3.0}),
    (
        "8 weeks, one contact (me), weekly call, forecast Friday",
        VENDOR,
        {"design_freeze_weeks": 8.0, "single_contact": 1.0},
    ),
    ("you pick which two", HIRE, {"remote_days": 2.0}),  # two days, not a $2,000 bonus
    # "one" as a pronoun is no number
    ("I'd have expected a longer lease, not a shorter one", LEASE, {}),
    ("a one year lease at 4,500", LEASE, {"rent": 4500.0, "lease_years": 1.0}),
    # "no increases": none of it, even below where they would settle
    ("5 years at 4,400, no increases", LEASE, {"rent": 4400.0, "lease_years": 5.0, "escalator": 0.0}),
    # an hour something happened at is no term ("meet at 9" still is)
    ("rough morning, the dishwasher flooded at 6 and I'm taking it out on u", COFFEE, {}),
    ("the roaster's van comes at 5", COFFEE, {}),
    ("can we meet at 9?", COFFEE, {"term_months": 9.0}),
]


@pytest.mark.parametrize(("turn", "issues", "expected"), RULES, ids=[r[0][:40] for r in RULES])
def test_read_terms_rules(turn: str, issues: list[Issue], expected: dict[str, float]) -> None:
    assert read_terms(turn, issues) == pytest.approx(expected)


def test_quantities_new_forms() -> None:
    assert _q("four k") == [(4000, "four k", False, False, None, None)]
    assert _q("a 1x preference") == []
    assert _q("3/15, or 24/7") == []
    [split] = quantities("55/45")
    assert (split.value, split.other) == (55, 45)
    [change] = quantities("10% off your 16.80")
    assert (change.value, change.percent, change.relative, change.base) == (10, True, "less", 16.8)
    assert [q.scale for q in quantities("$3M, 76k and 12")] == [1e6, 1e3, 1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tue/Thu", [(0, 7, 2)]),
        ("Tuesdays and Thursdays", [(0, 22, 2)]),
        ("Mon-Fri", [(0, 7, 5)]),
        ("by Saturday", [(3, 11, 1)]),
        ("we sat down on the sun deck", []),  # short forms alone are ordinary words
    ],
)
def test_weekday_groups(text: str, expected: list[tuple[int, int, int]]) -> None:
    assert weekday_groups(text) == expected


# Round trip: what the counterpart says (describe_terms) must read back (read_terms) as exactly those terms.
PERSONAS = sorted(load_library([PERSONA_DIR]).personas.values(), key=lambda p: p.id)


def _random_terms(issues: list[Issue], rng: random.Random) -> dict[str, float]:
    """A complete set of terms, each on its issue's grid."""
    return {i.id: float(snap(i, rng.uniform(i.low, i.high))) for i in issues}


def _said(issues: list[Issue], terms: dict[str, float]) -> dict[str, float]:
    """The terms a description names: a 0 with an empty no_phrase ("" for no start after the vest) is left unsaid."""
    return {i.id: terms[i.id] for i in issues if i.id in terms and format_value(i, terms[i.id])}


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.id for p in PERSONAS])
def test_terms_round_trip_through_their_description(persona: Persona) -> None:
    """A user who accepts by restating the counterpart's terms (all of them, after "ok deal: ", or 1-3 of them) is
    read as agreeing to exactly those terms, the standing proposal being the terms proposed."""
    rng, issues, misses = random.Random(persona.id), persona.issues, []
    for _ in range(200):
        terms = _random_terms(issues, rng)
        subset = dict(rng.sample(sorted(terms.items()), rng.randint(1, min(3, len(terms)))))
        for prefix, shown in (("", terms), ("ok deal: ", terms), ("", subset)):
            text = prefix + describe_terms(issues, shown)
            got = read_terms(text, issues, terms)
            if got != pytest.approx(_said(issues, shown)):
                misses.append(f"{text!r}: read {got}, said {_said(issues, shown)}")
    assert not misses, f"{len(misses)} misses, e.g.\n" + "\n".join(misses[:8])


LANDLORD = load_persona_file(PERSONA_DIR / "landlord-renewal.yaml").issues


@pytest.mark.parametrize(
    ("turn", "issues", "want"),
    [
        ("I can move deliveries to the back lane, 6:30, engine off.", LANDLORD, {"delivery_after": 6.5}),
        ("6.30am, back lane, engine off", LANDLORD, {"delivery_after": 6.5}),
        (
            "9am start, and scaffolding 2 weeks not 3.",
            NEIGHBOUR,
            {"start_hour": 9.0, "scaffolding_weeks": 2.0},
        ),
    ],
)
def test_times_of_day_are_read_as_times(turn, issues, want) -> None:
    assert read_terms(turn, issues) == want


def test_a_half_hour_is_stated_as_a_time() -> None:
    by_id = {i.id: i for i in LANDLORD}
    assert format_value(by_id["delivery_after"], 6.5) == "deliveries only after 6:30 a.m."
    assert format_value(by_id["delivery_after"], 7) == "deliveries only after 7 a.m."


INVESTOR = load_persona_file(PERSONA_DIR / "investor-term-sheet.yaml").issues


def test_a_count_of_something_no_term_is_about_is_not_a_term() -> None:
    # "the 8 hires" counts people; it is not an 8 on the valuation or the pool
    assert read_terms("10% pool then, pre-money, enough for the 8 hires", INVESTOR) == {"option_pool": 10.0}
    # a verb after the figure is no count: "net 30 stays" still keeps net 30
    assert read_terms("14.90 a kilo, net 30 stays, 12 months", COFFEE)["payment_days"] == 30.0


@pytest.mark.parametrize(
    ("turn", "issues", "want"),
    [
        # a flat's number is its name, not a two-year lease
        (
            "deliveries after 7, back lane, engine off, so flat 2 gets to sleep",
            LANDLORD,
            {"delivery_after": 7.0},
        ),
        # a call's hour is no design freeze of 8 weeks
        ("one contact on our side, me, and a weekly call Tuesdays at 8", VENDOR, {"single_contact": 1.0}),
    ],
)
def test_names_and_hours_of_the_day_are_not_terms(turn, issues, want) -> None:
    # just after they talked about the lease and the freeze, a bare number could be either: these are neither
    assert (
        read_terms(turn, issues, context="a longer lease, and a design freeze before each ship date") == want
    )


def test_meeting_in_the_middle_at_a_figure_is_still_an_offer() -> None:
    assert read_terms("could we meet at 4,600 for five years?", LANDLORD) == {
        "monthly_rent": 4600.0,
        "lease_years": 5.0,
    }


CLIENT = load_persona_file(PERSONA_DIR / "client-discount.yaml").issues


@pytest.mark.parametrize(
    ("turn", "issues", "want"),
    [
        ("We'll pay for your own surveyor and sign a damage guarantee.", NEIGHBOUR, {"surveyor_paid": 1.0}),
        ("you pay for your own surveyor, we sign a damage guarantee", NEIGHBOUR, {"surveyor_paid": 0.0}),
        ("a one-page monthly dashboard instead of the 30-page thing", CLIENT, {"monthly_report": 1.0}),
        ("6 weeks freeze, 3 month forecast. penalties dropped.", VENDOR, {"penalty_clauses": 0.0}),
        ("ok, penalties I take out. I talk to CEO", VENDOR, {"penalty_clauses": 0.0}),
    ],
)
def test_yes_no_terms_read_the_way_they_were_meant(turn, issues, want) -> None:
    terms = read_terms(turn, issues)
    assert {k: terms.get(k) for k in want} == want, terms


@pytest.mark.parametrize(
    ("turn", "want"),
    [
        ("But we can count your 6 months already", {"months_credited": 6.0}),
        ("what if we count 3 of those months", {"months_credited": 3.0}),
        ("ur 6 months count, no new cliff for u", {"months_credited": 6.0, "cliff_months": 0.0}),
    ],
)
def test_months_that_count_are_months_credited_not_a_cliff(turn, want) -> None:
    assert read_terms(turn, COFOUNDER) == want


MANAGER = load_persona_file(PERSONA_DIR / "manager-raise.yaml").issues


@pytest.mark.parametrize(
    ("turn", "want"),
    [
        ("3k + trial now + 76 in july in writing?", {"salary": 76000.0}),
        ("and the salary? 80 is ok after trial?", {"salary": 80000.0}),
        ("a 75 day trial", {"trial_days": 75.0}),
    ],
)
def test_a_figure_off_a_terms_grid_goes_where_it_fits(turn, want) -> None:
    # trials come in 15-day steps: "76" beside the word "trial" is the July salary, not a 76-day trial
    terms = read_terms(turn, MANAGER)
    assert {k: terms.get(k) for k in want} == want, terms
    assert "trial_days" in want or "trial_days" not in terms or terms["trial_days"] % 15 == 0, terms


@pytest.mark.parametrize(
    ("turn", "issues", "want"),
    [
        ("2 wks max", NEIGHBOUR, {"scaffolding_weeks": 2.0}),
        ("3 weeks behind a privacy screen so nobody can see in", NEIGHBOUR, {"scaffolding_weeks": 3.0}),
        ("we're 3 weeks behind on the drawings", VENDOR, {}),  # what happened, not an offer
        ("62/38 is what the spreadsheet says", COFOUNDER, {"lena_equity": 38.0}),
    ],
)
def test_short_units_places_and_splits(turn, issues, want) -> None:
    assert read_terms(turn, issues) == want


@pytest.mark.parametrize(
    ("turn", "issues", "want"),
    [
        ("will you do 4200 again", LANDLORD, {"monthly_rent": 4200.0}),
        ("cant go over like 15.60 idk", COFFEE, {"price_per_kg": 15.6}),
        ("78 start, 60 day trial, handover plan.", MANAGER, {"salary": 78000.0, "trial_days": 60.0}),
    ],
)
def test_a_word_after_a_figure_that_counts_nothing_leaves_it_a_term(turn, issues, want) -> None:
    terms = read_terms(turn, issues)
    assert {k: terms.get(k) for k in want} == want, terms


def test_their_own_figure_pointed_at_is_not_a_new_term() -> None:
    # "your 15" is the 15 percent they asked for, not a 15-month term
    assert read_terms("we drop to 20,400, which is your 15, same people on the account", CLIENT) == {
        "monthly_retainer": 20400.0
    }
    assert read_terms("what if we credit 3 of ur 6 months and do 58/42", COFOUNDER) == {
        "months_credited": 3.0,
        "lena_equity": 42.0,
    }


@pytest.mark.parametrize(
    ("turn", "issues", "want"),
    [
        ("I can't do 50, but I could move to 55/45.", COFOUNDER, {"lena_equity": 45.0}),
        ("but I cant do 16.80, my ceiling is about 15.60", COFFEE, {"price_per_kg": 15.6}),
        ("5k is not happening. 4200, same as now", LANDLORD, {"monthly_rent": 4200.0}),
        # a bare figure after one turned down is on the same term
        ("8 weeks is hard for us. 5?", VENDOR, {"design_freeze_weeks": 5.0}),
        ("90 feels long, 60 like her?", MANAGER, {"trial_days": 60.0}),
    ],
)
def test_a_figure_turned_down_is_not_offered_and_the_next_one_is_on_its_term(turn, issues, want) -> None:
    assert read_terms(turn, issues) == want


CANDIDATE = load_persona_file(PERSONA_DIR / "candidate-offer.yaml").issues


@pytest.mark.parametrize(
    ("turn", "want"),
    [
        # naming the vest is not offering to start after it
        (
            "A 15k signing bonus so leaving before the June vest doesn't leave you worse off.",
            {"signing_bonus": 15000.0},
        ),
        ("we could push ur start to july so u vest first?", {"start_after_vest": 1.0}),
        ("what if we moved your start to after the June vest", {"start_after_vest": 1.0}),
    ],
)
def test_the_vest_named_is_not_a_later_start_offered(turn, want) -> None:
    assert read_terms(turn, CANDIDATE) == want


def test_a_review_both_ways_is_kept_and_a_break_point_is_no_term_length() -> None:
    assert read_terms("if the review can go both ways, down too if green drops", COFFEE) == {
        "price_review": 1.0
    }
    assert read_terms("the review goes", COFFEE) == {"price_review": 0.0}
    assert read_terms("what if 20,400 for 12, and a break clause at 6", CLIENT) == {
        "monthly_retainer": 20400.0,
        "term_months": 12.0,
    }


@pytest.mark.parametrize(
    ("turn", "want"),
    [
        ("5 years lease, 4600 per month, 2 percent more each year", {"annual_increase": 2.0}),
        ("and 5 years at 4,500 plus 3% a year", {"annual_increase": 3.0}),
        ("4600 on 5 w 3% i can live with.", {"annual_increase": 3.0}),
    ],
)
def test_a_yearly_rise_is_the_percent_said(turn, want) -> None:
    terms = read_terms(turn, LANDLORD, {"annual_increase": 3.0, "lease_years": 1.0, "monthly_rent": 5000.0})
    assert {k: terms.get(k) for k in want} == want, terms


def test_money_more_is_never_metres_more() -> None:
    turn = "ok we could drop it to 2.8 w a sloped roof, thats 6k more for us but ur roses keep their sun"
    assert read_terms(turn, NEIGHBOUR) == {"wall_height": 2.8}


def test_a_yearly_rise_is_neither_more_years_nor_more_rent() -> None:
    # typed freely: "2 percent more each year" had become 2% more lease years (1.02 -> 1) and 2% on the rent too
    today = {"monthly_rent": 5000.0, "lease_years": 1.0, "annual_increase": 3.0, "delivery_after": 5.0}
    turn = "ok what if 4,600 for 5 yrs, 2 percent more each year, and deliveries round the back after 7"
    assert read_terms(turn, LANDLORD, today) == {
        "monthly_rent": 4600.0,
        "lease_years": 5.0,
        "annual_increase": 2.0,
        "delivery_after": 7.0,
    }
    assert read_terms("2 percent more each year", LANDLORD, today) == {"annual_increase": 2.0}


@pytest.mark.parametrize(
    ("turn", "want"),
    [
        ("and the pay? I'm on 68 now", {}),
        ("I currently make 68k", {}),
        ("so ive been here 5 yrs and im still on 68k. its kinda embarrassing ngl", {}),
        ("Band is 74-86, I'm on 68. I'd like to be at 78.", {"salary": 78_000.0}),
        ("ok n if i do that i get 80", {"salary": 80_000.0}),
    ],
)
def test_what_someone_is_paid_today_is_no_offer(turn, want) -> None:
    # "I'm on 68" says where they are, not what they ask; taken as an offer it was agreed to at once
    got = read_terms(turn, MANAGER)
    assert {k: v for k, v in got.items() if k == "salary"} == pytest.approx(want)


def test_money_backdated_is_not_the_pay_kept_as_it_is() -> None:
    # "with the standard cliff" keeps a term as it is; "with the money backdated" changes it
    turn = "Give me the acting role now at least, with the money backdated once July comes round."
    assert read_terms(turn, MANAGER) == {"start_now": 1.0}
