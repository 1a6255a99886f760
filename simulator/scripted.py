"""A model you script, like simonw/llm's MockModel: queue replies and the voice, the judge and the builder's draft
get them in order, with no server, no network and no waiting. Tests of the graph and the app use it; the fake
HTTP server (tests/fake_openai_server.py) stays for what only a transport shows (retries, deadlines, headers).

    model = ScriptedModel().enqueue("Frankly, cash is tight.", LLMUnavailable("it did not answer in time"))
    voice = scripted_voice("Frankly, cash is tight.")  # an LLMVoice over a ScriptedModel: guardrails still run
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from simulator.llm import ChatResult, LLMUnavailable, Message
from simulator.voice.llm import LLMVoice

T = TypeVar("T", bound=BaseModel)
Scripted = str | LLMUnavailable  # a reply's text, or the failure to raise in its place


class ScriptedModel:
    """Answers each request with the next queued reply (then `default`, or LLMUnavailable when there is none) and
    records every request. A `ChatModel`, so it goes wherever an `LLMClient` does."""

    def __init__(self, *replies: Scripted, default: Scripted | None = None, model: str = "scripted"):
        self.model = model
        self.default = default
        self.script: deque[Scripted] = deque(replies)
        self.requests: list[dict[str, Any]] = []

    def __repr__(self) -> str:
        return f"ScriptedModel(model={self.model!r}, queued={len(self.script)})"

    def enqueue(self, *replies: Scripted) -> ScriptedModel:
        """Queue the next replies, in order: text to answer with, or an LLMUnavailable to raise."""
        self.script.extend(replies)
        return self

    @property
    def count(self) -> int:
        """Requests answered (or refused) so far."""
        return len(self.requests)

    def _next(self, request: dict[str, Any]) -> str:
        self.requests.append(request)
        answer = self.script.popleft() if self.script else self.default
        if answer is None:
            raise LLMUnavailable("the scripted model has no reply queued")
        if isinstance(answer, LLMUnavailable):
            raise answer
        return answer

    def chat(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int = 160,
        temperature: float = 0.7,
        stop: Sequence[str] | None = None,
        on_token: Callable[[str], None] | None = None,
        timeout: float | None = None,
    ) -> ChatResult:
        """The next reply, as LLMClient.chat returns one (streamed to `on_token` in one piece)."""
        request = {"messages": list(messages), "max_tokens": max_tokens, "temperature": temperature}
        text = self._next(request | {"stop": list(stop or [])})
        if on_token is not None:
            on_token(text)
        return ChatResult(text=text, model=self.model, first_token_s=0.0, total_s=0.0, attempts=1)

    def structured(
        self,
        messages: Sequence[Message],
        schema: type[T],
        *,
        max_tokens: int = 400,
        timeout: float | None = None,
    ) -> T:
        """The next reply parsed into `schema`; a reply that does not fit raises LLMUnavailable, as a real one does."""
        text = self._next({"messages": list(messages), "max_tokens": max_tokens, "schema": schema.__name__})
        try:
            return schema.model_validate_json(text)
        except ValidationError:
            raise LLMUnavailable("it sent a reply that did not match the expected format") from None


def scripted_voice(*replies: Scripted, default: Scripted | None = None, model: str = "scripted") -> LLMVoice:
    """An LLM voice over a ScriptedModel (its `client`): each counterpart line is the next queued reply, checked by
    the same guardrails as a real model's and falling back to the authored line the same way."""
    return LLMVoice(ScriptedModel(*replies, default=default, model=model))
