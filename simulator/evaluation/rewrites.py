"""Rewrites a person would say: whole sentences built from the counterpart's own words, its concern titles, the
terms on the table and what the user was trying to do, never from spliced fragments of the user's turn.

Every rewrite is checked by the evaluator before it is offered: an open-question rewrite must read as an open
question, a summary as a faithful summary, an ask as a concrete, benefit-framed ask. A candidate that fails is
dropped (the next one is tried), so a suggestion never models a move our own rules would not credit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from functools import lru_cache

from simulator.personas import Issue, Persona
from simulator.transcript import ConcernInfo, Disclosure, Transcript, Turn

from .asks import check_ask
from .faithfulness import check_summary
from .labels import label_turn
from .text import SMALL_NUMBERS, content_stems, phrase_matches, sentences

# Speaker swap for restating their words to them: their "I" is "you" to us, and their "you" (us) is "I"/"me".
_TO_LISTENER = {
    "i": "you",
    "i'm": "you're",
    "i've": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "we": "you",
    "we're": "you're",
    "we've": "you've",
    "we'd": "you'd",
    "we'll": "you'll",
    "us": "you",
    "our": "your",
    "ours": "yours",
    "ourselves": "yourselves",
    "you're": "I'm",
    "you've": "I've",
    "you'd": "I'd",
    "you'll": "I'll",
    "your": "my",
    "yours": "mine",
    "yourself": "myself",
    # Concern titles are written about the counterpart ("Her costs have gone up"): those become "your".
    "she": "you",
    "he": "you",
    "her": "your",
    "his": "your",
    "him": "you",
    "she's": "you're",
    "he's": "you're",
}
_SUBJECT_NEXT = frozenset(
    [
        "are",
        "were",
        "have",
        "had",
        "can",
        "could",
        "will",
        "would",
        "should",
        "need",
        "want",
        "know",
        "think",
        "said",
        "pay",
        "stay",
        "do",
        "did",
        "don't",
        "didn't",
        "keep",
        "get",
        "go",
        "come",
        "agree",
        "take",
        "make",
        "see",
        "say",
        "tell",
        "told",
        "sent",
        "send",
        "ask",
        "asked",
        "can't",
        "won't",
        "wouldn't",
        "couldn't",
        "haven't",
        "hadn't",
        "aren't",
        "weren't",
        "might",
        "may",
        "must",
        "also",
        "just",
        "never",
        "always",
        "still",
        "really",
        "only",
        "already",
        "promised",
        "moved",
        "started",
        "put",
        "gave",
        "give",
        "offer",
        "offered",
        "expect",
        "mean",
        "meant",
        "hear",
        "heard",
        "feel",
        "felt",
        "look",
        "seem",
        "own",
        "run",
        "work",
        "worked",
        "came",
    ]
)
# After these, "you" starts a clause: "since you moved in", "what you say", "than you'd think".
_CLAUSE_START = frozenset(
    [
        "",
        "and",
        "but",
        "that",
        "so",
        "if",
        "when",
        "because",
        "since",
        "until",
        "after",
        "before",
        "while",
        "once",
        "unless",
        "what",
        "how",
        "why",
        "where",
        "who",
        "than",
        "as",
        "or",
    ]
)
_AGREEMENT = {
    "am": "are",
    "was": "were",
    "is": "are",
    "has": "have",
    "needs": "need",
    "wants": "want",
    "doesn't": "don't",
    "hasn't": "haven't",
    "isn't": "aren't",
    "wasn't": "weren't",
    "worries": "worry",
    "fears": "fear",
    "feels": "feel",
    "thinks": "think",
    "found": "found",
    "knows": "know",
}
_AGREEMENT_TO_I = {"are": "am", "were": "was"}
# "her" is an object, not a possessive, before these ("want her to sell", "tell her", "for her").
_AFTER_OBJECT = frozenset(["", "to", "and", "or", "in", "at", "on", "for", "with", "from", "about", "that"])


_THIRD_PERSON = frozenset(["she", "he", "her", "his", "him", "she's", "he's"])


def to_second_person(text: str, titles: bool = True) -> str:
    """Restate the counterpart's line to them: "I need" -> "you need", "keep you" -> "keep me", "her" -> "your".
    `titles`: the text is a concern title written about them, so "she"/"he" is them too; in their own speech
    ("until he died") a third person is someone else and stays as said."""
    tokens = re.findall(r"[A-Za-z']+|[^A-Za-z']+", text.replace("’", "'"))
    is_word = [t[0].isalpha() or t[0] == "'" for t in tokens]
    word_positions = [i for i, w in enumerate(is_word) if w]
    out = list(tokens)
    previous = ""  # the previous word, lower-cased, before swapping
    previous_out = ""  # the previous word as written out
    for n, i in enumerate(word_positions):
        low = tokens[i].lower()
        following = tokens[word_positions[n + 1]].lower() if n + 1 < len(word_positions) else ""
        if not titles and low in _THIRD_PERSON:
            swapped = tokens[i]
        elif low == "you":
            subject = (
                following in _SUBJECT_NEXT
                or previous in _CLAUSE_START
                or (following.endswith("ed") and following not in ("need", "feed", "seed"))
            )
            swapped = (
                "I" if subject and not following.endswith("ing") else "me"
            )  # "you agreeing": "me agreeing"
        elif low == "her" and following in _AFTER_OBJECT:
            swapped = "you"
        elif low in _TO_LISTENER:
            swapped = _TO_LISTENER[low]
        elif (previous == "i" or (titles and previous in ("she", "he"))) and low in _AGREEMENT:
            swapped = _AGREEMENT[low]  # "I am" -> "you are", "she needs" -> "you need"
        elif previous_out == "I" and low in _AGREEMENT_TO_I:
            swapped = _AGREEMENT_TO_I[low]  # "you are" -> "I am"
        else:
            swapped = tokens[i]
        out[i] = swapped
        previous, previous_out = low, swapped
    result = "".join(out).strip().rstrip(".!")
    return result if re.match(r"I\b", result) else result[:1].lower() + result[1:]


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
    relative = not subject_first and any(
        w in ("she", "he", "they", "i", "you", "we", "that", "which") for w in rest
    )
    if _FINITE.search(title) and not starts_question and not relative:
        return f"your concern that {said}"
    return f"your concern about {said}"


def _ok(
    text: str,
    move: str,
    context: str,
    disclosed: Sequence[Disclosure] = (),
    concerns: Sequence[ConcernInfo] = (),
) -> bool:
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


def first_passing(
    candidates: Sequence[str],
    move: str,
    context: str,
    disclosed: Sequence[Disclosure] = (),
    concerns: Sequence[ConcernInfo] = (),
    also: Also | None = None,
) -> str | None:
    """The first candidate the evaluator labels as `move` (and, for summaries, faithful), else None."""
    for text in candidates:
        if text and _ok(text, move, context, disclosed, concerns) and (also is None or also(text, move)):
            return text
    return None


_REHEARSED: dict[str, Persona] = {}


def know_persona(persona: Persona) -> None:
    """The persona a rehearsal ran with, handed over by the graph's debrief so it is not parsed again from YAML
    (a fifth of a second per persona on the first scorecard)."""
    _REHEARSED[persona.id] = persona


@lru_cache(maxsize=32)
def _builtin_file_persona(persona_id: str) -> Persona | None:
    from simulator.personas import load_persona_file
    from simulator.settings import BUILTIN_PERSONA_DIR

    path = BUILTIN_PERSONA_DIR / f"{persona_id}.yaml"
    try:
        return load_persona_file(path) if path.is_file() else None
    except Exception:  # an unreadable persona file only means the live reading cannot double-check
        return None


def _builtin_persona(persona_id: str) -> Persona | None:
    from simulator.settings import BUILTIN_PERSONA_DIR

    if persona_id in _REHEARSED and (BUILTIN_PERSONA_DIR / f"{persona_id}.yaml").is_file():
        return _REHEARSED[persona_id]
    return _builtin_file_persona(persona_id)


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


def concern_rules(transcript: Transcript) -> dict[str, list[str]]:
    """Concern id -> the persona's `answered_by_terms` rules ("base_salary >= 158000"), when known."""
    persona = persona_of(transcript)
    if persona is None:
        return {}
    return {c.id: list(c.answered_by_terms) for c in persona.concerns}


def answers_concern(rules: Sequence[str], terms: dict[str, float]) -> set[str]:
    """The issues among `terms` whose values answer a concern by its rules (a rule with no bound: any value)."""
    from simulator.deal import TERM_PATTERN, term_holds

    found = set()
    for rule in rules:
        match = TERM_PATTERN.fullmatch(rule.strip())
        issue = match.group(1) if match else (rule.split() or [""])[0]
        if issue in terms and (match is None or term_holds(rule, terms)):
            found.add(issue)
    return found


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


def topic_of(
    text: str, concerns: Sequence[ConcernInfo], issues: Sequence[Issue]
) -> ConcernInfo | Issue | None:
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
    if (
        m and m.group(0).lower() != "only" and len(head.split()) <= 1
    ):  # "Bakery pays for hood cleaning": what follows
        head = re.sub(r"^(?:for|on|to|in|of)\s+", "", label[m.end() :].strip(), flags=re.IGNORECASE)
    if not head:
        return "this term"
    if re.search(r"\b(?:her|his|she|he|him)\b", head, re.IGNORECASE):
        head = to_second_person(head)  # "Her party wall surveyor …" -> "your party wall surveyor …"
        return head if head.startswith("your") else "the " + head
    if re.match(r"[A-Z][a-z]+'s\b", head):
        return head  # "Lena's share of the founder equity"
    return "the " + head[:1].lower() + head[1:]


# ---------------------------------------------------------------------------------------------------------------
# What the counterpart just said: every rewrite responds to their latest line, in their words.

# Openers people put before the point ("Since you're listening, I took a loan …"): dropped when it is played back.
_LEAD_IN = re.compile(
    r"^(?:well|so|look|honestly|okay|ok|fine|right|sure|yes|no|and|but|also|"
    r"frankly|straight answer|now that you ask|since you ask(?:ed)?|"
    r"since you(?:'re| are) (?:asking|listening)(?: (?:directly|properly|nicely|politely))?|between you and me|you might as well know|"
    r"to be honest|the truth is|i'll be honest|the (?:honest|short|full|fuller|long) (?:version|answer|picture)|let me be straight with you|here's the (?:thing|issue)|"
    r"i've told you already|as i said|like i said|if i'm (?:being )?honest(?: with you)?|to tell you the truth)\b[,:;.!]?\s*",
    re.IGNORECASE,
)
# Lines that carry no point of their own: tags, courtesies and rhetorical asides.
_FILLER = re.compile(
    r"^(?:i hope\b|that's (?:the (?:reality|honest version|truth)|where i'm coming from|been sitting|how it is|all)|"
    r"i'm not saying\b|thanks?\b|thank you\b|you know\b|you've got it|you see\b|that's a fair|fair enough|"
    r"good (?:of you|question)|come in|hello|hi\b|mind the|i've put the kettle|shoes off|we'll see|noted)",
    re.IGNORECASE,
)
# A sentence that leans on the one before it means nothing on its own ("Two of them came after …", "It needs …").
_LEANS_ON_PREVIOUS = re.compile(
    r"^(?:it|it's|that's|this's|they|they're|them|there|which|both|neither|half of them|"
    r"(?:one|two|three|some|most|all|none|each) of (?:them|those|these)|the rest|and|but|also|so|"
    # "That is how it goes" leans back; "That wall will take the sun" does not.
    r"(?:that|this|these|those) (?:is|are|was|were|will|would|means|meant|makes|made|has|have|had|does|do|did|"
    r"doesn't|don't|didn't|isn't|aren't|wasn't|can|can't|could|should|must|might|needs|sounds|seems|feels|helps|"
    r"way|one|much|many|part|kind|sort|bit|alone|too|again))\b",
    re.IGNORECASE,
)
# Their question that only invites us to start is no question to answer ("What's on your mind?").
_INVITATION = re.compile(
    r"what's on your mind|where (?:would|do) you (?:like|want) to (?:start|begin)|what can i do for you|"
    r"what did you want to (?:talk|discuss)|how can i help|what brings you|shall we (?:start|begin)|"
    r"\bgo on\b|\bso,? go\b|you wanted to talk|over to you|what would you like to|\btry (?:again|me)\b|"
    r"\bcarry on\b|\bask me\b|let's (?:start|begin|hear it)|\bi'm listening\b|\bkeep going\b",
    re.IGNORECASE,
)
_PLEASANTRY = re.compile(
    r"^(?:well|so|honestly|between you and me|you might as well know)\b[^.?!]*$", re.IGNORECASE
)
# "Since you did, …", "Since you seem to want to know, …": a lead-in about us, not their point.
_SINCE_YOU = re.compile(r"^(?:since|now that) you\b[^,.:;]{0,40}[,:]\s*", re.IGNORECASE)
# An instruction to us ("Put together one page: …", "Ask me …") is no point of theirs to play back.
_IMPERATIVE = re.compile(
    r"^(?:put|ask|send|tell|let|give|try|go|come|show|make|bring|write|call|keep|take|get|"
    r"don't|do|stop|start|think|remember|have a|sit)\b",
    re.IGNORECASE,
)
POINT_WORDS = 45
# "until he died": someone named in an earlier sentence ("My husband planted those roses").
_THIRD_PRONOUN = re.compile(r"\b(?:he|him|his|she|her|hers|then)\b", re.IGNORECASE)
# A point is a clause, not a bare answer ("About twenty wholesale accounts, mostly cafés and two restaurants").
_CLAUSE = re.compile(
    r"n't\b|\b(?:i|you|we|they|he|she|it|there|that|this)\b(?:'[a-z]+)? \w+|\b(?:is|are|was|were|am|has|have|had|do|does|"
    r"did|can|could|will|would|should|must|might|need|needs|want|wants|means|takes|makes|goes|comes|costs|hurts|"
    r"works|matters|pays|sends|gets|keeps|leaves|covers|runs|sits|feels|seems|looks|[a-z]{3,}ed)\b",
    re.IGNORECASE,
)
# "That wall will take the sun": said back as "the wall …" ("that that wall" otherwise).
_DETERMINER_START = re.compile(
    r"^(?:that|this|those|these) (?=[a-z])", re.IGNORECASE
)  # a playback longer than this is a speech, not a summary


# A hedge on their own feeling ("and that bothers me more than it should"): said back, it tells them the feeling is
# too much, so it is left out.
_SELF_HEDGE = re.compile(
    r",?\s*(?:more than it should|if i'm (?:being )?honest|to be honest|i suppose|i guess)(?=[.!]?$)",
    re.IGNORECASE,
)


def _clean(sentence: str) -> str:
    text = sentence.strip().replace("’", "'")
    head, colon, tail = text.partition(":")
    if (
        colon
        and tail.strip()
        and (_LEAD_IN.match(head.strip() + " ") or _SINCE_YOU.match(head.strip() + ","))
    ):
        text = tail.strip()  # "Since you're asking directly: salaries don't move …"
    for _ in range(3):
        stripped = _SINCE_YOU.sub("", _LEAD_IN.sub("", text, count=1).strip(), count=1).strip()
        if stripped == text:
            break
        text = stripped
    text = _SELF_HEDGE.sub("", text)
    return text[:1].upper() + text[1:] if text else ""


def _statements(line: str) -> Iterator[tuple[str, set[str], bool]]:
    """Each of their sentences that is not a question, cleaned, with its content stems and whether it can carry a
    point at all (not a courtesy, a tag or an instruction)."""
    for s in sentences(line):
        if s.rstrip().endswith("?"):
            continue
        plain = _clean(s).rstrip(".!;: ")
        can = not (_FILLER.match(plain) or _PLEASANTRY.match(plain) or _IMPERATIVE.match(plain))
        yield plain, content_stems(plain), can


def _says(stems: set[str], said: set[str]) -> bool:
    """A sentence says what was disclosed: it shares two of its content words with it (or all, when it has one)."""
    return len(stems & said) >= min(2, len(stems))


def _point_sentences(line: str, disclosed: Sequence[str] | None = None) -> list[str]:
    """Their sentences that carry a point: statements, not questions, courtesies or tags, in order. With
    `disclosed` (what the line disclosed), only the sentences that say it: not asides about the meeting."""
    said = set().union(*(content_stems(d) for d in disclosed)) if disclosed else set()
    found = []
    for plain, stems, can in _statements(line):
        if not can or len(plain.split()) < 4 or len(stems) < 2 or not _CLAUSE.search(plain):
            continue
        if disclosed is not None and not _says(stems, said):
            continue
        found.append(plain)
    return found


def latest_point(
    line: str, limit: int = POINT_WORDS, short: bool = False, disclosed: Sequence[str] | None = None
) -> list[str]:
    """The last point in their line, with the sentences it leans on: "You sent 4 change orders in the last 2
    months." + "Two of them came after …". `short`: one sentence is enough unless it leans back. `disclosed`:
    only what the line disclosed counts as a point (an empty list: the line has none)."""
    if disclosed is not None and not disclosed:
        return []
    found = _point_sentences(line, disclosed)
    if not found:
        return []
    window = [found[-1]]
    k = len(found) - 1
    while k > 0:
        size = sum(len(s.split()) for s in window)
        leans = bool(_LEANS_ON_PREVIOUS.match(window[0]) or _THIRD_PRONOUN.search(window[0]))
        if not leans and (short or size >= 12):
            break
        if size + len(found[k - 1].split()) > limit:
            break
        k -= 1
        window.insert(0, found[k])
    if _LEANS_ON_PREVIOUS.match(window[0]) or sum(len(s.split()) for s in window) > limit:
        return []  # still hangs on something said earlier, or too long to play back
    return window


def best_sentence(point: Sequence[str], limit: int = 30, near: str = "") -> list[str]:
    """The one sentence of a point worth following up: the one that stands on its own with the most in it (the
    most words shared with `near`, when given), else the whole point when it is short."""
    alone = [s for s in point if not _LEANS_ON_PREVIOUS.match(s) and len(s.split()) <= limit]
    if alone:
        near_stems = content_stems(near) if near else set()
        return [
            max(reversed(alone), key=lambda s: (len(content_stems(s) & near_stems), len(content_stems(s))))
        ]
    return list(point) if point and sum(len(s.split()) for s in point) <= limit else []


_FIRST_TO_COMPANY = {
    "i": "we",
    "me": "us",
    "my": "our",
    "mine": "ours",
    "i'm": "we're",
    "i've": "we've",
    "i'd": "we'd",
    "i'll": "we'll",
    "am": "are",
    "was": "were",
}


def _as_company(said: str) -> str:
    """A line said to us as a company ("you're a small account for us") played back: "we", not "I"."""
    out = re.sub(
        r"\b(?:I'm|I've|I'd|I'll|I|me|my|mine)\b", lambda m: _FIRST_TO_COMPANY[m.group(0).lower()], said
    )
    out = re.sub(r"\bwe (am|was)\b", lambda m: "we " + _FIRST_TO_COMPANY[m.group(1)], out)
    return out


def said_back(point: Sequence[str], joined: bool = False) -> str:
    """Their sentences restated to them: person-swapped, the first lower-case to follow "that", the rest whole
    (`joined`: two sentences as one, "… anything, and you found out …")."""
    parts = [to_second_person(_DETERMINER_START.sub("the ", s, count=1), titles=False) for s in point]
    # "the team you say you're going to build": their doubt is not ours to say back about ourselves
    parts = [re.sub(r"\bI say (?=I'm\b|I am\b|I'll\b|I will\b|I can\b)", "", p) for p in parts]
    if any(re.search(r"\b(?:us|our|ours)\b", s, re.IGNORECASE) for s in point):
        parts = [
            _as_company(p) for p in parts
        ]  # "you're a small account for us": we're a small account for you
    if joined and len(parts) == 2:
        second = parts[1] if re.match(r"I\b", parts[1]) else parts[1][:1].lower() + parts[1][1:]
        return f"{parts[0]}, and {second}"
    rest = [p[:1].upper() + p[1:] for p in parts[1:]]
    return ". ".join([parts[0], *rest]) if parts else ""


# A question put as a statement ("Help me see why I would.", "I'd like to understand what the office expectation
# is."): it is answered, not met with a question or played back.
_WANTS_FROM_US = re.compile(
    r"^(?:so,? |then,? |just )?(?:help me (?:see|understand)|convince me|tell me (?:why|how|what)|give me (?:a|one) reason|"
    r"explain (?:to me )?(?:why|how|what)|i'd (?:like|love) to (?:understand|know)|i (?:want|need) to (?:understand|know))\b",
    re.IGNORECASE,
)


def asks_us(line: str) -> bool:
    """Their line ends on a real question to us ("Why do you ask?", "Help me see why I would."), not an invitation to
    start."""
    said = sentences(line)
    if not said:
        return False
    last = _clean(said[-1])
    return (said[-1].rstrip().endswith("?") or bool(_WANTS_FROM_US.match(last))) and not _INVITATION.search(
        said[-1]
    )


def point_of(turn: Turn | None, short: bool = False, limit: int = POINT_WORDS) -> list[str]:
    """The latest point their turn disclosed, in their sentences (none when it disclosed nothing)."""
    if turn is None:
        return []
    return latest_point(turn.text, limit, short, disclosed=[d.text for d in turn.disclosures])


def lead_point(turn: Turn | None, limit: int = 36) -> list[str]:
    """What their turn's disclosures lead with, in their sentences: the first sentence that says it and the
    one after when both are short ("Nobody asked me anything. I found out from a planning notice…"). People put
    the point first and the colour after ("… The couple in flat 2 have a newborn."): playing back the colour
    misses the point."""
    if turn is None or not turn.disclosures:
        return []
    said = set().union(*(content_stems(d.text) for d in turn.disclosures))
    found: list[str] = []
    for plain, stems, can in _statements(turn.text):
        if not can or len(plain.split()) < 3 or not stems or not _says(stems, said):
            if found:
                break  # the point is the run of sentences that say it
            continue
        found.append(plain)
    if not found or _LEANS_ON_PREVIOUS.match(found[0]) or len(found[0].split()) > 26:
        return []
    if (
        len(found) > 1
        and len(found[0].split()) + len(found[1].split()) <= limit
        and len(found[1].split()) >= 6
        and not _THIRD_PRONOUN.search(found[1])
    ):  # (not a short aside: "I've looked at the drawings")
        return found[:2]
    return found[:1]


def is_opening(turn: Turn | None, first: bool = False) -> bool:
    """Their line leaves the floor to us: a greeting, an invitation, small talk (it disclosed nothing, named no
    terms and asked us nothing). `first`: it was their first line."""
    if turn is None:
        return True
    if asks_us(turn.text) or _ASK_ME.search(turn.text):
        return (
            False  # a question of theirs to answer, or they named what they want to be asked ("ask me why …")
        )
    if first:
        return True  # their greeting, whatever position it states ("So, the lawyer's draft.")
    return not (turn.disclosures or turn.terms) and bool(_INVITATION.search(turn.text))


def engages(text: str, line: str, least: int = 3) -> bool:
    """The user's turn already takes up what they just said (shares `least` of its content words)."""
    return len(content_stems(text) & content_stems(line)) >= least


def fix_articles(text: str) -> str:
    """ "a $18,000 bonus" -> "an $18,000 bonus" (eighteen, eleven and eight-anything start with a vowel sound)."""
    out = []
    for m in re.finditer(r"\b([Aa]) ([$£€]?)(\d[\d,]*(?:\.\d+)?)", text):
        digits = m.group(3).split(",")[0].split(".")[0]
        vowel = digits.startswith("8") or digits in ("11", "18")
        out.append((m.start(1), m.end(1), ("An" if m.group(1) == "A" else "an") if vowel else m.group(1)))
    for a, b, word in reversed(out):
        text = text[:a] + word + text[b:]
    return text


# Their line told us off ("That's out of line", "Try again, politely"): a rewrite starts with a short repair.
_REBUKE = re.compile(
    r"out of line|try again,? politely|don't talk to me like that|(?:we|people) don't talk to each other like that|"
    r"that's not acceptable|not how i like to do business|let's start again|i'm going to stop you there|"
    r"watch your tone|no need to be rude|there's no need for that|uncalled for|that's rude|i won't be spoken to|"
    r"mind your (?:tone|language|manners)|less of (?:that|the attitude)|don't speak to me|(?:ignore|don't like) that tone|didn't expect that from you|"
    r"i don't take threats|ask me a proper question|threats aren't how|(?:i|we) don't do threats|"
    r"i don't think that was (?:necessary|called for)|that was(?:n't| not) (?:necessary|called for)|"
    r"keep this professional",
    re.IGNORECASE,
)
REPAIR = "Sorry, that came out wrong."
_APOLOGY = re.compile(r"\b(?:sorry|apologi[sz]e|my apologies|my bad|that's on (?:me|us))\b", re.IGNORECASE)
# Grief and hardship are acknowledged, never read back with "Is that right?".
_HARDSHIP = re.compile(
    r"\b(?:died|dies|death|dead|passed away|funeral|widow\w*|cancer|chemo|hospital|hospice|grie\w*|bereave\w*|"
    r"miscarriage|divorce\w*|fell behind on|fall behind on|bankrupt\w*|lost (?:the whole|everything|all of it)|lost my (?:husband|wife|son|daughter|mother|father|mum|dad|job|partner))\b",
    re.IGNORECASE,
)
ACKNOWLEDGE = "That sounds really hard."
_FAMILY = re.compile(
    r"\b(?:husband|wife|son|daughter|mother|father|mum|dad|partner|brother|sister)\b", re.IGNORECASE
)


def rebuked(turn: Turn | None) -> bool:
    """Their latest line told us off: whatever comes next starts by repairing it."""
    return turn is not None and bool(_REBUKE.search(turn.text))


def repaired(candidates: Sequence[str], latest: Turn | None, original: str = "") -> list[str]:
    """After a rebuke every candidate opens with a short apology; an apology the original made is kept ("Sorry
    about that."); a candidate with an apology in it already is kept as it is."""
    if rebuked(latest):
        head = REPAIR
    elif original and _OWN_APOLOGY.search(original):
        head = "Sorry about that."
    else:
        return list(candidates)
    return [c if _APOLOGY.search(c) else f"{head} {c}" for c in candidates]


# The user apologised for their own conduct ("my bad", "sorry, that's on us"), not "sorry, random question" or
# sympathy ("that's awful, I'm sorry"): a rewrite keeps that apology.
_OWN_APOLOGY = re.compile(
    r"\b(?:my bad|(?:that's|thats|that one's|that was) (?:on (?:me|us)|out of line|uncalled for|rude)|"
    r"sorry,? (?:about|for) (?:that|this|the)|i apologi[sz]e|sorry,? i (?:was|shouldn't|didn't mean)|"
    r"(?:fair|ok|okay|right)\W+sorry\b)",
    re.IGNORECASE,
)


# The user owned something ("we should have come round a long time ago", "sorry, that one's on me"): a turn that
# does this keeps its own value; a question in its place would drop the apology.
_OWNS_UP = re.compile(
    r"\b(?:(?:i|we) should(?:'ve| have)|(?:that|it)(?:'s| one's| was|s) on (?:me|us)|my bad|"
    r"i wish (?:we|i)(?:'d|d| had)|i apologi[sz]e)\b",
    re.IGNORECASE,
)
_SORRY = re.compile(r"\b(?:i'm|im|we're|were) (?:really |so |very )?sorry\b", re.IGNORECASE)
# "That's awful, I'm sorry": sympathy for what happened to them, not an apology for our side's conduct.
_SYMPATHY = re.compile(r"\b(?:awful|terrible|horrible|sad|rough|sorry (?:to hear|for your))\b", re.IGNORECASE)


def owns_up(text: str) -> bool:
    """The user apologised for, or owned, their own side's conduct (not sympathy: "that's awful, I'm sorry")."""
    return bool(_OWNS_UP.search(text) or (_SORRY.search(text) and not _SYMPATHY.search(text)))


# Their line confirms what the user just said back ("You've got it.", "Yes, that's right."): the user's turn played
# their point back already.
_CONFIRMS = re.compile(
    r"^\W*(?:yes[,.]? )?(?:you've got it|that's (?:right|it|exactly it|about it|fair)|exactly|spot on|"
    r"correct|you've summed it up|finally someone gets it)\b",
    re.IGNORECASE,
)


def confirms(line: str) -> bool:
    """Their line opens by confirming the user's playback."""
    return bool(_CONFIRMS.search(line))


# Their point is about what we did ("Last month you promised the pilot a feature without asking me"): said back with
# "Is that right?" it sounds like doubting our own conduct; that is owned, not checked.
_OUR_CONDUCT = re.compile(
    r"(?:^|,\s*)(?:[A-Za-z ]{0,20}\s)?you(?:'ve| have| had)? (?:\w+ed|sent|promised|told|said|did|made|"
    r"kept|keep|never|always|didn't|went|took|gave|forgot|missed|ignored|broke)\b",
    re.IGNORECASE,
)


# "You know there's a freeze on", "As you know": what follows is common knowledge, not news to play back.
_COMMON_KNOWLEDGE = re.compile(
    r"\b(?:you (?:already )?know (?:there|that|about|the|how|we)|as you know|you'll know|"
    r"you're aware)\b",
    re.IGNORECASE,
)


def common_knowledge(line: str) -> bool:
    """Their line tells us what we both know (a policy, the brief): nothing to play back or ask more of."""
    return bool(_COMMON_KNOWLEDGE.search(line))


def hardship(text: str) -> bool:
    """A line about grief or hardship (a death, an illness): acknowledged, not checked back."""
    return bool(_HARDSHIP.search(text))


# Words that carry no point of their own when deciding whether a point is old news.
_STALE_IGNORE = frozenset(content_stems("said told know say think really just still also well look right"))


def stale(point: Sequence[str], old: str) -> bool:
    """Their point is old news: most of its content words were already said (an earlier line of theirs, or the
    user's own turn just before, which played it back). Saying it back again, or asking for more of it, is a
    stock line that ignores where the talk stands."""
    stems = set().union(*(content_stems(_digits(s)) for s in point)) - _STALE_IGNORE if point else set()
    if not stems or not old:
        return False
    return len(stems & content_stems(_digits(old))) >= max(2, 0.6 * len(stems))


_NUMBERS = {w: str(n) for n, w in enumerate(SMALL_NUMBERS[:13])}  # "zero" to "twelve" as digits


def _digits(text: str) -> str:
    """ "four changes" and "4 changes" say the same thing."""
    return re.sub(r"[A-Za-z]+", lambda m: _NUMBERS.get(m.group(0).lower(), m.group(0)), text)


# ---------------------------------------------------------------------------------------------------------------
# The user's own question, opened: what they wanted to know, asked so that it invites more than a yes or a no.

# Texting shorthand said in full before the user's question is reused ("can u guarantee sept 15").
_SHORTHAND = {
    "u": "you",
    "ur": "your",
    "n": "and",
    "wld": "would",
    "shld": "should",
    "cld": "could",
    "abt": "about",
    "tho": "though",
    "r": "are",
    "ppl": "people",
    "im": "I'm",
    "i": "I",
    "dont": "don't",
    "cant": "can't",
    "wont": "won't",
    "its": "it's",
    "thats": "that's",
}
# Words that only push ("seriously", "at all", "or not"): dropped when the question is opened.
_PUSH_WORDS = re.compile(
    r",?\s*\b(?:or not|at all|honestly|seriously|actually|really|even|ever|just|tho|though|"
    r"then|anyway|already)\b",
    re.IGNORECASE,
)
# "can you tell me …", "can you honestly say …": a request to speak, not something to do; "can you …" with these
# verbs has no open version that keeps its sense.
_SPEECH_VERBS = frozenset(
    [
        "say",
        "tell",
        "confirm",
        "explain",
        "admit",
        "promise",
        "send",
        "give",
        "let",
        "do",
        "see",
        "hear",
        "talk",
        "be",
        "describe",
        "share",
        "walk",
        "help",
        "clarify",
        "outline",
        "elaborate",
        "expand",
        "kindly",
        "please",
    ]
)  # (a request to explain is already open)
_FINAL_WORDS = ("final", "firm", "fixed", "negotiable", "flexible", "definite", "certain", "real", "settled")
_PRONOUN_ONLY = re.compile(r"^(?:it|that|this|them|those|these|one)$", re.IGNORECASE)


def _spelled_out(text: str) -> str:
    words = re.findall(r"[A-Za-z']+|[^A-Za-z']+", text)
    return "".join(_SHORTHAND.get(w.lower(), w) if w[:1].isalpha() or w[:1] == "'" else w for w in words)


def _their_question(original: str) -> tuple[str, str]:
    """(what the user's turn said before its question, the question itself), both in full words; the question is
    the last sentence that ends with "?" (or, unpunctuated, the last sentence), with its lead-in dropped."""
    said = [s.strip() for s in sentences(original.replace("’", "'")) if s.strip()]
    if not said:
        return "", ""
    asked = [i for i, s in enumerate(said) if s.endswith("?")] or [len(said) - 1]
    i = asked[-1]
    question = _spelled_out(said[i]).rstrip("?!. ")
    question = re.sub(
        r"^(?:(?:ok|okay|ok cool|so|and|but|right|yeah|yes|well|um|look|then|fine|sure),?\s+)+",
        "",
        question,
        flags=re.IGNORECASE,
    )
    question = _PUSH_WORDS.sub("", question)
    return " ".join(_spelled_out(s) for s in said[:i]), re.sub(r"\s{2,}", " ", question).strip(" ,")


def _bare_subject(before: str) -> str:
    """A noun phrase the user put on its own before the question ("the night lead job."): what "it" refers to."""
    for s in reversed(sentences(before)):
        s = s.strip().rstrip(".!:;")
        if re.fullmatch(
            r"(?:the|this|that|my|your|our) [a-z][a-z' -]{2,40}", s, re.IGNORECASE
        ) and not _CLAUSE.search(s):
            return s[:1].lower() + s[1:]
    return ""


def open_version(original: str) -> list[str]:
    """The user's own closed question asked open, keeping what they wanted to know: "can u guarantee sept 15" ->
    "What would it take for you to guarantee sept 15?"; "Was there a time you could not follow on?" -> "Tell me about
    a time you could not follow on."; "is the freeze final" -> "Can you walk me through the freeze and what it depends
    on?"; "who's the other agency"
    -> "What can you tell me about the other agency?". Empty when the question has no open form that keeps its
    sense (a yes/no on someone's honesty, "do you disagree")."""
    before, q = _their_question(original)
    if not q:
        return []
    subject = _bare_subject(before)

    def fill(vp: str) -> str:
        head, comma, rest = vp.partition(",")
        if comma and not re.match(r"\s*(?:given|since|because|as|when|if|now that)\b", rest, re.IGNORECASE):
            vp = head  # "make an exception, I've been here 5 years": the reason is theirs to hear, not the question
        vp = re.sub(r",?\s*(?:yes|right|no|ok)$", "", vp.strip(" ,"), flags=re.IGNORECASE)
        vp = re.sub(
            r"\s+if (?:we|i|you|they)\b.*$", "", vp, flags=re.IGNORECASE
        )  # the condition is the user's offer
        if subject:
            vp = re.sub(r"\bit$", subject, vp)
        return vp

    out: list[str] = []
    m = re.match(
        r"(?:can|could|will|would) you (?:please |kindly |just |possibly |maybe )*(\w+)\b(.*)$",
        q,
        re.IGNORECASE,
    ) or re.match(r"(?:are|aren't) you (?:going to|gonna) (\w+)\b(.*)$", q, re.IGNORECASE)
    if m and m.group(1).lower() not in _SPEECH_VERBS and len(q.split()) <= 20:
        vp = fill(f"{m.group(1)}{m.group(2)}")
        if vp.split()[-1:] != ["it"] or subject:
            out.append(f"What would it take for you to {vp}?")
    m = re.match(
        r"(?:was there|has there been|is there) (?:ever )?a time (?:when |that )?(you|we|they) (.+)$",
        q,
        re.IGNORECASE,
    )
    if m:
        out.append(f"Tell me about a time {m.group(1).lower()} {m.group(2)}.")
    m = re.match(r"(?:has|have) (that|this|it) (?:ever )?happened (to you|before)$", q, re.IGNORECASE)
    if m:
        out.append(f"Tell me about a time {m.group(1).lower()} happened {m.group(2).lower()}.")
    m = re.match(r"have you (?:ever )?had to (.+?)(?: before)?(?:,.*)?$", q, re.IGNORECASE)
    if m:
        out.append(f"Tell me about a time you had to {m.group(1)}.")
    m = re.match(
        rf"is (the [a-z ]{{2,30}}?|this|that|[$£€]?\d[\d,.]*k?) (?:a |an )?({'|'.join(_FINAL_WORDS)})"
        r"(?: (?:number|price|figure|offer|answer|position))?( for you)?$",
        q,
        re.IGNORECASE,
    )
    if m and re.match(r"[$£€]?\d", m.group(1)):
        out.append(f"How did you land on {m.group(1)}?")  # a figure asked about as final is theirs
    elif m and m.group(1).lower() not in ("this", "that"):
        # "How final is the freeze?" still asks for one word: what it covers and what could move it invites more.
        out.append(f"Can you walk me through {m.group(1)} and what it depends on?")
    m = re.match(
        r"(?:is|are) there (?:any |some )?([a-z][a-z ]{2,30}?)(?: (?:on|in|about|around) (.+))?$",
        q,
        re.IGNORECASE,
    )
    if (
        m
        and not re.match(
            r"(?:anything|something|anyone|someone|a |an |no |way\b|chance\b|hope\b)",
            m.group(1),
            re.IGNORECASE,
        )
        and len(m.group(1).split()) <= 3
    ):
        where = f" on {m.group(2)}" if m.group(2) else ""
        out.append(f"What {m.group(1)} is there{where}?")
    m = re.match(
        r"is there (?:any |some |a )?way (?:that )?(this|that|it|[a-z ]{3,30}?) (?:happens|could happen|can happen|"
        r"would happen)(.*?)(?:,? or not)?$",
        q,
        re.IGNORECASE,
    )
    if m:  # "is there ANY way this happens before july": what it would take is theirs to say
        when = re.sub(
            r"\b(january|february|march|april|may|june|july|august|september|october|november|december)\b",
            lambda w: w.group(1).capitalize(),
            m.group(2).rstrip(" ,"),
        )
        out.append(f"What would it take for {m.group(1).lower()} to happen{when}?")
    if re.match(
        r"(?:is|do we have|have we got) (?:that|this|it) a deal$|(?:do|have) we have a deal$|(?:is it a )?deal$",
        q,
        re.IGNORECASE,
    ):
        out.append(
            "What would make it a deal for you?"
        )  # "Is that a deal?": what would get it there is theirs to say
    m = re.match(r"who(?:'s| is) (the [a-z][a-z' -]{2,40})$", q, re.IGNORECASE)
    if m and not re.search(
        r"\b(?:from|with|for|to|at|by|in|on|of|about)$", m.group(1)
    ):  # "who's the offer from"
        out.append(f"What can you tell me about {m.group(1)}?")
    m = re.match(
        r"who else (is|are) (in|on|at|going for|up for) (the [a-z][a-z' -]{2,40})$", q, re.IGNORECASE
    )
    if m:
        out.append(f"What can you tell me about who else {m.group(1).lower()} {m.group(2)} {m.group(3)}?")
    return [o[:1].upper() + o[1:] for o in out if not _PRONOUN_ONLY.match(o.split()[-1].rstrip("?."))]


# Their opening names what the meeting is about ("You've read the term sheet, so go", "So, the lawyer's draft.",
# "You've seen my email", "Your shipments, then."): a question on it answers their opening.
_SUBJECT_NAMED = re.compile(
    r"\b((?:my|your|the|our) (?:[a-z]+'s )?(?:email|letter|message|draft|note|proposal|invoice|notice|term sheet|"
    r"offer|quote|contract|lease|shipments|deliveries|renewal|review|plans))\b",
    re.IGNORECASE,
)


def named_subject(line: str) -> str:
    """What their opening names as the subject of the meeting, said from our side ("your email", "the term sheet")."""
    m = _SUBJECT_NAMED.search(line)
    if not m:
        return ""
    words = m.group(1).split(" ", 1)
    own = {"my": "your", "your": "my", "our": "our", "the": "the"}[words[0].lower()]
    return f"{own} {words[1]}"


# ---------------------------------------------------------------------------------------------------------------
# The rewrites. Each returns None when there is nothing of theirs to build it on: then no rewrite is offered.

# "Ask me why I haven't filled the role" (an instruction), not "my partners still ask me about it".
_ASK_ME = re.compile(
    r"(?:^|[.!?:,]\s+|\b(?:so|just|then|go on),?\s+)ask me ((?:why|what|how|about|where|when|who)\b[^.?!]{3,80})",
    re.IGNORECASE,
)
# "You're negotiating terms before you know why I wrote them. Ask me.": the question they want is the "why I …".
_ASK_ME_BARE = re.compile(r"\b((?:why|what|how) I\b[^.?!]{3,60})[.!]\s+ask me\W*$", re.IGNORECASE)
_HEDGE_NOT = re.compile(
    r"^(?:that's|it's|that is|it is) not (?:a |an |that )?(.{3,40}?)[.!]?$", re.IGNORECASE
)
_NEGATIVE = re.compile(r"\b(?:not|no|can't|won't|cannot|never)\b", re.IGNORECASE)


# "I can't say", "Hard to say", "I couldn't say yes or no to that": what makes it hard is the question.
_CANT_SAY = re.compile(
    r"\b(?:can't|cannot|couldn't|can not) (?:really )?say\b|\bhard to say\b|\bnot sure\b", re.IGNORECASE
)
# Something on the table their no can be about ("that offer", "the price"): "for it to work for you" has a referent.
_ON_THE_TABLE = re.compile(r"\b(?:offer|deal|proposal|price|number|terms?|figure|rate)\b", re.IGNORECASE)
_NUMBER_WORDS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|a hundred)"
)


def figures_in(text: str) -> set[str]:
    """The figures a turn names, as said: a %, a currency, a "k", a decimal, three digits and more, a split
    ("50/50") or a figure in words ("ten million"); not a date's day ("15 September")."""
    found = {
        f
        for f in re.findall(r"[$£€]?\d[\d,.]*\d(?:\s?%|k\b)?|[$£€]?\d(?:\s?%|k\b)?", text)
        if re.search(r"[$£€%k.]|\d{3}", f)
    }
    found |= set(re.findall(r"\b\d{1,3}/\d{1,3}\b", text))
    found |= {
        m.lower()
        for m in re.findall(rf"\b{_NUMBER_WORDS} (?:million|thousand|grand|percent)\b", text, re.IGNORECASE)
    }
    # "$15.80" and "15.80" are one figure
    return {f for f in found if not any(g != f and g.endswith(f) for g in found)}


# A figure the user gives to someone else ("some $18k cowboys", "the other quote", "their offer"): not theirs to
# explain.
_SOMEONE_ELSES = re.compile(
    r"\b(?:other|another|rival|competitor|competition|cowboys|quote|their|they|them|elsewhere)\b",
    re.IGNORECASE,
)
# A figure the user puts forward themselves ("we can offer 150", "our band tops out at 160"): theirs, not to be asked
# about as the other side's.
_OUR_FIGURE = re.compile(
    r"\b(?:we|i)(?:'d| would| can| could| will|'ll)? (?:offer|do|pay|propose|give|go to|stretch to)\b|"
    r"\bour (?:offer|number|budget|band|range|proposal)\b|\b(?:we|i) offered\b",
    re.IGNORECASE,
)
# The user just said yes ("yesss", "deal", "perfect"): no question about the offer they took.
_SAID_YES = re.compile(
    r"^\W*(?:y+e+s+|yep|yeah|deal|done|perfect|great|brilliant|agreed|sold|ok(?:ay)?,? deal)\b", re.IGNORECASE
)


def open_rewrite(
    original: str,
    context: str,
    concerns: Sequence[ConcernInfo],
    issues: Sequence[Issue],
    known: Collection[str] = (),
    also: Also | None = None,
    latest: Turn | None = None,
    counter: str = "",
    counter_terms: int = 0,
    opening: bool = False,
    old: str = "",
    small_talk: bool = False,
    earlier_point: Sequence[str] = (),
) -> str | None:
    """An open question that follows what they just said (`latest`): their counter-offer, their point, their hedge;
    only after a line that leaves the floor to us, one on what the closed question was about.
    `counter`: their counter-offer's main term in words, when their latest line was one (`counter_terms`: how many
    terms it named). `opening`: their line left the floor to us (a greeting, an invitation). `old`: what had been
    said before their latest line (theirs, and the user's turn just before): a point already in it is not asked
    about again. `small_talk`: their line answered small talk: it is not probed. After a rebuke, every candidate
    opens with a short repair (and follows up `earlier_point`, the last point of substance they made). A stock
    question is offered only after an opening or a rebuke: elsewhere it would ignore where the talk stands."""
    candidates: list[str] = []
    line = latest.text.strip() if latest is not None else ""
    if hardship(line):
        return None  # grief or hardship is acknowledged (the summaries' rewrite), not met with a question
    point = [] if opening or small_talk or common_knowledge(line) else best_sentence(point_of(latest))
    if point and (stale(point, old) or hardship(line)):
        point = []  # old news, or grief: not a "tell me more" (a summary acknowledges grief instead)
    if not point and rebuked(latest) and earlier_point and not stale(earlier_point, line):
        point = list(
            earlier_point
        )  # after a rebuke: a repair, then back to the last thing of substance they said
    took_it = bool(_SAID_YES.match(original))
    if counter_terms >= 3 and not opening and not took_it:
        candidates.append("What matters most to you in that offer?")
    if counter and not opening and not took_it:
        candidates.append(f"Can you walk me through how you got to {counter}?")
    elif point:
        said = said_back(point)
        if len(said.split()) <= 16 and not re.match(
            r"(?:what|how|which|who|where|when|if)\b", said, re.IGNORECASE
        ):
            candidates.append(f"You said {said}. Can you tell me more about that?")
        else:
            candidates.append(
                "Can you tell me more about that?"
            )  # a long or fragmentary point is not read back
    elif (asked := _ASK_ME.search(line) or _ASK_ME_BARE.search(line)) is not None:
        # "Ask me why I haven't filled the role", "… before you know why I wrote them. Ask me.": they said what they
        # want to be asked.
        candidates.append(f"Can you tell me {to_second_person(asked.group(1), titles=False).rstrip('.!')}?")
    elif not opening and line and len(line.split()) <= 8 and not _INVITATION.search(line):
        # A hedge or a short no: ask what is behind it, or ask the user's own question so it invites more.
        hedge = _HEDGE_NOT.match(line)
        if hedge and not _NEGATIVE.search(hedge.group(1)):
            article = (
                "a "
                if re.search(r"\bnot a\b", line, re.IGNORECASE)
                else ("an " if re.search(r"\bnot an\b", line, re.IGNORECASE) else "")
            )
            candidates.append(f"What makes it not {article}{hedge.group(1).rstrip('.!')}?")
        if re.search(
            r"\bprivate\b|keep (?:that|it) to myself|rather not say|not something i", line, re.IGNORECASE
        ):
            candidates.append("What can you share about what matters most to you here?")
        if re.match(r"(?:well,? )?(?:it |that )?(?:all )?depends\b", line, re.IGNORECASE):
            candidates.append("What does it depend on?")
        if re.search(r"\bdecid|\bmake up my mind\b|\bnot sure (?:yet|whether|if)\b", line, re.IGNORECASE):
            candidates.append("What would help you decide?")  # only when deciding is what they talked about
        candidates += open_version(original)  # what the user wanted to know, asked open
        if _CANT_SAY.search(line):
            candidates.append("What makes it hard to say?")
        if _NEGATIVE.search(line) and _ON_THE_TABLE.search(line):
            candidates.append(
                "What would need to change for it to work for you?"
            )  # "it": what they turned down
        if _NEGATIVE.search(line) or re.search(
            r"\b(?:depends|maybe|confidential|private|couldn't|wouldn't|perhaps|"
            r"possibly)\b",
            line,
            re.IGNORECASE,
        ):
            candidates.append("What makes you say that?")  # a hedge or a no
    else:
        # An opening, a rebuke, their point said again (old news) or small talk: the user's own question asked open,
        # else a question on what it was about, in the words of the table, else on what their opening named.
        figures = figures_in(original)
        if (
            opening
            and len(figures) == 1
            and not _SOMEONE_ELSES.search(original)
            and not _OUR_FIGURE.search(original)
        ):
            candidates.append(
                f"How did you land on {figures.pop()}?"
            )  # "20% is it?" after their email: their figure
        candidates += open_version(original)
        repeated = (
            bool(line)
            and not opening
            and not small_talk
            and not rebuked(latest)
            and bool(_point_sentences(line))
        )
        topic = None if repeated else topic_of(original, concerns, issues)
        # Their point said again: a question on another subject would ignore it; only the user's own question,
        # asked open, is offered.
        if (
            isinstance(topic, ConcernInfo)
            and topic.id not in known
            and topic.opened_by
            and not _PRESUMES.search(topic.opened_by)
            and (opening or rebuked(latest) or not _point_sentences(line))
        ):
            # Not after a point of theirs (even one said before): a new subject there would ignore it.
            candidates.append(topic.opened_by)  # their own question on the concern the turn was about
        elif (
            isinstance(topic, Issue)
            and not (old and topic_of(old, [], [topic]))
            and content_stems(issue_topic(topic)) <= content_stems(f"{original} {line} {old}")
        ):
            # (only a term named the way someone said it: not "the acting lead role" for "the night lead job")
            candidates += [
                f"Can you walk me through where things stand on {issue_topic(topic)}?",
                f"What matters most to you about {issue_topic(topic)}?",
            ]
        subject = named_subject(line) if opening else ""
        if subject and re.match(r"your ", subject):
            candidates.append(
                f"Can you walk me through the thinking behind {subject}?"
            )  # their email, their offer
        elif subject:
            candidates.append(f"Can you walk me through your thinking on {subject}?")  # "the lease": shared
        if rebuked(latest):
            candidates += [
                "What would a good outcome look like for you here?",
                "What's most important to you in this?",
            ]
    return first_passing(repaired(candidates, latest, original), "open_question", context, also=also)


def summary_rewrite(
    disclosed: Sequence[Disclosure],
    context: str,
    also: Also | None = None,
    latest: Turn | None = None,
    old: str = "",
    original: str = "",
    confirmed: str = "",
) -> str | None:
    """ "So what I'm hearing is that <their latest point, said back to them>. Is that right?" (checked faithful).
    Only what their latest line disclosed is played back: a summary of something older ignores what they just
    said, and an aside about the meeting is no point of theirs. `confirmed`: the user's turn their line confirmed
    ("You've got it."): a point it had already played back is not played back again."""
    if latest is not None and asks_us(latest.text):
        return None  # they asked us something: it is answered, not played back to them
    point = lead_point(latest) or point_of(latest)
    if not point or stale(point, old) or common_knowledge(latest.text if latest else ""):
        return None  # nothing new, or already played back (by the user's own turn) or said before: no stock playback
    if (
        confirmed
        and len(
            (set().union(*(content_stems(_digits(s)) for s in point)) - _STALE_IGNORE)
            & content_stems(_digits(confirmed))
        )
        >= 3
    ):
        return None  # they had just said "You've got it" to the user's playback of this: saying it again goes back
    if _OUR_CONDUCT.search(point[0]):
        return None  # what we did, checked back with "Is that right?", sounds evasive: it is owned, not played back
    if hardship(latest.text if latest else ""):
        # Grief is acknowledged, and the point around it played back without a check ("Is that right?").
        # What it means for the matter at hand: the concern as they first put it, not the loss read back.
        items = {d.item_id for d in (latest.disclosures if latest else [])}
        first = [
            s
            for d in disclosed
            if d.item_id in items
            for s in _point_sentences(d.text)
            if not hardship(s)
            and not _FAMILY.search(s)
            and not _LEANS_ON_PREVIOUS.match(s)
            and not _THIRD_PRONOUN.search(s)
        ]
        if not first:
            return None
        said = said_back(first[:1])
        candidates = [f"{ACKNOWLEDGE} So {said}.", f"{ACKNOWLEDGE} So what I'm hearing is that {said}."]
        # The acknowledgement is the apology's place: no "Sorry about that." in front of it (a rebuke still gets one).
        return first_passing(repaired(candidates, latest), "summary", context, disclosed, also=also)
    else:
        head = point[0].split(",")[0]
        if "," in point[0] and not _CLAUSE.search(head):
            return None  # "More money and more stock, but …": no clause to say "that" before
        said = said_back(point, joined=True)
        candidates = [
            f"So what I'm hearing is that {said}. Is that right?",
            f"So you're saying {said}. Is that right?",
        ]
    return first_passing(repaired(candidates, latest, original), "summary", context, disclosed, also=also)


# Words every term has ("a year", "a month", "percent"): sharing one ties nothing.
_UNIT_STEMS = frozenset(content_stems("year years month months week weeks day days percent hour hours time"))


def benefit_clause(
    disclosures: Sequence[Disclosure], concern_id: str, near: str = "", must_share: bool = False
) -> tuple[str, str]:
    """Their own words about a concern, said back as a reason: ("leaving now means giving up stock you haven't
    vested yet", the sentence as they said it). Of what they said about it, the sentence that stands on its own
    and shares the most with `near` (the terms asked for), else the concern as they first put it (a later layer
    about something else entirely would be no reason); ("", "") when they said nothing about it, or (`must_share`)
    nothing of what they said shares a word with `near`: a reason with no visible tie to the terms reads as a
    non-sequitur."""
    near_stems = (content_stems(near) - _UNIT_STEMS) if near else set()
    options = [
        (len(content_stems(s) & near_stems), d.layer == 0, len(content_stems(s)), n, s)
        for n, d in enumerate(disclosures)
        if d.item_id == concern_id
        for s in _point_sentences(d.text)
        if not _LEANS_ON_PREVIOUS.match(s) and len(s.split()) <= 26
    ]
    if must_share:
        options = [o for o in options if o[0] > 0]
    if not options:
        return "", ""
    best = max(options)[-1]
    return said_back([best]), best


def ask_verb(issues: Sequence[Issue], terms: Mapping[str, float]) -> str:
    """The ask from the user's side of the table. "I can offer" what the user pays or gives (they want it low, the
    other side high: a price, a salary as the employer, a bonus, a share of equity); "I'm asking for" what the user
    receives (they want it high, the other side low: a salary as the employee, a valuation, a retainer), and only
    nearer the user's own target than theirs; anything else, or a yes/no term, is a proposal."""
    chosen = [i for i in issues if i.id in terms]
    if not chosen or any(i.kind == "yes_no" for i in chosen):
        return "What I'd propose is"  # a yes/no term says nothing about which side gives it
    if all(i.user.prefers == "low" and i.counterpart.prefers == "high" for i in chosen):
        return "I can offer"

    def ours(i: Issue) -> bool:
        span = i.user.target - i.counterpart.target
        return span != 0 and (terms[i.id] - i.counterpart.target) / span > 0.5

    if all(i.user.prefers == "high" and i.counterpart.prefers == "low" and ours(i) for i in chosen):
        return "I'm asking for"
    return "What I'd propose is"


def ask_rewrite(
    terms: str,
    concern: ConcernInfo | None,
    context: str,
    concerns: Sequence[ConcernInfo],
    also: Also | None = None,
    reason: str = "",
    verb: str = "I'm asking for",
    lead: str = "",
    latest: Turn | None = None,
) -> str | None:
    """ "<verb> <the terms they named>, since you told me <what they said about a concern these terms answer>."
    (checked benefit-framed). With nothing they said to tie it to, no benefit is claimed, so there is no rewrite.
    `lead`: the original's apology or acknowledgement, kept in front ("Sorry."); after a rebuke a repair is."""
    if not terms or not reason:
        return None
    head = f"{lead} " if lead else ""
    if verb == "I can offer" and " for you" in terms:
        verb, terms = (
            "I can offer you",
            terms.replace(" for you", "", 1),
        )  # "45 percent of the equity for you"
    candidates = [
        fix_articles(f"{head}{verb} {terms}, since you told me {reason}."),
        fix_articles(f"{head}{verb} {terms}, which answers what you told me: {reason}."),
        fix_articles(f"{head}{verb} {terms}. That helps with what you told me: {reason}."),
    ]
    return first_passing(repaired(candidates, latest), "benefit_ask", context, concerns=concerns, also=also)


_LEAD_ACK = re.compile(r"^\W*(fair enough|fair|ok(?:ay)?|right|true|good point)\b", re.IGNORECASE)


def lead_of(original: str) -> str:
    """What the original said before its ask that a rewrite keeps: an apology ("Sorry."), else an
    acknowledgement of their point ("Fair enough.")."""
    if _OWN_APOLOGY.search(original):
        return (
            "Fair enough, and sorry."
            if re.match(r"\W*fair", original, re.IGNORECASE)
            else "Sorry about that."
        )
    ack = _LEAD_ACK.match(original)
    if ack and ack.group(1).lower() in ("fair enough", "fair", "good point", "true"):
        return ack.group(1)[:1].upper() + ack.group(1)[1:].lower() + "."
    return ""


def to_their_face(words: str, persona: Persona | None) -> str:
    """Terms as said to the counterpart: a term sheet's "to the CTO", "if the CTO is replaced", "Lena's", "in her
    garden" are "for you", "if you are replaced", "your", "in your garden" when said to them."""
    if persona is None:
        return words
    roles = [
        r.strip() for part in persona.role.split(",")[:1] for r in re.split(r"\band\b", part) if r.strip()
    ]
    first = persona.name.split()[0] if persona.name else ""
    for role in roles:
        r = re.escape(role)
        words = re.sub(rf"\bto the {r}\b", "for you", words, flags=re.IGNORECASE)
        words = re.sub(rf"\bfor the {r}\b", "for you", words, flags=re.IGNORECASE)
        words = re.sub(rf"\bthe {r} is\b", "you are", words, flags=re.IGNORECASE)
        words = re.sub(rf"\bthe {r}'s\b", "your", words, flags=re.IGNORECASE)
        words = re.sub(rf"\bthe {r}\b", "you", words, flags=re.IGNORECASE)
    if first:
        words = re.sub(rf"\b{re.escape(first)}'s\b", "your", words)
        words = re.sub(rf"\b{re.escape(first)} (?:has|gets)\b", "you get", words)
    return re.sub(r"\b(?:her|his)\b(?= [a-z])", "your", words)


_PRESUMES = re.compile(
    r"\b(?:we talked about|we discussed|you mentioned|you said|as agreed)\b", re.IGNORECASE
)


def concern_rewrite(
    concern: ConcernInfo, context: str, also: Also | None = None, latest: Turn | None = None
) -> str | None:
    """The persona's own question that would have opened a concern they never raised (said after an opening line:
    it must not presume what they have not said; after a rebuke, with a short repair first)."""
    if not concern.opened_by or _PRESUMES.search(concern.opened_by):
        return None
    return first_passing(repaired([concern.opened_by], latest), "open_question", context, also=also)


def alignment_rewrite(subject: str, context: str, also: Also | None = None) -> str | None:
    """Bring the conversation to what the prep said the problem is: an open question on that subject."""
    candidates = [
        f"How could we sort out {subject} in a way that works for you?",
        f"What would you need from me on {subject}?",
    ]
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
