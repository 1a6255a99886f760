"""Personas: the gallery of counterparts, a form to create or edit one, and persona file import/export."""

from __future__ import annotations

import streamlit as st

from simulator.modes import DEFAULT_MODE, MODE_LABELS, MODES
from simulator.personas import DIFFICULTIES, Persona
from ui.actions import open_page, start_rehearsal
from ui.context import AppContext, app_context
from ui.persona_editor import FLASH_KEY, builder, editor, import_export, persona_label, plain_editor
from ui.safe import md_text


def _card(ctx: AppContext, persona: Persona, mode: str) -> None:
    with st.container(border=True):
        st.subheader(md_text(persona.name))
        st.caption(md_text(persona.role))
        # Where it comes from: tells a custom persona apart from a built-in (or another file) with the same name.
        st.caption(md_text(f"{persona.id} · {persona_label(ctx, persona.id)}"))
        st.markdown(f"**{md_text(persona.title)}**  \n{md_text(persona.scenario)}")
        st.markdown("*Good for:* " + md_text(persona.teaches))
        with st.expander("Your side of the brief"):
            st.markdown(
                md_text(persona.user_brief.role) + "  \n**Your goal:** " + md_text(persona.user_brief.goal)
            )
            for item in persona.user_brief.constraints:
                st.markdown("- " + md_text(item))
            st.caption(md_text(persona.user_brief.unknown_hint))
        difficulty = st.segmented_control(
            "Difficulty",
            DIFFICULTIES,
            default=persona.default_difficulty,
            required=True,
            key=f"difficulty-{persona.id}",
        )
        prep, go = st.columns(2)
        if prep.button(
            "Prepare first", key=f"prep-{persona.id}", icon=":material/edit_note:", width="stretch"
        ):
            st.session_state["parley.persona"] = persona.id
            open_page("views/prepare.py", None)
        if go.button(
            "Start rehearsal",
            key=f"start-{persona.id}",
            type="primary",
            icon=":material/forum:",
            width="stretch",
        ):
            start_rehearsal(ctx, persona.id, difficulty or persona.default_difficulty, mode)


def render(ctx: AppContext) -> None:
    """The Personas page."""
    st.title("Personas")
    st.caption(
        "Each counterpart has goals, concerns (some only revealed to good questions) and a temperament. "
        "To rehearse your own conversation, use Build your own: plain answers, no YAML, from blank."
    )
    if flash := st.session_state.pop(FLASH_KEY, None):
        st.success(md_text(flash))
    library = ctx.service.library
    for error in library.errors:
        st.warning(
            f"A persona file could not be loaded: {md_text(error.path)}  \n"
            + "  \n".join("• " + md_text(p) for p in error.problems)
        )
    # The builder's tab comes after the editor's so the editor's inputs stay first on the page.
    gallery, create, build, plain, files = st.tabs(
        ["Gallery", "Edit or duplicate", "Build your own", "Edit every field (no YAML)", "Import / export"]
    )
    with gallery:
        mode = st.radio(
            "Mode", MODES, format_func=MODE_LABELS.__getitem__, horizontal=True, key="gallery-mode"
        )
        columns = st.columns(2)
        for n, persona_id in enumerate(library.ids()):
            with columns[n % 2]:
                _card(ctx, library.get(persona_id), mode or DEFAULT_MODE)
    with create:
        editor(ctx)
    with build:
        builder(ctx)
    with plain:
        plain_editor(ctx)
    with files:
        import_export(ctx)


render(app_context())
