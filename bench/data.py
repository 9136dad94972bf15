"""National-scale benchmark data, built once and cached outside the repository.

Three artefacts per cache key (size, seed, provinces):

* ``national.jsonl``: ``thads.demo.generator.write_jsonl`` (default 1,000,000 cases, 27 provinces ≈ 400 units,
  seed 1, today 2026-11-30);
* ``national.sqlite3``: that file imported (``thads.cases.importer.import_data``) into a migrated SQLite database;
* a PostgreSQL database with the same import (default ``postgres://postgres@127.0.0.1:5432/thads_national``;
  another size gets ``thads_national_<size>``).

Each artefact carries a stamp (size, seed, provinces, today and a hash of the code that shapes it: the generator for
the JSONL; also every ``src/thads/**/migrations`` file and the importer with the rules that fill the statistics
cells for the databases). An artefact is rebuilt only when it is missing or its stamp changed. The stamp of the
SQLite file is ``national.sqlite3.stamp`` beside it, the stamp of the PostgreSQL database is its
``COMMENT ON DATABASE``; a database is built under a temporary name and renamed (or moved) into place only when
complete, so an interrupted build is simply rebuilt next time.

    python bench/data.py                      # 1M cases: JSONL, SQLite and PostgreSQL (slow the first time)
    python bench/data.py --size 100000        # a smaller, separate cache for quick runs
    python bench/data.py --no-pg              # JSONL and SQLite only
    python bench/data.py --pg postgres://postgres@127.0.0.1:5432/other
    THADS_BENCH_DIR=/data/bench python bench/data.py
    python bench/data.py --check              # only say what is missing or stale

Other benchmarks call ``ensure(size=…, pg=…)``, which returns the ``Paths`` (building what is missing or stale;
``rebuild=False`` uses stale artefacts as they are, with a warning). The stamp is computed when a build starts and
again when it ends: a database whose code changed in between is left unstamped, so the next run rebuilds it.
Importing 1M cases takes several minutes per database; the two databases are loaded in parallel by default
(``--serial`` to load one after the other, e.g. on a machine with little memory).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "thads"
DEFAULT_SIZE = 1_000_000
DEFAULT_SEED = 1
DEFAULT_PROVINCES = 27
TODAY = date(2026, 11, 30)
PG_SERVER = "postgres://postgres@127.0.0.1:5432/"

# The code each artefact depends on (relative to src/thads); a change of any of these files rebuilds the artefact.
GENERATOR_FILES = ("demo/*.py", "domain/states.py")
IMPORTER_FILES = ("*/migrations/*.py", "cases/importer.py", "cases/records.py", "cases/histories.py", "cases/facts.py",
                  "cases/bulk.py", "stats/cells.py", "stats/models.py", "domain/contrib.py", "domain/history.py",
                  "domain/interchange.py", "domain/records.py", "domain/report.py", "domain/drilldown.py")


@dataclass(frozen=True)
class Paths:
    dir: Path
    jsonl: Path
    sqlite: Path
    pg_url: str | None
    size: int
    seed: int
    provinces: int

    @property
    def sqlite_url(self) -> str:
        return f"sqlite:///{self.sqlite}"


def cache_root() -> Path:
    return Path(os.environ.get("THADS_BENCH_DIR") or Path.home() / ".cache" / "thads-bench").expanduser()


def default_pg_url(size: int, seed: int = DEFAULT_SEED, provinces: int = DEFAULT_PROVINCES) -> str:
    name = "thads_national"
    if size != DEFAULT_SIZE:
        name += f"_{size}"
    if (seed, provinces) != (DEFAULT_SEED, DEFAULT_PROVINCES):
        name += f"_s{seed}_p{provinces}"
    return PG_SERVER + name


def paths(size: int = DEFAULT_SIZE, seed: int = DEFAULT_SEED, provinces: int = DEFAULT_PROVINCES,
          pg: bool = True, pg_url: str | None = None) -> Paths:
    d = cache_root() / f"n{size}-s{seed}-p{provinces}"
    return Paths(d, d / "national.jsonl", d / "national.sqlite3",
                 (pg_url or default_pg_url(size, seed, provinces)) if pg else None, size, seed, provinces)


def _hash(patterns: tuple[str, ...]) -> str:
    h = hashlib.sha256()
    files = sorted({f for p in patterns for f in SRC.glob(p) if f.is_file()})
    for f in files:
        h.update(str(f.relative_to(SRC)).encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def jsonl_stamp(p: Paths) -> dict[str, Any]:
    return {"size": p.size, "seed": p.seed, "provinces": p.provinces, "today": TODAY.isoformat(),
            "generator": _hash(GENERATOR_FILES)}


def db_stamp(p: Paths) -> dict[str, Any]:
    return {**jsonl_stamp(p), "importer": _hash(IMPORTER_FILES)}


def _read_stamp(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def log(msg: str) -> None:
    print(msg, flush=True)


# --- the JSONL -----------------------------------------------------------------------------------------------------

def ensure_jsonl(p: Paths) -> bool:
    """Generate the JSONL unless it is there with the same stamp; True when it was (re)built."""
    stamp_file = p.jsonl.with_name(p.jsonl.name + ".stamp")
    stamp = jsonl_stamp(p)
    if p.jsonl.exists() and _read_stamp(stamp_file) == stamp:
        log(f"jsonl       up to date  {p.jsonl} ({p.jsonl.stat().st_size / 1e6:,.0f} MB)")
        return False
    sys.path.insert(0, str(REPO / "src"))
    from thads.demo.generator import write_jsonl

    p.dir.mkdir(parents=True, exist_ok=True)
    tmp = p.jsonl.with_name(p.jsonl.name + ".tmp")
    log(f"jsonl       generating {p.size:,} cases, {p.provinces} provinces, seed {p.seed} …")
    t0 = time.perf_counter()
    records = write_jsonl(tmp, seed=p.seed, today=TODAY, size=p.size, provinces=p.provinces)
    tmp.replace(p.jsonl)
    stamp_file.write_text(json.dumps(stamp))
    log(f"jsonl       generated {records:,} records, {p.jsonl.stat().st_size / 1e6:,.0f} MB "
        f"in {time.perf_counter() - t0:,.1f} s  -> {p.jsonl}")
    return True


# --- the databases -------------------------------------------------------------------------------------------------

def _pg_parts(url: str) -> tuple[str, str]:
    """(URL of the maintenance database ``postgres`` on the same server, database name)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/postgres")), parts.path.lstrip("/")


def _pg_admin(url: str):
    import psycopg

    admin, _ = _pg_parts(url)
    return psycopg.connect(admin.replace("postgres://", "postgresql://", 1), autocommit=True)


def _pg_stamp(url: str) -> dict[str, Any] | None:
    _, name = _pg_parts(url)
    with _pg_admin(url) as con:
        row = con.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                          [name]).fetchone()
    if row is None or not row[0]:
        return None
    try:
        return json.loads(row[0])
    except ValueError:
        return None


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _recreate_pg(url: str) -> None:
    _, name = _pg_parts(url)
    with _pg_admin(url) as con:
        con.execute(f"DROP DATABASE IF EXISTS {_quote_ident(name)} WITH (FORCE)")
        con.execute(f"CREATE DATABASE {_quote_ident(name)}")


def _finish_pg(build_url: str, url: str, stamp: dict[str, Any]) -> None:
    _, build = _pg_parts(build_url)
    _, name = _pg_parts(url)
    with _pg_admin(url) as con:
        text = json.dumps(stamp).replace("'", "''")
        con.execute(f"COMMENT ON DATABASE {_quote_ident(build)} IS '{text}'")
        con.execute(f"DROP DATABASE IF EXISTS {_quote_ident(name)} WITH (FORCE)")
        con.execute(f"ALTER DATABASE {_quote_ident(build)} RENAME TO {_quote_ident(name)}")


def _with_db_name(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/" + name))


def _start_load(url: str, jsonl: Path, log_file: Path) -> subprocess.Popen:
    """Import ``jsonl`` into the empty database ``url`` in a child process (DATABASE_URL is read at start-up)."""
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "thads.settings"}
    fh = open(log_file, "w")  # the child inherits it; closed when the parent exits
    return subprocess.Popen([sys.executable, __file__, "--load-into", url, "--jsonl", str(jsonl)], env=env,
                            stdout=fh, stderr=subprocess.STDOUT)


def check(p: Paths) -> list[str]:
    """What is missing or stale in the cache of ``p`` (empty when everything is up to date)."""
    problems = []
    if not p.jsonl.exists():
        problems.append(f"missing {p.jsonl}")
    elif _read_stamp(p.jsonl.with_name(p.jsonl.name + ".stamp")) != jsonl_stamp(p):
        problems.append(f"stale {p.jsonl} (the generator changed)")
    stamp = db_stamp(p)
    if not p.sqlite.exists():
        problems.append(f"missing {p.sqlite}")
    elif _read_stamp(p.sqlite.with_name(p.sqlite.name + ".stamp")) != stamp:
        problems.append(f"stale {p.sqlite} (the schema, importer or generator changed)")
    if p.pg_url is not None:
        got = _pg_stamp(p.pg_url)
        if got is None:
            problems.append(f"missing {p.pg_url}")
        elif got != stamp:
            problems.append(f"stale {p.pg_url} (the schema, importer or generator changed)")
    return problems


def ensure(size: int = DEFAULT_SIZE, pg: bool = True, pg_url: str | None = None, seed: int = DEFAULT_SEED,
           provinces: int = DEFAULT_PROVINCES, serial: bool = False, rebuild: bool = True) -> Paths:
    """Build what is missing or stale (JSONL, SQLite, PostgreSQL unless ``pg`` is false) and return the paths.

    With ``rebuild=False`` nothing is built: stale artefacts are used as they are (with a warning, e.g. to measure
    with the code that built them while the tree is being edited); a missing one is an error."""
    p = paths(size, seed, provinces, pg, pg_url)
    if not rebuild:
        problems = check(p)
        for line in problems:
            log(f"warning: {line}; used as it is (--no-rebuild)")
        if any(line.startswith("missing") for line in problems):
            raise SystemExit("missing benchmark data: run bench/data.py first")
        return p
    t_all = time.perf_counter()
    ensure_jsonl(p)
    stamp = db_stamp(p)
    jobs: list[tuple[str, subprocess.Popen, Path, float, Any]] = []

    sqlite_stamp_file = p.sqlite.with_name(p.sqlite.name + ".stamp")
    if p.sqlite.exists() and _read_stamp(sqlite_stamp_file) == stamp:
        log(f"sqlite      up to date  {p.sqlite} ({p.sqlite.stat().st_size / 1e6:,.0f} MB)")
    else:
        tmp = p.sqlite.with_name(p.sqlite.name + ".building")
        for f in (tmp, tmp.with_name(tmp.name + "-journal"), tmp.with_name(tmp.name + "-wal")):
            f.unlink(missing_ok=True)
        log(f"sqlite      importing into {tmp} (log: {p.dir / 'load-sqlite.log'}) …")

        def done_sqlite(tmp: Path = tmp) -> None:
            tmp.replace(p.sqlite)
            if _still(p, stamp, "sqlite"):
                sqlite_stamp_file.write_text(json.dumps(stamp))
            else:
                sqlite_stamp_file.unlink(missing_ok=True)

        jobs.append(("sqlite", _start_load(f"sqlite:///{tmp}", p.jsonl, p.dir / "load-sqlite.log"),
                     p.dir / "load-sqlite.log", time.perf_counter(), done_sqlite))
        if serial:
            _wait(jobs)
            jobs.clear()

    if p.pg_url is not None:
        if _pg_stamp(p.pg_url) == stamp:
            log(f"postgresql  up to date  {p.pg_url}")
        else:
            _, name = _pg_parts(p.pg_url)
            build_url = _with_db_name(p.pg_url, name + "__building")
            _recreate_pg(build_url)
            log(f"postgresql  importing into {build_url} (log: {p.dir / 'load-postgresql.log'}) …")

            def done_pg(build_url: str = build_url, url: str = p.pg_url) -> None:
                _finish_pg(build_url, url, stamp if _still(p, stamp, "postgresql") else {"stale": True})

            jobs.append(("postgresql", _start_load(build_url, p.jsonl, p.dir / "load-postgresql.log"),
                         p.dir / "load-postgresql.log", time.perf_counter(), done_pg))
    _wait(jobs)
    log(f"ready in {time.perf_counter() - t_all:,.1f} s")
    return p


def _still(p: Paths, stamp: dict[str, Any], name: str) -> bool:
    """False (with a warning) when the code changed while the database was being built: it is kept but not stamped,
    so that the next run rebuilds it."""
    if db_stamp(p) == stamp:
        return True
    log(f"{name:<11} warning: the schema or importer changed during the build; left unstamped (rebuilt next time)")
    return False


def _wait(jobs: list[tuple[str, subprocess.Popen, Path, float, Any]]) -> None:
    failed = []
    for name, proc, log_file, t0, done in jobs:
        rc = proc.wait()
        text = log_file.read_text() if log_file.exists() else ""
        if rc != 0:
            failed.append(name)
            log(f"{name:<11} FAILED (exit {rc}); last lines of {log_file}:\n" + "\n".join(text.splitlines()[-15:]))
            continue
        done()
        for line in text.splitlines():
            if line.startswith("  "):
                log(f"{name:<11}{line}")
        log(f"{name:<11} ready in {time.perf_counter() - t0:,.1f} s")
    if failed:
        raise SystemExit(f"loading failed: {', '.join(failed)}")


# --- the child: migrate, import, analyse ---------------------------------------------------------------------------

def _load_into(url: str, jsonl: Path) -> int:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thads.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from thads.cases.importer import import_data

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    t_migrate = time.perf_counter() - t0

    t0 = time.perf_counter()
    data = jsonl.read_bytes()
    done = [0]
    last = [time.perf_counter()]

    def progress(n: int) -> None:
        done[0] += n
        if time.perf_counter() - last[0] > 30:
            last[0] = time.perf_counter()
            print(f"progress {done[0]:,} cases written, {time.perf_counter() - t0:,.0f} s", flush=True)

    report = import_data(data, progress=progress)
    t_import = time.perf_counter() - t0
    if report.errors:
        print("\n".join(report.error_lines()[:20]), flush=True)
        return 1
    del data

    t0 = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    t_analyze = time.perf_counter() - t0
    if connection.vendor == "sqlite":
        connection.close()
        size = Path(url.removeprefix("sqlite:///")).stat().st_size
    else:
        with connection.cursor() as cur:
            cur.execute("SELECT pg_database_size(current_database())")
            size = cur.fetchone()[0]
    print(f"  migrate {t_migrate:,.1f} s", flush=True)
    print(f"  import  {t_import:,.1f} s  ({report.cases:,} cases, {report.events:,} events, "
          f"{report.cases / t_import:,.0f} cases/s)", flush=True)
    print(f"  analyze {t_analyze:,.1f} s", flush=True)
    print(f"  size    {size / 1e6:,.0f} MB", flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=DEFAULT_SIZE)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--provinces", type=int, default=DEFAULT_PROVINCES)
    parser.add_argument("--pg", default=None, metavar="URL", help="PostgreSQL URL (default: %(default)s → "
                        "postgres://postgres@127.0.0.1:5432/thads_national[_SIZE])")
    parser.add_argument("--no-pg", action="store_true", help="skip PostgreSQL")
    parser.add_argument("--serial", action="store_true", help="load the databases one after the other")
    parser.add_argument("--check", action="store_true", help="only say what is missing or stale (exit 1 if any)")
    parser.add_argument("--load-into", help=argparse.SUPPRESS)
    parser.add_argument("--jsonl", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load_into:
        return _load_into(args.load_into, Path(args.jsonl))
    if args.check:
        problems = check(paths(args.size, args.seed, args.provinces, not args.no_pg, args.pg))
        for line in problems:
            log(line)
        log("up to date" if not problems else f"{len(problems)} artefact(s) to (re)build")
        return 1 if problems else 0
    p = ensure(size=args.size, pg=not args.no_pg, pg_url=args.pg, seed=args.seed, provinces=args.provinces,
               serial=args.serial)
    log(f"jsonl       {p.jsonl}")
    log(f"sqlite      {p.sqlite_url}")
    if p.pg_url:
        log(f"postgresql  {p.pg_url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
