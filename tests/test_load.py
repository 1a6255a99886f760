"""50 simulated learners at once on one database: every turn kept, no lock errors, turn times reported."""

from __future__ import annotations

import pytest

from evals.load import run_load

pytestmark = pytest.mark.slow

pytest_plugins = ["tests.pg"]

SESSIONS = 50
TURNS = 4


@pytest.mark.parametrize(
    ("backend", "processes"),
    [("sqlite", 1), ("sqlite", 2), ("postgres", 1)],
    ids=["sqlite-threads", "sqlite-2-processes", "postgres-threads"],
)
def test_fifty_concurrent_sessions_lose_nothing(request, tmp_path, backend, processes):
    url = request.getfixturevalue("pg_url") if backend == "postgres" else f"sqlite:///{tmp_path / 'load.db'}"
    report = run_load(url, sessions=SESSIONS, turns=TURNS, processes=processes)
    print(report.line())
    assert report.errors == [] and report.lost_turns == 0
    assert report.sessions == SESSIONS
    assert report.turns >= SESSIONS * 2  # every learner got at least two turns in (most get all four)
    assert report.wall_s < 60 and 0 < report.p50_ms <= report.p95_ms
