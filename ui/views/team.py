"""Team (coaches only): assign rehearsals to the learners in your team and follow their status; read their sessions
(read-only) and comment on any of their turns."""

from __future__ import annotations

from datetime import date

import streamlit as st

from simulator.personas import DIFFICULTIES
from simulator.session import MAX_NOTE_CHARS, InputError, SessionNotFound
from simulator.store import StoreError
from ui.actions import open_page
from ui.assignments import persona_label, status_badge, summary
from ui.context import AppContext, app_context
from ui.plain import session_name
from ui.safe import md_text


def _assign_form(ctx: AppContext, learners: list[str]) -> None:
    """Assign a rehearsal: learner, persona, difficulty, an optional due date and a note."""
    library = ctx.service.library
    ids = library.ids()
    with (
        st.expander("Assign a rehearsal", icon=":material/assignment_add:", expanded=True),
        st.form("assign", clear_on_submit=True),
    ):
        learner = st.selectbox("Learner", learners)
        persona_id = st.selectbox("Persona", ids, format_func=lambda pid: persona_label(library, pid))
        c1, c2 = st.columns(2)
        difficulty = c1.selectbox("Difficulty", DIFFICULTIES, index=DIFFICULTIES.index("realistic"))
        due = c2.date_input("Due date (optional)", value=None, min_value=date.today(), format="YYYY-MM-DD")
        note = st.text_area(
            "Note to the learner",
            max_chars=MAX_NOTE_CHARS,
            height=80,
            placeholder="What to practise, what to look out for",
        )
        if st.form_submit_button("Assign", type="primary", icon=":material/send:"):
            try:
                row = ctx.service.assign(learner, persona_id, difficulty, due=due, note=note)
            except (InputError, StoreError) as exc:
                st.error(md_text(exc))
            else:
                st.session_state["parley.assigned"] = (
                    f"Assigned to {row.learner}: {persona_label(library, row.persona_id)}."
                )
                st.rerun()


def assignments_section(ctx: AppContext) -> None:
    """Every assignment of the team's learners, per learner, with its status and a Cancel button while open."""
    st.subheader("Assignments")
    learners = ctx.service.team_learners()
    if not learners:
        st.info(
            md_text(
                f"No learners in team {ctx.service.team or '—'} yet. An admin adds them on the People page "
                "(or `parley team set EMAIL --role learner --team NAME`)."
            )
        )
        return
    if done := st.session_state.pop("parley.assigned", None):
        st.success(md_text(done))
    _assign_form(ctx, learners)
    show_cancelled = st.toggle("Show cancelled", key="parley.show-cancelled")
    rows = ctx.service.assignments(include_cancelled=show_cancelled)
    library = ctx.service.library
    for learner in learners:
        mine = [r for r in rows if r.learner == learner]
        st.markdown(f"**{md_text(learner)}** · {len(mine)} assignment{'s' if len(mine) != 1 else ''}")
        for row in mine:
            with st.container(border=True, key=f"assigned-{row.id}"):
                text, action = st.columns([4, 1], vertical_alignment="center")
                with text:
                    st.markdown(summary(library, row) + (f"  \n“{md_text(row.note)}”" if row.note else ""))
                    status_badge(row)
                if row.status in ("assigned", "started") and action.button(
                    "Cancel", key=f"cancel-{row.id}", icon=":material/cancel:"
                ):
                    try:
                        ctx.service.cancel_assignment(row.id)
                    except (InputError, SessionNotFound, StoreError) as exc:
                        st.error(md_text(exc))
                    else:
                        st.rerun()


def sessions_section(ctx: AppContext) -> None:
    """The learners' sessions, read-only, with the coaches' comments and a form to add one."""
    st.subheader("Sessions")
    rows = ctx.service.team_sessions()
    if not rows:
        st.info(md_text(f"No sessions yet from the learners in team {ctx.service.team or '—'}."))
        return
    by_id = {r.id: r for r in rows}
    pick = st.selectbox(
        "Session", list(by_id), format_func=lambda i: f"{by_id[i].owner} · {session_name(by_id[i])}"
    )
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
    if st.button("Open in Review", key="team-review", icon=":material/fact_check:"):
        open_page("views/review.py", pick)
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


def render(ctx: AppContext) -> None:
    """The Team page."""
    st.title("Team")
    st.caption(
        md_text(
            f"Team {ctx.service.team or '—'}: you read and comment on your learners' rehearsals and assign "
            "them new ones."
        )
    )
    assignments_section(ctx)
    sessions_section(ctx)


render(app_context())
