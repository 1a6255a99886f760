"""The one text toolkit: tokenising, stemming, stopwords and numbers, for the evaluator, the reading of each turn
and the reply guardrails.

Two readings of the same text live here side by side. The evaluator reads for meaning: accents folded, decimal
numbers whole, `stem`, `STOPWORDS`. The reply guardrails compare an LLM reply's wording with what it may and may
not say (`verbatim=True`): letters as typed, numbers split at their points, `light_stem`, `REPLY_STOPWORDS`; their
thresholds were set on that reading, so it is kept rather than folded into the first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?(?:[.,][0-9]+)?")
_VERBATIM_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Spoken transcripts stutter ("have you, have you") and hedge ("uh", "um"); both hide the sentence shape.
_FILLERS = re.compile(
    r"\b(?:uh|um|uhm|er|erm|hmm|mm|ah|oh|well|like|you know|i mean|okay|ok|so|and|but|yeah|yes|no|wait|hang on|"
    r"sorry(?=\s*[,—–-]))\b[,\s]*"
)
_STUTTER = re.compile(r"\b([a-z']+(?: [a-z']+){0,2}), \1\b")
_SPACES = re.compile(r"\s+")
# Chat-style turns drop apostrophes and spell "you" as "u" ("whats ur rate", "r u ok with 40/hr"); the rules are
# written for the spelled-out forms, so unambiguous chat spellings are restored first.
_CHAT = {
    "u": "you",
    "ur": "your",
    "r": "are",
    "whats": "what's",
    "hows": "how's",
    "wheres": "where's",
    "whos": "who's",
    "dont": "don't",
    "doesnt": "doesn't",
    "didnt": "didn't",
    "isnt": "isn't",
    "arent": "aren't",
    "cant": "can't",
    "couldnt": "couldn't",
    "wouldnt": "wouldn't",
    "shouldnt": "shouldn't",
    "wasnt": "wasn't",
    "havent": "haven't",
    "im": "i'm",
    "ive": "i've",
    "youre": "you're",
    "youve": "you've",
    "youll": "you'll",
    "theyre": "they're",
    "thats": "that's",
    "theres": "there's",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
    "w": "with",
    "ppl": "people",
    "abt": "about",
    "rn": "right now",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "tho": "though",
    "thru": "through",
    "hrs": "hours",
    "yrs": "years",
    "wks": "weeks",
    "tmrw": "tomorrow",
    "b4": "before",
    "idk": "i don't know",
    "wat": "what",
    "wht": "what",
    "whta": "what",
    "waht": "what",
    "hwo": "how",
    "hwat": "what",
    "becuz": "because",
    "pple": "people",
    "wld": "would",
    "wud": "would",
    "cld": "could",
    "shld": "should",
    "y'all": "you",
    "yall": "you",
    "folks": "people",
}
# the g dropped as spoken ("how many folks y'all got workin there", "we're fixin' to move"): "workin", "workin'"
_DROPPED_G_TEXT = """
    working going doing fixing talking saying getting making taking looking thinking trying coming paying
    asking waiting nothing something anything everything telling hoping planning kidding running selling building starting
"""
_CHAT.update({word[:-1] + mark: word for word in _DROPPED_G_TEXT.split() for mark in ("", "'")})
_DRAWN_OUT = re.compile(r"\b[a-z]*([a-z])\1{2,}[a-z]*\b")
_QUESTION_WORDS_HELD = frozenset(
    # ("nooo", "dealll": a no or a deal held is still one; "yesss" after a deal is glee, read as typed)
    {"why", "what", "whats", "how", "who", "where", "when", "no", "nope", "deal", "done"}
)


def _held_question_word(m: re.Match[str]) -> str:
    """A question word with a letter held ("whyyy", "whaaat") is the question word; other words stay as typed."""
    word = re.sub(r"([a-z])\1{2,}", r"\1", m.group(0))
    return word if word in _QUESTION_WORDS_HELD else m.group(0)


_TEXTED_WHY = re.compile(
    r"(?:^|(?<=[.!?,]\s))y (?=(?:only|not|so|is|are|was|were|do|does|did|would|you|the|that|this|cant|can't|wont|won't)\b)"
)
_ID_WOULD = re.compile(
    r"(?<![-'$£€.&/\w])id (?=(?:really |much |also |just |honestly )?(?:like|love|rather|prefer|need|want|be|have|say|"
    r"think|hate|appreciate|imagine|guess|go|do|take|accept|consider|feel)\b)"
)
_CHAT_WORD = re.compile(
    r"(?<![-'$£€.&/\w])(?:" + "|".join(sorted(_CHAT, key=len, reverse=True)) + r")(?![-'&/\w]|\.\w)"
)

_STOPWORD_TEXT = """
    a an the and or but if then so as of at by for with about against between into through during before after
    to from in out on off over under again further once here there when where why how all any both each few more
    most other some such no nor not only own same than too very can will just don should now i me my myself we
    our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it its itself
    they them their theirs themselves what which who whom this that these those am is are was were be been being
    have has had having do does did doing would could shall might must may also really just like well yeah yes
    okay ok oh uh um know think mean get got thing things lot kind sort way going gonna want wanna let lets
    i'm i've i'd i'll you're you've you'd you'll it's that's there's we're we've we'll they're they've don't
    doesn't didn't can't won't isn't aren't wasn't weren't haven't hasn't couldn't wouldn't shouldn't what's
    one two say said says sure right actually pretty something anything everything much many even still
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
# The reply guardrails' list: shorter ("lot", "kind", "way" count as content there), with a few of its own ("need",
# "tell", "make").
_REPLY_STOPWORD_TEXT = """
    a an the and or but if then so as of at by for with about to from in on off over under into is are was were
    be been being am i me my we our us you your yours he she it its they them their this that these those there here
    what which who whom when where why how not no do does did done have has had can could will would shall should
    may might must just very really also too than more most some any all each only own same such up out again
    let lets i'm i've i'd i'll we're we've it's that's don't doesn't didn't can't won't isn't one thing things
    said say says tell told know think want need get got make made go going well yes okay sure right now
"""
REPLY_STOPWORDS = frozenset(_REPLY_STOPWORD_TEXT.split())


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Lowercase, unify apostrophes and whitespace, and drop spoken stutters so rules see the sentence shape."""
    low = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    if ", " in low:
        low = _STUTTER.sub(r"\1", low)
    low = _CHAT_WORD.sub(lambda m: _CHAT[m.group(0)], low)
    # "id like to hear it", "id rather not": I'd, typed without the apostrophe
    low = _ID_WOULD.sub("i'd ", low)
    low = _TEXTED_WHY.sub("why ", low)  # "y only 1 yr tho", "y not"
    low = _DRAWN_OUT.sub(_held_question_word, low)  # "whyyy does that matter", "whaaat"
    return _SPACES.sub(" ", low).strip()


def strip_fillers(low: str) -> str:
    """Remove leading discourse fillers ("uh, well, so ...") that hide how a sentence starts."""
    prev = None
    while prev != low:
        prev = low
        low = _FILLERS.sub("", low, count=1) if _FILLERS.match(low) else low
    return low.lstrip(" ,.-—–")


def fold_accents(text: str) -> str:
    """ "cafés" -> "cafes": people type names and loan words with and without accents."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def words(text: str, *, verbatim: bool = False) -> list[str]:
    """Lowercase word tokens, keeping contractions whole. For meaning (the default) accents are folded and decimal
    numbers kept whole ("cafés" -> "cafes", "4.20"); `verbatim` keeps the letters as typed and splits numbers at
    their points, for comparing wording token by token."""
    low = text.lower().replace("’", "'")
    if verbatim:
        return _VERBATIM_WORD.findall(low)
    return _WORD.findall(fold_accents(low))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stemmer: 'deliveries'/'delivery', 'payments'/'payment', 'worried'/'worry' meet."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) <= 3:
        return w
    for suffix, repl in (("ies", "i"), ("ied", "i"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("ly", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: len(w) - len(suffix)] + repl
            break
    else:
        if w.endswith("s") and not w.endswith(("ss", "us", "is")):
            w = w[:-1]
    if w.endswith("y"):
        w = w[:-1] + "i"
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    # Doubled final consonant after -ing/-ed ("shipped", "planning") collapses to the base.
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]
    return w


def light_stem(word: str) -> str:
    """One plural or tense suffix off ("payments" -> "payment", "delivered" -> "deliver"): the verbatim reading's
    stemmer."""
    for suffix in ("ies", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _carries_meaning(w: str) -> bool:
    # Numbers always count ("net 15" is not "net 30"); short words mostly do not.
    return w[0].isdigit() or (len(w) > 2 and w not in STOPWORDS)


def content_stems(text: str) -> set[str]:
    """Stems of the words that carry meaning (no stopwords, no 1-2 letter words; numbers kept)."""
    return set(_content_stems(text))


@lru_cache(maxsize=8192)
def _content_stems(text: str) -> frozenset[str]:
    # The persona's own lines are stemmed on every turn: once is enough.
    return frozenset(stem(w) for w in words(text) if _carries_meaning(w))


def content_stem_list(text: str, *, verbatim: bool = False) -> list[str]:
    """Content stems in order, repeats kept (for measuring how much of a text is restated). `verbatim`: verbatim
    tokens, `light_stem`, `REPLY_STOPWORDS`, and nothing under three characters (numbers included)."""
    if verbatim:
        return [light_stem(w) for w in words(text, verbatim=True) if w not in REPLY_STOPWORDS and len(w) > 2]
    return [stem(w) for w in words(text) if _carries_meaning(w)]


def ngrams(tokens: Sequence[str], n: int) -> set[tuple[str, ...]]:
    """All n-grams of a token list."""
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def phrase_matches(phrase: str, stems: set[str]) -> bool:
    """A keyword or multi-word phrase matches when all of its content words appear (stemmed) in `stems`."""
    needed = content_stems(phrase) or {stem(w) for w in words(phrase)}
    return bool(needed) and needed <= stems


def any_phrase(phrases: Iterable[str], stems: set[str]) -> str | None:
    """The first phrase of `phrases` whose content words all appear in `stems`, else None."""
    for phrase in phrases:
        if phrase.strip() and phrase_matches(phrase, stems):
            return phrase
    return None


# A "." inside a number ("$4.10") is not a sentence end.
# A full stop inside a number ("4.20") or a time ("5 a.m.", "6 p.m. on Fridays") does not end a sentence.
# Nor does the dot of a short form before more of the sentence: "incl. a head of sales", "e.g. the pool", "3% p.a. on".
_SENTENCE = re.compile(
    r"(?:[^.?!;]|\.(?=\d)|(?<=\b[ap])\.(?=m\.)|(?<=\b[ap]\.m)\.(?= [a-z])|"
    r"(?<=\b[ei])\.(?=[eg]\.)|(?<=\b[ei]\.[eg])\.(?= )|(?<=\bp)\.(?=a\.)|(?<=\bp\.a)\.(?=,| [a-z0-9])|"
    r"(?:(?<=\bincl)|(?<=\bapprox)|(?<=\bvs)|(?<=\betc)|(?<=\besp))\.(?=,| [a-z0-9])"
    r")+[.?!;]*"
)


def sentences(text: str) -> list[str]:
    """Split on sentence punctuation, keeping the punctuation (a '?' decides question-hood)."""
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip(" .?!;,")]


# -- numbers -------------------------------------------------------------------------------------------------------
_CALENDAR_TEXT = """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
"""
_MONTHS, _WEEKDAYS = _CALENDAR_TEXT.split()[:12], _CALENDAR_TEXT.split()[12:]
_SMALL_TEXT = """
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
    eighteen nineteen twenty
"""
SMALL_NUMBERS: tuple[str, ...] = tuple(_SMALL_TEXT.split())  # "zero" to "twenty", each at its value
_SMALL = list(SMALL_NUMBERS)
# Number words as the digits they stand for: "two" and "2" are the same fact.
NUMBER_VALUES = {w: str(i) for i, w in enumerate(_SMALL)} | {
    "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90",
    "hundred": "100", "thousand": "1000", "dozen": "12",
}  # fmt: skip
# Words that state an amount ("one" is left out: it is mostly a pronoun).
NUMBER_WORDS = frozenset(
    [*_SMALL[2:], "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million",
     "billion", "dozen", "percent"]
)  # fmt: skip
# Words that state a date ("may" is left out: it is mostly a verb).
DATE_WORDS = frozenset([*_MONTHS, *_WEEKDAYS, "tomorrow", "yesterday"]) - {"may"}
_DIGIT_RUN = re.compile(r"\d+(?:[.,:]\d+)*")
# Figures and dates as written ("$4.10", "15%", "march", "q3"): what a summary may not bring in new.
FIGURES = re.compile(r"[$£€]?\d[\d,]*(?:\.\d+)?%?|\b(?:" + "|".join(_MONTHS + _WEEKDAYS) + r"|q[1-4])\b")
# Amounts and durations as written ("3 hours", "fifteen", "half"): what a clipped restatement may not bring in new.
AMOUNTS = re.compile(
    r"[$£€]?\d[\d,.]*%?|\b(?:"
    + "|".join([*_SMALL[1:13], "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "hundred", "thousand",
                "million", "half", "percent"])
    + r")\b"
)  # fmt: skip


def number_tokens(text: str) -> set[str]:
    """The numbers and dates in a text as comparable tokens: digits without thousands separators ("1,200" ->
    "1200"), number words as digits ("two" -> "2"), date words as they are."""
    low = text.lower().replace("’", "'")
    tokens = {n.replace(",", "") for n in _DIGIT_RUN.findall(low)}
    return tokens | {
        NUMBER_VALUES.get(w, w) for w in words(low, verbatim=True) if w in NUMBER_WORDS or w in DATE_WORDS
    }


# "my lawyer" as a threat, not as the one who reads the paperwork ("my lawyer wants to see it")
LAWYER_THREAT = (
    r"my lawyers?(?! (?:wants?|will want|needs?|would like|has|have|can|could|should|to) (?:to )?"
    r"(?:see|read|look|check|review|go over))"
    # "my lawyer said its kind of aggressive", "my lawyer thinks the cliff is standard": advice passed on, no threat
    r"(?! (?:said|says|thinks|thought|told me|reckons|mentioned|called it|calls it|reckoned|flagged|pointed out)\b)"
)
