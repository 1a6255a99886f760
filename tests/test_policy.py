"""The counterpart's decisions as tables, driven by what a person types: each turn is read, then answered."""

from __future__ import annotations

import pytest

from simulator import ledger as L
from simulator.policy import decide, opening
from simulator.reading import read_turn


@pytest.fixture
def persona(library):
    return library.get("coffee-supplier")


class Talk:
    """A conversation with the counterpart, one typed turn at a time (the reading is made as the app makes it)."""

    def __init__(self, persona, difficulty="realistic", seed=1):
        self.persona, self.difficulty, self.seed = persona, difficulty, seed
        self.ledger = L.new_ledger(persona)
        self.turns: list[dict] = [{"role": "counterpart", "text": "So, you got my email.", "disclosures": []}]
        self.decision = None
        self.reading: dict = {}

    def say(self, text: str):
        self.reading = read_turn(self.persona, self.ledger, text, self.turns)
        self.decision, self.ledger = decide(
            self.persona, self.difficulty, self.ledger, self.reading, self.seed
        )
        self.turns += [
            {"role": "user", "text": text},
            {
                "role": "counterpart",
                "text": self.decision.authored,
                "terms": self.decision.terms,
                "disclosures": [d.model_dump() for d in self.decision.disclosures],
            },
        ]
        return self.decision

    def items(self) -> list[tuple[str, int]]:
        return [(d.item_id, d.layer) for d in self.decision.disclosures]


WINDOW_CASES = [
    ("What worries you most about the renewal?", "raise_concern", "concern"),
    ("Tell me about how things look from your side.", "reveal", "goal"),
    ("What do you need to make this work?", "reveal", "need"),
    ("What has worked for you before with other cafés?", "reveal", "past"),
    ("What would a good first step look like?", "reveal", "first_step"),
]


@pytest.mark.parametrize(("text", "move", "what"), WINDOW_CASES, ids=[c[2] for c in WINDOW_CASES])
def test_each_window_question_opens_its_window(persona, text, move, what):
    talk = Talk(persona)
    decision = talk.say(text)
    assert decision.move == move
    item = decision.disclosures[0].item_id
    if what == "concern":
        assert item == persona.concerns[0].id and decision.disclosures[0].layer == 0
    elif what in ("need", "past"):
        assert item.startswith(what + ":")
    else:
        assert item == what


def test_a_question_about_a_topic_gets_that_concern_not_the_next_in_the_queue(persona):
    talk = Talk(persona)
    decision = talk.say("how have the invoices been landing on your side? be honest")
    assert talk.items() == [("late_payments", 0)]
    decision = talk.say("And the machine, how's the servicing going for you?")
    assert decision.move == "raise_concern" and talk.items() == [("machine_service", 0)]


def test_tell_me_more_goes_one_layer_deeper_on_what_was_just_said(persona):
    talk = Talk(persona)
    talk.say("What worries you most about the renewal?")
    decision = talk.say("Can you tell me more about that?")
    assert decision.move == "reveal" and talk.items() == [(persona.concerns[0].id, 1)]


def test_asking_the_same_question_again_gets_a_recap_and_nothing_new(persona):
    talk = Talk(persona)
    talk.say("What worries you most about the price going up?")
    disclosed = dict(talk.ledger["concerns"])
    decision = talk.say("What worries you most about the price going up?")
    assert decision.move == "recap" and not decision.disclosures
    assert talk.ledger["concerns"] == disclosed
    assert persona.concerns[0].surface.lower() in decision.authored.lower()


def test_closed_questions_disclose_nothing_on_realistic_and_a_surface_on_easy(persona):
    realistic = Talk(persona)
    for text in ("Is the price final?", "Are the invoices a problem?", "Is it the volume?"):
        decision = realistic.say(text)
    assert decision.move == "deflect_closed" and L.disclosed_concern_ids(persona, realistic.ledger) == []
    easy = Talk(persona, "easy")
    easy.say("Are the late invoices a problem for you?")
    assert easy.ledger["concerns"]["late_payments"] == 1  # its surface, no hidden layer


def test_the_deepest_layer_waits_for_rapport(persona):
    concern = persona.concerns[0]
    talk = Talk(persona)
    talk.ledger["concerns"][concern.id] = L.layers_total(concern) - 1
    talk.ledger["topic"] = concern.id
    talk.ledger["rapport"] = -3
    decision = talk.say("Can you tell me more about that?")
    assert decision.move == "not_yet" and concern.layers[-1] not in decision.authored
    talk.ledger["rapport"] = 3
    decision = talk.say("Please, tell me more about that.")
    assert decision.move == "reveal" and concern.layers[-1] in decision.authored


def test_easy_opens_two_layers_per_question_hard_one(persona):
    levels = {}
    for difficulty in ("easy", "hard"):
        talk = Talk(persona, difficulty)
        talk.say("What worries you most about the renewal?")
        talk.say("Can you tell me more about that?")
        levels[difficulty] = talk.ledger["concerns"][persona.concerns[0].id]
    assert levels == {"easy": 3, "hard": 2}


def test_a_faithful_summary_in_other_words_warms_up_an_invented_number_is_corrected(persona):
    talk = Talk(persona)
    talk.say("What worries you most about the renewal?")
    talk.say("Can you tell me more about that?")
    warm = talk.say("so ur importer put ur contract price up something like 30% before freight, right?")
    assert warm.move == "warm_up" and warm.disclosures
    wrong_talk = Talk(persona)
    wrong_talk.say("What worries you most about the renewal?")
    wrong_talk.say("Can you tell me more about that?")
    wrong = wrong_talk.say("So your importer put your price up by 50 percent?")
    assert wrong.move == "correct_summary" and not wrong.disclosures
    assert "30 percent" in wrong.authored  # it names what it actually said
    assert wrong_talk.ledger["rapport"] < talk.ledger["rapport"]


def test_a_restated_constraint_is_a_summary_never_an_ultimatum(persona):
    talk = Talk(persona)
    talk.ledger["concerns"]["green_costs"] = 3
    talk.turns.append(
        {
            "role": "counterpart",
            "disclosures": [],
            "text": (
                "What really scares me is March. I have to commit to the whole Brazil lot for the year then."
            ),
        }
    )
    decision = talk.say("So you have to commit to the Brazil lot in March, before you know what we'll pay.")
    assert talk.reading["acts"] == ["summary"] and not talk.reading["pressure"]
    assert decision.move == "warm_up" and talk.ledger["pressure"] == 0


def test_a_summary_then_a_question_is_acknowledged_then_answered(persona):
    talk = Talk(persona)
    talk.say("What worries you most about the renewal?")
    decision = talk.say(
        "So green coffee went up a lot this year. How have our invoices been landing on your side?"
    )
    assert decision.before and decision.before[0]["move"] == "ack_summary"
    assert decision.move == "raise_concern" and talk.items() == [("late_payments", 0)]


def test_factual_questions_get_facts_or_a_polite_no(persona):
    talk = Talk(persona)
    assert talk.say("how many people work here?").move == "answer_fact"
    assert "part-time" in talk.decision.authored
    assert talk.say("What do other cafés pay you?").move == "decline_fact"
    assert L.disclosed_concern_ids(persona, talk.ledger) == []


def test_off_script_turns_get_in_character_replies_and_reveal_nothing(persona):
    talk = Talk(persona)
    assert talk.say("Lovely weather today, isn't it? Traffic was awful though.").move == "small_talk"
    assert talk.say("asdfghjkl").move == "clarify"
    assert talk.say("¿Podemos hablar del precio, por favor?").move == "other_language"
    assert L.disclosed_concern_ids(persona, talk.ledger) == []


def test_one_rude_turn_costs_rapport_but_is_not_a_walk_out_on_easy(persona):
    talk = Talk(persona, "easy")
    decision = talk.say("You're a greedy muppet, Tomás.")
    assert decision.move == "react_insult" and decision.outcome is None
    assert talk.ledger["rapport"] < 0


@pytest.mark.parametrize(("difficulty", "pushes"), [("easy", 6), ("realistic", 4), ("hard", 3)])
def test_sustained_pressure_ends_in_walk_away(persona, difficulty, pushes):
    talk = Talk(persona, difficulty)
    for n in range(pushes):
        decision = talk.say(
            "Take it or leave it, or I'm walking." if n % 2 else "Give me a better price or I'm out."
        )
        if n < pushes - 1:
            assert decision.move == "push_back_pressure" and decision.outcome is None
    assert decision.move == "walk_away" and decision.outcome == "walked_away"


def test_turn_limit_ends_without_agreement(persona):
    talk = Talk(persona)
    for _ in range(persona.profile("realistic").max_turns):
        decision = talk.say("ok")
    assert decision.move == "time_up" and decision.outcome == "no_agreement"


def test_same_seed_same_session_different_seed_different_lines(persona):
    script = ["What worries you about the renewal?", "Is it final?", "Tell me more about that."]
    runs = []
    for _ in range(2):
        talk = Talk(persona, seed=5)
        runs.append([talk.say(text).authored for text in script])
    assert runs[0] == runs[1]
    lines = {opening(persona, L.new_ledger(persona), seed)[0].authored for seed in range(12)}
    assert len(lines) > 1


def test_the_policy_does_not_change_the_ledger_it_was_given(persona):
    ledger = L.new_ledger(persona)
    snapshot = repr(ledger)
    reading = read_turn(persona, ledger, "What worries you about the renewal?", [])
    decide(persona, "realistic", ledger, reading, 1)
    assert repr(ledger) == snapshot


def test_lines_do_not_repeat_while_variants_remain(persona):
    talk = Talk(persona)
    said = [
        talk.say(text).authored
        for text in (
            "Is it final?",
            "Is that fixed?",
            "Will it change?",
            "Are you sure?",
            "Is that fair?",
            "Is it firm?",
        )
    ]
    assert len(set(said)) == len(said)


def test_a_greeting_gets_small_talk_not_a_rebuke(persona):
    talk = Talk(persona)
    decision = talk.say("Hello! Thanks for meeting me.")
    assert decision.move == "small_talk" and talk.ledger["pressure"] == 0 and talk.ledger["rapport"] == 0
    assert talk.say("Hi, what concerns you about the renewal?").move == "raise_concern"
