"""The only reader of the environment: PARLEY_* variables and a .env file, validated once at the edge."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
BUILTIN_PERSONA_DIR = REPO_ROOT / "personas"


class Settings(BaseSettings):
    """Everything Parley can be configured with. Secrets stay in SecretStr and are never logged."""

    model_config = SettingsConfigDict(
        env_prefix="PARLEY_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
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
    llm_api_key: SecretStr = Field(default=SecretStr(""), description="API key; OPENAI_API_KEY also works.")
    gguf: Path | None = Field(default=None, description="A local GGUF file run in-process through xllamacpp.")
    llm_judge: bool = Field(default=False, description="Also ask the LLM for a second opinion in the scorecard.")
    llm_timeout: float = Field(default=20.0, description="Overall deadline for one counterpart reply, seconds.")
    llm_threads: int = Field(default=2, description="CPU threads for the embedded GGUF runtime.")

    host: str = Field(default="127.0.0.1", description="Address the app binds to.")
    port: int = Field(default=8501)
    max_turn_chars: int = Field(default=4000, description="Longer user turns are truncated with a notice.")

    @field_validator("gguf", "persona_dir", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if value in ("", None) else value

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
        """The API key from PARLEY_LLM_API_KEY or OPENAI_API_KEY (read here, nowhere else)."""
        import os

        return self.llm_api_key.get_secret_value() or os.environ.get("OPENAI_API_KEY", "")

    @property
    def llm_configured(self) -> bool:
        """True when an endpoint or a GGUF file is configured."""
        return bool(self.llm_base_url or self.gguf)


def load_settings(**overrides: object) -> Settings:
    """Read settings from the environment and .env, with explicit overrides winning."""
    return Settings(**overrides)  # type: ignore[arg-type]
