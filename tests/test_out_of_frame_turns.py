"""Turns from rehearsal users thinking aloud or testing the exercise (found in t170-t173): "are u a bot" is off the
subject, not a yes/no question about the deal; advice asked for in their place gets a step, not a counter-offer,
even when it names what the user wants; "1) … 2) …" in one line is two questions; a question typed without its
question mark ("how big is the spot bonus pool") is asked, not played back; "whats the lowest youll go" asks for its
number."""

from __future__ import annotations

import pytest

from simulator import ledger as L
from simulator.policy import decide
from simulator.reading import read_turn
from tests.test_free_typing import _talk


@pytest.mark.parametrize(
    "line",
    [
        "wait r u a bot or a real person? this feels scripted lol",
        "are u even a real person or is this some chatbot thing",
        "are you a real person or an ai lol. sorry",
    ],
)
def test_asking_if_it_is_a_bot_is_off_the_subject(library, line):
    # it got "That's not a simple yes." as if asked about the deal
    persona = library.get("client-discount")
    readings, decisions, _ = _talk(persona, "realistic", [line])
    assert "off_topic" in readings[0]["acts"], readings[0]["acts"]
    assert decisions[0].move == "off_topic" and not decisions[0].disclosures, decisions[0]


def test_advice_asked_in_their_place_with_what_the_user_wants_gets_a_step(library):
    # "like if u were me and wanted 12m" was read as an offer of a 12M valuation and got a counter-offer
    persona = library.get("investor-term-sheet")
    readings, decisions, _ = _talk(
        persona, "hard", ["ok. hmm. what would you do in my shoes? like if u were me and wanted 12m"]
    )
    assert "offer" not in readings[0]["acts"], readings[0]["acts"]
    assert decisions[0].move != "counter" and [d.item_id for d in decisions[0].disclosures] == [
        "first_step"
    ], decisions[0]


def test_two_numbered_questions_in_one_line_are_both_asked(library):
    # "1) the drawing changes, how many … 2) the anodiser, …" was one closed question: "Not like that."
    persona = library.get("vendor-deadlines")
    line = (
        "ok two things there. 1) the drawing changes, how many are we talking about "
        "2) the anodiser, is that one shop or do u have options"
    )
    readings, decisions, _ = _talk(persona, "realistic", [line])
    assert [p["act"] for p in readings[0]["parts"]][1:] == ["open_question", "closed_question"], readings[0][
        "parts"
    ]
    assert decisions[0].disclosures, decisions[0]


def test_a_question_without_its_question_mark_is_not_a_play_back(library):
    # "how big is the spot bonus pool", just after it mentioned the pool, was warmly taken as a faithful summary
    persona = library.get("manager-raise")
    said = (
        "Salaries don't move until 1 July. But there's a small spot-bonus pool, and budgeted role changes are allowed.",
    )
    readings, decisions, _ = _talk(persona, "realistic", ["how big is the spot bonus pool"], said=said)
    assert readings[0]["acts"] == ["fact_question"], readings[0]["acts"]
    assert decisions[0].move != "warm_up", decisions[0]


def test_the_lowest_youll_go_asks_for_its_number(library):
    # it got a new worry (the cost of green coffee) instead of a figure
    persona = library.get("coffee-supplier")
    said = ("Fourteen fifty doesn't cover what green coffee costs me now. It's sixteen eighty, net fifteen.",)
    _, decisions, _ = _talk(
        persona, "realistic", ["ok whats the lowest youll go"], said=said, concerns={"green_costs": 1}
    )
    assert decisions[0].move in ("counter", "deflect_closed", "recap") and decisions[0].terms, decisions[0]


def test_two_minutes_asked_for_after_a_phone_call_gets_time(library):
    # "2 min?" was a yes/no question about the night-lead worry, and got that worry
    persona = library.get("manager-raise")
    line = "sorry marcus, my phone, its dispatch, a truck is stuck at the border crossing. 2 min?"
    _, decisions, _ = _talk(persona, "easy", [line])
    assert decisions[0].move == "take_time" and not decisions[0].disclosures, decisions[0]


def test_what_it_would_need_to_see_gets_a_need_not_a_refusal(library):
    # on realistic, after a rough patch (rapport below zero) and the drivers story told two layers deep, "what would u
    # need to see from me then" got "I'd rather not get into that yet"
    persona = library.get("manager-raise")
    ledger = L.new_ledger(persona)
    ledger["concerns"]["leadership_readiness"] = 2
    ledger["topic"] = "leadership_readiness"
    ledger["rapport"] = -1
    turns = [
        {"role": "counterpart", "text": "Hello.", "disclosures": []},
        {"role": "user", "text": "ok"},
        {
            "role": "counterpart",
            "text": "But when the night lead was off in October, two drivers called me at home instead of you.",
        },
    ]
    text = "oh. i didnt know that. what would u need to see from me then"
    decision, _ = decide(persona, "realistic", ledger, read_turn(persona, ledger, text, turns), 2)
    assert decision.move != "not_yet" and decision.disclosures, decision


def test_a_question_put_before_answering_theirs_is_asked(library):
    # "before i answer that, is the machine servicing part of this too or separate" got "Okay. Understood."
    persona = library.get("coffee-supplier")
    readings, decisions, _ = _talk(
        persona, "realistic", ["before i answer that, is the machine servicing part of this too or separate"]
    )
    assert readings[0]["acts"][-1] == "closed_question", readings[0]["acts"]
    assert decisions[0].move != "acknowledge", decisions[0]


def test_saying_they_are_not_greedy_is_no_feeling_put_on_them(library):
    # a faithful play-back of the tax, insurance and roof was corrected because it said "greedy" (to deny it)
    persona = library.get("landlord-renewal")
    said = (
        "The property tax went up 11 percent this year, and my insurance rose 22 percent after the flood claim two "
        "doors down. And then there's the roof, dear. It needs replacing within two years and the quote was $38,000.",
    )
    line = (
        "oh man ok thirty eight grand for a roof thats rough so um its not just you being greedy its like taxes up "
        "eleven insurance up twenty two and the roof coming right"
    )
    readings, decisions, _ = _talk(persona, "easy", [line], said=said, concerns={"rising_costs": 2})
    assert decisions[0].move != "correct_summary", decisions[0]


def test_a_slip_owned_then_the_figure_meant_is_an_offer(library):
    # "wait that came out wrong, i meant twelve percent pool" got "Noted. Go on.": the 12% pool was not read
    persona = library.get("investor-term-sheet")
    lines = [
        "if you can do eleven pre i can do a bigger pool, like fifteen percent",
        "wait that came out wrong, i meant twelve percent pool",
    ]
    readings, decisions, _ = _talk(persona, "hard", lines)
    assert readings[1]["terms"] == {"option_pool": 12}, readings[1]
    assert decisions[1].move != "acknowledge", decisions[1]


def test_what_it_would_want_to_see_first_gets_its_first_step(library):
    # "amazing. what would u want to see first" got a need recited, not the first thing it wants
    persona = library.get("client-discount")
    _, decisions, _ = _talk(persona, "easy", ["amazing. what would u want to see first"])
    assert [d.item_id for d in decisions[0].disclosures] == ["first_step"], decisions[0]


def test_two_questions_announced_and_numbered_without_brackets_are_two_questions(library):
    # "2 qs. 1 why 90 days?? 2 is the 74 from now or from july" was one run-on part
    persona = library.get("manager-raise")
    readings, _, _ = _talk(persona, "easy", ["2 qs. 1 why 90 days?? 2 is the 74 from now or from july"])
    texts = [p["text"] for p in readings[0]["parts"]]
    assert texts[-2:] == ["why 90 days??", "is the 74 from now or from july"], texts
