"""Settings saved from the app: a config file only the user can read, read back by load_settings, env wins."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from simulator.settings import config_file, load_settings, read_config_file, save_config

KEY = 'sk-test-"quoted"\\and-backslash'


@pytest.fixture
def cfg(clean_env, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = clean_env / "conf" / "parley" / "settings.env"
    monkeypatch.setenv("PARLEY_CONFIG_FILE", str(path))
    return path


def test_saved_settings_are_read_back_and_only_the_user_can_read_them(cfg: Path) -> None:
    assert config_file() == cfg
    save_config({"llm_base_url": "http://localhost:11434/v1", "llm_model": "llama3.2", "llm_api_key": KEY})
    assert stat.S_IMODE(cfg.stat().st_mode) == 0o600
    assert stat.S_IMODE(cfg.parent.stat().st_mode) == 0o700
    settings = load_settings()
    assert settings.llm_base_url == "http://localhost:11434/v1" and settings.llm_model == "llama3.2"
    assert settings.api_key == KEY  # quotes and backslashes survive the file
    assert read_config_file()["llm_api_key"] == KEY


def test_none_keeps_the_saved_key_and_empty_removes_it(cfg: Path) -> None:
    save_config({"llm_base_url": "http://localhost:8080/v1", "llm_model": "m", "llm_api_key": KEY})
    save_config({"llm_model": "other", "llm_api_key": None})
    assert load_settings().api_key == KEY and load_settings().llm_model == "other"
    save_config({"llm_api_key": ""})
    assert load_settings().api_key == "" and "PARLEY_LLM_API_KEY" not in cfg.read_text()


def test_environment_variables_win_over_the_saved_file(cfg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    save_config({"llm_base_url": "http://localhost:8080/v1", "llm_model": "saved"})
    monkeypatch.setenv("PARLEY_LLM_MODEL", "from-env")
    assert load_settings().llm_model == "from-env"


def test_the_saved_file_wins_over_dotenv(cfg: Path, clean_env: Path) -> None:
    (clean_env / ".env").write_text(
        "PARLEY_LLM_MODEL=from-dotenv\nPARLEY_LLM_BASE_URL=http://localhost:1/v1\n"
    )
    assert load_settings().llm_model == "from-dotenv"
    save_config({"llm_model": "saved"})
    assert load_settings().llm_model == "saved"


@pytest.mark.parametrize(
    "changes, words",
    [
        ({"llm_base_url": "ftp://example.com"}, "must start with http"),
        ({"llm_base_url": "http://example.com/v1", "llm_api_key": "sk-x"}, "plain http"),
        ({"llm_model": "a\nPARLEY_DATABASE_URL=x"}, "line break"),
    ],
)
def test_bad_values_are_refused_with_the_reason_and_nothing_is_written(cfg: Path, changes, words) -> None:  # noqa: ANN001
    with pytest.raises(ValueError, match=words) as err:
        save_config(changes)
    assert "sk-x" not in str(err.value)
    assert not cfg.exists()
