"""A scriptable fake OpenAI-compatible server (stdlib, loopback, free port) and a sample persona for LLM tests."""

from __future__ import annotations

import json
import socket
import threading
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from simulator.personas import CONTENT_MOVES, COUNTERPART_MOVES, Persona
from simulator.voice.base import VoiceRequest


@dataclass
class Action:
    """What the server does for one request: reply | status | hang | malformed | empty | drop | stall."""

    kind: str = "reply"
    text: str = "Fine."
    status: int = 200
    seconds: float = 5.0  # for hang / stall


def reply(text: str) -> Action:
    """Answer normally (JSON, or SSE when the request asked to stream)."""
    return Action("reply", text)


def status(code: int) -> Action:
    """Answer with an HTTP error status and an OpenAI-style error body."""
    return Action("status", status=code)


def hang(seconds: float = 5.0) -> Action:
    """Say nothing for `seconds` before answering (to go past a deadline)."""
    return Action("hang", seconds=seconds)


def stall(text: str = "I hear", seconds: float = 5.0) -> Action:
    """Stream a first token, then go quiet for `seconds` (a reply that never finishes)."""
    return Action("stall", text=text, seconds=seconds)


MALFORMED = Action("malformed")
EMPTY = Action("empty", text="")
DROP = Action("drop")


class FakeOpenAIServer:
    """Answers /v1/chat/completions and /v1/models from a script; counts and records every request."""

    def __init__(self, default: Action | None = None):
        self.default = default or reply("Fine.")
        self.script: deque[Action] = deque()
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)

    @property
    def base_url(self) -> str:
        """The `/v1` URL to give the client."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    @property
    def count(self) -> int:
        """Chat requests received so far."""
        return len(self.requests)

    def enqueue(self, *actions: Action) -> FakeOpenAIServer:
        """Script the next requests, in order; the default answers once the script runs out."""
        self.script.extend(actions)
        return self

    def start(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _next(self, body: dict[str, Any], headers: dict[str, str]) -> Action:
        with self._lock:
            self.requests.append(body)
            self.headers.append(headers)
            return self.script.popleft() if self.script else self.default

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:  # noqa: N802
                if self.path.rstrip("/").endswith("/models"):
                    self._json(200, {"object": "list", "data": [{"id": "fake-model", "object": "model"}]})
                else:
                    self._json(404, {"error": {"message": "not found", "type": "not_found"}})

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                action = server._next(body, {k.lower(): v for k, v in self.headers.items()})
                stream = bool(body.get("stream"))
                if action.kind == "hang":
                    if server._stopping.wait(action.seconds):
                        return
                    action = reply("Sorry, I was away.")
                if action.kind == "status":
                    self._json(
                        action.status, {"error": {"message": f"scripted {action.status}", "type": "error"}}
                    )
                elif action.kind == "malformed" and stream:
                    self._raw(200, "text/event-stream", b'data: {"id": "x", "choices": [ {not json\n\n')
                elif action.kind == "malformed":
                    self._raw(200, "application/json", b'{"id": "x", "choices": [ {not json')
                elif action.kind == "drop":
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                elif action.kind == "stall":
                    self._stream([action.text], stall=action.seconds)
                elif stream:
                    self._stream(_pieces(action.text))
                else:
                    self._json(200, _completion(action.text, body))

            def _json(self, code: int, payload: dict[str, Any]) -> None:
                self._raw(code, "application/json", json.dumps(payload).encode())

            def _raw(self, code: int, ctype: str, data: bytes) -> None:
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, pieces: list[str], stall: float = 0.0) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                self.close_connection = True
                try:
                    for piece in pieces:
                        self._event(_chunk({"content": piece}))
                    if stall and server._stopping.wait(stall):
                        return
                    self._event(_chunk({}, finish="stop"))
                    self.wfile.write(b"data: [DONE]\n\n")
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (deadline): that is the point of the test

            def _event(self, payload: dict[str, Any]) -> None:
                self.wfile.write(b"data: " + json.dumps(payload).encode() + b"\n\n")
                self.wfile.flush()

        return Handler


def _pieces(text: str) -> list[str]:
    words = text.split(" ")
    return [w + (" " if i < len(words) - 1 else "") for i, w in enumerate(words)] if text else [""]


def _chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "fake-model",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def _completion(text: str, body: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": body.get("model", "fake"),
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def sample_persona() -> Persona:
    """A complete persona (a supplier) with numbers and hidden concerns worth guarding."""
    lines: dict[str, list[str]] = {}
    for move in COUNTERPART_MOVES:
        if move in CONTENT_MOVES:
            lines[move] = ["Here is the thing: {content}", "Honestly, {content}"]
        else:
            lines[move] = [
                f"Authored {move.replace('_', ' ')}: let us keep talking.",
                f"Authored {move.replace('_', ' ')}, go on.",
            ]
    lines["open"] = ["Thanks for coming in. We have supplied your bakery for 6 years.", "Good to see you."]
    concerns = [
        {
            "id": "cash_flow",
            "title": "Cash flow",
            "surface": "Late payments have hurt us this year.",
            "layers": ["Our bank covenant review is in March and a late quarter would breach it."],
            "keywords": ["payment", "cash"],
            "addressed_by": ["pay on time"],
            "opened_by": "What worries you?",
        },
        {
            "id": "volume",
            "title": "Volume",
            "surface": "Your orders swing too much week to week.",
            "layers": ["Our mill shuts the night shift when orders drop below 40 tonnes."],
            "keywords": ["volume", "orders"],
            "addressed_by": ["steady orders"],
            "opened_by": "Tell me about volume.",
        },
        {
            "id": "flour_cost",
            "title": "Flour cost",
            "surface": "Wheat prices went up sharply.",
            "layers": ["Our contract with the Kansas cooperative resets on the first of July."],
            "keywords": ["price", "wheat"],
            "addressed_by": ["price review"],
            "opened_by": "How are costs?",
        },
        {
            "id": "delivery",
            "title": "Delivery",
            "surface": "Rush deliveries cost us overtime.",
            "layers": ["Driver Marguerite quit over the weekend rush runs."],
            "keywords": ["delivery", "rush"],
            "addressed_by": ["planned deliveries"],
            "opened_by": "What about delivery?",
        },
    ]
    return Persona.model_validate(
        {
            "id": "test-supplier",
            "name": "Dana Okafor",
            "role": "Owner of a regional flour mill",
            "title": "Renewing the flour contract",
            "teaches": "Drawing out concerns before asking.",
            "scenario": "You buy flour for a bakery from Dana's mill; the contract is up for renewal.",
            "temperament": "Warm but careful; dislikes being rushed.",
            "user_brief": {
                "role": "You run a bakery buying flour.",
                "goal": "Renew the contract at a lower price.",
                "constraints": ["Budget is tight."],
                "unknown_hint": "The mill has its own pressures.",
            },
            "counterpart": {
                "goals": ["Keep a reliable customer."],
                "position": "Prices must rise by 8 percent.",
                "walk_away": "Walks away if threatened with a competitor twice.",
            },
            "concerns": concerns,
            "needs": [
                {"id": "predictability", "text": "Predictable monthly volumes to plan milling shifts."}
            ],
            "history": ["Last year a fixed delivery calendar with another bakery cut our overtime."],
            "first_step": "Share a three month order forecast by Friday.",
            "goal_line": "I want a contract that keeps the mill running steadily.",
            "deal": {
                "acceptable": "A 4 percent rise with a monthly order forecast.",
                "counters": ["A 6 percent rise with a 12 month term."],
            },
            "lines": lines,
        }
    )


PERSONA = sample_persona()


def request_for(
    move: str, history: tuple[tuple[str, str], ...] | None = None, **overrides: Any
) -> VoiceRequest:
    """A VoiceRequest for the sample persona, as the policy would build it; the first concern is the topic."""
    concern = PERSONA.concerns[0]
    content = {
        "raise_concern": concern.surface,
        "reveal": concern.layers[0],
        "agree": PERSONA.deal.acceptable,
        "counter": PERSONA.deal.counters[0],
    }.get(move, "")
    authored = f"Here is the thing: {content}" if content else PERSONA.lines[move][0]
    released = (concern.surface,) if move == "reveal" else ()
    hidden = tuple(c.surface for c in PERSONA.concerns[1:]) + tuple(c.layers[0] for c in PERSONA.concerns[1:])
    withheld = hidden if move == "reveal" else (concern.layers[0], *hidden)
    fields: dict[str, Any] = {
        "persona": PERSONA,
        "difficulty": "realistic",
        "move": move,
        "content": content,
        "authored": authored,
        "history": history if history is not None else (("user", "What worries you about renewing?"),),
        "withheld": withheld,
        "released": released,
    }
    return VoiceRequest(**(fields | overrides))
