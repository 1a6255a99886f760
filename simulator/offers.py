"""Reading offers in free-typed turns: the numbers a person writes, and the negotiable terms those numbers name.

Stdlib only. price-parser cleans one price per string (web-page prices: no written numbers, ranges, percents);
quantulum3 pulls numpy, scipy, scikit-learn, inflect and num2words to guess units each issue already declares;
text2num is a compiled Rust wheel for eight languages: none pays its way against a few regexes for typed English.

Readings chosen where a phrasing is ambiguous:
- a spoken pair reads as hundreds ("one sixty" -> 160, "sixteen fifty" -> 1650) unless a per-unit word follows
  ("sixteen fifty a kilo" -> 16.50); two digit groups combine only then ("16 20 per kilo" -> 16.20);
- in read_terms a range ("55-60kg") gives the end the user (the speaker) prefers: the part they committed to;
- a percentage change on a percent issue is in points ("2% more pool" on 10 -> 12);
- "same as last year" / "same as now" gives the issue's current value, and only with a keyword nearby;
- a yes/no keyword that is not negated counts as asking for it, questions included;
- a lone "one" never maps to an issue without a keyword ("no one", "one thing").
Not read: a unit with no number ("for a year", "a dollar"), spelled decimals ("sixteen point two"), fractions
("a year and a half", "3/4"), "a couple", European decimal commas ("16,20"), negative numbers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from simulator.deal import snap
from simulator.personas import Issue


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


_SMALL = {w: float(i) for i, w in enumerate([
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"])}
_TENS = {w: 10.0 * i for i, w in enumerate(
    ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 2)}
_SCALES = {"hundred": 100.0, "dozen": 12.0, "thousand": 1e3, "million": 1e6, "billion": 1e9}
_WORD = "(?:" + "|".join(sorted([*_SMALL, *_TENS, *_SCALES], key=len, reverse=True)) + ")(?![a-z])"
_NUMBER = re.compile(
    r"(?<![\w.,])(?:(?P<cur>[$£€])\s?)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d*\.\d+|\d+)(?::(?P<min>[0-5]\d))?"
    r"(?:(?P<suf>k|mm|mn|m|bn)(?![a-z]))?"
    rf"|(?<![a-z'])(?P<words>(?:(?:half\s+)?an?\s+(?=hundred|thousand|million|dozen))?{_WORD}"
    rf"(?:(?:[\s-]+|\s+and\s+){_WORD})*)", re.I)
_SUFFIX = {"k": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "bn": 1e9}
_MULT = re.compile(r"\s*(thousand|grand|million|mil|billion)(?![a-z])", re.I)
_MULTS = {"thousand": 1e3, "grand": 1e3, "million": 1e6, "mil": 1e6, "billion": 1e9}
_TIME = re.compile(r"\s*(?:(?P<pm>p\.?m\b\.?)|a\.?m\b\.?|o['’]?clock\b)", re.I)
_CLOCK = re.compile(r"(?:[ap]\.?m\.?|o['’]?clock)$", re.I)
_CUR_WORD = re.compile(r"\s*(?:dollars?|bucks|quid|euros?|usd|gbp|eur)(?![a-z])", re.I)
_PERCENT = re.compile(r"\s*(?:%|per\s*cent(?![a-z])|pct(?![a-z]))", re.I)
_RELATIVE = re.compile(r"\s*(?:(?P<less>less|lower|cheaper|fewer|off|below)|more|higher|extra|above)(?![a-z])", re.I)
_PER_UNIT = re.compile(
    r"\s*(?:dollars?\s*)?(?:/\s*|(?:per|an?|each)\s+)(?:kilo|kg|lb|pound|hour|hr|unit|item|bag|cup|lit|piece)", re.I)
_SAME = re.compile(
    r"(?<![a-z])(?:(?:the\s+)?same(?:\s+[a-z]+){0,2}?\s+as\s+(?:(?:last|this)\s+(?:year|time)|now|today|before"
    r"|currently|it\s+is(?:\s+now)?|we\s+have|at\s+present)|as\s+it\s+is\s+now|unchanged)(?![a-z])", re.I)
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|sept?(?:ember)?"
          r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])")
_DATE_AFTER = re.compile(rf"\s+(?:of\s+)?{_MONTH}", re.I)
_DATE_BEFORE = re.compile(rf"(?<![a-z]){_MONTH}\.?\s+$", re.I)
_ORDINAL = re.compile(r"(?:st|nd|rd|th)(?![a-z])", re.I)
_YEAR_BEFORE = re.compile(r"(?<![a-z])(?:in|since|from|until|till|by|before|after|of|during)\s+$", re.I)
_LIST_MARK = re.compile(r"[.)](?:\s|$)")
_RANGE = re.compile(r"\s*(?:-|–|—|to|and)\s*", re.I)
_YEARS_AFTER = re.compile(r"\s*-?\s*(?:years?|yrs?)(?![a-z])", re.I)
_GAP_WORDS = re.compile(r"[\w'’$%]+")
_BREAK = re.compile(r"[.!?;\n]")
_CLAUSE = re.compile(r"[.!?;,:\n]|\b(?:but|and|though|although|or|if)\b", re.I)
_NEGATION = re.compile(r"\b(?:no|not|without|never|cannot|drop|scrap|instead\s+of|rather\s+not)\b|n['’]t\b", re.I)
_NOT_NEGATION = re.compile(r"\b(?:do|does|did)(?:\s+not|n['’]t)\s+mind\b|\bno\s+(?:problem|objection|issue)s?\b"
                           r"|\bnot\s+(?:a\s+problem|against)\b|\bwhy\s+not\b", re.I)
_MONEY_UNIT = re.compile(r"[$£€]|dollar|euro|pound", re.I)
_COUNT_UNIT = re.compile(r"day|week|month|year|hour|percent|%", re.I)
_PERCENT_UNIT = re.compile(r"percent|%", re.I)
_HOUR_UNIT = re.compile(r"hour|o'clock|clock|time", re.I)
_Part = tuple[float, int, int, tuple[float, float] | None]


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
        elif not split and cur < 100 and n >= 10 and pair is None and total == 0:
            pair, cur = (cur, n), cur * 100 + n
        else:
            parts.append(((total + cur) * (0.5 if half else 1), start, end, pair))
            total, cur, start, half, split, pair = 0.0, n, s, False, False, None
        seen, end, last = True, e, word
    parts.append(((total + cur) * (0.5 if half else 1), start, end, pair))
    return parts


def _not_an_amount(text: str, m: re.Match[str]) -> bool:
    """Ordinals ("1st"), years after "in"/"since", dates ("31 March") and list markers ("1. ")."""
    start, end, raw = m.start(), m.end(), m["num"]
    before = text[max(0, start - 14):start]
    line = text[text.rfind("\n", 0, start) + 1:start]
    return bool(
        (not m["suf"] and _ORDINAL.match(text, end))
        or (raw.isdigit() and 1900 <= int(raw) <= 2099 and not m["cur"] and _YEAR_BEFORE.search(before))
        or _DATE_AFTER.match(text, end) or _DATE_BEFORE.search(before)
        or ("\n" in text.strip() and not line.strip(" \t(") and raw.isdigit() and _LIST_MARK.match(text, end)))


def _read(text: str, m: re.Match[str]) -> list[tuple[Quantity, float]]:
    """The quantities of one regex match with their trailers (million, a.m., dollars, percent, less)."""
    if m["words"]:
        parts, mult = _spoken(m), 1.0
    elif _not_an_amount(text, m):
        return []
    else:
        mult = _SUFFIX.get((m["suf"] or "").lower(), 1.0)
        value = float(m["num"].replace(",", "")) + (int(m["min"]) / 60 if m["min"] else 0)
        parts = [(value * mult, m.start(), m.end(), None)]
    found = [(Quantity(v, s, e, False, False, None, None), 1.0) for v, s, e, _ in parts[:-1]]
    value, start, end, pair = parts[-1]
    currency, percent, relative = bool(m["cur"]), False, None
    if t := _MULT.match(text, end):
        mult, value, end = mult * _MULTS[t[1].lower()], value * _MULTS[t[1].lower()], t.end()
    if t := _TIME.match(text, end):
        value, end = value + 12 if t["pm"] and value < 12 else value, t.end()
    if t := _CUR_WORD.match(text, end):
        currency, end = True, t.end()
    if t := _PERCENT.match(text, end):
        percent, end = True, t.end()
    if t := _RELATIVE.match(text, end):
        relative, end = "less" if t["less"] else "more", t.end()
    if pair and _PER_UNIT.match(text, end):
        value = pair[0] + pair[1] / 100
    return [*found, (Quantity(value, start, end, currency, percent, relative, None), mult)]


def _merge(text: str, found: list[tuple[Quantity, float]]) -> list[Quantity]:
    """Join "16 20 per kilo" into 16.20 and "55-60" / "between 15 and 15.5" / "150-160k" into ranges."""
    out: list[tuple[Quantity, float]] = []
    for q, mult in found:
        if out:
            p, p_mult = out[-1]
            between, first = text[p.end:q.start], text[p.start:p.end].lstrip("$£€")
            if (between == " " and first.isdigit() and len(first) <= 2 and re.fullmatch(r"\d\d", text[q.start:q.end])
                    and _PER_UNIT.match(text, q.end)):
                out[-1] = (replace(p, value=p.value + q.value / 100, end=q.end), 1.0)
                continue
            low = p.value * mult if p_mult == 1 and mult > 1 and p.value * mult <= q.value else p.value
            if (p.high is None and not p.relative and not q.relative and low <= q.value and _RANGE.fullmatch(between)
                    and (between.strip().lower() != "and" or re.search(r"between\s+$", text[:p.start], re.I))):
                out[-1] = (replace(p, value=low, high=q.value, end=q.end, currency=p.currency or q.currency,
                                   percent=p.percent or q.percent), mult)
                continue
        out.append((q, mult))
    return [q for q, _ in out]


def quantities(text: str) -> list[Quantity]:
    """Every amount in a free-typed turn, in order: digits, written numbers, times, ranges and relative phrases."""
    found: list[tuple[Quantity, float]] = []
    for m in _NUMBER.finditer(text):
        if not found or m.start() >= found[-1][0].end:  # a trailer ("12 million") may have used this match
            found += _read(text, m)
    same = [Quantity(0.0, m.start(), m.end(), False, False, "same", None) for m in _SAME.finditer(text)]
    return sorted(_merge(text, found) + same, key=lambda q: q.start)


def _core(text: str, q: Quantity) -> tuple[int, int]:
    """Where keyword distance is measured from: a "same as" phrase without its "as last year" tail."""
    if q.relative != "same":
        return q.start, q.end
    cut = re.search(r"(?:^|\s)as\s", text[q.start:q.end], re.I)
    return q.start, q.start + cut.start() if cut else q.end


def _keyword_spans(text: str, issue: Issue) -> list[tuple[int, int]]:
    """Where the issue's keywords (or their plurals) occur in the text."""
    spans = []
    for keyword in issue.keywords:
        pattern = r"[\s-]+".join(map(re.escape, keyword.lower().split()))
        spans += [k.span() for k in re.finditer(rf"(?<![a-z]){pattern}(?:e?s)?(?![a-z])", text, re.I)]
    return spans


def _nearest(text: str, core: tuple[int, int], spans: list[tuple[int, int]]) -> tuple[float, int] | None:
    """(distance in words, -keyword length) to the nearest keyword within 6 words; after the number wins ties."""
    best: tuple[float, int] | None = None
    for s, e in spans:
        if e <= core[0]:
            gap, extra = text[e:core[0]], 0.5
        elif s >= core[1]:
            gap, extra = text[core[1]:s], 0.0
        else:
            continue
        words = len(_GAP_WORDS.findall(gap))
        score = (words + extra + (3 if _BREAK.search(gap) else 0), s - e)
        if words <= 6 and (best is None or score < best):
            best = score
    return best


def _fit(text: str, q: Quantity, issue: Issue, base: float | None, keyed: bool) -> float | None:
    """The value a quantity gives an issue, scaled into its range, or None when it cannot be this issue's."""
    percent_unit = bool(_PERCENT_UNIT.search(issue.unit))
    clock = bool(_CLOCK.search(text[q.start:q.end]))
    if q.relative == "same":
        return (issue.current if issue.current is not None else base) if keyed else None
    if ((clock and not _HOUR_UNIT.search(issue.unit)) or (q.percent and not (percent_unit or keyed))
            or (q.currency and not _MONEY_UNIT.search(issue.unit) and _COUNT_UNIT.search(issue.unit))):
        return None  # 7am is an hour, 10% a percentage unless a keyword says otherwise, $15 never days
    if q.relative:
        if base is None:
            return None
        delta = base * q.value / 100 if q.percent and not percent_unit else q.value
        v = base - delta if q.relative == "less" else base + delta
        return min(max(v, issue.low), issue.high) if keyed else (v if issue.low <= v <= issue.high else None)
    v = q.high if q.high is not None and issue.user.prefers == "high" else q.value
    years, unit = _YEARS_AFTER.match(text, q.end), issue.unit.lower()
    if years and "month" not in unit and "year" not in unit:
        return None  # "2 yrs" is a length of time, never a volume or a price
    factors = (12.0,) if years and "month" in unit else (1.0,) if not keyed or q.percent or clock or years \
        else (1.0, 1e3, 1e6, 1e-3, 1e-6)
    # in range, and written no finer than the issue's decimals: 16.2 is a price, not a number of days
    return next((round(v * f, 9) for f in factors if issue.low <= v * f <= issue.high
                 and abs(v * f - round(v * f, issue.decimals)) < 1e-6), None)


def _negated(text: str, start: int, end: int) -> bool:
    """Whether a mention is negated in its clause: "no direct debit", "without a review", "X doesn't work"."""
    before = _CLAUSE.split(text[max(0, start - 60):start])[-1].split()[-5:]
    after = _CLAUSE.split(text[end:end + 40])[0].split()[:2]
    return bool(_NEGATION.search(_NOT_NEGATION.sub(" ", " ".join([*before, "|", *after]))))


def read_terms(text: str, issues: Sequence[Issue], reference: Mapping[str, float] | None = None) -> dict[str, float]:
    """The terms a turn names, {issue_id: value} snapped to each issue's grid; issues not named are left out."""
    qs, ref = quantities(text), dict(reference or {})
    dead = [(_core(text, q)[1], q.end) for q in qs if q.relative == "same"]
    spans = {i.id: [(s, e) for s, e in _keyword_spans(text, i) if not any(s < de and e > ds for ds, de in dead)]
             for i in issues}
    numeric = [i for i in issues if i.kind == "number"]
    flags = [(s, e) for i in issues if i.kind == "yes_no" for s, e in spans[i.id]]
    # a number inside a yes/no keyword ("a price review in six months") belongs to that term
    skip = {n for n, q in enumerate(qs) if any(s <= q.start and q.end <= e for s, e in flags)}
    options, unit_after = [], set(skip)
    for n, q in ((n, q) for n, q in enumerate(qs) if n not in skip):
        for issue in numeric:
            near = _nearest(text, _core(text, q), spans[issue.id])
            if any(s >= q.end and re.fullmatch(r"[\s/-]*", text[q.end:s]) for s, _ in spans[issue.id]):
                unit_after.add(n)  # "four years": a number with its own unit word is never bare
            if near and (v := _fit(text, q, issue, ref.get(issue.id, issue.current), True)) is not None:
                options.append((*near, n, issue.id, v))
    terms: dict[str, float] = {}
    used: set[int] = set()
    for *_, n, issue_id, v in sorted(options):
        if n not in used and issue_id not in terms:
            terms[issue_id] = v
            used.add(n)
    for n, q in enumerate(qs):
        if n in used or n in unit_after or text[q.start:q.end].lower() == "one":
            continue
        fits = [(i.id, v) for i in numeric
                if i.id not in terms and (v := _fit(text, q, i, ref.get(i.id, i.current), False)) is not None]
        if len(fits) == 1:
            terms[fits[0][0]] = fits[0][1]
    for issue in issues:
        if issue.kind == "yes_no" and spans[issue.id]:
            terms[issue.id] = 0.0 if any(_negated(text, s, e) for s, e in spans[issue.id]) else 1.0
    return {i.id: float(snap(i, terms[i.id])) for i in issues if i.id in terms}


def format_value(issue: Issue, value: float) -> str:
    """The value said in the issue's phrase: "$16.20 a kilo", "$158,000 base", yes/no as phrase or no_phrase."""
    if issue.kind == "yes_no":
        return issue.phrase if value >= 0.5 else issue.no_phrase
    if value == 0 and issue.low == 0:
        return issue.no_phrase  # "no standing order", or nothing, rather than "a standing order of 0 kilos"
    # Cents stay ("$16.20 a kilo"); other decimals only when there are some ("2.5 metres", "3 percent").
    cents = "$" in issue.phrase and issue.decimals == 2
    shown = f"{value:,.{issue.decimals}f}" if cents or value != int(value) else f"{int(value):,}"
    return issue.phrase.replace("{value}", shown)


def describe_terms(issues: Sequence[Issue], terms: Mapping[str, float]) -> str:
    """Named terms in issue order: "a, b and c", skipping empty no_phrases."""
    parts = [p for i in issues if i.id in terms and (p := format_value(i, terms[i.id]))]
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts)
