"""Report benchmark (issue 4) on national-scale data: THADS's report on SQLite and PostgreSQL, cross-checked with an
independent DuckDB computation over the same JSONL. Not a test: run by hand.

    python bench/report.py                   # 1M cases (bench/data.py builds and caches them first if needed)
    python bench/report.py --size 100000     # the smaller cache
    python bench/report.py --no-pg           # SQLite only
    python bench/report.py --no-rebuild      # measure the cached data even if the code changed since it was built

Measured (each 3 times, median printed; statistical year 2026 = 01/10/2025–30/09/2026, the last complete one):
the official 12-month report (``official_report``, from the cells) of the first province's root (HUE), of the
largest province's root and of every province root in turn (the generator makes 27 roots and no national unit), of
one regional office, with ``--by officer``, and the 6-month report; target <= 1 s each. An arbitrary date range
(``range_report``, the pure definition replayed over the histories), target <= 5 s: it is timed once when one run
takes longer than ``--repeat-limit`` seconds. Each database is measured in its own process (DATABASE_URL is read at
start-up), one after the other. The same reports are computed by ``bench/duckdb_report.py`` from the JSONL and
must equal THADS's figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import data  # noqa: E402

YEAR = 2026
RANGE = (date(2025, 1, 1), date(2025, 12, 31))  # a calendar year: not an official period
FIRST_PROVINCE, BRANCH = "HUE", "HUE-KV3"
TARGET_OFFICIAL, TARGET_RANGE = 1.0, 5.0


def _period(months: int) -> tuple[date, date]:
    from thads.domain.contrib import month_end

    return date(YEAR - 1, 10, 1), month_end(YEAR, months)


# --- the worker: one database, in its own process ------------------------------------------------------------------

def _time(fn: Callable[[], Any], runs: int, repeat_limit: float) -> tuple[list[float], Any]:
    times: list[float] = []
    result = None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
        if times[-1] > repeat_limit:
            break
    return times, result


def worker(out: Path, runs: int, repeat_limit: float, skip_range: bool) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thads.settings")
    import django

    django.setup()
    from django.db import connection

    from thads.cases.models import Case
    from thads.org.models import Unit
    from thads.stats.service import official_report, range_report

    units = {u.code: u for u in Unit.objects.all()}
    roots = sorted((u for u in units.values() if u.parent_id is None), key=lambda u: u.code)
    held = {r.code: Case.objects.filter(unit__path__startswith=r.path).count() for r in roots}
    largest = max(roots, key=lambda r: held[r.code])
    official_report(units[FIRST_PROVINCE], YEAR, 1)  # connect and warm up (not timed)

    results: dict[str, Any] = {"vendor": connection.vendor, "roots": [r.code for r in roots], "largest": largest.code,
                               "held": held, "cases": Case.objects.count(), "timings": {}, "reports": {}}

    def measure(key: str, fn: Callable[[], Any], limit: float = repeat_limit) -> Any:
        times, result = _time(fn, runs, limit)
        results["timings"][key] = times
        print(f"  {connection.vendor:<10} {key:<24} {statistics.median(times):8.3f} s  ({len(times)} run{'s' if len(times) != 1 else ''})",
              file=sys.stderr, flush=True)
        return result

    hue, branch = units[FIRST_PROVINCE], units[BRANCH]
    results["reports"]["hue12"] = measure("hue12", lambda: official_report(hue, YEAR, 12))
    results["reports"]["largest12"] = measure("largest12", lambda: official_report(largest, YEAR, 12))
    results["reports"]["roots12"] = measure("roots12", lambda: [official_report(r, YEAR, 12) for r in roots])
    results["reports"]["branch12"] = measure("branch12", lambda: official_report(branch, YEAR, 12))
    results["reports"]["hue12_officer"] = measure("hue12_officer",
                                                  lambda: official_report(hue, YEAR, 12, by="officer"))
    results["reports"]["hue6"] = measure("hue6", lambda: official_report(hue, YEAR, 6))
    if not skip_range:
        results["replayed"] = Case.objects.filter(decided_on__lte=RANGE[1]).count()
        results["replayed_in_unit"] = Case.objects.filter(decided_on__lte=RANGE[1],
                                                          unit__path__startswith=hue.path).count()
        from django.core.cache import cache

        def uncached_range() -> dict:
            cache.clear()  # range_report keeps its replayed parts for the drill-down's pages: time the replay
            return range_report(hue, *RANGE)

        results["reports"]["range"] = measure("range", uncached_range)
    out.write_text(json.dumps(results))
    return 0


def run_worker(url: str, runs: int, repeat_limit: float, skip_range: bool) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "thads.settings"}
        cmd = [sys.executable, __file__, "--worker", str(out), "--runs", str(runs), "--repeat-limit",
               str(repeat_limit)]
        if skip_range:
            cmd.append("--skip-range")
        subprocess.run(cmd, env=env, check=True)
        return json.loads(out.read_text())


# --- DuckDB --------------------------------------------------------------------------------------------------------

def duckdb_side(jsonl: Path, jobs: dict[str, tuple[str, date, date]], roots: list[str], runs: int
                ) -> dict[str, Any]:
    import duckdb

    from bench.duckdb_report import duckdb_report, load, report

    t0 = time.perf_counter()
    con = duckdb.connect()
    load(con, jsonl)
    t_load = time.perf_counter() - t0
    out: dict[str, Any] = {"load": t_load, "timings": {}, "reports": {}}
    for key, (unit, d1, d2) in jobs.items():
        times, result = _time(lambda u=unit, a=d1, b=d2: report(con, u, a, b), runs, 1e9)
        out["timings"][key] = times
        out["reports"][key] = result
    # Every province root (the nation-wide check), once.
    d1, d2 = jobs["hue12"][1:]
    times, out["reports"]["roots12"] = _time(lambda: [report(con, r, d1, d2) for r in roots], 1, 1e9)
    out["timings"]["roots12"] = times
    con.close()
    # End to end, as a third party would run it: read the file and compute the root report.
    unit, d1, d2 = jobs["hue12"]
    times, _ = _time(lambda: duckdb_report(jsonl, unit, d1, d2), 1, 1e9)
    out["end_to_end"] = times[0]
    return out


# --- the table -----------------------------------------------------------------------------------------------------

def _fmt(times: list[float] | None) -> str:
    if not times:
        return "—"
    m = statistics.median(times)
    text = f"{m:.3f}" if m < 10 else f"{m:,.1f}"
    return text + ("" if len(times) >= 3 else f" ({len(times)} run)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=data.DEFAULT_SIZE)
    parser.add_argument("--pg", default=None, metavar="URL")
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repeat-limit", type=float, default=60.0,
                        help="time an operation only once when one run takes longer (default %(default)s s)")
    parser.add_argument("--skip-range", action="store_true", help="skip the arbitrary-range report")
    parser.add_argument("--no-rebuild", action="store_true",
                        help="use the cached data even when its stamp is stale (never build; warn)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(Path(args.worker), args.runs, args.repeat_limit, args.skip_range)

    p = data.ensure(size=args.size, pg=not args.no_pg, pg_url=args.pg, rebuild=not args.no_rebuild)
    dbs = [("SQLite", p.sqlite_url)] + ([("PostgreSQL", p.pg_url)] if p.pg_url else [])
    results: dict[str, dict[str, Any]] = {}
    for name, url in dbs:
        print(f"measuring {name} ({url}) …", flush=True)
        results[name] = run_worker(url, args.runs, args.repeat_limit, args.skip_range)

    first = next(iter(results.values()))
    largest, roots = first["largest"], first["roots"]
    f12, t12 = _period(12)
    f6, t6 = _period(6)
    jobs = {"hue12": (FIRST_PROVINCE, f12, t12), "largest12": (largest, f12, t12), "branch12": (BRANCH, f12, t12),
            "hue6": (FIRST_PROVINCE, f6, t6)}
    if not args.skip_range:
        jobs["range"] = (FIRST_PROVINCE, *RANGE)
    print("computing the same reports with DuckDB from the JSONL …", flush=True)
    duck = duckdb_side(p.jsonl, jobs, roots, args.runs)
    duck_roots = duck["reports"]["roots12"]

    # --- cross-check -----------------------------------------------------------------------------------------------
    problems: list[str] = []
    checked = 0
    for name, res in results.items():
        for key in ("hue12", "largest12", "branch12", "hue6", "range"):
            if key not in res["reports"]:
                continue
            checked += 1
            if res["reports"][key] != duck["reports"][key]:
                problems.append(f"{name} {key}: {_diff(res['reports'][key], duck['reports'][key])}")
        for mine, theirs in zip(res["reports"]["roots12"], duck_roots, strict=True):
            checked += 1
            if mine != theirs:
                problems.append(f"{name} root {mine['unit']}: {_diff(mine, theirs)}")
        officer = res["reports"]["hue12_officer"]
        checked += 1
        if {k: officer[k] for k in ("unit", "from", "to", "cases", "money")} != res["reports"]["hue12"]:
            problems.append(f"{name} --by officer totals differ from the report without --by")

    # --- the table ---------------------------------------------------------------------------------------------------
    sq, pg = results.get("SQLite"), results.get("PostgreSQL")
    n_units = len(first["held"])
    rows = [
        ("hue12", f"12-month report, {FIRST_PROVINCE} (first province root)", TARGET_OFFICIAL),
        ("largest12", f"12-month report, {largest} (largest province, {first['held'][largest]:,} cases)",
         TARGET_OFFICIAL),
        ("roots12", f"12-month report, all {n_units} province roots (loop)", None),
        ("branch12", f"12-month report, {BRANCH} (one regional office)", TARGET_OFFICIAL),
        ("hue12_officer", f"12-month report, {FIRST_PROVINCE} --by officer", TARGET_OFFICIAL),
        ("hue6", f"6-month report, {FIRST_PROVINCE}", TARGET_OFFICIAL),
    ]
    if not args.skip_range:
        rows.append(("range", f"range {RANGE[0]}..{RANGE[1]}, {FIRST_PROVINCE} (range_report)", TARGET_RANGE))
    width = max(len(r[1]) for r in rows) + 2
    print()
    print(f"THADS report benchmark: {first['cases']:,} cases, {n_units} province roots (no national root), "
          f"statistical year {YEAR}; median of {args.runs} runs")
    header = f"{'operation':<{width}}{'SQLite s':>16}{'PostgreSQL s':>16}{'DuckDB query s':>16}   target"
    print(header)
    print("-" * len(header))
    for key, label, target in rows:
        verdict = ""
        if target is not None:
            worst = max(statistics.median(r["timings"][key]) for r in results.values())
            verdict = f"<= {target:g} s  {'ok' if worst <= target else 'MISSED'}"
        print(f"{label:<{width}}{_fmt(sq['timings'].get(key) if sq else None):>16}"
              f"{_fmt(pg['timings'].get(key) if pg else None):>16}{_fmt(duck['timings'].get(key)):>16}   {verdict}")
    print()
    if not args.skip_range:
        print(f"range_report replayed {first['replayed']:,} cases (every case decided by {RANGE[1]}, nation-wide); "
              f"{first['replayed_in_unit']:,} of them are held by {FIRST_PROVINCE}'s subtree now.")
    print(f"DuckDB: reading the JSONL into tables {duck['load']:.1f} s; the {FIRST_PROVINCE} 12-month report end to "
          f"end (read + query) {duck['end_to_end']:.1f} s, the query alone "
          f"{statistics.median(duck['timings']['hue12']):.3f} s.")
    for name, res in results.items():
        thads = statistics.median(res["timings"]["hue12"])
        print(f"THADS {name} / DuckDB for the {FIRST_PROVINCE} 12-month report: "
              f"{thads / statistics.median(duck['timings']['hue12']):.3f} against the query alone, "
              f"{thads / duck['end_to_end']:.4f} against read + query")
    if problems:
        print(f"\nCROSS-CHECK FAILED: {len(problems)} of {checked} reports differ from DuckDB's:")
        for line in problems:
            print("  " + line)
        return 1
    print(f"\nCross-check: all {checked} THADS reports (SQLite and PostgreSQL: the official reports above, each of the "
          f"{n_units} province roots{'' if args.skip_range else ', the range'}) equal DuckDB's figures exactly; "
          "--by officer keeps the totals.")
    return 0


def _diff(a: dict[str, Any], b: dict[str, Any]) -> str:
    out = []
    for part in ("cases", "money"):
        for k in a.get(part, {}):
            if a[part][k] != b.get(part, {}).get(k):
                out.append(f"{part}.{k} THADS {a[part][k]} DuckDB {b[part][k]}")
    return "; ".join(out) or "keys or header differ"


if __name__ == "__main__":
    sys.exit(main())
