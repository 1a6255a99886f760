"""`parley --help` lists every command, and each one answers `parley <command> --help` with its own usage."""

from __future__ import annotations

import io
import re

import pytest

from simulator.cli import main

COMMANDS = (
    "chat",
    "label",
    "score",
    "personas",
    "export",
    "sessions",
    "audit",
    "data",
    "team",
    "assign",
    "retention",
    "doctor",
    "app",
)


def test_parley_alone_prints_the_help_listing_every_command_in_order():
    out = io.StringIO()
    assert main([], stdout=out) == 0
    listed = re.findall(r"^    (\w+)", out.getvalue(), flags=re.MULTILINE)
    assert tuple(listed) == COMMANDS
    assert "parley chat --persona manager-raise --jsonl < turns.txt" in out.getvalue()


@pytest.mark.parametrize("command", [*COMMANDS, "assign create", "assign list", "assign cancel"])
def test_each_command_has_its_own_help(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([*command.split(), "--help"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: parley {command}")
