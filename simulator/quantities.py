"""The numbers a person types in a turn: digits, written numbers, times, ranges, splits and relative phrases.

Stdlib only. price-parser cleans one price per string (web-page prices: no written numbers, ranges, percents);
quantulum3 pulls numpy, scipy, scikit-learn, inflect and num2words to guess units each issue already declares;
text2num is a compiled Rust wheel for eight languages: none pays its way against a few regexes for typed English.

Readings chosen where a phrasing is ambiguous:
- a spoken pair reads as hundreds ("one sixty" -> 160, "sixteen fifty" -> 1650) unless a per-unit word follows
  ("sixteen fifty a kilo" -> 16.50); two digit groups combine only then ("16 20 per kilo" -> 16.20);
- "55/45" is a split of a whole (the two sides add up to 100); any other "a/b" ("3/15", "24/7") is a ratio or a
  date and is not read; "1x" is a multiple, not an amount;
- "ten percent off your 16.80": the change carries the amount it applies to (Quantity.base).
A period written without a digit after "for" ("lead for a quarter", "for the next month") is one of it.
A decimal said aloud with one digit after the point ("three point two", "two point five million") is read, and so is a
compound number with one digit after it ("seventy-eight five" -> 78.5).
One of the currency as a change is read ("knock a buck off", "a dollar less a kilo"), and cents are hundredths.
"A week and a half" is 1.5 weeks and "half a year" 0.5 years (the unit after the words says what of).
Not read: any other unit with no number ("for a year", "a dollar"), longer spelled decimals, fractions
("3/4"), "a couple" (but for "a couple of weeks": two of a unit of time), negative numbers.
Thousands may be set off by commas or spaces ("24 000").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Quantity:
    """One number in a turn; a "same as now" phrase is a Quantity with value 0 and relative "same"."""

    value: float
    start: int
    end: int
    currency: bool
    percent: bool
    relative: str | None  # "less" | "more" | "same" | None
    high: float | None  # the upper end of a range (value is the lower end)
    base: float | None = None  # what a relative change applies to, when written ("10% off your 16.80")
    scale: float = 1.0  # the multiplier written with it: 1e3 for "76k" or "four grand", 1e6 for "$3M"
    other: float | None = None  # the other side of a split of 100 ("55/45": value 55, other 45)


_SMALL = {
    w: float(i)
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    w: 10.0 * i
    for i, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 2)
}
_SCALES = {"hundred": 100.0, "dozen": 12.0, "thousand": 1e3, "million": 1e6, "billion": 1e9}
NUMBER_WORDS = {**_SMALL, **_TENS}
_WORD = "(?:" + "|".join(sorted([*_SMALL, *_TENS, *_SCALES], key=len, reverse=True)) + ")(?![a-z])"
_NUMBER = re.compile(
    r"(?<![\w.,])(?:(?P<cur>[$£€])\s?)?(?P<num>\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3},\d{1,2}(?!\d|,\d|\s*or\b)|\d*\.\d+|\d+)"
    r"(?::(?P<min>[0-5]\d))?"
    r"(?:(?P<suf>k|mm|mn|m|bn)(?![a-z]))?"
    rf"|(?<![a-z'])(?P<words>(?:(?:half\s+)?an?\s+(?=hundred|thousand|million|dozen))?{_WORD}"
    rf"(?:(?:[\s-]+|\s+and\s+){_WORD})*)",
    re.I,
)
_SUFFIX = {"k": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "bn": 1e9}
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half(?![a-z])", re.I)
_MULT = re.compile(r"\s*(hundred|thousand|grand|k|million|mil|billion)(?![a-z])", re.I)
_MULTS = {
    "hundred": 100.0,
    "thousand": 1e3,
    "grand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mil": 1e6,
    "billion": 1e9,
}
_TIME = re.compile(r"\s*(?:(?P<pm>p\.?m\b\.?)|a\.?m\b\.?|o['’]?clock\b)", re.I)
_CUR_WORD = re.compile(r"\s*(?:dollars?|bucks|quid|euros?|usd|gbp|eur)(?![a-z])", re.I)
_CENTS = re.compile(r"\s*(?:cents?|c)(?![a-z])", re.I)
# "knock a buck off", "a dollar less per kilo": one of the currency, as a change
_ONE_UNIT_CHANGE = re.compile(
    r"(?<![a-z])(?:a|one)\s+(?:buck|dollar|quid|euro)(?:\s+(?:a|per)\s+(?:kilo|kg|month|hour))?"
    r"\s+(?P<rel>(?P<less>off|less|lower|cheaper)|more|extra|higher)(?![a-z])",
    re.I,
)
# "a couple of weeks", "a couple more months": two of a unit of time said as a couple ("a couple" alone is no number)
_COUPLE = re.compile(
    r"(?<![a-z])a\s+couple\s+of\s+(?=(?:more\s+|extra\s+)?(?:weeks?|months?|years?|days?|hours?|wks?|yrs?)\b)",
    re.I,
)
# "a week and a half", "an hour and a half": one and a half of a unit of time; "half a year": a half of one (the
# span is the words before the unit, as for "a couple of weeks", so the unit after it says which term it is)
_AND_A_HALF_UNIT = re.compile(
    r"(?<![a-z])an?\s+(?=(?:weeks?|months?|years?|days?|hours?)\s+and\s+a\s+half\b)", re.I
)
_HALF_A_UNIT = re.compile(r"(?<![a-z])half\s+an?\s+(?=(?:weeks?|months?|years?|days?|hours?)\b)", re.I)
_PERCENT = re.compile(r"\s*(?:%|per\s*cent(?![a-z])|pct(?![a-z])|percentage\s+points?(?![a-z]))", re.I)
# "5 more points", "two points less": percentage points, said as a change
_POINTS = re.compile(r"\s*(?:points?|pts?)(?![a-z])", re.I)
# "5 more points (of equity)" at the end of a line or before "of equity/for you": points given, not points to make
_POINTS_GIVEN = re.compile(
    r"\s*(?:points?|pts?)(?:\s+(?:of\s+(?:equity|the\s+company|ownership|the\s+pie)|to\s+(?:you|u)|for\s+(?:you|u)))?"
    r"\s*(?:$|[.?!]|\b(?:then|instead|if|on\s+(?:top|the\s+split))\b)",
    re.I,
)
_RELATIVE = re.compile(
    r"\s*(?:(?P<less>less|lower|cheaper|fewer|off|below)|more|higher|extra|above)(?![a-z])", re.I
)
# a change said before its amount, on the figure they put: "ur number minus 50 cents", "your last offer plus 2k"
THEIR_FIGURE_THEN = re.compile(
    r"\b(?:your|ur|yr|their)\s+(?:last\s+|own\s+)?(?:ask|asking price|number|offer|price|figure|quote|rate)\s+"
    r"(?:(?P<less>minus|less|take away|-)|plus|\+)\s*[$£€]?$",
    re.I,
)
# or as a step: "we could come up 5k (from 145)", "go down another 200"
_STEP_BEFORE = re.compile(
    r"\b(?:come|go|move|bump|push|bring|take|step)\s+(?:it\s+|that\s+|us\s+|you\s+|u\s+)?(?:up|(?P<less>down))\s+"
    r"(?:by\s+|another\s+|a\s+further\s+)?[$£€]?$",
    re.I,
)
_ONE_MORE_THING = re.compile(
    r"\s+(?:things?|qs?|questions?|points?|ideas?|asks?|issues?|requests?|items?|details?|favou?rs?|tries|try|go|"
    r"rounds?|steps?|looks?|minutes?|mins?|secs?|seconds?|moments?|sec)\b",
    re.I,
)
# between a change and the amount it applies to: "10% off [your asking price of] 16.80", "$200 more than 4,600"
_BASE_GAP = re.compile(
    r"\s*(?:than\s+|from\s+|on\s+)?(?:(?:your|ur|yr|the|my|our|their|that|this|current|asking"
    r"|quoted|list|price|rate|offer|of)\s+){0,4}",
    re.I,
)
_PER_UNIT = re.compile(
    r"\s*(?:dollars?\s*)?(?:/\s*|(?:per|an?|each)\s+)(?:kilo|kg|lb|pound|hour|hr|unit|item|bag|cup|lit|piece)",
    re.I,
)
_SAME = re.compile(
    r"(?<![a-z])(?:(?:the\s+)?same(?:\s+[a-z]+){0,2}?\s+as\s+(?:(?:last|this)\s+(?:year|time)|now|today|before"
    r"|currently|it\s+is(?:\s+now)?|we\s+have|at\s+present)|as\s+it\s+is\s+now|unchanged)(?![a-z])",
    re.I,
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])"
)
_DATE_AFTER = re.compile(rf"\s+(?:of\s+)?{_MONTH}", re.I)
# a month just before a number makes it a date: "sept 15", "March 3"
DATE_BEFORE = re.compile(rf"(?<![a-z]){_MONTH}\.?\s+$", re.I)
_ORDINAL = re.compile(r"(?:st|nd|rd|th)(?![a-z])", re.I)
_TIMES = re.compile(r"\s?[x×](?![a-z])", re.I)  # "1x", "2x the money": a multiple
_YEAR_BEFORE = re.compile(r"(?<![a-z])(?:in|since|from|until|till|by|before|after|of|during)\s+$", re.I)
_LIST_MARK = re.compile(r"[.)](?:\s|$)")
_RANGE = re.compile(r"\s*(?:-|–|—|to|and)\s*", re.I)
_Part = tuple[float, int, int, tuple[float, float] | None]

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY = (
    r"(?:(?P<full>monday|tuesday|wednesday|thursday|friday|saturday|sunday)|mon|tues?|wed|thu(?:rs?)?|fri|sat"
    r"|sun)s?(?![a-z])"
)
_DAY_NAME = re.compile(rf"(?<![a-z]){_DAY}", re.I)
_DAY_JOIN = re.compile(r"\s*(?:/|,|&|\+|\band\b)\s*|\s+", re.I)
_DAY_SPAN = re.compile(r"\s*(?:-|–|—|\bto\b|\bthrough\b|\bthru\b)\s*", re.I)


def _spoken(m: re.Match[str]) -> list[_Part]:
    """Written numbers in a match, split where they stop combining ("five six" -> 5, 6; "one sixty" -> 160)."""
    parts: list[_Part] = []
    total = cur = 0.0
    start, end, seen, half, split, last = -1, 0, False, False, False, ""
    pair: tuple[float, float] | None = None
    for t in re.finditer(r"[a-z]+", m["words"], re.I):
        word, s, e = t[0].lower(), t.start() + m.start("words"), t.end() + m.start("words")
        start = s if start < 0 else start
        if word in ("a", "an", "half", "and"):
            half = half or word == "half"
            split = split or (word == "and" and last not in _SCALES)
            continue
        n = _SMALL.get(word, _TENS.get(word, 0.0))
        if word in _SCALES:
            k = _SCALES[word]
            total, cur = (total + max(cur, 1) * k, 0.0) if k >= 1000 else (total, max(cur, 1) * k)
            pair = None
        elif not seen or (not split and (cur % 100 == 0 or (cur % 100 >= 20 and cur % 10 == 0 and n < 10))):
            cur += n
        elif (
            not split
            and cur < 100
            and n >= 10
            and pair is None
            and total == 0
            and not (cur >= 20 and cur % 10 == 0)
        ):
            # "fifteen forty" is 15.40 and "one sixty" 160; "net thirty fifteen forty" and "sixty forty" are two figures
            pair, cur = (cur, n), cur * 100 + n
        else:
            parts.append(((total + cur) * (0.5 if half else 1), start, end, pair))
            total, cur, start, half, split, pair = 0.0, n, s, False, False, None
        seen, end, last = True, e, word
    parts.append(((total + cur) * (0.5 if half else 1), start, end, pair))
    if (
        len(parts) == 2
        and 20 < parts[0][0] < 100
        and parts[0][0] % 10
        and 1 <= parts[1][0] <= 9
        and parts[0][3] is None
        and not m.string[parts[0][2] : parts[1][1]].strip()
    ):
        # "seventy-eight five": 78.5 said the way a salary is said aloud ("78.5k"), not 78 and then 5
        return [(parts[0][0] + parts[1][0] / 10, parts[0][1], parts[1][2], None)]
    return parts


def _not_an_amount(text: str, m: re.Match[str]) -> bool:
    """Ordinals ("1st"), multiples ("1x"), years after "in"/"since", dates ("31 March") and list markers ("1. ")."""
    start, end, raw = m.start(), m.end(), m["num"]
    before = text[max(0, start - 14) : start]
    line = text[text.rfind("\n", 0, start) + 1 : start]
    return bool(
        (not m["suf"] and (_ORDINAL.match(text, end) or _TIMES.match(text, end)))
        or (raw.isdigit() and 1900 <= int(raw) <= 2099 and not m["cur"] and _YEAR_BEFORE.search(before))
        or _DATE_AFTER.match(text, end)
        or DATE_BEFORE.search(before)
        or ("\n" in text.strip() and not line.strip(" \t(") and raw.isdigit() and _LIST_MARK.match(text, end))
    )


def _change_before(text: str, start: int) -> re.Match[str] | None:
    """The words just before an amount that make it a change: on their figure, or a step up or down."""
    for pattern in (THEIR_FIGURE_THEN, _STEP_BEFORE):
        found = pattern.search(text, 0, start)
        if found is not None and found.end() == start:
            return found
    return None


def _read(text: str, m: re.Match[str]) -> list[Quantity]:
    """The quantities of one regex match with their trailers (million, a.m., dollars, percent, less)."""
    if m["words"]:
        parts, mult = _spoken(m), 1.0
    elif _not_an_amount(text, m):
        return []
    else:
        mult = _SUFFIX.get((m["suf"] or "").lower(), 1.0)
        num = m["num"]
        # "15,20 a kilo", "2,5%": a decimal comma (a thousands comma has three digits after it)
        num = num.replace(",", ".") if re.fullmatch(r"\d+,\d{1,2}", num) else num.replace(",", "")
        num = re.sub(r"[ \u00a0\u202f]", "", num)  # "24 000": a space between the thousands
        value = float(num) + (int(m["min"]) / 60 if m["min"] else 0)
        parts = [(value * mult, m.start(), m.end(), None)]
    found = [Quantity(v, s, e, False, False, None, None) for v, s, e, _ in parts[:-1]]
    value, start, end, pair = parts[-1]
    currency, percent, relative = bool(m["cur"]), False, None
    if t := _AND_A_HALF.match(text, end):
        value, end = value + 0.5, t.end()  # "two and a half metres", "1 and a half days"
    if t := _MULT.match(text, end):
        mult, value, end = mult * _MULTS[t[1].lower()], value * _MULTS[t[1].lower()], t.end()
    if t := _TIME.match(text, end):
        clock = re.fullmatch(r"(\d{1,2})\.([0-5]\d)", m["num"] or "") if not m["words"] else None
        if clock and int(clock[1]) <= 12:
            value = int(clock[1]) + int(clock[2]) / 60  # "6.30am" is half past six, not 6.3
        value, end = value + 12 if t["pm"] and value < 12 else value, t.end()
    if t := _CUR_WORD.match(text, end):
        currency, end = True, t.end()
    elif not currency and mult == 1.0 and value < 100 and (t := _CENTS.match(text, end)):
        currency, value, end = True, value / 100, t.end()  # "50 cents off", "fifty cents a kilo"
    if t := _PERCENT.match(text, end):
        percent, end = True, t.end()
    if t := _RELATIVE.match(text, end):
        if (
            not t["less"]
            and _ONE_MORE_THING.match(text, t.end())
            and not (m["num"] and _POINTS_GIVEN.match(text, t.end()))  # ("5 more points", typed: of a share)
        ):
            return found  # "one more q, would u ever sell?", "two more things": a count of what they say, no figure
        relative, end = "less" if t["less"] else "more", t.end()
        if not percent and (t := _POINTS.match(text, end)):
            percent, end = True, t.end()
    elif not percent and (b := _change_before(text, start)):
        relative = (
            "less" if b["less"] else "more"
        )  # "ur number minus 50 cents", "we could come up 5k from 145"
    if pair and _PER_UNIT.match(text, end):
        value = pair[0] + pair[1] / 100
    return [*found, Quantity(value, start, end, currency, percent, relative, None, scale=mult)]


def _plain(text: str, q: Quantity) -> bool:
    """A bare run of digits: no currency, percent, multiplier, relative word or range."""
    return text[q.start : q.end].replace(".", "", 1).isdigit() and q.high is None


def _spoken_multiplier(words: str) -> float:
    """1e6 for "five million", 1e3 for "five thousand" or "five grand", else 1."""
    lowered = words.lower()
    return 1e6 if "million" in lowered else 1e3 if "thousand" in lowered or "grand" in lowered else 1.0


def _merge(text: str, found: list[Quantity]) -> list[Quantity]:
    """Join "16 20 per kilo" into 16.20, "55-60" / "between 15 and 15.5" / "150-160k" into ranges, "55/45" into
    a split, "10% off 16.80" into one change; drop ratios ("3/15")."""
    out: list[Quantity] = []
    for q in found:
        if out:
            p = out[-1]
            between, first = text[p.end : q.start], text[p.start : p.end].lstrip("$£€")
            if (
                between.lower() == " point "
                and not any(c.isdigit() for c in text[p.start : q.end])
                and p.value == int(p.value)
                and p.scale == 1
                and not (p.percent or p.relative or q.relative)
                and (digit := q.value / (mult := _spoken_multiplier(text[q.start : q.end]))) == int(digit)
                and 0 <= digit <= 9
            ):
                # "three point two metres", "two point five million": a decimal said aloud
                out[-1] = replace(
                    q, value=(p.value + digit / 10) * mult, start=p.start, currency=p.currency or q.currency
                )
                continue
            if (
                between == " "
                and first.isdigit()
                and len(first) <= 2
                and re.fullmatch(r"\d\d", text[q.start : q.end])
                and _PER_UNIT.match(text, q.end)
            ):
                out[-1] = replace(p, value=p.value + q.value / 100, end=q.end, scale=1.0)
                continue
            if (
                between in (" ", " / ", "-", " - ")
                and _plain(text, p)
                and _plain(text, q)
                and p.other is None
                and 0 < p.value < 100
                and 0 < q.value < 100
                and abs(p.value + q.value - 100) < 1e-9
                and p.value == int(p.value)
                and q.value == int(q.value)
                and p.value >= q.value
            ):
                # "58 42", "60-40": a split said without the slash (a range goes up: "40-60 kilos")
                out[-1] = replace(p, end=q.end, other=q.value)
                continue
            if between == "/" and _plain(text, p) and _plain(text, q) and p.other is None:
                if abs(p.value + q.value - 100) < 1e-9:
                    out[-1] = replace(p, end=q.end, other=q.value)
                else:
                    out.pop()
                continue
            if (
                p.relative in ("less", "more")
                and p.base is None
                and not q.relative
                and q.high is None
                and _BASE_GAP.fullmatch(between)
            ):
                out[-1] = replace(p, base=q.value, end=q.end)
                continue
            low = (
                p.value * q.scale
                if p.scale == 1 and q.scale > 1 and p.value * q.scale <= q.value
                else p.value
            )
            if (
                p.high is None
                and not p.relative
                and not q.relative
                and low <= q.value
                and _RANGE.fullmatch(between)
                and (between.strip().lower() != "and" or re.search(r"between\s+$", text[: p.start], re.I))
            ):
                out[-1] = replace(
                    p,
                    value=low,
                    high=q.value,
                    end=q.end,
                    currency=p.currency or q.currency,
                    percent=p.percent or q.percent,
                    scale=q.scale,
                )
                continue
        out.append(q)
    return out


# "lead for a quarter", "a trial for the next month": one period, a number with no digit (the time word follows)
_ONE_PERIOD = re.compile(
    r"(?<![a-z])for\s+(?P<one>a|one|the\s+next|the\s+first|next)\s+(?=(?:month|quarter)(?![a-z]))", re.I
)


def quantities(text: str) -> list[Quantity]:
    """Every amount in a free-typed turn, in order: digits, written numbers, times, ranges and relative phrases."""
    found: list[Quantity] = []
    for m in _NUMBER.finditer(text):
        if not found or m.start() >= found[-1].end:  # a trailer ("12 million") may have used this match
            found += _read(text, m)
    for m in _ONE_PERIOD.finditer(text):
        if not any(q.start <= m.start("one") < q.end for q in found):  # ("for one month": read already)
            found.append(Quantity(1.0, m.start("one"), m.end("one"), False, False, None, None))
    for m in _COUPLE.finditer(text):
        found.append(Quantity(2.0, m.start(), m.end() - 1, False, False, None, None))
    for pattern, value in ((_AND_A_HALF_UNIT, 1.5), (_HALF_A_UNIT, 0.5)):
        for m in pattern.finditer(text):
            found.append(Quantity(value, m.start(), m.end() - 1, False, False, None, None))
    for m in _ONE_UNIT_CHANGE.finditer(text):
        relative = "less" if m["less"] else "more"
        found.append(Quantity(1.0, m.start(), m.end(), True, False, relative, None))
    found.sort(key=lambda q: q.start)
    same = [Quantity(0.0, m.start(), m.end(), False, False, "same", None) for m in _SAME.finditer(text)]
    return sorted(_merge(text, found) + same, key=lambda q: q.start)


def weekday_groups(text: str) -> list[tuple[int, int, int]]:
    """Runs of weekday names, as (start, end, how many distinct days): "Tuesdays and Thursdays" -> 2,
    "tue/thu" -> 2, "Mon-Fri" -> 5. A lone short form ("sat", "sun", "wed") is left out: it is usually a word."""
    groups: list[tuple[int, int, set[int], bool]] = []
    for m in _DAY_NAME.finditer(text):
        day = _DAYS.index(m[0][:3].lower())
        if groups and (
            _DAY_JOIN.fullmatch(text[groups[-1][1] : m.start()])
            or _DAY_SPAN.fullmatch(text[groups[-1][1] : m.start()])
        ):
            start, end, days, full = groups[-1]
            if _DAY_SPAN.fullmatch(text[end : m.start()]) and len(days) == 1:
                first = next(iter(days))
                days = {d % 7 for d in range(first, first + (day - first) % 7 + 1)}
            groups[-1] = (start, m.end(), days | {day}, full or bool(m["full"]))
        else:
            groups.append((m.start(), m.end(), {day}, bool(m["full"])))
    return [(s, e, len(days)) for s, e, days, full in groups if full or len(days) > 1]
