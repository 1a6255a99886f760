"""The LLM voice over a scripted model: phrasing passes through, bad phrasing falls back, prompts stay cacheable.
(The HTTP transport under it is tested against the fake server in test_llm_client.py and test_llm_faults.py.)"""

from __future__ import annotations

import pytest
from fake_openai_server import PERSONA, request_for

from simulator.scripted import ScriptedModel
from simulator.settings import Settings
from simulator.voice import AuthoredVoice, VoiceRequest, build_voice
from simulator.voice.llm import LLMVoice
from simulator.voice.prompts import USER_CLOSE, USER_OPEN, build_messages, system_prompt


@pytest.fixture
def model() -> ScriptedModel:
    return ScriptedModel(model="fake-model")


def voice_for(model: ScriptedModel) -> LLMVoice:
    return LLMVoice(model)


def test_a_good_reply_is_used_streamed_and_timed(model):
    model.enqueue("Frankly, late payments have hurt us this year.")
    tokens: list[str] = []
    said = voice_for(model).say(request_for("raise_concern"), on_token=tokens.append)
    assert said.text == "Frankly, late payments have hurt us this year." == "".join(tokens)
    assert said.source == "llm:fake-model" and said.fallback_reason is None
    assert {"first_token_s", "total_s"} <= set(said.timings)


def test_a_reply_the_guardrails_reject_becomes_the_authored_line_with_the_reason(model):
    model.enqueue("As an AI, I love sunny weather.")
    req = request_for("raise_concern")
    tokens: list[str] = []
    said = voice_for(model).say(req, on_token=tokens.append)
    assert (said.text, said.source) == (req.authored, "authored") and "".join(tokens) == req.authored
    assert "not used" in said.fallback_reason and "broke character" in said.fallback_reason
    assert "total_s" in said.timings


def test_system_prompt_is_byte_identical_across_turns_and_the_note_comes_last(model):
    first = build_messages(request_for("open", history=()))
    later = build_messages(
        request_for("reveal", history=(("counterpart", "Hello."), ("user", "Tell me more.")))
    )
    assert first[0] == later[0] and first[0]["role"] == "system"
    assert later[-1]["role"] == "user" and later[-1]["content"].startswith(
        f"{USER_OPEN}\nTell me more.\n{USER_CLOSE}"
    )
    assert later[-1]["content"].rstrip().endswith("one to three sentences.")
    assert PERSONA.concerns[0].layers[0] in later[-1]["content"]  # the released content, in the note
    model.enqueue("Hello there, thanks for coming.", "Our bank covenant review is in March, you see.")
    voice = voice_for(model)
    voice.say(request_for("open", history=()))
    voice.say(request_for("reveal", history=(("counterpart", "Hello."), ("user", "Tell me more."))))
    systems = [r["messages"][0]["content"] for r in model.requests]
    assert systems[0] == systems[1] == system_prompt(PERSONA, "realistic")


def test_hidden_ledger_text_never_enters_the_prompt():
    messages = build_messages(request_for("raise_concern"))
    everything = "\n".join(m["content"] for m in messages)
    for hidden in request_for("raise_concern").withheld:
        assert hidden not in everything


def test_build_voice_is_authored_offline_and_llm_when_configured():
    assert isinstance(build_voice(Settings(_env_file=None, llm_base_url="", gguf=None)), AuthoredVoice)
    url = "http://127.0.0.1:9/v1"  # nothing is asked: building the voice sends no request
    voice = build_voice(Settings(_env_file=None, llm_base_url=url, llm_model="fake-model", gguf=None))
    assert isinstance(voice, LLMVoice) and voice.name == "llm:fake-model"
    voice.close()


def test_a_missing_gguf_still_gives_a_voice_that_falls_back_with_a_reason(tmp_path):
    voice = build_voice(Settings(_env_file=None, llm_base_url="", gguf=tmp_path / "nope.gguf"))
    said = voice.say(request_for("open", history=()))
    assert said.source == "authored" and "does not exist" in said.fallback_reason


def test_a_broken_token_callback_does_not_lose_the_turn(model):
    model.enqueue("Frankly, late payments have hurt us this year.")

    def explode(_: str) -> None:
        raise RuntimeError("ui went away")

    said = voice_for(model).say(request_for("raise_concern"), on_token=explode)
    assert said.text.startswith("Frankly")


def test_voice_request_type_is_the_seam():
    assert VoiceRequest is type(request_for("open"))


def test_a_yes_with_a_fact_after_it_tells_the_model_to_answer_the_fact_too():
    # "Deal. how long have you been roasting?": the note asks for the yes, then the fact (not the yes alone)
    from simulator.voice.prompts import turn_note

    note = turn_note(request_for("agree", after=(("answer_fact", "Eleven years."),)))
    assert "After that: Answer their factual question" in note
    assert "After that" not in turn_note(request_for("agree"))
