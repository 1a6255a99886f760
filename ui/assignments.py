"""Assignments in the app: how one reads (persona, difficulty, due date, status) and starting one from Prepare."""

from __future__ import annotations

import streamlit as st

from simulator.personas import PersonaLibrary
from simulator.session import InputError, SessionNotFound
from simulator.store import AssignmentRow, StoreError
from ui.actions import open_page, prep_draft
from ui.context import AppContext, set_session
from ui.safe import md_text

STATUS_COLOURS = {"assigned": "blue", "started": "orange", "done": "green", "cancelled": "gray"}


def persona_label(library: PersonaLibrary, persona_id: str) -> str:
    """'Tomás Reyes — Coffee supply renewal', or the id when that persona is no longer installed."""
    persona = library.personas.get(persona_id)
    return f"{persona.name} — {persona.title}" if persona else f"{persona_id} (no longer installed)"


def summary(library: PersonaLibrary, row: AssignmentRow) -> str:
    """One line: persona, difficulty and due date, as Markdown-safe text."""
    due = f"due {row.due}" if row.due else "no due date"
    return md_text(f"{persona_label(library, row.persona_id)} · {row.difficulty} · {due}")


def status_badge(row: AssignmentRow) -> None:
    """The status (assigned / started / done / cancelled), red with 'overdue' when past its due date."""
    overdue = row.overdue()
    st.badge(
        row.label(),
        color="red" if overdue else STATUS_COLOURS.get(row.status, "gray"),  # type: ignore[arg-type]
        icon=":material/schedule:" if overdue else None,
    )


def _start(ctx: AppContext, row: AssignmentRow) -> None:
    try:
        with st.spinner("The counterpart is getting ready…"):
            result = ctx.service.start_assignment(row.id, prep=prep_draft())
    except (InputError, SessionNotFound, StoreError) as exc:
        st.error(md_text(exc))
        return
    set_session(result.session_id)
    st.session_state["parley.last_note"] = result.note
    open_page("views/rehearse.py", result.session_id)


def learner_assignments(ctx: AppContext) -> None:
    """Prepare: the rehearsals a coach assigned to this person, open ones first, each with its status and a button
    that starts it with the assigned persona and difficulty (and the answers saved below)."""
    rows = [r for r in ctx.service.assignments() if r.learner == ctx.service.owner]
    if not rows:
        return
    rows.sort(key=lambda r: (r.status == "done", r.due or "9999", -r.created_at))
    library = ctx.service.library
    with st.container(border=True, key="assignments"):
        st.subheader("Assigned to you")
        for row in rows:
            with st.container(key=f"assignment-{row.id}"):
                text, action = st.columns([4, 1], vertical_alignment="center")
                with text:
                    st.markdown(
                        f"**{summary(library, row)}**  \n"
                        + md_text(f"From {row.coach}")
                        + (f": “{md_text(row.note)}”" if row.note else "")
                    )
                    status_badge(row)
                with action:
                    linked = _open_session(ctx, row)
                    if row.status == "done":
                        if linked and st.button(
                            "Review", key=f"review-{row.id}", icon=":material/fact_check:"
                        ):
                            open_page("views/review.py", linked)
                    elif linked:
                        if st.button("Continue", key=f"continue-{row.id}", icon=":material/forum:"):
                            open_page("views/rehearse.py", linked)
                    elif st.button(
                        "Start", key=f"start-{row.id}", type="primary", icon=":material/play_arrow:"
                    ):
                        _start(ctx, row)
        st.caption(
            "Start uses the persona and difficulty your coach chose and the mirror answers you saved below; "
            "the assignment is done when you end that rehearsal (or reach a deal)."
        )


def _open_session(ctx: AppContext, row: AssignmentRow) -> str | None:
    """The session started from this assignment, if it still exists (a deleted one can be started again)."""
    if not row.session_id:
        return None
    return row.session_id if ctx.service.store.get_session(row.session_id, owner=ctx.service.owner) else None
