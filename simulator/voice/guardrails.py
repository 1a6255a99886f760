"""Pure checks on an LLM reply before it reaches the user; each returns a plain reason on failure, else None."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from simulator.personas import CONTENT_MOVES
from simulator.voice.base import VoiceRequest
from simulator.voice.prompts import USER_CLOSE, USER_OPEN, scaffold_texts

MAX_CHARS = 600


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Passed to the endpoint (at most four) and applied again here, because not every server honours `stop`.
STOP_SEQUENCES: tuple[str, ...] = ("\nUser:", "\n\n", USER_OPEN, "[Note", "\nuser:", "\nAssistant:")
STOPWORDS = _set(
    """a an the and or but if then so as of at by for with about to from in on off over under into is are was were
    be been being am i me my we our us you your yours he she it its they them their this that these those there here
    what which who whom when where why how not no do does did done have has had can could will would shall should
    may might must just very really also too than more most some any all each only own same such up out again
    let lets i'm i've i'd i'll we're we've it's that's don't doesn't didn't can't won't isn't one thing things
    said say says tell told know think want need get got make made go going well yes okay sure right now"""
)
_SMALL = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
_SMALL += "seventeen eighteen nineteen twenty"
_DIGITS = {w: str(i) for i, w in enumerate(_SMALL.split())} | {"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60",
    "seventy": "70", "eighty": "80", "ninety": "90", "hundred": "100", "thousand": "1000", "dozen": "12"}
_AGREEMENT = re.compile(
    r"\b(?:i agree|we agree|i'm in\b|count me in|(?:it's|that's|you've got|you have) a deal|deal\b|i accept|we accept|agreed|"
    r"i'll (?:give|take|sign|accept)|we'll (?:give|take|sign|accept)|let's sign|i can accept|we can accept)"
)
AGREEING_MOVES = frozenset({"agree", "counter", "consider"})
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
NUMBER_WORDS = _set(
    """two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
    eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion dozen
    percent"""
)
DATE_WORDS = _set(
    """january february march april june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday tomorrow yesterday"""
)
_OUT_OF_CHARACTER = re.compile(
    r"\b(?:as an ai|an ai (?:assistant|model|language)|i am an ai|i'm an ai|language model|chatbot|openai|"
    r"system prompt|my instructions|my programming|i cannot (?:roleplay|role-play)|as an assistant)\b"
)
_STAGE = re.compile(r"\*[^*\n]{1,60}\*|\((?:[a-z]+ly )?(?:laugh|smil|sigh|paus|nod|chuckl|grin|lean|shrug|frown|"
                    r"wink|cough|clear|look|sit|stand)[a-z]*[^)]{0,40}\)|\[[^\]\n]{1,60}\]", re.IGNORECASE)
_ROLE_LABEL = re.compile(r"(?:^|\n)\s*(?:user|assistant|system|human|ai|counterpart|bot|note)\s*:", re.IGNORECASE)
# The system prompt's own field labels: a reply containing them is reading the prompt back.
_PROMPT_LABEL = re.compile(r"\b(?:situation|temperament|your goals|your opening position|rules for every reply)\s*:",
                           re.IGNORECASE)


def words(text: str) -> list[str]:
    """Lowercase word tokens (contractions kept whole)."""
    return _WORD.findall(text.lower().replace("’", "'"))


def content_words(text: str) -> list[str]:
    """Words that carry meaning: not stopwords, longer than two letters, lightly stemmed so plurals meet."""
    return [_stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 2]


def _stem(word: str) -> str:
    for suffix in ("ies", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def ngrams(tokens: Sequence[str], n: int) -> set[tuple[str, ...]]:
    """All n-grams of a token list."""
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def clean(text: str) -> str:
    """Cut at the first stop sequence and trim whitespace and wrapping quotes (the model sometimes quotes itself)."""
    for stop in STOP_SEQUENCES:
        index = text.find(stop)
        if index >= 0:
            text = text[:index]
    text = text.strip()
    if len(text) >= 2 and text[0] in "\"'“" and text[-1] in "\"'”":
        text = text[1:-1].strip()
    return text


def check_length(text: str, max_chars: int = MAX_CHARS) -> str | None:
    """Not empty and not longer than a spoken turn."""
    if not text.strip():
        return "the model gave an empty reply"
    if len(text) > max_chars:
        return f"the reply was too long ({len(text)} characters, limit {max_chars})"
    return None


def check_stops(text: str) -> str | None:
    """No stop sequence survived (the reply would run on into another speaker or the instructions)."""
    for stop in STOP_SEQUENCES:
        if stop.strip() and stop.strip() in text:
            return f"the reply ran on past a stop sequence ({stop.strip()!r})"
    return None


def check_carries_content(text: str, request: VoiceRequest, share: float = 0.5) -> str | None:
    """A content move must convey the released content: at least `share` of its content words."""
    if request.move not in CONTENT_MOVES or not request.content.strip():
        return None
    wanted = set(content_words(request.content))
    if not wanted:
        return None
    found = wanted & set(content_words(text))
    if len(found) < share * len(wanted):
        return f"the reply did not convey what the move had to say ({len(found)} of {len(wanted)} key words)"
    return None


def _number_tokens(text: str) -> set[str]:
    low = text.lower().replace("’", "'")
    tokens = {n.replace(",", "") for n in _NUMBER.findall(low)}
    # "two" and "2" are the same fact: compare number words as digits.
    return tokens | {_DIGITS.get(w, w) for w in words(low) if w in NUMBER_WORDS or w in DATE_WORDS}


def allowed_facts(request: VoiceRequest) -> str:
    """Text whose numbers and dates the voice may say: public persona fields, released content, the user's words."""
    persona = request.persona
    public = [persona.name, persona.role, persona.title, persona.scenario, persona.temperament,
              persona.counterpart.position, *persona.counterpart.goals,
              *(line for variants in persona.lines.values() for line in variants)]
    said_by_user = [text for role, text in request.history if role == "user"]
    return "\n".join([*public, request.content, request.authored, *request.released, *said_by_user])


def check_numbers(text: str, request: VoiceRequest) -> str | None:
    """No number or date that is not a persona fact, released content or something the user said."""
    invented = sorted(_number_tokens(text) - _number_tokens(allowed_facts(request)))
    if invented:
        return f"the reply stated numbers or dates that are not in the persona: {', '.join(invented[:4])}"
    return None


def check_in_character(text: str, instructions: Iterable[str] | None = None) -> str | None:
    """No AI talk, stage directions, role labels or instruction wording read aloud."""
    low = text.lower()
    if match := _OUT_OF_CHARACTER.search(low):
        return f"the reply broke character ({match.group(0)!r})"
    if match := _STAGE.search(text):
        return f"the reply contained a stage direction ({match.group(0)!r})"
    if match := _ROLE_LABEL.search(text):
        return f"the reply contained a role label ({match.group(0).strip()!r})"
    if _PROMPT_LABEL.search(text):
        return "the reply read out its instructions"
    if USER_OPEN in text or USER_CLOSE in text:
        return "the reply echoed the conversation markup"
    reply_tokens = words(text)
    for instruction in instructions if instructions is not None else scaffold_texts():
        tokens = words(instruction)
        n = min(5, len(tokens))  # five words in a row from the rules is an echo, not a coincidence
        if n and ngrams(tokens, n) & ngrams(reply_tokens, n):
            return "the reply read out its instructions"
    return None


def check_withheld(text: str, request: VoiceRequest) -> str | None:
    """Nothing the ledger still holds back: no distinctive 3-word phrase and not most of its key words."""
    reply_tokens = words(text)
    reply_grams = ngrams(reply_tokens, 3)
    reply_content = set(content_words(text))
    said = " ".join([request.content, request.authored, *request.released])
    said_grams = ngrams(words(said), 3)
    said_content = set(content_words(said))
    for hidden in request.withheld:
        # A phrase is distinctive when it is not already said and carries at least two meaningful words.
        distinctive = {
            g for g in ngrams(words(hidden), 3) - said_grams
            if sum(w not in STOPWORDS and len(w) > 2 for w in g) >= 2
        }
        if leaked := distinctive & reply_grams:
            return f"the reply gave away something not yet disclosed ({' '.join(sorted(leaked)[0])!r})"
        key = set(content_words(hidden)) - said_content
        if len(key) >= 3 and len(key & reply_content) > len(key) / 2:
            return "the reply gave away most of a concern not yet disclosed"
    return None


def check_no_agreement(text: str, request: VoiceRequest) -> str | None:
    """Only the policy decides a yes: a reply that agrees when the move is not agree/counter/consider is rejected."""
    if request.move in AGREEING_MOVES:
        return None
    if match := _AGREEMENT.search(text.lower().replace("’", "'")):
        return f"the reply agreed although the counterpart has not agreed ({match.group(0)!r})"
    return None


def _sentences(text: str, min_words: int = 4) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+", text.strip())
    return [" ".join(words(p)) for p in parts if len(words(p)) >= min_words]


def check_repeats(text: str, request: VoiceRequest) -> str | None:
    """No sentence said twice in the reply, nor repeated word for word from the counterpart's earlier turns."""
    short = _sentences(text, min_words=2)
    if len(set(short)) < len(short):
        return "the reply repeated a sentence"
    tokens = words(text)
    grams = [tuple(tokens[i : i + 3]) for i in range(len(tokens) - 2)]
    if grams and max(grams.count(g) for g in set(grams)) >= 3:
        return "the reply went round in a loop"
    sentences = _sentences(text)
    earlier = {s for role, said in request.history if role != "user" for s in _sentences(said)}
    if repeated := [s for s in sentences if s in earlier]:
        return f"the reply repeated an earlier line ({repeated[0][:50]!r})"
    return None


def check_reply(text: str, request: VoiceRequest, max_chars: int = MAX_CHARS) -> str | None:
    """Run every check in order; the first failure's reason, or None when the reply may be shown."""
    return (
        check_length(text, max_chars)
        or check_stops(text)
        or check_in_character(text)
        or check_withheld(text, request)
        or check_no_agreement(text, request)
        or check_numbers(text, request)
        or check_carries_content(text, request)
        or check_repeats(text, request)
    )
