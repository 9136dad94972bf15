"""Live progress against targets: each unit's and officer's cumulative rates now, the gap to 30/9 and the projection
from the pace of past years (THADS.md §4.3 RATE, §5 targets; the rules are :mod:`thads.domain.targets`).

Figures come from the official report on the statistics cells (``thads.stats.service.official_report``, one call
per (year, months) needed, broken down by unit or by officer), nothing is stored: a closed period gives the same
figures tomorrow. The shape of a unit's year is read from its past years (``THADS_TARGET_SHAPE_YEARS``, default 3)
month by month; a unit (or month) without one takes its parent's, then the province's, then the default table
(:data:`thads.domain.targets.DEFAULT_RATE_SHAPE`, UNVERIFIED, or the setting ``THADS_DEFAULT_RATE_SHAPE``). An
officer takes the shape of his unit. Nothing is cached between calls.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import timezone

from thads.domain import targets as rules
from thads.domain.contrib import month_of, statistical_year_of
from thads.domain.report import rate
from thads.emulation.queries import officer_targets_of, unit_targets_of
from thads.org.models import Officer, Unit
from thads.stats.service import FutureYear, official_report

MEASURES = ("cases", "money")
BY = ("unit", "officer")
DEFAULT = "default"


def current_period(today: date | None = None) -> tuple[int, int]:
    """The latest official cumulative period that has started: the statistical year of ``today`` to its month (the
    home page's and the charts' rule: the month in progress counts)."""
    today = today or timezone.localdate()
    return statistical_year_of(today), month_of(today)


def shape_years() -> int:
    """How many past years give the shape of a year (setting ``THADS_TARGET_SHAPE_YEARS``, default 3)."""
    return max(1, int(getattr(settings, "THADS_TARGET_SHAPE_YEARS", 3)))


def default_shape() -> dict | None:
    """The configured default shape (setting ``THADS_DEFAULT_RATE_SHAPE``: a mapping or its JSON text,
    ``{"cases": [12 shares], "money": [12 shares]}``), else None: the UNVERIFIED table of ``domain.targets``."""
    value = getattr(settings, "THADS_DEFAULT_RATE_SHAPE", None)
    if isinstance(value, str):
        value = json.loads(value) if value.strip() else None
    return value or None


@dataclass(frozen=True, slots=True)
class Sums:
    """What progress needs of one report block: done and CDK per measure, carried over and carried forward."""

    done_cases: int = 0
    cdk_cases: int = 0
    done_money: int = 0
    cdk_money: int = 0
    cu_cases: int = 0
    cks_cases: int = 0

    @classmethod
    def of(cls, figures: dict) -> Sums:
        c, m = figures["cases"], figures["money"]
        return cls(c["XONG"] + c["DC"], c["CDK"], m["XONG"] + m["DC"] + m["GIAM"], m["CDK"], c["CU"], c["CKS"])

    def __add__(self, other: Sums) -> Sums:
        return Sums(*(a + b for a, b in zip(self._tuple(), other._tuple(), strict=True)))

    def _tuple(self) -> tuple[int, ...]:
        return (self.done_cases, self.cdk_cases, self.done_money, self.cdk_money, self.cu_cases, self.cks_cases)

    def rate(self, measure: str) -> str | None:
        return rate(self.done_cases, self.cdk_cases) if measure == "cases" else rate(self.done_money, self.cdk_money)

    def done(self, measure: str) -> int:
        return self.done_cases if measure == "cases" else self.done_money

    def base(self, measure: str) -> int:
        return self.cdk_cases if measure == "cases" else self.cdk_money


class Reader:
    """The reports of one call, read once each: the top unit's report by unit (or officer) per (year, months), the
    subtree's units, and each unit's sums over its own subtree."""

    def __init__(self, top: Unit):
        self.top = top
        self.units = {u.code: u for u in Unit.objects.filter(path__startswith=top.path)}
        self._by_id = {u.pk: u for u in self.units.values()}
        self._reports: dict[tuple, dict] = {}

    def parent_of(self, unit: Unit) -> Unit | None:
        if unit.parent_id is None:
            return None
        if unit.parent_id not in self._by_id:
            self._by_id[unit.parent_id] = Unit.objects.get(pk=unit.parent_id)
        return self._by_id[unit.parent_id]

    def members(self, code: str) -> list[str]:
        """The codes of ``code``'s subtree (within the top unit's)."""
        path = self.units[code].path
        return [c for c, u in self.units.items() if u.path.startswith(path)]

    def report(self, unit: Unit, year: int, months: int, by: str | None = None) -> dict:
        key = (unit.pk, year, months, by)
        if key not in self._reports:
            self._reports[key] = official_report(unit, year, months, by=by)
        return self._reports[key]

    def unit_sums(self, year: int, months: int) -> dict[str, Sums]:
        """Each unit of the subtree: its subtree's sums (the top unit's from the report's total)."""
        report = self.report(self.top, year, months, by="unit")
        own = {code: Sums.of(figures) for code, figures in report["groups"].items()}
        out = {}
        for code in self.units:
            total = Sums()
            for member in self.members(code):
                total = total + own.get(member, Sums())
            out[code] = total
        out[self.top.code] = Sums.of(report)
        return out


class Shapes:
    """Month factors per unit code and measure from the past years, with the fallback chain of the module
    docstring."""

    def __init__(self, reader: Reader, year: int, years: int | None = None):
        self.reader = reader
        self.years = [y for y in range(year - (years or shape_years()), year)]
        self._series: dict[str, dict[str, list[list[str | None]]]] = {}
        self._factors: dict[tuple[str, str], dict] = {}
        self._read()
        configured = default_shape()
        self.default = {m: rules.default_factors(m, configured) for m in MEASURES}

    def _read(self) -> None:
        """The subtree's monthly series of each past year with figures (years without a CDK base are skipped)."""
        top = self.reader.top
        series: dict[str, dict[str, list]] = {code: {m: [] for m in MEASURES} for code in self.reader.units}
        for y in self.years:
            if not any(Sums.of(self.reader.report(top, y, 12, by="unit")).base(m) for m in MEASURES):
                continue
            by_month = [self.reader.unit_sums(y, k) for k in range(1, 13)]
            for code in self.reader.units:
                for m in MEASURES:
                    series[code][m].append([by_month[k][code].rate(m) for k in range(12)])
        self._series = series

    def _ancestor_factors(self, unit: Unit, measure: str) -> dict:
        key = (f"^{unit.code}", measure)
        if key not in self._factors:
            rows = []
            for y in self.years:
                if not Sums.of(self.reader.report(unit, y, 12)).base(measure):
                    continue
                rows.append([Sums.of(self.reader.report(unit, y, k)).rate(measure) for k in range(1, 13)])
            self._factors[key] = rules.shape_factors(rows)
        return self._factors[key]

    def factors(self, code: str, measure: str) -> dict:
        key = (code, measure)
        if key not in self._factors:
            self._factors[key] = rules.shape_factors(self._series.get(code, {}).get(measure, []))
        return self._factors[key]

    def factor(self, unit: Unit, measure: str, month: int) -> tuple:
        """(factor, the code of the unit whose years gave it or "default") for ``month``: the unit's own years,
        else its parent's, … up to the root, else the default table."""
        node: Unit | None = unit
        while node is not None:
            own = node.code in self.reader.units
            factors = self.factors(node.code, measure) if own else self._ancestor_factors(node, measure)
            if month in factors:
                return factors[month], node.code
            node = self.reader.parent_of(node)
        return self.default[measure][month], DEFAULT


def _entry(name: str, now: Sums, target, month: int, shape_of) -> dict:
    """One line of progress (the JSON of ``thads targets``)."""
    wanted = {"cases": getattr(target, "cases_rate", None), "money": getattr(target, "money_rate", None)}
    entry: dict = {"name": name, "issuer": getattr(target, "issuer", None),
                   "target": {m: (None if wanted[m] is None else f"{wanted[m]:.2f}") for m in MEASURES},
                   "actual": {m: now.rate(m) for m in MEASURES}, "projection": {}, "shape": {},
                   "gap": {m: rules.needed(wanted[m], now.done(m), now.base(m)) for m in MEASURES},
                   "behind": False, "base": {m: now.base(m) for m in MEASURES}, "absolute": {}}
    for m in MEASURES:
        factor, source = (None, None) if month == 12 else shape_of(m, month)
        entry["projection"][m] = rules.project(entry["actual"][m], month, factor)
        entry["shape"][m] = source
    entry["behind"] = any(rules.is_behind(entry["projection"][m], entry["target"][m]) for m in MEASURES)
    if target is not None:
        actual = {"cases_completed": now.done_cases, "money_recovered": now.done_money,
                  "backlog_reduction": now.cu_cases - now.cks_cases}
        for field, value in actual.items():
            goal = getattr(target, field)
            if goal is not None:
                entry["absolute"][field] = {"target": goal, "actual": value, "gap": rules.count_gap(goal, value)}
    return entry


def period_of(year: int, months: int | None, today: date | None = None) -> int:
    """The months of ``year`` progress reads: the given ones, else the current month (this year) or 12 (a past
    year). A year not started yet, or months not reached yet, raise :class:`FutureYear` (a ``ValueError``)."""
    now_year, now_k = current_period(today)
    if year > now_year:
        raise FutureYear(f"statistical year {year} has not started: no figures yet")
    last = now_k if year == now_year else 12
    if months is None:
        return last
    if not 1 <= months <= 12:
        raise ValueError(f"a period has 1 to 12 months, not {months}")
    if months > last:
        raise FutureYear(f"month {months} of statistical year {year} has not started: no figures yet")
    return months


def _valid(unit: Unit, start: date, end: date) -> bool:
    return (unit.valid_from is None or unit.valid_from <= end) and (unit.valid_to is None or unit.valid_to >= start)


def _children(top: Unit, reader: Reader, year: int, sums: dict[str, Sums]) -> list[Unit]:
    """The direct children shown: those valid during the year, or with figures."""
    start, end = date(year - 1, 10, 1), date(year, 9, 30)
    out = []
    for unit in reader.units.values():
        if unit.parent_id != top.pk:
            continue
        if _valid(unit, start, end) or sums[unit.code].cdk_cases or sums[unit.code].cu_cases:
            out.append(unit)
    return sorted(out, key=lambda u: u.code)


def _units_progress(reader: Reader, shapes: Shapes, year: int, months: int) -> dict[str, dict]:
    top = reader.top
    sums = reader.unit_sums(year, months)
    units = [top, *_children(top, reader, year, sums)]
    targets = unit_targets_of(units, year)
    out = {}
    for unit in units:
        out[unit.code] = _entry(unit.name, sums[unit.code], targets.get(unit.pk), months,
                                lambda m, k, u=unit: shapes.factor(u, m, k))
    return out


def _officers_progress(reader: Reader, shapes: Shapes, year: int, months: int) -> dict[str, dict]:
    report = reader.report(reader.top, year, months, by="officer")
    groups = {code: Sums.of(figures) for code, figures in report["groups"].items() if code}
    officers = {o.code: o for o in Officer.objects.filter(unit__path__startswith=reader.top.path)
                .select_related("unit")}
    missing = set(groups) - set(officers)
    if missing:
        officers.update({o.code: o for o in Officer.objects.filter(code__in=missing).select_related("unit")})
    targets = officer_targets_of(officers.values(), year)
    start, end = date(year - 1, 10, 1), date(year, 9, 30)
    out = {}
    for code in sorted(officers):
        officer = officers[code]
        if code not in groups and officer.pk not in targets and not _valid(officer.unit, start, end):
            continue  # an officer of a unit closed before the year, with nothing in it
        unit = reader.units.get(officer.unit.code, reader.top)  # an officer now elsewhere: the top unit's shape
        out[code] = _entry(officer.name, groups.get(code, Sums()), targets.get(officer.pk), months,
                           lambda m, k, u=unit: shapes.factor(u, m, k))
    return out


def progress(unit: Unit, year: int, *, by: str = "unit", months: int | None = None,
             today: date | None = None) -> dict[str, dict]:
    """Progress of ``unit`` and its direct children (``by="unit"``) or of the officers of its subtree
    (``by="officer"``) in statistical ``year`` to month ``months`` (default: the current month, or 12 for a past
    year), keyed by code: name, issuer of the target, target / actual / projection rates (2-decimal strings or
    None), gap (cases, VND) to the target rate by 30/9, behind (the projection falls short of a target), base (CDK
    in cases and VND), the absolute targets' progress, and which unit's past years gave the shape."""
    if by not in BY:
        raise ValueError(f"unknown breakdown {by!r}; expected one of {', '.join(BY)}")
    months = period_of(year, months, today)
    reader = Reader(unit)
    shapes = Shapes(reader, year)
    if by == "unit":
        return _units_progress(reader, shapes, year, months)
    return _officers_progress(reader, shapes, year, months)


def behind_pace(unit: Unit, year: int | None = None, *, today: date | None = None) -> list[dict]:
    """Units (``unit`` and its direct children) and officers (of its subtree) behind pace in ``year`` (default: the
    current one) to its current month: dicts with ``code``, ``kind`` ("unit" / "officer") and the progress line."""
    year = year or current_period(today)[0]
    months = period_of(year, None, today)
    reader = Reader(unit)
    shapes = Shapes(reader, year)
    out = []
    for kind, lines in (("unit", _units_progress(reader, shapes, year, months)),
                        ("officer", _officers_progress(reader, shapes, year, months))):
        out.extend({"code": code, "kind": kind, **line} for code, line in lines.items() if line["behind"])
    return out


def pass_down_weights(unit: Unit, year: int, *, to: str = "units", today: date | None = None
                      ) -> dict[int, tuple[int, int]]:
    """The weights of the passing-down check (THADS.md §5, UNVERIFIED rule: ``domain.targets.check_distribution``):
    per direct child unit id (``to="units"``) or per officer id of ``unit`` itself (``to="officers"``), its CDK
    (cases, VND) in the latest period of ``year``, or last year's 12-month CDK when the year has no figures yet."""
    if to not in ("units", "officers"):
        raise ValueError(f"targets are passed down to 'units' or 'officers', not {to!r}")
    reader = Reader(unit)
    months = period_of(year, None, today)
    by = "unit" if to == "units" else "officer"
    report = reader.report(unit, year, months, by=by)
    if not (report["cases"]["CDK"] or report["money"]["CDK"]):
        report = reader.report(unit, year - 1, 12, by=by)
        months, year = 12, year - 1
    if to == "units":
        sums = reader.unit_sums(year, months)
        return {u.pk: (sums[u.code].cdk_cases, sums[u.code].cdk_money) for u in reader.units.values()
                if u.parent_id == unit.pk}
    groups = {code: Sums.of(figures) for code, figures in report["groups"].items()}
    return {o.pk: (groups.get(o.code, Sums()).cdk_cases, groups.get(o.code, Sums()).cdk_money)
            for o in Officer.objects.filter(unit=unit)}


def pass_down_check(unit: Unit, year: int, *, to: str = "units", today: date | None = None) -> dict:
    """Can the targets of ``unit``'s direct children (``to="units"``) or of its own officers (``to="officers"``)
    add up to ``unit``'s own effective target of ``year``? Per measure a ``DistributionCheck`` ("cases", "money")
    and per absolute target a ``CountCheck`` ("cases_completed", "money_recovered", "backlog_reduction")."""
    weights = pass_down_weights(unit, year, to=to, today=today)
    parent = unit_targets_of([unit], year).get(unit.pk)
    if to == "units":
        parts = unit_targets_of(Unit.objects.filter(pk__in=weights), year)
    else:
        parts = officer_targets_of(Officer.objects.filter(pk__in=weights), year)
    out: dict = {}
    for i, (measure, field) in enumerate((("cases", "cases_rate"), ("money", "money_rate"))):
        out[measure] = rules.check_distribution(
            getattr(parent, field, None),
            [(getattr(parts.get(pk), field, None), w[i]) for pk, w in sorted(weights.items())])
    for field in ("cases_completed", "money_recovered", "backlog_reduction"):
        out[field] = rules.check_counts(getattr(parent, field, None),
                                        [getattr(parts.get(pk), field, None) for pk in sorted(weights)])
    return out
