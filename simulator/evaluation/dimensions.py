"""The five scored dimensions. Scores are ratios over distinct, real moves, so repeating a line never helps, and
each one says in plain words how its number was reached. Rewrites never touch a turn that won something."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from simulator.personas import Issue
from simulator.transcript import ConcernInfo, Transcript, Turn

from . import alignment as A
from . import rewrites
from .coaching import WINDOW_NAMES
from .review import TurnFacts
from .scorecard_models import DimensionScore, Evidence, Rewrite
from .text import NUMBER_VALUES, content_stems, normalise

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


def _latest(f: TurnFacts) -> str:
    """The counterpart's line the turn answered (what a rewrite must respond to)."""
    return f.latest.text if f.latest is not None else ""


LONG_TURN_WORDS = (
    35  # a turn this long carries more than the one move a rewrite models: it is not cut to one line
)
# The user already said what the other side gains ("you'd have a signed lease to show the bank", "so u dont have to").
_OWN_BENEFIT = re.compile(
    r"\b(?:so (?:that )?(?:you|your|u|ur|the)|(?:you|u)'?d (?:have|get|be)|(?:you|u)'?ll (?:have|get|be)|"
    r"(?:you|u) get|gives? (?:you|u)|for (?:you|u)\b|helps? (?:you|u)|saves? (?:you|u)|"
    r"(?:you|u) (?:don't|dont) have to|which means)\b",
    re.IGNORECASE,
)


def _keeps_its_own_value(f: TurnFacts) -> bool:
    """A turn with a summary or a proposal in it, one that already took up what they had just said, or a long one,
    is worth more than any one-move rewrite (a summary with a slip in it is the summaries dimension's to judge)."""
    return bool(
        (f.summary is not None and f.summary.is_summary)
        or (f.ask is not None and f.ask.concrete)
        or f.terms
        or f.label.tell_me_more
        or rewrites.engages(f.text, _latest(f), least=2)
        or len(f.text.split()) >= LONG_TURN_WORDS
        or rewrites.owns_up(f.text)
    )


def _asked_us(f: TurnFacts) -> bool:
    """Their line before the turn asked the user something (a counter-offer put as a question is an offer)."""
    return not (f.latest is not None and f.latest.terms) and rewrites.asks_us(_latest(f))


def _opening(f: TurnFacts) -> bool:
    """Their line before the turn left the floor to the user (a greeting, an invitation, small talk)."""
    return rewrites.is_opening(f.latest, first=len(f.said_before) <= 1)


def _counter_in_words(f: TurnFacts, issues: Sequence[Issue]) -> tuple[str, int]:
    """Their latest line's counter-offer: its main term in words ("$5,000 a month") and how many terms it named (a
    line that names no figure, "So, the lawyer's draft.", is no counter-offer to ask about)."""
    terms = (f.latest.terms or {}) if f.latest is not None and re.search(r"\d", f.latest.text) else {}
    first = next((i for i in issues if i.id in terms and i.kind == "number"), None)
    if first is None:
        return "", len(terms)
    from simulator.offers import describe_terms

    return describe_terms(issues, {first.id: terms[first.id]}), len(terms)


# The user's question was small talk ("How long have you been in this building?"): their answer is not probed.
_SMALL_TALK = re.compile(
    r"\bhow long have (?:you|u) (?:been|lived|had|run)|\bhow old is\b|\bhow(?:'s| is| are| was) (?:the|your|ur) "
    r"(?:family|kids|weekend|holiday|trip|new|day|morning)|\bweather\b|\bweekend\b|\bholiday\b|\btraffic\b|"
    r"\bwhat(?:'s| is) (?:his|her|its|their|the \w+'s) name\b|\bcan (?:you|u) hear me\b|\bhow (?:are|r) (?:you|u)\b|"
    r"\bhow(?:'s| is|s) it going\b|\bare (?:you|u) (?:in|at) \w+ (?:today|this week)\b|\bwhere are (?:you|u) calling from\b|\bdid (?:you|u) (?:catch|see) the\b",
    re.IGNORECASE,
)
# An either/or question ("does it cover everything or just base pay?") is already a sharp question: kept.
_EITHER_OR = re.compile(
    r"\w \b(?:or|vs)\b (?!not\b|no\b|what\b|else\b|something\b|anything\b)\w", re.IGNORECASE
)
# A question already sharper than a stock open one: a "how/what/why" question ("How late are we talking, like a few
# days?"), a conditional offer ("would it help if they started later?", "if we do that, is sept 15 locked?"), or one
# that first acknowledged how they feel ("That must be frustrating. Is there something behind this?").
_SHARP = re.compile(
    r"(?:^|[.!?]\s*)(?:how|what|why|which|where)\b|\bwould it help if\b|\bwhat if\b|\bhow about\b|"
    r"\bif (?:we|i|u|you) (?:do|did|give|gave|send|sent|agree|could|can|were)\b|"
    r"\b(?:could|can|shall) we (?:aim|meet|set|book|schedule|start|talk|look)\b|\bhow (?:many|much|late|long|often)\b|"
    r"\b(?:that|it) (?:must|sounds|seems) (?:be |like )?(?:so |really )?(?:frustrating|hard|difficult|tough|awful|rough)\b",
    re.IGNORECASE,
)


def _previous(facts: Sequence[TurnFacts]) -> dict[int, TurnFacts]:
    """Each user turn's previous user turn (by id), to see what the user had already said back or asked."""
    return {id(b): a for a, b in zip(facts, facts[1:], strict=False)}


def _old_news(f: TurnFacts, before: TurnFacts | None) -> str:
    """What had been said before their latest line: their earlier lines, and the user's turn just before when it
    played their words back (a summary): a point in it is no news to ask about or play back again."""
    said = list(f.said_before)
    if said and f.latest is not None and said[-1] == f.latest.text:
        said = said[:-1]
    if before is not None and (
        (before.summary is not None and before.summary.is_summary) or "summary" in before.label.moves
    ):
        said.append(before.text)
    return " ".join(said)


def _confirmed(f: TurnFacts, before: TurnFacts | None) -> str:
    """The user's turn just before, when their latest line confirmed it ("You've got it."): it had played their
    point back, whatever the rules called it."""
    if before is None or f.latest is None or not rewrites.confirms(f.latest.text):
        return ""
    return before.text


def _last_concern_point(f: TurnFacts, concerns: Sequence[ConcernInfo]) -> list[str]:
    """The last thing of substance they told you (a concern's layer), in their sentences: what to come back to
    after a repair."""
    ids = {c.id for c in concerns}
    for d in reversed(list(f.disclosed_before)):
        if d.item_id in ids:
            point = rewrites.best_sentence(rewrites.latest_point(d.text, disclosed=[d.text]))
            if point:
                return point
    return []


def _small_talk(before: TurnFacts | None) -> bool:
    """The user's turn just before asked small talk: their answer to it is manners, not a point to probe."""
    return before is not None and bool(_SMALL_TALK.search(before.text)) and "?" in before.text


MAX_TRIES = 6  # turns tried for one dimension's rewrite (each candidate is read live, which costs)


def _open_rewrite(
    closed: list[TurnFacts],
    concerns: Sequence[ConcernInfo],
    issues: Sequence[Issue],
    reader: Reader | None,
    previous: dict[int, TurnFacts] | None = None,
) -> tuple[Rewrite | None, str | None]:
    """The closed question to turn into an open one that follows what they had just said. An either/or question
    (already sharp) is kept."""
    if not closed:
        return None, "There was no yes/no question to rewrite."
    previous = previous or {}
    weak = [
        f
        for f in closed
        if not f.won
        and not f.accepted
        and not _keeps_its_own_value(f)
        and not _asked_us(f)
        and not _EITHER_OR.search(f.text)
        and not _SMALL_TALK.search(f.text)  # small talk is manners
        and not _SHARP.search(f.text)
    ]
    # A question that talked past something they had just told you first, then one of a stack of closed questions.
    weak.sort(
        key=lambda f: (not (f.latest is not None and f.latest.disclosures), "stacked_closed" not in f.flags)
    )
    for f in weak[:MAX_TRIES]:
        counter, named = _counter_in_words(f, issues)
        before = previous.get(id(f))
        suggestion = rewrites.open_rewrite(
            f.text,
            f.context,
            concerns,
            issues,
            f.concerns_known,
            _also(reader, f),
            latest=f.latest,
            counter=counter,
            counter_terms=named,
            opening=_opening(f),
            old=_old_news(f, before),
            small_talk=_small_talk(before),
            earlier_point=_last_concern_point(f, concerns),
        )
        if not suggestion:
            continue
        if suggestion.startswith(
            ("Can you walk me through how you got", "What matters most to you in that offer")
        ):
            why = (
                "They had just countered; asking how they got there shows what matters to them before you "
                "answer with a number."
            )
        elif rewrites.rebuked(f.latest):
            why = (
                "They had just told you off; a short repair before the question keeps them talking, and an open "
                "question invites them to say what matters to them."
            )
        elif rewrites.open_version(f.text) and suggestion.endswith(tuple(rewrites.open_version(f.text))):
            why = (
                "The same question asked open: it keeps what you wanted to know, and invites them to explain "
                "where a yes/no question gets a yes or a no."
            )
        elif suggestion.startswith("You said"):
            why = (
                "They had just told you something; asking for more of it, instead of a yes/no question, invites "
                "them to say what is behind it."
            )
        elif _opening(f):
            why = (
                "A yes/no question gets a yes or a no; an open one invites them to say what matters to them."
            )
        else:
            why = "A yes/no question gets a yes or a no; asking what is behind their answer invites them to say more."
        return Rewrite(turn=f.n, original=f.text, suggestion=suggestion, why=why), None
    return None, (
        "Each yes/no question either drew something out, came with a summary or an offer, or answered a "
        "question of theirs, so none is rewritten."
    )


def open_questions(
    facts: list[TurnFacts],
    concerns: Sequence[ConcernInfo] = (),
    issues: Sequence[Issue] = (),
    reader: Reader | None = None,
) -> DimensionScore:
    """Share of questions that are open, plus breadth across the window questions, scaled up to MIN_QUESTIONS."""
    live = _counted(facts)
    opened = [f for f in live if "open_question" in f.label.moves]
    opened_ids = {id(f) for f in opened}
    closed = [f for f in live if "closed_question" in f.label.moves and id(f) not in opened_ids]
    evidence = [
        Evidence(
            turn=f.n, quote=_quote(f.text), note=f"open: {WINDOW_NAMES.get(f.label.window or '', 'question')}"
        )
        for f in opened[:3]
    ]
    evidence += [
        Evidence(turn=f.n, quote=_quote(f.text), note="closed: a yes/no question") for f in closed[:2]
    ]
    rewrite, note = _open_rewrite(closed, concerns, issues, reader, _previous(facts))
    if not opened and not closed:
        return DimensionScore(
            key="open_questions",
            title="Open questions",
            score=0,
            explanation="You asked no questions, so their goals and concerns stayed hidden. Score 0.",
            evidence=[],
            rewrite=rewrite,
            rewrite_note=note,
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
        explanation += (
            f" With only {_plural(asked, 'question')}, that is scaled by {asked}/{MIN_QUESTIONS}: a "
            f"questioning habit shows over at least {MIN_QUESTIONS}."
        )
    explanation += f" Score {score}." + _repeats_note(facts)
    return DimensionScore(
        key="open_questions",
        title="Open questions",
        score=score,
        explanation=explanation,
        evidence=evidence,
        rewrite=rewrite,
        rewrite_note=note,
    )


def _weak_turn(facts: Sequence[TurnFacts]) -> TurnFacts | None:
    """The turn a rewrite should replace: one that won nothing, a question or remark before an ask."""
    open_ = [f for f in facts if not f.won]
    return next((f for f in open_ if not f.label.is_ask), open_[0] if open_ else None)


def _things(n: int) -> str:
    return _plural(n, "thing")


def _truly_invented(f: TurnFacts) -> tuple[str, ...]:
    """What an unfaithful summary added that they never said anywhere before it, in figures or in words (the
    check the turn was read with looks at their disclosures and last few lines only)."""
    if f.summary is None or f.summary.faithful:
        return ()
    said = normalise(" ".join(f.said_before)).replace(",", "")
    words = set(re.findall(r"[a-z]+", said))
    # number words they said, as digits ("twenty" for a "20" played back; "hundred" and "dozen" name no figure here)
    spelled = {
        v for w, v in NUMBER_VALUES.items() if w in words and w not in ("hundred", "thousand", "dozen")
    }
    invented = []
    for n in f.summary.invented:
        plain = normalise(n).strip("$£€%,").replace(",", "")
        if plain and plain not in said and plain not in spelled:
            invented.append(n.rstrip(","))
    return tuple(invented)


SHORT_SUMMARY_WORDS = 15


def _summary_rewrite(
    live: list[TurnFacts], reader: Reader | None, previous: dict[int, TurnFacts] | None = None
) -> tuple[Rewrite | None, str | None]:
    """A turn that moved on past something they had just told you, played back in their words. A faithful summary,
    a concrete proposal or a turn that already took up their line is kept."""
    targets = []
    for f in live:
        if f.won or not rewrites.point_of(f.latest):
            continue
        if f.summary is not None and f.summary.is_summary:
            # Only a short summary that added what they never said: a rich one, or one with a proposal in it, is
            # worth more than a one-line playback even with a slip in it.
            if _truly_invented(f) and len(f.text.split()) < SHORT_SUMMARY_WORDS and not f.terms and not f.ask:
                targets.append((0, f))
            continue
        if (
            _keeps_its_own_value(f)
            or "open_question" in f.label.moves
            or _SHARP.search(f.text)
            or _EITHER_OR.search(f.text)
        ):
            continue  # a turn that asked an open question already invites them to say more
        targets.append((1 if f.latest is not None and f.latest.disclosures else 2, f))
    targets.sort(key=lambda t: t[0])
    for rank, f in targets[:MAX_TRIES]:
        before = (previous or {}).get(id(f))
        if _small_talk(before):
            continue  # their answer to small talk is manners, not a point to play back
        suggestion = rewrites.summary_rewrite(
            f.disclosed_before,
            f.context,
            _also(reader, f),
            latest=f.latest,
            old=_old_news(f, before),
            original=f.text,
            confirmed=_confirmed(f, before),
        )
        if not suggestion:
            continue
        if suggestion.startswith(rewrites.ACKNOWLEDGE) or rewrites.ACKNOWLEDGE in suggestion:
            why = (
                "They had just told you something painful; acknowledging it, and saying back what it means for "
                "the matter at hand, shows you heard it."
            )
        elif rank == 0:
            why = (
                f"Your summary added {', '.join(_truly_invented(f))}, which they had not said; playing back what "
                "they just told you invents nothing."
            )
        else:
            why = "They had just told you something that matters to them; saying it back before you move on shows you heard it."
        return Rewrite(turn=f.n, original=f.text, suggestion=suggestion, why=why), None
    return None, (
        "No turn moved on past something they had just told you: each one either summarised it, took it up "
        "or came after a line with nothing new in it."
    )


def summaries(facts: list[TurnFacts], reader: Reader | None = None) -> DimensionScore:
    """Faithfulness and coverage of the summaries offered (a template with no content is not one)."""
    live = _counted(facts)
    found = [f for f in live if f.summary is not None and f.summary.is_summary]
    # Each turn's history is a prefix of the next one's: the last turn's holds everything disclosed.
    all_items = {d.item_id for d in facts[-1].disclosed_before} if facts else set()
    evidence = []
    for f in found:
        assert f.summary is not None
        s = f.summary
        detail = "faithful" if s.faithful else "not faithful"
        if s.invented:
            detail += f": they never said {', '.join(s.invented)}"
        detail += f"; restates {_things(len(s.covered_item_ids))} they told you"
        evidence.append(Evidence(turn=f.n, quote=_quote(f.text), note=detail))
    unfaithful = [f for f in found if f.summary and not f.summary.faithful]
    rewrite, note = _summary_rewrite(live, reader, _previous(facts))
    if not found:
        told = f" although they told you {_things(len(all_items))}" if all_items else ""
        return DimensionScore(
            key="summaries",
            title="Summaries",
            score=0,
            explanation=f"No turn restated what they said{told}. Score 0.",
            evidence=[],
            rewrite=rewrite,
            rewrite_note=note,
        )
    qualities = []
    covered: set[str] = set()
    for f in found:
        assert f.summary is not None
        s = f.summary
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
        explanation = (
            f"{head}, covering {len(covered)} of the {_things(len(all_items))} they told you: "
            f"{round(quality_points)} of 60 points for summaries that restate them faithfully, "
            f"{round(coverage_points)} of 40 for how much of it you covered."
        )
    else:
        coverage_points = 40 * sum(qualities) / len(qualities)
        explanation = (
            f"{head}; they had not told you anything to cover yet, so the 40 points for coverage follow "
            f"the {round(quality_points)} of 60 for faithfulness."
        )
    score = round(quality_points + coverage_points)
    explanation += f" Score {score}." + _repeats_note(facts)
    return DimensionScore(
        key="summaries",
        title="Summaries",
        score=score,
        explanation=explanation,
        evidence=evidence,
        rewrite=rewrite,
        rewrite_note=note,
    )


MAX_ASK_TERMS = 3  # a rewrite names at most this many terms: a longer list is a run-on, not an ask


def _ask_why(quote: str) -> str:
    return f"They had told you “{quote}”; saying how your terms answer it gives them a reason to say yes."


# An ask with a commitment in it ("can u guarantee sept", "promise") asks for more than terms: a one-line
# rewrite would drop it.
_COMMITMENT = re.compile(
    r"\b(?:guarantee\w*|promise\w*|in writing|commit\w*|final say|sign off|veto)\b", re.IGNORECASE
)


def _drops_something(f: TurnFacts, issues: Sequence[Issue], chosen: Sequence[str]) -> bool:
    """A rewrite naming only `chosen` would drop part of the original's ask: a term it named, another term on the
    table it named in words ("no new cliff", "ur the final say"), or a commitment it asked for."""
    if set(f.terms) - set(chosen) or _COMMITMENT.search(f.text):
        return True
    stems = content_stems(f.text)
    from .text import phrase_matches

    return any(
        phrase_matches(k, stems)
        for i in issues
        if i.id not in chosen
        for k in [i.label, *i.keywords]
        if k.strip()
    )


def _names_terms(f: TurnFacts, chosen: Sequence[Issue]) -> bool:
    """The original visibly puts terms forward: it names one of them in words, or a figure with a unit or a split
    ("$15.75", "20%", "55/45"). "Thursday at 2, I'll book the room" is no offer of 2 days at home."""
    from .text import phrase_matches

    stems = content_stems(f.text)
    named = any(phrase_matches(k, stems) for i in chosen for k in [i.label, *i.keywords] if k.strip())
    return named or bool(re.search(r"[$£€]\s?\d|\d\s?(?:%|k\b|percent)|\d+\s?/\s?\d+", f.text))


def _their_own_offer(f: TurnFacts, chosen: dict[str, float]) -> bool:
    """The terms are the ones their latest line had just put forward: proposing them back is no ask of ours."""
    theirs = (f.latest.terms or {}) if f.latest is not None else {}
    return bool(chosen) and all(k in theirs and theirs[k] == v for k, v in chosen.items())


def _ask_rewrite_unknown_rules(
    f: TurnFacts,
    concerns: Sequence[ConcernInfo],
    issues: Sequence[Issue],
    reader: Reader | None,
    said_now: set[str],
) -> Rewrite | None:
    """Without the persona's rules (an imported transcript, a persona of the user's own), the ask is tied to the
    concern they had just raised, else the latest one they raised, in their words; the terms as the turn named them."""
    from simulator.offers import describe_terms

    known = [c for c in concerns if c.id in f.concerns_known]
    concern = next((c for c in known if c.id in said_now), known[-1] if known else None)
    if concern is None or (f.terms and len(f.terms) > MAX_ASK_TERMS) or _COMMITMENT.search(f.text):
        return None
    words = (
        describe_terms(issues, f.terms)
        if f.terms and issues
        else rewrites.terms_in_words(None, (), f.ask.terms if f.ask else ())
    )
    reason, quote = rewrites.benefit_clause(f.disclosed_before, concern.id, near=words)
    if not words or not reason:
        return None
    verb = rewrites.ask_verb(issues, f.terms) if f.terms and issues else "I'd propose"
    suggestion = rewrites.ask_rewrite(
        words,
        concern,
        f.context,
        concerns,
        _also(reader, f),
        reason=reason,
        verb=verb,
        lead=rewrites.lead_of(f.text),
        latest=f.latest,
    )
    return (
        Rewrite(turn=f.n, original=f.text, suggestion=suggestion, why=_ask_why(quote)) if suggestion else None
    )


def _ask_rewrite_for(
    f: TurnFacts,
    concerns: Sequence[ConcernInfo],
    issues: Sequence[Issue],
    reader: Reader | None,
    rules: dict[str, list[str]],
    face: Callable[[str], str],
    concern_ids: set[str],
) -> Rewrite | None:
    """The rewrite of one bare ask, if these terms answer something they told you (see _ask_rewrite)."""
    from simulator.offers import describe_terms

    said_now = {
        d.item_id for d in (f.latest.disclosures if f.latest is not None else []) if d.item_id in concern_ids
    }
    if not rules:
        return _ask_rewrite_unknown_rules(f, concerns, issues, reader, said_now)
    kinds = {i.id: i.kind for i in issues}
    terms = {k: v for k, v in f.terms.items() if not (v == 0 and kinds.get(k) == "number")}  # "a 0-day trial"
    if (
        not terms
        or not issues
        or len(terms) > MAX_ASK_TERMS
        or rewrites.engages(f.text, _latest(f))
        or len(f.text.split()) >= LONG_TURN_WORDS
        or _OWN_BENEFIT.search(f.text)
    ):
        return (
            None  # no terms to restate, a whole proposal a one-line ask would cut, one that already says what
        )
        # they gain, or one that took up what they had just said: the original already does the work
    answering = [
        (c, keep)
        for c in concerns
        if c.id in f.concerns_known and (keep := rewrites.answers_concern(rules.get(c.id, []), terms))
    ]
    if not answering or (f.latest is not None and f.latest.disclosures):
        return (
            None  # nothing of theirs these terms answer; or they had just told you something, which the ask
        )
        # either answered already or a reason from earlier would ignore
    # Their latest line may come back to a concern they raised before (no new disclosure): the ask must answer
    # that one, or it ignores what they just said.
    latest_stems = content_stems(_latest(f))
    raised_again = {
        d.item_id
        for d in f.disclosed_before
        if d.item_id in concern_ids and len(content_stems(d.text) & latest_stems) >= 3
    }
    if raised_again and not raised_again & {c.id for c, _ in answering}:
        return None
    # Of the concerns these terms answer (the one their latest line returns to, if any), the one whose words
    # visibly tie to the terms: "a 5-year lease" with "a 5-year lease from a good tenant is worth more to me".
    by_id = {i.id: i for i in issues}
    options = []
    for n, (concern, keep) in enumerate(answering):
        if raised_again and concern.id not in raised_again:
            continue
        # A term the concern's own rules bound, at a value they don't accept, would contradict the reason given.
        bound = {r.split()[0] for r in rules.get(concern.id, []) if r.split()}
        rest = [
            i.id
            for i in issues
            if i.id in terms and i.id not in keep and i.kind == "number" and i.id not in bound
        ]
        order = [i.id for i in issues if i.id in keep] + rest
        chosen = {k: terms[k] for k in order[:MAX_ASK_TERMS] if k in by_id}
        if (
            _drops_something(f, issues, list(chosen))
            or _their_own_offer(f, chosen)
            or not _names_terms(f, [by_id[k] for k in chosen])
        ):
            continue  # extend the original, never drop part of it; and never hand them back their own offer
        words = face(describe_terms(issues, chosen))
        reason, quote = rewrites.benefit_clause(f.disclosed_before, concern.id, near=words, must_share=True)
        if reason:
            shared = len(content_stems(quote) & content_stems(words))
            options.append((shared, n, concern, chosen, words, reason, quote))
    if not options:
        return None
    _, _, concern, chosen, words, reason, quote = max(options, key=lambda o: (o[0], o[1]))
    suggestion = rewrites.ask_rewrite(
        words,
        concern,
        f.context,
        concerns,
        _also(reader, f),
        reason=reason,
        verb=rewrites.ask_verb(issues, chosen),
        lead=rewrites.lead_of(f.text),
        latest=f.latest,
    )
    return (
        Rewrite(turn=f.n, original=f.text, suggestion=suggestion, why=_ask_why(quote)) if suggestion else None
    )


def _ask_rewrite(
    rated: list[tuple[float, TurnFacts, str]],
    concerns: Sequence[ConcernInfo],
    issues: Sequence[Issue],
    reader: Reader | None,
    rules: dict[str, list[str]],
    face: Callable[[str], str] = lambda w: w,
) -> tuple[Rewrite | None, str | None]:
    """A bare ask said with a reason they gave you: a concern they disclosed in this conversation that these terms
    answer (by the persona's rules, at these values), in their own words. An ask that already took up what they had
    just said is kept; with nothing of theirs to tie the terms to, no benefit is claimed and the dimension says so."""
    bare = [f for q, f, _ in rated if q == 0.0 and not f.won]
    if not bare:
        return None, "Every ask either said what they gain or won something, so none is rewritten."
    concern_ids = {c.id for c in concerns}
    for f in bare[:MAX_TRIES]:
        rewrite = _ask_rewrite_for(f, concerns, issues, reader, rules, face, concern_ids)
        if rewrite:
            return rewrite, None
    return None, (
        "No bare ask came after they had told you something its terms answer; ask what matters to them "
        "first, then tie the ask to it in their words."
    )


def benefit_asks(
    facts: list[TurnFacts],
    concerns: list[ConcernInfo],
    issues: Sequence[Issue] = (),
    reader: Reader | None = None,
    rules: dict[str, list[str]] | None = None,
    face: Callable[[str], str] = lambda w: w,
) -> DimensionScore:
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
            why = (
                "bare ask: no benefit to them"
                if "benefit_ask" not in f.label.moves
                else "benefit phrase reused"
            )
            rated.append((0.0, f, why))
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
            explanation="You made no ask. Score 0.",
            evidence=[],
            rewrite=None,
        )
    rewrite, note = _ask_rewrite(rated, concerns, issues, reader, rules or {}, face)
    score = round(100 * sum(q for q, _, _ in rated) / len(rated))
    good = sum(1 for q, _, _ in rated if q > 0)
    pressured = sum(1 for q, f, _ in rated if q > 0 and f.label.pressure)
    head = (
        f"{good} of your {len(rated)} asks said what they gain"
        if len(rated) > 1
        else f"Your one ask {'said' if good else 'did not say'} what they gain"
    )
    explanation = (
        f"{head}; {concrete_n} named concrete terms and {tied_n} answered a concern they raised. "
        f"An ask earns 40 points for saying what they gain and, if it does, "
        f"30 for concrete terms and 30 for answering their concern"
        + (f" (halved for the {_plural(pressured, 'ask')} made under pressure)" if pressured else "")
        + f"; the average is {score}."
        + _repeats_note(facts)
    )
    return DimensionScore(
        key="benefit_asks",
        title="Benefit-framed asks",
        score=score,
        explanation=explanation,
        evidence=evidence,
        rewrite=rewrite,
        rewrite_note=note,
    )


def _after_a_clash(f: TurnFacts) -> bool:
    """Their "Carry on" came soon after they told the user off: the moment is the clash, not a fresh subject."""
    said = list(f.said_before)
    if said and f.latest is not None and said[-1] == f.latest.text:
        said = said[:-1]  # a rebuke in their latest line itself is met with a repair
    return any(rewrites.rebuked(Turn(role="counterpart", text=t)) for t in said[-2:])


# Words about the meeting itself ("I know why you're calling", "What's on your mind?"): no subject of theirs.
_MEETING_WORDS = re.compile(
    r"\b(?:call(?:ing|ed)?|talk(?:ing)?|speak(?:ing)?|meet(?:ing)?|mind|minutes?|time|"
    r"come in|go on|carry on)\b",
    re.IGNORECASE,
)


def _relevance(
    concern: ConcernInfo, opening: str, turn: str, issues: Sequence[Issue], answered_by: set[str]
) -> tuple[int, int]:
    """How closely a concern bears on what was being talked about: its own words in their opening count most, then
    a term on the table their opening named that answers it, or (a figure in the user's turn) the first number
    term. The user's small talk ("morning", "your garden looks amazing") is no subject: its words do not count."""
    stems = content_stems(_MEETING_WORDS.sub(" ", opening))
    score = 2 * sum(1 for k in concern.keywords if k.strip() and rewrites.phrase_matches(k, stems))
    named = {
        i.id
        for i in issues
        if any(rewrites.phrase_matches(k, stems) for k in [i.label, *i.keywords] if k.strip())
    }
    if rewrites.figures_in(turn):
        named |= set([i.id for i in issues if i.kind == "number"][:1])
    return score, len(named & answered_by)  # (their own words, a term on the table that answers it)


def _concern_rewrite(
    concerns: Sequence[ConcernInfo],
    facts: list[TurnFacts],
    reader: Reader | None,
    issues: Sequence[Issue] = (),
    answered_by: dict[str, set[str]] | None = None,
) -> tuple[Rewrite | None, str | None]:
    """The question that would have opened a concern they never raised, in place of a turn that won nothing and
    came after a line with nothing to follow up (a greeting, an invitation): after a point of theirs, changing the
    subject would ignore it. Of the concerns not yet raised, the one that bears on what was being talked about
    (their opening, the user's turn) comes first: a question about something nobody mentioned is a non-sequitur."""
    missed = [c for c in concerns if c.layers_disclosed == 0]
    if not missed:
        return None, "Every one of their concerns came up."
    answered_by = answered_by or {}
    order = {c.id: n for n, c in enumerate(concerns)}
    weak = [
        f
        for f in facts
        if f.label.primary in ("closed_question", "other")
        and not f.won
        and not _keeps_its_own_value(f)
        and _opening(f)
        and not _after_a_clash(f)
    ]
    for f in weak[:MAX_TRIES]:
        relevance = {
            c.id: _relevance(c, _latest(f), f.text, issues, answered_by.get(c.id, set())) for c in missed
        }
        bearing = {k: words + terms for k, (words, terms) in relevance.items()}
        # Nothing said bears on any of them: the one a person would reach first (the persona lists its concerns
        # from the surface down), never a deep one out of nowhere ("What does the building mean to your family?").
        ranked = sorted(missed, key=lambda c: (-bearing[c.id], order[c.id]))
        for concern in ranked:
            if not bearing[concern.id] and f.n > 1:
                continue  # after their first line, only a concern what was said bears on: not a change of subject
            if not relevance[concern.id][0] and order[concern.id] > 1:
                # a deeper concern needs their own words on it: a term it hangs on ("the lease") is not enough
                continue
            suggestion = rewrites.concern_rewrite(concern, f.context, _also(reader, f), latest=f.latest)
            if suggestion:
                return Rewrite(
                    turn=f.n,
                    original=f.text,
                    suggestion=suggestion,
                    why=f"“{concern.title}” never came up; a question like this would have opened it.",
                ), None
    return None, (
        "No turn that won nothing came at a moment to open a new subject: each followed something they had "
        "just said or asked."
    )


def concerns_uncovered(
    transcript: Transcript, facts: list[TurnFacts], reader: Reader | None = None
) -> DimensionScore:
    """Layers of the counterpart's concerns the user drew out (key concerns count double)."""
    concerns = transcript.concerns
    if not concerns:
        return DimensionScore(
            key="concerns_uncovered",
            title="Concerns uncovered",
            score=None,
            explanation="This transcript has no list of their concerns to check against.",
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
    rewrite, note = _concern_rewrite(
        concerns, facts, reader, transcript.issues, rewrites.concern_terms(transcript)
    )
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
    return DimensionScore(
        key="concerns_uncovered",
        title="Concerns uncovered",
        score=score,
        explanation=explanation,
        evidence=evidence,
        rewrite=rewrite,
        rewrite_note=note,
    )


def alignment(transcript: Transcript, facts: list[TurnFacts], reader: Reader | None = None) -> DimensionScore:
    """Did the rehearsal work on what your prep said the problem, needs and first step are (by meaning)?"""
    reading = A.read_alignment(transcript.prep, transcript, facts)
    title = "Alignment with your problem"
    if reading.score is None:
        return DimensionScore(
            key="alignment",
            title=title,
            score=None,
            explanation="No prep answers about your problem, needs or first step to compare with.",
            evidence=[],
            rewrite=None,
        )
    if not transcript.concerns and not transcript.issues:
        return DimensionScore(
            key="alignment",
            title=title,
            score=None,
            explanation="This transcript lists none of their concerns or the terms on the table, so "
            "there is nothing to compare your prep with.",
            evidence=[],
            rewrite=None,
        )
    evidence = []
    for f in _counted(facts):
        stems = content_stems(f.text)
        hits = [s.name for s in reading.subjects if A.matching_phrase(s, stems) or s.id in f.terms]
        if hits:
            evidence.append(
                Evidence(turn=f.n, quote=_quote(f.text), note="on your problem: " + ", ".join(hits[:3]))
            )
    rewrite = None
    missed = [s for s in reading.subjects if s.touched < 1.0]
    if missed and not reading.off_amounts:
        weak = _weak_turn([f for f in facts if f.label.primary in ("closed_question", "other")])
        if weak:
            suggestion = rewrites.alignment_rewrite(missed[0].topic, weak.context, _also(reader, weak))
            if suggestion:
                rewrite = Rewrite(
                    turn=weak.n,
                    original=weak.text,
                    suggestion=suggestion,
                    why=f"Your prep says {missed[0].topic} is part of your problem; this turn could "
                    "have brought the conversation to it.",
                )
    return DimensionScore(
        key="alignment",
        title=title,
        score=reading.score,
        explanation=A.explain(reading, transcript),
        evidence=evidence[:4],
        rewrite=rewrite,
    )


def score_dimensions(transcript: Transcript, facts: list[TurnFacts]) -> list[DimensionScore]:
    """All five dimensions in the order the UI shows them."""
    reader = rewrites.live_reader(transcript)
    return [
        open_questions(facts, transcript.concerns, transcript.issues, reader),
        summaries(facts, reader),
        benefit_asks(
            facts,
            transcript.concerns,
            transcript.issues,
            reader,
            rewrites.concern_rules(transcript),
            lambda words: rewrites.to_their_face(words, rewrites.persona_of(transcript)),
        ),
        concerns_uncovered(transcript, facts, reader),
        alignment(transcript, facts, reader),
    ]
