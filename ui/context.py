"""The run context every page uses: settings (read once per run), the cached service, and the session in the URL."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from simulator.personas import PersonaLibrary, load_library
from simulator.session import Rehearsals, open_rehearsals
from simulator.settings import Settings, load_settings
from simulator.store import LOCAL_OWNER

SERVICE_KEY = "parley.service"  # tests may inject a Rehearsals here (e.g. with a voice that is down)
CONTEXT_KEY = "parley.context"
SESSION_KEY = "parley.session"
PREP_KEY = "parley.prep"


@dataclass
class AppContext:
    """What a page needs: the settings, the service, and where custom personas are saved."""

    settings: Settings
    service: Rehearsals  # acting for the signed-in person (owner "local" when nobody signs in)
    custom_dir: Path
    is_admin: bool = False  # may read the audit log: the single user, or a PARLEY_ADMINS email in team mode


def persona_library(settings: Settings) -> PersonaLibrary:
    """Built-in personas plus the custom ones, read again from disk (after a save or import)."""
    return load_library(settings.persona_dirs)


@st.cache_resource(show_spinner="Opening the rehearsal database…")
def _open_service(database_url: str, custom_dir: str, voice_key: str, _settings: Settings) -> Rehearsals:
    # Keyed by the database URL (and persona dir / voice config) so tests with their own temp DB never share state.
    service = open_rehearsals(_settings)  # built-ins plus settings.custom_persona_dir, like every front end
    service.apply_retention()  # PARLEY_RETENTION_DAYS: once per process; 0 (the default) keeps everything
    return service


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
    owner, is_admin = signed_in_owner(settings)
    service = service.for_owner(owner)
    ctx = AppContext(
        settings=settings,
        service=service,
        custom_dir=custom_dir,
        is_admin=is_admin or service.role == "admin",
    )
    st.session_state[CONTEXT_KEY] = ctx
    from_url = st.query_params.get("session")
    if from_url:
        st.session_state[SESSION_KEY] = from_url
    elif st.session_state.get(SESSION_KEY):
        st.query_params["session"] = st.session_state[SESSION_KEY]
    return ctx


def _auth_configured(provider: str) -> bool:
    """Whether secrets.toml has the [auth] section (and [auth.PROVIDER] when one is named) st.login needs."""
    try:
        section = st.secrets.get("auth")
    except Exception:  # noqa: BLE001 - no secrets file at all, or an unreadable one: not configured
        return False
    if not section:
        return False
    return provider in section if provider else "client_id" in section


def signed_in_owner(settings: Settings) -> tuple[str, bool]:
    """Who this browser is (the owner every service call acts for) and whether they are an admin.

    PARLEY_AUTH=none: "local", no login, as always. PARLEY_AUTH=oidc: the signed-in email (the OIDC subject if
    the provider gives no email); a visitor who is not signed in sees only the sign-in screen (st.stop), and a
    missing [auth] configuration stops the app rather than opening it to everyone.
    """
    if settings.auth != "oidc":
        return LOCAL_OWNER, True
    provider = settings.auth_provider or None
    if not _auth_configured(settings.auth_provider):
        st.error(
            "Sign-in is switched on (PARLEY_AUTH=oidc) but .streamlit/secrets.toml has no [auth] section"
            + (f" for provider '{settings.auth_provider}'" if provider else "")
            + ". See docs/team.md. Nothing is shown until it is set up.",
            icon=":material/lock:",
        )
        st.stop()
    if not st.user.is_logged_in:
        st.title("Parley")
        st.markdown("Sign in to rehearse. Your sessions and preparation answers are yours alone.")
        if st.button("Sign in", type="primary", icon=":material/login:"):
            st.login(provider) if provider else st.login()
        st.stop()
    email = str(st.user.get("email") or "").strip().lower()
    owner = email or str(st.user.get("sub") or "").strip()
    if not owner:
        st.error("Your sign-in did not say who you are (no email or subject); ask the operator.")
        st.stop()
    with st.sidebar:
        st.caption(f"Signed in as {owner}")
        if st.button("Sign out", icon=":material/logout:"):
            st.logout()
    return owner, bool(email) and email in settings.admin_emails


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
