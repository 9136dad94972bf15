"""The statistics report (interchange.md §2) from the database.

Official periods (01/10 to the end of a month of the same statistical year) are summed from the fast-path cells:
time proportional to units × months. Any other date range replays the histories of the cases that can count
(the pure ``compute_report``), which is exact but proportional to the cases of the unit.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.db.models import Sum

from thads.cases.models import Case
from thads.cases.records import code_maps, iter_case_records
from thads.domain.contrib import RAW, month_end, month_of, statistical_year_of
from thads.domain.history import CaseHistory
from thads.domain.report import BY_KEYS, _finish, compute_report
from thads.org.models import Officer, Unit
from thads.stats.cells import coverage_year, extend_coverage
from thads.stats.models import COUNTER_FIELDS, StatCell, StatOfficerCell


def official_period(date_from: date, date_to: date) -> tuple[int, int] | None:
    """(year, months) when [from, to] is an official cumulative period, else None."""
    if (date_from.month, date_from.day) != (10, 1):
        return None
    year = date_from.year + 1
    if statistical_year_of(date_to) != year:
        return None
    k = month_of(date_to)
    return (year, k) if month_end(year, k) == date_to else None


def subtree_ids(unit: Unit) -> list[int]:
    return list(Unit.objects.filter(path__startswith=unit.path).values_list("id", flat=True))


def _sum_rows(qs, group: str | None) -> dict[object, tuple[list[int], list[int]]]:
    fields = {f: Sum(f) for f in COUNTER_FIELDS}
    rows = qs.values(group).annotate(**fields) if group else [qs.aggregate(**fields)]
    out: dict[object, tuple[list[int], list[int]]] = {}
    width = len(RAW)
    for row in rows:
        values = [int(row[f] or 0) for f in COUNTER_FIELDS]
        out[row[group] if group else None] = (values[:width], values[width:])
    return out


def official_report(unit: Unit, year: int, months: int, by: str | None = None) -> dict:
    """The k-month report of statistical ``year`` for ``unit`` and its subtree, from the cells."""
    if by is not None and by not in BY_KEYS:
        raise ValueError(f"unknown breakdown '{by}'; expected one of {', '.join(BY_KEYS)}")
    ensure_coverage(year)
    units = subtree_ids(unit)
    cells = StatCell.objects.filter(year=year, month__lte=months, unit_id__in=units)
    date_from, date_to = date(year - 1, 10, 1), month_end(year, months)
    total = _sum_rows(cells, None)[None]
    report = {"unit": unit.code, "from": date_from.isoformat(), "to": date_to.isoformat(), **_finish(*total)}
    if by is None:
        return report
    if by == "officer":
        sums = _sum_rows(StatOfficerCell.objects.filter(year=year, month__lte=months, unit_id__in=units),
                         "officer_id")
        codes = dict(Officer.objects.values_list("id", "code"))
        sums = {(codes[k] if k is not None else ""): v for k, v in sums.items()}
    elif by == "unit":
        codes = dict(Unit.objects.values_list("id", "code"))
        sums = {codes[k]: v for k, v in _sum_rows(cells, "unit_id").items()}
    else:
        sums = _sum_rows(cells, by)
    cu, moi = RAW.index("CU"), RAW.index("MOI")
    report["groups"] = {k: _finish(*sums[k]) for k in sorted(sums) if sums[k][0][cu] + sums[k][0][moi] > 0}
    return report


class FutureYear(ValueError):
    pass


def ensure_coverage(year: int) -> None:
    """Extend the stored contributions to ``year``; at most to next year (a later year has no figures yet and would
    otherwise make every case's contributions be computed and stored for nothing)."""
    from django.utils import timezone

    if year > statistical_year_of(timezone.localdate()) + 1:
        raise FutureYear(f"statistical year {year} has not started: no figures yet")
    if year > coverage_year():
        extend_coverage(iter_histories(Case.objects.filter(decided_on__isnull=False)), year)


def iter_histories(cases, batch: int = 2000) -> Iterator[CaseHistory]:
    unit_codes, officer_codes = code_maps()
    ids = list(cases.order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), batch):
        chunk = Case.objects.filter(id__in=ids[start:start + batch]).order_by("id").prefetch_related(
            "parties", "obligations", "events")
        for rec, events in iter_case_records(chunk, unit_codes, officer_codes):
            yield CaseHistory.of(rec, events)


def range_report(unit: Unit, date_from: date, date_to: date, by: str | None = None) -> dict:
    """Any date range, by the pure definition over the histories of the cases that can count: decided by
    ``date_to`` and either decided in the unit's subtree or moved into it (a case is held at ``to`` by the unit it
    started in or the last unit it was moved to)."""
    from django.db.models import Q

    from thads.cases.models import CaseEvent

    parents = {code: parent for code, parent in Unit.objects.values_list("code", "parent__code")}
    units = subtree_ids(unit)
    moved_in = CaseEvent.objects.filter(kind="moved", target_unit_id__in=units).values("case_id")
    cases = Case.objects.filter(decided_on__lte=date_to).filter(Q(origin_unit_id__in=units) | Q(id__in=moved_in))
    return compute_report(iter_histories(cases), parents, unit.code, date_from, date_to, by=by)


def build_report(unit: Unit, date_from: date, date_to: date, by: str | None = None) -> dict:
    official = official_period(date_from, date_to)
    if official is not None:
        return official_report(unit, *official, by=by)
    return range_report(unit, date_from, date_to, by=by)
