"""Statistics pages benchmark (issue 6) on the national-scale data of ``bench/data.py``. Not a test: run by hand.

    python bench/pages.py                    # 1M cases (bench/data.py builds and caches them first if needed)
    python bench/pages.py --size 200000      # a smaller cache
    python bench/pages.py --no-rebuild       # use the cached data even when its stamp is stale
    python bench/pages.py --pg URL           # PostgreSQL too (a database built by bench/data.py --pg URL)

Each page is the real view (``thads.stats.views``, template rendered) called with a statistician of the largest
province root (the generator makes 27 roots and no national unit) and of one of its branches; statistical year 2026
(01/10/2025–30/09/2026). Printed: the first run (cold caches) and the median of the next runs (``--runs`` in all;
a replayed range, and the days-to-completion chart, are cached after their first run until the next act). Targets, on the median: the first
page of any drill-down ≤ 200 ms, the statistics page ≤ 1 s (official periods). The range report (replayed histories)
and the charts and province pages are printed for information.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import data  # noqa: E402

YEAR = 2026
TARGET_DRILL, TARGET_PAGE = 0.200, 1.0
DRILLS = [("TT", "cases"), ("DANG", "cases"), ("XONG", "cases"), ("XONG", "money"), ("CKS", "money"),
          ("RATE", "cases"), ("CU", "money"), ("GIAM", "money"), ("CHUA_DK", "cases"), ("PTH", "money")]


def worker(runs: int) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thads.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import RequestFactory

    from thads.cases.models import Case
    from thads.domain.roles import Title
    from thads.org.models import Unit, User
    from thads.stats import views

    roots = list(Unit.objects.filter(parent__isnull=True).order_by("code"))
    held = {r.code: Case.objects.filter(unit__path__startswith=r.path).count() for r in roots}
    root = max(roots, key=lambda r: held[r.code])
    branches = list(Unit.objects.filter(parent=root).order_by("code"))
    branch = max(branches, key=lambda b: Case.objects.filter(unit=b).count())
    factory = RequestFactory()

    def user_of(unit):  # an unsaved statistician: nothing is written to the cached database
        return User(username=f"bench-{unit.code}", title=Title.STATISTICIAN, unit=unit, is_active=True)

    def call(view, unit, query: str, *args):
        request = factory.get("/statistics/?" + query)
        request.user = user_of(unit)
        response = view(request, *args)
        assert response.status_code == 200, (view.__name__, query, response.status_code)
        return response

    rows: list[tuple[str, list[float], float | None]] = []

    def measure(label: str, fn, target: float | None = None, n: int = runs) -> None:
        times = []
        for _ in range(n):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        rows.append((label, times, target))
        first, median = times[0], statistics.median(times[1:] or times)
        flag = "" if target is None else ("  ok" if median <= target else "  OVER TARGET")
        print(f"  {label:<62} first {first * 1000:8.1f} ms   then {median * 1000:8.1f} ms{flag}", flush=True)

    print(f"{connection.vendor}: {Case.objects.count():,} cases; largest root {root.code} "
          f"({held[root.code]:,} cases), branch {branch.code}", flush=True)
    for unit in (root, branch):
        official = f"unit={unit.code}&mode=official&year={YEAR}&months=12"
        measure(f"statistics page {unit.code} 12 months", lambda u=unit, q=official: call(views.report_page, u, q),
                TARGET_PAGE)
        measure(f"statistics page {unit.code} 6 months, by officer",
                lambda u=unit: call(views.report_page, u, f"unit={u.code}&mode=official&year={YEAR}&months=6"
                                                          "&by=officer"), TARGET_PAGE)
        for indicator, measure_ in DRILLS:
            query = f"{official}&ind={indicator}&m={measure_}"
            measure(f"drill-down page 1 {unit.code} {indicator}/{measure_}",
                    lambda u=unit, q=query: call(views.cases_page, u, q), TARGET_DRILL)
    officer = (Case.objects.filter(unit=branch, officer__isnull=False).values_list("officer__code", flat=True)
               .first())
    measure(f"drill-down page 1 {branch.code} DANG/cases, one officer",
            lambda: call(views.cases_page, branch, f"unit={branch.code}&mode=official&year={YEAR}&months=12"
                                                   f"&ind=DANG&m=cases&by=officer&key={officer}"), TARGET_DRILL)
    measure(f"drill-down page 1 {root.code} TT/cases sorted by case number",
            lambda: call(views.cases_page, root, f"unit={root.code}&mode=official&year={YEAR}&months=12"
                                                 "&ind=TT&m=cases&sort=case"), TARGET_DRILL)
    measure(f"drill-down page 5 {root.code} TT/money",
            lambda: call(views.cases_page, root, f"unit={root.code}&mode=official&year={YEAR}&months=12"
                                                 "&ind=TT&m=money&page=5"), TARGET_DRILL)
    official = f"unit={root.code}&mode=official&year={YEAR}&months=12"
    measure(f"charts page {root.code}", lambda: call(views.charts_page, root, official))
    measure(f"province at a glance {root.code}", lambda: call(views.glance_page, root, official))
    measure(f"chart SVG (days) {root.code}, cached by the charts page",
            lambda: call(views.chart_svg, root, official, "days"))
    rng = f"unit={branch.code}&mode=range&date_from=2025-01-01&date_to=2025-12-31&year={YEAR}&months=12"
    measure(f"range report {branch.code} 2025 (replay; then cached)", lambda: call(views.report_page, branch, rng),
            n=2)
    measure(f"range drill-down page 1 {branch.code} XONG/money (cached replay)",
            lambda: call(views.cases_page, branch, rng + "&ind=XONG&m=money"))
    rng_root = f"unit={root.code}&mode=range&date_from=2025-01-01&date_to=2025-12-31&year={YEAR}&months=12"
    measure(f"range report {root.code} 2025 (replay; then cached)", lambda: call(views.report_page, root, rng_root),
            n=2)
    over = [label for label, times, target in rows
            if target is not None and statistics.median(times[1:] or times) > target]
    print("all within target" if not over else f"over target: {', '.join(over)}", flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=data.DEFAULT_SIZE)
    parser.add_argument("--pg", default=None, metavar="URL", help="also measure this PostgreSQL database")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-rebuild", action="store_true",
                        help="use the cached data even when its stamp is stale (never build; warn)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args.runs)
    p = data.ensure(size=args.size, pg=bool(args.pg), pg_url=args.pg, rebuild=not args.no_rebuild)
    if args.size != data.DEFAULT_SIZE:
        print(f"note: {args.size:,} cases, not the national data set of {data.DEFAULT_SIZE:,}", flush=True)
    for name, url in [("SQLite", p.sqlite_url)] + ([("PostgreSQL", p.pg_url)] if p.pg_url else []):
        print(f"measuring {name} ({url}) …", flush=True)
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "thads.settings"}
        subprocess.run([sys.executable, __file__, "--worker", "--runs", str(args.runs)], env=env, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
