"""Asks: is a turn a request or proposal, is it concrete, and is it framed by the other side's benefit."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from simulator.transcript import ConcernInfo

from .text import any_phrase, content_stems, normalise

_ASK = re.compile(
    r"\b(?:i'?m asking|i am asking|(?:my|our) (?:ask|request)\b|what (?:i'?m|we'?re) asking|the ask is|i(?:'d| would) (?:like|love|want|ask|propose|suggest|recommend)|"
    r"i (?:need|want|require|request|propose|suggest|offer|recommend|expect)\b(?! to (?:understand|know|hear|learn|think))|"
    r"we (?:need|want|require|request|propose|suggest|offer|expect)\b(?! to (?:understand|know|hear|learn|think))|"
    r"we(?:'d| would) (?:like|love|want|ask|propose)|"
    # ("what would you do with it", "how much could you take on": questions, not asks)
    r"(?<!what )(?<!how )(?<!much )(?<!far )(?:can|could|would|will) you (?:please |maybe |possibly |just )?(?:do|give|pay|offer|agree|accept|consider|go|come|meet|"
    r"match|cover|take|send|move|extend|lower|raise|increase|reduce|drop|cut|waive|include|throw|commit|sign|approve|"
    r"bump|make|let|start|deliver|hold|keep|leave|stay|stick|lock|split|price|bring|sell|lease|rent|hire|give|grant|push|shift|add|"
    r"knock|shave|guarantee|provide|set|work with|settle|budge|stretch|up|fund|invest|put)|"
    r"would you be (?:willing|open|ok|okay|able|up for|comfortable)|are you (?:willing|open) to|"
    r"(?:can|could|should|shall) (?:we|i) (?:please |maybe |just )?(?:do|split|set|move|take|get|have|agree|sign|start|push|"
    r"shift|lock|add|extend|go|keep|hold|schedule|switch|change|use|try|pay|meet|settle|bring|make|put|run|cap)\b|"
    r"^if (?:you|we|your team|your company) (?:can |could |will |would )?(?:commit|approve|sign|agree|take|order|pay|"
    r"give|extend|move|book|buy|double|increase|renew|accept|cover|let|allow|send|prepay)|"
    r"we(?:'re| are) (?:asking|offering|proposing|requesting|looking for)|"
    r"(?:i|we)(?:'d| would) (?:take|accept|offer|settle|do|go|need|cap|cover|hold|start)\b|"
    r"(?:i|we)(?:'d| would|'m| am|'re| are) (?:be )?(?:happy|glad|willing|prepared|ready) to (?:sign|pay|commit|take|do|"
    r"offer|give|go|move|start|extend|renew|order|buy|accept|cover|drop|add|throw in|lock)\b|"
    r"(?:i|we) can (?:start|hold|cap|cover|take|guarantee|deliver|ship)\b|"
    r"let me (?:give|offer|throw in|take|pay|send|have|cover)\b|how about\b(?! you(?:rself)?\W*$)|what about (?:if )?(?:we|i|you\b(?!\W*$)|\$|\d)|what if (?:we|you|i)\b|let'?s\b|let us\b|"
    r"i can (?:offer|give|do|pay|go|commit|throw|sign|include|provide|deliver|let you|send)|"
    r"i could (?:offer|give|do|pay|go|commit|throw|sign|include|provide|deliver|let you|send)|"
    r"we can (?:offer|give|do|pay|go|commit|include|provide|deliver)|we could (?:offer|give|do|pay|go|commit|include|provide|deliver|split|try|start|move)|"
    r"(?:i|we)'?ll (?:give|offer|pay|take|do|throw|accept|settle|sign|commit|go|cover|cap|guarantee|hold|handle|include|waive|extend|"
    # A conditional commitment ("…and I'll buy it today", "I'll renew for 18 months") is the user's side of a trade.
    r"renew|buy|order|book|prepay|start|stay|switch|lock|bring|refer|drop|move)\b|"
    r"^(?:(?:ok|okay|so|well|then)[,\s]+)?(?:throw in|knock (?:off|down)|meet me)\b|"
    # A demand in the imperative ("Cut the fuel surcharge.", "Drop the setup fee.") asks for a term outright.
    r"(?:^|[.?!;]\s+)(?:just )?(?:cut|drop|waive|scrap|ditch|lower|remove|get rid of|take (?:the|that|it|\$)|match|"
    r"lose|cap|freeze|refund|halve|reduce) (?:the|that|this|your|it|me|us|[$£€\d])|"
    r"(?:i'?m|we'?re|i am|we are) (?:raising|charging|quoting|pricing (?:it|this) at|listing (?:it|this) at)\b|"
    r"in exchange|in return|you (?:can|could) (?:have|take|keep)|give me|pay me|send me|get me|"
    r"i'?m (?:looking for|hoping for|hoping to get|requesting|proposing|suggesting|offering)|"
    r"^please\b|\bplease (?:send|give|pay|confirm|sign|approve|add|move|lower|raise|cover|provide|make|let|extend|deliver|"
    r"reduce|agree|consider|accept|match|drop|include|waive|get)|"
    r"my (?:offer|proposal|counter|request|number|price|rate)|our (?:offer|proposal|request)|"
    r"(?:is|does|would) (?:that|this) (?:work|be acceptable)|deal\?|i want\b|counter(?:offer)? (?:at|with|of))"
)

_MONTHS = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
_DAYS = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)"
_NUMW = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred|a dozen|half|all|both|extra)"
_TERMS = re.compile(
    r"(?:[$£€]\s?\d[\d,]*(?:\.\d+)?\s?(?:k|m|million|thousand|an hour|/hour|/hr|per \w+|a \w+)?"
    r"|\b\d[\d,]*(?:\.\d+)?\s?(?:%|percent|k\b|dollars|euros|pounds|bucks|grand|cents)"
    r"|\b(?:\d+|"
    + _NUMW
    + r")[- ](?:day|week|month|year|quarter|hour|minute)s?(?:[- ](?:term|contract|lease|deal|trial|pilot|window|notice|extension|commitment))?"
    r"|\bnet[- ]?\d+"
    r"|\b(?:by|before|until|from|starting|on|in|through|end of|after) (?:the end of )?(?:"
    + _MONTHS
    + r"|"
    + _DAYS
    + r"|next (?:week|month|quarter|year)|q[1-4]|tomorrow|today|friday|the \d+(?:st|nd|rd|th)|\d{1,2}(?:st|nd|rd|th)?)\b"
    r"|\b(?:per|a|each|every) (?:month|week|year|unit|hour|day|quarter|case|pallet|shipment|order)\b"
    # When: "this quarter", "today", "from the start of Q3", "October 2nd", "to March"; what: "X instead of Y".
    r"|\b(?:this|next) (?:year|quarter|month|week|term|semester|season|cycle|weekend|spring|summer|fall|autumn|winter)\b"
    r"|\b(?:today|tonight|tomorrow|q[1-4])\b"
    r"|\b(?:start|end|beginning|middle) of (?:the |this |next )?(?:"
    + _MONTHS
    + r"|year|quarter|month|week|term|q[1-4])\b"
    r"|\b" + _MONTHS + r" \d{1,2}(?:st|nd|rd|th)?\b|\bthe \d{1,2}(?:st|nd|rd|th)\b"
    r"|\bto (?:" + _MONTHS + r"|" + _DAYS + r")\b"
    r"|\b(?:instead of|rather than|in place of|swap(?:ping)? (?:the|my|our|your)|replace (?:the|my|our|your) \w+(?: \w+)? with)\b"
    r"|\b(?:\d+|"
    + _NUMW
    + r") (?:more |extra |additional )?(?:of (?:the|your|my) )?[a-z]+\b(?<!thing)(?<!one)(?<!time)(?<!way)(?<!bit)(?<!\bof)(?<!\bus)"
    r"|\b\d[\d,]*(?:\.\d+)?\b)"
)
# Phrases that say what the OTHER side gets, or that both sides gain: the heart of a benefit-framed ask.
_BENEFIT = re.compile(
    r"\b(?:so (?:that )?(?:you|your)\b(?! (?:can|could) (?:give|pay|send))|that way (?:you|your)|this way (?:you|your)|"
    r"which (?:means|gives|saves|lets|helps|protects|locks|keeps|covers|cuts|reduces|frees|guarantees|secures|spares|"
    r"solves|takes care|removes|fixes|avoids|addresses|handles|lowers|smooths|matches|fits|works)\b(?! (?:me|us|my|our)\b)|"
    r"(?:means|gives|gets|saves|lets|helps|protects|locks in|keeps|covers|frees up|guarantees|secures|spares|solves|"
    r"takes care of|removes|fixes|lowers|reduces|cuts|smooths|eases|lightens|shortens|protect|save|help|give|spare) (?:you|your)\b|"
    # The ask ties back to what they said they wanted or feared ("like you wanted", "the target you mentioned",
    # "the section you said was overcrowded", "the weekend they were dreading").
    r"(?:like|as|just as) (?:you|they|your \w+) (?:wanted|asked for|needed|hoped|were hoping for|requested)\b|"
    r"\bthe(?: [\w'-]+){1,3} (?:that )?(?:you|they|your \w+) (?:wanted|asked for|asked about|mentioned|said|raised|needed|"
    r"were (?:worried|concerned|nervous|hoping|dreading|asking)|complained|flagged|brought up)\b"
    r"(?! (?:doesn't|don't|won't|isn't|wasn't|can't|is too|was too|is not|does not|will not))|"
    r"(?:you|they)(?:'re| are| were| have been|'ve been) (?:worried|concerned|nervous|dreading|hoping for|asking for)\b|"
    r"(?:that|this|it)(?:'ll| will| would)? (?:gets|keeps|gives|saves|means|lets|helps|takes|puts|brings|frees|covers|"
    r"protects|locks|solves|fixes|avoids|removes|cuts|lowers)\b[^.?!;]{0,40}?\b(?:you|your|yours)\b|"
    r"you(?:'d|'ll| would| will| could| can)? (?:still |also |then |even |now )?(?:get|have|save|keep|avoid|gain|receive|be able|never|not have to|won't have to|"
    r"hit|meet|close|land|reach|fill|finish|make your|clear|beat|"
    r"don't have to|no longer|walk away with|end up with|lock in|skip|free up|pay less|spend less|come out ahead)\b|"
    r"(?:give|offer|send|pay|let) you\b|you (?:can|could) (?:have|take|keep)|for (?:you|your)\b|in exchange|in return|"
    r"both of us|we both|both sides|each of us|all of us|everyone wins|win[- ]win|mutual|works for (?:both|everyone|us both)|"
    r"(?:so(?: that)?|which|that way|this way|since|then)\b[^.?!;]{0,40}?\b(?:you|your|you're|you'll|you'd|they|their|them|"
    r"the (?:board|kids|team|client|tenants|customers|staff))\b(?! (?:can|could) (?:give|pay|send))|"
    r"your \w+ (?:gets?|gains?|saves?|keeps?|stays?|avoids?|has|have)\b|"
    r"you(?:'re| are)? (?:save|stop|gain|avoid|keep|protected|covered|spared)\b|"
    r"benefit|advantage for you|good for you|good for both|helps us both|for both|fair (?:to|for) (?:you|both)|trade|swap|"
    # A consequence clause that lands on them: "That fills your empty slot", "It fits inside your budget".
    r"(?:that|this|it|which)(?:'ll| will| would)? (?!(?:is|was|has|does|sounds|seems|looks|needs|feels|depends|happens|matters)\b)[a-z]+s\b[^.?!;]{0,50}?\b(?:you|your|yours)\b|"
    r"you(?:'d|'ll| would| will)? (?:see|know|be sure|be covered|be protected|do well|come out|stay)\b|you won't\b|"
    r"off your (?:plate|hands|desk|list|books)|"
    # Tie-back in the present tense ("the raises you need", "what you're after") and what a named party gains
    # ("The crowd gets songs they know", "The co-op saves money") or what the deal brings ("cash up front").
    r"\bthe(?: [\w'-]+){1,3} (?:that )?(?:you|they) (?:need|want|like|liked|prefer|preferred|suggested|recommended|"
    r"care about|asked about)\b|what (?:you|they)(?:'re| are) (?:after|looking for|hoping for)\b|"
    r"\bthe [a-z]+(?<!\bi)(?<!\bwe) (?:gets?|gains?|keeps?|saves?|earns?|receives?|avoids?)\b(?! (?:me|us|my|our)\b)|"
    r"(?:extra|more|additional|guaranteed|steady|new|outside) (?:income|revenue|business|bookings|sales|money|exposure|"
    r"publicity)|cash (?:in hand|up front|upfront)|a selling point|(?<!i )(?<!we )saves? (?:\w+ )?(?:money|time)\b|"
    r"your (?:team|customers|clients|cash flow|budget|schedule|staff|margin|risk|costs?|time|supply|inventory|"
    r"deadline|launch|board|investors|tenants|business|company|goal|concern|worry|timeline|bottom line|numbers))"
)
# A proposal in any verb: "We'd sponsor…", "I can email you…", "Could I turn it in Monday…", "Book us for the 9th…",
# "What if it's midnight on Fridays…", "If we set the advance at…". Only a proposal with concrete terms AND a benefit to
# the other side counts through this wider net; without both, the turn is judged by the narrower request cues above.
_OFFER = re.compile(
    r"\b(?:i|we)(?:'d| would|'ll| will| can| could)(?: also| then| happily| gladly| just| even)? "
    r"(?!(?:be|have|need|think|know|feel|like|love|want|hope|wish|guess|say|mean|see|hear|understand|appreciate|worry|"
    r"lose|struggle|rather|prefer|ask|tell|check|get back|talk|look into|consider|try|go broke|walk|leave|sue|cancel|"
    r"report|quit|never|not)\b)[a-z]+|"
    r"(?:^|[.?!;]\s+)(?:(?:ok(?:ay)?|so|well|then)[,\s]+)?(?:can|could|would|will|may) (?:you|we|i|the [a-z-]+|your [a-z-]+)"
    r"(?: (?:please|maybe|possibly|just|also))? (?!(?:tell|share|explain|describe|walk|talk|help|let me know|clarify|be\b|"
    r"have (?:any|a (?:sense|budget|number))|think|know|mind|remind|get back)\b)[a-z]+|"
    r"(?:^|[.?!;]\s+)(?:(?:ok(?:ay)?|so|well|then)[,\s]+)?(?:book|give|send|take|put|make|set|sign|keep|hold|move|count|"
    r"pick|schedule|lock|reserve|bump|match|extend|add|cut|drop|waive|lower|pay|throw|slot|pencil)\b|"
    r"\bwhat if (?:it(?:'s| is| were| was)|the|there|instead|for|on|starting|each|every)\b|"
    r"^if (?:you|we|your [a-z]+)\b(?! (?:mean|think|look|ask|want to know)\b)|"
    # The benefit first, the condition after: "You'd get the season covered if we sign at $80,000 today."
    r"\bif (?:you|we|i)(?: can| could| will)? (?:sign|renew|commit|prepay|pay|order|book|buy|agree|extend|take|accept|"
    r"approve|confirm|lock|switch|start)\b|"
    r"^(?:(?:so|ok(?:ay)?|well)[,\s]+)?(?:i'?m|we'?re) thinking\b|^here'?s (?:what i'?m (?:proposing|suggesting|thinking)|"
    r"my (?:idea|plan|thinking))"
)
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|you're|you'll|you'd)\b")
# The "you" of a request put to them ("Can you keep it at $4,200?", "Would you be able to hold the rate?") is the
# person being asked, not someone who gains: it is blanked out before looking for a benefit. A gain verb keeps it
# ("Would you save money if…"), and so does a negative question ("Wouldn't you rather…"), which argues their side.
_REQUEST_TO_YOU = re.compile(
    r"\b(?:can|could|would|will) you(?: (?:please|maybe|possibly|just|also))?"
    r"(?: be (?:willing|open|ok|okay|able|up for|comfortable)(?: to)?)?"
    r"(?: (?!(?:save|gain|benefit|earn|profit)\b)[a-z]+)?"
)


def _without_request(low: str) -> str:
    """The text with each request put to them blanked (same length, so positions still line up)."""
    return _REQUEST_TO_YOU.sub(lambda m: " " * len(m.group(0)), low)


_OWN_NEED_ONLY = re.compile(r"\b(?:because|since|as|cause|'cause) (?:i|my|we|our|me)\b")
_FIRST_PERSON_GAIN = re.compile(
    r"\b(?:for me|for my|for us\b(?! both)|i need|i really need|i have to|my (?:family|kids|rent|bills))"
)


@dataclass(frozen=True)
class AskCheck:
    """How an ask measures up: concrete terms, a benefit to the other side, concerns it answers."""

    is_ask: bool
    concrete: bool  # states what / how much / when
    terms: tuple[str, ...]  # the concrete terms found ("$4.10", "12-month term", "by March")
    benefit: bool  # ties to the other side's interest or a shared benefit
    addressed: tuple[str, ...]  # ids of concerns the ask answers with a remedy (the concern's addressed_by)
    mentioned: tuple[str, ...] = ()  # ids of concerns whose topic the ask names (keywords or remedies)


@dataclass(frozen=True)
class AskShape:
    """Internal detail of an ask for the turn labeller, with evidence cues."""

    ask_cue: str | None
    terms: tuple[str, ...]
    benefit_cue: str | None


def ask_shape(text: str, context: str = "") -> AskShape:
    """Find the request cue, concrete terms and benefit framing (a tie to the counterpart's words counts)."""
    low = normalise(text)
    ask = _ASK.search(low)
    offer = None if ask else _OFFER.search(low)
    if not ask and not offer:
        return AskShape(None, (), None)
    terms = tuple(dict.fromkeys(m.group(0).strip() for m in _TERMS.finditer(low)))
    benefit = _BENEFIT.search(_without_request(low))
    cue = benefit.group(0) if benefit else None
    if not cue and context:
        cue = _tie_to_context(low, context)
    if offer:
        # The wider proposal net counts only for a concrete proposal framed by what the other side gets.
        if not (terms and cue):
            return AskShape(None, (), None)
        return AskShape(offer.group(0).strip(" .?!;"), terms, cue)
    assert ask is not None  # no offer is looked for when there is an ask
    return AskShape(ask.group(0), terms, cue)


_PURPOSE = re.compile(
    r"\b(?:so (?:that )?|which |that way |this way |to (?:help|cover|solve|fix|ease|avoid)|given |since you|"
    # A consequence clause ("That keeps it fair to…", "It satisfies the foundation's…") that reuses their words.
    r"(?:that|this|it)(?:'ll| will| would)? (?!(?:is|was|has|does|sounds|seems|looks|needs|feels|depends|happens|matters)\b)[a-z]+s )"
)
_OWN_GAIN = re.compile(r"\b(?:me|us|my|our)\b")


def _tie_to_context(low: str, context: str) -> str | None:
    """A purpose clause ("so ...", "which ...") that reuses the counterpart's own words is a benefit tie."""
    # ("hi marcus. so ill just say it, …": a "so" that opens a sentence starts the point; it states no purpose)
    m = next(
        (
            m
            for m in _PURPOSE.finditer(low)
            if not (m.group(0).startswith("so") and low[: m.start()].rstrip()[-1:] in ("", ".", "!", "?"))
        ),
        None,
    )
    if not m:
        return None
    tail = low[m.start() :]
    if _OWN_NEED_ONLY.match(tail) or re.match(
        r"(?:so (?:that )?|since )(?:i|we|my|our|i'?ll|ill|i'?m|im|i'?d|we'?ll|we'?re|we'?d)\b", tail
    ):
        return None
    if _OWN_GAIN.match(low[m.end() :]):
        return None  # "That gives me…", "It lets us…": the speaker's gain
    shared = content_stems(tail) & content_stems(context)
    return f"{m.group(0).strip()} … {sorted(shared)[0]}" if shared else None


# The people whose view of it they worry about: "a one-page report for the CEO", "for the bank"
_FOR_THEIR_PEOPLE = re.compile(
    r"\bfor (?:the|your|ur|her|his) (?:ceo|cfo|board|boss|bank|vp|partners|lps|investors|tenants|insurer|"
    r"neighbours?|team|family|kids|customers|staff)\b"
)


def _purpose_after(low: str) -> bool:
    """A clause saying what the proposal is for, after it ("…a sloped roof so more light gets over"), not a
    sentence that opens with "So"."""
    return any(
        re.search(r"[a-z0-9%]\W{0,2}$", low[: m.start()]) and not re.search(r"[.!?;:]\s*$", low[: m.start()])
        for m in _PURPOSE.finditer(low)
    )


def check_ask(text: str, concerns: Sequence[ConcernInfo]) -> AskCheck:
    """Judge an ask: concrete terms, benefit framing, and which concerns its words answer."""
    shape = ask_shape(text)
    stems = content_stems(text)
    # Naming a topic ("about the payments") is not answering it: only a remedy counts as addressing a concern.
    addressed = tuple(c.id for c in concerns if any_phrase(c.addressed_by, stems))
    mentioned = tuple(c.id for c in concerns if c.id in addressed or any_phrase(c.keywords, stems))
    if not shape.ask_cue:
        return AskCheck(False, False, (), False, (), mentioned)
    low = normalise(text)
    # A remedy for their concern counts as a benefit only when it is put to them ("you", "your"), not demanded.
    # (or with what it is for: "a sloped roof so more light gets over" answers the light they said they'd lose)
    benefit = bool(shape.benefit_cue) or bool(
        addressed
        and (
            _SECOND_PERSON.search(_without_request(low))
            or _purpose_after(low)
            or _FOR_THEIR_PEOPLE.search(low)
        )
        and not _FIRST_PERSON_GAIN.search(low)
    )
    return AskCheck(True, bool(shape.terms), shape.terms, benefit, addressed, mentioned)
