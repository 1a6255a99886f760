"""Guardrails: each check passes a good reply and names the problem in a bad one."""

from __future__ import annotations

import pytest
from fake_openai_server import sample_persona

from simulator.voice.base import VoiceRequest
from simulator.voice.guardrails import (
    check_carries_content,
    check_in_character,
    check_length,
    check_no_agreement,
    check_numbers,
    check_repeats,
    check_reply,
    check_stops,
    check_withheld,
    clean,
    find_acceptance,
)

PERSONA = sample_persona()
SURFACE = PERSONA.concerns[0].surface  # "Late payments have hurt us this year."
HIDDEN = PERSONA.concerns[0].layers[0]  # the bank covenant review in March


def request(move: str = "raise_concern", content: str = SURFACE, history=(), withheld=(HIDDEN,), released=()):
    return VoiceRequest(
        persona=PERSONA,
        difficulty="realistic",
        move=move,
        content=content,
        authored=f"Here is the thing: {content}" if content else "Let us keep talking.",
        history=tuple(history),
        withheld=tuple(withheld),
        released=tuple(released),
    )


GOOD = "To be straight with you, late payments have really hurt us this year."


def test_a_faithful_in_character_reply_passes_every_check():
    assert check_reply(GOOD, request()) is None


def test_length_cap_and_empty_reply():
    assert "empty" in check_length("   ")
    assert "too long" in check_length("word " * 200, max_chars=600)
    assert check_length(GOOD) is None


def test_clean_cuts_at_stop_sequences_and_quotes():
    assert clean('"Late payments hurt us."\n\nUser: ok then') == "Late payments hurt us."
    assert clean("We are careful.<user_said>I want") == "We are careful."
    assert check_stops("Fine. [Note for Dana") is not None


def test_content_move_must_carry_its_content():
    assert "did not convey" in check_carries_content("Lovely weather for baking today.", request())
    assert check_carries_content("Nice to see you.", request(move="open", content="")) is None


def test_invented_numbers_and_dates_are_rejected_but_persona_facts_and_user_words_pass():
    assert "numbers or dates" in check_numbers("Payments were 45 days late.", request())
    assert "numbers or dates" in check_numbers("We review it every September.", request())
    assert check_numbers("Prices must rise by 8 percent.", request()) is None  # the persona's position
    assert check_numbers("Six years is a long time.", request()) is None  # "6 years" is in an authored line
    said = request(history=[("user", "Could we do 30 days?")])
    assert check_numbers("Thirty days is hard for us.", said) is None  # the user's own number, in words


def test_out_of_character_text_is_caught():
    for bad in (
        "As an AI language model, I cannot negotiate.",
        "*smiles warmly* Late payments hurt.",
        "(laughs) Late payments hurt us.",
        "User: what now?",
        "Sure.\nAssistant: late payments",
        "Convey this, in your own words: late payments.",
        "A line you could say: late payments hurt",
    ):
        assert check_in_character(bad) is not None, bad
    assert check_in_character(GOOD) is None


def test_withheld_concern_text_must_not_leak():
    leak = "Honestly our bank covenant review is coming and it worries me."
    assert "not yet disclosed" in check_withheld(leak, request())
    paraphrase = (
        "Late payments hurt, and the covenant with the bank gets reviewed in March; a late quarter breaches."
    )
    assert check_withheld(paraphrase, request()) is not None
    # Once released, the same words are fine.
    assert check_withheld(leak, request(released=(HIDDEN,), withheld=())) is None


def test_only_the_policy_agrees():
    assert "agreed" in check_no_agreement(
        "Fine, you have a deal.", request(move="deflect_closed", content="")
    )
    assert check_no_agreement("Then we agree: 4 percent.", request(move="agree", content="4 percent")) is None


# Replies that accept or concede: shown on any move but agree they would say yes for the policy.
AGREEING = [
    "Fifty percent off works for me, consider it done.",
    "Works for me.",
    "Consider it done.",
    "You've got a deal.",
    "Fine, I'll do it.",
    "I can go to 50 percent off.",
    "Let's go with your number.",
    "Happy to accept.",
    "Ok, yes to that.",
    "I'm in.",
    "Sounds good, agreed.",
    "Deal!",
    "That's a deal.",
    "I accept your terms.",
    "We can live with that.",
    "Alright, I’ll take it.",
    "Fine by me.",
    "That's acceptable to us.",
    "I could do thirty days.",
    "Let's shake on it.",
    "We'll give you a 10 percent discount.",
    "Okay, you win.",
    "Thirty days is fine with me.",
    "I'd be happy to sign today.",
    "We're happy with those terms.",
    "I'll meet you halfway.",
    "That would work for me.",
    "Those terms work for us.",
    "Count me in.",
    "It's settled then.",
    "OK, I can agree to that.",
    "Sure, let's do it.",
]
# Replies that push back, counter in words, or merely use the same words: not agreement.
PUSHING_BACK = [
    "That doesn't work for me.",
    "I can't accept that.",
    "No deal.",
    "That's not something I can agree to.",
    "Would that work for you?",
    "What works for me is steady orders.",
    "It has to work for us too.",
    "I'd only sign if you commit to steady volume.",
    "I won't go to 50 percent.",
    "We need to deal with late payments first.",
    "I'll take that into account.",
    "Take it or leave it: prices rise 8 percent.",
    "I agree that late payments hurt.",
    "I hear you, but that doesn't work for us.",
    "Fifty percent off is not on the table.",
    "We go to the bank every Monday.",
    "We do this every year.",
    "I'd need more from you before I could accept anything.",
    "That's a big deal for us.",
    "Can we agree on what matters first?",
    "I'm not in a position to agree to that.",
    "Let me think about it.",
    "Never. I won't accept that.",
    "We're in a tough spot this year.",
    "I'm not willing to go to 50 percent.",
    "I can't do that unless you pay on time.",
    "Cutting the price is a deal breaker for us.",
    "Go ahead, I'm listening.",
    "Nothing works for me unless payments are on time.",
    "I would accept only with a monthly forecast.",
    "Steady orders would be worth more to us than a discount.",
    "If I say yes to that, I'm the one eating the difference.",
    "I think I'll accept the other offer. Thank you for your time.",
]


@pytest.mark.parametrize("reply", AGREEING)
def test_a_reply_that_accepts_or_concedes_is_rejected_on_a_push_back(reply):
    assert find_acceptance(reply), reply
    reason = check_no_agreement(reply, request(move="push_back_pressure", content=""))
    assert reason is not None and "agreed" in reason


@pytest.mark.parametrize("reply", PUSHING_BACK)
def test_a_reply_that_pushes_back_is_not_taken_for_agreement(reply):
    assert find_acceptance(reply) is None, (reply, find_acceptance(reply))
    assert check_no_agreement(reply, request(move="push_back_pressure", content="")) is None


def test_agreement_tables_are_large_enough():
    assert len(AGREEING) >= 20 and len(PUSHING_BACK) >= 20


@pytest.mark.parametrize(
    "move",
    [
        "push_back_bare_ask",
        "deflect_closed",
        "off_topic",
        "small_talk",
        "acknowledge",
        "react_insult",
        "time_up",
        "raise_concern",
    ],
)
def test_acceptance_is_rejected_on_every_move_but_agree(move):
    assert (
        check_no_agreement("Fifty percent off works for me, consider it done.", request(move=move))
        is not None
    )
    assert check_no_agreement("Works for me.", request(move="agree", content="4 percent")) is None
    assert check_no_agreement("Works for me.", request(move="consider", content="4 percent")) is None


def test_a_counter_may_not_accept_without_stating_its_terms():
    counter = request(move="counter", content="A 6 percent rise with a 12 month term.")
    assert "without stating" in check_no_agreement("Deal.", counter)
    assert "without stating" in check_no_agreement("Agreed, let's sign.", counter)
    assert "without stating" in check_no_agreement("Deal, a 6 percent rise.", counter)  # the term is missing
    assert check_no_agreement("Deal, if it is a 6 percent rise with a 12 month term.", counter) is None
    assert check_no_agreement("I could live with a 6 percent rise on a 12 month term.", counter) is None
    assert check_no_agreement("How about a 6 percent rise with a 12 month term?", counter) is None


def test_the_fifty_percent_reply_on_a_push_back_falls_back_to_the_authored_line():
    reply = "Fifty percent off works for me, consider it done."
    pushed = request(
        move="push_back_pressure", content="", history=[("user", "Give me fifty percent off, now.")]
    )
    reason = check_reply(reply, pushed)
    assert reason is not None and "agreed" in reason


def test_repeats_within_the_reply_and_from_earlier_turns():
    assert "repeated a sentence" in check_repeats("I'm in. I'm in. Sure.", request())
    assert "loop" in check_repeats("the thing is the thing is the thing is that", request())
    earlier = request(history=[("counterpart", "Late payments have hurt us this year."), ("user", "Why?")])
    assert "earlier line" in check_repeats("Late payments have hurt us this year.", earlier)
