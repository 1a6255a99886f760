"""Shared fixtures: a service over a throwaway SQLite database, and the built-in personas."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))  # so tests can import evals/


@pytest.fixture
def settings(tmp_path: Path):
    """Settings with a private data dir and nothing read from the developer's .env."""
    from simulator.settings import Settings

    return Settings(_env_file=None, data_dir=tmp_path / "data")


@pytest.fixture
def service(settings):
    """A Rehearsals service on a fresh SQLite file, with the authored voice."""
    from simulator.session import Rehearsals

    svc = Rehearsals(settings)
    yield svc
    svc.close()


@pytest.fixture(scope="session")
def library():
    """The built-in persona library."""
    from simulator.personas import load_library
    from simulator.settings import BUILTIN_PERSONA_DIR

    return load_library([BUILTIN_PERSONA_DIR])


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    """No PARLEY_* / OPENAI_* settings leak in from the machine running the tests."""
    for key in list(os.environ):
        if key.startswith(("PARLEY_", "OPENAI_")):
            monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test that needs the throwaway PostgreSQL cluster carries the `postgres` marker, so `-m "not postgres"`
    skips exactly those (the both-backends fixture marks its PostgreSQL half itself)."""
    for item in items:
        if {"pg_url", "pg_cluster"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.postgres)
