"""Scores that explain themselves, from the turns alone: what `parley score` prints for a transcript depends on
its turns, never on the outcome, counters or agreed terms a file claims; a one-turn session scores low."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from simulator.cli import main as parley
from simulator.evaluation import score_transcript
from simulator.transcript import Prep, Transcript


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict:
    """A skilled learner's finished rehearsal with the landlord, exported as `parley export --format json` does."""
    from evals.learners import run_session
    from simulator.export import transcript_json
    from simulator.session import Rehearsals
    from simulator.settings import Settings

    service = Rehearsals(Settings(_env_file=None, data_dir=tmp_path_factory.mktemp("score")))
    try:
        result = run_session(service, service.library.get("landlord-renewal"), "realistic", "skilled")
        view = service.view(result.session_id)
        return json.loads(transcript_json(service.transcript(result.session_id), view.scorecard))
    finally:
        service.close()


def _score(path: Path, *flags: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    assert parley(["score", str(path), *flags], stdout=out, stderr=err) == 0, err.getvalue()
    return out.getvalue()


@pytest.mark.slow
def test_parley_score_on_an_edited_transcript_gives_the_same_score(exported, tmp_path: Path) -> None:
    original = tmp_path / "original.json"
    original.write_text(json.dumps(exported))
    edited = json.loads(json.dumps(exported))
    assert edited["outcome"] == "agreement"
    edited["outcome"] = "walked_away"  # the counterpart agreed in the turns; the file now claims otherwise
    for concern in edited["concerns"]:
        concern["layers_disclosed"] = 0  # nothing "uncovered"
    edited["agreed"] = {issue: 0 for issue in edited["agreed"]}  # a different deal
    edited["scorecard"] = {"overall": 100}  # the score riding along is not read either
    changed = tmp_path / "edited.json"
    changed.write_text(json.dumps(edited))

    assert _score(changed, "--json") == _score(original, "--json")
    assert _score(changed) == _score(original)
    printed = _score(original)
    # Each rewrite printed with its one-line why, or, where no turn was weak, the reason there is none.
    assert "      why: " in printed or "    no rewrite: " in printed
    card = json.loads(_score(changed, "--json"))
    assert card["outcome"] == "agreement" and card["deal"]["agreed"]
    concerns = next(d for d in card["dimensions"] if d["key"] == "concerns_uncovered")
    assert concerns["score"] > 0  # the rehearsal drew out its concerns, whatever the counters say


def test_every_number_says_how_it_was_reached_in_plain_words(exported) -> None:
    prep = Prep(problem="Renew the bakery lease for years, not one, at no more than $4,600 a month.")
    card = score_transcript(Transcript.model_validate(exported).model_copy(update={"prep": prep}))
    text = json.dumps(card.model_dump())
    assert "item(s)" not in text and "(s)" not in text
    for dim in card.dimensions:
        assert dim.score is not None
        assert re.search(rf"(?:Score|average is|=) {dim.score}\.", dim.explanation), dim.explanation
    summaries = next(d for d in card.dimensions if d.key == "summaries")
    assert re.match(
        r"\d+ faithful summar(?:y|ies), covering \d+ of the \d+ things they told you", summaries.explanation
    )
    opens = next(d for d in card.dimensions if d.key == "open_questions")
    assert "of 70 points" in opens.explanation and "of 30" in opens.explanation


def test_a_one_turn_session_scores_low(service) -> None:
    best_opening = "Tell me about how things look from your side of the building this year."
    service.start("landlord-renewal", "realistic", seed=3)
    one = service.reply(service.sessions()[0].id, best_opening)
    card = service.end(one.session_id).scorecard
    assert card is not None and card["overall"] <= 20
    opens = next(d for d in card["dimensions"] if d["key"] == "open_questions")
    assert opens["score"] <= 40 and "scaled by 1/3" in opens["explanation"]


def test_review_shows_how_each_number_was_reached_and_the_why_as_text() -> None:
    from streamlit.testing.v1 import AppTest

    def page() -> None:
        from ui.scorecard import dimensions

        dimensions(
            {
                "dimensions": [
                    {
                        "key": "summaries",
                        "title": "Summaries",
                        "score": 73,
                        "explanation": "4 faithful summaries, covering 5 of the 7 things they told you. Score 73.",
                        "evidence": [],
                        "rewrite": {
                            "turn": 5,
                            "original": "Can you tell me more about that?",
                            "suggestion": "So what I'm hearing is that the roof needs replacing.",
                            "why": "They told you something <b>new</b>; say it back.",
                        },
                    }
                ]
            }
        )

    at = AppTest.from_function(page).run()
    assert not at.exception
    assert any("covering 5 of the 7 things they told you" in m.value for m in at.markdown)
    why = [c.value for c in at.caption if c.value.startswith("Why: ")]
    assert why and "<b>" not in why[0] and "new" in why[0]  # user-visible text, never HTML


def test_the_markdown_export_says_how_each_number_was_reached(exported) -> None:
    from simulator.export import transcript_markdown

    transcript = Transcript.model_validate(exported)
    card = score_transcript(transcript).model_dump()
    text = transcript_markdown(transcript, card)
    assert "| dimension | score | how it was reached |" in text
    concerns = next(d for d in card["dimensions"] if d["key"] == "concerns_uncovered")
    assert concerns["explanation"] in text.replace("\\", "")
