"""Two app processes on one PostgreSQL enforce ownership the same way: two `streamlit run ui/server.py` (separate
OS processes, different ports) with PARLEY_AUTH=oidc against the throwaway cluster, signed in through a local OpenID
Connect provider with Chromium. Alice's session and her private persona, made in process 1, are invisible to Bob in
process 2 (History, a pasted session id, the persona gallery) and there for Alice in process 2."""

from __future__ import annotations

import secrets
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.oidc_app import oidc_provider, sign_in, start_team_app
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, _need_chromium, free_port, stop_server

ROOT = Path(__file__).resolve().parent.parent
pytest_plugins = ["tests.pg"]
pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

PEOPLE = {"alice": "alice@example.com", "bob": "bob@example.com"}
OPENER = "Tell me about how this year has been for the roastery."
COOKIE_SECRET = secrets.token_hex(32)  # one secret for every process, as behind a load balancer


@pytest.fixture
def provider() -> Iterator[str]:
    with oidc_provider(PEOPLE) as issuer:
        yield issuer


def _start_app(port: int, tmp_path: Path, issuer: str, database_url: str) -> subprocess.Popen[bytes]:
    folder = tmp_path / f"app-{port}"  # nothing on disk is shared between the two: only the database
    folder.mkdir()
    return start_team_app(port, folder, issuer, COOKIE_SECRET, 60, PARLEY_DATABASE_URL=database_url)


def _signed_in(chromium, base: str, who: str):  # noqa: ANN001, ANN202 - playwright objects
    """A fresh browser profile (its own cookies) signed in as `who` on the app at `base`."""
    page = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(30_000)
    sign_in(page, base, who, PEOPLE[who])
    page.goto(f"{base}/personas")
    return page


def test_ownership_is_the_same_from_two_app_processes_on_one_postgresql(
    provider: str, pg_url: str, tmp_path: Path
) -> None:
    _need_chromium()
    from playwright.sync_api import sync_playwright

    one, two = free_port(), free_port()
    procs = [_start_app(one, tmp_path, provider, pg_url)]
    procs.append(_start_app(two, tmp_path, provider, pg_url))
    first, second = f"http://127.0.0.1:{one}", f"http://127.0.0.1:{two}"
    assert procs[0].pid != procs[1].pid
    try:
        with sync_playwright() as pw:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                # Process 1: Alice rehearses, and duplicates a built-in as her own (private) persona.
                alice = _signed_in(chromium, first, "alice")
                alice.locator(".st-key-start-coffee-supplier").get_by_role(
                    "button", name="Start rehearsal"
                ).click()
                alice.get_by_text("Rehearsing with Tomás Reyes").wait_for()
                box = alice.get_by_test_id("stChatInputTextArea")
                box.fill(OPENER)
                box.press("Enter")
                alice.get_by_test_id("stChatMessage").filter(has_text=OPENER).first.wait_for()
                alice.wait_for_url("**/rehearse?session=*")
                session = alice.url.rsplit("session=", 1)[1]
                alice.goto(f"{first}/personas")
                alice.get_by_role("tab", name="Edit every field (no YAML)").click()
                alice.locator(".st-key-plain-dup").get_by_role("button", name="Duplicate").click()
                alice.get_by_text("Duplicated Aisha Rahman as 'candidate-offer-copy'").wait_for()

                # Process 2: Bob sees neither her session nor her persona; her session id pasted is "no longer exists".
                bob = _signed_in(chromium, second, "bob")
                bob.locator(".st-key-start-coffee-supplier").wait_for()  # the gallery has drawn
                assert bob.locator(".st-key-start-candidate-offer-copy").count() == 0
                bob.goto(f"{second}/history")
                bob.get_by_text("No rehearsals yet").wait_for()
                bob.goto(f"{second}/review?session={session}")
                bob.get_by_text("That session no longer exists").wait_for()
                assert OPENER not in bob.locator("body").inner_text()

                # Process 2: Alice, signed in there, has both.
                alice_two = _signed_in(chromium, second, "alice")
                alice_two.locator(".st-key-start-candidate-offer-copy").wait_for()
                alice_two.goto(f"{second}/history")
                alice_two.get_by_text("1 session", exact=True).wait_for()
                alice_two.goto(f"{second}/review?session={session}")
                alice_two.get_by_role("tab", name="Conversation").click()
                alice_two.get_by_text(OPENER).first.wait_for()
            finally:
                chromium.close()
    finally:
        for proc in procs:
            stop_server(proc)
