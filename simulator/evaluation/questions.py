"""Question shape: open vs closed vs rhetorical, window questions and "tell me more" follow-ups."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import normalise, sentences, strip_fillers

_AUX = (
    r"(?:do|does|did|is|are|was|were|am|can|could|will|would|should|shall|have|has|had|may|might|must|"
    r"don't|doesn't|didn't|isn't|aren't|wasn't|weren't|can't|couldn't|won't|wouldn't|shouldn't|haven't|"
    r"hasn't|hadn't|ain't)"
)
_SUBJECT = (
    r"(?:i|you|we|they|he|she|it|there|that|this|these|those|the|a|an|your|my|our|their|his|her|its|"
    r"anyone|anybody|someone|somebody|any|anything|everyone|everybody|everything|people|y'all|ya|u|"
    r"[a-z]+s)"
)
# An auxiliary followed by a subject is the shape of a yes/no question even without a '?' (spoken data).
_CLOSED_START = re.compile(rf"^{_AUX}\s+(?:not\s+)?{_SUBJECT}\b")
_CLOSED_START_Q = re.compile(rf"^(?:{_AUX}|any|anything|anyone|ever|got|ready|deal|agreed|fair|ok|okay)\b")
_WH_START = re.compile(
    r"^(?:what|what's|whats|how|how's|hows|why|why's|where|where's|when|when's|who|who's|whom|whose|which)\b"
)
# "what I meant was: so anything up to ten percent…?": a play-back led in with a wh-word, not a wh-question
_WH_SAYING = re.compile(
    r"^what (?:i|we) (?:meant|mean|'m saying|am saying|was saying|was trying to say|heard|'m hearing|am hearing)\b"
)
_WH_LATE = re.compile(
    r"(?:^|[,:—–-]\s*|\b(?:and|but|so|or|then|now|also|just|out of curiosity)\s+)"
    r"(?:what|how|why|where|when|who|which)(?:'s|\s+(?:do|does|did|is|are|was|were|would|will|can|could|should|has|have|"
    r"kind|sort|type|long|much|many|often|about|else|made|makes|happened))\b"
)
_OPEN_INVITE = re.compile(
    r"\b(?:tell me (?:more|a bit|a little|about|what|how|why|where|when|who|which|your|everything|something)|"
    r"tell us (?:more|about|what|how)|talk me through|walk me through|take me through|run me through|"
    r"help me (?:to )?(?:understand|see|get a sense)|"
    # "It would help me to know what you'd need", "it'd be useful to understand what's behind the delays"
    r"(?:it|that)(?:'d| would) (?:really )?(?:help|be (?:good|useful|helpful|great)) (?:(?:me|us) )?to (?:know|understand|hear|"
    r"learn) (?:what|how|why|where|who|which|more)\b|"
    r"(?:can|could|would|will) you (?:please |maybe |perhaps )?(?:tell me|tell us|share|explain|describe|say more|"
    r"elaborate|expand|talk (?:me )?(?:through|about)|walk me|unpack|fill me in|give me (?:a sense|an idea|some background|"
    r"more detail|an overview|the background|a picture)|help me understand|paint|go into|clarify what)|"
    r"would you mind (?:telling|sharing|explaining|walking|saying|describing|talking|expanding|elaborating|going)|"
    r"(?:i'd|i would|i'll) (?:(?:really|just|also|genuinely|honestly|truly) )?(?:love|like|want|be glad|be happy|be curious|"
    r"be interested|be keen) to (?:hear|understand|know|learn)\b|"
    r"i'm (?:curious|wondering|interested)\b(?: (?:about|what|how|why|to hear|to know|to learn|if you could))|"
    # An indirect wh-question ("I was wondering what's driving the date") asks as openly as the direct one.
    r"^(?:(?:i (?:was|am|'m|just) |im |just |was )?wondering|i wonder|(?:i'm |im |i am )?(?:really |just |so |kinda )?curious|"
    r"i'd be curious|i want to know|(?:i was|i'm|im|i am) (?:just )?asking|"
    r"i'd (?:like|love) to know)(?: |\W+(?=who|what|why|how))(?:what|how|why|where|who|which)\b|"
    # Asking permission to ask ("Would you be open to telling me…", "Would you mind sharing…") is still the invitation.
    r"(?:would|are|will|were) you (?:be )?(?:open|willing|able|comfortable|happy|ok|okay|up for) (?:to )?"
    r"(?:(?:tell|telling|explain|explaining|walk|walking|describe|describing|talk|talking|say|saying|expand|expanding|"
    r"elaborate|elaborating|unpack|unpacking|go|going) (?:me |us )?(?:through |into |about |more|what|how|why|where|"
    r"who|which|a bit|a little|your|the)|(?:share|sharing) (?:with (?:me|us) )?(?:more|what|how|why|where|who|which|"
    r"a bit|a little|your (?:thinking|thoughts|reasoning|reasons|concerns|perspective|view|side|priorities|goals)))|"
    r"(?:do|would) you mind (?:telling|sharing|explaining|walking|describing|talking|saying|expanding|going)|"
    r"mind if i ask (?:what|how|why|where|who|which)|"
    r"i want to (?:hear|understand)|say (?:a bit |a little )?more|share (?:more|a bit|a little|with me|your)|"
    r"^describe\b|^explain\b|fill me in|paint me a picture|give me a sense|"
    # "Those roses must have a story.", "there's got to be a story there": an invitation to tell it
    r"(?:must|must've|must have|bet (?:they|it|that|there)(?:'s| has| have| is)?) (?:a |quite a |some |got a )?(?:story|history)\b|"
    r"there(?:'s| is| has) (?:got to be |gotta be |bound to be |must be )?(?:a |quite a )?story (?:there|behind)|"
    r"what (?:else )?comes to mind|help me see|give (?:me |us )?(?:an|some) examples?|^any (?:\w+ )?(?:thoughts|ideas|suggestions)|"
    r"(?:can|could|would) you (?:please )?give (?:me |us )?(?:an|some) examples?)"
)
_TELL_ME_MORE = re.compile(
    r"\b(?:tell me (?:a (?:bit|little) )?more|say (?:a bit |a little )?more|elaborate|expand on|go on\b|"
    r"what do you mean|what did you mean|how so\b|what makes you say|what's behind|what is behind|"
    r"unpack (?:that|this|it)|more about (?:that|this|it|what)|dig into that|what led (?:you|to that)|"
    r"what happened (?:there|then|next)|and then what|keep going|in what way)"
)
_SPOKEN_WH = re.compile(
    r"^(?:what|how|why|where|when|who|which)(?:'s|\s+(?:about|do|does|did|is|are|was|were|would|will|can|could|should|"
    r"have|has|kind|sort|type|long|much|many|often|far|old|else|made|makes|happened|brought|got))\b(?!\s+(?:i|we|i'm|we're)\b)"
)
# "If so, why?", "And if not, how come?": a bare wh-word after a conditional asks for reasons.
_WH_BARE_TAIL = re.compile(
    r"[,:;]\s*(?:why|how come|how so|why not|what then|how)\W*$"
    # "15 isnt 20, so why 20?", "ok but why march?": the reason asked for, the figure or thing named after it
    r"|(?:[,:;]\s*|\b(?:so|but|then)\s+)(?:why|how come)\s+(?!(?:not|do|does|did|is|are|was|were|would|will|can|could|"
    r"should|has|have)\b)\S+(?:\s+\S+)?\W*$"
)
_PROPOSAL = re.compile(r"^(?:how|what) about (?:we|i|if|us|[$£€]|\d|a|an|\w+ing)\b")
_EITHER_OR = re.compile(r"\bor\b(?! not\b)")
_LISTED_OR = re.compile(r"[,:—–-][^,:—–-]{0,40}\bor\b[^,]{0,30}\??$")
_CLOSED_LATE = re.compile(
    rf"(?:[,:;—–-]\s*|\b(?:but|and|so|or|then|now|is this|question is)\s+){_AUX}\s+(?:not\s+)?{_SUBJECT}\b"
)
_CLOSED_LATE_SPOKEN = re.compile(
    r"(?:[,:;]\s*|\b(?:but|or)\s+)(?:do you|did you|are you|have you|is it|was it|is there|can you|would you|"
    r"were you|does it|is that)\b|"
    # A spoken permission check after a condition ("if I text you at ten is that ok") needs no comma or '?'.
    r"^if\b.{3,80}\b(?:is that|is it|would that be|will that be) (?:ok|okay|alright|all right|fine|cool)\W*$"
)
_SPOKEN_TAIL = re.compile(r"[,:]\s*(?:(?:but|and|so)\s+)?(?:what|how|why)\b")
_SPOKEN_TAG = re.compile(
    r",\s*(?:(?:is|was|does|did|do|are|were|have|has|can|could|would|will)n't (?:it|you|they|there|that|he|she|we)|"
    r"(?:is|does|did|do|was) (?:it|they|you|that)|huh|right|eh)\W*$"
)
_CHOICE = re.compile(
    r"\b(?:would you rather|do you prefer|would you prefer|which (?:one|is|do|would|of)|or not\b|either\b)"
)
_TAG = re.compile(
    r",?\s*(?:right|correct|yes|no|yeah|ok|okay|true|huh|eh|yea|fair|agreed|"
    r"isn't it|aren't you|aren't they|aren't we|don't you|don't they|don't we|didn't you|didn't it|doesn't it|"
    r"won't you|wouldn't you|wouldn't it|can't you|can't we|isn't that right|is that right|is that correct|"
    r"am i right|have you|haven't you|did you|do you|is it|was it|wasn't it|shouldn't we|right now|"
    r"is that it|is that fair|is that accurate|is that about right|is that what you mean|is that what you're saying|"
    r"did i get (?:that|it|this) right|have i got (?:that|it|this) right|do i have (?:that|it|this) right|"
    r"am i (?:close|reading (?:that|this|you|it) right))\s*\?+\s*$"
)
# A stand-alone check of understanding ("Is that it?", "Did I get that right?") after a play-back confirms it.
_CHECK = re.compile(
    r"^(?:is that (?:it|right|correct|accurate|fair|about right|the gist|what you mean|what you're saying)|"
    r"did i (?:get|understand) (?:that|it|this|you|everything|all (?:of )?that)(?: (?:right|correctly))?|"
    r"(?:have i|do i have|did i) (?:got|get|have|capture|miss) (?:that|it|this|everything|anything)(?: (?:right|correct))?|"
    r"(?:have i got|do i have) (?:that|it|this|everything) (?:right|correct)|am i (?:right|close|on track|"
    r"reading (?:that|this|you|it) (?:right|correctly))|does that sound (?:right|accurate|about right)|"
    r"is that a fair (?:summary|read|way to put it))\W*$"
)
# "I assume the furniture stays?": the speaker's inference put as a question checks a claim, yes or no.
_INFER_Q = re.compile(
    r"^(?:i (?:assume|take it|guess|suppose|gather|presume|imagine)|i'm (?:guessing|assuming))(?: that)?"
    r"(?! (?:i|we|i'm|we're|i'll|we'll|i'd|we'd|i can|we can|us|my|our)\b) "
)
_RHETORICAL = re.compile(
    r"\b(?:who (?:knows|cares|wouldn't|doesn't|could blame|would(?:n't)? (?:want|say no))|"
    r"what choice (?:do|did|does) (?:i|we|they) have|what (?:else )?(?:can|could) (?:i|we) (?:possibly )?(?:say|do)\b(?! (?:to|for) )|"
    r"how (?:could|can|would) (?:i|we|anyone|anybody) (?:possibly|ever)|why would (?:anyone|anybody|someone)\b|"
    r"why (?:wouldn't|won't) you (?:just )?(?:take|accept|sign)|why (?:would|should) (?:i|we|anyone|anybody) "
    r"(?:ever|even|possibly|bother)|isn't (?:it|that) obvious|are you (?:kidding|serious|joking|crazy|out of your mind)|"
    r"what's (?:not to like|the point|the harm|the big deal)|you know what\b|guess what\b|what do you expect|"
    r"how hard (?:can|could) it be|who (?:would|could) ever|what are the odds|since when\b|am i supposed to|"
    r"(?:isn't|is) that what (?:we|everyone|everybody) (?:all )?want|don't we all|doesn't everyone|who doesn't|"
    r"who isn't|how (?:dare|many times do i have to)|what kind of (?:offer|deal|joke) is that|"
    r"do you (?:really )?(?:think|expect) (?:i|we)(?:'m| am|'re| are| would| will| could)|"
    r"what (?:planet|world) are you|is this a joke|seriously\?|really\?|"
    # An exclamatory question ("Who charges $400 for that?!") and "Tell me about it!" (= "I know") ask nothing.
    r"\?\s*!|!\s*\?|(?:can|could|would) you (?:even )?believe\b|believe it or not|^tell me about it(?:\s*!|\s*[-—–,:;.]+\s*(?:i|i'm|i've|we|we're|we've|our|my|same|us)\b))"
)
_INDIRECT_YN = re.compile(
    r"^i (?:don't know|do not know|wonder|was wondering|am wondering|'m wondering|'m not sure|am not sure) (?:if|whether)\b"
)
_WONDER = re.compile(r"^i (?:wonder|was wondering|am wondering|'m wondering)\b")
_FIRST_PERSON_START = re.compile(r"^(?:i|i'm|i've|i'd|i'll|we|we're|we've|we'd|we'll|my|our|me)\b")

WINDOW_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "first_step",
        re.compile(
            r"\b(?:first step|next step|first move|where (?:do|should|would|could) we (?:start|begin)|"
            r"how (?:do|should|would|could) we (?:start|begin|get started|move forward|proceed)|"
            r"what (?:would|should|could|do) (?:we|you) do (?:first|next)|what comes next|"
            r"what (?:happens|would happen) next|get (?:the ball rolling|started)|"
            # "what's the first thing you'd want us to do", "the first thing we should do"
            r"first thing (?:you'd|ud|u'd|you would|u would|you|u) (?:want|need|like|ask)|"
            r"first thing (?:we|i) (?:should|could|would|need to|have to|can) do)"
        ),
    ),
    (
        "past",
        re.compile(
            # "has this happened before?", not "before we get to numbers" or "the pool before the money"
            r"\b(?:in the past|before\b(?!\s+(?:we|i|i'm|you|u|anything|any|numbers|getting|talking|going|signing|the|that|"
            r"this|it|then|[a-z]+day|\d))|previous|previously|last time|last year|historically|"
            r"what (?:has|have|had) (?:worked|helped|gone)|what's worked|what worked|"
            r"how did (?:you|that|it|they)|what did you (?:do|try)|what happened (?:with|when|last|the)|"
            r"have you (?:ever )?(?:done|tried|handled|dealt)|been burned|experience with|used to)"
        ),
    ),
    (
        "concerns",
        re.compile(
            r"\b(?:concern|worr|hesita|reservation|what's holding|what is holding|holding you back|"
            r"give[s]? you pause|what's stopping|what is stopping|keeps? you up|nervous|"
            r"uneasy|bother(?:s|ing)? you|risk|afraid|fear|what could go wrong|downside|"
            r"what's in the way|obstacle|sticking point|makes? you uncomfortable|hesitant)"
        ),
    ),
    (
        "needs",
        re.compile(
            r"\b(?:what (?:do|would|will) you need|what do you want|what are you looking for|"
            r"what (?:is|'s|are) (?:most )?important|what matters|matter(?:s)? most|what would (?:it|you) take|"
            r"what would (?:make|help|work)|what (?:are|is) your (?:priorit|goal|need|must|requirement|ideal)|"
            r"what would (?:a )?(?:good|great|ideal|successful)|what does (?:success|a good)|"
            r"what are you hoping|what do you hope|what would you like|need(?:s)? from (?:me|us)|"
            r"what's driving|what is driving|your priorities|your needs)"
        ),
    ),
    (
        "tell_me_about",
        re.compile(
            r"\b(?:tell me about|tell us about|walk me through|talk me through|take me through|"
            r"run me through|describe|paint me a picture|fill me in|give me (?:a sense|the background|an overview)|"
            r"help me understand|tell me (?:how|what|why) )"
        ),
    ),
)


@dataclass(frozen=True)
class QuestionShape:
    """What the question rules found in one turn, with the text that triggered each finding."""

    open: str | None  # cue text of an open question, or None
    closed: str | None
    tag: bool  # a "..., right?" confirmation question
    declarative: bool  # a statement ending in '?' ("You can do $4?")
    rhetorical: str | None
    window: str | None
    window_cue: str | None
    tell_me_more: str | None


def _classify_sentence(raw: str) -> tuple[str | None, str | None, bool, bool, str | None]:
    """(open cue, closed cue, tag?, declarative?, rhetorical cue) for one sentence."""
    low = normalise(raw).strip("\"' ")
    s = strip_fillers(low)
    qmark = low.rstrip(" .!\"')").endswith("?")  # "What course?..." is still a question
    rhet = _RHETORICAL.search(s)
    if rhet and rhet.group(0).startswith("tell me about it") and qmark:
        rhet = None  # "Tell me about it, what happened?" is the invitation after all
    if rhet and (qmark or not _OPEN_INVITE.search(s) or rhet.group(0).startswith("tell me about it")):
        return None, None, False, False, rhet.group(0)
    invite = _OPEN_INVITE.search(s)
    if invite:
        return invite.group(0), None, False, False, None
    if _PROPOSAL.match(s):
        # "How about $5 a unit?" proposes a term; the ask rules judge it, it invites no answer beyond yes/no.
        return None, None, False, False, None
    wh = (None if _WH_SAYING.match(s) else _WH_START.match(s)) or (_WH_BARE_TAIL.search(s) if qmark else None)
    closed = _CLOSED_START.match(s) if not qmark else _CLOSED_START_Q.match(s)
    if not wh and not closed and (qmark or _SPOKEN_TAIL.search(s)):
        wh = _WH_LATE.search(s)
    if wh:
        # "Which do you prefer, six or eight weeks?": alternatives offered make a wh-question closed.
        choice = _CHOICE.search(s)
        either_or = _EITHER_OR.search(s)
        if either_or and (s.startswith("which") or choice or _LISTED_OR.search(s)):
            return None, (choice or either_or).group(0), False, False, None
        if qmark or wh.start() > 0 or _SPOKEN_WH.match(s):
            # A spoken "what do you think about it" needs no '?'; "what I'm hearing is ..." is a statement.
            return wh.group(0).strip(" ,:—–-"), None, False, False, None
    if qmark and _CHECK.match(s):
        return None, "check of understanding", True, False, None
    tag = _TAG.search(s) if qmark else _SPOKEN_TAG.search(s)
    if tag and not closed:
        return None, "tag question", True, False, None
    if closed and not (not qmark and _FIRST_PERSON_START.match(s)):
        return None, closed.group(0), False, False, None
    late = _CLOSED_LATE.search(s) if qmark else _CLOSED_LATE_SPOKEN.search(s)
    if late:
        return None, late.group(0).strip(" ,:;"), False, False, None
    if qmark and _CHOICE.search(s):
        return None, _CHOICE.search(s).group(0), False, False, None  # type: ignore[union-attr]
    if _INDIRECT_YN.match(s) and (qmark or _WONDER.match(s)):
        # "I wonder if they sent the forms?" asks a yes/no question indirectly.
        return None, _INDIRECT_YN.match(s).group(0), False, False, None  # type: ignore[union-attr]
    if qmark and _INFER_Q.match(s):
        return None, _INFER_Q.match(s).group(0), False, True, None  # type: ignore[union-attr]
    if qmark and len(s.split()) > 1 and not _FIRST_PERSON_START.match(s):
        return None, "declarative question", False, True, None
    return None, None, False, False, None


def question_shape(text: str) -> QuestionShape:
    """Find open/closed questions, tags, rhetorical questions, the window and a tell-me-more in `text`."""
    open_cue = closed_cue = rhet = None
    tag = declarative = False
    for raw in sentences(text) or [text]:
        o, c, t, d, r = _classify_sentence(raw)
        open_cue = open_cue or o
        if c and not closed_cue:
            closed_cue, tag, declarative = c, t, d
        rhet = rhet or r
    low = normalise(text)
    window = window_cue = None
    if open_cue or closed_cue:
        for name, pattern in WINDOW_PATTERNS:
            m = pattern.search(low)
            if m:
                window, window_cue = name, m.group(0)
                break
    tmm = _TELL_ME_MORE.search(low)
    tell_me_more = (
        tmm.group(0) if tmm and (open_cue or low.endswith("?") or tmm.group(0).startswith("tell")) else None
    )
    if tell_me_more and not open_cue:
        open_cue = tell_me_more
    return QuestionShape(open_cue, closed_cue, tag, declarative, rhet, window, window_cue, tell_me_more)
