"""Settings / status: which voice and judge are active, where sessions are stored, and whether the backend answers."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import streamlit as st

from simulator.settings import Settings
from ui.context import AppContext, app_context
from ui.safe import md_text


def _database(url: str) -> str:
    """The storage backend in words, without credentials."""
    if url.startswith("sqlite"):
        return f"SQLite file {url.split(':///', 1)[-1]}"
    parts = urlsplit(url)
    return f"PostgreSQL at {parts.hostname or 'localhost'}{f':{parts.port}' if parts.port else ''}{parts.path}"


def _voice(settings: Settings) -> str:
    if settings.gguf:
        return f"Local GGUF model {settings.gguf} (embedded llama.cpp, {settings.llm_threads} threads)"
    if settings.llm_base_url:
        host = urlsplit(settings.llm_base_url)
        where = f"{host.scheme}://{host.hostname}{f':{host.port}' if host.port else ''}{host.path}"
        return f"OpenAI-compatible endpoint {where}, model {settings.llm_model or '(not set)'}"
    return "Authored lines (offline: each persona's written lines, no model)"


def _doctor(settings: Settings) -> tuple[int, str] | None:
    """Run the same check as `parley doctor`: the exit code and its report."""
    from simulator.doctor import run_doctor

    out = io.StringIO()
    code = run_doctor(settings, out)
    return code, out.getvalue()


def _show_check(result: tuple[int, str] | None) -> None:
    if result is None:
        st.caption("The backend check is not available in this version.")
        return
    code, report = result
    (st.success if code == 0 else st.error)("The backend answers." if code == 0 else "The backend is not working.")
    with st.container(border=True):
        st.markdown(md_text(report.strip()))


def render(ctx: AppContext) -> None:
    """The Settings page."""
    settings = ctx.settings
    st.title("Settings")
    st.caption("Parley is configured with PARLEY_* environment variables or a .env file; restart the app to change them.")
    voice = ctx.service.voice
    rows = {
        "Counterpart voice": _voice(settings),
        "Voice in use": getattr(voice, "name", type(voice).__name__),
        "LLM judge (second opinion in the scorecard)": "on" if settings.llm_configured and settings.llm_judge else "off",
        "Sessions stored in": _database(settings.resolved_database_url),
        "Custom personas saved in": str(ctx.custom_dir),
        "Personas loaded": f"{len(ctx.service.library.personas)} ({len(ctx.service.library.errors)} files with problems)",
        "Longest turn kept": f"{settings.max_turn_chars:,} characters",
    }
    for label, value in rows.items():
        st.markdown(f"**{label}:** {md_text(value)}")
    st.subheader("Backend status")
    if not settings.llm_configured:
        _show_check(_doctor(settings))
    elif st.button("Check the backend now", icon=":material/network_check:"):
        with st.status("Asking the model for a short reply…") as status:
            result = _doctor(settings)
            status.update(label="Check finished", state="complete" if result and result[0] == 0 else "error")
        _show_check(result)
    else:
        st.caption("If the model does not answer, every turn falls back to the persona's written line and a notice says why.")


render(app_context())
