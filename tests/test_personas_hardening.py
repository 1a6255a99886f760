"""Issue 13, personas: an import never silently replaces another persona, every persona shows where it comes from,
"built-in" is a resolved-path check (not a substring), and a save goes to the file the library actually loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest
from test_ui_helpers import app_fixture  # noqa: F401

from simulator.personas import is_within, load_library, load_persona_file, persona_to_yaml
from simulator.settings import BUILTIN_PERSONA_DIR, load_settings

pytestmark = pytest.mark.slow

COFFEE = BUILTIN_PERSONA_DIR / "coffee-supplier.yaml"


def _persona_yaml(persona_id: str, name: str) -> str:
    data = yaml.safe_load(COFFEE.read_text()) | {"id": persona_id, "name": name}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def _write(directory: Path, filename: str, persona_id: str, name: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / filename
    path.write_text(_persona_yaml(persona_id, name), encoding="utf-8")
    return path


def _click(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    return at


def _personas_page(app: AppTest) -> AppTest:
    return app.run().switch_page("views/personas.py").run()


def _captions(app: AppTest) -> str:
    return "\n".join(c.value for c in app.caption).replace("\\", "")


# --- The library -------------------------------------------------------------------------------------------------


def test_is_within_compares_resolved_paths_not_text(tmp_path: Path) -> None:
    builtin = tmp_path / "personas"
    builtin.mkdir()
    assert is_within(builtin / "x.yaml", builtin)
    assert is_within(tmp_path / "other" / ".." / "personas" / "x.yaml", builtin)
    assert not is_within(tmp_path / "personas-mine" / "x.yaml", builtin)
    assert not is_within(tmp_path / "mine" / "personas" / "x.yaml", builtin)
    (tmp_path / "link").symlink_to(builtin)
    assert is_within(tmp_path / "link" / "x.yaml", builtin)


def test_a_persona_dir_containing_the_builtin_path_is_not_builtin(tmp_path: Path) -> None:
    # The old check was `str(BUILTIN_PERSONA_DIR) in source`: this folder's path contains the built-in one's.
    custom = tmp_path.joinpath(*BUILTIN_PERSONA_DIR.parts[1:])
    _write(custom, "mine.yaml", "my-roaster", "Rosa Lima")
    assert str(BUILTIN_PERSONA_DIR) in str(custom)
    library = load_library(load_settings(persona_dir=custom).persona_dirs)
    assert library.loaded_from("coffee-supplier", BUILTIN_PERSONA_DIR)
    assert not library.loaded_from("my-roaster", BUILTIN_PERSONA_DIR)
    assert library.loaded_from("my-roaster", custom)


def test_the_same_folder_twice_is_read_once(tmp_path: Path) -> None:
    _write(tmp_path, "mine.yaml", "my-roaster", "Rosa Lima")
    library = load_library([tmp_path, tmp_path / ".", tmp_path.parent / tmp_path.name])
    assert library.ids() == ["my-roaster"] and not library.errors


def test_the_library_says_which_file_won(tmp_path: Path) -> None:
    first = _write(tmp_path, "a.yaml", "my-roaster", "First")
    _write(tmp_path, "my-roaster.yaml", "my-roaster", "Second")
    library = load_library([tmp_path])
    assert library.source_path("my-roaster") == first
    assert library.personas["my-roaster"].name == "First"
    assert "a.yaml" in str(library.errors[0]) and "already used" in str(library.errors[0])


# --- The app -----------------------------------------------------------------------------------------------------


def test_the_gallery_shows_where_each_persona_comes_from(app: AppTest, tmp_path: Path) -> None:
    mine = _write(tmp_path / "personas", "mine.yaml", "my-coffee", "Tomás Reyes")  # a built-in's name
    _personas_page(app)
    names = [h.value for h in app.subheader]
    assert names.count("Tomás Reyes") == 2
    captions = _captions(app)
    assert "coffee-supplier · built-in" in captions
    assert f"my-coffee · your file {mine}" in captions


def test_a_custom_folder_whose_path_contains_the_builtin_one_is_editable(
    app: AppTest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    custom = tmp_path.joinpath(*BUILTIN_PERSONA_DIR.parts[1:])
    path = _write(custom, "mine.yaml", "my-roaster", "Rosa Lima")
    monkeypatch.setenv("PARLEY_PERSONA_DIR", str(custom))
    _personas_page(app)
    assert "my-roaster · your file" in _captions(app)
    app.selectbox(key="parley.editor.base").set_value("my-roaster").run()
    assert app.text_input[0].value == "my-roaster"  # not turned into a "my-my-roaster" copy
    app.text_input[1].input("Rosa Lima-Ortiz")
    _click(app, "Check and save")
    assert not app.error, [e.value for e in app.error]
    assert load_persona_file(path).name == "Rosa Lima-Ortiz"


def test_an_edit_is_saved_to_the_file_the_library_loaded(app: AppTest, tmp_path: Path) -> None:
    folder = tmp_path / "personas"
    loaded = _write(folder, "a.yaml", "my-roaster", "First")
    shadowed = _write(folder, "my-roaster.yaml", "my-roaster", "Second")
    _personas_page(app)
    app.selectbox(key="parley.editor.base").set_value("my-roaster").run()
    app.text_input[1].input("Edited")
    _click(app, "Check and save")
    assert not app.error, [e.value for e in app.error]
    assert load_persona_file(loaded).name == "Edited"
    assert load_persona_file(shadowed).name == "Second"  # untouched
    assert "Edited" in [h.value for h in app.subheader]


def test_an_edit_cannot_take_another_personas_id(app: AppTest, tmp_path: Path) -> None:
    folder = tmp_path / "personas"
    _write(folder, "one.yaml", "my-one", "Ana One")
    two = _write(folder, "two.yaml", "my-two", "Bea Two")
    _personas_page(app)
    app.selectbox(key="parley.editor.base").set_value("my-one").run()
    app.text_input[0].input("my-two")
    _click(app, "Check and save")
    assert any("already used by your persona" in e.value for e in app.error)
    assert load_persona_file(two).name == "Bea Two"


def test_a_new_persona_never_overwrites_a_file_holding_another(app: AppTest, tmp_path: Path) -> None:
    folder = tmp_path / "personas"
    other = _write(folder, "my-new.yaml", "my-other", "Cleo Other")  # the file name a new 'my-new' would take
    _personas_page(app)
    app.text_input[0].input("my-new")
    app.text_input[1].input("Dana New")
    _click(app, "Check and save")
    assert not app.error, [e.value for e in app.error]
    assert load_persona_file(other).name == "Cleo Other"
    library = load_library([folder])
    assert library.personas["my-new"].name == "Dana New" and library.personas["my-other"].name == "Cleo Other"


def test_importing_an_existing_id_asks_before_replacing(app: AppTest, tmp_path: Path) -> None:
    existing = _write(tmp_path / "personas", "mine.yaml", "my-roaster", "Rosa Lima")
    _personas_page(app)
    upload = _persona_yaml("my-roaster", "Imported Rosa").encode()
    app.file_uploader[0].set_value(("rosa.yaml", upload, "application/x-yaml")).run()
    warning = " ".join(w.value for w in app.warning).replace("\\", "")
    assert "already your persona Rosa Lima" in warning and str(existing) in warning
    add = next(b for b in app.button if b.label == "Add to my personas")
    assert add.disabled
    assert load_persona_file(existing).name == "Rosa Lima"
    app.checkbox(key="import-replace").check().run()
    _click(app, "Add to my personas")
    assert not app.error, [e.value for e in app.error]
    assert load_persona_file(existing).name == "Imported Rosa"
    assert sorted(p.name for p in existing.parent.iterdir()) == ["mine.yaml"]


def test_importing_a_new_id_needs_no_confirmation(app: AppTest, tmp_path: Path) -> None:
    _personas_page(app)
    upload = _persona_yaml("my-fresh", "Fresh Face").encode()
    app.file_uploader[0].set_value(("fresh.yaml", upload, "application/x-yaml")).run()
    assert not app.warning and not any(c.key == "import-replace" for c in app.checkbox)
    _click(app, "Add to my personas")
    assert load_persona_file(tmp_path / "personas" / "my-fresh.yaml").name == "Fresh Face"


def test_importing_a_builtin_id_is_refused(app: AppTest, tmp_path: Path) -> None:
    _personas_page(app)
    app.file_uploader[0].set_value(("c.yaml", COFFEE.read_bytes(), "application/x-yaml")).run()
    _click(app, "Add to my personas")
    assert any("built-in persona" in e.value.replace("\\", "") for e in app.error)  # shown escaped, as text
    assert not (tmp_path / "personas").exists() or not list((tmp_path / "personas").iterdir())


def test_round_trip_of_a_saved_persona_is_unchanged(tmp_path: Path) -> None:
    path = _write(tmp_path, "x.yaml", "my-roaster", "Rosa Lima")
    persona = load_persona_file(path)
    path.write_text(persona_to_yaml(persona), encoding="utf-8")
    assert load_persona_file(path) == persona
