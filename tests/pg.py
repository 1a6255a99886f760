"""A throwaway PostgreSQL cluster for tests: initdb + pg_ctl on a free loopback port, stopped by PID at the end.

Use it as a pytest plugin (`pytest_plugins = ["tests.pg"]`) and ask for the `pg_url` fixture: every test gets
a fresh database in one session-wide cluster. Without the server binaries the tests skip, unless CI=true.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

START_TIMEOUT_S = 30


@dataclass
class Cluster:
    """A running cluster: where it lives, who runs it, how to reach it."""

    root: Path
    port: int
    pid: int
    user: str | None

    @property
    def admin_url(self) -> str:
        """URL of the maintenance database (trust auth on 127.0.0.1)."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def new_database(self) -> str:
        """Create an empty database and return its URL."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"


def find_bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/*/bin holding initdb, pg_ctl and postgres."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parent.parent.name)
    )
    return Path(found[-1]).parent if found else None


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run_as(user: str | None, args: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, user=user, capture_output=True, text=True, check=True, **kwargs)


def start_cluster(bin_dir: Path) -> Cluster:
    """initdb into a temp dir and start the server on a free port; the caller must stop() it."""
    user = "postgres" if os.geteuid() == 0 else None  # the server refuses to run as root
    root = Path(tempfile.mkdtemp(prefix="parley-pg-"))
    if user:
        entry = pwd.getpwnam(user)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    data = root / "data"
    env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"}
    _run_as(
        user,
        [
            str(bin_dir / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "--no-sync",
            "-E",
            "UTF8",
        ],
        env=env,
        cwd=root,
        timeout=120,
    )
    port = free_port()
    options = (
        f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
        "-c full_page_writes=off -c max_connections=200"
    )
    _run_as(
        user,
        [
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(root / "server.log"),
            "-w",
            "-t",
            str(START_TIMEOUT_S),
            "start",
        ],
        env=env,
        cwd=root,
        timeout=START_TIMEOUT_S + 10,
    )
    pid = int((data / "postmaster.pid").read_text().splitlines()[0])
    return Cluster(root=root, port=port, pid=pid, user=user)


def stop_cluster(cluster: Cluster, timeout: float = 20.0) -> None:
    """Fast shutdown by PID (SIGINT), SIGKILL if it lingers, then remove its files."""
    for sig, wait in ((signal.SIGINT, timeout), (signal.SIGKILL, 5.0)):
        try:
            os.kill(cluster.pid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and _alive(cluster.pid):
            time.sleep(0.05)
        if not _alive(cluster.pid):
            break
    shutil.rmtree(cluster.root, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie child of ours is not alive
        return "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()
    except OSError:
        return False


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """One cluster for the whole test session."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        message = "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (apt-get install postgresql)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; CI must install them (.ci/run does)")
        pytest.skip(message)
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed (pip install -e '.[postgres]')")
    cluster = start_cluster(bin_dir)
    try:
        yield cluster
    finally:
        stop_cluster(cluster)


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> str:
    """A fresh, empty database in the session's cluster."""
    return pg_cluster.new_database()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test on both backends: a fresh SQLite file, then a fresh database in the session's cluster."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'parley.db'}"
    return request.getfixturevalue("pg_url")
