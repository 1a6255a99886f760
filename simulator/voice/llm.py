"""The LLM voice: phrases the policy's move in the persona's voice, guarded, falling back to the authored line."""

from __future__ import annotations

import logging
import re
import time

from simulator.llm import ChatModel, EmbeddedRuntime, LLMUnavailable
from simulator.voice.base import TokenCallback, VoiceReply, VoiceRequest
from simulator.voice.guardrails import MAX_CHARS, STOP_SEQUENCES, check_reply, clean
from simulator.voice.prompts import build_messages

log = logging.getLogger("parley.voice")
_CHUNK = re.compile(r"\S+\s*")


class LLMVoice:
    """Never raises: any failure, or a reply the guardrails reject, becomes the authored line plus a reason."""

    def __init__(
        self,
        client: ChatModel | None,
        *,
        runtime: EmbeddedRuntime | None = None,
        unavailable_reason: str | None = None,
        max_tokens: int = 64,  # three short spoken sentences; more is rambling, and costs time on CPU
        temperature: float = 0.7,
        max_chars: int = MAX_CHARS,
    ):
        self.client = client
        self.name = f"llm:{client.model}" if client else "llm:unavailable"
        self._runtime = runtime  # owned: closed with the voice
        self._unavailable = unavailable_reason or ("no model is configured" if client is None else None)
        self.max_tokens = max_tokens
        self.temperature = temperature
        self.max_chars = max_chars

    def __repr__(self) -> str:
        return f"LLMVoice(name={self.name!r}, client={self.client!r})"

    def say(self, request: VoiceRequest, on_token: TokenCallback | None = None) -> VoiceReply:
        """Phrase the move; the user sees only text that passed every guardrail, or the authored line."""
        started = time.monotonic()
        timings: dict[str, float] = {}
        try:
            if self.client is None:
                return self._fallback(
                    request, on_token, f"the model was unavailable: {self._unavailable}", started, timings
                )
            # Tokens are buffered, not forwarded: guardrails need the whole reply before anything is shown.
            result = self.client.chat(
                build_messages(request),
                max_tokens=self.max_tokens,
                temperature=self.temperature,
                stop=STOP_SEQUENCES[:4],
            )
            if result.first_token_s is not None:
                timings["first_token_s"] = result.first_token_s
            text = clean(result.text)
            reason = check_reply(text, request, self.max_chars)
            if reason:
                return self._fallback(
                    request, on_token, f"the model's reply was not used: {reason}", started, timings
                )
        except LLMUnavailable as exc:
            return self._fallback(request, on_token, exc.reason, started, timings)
        except Exception as exc:  # noqa: BLE001 - a turn must never be lost to a bug in the LLM path
            log.exception("LLM voice failed")
            return self._fallback(
                request,
                on_token,
                f"the LLM voice failed unexpectedly ({type(exc).__name__})",
                started,
                timings,
            )
        _emit(text, on_token)
        timings["total_s"] = time.monotonic() - started
        return VoiceReply(text=text, source=self.name, timings=timings)

    def _fallback(
        self,
        request: VoiceRequest,
        on_token: TokenCallback | None,
        reason: str,
        started: float,
        timings: dict[str, float],
    ) -> VoiceReply:
        log.info("voice fell back to the authored line: %s", reason)
        _emit(request.authored, on_token)
        timings["total_s"] = time.monotonic() - started
        return VoiceReply(text=request.authored, source="authored", fallback_reason=reason, timings=timings)

    @property
    def runtime(self) -> EmbeddedRuntime | None:
        """The embedded runtime this voice owns (share it with build_judge), or None."""
        return self._runtime

    def close(self) -> None:
        """Stop the embedded runtime this voice owns, if any."""
        if self._runtime is not None:
            self._runtime.close()
            self._runtime = None

    def __enter__(self) -> LLMVoice:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _emit(text: str, on_token: TokenCallback | None) -> None:
    """Hand approved text to the UI word by word, so it still appears as a stream."""
    if on_token is None:
        return
    try:
        for piece in _CHUNK.findall(text) or [text]:
            on_token(piece)
    except Exception:  # noqa: BLE001 - a broken UI callback must not lose the turn
        log.exception("token callback failed")
