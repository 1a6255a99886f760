"""Create, edit, import and export persona files, with the same validation (and field-naming errors) as files."""

from __future__ import annotations

import streamlit as st
import yaml

from simulator.persona_checks import persona_warnings
from simulator.personas import DIFFICULTIES, Persona, PersonaError, parse_persona_text, persona_to_yaml
from simulator.settings import BUILTIN_PERSONA_DIR
from ui.context import AppContext, reload_personas
from ui.safe import md_text

FLASH_KEY = "parley.flash"
TOP_FIELDS = ("id", "name", "role", "title", "teaches", "scenario", "temperament")


def _is_builtin(ctx: AppContext, persona_id: str) -> bool:
    source = ctx.service.library.sources.get(persona_id, "")
    return bool(source) and str(BUILTIN_PERSONA_DIR) in source


def _show_problems(error: PersonaError) -> None:
    st.error("This persona cannot be used yet:  \n" + "  \n".join("• " + md_text(p) for p in error.problems))


def save_persona(ctx: AppContext, persona: Persona) -> None:
    """Write a custom persona file and reload the library; refuses to shadow a built-in persona."""
    if _is_builtin(ctx, persona.id):
        st.error(f"field 'id': '{persona.id}' is a built-in persona. Choose another id to save your own version.")
        return
    ctx.custom_dir.mkdir(parents=True, exist_ok=True)
    (ctx.custom_dir / f"{persona.id}.yaml").write_text(persona_to_yaml(persona), encoding="utf-8")
    reload_personas(ctx)
    advice = persona_warnings(persona)
    note = f" Worth a look: {'; '.join(advice)}." if advice else ""
    st.session_state[FLASH_KEY] = f"Saved {persona.name}. It is in the gallery now.{note}"
    st.rerun()  # the gallery above has already been drawn in this run


def editor(ctx: AppContext) -> None:
    """A form over a persona: the main fields as inputs, the rest (brief, concerns, lines…) as YAML."""
    library = ctx.service.library
    ids = library.ids()
    if not ids:
        st.caption("Import a persona file to use as a starting point.")
        return
    base_id = st.selectbox("Start from", ids, format_func=lambda pid: (
        f"Edit {library.personas[pid].name}" if not _is_builtin(ctx, pid) else f"A copy of {library.personas[pid].name}"))
    base = library.get(base_id).model_dump(mode="json")
    if _is_builtin(ctx, base_id):
        base["id"] = f"my-{base_id}"[:41]
    rest = {k: v for k, v in base.items() if k not in (*TOP_FIELDS, "default_difficulty")}
    with st.form(f"persona-{base_id}"):
        values = {"id": st.text_input("id (lower-case letters, digits and dashes)", base["id"]),
                  "name": st.text_input("Name", base["name"]), "role": st.text_input("Role", base["role"]),
                  "title": st.text_input("Scenario in a few words", base["title"]),
                  "teaches": st.text_area("What rehearsing with them is good for", base["teaches"], height=70),
                  "scenario": st.text_area("Scenario", base["scenario"], height=110),
                  "temperament": st.text_area("Temperament", base["temperament"], height=70)}
        values["default_difficulty"] = st.selectbox("Default difficulty", DIFFICULTIES,
                                                    index=DIFFICULTIES.index(base["default_difficulty"]))
        details = st.text_area("Everything else: your side of the brief, concerns, needs, history, deal, lines (YAML)",
                               yaml.safe_dump(rest, sort_keys=False, allow_unicode=True), height=320)
        submitted = st.form_submit_button("Check and save", type="primary")
    if submitted:
        text = yaml.safe_dump(values, sort_keys=False, allow_unicode=True) + "\n" + details
        try:
            persona = parse_persona_text(text, "the form")
        except PersonaError as exc:
            _show_problems(exc)
            return
        save_persona(ctx, persona)


def import_export(ctx: AppContext) -> None:
    """Upload a persona YAML file (validated like any file) and download any persona as YAML."""
    upload = st.file_uploader("Import a persona file", type=["yaml", "yml"])
    if upload is not None:
        try:
            persona = parse_persona_text(upload.getvalue().decode("utf-8", "replace"), upload.name)
        except PersonaError as exc:
            _show_problems(exc)
        else:
            st.markdown(f"**{md_text(persona.name)}** — {md_text(persona.title)}")
            if st.button("Add to my personas", type="primary"):
                save_persona(ctx, persona)
    library = ctx.service.library
    if library.ids():
        pick = st.selectbox("Export a persona", library.ids(), format_func=lambda pid: library.personas[pid].name)
        st.download_button("Download YAML", persona_to_yaml(library.get(pid := pick)), file_name=f"{pid}.yaml",
                           mime="application/x-yaml", icon=":material/download:")
