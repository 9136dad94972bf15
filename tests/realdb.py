"""Real databases and real processes for the tests that need them (backup round trip, concurrent collections).

The suite's engine is the one of ``DATABASE_URL`` (SQLite when unset, PostgreSQL in the CI's second stage). These
tests build their own databases of that engine: an SQLite file under the test's tmp directory, or a PostgreSQL
database named after the suite's (``<name>_<tag>_<xdist worker>``) that is created and dropped here. Commands run
as ``thads …`` subprocesses with ``DATABASE_URL`` pointing at them, exactly as an operator would run them.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BIN = Path(sys.executable).parent
THADS = str(BIN / "thads")


def engine() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return "postgresql" if url.split(":", 1)[0] in ("postgres", "postgresql", "pgsql") else "sqlite"


def _pg_admin():
    import psycopg

    parts = urlsplit(os.environ["DATABASE_URL"])
    return psycopg.connect(host=parts.hostname or "127.0.0.1", port=parts.port or 5432,
                           user=parts.username or "postgres", password=parts.password or None,
                           dbname="postgres", autocommit=True)


def _pg_url(name: str) -> str:
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, "", ""))


def drop_pg_database(name: str) -> None:
    with _pg_admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def scratch_database(tag: str, tmp: Path) -> Iterator[str]:
    """A new empty database of the suite's engine; yields its DATABASE_URL and removes it afterwards."""
    if engine() == "sqlite":
        yield f"sqlite:///{tmp / (tag + '.sqlite3')}"
        return
    base = urlsplit(os.environ["DATABASE_URL"]).path.lstrip("/") or "thads"
    name = f"test_{base}_{tag}_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"[:63]
    drop_pg_database(name)
    with _pg_admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _pg_url(name)
    finally:
        drop_pg_database(name)


def thads_env(url: str, var_dir: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"DATABASE_URL": url, "THADS_VAR_DIR": str(var_dir), "THADS_MEDIA_DIR": str(var_dir / "media"),
                "DEBUG": "false", "THADS_HTTPS": "false", "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "PYTHONWARNINGS": "ignore"})
    env.setdefault("SECRET_KEY", "thads-test-only-key-" + "x" * 50)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(extra)
    return env


def thads(*args: str, url: str, var_dir: Path, check: bool = True, timeout: float = 300,
          **extra: str) -> subprocess.CompletedProcess:
    """Run ``thads ARGS`` against the database at ``url``; ``check``: fail the test on a non-zero exit."""
    result = subprocess.run([THADS, *args], env=thads_env(url, var_dir, **extra), capture_output=True, text=True,
                            timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"thads {' '.join(args)} exited {result.returncode}:\n{result.stdout[-2000:]}\n"
                             f"{result.stderr[-4000:]}")
    return result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(port: int, path: str = "/login/", timeout: float = 60, proc: subprocess.Popen | None = None) -> None:
    import http.client

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the server exited with status {proc.returncode}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            if conn.getresponse().status < 500:
                return
        time.sleep(0.2)
    raise AssertionError(f"the server on port {port} did not answer {path} within {timeout} s")


@contextlib.contextmanager
def gunicorn(url: str, var_dir: Path, workers: int = 2, threads: int = 8) -> Iterator[int]:
    """The production server (gunicorn, threaded workers) on a free loopback port; yields the port."""
    port = free_port()
    log = open(var_dir / "gunicorn.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [str(BIN / "gunicorn"), "thads.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--threads", str(threads), "--worker-class", "gthread", "--timeout", "60", "--backlog", "256"],
        env=thads_env(url, var_dir), stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_http(port, proc=proc)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
