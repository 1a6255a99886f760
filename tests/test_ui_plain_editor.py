"""Every field of a persona edits without YAML: tables with rows to add and remove, an explicit Duplicate of a
built-in, and the same validation (problems named by concern and field) as a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_ui_helpers import app_fixture, shown  # noqa: F401

from simulator.personas import load_library, load_persona_file
from simulator.settings import BUILTIN_PERSONA_DIR
from ui import persona_editor as E

pytestmark = pytest.mark.slow

EMPTY = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}


def _tables(data: dict) -> dict:
    return {
        "constraints": E.rows_frame(data["user_brief"]["constraints"]),
        "goals": E.rows_frame(data["counterpart"]["goals"]),
        "concerns": E.concerns_frame(data["concerns"]),
        "needs": E.needs_frame(data["needs"]),
        "history": E.rows_frame(data["history"]),
        "issues": E.issues_frame(data["issues"]),
        "facts": E.facts_frame(data["facts"]),
        "lines": E.lines_frame(data["lines"]),
    }


def _values(data: dict) -> dict:
    values = {
        k: data[k]
        for k in (
            "id",
            "name",
            "role",
            "title",
            "teaches",
            "scenario",
            "temperament",
            "first_step",
            "goal_line",
            "default_difficulty",
        )
    }
    return {
        **values,
        "brief_role": data["user_brief"]["role"],
        "brief_goal": data["user_brief"]["goal"],
        "brief_hint": data["user_brief"]["unknown_hint"],
        "their_position": data["counterpart"]["position"],
        "their_walk_away": data["counterpart"]["walk_away"],
    }


def test_every_builtin_survives_the_every_field_form_unchanged() -> None:
    for persona in load_library([BUILTIN_PERSONA_DIR]).personas.values():
        data = persona.model_dump(mode="json")
        assert E.plain_persona(_values(data), _tables(data), data) == persona, persona.id


def test_a_missing_surface_is_named_by_concern_and_field() -> None:
    persona = next(iter(load_library([BUILTIN_PERSONA_DIR]).personas.values()))
    data = persona.model_dump(mode="json")
    tables = _tables(data)
    tables["concerns"].loc[0, "surface"] = None
    try:
        E.plain_persona(_values(data), tables, data)
    except E.PersonaError as exc:
        assert any(
            p.startswith(f"Concern '{data['concerns'][0]['id']}'") and "surface" in p for p in exc.problems
        )
    else:
        raise AssertionError("a concern without a surface was accepted")


def test_duplicate_is_explicit_then_rows_are_edited_added_and_removed(app: AppTest, tmp_path: Path) -> None:
    app.run().switch_page("views/personas.py").run()
    assert "plain-coffee-supplier" not in [f.key for f in app.get("form")]  # no built-in is edited in place
    app.selectbox(key="plain-dup-pick").set_value("coffee-supplier").run()
    next(b for b in app.button if b.key == "plain-dup").click().run()
    copy = tmp_path / "personas" / "coffee-supplier-copy.yaml"
    assert copy.is_file() and "Duplicated Tomás Reyes" in shown(app)
    k = "plain-coffee-supplier-copy"
    app.session_state[f"{k}-concerns"] = {
        **EMPTY,
        "edited_rows": {0: {"surface": "Beans cost me far more now."}},
    }
    app.session_state[f"{k}-history"] = {
        **EMPTY,
        "added_rows": [{"text": "I once sold direct to a hotel chain."}],
    }
    app.session_state[f"{k}-lines"] = {**EMPTY, "deleted_rows": [0]}
    next(b for b in app.button if b.label == "Save every field").click().run()
    assert not app.error, [e.value for e in app.error]
    saved = load_persona_file(copy)
    builtin = load_persona_file(BUILTIN_PERSONA_DIR / "coffee-supplier.yaml")
    assert saved.concerns[0].surface == "Beans cost me far more now."
    assert (
        saved.history[-1] == "I once sold direct to a hotel chain."
        and len(saved.history) == len(builtin.history) + 1
    )
    assert len(saved.lines["open"]) == len(builtin.lines["open"]) - 1
    assert builtin.concerns[0].surface != saved.concerns[0].surface  # the built-in itself is untouched
