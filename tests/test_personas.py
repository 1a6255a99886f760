"""Persona files: the built-ins load, and a broken file gets an error naming the file and the field."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from simulator.personas import (
    COUNTERPART_MOVES,
    PersonaError,
    load_library,
    load_persona_file,
    parse_persona_text,
)
from simulator.settings import BUILTIN_PERSONA_DIR

PARLEY = [sys.executable, "-m", "simulator.cli"]


def _base() -> dict:
    return yaml.safe_load((BUILTIN_PERSONA_DIR / "coffee-supplier.yaml").read_text())


def _write(tmp_path: Path, data: object, name: str = "mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data), encoding="utf-8")
    return path


def test_every_builtin_persona_loads(library):
    assert not library.errors, [str(e) for e in library.errors]
    assert len(library.ids()) >= 3
    for persona in library.personas.values():
        assert len(persona.concerns) >= 4
        assert set(persona.lines) == set(COUNTERPART_MOVES)


def mutate(change):
    data = _base()
    change(data)
    return data


BROKEN = [
    ("missing field", lambda d: d.pop("first_step"), "first_step", "Field required"),
    ("too few concerns", lambda d: d.update(concerns=d["concerns"][:2]), "concerns", "at least 4"),
    ("wrong type", lambda d: d["concerns"][0].update(layers="just one string"), "concerns.0.layers", "list"),
    ("bad id", lambda d: d.update(id="Not An Id!"), "id", "pattern"),
    ("unknown move", lambda d: d["lines"].update(dance=["a", "b"]), "lines", "unknown move"),
    ("missing content slot", lambda d: d["lines"].update(agree=["Fine.", "Deal."]), "lines", "{content}"),
    ("unknown field", lambda d: d.update(favourite_colour="blue"), "favourite_colour", "Extra inputs"),
    ("unknown difficulty", lambda d: d.update(difficulties={"brutal": {}}), "difficulties", "brutal"),
]


@pytest.mark.parametrize(("name", "change", "field", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_persona_names_the_file_and_the_field(tmp_path, name, change, field, message):
    path = _write(tmp_path, mutate(change))
    with pytest.raises(PersonaError) as caught:
        load_persona_file(path)
    text = str(caught.value)
    assert str(path) in text
    assert f"field '{field}" in text
    assert message.lower() in text.lower()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("not yaml", "id: [unclosed", "not valid YAML at line"),
        ("a list", "- a\n- b\n", "must be a mapping"),
        ("python tag", "id: !!python/object/apply:os.system ['echo hacked']\n", "not valid YAML"),
        ("alias bomb", "a: &a [x, x]\nb: [*a, *a]\n", "aliases"),
        ("deep nesting", "x: " + "[" * 5000 + "]" * 5000, "YAML"),
        ("huge", "id: x\nscenario: " + "y" * 300_000, "larger than"),
    ],
)
def test_hostile_persona_files_are_refused_safely(tmp_path, name, content, message):
    path = _write(tmp_path, content)
    with pytest.raises(PersonaError) as caught:
        load_persona_file(path)
    assert message.lower() in str(caught.value).lower()


def test_invalid_utf8_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"id: caf\xe9\n")
    with pytest.raises(PersonaError, match="not UTF-8"):
        load_persona_file(path)


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    _write(tmp_path, _base() | {"id": "my-roaster"}, "good.yaml")
    _write(tmp_path, {"id": "broken"}, "broken.yaml")
    library = load_library([BUILTIN_PERSONA_DIR, tmp_path])
    assert "my-roaster" in library.ids() and "coffee-supplier" in library.ids()
    assert len(library.errors) == 1 and "broken.yaml" in str(library.errors[0])


def test_a_user_persona_cannot_replace_a_builtin(tmp_path):
    _write(tmp_path, _base(), "copy.yaml")
    library = load_library([BUILTIN_PERSONA_DIR, tmp_path])
    assert library.sources["coffee-supplier"].startswith(str(BUILTIN_PERSONA_DIR))
    assert "already used" in str(library.errors[0])


def test_round_trip_through_yaml():
    from simulator.personas import persona_to_yaml

    persona = parse_persona_text((BUILTIN_PERSONA_DIR / "coffee-supplier.yaml").read_text())
    assert parse_persona_text(persona_to_yaml(persona)) == persona


@pytest.mark.subprocess
def test_cli_check_and_list(tmp_path, clean_env):
    good = _write(tmp_path, _base() | {"id": "my-roaster"}, "good.yaml")
    bad = _write(tmp_path, mutate(lambda d: d["concerns"][0].pop("surface")), "bad.yaml")
    ok = subprocess.run([*PARLEY, "personas", "--check", str(good)], capture_output=True, text=True)
    assert ok.returncode == 0 and "OK" in ok.stdout
    fail = subprocess.run([*PARLEY, "personas", "--check", str(bad)], capture_output=True, text=True)
    assert fail.returncode == 1
    assert "concerns.0.surface" in fail.stderr and "Traceback" not in fail.stderr
    listed = subprocess.run(
        [*PARLEY, "personas", "--json"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PARLEY_PERSONA_DIR": str(tmp_path)},
    )
    data = json.loads(listed.stdout)
    ids = [p["id"] for p in data["personas"]]
    assert "coffee-supplier" in ids and "my-roaster" in ids
    assert any("bad.yaml" in e for e in data["errors"])


def test_each_concern_is_reachable_by_its_own_question(library):
    """The question a debrief suggests for a missed concern must actually open that concern."""
    from simulator.evaluation import label_turn
    from simulator.ledger import topic_of

    for persona in library.personas.values():
        for concern in persona.concerns:
            assert topic_of(concern.opened_by, persona) == concern.id, (persona.id, concern.opened_by)
            assert label_turn(concern.opened_by).primary == "open_question", (persona.id, concern.opened_by)


@pytest.mark.subprocess
def test_check_warns_about_a_question_that_opens_the_wrong_concern(tmp_path, clean_env):
    data = _base() | {"id": "my-roaster"}
    data["concerns"][0]["opened_by"] = data["concerns"][1][
        "opened_by"
    ]  # asks about payments, not green costs
    path = _write(tmp_path, data, "mine.yaml")
    run = subprocess.run([*PARLEY, "personas", "--check", str(path)], capture_output=True, text=True)
    assert run.returncode == 0 and "OK" in run.stdout  # valid, so it loads
    assert (
        f"concerns.0 ({data['concerns'][0]['id']}).opened_by: the question reaches '{data['concerns'][1]['id']}'"
        in run.stdout
    )


def test_builtin_personas_need_no_authoring_advice(library):
    from simulator.persona_checks import persona_warnings

    assert {p.id: persona_warnings(p) for p in library.personas.values() if persona_warnings(p)} == {}
