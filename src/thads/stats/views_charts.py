"""The charts page (monthly rates, units side by side, days to completion), one chart as SVG, and the province at a
glance (its units ranked, each figure linking to its cases)."""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Max, Min
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language

from thads.cases.models import Case, CaseEvent
from thads.domain.report import statistical_year_period
from thads.lib.numbers import group_thousands
from thads.org.models import Unit
from thads.org.scope import subtree_ids
from thads.stats import charts
from thads.stats.exports import rate_vn
from thads.stats.meta import period_label
from thads.stats.models import StatCell
from thads.stats.selection import (
    CHART_NAMES,
    Selection,
    format_figure,
    guard,
    selection,
    tabs,
)
from thads.stats.service import official_report
from thads.stats.svg import render_svg

# ------------------------------------------------------------------------------------------------- charts


def _chart_specs(request: HttpRequest, sel: Selection, names=CHART_NAMES) -> dict[str, dict]:
    today = timezone.localdate()
    ids = subtree_ids(sel.unit, request.user)
    specs: dict[str, dict] = {}
    if "rates-cases" in names or "rates-money" in names:
        rates = charts.monthly_rates(sel.unit, ids, today)
        specs["rates-cases"], specs["rates-money"] = rates["cases"], rates["money"]
    if "units" in names:
        year, k = sel.official
        kind, figures = charts.unit_figures(sel.unit, ids, year, k)
        specs["units"] = charts.side_by_side(kind, figures, sel.period_label)
    if "days" in names:
        # The slowest chart (one lookup per completed case); cached until the next act or import.
        stamp = (CaseEvent.objects.aggregate(m=Max("id"))["m"], Case.objects.aggregate(m=Max("id"))["m"])
        key = "thads-days:" + hashlib.sha1(repr((sorted(ids), today, stamp, get_language())).encode()).hexdigest()
        specs["days"] = cache.get(key)
        if specs["days"] is None:
            specs["days"] = charts.completion_days(ids, today)
            cache.set(key, specs["days"], 3600)
    return {n: specs[n] for n in names}


@login_required
def charts_page(request: HttpRequest) -> HttpResponse:
    guard(request)
    sel = selection(request, official_only=True)
    specs = _chart_specs(request, sel)
    items = [{"name": n, "spec": specs[n], "svg_url": sel.url("stats-chart-svg", n, by=None, show=None)}
             for n in CHART_NAMES]
    return render(request, "stats/charts.html", {
        "sel": sel, "form": sel.form, "charts": items, "specs": specs, "days_table": specs["days"]["table"],
        "tabs": tabs(sel), "tab": "charts", "month_link": _report_link(sel.unit),
        "units_link": _report_link(None, sel.official) if specs["units"].get("by") == "units" else None,
    })


def _report_link(unit: Unit | None, period: tuple[int, int] | None = None) -> str:
    """A report URL for the charts' click-through: ``__KEY__`` stands for the unit code; the month is appended."""
    params = {"unit": unit.code if unit is not None else "__KEY__", "mode": "official"}
    if period is not None:
        params.update(year=str(period[0]), months=str(period[1]))
    return reverse("stats-report") + "?" + urlencode(params)


@login_required
def chart_svg(request: HttpRequest, name: str) -> HttpResponse:
    guard(request)
    if name not in CHART_NAMES:
        raise Http404
    sel = selection(request, official_only=True)
    spec = _chart_specs(request, sel, (name,))[name]
    response = HttpResponse(render_svg(spec), content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"bieu-do-{name}-{sel.unit.code}.svg")
    return response


# ------------------------------------------------------------------------------------------------- at a glance


def _first_year() -> int:
    return StatCell.objects.aggregate(m=Min("year"))["m"] or 0


def _millions(amount: int | None) -> str:
    if amount is None:
        return "—"
    n = (2 * abs(amount) + 1_000_000) // 2_000_000
    return group_thousands(-n if amount < 0 else n)


def _signed(value, text: str) -> dict:
    if value is None:
        return {"text": "—", "sign": 0}
    return {"text": ("+" if value > 0 else "") + text, "sign": (value > 0) - (value < 0)}


def _glance_line(sel: Selection, rank, f: charts.UnitFigures, link: str | None, scope: str) -> dict:
    """One line of the glance; every figure links to its cases: ``scope`` is ``total`` (the unit), ``subtree`` (a
    sub-unit and everything below it), ``own`` (the unit's own cases) or ``officer``."""
    if scope == "subtree":
        base, group = Selection(f.unit, sel.date_from, sel.date_to, sel.official), {}
    elif scope == "own":
        base, group = sel, {"by": "unit", "key": sel.unit.code}
    elif scope == "officer":
        base, group = sel, {"by": "officer", "key": f.officer.code if f.officer is not None else ""}
    else:
        base, group = sel, {}

    def url(indicator: str, measure: str) -> str:
        return base.url("stats-cases", ind=indicator, m=measure, show=None, **group)

    return {
        "rank": rank, "f": f, "link": link,
        "rate_cases": format_figure(f.rate_cases, "cases", "RATE"), "rate_money": format_figure(f.rate_money, "money", "RATE"),
        "d_cases": _signed(f.delta_cases, rate_vn(f"{f.delta_cases:.2f}") if f.delta_cases is not None else ""),
        "d_money": _signed(f.delta_money, rate_vn(f"{f.delta_money:.2f}") if f.delta_money is not None else ""),
        "recovered": _millions(f.recovered),
        "d_recovered": _signed(f.delta_recovered, _millions(f.delta_recovered)),
        "carried": format_figure(f.carried_cases, "cases", "CKS"),
        "d_carried": _signed(f.delta_carried, format_figure(f.delta_carried, "cases", "CKS")
                             if f.delta_carried is not None else ""),
        "carried_money": _millions(f.carried_money),
        "urls": {"rate_cases": url("RATE", "cases"), "rate_money": url("RATE", "money"),
                 "recovered": url("XONG", "money"), "carried": url("CKS", "cases"),
                 "carried_money": url("CKS", "money")},
    }


@login_required
def glance_page(request: HttpRequest) -> HttpResponse:
    guard(request)
    sel = selection(request, official_only=True)
    year, k = sel.official
    ids = subtree_ids(sel.unit, request.user)
    kind, figures = charts.unit_figures(sel.unit, ids, year, k)
    figures = charts.sort_by_rate(figures)
    previous_report = official_report(sel.unit, year - 1, k) if year - 1 >= _first_year() else None
    total = charts.UnitFigures(sel.unit.code, sel.unit.name, official_report(sel.unit, year, k), previous_report,
                               unit=sel.unit)
    lines = [_glance_line(sel, "", total, None, "total")]
    for rank, f in enumerate(figures, start=1):
        if f.officer is not None or f.unit is None:
            scope, link = "officer", None
        elif f.unit.pk == sel.unit.pk:
            scope, link = "own", None
        else:
            scope = "subtree"
            link = Selection(f.unit, sel.date_from, sel.date_to, sel.official).url("stats-glance")
        lines.append(_glance_line(sel, rank, f, link, scope))
    spec = charts.side_by_side(kind, figures, sel.period_label)
    previous = statistical_year_period(year - 1, k)
    return render(request, "stats/glance.html", {
        "sel": sel, "form": sel.form, "lines": lines, "kind": kind, "spec": spec, "specs": {"units": spec},
        "svg_url": sel.url("stats-chart-svg", "units", by=None, show=None),
        "units_link": _report_link(None, sel.official) if kind == "units" else None,
        "previous_label": period_label(*previous), "tabs": tabs(sel), "tab": "glance",
    })
