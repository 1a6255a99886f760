"""Naming how it feels for the other side (found in t154, typed the way people typed it): a feeling named right is
taken as being understood, in words that fit; a strong feeling they never showed is put right."""

from __future__ import annotations

import pytest

from simulator.lines import variants_for
from tests.test_free_typing import _talk

SAID = (
    "I have to tell you, I offered one year because I honestly don't know what I'm doing with the building yet.",
)


@pytest.mark.parametrize(
    "line",
    [
        "that sounds really stressful",
        "I can hear the last few months have been rough",
        "must be awkward to be in the middle of all that",
        "i hear u, u feel like you're stuck in the middle",
    ],
)
def test_a_feeling_named_is_taken_as_being_understood(library, line):
    # "I can hear the last few months have been rough" got "Yes, I hear you. Carry on."; "that sounds really
    # stressful" got "That's right. It's nice to be listened to." (a confirmation of words it never said)
    persona = library.get("landlord-renewal")
    _, decisions, _ = _talk(persona, "realistic", [line], said=SAID, concerns={"lease_term": 1})
    assert decisions[0].move == "feel_heard", decisions[0]
    assert not {"Yes, that's right.", "That's it."} & set(variants_for(persona, "feel_heard"))


def test_a_feeling_named_before_a_question_is_acknowledged_as_one(library):
    persona = library.get("landlord-renewal")
    line = "that sounds really stressful. what would help most with the bank?"
    _, decisions, _ = _talk(persona, "realistic", [line], said=SAID, concerns={"lease_term": 1})
    before = [b["move"] for b in decisions[0].before]
    assert "ack_feeling" in before and "ack_summary" not in before, decisions[0]


@pytest.mark.parametrize(
    ("persona_id", "said", "line"),
    [
        (
            "cofounder-equity",
            "When we pitch, the investors talk to you and hardly look at me. The cap table is the only record of "
            "what I've contributed.",
            "so basically ur a bit jealous that investors focus on me?",
        ),
        (
            "vendor-deadlines",
            "Then tell your CEO about the customer who did that to us in 2021. Every date met, and money lost doing "
            "it, because the only way was overtime.",
            "wow ok, sounds like ur really bitter about that",
        ),
        (
            "neighbour-extension",
            "Not one person thought to ask me, you know. I read about it on a notice tied to the lamp post.",
            "omg thats terrible, u must have been absolutely devastated",
        ),
    ],
)
def test_a_strong_feeling_they_never_showed_is_put_right(library, persona_id, said, line):
    # these warmed it up ("Yes, that's exactly it"), and "u must have been devastated" was heard as an order ("you
    # must"): "I don't care for that tone"
    _, decisions, _ = _talk(library.get(persona_id), "realistic", [line], said=(said,))
    assert decisions[0].move == "correct_summary", decisions[0]


def test_a_strong_feeling_they_did_show_is_no_misreading(library):
    # (guard) "Bitter? I am bitter." then "sounds like ur really bitter about that" plays it back
    said = ("Bitter? I am bitter. Every date met on that contract, and money lost doing it.",)
    _, decisions, _ = _talk(
        library.get("vendor-deadlines"), "realistic", ["sounds like ur really bitter about that"], said=said
    )
    assert decisions[0].move != "correct_summary", decisions[0]


def test_a_lot_to_juggle_is_a_feeling_named(library):
    # found rehearsing freely: "that sounds like a lot to juggle honestly" after Aisha's worry got "Understood. What
    # else?"
    persona = library.get("candidate-offer")
    said = (
        "To be open with you, I need to not come out of this move poorer than if I had stayed until June.",
    )
    _, decisions, _ = _talk(persona, "realistic", ["that sounds like a lot to juggle honestly"], said=said)
    assert decisions[0].move == "feel_heard", decisions[0]


def test_a_correction_says_what_was_said_without_the_words_that_led_into_it(tmp_path):
    # found rehearsing freely: "No, no. And while we're at it, you sent 4 engineering change orders…" (the line it was
    # said in had opened "That's right. And while we're at it, …")
    from simulator.session import Rehearsals
    from simulator.settings import Settings

    service = Rehearsals(Settings(_env_file=None, data_dir=tmp_path / "data"))
    try:
        sid = service.start("vendor-deadlines", "realistic", seed=4).session_id
        replies = [
            service.reply(sid, line)
            for line in (
                "dieter, 3 late shipments in a row. this cant keep happening",
                "why do they keep slipping?",
                "so every change we make pushes us to the back of the queue. that sounds maddening for your floor too",
                "ok so 2 weeks per change x 4 changes = 8 weeks lost. thats on us partly",
            )
        ]
    finally:
        service.close()
    assert replies[2].move == "warm_up" and replies[3].move == "correct_summary", [r.move for r in replies]
    said = replies[3].text.split(". ", 1)[1]  # after "No, no."
    assert not said.lower().startswith("and "), replies[3].text
    assert said[:1].isupper() and said.lower() in replies[2].text.lower(), (replies[2].text, replies[3].text)
