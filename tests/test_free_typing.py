"""The cases people hit when they typed freely at the first release, each typed the way they typed it."""

from __future__ import annotations

import re

import pytest

from simulator import ledger as L
from simulator.lines import variants_for
from simulator.policy import decide
from simulator.reading import read_turn


def _talk(persona, difficulty, lines, *, said=(), concerns=None, seed=2):
    """Say each line in turn after the counterpart's own earlier lines; returns (readings, decisions, ledger)."""
    ledger = L.new_ledger(persona)
    for cid, level in (concerns or {}).items():
        ledger["concerns"][cid] = level
        ledger["topic"] = cid
    turns = [{"role": "counterpart", "text": text, "disclosures": []} for text in ("Hello.", *said)]
    readings, decisions = [], []
    for text in lines:
        reading = read_turn(persona, ledger, text, turns)
        decision, ledger = decide(persona, difficulty, ledger, reading, seed)
        turns += [
            {"role": "user", "text": text},
            {"role": "counterpart", "text": decision.authored, "terms": decision.terms, "disclosures": []},
        ]
        readings.append(reading)
        decisions.append(decision)
    return readings, decisions, ledger


def _terms(library, persona_id, text, standing=None):
    """The terms a turn names for a persona, with `standing` on the table (what `read_terms` reads)."""
    from simulator.offers import read_terms

    return read_terms(text, library.get(persona_id).issues, standing, "")


def _after_their_terms(persona, asked, line, proposal):
    """The conversation just after the counterpart answered `asked` with `line`, putting `proposal` on the table:
    (turns, ledger) as the reading sees them."""
    turns = [{"role": "counterpart", "text": "Hello.", "disclosures": []}]
    turns += [{"role": "user", "text": asked}]
    turns += [{"role": "counterpart", "text": line, "disclosures": [], "terms": proposal}]
    ledger = L.new_ledger(persona)
    ledger["standing"] = {**ledger["standing"], **proposal}
    ledger["offers"] = [{"by": "counterpart", "turn": 1, "terms": dict(proposal)}]
    return turns, ledger


@pytest.mark.parametrize(
    "text",
    [
        "I'd like to understand what's driving it",
        "How do you think about valuation on a deal like ours?",
        "can you walk me through how you got to that number",
    ],
)
def test_indirect_open_questions_are_questions_not_premature_offers(library, text):
    persona = library.get("investor-term-sheet")
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert "open_question" in readings[0]["acts"] and "offer" not in readings[0]["acts"]
    assert not decisions[0].move.startswith("push_back")


@pytest.mark.parametrize("check", ["Have I missed anything?", "Is that it?", "Fair?", "right?"])
def test_a_summary_with_a_check_at_the_end_is_a_summary(library, check):
    persona = library.get("coffee-supplier")
    said = ["My importer raised my contract price by about 30 percent, and that's before freight."]
    readings, decisions, _ = _talk(
        persona,
        "realistic",
        [f"So your importer put your price up about 30 percent. {check}"],
        said=said,
        concerns={"green_costs": 2},
    )
    assert "summary" in readings[0]["acts"] and decisions[0].move == "warm_up"


def test_texting_summaries_and_paraphrases_are_faithful_invented_facts_are_corrected(library):
    persona = library.get("client-discount")
    said = ["Our Q3 was weak, a weak third quarter, and the CFO wants every department to cut 15 percent."]
    readings, decisions, _ = _talk(
        persona,
        "realistic",
        ["ur saying q3 was weak and the cfo wants 15% off everything"],
        said=said,
        concerns={"cfo_mandate": 1},
    )
    assert readings[0]["acts"] == ["summary"] and decisions[0].move == "warm_up"
    readings, decisions, _ = _talk(
        persona,
        "realistic",
        ["So the CFO wants 40 percent cut by next week?"],
        said=said,
        concerns={"cfo_mandate": 1},
    )
    assert decisions[0].move == "correct_summary" and "15 percent" in decisions[0].authored


def test_off_script_turns_get_answers_in_character(library):
    persona = library.get("vendor-deadlines")
    readings, decisions, ledger = _talk(
        persona,
        "easy",
        [
            "Lovely weather today, isn't it?",
            "how many people do you have on the floor",
            "You're a muppet, Dieter",
            "Können wir über die Termine reden?",
        ],
    )
    assert [d.move for d in decisions] == ["small_talk", "answer_fact", "react_insult", "other_language"]
    assert L.disclosed_concern_ids(persona, ledger) == []  # small talk revealed no hidden concern
    assert decisions[2].outcome is None  # one rude turn on easy is not a walk-out


def test_a_question_without_a_question_mark_is_still_answered(library):
    persona = library.get("landlord-renewal")
    _, decisions, _ = _talk(persona, "realistic", ["whats going on with the upstairs tenants"])
    assert decisions[0].move == "raise_concern" and decisions[0].disclosures[0].item_id == "delivery_noise"


def test_asking_three_times_unlocks_nothing_new(library):
    persona = library.get("landlord-renewal")
    question = "What's really going on with the building?"
    _, decisions, ledger = _talk(persona, "realistic", [question, question, question])
    assert [d.move for d in decisions[1:]] == ["recap", "recap"]
    assert sum(1 for v in ledger["concerns"].values() if v) == 1


def test_a_generous_offer_that_answers_her_concerns_gets_a_yes_on_easy(library):
    persona = library.get("candidate-offer")
    concerns = {"competing_offer": 2, "unvested_stock": 2, "caregiving_schedule": 2}
    _, decisions, ledger = _talk(
        persona,
        "easy",
        [
            "Here's what I can do: $165,000 base, an $18,000 signing bonus for the stock you'd lose, Tuesdays and "
            "Thursdays at home, and a promotion review at six months. That beats the other offer and fixes your schedule.",
        ],
        concerns=concerns,
    )
    assert decisions[0].move == "agree" and ledger["agreed"]["base_salary"] == 165000


def test_a_bare_keep_it_at_is_never_benefit_framed(library):
    persona = library.get("landlord-renewal")
    readings, decisions, _ = _talk(
        persona, "realistic", ["Can you keep it at $4,200?"], concerns={"rising_costs": 1}
    )
    assert "benefit_ask" not in readings[0]["moves"] and readings[0]["bare_ask"]
    assert decisions[0].move in ("push_back_bare_ask", "counter")


def test_a_good_question_on_a_worn_out_topic_moves_on_to_what_else_is_on_their_mind(library):
    persona = library.get("vendor-deadlines")
    full = L.layers_total(persona.concern("small_account"))
    _, decisions, ledger = _talk(
        persona,
        "easy",
        ["Why do our parts in particular sit in that queue?"],
        concerns={"small_account": full},
    )
    assert decisions[0].move in ("raise_concern", "reveal") and decisions[0].disclosures
    assert decisions[0].disclosures[0].item_id != "small_account"


def test_a_nudge_after_the_question_does_not_replace_the_question(library):
    persona = library.get("vendor-deadlines")
    readings, decisions, _ = _talk(
        persona,
        "easy",
        [
            "Is there anything else that gets in the way? I'd rather hear all of it now than find out in August."
        ],
        concerns={"late_changes": 1},
    )
    assert decisions[0].move == "raise_concern"


def test_a_quoted_phrase_asks_about_the_line_it_quotes(library):
    persona = library.get("coffee-supplier")
    said = ["My importer raised my contract price by about 30 percent, and that's before freight."]
    readings, decisions, _ = _talk(
        persona, "easy", ["what do you mean 'before freight'"], said=said, concerns={"late_payments": 1}
    )
    assert decisions[0].disclosures and decisions[0].disclosures[0].item_id == "green_costs"


@pytest.mark.parametrize("text", ["Nine! wow.", "16.80??", "Sorry, 2,000.", "right 15 sorry"])
def test_a_figure_said_back_in_surprise_or_put_right_is_not_an_offer(library, text):
    persona = library.get("coffee-supplier")
    said = [
        "I need $16.80 a kilo, and nine of my other cafés already pay it. About 2,000 kilos a year from you."
    ]
    readings, _, _ = _talk(persona, "realistic", [text], said=said, concerns={"green_costs": 1})
    assert "offer" not in readings[0]["acts"]


def test_disbelief_is_not_an_insult(library):
    persona = library.get("coffee-supplier")
    readings, decisions, _ = _talk(persona, "realistic", ["are you serious?"])
    assert "insult" not in readings[0]["acts"] and decisions[0].move != "react_insult"


def test_a_guess_after_an_open_question_names_what_it_asks_about(library):
    persona = library.get("candidate-offer")
    _, decisions, _ = _talk(
        persona,
        "easy",
        ["what else is on your mind with this move? something you lose when you leave your job?"],
        concerns={"competing_offer": 1},
    )
    assert decisions[0].disclosures and decisions[0].disclosures[0].item_id == "unvested_stock"


def test_their_own_words_played_back_are_never_a_spin(library):
    persona = library.get("landlord-renewal")
    said = ["I need the building to stop being a worry every month, so I can keep it instead of selling."]
    readings, decisions, _ = _talk(
        persona,
        "realistic",
        [
            "So what I'm hearing is that you need the building to stop being a worry every month, so you can keep it "
            "instead of selling."
        ],
        said=said,
        concerns={"selling_pressure": 1},
    )
    assert readings[0]["summary"]["faithful"] and decisions[0].move == "warm_up"


def test_one_outburst_on_hard_is_not_a_walk_out_but_a_second_is(library):
    persona = library.get("investor-term-sheet")
    _, decisions, _ = _talk(persona, "hard", ["You people are greedy.", "Honestly, you're a shark."])
    assert decisions[0].outcome is None and decisions[0].move in ("react_insult", "push_back_pressure")
    assert decisions[1].outcome == "walked_away"


def test_a_flat_no_to_its_number_gets_its_reasons_before_it_moves(library):
    persona = library.get("landlord-renewal")
    _, decisions, ledger = _talk(persona, "realistic", ["$5,000 is an 800 jump. I'm not paying that, sorry."])
    assert decisions[0].move == "raise_concern" and not decisions[0].terms
    assert ledger["standing"]["monthly_rent"] == persona.issue("monthly_rent").opening


def test_a_bare_figure_after_a_part_about_one_term_is_that_term(library):
    persona = library.get("landlord-renewal")
    readings, decisions, _ = _talk(persona, "realistic", ["3% a year is a bit scary. could it be 2? sorry"])
    assert readings[0]["terms"].get("annual_increase") == 2
    assert decisions[0].move != "deflect_closed"


@pytest.mark.parametrize(
    "text",
    [
        "ok. what about the price, whats behind the 5k",
        "Before I propose anything, what is behind the $5,000?",
    ],
)
def test_asking_what_is_behind_their_figure_gets_the_reason_for_it(library, text):
    persona = library.get("landlord-renewal")
    readings, decisions, _ = _talk(persona, "realistic", [text], concerns={"lease_term": 1})
    assert "offer" not in readings[0]["acts"] and not readings[0]["terms"]
    assert [d.item_id for d in decisions[0].disclosures] == [
        "rising_costs"
    ]  # the rent is there for her costs


def test_what_would_you_need_to_see_after_a_doubt_is_about_that_doubt(library):
    persona = library.get("manager-raise")
    said = ["You're excellent at the routes. I just haven't seen you lead people yet."]
    _, decisions, _ = _talk(
        persona, "realistic", ["what would you need to see"], said=said, concerns={"leadership_readiness": 1}
    )
    assert [d.item_id for d in decisions[0].disclosures] == ["leadership_readiness"]


@pytest.mark.parametrize(
    "text", ["ok fair. why do u worry abt it", "we'll have a surveyor. so whats the concern exactly"]
)
def test_asking_about_the_worry_just_voiced_goes_deeper_on_it(library, text):
    persona = library.get("neighbour-extension")
    said = ["Digging that close to my wall worries me. This house is over a hundred years old."]
    _, decisions, _ = _talk(persona, "realistic", [text], said=said, concerns={"structural_damage": 1})
    assert [d.item_id for d in decisions[0].disclosures] == ["structural_damage"]


def test_the_two_means_both_not_a_figure_of_two(library):
    persona = library.get("candidate-offer")
    _, decisions, _ = _talk(
        persona, "realistic", ["tell me about the other offer, how do you compare the two?"]
    )
    # the other offer, not her "two days" in the office
    assert [d.item_id for d in decisions[0].disclosures] == ["competing_offer"]


@pytest.mark.parametrize(
    "text",
    [
        "ok so ur costs went up 30% and u want us to eat all of it. right",
        "so basically beans went up and you're passing it straight on to us",
    ],
)
def test_a_play_back_that_pins_the_whole_cost_on_us_is_corrected_not_warmed_to(library, text):
    persona = library.get("coffee-supplier")
    said = ["My importer raised my contract price by about 30 percent, and that's before freight."]
    _, decisions, _ = _talk(persona, "realistic", [text], said=said, concerns={"green_costs": 1})
    assert decisions[0].move == "correct_summary"


def test_tell_me_more_about_the_costs_is_about_her_costs(library):
    persona = library.get("landlord-renewal")
    readings, _, _ = _talk(persona, "realistic", ["tell me more abt the costs"], concerns={"lease_term": 1})
    assert readings[0]["parts"][0]["topic"] == "rising_costs"


@pytest.mark.parametrize(
    ("persona_id", "text", "concern"),
    [
        ("vendor-deadlines", "the anodising first. backed up how", "anodising_bottleneck"),
        (
            "neighbour-extension",
            "the drilling, yeah. tell me how the work would affect your days",
            "work_disruption",
        ),
    ],
)
def test_a_question_after_a_fragment_naming_a_thing_asks_about_that_thing(library, persona_id, text, concern):
    persona = library.get(persona_id)
    readings, _, _ = _talk(persona, "realistic", [text])
    assert readings[0]["parts"][-1]["topic"] == concern


@pytest.mark.parametrize(
    ("persona_id", "text"),
    [
        ("cofounder-equity", "honestly 50/50 kinda blindsided me"),
        ("landlord-renewal", "I did read it. Honestly the $5,000 surprised me less than the one-year term."),
    ],
)
def test_their_own_terms_said_back_are_not_an_offer(library, persona_id, text):
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert "offer" not in readings[0]["acts"]
    assert not decisions[0].move.startswith("push_back")  # nothing was put forward to push back on


def test_their_own_terms_with_a_yes_still_close_the_deal(library):
    persona = library.get("cofounder-equity")
    readings, _, _ = _talk(persona, "realistic", ["50/50 and no cliff. deal."])
    assert "accept" in readings[0]["acts"]


def test_turning_their_figure_down_to_put_another_is_an_offer_of_the_other(library):
    persona = library.get("client-discount")
    readings, decisions, _ = _talk(persona, "realistic", ["6 is short for us, can we meet at 9?"])
    assert readings[0]["terms"] == {"term_months": 9.0} and "offer" in readings[0]["acts"]
    assert decisions[0].move != "deflect_closed"


@pytest.mark.parametrize("text", ["The deliveries?", "ok and the 5am deliveries?"])
def test_a_thing_of_theirs_named_as_a_question_asks_them_to_say_more(library, text):
    persona = library.get("landlord-renewal")
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert readings[0]["acts"] == ["open_question"]
    assert [d.item_id for d in decisions[0].disclosures] == ["delivery_noise"]


@pytest.mark.parametrize(
    "text",
    [
        "is it ok if I just ask a few things first before we talk numbers?",
        "I have some questions if thats ok?",
    ],
)
def test_asking_leave_to_ask_gets_a_go_ahead_not_a_short_no(library, text):
    persona = library.get("client-discount")
    _, decisions, _ = _talk(persona, "realistic", [text])
    assert decisions[0].move == "acknowledge"  # "Okay. Go on.", never "Not necessarily."


def test_a_figure_called_a_huge_jump_is_set_aside_for_the_one_asked_for(library):
    persona = library.get("coffee-supplier")
    text = "sorry to just launch in but $16.80 is a huge jump, is there any way you can keep it at 14.20?"
    readings, _, _ = _talk(persona, "realistic", [text])
    assert readings[0]["terms"] == {"price_per_kg": 14.2}


@pytest.mark.parametrize(
    ("persona_id", "text"),
    [
        ("neighbour-extension", "honestly if you wont sign we'll just have to go the surveyor route"),
        ("manager-raise", "ok well i have a recruiter pinging me every week so"),
        ("manager-raise", "honestly if nothing moves till july i might as well look around."),
        ("client-discount", "ur making a huge mistake. they'll wreck ur spring launch"),
        (
            "investor-term-sheet",
            "I should probably mention that we do have another fund in process who are very keen",
        ),
    ],
)
def test_a_threat_or_leverage_in_plain_words_is_pressure(library, persona_id, text):
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert "pressure" in readings[0]["acts"]
    assert decisions[0].move in ("push_back_pressure", "walk_away")


@pytest.mark.parametrize(
    "text",
    [
        "wow ok. super helpful",
        "yes, a 3 line note saying no. not exactly neighbourly",
        "Is the other offer even real?",
    ],
)
def test_praise_that_means_its_opposite_and_doubt_thrown_at_them_are_insults(library, text):
    persona = library.get("neighbour-extension")
    readings, _, _ = _talk(persona, "realistic", [text])
    assert "insult" in readings[0]["acts"]


def test_a_demand_put_on_it_voices_the_worry_it_touches_at_any_difficulty(library):
    persona = library.get("vendor-deadlines")
    text = "fyi my ceo wants penalty clauses in the new contract"
    _, decisions, _ = _talk(persona, "hard", [text], concerns={"late_changes": 3})
    assert [d.item_id for d in decisions[0].disclosures] == ["penalty_threat"]


@pytest.mark.parametrize("text", ["Ладно, ладно.", "죄송합니다.", "お大事に."])
def test_a_turn_in_another_script_is_another_language_not_noise(library, text):
    persona = library.get("coffee-supplier")
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert readings[0]["acts"] == ["foreign"] and decisions[0].move == "other_language"


def test_and_question_mark_asks_them_to_go_on(library):
    persona = library.get("coffee-supplier")
    said = ["My importer raised my contract price by about 30 percent, and that's before freight."]
    readings, decisions, _ = _talk(persona, "realistic", ["and?"], said=said, concerns={"green_costs": 1})
    assert readings[0]["acts"] == ["open_question"]
    assert [d.item_id for d in decisions[0].disclosures] == ["green_costs"]  # deeper on what it just said


def test_has_that_gone_badly_before_opens_the_past(library):
    persona = library.get("neighbour-extension")
    _, decisions, _ = _talk(persona, "realistic", ["Has something like this happened to you before?"])
    assert decisions[0].move == "reveal" and decisions[0].disclosures[0].item_id.startswith("past:")


def test_how_are_you_weighing_them_is_a_question_not_small_talk(library):
    persona = library.get("candidate-offer")
    readings, decisions, _ = _talk(persona, "realistic", ["Fine. How are you weighing the two"])
    assert "small_talk" not in readings[0]["acts"] and decisions[0].move != "small_talk"


@pytest.mark.parametrize(
    ("persona_id", "text"),
    [
        ("coffee-supplier", "then were done. ill find someone else"),
        (
            "neighbour-extension",
            "we'll go the surveyor route then. party wall act, you cant actually stop it",
        ),
        ("investor-term-sheet", "we have another fund that'll do 12 no problem. just fyi"),
    ],
)
def test_walking_off_and_the_other_route_are_pressure(library, persona_id, text):
    persona = library.get(persona_id)
    readings, _, _ = _talk(persona, "realistic", [text])
    assert "pressure" in readings[0]["acts"]


def test_their_words_and_how_asks_them_to_say_more(library):
    persona = library.get("vendor-deadlines")
    said = ["Your orders come out of nowhere. About 2,000 units at a time, no warning."]
    readings, decisions, _ = _talk(persona, "realistic", ["out of nowhere how? we send POs"], said=said)
    assert readings[0]["parts"][0]["act"] == "open_question" and decisions[0].move != "deflect_closed"


def test_saying_their_email_arrived_is_not_a_play_back_to_correct(library):
    persona = library.get("coffee-supplier")
    said = ["Good to see you. I thought you might want to talk after that email."]
    readings, decisions, _ = _talk(
        persona, "realistic", ["so i got ur email abt the 16.80. whats behind it?"], said=said
    )
    assert "summary" not in readings[0]["acts"]
    assert [d.item_id for d in decisions[0].disclosures] == ["green_costs"]  # what is behind the 16.80


def _told(item_id, line):
    """The conversation so far: one counterpart line that disclosed `item_id`."""
    return [
        {
            "role": "counterpart",
            "text": line,
            "disclosures": [{"item_id": item_id, "layer": 0, "text": line}],
        }
    ]


def _after(persona, turns, text, concerns, difficulty="realistic"):
    """One user turn read and answered after these turns, with these concerns already said."""
    ledger = L.new_ledger(persona)
    for cid, level in concerns.items():
        ledger["concerns"][cid] = level
        ledger["topic"] = cid
    reading = read_turn(persona, ledger, text, turns)
    decision, _ = decide(persona, difficulty, ledger, reading, 2)
    return reading, decision


def _after_proposal(persona, changes, line, text):
    """One user turn read and answered right after the counterpart proposed its terms with `changes`:
    (reading, decision, ledger after)."""
    ledger = L.new_ledger(persona)
    ledger["standing"] = proposed = {**ledger["standing"], **changes}
    turns = [
        {"role": "counterpart", "text": "Hello.", "disclosures": []},
        {"role": "user", "text": "What would work for you?"},
        {"role": "counterpart", "text": line, "terms": proposed},
    ]
    reading = read_turn(persona, ledger, text, turns)
    decision, after = decide(persona, "realistic", ledger, reading, 2)
    return reading, decision, after


@pytest.mark.parametrize("text", ["on what?", "why", "depends on what, exactly?"])
def test_a_bare_follow_up_asks_about_what_the_conversation_is_on_not_the_last_concern_told(library, text):
    # "It depends." says nothing of its own: "on what?" asks about the volume question the user just put,
    # not the late invoices it talked about before.
    persona = library.get("coffee-supplier")
    turns = [
        {
            "role": "counterpart",
            "text": "Your last few invoices came in late.",
            "disclosures": [
                {"item_id": "late_payments", "layer": 0, "text": "Your last few invoices came in late."}
            ],
        },
        {"role": "user", "text": "would a standing order help with how our volume swings week to week?"},
        {"role": "counterpart", "text": "It depends.", "disclosures": []},
    ]
    _, decision = _after(persona, turns, text, {"late_payments": 1})
    assert [d.item_id for d in decision.disclosures] == ["volume_commitment"], decision


def test_a_phrase_from_its_goal_line_asks_about_the_concern_behind_it(library):
    persona = library.get("candidate-offer")
    turns = _told("goal", persona.goal_line)
    for text, concern in [
        ("what does 'fit my life' mean", "caregiving_schedule"),
        ("fit ur life how?", "caregiving_schedule"),
        ("When you say a step back financially, what would you be giving up?", "unvested_stock"),
    ]:
        _, decision = _after(persona, turns, text, {"competing_offer": 1})
        assert [d.item_id for d in decision.disclosures] == [concern], (text, decision)


@pytest.mark.parametrize(
    ("persona_id", "text", "window"),
    [
        ("manager-raise", "whats worked b4 when u promoted someone", "past"),
        (
            "vendor-deadlines",
            "What's worked with your other customers when it comes to stable drawings?",
            "past",
        ),
        ("investor-term-sheet", "anything u need from me b4 monday", "first_step"),
        ("vendor-deadlines", "amazing. when do u need the drawings by", "first_step"),
        ("landlord-renewal", "whats the first thing ud want us to do", "first_step"),
    ],
)
def test_windows_opened_in_plain_words(library, persona_id, text, window):
    persona = library.get(persona_id)
    reading, decision = _after(
        persona, [{"role": "counterpart", "text": "Go on.", "disclosures": []}], text, {}
    )
    kinds = {d.item_id.split(":")[0] for d in decision.disclosures}
    assert kinds == {window}, (text, reading["parts"], decision)


def test_the_late_thing_is_tomas_late_invoices_not_the_beans_he_just_talked_about(library):
    persona = library.get("coffee-supplier")
    said = "My importer raised my contract price by about 30 percent. At $14.20 I'm roasting your blend at break-even."
    reading, decision = _after(
        persona,
        _told("green_costs", said),
        "k so 30% up and ur basically at breakeven on us. what about the late thing, how late",
        {"green_costs": 1},
    )
    assert reading["parts"][-1]["topic"] == "late_payments", reading["parts"]
    assert [d.item_id for d in decision.disclosures] == ["late_payments"], decision


def test_a_question_about_them_asks_about_the_people_just_named(library):
    persona = library.get("landlord-renewal")
    said = "Everything on the building has gone up. At $4,200 I'm barely breaking even on the ground floor."
    turns = _told("rising_costs", said)
    _, decision = _after(
        persona,
        turns,
        "The people upstairs, that's news to me. what's been happening with them",
        {"rising_costs": 1},
    )
    assert [d.item_id for d in decision.disclosures] == ["delivery_noise"], decision


def test_a_question_that_names_only_a_figure_asks_about_the_thing_named_just_before_it(library):
    # "15" alone is the 15-to-18-times multiple it quoted; after "The pool." it is the pool's 15 percent.
    persona = library.get("investor-term-sheet")
    turns = [{"role": "counterpart", "text": "Go on.", "disclosures": []}]
    reading, decision = _after(persona, turns, "The pool. why 15", {"ownership_target": 1})
    assert reading["parts"][-1]["topic"] == "option_pool"
    assert [d.item_id for d in decision.disclosures] == ["option_pool"], decision


@pytest.mark.parametrize(
    "text",
    [
        "and the pool. 15% pre-money is a big chunk of me. how did you land on 15?",
        "15% before the money is brutal for us tho. walk me through how you got to 15",
    ],
)
def test_a_figure_the_turn_just_put_on_the_pool_is_asked_about_as_the_pool(library, text):
    # Her 15-to-18-times multiple also has a 15 in it; the user has just said whose 15 they mean.
    persona = library.get("investor-term-sheet")
    turns = _told(
        "ownership_target", "Seed rounds at your revenue have been pricing at 15 to 18 times revenue."
    )
    reading, decision = _after(persona, turns, text, {"ownership_target": 2})
    assert reading["parts"][-1]["topic"] == "option_pool", reading["parts"]
    assert [d.item_id for d in decision.disclosures] == ["option_pool"], decision


def test_a_yes_with_what_do_you_need_first_gets_the_deal_and_the_first_step(library):
    persona = library.get("coffee-supplier")
    _, decisions, ledger = _talk(persona, "realistic", ["Deal. What do you need from me first?"])
    assert decisions[0].move == "agree", decisions[0]
    assert persona.first_step in decisions[0].authored
    # the terms end as a sentence before the first step starts
    assert f". {persona.first_step}" in decisions[0].authored, decisions[0].authored
    assert ledger["first_step"]


@pytest.mark.parametrize(
    "text", ["yeah. so whats the real number u need", "huh. what do you mean by steady?"]
)
def test_a_one_word_nod_before_a_question_is_an_acknowledgement(library, text):
    persona = library.get("coffee-supplier")
    turns = [{"role": "counterpart", "text": "Did you get my email?", "disclosures": []}]
    reading, _ = _after(persona, turns, text, {})
    assert reading["parts"][0]["act"] == "thanks", reading["parts"]


def test_there_points_back_at_the_term_the_statement_before_it_named(library):
    persona = library.get("investor-term-sheet")
    turns = [{"role": "counterpart", "text": "Go on.", "disclosures": []}]
    text = "ok. the option pool going up to 15% before the money scares me a bit. what's the thinking there?"
    _, decision = _after(persona, turns, text, {"ownership_target": 1})
    assert [d.item_id for d in decision.disclosures] == ["option_pool"], decision


def test_a_figure_worked_out_from_their_multiple_is_not_an_invented_one(library):
    persona = library.get("investor-term-sheet")
    said = [
        "Seed rounds for vertical software at your revenue have been pricing at 15 to 18 times recurring revenue.",
        "At $600,000 in revenue, $12M is a stretch.",
    ]
    readings, decisions, _ = _talk(
        persona,
        "realistic",
        ["ok so 15-18x arr, which for us is like 9 to 10.8M"],
        said=said,
        concerns={"ownership_target": 2},
    )
    assert readings[0]["parts"][0]["act"] == "summary" and readings[0]["parts"][0]["faithful"], readings[0]
    assert decisions[0].move != "correct_summary"
    # a figure with no working beside it is still checked: 25 times was never said
    readings, decisions, _ = _talk(
        persona,
        "realistic",
        ["so you're saying we're worth 25 times revenue"],
        said=said,
        concerns={"ownership_target": 2},
    )
    assert decisions[0].move == "correct_summary", decisions[0]


def test_when_do_you_need_it_by_asks_their_deadline_not_the_first_step(library):
    persona = library.get("client-discount")
    turns = [
        {"role": "counterpart", "text": "I need the retainer to come down 15 percent.", "disclosures": []}
    ]
    reading, decision = _after(persona, turns, "15 not 20? and when do u need it by", {"cfo_mandate": 1})
    assert all(p.get("window") != "first_step" for p in reading["parts"]), reading["parts"]
    assert "first_step" not in [d.item_id for d in decision.disclosures]


@pytest.mark.parametrize(
    "text",
    [
        "so the cliff wipes out your first eight months, right?",  # 6 months, in words and wrong
        "so the 8 months you've put in just vanish on paper",
    ],
)
def test_a_wrong_figure_is_corrected_even_after_they_said_zero(library, text):
    # "I'd walk away with zero" once made every small figure count as said (8 x 0.000001 is "about" 0), so a
    # play-back with the wrong number of months passed as faithful.
    persona = library.get("cofounder-equity")
    said = [
        "A 1-year cliff starting now means the 6 months I've already worked count for nothing. If something "
        "happened in month 11, I'd walk away with zero."
    ]
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said, concerns={"cliff_reset": 1})
    assert decisions[0].move == "correct_summary", (readings[0], decisions[0])
    assert "6 months" in decisions[0].authored


@pytest.mark.parametrize(
    ("text", "faithful"),
    [
        ("Fifteen thousand vesting in June, and a March start means walking away from all of it.", False),
        ("Eighteen thousand vesting in June, and a March start means walking away from all of it.", True),
        ("So two things: eighteen thousand vests in June, and a March start loses it.", True),
    ],
)
def test_a_figure_written_in_words_is_checked_like_digits(library, text, faithful):
    persona = library.get("candidate-offer")
    said = ["About $18,000 in stock vests in June. If I join you in March, I lose all of it."]
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said, concerns={"unvested_stock": 1})
    summary = next(p for p in readings[0]["parts"] if p["act"] == "summary")
    assert summary["faithful"] is faithful, summary
    assert (decisions[0].move == "correct_summary") is not faithful, decisions[0]


@pytest.mark.parametrize(
    "text",
    [
        "Walk me through how that plays out for you in the worst case",
        "and whats the worst case for you there",
        "Tell me what that looks like on a bad day.",
    ],
)
def test_a_question_that_points_back_asks_about_the_concern_just_told(library, text):
    # "that" names nothing of its own: it is the cliff they have just explained, not the next concern in line
    persona = library.get("cofounder-equity")
    line = "A 1-year cliff starting now means the 6 months I've already worked count for nothing."
    turns = _told("cliff_reset", line)
    reading, decision = _after(persona, turns, text, {"cliff_reset": 1, "founder_recognition": 3})
    assert reading["parts"][-1]["topic"] == "cliff_reset", reading
    assert [d.item_id for d in decision.disclosures] == ["cliff_reset"], decision


@pytest.mark.parametrize(
    "text",
    ["Why do our parts in particular sit in that queue?", "and how do our batches fare in that queue?"],
)
def test_a_thing_pointed_at_from_their_last_line_is_that_lines_concern(library, text):
    # "queue" is also a word of the order-book concern (priority in their queue); "that queue" is the anodiser's
    persona = library.get("vendor-deadlines")
    line = "The anodising subcontractor is backed up for weeks, and everyone queues for them."
    turns = _told("anodising_bottleneck", line)
    reading, decision = _after(persona, turns, text, {"anodising_bottleneck": 1})
    assert reading["parts"][-1]["topic"] == "anodising_bottleneck", reading
    assert [d.item_id for d in decision.disclosures] == ["anodising_bottleneck"], decision


def test_a_pronoun_after_a_named_concern_in_the_same_turn_stays_with_it(library):
    persona = library.get("coffee-supplier")
    line = "Your last few invoices came in late, and for a roaster my size that hurts."
    turns = _told("late_payments", line)
    reading, _ = _after(
        persona,
        turns,
        "can u tell me more about the green coffee side? how much has it moved",
        {"late_payments": 1},
    )
    assert [p["topic"] for p in reading["parts"]] == ["green_costs", "green_costs"], reading


@pytest.mark.parametrize("text", ["the deliveries?", "wait, the deliveries??", "n the deliveries?"])
def test_a_thing_they_named_asked_back_is_a_request_to_hear_about_it(library, text):
    # "the deliveries?" after "the tenants are complaining about your early deliveries" asks what that is about;
    # a short yes/no answer leaves the person where they were
    persona = library.get("landlord-renewal")
    line = "And there's one more thing. The tenants upstairs are complaining about your early deliveries."
    turns = _told("delivery_noise", line)
    reading, decision = _after(persona, turns, text, {"delivery_noise": 1})
    assert reading["parts"][-1]["act"] == "open_question", reading
    assert [d.item_id for d in decision.disclosures] == ["delivery_noise"], decision


def test_a_total_worked_out_in_the_play_back_from_their_own_figures_is_faithful(library):
    # 6 months worked + a one-year (12-month) cliff = 18 months with nothing: their figures, added up in the turn
    persona = library.get("cofounder-equity")
    said = [
        "A one-year cliff starting now means the six months I've already worked count for nothing. If something "
        "happened in month eleven, I'd walk away with zero after nearly a year and a half of work."
    ]
    text = "so 6 mo unpaid, then a fresh 12 mo cliff on top = 18 mo w nothing if it goes wrong."
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said, concerns={"cliff_reset": 1})
    summary = readings[0]["parts"][0]
    assert summary["act"] == "summary" and summary["faithful"], summary
    assert decisions[0].move != "correct_summary", decisions[0]
    # a total that is not theirs is still corrected
    readings, decisions, _ = _talk(
        persona, "realistic", ["so 6 mo unpaid, then a 12 mo cliff = 30 mo w nothing"], said=said
    )
    assert decisions[0].move == "correct_summary", decisions[0]


def test_terms_added_to_the_users_own_offer_build_on_it(library):
    # "I'm still not there on the standing weekly order" - "and if we commit to 60 kilos a week?": the 16.20 and
    # net 15 just offered still stand; the standing order is added to them, not to its own $16.80
    persona = library.get("coffee-supplier")
    lines = [
        "whats behind the new price",
        "how bad is it for u with the late payments",
        "ok so if i get this right, green is up a lot and our invoices coming in late really hurts your cash",
        "what if we did net 15 and 16.20 for 12 months",
        "and if we commit to 60 kilos a week?",
    ]
    _, decisions, ledger = _talk(persona, "realistic", lines)
    assert decisions[-2].move == "consider", decisions[-2]
    assert "the standing weekly order" in decisions[-2].content, decisions[-2]
    assert decisions[-1].move == "agree", decisions[-1]
    assert decisions[-1].terms["price_per_kg"] == pytest.approx(16.2), decisions[-1]
    assert decisions[-1].terms["weekly_volume"] == pytest.approx(60), decisions[-1]


def test_the_figure_of_its_own_email_played_back_is_faithful(library):
    # the brief and the email say "from $14.20 to $16.80 a kilo": both ends of that were said, not just the first
    persona = library.get("coffee-supplier")
    readings, decisions, _ = _talk(persona, "realistic", ["so the new price is 16.80? what's driving that"])
    summary = readings[0]["parts"][0]
    assert summary["act"] == "summary" and summary["faithful"], summary
    assert decisions[0].move != "correct_summary", decisions[0]


def test_a_wrong_figure_played_back_with_a_question_gets_put_right_and_the_question_answered(library):
    # it corrects the figure with what it did propose (nothing said yet is no "Good to see you" correction), then
    # answers what was asked instead of leaving the question hanging
    persona = library.get("coffee-supplier")
    _, decisions, _ = _talk(
        persona, "realistic", ["so you want 18 a kilo now? thats a huge jump, whats going on"]
    )
    decision = decisions[0]
    assert [b["move"] for b in decision.before] == ["correct_summary"], decision
    assert "$16.80 a kilo" in decision.before[0]["content"], decision
    assert [d.item_id for d in decision.disclosures] == ["green_costs"], decision


def test_saying_what_you_are_paid_now_is_not_a_deal_at_that_pay(library):
    persona = library.get("manager-raise")
    lines = [
        "what would you need to see to be comfortable with me as night lead?",
        "ok so if I'm hearing you right, you're worried about promoting me and then losing your best planner and "
        "having a lead who struggles",
        "what if I train up my replacement on cross border before I move over, and we do a 90 day trial",
        "and the pay? I'm on 68 now",
    ]
    _, decisions, _ = _talk(persona, "realistic", lines)
    assert decisions[-1].move != "agree", decisions[-1]
    assert all(d.move != "agree" or d.terms["salary"] > 68_000 for d in decisions), decisions


def test_a_hello_before_the_point_gets_the_point_answered_not_small_talk(library):
    persona = library.get("manager-raise")
    text = "hey. ok I'm just going to say it. I've been here 5 years and I'm still on 68. its not ok"
    _, decisions, _ = _talk(persona, "realistic", [text])
    assert decisions[0].move != "small_talk", decisions[0]


@pytest.mark.parametrize("text", ["and the pay?", "and the money??", "what about the pay"])
def test_asking_about_the_pay_in_two_words_gets_an_answer_about_pay(library, text):
    # "pay" is a short word the salary term is named by; asked as the thing, it is about the salary's concerns,
    # not a yes/no to deflect ("I can't say yes or no to that")
    persona = library.get("manager-raise")
    reading, decision = _after(
        persona,
        _told("leadership_readiness", "I haven't seen you lead people yet."),
        text,
        {"leadership_readiness": 1},
    )
    assert reading["parts"][-1]["act"] == "open_question", reading
    assert reading["parts"][-1]["topic"] in ("budget_freeze", "team_fairness"), reading
    assert decision.move != "deflect_closed", decision


@pytest.mark.parametrize(
    "text", ["ok but why 5000 specifically", "I have. $5000 Gloria? honestly I had to sit down"]
)
def test_their_new_rent_is_not_read_as_the_five_year_lease(library, text):
    # 5000 is the rent its costs explain; scaled down it was "5", a figure of the lease-length concern
    persona = library.get("landlord-renewal")
    _, decisions, _ = _talk(persona, "realistic", [text])
    assert "lease_term" not in [d.item_id for d in decisions[0].disclosures], decisions[0]


def test_their_own_figure_flung_back_is_a_reaction_not_a_yes_no_question(library):
    persona = library.get("landlord-renewal")
    reading, decision = _after(persona, _told("goal", persona.goal_line), "$5000 Gloria?", {})
    assert reading["parts"][0]["act"] == "statement", reading
    assert decision.move != "deflect_closed", decision


def test_after_saying_what_is_missing_it_answers_in_numbers_not_whats_in_it_for_me(library):
    # "Closer, but I'm still not there on the firm order per quarter" - "and no penalty clauses": it has already
    # engaged with the offer; going back to "You haven't asked why the dates slip" reads as not listening
    persona = library.get("vendor-deadlines")
    lines = [
        "we've had a few late deliveries lately and my CEO is pretty unhappy. whats happening on your side?",
        "the anodiser? tell me more",
        "so basically theres one anodiser nearby and everyone queues for it. right?",
        "what if we sent you a 3 month rolling forecast and combined our orders into bigger batches",
        "and no penalty clauses",
    ]
    _, decisions, _ = _talk(persona, "realistic", lines)
    assert decisions[-2].move == "consider", decisions[-2]
    assert decisions[-1].move in ("counter", "agree", "consider"), decisions[-1]
    if decisions[-1].move == "counter":  # its numbers ask for what it said was missing before anything new
        assert decisions[-1].terms["quarterly_units"] > 0, decisions[-1]
        assert decisions[-1].terms["single_contact"] == 0, decisions[-1]


def test_offering_what_it_asked_for_is_taken_in_not_countered_and_an_and_is_no_rejection(library):
    # "we'll pay for your surveyor" is its own term: "I can't agree to all that. Here's my offer" (its opening
    # package again) read as not listening; it takes it in and names what is still open. "and no noisy work
    # before 9" adds another of its own terms to the offer: no "no" to be countered
    persona = library.get("neighbour-extension")
    lines = [
        "what worries you most about it?",
        "what if we paid for a party wall surveyor of your choice and did a condition survey before we start",
        "and no noisy work before 9",
    ]
    readings, decisions, _ = _talk(persona, "realistic", lines)
    assert decisions[1].move == "consider", decisions[1]
    assert [p["act"] for p in readings[2]["parts"]] == ["offer"], readings[2]


def test_what_is_still_open_is_said_in_good_english(library):
    from simulator.policy import _the

    cofounder = library.get("cofounder-equity")
    labels = {i.id: _the(cofounder, i.label) for i in cofounder.issues}
    # Lena is the one speaking: her own name in her mouth is "I" and "my"
    assert labels["tech_final_say"] == "whether I have final say on technical decisions"
    assert labels["lena_equity"] == "my share of the founder equity"
    coffee = library.get("coffee-supplier")
    assert _the(coffee, coffee.issue("weekly_volume").label) == "the standing weekly order"


@pytest.mark.parametrize("text", ["hey Lena, got a sec to talk about the split?", "do you have a minute?"])
def test_asking_for_a_minute_is_asking_leave_not_a_yes_no_to_turn_down(library, text):
    persona = library.get("cofounder-equity")
    _, decisions, _ = _talk(persona, "realistic", [text])
    assert decisions[0].move != "deflect_closed", decisions[0]  # it had said "Not really."


@pytest.mark.parametrize(
    ("persona_id", "said", "text"),
    [
        (
            "landlord-renewal",
            [
                "The property tax went up eleven percent this year, and my insurance went up twenty-two after the "
                "flood claim. Then there's the roof. It needs replacing within two years, and the quote was $38,000.",
            ],
            "wow. so taxes, insurance and a 38k roof, all hitting you at once.",
        ),
        (
            "landlord-renewal",
            [
                "The property tax went up 11 percent this year, and my insurance rose 22 percent after the flood.",
                "The roof. It needs replacing within two years, and the quote was $38,000.",
            ],
            "So between the tax, the insurance and a 38 thousand roof coming, the building's a real worry for you.",
        ),
    ],
)
def test_a_sum_they_said_in_dollars_played_back_without_the_sign_is_no_misplaced_percentage(
    library, persona_id, said, text
):
    # "38k" is their $38,000 roof, not a wrong figure for the 22 percent insurance rise beside it
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said)
    summary = next(p for p in readings[0]["parts"] if p["act"] == "summary")
    assert summary["faithful"] is True, summary
    assert decisions[0].move != "correct_summary", decisions[0]


@pytest.mark.parametrize(
    ("persona_id", "text"),
    [
        ("candidate-offer", "Hi Aisha, good to speak again. How was the rest of your week?"),
        ("vendor-deadlines", "Good morning Dieter! How is the factory today, busy?"),
        ("vendor-deadlines", "hi Dieter, its Sam from Brightwell. hows things on the floor? loud as ever?"),
        ("manager-raise", "hi Marcus, thanks for this. how was the soccer thing on saturday?"),
        ("client-discount", "Hi Helen, one sec, my wifi keeps dropping. Can you hear me ok?"),
    ],
)
def test_asking_after_their_week_or_the_line_is_small_talk_not_a_way_into_a_concern(
    library, persona_id, text
):
    # a pleasantry gets a pleasantry and a steer back, never a hidden worry or "No."
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert decisions[0].move == "small_talk", (readings[0]["parts"], decisions[0])
    assert not decisions[0].disclosures


@pytest.mark.parametrize(
    "text", ["how are things going with the anodiser?", "how is the team handling the overtime?"]
)
def test_how_things_are_going_with_the_problem_is_still_a_question(library, text):
    persona = library.get("vendor-deadlines")
    readings, _, _ = _talk(persona, "realistic", [text])
    assert "small_talk" not in readings[0]["acts"], readings[0]["parts"]


@pytest.mark.parametrize(
    "text", ["done, tue/thu in the letter. we have a deal?", "Brilliant, shake on it?", "k. deal?", "Done?"]
)
def test_asking_to_shake_on_what_they_just_proposed_closes_the_deal(library, text):
    # after their proposal, "deal?" is a yes that asks for theirs, not a yes/no question to answer "No promises."
    persona = library.get("candidate-offer")
    proposal = {"base_salary": 158_000.0, "home_days": 2.0}
    line = "Then I need Tuesdays and Thursdays at home, fixed, in the offer letter. If that's in, I'm there."
    turns = [{"role": "counterpart", "text": "Hello.", "disclosures": []}]
    turns += [{"role": "user", "text": "what would make this work for you?"}]
    turns += [{"role": "counterpart", "text": line, "disclosures": [], "terms": proposal}]
    ledger = L.new_ledger(persona)
    ledger["standing"] = {**ledger["standing"], **proposal}
    reading = read_turn(persona, ledger, text, turns)
    decision, _ = decide(persona, "realistic", ledger, reading, 2)
    assert "accept" in reading["acts"], reading["parts"]
    assert decision.move == "agree", decision


def test_deal_with_a_question_mark_before_any_proposal_is_no_yes_to_the_opening(library):
    persona = library.get("coffee-supplier")
    readings, decisions, _ = _talk(persona, "realistic", ["deal?"])
    assert decisions[0].move != "agree", decisions[0]


def test_a_counter_keeps_what_the_offer_answers_and_asks_back_only_the_rest(library):
    # "$4,600 and five years" answers the worry it told (the lease for the bank): its counter meets the offer part
    # way on the rent, not back at its opening $5,000 as if the five years were worth nothing
    persona = library.get("landlord-renewal")
    lines = [
        "what if I signed for 5 years at 4600? that gives the bank a long lease to look at",
        "and we can move the deliveries to after 7",
    ]
    _, decisions, _ = _talk(persona, "hard", lines, concerns={"lease_term": 2, "rising_costs": 2})
    counter = decisions[-1]
    assert counter.move == "counter", counter
    assert 4600 < counter.terms["monthly_rent"] < persona.issue("monthly_rent").opening, counter.terms
    assert counter.terms["lease_years"] == 5.0


def test_having_covered_the_job_answers_the_doubt_about_leading_not_the_freeze(library):
    persona = library.get("manager-raise")
    line = "You're excellent at the routes. I just haven't seen you lead people yet."
    turns = _told("leadership_readiness", line)
    text = "i covered nights for 6 weeks in the fall and nothing went wrong"
    reading, decision = _after(persona, turns, text, {"budget_freeze": 2, "leadership_readiness": 1})
    assert reading["parts"][0]["topic"] == "leadership_readiness", reading["parts"]
    assert "freeze" not in decision.authored.lower(), decision


def test_a_benefit_put_as_what_they_still_get_is_a_benefit(library):
    # "you'd still get your 20%" ties the numbers to the ownership she said she solves for: no "what's in it for me?"
    persona = library.get("investor-term-sheet")
    said = [
        "My fund is 70 percent deployed, and my partners expect me to own at least 20 percent of every new company."
    ]
    readings, decisions, _ = _talk(
        persona,
        "easy",
        ["What if we raised 3 at 12 pre? you'd still get your 20%"],
        said=said,
        concerns={"ownership_target": 2},
    )
    assert readings[0]["ask"]["benefit"], readings[0]
    assert decisions[0].move != "push_back_bare_ask", decisions[0]


def test_a_bare_ask_is_never_told_it_asked_nothing(library):
    # the push-back on a bare ask comes after questions too: "You haven't asked what I need" would be false then
    for persona in library.personas.values():
        for line in persona.lines.get("push_back_bare_ask", []):
            assert "haven't asked" not in line, (persona.id, line)


_MAUREEN_SAID = [
    "That wall will take the afternoon sun off my garden. I've looked at the drawings.",
    "It's 3.2 metres high, right along my boundary, and my vegetable beds and the rose bed are on that side.",
]


def test_a_remedy_said_with_what_it_is_for_is_a_benefit_not_a_bare_ask(library):
    # "a sloped roof so more light gets over" answers the light she said she would lose: no "what's in it for me?"
    persona = library.get("neighbour-extension")
    text = "what if we dropped the wall to 2.8 and put in a sloped roof so more light gets over?"
    readings, decisions, _ = _talk(
        persona, "realistic", [text], said=_MAUREEN_SAID, concerns={"garden_light": 2}
    )
    assert readings[0]["ask"]["benefit"], readings[0]["ask"]
    assert decisions[0].move != "push_back_bare_ask", decisions[0]


def test_going_over_your_own_terms_with_so_is_an_offer_not_a_summary_to_correct(library):
    # "ok so 2.8, sloped roof, we pay your surveyor": the user's own package, not a play-back of hers gone wrong
    persona = library.get("neighbour-extension")
    text = "ok so 2.8, sloped roof, we pay your surveyor. can you sign then?"
    readings, decisions, _ = _talk(
        persona, "realistic", [text], said=_MAUREEN_SAID, concerns={"garden_light": 2}
    )
    assert readings[0]["parts"][0]["act"] == "offer", readings[0]["parts"]
    assert decisions[0].move != "correct_summary", decisions[0]


def test_arguing_with_their_own_figure_is_about_what_that_figure_is_for(library):
    persona = library.get("cofounder-equity")
    readings, _, _ = _talk(
        persona, "realistic", ["50/50 makes no sense, I started this a year before you joined"]
    )
    assert readings[0]["parts"][0]["topic"] == "founder_recognition", readings[0]["parts"]


@pytest.mark.parametrize("persona_id", ["candidate-offer", "cofounder-equity", "neighbour-extension"])
def test_a_point_made_against_them_is_never_thanked(library, persona_id):
    # the short acknowledgement answers statements as well as thanks: "Thanks. What else?" to "that makes no sense
    # to me" reads as sarcasm
    persona = library.get(persona_id)
    for seed in range(8):
        _, decisions, _ = _talk(persona, "realistic", ["honestly that makes no sense to me"], seed=seed)
        assert not decisions[0].authored.lower().startswith("thank"), (seed, decisions[0].authored)


def test_a_page_for_the_ceo_answers_the_worry_about_the_ceo_and_is_a_benefit(library):
    # Helen could not tell her CEO what the agency does: "cut the report to one page for the CEO" answers that
    persona = library.get("client-discount")
    said = ["Frankly, I'm not sure what we're getting for the money anymore."]
    text = "what if we cut the report to one page for the CEO and take 10% off for a 12 month renewal"
    readings, decisions, _ = _talk(persona, "hard", [text], said=said, concerns={"proving_value": 1})
    assert "proving_value" in readings[0]["ask"]["addressed"] and readings[0]["ask"]["benefit"]
    assert decisions[0].move != "push_back_bare_ask", decisions[0]


def test_a_question_after_a_but_clause_is_asked_without_a_question_mark(library):
    persona = library.get("investor-term-sheet")
    readings, decisions, _ = _talk(
        persona, "realistic", ["I get that you have to defend your number, but what's it based on"]
    )
    assert readings[0]["acts"] == ["open_question"]
    assert decisions[0].move in ("raise_concern", "reveal")


def test_what_about_their_own_term_asks_about_it_rather_than_offering_it(library):
    persona = library.get("investor-term-sheet")
    readings, decisions, _ = _talk(
        persona, "realistic", ["what about the participating pref, why is that there"]
    )
    assert "offer" not in readings[0]["acts"] and "open_question" in readings[0]["acts"]
    assert decisions[0].move not in ("consider", "counter", "agree")
    readings, _, _ = _talk(persona, "realistic", ["what about no participating pref"])
    assert readings[0]["acts"] == ["offer"]  # dropping it is a proposal


@pytest.mark.parametrize(
    "text", ["wait ok ok what wld it take to get under 16", "hang on, what cld get u under 16"]
)
def test_a_question_typed_in_text_speak_after_wait_is_an_open_question(library, text):
    persona = library.get("coffee-supplier")
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert readings[0]["acts"] == ["open_question"] and "offer" not in readings[0]["acts"]
    assert decisions[0].move in ("raise_concern", "reveal")


def test_before_we_get_to_numbers_is_not_a_question_about_the_past(library):
    persona = library.get("candidate-offer")
    readings, decisions, _ = _talk(
        persona,
        "realistic",
        ["Before we get to numbers, could you walk me through how you're thinking about the decision?"],
    )
    assert readings[0]["acts"] == ["open_question"]
    assert not any(d.item_id.startswith("past") for d in decisions[0].disclosures)


def test_asking_about_their_holidays_is_small_talk_not_a_cue_to_disclose(library):
    persona = library.get("client-discount")
    readings, decisions, _ = _talk(persona, "realistic", ["hi helen, how were the holidays"])
    assert "small_talk" in readings[0]["acts"] and decisions[0].move == "small_talk"
    assert not decisions[0].disclosures


@pytest.mark.parametrize(
    "text", ["50/50 and no cliff is a lot to take in tbh.", "50/50 and no cliff, cool, very casual ask."]
)
def test_reacting_to_their_own_terms_is_not_putting_them_forward(library, text):
    persona = library.get("cofounder-equity")
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert "offer" not in readings[0]["acts"]
    assert not decisions[0].move.startswith("push_back")


@pytest.mark.parametrize(
    ("persona_id", "text"),
    [
        ("client-discount", "and this 18k agency, who is it? bet its two guys in a garage"),
        ("coffee-supplier", "and what do the others pay"),
        ("investor-term-sheet", "which comparables. name one"),
        ("candidate-offer", "Fair enough. Who's the company?"),
        ("coffee-supplier", "who else do u supply, whats their price"),
    ],
)
def test_asking_who_the_rival_is_or_what_others_pay_is_politely_declined(library, persona_id, text):
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert "fact_question" in readings[0]["acts"]
    assert decisions[0].move == "decline_fact" and not decisions[0].disclosures
    assert decisions[0].authored.strip()


def test_yes_to_one_term_while_arguing_the_rest_is_not_a_deal(library):
    persona = library.get("investor-term-sheet")
    text = (
        "the board seat is fine honestly. its the participating pref and the 15% pool that kill me. "
        "a 15% pool pre money is a valuation cut in disguise and u know it"
    )
    readings, decisions, ledger = _talk(persona, "realistic", [text])
    assert decisions[0].move != "agree" and ledger["agreed"] is None
    assert "offer" not in readings[0]["acts"]


@pytest.mark.parametrize(
    ("persona_id", "text"),
    [
        (
            "coffee-supplier",
            "everyone's prices went up, mine too. my milk went up 8%. im not passing an 18% jump on",
        ),
        ("client-discount", "wow ok. we send u a 30 page report every single month helen. its all in there"),
    ],
)
def test_their_own_costs_and_what_is_so_already_are_not_offers(library, persona_id, text):
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert "offer" not in readings[0]["acts"] and not readings[0]["terms"]
    assert decisions[0].move not in ("consider", "counter", "agree") and not decisions[0].move.startswith(
        "push_back"
    )


@pytest.mark.parametrize(
    "text",
    [
        "ok ok. and net 15? WHY",
        "wow, 30% before freight even. ok. and the net 15 thing, thats new too. whats going on there?",
        "ok why net 15 then? we've always been net 30",
    ],
)
def test_why_their_term_gets_the_concern_behind_that_term(library, text):
    persona = library.get("coffee-supplier")
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert not any(p["act"] == "offer" and p["terms"].get("payment_days") == 30 for p in readings[0]["parts"])
    assert [d.item_id for d in decisions[0].disclosures] == ["late_payments"]


@pytest.mark.parametrize("text", ["hmm", "mm", "huh", "umm"])
def test_a_thinking_noise_after_their_proposal_is_not_text_it_cannot_read(library, text):
    persona = library.get("landlord-renewal")
    changes = {"monthly_rent": 4600.0, "annual_increase": 2.5}
    reading, decision, _ = _after_proposal(
        persona, changes, "Could you do 4,600, with 2.5 percent a year?", text
    )
    assert "unclear" not in reading["acts"] and decision.move != "clarify"


@pytest.mark.parametrize(
    "text", ["tmrw after work?", "deal, saturday morning?", "Absolutely. Thursday afternoon work?"]
)
def test_fixing_a_time_for_what_they_proposed_is_a_yes_not_a_yes_no_question(library, text):
    persona = library.get("neighbour-extension")
    line = "A 2.5 metre wall and my surveyor paid. Bring the drawings round and show me in the garden."
    reading, decision, _ = _after_proposal(persona, {"wall_height": 2.5, "surveyor_paid": 1.0}, line, text)
    assert "accept" in reading["acts"] and decision.move != "deflect_closed"


def test_their_view_of_us_played_back_with_so_were_is_a_summary_not_an_offer(library):
    persona = library.get("vendor-deadlines")
    said = [
        "I'll be honest, you're a small account for us. Your orders come out of nowhere. About 2,000 units at a "
        "time, no warning. My automotive customer sends 50,000 with a three-month forecast."
    ]
    text = "so we're small, we order 2k at a time with no warning, and automotive sends 50k with a 3 month forecast."
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said, concerns={"small_account": 1})
    assert readings[0]["acts"] == ["summary"] and decisions[0].move == "warm_up"


@pytest.mark.parametrize("text", ["600k arr 8% mom.", "but at 8% a month we're past 1.2M ARR within a year"])
def test_how_fast_the_company_grows_is_not_an_option_pool_offer(library, text):
    persona = library.get("investor-term-sheet")
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert "offer" not in readings[0]["acts"] and not decisions[0].move.startswith("push_back")


@pytest.mark.parametrize(
    "text",
    [
        "ok. my CEO wont love dropping the penalties. what do i tell him",
        "ok. what would actually make this work for u",
    ],
)
def test_a_bare_ok_before_an_open_question_is_a_nod_not_a_deal(library, text):
    persona = library.get("vendor-deadlines")
    line = "Six weeks of design freeze and one weekly call."
    _, decision, after = _after_proposal(persona, {"design_freeze_weeks": 6.0}, line, text)
    assert decision.move != "agree" and after["agreed"] is None


_GLORIA_COSTS = (
    "The property tax went up 11 percent this year, and my insurance went up 22 percent after the flood."
)


@pytest.mark.parametrize(
    ("persona_id", "said", "concern", "text", "wrong"),
    [
        (  # a year: the crack is from 2019 (and a year she never named at all is no better)
            "neighbour-extension",
            "My kitchen wall has a crack from when number 12 did their loft in 2019. They never paid to fix it.",
            "structural_damage",
            "so number 12 cracked your kitchen wall back in 2021?",
            "2019",
        ),
        (  # a part of the day: it is the afternoon sun
            "neighbour-extension",
            "That wall will take the afternoon sun off my garden. I've looked at the drawings.",
            "garden_light",
            "So the wall would block your morning sun?",
            "afternoon",
        ),
        (  # a length of time written in words: three weeks, not two
            "client-discount",
            "Yes. I have to present my cuts in three weeks. After a weak third quarter I can't come back with nothing.",
            "cfo_mandate",
            "ok so you present in like two weeks and you cant turn up empty handed after a bad Q3",
            "three weeks",
        ),
        (  # the same verb ("went up") says nothing about whose figure it is: 11 was the tax
            "landlord-renewal",
            _GLORIA_COSTS,
            "rising_costs",
            "so your insurance went up 11 percent",
            "22 percent",
        ),
        (  # six months to hire is not the three months they said
            "manager-raise",
            "Nobody else on the team can plan the cross-border runs, and hiring for that takes three months at least.",
            "backfill",
            "so it would take six months to hire someone who can plan the cross-border runs",
            "three months",
        ),
    ],
)
def test_a_play_back_with_the_wrong_year_time_of_day_or_length_is_put_right(
    library, persona_id, said, concern, text, wrong
):
    # typed while rehearsing: each of these got "Yes" and a warmer counterpart, though it was not what they said
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text], said=[said], concerns={concern: 1})
    assert decisions[0].move == "correct_summary", (readings[0], decisions[0])
    assert wrong in decisions[0].authored, decisions[0].authored
    # the correction says what they did say, not "Yes." first
    assert not decisions[0].authored.split("said")[-1].lstrip(". :").startswith("Yes"), decisions[0].authored


@pytest.mark.parametrize(
    ("persona_id", "said", "text"),
    [
        (
            "neighbour-extension",
            "My kitchen wall has a crack from when number 12 did their loft in 2019. They never paid to fix it.",
            "so number 12 cracked your kitchen wall in 2019 and never paid to fix it",
        ),
        (
            "client-discount",
            "I have to present my cuts in three weeks. After a weak third quarter I can't come back with nothing.",
            "so u need a cut u can show the cfo in 3 wks and u cant show up empty handed after a bad q3",
        ),
        (
            "cofounder-equity",
            "A one-year cliff starting now means the six months I've already worked count for nothing.",
            "so 6 mo unpaid, then a fresh 12 mo cliff on top = 18 mo w nothing",
        ),
        (
            "vendor-deadlines",
            "A customer forced penalties on us in 2021. We hit every date and lost money on every order.",
            "so with that 2021 customer you hit every date but lost money on every order",
        ),
        (  # the figure comes before the thing it is on
            "landlord-renewal",
            _GLORIA_COSTS,
            "11 on tax and 22 on insurance, thats brutal",
        ),
        (
            "landlord-renewal",
            _GLORIA_COSTS,
            "11% tax and 22% insurance, yikes",
        ),
    ],
)
def test_the_right_year_or_length_in_other_words_is_faithful(library, persona_id, said, text):
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text], said=[said])
    summary = next(p for p in readings[0]["parts"] if p["act"] == "summary")
    assert summary["faithful"], summary
    assert decisions[0].move != "correct_summary", decisions[0]


def test_saying_it_felt_a_bit_insulting_is_not_an_insult(library):
    # how it landed on them, hedged, is theirs to say: the counterpart does not take offence at it
    persona = library.get("cofounder-equity")
    said = ["I need protection against being pushed out before my shares vest."]
    text = "i would never do that!! thats kind of insulting tbh"
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said, concerns={"cliff_reset": 1})
    assert "insult" not in [p["act"] for p in readings[0]["parts"]], readings[0]["parts"]
    assert decisions[0].move != "react_insult", decisions[0]
    # said flat out, at them, it still is one
    readings, decisions, _ = _talk(persona, "realistic", ["Honestly? It's insulting."], said=said)
    assert "insult" in [p["act"] for p in readings[0]["parts"]], readings[0]["parts"]


@pytest.mark.parametrize(
    ("text", "jibe"),
    [
        ("So 165, huh. Bold.", True),
        ("20% off, just like that. bold move", True),
        ("so 85 ppl and u still cant ship on time lol", True),
        ("I'll be bold and ask for 170", False),
    ],
)
def test_a_sarcastic_jibe_is_taken_as_one(library, text, jibe):
    persona = library.get("candidate-offer")
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert ("insult" in [p["act"] for p in readings[0]["parts"]]) is jibe, readings[0]["parts"]
    assert (decisions[0].move == "react_insult") is jibe, decisions[0]


@pytest.mark.parametrize(
    ("persona_id", "text"),
    [
        (
            "coffee-supplier",
            "tomas!! hi hi, the place smells incredible as always. how was the drive back from the market?",
        ),
        ("coffee-supplier", "hey! yes. omg they finally have the pistachio croissants back. want half?"),
        (
            "investor-term-sheet",
            "hi Rebecca! thank you so much for making time. is it snowing in boston? it's crazy here",
        ),
    ],
)
def test_chit_chat_gets_chit_chat_not_a_concern_or_a_curt_answer(library, persona_id, text):
    # "the market" is a word of one of Tomás's worries; the drive back from it is still small talk
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert decisions[0].move == "small_talk", (readings[0]["parts"], decisions[0])
    assert not decisions[0].disclosures, decisions[0]


@pytest.mark.parametrize(
    ("persona_id", "changes", "line", "text", "term", "value"),
    [
        (  # 12 is both the pre-money and the pool: her line ended on the pool
            "investor-term-sheet",
            {"pre_money": 12, "option_pool": 12},
            "$3M at $12M pre, one board seat, a twelve percent pool, non-participating.",
            "12 is too much. 10.",
            "option_pool",
            10,
        ),
        (
            "manager-raise",
            {"trial_days": 90},
            "That's the shape I can work with. I'd want 90 days, and a handover plan for your routes.",
            "90 is too long. 75.",
            "trial_days",
            75,
        ),
    ],
)
def test_a_bare_figure_after_turning_one_of_theirs_down_is_that_term(
    library, persona_id, changes, line, text, term, value
):
    # "75." alone had been read as a $75,000 salary, "10." as a $10M pre-money
    persona = library.get(persona_id)
    reading, _, _ = _after_proposal(persona, changes, line, text)
    assert reading["terms"] == {term: value}, reading["parts"]


def test_a_yes_to_a_package_played_back_with_other_figures_is_a_yes_to_those_figures(library):
    # typed in a rehearsal with Marcus: after his 75-day counter, "ok so 76 after a 60 day trial … deal?" (a play-back
    # of the package with 60 days) closed the deal on 75 days, reciting a term the person had just said otherwise
    persona = library.get("manager-raise")
    lines = [
        "hey marcus, got a sec? its about my pay",
        "so ive been covering the night lead for like 6 weeks now and im still on 68. i think i should be at 78",
        "why not?",
        "what would the VP need to see from you",
        "what worries u about me leading the team",
        "fair. what if I do a 60 day trial as lead and we set the pay at 76 when I pass it",
    ]
    readings, decisions, _ = _talk(persona, "realistic", lines)
    assert decisions[-1].move == "counter" and decisions[-1].terms["trial_days"] != 60, decisions[-1]
    readings, decisions, _ = _talk(
        persona, "realistic", [*lines, "ok so 76 after a 60 day trial, handover plan, priya trained. deal?"]
    )
    assert readings[-1]["terms"].get("trial_days") == 60, readings[-1]["parts"]
    assert decisions[-1].move != "agree" or decisions[-1].terms["trial_days"] == 60, decisions[-1]


def test_a_play_back_announced_in_its_own_sentence_is_a_summary_not_an_offer(library):
    # "let me make sure I have it." then her figures in the second person, then "Have I missed anything?": she
    # hears her own situation played back, not 162 and 18k put to her as terms (and no "yes" to a deal).
    persona = library.get("candidate-offer")
    said = [
        "I have another offer at $162,000 base, and I have to answer them by Friday.",
        "About $18,000 vests in June. If I start with you in March, I lose all of it.",
        "Two fixed days at home every week. Fixed and written down.",
    ]
    text = (
        "OK, let me make sure I have it. You've got 162 on the table elsewhere with a Friday deadline, you'd lose "
        "about 18k of stock that vests in June if you start in March, and you need two fixed home days, in "
        "writing. Have I missed anything?"
    )
    readings, decisions, ledger = _talk(persona, "realistic", [text], said=said)
    assert readings[0]["parts"][1]["act"] == "summary", readings[0]["parts"]
    assert decisions[0].move != "agree", decisions[0]
    assert not [o for o in ledger["offers"] if o["by"] == "user"], ledger["offers"]


@pytest.mark.parametrize(
    ("persona_id", "said", "text", "answer"),
    [
        ("coffee-supplier", [], "so wait the 16.80 is per bag or per kilo?", "$16.80 a kilo"),
        (
            "coffee-supplier",
            ["Green coffee has gone up a lot. I can't keep selling you the blend at $14.20 a kilo."],
            "wait is it 14.20 we pay now or 14.80, i forget",
            "$14.20 a kilo",
        ),
        (
            "client-discount",
            ["We need the retainer down 20 percent from February."],
            "hi helen. um ok. 20 percent of what exactly, the whole 24k?",
            "down 20 percent",
        ),
    ],
)
def test_a_question_about_what_their_own_figure_means_gets_the_figure_said_plainly(
    library, persona_id, said, text, answer
):
    # A confused person checking a number is not haggling: no "what's in it for me?", no concern out of nowhere,
    # and nothing they said is recorded as an offer.
    persona = library.get(persona_id)
    readings, decisions, ledger = _talk(persona, "realistic", [text], said=said)
    # (a yes/no about its figure is answered short, an open "of what exactly" as a fact: either way, the figure)
    assert decisions[0].move in ("answer_fact", "deflect_closed"), (readings[0]["parts"], decisions[0])
    assert answer in decisions[0].authored, decisions[0].authored
    assert not [o for o in ledger["offers"] if o["by"] == "user"], ledger["offers"]


@pytest.mark.parametrize(
    ("text", "corrected"),
    [
        ("Right. So the other offer is at 165 and you need to get back to them by Friday.", True),
        ("ok so you want 165 and they offer 162", False),
        ("ok so you want 162 and they offer 165", True),
    ],
)
def test_a_figure_in_thousands_put_on_the_wrong_offer_is_put_right(library, text, corrected):
    # She asked for $165,000 and has $162,000 elsewhere: "165" for the other offer swaps them.
    persona = library.get("candidate-offer")
    said = [
        "I asked for $165,000. I have another offer at $162,000 base, and I have to answer them by Friday."
    ]
    _, decisions, _ = _talk(persona, "realistic", [text], said=said, concerns={"competing_offer": 1})
    assert (decisions[0].move == "correct_summary") is corrected, decisions[0]
    if corrected:
        assert "$162,000" in decisions[0].authored, decisions[0].authored


@pytest.mark.parametrize(
    ("persona_id", "changes", "line", "text"),
    [
        (
            "candidate-offer",
            {"base_salary": 165000},
            "I asked for $165,000. I have another offer at $162,000 base.",
            "ok. sorry just to be clear, is the other one a real offer or like an interview stage thing",
        ),
        (
            "cofounder-equity",
            {"lena_equity": 50, "months_credited": 6, "cliff_months": 0},
            "A one-year cliff starting now means the six months I've already worked count for nothing.",
            "everyone starts from zero when we incorporate, thats how it works",
        ),
    ],
)
def test_an_ok_before_a_question_or_an_argument_is_no_yes_to_its_terms(
    library, persona_id, changes, line, text
):
    persona = library.get(persona_id)
    reading, decision, after = _after_proposal(persona, changes, line, text)
    assert decision.move != "agree", (reading["parts"], decision)
    assert not after.get("agreed"), after.get("agreed")


def test_a_play_back_announced_once_runs_on_through_its_sentences(library):
    # "a cliff starting now wipes out your 6 months" inside it is what she said, not a 6-month cliff offered.
    persona = library.get("cofounder-equity")
    said = [
        "50/50. My six months counted toward vesting, and no cliff. I've written every line of this product, and "
        "at 60/40 I feel like your first hire, not your co-founder.",
        "If either of us leaves before the first year is up, we get nothing at all. Which is my problem with it: "
        "a 1-year cliff starting now means the six months I've already worked count for nothing.",
        "I believe you mean it today. I'd still like it in writing. I need protection against being pushed out "
        "before my shares vest.",
        "If you asked what else worries me: who decides on the product. I need to know I have real authority "
        "over technical decisions, not just a title.",
        "Last month you promised the Maple Dental pilot a reporting feature without asking me.",
    ]
    text = (
        "ok let me try to say it back. you've built the whole product and 60/40 makes you feel like an employee, "
        "not a cofounder. a cliff starting now wipes out your 6 months, and you're scared of being pushed out "
        "before you vest. and you need the real say on tech, so i dont promise stuff like the maple dental thing "
        "again. did i miss anything?"
    )
    readings, decisions, ledger = _talk(
        persona, "realistic", ["ok no cliff + 6 months credit.", text], said=said
    )
    assert [p["act"] for p in readings[1]["parts"]][1:3] == ["summary", "summary"], readings[1]["parts"]
    assert decisions[1].move != "agree", decisions[1]


@pytest.mark.parametrize("text", ["18k for what exactly?", "18k for what exactly"])
def test_their_rivals_figure_asked_about_is_no_offer_of_it(library, text):
    # The agency asking what the rival's 18k covers is not offering to work for 18k.
    persona = library.get("client-discount")
    said = ["Twenty, because another agency has quoted us $18,000 a month. I'd be foolish not to look at it."]
    readings, decisions, ledger = _talk(persona, "realistic", [text], said=said)
    assert readings[0]["parts"][0]["act"] == "open_question", readings[0]["parts"]
    assert decisions[0].move != "agree", decisions[0]
    assert not [o for o in ledger["offers"] if o["by"] == "user"], ledger["offers"]


@pytest.mark.parametrize(
    "text",
    [
        "¿y qué más te preocupa? sorry, duolingo streak",
        "ok. Und wie lange sind Sie schon dort? sorry my mum is german",
    ],
)
def test_a_question_in_another_language_with_an_aside_gets_the_language_reply(library, text):
    # The apology is about the language; the question in it still needs an answer in English, not "no harm done".
    persona = library.get("cofounder-equity")
    _, decisions, _ = _talk(persona, "realistic", [text])
    assert decisions[0].move == "other_language", decisions[0]


def test_a_keyboard_mash_starting_with_k_is_not_an_ok(library):
    persona = library.get("vendor-deadlines")
    _, decisions, _ = _talk(persona, "realistic", ["kdjfh"])
    assert decisions[0].move == "clarify", decisions[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sorry, say that again? the kettle was loud", "Digging right next to my wall worries me."),
        ("sorry what did you say about the bedroom again", "My bedroom is at the back."),
    ],
)
def test_asked_to_say_it_again_it_says_it_again(library, text, expected):
    persona = library.get("neighbour-extension")
    said = [
        "My bedroom is at the back. I don't feel safe with strangers able to see straight in.",
        "Digging right next to my wall worries me. Old houses crack.",
    ]
    turns = [
        {
            "role": "counterpart",
            "text": said[0],
            "disclosures": [{"item_id": "scaffolding_privacy", "layer": 0, "text": said[0]}],
        },
        {"role": "user", "text": "go on"},
        {"role": "counterpart", "text": said[1], "disclosures": []},
    ]
    _, decision = _after(persona, turns, text, {"scaffolding_privacy": 1})
    assert decision.move == "recap", decision
    assert expected.lower() in decision.authored.lower(), decision.authored


@pytest.mark.parametrize(
    ("persona_id", "text"),
    [
        ("landlord-renewal", "fair. how did your daughters soccer game go btw"),
        ("manager-raise", "ok how's the marathon training going?"),
        ("vendor-deadlines", "hey dieter. did u catch the match last night?"),
    ],
)
def test_asking_about_their_life_gets_a_word_back_not_a_concern_or_a_shrug(library, persona_id, text):
    # People ask after the game or the training mid-negotiation; a person answers in a word and steers back,
    # neither disclosing a worry ("game" is no window into the business) nor calling it off the subject.
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert decisions[0].move == "small_talk", (readings[0]["parts"], decisions[0])
    assert not decisions[0].disclosures, decisions[0]


_HOSPICE = (
    "I volunteer nights at the hospice on Tuesdays and Wednesdays, so I sleep until noon the next day. "
    "Drilling on those mornings would finish me."
)


@pytest.mark.parametrize(
    ("text", "faithful"),
    [
        ("So Tuesday and Wednesday mornings you're asleep after the hospice shifts.", False),
        ("So on Thursday and Friday morning you sleep, after the hospice.", False),
        ("so wednesday and thursday mornings have to be quiet, after the hospice", True),
        ("so tuesday and wednesday nights youre at the hospice and you sleep in after", True),
    ],
)
def test_a_play_back_that_gets_her_days_wrong_is_corrected_and_one_that_gets_them_right_is_not(
    library, text, faithful
):
    # Her nights are Tuesdays and Wednesdays, so the mornings to keep quiet are Wednesday and Thursday: the day
    # a builder would drill on is the fact the whole schedule turns on, and a play-back that moves it is no summary.
    persona = library.get("neighbour-extension")
    reading, decision = _after(persona, _told("work_disruption", _HOSPICE), text, {"work_disruption": 1})
    assert reading["parts"][-1]["act"] == "summary", reading["parts"]
    if faithful:
        assert decision.move == "warm_up", decision
    else:
        assert decision.move == "correct_summary", decision
        assert "tuesdays and wednesdays" in decision.authored.lower(), decision.authored


@pytest.mark.parametrize(
    "text",
    [
        "amazing. saturday morning with a tape measure, deal.",
        "sat morning w the tape measure",
        "Saturday morning with the tape measure, then.",
    ],
)
def test_putting_a_day_on_the_step_she_proposed_is_a_yes_not_a_play_back(library, text):
    persona = library.get("neighbour-extension")
    line = (
        "Oh. Well, that's everything I'd have asked for. Yes. Bring the drawings round and show me with a tape "
        "measure in the garden where the wall goes, and I'll sign."
    )
    reading, decision, _ = _after_proposal(
        persona, {"wall_height": 2.5, "surveyor_paid": 1, "damage_guarantee": 1}, line, text
    )
    assert "accept" in reading["acts"] and "summary" not in reading["acts"], reading["parts"]
    assert decision.move in ("agree", "acknowledge"), decision


@pytest.mark.parametrize(
    ("text", "faithful"),
    [
        ("so they're at 165 and you need to tell them by friday", False),
        ("ok so the other place is at 165 and u need to tell them by friday?", False),
        ("so they're at 162 and you need to answer them by friday", True),
        ("so 162k over there vs our 145, and friday is the deadline", True),
    ],
)
def test_her_own_ask_given_as_the_rival_offer_is_corrected(library, text, faithful):
    # 165 is what she asked Loomwork for; the other offer is 162. Mixing them up is the play-back people get wrong
    # most, and a counterpart that says "that's right" to it teaches them nothing.
    persona = library.get("candidate-offer")
    line = "I have another offer at $162,000 base, and I have to answer them by Friday."
    reading, decision = _after(persona, _told("competing_offer", line), text, {"competing_offer": 0})
    assert "summary" in reading["acts"], reading["parts"]
    if faithful:
        assert decision.move == "warm_up", decision
    else:
        assert decision.move == "correct_summary", decision
        assert "162,000" in decision.authored, decision.authored


@pytest.mark.parametrize(
    "text", ["ouch ok. what did ur old agency do that u liked", "What did you have before us that worked?"]
)
def test_asking_what_worked_with_the_old_agency_gets_her_story_not_the_rival_quote(library, text):
    # A window into her past: what she tried before and how it went. The rival's cheaper quote answers a
    # different question.
    persona = library.get("client-discount")
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert [d.item_id.split(":")[0] for d in decisions[0].disclosures] == ["past"], decisions[0]
    assert "18,000" not in decisions[0].authored, decisions[0].authored


def test_an_offer_far_below_what_it_can_take_is_not_closer_however_it_is_framed(library):
    # Direct debit answers his late-payments worry, but $14.20 a kilo is below what he can sell at: "That's
    # closer" would tell the user they are nearly there. He puts his numbers back instead.
    persona = library.get("coffee-supplier")
    _, decisions, _ = _talk(
        persona,
        "realistic",
        ["we'll go direct debit so you're paid on time, and could you do 14.20 a kilo?"],
        concerns={"late_payments": 1},
    )
    assert decisions[0].move == "counter", decisions[0]
    assert "closer" not in decisions[0].authored.lower(), decisions[0].authored
    assert decisions[0].terms and decisions[0].terms["price_per_kg"] > 14.2, decisions[0].terms


@pytest.mark.parametrize(
    "text",
    [
        "15.80. hm. ok. can I think about it overnight and text you tmrw? sorry, I just want to check the numbers",
        "ok. I want to check the numbers first",
        "hmm ok, could I sleep on it?",
    ],
)
def test_an_ok_while_asking_to_think_it_over_is_no_deal(library, text):
    # An "ok" on the way to "can I think about it overnight" is someone taking the number in. Closing the deal on it
    # (and reciting a whole package) is the false yes people reported.
    persona = library.get("coffee-supplier")
    line = "I could do $15.80 a kilo with a 12-month agreement, net 15, 50 kilos a week and direct debit."
    changes = {
        "price_per_kg": 15.8,
        "term_months": 12,
        "payment_days": 15,
        "weekly_volume": 50,
        "direct_debit": 1,
    }
    reading, decision, after = _after_proposal(persona, changes, line, text)
    assert "accept" not in reading["acts"], reading["parts"]
    assert decision.move != "agree" and not after.get("agreed"), decision


@pytest.mark.parametrize(
    ("text", "price"),
    [("yo 16.80 is nuts 1450 and were good", 14.5), ("16.80 is crazy. 15.20 and we're good", 15.2)],
)
def test_laughing_off_their_price_is_no_yes_to_it(library, text, price):
    # Typed as the first reply to the roaster's $16.80: it closed the deal at $16.80 because "good" is a yes-word.
    persona = library.get("coffee-supplier")
    readings, decisions, ledger = _talk(persona, "hard", [text])
    assert "accept" not in readings[0]["acts"], readings[0]["parts"]
    assert readings[0]["terms"] == {"price_per_kg": price}, readings[0]["parts"]
    assert decisions[0].move != "agree" and not ledger.get("agreed"), decisions[0]


@pytest.mark.parametrize(
    ("text", "sneer"),
    [
        ("so basically u cant do anything and karl decides everything. great system", True),
        ("so u cant promote me bc im too good at my job. great", True),
        ("so nothing moves until the freeze lifts in july. great, that helps", False),
    ],
)
def test_a_play_back_with_a_sneer_after_it_is_no_faithful_summary(library, text, sneer):
    # "great" after "you can't do anything" is not a thank-you: he does not warm up to being told he is powerless.
    persona = library.get("manager-raise")
    line = (
        "There's a freeze on. Salaries don't move until 1 July, for anyone. Karl signs off on every change."
    )
    reading, decision = _after(persona, _told("budget_freeze", line), text, {"budget_freeze": 1})
    assert reading["parts"][0]["act"] == "summary", reading["parts"]
    if sneer:
        assert decision.move != "warm_up" and not reading["parts"][0]["faithful"], decision
    else:
        assert decision.move == "warm_up", decision


_MULTIPLES = (
    "Seed rounds for vertical software at your revenue have been pricing at 15 to 18 times recurring revenue. "
    "You're asking for 20 times."
)


@pytest.mark.parametrize(
    ("text", "faithful"),
    [
        ("so 15 to 18 times our 600k. so like 9 to 10.8", True),
        ("ok 15 to 18 times ARR, so 9 to almost 11 million, and 12 would be 20x. fair summary?", True),
        ("so 10 is like 16-17x which is in the range, and 12 is 20x. ok. that makes sense", True),
        ("so 10 is like 25 times which is way over the range", False),
        ("So your comps say 15–18x ARR, which on 600k is 9 to 10.8, and I'm asking 20x.", True),
    ],
)
def test_working_out_her_multiples_is_a_faithful_play_back(library, text, faithful):
    # A founder who does the sums ("15 to 18 times 600k is 9 to 10.8") is listening hard; "Close, but no" to that
    # teaches them to stop. A multiple that does not follow from the figures is still put right.
    persona = library.get("investor-term-sheet")
    reading, decision = _after(persona, _told("ownership_target", _MULTIPLES), text, {"ownership_target": 2})
    summaries = [p for p in reading["parts"] if p["act"] == "summary"]
    assert summaries, reading["parts"]
    assert all(p["faithful"] for p in summaries) is faithful, summaries
    assert (decision.move == "correct_summary") is not faithful, decision


@pytest.mark.parametrize(
    ("text", "faithful"),
    [
        ("so number 12 paid for it in the end but it took ages", False),
        ("so number 12 cracked your wall and then paid to have it patched?", False),
        ("so number 12 cracked your kitchen wall and never paid to fix it", True),
        ("so they did their loft, your wall cracked, and they didn't pay a penny", True),
    ],
)
def test_a_play_back_that_says_they_paid_when_they_never_did_is_corrected(library, text, faithful):
    persona = library.get("neighbour-extension")
    said = [
        "It already has. My kitchen wall cracked when number 12 did their loft in 2019. They never paid to fix it."
    ]
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said, concerns={"structural_damage": 2})
    assert "summary" in readings[0]["acts"]
    if faithful:
        assert decisions[0].move == "warm_up", decisions[0]
    else:
        assert decisions[0].move == "correct_summary" and "never paid" in decisions[0].authored


@pytest.mark.parametrize(
    ("text", "faithful"),
    [
        ("right, til june 1st. so basically nothing til then", False),
        ("so nothing moves on pay before august", False),
        ("so nothing moves on salaries till july", True),
        ("ok so frozen until 1 July for everyone", True),
    ],
)
def test_a_play_back_that_gets_the_month_wrong_is_corrected_with_the_month_she_said(library, text, faithful):
    persona = library.get("manager-raise")
    said = ["You know there's a freeze on. Salaries don't move until 1 July, for anyone."]
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said, concerns={"budget_freeze": 1})
    assert "summary" in readings[0]["acts"]
    if faithful:
        assert decisions[0].move == "warm_up", decisions[0]
    else:
        assert decisions[0].move == "correct_summary" and "1 July" in decisions[0].authored, decisions[0]


@pytest.mark.parametrize("text", ["so u think im bad w drivers", "so you think I'm gonna lie to you"])
def test_a_verdict_on_the_person_put_in_her_mouth_is_no_faithful_summary(library, text):
    persona = library.get("manager-raise")
    said = [
        "It counts. But two drivers called me at home instead of you that month. What I'm really afraid of is "
        "moving my best planner into a lead job that goes badly, and losing both."
    ]
    readings, decisions, _ = _talk(
        persona, "realistic", [text], said=said, concerns={"leadership_readiness": 3}
    )
    assert decisions[0].move != "warm_up", (readings[0]["parts"], decisions[0])


@pytest.mark.parametrize(
    ("persona_id", "text"),
    [
        ("coffee-supplier", "lol we're one of ur big ones?? didnt know that how many cafes do u do"),
        (
            "landlord-renewal",
            "right sorry lol numbers r not my thing how long have u had the building anyway",
        ),
    ],
)
def test_a_question_typed_on_after_a_remark_with_no_stop_gets_answered(library, persona_id, text):
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert "fact_question" in readings[0]["acts"], readings[0]["parts"]
    assert decisions[0].move == "answer_fact", decisions[0]


@pytest.mark.parametrize(
    "text",
    [
        "so the bank cares how long the leases r",
        "i dont know how many we need",
        "ok so how many do you do",
        "So the refinance is about the roof, and you don't know yet how the bank will look at it",
    ],
)
def test_a_question_inside_a_sentence_is_not_split_off(text):
    from simulator.reading import split_parts

    assert split_parts(text) == [text]


@pytest.mark.parametrize("text", ["cute cat whats her name", "Oh poor cat! What is his name?"])
def test_asking_the_cats_name_is_small_talk_not_a_concern(library, text):
    persona = library.get("neighbour-extension")
    said = ["That's Biscuit on the wall. She sits there all afternoon, it's the only sunny spot left."]
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said)
    assert decisions[0].move in ("small_talk", "open") and not decisions[0].disclosures, decisions[0]


def test_a_faithful_play_back_before_an_offer_is_taken_before_the_offer_is_weighed(library):
    persona = library.get("coffee-supplier")
    said = [
        "My importer raised my contract price by about 30 percent, and that's before freight.",
        "I took a loan in 2023 for the new 15-kilo roaster, and the repayment leaves my account on the 1st of every "
        "month.",
    ]
    text = (
        "OK, let me play back where I think we are. You're carrying a 30 percent jump from your importer, and you "
        "need money in before the 1st because of the roaster loan. So here's what I'd propose: 60 kilos every week, "
        "direct debit at net 30 so the money lands on a known date, and $15.20 a kilo."
    )
    readings, decisions, _ = _talk(
        persona, "realistic", [text], said=said, concerns={"green_costs": 2, "late_payments": 3}
    )
    decision = decisions[0]
    assert decision.move in ("consider", "counter", "agree"), decision
    assert decision.before and decision.before[0]["move"] == "ack_summary", decision.before
    assert decision.authored.startswith(("Yes", "That's", "Right", "Exactly")), decision.authored


@pytest.mark.parametrize(
    "persona_id",
    ["coffee-supplier", "landlord-renewal", "manager-raise", "neighbour-extension", "vendor-deadlines"],
)
def test_small_talk_gets_a_word_back_that_fits_what_was_said(library, persona_id):
    persona = library.get(persona_id)
    said = [
        "hey how are you",
        "want a coffee?",
        "love the new sign outside",
        "can i get you anything",
        "nice weather today",
        "your place is gorgeous",
    ]
    readings, decisions, _ = _talk(persona, "easy", said)
    for text, reading, decision in zip(said, readings, decisions, strict=True):
        assert reading["acts"] == ["small_talk"] and decision.move == "small_talk", (text, reading["parts"])
    how_are_you, coffee, sign, anything, day, gorgeous = (d.authored for d in decisions)
    assert "to ask" not in gorgeous and "grumble" not in gorgeous, (
        gorgeous
    )  # praise is thanked, not a question
    # an offer of a drink is thanked or turned down, not answered like "how are you" or a compliment
    assert "nice of you to say" not in coffee and "grumble" not in coffee and "to ask" not in coffee, coffee
    assert "nice of you to say" not in how_are_you, how_are_you
    # a remark is not answered as if it were "how are you?", nor a weather remark as a compliment
    assert "to ask" not in sign and "to ask" not in day and "nice of you to say" not in day, (sign, day)
    lines = [d.authored for d in decisions]
    assert all(a != b for a, b in zip(lines, lines[1:], strict=False)), (
        lines
    )  # never the same line twice running


@pytest.mark.parametrize("text", ["oh no. is it our deliveries at 5?", "is it the deliveries at 5am"])
def test_asking_whether_it_is_what_we_do_now_is_no_offer_of_it(library, text):
    persona = library.get("landlord-renewal")
    said = [
        "The tenants upstairs are complaining about your early deliveries. It's becoming a problem for me."
    ]
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said, concerns={"delivery_noise": 1})
    assert "offer" not in readings[0]["acts"], readings[0]["parts"]
    assert not decisions[0].move.startswith("push_back"), decisions[0]


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("and we need the 6000 units by sept 15, can u commit to that", {}),
        ("I need 6,000 units on Sept 15", {}),
        ("can you commit to 6000 units a quarter", {"quarterly_units": 6000.0}),
        ("4000 units a quarter starting in march", {"quarterly_units": 4000.0}),
    ],
)
def test_one_order_due_by_a_date_is_no_quarterly_commitment(library, text, terms):
    assert _terms(library, "vendor-deadlines", text) == terms


def test_miss_it_and_you_pay_is_a_threat(library):
    persona = library.get("vendor-deadlines")
    said = [
        "Your engineers keep changing the drawings after we've started cutting. That's where the delay comes from."
    ]
    text = "they make u care tho. 6000 units ship sept 15, miss it and u pay. simple"
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said, concerns={"late_changes": 1})
    assert "pressure" in readings[0]["acts"], readings[0]["parts"]
    assert decisions[0].move in ("push_back_pressure", "walk_away"), decisions[0]


@pytest.mark.parametrize("text", ["ok what would help u most from our side", "what could we do for you here"])
def test_asking_what_would_help_them_gets_what_they_need(library, text):
    persona = library.get("vendor-deadlines")
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert [d.item_id.split(":")[0] for d in decisions[0].disclosures] == ["need"], decisions[0]


def test_a_play_back_of_what_it_was_about_to_say_is_confirmed_not_told_back_as_news(library):
    persona = library.get("cofounder-equity")
    said = [
        "The investors we've met talk to you and glance at me. The split is where what I do shows up in writing."
    ]
    text = "so the 6 months u worked for free count for nothing under the draft and u want them credited"
    readings, decisions, _ = _talk(
        persona, "realistic", [text], said=said, concerns={"founder_recognition": 3}
    )
    decision = decisions[0]
    assert decision.move == "warm_up", decision
    assert "count for nothing" not in decision.authored, decision.authored
    assert "cliff_reset" in [d.item_id for d in decision.disclosures]  # what it confirmed is on the table now


@pytest.mark.parametrize(
    "text",
    ["so about the equity split, i was thinking 60/40 like we said", "i was thinking 60/40 like we agreed"],
)
def test_the_handshake_split_put_forward_again_is_an_offer_not_a_play_back(library, text):
    persona = library.get("cofounder-equity")
    readings, decisions, _ = _talk(persona, "realistic", [text], said=["So, the lawyer's draft."])
    assert "offer" in readings[0]["acts"] and "summary" not in readings[0]["acts"], readings[0]["parts"]
    assert readings[0]["terms"] == {"lena_equity": 40.0}
    assert decisions[0].move != "warm_up", decisions[0]


def test_a_play_back_of_the_figures_it_was_about_to_give_is_confirmed_not_repeated(library):
    persona = library.get("investor-term-sheet")
    said = [
        "At $600,000 in revenue, $12M is a stretch. The comparable deals I see are closer to $10M. That's not "
        "negotiable by itself, but it matters."
    ]
    text = "ok so comps are 15-18x arr and on 600k thats 9 to 10.8"
    readings, decisions, _ = _talk(persona, "hard", [text], said=said, concerns={"ownership_target": 1})
    decision = decisions[0]
    assert decision.move == "warm_up", decision
    assert "15 to 18 times" not in decision.authored, decision.authored


@pytest.mark.parametrize(
    "persona_id", ["manager-raise", "landlord-renewal", "coffee-supplier", "candidate-offer"]
)
def test_a_line_run_into_its_lead_in_is_not_capitalised_mid_sentence(library, persona_id):
    from simulator.lines import fill_content, proper_nouns

    names = proper_nouns(library.get(persona_id))
    assert (
        fill_content("Look, {content}", "You know there's a freeze on.", names)
        == "Look, you know there's a freeze on."
    )
    assert (
        fill_content("Honestly, {content}", "The roof needs doing.", names)
        == "Honestly, the roof needs doing."
    )
    assert "I" in names  # "Look, I know" keeps its capital


@pytest.mark.parametrize(
    "text", ["perfect.", "Brilliant!", "perfect. drawings + forecast by friday. danke, Dieter!"]
)
def test_perfect_to_the_terms_it_just_put_is_a_yes(library, text):
    persona = library.get("vendor-deadlines")
    line = (
        "Six I can work with if the drawings really stop. Send me the forecast and the final drawings by the end of "
        "this week, and you'll have 15 September in writing."
    )
    changes = {"penalty_clauses": 0, "design_freeze_weeks": 6, "forecast_months": 3, "sept_confirmed": 1}
    reading, decision, _ = _after_proposal(persona, changes, line, text)
    assert "accept" in reading["acts"], reading["parts"]
    assert decision.move in ("agree", "acknowledge"), decision


@pytest.mark.parametrize(
    "persona_id",
    ["client-discount", "coffee-supplier", "landlord-renewal", "neighbour-extension", "vendor-deadlines"],
)
def test_a_question_about_what_happened_gets_no_answer_that_looks_ahead(library, persona_id):
    persona = library.get(persona_id)
    asked = ["was it always like this?", "oh no. did they ever fix it?", "has that happened before?"] * 2
    readings, decisions, _ = _talk(persona, "hard", asked)
    answers = [d.authored for d in decisions if d.move == "deflect_closed"]
    assert answers, [d.move for d in decisions]
    for answer in answers:
        assert not any(w in answer for w in ("We'll see", "yet", "No promises", "epends")), answers


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("could i run a small team on a trial basis? like 3 months and we review", {"trial_days": 90.0}),
        ("a 3 month trial", {"trial_days": 90.0}),
        ("acting lead for 3 months then", {"trial_days": 90.0}),
        ("60 day trial. and we review pay in 3 months", {"trial_days": 60.0}),
        ("trial, and in 3 months we talk pay", {}),
        ("I covered it 6 weeks, came in on my days off", {}),
        ("a two-month trial worked last time. ok", {}),
        # a period written without a digit, and acting up said in other words
        ("what if i run nights as lead for the next quarter and we review at the end", {"trial_days": 90.0}),
        ("i could act as lead for a month first", {"trial_days": 30.0}),
        ("try me out for two quarters", {"trial_days": 180.0}),
        ("a $2000 spot bonus this quarter", {"spot_bonus": 2000.0}),
    ],
)
def test_a_trial_in_months_is_counted_in_days(library, text, terms):
    assert _terms(library, "manager-raise", text) == terms


@pytest.mark.parametrize(
    ("persona_id", "standing", "text", "terms"),
    [
        (
            "manager-raise",
            {"salary": 77000},
            "77... can u do 78, thats a round 10k over what i'm on now",
            {"salary": 78000.0},
        ),
        (
            "landlord-renewal",
            {"annual_increase": 3, "lease_years": 5},
            "3% a year tho, can u do 2",
            {"annual_increase": 2.0},
        ),
        (
            "landlord-renewal",
            {"monthly_rent": 4500},
            "Now the rent, 4500 is more than I want, can we meet in the middle, 4450?",
            {"monthly_rent": 4450.0},
        ),
        ("landlord-renewal", {"monthly_rent": 4500}, "4500 is fine", {"monthly_rent": 4500.0}),
    ],
)
def test_their_figure_said_back_before_an_ask_is_not_offered(library, persona_id, standing, text, terms):
    assert _terms(library, persona_id, text, standing) == terms


def test_a_figure_offered_after_turning_theirs_down_is_on_the_same_term(library):
    persona = library.get("vendor-deadlines")
    said = [
        "Eight weeks on the freeze. That's what my automotive customer does. Forecast, one contact, weekly call, fine."
    ]
    ledger = L.new_ledger(persona)
    ledger["standing"] = {**ledger["standing"], "design_freeze_weeks": 8, "forecast_months": 3}
    turns = [{"role": "counterpart", "text": t, "disclosures": []} for t in ("Hello.", *said)]
    reading = read_turn(
        persona,
        ledger,
        "8 is too long for our engineers. i can do 6, and the final sept drawings by friday",
        turns,
    )
    offers = [p for p in reading["parts"] if p["act"] == "offer"]
    assert offers and offers[0]["terms"] == {"design_freeze_weeks": 6.0}, reading["parts"]


def test_a_figure_asked_about_with_a_verb_after_it_is_still_offered(library):
    assert _terms(
        library, "neighbour-extension", "would 2.8 keep some sun on the roses?", {"wall_height": 2.5}
    ) == {"wall_height": 2.8}
    assert _terms(library, "client-discount", "Can I ask what the 18k covers?", {}) == {}


def test_a_play_back_with_a_wrong_figure_is_put_right_before_the_offer_after_it_is_weighed(library):
    persona = library.get("candidate-offer")
    said = ["About $18,000 of my stock vests in June. If I started with you in March, I'd lose all of it."]
    text = "ok so u'd lose like 15k of stock by starting in march sorry, I could maybe do a signing bonus? like would 10k help?"
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said, concerns={"unvested_stock": 2})
    decision = decisions[0]
    assert decision.move in ("consider", "counter"), decision
    assert [b["move"] for b in decision.before][:1] == ["correct_summary"], decision.before
    assert "18" in decision.authored, decision.authored


def test_terms_said_back_take_an_before_a_figure_said_with_a_vowel(library):
    from simulator.offers import describe_terms

    persona = library.get("candidate-offer")
    said = describe_terms(persona.issues, {"signing_bonus": 18000})
    assert said.startswith("an $18,000"), said
    assert describe_terms(persona.issues, {"signing_bonus": 12000}).startswith("a $12,000")


@pytest.mark.parametrize(
    ("persona_id", "said", "text"),
    [
        (
            "landlord-renewal",
            "Good to see you. Coffee?",
            "sorry!! french brain at this hour. i've been up since 4",
        ),
        (
            "coffee-supplier",
            "The machine we lent you needed six callouts last year, and I pay for every one.",
            "6 callouts in a year, damn. so ur paying every time it breaks down.",
        ),
        (
            "client-discount",
            "The other agency quoted us $18,000 a month.",
            "ok. honestly 18k for what we do is impossible, theyre lowballing u and u know it",
        ),
        (
            "client-discount",
            "Nobody here reads a 30-page report.",
            "ok right. too long to read, not hiding. so if u had something u could actually read, like one page, what would u do with it",
        ),
        (
            "client-discount",
            "The other agency quoted us $18,000 a month for search and social.",
            "hi helen. ok so straight up, ur saying the other lot can do what we do for 18k. thats what im hearing",
        ),
        (
            "candidate-offer",
            "About $18,000 of my stock vests in June. If I started in March, I'd lose all of it.",
            "so two things. ud be walking away from 18k of stock that vests in june if u start in march. did i get that",
        ),
    ],
)
def test_talk_with_a_figure_in_it_closes_no_deal(library, persona_id, said, text):
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text], said=[said])
    assert decisions[0].move != "agree", (readings[0]["parts"], decisions[0])
    assert "offer" not in readings[0]["acts"], readings[0]["parts"]


@pytest.mark.parametrize(
    ("persona_id", "said", "text", "act", "move"),
    [
        (
            "manager-raise",
            "You're excellent at the routes. I just haven't seen you lead people yet.",
            "havent seen me lead?? i literally led for 6 weeks marcus. were u asleep",
            "insult",
            "react_insult",
        ),
        (
            "neighbour-extension",
            "Biscuit? I made them this morning.",
            "mamma mia, questi biscotti sono buonissimi 😄",
            "foreign",
            "other_language",
        ),
        (
            "candidate-offer",
            "Good morning.",
            "Wie war euer Wochenende? Hab das Angebot gleich fertig 🙈",
            "foreign",
            "other_language",
        ),
    ],
)
def test_jibes_and_other_languages_a_rehearsal_met(library, persona_id, said, text, act, move):
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text], said=[said])
    assert act in readings[0]["acts"], readings[0]["parts"]
    assert decisions[0].move == move, decisions[0]


def test_we_have_a_deal_asked_after_settling_the_last_point_takes_its_terms(library):
    persona = library.get("investor-term-sheet")
    ledger = L.new_ledger(persona)
    ledger["standing"] = {
        **ledger["standing"],
        "pre_money": 12,
        "round_size": 3,
        "option_pool": 12,
        "participating": 0,
    }
    turns = [
        {
            "role": "counterpart",
            "text": "With monthly numbers, a pool at 12 and the seat, I'll drop the participation.",
            "disclosures": [],
            "terms": dict(ledger["standing"]),
        },
        {"role": "user", "text": "great"},
        {"role": "counterpart", "text": "And I want both founders on four-year vesting.", "disclosures": []},
    ]
    reading = read_turn(
        persona, ledger, "Done, my CTO signs the same 4 year vesting as me this week. we have a deal?", turns
    )
    assert reading["parts"][-1]["act"] == "accept", reading["parts"]


def test_a_question_typed_on_after_got_it_is_answered(library):
    from simulator.reading import split_parts

    assert split_parts("ok 11 and 22 got it why only 1 year tho, ive been a good tenant") == [
        "ok 11 and 22 got it",
        "why only 1 year tho, ive been a good tenant",
    ]
    persona = library.get("landlord-renewal")
    said = ["My property taxes went up 11 percent and the insurance 22. And I can only offer one year."]
    readings, decisions, _ = _talk(
        persona, "realistic", ["ok 11 and 22 got it why only 1 year tho, ive been a good tenant"], said=said
    )
    assert "open_question" in readings[0]["acts"], readings[0]["parts"]
    assert decisions[0].move != "acknowledge", decisions[0]


def test_id_feel_better_with_a_figure_is_an_offer(library):
    persona = library.get("manager-raise")
    readings, decisions, _ = _talk(
        persona,
        "realistic",
        ["I'd feel a lot better with 3k, it's two months of nights"],
        said=["Maybe a spot bonus."],
    )
    offers = [p for p in readings[0]["parts"] if p["act"] == "offer"]
    assert offers and offers[0]["terms"] == {"spot_bonus": 3000.0}, readings[0]["parts"]


@pytest.mark.parametrize(
    "persona_id", ["coffee-supplier", "client-discount", "cofounder-equity", "vendor-deadlines"]
)
def test_an_either_or_question_is_not_answered_with_a_yes_or_no_hedge(library, persona_id):
    persona = library.get(persona_id)
    asked = [
        "is it just the money or other stuff too",
        "is that for everyone or just us?",
        "weekly or monthly?",
    ] * 2
    readings, decisions, _ = _talk(persona, "hard", asked)
    answers = [d.authored for d in decisions if d.move == "deflect_closed"]
    assert answers, [d.move for d in decisions]
    for answer in answers:
        assert not re.match(
            r"\W*(?:Maybe\.$|Could be|Possibly|Not necessarily|Not really|Not as such|No\.)", answer
        ), answers


@pytest.mark.parametrize(
    "persona_id", ["coffee-supplier", "client-discount", "vendor-deadlines", "landlord-renewal"]
)
def test_asked_whether_there_is_any_room_the_counterpart_does_not_quibble_with_the_wording(
    library, persona_id
):
    persona = library.get(persona_id)
    asked = [
        "is there any flexibility on the price?",
        "any chance you'd reconsider?",
        "is there any room at all?",
        "could you move a little?",
    ] * 3
    answers = []
    for seed in range(1, 5):
        _, decisions, _ = _talk(persona, "hard", asked, seed=seed)
        answers += [d.authored for d in decisions if d.move == "deflect_closed"]
    assert len(answers) >= 8, answers
    for answer in answers:
        assert not re.search(
            r"put it like that|Not necessarily|^\W*Not (?:like that|as such|by itself|really)|both",
            answer,
            re.I,
        ), answers


def test_a_threat_late_in_a_pushy_session_is_still_a_threat(library):
    from evals.learners import UNSKILLED_TURNS

    persona = library.get("coffee-supplier")
    turns = [*UNSKILLED_TURNS[:9], "You have to do better or we're done."]
    readings, decisions, _ = _talk(persona, "realistic", turns, seed=7)
    assert readings[-1]["acts"] == ["pressure"], readings[-1]["parts"]
    assert decisions[-1].move in ("push_back_pressure", "walk_away"), decisions[-1]
    assert decisions[8].authored != "A bit of both.", "'Is that a yes or a no?' is no either/or"


def test_a_hello_and_a_sorry_on_the_way_to_the_point_get_no_chat_about_the_garden(library):
    persona = library.get("neighbour-extension")
    readings, decisions, _ = _talk(
        persona, "hard", ["hi maureen, sorry to bother you. its about the extension"]
    )
    assert decisions[0].move != "small_talk", decisions[0]


def test_the_neighbour_states_her_terms_in_her_own_voice(library):
    from simulator.offers import describe_terms

    persona = library.get("neighbour-extension")
    said = describe_terms(persona.issues, {"scaffolding_weeks": 0, "wall_height": 2.5})
    assert "her garden" not in said, said


@pytest.mark.parametrize(
    ("persona_id", "said", "text"),
    [
        (
            "coffee-supplier",
            "My importer put my contract price up about 30 percent, and that's before freight.",
            "so the importer doubled your price and now you lose money on us",
        ),
        (
            "client-discount",
            "The other agency quoted us $18,000 a month for search and social.",
            "ok so straight up, ur saying we're overpriced and the other lot can do what we do",
        ),
        (
            "coffee-supplier",
            "Green coffee has gone up a lot this year.",
            "so ur just passing ur costs on to us",
        ),
        (
            "vendor-deadlines",
            "Penalty clauses don't make parts arrive faster. My boss won't sign them.",
            "Ok so you think penalties are waste of time and you will not move on it",
        ),
        (
            "vendor-deadlines",
            "Anodising is done outside, by the only certified shop within 200 km, and they batch by volume.",
            "so the anodiser is the real problem and your shop is fine, it's all them?",
        ),
    ],
)
def test_a_play_back_that_twists_what_they_said_is_put_right(library, persona_id, said, text):
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text], said=[said])
    summary = next(p for p in readings[0]["parts"] if p["act"] == "summary")
    assert not summary["faithful"], summary
    assert decisions[0].move == "correct_summary" or any(
        b["move"] == "correct_summary" for b in decisions[0].before
    ), decisions[0]


def test_a_play_back_of_a_doubling_they_did_say_is_faithful(library):
    persona = library.get("coffee-supplier")
    readings, _, _ = _talk(
        persona,
        "realistic",
        ["so ur costs basically doubled"],
        said=["My green coffee costs have nearly doubled."],
    )
    summary = next(p for p in readings[0]["parts"] if p["act"] == "summary")
    assert summary["faithful"], summary


def test_chit_chat_before_the_agenda_still_gets_a_word_back(library):
    persona = library.get("neighbour-extension")
    readings, decisions, _ = _talk(persona, "easy", ["hi maureen, lovely roses! its about the extension"])
    assert decisions[0].move == "small_talk", decisions[0]


@pytest.mark.parametrize(
    ("persona_id", "said", "text", "concern"),
    [
        ("landlord-renewal", "And I can only offer one year this time.", "y only 1 yr tho", "lease_term"),
        (
            "manager-raise",
            "You're excellent at the routes.",
            "no planner - who does the cross border runs if i move",
            "backfill",
        ),
        (
            "investor-term-sheet",
            "Questions on the term sheet?",
            "appreciate the time. straight q: whats the math that gets u to 10 pre",
            "ownership_target",
        ),
        (
            "client-discount",
            "I need the retainer to come down.",
            "ok. I'm curious, who's asking for it, you or finance",
            "cfo_mandate",
        ),
    ],
)
def test_questions_typed_the_way_people_text_them_are_answered(library, persona_id, said, text, concern):
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text], said=[said])
    assert "open_question" in readings[0]["acts"], readings[0]["parts"]
    assert concern in [d.item_id for d in decisions[0].disclosures], decisions[0]


@pytest.mark.parametrize(
    "text",
    [
        "not my problem tbh",
        "jesus. everything is a problem with u",
        "But code is code. Anybody can write code, the clinics signed because of me",
        "I suppose I ought to be grateful you have not asked for 70.",
        "5 years here and you 'haven't seen enough' cool",
    ],
)
def test_brushing_off_what_they_said_is_rude(library, text):
    persona = library.get("cofounder-equity")
    readings, decisions, _ = _talk(persona, "realistic", [text], said=["I need this to feel fair."])
    assert "insult" in readings[0]["acts"], readings[0]["parts"]
    assert decisions[0].move == "react_insult", decisions[0]


def test_not_my_problem_to_solve_is_no_brush_off():
    from simulator.acts import is_insult

    assert is_insult("thats not my problem to solve but i can help") is None


@pytest.mark.parametrize(
    ("text", "threat"),
    [
        ("then we move the tooling", True),
        ("go look at it then. honestly", True),
        ("well go look then. see how that goes", True),
        ("then we take it from there", False),
        ("then we move on to the forecast", False),
    ],
)
def test_the_walk_out_said_as_the_next_step_is_a_threat(text, threat):
    from simulator.acts import pressure

    assert bool(pressure(text)) is threat


@pytest.mark.parametrize(
    ("persona_id", "standing", "text", "terms"),
    [
        (
            "manager-raise",
            None,
            "right. so what i'm thinking is 12% and i take on the onboarding for the new hires",
            {"salary": 76160.0},
        ),
        ("manager-raise", None, "could you do 10%?", {"salary": 74800.0}),
        ("manager-raise", None, "4%?? thats like nothing. a joke", {}),
        ("manager-raise", None, "18% more overtime since the lead left", {}),
        (
            "candidate-offer",
            {"base_salary": 165000},
            "I can go ten percent under your ask",
            {"base_salary": 148500.0},
        ),
    ],
)
def test_a_raise_or_a_cut_in_percent_is_of_the_salary(library, persona_id, standing, text, terms):
    got = _terms(library, persona_id, text, standing)
    assert {k: round(v) for k, v in got.items()} == {k: round(v) for k, v in terms.items()}


@pytest.mark.parametrize("text", ["rent?", "k. rent tho", "and rent??"])
def test_one_word_naming_a_term_asks_where_they_stand_on_it(library, text):
    persona = library.get("landlord-renewal")
    said = ["Hello, dear. So, you wanted to talk about the lease."]
    _, decisions, _ = _talk(persona, "realistic", ["5 years at 4600?", text], said=said)
    assert decisions[1].move == "counter", decisions[1]
    assert "$5,000 a month" in decisions[1].authored, decisions[1].authored
    _, decisions, _ = _talk(persona, "realistic", ["5 years at 4600?", text, text], said=said)
    assert decisions[2].move == "recap" and "$5,000 a month" in decisions[2].authored, decisions[2]


def test_a_one_word_term_among_other_questions_is_not_asked_alone(library):
    persona = library.get("manager-raise")
    _, decisions, _ = _talk(persona, "realistic", ["ok so what would get u to sign. money? title?"])
    assert decisions[0].move != "counter", decisions[0]


def test_a_counter_line_ends_as_a_sentence_or_a_question():
    from simulator.lines import fill_content

    assert fill_content("How about {content}", "$5,000 a month", frozenset()) == "How about $5,000 a month?"
    assert (
        fill_content("Meet me here: {content}", "$74,000 a year", frozenset())
        == "Meet me here: $74,000 a year."
    )


@pytest.mark.parametrize(
    ("persona_id", "standing", "text", "terms"),
    [
        (
            "coffee-supplier",
            {"price_per_kg": 16.8, "term_months": 12},
            "if we sign 12 months would u do 15",
            {"term_months": 12.0, "price_per_kg": 15.0},
        ),
        (
            "neighbour-extension",
            None,
            "the builder say 3 weeks but maybe we can make 2.",
            {"scaffolding_weeks": 2.0},
        ),
        (
            "manager-raise",
            {"salary": 74000},
            "74... i was kind of hoping for 76? sorry.",
            {"salary": 76000.0},
        ),
        (
            "neighbour-extension",
            None,
            "ok you know what, forget the scaffolding, we'll find a way",
            {"scaffolding_weeks": 0.0},
        ),
        (
            "manager-raise",
            None,
            "Could you do 76 and I'll drop the bonus?",
            {"salary": 76000.0, "spot_bonus": 0.0},
        ),
        (
            "neighbour-extension",
            None,
            "What if we drop the wall to 2.5m along your side",
            {"wall_height": 2.5},
        ),
        ("cofounder-equity", None, "3.5 and the review at 6 months?", {"founder_salary": 3500.0}),
        ("landlord-renewal", None, "ok so 5 yrs at 4.5, done?", {"lease_years": 5.0, "monthly_rent": 4500.0}),
    ],
)
def test_terms_are_read_the_way_people_haggle(library, persona_id, standing, text, terms):
    assert _terms(library, persona_id, text, standing) == terms


@pytest.mark.parametrize(
    "text",
    [
        "8 weeks is very long for our engineers. 6 is possible?",
        "8 weeks is so long. can we do 6?",
        "6 weeks ok for you?",
    ],
)
def test_a_figure_asked_if_it_will_do_is_offered(library, text):
    persona = library.get("vendor-deadlines")
    readings, decisions, _ = _talk(
        persona, "realistic", [text], said=["That helps. The anodiser is backed up for weeks."]
    )
    assert readings[0]["terms"].get("design_freeze_weeks") == 6, readings[0]["parts"]
    assert decisions[0].move != "deflect_closed", decisions[0]


def test_a_remark_it_has_no_small_talk_for_gets_a_plain_nod_not_an_answer_to_something_else(library):
    base = library.get("vendor-deadlines")
    small_talk = [line for line in base.lines["small_talk"] if "get to it" not in line]
    persona = base.model_copy(update={"lines": {**base.lines, "small_talk": small_talk}})
    _, decisions, _ = _talk(persona, "realistic", ["hello dieter, i am sorry for the late, traffic"])
    assert decisions[0].authored in persona.lines["acknowledge"], decisions[0].authored
    _, decisions, _ = _talk(base, "realistic", ["hello dieter, i am sorry for the late, traffic"])
    assert "coffee" not in decisions[0].authored.lower(), decisions[0].authored


def test_deal_asked_after_its_own_offer_gets_an_answer_on_that_offer(library):
    persona = library.get("client-discount")
    readings, decisions, _ = _talk(
        persona, "realistic", ["ok 21.5k and the one pager plus we take display ads out", "deal?"]
    )
    assert decisions[0].move != "agree", decisions[0]
    assert readings[1]["parts"][0]["act"] == "offer", readings[1]["parts"]
    assert readings[1]["terms"] == readings[0]["terms"], readings[1]
    # an answer on the offer (a counter, a yes, what is still missing), not "Not as such."
    assert decisions[1].move in ("counter", "agree", "consider", "push_back_bare_ask"), decisions[1]


@pytest.mark.parametrize(
    ("text", "report"),
    [
        ("what if we cut the report to 1 page and keep the price at 22k", 1.0),
        ("we cut the report down to one page", 1.0),
        ("what if we cut the report", 0.0),
    ],
)
def test_cutting_a_report_to_one_page_keeps_the_one_pager(library, text, report):
    assert _terms(library, "client-discount", text).get("monthly_report") == report


@pytest.mark.parametrize(
    "text",
    [
        "and you've got another offer at 162",
        "hm ok so you'd lose about 18k of stock",
        "ok so if you start in march you lose 18k that vests in june",
    ],
)
def test_a_figure_they_would_lose_or_were_offered_elsewhere_is_not_offered(library, text):
    persona = library.get("candidate-offer")
    said = ["I have another offer at $162,000 base, and I have to answer them by Friday."]
    readings, _, _ = _talk(persona, "realistic", [text], said=said)
    assert not any(p["act"] == "offer" for p in readings[0]["parts"]), readings[0]["parts"]
    assert "base_salary" not in readings[0]["terms"] and "signing_bonus" not in readings[0]["terms"]


def test_how_id_do_it_is_no_offer(library):
    persona = library.get("landlord-renewal")
    text = "5000 is 800 more a month and with flour up i just, i dont know how i'd do it"
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert not any(p["act"] == "offer" for p in readings[0]["parts"]), readings[0]["parts"]
    assert decisions[0].move != "push_back_premature", decisions[0]


def test_a_yes_no_asked_after_an_anxious_hedge_is_a_question(library):
    persona = library.get("manager-raise")
    text = (
        "hi marcus thanks for this, sorry i know ur slammed with quarter end stuff so um. i hate asking this and "
        "feel free to say no, but could the night lead job maybe be something for me? and like the pay that goes with it"
    )
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert "closed_question" in [p["act"] for p in readings[0]["parts"]], readings[0]["parts"]
    assert decisions[0].move != "acknowledge", decisions[0]


def test_a_yes_no_term_alone_as_a_question_puts_it_forward(library):
    persona = library.get("coffee-supplier")
    said = ["Exactly that. If the money's in before the 1st, I don't much care what the invoice says."]
    readings, decisions, _ = _talk(persona, "realistic", ["direct debit?"], said=said)
    assert readings[0]["parts"][0]["act"] == "offer" and readings[0]["terms"] == {"direct_debit": 1.0}
    assert decisions[0].move != "deflect_closed", decisions[0]
    # listed as examples after a question, the terms are not put forward
    persona = library.get("candidate-offer")
    readings, _, _ = _talk(
        persona, "realistic", ["what would made whole look like for u. signing bonus? later start?"]
    )
    assert not any(p["act"] == "offer" for p in readings[0]["parts"]), readings[0]["parts"]


@pytest.mark.parametrize("text", ["on it 🙌", "👍", "🤝", "tonight 👍"])
def test_a_thumbs_up_or_on_it_to_the_terms_just_put_is_a_yes(library, text):
    persona = library.get("cofounder-equity")
    ledger = L.new_ledger(persona)
    terms = {"lena_equity": 45, "months_credited": 6, "cliff_months": 0}
    turns = [
        {"role": "counterpart", "text": "Hi.", "disclosures": []},
        {"role": "user", "text": "45 and my 6 months credited, no cliff?"},
        {
            "role": "counterpart",
            "text": "Forty-five, six months credited, no cliff. Tonight?",
            "disclosures": [],
            "terms": terms,
        },
    ]
    reading = read_turn(persona, ledger, text, turns)
    assert [p["act"] for p in reading["parts"]] == ["accept"], reading["parts"]


def test_a_grimace_emoji_is_no_yes(library):
    persona = library.get("cofounder-equity")
    turns = [
        {"role": "counterpart", "text": "Hi.", "disclosures": []},
        {"role": "user", "text": "45?"},
        {
            "role": "counterpart",
            "text": "Forty-five. Tonight?",
            "disclosures": [],
            "terms": {"lena_equity": 45},
        },
    ]
    reading = read_turn(persona, L.new_ledger(persona), "😬", turns)
    assert "accept" not in [p["act"] for p in reading["parts"]], reading["parts"]


@pytest.mark.parametrize(
    "text",
    [
        "are there other things that worry you?",
        "any other worries?",
        "there is other things that make you worry?",
    ],
)
def test_asking_about_other_worries_opens_another_one(library, text):
    persona = library.get("landlord-renewal")
    readings, decisions, ledger = _talk(
        persona,
        "realistic",
        [text],
        said=["The property tax went up 11 percent."],
        concerns={"rising_costs": 1},
    )
    assert readings[0]["parts"][-1]["act"] == "open_question", readings[0]["parts"]
    assert [d.item_id for d in decisions[0].disclosures] != ["rising_costs"], decisions[0]


def test_other_peoples_percentages_said_back_are_no_rent(library):
    text = "ouf. the tax plus 11 percent and the insurance plus 12 percent, i understand better"
    assert _terms(library, "landlord-renewal", text) == {}


def test_one_week_of_scaffolding_is_said_in_the_singular(library):
    from simulator.offers import format_value

    persona = library.get("neighbour-extension")
    assert format_value(persona.issue("scaffolding_weeks"), 1).startswith("1 week of scaffolding")
    assert format_value(persona.issue("scaffolding_weeks"), 3).startswith("3 weeks of scaffolding")
    assert format_value(library.get("candidate-offer").issue("home_days"), 1).startswith("1 day a week")


def test_sorry_to_bother_you_is_not_answered_as_how_are_you(library):
    persona = library.get("neighbour-extension")
    _, decisions, _ = _talk(persona, "hard", ["hi maureen, sorry to bother you"])
    assert "good week" not in decisions[0].authored, decisions[0].authored


def test_a_yes_no_term_still_missing_is_said_as_what_it_still_needs(library):
    persona = library.get("cofounder-equity")
    lines = [
        "hey lena. so. the split",
        "60/40 still feels right to me tbh, i wrote the first version",
        "why does 50/50 matter so much to you",
        "huh. i didnt realise the investor meetings felt like that",
        "so its not really about the number, its that you're invisible in the room and the cliff would wipe your 6 months?",
        "what if 55/45, your 6 months credited, and you lead the tech side in every investor meeting",
    ]
    _, decisions, _ = _talk(persona, "realistic", lines)
    considered = [d for d in decisions if d.move == "consider"]
    assert considered, decisions
    assert all("not there on whether" not in d.authored for d in considered), considered


def test_a_bun_brought_for_them_is_thanked_for(library):
    persona = library.get("landlord-renewal")
    _, decisions, _ = _talk(persona, "realistic", ["morning gloria! brought u a cinnamon bun"])
    assert "thank" in decisions[0].authored.lower(), decisions[0].authored


def test_an_emoji_ends_what_it_follows_so_the_terms_after_it_are_heard(library):
    persona = library.get("landlord-renewal")
    text = (
        "amazing 🙏 ok so the rent: 4500 a month on a 5 year lease with 2% a year after the first, that gives u a "
        "solid long lease to show the bank this summer and honestly im not going anywhere, my ovens cost 60k to move lol"
    )
    said = ["Through the back, with the engine off... yes, I think that would do it. Six, through the lane."]
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said, concerns={"delivery_noise": 2})
    offers = [p for p in readings[0]["parts"] if p["act"] == "offer"]
    assert offers and offers[0]["terms"] == {
        "monthly_rent": 4500.0,
        "lease_years": 5.0,
        "annual_increase": 2.0,
    }
    assert (
        decisions[0].move != "hold_ground"
    )  # it had held its ground on a "statement" it never read terms in
    # an emoji that starts the turn is the turn's own: "👍 thx" is one thank-you, not a "?" and a thank-you
    readings, _, _ = _talk(persona, "realistic", ["👍 thx gloria"])
    assert [p["act"] for p in readings[0]["parts"]] == ["thanks"]


@pytest.mark.parametrize(
    "persona_id, text, turned_down",
    [
        ("coffee-supplier", "look ill be straight, 16.80 doesnt work for us.", {"price_per_kg": 16.8}),
        ("landlord-renewal", "5000 is way too much, i cant do that", {"monthly_rent": 5000.0}),
        ("cofounder-equity", "look I'll be honest 50/50 isnt happening", {"lena_equity": 50.0}),
    ],
)
def test_a_no_keeps_what_it_turns_down_and_puts_nothing_forward(library, persona_id, text, turned_down):
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text])
    rejects = [p for p in readings[0]["parts"] if p["act"] == "reject"]
    assert rejects and rejects[0]["terms"] == turned_down
    assert not readings[0]["terms"] and decisions[0].move != "agree"


def test_the_figure_refused_is_not_the_reason_given_for_it(library):
    from simulator.offers import rejected_terms

    persona = library.get("landlord-renewal")
    said = "But I'd want nothing delivered before seven, whichever door."
    text = "7 is too late for me, the bread has to be in the oven by 6."
    assert rejected_terms(text, persona.issues, {"delivery_after": 7.0}, said) == {"delivery_after": 7.0}
    # a bare no turns down what they last put forward
    put = {"monthly_rent": 4800.0, "lease_years": 3.0}
    assert rejected_terms("no way", persona.issues, put, "", put) == put


def test_their_own_terms_said_back_are_a_play_back_not_a_deal(library):
    persona = library.get("landlord-renewal")
    readings, decisions, _ = _talk(persona, "easy", ["ok so 5000 a month, 1 year, 3 percent a year"])
    assert readings[0]["acts"] == ["summary"] and decisions[0].outcome is None
    assert decisions[0].move != "agree"


@pytest.mark.parametrize("seed", range(6))
def test_a_no_is_not_answered_since_you_ask(library, seed):
    persona = library.get("landlord-renewal")
    _, decisions, _ = _talk(persona, "realistic", ["5000 is way too much, i cant do that"], seed=seed)
    assert decisions[0].move == "raise_concern"
    assert "ask" not in decisions[0].authored.lower()


def test_a_question_typed_on_after_a_remark_without_a_stop_is_heard(library):
    persona = library.get("client-discount")
    text = (
        "hi helen, thanks for jumping on i'll be honest that email landed hard here, 20% is a big number for a 14 "
        "person shop id like to understand where its coming from"
    )
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert readings[0]["parts"][-1]["text"] == "id like to understand where its coming from"
    assert readings[0]["parts"][-1]["act"] == "open_question"
    assert decisions[0].move in ("raise_concern", "reveal")  # it had only nodded: "acknowledge"


@pytest.mark.parametrize(
    "persona_id, text",
    [
        (
            "cofounder-equity",
            "ok. btw random but hows the bouldering going, u still going to that gym by the station?",
        ),
        ("landlord-renewal", "hi Gloria! yes, but first, how was choir on thursday?"),
    ],
)
def test_asking_after_their_life_is_chit_chat_not_a_question_that_opens_a_worry(library, persona_id, text):
    persona = library.get(persona_id)
    _, decisions, _ = _talk(persona, "realistic", [text])
    assert decisions[0].move == "small_talk" and not decisions[0].disclosures


def test_a_yes_to_one_part_then_a_question_on_price_is_no_deal_and_asking_its_best_gets_a_number(library):
    persona = library.get("coffee-supplier")
    said = ["If it comes out on the 25th like clockwork, then yes, net 30 by direct debit I can live with."]
    _, decisions, _ = _talk(
        persona,
        "realistic",
        ["ok deal on that part 👍 so, price. whats the best u can do if we sign for a year"],
        said=said,
        concerns={"green_costs": 2, "late_payments": 2},
    )
    assert decisions[0].outcome is None and decisions[0].move == "counter"
    assert decisions[0].terms and "$" in decisions[0].authored


@pytest.mark.parametrize(
    "persona_id, text",
    [
        ("landlord-renewal", "and the rent, whats the lowest u can go"),
        ("coffee-supplier", "everyone says costs went up. whats the best u can do"),
    ],
)
def test_asking_for_its_lowest_gets_its_number(library, persona_id, text):
    persona = library.get(persona_id)
    _, decisions, _ = _talk(persona, "realistic", [text])
    assert decisions[0].move == "counter" and decisions[0].terms


@pytest.mark.parametrize("text", ["guten morgen dieter! wie gehts?", "alles gut?", "buenos dias!"])
def test_a_greeting_in_another_language_gets_a_polite_reply_in_english(library, text):
    persona = library.get("vendor-deadlines")
    _, decisions, _ = _talk(persona, "realistic", [text])
    assert decisions[0].move == "other_language"


def test_the_open_question_decides_what_is_answered_when_a_guess_follows_it(library):
    persona = library.get("client-discount")
    text = "right. can i ask where 20% comes from tho? is it ur call or is someone above u asking for it"
    _, decisions, _ = _talk(persona, "realistic", [text], concerns={"cfo_mandate": 1})
    assert [d.item_id for d in decisions[0].disclosures] == ["cfo_mandate"]  # not the reports nobody reads


def test_how_did_it_go_last_time_asks_what_happened_before(library):
    persona = library.get("manager-raise")
    text = "Ok that helps alot. How did it go the last time you moved someone up into a lead role?"
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert readings[0]["parts"][-1]["window"] == "past"
    assert [d.item_id.split(":")[0] for d in decisions[0].disclosures] == ["past"]


def test_thats_fair_before_an_open_question_is_a_nod_not_a_yes(library):
    persona = library.get("cofounder-equity")
    ledger = L.new_ledger(persona)
    put = {
        "lena_equity": 47.0,
        "months_credited": 6.0,
        "cliff_months": 12.0,
        "acceleration": 1.0,
        "tech_final_say": 1.0,
    }
    ledger["standing"] = {**ledger["standing"], **put}
    turns = [
        {"role": "counterpart", "text": "Hello.", "disclosures": []},
        {
            "role": "counterpart",
            "text": "Forty-seven with all of that, yes. Can I ask one thing before we shake on it: when does this "
            "become a salary? I've been living on savings for six months.",
            "disclosures": [],
            "terms": put,
        },
    ]
    reading = read_turn(persona, ledger, "thats fair. how long can u keep going on savings, honestly", turns)
    decision, _ = decide(persona, "realistic", ledger, reading, 2)
    assert decision.outcome is None and decision.move != "agree"


def test_the_figure_a_jump_is_from_is_no_offer(library):
    text = "165 is a big jump from 145 tbh but i really want u on the team so lets figure it out"
    assert _terms(library, "candidate-offer", text) == {}
    assert _terms(library, "coffee-supplier", "16.80 is a huge jump from 14.20, can we do 15.20?") == {
        "price_per_kg": 15.2
    }


def test_how_did_you_get_there_asks_for_the_working_not_a_story_from_the_past(library):
    persona = library.get("investor-term-sheet")
    readings, decisions, _ = _talk(persona, "realistic", ["whats behind the 10? like how did u get there"])
    assert all(p.get("window") != "past" for p in readings[0]["parts"])
    assert [d.item_id.split(":")[0] for d in decisions[0].disclosures] != ["past"]


def test_asking_its_best_on_a_condition_keeps_the_condition_where_it_can(library):
    persona = library.get("investor-term-sheet")
    lines = [
        "hi rebecca thx for the time",
        "whats behind the 10? like how did u get there",
        "what else matters to u on this one",
        "ok. whats the best u can do on pre if we keep the pool at 10%",
    ]
    _, decisions, _ = _talk(persona, "realistic", lines)
    assert decisions[-1].move == "counter" and decisions[-1].terms["option_pool"] < 15


def test_a_play_back_of_something_never_said_is_not_corrected_with_the_opening_line(library):
    persona = library.get("manager-raise")
    lines = ["hi marcus", "sorry that came out wrong. whats actually stopping it"]
    lines += ["so role changes are possible but over 4% the VP has to sign. right?"]
    _, decisions, _ = _talk(
        persona, "hard", lines, said=["Come in. You've got 30 minutes. What's on your mind?"]
    )
    assert decisions[-1].move == "correct_summary"
    assert "30 minutes" not in decisions[-1].authored and "freeze" in decisions[-1].authored


@pytest.mark.parametrize(
    "persona_id", ["manager-raise", "landlord-renewal", "vendor-deadlines", "client-discount"]
)
def test_a_plain_hello_is_not_answered_as_a_joke_or_a_question(library, persona_id):
    persona = library.get(persona_id)
    for seed in range(4):
        _, decisions, _ = _talk(persona, "realistic", ["hi there"], seed=seed)
        reply = decisions[0].authored
        assert decisions[0].move == "small_talk"
        assert not re.match(r"\W*(?:ha+\b|yes\b|quite\b)", reply, re.I) and "to ask" not in reply


def test_saying_straight_out_what_you_want_gets_the_worry_behind_it_not_where_are_you_going(library):
    persona = library.get("manager-raise")
    text = "so i want the night lead role. ive basically been doing it for 6 weeks"
    _, decisions, _ = _talk(
        persona, "hard", [text], said=["Come in. You've got 30 minutes. What's on your mind?"]
    )
    assert decisions[0].move == "raise_concern" and "where are you going" not in decisions[0].authored.lower()


@pytest.mark.parametrize("seed", range(6))
def test_a_counter_turns_down_only_what_it_changes(library, seed):
    persona = library.get("coffee-supplier")
    _, decisions, _ = _talk(
        persona, "realistic", ["everyone says costs went up. whats the best u can do"], seed=seed
    )
    assert decisions[0].move == "counter"
    assert not re.search(r"can'?t (?:quite )?do that|^not ", decisions[0].authored, re.I)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        (
            "what if we did a 3 month trial starting now and the raise to 76k kicks in 1 july",
            {"salary": 76000.0, "trial_days": 90.0},
        ),
        ("76k kicks in from july", {"salary": 76000.0}),
    ],
)
def test_a_supposed_trial_and_a_raise_that_kicks_in_are_terms_put(library, text, named):
    terms = _terms(library, "manager-raise", text)
    assert {k: terms.get(k) for k in named} == named


@pytest.mark.parametrize(
    "text",
    [
        "the van is probably our supplier, i can talk to them",
        "leave it with me, ill sort the van out",
        "I could ask the flour guy to come later and use the back instead",
    ],
)
def test_offering_to_deal_with_the_van_is_an_offer_not_an_ask_to_push_back(library, text):
    persona = library.get("landlord-renewal")
    said = [
        "The tenants upstairs are complaining about your early deliveries. It's becoming a problem for me."
    ]
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said)
    assert "offer" in readings[0]["acts"]
    assert decisions[0].move != "push_back_bare_ask"


def test_offering_to_talk_to_the_supplier_after_the_complaint_is_welcomed_not_brushed_off(library):
    persona = library.get("landlord-renewal")
    said = [
        "The tenants upstairs are complaining about your early deliveries. It's becoming a problem for me."
    ]
    text = "oh no. the van is probably our flour supplier, i can talk to them about coming later"
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said, concerns={"delivery_noise": 1})
    assert "offer" in readings[0]["acts"]
    assert decisions[0].move == "consider" and "doesn't change" not in decisions[0].authored


def test_before_i_could_hire_anyone_is_a_story_not_an_offer(library):
    persona = library.get("coffee-supplier")
    readings, _, _ = _talk(persona, "realistic", ["i did the 5am opens on my own before i could hire anyone"])
    assert "offer" not in readings[0]["acts"]


def test_promising_to_ask_the_boss_is_not_an_offer(library):
    persona = library.get("landlord-renewal")
    readings, _, _ = _talk(persona, "realistic", ["ill talk to my wife about it"])
    assert "offer" not in readings[0]["acts"]


@pytest.mark.parametrize(
    ("persona_id", "text", "refused"),
    [
        ("coffee-supplier", "the 16.80 tho i just cant do,", 16.8),
        ("coffee-supplier", "15.80 is still more than i can do", 15.8),
        ("coffee-supplier", "im not signing 16.80.", 16.8),
        ("client-discount", "but 6 months no,", 6.0),
    ],
)
def test_a_figure_followed_by_a_flat_no_is_turned_down_not_put(library, persona_id, text, refused):
    from simulator.offers import rejected_terms

    issues = library.get(persona_id).issues
    assert _terms(library, persona_id, text) == {}
    assert refused in rejected_terms(text, issues).values()


@pytest.mark.parametrize(
    "text",
    [
        "cool cool. anything else u want, my car keys?",
        "oh come on. of course its the customers fault, its always the customers fault isnt it 🙄",
        "do u want my kidneys too 🙃",
        "funny how the freeze didnt stop u bringing in 2 planners above my pay last year",
        "'comparable deals' lol. every vc says that.",
    ],
)
def test_sarcasm_is_heard_as_rude(library, text):
    persona = library.get("investor-term-sheet")
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert "insult" in readings[0]["acts"]
    assert decisions[0].move == "react_insult"


@pytest.mark.parametrize("text", ["thanks, cool cool", "same. good luck w the CFO", "16.80?? are u serious"])
def test_friendly_or_shocked_is_not_rude(library, text):
    persona = library.get("client-discount")
    readings, _, _ = _talk(persona, "realistic", [text])
    assert "insult" not in readings[0]["acts"]


@pytest.mark.parametrize(
    ("persona_id", "text"),
    [
        ("candidate-offer", "would you tell me who it's with"),
        ("candidate-offer", "can i ask who its with"),
        ("coffee-supplier", "ok but roughly, like whats the going rate for other cafes"),
    ],
)
def test_asking_what_it_keeps_private_is_politely_declined_not_answered_with_a_worry(
    library, persona_id, text
):
    persona = library.get(persona_id)
    _, decisions, _ = _talk(persona, "realistic", [text])
    assert decisions[0].move == "decline_fact"


@pytest.mark.parametrize(
    ("persona_id", "text", "fact"),
    [
        (
            "vendor-deadlines",
            "huh thats clever. random q, whats the plant like, I'm picturing a giant shed",
            "plant",
        ),
        (
            "landlord-renewal",
            "And the building, it is very old no? The ceiling in the shop is so beautiful",
            "building_age",
        ),
        (
            "coffee-supplier",
            "ooh is that the big shiny one by the window? how much can it do in a day",
            "roaster_size",
        ),
        ("landlord-renewal", "did u grow up round here, like has ur family always had it", "ownership"),
    ],
)
def test_an_everyday_question_about_their_world_gets_the_fact(library, persona_id, text, fact):
    persona = library.get(persona_id)
    _, decisions, _ = _talk(persona, "realistic", [text])
    assert decisions[0].move == "answer_fact"
    assert next(f.answer for f in persona.facts if f.id == fact).split(".")[0] in decisions[0].authored


@pytest.mark.parametrize(
    "text",
    [
        "ok ok look if u wont move im gonna talk to the roaster on king st",
        "16.40 NO WAY, i have other roasters emailing me every week",
        "wow ok. u know what forget it, ill get quotes from other roasters and come back to u",
        "we paid every invoice the roastery down the street would kill for our account, just saying",
        "forget it, this is a waste of both our time",
    ],
)
def test_a_threat_to_take_the_business_elsewhere_is_pushed_back_on(library, text):
    persona = library.get("coffee-supplier")
    said = ["I'm moving your price to $16.80 a kilo, on net 15."]
    _, decisions, _ = _talk(persona, "realistic", [text], said=said)
    assert decisions[0].move in ("push_back_pressure", "walk_away")


@pytest.mark.parametrize(
    "text", ["curious how your partners look at a deal like this on Monday", "wondering what the pool is for"]
)
def test_curious_how_and_wondering_what_are_open_questions_without_a_mark(library, text):
    persona = library.get("investor-term-sheet")
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert len(readings[0]["acts"]) == 1 and readings[0]["acts"][0] in ("open_question", "fact_question")
    assert decisions[0].move not in ("acknowledge", "hold_ground")


def test_asking_how_low_the_wall_would_need_to_be_gets_a_figure(library):
    persona = library.get("neighbour-extension")
    _, decisions, _ = _talk(persona, "realistic", ["how low would the wall need to be, for the sun"])
    assert decisions[0].move == "counter" and "wall_height" in decisions[0].terms


def test_wanting_to_understand_why_only_one_year_is_a_question_not_a_demand(library):
    persona = library.get("landlord-renewal")
    text = "Good morning Mrs Estevez, thank you for come. I want to understand please why only one year, before we were three years"
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert "offer" not in readings[0]["acts"]
    assert not decisions[0].move.startswith("push_back")


@pytest.mark.parametrize("text", ["we used to pay 4200", "before we were three years"])
def test_what_a_term_used_to_be_is_not_put_forward(library, text):
    assert _terms(library, "landlord-renewal", text) == {}


def test_a_question_run_on_after_calling_u_is_still_asked(library):
    persona = library.get("manager-raise")
    text = (
        "ugh yeah i remember that, they had my number but they were used to calling u why did that stick tho"
    )
    readings, _, _ = _talk(persona, "realistic", [text])
    assert readings[0]["parts"][-1]["text"] == "why did that stick tho"
    assert readings[0]["parts"][-1]["act"] == "open_question"


@pytest.mark.parametrize(
    ("said", "text"),
    [
        (
            ["I offered one year because I honestly don't know what I'm doing with the building yet."],
            "so ur gonna sell it",
        ),
        (
            ["My son thinks I should sell the whole building and be done with it."],
            "so ur thinking abt selling",
        ),
    ],
)
def test_a_plan_put_on_them_is_put_right_not_thanked(library, said, text):
    persona = library.get("landlord-renewal")
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said)
    assert readings[0]["summary"]["faithful"] is False
    assert decisions[0].move == "correct_summary"


def test_a_plan_they_said_is_a_faithful_play_back(library):
    persona = library.get("landlord-renewal")
    said = ["I'm speaking to the bank about refinancing the mortgage this summer, to pay for the roof."]
    readings, _, _ = _talk(persona, "realistic", ["so ur going to refinance for the roof"], said=said)
    assert readings[0]["summary"]["faithful"] is True


@pytest.mark.parametrize(
    "text",
    [
        "15.70 is still too much for me. can u do 15.60",
        "nah 15.70 doesnt work for me. 15.65?",
    ],
)
def test_talking_its_fresh_counter_down_gets_tested_not_a_yes(library, text):
    # Tomás has just said $15.70; a person does not take less the moment it is asked for with a no
    persona = library.get("coffee-supplier")
    opening = ["whats ur price for next year", "16.20 is too much. can u do 15.60"]
    _, decisions, ledger = _talk(persona, "easy", [*opening, text])
    assert decisions[1].move == "counter" and decisions[1].terms["price_per_kg"] == 15.7
    assert decisions[2].move != "agree" and not ledger["agreed"], decisions[2]


def test_a_figure_above_its_counter_is_still_taken(library):
    persona = library.get("coffee-supplier")
    opening = ["whats ur price for next year", "16.20 is too much. can u do 15.60"]
    _, decisions, _ = _talk(persona, "easy", [*opening, "16.40 is way too much. can u do 16.20"])
    assert decisions[2].move == "agree" and decisions[2].terms["price_per_kg"] == 16.2


@pytest.mark.parametrize(
    ("persona_id", "said", "text", "named"),
    [
        (
            "manager-raise",
            "When the night lead was off in October, two drivers called me at home instead of you.",
            "ok so in october 3 drivers rang u at home instead of me",
            "two drivers",
        ),
        (
            "neighbour-extension",
            "They have. My husband planted those roses. We sat out there every afternoon until he died, 2 years ago.",
            "so those are his roses, and since he passed 3 years ago thats where u feel close to him",
            "until he died, 2 years ago",
        ),
        (
            "client-discount",
            "We've had 3 different account managers in a year. Every time, I have to explain our business again.",
            "so 2 AMs in a year and every time u explain the business again",
            "3 different account managers",
        ),
        (
            "coffee-supplier",
            "The repayment on the loan for my new roaster goes out on the 1st of every month.",
            "ok so the loan payment goes out on the 15th, which is why net 15",
            "the 1st",
        ),
    ],
)
def test_a_count_or_date_said_back_wrong_is_put_right_with_their_words(
    library, persona_id, said, text, named
):
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text], said=[said])
    summary = next(p for p in readings[0]["parts"] if p["act"] == "summary")
    assert summary["faithful"] is False
    assert decisions[0].move == "correct_summary"
    assert named in decisions[0].authored and not decisions[0].authored.split("said. ")[-1].startswith(
        "They have"
    )


@pytest.mark.parametrize(
    ("said", "text"),
    [
        (
            "When the night lead was off in October, two drivers called me at home instead of you.",
            "ok so in october two drivers rang u at home instead of me",
        ),
        (
            "Seed rounds at your revenue have been pricing at 15 to 18 times recurring revenue. You're asking for 20 times.",
            "so 15 to 18 times. so like 9 to 10.8 and we're at 20",
        ),
        (
            "The repayment goes out on the 1st of every month.",
            "right so the day that matters is the 1st, not the 15th",
        ),
    ],
)
def test_the_same_count_in_other_words_stays_faithful(library, said, text):
    persona = library.get(
        "manager-raise"
        if "drivers" in said
        else "investor-term-sheet"
        if "Seed" in said
        else "coffee-supplier"
    )
    readings, _, _ = _talk(persona, "realistic", [text], said=[said])
    summary = next(p for p in readings[0]["parts"] if p["act"] == "summary")
    assert summary["faithful"] is True, summary


_CEO_ASKED = (
    "Your monthly reports are 30 pages of charts. I don't have time to read them. In the last leadership meeting our "
    "CEO asked me what Fieldwork actually does for us, and I couldn't give him a clean answer."
)


@pytest.mark.parametrize(
    ("text", "faithful"),
    [
        ("So your CFO asked what we actually do for you and you didn't have a clean answer", False),
        ("So your CEO asked what we actually do for you and you didn't have a clean answer", True),
        ("so ur boss asked what we do for u and u had no clean answer", True),
    ],
)
def test_who_said_it_swapped_in_a_play_back_is_put_right(library, text, faithful):
    persona = library.get("client-discount")
    readings, decisions, _ = _talk(persona, "realistic", [text], said=[_CEO_ASKED])
    summary = next(p for p in readings[0]["parts"] if p["act"] == "summary")
    assert summary["faithful"] is faithful
    if not faithful:
        assert decisions[0].move == "correct_summary" and "our CEO asked me" in decisions[0].authored


@pytest.mark.parametrize(
    ("persona_id", "text", "terms"),
    [
        (
            "candidate-offer",
            "ok. what if we go to 158k. no wait, i shouldn't lead with a number, ignore that. who's the other company",
            {},
        ),
        ("coffee-supplier", "ok 15. no wait. 14.80. i said 15 too fast", {"price_per_kg": 14.8}),
        (
            "cofounder-equity",
            "ok what if: 55/45, and we credit ur 6 months. actually scratch that, let me think about the credit. "
            "55/45 with the normal cliff",
            {"lena_equity": 45.0},
        ),
    ],
)
def test_terms_taken_back_in_the_same_breath_are_not_put_forward(library, persona_id, text, terms):
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert {k: v for k, v in readings[0]["terms"].items() if k != "cliff_months"} == terms
    if not terms:
        assert "offer" not in readings[0]["acts"]
        assert decisions[0].move not in ("counter", "agree", "consider", "push_back_bare_ask"), decisions[0]


@pytest.mark.parametrize(
    "text",
    ["160 is the very top of the band, but yeah, i can do 160", "thats a stretch for us but ok, 160 it is"],
)
def test_a_grumble_then_a_yes_to_their_figure_closes(library, text):
    persona = library.get("candidate-offer")
    proposal = {
        "base_salary": 160_000.0,
        "signing_bonus": 15_000.0,
        "home_days": 2.0,
        "promotion_review_months": 6.0,
    }
    line = "That's close. If the base were 160, that closes the gap in the first year. Could you do 160?"
    reading, decision, _ = _after_proposal(persona, proposal, line, text)
    assert "reject" not in reading["acts"], reading["parts"]
    assert decision.move == "agree", decision


@pytest.mark.parametrize(
    "text",
    [
        "Three percent is acceptable. We have an agreement, Gloria.",
        "ok we have a deal then",
        "3% is acceptable",
    ],
)
def test_a_formal_yes_to_their_last_term_closes(library, text):
    persona = library.get("landlord-renewal")
    proposal = {"lease_years": 5.0, "monthly_rent": 4600.0, "annual_increase": 3.0, "delivery_after": 7.0}
    line = "The back lane is what I'd have suggested myself. Make the increase 3 percent and you have a deal."
    reading, decision, _ = _after_proposal(persona, proposal, line, text)
    assert decision.move == "agree", (decision, reading["parts"])


@pytest.mark.parametrize(
    "text",
    [
        "Sorry, random question, how many cafés do you actually roast for now? Just curious.",
        "how many cafes u roast for",
    ],
)
def test_how_many_of_a_thing_asks_about_that_thing(library, text):
    persona = library.get("coffee-supplier")
    _, decisions, _ = _talk(persona, "realistic", [text])
    assert decisions[0].move == "answer_fact" and "twenty wholesale accounts" in decisions[0].authored, (
        decisions[0]
    )


@pytest.mark.parametrize(
    ("text", "open_question"),
    [
        ("sorry, what went up exactly?", True),
        ("sorry — what went up exactly, the taxes?", True),
        ("Sorry, what I meant was: so anything up to ten percent you can sign off yourself?", False),
        ("no wait, ignore that, let me ask first: what does the vp need to sign off", True),
    ],
)
def test_a_sorry_before_a_question_does_not_hide_what_it_asks(text, open_question):
    from simulator.evaluation import label_turn

    assert ("open_question" in label_turn(text, "").moves) is open_question


@pytest.mark.parametrize(
    ("text", "faithful"), [("so comps go 15 to 20x", False), ("so comps go 15-18x", True)]
)
def test_a_range_said_back_with_one_end_moved_is_put_right(library, text, faithful):
    persona = library.get("investor-term-sheet")
    said = [
        "Seed rounds at your revenue have been pricing at 15 to 18 times recurring revenue. You're asking for 20 times."
    ]
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said)
    assert readings[0]["parts"][0]["faithful"] is faithful
    assert (decisions[0].move == "correct_summary") is not faithful


def test_a_figure_grumbled_at_then_cut_gets_a_counter(library):
    # "4000 a quarter is a lot. 3000?" right after Dieter asked for 4,000: no yes to less at once
    persona = library.get("vendor-deadlines")
    proposal = {"design_freeze_weeks": 6.0, "quarterly_units": 4000.0, "sept_confirmed": 1.0}
    line = (
        "Then six weeks, and firm orders of 4,000 units a quarter. Do that and I'll commit to 15 September."
    )
    turns, ledger = _after_their_terms(
        persona, "8 weeks is way too long for our engineers, no.", line, proposal
    )
    ledger["counters_made"] = 1
    ledger["user_turns"], ledger["rapport"] = 16, 2  # late enough and warm enough that 3,000 would do for it
    ledger["concerns"] = {**ledger["concerns"], "anodising_bottleneck": 3, "late_changes": 2}
    reading = read_turn(persona, ledger, "4000 a quarter is a lot. 3000?", turns)
    decision, _ = decide(persona, "realistic", ledger, reading, 2)
    assert decision.move in ("counter", "consider"), decision


def test_a_figure_called_fair_for_me_is_put_forward(library):
    persona = library.get("manager-raise")
    readings, decisions, _ = _talk(
        persona, "realistic", ["I have prepared some numbers. So I think 82k is fair for me."]
    )
    assert readings[0]["terms"] == {"salary": 82000.0} and "offer" in readings[0]["acts"]
    assert decisions[0].move in ("push_back_premature", "push_back_bare_ask"), decisions[0]


@pytest.mark.parametrize(
    ("persona_id", "text", "terms"),
    [
        ("landlord-renewal", "we'll pay for a proper clean every year.", {"hood_cleaning": 1.0}),
        ("coffee-supplier", "what if u debit us on the 25th every month", {"direct_debit": 1.0}),
    ],
)
def test_a_term_named_in_everyday_words_is_read(library, persona_id, text, terms):
    assert _terms(library, persona_id, text) == terms


@pytest.mark.parametrize(
    ("text", "moves"),
    [
        ("ok whatever. why are you late then", ("reveal", "raise_concern", "not_yet")),
        (
            "whatever. if u wont sign we'll appoint a surveyor and do it without u. ur choice",
            ("push_back_pressure",),
        ),
    ],
)
def test_what_follows_a_shrug_gets_the_answer(library, text, moves):
    # a bare "whatever" is a shrug, not a jab (the conversation set's authors mark it so about two times in three):
    # what follows it is what gets answered
    persona = library.get("neighbour-extension" if "surveyor" in text else "vendor-deadlines")
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert "insult" not in readings[0]["acts"], readings[0]["parts"]
    assert decisions[0].move in moves, decisions[0]


def test_who_else_is_in_the_round_gets_a_plain_answer(library):
    persona = library.get("investor-term-sheet")
    _, decisions, _ = _talk(persona, "realistic", ["Ok whatever. who else is in the round?"])
    assert decisions[0].move == "answer_fact" and "lead" in decisions[0].authored, decisions[0]


@pytest.mark.parametrize(
    "text",
    [
        "ok but what do the other cafés pay? like is everyone going to 16.80?",
        "and what do the others pay? are they getting hit with 16.80 too",
    ],
)
def test_a_yes_no_that_spells_out_a_fact_question_leaves_the_fact_question_to_answer(library, text):
    persona = library.get("coffee-supplier")
    _, decisions, _ = _talk(persona, "realistic", [text], said=["The new price is 16.80 a kilo."])
    assert decisions[0].move == "decline_fact"


@pytest.mark.parametrize(
    ("persona_id", "said", "text"),
    [
        (
            "neighbour-extension",
            "I'm home all day. The last builders on this road started at 7 in the morning and left rubble in my "
            "side passage.",
            "ugh 7am and rubble, that's not ok. so you're home all day and last time it was early starts and mess",
        ),
        (
            "client-discount",
            "Because I've been told to. Our CFO wants 15 percent off outside vendor spend by the end of the quarter.",
            "15 not 20 tho",  # 20 was their ask, 15 their CFO's target: nothing of ours in it
        ),
    ],
)
def test_the_figures_of_what_they_told_us_echoed_are_not_an_offer(library, persona_id, said, text):
    earlier = "I need twenty percent off, and I need it this quarter."
    readings, decisions, _ = _talk(library.get(persona_id), "realistic", [text], said=[earlier, said])
    assert "offer" not in readings[0]["acts"] and decisions[0].move != "counter"


@pytest.mark.parametrize("text", ["15 tops", "15 max", "15 a kilo max"])
def test_their_figure_set_as_a_bound_is_still_put_forward(library, text):
    persona = library.get("coffee-supplier")
    said = ["The café down the road pays 15 a kilo, and they buy twice what you do."]
    readings, _, _ = _talk(persona, "realistic", [text], said=said)
    assert "offer" in readings[0]["acts"] and readings[0]["terms"] == {"price_per_kg": 15.0}


def test_a_count_of_a_compound_thing_said_back_wrong_is_put_right(library):
    persona = library.get("vendor-deadlines")
    said = [
        "4 engineering change orders in the last 2 months. Two of them came after the aluminium was on the machines."
    ]
    _, decisions, _ = _talk(
        persona, "realistic", ["ok so 6 change orders in 2 months and all after cutting started"], said=said
    )
    assert decisions[0].move == "correct_summary"


@pytest.mark.parametrize(
    ("said", "text"),
    [
        (
            "4 engineering change orders in the last 2 months, and the September 15 order is the big one.",
            "so 4 change orders in 2 months, and the sept 15 order is the one that matters",
        ),
        (
            "Seven years in this building, eleven roasting altogether. I can't sell the blend at 14.20 a kilo.",
            "so at 14.20 ur roasting our blend for about break even, after eleven years",
        ),
    ],
)
def test_a_date_or_a_price_beside_a_thing_is_not_a_count_of_it(library, said, text):
    persona = library.get("vendor-deadlines" if "orders" in said else "coffee-supplier")
    readings, _, _ = _talk(persona, "realistic", [text], said=[said])
    summary = next(p for p in readings[0]["parts"] if p["act"] == "summary")
    assert summary["faithful"], summary


@pytest.mark.parametrize(
    "text",
    [
        "ok fair. let me try again without being an idiot. what else is on ur mind",
        "lol fair, 'lowball' was a bit much, ive been watching too much shark tank. can u walk me thru how u got to 10?",
        "i'm such a muppet. what's behind the 10?",
    ],
)
def test_a_joke_at_ones_own_expense_is_not_an_insult(library, text):
    persona = library.get("investor-term-sheet")
    readings, decisions, _ = _talk(persona, "hard", [text])
    assert "insult" not in readings[0]["acts"] and decisions[0].move != "react_insult"
    # and the rules alone, without the act model, read it the same way
    turns = [{"role": "counterpart", "text": "Hello.", "disclosures": []}]
    alone = read_turn(persona, L.new_ledger(persona), text, turns, use_model=False)
    assert "insult" not in alone["acts"]


def test_the_same_word_aimed_at_them_still_is(library):
    persona = library.get("investor-term-sheet")
    readings, decisions, _ = _talk(persona, "hard", ["stop being an idiot and give us 12"])
    assert decisions[0].move == "react_insult"


def test_an_aside_in_brackets_does_not_swallow_the_play_back_after_it(library):
    persona = library.get("coffee-supplier")
    said = [
        "Green coffee has gone up a lot this year. My importer raised my contract price by about 30 percent, and "
        "that's before freight. At $14.20 I'm roasting your blend at close to break-even."
    ]
    text = (
        "ouch. 30% is brutal, no wonder ur looking tired lol (sorry, that came out wrong, u look great) so the beans "
        "cost u about a third more than last year before shipping even, and at our 14.20 ur basically doing our "
        "blend for no profit. thats the gist?"
    )
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said)
    assert "summary" in readings[0]["acts"] and decisions[0].move == "warm_up"


def test_brackets_inside_a_sentence_stay_in_it():
    from simulator.reading import split_parts

    assert split_parts("we pay 14.20 (net 30) and always on time") == [
        "we pay 14.20 (net 30) and always on time"
    ]


@pytest.mark.parametrize(
    ("persona_id", "text", "want"),
    [
        ("coffee-supplier", "15,6 net 30", {"price_per_kg": 15.6, "payment_days": 30.0}),
        ("coffee-supplier", "55 a wk, 15,20 a kilo", {"weekly_volume": 55.0, "price_per_kg": 15.2}),
        (
            "landlord-renewal",
            "what about 4.6k with 2,5% a year",
            {"monthly_rent": 4600.0, "annual_increase": 2.5},
        ),
        ("neighbour-extension", "what if we make it 2,8 and not 3,2", {"wall_height": 2.8}),
    ],
)
def test_a_decimal_comma_is_a_decimal_point(library, persona_id, text, want):
    assert _terms(library, persona_id, text) == want


def test_a_thousands_comma_and_a_list_are_not_decimals():
    from simulator.quantities import quantities

    values = [q.value for q in quantities("2,000 units, or 2,3 or 4 pallets")]
    assert values[0] == 2000.0 and 2.3 not in values


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("forget the 60, just do 15.20 and we're done", {"price_per_kg": 15.2}),
        ("never mind the 60 a week, 15.20", {"price_per_kg": 15.2}),
    ],
)
def test_a_figure_dropped_with_forget_or_never_mind_is_not_put(library, text, want):
    assert _terms(library, "coffee-supplier", text) == want


@pytest.mark.parametrize("text", ["can u guarantee sept 15", "u confirm sept 15 if we stop changes?"])
def test_asking_for_the_date_guaranteed_puts_the_confirmed_date_on_the_table(library, text):
    assert _terms(library, "vendor-deadlines", text) == {"sept_confirmed": 1.0}


def test_a_question_run_on_after_nobody_said_anything_to_me_is_asked(library):
    persona = library.get("landlord-renewal")
    said = ["And since you ask... the tenants upstairs are complaining about your early deliveries."]
    text = "oh no I had no idea nobody said anything to me what are they saying exactly"
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said)
    assert "open_question" in readings[0]["acts"] and decisions[0].move != "acknowledge"


def test_explain_to_me_what_still_runs_on_as_one_question():
    from simulator.reading import split_parts

    assert split_parts("can u explain to me what the bank needs to see") == [
        "can u explain to me what the bank needs to see"
    ]


def test_whats_behind_it_after_playing_back_their_point_goes_deeper_on_that_point(library):
    persona = library.get("candidate-offer")
    readings, decisions, ledger = _talk(
        persona,
        "realistic",
        ["2 fixed days, not 'when possible', got it. can i ask whats behind it, only if ur comfortable"],
        said=["I need two fixed days at home every week. Not 'flexible when possible'."],
        concerns={"caregiving_schedule": 2},
    )
    assert [d.item_id for d in decisions[0].disclosures] == ["caregiving_schedule"], decisions[0]


@pytest.mark.parametrize(
    ("text", "pushy"),
    [
        ("If you meet them Wednesday and it feels right, could you give me an answer by Thursday?", False),
        ("I need an answer by Friday.", True),
    ],
)
def test_asking_kindly_for_an_answer_by_a_day_is_not_an_ultimatum(library, text, pushy):
    persona = library.get("candidate-offer")
    readings, _, _ = _talk(persona, "realistic", [text])
    assert ("pressure" in readings[0]["acts"]) is pushy


def test_a_spot_typed_short_is_the_spot_bonus(library):
    assert _terms(library, "manager-raise", "could we meet at 77 plus 2.5k spot") == {
        "salary": 77000.0,
        "spot_bonus": 2500.0,
    }


def test_a_numbered_list_is_read_item_by_item_and_its_numbers_are_no_terms(library):
    from simulator.reading import split_parts

    text = "ok heres what im thinking:\n1. price 15.40\n2. direct debit on the 1st\n3. the rest stays"
    assert split_parts(text) == [
        "ok heres what im thinking:",
        "price 15.40",
        "direct debit on the 1st",
        "the rest stays",
    ]
    listed = "so 2 points:\n1. a 12 month agreement\n2. 15.40 a kilo\n3. direct debit"
    assert _terms(library, "coffee-supplier", listed) == {
        "term_months": 12.0,
        "price_per_kg": 15.4,
        "direct_debit": 1.0,
    }
    # one line starting with a number is no list: "15. ok" still says 15
    assert split_parts("15. ok") == ["15.", "ok"]


def test_a_play_back_announced_with_play_it_back_is_heard_item_by_item(library):
    persona = library.get("coffee-supplier")
    said = [
        "Green coffee has gone up a lot this year. My importer raised my contract price by about 30 percent.",
        "Your last few invoices came in late. Three of the last six were more than twenty days late.",
    ]
    text = (
        "right. so if i play it back:\n- importer up about 30% on the green coffee\n"
        "- 3 of our last 6 invoices were 20+ days late"
    )
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said)
    acts = [p["act"] for p in readings[0]["parts"]]
    assert acts.count("summary") >= 2, readings[0]["parts"]
    assert readings[0]["summary"]["faithful"], readings[0]["summary"]
    warmed = decisions[0].move == "warm_up" or any(b["move"] == "ack_summary" for b in decisions[0].before)
    assert warmed, decisions[0]


@pytest.mark.parametrize(
    ("persona_id", "said", "text"),
    [
        (
            "client-discount",
            "Another agency has quoted us $18,000 a month.",
            "and the other agency's 18k, im curious what that actually covers, if u can say",
        ),
        (
            "landlord-renewal",
            "I'd need deliveries after 8 in the morning.",
            "if I must take delivery at 8 the bakery don't work, and then really I must go to Birch street.",
        ),
        (
            "client-discount",
            "We need the retainer at $19,200.",
            "if it ends up being the same scope at 19,200 I'd honestly rather we part as friends than do a half job",
        ),
    ],
)
def test_their_figure_asked_about_or_argued_against_is_no_offer_and_closes_no_deal(
    library, persona_id, said, text
):
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "easy", [text], said=[said])
    assert "offer" not in readings[0]["acts"], readings[0]["parts"]
    assert decisions[0].move != "agree" and decisions[0].outcome is None, decisions[0]


def test_a_conditional_trade_with_a_must_is_still_an_offer(library):
    assert _terms(library, "landlord-renewal", "if we have to pay 5000 we need 5 years") == {
        "monthly_rent": 5000.0,
        "lease_years": 5.0,
    }
    persona = library.get("landlord-renewal")
    readings, _, _ = _talk(persona, "easy", ["if we have to pay 5000 we need 5 years"])
    assert "offer" in readings[0]["acts"], readings[0]["parts"]


def test_a_why_typed_on_after_a_laugh_is_its_own_question():
    from simulator.reading import split_parts

    assert split_parts(
        "sorry, 3.2, i misread my own drawings lol why the roses, if u dont mind me asking"
    ) == [
        "sorry, 3.2, i misread my own drawings lol",
        "why the roses, if u dont mind me asking",
    ]
    assert split_parts("thats why the price went up") == ["thats why the price went up"]
    assert split_parts("ok lol how many") == ["ok lol how many"]


def test_yes_to_sending_what_it_asked_for_is_not_yes_to_its_price(library):
    persona = library.get("coffee-supplier")
    line = (
        "Then we're not there today. Send me your real weekly volumes for the last three months. I'm not going "
        "below 16.20, with direct debit at net 30."
    )
    changes = {"price_per_kg": 16.2, "direct_debit": 1, "payment_days": 30}
    for text in ("fine. ill send them over. cheers for the coffee anyway", "ok sure, i'll get u the numbers"):
        _, decision, _ = _after_proposal(persona, changes, line, text)
        assert decision.move == "acknowledge" and decision.outcome is None, (text, decision)
    # a yes to the deal itself still closes it
    _, decision, _ = _after_proposal(persona, changes, line, "deal. i'll send the paperwork over")
    assert decision.move == "agree", decision


@pytest.mark.parametrize(
    ("persona_id", "text", "terms"),
    [
        (
            "landlord-renewal",
            "what if we do a 5 year lease at 4 500",
            {"lease_years": 5.0, "monthly_rent": 4500.0},
        ),
        (
            "client-discount",
            "what if we go to 20 400 on a 12 month term",
            {"monthly_retainer": 20400.0, "term_months": 12.0},
        ),
    ],
)
def test_thousands_set_off_by_a_space_are_one_number(library, persona_id, text, terms):
    assert _terms(library, persona_id, text) == terms


@pytest.mark.parametrize(
    ("persona_id", "text", "concern"),
    [
        (
            "landlord-renewal",
            "oh no, i didnt know about the deliveries waking flat 2. i'm really sorry",
            "delivery_noise",
        ),
        (
            "coffee-supplier",
            "i know we were late paying a couple of times, sorry about that",
            "late_payments",
        ),
    ],
)
def test_a_worry_the_user_owns_before_it_is_said_is_talked_about_not_waved_on(
    library, persona_id, text, concern
):
    persona = library.get(persona_id)
    _, decisions, ledger = _talk(persona, "realistic", [text])
    assert decisions[0].move == "raise_concern", decisions[0]
    assert ledger["concerns"][concern] >= 1, ledger["concerns"]
    # knowing something about them is not owning one of its worries
    _, decisions, _ = _talk(persona, "realistic", ["i know you're busy"])
    assert decisions[0].move == "acknowledge", decisions[0]


def test_a_play_back_with_the_wrong_figure_in_thousands_is_corrected(library):
    persona = library.get("candidate-offer")
    said = [
        "Honestly, the main thing right now is that I have another offer at $162,000 base, and I have to answer them by Friday."
    ]
    readings, decisions, _ = _talk(
        persona,
        "realistic",
        ["Understood. So you have an other offer at 165k and friday is there deadline, correct?"],
        said=said,
    )
    assert readings[0]["summary"] and not readings[0]["summary"]["faithful"], readings[0]["summary"]
    assert decisions[0].move == "correct_summary", decisions[0]
    readings, decisions, _ = _talk(
        persona,
        "realistic",
        ["So you have another offer at 162k and Friday is the deadline, correct?"],
        said=said,
    )
    assert readings[0]["summary"]["faithful"], readings[0]["summary"]


def test_word_from_elsewhere_is_not_heard_as_a_play_back(library):
    persona = library.get("landlord-renewal")
    said = ["Everything on the building has gone up. At $4,200 I'm barely breaking even on the ground floor."]
    readings, decisions, _ = _talk(
        persona, "realistic", ["also someone told me the wine bar pays around 4k, is that right?"], said=said
    )
    assert "summary" not in readings[0]["acts"], readings[0]["parts"]
    assert decisions[0].move != "correct_summary", decisions[0]


def test_asked_to_go_on_without_a_question_mark_it_goes_on(library):
    persona = library.get("landlord-renewal")
    said = [
        "But there's something else I ought to mention before we get to any of that, and I'd rather not have to."
    ]
    for text in ("oh? please, tell me", "go on, i'm listening", "do tell"):
        readings, decisions, _ = _talk(persona, "realistic", [text], said=said)
        assert "open_question" in readings[0]["acts"], (text, readings[0]["parts"])
        assert decisions[0].move in ("raise_concern", "reveal"), (text, decisions[0])


def test_a_tag_question_typed_without_its_mark_is_a_question(library):
    persona = library.get("manager-raise")
    said = ["You know there's a freeze on. Salaries don't move until 1 July, for anyone."]
    readings, decisions, _ = _talk(
        persona, "realistic", ["sure, but roles can still change cant they"], said=said
    )
    assert readings[0]["acts"] == ["closed_question"], readings[0]["parts"]
    assert decisions[0].move != "hold_ground", decisions[0]


def test_asked_whether_their_team_won_it_chats_and_steers_back(library):
    persona = library.get("manager-raise")
    for text in (
        "did ur lads team win on saturday",
        "also totally random but did ur lads team win on saturday",
    ):
        _, decisions, _ = _talk(persona, "realistic", [text])
        assert decisions[0].move == "small_talk", (text, decisions[0])
    # a team winning business is no chat
    readings, _, _ = _talk(persona, "realistic", ["did your team win the contract?"])
    assert "small_talk" not in readings[0]["acts"], readings[0]["parts"]


def test_another_option_mentioned_with_a_preference_for_them_is_no_threat(library):
    persona = library.get("investor-term-sheet")
    for text in (
        "honestly another fund is looking at us too, but we'd rather do this with you",
        "we have another term sheet but you're our first choice",
    ):
        readings, decisions, _ = _talk(persona, "realistic", [text])
        assert "pressure" not in readings[0]["acts"], (text, readings[0]["parts"])
        assert decisions[0].move != "push_back_pressure", (text, decisions[0])
    # the preference said first and a threat after it is still a threat
    readings, _, _ = _talk(
        persona,
        "realistic",
        ["other funds would pay 12. I'd rather land with you, but I won't sign this version"],
    )
    assert "pressure" in readings[0]["acts"], readings[0]["parts"]


def test_walking_out_on_their_figure_is_pressure_not_an_offer_of_it(library):
    persona = library.get("investor-term-sheet")
    said = ["It counts. It's in the ten."]
    text = "ok well then i think we're probably done here, 10 isnt something i can sign"
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said)
    assert readings[0]["acts"] == ["pressure"], readings[0]["parts"]
    assert decisions[0].move in ("push_back_pressure", "walk_away"), decisions[0]


def test_a_so_that_opens_the_point_is_no_benefit_for_them(library):
    # "so ill just say it, i want … 80k": a demand before anything is known, not an ask framed for Marcus
    persona = library.get("manager-raise")
    said = ["Come in, sit down. You wanted to talk about the night lead job."]
    text = "hi marcus yeah thx for the time. so ill just say it, i want the night lead role and i think i should be paid in the band for it, like 80k"
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said)
    assert not readings[0]["ask"]["benefit"], readings[0]["ask"]
    assert decisions[0].move in ("push_back_premature", "push_back_bare_ask"), decisions[0]


def test_their_own_order_is_told_and_a_boss_made_threat_is_pressure(library):
    persona = library.get("vendor-deadlines")
    said = ["Yes, the last three were late. I won't pretend otherwise."]
    text = "we have 6000 units going to a national chain on sept 15 and i cant have a repeat of this"
    readings, _, _ = _talk(persona, "realistic", [text], said=said)
    assert "offer" not in readings[0]["acts"], readings[0]["parts"]
    text = "i need sept 15 confirmed in writing or my ceo puts penalties in the contract whether i like it or not"
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said)
    assert "pressure" in readings[0]["acts"], readings[0]["parts"]
    assert decisions[0].move in ("push_back_pressure", "walk_away"), decisions[0]


def test_an_expletive_at_the_news_is_not_an_insult(library):
    persona = library.get("cofounder-equity")
    text = (
        "shit. no. that came out completely wrong, im sorry. can u tell me what 50/50 and no cliff means to u"
    )
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert "insult" not in readings[0]["acts"], readings[0]["parts"]
    assert decisions[0].move != "react_insult", decisions[0]
    readings, _, _ = _talk(persona, "realistic", ["this is shit"])
    assert "insult" in readings[0]["acts"], readings[0]["parts"]


def test_their_price_called_steep_after_a_hello_is_the_point_not_chat(library):
    persona = library.get("coffee-supplier")
    said = ["So, you got my email."]
    text = "morning. yes i have. with the greatest respect tomas, 16.80 is a bit steep isnt it"
    ledger = L.new_ledger(persona)
    ledger["standing"] = {**ledger["standing"], "price_per_kg": 16.8}
    turns = [{"role": "counterpart", "text": said[0], "disclosures": [], "terms": ledger["standing"]}]
    reading = read_turn(persona, ledger, text, turns)
    decision, _ = decide(persona, "realistic", ledger, reading, 2)
    assert decision.move != "small_talk", decision


def test_a_rather_thinking_is_still_a_proposal(library):
    persona = library.get("coffee-supplier")
    readings, _, _ = _talk(persona, "realistic", ["i was rather thinking we'd stay at 14.20"])
    assert readings[0]["acts"] == ["offer"], readings[0]["parts"]
    assert readings[0]["terms"] == {"price_per_kg": 14.2}, readings[0]["terms"]


def test_a_goodbye_wish_is_not_taken_for_a_question(library):
    persona = library.get("candidate-offer")
    lines = [
        "hi aisha! great to hear from you. so whats on your mind with the offer?",
        "oh wow 162k elsewhere, thats a strong offer. what else matters to you besides the base?",
        "we can do tuesdays and thursdays at home, written into the contract. on base, i can go to 158",
        "what if 158 base plus a 15k signing bonus, that covers the gap in year one",
        "great! looking forward to having you on the team",
    ]
    readings, decisions, _ = _talk(persona, "realistic", lines, seed=7)
    assert not any(a.endswith("question") for a in readings[-1]["acts"]), readings[-1]["parts"]
    assert "asked" not in decisions[-1].authored.lower(), decisions[-1].authored


@pytest.mark.parametrize(
    "text",
    [
        "oh wow 162k elsewhere, thats a strong offer. what else matters to you besides the base?",
        "other than the other offer, is anything else worrying you?",
    ],
)
def test_what_else_besides_the_thing_named_asks_for_another_worry(library, text):
    persona = library.get("candidate-offer")
    said = "I have another offer at $162,000 base, and I have to answer them by Friday."
    turns = [_told("competing_offer", said)[0]]
    reading, decision = _after(persona, turns, text, {"competing_offer": 1})
    assert decision.move == "raise_concern", decision
    assert [d.item_id for d in decision.disclosures] != ["competing_offer"], decision.disclosures


def test_a_yes_that_promises_the_new_scope_keeps_the_terms_it_accepts(library):
    persona = library.get("client-discount")
    changes = {"monthly_retainer": 19700, "term_months": 12, "display_in_scope": 0, "monthly_report": 1}
    line = "Here's what I could take to the CFO: $19,700 a month, display moves in-house, a one-page summary."
    _, decision, _ = _after_proposal(persona, changes, line, "deal, ill send the new scope tomorrow")
    assert decision.move == "agree", decision
    assert decision.terms["display_in_scope"] == 0, decision.terms


@pytest.mark.parametrize(
    "text",
    [
        "I'd like to start with the September order and leave the contract stuff for another day, if that's ok.",
        "My CEO wants penalty clauses in the next contract, which I'm not going to push today.",
        "what happens if we dont sign by end of march then",
    ],
)
def test_talking_about_the_process_is_not_a_threat(library, text):
    persona = library.get("vendor-deadlines")
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert "pressure" not in readings[0]["acts"], readings[0]["parts"]
    assert decisions[0].move != "push_back_pressure", decisions[0]


def test_so_were_done_with_a_question_mark_asks_whether_the_deal_is_struck(library):
    persona = library.get("cofounder-equity")
    text = "48 then, close enough. 55/45, 6 months credited, no cliff, acceleration, 4k a month each. so we're done?"
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert "pressure" not in readings[0]["acts"] and decisions[0].move != "push_back_pressure", decisions[0]
    readings, _, _ = _talk(persona, "realistic", ["fine, we're done here."])
    assert "pressure" in readings[0]["acts"]


@pytest.mark.parametrize(
    "persona_id, text, said",
    [
        ("vendor-deadlines", "who do I need to talk to then, your boss?", "cousin"),
        (
            "coffee-supplier",
            "who decides on the price at your end, do you have a business partner?",
            "my call",
        ),
        ("client-discount", "Who signs off in the end, you or the CFO?", "CFO"),
    ],
)
def test_who_decides_is_answered_from_the_persona(library, persona_id, text, said):
    persona = library.get(persona_id)
    _, decisions, _ = _talk(persona, "realistic", [text])
    assert decisions[0].move == "answer_fact" and said in decisions[0].authored, decisions[0]


def test_a_dictated_run_on_splits_at_the_um_between_two_thoughts_not_at_a_stumble(library):
    from simulator.reading import split_parts

    text = (
        "yeah sixty as a floor is fine we go over that in summer anyway um on the machine how many call outs"
    )
    assert split_parts(text) == [
        "yeah sixty as a floor is fine we go over that in summer anyway",
        "um on the machine how many call outs",
    ]
    assert len(split_parts("yeah Dieter its uh its Mark from brightwell I'm driving so bear with me")) == 1


@pytest.mark.parametrize(
    "persona_id, text, terms",
    [
        (
            "investor-term-sheet",
            "we dont want investors on the board at seed, its founders only",
            {"board_seat": 0},
        ),
        (
            "vendor-deadlines",
            "Penalties stay out, you have my word on that from my side.",
            {"penalty_clauses": 0},
        ),
        (
            "investor-term-sheet",
            "ok what about the participating preference can we just drop that and the board seat",
            {"participating": 0, "board_seat": 0},
        ),
        ("vendor-deadlines", "like five hundred a day late, every day", {"penalty_clauses": 1}),
        ("neighbour-extension", "we could drop the wall to two and a half metres", {"wall_height": 2.5}),
        (
            "coffee-supplier",
            "ok direct debit fine and like fifty five kilos every week standing order at fifteen",
            {"direct_debit": 1, "weekly_volume": 55, "price_per_kg": 15},
        ),
    ],
)
def test_terms_typed_or_dictated_as_people_say_them(library, persona_id, text, terms):
    assert _terms(library, persona_id, text) == terms


def test_a_term_mentioned_in_a_condition_is_not_declined_by_the_condition(library):
    got = _terms(
        library,
        "client-discount",
        "12 months at 20,400 with the one pager, and if the one pagers arent showing results u can walk after 6",
    )
    assert got.get("monthly_report") == 1, got


def test_we_could_get_to_a_figure_puts_it_forward(library):
    persona = library.get("candidate-offer")
    readings, _, _ = _talk(persona, "realistic", ["we can't do one sixty five but we could get to one fifty"])
    assert "offer" in readings[0]["acts"] and readings[0]["terms"].get("base_salary") == 150000, readings[0]


def test_a_play_back_with_the_weight_it_carries_is_warmed_to(library):
    persona = library.get("coffee-supplier")
    said = [
        "When your orders swing from 15 kilos to 75, I end up roasting on Saturday nights to keep up with you."
    ]
    text = "Saturday nights roasting because our orders swing so much. That sounds exhausting."
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said, concerns={"volume_commitment": 1})
    assert "summary" in readings[0]["acts"], readings[0]["parts"]
    assert decisions[0].move == "feel_heard", decisions[0]


def test_a_question_pointing_back_at_the_terms_just_named_asks_about_them(library):
    persona = library.get("coffee-supplier")
    said = [
        "So you've seen my email: $16.80 a kilo, and payment moves from net 30 to net 15.",
        "We'll need volume we can plan on. A standing order would help me buy the green coffee.",
    ]
    text = "ok um the other piece in your email was net fifteen instead of net thirty can I ask what's driving that one"
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said, concerns={"volume_commitment": 1})
    assert readings[0]["topic"] == "late_payments", readings[0]["parts"]
    assert [d.item_id.split(":")[0] for d in decisions[0].disclosures] == ["late_payments"], decisions[0]


@pytest.mark.parametrize(
    "text, retainer",
    [
        ("i can do 1,500 off, thats nearly 10%, so 22,500.", 22500),
        ("best i can do is $1.2k off, so 22,800.", 22800),
    ],
)
def test_the_sum_worked_out_is_the_term_not_the_step_towards_it(library, text, retainer):
    got = _terms(library, "client-discount", text, standing={"monthly_retainer": 19200})
    assert got == {"monthly_retainer": retainer}, got


def test_time_already_put_in_is_no_term(library):
    assert _terms(library, "client-discount", "wev'e done 2 yrs of good work for u") == {}
    assert _terms(library, "client-discount", "12 months at 20,400") == {
        "monthly_retainer": 20400,
        "term_months": 12,
    }


def test_a_count_of_their_orders_is_no_term(library):
    got = _terms(
        library,
        "vendor-deadlines",
        "what if we order 4,000 a quarter firm, thats 16k a year, 8 of our usual orders",
    )
    assert got == {"quarterly_units": 4000}, got


@pytest.mark.parametrize(
    "persona_id, text, terms",
    [
        # a growth rate and a worked-out share are not the option pool
        (
            "investor-term-sheet",
            "We were thinking 12 pre, not 10, for a company growing 8% a month.",
            {"pre_money": 12},
        ),
        (
            "investor-term-sheet",
            "Then what if we raise 3M at 12 pre? 3 on 12 is 15 post, that's exactly 20%.",
            {"round_size": 3, "pre_money": 12},
        ),
        (
            "investor-term-sheet",
            "what if we make the round bigger, 3m at 12 pre, thats 3 out of 15 so exactly 20%",
            {"round_size": 3, "pre_money": 12},
        ),
        # a point's number in a list is not a term's
        (
            "vendor-deadlines",
            "One: design freeze 8 weeks before every ship date. Two: a rolling 3-month forecast.",
            {"design_freeze_weeks": 8, "forecast_months": 3},
        ),
        # an hour of the day is no count of weeks or years
        ("neighbour-extension", "Deal, screened and nobody up there after 5.", {}),
        (
            "landlord-renewal",
            "Deliveries round the back lane and not before 7am, so nobody upstairs hears a van at 5.",
            {"delivery_after": 7},
        ),
        # as spoken and as texted
        (
            "vendor-deadlines",
            "Look, bottom line. SEPT 15 IN WRITIN and penalties in the contract",
            {"sept_confirmed": 1, "penalty_clauses": 1},
        ),
        (
            "investor-term-sheet",
            "What if we skipped the board seat and I sent you a monthly update?",
            {"board_seat": 0},
        ),
        (
            "coffee-supplier",
            "ok what if we just signed for 2 years at the old price.",
            {"term_months": 24, "price_per_kg": 14.2},
        ),
        (
            "landlord-renewal",
            "could we make it 4,450 if I sign for 5?",
            {"monthly_rent": 4450, "lease_years": 5},
        ),
        (
            "cofounder-equity",
            "fine, I could see crediting 3. and you'd get 45%.",
            {"months_credited": 3, "lena_equity": 45},
        ),
    ],
)
def test_terms_among_the_figures_people_work_out_loud(library, persona_id, text, terms):
    assert _terms(library, persona_id, text) == terms


def test_a_figure_named_twice_is_one_term_but_two_different_figures_stay_two(library):
    assert _terms(library, "coffee-supplier", "15 flat, direct debit, net 15.") == {
        "price_per_kg": 15,
        "direct_debit": 1,
        "payment_days": 15,
    }


@pytest.mark.parametrize(
    "persona_id, said, concern, text",
    [
        # a decimal said aloud is the figure played back
        (
            "neighbour-extension",
            "It's three point two metres high, right along my boundary, and my husband planted those roses.",
            "garden_light",
            "So a wall at 3.2m would put the roses your husband planted in shade. That's not a small thing.",
        ),
        # the pool on their own term sheet is known to both sides
        (
            "investor-term-sheet",
            "Eight hires on six percent won't cover it. When it runs out, it gets topped up and I'm the one diluted.",
            "option_pool",
            "Got it. So the 15% pool up front is you protecting yourself from being diluted later when we run out.",
        ),
        # "before month 12" is the one-year cliff
        (
            "cofounder-equity",
            "A one-year cliff starting now means the six months I've already worked count for nothing.",
            "cliff_reset",
            "so a cliff starting now wipes out the 6 months you've put in, and if it went wrong before month 12 you'd "
            "leave with nothing.",
        ),
    ],
)
def test_a_faithful_play_back_with_their_figures_in_other_words_is_not_corrected(
    library, persona_id, said, concern, text
):
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "easy", [text], said=[said], concerns={concern: 1})
    assert "summary" in readings[0]["acts"], readings[0]["parts"]
    assert decisions[0].move != "correct_summary" and not any(
        b["move"] == "correct_summary" for b in decisions[0].before
    ), decisions[0]


def test_a_trial_balloon_with_figures_is_an_offer_not_a_play_back(library):
    persona = library.get("neighbour-extension")
    said = [
        "The noise, then. I volunteer nights at the hospice, so I sleep until noon. And the scaffolding: three weeks."
    ]
    text = (
        "Suppose the builders didn't start anything noisy before 9 on any day, nothing at all on Wed and Thu "
        "mornings, and the scaffolding was up for two weeks instead of three?"
    )
    readings, decisions, _ = _talk(persona, "easy", [text], said=said, concerns={"work_disruption": 1})
    assert readings[0]["acts"] == ["offer"], readings[0]["parts"]
    assert decisions[0].move != "correct_summary", decisions[0]


@pytest.mark.parametrize(
    ("persona_id", "text"),
    [
        ("investor-term-sheet", "G'day Rebecca! How's Boston treating ya, bit chilly this arvo?"),
        ("client-discount", "btw u watching the cricket this arvo? Aussies are gonna smash it"),
    ],
)
def test_small_talk_in_regional_english_gets_small_talk(library, persona_id, text):
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert decisions[0].move in ("small_talk", "off_topic"), (readings[0]["parts"], decisions[0])
    assert not decisions[0].disclosures


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("How many folks y'all got workin there anyhow", "85 people"),
        ("ok four. how long's it take y'all to turn a job round", "five weeks"),
    ],
)
def test_a_fact_asked_in_a_southern_drawl_is_answered(library, text, said):
    persona = library.get("vendor-deadlines")
    _, decisions, _ = _talk(persona, "hard", [text])
    assert decisions[0].move == "answer_fact" and said in decisions[0].authored.lower(), decisions[0]


@pytest.mark.parametrize(
    "text",
    [
        "THAT WAS ONE DAY. one day. jfc",
        "that's paranoid. I'd never do that.",
        "wow. ok. in a world where you actually read them you'd see what we do.",
        "85 people and y'all can't get 2000 boxes out the door on time. Lord have mercy.",
    ],
)
def test_contempt_as_people_type_it_is_an_insult(library, text):
    persona = library.get("vendor-deadlines")
    readings, _, _ = _talk(persona, "realistic", [text])
    assert "insult" in readings[0]["acts"], readings[0]["parts"]


@pytest.mark.parametrize(
    ("persona_id", "said", "concern", "text"),
    [
        (
            "coffee-supplier",
            "Your last few invoices came in late, and for a roaster my size that hurts more than you'd think.",
            "late_payments",
            "bruh. ok so ur basically saying we're the reason ur going broke rn",
        ),
        (
            "vendor-deadlines",
            "Your account is small next to my automotive customers, and the anodiser takes the big jobs first.",
            "small_account",
            "So you're sayin we're too small to bother with, that it?",
        ),
    ],
)
def test_a_verdict_in_absolutes_put_in_their_mouth_is_put_right(library, persona_id, said, concern, text):
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text], said=[said], concerns={concern: 1})
    assert "summary" in readings[0]["acts"], readings[0]["parts"]
    assert decisions[0].move == "correct_summary", decisions[0]


def test_their_own_absolute_played_back_in_a_clause_of_its_own_is_not_spin(library):
    persona = library.get("cofounder-equity")
    said = "A one-year cliff from today means the six months I've worked count for nothing, and I'd leave with nothing."
    text = (
        "ur saying uve done 6 months unpaid, a cliff from today throws that away, and ud leave with nothing"
    )
    readings, decisions, _ = _talk(persona, "realistic", [text], said=[said], concerns={"cliff_reset": 1})
    assert decisions[0].move != "correct_summary", (readings[0]["parts"], decisions[0])


def test_offering_to_make_the_tea_is_hospitality_not_a_question_to_answer_with_a_worry(library):
    persona = library.get("neighbour-extension")
    readings, decisions, _ = _talk(
        persona, "realistic", ["Thank you, Maureen. How do you take your tea? I'll make it if you like"]
    )
    assert "open_question" not in readings[0]["acts"], readings[0]["parts"]
    assert not decisions[0].disclosures, decisions[0]


@pytest.mark.parametrize(
    "text",
    [
        "16.20, you're hilarious.",
        "jesus, u guys are impossible. its a clause, not a death sentence",
        "so we're sort of paying extra for the privilege, great, love that for us.",
        "what is there to ask. ur putting prices up 18 percent because u can",
    ],
)
def test_more_sarcasm_as_people_type_it(library, text):
    persona = library.get("coffee-supplier")
    readings, _, _ = _talk(persona, "realistic", [text])
    assert "insult" in readings[0]["acts"], readings[0]["parts"]


def test_jesus_at_the_news_is_shock_not_contempt(library):
    persona = library.get("vendor-deadlines")
    readings, _, _ = _talk(persona, "realistic", ["jesus. ok. has anyone actually cracked this?"])
    assert "insult" not in readings[0]["acts"], readings[0]["parts"]


def test_what_would_i_have_to_do_is_a_question_about_their_needs(library):
    persona = library.get("manager-raise")
    said = ["I've told you. Not today, and not above the freeze. I'd want to see you lead first."]
    readings, _, _ = _talk(persona, "hard", ["What would I have to do"], said=said)
    assert [(p["act"], p.get("window")) for p in readings[0]["parts"]] == [("open_question", "needs")]


def test_the_hour_they_ask_for_is_not_the_hour_their_bread_is_due(library):
    # the counterpart asked for vans at seven; the baker offers six, and seven is only when the shelves must be full
    text = "could we say 6 at the back? bread has to be on the shelves by 7, and the van wouldnt be under anyones window"
    assert _terms(library, "landlord-renewal", text) == {"delivery_after": 6}


def test_asking_where_their_figure_came_from_is_an_open_question(library):
    persona = library.get("client-discount")
    readings, decisions, _ = _talk(
        persona,
        "realistic",
        ["Going back to the 20% though, is that your number or did it come from somewhere?"],
    )
    assert readings[0]["acts"] == ["open_question"], readings[0]["parts"]
    assert decisions[0].move != "deflect_closed", decisions[0]


def test_ok_before_playing_back_their_reasons_is_a_nod_not_a_yes_to_their_number(library):
    persona = library.get("candidate-offer")
    proposal = {"base_salary": 165000.0}
    line = (
        "Not really. It's below the other offer, and I'd be starting the job already behind. I'm at $165,000."
    )
    turns, ledger = _after_their_terms(
        persona, "Is 150 something you could get comfortable with?", line, proposal
    )
    text = "Ok. just so I understand, ur main driver is the money, right? nothing else"
    reading = read_turn(persona, ledger, text, turns)
    decision, _ = decide(persona, "hard", ledger, reading, 2)
    assert "accept" not in reading["acts"] and "summary" in reading["acts"], reading["parts"]
    assert decision.move != "agree", decision


def test_asking_what_their_figure_buys_asks_about_the_line_that_gave_it(library):
    persona = library.get("client-discount")
    said = (
        "Then I look seriously at the other quote. Another agency has offered us eighteen thousand a month."
    )
    turns = [{"role": "counterpart", "text": "Hello.", "disclosures": []}]
    turns += [{"role": "user", "text": "what happens if we say no?"}]
    turns += [
        {
            "role": "counterpart",
            "text": said,
            "disclosures": [{"item_id": "competitor_quote", "layer": 0, "text": said}],
        }
    ]
    ledger = L.new_ledger(persona)
    ledger["concerns"] = {**ledger["concerns"], "competitor_quote": 1, "cfo_mandate": 1}
    reading = read_turn(persona, ledger, "18k for what though?", turns)
    assert [(p["act"], p.get("topic")) for p in reading["parts"]] == [("open_question", "competitor_quote")]


def test_a_fact_asked_on_the_way_to_an_open_question_is_answered_too(library):
    persona = library.get("coffee-supplier")
    text = "How many of you are doing the roasting these days? And is there something you're worried about this year?"
    _, decisions, _ = _talk(persona, "easy", [text])
    said = decisions[0].authored
    assert "part-time roaster" in said, said  # the staff, as asked
    assert decisions[0].move in ("raise_concern", "reveal") and decisions[0].disclosures, decisions[0]


@pytest.mark.parametrize("text", ["then why are we 3 weeks late", "well how come nobody told us"])
def test_a_question_after_then_or_well_is_asked_without_its_mark(library, text):
    persona = library.get("vendor-deadlines")
    said = ["About 85, on two shifts, and Saturdays when we're behind."]
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said)
    assert readings[0]["acts"] == ["open_question"], readings[0]["parts"]
    assert decisions[0].move != "acknowledge", decisions[0]


def test_a_figure_taken_away_to_ask_about_is_no_offer_and_no_yes(library):
    persona = library.get("vendor-deadlines")
    proposal = {"design_freeze_weeks": 8.0}
    line = (
        "Last month your buyer and your engineer asked for opposite things on the same day. Count the names on the "
        "thread if you like."
    )
    turns, ledger = _after_their_terms(persona, "what would you need from us?", line, proposal)
    text = "fine. i'll talk to our engineers about 8 wks and get back to u"
    reading = read_turn(persona, ledger, text, turns)
    decision, _ = decide(persona, "realistic", ledger, reading, 2)
    assert "offer" not in reading["acts"] and "accept" not in reading["acts"], reading["parts"]
    assert decision.move != "agree", decision


def test_asking_whether_they_speak_spanish_in_spanish_is_another_language(library):
    persona = library.get("landlord-renewal")
    readings, decisions, _ = _talk(persona, "realistic", ["hablas espanol? mi abuela era de bogota lol"])
    assert set(readings[0]["acts"]) == {"foreign"}, readings[0]["parts"]
    assert decisions[0].move == "other_language", decisions[0]


def test_can_we_at_least_talk_about_it_asks_them_to_open_up(library):
    persona = library.get("neighbour-extension")
    readings, decisions, _ = _talk(persona, "realistic", ["can we at least talk about the roses"])
    assert readings[0]["acts"] == ["open_question"], readings[0]["parts"]
    assert decisions[0].move != "deflect_closed", decisions[0]


def test_the_figure_they_think_right_after_turning_theirs_down_is_that_terms(library):
    # "10 is way too low … we should be at 15": the 15 is the valuation put in place of the 10, not a 15% pool
    persona = library.get("investor-term-sheet")
    readings, _, _ = _talk(
        persona, "realistic", ["ok so 10 is way too low. we're growing 8% a month, we should be at 15 easy"]
    )
    offered = [p for p in readings[0]["parts"] if p["act"] == "offer"]
    assert offered and offered[-1]["terms"] == {"pre_money": 15.0}


def test_a_percentage_played_back_must_have_been_said_as_one(library):
    # "net 30" is a payment term, not the 30% rise the user put in their mouth; "eleven percent … insurance
    # twenty-two" carries the percent to the second figure, so "+22%" for the insurance is faithful
    persona = library.get("coffee-supplier")
    said = ["My importer raised my contract price by about 12 percent, and I want net 30 on invoices."]
    _, decisions, _ = _talk(
        persona, "realistic", ["so ur beans went up 30%"], said=said, concerns={"green_costs": 2}
    )
    assert decisions[0].move == "correct_summary" and "12 percent" in decisions[0].authored
    landlord = library.get("landlord-renewal")
    said = ["The property tax went up eleven percent this year, and my insurance twenty-two after the flood."]
    _, decisions, _ = _talk(
        landlord, "easy", ["Ok so tax +11%, insurance +22%, right?"], said=said, concerns={"rising_costs": 1}
    )
    assert decisions[0].move == "warm_up"


def test_did_you_say_checks_a_figure_heard_and_a_wrong_one_is_put_right(library):
    # "sorry, did u say 40 to 75?" checks what Tomás said (it is no offer of 40 kilos to counter); a figure heard
    # wrong ("did u say 18.60??" for his 16.80) gets the figure he did say
    persona = library.get("coffee-supplier")
    said = ["Some weeks 40 kilos, some weeks 75. I roast in 15-kilo batches."]
    readings, decisions, _ = _talk(persona, "realistic", ["sorry, did u say 40 to 75?"], said=said)
    assert readings[0]["acts"] == ["summary"] and decisions[0].move == "warm_up"
    said = ["What I need is $16.80, like I wrote. And net 15."]
    _, decisions, _ = _talk(persona, "hard", ["wait did u say 18.60??"], said=said)
    assert decisions[0].move == "correct_summary" and "16.80" in decisions[0].authored


@pytest.mark.parametrize(
    "text", ["fine. ill think about it", "ok im gonna think about it", "k. i gotta think about it tbh"]
)
def test_fine_then_ill_think_about_it_is_no_yes(library, text):
    # Karl has just put acting lead with a trial; "fine. ill think about it" had closed the deal on his terms
    persona = library.get("manager-raise")
    proposal = {"salary": 74000.0}
    turns, ledger = _after_their_terms(
        persona, "so where does that leave me?", "Seventy-four now, and a trial.", proposal
    )
    reading = read_turn(persona, ledger, text, turns)
    decision, _ = decide(persona, "hard", ledger, reading, 2)
    assert "accept" not in reading["acts"] and decision.move != "agree", reading["parts"]


@pytest.mark.parametrize(
    ("persona_id", "said", "text"),
    [
        (
            "candidate-offer",
            "I'd like to spend an hour with the team before I sign. Could we do Thursday?",
            "Thursday works, I'll get the whole team in a room.",
        ),
        (
            "neighbour-extension",
            "Bring the drawings round and show me exactly where the wall goes, with a tape measure out in the garden.",
            "Saturday morning then? I'll bring the drawings and a tape, and my partner too.",
        ),
    ],
)
def test_taking_up_the_step_they_asked_for_is_a_yes(library, persona_id, said, text):
    readings, decisions, _ = _talk(library.get(persona_id), "realistic", [text], said=[said])
    assert "accept" in readings[0]["acts"] and decisions[0].move == "agree"


@pytest.mark.parametrize(
    ("persona_id", "text"),
    [
        ("investor-term-sheet", "well we actually have another term sheet at 13 so"),
        ("coffee-supplier", "well Bridgeport Roasters said theyd do 14 flat for us"),
        (
            "manager-raise",
            "ok well I have an offer from another company for 82 so I need to know where I stand",
        ),
    ],
)
def test_a_rivals_figure_named_to_move_them_is_pressure_not_an_offer(library, persona_id, text):
    readings, decisions, _ = _talk(library.get(persona_id), "realistic", [text])
    assert readings[0]["acts"] == ["pressure"] and decisions[0].move == "push_back_pressure"


def test_asking_whether_they_have_other_offers_is_a_question_not_a_threat(library):
    persona = library.get("cofounder-equity")
    readings, decisions, _ = _talk(
        persona, "realistic", ["is someone trying to hire u? like do u have other offers rn"]
    )
    assert "pressure" not in readings[0]["acts"] and not decisions[0].move.startswith("push_back")


@pytest.mark.parametrize(
    ("persona_id", "text", "date"),
    [
        ("coffee-supplier", "When do you need all this settled by?", "31 March"),
        ("client-discount", "What's the latest you'd need a proposal from me?", "1 February"),
        ("cofounder-equity", "whats the deadline on all this", "15th"),
        ("landlord-renewal", "how soon do you need to know?", "30 June"),
        ("landlord-renewal", "when do you need an answer by", "30 June"),
    ],
)
def test_asking_by_when_gets_their_date(library, persona_id, text, date):
    # a question about timing got a hidden concern (Tomás told the weekly swings, Helen her account-manager churn)
    readings, decisions, _ = _talk(library.get(persona_id), "realistic", [text])
    assert decisions[0].move == "answer_fact" and date in decisions[0].authored


@pytest.mark.parametrize(
    ("persona_id", "text", "terms"),
    [
        (
            "investor-term-sheet",
            "The last three pharmacy-software seeds I could find closed at 22 to 25 times ARR, so I think $14M pre "
            "is the right number, not $10M.",
            {"pre_money": 14.0},
        ),
        (
            "landlord-renewal",
            "There are two empty units on Larch St right now asking $3,900, so I was going to propose we actually go "
            "to $4,000, not up.",
            {"monthly_rent": 4000.0},
        ),
    ],
)
def test_an_anchor_with_its_reason_is_an_offer_of_the_figure_put_not_the_comparison(
    library, persona_id, text, terms
):
    # the opening anchor had been heard as a remark (acknowledged), and the rival units' $3,900 as the rent offered
    readings, decisions, _ = _talk(library.get(persona_id), "realistic", [text])
    offered = [p for p in readings[0]["parts"] if p["act"] == "offer"]
    assert offered and offered[-1]["terms"] == terms and decisions[0].move != "acknowledge"


def test_checking_what_a_term_means_is_a_question_not_an_offer(library):
    # "you can keep your 20%" inside a definition checked had put pro rata forward, and Rebecca weighed it
    persona = library.get("investor-term-sheet")
    text = "wait, pro rata meaning you can keep your 20% by investing more at the A, not a guaranteed allocation on top?"
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert readings[0]["acts"] == ["closed_question"] and decisions[0].move != "consider"


def test_when_a_price_could_change_is_no_term_length(library):
    # "could it go up again in six months" asks when, it puts no 6-month term forward to counter
    persona = library.get("coffee-supplier")
    readings, decisions, _ = _talk(
        persona,
        "realistic",
        ["wait just to check, is the review up or down? like could it go up again in six months"],
    )
    assert "offer" not in readings[0]["acts"] and decisions[0].move != "counter"


def test_asking_to_back_up_is_a_beat_in_the_talk_not_a_yes_no_question(library):
    persona = library.get("vendor-deadlines")
    readings, decisions, _ = _talk(
        persona, "hard", ["wait Dieter. can we back up a sec, I think this went sideways"]
    )
    assert "closed_question" not in readings[0]["acts"] and decisions[0].move == "acknowledge"


@pytest.mark.parametrize(
    "check", ["how does that land?", "what do you think?", "thoughts?", "how does that sound"]
)
def test_asking_their_view_of_terms_just_put_gets_an_answer_to_the_terms(library, check):
    # "… in return i need the price at 15.40. how does that land?" had Tomás answer a worry instead of the terms
    persona = library.get("coffee-supplier")
    readings, decisions, _ = _talk(persona, "realistic", [f"in return i need the price at 15.40. {check}"])
    assert readings[0]["acts"] == ["offer", "closed_question"]
    assert decisions[0].move not in ("raise_concern", "reveal")


@pytest.mark.parametrize(
    "text",
    [
        "ARE YOU SERIOUS. you guys are a joke, honestly.",
        "Three late shipments in a row, Dieter. Honestly, do you guys even own a calendar",
    ],
)
def test_contempt_at_you_guys_is_an_insult(library, text):
    readings, decisions, _ = _talk(library.get("vendor-deadlines"), "hard", [text])
    assert "insult" in readings[0]["acts"] and decisions[0].move in ("react_insult", "walk_away")


def test_x_meaning_what_asks_them_to_explain(library):
    # "day to day meaning what, which days?" asks Helen to open up; only "X meaning <a reading>?" checks one
    persona = library.get("client-discount")
    readings, _, _ = _talk(persona, "realistic", ["day to day meaning what, which days, how many?"])
    assert readings[0]["acts"] == ["open_question"]


def test_how_many_companies_they_have_is_their_portfolio(library):
    readings, decisions, _ = _talk(
        library.get("investor-term-sheet"), "hard", ["and how many companies u got"]
    )
    assert decisions[0].move == "answer_fact" and "thirty" in decisions[0].authored


def test_a_term_named_then_asked_about_is_no_offer_of_it(library):
    # "then the board seat — is that a dealbreaker?" asks about the seat; Rebecca had weighed it as offered
    persona = library.get("investor-term-sheet")
    readings, decisions, _ = _talk(
        persona, "realistic", ["great. then the board seat — is that a dealbreaker?"]
    )
    assert "offer" not in readings[0]["acts"] and decisions[0].move != "consider"


@pytest.mark.parametrize(
    ("persona_id", "text", "terms"),
    [
        # what the figure comes to, said after it, is no second term
        (
            "coffee-supplier",
            "my ceiling is about 15.60, thats already 10% more than we pay now.",
            {"price_per_kg": 15.6},
        ),
        ("candidate-offer", "we can do 150, thats already 5k more than the offer", {"base_salary": 150000.0}),
        # a percentage is never a number of payment days, whatever keyword is near
        (
            "coffee-supplier",
            "I could do $15 a kilo — that's still a 5-6% raise on what we pay now.",
            {"price_per_kg": 15.0},
        ),
        # "same as now" after the rent named keeps that rent, not every other term at today's value
        (
            "landlord-renewal",
            "So would 4,200 for 10 years work then? same as now, and you get a tenant for a decade",
            {"monthly_rent": 4200.0, "lease_years": 10.0},
        ),
        ("landlord-renewal", "cant we just keep it same as now", {"monthly_rent": 4200.0}),
    ],
)
def test_figures_worked_out_beside_an_offer_are_not_more_terms(library, persona_id, text, terms):
    assert _terms(library, persona_id, text) == terms


def test_permission_asked_on_the_way_to_a_date_asks_the_date(library):
    # "Can I ask about the other offer, when do you need to give them an answer?" drew the other offer's story
    persona = library.get("candidate-offer")
    readings, decisions, _ = _talk(
        persona, "realistic", ["Can I ask about the other offer, when do you need to give them an answer?"]
    )
    assert decisions[0].move == "answer_fact" and "Friday" in decisions[0].authored


def test_taking_terms_back_to_the_boss_is_no_offer_and_k_is_an_ok(library):
    # after Dieter's terms, "k." had been read as a keyboard mash, and "let me take the 4 weeks to our engineering
    # lead" as an offer of a 4-week freeze, which he countered
    persona = library.get("vendor-deadlines")
    proposal = {"design_freeze_weeks": 6.0}
    turns, ledger = _after_their_terms(
        persona, "what would you need from us?", "Freeze designs six weeks out.", proposal
    )
    text = "k. let me take the 4 weeks to our engineering lead and the penalties thing to my CEO, ill send the forecast friday"
    reading = read_turn(persona, ledger, text, turns)
    decision, _ = decide(persona, "realistic", ledger, reading, 2)
    assert "unclear" not in reading["acts"] and "offer" not in reading["acts"], reading["parts"]
    assert decision.move not in ("counter", "clarify"), decision


def test_what_they_asked_for_said_back_is_not_our_offer(library):
    # "wait, 15? you asked us for 20": Helen's 20 (percent) said back had been put forward as a $20,000 retainer
    persona = library.get("client-discount")
    said = [
        "Our CFO has told every department to cut fifteen percent of outside vendor spend by the end of the quarter."
    ]
    readings, _, _ = _talk(persona, "realistic", ["wait, 15? you asked us for 20"], said=said)
    assert readings[0]["parts"][-1]["act"] != "offer"


def test_a_day_for_the_step_they_asked_for_with_whom_is_a_yes(library):
    # "Of course. Thursday afternoon with the team, is it ok?" got a yes/no shrug to the step Aisha had asked for
    said = "I'd like to spend an hour with the team before I sign. Could we do Thursday?"
    text = "Of course. Thursday afternoon with the team, is it ok?"
    readings, decisions, _ = _talk(library.get("candidate-offer"), "realistic", [text], said=[said])
    assert "accept" in readings[0]["acts"] and decisions[0].move == "agree"


def test_what_it_would_take_to_reach_a_figure_asks_their_needs(library):
    # "what would it take to get you to 14" drew the option-pool worry (a line of Rebecca's had carried a 14)
    persona = library.get("investor-term-sheet")
    said = [
        "The pool is fourteen percent of the company after the round, and we want it there before we come in."
    ]
    readings, decisions, _ = _talk(persona, "realistic", ["what would it take to get you to 14"], said=said)
    assert readings[0]["parts"][0]["window"] == "needs" and readings[0]["parts"][0]["topic"] is None
    assert not (
        decisions[0].move == "raise_concern"
        and [d.item_id for d in decisions[0].disclosures] == ["option_pool"]
    )


@pytest.mark.parametrize(
    ("persona_id", "concern", "said", "line"),
    [
        (
            "cofounder-equity",
            "cliff_reset",
            "A fresh cliff from signing means a year of work counts for nothing if something happens before it vests.",
            "the lawyer said everyone does a cliff tho, it's standard. whats the actual worry?",
        ),
        (
            "vendor-deadlines",
            "anodising_bottleneck",
            "The parts go out to the anodiser after machining, and that's where they sit.",
            "The anodiser, right, I've seen that name on invoices but never really thought about it. "
            "Walk me through what happens once the parts leave your machine",
        ),
    ],
)
def test_a_question_asks_about_what_the_same_turn_just_named(library, persona_id, concern, said, line):
    """ "X is standard. what's the actual worry?": the worry about X, not the next concern in the queue."""
    persona = library.get(persona_id)
    # it has also voiced another worry since, the one on the table now
    other = next(c.id for c in persona.concerns if c.id != concern)
    _, decisions, _ = _talk(persona, "realistic", [line], said=[said], concerns={concern: 1, other: 1})
    assert [d.item_id for d in decisions[0].disclosures] == [concern]


def test_the_day_they_named_taken_up_is_a_yes(library):
    """ "Saturday at eleven. I'll put the kettle on." / "Saturday at eleven it is.": the visit is fixed."""
    persona = library.get("neighbour-extension")
    said = ["We'll see, with the tape measure in the garden. Saturday at eleven. I'll put the kettle on."]
    readings, decisions, _ = _talk(persona, "hard", ["Saturday at eleven it is."], said=said)
    assert readings[0]["acts"] == ["accept"] and decisions[0].move == "agree"


def test_what_they_did_before_is_asked_in_plain_words(library):
    """ "what have u done before when tenants complained about noise": what happened last time, not a new worry."""
    persona = library.get("landlord-renewal")
    said = ["The couple in flat 2 have a baby, and the five o'clock deliveries wake her."]
    _, decisions, _ = _talk(
        persona,
        "realistic",
        ["what have u done before when tenants complained about noise"],
        said=said,
        concerns={"delivery_noise": 1},
    )
    assert [d.item_id.split(":")[0] for d in decisions[0].disclosures] == ["past"]


def test_the_question_it_has_more_to_say_on_is_answered(library):
    """ "Tell me more about the pool. Why 15 specifically?": all said on what the second names, the first is answered."""
    persona = library.get("investor-term-sheet")
    target = next(c for c in persona.concerns if c.id == "ownership_target")
    _, decisions, _ = _talk(
        persona,
        "realistic",
        ["Tell me more about the pool. Why 15 specifically, and why before the money?"],
        said=["The pool is 15 percent, before the money comes in."],
        concerns={"option_pool": 1, "ownership_target": L.layers_total(target)},
    )
    assert [d.item_id for d in decisions[0].disclosures] == ["option_pool"]


def test_so_why_the_figure_asks_for_the_reason(library):
    """ "15 isnt 20, so why 20?": the reason behind their figure, asked openly (not a yes/no to wave off)."""
    persona = library.get("client-discount")
    said = ["The CFO wants 15 percent from every department. We asked you for 20."]
    readings, decisions, _ = _talk(
        persona,
        "realistic",
        ["ok. but again, 15 isnt 20, so why 20?"],
        said=said,
        concerns={"cfo_mandate": 1},
    )
    assert readings[0]["acts"][-1] == "open_question" and decisions[0].move != "deflect_closed"


def test_being_called_a_liar_is_taken_as_rude(library):
    """ "so ur calling me a liar now": an accusation thrown at them, whatever 'me' sits before the word."""
    persona = library.get("investor-term-sheet")
    readings, decisions, _ = _talk(persona, "realistic", ["lol ok so ur calling me a liar now"])
    assert readings[0]["acts"] == ["insult"] and decisions[0].move == "react_insult"


def test_their_term_echoed_in_disbelief_before_a_no_is_the_no(library):
    """ "60 every week? no way.": no short yes/no answer to the echo; the no is what it answers."""
    persona = library.get("coffee-supplier")
    turns, ledger = _after_their_terms(
        persona,
        "what would you need from us?",
        "But 15.20 still doesn't cover the beans. I never know what you're going to order. Give me a standing order "
        "of 60 kilos a week and I can do $15.80 on direct debit.",
        {"weekly_volume": 60, "price_per_kg": 15.8, "direct_debit": 1},
    )
    ledger["concerns"]["volume_commitment"] = 1  # the swings in what they order: said already
    reading = read_turn(persona, ledger, "60 every week? no way. and 15.80 is still too much", turns)
    decision, _ = decide(persona, "easy", ledger, reading, 2)
    assert "reject" in reading["acts"] and decision.move != "deflect_closed"


@pytest.mark.parametrize("text", ["what about 6, through the back, engine off", "6?"])
def test_a_bare_figure_after_the_hour_they_put_is_an_hour(library, text):
    """ "Could they come at seven?" / "what about 6": the delivery hour, not a six-year lease."""
    from simulator.offers import read_terms

    persona = library.get("landlord-renewal")
    said = "Funny, years ago I moved a café's bins to that lane. But it's the hour, dear. Could they come at seven?"
    assert read_terms(text, persona.issues, {"lease_years": 1}, said) == {"delivery_after": 6}


def test_a_term_taken_out_by_its_own_name_and_noun(library):
    """ "I can live with the seat if the participating pref goes": the seat in, participation out."""
    assert _terms(
        library, "investor-term-sheet", "Fair. I can live with the seat if the participating pref goes."
    ) == {
        "board_seat": 1,
        "participating": 0,
    }


@pytest.mark.parametrize(
    ("persona_id", "said", "text"),
    [
        ("landlord-renewal", "Five years at $4,500. Let's do it.", "YAY. thank u gloria!! more buns?"),
        (
            "neighbour-extension",
            "Hello, come in. Mind Pickles, she's under your feet. Tea?",
            "hiya yes pls! milk no sugar. aww hi pickles",
        ),
        (
            "manager-raise",
            "Come in, grab a seat. Thirty minutes, right?",
            "Good game Saturday? Saw on the group chat your daughter's team won.",
        ),
    ],
)
def test_hospitality_and_their_weekend_are_small_talk(library, persona_id, said, text):
    """More buns, milk no sugar, their daughter's match: a friendly word back, not a short answer or 'What?'."""
    persona = library.get(persona_id)
    _, decisions, _ = _talk(persona, "easy", [text], said=[said])
    assert decisions[0].move not in ("deflect_closed", "clarify")


@pytest.mark.parametrize(
    "text",
    [
        "overtime up 18% and ur the one answering for it at the review. whats the first thing youd want from me",
        "18%?? ok so the overtime is on ur scorecard. what would the vp need to see",
    ],
)
def test_what_it_would_take_asked_in_their_words(library, text):
    """ "whats the first thing youd want from me", "what would the vp need to see": what it needs, not a new worry."""
    persona = library.get("manager-raise")
    said = ["Overtime is up 18 percent this quarter, and I'm the one who answers for it at the review."]
    # the review and the doubts about leading are said in full: what is left is what it would take
    done = {
        c.id: L.layers_total(c)
        for c in persona.concerns
        if c.id in ("quarterly_review", "leadership_readiness")
    }
    _, decisions, _ = _talk(persona, "easy", [text], said=said, concerns=done)
    kinds = {d.item_id.split(":")[0] for d in decisions[0].disclosures}
    assert kinds and kinds <= {"need", "first_step"}


def test_an_invitation_to_tell_the_story_is_an_open_question(library):
    """ "Thirty-four years. Those roses must have a story.": no question mark, and still the best question asked."""
    persona = library.get("neighbour-extension")
    said = ["I've lived here thirty-four years. My husband planted those roses along the fence."]
    readings, decisions, _ = _talk(
        persona, "realistic", ["Thirty-four years. Those roses must have a story."], said=said
    )
    assert "open_question" in readings[0]["acts"] and decisions[0].disclosures


def test_what_happens_after_the_time_they_named_asks_about_it(library):
    """ "I have about four months of savings left." / "wait, 4 months? what happens after that?": her runway."""
    persona = library.get("cofounder-equity")
    said = ["But there's something I haven't said. I have about four months of savings left."]
    _, decisions, _ = _talk(
        persona,
        "easy",
        ["wait, 4 months? what happens after that?"],
        said=said,
        concerns={"personal_runway": 1},
    )
    assert {d.item_id for d in decisions[0].disclosures} == {"personal_runway"}


def test_what_the_garden_would_need_asks_what_it_needs(library):
    """ "what would the garden need for you to be able to live with it?": what would make it livable."""
    persona = library.get("neighbour-extension")
    said = ["A surveyor of my own, paid by you, and that crack put right in writing... that would matter."]
    done = {
        c.id: L.layers_total(c) for c in persona.concerns if c.id in ("structural_damage", "work_disruption")
    }
    _, decisions, _ = _talk(
        persona,
        "realistic",
        ["And the wall itself: what would the garden need for you to be able to live with it?"],
        said=said,
        concerns=done,
    )
    assert {d.item_id.split(":")[0] for d in decisions[0].disclosures} <= {
        "need",
        "garden_light",
        "first_step",
    }
    assert decisions[0].disclosures


def test_taking_their_figure_to_the_boss_and_asking_what_to_do_this_week(library):
    """ "I need to run six weeks past our head of engineering…": no offer of a six-week freeze; "what do you need from
    me this week" asks for the first thing to do."""
    persona = library.get("vendor-deadlines")
    said = ["Six weeks frozen, three months of forecast, and I book anodising slots against it."]
    text = (
        "I need to run six weeks past our head of engineering and the CEO before I say yes. Can I come back to you "
        "Friday? in the meantime, what do you need from me this week to protect the September run?"
    )
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said, concerns={"late_changes": 1})
    assert "offer" not in readings[0]["acts"]
    assert [d.item_id for d in decisions[0].disclosures] == ["first_step"]


@pytest.mark.parametrize(
    "text",
    [
        "are you seriously telling me a drawing change costs us 2 weeks",
        "are you saying a drawing change costs us 2 weeks",
    ],
)
def test_asking_in_disbelief_if_that_is_what_they_said_puts_nothing_forward(library, text):
    """ "are you seriously telling me a drawing change costs us 2 weeks": their two weeks, asked about, not a freeze."""
    persona = library.get("vendor-deadlines")
    said = [
        "Four change orders in two months. A two-day change becomes a two-week delay. That's where your weeks go."
    ]
    readings, decisions, _ = _talk(persona, "hard", [text], said=said, concerns={"late_changes": 1})
    assert readings[0]["acts"] == ["closed_question"] and decisions[0].move != "push_back_premature"


@pytest.mark.parametrize(
    "text",
    [
        "I need to run that past my partner, can I come back to you friday?",
        "ok. can i think about it and come back to you next week?",
    ],
)
def test_asking_for_time_to_think_it_over_gets_it(library, text):
    """ "can I come back to you friday?": time given in a word, not "It's not that simple" to a yes/no."""
    persona = library.get("manager-raise")
    said = ["Put together one page: what you did in the six weeks, the overtime, and a handover plan."]
    readings, decisions, _ = _talk(
        persona, "realistic", [text], said=said, concerns={"leadership_readiness": 1}
    )
    assert decisions[0].move == "take_time" and not decisions[0].disclosures
    assert decisions[0].authored in variants_for(persona, "take_time")


def test_a_real_question_asked_while_taking_time_is_still_answered(library):
    """ "let me talk to engineering. can u hold a slot for sept 15 while i do?": the slot is what is asked."""
    persona = library.get("vendor-deadlines")
    _, decisions, _ = _talk(
        persona,
        "realistic",
        ["ok let me talk to engineering and the ceo. can u hold a slot for sept 15 while i do?"],
        said=["Six weeks frozen, a three-month forecast, and I book anodising slots against it."],
        concerns={"late_changes": 1},
    )
    assert decisions[0].move != "take_time"


@pytest.mark.parametrize(
    "persona_id,text,terms",
    [
        # a figure corrected in the same breath: the correction replaces only what it names
        (
            "coffee-supplier",
            "fine, net 15 then, but at 15.50. no wait, 15.40.",
            {"payment_days": 15.0, "price_per_kg": 15.4},
        ),
        (
            "candidate-offer",
            "What I can do is one fifty-five base... actually no, let me go to 158, plus a $12.5k signing bonus.",
            {"base_salary": 158000.0, "signing_bonus": 12500.0},
        ),
        # an hour written with a dot is a time of day
        (
            "landlord-renewal",
            "can we meet at 6.30 at the back and 4,550?",
            {"delivery_after": 6.5, "monthly_rent": 4550.0},
        ),
        # the figure that cannot be reached is turned down; the one that can is offered
        (
            "candidate-offer",
            "I can't get to 165, but could I come up to one fifty-five?",
            {"base_salary": 155000.0},
        ),
        ("cofounder-equity", "would 42 make you happy?", {"lena_equity": 42.0}),
        ("manager-raise", "and is 76k something you'd put in front of him?", {"salary": 76000.0}),
        (
            "manager-raise",
            "like I do the lead job for 30 days starting monday and you pay me the 80 from day one",
            {"trial_days": 30.0, "start_now": 1.0, "salary": 80000.0},
        ),
        (
            "investor-term-sheet",
            "what about the board seat, can we skip it if we send you monthly numbers",
            {"board_seat": 0.0},
        ),
        (
            "vendor-deadlines",
            "My CEO wants penalty clauses, but I'm happy to leave them out if the dates hold.",
            {"penalty_clauses": 0.0},
        ),
        # money by the month is no one-off bonus; "+5k" describes the figure before it
        (
            "candidate-offer",
            "ok how about 12.5k a month. so 150 a year. thats +5k on the offer",
            {"base_salary": 150000.0},
        ),
        # days counted are no sum of money
        (
            "candidate-offer",
            "I'd keep 158, the bonus and the two fixed days.",
            {"base_salary": 158000.0, "home_days": 2.0},
        ),
        # what was agreed before and what a figure comes to are no offers
        ("cofounder-equity", "honestly it kind of blindsided me, we shook on 60/40", {}),
        ("coffee-supplier", "yeah got it. thats like an 18% jump man", {}),
        (
            "investor-term-sheet",
            "With that, are we agreed on $3M at a $12M pre?",
            {"round_size": 3.0, "pre_money": 12.0},
        ),
        # flat numbers are no terms
        (
            "landlord-renewal",
            "Deliveries after 7, engine off, so flat 2 and 3 get their mornings back.",
            {"delivery_after": 7.0},
        ),
        # a figure said outright beats the step said towards it
        ("client-discount", "then 15 off, 20,400, and we're done", {"monthly_retainer": 20400.0}),
        ("client-discount", "ok what if we did two grand off, 22k", {"monthly_retainer": 22000.0}),
        # what it comes to against another figure is no term; a figure turned down is not the one put
        (
            "candidate-offer",
            "ok so what if we do 160. thats basically ur other one minus 2k",
            {"base_salary": 160000.0},
        ),
        (
            "cofounder-equity",
            "And I'm not comfortable going to 50, but I could see 55/45.",
            {"lena_equity": 45.0},
        ),
        # a decimal comma, and what each side put before set aside for where they meet
        (
            "client-discount",
            "ok lets split the difference. you want 19,2, i offered 21,6, meet in the middle at 20,400",
            {"monthly_retainer": 20400.0},
        ),
        # how things are on the user's side today is no term; a term taken out of the scope, or started now, is
        (
            "vendor-deadlines",
            "5000 a quarter is too much, we're ordering around 2000 at a time. can we meet at 4000",
            {"quarterly_units": 4000.0},
        ),
        ("client-discount", "we take display ads out of the scope", {"display_in_scope": 0.0}),
        (
            "manager-raise",
            "What if: acting lead starts now, a 75-day trial",
            {"trial_days": 75.0, "start_now": 1.0},
        ),
        # a figure forbidden, and one agreed long ago, are not put
        ("coffee-supplier", "ok whats ur best price. and dont say 16.80", {}),
        ("cofounder-equity", "I thought we'd settled 60/40 back in the summer.", {}),
        # a term named, then wished away in the next breath
        (
            "investor-term-sheet",
            "last thing, the participating pref. I'd really like that gone.",
            {"participating": 0.0},
        ),
        # the shipment in question named is no quantity committed to; the date locked is
        (
            "vendor-deadlines",
            "In return I need Sept 15 for the 6000 units in writing.",
            {"sept_confirmed": 1.0},
        ),
        ("vendor-deadlines", "and i need sept 15 locked for the 6000 units", {"sept_confirmed": 1.0}),
        ("vendor-deadlines", "we can commit to 6000 units a quarter", {"quarterly_units": 6000.0}),
        # what we buy from them today is no quantity put forward
        ("vendor-deadlines", "small?? we take 8000 units a year off you", {}),
        # a word of the sentence before names no figure in the next one
        ("coffee-supplier", "we pay eventually lol. can u do 15 or not", {"price_per_kg": 15.0}),
        # a hope set aside for the figure after it; what was quoted before set against the figure now
        (
            "investor-term-sheet",
            "We were hoping for 12, but honestly even 11 would be amazing,",
            {"pre_money": 11.0},
        ),
        (
            "neighbour-extension",
            "And the scaffolding, we were told three weeks, but Sam's dad reckons they can do it in two if they "
            "start at the back. Would two weeks be ok?",
            {"scaffolding_weeks": 2.0},
        ),
        # a pair set against a pair sets the whole old pair aside; "instead of 2.5, at 12 pre" only the 2.5
        (
            "investor-term-sheet",
            "what if the round were bigger then? 3M at 12 instead of 2.5 at 10",
            {"round_size": 3.0, "pre_money": 12.0},
        ),
        (
            "investor-term-sheet",
            "so if i raise 3 instead of 2.5 at 12 pre, ur at exactly 20 post",
            {"round_size": 3.0, "pre_money": 12.0},
        ),
        # a ceiling set aside for the figure put after it; a span already on the table pointed at
        (
            "candidate-offer",
            "I can't go above 160 base this week, it's the top of the band. but I can do 158 base plus a 15k signing bonus",
            {"base_salary": 158000.0, "signing_bonus": 15000.0},
        ),
        ("landlord-renewal", "but I still can't go past 4600,", {"monthly_rent": 4600.0}),
        (
            "manager-raise",
            "During those 60 days I train Priya and write a handover plan",
            {"handover_plan": 1.0},
        ),
        # a story of another client, and time gone, are no terms
        (
            "client-discount",
            "OK so I can do 5%, 22,800, because last year a kitchenware brand asked us for 25% off, we gave them 10 "
            "to be nice and six months later they were back",
            {"monthly_retainer": 22800.0},
        ),
        (
            "candidate-offer",
            "Would a signing bonus help instead, maybe 10k? I know it's not the full 18.",
            {"signing_bonus": 10000.0},
        ),
    ],
)
def test_figures_said_every_which_way_are_read_as_meant(library, persona_id, text, terms):
    assert _terms(library, persona_id, text) == terms


@pytest.mark.parametrize(
    "persona_id,said,text",
    [
        (
            "coffee-supplier",
            "16.80 a kilo, net 15.",
            "wow ok. you know what, 15.20 net 30, last offer or i walk",
        ),
        (
            "coffee-supplier",
            "16.80 a kilo, net 15.",
            "15.40 net 15 or im calling the roaster on 5th st, they quoted 14.90",
        ),
        ("manager-raise", "74 is where the band lets me start.", "whatever. 78 or i start interviewing"),
    ],
)
def test_a_figure_with_a_threat_after_it_is_heard_as_a_threat(library, persona_id, said, text):
    """ "78 or i start interviewing": the ultimatum is answered, not weighed as a plain counter-offer."""
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text], said=[said])
    assert "pressure" in readings[0]["acts"]
    assert decisions[0].move in ("push_back_pressure", "walk_away")


@pytest.mark.parametrize(
    "persona_id,said,text",
    [
        (
            "manager-raise",
            "The budget's frozen till the review, I can't move on pay.",
            "k got it. thx for nothing i guess",
        ),
        (
            "client-discount",
            "My CFO has asked every agency for twenty percent off.",
            "so your boss is making you do it and you're taking it out on us. great",
        ),
    ],
)
def test_a_sneer_dressed_as_thanks_or_a_play_back_is_taken_as_one(library, persona_id, said, text):
    """ "thx for nothing": not thanked for; "you're taking it out on us": no faithful play-back to warm to."""
    persona = library.get(persona_id)
    _, decisions, _ = _talk(persona, "realistic", [text], said=[said])
    assert decisions[0].move in ("react_insult", "walk_away")


def test_asking_why_their_figure_is_what_it_is_gets_the_reason_for_that_term(library):
    """ "Why fifteen?" after Raj asked for a 15% pool: the pool's reason, not the next worry in line."""
    persona = library.get("investor-term-sheet")
    said = [
        "Eight hires in eighteen months, one of them a head of sales. Six percent doesn't touch that. Fifteen does."
    ]
    _, decisions, _ = _talk(persona, "realistic", ["Why fifteen, if you don't mind me asking?"], said=said)
    assert [d.item_id for d in decisions[0].disclosures] == ["option_pool"]


def test_tell_me_more_about_their_figure_is_a_question_not_an_offer(library):
    """ "Tell me more about why twenty days hurts so much": Gloria's twenty days asked about, none put forward."""
    persona = library.get("coffee-supplier")
    said = [
        "Three of the last six were more than twenty days over. I didn't ring you about it. But I noticed."
    ]
    readings, decisions, _ = _talk(
        persona,
        "realistic",
        ["Tell me more about why twenty days hurts so much, if you don't mind."],
        said=said,
    )
    assert readings[0]["acts"] == ["open_question"] and not readings[0]["terms"]
    assert [d.item_id for d in decisions[0].disclosures] == ["late_payments"]


@pytest.mark.parametrize(
    "text",
    [
        "whos upstairs? like who are you defending this to",
        "Can I ask who the number ultimately has to satisfy?",
    ],
)
def test_asking_who_the_number_answers_to_gets_the_cfo(library, text):
    """Helen's cut is her CFO's mandate: asking whom she has to satisfy is asking about it."""
    persona = library.get("client-discount")
    said = [
        "Whatever you send me has to be something I can defend upstairs, and a number on its own isn't that."
    ]
    _, decisions, _ = _talk(persona, "realistic", [text], said=said)
    assert [d.item_id for d in decisions[0].disclosures] == ["cfo_mandate"]


def test_a_question_word_drawn_out_is_still_a_question(library):
    """ "whyyy does that matter tho": asked why, typed with feeling; Gloria says why the volume matters."""
    persona = library.get("coffee-supplier")
    said = ["I never know what you're going to order. Your volume jumps around from week to week."]
    readings, decisions, _ = _talk(
        persona, "easy", ["whyyy does that matter tho"], said=said, concerns={"volume_commitment": 1}
    )
    assert readings[0]["acts"] == ["open_question"]
    assert {d.item_id for d in decisions[0].disclosures} == {"volume_commitment"}


@pytest.mark.parametrize(
    "persona_id,said,text",
    [
        (
            "coffee-supplier",
            "My importer put my contract price up by nearly a third, and that's before freight. At fourteen twenty "
            "I'm roasting your blend at about break-even.",
            "ok so if i'm hearing u right, ur importer went up about 30% and at 14.20 ur barely covering costs on our "
            "blend. is that fair?",
        ),
        (
            "neighbour-extension",
            "My vegetable beds are on that side. Runner beans, tomatoes. And the rose bed. Your wall is three point "
            "two metres, right along my boundary.",
            "3.2 metres, that's about ten and a half feet, right along the fence where your beans and roses are",
        ),
    ],
)
def test_a_figure_played_back_in_other_words_is_faithful(library, persona_id, said, text):
    """ "nearly a third" heard as "about 30%", 3.2 metres put in feet: the same figure, not one made up."""
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text], said=[said])
    summary = readings[0]["summary"]
    assert summary and summary["faithful"] and not summary["invented"]
    assert decisions[0].move != "correct_summary"


def test_a_play_back_with_a_figure_they_have_not_named_yet_is_put_right(library):
    """Maureen wants the wall at 2.5 metres but has only said it is 3.2: "the 2.5 metres" is not what she said."""
    persona = library.get("neighbour-extension")
    said = [
        "My vegetable beds are on that side. And the rose bed. Your wall is three point two metres, right along my boundary."
    ]
    readings, decisions, _ = _talk(
        persona,
        "realistic",
        ["So it's mainly the height, the 2.5 metres along the fence, is that it?"],
        said=said,
    )
    assert not readings[0]["summary"]["faithful"]
    assert decisions[0].move == "correct_summary"


@pytest.mark.parametrize(
    "said,text",
    [
        (
            [
                "Your flour comes at five in the morning, crates banging under the windows, and flat 2 has a newborn.",
                "The man in flat 3 says he'll hold back his rent if I don't sort it. I hate being stuck between you.",
            ],
            "a newborn, oh no. 5am crates. that must put u in a really awkward spot, being in the middle",
        ),
        (
            ["No. My son would like me to. I wouldn't."],
            "not thinking of selling, but your son would like you to. sounds like that's a bit of a sore point",
        ),
    ],
)
def test_naming_how_it_must_feel_for_them_is_a_play_back(library, said, text):
    """ "that must put u in a really awkward spot": Gloria's feeling named back to her warms her, not a shrug."""
    persona = library.get("landlord-renewal")
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said)
    assert "summary" in readings[0]["acts"]
    assert decisions[0].move == "feel_heard"  # "It has been, yes." before going on


def test_saying_what_you_will_do_in_their_words_is_a_commitment_not_a_play_back(library):
    """ "ok thats fair, ill get it cleaned every year and send u the certificate": Gloria asked for the hood to be
    cleaned for her insurance; the user says they will do it. She takes the deal, not a summary."""
    persona = library.get("landlord-renewal")
    said = [
        "Forty-six hundred, five years, three percent, six o'clock at the back. Yes. One small thing, though. "
        "Nobody's had the extraction hood properly cleaned since you came, and my insurance company has started asking."
    ]
    readings, _, _ = _talk(
        persona,
        "easy",
        ["ok thats fair, ill get it cleaned every year and send u the certificate for ur insurance"],
        said=said,
    )
    assert "summary" not in readings[0]["acts"]
    assert readings[0]["terms"].get("hood_cleaning") == 1.0


def test_asking_how_the_rival_quote_differs_gets_the_rival_quote(library):
    """ "where does their scope differ from ours?" asks about the cheaper agency's quote, not Helen's CFO."""
    persona = library.get("client-discount")
    said = ["I'm not going to tell you who they are. Their quote is paid social and search."]
    _, decisions, _ = _talk(
        persona, "realistic", ["Who are they? And where does their scope differ from ours?"], said=said
    )
    assert "cfo_mandate" not in [d.item_id for d in decisions[0].disclosures]
    assert decisions[0].move in ("decline_fact", "reveal", "raise_concern", "not_yet")


@pytest.mark.parametrize(
    "persona_id,text",
    [
        ("candidate-offer", "Hi Aisha. Can you do 155?"),
        ("investor-term-sheet", "ok so we really want 13 pre. can u do 13"),
        ("landlord-renewal", "5000 is way to much for us honestly. we can maybe do 4300"),
    ],
)
def test_a_bare_number_before_anything_is_known_gets_whats_in_it_for_me(library, persona_id, text):
    """An opening number with nothing in it for them: most people expect "what's in it for me?", which is what the
    authors of the conversation set wrote three times in four where either pushback was fair."""
    persona = library.get(persona_id)
    _, decisions, _ = _talk(persona, "realistic", [text])
    assert decisions[0].move == "push_back_bare_ask"


@pytest.mark.parametrize(
    ("text", "closes"),
    [
        ("fine. 15.90, 55kg, DD, review at 6 months. send it over", True),
        ("god. alright. you win. 15.90, 55 kilos, direct debit, review at six months", True),
        # their terms played back with a question beside them are no yes
        ("ok. 15.90, 55kg, DD, review at 6 months. are you serious?", False),
        ("ok. 15.90, 55kg, DD, review at 6 months. honestly it felt like a slap", False),
    ],
)
def test_their_terms_said_back_beside_a_yes_close_the_deal(library, text, closes):
    # the yes is a part of its own ("fine.", "you win.", "send it over") and the terms are theirs, said back whole,
    # after a rough exchange and a line with no terms in it (below the warmth a new package of the user's own needs)
    persona = library.get("coffee-supplier")
    proposal = {"price_per_kg": 15.9, "weekly_volume": 55.0, "direct_debit": 1.0, "price_review": 1.0}
    line = "$15.90, fifty-five kilos a week, paid by direct debit, reviewed after six months. That's as low as I go."
    turns, ledger = _after_their_terms(persona, "what can you do on price?", line, proposal)
    turns += [{"role": "user", "text": "direct debit?? no. i control my payments"}]
    turns += [
        {
            "role": "counterpart",
            "text": "Then we're stuck. Direct debit is how I stop counting.",
            "disclosures": [],
        }
    ]
    ledger["rapport"] = -3
    reading = read_turn(persona, ledger, text, turns)
    decision, after = decide(persona, "hard", ledger, reading, 2)
    assert (decision.move == "agree") is closes, (reading["parts"], decision)
    if closes:
        assert after["agreed"]["price_per_kg"] == 15.9


@pytest.mark.parametrize(
    ("persona_id", "text"),
    [
        ("manager-raise", "ok you know what, I'm done. either I get a yes by friday or I'm updating my CV"),
        ("manager-raise", "ok then just give me the job at 76 from july, or I'm updating my CV tonight"),
        ("vendor-deadlines", "we'll see what your boss says when he loses the account"),
    ],
)
def test_threats_in_everyday_words_are_answered_as_threats(library, persona_id, text):
    # a CV updated, a boss who loses the account: pressure, not a question to answer or a statement to nod at
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", ["what's behind the freeze?", text])
    assert "pressure" in readings[-1]["acts"], readings[-1]["parts"]
    assert decisions[-1].move in ("push_back_pressure", "walk_away"), decisions[-1]


def test_how_are_things_over_there_is_small_talk_not_a_question_about_the_work(library):
    persona = library.get("vendor-deadlines")
    readings, decisions, _ = _talk(
        persona, "realistic", ["Hi Dieter, yes. first, how's things over there, busy?"]
    )
    assert decisions[0].move == "small_talk", (readings[0]["parts"], decisions[0])
    assert not decisions[0].disclosures


def test_thx_just_after_their_terms_is_thanks_not_a_keyboard_mash(library):
    persona = library.get("coffee-supplier")
    proposal = {"price_per_kg": 15.6, "weekly_volume": 50.0}
    line = "Fine. $15.60, fifty kilos a week. Send me your last three months of volumes."
    turns, ledger = _after_their_terms(persona, "what can you do?", line, proposal)
    reading = read_turn(persona, ledger, "ok will do. thx", turns)
    assert "unclear" not in reading["acts"], reading["parts"]


@pytest.mark.parametrize(
    ("persona_id", "text", "rude"),
    [
        ("client-discount", "wow. maybe if ur team opened them once in a while", True),
        ("vendor-deadlines", "maybe penalties would make you actually care for once", True),
        ("cofounder-equity", "you're overthinking this honestly", True),
        ("manager-raise", "4%?? thats like 70k. this is a joke.", True),
        # their figure called a joke is a no to it, and a joke turned down is a no too
        ("coffee-supplier", "16.80 is a joke mate.", False),
        ("manager-raise", "so 90 days doing the lead job for free. no, thats a joke", False),
    ],
)
def test_contempt_in_plain_words_is_heard_as_rude(library, persona_id, text, rude):
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert ("insult" in readings[0]["acts"]) is rude, readings[0]["parts"]
    if rude:
        assert decisions[0].move in ("react_insult", "walk_away"), decisions[0]


@pytest.mark.parametrize(
    ("persona_id", "text"),
    [
        ("neighbour-extension", "whats a height you could live with"),
        ("cofounder-equity", "sorry. I mean, what would make this feel fair to you. just give me the number"),
        ("candidate-offer", "ok so whats ur number. bottom line"),
        ("manager-raise", "revisit = ? need a number tbh"),
    ],
)
def test_asked_for_their_figure_it_names_its_terms(library, persona_id, text):
    # a figure asked for in plain words gets one, not a worry it has not been asked about
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert decisions[0].move == "counter", (readings[0]["parts"], decisions[0])
    assert decisions[0].terms


def test_the_number_they_actually_need_asks_what_is_behind_it(library):
    persona = library.get("investor-term-sheet")
    _, decisions, _ = _talk(
        persona, "realistic", ["What's the number you actually need to see at the end of this?"]
    )
    assert decisions[0].move != "counter", decisions[0]


@pytest.mark.parametrize("text", ["so thats a no", "right. and is 80 over 4%. so thats a no then"])
def test_so_thats_a_no_asks_them_to_say_it(library, text):
    # a check on where things stand gets a straight answer, not a worry raised out of nowhere
    persona = library.get("manager-raise")
    said = ["I won't promise 80 under threat."]
    readings, decisions, _ = _talk(persona, "hard", [text], said=said)
    assert readings[0]["parts"][-1]["act"] == "closed_question", readings[0]["parts"]
    assert not decisions[0].disclosures, decisions[0]


def test_chat_about_the_weather_with_two_question_marks_is_small_talk(library):
    persona = library.get("landlord-renewal")
    readings, decisions, _ = _talk(
        persona, "easy", ["did you hear it's meant to snow tomorrow?? take a bun for the road"]
    )
    assert decisions[0].move == "small_talk", (readings[0]["parts"], decisions[0])


@pytest.mark.parametrize(
    ("persona_id", "text"),
    [
        ("client-discount", "come on helen, 12 months or the price goes back to 24k. we need the commitment"),
        ("investor-term-sheet", "12 or nothing"),
        ("investor-term-sheet", "we need 12 or its not worth it for us"),
    ],
)
def test_a_figure_put_as_an_ultimatum_is_answered_as_one(library, persona_id, text):
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", ["what's behind your number?", text])
    assert "pressure" in readings[-1]["acts"], readings[-1]["parts"]
    assert decisions[-1].move in ("push_back_pressure", "walk_away"), decisions[-1]


def test_what_their_terms_would_cost_is_no_offer_to_take(library):
    # the user works out their 20% cut and what it would mean: Helen does not take that as a yes to her terms
    persona = library.get("client-discount")
    text = (
        "we're 14 people. ridgeline is about a fifth of our revenue. a straight 20% cut, so 19,200 a month, means i "
        "let someone go, and honestly thats prob someone on ur account. i cant do the same work for less."
    )
    readings, decisions, after = _talk(persona, "realistic", ["why twenty percent?", text])
    assert "offer" not in readings[-1]["acts"], readings[-1]["parts"]
    assert decisions[-1].move != "agree" and not after.get("agreed"), decisions[-1]


def test_where_the_pay_band_starts_is_a_fact_not_a_figure_put(library):
    persona = library.get("manager-raise")
    text = "ive been here 5 years, im on 68k. i want the role, and the band starts at 74"
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert "salary" not in (readings[0].get("terms") or {}), readings[0]["parts"]


def test_a_range_after_their_figure_turned_down_is_on_that_term(library):
    # "15 feels high … more like 10 to 12" is the option pool, not a pre-money of 12 (which it would have said yes to)
    persona = library.get("investor-term-sheet")
    text = (
        "15 feels high for 8 people. My own math says more like 10 to 12, and I'm happy to send you the plan."
    )
    readings, decisions, after = _talk(persona, "realistic", ["how did you get to the pool?", text])
    terms = readings[-1].get("terms") or {}
    assert "pre_money" not in terms and terms.get("option_pool") == 10.0, readings[-1]["parts"]
    assert decisions[-1].move != "agree", decisions[-1]


def test_yes_to_the_one_extra_they_just_asked_for_closes_the_deal(library):
    # Gloria said "Deal", then asked for the hood to be cleaned at the bakery's cost; "sure, we'll … pay for it" takes it
    persona = library.get("landlord-renewal")
    proposal = {"monthly_rent": 4600.0, "lease_years": 5.0, "annual_increase": 2.0, "delivery_after": 7.0}
    turns, ledger = _after_their_terms(persona, "deal?", "Deal.", proposal)
    extra = {"hood_cleaning": 1.0}
    line = "Oh, and one more thing. I'd like the extraction hood professionally cleaned, at your cost."
    turns += [
        {"role": "user", "text": "ok"},
        {"role": "counterpart", "text": line, "disclosures": [], "terms": extra},
    ]
    ledger["standing"] = {**ledger["standing"], **extra}
    text = "sure, we'll get it professionally cleaned before july and pay for it."
    reading = read_turn(persona, ledger, text, turns)
    decision, after = decide(persona, "hard", ledger, reading, 2)
    assert decision.move == "agree", (reading["parts"], decision)
    assert after["agreed"]["hood_cleaning"] == 1.0


def test_meeting_in_the_middle_at_a_figure_is_an_offer_to_answer(library):
    persona = library.get("client-discount")
    text = "ok lets split the difference. you want 19,2, i offered 21,6, meet in the middle at 20,400 and we call it done"
    readings, decisions, _ = _talk(persona, "realistic", ["what's driving the 20%?", text])
    assert readings[-1]["terms"] == {"monthly_retainer": 20400.0}, readings[-1]["parts"]
    assert decisions[-1].move in ("counter", "consider", "agree", "push_back_bare_ask"), decisions[-1]


def test_a_bare_no_is_not_chit_chat(library):
    persona = library.get("cofounder-equity")
    text = "No! nobody has said anything like that. I was guessing, and it came out wrong. sorry"
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert "small_talk" not in readings[0]["acts"], readings[0]["parts"]
    assert decisions[0].move != "small_talk", decisions[0]


@pytest.mark.parametrize(
    ("persona_id", "said", "text"),
    [
        (
            "manager-raise",
            "A raise of more than 4 percent has to go to Karl, the VP.",
            "ok so 4% of my 68k is 2,720, so anything past about 70.7k goes to the VP.",
        ),
        (
            "client-discount",
            "Finance wants 15 percent off every vendor by the end of the quarter, and I present my cuts in three weeks.",
            "so its 15% by end of quarter and u present in 3 weeks. 15% of 24 is 3600, so 20,400 would cover it right?",
        ),
        (
            "investor-term-sheet",
            "Comparable deals price at 15 to 18 times revenue, and you're at 600k.",
            "ok so on multiples: 10 is about 16.7x, 12 is 20x, and 20x is above the 15 to 18 you're seeing but we're "
            "growing 8% a month, that's not a normal 600k",
        ),
    ],
)
def test_sums_worked_out_aloud_in_a_play_back_are_not_invented(library, persona_id, said, text):
    # the arithmetic shown on their own figures (a percentage of a figure, taken off or added) is no made-up number,
    # and neither is a figure of the user's own side ("we're growing 8% a month")
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text], said=[said])
    summary = readings[0].get("summary") or {}
    assert not summary.get("invented"), (readings[0]["parts"], summary)
    assert decisions[0].move != "correct_summary", decisions[0]


@pytest.mark.parametrize(
    "text",
    [
        "ok gotta run, the lunch rush waits for no one.",
        "hey helen sorry im in a cab lol",
        "next flat white's on me",
    ],
)
def test_where_they_are_and_the_next_coffee_are_small_talk(text):
    from simulator import acts

    assert acts.is_small_talk(text)
    assert not acts.is_small_talk("I need to run that past my partner first")


@pytest.mark.parametrize(
    ("persona_id", "text", "fact"),
    [
        ("vendor-deadlines", "how many units fill a rack", "4,000"),
        ("landlord-renewal", "1928! who had it before you", "father"),
        ("coffee-supplier", "oh and are you still doing the saturday door sales", "Saturdays"),
        (
            "cofounder-equity",
            "btw how many appts did the pilots book last month? want it for the deck",
            "4,000",
        ),
        ("investor-term-sheet", "how fast do u close if the partners say yes", "four weeks"),
        # "how many of you" (the staff) is no part of "how many of your mills"
        ("vendor-deadlines", "How many of your mills do our enclosures actually run on?", "two of them"),
        ("landlord-renewal", "is there any other way into the building for deliveries?", "lane"),
    ],
)
def test_plain_questions_about_their_world_get_the_fact(library, persona_id, text, fact):
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert decisions[0].move == "answer_fact", (readings[0]["parts"], decisions[0])
    assert fact in decisions[0].content, decisions[0]


def test_giving_in_to_its_own_price_and_terms_closes_even_on_hard(library):
    # "ok ok fine, sorry. i'll just do 16.80 and net 15 then, i dont want to lose u": its own opening terms taken,
    # with the reason for the yes said after it ("don't want to lose you" is no "no")
    persona = library.get("coffee-supplier")
    said = ["It's the price.", "The price is green coffee. The late payments are why it's net fifteen."]
    text = "ok ok fine, sorry. i'll just do 16.80 and net 15 then, i dont want to lose u"
    readings, decisions, _ = _talk(persona, "hard", [text], said=said)
    assert readings[0]["commits"], readings[0]["parts"]
    assert decisions[0].move == "agree", decisions[0]


def test_a_reluctant_yes_to_their_figure_is_a_yes(library):
    persona = library.get("landlord-renewal")
    readings, _, _ = _talk(
        persona,
        "easy",
        ["Sorry, um, if 5,000 is what it has to be, I guess we'll find a way"],
        said=["It's going up to 5,000 a month. Now, the lease."],
    )
    assert readings[0]["acts"] == ["accept"], readings[0]["parts"]
    assert readings[0]["terms"] == {"monthly_rent": 5000.0}


@pytest.mark.parametrize(
    ("persona_id", "said", "text", "act"),
    [
        # asking whether they can move is asking, however hedged the lead-in
        (
            "investor-term-sheet",
            "The comparable deals I see are closer to ten.",
            "Right, sorry, so I guess, and I totally understand if not, is there any flexibility on the valuation at all?",
            "closed_question",
        ),
        # the figure named and trailed off is what the question asks about, not a play-back of its own
        (
            "coffee-supplier",
            "It's the price.",
            "so the 16.80... is that like, final final?",
            "closed_question",
        ),
        # "I was asking why…" asks again, openly
        (
            "landlord-renewal",
            "Say it again in English?",
            "I was asking why only the one year, because my last landlord gave me a year at a time and I lay awake "
            "every spring wondering.",
            "open_question",
        ),
        # the word put on one's own doing is no insult
        (
            "client-discount",
            "Nobody reads the reports.",
            "My old boss sent every client a one-pager each month, and I dropped it when we grew, which was dumb.",
            "statement",
        ),
    ],
)
def test_hedged_and_trailing_questions_and_self_blame_read_as_said(library, persona_id, said, text, act):
    persona = library.get(persona_id)
    readings, _, _ = _talk(persona, "realistic", [text], said=[said])
    assert readings[0]["acts"] == [act], readings[0]["parts"]


def test_yeah_to_what_they_said_of_us_is_no_yes_to_the_terms(library):
    persona = library.get("cofounder-equity")
    line = (
        "Crediting the six months would matter a lot. And since you've brought up Maple Dental... last month you "
        "promised them a reporting feature without asking me."
    )
    text = "oh. yeah. I did. I'm sorry, I got excited on the call and it just came out."
    reading, decision, _ = _after_proposal(persona, {"months_credited": 6.0}, line, text)
    assert "accept" not in reading["acts"], reading["parts"]
    assert decision.move != "agree", decision


@pytest.mark.parametrize(
    "text", ["great!! 🙌 see u thurs", "Ha, Pickles will get the good treats. See you Saturday x"]
)
def test_a_goodbye_and_an_emoji_are_taken_as_said(library, text):
    persona = library.get("neighbour-extension")
    readings, decisions, _ = _talk(persona, "easy", [text], said=["Bring Pickles a treat. Saturday, then."])
    assert not {"unclear", "summary"} & set(readings[0]["acts"]), readings[0]["parts"]
    assert decisions[0].move in ("acknowledge", "small_talk"), decisions[0]


def test_talking_price_is_no_goodbye():
    from simulator import reading

    assert not reading._GOODBYE.match("ok, talk price")
    assert reading._GOODBYE.match("talk soon") and reading._GOODBYE.match("see u thurs")


@pytest.mark.parametrize(
    ("persona_id", "said", "text", "move"),
    [
        # asked what figure would do for them, it names its terms
        (
            "neighbour-extension",
            "Not with a wall that high.",
            "lmao sorry 😂 what height would feel ok for u?",
            "counter",
        ),
        # a question in French is answered as another language, whatever English leads into it
        (
            "neighbour-extension",
            "Not with a wall that high.",
            "ok wait, je peux vous demander quelle hauteur serait acceptable? 😅",
            "other_language",
        ),
    ],
)
def test_slang_and_french_asks_get_the_answer_they_asked_for(library, persona_id, said, text, move):
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text], said=[said])
    assert decisions[0].move == move, (readings[0]["parts"], decisions[0])


def test_our_own_terms_listed_after_so_are_an_offer_and_a_sum_checked_puts_none(library):
    persona = library.get("candidate-offer")
    text = "ok so base 155k, 15k bonus, 2 fixed wfh days. thats 170 in yr 1 which beats the 162 right?? 🙏"
    said = ["The other offer is 162 base. I was underpaid for three years where I am now."]
    readings, decisions, _ = _talk(persona, "hard", [text], said=said)
    assert readings[0]["acts"][:2] == ["offer", "closed_question"], readings[0]["parts"]
    assert readings[0]["terms"] == {"base_salary": 155000.0, "signing_bonus": 15000.0, "home_days": 2.0}
    assert decisions[0].move != "correct_summary", decisions[0]


@pytest.mark.parametrize("text", ["ok so 5k is waaay too much lol.", "thats so much lol"])
def test_too_much_with_a_laugh_is_no_sneer(text):
    from simulator import acts

    assert acts.is_insult(text) is None
    assert acts.is_insult("secretive much lol")


@pytest.mark.parametrize(
    ("persona_id", "said", "text", "move"),
    [
        # a fact of theirs asked with a story after it is asked, not off the subject
        (
            "client-discount",
            "Twenty-one is twelve and a half percent, and I can present that.",
            "hmm. can I ask when the spring launch goes live, because I still remember the Black Friday pages going "
            "out a day late and I've been having nightmares about doing that to you in April",
            "answer_fact",
        ),
        # the tea they put on, asked about
        (
            "neighbour-extension",
            "Come in. Mind the step. Tea?",
            "Yes please, that would be lovely. How do you take yours?",
            "answer_fact",
        ),
        # a friendly follow-up to their news, typed without its question mark
        (
            "candidate-offer",
            "Busy, but fine. I'm training for a half marathon, so my evenings are mostly running.",
            "oh nice, which one",
            "small_talk",
        ),
    ],
)
def test_friendly_follow_ups_and_facts_asked_with_a_story_get_answered(library, persona_id, said, text, move):
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "easy", [text], said=[said])
    assert decisions[0].move == move, (readings[0]["parts"], decisions[0])


def test_what_they_asked_for_put_in_the_offer_letter_is_an_offer(library):
    persona = library.get("candidate-offer")
    said = ["I need two fixed days at home every week. Not 'flexible where possible', fixed."]
    text = (
        "That's really helpful. My dad had a fall a few years back, so I get it. Our policy is three days in the "
        "office and each team picks which ones, so I can put two fixed home days in your offer letter, in writing, "
        "Tuesday and Thursday. Would those be the right days?"
    )
    readings, _, _ = _talk(persona, "easy", [text], said=said)
    assert "offer" in readings[0]["acts"], readings[0]["parts"]
    assert readings[0]["terms"].get("home_days") == 2.0


@pytest.mark.parametrize(
    "text",
    [
        "you're not my first hire, come on.",
        "ur not a hire, come on.",
        "u are not my first hire lol, come on.",
    ],
)
def test_their_fear_denied_with_a_come_on_is_no_insult_and_no_play_back(library, text):
    persona = library.get("cofounder-equity")
    said = ["At 60/40 I feel like your first hire, not your co-founder."]
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said)
    assert not {"insult", "summary"} & set(readings[0]["acts"]), readings[0]["parts"]
    assert decisions[0].move not in ("react_insult", "correct_summary", "warm_up"), decisions[0]


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        ("whatever.", False),
        ("ugh fine. whatever. lmk", False),
        ("seriously?? fine whatever", False),
        # a parting sneer is still one
        ("whatever. ur loss", True),
    ],
)
def test_a_bare_whatever_is_a_shrug_not_a_jab(library, text, rude):
    persona = library.get("coffee-supplier")
    said = ["It's sixteen eighty, and net fifteen. That's where I am."]
    _, decisions, _ = _talk(persona, "realistic", [text], said=said)
    assert (decisions[0].move == "react_insult") is rude, decisions[0]


@pytest.mark.parametrize(
    "text",
    [
        "I'll talk to my CEO about the penalties. no promises",
        "ok. I need to talk to engineering, and to my CEO about the penalty thing, before I promise anything.",
    ],
)
def test_taking_a_term_away_to_ask_about_puts_nothing_and_turns_nothing_down(library, text):
    persona = library.get("vendor-deadlines")
    proposal = {
        "design_freeze_weeks": 8.0,
        "penalty_clauses": 0.0,
        "sept_confirmed": 1.0,
        "single_contact": 1.0,
    }
    line = "No penalties. Eight weeks' freeze, one contact each side and a weekly call, and I'll confirm the fifteenth."
    reading, decision, _ = _after_proposal(persona, proposal, line, text)
    assert not {"offer", "reject"} & set(reading["acts"]), reading["parts"]
    assert decision.move not in ("counter", "consider", "agree"), decision


def test_the_term_handed_over_closes_and_the_floor_handed_over_does_not(library):
    persona = library.get("investor-term-sheet")
    line = "No. I need a seat on the board, and it's not a formality. I need monthly numbers and a real vote."
    readings, decisions, _ = _talk(
        persona, "easy", ["lol fine. seat's yours. send the new term sheet"], said=[line]
    )
    assert "accept" in readings[0]["acts"], readings[0]["parts"]
    from simulator import acts

    assert acts.accepts("lol fine. seat's yours.", strong_only=True)
    assert not acts.accepts("ok, the floor's yours", strong_only=True)


def test_their_figure_beside_a_grudging_fine_is_a_yes_to_it(library):
    persona = library.get("candidate-offer")
    reading, _, _ = _after_proposal(
        persona, {"base_salary": 157000.0}, "$157,000, and I'll stop pushing on the base.", "ugh fine. 157."
    )
    assert "accept" in reading["acts"] and "reject" not in reading["acts"], reading["parts"]


def test_one_figure_given_inside_our_package_is_no_yes_to_their_whole_proposal(library):
    # after our own 4,500 for five years, "whatever, fine, 3% then" concedes the increase, not the 5,000 rent and the
    # one-year lease: the counterpart never closes on terms worse for the user than the user offered
    persona = library.get("landlord-renewal")
    lines = [
        "ok what if we sign 5 yeras at 4,500, rising 2% a year, and our flour van comes round the back lane after 7",
        "whatever, fine, 3% then if that's what it has to be",
    ]
    _, decisions, ledger = _talk(
        persona, "realistic", lines, said=["It's going to 5,000 a month, dear, one year."]
    )
    agreed = ledger.get("agreed") or {}
    assert not (decisions[1].move == "agree" and agreed.get("monthly_rent", 0) > 4500), (decisions[1], agreed)


@pytest.mark.parametrize(
    ("persona_id", "text"),
    [
        ("coffee-supplier", "if you were in my shoes what would you put on the table"),
        ("neighbour-extension", "If you were in our position, what would you ask for?"),
        (
            "investor-term-sheet",
            "Then if you were in my chair, how would you structure it so you get your 20 and I get closer to 12?",
        ),
    ],
)
def test_asked_what_they_would_offer_in_our_place_they_name_terms(library, persona_id, text):
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text], concerns={persona.concerns[0].id: 1})
    assert "offer" not in readings[0]["acts"], readings[0]["parts"]
    assert decisions[0].move == "counter" and decisions[0].terms, decisions[0]


def test_idioms_and_grins_of_the_theme_land_as_meant(library):
    # "a non starter" turns the 20% down (it is no cut put forward), "amazing, deal!!" closes, and "that's exactly what
    # the one contact is for" talks about a term rather than offering it
    client = library.get("client-discount")
    proposal = {"monthly_retainer": 19200.0, "term_months": 6.0}
    reading, decision, _ = _after_proposal(
        client,
        proposal,
        "Twenty percent off. 19,200 a month.",
        "look helen I'll cut to the chase, 20% is a non starter",
    )
    assert "reject" in reading["acts"] and decision.move != "agree", (reading["parts"], decision)
    reading, decision, _ = _after_proposal(client, proposal, "19,200 and six months.", "amazing, deal!!")
    assert "accept" in reading["acts"] and decision.move == "agree", (reading["parts"], decision)
    coffee = library.get("coffee-supplier")
    reading, _, _ = _after_proposal(
        coffee, {"price_per_kg": 16.8}, "16.80 a kilo.", "yeah. 16.80?? u having a laugh"
    )
    assert "reject" in reading["acts"], reading["parts"]


def test_a_yes_with_a_condition_in_it_is_still_a_yes(library):
    persona = library.get("client-discount")
    line = "Twelve months, with a break clause at six if the one-pagers aren't landing."
    reading, decision, _ = _after_proposal(
        persona, {"term_months": 12.0}, line, "Yes to a break at six if the one-pagers don't show results."
    )
    assert "accept" in reading["acts"] and decision.move == "agree", (reading["parts"], decision)


def test_goodbyes_and_parting_sneers_are_told_apart(library):
    persona = library.get("client-discount")
    readings, decisions, _ = _talk(persona, "realistic", ["Talk Friday, and good luck with the launch."])
    assert readings[0]["acts"] == ["thanks"] and decisions[0].move != "warm_up", (
        readings[0]["parts"],
        decisions[0],
    )
    coffee = library.get("coffee-supplier")
    readings, decisions, _ = _talk(coffee, "hard", ["fine. good luck finding another café our size"])
    assert "insult" in readings[0]["acts"], readings[0]["parts"]


@pytest.mark.parametrize(
    ("persona_id", "text", "want"),
    [
        (
            "coffee-supplier",
            "fine whatever. same price as last year and we keep net 30",
            {"price_per_kg": 14.2, "payment_days": 30.0},
        ),
        (
            "neighbour-extension",
            "On the wall, the plans say 3.2 metres. Would 2.8 take the sting out of it?",
            {"wall_height": 2.8},
        ),
        (
            "vendor-deadlines",
            "if we froze the drawings say 3 wks before ship, would that fix it for u",
            {"design_freeze_weeks": 3.0},
        ),
    ],
)
def test_figures_said_by_a_paper_or_as_last_year_are_read_as_meant(library, persona_id, text, want):
    assert _terms(library, persona_id, text) == want


def test_play_backs_worked_out_from_what_they_said_are_faithful(library):
    # "since 1971" is "over fifty years"; "two planners we hired last year" beside "three other people in my office"
    # is two people; "mid to high 70s" of a band of 74 to 86; "if I don't fix it" denies no fixing
    landlord = library.get("landlord-renewal")
    said = [
        "Since 1971. My father bought it when I was a little girl. My son thinks I should sell the whole thing.",
        "I offered one year because I honestly don't know what I'm doing with the building yet.",
    ]
    text = (
        "So it's been in your family over fifty years, your son's pushing you to sell, and the one-year offer is "
        "because you're not sure yet where the building is going. Is that right?"
    )
    readings, decisions, _ = _talk(landlord, "hard", [text], said=said)
    assert decisions[0].move == "warm_up", (readings[0]["summary"], decisions[0])
    manager = library.get("manager-raise")
    said = [
        "The band's 74 to 86. I won't argue with your survey. If I move you, three other people are in my office "
        "next week. Although two planners we hired last year came in above you because the market was hot."
    ]
    text = (
        "so two people hired last year already earn more than me, and you don't disagree that the market for a lead "
        "is mid to high 70s. right?"
    )
    readings, decisions, _ = _talk(manager, "easy", [text], said=said)
    assert decisions[0].move == "warm_up", (readings[0]["summary"], decisions[0])
    said = [
        "The van idles at five in the morning. The man in flat 3 says he'll hold back his rent if I don't fix it.",
        "A longer lease helps me with the bank.",
    ]
    text = "so a long lease helps you with the bank, and fixing the 5am noise keeps flat 3 off your back. did i get that right"
    readings, decisions, _ = _talk(landlord, "realistic", [text], said=said)
    assert decisions[0].move == "warm_up", (readings[0]["summary"], decisions[0])


def test_a_term_of_years_is_still_checked_against_what_they_said(library):
    persona = library.get("investor-term-sheet")
    said = [
        "I backed a founding pair in 2020 who split after eight months. The one who left kept every share."
    ]
    # (a span of years beside a year they named is only excused as the time since it: "for 5 years" is a new claim)
    text = "so you backed a founding pair for 5 years and then the one who left kept every share. got it"
    readings, decisions, _ = _talk(persona, "realistic", [text], said=said)
    assert decisions[0].move == "correct_summary", (readings[0]["summary"], decisions[0])


def test_granting_their_point_and_a_figure_called_fair_are_not_play_backs(library):
    coffee = library.get("coffee-supplier")
    said = ["Your last few invoices came in late, and for a roaster my size that hurts."]
    readings, decisions, _ = _talk(
        coffee, "realistic", ["ok ya the late thing is fair, jan was bad."], said=said
    )
    assert readings[0]["acts"] == ["statement"] and decisions[0].move != "correct_summary", readings[0][
        "parts"
    ]
    landlord = library.get("landlord-renewal")
    text = "4,200 plus 4% is 4,368. So something like 4,350 would be fair and in line with the market."
    readings, decisions, _ = _talk(landlord, "realistic", [text], said=["It's going to 5,000, dear."])
    assert "offer" in readings[0]["acts"] and decisions[0].move != "correct_summary", readings[0]["parts"]


def test_their_figure_called_our_limit_then_another_put_is_the_other_we_offer(library):
    persona = library.get("landlord-renewal")
    text = "4600 is right at my limit honestly, could we meet at 4550 with 2.5% a year"
    assert _terms(library, "landlord-renewal", text) == {"monthly_rent": 4550.0, "annual_increase": 2.5}
    # (the figure after it for another term leaves the limit as the offer)
    text = "6 through the back gate i can do. 4600 is my absolute limit tho, so could we meet at 2.5% a year?"
    assert _terms(library, "landlord-renewal", text)["monthly_rent"] == 4600.0
    line = "Could we say forty-six hundred, with three percent a year?"
    reading, decision, _ = _after_proposal(
        persona,
        {"monthly_rent": 4600.0, "lease_years": 5.0, "annual_increase": 3.0},
        line,
        "4600 is right at my limit honestly, could we meet at 4550 with 2.5% a year",
    )
    assert "offer" in reading["acts"] and reading["terms"]["monthly_rent"] == 4550.0, reading["parts"]


def test_cards_on_the_table_and_what_a_cut_would_cost_put_nothing_forward(library):
    persona = library.get("client-discount")
    text = (
        "I'll put my cards on the table: a straight 20% cut means I let someone go, and you'd feel it. "
        "Is there any part of what we do that you could live without?"
    )
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert "offer" not in readings[0]["acts"] and decisions[0].move != "agree", (
        readings[0]["parts"],
        decisions[0],
    )


def test_a_bare_figure_after_one_turned_down_is_the_same_term(library):
    persona = library.get("investor-term-sheet")
    line = "Your pool's six percent. That won't cover it. I'd rather size it now. Fifteen."
    text = (
        "I've costed the plan grant by grant and it comes to about 10%. 15 means paying now for hires we won't make. "
        "would you take 10 if I send you the plan with every grant size so you can check it yourself?"
    )
    reading, decision, _ = _after_proposal(persona, {"option_pool": 15.0}, line, text)
    assert reading["terms"] == {"option_pool": 10.0}, reading["parts"]
    assert decision.move != "agree", decision


def test_wh_questions_asked_as_a_thought_or_after_a_laugh_are_open(library):
    vendor = library.get("vendor-deadlines")
    readings, decisions, _ = _talk(
        vendor, "realistic", ["I wonder what's worked with other customers in the same boat"]
    )
    assert readings[0]["acts"] == ["open_question"] and decisions[0].move == "reveal", (
        readings[0]["parts"],
        decisions[0],
    )
    assert any(d.item_id.startswith("past") for d in decisions[0].disclosures), decisions[0]
    landlord = library.get("landlord-renewal")
    readings, _, _ = _talk(
        landlord, "realistic", ["lol ok what did we do"], said=["It's mostly the bakery, dear."]
    )
    assert readings[0]["acts"] == ["open_question"], readings[0]["parts"]


def test_a_pointed_question_about_the_reports_is_no_insult_but_did_you_even_read_is(library):
    from simulator import acts

    assert not acts.SNEER.search("have you actually read the monthly reports we send")
    persona = library.get("client-discount")
    readings, _, _ = _talk(persona, "realistic", ["Have you actually read the monthly reports we send"])
    assert "insult" not in readings[0]["acts"], readings[0]["parts"]
    readings, _, _ = _talk(persona, "realistic", ["did u even read the reports"])
    assert "insult" in readings[0]["acts"], readings[0]["parts"]


def test_a_counter_never_takes_back_what_its_last_counter_gave(library):
    # found rehearsing freely: after Aisha's own 158 base, a counter to "two fixed home days and a review at 12
    # months" came back at 160 base, asking more than she had a turn before
    persona = library.get("candidate-offer")
    lines = [
        "hi Aisha, thanks for making the time. I'm curious what would make this a great move for you",
        "what's the market rate looking like from where you sit?",
        "ok, I hear you. 162 is a stretch for us, the band tops out at 160.",
        "what if we did 158 base and a signing bonus that covers what you'd lose in june",
        "call it 18k signing, two fixed home days in writing, and a staff review at 12 months",
        "ok what about 156 base, 15k signing, two home days and the review at 12 months",
    ]
    _, decisions, ledger = _talk(persona, "realistic", lines, seed=3)
    mine = [o["terms"] for o in ledger["offers"] if o["by"] == "counterpart"]
    assert len(mine) >= 2, ledger["offers"]
    for before, after in zip(mine, mine[1:], strict=False):
        for issue in persona.issues:
            k = issue.id
            if k in before and k in after:
                side = issue.counterpart
                took_back = after[k] > before[k] if side.prefers == "high" else after[k] < before[k]
                assert not took_back, (k, before, after)


def test_a_deal_is_a_deal_closes_and_in_my_place_how_would_you_square_it_asks_their_terms(library):
    persona = library.get("candidate-offer")
    said = ["Leaving now means giving up stock I haven't vested yet. That's real money to me."]
    readings, decisions, _ = _talk(
        persona, "realistic", ["great, a deal's a deal. I'll send the letter tonight"], said=said
    )
    assert "accept" in readings[0]["acts"] and decisions[0].move == "agree", (
        readings[0]["parts"],
        decisions[0],
    )
    text = "ok, I hear you. the band tops out at 160. if you were me, how would you square that?"
    _, decisions, _ = _talk(persona, "realistic", [text], concerns={persona.concerns[0].id: 1})
    assert decisions[0].move == "counter", decisions[0]


@pytest.mark.parametrize(
    "text",
    [
        "Dieter, good to see you. I'll be straight: my CEO wants penalty clauses after the last three late shipments.",
        "industry standard for a supplier your size is a 5% penalty per week late, that's what our other vendors sign",
    ],
)
def test_a_demand_from_behind_the_user_or_a_standard_held_up_draws_the_worry_it_touches(library, text):
    # found rehearsing freely: both got "Right. What else?" from a supplier who dreads penalties
    persona = library.get("vendor-deadlines")
    _, decisions, _ = _talk(persona, "hard", [text], said=["Vogel. Yes, I know why you're calling."])
    assert decisions[0].move == "raise_concern", decisions[0]
    assert [d.item_id for d in decisions[0].disclosures] == ["penalty_threat"], decisions[0]


def test_an_offer_that_gives_what_they_had_not_yet_asked_for_draws_that_worry_out(library):
    # found rehearsing freely: "five years at 4,500 … the van round the back after 7" to Gloria, who had spoken only of
    # her costs, got "That's lovely for you. I'm not sure it helps me with anything"
    persona = library.get("landlord-renewal")
    text = "what if we sign for five years at 4,500, with 2.5% a year, and our flour van comes round the back after 7?"
    _, decisions, _ = _talk(persona, "realistic", [text], concerns={"rising_costs": 2})
    assert decisions[0].move == "raise_concern", decisions[0]
    assert decisions[0].disclosures[0].item_id in ("lease_term", "selling_pressure", "delivery_noise"), (
        decisions[0]
    )
    # a salary asked above the manager's figure gives him nothing: still "what's in it for me?"
    manager = library.get("manager-raise")
    _, decisions, _ = _talk(
        manager, "realistic", ["i want 80k and the lead job"], concerns={"budget_freeze": 1}
    )
    assert decisions[0].move in ("push_back_bare_ask", "push_back_premature"), decisions[0]


def test_what_other_units_went_for_is_evidence_not_our_offer(library):
    assert (
        _terms(library, "landlord-renewal", "the two units on Larch went for 4,300 and 4,400 this year.")
        == {}
    )
    assert _terms(library, "landlord-renewal", "we could go for 4,500") == {"monthly_rent": 4500.0}


def test_a_decade_is_no_figure_put_forward(library):
    # found rehearsing freely: "the survey says mid to high 70s" was read as an offer of $70,000, and Marcus then
    # closed on 70,000 when the user said "76 from july then … deal?"
    text = "and the pay, I'd want to be at market for the role, the survey says mid to high 70s"
    assert _terms(library, "manager-raise", text) == {}
    assert _terms(library, "manager-raise", "76 from july then, if the trial goes well. deal?") == {
        "salary": 76000.0
    }


def test_a_line_that_says_still_does_not_say_it_twice():
    from simulator.lines import fill_content

    names = frozenset({"I", "I'm"})
    assert fill_content("That helps. Still, {content}", "I'm still not there on the rent.", names) == (
        "That helps. Still, I'm not there on the rent."
    )
    assert fill_content("Still, {content}", "I still need final say.", names) == "Still, I need final say."
    assert fill_content(
        "There's still this, though: {content}", "I'm still not there on the wall.", names
    ) == ("There's still this, though: I'm not there on the wall.")
    assert fill_content("Okay. {content}", "I'm still not there on the rent.", names) == (
        "Okay. I'm still not there on the rent."
    )


def test_shall_we_shake_on_it_after_a_happy_word_takes_their_counter(library):
    # found rehearsing freely: after Maureen's counter, "wonderful, shall we shake on it?" got "Not necessarily."
    persona = library.get("neighbour-extension")
    proposal = {"wall_height": 2.6, "surveyor_paid": 1.0, "scaffolding_weeks": 2.0}
    reading, decision, _ = _after_proposal(
        persona,
        proposal,
        "Here's what I could live with. A wall 2.6 metres high.",
        "wonderful, shall we shake on it?",
    )
    assert "accept" in reading["acts"] and decision.move == "agree", (reading["parts"], decision)


@pytest.mark.parametrize(
    ("persona_id", "text"),
    [
        ("manager-raise", "is the role budgeted? yes or no"),
        ("landlord-renewal", "are you selling? yes or no"),
    ],
)
def test_a_question_that_asks_for_a_straight_answer_gets_one(library, persona_id, text):
    persona = library.get(persona_id)
    _, decisions, _ = _talk(persona, "realistic", [text])
    assert decisions[0].move != "push_back_pressure", decisions[0]
    # a bare "yes or no" after their line is still pressure
    _, decisions, _ = _talk(persona, "realistic", ["yes or no"], said=["I can't say yet."])
    assert decisions[0].move == "push_back_pressure", decisions[0]


@pytest.mark.parametrize(
    "text",
    [
        "how about 2350 for two years and I'll handle small repairs myself",
        "I'd pay 3k a month for 2 years",
        "2350 for two years",
    ],
)
def test_a_lowball_far_below_the_range_is_an_offer_on_that_term_not_a_yes_to_theirs(library, text):
    # found rehearsing freely: after the landlord's $5,000 counter, "how about 2350 for two years" read only the
    # two years, and she agreed at her own $5,000
    persona = library.get("landlord-renewal")
    reading, decision, _ = _after_proposal(
        persona,
        {"monthly_rent": 5000.0, "lease_years": 3.0},
        "What if we did this instead: $5,000 a month, a 3-year lease.",
        text,
    )
    assert "monthly_rent" in reading["terms"] and reading["terms"]["monthly_rent"] < 4200, reading["terms"]
    assert decision.move != "agree", decision


@pytest.mark.parametrize(
    ("persona_id", "text"),
    [
        ("landlord-renewal", "I pay 2350 for my flat upstairs, so I know rents"),
        ("manager-raise", "if nights overtime was say 40k a year thats a lot"),
        ("manager-raise", "thats a round 10k over what i'm on now"),
    ],
)
def test_a_sum_far_outside_the_range_said_as_a_fact_is_no_offer(library, persona_id, text):
    assert _terms(library, persona_id, text) == {}, text


@pytest.mark.parametrize(
    ("persona_id", "said", "text"),
    [
        (
            "cofounder-equity",
            "Honestly, I have about four months of savings left. After that I'd have to pick up contract work.",
            "Four months? I thought you had more put aside than that.",
        ),
        (
            "landlord-renewal",
            "The city raised my property tax by eleven percent, and the insurance went up twenty-two percent.",
            "eleven percent on the tax? that's not what the other shops on larch st told me",
        ),
        (
            "coffee-supplier",
            "Three of the last six were more than twenty days overdue. I didn't chase you, but I noticed.",
            "Really, three of the six? I'd have sworn it was just the one in February.",
        ),
    ],
)
def test_a_figure_they_just_told_us_asked_back_in_doubt_is_no_offer(library, persona_id, said, text):
    # a sceptic's "Four months?" had Lena agree to 4 months credited; "three of the six?" was a 3-month term
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text], said=[said])
    assert "offer" not in readings[0]["acts"], readings[0]["parts"]
    assert decisions[0].move not in ("agree", "counter", "consider", "push_back_bare_ask"), decisions[0]


@pytest.mark.parametrize(
    ("persona_id", "text"),
    [
        ("investor-term-sheet", "ok prove it, send me the deals"),
        ("candidate-offer", "can u send me the offer letter? just so i have something to show finance"),
        ("client-discount", "ok ok. send me the quote then, if its real"),
    ],
)
def test_asked_to_show_a_rivals_papers_it_keeps_them_to_itself(library, persona_id, text):
    persona = library.get(persona_id)
    _, decisions, _ = _talk(persona, "realistic", [text])
    assert decisions[0].move == "decline_fact", decisions[0]


def test_offering_to_send_our_own_papers_is_no_request_for_theirs(library):
    persona = library.get("candidate-offer")
    _, decisions, _ = _talk(
        persona, "realistic", ["i'll send you the offer letter tonight so you can see it"]
    )
    assert decisions[0].move != "decline_fact", decisions[0]


@pytest.mark.parametrize(
    ("persona_id", "text"),
    [
        ("investor-term-sheet", "sorry yes 3M. so whats next from here, what do u need from me and by when"),
        ("landlord-renewal", "yay!! ok so whats next, do u write up the lease or do i need a lawyer or what"),
        ("manager-raise", "ok so what do u need from me to take to him, and by when"),
        ("candidate-offer", "great!! so what do you need from me to get the letter out?"),
    ],
)
def test_asked_whats_next_it_names_the_first_step(library, persona_id, text):
    persona = library.get(persona_id)
    _, decisions, _ = _talk(persona, "realistic", [text])
    assert "first_step" in [d.item_id for d in decisions[0].disclosures], decisions[0]


@pytest.mark.parametrize(
    ("persona_id", "text"),
    [
        ("investor-term-sheet", "who signs off on ur side? just u or the whole partnership"),
        ("neighbour-extension", "Is it just you signing, or would you like your son to look it over too?"),
        ("candidate-offer", "is it just you deciding or does someone else need to sign off on ur end"),
    ],
)
def test_asked_who_signs_it_says(library, persona_id, text):
    persona = library.get(persona_id)
    _, decisions, _ = _talk(persona, "realistic", [text])
    assert decisions[0].move == "answer_fact", decisions[0]


def test_who_decides_inside_a_question_about_the_past_is_no_question_about_signing(library):
    persona = library.get("cofounder-equity")
    readings, _, _ = _talk(
        persona, "realistic", ["what's worked for you before when you and someone disagreed on who decides?"]
    )
    assert readings[0]["parts"][-1]["act"] != "fact_question", readings[0]["parts"]


@pytest.mark.parametrize(
    "text",
    [
        "I'll be here Saturday at ten with the tape measure. Thank you, Maureen, for the tea.",
        "Thats prfect. I'll bring the drwaings on saturday at 10 if thats ok",
    ],
)
def test_a_visit_on_a_named_day_is_no_start_hour(library, text):
    # "Saturday at ten" for a visit was read as noisy work from 10 a.m., and Maureen agreed to the whole deal
    assert "start_hour" not in _terms(library, "neighbour-extension", text), text
    assert _terms(library, "neighbour-extension", "nothing noisy before 10") == {"start_hour": 10.0}


@pytest.mark.parametrize(
    ("persona_id", "text", "named"),
    [
        (
            "coffee-supplier",
            "everyones prices went up. so what do u care about more, the price or the net 15?",
            "price",
        ),
        ("landlord-renewal", "ok and the rent or the deliveries, which matters more?", "rent"),
        ("cofounder-equity", "ok but whats more important to u, the 50% or the no cliff thing?", None),
    ],
)
def test_asked_which_of_two_terms_matters_more_it_gives_a_short_answer(library, persona_id, text, named):
    # a priority question drew a hidden worry ("Your last few invoices came in late…") or "Possibly, dear."
    persona = library.get(persona_id)
    _, decisions, _ = _talk(persona, "realistic", [text])
    assert decisions[0].move == "deflect_closed", decisions[0]
    if named:
        assert named in decisions[0].authored.lower() and "pick" in decisions[0].authored, decisions[
            0
        ].authored


def test_would_you_rather_between_two_packages_asks_which_not_offers(library):
    persona = library.get("candidate-offer")
    readings, decisions, _ = _talk(
        persona,
        "realistic",
        [
            "ok on the stock. would u rather start after june, or start in march with a signing bonus to cover it"
        ],
    )
    assert "offer" not in readings[0]["acts"] and decisions[0].move == "deflect_closed", (
        readings[0],
        decisions[0],
    )


def test_stage_directions_are_not_said_to_the_counterpart(library):
    # "*writes 'not before 9 — passage clear'*" put forward a 9 a.m. start, and Maureen agreed to the whole deal
    persona = library.get("neighbour-extension")
    readings, decisions, _ = _talk(
        persona,
        "realistic",
        [
            "*writes 'not before 9 — passage clear'* So early starts and mess in your side passage. "
            "Which days of the week would be hardest for you?"
        ],
        said=["The drilling starts at seven and the side passage is full of rubble."],
    )
    assert "offer" not in readings[0]["acts"] and decisions[0].move != "agree", (readings[0], decisions[0])
    assert all("*" not in p["text"] and "  " not in p["text"] for p in readings[0]["parts"]), readings[0][
        "parts"
    ]
    # an aside out of the scene does not make the question that follows a yes/no one
    persona = library.get("vendor-deadlines")
    readings, _, _ = _talk(
        persona,
        "realistic",
        [
            "[stepping out: is the anodiser thing real or is he deflecting? whatever — ask] Why is the anodiser so backed up?"
        ],
        said=["Our anodiser is backed up."],
    )
    assert [p["act"] for p in readings[0]["parts"]] == ["open_question"], readings[0]["parts"]
    # emphasis is said: "*really*"
    assert _terms(library, "coffee-supplier", "I *really* can't go past 15.60 a kilo") != {}


def test_doubted_it_stands_by_what_it_said_in_a_short_answer(library):
    # "is that really what comparable deals look like?" got Rebecca's "Not as written."
    persona = library.get("investor-term-sheet")
    said = "Your option pool is too small for the team you say you're going to build."
    _, decisions, _ = _talk(
        persona,
        "realistic",
        ["is that really what comparable deals look like? feels low"],
        said=[said],
        concerns={"option_pool": 1},
    )
    assert decisions[0].move == "deflect_closed" and decisions[0].authored == "Yes, really.", decisions[0]
    # what it never said is not stood by
    persona = library.get("coffee-supplier")
    _, decisions, _ = _talk(persona, "realistic", ["are you sure it was three invoices?"], said=["Hello."])
    assert decisions[0].authored != "Yes, really.", decisions[0]


def test_closer_but_short_it_never_names_a_term_the_offer_gives_as_it_asked(library):
    # found rehearsing freely: "10 pre, 2.5M round, and a 10% pool" after Rebecca's own $2.5M round got "I'm still not
    # there on the size of the round" (2.5 is her opening; her target is 3)
    persona = library.get("investor-term-sheet")
    _, decisions, _ = _talk(
        persona,
        "realistic",
        [
            "so you need 20% ownership after the round, and the pool size is how you get there. right?",
            "what if we did 10 pre, 2.5M round, and a 10% pool",
        ],
        said=["My partners expect me to own at least 20 percent of every new company."],
        concerns={"ownership_target": 2, "option_pool": 1},
        seed=4,
    )
    last = decisions[-1]
    assert "size of the round" not in last.authored, last


@pytest.mark.parametrize(
    ("text", "bakery_pays"),
    [
        ("but make the increase 2% and you pay for the hood cleaning", 0.0),
        ("ok one more tiny thing. could u cover the hood cleaning? its like 600 a yr", 0.0),
        ("we will cover the hood cleaning", 1.0),
    ],
)
def test_who_pays_for_the_hood_cleaning_is_read_from_who_is_asked(library, text, bakery_pays):
    assert _terms(library, "landlord-renewal", text)["hood_cleaning"] == bakery_pays, text


@pytest.mark.parametrize(
    ("persona_id", "text"),
    [
        (
            "coffee-supplier",
            "everyones costs went up, come on. thats what every supplier says when they want more money",
        ),
        (
            "client-discount",
            "come on. everyone waves a cheaper quote around at renewal time. oldest trick there is",
        ),
        ("vendor-deadlines", "oldest trick in the book, blaming the subcontractor"),
    ],
)
def test_a_sceptics_sneer_is_taken_as_one(library, persona_id, text):
    persona = library.get(persona_id)
    _, decisions, _ = _talk(persona, "realistic", [text], said=["Costs have gone up for me this year."])
    assert decisions[0].move == "react_insult", decisions[0]


def test_a_lawyer_who_reads_the_paperwork_is_no_threat(library):
    persona = library.get("landlord-renewal")
    _, decisions, _ = _talk(
        persona, "realistic", ["can u put all that in writing this week, my lawyer wants to see it"]
    )
    assert decisions[0].move != "push_back_pressure", decisions[0]
    _, decisions, _ = _talk(persona, "realistic", ["sign it this week or you'll hear from my lawyer"])
    assert decisions[0].move == "push_back_pressure", decisions[0]


def test_whats_next_followed_by_a_choice_of_steps_gets_the_first_step(library):
    persona = library.get("neighbour-extension")
    _, decisions, _ = _talk(
        persona,
        "realistic",
        [
            "Please! So what happens next on your side? Would you like to see the surveyor's paperwork before you "
            "sign, or the drawings first?"
        ],
        concerns={"garden_light": 3, "structural_damage": 3, "work_disruption": 3},
    )
    assert "first_step" in [d.item_id for d in decisions[0].disclosures], decisions[0]


@pytest.mark.parametrize(
    "text",
    [
        "*slides the draft across* here's what the one-pager would look like",
        "That's why 2.5 matters and why dilution matters.",
    ],
)
def test_heres_what_shows_something_it_asks_nothing(library, text):
    # found rehearsing freely: the act model read "here's what the one-pager would look like" as an open question, and
    # Helen answered it with her CFO's cut
    persona = library.get("client-discount")
    readings, _, _ = _talk(persona, "realistic", [text], said=["Here's what I could take to the CFO."])
    assert not any(p["act"].endswith("question") for p in readings[0]["parts"]), readings[0]["parts"]


def test_a_play_back_after_a_line_that_counts_in_quarters_is_read(library):
    # in the trials set: the client's "one quarter and then the bill goes right back up" made every play-back after it
    # fail (a quarter had no length in days), and the rehearsal could not go on
    persona = library.get("client-discount")
    readings, _, _ = _talk(
        persona,
        "realistic",
        ["so 10% off for one quarter, then back to 24k?"],
        said=["A discount for one quarter and then the bill goes right back up? That's a coupon."],
    )
    assert readings[0]["parts"], readings[0]


@pytest.mark.parametrize(
    "text",
    ["5% now, title change to senior, review in 6 months?", "I'd take 5%", "fine. 5% now, then we review"],
)
def test_a_bare_percent_put_to_a_manager_is_a_raise(library, text):
    # found rehearsing freely: "5% now, title change to senior, review in 6 months?" was no offer at all (a percent with
    # no cue went the way the manager wants the salary to move, a cut below today's pay), and got "Possibly."
    assert _terms(library, "manager-raise", text) == {"salary": 71400.0}


def test_a_percent_echoed_in_disbelief_is_no_offer(library):
    assert _terms(library, "manager-raise", "4%?? a joke") == {}


def test_deal_after_closer_but_takes_the_users_terms_with_what_was_still_short(library):
    # found rehearsing freely: "16.50, net 30, 12 months" - "It helps, but I'm still not there on the payment terms."
    # - "deal" closed at the roaster's earlier proposal (24 months, net 15 and all), not what the user had offered
    persona = library.get("coffee-supplier")
    lines = [
        "morning! how's the roastery holding up with all the price news?",
        "what's actually pushing your costs this year?",
        "ok so green beans up and the freight too. that's rough",
        "what if we did a 3 month trial at 16.20 and then review?",
        "fine, 16.50 and net 30, 12 month contract",
        "deal",
    ]
    _, decisions, ledger = _talk(persona, "realistic", lines)
    assert decisions[-2].move == "consider" and "payment" in decisions[-2].authored, decisions[-2]
    assert decisions[-1].move == "agree", decisions[-1]
    agreed = ledger["agreed"]
    assert (agreed["price_per_kg"], agreed["term_months"], agreed["payment_days"]) == (16.5, 12, 15), agreed


@pytest.mark.parametrize(
    "persona_id, text",
    [
        ("manager-raise", "who wouldn't want their top performer to stay, right?"),
        (
            "client-discount",
            "Look, switching agencies 8 weeks before your spring launch, who'd want that headache?",
        ),
        ("manager-raise", "ive been here 5 years, who else are u gonna give it to?"),
        (
            "landlord-renewal",
            "and ive never missed a rent payment in 3 years, where are you going to find a tenant like that?",
        ),
        ("neighbour-extension", "Well thats how planning works isn't it?"),
        ("client-discount", "you'd be back at the table in july. does that really help either of us?"),
        ("client-discount", "You'd agree we've delivered for Ridgeline, right?"),
        (
            "manager-raise",
            "ok so. i wouldnt do that to u, ive been here 5 yrs, that has to count for something right?",
        ),
    ],
)
def test_a_point_put_as_a_question_is_not_answered_as_one(library, persona_id, text):
    # the rhetorical-questions set: "who'd want that headache?" got "It depends.", "who wouldn't want their top
    # performer to stay, right?" got "Sorry, that stays between me and HR.", and "does that really help either of
    # us?" got "Yes, really."
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert not any(p["act"].endswith("question") for p in readings[0]["parts"]), readings[0]["parts"]
    assert decisions[0].move not in ("deflect_closed", "answer_fact", "decline_fact"), decisions[0]


@pytest.mark.parametrize(
    "text", ["who'd cover my cross-border routes if I moved?", "who else could do the cross border runs?"]
)
def test_a_real_who_question_is_still_asked(library, text):
    persona = library.get("manager-raise")
    readings, _, _ = _talk(persona, "realistic", [text])
    assert readings[0]["parts"][-1]["act"] == "open_question", readings[0]["parts"]


def test_a_year_in_passing_does_not_ask_how_long_they_have_been_there(library):
    # found rehearsing freely: "so what, I just wait another year?" was answered "I've been at Halvorsen 14 years."
    persona = library.get("manager-raise")
    _, decisions, _ = _talk(
        persona, "realistic", ["so what, I just wait another year?", "how long have you been here?"]
    )
    assert "Halvorsen 14 years" not in decisions[0].authored, decisions[0]
    assert decisions[1].move == "answer_fact" and "14 years" in decisions[1].authored, decisions[1]


@pytest.mark.parametrize(
    "persona_id, text, terms",
    [
        (
            "manager-raise",
            "Then, if the 60 days go well, I move into the band at $78,000 from 1 July.",
            {"salary": 78000},
        ),
        ("manager-raise", "and after the 60 days, 80k", {"salary": 80000}),
        (
            "coffee-supplier",
            "$15.40 a kilo for the first six months, then a review",
            {"price_per_kg": 15.4, "price_review": 1},
        ),
        ("manager-raise", "ok a 60-day trial and 78k", {"trial_days": 60, "salary": 78000}),
    ],
)
def test_a_phase_named_to_say_what_happens_then_is_no_term(library, persona_id, text, terms):
    # the trials set: "if the 60 days go well, I move into the band at $78,000" offered a 60-day trial as well as the
    # salary, and "$15.40 for the first six months" a six-month contract
    assert _terms(library, persona_id, text) == terms


def test_with_the_standing_order_is_the_one_on_the_table(library):
    # the rhetorical set: "15.60 with the standing order and direct debit, 12 months" after the roaster asked for 55
    # kilos a week offered no standing order at all (there is none today)
    standing = {
        "price_per_kg": 16.2,
        "term_months": 12,
        "payment_days": 15,
        "weekly_volume": 55,
        "direct_debit": 0,
    }
    text = "15.60 with the standing order and direct debit, 12 months."
    terms = _terms(library, "coffee-supplier", text, standing)
    assert terms == {"price_per_kg": 15.6, "term_months": 12, "weekly_volume": 55, "direct_debit": 1}, terms


@pytest.mark.parametrize(
    "persona_id, text",
    [
        ("client-discount", "no way. 19,200 means i have to let someone go. TAKE 22 OR LEAVE IT"),
        (
            "client-discount",
            "i know youve got nobody else lined up for april, switching now would be insane for you",
        ),
        ("coffee-supplier", "come on tomas, i know u cant afford to lose us, we're one of ur biggest"),
        ("coffee-supplier", "the roaster on fenwick st quoted me 14.50. so"),
    ],
)
def test_a_bluff_about_their_weakness_is_pressure(library, persona_id, text):
    # the options-and-limits set: "TAKE 22 OR LEAVE IT" got a counter, "i know u cant afford to lose us" a nod
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert "pressure" in [p["act"] for p in readings[0]["parts"]], readings[0]["parts"]
    assert decisions[0].move in ("push_back_pressure", "walk_away"), decisions[0]


def test_a_rival_quote_shared_as_homework_is_no_threat(library):
    persona = library.get("coffee-supplier")
    text = (
        "ok. so i did some homework tbh. two other roasters quoted me around 15 a kilo for a similar blend."
    )
    readings, _, _ = _talk(persona, "realistic", [text])
    assert "pressure" not in [p["act"] for p in readings[0]["parts"]], readings[0]["parts"]


@pytest.mark.parametrize(
    "persona_id, text",
    [
        ("investor-term-sheet", "Who else has to say yes after you, and how quickly?"),
        ("neighbour-extension", "Does anyone else need to agree on your side, your son perhaps?"),
    ],
)
def test_who_else_has_to_say_yes_is_answered(library, persona_id, text):
    # the options-and-limits set: "Who else has to say yes after you?" was declined as private, "Does anyone else need
    # to agree on your side?" got a worry about the building work
    persona = library.get(persona_id)
    _, decisions, _ = _talk(persona, "realistic", [text])
    assert decisions[0].move == "answer_fact", decisions[0]


def test_why_a_question_was_asked_is_no_second_question(library):
    persona = library.get("coffee-supplier")
    text = (
        "Out of curiosity, how many wholesale accounts are you roasting for now? I'm trying to get a feel for how much "
        "weight we carry for you."
    )
    readings, decisions, _ = _talk(persona, "realistic", [text])
    assert [p["act"] for p in readings[0]["parts"]] == ["fact_question", "statement"], readings[0]["parts"]
    assert decisions[0].move == "answer_fact" and "twenty wholesale accounts" in decisions[0].authored, (
        decisions[0]
    )


@pytest.mark.parametrize(
    "persona_id, text",
    [
        ("client-discount", "ok ok. whats ur actual budget for this then"),
        ("candidate-offer", "and their full package? bonus, stock, all of it"),
    ],
)
def test_their_budget_or_the_rivals_package_is_kept_private(library, persona_id, text):
    persona = library.get(persona_id)
    _, decisions, _ = _talk(persona, "realistic", [text])
    assert decisions[0].move == "decline_fact", decisions[0]


def test_a_coffee_offered_is_hospitality(library):
    persona = library.get("cofounder-equity")
    readings, _, _ = _talk(persona, "realistic", ["Flat white ok? I got you the usual."])
    assert readings[0]["parts"][0]["act"] == "small_talk", readings[0]["parts"]


def test_closer_but_names_the_term_not_a_figure_the_user_has_moved_from(library):
    # found rehearsing freely: to "2.5M at 11 pre, 10% pool, you get a board seat" Rebecca said "But at $600,000 in
    # revenue, $12M is a stretch", a figure nobody had put for turns; then "ok send me the term sheet" closed at her
    # opening terms (a 15% pool and all), not the offer she had said was short only on the valuation
    persona = library.get("investor-term-sheet")
    lines = [
        "what does a good outcome from this round look like for you?",
        "how do you see the valuation?",
        "so you need to own enough of us at exit for the fund maths to work, right?",
        "what ownership would actually make it work for you?",
        "ok what if we split it: 1.5M now at 12 pre, and another 1M at the same price once we pass 1M ARR",
        "fine. 2.5M at 11 pre, 10% pool, you get a board seat",
        "ok send me the term sheet",
    ]
    _, decisions, ledger = _talk(persona, "realistic", lines)
    assert decisions[-2].move == "consider", decisions[-2]
    assert "$12M" not in decisions[-2].authored and "pre-money valuation" in decisions[-2].authored, (
        decisions[-2]
    )
    assert decisions[-1].move == "agree", decisions[-1]
    assert (ledger["agreed"]["pre_money"], ledger["agreed"]["option_pool"]) == (10, 10), ledger["agreed"]


def test_so_about_the_topic_opens_it_and_plays_nothing_back(library):
    # found rehearsing freely: "so about the lead role. whats the deal with it" was taken for a play-back ("Correct.")
    # and "whats the deal with it" for "deal with it"
    persona = library.get("manager-raise")
    readings, decisions, _ = _talk(persona, "hard", ["so about the lead role. whats the deal with it"])
    assert [p["act"] for p in readings[0]["parts"]] == ["statement", "open_question"], readings[0]["parts"]
    assert not decisions[0].authored.startswith("Correct"), decisions[0]


def test_playing_back_their_other_offer_is_no_threat(library):
    # found rehearsing freely: to Aisha, "so the other offer pays more, but you'd rather do the work here. is that
    # fair?" was taken for a rival's offer put to her ("you'd" read as the rival's "they'd") and pushed back as pressure
    persona = library.get("candidate-offer")
    said = [
        "It's from a fintech. More money and more stock, but the work is ad-tech data pipelines, and honestly I find it "
        "less interesting than what your team does."
    ]
    readings, decisions, _ = _talk(
        persona,
        "realistic",
        ["so the other offer pays more, but you'd rather do the work here. is that fair?"],
        said=said,
    )
    assert "pressure" not in [p["act"] for p in readings[0]["parts"]], readings[0]["parts"]
    assert decisions[0].move != "push_back_pressure", decisions[0]


def test_offering_the_term_they_asked_for_gets_no_whats_in_it_for_me(library):
    # found rehearsing freely: "what if we moved them to after 7 and round the back?" to Gloria, whose own proposal has
    # deliveries after 7, got "That's a number, dear. What's in it for the building?"
    persona = library.get("landlord-renewal")
    lines = [
        "before we get to rent, can we talk about the lease length? what would a longer lease do for you?",
        "so a longer lease helps with the bank. how long would make a real difference?",
        "ok and the deliveries, i know the 5am van is a problem. what if we moved them to after 7 and round the back?",
    ]
    _, decisions, _ = _talk(persona, "hard", lines, seed=6)
    assert decisions[-1].move == "consider", decisions[-1]
    assert "rent" in decisions[-1].authored, decisions[-1]


def test_a_correction_says_what_it_said_without_the_words_it_was_said_with(library):
    # found rehearsing freely: "ok so the cfo wants 15% off all vendors and u picked us for 20?" (no 15% said yet) got
    # "Let me correct that. Exactly that. Since you raise it: I need the retainer to come down."
    persona = library.get("client-discount")
    surface = "I need the retainer to come down. That's not negotiable from my side."
    turns = [
        {
            "role": "counterpart",
            "text": "Hi. You've seen my email, so you know why we're here.",
            "disclosures": [],
        },
        {"role": "user", "text": "so 20% off. where's that coming from"},
        {
            "role": "counterpart",
            "text": "Yes. Exactly that. Since you raise it: " + surface,
            "disclosures": [{"item_id": "cfo_mandate", "layer": 0, "text": surface}],
        },
    ]
    ledger = L.new_ledger(persona)
    ledger["concerns"]["cfo_mandate"] = 1
    reading = read_turn(
        persona, ledger, "ok so the cfo wants 15% off all vendors and u picked us for 20?", turns
    )
    assert reading["summary"]["faithful"] is False, reading["summary"]
    assert reading["summary"]["correction"] == surface, reading["summary"]


def test_a_wrong_figure_after_small_talk_is_put_right_with_what_it_proposed_not_the_small_talk(library):
    # found rehearsing freely: "hey tomas" → "Can't complain. Busy. So, where were we?", then "so 16.80 a kilo, thats
    # what, 1000 a week more for us?" got "Not really. Can't complain. Busy. So, where were we? That's different."
    persona = library.get("coffee-supplier")
    lines = [
        "hey tomas",
        "so 16.80 a kilo, thats what, 1000 a week more for us? how did you get to that number",
    ]
    _, decisions, _ = _talk(persona, "realistic", lines, seed=5)
    assert decisions[0].move == "small_talk", decisions[0]
    said = decisions[0].authored
    reply = decisions[1].authored
    assert said not in reply, reply
    assert "$16.80 a kilo" in reply, reply


def test_asked_why_its_figure_it_gives_the_reason_that_figure_is_there_for(library):
    # the fresh set on challenging figures: "why a 12 month contract. why not 6" is about the volume worry the 12
    # months answers (one why, asked twice), "Why 15 for the pool? How did you size that?" about the pool
    _, decisions, _ = _talk(
        library.get("coffee-supplier"),
        "realistic",
        ["and why a 12 month contract. why not 6 and we see how it goes"],
    )
    assert [d.item_id for d in decisions[0].disclosures] == ["volume_commitment"], decisions[0]
    _, decisions, _ = _talk(
        library.get("investor-term-sheet"),
        "realistic",
        ["Why 15 for the pool, though? How did you size that?"],
    )
    assert [d.item_id for d in decisions[0].disclosures] == ["option_pool"], decisions[0]


def test_asked_why_its_figure_again_after_telling_all_it_gives_the_reason_again(library):
    # "8 weeks is a lot for us. why 8 and not 3?" after all of the late-changes worry is told: that reason, said
    # again, not a new worry about small accounts
    persona = library.get("vendor-deadlines")
    told = L.layers_total(persona.concern("late_changes"))
    _, decisions, _ = _talk(
        persona,
        "realistic",
        ["8 weeks is a lot for us. why 8 and not 3? our engineers iterate fast"],
        concerns={"late_changes": told},
    )
    assert decisions[0].move == "recap", decisions[0]
    assert decisions[0].content == L.concern_text(persona.concern("late_changes"), told), decisions[0]


@pytest.mark.parametrize(
    ("persona_id", "said", "text"),
    [
        (
            "coffee-supplier",
            "I need a 12-month agreement.",
            "ok. let me go think about this, grabbing a coffee across the road, back in 20",
        ),
        (
            "vendor-deadlines",
            "Hello.",
            "ok. need to check with engineering what a freeze would do to them, give me 5 min?",
        ),
        (
            "candidate-offer",
            "Hello.",
            "i need to check w/ finance what i can actually do on base, can i get back to u tomorrow",
        ),
        (
            "landlord-renewal",
            "How long a lease were you thinking?",
            "ok let me think abt that. can i get back 2 u on the length, need to check with my husband",
        ),
    ],
)
def test_stepping_away_to_think_or_ask_someone_is_let_go_not_bargained_with(library, persona_id, said, text):
    # the fresh set on parking and coming back: "back in 20" was a 20-month term, "give me 5 min" a 5-week freeze,
    # "get back 2 u on the length" a 2-year lease, and "check w/ finance what i can do" a question for the counterpart
    readings, decisions, _ = _talk(library.get(persona_id), "realistic", [text], said=[said])
    assert not readings[0].get("terms"), readings[0]
    assert decisions[0].move in ("acknowledge", "take_time", "deflect_closed"), decisions[0]
    assert not decisions[0].disclosures, decisions[0]


@pytest.mark.parametrize(
    "text", ["grabbing a coffee across the road, back in 20", "give me 5 min?", "back in like 10"]
)
def test_a_break_in_minutes_is_no_term(library, text):
    # after "I need a 12-month agreement.", "back in 20" was a 20-month agreement and "give me 5 min?" 5 kilos a week
    from simulator.offers import read_terms

    persona = library.get("coffee-supplier")
    standing = L.new_ledger(persona)["standing"]
    assert read_terms(text, persona.issues, standing, "I need a 12-month agreement.") == {}


def test_a_minimum_is_not_minutes(library):
    # (guard: passes before the fix too) "min." after a salary is its minimum
    terms = _terms(library, "manager-raise", "straight up i want the night lead role, 76k min.")
    assert terms == {"salary": 76000}, terms


def test_back_after_a_break_where_were_we_gets_where_things_stood(library):
    persona = library.get("coffee-supplier")
    lines = [
        "whats behind the new price?",
        "ok. let me grab a coffee, back in 5",
        "ok im back. where were we",
    ]
    _, decisions, ledger = _talk(persona, "realistic", lines)
    told = decisions[0].disclosures[0]
    assert decisions[-1].move == "recap", decisions[-1]
    assert decisions[-1].content == L.concern_text(
        persona.concern(told.item_id), ledger["concerns"][told.item_id]
    )
    # a question that names where ("where were we on the option pool?") is asked about that
    _, decisions, _ = _talk(
        library.get("investor-term-sheet"), "realistic", ["Back. Where were we on the option pool?"]
    )
    assert [d.item_id for d in decisions[0].disclosures] == ["option_pool"], decisions[0]


def test_a_step_toward_a_worry_it_has_told_is_taken_in_not_met_with_whats_in_it_for_me(library):
    # "could do deliveries round the back lane from 6:30" just after the early deliveries were told: short of the
    # 7 a.m. it asked, but a move on its worry ("Half six round the back is fine", as the author wrote it)
    persona = library.get("landlord-renewal")
    lines = ["ugh the 5am van. how bad is it", "could do deliveries round the back lane from 6:30, no idling"]
    _, decisions, _ = _talk(persona, "realistic", lines, concerns={"delivery_noise": 1})
    assert decisions[-1].move == "consider", decisions[-1]
    # money moved a little is still haggling: "42 then." is answered in numbers, not taken in
    _, decisions, _ = _talk(
        library.get("cofounder-equity"),
        "realistic",
        ["I put 40k of my own money in and signed the pilots. 42 then."],
        concerns={"founder_recognition": 1},
    )
    assert decisions[-1].move != "consider", decisions[-1]


@pytest.mark.parametrize(
    ("persona_id", "said", "line", "right"),
    [
        (
            "coffee-supplier",
            "I could do $15.80 a kilo.",
            "15.80 a kilo, so about $6.50 a pound in my old supplier's money, right?",
            "$15.80 a kilo is about $7.17 a pound",
        ),
        ("neighbour-extension", "The plan is a 3.2 metre wall.", "3.2 metres, so about 8 feet?", "10.5 feet"),
    ],
)
def test_their_figure_converted_wrong_is_put_right_with_what_it_comes_to(
    library, persona_id, said, line, right
):
    # the fresh set on units: a conversion worked out loud and got wrong was an offer of the figure ("consider", or
    # "what's in it for me?" to a height the neighbour never asked for)
    _, decisions, _ = _talk(library.get(persona_id), "realistic", [line], said=[said])
    assert decisions[0].move == "correct_summary", decisions[0]
    assert right in decisions[0].authored, decisions[0]


def test_their_figure_converted_right_and_checked_gets_a_yes_not_a_deal(library):
    # "Just so I'm clear, 76k a year is about $6,300 a month before tax, right?" closed the deal at 76k
    persona = library.get("manager-raise")
    line = "Just so I'm clear, 76k a year is about $6,300 a month before tax, right?"
    _, decisions, _ = _talk(persona, "realistic", [line], said=["I can get you to $76,000."])
    assert decisions[0].move == "deflect_closed", decisions[0]
    assert decisions[0].authored.startswith("Yes."), decisions[0]
    # (guards) our own side or our own offer worked out in other units stays what it was
    readings, _, _ = _talk(
        library.get("coffee-supplier"),
        "realistic",
        ["what if we gave u a firm 60 kilos a week, so like 3,000 a year"],
    )
    assert readings[0]["terms"].get("weekly_volume") == 60, readings[0]


def test_asking_what_their_figure_means_closes_no_deal_however_long_the_question(library):
    # the fresh set on units: "when u say 20% do you mean…" (no question mark) and "…is that one and a half racks,
    # or does it go in two runs?" each closed the deal at the figure they asked about
    persona = library.get("client-discount")
    line = "ok wait so when u say 20% do you mean 20 percent of the monthly or like 20% of the yearly contract spread out"
    said = ["From 1 February we need the retainer down by twenty percent."]
    readings, decisions, _ = _talk(persona, "realistic", [line], said=said)
    assert readings[0]["parts"][0]["act"] == "closed_question", readings[0]
    assert decisions[0].move != "agree", decisions[0]
    persona = library.get("vendor-deadlines")
    line = (
        "And for September, 6,000 units on the 15th: with a rack at 4,000, is that one and a half racks, or does it go "
        "in two runs?"
    )
    said = ["6,000 units on 15 September, and a rack holds 4,000."]
    readings, decisions, _ = _talk(persona, "realistic", [line], said=said)
    assert decisions[0].move != "agree", decisions[0]
    # (guard) "is it only the six months, or is there more to it?" asks about their worry, not a figure
    readings, _, _ = _talk(
        library.get("cofounder-equity"), "realistic", ["is it only the six months, or is there more to it?"]
    )
    assert not readings[0]["parts"][0].get("clarify"), readings[0]


@pytest.mark.parametrize(
    ("persona_id", "text", "terms"),
    [
        (
            "coffee-supplier",
            "k so if we order 240 a month guaranteed, then 15?",
            {"weekly_volume": 55, "price_per_kg": 15},
        ),
        (
            "vendor-deadlines",
            "ok so if we commit to a full rack every time, 4,000 units a month, that fixes the rack problem",
            {"quarterly_units": 12000},
        ),
        ("manager-raise", "i'd want 6,500 a month", {"salary": 78000}),
        (
            "landlord-renewal",
            "i can do 54k a year on a 5 year lease",
            {"monthly_rent": 4500, "lease_years": 5},
        ),
    ],
)
def test_terms_said_in_another_period_are_read_in_the_terms_own(library, persona_id, text, terms):
    # the fresh set on units: "240 a month" for kilos counted by the week was a 15-month agreement, and "4,000 units
    # a month" a quarter's 4,000
    assert _terms(library, persona_id, text) == terms


def test_what_our_side_does_today_in_another_period_is_no_term(library):
    # (guard) "we do roughly 250 kilos a month", "we take 8000 units a year off you": today, not terms
    assert "weekly_volume" not in _terms(library, "coffee-supplier", "we do roughly 250 kilos a month")
    assert "quarterly_units" not in _terms(
        library, "vendor-deadlines", "small?? we take 8000 units a year off you"
    )


def test_a_grudging_fine_then_a_question_about_another_term_closes_no_deal(library):
    # the fresh set on challenging figures: "The price is 16.80." - "fine. what about net 15, whats that based on"
    # closed the deal; the fine is a nod, and net 15 is asked about
    persona = library.get("coffee-supplier")
    ledger = L.new_ledger(persona)
    turns = [
        {"role": "counterpart", "text": "Come in.", "disclosures": []},
        {"role": "user", "text": "ok so basically trust me bro. cool"},
        {
            "role": "counterpart",
            "text": "If that's the tone, we can keep this short. The price is 16.80.",
            "terms": {"price_per_kg": 16.8},
        },
    ]
    reading = read_turn(persona, ledger, "fine. what about net 15, whats that based on", turns)
    decision, _ = decide(persona, "realistic", ledger, reading, 2)
    assert decision.move != "agree", decision
    assert [d.item_id for d in decision.disclosures] == ["late_payments"], decision


def test_advice_from_ones_lawyer_passed_on_is_no_threat(library):
    # "amazing. and participating... is that normal? my lawyer said its kind of aggressive" was met as a threat
    readings, decisions, _ = _talk(
        library.get("investor-term-sheet"),
        "realistic",
        ["amazing. and participating... is that normal? my lawyer said its kind of aggressive"],
    )
    assert "pressure" not in [p["act"] for p in readings[0]["parts"]], readings[0]
    assert decisions[0].move != "push_back_pressure", decisions[0]
    # (guard) "my lawyer will be in touch" still is one
    readings, _, _ = _talk(
        library.get("investor-term-sheet"), "realistic", ["fine. my lawyer will be in touch"]
    )
    assert "pressure" in [p["act"] for p in readings[0]["parts"]], readings[0]


def test_asking_to_check_with_someone_and_come_back_is_given_time(library):
    # found rehearsing freely: "can I check with my partner and get back to you tomorrow?" got "We'll see."
    _, decisions, _ = _talk(
        library.get("client-discount"),
        "realistic",
        ["can I check with my partner and get back to you tomorrow?"],
    )
    assert decisions[0].move == "take_time", decisions[0]
    # "hang on, can I ring my husband quickly? back in 5" got "It's hard to say."
    _, decisions, _ = _talk(
        library.get("landlord-renewal"), "realistic", ["hang on, can I ring my husband quickly? back in 5"]
    )
    assert decisions[0].move == "take_time", decisions[0]


def test_asked_what_a_figure_means_it_does_not_answer_with_a_line_of_a_small_count(library):
    # found rehearsing freely: "is that 4,000 per order or across the quarter?" was answered with "You sent 4
    # engineering change orders in the last 2 months." (4 read as a shortened 4,000)
    persona = library.get("vendor-deadlines")
    said = ["You sent 4 engineering change orders in the last 2 months."]
    _, decisions, _ = _talk(
        persona, "realistic", ["is that 4,000 per order or across the quarter?"], said=said
    )
    assert "engineering change orders" not in decisions[0].authored, decisions[0]


def test_a_sum_of_ones_own_figure_checked_gets_whether_it_holds(library):
    # found rehearsing freely: "3.2 metres, so about 10 feet, right?" (the plan's height) got "That's what you want.
    # I'm still waiting to hear what you think I want." as if 3.2 had been offered
    persona = library.get("neighbour-extension")
    _, decisions, _ = _talk(persona, "realistic", ["3.2 metres, so about 10 feet, right?"])
    assert decisions[0].authored == "Yes. 3.2 metres is about 10.5 feet.", decisions[0]
    _, decisions, _ = _talk(persona, "realistic", ["3.2 metres, so about 8 feet, right?"])
    assert decisions[0].authored == "Not quite. 3.2 metres is about 10.5 feet.", decisions[0]


def test_saying_one_will_think_it_over_and_come_back_is_given_time(library):
    # found rehearsing freely: "let me think about it and get back to you saturday" got "Hm. Noted. And what does that
    # mean for me?"
    _, decisions, _ = _talk(
        library.get("neighbour-extension"),
        "realistic",
        ["let me think about it and get back to you saturday"],
    )
    assert decisions[0].move == "take_time", decisions[0]


def test_a_so_play_back_with_a_figure_never_said_is_put_right_even_asked(library):
    # the fresh set on challenging figures: "oh. so its really about you owning 25%?" (she needs 20) got a short
    # answer: the act model took the play-back for a yes/no question
    persona = library.get("investor-term-sheet")
    said = ["I need to own 20 percent after the round for my fund's maths to work."]
    _, decisions, _ = _talk(persona, "realistic", ["oh. so its really about you owning 25%?"], said=said)
    assert decisions[0].move == "correct_summary", decisions[0]


def test_a_record_going_back_months_is_no_term(library):
    # "Deal. Tonight I'll email you what we actually ordered each week going back three months" was a 3-month agreement
    # countered instead of the deal it is
    text = "Deal. Tonight I'll email you what we actually ordered each week going back three months"
    assert _terms(library, "coffee-supplier", text) == {}


def test_asking_what_a_term_would_be_worth_to_them_closes_no_deal(library):
    # the fresh set on parking and coming back: "Would a review at six months, with written criteria, matter to you?"
    # (the employer asking the candidate) closed the deal at a six-month review
    persona = library.get("candidate-offer")
    ledger = L.new_ledger(persona)
    ledger["standing"] = {**ledger["standing"], "base_salary": 158000, "signing_bonus": 15000, "home_days": 2}
    turns = [
        {"role": "counterpart", "text": "Hello.", "disclosures": []},
        {"role": "user", "text": "what would make this work?"},
        {
            "role": "counterpart",
            "text": "158, 15k signing, two days at home.",
            "terms": dict(ledger["standing"]),
        },
    ]
    text = (
        "Great. One more thing: promotion reviews here normally come after 12 months. Would a review at six months, "
        "with written criteria, matter to you?"
    )
    reading = read_turn(persona, ledger, text, turns)
    decision, _ = decide(persona, "realistic", ledger, reading, 2)
    assert decision.move != "agree", decision
    assert reading["parts"][-1]["act"] == "closed_question", reading["parts"]


def test_a_sum_worked_out_loud_with_their_figure_closes_no_deal(library):
    # the fresh set on units: "Let me run our side out loud: we take about 60 kilos a week, and 16.80 minus 14.20 is
    # 2.60 a kilo, so that's around $156 a week…" closed the deal at 16.80
    persona = library.get("coffee-supplier")
    line = (
        "Ok, that helps a lot. Let me run our side out loud: we take about 60 kilos a week, and 16.80 minus 14.20 is "
        "2.60 a kilo, so that's around $156 a week, roughly $8,100 a year extra for us. That's why the email made me "
        "nervous."
    )
    readings, decisions, _ = _talk(persona, "realistic", [line], said=["The price goes to $16.80 a kilo."])
    assert decisions[0].move != "agree", decisions[0]
    assert "offer" not in [p["act"] for p in readings[0]["parts"]], readings[0]
    # (guard) a figure put forward with the sum is still put forward
    readings, _, _ = _talk(persona, "realistic", ["what if we did 15.60, thats 16.80 minus 1.20 is 15.60"])
    assert readings[0]["terms"].get("price_per_kg") == 15.6, readings[0]


def test_a_guessed_play_back_after_small_talk_is_not_corrected_with_the_small_talk(library):
    # found rehearsing freely (re-read): "hiya aisha, hows the new place treating u" → "It's been a long week, but a
    # good one. Where would you like to start?", then "so the other company is paying 165 and you'd lose some stock if
    # you left before june?" got "I'd put it differently. It's been a long week, but a good one. …": the small-talk
    # line shared two words with the play-back
    persona = library.get("candidate-offer")
    lines = [
        "hiya aisha, hows the new place treating u",
        "so the other company is paying 165 and you'd lose some stock if you left before june?",
    ]
    _, decisions, _ = _talk(persona, "realistic", lines, seed=6)
    assert decisions[0].authored not in decisions[1].authored, decisions[1]


def test_a_lone_question_mark_gets_what_it_said_again_and_dots_are_not_met_with_carry_on(library):
    # the fresh set on minimal turns: "?" after what it said got "Okay. Go on." and "..." got "Fair enough. Carry on."
    # (the turn was read as nothing at all). A later set on near-silent turns: "?" is "sorry?", the person lost
    # it, and a deeper worry in reply ("?" to "I need the retainer to come down" got the CFO's mandate) answered
    # something nobody asked: it says its last point again, as it does to "sorry?"
    persona = library.get("manager-raise")
    readings, decisions, _ = _talk(
        persona, "realistic", ["what's the hardest part on your side?", "?", "..."]
    )
    assert readings[1]["parts"] and readings[1]["parts"][0]["text"] == "?", readings[1]
    assert decisions[1].move == "recap" and not decisions[1].disclosures, decisions[1]
    assert decisions[1].content and decisions[1].content in decisions[0].authored, (
        decisions[0],
        decisions[1],
    )
    assert decisions[2].move == "clarify", decisions[2]
    assert "carry on" not in decisions[2].authored.lower() and "go on" not in decisions[2].authored.lower()


def test_its_own_figure_asked_back_alone_is_confirmed_with_its_reason(library):
    # the fresh set on minimal turns: "15.60?" to its own $15.60 was read as turning it down and countered;
    # "16.80?" got "Not necessarily." (found rehearsing freely)
    persona = library.get("coffee-supplier")
    lines = ["what's behind the new price?", "16.80?"]
    readings, decisions, _ = _talk(persona, "realistic", lines, seed=3)
    assert [p["act"] for p in readings[1]["parts"]] == ["closed_question"], readings[1]
    assert decisions[1].move == "deflect_closed", decisions[1]
    assert decisions[1].authored.startswith("Yes, $16.80 a kilo."), decisions[1].authored
    assert "green coffee" in decisions[1].authored.lower(), decisions[1].authored
    # (guard) a new figure alone is still put forward
    readings, _, _ = _talk(persona, "realistic", ["what's behind the new price?", "15?"], seed=3)
    assert readings[1]["terms"] == {"price_per_kg": 15.0}, readings[1]


@pytest.mark.parametrize(
    "line, term",
    [
        ("no, I said 60 kilos, not 16", ("weekly_volume", 60.0)),
        ("no, i said 15.50 not 16.50", ("price_per_kg", 15.5)),
    ],
)
def test_the_user_putting_right_what_they_offered_is_taken_in_and_read_as_their_offer(library, line, term):
    # the fresh set on corrections: "no no, i said SIXTY not sixteen" and "no, 150 base. i said 150 not 160" were
    # read as turning its terms down (a new worry followed) and never acknowledged (found rehearsing freely too)
    persona = library.get("coffee-supplier")
    lines = [
        "whats behind the new price?",
        "ok. if you can hold the price at 15.50, I can commit to 60 kilos a week",
        line,
    ]
    readings, decisions, _ = _talk(persona, "realistic", lines, seed=3)
    assert readings[2]["terms"].get(term[0]) == term[1], readings[2]
    assert decisions[2].move in ("consider", "counter"), decisions[2]
    assert decisions[2].authored.startswith("Got it"), decisions[2].authored


def test_an_offer_of_a_term_that_meets_an_unsaid_worry_is_said_to_help_before_the_worry(library):
    # found rehearsing freely: "if you can hold the price at 15.50, I can commit to 60 kilos a week for a year" got
    # "I never know what you're going to order. Your volume jumps around…", as if no standing order had been offered
    persona = library.get("coffee-supplier")
    lines = [
        "whats behind the new price?",
        "ok. if you can hold the price at 15.50, I can commit to 60 kilos a week",
    ]
    _, decisions, _ = _talk(persona, "realistic", lines, seed=3)
    assert decisions[1].authored.startswith("Now, a standing order of 60 kilos a week would help me."), (
        decisions[1]
    )


@pytest.mark.parametrize(
    "persona_id, line",
    [
        (
            "candidate-offer",
            "Can we start with the salary and come back to the start date and everything else after?",
        ),
        (
            "candidate-offer",
            "cool. so can we go thru it term by term? salary, then start date, then office days",
        ),
        (
            "investor-term-sheet",
            "Thanks Rebecca. Let's go term by term: valuation first, then the pref, then pool and board.",
        ),
    ],
)
def test_proposing_the_order_of_the_talk_puts_no_terms_forward(library, persona_id, line):
    # the fresh set on agenda talk: naming the terms to take in turn was read as an offer ("start date … after" a
    # start after vesting, "board" a board seat) and met with "what's in it for me?"
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [line])
    assert not readings[0]["terms"], readings[0]
    assert "offer" not in readings[0]["acts"], readings[0]
    assert not decisions[0].move.startswith("push_back"), decisions[0]


def test_going_away_to_rework_the_proposal_and_circling_back_is_given_time(library):
    persona = library.get("client-discount")
    line = (
        "That's really useful, thank you. Let me go away and put together a revised proposal with a reduced scope "
        "and circle back by Friday if that works from your side?"
    )
    _, decisions, _ = _talk(persona, "realistic", [line])
    assert decisions[0].move == "take_time", decisions[0]


def test_asking_what_one_gets_in_return_gets_terms_back_and_a_one_way_complaint_closes_nothing(library):
    # the fresh set on reciprocity: "ok so what do i get in return if i drop the price?" got "I'm still not there on
    # the length of the renewal."; "6 months is a one way street, i need something back for that" (its own 6 months)
    # closed the deal
    persona = library.get("client-discount")
    _, decisions, _ = _talk(
        persona, "realistic", ["what's behind the cut?", "ok so what do i get in return if i drop the price?"]
    )
    assert decisions[1].move == "counter", decisions[1]
    proposal = {"monthly_retainer": 20400.0, "term_months": 6.0, "monthly_report": 1.0}
    reading, decision, _ = _after_proposal(
        persona,
        proposal,
        "Fine: $20,400 a month for 6 months, with the report.",
        "6 months is a one way street, i need something back for that",
    )
    assert decision.move != "agree", decision
    assert "accept" not in reading["acts"] and "offer" not in reading["acts"], reading


def test_of_course_alone_to_its_terms_takes_them_but_not_before_a_question(library):
    # the fresh set on minimal turns: "of course" to the neighbour's terms was a thank-you
    persona = library.get("coffee-supplier")
    proposal = {"price_per_kg": 16.2, "term_months": 12.0, "payment_days": 15.0}
    _, decision, _ = _after_proposal(persona, proposal, "$16.20 a kilo for 12 months, net 15.", "of course")
    assert decision.move == "agree", decision
    # (guard) a courtesy before a question takes nothing
    _, decision, _ = _after_proposal(
        persona,
        proposal,
        "$16.20 a kilo for 12 months, net 15.",
        "Of course. What would make March easier for you?",
    )
    assert decision.move != "agree", decision


@pytest.mark.parametrize("line", ["no", "nope."])
def test_a_bare_no_to_its_terms_earns_no_move(library, line):
    # the fresh set on minimal turns: a lone "no" got a counter that moved (or a new worry); a person says again
    # where they stand
    persona = library.get("coffee-supplier")
    proposal = {"price_per_kg": 16.4, "payment_days": 15.0}
    _, decision, after = _after_proposal(persona, proposal, "I could do $16.40 a kilo, net 15.", line)
    assert decision.move == "recap", decision
    assert after["standing"]["price_per_kg"] == 16.4, after["standing"]


def test_so_question_mark_gets_why_it_matters_again_not_a_new_worry(library):
    persona = library.get("client-discount")
    _, decisions, _ = _talk(persona, "realistic", ["what's behind the cut?", "so?"])
    assert decisions[1].move == "recap" and not decisions[1].disclosures, decisions[1]


def test_calling_a_break_to_think_is_given_time(library):
    # the fresh set on agenda talk: "Can we call that break now? I'd like to get us both a coffee and think for a
    # minute before we go on." got a new worry (the act model read the second sentence as a question)
    persona = library.get("cofounder-equity")
    line = "That's a lot to carry. Can we call that break now? I'd like to get us both a coffee and think for a minute before we go on."
    _, decisions, _ = _talk(persona, "realistic", [line])
    assert decisions[0].move == "take_time", decisions[0]


def test_what_one_did_say_said_again_after_a_correction_is_the_offer(library):
    # the fresh set on corrections: "wait, i never agreed to net 15. i said net 30 WITH the direct debit. the debit
    # means the money lands the same day every month" was taken as a play-back and warmed to
    persona = library.get("coffee-supplier")
    proposal = {"price_per_kg": 15.4, "payment_days": 15.0, "weekly_volume": 60.0, "direct_debit": 1.0}
    line = (
        "wait, i never agreed to net 15. i said net 30 WITH the direct debit. the debit means the money lands the "
        "same day every month, thats the whole point of it"
    )
    reading, decision, _ = _after_proposal(
        persona, proposal, "$15.40, net 15, 60 kilos a week, direct debit.", line
    )
    assert reading["terms"].get("payment_days") == 30.0, reading
    assert decision.move in ("counter", "consider", "agree", "push_back_bare_ask"), decision
    assert decision.before and decision.before[0]["move"] == "acknowledge", decision.before


def test_asking_to_start_with_one_of_its_worries_starts_there(library):
    # found rehearsing freely: "hi maureen. can we start with the wall and leave the building works for later?" got
    # "I couldn't say."; a person says yes by starting there
    persona = library.get("neighbour-extension")
    line = "hi maureen. can we start with the wall and leave the building works for later?"
    _, decisions, _ = _talk(persona, "hard", [line], seed=7)
    assert [d.item_id for d in decisions[0].disclosures] == ["garden_light"], decisions[0]
    # (guard) time asked to think one of them over is still time given
    persona = library.get("cofounder-equity")
    line = "I hear you. Can I think about the cliff part and come back to it? The lawyer might have views."
    _, decisions, _ = _talk(persona, "realistic", [line])
    assert decisions[0].move == "take_time", decisions[0]


def test_asking_to_leave_a_term_to_the_end_neither_offers_it_nor_starts_on_it(library):
    # found rehearsing freely: "quick one before we start - I've got 30 mins, can we do penalties last?" was read as
    # an offer of penalty clauses ("what do I tell my plant manager?"), then as a question about them (the
    # penalty worry, the one thing asked to come last)
    persona = library.get("vendor-deadlines")
    line = "hey. quick one before we start - I've got 30 mins, can we do penalties last?"
    readings, decisions, _ = _talk(persona, "realistic", [line], seed=11)
    assert not readings[0]["terms"], readings[0]
    assert decisions[0].move == "acknowledge" and not decisions[0].disclosures, decisions[0]
    # (guard) "keep it same as last year" is last year's price asked for, not an order of talk
    persona = library.get("coffee-supplier")
    readings, _, _ = _talk(persona, "realistic", ["hi! straight up, can we just keep it same as last year?"])
    assert readings[0]["terms"].get("price_per_kg") == 14.2, readings[0]


def test_what_do_you_give_us_back_for_a_term_gets_terms(library):
    # found rehearsing freely: "ok so if we freeze designs 6 weeks out, what do you give us back?" got a new worry
    persona = library.get("vendor-deadlines")
    lines = [
        "whats been going wrong on your side with our orders?",
        "ok so if we freeze designs 6 weeks out, what do you give us back?",
    ]
    _, decisions, _ = _talk(persona, "realistic", lines, seed=11)
    assert decisions[1].move == "counter", decisions[1]


def test_what_it_would_give_on_a_term_in_return_for_an_offer_gets_terms_not_a_story(library):
    # found rehearsing freely: "I could do 11 pre if the pool is 10%. what would you give on the pref in return?" got
    # the fund's 20% story; a question about back then is no such ask (guard)
    persona = library.get("investor-term-sheet")
    lines = [
        "Hi Rebecca. Before numbers, what does a good outcome look like for you?",
        "I could do 11 pre if the pool is 10%. what would you give on the pref in return?",
    ]
    _, decisions, _ = _talk(persona, "easy", lines, seed=4)
    assert decisions[1].move == "counter", decisions[1]
    from simulator import acts

    assert not acts.IN_RETURN.search("what did you do about it back then? how did that end")


def test_a_price_said_right_before_a_yes_no_term_is_the_price(library):
    # the fresh set on reciprocity: "15.40 direct debit net 30 12 months, last offer" lost the price (a number just
    # before a yes/no term was taken to count it, as "one point of contact" does)
    standing = {"price_per_kg": 16.0, "term_months": 12.0, "payment_days": 15.0, "direct_debit": 1.0}
    terms = _terms(library, "coffee-supplier", "15.40 direct debit net 30 12 months, last offer", standing)
    assert terms == {"price_per_kg": 15.4, "direct_debit": 1.0, "payment_days": 30.0, "term_months": 12.0}, (
        terms
    )
    # (guard) a count of a yes/no term still counts it
    terms = _terms(library, "vendor-deadlines", "one point of contact and 4000 a quarter")
    assert terms.get("single_contact") == 1.0 and terms.get("quarterly_units") == 4000.0, terms


def test_the_same_terms_put_again_are_said_as_such_not_as_a_fresh_proposal(library):
    # found rehearsing freely: "no no, i said the cliff counts from when you started" and "what do i get for that?"
    # each got "Let me put something on the table. …" / "Here's what I could live with. …" with the very same terms
    persona = library.get("cofounder-equity")
    lines = [
        "whats bugging you about 60/40",
        "so you feel the six months you've put in should count for something, not restart at zero?",
        "ok. i could do 55/45 if we both vest over 4 years with a 1 year cliff",
        "no no, i said the cliff counts from when you started, not from now",
        "what do i get for that?",
    ]
    _, decisions, _ = _talk(persona, "realistic", lines, seed=9)
    again = [d for d in decisions[3:] if d.move == "counter" and d.terms == decisions[2].terms]
    assert again, [d.move for d in decisions]
    fresh = [v.split("{")[0].strip() for v in persona.lines["counter"]]
    for d in again:
        assert not any(d.authored.startswith(f) or f in d.authored for f in fresh if f), d.authored


def test_what_a_good_outcome_would_look_like_for_them_asks_what_they_need(library):
    # the fresh set on reciprocity: "Whta would a clean answer look like for you?" was a yes/no question (the typo)
    # and then a way forward; it asks what they need
    persona = library.get("client-discount")
    reading = read_turn(persona, L.new_ledger(persona), "Whta would a clean answer look like for you?", [])
    assert reading["parts"][0]["act"] == "open_question", reading["parts"]
    assert reading["parts"][0].get("window") == "needs", reading["parts"]


def test_hearing_their_side_first_then_the_terms_one_at_a_time_asks_their_side(library):
    # the fresh set on agenda talk: "I'd like to hear your side first, then go through price, payment terms and the
    # length of the deal one at a time." was a question about the late payments (it names "payment terms")
    persona = library.get("coffee-supplier")
    line = (
        "Thanks for having me, it smells amazing in here. Before we get into any numbers, could we agree how to run "
        "this? I'd like to hear your side first, then go through price, payment terms and the length of the deal one "
        "at a time."
    )
    _, decisions, _ = _talk(persona, "realistic", [line])
    assert [d.item_id for d in decisions[0].disclosures] != ["late_payments"], decisions[0]


def test_a_figure_alone_put_right_is_taken_in(library):
    # found rehearsing freely: "21k, not 20k" was a fresh counter with no word that it had heard the figure
    persona = library.get("client-discount")
    lines = [
        "hi helen, thanks for the email. what's driving the 20%?",
        "ok heres the thing. we can do 21k if we drop display from scope. what do you give us back?",
        "21k, not 20k",
    ]
    readings, decisions, _ = _talk(persona, "realistic", lines, seed=21)
    assert readings[2]["terms"] == {"monthly_retainer": 21000.0}, readings[2]
    assert decisions[2].authored.startswith("Got it: $21,000 a month."), decisions[2].authored


def test_a_term_offered_with_what_it_would_do_in_return_gets_its_terms(library):
    # found rehearsing freely: "ok so if I take on the night lead role from now, what would you be able to do for me in
    # return?" got "Still, I need a handover plan" and no terms
    persona = library.get("manager-raise")
    lines = [
        "what's making a raise hard right now?",
        "ok so if I take on the night lead role from now, what would you be able to do for me in return?",
    ]
    _, decisions, _ = _talk(persona, "hard", lines, seed=17)
    assert decisions[1].move == "counter" and decisions[1].terms, decisions[1]


def test_a_figure_said_with_without_a_term_is_still_the_figure(library):
    # the fresh set on agenda talk: "20.4 without display works if we make it 12 months not 6" lost the 20.4 ("without"
    # was taken for what the figure counted)
    standing = {"monthly_retainer": 20400.0, "term_months": 6.0, "display_in_scope": 1.0}
    line = "20.4 without display works if we make it 12 months not 6. plus the one pager"
    terms = _terms(library, "client-discount", line, standing)
    assert terms.get("monthly_retainer") == 20400.0 and terms.get("display_in_scope") == 0.0, terms


def test_putting_right_a_figure_one_did_say_gets_told_what_was_said(library):
    # found rehearsing freely: "160?" then "no I said 158, not 160" got "Got it: a base salary of $158,000." as if it
    # had misheard; the user had said 160
    persona = library.get("candidate-offer")
    lines = ["what would make this an easy yes for you?", "160?", "no I said 158, not 160"]
    _, decisions, _ = _talk(persona, "realistic", lines, seed=23)
    assert decisions[2].authored.startswith("You said a base salary of $160,000 before."), decisions[
        2
    ].authored
    # (guard) a figure rightly put right is taken in
    lines = ["what would make this an easy yes for you?", "158?", "no I said 158, not 160"]
    _, decisions, _ = _talk(persona, "realistic", lines, seed=23)
    assert decisions[2].authored.startswith("Got it"), decisions[2].authored


def test_insisting_on_ones_figure_against_theirs_is_no_correction(library):
    # found rehearsing freely: "6, not 8" to Dieter's 8-week freeze got "Got it." as if he had misheard
    persona = library.get("vendor-deadlines")
    lines = [
        "why do the dates keep slipping?",
        "so our late drawing changes push us to the back of the CNC queue. got it",
        "what if we froze designs 6 weeks before ship?",
        "6, not 8",
    ]
    _, decisions, _ = _talk(persona, "hard", lines, seed=41)
    assert not decisions[3].authored.startswith("Got it"), decisions[3].authored


@pytest.mark.parametrize(
    "line", ["hi gloria! how've you been?", "how’ve you been?", "hey, how's things been?"]
)
def test_how_have_you_been_in_any_spelling_is_small_talk(library, line):
    # found rehearsing freely: "hi gloria! how've you been?" got "That's a private matter, if you don't mind."
    persona = library.get("landlord-renewal")
    _, decisions, _ = _talk(persona, "easy", [line], seed=51)
    assert decisions[0].move == "small_talk", decisions[0]


def test_what_their_business_needs_from_a_deal_asks_what_they_need_not_a_fact(library):
    # found rehearsing freely: "before we get into terms, what does this fund need from a deal like ours?" got the
    # fund's size ("About thirty, across two funds."), and a play-back after it was "corrected" with that line
    persona = library.get("investor-term-sheet")
    lines = ["hi rebecca", "before we get into terms, what does this fund need from a deal like ours?"]
    _, decisions, _ = _talk(persona, "hard", lines, seed=61)
    assert decisions[1].move != "answer_fact", decisions[1]
    assert decisions[1].disclosures, decisions[1]


def test_meaning_another_figure_than_the_one_typed_is_no_misremembering(library):
    # found rehearsing freely (re-read): "…could u do 15.60?" then "sorry i meant 15.80 not 15.60" got "You said $15.60
    # a kilo before." - the user owned the 15.60 and changed it
    persona = library.get("coffee-supplier")
    lines = [
        "so whats really going on with the price going up",
        "if we did a standing order of 55 kilos a week could u do 15.60?",
        "sorry i meant 15.80 not 15.60",
    ]
    readings, decisions, _ = _talk(persona, "realistic", lines, seed=77)
    assert readings[2]["terms"].get("price_per_kg") == 15.8, readings[2]
    assert not decisions[2].authored.startswith("You said"), decisions[2].authored
    assert decisions[2].authored.startswith("Got it"), decisions[2].authored


@pytest.mark.parametrize(
    ("lines", "seed"),
    [
        (
            [
                "so whats going on with the price",
                "I could do 16.60 at 12 months and net 15. how many cafes do you supply?",
            ],
            3,
        ),
        (
            [
                "so what's the situation on your end with the roastery",
                "what would make this work for you",
                "ok 16.80, 12 months, net 15. deal. how long have you been roasting?",
            ],
            3,
        ),
    ],
)
def test_a_fact_asked_along_with_an_offer_or_a_yes_is_answered_too(library, lines, seed):
    # found rehearsing freely: "Deal at 16.40 for 12 months. how many cafes do you supply?" got a push-back on the
    # price and nothing about the cafés; a yes with "how long have you been roasting?" after it got the yes alone
    persona = library.get("coffee-supplier")
    _, decisions, _ = _talk(persona, "easy", lines, seed=seed)
    last = decisions[-1]
    fact = persona.fact("customers" if "cafes" in lines[-1] else "years_roasting")
    assert fact is not None and fact.answer in last.authored, last.authored


def test_oh_really_after_a_worry_doubts_it_and_is_answered_as_such(library):
    # found rehearsing freely: "oh really?" after the late invoices came up got "It's not that simple."
    persona = library.get("coffee-supplier")
    lines = ["so what's the situation on your end with the roastery", "oh really?"]
    readings, decisions, _ = _talk(persona, "realistic", lines, seed=3)
    assert readings[1]["parts"][0].get("doubt"), readings[1]
    assert "not that simple" not in decisions[1].authored.lower(), decisions[1].authored


@pytest.mark.parametrize(
    "line",
    [
        "can I have the weekend to think about it",
        "could we take a few days to decide?",
        "give me till friday",
    ],
)
def test_asking_for_time_to_think_is_taking_time_not_small_talk(library, line):
    # found rehearsing freely: "can I have the weekend to think about it" got "Ha, yes. Right, what did you want to
    # talk about?" - the weekend read as chit-chat
    persona = library.get("manager-raise")
    _, decisions, _ = _talk(persona, "realistic", ["what's driving the timing for you?", line], seed=2)
    assert decisions[1].move == "take_time", decisions[1]


def test_an_open_question_with_a_fact_asked_after_it_gets_both_answered(library):
    # found rehearsing freely: "what would a good outcome look like for the fund? and how big is the fund btw" got the
    # fund's size and nothing on what the fund needs
    persona = library.get("investor-term-sheet")
    lines = [
        "Hi Rebecca, good to see you again",
        "what would a good outcome look like for the fund? and how big is the fund btw",
    ]
    _, decisions, _ = _talk(persona, "realistic", lines, seed=5)
    assert decisions[1].disclosures, decisions[1]
    assert persona.fact("fund_size").answer in decisions[1].authored, decisions[1].authored


def test_two_packages_side_by_side_get_the_one_it_prefers_named(library):
    # from the options set (t142): "so i've got 2 options for u: 4300 on the 1 year u offered, or 4400 on 3 years.
    # which one?" was read as one offer of the later figures (the first package a statement) and got its lease
    # length back ("It's a 1-year lease.")
    persona = library.get("landlord-renewal")
    line = "5000 is way too much for us. so i've got 2 options for u: 4300 on the 1 year u offered, or 4400 on 3 years. which one?"
    readings, decisions, _ = _talk(persona, "realistic", ["why the increase?", line], seed=4)
    assert readings[1]["options"] == [
        {"monthly_rent": 4300.0, "lease_years": 1.0},
        {"monthly_rent": 4400.0, "lease_years": 3.0},
    ], readings[1]
    said = decisions[1].authored
    assert said.startswith("Of the two,") and "$4,400" in said and "3-year" in said, said


def test_a_hedged_figure_with_or_is_one_offer_not_two_packages(library):
    # (the split needs a package on each side: "158 or 160 if you start in july" is one offer, hedged)
    from simulator.reading import split_parts

    assert split_parts("we could go 158 or 160 if you start in july") == [
        "we could go 158 or 160 if you start in july"
    ]
    assert (
        len(split_parts("I could do A: 12 months at 16.40, or B: 24 months at 16.10 - which works better?"))
        == 2
    )


def test_a_deal_with_a_fact_question_after_it_closes_and_answers(library):
    # from the set of turns that do two things (t143): "Deal, a review at 6 months is totally fair. how long have u
    # been roasting btw" got the years alone: the yes to one term was held back for the question after it
    persona = library.get("coffee-supplier")
    lines = [
        "whats behind the increase",
        "what if we did 15.60 a kilo, 12 months, net 15, 55kg a week standing order, direct debit and a price review at 6 months",
        "Deal, a review at 6 months is totally fair. how long have u been roasting btw",
    ]
    _, decisions, _ = _talk(persona, "easy", lines, seed=3)
    moves = [s["move"] for s in [*decisions[2].before, {"move": decisions[2].move}, *decisions[2].after]]
    assert decisions[2].move == "agree" and "answer_fact" in moves, decisions[2]
    assert persona.fact("years_roasting").answer in decisions[2].authored


def test_asking_who_else_they_need_to_talk_to_is_no_ultimatum(library):
    # from t143: "And is there anyone else you need to talk it over with?" was read as pressure by the rules ("you
    # need to"); the act model happened to outvote them in some contexts, not in others
    persona = library.get("candidate-offer")
    turns = [{"role": "counterpart", "text": "Hello.", "disclosures": []}]
    for line in (
        "And is there anyone else you need to talk it over with?",
        "is there anybody you need to ask first?",
    ):
        reading = read_turn(persona, L.new_ledger(persona), line, turns, use_model=False)
        assert "pressure" not in reading["acts"], reading


@pytest.mark.parametrize(
    ("line", "worry"),
    [
        ("I bet the property tax went up then, mine did on the house too.", "rising_costs"),
        ("let me guess, you want to sell the building", "selling_pressure"),
    ],
)
def test_a_right_guess_at_a_worry_gets_it_owned(library, line, worry):
    # from the guesses set (t145) and found rehearsing freely: "let me guess, you want to sell the place" got "I won't
    # be spoken to like that, dear"; "I bet the property tax went up" got small talk about the weather
    persona = library.get("landlord-renewal")
    _, decisions, _ = _talk(persona, "realistic", ["hi", line], seed=2)
    assert decisions[1].move in ("raise_concern", "reveal"), decisions[1]
    assert worry in [d.item_id.split(":")[0] for d in decisions[1].disclosures], decisions[1]


@pytest.mark.parametrize(
    "line",
    [
        "let me guess, ten is just where you start every deal",
        "And let me guess, you want my CTO on vesting because you think he's going to walk. He won't.",
    ],
)
def test_a_plain_guess_is_no_insult_and_a_third_party_leaving_is_no_threat(library, line):
    # from t145: any "let me guess" was read as a sneer, and "he's going to walk" (the CTO) as the user's threat
    persona = library.get("investor-term-sheet")
    readings, decisions, _ = _talk(persona, "realistic", [line], seed=3)
    assert not {"insult", "pressure"} & set(readings[0]["acts"]), readings[0]
    assert decisions[0].move not in ("react_insult", "push_back_pressure", "walk_away"), decisions[0]


def test_a_mocking_guess_is_still_rude(library):
    # (the sneer stays one: "i bet ur overdraft is the real problem lol")
    persona = library.get("coffee-supplier")
    readings, _, _ = _talk(
        persona, "hard", ["we paid them all eventually i bet ur overdraft is the real problem lol"]
    )
    assert "insult" in readings[0]["acts"], readings[0]


@pytest.mark.parametrize(
    ("persona_id", "line"),
    [
        ("landlord-renewal", "so the lease ends june 30. when do u need to know from me?"),
        ("cofounder-equity", "when do u need an answer from me?"),
        ("coffee-supplier", "how long do i have to decide?"),
        ("client-discount", "when does this need to be settled?"),
        ("cofounder-equity", "ok fair. what would feel right to you? and when does the lawyer need it"),
    ],
)
def test_when_it_needs_an_answer_by_is_answered_from_its_timing(library, persona_id, line):
    # from the time and deadlines set (t144): "when do u need to know from me?" got the landlord's costs (the
    # cofounder's "need an answer" already worked, from her own asking words: kept as a guard)
    persona = library.get(persona_id)
    _, decisions, _ = _talk(persona, "realistic", [line], seed=6)
    assert persona.fact("timing").answer[1:].lower() in decisions[0].authored.lower(), decisions[0].authored


@pytest.mark.parametrize(
    "line",
    [
        "what if we do 15.60 from april and then look at it again in 6 months",
        "what about 15.50 now and we sit down again in 6 months",
    ],
)
def test_looking_at_the_price_again_later_is_a_price_review(library, line):
    # from t144/t145: "look at it again in 6 months" was read as a 6-month agreement
    assert _terms(library, "coffee-supplier", line).get("price_review") == 1.0
    assert "term_months" not in _terms(library, "coffee-supplier", line)


def test_a_yes_with_an_open_question_after_it_gets_the_question_answered_too(library):
    # from t143: "Agreed. Thank you Helen, really. Can I ask what else has been bugging you about us that I should
    # fix before February?" got the terms agreed and nothing on what else bothers her
    persona = library.get("client-discount")
    lines = [
        "whats driving the discount on your side?",
        "what if we did 20,400 a month for 12 months with display moving in-house and a one page monthly summary",
        "Agreed. Thank you Helen, really. Can I ask what else has been bugging you about us that I should fix?",
    ]
    _, decisions, _ = _talk(persona, "easy", lines, seed=3)
    last = decisions[-1]
    assert last.move == "agree", last
    assert last.after and last.disclosures, last


def test_one_more_question_is_no_figure(library):
    # from t143: "one more q, would u ever sell the building? just asking bc of the 5 yrs" was read as an offer of
    # $4,601 a month (one more than 4,600) and the 5 years as an offer, and got a yes
    persona = library.get("landlord-renewal")
    standing = {
        "monthly_rent": 4600,
        "lease_years": 5,
        "annual_increase": 3,
        "delivery_after": 7,
        "hood_cleaning": 1,
    }
    assert _terms(library, "landlord-renewal", "one more q, would u ever sell the building?", standing) == {}
    ledger = L.new_ledger(persona)
    turns = [{"role": "counterpart", "text": "Hello.", "disclosures": []}]
    reading = read_turn(
        persona,
        ledger,
        "will do. one more q, would u ever sell the building? just asking bc of the 5 yrs",
        turns,
    )
    assert "offer" not in reading["acts"], reading


def test_a_wh_question_with_a_fact_after_it_gets_both_even_without_a_named_worry(library):
    # found rehearsing freely: "so whats actually causing the delays on your side? and how many machines have you got
    # running" got the machines alone
    persona = library.get("vendor-deadlines")
    lines = [
        "hey dieter, how's the shop floor? busy?",
        "so whats actually causing the delays on your side? and how many machines have you got running",
    ]
    _, decisions, _ = _talk(persona, "realistic", lines, seed=7)
    assert decisions[1].disclosures, decisions[1]
    assert "mills" in decisions[1].authored, decisions[1].authored


def test_which_one_works_after_two_packages_is_answered_by_choosing(library):
    # found rehearsing freely: "option 1: 76k now with a 60 day trial, or option 2: 74k now and 78k after the trial.
    # which one works for you?" got a worry about the routes: "which one works" read as an open question
    persona = library.get("manager-raise")
    lines = [
        "what would it take for you to back me for the lead role?",
        "ok. option 1: 76k now with a 60 day trial, or option 2: 74k now and 78k after the trial. which one works for you?",
    ]
    _, decisions, _ = _talk(persona, "realistic", lines, seed=8)
    assert decisions[1].authored.startswith("Of the two,"), decisions[1].authored
    assert decisions[1].move in ("consider", "counter", "agree", "push_back_bare_ask"), decisions[1]


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("thanks marcus, appreciate it. have a good weekend", "You too."),
        ("ok thanks, talk soon", "Talk soon."),
    ],
)
def test_a_goodbye_gets_a_goodbye(library, line, said):
    # found rehearsing freely: "thanks marcus, appreciate it. have a good weekend" got "Ha, yes. Right, what did you
    # want to talk about?"
    persona = library.get("manager-raise")
    _, decisions, _ = _talk(persona, "realistic", ["what's going on with the budget?", line], seed=8)
    assert decisions[1].authored == said, decisions[1].authored


@pytest.mark.parametrize(
    ("persona_id", "line"),
    [
        (
            "landlord-renewal",
            "hmm can i think about the rent over the weekend? i need to look at the numbers w my accountant",
        ),
        ("coffee-supplier", "can we sign next week? i wanna run it past my accountant first"),
    ],
)
def test_time_asked_for_in_other_words_is_given(library, persona_id, line):
    # from the time and deadlines set (t144): both got a worry raised instead of the time they asked for
    persona = library.get(persona_id)
    _, decisions, _ = _talk(persona, "realistic", ["whats behind the new terms?", line], seed=6)
    assert decisions[1].move == "take_time", decisions[1]


def test_an_answer_date_offered_as_help_is_no_ultimatum(library):
    # from t144: "If you can give me your answer by Thursday, I'll have the letter out before your Friday deadline"
    # was read as pressure
    from simulator import acts

    line = "If you can give me your answer by Thursday, I'll have the letter out before your Friday deadline."
    assert acts.pressure(line) is None
    assert acts.pressure("I need your answer by Thursday.") is not None


def test_a_guess_put_as_a_play_back_of_something_never_said_is_a_guess(library):
    # from t145: "so you must have a budget cap you're working to." before any cap was mentioned was warmed to as a
    # faithful play-back, and a different worry came out
    persona = library.get("client-discount")
    readings, decisions, _ = _talk(
        persona, "realistic", ["Hi Helen. ok. so you must have a budget cap you're working to."]
    )
    assert "summary" not in readings[0]["acts"], readings[0]
    assert [d.item_id.split(":")[0] for d in decisions[0].disclosures] == ["cfo_mandate"], decisions[0]


def test_the_closing_question_of_a_yes_comes_after_the_answer_that_follows_it(library):
    # found re-reading the round: "… no standing order. Shake on it? I've been roasting for 11 years …" asked to shake
    # before answering; the answer now comes first and the reply ends on the question
    persona = library.get("coffee-supplier")
    lines = [
        "so what's the situation on your end with the roastery",
        "what would make this work for you",
        "ok 16.80, 12 months, net 15. deal. how long have you been roasting?",
    ]
    _, decisions, _ = _talk(persona, "easy", lines, seed=3)
    said = decisions[-1].authored
    assert persona.fact("years_roasting").answer in said, said
    assert "Shake on it?" in said and said.endswith("Shake on it?"), said


@pytest.mark.parametrize(
    ("persona_id", "line", "terms"),
    [
        ("manager-raise", "thank you, that helps. I'd like 80k", {"salary": 80000.0}),
        ("coffee-supplier", "I would like 15.50 a kilo", {"price_per_kg": 15.5}),
    ],
)
def test_a_figure_said_as_what_one_would_like_is_an_offer(library, persona_id, line, terms):
    # found rehearsing freely: "I'd like 80k" read as a statement; the manager repeated the freeze word for word
    # instead of answering the number
    persona = library.get(persona_id)
    readings, decisions, _ = _talk(persona, "realistic", [line])
    offer = [p for p in readings[0]["parts"] if p["act"] == "offer"]
    assert offer and offer[0]["terms"] == terms, readings[0]["parts"]
    assert decisions[0].move in {"push_back_bare_ask", "push_back_premature", "counter", "consider"}, (
        decisions[0]
    )


@pytest.mark.parametrize(
    ("persona_id", "line", "standing", "terms"),
    [
        # from t146: the figure between two said, not either of them
        (
            "coffee-supplier",
            "Could we land halfway between your sixteen and fifteen twenty, and add a price review after six months?",
            {"price_per_kg": 16.0},
            {"price_per_kg": 15.6, "price_review": 1.0},
        ),
        ("landlord-renewal", "how about halfway between 4500 and 4800", None, {"monthly_rent": 4650.0}),
        # from t146: one of the currency, as a change, and cents as hundredths
        (
            "coffee-supplier",
            "ok then knock a buck off ur number and we're done",
            {"price_per_kg": 16.8},
            {"price_per_kg": 15.8},
        ),
        ("coffee-supplier", "fifty cents less a kilo?", {"price_per_kg": 16.8}, {"price_per_kg": 16.3}),
        # from t146: a term turned down in the clause after it
        (
            "investor-term-sheet",
            "ok twelve. And the board seat, I'd rather not give one at seed.",
            None,
            {"board_seat": 0.0},
        ),
        ("investor-term-sheet", "the seat, no", None, {"board_seat": 0.0}),
    ],
)
def test_figures_said_loosely_are_read_as_the_terms_meant(library, persona_id, line, standing, terms):
    got = _terms(library, persona_id, line, standing)
    assert {k: v for k, v in got.items() if k in terms} == terms, got


def test_asked_to_say_its_terms_again_it_says_them(library):
    # from t148: "remind me what u said for the rent again? was it 4600 or 4500" was warmed to as a play-back and a new
    # worry came out; "can you say the whole thing back so im clear?" was taken as a yes
    persona = library.get("landlord-renewal")
    lines = [
        "so what would you need from me",
        "ok so remind me what u said for the rent again? was it 4600 or 4500",
        "can you say the whole thing back so im clear?",
    ]
    _, decisions, _ = _talk(persona, "realistic", lines)
    which, whole = decisions[1], decisions[2]
    assert which.move == "deflect_closed" and which.content == "$5,000 a month.", which
    assert whole.move == "recap" and "a 1-year lease" in whole.content and "$5,000" in whole.content, whole
    assert not which.disclosures and not whole.disclosures


@pytest.mark.parametrize(
    ("persona_id", "line", "move"),
    [
        # from t149 and t146: rudeness that names no insult word was acknowledged ("Understood. Go on.")
        (
            "coffee-supplier",
            "yeah i saw it. honestly 16.80 is a joke tomas, are u trying to rip us off",
            "react_insult",
        ),
        (
            "investor-term-sheet",
            "honestly I think you're overreacting a bit about the investors",
            "react_insult",
        ),
        ("coffee-supplier", "ur the supplier, thats ur problem", "react_insult"),
        ("vendor-deadlines", "thats what everyone says. it's always someone else's fault", "react_insult"),
        (
            "vendor-deadlines",
            "thats what everyone says. the anodiser, the weather, whatever. it's always someone else with you guys",
            "react_insult",
        ),
        (
            "coffee-supplier",
            "seriously?? ur gonna lose one of ur biggest accounts over like 50 cents",
            "push_back_pressure",
        ),
    ],
)
def test_rudeness_and_threats_without_the_usual_words_are_heard(library, persona_id, line, move):
    _, decisions, _ = _talk(library.get(persona_id), "realistic", [line])
    assert decisions[0].move == move, decisions[0]


def test_saying_one_does_not_think_they_overreact_is_no_insult(library):
    _, decisions, _ = _talk(
        library.get("investor-term-sheet"), "realistic", ["I don't think you're overreacting at all."]
    )
    assert decisions[0].move != "react_insult", decisions[0]


@pytest.mark.parametrize(
    ("persona_id", "line", "terms"),
    [
        # from t147: the figure set aside for the one after it
        (
            "manager-raise",
            "so if 80 is a hard sell, I could do 76, and take a 60 day trial first",
            {"salary": 76000.0},
        ),
        # from t146: two of a unit of time said as a couple
        (
            "neighbour-extension",
            "And the scaffolding, could we keep it to a couple of weeks instead of three?",
            {"scaffolding_weeks": 2.0},
        ),
        # from t146: the persona's own terms in other words
        ("landlord-renewal", "We'll book a professional clean and pay for it.", {"hood_cleaning": 1.0}),
        (
            "manager-raise",
            "over those two months I hand the cross-border routes to Priya with a written plan",
            {"handover_plan": 1.0},
        ),
    ],
)
def test_terms_put_in_everyday_words_are_read(library, persona_id, line, terms):
    got = _terms(library, persona_id, line)
    assert {k: v for k, v in got.items() if k in terms} == terms, got


def test_an_apology_that_says_they_are_not_overreacting_is_no_insult(library):
    # from t149: the apology itself was heard as the sneer it took back
    line = "Sorry, that was a lousy thing to say. You're not overreacting, I got defensive."
    _, decisions, _ = _talk(library.get("investor-term-sheet"), "realistic", [line])
    assert decisions[0].move != "react_insult", decisions[0]


def test_going_ahead_without_them_is_a_threat(library):
    # from t149: "we can appoint a surveyor" after "if you won't sign" was answered with terms
    line = "If you won't sign, we can appoint a surveyor and it goes ahead anyway."
    _, decisions, _ = _talk(library.get("neighbour-extension"), "realistic", [line])
    assert decisions[0].move == "push_back_pressure", decisions[0]


def test_asked_what_it_gives_in_return_it_gives_something_back(library):
    # found rehearsing freely: "what would you give me in return for 50 kilos a week?" was met with "Meet me partway"
    # and its standing $16.80 again; it now keeps the 50 kilos and gives back on the price
    persona = library.get("coffee-supplier")
    lines = [
        "what's making the price go up this year?",
        "what would you give me in return for 50 kilos a week?",
    ]
    _, decisions, _ = _talk(persona, "realistic", lines, seed=4)
    counter = decisions[-1]
    assert counter.move == "counter" and counter.terms, counter
    assert counter.terms["weekly_volume"] == 50 and counter.terms["price_per_kg"] < 16.8, counter.terms


def test_an_apology_for_how_they_spoke_is_taken_whatever_explains_it(library):
    # found rehearsing freely: "sorry, that was rude. long week." after a push got "Yes, it's lovely in here this
    # morning. Well, to business." (the small talk answered, the apology not)
    persona = library.get("landlord-renewal")
    lines = ["look I don't have all day, just give me your number", "sorry, that was rude. long week."]
    _, decisions, _ = _talk(persona, "realistic", lines, seed=5)
    assert decisions[1].move == "acknowledge", decisions[1]


def test_a_polite_sorry_with_small_talk_is_still_small_talk(library):
    _, decisions, _ = _talk(
        library.get("landlord-renewal"), "realistic", ["sorry i'm late, the traffic was awful"]
    )
    assert decisions[0].move == "small_talk", decisions[0]


@pytest.mark.parametrize("line", ["thanks for explaining, really", "thanks so much, really appreciate it"])
def test_thanks_gets_a_welcome(library, line):
    # found rehearsing freely: thanked, the manager said "Understood. Where are you going with this?"
    _, decisions, _ = _talk(library.get("manager-raise"), "realistic", ["what's making a raise hard?", line])
    assert decisions[1].authored == "You're welcome.", decisions[1]


def test_a_nod_is_not_thanked_back(library):
    _, decisions, _ = _talk(library.get("manager-raise"), "realistic", ["what's making a raise hard?", "ok."])
    assert decisions[1].authored != "You're welcome.", decisions[1]


def test_turning_to_a_subject_is_no_play_back(library):
    # found rehearsing freely: "hey, so about the equity" was warmed to as a faithful summary ("Yes. That's it,
    # exactly.") before anything had been said
    said = ["I read the documents twice. I'd like to talk before either of us signs."]
    persona = library.get("cofounder-equity")
    _, decisions, _ = _talk(persona, "realistic", ["hey, so about the equity"], said=said, seed=3)
    assert decisions[0].move != "warm_up" and "exactly" not in decisions[0].authored, decisions[0]


def test_saying_what_one_meant_is_no_threat(library):
    # found rehearsing freely: "no, other way round, I meant I'm fine with the title" got "That's exactly the kind of
    # thing that makes me want the protections."
    persona = library.get("cofounder-equity")
    lines = [
        "wait, when you say founder, do you mean the title or the equity?",
        "no, other way round, I meant I'm fine with the title",
    ]
    _, decisions, _ = _talk(persona, "realistic", lines, seed=3)
    assert decisions[1].move != "push_back_pressure", decisions[1]


def test_a_salary_said_aloud_with_its_hundreds_is_read(library):
    # found rehearsing freely: "say seventy-eight five?" was 78 and then 5, no terms ("I can't say yes or no to that.")
    assert _terms(library, "manager-raise", "say seventy-eight five?") == {"salary": 78500.0}


def test_a_rough_figure_asked_for_is_an_ask(library):
    # found rehearsing freely: "I was thinking somewhere in the high seventies" got "Fair enough. Carry on."
    persona = library.get("manager-raise")
    lines = [
        "what would it take to get the lead role paid properly?",
        "I was thinking somewhere in the high seventies",
    ]
    readings, decisions, _ = _talk(persona, "realistic", lines)
    assert "offer" in readings[1]["acts"] and not readings[1]["terms"], readings[1]
    assert decisions[1].move in {"push_back_bare_ask", "push_back_premature", "clarify", "counter"}, (
        decisions[1]
    )


def test_a_yes_no_about_what_its_figure_means_gets_a_short_answer(library):
    # from t148: "When you say fifteen, is that fifteen in total…, or fifteen on top of it?" was answered as a fact
    # question; the annotators (and those of t134) hear a short answer in its own words
    persona = library.get("investor-term-sheet")
    said = ["I want fifteen percent in the option pool, created before the money goes in."]
    line = (
        "When you say fifteen, is that fifteen in total including our existing six, or fifteen on top of it?"
    )
    _, decisions, _ = _talk(persona, "realistic", [line], said=said)
    assert decisions[0].move == "deflect_closed" and decisions[0].content, decisions[0]


def test_a_recommendation_asked_for_is_off_topic(library):
    # from t149: "random question but do you know a good plumber?" got "Perhaps." as if asked about the lease
    line = "random question but do you know a good plumber? our back sink has been dripping for a week"
    _, decisions, _ = _talk(library.get("landlord-renewal"), "realistic", [line])
    assert decisions[0].move in {"off_topic", "small_talk"}, decisions[0]


def test_its_figure_turned_down_beside_an_offer_is_not_agreed_to(library):
    # from t147: "4800 is still too much for us tbh. … what if we signed for 5 years instead of 1" closed the deal at
    # $4,800 and five years: the rent the user had just turned down
    persona = library.get("landlord-renewal")
    proposal = {"monthly_rent": 4800.0, "lease_years": 1.0}
    turns, ledger = _after_their_terms(persona, "could we do 4500?", "I can do $4,800 a month.", proposal)
    line = "4800 is still too much for us tbh. i mean what if we signed for 5 years instead of 1"
    reading = read_turn(persona, ledger, line, [*turns, {"role": "user", "text": line}])
    decision, _ = decide(persona, "realistic", ledger, reading, 2)
    assert decision.move != "agree", decision
    # (the five years offered stay in its counter: before, its own last counter's one year came back)
    assert decision.terms and decision.terms["lease_years"] == 5, decision
    assert decision.terms["monthly_rent"] <= 4800, decision


@pytest.mark.parametrize(
    "line",
    [
        "ok we talked, she says go for 82 now and a review in 6 months",
        "how about 82",
        "So I think 82 is fair.",
    ],
)
def test_a_salary_said_in_thousands_above_the_talk_is_still_the_salary(library, line):
    # found rehearsing freely: "go for 82 now" in a raise read as an 82-day trial (82,000 lies past where the talk had
    # been, the trial's 60–120 days hold 82), and the manager answered a trial nobody offered
    assert _terms(library, "manager-raise", line) == {"salary": 82000.0}
    # (a range is not stretched: "mostly between 76 and 82" names no salary asked for)
    assert "salary" not in _terms(library, "manager-raise", "team leads are mostly between 76 and 82")


@pytest.mark.parametrize(
    "line", ["let me check with my wife before saying yes", "let me check with my partner first"]
)
def test_checking_with_someone_is_no_play_back(library, line):
    # found rehearsing freely: "let me check with my wife before saying yes" was heard as a play-back ("let me check
    # I've got this…") and the landlord said "Exactly, dear" and told a new worry
    readings, decisions, _ = _talk(library.get("landlord-renewal"), "realistic", [line])
    assert "summary" not in readings[0]["acts"], readings[0]
    assert decisions[0].move != "warm_up", decisions[0]
    # (the play-back it was made for still is one)
    said = ["The roof needs replacing within two years and the quote was $38,000."]
    readings, _, _ = _talk(
        library.get("landlord-renewal"),
        "realistic",
        ["let me check I have this right: the roof needs doing"],
        said=said,
    )
    assert "summary" in readings[0]["acts"], readings[0]


def test_frank_talk_about_ones_own_quote_is_no_insult(library):
    # found rehearsing freely: "I'll level with you, it's not a great quote, but it's real" got "There's no need for
    # that" (the act model heard a jab); said at the other side it still is one
    readings, decisions, _ = _talk(
        library.get("coffee-supplier"),
        "realistic",
        ["I'll level with you, it's not a great quote, but it's real"],
    )
    assert readings[0]["acts"] != ["insult"] and decisions[0].move != "react_insult", (
        readings[0],
        decisions[0],
    )
    readings, _, _ = _talk(
        library.get("coffee-supplier"), "realistic", ["you're useless, it's not a great quote"]
    )
    assert "insult" in readings[0]["acts"], readings[0]


@pytest.mark.parametrize(
    ("persona", "line"),
    [
        (
            "investor-term-sheet",
            "ok. if you were me, with 9 months of cash and one slow fund behind us, what would you do",
        ),
        ("coffee-supplier", "what would u do if u were me?"),
        (
            "candidate-offer",
            "Can I ask what you'd do if you were in my position, with a salary band that stops at 160?",
        ),
    ],
)
def test_advice_asked_for_gets_a_first_step(library, persona, line):
    # from t150: "if you were me, what would you do" got its whole package as a counter, or an unrelated worry; the
    # annotators all hear advice asked for, and its first step is the answer (a band that "stops at 160" is no offer)
    readings, decisions, _ = _talk(library.get(persona), "realistic", [line])
    assert not readings[0]["terms"], readings[0]
    assert decisions[0].move == "reveal" and [d.item_id for d in decisions[0].disclosures] == [
        "first_step"
    ], decisions[0]


@pytest.mark.parametrize(
    ("persona", "line"),
    [
        (
            "coffee-supplier",
            "that makes sense. could u put a couple of options on the table? you know your costs better",
        ),
        (
            "manager-raise",
            "That's more room than I thought. What options do you see for me between now and July?",
        ),
    ],
)
def test_options_asked_for_get_its_terms(library, persona, line):
    # from t150: "could u put a couple of options on the table?" got "Perhaps."; asked for options, it puts terms
    _, decisions, _ = _talk(library.get(persona), "realistic", [line])
    assert decisions[0].move == "counter" and decisions[0].terms, decisions[0]


def test_a_play_back_with_its_figure_wrong_is_put_right(library):
    # from t152: "so ur going from 14.20 to 18.60 a kilo??" passed as faithful (only the range's first figure was
    # checked), and "so the cliff would make ur first 6 years count for nothing" for "the six months I've already put
    # in" (the six was theirs, the years were not)
    said = [
        "My price goes from $14.20 to $16.80 a kilo in January. Green coffee went up about thirty percent."
    ]
    readings, decisions, _ = _talk(
        library.get("coffee-supplier"), "realistic", ["so ur going from 14.20 to 18.60 a kilo??"], said=said
    )
    assert decisions[0].move == "correct_summary" and "16.80" in decisions[0].content, decisions[0]
    said = [
        "Sixty-forty makes me feel like employee number one. And a one-year cliff that starts now means the six "
        "months I've already put in count for nothing."
    ]
    cofounder = library.get("cofounder-equity")
    line = "so the cliff would make ur first 6 years count for nothing"
    _, decisions, _ = _talk(cofounder, "realistic", [line], said=said)
    assert decisions[0].move == "correct_summary" and "six months" in decisions[0].content, decisions[0]
    # (said right, in the same unit or one it comes to, it is faithful)
    for line in (
        "so the cliff would make ur first 6 months count for nothing",
        "so ur half year counts for nothing",
    ):
        _, decisions, _ = _talk(cofounder, "realistic", [line], said=said)
        assert decisions[0].move == "warm_up", (line, decisions[0])


@pytest.mark.parametrize(
    ("persona", "said", "line"),
    [
        (
            "cofounder-equity",
            "At my last startup I had two percent; they sold for forty million and I came away with about a hundred "
            "and eighty thousand after four years of nights.",
            "so 2% of 40M should be 800k but u got 180k.",
        ),
        (
            "coffee-supplier",
            "My importer put my contract price up about thirty percent, before freight.",
            "So your costs went up 30% and you're passing on 18.",
        ),
        (
            "coffee-supplier",
            "My importer put the contract price up by something like thirty percent, so at 14.20 your blend barely "
            "pays for itself.",
            "so at the old price ur basically roasting for us at cost, and thats where 16.80 comes from?",
        ),
        (
            "cofounder-equity",
            "Two options. One: fifty-fifty, cliff and all. Two: forty-five for me, my six months credited, no cliff.",
            "So option two is 45% for you, your six months counted, and no cliff.",
        ),
        (
            "neighbour-extension",
            "To be asked, not told. And to know this won't end with a bill I can't pay.",
            "So you'd want to be properly asked, and to know you won't be left paying for damage.",
        ),
    ],
)
def test_play_backs_that_work_out_or_reword_its_figures_are_faithful(library, persona, said, line):
    # from t150, t152, t153: each was "corrected" though it said back what was said: a sum worked out ("should be
    # 800k"), the rise it passes on in percent (14.20 to 16.80 is 18), its own asked-for price explained, a stake
    # said without "percent", "you won't be left paying" (no spin)
    readings, decisions, _ = _talk(library.get(persona), "realistic", [line], said=[said])
    assert decisions[0].move == "warm_up", (readings[0], decisions[0])


@pytest.mark.parametrize(
    "line",
    [
        "great. ill call her tonight and come back to u tomorrow, but i think its a yes from our side. thx tomas",
        "So yes: $15.60 a kilo, 55 kilos a week, no price review.",
    ],
)
def test_a_yes_said_as_one_closes_even_pending_someone_else(library, line):
    # from t153: "…come back to u tomorrow, but i think its a yes from our side" got "My door's open" as if put off,
    # and "So yes: <its terms>, no participation" was a new offer (the "no" of a term read as a no to the yes)
    persona = library.get("coffee-supplier")
    proposal = {"price_per_kg": 15.6, "weekly_volume": 55.0, "price_review": 0.0}
    turns, ledger = _after_their_terms(
        persona, "what can you do?", "15.60, 55 kilos a week, no review.", proposal
    )
    reading = read_turn(persona, ledger, line, [*turns, {"role": "user", "text": line}])
    decision, _ = decide(persona, "realistic", ledger, reading, 2)
    assert "accept" in reading["acts"] and decision.move == "agree", (reading["acts"], decision)


def test_asking_for_time_is_no_bare_ask_and_a_promised_date_is_no_deadline(library):
    # from t153: "can you give me til thursday to get engineering and finance to sign off" was an offer without terms
    # ("What are you proposing?"); "finance have to sign, ill have it by friday" was a deadline put on them
    persona = library.get("vendor-deadlines")
    readings, decisions, _ = _talk(
        persona,
        "realistic",
        ["great. can you give me til thursday to get engineering and finance to sign off"],
    )
    assert "offer" not in readings[0]["acts"] and decisions[0].move != "push_back_bare_ask", decisions[0]
    line = "the 4000 and the freeze are a yes from me but finance and engineering have to sign, ill have it by friday"
    readings, decisions, _ = _talk(persona, "realistic", [line])
    assert "pressure" not in readings[0]["acts"] and decisions[0].move != "push_back_pressure", decisions[0]
    readings, _, _ = _talk(persona, "realistic", ["i need an answer by friday or we go elsewhere"])
    assert "pressure" in readings[0]["acts"], readings[0]


def test_a_term_before_another_clause_is_not_turned_down_by_it(library):
    # from t153: "he says if u put 15 september in writing he'll drop the penalties" read as no written date
    # (the "drop" of the next clause taken as its no); "direct debit we can't do" still turns the debit down
    assert _terms(
        library, "vendor-deadlines", "he says if u put 15 september in writing he'll drop the penalties."
    ) == {"sept_confirmed": 1.0, "penalty_clauses": 0.0}
    assert _terms(library, "coffee-supplier", "direct debit we can't do") == {"direct_debit": 0.0}


def test_pay_said_by_the_hour_or_the_year_is_the_terms_own_period(library):
    # from t152: "i want 40 an hour" of a salary named nothing (83,200 a year), and "what if we both take 42k" of a
    # founder salary counted by the month named nothing (3,500 a month); a cost in k is still no monthly rent
    assert _terms(library, "manager-raise", "i want the job and i want 40 an hour") == {"salary": 83200.0}
    assert _terms(library, "cofounder-equity", "ok so after the round what if we both take 42k") == {
        "founder_salary": 3500.0
    }
    assert _terms(library, "landlord-renewal", "the ovens cost like 60k to move") == {}


def test_a_yes_held_long_still_closes(library):
    # from t150: "yesss deal!! thank u gloria" got "Understood." (a thanks), not the deal
    persona = library.get("landlord-renewal")
    proposal = {"monthly_rent": 4550.0, "lease_years": 5.0}
    turns, ledger = _after_their_terms(persona, "4550 for 5 years?", "Fine. $4,550 and five years.", proposal)
    line = "yesss deal!! thank u gloria"
    reading = read_turn(persona, ledger, line, [*turns, {"role": "user", "text": line}])
    decision, _ = decide(persona, "realistic", ledger, reading, 2)
    assert decision.move == "agree", (reading["acts"], decision)


def test_a_discount_before_but_is_still_the_price(library):
    # found rehearsing freely: "B: 15% off but display comes out" named only the display (the "but" after "off" was
    # taken for what the 15% was off)
    assert _terms(library, "client-discount", "B: 15% off but display comes out.") == {
        "monthly_retainer": 20400.0,
        "display_in_scope": 0.0,
    }


@pytest.mark.parametrize(
    "line",
    [
        "Fine. What happens if we can't close the gap by Friday?",
        "Can I ask something straight: if we can't agree on this, what do you do?",
        "if we walk, what's your plan b?",
    ],
)
def test_what_no_deal_means_to_them_gets_its_goal(library, line):
    # from t150: "what happens if we can't close the gap by Friday?" got an unrelated worry (the caregiving schedule);
    # the annotators hear what no deal means to the other side, which its goal says
    persona = library.get("candidate-offer")
    _, decisions, _ = _talk(persona, "realistic", [line])
    assert decisions[0].move == "reveal" and [d.item_id for d in decisions[0].disclosures] == ["goal"], (
        decisions[0]
    )


def test_what_one_does_today_and_a_rivals_figure_are_not_offers(library):
    # from t152: "look we do about 60 kilos a week so thats like 3000 kilos a year" closed the deal at a 60-kilo
    # standing order nobody offered, and "the other agency's $18,000: is that per month…?" closed it at 18,000
    persona = library.get("coffee-supplier")
    proposal = {"price_per_kg": 16.8, "weekly_volume": 60.0}
    turns, ledger = _after_their_terms(persona, "what can you do?", "16.80 with 60 kilos a week.", proposal)
    line = (
        "look we do about 60 kilos a week so thats like 3000 kilos a year, we're one of ur bigger customers"
    )
    reading = read_turn(persona, ledger, line, [*turns, {"role": "user", "text": line}])
    decision, _ = decide(persona, "realistic", ledger, reading, 2)
    assert not reading["terms"] and decision.move != "agree", (reading["acts"], decision)
    persona = library.get("client-discount")
    proposal = {"monthly_retainer": 19200.0}
    turns, ledger = _after_their_terms(persona, "what do you need?", "19,200 a month.", proposal)
    line = (
        "I appreciate the honesty. And the other agency's $18,000: is that per month, and for the same scope?"
    )
    reading = read_turn(persona, ledger, line, [*turns, {"role": "user", "text": line}])
    decision, _ = decide(persona, "realistic", ledger, reading, 2)
    assert not reading["terms"] and decision.move != "agree", (reading["acts"], decision)
    # (what one would do, put forward, still is an offer)
    assert _terms(library, "coffee-supplier", "we could do 60 kilos a week if the price comes down") == {
        "weekly_volume": 60.0
    }


def test_a_hard_luck_sum_is_no_threat_to_go_elsewhere(library):
    # from t151: "I just dont know where I find another 150 a week right now, some weeks we're barely keeping the
    # lights on" was heard as "find another (supplier)": "Threats aren't how we've done things"
    line = "I just dont know where I find another 150 a week right now, some weeks we're barely keeping the lights on."
    readings, decisions, _ = _talk(library.get("coffee-supplier"), "realistic", [line])
    assert "pressure" not in readings[0]["acts"] and decisions[0].move != "push_back_pressure", decisions[0]
    readings, _, _ = _talk(library.get("coffee-supplier"), "realistic", ["fine, we'll find another roaster"])
    assert "pressure" in readings[0]["acts"], readings[0]
