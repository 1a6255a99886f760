"""AppTest and unit tests: the persona form edits issues, facts and the terms that answer each concern."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest
from test_ui_helpers import app_fixture, shown  # noqa: F401

from simulator.personas import load_library, load_persona_file
from simulator.settings import BUILTIN_PERSONA_DIR
from ui import persona_editor as E

pytestmark = pytest.mark.slow

EMPTY_EDITS = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}


def _open_form(app: AppTest, base: str = "coffee-supplier") -> AppTest:
    app.run().switch_page("views/personas.py").run()
    app.selectbox(key=E.BASE_KEY).set_value(base).run()
    return app


def _save(app: AppTest) -> AppTest:
    next(b for b in app.button if b.label == "Check and save").click().run()
    return app


def _problems(app: AppTest) -> str:
    return " ".join(e.value for e in app.error).replace("\\", "")


def test_editing_an_issue_target_changes_the_saved_persona(app: AppTest, tmp_path: Path) -> None:
    _open_form(app)
    assert [e.key for e in app.data_editor] == ["issues-coffee-supplier", "facts-coffee-supplier"]
    assert list(app.data_editor[0].value["id"])[:2] == ["price_per_kg", "term_months"]
    app.text_input[0].input("my-roaster")
    app.session_state["issues-coffee-supplier"] = {
        **EMPTY_EDITS,
        "edited_rows": {0: {"counterpart_target": 16.5}},
    }
    _save(app)
    assert not app.error, _problems(app)
    saved = load_persona_file(tmp_path / "personas" / "my-roaster.yaml")
    builtin = load_persona_file(BUILTIN_PERSONA_DIR / "coffee-supplier.yaml")
    assert saved.issue("price_per_kg").counterpart.target == 16.5
    assert builtin.issue("price_per_kg").counterpart.target == 16.8
    assert saved.facts == builtin.facts
    assert [c.answered_by_terms for c in saved.concerns] == [c.answered_by_terms for c in builtin.concerns]
    assert "start-my-roaster" in [b.key for b in app.button]


def test_an_issue_target_outside_its_range_is_named_and_nothing_is_saved(
    app: AppTest, tmp_path: Path
) -> None:
    _open_form(app)
    app.text_input[0].input("my-roaster")
    app.session_state["issues-coffee-supplier"] = {**EMPTY_EDITS, "edited_rows": {2: {"user_target": 60}}}
    _save(app)
    problems = _problems(app)
    assert "Issue 'payment_days' (row 3 of the Issues table)" in problems
    assert "user target 60.0 is outside the range 0.0 to 45.0" in problems
    assert not (tmp_path / "personas" / "my-roaster.yaml").exists()
    assert "Authoring advice" not in shown(app)


def test_issues_and_facts_rows_are_added_and_removed_and_concern_terms_edited(
    app: AppTest, tmp_path: Path
) -> None:
    _open_form(app)
    app.text_input[0].input("my-roaster")
    delivery = {
        "id": "delivery_days",
        "label": "Deliveries a week",
        "unit": "days",
        "kind": "number",
        "low": 1,
        "high": 5,
        "step": 1,
        "decimals": 0,
        "opening": 2,
        "counterpart_prefers": "low",
        "counterpart_target": 2,
        "counterpart_limit": 3,
        "counterpart_weight": 0.1,
        "user_prefers": "high",
        "user_target": 3,
        "user_limit": 2,
        "user_weight": 0.1,
        "phrase": "{value} deliveries a week",
        "keywords": "deliveries, delivery days",
    }
    app.session_state["issues-coffee-supplier"] = {
        **EMPTY_EDITS,
        "added_rows": [delivery],
        "deleted_rows": [5],
    }
    app.session_state["facts-coffee-supplier"] = {
        **EMPTY_EDITS,
        "edited_rows": {0: {"answer": "Twelve years this spring."}},
        "deleted_rows": [9],
        "added_rows": [
            {
                "id": "debts",
                "asked_with": "loan, bank, owe",
                "answer": "That's between me and my bank.",
                "public": False,
            }
        ],
    }
    app.text_input(key="terms-coffee-supplier-green_costs").input("price_per_kg >= 15.6, delivery_days <= 2")
    _save(app)
    assert not app.error, _problems(app)
    saved = load_persona_file(tmp_path / "personas" / "my-roaster.yaml")
    assert [i.id for i in saved.issues] == [
        "price_per_kg",
        "term_months",
        "payment_days",
        "weekly_volume",
        "direct_debit",
        "delivery_days",
    ]
    added = saved.issue("delivery_days")
    assert (added.counterpart.limit, added.user.target, added.keywords) == (
        3,
        3,
        ["deliveries", "delivery days"],
    )
    assert saved.concern("green_costs").answered_by_terms == ["price_per_kg >= 15.6", "delivery_days <= 2"]
    facts = {f.id: f for f in saved.facts}
    assert facts["years_roasting"].answer == "Twelve years this spring."
    assert "certification" not in facts
    assert facts["debts"].public is False and facts["debts"].asked_with == ["loan", "bank", "owe"]


def test_a_removed_issue_still_named_by_a_concern_is_reported(app: AppTest) -> None:
    _open_form(app)
    app.text_input[0].input("my-roaster")
    app.session_state["issues-coffee-supplier"] = {**EMPTY_EDITS, "deleted_rows": [5]}
    _save(app)
    assert "concern 'green_costs' answered_by_terms names issue 'price_review'" in _problems(app)


def test_concern_terms_that_are_not_terms_name_the_concern(app: AppTest) -> None:
    _open_form(app)
    app.text_input[0].input("my-roaster")
    app.text_input(key="terms-coffee-supplier-late_payments").input("direct debit please")
    _save(app)
    assert "Concern 'late_payments', terms that answer it: 'direct debit please' is not" in _problems(app)


def test_authoring_advice_shows_under_the_form_for_the_saved_persona(app: AppTest, tmp_path: Path) -> None:
    _open_form(app)
    app.text_input[0].input("my-roaster")
    app.text_input(key="terms-coffee-supplier-late_payments").input("")
    _save(app)
    assert not app.error, _problems(app)
    assert (
        load_persona_file(tmp_path / "personas" / "my-roaster.yaml")
        .concern("late_payments")
        .answered_by_terms
        == []
    )
    assert app.selectbox(key=E.BASE_KEY).value == "my-roaster"  # the form opens on what was just saved
    advice = " ".join(w.value for w in app.warning).replace("\\", "")
    assert "concerns.1 (late_payments).answered_by_terms: a key concern needs at least one term" in advice
    assert "Authoring advice" in shown(app)


def test_yaml_box_may_not_hold_what_has_its_own_place(app: AppTest) -> None:
    _open_form(app)
    app.text_input[0].input("my-roaster")
    box = next(t for t in app.text_area if t.label.startswith("Everything else"))
    assert (
        "answered_by_terms" not in box.value and "\nissues:" not in box.value and "\nfacts:" not in box.value
    )
    box.input(box.value + "\nfacts: []\n")
    _save(app)
    assert "field 'facts': it has its own place in the form" in _problems(app)


def test_every_builtin_persona_survives_the_form_unchanged() -> None:
    for persona in load_library([BUILTIN_PERSONA_DIR]).personas.values():
        data = persona.model_dump(mode="json")
        values = {k: data[k] for k in (*E.TOP_FIELDS, "default_difficulty")}
        terms = {c["id"]: E.comma_list(c["answered_by_terms"]) for c in data["concerns"]}
        details = yaml.safe_dump(E.details_of(data), sort_keys=False, allow_unicode=True)
        again = E.form_persona(
            values, details, E.issues_frame(data["issues"]), E.facts_frame(data["facts"]), terms
        )
        assert again == persona, persona.id


def test_a_persona_saved_from_the_form_exports_and_imports_as_yaml(app: AppTest, tmp_path: Path) -> None:
    _open_form(app)
    app.text_input[0].input("my-roaster")
    app.session_state["issues-coffee-supplier"] = {
        **EMPTY_EDITS,
        "edited_rows": {1: {"counterpart_target": 36}},
    }
    _save(app)
    saved = load_persona_file(tmp_path / "personas" / "my-roaster.yaml")
    next(s for s in app.selectbox if s.label == "Export a persona").set_value("my-roaster").run()
    exported = app.get("download_button")[-1]
    assert exported.label == "Download YAML"
    again = E.parse_persona_text(E.persona_to_yaml(saved), "export")
    assert again == saved and again.issue("term_months").counterpart.target == 36
