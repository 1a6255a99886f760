"""Voices that phrase the counterpart's moves: authored lines (default) or an LLM with guardrails."""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.voice.authored import AuthoredVoice
from simulator.voice.base import TokenCallback, Voice, VoiceReply, VoiceRequest

if TYPE_CHECKING:
    from simulator.llm import EmbeddedRuntime
    from simulator.settings import Settings

__all__ = ["AuthoredVoice", "TokenCallback", "Voice", "VoiceReply", "VoiceRequest", "build_voice"]


def build_voice(settings: Settings, runtime: EmbeddedRuntime | None = None) -> Voice:
    """The authored voice when no LLM is configured, else an LLMVoice; never raises.

    With PARLEY_GGUF and no `runtime`, the voice starts and owns the embedded server: call its close() at exit
    (Rehearsals.close does). A runtime passed in stays the caller's to close. If the model cannot start, the voice
    still works: every turn falls back to the authored line with the reason recorded.
    """
    if not settings.llm_configured and runtime is None:
        return AuthoredVoice()
    from simulator.llm import EmbeddedRuntime, LLMClient, LLMUnavailable
    from simulator.voice.llm import LLMVoice

    owned = None
    try:
        if runtime is None and settings.gguf:
            owned = runtime = EmbeddedRuntime(settings.gguf, settings.llm_threads).start()
        client = LLMClient.from_settings(settings, runtime)
    except LLMUnavailable as exc:
        return LLMVoice(None, unavailable_reason=exc.reason)
    except Exception as exc:  # noqa: BLE001 - a misconfigured model must not stop the rehearsal
        return LLMVoice(None, unavailable_reason=f"the model could not be set up ({type(exc).__name__})")
    return LLMVoice(client, runtime=owned)
