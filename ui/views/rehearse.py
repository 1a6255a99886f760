"""Rehearse: the conversation, live coaching in practice mode, the concerns meter, rewind and end."""

from __future__ import annotations

import logging

import streamlit as st

from simulator.evaluation.coaching import coach_turn
from simulator.modes import coaches
from simulator.session import InputError, SessionNotFound, SessionView
from simulator.store import StoreError
from simulator.transcript import MIRROR_QUESTIONS
from ui.actions import open_page
from ui.coaching import move_labels, show_badges
from ui.context import AppContext, app_context, current_session, set_session
from ui.plain import USER_NAME, fallback_notice
from ui.safe import md_text, snippet

log = logging.getLogger("parley.ui")
COUNTERPART_AVATAR = ":material/person:"
USER_AVATAR = ":material/record_voice_over:"


def _run_turn(ctx: AppContext, session_id: str, name: str, send) -> None:  # noqa: ANN001 - send(on_token) -> TurnResult
    """Run one service call with the reply streaming into a chat bubble; rerun on success."""
    with st.chat_message(name, avatar=COUNTERPART_AVATAR):
        st.markdown(f"**{md_text(name)}**")
        placeholder = st.empty()
        streamed: list[str] = []

        def on_token(token: str) -> None:
            streamed.append(token)
            placeholder.markdown(md_text("".join(streamed)) + " ▌")

        try:
            with st.spinner("Thinking…"):
                result = send(on_token)
        except InputError as exc:
            placeholder.empty()
            st.warning(md_text(exc))
            return
        except StoreError as exc:
            placeholder.empty()
            st.error(md_text(exc))  # says what is wrong with the database and what to do
            return
        except Exception:  # noqa: BLE001 - the user sees plain words; the details go to the server log
            log.exception("turn failed for session %s", session_id)
            placeholder.empty()
            st.error("Something went wrong while the counterpart answered. Your turn was saved; try again.")
            return
    st.session_state["parley.last_notice"] = result.notice
    set_session(result.session_id)
    st.rerun()


def _end_button(ctx: AppContext, view: SessionView) -> None:
    """End the session, after a confirmation: ending cannot be undone (a rewind can still branch from it)."""
    with st.popover("End the session", icon=":material/flag:", width="stretch"):
        st.markdown(
            "End the rehearsal now and get the scorecard? You cannot add turns to it afterwards; "
            "you can still rewind to an earlier turn and try another path."
        )
        if st.button("Yes, end and score it", type="primary", key="end-confirm", width="stretch"):
            try:
                with st.spinner("Scoring your rehearsal…"):
                    ctx.service.end(view.row.id)
            except StoreError as exc:
                st.error(md_text(exc))
            except InputError as exc:
                st.warning(md_text(exc))
            else:
                open_page("views/review.py", view.row.id)


def meter_html(done: int, total: int, deeper: int, deeper_total: int) -> str:
    """The concerns meter as an ARIA meter with a real accessible name (st.progress is announced as "progress").
    Only numbers go into this markup, never user or persona text."""
    done, total, deeper, deeper_total = (int(x) for x in (done, total, deeper, deeper_total))
    pct = round(100 * done / total) if total else 0
    return (
        f'<div role="meter" aria-label="Concerns uncovered" aria-valuemin="0" aria-valuemax="{total}" '
        f'aria-valuenow="{done}" aria-valuetext="{done} of {total} concerns uncovered" '
        'style="font-size:0.875rem;line-height:1.4">'
        f"<div>Concerns uncovered: <strong>{done} of {total}</strong></div>"
        '<div aria-hidden="true" style="background:#dfe3ea;border-radius:4px;height:8px;margin:4px 0">'
        f'<div style="width:{pct}%;background:#0b5cad;height:8px;border-radius:4px"></div></div>'
        f"<div>Deeper layers drawn out: {deeper} of {deeper_total}</div></div>"
    )


def _controls(ctx: AppContext, view: SessionView, practice: bool) -> bool:
    """The meter, the coaching switch and the end button, right under the latest turn and on the page itself
    (a phone reaches them without the sidebar); returns whether coaching is on."""
    meter = view.meter
    with st.container(border=True, key="rehearse-controls"):
        left, right = st.columns([3, 2], vertical_alignment="center")
        with left:
            if practice:
                st.html(
                    meter_html(
                        meter.get("concerns_disclosed", 0),
                        meter.get("concerns_total", 0),
                        meter.get("hidden_disclosed", 0),
                        meter.get("hidden_total", 0),
                    )
                )
            else:
                st.markdown("Assessment mode: no coaching and no meter until the end.")
        with right:
            coaching = practice and st.toggle(
                "Live coaching",
                value=True,
                key="parley.coaching",
                help="After each of your turns: which move it was, one suggestion.",
            )
            if not view.ended:
                _end_button(ctx, view)
            elif st.button(
                "See the scorecard", type="primary", icon=":material/fact_check:", width="stretch"
            ):
                open_page("views/review.py", view.row.id)
        if view.ended:
            st.success(
                "This session has ended. See the scorecard, or rewind to an earlier turn to try another path."
            )
    return bool(coaching)


def _branches(view: SessionView) -> None:
    """The original this branch came from, and the branches made from this session."""
    if not view.row.parent_id and not view.branches:
        return
    with st.expander(
        "Branches of this rehearsal", icon=":material/call_split:", expanded=bool(view.row.parent_id)
    ):
        if view.row.parent_id:
            st.markdown(f"A branch from turn {view.row.branch_from_turn} of an earlier session.")
            if st.button("Open the original", icon=":material/undo:"):
                open_page("views/rehearse.py", view.row.parent_id)
        for branch in view.branches:
            label = f"Branch from turn {branch.branch_from_turn} ({branch.user_turns} turns)"
            if st.button(label, key=f"branch-{branch.id}", icon=":material/call_split:"):
                open_page("views/rehearse.py", branch.id)


def _briefs(view: SessionView) -> None:
    prep = view.row.prep or {}
    with st.expander("My preparation", icon=":material/edit_note:"):
        written = [(q, prep.get(k, "")) for k, q, _ in MIRROR_QUESTIONS if prep.get(k, "").strip()]
        if not written:
            st.caption("No mirror answers were written for this session.")
        for question, answer in written:
            st.markdown(f"**{md_text(question)}**  \n{md_text(answer)}")
    brief = view.persona.user_brief
    with st.expander("Your side of the brief", icon=":material/badge:"):
        st.markdown(md_text(brief.role) + "  \n**Goal:** " + md_text(brief.goal))
        for item in brief.constraints:
            st.markdown("- " + md_text(item))


def _conversation(view: SessionView, coaching: bool) -> None:
    user_n = 0
    last_user = sum(1 for t in view.turns if t["role"] == "user")
    name = view.persona.name
    for turn in view.turns:
        if turn["role"] == "user":
            user_n += 1
            with st.chat_message(USER_NAME, avatar=USER_AVATAR):
                st.markdown(f"**{USER_NAME}**")
                st.markdown(md_text(turn["text"]))
                assessment = view.assessments[user_n - 1] if user_n <= len(view.assessments) else {}
                if coaching and assessment:
                    show_badges(move_labels(assessment), assessment.get("window"))
                    if user_n == last_user and not view.ended:
                        # Body-coloured text, not a caption: the coach line must meet WCAG AA contrast.
                        st.markdown(":small[**Coach:** " + md_text(coach_turn(assessment)) + "]")
        else:
            with st.chat_message(name, avatar=COUNTERPART_AVATAR):
                st.markdown(f"**{md_text(name)}**")
                st.markdown(md_text(turn["text"]))


def _rewind(ctx: AppContext, view: SessionView) -> None:
    mine = [t["text"] for t in view.turns if t["role"] == "user"]
    if not mine:
        return
    with st.expander("Rewind: try a different reply", icon=":material/history:"):
        st.caption(
            "Go back to before one of your turns and say something else. The original conversation is kept."
        )
        turn = st.selectbox(
            "Replace my turn",
            list(range(1, len(mine) + 1)),
            index=len(mine) - 1,
            format_func=lambda n: f"Turn {n}: {snippet(mine[n - 1])}",
        )
        with st.form("rewind", clear_on_submit=True):
            text = st.text_area("What I say instead", height=80)
            submitted = st.form_submit_button("Try this reply", icon=":material/call_split:")
    if submitted:
        _run_turn(
            ctx,
            view.row.id,
            view.persona.name,
            lambda on_token: ctx.service.rewind(view.row.id, turn, text, on_token=on_token),
        )


def render(ctx: AppContext) -> None:
    """The rehearsal page for the session in the URL."""
    session_id = current_session()
    if not session_id:
        st.title("Rehearse")
        st.info("No rehearsal is open. Answer the mirror questions and pick a counterpart to start one.")
        st.page_link("views/prepare.py", label="Prepare", icon=":material/edit_note:")
        st.page_link("views/personas.py", label="Personas", icon=":material/groups:")
        return
    try:
        view = ctx.service.view(session_id)
    except SessionNotFound:
        set_session(None)
        st.warning("That rehearsal no longer exists (it may have been deleted). Start a new one on Prepare.")
        return
    except InputError as exc:
        st.error(md_text(exc))
        return
    if (
        view.row.owner != ctx.service.owner
    ):  # a coach reading a learner's session: only its owner rehearses it
        st.info(md_text(f"This is {view.row.owner}'s rehearsal. Read it and comment on the Team page."))
        return
    persona = view.persona
    practice = coaches(view.row.mode)
    st.title(f"Rehearsing with {md_text(persona.name)}")
    st.caption(
        f"{md_text(persona.role)} · {md_text(view.row.difficulty)} · {'practice' if practice else 'assessment'} mode"
    )
    coaching = bool(practice and st.session_state.get("parley.coaching", True))
    _briefs(view)
    _branches(view)
    st.session_state.pop("parley.last_note", None)  # shown once, from the turns, by fallback_notice below
    notice = st.session_state.pop("parley.last_notice", None)
    fallback = fallback_notice(view.turns, persona.name)
    if fallback:  # once per session, with the latest reason: not under every counterpart line
        st.warning(md_text(fallback), icon=":material/cloud_off:")
    if notice:
        st.warning(md_text(notice))
    _conversation(view, coaching)
    _controls(ctx, view, practice)
    _rewind(ctx, view)
    prompt = st.chat_input(
        f"Say something to {persona.name}", disabled=view.ended, max_chars=ctx.settings.max_turn_chars * 2
    )
    if prompt:
        with st.chat_message(USER_NAME, avatar=USER_AVATAR):
            st.markdown(f"**{USER_NAME}**")
            st.markdown(md_text(prompt))
        _run_turn(
            ctx,
            session_id,
            persona.name,
            lambda on_token: ctx.service.reply(session_id, prompt, on_token=on_token),
        )


render(app_context())
