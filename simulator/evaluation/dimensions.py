"""The five scored dimensions. Scores are ratios over distinct, real moves, so repeating a line never helps, and
each one says in plain words how its number was reached. Rewrites never touch a turn that won something."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from simulator.personas import Issue
from simulator.transcript import ConcernInfo, Transcript

from . import alignment as A
from . import rewrites
from .coaching import WINDOW_NAMES
from .review import TurnFacts
from .scorecard import DimensionScore, Evidence, Rewrite
from .text import content_stems, normalise

MIN_QUESTIONS = 3  # a questioning habit shows over at least this many questions; fewer scale the score down
WINDOWS_THAT_COUNT = 3  # using this many different window questions earns the whole breadth share


# (position in the turns, text, move) -> does the live reading see that move there? (rewrites.live_reader)
Reader = Callable[[int, str, str], bool]


def _also(reader: Reader | None, fact: TurnFacts) -> rewrites.Also | None:
    """The live reading's check of a rewrite said in place of `fact`'s turn, when the persona is known."""
    if reader is None:
        return None
    return lambda text, move: reader(fact.at, text, move)


def _quote(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short(text: str, limit: int = 60) -> str:
    return _quote(" ".join(text.split()), limit)


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _counted(facts: list[TurnFacts]) -> list[TurnFacts]:
    """Turns that count: a near-duplicate of an earlier turn earns nothing."""
    return [f for f in facts if "repeated" not in f.flags]


def _repeats_note(facts: list[TurnFacts]) -> str:
    n = sum(1 for f in facts if "repeated" in f.flags)
    return f" ({_plural(n, 'repeated turn')} not counted.)" if n else ""


def open_questions(facts: list[TurnFacts], concerns: Sequence[ConcernInfo] = (),
                   issues: Sequence[Issue] = (), reader: Reader | None = None) -> DimensionScore:
    """Share of questions that are open, plus breadth across the window questions, scaled up to MIN_QUESTIONS."""
    live = _counted(facts)
    opened = [f for f in live if "open_question" in f.label.moves]
    opened_ids = {id(f) for f in opened}
    closed = [f for f in live if "closed_question" in f.label.moves and id(f) not in opened_ids]
    evidence = [
        Evidence(turn=f.n, quote=_quote(f.text), note=f"open: {WINDOW_NAMES.get(f.label.window or '', 'question')}")
        for f in opened[:3]
    ]
    evidence += [Evidence(turn=f.n, quote=_quote(f.text), note="closed: a yes/no question") for f in closed[:2]]
    candidates = [f for f in closed if not f.won]
    weakest = next((f for f in candidates if "stacked_closed" in f.flags), candidates[0] if candidates else None)
    rewrite = None
    if weakest:
        suggestion = rewrites.open_rewrite(weakest.text, weakest.context, concerns, issues, weakest.concerns_known,
                                           _also(reader, weakest))
        if suggestion:
            rewrite = Rewrite(
                turn=weakest.n, original=weakest.text, suggestion=suggestion,
                why="A yes/no question gets a yes or a no; an open one on the same subject invites them to say "
                    "what is behind it.",
            )
    if not opened and not closed:
        return DimensionScore(
            key="open_questions", title="Open questions", score=0,
            explanation="You asked no questions, so their goals and concerns stayed hidden. Score 0.",
            evidence=[], rewrite=rewrite,
        )
    asked = len(opened) + len(closed)
    windows = sorted({f.label.window for f in opened if f.label.window})
    share_points = 70 * len(opened) / asked
    breadth_points = 30 * min(1.0, len(windows) / WINDOWS_THAT_COUNT)
    volume = min(1.0, asked / MIN_QUESTIONS)
    score = round((share_points + breadth_points) * volume)
    used = f" ({', '.join(WINDOW_NAMES[w] for w in windows)})" if windows else ""
    explanation = (
        f"{len(opened)} of your {_plural(asked, 'question')} {'was' if len(opened) == 1 else 'were'} open: "
        f"{round(share_points)} of 70 points. You used {_plural(len(windows), 'kind')} of window question{used}, "
        f"and {WINDOWS_THAT_COUNT} kinds earn all 30 points: {round(breadth_points)} of 30."
    )
    if volume < 1:
        explanation += (f" With only {_plural(asked, 'question')}, that is scaled by {asked}/{MIN_QUESTIONS}: a "
                        f"questioning habit shows over at least {MIN_QUESTIONS}.")
    explanation += f" Score {score}." + _repeats_note(facts)
    return DimensionScore(key="open_questions", title="Open questions", score=score, explanation=explanation,
                          evidence=evidence, rewrite=rewrite)


def _weak_turn(facts: Sequence[TurnFacts]) -> TurnFacts | None:
    """The turn a rewrite should replace: one that won nothing, a question or remark before an ask."""
    open_ = [f for f in facts if not f.won]
    return next((f for f in open_ if not f.label.is_ask), open_[0] if open_ else None)


def _things(n: int) -> str:
    return _plural(n, "thing")


def summaries(facts: list[TurnFacts], reader: Reader | None = None) -> DimensionScore:
    """Faithfulness and coverage of the summaries offered (a template with no content is not one)."""
    live = _counted(facts)
    found = [f for f in live if f.summary is not None and f.summary.is_summary]
    found_ids = {id(f) for f in found}
    # Each turn's history is a prefix of the next one's: the last turn's holds everything disclosed.
    all_items = {d.item_id for d in facts[-1].disclosed_before} if facts else set()
    evidence = []
    for f in found:
        assert f.summary is not None
        s = f.summary
        note = "faithful" if s.faithful else "not faithful"
        if s.invented:
            note += f": they never said {', '.join(s.invented)}"
        note += f"; restates {_things(len(s.covered_item_ids))} they told you"
        evidence.append(Evidence(turn=f.n, quote=_quote(f.text), note=note))
    unfaithful = [f for f in found if f.summary and not f.summary.faithful]
    target = next((f for f in unfaithful if not f.won), None) or _weak_turn(
        [f for f in live if f.disclosed_before and id(f) not in found_ids]
    )
    rewrite = None
    if target:
        suggestion = rewrites.summary_rewrite(target.disclosed_before, target.context, _also(reader, target))
        if suggestion:
            why = ("Your summary added what they never said; playing back their own words shows you listened and "
                   "invents nothing." if target in unfaithful else
                   "They had told you something; saying it back in their words shows you heard it before you move on.")
            rewrite = Rewrite(turn=target.n, original=target.text, suggestion=suggestion, why=why)
    if not found:
        told = f" although they told you {_things(len(all_items))}" if all_items else ""
        return DimensionScore(
            key="summaries", title="Summaries", score=0,
            explanation=f"No turn restated what they said{told}. Score 0.", evidence=[], rewrite=rewrite,
        )
    qualities = []
    covered: set[str] = set()
    for f in found:
        s = f.summary
        assert s is not None
        covered.update(s.covered_item_ids)
        has_items = len(f.disclosed_before) > 0
        qualities.append(0.0 if not s.faithful else (0.5 + 0.5 * s.coverage) if has_items else 0.75)
    faithful = len(found) - len(unfaithful)
    quality_points = 60 * sum(qualities) / len(qualities)
    head = f"{faithful} faithful {'summary' if faithful == 1 else 'summaries'}"
    if unfaithful:
        head += f" and {len(unfaithful)} that added what they never said"
    if all_items:
        coverage_points = 40 * len(covered) / len(all_items)
        explanation = (f"{head}, covering {len(covered)} of the {_things(len(all_items))} they told you: "
                       f"{round(quality_points)} of 60 points for summaries that restate them faithfully, "
                       f"{round(coverage_points)} of 40 for how much of it you covered.")
    else:
        coverage_points = 40 * sum(qualities) / len(qualities)
        explanation = (f"{head}; they had not told you anything to cover yet, so the 40 points for coverage follow "
                       f"the {round(quality_points)} of 60 for faithfulness.")
    score = round(quality_points + coverage_points)
    explanation += f" Score {score}." + _repeats_note(facts)
    return DimensionScore(key="summaries", title="Summaries", score=score, explanation=explanation,
                          evidence=evidence, rewrite=rewrite)


def benefit_asks(facts: list[TurnFacts], concerns: list[ConcernInfo], issues: Sequence[Issue] = (),
                 reader: Reader | None = None, answers: dict[str, set[str]] | None = None) -> DimensionScore:
    """Mean quality of distinct asks: only benefit-framed asks earn credit; concrete terms and a concern tie add."""
    live = [f for f in _counted(facts) if f.label.is_ask]
    used_cues: set[str] = set()
    rated: list[tuple[float, TurnFacts, str]] = []
    concrete_n = tied_n = 0
    for f in live:
        concrete_n += bool(f.ask and f.ask.concrete)
        tied_n += bool(f.ask and set(f.ask.mentioned) & set(f.concerns_known))
        # The same benefit phrase pasted onto every ask earns once. A live reading keeps no cue for the whole turn:
        # its own words are the phrase then (a repeated turn is already not counted).
        cue = f.label.evidence.get("benefit_ask", "").rsplit("…", 1)[-1].strip() or normalise(f.text)
        fresh = cue not in used_cues
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
        return DimensionScore(key="benefit_asks", title="Benefit-framed asks", score=0,
                              explanation="You made no ask. Score 0.", evidence=[], rewrite=None)
    rewrite = None
    improvable = [r for r in rated if r[0] < 1.0 and not r[1].won]
    if improvable:
        _, weakest, _ = min(improvable, key=lambda r: (r[0], r[1].n))
        known = [c for c in concerns if c.id in weakest.concerns_known]
        # Tie the rewrite to a concern they raised that these terms answer (the persona says which), else one the
        # ask left out, else the latest one they raised.
        answered = [c for c in known if (answers or {}).get(c.id, set()) & set(weakest.terms)]
        left_out = [c for c in known if not (weakest.ask and c.id in weakest.ask.mentioned)]
        concern = (answered or left_out or known)[-1] if known else None
        terms = rewrites.terms_in_words(weakest.terms, issues, weakest.ask.terms if weakest.ask else ())
        suggestion = rewrites.ask_rewrite(terms, concern, weakest.context, concerns, _also(reader, weakest))
        if suggestion:
            why = (f"Saying how your terms help with {rewrites.concern_phrase(concern)} gives them a reason to say yes."
                   if concern else "Saying what they gain from your terms gives them a reason to say yes.")
            rewrite = Rewrite(turn=weakest.n, original=weakest.text, suggestion=suggestion, why=why)
    score = round(100 * sum(q for q, _, _ in rated) / len(rated))
    good = sum(1 for q, _, _ in rated if q > 0)
    pressured = sum(1 for q, f, _ in rated if q > 0 and f.label.pressure)
    head = (f"{good} of your {len(rated)} asks said what they gain" if len(rated) > 1
            else f"Your one ask {'said' if good else 'did not say'} what they gain")
    explanation = (
        f"{head}; {concrete_n} named concrete terms and {tied_n} answered a concern they raised. "
        f"An ask earns 40 points for saying what they gain and, if it does, "
        f"30 for concrete terms and 30 for answering their concern"
        + (f" (halved for the {_plural(pressured, 'ask')} made under pressure)" if pressured else "")
        + f"; the average is {score}." + _repeats_note(facts)
    )
    return DimensionScore(key="benefit_asks", title="Benefit-framed asks", score=score, explanation=explanation,
                          evidence=evidence, rewrite=rewrite)


def concerns_uncovered(transcript: Transcript, facts: list[TurnFacts], reader: Reader | None = None) -> DimensionScore:
    """Layers of the counterpart's concerns the user drew out (key concerns count double)."""
    concerns = transcript.concerns
    if not concerns:
        return DimensionScore(key="concerns_uncovered", title="Concerns uncovered", score=None,
                              explanation="This transcript has no list of their concerns to check against.",
                              evidence=[], rewrite=None)
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
    weak = _weak_turn([f for f in facts if f.label.primary in ("closed_question", "other")])
    if missed and weak:
        suggestion = rewrites.concern_rewrite(missed, weak.context, _also(reader, weak))
        if suggestion:
            rewrite = Rewrite(turn=weak.n, original=weak.text, suggestion=suggestion,
                              why=f"“{missed.title}” never came up; a question like this would have opened it.")
    opened = sum(1 for c in concerns if c.layers_disclosed > 0)
    layers = sum(min(c.layers_disclosed, c.layers_total) for c in concerns)
    total = sum(c.layers_total for c in concerns)
    keys = sum(1 for c in concerns if c.key)
    explanation = (
        f"{opened} of their {_plural(len(concerns), 'concern')} came up, and {layers} of the {total} layers "
        f"behind them came out"
        + (f"; the {keys} key concerns count double" if 0 < keys < len(concerns) else "")
        + f". Score {score}."
    )
    return DimensionScore(key="concerns_uncovered", title="Concerns uncovered", score=score, explanation=explanation,
                          evidence=evidence, rewrite=rewrite)


def alignment(transcript: Transcript, facts: list[TurnFacts], reader: Reader | None = None) -> DimensionScore:
    """Did the rehearsal work on what your prep said the problem, needs and first step are (by meaning)?"""
    reading = A.read_alignment(transcript.prep, transcript, facts)
    title = "Alignment with your problem"
    if reading.score is None:
        return DimensionScore(key="alignment", title=title, score=None,
                              explanation="No prep answers about your problem, needs or first step to compare with.",
                              evidence=[], rewrite=None)
    if not transcript.concerns and not transcript.issues:
        return DimensionScore(key="alignment", title=title, score=None,
                              explanation="This transcript lists none of their concerns or the terms on the table, so "
                                          "there is nothing to compare your prep with.", evidence=[], rewrite=None)
    evidence = []
    for f in _counted(facts):
        stems = content_stems(f.text)
        hits = [s.name for s in reading.subjects
                if A.matching_phrase(s, stems) or s.id in f.terms]
        if hits:
            evidence.append(Evidence(turn=f.n, quote=_quote(f.text), note="on your problem: " + ", ".join(hits[:3])))
    rewrite = None
    missed = [s for s in reading.subjects if s.touched < 1.0]
    if missed and not reading.off_amounts:
        weak = _weak_turn([f for f in facts if f.label.primary in ("closed_question", "other")])
        if weak:
            suggestion = rewrites.alignment_rewrite(missed[0].topic, weak.context, _also(reader, weak))
            if suggestion:
                rewrite = Rewrite(turn=weak.n, original=weak.text, suggestion=suggestion,
                                  why=f"Your prep says {missed[0].topic} is part of your problem; this turn could "
                                      "have brought the conversation to it.")
    return DimensionScore(key="alignment", title=title, score=reading.score,
                          explanation=A.explain(reading, transcript), evidence=evidence[:4], rewrite=rewrite)


def score_dimensions(transcript: Transcript, facts: list[TurnFacts]) -> list[DimensionScore]:
    """All five dimensions in the order the UI shows them."""
    reader = rewrites.live_reader(transcript)
    return [
        open_questions(facts, transcript.concerns, transcript.issues, reader),
        summaries(facts, reader),
        benefit_asks(facts, transcript.concerns, transcript.issues, reader, rewrites.concern_terms(transcript)),
        concerns_uncovered(transcript, facts, reader),
        alignment(transcript, facts, reader),
    ]
