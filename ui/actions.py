"""Page actions shared by several pages: starting a rehearsal and opening a session on another page."""

from __future__ import annotations

import streamlit as st

from simulator.session import InputError
from ui.context import PREP_KEY, AppContext, set_session
from ui.safe import md_text


def prep_draft() -> dict[str, str]:
    """The mirror answers written so far in this tab."""
    return dict(st.session_state.get(PREP_KEY) or {})


def start_rehearsal(ctx: AppContext, persona_id: str, difficulty: str, mode: str) -> None:
    """Start a session with the prep draft and go to Rehearse; shows the reason if it cannot start."""
    try:
        with st.spinner("The counterpart is getting ready…"):
            result = ctx.service.start(persona_id, difficulty, prep=prep_draft(), mode=mode)
    except InputError as exc:
        st.error(md_text(exc))
        return
    set_session(result.session_id)
    st.session_state["parley.last_note"] = result.note
    open_page("views/rehearse.py", result.session_id)


def open_page(page: str, session_id: str | None) -> None:
    """Switch to a page, keeping the session id in the URL."""
    if session_id:
        set_session(session_id)
    st.switch_page(page, query_params={"session": session_id} if session_id else None)
