"""The statistics of coercion in the browser (issue 15): the report page of a unit and a period, its XLSX file and
the drill-down from each figure to the rows behind it (measures' acts, coercion plans, auction sessions, disposals,
costs), each with its case.

Who: ``Capability.VIEW_STATISTICS`` (heads, deputies, statisticians), like the statistics pages; where: the units the
user sees (``org.scope``): a unit outside them is not found (404). The period is chosen as on the statistics pages:
the cumulative months of a statistical year or any dates. Page, file and list read the same service
(:mod:`thads.assets.report`), so the list of a figure adds up to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from thads.assets.report import drill_list, measures_report
from thads.assets.report_xlsx import drill_columns, drill_values, period_label_vi, report_workbook
from thads.domain import measures_report as mr
from thads.domain.contrib import month_end, month_of, statistical_year_of
from thads.domain.measures import MEASURE_LABELS_VI, REPORTED_MEASURES
from thads.domain.report import statistical_year_period
from thads.org.capabilities import Capability, can
from thads.org.models import Unit
from thads.org.scope import Action, allowed, visible_units
from thads.org.spreadsheet import XLSX_TYPE, xlsx_response

PAGE_SIZE = 100
YEARS_SHOWN = 10

COUNT_LABELS = {"decided": pgettext_lazy("measures report", "decided"),
                "executed": pgettext_lazy("measures report", "executed"),
                "released": pgettext_lazy("measures report", "released or cancelled")}
OTHER_LABELS = {
    "coercion_operations": gettext_lazy("Coercion operations carried out (Art. 72)"),
    "auctions.sessions": gettext_lazy("Auction sessions held"),
    "auctions.sold": gettext_lazy("of which sold"),
    "auctions.unsold": gettext_lazy("of which unsold"),
    "auctions.taken_by_creditor": gettext_lazy("Assets taken by the creditor (Art. 104)"),
    "auctions.proceeds": gettext_lazy("Sale prices of the sessions sold (VND)"),
    "coercion_costs": gettext_lazy("Coercion costs charged to the debtor (VND, Art. 73)"),
}
_SUB = frozenset({"auctions.sold", "auctions.unsold"})


def figure_label(figure: str) -> str:
    if figure.startswith("measures."):
        _m, kind, count = figure.split(".")
        return f"{MEASURE_LABELS_VI[kind]} — {COUNT_LABELS[count]}"
    return str(OTHER_LABELS[figure])


def guard(request: HttpRequest) -> None:
    if not can(request.user, Capability.VIEW_STATISTICS):
        raise PermissionDenied(_("The statistics are for statisticians and the heads of units."))


# ------------------------------------------------------------------------------------------------- selection


class PeriodForm(forms.Form):
    """The unit and the period (the field names of the statistics pages' form: ``stats/_selection.html``)."""

    unit = forms.ChoiceField(label=gettext_lazy("Unit"))
    mode = forms.ChoiceField(label=gettext_lazy("Period"), widget=forms.RadioSelect,
                             choices=[("official", gettext_lazy("Months of a statistical year")),
                                      ("range", gettext_lazy("Any dates"))])
    year = forms.TypedChoiceField(label=gettext_lazy("Statistical year"), coerce=int, required=False)
    months = forms.TypedChoiceField(label=gettext_lazy("Cumulative months from 1 October"), coerce=int,
                                    required=False)
    date_from = forms.DateField(label=gettext_lazy("From"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    date_to = forms.DateField(label=gettext_lazy("To"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, data, *, units, years, initial) -> None:
        super().__init__(data, initial=initial)
        self.units = {u.code: u for u in units}
        indent = "\u2003"
        self.fields["unit"].choices = [(u.code, f"{indent * (u.path.count('/') - 2)}{u.name} ({u.code})")
                                       for u in units]
        self.fields["year"].choices = [(y, _("%(year)s (01/10/%(start)s – 30/09/%(year)s)")
                                        % {"year": y, "start": y - 1}) for y in reversed(years)]
        self.fields["months"].choices = [(k, _("%(k)s months (%(first)s – %(month)s)")
                                          % {"k": k, "first": MONTHS[10], "month": MONTHS[month_end(2000, k).month]})
                                         for k in range(1, 13)]

    def clean(self):
        data = super().clean()
        if data.get("mode") == "range":
            d_from, d_to = data.get("date_from"), data.get("date_to")
            if d_from is None or d_to is None:
                raise forms.ValidationError(_("Give both dates of the range."))
            if d_from > d_to:
                raise forms.ValidationError(_("The range ends before it starts."))
        elif data.get("year") in (None, "") or data.get("months") in (None, ""):
            raise forms.ValidationError(_("Choose the statistical year and the months."))
        return data


@dataclass
class Selection:
    unit: Unit
    date_from: date
    date_to: date
    official: tuple[int, int] | None
    form: PeriodForm | None = field(default=None, repr=False)

    def params(self, **extra) -> dict[str, str]:
        p: dict[str, str] = {"unit": self.unit.code}
        if self.official:
            p.update(mode="official", year=str(self.official[0]), months=str(self.official[1]))
        else:
            p.update(mode="range", date_from=self.date_from.isoformat(), date_to=self.date_to.isoformat())
        p.update({k: str(v) for k, v in extra.items() if v is not None})
        return p

    def url(self, name: str, **extra) -> str:
        return reverse(name) + "?" + urlencode(self.params(**extra))

    @property
    def period_label(self) -> str:
        return period_label_vi(self.date_from, self.date_to, self.official)


def default_period(today: date) -> tuple[int, int]:
    """The cumulative period ending with the last complete month."""
    d = today.replace(day=1) - timedelta(days=1)
    return statistical_year_of(d), month_of(d)


def selection(request: HttpRequest) -> Selection:
    """The unit and period asked for (a unit outside the user's scope: 404), or the default: the user's unit and
    the cumulative months up to the last complete month."""
    user = request.user
    units = list(visible_units(user).order_by("path"))
    if not units:
        raise PermissionDenied(_("No unit to report on."))
    today = timezone.localdate()
    last = statistical_year_of(today)
    year, k = default_period(today)
    home = user.unit if user.unit is not None and any(u.pk == user.unit_id for u in units) else units[0]
    code = request.GET.get("unit")
    data = request.GET if code else None
    form = PeriodForm(data, units=units, years=list(range(last - YEARS_SHOWN + 1, last + 1)),
                      initial={"unit": home.code, "mode": "official", "year": year, "months": k})
    if code and code not in form.units:
        raise Http404
    if data is None or not form.is_valid():
        unit = form.units.get(code or "", home)
        return Selection(unit, *statistical_year_period(year, k), (year, k), form=form)
    c = form.cleaned_data
    unit = form.units[c["unit"]]
    if not allowed(user, Action.VIEW, unit):
        raise Http404
    if c["mode"] == "range":
        return Selection(unit, c["date_from"], c["date_to"], None, form=form)
    return Selection(unit, *statistical_year_period(c["year"], c["months"]), (c["year"], c["months"]), form=form)


# ------------------------------------------------------------------------------------------------- pages


def _cell(sel: Selection, report: dict, figure: str) -> dict:
    value = mr.figure_value(report, figure)
    return {"value": value, "money": figure in mr.MONEY_FIGURES, "url": sel.url("assets-report-list", fig=figure)}


@login_required
def report_page(request: HttpRequest) -> HttpResponse:
    guard(request)
    sel = selection(request)
    report = measures_report(sel.unit, sel.date_from, sel.date_to, request.user)
    measures = [{"label": MEASURE_LABELS_VI[kind], "code": kind.value,
                 "cells": [_cell(sel, report, f"measures.{kind.value}.{c}") for c in mr.MEASURE_COUNTS]}
                for kind in REPORTED_MEASURES]
    others = [{"label": OTHER_LABELS[f], "sub": f in _SUB, **_cell(sel, report, f)} for f in OTHER_LABELS]
    context = {"sel": sel, "form": sel.form, "report": report, "measures": measures, "others": others,
               "count_labels": [COUNT_LABELS[c] for c in mr.MEASURE_COUNTS],
               "xlsx_url": sel.url("assets-report-xlsx")}
    return render(request, "assets/report.html", context)


@login_required
def report_xlsx(request: HttpRequest) -> HttpResponse:
    guard(request)
    sel = selection(request)
    report = measures_report(sel.unit, sel.date_from, sel.date_to, request.user)
    data = report_workbook(report, unit_name=sel.unit.name, period_label=sel.period_label)
    response = HttpResponse(data, content_type=XLSX_TYPE)
    name = f"bien-phap-{sel.unit.code}-{sel.date_from:%Y%m%d}-{sel.date_to:%Y%m%d}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    """The rows behind one figure (``?fig=`` a figure of the report; without one, or an unknown one: 404)."""
    guard(request)
    sel = selection(request)
    figure = request.GET.get("fig", "")
    if figure not in mr.FIGURES:
        raise Http404
    drill = drill_list(sel.unit, sel.date_from, sel.date_to, figure, request.user)
    money = figure in mr.MONEY_FIGURES
    if request.GET.get("format") == "xlsx":
        name = f"bien-phap-{sel.unit.code}-{figure.replace('.', '-')}-{sel.date_from:%Y%m%d}-{sel.date_to:%Y%m%d}.xlsx"
        return xlsx_response((drill_values(r) for r in drill.rows()), drill_columns(money), filename=name,
                             sheet=figure)
    page = Paginator(drill.items, PAGE_SIZE).get_page(request.GET.get("page"))
    value = mr.figure_value(measures_report(sel.unit, sel.date_from, sel.date_to, request.user), figure)
    context = {"sel": sel, "figure": figure, "label": figure_label(figure), "money": money, "page": page,
               "rows": drill.rows(list(page.object_list)), "count": drill.count, "total": drill.total,
               "value": value, "matches": drill.total == value, "report_url": sel.url("assets-report"),
               "xlsx_url": sel.url("assets-report-list", fig=figure, format="xlsx"),
               "page_url": sel.url("assets-report-list", fig=figure)}
    return render(request, "assets/report_list.html", context)
