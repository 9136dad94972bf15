"""Chart data of the statistics pages, from the engine's fast path (cells and per-case spans; no history replay).

Each chart is a plain *spec* (``{"kind", "title", "labels", "series", "y", …}``) that the page draws with the vendored
Chart.js (``static/thads/stats.js``) and :mod:`thads.stats.svg` draws as an SVG file: one spec, two renderers.

* :func:`monthly_rates`: the cumulative k-month completion rates (cases, money) month by month over the last five
  statistical years, one grouped query on the cells, with the national results and targets of THADS.md §5
  (``thads.stats.national``) and any per-unit targets as reference lines;
* :func:`unit_figures`: each sub-unit's (or, for a unit without sub-units, each officer's) figures for a period,
  rolled up over its subtree, and the same period one year earlier (the branches chart and the province at a
  glance);
* :func:`completion_days`: per statistical year, the days from decision to completion of the cases counted
  "thi hành xong" in that year's report.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Subquery, Sum
from django.utils.translation import gettext as _

from thads.cases.models import CaseEvent
from thads.domain.contrib import RAW, month_end, month_of, statistical_year_of
from thads.domain.report import _finish
from thads.org.models import Officer, Unit
from thads.stats.models import COUNTER_FIELDS, StatCaseSpan, StatCell, StatOfficerCell
from thads.stats.national import SOURCE_NOTE, national_year, unit_targets

WIDTH = len(RAW)
XONG = RAW.index("XONG")
DAY_BUCKETS: tuple[tuple[int, int | None], ...] = ((0, 30), (31, 90), (91, 180), (181, 365), (366, 730), (731, None))
COLORS = {"cases": "#1f5fa8", "money": "#b45309", "national": "#6b7683", "target": "#9b1c1c",
          "unit_target": "#1d7a46"}
YEAR_COLORS = ("#b8c7d9", "#8aa5c8", "#5b84b8", "#2f62a3", "#0b3d7a")  # oldest → latest
DAY_COLORS = ("#1d7a46", "#6aa84f", "#c9b458", "#e69138", "#cc4125", "#85200c")


def _num(rate: str | None) -> float | None:
    return float(rate) if rate is not None else None


def _sums(rows, key_fields: Sequence[str]) -> dict[tuple, tuple[list[int], list[int]]]:
    out = {}
    for row in rows:
        values = [int(row[f] or 0) for f in COUNTER_FIELDS]
        out[tuple(row[k] for k in key_fields)] = (values[:WIDTH], values[WIDTH:])
    return out


def last_month(today: date) -> tuple[int, int]:
    """(year, k) of the month containing ``today``: the last month with figures."""
    return statistical_year_of(today), month_of(today)


# ------------------------------------------------------------------------------------------------ monthly rates


def monthly_rates(unit: Unit, unit_ids: Sequence[int], today: date, years: int = 5) -> dict:
    """Two chart specs (cases, money): the cumulative k-month rate of every month of the last ``years`` statistical
    years up to the month of ``today``, with reference lines where data exists."""
    last_year, last_k = last_month(today)
    first_year = last_year - years + 1
    fields = {f: Sum(f) for f in COUNTER_FIELDS}
    rows = (StatCell.objects.filter(year__gte=first_year, year__lte=last_year, unit_id__in=unit_ids)
            .values("year", "month").annotate(**fields))
    sums = _sums(rows, ("year", "month"))
    labels, points, nat_c, nat_m, tgt_c, tgt_m, utg_c, utg_m = [], [], [], [], [], [], [], []
    per_year: list[tuple[int, list[tuple[int, float | None, float | None]]]] = []
    targets = unit_targets(unit, range(first_year, last_year + 1))
    for year in range(first_year, last_year + 1):
        acc = ([0] * WIDTH, [0] * WIDTH)
        nat = national_year(year)
        values = []
        for k in range(1, 13):
            if (year, k) > (last_year, last_k):
                break
            c, m = sums.get((year, k), ([0] * WIDTH, [0] * WIDTH))
            for j in range(WIDTH):
                acc[0][j] += c[j]
                acc[1][j] += m[j]
            report = _finish(*acc)
            values.append((len(labels), _num(report["cases"]["RATE"]), _num(report["money"]["RATE"])))
            labels.append(f"{month_end(year, k):%m/%Y}")
            points.append({"year": year, "months": k})
            nat_c.append(_num(nat.actual_cases) if nat else None)
            nat_m.append(_num(nat.actual_money) if nat else None)
            tgt_c.append(_num(nat.target_cases) if nat else None)
            tgt_m.append(_num(nat.target_money) if nat else None)
            ut = targets.get(year, (None, None))
            utg_c.append(_num(ut[0]))
            utg_m.append(_num(ut[1]))
        per_year.append((year, values))

    def spec(measure: str, title: str, nat, tgt, utg) -> dict:
        series = []
        for i, (year, values) in enumerate(per_year):
            data: list[float | None] = [None] * len(labels)
            for index, rc, rm in values:
                data[index] = rc if measure == "cases" else rm
            series.append({"label": _("year %(year)s") % {"year": year}, "data": data, "role": "unit",
                           "color": YEAR_COLORS[(i - len(per_year)) % len(YEAR_COLORS)], "kind": "line"})
        if any(v is not None for v in utg):
            series.append({"label": _("target of the unit"), "data": utg, "color": COLORS["unit_target"],
                           "role": "unit_target",
                           "kind": "line", "dash": True, "step": True})
        if any(v is not None for v in nat):
            series.append({"label": _("national result (12 months)"), "data": nat, "color": COLORS["national"],
                           "role": "national",
                           "kind": "line", "dash": True, "step": True})
        if any(v is not None for v in tgt):
            series.append({"label": _("national target"), "data": tgt, "color": COLORS["target"], "kind": "line",
                           "role": "national_target",
                           "dash": True, "step": True})
        return {"kind": "line", "title": title, "labels": labels, "series": series, "points": points,
                "y": {"min": 0, "max": 100, "suffix": " %", "label": _("completion rate (%)")},
                "note": _("%(unit)s. Each statistical year runs from 1 October to 30 September; the point of month k "
                          "is the rate of the k-month period.") % {"unit": unit.code} + " " + SOURCE_NOTE}

    return {"cases": spec("cases", _("Completion rate in cases, month by month"), nat_c, tgt_c, utg_c),
            "money": spec("money", _("Completion rate in money, month by month"), nat_m, tgt_m, utg_m)}


# ------------------------------------------------------------------------------------------------ sub-units side by side


@dataclass
class UnitFigures:
    """One sub-unit's (or officer's) figures in a period, and in the same period one year earlier."""

    key: str
    name: str
    report: dict
    previous: dict | None
    unit: Unit | None = None
    officer: Officer | None = None

    @property
    def rate_cases(self) -> str | None:
        return self.report["cases"]["RATE"]

    @property
    def rate_money(self) -> str | None:
        return self.report["money"]["RATE"]

    @property
    def recovered(self) -> int:
        return self.report["money"]["XONG"]

    @property
    def carried_cases(self) -> int:
        return self.report["cases"]["CKS"]

    @property
    def carried_money(self) -> int:
        return self.report["money"]["CKS"]

    def _delta(self, measure: str) -> float | None:
        if self.previous is None:
            return None
        now, before = self.report[measure]["RATE"], self.previous[measure]["RATE"]
        if now is None or before is None:
            return None
        return round(float(now) - float(before), 2)

    @property
    def delta_cases(self) -> float | None:
        return self._delta("cases")

    @property
    def delta_money(self) -> float | None:
        return self._delta("money")

    @property
    def delta_recovered(self) -> int | None:
        return None if self.previous is None else self.recovered - self.previous["money"]["XONG"]

    @property
    def delta_carried(self) -> int | None:
        return None if self.previous is None else self.carried_cases - self.previous["cases"]["CKS"]


def _rolled(unit_ids: Sequence[int], year: int, k: int) -> dict[int, tuple[list[int], list[int]]]:
    fields = {f: Sum(f) for f in COUNTER_FIELDS}
    rows = (StatCell.objects.filter(year=year, month__lte=k, unit_id__in=unit_ids).values("unit_id")
            .annotate(**fields))
    return {key[0]: v for key, v in _sums(rows, ("unit_id",)).items()}


def _add(into: tuple[list[int], list[int]], more: tuple[list[int], list[int]]) -> None:
    for j in range(WIDTH):
        into[0][j] += more[0][j]
        into[1][j] += more[1][j]


def _in_report(sums: tuple[list[int], list[int]]) -> bool:
    return sums[0][RAW.index("CU")] + sums[0][RAW.index("MOI")] > 0


def unit_figures(unit: Unit, unit_ids: Sequence[int], year: int, k: int) -> tuple[str, list[UnitFigures]]:
    """("units" or "officers", figures): the direct sub-units of ``unit`` (each rolled up over its subtree, plus
    ``unit``'s own cases as a line of its own) or, when ``unit`` has no sub-unit, its officers; only those with
    cases in the report; ``previous`` = the same k-month period of ``year − 1``."""
    units = {u.id: u for u in Unit.objects.filter(id__in=unit_ids)}
    children = sorted((u for u in units.values() if u.parent_id == unit.id), key=lambda u: u.code)
    out: list[UnitFigures] = []
    if children:
        now, before = _rolled(unit_ids, year, k), _rolled(unit_ids, year - 1, k)

        def rolled(sums, prefix: str | None, own: int | None):
            acc = ([0] * WIDTH, [0] * WIDTH)
            for uid, v in sums.items():
                u = units.get(uid)
                if u is not None and ((own is not None and uid == own) or
                                      (prefix is not None and u.path.startswith(prefix))):
                    _add(acc, v)
            return acc

        lines = [(u.code, u.name, u, u.path, None) for u in children]
        lines.append((unit.code, _("%(name)s (own cases)") % {"name": unit.name}, unit, None, unit.id))
        for code, name, u, prefix, own in lines:
            cur, prev = rolled(now, prefix, own), rolled(before, prefix, own)
            if _in_report(cur):
                out.append(UnitFigures(code, name, _finish(*cur), _finish(*prev) if _in_report(prev) else None,
                                       unit=u))
        return "units", out
    fields = {f: Sum(f) for f in COUNTER_FIELDS}
    sums = {}
    for y in (year, year - 1):
        rows = (StatOfficerCell.objects.filter(year=y, month__lte=k, unit_id__in=unit_ids).values("officer_id")
                .annotate(**fields))
        sums[y] = {key[0]: v for key, v in _sums(rows, ("officer_id",)).items()}
    officers = Officer.objects.in_bulk([i for i in sums[year] if i is not None])
    for oid, cur in sums[year].items():
        if not _in_report(cur):
            continue
        prev = sums[year - 1].get(oid)
        o = officers.get(oid)
        out.append(UnitFigures(o.code if o else "", o.name if o else _("Not assigned"), _finish(*cur),
                               _finish(*prev) if prev is not None and _in_report(prev) else None, officer=o))
    return "officers", out


def sort_by_rate(figures: list[UnitFigures]) -> list[UnitFigures]:
    """Highest case rate first (then money rate); figures without a rate last."""
    return sorted(figures, key=lambda f: (f.rate_cases is None, -float(f.rate_cases or 0),
                                          -float(f.rate_money or 0), f.key))


def side_by_side(kind: str, figures: list[UnitFigures], period: str) -> dict:
    figures = sort_by_rate(figures)
    labels = [f.key or f.name for f in figures]
    what = _("Sub-units") if kind == "units" else _("Enforcement officers")
    return {"kind": "bar", "by": kind, "title": _("%(what)s side by side: completion rates, %(period)s")
            % {"what": what, "period": period},
            "labels": labels, "names": [f.name for f in figures],
            "series": [{"label": _("in cases"), "data": [_num(f.rate_cases) for f in figures],
                        "color": COLORS["cases"], "kind": "bar"},
                       {"label": _("in money"), "data": [_num(f.rate_money) for f in figures],
                        "color": COLORS["money"], "kind": "bar"}],
            "y": {"min": 0, "max": 100, "suffix": " %", "label": _("completion rate (%)")}}


# ------------------------------------------------------------------------------------------------ days to completion


def _quantile(sorted_values: list[int], q: float) -> float:
    if not sorted_values:
        return 0.0
    pos = (len(sorted_values) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def completion_days(unit_ids: Sequence[int], today: date, years: int = 5) -> dict:
    """Per statistical year (the current one up to the month of ``today``): how many days the cases counted
    "thi hành xong" (cases XONG) in that year's report took from the decision to the completion, as shares of day
    ranges, with the median and quartiles."""
    last_year, last_k = last_month(today)
    labels, shares, medians, counts, table = [], [[] for _ in DAY_BUCKETS], [], [], []
    for year in range(last_year - years + 1, last_year + 1):
        k = 12 if year < last_year else last_k
        # From the spans (index (year, unit, k_first)) to each case's completion (index (case, seq)).
        completion = (CaseEvent.objects.filter(case_id=OuterRef("case_id"), kind="completed",
                                               on__gte=date(year - 1, 10, 1), on__lte=month_end(year, k))
                      .order_by("-seq").values("on")[:1])
        days = sorted((on - decided).days for on, decided in StatCaseSpan.objects.filter(
            year=year, unit_id__in=unit_ids, k_first__lte=k, k_last__gte=k, bucket=XONG)
            .annotate(completed_on=Subquery(completion)).values_list("completed_on", "case__decided_on")
            if on is not None and decided is not None)
        labels.append(str(year) if k == 12 else _("%(year)s (%(k)s months)") % {"year": year, "k": k})
        n = len(days)
        counts.append(n)
        for i, (lo, hi) in enumerate(DAY_BUCKETS):
            inside = sum(1 for d in days if d >= lo and (hi is None or d <= hi))
            shares[i].append(round(100 * inside / n, 1) if n else None)
        medians.append(statistics.median(days) if days else None)
        table.append({"year": year, "months": k, "count": n, "median": statistics.median(days) if days else None,
                      "p25": round(_quantile(days, .25)) if days else None,
                      "p75": round(_quantile(days, .75)) if days else None,
                      "p90": round(_quantile(days, .9)) if days else None})
    series = []
    for i, (lo, hi) in enumerate(DAY_BUCKETS):
        name = (_("%(lo)s–%(hi)s days") % {"lo": lo, "hi": hi}) if hi is not None else (
            _("over %(lo)s days") % {"lo": lo - 1})
        series.append({"label": name, "data": shares[i], "color": DAY_COLORS[i], "kind": "bar", "stack": "days"})
    series.append({"label": _("median (days, right axis)"), "data": medians, "color": "#1d2733", "kind": "line",
                   "axis": "y2"})
    return {"kind": "bar", "title": _("Days from the decision to completion, per statistical year"),
            "labels": labels, "series": series, "counts": counts, "table": table,
            "y": {"min": 0, "max": 100, "suffix": " %", "label": _("share of completed cases (%)"), "stacked": True},
            "y2": {"min": 0, "label": _("median days")},
            "note": _("Cases counted as completed (thi hành xong) in the year's report; days from the decision to "
                      "enforce to the completion.")}
