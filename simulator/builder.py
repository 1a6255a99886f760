"""The guided builder: plain answers about a person and a situation in, a complete, checked persona out.

`Answers` is what a newcomer fills in (the terminal's `parley personas new`, the app's "Build your own" form, or a
model's draft from a paragraph). `build_persona` turns it into a `Persona`: lines from templates that fit the
temperament and use the scenario's own words, keywords and opening questions derived from the user's own text,
facts, issues with both sides' numbers, and the terms that answer each concern. Every problem comes back as a
`Problem` naming the answer to change (`concerns.2.would_answer`), in plain words, never as a schema path.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from simulator.builder_lines import TEMPERAMENTS, lines_for
from simulator.personas import Issue, Persona, PersonaError, parse_persona_text, persona_to_yaml

MIN_CONCERNS, MAX_CONCERNS = 3, 5
WALK_AWAY_INTRO = (
    "They will not go past"  # the builder's own words in a persona (the private bottom-line fact)
)
MAX_ISSUES = 6
Weight = Literal["a lot", "some", "a little"]
WEIGHTS: dict[str, float] = {"a lot": 1.0, "some": 0.5, "a little": 0.2}
# How a number is written, by the unit the user picks: "$" (with an optional "per"), "percent", or any word.
UNIT_HELP = (
    "'$', '$ a month', '$ an hour', 'percent', 'months', 'days', 'hours', 'kg', 'am' or 'pm' (a time of day, "
    "whole hours), or 'yes/no'"
)


class _Plain(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ConcernAnswer(_Plain):
    """One concern in plain words."""

    said_first: str = Field(description="What they'd say at first, in their own words (first person).")
    behind: list[str] = Field(
        description="What's really behind it, in their words: one or two sentences, deepest last."
    )
    would_answer: str = Field(
        description="What would answer it: a term on the table with its number "
        "('a lease of 5 years', 'deliveries after 7 am')."
    )
    name: str = Field(default="", description="A short name for it (optional; made from what they'd say).")
    keywords: list[str] = Field(
        default_factory=list,
        description="Words that mean the user is talking about it (optional; suggested from your text).",
    )
    question: str = Field(default="", description="An open question that draws it out (optional; suggested).")


class IssueAnswer(_Plain):
    """One term on the table with its numbers."""

    name: str = Field(
        description="What it is, in a few words ('monthly rent', 'lease length', 'a parking space')."
    )
    unit: str = Field(description=f"How it is counted: {UNIT_HELP}.")
    their_opening: float = Field(description="Their opening position (for yes/no: 1 yes, 0 no).")
    their_target: float = Field(description="What they would be fully happy with.")
    their_walk_away: float = Field(description="The worst they would still accept.")
    your_target: float = Field(description="What you would be fully happy with.")
    your_limit: float = Field(description="The worst you would still accept.")
    current: float | None = Field(default=None, description="Today's value, if there is one.")
    matters_to_them: Weight = "some"
    matters_to_you: Weight = "some"


class Answers(_Plain):
    """The plain answers a persona is built from."""

    name: str = Field(description="Their name.")
    role: str = Field(description="Who they are, in a line ('Owner of the building I rent my shop in').")
    situation: str = Field(
        description="The situation in a sentence or two, naming you by your role, not 'you'."
    )
    want: str = Field(
        description="What they want from this conversation, in their words ('I want the rent to "
        "cover my costs')."
    )
    opening_position: str = Field(description="Their opening position, with its numbers.")
    temperament: Literal["warm", "guarded", "blunt", "anxious"] = "guarded"
    concerns: list[ConcernAnswer] = Field(default_factory=list)
    needs: list[str] = Field(
        default_factory=list, description="What they need, in their words ('I need ...')."
    )
    tried_before: list[str] = Field(
        default_factory=list, description="What they have tried before, in their words."
    )
    first_step: str = Field(default="", description="A first step they would accept, in their words.")
    issues: list[IssueAnswer] = Field(default_factory=list)
    your_role: str = Field(
        default="", description="Who you are to them ('I rent the shop on the ground floor')."
    )
    your_goal: str = Field(default="", description="What you want from this conversation.")
    your_constraints: list[str] = Field(default_factory=list, description="What limits you.")
    id: str = Field(default="", description="A file name for it (optional; made from the name).")
    difficulty: Literal["easy", "realistic", "hard"] = "realistic"


@dataclass(frozen=True)
class Problem:
    """An answer to change: `field` is its place in `Answers` ('concerns.1.would_answer'), `message` plain words."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{label_of(self.field)}: {self.message}"


class BuildError(Exception):
    """The answers cannot make a usable persona yet; `problems` says which answer to change."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


_LABELS = {
    "name": "Their name",
    "role": "Who they are",
    "situation": "The situation",
    "want": "What they want",
    "opening_position": "Their opening position",
    "temperament": "Temperament",
    "concerns": "Concerns",
    "needs": "What they need",
    "tried_before": "What they tried before",
    "first_step": "A first step they'd accept",
    "issues": "The terms on the table",
    "your_role": "Who you are to them",
    "your_goal": "Your goal",
    "your_constraints": "What limits you",
    "id": "File name",
    "said_first": "what they'd say at first",
    "behind": "what's really behind it",
    "would_answer": "what would answer it",
    "keywords": "keywords",
    "question": "the question that opens it",
    "their_opening": "their opening",
    "their_target": "their target",
    "their_walk_away": "their walk-away",
    "your_target": "your target",
    "your_limit": "your limit",
    "unit": "unit",
    "current": "today's value",
    "matters_to_them": "how much it matters to them",
    "matters_to_you": "how much it matters to you",
}


def label_of(path: str) -> str:
    """'concerns.1.would_answer' -> 'Concern 2, what would answer it': where the answer is on the form."""
    parts = path.split(".")
    if parts[0] in ("concerns", "issues") and len(parts) >= 2 and parts[1].isdigit():
        head = ("Concern" if parts[0] == "concerns" else "Term") + f" {int(parts[1]) + 1}"
        rest = [p for p in parts[2:] if not p.isdigit()]
        names = (
            {**_LABELS, "name": "what it is"}
            if parts[0] == "issues"
            else {**_LABELS, "name": "its short name"}
        )
        return head + (f", {names.get(rest[0], rest[0])}" if rest else "")
    if parts[0] in ("needs", "tried_before", "your_constraints") and len(parts) >= 2:
        return (
            f"{_LABELS.get(parts[0], parts[0])} ({int(parts[1]) + 1})"
            if parts[1].isdigit()
            else _LABELS[parts[0]]
        )
    return _LABELS.get(parts[0], parts[0])


# --- Reading answers -----------------------------------------------------------------------------------------------


def answers_from_data(data: Any) -> Answers:
    """Answers from a mapping (a YAML/JSON file, a form, a model's draft); BuildError naming each bad answer."""
    if not isinstance(data, dict):
        raise BuildError(
            [Problem("name", "the answers must be a set of fields (name, role, situation, ...)")]
        )
    try:
        return Answers.model_validate(data)
    except ValidationError as exc:
        raise BuildError([_plain_validation(e) for e in exc.errors()]) from None


def answers_from_text(text: str) -> Answers:
    """Answers from YAML or JSON text (JSON is YAML); BuildError with the line of a syntax error."""
    from simulator.personas import _SafeLoader

    try:
        data = yaml.load(text, Loader=_SafeLoader)  # noqa: S506 - a SafeLoader subclass that refuses aliases
    except yaml.YAMLError as exc:
        from simulator.personas import yaml_problem

        raise BuildError(
            [Problem("name", "the file is " + yaml_problem(exc, text).replace("YAML", "YAML or JSON", 1))]
        ) from None
    return answers_from_data(data)


def _plain_validation(error: Any) -> Problem:
    loc = ".".join(str(p) for p in error["loc"])
    kind = error.get("type", "")
    if kind == "missing":
        return Problem(loc, "please answer this")
    if kind == "extra_forbidden":
        return Problem(loc, "is not one of the questions; check the spelling")
    if kind.startswith(("float", "int")):
        return Problem(loc, "must be a number (for yes/no: 1 for yes, 0 for no)")
    if kind == "literal_error":
        return Problem(loc, f"choose one of: {error.get('ctx', {}).get('expected', '')}")
    return Problem(loc, error["msg"].removeprefix("Value error, "))


def blank_answers() -> dict[str, Any]:
    """The empty form: nothing from any other persona."""
    return {
        "name": "",
        "role": "",
        "situation": "",
        "want": "",
        "opening_position": "",
        "temperament": "guarded",
        "concerns": [],
        "needs": [],
        "tried_before": [],
        "first_step": "",
        "issues": [],
        "your_role": "",
        "your_goal": "",
        "your_constraints": [],
    }


def prefill_from_prep(answers: dict[str, Any], prep: dict[str, str] | None) -> dict[str, Any]:
    """The user's side of the brief from the Prepare answers, where the user has not written their own."""
    prep = prep or {}
    out = dict(answers)
    if not out.get("your_goal") and (prep.get("problem") or "").strip():
        out["your_goal"] = prep["problem"].strip()
    if not out.get("your_constraints"):
        out["your_constraints"] = [
            t.strip() for t in (prep.get("needs"), prep.get("feelings")) if t and t.strip()
        ]
    return out


# --- Words ---------------------------------------------------------------------------------------------------------

# Words a keyword must never be: window questions, summaries and everyday negotiation talk would all match them.
_GENERIC_TEXT = """
    concern concerns worry worried worries worrying mind need needs needed want wanted wants past before first step
    steps tell side things thing look looks looking hear hearing sound sounds deal deals team work working worked time
    times money price cost costs pay paid paying offer offers agree agreement terms term problem problems issue issues
    year years month months week weeks day days better worse good bad great happy unhappy feel feeling felt people
    person someone everyone anyone make made making take taking give giving keep kept help helps else more less
    able last next new old long short little big small real really honest honestly course point least whole part
    sure fine okay right wrong yes each every end start started since still again always never ever often
    something nothing everything anything come came going goes gone went told tell telling talk talking said
    asked ask asking understand trust happen happened happens lot lots kind way ways place around back away
    behind ahead gave give gives lose loses lost broke break breaks turn turns turned stay stays stayed slip slips cancel single
    large huge tiny nobody somebody everybody worth minute minutes empty full half whole stop stops stopped leave
    leaves left bring brings brought keeps find found show shows shown seem seems seemed call calls called move moves
    moved become becomes became hold holds held stand stands stood spend spends spent pays sell sells sold build
    builds built fall falls fell meet meets met lead leads led reach reaches reached watch watches watched grow grows
    grew hate hates love loves like likes liked care cares wish hope hopes afraid scared sorry glad nice fair true
    enough quite rather almost already though although because while until unless whether either neither
    other others another same different certain clear hard easy high low early late soon later ago today tomorrow
    yesterday tonight week's year's every single much many most least less fewer several plenty
"""
_GENERIC = frozenset(_GENERIC_TEXT.split())
_GENERIC_STEMS: frozenset[str] = frozenset()
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]{3,}")


def _stems(text: str) -> set[str]:
    from simulator.evaluation.text import content_stems

    return content_stems(text)


def _candidate_words(text: str) -> list[str]:
    """Content words of a text in order, lower-case, no generic words, no repeats."""
    from simulator.evaluation.text import STOPWORDS, stem

    global _GENERIC_STEMS
    if not _GENERIC_STEMS:
        _GENERIC_STEMS = frozenset(stem(g) for g in _GENERIC)
    out: list[str] = []
    seen: set[str] = set()
    for raw in _WORD.findall(text):
        word = raw.lower().strip("'-")
        if "'" in word or len(word) < 4 or word in STOPWORDS or word in _GENERIC:
            continue
        if stem(word) in seen or stem(word) in _GENERIC_STEMS:
            continue
        seen.add(stem(word))
        out.append(word)
    return out


def slug(text: str, sep: str, limit: int = 40) -> str:
    """'Gloria Estévez' -> 'gloria-estevez' (sep '-') or 'gloria_estevez' (sep '_'); at least two characters."""
    from simulator.evaluation.text import fold_accents

    words = re.findall(r"[a-z0-9]+", fold_accents(text.lower()))
    out = sep.join(words)[:limit].strip(sep) or "x"
    if not out[0].isalpha():
        out = "p" + sep + out
    return out if len(out) >= 2 else out + sep + "x"


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?" else text + "."


def _title(text: str, words: int = 6) -> str:
    """A short label from a sentence: its first words, without the trailing punctuation."""
    first = re.split(r"(?<=[.!?])\s", text.strip())[0]
    parts = first.rstrip(".!?").split()
    short = " ".join(parts[:words]) + ("…" if len(parts) > words else "")
    return short[:80] if len(short) >= 3 else (short + " ...")[:80]


# --- Issues --------------------------------------------------------------------------------------------------------


def _is_yes_no(unit: str) -> bool:
    return unit.strip().lower() in ("yes/no", "yes-no", "yes or no", "yesno", "y/n")


def _unit_parts(unit: str) -> tuple[str, str]:
    """'$ a month' -> ('$', 'a month'); 'percent' -> ('percent', ''); 'months' -> ('months', '')."""
    raw = " ".join(unit.strip().split())
    low = raw.lower()
    for money in ("$", "£", "€"):
        if low.startswith(money):
            per = raw[1:].strip().lstrip("/").strip()
            if per and not re.match(r"^(a|an|per|each)\b", per, re.I):
                per = f"a {per}"
            return money, per
    if low in ("%", "percent", "per cent", "percentage"):
        return "percent", ""
    return raw, ""


def _decimals(values: list[float]) -> int:
    most = 0
    for v in values:
        text = f"{v:.6f}".rstrip("0").rstrip(".")
        most = max(most, len(text.split(".")[1]) if "." in text else 0)
    return min(most, 2)  # a third decimal is rounded away: "$17.505" is said and read as $17.50


def _step(values: list[float], decimals: int) -> float:
    if decimals:
        return 10.0**-decimals
    spread = max(values) - min(values)
    for step in (1000, 500, 100, 50, 25, 10, 5, 1):
        # Fine enough that an offer is never moved much to fit the grid ($420 stays $420, not $425).
        if step * 20 <= max(spread, 1) and all(abs(v / step - round(v / step)) < 1e-9 for v in values):
            return float(step)
    return 1.0


def _phrase_and_keywords(issue: IssueAnswer) -> tuple[str, list[str], str]:
    """How a value is said, the words that tie a number to it, and the schema unit."""
    name = " ".join(issue.name.split())
    label = name[0].lower() + name[1:] if name[:2] != name[:2].upper() else name
    words = _candidate_words(name) or [w.lower() for w in re.findall(r"[A-Za-z]{3,}", name)]
    keywords = [label.lower()] + [w for w in words if w != label.lower()]
    if _is_yes_no(issue.unit):
        return label, keywords, "yes/no"
    unit, per = _unit_parts(issue.unit)
    if unit in ("$", "£", "€"):
        value = f"{unit}{{value}}" + (f" {per}" if per else "")
        if per:
            keywords.append(per)
        return f"{label} of {value}", keywords, unit + (f"/{per.split()[-1]}" if per else "")
    clock = unit.lower().replace(".", "")
    if clock in ("am", "pm"):  # a time of day: the engine reads "11 pm" only for an hour unit
        return f"{label} at {{value}}:00", keywords + ["o'clock"], "hour (24-hour clock)"
    if unit == "percent":
        return f"{label} of {{value}} percent", keywords + ["percent"], "percent"
    if label.lower().startswith(unit.lower()) or label.lower() in unit.lower():
        return (
            f"{{value}} {label}",
            keywords,
            unit,
        )  # "3 sets", "15 minutes after closing", not "sets of 3 sets"
    if label.lower().split()[-1].rstrip("s") == unit.lower().rstrip("s"):
        return f"{{value}} {label}", keywords, unit  # "8 volunteer hours", "3 book fair shifts"
    if unit.lower() in label.lower().split():
        return f"{label} of {{value}}", keywords, unit  # "days booked of 10"
    return f"{label} of {{value}} {unit}", keywords + [unit.lower()], unit


def _clock(issue: IssueAnswer) -> IssueAnswer:
    """Times of day as the engine reads them, on a 24-hour clock: '11' with unit 'pm' is 23."""
    kind = issue.unit.strip().lower().replace(".", "")
    if kind not in ("am", "pm"):
        return issue

    def hours(v: float | None) -> float | None:
        if v is None:
            return None
        return v % 12 + (12 if kind == "pm" else 0)

    names = ("their_opening", "their_target", "their_walk_away", "your_target", "your_limit", "current")
    return issue.model_copy(update={k: hours(getattr(issue, k)) for k in names})


def issue_data(n: int, issue: IssueAnswer) -> dict[str, Any]:
    """One issue of the persona schema from its plain answer."""
    issue = _clock(issue)
    phrase, keywords, unit = _phrase_and_keywords(issue)
    ident = slug(issue.name, "_")
    yes_no = unit == "yes/no"
    values = [
        issue.their_opening,
        issue.their_target,
        issue.their_walk_away,
        issue.your_target,
        issue.your_limit,
    ]
    if issue.current is not None:
        values.append(issue.current)
    they_high = (
        issue.their_target >= issue.their_walk_away
        if issue.their_target != issue.their_walk_away
        else issue.their_target >= issue.your_target
    )
    you_high = (
        issue.your_target >= issue.your_limit if issue.your_target != issue.your_limit else not they_high
    )
    data: dict[str, Any] = {
        "id": ident,
        "label": _title(issue.name, 8),
        "unit": unit,
        "kind": "yes_no" if yes_no else "number",
        "opening": issue.their_opening,
        "counterpart": {
            "prefers": "high" if they_high else "low",
            "target": issue.their_target,
            "limit": issue.their_walk_away,
            "weight": WEIGHTS[issue.matters_to_them],
        },
        "user": {
            "prefers": "high" if you_high else "low",
            "target": issue.your_target,
            "limit": issue.your_limit,
            "weight": WEIGHTS[issue.matters_to_you],
        },
        "phrase": phrase,
        "keywords": list(dict.fromkeys(k for k in keywords if k)),
    }
    if not yes_no:
        decimals = _decimals(values)
        step = _step(values, decimals)
        for key, value in (("opening", issue.their_opening),):
            data[key] = round(value, decimals)
        for side in ("counterpart", "user"):
            data[side]["target"] = round(data[side]["target"], decimals)
            data[side]["limit"] = round(data[side]["limit"], decimals)
        low, high = min(values), max(values)
        pad = max(step, (high - low) * 0.5)
        low = (
            max(0.0, math.floor((low - pad) / step) * step)
            if low >= 0
            else math.floor((low - pad) / step) * step
        )
        high = math.ceil((high + pad) / step) * step
        if unit.startswith("hour (24"):
            low, high = max(0.0, low), min(24.0, high)
        data.update(low=round(low, 6), high=round(high, 6), step=step, decimals=decimals)
        if issue.current is not None:
            data["current"] = round(issue.current, decimals)
    return data


# --- Concerns ------------------------------------------------------------------------------------------------------

_QUESTIONS = (
    "What worries you about the {k}?",
    "How do you see the {k}?",
    "Tell me about the {k}.",
    "What's going on with the {k}?",
)


def _term_for(text: str, issues: list[Any]) -> tuple[str, float] | None:
    """The first term a 'what would answer it' text names: (issue id, value), read the way offers are read."""
    from simulator.offers import read_terms

    found = read_terms(text, issues)
    for issue in issues:
        if issue.id in found:
            return issue.id, found[issue.id]
    stems = _stems(text)
    from simulator.evaluation.text import phrase_matches

    for issue in issues:  # a yes/no term named without its exact wording
        if issue.kind == "yes_no" and any(phrase_matches(k, stems) for k in issue.keywords):
            return issue.id, 1.0
    return None


_NOUN_ENDINGS = (
    "tion",
    "sion",
    "ment",
    "ness",
    "ity",
    "age",
    "ance",
    "ence",
    "ship",
    "ure",
    "ism",
    "ings",
    "ers",
    "ors",
    "ists",
)
_WEAK_ENDINGS = (
    "ed",
    "ly",
    "ful",
    "ous",
    "ive",
    "able",
    "ible",
    "less",
    "ish",
    "ent",
    "ant",
    "est",
    "ing",
    "ier",
    "y",
)


def _noun_score(word: str, in_surface: bool) -> int:
    """How much a word looks like a noun (the best keyword, and the one the opening question asks about)."""
    score = 2 if word.endswith(_NOUN_ENDINGS) else 0
    score += 1 if word.endswith("s") and not word.endswith(("ss", "us", "is")) else 0
    score -= 2 if word.endswith(_WEAK_ENDINGS) and not word.endswith(_NOUN_ENDINGS) else 0
    return score + (1 if in_surface else 0)


_NUMBER_WORDS = frozenset(
    (
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "once",
        "twice",
        "half",
        "dozen",
        "hundred",
        "thousand",
    )
)


def _keywords(n: int, concerns: list[ConcernAnswer], shared: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """Distinctive words of concern n: in its own text, in no other concern's text."""
    from simulator.evaluation.text import stem

    concern = concerns[n]
    words = [
        w
        for w in _candidate_words(" ".join([concern.name, concern.said_first, *concern.behind]))
        if w not in _NUMBER_WORDS
    ]
    # Nouns make the best keywords (and questions: "what worries you about the viewings?"); past tenses, adverbs
    # and adjectives only when there is nothing better.
    surface = set(_candidate_words(concern.said_first))
    own = sorted(words, key=lambda w: -_noun_score(w, w in surface))
    own += _candidate_words(concern.would_answer)
    others = set(shared)
    for m, other in enumerate(concerns):
        if m != n:
            others |= _stems(
                " ".join([other.name, other.said_first, *other.behind, other.would_answer, *other.keywords])
            )
    picked = [w for w in own if stem(w) not in others]
    return list(dict.fromkeys(picked))[:8]


# --- Building ------------------------------------------------------------------------------------------------------


def _no_braces(value: Any) -> Any:
    """User text is data: braces would read as a line's {content} slot, so they become round brackets."""
    if isinstance(value, str):
        return value.replace("{", "(").replace("}", ")")
    if isinstance(value, list):
        return [_no_braces(v) for v in value]
    if isinstance(value, dict):
        return {k: _no_braces(v) for k, v in value.items()}
    return value


_YOU = {
    "you": "they",
    "your": "their",
    "yours": "theirs",
    "yourself": "themselves",
    "you're": "they're",
    "you've": "they've",
    "you'd": "they'd",
    "you'll": "they'll",
    "youre": "they're",
}
_YOU_WORD = re.compile(r"\b(?:you(?:r|rs|rself|'re|'ve|'d|'ll|re)?)\b", re.I)


def _third_person(text: str) -> str:
    """ "You rent Priya's flat and your lease ends in May" -> "They rent Priya's flat and their lease ends in May"."""

    def swap(m: re.Match[str]) -> str:
        word = _YOU[m.group(0).lower().replace("’", "'")]
        return word.capitalize() if m.group(0)[0].isupper() else word

    return _YOU_WORD.sub(swap, text.replace("’", "'"))


def build_data(answers: Answers) -> tuple[dict[str, Any], list[Problem]]:
    """The persona data the answers describe, and the problems found on the way (each at its answer)."""
    a = Answers.model_validate(_no_braces(answers.model_dump()))
    problems = _answer_problems(a)
    # People describe their own situation with "you" ("Helen is your manager"); the persona hears it from its side,
    # so the person rehearsing becomes "they" (the verbs agree with "you" and "they" alike).
    a.situation = _third_person(a.situation)
    issues, built_issues = _issues_data(a, problems)
    # Words of the situation, position and the terms themselves belong to the whole conversation, not one concern.
    context = _stems(" ".join([a.situation, a.role, a.want, a.opening_position, *(i.name for i in a.issues)]))
    concerns = [_concern_data(n, c, a, context, built_issues, problems) for n, c in enumerate(a.concerns)]
    key_count = sum(c["key"] for c in concerns)
    if len(concerns) == 3:
        concerns.append(_opening_position_concern(a))
    if (
        a.concerns
        and a.issues
        and key_count < MIN_CONCERNS
        and len(built_issues) == len(a.issues)
        and not any(p.field.endswith("would_answer") for p in problems)
    ):
        problems.append(
            Problem(
                "concerns", f"at least {MIN_CONCERNS} concerns need a term on the table that answers them"
            )
        )

    topic = (a.issues[0].name.strip().lower() if a.issues else "") or "matter"
    goal = a.your_goal or _your_goal(a)
    pid = a.id or slug(f"{a.name} {a.issues[0].name if a.issues else ''}", "-", 40)
    data = {
        "id": pid,
        "name": a.name,
        "role": a.role,
        "title": _title(f"{a.name.split()[0] if a.name else 'Them'} and the {topic}", 10),
        "teaches": _teaches(a),
        "scenario": a.situation,
        "temperament": TEMPERAMENTS[a.temperament],
        "default_difficulty": a.difficulty,
        "user_brief": {
            "role": a.your_role or f"You are meeting {a.name} ({a.role}).",
            "goal": goal,
            "constraints": a.your_constraints or [_limits_line(a)],
            "unknown_hint": f"{a.name} has reasons behind the opening position that you don't know "
            "yet. Ask open questions and listen before you offer.",
        },
        "counterpart": {
            "goals": [_sentence(a.want)],
            "position": _sentence(a.opening_position),
            "walk_away": _walk_away(a),
        },
        "concerns": concerns,
        "needs": [{"id": f"need_{k + 1}", "text": _sentence(t)} for k, t in enumerate(a.needs)],
        "history": [_sentence(t) for t in a.tried_before] or ["..........."],
        "first_step": _sentence(a.first_step),
        "goal_line": _sentence(a.want),
        "issues": issues,
        "facts": _facts(a, built_issues),
        "lines": lines_for(a.temperament, topic),
    }
    return data, problems


def _answer_problems(a: Answers) -> list[Problem]:
    """Answers too short, and too few or too many concerns, needs, things tried and terms."""
    problems: list[Problem] = []
    for field_name, minimum in (
        ("name", 2),
        ("role", 3),
        ("situation", 20),
        ("want", 10),
        ("opening_position", 10),
        ("first_step", 10),
    ):
        if len(getattr(a, field_name)) < minimum:
            problems.append(Problem(field_name, f"please write at least {minimum} characters"))
    if not MIN_CONCERNS <= len(a.concerns) <= MAX_CONCERNS:
        problems.append(
            Problem(
                "concerns", f"give {MIN_CONCERNS} to {MAX_CONCERNS} concerns (you gave {len(a.concerns)})"
            )
        )
    if not a.needs:
        problems.append(Problem("needs", "say at least one thing they need"))
    if not a.tried_before:
        problems.append(Problem("tried_before", "say at least one thing they have tried before"))
    if not 1 <= len(a.issues) <= MAX_ISSUES:
        problems.append(Problem("issues", f"put 1 to {MAX_ISSUES} terms on the table, each with its numbers"))
    for k, text in enumerate(a.needs):
        if len(text) < 10:
            problems.append(Problem(f"needs.{k}", "please write a sentence (at least 10 characters)"))
    return problems


def _issues_data(a: Answers, problems: list[Problem]) -> tuple[list[dict[str, Any]], list[Issue]]:
    """The terms on the table as persona data and as checked Issues (a term with a problem is left out and its
    problem added)."""
    issues: list[dict[str, Any]] = []
    built_issues: list[Issue] = []
    for n, answer in enumerate(a.issues):
        issue_problems = _plain_issue_problems(n, answer)
        if issue_problems:
            problems.extend(issue_problems)
            continue
        data = issue_data(n, answer)
        if any(i["id"] == data["id"] for i in issues):
            problems.append(Problem(f"issues.{n}.name", "two terms have the same name; name them apart"))
            continue
        try:
            built_issues.append(Issue.model_validate(data))
        except ValidationError as exc:
            problems.extend(_issue_problem(n, answer, e) for e in exc.errors())
            continue
        issues.append(data)
    # A word two terms share ("months" for a trial and a notice period) cannot tell them apart: only names stay.
    counts: dict[str, int] = {}
    for data in issues:
        for k in data["keywords"]:
            counts[k] = counts.get(k, 0) + 1
    for data, model in zip(issues, built_issues, strict=True):
        data["keywords"] = [k for k in data["keywords"] if counts[k] == 1 or k == data["keywords"][0]]
        model.keywords = data["keywords"]
    problems.extend(_round_trip_problems(built_issues, a))
    return issues, built_issues


def _concern_data(
    n: int,
    c: ConcernAnswer,
    a: Answers,
    context: set[str],
    built_issues: list[Issue],
    problems: list[Problem],
) -> dict[str, Any]:
    """Concern `n` as persona data; its problems are added to `problems`."""
    where = f"concerns.{n}"
    if len(c.said_first) < 10:
        problems.append(
            Problem(f"{where}.said_first", "please write what they'd say (at least 10 characters)")
        )
    if not 1 <= len(c.behind) <= 2 or any(len(b) < 10 for b in c.behind):
        problems.append(Problem(f"{where}.behind", "write one or two sentences of what's really behind it"))
    for layer in c.behind:
        # "She moved out in March" is about them; "They went over budget and I promised…" is them talking.
        if re.match(
            rf"^(he|she|they|{re.escape(a.name.split()[0]) if a.name else 'x'})\b", layer, re.I
        ) and not (
            re.search(r"\b(?:i|i'm|i've|i'd|i'll|me|my|mine|we|our|us)\b", layer.replace("’", "'"), re.I)
        ):
            problems.append(
                Problem(
                    f"{where}.behind", f"write it as they would say it ('I…'), not about them: {layer[:40]!r}"
                )
            )
    keywords = c.keywords or _keywords(n, a.concerns, context)
    if len(keywords) < 2:
        problems.append(
            Problem(
                f"{where}.said_first",
                "say it in more of their own words: Parley needs at least two "
                "words only this concern uses, to know when you ask about it",
            )
        )
        keywords = keywords + ["x" * 3] * (2 - len(keywords))
    terms = _answering_terms(c, where, a, built_issues, problems)
    title = c.name or _title(c.said_first)
    return {
        "id": slug(c.name or " ".join(keywords[:2]) or f"concern {n + 1}", "_", 30) + f"_{n + 1}",
        "title": title if len(title) >= 3 else f"Concern {n + 1}",
        "surface": _sentence(c.said_first),
        "layers": [_sentence(b) for b in c.behind] or ["..........."],
        "keywords": keywords,
        "addressed_by": _remedies(c.would_answer),
        "key": bool(terms),
        "opened_by": c.question or _QUESTIONS[0].format(k=keywords[0]),
        "answered_by_terms": terms,
    }


def _answering_terms(
    c: ConcernAnswer, where: str, a: Answers, built_issues: list[Issue], problems: list[Problem]
) -> list[str]:
    """The term on the table that answers a concern, as a persona condition ("price_per_kg <= 15.4"), or none."""
    term = _term_for(c.would_answer, built_issues) if built_issues else None
    if not c.would_answer:
        problems.append(
            Problem(f"{where}.would_answer", "please answer this: one of the terms with its number")
        )
        return []
    if term is None:
        if built_issues and len(built_issues) == len(a.issues):  # else the term itself is the answer to fix
            problems.append(
                Problem(
                    f"{where}.would_answer",
                    "name one of the terms on the table with its number, "
                    f"for example '{_example(built_issues[0])}'",
                )
            )
        return []
    issue = next(i for i in built_issues if i.id == term[0])
    value = term[1]
    op = "=" if issue.kind == "yes_no" else (">=" if issue.counterpart.prefers == "high" else "<=")
    from simulator import deal as D

    if D.better(issue.user, issue.user.limit, value):
        problems.append(
            Problem(
                f"{where}.would_answer",
                f"asks for {_said(issue, value)}, past your limit "
                f"({_said(issue, issue.user.limit)}); change the "
                "number here or your limit on that term",
            )
        )
    return [f"{issue.id} {op} {value:g}"]


def _opening_position_concern(a: Answers) -> dict[str, Any]:
    """A persona has at least four concerns; with three answers, the fourth is their opening position itself, in
    their own words: what they'd say first, and what they want behind it (never a key concern)."""
    return {
        "id": "opening_position",
        "title": "Their opening position",
        "surface": _sentence(a.opening_position),
        "layers": [_sentence(a.want)],
        "keywords": ["opening position", "starting point"],
        "addressed_by": ["meet your position"],
        "key": False,
        "opened_by": "How did you arrive at your opening position?",
        "answered_by_terms": [],
    }


def _example(issue: Any) -> str:
    from simulator.offers import format_value

    return format_value(issue, issue.counterpart.target) or issue.label


def _said(issue: Any, value: float) -> str:
    from simulator.offers import format_value

    return format_value(issue, value) or f"no {issue.label.lower()}"


def _remedies(text: str) -> list[str]:
    """Phrases an ask would contain if it answers the concern: the answer itself, then its word pairs."""
    words = _candidate_words(text)
    phrases = [" ".join(words[k : k + 2]) for k in range(0, max(1, len(words) - 1), 2)] if words else []
    whole = " ".join(text.split()).rstrip(".")
    return list(dict.fromkeys([whole, *phrases]))[:6] if whole else ["........"]


def _values_said(a: Answers, value: Callable[[Issue], float]) -> list[str]:
    """Each valid issue's value (target, limit, walk-away …) said in its own phrase."""
    from simulator.offers import format_value

    parts = []
    for answer in a.issues:
        try:
            issue = _issue_model(answer)
        except ValidationError:
            continue
        parts.append(format_value(issue, value(issue)) or f"no {issue.label.lower()}")
    return parts


def _your_goal(a: Answers) -> str:
    parts = _values_said(a, lambda i: i.user.target)
    return (
        ("Agree " + ", ".join(parts) + ", or as close to it as you can.")
        if parts
        else "Reach an agreement you can live with."
    )


def _limits_line(a: Answers) -> str:
    parts = _values_said(a, lambda i: i.user.limit)
    return ("Your limit: " + ", ".join(parts) + ".") if parts else "You have limits you cannot go past."


def _walk_away(a: Answers) -> str:
    parts = _values_said(a, lambda i: i.counterpart.limit)
    return (
        (f"{WALK_AWAY_INTRO} " + ", ".join(parts) + ".") if parts else "They have a point they will not pass."
    )


def _teaches(a: Answers) -> str:
    return f"Rehearsing your own conversation with {a.name}: finding what is behind their position, and answering it."


def _issue_model(answer: IssueAnswer) -> Any:
    from simulator.personas import Issue

    return Issue.model_validate(issue_data(0, answer))


def _facts(a: Answers, issues: list[Any]) -> list[dict[str, Any]]:
    facts: list[dict[str, Any]] = [
        {
            "id": "who_they_are",
            "asked_with": ["who are you", "what do you do", "your role"],
            "answer": _sentence(f"I'm {a.name}. {a.role}"),
        }
    ]
    from simulator.offers import format_value

    for issue in issues:
        if issue.current is not None:
            said = format_value(issue, issue.current)
            if said:
                facts.append(
                    {
                        "id": f"current_{issue.id}"[:41],
                        "asked_with": [f"current {issue.label.lower()}", f"{issue.label.lower()} now"],
                        "answer": _sentence(f"Right now it's {said}"),
                    }
                )
    facts.append(
        {
            "id": "bottom_line",
            "asked_with": ["bottom line", "walk away", "lowest you", "highest you"],
            "answer": _sentence(_walk_away(a)),
            "public": False,
        }
    )
    return facts


def _plain_issue_problems(n: int, answer: IssueAnswer) -> list[Problem]:
    """What is wrong with a term's numbers, in the user's terms, before the schema sees them."""
    where = f"issues.{n}"
    if not answer.unit:
        return [Problem(f"{where}.unit", f"please answer this: {UNIT_HELP}")]
    if not answer.name or len(answer.name) < 3:
        return [Problem(f"{where}.name", "please say what it is, in a few words")]
    out = []
    for key in ("their_opening", "their_target", "their_walk_away", "your_target", "your_limit", "current"):
        value = getattr(answer, key)
        if value is not None and (value < 0 or not math.isfinite(value)):
            out.append(Problem(f"{where}.{key}", "must be 0 or more"))
    if _is_yes_no(answer.unit):
        for key in ("their_opening", "their_target", "their_walk_away", "your_target", "your_limit"):
            if getattr(answer, key) not in (0, 1):
                out.append(Problem(f"{where}.{key}", "a yes/no term takes 1 for yes or 0 for no"))
    if out:
        return out
    they_high = (
        answer.their_target >= answer.their_walk_away
        if answer.their_target != answer.their_walk_away
        else answer.their_target >= answer.your_target
    )
    you_high = (
        answer.your_target >= answer.your_limit if answer.your_target != answer.your_limit else not they_high
    )
    if (
        (answer.their_opening < answer.their_walk_away)
        if they_high
        else (answer.their_opening > answer.their_walk_away)
    ):
        out.append(
            Problem(
                f"{where}.their_opening",
                "their opening is worse for them than their walk-away; check "
                "that their target, walk-away and opening are the right way round",
            )
        )
    their_ok = (
        (lambda v: v >= answer.their_walk_away) if they_high else (lambda v: v <= answer.their_walk_away)
    )
    your_ok = (lambda v: v >= answer.your_limit) if you_high else (lambda v: v <= answer.your_limit)
    if not any(their_ok(v) and your_ok(v) for v in (answer.their_walk_away, answer.your_limit)):
        out.append(
            Problem(
                f"{where}.your_limit",
                f"no value is both within your limit ({answer.your_limit:g}) and "
                f"their walk-away ({answer.their_walk_away:g}), so no deal is "
                "possible; move one of them",
            )
        )
    return out


def _issue_problem(n: int, answer: IssueAnswer, error: Any) -> Problem:
    message = error["msg"].removeprefix("Value error, ")
    if "target must be at least as good" in message:
        return Problem(
            f"issues.{n}.their_target",
            "a target must be at least as good as the walk-away (or limit) for "
            "the same side; check which way round they are",
        )
    if "phrase" in message:
        return Problem(f"issues.{n}.unit", f"use a unit like {UNIT_HELP}")
    return Problem(f"issues.{n}.name", message)


def _round_trip_problems(issues: list[Any], a: Answers) -> list[Problem]:
    """Each term said the way the counterpart says it must be read back as the same value, alone and together."""
    from simulator.offers import describe_terms, read_terms

    problems: list[Problem] = []
    if not issues:
        return problems
    samples = [
        {i.id: i.counterpart.target for i in issues},
        {i.id: i.user.target for i in issues},
        {i.id: i.user.limit for i in issues},
        {i.id: i.opening for i in issues},
    ]
    bad: set[str] = set()
    for terms in samples:
        said = describe_terms(issues, terms)
        heard = read_terms(said, issues)
        for i in issues:
            if i.kind == "yes_no" and terms[i.id] < 0.5:
                continue  # "no" is left unsaid
            if i.id not in heard or abs(heard[i.id] - terms[i.id]) > 1e-6:
                bad.add(i.id)
    for n, issue in enumerate(issues):
        if issue.id in bad:
            problems.append(
                Problem(
                    f"issues.{n}.name",
                    f"'{describe_terms(issues, {issue.id: issue.counterpart.target})}'"
                    " is not read back as this term when said with the others; "
                    "give it a more distinctive name or unit",
                )
            )
    return problems


def _warning_problems(warnings: list[str], data: dict[str, Any], answered: int) -> list[Problem]:
    """`persona --check` warnings, put at the answer that causes them (`answered`: how many concerns were given)."""
    out = []
    for warning in warnings:
        found = re.match(r"concerns\.(\d+) \([a-z0-9_]+\)\.(\w+)", warning)
        if found and int(found.group(1)) >= answered:  # the fourth concern the builder made from the position
            out.append(Problem("opening_position", warning.split(": ", 1)[-1]))
            continue
        if found:
            n, what = int(found.group(1)), found.group(2)
            place = {
                "opened_by": "question",
                "keywords": "keywords",
                "addressed_by": "would_answer",
                "answered_by_terms": "would_answer",
            }.get(what, "said_first")
            text = warning.split(": ", 1)[1] if ": " in warning else warning
            out.append(Problem(f"concerns.{n}.{place}", text))
            continue
        found = re.match(r"issues\.(\d+)", warning)
        if found:
            out.append(Problem(f"issues.{found.group(1)}.your_limit", warning.split(": ", 1)[-1]))
            continue
        if warning.startswith("issues:"):
            out.append(
                Problem(
                    "issues",
                    "the best deal within your limits is worth too little to them: widen one of "
                    "your limits or lower one of their targets",
                )
            )
            continue
        if warning.startswith("user_brief"):
            out.append(
                Problem("your_goal" if ".goal" in warning else "your_constraints", warning.split(": ", 1)[-1])
            )
            continue
        if warning.startswith(("scenario", "counterpart.position")):
            place = "situation" if warning.startswith("scenario") else "opening_position"
            out.append(Problem(place, warning.split(": ", 1)[-1]))
            continue
        out.append(Problem("concerns", warning))
    return out


def _fix_routing(persona: Persona, data: dict[str, Any], answers: Answers) -> dict[str, Any]:
    """Pick, per concern, the first suggested opening question that the engine reads as open and routes home."""
    from simulator.evaluation import label_turn
    from simulator.ledger import topic_of

    for n, concern in enumerate(data["concerns"][: len(answers.concerns)]):
        if answers.concerns[n].question:
            continue
        for keyword in concern["keywords"]:
            shown = _as_written(keyword, answers.concerns[n])
            for template in _QUESTIONS:
                question = template.format(k=shown)
                concern["opened_by"] = question
                trial = persona.model_copy(
                    update={
                        "concerns": [
                            persona.concerns[m].model_copy(update={"opened_by": question})
                            if m == n
                            else persona.concerns[m]
                            for m in range(len(persona.concerns))
                        ]
                    }
                )
                if (
                    topic_of(question, trial) == concern["id"]
                    and label_turn(question).primary == "open_question"
                ):
                    break
            else:
                continue
            break
    return data


def _as_written(word: str, concern: ConcernAnswer) -> str:
    """A keyword with the capital it has mid-sentence in the user's text ('January'), else lower-case."""
    text = " ".join([concern.said_first, *concern.behind])
    found = re.search(rf"(?<=[a-z,;] )({re.escape(word)})\b", text, re.I)
    return found.group(1) if found and found.group(1)[0].isupper() else word


def build_persona(answers: Answers) -> Persona:
    """The persona the answers describe, passing `parley personas --check` with no warnings; else BuildError."""
    from simulator.persona_checks import persona_warnings

    data, problems = build_data(answers)
    if problems:
        raise BuildError(problems)
    try:
        persona = parse_persona_text(
            yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "your answers"
        )
    except PersonaError as exc:
        raise BuildError([Problem("name", p) for p in exc.problems]) from None
    data = _fix_routing(persona, data, answers)
    persona = parse_persona_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "your answers")
    warnings = persona_warnings(persona)
    if warnings:
        raise BuildError(_warning_problems(warnings, data, len(answers.concerns)))
    return persona


def suggestions(answers: Answers) -> dict[int, dict[str, Any]]:
    """Per concern: the keywords and the opening question the builder would use (for the user to confirm)."""
    data, _ = build_data(answers)
    out: dict[int, dict[str, Any]] = {}
    try:
        persona = parse_persona_text(
            yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "your answers"
        )
        data = _fix_routing(persona, data, answers)
    except PersonaError:
        pass
    for n, concern in enumerate(data.get("concerns", [])[: len(answers.concerns)]):
        out[n] = {
            "keywords": concern["keywords"],
            "question": concern["opened_by"],
            "terms": concern["answered_by_terms"],
        }
    return out


def persona_yaml(answers: Answers) -> str:
    """The built persona as a YAML file (BuildError when it cannot be built yet)."""
    return persona_to_yaml(build_persona(answers))


def answers_yaml(answers: Answers) -> str:
    """The plain answers as YAML, for `parley personas new --from` and for sharing."""
    return yaml.safe_dump(
        answers.model_dump(mode="json", exclude_defaults=True), sort_keys=False, allow_unicode=True
    )
