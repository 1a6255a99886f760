"""Asking the other side when it needs an answer, and putting labelled choices on the table (found in t155 and t157,
typed the way people typed them)."""

from __future__ import annotations

import pytest

from simulator.offers import read_terms
from simulator.policy import decide
from simulator.reading import read_turn
from tests.test_free_typing import _after_their_terms, _talk


@pytest.mark.parametrize(
    ("persona_id", "line", "said"),
    [
        ("client-discount", "When do you need this settled?", "1 February"),
        ("coffee-supplier", "when do u need the new deal signed by", "31 March"),
        ("investor-term-sheet", "When do you need an answer?", "Monday"),
        (
            "manager-raise",
            "whens the decision on the role getting made? like whats ur deadline",
            "this quarter",
        ),
        (
            "vendor-deadlines",
            "When do you need a forecast and final drawings from us to hold the September slot?",
            "August",
        ),
        ("cofounder-equity", "what's your timeline on your side?", "15th"),
        ("neighbour-extension", "is there a deadline on your end?", "no date"),
        ("manager-raise", "when do u need to decide by?", "this quarter"),
    ],
)
def test_asked_when_it_needs_an_answer_it_gives_its_date(library, persona_id, line, said):
    # they got a worry ("I have to tell you, I offered one year because…") or "I'd rather not get into that yet"
    readings, decisions, _ = _talk(library.get(persona_id), "realistic", [line])
    assert decisions[0].move == "answer_fact", (readings[0]["acts"], decisions[0])
    assert said in decisions[0].content, decisions[0].content


def test_the_timing_of_a_worry_is_not_its_deadline(library):
    # (guard) "whats the timing on all this, why now" asks about the price rise, not when to sign
    readings, decisions, _ = _talk(
        library.get("coffee-supplier"), "realistic", ["whats the timing on all this, why now"]
    )
    assert decisions[0].move != "answer_fact", decisions[0]


@pytest.mark.parametrize(
    ("persona_id", "line", "terms"),
    [
        (
            "neighbour-extension",
            "Option 2: no scaffolding in your garden at all, but the wall stays as planned.",
            {"scaffolding_weeks": 0.0, "wall_height": 3.2},
        ),
        (
            "vendor-deadlines",
            "Package two: we stay at about 2,000 a quarter, but designs are frozen eight weeks "
            "before each ship date so nothing changes under you.",
            {"quarterly_units": 2000.0, "design_freeze_weeks": 8.0},
        ),
        ("landlord-renewal", "2) three years at 4600.", {"lease_years": 3.0, "monthly_rent": 4600.0}),
        (
            "candidate-offer",
            "Option two: $158,000 base, no signing bonus, and you start after your June vest",
            {"base_salary": 158000.0, "signing_bonus": 0.0, "start_after_vest": 1.0},
        ),
    ],
)
def test_the_name_of_a_choice_is_not_one_of_its_figures(library, persona_id, line, terms):
    # "Option 2" was read as 2 weeks of scaffolding, "package two" as a 2-month forecast, "Option two" as 2 home days
    got = read_terms(line, library.get(persona_id).issues, None, "")
    assert got == terms, got
    # (guard) a figure after the word is still a figure: "an option pool of 12", "12% pool and option b"
    assert read_terms("option pool 12 and option b", library.get("investor-term-sheet").issues, None, "") == {
        "option_pool": 12.0
    }


def test_a_figure_that_echoes_one_of_their_terms_takes_that_term_up(library):
    # from t156: "7 I can do." just after "Seven, not six" on deliveries was read as a 7-year lease
    issues = library.get("landlord-renewal").issues
    standing = {"monthly_rent": 4600.0, "lease_years": 5.0, "annual_increase": 3.0, "delivery_after": 7.0}
    context = "It's closer. Seven, not six. And 3 percent a year, because the roof needs doing."
    assert read_terms("7 I can do.", issues, standing, context) == {"delivery_after": 7.0}
    # (guard) a figure none of their terms has is read as before: "could we do 4?" after the same line
    assert "delivery_after" not in read_terms("could we do 4 years?", issues, standing, context)


@pytest.mark.parametrize(
    ("persona_id", "said", "line"),
    [
        (
            "landlord-renewal",
            "But there's the roof as well. It needs replacing within two years and the quote came to 38,000.",
            "38,000! ok so at 400 more a month thats 4,800 a year, so about 8 years to pay for the roof just from us.",
        ),
    ],
)
def test_a_sum_worked_out_aloud_is_not_agreed_to(library, persona_id, said, line):
    # from t156: the landlord said yes to "$5,400 a month, an 8-year lease": a sum said aloud, read as terms put
    # forward (and the vendor to "a design freeze 8 weeks…" for "that's up to 8 weeks lost from just those four")
    readings, decisions, _ = _talk(library.get(persona_id), "realistic", [line], said=(said,))
    assert not readings[0]["terms"] and decisions[0].move not in ("agree", "counter", "consider"), (
        readings[0]["parts"],
        decisions[0],
    )


def test_the_middle_put_forward_with_its_sum_is_still_an_offer(library):
    # (guard) "Splitting the difference is 4,600, which is 400 more a month, 4,800 more a year for you."
    line = "Splitting the difference is 4,600, which is 400 more a month, 4,800 more a year for you."
    readings, _, _ = _talk(library.get("landlord-renewal"), "realistic", [line])
    assert readings[0]["terms"].get("monthly_rent") == 4600.0, readings[0]["parts"]


@pytest.mark.parametrize(
    ("pick", "terms"),
    [
        ("B works if we keep net 30", {"price_per_kg": 15.8, "direct_debit": 1.0, "payment_days": 30.0}),
        ("ok the first one then", {"price_per_kg": 15.4, "payment_days": 30.0}),
        ("option 2 please", {"price_per_kg": 15.8, "direct_debit": 1.0}),
    ],
)
def test_one_of_your_own_options_picked_by_its_name_puts_it_forward(library, pick, terms):
    # found rehearsing freely: after "A: 15.40 net 30. B: 15.80 with direct debit", "B works if we keep net 30" named
    # only net 30, and the counter went back to 16.80 as if B had never been said
    persona = library.get("coffee-supplier")
    options = "ok two options. A: 15.40 net 30. B: 15.80 with direct debit. which one?"
    readings, _, _ = _talk(persona, "realistic", [options, pick])
    assert readings[1]["terms"] == terms, readings[1]["parts"]


def test_a_letter_that_is_no_option_name_picks_nothing(library):
    # (guard) "A 60-day trial like the dispatcher in 2021…" after two options, and a pick with no options before
    persona = library.get("coffee-supplier")
    options = "ok two options. A: 15.40 net 30. B: 15.80 with direct debit. which one?"
    readings, _, _ = _talk(persona, "realistic", [options, "A 12 month deal is what we want"])
    assert readings[1]["terms"] == {"term_months": 12.0}, readings[1]["parts"]
    readings, _, _ = _talk(persona, "realistic", ["B works if we keep net 30"])
    assert readings[0]["terms"] == {"payment_days": 30.0}, readings[0]["parts"]


def test_lettered_options_in_one_run_are_two_options(library):
    # found rehearsing freely: "ok so two options: A 76k now, B 74k now and 80k after 6 months" was one offer of 76k,
    # so "the second one then" picked nothing and was heard as a question about the team
    persona = library.get("manager-raise")
    line = "ok so two options: A 76k now, B 74k now and 80k after 6 months"
    readings, decisions, _ = _talk(persona, "realistic", [line, "the second one then"])
    assert readings[0].get("options") == [{"salary": 76000.0}, {"salary": 74000.0}], readings[0]["parts"]
    assert readings[1]["terms"] == {"salary": 74000.0}, readings[1]["parts"]


def test_either_or_packages_and_the_same_but_one_thing_are_options(library):
    # from t155: "either we do a 4 week design freeze and penalties come off the table, or we keep penalties but give
    # u a 3 month forecast. ur call" was one offer with both packages' terms in it; "option 2: same thing on 6 months"
    # was a 6-month term and nothing else
    persona = library.get("vendor-deadlines")
    line = (
        "right. so either we do a 4 week design freeze and penalties come off the table, or we keep penalties but "
        "give u a 3 month forecast. ur call"
    )
    readings, _, _ = _talk(persona, "realistic", [line])
    assert readings[0].get("options") == [
        {"design_freeze_weeks": 4.0, "penalty_clauses": 0.0},
        {"forecast_months": 3.0, "penalty_clauses": 1.0},
    ], readings[0]["parts"]
    assert readings[0]["parts"][-1]["act"] == "closed_question", readings[0]["parts"]
    line = "option 1: 20.4k, display out, 12 months. option 2: same thing on 6 months. which"
    readings, _, _ = _talk(library.get("client-discount"), "realistic", [line])
    first, second = readings[0]["options"]
    assert second == {**first, "term_months": 6.0}, readings[0]["parts"]


def test_your_next_step_once_the_terms_stand_is_not_put_right(library):
    # from t157: "k, drawings and forecast by Friday. thanks Dieter" just after Dieter's yes was read as a play-back
    # with a day he never said, and "put right" with a worry; "thank you. genuinely." was heard as a no
    persona = library.get("vendor-deadlines")
    proposal = {
        "design_freeze_weeks": 6.0,
        "forecast_months": 3.0,
        "quarterly_units": 4000.0,
        "penalty_clauses": 0.0,
        "single_contact": 1.0,
        "sept_confirmed": 1.0,
    }
    line = (
        "That I can work with. Six-week freeze, three-month forecast, four thousand a quarter, one contact, no "
        "penalties. I'll put the fifteenth of September in writing once the drawings arrive."
    )
    for said in (
        "k, drawings and forecast by Friday. thanks Dieter",
        "thank you. genuinely. drawings and forecast by friday",
    ):
        turns, ledger = _after_their_terms(persona, "what would work for you?", line, proposal)
        reading = read_turn(persona, ledger, said, [*turns, {"role": "user", "text": said}])
        decision, _ = decide(persona, "realistic", ledger, reading, 2)
        assert decision.move not in ("correct_summary", "counter", "hold_ground"), (
            reading["parts"],
            decision,
        )
        assert "reject" not in reading["acts"], reading["parts"]


def test_an_alternative_claimed_is_no_offer_and_the_loss_put_to_them_is_pressure(library):
    # from t157: "i can get 14.80 from bluebird roasters rn" was an offer of 14.80 ("What's in it for me?"); "so u
    # dont care if u lose us" a faithful play-back that warmed Tomás up
    persona = library.get("coffee-supplier")
    said = ("It's not a joke to me. Beans cost what they cost.",)
    readings, decisions, _ = _talk(
        persona, "realistic", ["i can get 14.80 from bluebird roasters rn"], said=said
    )
    assert not readings[0]["terms"] and decisions[0].move != "push_back_bare_ask", (
        readings[0]["parts"],
        decisions[0],
    )
    readings, decisions, _ = _talk(
        persona, "realistic", ["so u dont care if u lose us"], said=("Then get it from them.",)
    )
    assert readings[0]["acts"] == ["pressure"] and decisions[0].move == "push_back_pressure", decisions[0]
    # (guard) the same price put forward is still an offer
    readings, _, _ = _talk(persona, "realistic", ["can you do 14.80?"], said=said)
    assert readings[0]["terms"] == {"price_per_kg": 14.8}, readings[0]["parts"]


def test_ok_deal_after_a_question_about_dates_takes_their_counter(library):
    # found rehearsing freely: after Helen's counter and "when do you need this settled?", "ok deal" got "Right. Keep
    # going, I'm listening." and the rehearsal ended with no deal
    persona = library.get("client-discount")
    lines = [
        "whats behind the 20 percent?",
        "fine, 20,400 for 12 months",
        "when do you need this settled?",
        "ok deal",
    ]
    _, decisions, _ = _talk(persona, "realistic", lines, seed=3)
    assert decisions[1].move == "counter" and decisions[2].move == "answer_fact", decisions[:3]
    assert decisions[3].move == "agree", decisions[3]
    # (guard) "ok thanks" there is a thanks, not a yes
    _, decisions, _ = _talk(persona, "realistic", [*lines[:3], "ok thanks"], seed=3)
    assert decisions[3].move != "agree", decisions[3]


def test_a_share_worked_out_aloud_is_no_no(library):
    # found rehearsing freely: "15% of 24k is 3,600, so 20,400. thats the number?" was turned into a no to the terms
    readings, _, _ = _talk(
        library.get("client-discount"), "realistic", ["15% of 24k is 3,600, so 20,400. thats the number?"]
    )
    assert "reject" not in readings[0]["acts"] and not readings[0]["terms"], readings[0]["parts"]


def test_a_lone_letter_after_two_options_picks_one(library):
    # found rehearsing freely: after "option a 155 base and 15k signing. option b 160 base, no signing bonus", "b" got
    # "Sorry, what do you mean?"
    persona = library.get("candidate-offer")
    options = "so two options: option a 155 base and 15k signing. option b 160 base, no signing bonus"
    readings, _, _ = _talk(persona, "realistic", [options, "b"])
    assert readings[1]["terms"] == {"base_salary": 160000.0, "signing_bonus": 0.0}, readings[1]["parts"]
    # (guard) "b" with no options before it is still not understood
    readings, decisions, _ = _talk(persona, "realistic", ["b"])
    assert decisions[0].move == "clarify", decisions[0]


def test_a_figure_floated_with_its_sum_is_an_offer(library):
    # found rehearsing freely: "so if we went to 4,500 thats 300 more a month, 3,600 a year. would that help?" was read
    # as turning the rent down ("Possibly, dear.")
    said = (
        "Everything on the building has gone up. At $4,200 I'm barely breaking even on the ground floor.",
    )
    line = "so if we went to 4,500 thats 300 more a month, 3,600 a year. would that help?"
    readings, _, _ = _talk(library.get("landlord-renewal"), "realistic", [line], said=said)
    assert readings[0]["parts"][0]["act"] == "offer", readings[0]["parts"]
    assert readings[0]["terms"] == {"monthly_rent": 4500.0}, readings[0]["parts"]
