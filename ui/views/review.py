"""Review: the scorecard of the session in the URL, its highlighted turns, concerns map and branch comparison."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from simulator.export import transcript_json, transcript_markdown
from simulator.session import InputError, SessionNotFound, SessionView
from simulator.store import SessionRow, StoreError
from ui import scorecard as card
from ui.actions import open_page
from ui.coaching import OUTCOMES
from ui.context import AppContext, app_context, current_session, set_session
from ui.safe import md_text


def _family(ctx: AppContext, view: SessionView) -> list[SessionRow]:
    """The original session and every branch made from it (branches of branches too), oldest first."""
    rows = {r.id: r for r in ctx.service.sessions()}

    def root_of(row: SessionRow) -> str:
        seen = set()
        while row.parent_id and row.parent_id in rows and row.id not in seen:
            seen.add(row.id)
            row = rows[row.parent_id]
        return row.id

    root = root_of(rows.get(view.row.id, view.row))
    return sorted((r for r in rows.values() if root_of(r) == root), key=lambda r: r.created_at)


def _exports(ctx: AppContext, view: SessionView) -> None:
    transcript = ctx.service.transcript(view.row.id)
    a, b = st.columns(2)
    a.download_button("Download Markdown", transcript_markdown(transcript, view.scorecard, view.assessments),
                      file_name=f"parley-{view.row.id}.md", mime="text/markdown", icon=":material/download:")
    b.download_button("Download JSON", transcript_json(transcript, view.scorecard),
                      file_name=f"parley-{view.row.id}.json", mime="application/json", icon=":material/data_object:")


def render(ctx: AppContext) -> None:
    """The Review page."""
    session_id = current_session()
    st.title("Review")
    if not session_id:
        st.info("Open a session from History, or end a rehearsal, to see its scorecard here.")
        st.page_link("views/history.py", label="History", icon=":material/history:")
        return
    try:
        view = ctx.service.view(session_id)
    except SessionNotFound:
        set_session(None)
        st.warning("That session no longer exists (it may have been deleted).")
        return
    except InputError as exc:
        st.error(md_text(exc))
        return
    when = datetime.fromtimestamp(view.row.created_at).strftime("%d %b %Y, %H:%M")
    st.caption(f"{md_text(view.persona.name)} · {md_text(view.persona.title)} · {md_text(view.row.difficulty)} · "
               f"{md_text(view.row.mode or 'practice')} mode · {when}")
    scorecard = view.scorecard
    if not view.ended:
        st.info("This rehearsal is still going. End it to get the scorecard.")
        c1, c2 = st.columns(2)
        if c1.button("Continue rehearsing", icon=":material/forum:"):
            open_page("views/rehearse.py", view.row.id)
        if c2.button("End it and score it", type="primary", icon=":material/flag:"):
            try:
                with st.spinner("Scoring your rehearsal…"):
                    ctx.service.end(view.row.id)
            except (InputError, StoreError) as exc:
                st.error(md_text(exc))
            else:
                st.rerun()
    outcome, colour = OUTCOMES.get(view.outcome, OUTCOMES[None])
    m1, m2, m3 = st.columns(3)
    m1.metric("Overall", "—" if not scorecard else f"{scorecard.get('overall')} / 100")
    m2.metric("Concerns uncovered", f"{view.meter.get('concerns_disclosed', 0)} of {view.meter.get('concerns_total', 0)}")
    with m3:
        st.markdown("**Outcome**")
        st.badge(outcome, color=colour)  # type: ignore[arg-type]
    family = _family(ctx, view)
    names = ["Scores", "Your turns", "Concerns", "Branches", "Export"]
    scores, turns, concerns, branches, export = st.tabs(names)
    with scores:
        if scorecard:
            card.deal(scorecard)
            card.dimensions(scorecard)
            if scorecard.get("judge_notes"):
                st.caption("Second opinion from the judge model: " + md_text(scorecard["judge_notes"]))
        else:
            st.caption("No scorecard yet.")
    with turns:
        card.turns(scorecard, view)
    with concerns:
        card.concerns(scorecard, view)
    with branches:
        if len(family) > 1:
            st.dataframe(card.branch_table(family, view.row.id))
            options = {r.id: f"{'Original' if not r.parent_id else f'Branch from turn {r.branch_from_turn}'} · {r.id[:6]}"
                       for r in family if r.id != view.row.id}
            pick = st.selectbox("Open another version", list(options), format_func=options.__getitem__)
            if st.button("Open in Review", key="open-branch"):
                open_page("views/review.py", pick)
        else:
            st.caption("No branches. Rewind to an earlier turn on Rehearse to try a different path and compare.")
    with export:
        _exports(ctx, view)


render(app_context())
