"""Identifier search benchmark (issue 12, hole 3): p50/p95 of a search by a whole ID number or tax code, as the case
list runs it (``RankedSearch`` in a ``CappedPaginator``, first page of 50 and the count), on synthetic data: N cases
in 20 branches, each with a debtor holding a unique 12-digit ID number and a creditor that is one of 10 banks (a
bank's tax code is held by N/10 cases: the broad identifier). Names and numbers make the word index realistic.
Not a test; the national data of bench/search.py does not need rebuilding for it.

    python bench/identifier_search.py [--size 1000000] [--runs 40] [--pg postgres://postgres@127.0.0.1:5432/NAME]
                                      [--sqlite /tmp/ids.sqlite3] [--keep]
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
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc"]
GIVEN = ["Hùng", "Dũng", "Hoa", "Mai", "Lan", "Nam", "Bình", "Đức", "Hà", "Tuấn", "Trang", "Sơn", "Phúc", "An"]
BANKS = [(f"Ngân hàng TMCP số {k}", f"01001{k:05d}") for k in range(10)]


def debtor_id(i: int) -> str:
    return f"{46_000_000_000 + i * 7:012d}"


def build(size: int) -> None:
    from django.db import connection

    from thads.cases.search import search_text_of
    from thads.domain.roles import Title
    from thads.org.actions import do_create_staff, do_create_unit

    province = do_create_unit("P", "Cục THADS tỉnh P", None, "province")
    branches = [do_create_unit(f"B{k:02d}", f"Chi cục {k}", province, "district") for k in range(20)]
    do_create_staff("stat", "Mat-khau-Thu-2025", "Thống Kê", province, Title.STATISTICIAN)
    for k, b in enumerate(branches):
        do_create_staff(f"officer{k:02d}", "Mat-khau-Thu-2025", "Cán Bộ", b, Title.OFFICER)
    rng = random.Random(1)
    chunk = 20_000
    with connection.cursor() as cursor:
        for start in range(1, size + 1, chunk):
            cases, parties = [], []
            for i in range(start, min(start + chunk, size + 1)):
                unit = branches[i % 20]
                ext_id = f"{unit.code}-2025-{i:07d}"
                name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
                bank, tax = BANKS[i % 10]
                decision, judgment = f"{i % 900}/QĐ-CCTHADS", f"{i % 300}/2024/DS-ST"
                cases.append((i, ext_id, False, unit.pk, unit.pk, "chu_dong", "dan_su", "", judgment, decision, "",
                              "JUDGMENT", "", "{}", "", "", 1_000_000, 1_000_000, 0,
                              search_text_of(ext_id, decision, judgment, [name, bank])))
                parties.append((2 * i - 1, i, "debtor", "person", name, debtor_id(i), "", 0))
                parties.append((2 * i, i, "creditor", "organisation", bank, tax, "", 0))
            cursor.executemany(
                "INSERT INTO cases_case (id, ext_id, interim, unit_id, origin_unit_id, initiation, judgment_kind, "
                "judgment_court, judgment_number, decision_no, requester, intake, phase, facts, state, ground, amount, "
                "outstanding, event_count, search_text, created_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
                "%s, %s, %s, %s, %s, %s, %s, %s, %s, CURRENT_TIMESTAMP)", cases)
            cursor.executemany(
                "INSERT INTO cases_party (id, case_id, role, kind, name, id_number, address, position) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", parties)
            print(f"  {min(start + chunk - 1, size):,} cases", end="\r", flush=True)
        cursor.execute("ANALYZE")  # as bench/data.py does after an import
    print()


def measure(size: int, runs: int) -> None:
    from django.db import connection

    from thads.cases.models import Case
    from thads.cases.search import CappedPaginator, IdentifierAccess, RankedSearch
    from thads.org.models import User
    from thads.org.scope import scope_queryset

    rng = random.Random(7)
    samples = [rng.randrange(1, size) for _ in range(runs)]
    root = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser("root", password="x-Y-z-1")
    stat = User.objects.get(username="stat")
    print(f"{connection.vendor}: {Case.objects.count():,} cases")

    def officer(i: int):
        return User.objects.select_related("unit").get(username=f"officer{i % 20:02d}")

    kinds = {
        "ID number, officer of the case's branch": lambda i: (officer(i), debtor_id(i), True),
        "ID number, superuser (everywhere)": lambda i: (root, debtor_id(i), True),
        "ID number, statistician (finds nothing)": lambda i: (stat, debtor_id(i), False),
        "ID number of another branch, officer": lambda i: (officer(i + 1), debtor_id(i), False),
        "bank tax code (N/10 cases), officer": lambda i: (officer(i), BANKS[i % 10][1], True),
        "name (words), officer": lambda i: (officer(i), "nguyen van hung", None),
    }
    for name, make in kinds.items():
        times, ok = [], 0
        for i in samples:
            user, query, expect = make(i)
            t0 = time.perf_counter()
            ranked = RankedSearch(scope_queryset(user, Case.objects.all()), query, access=IdentifierAccess.of(user))
            page = [c.pk for c in CappedPaginator(ranked, 50).page(1)]
            hits = ranked.identifier_hits
            times.append((time.perf_counter() - t0) * 1000)
            ok += expect is None or ((i in page) == expect and bool(hits) == expect) or (
                expect and name.startswith("bank") and len(page) == 50)
        times.sort()
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        print(f"  {name:<42} p50 {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   as expected {ok}/{runs}")


def run_one(url: str, size: int, runs: int, fresh: bool) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thads.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from thads.cases.models import Case

    if fresh or not Case.objects.exists():
        t0 = time.perf_counter()
        build(size)
        print(f"built in {time.perf_counter() - t0:.0f} s")
    measure(Case.objects.count(), runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--pg", help="PostgreSQL URL of a database to (re)create for the benchmark")
    parser.add_argument("--sqlite", help="SQLite file to (re)create for the benchmark")
    parser.add_argument("--keep", action="store_true", help="reuse the data when present")
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.url:
        sys.path.insert(0, str(REPO / "src"))
        run_one(args.url, args.size, args.runs, fresh=False)
        return 0
    urls = []
    if args.sqlite:
        if not args.keep and Path(args.sqlite).exists():
            Path(args.sqlite).unlink()
        urls.append(f"sqlite:///{Path(args.sqlite).resolve()}")
    if args.pg:
        name = args.pg.rsplit("/", 1)[1]
        server = args.pg.rsplit("/", 1)[0]
        if not args.keep:
            subprocess.run(["psql", f"{server}/postgres", "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
            subprocess.run(["psql", f"{server}/postgres", "-qc", f"CREATE DATABASE {name}"], check=True)
        urls.append(args.pg)
    for url in urls:
        subprocess.run([sys.executable, __file__, "--url", url, "--size", str(args.size), "--runs", str(args.runs)],
                       check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
