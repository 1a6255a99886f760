"""History: past sessions with their scores, charts over time and by persona, open, delete and export."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from simulator.export import transcript_json, transcript_markdown
from simulator.session import InputError, SessionNotFound
from simulator.store import SessionRow
from ui.actions import open_page
from ui.coaching import OUTCOMES
from ui.context import AppContext, app_context, current_session, set_session
from ui.safe import md_text


def _table(rows: list[SessionRow]) -> pd.DataFrame:
    return pd.DataFrame([{
        "date": datetime.fromtimestamp(r.created_at), "persona": r.persona_name, "difficulty": r.difficulty,
        "mode": r.mode or "practice", "outcome": OUTCOMES.get(r.outcome, OUTCOMES[None])[0] if r.status == "ended"
        else "in progress", "overall": r.overall, "your turns": r.user_turns,
        "branch": f"from turn {r.branch_from_turn}" if r.parent_id else "", "id": r.id,
    } for r in rows])


def _charts(rows: list[SessionRow]) -> None:
    scored = [r for r in rows if r.scores]
    if not scored:
        st.caption("Charts appear once a session has been scored.")
        return
    frame = pd.DataFrame([{"date": datetime.fromtimestamp(r.created_at), "persona": r.persona_name,
                           "overall": r.overall, **{k.replace("_", " "): v for k, v in r.scores.items()}}
                          for r in scored]).sort_values("date")
    over_time, by_persona = st.columns(2)
    with over_time:
        st.markdown("**Each dimension, session by session**")
        # Numbered in order rather than by timestamp: sessions minutes or weeks apart read the same way.
        numbered = frame.drop(columns=["persona", "date"]).reset_index(drop=True)
        numbered.index = numbered.index + 1
        st.line_chart(numbered, x_label="session (oldest first)", y_label="score")
    with by_persona:
        st.markdown("**Average by persona**")
        st.bar_chart(frame.drop(columns=["date"]).groupby("persona").mean(numeric_only=True), stack=False,
                     y_label="average score")


def _actions(ctx: AppContext, row: SessionRow) -> None:
    c1, c2, c3, c4, c5 = st.columns(5)
    if c1.button("Open in Review", icon=":material/fact_check:", type="primary"):
        open_page("views/review.py", row.id)
    if row.status != "ended" and c2.button("Continue rehearsing", icon=":material/forum:"):
        open_page("views/rehearse.py", row.id)
    try:
        transcript = ctx.service.transcript(row.id)
        view = ctx.service.view(row.id)
    except (InputError, SessionNotFound) as exc:
        st.warning(md_text(exc))
        return
    c3.download_button("Markdown", transcript_markdown(transcript, view.scorecard, view.assessments),
                       file_name=f"parley-{row.id}.md", mime="text/markdown", icon=":material/download:")
    c4.download_button("JSON", transcript_json(transcript, view.scorecard), file_name=f"parley-{row.id}.json",
                       mime="application/json", icon=":material/data_object:")
    with c5.popover("Delete", icon=":material/delete:"):
        st.caption("Deletes this session and its checkpoints. Branches made from it are kept.")
        if st.button("Delete for good", type="primary", key=f"delete-{row.id}"):
            ctx.service.delete(row.id)
            if current_session() == row.id:
                set_session(None)
            st.toast("Session deleted.")
            st.rerun()


def render(ctx: AppContext) -> None:
    """The History page."""
    st.title("History")
    rows = ctx.service.sessions()
    if not rows:
        st.info("No rehearsals yet. Start one from Prepare or Personas.")
        return
    st.dataframe(_table(rows), hide_index=True, column_config={
        "date": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm"),
        "overall": st.column_config.ProgressColumn(min_value=0, max_value=100, format="%d"),
    })
    _charts(rows)
    st.subheader("Open, export or delete")
    ids = [r.id for r in rows]
    by_id = {r.id: r for r in rows}
    current = current_session()
    pick = st.selectbox("Session", ids, index=ids.index(current) if current in ids else 0, format_func=lambda i: (
        f"{by_id[i].persona_name} · {datetime.fromtimestamp(by_id[i].created_at):%d %b %Y %H:%M} · "
        f"{by_id[i].overall if by_id[i].overall is not None else '—'}" + (" · branch" if by_id[i].parent_id else "")))
    _actions(ctx, by_id[pick])


render(app_context())
