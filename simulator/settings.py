"""The only reader of the environment: PARLEY_* variables and a .env file, validated once at the edge."""

from __future__ import annotations

import importlib.resources
import ipaddress
import os
import re
from pathlib import Path
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
    return (f"refusing to send the API key over plain http to {host or 'the server'} (anyone on the network could "
            "read it); use an https:// URL, or a server on this machine")


def database_url_problem(url: str) -> str | None:
    """Why PARLEY_DATABASE_URL cannot be used (the URL shown masked), else None."""
    lowered = url.lower()
    if not lowered.startswith(DATABASE_SCHEMES):
        scheme = _SCHEME_PREFIX.match(url)
        if scheme is None:
            return None  # a plain file path: a SQLite database, as before
        return (f"PARLEY_DATABASE_URL must be sqlite:///path/to/file.db, postgresql://user@host:5432/dbname or a "
                f"file path, not a '{scheme.group(1)}:' URL ({mask_url(url)})")
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
            problem = "its host or port cannot be read (check the [ ] around an IPv6 address and the port number)"
    if problem:
        return f"PARLEY_DATABASE_URL is not a usable PostgreSQL URL: {problem} ({shown})"
    return None


class Settings(BaseSettings):
    """Everything Parley can be configured with. Secrets stay in SecretStr and are never logged."""

    model_config = SettingsConfigDict(
        env_prefix="PARLEY_", env_file=".env", env_file_encoding="utf-8", extra="ignore",
        hide_input_in_errors=True,  # a rejected value may be a URL with a password in it: never echo it
    )

    data_dir: Path = Field(default=Path(".parley"), description="Where the SQLite database lives.")
    database_url: str = Field(
        default="",
        description="sqlite:///path.db or postgresql://user@host:port/db; empty means <data_dir>/parley.db.",
    )
    persona_dir: Path | None = Field(default=None, description="Your own personas (default <data_dir>/personas).")

    # LLM voice / judge. Nothing set means the offline authored voice and rule-based evaluator.
    llm_base_url: str = Field(default="", description="OpenAI-compatible endpoint, e.g. http://localhost:11434/v1")
    llm_model: str = Field(default="", description="Model name served by the endpoint or a label for the GGUF.")
    llm_api_key: SecretStr = Field(
        default=SecretStr(""), description="API key for the endpoint; OPENAI_API_KEY is used only for api.openai.com.")
    gguf: Path | None = Field(default=None, description="A local GGUF file run in-process through xllamacpp.")
    llm_judge: bool = Field(default=False, description="Also ask the LLM for a second opinion in the scorecard.")
    llm_timeout: float = Field(default=20.0, gt=0, le=3600,
                               description="Overall deadline for one counterpart reply, seconds.")
    llm_threads: int = Field(default=2, ge=1, le=512, description="CPU threads for the embedded GGUF runtime.")

    host: str = Field(default="127.0.0.1", description="Address the app binds to.")
    port: int = Field(default=8501, ge=1, le=65535)
    max_turn_chars: int = Field(default=4000, ge=20, le=1_000_000,
                                description="Longer user turns are truncated with a notice.")

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
            return ("not sent: OPENAI_API_KEY is only sent to api.openai.com; set PARLEY_LLM_API_KEY if this "
                    "server needs a key")
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


def load_settings(**overrides: object) -> Settings:
    """Read settings from the environment and .env, with explicit overrides winning."""
    return Settings(**overrides)  # type: ignore[arg-type]
