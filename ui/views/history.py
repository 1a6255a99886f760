"""History: sessions with their branches grouped under them, a persona / difficulty filter, trends that compare
like with like, CSV export, and open, export or delete one session."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from simulator.export import transcript_json, transcript_markdown
from simulator.modes import session_mode
from simulator.session import InputError, SessionNotFound
from simulator.store import SessionRow
from ui.actions import open_page
from ui.coaching import OUTCOMES
from ui.context import AppContext, app_context, current_session, set_session
from ui.plain import csv_bytes, root_of, session_name
from ui.safe import md_text

ALL = "All"
# Ten colours that stay apart for most colour-blind readers (Okabe–Ito plus two), each line also gets a shape.
PALETTE = [
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#8C564B",
    "#F0E442",
    "#7F7F7F",
]


def grouped(rows: list[SessionRow]) -> list[tuple[SessionRow, list[SessionRow]]]:
    """Each first session (newest first) with its branches (and branches of branches), oldest first."""
    by_id = {r.id: r for r in rows}
    families: dict[str, list[SessionRow]] = {}
    for row in rows:
        root = root_of(row, by_id)
        if row.id != root.id:
            families.setdefault(root.id, []).append(row)
    roots = [r for r in rows if root_of(r, by_id).id == r.id]
    roots.sort(key=lambda r: r.created_at, reverse=True)
    return [(r, sorted(families.get(r.id, []), key=lambda b: b.created_at)) for r in roots]


def table(groups: list[tuple[SessionRow, list[SessionRow]]]) -> pd.DataFrame:
    """One row per session, each branch right under the session it came from."""
    out = []
    for root, branches in groups:
        for row in (root, *branches):
            out.append(
                {
                    "session": "↳ branch from turn " + str(row.branch_from_turn)
                    if row.parent_id
                    else f"{row.persona_name} · {datetime.fromtimestamp(row.created_at):%-d %b %Y, %H:%M}",
                    "date": datetime.fromtimestamp(row.created_at),
                    "persona": row.persona_name,
                    "difficulty": row.difficulty,
                    "mode": session_mode(row.mode),
                    "outcome": OUTCOMES.get(row.outcome, OUTCOMES[None])[0]
                    if row.status == "ended"
                    else "In progress",
                    "overall": row.overall,
                    "your turns": row.user_turns,
                    **{k.replace("_", " "): v for k, v in (row.scores or {}).items()},
                }
            )
    return pd.DataFrame(out)


def _filter(rows: list[SessionRow]) -> list[SessionRow]:
    personas = sorted({r.persona_name for r in rows})
    levels = [d for d in ("easy", "realistic", "hard") if any(r.difficulty == d for r in rows)]
    levels += sorted({r.difficulty for r in rows} - set(levels))
    left, right = st.columns(2)
    persona = left.selectbox("Persona", [ALL, *personas], key="history-persona")
    level = right.selectbox("Difficulty", [ALL, *levels], key="history-difficulty")
    return [r for r in rows if persona in (ALL, r.persona_name) and level in (ALL, r.difficulty)]


def _trend(rows: list[SessionRow]) -> None:
    """Overall score attempt by attempt, one line per persona and difficulty: like is compared with like."""
    import altair as alt  # only History draws charts: kept off the app's start-up path

    scored = sorted((r for r in rows if r.overall is not None), key=lambda r: r.created_at)
    if not scored:
        st.markdown("Charts appear once a session in this selection has been scored.")
        return
    counts: dict[str, int] = {}
    points = []
    for r in scored:
        group = f"{r.persona_name} · {r.difficulty}"
        counts[group] = counts.get(group, 0) + 1
        points.append(
            {
                "rehearsal": group,
                "attempt": counts[group],
                "overall": r.overall,
                "kind": "branch" if r.parent_id else "first try",
            }
        )
    frame = pd.DataFrame(points)
    legend = alt.Legend(orient="bottom", columns=1, labelLimit=0, title=None, symbolStrokeWidth=3)
    chart = (
        alt.Chart(frame)
        .mark_line(point=alt.OverlayMarkDef(size=70, filled=True), strokeWidth=2.5)
        .encode(
            x=alt.X("attempt:Q", title="attempt (oldest first)", axis=alt.Axis(tickMinStep=1, format="d")),
            y=alt.Y("overall:Q", title="overall score", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("rehearsal:N", scale=alt.Scale(range=PALETTE), legend=legend),
            shape=alt.Shape("rehearsal:N", legend=legend),
            tooltip=["rehearsal", "attempt", "overall", "kind"],
        )
    )
    st.markdown(
        "**Overall score, attempt by attempt** — one line per persona and difficulty, so each line "
        "compares like with like"
    )
    st.altair_chart(chart, width="stretch")
    groups = sorted(counts)
    if len(groups) == 1:
        dims = pd.DataFrame(
            [
                {"attempt": i + 1, **{k.replace("_", " "): v for k, v in (r.scores or {}).items()}}
                for i, r in enumerate(scored)
            ]
        ).melt("attempt", var_name="dimension", value_name="score")
        dims = dims.dropna()
        if not dims.empty:
            dim_chart = (
                alt.Chart(dims)
                .mark_line(point=alt.OverlayMarkDef(size=60, filled=True))
                .encode(
                    x=alt.X(
                        "attempt:Q", title="attempt (oldest first)", axis=alt.Axis(tickMinStep=1, format="d")
                    ),
                    y=alt.Y("score:Q", title="score", scale=alt.Scale(domain=[0, 100])),
                    color=alt.Color("dimension:N", scale=alt.Scale(range=PALETTE), legend=legend),
                    shape=alt.Shape("dimension:N", legend=legend),
                    tooltip=["dimension", "attempt", "score"],
                )
            )
            st.markdown(f"**Each dimension, attempt by attempt** — {md_text(groups[0])}")
            st.altair_chart(dim_chart, width="stretch")
    else:
        st.markdown(
            ":small[Pick one persona and one difficulty above to see each dimension attempt by attempt.]"
        )


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
    c3.download_button(
        "Markdown",
        transcript_markdown(transcript, view.scorecard, view.assessments),
        file_name=f"parley-{row.id}.md",
        mime="text/markdown",
        icon=":material/download:",
        on_click=ctx.service.record_export,
        args=(row.id, "md"),
    )
    c4.download_button(
        "JSON",
        transcript_json(transcript, view.scorecard),
        file_name=f"parley-{row.id}.json",
        mime="application/json",
        icon=":material/data_object:",
        on_click=ctx.service.record_export,
        args=(row.id, "json"),
    )
    with c5.popover("Delete", icon=":material/delete:"):
        st.markdown("Deletes this session and its checkpoints. Branches made from it are kept.")
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
    shown = _filter(rows)
    if not shown:
        st.info("No sessions match this persona and difficulty.")
        return
    groups = grouped(shown)
    n_branches = sum(len(b) for _, b in groups)
    st.markdown(
        f"{len(groups)} session{'s' if len(groups) != 1 else ''}"
        + (
            f", with {n_branches} branch{'es' if n_branches != 1 else ''} listed under the session "
            "they came from"
            if n_branches
            else ""
        )
    )
    frame = table(groups)
    st.dataframe(
        frame.drop(columns=["date"]),
        hide_index=True,
        column_config={
            "overall": st.column_config.ProgressColumn(min_value=0, max_value=100, format="%d"),
        },
    )
    st.download_button(
        "Download CSV",
        csv_bytes(frame),
        file_name="parley-history.csv",
        mime="text/csv",
        icon=":material/table:",
    )
    _trend(shown)
    st.subheader("Open, export or delete")
    ordered = [row for root, branches in groups for row in (root, *branches)]
    by_id = {r.id: r for r in ordered}
    ids = list(by_id)
    current = current_session()
    pick = st.selectbox(
        "Session",
        ids,
        index=ids.index(current) if current in ids else 0,
        format_func=lambda i: (
            session_name(by_id[i]) + f" · {by_id[i].overall if by_id[i].overall is not None else '—'}"
        ),
    )
    _actions(ctx, by_id[pick])


render(app_context())
