"""`parley doctor`: which voice backend is configured, whether it answers, and how fast; never prints the key."""

from __future__ import annotations

import time
from typing import TextIO

from simulator.llm import EmbeddedRuntime, LLMClient, LLMUnavailable
from simulator.redact import mask_url, strip_controls
from simulator.settings import Settings

PING = [
    {"role": "system", "content": "You are a helpful assistant. Answer in a few words."},
    {"role": "user", "content": "Say hello."},
]


def run_doctor(settings: Settings, stdout: TextIO) -> int:
    """Report the backend and try a short reply; 0 when the configured backend works, 1 with what to do if not."""

    def say(line: str) -> None:
        print(strip_controls(line), file=stdout)

    if not settings.llm_configured:
        say("Voice backend: authored lines (offline, no LLM configured).")
        say("Status: OK - works without a network or a model.")
        say(
            "To phrase replies with an LLM, set PARLEY_LLM_BASE_URL + PARLEY_LLM_MODEL, or PARLEY_GGUF (see .env.example)."
        )
        return 0

    runtime: EmbeddedRuntime | None = None
    if settings.gguf:
        say(f"Voice backend: local GGUF {settings.gguf} (embedded llama.cpp, {settings.llm_threads} threads)")
    else:
        say(f"Voice backend: OpenAI-compatible endpoint {_safe_url(settings.llm_base_url)}")
        say(f"Model: {settings.llm_model or '(not set: PARLEY_LLM_MODEL)'}")
        say(f"API key: {settings.api_key_status}")
    say(f"Deadline per reply: {settings.llm_timeout:g} s; LLM judge: {'on' if settings.llm_judge else 'off'}")
    try:
        started = time.monotonic()
        if settings.gguf:
            runtime = EmbeddedRuntime(settings.gguf, settings.llm_threads).start()
            say(f"Model loaded in {time.monotonic() - started:.1f} s at {runtime.base_url}")
        client = LLMClient.from_settings(settings, runtime)
        result = client.chat(PING, max_tokens=16, temperature=0)
    except Exception as exc:  # noqa: BLE001 - the doctor reports, it does not crash
        reason = exc.reason if isinstance(exc, LLMUnavailable) else f"unexpected error ({type(exc).__name__})"
        say(f"Status: NOT WORKING - {reason}.")
        say(f"What to do: {_advice(settings, reason)}")
        say("Until then every counterpart turn falls back to the authored line, so rehearsals still work.")
        return 1
    finally:
        if runtime is not None:
            runtime.close()
    first = f"{result.first_token_s:.2f} s to first token, " if result.first_token_s is not None else ""
    say(f"Status: OK - reachable; a short reply took {first}{result.total_s:.2f} s in all.")
    if not result.text.strip():
        say("Note: the reply was empty; check that the model name is a chat model.")
    return 0


def _advice(settings: Settings, reason: str) -> str:
    """One concrete next step for the most likely cause."""
    if settings.gguf:
        if "does not exist" in reason:
            return "point PARLEY_GGUF at an existing .gguf file."
        if "xllamacpp" in reason:
            return "install the local runtime: pip install 'parley[local]'."
        return "check the file is a chat GGUF that llama.cpp can load, or unset PARLEY_GGUF."
    if "plain http" in reason:
        return (
            "use an https:// URL in PARLEY_LLM_BASE_URL, or run the server on this machine; unset "
            "PARLEY_LLM_API_KEY (and any key in the URL) if the server needs none."
        )
    if "API key" in reason:
        return "set PARLEY_LLM_API_KEY (or OPENAI_API_KEY) to a valid key."
    if "404" in reason:
        return "check PARLEY_LLM_MODEL is served by the endpoint and PARLEY_LLM_BASE_URL ends in /v1."
    if "reached" in reason or "in time" in reason:
        return (
            f"start the server or fix PARLEY_LLM_BASE_URL ({_safe_url(settings.llm_base_url)}); "
            "raise PARLEY_LLM_TIMEOUT if the model is just slow."
        )
    return "check PARLEY_LLM_BASE_URL and PARLEY_LLM_MODEL, or unset them to use the authored voice."


def _safe_url(url: str) -> str:
    """The URL with any password, user:token@ part or key in its query masked (they are secrets)."""
    return mask_url(url)
