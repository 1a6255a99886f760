"""The run context every page uses: settings (read once per run), the cached service, and the session in the URL."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import streamlit as st

from simulator.personas import PersonaLibrary, load_library
from simulator.settings import Settings, load_settings

if TYPE_CHECKING:  # the engine (LangGraph) is imported on first use, not to draw the first page
    from simulator.session import Rehearsals

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


class LazyService:
    """The rehearsal service, opened on first use. Prepare and Personas only need the persona library, so the first
    page is drawn without importing LangGraph (about a second and a half of a cold start); the engine is imported
    in the background by ui/server.py meanwhile, and opened when a page first needs it."""

    def __init__(self, settings: Settings):
        self._settings = settings
        self._real: Rehearsals | None = None
        self._library: PersonaLibrary | None = None
        self._lock = threading.Lock()

    def opened(self) -> Rehearsals:
        """The real service (opened now if it was not yet): built-ins plus the custom personas, like every front end."""
        with self._lock:
            if self._real is None:
                from simulator.session import open_rehearsals

                self._real = open_rehearsals(self._settings, library=self.library)
            return self._real

    @property
    def library(self) -> PersonaLibrary:
        """The persona library, read without opening the service."""
        if self._real is not None:
            return self._real.library
        if self._library is None:
            self._library = load_library(self._settings.persona_dirs)
        return self._library

    @library.setter
    def library(self, value: PersonaLibrary) -> None:
        self._library = value
        if self._real is not None:
            self._real.library = value

    def close(self) -> None:
        """Close the service if it was opened."""
        if self._real is not None:
            self._real.close()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.opened(), name)


@st.cache_resource(show_spinner=False)
def _open_service(database_url: str, custom_dir: str, voice_key: str, _settings: Settings) -> LazyService:
    # Keyed by the database URL (and persona dir / voice config) so tests with their own temp DB never share state.
    return LazyService(_settings)


def _service_for(settings: Settings) -> LazyService:
    # A new key (saved on Settings) opens a new voice: the key goes into the cache key only as a fingerprint.
    key = hashlib.sha256(settings.api_key.encode()).hexdigest()[:12] if settings.api_key else ""
    voice_key = f"{settings.llm_base_url}|{settings.llm_model}|{key}|{settings.gguf}|{settings.llm_judge}"
    return _open_service(settings.resolved_database_url, str(settings.custom_persona_dir), voice_key, settings)


def prewarm() -> None:
    """Open the service for the current settings before any page needs it (ui/server.py calls this on a background
    thread at start), so the first Start does not wait for the engine to be built."""
    _service_for(load_settings()).opened()


def install_context() -> AppContext:
    """Read settings, open (or reuse) the service, and keep the session id in the URL; called by app.py each run."""
    settings = load_settings()
    custom_dir = settings.custom_persona_dir
    service = st.session_state.get(SERVICE_KEY) or _service_for(settings)
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
