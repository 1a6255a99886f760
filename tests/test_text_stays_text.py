"""Issue 13: text from persona files, models and users is shown as text (never links, images or HTML), visitors
never see a traceback, and the app binds to loopback however it is started."""

from __future__ import annotations

import logging
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from test_ui_helpers import app_fixture, say, start  # noqa: F401

from simulator.export import transcript_markdown
from simulator.personas import load_persona_file, persona_to_yaml
from simulator.session import open_rehearsals
from simulator.settings import BUILTIN_PERSONA_DIR, load_settings
from simulator.voice import VoiceReply, VoiceRequest
from ui.context import SERVICE_KEY, persona_library
from ui.safe import md_text

REPO = Path(__file__).resolve().parent.parent
EVIL_NAME = "[Tom](javascript:alert(1))"
EVIL_TURN = "![](http://x/b.png) <b>hi</b> and www.example.com"
REJECTED = "the reply was rejected: [click me](http://evil.example/x) ![](http://x/track.png)"

# Markdown that would become a link, an image or HTML: an unescaped `](`, `![`, `<tag`, or a bare autolink.
_LIVE = re.compile(r"(?<!\\)\]\(|(?<!\\)!(?<!\\)\[|(?<!\\)<[a-z/]|https?://|(?<![\\.])\bwww\.", re.I)


class RejectingVoice:
    """A model whose reply the guardrails rejected: the authored line is used, and the reason quotes the reply."""

    name = "llm:rejecting"

    def say(self, request: VoiceRequest, on_token: Any = None) -> VoiceReply:
        return VoiceReply(text=request.authored, source="authored", fallback_reason=REJECTED)


def _write_evil_persona(data_dir: Path) -> None:
    base = load_persona_file(BUILTIN_PERSONA_DIR / "coffee-supplier.yaml")
    evil = base.model_copy(
        update={"id": "evil-tom", "name": EVIL_NAME, "title": "![](http://host/b.png) <i>x</i>"}
    )
    folder = data_dir / "personas"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "evil-tom.yaml").write_text(persona_to_yaml(evil), encoding="utf-8")


def _rendered(at: AppTest) -> list[str]:
    """Every piece of Markdown the page sent: bodies, captions, alerts, titles and the Markdown labels."""
    parts = [e.value for e in (*at.markdown, *at.caption, *at.title, *at.header, *at.subheader)]
    parts += [e.value for e in (*at.info, *at.warning, *at.error, *at.success)]
    parts += [e.label for e in (*at.metric, *at.tabs, *at.expander)]
    return [str(p) for p in parts]


def _assert_no_live_markup(at: AppTest) -> None:
    live = [p for p in _rendered(at) if _LIVE.search(p)]
    assert not live, live
    assert not any(m.proto.allow_html for m in at.markdown)


@pytest.fixture
def evil_app(app: AppTest, tmp_path: Path):
    _write_evil_persona(tmp_path)
    settings = load_settings()
    service = open_rehearsals(settings, voice=RejectingVoice(), library=persona_library(settings))
    app.session_state[SERVICE_KEY] = service
    try:
        yield app, service
    finally:
        service.close()


def test_md_text_escapes_links_images_html_and_autolinks() -> None:
    for text in (
        EVIL_NAME,
        EVIL_TURN,
        REJECTED,
        "<b>hi</b>",
        "&lt;b&gt;",
        ":red[x] :material/home: $x$",
        "a\rb\x00c",
    ):
        escaped = md_text(text)
        assert not _LIVE.search(escaped), escaped
        assert escaped.replace("\\", "").replace("  \n", "\n") == text.replace("\r", "\n").replace("\x00", "")


@pytest.mark.slow
def test_rehearse_shows_persona_user_and_model_text_as_text(evil_app) -> None:
    app, _ = evil_app
    start(app, persona="evil-tom")
    say(app, EVIL_TURN)
    assert not app.exception
    assert app.title[0].value == "Rehearsing with " + md_text(EVIL_NAME)
    assert "\\[Tom\\]\\(javascript\\:alert\\(1\\)\\)" in app.title[0].value
    user = next(m for m in app.chat_message if m.name == "You")
    assert user.markdown[1].value == md_text(EVIL_TURN)
    assert "\\<b\\>hi\\<\\/b\\>" in user.markdown[1].value and "\\!\\[\\]\\(http\\:" in user.markdown[1].value
    # The rejected reply's reason is quoted in the session's one fallback notice, as text.
    shown = "\n".join(_rendered(app))
    assert md_text(REJECTED) in shown and md_text(EVIL_NAME) in shown
    _assert_no_live_markup(app)


@pytest.mark.slow
def test_review_and_history_show_the_persona_name_as_text(evil_app) -> None:
    app, _ = evil_app
    start(app, persona="evil-tom")
    say(app, EVIL_TURN)
    next(b for b in app.button if b.label == "Yes, end and score it").click().run()
    assert app.title[0].value == "Review" and not app.exception
    assert md_text(EVIL_NAME) in "\n".join(_rendered(app))
    _assert_no_live_markup(app)
    app.switch_page("views/history.py").run()
    assert not app.exception
    _assert_no_live_markup(app)


@pytest.mark.slow
def test_the_markdown_export_carries_no_raw_html_or_links(evil_app) -> None:
    app, service = evil_app
    start(app, persona="evil-tom")
    say(app, EVIL_TURN)
    sid = app.query_params["session"]
    markdown = transcript_markdown(service.transcript(sid), None, service.view(sid).assessments)
    assert "<b>" not in markdown and "</b>" not in markdown and "<i>" not in markdown
    assert "\\<b\\>hi\\</b\\>" in markdown
    assert not re.search(r"(?<!\\)\]\(|(?<!\\)!\[|(?<!\\)<[a-z/]|https?://|(?<!\\)www\.", markdown), markdown
    assert "# Rehearsal with \\[Tom\\](javascript:alert(1))" in markdown


class _BrokenService:
    """A service that fails in a way nobody planned for, with a secret in its message."""

    @property
    def library(self) -> Any:
        raise RuntimeError("could not connect to postgresql://bob:hunter2-secret@db/parley")

    def __getattr__(self, name: str) -> Any:
        raise RuntimeError("could not connect to postgresql://bob:hunter2-secret@db/parley")


def test_an_unexpected_error_shows_a_reference_not_a_traceback(app: AppTest, caplog) -> None:
    caplog.set_level(logging.ERROR, logger="parley.ui")
    app.session_state[SERVICE_KEY] = _BrokenService()
    app.run()
    assert not app.exception
    message = " ".join(e.value for e in app.error)
    ref = re.search(r"reference: ([0-9a-f]{12})", message)
    assert ref, message
    assert "Traceback" not in message and "RuntimeError" not in message and "hunter2" not in message
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name == "parley.ui")
    assert ref.group(1) in logged and "RuntimeError" in logged and "Traceback" in logged
    assert "hunter2-secret" not in logged


@pytest.mark.parametrize(
    "config",
    [REPO / ".streamlit" / "config.toml", REPO / "ui" / ".streamlit" / "config.toml"],
    ids=["repo-root", "script-level"],
)
def test_streamlit_config_hides_errors_and_binds_to_loopback(config: Path) -> None:
    settings = tomllib.loads(config.read_text(encoding="utf-8"))
    assert settings["client"]["showErrorDetails"] is False
    assert settings["server"]["address"] == "127.0.0.1"
    assert settings["server"]["maxUploadSize"] <= 1


def test_the_app_script_hides_error_details_itself() -> None:
    source = (REPO / "ui" / "app.py").read_text(encoding="utf-8")
    assert 'st.set_option("client.showErrorDetails", False)' in source
