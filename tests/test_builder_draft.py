"""'Draft from my description' through the one model seam (a scripted model here, the real small one at the end): a
full draft fills the form, a partial one fills what it can and names the rest, an unusable or absent model changes
nothing and says so, and the description stays data."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
import yaml

from simulator.builder import answers_from_data, blank_answers, build_persona
from simulator.builder_draft import SYSTEM, DraftError, draft_answers
from simulator.llm import EmbeddedRuntime, LLMClient, LLMUnavailable, bundled_smollm2
from simulator.scripted import ScriptedModel

DESCRIPTION = (
    "My landlord Priya wants to raise the rent on my flat from $1,500 to $1,750 a month when the lease "
    "ends in August. Her mortgage went up and she had a bad gap between tenants once."
)
SITUATION = Path(__file__).parent.parent / "evals" / "situations" / "flat-rent.yaml"


@pytest.fixture
def model() -> ScriptedModel:
    return ScriptedModel(model="fake-model")


def test_a_full_draft_fills_the_blank_form_and_builds(model):
    full = yaml.safe_load(SITUATION.read_text())
    full.pop("your_goal", None)
    model.enqueue(json.dumps(full))
    merged, missing = draft_answers(model, DESCRIPTION, blank_answers())
    assert missing == []
    assert build_persona(answers_from_data(merged)).name == "Priya Shah"
    request = model.requests[0]
    assert (
        request["schema"] == "Draft"
    )  # structured output (sent as a strict json_schema: test_llm_client.py)
    assert request["messages"][0] == {"role": "system", "content": SYSTEM}
    assert request["messages"][1] == {
        "role": "user",
        "content": DESCRIPTION,
    }  # the description is data, not orders


def test_a_partial_draft_fills_what_it_can_keeps_what_was_typed_and_names_the_rest(model):
    model.enqueue(
        json.dumps(
            {
                "name": "Model's Name",
                "role": "Landlord of the flat",
                "situation": "The tenant rents Priya's flat and the rent is going up.",
                "concerns": [{"said_first": "My mortgage went up."}],
            }
        )
    )
    typed = {**blank_answers(), "name": "Priya Shah", "want": "I want the rent to cover my costs."}
    merged, missing = draft_answers(model, DESCRIPTION, typed)
    assert merged["name"] == "Priya Shah" and merged["want"] == typed["want"]  # typed answers win
    assert merged["role"] == "Landlord of the flat"
    assert any(m.startswith("Their opening position") for m in missing)
    assert any("Concern 1, what would answer it" in m for m in missing)


@pytest.mark.parametrize(
    "broken",
    [
        "Sure! Here is the persona: Priya, landlord.",
        LLMUnavailable("it sent a reply that could not be read"),
        '{"name": "Priya", "concerns": "not a list"}',
    ],
)
def test_output_that_is_not_the_answers_gives_a_clear_message_and_changes_nothing(model, broken):
    model.enqueue(broken)
    typed = {**blank_answers(), "name": "Priya Shah"}
    before = json.dumps(typed)
    with pytest.raises(DraftError) as info:
        draft_answers(model, DESCRIPTION, typed)
    assert "could not be used" in info.value.message and "unchanged" in info.value.message
    assert json.dumps(typed) == before


def test_without_a_model_it_says_so_and_the_offline_builder_still_works():
    with pytest.raises(DraftError, match="No model is connected"):
        draft_answers(None, DESCRIPTION, blank_answers())
    assert build_persona(answers_from_data(yaml.safe_load(SITUATION.read_text()))).id


def test_a_description_that_is_too_short_or_too_long_is_refused_before_any_request(model):
    with pytest.raises(DraftError, match="a few sentences"):
        draft_answers(model, "rent", blank_answers())
    with pytest.raises(DraftError, match="at most"):
        draft_answers(model, "x " * 3000, blank_answers())
    assert model.count == 0


@pytest.mark.llm
@pytest.mark.skipif(
    importlib.util.find_spec("xllamacpp") is None or bundled_smollm2() is None,
    reason="the embedded SmolLM2 runtime is not installed (CI installs it: make setup-test)",
)
def test_the_real_small_model_either_drafts_usable_answers_or_says_why_and_loses_nothing():
    with EmbeddedRuntime(bundled_smollm2(), threads=2) as runtime:
        real = LLMClient(runtime.base_url, "smollm2", timeout=25.0, attempts=1)
        typed = {**blank_answers(), "name": "Priya Shah"}
        try:
            merged, missing = draft_answers(real, DESCRIPTION, typed, timeout=25.0)
        except DraftError as exc:
            assert "unchanged" in exc.message and typed["name"] == "Priya Shah"
        else:
            assert merged["name"] == "Priya Shah" and isinstance(missing, list)
