"""The LLM client against our fake server: replies, streaming, retries, deadlines, structured output, secrets."""

from __future__ import annotations

import io
import logging
import time

import pytest
from fake_openai_server import FakeOpenAIServer, hang, reply, status
from pydantic import BaseModel

from simulator.llm import LLMClient, LLMUnavailable, bundled_smollm2
from simulator.settings import Settings

SECRET = "sk-test-SECRET-0123456789abcdef"
HELLO = [{"role": "user", "content": "hello"}]


@pytest.fixture
def server():
    with FakeOpenAIServer() as fake:
        yield fake


def client(server: FakeOpenAIServer, key: str = "", timeout: float = 3.0) -> LLMClient:
    return LLMClient(
        server.base_url, "fake-model", key, timeout=timeout, backoff_initial=0.01, backoff_max=0.05
    )


def test_streams_tokens_to_the_callback_and_times_the_first_one(server):
    server.enqueue(reply("We can talk about it."))
    tokens: list[str] = []
    result = client(server).chat(HELLO, on_token=tokens.append)
    assert result.text == "We can talk about it." == "".join(tokens)
    assert len(tokens) > 1 and result.first_token_s is not None and result.total_s >= result.first_token_s
    assert server.requests[0]["stream"] is True and server.requests[0]["model"] == "fake-model"


def test_sdk_retries_are_off_and_tenacity_retries_429_and_5xx(server):
    server.enqueue(status(429), status(503), reply("ok"))
    result = client(server).chat(HELLO)
    assert (result.text, result.attempts, server.count) == ("ok", 3, 3)


def test_client_errors_are_not_retried(server):
    server.enqueue(status(400))
    with pytest.raises(LLMUnavailable, match="rejected the request"):
        client(server).chat(HELLO)
    assert server.count == 1


@pytest.mark.slow
def test_the_deadline_covers_the_whole_call(server):
    server.enqueue(hang(10))
    started = time.monotonic()
    with pytest.raises(LLMUnavailable, match="in time"):
        client(server, timeout=1.0).chat(HELLO)
    assert time.monotonic() - started < 2.0


def test_structured_output_sends_a_strict_json_schema(server):
    class Verdict(BaseModel):
        faithful: bool
        note: str

    server.enqueue(reply('{"faithful": true, "note": "matches"}'))
    verdict = client(server).structured(HELLO, Verdict)
    assert verdict == Verdict(faithful=True, note="matches")
    fmt = server.requests[0]["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True


def test_a_key_is_always_sent_and_never_shown(server, caplog):
    server.enqueue(status(401))
    caplog.set_level(logging.DEBUG)
    keyed = client(server, key=SECRET)
    with pytest.raises(LLMUnavailable) as info:
        keyed.chat(HELLO)
    assert server.headers[0]["authorization"] == f"Bearer {SECRET}"
    for shown in (
        str(info.value),
        repr(keyed),
        caplog.text,
        repr(Settings(_env_file=None, llm_api_key=SECRET)),
    ):
        assert SECRET not in shown and SECRET[:12] not in shown
    client(server).chat(HELLO)
    assert server.headers[-1]["authorization"] == "Bearer not-needed"


def test_settings_build_the_same_client_for_any_endpoint():
    settings = Settings(
        _env_file=None, llm_base_url="http://localhost:11434/v1/", llm_model="llama3.2", llm_timeout=7
    )
    built = LLMClient.from_settings(settings)
    assert (built.base_url, built.model, built.timeout) == ("http://localhost:11434/v1", "llama3.2", 7)


def test_bundled_model_is_found_without_importing_its_package():
    path = bundled_smollm2()
    assert path is None or (path.suffix == ".gguf" and path.is_file())


def test_doctor_reports_each_backend_without_the_key(server, tmp_path):
    from simulator.doctor import run_doctor

    def doctor(**settings: object) -> tuple[int, str]:
        out = io.StringIO()
        code = run_doctor(Settings(_env_file=None, llm_timeout=1.0, **settings), out)
        return code, out.getvalue()

    code, text = doctor(llm_base_url="", gguf=None)
    assert code == 0 and "authored" in text
    code, text = doctor(llm_base_url=server.base_url, llm_model="fake-model", llm_api_key=SECRET, gguf=None)
    assert code == 0 and server.base_url in text and "fake-model" in text and "took" in text
    assert SECRET not in text and "API key: set" in text
    code, text = doctor(llm_base_url="http://127.0.0.1:9/v1", llm_model="m", llm_api_key=SECRET, gguf=None)
    assert code == 1 and "NOT WORKING" in text and "What to do" in text and SECRET not in text
    code, text = doctor(llm_base_url="", gguf=tmp_path / "missing.gguf")
    assert code == 1 and "PARLEY_GGUF" in text
    code, text = doctor(llm_base_url=f"http://bob:{SECRET}@127.0.0.1:9/v1", llm_model="m", gguf=None)
    assert SECRET not in text


def test_judge_turns_structured_verdicts_into_notes_and_measures_agreement(server):
    from simulator.judge import JudgeCase, LLMJudge, agreement
    from simulator.transcript import Transcript, Turn

    server.enqueue(
        reply(
            '{"summaries": [{"turn": 2, "faithful": false, "note": "adds a date"}], '
            '"asks": [{"turn": 3, "concrete": true, "benefit_framed": true, "note": "good"}]}'
        )
    )
    judge = LLMJudge(client(server))
    transcript = Transcript(
        turns=[Turn(role="user", text="Tell me about it."), Turn(role="counterpart", text="Cash.")]
    )
    notes = judge.review(transcript, None)
    assert len(notes) == 2 and "not faithful" in notes[0] and "benefit-framed" in notes[1]
    assert server.requests[0]["response_format"]["json_schema"]["strict"] is True
    server.enqueue(
        reply('{"good": true, "reason": "ok"}'), reply('{"good": true, "reason": "ok"}'), status(400)
    )
    cases = [
        JudgeCase("summary", "So cash is tight.", "Cash is tight.", True),
        JudgeCase("ask", "Pay me more.", "Cash is tight.", False),
        JudgeCase("ask", "I ask for 4 percent.", "Cash is tight.", True),
    ]
    report = agreement(judge, cases)
    assert (report.rate, report.judged, report.failed) == (0.5, 2, 1) and report.disagreements == [cases[1]]


def test_judge_is_off_unless_asked_for():
    from simulator.judge import build_judge

    assert (
        build_judge(Settings(_env_file=None, llm_base_url="http://x/v1", gguf=None, llm_judge=False)) is None
    )
    judge = build_judge(Settings(_env_file=None, llm_base_url="http://x/v1", gguf=None, llm_judge=True))
    assert judge is not None
    judge.close()
