"""The parts the rehearsal service is made of: index rows with their own constructors, the session store that runs
the graph safely (recovery, the turn log, the index), views shaped from the graph's state, and `finish`."""

from __future__ import annotations

import pytest

import simulator.graph as graph_module
from simulator.graph import concern_progress
from simulator.ledger import concerns_meter, disclosed_concern_ids, new_ledger
from simulator.session_views import SessionView, TurnResult
from simulator.store import SessionLocked, SessionRow

QUESTIONS = [
    "Tell me about how things look from your side.",
    "What concerns you most about this?",
    "Can you tell me more about that?",
]


def _row(**changes) -> SessionRow:
    row = SessionRow.new(
        "coffee-supplier",
        "Tomás Reyes",
        "hard",
        seed=7,
        prep={"problem": "Cash"},
        mode="practice",
        owner="alice@example.com",
    )
    return SessionRow(**{**row.__dict__, **changes})


def test_a_new_row_is_an_active_session_with_no_turns_and_a_seed():
    row = SessionRow.new(
        "coffee-supplier", "Tomás Reyes", "easy", seed=None, prep={}, mode="assessment", owner="local"
    )
    assert (row.status, row.user_turns, row.outcome, row.parent_id, row.scores) == (
        "active",
        0,
        None,
        None,
        {},
    )
    assert 1 <= row.seed < 2**31 and len(row.id) == 12 and row.created_at == row.updated_at
    assert (
        SessionRow.new(
            "coffee-supplier",
            "T",
            "easy",
            seed=3,
            prep={},
            mode="practice",
            owner="local",
            session_id="fixed",
        ).id
        == "fixed"
    )


def test_a_branch_keeps_persona_seed_prep_and_owner_and_starts_before_the_turn():
    row = _row(user_turns=5, status="ended", outcome="agreement", overall=80, scores={"summaries": 60})
    branch = row.branch(3)
    assert branch.id != row.id and (branch.parent_id, branch.branch_from_turn, branch.user_turns) == (
        row.id,
        3,
        2,
    )
    assert (
        branch.persona_id,
        branch.persona_name,
        branch.difficulty,
        branch.seed,
        branch.prep,
        branch.mode,
        branch.owner,
    ) == (row.persona_id, row.persona_name, row.difficulty, row.seed, row.prep, row.mode, row.owner)
    assert (branch.status, branch.outcome, branch.overall, branch.scores) == ("active", None, None, {})


def test_a_row_survives_the_database_record():
    row = _row(scores={"summaries": 60}, overall=70)
    assert SessionRow.from_record(row.to_record()) == row


def test_the_state_carries_the_meter_and_the_disclosed_concerns(service):
    persona = service.library.get("coffee-supplier")
    sid = service.start("coffee-supplier", "easy", seed=4).session_id
    for text in QUESTIONS:
        service.reply(sid, text)
    values = service.session_store.values(sid)
    assert values["meter"] == concerns_meter(persona, values["ledger"])
    assert values["disclosed"] == disclosed_concern_ids(persona, values["ledger"]) and values["disclosed"]


def test_a_session_checkpointed_before_the_state_carried_the_meter_shows_the_same(service, monkeypatch):
    plain = service.start("coffee-supplier", "easy", seed=4).session_id
    for text in QUESTIONS:
        service.reply(plain, text)
    with monkeypatch.context() as patch:  # the nodes as they were: the ledger only
        patch.setattr(graph_module, "_with_ledger", lambda persona, ledger: {"ledger": ledger})
        old = service.start("coffee-supplier", "easy", seed=4).session_id
        for text in QUESTIONS:
            service.reply(old, text)
    assert "meter" not in service.session_store.values(old)
    before, now = service.view(old), service.view(plain)
    assert (before.meter, before.disclosed) == (now.meter, now.disclosed) and now.disclosed
    assert (
        service.reply(old, "What else concerns you?").meter
        == service.reply(plain, "What else concerns you?").meter
    )


def test_progress_of_a_state_without_a_ledger_is_nothing_uncovered(library):
    persona = library.get("coffee-supplier")
    meter, disclosed = concern_progress(persona, {})
    assert meter == concerns_meter(persona, new_ledger(persona)) and disclosed == []


def test_views_are_shaped_from_the_state_alone(library):
    persona = library.get("coffee-supplier")
    values = {
        "turns": [
            {"role": "counterpart", "text": "Hello.", "move": "open", "terms": {"price_per_kg": 16.8}},
            {"role": "user", "text": "How are things?"},
            {
                "role": "counterpart",
                "text": "Busy.",
                "move": "reveal",
                "disclosures": [{"item_id": "x"}],
                "source": "llm",
                "note": None,
            },
        ],
        "assessments": [{"moves": ["open_question"]}],
        "meter": {"concerns_disclosed": 1, "concerns_total": 5},
        "disclosed": ["green_costs"],
        "ledger": {"agreed": {"price_per_kg": 15.0}},
        "outcome": "agreement",
        "ended": True,
        "scorecard": {"overall": 9},
    }
    result = TurnResult.from_state("s1", persona, values, notice="truncated")
    assert (result.text, result.move, result.user_turn, result.user_moves, result.source) == (
        "Busy.",
        "reveal",
        1,
        ["open_question"],
        "llm",
    )
    assert (result.disclosed, result.meter, result.disclosures) == (
        ["green_costs"],
        values["meter"],
        [{"item_id": "x"}],
    )
    assert (result.agreed, result.terms, result.ended, result.notice) == (
        {"price_per_kg": 15.0},
        None,
        True,
        "truncated",
    )
    view = SessionView.from_state(_row(), persona, values, [])
    assert (view.turns, view.meter, view.disclosed, view.outcome, view.scorecard) == (
        values["turns"],
        values["meter"],
        ["green_costs"],
        "agreement",
        {"overall": 9},
    )
    assert TurnResult.from_state("s2", persona, {}).text == ""  # nothing said yet


def test_a_logged_turn_the_graph_never_ran_is_run_on_open_without_touching_the_index(service):
    sid = service.start("coffee-supplier", "realistic", seed=3).session_id
    service.store.log_user_turn(sid, 1, QUESTIONS[0])  # the process died right after the write-ahead
    row = service.store.get_session(sid)
    persona = service.library.get("coffee-supplier")
    with service.session_store.at_rest(row, persona) as values:
        assert [t["text"] for t in values["turns"] if t["role"] == "user"] == [QUESTIONS[0]]
        assert values["turns"][-1]["role"] == "counterpart"
    assert service.store.get_session(sid).user_turns == 0  # as before: the index catches up on the next turn
    assert service.store.logged_turn(sid, 1) == QUESTIONS[0] and service.store.logged_turn(sid, 2) is None


def test_a_turn_number_another_writer_took_is_never_overwritten(service):
    sid = service.start("coffee-supplier", "realistic", seed=3).session_id
    row = service.store.get_session(sid)
    persona = service.library.get("coffee-supplier")
    with service.session_store.at_rest(row, persona) as values:
        service.store.log_user_turn(sid, 1, "another window's turn")
        with pytest.raises(SessionLocked):
            service.session_store.take_turn(row, persona, values, QUESTIONS[0])
    assert service.store.logged_turns(sid) == [(1, "another window's turn")]


def test_the_state_before_a_turn_is_where_the_counterpart_waits_for_it(service):
    sid = service.start("coffee-supplier", "realistic", seed=3).session_id
    for text in QUESTIONS:
        service.reply(sid, text)
    before = service.session_store.before_turn(sid, 2)
    assert before is not None and [t["text"] for t in before["turns"] if t["role"] == "user"] == QUESTIONS[:1]
    assert before["turns"][-1]["role"] == "counterpart"
    assert service.session_store.before_turn(sid, 9) is None


def test_finish_ends_a_session_once_and_shows_it(service):
    sid = service.start("coffee-supplier", "realistic", seed=3).session_id
    service.reply(sid, QUESTIONS[1])
    view = service.finish(sid)
    assert (
        view.ended
        and view.scorecard is not None
        and view.row.status == "ended"
        and view.outcome == "no_agreement"
    )
    assert view.turns == service.view(sid).turns and view.meter == service.view(sid).meter
    stamped = service.store.get_session(sid).updated_at
    again = service.finish(sid)  # an ended session is shown as it is, not ended (or re-indexed) again
    assert again.scorecard == view.scorecard and service.store.get_session(sid).updated_at == stamped
    assert [e["action"] for e in service.store.audit_entries(owner="local")].count("view") == 1
