"""Summary faithfulness: what a summary covers of what the counterpart disclosed, and what it invents."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from simulator.transcript import Disclosure

from .summary import canonical_stems, summary_shape
from .text import FIGURES, content_stems, normalise

# The summary rule reads the wording of what was said (persons, amounts, questions) from the most recent distinct
# disclosures up to this many characters; the words, items and numbers it checks against are all of them.
SOURCE_TEXT_CHARS = 4_000


@dataclass(frozen=True)
class SummaryCheck:
    """How faithful a summary is to what the counterpart actually disclosed."""

    is_summary: bool
    coverage: float  # 0..1, share of disclosed items the summary restates
    covered_item_ids: tuple[str, ...]
    invented: tuple[str, ...]  # numbers, dates, claims the counterpart never said
    faithful: bool


@dataclass
class DisclosureIndex:
    """Everything disclosed so far, kept as running sets so checking a summary never rescans the whole history."""

    items: dict[str, set[str]] = field(
        default_factory=dict
    )  # item id -> canonical stems, in first-seen order
    rank: dict[str, int] = field(default_factory=dict)  # item id -> order of first disclosure
    postings: dict[str, list[str]] = field(default_factory=dict)  # canonical stem -> item ids holding it
    stems: set[str] = field(default_factory=set)  # canonical stems of every disclosure
    numbers: set[str] = field(default_factory=set)  # every number/date said in a disclosure
    _texts: dict[str, None] = field(default_factory=dict)  # distinct disclosure texts, oldest first
    _chars: int = 0

    @classmethod
    def of(cls, disclosed: Iterable[Disclosure]) -> DisclosureIndex:
        index = cls()
        index.extend(disclosed)
        return index

    def extend(self, disclosed: Iterable[Disclosure]) -> None:
        for d in disclosed:
            self.add(d)

    def add(self, d: Disclosure) -> None:
        stems = canonical_stems(content_stems(d.text))
        item = self.items.setdefault(d.item_id, set())
        self.rank.setdefault(d.item_id, len(self.rank))
        for s in stems - item:
            self.postings.setdefault(s, []).append(d.item_id)
        item.update(stems)
        self.stems.update(stems)
        if d.text not in self._texts:
            self.numbers.update(_plain(n) for n in FIGURES.findall(normalise(d.text)))
            self._texts[d.text] = None
            self._chars += len(d.text) + 1
            while self._chars > SOURCE_TEXT_CHARS and len(self._texts) > 1:
                oldest = next(iter(self._texts))
                del self._texts[oldest]
                self._chars -= len(oldest) + 1

    def recent_text(self) -> str:
        return " ".join(self._texts)


# what comes before a figure waved away, not claimed as theirs: "so this isnt really about 10 points, its about…"
WAVED_AWAY_BEFORE = (
    r"\b(?:isn'?t|isnt|is not|not|never|wasn'?t|was not)\s+(?:really\s+|just\s+|only\s+|even\s+)?(?:about|over)\s+"
    r"(?:the\s+|a\s+|some\s+)?[$£€]?"
)
_WAVED_AWAY = re.compile(WAVED_AWAY_BEFORE + r"\d[\d.,]*\s*(?:k|%|percent|points?|pts|grand|bucks|dollars)?")


def check_summary(
    text: str, disclosed: Sequence[Disclosure], context: str = "", index: DisclosureIndex | None = None
) -> SummaryCheck:
    """Check a summary against the counterpart's disclosures: what it covers and what it invents.

    `index` (the running form of `disclosed`) makes the check independent of how long the conversation was.
    """
    if index is None:
        index = DisclosureIndex.of(disclosed)
    source = " ".join([context, index.recent_text()]).strip()
    context_stems = canonical_stems(content_stems(context)) if context else set()
    shape = summary_shape(text, source, context_stems=_Union(index.stems, context_stems))
    turn = canonical_stems(content_stems(text))
    hits: dict[str, int] = {}
    for s in turn:
        for item_id in index.postings.get(s, ()):
            hits[item_id] = hits.get(item_id, 0) + 1
    covered = [
        item_id
        for item_id, n in hits.items()
        if (stems := index.items[item_id]) and (n >= 2 or n / len(stems) >= 0.4)
    ]
    covered.sort(key=index.rank.__getitem__)
    items = index.items
    coverage = len(covered) / len(items) if items else 0.0
    said_numbers = index.numbers | {_plain(n) for n in FIGURES.findall(normalise(context))}
    # ("so this isnt really about 10 points, its about…": a figure waved away is not claimed as theirs)
    claimed = _WAVED_AWAY.sub(" ", normalise(text))
    invented = tuple(dict.fromkeys(n for n in FIGURES.findall(claimed) if _plain(n) not in said_numbers))
    real = bool(covered) or (not items and len(shape.shared) >= 1)
    faithful = shape.is_summary and real and not invented
    return SummaryCheck(shape.is_summary, round(coverage, 3), tuple(covered), invented, faithful)


class _Union(Collection[str]):
    """Two sets read as one without copying the (long-lived, growing) first."""

    def __init__(self, big: set[str], small: set[str]) -> None:
        self.big, self.small = big, small

    def __contains__(self, item: object) -> bool:
        return item in self.big or item in self.small

    def __len__(self) -> int:
        return len(self.big) + len(self.small - self.big)

    def __iter__(self) -> Iterator[str]:
        yield from self.big
        yield from self.small - self.big


def _plain(number: str) -> str:
    """'$4,100' and '4100' are the same number when checking for invention."""
    return number.strip("$£€%").replace(",", "")
