"""Summaries: does a turn restate what the counterpart said, how much of it, and does it invent anything."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from .text import AMOUNTS, content_stem_list, content_stems, normalise, stem, strip_fillers

_CUE = re.compile(
    r"(?:^|\b)(?:so )?(?:(?:what i'?m hearing|what i hear|i'?m hearing)(?! from (?!you\b))|i hear (?:you|that|what)|it sounds like|sounds like|"
    r"it seems like|seems like|it seems (?:that|you)|you'?re saying|you are saying|what you'?re saying|what you said|"
    r"if i (?:heard|hear)|if i'?m understanding|let me (?:make sure|see if|check|recap|summari[sz]e|"
    r"play (?:that|it|this) back|repeat|reflect)|to (?:recap|summari[sz]e|sum up)|in other words|so for you|"
    r"you (?:mentioned|said|told me|noted|explained|described|raised|pointed out)|"
    r"your (?:main |biggest |real |key |core |primary |top )?(?:concern|worry|point|issue|priority|goal|fear|problem|"
    r"constraint|need|hesitation)s? (?:is|are|was|were|seems?)|correct me if|basically,? you|"
    r"so (?:you|your|the|it's|that's|they|it|what)\b|you (?:feel|felt|seem|sound|'re feeling|are feeling)|"
    r"from what you(?:'ve| have)? (?:said|described|told)|you'?ve been|you have been|"
    r"(?:it|that) must (?:be|have been)|for you,? (?:the|it)|you(?:'re| are) (?:worried|concerned|frustrated|"
    r"nervous|afraid|stuck|looking|hoping|trying|under|not|feeling|tired|unhappy|happy|upset|stressed|unsure|"
    r"torn|saying|telling))"
)
# what comes with the message: "hiring plan attached", "volumes below, as promised", "I've enclosed the forecast"
_SENT_OVER = re.compile(
    r"\b(?:attached|enclosed|herewith|(?:see|are|is|pasted|listed) below|below,? as (?:promised|asked|requested)|"
    r"as promised|i'?(?:ve|m) (?:attaching|sending|enclosing|forwarding))\b"
)
_STRONG_CUE = re.compile(
    r"(?:(?:what i'?m hearing|what i hear|i'?m hearing)(?! from (?!you\b))|it sounds like|"
    # "I hear that X is what you're weighing" reflects them; "I hear that rates are up" is hearsay.
    r"^i hear (?:that|what)\b(?=[^.?!]*\b(?:you|your|you're)\b)|sounds like you|you'?re saying|what you'?re saying|"
    # "If I understand you/correctly…" reflects; "If I understand the market…" is the speaker's own reading of the world.
    r"if i (?:understand|heard|follow|get)(?= (?:you|your|what|where|why|how|correctly|right|properly|good|well|it|this|that|"
    r"things|the (?:situation|point|problem|issue|gist|concern))\b|\s*[,.;:!?—–-]|$)|if i'?m understanding|"
    r"let me (?:make sure|see if|recap|summari[sz]e|play)|"
    # Check-in openers that announce a play-back ("If I've got this right…", "What I'm taking away is…").
    r"if i'?ve (?:got|understood|heard|read) (?:this|that|it|you|everything)|if i'?m (?:following|reading you|getting this)|"
    r"if i follow|as i understand (?:it|you|things)|the way i (?:hear|understand|read) it|"
    r"what i'?m (?:taking away|getting|picking up|understanding)|my (?:takeaway|understanding) is|what i take away|"
    r"(?:just )?to (?:play|read|say) (?:it|that|this|those) back|playing (?:it|that|this) back|"
    r"just so i'?m clear|just to (?:check|confirm|be sure|make sure) i|to make sure i (?:understand|heard|have|'ve got)|"
    r"to (?:recap|summari[sz]e|sum up)|(?:here'?s|heres|here is) (?:my|a quick|the) (?:recap|summary)\b|in other words|you (?:mentioned|said|told me)|correct me if|"
    r"you (?:feel|seem|sound|'re feeling|are feeling)|you(?:'re| are) (?:worried|concerned|frustrated|nervous|afraid|"
    r"stuck|feeling|unhappy|upset|stressed|unsure|torn)|your (?:main |biggest |real |key )?(?:concern|worry)|"
    r"it must (?:be|have been)|that must (?:be|have been)|"
    # The speaker's inference about the other side ("I'm guessing you're...", "I gather you...") is a reflection.
    r"^(?:(?:huh|oh|ah|hm+|gee)[,\s]+)*(?:i'?m guessing|i gather|i take it|i imagine|i suspect|i suppose|i bet|"
    r"i(?:'d| would) (?:guess|imagine|think)|i assume|i presume|my guess is|my sense is|i sense|i get the sense|"
    r"i get the feeling|i can (?:see|hear|tell) (?:that |how |why )?)(?: that)? ?(?:you|your|this|it|that|things|the)\b|"
    r"^(?:i know|i can (?:only )?imagine|i understand) how (?:(?:really|very|so|incredibly) )?(?:hard|difficult|tough|"
    r"frustrating|stressful|painful|terrible|awful|overwhelming|scary|exhausting|upsetting|draining|worrying)\b|"
    r"(?:it|this) (?:appears|seems) (?:that |like |as if |as though )?(?:you|your)\b|apparently,? (?:you|your)\b|"
    r"you(?:'re| are| have been|'ve been) (?:wondering|struggling|dealing|going through|grappling|carrying|juggling|"
    r"caught|left|facing|coping)\b|"
    # Naming their feeling as understandable is a reflection of it ("It makes sense you'd be cautious").
    r"(?:it|this|that)(?:'s| is) (?:\w+ )?(?:ok|okay|normal|natural|understandable|not uncommon|common|no wonder|"
    r"not surprising) (?:to feel|to be (?:\w+ ){0,2}(?:nervous|worried|anxious|afraid|scared|cautious|hesitant|upset|"
    r"frustrated|angry|sad|overwhelmed|stressed|wary|unsure)|that you|you|for you|if you)\b|"
    r"(?:it|that) makes (?:complete |total |perfect )?sense (?:that )?(?:you|your)\b|no wonder (?:you|your)\b|"
    r"(?:this|that|it) (?:sounds|must feel|must be|seems) (?:like )?(?:a |an )?(?:(?:really|very|so|pretty|"
    r"incredibly|truly|quite|extremely) )*(?:difficult|hard|tough|frustrating|stressful|painful|overwhelming|scary|"
    r"exhausting|upsetting|challenging|rough|draining|discouraging|confusing|lonely|worrying|unsettling|awkward|"
    r"sore|touchy|sensitive|tricky|delicate)\b|"
    # "that must put you in a really awkward spot", "it must leave you stuck in the middle"
    r"(?:it|that|this) must (?:put|leave|make) you\b|"
    r"(?:sounds|seems) like (?:that'?s|it'?s|this is|that is|it is) (?:a |an )?(?:bit of a |real |sore |touchy |"
    r"sensitive |tricky |difficult |hard |tough |awkward |delicate )+(?:point|subject|spot|topic|one|position|place)\b)"
)
# Naming how it must feel for them, with nothing else in it: "that must put you in a really awkward spot", "sounds
# like that's a bit of a sore point", "that must be so hard". A play-back of their feeling, whatever words it shares.
FEELING_LABEL = re.compile(
    # (what may come before it: "oh", "omg", "i hear u", "that's awful", …)
    r"^\W*(?:(?:oh|ah|wow|gosh|god|ugh|ok|okay|right|yeah|and|oof|ouch|omg|oh no|that makes sense|i see|i guess|i bet|"
    r"i imagine|i hear (?:you|u)|i get (?:it|that)|(?:that|this)(?:'s| is|s) (?:terrible|awful|horrible|rough|sad|hard|"
    r"tough))\W+)*"
    r"(?:(?:it|that|this) must (?:be|have been|feel|have felt|put you|leave you|make you)|"
    r"must (?:be|have been) (?:so |really |very |pretty |quite )?(?:awkward|hard|tough|difficult|stressful|exhausting|frustrating|annoying|painful|lonely|"
    r"rough|a lot|a worry|worrying|draining)\b|"
    r"(?:(?:it|that|this) )?(?:sounds|seems) (?:like )?(?:that'?s |it'?s |this is |that is |it is )?"
    r"(?:a |an )?(?:(?:bit of a|real|really|very|so|pretty|incredibly|quite|genuinely|truly|absolutely|awfully) )*"
    r"(?:difficult|hard|tough|frustrating|stressful|painful|overwhelming|scary|exhausting|upsetting|rough|draining|"
    r"worrying|awkward|sore|touchy|sensitive|tricky|delicate|lonely|fear|worry|headache|blow|"
    r"lot to (?:juggle|carry|deal with|handle|manage|take on|process|hold))\b|"
    # "u must have been absolutely devastated", "i hear u, u feel like the scapegoat", "I can see why that would worry
    # you", "38k is a lot to carry on ur own": their feeling named (faithful or not, the play-back check decides)
    r"(?:you|u) must (?:be|have been|feel|have felt) (?:\w+ ){0,2}?(?:so |really |very |absolutely |pretty )?(?:tired|"
    r"exhausted|worried|stressed|frustrated|fed up|gutted|upset|hurt|angry|furious|devastated|jealous|bitter|"
    r"overwhelmed|anxious|nervous|scared|desperate|heartbroken|annoyed|sick of)\b|"
    r"(?:i (?:hear|get|know) )?(?:you|u) (?:feel|felt) (?:like|as if|as though)\b|"
    r"i can (?:see|understand|imagine|tell|hear) (?:why|how) (?:that|this|it)\b|"
    r"i can (?:hear|see|tell) (?:that )?(?:[\w']+ ){1,6}(?:has|have|is|are|was|were)(?: been)? (?:so |really |pretty |quite )?"
    r"(?:rough|hard|tough|difficult|stressful|a lot|awful|brutal|exhausting|painful|a struggle)\b|"
    r"(?:[\w$.,]+ )?(?:is|'s|s) (?:a lot|so much|too much|heavy) to (?:carry|deal with|handle|take on|manage|hold)\b)"
)
# Advice, directives and affirmations addressed to "you" are not restatements of what the other side said.
_ADVICE = re.compile(
    r"\b(?:should|ought to|it (?:would|might|could|will) be (?:more |most |really |very )?(?:beneficial|better|best|"
    r"helpful|wise|good|smart|worth)|you (?:both |all |guys |two )?(?:need|have|got|must) to|you have (?:every|the) right|"
    r"don't ever|never let|make sure|you(?:'re| are| seem| sound| look)(?: so| really| very| too| clearly)? (?:valid|"
    r"enough|not alone|worth|strong|brave|capable|smart|resilient|self[- ]aware|thoughtful|wise|mature|kind|caring|"
    r"doing (?:great|well|the right))|you(?:'ll| will) be (?:fine|ok|okay|alright|all right|on the|better|great)|"
    r"you (?:can|could|may|might) (?:try|want|consider|always))\b"
)
_EMOTION = re.compile(
    r"\b(?:worried|concerned|frustrat\w*|nervous|afraid|anxious|upset|stressed|overwhelmed|burned|burnt|"
    r"disappointed|angry|annoyed|tired|exhausted|unsure|torn|stuck|scared|hurt|pressured|squeezed|stretched|"
    r"difficult|hard|tough|painful|rough|worry|fear|relieved|excited|happy)\b"
)
# A turn that opens with the speaker's own position is the user arguing, not restating the counterpart.
_OWN_VIEW = re.compile(
    r"^(?:i|i'm|i've|i'd|i'll|me|my|we|we're|we've|we'd|we'll|our|let me tell you|personally)\b"
)
# Paraphrase families: a summary may say "cash" for "budget" or "worried" for "concerned".
_SYNONYMS = {
    stem(w): group
    for group, members in {
        "money": "money cash budget funds funding capital spend spending",
        "worry": "worry worried concern concerned nervous anxious afraid fear uneasy",
        "late": "late delay delayed delays slow slipped behind overdue",
        "price": "price prices pricing cost costs rate rates fee fees",
        "tight": "tight short limited squeezed stretched",
        "deliver": "deliver delivery deliveries shipment shipments shipping",
        "pay": "pay paid payment payments salary wage compensation",
        "job": "job work role position",
    }.items()
    for w in members.split()
}


def canonical_stems(stems: set[str]) -> set[str]:
    """Stems with near-synonyms folded together, so a restatement in slightly other words still matches."""
    return {_SYNONYMS.get(s, s) for s in stems}


@dataclass(frozen=True)
class SummaryShape:
    """The summary rule's finding for one turn: a decision, the overlap and the cue that triggered it."""

    is_summary: bool
    overlap: float  # share of the turn's content words that come from the context
    shared: tuple[str, ...]
    cue: str | None


_YOU_FORM = re.compile(
    r"^(?:so,?\s+|and so,?\s+|in your post,?\s+)?(?:you|you're|you've|you'd|your|you all|you guys)\b"
    r"(?!\s+(?:know\b|need to|have to|must|should|better|can have|could have|get\b|can take|could take|will|'ll|can\b|could\b|might|may)|'ll\b)"
)
_SO_FORM = re.compile(
    r"^(?:(?:oh|well|uh|um|and|yeah|okay|ok|now|but|like|right)[,\s]+)*so[,\s]+(?:you|your|it|it's|that|that's|they|they're|there|there's|this|these|those|the|he|she|he's|she's|"
    r"basically|what|for|in|if|now|then)\b"
)
# A "So …" opener with any subject other than the speaker ("So price isn't the problem…") introduces a reading.
_SO_ANY = re.compile(
    r"^(?:(?:oh|well|okay|ok|right|and)[,\s]+)*(?:so|in short|in a nutshell|long story short|basically)[,\s]+(?!(?:i|i'm|i've|i'd|i'll|we|we're|we've|we'd|we'll|let's|let|"
    r"how|what about|can|could|would|will|do|does|did|is|are|should|shall|anyway|yeah|yes|um|uh|no(?=\s*[,.!?]|\s*$)|ok|okay)\b)[a-z]"
)
# "Price isn't the problem, it's…", "It's not the hours, it's…": the contrast that re-centres what they said.
_CONTRAST = re.compile(
    r"\b(?:isn't|is not|wasn't|aren't|not) (?:really |actually )?(?:the|your|about the|about your) (?:\w+ )?"
    r"(?:problem|issue|concern|sticking point|obstacle|blocker|point|worry)\b|\bit's not (?:the|about|that)\b[^,;—–-]*"
    r"[,;—–-]+\s*(?:it's|but)\b"
)
_NEXT_CLAUSE = re.compile(r"[,;:—–-]\s+(?:and |but |so )?")
_CHECK_ONLY = re.compile(r"^(?:is that|did i|have i|do i|am i|does that)\b[^.;]*\?\W*$")
_TRAILING_CHECK = re.compile(
    r"(?:[,;:.!?—–-]\s*|\s)(?:did i (?:get|understand)|have i (?:got|understood)|do i have|am i (?:right|close|reading))"
    r"\b[^.;]*\?\W*$"
)
_SECOND = re.compile(r"\b(?:you|your|you're|you've|you'd|you'll|yours)\b")
_FIRST = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|my|me|mine|we|we're|we've|we'd|we'll|our|ours|us)\b")
# Agreement, thanks and backchannels react to the counterpart without restating them.
# A turn of nothing but interjections and one-word verdicts ("Ugh. Fine.", "Hmm, interesting.") reacts.
_REACTION_ONLY = re.compile(
    r"^(?:(?:ugh|hmm+|hm+|huh|oh|ah|aha|wow|whoa|yikes|geez|jeez|lol|haha|ok|okay|fine|interesting|great|sure|cool|nice|"
    r"noted|alright|all right|right|well|yeah|yes|no|nope|really|good|gotcha|got it|i see|thanks|thank you)\W*)+$"
)
# The speaker's verdict on their words ("11 cents is insane", "lol no") rejects them; it does not play them back.
_VERDICT_ON = re.compile(
    r"\b(?:insane|crazy|ridiculous|absurd|outrageous|nuts|a joke|laughable|robbery|a rip-?off)\b|^(?:lol |haha )?(?:no|nope|no way|nah)\b"
)
_REACTION = re.compile(
    r"^(?:yeah|yes|right|exactly|sure|okay|ok|uh-huh|i see|that's (?:right|true|great|good|neat|interesting|fine|"
    r"fair|correct|it)|true|absolutely|definitely|of course|thanks|thank you|great|good|wow|really|no|nope|"
    r"oh (?:really|wow|no|yeah))\W*$"
)


# The counterpart's line is a backchannel ("Uh-huh.", "Yeah, right.") or asked us something: nothing to restate.
_BACKCHANNEL = re.compile(
    r"^(?:(?:uh-huh|uh huh|um-hum|mm-hmm|mhm|hm+|yeah|yep|yes|right|okay|ok|oh|uh|um|huh|sure|really|well|i see|"
    r"wow|no|and|so|but|or|gee|i know|exactly|true|that's right|that's true|i guess|you know)\W*)*$"
)
# Evaluations, thanks, farewells and stance markers react to the counterpart or give the speaker's own view.
_EVALUATION = re.compile(
    r"^(?:(?:oh|well|hm+|gee|boy|wow|sure|yeah|now)[,!\s]+)*"
    r"(?:(?:that|this|it|those|these|they)(?:'s| is| was| were| are| will be|'ll be| would be|'d be| sounds| seems| must be)?"
    r"(?: (?:really|pretty|so|very|sort of|kind of|quite|just|definitely|absolutely|such|a|an|too|exactly|always))*"
    r" (?:great|good|nice|neat|cool|fun|interesting|wonderful|awesome|amazing|incredible|lovely|fine|terrific|"
    r"fantastic|excellent|super|perfect|true|right|correct|fair|it|bad|awful|terrible|sad|scary|shame|pity|"
    r"crazy|funny|weird|strange|exciting|tough|hard|easy|helpful|unacceptable|impossible|ridiculous|unfair|"
    r"reasonable|difficult|stressful|frustrating|painful|rough|awkward|unfortunate|a (?:good|fair|great) (?:one|idea|"
    r"point|question|deal|plan)|a plan|a deal)\b"
    r"|(?:sounds|seems|looks) (?:really |pretty |very )?(?:good|great|fine|fair|right|reasonable|ok|okay|like a plan)\b"
    r"|(?:thanks|thank you|good luck|take care|bye|goodbye|have a (?:good|nice|great)|nice (?:talking|meeting)|"
    r"(?:all right,? )?you too|same here|go ahead|good to (?:know|hear)|no worries|not (?:possible|an option)|"
    r"out of the question|never mind|will do|fair point|(?:that|this|it) (?:works|would work|could work)|"
    r"(?:happy|glad) to (?:help|hear|do)|my pleasure|you're welcome|"
    r"for goodness|good (?:heavens|grief|night|point)|my goodness|"
    r"of course|fair enough|no problem|not (?:really|necessarily|at all|a chance|exactly)|makes sense|got it|"
    r"understood|noted|agreed|deal|perfect|congratulations|welcome|sorry|excuse me|let's see|let me see))"
)
_STANCE = re.compile(
    r"\b(?:honestly|frankly|to be honest|actually|in fact|look|listen|the truth is|in my (?:view|opinion|experience)|"
    r"non-?negotiable|our policy|the policy|nobody|no one|i think|i guess|i believe|i'm sure|you should|you need to|"
    r"you have to|you must|you'd better|you ought|you might want|you may want|"
    # General statements and the speaker's judgments ("Everyone pays that rate.", "The price is fair.") are not
    # restatements of the other side.
    r"everyone|everybody|always|usually|typically|normally|generally|in general|market|industry|standard|"
    r"included|includes|(?:is|are|'s|seems?) (?:\w+ )?(?:fair|reasonable|competitive|justified|worth it))\b"
)
# Markers of an elliptical reformulation: "..., then.", "..., you mean.", "Especially X.", "More like X."
_REFORM_MARK = re.compile(
    r"(?:,\s*(?:then|you mean|huh)\W*$|\byou mean\b|^(?:(?:oh|ah|so|and|or|but)[,\s]+)*(?:so|like|kind of|sort of|"
    r"more like|especially|instead of|rather than|as opposed to|just|only|not even|even|mostly|mainly|all|"
    r"because|with|without|from|for|by|at least|then|and then)\b|\b(?:less|more|not so much) about\b)"
)
# "What a week!", "How awful that must be" exclaim about what they said; they do not restate it.
_EXCLAIM = re.compile(
    r"^(?:what an? |how (?:\w+ )?(?:awful|great|nice|crazy|annoying|frustrating|lucky|funny|weird)\b|wow\b)"
)
# a question typed without its mark: "how big is the pool", "when does the freeze end"
_ASKS = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|but|then)\W+)?(?:how (?:big|much|many|long|often|far|old|soon|large|small) "
    r"(?:is|are|was|were|do|does|did|will|would|can|could)\b|"
    r"(?:who|when|where|which) (?:is|are|was|were|do|does|did|will|would|can|could)\b)"
)
_CLAUSE_END = re.compile(r"[,;:]\s+(?:and |but |so |perhaps |maybe )?(?=i\b|i'|we\b|we'|my\b|our\b)")
_CTX_QUESTION = re.compile(r"\?\W*$")


def _informative(context: str) -> bool:
    """The counterpart said something to restate: several words, not a backchannel, not a question to us."""
    low = strip_fillers(normalise(context))
    return len(low.split()) >= 4 and not _BACKCHANNEL.match(low) and not _CTX_QUESTION.search(low)


def _reformulation(low: str, raw: str, n_words: int, shared: int, context: str) -> str | None:
    """An elliptical restatement of an informative context line: short, not the speaker's view, not a reaction.

    "Three hours difference.", "So it's a good workout.", "Especially before the launch." restate what the
    counterpart just said in a clipped form; a longer declarative needs a shared word or a reformulation marker.
    """
    if not n_words or n_words > 14 or low.endswith(("?", "!")) or _FIRST.search(low) or _EXCLAIM.match(low):
        return None
    if _ASKS.match(low):
        return None  # "how big is the spot bonus pool": asked without its question mark
    if _EVALUATION.match(low) or _EVALUATION.match(raw) or _STANCE.search(low):
        return None
    if not _informative(context):
        return None
    said = normalise(context)
    # Amounts, durations and dates the counterpart never said are new information, not a clipped restatement.
    if any(m.group(0) not in said for m in AMOUNTS.finditer(low)):
        return None
    mark = _REFORM_MARK.search(low)
    if shared and n_words <= 14:
        return "reformulates their words"
    if mark and n_words <= 10:
        return f"reformulation: {mark.group(0).strip(' ,')}"
    if n_words <= 5:
        return "elliptical reformulation"
    return None


_PLAYBACK_OPENER = re.compile(
    r"^(?:so,?\s+)?(?:you(?:'re| are) (?:willing|happy|ok|okay|fine|open|saying|asking|looking)|you(?:'d| would) "
    r"(?:rather|prefer|be willing|be happy|be fine|be ok)|you want|you need|you said|you mentioned)\b"
)


_VERDICT = re.compile(
    r"^(?:(?:it|that|this) )?(?:sounds|seems|looks) like (?:a|an) (?:(?:good|great|fair|solid|reasonable|nice) )?"
    r"(?:plan|deal|idea|start|compromise|bargain)\b"
)


def opens_as_playback(text: str) -> bool:
    """The turn opens by playing the other side back ("What I'm hearing is…", "So you…", "You're willing to…")."""
    low = strip_fillers(normalise(text))
    if _VERDICT.match(low):
        return False  # "Sounds like a plan, let's…" agrees and moves on
    return bool(_STRONG_CUE.match(low) or _PLAYBACK_OPENER.match(low) or _SO_FORM.match(normalise(text)))


def _overlap_with(
    text: str, context: str, context_stems: Collection[str] | None
) -> tuple[Collection[str], list[str], tuple[str, ...], float]:
    """What was said (as canonical stems), the turn's stems, the ones it shares with what was said, and the share
    of the turn's words that are theirs."""
    if context_stems is not None:
        ctx = context_stems
    else:
        ctx = canonical_stems(content_stems(context)) if context else set()
    canon_turn = [_SYNONYMS.get(s, s) for s in content_stem_list(text)]
    shared = tuple(dict.fromkeys(s for s in canon_turn if s in ctx))
    overlap = len([s for s in canon_turn if s in ctx]) / len(canon_turn) if canon_turn else 0.0
    return ctx, canon_turn, shared, overlap


def _framing_points(
    low: str,
    text: str,
    cue: str | None,
    strong: bool,
    weak_cue: bool,
    form: re.Match[str] | None,
    checking: bool,
    own: object,
) -> tuple[int, str | None, bool, re.Match[str] | None]:
    """Points for how the turn is framed as a play-back (a reflective cue, "you" or "so" form, "it's not X, it's
    Y"), the cue to quote, and whether it opens with "so" and holds a contrast."""
    score = 3 if strong else 1 if weak_cue else 0
    if form:
        # A confirmation question in "you" form is only a summary when it reuses what they said.
        score += 1 if checking else 3
        cue = cue or form.group(0).strip()
    so_any = not form and bool(_SO_ANY.match(low) or _SO_ANY.match(normalise(text)))
    if so_any:
        score += 1
        cue = cue or "so …"
    contrast = _CONTRAST.search(low)
    if contrast and not own:
        score += 1
        cue = cue or contrast.group(0)
    return score, cue, so_any, contrast


def _asks(low: str) -> bool:
    return low.rstrip(" .!\"')").endswith("?")


def _advises_or_exclaims(low: str, strong: re.Match[str] | None, form: re.Match[str] | None) -> bool:
    """Advice not opened by a reflection, or an exclamation without a play-back form ("That's a huge jump from
    last year!", "What a week!"): it reacts to their words, it does not restate them."""
    if _ADVICE.search(low) and not (strong and strong.start() == 0):
        return True
    return not (strong or form) and (low.rstrip(" \"')").endswith("!") or bool(_EXCLAIM.match(low)))


def _perspective_penalty(
    low: str, context: str, shared: tuple[str, ...], overlap: float, framed: bool, own: object, first: bool
) -> int:
    """Points off for the speaker's own position. Perspective flip: their "you haven't led a project" comes back as
    "I haven't led one". When a turn framed as a play-back (a cue, "So …", a check) is mostly their words and they
    were talking about us, the speaker's "I"/"our" is their "you"/"your". Without the framing, the same overlap is
    the speaker's own situation."""
    said = normalise(context) if context else ""
    # A full swap ("the cost falls on our side, not yours" for "that cost is on you, not me") flips both persons:
    # when they spoke of both sides and the turn mostly repeats them with the persons swapped, it is a play-back.
    swapped = bool(_FIRST.search(said)) and bool(_SECOND.search(low)) and len(shared) >= 3 and overlap >= 0.5
    mirrored = (framed or swapped) and bool(_SECOND.search(said)) and len(shared) >= 3 and overlap >= 0.4
    if own and not (swapped and mirrored):
        return 3
    if first and not mirrored:
        return 1
    return 0


def _restatement_points(
    low: str,
    text: str,
    context: str,
    ctx: Collection[str],
    canon_turn: list[str],
    shared: tuple[str, ...],
    overlap: float,
    reflective: bool,
    own: object,
    first: bool,
    strong: re.Match[str] | None,
    form: re.Match[str] | None,
) -> tuple[int, str | None]:
    """The restatement test: words the counterpart actually used (or close paraphrases) come back. Points for it,
    and the reformulation cue when the turn puts their words in new ones."""
    points = 0
    if len(shared) >= 3 or (len(shared) >= 2 and overlap >= 0.3):
        points += 3
    elif shared:
        points += 1
    reform = (
        None
        if (strong or form or own)
        else _reformulation(low, normalise(text), len(low.split()), len(shared), context)
    )
    if reform:
        points += 3
    unrelated = len(ctx) >= 3 and len(canon_turn) >= 3 and not shared
    # An explicit reformulation ("Sounds like you...", "Oh, so they...") with no first person is the speaker's
    # reading of the other side even when it puts it in new words.
    reading = reflective and not first
    if unrelated and not (strong and _EMOTION.search(low)) and not reform and not reading:
        points -= 4
    return points, reform


def _names_then_argues(
    low: str, scope: str, strong: re.Match[str] | None, context: str, ctx: Collection[str]
) -> bool:
    """ "You mentioned the budget, and I think our price is fair": the cue names a topic and the rest argues the
    speaker's own view. The reflection must restate something, or the turn is an argument with a cue word."""
    naming = (
        strong is not None
        and strong.start() == 0
        and strong.group(0).startswith(("you mentioned", "you said", "you told"))
    )
    if not (naming and _informative(context)):
        return False
    head = _NEXT_CLAUSE.split(low, maxsplit=1)[0]
    rest = low[len(head) :]
    restated = {s for s in canonical_stems(content_stems(head)) if s in ctx}
    return (
        len(restated) <= 1
        and bool(_STANCE.search(rest) or _FIRST.search(rest))
        and not _EMOTION.search(scope)
    )


def summary_shape(
    text: str,
    context: str,
    is_question: bool = False,
    is_ask: bool = False,
    checking: bool = False,
    context_stems: Collection[str] | None = None,
) -> SummaryShape:
    """Decide whether `text` restates `context`; `checking` = a "..., right?"/"You're at X?" confirmation.

    `context_stems`, when given, are the canonical content stems of everything said (kept as a running set by the
    caller), so a long conversation is not re-tokenised for every turn.
    """
    low = strip_fillers(normalise(text))
    cue_m = _CUE.search(low)
    strong = _STRONG_CUE.search(low)
    ctx, canon_turn, shared, overlap = _overlap_with(text, context, context_stems)
    cue = strong.group(0) if strong else (cue_m.group(0).strip() if cue_m else None)
    if is_ask or is_question or _REACTION.match(low) or _REACTION_ONLY.match(low):
        return SummaryShape(False, overlap, shared, cue)
    # "I gather you...", "My sense is...", "What I'm hearing is...": the first person sits inside the reflective cue.
    inferring = strong is not None and strong.start() == 0 and bool(_FIRST.search(strong.group(0)))
    own = _OWN_VIEW.match(low) and not inferring
    scope = low
    if strong and strong.start() == 0:
        # A turn that opens with a reflection is judged on that clause; "…, and I can help" is an add-on.
        scope = _CLAUSE_END.split(low[strong.end() :], maxsplit=1)[0]
        scope = scope if inferring else strong.group(0) + scope
    # The "I" of a trailing check ("…, did I get that right?") is not the speaker's own position.
    first = bool(_FIRST.search(_TRAILING_CHECK.sub("", scope)))
    form = _YOU_FORM.match(low) or _SO_FORM.match(normalise(text))
    if _advises_or_exclaims(low, strong, form):
        return SummaryShape(False, overlap, shared, cue)
    score, cue, so_any, contrast = _framing_points(
        low, text, cue, bool(strong), bool(cue_m), form, checking, own
    )
    if not (strong or form or so_any) and _VERDICT_ON.search(low):
        return SummaryShape(False, overlap, shared, cue)
    framed = bool(strong or cue_m or form or so_any or contrast or checking)
    score -= _perspective_penalty(low, context, shared, overlap, framed, own, first)
    if checking and context and not shared and (inferring or _CHECK_ONLY.match(low)) and _asks(low):
        # "I assume the furniture stays?", "Is that what you're saying?": a check that reuses nothing they said
        # confirms a new claim (or nothing); it restates nothing.
        return SummaryShape(False, overlap, shared, cue)
    if context:
        points, reform = _restatement_points(
            low,
            text,
            context,
            ctx,
            canon_turn,
            shared,
            overlap,
            bool(strong or form),
            own,
            first,
            strong,
            form,
        )
        score += points
        cue = cue or reform
    if _names_then_argues(low, scope, strong, context, ctx) or (_ASKS.match(low) and not strong):
        return SummaryShape(False, overlap, shared, cue)
    if not strong and _SENT_OVER.search(low):
        # "hiring plan and 12 months of numbers attached": sent over, nothing played back
        return SummaryShape(False, overlap, shared, cue)
    if score >= 3 and not cue and shared:
        cue = f"restates: {', '.join(shared[:4])}"
    return SummaryShape(score >= 3, overlap, shared, cue)
