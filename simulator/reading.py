"""One reading of each user turn, made once with the conversation so far and stored on the turn.

A turn is split into parts; each part gets one act (open or closed question, summary, offer, acceptance,
rejection, pressure, small talk, fact question, thanks, statement, insult, off-topic, another language,
unreadable) and what it is about (a concern, a window, a fact, the terms it names). The policy, the live
coach, Review and the scorecard all read this; nothing downstream labels the turn again.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any, TypeVar, cast

from simulator import act_model, acts
from simulator.conversions import find_conversion
from simulator.deal import answering_issues, parse_term, term_holds
from simulator.evaluation import check_ask, context_from, label_turn
from simulator.evaluation.faithfulness import WAVED_AWAY_BEFORE
from simulator.evaluation.summary import FEELING_LABEL, canonical_stems
from simulator.evaluation.text import content_stems, fold_accents, normalise, phrase_matches, sentences, stem
from simulator.ledger import layers_total
from simulator.offers import (
    CHOICE_WORD,
    IN_MY_PLACE,
    TIME_AFTER,
    describe_terms,
    issues_named,
    quantities,
    read_terms,
    rejected_terms,
    term_figures,
)
from simulator.personas import Issue, Persona
from simulator.quantities import DATE_BEFORE, NUMBER_WORDS
from simulator.transcript import ConcernInfo, Disclosure

ACTS = (
    "open_question",
    "closed_question",
    "summary",
    "offer",
    "accept",
    "reject",
    "pressure",
    "small_talk",
    "fact_question",
    "thanks",
    "statement",
    "insult",
    "off_topic",
    "foreign",
    "unclear",
)
QUESTION_ACTS = ("open_question", "closed_question", "fact_question")
_SECOND = re.compile(r"\b(?:you|your|you're|you've|you'd|you'll|yours|ur|u)\b")
# "we could get to one fifty", "I can stretch to 4,400", "we can come up to 78": a figure reached for
_REACH = r"get (?:you |it |that )?(?:up )?to\b|stretch\b|come up to\b|move (?:up )?to\b|bump (?:it|you|that) (?:up )?to\b"
# a figure of ours put as what is fair: "So something like 4,350 would be fair and in line with the market"
_FAIR_FIGURE_TEXT = (
    r"[$£€]?\d[\d.,]*\s*(?:k|%|percent|m)?(?: (?:a|per) \w+)? would be (?:more than |perfectly |very |quite )?"
    r"(?:fair|reasonable)\b"
)
_FAIR_FIGURE = re.compile(_FAIR_FIGURE_TEXT)
_PROPOSE = re.compile(
    # ("what would you do with it", "how far can you go": open questions, not terms put forward)
    r"\b(?:how about|what about|what if|(?<!what )(?<!how )(?<!far )(?:would you (?:take|accept|do|go|consider|be ok)|"
    r"could you (?:do|go|take|accept)|can you (?:do|go|take|accept|come down|meet)|will you (?:do|take|accept))|"
    # "could we meet at 4550 with 2.5% a year" (asked without a question mark)
    r"(?:could|can|would) we (?:meet (?:at|in)|settle (?:at|on)|say) [$£€]?\d|"
    r"(?<!how )(?<!what )i(?:'d| would| could| can|'ll| will) "
    r"(?:offer|do|pay|give|go|propose|suggest|commit|sign|take|agree|meet|throw in|add|accept|settle|"
    + _REACH
    + r")|"
    r"we(?:'d| would| could| can|'ll| will) (?:offer|do|pay|give|go|propose|commit|sign|agree|meet|add|settle|"
    + _REACH
    + r")|"
    r"i(?:'m| am) (?:asking|offering|proposing|thinking|willing|happy|prepared|able)|(?:i|we) (?:was|were) (?:rather |sort of |kind of |just |actually |really )?thinking\b|"
    r"i(?:'d| would) (?:feel (?:a lot |much |a bit )?(?:better|happier|more comfortable)|be (?:a lot |much )?happier) with|"
    r"let's (?:say|do|go|make it|settle|meet|split)|my offer|our offer|(?:my|our) (?:ask|number) is|counter|i propose|i suggest|"
    # "So I think 82k is fair for me": a figure put as what is fair
    r"(?:i|we) think [$£€]?\d[\d.,]*\s*(?:k|%|percent|m)?(?: \w+)? (?:is|would be) (?:the |a )?(?:fair|right|reasonable|"
    r"about right|correct|sensible|realistic)\b|"
    # "So something like 4,350 would be fair and in line with the market"
     + _FAIR_FIGURE_TEXT + r"|"
    # "so I was going to propose we go to $4,000", "I wanted to suggest 12 months": the proposal announced
    r"(?:i|we)(?:'m| am| was|'re| are| were) (?:going to|gonna|about to) (?:propose|suggest|offer|ask for)\b|"
    r"(?:i|we)(?:'d| would|d)? (?:wanted|want|like|love) to (?:propose|suggest|offer|put forward)\b|"
    # ("i want to understand please why only one year": a question, not a demand)
    r"(?:i|we) want(?! to (?:understand|know|hear|ask|learn|see|check|talk|discuss|be (?:sure|clear|honest)))|"
    # "I'd like 80k", "i would like 15.50 a kilo": the figure wished for is put forward
    r"(?:i|we)(?:'d| would|d) (?:really )?like(?= (?:(?:around|about|roughly|something like|at least|closer to|"
    r"to (?:get|see|have|be at|go to|do|settle at|land at)) )?[$£€]?\d)|"
    r"i need|we need|give me|meet (?:me|us) (?:at|in)|split the difference|in exchange|in return|deal at|"
    # (not what befalls them: "so if you start in march you lose 18k" plays their situation back)
    r"if you(?![^.?!]{0,40}\b(?:you|u)(?:'d| would| will|'ll)? (?:lose|lost|miss|forfeit|give up|walk away from))"
    # (nor a manner: "what that covers, if you can say", "if you don't mind me asking")
    r"(?! (?:can|could|are able to|'re able to|don't mind|do not mind|dont mind|want to) (?:say|share|tell|ask|asking|"
    r"me asking|my asking)\b)|"
    # the verb, not the noun: "cut the pool to 10" but not "a valuation cut in disguise" or "the price drop"
    r"(?<!\ba )(?<!\ban )(?<!\bthe )(?<!\bvaluation )(?<!\bprice )(?<!\bpay )(?<!\bbudget )(?<!\brent )(?<!% )(?<!percent )"
    r"(?:drop|lower|bring|knock|cut(?! to the chase)|reduce|raise|come down)\b)"
)
# Terms put as a yes/no question: "could it be 2?", "can we meet at 9?", "Thursday with the team, is it ok?"
_PROPOSE_Q = re.compile(
    r"\b(?:could|can) (?:it|that) be\b|\b(?:could|can) we (?:do|meet|say|make it|settle|land)\b|"
    r"\bis (?:it|that) (?:ok(?:ay)?|fine|acceptable)\b"
    # "6 is possible?", "6 would work?", "6 ok for you?": the figure put, asked if it will do
    r"|^\W*(?:(?:and|so|but|ok)\W+)?[$£€]?\d[\d.,]*\s*(?:k|%|weeks?|wks?|months?|days?|years?|yrs?)?\s+"
    r"(?:is |would be |would |will )?(?:possible|doable|ok(?:ay)?|fine|work|works)\b(?: for (?:you|u))?\W*\?"
    # "ur number minus 50 cents then?": a figure put as a change on theirs, asked
    r"|^\W*(?:(?:and|so|but|ok|fine)\W+)?(?:your|ur|yr|their) (?:last |own )?(?:ask|asking price|number|offer|price|"
    r"figure|quote|rate) (?:minus|less|take away|plus)\b"
    # "but 3% every year is alot, 2%?": their figure weighed, then one of the user's own put after it, asked
    r"|\d(?:[\d.,]*\d)?\s*(?:k|%)?[^?\d]{0,40}[,;]\s+(?:maybe |say |like |how about |what about )?[$£€]?"
    r"\d(?:[\d.,]*\d)?\s*(?:k|%)?\s*(?:then|instead)?\s*\?+\W*$"
)


def _proposes_as_question(low: str) -> bool:
    """Terms asked as a yes/no ("could it be 2?"), not a wh-question about terms ("what would make net 30 work?")."""
    return bool(_PROPOSE_Q.search(low)) and not _WH_START.match(low) and not _WHY.search(low)


_PROPOSAL_START = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|right|fine|then|and)\W+)*(?:here'?s (?:my|our|an?|the) (?:proposal|offer|idea|plan|deal|thinking)|"
    r"here'?s what (?:i|we)(?:'d| would| could| can)|(?:my |our )?(?:proposal|offer|counter(?:offer)?)\s*:|what if\b|how about\b|"
    r"what about\b|i(?:'d| would) (?:propose|suggest|offer)|let'?s (?:say|do|make it)|in (?:return|exchange)\b)"
)
# a trial balloon with figures in it: "suppose the builders didn't start before 9…"
_TRIAL_BALLOON = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|right|fine|then|and)\W+)*(?:suppose|supposing|imagine|hypothetically|(?:just )?thinking out loud)\b"
)
_NUMBER_SUBJECT = re.compile(
    r"^\W*(?:\w+\W+){0,2}?[$£€]?\d[\d.,]*\s*(?:k|m|%|percent)?\s+(?:is|was|are|were|'s)\b"
)
_IF_WE = re.compile(
    r"\b(?:would it help if|would that help|what if|if (?:we|i) (?:\w+ ){0,2}(?:pay|paid|do|did|give|gave|offer|offered|"
    r"cover|covered|put|add|added|commit|committed|agree|agreed|move|moved|train|trained|drop|dropped|raise|raised|"
    r"increase|increased|guarantee|guaranteed|switch|switched|go|went|came up|come up|went up))\b"
)
_PAST = re.compile(r"\b(?:we|you|i|they) (?:agreed|said|offered|had|paid|told)\b|\bwas\b|\bwere\b")
_SECOND_ASK = re.compile(r"\b(?:but|so|what|how|why|can you|could you)\b")
_CLOSED_NO_MARK = re.compile(
    r"^\W*(?:(?:wait|hmm+|so|ok(?:ay)?|and|but|sorry|just to (?:be clear|check|confirm|clarify|be sure))\W+)*"
    r"(?:is|are|was|were|do|does|did|can|could|would|will)\s+"
    r"(?:it|you|u|that|this|there|we|they|he|she|the|your|ur)\b"
)
# "roles can still change cant they", "thats standard isnt it": a tag that asks, typed without its mark
_TAG_NO_MARK = re.compile(
    r"\b(?:can'?t|don'?t|doesn'?t|isn'?t|aren'?t|won'?t|wasn'?t|didn'?t|wouldn'?t|couldn'?t|haven'?t|hasn'?t|"
    r"shouldn'?t) (?:they|it|you|u|we|he|she|i|there)\W*$"
)
_ALTERNATIVES = re.compile(r"\d\s*(?:k|%)?\s+(?:or|vs\.?|versus)\s+\$?\d")
# Asking which of two things matters more to them: "what matters more to u, the rent or how long the lease is",
# "would u rather start after june, or start in march with a signing bonus", "if you had to choose between …"
_WHICH_MORE = re.compile(
    r"(?:\b(?:what|which)(?:'s|s| is| one)?(?: \w+)? (?:matters?|would matter|counts?) (?:more|most)\b|"
    r"\b(?:what|which)(?:'s|s| is| one| would be)? (?:more|most) important\b|\bcare (?:about )?more\b|"
    r"\bcare more about\b|\bwould (?:you|u) rather\b|\bhad to (?:choose|pick)\b|"
    r"\bwhich (?:would|do|will|one would|one do) (?:you|u) (?:prefer|take|pick|choose)\b|"
    r"\bwhich (?:matters?|counts?) (?:more|most)\b)"
)


def _asks_which(low: str) -> bool:
    """Two things weighed, asked about: "the rent or the deliveries, which matters more?"."""
    return bool(_WHICH_MORE.search(low) and re.search(r"\b(?:or|between)\b", low))


_ASKS_WHICH = "asks which matters more to them"
_WORTH_ASKED = "asks what a term would be worth to them"
_WORKS_SUM = "works a sum out loud"
_WORKS_A_SUM = re.compile(
    r"\d[\d.,]*\s*(?:k|%)?\s*(?:minus|plus|times|divided by|less|x|\*|×)\s*[$£€]?\d[\d.,]*\s*(?:k|%)?\s*"
    r"(?:is|=|equals|makes|comes to|gives|thats|that'?s)\b|\blet me (?:run|do|work out|crunch) (?:the |our |my |some )?(?:numbers|maths?|"
    r"sums?|side)\b|"
    # a share worked out: "15% of 24k is 3,600, so 20,400", "10 percent of 16.80 is about 1.68"
    r"\d[\d.,]*\s*(?:%|percent)\s*of\s*[$£€]?\d[\d.,]*\s*(?:k|m)?\s*(?:is|=|equals|comes to|gives|thats|that'?s)\b|"
    # a total by the period worked out: "at 400 more a month thats 4,800 a year", "ur paying 24k a month = 288k a year",
    # "that's up to 8 weeks lost from just those four", "so about 8 years to pay for the roof"
    r"\b(?:that'?s|thats|that is|which is|which comes to|comes to|works out (?:to|at|as)|adds up to|=)\s*(?:up to |about |"
    r"roughly |like |around |only |just |basically |nearly |almost |over |~)?[$£€]?\d[\d,.]*\s*(?:k\b|grand\b|bucks\b|"
    r"dollars\b|quid\b)?\s*(?:more |less |extra )?(?:a|per|each|every|/|in|over)\s*(?:the )?(?:year|yr|month|mo|week|wk|"
    r"quarter|day)s?\b|"
    r"\b\d+\s*(?:years?|months?|weeks?) (?:to pay (?:for|off|back)|(?:of )?(?:delay|waiting|lost))\b"
)
_WOULD_IT_MATTER = re.compile(
    r"^\W*(?:(?:and|so|ok|great|also)\W+)*(?:would|does|do|is|will) (?:a|an|the|it|that|having|getting)\b[^?]{0,60}\b"
    r"(?:matter|make (?:a|any) (?:difference|dent)|be (?:worth (?:anything|something|much)|important|useful|valuable)|"
    r"mean (?:anything|something|much)|help (?:you|u) at all)\b[^?]{0,12}(?:to|for) (?:you|u)\b"
)
# A yes/no that doubts what they told us: "is it really thirty percent?", "are you sure?", "really? all six?"
_DOUBTS = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|but|and|so|wait|hmm+|come on|cmon|sorry|oh+|ah+|wow|huh)\W+)*(?:is (?:it|that|this) (?:really|actually|true|"
    r"definitely)\b|(?:are|r) (?:you|u) (?:sure|certain|serious)\b|u sure\b|really\b|seriously\b|for real\b|"
    r"(?:did|does|do) (?:it|that|they|he|she) really\b)"
)
# A guess at what is behind it, instead of a question: "I bet …", "I'm guessing …", "let me guess, …", "is it because …"
_GUESS = re.compile(
    r"\b(?:i bet|i'?m guessing|im guessing|guessing|let me guess|my guess is|i suspect|i'?d guess|i assume|"
    r"(?:you|u) must (?:have|be)|"
    r"i take it|is (?:it|this|that) (?:all )?(?:about|because(?: of)?|cos|bc|down to)|(?:has|is) (?:it|this|that) (?:got )?"
    r"(?:something|anything) to do with)\b"
)
_JUST_ASKING = re.compile(r"^\W*(?:i'?m |im )?(?:just|only) (?:asking|wondering|curious|checking)\b")
_LOCATIVE_QUESTION = re.compile(r"^\W*(?:why|how come|where does|where did|where do)\b")
# A first-person commitment or a demand with terms in it: "I can do …", "we'd want …", "… is something I can do".
_COMMIT = re.compile(
    r"\b(?:i|we)(?:'d| would| could| can|'ll| will| are| am|'m|'re)? ?(?:just )?(?:happy to |able to |willing to |prepared to |"
    r"ok (?:with|to) |fine (?:with|to) )?(?:do|pay|give|offer|go (?:to|up|down)|put|add|commit|sign|take|include|"
    r"guarantee|throw in|cover|agree|want|stop|train|move|drop|bring|keep|accept)\b"
    # ("I'll put my cards on the table", "I'll put it plainly": how they will speak, nothing done)
    r"(?! (?:my|our) cards\b| it (?:plainly|bluntly|simply|this way|another way|straight)\b)|"
    r"\bsomething (?:i|we) can do\b|\b(?:i|we) can live with\b|\bsplit the diff|\bscrap (?:them|it|that|the)\b|"
    r"\b(?:no|without) (?:penalt|participat|cliff)"
)
PLEDGE_CUE = "offers to do something"
_NEXT_STEP_CUE = "names what it will send, and when"
# What the user will hand over, and by when, once the terms stand: "k, drawings and forecast by Friday.", "the signed
# lease on monday then": their own next step, not a play-back of anything (it was read as a summary with a day it
# never said, and "put right")
_NEXT_STEP_BY = re.compile(
    r"^\W*(?:(?:k|ok|okay|sure|right|great|perfect|cool|fine|done|deal)\W+)*(?:(?:i'?ll|we'?ll|i will|we will|ill)\s+"
    r"(?:send|get|have|bring|drop)\s+(?:you\s+|u\s+)?)?(?:the |our |my |a |an )?(?!you\b|u\b|ur\b|your\b)[a-z][\w ,&'-]{1,40}? "
    r"(?:by|on|before|first thing) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|"
    r"thurs|fri|tomorrow|tonight|next week|the end of (?:the )?(?:day|week)|end of (?:the )?(?:day|week)|eod|eow)"
    r"(?: (?:then|latest|at the latest|morning|afternoon))?\W*$"
)
# Something the user offers to do, with no figure in it: "the van is our supplier, i can talk to them", "I'll book the
# hood cleaning", "leave it with me, ill sort the van"
_PLEDGE = re.compile(
    # ("before i could hire anyone": what happened, not an offer)
    r"(?<!before )(?<!until )(?<!till )(?<!if )(?<!when )(?<!so )\b(?:i|we)(?:'ll|ll| will| can| could| shall| am going to|'m going to| are going to|'re going to| r gonna| gonna"
    r"|'d be happy to| would be happy to|'m happy to| am happy to| can easily| could easily| can always)"
    r" (?:also |even |just |happily |definitely |totally )?"
    # (not "I'll send it", "ill write it up": doing what they asked for, not something offered)
    r"(?:ask|talk|speak|sort|book|get (?:the|them|him|her|our|my|a) \w+ (?:to|sorted|moved|round|around)|"
    r"make sure|arrange|handle|document|pop|have a word|look after|take care|organi[sz]e|install|"
    r"pay for|train|hire|put (?:it|that|this) in (?:the|writing)|move (?:the|our|my)|switch (?:the|our|my)|"
    r"change (?:the|our|my))\b"
)
# …a promise to ask someone who decides, not an offer: "I'll talk to my boss", "let me ask my cofounder"
_DEFERS = re.compile(
    r"\b(?:ask|talk|speak|check|run it by|have a word)\w* (?:to |with |by )?(?:my|our|the) (?:ceo|cfo|boss|board|"
    r"partners?|investors?|lawyer|wife|husband|team|cofounder|co-founder|manager|accountant|bank|family|other half)\b|"
    r"\b(?:talk|speak) (?:about (?:it|that|this) )?(?:later|tomorrow|next week|another time)\b|"
    r"\b(?:tell|ask) (?:you|u|ya)\b|\bget back to\b|\bget (?:it|that|this)\b(?!\s+(?:done|sorted|fixed|cleaned|"
    r"in writing|written|booked|signed))"
)
# a figure taken away to be asked about: "i'll talk to our engineers about 8 wks and get back to u"
_TAKE_IT_AWAY = re.compile(
    r"\b(?:talk|speak|check|run (?:it|this|that) by|ask)\b.{0,60}\b(?:and|then|&) (?:get back to|come back to|let) (?:you|u|ya)\b|"
    # "I need to talk to engineering, and to my CEO about the penalty thing, before I promise anything"
    r"\b(?:talk|speak|check)\b.{0,70}\bbefore (?:i|we) (?:promise|commit to|agree to|sign) (?:anything|it|that|this)\b|"
    # "let me take the 4 weeks to our engineering lead and the penalties thing to my CEO"
    r"\b(?:let me|i'll|ill|i will|we'll|i can|i need to|i have to|i'd have to) (?:take|bring|run) (?:it|this|that|the [\w -]{1,25}?|"
    # "I need to run six weeks past our head of engineering"
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve)[\w -]{1,20}?) "
    r"(?:back )?(?:to|by|past) (?:my|our|the) [\w ]{0,15}?(?:ceo|cfo|boss|board|team|engineers?|engineering|partners?|lead|"
    r"manager|lawyer|accountant|wife|husband|vp|director|owner|finance)\b"
)
_THIRD_PARTY = re.compile(
    r"^\W*(?:\w+\W+){0,3}(?:my|our|the|his|her) (?:ceo|cfo|board|boss|partners?|investors?|lawyer|wife|husband|team)\b|"
    r"^\W*(?:investors|they|he|she|everyone|everybody|other \w+)\b"
)


_MASH = re.compile(r"^\s*((?:[^\s]*[bcdfghjklmnpqrstvwxz]{5,}[^\s]*|(\w)\2{3,}\w*)[\s.,!]*)(?=\S)", re.I)


# A question typed on after a remark with no stop between them: "didnt know that how many cafes do u do", "thats wild
# is that like everyone or just u". It starts a new part unless the words before it take it in ("i dont know how
# many", "tell me why", "if we sign do you…") or are only a lead-in ("ok so how…").
_AUX = r"(?:do|does|did|is|are|r|was|were|have|has|had|would|will|can|could|should)"
_RUN_ON_QUESTION = re.compile(
    # ("who" only after a dash: "someone who can plan the runs" is a clause, "no planner - who does the runs" asks)
    r"(?:(?<=[A-Za-z0-9%)])\s+|\s+[-–—]\s+)(?=(?:(?:how|why|where|when|what)\s+" + _AUX + r"\b|who else\b|"
    r"(?<=[-–—]\s)who\s+" + _AUX + r"\b|"
    r"how (?:many|much|long|often|far|big)(?:\s+[\w']+)?\s+" + _AUX + r"\b|why (?:u|you|not|the)\b|"
    r"whys\b|whats\b|what's\b|what (?:about|if)\b|why only\b|"
    r"(?:is (?:there|that|it|this)|are (?:there|they)|do (?:u|you|they)|does (?:he|she|it|that)|can (?:u|you)|"
    r"could (?:u|you)|did (?:u|you|they)|would (?:that|this|it|u|you)|can i ask|i'?d (?:like|love) to (?:understand|know|hear))"
    r"\b(?!\W*$)))",
    re.I,
)
_TAKES_A_CLAUSE = re.compile(
    r"\b(?:know|knew|see|understand|wonder(?:ing)?|ask(?:ing|ed)?|tell|told|explain|sure|idea|clue|about|on|of|is|"
    r"thats|that's|what|to|into|matter|matters|care|cares|remember|decide|decides|figure|show|learn|depends|like|"
    # ("tell u why", "ask them what", but "they were used to calling u why did that stick": a new question)
    r"(?:tell|told|ask|asked|asking|show|showed|explain|remind|teach|let|know|give|gave|and|but|or|so|if|to)\s+"
    r"(?:me|us|him|her|them|you|u)|so|and|but|or|then|just|um+|uh+|ok|okay|k|yeah|ya|yes|no|well|hmm+|oh|can|"
    r"could|would|will|do|did|should|must|i|we|they|it|the|a|an|if|when|where|whether|because|bc|cos|for|with|at|from|by|"
    r"get|got|worried|worry|curious|mean|hear|heard|feel|think|thought|saying|said|says|guess|realise|realize|wise|"
    r"exactly|really|even|actually|honestly|are|was|were|be|been|whats|what's|seen|reason|part|"
    r"\d+k?|\d+%)\W*$",
    re.I,
)


_SUBJECT_FIRST = re.compile(
    r"(?:^|[,.;]\s*|\band\s+)(?:on|about|re|regarding|as for|and)\s+[\w\s']{1,25}$", re.I
)
# "ok 11 and 22 got it why only 1 year tho": a nod that ends a remark takes no clause after it
_ACK_BEFORE = re.compile(r"\b(?:got it|gotcha|makes sense|fair enough|thanks|thx|cool)\W*$", re.I)


# "nobody said anything to me what are they saying": the remark is done; "explain to me what" runs on
_SAID_TO_ME = re.compile(r"\b(?:anything|something|nothing|a word|much)\s+to\s+(?:me|us)\W*$", re.I)


# "15.20 net 30, last offer or i walk", "78 or i start interviewing": the threat said after a figure is a part of its own
_THREAT_TAIL = re.compile(
    r"(?:,\s*|\s+)(?=(?:(?:and|so)\s+)?(?:(?:that'?s\s+|thats\s+)?(?:my\s+)?(?:last|final)\s+(?:offer|word|number)\b|"
    r"take it or leave it\b|or\s+(?:honestly\s+|else,?\s+|just\s+)?(?:i|we|i'?m|im|we'?re|were|i'?ll|ill|we'?ll)\b))",
    re.I,
)


def _split_threat(chunk: str) -> list[str]:
    for m in _THREAT_TAIL.finditer(chunk):
        head, tail = chunk[: m.start()].strip(" ,"), chunk[m.end() :].strip()
        # ("78 or i start interviewing", "12 pre or we walk": a figure and its threat, one ultimatum)
        if (
            re.search(r"\d", head)
            and len(head.split()) > 3
            and acts.pressure(tail)
            and not acts.pressure(head)
        ):
            return [head, tail]
    return [chunk]


# "4300 on the 1 year u offered, or 4400 on 3 years", "A: 12 months at 16.40, or B: 24 months at 16.10": a second
# package after "or", with a figure of its own (not "15 or 16", "one or two", "12 or 24 months")
_OR_ANOTHER = re.compile(
    r"(?i),?\s+or\s+(?=(?:(?:option|plan|package)\s+)?(?:(?:b|2|two)\s*[:)\-]\s*|\(b\)\s*)?"
    r"(?:[$£€]?\d|(?:\w+\s+){1,2}[$£€]?\d))"
)

_FIGURES = re.compile(r"\d+(?:[.,/]\d+)*")


# "two options: A 76k now, B 74k now and 80k after 6 months": lettered packages in one run, split at the next letter
_LETTERED = re.compile(
    r"\b" + CHOICE_WORD + r"s?\b[^,;]*?[:,]?\s*(?:option\s+)?[Aa1]\s*[:)-]?\s+\S[^,;]*\d[^,;]*"
    r"(?P<cut>[,;]\s*(?:or\s+)?)(?=(?:option\s+)?[Bb2]\s*[:)-]?\s+\S)"
)


# "either we do a 4 week design freeze and penalties come off, or we keep penalties but give u a 3 month forecast"
_EITHER_OR = re.compile(r"(?i)\beither\b[^.?!]*?\d[^.?!]*?(?P<cut>,\s*or\s+)(?=[^.?!]*\d)")


def _split_options(chunk: str) -> list[str]:
    lettered = _LETTERED.search(chunk)
    if lettered:
        return [chunk[: lettered.start("cut")].strip(), chunk[lettered.end("cut") :].strip()]
    either = _EITHER_OR.search(chunk)
    if either:
        return [chunk[: either.start("cut")].strip(), "or " + chunk[either.end("cut") :].strip()]
    m = _OR_ANOTHER.search(chunk)
    if m is None:
        return [chunk]
    head, tail = chunk[: m.start()].strip(), chunk[m.end() :].strip()
    last_clause = re.split(r"[:;]", head)[-1]
    first = re.split(r"(?<!\d)[?.!]", tail)[0]
    # (each side a package of two terms or more: "158 or 160 if you start in july" is one offer, hedged)
    if (
        len(_FIGURES.findall(last_clause)) >= 2
        and len(_FIGURES.findall(first)) >= 2
        and len(first.split()) >= 3
    ):
        return [head, "or " + tail]
    return [chunk]


def _split_run_on_questions(chunk: str) -> list[str]:
    if not chunk[:1].islower():
        return [chunk]  # typed with capitals, a sentence's clauses are the writer's own: only texting runs on
    pieces, start = [], 0
    for m in _RUN_ON_QUESTION.finditer(chunk):
        before = chunk[start : m.start()]
        if (
            len(before.split()) < 2
            or (
                _TAKES_A_CLAUSE.search(before)
                and not _ACK_BEFORE.search(before)
                and not _SAID_TO_ME.search(before)
            )
            # "and on value - what would good look like": the subject of the question, said first
            or (m.group(0).strip() and _SUBJECT_FIRST.search(before))
            or re.search(r"\b(?:if|how|why|what|whats|where|who|when|which)\b", before, re.I)
        ):
            continue
        pieces.append(before.strip())
        start = m.end()
    return [*pieces, chunk[start:].strip()]


# Dictated speech has no full stops, only pauses: "we go over that in summer anyway um on the machine how many call
# outs" is two things, the "um" between them. A filler after a word that needs more ("its uh its Mark", "the um
# invoice") is a stumble inside one.
_FILLER = re.compile(r"(?<=\w)\s+(?=(?:um+|uh+|erm+)\b\W*\s)", re.I)
_NEEDS_MORE = re.compile(
    r"\b(?:the|a|an|its|it's|is|was|are|were|to|of|for|with|and|but|or|so|if|my|your|ur|our|their|this|that|i|we|you|"
    r"they|he|she|it|be|been|have|has|had|would|will|can|could|like|in|on|at|from|about|than|then|just|um+|uh+)\W*$",
    re.I,
)


def _split_at_fillers(chunk: str) -> list[str]:
    pieces, start = [], 0
    for m in _FILLER.finditer(chunk):
        before, after = chunk[start : m.start()], chunk[m.end() :]
        if len(before.split()) < 4 or len(after.split()) < 4 or _NEEDS_MORE.search(before):
            continue
        pieces.append(before.strip())
        start = m.end()
    return [*pieces, chunk[start:].strip()]


# "straight q: whats the math", "quick question - how long": the announcement, then the question
_ASKS_HEAD = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|and|also|one)\W+)?(?:(?:quick|straight|honest|serious|random|real|simple|dumb|stupid|"
    r"last|other)\s+)?(?:q|qn|question|one)\s*[:\-–—]\s*(?=\S)"
    # "before i answer that, is the machine servicing part of this too": a question put first, its lead-in apart
    r"|^\W*(?:(?:ok(?:ay)?|so|and|but|wait)\W+)?before (?:i|we) (?:answer|reply|respond)\b[^,.?!]{0,20}[,:]\s*(?=\S)"
    # "wait that came out wrong, i meant twelve percent pool": the slip owned, then what was meant (a part of its own)
    r"|^[^,.;?!]{0,30}\b(?:came out wrong|my bad|typo|oops|sorry)\W*[,;]\s*(?=i meant?\s+(?:\w+\s+){0,2}?"
    r"(?:\d|[$£€]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety)\w*\b)",
    re.I,
)


def _split_asks_head(chunk: str) -> list[str]:
    head = _ASKS_HEAD.match(chunk)
    return [chunk[: head.end()].strip(), chunk[head.end() :].strip()] if head else [chunk]


# An emoji ends what it follows, as a full stop would: "amazing 🙏 ok so the rent: 4500 …" is a thank-you, then terms
_EMOJI = "\U0001f300-\U0001faff\u2600-\u27bf"  # pictographs and symbols (a face, a gesture, ☕)
_EMOJI_STOP = re.compile(rf"(?<=[{_EMOJI}\ufe0f\U0001F3FB-\U0001F3FF])\s+(?=\S)")
_EMOJI_CHAR = re.compile(f"[{_EMOJI}]")


def _emoji_stops(line: str) -> list[str]:
    """A line cut after each emoji that ends some words ("👍 thx" stays whole: the emoji is the words' own)."""
    pieces: list[str] = []
    start = 0
    for m in _EMOJI_STOP.finditer(line):
        if re.search(r"\w", line[start : m.start()]):
            pieces.append(line[start : m.start()])
            start = m.end()
    return [*pieces, line[start:]]


# an aside in brackets is a part of its own: "no wonder ur tired lol (sorry, that came out wrong) so the beans…"
_ASIDE = re.compile(
    r"\s+(?=\((?:[^()\s]+\s+){2,}[^()]*\)\s+(?:so|anyway|ok|okay|but|what|how|why|can|could)\b)"
    r"|(?<=\))\s+(?=(?:so|anyway|ok|okay|but|what|how|why|can|could)\b)",
    re.I,
)


# "1. green coffee up\n2. our late invoices": a numbered list's labels (quantities already reads none as an amount)
_LIST_LABEL = re.compile(r"(?:^|\n)\s*(\d{1,2}[.)]\s)")


# "two things. 1) the drawing changes, how many 2) the anodiser, one shop or more": numbered points run on in a line
_INLINE_LABEL = re.compile(r"(?:^|(?<=\s))([1-9])\)\s+")
# "2 qs." / "two questions:" announced, then "1 why …" and "2 is …" numbered without brackets
_QUESTIONS_COUNTED = re.compile(r"\b(?:2|3|two|three) (?:qs|questions)\b", re.I)
_BARE_LABEL = re.compile(
    r"(?<=\s)([1-3])\s+(?=(?:why|what|how|is|are|do|does|did|can|could|when|where|which|who|will|would)\b)",
    re.I,
)


# A message's furniture: "P.S." before an afterthought, and a sign-off with the name under it ("Best,\nTom")
_POSTSCRIPT = re.compile(r"(^|[.!?)]\s+|\n\s*)(?:p\.\s?s\.?|ps\b)\s*[:,-]?\s*", re.I)
_SIGN_OFF_LINE = re.compile(rf"\W*{acts.SIGN_OFF_WORDS}\W*", re.I)
_NAME_LINE = re.compile(r"\s*[^\W\d_][\w'.-]*(?:\s+[^\W\d_][\w'.-]*){0,2}\s*(?:\([^)]{0,40}\))?\s*")

_BARE_NAME = re.compile(
    r"\s*(?!(?i:deal|done|ok|okay|yes|no|fine|sure|great|perfect|agreed|thanks|cheers|best|please|sorry|noted|"
    r"cool|right|understood|excellent|lovely|brilliant|nope|yep|yeah|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|tomorrow|today|tonight|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|accepted|confirmed|approved|signed)\b)[A-Z][a-zà-ÿ'-]+(?: [A-Z][a-zà-ÿ'-]+)?\s*",
)
_FOOTER = re.compile(r"\s*(?:sent from my [\w ]{2,20}|get outlook for \w+)\s*", re.I)


def _unsigned(text: str) -> str:
    """The message with "P.S." markers dropped and a sign-off put on one line with the name under it ("Best, Tom"),
    so neither reads as a sentence of its own (nor "P." and "S." as two unreadable ones)."""
    text = _POSTSCRIPT.sub(lambda m: m[1], text)
    if "\n" not in text:
        return text
    lines = text.splitlines()
    filled = [n for n, line in enumerate(lines) if line.strip()]
    # a name alone under a message of several lines ("…we hear you.\n\nDan"), a phone's footer: no sentence of theirs
    while len(filled) >= 3 and _FOOTER.fullmatch(lines[filled[-1]]):
        lines[filled.pop()] = ""
    if len(filled) >= 3:
        for n in filled[1:]:
            # ("Jen" between the message and an afterthought under it, set off by blank lines)
            if (
                _BARE_NAME.fullmatch(lines[n])
                and not lines[n - 1].strip()
                and (n + 1 == len(lines) or not lines[n + 1].strip())
                and not _SIGN_OFF_LINE.fullmatch(lines[n])
            ):
                lines[n] = ""
    for n in range(len(lines) - 1):
        if _SIGN_OFF_LINE.fullmatch(lines[n]) and _NAME_LINE.fullmatch(lines[n + 1]):
            lines[n] = f"{lines[n].strip().rstrip(',.!')}, {lines[n + 1].strip()}"
            lines[n + 1] = ""
    return "\n".join(lines)


# "Just so I've got it right, as discussed:" over a list of what they said: one play-back, not a list of remarks
_RECAP_HEAD = re.compile(
    r"(?:recap|as discussed|as we discussed|got (?:it|this|that|you) right|my understanding|what i heard|"
    r"what i'?m hearing|where (?:you|we) (?:are|stand|landed)|to sum up|summary|to (?:check|confirm) i|"
    r"if i understood|what you (?:said|told me)|so i'?m clear|to make sure)[^:\n]{0,40}:\s*$",
    re.I,
)
_BULLET = re.compile(r"\s*(?:[-*•–]|\d{1,2}[.)])\s+(?=\S)")
_SECOND_PERSON = re.compile(r"\b(?:you|your|ur|u|you'?d|you'?re|youre|you'?ve|you'?ll|yours)\b", re.I)


def _recap_joined(text: str) -> str:
    """A recap heading and the list under it on one line ("as discussed: the other offer is 162k; you'd lose the
    June stock"), when most of the points are about them: read as one play-back, checked as one."""
    if "\n" not in text:
        return text
    lines = text.splitlines()
    n = 0
    while n < len(lines):
        if _RECAP_HEAD.search(lines[n]):
            end = n + 1
            while end < len(lines) and _BULLET.match(lines[end]):
                end += 1
            points = [_BULLET.sub("", line, count=1).strip().rstrip(".;") for line in lines[n + 1 : end]]
            if len(points) >= 2 and 2 * sum(bool(_SECOND_PERSON.search(p)) for p in points) >= len(points):
                joined = ", ".join(re.sub(r"[.;]\s+", ", ", p) for p in points)
                # the heading a sentence of its own ("Just so I've got it right:") heads the play-back; one that
                # ends a longer sentence ("…talked to the team, so here's my recap:") is left standing before it
                head = re.split(r"[.!?]\s+", lines[n].strip())[-1]
                short = len(head.split()) <= 10
                lines[n:end] = [f"{lines[n].rstrip()} {joined}."] if short else [lines[n], f"{joined}."]
        n += 1
    return "\n".join(lines)


def _unnumbered(text: str) -> str:
    """A numbered list's lines without their numbers ("1. green coffee up\n2. our late invoices"): a label is not a
    sentence of its own, nor an amount. Points numbered "1) … 2) …" in one line become lines of their own."""
    if [m[1] for m in _INLINE_LABEL.finditer(text)][:2] == ["1", "2"]:
        text = _INLINE_LABEL.sub("\n", text)
    elif _QUESTIONS_COUNTED.search(text) and [m[1] for m in _BARE_LABEL.finditer(text)][:2] == ["1", "2"]:
        text = _BARE_LABEL.sub("\n", text)  # "2 qs. 1 why 90 days?? 2 is the 74 from now or from july"
    return (
        _LIST_LABEL.sub(lambda m: m[0][: m.start(1) - m.start()], text)
        if len(_LIST_LABEL.findall(text)) >= 2
        else text
    )


# a topic named and trailed off before the question about it: "so the 16.80...", "and the lease…"
_TRAILS_OFF = re.compile(
    r"^\W*(?:so|and|but|about|re|ok so|um so|then)\W+(?:the|your|ur|this|that)\W+\S+?(?:\s+\S+?)?\s*(?:\.{2,}|…)\s*$",
    re.I,
)


def split_parts(text: str) -> list[str]:
    """Sentences (and lines), with a greeting or a keyboard mash at the start of a run split off, and a question
    run on after a remark split from it."""
    parts: list[str] = []
    chunks = [
        piece
        for line in _unnumbered(_recap_joined(_unsigned(text))).splitlines()
        for aside in _ASIDE.split(line)
        for typed in _emoji_stops(aside)
        for s in (sentences(typed) or [typed.strip()])
        for headed in _split_asks_head(s)
        for spoken in _split_at_fillers(headed)
        for run_on in _split_run_on_questions(spoken)
        for optioned in _split_options(run_on)
        for piece in _split_threat(optioned)
    ]
    split: list[str] = []
    for chunk in chunks:
        if split and _TRAILS_OFF.match(split[-1]) and chunk.rstrip().endswith("?"):
            split[-1] = f"{split[-1]} {chunk}"  # "so the 16.80... is that like, final final?": one question
            continue
        mash = _MASH.match(chunk)
        split += [chunk[: mash.end(1)].strip(), chunk[mash.end(1) :].strip()] if mash else [chunk]
    for sentence in split or [text.strip()]:
        cut = acts.greeting_prefix(sentence)
        if cut:
            parts += [sentence[:cut].strip(), sentence[cut:].strip()]
        else:
            parts.append(sentence)
    kept = [p for p in parts if p.strip(" .,!?;-\"'“”‘’")]
    # "...", "?" alone: said on purpose, and read (a trailing-off silence, a one-mark question), not dropped
    return kept or ([text.strip()] if re.fullmatch(r"\s*(?:\?+|(?:\.\s*){2,}|…+)\s*", text) else [])


def _vocabulary(persona: Persona) -> frozenset[str]:
    text = " ".join(
        [
            persona.scenario,
            persona.name,
            persona.role,
            persona.user_brief.role,
            persona.goal_line,
            *(c.surface for c in persona.concerns),
            *(k for c in persona.concerns for k in c.keywords),
            *(k for i in persona.issues for k in i.keywords),
        ]
    )
    return frozenset(re.findall(r"[a-z']+", text.lower()))


_T = TypeVar("_T")
_PER_PERSONA: dict[tuple[str, int], tuple[Persona, Any]] = {}


def _once_a_persona(persona: Persona, build: Callable[[Persona], _T]) -> _T:
    """What `build` makes of a persona, worked out once for that persona object (a few dozen kept)."""
    key = (build.__name__, id(persona))
    hit = _PER_PERSONA.get(key)
    if hit is not None and hit[0] is persona:
        return cast(_T, hit[1])
    if len(_PER_PERSONA) > 128:
        _PER_PERSONA.clear()
    made = build(persona)
    _PER_PERSONA[key] = (persona, made)
    return made


def _concern_vocab(persona: Persona) -> dict[str, set[str]]:
    """Each concern's words (title, surface, layers, keywords), minus words most concerns share (once a persona)."""
    return _once_a_persona(persona, _concern_vocab_of)


def _concern_vocab_of(persona: Persona) -> dict[str, set[str]]:
    vocab = {
        c.id: content_stems(" ".join([c.title, c.surface, *c.layers, *c.keywords])) for c in persona.concerns
    }
    counts: dict[str, int] = {}
    for stems in vocab.values():
        for s in stems:
            counts[s] = counts.get(s, 0) + 1
    common = {s for s, n in counts.items() if n >= 3} | content_stems(persona.name)
    return {cid: stems - common for cid, stems in vocab.items()}


def _concern_figures(persona: Persona) -> dict[str, list[float]]:
    """The figures each concern's lines hold (once a persona): "the 18k" is the concern that said 18,000."""
    return _once_a_persona(persona, _concern_figures_of)


def _concern_figures_of(persona: Persona) -> dict[str, list[float]]:
    return {c.id: [q.value for q in quantities(" ".join([c.surface, *c.layers]))] for c in persona.concerns}


def _issue_links(persona: Persona) -> dict[str, set[str]]:
    """Issue id -> the concerns its terms answer (a question about payment days is about the cash-flow concern)."""
    links: dict[str, set[str]] = {}
    for c in persona.concerns:
        for issue in answering_issues(c):
            links.setdefault(issue, set()).add(c.id)
    return links


_WEAK_WORDS = frozenset({"new", "old", "last", "next", "good", "big", "small", "lot", "thing", "way"})
_BEHIND = re.compile(r"\bbehind(?=\s+(?:the|this|that|it|your|ur|all|these|those|a|an)\b)", re.I)
# "between the two", "how do you compare the two?": both of something, not a figure of two
_BOTH = re.compile(
    r"\b(?:the|these|those) (?:two|2)\b(?!\s*(?:days?|weeks?|months?|years?|of|percent|%))", re.I
)


_TIME_WORDS = re.compile(r"(?:day|week|month|year|hour|morning|time)s?")


def _issues_named(low: str, persona: Persona) -> set[str]:
    """The issues a part names by their own words ("the price", "the payment terms", "and the pay?")."""
    return {
        i.id
        for i in persona.issues
        if any(
            (" " in k and k in low)
            or (len(k) >= 5 and re.search(rf"\b{re.escape(k)}\b", low))
            # a short one ("pay", "base") names it as the thing: "and the pay?", "what about your base"
            or (
                len(k) >= 3
                and not _TIME_WORDS.fullmatch(k)
                and re.search(rf"\b(?:the|your|ur|my|our)\s+{re.escape(k)}\b", low)
            )
            for k in i.keywords
        )
    }


_SIGN_NOUN = re.compile(
    r"\b(?:a|the|your|ur|our|my|his|her|their|new|proper|old)\s+(?:(?!(?:i|we|u|you|they|to|and|then|can|will|would|could|ll|d)\b)[a-z&']+\s+){0,3}?signs?\b(?!\s*(?:off|up|for|on (?:for|with))\b)"
)


def route_topic(text: str, persona: Persona) -> tuple[str | None, float]:
    """The concern a part is about: its keywords count most, then the words of what it holds, then the issues."""
    text = _BEHIND.sub(
        " ", text
    )  # "what's behind the new price?" asks for a cause: nothing is behind on payments
    text = _BOTH.sub(" ", text)
    stems = canonical_stems(content_stems(text)) - _WEAK_WORDS
    # keywords are matched on the words as written too: "costs" is the landlord's keyword even though the
    # synonym fold reads it as "price"
    said_stems = stems | (content_stems(text) - _WEAK_WORDS)
    vocab = _concern_vocab(persona)
    named_issues = set(read_terms(text, persona.issues)) if persona.issues else set()
    numbers = [q.value for q in quantities(text)]
    # "5000 is a lot for us": its own opening figure, even turned down, names that term
    named_issues |= {
        i.id for i in persona.issues if i.opening and any(n == i.opening and n >= 100 for n in numbers)
    }
    low = text.lower()
    # "Why fifteen?": the reason for its own figure, the one term it opened at that number
    opened = (
        [i.id for i in persona.issues if i.opening and any(n == i.opening for n in numbers)]
        if re.match(r"\W*(?:(?:so|and|but|ok|hm+)\W+)?why\b", low)
        else []
    )
    why_opened = set(opened) if len(opened) == 1 else set()
    named_issues |= _issues_named(low, persona)
    named_issues |= {i.id for i in _issues_alone(low, persona)}  # "pay?", "rent?": the one word is the term
    links = _issue_links(persona)
    figures = _concern_figures(persona) if numbers else {}
    best, best_score = None, 0.0
    long_stems = [w for w in stems if len(w) >= 6]
    canon = {c.id: canonical_stems(vocab[c.id]) for c in persona.concerns}
    # "we sign today", "signed for a year": the contract, not a shop sign; the bare keyword "sign" needs the noun
    sign_noun = bool(_SIGN_NOUN.search(low))
    for c in persona.concerns:
        score = 3.0 * sum(
            1
            for k in c.keywords
            if phrase_matches(k, said_stems) and (sign_noun or k.strip().lower() != "sign")
        )
        # "the anodiser thing" for the keyword "anodising": a one-word keyword in another form still names it
        score += 3.0 * sum(
            1
            for k in c.keywords
            if " " not in k.strip()
            and not phrase_matches(k, said_stems)
            and any(
                len(w) >= 6 and len(ks) >= 6 and w[:6] == ks[:6]
                for ks in content_stems(k)
                for w in long_stems
            )
        )
        score += len(stems & canon[c.id])
        # "anodiser" for "anodising", "invoicing" for "invoices": the same word in another form.
        score += 1.5 * sum(
            1
            for w in long_stems
            if w not in vocab[c.id] and any(v[:6] == w[:6] for v in vocab[c.id] if len(v) >= 6)
        )
        score += 2.0 * sum(1 for i in named_issues if c.id in links.get(i, ()))
        score += 4.0 * sum(1 for i in why_opened if c.id in links.get(i, ()))
        if numbers:
            score += 2.0 * sum(1 for n in numbers if any(_said_as(n, k) for k in figures[c.id]))
        if score > best_score:
            best, best_score = c.id, score
    return (best, best_score) if best_score >= 2 else (None, best_score)


_QUOTED = re.compile(
    r"(?:(?<=\s)|^)['\"\u2018\u201c]([A-Za-z][^'\"\u2019\u201d\n]{0,40}?)['\"\u2019\u201d](?![A-Za-z])"
)


# "earlier u said u havent seen me lead", "you mentioned something about what you have to commit to this spring":
# their words said back without quote marks (the words up to the next comma or stop)
_SAID_BACK_WORDS = re.compile(
    r"\b(?:you|u|ya)\s+(?:said|mentioned|told me|were saying|talked about|brought up)\s+"
    r"(?:that\s+|something\s+about\s+|about\s+)?(?P<x>[^,.;?!]{6,80})",
    re.I,
)


def _sentence_said(phrase: str, turns: Sequence[dict[str, Any]]) -> tuple[dict[str, Any], str] | None:
    """The counterpart's latest line holding most of a phrase's words (two at least), and that sentence."""
    words = content_stems(phrase) - _QUESTION_WORDS
    if len(words) < 2:
        return None
    for turn in reversed(turns):
        if turn["role"] != "counterpart":
            continue
        for sentence in sentences(turn["text"]):
            shared = words & content_stems(sentence)
            if len(shared) >= 2 and 2 * len(shared) >= len(words):
                return turn, sentence.lower()
    return None


def quoted_line(text: str, turns: Sequence[dict[str, Any]]) -> tuple[dict[str, Any], str] | None:
    """The counterpart's latest line that a part quotes ("what does 'fit my life' mean?"), and the phrase quoted;
    or the sentence of theirs it says back in so many words ("earlier u said u havent seen me lead")."""
    for m in _QUOTED.finditer(text):
        phrase = m.group(1).strip().lower()
        for turn in reversed(turns):
            if turn["role"] == "counterpart" and phrase and phrase in turn["text"].lower():
                return turn, phrase
    for m in _SAID_BACK_WORDS.finditer(text):
        if said := _sentence_said(m["x"], turns):
            return said
    return None


def _concerns_disclosed_in(turn: dict[str, Any], persona: Persona) -> list[str]:
    """The concerns a counterpart line disclosed (not its needs, stories or goal)."""
    ids = [d["item_id"] if isinstance(d, dict) else d.item_id for d in turn.get("disclosures") or []]
    return [i for i in ids if any(c.id == i for c in persona.concerns)]


def _quoted_topic(text: str, persona: Persona, turns: Sequence[dict[str, Any]]) -> str | None:
    """The concern of the line a part quotes: the one that line disclosed, else the one its sentence is about."""
    quoted = quoted_line(text, turns)
    if quoted is None:
        return None
    turn, phrase = quoted
    if phrase not in text.lower():
        # their sentence said back in other words ("u said it has to fit ur life"): what the words said back are
        # about, then what that sentence is about, then what the line disclosed
        for words in [m["x"] for m in _SAID_BACK_WORDS.finditer(text)] + [phrase]:
            own, score = route_topic(words, persona)
            if score >= 3:
                return own
    ids = _concerns_disclosed_in(turn, persona)
    if len(ids) == 1:
        return ids[0]
    # "what does 'fit my life' mean?": the phrase names its concern, whatever else the line said
    own, score = route_topic(phrase, persona)
    if score >= 3:
        return own
    sentence = next((s for s in sentences(turn["text"]) if phrase in s.lower()), turn["text"])
    topic, score = route_topic(sentence, persona)
    return topic if score >= 2 else None


# "that queue", "those two flats": a thing pointed at by name. Words that name no thing of their own are skipped.
_POINTED = re.compile(
    r"\b(?:that|those|this|these)\s+(?:(?:whole|same|first|second|last|big|new|old)\s+)?([a-z]{4,})\b"
)
_NOT_POINTED = frozenset(
    {
        "thing",
        "things",
        "stuff",
        "point",
        "part",
        "bit",
        "idea",
        "question",
        "number",
        "figure",
        "much",
        "many",
        "time",
        "kind",
        "sort",
        "would",
        "could",
        "should",
        "means",
        "mean",
        "sounds",
        "seems",
        "makes",
        "works",
        "right",
        "case",
        "what",
        "when",
        "where",
        "just",
        "really",
        "actually",
        "together",
        "worth",
        "about",
        # "this year", "this deal", "this call": the here and now, not a thing of their last line
        "year",
        "years",
        "week",
        "weeks",
        "month",
        "months",
        "morning",
        "afternoon",
        "evening",
        "deal",
        "call",
        "conversation",
        "meeting",
        "chat",
        "negotiation",
        "offer",
        "proposal",
    }
)


def _pointed_topic(text: str, persona: Persona, last: dict[str, Any]) -> str | None:
    """ "why do our parts sit in that queue?": the concern their last line disclosed, when the thing pointed at is
    in it, whatever else a word of the part names (the queue here is the anodiser's, not the order book's). A line
    that disclosed two: the one of the sentence holding the thing."""
    said = sentences(last["text"]) or [last["text"]]
    ids: list[str] | None = None
    for m in _POINTED.finditer(text.lower()):
        if m.group(1) in _NOT_POINTED:
            continue
        stem = content_stems(m.group(1))
        if not stem:
            continue
        held = [s for s in said if stem & content_stems(s)]
        if not held:
            continue
        if ids is None:
            ids = _concerns_disclosed_in(last, persona)
        if len(ids) == 1:
            return ids[0]
        topic, score = route_topic(held[0], persona)
        if topic in ids and score >= 2:
            return topic
    return None


# "need to check with engineering what a freeze would do to them", "i'll ask my husband what he thinks": a
# question for someone else, taken away
_CHECK_ELSEWHERE = re.compile(
    r"\b(?:check|ask|confirm|see|talk|speak|run it|run this|run that)\s+(?:w/|with|by|past)?\s*(?:my|our|the)?\s*"
    r"(?:engineering|finance|legal|hr|accounts|accountant|lawyer|partners?|husband|wife|spouse|team|boss|manager|cfo|"
    r"ceo|cto|board|bank|co-?founder|family|brother|sister|mum|mom|dad)\b"
)
# "where does the 20 come from?", "why 8 and not 3?", "how did you size that?": the reason for a figure of theirs
_ASKS_REASON = re.compile(
    r"\b(?:why|how come)\b|\bcome from\b|\bcoming from\b|\bbased on\b|\bjustif|"
    r"\bhow (?:did|do|does) (?:you|u|it|that) (?:get|land|arrive|come|size|work|figure|reach|calculate|settle|pick|"
    r"choose|end up)\b|\bwhat(?:'?s| is) (?:behind|driving)\b"
)


def _fits_unit(text: str, q: Any, unit: str) -> bool:
    """ "three years" is no 3 percent: a figure said with a unit of time or as a percentage is one in that unit."""
    after = re.match(r"\s*(?:-\s*)?([a-z]+)", text[q.end :].lower())
    word = after.group(1) if after else ""
    span = next((w for w in ("hour", "day", "week", "month", "year") if word.startswith(w)), None)
    if span and span not in unit:
        return False
    return not (q.percent and "percent" not in unit)


def _their_terms(persona: Persona, turns: Sequence[dict[str, Any]]) -> dict[str, float]:
    """Their latest proposal: the terms of their latest line that put terms (before any, the terms of its opening)."""
    return next(
        (t["terms"] for t in reversed(turns) if t["role"] == "counterpart" and t.get("terms")),
        {i.id: i.opening for i in persona.issues if i.opening is not None},
    )


def figures_asked_why(text: str, persona: Persona, turns: Sequence[dict[str, Any]]) -> list[str]:
    """ "why 12 months and not 6?", "where does the 20 come from?": the issues of their latest proposal whose figure a
    question asks the reason for."""
    # the clause that asks: "why only one year this time, we had 3 before" asks nothing about a 3
    text = next((c for c in re.split(r"[,;.!?]\s", text) if _ASKS_REASON.search(c.lower())), "")
    if not text:
        return []
    units = {i.id: i.unit.lower() for i in persona.issues}
    found = quantities(text)
    return [
        issue
        for issue, value in _their_terms(persona, turns).items()
        if any(
            q.value >= 2 and _same_number(q.value, value) and _fits_unit(text, q, units.get(issue, ""))
            for q in found
        )
    ]


def _reason_for_figure(text: str, persona: Persona, turns: Sequence[dict[str, Any]]) -> str | None:
    """The concern a figure asked about is there to answer: the term of theirs it meets (12 months meets
    "term_months >= 12")."""
    proposal = _their_terms(persona, turns)
    found: list[str] = []
    for issue in figures_asked_why(text, persona, turns):
        for c in persona.concerns:
            if c.id not in found and any(
                parse_term(term)[0] == issue and term_holds(term, {issue: proposal[issue]})
                for term in c.answered_by_terms
            ):
                found.append(c.id)
    return found[0] if len(found) == 1 else None


def route_in_context(
    text: str,
    persona: Persona,
    turns: Sequence[dict[str, Any]],
    named_before: bool = False,
    points_at_part: bool = False,
) -> str | None:
    """The concern a part is about, read with the conversation: "the 18k" is what it said the 18k was about.

    A part that names a concern's own words goes there; otherwise the words and numbers it shares with what
    the counterpart said while disclosing a concern (its latest lines count most) decide. `named_before`: an
    earlier part of the same turn named a concern or terms, so a pronoun here points at that, not at their line.
    `points_at_part`: the part just before played back or asked about a concern, so a pronoun that names nothing
    else is left for that part to fill in (`_inherit_topics`).
    """
    quoted = _quoted_topic(text, persona, turns)
    if quoted:
        return quoted
    reason = _reason_for_figure(text, persona, turns)
    if reason:
        return reason
    last = next((t for t in reversed(turns) if t["role"] == "counterpart"), None)
    pointed = _pointed_topic(text, persona, last) if last is not None and not named_before else None
    if pointed:
        return pointed
    topic, score = route_topic(text, persona)
    if score >= 3:
        return topic
    # "walk me through how that plays out for you": a part that names nothing of its own and points back asks
    # about the concern the counterpart has just told
    if last is not None and not named_before and _POINTS_BACK.search(text.lower()) and not quantities(text):
        ids = _concerns_disclosed_in(last, persona)
        if ids:
            return ids[-1]
    if named_before and _POINTS_BACK.search(text.lower()) and not re.search(r"\d", text):
        # "… net fifteen instead of net thirty. can I ask what's driving that one": what the turn named, not a line
        # of theirs that shares a word; the part before fills it in when it played back or asked about a concern
        return None if points_at_part else topic
    stems = canonical_stems(content_stems(_BEHIND.sub(" ", text))) - _QUESTION_WORDS
    numbers = [q.value for q in quantities(text)]
    if not stems and not numbers:
        return topic
    common = content_stems(persona.name)
    best, best_score = topic, score
    recent = [t for t in turns if t["role"] == "counterpart" and t.get("disclosures")][-4:]
    for age, turn in enumerate(reversed(recent)):
        ids = _concerns_disclosed_in(turn, persona)
        if len(ids) != 1:
            continue  # a line about two things says nothing about which one a follow-up means
        said = canonical_stems(content_stems(turn["text"])) - common
        shared = len(stems & said)
        shared += 2 * sum(1 for n in numbers for q in quantities(turn["text"]) if _same_number(n, q.value))
        here = shared - 0.25 * age
        if shared >= 1 and here > best_score:
            best, best_score = ids[0], here
    return best


def thread_topic(persona: Persona, turns: Sequence[dict[str, Any]]) -> str | None:
    """The concern the conversation is on just now: the one the counterpart's latest line disclosed or talked
    about; when that line says nothing of its own ("It depends.", "Partly."), the one the user's turn before it
    was about. "why?", "on what?", "worse off how?" ask about this, whatever was disclosed last."""
    for turn in reversed(list(turns)[-2:]):
        if turn["role"] == "counterpart":
            ids = _concerns_disclosed_in(turn, persona)
            if ids:
                return ids[-1]
            if turn.get("disclosures"):
                return None  # its goal or a need: a line about everything it wants, not one concern
        topic, score = route_topic(turn["text"], persona)
        if score >= 3:
            return topic
    return None


@lru_cache(maxsize=4096)  # (personas written in the app bring their own phrases: bounded)
def _whole_phrase(phrase: str) -> re.Pattern[str]:
    """A fact's asking phrase as whole words, or a word with its ending: "other cafés pay" is in "other cafes paying",
    but "how many of you" is not in "how many of your mills". Compiled once per phrase (a persona's own words)."""
    return re.compile(r"(?<!\w)" + re.escape(fold_accents(phrase.lower())) + r"(?:s|es|d|ed|ing)?(?!\w)")


_WHO_SIGNS_CUE = "asks who signs"
# Who signs: "who signs off on ur side?", "is it just you deciding or does someone else need to sign off?"
_WHO_SIGNS = re.compile(
    r"(?<!on )(?<!about )(?<!over )(?<!disagree )\bwho (?:signs?|decides?|approves?|has the (?:final|last) (?:say|word))\b|"
    r"\b(?:just|only) (?:you|u) (?:signing|deciding|who (?:signs|decides))\b|"
    r"\bis it (?:just |only )?(?:you|u) who (?:signs|decides)\b|"
    r"\b(?:someone|anyone|somebody|anybody|who) else (?:need to |needs to |have to |has to |)(?:sign|approve|decide|"
    r"say yes|agree|weigh in|okay it|ok it)\b|"
    r"\b(?:sign(?:s|ing)?(?: it)? off|signs?|approves?|decides?)\b[^?.!]{0,20}\b(?:on|at) (?:your|ur) (?:side|end)\b"
)

# When it needs an answer by: "when do u need to know from me?", "is there a deadline on your end?", "how long do I
# have?" (not "what's the timing on the CFO side?": the timing of a worry it told)
_WHEN_NEEDED = re.compile(
    r"\bwhen (?:do|would|will|does) (?:you|u|ya) need (?:to know|an answer|a decision|"
    r"(?:me|us) to (?:decide|answer|sign|confirm|commit|let (?:you|u) know))|"
    r"\bhow (?:long|much time) do (?:i|we) have\b|\bis there a (?:deadline|cut-?off)\b|"
    r"\bwhen (?:does|do|would) (?:the|your|ur|our) (?:lawyers?|bank|board|accountant|boss|partners?|investors?|cfo|ceo|"
    r"vp|landlord|importer) need (?:it|this|that|an answer|a decision|to know|us to)\b|"
    r"\bwhen (?:does|do|would) (?:this|it|that|we|i) need to (?:be )?(?:settled|signed|agreed|done|decided|sorted|"
    r"finali[sz]ed|wrapped up|sign|settle|agree|decide)\b|"
    # "when do you need this settled?", "when do u need the new deal signed by", "what's your timeline on your side?",
    # "whats ur deadline", "when's the decision getting made?"
    r"\bwhen (?:do|would|will) (?:you|u|ya) need (?:this|it|that|(?:the |a |our |my )?(?:new )?(?:deal|contract|lease|"
    r"agreement|offer|paperwork|papers|term sheet|signature|form)) (?:settled|signed|agreed|done|decided|sorted|back|"
    r"finali[sz]ed|in|by)\b|\bwhen do (?:you|u) need\b[^?.!]{0,60}\bfrom (?:us|me)\b|"
    r"\bwhen do (?:you|u) (?:need|have) to (?:decide|know|choose|answer|sign|confirm|hear back|fill (?:it|the role|this))\b|"
    r"\b(?:what(?:'s| is)|whats) (?:(?:your|ur) (?:timeline|deadline|time ?frame)|the (?:deadline|cut-?off))\b|"
    r"\bwhen(?:'s| is|s| does| will) (?:the|your|ur) (?:decision|deadline|cut-?off)\b"
)


_SPANS = frozenset(content_stems("year month week day time"))
_HOW_LONG = re.compile(r"\bhow (?:long|many)\b")


def route_fact(text: str, persona: Persona) -> tuple[str | None, float]:
    """The public or private fact a question asks about."""
    stems = content_stems(fold_accents(text))  # "how many cafés" asks about the cafes
    low = fold_accents(normalise(text))
    if _WHO_SIGNS.search(low):
        signs = next((f.id for f in persona.facts if {"who decides", "who signs"} & set(f.asked_with)), None)
        if signs:
            return signs, 6.0
    if _WHEN_NEEDED.search(low):
        due = next(
            (f.id for f in persona.facts if {"deadline", "by when"} & set(f.asked_with)), None
        ) or next((f.id for f in persona.facts if "timeline" in f.asked_with), None)
        if due:
            return due, 6.0
    # "how many cafés do you roast for": the thing counted is what is asked about, more than the verb
    counted = re.search(r"\bhow (?:many|much)\s+(\w+)", low)
    counted_stems = content_stems(counted.group(1)) if counted else set()
    best, best_score = None, 0.0
    for f in persona.facts:
        # The most specific phrase that matches decides ("other cafés pay" beats "cafés").
        score = 0.0
        for phrase in f.asked_with:
            n = len(phrase.split())
            if n > 1 and _whole_phrase(phrase).search(low):
                score = max(score, 2.0 + n)
            elif (
                not content_stems(phrase) <= _SPANS or (n == 1 and _HOW_LONG.search(low))
            ) and phrase_matches(phrase, stems):
                # ("how many years" or "years" is not asked by every line with "year" in it, "so what, I just wait
                # another year?": a span of time on its own counts only with "how long", or as the whole phrase)
                score = max(score, 4.0 if n == 1 and content_stems(phrase) <= counted_stems else 3.0)
        score += 0.5 * len(stems & content_stems(f.answer))
        if score > best_score:
            best, best_score = f.id, score
    return (best, best_score) if best_score >= 3 else (None, best_score)


def _said_texts(turns: Sequence[dict[str, Any]]) -> list[str]:
    return [t["text"] for t in turns if t["role"] == "counterpart"]


def restates(part: str, said: Sequence[str]) -> tuple[bool, list[str]]:
    """A part that mostly repeats the counterpart's own words (person-swapped), with the words it shares."""
    stems = canonical_stems(content_stems(part))
    if len(stems) < 2:
        return False, []
    source = canonical_stems(content_stems(" ".join(said)))
    shared = sorted(stems & source)
    return len(shared) >= 3 and len(shared) / len(stems) >= 0.5, shared


# a figure that names its own unit is no percentage carried on: "net 30", "30 days", "60 kilos"
_NAMED_FIGURE = re.compile(r"\b(?:net|day|week|month|year|number|no\.?)\s*$", re.I)
_UNIT_AFTER = re.compile(
    r"\s*(?:-\s*)?(?:days?|weeks?|wks?|months?|mos?|years?|yrs?|kilos?|kg|units?|hours?|hrs?|am|pm|a\.m\.|p\.m\.|"
    r"o'clock|people|staff|metres?|meters?|m\b|x\b|times)",
    re.I,
)


def _numbers_said(said: Sequence[str], persona: Persona) -> list[float]:
    """The figures they said (and the scenario states)."""
    found = [q for text in [*said, persona.scenario] for q in quantities(text)]
    # "we've spoken perhaps twice": played back as "barely two conversations"
    times = [n for text in said for word, n in _TIMES.items() if re.search(rf"\b{word}\b", text, re.I)]
    # "goes from $14.20 to $16.80" is read as one span: both ends were said
    return [q.value for q in found] + [q.high for q in found if q.high is not None] + times


def _percents_said(said: Sequence[str], persona: Persona) -> list[float]:
    """The figures they said as a percentage: "tax went up eleven percent, and my insurance twenty-two" carries the
    percent to the next bare figure in the sentence (not to one that names its own unit: "net 30", "60 kilos")."""
    found = []
    for text in [*said, persona.scenario]:
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            qs = quantities(sentence)
            if any(q.percent for q in qs):
                found += [
                    q
                    for q in qs
                    if q.percent
                    or not (
                        q.currency
                        or _NAMED_FIGURE.search(sentence[max(0, q.start - 8) : q.start])
                        or _UNIT_AFTER.match(sentence, q.end)
                    )
                ]
    # "up by nearly a third", "doubled", "half again": a share said in words is a percentage played back as one
    shares = [
        v
        for text in [*said, persona.scenario]
        for m in _SHARE_WORDS.finditer(text.lower())
        for v in _SHARE_VALUES[m.group(1)]
    ]
    return [q.value for q in found] + [q.high for q in found if q.high is not None] + shares


# a figure said again in other units or words, straight after the first: "3.2 metres, that's about ten and a half
# feet", "19,200 (i.e. 230k a year)"
_CONVERTED = re.compile(
    r"\d[\d.,]*\s*(?:[a-z%]+\.?)?\s*(?:,|\(|-|—)\s*(?:that'?s|thats|which is|which'?s|i\.?e\.?|or|so)\s+"
    r"(?:about|around|roughly|like|nearly|almost|approx\.?|approximately|just under|just over)?\s*[$£€]?$",
    re.I,
)
_SHARE_VALUES = {
    "half": (50.0,),
    "a third": (30.0, 33.0, 33.3, 35.0),
    "a quarter": (25.0,),
    "a fifth": (20.0,),
    "a tenth": (10.0,),
    "two thirds": (65.0, 66.0, 66.7, 67.0, 70.0),
    "three quarters": (75.0,),
}
_SHARE_WORDS = re.compile(r"\b(half|a third|a quarter|a fifth|a tenth|two thirds|three quarters)\b")


def _terms_known(persona: Persona, percent_only: bool = False) -> list[float]:
    """How things stand today ("the 6% pool", "a wall at 3.2m"): known to both sides (what it will ask for is not,
    until it says it: "the 2.5 metres" played back before Maureen named 2.5 is a figure she never gave),
    matched as written (no thousands either way: "40k" is not a 40% stake). `percent_only`: terms in percent."""
    return [
        float(v)
        for i in persona.issues
        if i.kind == "number" and (not percent_only or _in_percent(i))
        for v in (i.current,)
        if v is not None
    ]


def _in_percent(issue: Issue) -> bool:
    """A term counted in percent ("a 15% option pool", "lena_equity")."""
    return "percent" in issue.unit or "%" in issue.unit


_TIMES = {"twice": 2.0, "thrice": 3.0, "double": 2.0, "triple": 3.0}


# "18x", "15 times", "4%", "15-18x", "15 to 18 times"
_MULTIPLIER = re.compile(r"(?:\s*(?:-|to)\s*\d+(?:\.\d+)?)?\s*(?:x\b|times\b|%|percent\b|pc\b)|(?<=x)", re.I)


def _multiple_worked_out(part: str, q: Any, own: Sequence[float], known: Sequence[float]) -> bool:
    """A multiple worked out from two figures ("so 10 is like 16-17x" with 600k of revenue said): the ratio of a figure
    in the play-back to one they said falls within the multiple written (3% either way)."""
    if not _MULTIPLIER.match(part, q.end) or re.match(r"\s*(?:%|percent|pc)\b", part[q.end :]):
        return False
    top = q.high if q.high is not None else max([q.value, *_upper(part, q.end)])
    low, high = q.value * 0.97, top * 1.03
    return any(
        low <= a * scale / b <= high
        for a in own
        for b in {abs(k) for k in known if k}
        if a
        for scale in (1, 1e3, 1e6)
    )


def _upper(part: str, end: int) -> list[float]:
    """The top of a range written "15-18x" or "15 to 18 times" right after a figure."""
    m = re.match(r"\s*(?:-|to)\s*(\d+(?:\.\d+)?)", part[end:])
    return [float(m.group(1))] if m else []


_OWN_CLAIM = re.compile(
    r"^\s*(?:i'?m|im|i am|we'?re|we are|were|i|we)\s+(?:\w+\s+)?(?:asking(?: for)?|growing(?: at)?|grow|grew|hoping for|"
    r"on|at|paying|pay|ordering|order|earning|earn|making|make|offering|offered)\s+(?:about\s+|around\s+|like\s+)?[$£€]?$",
    re.I,
)
_ITS_ASK_EXPLAINED = re.compile(
    r"\s*(?:a kilo |a month |a year )?(?:comes? from|is (?:from|about|for)|came from)\b", re.I
)
_RESULT_SHOWN = re.compile(
    r"(?:\bis|\b(?:should|would|ought to|must) be|\bworks? out (?:at|to)|\bso|=|\bthat'?s|\bthats|\bwhich is|\bcomes to|\bmakes|\bgets (?:you|u|us|me)|\bmeans)\s+"
    r"(?:about\s+|around\s+|like\s+|roughly\s+|exactly\s+|only\s+|just\s+|already\s+)?[$£€]?$",
    re.I,
)


_RISE_BEFORE = re.compile(
    r"\b(?:pass(?:ing)? on|passed on|up|increase|rise|jump|hike|raise|going up|gone up|went up|goes up)"
    r"(?: by| of)?(?: about| around| roughly| like| only| just)?\s*$",
    re.I,
)


def _percent_rise(value: float, persona: Persona) -> bool:
    """`value` is, within a point, the change in percent it asks for on a term from where it is today: 18 for a price
    going from 14.20 to 16.80."""
    return any(
        i.kind == "number"
        and i.current
        and "$" in i.unit  # (a price or a pay: net 30 to net 15 is no 50% of anything passed on)
        and abs(100 * abs(i.opening - i.current) / i.current - value) <= 1
        for i in persona.issues
    )


def _derived(value: float, own: Sequence[float], known: Sequence[float]) -> bool:
    """A figure worked out in the play-back itself from a multiple or a percentage it names and a figure they said
    ("15 to 18x on 600k is 9 to 10.8", "4% of 68 is like 70.7", "15% off 24 is 20.4"): a product or a percentage of
    the two (added or taken off), within 2%. Sums and ratios are
    left out, and so is a figure with no working beside it: too many figures are some sum or ratio of two others."""
    shown = [abs(a) for a in own if a and not _same_number(a, value)]
    for a in shown:
        for b in {abs(k) for k in known if k}:
            for v in (
                a * b,
                a * b / 100,
                a * (1 + b / 100),
                b * (1 + a / 100),
                a * (1 - b / 100),
                b * (1 - a / 100),
            ):
                for scale in (1, 1e3, 1e6, 1e-3, 1e-6):
                    if abs(v * scale - value) <= 0.02 * abs(value):
                        return True
    return False


# A figure in words counts something as a fact ("four change orders", "eight months", "fifteen thousand") unless it
# counts the speaker's own points ("two things", "two conditions"), is a bare "thousand" ("the last few thousand") or
# a price said aloud ("fourteen twenty"), which the digits check already reads another way.
_OWN_COUNT = re.compile(
    r"\s+(?:\w+\s+)?(?:things?|points?|questions?|parts?|issues?|ways?|options?|ideas?|concerns?|reasons?|sides?|"
    r"conditions?|asks?|requests?|bits?|steps?|problems?|worries|words?|minutes?|times|of (?:you|us|them|those|these|the))\b",
    re.I,
)
_SPOKEN_PRICE = re.compile(
    r"[a-z]+(?:teen|ty)[ -](?:[a-z]+ty-?)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|"
    r"[a-z]+ty)|(?:hundred|thousand|million)s?",
    re.I,
)


def _in_years_or_months(part: str, q: Any, known: Sequence[float]) -> bool:
    """ "a fresh 12 mo cliff" for "a one-year cliff", "1.5 yrs" for "18 months": the same span in the other unit."""
    unit = re.match(r"\s*-?\s*(mo|mos|months?|yrs?|years?)\b", part[q.end :], re.I)
    if not unit:  # "before month 12" for "a one-year cliff"
        unit = re.search(r"\b(month|year)\s+$", part[max(0, q.start - 8) : q.start], re.I)
    if not unit:
        return False
    factor = 1 / 12 if unit.group(1).lower().startswith("mo") else 12
    return any(_same_number(q.value * factor, k) for k in known if k)


def _elapsed(part: str, q: Any) -> bool:
    """A span of time in this conversation ("after what I said 10 min ago"): not a fact they are made to have said."""
    return bool(re.match(r"\s*(?:mins?|minutes?|secs?|seconds?)\s+ago\b", part[q.end :], re.I))


def _years_since(part: str, q: Any, years: set[str]) -> bool:
    """A count of years worked out from a year they named (`years`, as said: "since 1971" played back as "in your family
    over fifty years"): at most a year more than the time since, and not a decade less."""
    if not re.match(r"\s+(?:years?|yrs?)\b", part[q.end :], re.I) or not re.search(
        r"\b(?:over|more than|almost|nearly|about|around|some|well over)\s+$", part[: q.start], re.I
    ):
        return False  # ("a 4-year vesting schedule" is a term, not a time since)
    now = date.today().year
    return any(now - y - 10 <= q.value <= now - y + 1 for y in map(int, years) if 1900 <= y <= now)


def _counted_fact(part: str, q: Any) -> bool:
    words = part[q.start : q.end]
    return q.value >= 2 and not _OWN_COUNT.match(part, q.end) and not _SPOKEN_PRICE.fullmatch(words)


_UPWARD = (1, 1000, 1_000_000)
_EITHER_WAY = (1, 1000, 0.001, 1_000_000, 0.000001)


def _scaled(a: float, b: float, factors: tuple[float, ...]) -> bool:
    return any(abs(a * k - b) <= max(0.011, abs(b) * 0.001) for k in factors)


def _said_as(said: float, theirs: float) -> bool:
    """A figure of the user's that is one of theirs, written short ("160" for $160,000), never scaled down: 5000 is
    no 5-year lease."""
    return _scaled(said, theirs, _UPWARD)


def _same_number(a: float, b: float) -> bool:
    # "160k" = 160,000 and "$2.5M" = 2,500,000; percentages are compared as written (50% is not $5,000).
    if not a or not b:
        return a == b  # "zero" is no other figure scaled down to nothing
    return _scaled(a, b, _EITHER_WAY)


_YEAR = re.compile(
    r"(?<![$£€\d.,])\b(?:19[5-9]\d|20[0-4]\d)\b(?![\d%]|[.,]\d|\s*(?:k|m|bn|dollars|units|kilos?|kg)\b)", re.I
)
# a part of the day, but not one being fixed for a meeting ("sat morning", "tmrw evening", "this afternoon")
_DAYPART = re.compile(
    r"(?<!\bmon )(?<!\btue )(?<!\bwed )(?<!\bthu )(?<!\bfri )(?<!\bsat )(?<!\bsun )(?<!day )(?<!tmrw )(?<!this )"
    r"(?<!next )(?<!tomorrow )\b(morning|afternoon|evening|night)s?\b",
    re.I,
)
_DAYPARTS = ["mor", "aft", "eve", "nig"]
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.I)
_WORD_RUN = re.compile(r"[A-Za-z']+")
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_SEASONS = ["spr", "sum", "aut", "win", "fal"]
_WHEN = re.compile(
    r"\b(?:january|february|march|april|june|july|august|september|october|november|december|"
    r"jan|feb|sept?|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|spring|summer|autumn|"
    r"winter)s?\b",
    re.I,
)  # "may" and "fall" are left out: too often not a date


_DAYS_IN = {
    "day": 1,
    "week": 7,
    "wk": 7,
    "month": 30,
    "mo": 30,
    "year": 365,
    "yr": 365,
    "quarter": 91,
    "qtr": 91,
    "hour": 1 / 24,
    "hr": 1 / 24,
}


def _figure(text: str, q: Any) -> tuple[float, str]:
    """A figure's value and kind. A length of time ("3 months", "two-week", "6 mo") is a span in days, compared only
    with other spans: 3 months is no 3 kilos, and six weeks of runway is not six months."""
    if q.percent:
        return q.value, "percent"
    if q.currency:
        return q.value, "money"
    unit = TIME_AFTER.match(text, q.end)
    return (q.value * _DAYS_IN[unit.group(1).lower()], "span") if unit else (q.value, "amount")


# verbs any figure goes with ("tax went up 11", "insurance went up 22"): they say nothing about whose figure it is
_GENERIC_VERBS = canonical_stems(
    content_stems("went gone go goes going rose risen rise rises rising got get gets getting came come comes")
)


def _numbers_with_subjects(text: str, reach: int = 10) -> list[tuple[float, str, str, set[str]]]:
    """Each figure in a text (money, percentages, other amounts, days of the month) with its kind and what it is
    attached to: the last `reach` content words before it in its clause (back to the previous figure)."""
    found = []
    for q in quantities(text):
        if _YEAR.fullmatch(text[q.start : q.end]):
            continue  # a year is read as one below
        value, kind = _figure(text, q)
        # "six months", "three weeks": a length of time in words is a figure too
        if (
            q.currency
            or q.percent
            or any(c.isdigit() for c in text[q.start : q.end])
            or (kind == "span" and q.value >= 2)
        ):
            found.append((value, kind, q.start, q.end))
    found += [(float(m.group(1)), "day", m.start(), m.end()) for m in _ORDINAL.finditer(text)]
    found += [(float(m.group(0)), "year", m.start(), m.end()) for m in _YEAR.finditer(text)]
    found += [  # "the morning sun" when it was the afternoon sun
        (float(_DAYPARTS.index(m.group(1).lower()[:3])), "daypart", m.start(), m.end())
        for m in _DAYPART.finditer(text)
    ]
    for m in _WHEN.finditer(text):  # "a March start", "Tuesday mornings", "in the autumn": when, as a figure
        word = m.group(0).lower()[:3]
        kind = "month" if word in _MONTHS else "weekday" if word in _WEEKDAYS else "season"
        order = _MONTHS if kind == "month" else _WEEKDAYS if kind == "weekday" else _SEASONS
        found.append((float(order.index(word)), kind, m.start(), m.end()))
    out = []
    previous = 0
    for value, kind, start, end in sorted(found, key=lambda f: f[2]):
        clause = re.split(r"[.!?;:]", text[max(previous, start - 200) : start])[-1]
        subject = (
            canonical_stems(content_stems(" ".join(_WORD_RUN.findall(clause)[-reach:]))) - _GENERIC_VERBS
        )
        out.append((value, kind, text[start:end], subject))
        previous = end
    return out


_CLAUSES = re.compile(
    r",\s*(?:and|but|while|whereas)\s+|;\s*|\s+(?:and|but|while|whereas)\s+(?=(?:my|the|our|your|his|her|"
    r"their|its)\b)",
    re.IGNORECASE,
)


_THING_AFTER = re.compile(
    r"\s*(?P<pc>(?:%|percent\b|pc\b)\s*)?(?P<on>on\s+)?(?:(?:the|my|your|ur|their)\s+)?([a-z]+)", re.I
)


def _thing_after(part: str, raw: str) -> tuple[set[str], bool]:
    """The noun after a figure, and whether the figure is put on it ("22 on the insurance", "22% insurance")."""
    m = _THING_AFTER.match(part, part.find(raw) + len(raw))
    if not m:
        return set(), False
    stems = canonical_stems(content_stems(m.group(3)))
    put_on = bool(stems) and bool(m["on"] or m["pc"] or raw.endswith("%"))
    return stems, put_on


def _in_thousands(kind: str, value: float, their_kind: str, theirs: float) -> bool:
    """ "the other offer is at 165" against their "$162,000": a bare figure is a sum said in thousands."""
    return kind == "amount" and their_kind == "money" and 10 <= value < 1000 and theirs >= 10000


def _misplaced(part: str, said: Sequence[str]) -> list[tuple[str, str]]:
    """Figures a play-back gives to a subject the counterpart gave a different figure of the same kind ("the CFO
    wants 20% off" when the CFO's figure was 15 percent; tax and insurance swapped), with the line that gave it. A
    figure on a subject it never put a figure on is left alone: that is for the invented-number check."""
    given = [(*n, line) for line in said for n in _numbers_with_subjects(line)]
    # the sentences that hold each figure: "8 hires in 18 months" restates "hire 8 people in 18 months" as a whole
    # (a clause, not a whole sentence: "tax went up 11 percent, and my insurance went up 22" holds two figures)
    sentences_with = [
        (n[0], canonical_stems(content_stems(clause)))
        for line in said
        for sentence in sentences(line)
        for clause in _CLAUSES.split(sentence)
        for n in _numbers_with_subjects(clause)
    ]
    said_figures = [v for v, k, *_ in given if k == "money"]  # sums they said in dollars
    wrong = []
    wide, close = _numbers_with_subjects(part), _numbers_with_subjects(part, 4)
    things = set().union(*(s for _, _, _, s, _ in given))  # what they put figures on
    for (value, kind, raw, subject), (_, _, _, near) in zip(wide, close, strict=True):
        # "11 on tax and 22 on insurance", "22% insurance": the thing the figure belongs to comes after it
        after, put_on = _thing_after(part, raw)
        if put_on and (after & things or re.match(r"\s*on\b", part[part.find(raw) + len(raw) :], re.I)):
            subject = near = after
        if not near or any(subject & s for v, _, _, s, _ in given if _same_number(value, v)):
            continue
        if after and any(after & s for v, _, _, s, _ in given if _same_number(value, v)):
            continue
        if any(near & stems for v, stems in sentences_with if _same_number(value, v)):
            continue
        # a bare figure ("tax up 22") plays back a percentage with its unit dropped (when the turn writes no "%"
        # anywhere and the figure counts nothing else: "in 3 weeks")
        bare = (
            kind == "amount"
            and not re.search(r"%|percent", part, re.I)
            and not any(_same_number(value, v) for v in said_figures)  # "the old 14.20" is their $14.20
            and not re.match(
                r"\s*(?:days?|weeks?|months?|years?|hours?|am|pm|a\.m|p\.m|o'?clock|people|units?|kilos?|kg)\b",
                part[part.find(raw) + len(raw) :],
                re.I,
            )
        )
        line = next(
            (
                line
                for v, k, _, s, line in reversed(given)
                if (k == kind or (bare and k == "percent") or _in_thousands(kind, value, k, v))
                and not _same_number(value, v)
                and near & s
                # 38k is no misplaced 22 percent (months and weekdays are places in a year and a week)
                and (
                    kind in ("month", "weekday", "season", "day", "daypart")
                    or not v
                    or 0.1 <= value * (1000 if _in_thousands(kind, value, k, v) else 1) / v <= 10
                )
            ),
            None,
        )
        if kind in ("month", "weekday", "season") and any(
            k == kind and v == value for v, k, _, _, _ in given
        ):
            line = None  # "June vest, March start": a month they did say, in other words; only a new one is wrong
        if line:
            wrong.append((raw, line))
    return wrong


def _near_misses(part: str, said: Sequence[str]) -> list[tuple[str, str]]:
    """A figure close to one they said, in a play-back of that line that leaves their figure out: "so they're at 165"
    for "another offer at $162,000" (165 was her own ask), "over 30 days late" for "more than twenty days over".
    Only the line the play-back restates most is compared: a figure near one from another subject is left alone."""
    kinds = ("money", "amount", "span", "percent")
    mine = [n for n in _numbers_with_subjects(part) if n[1] in kinds]
    if not mine:
        return []
    about = canonical_stems(content_stems(part))
    figures_in = {line: _numbers_with_subjects(line) for line in said}
    with_figures = [
        (len(about & canonical_stems(content_stems(line))), line)
        for line, figures in figures_in.items()
        if any(n[1] in kinds for n in figures)
    ]
    overlap, line = max(with_figures, key=lambda x: x[0], default=(0, ""))
    if not overlap:
        return []
    everything = [v for figures in figures_in.values() for v, *_ in figures]
    theirs = [n for n in figures_in[line] if n[1] in kinds]
    wrong = []
    for value, kind, raw, _ in mine:
        if any(_same_number(value, v) for v in everything):
            continue  # a figure they said, wherever they said it
        if any(
            # ("an other offer at 165k" for "$162,000": a figure in k is money too)
            (
                k == kind
                or _in_thousands(kind, value, k, v)
                or (kind == "amount" and k == "money" and bool(re.search(r"\dk$", raw, re.I)))
            )
            and not any(_same_number(v, w) for w, *_ in mine)  # "162 vs our 145": theirs is played back too
            and 0.75 <= value * (1000 if _in_thousands(kind, value, k, v) else 1) / v <= 1.34
            for v, k, _, _ in theirs
        ):
            wrong.append((raw, line))
    return wrong


def _span_swapped(part: str, said: Sequence[str]) -> list[tuple[str, str]]:
    """Their length of time in another unit: "so the cliff would make ur first 6 years count for nothing" for "the
    six months I've already put in" (never a length it comes to: "a year and a half" for "18 months"). Only the line
    the play-back restates most is compared, as for a near miss."""
    found = {text: quantities(text) for text in (part, *said)}
    spans = {
        line: [
            (q.value, _DAYS_IN[u.group(1).lower()])
            for q in found[line]
            if (u := TIME_AFTER.match(line, q.end))
        ]
        for line in said
    }

    # the words, the figures themselves left out ("four" in both is no sign of a restatement)
    def figureless(text: str) -> set[str]:
        words = text
        for q in reversed(found[text]):
            words = words[: q.start] + " " + words[q.end :]
        return canonical_stems(content_stems(words))

    about = figureless(part)
    # a figure of its own they repeat ("fifteen percent off … and you present in three months" for "fifteen percent
    # off … in three weeks") ties the play-back to that line as surely as three words do (small counts are common)
    timed = {q.value for q in found[part] if TIME_AFTER.match(part, q.end)}
    distinct = [q.value for q in found[part] if q.value not in timed and not 0 < q.value <= 12]

    def shared_figures(line: str) -> int:
        return sum(1 for v in distinct if any(_same_number(v, q.value) for q in found[line]))

    overlap, best = max(
        ((len(about & figureless(line)) + 3 * shared_figures(line), line) for line in said if spans[line]),
        key=lambda x: x[0],
        default=(0, ""),
    )
    if overlap < 3:
        return []
    theirs = [(line, v, d) for line in said for v, d in spans[line]]
    wrong = []
    for q in found[part]:
        u = TIME_AFTER.match(part, q.end)
        if u is None:
            continue
        days = _DAYS_IN[u.group(1).lower()]
        same = [(line, d) for line, v, d in theirs if _same_number(q.value, v)]
        if (
            any(line == best for line, _ in same)
            and all(d != days for _, d in same)
            and not any(_same_number(q.value * days, v * d) for _, v, d in theirs)
        ):
            wrong.append((part[q.start : u.end()], same[-1][0]))
    return wrong


_DAY_CLAUSES = re.compile(r"[.!?;]|,?\s+so\b|,\s*(?:and|but)\b", re.I)
_WEEKDAY = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)(?:day|s|nesday|sday|rsday|urday)?s?\b", re.I)
_PART_OF_DAY = re.compile(r"\b(morning|afternoon|evening|night)s?\b", re.I)
_DAY_AFTER = re.compile(r"\b(?:the )?(?:next day|day after|following day|mornings? after)\b", re.I)


def _wrong_days(part: str, said: Sequence[str]) -> list[tuple[str, str]]:
    """Weekdays a play-back gets wrong: a day they never named when they named days ("Thursday and Friday" for
    "Tuesdays and Wednesdays"), or a day they named put at another time of day ("Tuesday and Wednesday mornings"
    when Tuesdays and Wednesdays were her nights at the hospice and the mornings after were the ones to keep)."""
    named: dict[str, str] = {}  # weekday -> the line that named it
    times: dict[str, set[str]] = {}  # weekday -> the parts of the day they put it with
    for line in said:
        for clause in _DAY_CLAUSES.split(line):
            days = {m.group(1).lower() for m in _WEEKDAY.finditer(clause)}
            parts = {m.group(1).lower() for m in _PART_OF_DAY.finditer(clause)}
            for day in days:
                named.setdefault(day, line)
                times.setdefault(day, set()).update(parts)
        # "nights on Tuesdays and Wednesdays, so I sleep until noon the next day. Drilling on those mornings…": the
        # days after are named too, at the times of day said after that
        after = _DAY_AFTER.search(line)
        if after:
            later = {m.group(1).lower() for m in _PART_OF_DAY.finditer(line, after.end())} or {"morning"}
            for m in _WEEKDAY.finditer(line, 0, after.start()):
                day = _WEEKDAYS[(_WEEKDAYS.index(m.group(1).lower()) + 1) % 7]
                named.setdefault(day, line)
                times.setdefault(day, set()).update(later)
    if not named:
        return []
    # a day they never named is wrong only in a play-back of the lines that named days ("…you sleep, after the
    # hospice"), not in "drawings to you by Friday"
    about = canonical_stems(content_stems(_WEEKDAY.sub(" ", part)))
    lines = [
        line
        for line in set(named.values())
        if about & canonical_stems(content_stems(_WEEKDAY.sub(" ", line)))
    ]
    wrong = []
    for clause in _DAY_CLAUSES.split(part):
        parts = {m.group(1).lower() for m in _PART_OF_DAY.finditer(clause)}
        for m in _WEEKDAY.finditer(clause):
            day = m.group(1).lower()
            if day not in named:
                if lines:
                    wrong.append((m.group(0), lines[0]))
            elif parts and times[day] and not parts & times[day]:
                wrong.append((m.group(0), named[day]))
    return wrong


# "3 drivers rang u" when two drivers called, "2 AMs" for three account managers, "since he passed 3 years ago" for
# two, "the loan goes out on the 15th" for the 1st: a count of the same thing, or a day of the month, said wrong.
_COUNT_WORDS = {w: v for w, v in NUMBER_WORDS.items() if 1 <= v <= 12} | {"a": 1.0, "an": 1.0}
_COUNTED = re.compile(
    rf"(?<![\d.,])\b(?:(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+|{'|'.join(sorted(_COUNT_WORDS, key=len, reverse=True))})\s+"
    r"(?:(?P<adj>different|other|separate|more|new|full|whole|extra|late|senior|junior|big|biggest)\s+)?"
    r"(?P<noun>[a-z]{2,})\b(?:\s+(?P<noun2>managers?|members?|leads?|engineers?)\b)?"
    r"(?:\s+(?P<after>ago|late|early|later|before|running|in a row)\b)?"
    r"|(?P<adv>twice|thrice)\b)",  # not "once": "once we needed a signature"
    re.I,
)
# words after a count that are not what it counts (a figure's unit is checked elsewhere), and little words
_NOT_COUNTED = frozenset(
    re.findall(
        r"\w+",
        "bit lot few couple thing way point one kilo kg percent pc k grand dollar buck minute hour pm x to is of in on "
        "at for and or but the was are were be by with from per if so as it its that this than then we you u i he she "
        "they out up off more less million thousand hundred billion",
    )
)
# "three times what we pay" (and any "15 to 18 times"): a multiple, not how often something happened
_MULTIPLE_AFTER = re.compile(
    r"\s+(?:arr|revenue|recurring|earnings|the|our|your|ur|what|that|as|more|less|over)\b", re.I
)
_SPAN_UNITS = frozenset({"day", "week", "month", "year"})
# a count and what it counts, the way the same thing is named twice: "account managers" and "AMs"
_COUNT_SYNONYMS = {"am": "manager"}


def _singular(word: str) -> str:
    """ "drivers" -> "driver", "AMs" -> "am", "companies" -> "company" (a plain rule: counts compare nouns, not stems)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _counts(text: str) -> list[tuple[float, str, str]]:
    """(count, what it counts, the words as typed) in a text: "two drivers" -> (2, "driver", "two drivers")."""
    found = []
    for m in _COUNTED.finditer(text):
        if m["adv"]:
            found.append((_TIMES[m["adv"].lower()], "time", m.group(0)))  # "twice": two times
            continue
        n, noun = m["n"].lower().replace(",", ""), (m["noun2"] or m["noun"]).lower()
        if (m["adj"] or "").lower() == "other":
            continue  # "three other people in my office": a count beside someone, not how many there are
        if n.isdigit() and DATE_BEFORE.search(text[: m.start()]) and _singular(noun) == noun:
            continue  # "the sept 15 order" dates the order
        value = float(n) if n.isdigit() else _COUNT_WORDS[n]
        noun = _singular(noun)
        noun = _COUNT_SYNONYMS.get(noun, noun)
        if noun in _NOT_COUNTED or (n in ("a", "an") and noun not in _SPAN_UNITS):
            continue  # "a year" counts a span, "a driver" names one
        if noun == "time" and (value > 4 or _MULTIPLE_AFTER.match(text, m.end())):
            continue
        if noun in _SPAN_UNITS:
            if not m["after"]:
                continue  # "for 3 years" is checked as a span; "3 years ago" dates a thing
            noun = f"{noun} {m['after'].lower()}"
        found.append((value, noun, m.group(0)))
        if value > 1 and not m["noun2"] and _singular(m["noun"].lower()) == m["noun"].lower():
            # "4 engineering change orders" counts orders too, as "6 change orders" says it back
            for word in re.findall(r"[a-z]+", text[m.end() :].lower())[:2]:
                head = _singular(word)
                if len(word) < 3 or head in _NOT_COUNTED or head in _SPAN_UNITS:
                    break
                if head != word:  # the plural that ends the name is what is counted
                    found.append((value, head, m.group(0)))
                    break
    return found


def _miscounted(part: str, said: Sequence[str]) -> list[tuple[str, str]]:
    """(the count as typed, their line) for each count of a thing, or day of the month, a play-back gives that the
    counterpart gave differently and never as the play-back has it."""
    theirs: dict[str, dict[float, str]] = {}
    days: dict[float, str] = {}
    for line in said:
        for value, noun, _ in _counts(line):
            theirs.setdefault(noun, {}).setdefault(value, line)
        for value, kind, _, _ in _numbers_with_subjects(line):
            if kind == "day":
                days.setdefault(value, line)
    wrong = []
    for value, noun, raw in _counts(part):
        counts = theirs.get(noun, {})
        if counts and value not in counts:
            wrong.append((raw, next(iter(counts.values()))))
    if days:
        for value, kind, raw, _ in _numbers_with_subjects(part):
            # "the 1st, not the 15th" puts it right itself
            if (
                kind == "day"
                and value not in days
                and not re.search(rf"\bnot (?:the )?{re.escape(raw)}", part, re.I)
            ):
                wrong.append((raw, next(iter(days.values()))))
    return wrong


# "comps go 15 to 20x" when they said 15 to 18 times: a range said back with one end moved
_RANGE = re.compile(
    r"(?<![\d.])(?:between\s+)?(\d+(?:\.\d+)?)\s*(?:-|–|—|to|and)\s*(\d+(?:\.\d+)?)(?![\d.]\d)", re.I
)


def _range_moved(part: str, said: Sequence[str]) -> list[tuple[str, str]]:
    """(the range as typed, their line) for a range that keeps one end of a range they said and moves the other."""
    theirs = [
        ((float(m.group(1)), float(m.group(2))), line)
        for line in said
        for m in _RANGE.finditer(line.replace(",", ""))
    ]
    wrong = []
    for m in _RANGE.finditer(part.replace(",", "")):
        low, high = float(m.group(1)), float(m.group(2))
        if not low < high or any((low, high) == r for r, _ in theirs):
            continue
        line = next((line for (a, b), line in theirs if a < b and (a == low) != (b == high)), None)
        if line:
            wrong.append((m.group(0), line))
    return wrong


# A month is a fact like a year: "til june 1st" when the freeze runs to 1 July, "vests in july" when it vests in June.
# "may" and "mar" are words too, so only a month's full name (or a clear short form) counts.
_MONTH_NAME = re.compile(
    r"\b(jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|"
    r"nov(?:ember)?|dec(?:ember)?)\b",
    re.I,
)


def _months_invented(part: str, said: Sequence[str], background: Sequence[str]) -> list[tuple[str, str]]:
    """(month, their line that names a month) for each month a play-back names that the counterpart never did (nor
    its position or scenario, in `background`)."""
    heard = [*said, *background]
    named = {m.group(1).lower()[:3] for text in heard for m in _MONTH_NAME.finditer(text)}
    named |= {"may"} if any(re.search(r"\bMay\b", text) for text in heard) else set()
    dated = next((line for line in reversed(said) if _MONTH_NAME.search(line)), "")
    return [(m.group(0), dated) for m in _MONTH_NAME.finditer(part) if m.group(1).lower()[:3] not in named]


# What they said did not happen, played back as if it did: "so number 12 paid for it in the end" after "They never
# paid to fix it". Only verbs whose yes or no is the fact itself (paying, signing, fixing, telling…) are compared.
_NEGATED_VERB = re.compile(
    r"\b(?:never|didn'?t|did not|won'?t|will not|doesn'?t|does not|don'?t|do not|can'?t|cannot|wouldn'?t|"
    r"couldn'?t|hasn'?t|haven'?t|hadn'?t)\s+(?:(?:really|even|actually|ever|fully|yet)\s+)?([a-z]{3,})\b"
)
_NEGATORS = re.compile(r"\b(?:not|never|no|nothing|nobody|without|nowhere|\w+n'?t|cannot)\b")
_POLAR_CLAUSE = re.compile(r"[.!?;:,]|\b(?:but|and|so|because|though|although|which|while|then)\b")
_FACT_VERBS = frozenset(
    map(
        stem,
        re.findall(
            r"\w+",
            "pay paid fix sign signed agree approve charge cover consult consulted warn warned complain chase deliver "
            "finish return respond reply call apologise apologize compensate refund keep tell told ask asked",
        ),
    )
)


def _contradicted(part: str, said: Sequence[str]) -> list[tuple[str, str]]:
    """(word, their line) for each fact verb the play-back asserts that the counterpart only ever said with a no."""
    denied: dict[str, str] = {}
    affirmed: set[str] = set()
    for line in said:
        for clause in _POLAR_CLAUSE.split(line.lower().replace("’", "'")):
            # ("he'll hold back his rent if I don't fix it" denies no fixing: the no is a condition's)
            clause = acts.CONDITION.sub(" ", clause)
            negated = {stem(m.group(1)) for m in _NEGATED_VERB.finditer(clause)}
            for verb in negated & _FACT_VERBS:
                denied.setdefault(verb, line)
            if not _NEGATORS.search(clause):
                affirmed |= {stem(w) for w in re.findall(r"[a-z']+", clause)} & _FACT_VERBS
    found = []
    for clause in _POLAR_CLAUSE.split(part.lower().replace("’", "'")):
        if _NEGATORS.search(clause):
            continue
        for word in re.findall(r"[a-z']+", clause):
            verb = stem(word)
            if verb in denied and verb not in affirmed:
                found.append((word, denied[verb]))
    return found


# "so ur gonna sell it", "you're thinking about selling", "so you're selling?": a plan put on them
_THEIR_PLAN = re.compile(
    r"\b(?:(?:you|u)\s+(?:are|r|re)\s+|(?:you'?re|youre|ur|your)\s+|(?:you|u)\s+(?=(?:basically\s+|really\s+)?(?:gonna|going to)\b))"
    r"(?:basically\s+|really\s+|actually\s+|just\s+)?"
    r"(?:(?:gonna|going to|thinking (?:about|abt|of)|planning (?:to|on)|looking to|about to|considering)\s+([a-z]+)|([a-z]{3,}ing)\b)"
)
# what is said of someone else's wish, or with a no: "my son thinks I should sell", "I don't want to sell"
_NOT_THEIR_PLAN = re.compile(
    r"\b(?:my|his|her|our|the)\s+\w+\s+(?:thinks?|wants?|says?|keeps?|told|asked|offered|wishes)\b|"
    r"\b(?:he|she|they|someone|somebody|everyone)\s+(?:thinks?|wants?|says?|keeps?|told|offered)\b|"
    r"\b(?:don'?t|do not|won'?t|will not|never|not going to|no intention)\b"
)
_PLAN_VERBS_SKIP = frozenset(
    [
        "say",
        "tell",
        "worri",
        "ask",
        "look",
        "think",
        "hope",
        "tri",
        "go",
        "get",
        "feel",
        "want",
        "need",
        "mean",
        "be",
        "do",
        "have",
        "make",
        "take",
        "come",
        "stay",
        "wait",
        "work",
        "talk",
        "hear",
        "lose",
        "leav",
        "struggl",
        "pay",
        "charg",
        "run",
    ]
)


# "so your CFO asked what we actually do" when it was the CEO who asked: who did or said a thing, swapped (titles and
# family only: "your boss asked" plays back "our CEO asked" in other words)
_ROLE = re.compile(
    r"\b(ceo|cfo|cto|coo|vp|chairman|(?:co-?)?founders?|landlord|accountant|lawyer|surveyor|architect|husband|wife|"
    r"son|daughter|father|dad|mother|mum|mom|brother|sister|partners?|investors?|bank|council)\b",
    re.I,
)
_SAME_ROLE = {"dad": "father", "mum": "mother", "mom": "mother"}


def _roles(text: str) -> set[str]:
    """The roles a text names, one spelling each: "co-founder" and "founders" are "founder", "dad" is "father"."""
    found = {re.sub(r"^co-?|s$", "", m.group(1).lower()) for m in _ROLE.finditer(text)}
    return {_SAME_ROLE.get(role, role) for role in found}


def _role_swapped(part: str, said: Sequence[str]) -> list[tuple[str, str]]:
    """(role as typed, their sentence) for a person a play-back puts in one of their sentences that named someone else
    there: the sentence it restates (sharing at least three words besides who) names a role, never this one."""
    wrong = []
    for clause in re.split(r"[.!?;,]|\b(?:because|but|bc|while|whereas)\b", part):
        roles = _roles(clause)
        if not roles:
            continue
        about = canonical_stems(content_stems(_ROLE.sub(" ", clause)))
        for line in said:
            for sentence in sentences(line):
                named = _roles(sentence)
                if not named or roles & named:
                    continue
                if len(about & canonical_stems(content_stems(_ROLE.sub(" ", sentence)))) >= 3:
                    wrong += [(role, line) for role in sorted(roles)]
    return wrong


def _plan_put_on_them(part: str, said: Sequence[str]) -> bool:
    """A play-back that makes something they reported of someone else, or refused, their own plan: "so ur gonna sell
    it" when all Gloria said was that her son thinks she should sell (or that she doesn't want to)."""
    low = normalise(part)
    for m in _THEIR_PLAN.finditer(low):
        verb = stem(m.group(1) or m.group(2))
        if verb in _PLAN_VERBS_SKIP or len(verb) < 3:
            continue
        about = [
            sentence
            for line in said
            for sentence in sentences(line.lower().replace("’", "'"))
            if verb in {stem(w) for w in re.findall(r"[a-z']+", sentence)}
        ]
        if about and all(_NOT_THEIR_PLAN.search(s) for s in about):
            return True
        if m.group(1) and not about:
            return True  # "so ur gonna sell it" when she only said she doesn't know what she'll do yet
    return False


# A play-back that puts a motive or a verdict in their mouth they never gave ("so basically you don't think I can do
# it", "you're using the flood as a reason", "a number you picked to see if we'd fold"): a spin, not a summary.
_SPIN = re.compile(
    r"\b(?:you|u) (?:don'?t|dont|do not) (?:think|believe|trust) (?:i|we|us|me)\b|\b(?:you|u) think (?:i|we)(?:'d| would| will|'ll)\b|"
    r"\busing (?:\w+ ){0,3}as (?:a|an) (?:reason|excuse)\b|\bjust (?:to see|so (?:you|u) can)\b|"
    r"\bso (?:you|u) can (?:put|get|have|keep|control|run)\b|\b(?:you|u) won'?t\b(?! be (?:left|stuck|asked|paying|charged|hit|out of pocket)\b)|\bbasically (?:you|u) (?:want|just|don'?t|dont)\b|"
    r"\bkeeping (?:your|ur) own\b|\b(?:you|u) (?:just )?want to (?:run|control|squeeze|punish)\b|\bthe whole increase\b|"
    r"\bto see if (?:we|i)\b|\ball (?:our|my) fault\b|\b(?:i|we) suck\b|\bscrew(?:ing|ed)? (?:us|me)\b|\bgoug\w*\b|"
    r"\bfree (?:shares|money|ride)\b|\bnobody can\b|\b(?:just|only) (?:an|the) excuse\b|\bpunish\w*\b|"
    r"\b(?:your|ur) (?:ego|pride)\b|\bnot (?:\w+ )?(?:leader|lead|management|manager) material\b|"
    r"\b(?:you|u) (?:think|reckon) (?:the |your |ur )?\w+ (?:don'?t|dont|do not|doesn'?t) (?:respect|trust|like|rate)\b|"
    r"\b(?:you|u) regret\b|\b(?:angry|mad) (?:at|to|with) (?:me|us)\b|[.,]\s*(?:great|brilliant|lovely|nice|perfect)\W*$|"
    r"\b(?:you|u) (?:think|reckon|believe) (?:i|im|i'm|we|we're) (?:can'?t|cannot|not|am not|won'?t|couldn'?t|don'?t)\b|"
    r"\b(?:you|u) (?:think|reckon|believe) (?:i'?m|im|i am|we'?re|we are) (?:gonna|going to|bad|useless|lazy|lying|a liar|"
    r"unreliable|incompetent|no good|terrible|hopeless|rubbish|crap)\b|\b(?:you|u) think (?:i|we) (?:lie|cheat|hide)\b|"
    r"\b(?:that'?s|it'?s|is) (?:all )?(?:my|our) fault\b|\bchoosing not to\b|\bthe real reason\b|"
    r"\b(?:you|u) could (?:do it )?if (?:you|u) (?:wanted|wished|chose)\b|\bshopping (?:it|us|me|this) around\b|"
    r"\bsounds like (?:they|penalties|it) work(?:ed|s)?\b|\brather (?:hire|have|keep|get) (?:someone|somebody|me)\b|"
    # the whole cost pushed onto us: "u want us to eat all of it", "you're just passing it on to us"
    r"\b(?:you|u) (?:just |basically )?want (?:us|me) to (?:eat|cover|swallow|absorb|foot|carry|make up for|redesign|"
    r"match|pay (?:you )?for)\b|"
    r"\bpass(?:ing)? (?:it|that|this|the \w+|(?:your|ur) (?:own )?\w+|everything|all of it) (?:\w+ )?(?:on|down) to (?:us|me)\b|"
    r"\b(?:because|bc|cos|cause) of us\b|"
    # a verdict on us put in their mouth: "ur saying we're overpriced", "you think penalties are a waste of time",
    # "it's all them"
    r"\b(?:you'?re|you are|ur|your|u r) saying (?:we'?re|we are|were|i'?m|im|i am) (?:\w+ )?(?:overpriced|not worth|"
    r"too expensive|bad|lazy|useless|rubbish|the problem)\b|"
    r"\b(?:you|u) think (?:\w+ ){1,2}(?:are|is|r) (?:a |just )?(?:waste|pointless|useless|stupid|nonsense|a joke)\b|"
    r"\bit'?s all (?:them|their fault|his fault|her fault)\b|"
    # "so ur basically saying we're the reason ur going broke", "ur saying growth doesn't matter to you": a verdict in
    # absolutes put in their mouth
    r"\b(?:you'?re|you are|ur|u r|youre) (?:basically |just |really )?say(?:ing|in)\b[^.?!,;]*?"
    r"\b(?:at all|anything|nothing|never|always|only|doesn'?t matter|don'?t care|the reason|too small|too big|"
    r"all (?:you|u) care|entirely|completely|totally)\b",
    re.I,
)


_TO_FIRST = {
    "you": "i",
    "u": "i",
    "your": "my",
    "ur": "my",
    "you're": "i'm",
    "youre": "im",
    "yours": "mine",
    "we": "you",
    "us": "you",
    "our": "your",
    "i": "you",
    "me": "you",
    "my": "your",
}


# A strong feeling put on them that they never showed: "so basically ur a bit jealous that investors focus on me?",
# "sounds like ur really bitter about that", "u must have been absolutely devastated". People push back on a label
# like that ("I'm not jealous"), where "that must be annoying" or "stressful" only names the weight of it.
_LOADED_FEELING = re.compile(
    r"\b(?:you|u|ur|you'?re|youre|you are|u r|yourself)\b(?:\W+\w+){0,4}?\W+(?P<word>jealous|envious|bitter|resentful|"
    r"devastated|heartbroken|desperate|paranoid|greedy|petty|hysterical|panick(?:ing|ed|y)|terrified|vindictive|spiteful|"
    r"traumati[sz]ed|sulking|salty|insecure|threatened|humiliated|betrayed|vengeful|obsessed)\b"
)


_BECAUSE = re.compile(r"\b(?:because|bc|cos|cuz|coz)\b(?!\s+of\b)\s+(.*)", re.I)
_CLAUSE_END = re.compile(r"[.?!;]|\s(?:and|but)\s+(?:you|u|ur|your|i|we)\b|\sbut\b", re.I)


# "so ur costs went up a bit", "the veg beds getting a bit less light", "a bit of stock, fairly minor": what they
# told as a weight on them played down
_PLAYS_DOWN = re.compile(
    r"\b(?:went|gone|go(?:ing)?|is|are|was|were|up) up (?:a (?:bit|little|tad)|slightly)\b|"
    r"\b(?:lose|losing|loses|lost|get|getting|gets) (?:a (?:bit|little|tad)|slightly) (?:of |less )?\w+|"
    r"\bfairly minor\b|\b(?:not|isn'?t|isnt) (?:that|so|too) bad\b|\b(?:no|not a) big deal\b",
    re.I,
)


def _plays_down(part: str, said: Sequence[str]) -> bool:
    """A play-back that makes light of what they told, in words that are not theirs."""
    found = _PLAYS_DOWN.search(part)
    if not found:
        return False
    words = found.group(0).lower()
    return not any(words in line.lower() for line in said)


def _reason_unsaid(part: str, heard: set[str]) -> bool:
    """A play-back that gives their position a reason none of their lines holds a word of: "you want a low price
    because your fund had a bad year", "so ur worried bc we figure u'll cave" (a motive put in their mouth). `heard`:
    the stems of all they said."""
    found = _BECAUSE.search(part)
    if not found:
        return False
    clause = _CLAUSE_END.split(found.group(1))[0]
    words = canonical_stems(content_stems(clause))
    if len(words) < 2:
        return False
    return len(words & heard) / len(words) < 0.2


def _loaded_feeling(part: str, said: Sequence[str]) -> bool:
    """A strong feeling the play-back puts on them that no line of theirs shows (see _LOADED_FEELING)."""
    found = _LOADED_FEELING.search(part.lower())
    if not found:
        return False
    if re.search(
        r"\b(?:not|isn'?t|aren'?t|wasn'?t|never|no one'?s|nobody'?s)\b(?:\s+\w+){0,3}\s*$",
        part.lower()[: found.start("word")],
    ):
        return False  # "its not just you being greedy": the feeling denied, not put on them
    root = found.group("word")[:5]  # "bitter"/"bitterness", "panicking"/"panic", "jealous"/"jealousy"
    return not any(re.search(rf"\b{root}", line.lower()) for line in said)


def _their_own_words(span: str, said: Sequence[str]) -> bool:
    """A phrase that, person-swapped, is what the counterpart said ("so you can keep" for "so I can keep")."""
    swapped = " ".join(_TO_FIRST.get(w, w) for w in re.findall(r"[\w']+", span.lower()))
    heard = " ".join(" ".join(re.findall(r"[\w']+", line.lower())) for line in said)
    return bool(swapped) and swapped in heard


_LEADING_YES = re.compile(
    r"^(?:(?:yes|yeah|yep|exactly|right|sure|correct|okay|ok|that'?s (?:it|right)|"
    # a short answer to the question before it: "They have. My husband planted those roses…"
    r"(?:they|it|he|she|i|we) (?:have|has|is|are|was|were|did|do|does)(?: not)?)\b[.,!]+\s+)+(?=\S)",
    re.I,
)
# a figure put on its own: "10.", "how about 75?", "say 12" (named apart from _BARE_FIGURE below, which it was shadowed
# by: that one is any single word with a reaction, for figures flung back)
_FIGURE_PUT = re.compile(
    r"^\W*(?:how about |what about |say |maybe |then )?[$£€]?\d[\d.,]*\s*(?:k|%|percent)?(?:ish)?\W*$", re.I
)
_QUARTERS = {"q1": "first quarter", "q2": "second quarter", "q3": "third quarter", "q4": "fourth quarter"}


_MULTIPLE_WORD = re.compile(r"\b(doubl|tripl|halv)(?:e|ed|es|ing)\b", re.I)
_MULTIPLE_SAID = {
    "doubl": r"doubl|twice|\b2x\b|two times|100 ?(?:%|percent)",
    "tripl": r"tripl|three times|\b3x\b|200 ?(?:%|percent)",
    "halv": r"half|halv|50 ?(?:%|percent)",
}


# what the counterpart says that carries nothing to play back: small talk, a nod, a pause
_FILLER_MOVES = (
    "small_talk",
    "acknowledge",
    "off_topic",
    "take_time",
    "other_language",
    "react_insult",
    "deflect_closed",
    "not_yet",
    "nothing_more",
)


def check_restatement(
    part: str, said: Sequence[str], disclosed: Sequence[Disclosure], persona: Persona, before: str = ""
) -> dict[str, Any]:
    """What a summary covers of what was said, which numbers it invents, and the line that corrects it. `before`:
    the part of the same turn before it, whose multiples a figure here may be worked out from."""
    # "15–18x" typed with a dash from a phone or a word processor is the range "15-18x"
    part, before = (re.sub(r"(?<=\d)\s*[–—]\s*(?=\d)", "-", t) for t in (part, before))
    # "the market is mid to high 70s" of a band of 74 to 86: a decade that holds a figure they said is no new figure
    known = _numbers_said(said, persona)
    part = re.sub(
        r"\b([1-9]0)['’]?s\b",
        lambda m: "that range" if any(int(m[1]) <= k < int(m[1]) + 10 for k in known) else m[0],
        part,
    )
    text = re.sub(r"\bq([1-4])\b", lambda m: _QUARTERS["q" + m.group(1)], part.lower())
    stems = canonical_stems(content_stems(text))
    covered: list[str] = []
    best_item, best_hits = None, 0
    items: dict[str, list[str]] = {}
    for d in disclosed:
        items.setdefault(d.item_id, []).append(d.text)
    for item_id, texts in items.items():
        item_stems = canonical_stems(content_stems(" ".join(texts)))
        hits = len(item_stems & stems)
        if item_stems and (hits >= 2 or hits / len(item_stems) >= 0.4):
            covered.append(item_id)
        if hits > best_hits:
            best_item, best_hits = item_id, hits
    table = _terms_known(persona)
    years_said = {m.group(0) for text in [*said, persona.scenario] for m in _YEAR.finditer(text)}
    # Counting words ("two things", "a few") are not facts; amounts, percentages and figures are.
    claims = [
        q
        for q in quantities(part)
        if (
            q.currency
            or q.percent
            or any(c.isdigit() for c in part[q.start : q.end])
            or _counted_fact(part, q)
        )
        and not _YEAR.fullmatch(part[q.start : q.end])  # "that 2021 customer": a year, checked as one below
    ]
    # "so ur going from 14.20 to 18.60 a kilo??": each end of a range is a figure of its own (not "15-18x", a multiple)
    claims += [
        dataclasses.replace(q, value=q.high, high=None)
        for q in claims
        if q.high is not None and q.other is None and not _MULTIPLIER.match(part, q.end)
    ]
    # "15 to 18 times our 600k. so like 9 to 10.8": the multiples it works from, in this part or the one before it
    multiples = [
        v
        for source, found in ((part, claims), (before, quantities(before)))
        for c in found
        if _MULTIPLIER.match(source, c.end)
        for v in (c.value, *([c.high] if c.high is not None else []), *_upper(source, c.end))
    ]
    # "4% of my 68k is 2,720, so … 70.7k", "15% of 24 is 3600, so 20,400": a result shown as one, worked from a
    # percentage in the part and a figure they said, a term's value or one the part itself names
    percents_here = [*multiples, *(c.value for c in claims if c.percent)]
    bases = [*known, *table, *(c.value for c in claims)]
    # "so the beans went up 30%" is not excused by "net 30": a percentage played back is one they said as one
    percents = _percents_said(said, persona)
    # "forty-five for me" of a stake counted in percent: a bare figure on a percent term is one ("45% for you")
    shares = [(i.low, i.high) for i in persona.issues if i.kind == "number" and _in_percent(i)]
    percents += [
        q.value
        for line in said
        for q in quantities(line)
        if not (q.currency or q.percent or q.scale != 1 or TIME_AFTER.match(line, q.end))
        and any(lo <= q.value <= hi for lo, hi in shares)
    ]
    table_percents = _terms_known(persona, percent_only=True)
    unsaid = [
        q
        for q in claims
        if not any(_same_number(q.value, k) for k in (percents if q.percent else known))
        and not (
            q.scale == 1 and any(abs(q.value - t) < 1e-6 for t in (table_percents if q.percent else table))
        )
        and not _derived(q.value, multiples, known)
        and not (
            _RESULT_SHOWN.search(part[max(0, q.start - 24) : q.start])
            and _derived(q.value, percents_here, bases)
        )
        and not _elapsed(part, q)
        # "you're passing on 18" of a rise from 14.20 to 16.80: the rise it asks for, in percent, worked out
        and not (
            _RISE_BEFORE.search(part[max(0, q.start - 30) : q.start]) and _percent_rise(q.value, persona)
        )
        and not _years_since(part, q, years_said)
        and not _WAVED_AWAY.search(part[max(0, q.start - 30) : q.start])  # "this isnt really about 10 points"
        and not _CONVERTED.search(part[max(0, q.start - 40) : q.start])  # "3.2 metres, that's about ten feet"
        and not _in_years_or_months(part, q, known)
        and not _multiple_worked_out(part, q, [c.value for c in claims if c is not q], known)
        # "…and I'm asking for 12", "we're growing 8% a month": the user's own side, not something they said
        and not _OWN_CLAIM.search(
            re.split(r"[,.;:!?]|\b(?:and|but)\b", part[max(0, q.start - 40) : q.start])[-1]
        )
    ]
    # "15.80 a kilo, so about $6.50 a pound": the figure in other units is theirs when the sum holds, and invented
    # when it does not (put right with what it comes to)
    conversion = find_conversion(part)
    if conversion:
        unsaid = [q for q in unsaid if part[q.start : q.end] != conversion.converted]
        if not conversion.holds:
            unsaid += [q for q in claims if part[q.start : q.end] == conversion.converted]
    # a total worked out in the play-back itself from two figures they said ("6 mo unpaid, then a fresh 12 mo cliff
    # = 18 mo w nothing"): the sum of two figures the turn itself names
    said_here = [c.value for c in claims if c not in unsaid]
    sums = [a + b for i, a in enumerate(said_here) for b in said_here[i + 1 :]]
    invented = [part[q.start : q.end] for q in unsaid if not any(_same_number(q.value, s) for s in sums)]
    worked_out = {part[q.start : q.end] for q in claims if any(_same_number(q.value, s) for s in sums)}
    # "…and thats where 16.80 comes from?": what it asks for now, from its letter, explained, is no figure put on the
    # wrong thing (said as another thing's figure it is: "the other offer is 165" when 165 was the candidate's ask)
    asked = [float(i.opening) for i in persona.issues if i.kind == "number" and i.opening]

    def not_its_ask(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return [
            (raw, line)
            for raw, line in found
            if not (
                _ITS_ASK_EXPLAINED.match(part, part.find(raw) + len(raw))
                and any(_same_number(q.value * q.scale, a) for q in quantities(raw)[:1] for a in asked)
            )
        ]

    misplaced = [(raw, line) for raw, line in not_its_ask(_misplaced(part, said)) if raw not in worked_out]
    # a wrong day, a figure close to theirs, a no turned into a yes: each once, the first check to find it wins
    for found in (
        _wrong_days(part, said),
        not_its_ask(_near_misses(part, said)),
        _contradicted(part, said),
        _miscounted(part, said),
        _role_swapped(part, said),
        _range_moved(part, said),
        _span_swapped(part, said),
    ):
        taken = {raw for raw, _ in misplaced}
        misplaced += [w for w in found if w[0] not in taken]
    # a year is a fact: "back in 2021" when the crack was from 2019, or a year they never named at all
    invented += [m.group(0) for m in _YEAR.finditer(part) if m.group(0) not in years_said]
    # "so the importer doubled your price" when it went up 30 percent: a multiple is a figure too
    heard = " ".join(said).lower()
    invented += [
        m.group(0)
        for m in _MULTIPLE_WORD.finditer(part)
        if not re.search(_MULTIPLE_SAID[m.group(1).lower()], heard)
    ]
    months = _months_invented(part, said, [persona.scenario, persona.counterpart.position])
    invented += [raw for raw, line in months if not line]
    misplaced += [(raw, line) for raw, line in months if line]
    invented += [raw for raw, _ in misplaced if raw not in invented]
    said_stems = canonical_stems(content_stems(" ".join(said)))
    shared = stems & said_stems
    # A paraphrase in new words is still faithful ("weak Q3" for "a weak third quarter"); what makes a summary
    # unfaithful is a fact it adds: a number or an amount the counterpart never said.
    spin = _SPIN.search(part)
    if spin and _their_own_words(spin.group(0), said):
        spin = None  # "so you can keep it instead of selling" plays back "so I can keep it": their words, not a motive
    faithful = (
        bool(said)
        and not invented
        and not spin
        and not _plan_put_on_them(part, said)
        and not _loaded_feeling(part, said)
        and not _reason_unsaid(part, said_stems)
        and not _plays_down(part, said)
    )
    correction = ""
    if not faithful:
        near = [d for d in disclosed if d.item_id == best_item] if best_item else []
        if invented:
            # The line that carries the number it did say on that subject corrects best.
            with_numbers = [d for d in disclosed if quantities(d.text)]
            near = [d for d in near if quantities(d.text)] or near or with_numbers
        # With nothing near it, the latest line about the same thing corrects it (a line with a figure for a figure),
        # then the latest line about it at all, then the latest after its opening: "so over 4% the VP has to sign" is
        # not put right with "Come in. You've got 30 minutes." (the policy states its terms when nothing is left)
        # (never a line that carried nothing: "Can't complain. Busy. So, where were we?" corrects no figure, however
        # many words it shares with the play-back)
        filler = {v for move in _FILLER_MOVES for v in persona.lines.get(move, []) if "{" not in v}
        spoken = [line for line in said if line not in filler]
        candidates = [line for line in spoken if quantities(line)] if invented else spoken

        def about(found: list[str]) -> list[str]:  # (one shared word, "your role", is chance)
            return [line for line in found if len(stems & canonical_stems(content_stems(line))) >= 2]

        candidates = (
            about(candidates)
            or about(spoken)
            or [line for line in said[1:] if line not in filler]
            or candidates
        )
        correction = near[-1].text if near else (candidates[-1] if candidates else "")
        if misplaced:
            correction = misplaced[0][1]  # the line where it gave that subject its figure
        if conversion and not conversion.holds:
            correction = conversion.comes_to + "."
        # "Yes. Exactly that. Since you raise it: I need the retainer to come down.": what the line said, without the
        # words it was said with (its disclosures, where it made any)
        # (said inside a line that led into it, "And while we're at it, you sent 4 engineering change orders…", the
        # disclosure starts in lower case)
        said_as = {
            form: d.text
            for d in disclosed
            if d.text
            for form in (d.text, d.text[:1].lower() + d.text[1:])
            if form in correction
        }
        inside = sorted(said_as, key=correction.index)
        if inside:
            correction = " ".join(dict.fromkeys(said_as[form] for form in inside))
        # "Yes. I present my cuts in three weeks" was a yes to something else: a correction does not open with one
        correction = _LEADING_YES.sub("", correction) or correction
    return {
        "faithful": faithful,
        "covered": covered,
        "invented": invented,
        "shared": sorted(shared)[:8],
        "correction": correction,
    }


def _near_duplicate(text: str, earlier: Sequence[str]) -> bool:
    stems = content_stems(text)
    if not stems:
        return False
    for other in earlier:
        o = content_stems(other)
        if o and (stems == o or (len(stems) >= 2 and len(stems & o) / len(stems | o) >= 0.7)):
            return True
    return False


# words aimed at the other side ("you", "ur", "yourself"): what an insult the model reads needs
_AT_THEM = re.compile(r"\b(?:you|your|ur|u|youre|yours|yourself|ya|yer)\b")
_FRANK = re.compile(
    r"\W*(?:(?:ok|okay|look|right|so)\W+)?(?:i'?ll|let me|i (?:want|need|have) to|i gotta|gonna) (?:level|be (?:honest|"
    r"straight|upfront|frank|real)) with (?:you|u|ya)\b|\W*(?:full disclosure|cards on the table|in all honesty|truth is)\b"
)
_NOT_AIMED = re.compile(r"\b(?:with|to|for|tell|thank|thanks|see|show|ask) (?:you|u|ya)\b")


_STRONG_CUE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|right|and|yeah|alright|got it|oh|wow|hmm+|wait)\W+)*(?:so\W+)?"
    r"(?:(?:straight up|honestly|like|just|i think|if i'm honest)\W+)?(?:"
    r"what i(?:'m| am) hearing|(?:it |that )?sounds like|(?:so )?(?:you're|you are|ur|your) saying|what you(?:'re| are) saying|"
    r"if i (?:understand|hear|heard|got|get|read) (?:you|this|that|it)?\s*(?:right|correctly|good|well)|let me (?:make sure|check(?!\W+(?:with|by|past|in|on|my|our|the|whether|first)\b)|see if|"
    r"play (?:that|it) back|try (?:and|to) (?:put|sum)|sum|get this straight|repeat)|to (?:sum|summari[sz]e)|in other words|"
    r"(?:so )?basically(?: you)?|correct me if|you (?:mentioned|said|told me)|from what you(?:'ve)? said|as i understand it|"
    r"my understanding is|if i've got (?:this|it|that) right|just so i(?:'m| am) clear|so if i've got|i'm hearing|"
    r"(?:just )?so i understand[,:]|(?:here'?s|heres|here is) (?:my|a quick|the) (?:recap|summary)\b|"
    r"(?:just )?so i (?:get|have|got) (?:it|this|that) right|to make sure i (?:get|have|understand)|"
    r"it seems like you|seems like you|i get (?:it|that)[,:]? you|so for you|"
    # "so if i play it back:", "let me say back what i understood", "playing it back"
    r"(?:if i |let me |to |i'll |ill )?(?:play|say|read|playing|saying)(?: (?:it|that|this|those|them))? back)"
)


# The user putting right what they said or offered: "i said SIXTY not sixteen", "I think you misheard me", "i never
# agreed to net 15", "Let me be clearer, because that isn't what I offered"
PUTS_RIGHT = re.compile(
    r"\b(?:i|we) (?:said|meant|wrote|offered|asked for|typed|proposed)\b(?:[^.?!;:]|\.(?=\d)){0,40}?[\s,]not "
    r"(?!just|only|that)"
    r"|\b(?:you|u) (?:must have |might have |may have )?mis(?:heard|read|understood|understand)\b"
    r"|\bmis(?:heard|read|understood) (?:me|us|what (?:i|we))\b"
    r"|\b(?:that'?s|thats|that is|this is|that was|that isn'?t|that isnt) (?:not )?what (?:i|we) (?:said|offered|asked for|"
    r"proposed|put)"
    r"|\b(?:i|we) (?:never|didn'?t|didnt|did not) (?:agreed? to|offer(?:ed)? (?:\d|net|no\b|that)|proposed?|ask(?:ed)? "
    r"for|sa(?:y|id) (?:no\b|yes\b|\d|net|that|thats))"
    r"|\blet me be clearer\b",
    re.I,
)
# "21k, not 20k", "no, 150 not 160": a figure alone, put right (unless the figure put aside is theirs: "6, not 8" to
# their 8 weeks insists, it corrects nothing)
_FIGURE_PUT_RIGHT = re.compile(
    r"^\W*(?:no\W+)?[$£€]?\d[\d.,]*\s*(?:k|%|percent)?(?:\s+[a-z]+)?,?\s+not\s+[$£€]?\d[\d.,]*\s*(?:k|%|percent)?\W*$",
    re.I,
)


def puts_right(text: str, persona: Persona, standing: dict[str, float], last: str) -> bool:
    """The user putting right what they said or offered ("i said SIXTY not sixteen", "21k, not 20k")."""
    if PUTS_RIGHT.search(text):
        return True
    if not _FIGURE_PUT_RIGHT.search(text) or not persona.issues:
        return False
    named = read_terms(text, persona.issues, standing, last)
    aside = _figure_put_aside(text, named) if len(named) == 1 else None
    return bool(named) and not (aside and _on_the_table(aside, standing))


# "was it 4600 or 4500": which of two figures it said
EITHER_FIGURE = re.compile(r"\b(?:was|is) (?:it|that) [$£€]?\d[\d.,]*k? or [$£€]?\d")
# asked to say its terms again: "remind me what u said for the rent again?", "can you say the whole thing back so im
# clear?", "what was your offer again", "was it 4600 or 4500"
_TERMS_AGAIN = re.compile(
    r"\bremind me (?:of |what |how much )|"
    r"\b(?:can|could|would|will) (?:you|u) (?:please |pls |just |quickly )?(?:repeat|say (?:\w+ ){0,3}(?:back|again)|"
    r"run (?:me )?(?:through|over)|go (?:over|through) (?:it|that|the (?:\w+ )?(?:offer|deal|terms|package|proposal|thing))|"
    r"spell (?:it|that|out)|lay (?:it|that) out|recap)\b|"
    r"(?:^\W*|\b(?:pls|please|plz|just|ok|so)\W+)repeat (?:exactly |back |again )?(?:what|your|ur|"
    r"the (?:offer|deal|terms|numbers|figures|proposal|package))\b|"
    r"\bwhat (?:was|is|were|are) (?:your|ur|the) (?:\w+ )?(?:offer|proposal|number|figure|terms|price|rent|ask|deal|"
    r"package)\b[^?]{0,30}\bagain\b|"
    r"\bwhat (?:are|r) (?:you|u) (?:asking|offering|proposing)(?: for)? (?:again|exactly)\b|"
    + EITHER_FIGURE.pattern
)
_SAY_AGAIN = re.compile(
    r"\b(?:say (?:that|it) again|come again|repeat (?:that|it|yourself)|"
    r"(?:didn'?t|did not|couldn'?t|could not) (?:catch|hear) (?:that|it|you|what (?:you|u) said)|"
    r"what did (?:you|u) (?:just )?say)\b|^\W*(?:sorry|pardon|what|huh|eh)?\W*\?\W*$"
)


def _said_again(part: str, said: Sequence[str]) -> str:
    """What to say again: its last line, or for "what did you say about the bedroom" its latest line on that."""
    about = re.search(r"\babout\b(.*)", part.lower())
    wanted = content_stems(about.group(1)) - {"again"} if about else set()
    if wanted:
        for line in reversed(said):
            if wanted & content_stems(line):
                return line
    return said[-1]


_NO_YES = re.compile(
    r"\b(?:how it (?:is|works|goes)|the way it (?:is|works)|everyone|everybody|come on|so what|obviously)\b"
)
# "what if we go to 158k. no wait, i shouldn't lead with a number", "55/45 and ur 6 months. actually scratch that":
# the terms just put are taken back (a figure after it is the one meant)
_TAKE_BACK = re.compile(
    r"^\W*(?:(?:hmm+|hm|ok|sorry|ugh|oh|um+|er+|actually|no|wait)\W+){0,3}"
    r"(?:no,? wait|wait,? no|scratch that|strike that|ignore that|forget that|forget i said|let me back up|"
    r"(?:let me |i )?take (?:that|it) back|(?:actually )?hold on|that'?s not what i practi[cs]ed|"
    r"i shouldn'?t have (?:said|done) that|wait\W*$|actually,? no\b|no,? actually\b|(?:sorry,? )?i meant\b|make (?:that|it)\b)",
    re.I,
)
_NOD_OK = re.compile(r"^\W*(?:ok(?:ay)?|k|kk|right|alright|yeah|yep|hmm+|mm+|got it)\W*$")


def _announces_playback(piece: str) -> bool:
    """ "OK, let me make sure I have it.", "Let me play that back:": a part that only says a play-back follows."""
    low = normalise(piece)
    cue = _STRONG_CUE.match(low)
    return (
        cue is not None and not quantities(piece) and "?" not in piece and len(low[cue.end() :].split()) <= 5
    )


_SO_WE_ARE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|right|and|yeah|wow|oh+)\W+)*so\W+(?:basically\W+)?(?:we're|we are|our)\b"
)
_SO_FORM = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|right|and|yeah|alright|got it|oh+|wow|hmm+|wait|nice|ah+)\W+)*so\W+(?:basically\W+)?"
    r"(?!(?:how|what|why|when|where|who|which|can|could|would|will|shall|should|do|does|did|is|are|i|we|let's|lets|"
    r"here's|heres|maybe|if we|if i|about|regarding|re|anyway|moving on)\b)[a-z0-9$]"
)
_ABOUT_THEM = re.compile(r"\b(?:you|your|u|ur|you're|youre|they|their|them|he|she|his|her|it|its|it's|the)\b")
_CHECK_TAG = re.compile(
    r"^\W*(?:(?:is that|was that|that's|am i|have i|did i|do i|does that|that|is this)\W+)?(?:right|correct|fair|it|all|"
    r"close|accurate|about right|a fair (?:summary|read)|missed anything|missing anything|got (?:it|that|this) right|"
    r"get (?:it|that) right|understand(?: you)? (?:right|correctly)|sound (?:right|fair|about right)|yeah|no|ok|"
    r"have i missed anything|anything (?:i )?missed|is that the gist|that the gist|or not|or am i wrong|am i off|"
    r"did i miss (?:anything|something))\W*$"
    r"|^\W*(?:did|have|do) i (?:get|got|understand) (?:it|that|this|you|u)\W*$"  # "… did i get that"
)
IN_MY_SHOES = IN_MY_PLACE + r"[^.?!]{0,24}?\b(?:what|how) (?:would|wld|d) (?:you|u)\b"
_IN_MY_SHOES = re.compile(IN_MY_SHOES)
_IN_MY_PLACE = re.compile(IN_MY_PLACE)


# Windows people open in their own words, beyond the evaluator's cue list (checked first, part by part).
_WINDOWS = (
    (
        "first_step",
        re.compile(
            r"\b(?:first step|first thing (?:we|to|you|u|i|you'?d|u'?d|youd)\b|next steps?\b|where do we (?:go|start) from here|"
            # "what do you need from me this week?": something to do, asked for
            r"what do (?:you|u) need from (?:me|us) (?:this week|today|tomorrow|first|before|by|to get started)\b|"
            # "anything u need from me b4 monday?", "when do u need the drawings by?" (not "when do u need it by?": their deadline)
            r"anything (?:else )?(?:you|u) need from (?:me|us)|when do (?:you|u) need (?:the|them|those)\b|"
            # "What do you need from me first?", "what would you like me to do first?"
            r"what\b[^?.!]{0,60}\b(?:me|us|i|we) (?:to )?(?:do|send|get|start)?[^?.!]{0,20}\bfirst\W*$|"
            r"best next step|"
            # "amazing. what would u want to see first": the first thing it wants, asked for
            r"\bwhat (?:would|do|d|'d) (?:you|u) (?:want|like|need) (?:to )?(?:see|have|get|do) first\b|"
            # "if you were me, with 9 months of cash…, what would you do", "what would u do if u were me?": advice
            # asked for, a step to take (what it would put on the table is its terms, asked for)
            + IN_MY_PLACE
            + r"[^.?!]{0,80}?\bwhat (?:would|wld|d|'d) (?:you|u) do\W*(?:$|[.?!])|"
            r"\bwhat (?:(?:would|wld|'d) (?:you|u)|(?:you|u)(?:'d| would| wld)) do (?:"
            + IN_MY_PLACE
            + r"|in (?:my|our) (?:shoes|position|place)\b)|"
            # "so whats next from here", "what happens next on your side?", "…what do u need from me, and by when"
            r"what(?:'s|s| is| comes| happens)(?: \w+)? next\b(?! (?:to|week|month|year|time)\b)|"
            r"\bneed from (?:me|us)\b[^?.!]{0,40}\bby when\b|"
            # "what do you need from me to get the letter out?": what it takes to close, not what would make it work
            r"\bneed from (?:me|us) to (?:get (?:(?:the|this|that|it|a|an|ur|your) )?(?:\w+ )?(?:out|done|signed|over the line|"
            r"moving|started|sorted)|close|finali[sz]e|wrap|sign|move (?:forward|ahead)|make (?:it|this) official)\b|"
            # "what happens after today?", "so what now", "where does this go from here": the way forward
            r"what (?:happens|do we do|comes) (?:after (?:today|this|that|this call|this meeting)|now|from here)\b|"
            r"^\W*(?:(?:ok(?:ay)?|so|right)\W+)*what now\b|where does (?:this|that|it) go from here|"
            r"what (?:would|could|should|does) (?:that|the|a) (?:\w+ )?(?:need to |have to )?look like(?! (?:for|to) (?:you|u)\b)|"
            r"how do we (?:get there|move forward|start))"
        ),
    ),
    (
        "past",
        re.compile(
            r"\b(?:what did (?:ur|your|you|other|the other) ?\w* (?:do|try)|what happened (?:at|with|to)|"
            r"(?:your|ur) (?:last|previous|old|former) (?:company|job|startup|role|tenant|supplier|agency|deal|vendor|"
            r"roaster|landlord|builders?|employer|boss|investors?|co-?founder)|"
            # "What did you have before us that worked?", "what were you doing before we came along?"
            r"what did (?:you|u) (?:have|use|do) before (?:us|we|this|that)\b|"
            # "what have u done before when tenants complained about noise?", "what did you try last time?"
            r"what (?:have|did) (?:you|u) (?:done|do|tried|try)(?: \w+){0,2}? (?:before|in the past|last time|other times)\b|"
            r"how have you (?:two|guys|handled|dealt)|other (?:customers|clients|tenants|founders) (?:do|did)|"
            r"has (?:that|this|it) happened before|been (?:here|through this) before|tell me about (?:your )?(?:father|history)|"
            # "how did it go the last time you moved someone up into a lead role?"
            r"\b(?:how did (?:it|that) go|how was it) (?:the )?last time\b|"
            # "what's worked for you before?", "what has worked with your other customers?"
            r"what(?:'s| has|s) worked (?:for|with|when|before|b4|in the past)|"
            # "has something like this happened to you before?", "has that gone badly for you before?"
            r"ha(?:s|ve) (?:that|this|it|something(?: like (?:this|that))?|anything like (?:this|that)) (?:\w+ ){0,2}?"
            r"(?:happened|gone (?:wrong|badly|bad)|been (?:bad|a problem))(?: (?:to|for|with) (?:you|u))? before)"
        ),
    ),
    (
        "concerns",
        re.compile(
            r"\b(?:what else|anything else|something else|not willing to move|deal ?breakers?|"
            r"(?:what's|what is) (?:really )?(?:bothering|bugging|eating)|what (?:are you|r u) (?:actually )?worried)"
        ),
    ),
    (
        "needs",
        re.compile(
            r"\b(?:what would (?:make|it take)|what do (?:you|u) (?:actually |really |still )?need|what would (?:you|u) need|obvious choice|"
            # "what does this fund need from a deal like ours?": what they, as a business, need
            r"what (?:does|do|would|will) (?:the |this |that |your |ur )?(?:fund|firm|company|business|team|board|bank|"
            r"roastery|shop|plant|agency|partners?) (?:actually |really )?need\b|"
            # "what would the VP need to see?", "what would the garden need for you to live with it?"
            r"what would (?:the |your |ur )?\w+ (?:need|want) to see|what would (?:the |your |ur )?\w+ need for (?:you|u)\b|"
            r"what (?:matters|counts) (?:most )?(?:to|for) you|what would (?:work|help) (?:for|on) (?:you|your|that)|"
            # "what would a clean answer look like for you?": what a good outcome is, to them
            r"what (?:would|does|could) (?:a|an|the) (?:\w+ ){1,3}?(?:need to |have to )?look like (?:for|to) (?:you|u)\b|"
            # "what would help u most from our side", "what could we do that helps you"
            r"what (?:would|could|might|will) help (?:you|u)\b|what (?:can|could|should) (?:we|i) do (?:for|to help) "
            r"(?:you|u)\b|"
            # "what would I have to do", "what do we need to do to get there": what it would take, asked of them
            r"what (?:would|do|will|should) (?:i|we) (?:have|need) to (?:do|show|bring|prove)\b)"
        ),
    ),
    (
        # "what happens on your side if we can't agree before the 15th?", "if we can't agree on this, what do you do?",
        # "if we walk, what's your plan b?": what no deal means to them, which its goal answers
        "tell_me_about",
        re.compile(
            r"\bwhat happens\b(?: (?:on|at|for) (?:your|ur) (?:side|end))? if (?:we|i|you|u) (?:can'?t|cant|don'?t|dont|"
            r"do not|cannot|won'?t|walk|say no|leave|part)\b|"
            r"\bif (?:we|i) (?:can'?t|cant|don'?t|dont|cannot) (?:agree|reach|find|close|get there)\b[^.?!]{0,30}?"
            r"\bwhat (?:do|would|will) (?:you|u) do\b|"
            r"\b(?:what'?s|whats|what is) (?:your|ur) plan b\b|\bwhat(?:'s| is|s) (?:your|ur) (?:fallback|alternative|backup)\b"
        ),
    ),
)
_REFERS_BACK = re.compile(
    r"\b(?:on|about|behind|with|of|from) (?:that|this|it)\b|\bthat part\b|\bmore about (?:that|it)\b|"
    r"\bwhat (?:do|did) you mean\b|\bhow so\b|\bwhy (?:is|was) that\b"
)
_REASON = re.compile(
    r"\bwhat(?:'s| is|s| are) (?:really |actually )?(?:driving|behind)\b|\bwhat drives\b|"
    r"\bwhere (?:is|'s) (?:this|that|it) (?:really )?coming from\b|\breasons? (?:for|behind)\b|"
    # "how did u get there", "how did you arrive at that number": the working behind their figure, not the past
    r"\bhow (?:did|do) (?:you|u) (?:get|arrive|come) (?:to|at|up with)? ?(?:there|that|this|it|(?:the|that|this|ur|your) "
    r"(?:number|figure|price|valuation|rent|\d[\w.%]*))\b|"
    # "how did you size that?", "how did you land on 20?", "where does the 20 come from?", "whats that based on"
    r"\bhow (?:did|do) (?:you|u) (?:size|land on|settle on|work out|figure out|calculate|pick|choose)\b|"
    r"\bwhere (?:does|did|do) (?:that|this|it|the|ur|your)\b[^?.!]{0,30}\bcome from\b|"
    r"\b(?:that|it|this)(?:'s| is|s) based on\b|\bbased on what\b|\bwh?at(?:'?s| is) (?:that|it|this|the \w+) based on\b"
)
_TALK_ABOUT = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|well|then|and|but)\W+)*(?:can|could) (?:we|i|u|you) (?:at least |just |maybe |please )?"
    r"(?:talk|chat|hear|go back) (?:a bit |more )?about\b"
)
_COMES_FROM = re.compile(
    r"\b(?:did|does|do) (?:it|that|this|those|these|the (?:\w+ )?(?:number|figure|ask|request|price|target)) (?:come|came) from\b"
)
_THAT_ONE = re.compile(r"\b(?:exactly|there|that|this|it)\b")
_LEAVE = re.compile(
    r"\b(?:is it ok(?:ay)?|is that ok(?:ay)?|would it be ok(?:ay)?|is it alright|do you mind|mind) if i\b|"
    r"\bif (?:that'?s|thats|it'?s|its) ok(?:ay)?\W*$|\bcan i (?:just )?(?:start|take notes|ask (?:a few|some|a couple))\b|"
    # "got a sec to talk about the split?", "do you have a minute?"
    r"\b(?:got|have|has) (?:a|one) (?:sec|second|minute|min|moment)\b"
)
# The order of the talk, proposed: "can we start with the salary and come back to the start date", "let's go term by
# term: valuation first, then the pref", "can we park the lamp post thing" (what is talked of when, no terms put)
ORDER_OF_TALK = re.compile(
    r"\b(?:start|begin|kick off|open) with\b|\bcome back to\b|\bcircle back\b|\b(?:park|parking|shelve)\b|"
    r"\b(?:leave|put|set) (?:the |that |this |it )?[\w ]{0,25}?\b(?:for later|aside|to one side|(?:till|until|for) later|"
    r"for (?:now|the moment))\b|\b(?:term|issue|item|point) by (?:term|issue|item|point)\b|"
    r"\bone (?:thing|term|issue|point) at a time\b|\bground rules?\b|\bagenda\b|"
    # "can we do penalties last?", "leave the price till the end"
    r"\b(?:do|leave|take|save|keep|talk about|discuss) [\w ]{1,25}? (?:last|at the end|(?:till|until|for) the end)"
    r"(?=\W*$|\s*[,.?!;]|\s+(?:please|if|and|then|ok))|"
    r"\b(?:\w+ )?first,? (?:and )?then (?:the |we )?\w+|\bthen [\w ]{1,25}, (?:and )?then\b"
)
# Things named in a row to order the talk: "valuation first, then the pref, then pool", "term by term"
_ORDER_LIST = re.compile(
    r"\bfirst,? (?:and )?then\b|\bthen [\w ]{1,25}, (?:and )?then\b|\b(?:term|issue|item|point) by (?:term|issue|item|point)\b|"
    r"\bone (?:thing|term|issue|point)? ?at a time\b"
)
# A demand put on them, not an argument ("my CEO wants penalty clauses in the next contract", "we're putting
# penalties in").
_DEMANDS = re.compile(
    r"\b(?:wants?|insists? on|needs?|requires?|demands?|(?:is|are|'re|'s) (?:putting|adding|going to put))\b.{0,40}"
    r"\b(?:in|into) (?:the|our|your|ur) (?:next|new)? ?(?:contract|deal|agreement|lease|terms)\b|"
    # "my CEO wants penalty clauses after the last three late shipments": someone behind the user asking it of them
    r"\b(?:my|our) (?:ceo|cfo|boss|board|management|lawyers?|legal|finance|owner|head office|procurement)\b[^.?!]{0,12}?"
    r"\b(?:wants?|insists? on|requires?|demands?|is (?:pushing|asking) for|expects?)\b|"
    # "industry standard for a supplier your size is a 5% penalty per week late": a standard held up to them
    r"\b(?:industry|market) standard\b[^.?!]{0,40}\b(?:is|are)\b|\bwhat (?:our|my) other (?:vendors|suppliers|landlords|"
    r"agencies|clients|customers) (?:sign|pay|charge|agree to|accept)\b"
)
_WANTS_IT = re.compile(
    r"^\W*(?:(?:so|ok|okay|well|honestly|basically|look|yeah|right)\W+)*i (?:really |just )?(?:want|would like|'d like) "
    r"(?:the|that|this|a|an|to (?:be|get|have|take))\b"
)
# "so i got ur email abt the 16.80": saying it arrived, not playing back what it said
_RECEIPT = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|yes|yeah|right|so)\W+)*(?:i|we)(?:'ve| have)? (?:got|saw|seen|read|received|had a look at) "
    r"(?:ur|your|the|that) (?:\w+ )?(?:email|letter|message|note|offer|draft|term sheet|proposal|text)\b"
)
_NUDGE = re.compile(
    r"\b(?:rather|prefer to|prefer|better to|sooner) (?:hear|know|find out|learn|understand)\b|"
    r"\b(?:rather|prefer) (?:hear|know) (?:it|that|this|all)\b|\bthan (?:guess|assume|find out)\b",
    re.I,
)
_QUESTION_WORDS = frozenset(
    {"mean", "happen", "exactly", "actual", "actually", "real", "realli", "tell", "more"}
)
_RHETORICAL = re.compile(
    r"\b(?:(?:you|u) think (?:i'?m|im|we'?re|were|i|we) (?:not|don'?t|dont)|c'?mon|come on|seriously|"
    r"are you (?:kidding|serious|joking)|you'?re (?:kidding|joking)|really\W*$)|\?\?"
)
# "I'm trying to get a feel for…", "I ask because…": why the question before it was asked
_WHY_I_ASK = re.compile(
    r"^\W*(?:(?:i'?m|im|i am) (?:just |only )?trying to (?:get a (?:feel|sense)|work out|figure out|gauge)|"
    r"(?:i'?m|im|i am) (?:only |just )?asking (?:because|cos|since|as)|i ask (?:because|cos|since|as))\b"
)
_SHARES_FOUND = "shares what it found out"
_POINT_AS_QUESTION = "its own point, put as a question"
# "who'd want that headache?", "who else are u gonna give it to?", "you'd agree we've delivered, right?", "its not like
# it's going to block out the sky, is it?": a point of one's own put as a question, with no answer wanted
_POINT_PUT_AS_QUESTION = re.compile(
    r"\bwho(?:'?d| would)(?: ever)? (?:want|turn down|say no|pass up|refuse|blame|complain)\b|"
    r"\bwho (?:wouldn'?t|doesn'?t|would not|does not)\b|\bwho in (?:their|his|her) right mind\b|"
    r"\bwho(?:'?s| is|s)? (?:gonna|going to) pay\b|\bwho else (?:are|r) (?:you|u) (?:gonna|going to)\b|"
    r"\b(?:you|u)(?:'?d| would)(?: surely| have to)? agree\b|\bsurely (?:you|u) (?:know|see|agree)\b|"
    r"^\W*(?:(?:and|but|so)\W+)?(?:you|u) know (?:that|it)\W*(?:right|yeah|don'?t (?:you|u))?\W*$|"
    r"\b(?:has|have|had|got|ought) to count for (?:something|a lot)\b|\b(?:it'?s|its|it is) not like\b|"
    r"\bwhat (?:am i|are we|r we) (?:supposed|meant) to do\b|\bwhere (?:are|r|would|will) (?:you|u) (?:gonna |going to )?find\b|"
    r"\b(?:nobody|no one|no-one)\b.*\b(?:are|will|would|can|could|do) they\W*$|"
    r"\b(?:that'?s|thats) (?:just )?how (?:it|things|this|\w+) works?\b|"
    r"\b(?:does|would|will|do|did) (?:that|this|it) really (?:help|work|solve|fix|change|matter)\b"
)
_WH_NO_MARK = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|and|but|so|right|hmm+|um+|then|well|yeah|also|lol|haha|ha|lmao)\W+)*(?:what|wat|wot|why|how|where|who|which|whats|hows|"
    r"whys|wheres|whos|whens|how come)\b"
)
# "I wonder what's worked with other customers in the same boat", "I'm curious how you got there": a wh-question asked
# as a thought
_INDIRECT_WH = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|and|but|so|right|hmm+|well|honestly)\W+)*(?:i(?:'m| am)? (?:just )?(?:wonder(?:ing)?|curious)|"
    r"i'?d (?:love|like) to (?:know|hear|understand))\b[^.?!]{0,12}?\b(?:what|how|why)\b"
)
_PERMISSION = re.compile(r"\b(?:can|could|may|might) i ask\b|\bmind if i ask\b|\bcan i ask you\b")
_OTHER_WORRIES = re.compile(
    r"\b(?:any ?other|(?<!the )other) (?:things?|worr(?:y|ies)|concerns?|issues?|problems?)\b(?! (?:to|we|i)\b)"
)
_ANYTHING_ELSE = re.compile(
    r"\b(?:anything|something) else\b|\bis there (?:any ?(?:thing|way)|something|more|a (?:history|story|"
    r"reason|background))\b|"
    r"\bhas (?:that|this) (?:happened|come up) (?:to you )?before\b|\bor is there (?:more|something|anything|other (?:stuff|things))\b|\bthe whole (?:picture|story)\b|\bis that (?:it|all)\b.*\bmore\b"
)
# "and?", "partly meaning?", "like what?": go on, say more about what you just said
_GO_ON = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|sorry|right)\W+)?(?:and|and then|go on|meaning|partly meaning|meaning what|such as|"
    r"like what|how so|and so|which means)\W*\?+\W*$"
    # "out of nowhere how?", "worse off how?", "backed up how": their words, and how
    r"|^\W*(?:[a-z']+ ){1,4}how\W*\??\W*$"
    # "oh? please, tell me", "go on, i'm listening", "do tell": asked to go on, with no question mark needed
    r"|^\W*(?:(?:oh|ok(?:ay)?|sure|yes|please|go on|right)\W+)*(?:please\W+)?(?:(?:do )?tell me(?: more)?|do tell|"
    r"i'?m listening|say more|carry on|go ahead)(?:\W+please)?\W*$"
)
# "The deliveries?", "ok and the net 15 part?": a thing of theirs named as a question asks them to say more on it
_THING_Q = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|right|and|n|but|sorry|wait|hang on)\W+)*(?:what about\W+|how about\W+)?"
    r"(?:the|your|ur|that|this|those)\W+[a-z0-9' -]{2,30}\?+\W*$"
)
_NAMED_THING = "asks about a thing they named"
_NAMES_FEELING = "names how it must feel for them"
_WITH_FEELING = "plays back what they said, with feeling"
_AND_THE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|right|k)\W+)?(?:and|what about|how about|wat about)\W+(?:the|your|ur)\W+[a-z0-9'-]+(?: [a-z0-9'-]+){0,2}\W*$"
)
# "pay?", "rent?", "k. price tho": one word that names a term, asked about
_ISSUE_ALONE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|k|so|and|n|but|right|hm+|fine|sure)\W+)*"
    r"(?P<w>[a-z]+(?: [a-z]+)?)(?:\s*\?+|\s+(?:tho|though|then|now)\W*\??)\W*$"
)


def _issues_alone(low: str, persona: Persona) -> list[Issue]:
    """The terms a one-word question names ("pay?", "k. price tho", "direct debit?"): the issues that word is a
    keyword of."""
    m = _ISSUE_ALONE.match(low)
    return [i for i in persona.issues if m and m.group("w") in i.keywords]


def _issue_alone(low: str, persona: Persona) -> str | None:
    """The number term a one-word question names ("pay?", "k. price tho"), if it is one."""
    return next((i.id for i in _issues_alone(low, persona) if i.kind == "number"), None)


_ELLIPTIC = re.compile(
    r"^\W*(?:and|but|what about|how about|and what about)\W+(?:the\W+|your\W+|ur\W+)?[a-z' -]{2,40}\?+\W*$"
)
# Asking for what a person keeps to themselves in a negotiation: who the rival is, what others pay.
_PRIVATE = "asks what it keeps private"
_PRIVATE_ASK = re.compile(
    r"\b(?:who(?:'s| is|s) it(?! (?:for|you|to|that|they|not|so|really|coming|going))|who(?:'s| is|s) (?:the (?:company|agency|firm|fund|other\b(?: \w+)?|"
    r"buyer|developer|investor|roaster|supplier))|who are (?:they|them)\b|which (?:company|agency|firm|fund|comparables?|"
    r"companies|deals|roaster|supplier|agencies|funds)\b|name (?:one|them|names)(?!\s+\w)|give me names|"
    r"what(?:'s| is) (?:their|the company's|the agency's) name|what (?:company|agency|firm|fund) is it|ballpark|"
    r"what do (?:they|others|the others|other \w+) pay|what (?:are|r) (?:they|others|other \w+) paying|"
    r"how much do (?:they|others|the others|other \w+) pay|what(?:'s| is| are) (?:their|the others'?) (?:price|prices|rate|rates)|"
    # "would you tell me who it's with", "whats the going rate for other cafes"
    r"who (?:it'?s|it is|the offer(?:'s| is)) (?:with|from)\b|\bthe going rate\b|"
    # "whats ur actual budget for this then", "and their full package? bonus, stock, all of it"
    r"what(?:'s|s| is) (?:ur|your) (?:actual |real |total |whole |max(?:imum)? )?budget\b|"
    r"\b(?:their|the other) (?:full |whole |total )?package\b|"
    # "send me the quote then, if its real", "can u send me the offer letter?", "share a few of those deals": the
    # rival's papers, asked to see (what the user would send or show is no ask: "i'll send u the offer letter")
    r"(?<!i )(?<!i'll )(?<!ill )(?<!we )(?<!we'll )(?<!i can )(?<!we can )(?:send|show|share|forward)\s+"
    r"(?:(?:me|us)\s+)?(?:\w+\s+){0,4}?(?:quotes?|offer letter|(?:their|other|rival|competing) offer|deals|"
    r"comparables?|term sheets?)\b(?!\s+(?:terms|we|with (?:you|u)|you|u)\b))"
)
_FACT_Q = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|and|but|so|quick one|btw|by the way|out of curiosity|just curious|also)\W+)*"
    r"(?:how many|how much (?:do|does|did|are|is|has|have)|how long (?:have|has|did|do|does|is|are)|how old|how big|how far|"
    r"who(?:'s| is| are| else| called|'re)?\b|which\b|when (?:do|does|did|is|are|was|will)|where (?:do|does|did|is|are)|"
    r"what (?:year|time|day|date|size|kind of (?:car|coffee|dog))|do you (?:know|have|own|sell|use)|did (?:you|u) ever|"
    r"is it true|are there|is there a (?:date|deadline))"
)
# "random q, whats the plant like": what a thing of theirs is like (a fact about it, when they have one)
_WHAT_LIKE = re.compile(r"\bwhat(?:'s|s| is) (?:the|your|ur) [\w-]+ like\b(?! to\b)")
_EVALUATIVE = re.compile(
    r"(?:\d|%|k\b)\s*(?:\w+\s+){0,2}(?:is|was|'s|are|would be|sounds|seems|feels|means)\b|"
    r"\b(?:is|was|it's|its|that's|thats|only|just|exactly|already|about|around|like)\s+(?:only\s+|just\s+|exactly\s+|about\s+)?[$£€]?\d"
)
_ACCEPT_WORD = re.compile(
    r"\b(?:fine|works|work for (?:me|us)|ok(?:ay)?|deal|can do|i can do|agreed|sure|yes|yep|happy|good|great|fair|on us|done)\b"
)


# owning up to what they said of us: "I did.", "we were.", "that's true", "you're right", "guilty"
_OWNS_UP = re.compile(
    r"^\W*(?:(?:i|we) (?:did|do|was|were|have|know)(?: that)?|(?:that's|thats|it's|its) (?:true|fair|on me|on us)|"
    r"(?:you're|youre|ur) (?:right|not wrong)|guilty|my bad)\b(?:\W*$|\W+(?:sorry|i'm sorry|im sorry|i apologi[sz]e)\b)"
)
# "so I can put two fixed home days in your offer letter": a term written into the deal, in so many words
_PUT_IN_WRITING = re.compile(
    r"\b(?:i|we)(?: can| could| will|'ll)? (?:put|write|include) .{0,50}\b(?:in|into) (?:the |your |ur |our )?"
    r"(?:offer letter|offer|contract|lease|agreement|term sheet|writing)\b"
)
# "you're not my first hire", "ur not a hire": what they fear they are to us, denied
_NOT_THAT_TO_ME = re.compile(r"\b(?:you're|youre|ur|you are|u are|your) not (?:my|a|an|just|our)\b")
# a sum shown and checked: "thats 170 in yr 1 which beats the 162 right??"
_SUM_CHECKED = re.compile(
    r"^\W*(?:(?:so|ok|and)\W+)*(?:that's|thats|that is|which is|that makes|=)\s*[$£€]?\d.*\b(?:right|yeah|correct)\W*\?\W*$"
)
# asking whether they can move is asking, whatever play-back words lead into it
_ANY_ROOM = re.compile(
    r"\b(?:is|are) there (?:any|some|a little|a bit of) (?:flexibility|room|wiggle room|give|movement|leeway|chance)\b"
)
# "…i dont want to lose u": a reason for the yes, not a no in it
_NOT_WANTING_TO_LOSE = re.compile(
    r"\b(?:i|we) (?:don't|do not) want to (?:lose|risk|ruin|mess up|fall out)\b.*$"
)


def _commits(part: str) -> bool:
    low = normalise(part)
    if (
        "?" in low
        or acts.negated(_NOT_WANTING_TO_LOSE.sub("", low))
        or re.search(r"\b(?:i'?ll|i will) give (?:you|u) that\b", low)
    ):
        return False  # "I'll give you that" grants a point, not a term
    return bool(
        _COMMIT.search(low)
        or _PROPOSE.search(low)
        or _ACCEPT_WORD.search(low)
        or re.search(r"\b(?:signed|sign it|shake on it|let'?s do (?:it|that))\b", low)
    )


# thanks said in another language inside an English conversation: "merci beaucoup, seriously", "danke!"
_THANKS_ABROAD = re.compile(
    r"^\W*(?:(?:ok|okay|and|will do|sure)\W+)?(?:merci(?: beaucoup| bien)?|(?:muchas )?gracias|danke(?: sch(?:ö|oe)n| sehr)?|"
    r"vielen dank|grazie(?: mille)?|obrigad[oa]|arigato|dank je(?: wel)?|tack(?: så mycket)?)\b[\w\s,.!]{0,20}$"
)
# the counterpart saying there is more than it has told: "it isn't the only thing", "there's something else"
_MORE_TO_COME = re.compile(
    r"\b(?:(?:isn'?t|is not|not) the only (?:thing|reason|problem|issue)|"
    r"there'?s (?:another|one other) (?:thing|reason|problem))"
)
_THE_OTHER = re.compile(r"\b(?:the other (?:thing|reason|one|problem|issue)|what else)\b", re.I)
_GO_ON_BARE = re.compile(r"\W*(?:(?:ok|okay|so)\W+)?(?:go on|carry on|continue|keep going)\W*", re.I)
# a figure waved away, not claimed as theirs: "so this isnt really about 10 points, its about…"
_WAVED_AWAY = re.compile(WAVED_AWAY_BEFORE + "$", re.I)
_GLAD_YES = re.compile(
    r"\W*(?:yay+|woo+h?o+|yes+|yess+|amazing|brilliant|fantastic|perfect|wonderful|great|excellent|deal|done|agreed)\W*"
)
# a yes said beside the terms rather than in them: "fine. 15.90, 55kg, DD, review at 6 months. send it over"
_YES_BESIDE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|yes|yeah|god|ugh|fine|alright)\W+)*(?:fine|alright|deal|done|agreed|you win)\W*$|"
    r"\bsend (?:it|it all|that) (?:over|across|through)\b|\bdraw (?:it|that) up\b"
)


def _yes_beside_terms(parts: list[dict[str, Any]]) -> bool:
    """Terms put forward with no question, beside a part that is a yes and nothing else."""
    offered = [p for p in parts if p["act"] == "offer"]
    if not offered or any("?" in p["text"] for p in parts):
        return False
    said = [normalise(p["text"]) for p in parts if p["act"] != "offer"]
    return any(_YES_BESIDE.search(low) and not acts.negated(low) for low in said)


def _not_worse_for_them(persona: Persona, issue_id: str, value: float, standing: dict[str, float]) -> bool:
    if issue_id not in standing:
        return False
    side = persona.issue(issue_id).counterpart
    on_table = standing[issue_id]
    return abs(value - on_table) < 1e-6 or (value > on_table if side.prefers == "high" else value < on_table)


_WHY = re.compile(r"\b(?:why|whys|why's|how come)\b")
_COMPLAINT = re.compile(
    r"\b(?:a ?lot|too (?:much|high|steep|low)|steep|expensive|crazy|insane|ridiculous|nuts|kills?|"
    r"way (?:too|over|more)|outrageous|daylight robbery)\b"
)


_POINTS_BACK = re.compile(r"\b(?:them|they|those|that|it|this|there)\b(?!\s+(?:is|was|'s)\b)")


def _inherit_topics(parts: list[dict[str, Any]], persona: Persona) -> None:
    """ "the roses are stunning. tell me about them?", "the anodising first. backed up how": an open question that
    names nothing asks about what the turn just named ("The pool. why 15": a figure alone names nothing)."""
    for i, part in enumerate(parts):
        before = parts[i - 1] if i else None
        if part["act"] == "open_question" and part.get("reason") and not part.get("topic"):
            # "the net fifteen instead of net thirty. what's driving that one": the reason behind what it just named
            if before and before.get("topic") and _POINTS_BACK.search(part["text"].lower()):
                part.update(topic=before["topic"], refers_back=True)
            continue
        if part["act"] != "open_question" or part.get("reason"):
            continue
        if part.get("topic"):
            if (
                before
                and before.get("topic")
                and before["topic"] != part["topic"]
                and before["act"] == "open_question"
                and _WHY.search(before["text"].lower())
                and re.match(r"\W*(?:(?:and|but|so)\W+)?why\b", part["text"].lower())
                and route_topic(re.sub(r"\d", " ", part["text"]), persona)[1] < 3
            ):
                # "why a 12 month contract. why not 6 and we see how it goes": one why, asked twice
                part["topic"] = before["topic"]
            elif (
                before
                and before.get("topic")
                and before["topic"] != part["topic"]
                and len(before["text"].split()) <= 5
                and not quantities(before["text"])
                and route_topic(part["text"], persona)[1] < max(3.0, route_topic(before["text"], persona)[1])
            ):
                part["topic"] = before["topic"]
            elif route_topic(re.sub(r"\d", " ", part["text"]), persona)[1] < 3:
                # "the pool. 15% pre-money is a big chunk of me. how did you land on 15?": a figure this turn has
                # just put on a concern is that concern's figure, whatever else it matched in their lines
                mine = [q.value for q in quantities(part["text"])]
                owner = next(
                    (
                        p["topic"]
                        for p in reversed(parts[:i])
                        if p.get("topic")
                        and any(_same_number(n, q.value) for n in mine for q in quantities(p["text"]))
                    ),
                    None,
                )
                if owner:
                    part["topic"] = owner
            continue
        if part.get("window") not in (None, "tell_me_about") and not (
            part.get("window") == "concerns" and part.get("refers_back")
        ):
            continue  # "what else?", "what would help?": a window of its own
        # only a short fragment that names the thing ("the drilling, yeah."): a longer statement's words are the
        # user's own story, and what they touch is no guide to what the question asks
        short = before is not None and len(before["text"].split()) <= 5
        # "The people upstairs, that's news to me. what's been happening with them": a pronoun points back at it
        points_back = bool(_POINTS_BACK.search(part["text"].lower()))
        named = (
            before.get("topic")
            if before
            and (
                (short and not quantities(before["text"]))  # ("THREE." or "2 days!" is a figure flung back)
                # "the option pool going up to 15% before the money … what's the thinking there?": its keyword names it
                or (points_back and route_topic(before["text"], persona)[1] >= 3)
            )
            else None
        )
        if named:
            part.update(topic=named, refers_back=True)
            if part.get("window") == "tell_me_about":
                part["window"] = None


def concern_behind(persona: Persona, named: dict[str, float]) -> str | None:
    """The first concern that a term on one of these issues would answer: what their figure is there for."""
    return next((c.id for c in persona.concerns if answering_issues(c) & set(named)), None)


# "you want 19,2, i offered 21,6, meet in the middle at 20,400": where the two figures meet is put forward
_MEET_HALFWAY = re.compile(r"\b(?:meet|split it|land|settle) (?:in the middle|halfway)\b|\bsplit the diff")
# what terms would cost the one speaking: "a straight 20% cut, so 19,200 a month, means i let someone go"
_MEANS_FOR_US = re.compile(r"\b(?:means|would mean|'d mean|will mean)\s+(?:i|we|you|u|me|us|my|our)\b")


def _talks_about_terms(low: str) -> bool:
    """Terms talked about rather than put forward: "160 is the very top of the band", "we agreed 60/40", "so why
    50/50", "16.80 is a lot", "20% means i let someone go"."""
    if _PROPOSE.search(low) or _IF_WE.search(low) or _COMMIT.search(low):
        return False
    return bool(
        _MEANS_FOR_US.search(low)
        or _NUMBER_SUBJECT.match(low)
        or (_PAST.search(low))
        or _WHY.search(low)
        or _COMPLAINT.search(low)
        or _DESCRIBES.match(low)
        or _WHAT_IT_IS_FOR.search(low)
    )  # "this is almost 20% more": what their figure is, not a new one


# "Nine! wow", "15.80... hmm", "16.80??": their own figure said back in surprise. "Sorry, 2,000", "right 15 sorry":
# a figure put right after a slip. Neither puts anything forward.
_BARE_FIGURE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|oh|right|ah|sorry|wait|so)\W+){0,2}[$£€]?[\w.,/%-]+\W*"
    r"(?:(?:sorry|my bad|oops|typo|hmm+|wow|ok|huh|eh|ha+|oof|ouch)\W*)*$"
)
_SURPRISE_END = re.compile(r"(?:!|\?\?)\W*(?:(?:hmm+|wow|huh|oof|ouch)\W*)?$|\b(?:hmm+|wow|huh|oof|ouch)\W*$")


_TERMS_SAID_BACK = "says their terms back"
_REACTS = REACTS_TO_FIGURE = "reacts to a figure"
_CLARIFIES = "asks what their figure means"
_CHITCHAT = "chit-chat about their life"
_HOSPITALITY = "offers a coffee or admires something new"
_SAYS_GOODBYE = "says goodbye"
_CHECKS_A_SUM = "checks a sum"
_CONVERTS = "plays back their figure in other units"
_SUM_TAG = re.compile(r"\b(?:right|correct|yeah|yes|no|innit|eh)\W*$")
# "See you Saturday x", "see u thurs!", "talk soon": a goodbye, whatever day it names
_GOODBYE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|great|perfect|lovely|brilliant|cool|right)\W+)*(?:(?:see (?:you|u|ya)|catch (?:you|u))(?= |\W*$)|"
    r"(?:speak|talk)(?= ))(?: (?:then|soon|later|tomorrow|tmrw|there|next week|on \w+|\w+day|mon|tues?|wed|thu(?:rs?)?|"
    r"fri|sat|sun))?(?:\W+x+)?"
    # "Talk Friday, and good luck with the launch."
    r"(?:\W+(?:and )?(?:good luck|thanks|thank you|cheers|take care|have a good)\b[^.?!]*)?\W*$"
)
# "20 percent of what exactly?", "per bag or per kilo?", "is it 14.20 we pay now or 14.80, i forget"
_WHICH_FIGURE = re.compile(
    r"\b(?:of what|per what|on what(?: exactly)?\W*$|i forget|i forgot|remind me|per \w+ or (?:per |a |an )?\w+)\b|"
    r"^\W*(?:(?:wait|sorry|so|um+|ok)\W+)*(?:(?:is|was) (?:it|that) \$?\d[^?]*\bor\b[^?]*\d|which (?:one|is|was)\b)"
)


def _their_line_with(part: str, said: Sequence[str], standing: dict[str, float], persona: Persona) -> str:
    """What to answer "4% of what?" with: the latest sentence of theirs that has the figure asked about, else
    the term on the table that it is."""
    mine = [q.value for q in quantities(part)]
    for line in reversed(said):
        for sentence in reversed(sentences(line)):
            # (the user may shorten their figure, "160" for 160,000; they do not shorten it to "4" for 4,000)
            if any(
                _same_number(n, q.value) and n <= q.value + 1e-9 for n in mine for q in quantities(sentence)
            ):
                return sentence.strip()
    named = {k: v for k, v in standing.items() if any(_same_number(n, v) for n in mine)}
    return f"It's {describe_terms(persona.issues, named)}." if named else ""


# "when u say 20% do you mean 20 percent of the monthly or…", "is that one and a half racks, or does it go in two
# runs?": what their figure means, asked however long the question runs
_WHAT_YOU_MEAN = re.compile(
    r"\b(?:do|did) (?:you|u) mean\b|\bwhen (?:you|u) say\b|\b(?:is|was) (?:that|it) [^?]{0,60}\bor (?:is|does|do|was|will|"
    # (the other reading is a figure or a unit: "…or is there more to it?" asks about their worry)
    r"would|are|it)\b[^?]{0,30}(?:\d|\b(?:one|two|three|four|five|six|half|per|monthly|yearly|weekly|annual|total|gross|"
    r"net)\b)"
)


def _asks_which_figure(part: str, low: str, said: Sequence[str], standing: dict[str, float]) -> bool:
    """A question about what one of their own figures means ("4% of what, 68?"), not a figure put forward."""
    means = bool(_WHAT_YOU_MEAN.search(low))
    asked = "?" in part or re.search(r"\bi forg[eo]t\b|\b(?:do|did) (?:you|u) mean\b", low)
    if not (_WHICH_FIGURE.search(low) or means) or not asked:
        return False
    if (len(low.split()) > 20 and not means) or _PROPOSE.search(low) or _IF_WE.search(low):
        return False  # "if we credited ur 6 months …, would that cover it?": terms put forward
    return _their_figure(part, said, standing)


def _their_figure(part: str, said: Sequence[str], standing: dict[str, float]) -> bool:
    """The part names a figure the counterpart said or has on the table."""
    theirs = [q.value for line in said for q in quantities(line)] + list(standing.values())
    return any(_same_number(q.value, x) for q in quantities(part) for x in theirs)


_FIGURE_FOR = "asks what their figure is for"
_HEARD_BACK = "checks what they heard"
_STARTS_OVER = "asks to start again"
_RAISES_TOPIC = "turns to a subject"
_ROUGH_FIGURE = "asks for a rough figure"
# "I was thinking somewhere in the high seventies", "I want something in the mid-eighties": a figure asked for, roughly
_VAGUE_ASK = re.compile(
    r"\b(?:thinking|hoping|looking|want|wanted|need|asking|aiming|expect(?:ing)?|like|after|around|somewhere|something)\b"
    r"[^.?!]{0,30}\b(?:low|mid|high|upper)[- ]?(?:teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|"
    r"nineties|[1-9]0'?s)\b"
)
_MEANT = "says what they meant"
# "so about the equity", "ok, back to the rent": a subject turned to, nothing said back
_TOPIC_TURN = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|right|well|hey|hi|so|now|and|anyway|alright)\W+)*(?:so\s+|now\s+)?"
    r"(?:about|re|regarding|back to|moving on to|on to|onto)\s+(?:the|your|ur|my|our|this|that)?\s*[a-z'-]+(?:\s+[a-z'-]+)?"
    r"\W*(?:then|now|tho|though)?\W*$"
)
# "no, other way round, I meant I'm fine with the title", "that's not what i meant": their own words put right
_SAYS_MEANT = re.compile(
    r"\b(?:i meant|what i meant|not what i meant|what i mean is|other way (?:round|around)|i didn'?t mean|"
    r"let me (?:rephrase|put it another way)|to be clear,? i)\b"
)
_FIXES_TIME = "fixes a time for what it proposed"
_THEIRS_SAID_BACK = "says back what they asked"
_YOU_SAID = re.compile(
    r"^\W*(?:(?:but|and|wait|hang on|hold on|sorry|hm+|ok)\W+){0,2}(?:you|u)(?: (?:first|originally|just|already))? "
    r"(?:asked|said|wanted|wrote|quoted|proposed|offered|told (?:us|me))\b"
)
# "you agreed to net 30 a minute ago", "didnt you offer 15 earlier", "earlier u said you could do 16": what they
# said or offered, claimed back (checked against what they did put on the table, and put right when it is not)
_WHEN_SAID = (
    r"(?:earlier|before|a (?:minute|min|sec|second|moment|few minutes) ago|just now|last time|on the phone|"
    r"last week|yesterday|on the call|in (?:your|ur) (?:email|letter|message))"
)
_CLAIMS_SAID = re.compile(
    # put or agreed: a term on the table, claimed ("you agreed to net 30 a minute ago", "u offered 16.40 before")
    r"\b(?:(?:you|u|ya)(?: (?:already|just|first|originally|literally|even|yourself|clearly|definitely))? "
    r"(?:agreed|offered|promised|quoted|proposed)|(?:didn'?t|didnt|did) (?:you|u|ya) (?:just |already |first )?"
    r"(?:agree|offer|promise|quote|propose|say|mention))\b"
    # said, with when ("earlier you said you could do 16", "we said 12 a minute ago")
    r"|^\W*(?:(?:but|and|wait|hang on|hold on|sorry|ok|okay|so|well|hey|um+|uh+|i thought|pretty sure|"
    r"i'?m pretty sure|im pretty sure)\W+){0,3}"
    + _WHEN_SAID
    + r",? (?:you|u|ya|we) (?:said|told (?:me|us)|mentioned)\b"
    r"|\b(?:you|u|ya|we) (?:said|told (?:me|us)|mentioned|agreed(?: to)?) [^.?!]*?\b" + _WHEN_SAID + r"\b"
    r"|\bso we(?:'re| are|re) agreed\b|\bwe(?:'re| are|re) agreed (?:on|at)\b"  # "so we're agreed at 20,400 then"
    # "and you said you'd drop the penalties": what it would do, claimed
    r"|^\W*(?:(?:but|and|wait|so|ok|okay)\W+){0,2}(?:you|u) (?:said|told (?:me|us)) (?:that )?(?:you|u)(?:'d| would|'ll| will)\b"
)
# the same, with no terms in it: only in so many words ("i thought u said earlier everything upstairs was fine?",
# "wait u just said 3 drivers called u?", "You said earlier the bonus didn't have to match the stock")
_CLAIMS_WORDS = re.compile(
    r"^\W*(?:(?:but|and|wait|hang on|hold on|sorry|ok|okay|so|well|hey|um+|uh+)\W+){0,3}"
    r"(?:(?:i thought|i'?m pretty sure|im pretty sure|pretty sure) )?"
    r"(?:(?:"
    + _WHEN_SAID
    + r",? )?(?:you|u|ya) (?:just |already )?(?:said|told (?:me|us)|mentioned|promised|agreed|offered)\b(?: "
    + _WHEN_SAID
    + r")?"
    r"|(?:didn'?t|didnt) (?:you|u|ya) (?:just |already )?(?:say|mention|tell (?:me|us))\b)"
)
# a worry played back as none: "the late ones were fine", "ur fine with the scaffolding", "didn't have to match"
_DISMISSES = re.compile(
    r"\b(?:everything(?: \w+)?|it all|all of (?:it|that)|the \w+ ones|the \w+|it|that|they)\s+(?:was|were|is|are|'s|'re|r)\s+"
    r"(?:all\s+|totally\s+|completely\s+)?"
    r"(?P<word>fine|ok|okay|alright|sorted|no (?:problem|issue|big deal)|not (?:a|an) (?:problem|issue|big deal|concern))"
    r"|\b(?:you|u|ur|your|you'?re|youre)(?:\s+(?:were|are|r|would be|'d be)|'d be)?\s+(?:totally\s+)?"
    r"(?P<word2>fine|ok|okay|happy|cool|good) with"
    r"|\b(?:(?:you|u) (?:didn'?t|don'?t|didnt|dont)|(?:it|that) (?:didn'?t|doesn'?t|didnt|doesnt))\s+"
    r"(?:really\s+)?(?P<word3>matter|mind|bother)\b(?! me\b)"
    r"|(?:didn'?t|doesn'?t|didnt|doesnt) (?P<word4>have) to"
    r"|\b(?:you|u|you'?re|youre|ur) (?:were |are |r )?not (?P<word5>bothered|worried|fussed) about\b"
)


def _dismissal_word(found: re.Match[str]) -> str:
    """What to look for in their own lines: a yes in any of its words ("Vesting, fine." for "so ur ok w the 4 yr
    vesting"), or the whole "didn't have to" (not "have")."""
    if found.group("word3") or found.group("word4"):
        return re.escape(found.group(0))
    return (
        r"(?:fine|ok|okay|happy|alright|all right|no problem|not a problem|no issue|not an issue|don'?t mind|"
        r"can live with|works for me)"
    )


_PUT_CLAIM = re.compile(
    r"\b(?:agreed|offered|promised|quoted|proposed|agree|offer|promise|quote|propose)\b|\bwe (?:said|told)\b|"
    r"\b(?:said|told (?:me|us))(?: \w+)? (?:that )?(?:you|u)(?:'d| would| could| can|'ll| will| wanted| needed| "
    r"asked for)\b"  # "u said you'd keep net 30", "you said earlier you could get to 11", "you said you wanted 12"
    # "earlier you said 12M pre was fine": a figure claimed as one it takes
    r"|\b(?:(?:was|is|were|would be|'d be|'s) (?:fine|ok|okay|acceptable|doable|good|alright)|would work|works|worked)"
    r"(?: (?:for|with) (?:you|u))?(?:\W+" + _WHEN_SAID + r")?\W*$"
)
# not a claim: asked about ("why you offered only one year"), asked for ("tell me about that quote"), agreed with ("as
# you proposed"), pointed at ("4300 on the 1 year u offered"), or one of two ("did you say 162 or 165")
_NOT_A_CLAIM = re.compile(
    r"\b(?:tell me|talk me|walk me|say more|explain)\b|\bas (?:you|u) (?:said|proposed|offered|suggested|asked)\b|"
    r"\b(?:the|that|this|those) (?:\w+ ){0,3}(?:that )?(?:you|u) (?:offered|proposed|quoted|promised)\b|"
    r"\b(?:why|how come|what|how|when|where|which)\b|\bor\b"
)
_CLAIM_CUE = "claims what they said"
# what the correction says it never did, by the claim's verb ("I never promised that."); any other verb is "said"
_CLAIMED_VERB = {
    "agree": "agreed to",
    "agreed": "agreed to",
    "offer": "offered",
    "offered": "offered",
    "promise": "promised",
    "promised": "promised",
}
_NAMES_A_THING = re.compile(
    r"^\W*(?:(?:and|then|so|ok|now|right)\W+)*(?:the|your|ur|this|that) [\w' -]+?\W*$"
)
_ABOUT_THAT_Q = re.compile(
    r"^\W*(?:is|was|does|would|will|could|can|how|why|what)\b.*\b(?:that|it|this)\b(?! (?:i|we) (?:offer|give|put))"
)
_VIEW_OF_IT = re.compile(
    r"^\W*(?:(?:so|and|ok|okay|well)\W+)?(?:what do (?:you|u|ya) (?:think|reckon|say)|how does (?:that|this|it) "
    r"(?:sound|land|look|feel|grab you|strike you)|(?:any )?thoughts|what(?:'s| is) your (?:take|view|reaction)|"
    r"how (?:about|'s) that)(?: (?:then|now|for you|for u|on that))?\W*$"
)
_START_OVER = re.compile(
    r"\b(?:can|could) we (?:just )?(?:back up|start (?:over|again)|rewind|reset|go back a (?:sec|second|step|bit)|"
    r"take a step back|try (?:that|this) again)\b|\blet me (?:start (?:over|again)|rephrase|try (?:that|this) again)\b|"
    r"\b(?:that|this) (?:came out|sounded) wrong\b|\bthis (?:went|is going|has gone) sideways\b"
)
_MEANING = re.compile(
    r"^\W*(?:(?:wait|sorry|so|ok|okay|hang on)\W+){0,2}[\w' -]{2,30}? (?:meaning|as in)\b(?!\W*$)(?!\W*(?:like )?what\b)"
)
_ON_THAT = re.compile(
    r"\b(?:on|for|behind) (?:that|this|it|those|(?:ur|your|their) (?:side|end))\b(?! (?:contract|lease|deal|agreement))"
)
_DID_YOU_SAY = re.compile(
    r"^\W*(?:(?:wait|sorry|hang on|hold on|um+|uh+|hmm+|sry|soz|ok|okay|so|just to check|just checking)\W+){0,3}"
    r"(?:did|do) (?:you|u|ya) (?:just |really |actually )?say\b(?! (?:anything|something|that|this|no|yes)\b)"
)
# "are you seriously telling me a drawing change costs us 2 weeks", "are you saying 20% off the whole thing?": what
# they said, asked about in disbelief; a figure in it is theirs, not one put forward
_ARE_YOU_SAYING = re.compile(
    r"^\W*(?:(?:wait|sorry|hang on|hold on|so|ok|okay|hold up)\W+){0,3}(?:are|r) (?:you|u|ya) (?:\w+ )?(?:telling me|saying)\b"
)
_ASKS_IF_SAID = "asks if that is what they are saying"
_RECEIVED = "says their message arrived"
_FLUNG_BACK = "flings their own figure back"


def _reacts_to_figure(
    low: str, terms: dict[str, float], standing: dict[str, float], said: Sequence[str]
) -> bool:
    if not _BARE_FIGURE.match(low) or len(low.split()) > 4:
        return False
    if re.search(r"\b(?:sorry|my bad|oops|typo)\b", low):
        return True  # a correction of a figure it got wrong, not a new offer
    return bool(_SURPRISE_END.search(low)) and _their_numbers(terms, standing, said)


# Figures in a point made, not terms put forward: someone else's demand ("my CEO wants penalty clauses"), what
# the speaker can't do ("I genuinely can't do 16.80"), a limit ("my band tops out at 160"), a consequence
# ("19,200 would mean I have to let someone go").
_NOT_PUT_FORWARD = re.compile(
    r"\b(?:my|our) (?:ceo|cfo|boss|board|partners?|investors?|lawyer|bank|accountant|director|vp|manager|husband|wife|"
    r"landlord|owner) (?:wants?|is|says|said|insists?|asked|needs?|won'?t|will|would|expects?|thinks?)\b|"
    r"\b(?:i|we)(?: genuinely| really| just| honestly| simply)? (?:can'?t|cant|cannot|won'?t|wont|will not|couldn'?t|"
    r"don'?t|dont) (?:do|pay|go|give|afford|accept|offer|stretch|agree|match|justify|swallow)\b|"
    r"\btops? (?:out )?at\b|\b(?:band|budget|range|cap|ceiling|scale) (?:that |which )?(?:stops|ends|caps out|maxes out|"
    r"is capped) at\b|\b(?:maxes|caps) out at\b|\b(?:would|will) mean\b|\bmeans (?:i|we)\b|\bnobody (?:\w+ ){0,3}gets?\b|"
    # their own costs: "my milk went up 8%", "our rent has gone up 10 percent"
    r"\b(?:my|our|everyone'?s|everybody'?s) (?:\w+ ){0,2}(?:went|has gone|have gone|goes|rose|has risen|have risen|"
    r"jumped|increased|doubled|is|are|was|were) up\b|"
    # "I'm not passing an 18% jump on to my customers": their rise, turned down
    r"\b(?:not|never|can'?t|won'?t) (?:\w+ ){0,2}pass(?:ing)? (?:\S+ ){0,4}on\b|"
    # how fast something grows: "at 8% a month we're past 1.2M ARR", "we're growing 8% month on month"
    r"\b(?:growing|growth|grows|grew|arr|mrr|mom|month[- ]on[- ]month|month[- ]over[- ]month)\b|"
    # what has always been so: "we've always been net 30", "it's always been 14.20"
    r"\b(?:we'?ve|we have|i'?ve|i have|it'?s|it has|its|that'?s) always (?:been|had|paid|done)\b|"
    # what they do today: "look we do about 60 kilos a week", "we usually order around 250 a month"
    r"\b(?:we|i) (?:already |currently |usually |normally |typically |tend to )?(?:do|take|buy|order|use|go through|"
    r"sell|get through) (?:about |around |roughly |like |maybe |approx\w* )?\d[\d.,]*\s*(?:k\s*)?(?:kilos?|kgs?|units?|"
    r"bags?|pieces?)?\s*(?:a|per|every|each|/)\s*(?:week|wk|month|year|day)\b|"
    # a rival's figure asked about: "the other agency's $18,000: is that per month?"
    r"\b(?:the )?(?:other|rival|competing) (?:agency|agencies|company|roaster|supplier|fund|firm|place|vendor|"
    r"landlord|importer|offer|quote|bid)(?:'s|s')?\b[^.?!]{0,90}\?|"
    # an alternative's figure: "i can get 14.80 from bluebird roasters rn", "another fund is talking 13 pre", "the cafe
    # down the road pays 15 with their roaster"
    r"\b(?:i|we) (?:can|could|would|'d|'ll|will) get (?:it |them |one |the same )?(?:for |at )?[$£€]?\d[\d.,]*\s*(?:k\b)?"
    r"[^.?!]{0,30}?\b(?:from|elsewhere|somewhere else|down the road|across town)\b|"
    r"\b(?:another|other|a rival|a competing|the other) (?:fund|roaster|supplier|agency|company|firm|landlord|investor|"
    r"cafe|café|shop|place|vc|bidder|employer)s?\b[^.?!]{0,40}?\b(?:is|are|'s|pays?|paying|offers?|offering|offered|"
    r"quoted|quoting|talking|at)\s+(?:us |me |about |around |like )?[$£€]?\d|"
    # what is so already: "we send u a 30 page report every single month"
    r"\b(?:we|i) (?:already |currently )?(?:send|give|deliver|run|provide|pay) (?:\w+ ){0,6}every (?:single )?"
    r"(?:month|week|quarter|year|day)\b"
)


def _point_not_terms(low: str, terms: dict[str, float]) -> bool:
    """One figure inside a point being made (a part naming several terms is a package, whatever else it says)."""
    return len(terms) <= 1 and bool(_NOT_PUT_FORWARD.search(low)) and not _PROPOSE.search(low)


# "that's exactly what the one contact is for": what a term does, said of it
_WHAT_IT_IS_FOR = re.compile(
    r"\b(?:that'?s|thats|that is|it'?s|its) (?:exactly |precisely |just )?what (?:the |a |an |our |ur |your )?"
    r"[\w -]{1,24}? (?:is|are|was|were) (?:there )?for\b"
)
_DESCRIBES = re.compile(
    r"^\W*(?:this|that|it|thats|its)(?:'s| is| was| would be| means)?\s+(?:\w+\s+){0,3}?"
    r"(?:[$£€]?\d[\d.,]*\s*(?:%|percent|k)?\s*(?:more|less|higher|lower|up|down|extra|over|under)\b)"
)


# Closing with a question once terms are on the table: "deal?", "done?", "we have a deal?", "shake on it?"
_ASKS_FOR_THE_DEAL = re.compile(
    r"\b(?:we (?:have|got) (?:a|ourselves a) deal|is that a deal|shake on|are we agreed)\b"
)
# a yes/no question after a hedge: "i hate asking this and feel free to say no, but could the job be mine?"
_ASKED_AFTER_THE_HEDGE = re.compile(
    r"\bbut\s+(?:could|can|would|will|is|are|do|does|did|should)\s+(?:the|this|that|it|we|i|you|u|there)\b[^.!?]*\?\W*$"
)
_SHAKE_ON_IT = re.compile(
    r"^\W*(?:(?:so|ok|okay|k|brilliant|great|perfect|then|and|right|wonderful|lovely|fantastic|amazing|excellent|cool|"
    r"nice|sounds good|good)[\s,.!]+)*(?:(?:so |then )?(?:do |have )?we (?:have|got) "
    r"(?:a|ourselves a) deal|deal|done|agreed|shake(?: on (?:it|that))?|(?:can|shall) we shake(?: on (?:it|that))?|"
    r"are we (?:good|agreed|done)|we good|is that a deal|(?:have )?we got a deal)(?: then)?\W*\?[\W]*$"
)


# "and net 15?", "and the 15% pool??": one of their terms picked up as a question
_AND_THEIRS_Q = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|and|but|what about)\W+)+(?:the |ur |your )?[\w$.%/ -]{1,20}\?+\W*$"
)
# The order of business or a push disowned, never a threat (the act model reads "leave … for another day" and
# "penalty clauses" as one)
_NOT_A_THREAT = re.compile(
    r"\b(?:not|n't|never) (?:going to |gonna |trying to |here to |calling to |looking to |about to )?(?:push|threaten|"
    r"shout|pressure|fight|force|bully)\b|\bif (?:that'?s|thats|it'?s|its) (?:ok|okay|alright|fine|all right)\b|"
    r"\b(?:i'?d|i would|can we|could we|shall we) (?:like to |suggest (?:we )?|propose (?:we )?)?(?:start|begin|take (?:this|it) in|"
    r"park|leave (?:the )?[\w ]{1,25} for (?:another|later|now))\b|\blet'?s (?:start|begin|park)\b|\bfor another day\b|"
    r"\b(?:won'?t|will not|not) (?:be )?(?:putting|put|making|make|naming|name) (?:a |an |any )?(?:number|offer|figure)s?\b|"
    # "my partner says we might be able to stretch a bit further": room given away, not a threat
    r"\b(?:might|may|could|can) (?:be able to )?(?:stretch|go|move|come) (?:a (?:bit|little) |a touch |slightly )?"
    r"(?:further|more|higher|lower|up|down)\b"
)
# Naming the weight of what they said: "that sounds exhausting", "I'd be annoyed too", "that would sting anyone"
_VALIDATES = re.compile(
    r"\b(?:(?:that|this|it)(?:'s| is)? (?:sounds|must (?:be|have been)|would|seems) (?:\w+ )?(?:exhausting|hard|tough|"
    r"awful|brutal|horrible|stressful|rough|difficult|frustrating|painful|sting|a nightmare|draining|scary|a lot)|"
    r"i'?d be (?:annoyed|upset|angry|furious|frustrated|worried|livid|scared|nervous) too|no wonder|i can see why|"
    r"i get why|(?:that|it) would sting|that'?s (?:rough|awful|brutal|tough|a lot to carry))\b",
    re.I,
)
_WHAT_HAPPENS_IF = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|and|but|then|just curious|out of interest)\W+)*what (?:happens|would happen|will happen|"
    r"happened) (?:if|when)\b"
)
# "why", "whats going on there?", "whats that about", "why that": the thing the part before named
_WHY_THAT = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|and|but)\W+)*(?:why|how come|what(?:'s| is) (?:going on|up|the story|the deal) (?:there|with that)|"
    r"what(?:'s| is) (?:that|this) (?:about|for)|why (?:that|this|so)\b[\w ]{0,12})\W*$"
)
# A reaction to their terms: "50/50 and no cliff is a lot to take in", "…, cool, very casual ask", "blindsided me"
_BIG_ASK = re.compile(
    r"\b(?:a lot to (?:take in|swallow|ask|digest)|(?:a |very |pretty |quite |such a )?(?:big|huge|casual|steep|bold|tall) "
    r"(?:ask|order|jump)|blindsided|(?:a bit of |quite )?a (?:shock|surprise)|out of nowhere|took me by surprise)\b"
)
_ABOUT_THEIRS = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|and|but|right)\W+)*(?:what|how) about (?:the|your|ur|that|this|those)\b"
)


# A day or a time put as a question, to meet or to do what was just proposed: "Saturday morning?", "tmrw after work?",
# "ya def. thursday afternoon work?", "deal, saturday morning?"
_DAY = r"(?:(?:this |next |on )?(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?s?|tmrw|tomorrow|tonight|next week)"
# "morning", "at 10am", "at eleven", "at half ten": when on the day
_AT_TIME = (
    r"(?:\s+(?:morning|afternoon|evening|lunch(?:time)?|after work|at (?:half |quarter past |quarter to )?(?:\d{1,2}(?::\d\d)?|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midday)(?:\s*(?:am|pm|o'?clock|ish|thirty))?))?"
)
# "saturday morning with a tape measure, deal.", "ok, saturday with a tape measure.": the step it proposed, a day put on
_SETS_THE_DAY = re.compile(
    r"^\W*(?:(?:yes|yeah|ya|ja|yep|yup|ok(?:ay)?|sure|great|amazing|deal|done|perfect|lovely|brilliant|then|so)\W+)*"
    + _DAY
    + _AT_TIME
    + r"(?:\s+(?:with|w/?)\s+[^?]*?)?(?:\W+(?:then|deal|it is|done|perfect|sounds good|works?(?: for (?:me|us))?|"
    r"is (?:fine|good|great|perfect)|suits (?:me|us)))?"
    # "Thursday works, I'll get the whole team in a room.": the day, then what they will do for it
    r"(?:[^\w?]*$|\W+(?:i|we)(?:'ll| will) [^?]*$)"
)
# their last line asks for a step: "Could we do Thursday?", "Bring the drawings round and show me", "come by Saturday"
_ASKS_A_STEP = re.compile(
    r"\b(?:could|can|shall) we (?:do|say|make it|meet)\b.*" + _DAY + r"|\b(?:bring|come (?:round|over|by)|"
    r"pop (?:round|over|by)|show me|meet (?:the team|them|me))\b"
)
# "great", "great system", "brilliant, just brilliant": said after a play-back of bad news, a sneer, not a thank-you
_SNEER = re.compile(
    r"^\W*(?:great|brilliant|lovely|fantastic|wonderful|awesome|perfect)(?:,? (?:just )?(?:great|brilliant|lovely|fantastic))?"
    r"(?: (?:system|stuff|setup|set up|process|news|way to (?:run|do) (?:it|things|a business)))?\W*$"
)
_AND_WE_ARE_GOOD = re.compile(
    r"\band (?:we'?re|were|we are|i'?m|im|u'?re|you'?re) (?:good|done|set|sorted)\b"
)
_FIXES_A_TIME = re.compile(
    r"^\W*(?:(?:yes|yeah|ya|yep|yup|ok(?:ay)?|sure|great|deal|done|perfect|lovely|brilliant|def(?:initely)?|absolutely|"
    r"of course|then|so|easy|fine)\W+)*(?:(?:how about|what about|would|does|is|say)\s+)?" + _DAY + _AT_TIME +
    # "Thursday afternoon with the team, is it ok?", "thu lunch w the team?": the step, with whom
    r"(?:\s+(?:with|w/?)\s+(?:the |my |our |your |ur )?[\w' ]{1,30}?)?"
    r"(?:\W+(?:is (?:it|that) ok(?:ay)?|does that work|would that work))?"
    r"(?:\s+(?:work|ok(?:ay)?|good|suit you|suit u|for you|for u|any good|then))?(?:\s+(?:for you|for u))?\W*\?[\W]*$"
)


# "that work?", "works for u?", "deal?", "sound good?": terms just put, asked if they will do (not "right?")
_WILL_IT_DO = re.compile(
    r"^\W*(?:(?:so|and|ok)\W+)?(?:(?:does|would|will|could|can)\s+)?(?:that|this|it)?\s*(?:work|works|do|suit)"
    r"(?:\s+for\s+(?:you|u|ya))?\W*\?|^\W*(?:works?|ok|okay|good)\s+(?:for|with)\s+(?:you|u|ya)\W*\?|"
    r"^\W*(?:deal|agreed|sound good|sounds good|sound ok|can (?:you|u) (?:do|live with) (?:that|it))\W*\?"
)


# "…, whats that about", "…, why", "how come": the reason asked for, after a term was named
_WHY_THEIRS = re.compile(
    r"(?:^|[,.;:?!-]\s*|\b(?:and|but|so)\s+)(?:but\s+|so\s+)?(?:why|y|how come|whats that about|what'?s that about|"
    r"what is that about|whats behind (?:it|that)|what'?s behind (?:it|that)|whats the reason|what'?s the reason)"
    r"(?:\s+(?:tho|though|exactly|then))?\W*$"
)


_WHAT_ABOUT_THEIRS = re.compile(r"\W*(?:(?:ok(?:ay)?|so|and|but|hmm+|right)\W+)*(?:what|how) about\b")
_HARD_ON_US = re.compile(
    r"\b(?:brutal|tough|hard|harsh|killing|kills|tight|steep|impossible|painful|a lot|too (?:short|much|long|high))\b"
)


def _on_the_table(terms: dict[str, float], standing: dict[str, float]) -> bool:
    """Every term named is what is on the table already: their own figures said back."""
    return all(abs(standing.get(k, float("nan")) - v) <= 1e-9 for k, v in terms.items())


_WHAT_USE = re.compile(
    r"\b(?:what would (?:you|u) do with|how would (?:you|u) use|what would (?:you|u) use (?:it|that|them|this) for)\b"
)
# "if you were in my chair, how would you structure it so you get your 20 and I get closer to 12?": their design
# asked for, not terms put


# "so: 20.4k, display out", "ok so the rent: 4500 a month on a 5 year lease": terms listed after a colon, put forward
# (a play-back may open "so:" too; "so the rent:" names the term it puts a figure on)
_TERM_COLON = re.compile(r"^\W*(?:(?:ok|okay|right)\W+)?so\W+(?:the\s+|my\s+|our\s+)?[a-z]+\s*:\s*\S")
_TERMS_LISTED = re.compile(r"^\W*(?:so|ok so|right so)\W*:|" + _TERM_COLON.pattern)


# "if I must take delivery at 8 the bakery don't work", "if it ends up at 19,200 I'd rather we part as friends": their
# terms supposed, and what that would do to us: an argument against them, not terms put forward
_FORCED_IF = re.compile(
    r"(?<!what )\bif (?:(?:i|we) (?:must|have to|had to|need to|am forced to|'m forced to|are forced to)|"
    r"it (?:ends up|comes to|stays|goes to|has to be|must be))\b"
)
_OUR_OWN_ORDER = re.compile(
    r"\b(?:we|i)(?: have| 've got| got| ship| are shipping| 're shipping| deliver| sell| need to ship)\b.{0,40}"
    r"\b(?:to|for) (?:a|the|our|one|this) (?:\w+ )?(?:chain|customer|client|retailer|buyer)\b"
)
# "looking forward to having you on the team", "can't wait to get started", "see you thursday": a wish or a goodbye
_NO_QUESTION_LEAD = re.compile(
    r"^\W*(?:(?:great|perfect|amazing|brilliant|awesome|lovely|ok(?:ay)?|thanks|thank you|cool)\W+)*"
    r"(?:(?:really |so )?looking forward|(?:i )?can'?t wait|see (?:you|u)|speak (?:soon|then)|talk (?:soon|then)|"
    r"have a (?:good|great|nice)|enjoy (?:the|your)|take care)\b"
)
# "besides the base, what else…", "apart from the money, is anything else…": the thing named is set aside
_BESIDES = re.compile(
    r"\b(?:besides|apart from|aside from|other than|beyond|except for|outside of)\s+((?:[\w$.,']+\s*){1,4})"
)


def _set_aside(low: str, persona: Persona) -> str | None:
    """The concern a question asking for anything else sets aside: "what else matters besides the base?" -> the
    concern the base belongs to (None when nothing is set aside)."""
    if not re.search(r"\belse\b", low):
        return None
    m = _BESIDES.search(low)
    return route_topic(m[1], persona)[0] if m else None


_NOT_FOR_US = re.compile(
    r"\b(?:isn'?t|is not|isnt|not|never) (?:something|anything|a number|a figure|what) (?:i|we) (?:can|could|would|will)\b"
)
_BAD_OUTCOME = re.compile(
    r"\b(?:do not|don't|dont|does not|doesn't|doesnt|will not|won't|wont|wouldn't|would not) work\b|"
    r"\b(?:i|we|the \w+) (?:can't|cannot|cant|couldn't|could not|won't|wont) (?:\w+ )?(?:work|survive|afford|open|manage)\b|"
    r"\b(?:i|we)(?:'d| would)(?: \w+){0,2} rather\b|"
    r"\b(?:i|we) (?:must|have to|'ll have to|will have to|would have to|'d have to) (?:go|leave|move|switch|look|walk)\b|"
    r"\bgo(?:es)? under\b|\bkills? (?:us|me|the)\b"
)


def _is_offer(
    part: str,
    low: str,
    terms: dict[str, float],
    label: Any,
    question: bool,
    persona: Persona,
    standing: dict[str, float],
    accepting: bool = False,
    told: Sequence[str] = (),
) -> bool:
    """Terms put forward as a proposal or a demand, not numbers mentioned in an argument or a question about them."""
    if _asks_which(low):
        return False  # "would u rather start after june, or in march with a signing bonus": which, not what
    if _REASON.search(low):
        return False  # "what's behind the 20?", "before I propose anything, what is behind the 15% pool?"
    # ("I need 4 weeks, I'll take it to my CEO" still puts 4 weeks; "I need to run six weeks past our CEO" does not)
    if _TAKE_IT_AWAY.search(low) and not re.search(
        r"\b(?:in exchange|in return|(?:i|we) need(?! to (?:take|bring|run|talk|speak|check|ask|discuss)\b))\b",
        low,
    ):
        return False  # "i'll talk to our engineers about 8 wks and get back to u": a figure taken away to ask about
    if _WHAT_USE.search(low) or (
        question and (_IN_MY_SHOES.search(low) or (_IN_MY_PLACE.search(low) and re.search(r"\bwhat\b", low)))
    ):
        return False  # "if u had something like one page, what would u do with it": asks what it is for them
    if _OUR_OWN_ORDER.search(low):
        return False  # "we have 6000 units going to a national chain on sept 15": their own business, told
    if _NOT_FOR_US.search(low):
        return False  # "10 isnt something i can sign": their figure turned down, nothing put
    if _FORCED_IF.search(low) and _BAD_OUTCOME.search(low):
        # "if I must take delivery at 8 the bakery don't work": their terms supposed, and the cost
        return False
    if _PROPOSAL_START.match(low):
        # "what about the participating pref, why is that there": their own term named, asked about, not put
        return not (_ABOUT_THEIRS.match(low) and not quantities(part) and _on_the_table(terms, standing))
    if _MEANS_FOR_US.search(low) and not _COMMIT.search(low) and not _IF_WE.search(low) and not question:
        return False  # "a straight 20% cut, so 19,200 a month, means i let someone go": what their terms would cost
    proposing = (
        bool(
            _PROPOSE.search(low)
            or _IF_WE.search(low)
            or _TERMS_LISTED.match(low)
            or _MEET_HALFWAY.search(low)
        )
        or "benefit_ask" in label.moves
        or (_SHOULD_BE.search(low) is not None and not question)
    )
    if (
        not proposing
        and not (question and _proposes_as_question(low))
        and (_talks_about_terms(low) or _point_not_terms(low, terms))
    ):
        return False
    if question:
        if proposing or (label.is_ask and not label.open_question_cue) or _proposes_as_question(low):
            return True
        if told and _echoes(part, told[-1:]) and not _BOUND.search(low):
            return False  # "Four months?", "eleven percent on the tax?": a figure they just told us, doubted
        if _THING_Q.match(low) and not re.search(r"\b(?:what|how) about\b", low):
            return False  # "and the 5am deliveries?": the thing named, not a time put forward
        # "2%?", "4600 + 2.5%?", "weekly call fridays?": terms put as a question are still put forward (but "16.80?!"
        # back at them is an echo, and "is it 162 or 165?" asks which)
        return (
            not _on_the_table(terms, standing)
            and not _ALTERNATIVES.search(low)
            and not label.open_question_cue
            and not _WH_START.match(low)
            and _terse(part, terms, persona)
        )
    if _THIRD_PARTY.match(low):
        return False
    if proposing or _COMMIT.search(low):
        # "50/50 and no cliff is a lot to take in": their own terms said back, nobody committing to anything
        return proposing or not (_on_the_table(terms, standing) and _BIG_ASK.search(low))
    if _ALTERNATIVES.search(low):
        return False  # "is it 162 or 165?": asking which, not offering
    if _EVALUATIVE.search(low) or label.open_question_cue or _LOCATIVE_QUESTION.match(low):
        return False
    if not accepting and len(terms) <= 2 and _on_the_table(terms, standing):
        return False  # "ur email. 50/50 and no cliff.": their own terms said back, nothing new put forward
    if not accepting and told and _echoes(part, told) and not _BOUND.search(low):
        # "ugh 7am and rubble, that's not ok.": the figures of what they just told us (not terms they put), echoed
        return False
    # A terse list of terms ("15.50 net 15", "After, in July, 76.") proposes them; a sentence about them does not.
    return _terse(part, terms, persona)


def _figure_put_aside(text: str, named: dict[str, float]) -> dict[str, float] | None:
    """In "I said 158, not 160" (one term named), the figure after "not", on that term and in its scale."""
    figures = quantities(text)
    after = re.search(r"\bnot\b", text, re.I)
    if not after or len(figures) != 2 or not figures[0].value or figures[1].start < after.end():
        return None
    ((issue, value),) = named.items()
    scale = value / figures[0].value
    return {issue: figures[1].value * scale}


# A figure alone with a question mark: "15.60?", "$160k?", "8?"
_LONE_FIGURE_Q = re.compile(r"\W*[$£€]?\d[\d,.]*\s*(?:k|%|percent)?\s*\?+\W*")

# A question put without a question word or mark: "tell me about…", "i'd like to understand…", "is it final"
_ASKS_WITHOUT_MARK = re.compile(
    r"\b(?:tell me|talk me|walk me|help me (?:understand|see)|explain|i(?:'d| would) (?:like|love) to (?:understand|know|"
    r"hear)|i wonder|wondering|curious|can (?:you|u)|could (?:you|u)|would (?:you|u)|will (?:you|u)|do (?:you|u)|did (?:you|u)|"
    r"are (?:you|u)|is (?:it|that|this|there)|any (?:chance|way)|anything|say more|go on|keen to (?:hear|know))\b"
)
_WH_START = re.compile(r"^\W*(?:\w+\W+){0,2}?(?:what|how|why|when|where|who|which)\b")


def _terse(part: str, terms: dict[str, float], persona: Persona) -> bool:
    """Mostly the terms themselves: numbers, their units and the issues' own words."""
    if not quantities(part):
        # "we'll have insurance": a yes/no term needs a commitment to be an offer, unless it is all that is said:
        # "direct debit?" puts it forward
        return any(i.kind == "yes_no" and i.id in terms for i in _issues_alone(normalise(part), persona))
    named = {w for q in quantities(part) for w in content_stems(part[q.start : q.end])}
    named |= {w for i in persona.issues for k in i.keywords for w in content_stems(k)}
    filler = content_stems(part) - named
    return len(filler) <= 3 + 2 * len(terms)


_ARGUES = re.compile(
    r"\b(?:but|not that bad|not a big deal|everybody|everyone|part of the job|obviously|i mean|come on|so what|"
    r"(?:not|never) going to change|nothing's (?:gonna|going to)|it's standard|that's standard|unreasonable|"
    r"that's (?:just )?how it (?:is|works)|surely|to be fair|in fairness|on the other hand|at the end of the day)\b"
)


def _restates_them(part: str, low: str, said: Sequence[str]) -> bool:
    """A restatement of what they said: mostly their words, about them, and not an argument against them."""
    restated, shared = restates(part, said)
    return (
        restated
        and bool(_SECOND.search(low) or _SO_FORM.match(low))
        and not _ARGUES.search(low)
        and not _HEARSAY.search(low)
    )


_WILL_DO = re.compile(r"(?:^|[,.;!]\s*|\band\s+)(?:i'?ll|ill|i will|we'?ll|we will)\s+(?!(?:never|not)\b)\w+")
_WH_START = re.compile(r"\W*(?:(?:so|and|ok|okay)\W+)?(?:which|what|how|why|when|where|who)\b")


def _not_played_back(low: str, question: bool) -> bool:
    """Their words said to commit or to ask, not to play back: "ok thats fair, ill get it cleaned every year",
    "Which would matter more to you, X or Y?"."""
    # ("you're not my first hire, come on": what they fear they are, denied, is no play-back of it)
    return bool(
        _WILL_DO.search(low)
        or (question and _WH_START.match(low))
        or _NOT_THAT_TO_ME.match(low)
        or ((m := _CONCEDES.match(low)) and not _SECOND.search(low, m.end()))
    )


# "ok ya the late thing is fair, jan was bad.": their point granted and our side told, not a play-back of them
_CONCEDES = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|ya|yeah|yes|right|fine|alright|look|honestly)\W+)*(?:the |that |ur |your )?(?:[\w-]+ ){0,3}?"
    r"(?:thing |point |bit |part )?(?:is|'s|s) (?:totally |completely |100% |a )?fair(?: point| enough)?\b"
)


# "someone told me the wine bar pays around 4k", "i heard the other units go for less": word from elsewhere, not theirs
_HEARSAY = re.compile(
    r"\b(?:someone|somebody|people|a friend|my friend|a mate|my mate|the agent|the internet|everyone)"
    r" (?:told|tells|said|says|mentioned)\b|\bi (?:heard|read|saw|was told)\b|\bapparently\b"
)


_SOFT_PRESSURE = {
    "ridiculous",
    "stupid",
    "insane",
    "absurd",
    "pathetic",
    "are you kidding me",
    "that's a joke",
    "no way",
    "i don't care",
    "not my problem",
}


# a figure set as a bound or a condition is put forward, whoever said it first: "2 wks max", "if i send the volumes"
_BOUND = re.compile(r"\b(?:max|maximum|min|minimum|at most|at least|tops)\b|\bif (?:i|we)\b")


def _echoes(part: str, told: Sequence[str]) -> bool:
    """Every figure in the part is one they just told us, as they wrote it ("4k" is not their "4 months")."""
    theirs = [q.value for line in told for q in quantities(line)]
    ours = [q.value for q in quantities(part)]
    return bool(ours) and all(any(abs(v - x) <= 1e-9 for x in theirs) for v in ours)


_THEIR_TERMS = re.compile(
    r"\b(?:you|u)(?:'ve| have|'re| are)? ?(?:want|wanted|asked|asking|said|proposed|proposing|need|needed|offered|"
    r"offering|quoted)\b|\b(?:your|ur) (?:email|letter|offer|proposal|number|ask|terms|counter)\b"
)


def _check_claim(
    named: dict[str, float], persona: Persona, ledger: dict[str, Any], said: Sequence[str]
) -> dict[str, Any]:
    """A claim of what they said or offered ("you agreed to net 30", "didnt you offer 15", "we said 12 a minute
    ago"), held against what they did put: their opening terms, every offer of theirs since, what stands, and (for a
    claim of what they said rather than put) figures their lines gave a term. The user's own offers never count: "we
    said 12" after the user put 12 and they said six is put right. Put right, it names their figure and the one
    claimed ("Payment on net 15, not net 30.")."""
    put: dict[str, list[float]] = {i.id: [i.opening] for i in persona.issues if i.opening is not None}
    for offer in ledger.get("offers") or []:
        if offer["by"] == "counterpart":
            for k, v in offer["terms"].items():
                put.setdefault(k, []).append(v)
    for k, v in (ledger.get("standing") or {}).items():
        put.setdefault(k, []).append(v)
    for line in said:  # a figure it named in so many words ("I could live with 30 if it's automatic")
        for k, v in read_terms(line, persona.issues).items():
            put.setdefault(k, []).append(v)
    wrong = {k: v for k, v in named.items() if not any(abs(v - x) <= 1e-9 for x in put.get(k, []))}
    if not wrong:
        return {"faithful": True, "invented": [], "correction": ""}
    standing = ledger.get("standing") or {}
    theirs = {k: standing[k] for k in wrong if k in standing}
    said_right = describe_terms(persona.issues, theirs)
    claimed = describe_terms(persona.issues, wrong)
    if said_right and len(wrong) == 1:
        # "payment on net 15, not net 30", "$16.80 a kilo, not $16.00": the words both share said once
        a, b = said_right.split(), claimed.split()
        while len(b) > 2 and a[0] == b[0] and a[0].lower() not in ("a", "an", "the"):
            a, b = a[1:], b[1:]
        while len(a) > 1 and len(b) > 1 and a[-1] == b[-1] and not re.match(r"\d[\w.]*-", b[-2]):
            a, b = a[:-1], b[:-1]
        if len(b) == 2 and b[0].lower() in ("a", "an"):
            b = b[1:]  # "not $12M", not "not a $12M"
        claimed = " ".join(b)
        claimed = re.sub(r"(\d)\.00\b", r"\1", claimed)
    return {
        "faithful": False,
        "invented": [claimed],
        "correction": f"{said_right[:1].upper()}{said_right[1:]}, not {claimed}."
        if said_right
        else f"I haven't agreed to {claimed}.",
    }


def _their_numbers(terms: dict[str, float], standing: dict[str, float], said: Sequence[str]) -> bool:
    """Every term named is one the counterpart put on the table or said."""
    values = [q.value for line in said for q in quantities(line)]
    return all(
        abs(standing.get(k, float("nan")) - v) <= 1e-9 or any(_same_number(v, x) for x in values)
        for k, v in terms.items()
    )


# "tell me more about why…", "walk me through why…", "help me understand why…": the reason behind something asked for
_TELL_ME_WHY = re.compile(
    r"^\W*(?:(?:ok|okay|so|and|hm+|right|sorry)\W+)*(?:(?:can|could|would) you\s+)?(?:please\s+)?"
    r"(?:tell me(?: a bit| a little)?(?: more)? about|talk me through|walk me through|help me understand|explain)\s+"
    r"(?:why|how come|what makes|what's behind|whats behind)\b"
)


# "is it our deliveries at 5?", "is it because of the roof?": asks what is behind it, naming things as they are
_ASKS_WHAT_IT_IS = re.compile(
    r"^\W*(?:(?:oh(?: no)?|wait|so|ok|okay|and|hmm+|right|sorry)\W+)*(?:is it|is that|is this|was it|are they)"
    r"(?: (?:because of|about|down to|the|our|your|ur|my))?\b(?!.*\b(?:ok|okay|fine|enough|acceptable|work|doable|"
    r"possible|deal|better|a deal|alright|all right)\b)"
)


def _act(
    part: str,
    label: Any,
    persona: Persona,
    vocab: frozenset[str],
    said: Sequence[str],
    on_table: bool,
    just_proposed: bool,
    standing: dict[str, float],
    terms: dict[str, float],
    accepting: bool = False,
    heralded: bool = False,
) -> tuple[str, str]:
    """(act, cue) for one part: the first rule that fits, most specific first. `accepting`: the turn says yes.
    `heralded`: the part before it announced a play-back ("OK, let me make sure I have it.") or the one after it
    asks them to check one ("Have I missed anything?")."""
    low = normalise(part)
    n_words = len(low.split())
    # "ok deal" with their terms still on the table, whatever came between: a yes to them, not a thank-you
    yes_to_what_stands = bool(on_table and standing) and n_words <= 3 and acts.accepts(part, strong_only=True)
    rude = acts.is_insult(part)
    if rude:
        return "insult", rude
    if acts.is_off_topic(part):
        return "off_topic", "says it is unrelated"
    if acts.is_thanks(part) and n_words <= 3 and not just_proposed and not yes_to_what_stands:
        return "thanks", part.strip()  # "thx", "k.", "gracias Gloria" before anything reads them as noise
    if re.fullmatch(r"\W*(?:genuinely|honestly|truly|sincerely|really)\W*", low) and "?" not in part:
        return "thanks", part.strip()  # "thank you. genuinely.": the thanks said again, no no in it
    if just_proposed and on_table and acts.accepts_short(part) and not re.search(r"[a-z]", part.lower()):
        return "accept", part.strip()  # "👍" to the terms they just put: a yes
    if not re.search(r"[^\W_]", part) and _EMOJI_CHAR.search(part):
        return (
            "thanks",
            part.strip(),
        )  # "great!! 🙌 see u thurs": a face or a gesture on its own is a reaction
    if acts.is_unclear(part, vocab) and not acts.accepts_short(part) and not acts.is_thanks(part):
        # ("k." is an ok and "thx" a thanks, not a mash, also just after their terms)
        return "unclear", "cannot be read"
    if acts.is_foreign(part) and not _THANKS_ABROAD.match(low):
        return "foreign", "another language"
    strong = _STRONG_CUE.match(low)
    question = (
        bool(label.open_question_cue or label.closed_question_cue)
        or low.rstrip().endswith("?")
        or bool(_CLOSED_NO_MARK.match(low))
        or bool(_TAG_NO_MARK.search(low))
    )
    claim = _CLAIMS_SAID.search(low)
    if (
        terms
        and claim
        and not _NOT_A_CLAIM.search(low)
        # (a proposal of their own after it is theirs: "you agreed to 45, I'll do 45"; "you said you'd drop the
        # penalties" proposes nothing)
        and not (
            (propose := _PROPOSE.search(low))
            and (propose.start() < claim.start() or re.search(r"\b(?:i|we)\b", low[claim.end() :]))
        )
        and not _IF_WE.search(low)
        and not acts.accepts(part, strong_only=True)
    ):
        return "summary", _CLAIM_CUE
    if (
        not terms
        and _CLAIMS_WORDS.match(low)
        and (
            re.search(
                _WHEN_SAID
                + r"|\b(?:didn'?t|didnt|i thought|pretty sure|just (?:said|told|mentioned)|told (?:me|us))\b",
                low,
            )
        )
        and not _NOT_A_CLAIM.search(low)
    ):
        return "summary", _CLAIM_CUE
    if acts.GREETING.match(low) and not question and not terms:
        return "small_talk", "greeting"
    if _GOODBYE.match(low) and not question:
        return "thanks", _SAYS_GOODBYE
    if acts.CHITCHAT.match(low) and (not terms or question or _WH_NO_MARK.match(low)):
        # "did u catch the match last night?", "how did your daughter's game go", "oh nice, which one" (no mark)
        return "small_talk", _CHITCHAT
    if _SUM_CHECKED.match(low):
        return (
            "closed_question",
            _CHECKS_A_SUM,
        )  # "thats 170 in yr 1 which beats the 162 right??": no terms put
    if (
        _START_OVER.search(low)
        and not terms
        and not re.search(r"\b(?:what|how|why|when|where|who|which)\b", low)
    ):
        # "can we back up a sec, I think this went sideways", "sorry, let me start again": the talk itself, a beat
        # ("Can we start again?" asked outright still gets its short yes)
        return ("closed_question" if low.rstrip().endswith("?") else "statement"), _STARTS_OVER
    if question and _MEANING.search(low) and not _PROPOSE.search(low):
        # "wait, pro rata meaning you can keep your 20% by investing more at the A?": what a term means, checked
        return "closed_question", "checks what it means"
    if acts.HOSPITALITY.match(low) and not terms:
        return "small_talk", _HOSPITALITY  # "want a coffee?" to a roaster is no question about coffee
    if (
        question
        and terms
        and _ASKS_WHAT_IT_IS.match(low)
        and not _PROPOSE.search(low)
        and not re.search(r"\bor\b", low)  # "is it 14.20 we pay now or 14.80": which of its figures is which
    ):
        return (
            "closed_question",
            "asks what it is about",
        )  # "oh no. is it our deliveries at 5?": no offer of 5 a.m.
    thanking = (
        bool(re.search(r"\b(?:thanks?|thank you|thx|appreciate)\b", low)) and n_words <= 16 and not question
    )
    if (acts.is_thanks(part) or (thanking and not _SECOND_ASK.search(low))) and not terms:
        if (just_proposed and (acts.accepts_short(part) or acts.accepts(part))) or yes_to_what_stands:
            return (
                "accept",
                part.strip(),
            )  # "yep thats fair" to the terms they just put: a yes, not a thank-you
        return "thanks", part.strip()
    # "Could we do Thursday?" / "Bring the drawings round": a step they asked for is on the table too
    step_asked = just_proposed or bool(said and _ASKS_A_STEP.search(said[-1].lower()))
    if said and not step_asked:
        # "Saturday at eleven. I'll put the kettle on." / "Saturday at eleven it is.": the day they named, taken
        day = re.search(r"\b" + _DAY + r"\b", said[-1].lower())
        step_asked = bool(
            day and re.match(r"\W*(?:\w+\W+){0,2}?" + re.escape(day.group(0).split()[-1]) + r"\b", low)
        )
    if on_table and step_asked and _FIXES_A_TIME.match(low) and (not terms or _on_the_table(terms, standing)):
        return (
            "accept",
            _FIXES_TIME,
        )  # "Saturday morning?", "tmrw after work?", "deal, friday?"
    if (
        on_table
        and step_asked
        and _SETS_THE_DAY.match(low)
        and not re.fullmatch(
            r"\W*" + _DAY + r"[\s.!]*", low
        )  # "friday.": when they asked when (but "tonight 👍")
        and not terms
    ):
        return "accept", _FIXES_TIME
    if on_table and (just_proposed or _ASKS_FOR_THE_DEAL.search(low)) and _SHAKE_ON_IT.match(low):
        # "deal?", "we have a deal?", "shake on it?": a yes, asked (in so many words, also after they spoke of
        # something else since their terms: "Done, my CTO signs this week. we have a deal?")
        return "accept", "asks to shake on it"
    asking = question or bool(_WH_NO_MARK.match(low)) or bool(re.search(r"\b(?:why|how come)\b", low))
    if (
        on_table
        and not strong
        # ("So yes: $3M at $11M pre, …, no participation" is no play-back, and its "no" names a term)
        and (not (_SO_FORM.match(low) or acts.negated(low)) or acts.YES_THEN_TERMS.match(low))
        and not asking
        and not acts.rejects(part)  # "yo 16.80 is nuts 1450 and were good": no yes to the 16.80
    ):
        # Restating the standing terms (or terms at least as good for them) with a yes is an acceptance.
        agrees = bool(terms) and all(_not_worse_for_them(persona, k, v, standing) for k, v in terms.items())
        clear_yes = acts.accepts(part, strong_only=not just_proposed)
        short_yes = (
            agrees
            and bool(_ACCEPT_WORD.search(low))
            and not question
            and (n_words <= 14 or clear_yes)
            and not _NO_YES.search(low)  # "everyone starts from zero, thats how it works": no yes to anything
        )
        if (clear_yes and (not terms or agrees)) or short_yes:
            return "accept", "accepts what is on the table"
    threat = acts.pressure(part) or (
        label.evidence.get("pressure")
        if label.pressure
        and re.search(r"\b(?:or (?:we|i|else)|final|last offer|take it or leave it|walk)\b", low)
        else None
    )
    if threat:
        return "pressure", threat
    if (
        question
        and _POINT_PUT_AS_QUESTION.search(low)
        and not (terms and (_PROPOSE.search(low) or _COMMIT.search(low)))
    ):
        # "who'd want that headache?", "never missed a rent payment in 3 years, where are you going to find a tenant
        # like that?": no answer wanted, and no figure put forward
        return "statement", _POINT_AS_QUESTION
    if _THATS_A_NO.match(low):
        return (
            "closed_question",
            "checks where it stands",
        )  # "so thats a no": asks them to say it, turns nothing down
    if (
        on_table
        and acts.rejects(part)
        and not (
            terms
            and (
                _COMMIT.search(low)
                or _PROPOSE.search(low)
                or _proposes_as_question(low)
                or _AND_WE_ARE_GOOD.search(low)
            )
        )
    ):
        return "reject", "turns it down"  # ("6 is short for us, can we meet at 9?" turns 6 down to put 9)
    if question and _WOULD_IT_MATTER.search(low) and not _IF_WE.search(low):
        # "Would a review at six months, with written criteria, matter to you?": what a term would be worth to them,
        # asked before putting it forward
        return "closed_question", _WORTH_ASKED
    if terms and quantities(part) and _TRIAL_BALLOON.match(low):
        return "offer", "floats terms"  # "suppose nothing noisy before 9, and two weeks instead of three?"
    if terms and _AND_WE_ARE_GOOD.search(low) and not question:
        # "16.80 is nuts 1450 and were good": their figure turned down, ours put
        return "offer", "names terms"
    if _RECEIPT.match(low) and not question and not _PROPOSE.search(low):
        return "statement", _RECEIVED  # "so i got ur email abt the 16.80": it arrived; nothing is played back
    if terms and said and _ARE_YOU_SAYING.match(low):
        return "closed_question", _ASKS_IF_SAID
    if said and _DID_YOU_SAY.match(low) and not re.search(r"\bor\b", low) and not _PROPOSE.search(low):
        # "sorry, did u say 40 to 75?", "wait did u say 18.60??": what they said, checked (and put right if wrong)
        return "summary", _HEARD_BACK
    if _asks_which_figure(part, low, said, standing):
        return "closed_question", _CLARIFIES
    if re.search(r"\bfor what\b(?:.*\?|(?: exactly)?\W*$)", low) and _their_figure(part, said, standing):
        return "open_question", _FIGURE_FOR  # "18k for what exactly?": no 18k put forward
    if _TELL_ME_WHY.match(low) and (not terms or _their_figure(part, said, standing)):
        # "Tell me more about why twenty days hurts so much": their figure asked about, nothing put forward
        return "open_question", "asks them to say more"
    if _TALK_ABOUT.match(low) and route_topic(part, persona)[0] and not terms:
        # "can we at least talk about the roses": asks them to open up on it, not for a yes
        return "open_question", "asks to talk about it"
    if question and _COMES_FROM.search(low):
        # "is that your number or did it come from somewhere?": a yes/no in form, asking where it comes from
        return "open_question", "asks where it comes from"
    if (
        on_table
        and not terms
        and not question
        and _NEXT_STEP_BY.match(low)
        and not re.search(r"\b(?:you|u|your|ur)\b", low)
    ):
        return "statement", _NEXT_STEP_CUE
    if said and not terms and not question and FEELING_LABEL.match(low):
        return "summary", _NAMES_FEELING  # "that must put u in a really awkward spot, being in the middle"
    restated = _restates_them(part, low, said)
    # "so ur taxes went up 50%, right?": a play-back that ends in a check is still a play-back.
    checked = (
        (
            bool(re.search(r",?\s*(?:right|yeah|correct|no|yes|isn't it|is that right|fair)\W*$", low))
            and low.endswith("?")
        )
        or label.closed_question_cue in ("declarative question", "tag question", "check of understanding")
        or ("summary" in label.moves)
    )  # the evaluator already took "So you …?" for a check of understanding
    playback = (
        bool(strong)
        or (heralded and len(restates(part, said)[1]) >= 2)
        or (
            bool(_SO_FORM.match(low))
            and n_words >= 5
            and (not question or checked)
            and (bool(_ABOUT_THEM.search(low)) or len(restates(part, said)[1]) >= 2)
        )
    )
    if not playback and _SO_WE_ARE.match(low) and not _PROPOSE.search(low) and not _COMMIT.search(low):
        # "so we're small, we order 2k at a time with no warning…": their view of us, played back
        playback = len(restates(part, said)[1]) >= 3
    short_question = question and label.open_question_cue and not label.closed_question_cue and n_words < 6
    # "so: 20.4k, display out, …", "so if the round were 3M at 12 pre": terms put forward, not played back.
    terms_listed = terms and (
        _TERMS_LISTED.match(low)
        or (not strong and re.search(r"^\W*(?:ok\W+)?so\W+(?:if|what if)\b", low))
        # "So something like 4,350 would be fair": a figure of ours, put as what is fair
        or _FAIR_FIGURE.search(low)
        # "ok so 2.8, sloped roof, we pay your surveyor.": their own commitment in it, so their own terms
        # "so about the split, i was thinking 60/40 like we said": their own proposal, whatever it echoes
        or (
            not strong
            and (_COMMIT.search(low) or re.search(r"\b(?:i|we) (?:was|were|am|'m|are) thinking\b", low))
            and not re.search(
                r"\b(?:you|u)(?:'re| are|'d| would| need| want| said| have|'ve| can't| cant)\b", low
            )
        )
    )
    if (
        playback
        and not strong
        and len(terms) >= 2
        and "?" not in part
        and _terse(part, terms, persona)
        and sum(not _their_numbers({k: v}, standing, said) for k, v in terms.items()) >= 2
    ):
        terms_listed = (
            True  # "ok so base 155k, 15k bonus, 2 fixed wfh days.": new figures listed are our own terms
        )
    if (
        playback
        and not short_question
        and not terms_listed
        and not acts.asks_after(low)
        and not re.search(acts.LOSS_PUT_TO_THEM, low)
    ):
        return "summary", strong.group(0).strip() if strong else "so …"
    if (
        terms
        and _THEIR_TERMS.search(low)
        and not _PROPOSE.search(low)
        # ("so I can put two fixed home days in your offer letter": what they asked for, given)
        and not re.search(r"\b(?:i|we) (?:can|could|will|'ll) (?:put|write|give|include|add)\b", low)
        and _their_numbers(terms, standing, said)
    ):
        return (
            "summary",
            "plays back their terms",
        )  # "so you want 50/50 and the cliff gone", "your email said 20% off"
    if terms and said and _YOU_SAID.match(low) and not _PROPOSE.search(low) and not question:
        # "you asked us for 20", "u said 16 on the phone": what they asked, said back, whatever the figure
        return "summary", _THEIRS_SAID_BACK
    if terms and _reacts_to_figure(low, terms, standing, said):
        return "statement", _REACTS
    if (
        terms
        and _SO_FORM.match(low)
        and not re.match(r"^\W*(?:\w+\W+)?so\s*:", low)  # "So: 158 base, 15k signing": the list put forward
        and not question
        and not _PROPOSE.search(low)
        and not _COMMIT.search(low)
        and not accepting
        and _on_the_table(terms, standing)
    ):
        # "ok so 5000 a month, 1 year, 3 percent a year": their own terms said back, no yes and nothing put forward
        return "summary", _TERMS_SAID_BACK
    if (
        terms
        and _WORKS_A_SUM.search(low)
        and not (_PROPOSE.search(low) or _IF_WE.search(low) or _PROPOSAL_START.match(low) or accepting)
        # ("…so 70.7k, thats not even the bottom of the band what would u need": a question runs on after the sum)
        and not re.search(r"\b(?:what|how|why|which) (?:would|do|does|did|can|could|is|are|will)\b", low)
        # ("so if we went to 4,500 thats 300 more a month, 3,600 a year": a figure floated, with its sum shown)
        and not re.search(r"\b(?:if (?:we|i|you)|what if|how about|suppose|say we)\b", low)
        # ("splitting the difference is 4,600, which is 400 more a month": the middle put forward, its sum shown)
        and not re.search(
            r"\b(?:split(?:ting)? the difference|meet(?:ing)? (?:in the middle|halfway)|halfway)\b", low
        )
    ):
        # "we take about 60 kilos a week, and 16.80 minus 14.20 is 2.60 a kilo, so that's around $156 a week": a sum
        # worked out loud, nothing put forward
        return "statement", _WORKS_SUM
    if terms and _is_offer(
        part, low, terms, label, question, persona, standing, accepting, () if just_proposed else said
    ):
        return "offer", label.evidence.get("ask") or "names terms"
    if (
        restated
        and not label.open_question_cue
        and not _PROPOSE.search(low)
        and not (terms and _PROPOSAL_START.match(low))
        and not _TAKE_IT_AWAY.search(low)  # what they said taken away to ask about is no play-back of it
        # "Which would matter more to you, X or Y?": asked, in their words
        and not _not_played_back(low, question)
    ):
        return "summary", "restates what they said"
    if label.pressure and label.evidence.get("pressure", "") not in _SOFT_PRESSURE and not terms:
        return "pressure", label.evidence.get("pressure", "")
    if (
        "summary" in label.moves
        and n_words >= 5
        and not question
        and len(restates(part, said)[1]) >= 2
        and not _HEARSAY.search(low)
        and not _not_played_back(low, question)
    ):
        return "summary", label.evidence.get("summary") or "restates what they said"
    if (
        question
        and _THING_Q.match(low)
        and not re.search(r"\b(?:that|this|those)\b", low)  # "that work?" asks if the terms do
        and route_topic(part, persona)[0]
        and not quantities(part)
    ):
        return "open_question", _NAMED_THING  # "the deliveries?", "and the drilling?": tell me about that
    if _issue_alone(low, persona):
        return "open_question", _NAMED_THING  # "pay?", "k. price tho": where do you stand on that
    figures = quantities(part)
    if (
        question
        and n_words <= 3
        and len(figures) == 1
        and any(i.opening and figures[0].value == i.opening for i in persona.issues)
        and not set(re.findall(r"[a-z]+", re.sub(r"\d+k\b", " ", low))) - set(persona.name.lower().split())
        # said at them ("$5000 Gloria?") or with a cry ("5000?!"); "19,200?" alone may be taking it
        and (re.search(r"[a-z]", low) or re.search(r"\?\?|\?!|!\?", part))
    ):
        return "statement", _FLUNG_BACK  # "$5000 Gloria?": their own figure flung back
    if (
        question
        and n_words <= 3
        and said
        and not _WH_NO_MARK.match(low)
        and content_stems(part)
        and content_stems(part) <= content_stems(said[-1])
    ):
        return "statement", "echoes their words"  # "30 pages??": a reaction, not a question to answer
    if (
        question
        and _RHETORICAL.search(low)
        and not label.open_question_cue
        and not terms
        and not (acts.is_small_talk(part) and not route_topic(part, persona)[0])  # "meant to snow tomorrow??"
    ):
        return (
            "statement",
            "a point made as a question",
        )  # "u think im not paying more??", "after 5 yrs? cmon"
    if _PRIVATE_ASK.search(low) and not terms:
        return "fact_question", _PRIVATE  # "who's the other agency?", "come on, ballpark"
    if _asks_which(low) and (question or _WH_NO_MARK.match(low) or low.startswith(("would", "if"))):
        return "closed_question", _ASKS_WHICH  # "what do u care about more, the price or the net 15?"
    if (_WHO_SIGNS.search(low) or _WHEN_NEEDED.search(low)) and not terms and route_fact(part, persona)[0]:
        return (
            "fact_question",
            _WHO_SIGNS_CUE,
        )  # "is it just you deciding or does someone else need to sign off"
    if not question and _GO_ON.match(low):
        return "open_question", "asks them to say more"  # "please, tell me", "go on, i'm listening"
    if question or _WH_NO_MARK.match(low):
        if acts.is_small_talk(part) and not route_topic(part, persona)[0]:
            return "small_talk", "small talk"
        fact, fact_score = route_fact(part, persona)
        # "Can I ask about the other offer, when do you need to give them an answer?": the permission asked on the
        # way to a plain fact (a date, a count) asks that fact
        fact_asked = fact_score >= 5 and bool(re.search(r"\b(?:when|how (?:many|much|long|big|soon))\b", low))
        if (
            (_PERMISSION.search(low) and not fact_asked)
            or _ANYTHING_ELSE.search(low)
            or _OTHER_WORRIES.search(low)  # "are there other things that worry you?", "any other worries?"
            or _ELLIPTIC.match(low)
            or (_THING_Q.match(low) and route_topic(part, persona)[0])
            or _GO_ON.match(low)
            or (label.window and (label.open_question_cue or _INDIRECT_WH.match(low)))
            or any(pattern.search(low) for _, pattern in _WINDOWS)
        ):
            return "open_question", label.open_question_cue or "asks them to say more"
        if fact and acts.defers(part):
            fact = None  # "can you give me til thursday to get finance to sign off": time asked, no fact
        if fact and _ON_THAT.search(low) and said:
            # "whats the timeline on that for u" after their CFO's cut: the timing of what they just told, not the
            # date of the contract
            fact = None
        if _FACT_Q.match(low) or (fact and (fact_score >= 4 or _WHAT_LIKE.search(low))):
            return "fact_question", f"asks a fact{': ' + fact.replace('_', ' ') if fact else ''}"
        if label.open_question_cue or _WH_NO_MARK.match(low):
            return "open_question", label.open_question_cue or "a wh-question"
        if fact and (fact_score >= 4 or not route_topic(part, persona)[0]) and fact_score >= 3.5:
            return "fact_question", f"asks about {fact.replace('_', ' ')}"
        return "closed_question", label.closed_question_cue or "a yes/no question"
    if acts.is_small_talk(part) and not terms:  # "yo 16.80 is nuts 1450 and were good" is no "yo"
        return "small_talk", "small talk"
    if (
        _AND_THE.match(low)
        and not terms
        and not _issues_named(low, persona)  # "ok and the rent" asks where it stands on a term
        and route_topic(part, persona)[0]
    ):
        return (
            "open_question",
            _NAMED_THING,
        )  # "ok and the cliff", "what about the scaffolding": asked, no mark
    if _PLEDGE.search(low) and not terms and not _DEFERS.search(low) and not _THIRD_PARTY.match(low):
        return "offer", PLEDGE_CUE  # "i can talk to the van people", "I'll book the hood clean"
    words_known = len(content_stems(part) & content_stems(" ".join(vocab)))
    if not words_known and len(content_stems(part)) >= 3 and not said:
        return "off_topic", "nothing about the negotiation"
    return "statement", ""


_OR_ELSE = re.compile(r"\bor (?:else|nothing|it'?s|its|the|i|i'?m|im|we|we'?re|were|my|our)\b")
_THATS_A_NO = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|right|wait|and|then)\W+)*(?:that'?s|thats|that is|is that|so) (?:a |an )?(?:hard |firm |flat |"
    r"straight )?(?:no|yes|maybe)\b(?: then| for now| on \w+)?\W*$"
)
# Acts the rules see with a detector of their own (a language, a keyboard mash, "unrelated, but…"): theirs stands.
_RULES_DECIDE = frozenset({"foreign", "unclear", "off_topic"})
# What the coach quotes as the reason when the learned reading, not a rule, decided the act.
_MODEL_CUES = {
    "open_question": "asks them to say more",
    "closed_question": "a yes/no question",
    "fact_question": "asks a fact",
    "summary": "restates what they said",
    "offer": "names terms",
    "accept": "accepts what is on the table",
    "reject": "turns it down",
    "pressure": "puts pressure on",
    "small_talk": "small talk",
    "thanks": "thanks",
    "insult": "rude",
    "off_topic": "unrelated",
    "foreign": "another language",
    "unclear": "cannot be read",
}


class _Label:
    """The part-level view of the turn labeller (question cues, ask and pressure flags)."""

    def __init__(self, text: str, context: str):
        lab = label_turn(text, context)
        self.moves = lab.moves
        self.evidence = lab.evidence
        self.is_ask = lab.is_ask
        self.bare_ask = lab.bare_ask
        self.pressure = lab.pressure
        self.window = lab.window
        self.tell_me_more = lab.tell_me_more
        self.open_question_cue = lab.evidence.get("open_question") if "open_question" in lab.moves else None
        self.closed_question_cue = (
            lab.evidence.get("closed_question") if "closed_question" in lab.moves else None
        )


def concern_infos(persona: Persona, ledger: dict[str, Any] | None = None) -> list[ConcernInfo]:
    """The persona's concerns as the evaluator sees them, with how far each was disclosed."""
    return [
        ConcernInfo(
            id=c.id,
            title=c.title,
            keywords=list(c.keywords),
            addressed_by=list(c.addressed_by),
            key=c.key,
            layers_total=layers_total(c),
            layers_disclosed=(ledger or {}).get("concerns", {}).get(c.id, 0),
            opened_by=c.opened_by,
        )
        for c in persona.concerns
    ]


def _could_accept(part: str, just_proposed: bool) -> bool:
    low = normalise(part)
    if acts.negated(low) or low.rstrip().endswith("?") or _WH_NO_MARK.match(low):
        return False
    return acts.accepts(part) or (just_proposed and acts.accepts_short(part))


def _signals(
    raw: str,
    label: _Label,
    act: str,
    index: int,
    count: int,
    previous: str,
    persona: Persona,
    said: Sequence[str],
    named: dict[str, float],
    just_proposed: bool,
) -> dict[str, Any]:
    """What the rules saw of a part, for the learned second opinion (see `act_model`)."""
    restated, shared = restates(raw, said)
    return {
        "rule": act,
        "pos": "only" if count == 1 else "first" if index == 0 else "last" if index == count - 1 else "mid",
        "prev": previous,
        "terms": bool(named),
        "restates": restated,
        "shared": min(len(shared), 4),
        "proposed": just_proposed,
        "topic": bool(route_topic(raw, persona)[0]),
        "fact": route_fact(raw, persona)[1] >= 3.5,
        "open_cue": bool(label.open_question_cue),
        "closed_cue": bool(label.closed_question_cue),
        "pressure_cue": bool(label.pressure),
        "summary_cue": "summary" in label.moves,
        "window": label.window,
        "said": bool(said),
    }


_TURNED_DOWN = re.compile(
    r"\b(?:(?:too|very|really|so|way|quite) (?:long|short|much|high|low|little|steep|many|few)|a lot|is a stretch|"
    r"(?:feels?|seems?) (?:high|low|steep|long|short|big|small)|"
    r"won'?t work|doesn'?t work|can'?t do|cannot do|not happening|no way)\b"
)

# "10 is way too low. we're growing fast, we should be at 15": the figure they think right, in place of theirs
_SHOULD_BE = re.compile(
    r"\b(?:should|ought to) be (?:at |more like |closer to |nearer )?(?:\$|£|€)?\d|\bsays? more like (?:\$|£|€)?\d"
)


def _standing_term(raw: str, persona: Persona, standing: dict[str, float], last: str) -> str | None:
    """The term on the table a part's one figure is ("90 is too long" when 90 days is on the table); of two with that
    figure, the one their last line named last ("$12M pre … a twelve percent pool": the pool)."""
    figures = quantities(raw)
    if len(figures) != 1:
        return None
    matches = [
        i for i in persona.issues if i.id in standing and _same_number(figures[0].value, standing[i.id])
    ]
    if len(matches) <= 1:
        return matches[0].id if matches else None
    low = last.lower()
    place = {i.id: max((low.rfind(k.lower()) for k in i.keywords), default=-1) for i in matches}
    best = max(matches, key=lambda i: place[i.id])
    return best.id if place[best.id] >= 0 else None


_MEET_HALF = re.compile(
    r"\b(?:meet (?:me|us|you|u) (?:half ?way|in the middle)|split (?:the|that|it|the diff\w*)|"
    r"(?:come|go|move|meet)(?: \w+)? half ?way|meet in the middle|half ?way (?:there|between us|on|towards?))\b"
)
_TODAYS = re.compile(r"\b(?:what|where) (?:i|we) (?:pay|have|get|make|earn)\b|\btoday'?s\b|\bcurrent\b")


_TO_YES = re.compile(
    r"\bwhat (?:would|will|does) it take\b[^?.!]{0,30}?\bto (?:sign|say yes|agree|accept|close|come down|move|budge|"
    r"give (?:me|us)|get (?:you|u) to|get there|make (?:it|this) work|do (?:it|this|the deal))\b"
)
_WHAT_THEY_GET = re.compile(
    r"^\W*(?:(?:and|so|plus|then|which means|means)\W+)*(?:(?:you|u)(?:'d|’d| would| will|'ll| ll)? "
    r"(?:get|keep|end up with)\b|that way (?:you|u|ur|your)\b|th(?:at|is) gives (?:you|u|your|ur)\b)"
)
_THEIR_GAIN = "what a deal would give them"


def _halfway_between(
    low: str,
    persona: Persona,
    standing: Mapping[str, float],
    ledger: Mapping[str, Any],
    before: Mapping[str, float],
) -> dict[str, float]:
    """The one term a figureless "split the difference" meets on, and the figure halfway between the counterpart's
    and the user's own last one (or today's, "halfway towards what I pay now")."""
    mine: dict[str, float] = {}
    for offer in ledger.get("offers") or []:
        if offer["by"] == "user":
            mine.update(offer["terms"])
    today = bool(_TODAYS.search(low))
    ends = {
        i.id: (standing[i.id], float(i.current or 0) if today else mine[i.id])
        for i in persona.issues
        if i.kind == "number"
        and i.id in standing
        and ((today and i.current is not None) or (not today and i.id in mine))
    }
    ends = {k: (a, b) for k, (a, b) in ends.items() if abs(a - b) > 1e-9}
    named = _issues_named(low, persona) or set(before)
    if named:
        ends = {k: v for k, v in ends.items() if k in named}
    if len(ends) > 1:  # "split the difference?" with a price and a volume apart: the price is what gets split
        ends = {k: v for k, v in ends.items() if "$" in persona.issue(k).unit}
    if len(ends) != 1:
        return {}
    key, (a, b) = next(iter(ends.items()))
    issue = persona.issue(key)
    middle = round((a + b) / 2, issue.decimals)
    return {key: middle} if issue.low <= middle <= issue.high else {}


def _same_term(raw: str, persona: Persona, issue_id: str) -> dict[str, float]:
    """The one bare figure in a part, as the term the part before it was about, when it fits that term's range."""
    figures = term_figures(raw)
    if len(figures) != 1 or figures[0].currency:
        return {}
    issue = persona.issue(issue_id)
    value = figures[0].value
    return {issue_id: value} if issue.low <= value <= issue.high and value != 0 else {}


def _checks_play_back(act: str, raw: str, parts: Sequence[dict[str, Any]]) -> bool:
    """A yes/no after a play-back in the same turn that asks them to confirm it ("…, did I get that right?")."""
    return (
        act == "closed_question"
        and any(p["act"] == "summary" for p in parts)
        and bool(_CHECK_TAG.match(normalise(raw)))
    )


# What a rehearser types that is not said to them: "*slides the spreadsheet across*", "[pause]", "[stepping out: is
# he deflecting?]", "(nervous laugh)". An asterisk span needs two words that start in lower case ("*really*" is
# emphasis, said).
_DIRECTION = re.compile(
    r"\*(?=[a-z])[^*\n]*\s[^*\n]*\*|\[[^\]\n]{1,200}\]|"
    r"\((?:\w+\s+){0,2}(?:laugh|sigh|pause|smile|nod|cough|grin|breath|beat|shrug|gulp|clears throat)\w*\)",
    re.I,
)


def _spoken(text: str) -> str:
    """The turn without its stage directions, blanked so every part keeps its place in the text."""
    return _DIRECTION.sub(lambda m: " " * len(m[0]), text)


_REALLY = re.compile(
    r"\s*(?:(?:oh|wait|hang on)\W+)?(?:really|rly|for real|is that right|is that so)\s*\?+\s*", re.I
)


def read_turn(
    persona: Persona,
    ledger: dict[str, Any],
    text: str,
    turns: Sequence[dict[str, Any]],
    collect: list[tuple[str, list[str], str]] | None = None,
    use_model: bool = True,
) -> dict[str, Any]:
    """The reading of one user turn: its parts and acts, and what the policy, coach and scorecard need of it.

    `collect`, when given, receives (part, features, the rules' act) for every part: what the act model is
    trained on. `use_model=False` reads with the rules alone.
    """

    def read_as(stand_in: str, **kept: Any) -> dict[str, Any]:
        # a turn read as a plainer one would be, with what was typed kept on its parts
        reading = _read(persona, ledger, stand_in, turns, collect, use_model)
        for part in reading["parts"]:
            part.update(text=text.strip(), **kept)
        return reading

    if _REALLY.fullmatch(text):
        # "really??" to what it just said: is that so? It is, and it says which point (not a new worry)
        last_said = next((t["text"] for t in reversed(turns) if t["role"] == "counterpart"), "")
        point = next((x for x in reversed(sentences(last_said)) if not x.rstrip().endswith("?")), "")
        if point:
            return read_as("is that so?", act="closed_question", really=point.strip(), doubt=True)
    if re.fullmatch(r"\s*\?+\s*", text):
        # a lone "?" after what it said: "sorry?", it lost them, so it says that again more plainly
        return read_as("sorry?")
    return _read(persona, ledger, text, turns, collect, use_model)


def _read(
    persona: Persona,
    ledger: dict[str, Any],
    text: str,
    turns: Sequence[dict[str, Any]],
    collect: list[tuple[str, list[str], str]] | None,
    use_model: bool,
) -> dict[str, Any]:
    if not text.strip():
        return {"parts": [], "acts": [], "moves": [], "primary": "other", "empty": True, "topic": None}
    if (spoken := _spoken(text)).strip() and re.search(r"\w", spoken):
        text = spoken  # "*unrolls the drawings* Could you show me which part?": the question is what was said
    said = _said_texts(turns)
    context = context_from(said)
    disclosed = [
        Disclosure(**d) for t in turns if t["role"] == "counterpart" for d in t.get("disclosures", [])
    ]
    vocab = _vocabulary(persona)
    standing = ledger.get("standing") or {}
    last_cp = next((t for t in reversed(turns) if t["role"] == "counterpart"), None)
    just_proposed = bool(last_cp and last_cp.get("terms") and len(turns) > 1)
    on_table = bool(persona.issues)  # its opening position is on the table from the first line
    earlier_questions = list(ledger.get("asked", []))
    parts: list[dict[str, Any]] = []
    pieces = split_parts(text)
    model = act_model.load() if use_model else None
    previous = "none"
    named_before: dict[str, float] = {}
    accepting = any(acts.accepts(p) or acts.accepts_short(p) for p in pieces)
    last_said = said[-1] if said else ""
    corrections = [
        puts_right(p, persona, standing, last_said) for p in pieces
    ]  # (once a piece: it may read terms)
    correcting = any(corrections)
    for index, raw in enumerate(pieces):
        label = _Label(raw, context)
        low_raw = normalise(raw)
        # read once, used below; a bare "6?" is the term the counterpart just spoke of
        named = read_terms(raw, persona.issues, standing, said[-1] if said else "") if persona.issues else {}
        if not named and persona.issues and _CLAIMS_SAID.search(low_raw):
            # "wait you offered 16.40 before": the figure they are said to have put, read as terms to check
            named = read_terms(
                _CLAIMS_SAID.sub(" ", low_raw), persona.issues, standing, said[-1] if said else ""
            )
        if (
            persona.issues
            and _MEET_HALF.search(low_raw)
            and not any(persona.issue(k).kind == "number" for k in named)
        ):
            # "split the difference?", "meet me halfway on the term": the figure between theirs and the user's own
            named = _halfway_between(low_raw, persona, standing, ledger, named_before) or named
        if (
            not named
            and persona.issues
            and len(named_before) == 1
            and "?" in raw
            and len(raw.split()) <= 5
            and (_proposes_as_question(normalise(raw)) or len(raw.split()) == 1)
        ):
            # "3% a year is a bit scary. could it be 2?": a bare figure after a part about one term is that term
            named = _same_term(raw, persona, next(iter(named_before)))
        elif (
            persona.issues
            and _FIGURE_PUT.match(raw)
            and (
                about := _standing_term(
                    pieces[index - 1] if index else "", persona, standing, said[-1] if said else ""
                )
            )
        ):
            # "12 is too much. 10.", "90 is too long. 75.": the figure put in place of the one just turned down
            named = _same_term(raw, persona, about) or named
        elif (
            index
            and persona.issues
            and len(term_figures(raw)) == 1
            and (
                _PROPOSE.search(normalise(raw))
                or _proposes_as_question(normalise(raw))
                or _SHOULD_BE.search(normalise(raw))
            )
            # ("15 means paying now for hires we won't make. would you take 10…": turned down in other words)
            and (
                _TURNED_DOWN.search(normalise(pieces[index - 1])) or (parts and parts[-1]["act"] == "reject")
            )
            and (
                about := _standing_term(pieces[index - 1], persona, standing, said[-1] if said else "")
                # "15 feels high for 8 people. My own math says more like 10 to 12": the one term it turned down
                or (next(iter(named_before)) if len(named_before) == 1 else None)
            )
            and about not in named
        ):
            # "8 is too long for our engineers. i can do 6, and …": the figure offered in place of the one turned down
            named = {k: v for k, v in named.items() if persona.issue(k).kind != "number"}
            named |= _same_term(raw, persona, about)
        if (
            named
            and ORDER_OF_TALK.search(normalise(raw))
            # ("I've got 30 mins, can we do penalties last?": the time they have is no figure of the terms)
            and not re.search(r"\d", re.sub(r"\b\d+\s*(?:mins?|minutes?|hours?|hrs?)\b", " ", raw))
        ):
            # "salary, then start date, then office days": the order of the talk, no terms put
            named = {}
        named_prev, named_before = named_before, named
        # (a play-back announced once runs on: "let me try to say it back. you've built … a cliff starting now
        # wipes out your 6 months … did i miss anything?")
        heralded = any(_announces_playback(p) for p in pieces[:index]) or any(
            # (the check typed without its question mark ends the turn: "… did i get that")
            ("?" in p or n == len(pieces) - 1) and _CHECK_TAG.match(normalise(p))
            for n, p in enumerate(pieces)
            if n > index
        )
        act, cue = _act(
            raw, label, persona, vocab, said, on_table, just_proposed, standing, named, accepting, heralded
        )
        if act == "statement" and not named and _VAGUE_ASK.search(low_raw):
            # "I was thinking somewhere in the high seventies": an ask, no figure
            act, cue = "offer", _ROUGH_FIGURE
        if act in ("summary", "statement") and _TOPIC_TURN.match(low_raw):
            act, cue = "statement", _RAISES_TOPIC  # "hey, so about the equity": not a play-back of anything
        elif act == "summary" and _WHAT_THEY_GET.match(low_raw):
            # "you'd get full racks and a queue you can plan", "that way ur scheduler can plan": what a deal would
            # give them, said to sell it, not a play-back of what they said
            act, cue = "statement", _THEIR_GAIN
        elif (
            act == "statement"
            and not named
            and "?" not in raw
            and _SAYS_MEANT.search(low_raw)
            # ("thats not what i meant ok what would make this feel fair to u": the question after it is asked)
            and not re.search(
                r"\b(?:what|how|why|when|where|which|who|would|could|can|right)\b",
                _SAYS_MEANT.sub(" ", low_raw),
            )
        ):
            cue = _MEANT  # "no, other way round, I meant I'm fine with the title": no threat, whatever the model reads
        if (
            act == "pressure"
            and acts.rival_quote_only(raw)
            and any(acts.FOUND_OUT.search(normalise(p)) for p in pieces[:index])
        ):
            # "so i did some homework tbh. two other roasters quoted me around 15": what they found out, shared
            act, cue = "statement", _SHARES_FOUND
        feats = act_model.features(
            raw, _signals(raw, label, act, index, len(pieces), previous, persona, said, named, just_proposed)
        )
        previous = act
        if collect is not None:
            collect.append((raw, feats, act))
        # "I'm asking for 40 percent…": terms put forward in so many words are an offer, whatever else it says.
        # "15.60?" alone to its own $15.60: is that really its number (no offer, no no)
        own_figure_asked = bool(
            len(pieces) == 1
            and _LONE_FIGURE_Q.fullmatch(low_raw)
            and named
            and _on_the_table(named, standing)
        )
        # "what happens if we dont sign by end of march then": asks what follows, threatens nothing
        asks_what_follows = bool(_WHAT_HAPPENS_IF.match(low_raw))
        if act == "pressure" and asks_what_follows:
            act, cue = "open_question", "asks what would follow"
        proposed = (
            act == "offer"
            and bool(
                _PROPOSE.search(low_raw)
                or _proposes_as_question(low_raw)
                or _TERM_COLON.match(low_raw)
                or _SHOULD_BE.search(low_raw)
                or _PUT_IN_WRITING.search(low_raw)
            )
            and bool(named)
        )
        if (
            model is not None
            and act not in _RULES_DECIDE
            and not proposed
            and cue
            not in (
                _REACTS,
                _RECEIVED,
                _NAMED_THING,
                _NAMES_FEELING,
                _FLUNG_BACK,
                _CLARIFIES,
                _HEARD_BACK,
                _ASKS_IF_SAID,
                _STARTS_OVER,
                _RAISES_TOPIC,
                _MEANT,
                _ROUGH_FIGURE,
                _THEIRS_SAID_BACK,
                _CLAIM_CUE,
                _CHITCHAT,
                _HOSPITALITY,
                _SAYS_GOODBYE,
                _CHECKS_A_SUM,
                _TERMS_SAID_BACK,
                _PRIVATE,
                _WHO_SIGNS_CUE,
                _ASKS_WHICH,
                _WORTH_ASKED,
                _WORKS_SUM,
                _POINT_AS_QUESTION,
                _SHARES_FOUND,
                PLEDGE_CUE,
                _NEXT_STEP_CUE,
            )
            and not (act == "thanks" and len(raw.split()) == 1)  # "yeah.", "huh.": a nod, wherever it sits
        ):
            second, _ = model.decide(feats, act)
            if act == "insult" and acts.SNEER.search(low_raw):
                second = act  # "thx for nothing i guess": a thanks in form only
            if (
                second == "foreign"
                and not acts.foreign_share(raw)
                and not re.search(r"[^\x00-\x7f’‘“”…—–]|\b(?:[jldcmnst]|qu)['’][a-z]", raw, re.I)
            ):
                second = act  # "at a loss?": plain English words, whatever the model makes of so few
            if second == "accept" and not _could_accept(raw, just_proposed):
                second = act  # a yes closes the deal: the model alone never reads one where no yes was said
            if (
                act == "accept"
                and second == "offer"
                and just_proposed
                and named
                and _on_the_table(named, standing)
            ):
                # "sure, we'll get it professionally cleaned and pay for it" to the one thing they just asked for:
                # their own terms said back with a yes take them
                second = act
            if second == "offer" and not named and act in QUESTION_ACTS and acts.defers(raw):
                second = act  # "can you give me til thursday to get finance to sign off": time, no terms
            if second == "pressure" and (asks_what_follows or _NOT_A_THREAT.search(low_raw)):
                # "I'd like to start with the September order, if that's ok", "penalty clauses, which I'm not going
                # to push today": the way through the conversation, or a push disowned
                second = act
            if act == "pressure" and acts.LOSES_THEM.search(low_raw):
                second = act  # "ur gonna lose one of ur biggest accounts over like 50 cents": a threat, however calm
            if second == "pressure" and acts.PREFERS_THEM.search(low_raw):
                # "another fund is looking at us too, but we'd rather do this with you": no threat
                second = act
            if (
                second in QUESTION_ACTS
                and "?" not in raw
                and re.match(
                    r"\W*(?:here'?s|heres|here is|this is|that'?s|thats) (?:what|how|where|why)\b", low_raw
                )
            ):
                second = act  # "here's what the one-pager would look like": shown, not asked
            if (
                second in QUESTION_ACTS
                and act in ("statement", "closed_question")
                and ("?" not in raw or acts.defers(raw))
                and _CHECK_ELSEWHERE.search(low_raw)
            ):
                second = act  # "need to check with engineering what a freeze would do": asked of someone else, later
            if second in QUESTION_ACTS and act == "statement" and "?" not in raw and acts.defers(raw):
                second = act  # "I'd like to get us both a coffee and think for a minute": a pause taken, not a question
            if (
                act == "summary"
                and cue == "so …"
                and second == "closed_question"
                and _SO_FORM.match(low_raw)
                and check_restatement(raw, said, disclosed, persona)["invented"]
            ):
                second = act  # "oh. so its really about you owning 25%?": a figure they never said, put right
            if (
                act == "statement"
                and second in QUESTION_ACTS
                and "?" not in raw
                and ORDER_OF_TALK.search(low_raw)
                and not _ASKS_WITHOUT_MARK.search(low_raw)
                and not re.search(r"\b(?:how|what|why|where|when|who)\b", low_raw)
            ):
                second = (
                    act  # "Let's go term by term: valuation first, then the pref": the order of the talk, set
                )
            if act == "closed_question" and second in ("reject", "offer") and own_figure_asked:
                second = act  # "15.60?" to its own $15.60: is that really the number (no, no offer)
            if (
                second in ("off_topic", "small_talk")
                and act == "statement"
                and re.search(
                    r"\b(?:(?:that|it) (?:was|is|'s) on me|that'?s on me|my (?:bad|fault)|out of line|came out wrong|"
                    r"i was wrong|that was (?:rude|harsh|uncalled for))\b",
                    low_raw,
                )
            ):
                second = (
                    act  # "sorry the last call got heated, that was on me": an apology for the talk itself
                )
            if second == "small_talk" and re.fullmatch(r"\W*(?:no+|nope|nah)\W*", low_raw):
                second = act  # "No!": a no, not chit-chat
            if act == "small_talk" and second in QUESTION_ACTS and not named:
                # "How's Boston treating ya, bit chilly this arvo?": asked, but only to be friendly
                second = act
            if second == "summary" and act == "offer" and named and _TRIAL_BALLOON.match(low_raw):
                second = act  # "Suppose nothing noisy before 9, two weeks instead of three?": terms floated
            if second == "summary" and _not_played_back(low_raw, "?" in raw):
                second = act
            if (
                second == "offer"
                and act == "statement"
                and "??" in raw
                and not _PROPOSE.search(low_raw)
                and not _COMMIT.search(low_raw)
            ):
                # "2.60 more a kilo??": their figure thrown back, nothing put forward
                second = act
            if (
                second == "reject"
                and (
                    act in QUESTION_ACTS
                    or re.match(r"\W*(?:btw|by the way|random(?:ly)?|unrelated|oh and)\b", low_raw)
                )
                and not named
                and not re.search(
                    r"\b(?:no|nope|nah|not|never|can'?t|cant|won'?t|wont|don'?t|dont|too|pass|nothing|worse|forget)\b|"
                    r"n't\b",
                    low_raw,
                )
            ):
                second = (
                    act  # "btw do u know if the vending machine on 2 is ever getting fixed": no "no" in it
                )
            if second == "reject" and re.match(
                r"\W*no (?:promises|guarantees|pressure|rush|worries)\b", low_raw
            ):
                second = act  # "I'll talk to my CEO about the penalties. no promises": a hedge, no "no" to the terms
            if (
                second == "insult"
                and act == "statement"
                and _FRANK.match(low_raw)
                and not _AT_THEM.search(_NOT_AIMED.sub(" ", low_raw))
            ):
                second = act  # "I'll level with you, it's not a great quote, but it's real": frank, aimed at nobody
            if second == "insult" and _NOT_THAT_TO_ME.search(low_raw):
                second = (
                    act  # "you're not my first hire, come on.": their fear denied, with feeling, not a jab
                )
            if second == "off_topic" and act == "fact_question" and route_fact(raw, persona)[0]:
                second = (
                    act  # "can I ask when the spring launch goes live, because…": a fact of theirs, asked
                )
            if second == "summary" and act == "closed_question" and _ANY_ROOM.search(low_raw):
                second = (
                    act  # "so I guess, and I totally understand if not, is there any flexibility at all?"
                )
            if (
                second == "fact_question"
                and act == "open_question"
                and label.window
                and _INDIRECT_WH.match(low_raw)
            ):
                second = (
                    act  # "I wonder what's worked with other customers in the same boat": asked as a thought
                )
            if second == "summary" and _HEARSAY.search(low_raw):
                # "someone told me the wine bar pays 4k": word from elsewhere, no play-back of theirs
                second = act
            if (
                second == "reject"
                and act == "offer"
                and named
                and re.match(r"\W*(?:and|plus|also|&|\+)\b", low_raw)
                and _on_the_table(named, standing)
            ):
                second = act  # "and no noisy work before 9": its own terms added to an offer, no "no" to them
            if (
                act == "accept"
                and second in QUESTION_ACTS
                and "?" not in raw
                and acts.accepts(raw, strong_only=True)
            ):
                second = (
                    act  # "if 5,000 is what it has to be, I guess we'll find a way": a yes, asking nothing
                )
            if act == "accept" and second == "statement" and acts.accepts(raw, strong_only=True):
                second = act  # "ok send me the term sheet" to the terms on the table: a yes in so many words
            if second == "reject" and act == "accept" and acts.BUT_YES.search(low_raw):
                # "160 is the very top of the band, but yeah, i can do 160": a grumble, then the yes
                second = act
            if second == "offer" and (
                not named
                and not _PROPOSE.search(normalise(raw))
                or _talks_about_terms(normalise(raw))
                or _point_not_terms(normalise(raw), named)
                or bool(_NOT_FOR_US.search(low_raw))  # "10 isnt something i can sign": turned down, not put
                # "i'll talk to our engineers about 8 wks and get back to u": taken away to ask about, not put
                or bool(_TAKE_IT_AWAY.search(low_raw))
                # "50/50 and no cliff is a lot to take in": their own terms said back, nobody putting anything
                or (named and _on_the_table(named, standing) and _BIG_ASK.search(low_raw))
                # "and net 15?": their own term asked about, nothing put in its place
                or (named and _on_the_table(named, standing) and bool(_AND_THEIRS_Q.match(low_raw)))
            ):
                second = (
                    act  # an offer puts something forward: not "ok", not "16.80 is a lot", not "why 50/50"
                )
            # no question mark, no wh-word, no question said without its mark: nothing is asked
            asks_nothing = (
                "?" not in raw
                and not re.search(r"\b(?:what|how|why|when|where|who|which|whats|hows|wat)\b", low_raw)
                and not _ASKS_WITHOUT_MARK.search(low_raw)
            )
            if (
                second in QUESTION_ACTS
                and act not in QUESTION_ACTS
                and act != "summary"
                and named
                and _COMMIT.search(low_raw)
                and asks_nothing
            ):
                second = act  # "we'd pay for your surveyor, so you have someone on your side": nothing asked
            if (
                act in QUESTION_ACTS
                and second == "statement"
                and raw.rstrip().endswith("?")
                and _ASKED_AFTER_THE_HEDGE.search(low_raw)
            ):
                # "i hate asking this, but could the night lead job be something for me?": a yes/no, asked
                second = "closed_question"
            if (
                second in QUESTION_ACTS
                and act == "statement"
                and "?" not in raw
                and parts
                and parts[-1]["act"] in ("fact_question", "closed_question")
                and _WHY_I_ASK.match(low_raw)
            ):
                # "how many accounts are you roasting for now? I'm trying to get a feel for how much weight we
                # carry": why it asked, not a second question
                second = act
            if (
                second in QUESTION_ACTS
                and act not in QUESTION_ACTS
                and asks_nothing
                and _NO_QUESTION_LEAD.match(low_raw)
            ):
                second = act  # "looking forward to having you on the team": a wish, nothing asked
            if (
                act == "pressure"
                and second in QUESTION_ACTS
                and (asks_nothing or ("?" not in raw and re.search(r"\bwe'?ll see (?:what|how)\b", low_raw)))
            ):
                # "You have to do better or we're done.", "we'll see what your boss says when he loses the
                # account": a threat, whatever came before it (a "what" in it asks nothing)
                second = act
            if (
                act == "pressure"
                and second in ("reject", "offer")
                and _OR_ELSE.search(low_raw)
                and acts.pressure(raw)
            ):
                second = act  # "12 or nothing", "12 months or the price goes back to 24k": the ultimatum is the point
            if act == "pressure" and re.search(acts.LOSS_PUT_TO_THEM, low_raw):
                second = act  # "so u dont care if u lose us": a play-back in form, a threat in fact
            if _checks_play_back(act, raw, parts):
                second = act  # "… did i get that": the check after a play-back asks them to confirm it
            if second != act:
                act, cue = second, _MODEL_CUES.get(second, "")
        if (
            act == "offer"
            and not quantities(raw)
            and _ISSUE_ALONE.match(low_raw)
            and any(p["act"] in QUESTION_ACTS for p in parts)
        ):
            # "what would make you whole. signing bonus? later start?": examples of an answer, not terms put
            act, cue = "closed_question", "names a term as an example"
        if (
            act == "offer"
            and named
            and standing
            and _on_the_table(named, standing)
            and (
                _WHY_THEIRS.search(low_raw)
                # "what about net 15, thats brutal for us in jan": its own term asked about, with what it costs
                or (_WHAT_ABOUT_THEIRS.match(low_raw) and _HARD_ON_US.search(low_raw))
            )
        ):
            # "what about the net 15 then, whats that about", "the net 15 thing, why": the reason for its own term,
            # asked (nothing put in its place)
            act, cue = "open_question", "asks why its own term"
        if (
            act == "statement"
            and named
            and parts
            and parts[-1]["act"] == "offer"
            and re.match(r"\W*(?:(?:but|and|plus)\s+)?(?:with|w/?)\s", low_raw)
        ):
            # "what if we order 4,000 a quarter firm. but with the penalty clause, 500 a day": terms added to it
            act, cue = "offer", "adds terms to the offer"
        conversion = (
            find_conversion(raw) if act in ("offer", "summary", "statement", "closed_question") else None
        )
        if (
            conversion
            and act == "offer"
            and (_PROPOSE.search(low_raw) or _PROPOSAL_START.match(low_raw) or _IF_WE.search(low_raw))
        ):
            conversion = (
                None  # "what if we gave u a firm 4,000 a quarter, so like 300 a week": terms put, converted
            )
        if conversion:
            # "15.80 a kilo, so about $6.50 a pound?", "76k a year is about $6,300 a month, right?": a figure worked
            # out in other units and checked (it says whether it holds), or their figure played back wrong (put
            # right); "we buy 60 kilos a week, so like 240 a month" and "4,000 a quarter, so roughly 1,300 a month"
            # stay what they were
            theirs = _their_figure(conversion.source, said, standing)
            checked = "?" in raw or bool(_SUM_TAG.search(low_raw))
            if checked and (conversion.holds or not theirs):
                act, cue = "closed_question", _CHECKS_A_SUM
            elif not conversion.holds and (theirs or act != "offer"):
                act, cue = "summary", _CONVERTS
        if (
            act in ("offer", "accept")
            and named
            and acts.IN_RETURN.search(normalise(raw))
            and _on_the_table(named, standing)
        ):
            act, cue = "reject", "one-sided"  # "6 months is a one way street, i need something back for that"
        if (
            act == "thanks"
            and len(pieces) == 1
            and just_proposed
            and re.fullmatch(r"\W*(?:of course|ofc|sure thing|absolutely|certainly|definitely)\W*", low_raw)
        ):
            act, cue = "accept", raw.strip()  # "of course" alone, to the terms they just put: a yes
        if (
            act in ("reject", "statement", "summary")
            and named
            and "?" not in raw
            and (
                corrections[index]
                # "wait, i never agreed to net 15. i said net 30 WITH the direct debit": what they did say, said again
                or (
                    correcting
                    and re.search(r"\b(?:i|we) (?:said|meant|offered|asked for|proposed)\b", low_raw)
                )
                # "… that isn't what I offered. The 20,400 is for search and content only": their own terms, no play-back
                or (correcting and act == "summary")
            )
            and not _on_the_table(named, standing)
        ):
            act, cue = (
                "offer",
                "their own terms, put right",
            )  # "no, i said 15.50 not 16.50": said again, rightly
        if act == "offer" and _JUST_ASKING.match(low_raw):
            act, cue = (
                "statement",
                "why they asked",
            )  # "just asking bc of the 5 yrs": the reason for a question
        part: dict[str, Any] = {"text": raw, "act": act, "cue": cue}
        if conversion and cue == _CHECKS_A_SUM:
            part.update(conversion=conversion.comes_to, holds=conversion.holds)
        if act in (*QUESTION_ACTS, "summary", "statement") and cue != _NEXT_STEP_CUE:
            topic = (
                route_in_context(
                    raw,
                    persona,
                    turns,
                    any(p.get("topic") or p.get("terms") for p in parts),
                    bool(parts and parts[-1].get("topic") and parts[-1]["act"] != "statement"),
                )
                if act != "statement"
                else route_topic(raw, persona)[0]
            )
            if (
                topic is None
                and act == "statement"
                and named
                and _on_the_table(named, standing)
                and _talks_about_terms(low_raw)
            ):
                # "50/50 makes no sense", "16.80 is a 20% jump!!!": an argument with their own figure is about what
                # that figure is there for
                topic = concern_behind(persona, named)
            if (
                topic is None
                and act in QUESTION_ACTS
                and parts
                and (parts[-1].get("terms") or named_prev)
                and _WHY_THAT.match(normalise(raw))
            ):
                # "and the net 15 thing, thats new too. whats going on there?": what the part before named
                topic = concern_behind(persona, parts[-1].get("terms") or named_prev)
            if cue == _FIGURE_FOR:
                # "18k for what though?": the worry whose line gave that figure (the other agency's quote), most recent
                figures = [q.value for q in quantities(raw)]
                concern_ids = {c.id for c in persona.concerns}
                owner = next(
                    (
                        d.item_id
                        for d in reversed(disclosed)
                        if d.item_id in concern_ids
                        and any(_same_number(f, q.value) for f in figures for q in quantities(d.text))
                    ),
                    None,
                )
                topic = owner or topic
            if (
                act in ("statement", "open_question")
                and _ORDER_LIST.search(normalise(raw))
                and not re.search(r"\d", raw)
            ):
                # "salary, then start date, then office days", "I'd like to hear your side first, then go through
                # price, payment terms and the length one at a time": named to order the talk, not argued or asked
                topic = None
            part["topic"] = topic
            low = normalise(raw)
            own = next((name for name, pattern in _WINDOWS if pattern.search(low)), None)
            if (
                own == "needs"
                and topic
                and re.search(r"\b(?:to|under|over|below|above)\s+[$£€]?\d[\d.,]*\s*(?:k|m)?\W*$", low)
                and route_topic(re.sub(r"[$£€]?\d[\d.,]*\s*(?:k|%|m)?", " ", raw), persona)[1] < 3
            ):
                # "what would it take to get you to 14": what they need to move to a figure, not the worry whose
                # line happened to carry that number
                part["topic"] = topic = None
            if own == "needs" and _TO_YES.search(low):
                # "what would it take for u to give me the role", "what would it take to come down from 16.80": what it
                # needs to say yes, not the worry a word of the question names
                part["to_yes"] = True
            # The evaluator's broad window cues ("before", "what's driving") yield to a named topic.
            part["window"] = own or (
                label.window if not topic or label.window in ("concerns", "tell_me_about") else None
            )
            # "wait, 4 months? what happens after that?": after the time they just named, not after this meeting
            after_their_time = (
                part["window"] == "first_step"
                and index > 0
                and bool(re.search(r"\bafter (?:that|then)\b", low))
                and bool(quantities(pieces[index - 1]))
            )
            if after_their_time:
                part["window"] = None
            reason = not own and bool(_REASON.search(low))
            if reason:
                part["reason"] = True
                part["window"] = None  # "what's driving it?" asks for the reason behind their ask, not a need
                if topic is None and named:
                    # "what's behind the 5k?": the concern their figure is there to answer
                    part["topic"] = topic = concern_behind(persona, named)
            part["tell_me_more"] = bool(label.tell_me_more) or bool(_GO_ON.match(low))
            # "what does steady mean?" asks about the word they just used: the thing they were talking about.
            echoes = bool(said) and bool(content_stems(raw) & content_stems(said[-1]) - _QUESTION_WORDS)
            # "so whats the concern exactly", "why worry about that": the worry just voiced, not a new one
            about_that = part["window"] == "concerns" and not own and bool(_THAT_ONE.search(low))
            part["refers_back"] = (
                bool(_REFERS_BACK.search(low))
                or after_their_time
                or reason
                or about_that
                or (topic is None and (echoes or quoted_line(raw, turns) is not None))
            )
            set_aside = _set_aside(low, persona) if act in QUESTION_ACTS else None
            if _OTHER_WORRIES.search(low_raw) or (set_aside and part["topic"] in (None, set_aside)):
                # "are there other things that worry you?", "what else matters besides the base?": another worry,
                # not more on the one just voiced
                part.update(topic=None, window="concerns", refers_back=False)
                topic = None
            bare = not content_stems(raw) - _QUESTION_WORDS and len(raw.split()) <= 5
            if (
                topic is None
                and act == "open_question"
                and not reason
                and part["window"] in (None, "tell_me_about", "concerns")
                and (part["refers_back"] or part["tell_me_more"] or (bare and part["window"] is None))
            ):
                part["on_thread"] = True  # "why?", "on what?": the thing the conversation is on just now
        if (
            act == "open_question"
            and index == len(pieces) - 1
            and not any(p["act"] in QUESTION_ACTS for p in parts)
            and (alone := _issue_alone(low_raw, persona))
        ):
            part["issue"] = alone  # "rent?": where it stands on the rent
        if act == "fact_question":
            part["fact"] = route_fact(raw, persona)[0]
            if _PRIVATE_ASK.search(normalise(raw)):
                part["private"] = True
            # "something you lose when you leave?": a guess at the answer, not a wh-question about a fact
            part["guess"] = not _WH_START.match(normalise(raw))
        if act == "closed_question" and _DOUBTS.match(doubted := normalise(raw)):
            # "is it really 30%?", "u sure?": what they told us, doubted ("is that really …": what they just said)
            part["doubt"] = "that" if re.search(r"\b(?:is|was) (?:that|this|it) really\b", doubted) else True
        if (
            act in ("statement", "small_talk", "closed_question", "summary")
            and not named
            and _GUESS.search(low_raw)
            and (guessed := route_topic(_GUESS.sub(" ", raw), persona)[0])
            and (act != "summary" or not ledger.get("concerns", {}).get(guessed))
        ):
            # "I bet the property tax went up", "let me guess, you want to sell the building", "is that about us paying
            # late?": a guess at what is behind it, named; it is answered as a yes/no on that worry ("so you must have a
            # budget cap" before any cap was mentioned is a guess, not a play-back)
            part["guessed"] = guessed
            if act == "summary":
                part.update(act="statement", cue="a guess at what is behind it")
        elif (
            act in ("statement", "fact_question", "open_question")
            and not named
            and re.match(
                r"\W*(?:(?:ok|so|and|but|come on|cmon|hmm+|well|look)\W+){0,2}(?:i'?m guessing|im guessing|"
                r"my guess is|i'?d guess)\b",
                low_raw,
            )
            and _AT_THEM.search(low_raw)
            # ("16.80 doesnt work for me. let me guess, …": the no is what is answered; "who builds the routes? I'm
            # guessing that's on your list too": the question is)
            and not any(p["act"] in ("offer", "reject", "accept", *QUESTION_ACTS) for p in parts)
            and not re.search(r"\b(?:what|how|why|who|which)\b", low_raw)
        ):
            # "Come on. I'm guessing you've just taken on a bigger customer": a guess at them, to be said yes or no to
            act = part["act"] = "closed_question"
            part["cue"] = "a guess at them"
        if act == "closed_question" and cue == _ASKS_WHICH:
            # "what matters more to u, the rent or how long the lease is": the terms weighed against each other
            part["which"] = issues_named(normalise(raw), persona.issues)
        if act == "closed_question" and own_figure_asked:
            part["own_figure"] = sorted(named)  # "15.60?" to its own $15.60: is that really its number
        if corrections[index]:
            part["puts_right"] = True  # "no no, i said SIXTY not sixteen": what they said, put right
            if (
                named
                and len(named) == 1
                # a claim about what was said ("no I said 158, not 160") can be misremembered; "sorry i meant 15.80
                # not 15.60" owns the 15.60 it said
                and re.search(r"\b(?:i|we) (?:said|offered|asked for|proposed|wrote|typed)\b", low_raw)
                and (instead := _figure_put_aside(raw, named)) is not None
            ):
                part["not"] = instead  # the 160, on the same term
        if act == "statement" and (_DEMANDS.search(raw.lower()) or _WANTS_IT.match(normalise(raw))):
            # "my CEO wants penalty clauses in the next contract": a demand put on them; "so i want the night lead
            # role": the user's own, said straight out
            part["demand"] = True
        starts_with = re.search(
            r"\b(?:start|begin|kick off|open) with\b|\bfirst\b|"
            r"\b(?:and|let'?s|lets) (?:just )?(?:do|talk about|go to|move to|move on to|focus on)\b",
            normalise(raw),
        )
        if (
            act == "closed_question"
            and part.get("topic")
            and ORDER_OF_TALK.search(normalise(raw))
            and starts_with
            and not acts.defers(raw)
        ):
            part["agenda"] = True  # "can we start with the wall?": talk about that, then
        if act == "closed_question" and (
            _LEAVE.search(normalise(raw))
            # "can we do penalties last?", "can we park the pool?": yes, and it leaves that be
            or (ORDER_OF_TALK.search(normalise(raw)) and not (part.get("topic") and starts_with))
        ):
            part["leave"] = (
                True  # "is it ok if I ask a few things first?": asks leave to go on, not a yes/no fact
            )
        if act in QUESTION_ACTS and "?" not in raw and _NUDGE.search(raw):
            part["nudge"] = (
                True  # "I'd rather hear it from you now than later": it urges an answer, asks nothing new
            )
        if act in QUESTION_ACTS:
            part["repeat"] = not label.tell_me_more and _near_duplicate(raw, earlier_questions)
            part["why_figure"] = figures_asked_why(raw, persona, turns)  # "why 8 and not 3?"
        if act in QUESTION_ACTS and _SAY_AGAIN.search(normalise(raw)) and said:
            part["again"] = _said_again(raw, said)  # "sorry, say that again? the kettle was loud"
        if persona.issues and _TERMS_AGAIN.search(low_raw):
            # "remind me what u said for the rent again?": its terms, said again (those named, or all of them)
            # ("wait is it 162 or 165": the term whose figure is asked about)
            part["terms_again"] = issues_named(raw, persona.issues) or sorted(named)
            if act == "summary":
                # ("so remind me what u said for the rent": asked, not played back)
                act = part["act"] = "open_question"
        if cue == _CLARIFIES:
            part["clarify"] = _their_line_with(raw, said, standing, persona)
        if (
            act == "statement"
            and part.get("topic")
            and said
            and _VALIDATES.search(" ".join(pieces[index : index + 2]))
            and len(restates(_VALIDATES.sub(" ", raw), said)[1]) >= 2
        ):
            # "Saturday nights in the roastery because of our swings. That sounds exhausting": their own words
            # played back with the weight they carry, a summary however it opens
            act = part["act"] = "summary"
            part["cue"] = _WITH_FEELING
        if act == "summary":
            # "so its ur fund's rules. great": the play-back with its sneer after it is checked as one
            after = pieces[index + 1] if index + 1 < len(pieces) else ""
            # (only after bad news played back: "so the freeze lifts in July. great." is glad)
            sneer = ". great" if _SNEER.match(normalise(after)) and acts.negated(normalise(raw)) else ""
            before = pieces[index - 1] if index else ""
            part.update(check_restatement(raw + sneer, said, disclosed, persona, before))
            dismissed = _DISMISSES.search(low_raw)
            topic_id = part.get("topic")
            if (
                dismissed
                # (in so many words only a claim of what they said: "it doesnt have to be 20 from us" plays back
                # "I asked for twenty to have some room"; "so ur fine with the scaffolding then" is one anywhere)
                and (cue == _CLAIM_CUE or dismissed.group("word2"))
                and part.get("faithful")
                and topic_id
                and any(c.id == topic_id for c in persona.concerns)
                and not any(re.search(r"\b" + _dismissal_word(dismissed) + r"\b", x.lower()) for x in said)
            ):
                # "i thought u said everything upstairs was fine?", "so ur fine with the scaffolding then": a worry
                # it raised, played back as no worry at all, is put right with the worry
                part.update(
                    faithful=False,
                    invented=[dismissed.group(0)],
                    correction=persona.concern(topic_id).surface,
                )
            if (
                cue == _CLAIM_CUE
                and not named
                and part.get("faithful")
                and (put := _PUT_CLAIM.search(low_raw))
            ):
                # "you promised september 15 last week": a figure it is said to have promised is one it said aloud
                # (not one from the brief, where the play-back of its words may find it)
                heard = [q.value for line in said for q in quantities(line)]
                heard += [
                    float(d) for line in said for d in re.findall(r"\d+(?:\.\d+)?", line.replace(",", ""))
                ]
                unsaid = [
                    d
                    for d in re.findall(r"\d+(?:\.\d+)?", raw.replace(",", ""))
                    if not any(_same_number(float(d), v) for v in heard)
                ]
                if unsaid:
                    did = _CLAIMED_VERB.get(put.group(0).split()[0], "said")
                    part.update(faithful=False, invented=unsaid, correction=f"I never {did} that.")
            if cue == _CLAIM_CUE and named:
                # (said, not put: "you said earlier it's 40 to 75" holds when its words hold)
                put_claim = bool(_PUT_CLAIM.search(low_raw))
                if not (part.get("faithful") and not put_claim):
                    # (a figure named in passing is no offer: "Forty-five I can think about")
                    part.update(_check_claim(named, persona, ledger, [] if put_claim else said))
        if act in ("offer", "accept"):
            part["terms"] = dict(named)
        elif act == "reject":
            # what the no turns down ("16.80 is nuts"): shown and kept, never taken as terms put forward
            part["terms"] = (
                rejected_terms(
                    raw,
                    persona.issues,
                    standing,
                    said[-1] if said else "",
                    last_cp.get("terms") if last_cp else None,
                )
                if persona.issues
                else {}
            )
        elif act == "summary" and named and accepting:
            # "so 76 after a 60 day trial, handover plan. deal?": the terms said yes to
            part["terms"] = dict(named)
        if _checks_play_back(act, raw, parts):
            part["check"] = True  # "…, did I get that right?": it asks them to confirm the summary before it
        parts.append(part)
    _inherit_topics(parts, persona)
    for part, check in zip(parts, parts[1:], strict=False):
        # "so 4600, 3 yrs, deliveries at 7. that work?": the user's own terms, listed and asked if they will do
        # (not "so 4700 and 3 years, right?": a play-back checked)
        if part["act"] == "summary" and persona.issues and _WILL_IT_DO.match(normalise(check["text"])):
            listed = read_terms(part["text"], persona.issues, standing, last_said)
            if listed:
                for key in ("faithful", "covered", "invented", "topic"):
                    part.pop(key, None)
                if _on_the_table(listed, standing):
                    # "so 4700, 3 yrs, deliveries at 7. that work?" to its own 4,700: its terms, taken
                    part.update(act="accept", cue="takes its terms and asks if that is it", terms=listed)
                else:
                    part.update(act="offer", cue="puts terms and asks if they will do", terms=listed)
    if (
        len(parts) > 1
        and parts[0]["act"] == "reject"
        and re.fullmatch(r"\W*(?:no+|nope|nah)\W*", parts[0]["text"].lower())
        and any(acts.APOLOGY.search(normalise(p["text"])) for p in parts[1:])
    ):
        # "no. sorry. that was rude … can we start over" to "Well? Are we done?": a no to ending it, then the apology
        parts[0].update(act="statement", cue="answers no")
        parts[0].pop("terms", None)
    offers = ledger.get("offers") or []
    if (
        len(parts) == 1
        and parts[0]["act"] == "closed_question"
        and _SHAKE_ON_IT.match(normalise(parts[0]["text"]))
        and offers
        and offers[-1]["by"] == "user"
    ):
        # "deal?" after their own offer, not yet answered with a yes: the same offer, put again for an answer
        parts[0].update(act="offer", cue="asks a yes to its own offer", terms=dict(offers[-1]["terms"]))
    if (
        parts
        and parts[0]["act"] == "accept"
        and _NOD_OK.match(normalise(parts[0]["text"]))
        and any(
            (p["act"] in QUESTION_ACTS and p.get("window") != "first_step")
            # "Ok. just so I understand, ur main driver is the money?": a nod before playing back their reasons
            or (p["act"] == "summary" and not quantities(p["text"]))
            for p in parts[1:]
        )
    ):
        # "ok. sorry just to be clear, is the other one a real offer?": "ok" takes in what was said before a
        # question about it; it is no yes to the terms
        parts[0]["act"], parts[0]["cue"] = "thanks", parts[0]["text"].strip()
        parts[0].pop("terms", None)
    for nod, owned in zip(parts, parts[1:], strict=False):
        if (
            nod["act"] == "accept"
            and not nod.get("terms")
            and len(nod["text"].split()) <= 2
            and _OWNS_UP.match(normalise(owned["text"]))
        ):
            # "oh. yeah. I did. I'm sorry, I got excited on the call": yes to what they said of us, no yes to terms
            nod["act"], nod["cue"] = "thanks", nod["text"].strip()
            nod.pop("terms", None)
    for prev, part in zip(parts, parts[1:], strict=False):
        # "omg they finally have the pistachio croissants back. want half?": a short yes/no after chit-chat, about
        # nothing of the negotiation, is more chit-chat
        if (
            prev["act"] == "small_talk"
            and part["act"] == "closed_question"
            and not part.get("topic")
            and len(part["text"].split()) <= 4
            and all(p["act"] in ("small_talk", "thanks", "closed_question") for p in parts)
            and not quantities(part["text"])
        ):
            part["act"], part["cue"] = "small_talk", "small talk"
    on_thread = [p.pop("on_thread", False) for p in parts]
    if any(on_thread) and not any(p.get("topic") for p in parts):
        thread = thread_topic(persona, turns)
        for part, wants in zip(parts, on_thread, strict=True):
            if wants and thread:
                part.update(topic=thread, refers_back=True)
    if _MORE_TO_COME.search(normalise(last_said)):
        for part in parts:
            if part["act"] == "open_question" and (
                _GO_ON.match(normalise(part["text"]))
                or _GO_ON_BARE.fullmatch(part["text"])
                or _THE_OTHER.search(part["text"])
            ):
                # "And no, it isn't the only thing." — "go on": asks for the other thing, not more of the last one
                part.update(topic=None, window="concerns", refers_back=False)
    for i, part in enumerate(parts):
        # "ok. 15.60, 60 a week, DD, 12 months. deal": the terms beside a bare yes are what it says yes to
        beside = parts[max(0, i - 1) : i] + parts[i + 1 : i + 2]
        bare_figure = bool(re.fullmatch(r"\W*[$£€]?[\d.,]+\s*k?\W*", part["text"]))
        if (
            (part["act"] == "offer" or (part["act"] == "reject" and bare_figure))
            and part.get("terms")
            and standing
            and any(
                (b["act"] == "accept" and len(b["text"].split()) <= 3)
                # "yay!! ok so $4,550/mo, 5 yrs": their terms after a cheer
                # (not "Yes. 16.80 and net 15. Are you serious?": disbelief, asked)
                or (
                    b is parts[i - 1]
                    and b["act"] == "thanks"
                    and _GLAD_YES.fullmatch(normalise(b["text"]))
                    and not any("?" in p["text"] for p in parts[i:])
                )
                # "ugh fine. 157.": their own figure, beside a grudging yes
                or (
                    bare_figure
                    and b["act"] in ("thanks", "statement")
                    and _YES_BESIDE.search(normalise(b["text"]))
                )
                for b in beside
            )
            and all(_not_worse_for_them(persona, k, v, standing) for k, v in part["terms"].items())
        ):
            part.update(act="accept", cue="accepts what is on the table")
        elif (
            part["act"] == "summary"
            and standing
            and i > 0
            and _GLAD_YES.fullmatch(normalise(parts[i - 1]["text"]))
            and len(read_back := read_terms(part["text"], persona.issues, standing, "")) >= 2
            and _on_the_table(read_back, standing)
        ):
            # "yay!! ok so $4,550/mo, 5 yrs, +3% p.a.": their yes, cheered, then its terms read back to seal it
            part.update(act="accept", cue="accepts what is on the table", terms=read_back)
    for head, question in zip(parts, parts[1:], strict=False):
        # "then the board seat — is that a dealbreaker?": the term named is what the question asks about, not a
        # seat put forward
        if (
            head["act"] == "offer"
            and head.get("terms")
            and not quantities(head["text"])
            and len(head["text"].split()) <= 5
            and _NAMES_A_THING.match(normalise(head["text"]))
            and question["act"] in QUESTION_ACTS
            and _ABOUT_THAT_Q.match(normalise(question["text"]))
        ):
            head.update(act="statement", cue="names what the question is about", terms={})
    for n, part in enumerate(parts):
        # "i can do 15.40. how does that land?": their view of the terms just put, asked (a yes or no to them),
        # not an open question to answer with a worry instead
        if (
            part["act"] == "open_question"
            and _VIEW_OF_IT.match(normalise(part["text"]))
            and any(p["act"] == "offer" for p in parts[:n])
        ):
            part.update(act="closed_question", cue="asks what they make of it", topic=None)
    for part, next_part in zip(parts, parts[1:], strict=False):
        if part["act"] in ("offer", "accept") and _TAKE_BACK.match(next_part["text"]):
            # said, then taken back: it stays what it was, but puts nothing forward ("no wait, 14.80" puts 14.80).
            # A correction that names a term takes back only that term: "net 15 then, but at 15.50. no wait, 15.40."
            # still puts net 15.
            kept = {
                k: v for k, v in (part.get("terms") or {}).items() if k not in (next_part.get("terms") or {})
            }
            if next_part.get("terms") and kept:
                part.update(terms=kept)
            else:
                part.update(withdrawn=True, terms={})
    _mark_options(parts, persona, standing)
    _pick_option(parts, ledger.get("options") or [])
    if acts.defers(text):
        # "ok. I'll come back Tuesday with the drawing": an ok that puts the decision off is not a yes.
        for part in parts:
            if part["act"] == "accept" and not acts.accepts(part["text"], strong_only=True):
                part.update(act="thanks", cue="puts the decision off")
            elif (
                part["act"] == "offer"
                and part.get("terms")
                and standing
                and _on_the_table(part["terms"], standing)
                and len(part["text"].split()) <= 3
            ):
                # "15.80. hm. ok. can I think about it overnight?": their own figure said back while thinking it over
                part.update(act="statement", cue="puts the decision off", terms={})
    return summarise_parts(persona, ledger, text, parts, context, disclosed)


_ANOTHER_OPTION = re.compile(
    r"^\W*(?:or\b|(?:option|plan|package)\s*(?:\d|[ab]\b|one|two|three)|\(?[ab2][:)]|[bc]\s+(?=[$£€]?\d))",
    re.IGNORECASE,
)


# "option 2: same thing on 6 months", "or the same but net 30": the package before it, with one thing changed
_SAME_BUT = re.compile(
    r"^\W*(?:(?:or|and)\s+)?(?:" + CHOICE_WORD + r"\s*#?\s*\w+\s*[:)\-]?\s*|\(?[b-c2-3][:)]\s*)?(?:the\s+)?"
    r"same\s+(?:thing|deal|terms|package|again|but|as\s+(?:a|1|one|the\s+first|above|before))\b",
    re.I,
)
# One of the packages put side by side before, picked by its name: "B works if we keep net 30", "option 2 then",
# "the second one", "A please", "lets go with the first"
_PICK_TAIL = r"\s*(?:works|then|it is|please|for me|is fine|is good|sounds|suits|if|with|but|and|[,.!]|$)"
_PICKED = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|then|fine|right|yeah|yes|alright|hmm+|well|actually)\W+)*(?:(?:i'?ll|we'?ll|i'?d|we'?d|let'?s|lets|"
    r"i|we) (?:take|go with|go for|pick|choose|prefer|do|stick with)\s+)?(?:"
    r"(?:the\s+)?" + CHOICE_WORD + r"\s*#?\s*(?P<named>[abc123]|one|two|three|first|second|third|last)\b|"
    r"the (?P<ordinal>first|second|third|last|latter|former)(?: one| option| package)?\b(?="
    + _PICK_TAIL
    + r")|"
    r"(?P<letter>[ABC])\b(?=" + _PICK_TAIL + r")|(?P<alone>[abc])\W*$)"
    r"(?!\s*(?:%|percent|k\b|\.\d|,\d|months?|years?|weeks?|days?|kilos?|kg|units?|per\b|pre\b|post\b))"
)
_OPTION_INDEX = {
    "a": 0, "1": 0, "one": 0, "first": 0, "former": 0,
    "b": 1, "2": 1, "two": 1, "second": 1,
    "c": 2, "3": 2, "three": 2, "third": 2,
    "last": -1, "latter": -1,
}  # fmt: skip


def _pick_option(parts: list[dict[str, Any]], options: Sequence[dict[str, float]]) -> None:
    """A part that picks one of the packages the user put side by side earlier ("B works if we keep net 30") puts
    that package forward again, with what the part itself adds or changes (net 30)."""
    if len(options) < 2:
        return
    for part in parts:
        if part.get("option") or part["act"] not in (
            "offer",
            "accept",
            "statement",
            "thanks",
            "open_question",
            "unclear",  # ("b" alone is no word, but after two options it names one)
        ):
            continue
        picked = _PICKED.match(part["text"])
        if not picked:
            continue
        label = (picked["named"] or picked["ordinal"] or picked["letter"] or picked["alone"] or "").lower()
        index = _OPTION_INDEX.get(label)
        if index is None or index >= len(options):
            continue
        part.update(
            act="offer", cue="picks one of the options", terms={**options[index], **(part.get("terms") or {})}
        )


_WHICH_ONE = re.compile(
    r"^\W*(?:(?:so|and|ok|okay|then)\W+)*(?:which|what)(?: one| option| package| of (?:the|these|those|them)(?: \w+)?)?"
    r"(?:'s| is| would| do| does| works?| suits?|\b)[^?]{0,40}?(?:works?|suits?|better|prefer|rather|best|easier|pick|"
    r"choose|go for|like)\b|^\W*(?:pick|choose) one\b|^\W*(?:which|what) (?:one|option)\W*$|"
    r"^\W*(?:(?:so|and|ok|okay|then)\W+)*(?:(?:it'?s |its )?(?:your|ur|yr) (?:call|choice|pick)|(?:you|u) (?:choose|pick|decide)|"
    r"up to (?:you|u))\W*$|^\W*which\W*$"
)


def _mark_options(parts: list[dict[str, Any]], persona: Persona, standing: dict[str, float]) -> None:
    """Two packages put side by side ("4300 on the 1 year, or 4400 on 3 years. which one?"): each offer part is an
    option (numbered from 1), for the counterpart to choose between, not one offer with the later figures winning."""
    for head, part in zip(parts, parts[1:], strict=False):
        if (
            head["act"] == "statement"
            and part["act"] == "offer"
            and part.get("terms")
            and _ANOTHER_OPTION.match(part["text"])
            and (named := read_terms(head["text"], persona.issues, standing, ""))
        ):
            # "2 options for u: 4300 on the 1 year u offered" before "or 4400 on 3 years": the first of them
            head.update(act="offer", terms=named, cue="puts two packages side by side")
    offered = [p for p in parts if p["act"] == "offer" and p.get("terms")]
    if len(offered) < 2 or not any(_ANOTHER_OPTION.match(p["text"]) for p in offered[1:]):
        return
    clash = any(
        k in b["terms"] and abs(b["terms"][k] - v) > 1e-9
        for i, a in enumerate(offered)
        for b in offered[i + 1 :]
        for k, v in a["terms"].items()
    )
    if clash:
        for n, part in enumerate(offered, 1):
            part["option"] = n
            if n > 1 and _SAME_BUT.match(part["text"]):
                # "option 2: same thing on 6 months": the one before, with what this one changes
                part["terms"] = {**offered[n - 2]["terms"], **part["terms"]}
        for part in parts[parts.index(offered[-1]) + 1 :]:
            if part["act"] in (*QUESTION_ACTS, "statement") and _WHICH_ONE.match(normalise(part["text"])):
                # "which one works for you?": the choice asked for, which weighing the options answers
                part.update(act="closed_question", cue="asks which option", topic=None, window=None)


def summarise_parts(
    persona: Persona,
    ledger: dict[str, Any],
    text: str,
    parts: list[dict[str, Any]],
    context: str,
    disclosed: Sequence[Disclosure],
) -> dict[str, Any]:
    """The turn-level view of the parts: legacy move labels for the scorecard, and the policy's inputs."""
    # an offer taken back in the same breath is no offer to answer (its part keeps its act for the scorecard)
    act_list = list(dict.fromkeys(p["act"] for p in parts if not p.get("withdrawn")))
    whole = label_turn(text, context)
    moves: list[str] = []
    if "open_question" in act_list:
        moves.append("open_question")
    if "closed_question" in act_list or "fact_question" in act_list:
        moves.append("closed_question")
    if "summary" in act_list:
        moves.append("summary")
    offers = [p for p in parts if p["act"] == "offer" and not p.get("withdrawn")]
    terms: dict[str, float] = {}
    yes = any(p["act"] == "accept" and not p.get("withdrawn") for p in parts)
    for p in parts:
        if (p["act"] in ("offer", "accept") or (yes and p["act"] == "summary")) and not p.get("option"):
            terms.update(p.get("terms") or {})
    options = [dict(p["terms"]) for p in parts if p.get("option")]
    if options:
        terms.update(options[-1])  # (the policy chooses between them: see `options` below)
    ask_info = None
    if offers:
        offer_text = " ".join(p["text"] for p in parts if p["act"] in ("offer", "statement", "summary"))
        check = check_ask(offer_text, concern_infos(persona, ledger))
        # ("- 5 yr lease - 4,500/month. u get a long lease for the bank": a list of terms has no request cue for the
        # evaluator, but what the deal would give them is said in its own part)
        benefit = (
            bool(check.benefit)
            or "benefit_ask" in whole.moves
            or any(
                p["act"] in ("statement", "summary") and _WHAT_THEY_GET.match(normalise(p["text"]))
                for p in parts
            )
        )
        ask_info = {
            "concrete": bool(terms) or check.concrete,
            "benefit": benefit and bool(terms or check.concrete),
            "terms": list(check.terms),
            "addressed": list(check.addressed),
        }
        if ask_info["benefit"] and ask_info["concrete"]:
            moves.append("benefit_ask")
    moves = [m for m in ("open_question", "closed_question", "summary", "benefit_ask") if m in moves]
    priority = ("benefit_ask", "summary", "open_question", "closed_question")
    primary = next((m for m in priority if m in moves), "other")
    questions = [p for p in parts if p["act"] in QUESTION_ACTS]
    summaries = [p for p in parts if p["act"] == "summary"]
    topic = next((p.get("topic") for p in reversed(questions) if p.get("topic")), None) or next(
        (p.get("topic") for p in summaries if p.get("topic")), None
    )
    evidence: dict[str, str] = {}
    for p in parts:
        key = {"fact_question": "closed_question", "offer": "ask"}.get(p["act"], p["act"])
        if p.get("cue") and key not in evidence:
            evidence[key] = p["cue"]
    is_ask = bool(offers)
    reading: dict[str, Any] = {
        "parts": parts,
        "acts": act_list,
        "moves": moves,
        "primary": primary,
        "window": next((p.get("window") for p in questions if p.get("window")), None),
        "tell_me_more": any(p.get("tell_me_more") for p in questions),
        "is_ask": is_ask,
        "bare_ask": is_ask and not (ask_info or {}).get("benefit"),
        "pressure": "pressure" in act_list,
        "evidence": evidence,
        "topic": topic,
        "premature": is_ask and not any(ledger.get("concerns", {}).values()),
        "greeting": act_list == ["small_talk"],
        "empty": False,
        "terms": terms,
        "apology": bool(acts.APOLOGY.search(normalise(text))),
        # Terms put forward as the user's own ("I can do the 6 months", "3 at 12 … signed"), not asked about or
        # complained of ("so why 50/50", "16.80 is a lot"): only these can take the counterpart's proposal.
        "commits": any(p["act"] in ("offer", "accept") and _commits(p["text"]) for p in parts)
        or _yes_beside_terms(parts),
        "strong_yes": acts.accepts(
            text, strong_only=True
        ),  # "deal", "signed", "let's do it": a yes in so many words
    }
    if options:
        reading["options"] = (
            options  # packages side by side: the counterpart weighs each and takes the best for it
        )
    if summaries:
        faithful = all(p.get("faithful") for p in summaries)
        covered = list(dict.fromkeys(c for p in summaries for c in p.get("covered", [])))
        invented = [n for p in summaries for n in p.get("invented", [])]
        reading["summary"] = {
            "faithful": faithful,
            "covered": covered,
            "invented": invented,
            "coverage": round(len(covered) / max(1, len({d.item_id for d in disclosed})), 3),
            "correction": next((p["correction"] for p in summaries if not p.get("faithful")), ""),
            "text": " ".join(p["text"] for p in summaries),
            # "that sounds exhausting", "i hear u, u feel like the scapegoat": how it feels for them, named
            "feeling": any(
                p.get("cue") in (_NAMES_FEELING, _WITH_FEELING) or FEELING_LABEL.match(normalise(p["text"]))
                for p in summaries
            ),
        }
    if ask_info:
        reading["ask"] = ask_info
    return reading
