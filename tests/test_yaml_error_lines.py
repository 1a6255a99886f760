"""A YAML mistake in a persona file, the persona form's YAML box or a builder answers file is reported at the line
the mistake is on, not where PyYAML noticed it (an unclosed quote used to be reported lines below)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from simulator.builder import BuildError, answers_from_text
from simulator.personas import PersonaError, parse_persona_text
from ui.persona_editor import details_of, form_persona

LANDLORD = (Path(__file__).parent.parent / "personas" / "landlord-renewal.yaml").read_text().splitlines()


def _break(lines: list[str], find: str, replace: str) -> tuple[str, int]:
    n = next(i for i, line in enumerate(lines) if find in line)
    out = list(lines)
    out[n] = replace
    return "\n".join(out) + "\n", n + 1


MISTAKES = [
    ("unclosed quote", '- "$4,600 a month"', '      - "$4,600 a month'),
    ("missing colon", "  goal:", "  goal"),
    ("over-indented key", "title: Her costs", "      title: Her costs have gone up"),
    ("tab", "key: true", "\tkey: true"),
    ("colon inside a value", "opened_by: What's changed", "    opened_by: Note: what's changed?"),
    ("under-indented item", "- 3 percent a year", "   - 3 percent a year"),
    ("unclosed single quote", "position: >-", "  position: 'five thousand a month"),
]


@pytest.mark.parametrize(("name", "find", "replace"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_a_persona_file_mistake_is_reported_at_its_line(name, find, replace):
    text, line = _break(LANDLORD, find, replace)
    with pytest.raises(PersonaError) as info:
        parse_persona_text(text, "mine.yaml")
    assert f"not valid YAML at line {line}:" in info.value.problems[0], (name, info.value.problems)


def test_an_unclosed_quote_says_so():
    text, line = _break(LANDLORD, '- "$4,600 a month"', '      - "$4,600 a month')
    with pytest.raises(PersonaError) as info:
        parse_persona_text(text)
    assert info.value.problems[0].startswith(
        f"not valid YAML at line {line}: a quote is opened and never closed"
    )


def test_the_form_yaml_box_reports_the_line_in_the_box():
    base = yaml.safe_load("\n".join(LANDLORD))
    box = yaml.safe_dump(details_of(base), sort_keys=False, allow_unicode=True).splitlines()
    text, line = _break(
        box, "I'm speaking to the bank", '  - "I am speaking to the bank about refinancing the mortgage.'
    )
    with pytest.raises(PersonaError) as info:
        form_persona({}, text, pd.DataFrame(), pd.DataFrame(), {})
    assert f"the YAML box is not valid YAML at line {line}:" in info.value.problems[0], info.value.problems


@pytest.mark.slow
def test_a_builder_answers_file_reports_the_line():
    text = 'name: Sam\nrole: "Landlord of the flat\nsituation: The tenant pays rent.\nwant: more\n'
    with pytest.raises(BuildError) as info:
        answers_from_text(text)
    assert "at line 2" in str(info.value)
