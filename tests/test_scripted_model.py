"""The scripted model (simulator.scripted): tests queue the model's replies instead of starting an HTTP server, and
the graph, the guardrails and the fallbacks run as they do with a real model."""

from __future__ import annotations

import pytest
from test_ui_helpers import OPEN

from simulator.judge import LLMJudge, Review
from simulator.llm import LLMUnavailable
from simulator.scripted import ScriptedModel, scripted_voice
from simulator.session import Rehearsals
from simulator.transcript import Transcript, Turn
from simulator.voice import AuthoredVoice
from simulator.voice.llm import LLMVoice


def test_replies_come_in_the_order_queued_then_the_default_and_every_request_is_kept() -> None:
    model = ScriptedModel("first", default="again").enqueue("second")
    said = [model.chat([{"role": "user", "content": f"turn {n}"}]).text for n in range(3)]
    assert said == ["first", "second", "again"]
    assert [r["messages"][0]["content"] for r in model.requests] == ["turn 0", "turn 1", "turn 2"]
    with pytest.raises(LLMUnavailable, match="no reply queued"):
        ScriptedModel().chat([])
    with pytest.raises(LLMUnavailable, match="did not answer in time"):
        ScriptedModel(LLMUnavailable("it did not answer in time")).chat([])


def test_structured_replies_are_parsed_and_one_that_does_not_fit_is_refused() -> None:
    model = ScriptedModel('{"summaries": [], "asks": []}', "Sure, here you go!")
    assert model.structured([], Review) == Review(summaries=[], asks=[])
    with pytest.raises(LLMUnavailable, match="expected format"):
        model.structured([], Review)


def _rehearsals(settings, voice) -> Rehearsals:  # noqa: ANN001 - the conftest Settings fixture
    return Rehearsals(settings, voice=voice)


def test_the_graph_speaks_a_queued_reply_and_falls_back_on_a_rejected_one(settings, tmp_path) -> None:
    # The authored run gives the lines the counterpart means to say (same persona, seed and turns).
    authored = _rehearsals(settings, AuthoredVoice())
    first = authored.start("coffee-supplier", "realistic", seed=3)
    expected = authored.reply(first.session_id, OPEN).text
    authored.close()

    settings = settings.model_copy(update={"data_dir": tmp_path / "scripted"})
    voice = scripted_voice()  # nothing queued for the opening: it falls back, with the reason
    model = voice.client
    assert isinstance(model, ScriptedModel)
    service = _rehearsals(settings, voice)
    try:
        opening = service.start("coffee-supplier", "realistic", seed=3)
        assert opening.source == "authored" and "no reply queued" in (opening.note or "")
        model.enqueue(f"Well, {expected[0].lower()}{expected[1:]}")
        spoken = service.reply(opening.session_id, OPEN)
        assert spoken.source == "llm:scripted" and spoken.text.startswith("Well, ") and spoken.note is None
        model.enqueue("As an AI, I love sunny weather.")
        guarded = service.reply(opening.session_id, "So what I'm hearing is that costs have jumped.")
        assert guarded.source == "authored" and "broke character" in (guarded.note or "")
        sent = model.requests[-1]["messages"]
        assert sent[0]["role"] == "system" and "costs have jumped" in sent[-1]["content"]
    finally:
        service.close()


def test_the_judge_adds_the_queued_verdicts_as_notes() -> None:
    verdicts = '{"summaries": [{"turn": 1, "faithful": false, "note": "Adds a number."}], "asks": []}'
    judge = LLMJudge(ScriptedModel(verdicts))
    transcript = Transcript(
        turns=[
            Turn(role="counterpart", text="Cash is tight."),
            Turn(role="user", text="So you need 40% more."),
        ]
    )
    assert judge.review(transcript) == ["Second opinion (LLM), turn 1 summary: not faithful - Adds a number."]


def test_a_scripted_voice_is_an_llm_voice() -> None:
    voice = scripted_voice("Hello.", model="fake-model")
    assert isinstance(voice, LLMVoice) and voice.name == "llm:fake-model"
