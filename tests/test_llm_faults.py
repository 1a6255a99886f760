"""Faults from the endpoint never lose a turn: retry, then the authored line, with a reason in plain words."""

from __future__ import annotations

import time

import pytest
from fake_openai_server import (
    DROP,
    EMPTY,
    MALFORMED,
    Action,
    FakeOpenAIServer,
    hang,
    reply,
    request_for,
    stall,
    status,
)

from simulator.llm import LLMClient
from simulator.voice.llm import LLMVoice

GOOD = "Frankly, late payments have hurt us this year."
DEADLINE = 1.0


@pytest.fixture
def server():
    with FakeOpenAIServer() as fake:
        yield fake


def say_with(server: FakeOpenAIServer, *script: Action):
    server.enqueue(*script)
    voice = LLMVoice(
        LLMClient(
            server.base_url,
            "fake-model",
            timeout=DEADLINE,
            attempts=3,
            backoff_initial=0.01,
            backoff_max=0.05,
        )
    )
    req = request_for("raise_concern")
    started = time.monotonic()
    said = voice.say(req)
    return said, req, time.monotonic() - started


@pytest.mark.parametrize(
    "fault", [status(429), status(500), MALFORMED, DROP], ids=["429", "500", "malformed", "drop"]
)
def test_a_passing_fault_is_retried_and_the_model_still_speaks(server, fault):
    said, _, _ = say_with(server, fault, reply(GOOD))
    assert (said.text, said.fallback_reason, server.count) == (GOOD, None, 2)


@pytest.mark.parametrize(
    ("fault", "why"),
    [
        (status(429), "rate-limiting"),
        (status(500), "server error"),
        (MALFORMED, "could not be read"),
        (DROP, "could not be reached"),
    ],
    ids=["429", "500", "malformed", "drop"],
)
def test_a_lasting_fault_falls_back_to_the_authored_line_after_three_tries(server, fault, why):
    said, req, _ = say_with(server, fault, fault, fault)
    assert (said.text, said.source, server.count) == (req.authored, "authored", 3)
    assert said.fallback_reason.startswith("the model was unavailable") and why in said.fallback_reason


@pytest.mark.slow
@pytest.mark.parametrize("fault", [hang(10), stall(seconds=10)], ids=["hang", "stall mid-stream"])
def test_a_model_that_goes_quiet_is_cut_off_at_the_deadline(server, fault):
    said, req, took = say_with(server, fault)
    assert said.text == req.authored and "in time" in said.fallback_reason
    assert took < DEADLINE + 0.5


def test_empty_content_falls_back_with_a_reason(server):
    said, req, _ = say_with(server, EMPTY)
    assert said.text == req.authored and "empty reply" in said.fallback_reason


def test_an_unreachable_endpoint_falls_back_quickly():
    voice = LLMVoice(
        LLMClient(
            "http://127.0.0.1:9/v1", "nothing", timeout=DEADLINE, backoff_initial=0.01, backoff_max=0.05
        )
    )
    req = request_for("open", history=())
    said = voice.say(req)
    assert said.text == req.authored and "could not be reached" in said.fallback_reason
