"""Load: many simulated learners at once through one service (threads) or several processes on one database.

Every session's saved user turns are compared with what its learner sent, so a lost turn or a lock error is
counted, not hidden. Prints p50/p95 turn time under that load. Bounded in count and time, loopback only.
Run: `python -m evals.load --sessions 50 --turns 8 [--processes 2] [--url postgresql://...]`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from evals.learners import SkilledLearner, UnskilledLearner
from simulator.session import Rehearsals
from simulator.settings import Settings

WORKER_TIMEOUT_S = 300


@dataclass
class SessionRun:
    """What one learner sent and how long each turn took."""

    session_id: str
    sent: list[str]
    turn_ms: list[float]
    error: str | None = None


@dataclass
class LoadReport:
    """The outcome of a load run."""

    sessions: int
    processes: int
    turns: int
    lost_turns: int
    errors: list[str] = field(default_factory=list)
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    max_ms: float = 0.0
    wall_s: float = 0.0

    @property
    def ok(self) -> bool:
        """Every session completed with every turn saved and no errors."""
        return not self.errors and not self.lost_turns and self.sessions > 0

    def line(self) -> str:
        """One line for people."""
        return (
            f"{self.sessions} sessions ({self.processes} process(es)), {self.turns} turns in {self.wall_s:.1f} s: "
            f"p50 {self.p50_ms:.0f} ms, p95 {self.p95_ms:.0f} ms, max {self.max_ms:.0f} ms; "
            f"lost turns {self.lost_turns}, errors {len(self.errors)}"
        )


def _one_session(service: Rehearsals, index: int, turns: int, start: threading.Barrier) -> SessionRun:
    ids = service.library.ids()
    persona = service.library.get(ids[index % len(ids)])
    learner: Any = SkilledLearner(persona) if index % 2 == 0 else UnskilledLearner()
    start.wait(timeout=60)
    run = SessionRun(session_id="", sent=[], turn_ms=[])
    try:
        last = service.start(persona.id, seed=index + 1)
        run.session_id = last.session_id
        for _ in range(turns):
            text = learner.next_turn(last)
            if text is None or last.ended:
                break
            began = time.perf_counter()
            last = service.reply(last.session_id, text)
            run.turn_ms.append((time.perf_counter() - began) * 1000)
            run.sent.append(text)
        if not last.ended:
            service.end(last.session_id)
    except Exception as exc:  # counted and reported: a load run must not hide a failure
        run.error = f"{type(exc).__name__}: {str(exc)[:200]}"
    return run


def drive(url: str, sessions: int, turns: int) -> list[SessionRun]:
    """Run `sessions` learners at once, one thread each, on one service."""
    service = Rehearsals(Settings(_env_file=None, database_url=url))
    barrier = threading.Barrier(sessions)
    try:
        with ThreadPoolExecutor(max_workers=sessions) as pool:
            return list(pool.map(lambda i: _one_session(service, i, turns, barrier), range(sessions)))
    finally:
        service.close()


def _drive_in_processes(url: str, sessions: int, turns: int, processes: int) -> list[SessionRun]:
    share = [sessions // processes + (1 if i < sessions % processes else 0) for i in range(processes)]
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "evals.load",
                "--worker",
                "--url",
                url,
                "--sessions",
                str(n),
                "--turns",
                str(turns),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        for n in share
        if n
    ]
    runs: list[SessionRun] = []
    try:
        for worker in workers:
            out, err = worker.communicate(timeout=WORKER_TIMEOUT_S)
            if worker.returncode != 0:
                runs.append(
                    SessionRun("", [], [], error=f"worker exited {worker.returncode}: {err.strip()[-300:]}")
                )
                continue
            runs += [SessionRun(**r) for r in json.loads(out)]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait(timeout=10)
    return runs


def verify(url: str, runs: list[SessionRun]) -> tuple[int, list[str]]:
    """Lost turns and errors: each session's saved user turns must equal what its learner sent."""
    lost, errors = 0, [r.error for r in runs if r.error]
    service = Rehearsals(Settings(_env_file=None, database_url=url))
    try:
        for run in runs:
            if not run.session_id:
                continue
            view = service.view(run.session_id)
            saved = [t["text"] for t in view.turns if t["role"] == "user"]
            if saved != run.sent or view.row.user_turns != len(run.sent):
                lost += max(1, len(run.sent) - len(saved))
            if not view.ended:
                errors.append(f"{run.session_id} did not end")
    finally:
        service.close()
    return lost, errors


def run_load(url: str, sessions: int = 50, turns: int = 8, processes: int = 1) -> LoadReport:
    """Drive the sessions, check every turn was kept, and measure turn times."""
    began = time.perf_counter()
    if processes > 1:
        runs = _drive_in_processes(url, sessions, turns, processes)
    else:
        runs = drive(url, sessions, turns)
    wall = time.perf_counter() - began
    lost, errors = verify(url, runs)
    times = sorted(ms for r in runs for ms in r.turn_ms)
    report = LoadReport(
        sessions=len([r for r in runs if r.session_id]),
        processes=processes,
        turns=len(times),
        lost_turns=lost,
        errors=errors,
        wall_s=wall,
    )
    if times:
        report.p50_ms = statistics.median(times)
        report.p95_ms = times[min(len(times) - 1, int(0.95 * len(times)))]
        report.max_ms = times[-1]
    return report


def main(argv: list[str] | None = None) -> int:
    """Print the load report; exit 1 when a turn was lost or an error happened."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--turns", type=int, default=8, help="user turns per session at most")
    parser.add_argument(
        "--processes", type=int, default=1, help="split the sessions over this many processes"
    )
    parser.add_argument("--url", default="", help="database URL (default: a fresh SQLite file in a temp dir)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= 500 or not 1 <= args.processes <= 16:
        parser.error("--sessions must be 1..500 and --processes 1..16")
    if args.worker:
        print(json.dumps([asdict(r) for r in drive(args.url, args.sessions, args.turns)]))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{Path(tmp) / 'load.db'}"
        report = run_load(url, args.sessions, args.turns, args.processes)
    print(json.dumps(asdict(report)) if args.json else report.line())
    for error in report.errors[:10]:
        print(f"ERROR {error}", file=sys.stderr)
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
