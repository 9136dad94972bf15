"""Deadline benchmark (issue 5): on the cached national data (bench/data.py), refresh the open deadlines of every
open case and time an officer's queue query. Not a test: run by hand.

    python bench/deadlines.py [--size 1000000] [--no-pg]

Targets: refreshing the open deadlines of 1,000,000 open cases <= 30 s on SQLite; an officer's queue <= 50 ms.
The refresh writes into the cached database (it is derived data: a refresh is idempotent).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run_one(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thads.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Count

    call_command("migrate", verbosity=0)  # the deadlines tables, when the cache predates them
    from thads.cases.models import Case
    from thads.deadlines.models import Deadline
    from thads.deadlines.service import current_calendar, refresh_all
    from thads.domain.states import FINAL_STATES

    open_cases = Case.objects.exclude(state__in=[s.value for s in FINAL_STATES]).count()
    t0 = time.perf_counter()
    total = refresh_all()
    t_refresh = time.perf_counter() - t0
    busiest = (Deadline.objects.values("officer_id").annotate(n=Count("id")).order_by("-n").first() or {})
    officer_id = busiest.get("officer_id")
    from django.utils import timezone

    today = timezone.localdate()
    soon = current_calendar().add_working_days(today, 3)
    times = []
    for _ in range(7):
        t0 = time.perf_counter()
        page = list(Deadline.objects.filter(officer_id=officer_id).select_related("case").order_by("due", "code")[:100])
        overdue = Deadline.objects.filter(officer_id=officer_id, due__lt=today, paused=False).count()
        due_soon = Deadline.objects.filter(officer_id=officer_id, due__gte=today, due__lte=soon).count()
        times.append(time.perf_counter() - t0)
    print(f"{django.db.connection.vendor:<10} open cases {open_cases:>9,}  refresh {t_refresh:7.1f} s "
          f"({total:,} open deadlines)  officer queue median {statistics.median(times) * 1000:6.1f} ms "
          f"(busiest officer: {busiest.get('n', 0)} deadlines, {overdue} overdue, {due_soon} due soon, page {len(page)})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.url:
        sys.path.insert(0, str(REPO / "src"))
        run_one(args.url)
        return 0
    sys.path.insert(0, str(REPO / "bench"))
    from data import ensure

    paths = ensure(size=args.size, pg=not args.no_pg)
    urls = [paths.sqlite_url] + ([paths.pg_url] if paths.pg_url and not args.no_pg else [])
    for url in urls:  # one process per database (Django binds its settings once)
        subprocess.run([sys.executable, __file__, "--url", url], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
