"""The one place a rehearsal's run context is made, for every front end: the app and the CLI (through
`Rehearsals`), the evaluation scripts, and the LangGraph server graph (simulator/server_graph.py).

Two steps, so the expensive part happens once per process and the cheap part once per run:

* `build_engines(settings)`: the voice and the optional LLM judge the settings ask for (the authored voice and no
  judge by default; one embedded model shared by both when PARLEY_GGUF is set).
* `run_context(persona, engines, on_token)`: the `RunContext` the graph's nodes read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulator.graph import RunContext
from simulator.personas import Persona
from simulator.settings import Settings
from simulator.voice import AuthoredVoice, Voice

if TYPE_CHECKING:
    from simulator.evaluation import Judge


@dataclass(frozen=True)
class Engines:
    """What turns decisions into words (the voice) and gives the scorecard a second opinion (the judge, or None)."""

    voice: Voice
    judge: Judge | None = None
    judge_status: str = (
        "off"  # what the Settings page reports: on, off, or why the judge asked for did not load
    )


def build_engines(settings: Settings, *, voice: Voice | None = None, with_judge: bool = True) -> Engines:
    """The voice and judge the settings ask for; pass `voice` to use your own, `with_judge=False` for no judge."""
    if voice is None:
        if settings.llm_configured:
            from simulator.voice import build_voice

            voice = build_voice(settings)
        else:
            voice = AuthoredVoice()
    if not (with_judge and settings.llm_judge):
        return Engines(voice=voice)
    from simulator.judge import load_judge  # the LLM client: imported only when a judge is asked for

    # One embedded model for both roles: the judge borrows the voice's runtime instead of starting another.
    runtime = getattr(voice, "runtime", None) if settings.llm_configured else None
    judge, status = load_judge(settings, runtime=runtime)
    return Engines(voice=voice, judge=judge, judge_status=status)


def run_context(
    persona: Persona, engines: Engines, on_token: Callable[[str], None] | None = None
) -> RunContext:
    """The context for one run of the rehearsal graph (pass it on every invoke, resumes included)."""
    return RunContext(persona=persona, voice=engines.voice, judge=engines.judge, on_token=on_token)
