"""50 simulated learners at once on one database: every turn kept, no lock errors, turn times reported."""

from __future__ import annotations

import pytest

from evals.load import run_load

pytest_plugins = ["tests.pg"]

SESSIONS = 50
TURNS = 4


@pytest.mark.parametrize(("backend", "processes"), [("sqlite", 1), ("sqlite", 2), ("postgres", 1)],
                         ids=["sqlite-threads", "sqlite-2-processes", "postgres-threads"])
def test_fifty_concurrent_sessions_lose_nothing(request, tmp_path, backend, processes):
    url = request.getfixturevalue("pg_url") if backend == "postgres" else f"sqlite:///{tmp_path / 'load.db'}"
    report = run_load(url, sessions=SESSIONS, turns=TURNS, processes=processes)
    print(report.line())
    assert report.errors == [] and report.lost_turns == 0
    assert report.sessions == SESSIONS
    assert report.turns >= SESSIONS * 2  # every learner got at least two turns in (most get all four)
    assert report.wall_s < 60 and 0 < report.p50_ms <= report.p95_ms


def test_authored_turn_p95_is_within_50_ms_including_the_checkpoint_write(service, library):
    from evals.learners import run_session

    times = [ms for pid in ("coffee-supplier", "manager-raise") for kind in ("skilled", "unskilled")
             for ms in run_session(service, library.get(pid), "realistic", kind).turn_ms]
    assert len(times) >= 20
    assert sorted(times)[int(0.95 * len(times))] <= 50
