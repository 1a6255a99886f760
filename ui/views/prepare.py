"""Prepare: the mirror questions, answered before meeting the counterpart, then start a rehearsal."""

from __future__ import annotations

import time

import streamlit as st

from simulator.modes import DEFAULT_MODE, MODE_LABELS, MODES
from simulator.personas import DIFFICULTIES
from simulator.transcript import MIRROR_QUESTIONS
from ui.actions import prep_draft, start_rehearsal
from ui.assignments import learner_assignments
from ui.context import PREP_KEY, AppContext, app_context
from ui.safe import md_text

# Each mirror answer may hold at most this many characters (a few paragraphs; the answers are stored with the session).
MAX_PREP_CHARS = 4_000


def too_long_answers(answers: dict[str, str]) -> list[str]:
    """The mirror questions whose answer is longer than MAX_PREP_CHARS."""
    questions = {key: question for key, question, _ in MIRROR_QUESTIONS}
    return [questions.get(key, key) for key, value in answers.items() if len(value or "") > MAX_PREP_CHARS]


def render(ctx: AppContext) -> None:
    """The mirror questions form, the counterpart picker and the start button."""
    st.title("Prepare")
    st.caption(
        "Start with yourself. Answer the mirror questions before you talk to anyone: "
        "your answers stay visible while you rehearse and are used in the debrief."
    )
    library = ctx.service.library
    ids = library.ids()
    if not ids:
        st.error("No personas are installed. Add one on the Personas page.")
        return
    learner_assignments(ctx)
    chosen = st.session_state.get("parley.persona")
    left, right = st.columns([3, 2], gap="large")
    with right:
        persona_id = st.selectbox(
            "Who are you rehearsing with?",
            ids,
            index=ids.index(chosen) if chosen in ids else 0,
            format_func=lambda pid: f"{library.personas[pid].name} — {library.personas[pid].title}",
        )
        persona = library.get(persona_id)
        st.session_state["parley.persona"] = persona_id
        with st.container(border=True):
            st.markdown("**Your side**")
            st.markdown(md_text(persona.user_brief.role))
            st.markdown("**Your goal:** " + md_text(persona.user_brief.goal))
            for item in persona.user_brief.constraints:
                st.markdown("- " + md_text(item))
            st.caption(md_text(persona.user_brief.unknown_hint))
    draft = prep_draft()
    if not any(v.strip() for v in draft.values()) and (last := ctx.service.last_prep(persona_id)):
        earlier, row = last
        draft = earlier.model_dump()
        when = time.strftime("%d %b %Y", time.localtime(row.created_at))
        left.info(
            f"Pre-filled with the answers you gave for your rehearsal with {md_text(row.persona_name)} on "
            f"{when}. Change whatever is different this time.",
            icon=":material/history:",
        )
    with left, st.form("prep"):
        answers = {
            key: st.text_area(
                question,
                value=draft.get(key, "")[:MAX_PREP_CHARS],
                help=hint,
                height=90,
                max_chars=MAX_PREP_CHARS,
            )
            for key, question, hint in MIRROR_QUESTIONS
        }
        c1, c2 = st.columns(2)
        difficulty = c1.segmented_control(
            "Difficulty", DIFFICULTIES, default=persona.default_difficulty, required=True
        )
        mode = c2.radio("Mode", MODES, format_func=MODE_LABELS.__getitem__)
        save, start = st.columns(2)
        saved = save.form_submit_button("Save my answers", width="stretch")
        started = start.form_submit_button("Start the rehearsal", type="primary", width="stretch")
    if (saved or started) and (long := too_long_answers(answers)):
        st.error(
            f"Each answer can be at most {MAX_PREP_CHARS:,} characters; shorten: "
            + "; ".join(md_text(q) for q in long)
        )
        return
    if saved or started:
        st.session_state[PREP_KEY] = answers
    if saved:
        st.success("Saved. They will be attached to the next rehearsal you start.")
    if started:
        start_rehearsal(ctx, persona_id, difficulty or persona.default_difficulty, mode or DEFAULT_MODE)


render(app_context())
