"""The scorecard's Deal section, on hand-built rehearsals with the coffee supplier's terms: what a user sees about
the deal they made (or did not make), and that it survives a round trip through an exported file and `parley score`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from simulator import deal as D
from simulator.evaluation import score_transcript
from simulator.evaluation.commands import format_scorecard
from simulator.evaluation.deal_review import DealReview, review_deal
from simulator.export import transcript_json, transcript_markdown
from simulator.personas import load_persona_file
from simulator.transcript import Transcript, Turn

REPO = Path(__file__).resolve().parents[1]
PERSONA = load_persona_file(REPO / "personas" / "coffee-supplier.yaml")
ISSUES = PERSONA.issues
OPENING = {
    i.id: i.opening for i in ISSUES
}  # $16.80, 12 months, net 15, no standing order, no debit, no review
USER_TARGETS = {i.id: i.user.target for i in ISSUES}
USER_LIMITS = {i.id: i.user.limit for i in ISSUES}
NAME = PERSONA.name


def _terms(**changes: float) -> dict[str, float]:
    return {**OPENING, **changes}


def _deal(agreed: dict[str, float]) -> Transcript:
    """Opening, one offer, and a yes on `agreed`."""
    return Transcript(
        persona_id=PERSONA.id,
        persona_name=NAME,
        issues=ISSUES,
        outcome="agreement",
        agreed=agreed,
        turns=[
            Turn(role="counterpart", text="So, you got my email.", move="open", terms=OPENING),
            Turn(role="user", text="Here's what would work for us.", terms=agreed),
            Turn(role="counterpart", text="Deal.", move="agree", terms=agreed),
        ],
    )


# A haggle over three rounds: each side's first offer is its anchor, then both move.
HAGGLE = [
    Turn(role="counterpart", text="Come in. So, you got my email.", move="open", terms=OPENING),
    Turn(role="user", text="I'd like to stay at $14.80 a kilo.", terms={"price_per_kg": 14.80}),
    Turn(role="counterpart", text="I could do $16.40.", move="counter", terms=_terms(price_per_kg=16.40)),
    Turn(role="user", text="$15.20 a kilo?", terms={"price_per_kg": 15.20}),
    Turn(
        role="counterpart",
        text="$16.00, net 20.",
        move="counter",
        terms=_terms(price_per_kg=16.00, payment_days=20),
    ),
    Turn(
        role="user",
        text="$15.60 a kilo on a 24-month agreement.",
        terms={"price_per_kg": 15.60, "term_months": 24},
    ),
]
HAGGLE_AGREED = _terms(price_per_kg=15.60, term_months=24, payment_days=20)


def _haggle(agreed: bool) -> Transcript:
    turns = list(HAGGLE)
    if agreed:
        turns.append(Turn(role="counterpart", text="Deal.", move="agree", terms=HAGGLE_AGREED))
    else:
        turns.append(Turn(role="counterpart", text="I'll send the renewal as it stands.", move="time_up"))
    return Transcript(
        persona_id=PERSONA.id,
        persona_name=NAME,
        issues=ISSUES,
        turns=turns,
        outcome="agreement" if agreed else "no_agreement",
        agreed=HAGGLE_AGREED if agreed else None,
    )


def _texts(review: DealReview) -> str:
    """Everything a user reads in the Deal section."""
    data = review.model_dump(
        exclude={
            "terms": {"__all__": {"status"}},
            "concessions": {"__all__": {"side", "kind"}},
            "anchors": {"__all__": {"side"}},
        }
    )
    return json.dumps(data, ensure_ascii=False)


def test_a_deal_at_your_target_claims_more_than_one_at_your_limit() -> None:
    at_target = review_deal(_deal(USER_TARGETS))
    at_limit = review_deal(_deal(USER_LIMITS))
    assert at_target is not None and at_limit is not None
    assert at_target.value_claimed == 100 and at_limit.value_claimed == 0
    assert at_target.value_claimed > at_limit.value_claimed
    price = next(t for t in at_target.terms if t.issue == "Price per kilo")
    assert (price.value, price.target, price.limit, price.verdict) == (
        "$14.80 a kilo",
        "$14.80 a kilo",
        "$15.60 a kilo",
        "at your target",
    )
    assert {t.verdict for t in at_target.terms} == {"at your target"}
    assert {t.verdict for t in at_limit.terms} == {"at your limit"}
    middle = review_deal(_deal(_terms(price_per_kg=15.20, payment_days=20)))
    assert middle is not None
    assert (
        next(t.verdict for t in middle.terms if t.issue == "Price per kilo")
        == "between your target and limit"
    )
    assert at_limit.value_claimed < middle.value_claimed < at_target.value_claimed


def test_a_deal_past_your_limit_is_reported() -> None:
    review = review_deal(_deal(_terms(price_per_kg=16.20, payment_days=20)))
    assert review is not None
    assert next(t.verdict for t in review.terms if t.issue == "Price per kilo") == "past your limit"
    assert any("past your limit on Price per kilo" in w for w in review.warnings)
    assert 0 <= review.value_claimed <= 100


def test_joint_value_never_exceeds_the_best_the_two_sides_could_create() -> None:
    frontier = D.pareto_frontier(ISSUES)
    created = []
    for outcome in [*frontier, *D.outcomes(ISSUES, 3)]:
        review = review_deal(_deal(outcome.terms))
        assert review is not None and review.value_created is not None
        assert 0 <= review.value_created <= 100
        created.append(review.value_created)
    assert max(created) >= 95  # the frontier's best joint outcome is (close to) the most there is
    for extreme in (USER_TARGETS, USER_LIMITS, OPENING):  # past one side's limit: still capped
        review = review_deal(_deal(extreme))
        assert review is not None and review.value_created is not None and review.value_created <= 100


def test_what_was_left_on_the_table_is_better_for_you_and_no_worse_for_them() -> None:
    deal = _terms(price_per_kg=15.60, payment_days=20)  # at your price limit, with nothing traded for it
    review = review_deal(_deal(deal))
    assert review is not None and review.left_on_table is not None
    left = review.left_on_table
    assert left.user_value > review.value_claimed and left.gain == left.user_value - review.value_claimed
    assert left.counterpart_value >= review.counterpart_value
    assert review.left_on_table_note.startswith("Left on the table: ")
    assert f"{left.user_value}% instead of {review.value_claimed}%" in review.left_on_table_note
    # An efficient deal has nothing left: the frontier's best outcome for you leaves nothing better for both.
    best = max(D.pareto_frontier(ISSUES), key=lambda o: o.user)
    efficient = review_deal(_deal(best.terms))
    assert efficient is not None and efficient.left_on_table is None
    assert efficient.left_on_table_note.startswith("Nothing left on the table")


def test_concessions_are_listed_in_turn_order_with_the_side_that_moved() -> None:
    review = review_deal(_haggle(agreed=True))
    assert review is not None
    moves = [(m.turn, m.side, m.issue, m.kind) for m in review.concessions]
    assert moves == [
        (1, "counterpart", "Price per kilo", "concession"),  # $16.80 -> $16.40
        (2, "user", "Price per kilo", "concession"),  # $14.80 -> $15.20
        (2, "counterpart", "Price per kilo", "concession"),  # $16.40 -> $16.00
        (2, "counterpart", "Payment terms", "concession"),  # net 15 -> net 20
        (3, "user", "Price per kilo", "concession"),  # $15.20 -> $15.60
        (3, "counterpart", "Price per kilo", "concession"),  # $16.00 -> $15.60, agreeing
        (3, "counterpart", "Length of the agreement", "good_for_both"),  # both want 24 months
    ]
    texts = [m.text for m in review.concessions]
    assert texts[1].startswith("Turn 2, you: Price per kilo, $14.80 a kilo → $15.20 a kilo (gave up ")
    assert texts[0].startswith(
        f"{NAME}, replying to your turn 1: Price per kilo, $16.80 a kilo → $16.40 a kilo"
    )
    assert all(m.points > 0 for m in review.concessions if m.kind == "concession")
    assert [(a.side, a.turn) for a in review.anchors] == [("counterpart", 0), ("user", 1)]
    assert review.anchors[1].text == "Your first offer (turn 1): $14.80 a kilo."
    assert review.concessions_note.startswith("You made 2 concessions")
    assert f"{NAME} made 4 concessions" in review.concessions_note


def test_accepting_their_terms_counts_as_your_concession() -> None:
    """Saying yes to their proposal moves you from your last offer to the deal, even when you named no numbers."""
    turns = [
        *HAGGLE[:5],
        Turn(role="user", text="Okay, deal."),
        Turn(role="counterpart", text="Shake on it.", move="agree", terms=HAGGLE[4].terms),
    ]
    t = Transcript(persona_name=NAME, issues=ISSUES, turns=turns, outcome="agreement", agreed=HAGGLE[4].terms)
    review = review_deal(t)
    assert review is not None
    last = review.concessions[-1]
    assert (last.turn, last.side, last.issue, last.before, last.after) == (
        3,
        "user",
        "Price per kilo",
        "$15.20 a kilo",
        "$16.00 a kilo",
    )
    assert last.text.startswith("Turn 3, you (accepting the deal): ")


def test_no_deal_shows_the_last_proposal_and_what_was_within_reach() -> None:
    review = review_deal(_haggle(agreed=False))
    assert review is not None and not review.agreed
    assert review.value_claimed is None and review.left_on_table is None
    assert review.headline.startswith(f"No deal. On the table at the end, from {NAME}: $16.00 a kilo")
    assert "payment on net 20" in review.last_proposal
    assert next(t.value for t in review.terms if t.issue == "Price per kilo") == "$16.00 a kilo"
    assert "past your limit on Price per kilo" in review.last_proposal_note
    last = D.utility(ISSUES, _terms(price_per_kg=16.00, payment_days=20), "counterpart")
    reach = review.within_reach
    assert reach is not None and reach.user_value > review.last_proposal_value
    assert reach.counterpart_value >= round(100 * last)  # no worse for them than their own last proposal
    assert review.within_reach_note.startswith("Within reach: ")


def test_no_deal_with_a_proposal_inside_your_limits_says_you_could_have_taken_it() -> None:
    fair = _terms(price_per_kg=15.50, term_months=24, payment_days=25)
    t = Transcript(
        persona_name=NAME,
        issues=ISSUES,
        outcome="walked_away",
        turns=[
            Turn(role="counterpart", text="Hello.", move="open", terms=OPENING),
            Turn(role="user", text="What about $15.00?", terms={"price_per_kg": 15.0}),
            Turn(role="counterpart", text="$15.50, 24 months, net 25.", move="counter", terms=fair),
            Turn(role="user", text="No."),
            Turn(role="counterpart", text="Then we're done.", move="walk_away"),
        ],
    )
    review = review_deal(t)
    assert review is not None and not review.agreed
    assert "within all your limits: you could have said yes" in review.last_proposal_note
    assert review.last_proposal_value == round(100 * D.utility(ISSUES, fair, "user"))


def test_no_internal_ids_reach_the_user() -> None:
    ids = {i.id for i in ISSUES} | {c.id for c in PERSONA.concerns}
    for review in (review_deal(_haggle(True)), review_deal(_haggle(False)), review_deal(_deal(USER_LIMITS))):
        assert review is not None
        words = set(re.findall(r"[a-z_]+", _texts(review)))
        assert not ids & words


def test_transcripts_without_issues_have_no_deal_section() -> None:
    old = Transcript.model_validate({"turns": [{"role": "user", "text": "Tell me about it."}]})
    assert old.issues == [] and review_deal(old) is None
    card = score_transcript(old)
    assert card.deal is None and "Deal:" not in format_scorecard(card)


def test_build_transcript_carries_the_persona_issues() -> None:
    from simulator.graph import build_transcript

    state = {"turns": [dict(HAGGLE[0].model_dump(), disclosures=[])], "ledger": {}, "outcome": "no_agreement"}
    t = build_transcript(PERSONA, state)
    assert [i.label for i in t.issues] == [i.label for i in ISSUES]
    assert Transcript.model_validate_json(t.model_dump_json()).issues == t.issues


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simulator.cli", *args], capture_output=True, text=True, cwd=REPO, timeout=60
    )


@pytest.mark.subprocess
@pytest.mark.parametrize("agreed", [True, False], ids=["deal", "no-deal"])
def test_parley_score_prints_the_deal_from_an_exported_file_alone(tmp_path: Path, agreed: bool) -> None:
    transcript = _haggle(agreed)
    path = tmp_path / "t.json"
    path.write_text(transcript_json(transcript), encoding="utf-8")
    assert "issues" in json.loads(path.read_text(encoding="utf-8"))  # the file carries what the review needs
    proc = _cli("score", str(path))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    block = out[out.index("Deal:") : out.index("Open questions")]  # shown before the dimensions
    assert "Price per kilo" in block and "Concessions:" in block
    assert "Turn 2, you: Price per kilo, $14.80 a kilo → $15.20 a kilo" in block
    if agreed:
        expected = review_deal(transcript)
        assert expected is not None
        assert "You agreed: $15.60 a kilo, a 24-month agreement" in block and "payment on net 20" in block
        assert (
            f"Value claimed: {expected.value_claimed}% for you, {expected.counterpart_value}% for {NAME}"
            in block
        )
        assert f"Value created: {expected.value_created}% of the best possible" in block
        assert "at your limit" in block
    else:
        assert "No deal. On the table at the end" in block and "$16.00 a kilo" in block
        assert "Within reach: " in block
    as_json = _cli("score", "--json", str(path))
    assert json.loads(as_json.stdout)["deal"]["agreed"] is agreed


def test_end_of_chat_and_markdown_export_show_the_deal() -> None:
    transcript = _haggle(agreed=True)
    card = score_transcript(transcript).model_dump(
        mode="json"
    )  # what a session stores and the chat CLI prints
    assert "Deal:" in format_scorecard(card)
    md = transcript_markdown(transcript, card)
    assert "## Deal" in md and "| term | agreed | your target | your limit | verdict |" in md
    assert "| Price per kilo | $15.60 a kilo | $14.80 a kilo | $15.60 a kilo | at your limit |" in md
    assert md.index("## Deal") < md.index("## Scorecard")
    # Persona text is shown as text: a label with Markdown in it cannot make a link or a heading.
    tricky = [ISSUES[0].model_copy(update={"label": "Price [per](http://x) *kilo*"}), *ISSUES[1:]]
    md = transcript_markdown(transcript.model_copy(update={"issues": tricky}), None)
    assert "Price \\[per\\](http\\://x) \\*kilo\\*" in md and "[per](http://x)" not in md


def _render_deal() -> None:
    import streamlit as st

    from ui import scorecard

    scorecard.deal(st.session_state["card"])


@pytest.mark.parametrize("agreed", [True, False], ids=["deal", "no-deal"])
def test_review_page_block_shows_terms_value_and_concessions(agreed: bool) -> None:
    from streamlit.testing.v1 import AppTest

    card = score_transcript(_haggle(agreed).model_copy(update={"persona_name": "Tomás *Reyes*"}))
    app = AppTest.from_function(_render_deal)
    app.session_state["card"] = card.model_dump(mode="json")
    app.run()
    assert not app.exception
    assert [h.value for h in app.subheader] == ["Deal"]
    table = app.dataframe[0].value
    assert list(table["Term"]) == [i.label for i in ISSUES]
    price = table[table["Term"] == "Price per kilo"].iloc[0]
    assert price["Verdict"] == ("at your limit" if agreed else "past your limit")
    metrics = {m.label: m.value for m in app.metric}
    markdown = "\n".join(m.value for m in app.markdown)
    assert "Turn 2, you: Price per kilo, $14.80 a kilo → $15.20 a kilo" in markdown.replace("\\", "")
    assert "Tomás \\*Reyes\\*" in markdown  # persona text is escaped, never rendered as Markdown
    if agreed:
        assert metrics["Value claimed (you)"] == f"{card.deal.value_claimed}%"
        assert metrics["Value created"] == f"{card.deal.value_created}%"
        assert "Left on the table" in markdown
    else:
        assert any(label.startswith("Last proposal from") for label in metrics)
        assert "Within reach" in markdown
