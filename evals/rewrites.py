"""Rewrites on real typing: every rewrite the scorecard offers for the conversation set's development part.

Each development conversation's user turns are driven through the real graph (the counterpart answers live, as in
the app); the finished session is scored, and every rewrite is checked the way a user would notice:

- read by the live reading (`simulator.reading.read_turn`, with the persona and the conversation up to that turn)
  as the move it models: an open question, a faithful summary, a concrete benefit-framed ask;
- never offered for a turn that won something (the counterpart disclosed, warmed up, answered or agreed);
- a whole sentence: starts with a capital, ends with "." or "?", no "…", no placeholders, no doubled words.

`--sample N --out FILE` writes N rewrites (seeded, spread over the dimensions, none judged before with `--exclude`
an earlier review) as JSON Lines for a review by people who never saw the code ("would a person say this, and is
it better than the original turn?"), with the conversation before the turn and an empty verdict for each.
`--train` adds the training files (development data too); `--files` takes only the files named (a review of rewrites
on conversations written after the rewrites were last tuned). The blind part is never opened here.
Run: `python -m evals.rewrites`.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator import ledger as L
from simulator.personas import Persona, load_library

_DIR = Path(__file__).parent / "conversations"
DEV_FILES = ("dev_a.jsonl", "dev_b.jsonl")
# The training files are development data too (never the blind part, which is not opened here).
TRAIN_FILES = tuple(sorted(p.name for p in _DIR.glob("train_*.jsonl")))
MODELS = {
    "open_questions": "open_question",
    "concerns_uncovered": "open_question",
    "alignment": "open_question",
    "summaries": "summary",
    "benefit_asks": "benefit_ask",
}
_DOUBLED = re.compile(r"\b(\w+) \1\b", re.IGNORECASE)


@dataclass
class Checked:
    """One rewrite and what the checks found."""

    conversation: str
    persona: str
    dimension: str
    turn: int
    original: str
    suggestion: str
    why: str
    context: str
    problems: list[str]
    earlier: list[
        str
    ]  # the conversation before the turn ("them: …" / "you: …"), for a reviewer to check against


def load_dev(files: tuple[str, ...] = DEV_FILES) -> list[dict[str, Any]]:
    assert not any("blind" in name for name in files), "the blind part is never opened here"
    return [
        json.loads(line) for name in files for line in (_DIR / name).read_text().splitlines() if line.strip()
    ]


def _sentence_problems(text: str) -> list[str]:
    problems = []
    if not text[:1].isupper():
        problems.append("does not start with a capital")
    if not text.rstrip().endswith(("?", ".")):
        problems.append("does not end a sentence")
    if "…" in text or "..." in text or "<" in text:
        problems.append("has a gap or placeholder")
    if _DOUBLED.search(text):
        problems.append(f"doubled word '{_DOUBLED.search(text).group(1)}'")  # type: ignore[union-attr]
    return problems


def _reads_as(persona: Persona, text: str, history: list[dict[str, Any]], move: str) -> str | None:
    """None when the live reading sees `move` in `text` said at that point; else what it saw."""
    from simulator.reading import read_turn

    reading = read_turn(persona, L.new_ledger(persona), text, history)
    moves = list(reading.get("moves", []))
    if move not in moves:
        return f"read as {moves or ['other']}, not {move}"
    if move == "summary" and not (reading.get("summary") or {}).get("faithful"):
        return "read as a summary that is not faithful"
    if move == "benefit_ask" and reading.get("bare_ask"):
        return "read as a bare ask"
    return None


def check_conversation(conv: dict[str, Any], persona: Persona, graph: Any, n: int) -> list[Checked]:
    """Drive one conversation through the graph, score it, and check every rewrite."""
    from evals.conversations import replay_live

    values, card = replay_live(graph, persona, conv, f"rewrites-{n}")
    turns: list[dict[str, Any]] = list(values.get("turns", []))
    user_at = [i for i, t in enumerate(turns) if t["role"] == "user"]
    results = []
    for dim in card.dimensions:
        rw = dim.rewrite
        if rw is None:
            continue
        index = user_at[rw.turn - 1]
        history = turns[:index]
        problems = _sentence_problems(rw.suggestion)
        seen = _reads_as(persona, rw.suggestion, history, MODELS[dim.key])
        if seen:
            problems.append(seen)
        reply = turns[index + 1] if index + 1 < len(turns) else None
        if reply and (
            reply.get("disclosures")
            or reply.get("move") in ("reveal", "raise_concern", "warm_up", "feel_heard", "agree")
        ):
            problems.append(f"rewrites a turn that won something ({reply.get('move')})")
        if rw.suggestion.strip().lower() == rw.original.strip().lower():
            problems.append("same as the original")
        context = next((t["text"] for t in reversed(history) if t["role"] == "counterpart"), "")
        earlier = [f"{'them' if t['role'] == 'counterpart' else 'you'}: {t['text']}" for t in history]
        results.append(
            Checked(
                conv["id"],
                persona.id,
                dim.key,
                rw.turn,
                rw.original,
                rw.suggestion,
                rw.why,
                context,
                problems,
                earlier,
            )
        )
    return results


def check_all(
    conversations: list[dict[str, Any]] | None = None, files: tuple[str, ...] = DEV_FILES
) -> list[Checked]:
    from langgraph.checkpoint.memory import InMemorySaver

    from simulator.graph import build_graph

    library = load_library([Path(__file__).parent.parent / "personas"])
    graph = build_graph(InMemorySaver())
    found: list[Checked] = []
    for n, conv in enumerate(conversations if conversations is not None else load_dev(files)):
        found += check_conversation(conv, library.get(conv["persona"]), graph, n)
    return found


def _reviewed(path: str) -> set[tuple[str, str, str]]:
    """(conversation, dimension, original) of every rewrite an earlier review already judged."""
    if not path or not Path(path).is_file():
        return set()
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    return {(r["conversation"], r["dimension"], r["original"]) for r in rows}


def sample(
    checked: list[Checked], n: int, exclude: set[tuple[str, str, str]] = frozenset(), seed: int = 16
) -> list[Checked]:
    """`n` rewrites that pass every check and were not reviewed before, spread evenly over the dimensions (a
    dimension with fewer fills from the others), one per conversation and dimension, in a seeded order."""
    rng = random.Random(seed)
    pool = [c for c in checked if not c.problems and (c.conversation, c.dimension, c.original) not in exclude]
    by_dim: dict[str, list[Checked]] = {}
    for c in pool:
        by_dim.setdefault(c.dimension, []).append(c)
    for items in by_dim.values():
        rng.shuffle(items)
    chosen: list[Checked] = []
    while len(chosen) < n and any(by_dim.values()):
        for key in sorted(by_dim):
            if by_dim[key] and len(chosen) < n:
                chosen.append(by_dim[key].pop())
    rng.shuffle(chosen)
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=0, help="write this many rewrites for a human review")
    parser.add_argument("--out", default="evals/rewrite_review.jsonl", help="where --sample writes")
    parser.add_argument(
        "--all", action="store_true", help="print every rewrite, not only the ones with problems"
    )
    parser.add_argument(
        "--train", action="store_true", help="the training files too (development data as well)"
    )
    parser.add_argument(
        "--exclude",
        action="extend",
        nargs="+",
        default=[],
        help="review files whose rewrites are not sampled again (one or more; may be repeated)",
    )
    parser.add_argument(
        "--files",
        nargs="+",
        default=[],
        help="only these conversation files (e.g. ones written after the rewrites were last tuned)",
    )
    args = parser.parse_args(argv)
    files = tuple(args.files) or DEV_FILES + (TRAIN_FILES if args.train else ())
    checked = check_all(files=files)
    bad = [c for c in checked if c.problems]
    by_dim: dict[str, list[int]] = {}
    for c in checked:
        by_dim.setdefault(c.dimension, [0, 0])
        by_dim[c.dimension][0] += 1
        by_dim[c.dimension][1] += not c.problems
    print(
        f"Rewrites on the conversation set's development part: {len(checked)} offered, "
        f"{len(checked) - len(bad)} pass every check ({(len(checked) - len(bad)) / max(1, len(checked)):.1%})"
    )
    for key, (total, ok) in sorted(by_dim.items()):
        print(f"  {key:<20} {ok}/{total}")
    for c in checked if args.all else bad:
        print(
            f"\n{c.conversation} {c.dimension} turn {c.turn}:\n  they: {c.context}\n  orig: {c.original}\n"
            f"  -> {c.suggestion}\n  why: {c.why}"
            + (f"\n  PROBLEMS: {'; '.join(c.problems)}" if c.problems else "")
        )
    if args.sample:
        chosen = sample(checked, args.sample, set().union(*(_reviewed(p) for p in args.exclude)))
        with open(args.out, "w", encoding="utf-8") as fh:
            for c in chosen:
                fh.write(
                    json.dumps(
                        {
                            "conversation": c.conversation,
                            "persona": c.persona,
                            "dimension": c.dimension,
                            "earlier": c.earlier,
                            "they_said": c.context,
                            "original": c.original,
                            "rewrite": c.suggestion,
                            "why": c.why,
                            "verdict": None,
                            "reviewer": None,
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
        print(f"\nwrote {len(chosen)} rewrites to {args.out} for review")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
