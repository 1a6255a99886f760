"""AppTest: the Personas page's "Build your own" tab builds a persona from blank, names problems at the answer, saves
it, offers it as a file, and "Rehearse with them" starts a session with it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest
from test_ui_helpers import app_fixture, shown  # noqa: F401

from simulator.persona_checks import persona_warnings
from simulator.personas import load_persona_file
from simulator.scripted import ScriptedModel
from ui import persona_editor as E

pytestmark = pytest.mark.slow

SITUATION = yaml.safe_load(
    (Path(__file__).parent.parent / "evals" / "situations" / "flat-rent.yaml").read_text()
)


def _open(app: AppTest) -> AppTest:
    return app.run().switch_page("views/personas.py").run()


def _type(app: AppTest, key: str, value: str) -> None:
    if E._B + key in [w.key for w in app.text_input]:
        app.text_input(key=E._B + key).input(value)
    else:
        app.text_area(key=E._B + key).input(value)


def _fill(app: AppTest, data: dict) -> AppTest:
    for key in ("name", "role", "situation", "want", "opening_position", "first_step", "your_role"):
        _type(app, key, " ".join(str(data[key]).split()))
    _type(app, "needs", "\n".join(data["needs"]))
    _type(app, "tried_before", "\n".join(data["tried_before"]))
    _type(app, "your_constraints", "\n".join(data["your_constraints"]))
    app.radio(key=E._B + "temperament").set_value(data["temperament"])
    app.run()
    for n, issue in enumerate(data["issues"]):
        if n:
            next(b for b in app.button if b.key == "b-add-issue").click().run()
        row = app.session_state[E.BUILDER_KEY]["issues"][n]
        for key, _, _ in E._ISSUE_FIELDS:
            if key in issue:
                app.text_input(key=f"{E._B}issues.{row}.{key}").input(str(issue[key]))
        app.selectbox(key=f"{E._B}issues.{row}.matters_to_them").set_value(
            issue.get("matters_to_them", "some")
        )
        app.selectbox(key=f"{E._B}issues.{row}.matters_to_you").set_value(issue.get("matters_to_you", "some"))
    rows = app.session_state[E.BUILDER_KEY]["concerns"]
    for row, concern in zip(rows, data["concerns"], strict=True):
        app.text_input(key=f"{E._B}concerns.{row}.said_first").input(concern["said_first"])
        app.text_area(key=f"{E._B}concerns.{row}.behind").input("\n".join(concern["behind"]))
        app.text_input(key=f"{E._B}concerns.{row}.would_answer").input(concern["would_answer"])
    return app.run()


def _save(app: AppTest) -> AppTest:
    next(b for b in app.button if b.label == "Build and save").click().run()
    return app


def test_the_builder_starts_blank_with_your_side_from_prepare(app: AppTest) -> None:
    app.session_state["parley.prep"] = {"problem": "Keep my rent affordable.", "needs": "A home near school."}
    _open(app)
    assert app.text_input(key=E._B + "name").value == ""
    assert app.text_area(key=E._B + "situation").value == ""
    assert app.text_area(key=E._B + "your_goal").value == "Keep my rent affordable."
    assert app.text_area(key=E._B + "your_constraints").value == "A home near school."
    assert "Tomás" not in " ".join(
        w.value or "" for w in (*app.text_input, *app.text_area) if w.key and w.key.startswith(E._B)
    )


def test_a_problem_is_shown_at_its_answer_and_nothing_is_saved(app: AppTest, tmp_path: Path) -> None:
    data = {**SITUATION, "concerns": [dict(c) for c in SITUATION["concerns"]]}
    data["concerns"][1]["would_answer"] = "someone who looks after the place"
    _save(_fill(_open(app), data))
    errors = [e.value.replace("\\", "") for e in app.error]
    assert any(e.startswith("Concern 2, what would answer it: name one of the terms") for e in errors), errors
    assert not list((tmp_path / "personas").glob("*.yaml"))


def test_built_from_blank_saved_shared_and_rehearsed(app: AppTest, tmp_path: Path) -> None:
    _save(_fill(_open(app), SITUATION))
    assert not app.error, [e.value for e in app.error]
    saved = load_persona_file(next((tmp_path / "personas").glob("*.yaml")))
    assert saved.name == "Priya Shah" and persona_warnings(saved) == []
    assert "Saved Priya Shah" in shown(app)
    assert any(b.label == "Download the persona file" for b in app.get("download_button"))
    next(b for b in app.button if b.label == "Rehearse with them").click().run()
    assert app.title[0].value == "Rehearsing with Priya Shah"


def _with_model(app: AppTest) -> ScriptedModel:
    """The app with a connected model whose replies the test queues."""
    from simulator.session import open_rehearsals
    from simulator.settings import load_settings
    from simulator.voice.llm import LLMVoice
    from ui.context import SERVICE_KEY, persona_library

    settings = load_settings()
    model = ScriptedModel(model="fake-model")
    app.session_state[SERVICE_KEY] = open_rehearsals(
        settings, voice=LLMVoice(model), library=persona_library(settings)
    )
    return model


def test_draft_from_a_description_fills_the_form_for_review_and_a_failure_loses_nothing(app: AppTest) -> None:
    import json

    model = _with_model(app)
    _open(app)
    _type(app, "name", "Priya S.")  # typed before the draft: kept
    app.text_area(key=E._B + "description").input(
        "My landlord Priya wants $1,750 a month instead of $1,500. "
        "Her mortgage went up and she once had three empty months."
    )
    model.enqueue("not the answers")
    next(b for b in app.button if b.key == "b-draft").click().run()
    assert any("could not be used" in e.value.replace("\\", "") for e in app.error)
    assert app.text_input(key=E._B + "name").value == "Priya S."
    assert app.text_area(key=E._B + "description").value.startswith("My landlord Priya")
    model.enqueue(json.dumps(SITUATION))
    next(b for b in app.button if b.key == "b-draft").click().run()
    assert app.text_input(key=E._B + "name").value == "Priya S."
    assert app.text_input(key=E._B + "role").value == SITUATION["role"]
    assert "Drafted. Check every answer before you save." in shown(app)
    _save(app)
    assert not app.error, [e.value for e in app.error]
    assert "Saved Priya S." in shown(app)


def test_change_my_answers_replaces_the_same_persona_and_the_answers_download(
    app: AppTest, tmp_path: Path
) -> None:
    _save(_fill(_open(app), SITUATION))
    downloads = {b.label for b in app.get("download_button")}
    assert {"Download the persona file", "Download my answers"} <= downloads
    next(b for b in app.button if b.label == "Change my answers").click().run()
    assert app.text_input(key=E._B + "name").value == "Priya Shah"  # the answers are still there
    app.text_input(key=E._B + "name").input("Priya Shah-Lewis").run()
    _save(app)
    files = list((tmp_path / "personas").glob("*.yaml"))
    assert len(files) == 1 and load_persona_file(files[0]).name == "Priya Shah-Lewis"


def test_answers_survive_a_visit_to_another_page(app: AppTest) -> None:
    _open(app)
    _type(app, "name", "Priya Shah")
    app.run().switch_page("views/prepare.py").run()
    app.switch_page("views/personas.py").run()
    assert app.text_input(key=E._B + "name").value == "Priya Shah"


def test_an_answers_file_loads_into_the_builder(app: AppTest) -> None:
    _open(app)
    uploader = next(u for u in app.file_uploader if u.key == "b-answers-file")
    uploader.set_value(("priya.answers.yaml", yaml.safe_dump(SITUATION).encode(), "application/x-yaml")).run()
    assert app.text_input(key=E._B + "name").value == "Priya Shah"
    assert "Answers loaded from the file" in shown(app)
    _save(app)
    assert "Saved Priya Shah" in shown(app)
