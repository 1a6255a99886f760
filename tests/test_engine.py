"""The rehearsal engine end to end: turns saved first, sessions resumed in a new process, rewinds kept as branches."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from simulator.session import InputError, Rehearsals, SessionNotFound, clean_user_text

PARLEY = [sys.executable, "-m", "simulator.cli"]
SKILLED_OPENING = [
    "Tell me about how things look from your side.",
    "What concerns you most about this?",
    "Can you tell me more about that?",
]


def _env(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PARLEY_", "OPENAI_"))}
    env["PARLEY_DATA_DIR"] = str(tmp_path / "data")
    return env


@pytest.mark.subprocess
def test_a_session_survives_a_new_process(tmp_path):
    env = _env(tmp_path)
    first = subprocess.run(
        [*PARLEY, "chat", "--persona", "coffee-supplier", "--jsonl", "--seed", "4"],
        input="\n".join(SKILLED_OPENING[:2]) + "\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert first.returncode == 0, first.stderr
    session_id = json.loads(first.stdout.splitlines()[0])["session_id"]
    # The first run ended its session at end of input; a branch of it continues in a second process.
    from simulator.settings import Settings

    service = Rehearsals(Settings(_env_file=None, data_dir=tmp_path / "data"))
    try:
        view = service.view(session_id)
        assert [t["text"] for t in view.turns if t["role"] == "user"] == SKILLED_OPENING[:2]
        assert view.ended and view.scorecard is not None
    finally:
        service.close()


@pytest.mark.subprocess
def test_resume_by_session_id_keeps_every_turn(tmp_path, settings):
    service = Rehearsals(settings)
    opening = service.start("coffee-supplier", seed=2)
    service.reply(opening.session_id, SKILLED_OPENING[0])
    service.close()
    # A different process picks the session up by id and carries on.
    env = _env(tmp_path)
    env["PARLEY_DATA_DIR"] = str(settings.data_dir)
    second = subprocess.run(
        [*PARLEY, "chat", "--session", opening.session_id, "--jsonl"],
        input=SKILLED_OPENING[1] + "\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert second.returncode == 0, second.stderr
    lines = [json.loads(x) for x in second.stdout.splitlines()]
    assert lines[0]["resumed"] is True and lines[0]["session_id"] == opening.session_id
    assert lines[1]["user_moves"] == ["open_question"]
    reopened = Rehearsals(settings)
    try:
        users = [t["text"] for t in reopened.view(opening.session_id).turns if t["role"] == "user"]
        assert users == SKILLED_OPENING[:2]
    finally:
        reopened.close()


@pytest.mark.slow
def test_a_turn_logged_but_not_run_is_applied_on_open(settings):
    """A crash between saving the turn and running the graph: the turn is applied when the session is opened."""
    service = Rehearsals(settings)
    opening = service.start("coffee-supplier", seed=2)
    service.store.log_user_turn(opening.session_id, 1, "What concerns you most about this?")
    service.close()
    reopened = Rehearsals(settings)
    try:
        view = reopened.view(opening.session_id)
        assert [t["text"] for t in view.turns if t["role"] == "user"] == [
            "What concerns you most about this?"
        ]
        assert view.turns[-1]["move"] == "raise_concern"
    finally:
        reopened.close()


def test_rewind_branches_and_keeps_both(service):
    opening = service.start("coffee-supplier", seed=3)
    sid = opening.session_id
    for text in ["Is this your final price?", "Can you do better?", "What concerns you most about this?"]:
        service.reply(sid, text)
    branch = service.rewind(sid, 1, "Tell me about how things look from your side.")
    assert branch.session_id != sid
    original = service.view(sid)
    forked = service.view(branch.session_id)
    assert [t["text"] for t in original.turns if t["role"] == "user"][0] == "Is this your final price?"
    assert [t["text"] for t in forked.turns if t["role"] == "user"] == [
        "Tell me about how things look from your side."
    ]
    assert forked.turns[0]["text"] == original.turns[0]["text"]  # same opening line before the fork
    assert forked.row.parent_id == sid and forked.row.branch_from_turn == 1
    assert [b.id for b in original.branches] == [branch.session_id]
    # The branch carries on independently.
    service.reply(branch.session_id, "What concerns you most about this?")
    assert len([t for t in service.view(sid).turns if t["role"] == "user"]) == 3


def test_rewind_to_a_turn_that_does_not_exist_says_so(service):
    sid = service.start("coffee-supplier", seed=3).session_id
    service.reply(sid, "Hello there.")
    with pytest.raises(InputError, match="turns 1 to 1"):
        service.rewind(sid, 5, "Anything")


def test_empty_and_unknown_input_get_clear_messages(service):
    sid = service.start("coffee-supplier", seed=1).session_id
    with pytest.raises(InputError, match="empty"):
        service.reply(sid, "   \n\t ")
    with pytest.raises(SessionNotFound, match="No session 'nope'"):
        service.reply("nope", "hello")
    with pytest.raises(InputError, match="no persona 'nobody'"):
        service.start("nobody")
    assert [t for t in service.view(sid).turns if t["role"] == "user"] == []


def test_long_and_dirty_text_is_cleaned_with_a_notice():
    text, notice = clean_user_text("a\x00b\x07c" + "x" * 5000, 100)
    assert "\x00" not in text and "\x07" not in text and len(text) == 100
    assert notice and "only the first 100" in notice


@pytest.mark.subprocess
def test_jsonl_contract_and_seed_reproducibility(tmp_path):
    turns = SKILLED_OPENING + ["", "Give me 20 percent off or I'm walking."]

    def run():
        env = _env(tmp_path)
        done = subprocess.run(
            [*PARLEY, "chat", "--persona", "coffee-supplier", "--jsonl", "--seed", "11"],
            input="\n".join(turns) + "\n",
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
        )
        assert done.returncode == 0, done.stderr
        return [json.loads(line) for line in done.stdout.splitlines()]

    out = run()
    opening, *per_turn, final = out
    assert opening["turn"] == 0 and opening["text"]
    replies = [o for o in per_turn if "error" not in o]
    errors = [o for o in per_turn if "error" in o]
    assert len(replies) == 4 and len(errors) == 1 and errors[0]["line"] == 4
    for obj in replies:
        assert {"text", "move", "user_moves", "disclosed"} <= obj.keys()
    assert replies[1]["move"] == "raise_concern" and replies[1]["disclosed"]
    assert final["outcome"] in ("agreement", "no_agreement", "walked_away")
    assert {c["id"] for c in final["concerns"]} and all("disclosed" in c for c in final["concerns"])
    assert final["session_id"] == opening["session_id"] and final["scorecard"]["overall"] is not None
    again = run()
    assert [o.get("text") for o in again[:-1]] == [o.get("text") for o in out[:-1]]


@pytest.mark.subprocess
def test_export_then_score_round_trip(tmp_path, settings):
    service = Rehearsals(settings)
    sid = service.start("coffee-supplier", seed=1).session_id
    for text in SKILLED_OPENING:
        service.reply(sid, text)
    service.end(sid)
    service.close()
    env = _env(tmp_path)
    env["PARLEY_DATA_DIR"] = str(settings.data_dir)
    exported = subprocess.run(
        [*PARLEY, "export", sid, "--format", "json", "-o", str(tmp_path / "t.json")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert exported.returncode == 0, exported.stderr
    scored = subprocess.run(
        [*PARLEY, "score", str(tmp_path / "t.json"), "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert scored.returncode == 0, scored.stderr
    assert (
        json.loads(scored.stdout)["overall"]
        == json.loads((tmp_path / "t.json").read_text())["scorecard"]["overall"]
    )
    markdown = subprocess.run([*PARLEY, "export", sid], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert "## Conversation" in markdown.stdout and "open question" in markdown.stdout


def _explored(service):
    """A coffee-supplier session where every key concern has been drawn out (by the skilled learner's questions)."""
    from evals.learners import SkilledLearner

    persona = service.library.get("coffee-supplier")
    learner = SkilledLearner(persona)
    last = service.start("coffee-supplier", "realistic", seed=5)
    while learner.phase == "explore" and not last.ended:
        last = service.reply(last.session_id, learner.next_turn(last))
    assert {c.id for c in persona.concerns if c.key} <= set(last.disclosed)
    return last.session_id


@pytest.mark.parametrize(
    ("ask", "why"),
    [
        ("Give me $14.80 a kilo on net 30.", "a low demand that answers nothing"),
        (
            "I'm asking for $15.60 a kilo, which takes care of your costs, your payments and your volume worries.",
            "one number and their topics named: the rest of the deal is still open",
        ),
        (
            "I'm asking for $15.60 a kilo, so that you can keep my business.",
            "benefit words on a partial offer",
        ),
    ],
)
def test_a_yes_cannot_be_gamed(service, ask, why):
    sid = _explored(service)
    result = service.reply(sid, ask)
    assert result.outcome != "agreement", why
    assert result.move in ("counter", "consider", "push_back_bare_ask"), why
    assert result.terms is None or result.move != "agree"


def test_an_offer_that_answers_their_concerns_gets_a_yes_that_states_the_terms(service):
    sid = _explored(service)
    result = service.reply(
        sid,
        "Here's what I'm asking for: $15.60 a kilo on a 12-month agreement, payment by direct "
        "debit on net 15 before the 1st, and a standing order of 55 kilos a week, so your loan "
        "repayment is covered and you can plan your roasting.",
    )
    assert result.outcome == "agreement" and result.move == "agree"
    assert result.agreed["price_per_kg"] == 15.6 and result.agreed["weekly_volume"] == 55
    assert "$15.60 a kilo" in result.text and "55 kilos a week" in result.text


def test_accepting_its_own_counter_closes_the_deal_on_those_terms(service):
    sid = _explored(service)
    first = service.reply(sid, "Could you do $15.00 a kilo with a standing order of 45 kilos a week?")
    assert first.move == "push_back_bare_ask"  # nothing in it for them, said once
    countered = service.reply(sid, "Could you do $15.00 a kilo with a standing order of 45 kilos a week?")
    assert countered.move == "counter" and countered.terms
    assert (
        countered.terms["price_per_kg"] >= 15.0 and countered.terms["weekly_volume"] >= 45
    )  # never less than offered
    done = service.reply(sid, "ok, that works for me. deal")
    assert done.outcome == "agreement" and done.agreed == countered.terms


def test_preparation_answers_must_be_text(service):
    with pytest.raises(InputError, match="'problem' must be text"):
        service.start("coffee-supplier", prep={"problem": {"nested": ["not", "text"]}})
    result = service.start("coffee-supplier", prep={"problem": "Cash for January", "feelings": "Nervous"})
    assert service.view(result.session_id).row.prep["problem"] == "Cash for January"


@pytest.mark.subprocess
def test_chat_takes_prep_answers_from_a_file(tmp_path):
    prep = tmp_path / "prep.yaml"
    prep.write_text(
        "problem: Keep my coffee cost under $15.60 a kilo\nneeds: Payment terms I can meet in January\n"
    )
    env = _env(tmp_path)
    done = subprocess.run(
        [*PARLEY, "chat", "--persona", "coffee-supplier", "--jsonl", "--prep", str(prep)],
        input="What concerns you most about the price and payment terms?\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    final = json.loads(done.stdout.splitlines()[-1])
    alignment = next(d for d in final["scorecard"]["dimensions"] if d["key"] == "alignment")
    assert alignment["score"] is not None  # the debrief used the prep (it is "n/a" without one)
    bad = tmp_path / "bad.yaml"
    bad.write_text("mood: fine\n")
    refused = subprocess.run(
        [*PARLEY, "chat", "--persona", "coffee-supplier", "--jsonl", "--prep", str(bad)],
        input="",
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert (
        refused.returncode == 2
        and "unknown keys ['mood']" in refused.stderr
        and "Traceback" not in refused.stderr
    )


@pytest.mark.subprocess
def test_terminal_practice_mode_coaches_and_assessment_mode_does_not(tmp_path):
    env = _env(tmp_path)
    turns = "Is this your final price?\n/end\n"
    practice = subprocess.run(
        [*PARLEY, "chat", "--persona", "coffee-supplier", "--seed", "1"],
        input=turns,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert "(coach: that was a closed question." in practice.stdout
    assert (
        "Your side:" in practice.stdout and "Overall:" in practice.stdout
    )  # the brief first, the scorecard last
    assessment = subprocess.run(
        [*PARLEY, "chat", "--persona", "coffee-supplier", "--seed", "1", "--mode", "assessment"],
        input=turns,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert "coach:" not in assessment.stdout and "Overall:" in assessment.stdout
