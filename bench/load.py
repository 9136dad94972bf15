"""Load bench (issue 12, "Production start and load"): gunicorn on PostgreSQL with the demo province, driven by
locust headless on loopback. Not a test: run by hand (needs the ``bench`` extra: ``pip install -e '.[bench]'``).

    python bench/load.py                                   # 50 users, 2 minutes, the 30,000-case demo in thads_load
    python bench/load.py --users 20 --duration 30          # shorter
    python bench/load.py --database-url postgres://postgres@127.0.0.1:5432/thads_load --size 30000
    python bench/load.py --host http://127.0.0.1:8000      # against a server already running (nothing started)

What it does, bounded in time: creates the database if missing, migrates it and loads ``thads demo --size N`` when
it holds fewer cases; picks the cases an officer of HUE-KV1 may collect on; starts gunicorn (``--workers 3``,
threaded, ``127.0.0.1:<free port>``, DEBUG off, plain HTTP) and waits for ``/healthz`` (or ``/login/``); runs
``locust --headless`` for ``--duration`` seconds with ``--users`` users (4 officers for every head, 1 s think time;
measured once every user is logged in, ``--no-steady`` to include the ramp-up) and stops gunicorn. Officers open
their home page, search by name, open a case, and record a real collection of 1,000 đồng through the act form (GET
the form, POST it: 302 expected); heads open their home page, search, open a case and the statistics report.
Printed per kind: requests, errors, p50/p95/p99 (ms), and the errors by kind.
Goal (the issue): 0 errors, p95 ≤ 300 ms for every kind. Exit status 0 when met, 1 when not.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[1]
TARGET_P95_MS = 300
PASSWORD = "ThadsDemo2025"  # thads.web.management.commands.demo.DEMO_PASSWORD

PREPARE = """
import json
from django.utils import timezone
from thads.cases.models import Case
from thads.cases.views import offered_acts
from thads.org.models import User
today = timezone.localdate()
officer = User.objects.get(username="chv.kv1")
pool = []
for case in Case.objects.filter(unit__code="HUE-KV1", outstanding__gte=1_000_000).order_by("pk")[:3000]:
    if "collect" in [getattr(a, "value", a) for a in offered_acts(officer, case, today)]:
        pool.append(case.pk)
    if len(pool) >= 300:
        break
names = ["Nguyễn Văn", "Trần Thị", "Lê Văn Hùng", "Phạm", "Hoàng Thị Lan", "Huế", "Vinh", "Đức"]
print("POOL " + json.dumps({"collect": pool, "view": pool, "search": names, "cases": Case.objects.count()}))
"""

LOCUSTFILE = r'''
import json, os, random, re
from locust import HttpUser, between, constant, task

POOL = json.loads(os.environ["THADS_LOAD_POOL"])
PASSWORD = os.environ["THADS_LOAD_PASSWORD"]


def field(html, name):
    tag = re.search(r'<input[^>]*\bname="%s"[^>]*>' % re.escape(name), html)
    if not tag:
        return ""
    value = re.search(r'\bvalue="([^"]*)"', tag.group(0))
    return value.group(1) if value else ""


class Staff(HttpUser):
    abstract = True
    wait_time = constant(1)
    username = ""

    def on_start(self):
        page = self.client.get("/login/", name="login page")
        self.client.post("/login/", {"csrfmiddlewaretoken": field(page.text, "csrfmiddlewaretoken"),
                                     "username": self.username, "password": PASSWORD}, name="login")

    def _get(self, url, name):
        with self.client.get(url, name=name, catch_response=True, allow_redirects=False) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")

    @task(3)
    def home(self):
        self._get("/", "home")

    @task(3)
    def search(self):
        self._get("/cases/?q=" + random.choice(POOL["search"]), "search")

    @task(3)
    def case(self):
        self._get(f"/cases/{random.choice(POOL['view'])}/", "case")


class Officer(Staff):
    weight = 4
    username = "chv.kv1"

    @task(2)
    def collect(self):
        pk = random.choice(POOL["collect"])
        url = f"/cases/{pk}/act/collect/"
        with self.client.get(url, name="collect form", catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")
                return
            html = r.text
        data = {"csrfmiddlewaretoken": field(html, "csrfmiddlewaretoken"), "token": field(html, "token"),
                "on": field(html, "on"), "receipt_no": "LOAD-%08x" % random.getrandbits(32), "obligation": "",
                "amount": "1000", "note": "bench/load.py"}
        with self.client.post(url, data, name="collect", catch_response=True, allow_redirects=False) as r:
            if r.status_code != 302:
                r.failure(f"status {r.status_code} (not recorded)")


class Head(Staff):
    weight = 1
    username = "truongkv1"

    @task(2)
    def report(self):
        self._get("/statistics/", "report")
'''


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def thads_env(url: str, var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"DATABASE_URL": url, "THADS_VAR_DIR": str(var_dir), "DEBUG": "false", "THADS_HTTPS": "false",
                "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECRET_KEY": secrets.token_urlsafe(48),
                "PYTHONWARNINGS": "ignore"})
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def run(cmd: list[str], env: dict, timeout: float) -> str:
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode:
        raise SystemExit(f"{' '.join(cmd[:3])} … exited {result.returncode}:\n{result.stderr[-3000:]}")
    return result.stdout


def ensure_database(url: str) -> None:
    from urllib.parse import urlsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(host=parts.hostname, port=parts.port or 5432, user=parts.username or "postgres",
                         password=parts.password or None, dbname="postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def wait_ready(base: str, proc: subprocess.Popen, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited with status {proc.returncode}")
        for path in ("/healthz", "/login/"):
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(base + path, timeout=5) as r:  # noqa: S310 (loopback)
                    if r.status == 200:
                        return path
        time.sleep(0.5)
    raise SystemExit(f"the server did not answer within {timeout} s")


def read_stats(prefix: Path) -> tuple[list[dict], list[dict]]:
    with open(f"{prefix}_stats.csv", newline="") as fh:
        stats = [r for r in csv.DictReader(fh)]
    failures = []
    if Path(f"{prefix}_failures.csv").exists():
        with open(f"{prefix}_failures.csv", newline="") as fh:
            failures = list(csv.DictReader(fh))
    return stats, failures


def report(stats: list[dict], failures: list[dict], duration: float) -> bool:
    ok = True
    print(f"\n{'kind':<14}{'requests':>9}{'errors':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}  goal p95 ≤ {TARGET_P95_MS}")
    for row in sorted(stats, key=lambda r: (r["Name"] == "Aggregated", r["Name"])):
        name = row["Name"]
        p50, p95, p99 = (row.get(k, "") for k in ("50%", "95%", "99%"))
        errors = int(row["Failure Count"])
        measured = name not in ("Aggregated", "login", "login page")
        met = errors == 0 and p95 not in ("", "N/A") and float(p95) <= TARGET_P95_MS
        if measured and not met:
            ok = False
        mark = "" if not measured else ("ok" if met else "NOT MET")
        print(f"{name:<14}{row['Request Count']:>9}{errors:>8}{p50:>8}{p95:>8}{p99:>8}  {mark}")
    total = next((r for r in stats if r["Name"] == "Aggregated"), None)
    if total:
        print(f"throughput: {int(total['Request Count']) / duration:.1f} requests/s over {duration:.0f} s")
    if failures:
        print("\nerrors by kind:")
        for f in failures:
            print(f"  {f['Method']} {f['Name']}: {f['Error']} × {f['Occurrences']}")
    else:
        print("errors by kind: none")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=120, help="seconds of load (default 120)")
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--host", default=None, help="an already running server (then nothing is started)")
    parser.add_argument("--database-url", default=os.environ.get("THADS_LOAD_DATABASE_URL",
                                                                 "postgres://postgres@127.0.0.1:5432/thads_load"))
    parser.add_argument("--size", type=int, default=30000, help="demo cases to load when the database has fewer")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (gthread)")
    parser.add_argument("--var-dir", default=str(ROOT / "var" / "load"))
    parser.add_argument("--steady", action=argparse.BooleanOptionalAction, default=True,
                        help="measure once every user is logged in (locust --reset-stats; logins are PBKDF2 and "
                             "queue up while users are spawned); --no-steady measures from the first request")
    args = parser.parse_args()

    var_dir = Path(args.var_dir)
    var_dir.mkdir(parents=True, exist_ok=True)
    env = thads_env(args.database_url, var_dir)
    thads = str(BIN / "thads")
    if args.host is None:
        ensure_database(args.database_url)
        run([thads, "migrate", "--noinput", "-v", "0"], env, timeout=600)
    pool_line = [x for x in run([thads, "shell", "-c", PREPARE], env, timeout=300).splitlines()
                 if x.startswith("POOL ")]
    pool = json.loads(pool_line[0][5:])
    if pool["cases"] < args.size and args.host is None:
        print(f"loading the demo province ({args.size} cases; a few minutes) …", flush=True)
        run([thads, "demo", "--size", str(args.size)], env, timeout=3600)
        pool = json.loads([x for x in run([thads, "shell", "-c", PREPARE], env, timeout=300).splitlines()
                           if x.startswith("POOL ")][0][5:])
    if not pool["collect"]:
        raise SystemExit("no case of HUE-KV1 accepts a collection: is the demo loaded?")
    print(f"{pool['cases']} cases; {len(pool['collect'])} cases to collect on", flush=True)

    server = None
    log = open(var_dir / "gunicorn.log", "w")  # noqa: SIM115
    try:
        if args.host is None:
            port = free_port()
            host = f"http://127.0.0.1:{port}"
            run([thads, "collectstatic", "--noinput", "-v", "0"], env, timeout=300)
            server = subprocess.Popen(
                [str(BIN / "gunicorn"), "thads.wsgi:application", "--bind", f"127.0.0.1:{port}",
                 "--workers", str(args.workers), "--threads", str(args.threads), "--worker-class", "gthread",
                 "--timeout", "60", "--graceful-timeout", "10"],
                env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            probe = wait_ready(host, server)
            print(f"gunicorn ({args.workers} workers × {args.threads} threads) ready at {host} ({probe})", flush=True)
        else:
            host = args.host.rstrip("/")
        with tempfile.TemporaryDirectory(prefix="thads-load-") as tmp:
            locustfile = Path(tmp) / "locustfile.py"
            locustfile.write_text(LOCUSTFILE, encoding="utf-8")
            prefix = Path(tmp) / "run"
            locust_env = {**os.environ, "THADS_LOAD_POOL": json.dumps(pool), "THADS_LOAD_PASSWORD": PASSWORD}
            print(f"locust: {args.users} users, {args.duration} s …", flush=True)
            started = time.monotonic()
            proc = subprocess.run(
                [str(BIN / "locust"), "-f", str(locustfile), "--headless", "--host", host, "-u", str(args.users),
                 "-r", str(args.spawn_rate), "-t", f"{args.duration}s", "--stop-timeout", "5", "--csv", str(prefix),
                 *(["--reset-stats"] if args.steady else []),
                 "--only-summary", "--loglevel", "WARNING"],
                env=locust_env, capture_output=True, text=True, timeout=args.duration + 120)
            elapsed = time.monotonic() - started
            if not Path(f"{prefix}_stats.csv").exists():
                print(proc.stdout[-3000:], proc.stderr[-3000:])
                raise SystemExit("locust wrote no statistics")
            stats, failures = read_stats(prefix)
        met = report(stats, failures, min(elapsed, args.duration))
        print("goal met: 0 errors and p95 ≤ 300 ms for every kind" if met else "goal NOT met (see above)")
        return 0 if met else 1
    finally:
        if server is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        log.close()


if __name__ == "__main__":
    raise SystemExit(main())
