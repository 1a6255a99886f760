"""Summary faithfulness: what a summary covers of what the counterpart disclosed, and what it invents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from simulator.transcript import Disclosure

from .summary import NUMBERS, canonical_stems, summary_shape
from .text import content_stems, normalise


@dataclass(frozen=True)
class SummaryCheck:
    """How faithful a summary is to what the counterpart actually disclosed."""

    is_summary: bool
    coverage: float  # 0..1, share of disclosed items the summary restates
    covered_item_ids: tuple[str, ...]
    invented: tuple[str, ...]  # numbers, dates, claims the counterpart never said
    faithful: bool


def check_summary(text: str, disclosed: Sequence[Disclosure], context: str = "") -> SummaryCheck:
    """Check a summary against the counterpart's disclosures: what it covers and what it invents."""
    source = " ".join([context, *(d.text for d in disclosed)]).strip()
    shape = summary_shape(text, source)
    turn = canonical_stems(content_stems(text))
    covered: list[str] = []
    items: dict[str, set[str]] = {}
    for d in disclosed:
        items.setdefault(d.item_id, set()).update(canonical_stems(content_stems(d.text)))
    for item_id, stems in items.items():
        hits = len(stems & turn)
        if stems and (hits >= 2 or hits / len(stems) >= 0.4):
            covered.append(item_id)
    coverage = len(covered) / len(items) if items else 0.0
    said = normalise(source)
    said_numbers = {_plain(n) for n in NUMBERS.findall(said)}
    invented = tuple(
        dict.fromkeys(n for n in NUMBERS.findall(normalise(text)) if _plain(n) not in said_numbers)
    )
    real = bool(covered) or (not items and len(shape.shared) >= 1)
    faithful = shape.is_summary and real and not invented
    return SummaryCheck(shape.is_summary, round(coverage, 3), tuple(covered), invented, faithful)


def _plain(number: str) -> str:
    """'$4,100' and '4100' are the same number when checking for invention."""
    return number.strip("$£€%").replace(",", "")
