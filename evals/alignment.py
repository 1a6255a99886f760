"""The alignment table: does "Alignment with your problem" follow meaning rather than shared words?

Ten prep answers, each written the way a person preparing for one of the personas would write it (from that
persona's brief, in their own words), are scored against rehearsals with the matching persona and with every
other persona. A prep should score high where it belongs and low everywhere else. One more prep, for renting a
flat, matches no persona at all (the case from issue 16: it scored 100 against the bakery lease).

The rehearsals are the simulated learners' (skilled and natural) at realistic difficulty, driven through the same
service, graph and SQLite database the app uses; each prep is scored against each finished transcript.
Run: `python -m evals.alignment` (`--check` exits 1 when a target is missed).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from statistics import mean

from simulator.evaluation import score_transcript
from simulator.session import Rehearsals
from simulator.settings import Settings
from simulator.transcript import Prep, Transcript

# (persona the prep is written for, the prep). Written from each persona's user brief, as a person would.
PREPS: list[tuple[str, Prep]] = [
    (
        "coffee-supplier",
        Prep(
            problem="Ember & Oak wants to put the price of our house blend up and I can't absorb much more than 10% on the "
            "beans. I also have a couple of late invoices hanging over me.",
            needs="A price per kilo I can live with and payment terms that get me through January and February when cash "
            "flow is tight.",
            first_step="Ask Tomás what's driving the price increase before I talk numbers.",
        ),
    ),
    (
        "manager-raise",
        Prep(
            problem="I've been doing the night-shift lead job without the title or the pay, and now there's a salary "
            "freeze so Marcus will say no.",
            needs="The team lead role at $76,000, or a written path to it with a date, and a plan for who covers my routes.",
            first_step="Ask Marcus what he'd need to see from me to feel I'm ready to lead the drivers.",
        ),
    ),
    (
        "client-discount",
        Prep(
            problem="Ridgeline wants 20% off our retainer. If I just cut the fee I have to let someone go.",
            needs="Keep the client on a 12-month renewal without cutting our rate; I can take work out of scope instead.",
            first_step="Find out what's behind the budget cut and whether they're comparing us with another agency.",
        ),
    ),
    (
        "landlord-renewal",
        Prep(
            problem="Gloria wants $5,000 a month on a one-year lease and I can't afford much over $4,600; moving the "
            "ovens would cost $60,000.",
            needs="A long lease on the bakery so I'm not doing this every year.",
            first_step="Ask her what her plans are for the building.",
        ),
    ),
    (
        "landlord-renewal",
        Prep(
            problem="The people in the flats upstairs keep complaining about our 5 a.m. deliveries and I think that's "
            "why the renewal is so tough.",
            needs="A way to take the deliveries without the van waking everyone up.",
            first_step="Ask how the neighbours upstairs are finding the early mornings.",
        ),
    ),
    (
        "investor-term-sheet",
        Prep(
            problem="Northlight's term sheet values us below $12M pre-money and I'm scared of losing control of the board.",
            needs="A valuation of at least $12M and founders keeping control; a sensible option pool for our hires.",
            first_step="Ask Rebecca how she gets to her valuation and what ownership her fund needs.",
        ),
    ),
    (
        "cofounder-equity",
        Prep(
            problem="Lena and I have to settle the equity split before the lawyer's deadline and she thinks 50/50 is fair.",
            needs="Keep a majority, at least 55%, with 4-year vesting that we both feel good about.",
            first_step="Ask Lena what a fair split means to her and what worries her about the vesting cliff.",
        ),
    ),
    (
        "vendor-deadlines",
        Prep(
            problem="Vogel keeps missing our ship dates and the 15 September retail date for 6,000 enclosures can't move.",
            needs="Reliable on-time deliveries, the September date confirmed in writing, without blowing up the supplier "
            "with penalty clauses.",
            first_step="Ask Dieter what is really causing the delays on his side.",
        ),
    ),
    (
        "candidate-offer",
        Prep(
            problem="Aisha is the candidate we want but she's weighing another offer and we've been trying to fill the "
            "role for 4 months.",
            needs="Her signature this week within the salary band; I can add a signing bonus up to $15,000.",
            first_step="Ask Aisha what matters most to her in choosing between the offers: money, flexibility or growth.",
        ),
    ),
    (
        "neighbour-extension",
        Prep(
            problem="We need Maureen's written consent to the party wall agreement and the scaffolding or we lose the "
            "builders' slot on 2 June.",
            needs="Her consent in time, and a decent relationship with her afterwards; we live next door.",
            first_step="Ask Maureen what worries her about the building work.",
        ),
    ),
]
# A prep for a negotiation none of the personas is about: it should score low against every one of them.
UNRELATED = Prep(
    problem="My landlord wants to put the rent on my flat up from $1,850 to $2,100 when the tenancy ends.",
    needs="Stay in the flat for another year at no more than $1,950 a month.",
    first_step="Tell the letting agent I've always paid on time.",
)

LEARNERS = ("skilled", "natural")
MATCH_TARGET = 40  # alignment with the matching persona, at least, for every prep and rehearsal
MATCH_MEAN_TARGET = 60  # mean alignment over all matching pairs, at least
UNRELATED_TARGET = 20  # alignment against any other persona, at most


@dataclass
class Row:
    """One prep's alignment against the matching persona's rehearsals and every other persona's."""

    label: str
    persona_id: str | None
    matching: list[int]
    unrelated: list[int]

    @property
    def ok(self) -> bool:
        matched = not self.persona_id or min(self.matching) >= MATCH_TARGET
        return matched and max(self.unrelated) <= UNRELATED_TARGET


def rehearsals(service: Rehearsals) -> dict[str, list[Transcript]]:
    """Finished learner rehearsals (no prep of their own), by persona."""
    from evals.learners import run_session

    found: dict[str, list[Transcript]] = {}
    for pid in service.library.ids():
        persona = service.library.get(pid)
        for kind in LEARNERS:
            result = run_session(service, persona, "realistic", kind)
            found.setdefault(pid, []).append(service.transcript(result.session_id))
    return found


def alignment_of(prep: Prep, transcript: Transcript) -> int:
    """The scorecard's alignment score for `transcript` rehearsed with `prep`."""
    card = score_transcript(transcript.model_copy(update={"prep": prep}))
    score = next(d.score for d in card.dimensions if d.key == "alignment")
    assert score is not None
    return score


def measure(sessions: dict[str, list[Transcript]]) -> list[Row]:
    """Every prep against every rehearsal."""
    rows = []
    preps: list[tuple[str | None, Prep, str]] = [
        (pid, prep, f"{n}. {pid}") for n, (pid, prep) in enumerate(PREPS, start=1)
    ]
    preps.append((None, UNRELATED, "11. a rented flat (no persona)"))
    for pid, prep, label in preps:
        matching = [alignment_of(prep, t) for t in sessions.get(pid or "", [])]
        unrelated = [alignment_of(prep, t) for other, ts in sessions.items() if other != pid for t in ts]
        rows.append(Row(label, pid, matching, unrelated))
    return rows


def table(rows: list[Row]) -> str:
    lines = [
        "| prep written for | matching persona (skilled, natural) | other personas: mean | other personas: max |"
        " target met |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        match = ", ".join(str(s) for s in r.matching) if r.matching else "–"
        lines.append(
            f"| {r.label} | {match} | {mean(r.unrelated):.1f} | {max(r.unrelated)} | "
            f"{'yes' if r.ok else 'NO'} |"
        )
    matched = [s for r in rows for s in r.matching]
    others = [s for r in rows for s in r.unrelated]
    lines.append(
        f"| **all** | mean {mean(matched):.1f}, min {min(matched)} | {mean(others):.1f} | {max(others)} | "
        f"{sum(r.ok for r in rows)} of {len(rows)} |"
    )
    lines.append(
        f"\nTargets: every matching score ≥ {MATCH_TARGET} and their mean ≥ {MATCH_MEAN_TARGET}; every unrelated "
        f"score ≤ {UNRELATED_TARGET}."
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        service = Rehearsals(Settings(data_dir=Path(tmp)))
        try:
            rows = measure(rehearsals(service))
        finally:
            service.close()
    print("Alignment with your problem: prep answers against matching and unrelated rehearsals\n")
    print(table(rows))
    return 1 if args.check and not targets_met(rows) else 0


def targets_met(rows: list[Row]) -> bool:
    """Every row meets its targets and the matching pairs average at least MATCH_MEAN_TARGET."""
    matched = [s for r in rows for s in r.matching]
    return all(r.ok for r in rows) and mean(matched) >= MATCH_MEAN_TARGET


if __name__ == "__main__":
    sys.exit(main())
