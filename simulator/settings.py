"""The only reader of the environment: PARLEY_* variables and a .env file, validated once at the edge."""

from __future__ import annotations

import importlib.resources
import ipaddress
import os
import re
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from simulator.redact import mask_url, url_secrets

REPO_ROOT = Path(__file__).resolve().parent.parent


def _builtin_persona_dir() -> Path:
    """The built-in persona folder: the copy an installed wheel ships as the data package
    simulator/builtin_personas (see pyproject.toml), found through importlib.resources; else ./personas in a
    checkout or an editable install. Resolved, so it can be compared with other paths (see personas.is_within)."""
    shipped = Path(str(importlib.resources.files("simulator").joinpath("builtin_personas")))
    if shipped.is_dir():
        return shipped.resolve()
    return (REPO_ROOT / "personas").resolve()


BUILTIN_PERSONA_DIR = _builtin_persona_dir()
OPENAI_HOST = "api.openai.com"
DATABASE_SCHEMES = ("sqlite://", "postgresql://", "postgres://")
_SCHEME_PREFIX = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]+):")  # two letters or more: `C:\\x.db` stays a path
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _host(url: str) -> str:
    """The lower-case host of a URL, or "" when it has none or cannot be parsed."""
    try:
        return (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""


def is_loopback_host(host: str) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1: traffic that never leaves this machine."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_openai_url(url: str) -> bool:
    """True when the URL points at OpenAI's own API over https (the only place OPENAI_API_KEY is sent)."""
    return url.strip().lower().startswith("https://") and _host(url) == OPENAI_HOST


def insecure_key_reason(base_url: str, api_key: str) -> str | None:
    """Why a key must not be sent to `base_url` (plain http to another machine), else None."""
    carries_key = bool(api_key) or bool(url_secrets(base_url))
    if not carries_key or not base_url.strip().lower().startswith("http://"):
        return None
    host = _host(base_url)
    if is_loopback_host(host):
        return None
    return (
        f"refusing to send the API key over plain http to {host or 'the server'} (anyone on the network could "
        "read it); use an https:// URL, or a server on this machine"
    )


def database_url_problem(url: str) -> str | None:
    """Why PARLEY_DATABASE_URL cannot be used (the URL shown masked), else None."""
    lowered = url.lower()
    if not lowered.startswith(DATABASE_SCHEMES):
        scheme = _SCHEME_PREFIX.match(url)
        if scheme is None:
            return None  # a plain file path: a SQLite database, as before
        return (
            f"PARLEY_DATABASE_URL must be sqlite:///path/to/file.db, postgresql://user@host:5432/dbname or a "
            f"file path, not a '{scheme.group(1)}:' URL ({mask_url(url)})"
        )
    if lowered.startswith("sqlite://"):
        return None
    shown = mask_url(url)
    if any(ch.isspace() or ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in url):
        problem = "it contains a space or a control character (write a space as %20)"
    elif _BAD_PERCENT.search(url):
        problem = "it has a % not followed by two hex digits (write a literal % as %25)"
    else:
        try:
            urlsplit(url).port  # noqa: B018 - raises ValueError for unbalanced [ ] or a port out of range
            problem = ""
        except ValueError:
            problem = (
                "its host or port cannot be read (check the [ ] around an IPv6 address and the port number)"
            )
    if problem:
        return f"PARLEY_DATABASE_URL is not a usable PostgreSQL URL: {problem} ({shown})"
    return None


class Settings(BaseSettings):
    """Everything Parley can be configured with. Secrets stay in SecretStr and are never logged."""

    model_config = SettingsConfigDict(
        env_prefix="PARLEY_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        hide_input_in_errors=True,  # a rejected value may be a URL with a password in it: never echo it
    )

    data_dir: Path = Field(default=Path(".parley"), description="Where the SQLite database lives.")
    database_url: str = Field(
        default="",
        description="sqlite:///path.db or postgresql://user@host:port/db; empty means <data_dir>/parley.db.",
    )
    persona_dir: Path | None = Field(
        default=None, description="Your own personas (default <data_dir>/personas)."
    )

    # LLM voice / judge. Nothing set means the offline authored voice and rule-based evaluator.
    llm_base_url: str = Field(
        default="", description="OpenAI-compatible endpoint, e.g. http://localhost:11434/v1"
    )
    llm_model: str = Field(
        default="", description="Model name served by the endpoint or a label for the GGUF."
    )
    llm_api_key: SecretStr = Field(
        default=SecretStr(""),
        description="API key for the endpoint; OPENAI_API_KEY is used only for api.openai.com.",
    )
    gguf: Path | None = Field(default=None, description="A local GGUF file run in-process through xllamacpp.")
    llm_judge: bool = Field(
        default=False, description="Also ask the LLM for a second opinion in the scorecard."
    )
    llm_timeout: float = Field(
        default=20.0, gt=0, le=3600, description="Overall deadline for one counterpart reply, seconds."
    )
    llm_threads: int = Field(
        default=2, ge=1, le=512, description="CPU threads for the embedded GGUF runtime."
    )

    host: str = Field(default="127.0.0.1", description="Address the app binds to.")
    port: int = Field(default=8501, ge=1, le=65535)
    max_turn_chars: int = Field(
        default=4000, ge=20, le=1_000_000, description="Longer user turns are truncated with a notice."
    )

    # Team mode. "none": one person, no login, every session belongs to "local" (the default, as `make run`).
    # "oidc": everyone signs in through Streamlit's st.login (the [auth] section of .streamlit/secrets.toml) and
    # sees only their own sessions; the owner is the signed-in email (or the OIDC subject when there is none).
    auth: Literal["none", "oidc"] = Field(
        default="none", description="none (single user) or oidc (team sign-in)."
    )
    auth_provider: str = Field(
        default="",
        max_length=100,
        description="With oidc: the provider name of an [auth.NAME] section; empty uses the plain [auth] section.",
    )
    admins: str = Field(
        default="",
        max_length=10_000,
        description="With oidc: comma-separated emails who may read the audit log in the app.",
    )
    retention_days: int = Field(
        default=0,
        ge=0,
        le=36_500,
        description="Delete sessions with no activity for this many days (0: keep forever).",
    )
    # The LangGraph server (simulator/server_auth.py) checks a bearer ID token itself: where the provider publishes
    # its keys, and the client id the token must be issued for. The Streamlit app reads its own from secrets.toml.
    oidc_metadata_url: str = Field(
        default="",
        max_length=2000,
        description="With oidc, for the LangGraph server: the provider's "
        ".well-known/openid-configuration URL.",
    )
    oidc_audience: str = Field(
        default="",
        max_length=500,
        description="With oidc, for the LangGraph server: the client id ID tokens must name.",
    )

    @field_validator("gguf", "persona_dir", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if value in ("", None) else value

    @field_validator("database_url", mode="after")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        value = value.strip()
        scheme, sep, rest = value.partition("://")
        if sep and scheme.lower() in ("sqlite", "postgresql", "postgres"):
            value = f"{scheme.lower()}://{rest}"  # the store matches lower-case schemes only
        problem = database_url_problem(value)
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("llm_base_url", mode="after")
    @classmethod
    def _check_llm_base_url(cls, value: str) -> str:
        value = value.strip()
        if value and not value.lower().startswith(("http://", "https://")):
            raise ValueError(f"PARLEY_LLM_BASE_URL must start with http:// or https:// ({mask_url(value)})")
        return value

    @property
    def admin_emails(self) -> frozenset[str]:
        """PARLEY_ADMINS as a set of lower-cased emails."""
        return frozenset(e.strip().lower() for e in self.admins.split(",") if e.strip())

    @property
    def resolved_database_url(self) -> str:
        """The database URL, defaulting to a SQLite file under data_dir."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'parley.db').as_posix()}"

    @property
    def custom_persona_dir(self) -> Path:
        """Where your own personas live (and where the app saves new ones): persona_dir, else <data_dir>/personas."""
        return self.persona_dir if self.persona_dir else self.data_dir / "personas"

    @property
    def persona_dirs(self) -> list[Path]:
        """Built-in personas first, then your own (which may add to them, never replace them)."""
        return [BUILTIN_PERSONA_DIR, self.custom_persona_dir]

    @property
    def api_key(self) -> str:
        """PARLEY_LLM_API_KEY, else OPENAI_API_KEY but only for OpenAI's own host; "" otherwise (read here only)."""
        explicit = self.llm_api_key.get_secret_value()
        if explicit:
            return explicit
        return os.environ.get("OPENAI_API_KEY", "") if is_openai_url(self.llm_base_url) else ""

    @property
    def api_key_status(self) -> str:
        """Where the key comes from, in words for `parley doctor` and the Settings page (never the key)."""
        if self.llm_api_key.get_secret_value():
            return "set (PARLEY_LLM_API_KEY)"
        if self.api_key:
            return "set (OPENAI_API_KEY, for api.openai.com)"
        if os.environ.get("OPENAI_API_KEY"):
            return (
                "not sent: OPENAI_API_KEY is only sent to api.openai.com; set PARLEY_LLM_API_KEY if this "
                "server needs a key"
            )
        return "not set (fine for local servers)"

    @property
    def safe_llm_base_url(self) -> str:
        """PARLEY_LLM_BASE_URL with any password or key in it masked, for display."""
        return mask_url(self.llm_base_url)

    @property
    def safe_database_url(self) -> str:
        """The database URL with any password masked, for display."""
        return mask_url(self.resolved_database_url)

    @property
    def llm_configured(self) -> bool:
        """True when an endpoint or a GGUF file is configured."""
        return bool(self.llm_base_url or self.gguf)


# What the Settings page can change, saved to the config file; the variable each one overrides.
SAVED_KEYS: dict[str, str] = {
    "llm_base_url": "PARLEY_LLM_BASE_URL",
    "llm_model": "PARLEY_LLM_MODEL",
    "llm_api_key": "PARLEY_LLM_API_KEY",
}
_DOTENV_LINE = re.compile(r'^(PARLEY_[A-Z_]+)="((?:[^"\\]|\\.)*)"$')


def config_file() -> Path:
    """Where the app saves settings changed on its Settings page: PARLEY_CONFIG_FILE, else
    $XDG_CONFIG_HOME/parley/settings.env (~/.config/parley/settings.env). Readable by the user only (0600)."""
    explicit = os.environ.get("PARLEY_CONFIG_FILE", "").strip()
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME", "").strip() or str(Path.home() / ".config")
    return Path(base).expanduser() / "parley" / "settings.env"


def read_config_file(path: Path | None = None) -> dict[str, str]:
    """The saved settings, by field name (llm_base_url, llm_model, llm_api_key); {} when there is no file."""
    path = path or config_file()
    names = {env: name for name, env in SAVED_KEYS.items()}
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return {}
    out: dict[str, str] = {}
    for line in text.splitlines():
        match = _DOTENV_LINE.match(line.strip())
        if match and match.group(1) in names:
            out[names[match.group(1)]] = re.sub(r"\\(.)", r"\1", match.group(2))
    return out


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def save_config(changes: dict[str, str | None], path: Path | None = None) -> Path:
    """Save endpoint, model and key to the config file (created 0600 in a 0700 folder, replaced atomically).

    `changes` maps llm_base_url / llm_model / llm_api_key to a new value; None keeps the saved one, "" removes it.
    The values are validated first (ValueError with the reason, never the key); environment variables still win
    over the file, and the file wins over .env."""
    path = path or config_file()
    unknown = set(changes) - set(SAVED_KEYS)
    if unknown:
        raise ValueError(f"cannot save {sorted(unknown)}; the Settings page saves {sorted(SAVED_KEYS)}")
    values = read_config_file(path)
    for name, value in changes.items():
        if value is None:
            continue
        value = value.strip()
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
            raise ValueError(f"{SAVED_KEYS[name]} cannot contain a line break or a control character")
        if value:
            values[name] = value
        else:
            values.pop(name, None)
    fields: dict[str, Any] = dict(values)  # text, as in the file: the fields parse it
    checked = Settings(_env_file=None, **fields)  # raises on a bad URL
    reason = insecure_key_reason(checked.llm_base_url, checked.llm_api_key.get_secret_value())
    if reason:
        raise ValueError(reason)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    body = "# Saved by Parley's Settings page. Environment variables win over this file; this file wins over .env.\n"
    body += "".join(f"{SAVED_KEYS[name]}={_quoted(values[name])}\n" for name in SAVED_KEYS if name in values)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.chmod(path, 0o600)
    return path


def load_settings(**overrides: object) -> Settings:
    """Read settings from the environment, the app's config file and .env (in that order of precedence), with
    explicit overrides winning."""
    return Settings(_env_file=(".env", config_file()), **overrides)  # type: ignore[arg-type]
