"""API keys never leak into transcripts, exports, logs, errors or the database; the app binds to loopback."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
import tomllib
import uuid
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.settings import REPO_ROOT, Settings

pytestmark = pytest.mark.slow

PARLEY = [sys.executable, "-m", "simulator.cli"]
TURNS = "What concerns you most about this?\nCan you tell me more about that?\n"


def _secret() -> str:
    return f"sk-test-SECRET-{uuid.uuid4().hex}"


def _leaks(key: str, texts: list[str], data_dir: Path) -> list[str]:
    """Where the key (or a long piece of it) shows up."""
    pieces = {key, key[-24:], key[8:32]}
    found = [f"output {i}" for i, text in enumerate(texts) if any(p in text for p in pieces)]
    for path in data_dir.rglob("*"):
        if path.is_file() and any(p.encode() in path.read_bytes() for p in pieces):
            found.append(str(path))
    return found


def _run_all(env: dict[str, str], cwd: Path) -> list[str]:
    """chat, export (md and json), sessions and doctor; returns every stdout and stderr."""

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run(
            [*PARLEY, *args], input=stdin, capture_output=True, text=True, env=env, cwd=cwd, timeout=120
        )

    chat = run("chat", "--persona", "coffee-supplier", "--jsonl", "--seed", "1", stdin=TURNS)
    assert chat.returncode == 0, chat.stderr
    sid = chat.stdout.splitlines()[0].split('"session_id": "')[1].split('"')[0]
    done = [
        chat,
        run("export", sid),
        run("export", sid, "--format", "json"),
        run("sessions", "--json"),
        run("doctor"),
    ]
    assert done[1].returncode == 0 and "## Conversation" in done[1].stdout
    return [p.stdout + p.stderr for p in done]


def _env(tmp_path: Path, key: str, base_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PARLEY_", "OPENAI_"))}
    env |= {
        "PARLEY_DATA_DIR": str(tmp_path / "data"),
        "PARLEY_LLM_API_KEY": key,
        "PARLEY_LLM_BASE_URL": base_url,
        "PARLEY_LLM_MODEL": "test-model",
        "PARLEY_LLM_TIMEOUT": "2",
        "PARLEY_LLM_JUDGE": "true",
    }
    return env


@pytest.mark.subprocess
def test_key_never_leaks_with_an_unreachable_model(tmp_path):
    from tests.pg import free_port

    key = _secret()
    outputs = _run_all(_env(tmp_path, key, f"http://127.0.0.1:{free_port()}/v1"), tmp_path)
    assert "could not be reached" in outputs[0]  # the model really was tried, and failed
    assert "NOT WORKING" in outputs[-1]
    assert _leaks(key, outputs, tmp_path / "data") == []


@pytest.mark.subprocess
def test_key_is_sent_to_the_model_but_never_written_anywhere(tmp_path):
    from fake_openai_server import FakeOpenAIServer, status

    key = _secret()
    with FakeOpenAIServer() as server:
        server.enqueue(status(401))  # a refusal must not echo the key either
        outputs = _run_all(_env(tmp_path, key, server.base_url), tmp_path)
        sent = [h.get("Authorization") or h.get("authorization") for h in server.headers]
    assert f"Bearer {key}" in sent  # so the checks below are not vacuous
    assert "refused the API key" in outputs[0]
    assert _leaks(key, outputs, tmp_path / "data") == []


def test_key_never_appears_in_debug_logs(tmp_path, monkeypatch, clean_env, caplog):
    from tests.pg import free_port

    key = _secret()
    for name, value in _env(tmp_path, key, f"http://127.0.0.1:{free_port()}/v1").items():
        if name.startswith("PARLEY_"):
            monkeypatch.setenv(name, value)
    caplog.set_level(logging.DEBUG)  # everything: ours, openai's, httpx's
    out, err = io.StringIO(), io.StringIO()
    assert main(["chat", "--persona", "coffee-supplier", "--jsonl"], io.StringIO(TURNS), out, err) == 0
    assert "could not be reached" in out.getvalue()
    logged = [r.getMessage() for r in caplog.records]
    assert logged and _leaks(key, [*logged, out.getvalue(), err.getvalue()], tmp_path / "data") == []
    assert key not in repr(Settings()) and key not in str(Settings().model_dump())


def test_the_app_binds_to_loopback_unless_told_otherwise(monkeypatch, clean_env):
    assert Settings(_env_file=None).host == "127.0.0.1"
    makefile = (REPO_ROOT / "Makefile").read_text()
    assert "HOST   ?= 127.0.0.1" in makefile and "--server.address $(HOST)" in makefile
    # A bare `streamlit run ui/app.py` reads the script-level config next to the app.
    import streamlit.file_util as streamlit_files

    config = Path(
        streamlit_files.get_main_script_streamlit_file_path(str(REPO_ROOT / "ui" / "app.py"), "config.toml")
    )
    assert tomllib.loads(config.read_text())["server"]["address"] == "127.0.0.1"
    # `parley app` passes the setting through; PARLEY_HOST changes it.
    calls: list[list[str]] = []
    monkeypatch.setattr(subprocess, "call", lambda command: calls.append(command) or 0)
    assert main(["app"]) == 0
    monkeypatch.setenv("PARLEY_HOST", "0.0.0.0")
    assert main(["app"]) == 0
    addresses = [c[c.index("--server.address") + 1] for c in calls]
    assert addresses == ["127.0.0.1", "0.0.0.0"]


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"])
def test_user_text_is_escaped_in_the_markdown_export(service, text):
    from simulator.export import transcript_markdown

    sid = service.start("coffee-supplier", seed=1).session_id
    service.reply(sid, text)
    markdown = transcript_markdown(service.transcript(sid))
    assert text not in markdown and text.replace("<", "\\<").replace(">", "\\>") in markdown
