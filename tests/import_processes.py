"""Real ``thads`` processes on a database of their own, for the tests of a long import (issue 12: hole 10, kill -9).

The suite's own test database is in memory (SQLite) or private to the test run, so these tests give the processes a
separate database: a SQLite file under the test's ``tmp_path``, or a fresh PostgreSQL database on the suite's server
(dropped afterwards). It holds the first ``BASE_CASES`` cases of a generated province; the file to import holds
``BIG_CASES`` (the same first cases, already stored, then new ones), enough to keep the write transaction open for
a few seconds on this machine (about 1,500 cases a second).
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

BASE_CASES = 500
BIG_CASES = 6500
SEED = 11


def suite_vendor() -> str:
    from django.conf import settings

    return "postgresql" if "postgresql" in settings.DATABASES["default"]["ENGINE"] else "sqlite"


@functools.cache
def files() -> tuple[Path, Path]:
    """(base, big): the big file's first BASE_CASES cases with their events and every unit and officer, and the whole."""
    from thads.demo.generator import write_jsonl

    directory = Path(tempfile.mkdtemp(prefix="thads-import-files-"))
    big = directory / "big.jsonl"
    write_jsonl(big, seed=SEED, today=date(2026, 11, 30), size=BIG_CASES)
    kept, cases = [], 0
    with open(big, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith('{"type": "case"'):
                cases += 1
                if cases > BASE_CASES:
                    break
            kept.append(line)
    base = directory / "base.jsonl"
    base.write_text("".join(kept), encoding="utf-8")
    return base, big


def thads(env: dict, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "thads.cli", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


def _env(tmp: Path, url: str) -> dict:
    var = tmp / "var"
    var.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DATABASE_URL": url, "THADS_VAR_DIR": str(var), "PYTHONUNBUFFERED": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def _load(env: dict) -> None:
    for args in (("migrate", "-v0"), ("import", str(files()[0]))):
        done = thads(env, *args)
        assert done.returncode == 0, done.stderr[-2000:]


@functools.cache
def _sqlite_template() -> Path:
    """A migrated SQLite file holding the base cases, built once per test process and copied for each test."""
    tmp = Path(tempfile.mkdtemp(prefix="thads-import-db-"))
    path = tmp / "template.sqlite3"
    _load(_env(tmp, f"sqlite:///{path}"))
    return path


@contextlib.contextmanager
def prepared_database(tmp: Path, vendor: str):
    """The environment of ``thads`` processes on a database of their own holding the base cases."""
    if vendor == "sqlite":
        path = tmp / "thads.sqlite3"
        shutil.copy(_sqlite_template(), path)
        yield _env(tmp, f"sqlite:///{path}")
        return
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    server = {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or "5432", "user": db["USER"] or "postgres",
              "password": db["PASSWORD"]}
    name = f"thads_proc_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        auth = server["user"] + (f":{server['password']}" if server["password"] else "")
        env = _env(tmp, f"postgres://{auth}@{server['host']}:{server['port']}/{name}")
        _load(env)
        yield env
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_import(env: dict, path: Path | None = None) -> subprocess.Popen:
    log = Path(env["THADS_VAR_DIR"]) / f"import-{uuid.uuid4().hex[:6]}.log"
    proc = subprocess.Popen([sys.executable, "-m", "thads.cli", "import", str(path or files()[1])], env=env,
                            stdout=open(log, "w"), stderr=subprocess.STDOUT)  # noqa: SIM115 - the process owns it
    proc.log = log  # type: ignore[attr-defined]
    return proc


def output(proc: subprocess.Popen) -> str:
    try:
        return Path(proc.log).read_text()[-3000:]  # type: ignore[attr-defined]
    except OSError:
        return ""


def running_state(env: dict) -> dict | None:
    for path in (Path(env["THADS_VAR_DIR"]) / "imports-running").glob("*.json"):
        with contextlib.suppress(OSError, ValueError):
            return json.loads(path.read_text())
    return None


def wait_until_writing(env: dict, proc: subprocess.Popen, min_done: int, timeout: float = 120) -> dict | None:
    """Wait until the import's transaction is open and has written ``min_done`` new cases (its progress file)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end and proc.poll() is None:
        state = running_state(env)
        if state and state.get("phase") == "writing" and state.get("done", 0) >= min_done and \
                (min_done == 0 or state["done"] < state["total"]):
            return state
        time.sleep(0.02)
    return None


_SETUP = """
import django, json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thads.settings")
django.setup()
"""

SNAPSHOT = _SETUP + """
import hashlib, io
from django.core.management import call_command
from django.db.models import Count, Sum
from django.utils import timezone
from thads.cases.models import Case, CaseEvent, Obligation
from thads.deadlines.integrity import ledger_disagreements
from thads.cases.ledger.models import LedgerEntry
from thads.org.models import AuditEvent
from thads.stats.models import StatCell
export = os.path.join(os.environ["THADS_VAR_DIR"], "export.jsonl")
if sys.argv[1] == "export":
    call_command("export", "--unit", "HUE", "-o", export)  # what `thads export --unit HUE` writes
found = list(ledger_disagreements(timezone.localdate()))
print(json.dumps({
    "cases": Case.objects.count(), "events": CaseEvent.objects.count(),
    "ledger": list(LedgerEntry.objects.aggregate(n=Count("id"), s=Sum("amount")).values()),
    "outstanding": Case.objects.aggregate(s=Sum("outstanding"))["s"],
    "obligations": Obligation.objects.aggregate(s=Sum("outstanding"))["s"],
    "cells": StatCell.objects.count(), "audit": AuditEvent.objects.filter(action="import.run").count(),
    "export_sha256": hashlib.sha256(open(export, "rb").read()).hexdigest() if sys.argv[1] == "export" else None,
    "ledger_check": "ok" if not found else found[:5],
}))
"""

INTEGRITY = _SETUP + """
from django.utils import timezone
from thads.deadlines.integrity import ledger_disagreements
found = list(ledger_disagreements(timezone.localdate()))
print("ledger ok" if not found else json.dumps(found[:5]))
"""

# Logs in and opens a collection before the import starts (login writes the session), then posts it on "go".
WEB_CLIENT = _SETUP + """
import uuid
from django.test import Client
from thads.cases.models import Case
from thads.cases.ledger.models import LedgerEntry
from thads.org.models import User

user = User.objects.filter(username="root").first() or User.objects.create_superuser(
    "root", "root@example.invalid", "Mat-khau-Goc-2025")
case = Case.objects.filter(state="ENFORCING", outstanding__gt=2_000_000).order_by("ext_id").first()
client = Client(raise_request_exception=False)
client.force_login(user)
assert client.get(f"/cases/{case.pk}/act/collect/").status_code == 200
print("ready", flush=True)
sys.stdin.readline()
receipt = "BL-" + uuid.uuid4().hex[:8]
response = client.post(f"/cases/{case.pk}/act/collect/", {
    "on": case.last_event_on.strftime("%d/%m/%Y"), "amount": "1.000.000", "obligation": "", "receipt_no": receipt,
    "note": "", "token": uuid.uuid4().hex})
body = response.content.decode()
print(json.dumps({"status": response.status_code, "retry_after": response.get("Retry-After"),
                  "importing": "import" in body.lower() or "nhập dữ liệu" in body,
                  "recorded": LedgerEntry.objects.filter(receipt_no=receipt).count(),
                  "body": body[:400] if response.status_code not in (302, 503) else ""}), flush=True)
"""


def script(env: dict, code: str, *args: str) -> str:
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def snapshot(env: dict, export: bool = True) -> dict:
    """Counts and sums of the database, its ledger check and (``export``) the SHA-256 of its export."""
    return json.loads(script(env, SNAPSHOT, "export" if export else "-").splitlines()[-1])


def integrity(env: dict) -> str:
    return script(env, INTEGRITY).splitlines()[-1]


def start_web_client(env: dict) -> subprocess.Popen:
    log = Path(env["THADS_VAR_DIR"]) / "web-client.log"
    proc = subprocess.Popen([sys.executable, "-c", WEB_CLIENT], env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=open(log, "w"), text=True)  # noqa: SIM115
    line = proc.stdout.readline()
    assert line.strip() == "ready", line + log.read_text()[-2000:]
    return proc
