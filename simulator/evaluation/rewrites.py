"""Concrete rewrites of weak turns, built from the counterpart's own words and concerns."""

from __future__ import annotations

import re

from simulator.transcript import ConcernInfo, Disclosure

from .text import STOPWORDS, words

_PERSON = {
    "i": "you",
    "i'm": "you're",
    "i've": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "we": "you",
    "we're": "you're",
    "we've": "you've",
    "we'd": "you'd",
    "we'll": "you'll",
    "us": "you",
    "our": "your",
    "ours": "yours",
    "am": "are",
    "myself": "yourself",
    "ourselves": "yourselves",
}
_ASK_LEAD = re.compile(
    r"^(?:please,?\s*|i need\s+|i want\s+|give me\s+|i'?d like\s+|can you\s+|could you\s+|would you\s+|"
    r"i'?m asking for\s+|let'?s\s+)+",
    re.IGNORECASE,
)


def to_second_person(text: str) -> str:
    """Turn the counterpart's first-person line into a restatement ("our cash" -> "your cash")."""
    out = []
    for token in re.findall(r"[A-Za-z']+|[^A-Za-z']+", text):
        low = token.lower()
        out.append(_PERSON.get(low, token) if low in _PERSON else token)
    result = "".join(out).strip().rstrip(".!")
    return result[:1].lower() + result[1:] if result else result


def topic_of(text: str, limit: int = 4) -> str:
    """A short topic phrase: the first content words of a line ("the delivery schedule")."""
    content = [w for w in words(text) if w not in STOPWORDS and len(w) > 2]
    return " ".join(content[:limit]) or "that"


def open_rewrite(original: str, context: str) -> str:
    """Turn a closed question into an open one on the same topic."""
    topic = topic_of(original)
    if context:
        return f"What concerns you most about {topic}? Tell me more about what's behind it."
    return f"Tell me about {topic}: what matters most to you there?"


def summary_rewrite(disclosed: list[Disclosure], context: str) -> str:
    """A faithful summary from what the counterpart actually disclosed (or their last line)."""
    sources = [d.text for d in disclosed if d.text.strip()][-2:] or ([context] if context else [])
    if not sources:
        return (
            "So what I'm hearing is ... (restate their last point in their own words). Did I get that right?"
        )
    restated = " and ".join(to_second_person(s) for s in sources)
    return f"So what I'm hearing is {restated}. Did I get that right?"


def ask_rewrite(original: str, terms: tuple[str, ...], concern: ConcernInfo | None, context: str) -> str:
    """'I'm asking for <their terms>, which <ties to the concern they raised>.'"""
    what = (
        ", ".join(terms)
        if terms
        else _ASK_LEAD.sub("", original.strip().rstrip(".!?")) or "<what, how much, by when>"
    )
    if concern is not None:
        tie = f"which helps with the {concern.title.lower()} you raised"
    elif context:
        tie = f"which addresses what you said about {topic_of(context, 3)}"
    else:
        tie = "which gives you <the benefit to them>"
    return f"I'm asking for {what}, {tie}."


def concern_rewrite(concern: ConcernInfo) -> str:
    """The question that would have opened a concern the user never reached."""
    return concern.opened_by or f"What concerns you about {concern.title.lower()}?"


def alignment_rewrite(problem: str, original: str) -> str:
    """Bring an off-problem turn back to the problem the user said they were solving."""
    return f'Tie it to your problem ({topic_of(problem, 6)}): e.g. "What I\'m trying to solve is {topic_of(problem, 6)}. {original.strip()}"'
