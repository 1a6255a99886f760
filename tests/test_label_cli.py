"""The `parley label` and `parley score` contracts, through the functions and the real CLI."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.evaluation.commands import format_scorecard, run_label, run_score

REPO = Path(__file__).resolve().parents[1]
LINES = [
    json.dumps({"id": "a", "text": "Tell me about your supply situation."}),
    '{"text": "broken json',
    json.dumps({"id": "c", "text": "Do you agree?", "context": "We can start in May."}),
    json.dumps({"id": "d", "context": "no text field"}),
    json.dumps({"id": "e", "text": "I need $4.10."}),
]
TRANSCRIPT = {
    "turns": [
        {"role": "counterpart", "text": "Hello."},
        {"role": "user", "text": "What are your concerns?"},
        {
            "role": "counterpart",
            "text": "Cash is tight.",
            "disclosures": [{"item_id": "cash", "text": "Cash is tight."}],
        },
    ],
    "concerns": [{"id": "cash", "title": "Cash flow", "layers_disclosed": 1}],
}


def test_label_keeps_order_reports_bad_lines_and_exits_1() -> None:
    out, err = io.StringIO(), io.StringIO()
    code = run_label("-", io.StringIO("\n".join(LINES) + "\n"), out, err)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert code == 1
    assert [r["id"] for r in rows] == ["a", "c", "e"]
    assert [r["primary"] for r in rows] == ["open_question", "closed_question", "other"]
    assert rows[1]["context"] == "We can start in May." and isinstance(rows[0]["moves"], list)
    assert "line 2" in err.getvalue() and "line 4" in err.getvalue()
    assert "Traceback" not in err.getvalue()


def test_label_all_good_exits_0_from_file(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(LINES[0] + "\n" + LINES[2] + "\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert run_label(str(src), io.StringIO(), out, err) == 0
    assert len(out.getvalue().splitlines()) == 2 and err.getvalue() == ""


@pytest.mark.parametrize(
    ("content", "expect"),
    [
        (None, "cannot read"),
        ("{not json", "invalid JSON"),
        (json.dumps({"turns": [{"role": "boss", "text": "hi"}]}), "not a valid transcript"),
        (json.dumps({"persona_id": "x"}), "not a valid transcript"),
    ],
)
def test_score_bad_file_is_one_clear_line(tmp_path: Path, content: str | None, expect: str) -> None:
    path = tmp_path / "t.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert run_score(str(path), False, out, err) == 2
    assert expect in err.getvalue() and len(err.getvalue().strip().splitlines()) == 1
    assert out.getvalue() == ""


def test_score_text_and_json(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps(TRANSCRIPT), encoding="utf-8")
    out = io.StringIO()
    assert run_score(str(path), True, out, io.StringIO()) == 0
    card = json.loads(out.getvalue())
    assert card["judge"] == "rules" and card["turns"][0]["primary"] == "open_question"
    text = io.StringIO()
    assert run_score(str(path), False, text, io.StringIO()) == 0
    assert "Overall:" in text.getvalue() and "Open questions" in text.getvalue()
    assert format_scorecard(card).startswith(
        "Overall:"
    )  # also renders a dumped dict (what the chat CLI holds)


def _cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simulator.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )


@pytest.mark.subprocess
def test_real_cli_label_and_score(tmp_path: Path) -> None:
    proc = _cli("label", "-", stdin="\n".join(LINES) + "\n")
    assert proc.returncode == 1 and "line 2" in proc.stderr
    assert [json.loads(x)["id"] for x in proc.stdout.splitlines()] == ["a", "c", "e"]
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    scored = _cli("score", str(bad))
    assert scored.returncode == 2 and "Traceback" not in scored.stderr


@pytest.mark.slow
def test_accuracy_eval_reports_judge_agreement_with_a_configured_judge(monkeypatch) -> None:
    """`python -m evals.accuracy --judge` compares a real (here: fake-server) judge with the rules."""
    from contextlib import redirect_stdout

    from fake_openai_server import FakeOpenAIServer, reply

    from evals import accuracy

    for key in ("PARLEY_GGUF", "OPENAI_API_KEY"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("PARLEY_LLM_MODEL", "fake")
    monkeypatch.setenv("PARLEY_LLM_JUDGE", "true")
    cases = accuracy.judge_cases(20)
    rule_yes = round(100 * sum(c.rule_verdict for c in cases) / len(cases))
    for says, expected in (("true", rule_yes), ("false", 100 - rule_yes)):
        with FakeOpenAIServer(default=reply(f'{{"good": {says}, "reason": "fine"}}')) as server:
            monkeypatch.setenv("PARLEY_LLM_BASE_URL", server.base_url)
            out = io.StringIO()
            with redirect_stdout(out):
                assert accuracy.main(["--judge", "20"]) == 0
            assert server.count == 20
        text = out.getvalue()
        assert "| items judged | 20 (failed: 0) |" in text
        assert f"| agreement | {expected}% |" in text, (says, text)
