"""The rehearsal graph for LangGraph Server / Studio (langgraph.json): no checkpointer (the server brings one).

The run context is JSON there, so it names the persona and the voice is built from the server's settings:
pass `context={"persona_id": "coffee-supplier"}` on every run and every resume, as the app does in-process.

Ownership: langgraph.json names `simulator/server_auth.py:auth`, so the server stamps each thread with the
caller's owner ("local", or the signed-in person with PARLEY_AUTH=oidc) and serves a thread only to its owner.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from simulator.graph import build_graph
from simulator.personas import Persona, PersonaLibrary, load_library
from simulator.settings import load_settings
from simulator.voice import Voice, build_voice


@cache
def _library() -> PersonaLibrary:
    settings = load_settings()
    return load_library(settings.persona_dirs)


@cache
def _voice() -> Voice:
    return build_voice(load_settings())  # authored unless PARLEY_LLM_* / PARLEY_GGUF are set on the server


@dataclass
class ServerContext:
    """Per-run context built from JSON: the persona by id; the voice from the server's settings."""

    persona_id: str = "coffee-supplier"
    judge: Any = None
    on_token: Any = None

    @property
    def persona(self) -> Persona:
        """The persona named by persona_id."""
        return _library().get(self.persona_id)

    @property
    def voice(self) -> Voice:
        """The server's voice (built once, on first use)."""
        return _voice()


def initial_input(persona_id: str, difficulty: str = "realistic", seed: int = 1) -> dict[str, Any]:
    """The input that starts a session (what Rehearsals.start sends)."""
    return {"persona_id": persona_id, "difficulty": difficulty, "seed": seed, "prep": {}, "turns": [], "assessments": []}


graph = build_graph(None, context_schema=ServerContext)
