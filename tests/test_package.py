"""An installable package: `pip install .` (not editable) ships the nine built-in personas and the app (ui/).

The project is copied to a temporary folder and installed from there with `pip install --no-deps --target`, then
run by a fresh virtualenv's Python (no system site-packages) from a folder outside the repository. Only the
project's .venv site-packages is added to the path, for the dependencies: the repository itself (and its editable
install's finder, which only a site folder would load) is never importable.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.subprocess

REPO = Path(__file__).resolve().parent.parent
NINE = (
    "candidate-offer",
    "client-discount",
    "coffee-supplier",
    "cofounder-equity",
    "investor-term-sheet",
    "landlord-renewal",
    "manager-raise",
    "neighbour-extension",
    "vendor-deadlines",
)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("package")
    src = root / "src"
    src.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build")
    for name in ("pyproject.toml", "README.md", "MANIFEST.in"):
        if (REPO / name).is_file():
            shutil.copy2(REPO / name, src / name)
    for name in ("simulator", "ui", "personas"):
        shutil.copytree(REPO / name, src / name, ignore=ignore)
    target = root / "site"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-input",
            "--disable-pip-version-check",
            "--target",
            str(target),
            str(src),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=root,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=60)
    python = venv / "bin" / "python"
    deps = sysconfig.get_paths()["purelib"]  # this (the project's) venv's site-packages, for the dependencies
    work = root / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PARLEY_", "PYTHON", "OPENAI_"))}
    env |= {
        "PYTHONPATH": os.pathsep.join([str(target), deps]),
        "PARLEY_DATA_DIR": str(work / "data"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    return {"target": target, "python": python, "cwd": work, "env": env}


def _run(installed: dict[str, object], *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(installed["python"]), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=installed["cwd"],
        env=installed["env"],
    )  # type: ignore[arg-type]


def test_the_wheel_holds_the_personas_and_the_app(installed: dict[str, object]) -> None:
    target = Path(str(installed["target"]))
    assert sorted(p.stem for p in (target / "simulator" / "builtin_personas").glob("*.yaml")) == list(NINE)
    for name in (
        "server.py",
        "app.py",
        "context.py",
        "persona_editor.py",
        "views/personas.py",
        ".streamlit/config.toml",
    ):
        assert (target / "ui" / name).is_file(), name


def test_the_installed_package_runs_outside_the_repository(installed: dict[str, object]) -> None:
    where = _run(
        installed,
        "-c",
        "import simulator, ui; from simulator.settings import BUILTIN_PERSONA_DIR as B; "
        "print(simulator.__file__); print(ui.__file__); print(B)",
    )
    assert where.returncode == 0, where.stderr
    target = Path(str(installed["target"])).resolve()
    for line in where.stdout.split():
        assert Path(line).resolve().is_relative_to(target), (line, target)
    assert not any(Path(line).resolve().is_relative_to(REPO) for line in where.stdout.split())


def test_parley_personas_lists_all_nine(installed: dict[str, object]) -> None:
    listed = _run(installed, "-m", "simulator.cli", "personas")
    assert listed.returncode == 0, listed.stderr
    ids = [line.split()[0] for line in listed.stdout.splitlines() if line and not line[0].isspace()]
    assert sorted(ids) == list(NINE), listed.stdout
    assert "skipped" not in listed.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_parley_app_serves_the_app(installed: dict[str, object]) -> None:
    located = _run(
        installed, "-c", "import importlib.resources as r; print(r.files('ui').joinpath('server.py'))"
    )
    assert Path(located.stdout.strip()).is_file(), located.stderr
    assert Path(located.stdout.strip()).resolve().is_relative_to(Path(str(installed["target"])).resolve())
    port = _free_port()
    env = dict(installed["env"]) | {"PARLEY_HOST": "127.0.0.1"}  # type: ignore[call-overload]
    proc = subprocess.Popen(
        [str(installed["python"]), "-m", "simulator.cli", "app", "--port", str(port)],
        cwd=installed["cwd"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 40
        health = page = ""
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                    health = r.read().decode()
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:
                    page = r.read().decode()
                break
            except OSError:
                time.sleep(0.3)
        assert health == "ok", (
            proc.stdout.read().decode() if proc.poll() is not None and proc.stdout else health
        )
        assert "<html" in page.lower()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
