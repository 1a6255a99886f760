"""Turns written like emails after a break (found in t174): the greeting, the sign-off and the name under it, a
phone's footer and "P.S." are the message's furniture, not sentences to answer; a recap list under "as discussed:"
is one play-back; "hiring plan attached" sends something, it plays nothing back; "the last two years have been
great" is history, not a two-year term; "2k and we're done" offers to close, it threatens nothing."""

from __future__ import annotations

from simulator import ledger as L
from simulator.reading import read_turn, split_parts
from tests.test_free_typing import _after_their_terms, _talk, _terms

_RECAP = """Hi Aisha,

Thanks again for yesterday's call, it was really useful. Just so I've got it right, as discussed:
- the other offer is $162k base and you owe them an answer by Friday
- you'd rather do the work here, but you don't want to start out feeling undervalued
- about $18k of stock vests in June, and you'd lose it with a March start

Best,
Sam"""

_SAID = (
    "I have another offer at $162,000 base and I owe them an answer by Friday. I'd rather do the work here, but I "
    "don't want to start out feeling undervalued.",
    "The other thing is stock. About $18,000 vests in June. If I join you in March, I lose all of it.",
)


def test_a_recap_list_under_as_discussed_is_one_play_back_and_is_taken_as_one(library):
    # the first point ("…you owe them an answer by Friday") was read alone as a deadline put to her: "That feels
    # like pressure."; "Best," and "Sam" were two sentences of the message
    persona = library.get("candidate-offer")
    readings, decisions, _ = _talk(persona, "easy", [_RECAP], said=_SAID)
    parts = readings[0]["parts"]
    assert [p["act"] for p in parts] == ["small_talk", "thanks", "summary", "small_talk"], parts
    assert "pressure" not in readings[0]["acts"]
    assert decisions[0].move != "push_back_pressure", decisions[0]
    heard = decisions[0].move == "warm_up" or any(
        step["move"] == "ack_summary" for step in decisions[0].before
    )
    assert heard, decisions[0]


def test_a_postscript_and_a_footer_are_not_read_as_sentences(library):
    text = (
        "Hi Helen,\n\nCould we keep it at 24k?\n\nCheers,\nTom\n\nP.S. my partner says we might be able to stretch "
        "a bit further if we have to\n\nSent from my iPhone"
    )
    assert split_parts(text) == [
        "Hi Helen,",
        "Could we keep it at 24k?",
        "Cheers, Tom",
        "my partner says we might be able to stretch a bit further if we have to",
    ]
    persona = library.get("client-discount")
    reading = read_turn(persona, L.new_ledger(persona), text, [{"role": "counterpart", "text": "Hello."}])
    assert not {"unclear", "pressure"} & set(reading["acts"]), reading["acts"]


def test_a_name_alone_under_the_message_is_not_a_sentence():
    assert split_parts("Hi Rebecca,\n\nHiring plan attached.\n\nDan") == [
        "Hi Rebecca,",
        "Hiring plan attached.",
    ]
    # a one-word answer on its own line is kept
    assert split_parts("Hi Tomás,\n\n15.50 works.\n\nDeal") == ["Hi Tomás,", "15.50 works.", "Deal"]


def test_something_sent_with_the_message_is_not_a_play_back(library):
    # "Hiring plan and 12 months of numbers attached." reused its words and was warmly taken as a faithful summary
    persona = library.get("investor-term-sheet")
    readings, decisions, _ = _talk(
        persona,
        "realistic",
        [
            "Hi Rebecca,\n\nHiring plan and 12 months of numbers attached. Still think 10 is light but we hear you."
        ],
        said=("Send me the hiring plan and twelve months of numbers and I'll look again.",),
    )
    assert "summary" not in readings[0]["acts"], readings[0]["parts"]
    assert decisions[0].move != "warm_up", decisions[0]


def test_years_gone_by_are_not_a_term(library):
    text = "we really value Ridgeline and the last two years have been great"
    assert "term_months" not in _terms(library, "client-discount", text)


def test_a_figure_and_we_are_done_is_an_offer_not_a_threat(library):
    persona = library.get("manager-raise")
    readings, decisions, _ = _talk(persona, "realistic", ["2k and we're done"])
    assert "pressure" not in readings[0]["acts"], readings[0]["acts"]
    assert decisions[0].move != "push_back_pressure", decisions[0]


def test_pressure_and_plain_english_from_t175_and_t177(library):
    """ "honestly thinking about other suppliers" threatens to leave; "so youll sign by wednesday right" checks their
    own date back, it sets no deadline; "flat white?" offers a coffee; "20% is impossible for us" turns it down; "if i
    understand good" opens a play-back as surely as "if I understand you right"."""
    from simulator import acts

    assert acts.pressure("yeah. still here. honestly thinking about other suppliers")
    assert acts.pressure("great. so youll sign by wednesday right") is None
    assert acts.pressure("you need to sign by wednesday") is not None
    assert acts.is_small_talk("flat white?")
    assert acts.rejects("20 percent is not possible for us, we would have to dismiss somebody.")
    assert not acts.rejects("it is not possible to say yet")
    persona = library.get("coffee-supplier")
    readings, decisions, _ = _talk(
        persona,
        "realistic",
        [
            "ok so if i understand good, your importer raise 30% and at 14.20 you are almost at zero margin. is that right"
        ],
        said=(
            "My importer put my contract price up about thirty percent, and that's before freight. At 14.20 I'm "
            "roasting your blend at close to break-even.",
        ),
    )
    assert readings[0]["parts"][0]["act"] == "summary", readings[0]["parts"]
    assert decisions[0].move == "warm_up", decisions[0]


def test_a_cheered_yes_then_its_terms_read_back_closes_the_deal(library):
    # "yay!! ok so $4,550/mo, 5 yrs, +3% p.a., …" after her yes was taken as a play-back and warmed to, the deal
    # left open; "p.a.," also cut the terms in two
    from simulator.policy import decide

    persona = library.get("landlord-renewal")
    terms = {"monthly_rent": 4550, "lease_years": 5, "annual_increase": 3, "delivery_after": 7}
    turns, ledger = _after_their_terms(
        persona,
        "what if deliveries came round the back after 7?",
        "Then five years at forty-five fifty, with three percent a year. I'll say yes.",
        terms,
    )
    text = "yay!! ok so $4,550/mo, 5 yrs, +3% p.a., deliveries 7am or later via the back."
    reading = read_turn(persona, ledger, text, turns)
    assert [p["act"] for p in reading["parts"]] == ["thanks", "accept"], reading["parts"]
    decision, _ = decide(persona, "realistic", ledger, reading, 2)
    assert decision.move == "agree", decision


def test_a_figure_kept_same_as_always_is_still_asked_for(library):
    # "i need u at 14.20 same as always" named no price: "same" was taken for what 14.20 counts
    assert _terms(library, "coffee-supplier", "i need u at 14.20 same as always") == {"price_per_kg": 14.2}
    assert _terms(library, "coffee-supplier", "14.20 like usual") == {"price_per_kg": 14.2}


def test_the_retail_units_of_the_september_order_are_that_shipment_not_a_quarterly_commitment(library):
    text = "In return we need the 15 September date for the 6,000 retail units confirmed in writing"
    assert _terms(library, "vendor-deadlines", text) == {"sept_confirmed": 1.0}
    assert _terms(library, "vendor-deadlines", "we can commit to 4000 retail units a quarter") == {
        "quarterly_units": 4000.0
    }


def test_thanks_in_another_language_is_thanks_and_a_german_follow_up_is_another_language(library):
    # "merci beaucoup, seriously" got "I only speak English here, I'm afraid." after the deal was agreed
    persona = library.get("investor-term-sheet")
    readings, decisions, _ = _talk(persona, "easy", ["will do. merci beaucoup, seriously"])
    assert "foreign" not in readings[0]["acts"], readings[0]["parts"]
    assert decisions[0].move != "other_language", decisions[0]
    persona = library.get("vendor-deadlines")
    readings, decisions, _ = _talk(persona, "realistic", ["na gut. und weiter?"])
    assert decisions[0].move == "other_language", decisions[0]


def test_go_on_after_it_says_there_is_another_thing_asks_for_the_other_thing(library):
    # "And no, it isn't the only thing." — "go on" got "I'm not ready to open that up today." about the green coffee
    persona = library.get("coffee-supplier")
    said = (
        "My importer raised my contract price by about 30 percent. At $14.20 I'm roasting your blend at close to "
        "break-even.",
        "Close to nothing, yes. And no, it isn't the only thing.",
    )
    readings, decisions, _ = _talk(persona, "realistic", ["go on"], said=said, concerns={"green_costs": 1})
    part = readings[0]["parts"][0]
    assert part["window"] == "concerns" and part["topic"] is None, part
    disclosed = [d.item_id for d in decisions[0].disclosures]
    assert disclosed and "green_costs" not in disclosed, decisions[0]


def test_ungrateful_misspelt_is_still_an_insult():
    from simulator import acts

    assert acts.is_insult("this is a bit ingrateful")
    assert acts.is_insult("honestly that's so ungrateful")


def test_a_figure_waved_away_in_a_play_back_is_not_invented(library):
    # "so this isnt really about 10 points, its about never again…" was corrected for inventing "10"
    persona = library.get("cofounder-equity")
    said = (
        "At 60/40 I feel like your first hire, not your co-founder.",
        "At my last startup I was the founding engineer with 2 percent. They sold for $40M and I got about $180,000 "
        "after four years of nights. I promised myself never again.",
    )
    line = (
        "thats brutal. so this isnt really about 10 points, its about never again being the one who built it and "
        "walked away with crumbs"
    )
    readings, decisions, _ = _talk(persona, "realistic", [line], said=said)
    summary = readings[0]["parts"][1]
    assert summary["act"] == "summary" and not summary["invented"], summary
    assert decisions[0].move != "correct_summary", decisions[0]


def test_a_count_of_people_is_no_term(library):
    # "ur getting emails from like 5 of us" put a 5-month forecast forward
    text = "one more thing, can we do one contact each side and a weekly call? ur getting emails from like 5 of us"
    assert _terms(library, "vendor-deadlines", text) == {"single_contact": 1.0}
    assert _terms(library, "coffee-supplier", "3 of us can do net 30") == {"payment_days": 30.0}


def test_when_a_way_out_opens_is_not_the_term(library):
    # "12, and if the numbers arent there after 6 months you can walk" put a 6-month renewal forward
    text = "12, and if the numbers arent there after 6 months you can walk with 30 days notice"
    assert _terms(library, "client-discount", text) == {"term_months": 12.0}


def test_a_march_start_named_is_a_start_before_the_vest(library):
    assert _terms(library, "candidate-offer", "So, long story short, can you start March 3 at 152k?") == {
        "base_salary": 152000.0,
        "start_after_vest": 0.0,
    }


def test_id_like_to_hear_it_asks_and_a_name_between_blank_lines_is_no_sentence(library):
    # "and whatever's going on, id like to hear it before we talk price again" was a plain statement (no apostrophe),
    # and "Jen", set off between the message and an afterthought, a sentence of the message
    text = (
        "Hi Tomás,\nthx. thursday it is.\nand whatever's going on, id like to hear it before we talk price again\n\n"
        "Jen\n\nmy partner says sorry too"
    )
    assert "Jen" not in split_parts(text)
    assert split_parts("Hi Tomás,\n\n15.50 works.\n\nThursday\n\nsee you then")[2] == "Thursday"
    persona = library.get("coffee-supplier")
    readings, _, _ = _talk(persona, "realistic", [text])
    asked = next(p for p in readings[0]["parts"] if p["text"].startswith("and whatever"))
    assert asked["act"] == "open_question", asked
