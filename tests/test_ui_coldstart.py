"""Cold start: the first page is drawn without importing the engine, and the warm start opens the very service
the pages then use."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest
from test_ui_helpers import APP, app_fixture, start  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=60).run()
drawn = [t.value for t in at.title]
engine = sorted(m for m in ("langgraph", "simulator.session", "simulator.graph") if m in sys.modules)
print(json.dumps({"titles": drawn, "engine": engine, "exception": [str(e.value) for e in at.exception]}))
"""


def test_prepare_is_drawn_without_importing_langgraph(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARLEY_")}
    env.update(PARLEY_DATA_DIR=str(tmp_path), PARLEY_CONFIG_FILE=str(tmp_path / "settings.env"))
    out = subprocess.run([sys.executable, "-c", PROBE, APP], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120, check=True)
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["exception"] == [] and report["titles"] == ["Prepare"]
    assert report["engine"] == []  # about two seconds of imports kept off the first page


def test_the_warm_start_opens_the_service_the_pages_use(app: AppTest) -> None:
    from simulator.settings import load_settings
    from ui.context import CONTEXT_KEY, _service_for, prewarm

    prewarm()
    warmed = _service_for(load_settings())
    assert warmed._real is not None  # opened ahead of the first Start
    start(app)
    assert not app.exception and app.title[0].value == "Rehearsing with Tomás Reyes"
    assert app.session_state[CONTEXT_KEY].service is warmed  # the page did not open a second one
    assert warmed.sessions()[0].id == app.query_params["session"]
