"""Short and aside turns, read as a person means them (found in t166-t169, near-silent and email-length turns):
"really??" is checked and answered yes with its point, a keyboard slip owned up to ("sdfkjh sry") gets "what do
you mean?", a bun for the road is small talk (not a question about the street), and an aside asked about the
vending machine turns nothing down."""

from __future__ import annotations

import pytest

from simulator.policy import decide
from simulator.reading import read_turn
from tests.test_free_typing import _after_their_terms, _talk

NEWBORN = (
    "The couple in flat 2 have a newborn, and the van idles outside at 5 a.m. What's in it for the building?",
)


@pytest.mark.parametrize("line", ["really??", "Really?", "oh really?"])
def test_really_gets_yes_and_the_point_it_stands_by(library, line):
    # "really??" got a new worry about the tenants upstairs
    persona = library.get("landlord-renewal")
    readings, decisions, _ = _talk(persona, "realistic", [line], said=NEWBORN)
    assert [p["act"] for p in readings[0]["parts"]] == ["closed_question"], readings[0]
    assert decisions[0].move == "deflect_closed" and not decisions[0].disclosures, decisions[0]
    assert decisions[0].authored.startswith("Yes, really.") and "newborn" in decisions[0].authored


@pytest.mark.parametrize("line", ["sdfkjh sry", "ugh sry. kjhkjh"])
def test_a_keyboard_slip_owned_up_to_gets_asked_what_was_meant(library, line):
    # the apology beside the mash was read as a statement and got a nod
    persona = library.get("manager-raise")
    _, decisions, _ = _talk(persona, "realistic", [line])
    assert decisions[0].move == "clarify", decisions[0]


def test_a_bun_for_the_road_is_small_talk(library):
    # "bun for the road?" was a factual question about the street
    persona = library.get("landlord-renewal")
    readings, decisions, _ = _talk(persona, "easy", ["k. bun for the road?"])
    assert "small_talk" in [p["act"] for p in readings[0]["parts"]], readings[0]
    assert decisions[0].move == "small_talk", decisions[0]


def test_an_aside_asked_turns_nothing_down(library):
    # just after its proposal, "btw do u know if the vending machine on 2 is ever getting fixed" turned down every
    # term and got a counter-offer
    persona = library.get("manager-raise")
    line = "Yes. Sixty-day trial starting Monday, a $2,000 spot bonus this quarter, and $76,000 from 1 July."
    proposal = {"trial_days": 60.0, "start_now": 1.0, "spot_bonus": 2000.0, "salary": 76000.0}
    turns, ledger = _after_their_terms(persona, "what could you do?", line, proposal)
    text = "sweet. btw do u know if the vending machine on 2 is ever getting fixed"
    reading = read_turn(persona, ledger, text, turns)
    assert "reject" not in [p["act"] for p in reading["parts"]], reading["parts"]
    decision, _ = decide(persona, "realistic", ledger, reading, 2)
    assert decision.move not in ("counter", "agree"), decision


@pytest.mark.parametrize(
    "line",
    [
        "what about the net 15 then, whats that about",
        "ok leave price for later. what about the net 15 thing, why",
    ],
)
def test_why_its_own_term_is_asked_gets_the_reason_not_a_counter(library, line):
    # "what about the net 15 then, whats that about" put its own net 15 forward as an offer and got a counter-offer
    persona = library.get("coffee-supplier")
    readings, decisions, _ = _talk(persona, "realistic", [line])
    assert "offer" not in [p["act"] for p in readings[0]["parts"]], readings[0]["parts"]
    assert [d.item_id for d in decisions[0].disclosures] == ["late_payments"], decisions[0]


def test_a_new_figure_with_what_about_is_still_put_forward(library):
    persona = library.get("coffee-supplier")
    readings, _, _ = _talk(persona, "realistic", ["what about net 30 then?"])
    assert [p["act"] for p in readings[0]["parts"]] == ["offer"], readings[0]["parts"]


COUNTER = "What if we did this instead: $4,700 a month, a 3-year lease, rising 3 percent a year and deliveries only after 7 a.m."
PROPOSAL = {"monthly_rent": 4700.0, "lease_years": 3.0, "annual_increase": 3.0, "delivery_after": 7.0}


def test_terms_listed_and_asked_if_they_work_are_an_offer_not_a_wrong_play_back(library):
    # rehearsing freely: "so 4600, 3 yrs, deliveries at 7. that work?" to its 4,700 was a play-back with a wrong
    # figure and got "Oh, I didn't say that."
    persona = library.get("landlord-renewal")
    turns, ledger = _after_their_terms(persona, "what could you do?", COUNTER, PROPOSAL)
    reading = read_turn(persona, ledger, "so 4600, 3 yrs, deliveries at 7. that work?", turns)
    first = reading["parts"][0]
    assert first["act"] == "offer" and first["terms"]["monthly_rent"] == 4600.0, reading["parts"]
    decision, _ = decide(persona, "realistic", ledger, reading, 5)
    assert decision.move != "correct_summary", decision


def test_its_own_terms_listed_and_asked_if_they_work_close_the_deal(library):
    persona = library.get("landlord-renewal")
    turns, ledger = _after_their_terms(persona, "what could you do?", COUNTER, PROPOSAL)
    reading = read_turn(persona, ledger, "so 4700, 3 yrs, deliveries at 7. that work?", turns)
    decision, _ = decide(persona, "realistic", ledger, reading, 5)
    assert decision.move == "agree" and decision.outcome == "agreement", decision


def test_a_play_back_of_its_terms_checked_with_right_is_still_a_play_back(library):
    persona = library.get("landlord-renewal")
    turns, ledger = _after_their_terms(persona, "what could you do?", COUNTER, PROPOSAL)
    reading = read_turn(persona, ledger, "so 4600, 3 yrs, deliveries at 7. right?", turns)
    assert reading["parts"][0]["act"] == "summary" and reading["parts"][0]["faithful"] is False, reading[
        "parts"
    ]


@pytest.mark.parametrize(
    ("template", "content", "said"),
    [
        # rehearsing freely with the investor: "Right. One more thing you should know: The honest version: my fund…"
        (
            "Right. One more thing you should know: {content}",
            "The honest version: my fund is 70 percent deployed.",
            "Right. One more thing you should know: My fund is 70 percent deployed.",
        ),
        # a colon that carries content stays
        ("Better. Still open: {content}", "Net 15: I need it.", "Better. Still open: Net 15: I need it."),
        (
            "Since you ask: {content}",
            "My boss has told me plainly: no more late parts.",
            "Since you ask: My boss has told me plainly: no more late parts.",
        ),
    ],
)
def test_a_line_that_leads_in_with_a_colon_does_not_lead_in_twice(template, content, said):
    from simulator.lines import fill_content

    assert fill_content(template, content, frozenset()) == said


def test_its_own_term_asked_about_with_what_it_costs_gets_the_reason(library):
    # rehearsing freely on hard: "what about net 15, thats brutal for us in jan" was net 15 put forward and got
    # "That's closer. But there's still this: We haven't settled the price per kilo yet."
    persona = library.get("coffee-supplier")
    readings, decisions, _ = _talk(persona, "hard", ["what about net 15, thats brutal for us in jan"])
    assert "offer" not in [p["act"] for p in readings[0]["parts"]], readings[0]["parts"]
    assert [d.item_id for d in decisions[0].disclosures] == ["late_payments"], decisions[0]


@pytest.mark.parametrize(
    ("persona_id", "line", "worry"),
    [
        # "16.80 is crazy. we've been loyal 4 years" raised the espresso machine's servicing
        ("coffee-supplier", "yeah, 16.80 is crazy. we've been loyal 4 years", "green_costs"),
        # "50/50 isn't happening. I put in 40k of my own money" raised the co-founder's savings running out
        (
            "cofounder-equity",
            "yeah thx. look, 50/50 isn't happening. I put 40k of my own money in",
            "founder_recognition",
        ),
    ],
)
def test_its_figure_turned_down_first_gets_the_worry_behind_that_figure(library, persona_id, line, worry):
    persona = library.get(persona_id)
    _, decisions, _ = _talk(persona, "realistic", [line])
    assert decisions[0].disclosures and decisions[0].disclosures[0].item_id == worry, decisions[0]


@pytest.mark.parametrize("line", ["16.80?? thats insane tomas", "yeah i got it. 16.80?? are u serious"])
def test_its_own_figure_reacted_to_gets_the_worry_behind_it(library, line):
    # rehearsing freely on hard, and t169: "16.80?? thats insane tomas" got "Right. Keep going."
    persona = library.get("coffee-supplier")
    _, decisions, _ = _talk(persona, "realistic", [line])
    assert [d.item_id for d in decisions[0].disclosures] == ["green_costs"], decisions[0]
