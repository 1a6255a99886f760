"""Rewrites a person would say: whole sentences built from the counterpart's own words, its concern titles, the
terms on the table and what the user was trying to do, never from spliced fragments of the user's turn.

Every rewrite is checked by the evaluator before it is offered: an open-question rewrite must read as an open
question, a summary as a faithful summary, an ask as a concrete, benefit-framed ask. A candidate that fails is
dropped (the next one is tried), so a suggestion never models a move our own rules would not credit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from functools import lru_cache

from simulator.personas import Issue, Persona
from simulator.transcript import ConcernInfo, Disclosure, Transcript

from .asks import check_ask
from .faithfulness import check_summary
from .labels import label_turn
from .text import content_stems, phrase_matches, sentences

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
    ["are", "were", "have", "had", "can", "could", "will", "would", "should", "need", "want", "know", "think", "said",
     "pay", "stay", "do", "did", "don't", "didn't", "keep", "get", "go", "come", "agree", "take", "make", "see"]
)
_AGREEMENT = {"am": "are", "was": "were", "is": "are", "has": "have", "needs": "need", "wants": "want",
              "doesn't": "don't", "hasn't": "haven't", "isn't": "aren't", "wasn't": "weren't", "worries": "worry",
              "fears": "fear", "feels": "feel", "thinks": "think", "found": "found", "knows": "know"}
_AGREEMENT_TO_I = {"are": "am", "were": "was"}
# "her" is an object, not a possessive, before these ("want her to sell", "tell her", "for her").
_AFTER_OBJECT = frozenset(["", "to", "and", "or", "in", "at", "on", "for", "with", "from", "about", "that"])


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
        elif low == "her" and following in _AFTER_OBJECT:
            swapped = "you"
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


# A concern title is either a clause ("Her costs have gone up") or a noun phrase ("Slow turnaround on requests").
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|hasn't|haven't|isn't|aren't|can't|won't|would|will|needs?|wants?|pays|"
    r"squeezes?|ties|ignores|found|arrive|disappeared|costs (?:him|her))\b",
    re.IGNORECASE,
)


def concern_phrase(concern: ConcernInfo) -> str:
    """A concern as they would hear it from us: "your concern that your costs have gone up" / "… about …"."""
    title = concern.title.strip().rstrip(".")
    said = to_second_person(title)
    first, *rest = title.lower().split()
    starts_question = first in ("who", "what", "how", "why", "when", "where")
    # "A spending cut she has to deliver": a pronoun after the start begins a relative clause inside a noun phrase.
    subject_first = first in ("she", "he", "they", "i", "you", "we")
    relative = not subject_first and any(w in ("she", "he", "they", "i", "you", "we", "that", "which") for w in rest)
    if _FINITE.search(title) and not starts_question and not relative:
        return f"your concern that {said}"
    return f"your concern about {said}"


def _ok(text: str, move: str, context: str, disclosed: Sequence[Disclosure] = (),
        concerns: Sequence[ConcernInfo] = ()) -> bool:
    """Does our own evaluator read `text` as the move it is meant to model?"""
    label = label_turn(text, context)
    if move == "open_question":
        return "open_question" in label.moves and not label.is_ask and not label.pressure
    if move == "summary":
        if "summary" not in label.moves:
            return False
        return check_summary(text, list(disclosed), context).faithful
    if move == "benefit_ask":
        ask = check_ask(text, list(concerns))
        return "benefit_ask" in label.moves and ask.concrete and ask.benefit and not label.pressure
    raise ValueError(f"no check for move {move!r}")


# A second judge of a candidate: does the live reading (the one the coach and the counterpart use) see the move?
Also = Callable[[str, str], bool]


def first_passing(candidates: Sequence[str], move: str, context: str, disclosed: Sequence[Disclosure] = (),
                  concerns: Sequence[ConcernInfo] = (), also: Also | None = None) -> str | None:
    """The first candidate the evaluator labels as `move` (and, for summaries, faithful), else None."""
    for text in candidates:
        if text and _ok(text, move, context, disclosed, concerns) and (also is None or also(text, move)):
            return text
    return None


@lru_cache(maxsize=32)
def _builtin_persona(persona_id: str) -> Persona | None:
    from simulator.personas import load_persona_file
    from simulator.settings import BUILTIN_PERSONA_DIR

    path = BUILTIN_PERSONA_DIR / f"{persona_id}.yaml"
    try:
        return load_persona_file(path) if path.is_file() else None
    except Exception:  # an unreadable persona file only means the live reading cannot double-check
        return None


def persona_of(transcript: Transcript) -> Persona | None:
    """The built-in persona a transcript was rehearsed with, when it is one and its concerns still match."""
    persona = _builtin_persona(transcript.persona_id) if transcript.persona_id else None
    if persona is None or {c.id for c in persona.concerns} != {c.id for c in transcript.concerns}:
        return None
    return persona


def concern_terms(transcript: Transcript) -> dict[str, set[str]]:
    """Concern id -> the issues whose terms answer it (the persona's `answered_by_terms`), when known."""
    persona = persona_of(transcript)
    if persona is None:
        return {}
    return {c.id: {rule.split()[0] for rule in c.answered_by_terms if rule.split()} for c in persona.concerns}


def live_reader(transcript: Transcript) -> Callable[[int, str, str], bool] | None:
    """For a rehearsal with a built-in persona: (position in the turns, text, move) -> does the live reading
    (`simulator.reading.read_turn`, what the coach would say if the user typed it there) see that move?"""
    persona = persona_of(transcript)
    if persona is None:
        return None
    from simulator import ledger as L
    from simulator.reading import read_turn

    def reads(at: int, text: str, move: str) -> bool:
        history = [t.model_dump() for t in transcript.turns[:at]]
        reading = read_turn(persona, L.new_ledger(persona), text, history)
        if move not in reading.get("moves", []):
            return False
        if move == "summary":
            return bool((reading.get("summary") or {}).get("faithful"))
        return not (move == "benefit_ask" and reading.get("bare_ask"))

    return reads


def topic_of(text: str, concerns: Sequence[ConcernInfo], issues: Sequence[Issue]) -> ConcernInfo | Issue | None:
    """Which of their concerns, or which term on the table, a turn is about (by their keywords), if any."""
    stems = content_stems(text)
    for concern in concerns:
        if any(phrase_matches(k, stems) for k in concern.keywords if k.strip()):
            return concern
    for issue in issues:
        if any(phrase_matches(k, stems) for k in [issue.label, *issue.keywords] if k.strip()):
            return issue
    return None


_LABEL_VERB = re.compile(r"\b(?:stays|starts|pays|paid|has|is|confirmed|only|no)\b", re.IGNORECASE)


def issue_topic(issue: Issue) -> str:
    """A term on the table as the subject of a sentence: "the monthly rent", "the display advertising" (from
    "Display advertising stays in scope"), "the final say on technical decisions" (from "Lena has final say …")."""
    label = issue.label.strip()
    m = _LABEL_VERB.search(label)
    head = label[: m.start()].strip() if m else label
    if m and m.group(0).lower() != "only" and len(head.split()) <= 1:  # "Bakery pays for hood cleaning": what follows
        head = re.sub(r"^(?:for|on|to|in|of)\s+", "", label[m.end() :].strip(), flags=re.IGNORECASE)
    if not head:
        return "this term"
    if re.search(r"\b(?:her|his|she|he|him)\b", head, re.IGNORECASE):
        head = to_second_person(head)  # "Her party wall surveyor …" -> "your party wall surveyor …"
        return head if head.startswith("your") else "the " + head
    if re.match(r"[A-Z][a-z]+'s\b", head):
        return head  # "Lena's share of the founder equity"
    return "the " + head[:1].lower() + head[1:]


def open_rewrite(original: str, context: str, concerns: Sequence[ConcernInfo], issues: Sequence[Issue],
                 known: Collection[str] = (), also: Also | None = None) -> str | None:
    """An open question on what the closed one was about: their concern (`known`: raised by then) or the term."""
    topic = topic_of(original, concerns, issues)
    candidates: list[str] = []
    if isinstance(topic, ConcernInfo):
        if topic.id in known:
            phrase = concern_phrase(topic).replace("your concern that ", "how ", 1).replace("your concern about ", "", 1)
            candidates.append(f"Can you tell me more about {phrase}?")
        if topic.opened_by:
            candidates.append(topic.opened_by)
    elif isinstance(topic, Issue):
        candidates.append(f"What matters most to you about {issue_topic(topic)}?")
    candidates += ["What would a good outcome look like for you here?", "What's most important to you in this?"]
    return first_passing(candidates, "open_question", context, also=also)


# Their sentences worth playing back: about them or the situation, not addressed to us, not a pleasantry.
_ADDRESSES_US = re.compile(r"\b(?:you|your|you're|you've|you'd|you'll|yours)\b", re.IGNORECASE)
_PLEASANTRY = re.compile(r"^(?:well|so|honestly|between you and me|you might as well know)\b[^.?!]*$", re.IGNORECASE)
# A sentence that leans on the one before ("It needs replacing…", "That's how it is.") means nothing on its own.
_LEANS_BACK = re.compile(r"^(?:it|it's|that|that's|this|these|those|they|they're|them|there|and|but|also|so)\b",
                         re.IGNORECASE)


def _playback_sentences(disclosed: Sequence[Disclosure], limit: int = 6) -> list[str]:
    """Up to `limit` sentences the counterpart disclosed, most recent first, fit to restate."""
    found: list[str] = []
    for d in reversed(disclosed):
        if len(found) >= limit:
            break
        for s in sentences(d.text):
            plain = s.strip().rstrip(".!")
            n = len(plain.split())
            if (s.endswith("?") or not 5 <= n <= 26 or _ADDRESSES_US.search(plain) or _PLEASANTRY.match(plain)
                    or _LEANS_BACK.match(plain)):
                continue
            if len(content_stems(plain)) >= 3 and plain not in found:
                found.append(plain)
    return found


def summary_rewrite(disclosed: Sequence[Disclosure], context: str, also: Also | None = None) -> str | None:
    """"So what I'm hearing is that <their own sentence, said back to them>. Is that right?" (checked faithful)."""
    candidates = [f"So what I'm hearing is that {to_second_person(s)}. Is that right?"
                  for s in _playback_sentences(disclosed)]
    return first_passing(candidates, "summary", context, disclosed, also=also)


def ask_rewrite(terms: str, concern: ConcernInfo | None, context: str, concerns: Sequence[ConcernInfo],
                also: Also | None = None) -> str | None:
    """"I'm asking for <the terms they named>, which helps with <a concern they raised>." (checked benefit-framed)."""
    if not terms:
        return None
    candidates = []
    if concern is not None:
        candidates.append(f"I'm asking for {terms}, which helps with {concern_phrase(concern)}.")
    candidates.append(f"I'm asking for {terms}, which gives you a deal you can plan around.")
    return first_passing(candidates, "benefit_ask", context, concerns=concerns, also=also)


def concern_rewrite(concern: ConcernInfo, context: str, also: Also | None = None) -> str | None:
    """The question that would have opened a concern they never raised (the persona's own question first)."""
    candidates = [concern.opened_by] if concern.opened_by else []
    if not _FINITE.search(concern.title):
        candidates.append(f"What worries you most about {to_second_person(concern.title.rstrip('.'))}?")
    candidates.append("What else is on your mind about this?")
    return first_passing(candidates, "open_question", context, also=also)


def alignment_rewrite(subject: str, context: str, also: Also | None = None) -> str | None:
    """Bring the conversation to what the prep said the problem is: an open question on that subject."""
    candidates = [f"How could we sort out {subject} in a way that works for you?",
                  f"What would you need from me on {subject}?"]
    return first_passing(candidates, "open_question", context, also=also)


# Terms said the way a person says them: "$4.10 a pound", "12-month term", "by March", "15%". Anything else the
# term finder picked out of the user's turn ("12 pre", "10 is") is not repeated back to them.
_CLEAN_TERM = re.compile(
    r"^(?:[$£€]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:k|an hour|per \w+|a (?:pound|kilo|month|year|week|day|hour|unit)))?"
    r"|\d[\d,]*(?:\.\d+)?\s?(?:%|percent|k)"
    r"|\d+[- ](?:day|week|month|year)s?(?:[- ](?:term|contract|lease|deal|trial|notice))?"
    r"|net[- ]?\d+"
    r"|(?:by|before|until|from|starting|in) (?:the end of )?[a-z]+)$"
)


def terms_in_words(terms: dict[str, float] | None, issues: Sequence[Issue], found: Sequence[str]) -> str:
    """The ask's terms as a person says them: the issues' own phrasing, else the clean terms the turn named."""
    if terms and issues:
        from simulator.offers import describe_terms  # the one way the product says terms aloud

        return describe_terms(issues, terms)
    clean = [t for t in found if _CLEAN_TERM.match(t)]
    if not clean:
        return ""
    return ", ".join(clean[:-1]) + " and " + clean[-1] if len(clean) > 1 else clean[0]
