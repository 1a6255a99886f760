"""Team mode for real: a local OpenID Connect provider (oidc-provider-mock), `streamlit run ui/server.py` with
PARLEY_AUTH=oidc, and Chromium signing in as two people. Each rehearses; each sees only their own session in
History; the other's session id pasted into the URL is "no longer exists"; a coach comments on a turn of a learner
in their team and the learner reads it in Review; the coach assigns her a rehearsal, she sees it on Prepare, starts
it, ends it and it is done on both sides; the audit log names who started, viewed, commented on and assigned what."""

from __future__ import annotations

import secrets
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.personas import load_library
from simulator.settings import BUILTIN_PERSONA_DIR
from tests.oidc_app import oidc_provider, sign_in, start_team_app
from tests.test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    _need_chromium,
    end_and_score,
    free_port,
    stop_server,
)

ROOT = Path(__file__).resolve().parent.parent
FIRST = load_library([BUILTIN_PERSONA_DIR]).get(
    load_library([BUILTIN_PERSONA_DIR]).ids()[0]
)  # the Team form's default
pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]

PEOPLE = {"alice": "alice@example.com", "bob": "bob@example.com", "coach": "coach@example.com"}
LEARNERS = ("alice", "bob")
COMMENT = "Good open question: it got Tomás talking about his costs."
NOTE = "Next: find out what is behind the price before you offer anything."
OPENERS = {
    "alice": "Tell me about how this year has been for the roastery.",
    "bob": "What matters most to you in this contract?",
}


@pytest.fixture
def provider() -> Iterator[str]:
    with oidc_provider(PEOPLE) as issuer:
        yield issuer


def _start_app(port: int, tmp_path: Path, issuer: str) -> subprocess.Popen[bytes]:
    return start_team_app(port, tmp_path, issuer, secrets.token_hex(32), 30, PARLEY_ADMINS=PEOPLE["alice"])


def _sign_in(page, base: str, who: str) -> None:  # noqa: ANN001 - playwright Page
    sign_in(page, base, who, PEOPLE[who])


def _rehearse(page, base: str, who: str) -> str:  # noqa: ANN001 - playwright Page
    page.goto(f"{base}/personas")
    page.locator(".st-key-start-coffee-supplier").get_by_role("button", name="Start rehearsal").click()
    page.get_by_text("Rehearsing with Tomás Reyes").wait_for()
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(OPENERS[who])
    box.press("Enter")
    # .first: while a rerun replaces the bubble (coach tag added), the page briefly holds both
    page.get_by_test_id("stChatMessage").filter(has_text=OPENERS[who]).first.wait_for()
    page.wait_for_url("**/rehearse?session=*")
    return page.url.rsplit("session=", 1)[1]


def test_two_people_sign_in_and_each_sees_only_their_own(provider: str, tmp_path: Path) -> None:
    _need_chromium()
    from playwright.sync_api import expect, sync_playwright

    from simulator.session import Rehearsals
    from simulator.settings import Settings

    operator = Rehearsals(
        Settings(_env_file=None, data_dir=tmp_path / "data")
    )  # `parley team set`, as the operator
    operator.set_role(PEOPLE["coach"], "coach", "sales")
    operator.set_role(PEOPLE["alice"], "learner", "sales")
    operator.set_role(PEOPLE["bob"], "learner", "support")
    operator.close()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = _start_app(port, tmp_path, provider)
    try:
        with sync_playwright() as pw:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                pages, sessions = {}, {}
                for who in PEOPLE:  # one browser profile each: separate cookies, as separate laptops
                    page = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
                    page.set_default_timeout(30_000)
                    # Not signed in: the sign-in screen and nothing else.
                    page.goto(f"{base}/history")
                    page.get_by_role("button", name="Sign in").wait_for()
                    assert page.get_by_text("History").count() == 0
                    _sign_in(page, base, who)
                    if who in LEARNERS:
                        sessions[who] = _rehearse(page, base, who)
                    pages[who] = page
                assert sessions["alice"] != sessions["bob"]

                for who, other in (("alice", "bob"), ("bob", "alice")):  # the learners
                    page = pages[who]
                    page.goto(f"{base}/history")
                    page.get_by_text("1 session", exact=True).wait_for()  # theirs, not "2 sessions"
                    assert OPENERS[other] not in page.locator("body").inner_text()
                    # The other person's id pasted into the URL: the same words as a deleted session.
                    page.goto(f"{base}/review?session={sessions[other]}")
                    page.get_by_text("That session no longer exists").wait_for()
                    assert OPENERS[other] not in page.locator("body").inner_text()
                    page.goto(f"{base}/rehearse?session={sessions[other]}")
                    page.get_by_text("That rehearsal no longer exists").wait_for()
                    assert OPENERS[other] not in page.locator("body").inner_text()

                # Alice is an admin (PARLEY_ADMINS): she reads the audit log; Bob is not and does not.
                pages["alice"].goto(f"{base}/data")
                pages["alice"].get_by_text("Audit log", exact=True).wait_for()
                pages["bob"].goto(f"{base}/data")
                pages["bob"].get_by_text("belong to bob@example.com").wait_for()
                assert pages["bob"].get_by_text("Audit log", exact=True).count() == 0

                # The coach sees Alice's session (his team), not Bob's, and comments on her first turn.
                coach = pages["coach"]
                coach.goto(f"{base}/team")
                coach.get_by_text(OPENERS["alice"]).wait_for()
                assert OPENERS["bob"] not in coach.locator("body").inner_text()
                coach.get_by_label("Comment (the learner sees it in Review, with your name)").fill(COMMENT)
                coach.get_by_role("button", name="Add comment").click()
                coach.get_by_text(f"Turn 1 · {PEOPLE['coach']}: {COMMENT}").wait_for()
                coach.goto(f"{base}/rehearse?session={sessions['alice']}")  # reads it, cannot speak in it
                coach.get_by_text(f"This is {PEOPLE['alice']}'s rehearsal").wait_for()
                assert coach.get_by_test_id("stChatInputTextArea").count() == 0
                coach.goto(f"{base}/team")
                coach.get_by_text(OPENERS["alice"]).wait_for()
                # Who gets which page: Team for the coach only; Settings (server config) and People (roles and teams)
                # for the admin only. The links are drawn with the page: wait for them (a loaded machine is slow).
                expect(coach.get_by_role("link", name="Team")).to_have_count(1)
                expect(pages["alice"].get_by_role("link", name="Settings")).to_have_count(1)
                expect(pages["alice"].get_by_role("link", name="People")).to_have_count(1)
                assert pages["alice"].get_by_role("link", name="Team").count() == 0
                assert coach.get_by_role("link", name="Settings").count() == 0
                assert coach.get_by_role("link", name="People").count() == 0
                pages["bob"].goto(f"{base}/settings")  # typed in by hand: Streamlit serves another page
                pages["bob"].get_by_text(f"Signed in as {PEOPLE['bob']}").wait_for()
                pages["bob"].wait_for_timeout(1000)
                assert pages["bob"].get_by_text("Change the language model below").count() == 0
                pages["alice"].goto(f"{base}/settings")
                pages["alice"].get_by_text("Change the language model below").wait_for()
                alice = pages["alice"]
                alice.goto(f"{base}/review?session={sessions['alice']}")
                alice.get_by_role("tab", name="Conversation").click()
                alice.get_by_text(f"Turn 1 · {PEOPLE['coach']}: {COMMENT}").wait_for()

                # The coach reads Alice's session in Review: none of the buttons only its owner can use.
                coach.goto(f"{base}/review?session={sessions['alice']}")
                coach.get_by_text(f"This is {PEOPLE['alice']}'s rehearsal, read as their coach").wait_for()
                for owner_only in ("Continue rehearsing", "End it and score it", "Try from this turn"):
                    assert coach.get_by_role("button", name=owner_only).count() == 0
                assert coach.get_by_role("button", name="Try again", exact=False).count() == 0

                # The coach assigns Alice a rehearsal (the first persona, realistic, with a note).
                coach.goto(f"{base}/team")
                coach.get_by_label("Note to the learner").fill(NOTE)
                coach.get_by_role("button", name="Assign", exact=True).click()
                coach.get_by_text(f"Assigned to {PEOPLE['alice']}").wait_for()
                coach.locator("[class*='st-key-assigned-']").get_by_text("assigned", exact=True).wait_for()
                # Alice sees it on Prepare, starts it (persona and difficulty preselected), ends it: done.
                alice.goto(f"{base}/")
                alice.get_by_text("Assigned to you").wait_for()
                alice.get_by_text(NOTE, exact=False).wait_for()
                pages["bob"].goto(f"{base}/")  # another team's learner: nothing assigned to him
                pages["bob"].get_by_role("button", name="Start the rehearsal").wait_for()
                assert pages["bob"].get_by_text("Assigned to you").count() == 0
                alice.locator("[class*='st-key-assignment-']").get_by_role("button", name="Start").click()
                alice.get_by_text(f"Rehearsing with {FIRST.name}").wait_for()
                alice.get_by_text(f"{FIRST.role} · realistic").wait_for()
                alice.wait_for_url("**/rehearse?session=*")
                assigned_session = alice.url.rsplit("session=", 1)[1]
                box = alice.get_by_test_id("stChatInputTextArea")
                box.fill(OPENERS["alice"])
                box.press("Enter")
                alice.get_by_test_id("stChatMessage").filter(has_text=OPENERS["alice"]).first.wait_for()
                alice.get_by_test_id("stChatMessage").nth(2).wait_for()  # the counterpart's reply
                end_and_score(alice)
                alice.wait_for_url("**/review?session=*")
                alice.goto(f"{base}/")
                alice.locator("[class*='st-key-assignment-']").get_by_text("done", exact=True).wait_for()
                coach.goto(f"{base}/team")
                coach.locator("[class*='st-key-assigned-']").get_by_text("done", exact=True).wait_for()
            finally:
                chromium.close()
    finally:
        stop_server(proc)

    from simulator.store import Store

    store = Store(f"sqlite:///{tmp_path / 'data' / 'parley.db'}")
    try:
        owners = {row.id: row.owner for row in store.list_sessions()}
        started = {(e["actor"], e["session_id"]) for e in store.audit_entries() if e["action"] == "start"}
        coached = {
            (e["action"], e["session_id"], e["owner"]) for e in store.audit_entries(actor=PEOPLE["coach"])
        }
        (assignment,) = store.learner_assignments(PEOPLE["alice"])
        status, linked = assignment.status, assignment.session_id
    finally:
        store.close()
    assert owners == {sessions[w]: PEOPLE[w] for w in LEARNERS} | {assigned_session: PEOPLE["alice"]}
    assert started == {(PEOPLE[w], sessions[w]) for w in LEARNERS} | {(PEOPLE["alice"], assigned_session)}
    assert coached == {
        ("view", sessions["alice"], PEOPLE["alice"]),
        ("comment", sessions["alice"], PEOPLE["alice"]),
        ("assign", None, PEOPLE["alice"]),
        ("view", assigned_session, PEOPLE["alice"]),
    }  # the Team page opens her newest session
    assert (status, linked) == ("done", assigned_session)
    log = (tmp_path / "streamlit.log").read_text(errors="replace")
    assert "not-a-real-secret" not in log
