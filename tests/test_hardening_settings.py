"""Issue 13: secrets in URLs are masked everywhere, keys only go where they belong, terminal escapes are stripped,
and bad settings and arguments get a clear message instead of a crash."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml

from simulator.cli import main
from simulator.redact import mask_url, redact_text, strip_controls
from simulator.settings import Settings

PASSWORD = "Sup3rSecretPw"
BAD_PG_URLS = [
    f"postgresql://bob:{PASSWORD}%zz@localhost/parley",  # bad percent-encoding
    f"postgresql://bob:{PASSWORD} x@localhost/parley",  # a space
    f"postgresql://bob:{PASSWORD}@[::1/parley",  # unbalanced IPv6 bracket
    f"postgres://bob:{PASSWORD}@localhost:notaport/parley",  # port is not a number
    f"postgresql://bob:{PASSWORD}@localhost:99999/parley",  # port out of range
    f"PostgreSQL://bob:{PASSWORD}%@host/db",
]
ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b[31m\x9b1m\x90dcs\x9c\x07\x08\r"


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def env(clean_env, monkeypatch):
    monkeypatch.setenv("PARLEY_DATA_DIR", str(clean_env / "data"))
    return clean_env


# -- 2. database passwords ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("url", BAD_PG_URLS)
@pytest.mark.parametrize("command", [("sessions",), ("export", "abc123"), ("chat", "-p", "coffee-supplier")])
def test_a_malformed_database_url_is_refused_without_printing_its_password(env, monkeypatch, url, command):
    monkeypatch.setenv("PARLEY_DATABASE_URL", url)
    code, out, err = run(*command)
    assert code == 2, err
    assert "PARLEY_DATABASE_URL" in err and "PostgreSQL URL" in err
    assert PASSWORD not in out + err and PASSWORD[:6] not in out + err
    assert "bob:***@" in err  # the user sees which URL, masked


@pytest.mark.parametrize("query", [f"?password={PASSWORD}", f"?sslmode=disable&password={PASSWORD}", ""])
def test_an_unreachable_database_error_does_not_show_the_password(env, monkeypatch, query):
    from tests.pg import free_port

    userinfo = "bob" if query else f"bob:{PASSWORD}"
    monkeypatch.setenv(
        "PARLEY_DATABASE_URL", f"postgresql://{userinfo}@127.0.0.1:{free_port()}/parley{query}"
    )
    code, out, err = run("sessions")
    assert code == 3 and "Database problem" in err
    assert PASSWORD not in out + err


@pytest.mark.parametrize(
    "url",
    [
        *BAD_PG_URLS,
        f"postgresql://bob:{PASSWORD}@host:5432/db",
        f"postgresql://bob:p@ss/{PASSWORD}@host/db",  # '@' and '/' inside the password
        f"postgresql://host/db?user=bob&password={PASSWORD}",
        f"postgresql://host/db?PASSWORD='{PASSWORD}'",
        f"postgresql://host/db?sslpassword={PASSWORD}",
        f"https://{PASSWORD}@example.com/v1",
    ],
)
def test_every_shape_of_url_is_masked_for_display(url):
    shown = mask_url(url)
    assert PASSWORD not in shown and "***" in shown
    try:
        settings = Settings(_env_file=None, database_url=url)
    except ValueError as exc:  # pydantic's ValidationError: it neither echoes the value
        assert PASSWORD not in str(exc)
    else:
        assert PASSWORD not in settings.safe_database_url


def test_database_error_text_is_masked_even_when_the_driver_quotes_just_the_password():
    """What the store.py one-liner relies on: libpq quotes the password alone, without the URL around it."""
    url = f"postgresql://bob:{PASSWORD}%zz@localhost/db"
    message = f'Database problem at localhost/db: check it. (ProgrammingError: invalid percent-encoded token: "{PASSWORD}%zz")'
    assert PASSWORD not in redact_text(message, url)
    assert PASSWORD not in redact_text(f"connecting to localhost:1/db?password={PASSWORD}: refused")
    assert PASSWORD not in redact_text(f'URI: "postgresql://bob:{PASSWORD} x@[::1/db"')


# -- 3. API keys ----------------------------------------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("shape", ["?api-key={k}", "?key={k}", "?token={k}", "?x=1&api_key={k}", "", "user"])
def test_doctor_never_shows_a_key_in_the_base_url(env, monkeypatch, shape):
    from tests.pg import free_port

    key = "sk-url-" + PASSWORD
    base = f"http://127.0.0.1:{free_port()}/v1"
    url = (
        f"http://me:{key}@{base.removeprefix('http://')}"
        if shape == ""
        else (
            f"http://{key}@{base.removeprefix('http://')}" if shape == "user" else base + shape.format(k=key)
        )
    )
    monkeypatch.setenv("PARLEY_LLM_BASE_URL", url)
    monkeypatch.setenv("PARLEY_LLM_TIMEOUT", "1")
    code, out, err = run("doctor")
    assert code == 1 and "NOT WORKING" in out
    assert key not in out + err and PASSWORD not in out + err
    assert "127.0.0.1" in out  # the URL is still shown, masked


def test_openai_key_is_not_sent_to_another_server(clean_env, monkeypatch):
    from fake_openai_server import FakeOpenAIServer

    from simulator.doctor import run_doctor

    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai-" + PASSWORD)
    with FakeOpenAIServer() as server:
        out = io.StringIO()
        assert run_doctor(Settings(_env_file=None, llm_base_url=server.base_url, llm_model="m"), out) == 0
        sent = [h.get("Authorization") or h.get("authorization") for h in server.headers]
    assert sent == ["Bearer not-needed"]
    assert "OPENAI_API_KEY is only sent to api.openai.com" in out.getvalue()


def test_a_parley_key_set_on_purpose_is_sent_to_a_local_server(clean_env, monkeypatch):
    from fake_openai_server import FakeOpenAIServer

    from simulator.doctor import run_doctor

    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai-other")
    with FakeOpenAIServer() as server:
        settings = Settings(
            _env_file=None, llm_base_url=server.base_url, llm_model="m", llm_api_key="sk-local-1"
        )
        assert run_doctor(settings, io.StringIO()) == 0
        sent = [h.get("Authorization") or h.get("authorization") for h in server.headers]
    assert sent == ["Bearer sk-local-1"]


def test_openai_key_is_used_for_openai_itself(clean_env, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai-1")
    assert Settings(_env_file=None, llm_base_url="https://api.openai.com/v1").api_key == "sk-openai-1"
    assert Settings(_env_file=None, llm_base_url="https://api.openai.com.evil.example/v1").api_key == ""
    assert Settings(_env_file=None, llm_base_url="http://localhost:11434/v1").api_key == ""


@pytest.mark.parametrize(
    "url", ["http://10.1.2.3:8000/v1", "http://models.example.com/v1", "http://api.openai.com/v1"]
)
def test_a_key_is_never_sent_over_plain_http_to_another_machine(env, monkeypatch, url):
    monkeypatch.setenv("PARLEY_LLM_BASE_URL", url)
    monkeypatch.setenv("PARLEY_LLM_API_KEY", "sk-" + PASSWORD)
    code, out, err = run("doctor")
    assert code == 1 and "plain http" in out and "https://" in out
    assert PASSWORD not in out + err
    # a rehearsal still works, with the authored line and the reason
    code, out, _ = run("chat", "-p", "coffee-supplier", "--jsonl", "--seed", "1", stdin="Hello\n")
    turn = json.loads(out.splitlines()[1])
    assert code == 0 and turn["source"] == "authored" and "plain http" in turn["note"]


def test_a_key_in_the_query_counts_as_a_key_for_plain_http(clean_env):
    from simulator.llm import LLMClient, LLMUnavailable

    with pytest.raises(LLMUnavailable, match="plain http"):
        LLMClient("http://10.0.0.9/v1?api-key=abc", "m")
    LLMClient("https://10.0.0.9/v1", "m", "sk-1")  # https: fine
    LLMClient("http://127.0.0.1:9/v1", "m", "sk-1")  # loopback: fine
    LLMClient("http://[::1]:9/v1", "m", "sk-1")
    LLMClient("http://10.0.0.9/v1", "m")  # no key at all: fine
    assert "abc" not in repr(LLMClient("https://h/v1?api-key=abc", "m"))


# -- 8. terminal escapes ---------------------------------------------------------------------------------------------------
def _evil_persona(folder: Path) -> Path:
    data = yaml.safe_load(
        (Path(__file__).resolve().parent.parent / "personas" / "coffee-supplier.yaml").read_text()
    )
    data.update(
        id="evil-roaster",
        name=f"Evil{ESCAPES}Roaster",
        title=f"Title{ESCAPES}",
        teaches=f"Teaches{ESCAPES}",
        role=f"Role{ESCAPES}",
    )
    data["user_brief"]["goal"] = f"Goal{ESCAPES}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "evil.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _clean(text: str) -> bool:
    """No control character but newline and tab (so nothing the terminal would act on)."""
    return not any(ord(ch) < 32 and ch not in "\n\t" or 127 <= ord(ch) < 160 for ch in text)


def test_strip_controls_keeps_text_newlines_and_tabs():
    assert strip_controls(f"a{ESCAPES}b\n\tc") == "ab\n\tc"
    assert strip_controls("plain — text ²") == "plain — text ²"


@pytest.mark.slow
def test_personas_list_and_check_strip_escapes(env):
    path = _evil_persona(env / "data" / "personas")
    code, out, err = run("personas")
    assert code == 0 and "EvilRoaster" in out and "Teaches" in out and _clean(out + err)
    assert "pwned" not in out  # whole sequences go, not just their ESC
    code, out, err = run("personas", "--check", str(path))
    assert code == 0 and "EvilRoaster" in out and _clean(out + err)
    code, out, _ = run("personas", "--json")  # machine output is unchanged: JSON escapes them
    assert code == 0 and "\x1b" not in out and any("\x1b" in p["name"] for p in json.loads(out)["personas"])


@pytest.mark.slow
def test_interactive_chat_strips_escapes_but_jsonl_is_unchanged(env):
    _evil_persona(env / "data" / "personas")
    code, out, err = run(
        "chat", "-p", "evil-roaster", "--seed", "3", stdin=f"Hello {ESCAPES}\n/status\n/end\n"
    )
    assert code == 0 and "EvilRoaster:" in out and "Goal" in out and _clean(out + err)
    code, out, _ = run("chat", "-p", "evil-roaster", "--jsonl", "--seed", "3", stdin="Hello\n")
    assert code == 0 and "\x1b" not in out  # json.dumps escaped it, as before


@pytest.mark.slow
def test_score_strips_escapes(env):
    code, out, _ = run(
        "chat",
        "-p",
        "coffee-supplier",
        "--jsonl",
        "--seed",
        "3",
        stdin=f"What concerns you most {ESCAPES}about this?\nTell me more.\n",
    )
    sid = json.loads(out.splitlines()[0])["session_id"]
    code, transcript, _ = run("export", sid, "--format", "json")
    assert code == 0
    data = json.loads(transcript)
    for turn in data[
        "turns"
    ]:  # a hand-edited file: the service never stored these, so only the output can strip
        turn["text"] = f"{turn['text']} {ESCAPES}"
    assert any(t["role"] == "user" for t in data["turns"])
    path = env / "t.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run("score", str(path))
    assert code == 0 and "Overall" in out and _clean(out + err)
    code, out, err = run("score", str(env / f"missing{ESCAPES}.json"))
    assert code == 2 and "missing" in err and _clean(out + err)


# -- 10. bad settings and arguments ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("number", ["²", "٣", "1²", "99999999999999999999"])
def test_rewind_with_a_strange_number_says_how_and_goes_on(env, number):
    code, out, err = run(
        "chat",
        "-p",
        "coffee-supplier",
        "--seed",
        "3",
        stdin=f"What concerns you most about this?\n/rewind {number}\n/status\n/end\n",
    )
    assert code == 0, err
    assert "usage: /rewind N" in out and "concerns uncovered" in out and "ended" in out


@pytest.mark.parametrize("seed", ["1e23", "99999999999999999999999", "-1", "2147483648", "٣", "x"])
def test_a_bad_seed_is_a_usage_error(env, capsys, seed):
    with pytest.raises(SystemExit) as stop:
        run("chat", "-p", "coffee-supplier", "--seed", seed)
    assert stop.value.code == 2
    assert "seed must be a whole number from 0 to 2147483647" in capsys.readouterr().err


def test_the_largest_seed_works(env):
    code, out, _ = run("chat", "-p", "coffee-supplier", "--jsonl", "--seed", "2147483647", stdin="Hello\n")
    assert code == 0 and json.loads(out.splitlines()[-1])["final"]


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("PARLEY_MAX_TURN_CHARS", "-3"),
        ("PARLEY_MAX_TURN_CHARS", "0"),
        ("PARLEY_MAX_TURN_CHARS", "999999999"),
        ("PARLEY_LLM_TIMEOUT", "0"),
        ("PARLEY_LLM_TIMEOUT", "-1"),
        ("PARLEY_LLM_THREADS", "0"),
        ("PARLEY_PORT", "70000"),
        ("PARLEY_LLM_BASE_URL", "localhost:11434/v1"),
    ],
)
def test_an_out_of_range_setting_names_the_variable(env, monkeypatch, variable, value):
    monkeypatch.setenv(variable, value)
    code, _, err = run("sessions")
    assert code == 2 and "configuration problem" in err and variable in err


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/parley.db",
        "https://x/y",
        "mysql://u@h/db",
        "sqlite:parley.db",
        "postgresql:parley",
    ],
)
def test_a_database_url_of_another_kind_is_refused(env, monkeypatch, url):
    monkeypatch.setenv("PARLEY_DATABASE_URL", url)
    code, _, err = run("sessions")
    assert code == 2 and "PARLEY_DATABASE_URL must be sqlite:///" in err
    assert not any(env.rglob("*.db")) and not (env / "http:").exists()


@pytest.mark.parametrize("url", ["sqlite:///{d}/a.db", "{d}/b.db", "SQLite:///{d}/c.db"])
def test_sqlite_urls_and_plain_paths_still_work(env, monkeypatch, url):
    monkeypatch.setenv("PARLEY_DATABASE_URL", url.format(d=env))
    code, out, err = run("sessions")
    assert code == 0 and "No sessions yet" in out, err
    assert len(list(env.glob("*.db"))) == 1
