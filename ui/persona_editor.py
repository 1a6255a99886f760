"""Create, edit, import and export persona files, with the same validation (and field-naming errors) as files."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
import yaml

from simulator.persona_checks import persona_warnings
from simulator.personas import (
    DIFFICULTIES,
    MAX_FILE_BYTES,
    Persona,
    PersonaError,
    PersonaLibrary,
    _SafeLoader,
    is_within,
    parse_persona_text,
    persona_to_yaml,
)
from simulator.settings import BUILTIN_PERSONA_DIR
from ui.context import AppContext, reload_personas
from ui.safe import md_text

FLASH_KEY = "parley.flash"
BASE_KEY = "parley.editor.base"  # the persona the form starts from
PENDING_KEY = "parley.editor.pending"  # a persona just saved: the form opens on it after the rerun
TOP_FIELDS = ("id", "name", "role", "title", "teaches", "scenario", "temperament")
OWN_PLACES = (*TOP_FIELDS, "default_difficulty", "issues", "facts")  # fields with their own inputs in the form
SOURCE = "the form"

# One row per issue: the schema's fields, with each side's view flattened to "<side>_<field>".
SIDE_FIELDS = ("prefers", "target", "limit", "weight")
ISSUE_TEXT = ("id", "label", "unit", "kind", "phrase", "no_phrase")
ISSUE_NUMBERS = ("low", "high", "step", "decimals", "current", "opening")
ISSUE_LISTS = ("keywords", "no_keywords")
ISSUE_COLUMNS = ("id", "label", "unit", "kind", "low", "high", "step", "decimals", "current", "opening",
                 *(f"counterpart_{f}" for f in SIDE_FIELDS), *(f"user_{f}" for f in SIDE_FIELDS),
                 "phrase", "keywords", "no_phrase", "no_keywords")
FACT_COLUMNS = ("id", "asked_with", "answer", "public")

# Schema paths said in plain words, for error messages.
_PLAIN_FIELDS = {
    "counterpart.prefers": "counterpart prefers", "counterpart.target": "counterpart target",
    "counterpart.limit": "counterpart limit", "counterpart.weight": "counterpart weight",
    "user.prefers": "user prefers", "user.target": "user target", "user.limit": "user limit",
    "user.weight": "user weight", "no_phrase": "'no' phrase", "no_keywords": "'no' keywords",
    "asked_with": "asked with", "answered_by_terms": "terms that answer it",
}
_SIDE_PATH = re.compile(r"\b(counterpart|user)\.(prefers|target|limit|weight)\b")
_LOCATED = re.compile(r"^field '(issues|facts|concerns)\.(\d+)(?:\.([\w.]+))?': (.*)$", re.S)


def is_builtin(library: PersonaLibrary, persona_id: str) -> bool:
    """True when the persona was loaded from the built-in folder (resolved paths, not a substring of the path)."""
    return library.loaded_from(persona_id, BUILTIN_PERSONA_DIR)


def _is_builtin(ctx: AppContext, persona_id: str) -> bool:
    return is_builtin(ctx.service.library, persona_id)


def source_label(library: PersonaLibrary, persona_id: str) -> str:
    """Where a persona comes from, in words: 'built-in' or 'your file <path>' (tells same-named personas apart)."""
    source = library.source_path(persona_id)
    if source is None:
        return "not saved"
    return "built-in" if is_builtin(library, persona_id) else f"your file {source}"


def _free_file(directory: Path, persona_id: str) -> Path:
    """<id>.yaml in the folder, or <id>-2.yaml, <id>-3.yaml … when that name already holds another file."""
    target = directory / f"{persona_id}.yaml"
    n = 2
    while target.exists() or target.is_symlink():
        target = directory / f"{persona_id}-{n}.yaml"
        n += 1
    return target


def save_target(ctx: AppContext, persona: Persona, *, editing: str | None = None, replace: bool = False) -> Path:
    """The file a save of `persona` must write so the library loads it from there; PersonaError if it may not.

    An id the library already has is saved to the file it was loaded from (library.sources), never to a new
    <id>.yaml an earlier-sorting file would shadow; and only when that persona is the one being edited (`editing`)
    or the user confirmed the replacement (`replace`). A new id gets <id>.yaml, or a free name beside it, so no
    other file is ever overwritten. The problems are Markdown-safe (names and paths escaped; ids are [a-z0-9-])."""
    library = ctx.service.library
    if is_builtin(library, persona.id):
        raise PersonaError(SOURCE, [f"field 'id': '{persona.id}' is a built-in persona. Choose another id to save "
                                    "your own version."])
    source = library.source_path(persona.id)
    if source is None:
        return _free_file(ctx.custom_dir, persona.id)
    if editing != persona.id and not replace:
        other = library.personas[persona.id]
        raise PersonaError(SOURCE, [f"field 'id': '{persona.id}' is already used by your persona {md_text(other.name)} "
                                    f"({md_text(source)}). Choose another id, or confirm that it should be replaced."])
    if not is_within(source, ctx.custom_dir):
        raise PersonaError(SOURCE, [f"field 'id': '{persona.id}' is loaded from {md_text(source)}, which is outside "
                                    f"your persona folder ({md_text(ctx.custom_dir)}); edit that file, or choose "
                                    "another id."])
    return source


def _show_problems(error: PersonaError) -> None:
    st.error("This persona cannot be used yet:  \n" + "  \n".join("• " + md_text(p) for p in error.problems))


# --- Tables <-> persona data -------------------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    """A table cell as plain data: None for an empty cell, Python numbers for numpy ones, trimmed text."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()  # numpy scalar
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def comma_list(items: list[str] | None) -> str:
    return ", ".join(items or [])


def split_list(text: Any) -> list[str]:
    """'a, b ,c' -> ['a', 'b', 'c']; an empty cell is an empty list."""
    text = _cell(text)
    return [part.strip() for part in str(text).split(",") if part.strip()] if text is not None else []


def issues_frame(issues: list[dict[str, Any]]) -> pd.DataFrame:
    """One row per issue (as dumped by the model), the keyword lists as comma lists."""
    rows = []
    for issue in issues:
        row: dict[str, Any] = {k: issue.get(k) for k in (*ISSUE_TEXT, *ISSUE_NUMBERS)}
        for side in ("counterpart", "user"):
            for f in SIDE_FIELDS:
                row[f"{side}_{f}"] = (issue.get(side) or {}).get(f)
        for k in ISSUE_LISTS:
            row[k] = comma_list(issue.get(k))
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(ISSUE_COLUMNS))
    numbers = [*ISSUE_NUMBERS, *(f"{s}_{f}" for s in ("counterpart", "user") for f in ("target", "limit", "weight"))]
    return frame.astype({c: "float64" for c in numbers} | {c: "object" for c in ISSUE_COLUMNS if c not in numbers})


def issues_from_frame(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The issues in an edited table, as persona data; wholly empty rows are dropped, empty cells left out."""
    issues = []
    for record in frame.to_dict("records"):
        row = {k: _cell(record.get(k)) for k in ISSUE_COLUMNS}
        if all(v is None for v in row.values()):
            continue
        issue: dict[str, Any] = {k: row[k] for k in (*ISSUE_TEXT, *ISSUE_NUMBERS) if row[k] is not None}
        if isinstance(issue.get("decimals"), float) and issue["decimals"].is_integer():
            issue["decimals"] = int(issue["decimals"])
        for side in ("counterpart", "user"):
            issue[side] = {f: row[f"{side}_{f}"] for f in SIDE_FIELDS if row[f"{side}_{f}"] is not None}
        for k in ISSUE_LISTS:
            issue[k] = split_list(row[k])
        issues.append(issue)
    return issues


def facts_frame(facts: list[dict[str, Any]]) -> pd.DataFrame:
    rows = [{"id": f.get("id"), "asked_with": comma_list(f.get("asked_with")), "answer": f.get("answer"),
             "public": bool(f.get("public", True))} for f in facts]
    return pd.DataFrame(rows, columns=list(FACT_COLUMNS)).astype(
        {"id": "object", "asked_with": "object", "answer": "object", "public": "bool"})


def facts_from_frame(frame: pd.DataFrame) -> list[dict[str, Any]]:
    facts = []
    for record in frame.to_dict("records"):
        row = {k: _cell(record.get(k)) for k in FACT_COLUMNS}
        if all(row[k] is None for k in ("id", "asked_with", "answer")):
            continue
        fact: dict[str, Any] = {k: row[k] for k in ("id", "answer") if row[k] is not None}
        fact["asked_with"] = split_list(row["asked_with"])
        fact["public"] = True if row["public"] is None else bool(row["public"])
        facts.append(fact)
    return facts


def details_of(base: dict[str, Any]) -> dict[str, Any]:
    """What the YAML box holds: everything without its own input (concerns without their answering terms)."""
    rest = {k: v for k, v in base.items() if k not in OWN_PLACES and not (k == "deal" and v is None)}
    if isinstance(rest.get("concerns"), list):
        rest["concerns"] = [{k: v for k, v in c.items() if k != "answered_by_terms"} if isinstance(c, dict) else c
                            for c in rest["concerns"]]
    return rest


def _plain_field(path: str) -> str:
    return _PLAIN_FIELDS.get(path, path.replace("_", " "))


def plain_problem(problem: str, data: dict[str, Any]) -> str:
    """A validation problem that names the issue, fact or concern by its id and the field in plain words."""
    found = _LOCATED.match(problem)
    if not found:
        return problem.replace("field '(top level)'", "the persona")
    section, index, path, message = found.group(1), int(found.group(2)), found.group(3), found.group(4)
    items = data.get(section) if isinstance(data.get(section), list) else []
    item = items[index] if index < len(items) and isinstance(items[index], dict) else {}
    name = f"'{item['id']}'" if item.get("id") else "with no id yet"
    where = {"issues": f"Issue {name} (row {index + 1} of the Issues table)",
             "facts": f"Fact {name} (row {index + 1} of the Facts table)",
             "concerns": f"Concern {name}"}[section]
    message = _SIDE_PATH.sub(lambda m: f"{m.group(1)} {m.group(2)}", message)
    message = re.sub(r"(\d)\.\.(-?\d)", r"\1 to \2", message)
    if path and path.split(".")[0] == "answered_by_terms":
        return f"{where}, terms that answer it: {message}"
    if path and section in ("issues", "facts"):
        return f"{where}, {_plain_field(re.sub(r'[.][0-9]+$', '', path))}: {message}"
    if path:
        return f"{where}, field '{path}': {message}"
    return f"{where}: {message}"


def form_persona(values: dict[str, Any], details: str, issues: pd.DataFrame, facts: pd.DataFrame,
                 terms: dict[str, str]) -> Persona:
    """The persona the form describes, validated like a file; a PersonaError names each field in plain words."""
    try:
        data = yaml.load(details, Loader=_SafeLoader) if details.strip() else {}  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise PersonaError(SOURCE, [f"the YAML box is not valid YAML{where}: {problem}"]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise PersonaError(SOURCE, ["the YAML box must hold fields (user_brief, counterpart, concerns, ...)"])
    misplaced = [k for k in OWN_PLACES if k in data]
    if misplaced:
        raise PersonaError(SOURCE, [f"field '{k}': it has its own place in the form; take it out of the YAML box"
                                    for k in misplaced])
    concerns = data.get("concerns")
    if isinstance(concerns, list):
        for concern in concerns:
            if isinstance(concern, dict) and concern.get("id") in terms:
                concern["answered_by_terms"] = split_list(terms[concern["id"]])
    full = {**values, **data, "issues": issues_from_frame(issues), "facts": facts_from_frame(facts)}
    try:
        return parse_persona_text(yaml.safe_dump(full, sort_keys=False, allow_unicode=True), SOURCE)
    except PersonaError as exc:
        raise PersonaError(SOURCE, [plain_problem(p, full) for p in exc.problems]) from None


# --- The page ----------------------------------------------------------------------------------------------------


def save_persona(ctx: AppContext, persona: Persona, *, editing: str | None = None, replace: bool = False) -> None:
    """Write a custom persona file and reload the library (see save_target: never a built-in's id, never another
    persona's file unless it is the one being edited or the replacement was confirmed)."""
    try:
        target = save_target(ctx, persona, editing=editing, replace=replace)
    except PersonaError as exc:
        st.error("  \n".join(md_text(p) for p in exc.problems))
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(persona_to_yaml(persona), encoding="utf-8")
    reload_personas(ctx)
    loaded = ctx.service.library.source_path(persona.id)
    if loaded is None or loaded.resolve() != target.resolve():
        st.error(f"Saved {md_text(target)}, but '{md_text(persona.id)}' is loaded from {md_text(loaded or 'nowhere')}; "
                 "remove or rename the other file.")
        return
    advice = persona_warnings(persona)
    note = f" Worth a look: {'; '.join(advice)}." if advice else ""
    st.session_state[FLASH_KEY] = f"Saved {persona.name}. It is in the gallery now.{note}"
    st.session_state[PENDING_KEY] = persona.id
    st.rerun()  # the gallery above has already been drawn in this run


def _advice(persona: Persona) -> None:
    """The authoring advice for a persona that loads: what would make rehearsals with it go wrong."""
    advice = persona_warnings(persona)
    st.markdown("**Authoring advice**")
    if advice:
        st.warning("It loads, but worth a look:  \n" + "  \n".join("• " + md_text(a) for a in advice))
    else:
        st.caption("None: the engine should have no trouble with this persona.")


_ISSUE_CONFIG = {
    "id": st.column_config.TextColumn("id", help="Lower-case with underscores: price_per_kg", required=True),
    "label": st.column_config.TextColumn("Label", help="A short name: Price per kilo"),
    "unit": st.column_config.TextColumn("Unit", help="$/kg, months, days, percent, yes/no …"),
    "kind": st.column_config.SelectboxColumn("Kind", options=["number", "yes_no"], default="number",
                                             help="yes_no issues run from 0 (no) to 1 (yes)"),
    "low": st.column_config.NumberColumn("Low", help="The lowest value that can be agreed"),
    "high": st.column_config.NumberColumn("High", help="The highest value that can be agreed"),
    "step": st.column_config.NumberColumn("Step", default=1.0, help="The smallest move: 0.10 for cents"),
    "decimals": st.column_config.NumberColumn("Decimals", min_value=0, max_value=2, step=1, default=0),
    "current": st.column_config.NumberColumn("Current", help="Today's value (empty if there is none)"),
    "opening": st.column_config.NumberColumn("Opening", help="The counterpart's opening position"),
    "counterpart_prefers": st.column_config.SelectboxColumn("Counterpart prefers", options=["high", "low"]),
    "counterpart_target": st.column_config.NumberColumn("Counterpart target", help="Worth 1 to the counterpart"),
    "counterpart_limit": st.column_config.NumberColumn("Counterpart limit", help="Its walk-away: worth 0, never passed"),
    "counterpart_weight": st.column_config.NumberColumn("Counterpart weight", min_value=0.0, max_value=1.0,
                                                        help="How much it matters to the counterpart (0 to 1)"),
    "user_prefers": st.column_config.SelectboxColumn("User prefers", options=["high", "low"]),
    "user_target": st.column_config.NumberColumn("User target"),
    "user_limit": st.column_config.NumberColumn("User limit"),
    "user_weight": st.column_config.NumberColumn("User weight", min_value=0.0, max_value=1.0),
    "phrase": st.column_config.TextColumn("Phrase", help="How a value is said, with {value}: ${value} a kilo"),
    "keywords": st.column_config.TextColumn("Keywords", help="Comma list: words that tie a number to this issue"),
    "no_phrase": st.column_config.TextColumn("'No' phrase", help="yes/no issues: how 'no' is said (may be empty)"),
    "no_keywords": st.column_config.TextColumn("'No' keywords", help="yes/no issues: comma list of phrases meaning 'no'"),
}
_FACT_CONFIG = {
    "id": st.column_config.TextColumn("id", help="Lower-case with underscores: years_roasting", required=True),
    "asked_with": st.column_config.TextColumn("Asked with", help="Comma list: words people use when they ask about it"),
    "answer": st.column_config.TextColumn("Answer", help="What it says when asked, in its own voice", width="large"),
    "public": st.column_config.CheckboxColumn("Public", default=True, help="Unticked: it declines to say"),
}


def editor(ctx: AppContext) -> None:
    """A form over a persona: the main fields, issues, facts and answering terms as inputs, the rest as YAML."""
    library = ctx.service.library
    ids = library.ids()
    if not ids:
        st.caption("Import a persona file to use as a starting point.")
        return
    pending = st.session_state.pop(PENDING_KEY, None)
    if pending in ids:
        st.session_state[BASE_KEY] = pending
    elif st.session_state.get(BASE_KEY) not in ids:
        st.session_state.pop(BASE_KEY, None)
    base_id = st.selectbox("Start from", ids, key=BASE_KEY, format_func=lambda pid: (
        f"Edit {library.personas[pid].name} ({source_label(library, pid)})" if not _is_builtin(ctx, pid)
        else f"A copy of {library.personas[pid].name} (built-in)"))
    base_persona = library.get(base_id)
    base = base_persona.model_dump(mode="json")
    if _is_builtin(ctx, base_id):
        base["id"] = f"my-{base_id}"[:41]
    with st.form(f"persona-{base_id}"):
        values = {"id": st.text_input("id (lower-case letters, digits and dashes)", base["id"]),
                  "name": st.text_input("Name", base["name"]), "role": st.text_input("Role", base["role"]),
                  "title": st.text_input("Scenario in a few words", base["title"]),
                  "teaches": st.text_area("What rehearsing with them is good for", base["teaches"], height=70),
                  "scenario": st.text_area("Scenario", base["scenario"], height=110),
                  "temperament": st.text_area("Temperament", base["temperament"], height=70)}
        values["default_difficulty"] = st.selectbox("Default difficulty", DIFFICULTIES,
                                                    index=DIFFICULTIES.index(base["default_difficulty"]))
        st.markdown("**Issues: the terms on the table**")
        st.caption("One row per negotiable term. The counterpart values an offer from its limit (0) to its target (1) "
                   "on each issue, weighted, and never agrees past a limit. Add a row at the bottom; select rows to "
                   "delete them.")
        issues = st.data_editor(issues_frame(base["issues"]), key=f"issues-{base_id}", num_rows="dynamic",
                                hide_index=True, column_config=_ISSUE_CONFIG, width="stretch")
        st.markdown("**Facts: answers to questions off the script**")
        st.caption("What it says when asked about its world (staff, years, volumes). Untick Public for what it "
                   "keeps to itself.")
        facts = st.data_editor(facts_frame(base["facts"]), key=f"facts-{base_id}", num_rows="dynamic",
                               hide_index=True, column_config=_FACT_CONFIG, width="stretch")
        st.markdown("**Terms that answer each concern**")
        st.caption("A comma list of `<issue> <op> <value>` with op `>=`, `<=` or `=`, for example "
                   "`payment_days <= 15`. Any one of them answers the concern. Every key concern needs at least one.")
        terms = {c["id"]: st.text_input(f"{c['title']} ({c['id']}{', key' if c['key'] else ''})",
                                        comma_list(c.get("answered_by_terms")), key=f"terms-{base_id}-{c['id']}")
                 for c in base["concerns"]}
        details = st.text_area("Everything else: your side of the brief, concerns, needs, history, lines (YAML)",
                               yaml.safe_dump(details_of(base), sort_keys=False, allow_unicode=True), height=320)
        submitted = st.form_submit_button("Check and save", type="primary")
    shown: Persona | None = base_persona
    if submitted:
        try:
            shown = form_persona(values, details, issues, facts, terms)
        except PersonaError as exc:
            _show_problems(exc)
            shown = None
        else:
            # Reruns on success; an error (a built-in's id, another persona's id) is shown here.
            save_persona(ctx, shown, editing=None if _is_builtin(ctx, base_id) else base_id)
    if shown is not None:
        _advice(shown)


def read_upload(upload: Any) -> str:
    """An uploaded persona file as text; its size is checked before a byte of it is read (PersonaError if too big)."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_FILE_BYTES:
        shown = f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{size / 1000:.0f} kB"
        raise PersonaError(upload.name, [f"file is larger than {MAX_FILE_BYTES // 1000} kB (this one is {shown})"])
    if hasattr(upload, "seek"):
        upload.seek(0)
    raw = upload.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise PersonaError(upload.name, [f"file is larger than {MAX_FILE_BYTES // 1000} kB"])
    return raw.decode("utf-8", "replace")


def import_export(ctx: AppContext) -> None:
    """Upload a persona YAML file (validated like any file) and download any persona as YAML."""
    upload = st.file_uploader("Import a persona file", type=["yaml", "yml"])
    if upload is not None:
        try:
            persona = parse_persona_text(read_upload(upload), upload.name)
        except PersonaError as exc:
            _show_problems(exc)
        else:
            st.markdown(f"**{md_text(persona.name)}** — {md_text(persona.title)}")
            library = ctx.service.library
            replace = False
            if persona.id in library.personas and not _is_builtin(ctx, persona.id):
                current = library.personas[persona.id]
                st.warning(md_text(f"'{persona.id}' is already your persona {current.name} "
                                   f"({source_label(library, persona.id)}). Adding this file replaces it."))
                replace = st.checkbox(f"Replace {md_text(current.name)} with this file", key="import-replace")
            if st.button("Add to my personas", type="primary", disabled=persona.id in library.personas
                         and not _is_builtin(ctx, persona.id) and not replace):
                save_persona(ctx, persona, replace=replace)
    library = ctx.service.library
    if library.ids():
        pick = st.selectbox("Export a persona", library.ids(), format_func=lambda pid: (
            f"{library.personas[pid].name} ({source_label(library, pid)})"))
        st.download_button("Download YAML", persona_to_yaml(library.get(pid := pick)), file_name=f"{pid}.yaml",
                           mime="application/x-yaml", icon=":material/download:")
