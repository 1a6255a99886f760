"""AppTest: History groups branches under their first session, filters by persona and difficulty, compares like
with like, and exports CSV."""

from __future__ import annotations

import csv
import io

import pytest
from streamlit.testing.v1 import AppTest
from test_ui_helpers import CLOSED, OPEN, app_fixture, say, shown, start  # noqa: F401

from ui.plain import csv_bytes

pytestmark = pytest.mark.slow


def _end(app: AppTest) -> None:
    next(b for b in app.button if b.label == "Yes, end and score it").click().run()


def _two_personas_and_a_branch(app: AppTest) -> None:
    start(app)
    say(app, CLOSED)
    say(app, CLOSED)
    _end(app)
    app.switch_page("views/rehearse.py").run()
    app.selectbox[0].set_value(1)
    app.text_area[0].input(OPEN)
    next(b for b in app.button if b.label == "Try this reply").click().run()
    _end(app)
    app.switch_page("views/prepare.py")
    start(app, persona="landlord-renewal")
    app.switch_page("views/rehearse.py")  # AppTest stays on the page it was last switched to
    say(app, OPEN)
    _end(app)
    app.switch_page("views/history.py").run()
    assert not app.exception


def test_branches_sit_under_their_first_session_and_do_not_count_as_sessions(app: AppTest) -> None:
    _two_personas_and_a_branch(app)
    assert "2 sessions, with 1 branch listed under the session they came from" in shown(app)
    table = app.dataframe[0].value
    labels = list(table["session"])
    assert labels[0].startswith("Gloria Estevez") and labels[1].startswith("Tomás Reyes")
    assert labels[2] == "↳ branch from turn 1"


def test_the_filter_keeps_one_persona_and_difficulty_and_the_trend_compares_like_with_like(
    app: AppTest,
) -> None:
    _two_personas_and_a_branch(app)
    assert "Pick one persona and one difficulty" in shown(app)  # mixed: no per-dimension trend
    app.selectbox(key="history-persona").set_value("Tomás Reyes").run()
    app.selectbox(key="history-difficulty").set_value("realistic").run()
    assert not app.exception
    assert set(app.dataframe[0].value["persona"]) == {"Tomás Reyes"}
    text = shown(app)
    assert "Each dimension, attempt by attempt" in text and "Tomás Reyes · realistic" in text
    charts = app.get("arrow_vega_lite_chart") or app.get("vega_lite_chart")
    assert len(charts) == 2
    spec = charts[0].proto.spec
    assert '"orient": "bottom"' in spec.replace(':"', ': "') or '"orient":"bottom"' in spec
    assert '"labelLimit":0' in spec.replace(" ", "")  # legends are never cut off
    app.selectbox(key="history-persona").set_value("Gloria Estevez").run()
    assert list(app.dataframe[0].value["persona"]) == ["Gloria Estevez"]
    assert "1 session" in shown(app) and "Gloria Estevez · realistic" in shown(app)


def test_csv_export_has_every_session_and_disarms_formulas(app: AppTest) -> None:
    _two_personas_and_a_branch(app)
    exported = next(d for d in app.get("download_button") if d.label == "Download CSV")
    assert exported.proto.label == "Download CSV"
    rows = list(csv.DictReader(io.StringIO(csv_bytes(app.dataframe[0].value).decode())))
    assert len(rows) == 3 and {r["persona"] for r in rows} == {"Tomás Reyes", "Gloria Estevez"}
    import pandas as pd

    evil = csv_bytes(pd.DataFrame([{"persona": '=HYPERLINK("http://x")', "overall": 5}])).decode()
    assert "'=HYPERLINK" in evil
