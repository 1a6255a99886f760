"""Reading offers in free-typed turns: the negotiable terms the numbers and words of a turn name.

The numbers themselves are read by simulator.quantities; this module ties them to a persona's issues.
Readings chosen where a phrasing is ambiguous:
- a range ("55-60kg") gives the end the user (the speaker) prefers: the part they committed to;
- a percentage change on a percent issue is in points ("2% more pool" on 10 -> 12);
- "same as last year" / "same as now" gives the issue's current value, and only with a keyword nearby;
- a yes/no keyword that is not negated counts as asking for it, questions included; one of the issue's
  no_keywords ("display out", "non-participating") counts as declining it and wins over a keyword on the same
  words; a number inside either phrase, or in its timing ("a review at 6 months"), is part of that term, and so
  is a plain number just before it ("one point of contact") unless a keyword just before has it ("net 30 direct
  debit"); a negation reaches no further than its clause (",", ";", "+", "&", "and", "but" end one);
- a number with a time word after it counts that time ("2 days a week", "a 9-month cliff"): it goes only to an
  issue counted in it (days, weeks, months; years into months), never to a money issue;
- a percent goes to a percent issue when one can take it ("3% a year" is the increase, not the lease length);
- only the offer is read from "X instead of Y", "X rather than Y", "from Y to X", "down from Y", "not Y" and
  "Y is too low";
- a number with no keyword goes to the one issue still unnamed whose negotiation zone (opening, current, both
  sides' targets and limits) holds it, scaled as people say it ("158" -> 158,000 a year, "12" -> $12M); when
  several zones do, a value on the issue's step beats one off it, then money beats counts ("15 and net 30": the
  15 is the price); with no zone holding it, the one issue whose whole range does, on its step;
- "no cliff" / "without a bonus" / "none of the past months" is 0 for a numeric issue whose zone reaches 0, and
  such a mention takes no number ("no vesting cliff, 6 months credited": the 6 is the credit), unless a
  comparison follows ("no cliff longer than 6 months");
- a figure written in full is not scaled down ("$181,000" is never 181 dollars) unless the issue counts
  millions or thousands, or it undoes the written suffix ("2.5m" for metres);
- weekday names count days for a days-per-week issue ("Tuesdays and Thursdays at home" -> 2);
- a lone "one" never maps to an issue without a keyword ("no one", "one thing");
- figures worked out loud are no terms: a growth rate ("growing 8% MoM"), a share ("3 out of 15"), a point's number
  ("One: design freeze 8 weeks"), an hour after "after/till/by" for a count of weeks or years, and a bare figure said
  again after the term it named ("3M at 12 pre? 3 on 12…").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from simulator.personas import Issue
from simulator.quantities import NUMBER_WORDS, THEIR_FIGURE_THEN, Quantity, quantities, weekday_groups

__all__ = ["Quantity", "describe_terms", "format_value", "quantities", "read_terms"]

_CLOCK = re.compile(r"(?:[ap]\.?m\.?|o['’]?clock)$", re.I)
_YEARS_AFTER = re.compile(r"\s*-?\s*(?:years?|yrs?)(?![a-z])", re.I)
# the unit of time right after a figure ("3 months", "two-week", "6 mo"), as its group 1
TIME_AFTER = re.compile(r"\s*-?\s*(hour|hr|day|week|wk|month|mo|quarter|qtr|year|yr)s?(?![a-z])", re.I)
_PER_YEAR = re.compile(
    r"\s*(?:more\s+|extra\s+|up\s+)?(?:each|a|per|every)\s+(?:year|yr)\b|\s*(?:annually|yearly)\b", re.I
)
_RATE = re.compile(r"\s*(?:a|an|per|each|every|/)\s*(?:week|wk|month|mo|year|yr|day)\b", re.I)
_TIME_WORD = {"hr": "hour", "wk": "week", "mo": "month", "qtr": "quarter", "yr": "year"}
_GAP_WORDS = re.compile(r"[\w'’$%]+")
_BREAK = re.compile(r"[.!?;\n]")
_THAT_SHIPMENT = re.compile(
    r"\s*k?\s*(?:units?|pcs|pieces|enclosures|parts)\s+(?:for|due|shipping|on|by)\s+(?:sept|september|oct|october|nov|"
    r"november|dec|december|jan|january|feb|march|april|may|june|july|aug|the\s+\d|\d)",
    re.I,
)
_CLAUSE = re.compile(r"[.!?;,:+&\n]|\b(?:but|and|though|although|or|if)\b", re.I)
_NEGATION = re.compile(
    r"\b(?:no|not|without|never|cannot|drop(?:ped|ping)?|scrap(?:ped|ping)?|waive|skip(?:ped|ping)?|ditch(?:ed|ing)?"
    r"|forget(?:\s+about)?|instead\s+of|rather\s+not|off\s+the\s+table)\b|n['’]t\b|"
    r"\b(?:dont|cant|wont|doesnt|didnt|isnt|arent|wouldnt|couldnt|shouldnt)\b",  # as texted
    re.I,
)
_NOT_NEGATION = re.compile(
    r"\b(?:do|does|did)(?:\s+not|n['’]t)\s+mind\b|\bno\s+(?:problem|prob|objection|issue|worries)s?\b"
    r"|\bnot\s+(?:a\s+problem|against)\b|\bwhy\s+not\b"
    r"|\b(?:not|never|no)\s+(?:on|before|after|during|until|till)\b",
    re.I,
)  # "never on Fridays"
_FLIP = re.compile(r"\b(?:not|never|dont|doesnt|didnt|wont|isnt)\b|n['’]t\b", re.I)
_MONEY_UNIT = re.compile(r"[$£€]|dollar|euro|pound", re.I)
_COUNT_UNIT = re.compile(r"day|week|month|year|hour|percent|%", re.I)
_PERCENT_UNIT = re.compile(r"percent|%", re.I)
_HOUR_UNIT = re.compile(r"hour|o'clock|clock|time", re.I)
_MILLIONS_UNIT = re.compile(r"million|\$\s?mm?\b", re.I)
_WEEK_DAYS_UNIT = re.compile(r"days?\s*(?:/|per|a)\s*week", re.I)
_TIMING = re.compile(
    r"\s+(?:at|in|after|every|within)\s+(?:[\w.]+[\s-]+){1,2}?(?:months?|weeks?|years?|days?|mo|wks?)"
    r"(?![a-z])",
    re.I,
)
_REJECTED_BEFORE = re.compile(
    r"(?<![a-z])(?:instead\s+of|rather\s+than|down\s+from|up\s+from|not|forget|never\s+mind|scrap|skip"
    r"|(?:jump|jumps|rise|hike|increase|leap|step)\s+from"
    r"|(?:not|never)\s+(?:signing|paying|doing|accepting|agreeing\s+to|going\s+(?:to|up\s+to)|taking))\s+"
    r"(?:(?:the|your|ur|my|our|net)\s+)?(?:(?:full|whole|entire)\s+)?$"
    # "I'm not comfortable going to 50, but I could see 55/45"
    r"|(?<![a-z])(?:not|n['’]?t)\s+(?:really\s+)?(?:comfortable|happy|keen|willing|prepared)\s+(?:going\s+(?:up\s+|down\s+)?to|"
    r"moving\s+to|paying|giving|doing|with|at)\s+(?:the\s+|your\s+|ur\s+)?[$£€]?$"
    # "I can't do 50, but…", "we cannot go to 24k": the figure turned down
    r"|(?<![a-z])(?:can['’]?t|cannot|can\s+not|won['’]?t|couldn['’]?t)\s+(?:do|go\s+to|go|pay|get(?:\s+up)?\s+to|come\s+up\s+to|reach|match|accept|afford|manage|"
    r"stretch\s+to|agree\s+to|sign(?:\s+off\s+on)?)\s+(?:the\s+|your\s+|ur\s+)?[$£€]?$"
    # how long something has gone on: "we've delivered for u for 2 yrs", "I've been here for 5 years"
    r"|(?<![a-z])(?:we['’]?ve|i['’]?ve|we\s+have(?!\s+to)|i\s+have(?!\s+to)|has(?!\s+to)|had(?!\s+to)|been)\s+"
    r"(?:[\w']+,?\s+){0,6}?for\s+$"
    # "you want 19,2, i offered 21,6, meet in the middle at 20,400": what each side put before, not the figure now
    r"|(?<![a-z])(?:i|we|you|u)\s+(?:already\s+)?(?:offered|proposed|suggested|quoted)\s+(?:you\s+|u\s+)?[$£€]?$"
    # "During those 60 days I train Priya": the span already on the table, pointed at
    r"|(?<![a-z])(?:during|over|within|in)\s+(?:those|these)\s+$"
    # "we were told three weeks, but they can do it in two": what was said before, set against the figure now
    r"|(?<![a-z])(?:we|i)\s+(?:were|was)\s+(?:told|quoted|promised)\s+(?:about\s+|around\s+|like\s+)?[$£€]?$"
    # "last year a brand asked us for 25% off, we gave them 10": what was done with someone else
    r"|(?<![a-z])(?:we|i|they)\s+(?:gave|charged|paid)\s+(?:them|him|her)\s+(?:about\s+|around\s+|like\s+|only\s+)?[$£€]?$"
    # "and dont say 16.80": a figure forbidden, not put
    r"|(?<![a-z])(?:don['’]?t|do\s+not)\s+(?:you\s+)?(?:say|tell\s+me|give\s+me|come\s+back\s+with)\s+[$£€]?$"
    # what is so today: "I'm on 68 now", "I currently make 68k", "my salary is 68"
    r"|(?<![a-z])(?:i['’]?m|im|i\s+am)\s+(?:currently\s+|only\s+|still\s+|just\s+)?(?:on|paid)\s+(?:about\s+|around\s+|like\s+)?[$£€]?$"
    r"|(?<![a-z])i\s+(?:currently\s+|only\s+)?(?:make|earn|take\s+home|get\s+paid)\s+(?:about\s+|around\s+|like\s+)?[$£€]?$"
    r"|(?<![a-z])my\s+(?:current\s+)?(?:salary|pay|base)\s+is\s+(?:currently\s+|only\s+)?[$£€]?$"
    # what is lost: "you'd lose about 18k of stock", "she's giving up 18k"
    r"|(?<![a-z])(?:lose|loses|losing|lost|forfeit\w*|giv(?:e|es|ing)\s+up|walk(?:s|ing)?\s+away\s+from|leav(?:e|es|ing)\s+behind)"
    r"\s+(?:about\s+|around\s+|like\s+|almost\s+|nearly\s+|over\s+)?[$£€]?$"
    # what someone else offers: "you've got another offer at 162", "their quote of 18k"
    r"|(?<![a-z])(?:another|other|competing|rival|their|the\s+other)\s+(?:\w+\s+)?(?:offer|quote|bid|agency|supplier)"
    r"\s+(?:at|of|for|is|was|says)\s+(?:about\s+|around\s+|like\s+)?[$£€]?$"
    # what someone else says: "the builder say 3 weeks but maybe we can make 2"
    r"|(?<![a-z])(?:the|my|our|his|her)\s+(?:builder|builders|architect|lawyer|accountant|surveyor|contractor|boss|"
    r"cfo|ceo|board|bank|vp|agent|partner|wife|husband|engineers?)\s+(?:say|says|said|wants?|quoted|thinks?|reckons?)"
    r"\s+(?:it['’]?s\s+|about\s+|around\s+|like\s+)?[$£€]?$"
    # what a paper says: "On the wall, the plans say 3.2 metres. Would 2.8…"
    r"|(?:^|[,.;:!?]\s*|\b(?:but|and|because|bc)\s+)(?:the|our|your|ur|my)\s+(?:plans?|drawings?|contract|lease|survey|"
    r"quote|letter|email|proposal)\s+"
    r"(?:say|says|said|show|shows|showed)\s+(?:it['’]?s\s+|about\s+|around\s+|like\s+)?[$£€]?$",
    re.I,
)
_REJECTED_AFTER = re.compile(
    # a decade, not a figure: "the survey says mid to high 70s"
    r"['’]?s(?![a-z])|"
    r"\s*(?:[a-z]+\s+){0,2}?(?:(?:is|was|are|['’]s|seems|sounds)\s+)?(?:(?:way|far|much|a\s+bit|a\s+little|just)\s+)?"
    r"too\s+(?:low|high|much|little|steep|expensive|cheap|short|long|small|big|late|early)(?![a-z])"
    r"|\s*(?:[a-z]+\s+){0,2}?(?:doesn['’]?t|does\s+not|won['’]?t|will\s+not|isn['’]?t|is\s+not)\s+"
    r"(?:work|fly|enough|doable|possible|right|fair|happening|realistic|reasonable|acceptable|feasible|an\s+option)(?![a-z])"
    r"|\s*(?:hours?|days?|weeks?|months?|years?)\s+(?:late|later|ago|overdue|behind(?!\s+(?:a|an|the|our|your|ur|my)\b))(?![a-z])"
    # "6 is short for us", "10M feels low": the figure found wanting, without a "too"
    r"|\s*(?:[a-z]+\s+){0,2}?(?:is|was|['’]s|seems|feels|sounds)\s+(?:(?:a\s+bit|quite|very|really|pretty|kinda|way)\s+)?"
    r"(?:short|low|long|high|steep|tight|hard|tough|a\s+lot|a\s+stretch|impossible|(?:a\s+)?(?:(?:huge|big|massive|steep|large)\s+)?"
    r"(?:jump|hike|increase))(?![a-z])"
    # "16.80 is nuts", "20% is insane", "15% is crazy": the figure laughed off
    r"|\s*(?:[a-z]+\s+){0,2}?(?:is|was|['’]s|seems|sounds)\s+(?:(?:just|frankly|honestly|kinda|kind\s+of|a\s+bit|so|totally)\s+)?"
    r"(?:nuts|crazy|insane|ridiculous|mad|absurd|wild|outrageous|silly|bonkers|a\s+joke|laughable)(?![a-z])"
    # "18k for what we do is impossible": what it is for may come between
    r"|\s*(?:[a-z]+\s+){0,4}?(?:is|was)\s+(?:just\s+|simply\s+)?impossible(?![a-z])"
    r"|\s*(?:[a-z]+\s+){0,2}?(?:is|was|['’]s)\s+(?:not|never)\s+(?:happening|going\s+to\s+happen|an\s+option|possible)(?![a-z])"
    # "47 i cant,", "the 16.80 tho i just cant do": the figure, then the no
    r"|\s*(?:tho|though)?,?\s*(?:i|we)\s+(?:just\s+|really\s+|simply\s+|honestly\s+)?(?:can['’]?t|cannot|can\s+not)"
    r"(?:\s+(?:do|go|pay|swing|manage|afford|accept|sign|stretch))?(?:\s+(?:it|that))?(?=\s*(?:[,.;!?]|$|\s+(?:but|tho|though|sorry)\b))"
    # "15.80 is still more than i can do", "is over what we can pay", "is past my ceiling"
    r"|\s*(?:[a-z]+\s+){0,2}?(?:is|was|['’]s)\s+(?:still\s+|just\s+|way\s+|well\s+|a\s+bit\s+)?(?:more\s+than|over|above|beyond|past)"
    r"\s+(?:what\s+)?(?:i|we|my|our)\b(?:\s+(?:can|could)\s+(?:do|pay|afford|swing|manage|stretch\s+to))?"
    # "but 6 months no,", "the pref at 1x no.": a flat no after the figure
    r"|\s*(?:[a-z]+\s+){0,2}?no(?=\s*(?:[,.;!]|$))",
    re.I,
)  # what happened
_ARROW = re.compile(r"\s*(?:[a-z]+\s*)?(?:-+>|→|=>)\s*", re.I)
# A count of days somewhere else: "our policy is 3 in office", "3 days in." is no number of days at home.
_IN_OFFICE = re.compile(
    r"\s*(?:days?\s+)?(?:in(?:\s+the)?\s+office|in-office|on\s*site|at\s+the\s+office|in\s+person)\b"
    # "3 days in.", "3 days in, 2 at home"
    r"|\s*days?\s+in(?=\s*(?:$|[.,;:!?)]|and\b|\+|&|-))",
    re.I,
)
_FROM = re.compile(r"(?<![a-z])from\s+(?:[a-z]+\s+)?$", re.I)
_TO = re.compile(r"\s*(?:[a-z]+\s+){0,2}?to\s+(?:[a-z]+\s+)?", re.I)
# a word after a number names what it counts ("3 people", "a 30 page deck") unless it is one of these: such a
# number is read without a keyword only for an issue counted in that word ("6 weeks")
# The word a number counts, past an adjective ("2 fixed days", "3 full days").
_NEXT_WORD = re.compile(r"\s+(?:(?:fixed|full|whole|extra|set|working|paid|more)\s+)?([a-z'’]{3,})", re.I)
_NOT_NOUN_TEXT = """
    and but for nor yet then than so as at with on in into onto to from by of off out over under up down about
    around after before since until till per each every all both any some more less the an its it's that this
    these those there here you your yours ur our ours his her hers him she they them their theirs its who which
    what when where how why is was are were be been being has have had having does did doing done would could
    should shall will can may might must need needs works work sounds seems looks feels makes gets goes fine deal
    okay yes not too now today tomorrow right away please pls plz thanks flat even tops max maximum min minimum
    only just total firm straight instead rather plus also really maybe probably though tho anyway either
    honestly then years year yrs i'm i'd i'll i've we're we'd we'll you're you'd it'll that's what's
    final last best top tbh ok k cool sorry lol haha good great fair kinda ish
    once if when whenever because cause cuz coz while unless provided assuming wld cld can't won't isn't
    again idk easy effective doable start starting later sooner asap upfront like
    kicks kick starts begins applies lands happens make made get got do did something anything
    keep keeps leave leaves give gives let lets help helps save saves still suit suits fix fixes
    doesn't doesnt don't dont isn't isnt wont cant aint ain't wouldn't wouldnt no never nope nah
    same usual normal always ever standard regardless either way
    thats whats theres there's heres here's hows who's whos youre im ive id thx ty
    without excluding
"""
_NOT_NOUNS = frozenset(_NOT_NOUN_TEXT.split())
_COMPARED = re.compile(
    r"\s+(?:(?:of\s+|at\s+)?(?:more|less|fewer|longer|shorter|over|above|under|beyond|bigger"
    r"|smaller|higher|lower|greater|than|up\s+to)(?![a-z])"
    r"|\s*(?:(?:down|back)\s+)?(?:to|by)\s+[$£€]?\d)",  # "drop the wall to 2.5m" lowers it
    re.I,
)
_NONE_BEFORE = re.compile(
    r"(?<![a-z])(?:no|zero|none\s+of(?:\s+(?:the|your|my|our|their|its|those|these))?"
    r"|without(?:\s+(?:a|an|any))?"
    # "forget the scaffolding", "drop the bonus": the term let go
    r"|(?:forget|drop|scrap|skip|ditch|lose)(?:\s+about)?\s+(?:the|a|an|any|that|your|ur|my)"
    r")\s+"
    r"(?:(?!(?:more|less|fewer|longer|shorter|later|earlier|higher|lower)\b)[a-z]+\s+)?$",
    re.I,
)


def _core(text: str, q: Quantity) -> tuple[int, int]:
    """Where keyword distance is measured from: a "same as" phrase without its "as last year" tail."""
    if q.relative != "same":
        return q.start, q.end
    cut = re.search(r"(?:^|\s)as\s", text[q.start : q.end], re.I)
    return q.start, q.start + cut.start() if cut else q.end


@lru_cache(maxsize=4096)
def _phrase_pattern(phrase: str) -> re.Pattern[str] | None:
    words = [w for w in re.split(r"[\s-]+", phrase.lower()) if w]
    parts = [
        f"(?:{re.escape(w)}|{int(NUMBER_WORDS[w])})"
        if w in NUMBER_WORDS
        # the g dropped as spoken: "in writin'" is "in writing"
        else f"{re.escape(w[:-1])}(?:g|['’])?"
        if len(w) > 5 and w.endswith("ing")
        # the verb that opens a phrase in another tense: "pushed ur start" for "push ur start"
        else f"{re.escape(w)}(?:e?d|ing|e?s)?"
        if n == 0 and len(words) > 1 and len(w) >= 4 and w.isalpha() and not w.endswith(("ed", "ing", "s"))
        else re.escape(w)
        for n, w in enumerate(words)
    ]
    joined = r"[\s-]+".join(parts)
    return re.compile(rf"(?<![a-z]){joined}(?:e?s)?(?![a-z])", re.I) if parts else None


_LOOK_AGAIN = re.compile(
    r"\b(?:look at (?:it|this|that|the price|things|the numbers|them) again|(?:take|have) (?:another|a second|a fresh) look|"
    r"re-?look|re-?assess|check in again|sit down again)\b",
    re.I,
)


def _phrase_spans(text: str, phrases: Sequence[str]) -> list[tuple[int, int]]:
    """Where the phrases (or their plurals) occur; "one-page" also matches "one page", "six" also "6"."""
    spans = []
    for phrase in phrases:
        if (pattern := _phrase_pattern(phrase)) is not None:
            spans += [k.span() for k in pattern.finditer(text)]
    return spans


def issues_named(text: str, issues: Sequence[Issue]) -> list[str]:
    """The issues a text names by their own words, in the order it names them ("the rent or how long the lease is"
    -> monthly_rent, lease_years)."""
    first = {i.id: min((s for s, _ in _phrase_spans(text, i.keywords)), default=-1) for i in issues}
    return sorted((k for k, v in first.items() if v >= 0), key=lambda k: first[k])


_LINK = re.compile(r"\s*(?:at|of|is|=|:|@|to|around|about)?\s*", re.I)


def _nearest(
    text: str, core: tuple[int, int], spans: list[tuple[int, int]], inside: bool = False
) -> tuple[float, int] | None:
    """(distance in words, -keyword length) to the nearest keyword within 6 words; after the number wins ties,
    a comma (or "+", "&") costs a word and a sentence break three ("6 wk freeze, 3mo forecast": the 3 is the forecast)."""
    best: tuple[float, int] | None = None
    for s, e in spans:
        if e <= core[0]:
            gap, extra = text[e : core[0]], 0.5
        elif s >= core[1]:
            gap, extra = text[core[1] : s], 0.0
        elif inside and core[0] <= s and e <= core[1]:
            gap, extra = "", 0.0  # "same price as last year": the keyword inside the phrase itself
        else:
            continue
        if e <= core[0] and _LINK.fullmatch(gap):
            words, extra = 0, 0.0  # "pool at 15", "bonus of 12k": the keyword and its number, tied
        else:
            words = len(_GAP_WORDS.findall(gap))
        broken = _BREAK.search(gap) is not None
        if e <= core[0] and words >= 3 and broken:
            continue  # "we pay eventually lol. can u do 15": a word of the sentence before names no figure after it
        score = (words + extra + (3 if broken else 1 if re.search(r"[,+&]", gap) else 0), s - e)
        if words <= 6 and (best is None or score < best):
            best = score
    return best


def _zone(issue: Issue) -> tuple[float, float]:
    """Where the negotiation is: the span of the opening, today's value and both sides' targets and limits."""
    values = [
        issue.opening,
        issue.counterpart.target,
        issue.counterpart.limit,
        issue.user.target,
        issue.user.limit,
    ]
    values += [issue.current] if issue.current is not None else []
    return min(values), max(values)


def _on_step(issue: Issue, v: float) -> bool:
    return abs(v / issue.step - round(v / issue.step)) < 1e-6


def _side(q: Quantity, issue: Issue, base: float | None) -> float | None:
    """The side of a split ("55/45") that is this percent issue's: the one in its zone, else nearer the base."""
    if q.other is None or not _PERCENT_UNIT.search(issue.unit):
        return None
    lo, hi = _zone(issue)
    sides = sorted({v for v in (q.value, q.other) if lo <= v <= hi})
    if not sides:  # "62/38" outside where the talk has been: the side the issue can hold at all
        sides = sorted({v for v in (q.value, q.other) if issue.low <= v <= issue.high})
    if len(sides) == 2 and base is not None:
        sides = [min(sides, key=lambda v: abs(v - base))]
    return sides[0] if len(sides) == 1 else None


def _counts_other(text: str, q: Quantity, issue: Issue) -> bool:
    """A number with a time word after it counts that time ("2 days", "a 9-month cliff"): it is no issue's unless
    the issue counts it too ("days/week" counts days, "$/month" counts dollars; years go into months)."""
    if not (m := TIME_AFTER.match(text, q.end)):
        return False
    if _RATE.match(text, m.end()) and not re.search(
        r"/|\bper\b|\ba (?:week|month|year)\b", issue.unit.lower()
    ):
        return True  # "two days a week" is a rate: never a number of days
    word = _TIME_WORD.get(m[1].lower(), m[1].lower())
    counted = re.split(r"/|\bper\b", issue.unit.lower())[0]
    return (
        word not in counted
        and not (word in ("year", "week", "quarter") and "month" in counted)
        and not (word in ("week", "month", "quarter") and counted == "days")
    )


# "the 6000 units by sept 15", "6,000 units, shipping 15 September": one delivery by a date, not so many a quarter
_BY_A_DATE = re.compile(
    r"\s*(?:[a-z]+\s+){0,4}?(?:by|on|before|ship|ships|shipping|shipped|due)\s+(?:on\s+|by\s+)?(?:the\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    re.I,
)
_PERIOD_AFTER = re.compile(
    r"\s*(?:[a-z]+\s+){0,2}?(?:a|an|per|each|every|/)\s*(?:week|wk|month|mo|quarter|qtr|year|yr|day)\b|"
    r"\s*(?:[a-z]+\s+){0,2}?(?:weekly|monthly|quarterly|yearly|annually)\b",
    re.I,
)


def _one_delivery(text: str, q: Quantity, issue: Issue) -> bool:
    """A count due by a date, for a term that counts so many per period."""
    counted, _, per = issue.unit.lower().partition("/")
    return (
        not q.currency
        and not _MONEY_UNIT.search(counted)
        and bool(re.match(r"\s*(?:week|wk|month|mo|quarter|qtr|year|yr|day)", per))
        and bool(_BY_A_DATE.match(text, q.end))
        and not _PERIOD_AFTER.match(text, q.end)
    )


_COUNT_OF_THINGS = re.compile(
    r"\s+of\s+(?:our|your|ur|the|my|their|those|these|them)\s+(?:usual\s+|normal\s+|regular\s+|last\s+)?"
    r"(?:orders?|shipments?|deliveries|invoices|drivers|people|staff|customers|clients|changes|hires|tenants|flats)\b",
    re.I,
)
_PER_DAY = re.compile(r"\s*(?:a|per|/)\s*day\b", re.I)


# "nobody up there after 5", "8 till 5", "on the shelves by 7": an hour of the day, never a count of weeks or years
_HOUR_BEFORE = re.compile(
    r"\b(?:after|before|until|till|(?<!down )(?<!up )(?<!it )(?<!that )(?<!them )(?<!this )by)\s+$", re.I
)
_SPAN_OF_TIME = re.compile(r"(?:days?|weeks?|months?|years?)", re.I)


def _incompatible(text: str, q: Quantity, issue: Issue, keyed: bool) -> bool:
    """7am is an hour, 10% a percentage unless a keyword says otherwise, $15 never days, "2 days" no salary, "2 yrs"
    no volume."""
    unit, years = issue.unit.lower(), _counts_other(text, q, issue)
    if q.relative and q.scale >= 1000 and not _MONEY_UNIT.search(unit) and not _MILLIONS_UNIT.search(unit):
        return True  # "that's 6k more for us": money, never metres more
    if q.relative and q.percent and _PER_YEAR.match(text, q.end) and not _PERCENT_UNIT.search(unit):
        return True  # "2 percent more each year" is a yearly rise, not 2% more years of lease
    if q.relative and _CM_OFF.search(text, q.start, q.end) and not re.match(r"m\b|metres?|meters?", unit):
        return True  # "70 centimetres off it": a height or a length, never an hour
    if q.relative and _HOURS.search(text, q.start, q.end) and "hour" not in unit:
        return True  # "start 2 hours later": an hour of the day, never weeks of scaffolding
    if not (q.percent or q.currency) and _COUNT_OF_THINGS.match(text, q.end):
        return True  # "thats 16k a year, 8 of our usual orders": a count of things, no term
    if _PER_DAY.match(text, q.end) and "day" not in unit:
        return True  # "penalties, 500 a day late": a daily rate, never a quarter's units or a month's rent
    if (
        not keyed
        and not (q.percent or q.currency or q.scale > 1)
        and _SPAN_OF_TIME.fullmatch(unit)
        and _HOUR_BEFORE.search(text[max(0, q.start - 8) : q.start])
        and not TIME_AFTER.match(text, q.end)
    ):
        return True
    return bool(
        (
            (_CLOCK.search(text[q.start : q.end]) or _AT_HOUR.search(text[max(0, q.start - 30) : q.start]))
            and not _HOUR_UNIT.search(unit)
        )
        # ("a 5-6% raise on what we pay now": a percentage is never a number of days, whatever keyword is near)
        or (
            q.percent
            and not (
                _PERCENT_UNIT.search(unit)
                or (keyed and not _SPAN_OF_TIME.fullmatch(unit))
                or q.base is not None
            )
        )
        or (q.currency and not _MONEY_UNIT.search(unit) and _COUNT_UNIT.search(unit))
        or years
        or _one_delivery(text, q, issue)
    )


_PAST = re.compile(
    # "what if we did a 3 month trial", "if it was 3 months": supposed, not what happened
    r"(?<!\bif we )(?<!\bif i )(?<!\bif u )(?<!\bif you )(?<!\bif it )(?<!\bsuppose we )"
    r"\b(?:covered|worked|did|was|were|ran|had|went|took|last (?:time|year|autumn|fall|winter|spring|summer)|ago)\b",
    re.I,
)


def _time_factor(text: str, q: Quantity, issue: Issue) -> float | None:
    """How many of the issue's units one of the time words after a number is, when they differ: "an 8 week
    forecast" on a horizon counted in months (12/52), "a 3 month trial" on a trial counted in days (30)."""
    m = TIME_AFTER.match(text, q.end)
    word = _TIME_WORD.get(m[1].lower(), m[1].lower()) if m else ""
    unit = issue.unit.lower()
    if word == "week" and "month" in unit:
        return 12 / 52
    if word == "quarter" and "month" in unit:
        return 3.0
    if (
        word in ("week", "month", "quarter")
        and unit == "days"
        and not re.search(r"\b(?:in|after)\s+$", text[: q.start])
    ):
        # (not "in 3 months we talk pay": when, not how long; nor "I covered it 6 weeks", "a two-month trial worked
        # last time": what happened)
        start = max(text.rfind(c, 0, q.start) for c in ".!?;") + 1
        stops = [i for i in (text.find(c, q.end) for c in ".!?;") if i >= 0]
        if not _PAST.search(text[start : min(stops, default=len(text))]):
            return 7.0 if word == "week" else 30.0 if word == "month" else 91.0
    return None


def _time_converted(text: str, q: Quantity, issue: Issue) -> bool:
    """ "an 8 week forecast" where the horizon is counted in months, "a 3 month trial" where a trial is in days."""
    return _time_factor(text, q, issue) is not None


# "400 more than now", "10k more than i make now", "300 more than we pay today": a change on today's figure
_THAN_NOW = re.compile(
    r"\s*than\s+(?:(?:what|where)\s+)?(?:(?:i|we|u|you)\s+(?:'re\s+|are\s+|am\s+)?"
    r"(?:make|making|pay|paying|have|get|getting|earn|earning|do|on)\s+)?(?:now|today|currently|at the moment)\b",
    re.I,
)


def _on_users_side(issue: Issue, mine: float, theirs: float) -> bool:
    """Whether today's figure is on the user's side of theirs (so a step their way starts from today)."""
    return mine > theirs if issue.user.prefers == "high" else mine < theirs


def _fit(text: str, q: Quantity, issue: Issue, base: float | None, keyed: bool) -> float | None:
    """The value a quantity gives an issue, scaled into its range, or None when it cannot be this issue's."""
    percent_unit = bool(_PERCENT_UNIT.search(issue.unit))
    clock = bool(_CLOCK.search(text[q.start : q.end]))
    if q.relative == "same":
        return (issue.current if issue.current is not None else base) if keyed else None
    if q.other is not None:
        return _side(q, issue, base)
    if _incompatible(text, q, issue, keyed):
        return None
    if q.relative and q.percent and percent_unit and _PER_YEAR.match(text, q.end):
        v = q.value  # "2 percent more each year": the yearly rise itself
        return v if issue.low <= v <= issue.high else None
    if q.relative:
        if (
            _THAN_NOW.match(text, q.end) or _PUSHED_BACK.search(text, 0, q.start)
        ) and issue.current is not None:
            # "400 more than now", "10k more than i make now", "push the supplier back two hours": on today's figure
            base = issue.current
        elif (
            issue.current is not None
            and (q.relative == "more") == (issue.counterpart.prefers == "high")
            and not THEIR_FIGURE_THEN.search(text, 0, q.start)
            and base is not None
            and _on_users_side(issue, issue.current, base)
        ):
            # "i can do 200 more", "we could take 70 cm off it": given their way, from where the user stands today
            # (200 more than their 5,000 asked is more than they asked for)
            base = issue.current
        if (
            q.base is not None
        ):  # "10% off your 16.80": the amount written is this issue's, or it is not this issue
            written = q.base
            if not issue.low <= written <= issue.high and _MONEY_UNIT.search(issue.unit):
                written *= 1000  # "5k more than 145" on a salary: 145 said for 145,000
            if not issue.low <= written <= issue.high or abs(written - round(written, issue.decimals)) > 1e-6:
                return None
            base = written
        if base is None:
            return None
        # "could we get to 15 off" a $24,000 retainer: 15 percent, not $15 (a bare figure a hundredth of the amount)
        as_percent = q.percent or (
            not q.currency
            and not q.high
            and 1 <= q.value <= 50
            and base >= 200 * q.value
            and _MONEY_UNIT.search(issue.unit)
        )
        delta = base * q.value / 100 if as_percent and not percent_unit else q.value
        v = base - delta if q.relative == "less" else base + delta
        return min(max(v, issue.low), issue.high) if keyed else (v if issue.low <= v <= issue.high else None)
    v = q.high if q.high is not None and issue.user.prefers == "high" else q.value
    years, unit = _YEARS_AFTER.match(text, q.end), issue.unit.lower()
    if (factor := _time_factor(text, q, issue)) is not None:
        # "an 8 week forecast" on a horizon counted in months: about 2 months, on the issue's step; "a 3 month
        # trial" counted in days: 90
        converted = round(v * factor / issue.step) * issue.step
        return converted if keyed and issue.low < converted <= issue.high else None
    factors = (
        (12.0,)
        if years and "month" in unit
        else (1.0,)
        if not keyed or q.percent or clock or years
        else (1.0, 1e3, 1e6, 1e-3, 1e-6)
        if _MILLIONS_UNIT.search(unit) or "thousand" in unit
        else (1.0, 1e3, 1e6, 1 / q.scale)
        if _MONEY_UNIT.search(unit) or q.scale >= 1e6
        else (1.0, 1e3, 1e6)
    )  # "2.5m" may be metres, but "$181,000" is never 181 dollars, nor "76k" 76 days
    # in range, and written no finer than the issue's decimals: 16.2 is a price, not a number of days
    fits = [
        round(v * f, 9)
        for f in factors
        if issue.low <= v * f <= issue.high and abs(v * f - round(v * f, issue.decimals)) < 1e-6
    ]
    # "15 on the signing bonus" where bonuses go in thousands: the reading that lands on the issue's grid
    fits = [
        x for x in fits if not 0 < x < issue.step
    ]  # "from day 1" is no $500-step bonus and no 15-day trial
    return next((x for x in fits if _on_step(issue, x) and x), fits[0] if fits else None)


def _bare(
    text: str, q: Quantity, issue: Issue, base: float | None, wide: bool = False
) -> tuple[float, bool] | None:
    """What a number with no keyword could give an issue, as (value, on the issue's step): a value in the issue's
    zone (`wide`: anywhere in its range), scaled the way people say it ("158" for 158,000 a year, "$12M" for 12 in
    $ millions)."""
    if q.other is not None:
        side = _side(q, issue, base)
        return None if side is None else (side, True)
    if q.relative:
        v = _fit(text, q, issue, base, False)
        return None if v is None else (v, False)
    if _incompatible(text, q, issue, False) or (q.scale > 1 and _PERCENT_UNIT.search(issue.unit)):
        return None
    unit = issue.unit.lower()
    factors = [1.0] if not _YEARS_AFTER.match(text, q.end) else [12.0] if "month" in unit else [1.0]
    if (
        q.scale == 1
        and (10 <= q.value < 1000 or (1 < q.value < 10 and q.value != int(q.value)))
        and not q.percent
        and _MONEY_UNIT.search(issue.unit)
    ):
        # "76" for a salary in the 70,000s, "3.5" for $3,500 a month (not "which two" for a $2,000 bonus)
        factors.append(1e3)
    if (
        q.scale == 1
        and q.value >= 100
        and q.value == int(q.value)
        and issue.decimals == 2
        and not q.currency
        and _MONEY_UNIT.search(issue.unit)
    ):
        factors.append(0.01)  # "fifteen sixty", "1450": a price per unit said without its point
    if (
        q.scale == 1e3
        and not q.currency
        and "/month" in unit
        and _MONEY_UNIT.search(issue.unit)
        and re.search(r"\b(?:salary|salaries|pay|wages?)\b", issue.label, re.I)
    ):
        # "what if we both take 42k" of a salary paid by the month: 42k a year, the way pay is said (not a rent:
        # "the ovens cost 60k to move")
        factors.append(1 / 12)
    if q.scale >= 1e6 and _MILLIONS_UNIT.search(issue.unit):
        factors.append(1 / q.scale)  # "$12M" for an issue counted in millions
    if q.scale >= 1e6 and re.search(r"metre|meter", unit) and re.search(r"\dm$", text[q.start : q.end], re.I):
        factors = [1 / q.scale]  # "2.8m" for a wall counted in metres
    lo, hi = (issue.low, issue.high) if wide else _zone(issue)
    v = q.high if q.high is not None and issue.user.prefers == "high" else q.value
    for f in factors:
        x = round(v * f, 9)
        if lo <= x <= hi and abs(x - round(x, issue.decimals)) < 1e-6 and not 0 < x < issue.step:
            return x, _on_step(issue, x)  # ("day 1" is no $500-step bonus: under one step is not a reading)
    return None


_CLOCK_BEFORE = re.compile(r"(?<![a-z])(?:after|before|from|until|till|not\s+till|by|at)\s+$", re.I)


def _choose(
    found: list[tuple[str, float, bool, bool]], clock: list[str] | None = None
) -> tuple[str, float] | None:
    """One (issue, value) from (issue, value, on step, money) candidates: a time of day where the number is said
    as one ("after 7"), then on-step, then money, or none."""
    timed = [c for c in found if c[0] in (clock or [])]
    if len(timed) == 1:
        return timed[0][0], timed[0][1]
    tier = [c for c in found if c[2]] or found
    for group in (tier, [c for c in tier if c[3]]):
        if len(group) == 1:
            return group[0][0], group[0][1]
    return None


# Taking a term out: "if we cut display", "take out the review", "participating goes", "can we drop it?".
_TAKEN_OUT_BEFORE = re.compile(
    r"\b(?:cut(?:ting)?|tak(?:e|ing)\s+out|took\s+out|remov(?:e|ing)|ditch(?:ing)?|los(?:e|ing)|"
    r"get\s+rid\s+of|drop(?:ped|ping)?|scrap(?:ped|ping)?|ditch)\s+"
    # ("drop that and the board seat": the second thing taken out with the first)
    r"(?:(?:it|that|this|them|the\s+\w+)\s+(?:and|&)\s+)?(?:\w+\s+)?$",
    re.I,
)
_CUT_TO = re.compile(
    r"\s*(?:down\s+)?to\s+(?:just\s+|only\s+)?(?:a\s+)?(?:\d|one|two|three|single|half|x{3,})", re.I
)  # (x: a masked keyword, "1 page")
# (and "penalties are off the table", "the cliff is gone")
_TAKEN_OUT_AFTER = re.compile(
    # ("the participating pref goes": the term's own noun after its keyword)
    r"(?:\s+(?:pref|prefs|preference|preferences|clause|clauses|thing|bit|part|term|terms|provision|piece))?(?:"
    r"\s*(?:(?:are|is|can be|be|go|come|comes)\s+)?(?:off\s+the\s+table|gone)\b|"
    r"\s*(?:(?:has|have|needs?)\s+to\s+|should\s+|must\s+|can\s+|could\s+)?(?:goes|go|comes?\s+out|"
    r"(?:is|are|gets?)\s+(?:removed|dropped|cut|scrapped)|out)\b"
    r"(?!\s+(?:of|to|for|ahead|up|down|both|either|through|back|with|into|in|on)\b)|"
    r"\s*(?:is|are|r|'re|'s)\s+(?:dead|gone|history|off|out)\b|"
    r"\s*(?:dropped|removed|scrapped|waived|binned|ditched)\b|"  # "penalties dropped"
    r"\s*(?:stays?|staying|kept|keep)\s+(?:out|off)\b|"  # "penalties stay out"
    # "the board seat, I'd rather not give one at seed", "the seat? not at seed", "the seat, no"
    r"\W*(?:(?:but|and|so|tbh|honestly)\W+)?(?:i|we)(?:'d| would) (?:rather|prefer) not\b|"
    r"\s*[,?]\s*(?:(?:no|nope)(?=\s*(?:[.!;?]|$|,?\s*(?:sorry|not|i|we)\b))|not\s+(?:at|yet|now|for\s+now|this\s+"
    r"(?:round|time))\b)|"
    # "…penalty clauses, but I'm happy to leave them out"
    r"\W*(?:(?:but|and|so)\s+)?(?:(?:i|we)(?:'ll|'d| will| would| can)?|(?:i'?m|we'?re|i am|we are)\s+"
    r"(?:happy|willing|glad|ok|fine|open)\s+to)\s+(?:take|drop|cut|leave)\s+(?:them\s+|it\s+)?out\b|"
    r"\s+out\s+of\s+(?:the\s+)?(?:draft|contract|deal|agreement|terms|scope)\b|"
    # "the participating pref. I'd really like that gone."
    r"\W*(?:(?:but|and|so)\s+)?(?:i|we)(?:'d| would)\s+(?:really\s+|much\s+|honestly\s+)?(?:like|love|want|prefer)\s+"
    r"(?:that|it|them|those|this)\s+(?:gone|out|removed|dropped|scrapped)\b|"
    r"[\w\s]{0,12}?[,?.!]*\s*(?:[\w']+[\s.,]+){0,3}?(?:(?:can|could|should)\s+(?:we|you)\s+(?:just\s+)?"
    r"(?:drop|lose|remove|scrap|ditch|cut|skip|waive|do\s+without)\s+(?:it|that)|(?:can|could|should)\s+(?:it|that)\s+go)\b)",
    re.I,
)


_CONDITION_BEFORE = re.compile(r"\b(?:if|unless|when|once|in case)\s+(?:\w+\s+){0,3}$", re.I)


_NEW_SUBJECT = {
    "we", "i", "he", "she", "they", "you", "u", "we'll", "he'll", "she'll", "they'll", "i'll", "ill", "we'd", "i'd",
    "he'd", "she'd", "you'll", "u'll",
}  # fmt: skip
_OWN_OBJECT = re.compile(
    r"\W*[\w'’]+\s+(?:(?:will|would|can|could|'ll|should)\s+)?[a-z]+\s+(?:the|a|an|our|ur|your|his|her|their|all|any)\b",
    re.I,
)


def _negated(text: str, start: int, end: int) -> bool:
    """Whether a mention is negated in its clause: "no direct debit", "without a review", "X doesn't work",
    "if we cut display", "participating goes"."""
    before = _CLAUSE.split(text[max(0, start - 60) : start])[-1].split()[-5:]
    after = _CLAUSE.split(text[end : end + 40])[0].split()[:2]
    if after[:1] and after[0].lower() in ("instead", "rather"):
        after = []  # "a one-page dashboard instead of the 30 pages": this is what is chosen
    if after[:1] and after[0].lower().replace("’", "'") in _NEW_SUBJECT and _OWN_OBJECT.match(text, end):
        # "if u put 15 september in writing he'll drop the penalties": a new clause, with its own object ("direct
        # debit we can't do" still turns it down)
        after = []
    if _CONDITION_BEFORE.search(text[max(0, start - 30) : start]):
        after = []  # "if the one pagers arent showing results, u can walk": a condition on it, not a no to it
    if _TAKEN_OUT_AFTER.match(text, end):
        return True  # "penalties are off the table", "participating goes"
    if _TAKEN_OUT_BEFORE.search(text[max(0, start - 30) : start]):
        # "cut the report to 1 page" makes it shorter, it does not take it out
        return not _CUT_TO.match(text, end)
    return bool(_NEGATION.search(_NOT_NEGATION.sub(" ", " ".join([*before, "|", *after]))))


# "one" as a pronoun, not a number: "a shorter one", "this one", "the other one", "no one".
_PRONOUN_ONE = re.compile(
    r"\b(?:a|an|the|this|that|which|no|any|every|each|another|other|same|new|old|first|second|third|last|next|"
    r"[a-z]+er)\s+one$",
    re.I,
)
_AFTER_PRONOUN = re.compile(
    r"\s*(?:$|[.,!?;:)]|(?:and|or|but|of|for|to|that|which|please|instead|too|though|tho|then|"
    r"would|will|is|was|works|from|before|after|at|in|on|by)\b)",
    re.I,
)


_SOME_WEEKS = re.compile(
    r"\b(?:some|most|other|busy|quiet|slow|good|bad)\s+(?:weeks?|months?|days?)\b(?:(?!\band\b)[^.?!;,]){0,24}?"
    r"\b(?:more like|less like|closer to|it'?s|its|we do|we're at|only|just|about|around|like)\s+(?:about\s+|around\s+)?$",
    re.I,
)


# "on the 25", "by the 1": a day of the month comes next
_ON_THE = re.compile(r"\b(?:on|by|before|after|from) the\s*$", re.I)


def _day_of_month(text: str, q: Quantity) -> bool:
    """ "on the 25 every month", "by the 1 of each month": a day of the month, not a term."""
    return (
        q.value == int(q.value)
        and 1 <= q.value <= 31
        and not (q.currency or q.percent or q.relative)
        and _ON_THE.search(text[max(0, q.start - 12) : q.start]) is not None
        and re.match(r"\s*(?:of\s+)?(?:every|each|the|a)\s+month\b", text[q.end :], re.I) is not None
    )


_POSITION = re.compile(
    r"\b(?:day|week|month|year|page|step|number|no\.|#|flat|apartment|apt|unit|room|house|door|since)\s*$",
    re.I,
)
_POSITION_LIST = re.compile(
    r"\b(?:flats?|apartments?|apt|rooms?|houses?|doors?|no\.|#)\s*\d+\s*(?:,|and|&|or)\s*$",
    re.I,
)
# a day named before the hour: "I'll be here Saturday at ten", "bring the drawings on saturday at 10", "call u thurs at 3"
_APPOINTMENT = re.compile(
    r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?\s+(?:morning\s+|afternoon\s+|evening\s+)?"
    r"(?:at|@|around|about|from)\s+$|\b(?:tomorrow|tonight)\s+(?:morning\s+|afternoon\s+)?(?:at|@|around)\s+$",
    re.I,
)
# "if the 60 days go well", "after the 60 days, 80k", "for the first six months": a stretch already on the table, or the
# first part of one, named to say what happens then, not how long a term runs
_PHASE_BEFORE = re.compile(
    r"\b(?:(?:after|at the end of|if|once|by the end of) the (?:first |next |initial )?|"
    r"(?:for|in|during|over) the (?:first|initial|opening) )$",
    re.I,
)
_CHECKPOINT = re.compile(
    r"\b(?:break(?:\s+clause)?|checkpoint|check-?in|break\s+point|exit(?:\s+clause)?|option\s+to\s+(?:exit|leave))"
    r"\s+(?:at|after|in)\s+(?:month\s+)?$|"
    # "could it go up again in six months": when something happens, not how long a term runs
    r"\b(?:go(?:es)? up|go(?:es)? down|rise|rises|change|changes|happen|happens)\s+(?:again\s+)?in\s+$",
    re.I,
)
# "a weekly call Tuesdays at 8", "meet at 9": an hour of the day however it is written
_AT_HOUR = re.compile(
    r"\b(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?s?|calls?|meetings?|catch[- ]?ups?|"
    r"check[- ]?ins?|stand[- ]?ups?|mornings?|evenings?|tonight|tomorrow|tmrw|"
    # something that happened at an hour: "the dishwasher flooded at 6", "the flour guy comes at 5"
    r"flooded|happened|broke|rang|called|woke|wakes|got (?:in|up)|gets (?:in|up)|(?:showed|shows|turned|turns) up|"
    r"came|comes|arrived|arrives|left|leaves|opened|opens|closed|closes|vans?|trucks?|lorr(?:y|ies))\s+(?:at|@|around)\s*$",
    re.I,
)


# what comes between their figure said back and the user's own: "77... can u do 78", "3% a year tho, can u do 2",
# "4500 is more than I want, can we meet in the middle, 4450?"
_ASK_BETWEEN = re.compile(
    r"\b(?:can|could|would|will) (?:u|you|we|ya)\b|\bhow about\b|\bwhat about\b|\bmiddle\b|\bsplit\b|\bmeet\b"
    r"|\b(?:hoping|hoped) for\b|\bmore like\b",
    re.I,
)


_IF_WE_DO = re.compile(r"\bif\s+(?:we|i|u|you)\s+(?:\w+\s+){0,2}$", re.I)
_FILLER = re.compile(r"\s*(?:a|an|per|each|every)?\s*")


def _said_back_before_ask(
    text: str,
    qs: list[Quantity],
    numeric: list[Issue],
    ref: Mapping[str, float],
    base: dict[str, float | None],
    spans: dict[str, list[tuple[int, int]]],
) -> set[int]:
    """Figures that only say back the term on the table before asking for another on the same term: the first of
    "77... can u do 78" is their 77, not a second salary, and "3% a year tho, can u do 2" asks for 2 percent."""
    starts = [s for i in numeric for s, _ in spans[i.id]]
    out: set[int] = set()
    for n, q in enumerate(qs[:-1]):
        if _IF_WE_DO.search(text, max(0, q.start - 30), q.start):
            continue  # "if we sign 12 months would u do 15": their 12 is taken, as the condition for the 15
        for issue in numeric:
            if ref.get(issue.id) is None or _fit(text, q, issue, base[issue.id], True) != ref[issue.id]:
                continue
            if any(
                _ASK_BETWEEN.search(text, q.end, qs[m].start)
                # no other term's keyword between them (one right after the first is its own: "3% a year")
                and not any(
                    q.end <= st < qs[m].start and not _FILLER.fullmatch(text, q.end, st) for st in starts
                )
                and _bare(text, qs[m], issue, base[issue.id])
                for m in range(n + 1, len(qs))
            ):
                out.add(n)
                break
    return out


def _rejected(text: str, qs: list[Quantity], n: int) -> bool:
    """A number named only to be set aside: "instead of 7", "down from 24k", "from net 30 to net 15", "10M is too
    low", "16 doesn't work", or one that tells what happened: "3 weeks late", "two years ago"."""
    q, before = qs[n], text[max(0, qs[n].start - 30) : qs[n].start]
    moved = n + 1 < len(qs) and _FROM.search(before) and _TO.fullmatch(text, q.end, qs[n + 1].start)
    if n + 1 < len(qs) and _ARROW.fullmatch(text, q.end, qs[n + 1].start):
        return True  # "scaffolding 3 weeks -> 2 weeks": the old figure, then the new
    return bool(
        _REJECTED_BEFORE.search(before)
        or _REJECTED_AFTER.match(text, q.end)
        or moved
        # "We were hoping for 12, but honestly even 11 would be amazing": the hope set aside for the figure after it
        or (_HOPED_BEFORE.search(before) and _BUT_EVEN_AFTER.match(text, q.end))
        # "I can't go above 160 base this week … but I can do 158 base": the ceiling set aside for the figure put
        or (_CEILING_BEFORE.search(before) and _BUT_I_CAN.search(text, q.end, q.end + 120))
        # "4600 is right at my limit honestly, could we meet at 4550": their figure weighed, the one after it put
        # ("4600 is my absolute limit tho, so could we meet at 2.5% a year?" puts the 4600: the figure after is another term's)
        or (
            _AT_MY_LIMIT.match(text, q.end) is not None
            and (put := _THEN_PUT.search(text, q.end, q.end + 120)) is not None
            and any(
                o.start >= put.end() - 1
                and o.percent == q.percent
                and 0.8 * q.value <= o.value <= 1.25 * q.value
                for o in qs[n + 1 : n + 2]
            )
        )
        # "3M at 12 instead of 2.5 at 10": a pair set against a pair, the whole old pair set aside ("3 instead of 2.5 at
        # 12 pre" sets aside only the 2.5)
        or _PAIR_FOR_PAIR.search(text[max(0, q.start - 60) : q.start])
    )


_PAIR_FOR_PAIR = re.compile(
    r"\d[\d.]*\s*[a-z%]{0,2}\s+(?:at|on)\s+[$£€]?\d[\d.]*\s*[a-z%]{0,4}\s+instead\s+of\s+[$£€]?\d[\d.]*\s*[a-z%]{0,2}\s+"
    r"(?:at|on)\s+[$£€]?$",
    re.I,
)


_CEILING_BEFORE = re.compile(
    r"(?<![a-z])(?:can['’]?t|cannot|won['’]?t)\s+(?:go|get|come)\s+(?:above|over|past|beyond|higher\s+than|lower\s+than|"
    r"below|under)\s+[$£€]?$",
    re.I,
)
_AT_MY_LIMIT = re.compile(
    r"\s*(?:is|'s|’s)\s+(?:right\s+|just\s+|already\s+|really\s+)?(?:at\s+|over\s+|past\s+)?(?:my|our)\s+"
    r"(?:absolute\s+)?(?:limit|max|maximum|ceiling|top|stretch)\b",
    re.I,
)
_THEN_PUT = re.compile(
    r"\b(?:(?:could|can|would)\s+(?:we|you|u)\s+(?:meet\s+(?:me\s+)?at|do|say|go\s+(?:to|with)|settle\s+(?:at|on))|how\s+about|"
    r"what\s+about)\s+[$£€]?\d",
    re.I,
)
_BUT_I_CAN = re.compile(r"\bbut\s+(?:i|we)\s+(?:can|could)\s+(?:do|offer|go\s+to|manage)\s+[$£€]?\d", re.I)


_HOPED_BEFORE = re.compile(
    r"\b(?:hoping for|hoped for|wanted|were after|was after|had in mind|were thinking|was thinking)\s+(?:the\s+)?[$£€]?$",
    re.I,
)
_BUT_EVEN_AFTER = re.compile(
    r"[^.?!\d]{0,12}?,?\s*but\s+(?:honestly\s+|realistically\s+|frankly\s+|tbh\s+)?(?:even|we could|we'd|i could|i'd)\b",
    re.I,
)


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the spans blanked: negation words inside an issue's own phrases ("no noisy work") are its."""
    chars = list(text)
    for s, e in spans:
        chars[s:e] = "x" * (e - s)
    return "".join(chars)


def _yes_no(text: str, yes: list[tuple[int, int]], no: list[tuple[int, int]]) -> float | None:
    """1 when a yes/no term is asked for, 0 when declined ("no X", "X out"), None when it is not named."""
    masked = _mask(text, yes + no)
    yes = [(s, e) for s, e in yes if not any(ns <= s and e <= ne for ns, ne in no)]
    said = [0.0 if _negated(masked, s, e) else 1.0 for s, e in yes]
    # a no-phrase declines, unless itself denied ("I don't want display out of scope")
    said += [
        1.0 if _FLIP.search(" ".join(_CLAUSE.split(masked[max(0, s - 40) : s])[-1].split()[-3:])) else 0.0
        for s, e in no
    ]
    return min(said) if said else None


def _only_signs(text: str, spans: list[tuple[int, int]], qs: list[Quantity]) -> bool:
    """Every keyword found is a % sign written as part of some figure ("3%")."""
    return all(text[s:e].strip() == "%" and any(q.start <= s < q.end + 1 for q in qs) for s, e in spans)


def _keyed(
    text: str,
    qs: list[Quantity],
    skip: set[int],
    numeric: list[Issue],
    spans: dict[str, list[tuple[int, int]]],
    base: dict[str, float | None],
) -> tuple[dict[str, float], set[int], set[int]]:
    """Numbers tied to an issue by a keyword, nearest first: (terms, numbers used, numbers with a unit word after)."""
    percent_issues = [i for i in numeric if _PERCENT_UNIT.search(i.unit)]
    options, unit_after = [], set()
    for n, q in ((n, q) for n, q in enumerate(qs) if n not in skip):
        percent_only = (
            q.percent
            and not q.relative
            and any(_fit(text, q, i, base[i.id], True) is not None for i in percent_issues)
        )
        for issue in numeric:
            own_unit = any(
                s >= q.end and re.fullmatch(r"[\s/-]*", text[q.end : s]) for s, _ in spans[issue.id]
            )
            if own_unit and (_fit(text, q, issue, base[issue.id], True) is not None):
                unit_after.add(
                    n
                )  # "four years": a number with its own unit word is never bare ("15.20 net 30" is)
            if percent_only and issue not in percent_issues:
                continue
            if _other_period(text, q, issue):
                continue  # "the bonus and the two fixed days": days counted are no sum of money
            # the % sign names a percent issue ("4600 on 5 w 3%": the 3% is the increase, not the 5 beside it)
            near = _nearest(text, _core(text, q), spans[issue.id], q.relative == "same") or (
                (6.5, 0) if percent_only else None
            )
            if (
                near
                and not q.percent
                and _PERCENT_UNIT.search(issue.unit)
                and _only_signs(text, spans[issue.id], qs)
            ):
                near = None  # the only keyword near it is another figure's own % sign
            if (
                near
                and near[0] > (2 if "month" in issue.unit.lower() else 6.5)
                and _time_converted(text, q, issue)
            ):
                near = (
                    None  # "8 weeks, one contact, forecast…": weeks go into months only tied to the keyword
                )
            if near and (v := _fit(text, q, issue, base[issue.id], True)) is not None:
                if (
                    issue.step >= 5
                    and not own_unit
                    and not _on_step(issue, v)
                    and any((b := _bare(text, q, j, base[j.id])) and b[1] for j in numeric if j is not issue)
                ):
                    continue  # "trial now + 76 in july": not a 76-day trial on a 15-day grid when 76 is pay ("net 17" is)
                options.append((*near, n, issue.id, v))
    terms: dict[str, float] = {}
    used: set[int] = set()
    for *_, n, issue_id, v in sorted(options):
        if n not in used and issue_id not in terms:
            terms[issue_id] = v
            used.add(n)
    return terms, used, unit_after


def _period_of(word: str) -> str:
    """ "weeks", "wk", "/month" → "week", "week", "month": the period a word names, in the units' spelling."""
    word = word.lower().lstrip("/").rstrip("s")
    return _TIME_WORD.get(word, word)


def _other_period(text: str, q: Quantity, issue: Issue) -> bool:
    """The number counts days, weeks, months or years, and the issue is money or a count with no such unit."""
    after = _NEXT_WORD.match(text, q.end)
    period = _period_of(after[1] if after else "")
    unit = issue.unit.lower()
    return (
        period in ("day", "week", "month", "year", "hour")
        and period not in unit
        and (bool(_MONEY_UNIT.search(unit)) or not re.search(r"day|week|month|year|hour", unit))
    )


_VERBS_S = frozenset(
    [
        "stays",
        "stands",
        "holds",
        "remains",
        "comes",
        "covers",
        "means",
        "gives",
        "leaves",
        "keeps",
        "suits",
        "helps",
    ]
)
_COUNTED_WHEN = re.compile(r"\s+(?:in|over|since|during|this|last|per|a|an|every|each)\b", re.I)


def _counts_no_term(text: str, q: Quantity, issues: Sequence[Issue]) -> bool:
    """A number that counts things no term is about: "enough for the 8 hires", "the two planners"."""
    after = _NEXT_WORD.match(text, q.end)
    if not after or q.currency or q.percent or q.relative or _CLOCK.search(text[q.start : q.end]):
        return False
    noun = after[1].lower().replace("’", "'")
    if noun in _NOT_NOUNS or noun == "ones" or not noun.endswith("s") or len(noun) < 4:
        return False
    if not re.search(
        r"\b(?:the|these|those|our|my|your|ur|their|his|her)\s+$", text[max(0, q.start - 8) : q.start], re.I
    ) and (noun in _VERBS_S or not _COUNTED_WHEN.match(text, after.end())):
        # "net 30 stays", "12k covers most of it": a verb, not a count; but "6 callouts in a year", "3 changes
        # since march" count things
        return False
    stem = noun[:-1]
    known = " ".join(f"{i.unit} {i.label} {' '.join(i.keywords)}" for i in issues).lower()
    return stem not in known and not re.match(r"(?:day|week|month|year|hour|yr|wk|mo|min)", noun)


# "the past 2 years", "our last 3 months", "over the last year"; "no changes in the last 6 weeks" is the freeze
_PAST_BEFORE = re.compile(
    r"\b(?:(?:the )?(?:past|previous|prior)|(?:our|my|ur|your|(?:over|for|from|during|of)(?: the)?) last|"
    r"going back|dating back|looking back over)\s+$",
    re.I,
)
_SPAN_UNIT = r"\s*-?\s*(?:days?|weeks?|wks?|months?|mos?|years?|yrs?)"
# where a pay band starts: "the band starts at 74" (where it tops out is an offer's ceiling when the employer says it)
_BAND_FACT = re.compile(
    r"\b(?:band|range|scale|bracket)\s+(?:\w+\s+)?(?:starts?|begins?|runs)\s+(?:at|from)\s+(?:about\s+|around\s+)?[$£€]?$",
    re.I,
)
# how things are on the user's side today: "we're ordering around 2000 at a time", "we pay 14.20 now"
_OURS_TODAY = re.compile(
    r"\b(?:we'?re|we are|were|we|i'?m|im|i am|i)\s+(?:currently\s+|usually\s+|normally\s+|typically\s+|only\s+)?"
    r"(?:ordering|order|buying|buy|using|use|selling|sell|paying|pay|getting|get|taking|take|doing|go\s+through|"
    # "we do around 60 kilo avg" (not "could we do 60 on average", "what if we do 14.20 same as now")
    r"(?<!could we )(?<!can we )(?<!would we )(?<!if we )(?<!should we )(?<!could i )(?<!can i )(?<!if i )do)\s+"
    r"(?:about\s+|around\s+|like\s+|roughly\s+|maybe\s+)?[$£€]?$",
    re.I,
)
_TODAY_AFTER = re.compile(
    r"[\w\s]{0,16}?\b(?:at a time|right now|now|currently|these days|on average|on avg|avg|average|per order|each time|"
    r"today|atm|usually|normally|typically|most weeks|"
    r"off (?:you|u)|from (?:you|u))\b",
    re.I,
)
# what others ask or charge, said to compare: "two empty units on Larch St right now asking $3,900", "the place
# across the road charges 15" (not "I'm asking $4,000": that one is put forward)
_OTHERS_ASK = re.compile(
    r"(?<!\bi'm )(?<!\bim )(?<!\bi am )(?<!\bwe're )(?<!\bwe are )(?<!\bwere )(?<!\bi )(?<!\bwe )"
    r"(?<!\byou're )(?<!\byoure )(?<!\byou are )(?<!\bur )(?<!\byou )(?<!\bu )"
    r"\b(?:asking|charging|charges|charge|quoting|quoted|going for|listed at|priced at|let(?:ting)? for|rent(?:s|ing)? for)"
    r"\s+(?:about\s+|around\s+|like\s+|only\s+|just\s+)?[$£€]?$"
    # what other places went for: "the two units on Larch went for 4,300 and 4,400 this year" (and the second of two)
    r"|(?<![a-z])(?:went|sold|rented|leased|goes|are\s+going|were\s+going)\s+for\s+(?:about\s+|around\s+|like\s+|"
    r"roughly\s+|only\s+|just\s+)?[$£€]?(?:[\d.,]+\s*(?:k\b)?\s*(?:and|or|to|-)\s*[$£€]?)?$",
    re.I,
)
# a percentage that is a change: "an 18% jump", "a 10% cut"
_RISE_AFTER = re.compile(
    r"\s*(?:jump|rise|increase|hike|bump|raise|markup|mark-up|drop|cut|more|up|down)\b", re.I
)
# what a figure said before comes to, relative to something ("15.60, thats already 10% more than we pay now"); the
# twin of _RESULT_BEFORE below, which marks a sum worked out to a term, where this marks a comparison made of one
_DESCRIBES_FIGURE = re.compile(
    r"\b(?:that'?s|thats|which is|which'?s|it'?s|its)\s+(?:already\s+|still\s+|only\s+|just\s+|about\s+|like\s+|"
    r"nearly\s+|almost\s+|roughly\s+|an?\s+)*$",
    re.I,
)
_MINUS_ANOTHER = re.compile(
    r"\b(?:that'?s|thats|which is|which'?s|it'?s|its)\b[^.,;!?]{0,35}\b(?:minus|plus)\s*[$£€]?$", re.I
)
# what a term was before: "before we were three years", "last time it was 4200", "we used to pay 4,200"
_WAS_ON = re.compile(
    r"(?:\b(?:before|last time|previously|until now|so far),?\s+)?(?<!\bif )(?<!\bas )\b(?:we|i|it|u|you|they)\s+(?:were|was|used\s+to\s+"
    r"(?:be|pay|have|get))\s+(?:on\s+|at\s+|paying\s+)?(?:about\s+|around\s+|like\s+)?[$£€]?$"
    # what was agreed before: "we shook on 60/40", "we agreed 50/50 back in march"
    r"|(?<!\bare )(?<!\bif )(?<!\bhave )\b(?:we|you|u)\s+(?:shook(?:\s+hands)?\s+on|(?:had\s+)?agreed(?:\s+on)?|settled\s+on|always\s+said)\s+"
    r"(?:the\s+|a\s+)?[$£€]?$",
    re.I,
)
_THAN_USUAL = re.compile(
    r"\b(?:than|from|instead of|vs\.?|versus)\s+(?:(?:our|the|their|my|your|ur)\s+)?(?:[\w']+\s+){0,2}?"
    r"(?:usual|normal|standard|regular)\s+[$£€]?$",
    re.I,
)
_PAST_AFTER = re.compile(
    # "the last two years have been great": time already gone by
    _SPAN_UNIT + r"\s+(?:ago\b|(?:have|has)\s+(?:been|gone|flown)\b|"
    # "the 6 months u already put in", "the two years we've worked together": time someone has put in
    r"(?:(?:that\s+)?(?:you|u|i|we|she|he|they)(?:'ve|\s+have|\s+had)?\s+(?:already\s+|just\s+)?"
    r"(?:put in|worked|spent|did|done|given|been (?:here|there|at it|on it)))\b)",
    re.I,
)
# "we've done 2 yrs of good work for u", "I've been here 5 years": time already put in, not a term
_DONE_BEFORE = re.compile(
    r"\b(?:we'?ve|wev'?e|i'?ve|we have|i have|we had|i had|it'?s been|its been)\s+(?:\w+\s+){0,2}?"
    r"(?:done|been|had|worked|spent|given|put in|run|supplied|roasted|served)\s+(?:\w+\s+)?(?:for\s+)?(?:about\s+|almost\s+|nearly\s+|over\s+)?$",
    re.I,
)
# "last 3 months of volumes", "the last 3 months volumes": a span of records, not of the deal
_PAST_RECORDS = re.compile(
    _SPAN_UNIT
    + r"(?:'s?)?\s+(?:of|worth|(?:volumes?|numbers|data|figures|sales|orders|invoices|history|records|"
    r"statements|usage|payments|books|accounts)\b)",
    re.I,
)


# a count of people: "ur getting emails from like 5 of us", "2 of them quit"
# when a way out opens, not the term: "if the numbers arent there after 6 months you can walk"
_WAY_OUT_AFTER = re.compile(r"\bif\b[^.?!;]{0,60}\bafter\s+$", re.I)
_SPAN_AFTER = re.compile(_SPAN_UNIT, re.I)
_OF_PEOPLE = re.compile(r"\s+of\s+(?:us|them|you|u|em|'em|ours|theirs|my team|our team|the team)\b", re.I)
_LIST_START = re.compile(r"(?:^|[.!?;:\n]\s*)$")
_LIST_MARK = re.compile(r"\s*[:)]")
_GROWTH_BEFORE = re.compile(
    r"\b(?:growing|grows|grew|growth(?:\s+rate)?|churn|margins?|conversion)\s+(?:of\s+|at\s+|by\s+|is\s+)?"
    r"(?:about\s+|around\s+|like\s+|over\s+|nearly\s+)?$",
    re.I,
)
_GROWTH_AFTER = re.compile(
    r"\s*(?:mom|m/m|yoy|y/y|(?:month|year)[- ](?:on|over)[- ](?:month|year)|growth)\b", re.I
)


_RATIO_AFTER = re.compile(r"\s*(?:out\s+of|over|/)\s*\d", re.I)
_RATIO_BEFORE = re.compile(r"\d\s*(?:out\s+of|over|/)\s*$", re.I)


def _ratio(text: str, q: Quantity) -> bool:
    """A side of a share worked out: "3 out of 15", "3 over 15", "3/15" (not "over 12 months")."""
    return (
        not (q.percent or q.currency)
        and (
            _RATIO_AFTER.match(text, q.end) is not None or _RATIO_BEFORE.search(text, 0, q.start) is not None
        )
        and TIME_AFTER.match(text, q.end) is None
    )


# the fraction a figure is taken by, said in words: "half the usual 12", "halve it", "double what we have now",
# "a third off", "a quarter of the way" (not "4000 a quarter": a period)
_FACTORS = (
    (re.compile(r"\b(?:half|halve[ds]?|halving)\b", re.I), (0.5, 1.5)),
    (re.compile(r"\b(?:double[ds]?|doubling|twice)\b(?![- ](?:trigger|check))", re.I), (2.0,)),
    (re.compile(r"\b(?:a|one)\s+third\s+(?:of|off|more|less|on\s+top)\b", re.I), (1 / 3, 2 / 3, 4 / 3)),
    (re.compile(r"\b(?:a|one)\s+quarter\s+(?:of|off|more|less|on\s+top)\b", re.I), (0.25, 0.75, 1.25)),
)
_ROUNDED_TO = re.compile(r"\bround(?:ed|ing)?\s+(?:it\s+)?(?:up|down|off)?\s*(?:to\b)?[^\d]{0,14}$", re.I)
_BASE_BEFORE = re.compile(
    r"\b(?:on|of|off|from|over|above|than)\s+(?:my|your|ur|our|the|their)?\s*[$£€]?$", re.I
)
_SUM_SPAN = 60  # a sum is worked out in one breath: its figures and what took them sit this close


def _sums(text: str, qs: Sequence[Quantity]) -> tuple[set[int], set[int]]:
    """(operands, results) of sums worked out loud: "10% on top of 145, so 159,500", "half the usual 12, so 6",
    "145 + 10% is 159.5, I'll round up to 160". The result is the term; what it was worked out from is not."""
    # (where the fraction or percent was said, the factors it could mean)
    factors = [(m.start(), m.end(), fs) for pattern, fs in _FACTORS for m in pattern.finditer(text)]
    percents = [
        (q.start, q.end, (1 + q.value / 100, 1 - q.value / 100)) for q in qs if q.percent and not q.relative
    ]
    if not factors and not percents and "round" not in text.lower():
        return set(), set()  # (read for every part and topic: most turns work out no sum)
    operands: set[int] = set()
    results: set[int] = set()
    for r, res in enumerate(qs):
        if res.percent or res.relative or not res.value:
            continue
        if _BASE_BEFORE.search(text, 0, res.start):
            continue  # "$15.40, that's +8% on 14.20": the figure a change is on is no sum's result
        for a, op in enumerate(qs):
            if a == r or op.percent or op.relative or not op.value:
                continue
            # "give me 10% on my 68, thats 74,800": the thousands left off the figure it started from
            scales = (1.0, 1e3) if op.value < 1000 <= res.value else (1.0,)
            # a percent is worked forward, said before its result ("10% on my 68, thats 74,800"; not "3 on 15,
            # exactly 20%"); a fraction either way ("6, half the usual 12")
            for start, end, fs in [
                *factors,
                *(p for p in percents if op.start < res.start and p[1] <= res.start),
            ]:
                near = max(op.end, res.end, end) - min(op.start, res.start, start) <= _SUM_SPAN
                if near and any(
                    abs(op.value * k * f - res.value) <= 0.004 * res.value for k in scales for f in fs
                ):
                    operands.add(a)
                    results.add(r)
    if operands & results:
        return set(), set()  # "4,500 rising 3%: 4,500, 4,635, 4,774…": a series laid out, no one sum to take
    for n, q in enumerate(qs):
        # "…is 159.5, I'll round up to the full 160": the rounded figure is the one put
        later = next((m for m in range(n + 1, len(qs)) if not qs[m].percent), None)
        if (
            later is not None
            and not q.percent
            and _ROUNDED_TO.search(text, q.end, qs[later].start)
            and abs(qs[later].value - q.value) <= 0.02 * max(q.value, qs[later].value)
        ):
            operands.add(n)
            results.discard(n)
            results.add(later)
    if results:
        # a percent that made a sum is part of the working, not a term of its own
        operands |= {
            n
            for n, q in enumerate(qs)
            if q.percent and not q.relative and any(abs(q.start - qs[r].start) <= _SUM_SPAN for r in results)
        }
    return operands - results, results


def _list_number(text: str, q: Quantity) -> bool:
    """A point's number at the start of a line or sentence: "One: …", "2) …"."""
    return (
        q.value <= 10
        and not (q.percent or q.currency)
        and _LIST_START.search(text[max(0, q.start - 4) : q.start]) is not None
        and _LIST_MARK.match(text, q.end) is not None
    )


def _growth(text: str, q: Quantity) -> bool:
    """How fast a business grows or churns: "growing 8% a month", "8% MoM"."""
    return q.percent and (
        _GROWTH_BEFORE.search(text[max(0, q.start - 30) : q.start]) is not None
        or _GROWTH_AFTER.match(text, q.end) is not None
    )


def term_figures(text: str) -> list[Quantity]:
    """The figures in a text that could be terms: not a growth rate, a share worked out, a list's point number or
    time gone ("we're growing 8% a month, we should be at 15": only the 15)."""
    return [
        q
        for q in quantities(text)
        if not (_growth(text, q) or _ratio(text, q) or _list_number(text, q) or _past_span(text, q))
    ]


def _past_span(text: str, q: Quantity) -> bool:
    """A stretch of time already gone: "the last 3 months", "over the past two years", "6 months ago"."""
    return bool(
        (_PAST_BEFORE.search(text[max(0, q.start - 16) : q.start]) and TIME_AFTER.match(text, q.end))
        or (
            re.search(r"\blast\s+$", text[max(0, q.start - 6) : q.start], re.I)
            and _PAST_RECORDS.match(text, q.end)
        )
        or (
            _PAST_AFTER.match(text, q.end)
            # "credit the 6 months you already put in": that time, made a term
            and not re.search(
                r"\b(?:credit|count|recogni[sz]e|vest)\w*\W+(?:\w+\W+){0,2}$", text[: q.start], re.I
            )
        )
        or (_DONE_BEFORE.search(text[max(0, q.start - 40) : q.start]) and TIME_AFTER.match(text, q.end))
    )


def _weekdays(text: str, issue: Issue, spans: list[tuple[int, int]]) -> int | None:
    """Days a week named by weekday ("Tuesdays and Thursdays at home"): the run nearest a keyword, else the one
    run of two or more days."""
    groups = weekday_groups(text)
    keyed = sorted((near, g) for g in groups if (near := _nearest(text, g[:2], spans)))
    several = [g for g in groups if g[2] > 1]
    group = keyed[0][1] if keyed else several[0] if len(several) == 1 else None
    return group[2] if group and issue.low <= group[2] <= issue.high else None


def _unkeyed(
    text: str,
    q: Quantity,
    open_issues: list[Issue],
    base: dict[str, float | None],
    keyword_starts: frozenset[int] = frozenset(),
    context: str = "",
) -> tuple[str, float] | None:
    """The issue a number with no keyword names, if exactly one can be meant (see _bare and _choose)."""
    timed = bool(_CLOCK.search(text[q.start : q.end]))  # "9am": a time of day, whatever word comes next
    after = _NEXT_WORD.match(text, q.end) if q.relative != "same" and not timed else None
    counts_keyword = False
    if after and after.start(1) in keyword_starts:
        after = None  # "15.20 net 30": the word after is another term's keyword, not what 15.20 counts
        counts_keyword = True
    noun = (
        after[1].lower().replace("’", "'")
        if after and after[1].lower().replace("’", "'") not in _NOT_NOUNS
        else None
    )
    if noun:  # "6 weeks" may still be a count of weeks, "3 people" is no term ("3 wks" is weeks)
        noun = _TIME_WORD.get(noun.rstrip("s"), noun)
        open_issues = [i for i in open_issues if noun.rstrip("s") in i.unit.lower()]
    if rate := _RATE.match(text, q.end):
        # "12.5k a month" is no signing bonus and no yearly salary: money by the month is a term paid by the month
        period = _period_of(rate[0].split()[-1])
        open_issues = [i for i in open_issues if not _MONEY_UNIT.search(i.unit) or period in i.unit.lower()]
    found = [
        (i.id, c[0], c[1], bool(_MONEY_UNIT.search(i.unit)))
        for i in open_issues
        if (c := _bare(text, q, i, base[i.id]))
    ]
    if found and not any(c[2] for c in found) and not noun and not counts_keyword and q.high is None:
        # "go for 82 now" in a raise: 82,000 a year, beyond where the talk has been but on the salary's step, not an
        # 82-day trial off its 15-day step
        wide = [
            (i.id, c[0], c[1], True)
            for i in open_issues
            if _MONEY_UNIT.search(i.unit)
            and (c := _bare(text, q, i, base[i.id], wide=True))
            and c[1]
            and c[0] >= 1e3 * q.value  # said in thousands ("13" is no $13 a kilo for this)
        ]
        found += wide if len(wide) == 1 else []
    if not found and not noun and not counts_keyword:
        # outside every zone: the one issue whose range holds it, on its step ("three invoices" counts invoices)
        found = [
            (i.id, v, True, False)
            for i in open_issues
            if (v := _fit(text, q, i, base[i.id], False)) is not None and (q.relative or _on_step(i, v))
        ]
        found = found if len(found) == 1 else []
    hourly = [i.id for i in open_issues if _HOUR_UNIT.search(i.unit)]  # the terms that are an hour of the day
    clock = hourly if timed or _CLOCK_BEFORE.search(text[: q.start]) else []
    pick = _choose(found, clock)
    if pick is None and context and len(found) > 1 and not q.relative and not noun:
        # "7 I can do." just after "Seven, not six" on deliveries: the one term of theirs it echoes is taken up
        theirs = [c for c in found if (b := base.get(c[0])) is not None and abs(b - c[1]) < 1e-9]
        if len(theirs) == 1 and any(abs(x.value - q.value) < 1e-9 for x in quantities(context)):
            pick = theirs[0][0], theirs[0][1]
    if pick is None and context and len(found) > 1:
        keywords = {i.id: i.keywords for i in open_issues}
        talked = [c for c in found if _phrase_spans(context, keywords[c[0]])]
        # "what about 6?" just after "Could they come at seven?": the hour they put, answered with an hour
        hours = [c for c in found if c[0] in hourly]
        if len(hours) == 1 and _HOUR_SAID.search(context):
            pick = hours[0][0], hours[0][1]
        elif len(talked) == 1:  # "could we do 6?" just after "a design freeze 8 weeks before each ship date"
            pick = talked[0][0], talked[0][1]
    return pick


# an hour of the day in their line: "come at seven", "at 7", "before 8am", "not till nine"
_HOUR_SAID = re.compile(
    r"\b(?:at|before|after|till|until|from)\s+(?:\d{1,2}(?::\d\d)?|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve)(?:\s*(?:[ap]\.?m\b\.?|o'?clock))?(?!\s*(?:%|percent|k\b|weeks?|months?|years?|days?|kilos?|units?|"
    r"hours?|people|of\b|per\b))",
    re.I,
)


def _none_named(text: str, start: int, end: int) -> bool:
    """A keyword said as none of it: "no vesting cliff", "without a bonus", but not "no cliff longer than 6 months"."""
    return bool(
        _NONE_BEFORE.search(_CLAUSE.split(text[max(0, start - 40) : start])[-1])
        and not _COMPARED.match(text, end)
    )


def _counts_term(text: str, q: Quantity, flags: list[tuple[int, int]]) -> bool:
    """A plain number just before a yes/no keyword counts that term: "one point of contact", "two board seats"."""
    # (never a figure with decimals: "15.40 direct debit net 30" is a price, then the debit)
    return not (
        q.currency or q.percent or q.relative or q.high is not None or q.scale > 1 or q.value != int(q.value)
    ) and any(
        q.end <= s
        and re.fullmatch(r"[\s-]+", text[q.end : s])
        # "the 80 from day one": a phrase that says when is not what the number counts
        and not _WHEN_WORD.match(text, s)
        for s, _ in flags
    )


_WHEN_WORD = re.compile(r"(?:from|starting|start|before|after|until|till)\b", re.I)


_KEPT = re.compile(
    r"\b(?:standard|usual|normal|existing|current|same|old|present|today['’]?s)\b\W*(?:\w+\W+)?\|?\s*$|^\W*(?:\w+\W+)?\|\s*"
    r"(?:stays?|remains?|as (?:it )?is|unchanged|as today|as now)\b|\b(?:keep|keeping|with) (?:the|a)\s*(?:\w+\s+)?\|"
    r"(?!\s*(?:back-?dated|raised|increased|going up|moved)\b)",  # "with the money backdated" changes it
    re.I,
)
_DOWN = re.compile(r"\b(?:off|discount|cut|less|lower|down|reduc\w*|knock|under|below)\b", re.I)
_UP = re.compile(r"\b(?:more|up|increase|raise|rise|higher|on top)\b", re.I)


_PROPOSED_PERCENT = re.compile(
    r"\b(?:is|do|at|get|want|need|say|about|around|maybe|like|try|make it|for|of)\s+(?:a|an|maybe|like|say)?\s*$",
    re.I,
)


_WORD_AFTER = re.compile(r"\s*((?:more|less|fewer|extra|up|down)\s+)?([a-z]+)", re.I)
_PRICE_WORDS = re.compile(
    r"raise|rise|increase|bump|hike|on|of|an?|per|each|then|and|please|for|would|is|as|to|than|pay|salary|base|now"
    r"|this|that|i|we|if|with|tho|though|or|at|instead|money|cash|rent|price|but|plus|so"
    # "would 10% off work?", "does 5% less do it": the change asked about, then the verb asking
    r"|work|works|do|does|help|fly|sound|sounds|suit|be|you|u|your|ur|the|it|from|across|overall|total",
    re.I,
)
_THING_ROSE = re.compile(
    r"\b([a-z]+)\s+(?:plus|up|\+|rose|went\s+up|has\s+gone\s+up|increased|jumped)\s*(?:by\s+)?(?:about\s+|around\s+)?$",
    re.I,
)
_NOT_THINGS = frozenset(
    ["i", "we", "you", "u", "it", "that", "this", "they", "he", "she", "go", "going", "come", "coming"]
)
_THEIR_FIGURE = re.compile(
    r"\s*(?:\w+\s+){0,2}?(?:your|ur|yr|their|the)\s+(?:ask|number|offer|price|figure|quote)\b", re.I
)


def _percent_of_price(
    text: str,
    qs: list[Quantity],
    taken: set[int],
    open_issues: list[Issue],
    terms: dict[str, float],
    reference: Mapping[str, float],
) -> None:
    """ "5% off", "would 12% do it", "ten percent less": a percentage of the one money issue's value today.

    With no percent issue to take it, a bare percentage is a change to the price: down with "off", "less", "cut",
    up with "more", "increase", else the way the counterpart wants it to move (a discount asked of a client is off,
    an increase offered to a supplier is up)."""
    # a percentage of nothing is no figure: "12%" in a raise is of the salary, not of a bonus that is 0 today
    money = [i for i in open_issues if _MONEY_UNIT.search(i.unit) and i.current]
    if len(money) != 1 or money[0].current is None:
        return
    issue, current = money[0], money[0].current
    for n, q in enumerate(qs):
        if n in taken or not q.percent or q.base is not None or q.other is not None or not 0 < q.value < 60:
            continue
        b = _THING_ROSE.search(text, 0, q.start)
        if b and not _PRICE_WORDS.fullmatch(b.group(1)) and b.group(1).lower() not in _NOT_THINGS:
            continue  # "the tax plus 11 percent", "insurance up 22%": a figure about something else
        w = _WORD_AFTER.match(text, q.end)
        if w and (w.group(1) or q.relative in ("more", "less")) and not _PRICE_WORDS.fullmatch(w.group(2)):
            continue  # "18% more overtime" is a figure about something else
        near = text[max(0, q.start - 25) : q.end + 25]
        down = q.relative == "less" or (q.relative is None and bool(_DOWN.search(near)))
        up = q.relative == "more" or (q.relative is None and not down and bool(_UP.search(near)))
        sign = -1 if down else 1 if up else (1 if issue.counterpart.prefers == "high" else -1)
        # "10 percent under your number" is of the figure on the table, not of today's
        base = reference.get(issue.id, current) if _THEIR_FIGURE.match(text, q.end) else current
        # "what i'm thinking is 12%" of a salary at the floor is a rise, and so is "5% now, review in 6 months"
        # (the way the counterpart wants it would be a cut); "4%?? a joke" is no figure of ours
        echoed = text[q.end : q.end + 2].lstrip().startswith("?")
        proposed = not echoed or _PROPOSED_PERCENT.search(text, 0, q.start)
        signs = (sign, -sign) if not (up or down) and proposed else (sign,)
        for s in signs:
            v = base * (1 + s * q.value / 100)
            if issue.low <= v <= issue.high:
                terms[issue.id] = v
                return


def _same_as_now(text: str, qs: list[Quantity], open_issues: list[Issue], terms: dict[str, float]) -> None:
    """ "keep it same as now" with no keyword: the one issue that has a value today and is being renegotiated."""
    if not any(q.relative == "same" for q in qs) or any(
        v == i.current for i in [*open_issues] for k, v in terms.items() if k == i.id
    ):
        return
    moving = [i for i in open_issues if i.current is not None and i.current != i.opening]
    if len(moving) > 1:
        moving = [i for i in moving if _MONEY_UNIT.search(i.unit)]  # "keep it the same as now": the price
    if len(moving) == 1 and moving[0].current is not None:  # not None: kept by the filter above
        terms[moving[0].id] = float(moving[0].current)


# what a figure is worked out to: "…, so 22,500", "= 20%", "which is 20,400"
_RESULT_BEFORE = re.compile(
    r"(?:\bso|=|\bwhich is|\bthat'?s|\bthats|\bmaking it|\bi\.?e\.?|->|→|\bcomes to|\bworks out (?:to|at)|"
    # "you want 19,2, i offered 21,6, meet in the middle at 20,400": where the two meet
    r"\b(?:middle|halfway|difference) (?:at|on))\s+"
    r"(?:about\s+|around\s+|roughly\s+|like\s+)?[$£€]?$",
    re.I,
)


# what comes just before a figure put forward: "how about", "I'd pay", "would you take", "I was thinking", "at"
_PUT_FORWARD = re.compile(
    r"(?:\b(?:how|what)\s+about|\bwould\s+(?:you|u)\s+(?:take|do|accept|go\s+for)|"
    r"\b(?:i|we)\s*(?:'d|’d|would|could|can|will|'ll|’ll)\s+(?:do|pay|offer|go\s+(?:to|for)|accept|take)|"
    r"\b(?:i|we)\s+(?:was|were|am|are)\s+thinking|\blet'?s\s+(?:say|do|call\s+it)|\b(?:offer|propose|suggest)(?:ing)?|"
    r"\bmeet\s+(?:at|in\s+the\s+middle\s+at)|\b(?:at|for)|\bmake\s+it|\bcan\s+(?:you|u)\s+do)\s+(?:[a-z]+\s+)?[$£€]?\s*$"
    r"|(?:^|[.!?]\s+)(?:(?:ok(?:ay)?|hmm+|well|so|right|fine)\W+)?[$£€]?\s*$",
    re.I,
)


def _far_money(
    text: str, qs: list[Quantity], taken: set[int], open_issues: list[Issue], terms: dict[str, float]
) -> None:
    """A sum far outside every range is still an offer on the one money term of its size: "how about 2350 for two
    years" to a landlord asking 5,000 is a rent (a lowball, kept at the range's edge), not nothing, or the lease
    alone would be read and agreed at her own rent."""
    for n, q in enumerate(qs):
        if (
            n in taken
            or q.relative
            or q.percent
            or q.other is not None
            or _CLOCK.search(text[q.start : q.end])
        ):
            continue
        if not q.currency and q.scale == 1 and q.value == int(q.value) and 1900 <= q.value <= 2100:
            continue  # a year
        if not (q.currency or q.scale > 1 or q.value >= 100) or not _PUT_FORWARD.search(
            text[max(0, q.start - 30) : q.start]
        ):
            continue
        found = []
        for issue in open_issues:
            if not _MONEY_UNIT.search(issue.unit):
                continue
            factors = [1.0]
            if q.scale == 1 and q.value < 1000 and issue.low >= 10_000:
                factors.append(1e3)  # "60" for a salary in the 70,000s
            if q.scale >= 1e6 and _MILLIONS_UNIT.search(issue.unit):
                factors.append(1 / q.scale)  # "$20M" for a pre-money counted in millions
            # past the range on the user's own side only: a lowball rent or an ambitious salary, not "40k a year"
            # of overtime said to a manager
            fits = [
                x
                for f in factors
                if (issue.low * 0.4 <= (x := q.value * f) < issue.low and issue.user.prefers == "low")
                or (issue.high < x <= issue.high * 2.5 and issue.user.prefers == "high")
            ]
            if fits and not any(issue.low <= q.value * f <= issue.high for f in factors):
                found.append((issue.id, fits[0]))
        if len(found) == 1:
            terms[found[0][0]] = found[0][1]
            return


# "give me 5 min", "back in 20", "let me call my partner, two secs": a break in the talk, not a term (unless a term is
# counted in minutes); "can i get back 2 u on the length": "2" typed for "to"
_MINUTES_AFTER = re.compile(r"\s*(?:min|mins|minutes?|secs?|seconds?|ticks?)\b", re.I)
_BACK_IN = re.compile(
    r"\b(?:back|ready|free|call (?:you|u)|ring (?:you|u)|text (?:you|u))\s+in\s+(?:about\s+|like\s+|~\s*)?$",
    re.I,
)
_TWO_FOR_TO = re.compile(
    r"\b(?:back|talk|speak|listen|reply|respond|explain|say|send|write|come|get|nice|up|it|this|that)\s+$",
    re.I,
)


def _away_for(text: str, q: Quantity, issues: Sequence[Issue]) -> bool:
    # ("76k min." is a minimum; a situation with a term counted in minutes, "minutes after closing", keeps them)
    minutes = (
        q.value <= 120
        and not q.currency
        and q.scale == 1
        and _MINUTES_AFTER.match(text, q.end)
        and not any("min" in i.unit.lower() for i in issues)
    )
    if minutes or _BACK_IN.search(text[max(0, q.start - 30) : q.start]):
        return True
    return (
        text[q.start : q.end] == "2"
        and re.match(r"\s+(?:u|you|ya)\b", text[q.end :], re.I) is not None
        and _TWO_FOR_TO.search(text[max(0, q.start - 12) : q.start]) is not None
    )


# "actually make it 80, 82 sounds greedy", "i shouldn't have said 18", "forget the 45": a figure taken back
_TAKEN_BACK_BEFORE = re.compile(
    r"\b(?:shouldn'?t|should not|shudnt) have (?:said|asked for|offered|put|gone (?:for|with))\s+[$£€]?$|"
    r"\bforget (?:the |about (?:the )?)?[$£€]?$|"
    # "ok, scratch the 2.8, lets do 2.5"
    r"\b(?:scratch|ditch|scrap|strike)\s+(?:the |that |my )?[$£€]?$",
    re.I,
)
# "i know i said 15.20 before, forget that", "look i said 14.80 before, ill go to 15.20": the user's own figure from
# earlier, pointed back at while putting another
_SAID_BEFORE = re.compile(
    r"\b(?:i\s+(?:said|offered|asked\s+for|mentioned|proposed|put\s+forward|floated)|we\s+(?:offered|proposed))\s+"
    r"(?:the\s+|a\s+)?[$£€]?$",
    re.I,
)
_I_SAID = r"(?:that\s+)?i\s+(?:said|offered|asked\s+for|mentioned|proposed|put\s+forward)\s+"
_EARLIER = (
    r"(?:before|earlier|at\s+first|at\s+the\s+start|last\s+time|a\s+(?:minute|moment|sec|second)\s+ago)\b"
    # ("the 55/45 i said earlier stands": said again, not taken back)
    r"(?!\W*(?:still\s+)?(?:stands|holds|applies|is\s+still|still\s+on|is\s+on))"
)
_BEFORE_NOW = re.compile(rf"\s*(?:[a-z%]+\s+){{0,2}}?(?:{_I_SAID})?{_EARLIER}", re.I)
_SAID_BEFORE_AFTER = re.compile(rf"\s*(?:[a-z%]+\s+){{0,2}}?{_I_SAID}{_EARLIER}", re.I)
_TAKEN_BACK_AFTER = re.compile(
    r"\s*(?:k\b)?\s*(?:sounds?|seems?|seemed|feels?|felt|was|is|'s)\s+(?:(?:a bit|too|way too|kind of|kinda|pretty|"
    r"really)\s+)?(?:greedy|much|a lot|steep|cheeky|silly|crazy|wrong|a mistake|unfair|over the top|ambitious|"
    # "so if 80 is a hard sell, I could do 76": the figure set aside for the one after it
    r"(?:a )?hard sell|a stretch|out of reach|high|far)\b",
    re.I,
)


def _taken_back(text: str, q: Quantity) -> bool:
    return bool(
        _TAKEN_BACK_BEFORE.search(text[max(0, q.start - 30) : q.start])
        or _TAKEN_BACK_AFTER.match(text, q.end)
        or (_SAID_BEFORE.search(text[max(0, q.start - 30) : q.start]) and _BEFORE_NOW.match(text, q.end))
        # "going back to the 12 months i asked for earlier, what if its 9 instead"
        or _SAID_BEFORE_AFTER.match(text, q.end)
    )


def _or_another(text: str, qs: Sequence[Quantity], q: Quantity) -> bool:
    """ "Scaffolding for 3 weeks, hmm, or 2 if the builder can manage it": a bare figure after "or", the other figure
    of the term just named (the first one is what is put forward), not a figure of some other term."""
    if not re.search(
        r"(?:^|[\s,])or\s+(?:maybe\s+|even\s+|perhaps\s+)?$", text[max(0, q.start - 16) : q.start], re.I
    ):
        return False
    if re.match(
        r"\s*(?:k|%|percent|weeks?|wks?|months?|mos?|years?|yrs?|days?|metres?|meters?|m|kg|kilos?)\b",
        text[q.end :],
        re.I,
    ):
        return False
    before = [o for o in qs if o.end <= q.start and q.start - o.end <= 30]
    return bool(before) and not re.search(r"[.;!?]", text[before[-1].end : q.start])


def read_terms(
    text: str, issues: Sequence[Issue], reference: Mapping[str, float] | None = None, context: str = ""
) -> dict[str, float]:
    """The terms a turn names, {issue_id: value} as said (inside the range); issues not named are left out.

    `context` is what the other side just said: a bare number that could be several terms ("could we do 6?") is
    the one term it was talking about."""
    return _read(text, issues, reference, context)[0]


def rejected_terms(
    text: str,
    issues: Sequence[Issue],
    reference: Mapping[str, float] | None = None,
    context: str = "",
    proposed: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """The terms a "no" turns down: "5000 is way too much" turns down a rent of 5,000, "i cant do 16.80, my
    ceiling is 15.60" the 16.80 (the ceiling is the reason, not what is refused), "16 is still more than i can
    swing" the 16. A no that names no figure ("no way", "too much.") turns down `proposed`, the terms their last
    line put forward."""
    named, turned_down = _read(text, issues, reference, context)
    return {**named, **turned_down} or dict(proposed or {})


# "…15.50. no wait, 15.40", "one fifty-five... actually no, let me go to 158": a figure corrected in the same breath
_CORRECTS_ITSELF = re.compile(
    r"[.,;!?…—-]+\s*(?:(?:ok|sorry|um+|er+|hmm+|oh)\W+)?"
    r"(?:no,? wait|wait,? no|actually,? no|no,? actually|scratch that|strike that|sorry,? i meant?)\b"
    # "i can do 16.50 - sorry, 15.50 i meant", "2.8 - no, 2.5", "15.80 and net 15 - sorry 15.60": a figure put straight
    # in place of the one before it
    r"|\s[-–—]+\s*(?:sorry|no|oops|i mean|make (?:that|it))\W+(?=[$£€]?\d)",
    re.I,
)

# "sixteen twenty no sorry sixteen forty", "150 i mean 155", "4k um make that 45 hundred": a spoken figure put right
# with no stop before the correction; it counts only between two figures, so "16 i mean its a lot" corrects nothing
_CORRECTS_SPOKEN = re.compile(
    r"\s+(?:(?:um+|uh+|er+)\s+)?(?:no,?\s+sorry|sorry|no,?\s+wait|wait,?\s+no|i\s+mean|i\s+meant|or\s+rather|"
    r"make\s+(?:that|it)|correction|no)\W+",
    re.I,
)


# what may sit between the first figure and the correction: its unit ("12 months i mean 24"), nothing more
# ("at 15.40 and make it 24 months": a second term joined on, not the first one put right)
_UNIT_WORDS = re.compile(r"(?:\s*(?!(?:and|or|but|then|plus|with|for|at|to|on)\b)[a-z%]+){0,2}\s*", re.I)


def _spoken_fix(text: str) -> tuple[re.Match[str], Quantity, Quantity] | None:
    """A correction said straight after one figure and straight before another: (the correction, the figure put
    right, the figure meant; the last counted from the correction's end)."""
    for m in _CORRECTS_SPOKEN.finditer(text):
        before, after = quantities(text[: m.start()]), quantities(text[m.end() :])
        if (
            before
            and after
            and after[0].start <= 1
            and _UNIT_WORDS.fullmatch(text, before[-1].end, m.start())
        ):
            return m, before[-1], after[0]
    return None


# "…at 76k… actually no, it's more than 4% on my 68": a claim put right, not the figure
_STATES_AFTER = re.compile(r"\W*(?:it'?s|its|that'?s|thats|which|this is)\b", re.I)
# "halfway between your sixteen and fifteen twenty": the figure between two others, not either of them
_HALFWAY = re.compile(
    r"\b(?:(?:meet|land|settle|go|come)\s+)?(?:halfway|half\s+way|midway|in\s+the\s+middle|split\s+the\s+difference)"
    r"\s+between\s+(?P<a>(?:[^.?!,;]|[.,](?=\d)){1,40}?)\s+and\s+(?P<b>(?:[^.?!,;]|[.,](?=\d)){1,40}?)"
    r"(?=\s*(?:[?!;]|[.,](?!\d))|\s+(?:and|with|plus|if|so|but|then|for|on)\b|\s*$)",
    re.I,
)
_WHOSE = re.compile(r"^\s*(?:your|ur|yr|my|our|their|the|what\s+(?:you|u|i|we)\s+\w+)\s+", re.I)


def _halfway(
    text: str, issues: Sequence[Issue], reference: Mapping[str, float] | None, context: str
) -> tuple[re.Match[str], str, float] | None:
    """The one term a "halfway between A and B" names, and the figure between A and B, when both read as it."""
    m = _HALFWAY.search(text)
    if m is None:
        return None
    ends = [_read(_WHOSE.sub("", m[g]), issues, reference, context)[0] for g in ("a", "b")]
    both = [k for k in ends[0] if k in ends[1] and k in {i.id for i in issues if i.kind == "number"}]
    if len(both) != 1:
        return None
    key = both[0]
    issue = next(i for i in issues if i.id == key)
    middle = round((ends[0][key] + ends[1][key]) / 2, max(issue.decimals, 2))
    return m, key, middle


# (an hour of pay is one of a 40-hour week's: "i want 40 an hour" of a salary is 83,200 a year)
_PERIODS_A_YEAR = {"hour": 2080.0, "week": 52.0, "month": 12.0, "quarter": 4.0, "year": 1.0}
_PERIOD_WORDS = {
    "hour": "hour",
    "hr": "hour",
    "week": "week",
    "wk": "week",
    "month": "month",
    "mo": "month",
    "quarter": "quarter",
    "qtr": "quarter",
    "year": "year",
    "yr": "year",
}
_PER_PERIOD = re.compile(
    r"(?P<num>[$£€]?\d[\d,]*(?:\.\d+)?)(?P<k>\s*k\b)?(?P<noun>\s*(?:kilos?|kgs?|units?|pieces?|pcs)\b)?"
    r"\s*(?:a|an|per|/|each|every)\s*(?P<period>hour|hr|week|wk|month|mo|quarter|qtr|year|yr)s?\b",
    re.I,
)


# what the user's side does today ("we do roughly 250 kilos a month"), and the words that put a figure forward
_SAYS_TODAY = re.compile(
    r"\b(?:(?:we'?re|we are|were|i'?m|im|i am) (?:at|on|paying|spending|doing|taking|buying|ordering|using)|"
    r"(?:we|i) (?:currently |usually |normally |already )?(?:do|take|buy|order|pay|spend|use|get|sell|go through))\b"
)
_PUTS_IT = re.compile(r"\b(?:if|could|would|can|will|commit|guarantee|promise|offer|propose)\b|'d\b|'ll\b")


def _in_issue_periods(text: str, issues: Sequence[Issue]) -> str:
    """ "if we order 240 a month" for a term counted by the week, "4,000 units a month" for one counted by the quarter,
    "60k a year" for a rent by the month: the figure said again in the term's own period (when that lands in range)."""
    periodic = {}
    for issue in issues:
        unit = issue.unit.lower()
        if "/" not in unit or unit.split("/")[1] not in _PERIODS_A_YEAR or unit.startswith(("day", "hour")):
            continue
        periodic[issue.id] = (unit.startswith("$"), unit.split("/")[1], issue)
    if not periodic:
        return text
    from simulator.conversions import (
        find_conversion,
    )  # (a figure worked out from another is not one to convert)

    worked = find_conversion(text)

    def convert(m: re.Match[str]) -> str:
        before = re.split(r"[,.;!?]", text[max(0, m.start() - 40) : m.start()])[-1]  # (this clause)
        if _SAYS_TODAY.search(before) and not _PUTS_IT.search(before):
            return m[0]  # "we're at 288k a year with you", "we take 8000 units a year": today, not terms
        if _ON_THE.search(before) and re.fullmatch(r"\d{1,2}", m["num"]):
            return m[0]  # "direct debit on the 25 every month": a day of the month
        period = _PERIOD_WORDS[m["period"].lower()]
        money = m["num"][0] in "$£€" or bool(m["k"])
        if any(p == period and is_money == money for is_money, p, _ in periodic.values()):
            return m[0]
        if worked and m["num"].lstrip("$£€") == worked.converted.lstrip("$£€"):
            return m[0]
        found = [(p, i) for is_money, p, i in periodic.values() if is_money == money]
        if not found and not money:  # "6,500 a month" for a salary: money said without its sign
            found = [(p, i) for is_money, p, i in periodic.values() if is_money]
        if len(found) != 1:
            return m[0]
        target, issue = found[0]
        value = float(m["num"].lstrip("$£€").replace(",", "")) * (1000 if m["k"] else 1)
        value = value * _PERIODS_A_YEAR[period] / _PERIODS_A_YEAR[target]
        if not issue.low <= value <= issue.high:
            return m[0]
        value = round(value, issue.decimals)
        shown = f"{value:.{issue.decimals}f}"
        return f"{m['num'][0] if m['num'][0] in '$£€' else ''}{shown}{m['noun'] or ''} a {target}"

    return _PER_PERIOD.sub(convert, text)


# "Option 2: no scaffolding at all", "package two: …", "2) three years at 4600 flat", "(b) net 30": the name of a
# choice put on the table, not a figure of it
CHOICE_WORD = (
    r"(?:option|package|choice|plan|scenario|version|alternative|proposal)"  # what a choice put is called
)
_CHOICE_LABEL = re.compile(
    r"\b" + CHOICE_WORD + r"\s*#?\s*(?:[a-d]|[1-4]|one|two|three|four)\b"
    r"(?!\s*(?:%|percent|\.\d|,\d|k\b|m\b|million|x\b|months?|years?|weeks?|days?|kilos?|kg|units?))|"
    r"(?:^|(?<=[.;:?!]\s)|(?<=\n))\s*\(?(?:[a-d]|[1-4])\)\s",
    re.I,
)


# "what would you do in my shoes? like if u were me and wanted 12m": what the user wants, set in the question
# asked in their place: "if you were me…", "if u were in my shoes" (reading builds its questions on it)
IN_MY_PLACE = r"\bif (?:you|u) were (?:me|us|in (?:my|our) (?:shoes|chair|position|place|seat))\b"
_IN_THEIR_PLACE = re.compile(IN_MY_PLACE + r"[^.?!]*", re.I)

_POST_IS = re.compile(r"\bpost(?:[- ]?money)?\s+(?:is|=|of|at|would be|comes to|becomes)\s+[$£€]?$", re.I)

_SPOKEN_TWO = (
    r"(twenty|thirty|forty|fifty|sixty|seventy|eighty)(?:[ -](one|two|three|four|five|six|seven|eight|nine))?"
)
# "fifty five forty five", "sixty forty": a split said aloud, two shares that make a hundred
_SPOKEN_SPLIT = re.compile(rf"\b{_SPOKEN_TWO}[ -]+{_SPOKEN_TWO}\b", re.I)


def _split_in_figures(m: re.Match[str]) -> str:
    """ "fifty five forty five" as "55/45" (padded to the same length), when the two shares make a hundred."""
    a = int(NUMBER_WORDS[m[1].lower()] + NUMBER_WORDS.get((m[2] or "").lower(), 0))
    b = int(NUMBER_WORDS[m[3].lower()] + NUMBER_WORDS.get((m[4] or "").lower(), 0))
    if a + b != 100:
        return m[0]
    return f"{a}/{b}".ljust(len(m[0]))


# "keep it at to percent", "for to weeks not three": "two" as dictation spells it, before a unit
_TO_AS_TWO = re.compile(
    r"(\b(?:at|for|in|of|only|just|about|maybe|like|do|than)\s)to(?=\s+(?:percent|%|weeks?|months?|years?|days?|"
    r"kilos?|grand|thousand|hundred|hours?)\b)",
    re.I,
)

# "> net 15 -> net 30": a point of its proposal quoted, and what the user makes of it after the arrow
_ARROW = re.compile(r"\s*(?:-+>|=+>|→|⇒)\s*")
_ARROW_YES = re.compile(
    r"\W*(?:yes|yep|yeah|fine|ok(?:ay)?|agreed|agree|deal|done|sure|works|good|happy)\b", re.I
)
_ARROW_NO = re.compile(
    r"\W*(?:no\b|nope|not\b|can'?t|cannot|won'?t|too (?:high|low|much|big|long|short)|way too)", re.I
)

# "1. base: I can go to 158.", "3. start date stays march", "about 2) the anodising": a point's number in a list,
# not a term (a line that starts "3 months" or "2.5 metres" has no stop and space after its figure)
LIST_NUMBER = re.compile(r"(?:^|(?<=\n))[ \t]*\d{1,2}[.:][ \t]+(?=[a-z(\"'])|(?<=\s)[1-9]\)(?=\s)", re.I)


_FIRST_STAGE = re.compile(
    r"\b(?:(?:for|in|over|during)\s+)?(?:the\s+)?(?:first|initial|opening)\s+(?:\d+|one|two|three|four|five|six|"
    r"nine|twelve|few|couple(?:\s+of)?)\s+(?:months?|mos?|weeks?|wks?|years?|yrs?)\b",
    re.I,
)


# "two hours later (than now)", "70 centimetres off it", "push the supplier back two hours": a change, in its unit
_LATER = re.compile(r"\s*(?:hours?|hrs?)\s+(?:(?P<later>later)|earlier|sooner)\b", re.I)
_CM_OFF = re.compile(
    r"\s*(?:cm|centimet(?:er|re)s?)\s+(?:(?P<less>off|less|lower|shorter)|more|higher|taller)\b", re.I
)
_STAY_ON = re.compile(
    r"\b(?:stay|staying|be here|remain|keep renting|rent it|lease it)\s+(?:for\s+)?(?:another\s+)?$", re.I
)
_YEARS_ON = re.compile(r"\s*(?:years?|yrs?|months?)\b", re.I)
_WORKED_OUT_AFTER = re.compile(r"\s*[,;]?\s*(?:so|=|i\.?e\.?|which is|that'?s|thats)\s+[$£€]?\d", re.I)
_PUSHED_BACK = re.compile(r"\b(?:push|move|shift)(?:ed|ing)?\s+(?:[\w']+\s+){0,3}?back\s+(?:by\s+)?$", re.I)
_HOURS = re.compile(r"\s*(?:hours?|hrs?)\b", re.I)


def _said_as_change(text: str, q: Quantity) -> Quantity:
    """A figure said as a change in its unit: in hours ("two hours later"), in centimetres ("70 centimetres off it");
    and one that is not ("I stay 3 more years" is a 3-year lease). (A change said before its amount, "ur number minus
    50 cents", "come up 5k from 145", is read with the amount: see `quantities`.)"""
    if q.relative == "more" and _STAY_ON.search(text, 0, q.start) and _YEARS_ON.match(text, q.end):
        return replace(q, relative=None)
    if q.relative or q.percent or q.currency:
        return q
    if t := _LATER.match(text, q.end):
        after = now.end() if (now := _THAN_NOW.match(text, t.end())) else t.end()
        if _WORKED_OUT_AFTER.match(text, after):
            return q  # "deliveries 2 hours later (than now), so 7 not 5": the figure worked out is the term
        return replace(q, relative="more" if t["later"] else "less", end=t.end())
    if (t := _HOURS.match(text, q.end)) and _PUSHED_BACK.search(text, 0, q.start):
        return replace(q, relative="more", end=t.end())
    if t := _CM_OFF.match(text, q.end):
        return replace(q, value=q.value / 100, relative="less" if t["less"] else "more", end=t.end())
    return q


def _read(
    text: str, issues: Sequence[Issue], reference: Mapping[str, float] | None, context: str
) -> tuple[dict[str, float], dict[str, float]]:
    """(the terms named, the terms named only to be turned down), each {issue_id: value} inside the range."""
    text = _CHOICE_LABEL.sub(lambda m: " " * len(m.group()), text)
    text = LIST_NUMBER.sub(lambda m: " " * len(m.group()), text)
    text = _IN_THEIR_PLACE.sub(lambda m: " " * len(m.group()), text)
    # "first three months at 16", "16 for the first 3 months then 15.50": a stage of the deal, not its length
    text = _FIRST_STAGE.sub(lambda m: " " * len(m.group()), text)
    text = _in_issue_periods(text, issues)
    text = _TO_AS_TWO.sub(lambda m: m[1] + " 2", text)
    text = _SPOKEN_SPLIT.sub(_split_in_figures, text)
    arrow = _ARROW.search(text)
    if arrow and quantities(text[: arrow.start()]):
        # "> net 15 -> net 30", "$16.80 -> $14.50", "12 months -> yes, fine": its term quoted, then the user's edit
        named, down = _read(text[: arrow.start()], issues, reference, context)
        named_after, down_after = _read(text[arrow.end() :], issues, reference, context)
        if (named_after or down_after) and not {*named, *down} & {*named_after, *down_after}:
            # "raise 3M at 12 pre → u get ur 20% post. 1x non participating": an arrow for "so", not an edit
            return {**named, **named_after}, {**down, **down_after}
        if named_after or down_after:
            return named_after, down_after
        if _ARROW_YES.match(text, arrow.end()):
            return named, down
        return {}, ({**named, **down} if _ARROW_NO.match(text, arrow.end()) else {})
    fix = _CORRECTS_ITSELF.search(text)
    if fix and quantities(text[: fix.start()]) and not _STATES_AFTER.match(text, fix.end()):
        # "net 15 then, but at 15.50. no wait, 15.40.": what follows the correction replaces what it names
        named, down = _read(text[: fix.start() + 1], issues, reference, context)
        named_after, down_after = _read(text[fix.end() :], issues, reference, context)
        return {**named, **named_after}, {**down, **down_after}
    if spoken_fix := _spoken_fix(text):
        # "sixteen forty for 12 months i mean 24": the second figure takes the first one's place in the sentence
        spoken, was, now = spoken_fix
        cut = spoken.end() + now.end
        text = text[: was.start] + text[spoken.end() : cut] + text[was.end : spoken.start()] + text[cut:]
    if between := _halfway(text, issues, reference, context):
        span, key, middle = between
        named, down = _read(text[: span.start()] + " " + text[span.end() :], issues, reference, context)
        if middle in named.values():
            # "I'll do 11% on the pool, meeting you halfway between my ten and your twelve": the figure is named
            return named, down
        return {**named, key: middle}, {k: v for k, v in down.items() if k != key}
    qs, ref = (
        [_said_as_change(text, q) for q in quantities(text)],
        dict(reference or {}),
    )
    dead = [(_core(text, q)[1], q.end) for q in qs if q.relative == "same"]
    spans = {
        i.id: [
            (s, e)
            for s, e in _phrase_spans(text, i.keywords)
            if not any(s < de and e > ds for ds, de in dead)
        ]
        for i in issues
    }
    # "then look at it again in 6 months", "take another look in the autumn": a review, in other words
    looked_again = [m.span() for m in _LOOK_AGAIN.finditer(text)]
    for i in issues if looked_again else ():
        if i.kind == "yes_no" and {"review", "revisit"} & {k.lower() for k in i.keywords}:
            spans[i.id] += looked_again
    no_spans = {i.id: _phrase_spans(text, i.no_keywords) for i in issues if i.kind == "yes_no"}
    numeric = [i for i in issues if i.kind == "number"]
    base = {i.id: ref.get(i.id, i.current) for i in numeric}
    flags = [
        (s, t.end() if (t := _TIMING.match(text, e)) else e)
        for i in issues
        if i.kind == "yes_no"
        for s, e in spans[i.id] + no_spans[i.id]
    ]
    keyword_ends = [e for i in numeric for _, e in spans[i.id]]
    # a number inside a yes/no phrase ("a price review in six months") belongs to that term, and so does one that
    # counts it ("one point of contact", "two board seats") unless a keyword just before has it ("net 30 direct
    # debit"); a rejected number belongs to none
    rejected = {n for n in range(len(qs)) if _rejected(text, qs, n)}
    echoed = _said_back_before_ask(text, qs, numeric, ref, base, spans)
    rejected |= echoed
    operands, sums = _sums(text, qs)
    skip = {
        n
        for n, q in enumerate(qs)
        if any(s <= q.start and q.end <= e for s, e in flags)
        or n in rejected
        or n in operands
        or _IN_OFFICE.match(text, q.end) is not None
        or (not q.currency and not q.percent and _OF_PEOPLE.match(text, q.end) is not None)  # "like 5 of us"
        # "if the numbers arent there after 6 months you can walk": when a way out opens, not the term
        or (
            _WAY_OUT_AFTER.search(text[max(0, q.start - 70) : q.start]) is not None
            and _SPAN_AFTER.match(text, q.end) is not None
        )
        or (
            _PRONOUN_ONE.search(text[max(0, q.start - 12) : q.end]) is not None  # "not a shorter one"
            and _AFTER_PRONOUN.match(text, q.end) is not None
        )
        or _POSITION.search(
            text[max(0, q.start - 8) : q.start]
        )  # "from day 1", "month 11": a place, not a term
        or _day_of_month(text, q)  # "direct debit on the 25 every month": a date
        # "an hour later than our builders usual 8": the figure compared against, what is done today
        or _THAN_USUAL.search(text[max(0, q.start - 40) : q.start]) is not None
        # "…but some weeks its more like 45": how orders run today, not a term
        or _SOME_WEEKS.search(text[max(0, q.start - 40) : q.start]) is not None
        or (  # "flat 2 and 3 get their mornings back"
            _POSITION_LIST.search(text[max(0, q.start - 25) : q.start]) is not None
            and not re.match(
                r"\s*(?:weeks?|months?|years?|days?|hours?|wks?|%|percent)\b", text[q.end :], re.I
            )
        )
        or _CHECKPOINT.search(
            text[max(0, q.start - 30) : q.start]
        )  # "a break clause at 6": when, not how long
        or (
            _PHASE_BEFORE.search(text[max(0, q.start - 30) : q.start]) is not None
            and TIME_AFTER.match(text, q.end)
        )
        or _APPOINTMENT.search(text[max(0, q.start - 30) : q.start])
        is not None  # "here Saturday at ten": a visit
        or _counts_no_term(text, q, issues)  # "the 8 hires", "3 people": a count of something no term is
        or _past_span(text, q)  # "our last 3 months of volumes", "6 months ago": time gone, not a term
        or _list_number(text, q)  # "One: design freeze 8 weeks…": the point's number, not a term
        or _growth(text, q)  # "600k ARR growing 8% MoM": how fast the business grows, not a term
        or _ratio(text, q)  # "3 out of 15 is 20%": a share worked out, not a term
        or _WAS_ON.search(text[max(0, q.start - 24) : q.start]) is not None  # "before we were three years"
        or _OTHERS_ASK.search(text[max(0, q.start - 30) : q.start]) is not None  # "units … asking $3,900"
        or _BAND_FACT.search(text[max(0, q.start - 30) : q.start]) is not None  # "the band starts at 74"
        # "raise 3M at 12 pre. post is 15": what the terms come to after the round, worked out, not a term
        or (
            _POST_IS.search(text[max(0, q.start - 24) : q.start]) is not None
            and not any("post" in i.id for i in issues)
        )
        or _away_for(
            text, q, issues
        )  # "give me 5 min", "back in 20", "can i get back 2 u": time out, not a term
        or _taken_back(text, q)  # "82 sounds greedy", "i shouldn't have said 18": said, then taken back
        or _or_another(text, qs, q)  # "scaffolding for 3 weeks, hmm, or 2": the same term's other figure
        or (
            _OURS_TODAY.search(text[max(0, q.start - 40) : q.start]) is not None
            and _TODAY_AFTER.match(text, q.end) is not None
            and not (q.relative and _THAN_NOW.match(text, q.end))  # "i pay 300 more than now": a change put
        )
        # "15.60, thats already 10% more than we pay now": what the figure before it comes to, not a term
        or (
            (
                q.relative is not None
                or text[max(0, q.start - 1) : q.start] == "+"  # "thats +5k on the offer"
                or (q.percent and _RISE_AFTER.match(text, q.end) is not None)  # "thats like an 18% jump"
            )
            and _DESCRIBES_FIGURE.search(text[max(0, q.start - 30) : q.start].rstrip("+")) is not None
        )
        # "confirm the 6000 units for Sept 15": the shipment in question, named, not a quantity committed to
        or (
            re.search(r"\bthe\s+$", text[max(0, q.start - 5) : q.start], re.I) is not None
            and (
                _THAT_SHIPMENT.match(text, q.end) is not None
                or re.search(
                    r"\b(?:for|confirm|ship|deliver|on)\s+the\s+$", text[max(0, q.start - 12) : q.start], re.I
                )
                is not None
                and re.match(
                    r"\s*k?\s*(?:(?:retail|extra|new|first|next)\s+)?(?:units?|pcs|pieces|enclosures|parts)\b"
                    r"(?!\s*(?:a|per|each|every|/)\s*(?:q|quarter)\b)",
                    text[q.end :],
                    re.I,
                )
                is not None
            )
        )
        # "160. thats basically ur other one minus 2k": what the figure comes to against another, not a term
        or _MINUS_ANOTHER.search(text[max(0, q.start - 50) : q.start]) is not None
        or (
            _counts_term(text, q, flags)
            and not any(re.fullmatch(r"\s*", text[e : q.start]) for e in keyword_ends if e <= q.start)
        )
    }
    # "no vesting cliff" says the cliff is 0: a number nearby is another term's ("no cliff, 6 months credited")
    sized = {i.id: [(s, e) for s, e in spans[i.id] if not _none_named(text, s, e)] for i in numeric}
    for n in echoed:  # "3% a year tho, can u do 2": "a year" goes with the 3% said back, not with the 2
        for i in numeric:
            sized[i.id] = [(s, e) for s, e in sized[i.id] if not _FILLER.fullmatch(text, qs[n].end, s)]
    terms, used, unit_after = _keyed(text, qs, skip, numeric, sized, base)
    for issue in numeric:
        if (
            issue.id not in terms
            and _WEEK_DAYS_UNIT.search(issue.unit)
            and (days := _weekdays(text, issue, spans[issue.id])) is not None
        ):
            terms[issue.id] = days
    # "8 weeks is hard for us. 5?", "90 feels long, 60 like her?": a bare figure after one turned down is on the
    # same term
    keyword_starts = frozenset(st for i in issues for st, _ in spans[i.id])
    turned_down: dict[int, str] = {}
    refused: dict[str, float] = {}
    for m in sorted(rejected):
        alone = set(range(len(qs))) - {m}
        on = _keyed(text, qs, alone, numeric, sized, base)[0] or dict(
            [p] if (p := _unkeyed(text, qs[m], numeric, base, keyword_starts, context)) else []
        )
        if len(on) == 1:
            turned_down[m] = next(iter(on))
            if m not in echoed:
                refused.update(on)
    by_id = {i.id: i for i in numeric}
    for n, q in enumerate(qs):
        aside = max(
            (m for m in turned_down if m < n), default=None
        )  # the figure set aside just before this one
        if aside is None or (same := turned_down[aside]) in terms or n in used | unit_after | skip:
            continue
        # no other term's keyword between them ("instead of 2.5, at a 12M pre": the 12 is the pre-money's)
        if not any(
            qs[aside].end <= s < q.start
            and not (aside in echoed and _FILLER.fullmatch(text, qs[aside].end, s))
            for s in keyword_starts
        ) and (b := _bare(text, q, by_id[same], base[same])):
            terms[same] = b[0]
            used.add(n)
    # "i can do 1,500 off, thats nearly 10%, so 22,500": the sum worked out is the term, before the step towards it
    worked_out = [
        n
        for n, q in enumerate(qs)
        if not q.relative and (n in sums or _RESULT_BEFORE.search(text[max(0, q.start - 16) : q.start]))
    ]
    # "then 15 off, 20,400, and we're done": a figure said outright is the term before a step said towards it
    plain = [n for n, q in enumerate(qs) if n not in worked_out and not q.relative]
    stepped = [n for n, q in enumerate(qs) if q.relative]
    for n in [*worked_out, *plain, *stepped]:
        q = qs[n]
        if (
            n not in used | unit_after | skip
            and text[q.start : q.end].lower() != "one"
            # "20,400, which is your 15": their figure pointed at, not a new term
            and not re.search(r"\b(?:your|ur|their|his|her)\s+$", text[max(0, q.start - 7) : q.start], re.I)
            # "12 pre … 12 is honestly conservative": a figure said again is the term it was, not a second one
            and not (
                not (q.percent or q.currency or q.scale > 1)
                and any(
                    (
                        m < n
                        # "they can do it in two … Would two weeks be ok?" ("we keep 5am … 5 years" are two terms)
                        or (
                            _CLOCK.search(text[q.start : q.end]) is None
                            and _BREAK.search(text, q.end, qs[m].start) is not None
                        )
                    )
                    and qs[m].value in (q.value, q.value * qs[m].scale)
                    for m in used
                    if m != n
                )
            )
            and (
                pick := _unkeyed(
                    text,
                    q,
                    [i for i in numeric if i.id not in terms],
                    base,
                    keyword_starts,
                    context,
                )
            )
        ):
            terms[pick[0]] = pick[1]
            used.add(n)  # one figure, one term: "2 percent more each year" is not also 2% on the rent
    _far_money(text, qs, used | unit_after | skip, [i for i in numeric if i.id not in terms], terms)
    _percent_of_price(text, qs, used | skip, [i for i in numeric if i.id not in terms], terms, ref)
    if not any(q.relative == "same" and n in used for n, q in enumerate(qs)) and not any(
        i.current is not None and terms.get(i.id) == i.current for i in numeric
    ):
        # ("4,200 for 10 years … same as now": the rent named is the one kept, not another term today's value)
        _same_as_now(text, qs, [i for i in numeric if i.id not in terms], terms)
    for issue in numeric:  # "the cliff stays", "with the standard cliff": named, kept as it is today
        if (
            issue.id not in terms
            and issue.current is not None
            and any(
                _KEPT.search(
                    _CLAUSE.split(text[max(0, st - 30) : st])[-1]
                    + " | "
                    + _CLAUSE.split(text[en : en + 25])[0]
                )
                for st, en in spans[issue.id]
                # ("with the 6 month review": a figure just before the word counts something else, not this term)
                if not re.search(r"\d[\s-]*$", text[max(0, st - 4) : st])
                # ("with a spot bonus" when there is none today asks for one, of no amount said: not none)
                and not (
                    (issue.current or 0.0) <= issue.low
                    and re.search(r"\b(?:a|an|some)\s+(?:\w+\s+)?$", text[max(0, st - 14) : st])
                )
            )
        ):
            # ("15.60 with the standing order" when there is none today is the one on the table, not none)
            terms[issue.id] = float(issue.current or ref.get(issue.id) or 0.0)
    for issue in numeric:  # "no fresh cliff", "without a signing bonus"
        if (
            issue.id not in terms
            and issue.low <= 0
            and any(_none_named(text, s, e) for s, e in spans[issue.id])
        ):
            terms[issue.id] = 0.0
    for issue in issues:
        if (
            issue.kind == "yes_no"
            and (said := _yes_no(text, spans[issue.id], no_spans[issue.id])) is not None
        ):
            terms[issue.id] = said
    # "deliveries 6.30 at the back": an hour of the day written with a dot is half past six
    for issue in numeric:
        if issue.id not in terms or not _HOUR_UNIT.search(issue.unit):
            continue
        for q in qs:
            dotted = re.fullmatch(r"(\d{1,2})\.([0-5]\d)", text[q.start : q.end].strip())
            if dotted and abs(q.value - terms[issue.id]) < 1e-9:
                terms[issue.id] = int(dotted[1]) + int(dotted[2]) / 60

    # Kept as said, inside the range and no finer than the issue's decimals: "15.65" is 15.65, not the 0.10 grid's
    # 15.70 (the grid is where the counterpart's own counters fall, not what the user may say).
    def kept(found: dict[str, float]) -> dict[str, float]:
        return {
            i.id: float(round(min(max(found[i.id], i.low), i.high), i.decimals))
            for i in issues
            if i.id in found
        }

    return kept(terms), kept(refused)


def format_value(issue: Issue, value: float) -> str:
    """The value said in the issue's phrase: "$16.20 a kilo", "$158,000 base", yes/no as phrase or no_phrase."""
    if issue.kind == "yes_no":
        return issue.phrase if value >= 0.5 else issue.no_phrase
    if value == 0 and issue.low == 0 and issue.no_phrase:
        return issue.no_phrase  # "no vesting cliff", not "a 0-month cliff"
    # Cents stay ("$16.20 a kilo"); other decimals only when there are some ("2.5 metres", "3 percent").
    cents = "$" in issue.phrase and issue.decimals == 2
    shown = f"{value:,.{issue.decimals}f}" if cents or value != int(value) else f"{int(value):,}"
    if issue.unit.startswith("hour") and value != int(value):
        shown = f"{int(value)}:{round((value - int(value)) * 60):02d}"  # a time of day: 6.5 is "6:30"
    said = issue.phrase.replace("{value}", shown)
    # "1 week of scaffolding", "1 day a week working from home", "after 1 month": one is singular
    return _ONE_OF_MANY.sub(lambda m: m[1] + m[2], said) if shown == "1" else said


_ONE_OF_MANY = re.compile(r"(?<![\d.,])(1\s+)(day|week|month|year|kilo|metre|hour)s\b")


# "a $18,000 signing bonus" is said "an eighteen thousand…": figures read with a vowel sound first take "an"
_AN_FIGURE = re.compile(
    r"\b([Aa]) (?=[$£€]?(?:8|1[18](?![\d.])|1[18],\d{3}(?!\d)|1[18](?:\.\d+)?\s*(?:k|m|million)\b))"
)


def _article(phrase: str) -> str:
    """ "a $18,000 signing bonus" -> "an $18,000 signing bonus", "a 8-week freeze" -> "an 8-week freeze"."""
    return _AN_FIGURE.sub(lambda m: m[1] + "n ", phrase)


def describe_terms(issues: Sequence[Issue], terms: Mapping[str, float]) -> str:
    """Named terms in issue order: "a, b and c", skipping empty no_phrases."""
    parts = [_article(p) for i in issues if i.id in terms and (p := format_value(i, terms[i.id]))]
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts)
