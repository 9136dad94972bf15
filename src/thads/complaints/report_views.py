"""The complaints report in the browser (issue 16): the report page of a unit and a period, its XLSX and PDF files
and the drill-down from each figure to the matters (or receptions) behind it, each with its case.

Who: ``Capability.VIEW_STATISTICS`` (heads, deputies, statisticians), like the statistics pages; where: the units the
user sees (``org.scope``): a unit outside them is not found (404). The period is chosen as on the statistics pages:
the cumulative months of a statistical year or any dates. Page, files and lists read the same service
(:mod:`thads.complaints.report`), so the list of a figure has as many rows as the figure. A list shows a matter's
kind, number, unit, dates, status and due date at the period's end and its case — never a denunciator's identity,
a letter's signatories or the people received.
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

from thads.complaints import labels
from thads.complaints.report import complaints_report, drill_list
from thads.complaints.report_pdf import render_pdf
from thads.complaints.report_xlsx import (
    KIND_LABELS_VI,
    matter_columns,
    matter_values,
    period_label_vi,
    reception_columns,
    reception_values,
    report_workbook,
)
from thads.domain import complaints_report as cr
from thads.domain.contrib import month_end, month_of, statistical_year_of
from thads.domain.petitions import REPORTED_KINDS
from thads.domain.report import statistical_year_period
from thads.org.capabilities import Capability, can
from thads.org.models import Unit
from thads.org.scope import Action, allowed, visible_units
from thads.org.spreadsheet import XLSX_TYPE, xlsx_response

PAGE_SIZE = 100
YEARS_SHOWN = 10

COUNT_LABELS = {
    "received": pgettext_lazy("complaints report", "To resolve (carried over and new)"),
    "accepted": pgettext_lazy("complaints report", "Accepted"),
    "within_competence": pgettext_lazy("complaints report", "Within competence"),
    "resolved": pgettext_lazy("complaints report", "Resolved"),
    "resolved_on_time": pgettext_lazy("complaints report", "of which on time"),
    "withdrawn": pgettext_lazy("complaints report", "Withdrawn"),
    "outstanding": pgettext_lazy("complaints report", "Being resolved at the end"),
    "overdue": pgettext_lazy("complaints report", "of which overdue"),
}
OUTCOME_LABELS = {"right": pgettext_lazy("complaints report", "Right"),
                  "wrong": pgettext_lazy("complaints report", "Wrong"),
                  "partly_right": pgettext_lazy("complaints report", "Partly right")}
RECEPTIONS_LABEL = pgettext_lazy("complaints report", "Receptions of citizens")
SHARE_LABEL = pgettext_lazy("complaints report", "Resolved / accepted")


def figure_label(figure: str) -> str:
    if figure == cr.RECEPTIONS:
        return str(RECEPTIONS_LABEL)
    _k, kind, *rest = figure.split(".")
    what = OUTCOME_LABELS[rest[1]] if rest[0] == "outcomes" else COUNT_LABELS[rest[0]]
    return f"{KIND_LABELS_VI[kind]} — {what}"


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

    def filename(self, ext: str, figure: str = "") -> str:
        fig = f"-{figure.replace('.', '-')}" if figure else ""
        return f"khieu-nai-to-cao-{self.unit.code}{fig}-{self.date_from:%Y%m%d}-{self.date_to:%Y%m%d}.{ext}"


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


def _cells(sel: Selection, report: dict, kind: str) -> list[dict]:
    names = [*cr.COUNTS, *(f"outcomes.{o}" for o in cr.OUTCOMES)]
    return [{"value": cr.figure_value(report, f"kinds.{kind}.{n}"), "figure": f"kinds.{kind}.{n}",
             "url": sel.url("complaints-report-list", fig=f"kinds.{kind}.{n}")} for n in names]


@login_required
def report_page(request: HttpRequest) -> HttpResponse:
    guard(request)
    sel = selection(request)
    report = complaints_report(sel.unit, sel.date_from, sel.date_to, request.user)
    kinds = [{"code": k, "label": KIND_LABELS_VI[k], "cells": _cells(sel, report, k),
              "share": report["kinds"][k]["resolved_share"]} for k in REPORTED_KINDS]
    headings = [*(COUNT_LABELS[c] for c in cr.COUNTS), *(OUTCOME_LABELS[o] for o in cr.OUTCOMES)]
    context = {"sel": sel, "form": sel.form, "report": report, "kinds": kinds, "headings": headings,
               "n_counts": len(cr.COUNTS), "n_outcomes": len(cr.OUTCOMES), "share_label": SHARE_LABEL,
               "receptions_label": RECEPTIONS_LABEL,
               "receptions_url": sel.url("complaints-report-list", fig=cr.RECEPTIONS),
               "xlsx_url": sel.url("complaints-report-xlsx"), "pdf_url": sel.url("complaints-report-pdf")}
    return render(request, "complaints/report.html", context)


@login_required
def report_xlsx(request: HttpRequest) -> HttpResponse:
    guard(request)
    sel = selection(request)
    report = complaints_report(sel.unit, sel.date_from, sel.date_to, request.user)
    data = report_workbook(report, unit_name=sel.unit.name, period_label=sel.period_label)
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, sel.filename("xlsx"))
    return response


@login_required
def report_pdf(request: HttpRequest) -> HttpResponse:
    guard(request)
    sel = selection(request)
    report = complaints_report(sel.unit, sel.date_from, sel.date_to, request.user)
    data = render_pdf(report, unit_name=sel.unit.name, period_label=sel.period_label, today=timezone.localdate())
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, sel.filename("pdf"))
    return response


def _status(value: str) -> str:
    return labels.label(labels.STATUS, value)


def _outcome(value: str) -> str:
    return labels.label(labels.RECEPTION_OUTCOME, value)


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    """The rows behind one figure (``?fig=`` a figure of the report; without one, or an unknown one: 404)."""
    guard(request)
    sel = selection(request)
    figure = request.GET.get("fig", "")
    if figure not in cr.FIGURES:
        raise Http404
    drill = drill_list(sel.unit, sel.date_from, sel.date_to, figure, request.user)
    if request.GET.get("format") == "xlsx":
        if drill.is_receptions:
            rows = (reception_values(r, _outcome) for r in drill.rows())
            columns = reception_columns()
        else:
            rows = (matter_values(r, labels.kind_label, _status) for r in drill.rows())
            columns = matter_columns()
        return xlsx_response(rows, columns, filename=sel.filename("xlsx", figure), sheet=figure)
    page = Paginator(drill.ids, PAGE_SIZE).get_page(request.GET.get("page"))
    value = cr.figure_value(complaints_report(sel.unit, sel.date_from, sel.date_to, request.user), figure)
    rows = drill.rows(list(page.object_list))
    for r in rows:
        if drill.is_receptions:
            r.outcome_label = _outcome(r.outcome)
        else:
            r.kind_label, r.status_label = labels.kind_label(r.kind), _status(r.status)
    context = {"sel": sel, "figure": figure, "label": figure_label(figure), "page": page, "rows": rows,
               "receptions": drill.is_receptions, "count": drill.count, "value": value,
               "matches": drill.count == value, "report_url": sel.url("complaints-report"),
               "xlsx_url": sel.url("complaints-report-list", fig=figure, format="xlsx"),
               "page_url": sel.url("complaints-report-list", fig=figure)}
    return render(request, "complaints/report_list.html", context)
