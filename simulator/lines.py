"""Picks the persona's authored line for a move: seeded, and never repeating while unused variants remain."""

from __future__ import annotations

import random
import re
from functools import lru_cache

from simulator.personas import Persona


def pick_line(persona: Persona, move: str, content: str, line_use: dict[str, list[int]], seed: int, turn: int) -> tuple[str, int]:
    """The authored line for `move` with `content` filled in, and the variant index used (recorded in line_use)."""
    variants = persona.lines[move]
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
    return frozenset(w for w in _CAPITALISED.findall(text) if w not in at_start or text.count(w) > 1) | {"I", "I'm", "I've", "I'd", "I'll"}


def proper_nouns(persona: Persona) -> frozenset[str]:
    """Capitalised words that are names (they appear capitalised mid-sentence in the persona's text)."""
    return _proper_nouns(" ".join([persona.scenario, persona.name, persona.role, persona.user_brief.role]))


def fill_content(template: str, content: str, names: frozenset[str]) -> str:
    """Put content into a line; after a comma or a lower-case word the content's first word loses its capital."""
    before = template.split("{content}", 1)[0].rstrip()
    if content and before and (before.endswith(",") or before[-1].isalpha()):
        first = content.split(" ", 1)[0]
        if first not in names:
            content = content[0].lower() + content[1:]
    return template.replace("{content}", content)
