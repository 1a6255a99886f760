"""Parley's app entry point: reads settings once, opens the rehearsal service and routes to the pages."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# `streamlit run ui/app.py` puts ui/ on sys.path, not the repo root; the pages import `ui.*`.
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from ui.context import install_context  # noqa: E402

st.set_page_config(page_title="Parley", page_icon=":material/forum:", layout="wide")

PAGES = [
    st.Page("views/prepare.py", title="Prepare", icon=":material/edit_note:", url_path="prepare", default=True),
    st.Page("views/personas.py", title="Personas", icon=":material/groups:", url_path="personas"),
    st.Page("views/rehearse.py", title="Rehearse", icon=":material/forum:", url_path="rehearse"),
    st.Page("views/review.py", title="Review", icon=":material/fact_check:", url_path="review"),
    st.Page("views/history.py", title="History", icon=":material/history:", url_path="history"),
    st.Page("views/status.py", title="Settings", icon=":material/settings:", url_path="settings"),
]

install_context()
st.navigation(PAGES, position="top").run()
