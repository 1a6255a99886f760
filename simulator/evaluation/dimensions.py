"""The five scored dimensions. Scores are ratios over distinct, real moves, so repeating a line never helps."""

from __future__ import annotations

from simulator.transcript import ConcernInfo, Transcript

from . import rewrites
from .coaching import WINDOW_NAMES
from .review import TurnFacts
from .scorecard import DimensionScore, Evidence, Rewrite
from .text import content_stems, stem, words


def _quote(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _words_for(text: str, stems: set[str]) -> list[str]:
    """The user's own words behind matched stems (stems are not for display)."""
    return list(dict.fromkeys(w for w in words(text) if stem(w) in stems))


def _counted(facts: list[TurnFacts]) -> list[TurnFacts]:
    """Turns that count: a near-duplicate of an earlier turn earns nothing."""
    return [f for f in facts if "repeated" not in f.flags]


def open_questions(facts: list[TurnFacts]) -> DimensionScore:
    """Share of questions that are open, plus breadth across the window questions."""
    live = _counted(facts)
    opened = [f for f in live if "open_question" in f.label.moves]
    opened_ids = {id(f) for f in opened}
    closed = [f for f in live if "closed_question" in f.label.moves and id(f) not in opened_ids]
    evidence = [
        Evidence(turn=f.n, quote=_quote(f.text), note=f"open: {WINDOW_NAMES.get(f.label.window or '', 'question')}")
        for f in opened[:3]
    ]
    evidence += [Evidence(turn=f.n, quote=_quote(f.text), note="closed") for f in closed[:2]]
    weakest = next((f for f in closed if "stacked_closed" in f.flags), closed[0] if closed else None)
    rewrite = None
    if weakest:
        rewrite = Rewrite(
            turn=weakest.n,
            original=weakest.text,
            suggestion=rewrites.open_rewrite(weakest.text, weakest.context),
            why="An open question on the same topic invites them to lay out what is behind it.",
        )
    if not opened and not closed:
        return DimensionScore(
            key="open_questions",
            title="Open questions",
            score=0,
            explanation="No questions asked: the other side's goals and concerns stayed hidden.",
            evidence=[],
            rewrite=rewrite,
        )
    share = len(opened) / (len(opened) + len(closed))
    windows = {f.label.window for f in opened if f.label.window}
    breadth = min(1.0, len(windows) / 3)
    score = round(100 * (0.7 * share + 0.3 * breadth))
    explanation = (
        f"{len(opened)} of {len(opened) + len(closed)} distinct questions were open; "
        f"window questions used: {', '.join(WINDOW_NAMES[w] for w in sorted(windows)) or 'none'}."
    )
    return DimensionScore(
        key="open_questions",
        title="Open questions",
        score=score,
        explanation=explanation,
        evidence=evidence,
        rewrite=rewrite,
    )


def summaries(facts: list[TurnFacts]) -> DimensionScore:
    """Faithfulness and coverage of the summaries offered (a template with no content is not one)."""
    live = _counted(facts)
    found = [f for f in live if f.summary is not None and f.summary.is_summary]
    found_ids = {id(f) for f in found}
    # Each turn's history is a prefix of the next one's: the last turn's holds everything disclosed.
    all_items = {d.item_id for d in facts[-1].disclosed_before} if facts else set()
    evidence = [
        Evidence(
            turn=f.n,
            quote=_quote(f.text),
            note=("faithful" if f.summary.faithful else "not faithful")
            + (f"; invents {', '.join(f.summary.invented)}" if f.summary.invented else "")
            + f"; covers {len(f.summary.covered_item_ids)} item(s)",
        )
        for f in found
        if f.summary
    ]
    unfaithful = [f for f in found if f.summary and not f.summary.faithful]
    target = (
        unfaithful[0]
        if unfaithful
        else next((f for f in live if f.disclosed_before and id(f) not in found_ids), None)
    )
    rewrite = None
    if target:
        rewrite = Rewrite(
            turn=target.n,
            original=target.text,
            suggestion=rewrites.summary_rewrite(target.disclosed_before, target.context),
            why="Playing back what they said, in their words, shows you heard them and invents nothing.",
        )
    if not found:
        return DimensionScore(
            key="summaries",
            title="Summaries",
            score=0,
            explanation="No summary restated what the counterpart said.",
            evidence=[],
            rewrite=rewrite,
        )
    qualities = []
    covered: set[str] = set()
    for f in found:
        s = f.summary
        assert s is not None
        covered.update(s.covered_item_ids)
        has_items = len(f.disclosed_before) > 0
        qualities.append(0.0 if not s.faithful else (0.5 + 0.5 * s.coverage) if has_items else 0.75)
    union = len(covered) / len(all_items) if all_items else sum(qualities) / len(qualities)
    score = round(100 * (0.6 * sum(qualities) / len(qualities) + 0.4 * union))
    explanation = (
        f"{len(found)} summar{'y' if len(found) == 1 else 'ies'}, {len(found) - len(unfaithful)} faithful; "
        f"together they restate {len(covered)} of {len(all_items)} things the counterpart disclosed."
    )
    return DimensionScore(
        key="summaries",
        title="Summaries",
        score=score,
        explanation=explanation,
        evidence=evidence,
        rewrite=rewrite,
    )


def benefit_asks(facts: list[TurnFacts], concerns: list[ConcernInfo]) -> DimensionScore:
    """Mean quality of distinct asks: only benefit-framed asks earn credit; concrete terms and a concern tie add."""
    live = [f for f in _counted(facts) if f.label.is_ask]
    used_cues: set[str] = set()
    rated: list[tuple[float, TurnFacts, str]] = []
    for f in live:
        cue = f.label.evidence.get("benefit_ask", "").rsplit("…", 1)[-1].strip()
        fresh = bool(cue) and cue not in used_cues
        used_cues.add(cue)
        if "benefit_ask" not in f.label.moves or not fresh:
            note = (
                "bare ask: no benefit to them"
                if "benefit_ask" not in f.label.moves
                else "benefit phrase reused"
            )
            rated.append((0.0, f, note))
            continue
        concrete = bool(f.ask and f.ask.concrete)
        tied = bool(f.ask and set(f.ask.mentioned) & set(f.concerns_known)) or (
            not concerns and bool(f.context)
        )
        quality = (0.4 + 0.3 * concrete + 0.3 * tied) * (0.5 if f.label.pressure else 1.0)
        rated.append((quality, f, "benefit-framed" + (", answers a concern they raised" if tied else "")))
    evidence = [Evidence(turn=f.n, quote=_quote(f.text), note=note) for _, f, note in rated[:5]]
    if not rated:
        return DimensionScore(
            key="benefit_asks",
            title="Benefit-framed asks",
            score=0,
            explanation="No ask was made.",
            evidence=[],
            rewrite=None,
        )
    weakest_quality, weakest, _ = min(rated, key=lambda r: (r[0], r[1].n))
    known = [c for c in concerns if c.id in weakest.concerns_known]
    # Tie the rewrite to a concern they raised that the ask left out (else the latest one they raised).
    left_out = [c for c in known if not (weakest.ask and c.id in weakest.ask.mentioned)]
    rewrite = None
    if weakest_quality < 1.0:  # a concrete, benefit-framed ask tied to their concern needs no rewrite
        rewrite = Rewrite(
            turn=weakest.n,
            original=weakest.text,
            suggestion=rewrites.ask_rewrite(
                weakest.text,
                weakest.ask.terms if weakest.ask else (),
                (left_out or known)[-1] if known else None,
                weakest.context,
            ),
            why="A concrete ask that says how it answers their concern gives them a reason to say yes.",
        )
    score = round(100 * sum(q for q, _, _ in rated) / len(rated))
    good = sum(1 for q, _, _ in rated if q > 0)
    return DimensionScore(
        key="benefit_asks",
        title="Benefit-framed asks",
        score=score,
        explanation=f"{good} of {len(rated)} distinct asks were benefit-framed.",
        evidence=evidence,
        rewrite=rewrite,
    )


def concerns_uncovered(transcript: Transcript, facts: list[TurnFacts]) -> DimensionScore:
    """Layers of the counterpart's concerns the user drew out (key concerns count double)."""
    concerns = transcript.concerns
    if not concerns:
        return DimensionScore(
            key="concerns_uncovered",
            title="Concerns uncovered",
            score=None,
            explanation="No concern ledger in this transcript.",
            evidence=[],
            rewrite=None,
        )
    weights = [2 if c.key else 1 for c in concerns]
    got = sum(
        w * min(1.0, c.layers_disclosed / max(1, c.layers_total))
        for w, c in zip(weights, concerns, strict=True)
    )
    score = round(100 * got / sum(weights))
    evidence = [
        Evidence(turn=f.n, quote=_quote(f.text), note=f.effect) for f in facts if "opened concern" in f.effect
    ][:5]
    missed = next((c for c in concerns if c.layers_disclosed == 0 and c.key), None) or next(
        (c for c in concerns if c.layers_disclosed == 0), None
    )
    rewrite = None
    weak = next(
        (f for f in facts if f.label.primary in ("closed_question", "other")), facts[0] if facts else None
    )
    if missed and weak:
        rewrite = Rewrite(
            turn=weak.n,
            original=weak.text,
            suggestion=rewrites.concern_rewrite(missed),
            why=f"'{missed.title}' never came up; this question would have opened it.",
        )
    opened = sum(1 for c in concerns if c.layers_disclosed > 0)
    return DimensionScore(
        key="concerns_uncovered",
        title="Concerns uncovered",
        score=score,
        explanation=f"{opened} of {len(concerns)} concerns surfaced.",
        evidence=evidence,
        rewrite=rewrite,
    )


def alignment(transcript: Transcript, facts: list[TurnFacts]) -> DimensionScore:
    """Did the user talk about, and ask for, what their own prep said the problem and needs were?"""
    prep = transcript.prep
    if prep is None or not (prep.problem.strip() or prep.needs.strip()):
        return DimensionScore(
            key="alignment",
            title="Alignment with your problem",
            score=None,
            explanation="No prep answers to compare with.",
            evidence=[],
            rewrite=None,
        )
    target = content_stems(f"{prep.problem} {prep.needs}")
    live = _counted(facts)
    touched = [(f, content_stems(f.text) & target) for f in live]
    talk = set().union(*(hit for _, hit in touched)) if touched else set()
    talk_cov = min(1.0, len(talk) / max(1, min(len(target), 6)))
    asks = [(f, hit) for f, hit in touched if f.label.is_ask]
    ask_align = sum(1 for _, hit in asks if hit) / len(asks) if asks else 0.0
    score = round(100 * (0.5 * talk_cov + 0.5 * ask_align))
    evidence = [
        Evidence(
            turn=f.n, quote=_quote(f.text), note="on your problem: " + ", ".join(_words_for(f.text, hit)[:4])
        )
        for f, hit in touched
        if hit
    ][:4]
    off = next((f for f, hit in asks if not hit), None) or next((f for f, hit in touched if not hit), None)
    rewrite = None
    if off:
        rewrite = Rewrite(
            turn=off.n,
            original=off.text,
            suggestion=rewrites.alignment_rewrite(prep.problem or prep.needs, off.text),
            why="Your prep said this is the problem you are solving; keep the conversation on it.",
        )
    return DimensionScore(
        key="alignment",
        title="Alignment with your problem",
        score=score,
        explanation=f"Your turns touched {len(talk)} key words of your problem/needs; "
        f"{sum(1 for _, h in asks if h)} of {len(asks)} asks were about it.",
        evidence=evidence,
        rewrite=rewrite,
    )


def score_dimensions(transcript: Transcript, facts: list[TurnFacts]) -> list[DimensionScore]:
    """All five dimensions in the order the UI shows them."""
    return [
        open_questions(facts),
        summaries(facts),
        benefit_asks(facts, transcript.concerns),
        concerns_uncovered(transcript, facts),
        alignment(transcript, facts),
    ]
