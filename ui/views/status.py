"""Settings / status: which voice and judge are active, where sessions are stored, and whether the backend answers."""

from __future__ import annotations

import io
import os
from urllib.parse import urlsplit

import streamlit as st

from simulator.settings import SAVED_KEYS, Settings, config_file, load_settings, read_config_file, save_config
from ui.context import AppContext, app_context
from ui.safe import md_text


def _database(url: str) -> str:
    """The storage backend in words, without credentials."""
    if url.startswith("sqlite"):
        return f"SQLite file {url.split(':///', 1)[-1]}"
    parts = urlsplit(url)
    return (
        f"PostgreSQL at {parts.hostname or 'localhost'}{f':{parts.port}' if parts.port else ''}{parts.path}"
    )


def _voice(settings: Settings) -> str:
    if settings.gguf:
        return f"Local GGUF model {settings.gguf} (embedded llama.cpp, {settings.llm_threads} threads)"
    if settings.llm_base_url:
        host = urlsplit(settings.llm_base_url)
        where = f"{host.scheme}://{host.hostname}{f':{host.port}' if host.port else ''}{host.path}"
        return f"OpenAI-compatible endpoint {where}, model {settings.llm_model or '(not set)'}"
    return "Authored lines (offline: each persona's written lines, no model)"


def _doctor(settings: Settings) -> tuple[int, str]:
    """Run the same check as `parley doctor`: the exit code and its report."""
    from simulator.doctor import run_doctor

    out = io.StringIO()
    code = run_doctor(settings, out)
    return code, out.getvalue()


def _show_check(result: tuple[int, str]) -> None:
    code, report = result
    (st.success if code == 0 else st.error)(
        "The backend answers." if code == 0 else "The backend is not working."
    )
    with st.container(border=True):
        st.markdown(md_text(report.strip()))


def _test(changes: dict[str, str | None]) -> None:
    """Try the endpoint and model in the form (the saved key when the key box is empty), without saving them."""
    overrides = {name: value for name, value in changes.items() if value is not None}
    try:
        settings = load_settings(**overrides)
    except ValueError as exc:
        st.error("These settings cannot be used: " + md_text(_first_error(exc)))
        return
    with st.status("Asking the model for a short reply…") as status:
        result = _doctor(settings)
        status.update(label="Check finished", state="complete" if result[0] == 0 else "error")
    _show_check(result)


def _first_error(exc: ValueError) -> str:
    """A validation error in one line, without pydantic's URL footer (the input is never echoed)."""
    errors = getattr(exc, "errors", None)
    if callable(errors):
        return str(errors()[0].get("msg", exc)).removeprefix("Value error, ")
    return str(exc)


def _model_form(settings: Settings) -> None:
    """Endpoint, model and key, saved to the user's own config file; the key is never shown back."""
    saved = read_config_file()
    has_key = bool(settings.llm_api_key.get_secret_value())
    st.subheader("Language model")
    st.markdown(
        "Leave the endpoint empty to use each persona's written lines (offline, no model). Any "
        "OpenAI-compatible endpoint works: OpenAI, Ollama, vLLM, LM Studio, a llama.cpp server."
    )
    with st.form("model-settings"):
        url = st.text_input(
            "Endpoint (base URL)",
            value=settings.safe_llm_base_url if settings.llm_base_url else "",
            placeholder="http://localhost:11434/v1",
        )
        model = st.text_input("Model", value=settings.llm_model, placeholder="llama3.2")
        key = st.text_input(
            "API key",
            type="password",
            value="",
            autocomplete="off",
            placeholder="a key is saved; type a new one to replace it"
            if has_key
            else "not needed for a server on this machine",
            help="Saved to a file only you can read; never shown here again.",
        )
        forget = st.checkbox("Remove the saved key", value=False, disabled=not saved.get("llm_api_key"))
        c1, c2 = st.columns(2)
        test = c1.form_submit_button("Test", icon=":material/network_check:")
        save = c2.form_submit_button("Save", type="primary", icon=":material/save:")
    # A URL shown masked comes back unchanged: keep the real one (with its secret) rather than the mask.
    new_url = settings.llm_base_url if url == settings.safe_llm_base_url and settings.llm_base_url else url
    changes: dict[str, str | None] = {
        "llm_base_url": new_url,
        "llm_model": model,
        "llm_api_key": "" if forget else (key or None),
    }
    if test:
        _test(changes)
    if save:
        try:
            path = save_config(changes)
        except ValueError as exc:
            st.error("Not saved: " + md_text(_first_error(exc)))
        else:
            st.success(f"Saved to {md_text(path)} (readable by you only). New turns use it from now on.")
    overridden = [env for env in SAVED_KEYS.values() if os.environ.get(env)]
    if overridden:
        st.warning(
            "Set in the environment, which wins over what you save here: " + md_text(", ".join(overridden))
        )
    st.markdown(f":small[Saved settings live in {md_text(config_file())}.]")


def render(ctx: AppContext) -> None:
    """The Settings page."""
    settings = ctx.settings
    st.title("Settings")
    st.markdown(
        "Change the language model below. Everything else is set with PARLEY_* environment variables or a "
        ".env file (see the README)."
    )
    voice = ctx.service.voice
    rows = {
        "Counterpart voice": _voice(settings),
        "Voice in use": getattr(voice, "name", type(voice).__name__),
        "LLM judge (second opinion in the scorecard)": ctx.service.judge_status,
        "Sessions stored in": _database(settings.resolved_database_url),
        "Custom personas saved in": str(ctx.custom_dir),
        "Personas loaded": f"{len(ctx.service.library.personas)} ({len(ctx.service.library.errors)} files with problems)",
        "Longest turn kept": f"{settings.max_turn_chars:,} characters",
    }
    for label, value in rows.items():
        st.markdown(f"**{label}:** {md_text(value)}")
    _model_form(settings)
    st.subheader("Backend status")
    if not settings.llm_configured:
        _show_check(_doctor(settings))
    else:
        st.markdown(
            "Press **Test** above to ask the model for a short reply. If the model does not answer during "
            "a rehearsal, the persona's written line is used and one notice says why."
        )


render(app_context())
