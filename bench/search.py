"""Search benchmark (issue 7): p50 and p95 of five kinds of query on the cached national databases
(bench/data.py), SQLite (FTS5 over the folded text) and PostgreSQL (trigram GIN index). Not a test.

    python bench/search.py [--size 1000000] [--no-pg] [--runs 40] [--no-rebuild]

Each search is timed as the case list runs it (``RankedSearch`` in a ``CappedPaginator``): the first page of 50
cases, ranked, and the count of matches up to 1,001. Unscoped (a national user); "found on page 1" is low for
names and decision numbers because a 1,000,000-case country has hundreds of "Nguyễn Văn Hùng" and one
"9/QĐ-CCTHADS" per branch and year. Target: <= 150 ms per search on a 1,000,000-case database.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run_one(url: str, runs: int) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thads.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # the search index, when the cache predates it
    from thads.cases.models import Case, Party
    from thads.cases.search import ALL_IDENTIFIERS, CappedPaginator, IdentifierAccess, RankedSearch
    from thads.lib.text import fold
    from thads.org.models import Unit

    rng = random.Random(7)
    n = Case.objects.count()
    sample_ids = [rng.randrange(1, n) for _ in range(runs)]
    samples = list(Case.objects.filter(id__in=sample_ids).values("id", "ext_id", "decision_no", "judgment_number",
                                                                 "unit__path"))
    parties = {p["case_id"]: p for p in Party.objects.filter(case_id__in=sample_ids, role="debtor").values(
        "case_id", "name", "id_number")}
    kinds = {
        "full name, unaccented": lambda c: fold(parties.get(c["id"], {}).get("name", "")),
        "surname + given name": lambda c: " ".join(fold(parties.get(c["id"], {}).get("name", "x")).split()[::2]),
        "ID number": lambda c: parties.get(c["id"], {}).get("id_number", "") or c["ext_id"],
        "decision number": lambda c: c["decision_no"] or c["ext_id"],
        "case id": lambda c: c["ext_id"],
    }
    print(f"{django.db.connection.vendor}: {n:,} cases")
    def office(path: str) -> list[int]:  # what thads.org.scope.scope_queryset filters by
        return list(Unit.objects.filter(path__startswith=path).values_list("id", flat=True))

    # (scope, where identifiers may be looked up whole): a national superuser everywhere; an officer in the office.
    scopes = {"national user": (lambda c: Case.objects.all(), lambda c: ALL_IDENTIFIERS),
              "officer of the case's office": (
                  lambda c: Case.objects.filter(unit__in=office(c["unit__path"])),
                  lambda c: IdentifierAccess(frozenset(office(c["unit__path"])), scope_wide=True))}
    for scope_name, (scope, access) in scopes.items():
        print(f" as a {scope_name}")
        for name, make in kinds.items():
            times, hits = [], 0
            for c in samples:
                query = make(c)
                t0 = time.perf_counter()
                paginator = CappedPaginator(RankedSearch(scope(c), query, access=access(c)), 50)
                page = [case.pk for case in paginator.page(1)]
                times.append((time.perf_counter() - t0) * 1000)
                hits += c["id"] in page
            times.sort()
            p95 = times[int(len(times) * 0.95) - 1]
            print(f"  {name:<24} p50 {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   "
                  f"found the case on page 1: {hits}/{len(samples)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--no-rebuild", action="store_true",
                        help="use the cached databases even when their stamp is stale")
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.url:
        sys.path.insert(0, str(REPO / "src"))
        run_one(args.url, args.runs)
        return 0
    sys.path.insert(0, str(REPO / "bench"))
    from data import ensure

    paths = ensure(size=args.size, pg=not args.no_pg, rebuild=not args.no_rebuild)
    urls = [paths.sqlite_url] + ([paths.pg_url] if paths.pg_url and not args.no_pg else [])
    for url in urls:
        subprocess.run([sys.executable, __file__, "--url", url, "--runs", str(args.runs)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
