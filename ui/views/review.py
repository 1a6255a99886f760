"""Review: the headline of the debrief, the whole conversation with what each turn did, the scorecard, the concerns
map, "Try again", and the branches side by side under readable names."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from simulator.export import transcript_json, transcript_markdown
from simulator.modes import session_mode
from simulator.session import InputError, SessionNotFound, SessionView
from simulator.store import SessionRow, StoreError
from ui import scorecard as card
from ui.actions import open_page
from ui.coaching import OUTCOMES, move_labels, show_badges
from ui.context import AppContext, app_context, current_session, set_session
from ui.plain import (
    USER_NAME,
    first_name,
    headline,
    replies_by_user_turn,
    reply_effect,
    root_of,
    session_name,
    when,
)
from ui.safe import md_text, snippet

COUNTERPART_AVATAR = ":material/person:"
USER_AVATAR = ":material/record_voice_over:"


def _family(ctx: AppContext, view: SessionView) -> list[SessionRow]:
    """The original session and every branch made from it (branches of branches too), oldest first."""
    mine = view.row.owner == ctx.service.owner
    rows = {r.id: r for r in (ctx.service.sessions() if mine else ctx.service.team_sessions())}
    root = root_of(rows.get(view.row.id, view.row), rows).id
    return sorted((r for r in rows.values() if root_of(r, rows).id == root), key=lambda r: r.created_at)


def _first_different_turn(ctx: AppContext, row: SessionRow) -> str | None:
    """The user's turn where a branch starts to differ from its parent."""
    if not row.parent_id or not row.branch_from_turn:
        return None
    try:
        mine = [t["text"] for t in ctx.service.view(row.id).turns if t["role"] == "user"]
    except (InputError, SessionNotFound):
        return None
    n = row.branch_from_turn
    return mine[n - 1] if 0 < n <= len(mine) else None


def branch_names(ctx: AppContext, family: list[SessionRow], current: str) -> dict[str, str]:
    """A readable, unique name per session: persona, difficulty, date and, for a branch, its first different turn."""
    names: dict[str, str] = {}
    for row in family:
        name = ("Original · " if not row.parent_id else "") + session_name(
            row, _first_different_turn(ctx, row)
        )
        if row.id == current:
            name += " (this one)"
        base, k = name, 2
        while name in names.values():
            name, k = f"{base} ({k})", k + 1
        names[row.id] = name
    return names


def branch_table(family: list[SessionRow], names: dict[str, str]) -> pd.DataFrame:
    """Original and branches side by side: one column per session (by its readable name), one row per score."""
    keys: list[str] = []
    for row in family:
        keys += [k for k in (row.scores or {}) if k not in keys]
    table = {
        names[row.id]: [
            row.overall,
            *[(row.scores or {}).get(k) for k in keys],
            OUTCOMES.get(row.outcome, OUTCOMES[None])[0],
            row.user_turns,
        ]
        for row in family
    }
    index = ["overall", *[k.replace("_", " ") for k in keys], "outcome", "your turns"]
    return pd.DataFrame(table, index=index).astype(str).replace({"None": "—"})


def _headline(scorecard: dict[str, Any] | None) -> None:
    """What went well, the one thing to practise next, and an example from this session with a better version."""
    top = headline(scorecard)
    if not top:
        return
    with st.container(border=True, key="headline"):
        st.subheader("Your debrief in a minute")
        if top["went_well"]:
            st.markdown(":material/thumb_up: **What went well.** " + md_text(top["went_well"]))
        st.markdown(
            ":material/target: **Practise next: "
            + md_text(top["practise"])
            + ".** "
            + md_text(top["practise_why"])
        )
        rewrite = top.get("rewrite")
        if rewrite:
            st.markdown(
                f"**From this session, turn {md_text(rewrite.get('turn'))}:** "
                f"“{md_text(rewrite.get('original', ''))}”  \n"
                f"**A better version:** “{md_text(rewrite.get('suggestion', ''))}”"
            )
            if rewrite.get("why"):
                st.markdown(":small[" + md_text(rewrite["why"]) + "]")


def _try_again(ctx: AppContext, view: SessionView) -> None:
    """Start again with the same persona and difficulty, or branch from a chosen turn with a different reply."""
    mine = [t["text"] for t in view.turns if t["role"] == "user"]
    with st.container(border=True, key="try-again"):
        st.subheader("Try again")
        if st.button(
            f"Try again with {first_name(view.persona)} ({view.row.difficulty})",
            type="primary",
            icon=":material/replay:",
            key="try-again-new",
        ):
            try:
                with st.spinner("The counterpart is getting ready…"):
                    result = ctx.service.start(
                        view.row.persona_id,
                        view.row.difficulty,
                        prep=view.row.prep,
                        mode=session_mode(view.row.mode),
                    )
            except (InputError, StoreError) as exc:
                st.error(md_text(exc))
            else:
                open_page("views/rehearse.py", result.session_id)
        if not mine:
            return
        with st.expander("…or from a chosen turn, with a different reply", icon=":material/call_split:"):
            turn = st.selectbox(
                "Go back to before my turn",
                list(range(1, len(mine) + 1)),
                index=len(mine) - 1,
                format_func=lambda n: f"Turn {n}: {snippet(mine[n - 1])}",
                key="try-turn",
            )
            with st.form("try-from-turn", clear_on_submit=True):
                text = st.text_area("What I say instead", height=80)
                go = st.form_submit_button("Try from this turn", icon=":material/call_split:")
        if go:
            try:
                with st.spinner("The counterpart is answering…"):
                    result = ctx.service.rewind(view.row.id, turn, text)
            except (InputError, StoreError) as exc:
                st.warning(md_text(exc))
            else:
                open_page("views/rehearse.py", result.session_id)


def conversation(scorecard: dict[str, Any] | None, view: SessionView) -> None:
    """The whole conversation, both sides; each of the user's turns with its moves and, in plain words, what it
    won or cost."""
    scored = {t.get("turn"): t for t in (scorecard or {}).get("turns", [])}
    replies = replies_by_user_turn(view.turns)
    name = view.persona.name
    n = 0
    for turn in view.turns:
        if turn["role"] != "user":
            with st.chat_message(name, avatar=COUNTERPART_AVATAR):
                st.markdown(f"**{md_text(name)}**")
                st.markdown(md_text(turn["text"]))
            continue
        n += 1
        info = scored.get(n) or {}
        assessment = view.assessments[n - 1] if n <= len(view.assessments) else {}
        labels = list(info.get("moves") or []) or move_labels(assessment)
        labels += [f for f in info.get("flags") or [] if f not in labels]
        with st.container(key=f"turn-{n}"), st.chat_message(USER_NAME, avatar=USER_AVATAR):
            st.markdown(f"**{USER_NAME}, turn {n}**")
            st.markdown(md_text(turn["text"]))
            show_badges(labels or ["other"], info.get("window") or assessment.get("window"))
            st.markdown(
                ":small[**What it did:** " + md_text(reply_effect(replies.get(n), view.persona)) + "]"
            )
            if info.get("suggestion"):
                st.markdown(":small[**Try:** " + md_text(info["suggestion"]) + "]")


def _branches(ctx: AppContext, view: SessionView, family: list[SessionRow]) -> None:
    if len(family) <= 1:
        if view.row.owner != ctx.service.owner:
            st.markdown("No branches.")
            return
        st.markdown(
            "No branches yet. Use **Try again** above, or rewind on Rehearse, to try a different path "
            "and compare them here."
        )
        return
    names = branch_names(ctx, family, view.row.id)
    st.dataframe(branch_table(family, names))
    others = [r.id for r in family if r.id != view.row.id]
    pick = st.selectbox("Open another version", others, format_func=names.__getitem__)
    if st.button("Open in Review", key="open-branch"):
        open_page("views/review.py", pick)


def _exports(ctx: AppContext, view: SessionView) -> None:
    transcript = ctx.service.transcript(view.row.id)
    a, b = st.columns(2)
    a.download_button(
        "Download Markdown",
        transcript_markdown(transcript, view.scorecard, view.assessments),
        file_name=f"parley-{view.row.id}.md",
        mime="text/markdown",
        icon=":material/download:",
        on_click=ctx.service.record_export,
        args=(view.row.id, "md"),
    )
    b.download_button(
        "Download JSON",
        transcript_json(transcript, view.scorecard),
        file_name=f"parley-{view.row.id}.json",
        mime="application/json",
        icon=":material/data_object:",
        on_click=ctx.service.record_export,
        args=(view.row.id, "json"),
    )


def _coach_comments(ctx: AppContext, view: SessionView) -> None:
    """Comments coaches left on this session's turns, with the coach's name (shown to the learner)."""
    comments = ctx.service.comments(view.row.id)
    if not comments:
        return
    st.markdown("**Comments from your coach**")
    for c in comments:
        st.info(md_text(f"Turn {c['turn']} · {c['author']}: {c['text']}"), icon=":material/school:")


def _open(ctx: AppContext, session_id: str) -> SessionView | None:
    """The session to review, or None after saying why there is none."""
    try:
        return ctx.service.view(session_id)
    except SessionNotFound:
        set_session(None)
        st.warning("That session no longer exists (it may have been deleted).")
    except InputError as exc:
        st.error(md_text(exc))
    return None


def _not_finished(ctx: AppContext, view: SessionView, mine: bool) -> None:
    """A coach reads a learner's session read-only; a rehearsal still going can be continued, or ended and scored."""
    if not mine:
        st.info(
            md_text(
                f"This is {view.row.owner}'s rehearsal, read as their coach: only they can continue, end "
                "or try it again. Comment on it on the Team page."
            ),
            icon=":material/school:",
        )
    elif not view.ended:
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


def _metrics(view: SessionView) -> None:
    """Overall score, concerns uncovered and the outcome, side by side."""
    scorecard = view.scorecard
    outcome, colour = OUTCOMES.get(view.outcome, OUTCOMES[None])
    m1, m2, m3 = st.columns(3)
    m1.metric("Overall", "—" if not scorecard else f"{scorecard.get('overall')} / 100")
    m2.metric(
        "Concerns uncovered",
        f"{view.meter.get('concerns_disclosed', 0)} of {view.meter.get('concerns_total', 0)}",
    )
    with m3:
        st.markdown("**Outcome**")
        st.badge(outcome, color=colour)  # type: ignore[arg-type]


def _tabs(ctx: AppContext, view: SessionView) -> None:
    """Scores, Conversation, Concerns, Branches and Export."""
    scorecard = view.scorecard
    family = _family(ctx, view)
    names = ["Scores", "Conversation", "Concerns", "Branches", "Export"]
    scores, talk, concerns, branches, export = st.tabs(names)
    with scores:
        if scorecard:
            card.deal(scorecard)
            card.dimensions(scorecard)
            if scorecard.get("judge_notes"):
                st.markdown("Second opinion from the judge model: " + md_text(scorecard["judge_notes"]))
        else:
            st.markdown("No scorecard yet.")
    with talk:
        _coach_comments(ctx, view)
        conversation(scorecard, view)
    with concerns:
        card.concerns(scorecard, view)
    with branches:
        _branches(ctx, view, family)
    with export:
        _exports(ctx, view)


def render(ctx: AppContext) -> None:
    """The Review page."""
    session_id = current_session()
    st.title("Review")
    if not session_id:
        st.info("Open a session from History, or end a rehearsal, to see its scorecard here.")
        st.page_link("views/history.py", label="History", icon=":material/history:")
        return
    view = _open(ctx, session_id)
    if view is None:
        return
    st.markdown(
        f"{md_text(view.persona.name)} · {md_text(view.persona.title)} · {md_text(view.row.difficulty)} · "
        f"{md_text(view.row.mode or 'practice')} mode · {when(view.row.created_at)}"
    )
    mine = view.row.owner == ctx.service.owner  # else a coach reading a learner's session: read-only
    _not_finished(ctx, view, mine)
    _metrics(view)
    _headline(view.scorecard)
    if mine:
        _try_again(ctx, view)
    _tabs(ctx, view)


render(app_context())
