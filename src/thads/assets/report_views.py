"""The statistics of coercion in the browser (issue 15): the report page of a unit and a period, its XLSX file and
the drill-down from each figure to the rows behind it (measures' acts, coercion plans, auction sessions, disposals,
costs), each with its case.

Who: ``Capability.VIEW_STATISTICS`` (heads, deputies, statisticians), like the statistics pages; where: the units the
user sees (``org.scope``): a unit outside them is not found (404). The period is chosen as on the statistics pages:
the cumulative months of a statistical year or any dates (:mod:`thads.org.period_form`). Page, file and list read
the same service (:mod:`thads.assets.report`), so the list of a figure adds up to it.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from thads.assets.report import drill_list, measures_report
from thads.assets.report_xlsx import drill_columns, drill_values, report_workbook
from thads.domain import measures_report as mr
from thads.domain.measures import MEASURE_LABELS_VI, REPORTED_MEASURES
from thads.org.capabilities import Capability, can
from thads.org.period_form import Selection, selection
from thads.org.spreadsheet import XLSX_TYPE, xlsx_response

PAGE_SIZE = 100
FILE_STEM = "bien-phap"

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
    response["Content-Disposition"] = content_disposition_header(True, sel.filename(FILE_STEM, "xlsx"))
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
        return xlsx_response((drill_values(r) for r in drill.rows()), drill_columns(money),
                             filename=sel.filename(FILE_STEM, "xlsx", figure), sheet=figure)
    page = Paginator(drill.items, PAGE_SIZE).get_page(request.GET.get("page"))
    value = mr.figure_value(measures_report(sel.unit, sel.date_from, sel.date_to, request.user), figure)
    context = {"sel": sel, "figure": figure, "label": figure_label(figure), "money": money, "page": page,
               "rows": drill.rows(list(page.object_list)), "count": drill.count, "total": drill.total,
               "value": value, "matches": drill.total == value, "report_url": sel.url("assets-report"),
               "xlsx_url": sel.url("assets-report-list", fig=figure, format="xlsx"),
               "page_url": sel.url("assets-report-list", fig=figure)}
    return render(request, "assets/report_list.html", context)
