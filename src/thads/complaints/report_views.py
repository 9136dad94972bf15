"""The complaints report in the browser (issue 16): the report page of a unit and a period, its XLSX and PDF files
and the drill-down from each figure to the matters (or receptions) behind it, each with its case.

Who: ``Capability.VIEW_STATISTICS`` (heads, deputies, statisticians), like the statistics pages; where: the units the
user sees (``org.scope``): a unit outside them is not found (404). The period is chosen as on the statistics pages:
the cumulative months of a statistical year or any dates (:mod:`thads.org.period_form`). Page, files and lists
read the same service (:mod:`thads.complaints.report`), so the list of a figure has as many rows as the figure. A
list shows a matter's kind, number, unit, dates, status and due date at the period's end and its case — never a
denunciator's identity, a letter's signatories or the people received.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from thads.complaints import labels
from thads.complaints.report import complaints_report, drill_list
from thads.complaints.report_pdf import render_pdf
from thads.complaints.report_xlsx import (
    KIND_LABELS_VI,
    matter_columns,
    matter_values,
    reception_columns,
    reception_values,
    report_workbook,
)
from thads.domain import complaints_report as cr
from thads.domain.petitions import REPORTED_KINDS
from thads.org.capabilities import Capability, can
from thads.org.period_form import Selection, selection
from thads.org.spreadsheet import XLSX_TYPE, xlsx_response

PAGE_SIZE = 100
FILE_STEM = "khieu-nai-to-cao"

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
    response["Content-Disposition"] = content_disposition_header(True, sel.filename(FILE_STEM, "xlsx"))
    return response


@login_required
def report_pdf(request: HttpRequest) -> HttpResponse:
    guard(request)
    sel = selection(request)
    report = complaints_report(sel.unit, sel.date_from, sel.date_to, request.user)
    data = render_pdf(report, unit_name=sel.unit.name, period_label=sel.period_label, today=timezone.localdate())
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, sel.filename(FILE_STEM, "pdf"))
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
        return xlsx_response(rows, columns, filename=sel.filename(FILE_STEM, "xlsx", figure), sheet=figure)
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
