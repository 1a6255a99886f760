"""Concrete rewrites of weak turns, built from the counterpart's own words and concerns."""

from __future__ import annotations

import re

from simulator.transcript import ConcernInfo, Disclosure

from .text import STOPWORDS, words

# Speaker swap for restating their words to them: their "I" is "you" to us, and their "you" (us) is "I"/"me".
_TO_LISTENER = {
    "i": "you", "i'm": "you're", "i've": "you've", "i'd": "you'd", "i'll": "you'll", "me": "you", "my": "your",
    "mine": "yours", "myself": "yourself", "we": "you", "we're": "you're", "we've": "you've", "we'd": "you'd",
    "we'll": "you'll", "us": "you", "our": "your", "ours": "yours", "ourselves": "yourselves",
    "you're": "I'm", "you've": "I've", "you'd": "I'd", "you'll": "I'll", "your": "my", "yours": "mine",
    "yourself": "myself",
    # Concern titles are written about the counterpart ("Her costs have gone up"): those become "your".
    "she": "you", "he": "you", "her": "your", "his": "your", "him": "you", "she's": "you're", "he's": "you're",
}
_SUBJECT_NEXT = frozenset(
    ["are", "were", "have", "had", "can", "could", "will", "would", "should", "need", "want", "know", "think", "said", "pay", "stay", "do", "did", "don't", "didn't", "keep", "get", "go", "come", "agree", "take", "make", "see"]
)
_AGREEMENT = {"am": "are", "was": "were", "is": "are", "has": "have", "needs": "need", "wants": "want",
              "doesn't": "don't", "worries": "worry", "fears": "fear", "feels": "feel", "thinks": "think"}
_AGREEMENT_TO_I = {"are": "am", "were": "was"}


def to_second_person(text: str) -> str:
    """Restate the counterpart's line to them: "I need" -> "you need", "keep you" -> "keep me", "her" -> "your"."""
    tokens = re.findall(r"[A-Za-z']+|[^A-Za-z']+", text.replace("’", "'"))
    is_word = [t[0].isalpha() or t[0] == "'" for t in tokens]
    word_positions = [i for i, w in enumerate(is_word) if w]
    out = list(tokens)
    previous = ""  # the previous word, lower-cased, before swapping
    previous_out = ""  # the previous word as written out
    for n, i in enumerate(word_positions):
        low = tokens[i].lower()
        following = tokens[word_positions[n + 1]].lower() if n + 1 < len(word_positions) else ""
        if low == "you":
            subject = following in _SUBJECT_NEXT or previous in ("", "and", "but", "that", "so", "if", "when", "because")
            swapped = "I" if subject else "me"
        elif low in _TO_LISTENER:
            swapped = _TO_LISTENER[low]
        elif previous in ("i", "she", "he") and low in _AGREEMENT:
            swapped = _AGREEMENT[low]  # "I am" -> "you are", "she needs" -> "you need"
        elif previous_out == "I" and low in _AGREEMENT_TO_I:
            swapped = _AGREEMENT_TO_I[low]  # "you are" -> "I am"
        else:
            swapped = tokens[i]
        out[i] = swapped
        previous, previous_out = low, swapped
    result = "".join(out).strip().rstrip(".!")
    return result if result.startswith("I ") else result[:1].lower() + result[1:]


_ASK_LEAD = re.compile(
    r"^(?:please,?\s*|i need\s+|i want\s+|give me\s+|i'?d like\s+|can you\s+|could you\s+|would you\s+|"
    r"i'?m asking for\s+|let'?s\s+)+",
    re.IGNORECASE,
)


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


def _first_sentence(text: str, max_words: int = 28) -> str:
    sentence = re.split(r"(?<=[.!?])\s+", text.strip())[0]
    words_ = sentence.split()
    return " ".join(words_[:max_words]) + ("…" if len(words_) > max_words else "")


def summary_rewrite(disclosed: list[Disclosure], context: str) -> str:
    """A faithful summary from the last thing the counterpart actually disclosed (or their last line)."""
    sources = [d.text for d in disclosed if d.text.strip()][-1:] or ([context] if context else [])
    if not sources:
        return "So what I'm hearing is ... (restate their last point in their own words). Did I get that right?"
    return f"So what I'm hearing is that {to_second_person(_first_sentence(sources[0]))}. Did I get that right?"


def ask_rewrite(original: str, terms: tuple[str, ...], concern: ConcernInfo | None, context: str) -> str:
    """'I'm asking for <their terms>, which <ties to the concern they raised>.'"""
    stripped = _ASK_LEAD.sub("", original.strip().rstrip(".!?"))
    stripped = re.split(r",? (?:so|which|because|since|that way)\b", stripped, maxsplit=1)[0].strip()
    what = stripped if 0 < len(stripped.split()) <= 20 else (", ".join(terms) or "<what, how much, by when>")
    if concern is not None:
        tie = f"which answers what you told me: {to_second_person(concern.title)}"
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
