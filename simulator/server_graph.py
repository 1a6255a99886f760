"""The rehearsal graph for LangGraph Server / Studio (langgraph.json): no checkpointer (the server brings one).

Input (the graph's input schema, `simulator.graph.RehearsalInput`): `persona_id` is required, there is no default
persona, and a run without one fails at once with a message that says so. `difficulty`, `seed` and `prep` are
optional. The persona is kept in the thread's state, so a resume needs no context at all.

Context: the same `RunContext` every front end gets, made by the same factory (`simulator.run_context`): the voice
and the optional LLM judge from the server's own PARLEY_* settings (built once per server process), the persona
from the thread's state, looked up among the personas its owner may see. A JSON context is optional; clients
written for the first version may still send `{"persona_id": ...}`, which must then match the thread's persona.

Ownership: langgraph.json names `simulator/server_auth.py:auth`, so the server authenticates the caller, stamps
`owner` on the metadata of each thread and run it creates (the in-process service puts the same `owner` on its
checkpoints' metadata), and serves a thread only to its owner. The owner here is the authenticated user the server
hands the run ("local" with PARLEY_AUTH=none); in team mode someone else's private persona is "not found".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from langgraph.config import get_config
from langgraph.runtime import Runtime

from simulator.graph import RunContext, SessionState, build_graph, check_input
from simulator.persona_shelf import PersonaCatalog
from simulator.personas import load_library
from simulator.run_context import Engines, build_engines, run_context
from simulator.settings import Settings, load_settings
from simulator.store import LOCAL_OWNER, Store


@dataclass
class ServerContext:
    """The JSON context a run request may carry: nothing is needed. `persona_id`, if sent, must be the thread's."""

    persona_id: str | None = None


@cache
def _settings() -> Settings:
    return load_settings()


@cache
def _engines() -> Engines:
    return build_engines(_settings())  # authored voice, no judge, unless PARLEY_LLM_* / PARLEY_GGUF are set


@cache
def _catalog() -> PersonaCatalog:
    settings = _settings()
    # Team mode reads each person's own personas from the app's database (PARLEY_DATABASE_URL).
    store = Store(settings.resolved_database_url) if settings.auth == "oidc" else None
    return PersonaCatalog(settings, store, load_library(settings.persona_dirs))


def run_owner(runtime: Runtime[Any]) -> str:
    """Who the run is for: the user LangGraph Server authenticated (server_auth), else the `owner` on the run's
    metadata; "local" in single-user mode. Team mode with neither is refused."""
    user = getattr(runtime.server_info, "user", None) if runtime.server_info is not None else None
    identity = getattr(user, "identity", None)
    if not identity:
        try:
            identity = (get_config().get("metadata") or {}).get("owner")
        except RuntimeError:  # not inside a run
            identity = None
    if identity:
        return str(identity)
    if _settings().auth == "oidc":
        raise PermissionError("No signed-in owner for this run: send Authorization: Bearer <ID token>.")
    return LOCAL_OWNER


def resolve_context(given: Any, state: SessionState, runtime: Runtime[Any]) -> RunContext:
    """The RunContext for a server run: the thread's persona (as its owner may see it) and the server's engines."""
    start = check_input(state)  # a run without a persona stops here, with a message that says how to give one
    wanted = getattr(given, "persona_id", None) if given is not None else None
    if wanted and wanted != start.persona_id:
        raise ValueError(
            f"The context names persona '{wanted}' but this thread rehearses '{start.persona_id}'; "
            "start a new thread to rehearse with another persona."
        )
    catalog = _catalog()
    owner = run_owner(runtime)
    try:
        persona = catalog.visible(owner, catalog.owner_team(owner)).get(start.persona_id)
    except KeyError as exc:
        raise ValueError(str(exc.args[0])) from None
    return run_context(persona, _engines())


def initial_input(persona_id: str, difficulty: str = "realistic", seed: int = 1) -> dict[str, Any]:
    """The input that starts a session (what Rehearsals.start sends)."""
    return {"persona_id": persona_id, "difficulty": difficulty, "seed": seed, "prep": {}}


graph = build_graph(None, context_schema=ServerContext, resolve=resolve_context)
