"""Rehearsal sessions kept safe in the store: the rehearsal graph run over the checkpointer, one writer per session,
each user turn in the turn log before the graph runs, a session found half-way through a turn finished on open, and
the session index kept in step with the graph's state.

Who may open which session, and what a front end is shown of it, is the service's business (simulator/session.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

from langgraph.types import Command, StateSnapshot

from simulator.graph import END_SIGNAL, build_graph, user_turn_count
from simulator.personas import Persona
from simulator.run_context import Engines, run_context
from simulator.store import SessionLocked, SessionRow, Store

MAX_RECOVERY_STEPS = 200  # each step finishes a node or a logged turn; a session needs far fewer


class SessionStore:
    """The graph and the store together: start a session, take a turn, end it, branch it, and bring it to rest."""

    def __init__(self, store: Store, engines: Engines):
        self.store = store
        self.engines = engines
        self.graph = build_graph(store.checkpointer)

    @contextmanager
    def at_rest(
        self, row: SessionRow, persona: Persona, *, reading: bool = False
    ) -> Iterator[dict[str, Any]]:
        """Be the only writer of a session (across threads and processes: Store.lock_session) while it is at a
        resting point, and yield its state. SessionLocked when another writer kept it for longer than the wait.
        `reading` (view, ledger, transcript): a read-only database is still readable."""
        self.store.lock_session(row.id, reading=reading)
        try:
            yield self._recover(row, persona)
        finally:
            self.store.unlock_session(row.id)

    def open(
        self, row: SessionRow, persona: Persona, on_token: Callable[[str], None] | None = None
    ) -> dict[str, Any]:
        """Run a new session (already in the index) up to the counterpart's opening line; its state."""
        self._invoke(row, _initial_state(row), persona, on_token)
        return self.values(row.id)

    def take_turn(
        self,
        row: SessionRow,
        persona: Persona,
        at_rest: dict[str, Any],
        text: str,
        on_token: Callable[[str], None] | None = None,
    ) -> dict[str, Any]:
        """Inside at_rest: log the user's next turn, then run the graph on it; the state after it, in the index too.
        SessionLocked (nothing written) if another writer already logged a turn with that number."""
        if not self.store.log_user_turn(row.id, user_turn_count(at_rest) + 1, text):
            raise SessionLocked(row.id)  # never overwrite another writer's turn
        return self._resume(row, persona, text, on_token)

    def end(self, row: SessionRow, persona: Persona, at_rest: dict[str, Any]) -> dict[str, Any]:
        """Inside at_rest: end the session (the debrief computes the scorecard) unless it has ended; its final state,
        in the index too."""
        # An ended one is synced all the same: the index may not know yet (recovered from a crash in its debrief).
        if at_rest.get("ended"):
            self._sync_index(row, at_rest)
            return at_rest
        return self._resume(row, persona, END_SIGNAL)

    def before_turn(self, session_id: str, user_turn: int) -> dict[str, Any] | None:
        """The state a rewind to the user's turn `user_turn` starts from: the counterpart has spoken and waits for
        that turn. None when the history does not have it."""
        for snapshot in self.graph.get_state_history(_config(session_id)):
            turns = snapshot.values.get("turns", [])
            if (
                user_turn_count(snapshot.values) == user_turn - 1
                and snapshot.next == ("human",)
                and turns
                and turns[-1]["role"] == "counterpart"
            ):
                return dict(snapshot.values)
        return None

    def fork(self, row: SessionRow, branch: SessionRow, state: dict[str, Any]) -> None:
        """Store a branch of `row` (SessionRow.branch) whose graph starts at `state` (before_turn), with the user
        turns logged before it."""
        self.store.create_session(branch)
        self.store.copy_turn_log(row.id, branch.id, branch.user_turns)
        self.graph.update_state(
            {**_config(branch.id), "metadata": {"owner": branch.owner}}, state, as_node="voice"
        )

    def values(self, session_id: str) -> dict[str, Any]:
        """A session's state as last checkpointed (empty before it starts)."""
        return self._snapshot(session_id).values

    # -- running the graph --------------------------------------------------------------------------------
    def _resume(
        self, row: SessionRow, persona: Persona, answer: str, on_token: Callable[[str], None] | None = None
    ) -> dict[str, Any]:
        self._invoke(row, Command(resume=answer), persona, on_token)
        values = self.values(row.id)
        self._sync_index(row, values)
        return values

    def _recover(self, row: SessionRow, persona: Persona) -> dict[str, Any]:
        """Bring a session to a resting point (finish a half-run turn, apply logged turns the graph lacks); its state."""
        for _ in range(MAX_RECOVERY_STEPS):  # bounded: each pass makes progress or stops
            snapshot = self._snapshot(row.id)
            values = snapshot.values or {}
            if not values:
                self._invoke(row, _initial_state(row), persona)
                continue
            if not snapshot.next and not snapshot.tasks:
                return values  # the graph has finished
            # A task with saved writes but no checkpoint after it (killed before the checkpoint write) shows as
            # next=() with that task pending: it is not at rest, running on applies its writes.
            waiting = any(task.interrupts for task in snapshot.tasks)
            if not waiting:
                self._invoke(row, None, persona)
                continue
            pending = self.store.logged_turn(row.id, user_turn_count(values) + 1)
            if pending is None:
                return values
            self._invoke(row, Command(resume=pending), persona)
        raise RuntimeError(f"session {row.id} did not reach a resting point")

    def _invoke(
        self, row: SessionRow, payload: Any, persona: Persona, on_token: Callable[[str], None] | None = None
    ) -> None:
        # The owner rides on every checkpoint's metadata, as LangGraph Server stamps it on its threads (server_auth).
        config = {**_config(row.id), "metadata": {"owner": row.owner}}
        context = run_context(persona, self.engines, on_token)
        try:
            self.graph.invoke(payload, config, context=context, durability="sync")
        except Exception as exc:  # the checkpointer's database errors get the same plain words as the index's
            self._reraise(exc)

    def _snapshot(self, session_id: str) -> StateSnapshot:
        try:
            return self.graph.get_state(_config(session_id))
        except Exception as exc:
            self._reraise(exc)

    def _reraise(self, exc: Exception) -> NoReturn:
        error = self.store.explain(exc)
        if error is None:
            raise exc
        raise error from None

    def _sync_index(self, row: SessionRow, values: dict[str, Any]) -> None:
        scorecard = values.get("scorecard")
        fields: dict[str, Any] = {
            "user_turns": user_turn_count(values),
            "status": "ended" if values.get("ended") else "active",
            "outcome": values.get("outcome"),
        }
        if scorecard:
            fields["overall"] = scorecard.get("overall")
            fields["scores"] = {d["key"]: d.get("score") for d in scorecard.get("dimensions", [])}
        self.store.update_session(row.id, **fields)
        if values.get("ended"):  # ended, or closed on a deal: the assignment it was started from is done
            self.store.finish_assignments_up(row)


def _config(session_id: str) -> dict[str, Any]:
    return {"configurable": {"thread_id": session_id}}


def _initial_state(row: SessionRow) -> dict[str, Any]:
    return {
        "persona_id": row.persona_id,
        "difficulty": row.difficulty,
        "seed": row.seed,
        "prep": row.prep,
        "turns": [],
        "assessments": [],
    }
