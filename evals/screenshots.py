"""Screenshots of every page into docs/screenshots/<page>.png: a real server, a real Chromium, a short rehearsal;
plus the rehearsal and the review at phone width (390 x 844) as rehearse-phone.png and review-phone.png."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from evals.app_bench import ARGS, CHROMIUM, _port

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
PREP = [
    "Cash for January and February, more than the price per kilo.",
    "A price I can hold until spring, and Tomás.",
    "Fear of losing the blend our regulars love; guilt about paying late.",
    "Last year I traded a longer term for a better rate with the dairy.",
    "Ask him what has changed at his end this year.",
]
TURNS = [
    "Tell me about how this year has been for the roastery.",
    "What are your concerns about renewing with us?",
    "So what I'm hearing is that green coffee costs have jumped and you can't hold $14.20.",
    "Can you tell me more about that?",
    "Is $15 a kilo acceptable?",
]


def _say(page, text: str) -> None:  # noqa: ANN001 - playwright Page
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(text)
    box.press("Enter")
    page.get_by_test_id("stChatMessage").filter(has_text=text).wait_for()
    page.wait_for_timeout(400)


def _shot(page, name: str) -> None:  # noqa: ANN001
    page.wait_for_timeout(700)
    path = OUT / f"{name}.png"
    page.screenshot(path=str(path))
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")


def take(base: str) -> None:
    """Drive the app and write one PNG per page."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        page.set_default_timeout(40_000)  # a waiting limit: a busy machine is slow
        page.goto(f"{base}/personas")
        page.get_by_role("button", name="Start rehearsal").first.wait_for()
        _shot(page, "personas")
        page.goto(base)
        page.get_by_role("combobox", name="Who are you rehearsing with?").click()
        page.keyboard.type("Tomás")
        page.keyboard.press("Enter")
        page.wait_for_timeout(1200)  # the rerun after picking a persona redraws the form
        for box, answer in zip(page.get_by_role("textbox").all()[:5], PREP, strict=False):
            box.fill(answer)
        _shot(page, "prepare")
        page.get_by_role("button", name="Start the rehearsal").click()
        page.get_by_text("Rehearsing with Tomás Reyes").wait_for()
        for text in TURNS:
            _say(page, text)
        _shot(page, "rehearse")
        phone = browser.new_page(viewport={"width": 390, "height": 844})
        phone.goto(page.url)
        phone.get_by_role("button", name="End the session").wait_for()
        phone.get_by_role("button", name="End the session").scroll_into_view_if_needed()
        _shot(phone, "rehearse-phone")
        page.get_by_text("Rewind: try a different reply").click()
        page.get_by_label("What I say instead").fill("What would help you plan the year around our orders?")
        page.get_by_role("button", name="Try this reply").click()
        page.get_by_text("A branch from turn 5").wait_for()
        page.get_by_role("button", name="End the session").click()
        page.get_by_role("button", name="Yes, end and score it").click()
        page.wait_for_url("**/review?session=*")
        page.get_by_role("heading", name="Open questions").wait_for()
        _shot(page, "review")
        phone.goto(page.url)
        phone.get_by_text("Your debrief in a minute").wait_for()
        phone.get_by_test_id("stMetricValue").first.wait_for()
        phone.wait_for_timeout(1500)  # the metrics draw after the rest of the page
        _shot(phone, "review-phone")
        phone.close()
        page.get_by_role("tab", name="Conversation").click()
        page.locator(".st-key-turn-3").scroll_into_view_if_needed()
        _shot(page, "review-turns")
        page.wait_for_timeout(800)  # let the rerun replace the previous page's elements
        page.get_by_role("tab", name="Branches").last.click()
        page.get_by_role("button", name="Open in Review").click()  # the original, still open
        page.get_by_role("button", name="End it and score it").click()
        page.get_by_role("heading", name="Open questions").wait_for()
        page.wait_for_timeout(800)  # let the rerun replace the previous page's elements
        page.get_by_role("tab", name="Branches").last.click()
        _shot(page, "review-branches")
        page.goto(f"{base}/history")
        page.get_by_text("Overall score, attempt by attempt").wait_for()
        page.locator(
            "[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg"
        ).first.wait_for()
        page.wait_for_timeout(1500)  # charts draw after their data arrives
        _shot(page, "history")
        page.goto(f"{base}/settings")
        page.get_by_text("Status: OK").wait_for()
        _shot(page, "settings")
        browser.close()


def main() -> None:
    """Start a server on a free port with a temp data dir, take the screenshots, stop the server."""
    OUT.mkdir(parents=True, exist_ok=True)
    port = _port()
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "PARLEY_DATA_DIR": data}
        env["PARLEY_CONFIG_FILE"] = str(Path(data) / "settings.env")  # never the user's saved model settings
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "ui" / "server.py"),
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError("server did not start") from None
                    time.sleep(0.1)
            take(f"http://127.0.0.1:{port}")
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=15)


if __name__ == "__main__":
    main()
