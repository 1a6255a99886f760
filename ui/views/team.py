"""Team (coaches only): the sessions of the learners in your team, read-only, and a comment on any of their turns."""

from __future__ import annotations

import streamlit as st

from simulator.session import InputError, SessionNotFound
from ui.context import AppContext, app_context
from ui.plain import session_name
from ui.safe import md_text


def render(ctx: AppContext) -> None:
    """The Team page."""
    st.title("Team")
    rows = ctx.service.team_sessions()
    if not rows:
        st.info(md_text(f"No sessions yet from the learners in team {ctx.service.team or '—'}."))
        return
    by_id = {r.id: r for r in rows}
    pick = st.selectbox("Session", list(by_id), format_func=lambda i: f"{by_id[i].owner} · {session_name(by_id[i])}")
    try:
        view = ctx.service.view(pick)
    except (InputError, SessionNotFound) as exc:
        st.warning(md_text(exc))
        return
    user_turn = 0
    for turn in view.turns:
        if turn["role"] == "user":
            user_turn += 1
        with st.chat_message("user" if turn["role"] == "user" else "assistant"):
            label = f"**Turn {user_turn}** · " if turn["role"] == "user" else ""
            st.markdown(label + md_text(turn["text"]))
    for c in ctx.service.comments(pick):
        st.info(md_text(f"Turn {c['turn']} · {c['author']}: {c['text']}"), icon=":material/school:")
    if not user_turn:
        return
    with st.form("comment", clear_on_submit=True):
        turn_no = st.number_input("Turn", min_value=1, max_value=user_turn, value=user_turn, step=1)
        text = st.text_area("Comment (the learner sees it in Review, with your name)", max_chars=2000)
        if st.form_submit_button("Add comment", type="primary"):
            try:
                ctx.service.comment(pick, int(turn_no), text)
            except (InputError, SessionNotFound) as exc:
                st.error(md_text(exc))
            else:
                st.rerun()


render(app_context())
