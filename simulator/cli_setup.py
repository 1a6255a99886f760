"""Checking and starting Parley: `parley doctor` (is the model answering?) and `parley app` (the Streamlit app)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simulator.cli_common import Invocation, bounded_int


def add_doctor(sub: argparse._SubParsersAction) -> None:
    """Register `parley doctor`."""
    doctor = sub.add_parser(
        "doctor", help="show which voice and judge are active and whether the model answers"
    )
    doctor.set_defaults(func=run_doctor, for_people=lambda args: True)


def add_app(sub: argparse._SubParsersAction) -> None:
    """Register `parley app`."""
    app = sub.add_parser("app", help="open the Streamlit app (same as `make run`)")
    app.add_argument(
        "--port", type=bounded_int("port", 1, 65535), help="port (default from PARLEY_PORT, 8501)"
    )
    app.set_defaults(func=run_app, for_people=lambda args: True)


def run_doctor(args: argparse.Namespace, run: Invocation) -> int:
    """`parley doctor`: which voice and judge are active and whether the model answers."""
    from simulator.doctor import run_doctor as doctor

    return doctor(run.settings(), run.stdout)


def run_app(args: argparse.Namespace, run: Invocation) -> int:
    """`parley app`: run the Streamlit app in this terminal until it is stopped."""
    import importlib.resources
    import subprocess

    settings = run.settings()
    # The app ships as the `ui` package (a checkout, an editable install or a wheel): find it by import, not by path.
    app = Path(str(importlib.resources.files("ui").joinpath("server.py")))
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.address",
        settings.host,
        "--server.port",
        str(args.port or settings.port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.maxUploadSize",
        "1",
    ]
    return subprocess.call(command)
