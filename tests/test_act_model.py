"""The learned second opinion on each part's act: it loads, it learns, and without it the rules still read."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from evals import train_acts
from evals.conversations import load
from simulator import act_model
from simulator.reading import read_turn


def test_the_shipped_model_gives_a_probability_for_every_act():
    model = act_model.load()
    assert model is not None, "simulator/act_weights.json is missing: run python -m evals.train_acts"
    feats = act_model.features("wow so generous", {"rule": "statement", "pos": "only"})
    probs = model.scores(feats)
    assert set(probs) == set(model.labels) and len(probs) >= 14
    assert abs(sum(probs.values()) - 1.0) < 1e-9


def test_the_rules_act_stands_unless_the_model_is_clearly_surer():
    model = act_model.load()
    feats = act_model.features("so the price goes up in March", {"rule": "summary", "pos": "only"})
    cautious = act_model.ActModel(model.labels, model.weights, margin=1.0)
    assert cautious.decide(feats, "summary")[0] == "summary"


@pytest.mark.subprocess
def test_a_part_gets_the_same_features_in_every_run():
    # Python orders a set of strings by a hash seeded afresh in each process; the features (and so the order the
    # model sums its weights in) must not follow it, or the same words can be read as two acts on two days
    code = (
        "from simulator.act_model import features; "
        "print(features('honestly feels like ur just cashing in now the street has gone trendy lately', {}))"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert len(runs) == 1, runs


@pytest.mark.slow
def test_training_on_annotated_conversations_learns_their_acts(tmp_path, library):
    data = train_acts.examples(["train_t2.jsonl"], library.personas)
    assert len(data) > 300
    model = train_acts.train(data, steps=60)
    rules_acc, _ = train_acts.accuracy(None, data)
    model_acc, _ = train_acts.accuracy(model, data)
    assert model_acc > rules_acc + 0.1  # it fits what it was shown
    out = tmp_path / "weights.json"
    out.write_text(json.dumps(model.to_json()), encoding="utf-8")
    again = act_model.load.__wrapped__(str(out))
    assert again is not None and again.labels == model.labels


def test_without_a_weights_file_the_rules_alone_read_the_turn(library, tmp_path):
    assert act_model.load.__wrapped__(str(tmp_path / "absent.json")) is None
    persona = library.personas["coffee-supplier"]
    from simulator import ledger as L

    conv = load(["dev_a.jsonl"])[0]
    opening = {"role": "counterpart", "text": conv["turns"][0]["text"], "disclosures": []}
    reading = read_turn(
        persona, L.new_ledger(persona), "what's behind the new price?", [opening], use_model=False
    )
    assert [p["act"] for p in reading["parts"]] == ["open_question"]
