"""AppTest: the Personas gallery and editor, Review's branch comparison, History, and Settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_ui_helpers import CLOSED, OPEN, app_fixture, say, shown, start  # noqa: F401

from simulator.personas import load_persona_file, persona_to_yaml
from simulator.settings import BUILTIN_PERSONA_DIR

pytestmark = pytest.mark.slow


def _click(at: AppTest, label: str, nth: int = 0) -> AppTest:
    [b for b in at.button if b.label == label][nth].click().run()
    return at


def test_gallery_shows_every_persona_and_starts_a_rehearsal(app: AppTest) -> None:
    app.run().switch_page("views/personas.py").run()
    text = shown(app)
    for name in ("Tomás Reyes", "Coffee supply renewal with your roaster"):
        assert name in text
    starts = [b for b in app.button if b.label == "Start rehearsal"]
    assert len(starts) == len(list(BUILTIN_PERSONA_DIR.glob("*.yaml")))
    app.segmented_control(key="difficulty-coffee-supplier").set_value("hard")
    _click(app, "Start rehearsal", [b.key for b in starts].index("start-coffee-supplier"))
    assert app.title[0].value == "Rehearsing with Tomás Reyes"
    assert "· hard ·" in shown(app)


def test_editor_names_the_field_that_is_wrong(app: AppTest) -> None:
    app.run().switch_page("views/personas.py").run()
    app.text_input[0].input("Bad Id!")
    app.text_input[1].input("X")
    _click(app, "Check and save")
    problems = " ".join(e.value for e in app.error).replace("\\", "")
    assert "field 'id'" in problems and "field 'name'" in problems


def test_a_custom_persona_is_saved_and_joins_the_gallery(app: AppTest, tmp_path: Path) -> None:
    app.run().switch_page("views/personas.py").run()
    app.text_input[0].input("my-roaster")
    app.text_input[1].input("Rosa Lima")
    _click(app, "Check and save")
    assert not app.error, [e.value for e in app.error]
    assert (tmp_path / "personas" / "my-roaster.yaml").is_file()
    assert "Rosa Lima" in shown(app)
    assert "start-my-roaster" in [b.key for b in app.button]


def test_a_custom_persona_cannot_shadow_a_builtin(app: AppTest) -> None:
    app.run().switch_page("views/personas.py").run()
    app.text_input[0].input("coffee-supplier")
    _click(app, "Check and save")
    assert any("built-in persona" in e.value.replace("\\", "") for e in app.error)  # shown escaped, as text


def test_review_compares_the_original_with_its_branch(app: AppTest) -> None:
    start(app)
    say(app, CLOSED)
    say(app, CLOSED)
    original = app.query_params["session"]
    _click(app, "Yes, end and score it")
    app.switch_page("views/rehearse.py").run()
    app.selectbox[0].set_value(1)
    app.text_area[0].input(OPEN)
    _click(app, "Try this reply")
    _click(app, "Yes, end and score it")
    assert app.title[0].value == "Review"
    # The Deal section comes first on the Scores tab (its terms table is a dataframe too).
    assert "Deal" in [h.value for h in app.subheader]
    deal_table = app.dataframe[0].value
    assert list(deal_table.columns) == ["Term", "Last proposal", "Your target", "Your limit", "Verdict"]
    assert "Price per kilo" in list(deal_table["Term"])
    table = next(d.value for d in app.dataframe if list(d.value.index[:1]) == ["overall"])
    # Readable names: persona, difficulty, date, and where the branch differs, never a hex id.
    original_col = next(col for col in table.columns if col.startswith("Original · Tomás Reyes · realistic"))
    branch_col = next(col for col in table.columns if "branch from turn 1: “Tell me about how this" in col)
    assert branch_col.endswith("(this one)") and original_col != branch_col
    assert not any(original[:6] in col or app.query_params["session"][:6] in col for col in table.columns)


def test_history_lists_opens_exports_and_deletes(app: AppTest) -> None:
    start(app)
    say(app, OPEN)
    session_id = app.query_params["session"]
    _click(app, "Yes, end and score it")
    app.switch_page("views/history.py").run()
    assert app.title[0].value == "History"
    table = app.dataframe[0].value
    assert list(table["persona"]) == ["Tomás Reyes"] and "id" not in table.columns
    assert app.get("arrow_vega_lite_chart") or app.get("vega_lite_chart")
    assert [d.label for d in app.get("download_button")] == ["Download CSV", "Markdown", "JSON"]
    _click(app, "Open in Review")
    assert app.title[0].value == "Review" and app.query_params["session"] == session_id
    app.switch_page("views/history.py").run()
    _click(app, "Delete for good")
    assert "No rehearsals yet" in shown(app)
    assert "session" not in app.query_params


def test_settings_page_says_which_voice_and_judge_are_active(app: AppTest) -> None:
    app.run().switch_page("views/status.py").run()
    text = shown(app)
    assert "Authored lines" in text and "judge" in text and "SQLite file" in text
    assert "The backend answers." in text


def test_persona_file_roundtrip_is_valid(app: AppTest) -> None:
    persona = load_persona_file(BUILTIN_PERSONA_DIR / "coffee-supplier.yaml")
    app.run().switch_page("views/personas.py").run()
    exported = app.get("download_button")[-1]
    assert exported.label == "Download YAML"
    assert persona_to_yaml(persona)
