"""Serve the app with a warm start: the engine is imported and opened while the browser loads the front end.

`streamlit run ui/server.py` is `streamlit run ui/app.py` plus a lifespan hook. Importing LangGraph takes about
two seconds of CPU; doing it at server start, on a background thread, while the first page is drawn without it,
keeps it off the first counterpart line.
"""

from __future__ import annotations

import logging
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
    # The first page is drawn without the engine (ui.context.LazyService); meanwhile this imports it and opens the
    # service (the database and the compiled graph), so Start does not wait for either. A failure here is only
    # logged: the page that first needs the service opens it again and shows the reason.
    import simulator.evaluation  # noqa: F401
    import simulator.graph  # noqa: F401
    import simulator.session  # noqa: F401
    import ui.context

    try:
        ui.context.prewarm()
    except Exception:  # noqa: BLE001 - reported by the page that needs the service
        logging.getLogger("parley.ui").warning("warm start could not open the service; the first page will retry",
                                               exc_info=False)


@asynccontextmanager
async def _lifespan(app: Any) -> AsyncIterator[None]:
    threading.Thread(target=_warm, name="parley-warm", daemon=True).start()
    yield None


app = st.App("app.py", lifespan=_lifespan)
