"""A real browser against `streamlit run ui/server.py` (what make run serves): rehearse, end, review, then reload and restart the server."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
OPEN = "Tell me about how this year has been for the roastery."
SUMMARY = "So what I'm hearing is that green coffee costs have jumped a lot this year."

pytestmark = [pytest.mark.browser, pytest.mark.timeout(120)]


def _need_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing, and CI installs it: the browser test cannot be skipped in CI.")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); set CI=1 to make this a failure.")


def free_port() -> int:
    """A free loopback TCP port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, data_dir: Path) -> subprocess.Popen[bytes]:
    """`streamlit run ui/app.py` on 127.0.0.1:port with its own data dir; returns once /_stcore/health answers."""
    env = {**os.environ, "PARLEY_DATA_DIR": str(data_dir)}
    for name in ("PARLEY_DATABASE_URL", "PARLEY_LLM_BASE_URL", "PARLEY_GGUF", "PARLEY_PERSONA_DIR"):
        env.pop(name, None)
    return launch_app(port, env, 20)


def launch_app(
    port: int,
    env: dict[str, str],
    seconds: float,
    *,
    log: Path | None = None,
    secrets_file: Path | None = None,
) -> subprocess.Popen[bytes]:
    """`streamlit run ui/server.py` on 127.0.0.1:port with `env` (output to `log`, if given, else dropped; auth
    secrets from `secrets_file`, if given); returns once /_stcore/health answers within `seconds`."""
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "ui" / "server.py")]
    command += ["--server.address", "127.0.0.1", "--server.port", str(port)]
    command += ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
    if secrets_file is not None:
        command += ["--secrets.files", str(secrets_file)]
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT if log else out)
    return wait_healthy(proc, port, seconds, log=log)


def wait_healthy(
    proc: subprocess.Popen[bytes], port: int, seconds: float, log: Path | None = None
) -> subprocess.Popen[bytes]:
    """Return the server once /_stcore/health answers; stop it and fail (with its log, if any) otherwise."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"streamlit exited with {proc.returncode}" + (f": {log.read_text()}" if log else "")
            )
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as reply:
                if reply.status == 200:
                    return proc
        except OSError:
            time.sleep(0.1)
    stop_server(proc)
    raise RuntimeError(f"streamlit did not become healthy within {seconds:g} s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM, then wait on the PID (Streamlit takes over a second to exit); SIGKILL if it hangs."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@pytest.fixture
def browser() -> Iterator[object]:
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _say(page, text: str) -> None:  # noqa: ANN001 - playwright Page
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(text)
    box.press("Enter")
    # .first: while a rerun replaces the bubble a reply streamed into, the page briefly holds both
    page.get_by_test_id("stChatMessage").filter(has_text=text).first.wait_for(timeout=10_000)


def wait_until(page, check, timeout_s: float = 10.0) -> bool:  # noqa: ANN001 - playwright Page, a predicate
    """True as soon as `check()` holds, False if it still does not after `timeout_s` (the page keeps running)."""
    deadline = time.monotonic() + timeout_s
    while not check():
        if time.monotonic() > deadline:
            return False
        page.wait_for_timeout(100)
    return True


def _settled_messages(page, expected: int, timeout_s: float = 10.0) -> int:  # noqa: ANN001 - playwright Page
    """The chat bubble count once the page settles (a reply streams into a bubble that a rerun then replaces)."""
    bubbles, seen = page.get_by_test_id("stChatMessage"), [-1]

    def settled() -> bool:
        seen[0] = bubbles.count()
        return seen[0] == expected

    wait_until(page, settled, timeout_s)
    return seen[0]


def open_end_confirmation(page):  # noqa: ANN001, ANN201 - playwright Page and Locator
    """Open the End popover and return its confirm button. A rerun still drawing the reply closes the popover, so
    wait for the app to be idle first, and if a late rerun closes it anyway, reopen it (never click it shut)."""
    page.locator("[data-testid='stStatusWidget']").wait_for(state="hidden", timeout=15_000)
    confirm = page.get_by_role("button", name="Yes, end and score it")
    for _ in range(6):
        if not confirm.is_visible():
            page.get_by_role("button", name="End the session").click()
        try:
            confirm.wait_for(timeout=5_000)
            return confirm
        except Exception:  # noqa: BLE001, S112 - playwright's TimeoutError: try opening it again
            continue
    return confirm


def end_and_score(page) -> None:  # noqa: ANN001 - playwright Page
    """End the session and confirm. A late rerun can close the popover between the confirm button showing and the
    click landing (seen on a loaded machine): open it again and click again."""
    for _ in range(3):
        try:
            open_end_confirmation(page).click(timeout=10_000)
            return
        except Exception:  # noqa: BLE001, S112 - playwright's TimeoutError: the popover closed under the click
            continue
    open_end_confirmation(page).click()


def test_rehearse_end_review_reload_and_restart(browser, tmp_path: Path) -> None:  # noqa: ANN001
    port = free_port()
    proc = start_server(port, tmp_path)
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(30_000)  # a waiting limit, not a speed target: CI machines can be busy
        page.goto(f"http://127.0.0.1:{port}/personas")
        page.locator(".st-key-start-coffee-supplier").get_by_role("button", name="Start rehearsal").click()
        page.get_by_text("Rehearsing with Tomás Reyes").wait_for()
        _say(page, OPEN)
        _say(page, SUMMARY)
        page.wait_for_url("**/rehearse?session=*")
        rehearse_url = page.url
        assert _settled_messages(page, 5) == 5  # opening line, two turns, two replies

        page.reload()
        page.get_by_text(SUMMARY).wait_for()
        assert _settled_messages(page, 5) == 5

        stop_server(proc)
        proc = start_server(port, tmp_path)
        page.goto(rehearse_url)
        page.get_by_text(SUMMARY).wait_for()
        assert _settled_messages(page, 5) == 5

        end_and_score(page)  # ending asks for confirmation
        page.wait_for_url("**/review?session=*")
        page.get_by_text("Overall").first.wait_for()
        page.get_by_role("heading", name="Open questions").wait_for()
        page.get_by_role("tab", name="Conversation").click()
        first_turn = page.locator(".st-key-turn-1")
        first_turn.wait_for()
        assert first_turn.get_by_text(OPEN).is_visible()
        assert first_turn.get_by_text("open question", exact=True).is_visible()
        assert page.locator(".st-key-turn-2").get_by_text("summary", exact=True).is_visible()
    finally:
        stop_server(proc)
