"""Picks the persona's authored line for a move: seeded, and never repeating while unused variants remain."""

from __future__ import annotations

import random
import re
from functools import lru_cache

from simulator.personas import Persona

# Lines for moves added after the first release, for persona files written before them (built-ins have their own).
DEFAULT_LINES: dict[str, list[str]] = {
    "answer_fact": ["{content}", "Sure. {content}", "{content} Why do you ask?"],
    "decline_fact": [
        "I'd rather not say.",
        "That I keep to myself.",
        "I'll leave that one, if you don't mind.",
    ],
    "not_yet": ["I'd rather not get into that yet.", "Let's not go there just now.", "Maybe another time."],
    "recap": ["I've told you: {content}", "Like I said, {content}", "As I said before, {content}"],
    "small_talk": [
        "Ha, yes. Anyway, shall we get to it?",
        "Kind of you to ask. So, where were we?",
        "Can't complain. Now, to business.",
    ],
    "acknowledge": ["Okay. Go on.", "Right. What else?", "Noted. Where does that leave us?"],
    "hold_ground": [
        "I hear you. Still, {content}",
        "Fair point. But {content}",
        "I take that. It doesn't change this, though: {content}",
    ],
    "react_insult": [
        "There's no need for that.",
        "Let's keep this civil, please.",
        "I'd rather you didn't talk to me like that.",
    ],
    "other_language": [
        "Sorry, I didn't catch that. Could we keep to English?",
        "I'm afraid I only speak English. Say that again?",
        "You've lost me there. In English, please?",
    ],
    "clarify": [
        "What do you mean?",
        "Sorry, I didn't follow that.",
        "I'm not sure I understand. Meaning what?",
    ],
    "ack_summary": ["Yes, that's right.", "That's it.", "Right."],
}


def variants_for(persona: Persona, move: str) -> list[str]:
    """The persona's authored variants for a move (or the defaults for a move it predates)."""
    return persona.lines.get(move) or DEFAULT_LINES[move]


def pick_line(
    persona: Persona, move: str, content: str, line_use: dict[str, list[int]], seed: int, turn: int
) -> tuple[str, int]:
    """The authored line for `move` with `content` filled in, and the variant index used (recorded in line_use)."""
    variants = variants_for(persona, move)
    used = line_use.setdefault(move, [])
    unused = [i for i in range(len(variants)) if i not in used]
    if not unused:
        # Every variant has been said: start a new round, but not with the one just said.
        last = used[-1] if used else None
        used.clear()
        unused = [i for i in range(len(variants)) if i != last] or [0]
    rng = random.Random(f"{seed}:{turn}:{move}")
    index = rng.choice(unused)
    used.append(index)
    line = variants[index]
    if "{content}" in line:
        line = fill_content(line, content.strip(), proper_nouns(persona))
    return " ".join(line.split()), index


_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)([A-Z][A-Za-z'&-]*)")
_CAPITALISED = re.compile(r"\b([A-Z][A-Za-z'&-]*)")


@lru_cache(maxsize=64)
def _proper_nouns(text: str) -> frozenset[str]:
    at_start = set(_SENTENCE_START.findall(text))
    return frozenset(w for w in _CAPITALISED.findall(text) if w not in at_start or text.count(w) > 1) | {
        "I",
        "I'm",
        "I've",
        "I'd",
        "I'll",
    }


def proper_nouns(persona: Persona) -> frozenset[str]:
    """Capitalised words that are names (they appear capitalised mid-sentence in the persona's text)."""
    return _proper_nouns(" ".join([persona.scenario, persona.name, persona.role, persona.user_brief.role]))


def fill_content(template: str, content: str, names: frozenset[str]) -> str:
    """Put content into a line; after a comma or a lower-case word the content's first word loses its capital."""
    before, after = (part.strip() for part in template.split("{content}", 1))
    if content and after and content[-1] not in ".!?:;,":
        content += "."  # "…by direct debit. Thanks for listening.", not "…by direct debit Thanks"
    if content and (not before or before[-1] in ".!?:") and content[0].islower():
        content = content[0].upper() + content[1:]  # "This is my offer. A design freeze …"
    elif content and before and (before.endswith(",") or before[-1].isalpha()):
        first = content.split(" ", 1)[0]
        if first not in names:
            content = content[0].lower() + content[1:]
    return template.replace("{content}", content)
