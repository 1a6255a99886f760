"""App speed: `streamlit run` to the first counterpart line (Chromium), and render time per turn (AppTest).

Run with `python -m evals.app_bench [--runs N]` on a quiet machine; prints a Markdown table with the median and the
best of N cold starts (default 3) and the load average, since other processes on a 2-core machine change the
numbers by seconds. Targets: first line <= 3 s, a turn <= 200 ms.
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "ui" / "app.py"  # the pages (AppTest runs this)
SERVER = ROOT / "ui" / "server.py"  # what `make run` serves: app.py plus a warm start
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TURNS = [
    "Tell me about how this year has been for the roastery.",
    "What are your concerns?",
    "So what I'm hearing is that green coffee costs have jumped a lot this year.",
    "Can you tell me more about that?",
    "What has worked for you before with other cafés?",
    "What would help you plan production around our orders?",
    "Is $15 a kilo acceptable?",
    "What's the first step you'd want to see?",
]


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def first_line_seconds(data_dir: Path, script: Path = SERVER) -> dict[str, float]:
    """Seconds from `streamlit run` to: health check OK, first page drawn, first counterpart line shown."""
    from playwright.sync_api import sync_playwright

    port = _port()
    env = {**os.environ, "PARLEY_DATA_DIR": str(data_dir)}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, args=ARGS
        )  # launched first: not the app's time
        page = browser.new_page()
        t0 = time.monotonic()
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(script),
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() - t0 > 30:
                        raise RuntimeError("server did not start in 30 s") from None
                    time.sleep(0.05)
            healthy = time.monotonic() - t0
            page.goto(f"http://127.0.0.1:{port}/")
            page.get_by_role("button", name="Start the rehearsal").wait_for(timeout=15_000)
            drawn = time.monotonic() - t0
            clicked = time.monotonic()
            page.get_by_role("button", name="Start the rehearsal").click()
            page.get_by_test_id("stChatMessage").first.wait_for(timeout=15_000)
            first = time.monotonic() - t0
            start_click = time.monotonic() - clicked
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=15)
            browser.close()
    return {"healthy": healthy, "drawn": drawn, "first_line": first, "start_click": start_click}


def turn_render_ms(data_dir: Path) -> list[float]:
    """Milliseconds per chat turn through AppTest (reply + full page re-render), authored voice."""
    os.environ["PARLEY_DATA_DIR"] = str(data_dir)
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=30).run()
    next(b for b in at.button if b.label == "Start the rehearsal").click().run()
    times = []
    for text in TURNS:
        t = time.perf_counter()
        at.chat_input[0].set_value(text).run()
        times.append((time.perf_counter() - t) * 1000)
        assert not at.exception, at.exception
    return times


def main() -> None:
    """Measure and print the Markdown report (`--script ui/app.py` measures the plain app without the warm start)."""
    script = Path(sys.argv[sys.argv.index("--script") + 1]).resolve() if "--script" in sys.argv else SERVER
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    load_before = os.getloadavg()[0]
    starts = []
    with tempfile.TemporaryDirectory() as b:
        if Path(CHROMIUM).exists():
            for _ in range(runs):
                with tempfile.TemporaryDirectory() as a:
                    starts.append(first_line_seconds(Path(a), script))
        turns = turn_render_ms(Path(b))
    print(f"| measure | median of {len(starts)} | best | target |\n|---|---|---|---|")
    if starts:

        def row(label: str, key: str, target: str = "") -> None:
            values = [s[key] for s in starts]
            print(f"| {label} | {statistics.median(values):.2f} s | {min(values):.2f} s | {target} |")

        row("`streamlit run` → health check OK", "healthy")
        row("`streamlit run` → Prepare page drawn in Chromium", "drawn")
        row("`streamlit run` → first counterpart line", "first_line", "≤ 3 s")
        row("click Start → first counterpart line", "start_click")
    else:
        print(f"| first counterpart line | not measured ({CHROMIUM} missing) | | ≤ 3 s |")
    steady = turns[1:]
    print(
        f"| turn render, authored voice (AppTest, {len(steady)} turns after the first) | "
        f"{statistics.median(steady):.0f} ms | {min(steady):.0f} ms | ≤ 200 ms |"
    )
    print(f"| turn render, worst | {max(steady):.0f} ms | | |")
    print(f"| first turn (cold caches) | {turns[0]:.0f} ms | | |")
    print(
        f"\nLoad average (1 min) before / after: {load_before:.2f} / {os.getloadavg()[0]:.2f} on {os.cpu_count()} "
        "cores; above about 0.5 the machine was not quiet and the numbers are slower than the app."
    )


if __name__ == "__main__":
    main()
