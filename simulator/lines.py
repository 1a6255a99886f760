"""Picks the persona's authored line for a move: seeded, and never repeating while unused variants remain."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
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
    "feel_heard": [
        "It has been, yes. Thank you for seeing that. {content}",
        "It's not been easy, honestly. {content}",
        "It is. Since you ask, {content}",
    ],
    "ack_feeling": ["It has been, yes.", "It is. Thanks for saying so.", "Honestly, yes."],
    "take_time": [
        "Of course. Take the time you need.",
        "Fine. Let me know.",
        "That's fair. I'll wait to hear from you.",
    ],
}


def variants_for(persona: Persona, move: str) -> list[str]:
    """The persona's authored variants for a move (or the defaults for a move it predates)."""
    return persona.lines.get(move) or DEFAULT_LINES[move]


# Small talk comes in kinds, and a reply for one kind is a non-sequitur for another: "That's nice of you to say"
# answers a compliment, not "want a coffee?"; "Mustn't grumble" answers "how are you?", not "love the new sign".
_OFFERS_SOMETHING = re.compile(
    r"\b(?:want|fancy|like|grab|have|get you|bring you|make you|(?:brought|got|saved) (?:you|u|ya))\b[\w\s]{0,20}?\b(?:coffee|tea|cuppa|bun|biscuit|"
    r"water|drink|croissant|cake|pastry|something)\b|\bcan i get (?:you|u)\b|\b(?:coffee|tea)\?",
    re.I,
)
_ASKS_AFTER_THEM = re.compile(r"\?|\bhow(?:'s| is| are| was| were|s)?\b|\b(?:hbu|wbu|you\?|u\?)", re.I)
_ANSWERS_A_QUESTION = re.compile(
    r"(?:kind|good|nice) of you to ask|kind to ask|mustn't grumble|can't complain|\bi'm (?:well|okay|ok|all right|"
    r"keeping)|not bad|fine, (?:thanks|busy|fine)|well enough|busy week|long week|hectic|^busy\b|"
    r"it's been a (?:good|busy|long|quiet|lovely|hard) (?:week|day|morning|year)",
    re.I,
)
_ANSWERS_A_COMPLIMENT = re.compile(r"nice of you to say|thank you for saying|that's kind of you to say", re.I)
_PRAISE = re.compile(
    r"\b(?:love|lovely|beautiful|gorgeous|great|nice|amazing|cute|smells?|well done|congrat\w*)\b", re.I
)
_WEATHER = re.compile(r"\b(?:weather|rain\w*|sun\w*|cold|hot|snow\w*|wind\w*|freezing|warm)\b", re.I)


_THANKS = re.compile(
    r"\bthank|\bcheers\b|\bkind of you\b(?! to ask)|\bappreciated\b|\bplease\b|\bgo on then\b", re.I
)


# a reply to "want a coffee?" ("Go on then, thanks", "I'm fine for coffee"): said to nothing else
_ANSWERS_AN_OFFER = re.compile(r"\b(?:coffees?|teas?|cuppa|go on then|pot on|all set)\b", re.I)


_BARE_HELLO = re.compile(
    r"^\W*(?:hi+|hello+|hey+|hiya|morning|good morning|afternoon|good afternoon)\W*(?:\w+\W*)?$", re.I
)
# a line that agrees with or laughs at a remark ("Ha, yes.", "Quite.")
_SORRY = re.compile(r"\b(?:sorry|apologi[sz]e|running late|i'?m late|im late|traffic)\b", re.I)
_AGREES = re.compile(r"^\W*(?:ha+\b|haha|yes\b|yeah\b|quite\b|true\b|indeed\b|exactly\b)", re.I)


def small_talk_fits(said: str) -> Callable[[str], int]:
    """How well each small-talk line fits what the user said (higher is better; 0 does not fit): an offer of a
    coffee, a question about them, or a remark."""

    def offer(line: str) -> int:
        if _ANSWERS_A_COMPLIMENT.search(line) or _ANSWERS_A_QUESTION.search(line):
            return 0
        return 3 if _ANSWERS_AN_OFFER.search(line) else 2 if _THANKS.search(line) else 1

    def question(line: str) -> int:
        if _ANSWERS_A_COMPLIMENT.search(line) or _ANSWERS_AN_OFFER.search(line):
            return 0
        return 2 if _ANSWERS_A_QUESTION.search(line) else 1

    def remark(line: str) -> int:
        if _ANSWERS_A_QUESTION.search(line) or _ANSWERS_AN_OFFER.search(line):
            return 0
        if sorry and _AGREES.match(line):
            return 0  # "sorry im late, traffic was crazy": not "Yes, it's lovely in here this morning."
        if _ANSWERS_A_COMPLIMENT.search(line) or _THANKS.search(line):
            return 2 if praise else 0  # "your garden is gorgeous": thanked; "nice weather": not
        return 1

    def hello(line: str) -> int:
        if _AGREES.match(line) or _ANSWERS_AN_OFFER.search(line) or _ANSWERS_A_COMPLIMENT.search(line):
            return 0
        if _MENTIONS_ASKING.search(line):
            return 0  # "Good of you to ask": nothing was asked
        return (
            1 if _THANKS.search(line) else 2
        )  # "Busy week, like every week. Anyway, your role." says hello back

    praise = bool(_PRAISE.search(said)) and not _WEATHER.search(said)
    sorry = bool(_SORRY.search(said))

    if _BARE_HELLO.match(said):
        return hello  # "hi marcus": not "Ha, yes." (a laugh at a remark) nor "Not bad, thanks" (to a how-are-you)
    if _OFFERS_SOMETHING.search(said):
        return offer
    return question if _ASKS_AFTER_THEM.search(said) else remark


# "did they ever fix it?" is about what happened: "We'll see", "No promises", "It depends" answer something else
_ASKS_WHAT_HAPPENED = re.compile(
    r"^\W*(?:(?:oh(?: no)?|wait|so|and|but|ok|okay|hm+)\W+)*(?:did|was|were|has|have|had)\b", re.I
)
_LOOKS_AHEAD = re.compile(r"we'll see|\byet\b|no promises|right now|as written|depends|in principle", re.I)


# "is it just the beans or other stuff too": "Could be." and "Not necessarily." answer a yes/no, not a choice
_EITHER_OR = re.compile(r"(?<!\byes )\bor\b(?!\s+(?:not|what|something|anything|so|a no|no)\b)", re.I)
_NOT_A_CHOICE = re.compile(
    r"^\W*(?:(?:maybe|perhaps)\W*$|could be|possibly|not necessarily|not really|not as such|no\W*$)", re.I
)
_BOTH = re.compile(r"\bboth\b", re.I)

# "is there any flexibility on the price?", "any chance you'd reconsider?": a question whether something could
# happen, which "I wouldn't put it like that." or "Not necessarily." (answers to a way of putting things) miss
_ASKS_IF_POSSIBLE = re.compile(
    r"\b(?:is|are) there (?:any|some|a)\b|\bany (?:chance|room|flexibility|wiggle|way)\b|\bis it possible\b"
    r"|\b(?:could|can|would|might) (?:you|we|there|it|that|this)\b|\bopen to\b|\bwilling to\b",
    re.I,
)
_DISPUTES_FRAMING = re.compile(
    r"put it like that|not necessarily|^\W*not (?:like that|as such|by itself|really)\b|bit of both|^\W*both\b",
    re.I,
)


def closed_answer_fits(asked: str) -> Callable[[str], int]:
    """For a question about what happened, the short answers that do not look ahead; for an either/or question,
    any but a yes/no hedge ("Could be.", "Not necessarily."); for a question whether something could happen, not
    one that disputes a way of putting things ("I wouldn't put it like that."); for any other, not "A bit of both"."""
    past, choice = bool(_ASKS_WHAT_HAPPENED.match(asked)), bool(_EITHER_OR.search(asked))
    if not past and not choice and _ASKS_IF_POSSIBLE.search(asked):
        return lambda line: (
            0 if _DISPUTES_FRAMING.search(line) else 1
        )  # "any room on price?": "Maybe. Depends."
    if not past and not choice:
        return lambda line: 0 if _BOTH.search(line) else 1  # "is that final?": not "A bit of both"

    def fits(line: str) -> int:
        if past and _LOOKS_AHEAD.search(line):
            return 0  # "was the launch april or may?": not "It depends"
        if choice:
            return 0 if _NOT_A_CHOICE.match(line) else 1
        return 0 if _BOTH.search(line) else 1

    return fits


# "Since you ask, …", "Since you're kind enough to ask, …": said only when something was asked
_MENTIONS_ASKING = re.compile(
    r"\byou(?:'re| are)? (?:kind enough to |so kind to )?ask(?:ed|ing|s)?\b|\bto ask\b", re.I
)


def asking_fits(asked: bool) -> Callable[[str], int]:
    """Lines that say they answer a question ("Since you ask, …") fit only a turn that asked one: "5000 is way too
    much" is told the concern behind the figure, not "Since you ask"."""
    return lambda line: 1 if asked or not _MENTIONS_ASKING.search(line) else 0


# "I can't do that.", "Not quite.", "Not like that.": a counter that turns down something the user put
_REFUSES = re.compile(r"\bcan'?t (?:quite )?(?:do|agree to)\b|^\W*not (?:quite|that|like that)\b", re.I)


def counter_fits(refused: bool) -> Callable[[str], int]:
    """A counter opens by turning the user's terms down only when it changes one: "whats the best u can do" and an
    offer kept whole with its own terms added get "Here's what I could do:", not "I can't do that."."""
    return lambda line: 1 if refused or not _REFUSES.search(line) else 0


def pick_line(
    persona: Persona,
    move: str,
    content: str,
    line_use: dict[str, list[int]],
    seed: int,
    turn: int,
    fits: Callable[[str], int] | None = None,
) -> tuple[str, int]:
    """The authored line for `move` with `content` filled in, and the variant index used (recorded in line_use).
    `fits`, when given, scores how well each variant suits what was said: the best-fitting ones are said, not
    repeating the last one while another fits as well."""
    variants = variants_for(persona, move)
    used = line_use.setdefault(move, [])
    scores = [fits(v) for v in variants] if fits is not None else []
    last = used[-1] if used else None
    # the best-fitting group that has a line other than the one just said: a line said again back to back is
    # worse than one that fits a little less well, but better than one that answers something else
    groups = [
        [i for i, score in enumerate(scores) if score == level and i != last]
        for level in sorted({s for s in scores if s > 0}, reverse=True)
    ]
    fitting = [i for i, score in enumerate(scores) if score == max(scores, default=0) and score > 0]
    # with only the line just said fitting, it is said again rather than a line that answers something else
    best = next((group for group in groups if group), fitting)
    if best and len(best) < len(variants):
        unused = [i for i in best if i not in used] or best
    else:
        unused = [i for i in range(len(variants)) if i not in used]
        if not unused:
            # Every variant has been said: start a new round, but not with the one just said.
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


# Words that open sentences, never names however often they do ("Look, You know there's a freeze on" was a bug)
_NEVER_NAMES = frozenset(
    re.findall(
        r"[\w'-]+",
        "You Your You're You've You'd The A An It It's Its This That These Those He She They We Our His Her Their My "
        "If When So But And Or Since As At In On For With From To Of By After Before Now Then There Here What Who "
        "Why How Owner Senior Retired Head General Director Manager Co-founder",
    )
)


@lru_cache(maxsize=64)
def _proper_nouns(text: str) -> frozenset[str]:
    at_start = set(_SENTENCE_START.findall(text))
    return frozenset(
        w
        for w in _CAPITALISED.findall(text)
        if (w not in at_start or text.count(w) > 1) and w not in _NEVER_NAMES
    ) | {
        "I",
        "I'm",
        "I've",
        "I'd",
        "I'll",
    }


def proper_nouns(persona: Persona) -> frozenset[str]:
    """Capitalised words that are names (they appear capitalised mid-sentence in the persona's text)."""
    return _proper_nouns(" ".join([persona.scenario, persona.name, persona.role, persona.user_brief.role]))


_ASKING = re.compile(
    r"\b(?:how about|what about|what if|would you|could you|could we|can we|shall we)\W*$", re.I
)


# a line's own way in, said before what it says ("The honest version: my fund is…"), which a line that already leads in
# with a colon does not say twice
_LEAD_IN = re.compile(
    r"(?:the honest version|honestly|to be honest|frankly|the truth is|here'?s the thing|between us|bottom line|"
    r"the real reason|put simply|in short):\s+(?=\S)",
    re.I,
)


def fill_content(template: str, content: str, names: frozenset[str]) -> str:
    """Put content into a line; after a comma or a lower-case word the content's first word loses its capital."""
    before, after = (part.strip() for part in template.split("{content}", 1))
    if content and content[-1] not in ".!?:;,":
        # "…by direct debit. Thanks for listening.", not "…by direct debit Thanks"; a line ends on a stop, or on a
        # question mark when it asks ("How about $5,000 a month?")
        asks = not after and bool(_ASKING.search(before))
        content += "?" if asks else "."
    if before.endswith(":") and (lead := _LEAD_IN.match(content)):
        # "One more thing you should know: The honest version: my fund is…": one lead-in, the line's own
        content = content[lead.end() :]
    if content and (not before or before[-1] in ".!?:") and content[0].islower():
        content = content[0].upper() + content[1:]  # "This is my offer. A design freeze …"
    elif content and before and (before.endswith(",") or before[-1].isalpha()):
        first = content.split(" ", 1)[0]
        if first not in names:
            content = content[0].lower() + content[1:]
    if re.search(r"\bstill\b", before, re.I):
        # "Still, I'm still not there on the rent", "There's still this, though: I'm still …": "still" said once
        content = re.sub(r"^(I(?:'m| am)?|we(?:'re| are)?)\s+still\s+", r"\1 ", content, count=1, flags=re.I)
    return template.replace("{content}", content)
