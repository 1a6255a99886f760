"""Figures said as changes and typed on a phone (found in t162-t165 and rehearsing freely): "400 more than now" is on
today's figure, "ur number minus 50 cents" on theirs, "two hours later", "70 centimetres off it" and "5 more points" in
their own units, a figureless "split the difference" between their figure and the user's own; "direct debit on the 25
every month" is a date, "forget penalties" drops them, "we sign today" is the contract, not a shop sign."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator import ledger as L
from simulator.offers import read_terms
from simulator.personas import load_persona_file
from simulator.reading import read_turn, route_topic

PERSONA_DIR = Path(__file__).resolve().parent.parent / "personas"
COFFEE = load_persona_file(PERSONA_DIR / "coffee-supplier.yaml")
LANDLORD = load_persona_file(PERSONA_DIR / "landlord-renewal.yaml")
MANAGER = load_persona_file(PERSONA_DIR / "manager-raise.yaml")
CLIENT = load_persona_file(PERSONA_DIR / "client-discount.yaml")


@pytest.mark.parametrize(
    ("turn", "want"),
    [
        # the landlord asks 5,000 on a rent of 4,200 today: 400 more than now is 4,600, not 5,400
        ("could u do 400 more than now instead of 800 more?", {"monthly_rent": 4600.0}),
        ("what about 5 yrs, and i pay 300 more than now", {"lease_years": 5.0, "monthly_rent": 4500.0}),
    ],
)
def test_more_than_now_is_on_todays_rent(turn, want) -> None:
    standing = {"monthly_rent": 5000.0, "lease_years": 1.0}
    assert read_terms(turn, LANDLORD.issues, standing) == pytest.approx(want)


def test_more_than_i_make_now_is_on_todays_salary() -> None:
    got = read_terms(
        "i want the job and i want 10k more than i make now", MANAGER.issues, {"salary": 74_000.0}
    )
    assert got.get("salary") == pytest.approx(78_000.0)


def test_their_number_minus_is_off_their_figure() -> None:
    assert read_terms("ur number minus 50 cents.", COFFEE.issues, {"price_per_kg": 16.8}) == pytest.approx(
        {"price_per_kg": 16.3}
    )


@pytest.mark.parametrize("turn", ["Would 10% off work?", "would 10% off do it"])
def test_a_percentage_off_asked_about_is_off_the_retainer(turn) -> None:
    assert read_terms(turn, CLIENT.issues) == pytest.approx({"monthly_retainer": 21_600.0})


def _after(persona, user_terms, standing):
    ledger = L.new_ledger(persona)
    ledger["standing"] = {**ledger["standing"], **standing}
    ledger["offers"] = [
        {"by": "user", "turn": 1, "terms": dict(user_terms)},
        {"by": "counterpart", "turn": 1, "terms": dict(standing)},
    ]
    turns = [
        {"role": "counterpart", "text": "Hello.", "disclosures": []},
        {"role": "user", "text": "an offer"},
        {"role": "counterpart", "text": "Here's what I could do.", "disclosures": [], "terms": standing},
    ]
    return ledger, turns


@pytest.mark.parametrize(
    "turn",
    ["split the difference w me one last time", "meet me halfway?", "can we meet in the middle on price"],
)
def test_a_figureless_split_meets_between_their_figure_and_mine(turn) -> None:
    ledger, turns = _after(COFFEE, {"price_per_kg": 15.6}, {"price_per_kg": 16.2})
    reading = read_turn(COFFEE, ledger, turn, turns)
    assert reading["parts"][-1]["act"] == "offer"
    assert reading["terms"] == pytest.approx({"price_per_kg": 15.9})


def test_halfway_towards_what_i_pay_now_meets_todays_price() -> None:
    ledger, turns = _after(COFFEE, {"payment_days": 30.0}, {"price_per_kg": 16.8, "payment_days": 30.0})
    reading = read_turn(COFFEE, ledger, "Could you come back down halfway towards what I pay now?", turns)
    assert reading["terms"] == pytest.approx({"price_per_kg": 15.5})  # 16.80 and today's 14.20


def test_a_split_with_nothing_of_mine_to_meet_names_no_figure() -> None:
    ledger, turns = _after(COFFEE, {}, {"price_per_kg": 16.2})
    ledger["offers"] = ledger["offers"][1:]
    reading = read_turn(COFFEE, ledger, "split the difference?", turns)
    assert "price_per_kg" not in (reading.get("terms") or {})


@pytest.mark.parametrize(
    "turn",
    [
        "hypothetically if i signed for 2 yrs what would the price be",
        "what happens if we dont sign by end of march then",
        "15 and net 30 and we sign today",
    ],
)
def test_signing_the_deal_is_not_about_his_shop_sign(turn) -> None:
    assert route_topic(turn, COFFEE)[0] != "brand_visibility"


def test_his_sign_by_the_till_is_still_about_his_brand() -> None:
    assert route_topic("and ur sign goes back by the till, promise", COFFEE)[0] == "brand_visibility"


@pytest.mark.parametrize(
    ("turn", "want"),
    [
        # a review's six months is no word on the agreement's length
        (
            "15,6 with the 6 month review? if beans go up again we sit down and talk",
            {"price_per_kg": 15.6, "price_review": 1.0},
        ),
        # the 25th of every month is when the debit goes out, not 25 kilos a month
        (
            "ok so direct debit on the 25 every month, net 30 stay, and the price 15,40",
            {"price_per_kg": 15.4, "payment_days": 30.0, "direct_debit": 1.0},
        ),
    ],
)
def test_a_day_of_the_month_and_a_reviews_months_are_no_other_terms(turn, want) -> None:
    assert read_terms(turn, COFFEE.issues) == pytest.approx(want)


def test_with_the_same_term_still_keeps_it() -> None:
    assert read_terms("15.60 with the same term", COFFEE.issues) == pytest.approx(
        {"price_per_kg": 15.6, "term_months": 12.0}
    )


def test_a_split_with_price_and_volume_apart_splits_the_price() -> None:
    ledger, turns = _after(
        COFFEE, {"price_per_kg": 15.8, "weekly_volume": 60.0}, {"price_per_kg": 16.5, "weekly_volume": 0.0}
    )
    reading = read_turn(COFFEE, ledger, "split the difference?", turns)
    assert reading["terms"] == pytest.approx({"price_per_kg": 16.15})


@pytest.mark.parametrize(
    ("persona", "turn", "want"),
    [
        # "forget penalties" had put penalty clauses in (yes)
        ("vendor-deadlines", "ok forget penalties then.", {"penalty_clauses": 0.0}),
        # how orders run today is no standing order of 45
        ("coffee-supplier", "we do around 60 kilo avg but some weeks its more like 45 tbh", {}),
        # "the first one" is a cleaning, not a one-year lease
        (
            "landlord-renewal",
            "And I'll book the hood cleaning twice a year at my cost, the first one before your insurer visits",
            {"hood_cleaning": 1.0},
        ),
        # "would u commit to sept 15" named no term; the counter left the date out
        ("vendor-deadlines", "would u commit to sept 15", {"sept_confirmed": 1.0}),
        ("coffee-supplier", "could we do 60 on average but 50 in jan feb", {"weekly_volume": 60.0}),
        (
            "neighbour-extension",
            "nothing noisy before 9 on other days, and scaffolding only 2 weeks",
            {"start_hour": 9.0, "scaffolding_weeks": 2.0},
        ),
    ],
)
def test_what_is_dropped_and_what_runs_today(library, persona, turn, want) -> None:
    assert read_terms(turn, library.get(persona).issues) == pytest.approx(want)


@pytest.mark.parametrize(
    ("turn", "want"),
    [
        # deliveries come at 5 today and the landlord asks for after 7
        (
            "what if the deliveries came two hours later than now so the baby can sleep",
            {"delivery_after": 7.0},
        ),
        (
            "i can push the supplier back two hours and have them unload thru the back lane",
            {"delivery_after": 7.0},
        ),
        ("ok what about this. deliveries 2 hours later, so 7 not 5", {"delivery_after": 7.0}),
        # rehearsing freely, the 7 worked out after "than now" had become a 7-year lease in the deal
        ("and deliverys 2 hours later than now, so 7", {"delivery_after": 7.0}),
        # a step their way starts from today's rent: 200 more than the 5,000 asked would be more than asked
        ("i can do 200 more", {"monthly_rent": 4400.0}),
        # staying three more years is a three-year lease
        ("4,300 and I stay 3 more years", {"monthly_rent": 4300.0, "lease_years": 3.0}),
    ],
)
def test_changes_to_the_landlords_terms_start_where_they_should(turn, want) -> None:
    standing = {i.id: float(i.opening) for i in LANDLORD.issues if i.opening is not None}
    assert read_terms(turn, LANDLORD.issues, standing) == pytest.approx(want)


def test_centimetres_off_the_wall_come_off_the_planned_height(library) -> None:
    neighbour = library.get("neighbour-extension")
    standing = {i.id: float(i.opening) for i in neighbour.issues if i.opening is not None}
    # the wall is planned at 3.2 m: 70 cm off it is 2.5 m, and a change in centimetres is never an hour
    assert read_terms("What if we took 70 centimetres off it?", neighbour.issues, standing) == pytest.approx(
        {"wall_height": 2.5}
    )
    assert "scaffolding_weeks" not in read_terms("start 2 hours later", neighbour.issues, standing)


@pytest.mark.parametrize(
    ("persona", "turn", "want"),
    [
        # Lena holds 40 today: five more points of the split is 45
        ("cofounder-equity", "what if i give u 5 more points", {"lena_equity": 45.0}),
        ("cofounder-equity", "5 percentage points more", {"lena_equity": 45.0}),
        # points to make in the talk are no figure
        ("coffee-supplier", "two more points i wanted to raise", {}),
        ("coffee-supplier", "2 more points, the price and the term", {}),
    ],
)
def test_points_given_are_percentage_points(library, persona, turn, want) -> None:
    assert read_terms(turn, library.get(persona).issues) == pytest.approx(want)


@pytest.mark.parametrize(
    ("turn", "want"),
    [
        # "push ur start" is the persona's phrase: "pushed ur start" is the same move in the past tense
        ("what if we pushed ur start to july", {"start_after_vest": 1.0}),
        ("what if you started in March and we covered the stock", {"start_after_vest": 0.0}),
    ],
)
def test_a_phrase_that_opens_with_a_verb_is_heard_in_another_tense(library, turn, want) -> None:
    got = read_terms(turn, library.get("candidate-offer").issues)
    assert {k: v for k, v in got.items() if k in want} == pytest.approx(want)


def test_training_a_replacement_in_the_past_tense_is_the_handover(library) -> None:
    # "would it help if i trained priya on cross border" got "That's not a simple yes." (no terms heard)
    turn = "would it help if i trained priya on cross border before i move"
    got = read_terms(turn, library.get("manager-raise").issues)
    assert got == {"handover_plan": 1.0}


def test_a_step_up_from_a_written_figure_is_one_figure(library) -> None:
    # "we could come up 5k from 145" had read as a base of 145,000 and a 5,000 signing bonus
    issues = library.get("candidate-offer").issues
    assert read_terms("and on base, we could come up 5k from 145", issues) == pytest.approx(
        {"base_salary": 150_000.0}
    )
    assert "signing_bonus" not in read_terms("5k more than 145", issues)


def test_their_figure_weighed_then_one_of_ours_asked_is_a_counter_figure() -> None:
    # t169: "but 3% every year is alot, 2%?" was a yes/no question and got "Not necessarily."
    ledger = L.new_ledger(LANDLORD)
    reading = read_turn(
        LANDLORD, ledger, "ok the longer one sounds better. but 3% every year is alot, 2%?", []
    )
    last = reading["parts"][-1]
    assert last["act"] == "offer" and last["terms"].get("annual_increase") == 2.0, reading["parts"]


def test_a_thousands_comma_is_no_second_figure_asked() -> None:
    # "2,500?" after turning down their 1,500 is the figure put (not "2," and then "500?")
    ledger = L.new_ledger(MANAGER)
    reading = read_turn(MANAGER, ledger, "1,500 is a bit low for 60 days of nights honestly. 2,500?", [])
    last = reading["parts"][-1]
    assert last["act"] == "offer" and last["terms"] == {"spot_bonus": 2500.0}, reading["parts"]
