"""What every `parley` command group shares: the streams and settings a command runs with, error lines, bounded numbers."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from simulator.redact import strip_controls
from simulator.settings import Settings, load_settings

SEED_MAX = 2**31 - 1


@dataclass
class Invocation:
    """One run of a command: its streams, and the settings loaded on first use (so `label`, `score` and
    `personas --check` still work when the configuration is broken)."""

    stdin: TextIO
    stdout: TextIO
    stderr: TextIO
    loaded: Settings | None = None

    def settings(self) -> Settings:
        if self.loaded is None:
            self.loaded = load_settings()
        return self.loaded


# What `set_defaults(func=...)` binds to each subcommand: it runs the command and returns its exit code.
Handler = Callable[[argparse.Namespace, Invocation], int]


def print_err(stderr: TextIO, message: str) -> None:
    print(strip_controls(f"parley: {message}"), file=stderr)


def bounded_int(name: str, low: int, high: int):  # noqa: ANN201 - an argparse type
    """An argparse type: a whole number (ASCII digits) from low to high, else a clear usage error (exit 2)."""

    def parse(text: str) -> int:
        raw = text.strip()
        digits = raw[1:] if raw[:1] in "+-" else raw
        if not (digits.isascii() and digits.isdigit()) or len(digits) > 12 or not low <= int(raw) <= high:
            raise argparse.ArgumentTypeError(
                f"{name} must be a whole number from {low} to {high}, not {text!r}"
            )
        return int(raw)

    parse.__name__ = name
    return parse


def cli_message(exc: Exception) -> str:
    """The service's message, plus where to look on the command line."""
    from simulator.session import SessionNotFound  # loaded already: only the service raises what lands here

    if isinstance(exc, SessionNotFound):
        return f"{exc} `parley sessions` lists them."
    return str(exc)
