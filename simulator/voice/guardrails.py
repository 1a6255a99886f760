"""Pure checks on an LLM reply before it reaches the user; each returns a plain reason on failure, else None."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from simulator.evaluation.text import REPLY_STOPWORDS, content_stem_list, ngrams, number_tokens
from simulator.evaluation.text import words as _words
from simulator.personas import CONTENT_MOVES
from simulator.voice.base import VoiceRequest
from simulator.voice.prompts import USER_CLOSE, USER_OPEN, scaffold_texts

MAX_CHARS = 600


# Passed to the endpoint (at most four) and applied again here, because not every server honours `stop`.
STOP_SEQUENCES: tuple[str, ...] = ("\nUser:", "\n\n", USER_OPEN, "[Note", "\nuser:", "\nAssistant:")
_NUM = (
    r"(?:\d+(?:[.,]\d+)?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|half)"
)
_ADVERB = (
    r"(?: (?:just|simply|gladly|happily|readily|certainly|definitely|then|also|now|fully|probably|really|"
    r"easily|absolutely|totally|both|all))?"
)
# Who accepts: "I", "we" (present tense or with a modal), "let's", or "happy/willing/ready to" with the subject left out.
_SUBJECT = (
    r"(?:\b(?:i|we)(?:'ll|'d| will| would| can| could| shall| might| may| must| do)?"
    r"|\blet's|\blet us|\b(?:happy|glad|willing|ready|pleased|prepared|able) to)" + _ADVERB
)
# Who concedes terms: only with a modal or a willingness ("I can go to", not "we go to the bank").
_OFFERER = (
    r"(?:\b(?:i|we)(?:'ll|'d| will| would| can| could| shall| might| may)"
    r"|\blet's|\blet us|\b(?:happy|glad|willing|ready|pleased|prepared|able) to)" + _ADVERB
)
_TERMS = (
    r"(?:that|it|this|those|these|the deal|the offer|your offer|the terms|your terms|your price|your number|"
    + _NUM
    + ")"
)
# The verbs of acceptance, and of conceding terms.
_ACCEPTING = (
    r"accept(?! (?:that|the fact|how|what|you|we|it's|it is|there|the other|another|their|a different)\b)|sign\b|approve|concede"
    r"|agree(?! (?:with you|with that|with what|with your (?:point|view|concern)|that|about|it's|it is|there)\b)"
)
_CONCEDING = (
    r"go (?:along )?with " + _TERMS + r"|go for (?:it|that|this|your)\b"
    r"|take " + _TERMS + r"(?! (?:into|on board|back|under|away|seriously|further|up|to|as|or leave))"
    r"|do (?:it|that|this|the deal|a deal|"
    + _NUM
    + r")\b|say yes|throw in|shake on it|make (?:that|it) happen"
    r"|give you (?:a |an |the )?(?:"
    + _NUM
    + r"|discount|reduction|rebate|cut|break|what you|your|those|that price)"
    r"|go (?:to|down to|up to|as (?:low|high|far) as|"
    + _NUM
    + r") |come down (?:to|on)|meet you (?:halfway|in the middle|"
    r"there|at)|live with "
    + _TERMS
    + r"|match "
    + _TERMS
    + r"|drop (?:the|our|my|it|to)|lower (?:the|our|my|it)|cut (?:the|"
    r"our|my|it|"
    + _NUM
    + r")|knock (?:off|"
    + _NUM
    + r")|be (?:fine|okay|ok|happy|comfortable|good) with "
    + _TERMS
)
_ACCEPTANCE = re.compile(
    r"(?:" + _SUBJECT + r" (?:" + _ACCEPTING + r"))|(?:" + _OFFERER + r" (?:" + _CONCEDING + r"))"
    r"|(?:i'm|we're|i am|we are) (?:fine|okay|ok|happy|good|comfortable|content|satisfied) with "
    + _TERMS
    + r"|(?<!\bto )(?<!\bwhat )(?<!\bwhatever )(?<!\bwhich )(?<!\bit )\b(?:works?|suits?) (?:for )?(?:me|us)\b"
    r"|\b(?:fine|okay|ok|alright|all right|good|great) (?:by|with) (?:me|us)\b|\bacceptable to (?:me|us)\b"
    r"|\b(?:that's|that is|it's|it is|this is|that sounds|sounds) (?:perfectly |quite |entirely )?acceptable\b"
    r"|\b(?:it's|that's|it is|that is|you've got|you have|you got|we have|we've got|got yourself|you've got yourself)"
    r" (?:a |your |yourself a )?deal\b(?! ?breaker| with| on the table| already)|\bdone deal\b|\bdeal done\b"
    r"|\b(?:it's|that's|it is|that is|we're|we are|all|then) (?:agreed|settled|a yes|a go)\b|\bthe answer is yes\b"
    r"|\bconsider (?:it|that) (?:done|settled|agreed)\b|\byes,? (?:to|on) (?:that|this|it|your|the)\b"
    r"|\b(?:you win|you've convinced me|you have convinced me|you've talked me into|i give in|where do i sign)\b"
    r"|\b(?:count (?:me|us) in|i'm in|we're in|i am in|we are in|i'm on board|we're on board)$"
    r"|^(?:(?:ok|okay|fine|alright|right|well|sure|yes|yeah|great|then|so|good|perfect) )*"
    r"(?:deal|agreed|accepted|done|sold|settled)$"
)
# A clause that says no, supposes ("if I say yes to that"), or sets a condition is pushing back, not conceding.
_NEGATION = re.compile(
    r"\b(?:not|no|never|nothing|neither|nor|hardly|cannot|without|only|unless|nobody|none|before|until|if|whether)\b|n't\b"
)
_CONDITION = re.compile(r"\b(?:only|unless|until|before)\b")
_QUESTION_START = re.compile(
    r"^(?:(?:so|and|but|then|well|ok|okay|now) )?(?:would|could|can|do|does|did|is|are|will|"
    r"shall|should|how|what|why|when|where|who|which|have|has|if|may|might)\b"
)


def _clauses(text: str) -> list[str]:
    """Lowercase clauses: sentences split at commas, semicolons, dashes and "but"; questions left out."""
    low = unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace("‘", "'")
    clauses = []
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", low):
        sentence = sentence.strip()
        if sentence.endswith("?") and _QUESTION_START.match(sentence):
            continue  # "would that work for you?" asks; it does not accept
        for clause in re.split(r"[,;:]|\s[-–—]+\s|\bbut\b|\bthough\b|\bhowever\b", sentence):
            clause = " ".join(words(clause))
            if clause:
                clauses.append(clause)
    return clauses


def find_acceptance(text: str) -> str | None:
    """The words in `text` that accept or concede something ("works for me", "I can go to 50 percent"), else None.

    Judged clause by clause: an acceptance or concession verb with a first-person subject, or a fixed phrase of
    assent, that is not negated earlier in its clause ("that doesn't work for me", "I can't accept") and not made
    conditional ("I'd only sign if ...", "unless ..."). Questions ("would that work for you?") do not accept.
    """
    for clause in _clauses(text):
        for match in _ACCEPTANCE.finditer(clause):
            if _NEGATION.search(clause[: match.start()]) or _NEGATION.search(match.group(0)):
                continue
            if _CONDITION.search(clause[match.end() :]):
                continue
            return match.group(0).strip()
    return None


AGREEING_MOVES = frozenset({"agree", "counter", "consider"})
_OUT_OF_CHARACTER = re.compile(
    r"\b(?:as an ai|an ai (?:assistant|model|language)|i am an ai|i'm an ai|language model|chatbot|openai|"
    r"system prompt|my instructions|my programming|i cannot (?:roleplay|role-play)|as an assistant)\b"
)
_STAGE = re.compile(
    r"\*[^*\n]{1,60}\*|\((?:[a-z]+ly )?(?:laugh|smil|sigh|paus|nod|chuckl|grin|lean|shrug|frown|"
    r"wink|cough|clear|look|sit|stand)[a-z]*[^)]{0,40}\)|\[[^\]\n]{1,60}\]",
    re.IGNORECASE,
)
_MARKUP = re.compile(r"<\s*/?\s*user[\s_-]*said", re.IGNORECASE)
_ROLE_LABEL = re.compile(
    r"(?:^|\n)\s*(?:user|assistant|system|human|ai|counterpart|bot|note)\s*:", re.IGNORECASE
)
# The system prompt's own field labels: a reply containing them is reading the prompt back.
_PROMPT_LABEL = re.compile(
    r"\b(?:situation|temperament|your goals|your opening position|rules for every reply)\s*:", re.IGNORECASE
)


def words(text: str) -> list[str]:
    """Lowercase word tokens as typed (contractions whole, numbers split at their points): wording compared as is."""
    return _words(text, verbatim=True)


def content_words(text: str) -> list[str]:
    """Words that carry meaning: not stopwords, longer than two letters, lightly stemmed so plurals meet."""
    return content_stem_list(text, verbatim=True)


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


def allowed_facts(request: VoiceRequest) -> str:
    """Text whose numbers and dates the voice may say: public persona fields, released content, the user's words."""
    persona = request.persona
    public = [
        persona.name,
        persona.role,
        persona.title,
        persona.scenario,
        persona.temperament,
        persona.counterpart.position,
        *persona.counterpart.goals,
        *(line for variants in persona.lines.values() for line in variants),
    ]
    said_by_user = [text for role, text in request.history if role == "user"]
    return "\n".join([*public, request.content, request.authored, *request.released, *said_by_user])


def check_numbers(text: str, request: VoiceRequest) -> str | None:
    """No number or date that is not a persona fact, released content or something the user said."""
    invented = sorted(number_tokens(text) - number_tokens(allowed_facts(request)))
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
    if USER_OPEN in text or USER_CLOSE in text or _MARKUP.search(text):
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
            g
            for g in ngrams(words(hidden), 3) - said_grams
            if sum(w not in REPLY_STOPWORDS and len(w) > 2 for w in g) >= 2
        }
        if leaked := distinctive & reply_grams:
            return f"the reply gave away something not yet disclosed ({' '.join(sorted(leaked)[0])!r})"
        key = set(content_words(hidden)) - said_content
        if len(key) >= 3 and len(key & reply_content) > len(key) / 2:
            return "the reply gave away most of a concern not yet disclosed"
    return None


def check_no_agreement(text: str, request: VoiceRequest) -> str | None:
    """Only the policy decides a yes: a reply that accepts or concedes on a move that is not agree is rejected.

    `counter` and `consider` may name terms, but a counter may not accept ("deal", "agreed") without stating them.
    """
    moves = {request.move, *(move for move, _ in (*request.before, *request.after))}
    if "agree" in moves:
        return None
    accepted = find_acceptance(text)
    if accepted is None:
        return None
    if request.move == "consider":
        return None
    if request.move == "counter":
        if _states_terms(text, request):
            return None
        return f"the reply accepted without stating the counter's terms ({accepted!r})"
    return f"the reply agreed although the counterpart has not agreed ({accepted!r})"


def _states_terms(text: str, request: VoiceRequest) -> bool:
    """The reply names the move's terms: every number in them, and most of their key words."""
    terms = " ".join([request.content, *(f"{value:g}" for value in request.terms.values())])
    wanted_numbers = number_tokens(terms)
    if not wanted_numbers and not content_words(terms):
        return False
    if not wanted_numbers <= number_tokens(text):
        return False
    wanted = set(content_words(request.content))
    return not wanted or len(wanted & set(content_words(text))) >= 0.5 * len(wanted)


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
