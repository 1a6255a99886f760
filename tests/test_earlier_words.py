"""Earlier words, remembered right and wrong (found in t158-t161 and rehearsing freely): what the counterpart is
said to have offered, agreed or said is held against what it did put, confirmed when true and put right, with its
own figure, when not; asked for its number it gives it; a pause, an apology or a guess gets the reply a person gives."""

from __future__ import annotations

import pytest

from simulator.offers import describe_terms
from tests.test_free_typing import _talk, _terms

SAID = ("Green coffee has gone up a lot this year. I can't keep selling you the blend at $14.20 a kilo.",)


@pytest.mark.parametrize(
    ("line", "theirs", "claimed"),
    [
        # "you agreed to net 30 a minute ago" got "Look, I'll be straight with you…" (an open question, a new concern)
        ("you agreed to net 30 a minute ago", "net 15", "net 30"),
        # "earlier you said you could do 16, didn't you?" got "Could be."
        ("earlier you said you could do 16, didn't you?", "$16.80", "$16"),
        # "wait you offered 16.40 before" got "Okay. What else is on your mind?"
        ("wait you offered 16.40 before", "$16.80", "$16.40"),
    ],
)
def test_a_claim_of_what_it_offered_is_put_right_with_its_own_figure(library, line, theirs, claimed):
    persona = library.get("coffee-supplier")
    readings, decisions, _ = _talk(persona, "realistic", [line], said=SAID)
    part = readings[0]["parts"][0]
    assert part["act"] == "summary" and part["faithful"] is False, part
    assert decisions[0].move == "correct_summary", decisions[0]
    assert theirs in decisions[0].content and f"not {claimed}" in decisions[0].content, decisions[0].content


def test_a_claim_of_what_it_did_offer_is_not_put_right(library):
    persona = library.get("coffee-supplier")
    _, first, _ = _talk(persona, "realistic", ["what would you propose?"], said=SAID)
    assert first[0].move == "counter" and first[0].terms, first[0]
    price = describe_terms(persona.issues, {"price_per_kg": first[0].terms["price_per_kg"]})
    readings, decisions, _ = _talk(
        persona, "realistic", ["what would you propose?", f"earlier you offered {price}, right?"], said=SAID
    )
    part = readings[1]["parts"][0]
    assert part["act"] == "summary" and part["faithful"] is True, part
    assert decisions[1].move != "correct_summary", decisions[1]


@pytest.mark.parametrize(
    "line",
    [
        "If you don't mind me asking, which days would you need at home?",  # a question, politely
        "so i've got 2 options for u: 4300 on the 1 year u offered, or 4400 on 3 years. which one?",
        "Can I ask why you offered only one year?",
    ],
)
def test_its_offer_pointed_at_or_asked_about_is_no_claim(library, line):
    persona = library.get("landlord-renewal")
    readings, decisions, _ = _talk(persona, "realistic", [line], said=SAID)
    assert decisions[0].move != "correct_summary", (readings[0]["parts"], decisions[0])


def test_a_worry_it_raised_played_back_as_no_worry_is_put_right(library):
    # "hang on, i thought u said earlier everything upstairs was fine?" got "Not necessarily." and "so ur fine with
    # the scaffolding then" was taken as a faithful play-back
    persona = library.get("coffee-supplier")
    late = persona.concern("late_payments")
    said = (late.surface,)
    for line in ("wait earlier u said the late ones were fine?", "so ur fine with us paying late then"):
        readings, decisions, _ = _talk(persona, "realistic", [line], said=said, concerns={"late_payments": 1})
        assert decisions[0].move == "correct_summary", (line, readings[0]["parts"], decisions[0])
        assert decisions[0].content == late.surface


@pytest.mark.parametrize(
    "line",
    [
        "give me your best number",
        "wow. fine, what would u put on the table then",
        "ok whats ur best price then",
        "make me an offer",
    ],
)
def test_asked_for_its_number_it_gives_its_terms(library, line):
    # each got a concern or "Right. Keep going." instead of a figure
    persona = library.get("coffee-supplier")
    _, decisions, _ = _talk(persona, "realistic", [line], said=SAID)
    assert decisions[0].move == "counter" and decisions[0].terms, decisions[0]
    assert "$" in decisions[0].authored


def test_a_pause_is_given_not_answered_with_a_concern(library):
    # "brb one sec, delivery guy at the door" got "I never know what you're going to order…"
    persona = library.get("coffee-supplier")
    for line in ("brb one sec, delivery guy at the door", "one sec", "gimme a sec, my boss is calling"):
        _, decisions, _ = _talk(persona, "realistic", [line], said=SAID)
        assert decisions[0].move == "take_time" and not decisions[0].disclosures, (line, decisions[0])


def test_a_no_to_ending_it_then_an_apology_is_taken_as_the_apology(library):
    # to "Well? Are we done?": "no. sorry. that was rude …" got the no read as a no to its terms, and a concern
    persona = library.get("vendor-deadlines")
    line = (
        "no. sorry. that was rude and i don't actually think ur making it up. bad day here. can we start over"
    )
    readings, decisions, _ = _talk(persona, "realistic", [line], said=("Well? Are we done?",))
    assert "reject" not in readings[0]["acts"], readings[0]["parts"]
    assert decisions[0].move == "acknowledge", decisions[0]


def test_calling_it_excuses_is_rude(library):
    persona = library.get("vendor-deadlines")
    readings, decisions, _ = _talk(persona, "realistic", ["sounds like excuses tbh"], said=SAID)
    assert readings[0]["parts"][0]["act"] == "insult", readings[0]["parts"]
    assert decisions[0].move in ("react_insult", "walk_away"), decisions[0]


def test_a_guess_at_them_is_said_yes_or_no_to(library):
    # "Come on. I'm guessing you've just taken on a bigger customer and we got bumped." got "Okay. Go on."
    persona = library.get("vendor-deadlines")
    line = "Come on. I'm guessing you've just taken on a bigger customer and we got bumped."
    readings, decisions, _ = _talk(persona, "realistic", [line], said=SAID)
    assert readings[0]["parts"][-1]["act"] == "closed_question", readings[0]["parts"]
    assert decisions[0].move != "acknowledge", decisions[0]


def test_a_bonus_asked_for_with_no_amount_is_not_read_as_none(library):
    # "…with a spot bonus for the trial and $76,000…" was read as no spot bonus at all
    terms = _terms(
        library,
        "manager-raise",
        "Would you consider starting the acting role now, with a spot bonus for the trial and $76,000 when it's "
        "confirmed?",
    )
    assert terms.get("spot_bonus") != 0.0 and terms["salary"] == 76000, terms
    assert _terms(library, "manager-raise", "no spot bonus") == {"spot_bonus": 0.0}


@pytest.mark.parametrize(
    ("line", "want"),
    [
        # "first three months at 16" was read as a three-month agreement
        ("first three months at 16", {"price_per_kg": 16.0}),
        ("16 for the first 3 months then 15.50", {"price_per_kg": 16.0}),
        ("12 months at 16, first three months at 16.50", {"price_per_kg": 16.0, "term_months": 12.0}),
    ],
)
def test_the_first_months_of_a_staged_deal_are_not_its_length(library, line, want):
    assert _terms(library, "coffee-supplier", line) == want


def test_a_figure_claimed_as_one_it_took_is_put_right(library):
    # rehearsing freely: "earlier you said 12M pre was fine" to "$12M is a stretch" got "Correct." and a disclosure
    persona = library.get("investor-term-sheet")
    said = ("At $600,000 in revenue, $12M is a stretch. The comparable deals I see are closer to $10M.",)
    _, decisions, _ = _talk(persona, "realistic", ["earlier you said 12M pre was fine"], said=said)
    assert decisions[0].move == "correct_summary", decisions[0]
    assert decisions[0].content.endswith("pre-money valuation, not $12M."), decisions[0].content


def test_a_worry_claimed_as_told_away_is_put_right(library):
    # rehearsing freely: "you told me the scaffolding was no problem" got "Not necessarily."
    persona = library.get("neighbour-extension")
    worry = persona.concern("scaffolding_privacy")
    line = "you told me the scaffolding was no problem"
    readings, decisions, _ = _talk(
        persona, "realistic", [line], said=(worry.surface,), concerns={worry.id: 1}
    )
    assert readings[0]["parts"][0]["act"] == "summary", readings[0]["parts"]
    assert decisions[0].move == "correct_summary" and decisions[0].content == worry.surface, decisions[0]


def test_a_time_in_the_wrong_unit_is_put_right_when_its_figures_tie_the_line(library):
    # t158: "…fifteen percent off across your vendors, and you present in three months" for "…in three weeks" was
    # taken as faithful (no three words in common with the line, but its fifteen percent)
    persona = library.get("client-discount")
    said = (
        "It did. Our CFO wants fifteen percent off outside supplier spending, in every department, by the end of the "
        "quarter. Marketing spends the most. My cuts go in front of her in three weeks.",
    )
    line = "So you need fifteen percent off across your vendors, and you present in three months."
    _, decisions, _ = _talk(persona, "realistic", [line], said=said)
    assert decisions[0].move == "correct_summary", decisions[0]


@pytest.mark.parametrize(
    ("persona_id", "said", "line", "corrected"),
    [
        # t158: "you'd be OK with" was not read as "you'd be fine with"
        (
            "vendor-deadlines",
            "If this call is about penalty clauses, I'll save you the time. Penalties don't make parts arrive faster.",
            "And you said you'd be OK with penalty clauses if we did all that, right?",
            True,
        ),
        # ("Vesting, fine." said it: a yes in other words is no worry played down)
        (
            "cofounder-equity",
            "Vesting, fine. A fresh cliff, no. If something happened in month 11 I'd walk away with zero.",
            "so ur ok w the vesting, just not a fresh cliff",
            False,
        ),
    ],
)
def test_fine_with_it_is_checked_against_what_it_said(library, persona_id, said, line, corrected):
    persona = library.get(persona_id)
    _, decisions, _ = _talk(persona, "realistic", [line], said=(said,))
    assert (decisions[0].move == "correct_summary") is corrected, decisions[0]


@pytest.mark.parametrize(
    ("line", "move", "said_in_reply"),
    [
        # rehearsing freely: "you promised september 15 last week" got "That's it." (the date is in the brief, never
        # said by Dieter); "you agreed to one point of contact earlier" and "and you said you'd drop the penalties"
        # (read as an offer, and agreed to) are claims of what it put
        ("you promised september 15 last week", "correct_summary", "I never promised that."),
        (
            "you agreed to one point of contact earlier",
            "correct_summary",
            "I haven't agreed to one point of contact",
        ),
        ("and you said you'd drop the penalties", "warm_up", ""),
    ],
)
def test_a_promise_claimed_is_held_against_what_it_put(library, line, move, said_in_reply):
    persona = library.get("vendor-deadlines")
    _, decisions, _ = _talk(persona, "realistic", [line], said=("Vogel. Yes, I know why you're calling.",))
    assert decisions[0].move == move, decisions[0]
    assert said_in_reply in (decisions[0].content or ""), decisions[0].content


def test_an_apology_for_the_last_call_is_taken(library):
    # rehearsing freely: "sorry the last call got heated, that was on me" got "Sorry, what? Let's stay on the renewal."
    persona = library.get("client-discount")
    line = "hi helen, sorry the last call got heated, that was on me"
    readings, decisions, _ = _talk(persona, "realistic", [line], said=SAID)
    assert "off_topic" not in readings[0]["acts"], readings[0]["parts"]
    assert decisions[0].move == "acknowledge", decisions[0]


def test_a_length_claimed_as_fine_earlier_is_put_right(library):
    # rehearsing freely: "you said 12 months was fine earlier" to a 6-month renewal got "Thank you." and a disclosure
    persona = library.get("client-discount")
    _, decisions, _ = _talk(persona, "realistic", ["you said 12 months was fine earlier"], said=SAID)
    assert decisions[0].move == "correct_summary", decisions[0]
    assert decisions[0].content == "A 6-month renewal, not a 12-month renewal.", decisions[0].content


@pytest.mark.parametrize(
    ("line", "act"),
    [
        # rehearsing freely: read as an open question, it got the cliff ("credit" is a word of that concern)
        ("I'm guessing you feel like I'm taking credit with investors?", "closed_question"),
        # (after a question of its own the guess only backs it: the question is what is answered)
        ("And if I move, who builds the routes? I'm guessing that's on your list too.", "open_question"),
    ],
)
def test_a_guess_is_a_yes_or_no_unless_it_backs_a_question(library, line, act):
    persona = library.get("cofounder-equity")
    said = (
        "Hi. I ordered you the usual. So, the lawyer's draft.",
        "Since you asked, I've written every line of this product. At 60/40 I feel like your first hire, not your "
        "co-founder.",
    )
    readings, _, _ = _talk(persona, "realistic", [line], said=said, concerns={"founder_recognition": 1})
    assert act in readings[0]["acts"] and (act == "open_question") == (
        "open_question" in readings[0]["acts"]
    ), readings[0]["parts"]


@pytest.mark.parametrize(
    "line", ["btw are you in Boston this week? heard there's a storm coming", "crazy weather huh"]
)
def test_weather_and_travel_chat_is_small_talk(library, line):
    # t159: "btw are you in Boston this week? heard there's a storm coming" got "Maybe." (a yes/no on the deal)
    persona = library.get("investor-term-sheet")
    readings, decisions, _ = _talk(persona, "realistic", [line], said=("Hi. Let's not waste time.",))
    assert readings[0]["acts"] == ["small_talk"], readings[0]["parts"]
    assert decisions[0].move == "small_talk", decisions[0]


@pytest.mark.parametrize(
    ("persona_id", "line", "want"),
    [
        # t158: each read the figure taken back ("16.50", "2.8", "15.80")
        ("coffee-supplier", "i can do 16.50 - sorry, 15.50 i meant, not 16.50 lol.", {"price_per_kg": 15.5}),
        (
            "coffee-supplier",
            "fine. 15.80 and net 15 - sorry 15.60, i mean 15.60",
            {"price_per_kg": 15.6, "payment_days": 15},
        ),
        (
            "neighbour-extension",
            "we could take the wall down to 2.8 - no, 2.5, that's what the architect said works",
            {"wall_height": 2.5},
        ),
    ],
)
def test_a_figure_put_straight_in_place_of_the_one_before_it_replaces_it(library, persona_id, line, want):
    assert _terms(library, persona_id, line) == want


@pytest.mark.parametrize(
    ("persona_id", "said", "line", "topic"),
    [
        # t167: "earlier u said u havent seen me lead, whats made u feel that way" got the team-fairness worry
        (
            "manager-raise",
            (
                "You're excellent at the routes. I just haven't seen you lead people yet.",
                "The freeze is real, it isn't an excuse.",
            ),
            "makes sense. earlier u said u havent seen me lead, whats made u feel that way",
            "leadership_readiness",
        ),
        # t167: "u said something about what u have to commit to this spring, whats happening then" got the hire of a
        # second roaster (volume), not what it has to commit to in March (the Brazil lot: green coffee)
        (
            "coffee-supplier",
            (
                "You've listened. But 15.60 is cutting it very fine with what I have to commit to this spring.",
            ),
            "u said something about what u have to commit to this spring, whats happening then",
            "green_costs",
        ),
    ],
)
def test_its_words_said_back_without_quotes_point_the_question_at_what_they_were_about(
    library, persona_id, said, line, topic
):
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "easy", [line], said=said)
    assert decisions[0].disclosures and decisions[0].disclosures[0].item_id == topic, decisions[0]
