"""Live progress against the targets and the rankings (issue 17): thin pages over
:func:`thads.emulation.progress.progress` and :func:`thads.emulation.rankings.rankings`, for who sees the
statistics (heads, deputies, statisticians), over the units of their scope. The ranking downloads as XLSX with the
page's own selection.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thads.emulation.forms_filters import PeriodFilter
from thads.emulation.views_common import current_period, guard_progress, home_unit
from thads.org.models import Unit
from thads.org.scope import visible_units
from thads.org.spreadsheet import MONEY, NUMBER, TEXT, Column, xlsx_response

METRIC_LABELS = {
    "cases_rate": gettext_lazy("Rate in cases (%)"), "money_rate": gettext_lazy("Rate in money (%)"),
    "completed": gettext_lazy("Cases completed"), "recovered": gettext_lazy("Money recovered (VND)"),
    "overdue": gettext_lazy("Deadlines overdue now"), "complaints_upheld": gettext_lazy("Complaints upheld"),
    "workload": gettext_lazy("Workload (cases to enforce)"),
}
MONEY_METRICS = frozenset({"recovered"})
RATE_METRICS = frozenset({"cases_rate", "money_rate"})


@dataclass
class Period:
    unit: Unit
    year: int
    months: int
    by: str
    form: PeriodFilter

    def query(self, **extra) -> str:
        from urllib.parse import urlencode

        params = {"unit": self.unit.code, "year": self.year, "months": self.months, "by": self.by, **extra}
        return "?" + urlencode(params)


def period_of(request: HttpRequest, *, with_months: bool = True, with_by: bool = True) -> Period:
    """The unit and period of the page's query string; unknown or invalid values fall back to the user's unit and
    the current period (a unit outside the scope is not among the choices)."""
    user = request.user
    units = list(visible_units(user).order_by("path"))
    start = home_unit(user)
    if not units or start is None:
        raise PermissionDenied(_("No unit to report on."))
    year, months = current_period()
    form = PeriodFilter(request.GET or None, units=units, with_months=with_months, with_by=with_by,
                        initial={"unit": start.code, "year": year, "months": months, "by": "unit"})
    values = form.values({"unit": start.code, "year": year, "months": months, "by": "unit"})
    unit = form.units.get(values["unit"], start)
    return Period(unit, values["year"], values.get("months") or months, values.get("by") or "unit", form)


def _bar(rate: str | None, target: str | None, projection: str | None) -> dict | None:
    """The inline chart of one line: the actual rate (bar), the projection (light bar) and the target (mark), in
    pixels of a 120-pixel track."""
    def px(value):
        try:
            return max(0, min(120, round(float(value) * 1.2)))
        except (TypeError, ValueError):
            return None
    if rate is None and projection is None:
        return None
    return {"actual": px(rate) or 0, "projection": px(projection) or 0, "target": px(target)}


def progress_rows(data: dict, first: str = "") -> list[dict]:
    """The progress lines of :func:`thads.emulation.progress.progress`, by code, for the template: ``first`` (the
    selected unit) on top, then those behind pace, then by code."""
    rows = []
    for code, line in data.items():
        target, actual, proj = line.get("target") or {}, line.get("actual") or {}, line.get("projection") or {}
        rows.append({"code": code, **line,
                     "no_base": not (line.get("base") or {}).get("cases"),
                     "bar_cases": _bar(actual.get("cases"), target.get("cases"), proj.get("cases")),
                     "bar_money": _bar(actual.get("money"), target.get("money"), proj.get("money"))})
    rows.sort(key=lambda r: (r["code"] != first, not r.get("behind"), r["code"]))
    return rows


@login_required
def progress_page(request: HttpRequest) -> HttpResponse:
    from thads.emulation import progress

    guard_progress(request.user)
    sel = period_of(request, with_months=False)
    error = ""
    try:
        rows = progress_rows(progress.progress(sel.unit, sel.year, by=sel.by), sel.unit.code)
    except ValueError:  # a statistical year that has not started
        rows, error = [], _("This statistical year has not started: no figures yet.")
    year, months = current_period()
    return render(request, "emulation/progress.html", {
        "sel": sel, "rows": rows, "error": error, "tab": "progress", "behind": sum(1 for r in rows if r.get("behind")),
        "current": sel.year == year, "months_now": months if sel.year == year else 12,
        "today": timezone.localdate()})


def ranking_lines(sel: Period) -> tuple[list[dict], list[dict], dict]:
    """(ranked, not ranked, weights) of the selection."""
    from thads.emulation import rankings

    lines = rankings.rankings(sel.unit, sel.year, sel.months, by=sel.by)
    ranked = [line for line in lines if line.get("rank") is not None]
    others = [line for line in lines if line.get("rank") is None]
    return ranked, others, rankings.weights()


@login_required
def rankings_page(request: HttpRequest) -> HttpResponse:
    guard_progress(request.user)
    sel = period_of(request)
    try:
        ranked, others, weights = ranking_lines(sel)
        error = ""
    except ValueError:  # a period that has not started
        from thads.emulation import rankings

        ranked, others, weights = [], [], rankings.weights()
        error = _("This period has not started: no figures yet.")
    metrics = [{"key": k, "label": METRIC_LABELS[k], "weight": weights.get(k, 0),
                "money": k in MONEY_METRICS, "rate": k in RATE_METRICS} for k in METRIC_LABELS]
    for line in ranked + others:
        line["cells"] = [{"value": (line.get("metrics") or {}).get(m["key"]), "money": m["money"], "rate": m["rate"],
                          "points": (line.get("components") or {}).get(m["key"])} for m in metrics]
    return render(request, "emulation/rankings.html", {
        "sel": sel, "ranked": ranked, "others": others, "metrics": metrics, "tab": "rankings", "error": error,
        "weights_total": sum(weights.values())})


def _number(value) -> Decimal | None:
    """A score or rate ("84.52", Decimal or None) as a Decimal for a number cell; empty when there is none."""
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@login_required
def rankings_xlsx(request: HttpRequest) -> HttpResponse:
    guard_progress(request.user)
    sel = period_of(request)
    try:
        ranked, others, _w = ranking_lines(sel)
    except ValueError:  # a period that has not started: the page says so (as it does itself), no 500
        messages.error(request, _("This period has not started: no figures yet."))
        return redirect(reverse("emulation-rankings") + sel.query())
    columns = [Column(gettext_lazy("Rank"), 8, NUMBER), Column(gettext_lazy("Code"), 14, TEXT),
               Column(gettext_lazy("Name"), 36, TEXT), Column(gettext_lazy("Score"), 10, NUMBER),
               Column(gettext_lazy("Cases with conditions"), 12, NUMBER),
               *[Column(label, 16, MONEY if k in MONEY_METRICS else NUMBER) for k, label in METRIC_LABELS.items()],
               Column(gettext_lazy("Not ranked because"), 40, TEXT)]

    def rows():  # scores and rates as numbers (not "84.52" text in a Vietnamese sheet), money grouped
        for line in ranked + others:
            m = line.get("metrics") or {}
            yield [line.get("rank"), line["key"], line["label"], _number(line.get("score")), line.get("caseload"),
                   *[_number(m.get(k)) if k in RATE_METRICS else m.get(k) for k in METRIC_LABELS],
                   line.get("reason") or ""]

    name = f"xep-hang-{sel.unit.code}-{sel.year}-{sel.months:02d}-{sel.by}.xlsx"
    return xlsx_response(rows(), columns, filename=name, sheet=_("Rankings"))
