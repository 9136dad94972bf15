"""Import benchmark (issue 3): generate N demo cases in the interchange format and import them into an empty
database; print cases/s, events/s and database size per case. Not a test: run by hand.

    python bench/import.py --size 200000                       # SQLite, a fresh file in a temporary folder
    python bench/import.py --size 200000 --database postgres://postgres@127.0.0.1:5432/thads_bench

Target (issue 3): 200,000 cases with their events in <= 60 s on SQLite on a 2-core machine.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database", default=None, help="DATABASE_URL (default: a new SQLite file)")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="thads-bench-")
    url = args.database or f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thads.settings")
    if url.startswith("postgres"):
        _recreate_postgres(url)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from thads.cases.importer import import_data
    from thads.demo.generator import write_jsonl

    t0 = time.perf_counter()
    buffer = io.StringIO()
    records = write_jsonl(buffer, seed=args.seed, today=date(2026, 11, 30), size=args.size)
    data = buffer.getvalue().encode()
    t_gen = time.perf_counter() - t0

    t0 = time.perf_counter()
    report = import_data(data)
    t_import = time.perf_counter() - t0
    assert not report.errors, report.error_lines()[:3]

    if connection.vendor == "sqlite":
        connection.close()
        size = Path(url.removeprefix("sqlite:///")).stat().st_size
    else:
        with connection.cursor() as cur:
            cur.execute("SELECT pg_database_size(current_database())")
            size = cur.fetchone()[0]
    print(f"database        {connection.vendor}")
    print(f"cases           {report.cases:,}")
    print(f"events          {report.events:,}  ({records:,} records, {len(data) / 1e6:.1f} MB of JSONL)")
    print(f"generate        {t_gen:.1f} s")
    print(f"import          {t_import:.1f} s  ->  {report.cases / t_import:,.0f} cases/s, "
          f"{report.events / t_import:,.0f} events/s")
    print(f"database size   {size / 1e6:.1f} MB  ->  {size / max(report.cases, 1) / 1024:.2f} KiB per case")
    return 0


def _recreate_postgres(url: str) -> None:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    base = ["psql", "-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432), "-U", parts.username or "postgres",
            "-d", "postgres", "-qc"]
    subprocess.run([*base, f'DROP DATABASE IF EXISTS "{name}"'], check=True)
    subprocess.run([*base, f'CREATE DATABASE "{name}"'], check=True)


if __name__ == "__main__":
    sys.exit(main())
