"""What was meant, beyond the words (found in t162-t165 and rehearsing freely): a play-back that puts a reason or a
lightness in their mouth is put right, one that keeps their reason and its weight is not; what a deal would give them
sells the terms; "what would it take" is answered with what it needs; "sorry im late" is not agreed with."""

from __future__ import annotations

import pytest

from tests.test_free_typing import _talk

INVESTOR_SAID = (
    "Comparable seed rounds in your space are pricing at 15 to 18 times ARR. At 12 pre you're asking for 20.",
    "I need 20 percent ownership after the round for my model to work.",
)
COFFEE_SAID = (
    "My importer raised my contract price by about 30 percent, and that's before freight. At $14.20 I'm roasting "
    "your blend at close to break-even.",
)


@pytest.mark.parametrize(
    ("persona", "said", "line"),
    [
        # a motive none of its lines holds a word of: "Okay. Yes." to it was agreeing to words put in its mouth
        ("investor-term-sheet", INVESTOR_SAID, "so you need the 20 percent because your fund had a bad year"),
        ("investor-term-sheet", INVESTOR_SAID, "so you want 20 percent bc you figure we'll cave"),
        # what they told made light of, in words not theirs
        (
            "coffee-supplier",
            COFFEE_SAID,
            "so ur costs went up a bit and ur still making money at 14.20, just less",
        ),
        ("coffee-supplier", COFFEE_SAID, "ok so the beans went up a bit and thats why the price"),
    ],
)
def test_a_play_back_that_puts_words_in_its_mouth_is_put_right(library, persona, said, line):
    readings, decisions, _ = _talk(library.get(persona), "realistic", [line], said=said)
    part = next(p for p in readings[0]["parts"] if p["act"] == "summary")
    assert part["faithful"] is False, part
    assert decisions[0].move == "correct_summary", decisions[0]


@pytest.mark.parametrize(
    ("persona", "said", "line"),
    [
        (
            "investor-term-sheet",
            INVESTOR_SAID,
            "so 12 pre is too rich because comparable rounds are pricing at 15 to 18 times ARR",
        ),
        (
            "coffee-supplier",
            COFFEE_SAID,
            "so ur importer went up about 30% before freight and at 14.20 ur close to break even",
        ),
    ],
)
def test_a_play_back_of_its_reason_with_its_weight_is_faithful(library, persona, said, line):
    readings, decisions, _ = _talk(library.get(persona), "realistic", [line], said=said)
    part = next(p for p in readings[0]["parts"] if p["act"] == "summary")
    assert part["faithful"] is True, part
    assert decisions[0].move != "correct_summary", decisions[0]


def test_what_a_deal_gives_them_is_said_to_sell_it_not_played_back(library):
    # "u get a long lease for the bank + quiet for flat 2" after a list of terms was read as a play-back
    persona = library.get("landlord-renewal")
    turn = "ok heres my idea:\n- 5 yr lease\n- 4,500/month\nu get a long lease for the bank + quiet for flat 2, i get to stay."
    told = {"rising_costs": 2, "lease_term": 1, "delivery_noise": 1}
    readings, decisions, _ = _talk(persona, "realistic", [turn], concerns=told)
    gain = next(p for p in readings[0]["parts"] if p["text"].startswith("u get"))
    assert gain["act"] == "statement", readings[0]["parts"]
    assert readings[0]["ask"]["benefit"] is True
    assert decisions[0].move != "push_back_bare_ask", decisions[0]


@pytest.mark.parametrize(
    ("persona", "line"),
    [
        # "what would it take for u to give me the role" got the routes it would have to backfill (the word "role")
        ("manager-raise", "what would it take for u to give me the role"),
        ("coffee-supplier", "ugh ok sorry. what would it take for u to come down from 16.80 at all"),
    ],
)
def test_what_it_would_take_to_say_yes_is_answered_with_what_it_needs(library, persona, line):
    counterpart = library.get(persona)
    _, decisions, _ = _talk(counterpart, "realistic", [line])
    assert any(d.item_id.startswith("need:") for d in decisions[0].disclosures), decisions[0]


def test_sorry_im_late_is_not_agreed_with_as_a_remark(library):
    # "hey sorry im late traffic was crazy" got "Yes, it's lovely in here this morning. Well, to business."
    persona = library.get("landlord-renewal")
    for seed in range(6):
        _, decisions, _ = _talk(persona, "realistic", ["hey sorry im late traffic was crazy"], seed=seed)
        assert "lovely in here" not in decisions[0].authored, decisions[0].authored


def test_how_their_search_is_going_is_a_question_about_the_deal(library):
    # "so hows the search going, where are u at" got "I'm well, thanks. Busy week." as small talk
    persona = library.get("candidate-offer")
    readings, decisions, _ = _talk(persona, "realistic", ["so hows the search going, where are u at"])
    assert readings[0]["parts"][0]["act"] == "open_question", readings[0]["parts"]
    assert decisions[0].move != "small_talk", decisions[0]
    chat, _, _ = _talk(persona, "realistic", ["hows the bouldering going?"])
    assert chat[0]["parts"][0]["act"] == "small_talk"


@pytest.mark.parametrize("line", ["ur number minus 50 cents then?", "your price minus 50 cents?"])
def test_a_change_on_their_figure_asked_is_put_forward(library, line):
    # typed freely: "ur number minus 50 cents then?" was a yes/no question ("I wouldn't put it like that.")
    persona = library.get("coffee-supplier")
    readings, decisions, _ = _talk(persona, "realistic", [line])
    assert readings[0]["parts"][0]["act"] == "offer", readings[0]["parts"]
    assert readings[0]["terms"] == pytest.approx({"price_per_kg": 16.3})
    assert decisions[0].move != "deflect_closed", decisions[0]
