"""The run context every page uses: settings (read once per run), the cached service, and the session in the URL."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from simulator.personas import PersonaLibrary, load_library
from simulator.session import Rehearsals, open_rehearsals
from simulator.settings import Settings, load_settings

SERVICE_KEY = "parley.service"  # tests may inject a Rehearsals here (e.g. with a voice that is down)
CONTEXT_KEY = "parley.context"
SESSION_KEY = "parley.session"
PREP_KEY = "parley.prep"


@dataclass
class AppContext:
    """What a page needs: the settings, the service, and where custom personas are saved."""

    settings: Settings
    service: Rehearsals
    custom_dir: Path


def persona_library(settings: Settings) -> PersonaLibrary:
    """Built-in personas plus the custom ones, read again from disk (after a save or import)."""
    return load_library(settings.persona_dirs)


@st.cache_resource(show_spinner="Opening the rehearsal database…")
def _open_service(database_url: str, custom_dir: str, voice_key: str, _settings: Settings) -> Rehearsals:
    # Keyed by the database URL (and persona dir / voice config) so tests with their own temp DB never share state.
    return open_rehearsals(_settings)  # built-ins plus settings.custom_persona_dir, like every front end


def install_context() -> AppContext:
    """Read settings, open (or reuse) the service, and keep the session id in the URL; called by app.py each run."""
    settings = load_settings()
    custom_dir = settings.custom_persona_dir
    service = st.session_state.get(SERVICE_KEY)
    if service is None:
        # A new key (saved on Settings) opens a new voice: the key goes into the cache key only as a fingerprint.
        key = hashlib.sha256(settings.api_key.encode()).hexdigest()[:12] if settings.api_key else ""
        voice_key = f"{settings.llm_base_url}|{settings.llm_model}|{key}|{settings.gguf}|{settings.llm_judge}"
        service = _open_service(settings.resolved_database_url, str(custom_dir), voice_key, settings)
    ctx = AppContext(settings=settings, service=service, custom_dir=custom_dir)
    st.session_state[CONTEXT_KEY] = ctx
    from_url = st.query_params.get("session")
    if from_url:
        st.session_state[SESSION_KEY] = from_url
    elif st.session_state.get(SESSION_KEY):
        st.query_params["session"] = st.session_state[SESSION_KEY]
    return ctx


def app_context() -> AppContext:
    """The context app.py installed for this run."""
    return st.session_state[CONTEXT_KEY]


def current_session() -> str | None:
    """The session the URL (or this browser tab) points at."""
    return st.session_state.get(SESSION_KEY)


def set_session(session_id: str | None) -> None:
    """Point the tab and the URL at a session (None clears it)."""
    if session_id:
        st.session_state[SESSION_KEY] = session_id
        st.query_params["session"] = session_id
    else:
        st.session_state.pop(SESSION_KEY, None)
        st.query_params.pop("session", None)


def reload_personas(ctx: AppContext) -> None:
    """Re-read the persona folders after a custom persona was saved or imported."""
    ctx.service.library = persona_library(ctx.settings)
