"""Guardrails: each check passes a good reply and names the problem in a bad one."""

from __future__ import annotations

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
)

PERSONA = sample_persona()
SURFACE = PERSONA.concerns[0].surface  # "Late payments have hurt us this year."
HIDDEN = PERSONA.concerns[0].layers[0]  # the bank covenant review in March


def request(move: str = "raise_concern", content: str = SURFACE, history=(), withheld=(HIDDEN,), released=()):
    return VoiceRequest(persona=PERSONA, difficulty="realistic", move=move, content=content,
                        authored=f"Here is the thing: {content}" if content else "Let us keep talking.",
                        history=tuple(history), withheld=tuple(withheld), released=tuple(released))


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
    for bad in ("As an AI language model, I cannot negotiate.", "*smiles warmly* Late payments hurt.",
                "(laughs) Late payments hurt us.", "User: what now?", "Sure.\nAssistant: late payments",
                "Convey this, in your own words: late payments.", "A line you could say: late payments hurt"):
        assert check_in_character(bad) is not None, bad
    assert check_in_character(GOOD) is None


def test_withheld_concern_text_must_not_leak():
    leak = "Honestly our bank covenant review is coming and it worries me."
    assert "not yet disclosed" in check_withheld(leak, request())
    paraphrase = "Late payments hurt, and the covenant with the bank gets reviewed in March; a late quarter breaches."
    assert check_withheld(paraphrase, request()) is not None
    # Once released, the same words are fine.
    assert check_withheld(leak, request(released=(HIDDEN,), withheld=())) is None


def test_only_the_policy_agrees():
    assert "agreed" in check_no_agreement("Fine, you have a deal.", request(move="deflect_closed", content=""))
    assert check_no_agreement("Then we agree: 4 percent.", request(move="agree", content="4 percent")) is None


def test_repeats_within_the_reply_and_from_earlier_turns():
    assert "repeated a sentence" in check_repeats("I'm in. I'm in. Sure.", request())
    assert "loop" in check_repeats("the thing is the thing is the thing is that", request())
    earlier = request(history=[("counterpart", "Late payments have hurt us this year."), ("user", "Why?")])
    assert "earlier line" in check_repeats("Late payments have hurt us this year.", earlier)
