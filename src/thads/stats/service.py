"""The statistics report (interchange.md §2) from the database: the one report path of the statistics page, the
drill-down, ``thads report`` and the report files.

Official periods (01/10 to the end of a month of the same statistical year) are summed from the fast-path cells:
time proportional to units × months (``official_report``). Any other date range replays the histories of the cases
that can be held by the unit at its end (``range_report`` over ``range_parts``: each case's part of the report,
``thads.domain.drilldown.case_part``, which the drill-down lists too), exact but proportional to the cases of the
unit. ``build_report`` chooses. Histories are read through the gateway ``thads.cases.histories``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from datetime import date

from django.core.cache import cache
from django.db.models import Max, Q, Sum
from django.utils import timezone

from thads.cases.histories import Directory, histories
from thads.cases.histories import iter_histories as iter_case_histories
from thads.cases.models import Case, CaseEvent
from thads.domain import drilldown as dd
from thads.domain.contrib import RAW, month_end, month_of, statistical_year_of
from thads.domain.history import CaseHistory
from thads.domain.report import BY_KEYS, _finish
from thads.domain.states import EventKind
from thads.org.models import Unit
from thads.org.scope import subtree_ids
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
        names = Directory()
        names.need(officer_ids=sums)
        sums = {(names.officer_code(k) if k is not None else ""): v for k, v in sums.items()}
    elif by == "unit":
        sums = _sum_rows(cells, "unit_id")
        names = Directory()
        names.need(unit_ids=sums)
        sums = {names.unit_code(k): v for k, v in sums.items()}
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
    if year > statistical_year_of(timezone.localdate()) + 1:
        raise FutureYear(f"statistical year {year} has not started: no figures yet")
    if year > coverage_year():
        extend_coverage(iter_histories(Case.objects.filter(decided_on__isnull=False)), year)


def iter_histories(cases, batch: int | None = None) -> Iterator[CaseHistory]:
    """The histories of the queryset ``cases`` in id order, through the gateway (``thads.cases.histories``)."""
    return histories(cases, **({"chunk": batch} if batch else {}))


def range_parts(unit: Unit, unit_ids: Sequence[int], date_from: date, date_to: date
                ) -> list[tuple[int, str, str, str, dd.Part]]:
    """(case pk, case number, initiation, judgment kind, part) of every case in CU ∪ MOI of ``[date_from, date_to]``
    held at ``date_to`` by one of ``unit_ids`` (``unit``'s subtree, as a user sees it). Replays only the cases that
    can be held there: held there now, or moved (anywhere) after ``date_to`` (a case held at ``date_to`` and never
    moved since is held there now). Cached per (scope, unit, period, state of the data): paging a drill-down does
    not replay again."""
    stamp = (CaseEvent.objects.aggregate(m=Max("id"))["m"], Case.objects.aggregate(m=Max("id"))["m"])
    scope = hashlib.sha1(",".join(map(str, sorted(unit_ids))).encode()).hexdigest()[:16]
    key = f"thads-drill:{scope}:{unit.pk}:{date_from}:{date_to}:{stamp[0]}:{stamp[1]}"
    found = cache.get(key)
    if found is not None:
        return found
    moved_later = CaseEvent.objects.filter(kind=EventKind.MOVED.value, on__gt=date_to).values("case_id")
    candidates = Case.objects.filter(decided_on__lte=date_to).filter(
        Q(unit__path__startswith=unit.path) | Q(id__in=moved_later))
    allowed_units = set(Unit.objects.filter(id__in=unit_ids).values_list("code", flat=True))
    parts = []
    for pk, h in iter_case_histories(candidates):
        p = dd.case_part(h, date_from, date_to)
        if p is not None and p.unit in allowed_units:
            parts.append((pk, h.case.id, h.case.initiation, h.case.judgment_kind, p))
    cache.set(key, parts, 600)
    return parts


def range_report(unit: Unit, date_from: date, date_to: date, by: str | None = None, *, user=None) -> dict:
    """The report of any date range (interchange.md §2) for ``unit``'s subtree — the units of it ``user`` may see,
    when given — replayed from the histories (:func:`range_parts`, the same parts the drill-down lists). Equal to
    the pure ``domain.report.compute_report`` over every history, and to ``official_report`` on official periods."""
    if by is not None and by not in BY_KEYS:
        raise ValueError(f"unknown breakdown '{by}'; expected one of {', '.join(BY_KEYS)}")
    parts = range_parts(unit, subtree_ids(unit, user), date_from, date_to)
    return dd.report_of_parts(((p, ini, kind) for _, _, ini, kind, p in parts), unit.code, date_from, date_to, by)


def build_report(unit: Unit, date_from: date, date_to: date, by: str | None = None, *, user=None) -> dict:
    """The report of ``[date_from, date_to]``: from the cells on an official period, else replayed. With ``user``,
    a replayed report counts only the units of the subtree the user may see (the cells' sums are the whole
    subtree's: callers check the user may see ``unit``)."""
    official = official_period(date_from, date_to)
    if official is not None:
        return official_report(unit, *official, by=by)
    return range_report(unit, date_from, date_to, by=by, user=user)
