"""A real Chromium against `streamlit run ui/server.py`: every page at desktop (1280 × 800) and phone (390 × 844)
width, checked by axe-core for serious and critical accessibility violations; on a phone, everything needed to
rehearse and finish is on the page without opening the sidebar."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    OPEN,
    SUMMARY,
    _need_chromium,
    _say,
    _settled_messages,
    end_and_score,
    free_port,
    open_end_confirmation,
    start_server,
    stop_server,
    wait_until,
)

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
PAGES = ["prepare", "personas", "rehearse", "review", "history", "settings"]
BLOCKING = ("serious", "critical")


def axe_problems(page) -> list[str]:  # noqa: ANN001 - playwright Page
    """Serious and critical axe-core violations on the page, one line each with where they are."""
    from axe_playwright_python.sync_playwright import Axe

    results: dict[str, Any] = Axe().run(page).response
    out = []
    for v in results["violations"]:
        if v.get("impact") in BLOCKING:
            where = "; ".join(
                " ".join(n["target"]) + " :: " + (n.get("failureSummary") or "").replace("\n", " ")[:200]
                for n in v["nodes"][:4]
            )
            out.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']} — {where}")
    return out


def _settle(page) -> None:  # noqa: ANN001
    """Wait until Streamlit has finished running the page (no spinner, no stale elements)."""
    page.wait_for_load_state("networkidle")
    page.locator("[data-testid='stStatusWidget']").wait_for(state="hidden", timeout=15_000)
    page.wait_for_timeout(600)


def _start_on_prepare(page, base: str) -> None:  # noqa: ANN001
    """Pick Tomás Reyes on Prepare (typing into the picker works at any width) and start."""
    page.goto(base)
    box = page.get_by_role("combobox", name="Who are you rehearsing with?")
    box.click()
    page.keyboard.type("Tomás")
    page.keyboard.press("Enter")
    # the rerun after picking a persona redraws the form: wait for it to finish (a fixed second was too short on a
    # loaded machine, and the click then landed on the form being redrawn)
    page.wait_for_timeout(300)
    _settle(page)
    page.get_by_role("button", name="Start the rehearsal").click()
    page.get_by_text("Rehearsing with Tomás Reyes").wait_for()


def _session(browser, base: str) -> tuple[str, str]:  # noqa: ANN001
    """An ended rehearsal and a fresh one with the same persona; returns (ended id, still-going id)."""
    page = browser.new_page(viewport=DESKTOP)
    page.set_default_timeout(30_000)
    _start_on_prepare(page, base)
    _say(page, OPEN)
    _say(page, SUMMARY)
    page.wait_for_url("**/rehearse?session=*")
    assert _settled_messages(page, 5) == 5  # the opening line, two turns, two replies
    end_and_score(page)
    page.wait_for_url("**/review?session=*")
    ended = page.url.split("session=")[1]
    page.get_by_role("button", name="Try again with Tomás").click()
    page.get_by_text("Rehearsing with Tomás Reyes").wait_for()
    page.wait_for_url(lambda url: "rehearse?session=" in url and ended not in url)
    going = page.url.split("session=")[1]
    page.close()
    return ended, going


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for this module (the one the other browser test uses)."""
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Any:  # noqa: ANN001
    data = tmp_path_factory.mktemp("a11y")
    port = free_port()
    proc = start_server(port, data)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(proc)


def test_every_page_has_no_serious_axe_violations_on_desktop_and_phone(browser, server) -> None:  # noqa: ANN001
    ended, going = _session(browser, server)
    problems: list[str] = []
    visits = [(name, ended if name in ("rehearse", "review") else None) for name in PAGES] + [
        ("rehearse", going)
    ]
    for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = browser.new_page(viewport=viewport)
        page.set_default_timeout(30_000)
        for name, session in visits:
            query = f"?session={session}" if session else ""
            page.goto(f"{server}/{name}{query}")
            page.get_by_role("heading", level=1).first.wait_for()
            _settle(page)
            problems += [f"{size} /{name}: {p}" for p in axe_problems(page)]
            if name == "review":
                page.get_by_role("tab", name="Conversation").click()
                _settle(page)
                problems += [f"{size} /review (Conversation tab): {p}" for p in axe_problems(page)]
        page.close()
    assert not problems, "\n".join(problems)


def _on_screen(locator, page) -> bool:  # noqa: ANN001
    """Visible and inside the viewport's width (reachable by scrolling the page, not hidden in a sidebar)."""
    box = locator.bounding_box()
    return bool(
        locator.is_visible()
        and box
        and box["x"] >= 0
        and box["x"] + box["width"] <= page.viewport_size["width"]
    )


def _comes_into_view(locator, page, timeout_s: float = 10.0) -> bool:  # noqa: ANN001
    """Inside the viewport's height once the page has scrolled to the latest turn (it follows the chat by itself;
    on a loaded machine the scroll lands after the last rerun, so this waits for it rather than reading it once)."""

    def in_view() -> bool:
        box = locator.bounding_box()
        return bool(box and box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"])

    return wait_until(page, in_view, timeout_s)


def _where(locator, page) -> str:  # noqa: ANN001
    """Where the element and the page's scroll stand, for the message of a failed in-view check (it has failed rarely,
    on a loaded machine, and could not be made to fail on purpose: the next failure says where the button was). A
    string, so pytest prints all of it (a dict's repr is cut short, which hid the inner scroller's position)."""
    scroll = page.evaluate(
        "() => ({scrollY: window.scrollY, inner: window.innerHeight, doc: document.documentElement.scrollHeight,"
        " scrollers: [...document.querySelectorAll('*')].filter(e => e.scrollHeight > e.clientHeight + 5"
        " && getComputedStyle(e).overflowY !== 'visible').map(e => [e.getAttribute('data-testid') || e.tagName,"
        " e.scrollTop, e.scrollHeight, e.clientHeight])})"
    )
    return json.dumps({"box": locator.bounding_box(), **scroll})


def test_on_a_phone_you_can_rehearse_and_finish_without_the_sidebar(browser, server) -> None:  # noqa: ANN001
    page = browser.new_page(viewport=PHONE)
    page.set_default_timeout(30_000)
    _start_on_prepare(page, server)
    _say(page, OPEN)
    assert _settled_messages(page, 3) == 3  # the opening line, the turn, the reply
    _settle(page)
    assert (
        not page.get_by_test_id("stSidebar").is_visible()
        or page.get_by_test_id("stSidebar").bounding_box()["x"] < 0
    )  # the sidebar stays closed throughout
    meter = page.get_by_role("meter", name="Concerns uncovered")
    assert _on_screen(meter, page)
    assert meter.get_attribute("aria-valuetext").endswith("of 5 concerns uncovered")
    # Right under the latest turn, in view after it: no scrolling up, no sidebar.
    end = page.get_by_role("button", name="End the session")
    assert _on_screen(end, page) and _comes_into_view(end, page), _where(end, page)
    # Speaker names are on the bubbles.
    bubbles = page.get_by_test_id("stChatMessage")
    assert bubbles.nth(0).get_by_text("Tomás Reyes", exact=True).is_visible()
    assert bubbles.nth(1).get_by_text("You", exact=True).is_visible()
    confirm = open_end_confirmation(page)
    assert _on_screen(confirm, page)
    assert page.get_by_text(
        "You cannot add turns to it afterwards"
    ).is_visible()  # a confirmation, not a click
    confirm.click()
    page.wait_for_url("**/review?session=*")
    page.get_by_text("Your debrief in a minute").wait_for()
    assert _on_screen(page.get_by_role("button", name="Try again with Tomás"), page)
    page.close()
