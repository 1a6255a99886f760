"""Parley's app entry point: reads settings once, opens the rehearsal service and routes to the pages."""

from __future__ import annotations

import logging
import sys
import traceback
import uuid
from pathlib import Path

import streamlit as st

# Visitors never see a traceback, whichever way the app was started (.streamlit/config.toml says the same).
st.set_option("client.showErrorDetails", False)

# `streamlit run ui/app.py` puts ui/ on sys.path, not the repo root; the pages import `ui.*`.
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from ui.context import install_context  # noqa: E402

st.set_page_config(page_title="Parley", page_icon=":material/forum:", layout="wide")

PAGES = [
    st.Page(
        "views/prepare.py", title="Prepare", icon=":material/edit_note:", url_path="prepare", default=True
    ),
    st.Page("views/personas.py", title="Personas", icon=":material/groups:", url_path="personas"),
    st.Page("views/rehearse.py", title="Rehearse", icon=":material/forum:", url_path="rehearse"),
    st.Page("views/review.py", title="Review", icon=":material/fact_check:", url_path="review"),
    st.Page("views/history.py", title="History", icon=":material/history:", url_path="history"),
    st.Page("views/status.py", title="Settings", icon=":material/settings:", url_path="settings"),
    st.Page("views/data.py", title="Your data", icon=":material/shield_person:", url_path="data"),
]

log = logging.getLogger("parley.ui")


def _redacted(text: str) -> str:
    """`text` with the database password, the API key and any key in the model URL masked."""
    from simulator.redact import redact_text
    from simulator.settings import load_settings

    try:
        settings = load_settings()
        urls, key = [settings.resolved_database_url, settings.llm_base_url], settings.api_key
    except Exception:  # noqa: BLE001 - unreadable settings: still mask every password-shaped part of a URL
        urls, key = [], ""
    text = redact_text(text, *urls)
    return text.replace(key, "***") if key else text


def _report(exc: BaseException) -> None:
    """Log the failure (secrets masked) under a reference id and show the visitor only that id, in plain words."""
    ref = uuid.uuid4().hex[:12]
    log.error("unhandled error, reference %s\n%s", ref, _redacted("".join(traceback.format_exception(exc))))
    st.error(
        "Something went wrong and this page could not be shown. If it keeps happening, give the operator "
        f"this reference: {ref}",
        icon=":material/error:",
    )


try:
    ctx = install_context()
    # Settings writes the server's configuration (model URL, API key): in team mode only admins get that page.
    pages = [p for p in PAGES if ctx.is_admin or p.url_path != "settings"]
    if ctx.service.role == "coach":
        pages.append(st.Page("views/team.py", title="Team", icon=":material/school:", url_path="team"))
    if (
        ctx.is_admin and ctx.settings.auth == "oidc"
    ):  # roles and teams only mean something when people sign in
        pages.append(
            st.Page("views/people.py", title="People", icon=":material/manage_accounts:", url_path="people")
        )
    st.navigation(pages, position="top").run()
except Exception as exc:  # noqa: BLE001 - Streamlit's rerun/stop signals are BaseExceptions and pass through
    _report(exc)
