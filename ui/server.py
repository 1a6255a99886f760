"""Serve the app with a warm start: the engine is imported while the browser loads Streamlit's front end.

`streamlit run ui/server.py` is `streamlit run ui/app.py` plus a lifespan hook. Importing LangGraph takes about
a second; doing it at server start, on a background thread, keeps it off the first counterpart line.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import streamlit as st

_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)


def _warm() -> None:
    # Only imports and file reads: nothing here touches the database or the network.
    import simulator.evaluation  # noqa: F401
    import simulator.graph  # noqa: F401
    import simulator.session  # noqa: F401
    import ui.context  # noqa: F401
    from simulator import act_model

    act_model.load()  # the learned reading's weights (a JSON read): off the first counterpart line too


@asynccontextmanager
async def _lifespan(app: Any) -> AsyncIterator[None]:
    threading.Thread(target=_warm, name="parley-warm", daemon=True).start()
    yield None


app = st.App("app.py", lifespan=_lifespan)
