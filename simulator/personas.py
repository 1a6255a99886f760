"""Persona model and loader: one counterpart per YAML file, validated with errors that name file and field."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

Difficulty = Literal["easy", "realistic", "hard"]
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "realistic", "hard")

# Every move the counterpart can make; each persona authors several line variants for each.
COUNTERPART_MOVES: tuple[str, ...] = (
    "open",  # first line of the conversation
    "raise_concern",  # states a concern's surface line: {content}
    "reveal",  # discloses a deeper layer, a need, history or the first step: {content}
    "deflect_closed",  # short answer to a closed question, disclosing little
    "push_back_bare_ask",  # an ask with nothing in it for them
    "push_back_premature",  # a solution before the problem and concerns are known
    "push_back_pressure",  # answer to an ultimatum, threat or insult
    "warm_up",  # after a faithful summary; may go on to reveal: {content}
    "feel_heard",  # after a play-back that names how it feels ("that sounds exhausting"); may go on: {content}
    "correct_summary",  # after a summary that distorts or invents: {content} = what they actually said
    "consider",  # an ask that answers some concerns but not enough: {content} = what is still open
    "counter",  # a counter-proposal: {content} = the persona's counter terms
    "agree",  # says yes: {content} = the agreed terms
    "walk_away",  # ends the conversation after sustained pressure
    "off_topic",  # the user said something unrelated, empty or manipulative
    "nothing_more",  # asked for more on a topic that is exhausted
    "time_up",  # the turn limit was reached without agreement
    "answer_fact",  # answers a factual question from its public facts: {content} = the fact
    "decline_fact",  # a factual question about something it keeps private
    "not_yet",  # asked about something it is not ready to say to this person yet
    "recap",  # the same question again: "I've told you…" {content} = what it already said
    "small_talk",  # a short in-character reply to small talk or a greeting, then back to business
    "acknowledge",  # a brief acknowledgement of thanks or of a statement, then back to business
    "hold_ground",  # an argument against a concern it raised: takes the point, restates it: {content} = what it said
    "react_insult",  # reacts to rudeness in character
    "other_language",  # the user wrote in another language: a polite reply in English
    "clarify",  # it could not understand the turn: "What do you mean?"
    "ack_summary",  # said before answering the rest of a turn that opened with a faithful summary
    "ack_feeling",  # the same, when the play-back named how it feels ("It has been, yes.")
    "take_time",  # they asked for time to think it over or to check with someone: it gives it
)
CONTENT_MOVES = {
    "raise_concern",
    "reveal",
    "warm_up",
    "feel_heard",
    "correct_summary",
    "consider",
    "counter",
    "agree",
    "answer_fact",
    "recap",
    "hold_ground",
}
# Moves added after the first release: a persona file written before them gets these default lines.
LATER_MOVES = (
    "answer_fact",
    "decline_fact",
    "not_yet",
    "recap",
    "small_talk",
    "acknowledge",
    "react_insult",
    "other_language",
    "clarify",
    "ack_summary",
    "hold_ground",
    "take_time",
    "feel_heard",
    "ack_feeling",
)
MAX_FILE_BYTES = 256_000
TERM_PATTERN = re.compile(r"([a-z][a-z0-9_]{1,40})\s*(>=|<=|=)\s*(-?[0-9]+(?:\.[0-9]+)?)")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Concern(_Strict):
    """Something the counterpart worries about: a surface line, then deeper layers disclosed only when drawn out."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]{1,40}$")
    title: str = Field(min_length=3, max_length=80)
    surface: str = Field(min_length=10, max_length=400)
    layers: list[str] = Field(min_length=1, max_length=4)
    keywords: list[str] = Field(min_length=2, description="Words that mean the user is talking about this.")
    addressed_by: list[str] = Field(min_length=1, description="Phrases in an ask that answer this concern.")
    key: bool = True
    opened_by: str = Field(min_length=5, description="A question that would draw this concern out.")
    answered_by_terms: list[str] = Field(
        default_factory=list,
        description="Terms that answer this concern, as '<issue> <op> <value>' (op one of >= <= = ); any one is enough.",
    )

    @field_validator("answered_by_terms")
    @classmethod
    def _terms_shape(cls, terms: list[str]) -> list[str]:
        for term in terms:
            if not TERM_PATTERN.fullmatch(term.strip()):
                raise ValueError(f"{term!r} is not '<issue> <op> <value>' (for example 'payment_days <= 15')")
        return terms


class IssueSide(_Strict):
    """One side's view of an issue: which way it wants it to go, its target, its limit and how much it matters."""

    prefers: Literal["high", "low"]
    target: float
    limit: float = Field(description="The walk-away value: never agree to anything worse than this.")
    weight: float = Field(
        gt=0, le=1, description="How much this issue matters to this side (weights are normalised)."
    )


class Issue(_Strict):
    """A negotiable term with a unit and a range, and both sides' preferences over it."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]{1,40}$")
    label: str = Field(min_length=3, max_length=80)
    unit: str = Field(min_length=1, max_length=30, description="'$/kg', 'months', 'percent', 'yes/no' …")
    kind: Literal["number", "yes_no"] = "number"
    low: float = 0
    high: float = 1
    step: float = Field(default=1, gt=0)
    decimals: int = Field(default=0, ge=0, le=2)
    current: float | None = Field(
        default=None, description="Today's value, for 'same as now' / 'ten percent less'."
    )
    opening: float = Field(description="The counterpart's opening position on this issue.")
    counterpart: IssueSide
    user: IssueSide
    phrase: str = Field(min_length=3, description="How a value is said, with {value}: '${value} a kilo'.")
    no_phrase: str = Field(
        default="", description="For yes/no issues: how 'no' is said ('' leaves it unsaid)."
    )
    keywords: list[str] = Field(min_length=1, description="Words that tie a number in a turn to this issue.")
    no_keywords: list[str] = Field(
        default_factory=list,
        description="For yes/no issues: phrases that mean 'no' ('display out', 'non-participating').",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Issue:
        if self.kind == "yes_no":
            self.low, self.high, self.step, self.decimals = 0, 1, 1, 0
        if self.low >= self.high:
            raise ValueError(f"low ({self.low}) must be below high ({self.high})")
        for name, value in (
            ("opening", self.opening),
            ("counterpart.target", self.counterpart.target),
            ("counterpart.limit", self.counterpart.limit),
            ("user.target", self.user.target),
            ("user.limit", self.user.limit),
        ):
            if not self.low <= value <= self.high:
                raise ValueError(f"{name} {value} is outside the range {self.low}..{self.high}")
        for side in (self.counterpart, self.user):
            better = side.target >= side.limit if side.prefers == "high" else side.target <= side.limit
            if not better:
                raise ValueError(
                    f"a target must be at least as good as its limit for a side that prefers it {side.prefers}"
                )
        if "{value}" not in self.phrase and self.kind == "number":
            raise ValueError("phrase must contain {value}")
        return self


class Fact(_Strict):
    """Something about the counterpart's world a user may ask about: staff, years, volumes, customers …"""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]{1,40}$")
    asked_with: list[str] = Field(min_length=1, description="Words people use when they ask about it.")
    answer: str = Field(min_length=3, max_length=400, description="What it says when asked (its own voice).")
    public: bool = Field(default=True, description="False: it declines to say ('I'd rather not say').")


class Need(_Strict):
    """What the counterpart needs behind its position (the 'What do you need?' window)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]{1,40}$")
    text: str = Field(min_length=10, max_length=400)
    keywords: list[str] = Field(default_factory=list)


class UserBrief(_Strict):
    """The user's side of the scenario, written to the user."""

    role: str = Field(min_length=10)
    goal: str = Field(min_length=10)
    constraints: list[str] = Field(min_length=1)
    unknown_hint: str = Field(min_length=10, description="A hint of what the user does not yet know.")


class CounterpartSide(_Strict):
    """The counterpart's goals, opening position and walk-away point."""

    goals: list[str] = Field(min_length=1)
    position: str = Field(min_length=10)
    walk_away: str = Field(min_length=10)


class Deal(_Strict):
    """Terms the counterpart can accept and the counter-offers it makes on the way."""

    acceptable: str = Field(
        min_length=10, description="Said on agreement: the terms both sides can live with."
    )
    counters: list[str] = Field(min_length=1, description="Counter-proposals, in the order offered.")


class DifficultyProfile(_Strict):
    """How one difficulty changes behaviour: openness, what must be uncovered and answered, patience."""

    layers_per_open_question: int = Field(ge=1, le=3)
    closed_reveals_surface: bool = Field(
        description="Whether a closed question on a topic states its surface line."
    )
    concerns_to_answer: int = Field(
        ge=1, le=6, description="Disclosed key concerns an ask must answer to get a yes."
    )
    min_rapport_to_agree: int = Field(ge=-3, le=6)
    deep_layer_rapport: int = Field(
        ge=-3, le=6, description="Rapport needed before the deepest layer is disclosed."
    )
    patience: int = Field(ge=1, le=10, description="Pressure points before walking away.")
    max_turns: int = Field(ge=6, le=60)
    volunteers_concerns: bool = Field(
        default=True,
        description="When an ask falls short, whether it says which concern still stands in the way.",
    )


DEFAULT_DIFFICULTIES: dict[str, DifficultyProfile] = {
    "easy": DifficultyProfile(
        layers_per_open_question=2,
        closed_reveals_surface=True,
        concerns_to_answer=1,
        min_rapport_to_agree=0,
        deep_layer_rapport=0,
        patience=6,
        max_turns=30,
    ),
    "realistic": DifficultyProfile(
        layers_per_open_question=1,
        closed_reveals_surface=False,
        concerns_to_answer=2,
        min_rapport_to_agree=1,
        deep_layer_rapport=1,
        patience=4,
        max_turns=30,
        volunteers_concerns=False,
    ),
    "hard": DifficultyProfile(
        layers_per_open_question=1,
        closed_reveals_surface=False,
        concerns_to_answer=3,
        min_rapport_to_agree=2,
        deep_layer_rapport=2,
        patience=3,
        max_turns=36,
        volunteers_concerns=False,
    ),
}


class Persona(_Strict):
    """A counterpart worth rehearsing with: data only, validated on load."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]{1,40}$")
    name: str = Field(min_length=2, max_length=60)
    role: str = Field(min_length=3, max_length=120)
    title: str = Field(min_length=3, max_length=80, description="The scenario in a few words.")
    teaches: str = Field(min_length=10, description="What rehearsing with this persona is good for.")
    scenario: str = Field(min_length=20)
    temperament: str = Field(min_length=3)
    default_difficulty: Difficulty = "realistic"
    user_brief: UserBrief
    counterpart: CounterpartSide
    concerns: list[Concern] = Field(min_length=4, max_length=8)
    needs: list[Need] = Field(min_length=1)
    history: list[str] = Field(min_length=1, description="What they have tried before ('what has worked?').")
    first_step: str = Field(min_length=10)
    goal_line: str = Field(min_length=10, description="What they say when asked 'tell me about' their side.")
    deal: Deal | None = Field(default=None, description="Deprecated: deals are computed from `issues`.")
    issues: list[Issue] = Field(default_factory=list, max_length=8)
    facts: list[Fact] = Field(default_factory=list, max_length=40)
    difficulties: dict[Difficulty, DifficultyProfile] = Field(default_factory=dict)
    lines: dict[str, list[str]]

    @field_validator("lines")
    @classmethod
    def _every_move_has_variants(cls, lines: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = sorted(set(lines) - set(COUNTERPART_MOVES))
        if unknown:
            raise ValueError(f"unknown move(s) {unknown}; moves are {list(COUNTERPART_MOVES)}")
        missing = [m for m in COUNTERPART_MOVES if not lines.get(m) and m not in LATER_MOVES]
        if missing:
            raise ValueError(f"no line variants for move(s) {missing}")
        for move, variants in lines.items():
            if len(variants) < 2:
                raise ValueError(f"move '{move}' needs at least 2 variants, has {len(variants)}")
            for variant in variants:
                if not isinstance(variant, str) or not variant.strip():
                    raise ValueError(f"move '{move}' has an empty line")
                has_slot = "{content}" in variant
                if move in CONTENT_MOVES and not has_slot:
                    raise ValueError(f"move '{move}' line must contain {{content}}: {variant[:60]!r}")
                if move not in CONTENT_MOVES and has_slot:
                    raise ValueError(f"move '{move}' takes no {{content}}: {variant[:60]!r}")
                stripped = variant.replace("{content}", "")
                if "{" in stripped or "}" in stripped:
                    raise ValueError(f"move '{move}' line has a stray brace: {variant[:60]!r}")
        return lines

    @model_validator(mode="after")
    def _ids_unique(self) -> Persona:
        ids = [c.id for c in self.concerns] + [n.id for n in self.needs]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"concern/need ids must be unique, repeated: {dupes}")
        issue_ids = [i.id for i in self.issues]
        if len(set(issue_ids)) != len(issue_ids):
            raise ValueError(f"issue ids must be unique: {issue_ids}")
        for c in self.concerns:
            for term in c.answered_by_terms:
                name = TERM_PATTERN.fullmatch(term.strip()).group(1)  # type: ignore[union-attr]
                if name not in issue_ids:
                    raise ValueError(
                        f"concern '{c.id}' answered_by_terms names issue '{name}', which is not in issues"
                    )
        if not self.issues and self.deal is None:
            raise ValueError("a persona needs `issues` (the negotiable terms) or a legacy `deal`")
        return self

    def issue(self, issue_id: str) -> Issue:
        """Look up an issue by id."""
        for i in self.issues:
            if i.id == issue_id:
                return i
        raise KeyError(issue_id)

    def fact(self, fact_id: str | None) -> Fact | None:
        """Look up a fact by id (None when there is no such fact)."""
        return next((f for f in self.facts if f.id == fact_id), None)

    def profile(self, difficulty: str) -> DifficultyProfile:
        """The behaviour profile for a difficulty (persona override, else the default)."""
        if difficulty not in DIFFICULTIES:
            raise ValueError(f"unknown difficulty {difficulty!r}; choose one of {', '.join(DIFFICULTIES)}")
        return self.difficulties.get(difficulty) or DEFAULT_DIFFICULTIES[difficulty]

    def concern(self, concern_id: str) -> Concern:
        """Look up a concern by id."""
        for c in self.concerns:
            if c.id == concern_id:
                return c
        raise KeyError(concern_id)


class PersonaError(Exception):
    """A persona file that cannot be used, with a message naming the file and field."""

    def __init__(self, path: str, problems: list[str]):
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(problems))


def _format_validation(error: ValidationError) -> list[str]:
    problems = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"]) or "(top level)"
        message = item["msg"].removeprefix("Value error, ")
        problems.append(f"field '{where}': {message}")
    return problems


class _SafeLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases (no billion-laughs) and builds only plain data."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError("YAML aliases (*name) are not allowed in persona files")
        return super().compose_node(parent, index)


def _unbalanced_quote_line(lines: list[str], start: int, end: int) -> int | None:
    """The first line in [start, end) that opens a quote it does not close (1-based), if any."""
    for n in range(max(0, start), min(end, len(lines))):
        line = lines[n].split(" #", 1)[0]
        body = line.split(": ", 1)[1] if ": " in line else line.lstrip(" -")
        body = body.strip()
        if body[:1] in ("'", '"') and (len(body) < 2 or body[-1] != body[0] or body.count(body[0]) % 2):
            return n + 1
    return None


def yaml_error_line(exc: yaml.YAMLError, text: str) -> int | None:
    """The line (1-based) a person should look at for a YAML error.

    PyYAML reports where it *noticed* the problem, which can be lines below the mistake: an unclosed quote is
    noticed where the next quote closes it, a missing ':' where the next line starts. Where PyYAML knows what it
    was scanning (a key, a quoted value) that place is the mistake; an unclosed quote is found by looking back."""
    mark = getattr(exc, "problem_mark", None)
    if mark is None:
        return None
    line = mark.line + 1
    context = getattr(exc, "context", None) or ""
    context_mark = getattr(exc, "context_mark", None)
    if context_mark is not None and context.startswith("while scanning") and context_mark.line < mark.line:
        return context_mark.line + 1
    problem = getattr(exc, "problem", None) or ""
    if context_mark is not None and ("found '<scalar>'" in problem or "end of stream" in problem):
        quoted = _unbalanced_quote_line(text.splitlines(), context_mark.line, mark.line)
        if quoted is not None:
            return quoted
    return line


def yaml_problem(exc: yaml.YAMLError, text: str) -> str:
    """'not valid YAML at line N: <what>', N being the line with the mistake (see yaml_error_line)."""
    line = yaml_error_line(exc, text)
    where = f" at line {line}" if line else ""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    lines = text.splitlines()
    if line and line - 1 < len(lines) and _unbalanced_quote_line(lines, line - 1, line) == line:
        problem = f"a quote is opened and never closed ({problem})"
    return f"not valid YAML{where}: {problem}"


def parse_persona_text(text: str, source: str = "<text>") -> Persona:
    """Parse and validate persona YAML; raises PersonaError naming the source and the field."""
    if len(text.encode("utf-8", "replace")) > MAX_FILE_BYTES:
        raise PersonaError(source, [f"file is larger than {MAX_FILE_BYTES // 1000} kB"])
    try:
        data = yaml.load(text, Loader=_SafeLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise PersonaError(source, [yaml_problem(exc, text)]) from None
    except RecursionError:
        raise PersonaError(source, ["nesting is too deep"]) from None
    if not isinstance(data, dict):
        raise PersonaError(source, ["the file must be a mapping of fields (id, name, concerns, ...)"])
    try:
        return Persona.model_validate(data)
    except ValidationError as exc:
        raise PersonaError(source, _format_validation(exc)) from None
    except RecursionError:
        raise PersonaError(source, ["nesting is too deep"]) from None


def _read_persona_bytes(path: Path) -> bytes:
    """At most MAX_FILE_BYTES of a regular file: a FIFO, device or oversized (e.g. sparse) file is refused unread."""
    too_big = f"file is larger than {MAX_FILE_BYTES // 1000} kB"
    try:
        info = os.stat(path)  # follows a symlink: a link to /dev/zero is judged by what it points at
    except OSError as exc:
        raise PersonaError(str(path), [f"cannot read: {exc.strerror}"]) from None
    if not stat.S_ISREG(info.st_mode):
        raise PersonaError(
            str(path), ["cannot read: not a regular file (a FIFO, device or directory cannot be a persona)"]
        )
    if info.st_size > MAX_FILE_BYTES:
        raise PersonaError(str(path), [too_big])
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO after the check, opening it still cannot hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise PersonaError(str(path), [f"cannot read: {exc.strerror}"]) from None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise PersonaError(
                str(path),
                ["cannot read: not a regular file (a FIFO, device or directory cannot be a persona)"],
            )
        try:
            raw = fh.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise PersonaError(str(path), [f"cannot read: {exc.strerror}"]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise PersonaError(str(path), [too_big])
    return raw


def load_persona_file(path: Path) -> Persona:
    """Load one persona file; raises PersonaError naming the file (never reads more than MAX_FILE_BYTES + 1)."""
    raw = _read_persona_bytes(Path(path))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PersonaError(str(path), [f"not UTF-8 text (byte {exc.start})"]) from None
    return parse_persona_text(text, str(path))


def persona_to_yaml(persona: Persona) -> str:
    """Serialise a persona back to YAML (for export and the UI editor)."""
    return yaml.safe_dump(
        persona.model_dump(mode="json", exclude_defaults=False), sort_keys=False, allow_unicode=True
    )


@dataclass
class PersonaLibrary:
    """Every persona that loaded, plus the errors of those that did not."""

    personas: dict[str, Persona] = field(default_factory=dict)
    errors: list[PersonaError] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)

    def get(self, persona_id: str) -> Persona:
        """A persona by id, or a KeyError whose message lists the ids there are."""
        try:
            return self.personas[persona_id]
        except KeyError:
            known = ", ".join(sorted(self.personas)) or "(none)"
            raise KeyError(f"no persona '{persona_id}'; available: {known}") from None

    def ids(self) -> list[str]:
        return sorted(self.personas)

    def source_path(self, persona_id: str) -> Path | None:
        """The file a persona was loaded from (the one a save must write to), or None for an unknown id."""
        source = self.sources.get(persona_id)
        return Path(source) if source else None

    def loaded_from(self, persona_id: str, directory: Path) -> bool:
        """True when the persona's file lies in `directory` (resolved paths, never a substring of the text)."""
        source = self.source_path(persona_id)
        return source is not None and is_within(source, directory)


def is_within(path: Path | str, directory: Path | str) -> bool:
    """True when `path` is `directory` or lies inside it, comparing resolved paths (symlinks and `..` followed):
    /data/my-personas-copy/x.yaml is not inside /data/personas, whatever the names have in common."""
    try:
        return Path(path).resolve().is_relative_to(Path(directory).resolve())
    except (OSError, RuntimeError, ValueError):
        return False


def load_library(dirs: Iterable[Path]) -> PersonaLibrary:
    """Load every *.yaml / *.yml persona from the directories; later directories may add, not replace.

    Within a directory files are read in name order and the first file with an id wins; a later file with the
    same id is an error naming both. A directory given twice (the same folder after resolving) is read once."""
    library = PersonaLibrary()
    seen: set[Path] = set()
    for directory in dirs:
        if not directory or not Path(directory).is_dir():
            continue
        resolved = Path(directory).resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        for path in sorted(Path(directory).glob("*.y*ml")):
            try:
                persona = load_persona_file(path)
            except PersonaError as exc:
                library.errors.append(exc)
                continue
            if persona.id in library.personas:
                library.errors.append(
                    PersonaError(
                        str(path),
                        [f"field 'id': '{persona.id}' is already used by {library.sources[persona.id]}"],
                    )
                )
                continue
            library.personas[persona.id] = persona
            library.sources[persona.id] = str(path)
    return library
