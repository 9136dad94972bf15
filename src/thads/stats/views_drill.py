"""The drill-down from a figure of the report to its cases: the page, sorted and paged, and its CSV/XLSX downloads
(the rows are ``thads.stats.drilldown.Drill``'s)."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thads.domain.drilldown import has_figure
from thads.org.spreadsheet import DATE, MONEY, NUMBER, Column, xlsx_response
from thads.org.spreadsheet import MAX_ROWS as XLSX_MAX_ROWS
from thads.stats.closing import active_closing
from thads.stats.drilldown import PAGE_SIZE, SORTS, Drill, Figure
from thads.stats.exports import CONTENT_TYPES
from thads.stats.meta import group_labels
from thads.stats.selection import (
    BY_CHOICES,
    RAW_LABELS,
    Selection,
    default_layout,
    format_figure,
    guard,
    report_for,
    selection,
    tabs,
)

# ------------------------------------------------------------------------------------------------- drill-down


def _figure_label(indicator: str) -> str:
    for r in default_layout().rows:
        if r.figure.keys == (indicator,):
            return r.label
    return indicator


@login_required
def cases_page(request: HttpRequest) -> HttpResponse:
    guard(request)
    sel = selection(request)
    indicator, measure = request.GET.get("ind", ""), request.GET.get("m", "cases")
    by, key = request.GET.get("by") or None, request.GET.get("key")
    if by is None:
        key = None
    elif key is None:
        by = None
    try:
        figure = Figure(indicator, measure, by, key)
    except ValueError:
        raise Http404 from None
    sort = request.GET.get("sort", "amount")
    sort = sort if sort in SORTS else "amount"
    drill = Drill(request.user, sel.unit, sel.date_from, sel.date_to, figure, sort)
    if request.GET.get("format") == "csv":
        return _cases_csv(sel, figure, drill)
    if request.GET.get("format") == "xlsx":
        return _cases_xlsx(sel, figure, drill)
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    page = drill.page(number)
    totals = drill.totals()
    report = report_for(request, sel, by=by)
    part = report["groups"].get(key) if by else report
    value = part[measure][indicator] if part is not None else (None if indicator == "RATE" else 0)
    closing = active_closing(sel.unit, *sel.official) if sel.official else None
    frozen = None
    if closing is not None and not by:
        frozen = closing.report[measure][indicator]
    listed = totals.rate(measure) if indicator == "RATE" else (totals.cases if measure == "cases" else totals.money)
    group_name = group_labels(by).get(key, key) if by else ""
    if by == "officer" and key == "":
        group_name = _("(no officer)")
    sel_no_by = Selection(sel.unit, sel.date_from, sel.date_to, sel.official)
    context = {
        "sel": sel, "figure": figure, "label": _figure_label(indicator), "page": page, "totals": totals,
        "value_text": format_figure(value, measure, indicator), "listed_text": format_figure(listed, measure, indicator),
        "matches": listed == value, "frozen_text": format_figure(frozen, measure, indicator) if frozen is not None else None,
        "closing": closing, "group_name": group_name, "by_label": dict(BY_CHOICES).get(by or "", ""),
        "rate": indicator == "RATE", "money_only": not has_figure(indicator, "cases"),
        "movements": indicator in ("XONG", "GIAM") and measure == "money",
        "raw_labels": RAW_LABELS, "page_size": PAGE_SIZE, "sort": sort,
        "report_url": sel_no_by.url("stats-report", by=by), "tabs": tabs(sel), "tab": "report",
        "other_measure_url": (sel.url("stats-cases", ind=indicator, m="money" if measure == "cases" else "cases",
                                      by=by, key=key, show=None)
                              if has_figure(indicator, "money" if measure == "cases" else "cases") else None),
        "csv_url": sel.url("stats-cases", ind=indicator, m=measure, by=by, key=key, sort=sort, format="csv",
                           show=None),
        "xlsx_url": sel.url("stats-cases", ind=indicator, m=measure, by=by, key=key, sort=sort, format="xlsx",
                            show=None),
        "sort_urls": {s: sel.url("stats-cases", ind=indicator, m=measure, by=by, key=key, sort=s, show=None)
                      for s in SORTS},
        "page_url": sel.url("stats-cases", ind=indicator, m=measure, by=by, key=key, sort=sort, show=None),
    }
    for row in page.rows:
        row.place_label = RAW_LABELS[row.place_key]
        row.bucket_label = RAW_LABELS[row.bucket_key]
    return render(request, "stats/cases.html", context)


def _drill_columns(figure: Figure) -> list[Column]:
    """The columns of the drill-down downloads (CSV and XLSX)."""
    columns = [
        Column(gettext_lazy("Case"), 14), Column(gettext_lazy("Decision number"), 20),
        Column(gettext_lazy("Decision date"), 13, DATE), Column(gettext_lazy("Debtor"), 30),
        Column(gettext_lazy("Unit at the period end"), 14), Column(gettext_lazy("Officer at the period end"), 24),
        Column(gettext_lazy("Initiation"), 12), Column(gettext_lazy("Judgment kind"), 12),
        Column(gettext_lazy("Place"), 10), Column(gettext_lazy("Base amount"), 16, MONEY),
        Column(gettext_lazy("Position at the period end"), 12), Column(gettext_lazy("Counted in cases"), 10, NUMBER),
        Column(gettext_lazy("Counted in money (VND)"), 16, MONEY),
    ]
    if figure.indicator == "RATE":
        columns += [Column(gettext_lazy("Completed part in cases"), 10, NUMBER),
                    Column(gettext_lazy("Completed part in money (VND)"), 16, MONEY)]
    return columns


def _drill_lines(figure: Figure, drill: Drill):
    """Every row of the drill-down, in its order, as the values of ``_drill_columns`` (case details read by 1000)."""
    rows = drill.all_rows()
    for start in range(0, len(rows), 1000):
        chunk = rows[start:start + 1000]
        drill._details(chunk)
        for r in chunk:
            c = r.case
            yield ([c.ext_id if c else r.case_id, c.decision_no if c else "", c.decided_on if c else None, r.debtor,
                    r.unit.code if r.unit else "", r.officer.name if r.officer else "",
                    c.initiation if c else "", c.judgment_kind if c else "", r.place_key, r.base, r.bucket_key,
                    r.cases, r.money] + ([r.done_cases, r.done_money] if figure.indicator == "RATE" else []))


def _drill_filename(sel: Selection, figure: Figure, ext: str) -> str:
    return f"cac-viec-{sel.unit.code}-{figure.indicator}-{figure.measure}-{sel.date_from}-{sel.date_to}.{ext}"


def _cases_csv(sel: Selection, figure: Figure, drill: Drill) -> HttpResponse:
    columns = _drill_columns(figure)
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow([str(c.title) for c in columns])

    def text(value) -> str:
        value = "" if value is None else str(value)
        return "'" + value if value[:1] in ("=", "+", "-", "@") else value

    quoted = (0, 1, 3, 5)  # text typed by people (case, decision, debtor, officer): never read as a formula
    for line in _drill_lines(figure, drill):
        line[2] = line[2].strftime("%d/%m/%Y") if line[2] else ""
        w.writerow([text(value) if i in quoted else value for i, value in enumerate(line)])
    response = HttpResponse(("\ufeff" + out.getvalue()).encode("utf-8"), content_type=CONTENT_TYPES["csv"])
    response["Content-Disposition"] = content_disposition_header(True, _drill_filename(sel, figure, "csv"))
    return response


def _cases_xlsx(sel: Selection, figure: Figure, drill: Drill) -> HttpResponse:
    """The drill-down as XLSX: the CSV's columns, dates as dates, amounts as numbers (``thads.org.spreadsheet``)."""
    return xlsx_response(_drill_lines(figure, drill), _drill_columns(figure), sheet=gettext_lazy("Cases"),
                         limit=XLSX_MAX_ROWS, filename=_drill_filename(sel, figure, "xlsx"))
