"""The counterpart's decisions as tables: what each kind of user turn earns, at each difficulty."""

from __future__ import annotations

import pytest

from simulator import ledger as L
from simulator.policy import decide, opening


@pytest.fixture
def persona(library):
    return library.get("coffee-supplier")


def turn(primary="other", **extra):
    moves = [] if primary == "other" else [primary]
    return {"moves": moves, "primary": primary, "window": None, "tell_me_more": False, "is_ask": False,
            "bare_ask": False, "pressure": False, "topic": None, "empty": False, **extra}


def play(persona, difficulty, *assessments, seed=1):
    ledger = L.new_ledger(persona)
    decision = None
    for a in assessments:
        decision, ledger = decide(persona, difficulty, ledger, a, seed)
    return decision, ledger


WINDOW_CASES = [
    # (assessment, expected move, what must be disclosed)
    (turn("open_question", window="concerns"), "raise_concern", "a concern's surface"),
    (turn("open_question", window="tell_me_about"), "reveal", "goal"),
    (turn("open_question", window="needs"), "reveal", "need"),
    (turn("open_question", window="past"), "reveal", "past"),
    (turn("open_question", window="first_step"), "reveal", "first_step"),
]


@pytest.mark.parametrize(("assessment", "move", "what"), WINDOW_CASES, ids=[c[2] for c in WINDOW_CASES])
def test_each_window_question_unlocks_its_layer(persona, assessment, move, what):
    decision, ledger = play(persona, "realistic", assessment)
    assert decision.move == move
    assert decision.disclosures, "a window question must disclose something"
    item = decision.disclosures[0].item_id
    if what == "a concern's surface":
        assert item == persona.concerns[0].id and decision.disclosures[0].layer == 0
    elif what == "need":
        assert item.startswith("need:")
    elif what == "past":
        assert item.startswith("past:")
    else:
        assert item == what


def test_tell_me_more_goes_one_layer_deeper_on_the_current_topic(persona):
    first = persona.concerns[0]
    decision, ledger = play(persona, "realistic", turn("open_question", window="concerns"),
                            turn("open_question", tell_me_more=True))
    assert decision.move == "reveal"
    assert [(d.item_id, d.layer) for d in decision.disclosures] == [(first.id, 1)]
    assert decision.content == first.layers[0]


def test_closed_questions_disclose_nothing_on_realistic(persona):
    decision, ledger = play(persona, "realistic", *[turn("closed_question", topic=persona.concerns[1].id)] * 3)
    assert decision.move == "deflect_closed"
    assert L.disclosed_concern_ids(persona, ledger) == []


def test_closed_question_on_a_topic_states_only_its_surface_on_easy(persona):
    topic = persona.concerns[1].id
    decision, ledger = play(persona, "easy", turn("closed_question", topic=topic))
    assert decision.move == "raise_concern"
    assert ledger["concerns"][topic] == 1  # surface only, no hidden layer


def test_deepest_layer_needs_rapport(persona):
    concern = persona.concerns[0]
    deepest = L.layers_total(concern)
    ledger = L.new_ledger(persona)
    ledger["concerns"][concern.id] = deepest - 1
    ledger["topic"] = concern.id
    ledger["rapport"] = -3  # after a run of pushing, the real reason stays hidden
    decision, cold = decide(persona, "realistic", ledger, turn("open_question", tell_me_more=True), 1)
    assert cold["concerns"][concern.id] == deepest - 1
    assert concern.layers[-1] not in decision.content
    ledger["rapport"] = 2
    decision, warm = decide(persona, "realistic", ledger, turn("open_question", tell_me_more=True), 1)
    assert warm["concerns"][concern.id] == deepest
    assert decision.content == concern.layers[-1]


def test_easy_opens_two_layers_per_question_hard_one(persona):
    concern = persona.concerns[0]
    script = (turn("open_question", window="concerns"), turn("open_question", tell_me_more=True))
    _, easy = play(persona, "easy", *script)
    _, hard = play(persona, "hard", *script)
    assert easy["concerns"][concern.id] == 3
    assert hard["concerns"][concern.id] == 2


def test_faithful_summary_warms_up_and_reveals_more_unfaithful_one_is_corrected(persona):
    concern = persona.concerns[0]
    start = (turn("open_question", window="concerns"),)
    warm, warm_ledger = play(persona, "realistic", *start,
                             turn("summary", summary={"faithful": True, "covered": [concern.id], "invented": []}))
    assert warm.move == "warm_up" and warm.disclosures
    assert warm_ledger["rapport"] > 1
    wrong, wrong_ledger = play(persona, "realistic", *start,
                               turn("summary", summary={"faithful": False, "covered": [concern.id], "invented": ["$9"]}))
    assert wrong.move == "correct_summary" and not wrong.disclosures
    assert concern.surface in wrong.content
    assert wrong_ledger["rapport"] < warm_ledger["rapport"]


ASK_CASES = [
    ("premature", turn("benefit_ask", is_ask=True, ask={"benefit": True, "addressed": []}), False, "push_back_premature"),
    ("bare", turn("other", is_ask=True, bare_ask=True, ask={"benefit": False, "addressed": []}), True, "push_back_bare_ask"),
    ("answers nothing", turn("benefit_ask", is_ask=True, ask={"benefit": True, "addressed": []}), True, "counter"),
]


@pytest.mark.parametrize(("name", "ask", "after_concerns", "move"), ASK_CASES, ids=[c[0] for c in ASK_CASES])
def test_asks_that_do_not_answer_concerns_get_no_yes(persona, name, ask, after_concerns, move):
    before = [turn("open_question", window="concerns")] if after_concerns else []
    decision, ledger = play(persona, "realistic", *before, ask)
    assert decision.move == move
    assert decision.outcome is None


def _explore_all(persona):
    turns = []
    for _ in persona.concerns:
        turns += [turn("open_question", window="concerns"), turn("open_question", tell_me_more=True)]
    return turns


@pytest.mark.parametrize(("difficulty", "answered", "expected"), [
    ("easy", 1, "agree"), ("realistic", 1, "consider"), ("realistic", 2, "agree"),
    ("hard", 2, "consider"), ("hard", 3, "agree"),
])
def test_agreement_needs_enough_disclosed_key_concerns_answered(persona, difficulty, answered, expected):
    key_ids = [c.id for c in persona.concerns if c.key][:answered]
    ask = turn("benefit_ask", is_ask=True, ask={"benefit": True, "addressed": key_ids})
    decision, ledger = play(persona, difficulty, *_explore_all(persona), ask)
    assert decision.move == expected
    assert (decision.outcome == "agreement") == (expected == "agree")


def test_an_ask_answering_undisclosed_concerns_does_not_count(persona):
    key_ids = [c.id for c in persona.concerns if c.key]
    ask = turn("benefit_ask", is_ask=True, ask={"benefit": True, "addressed": key_ids})
    decision, _ = play(persona, "realistic", turn("open_question", window="concerns"), ask)
    assert decision.outcome is None  # only one concern is known: answering unknown ones is luck, not a deal


@pytest.mark.parametrize(("difficulty", "pushes"), [("easy", 5), ("realistic", 3), ("hard", 1)])
def test_sustained_pressure_ends_in_walk_away(persona, difficulty, pushes):
    pressure = turn("other", pressure=True)
    decision, ledger = play(persona, difficulty, *[pressure] * pushes)
    assert decision.move == "walk_away" and decision.outcome == "walked_away"
    if pushes > 1:
        before, _ = play(persona, difficulty, *[pressure] * (pushes - 1))
        assert before.move == "push_back_pressure" and before.outcome is None


def test_turn_limit_ends_without_agreement(persona):
    limit = persona.profile("realistic").max_turns
    decision, _ = play(persona, "realistic", *[turn("other")] * limit)
    assert decision.move == "time_up" and decision.outcome == "no_agreement"


def test_same_seed_same_session_different_seed_different_lines(persona):
    script = [turn("open_question", window="concerns"), turn("closed_question"), turn("open_question", tell_me_more=True)]
    a = [decide(persona, "realistic", L.new_ledger(persona), s, 5)[0].authored for s in script]
    b = [decide(persona, "realistic", L.new_ledger(persona), s, 5)[0].authored for s in script]
    assert a == b
    lines = {opening(persona, L.new_ledger(persona), seed)[0].authored for seed in range(12)}
    assert len(lines) > 1


def test_the_policy_does_not_change_the_ledger_it_was_given(persona):
    ledger = L.new_ledger(persona)
    snapshot = repr(ledger)
    decide(persona, "realistic", ledger, turn("open_question", window="concerns"), 1)
    assert repr(ledger) == snapshot


def test_lines_do_not_repeat_while_variants_remain(persona):
    ledger = L.new_ledger(persona)
    said = []
    for _ in range(len(persona.lines["deflect_closed"])):
        decision, ledger = decide(persona, "easy", ledger, turn("closed_question"), 3)
        said.append(decision.authored)
    assert len(set(said)) == len(said)


def test_a_greeting_gets_a_greeting_not_a_rebuke(persona):
    decision, ledger = play(persona, "realistic", turn("other", greeting=True))
    assert decision.move == "open"
    assert ledger["pressure"] == 0 and ledger["rapport"] == 0


def test_a_greeting_is_recognised_only_when_that_is_all_it_is():
    from simulator.assess import assess_turn
    from simulator.personas import load_library
    from simulator.settings import BUILTIN_PERSONA_DIR

    persona = load_library([BUILTIN_PERSONA_DIR]).get("coffee-supplier")
    ledger = L.new_ledger(persona)
    assert assess_turn(persona, ledger, "Hello! Thanks for meeting me.", [])["greeting"]
    assert not assess_turn(persona, ledger, "Hi, what concerns you about the renewal?", [])["greeting"]
    assert not assess_turn(persona, ledger, "Hello, give me 20% off.", [])["greeting"]
