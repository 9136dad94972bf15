"""The statistics report page and its files (XLSX, CSV, PDF…; a long range over a big unit becomes a job)."""

from __future__ import annotations

from datetime import date, datetime

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from thads.cases.models import Case
from thads.domain.report import CASE_KEYS, MONEY_KEYS
from thads.stats.closing import active_closing
from thads.stats.closing import adjustments as closing_adjustments
from thads.stats.exports import CONTENT_TYPES, EVENT_KIND_LABELS, FORMATS, filename
from thads.stats.exports import render as render_report
from thads.stats.layouts import layout_names
from thads.stats.meta import group_labels, report_meta
from thads.stats.selection import (
    BY_CHOICES,
    Selection,
    default_layout,
    format_figure,
    guard,
    report_for,
    selection,
    tabs,
)

# ------------------------------------------------------------------------------------------------- report page


def _indicator_rows(sel: Selection, shown: dict, live: dict | None) -> list[dict]:
    rows = []
    for r in default_layout().rows:
        keys = r.figure.keys
        cells = []
        for measure in ("cases", "money"):
            if not r.figure.has(measure):
                cells.append(None)
                continue
            allowed_keys = CASE_KEYS if measure == "cases" else MONEY_KEYS
            if r.figure.is_rate:
                value = shown[measure]["RATE"]
                live_value = live[measure]["RATE"] if live else value
            else:
                value = sum(int(shown[measure][k]) for k in keys if k in allowed_keys)
                live_value = sum(int(live[measure][k]) for k in keys if k in allowed_keys) if live else value
            single = len(keys) == 1
            cells.append({"text": format_figure(value, measure, keys[0]), "value": value,
                          "url": sel.url("stats-cases", ind=keys[0], m=measure, by=None, show=None)
                          if single else None,
                          "live": format_figure(live_value, measure, keys[0]) if live_value != value else None})
        rows.append({"number": r.number, "label": r.label, "level": r.level, "bold": r.bold, "code": r.figure.code,
                     "cases": cells[0], "money": cells[1]})
    return rows


def _group_table(sel: Selection, report: dict) -> dict:
    measure = sel.show
    keys = [k for k in (CASE_KEYS if measure == "cases" else MONEY_KEYS)]
    labels = {r.figure.keys[0]: r.label for r in default_layout().rows if len(r.figure.keys) == 1}
    names = group_labels(sel.by)
    fallback = _("(no officer)") if sel.by == "officer" else ""

    def line(name: str, figures: dict, key: str | None) -> dict:
        return {"name": name, "key": key, "cells": [
            {"text": format_figure(figures[measure][k], measure, k),
             "url": sel.url("stats-cases", ind=k, m=measure, by=sel.by if key is not None else None, key=key,
                            show=None)} for k in keys]}

    lines = [line(_("Total"), report, None)]
    for key, figures in report.get("groups", {}).items():
        lines.append(line(names.get(key) or (fallback if key == "" else key), figures, key))
    return {"columns": [{"key": k, "label": labels.get(k, k)} for k in keys], "lines": lines, "measure": measure}


def _adjustment_rows(adjustments: list[dict]) -> list[dict]:
    ids = dict(Case.objects.filter(ext_id__in=[a["case"] for a in adjustments]).values_list("ext_id", "id"))
    return [{**a, "kind_label": EVENT_KIND_LABELS.get(a["kind"], a["kind"]), "case_pk": ids.get(a["case"]),
             "on_date": date.fromisoformat(a["on"]), "entered": datetime.fromisoformat(a["entered_at"])}
            for a in adjustments]


@login_required
def report_page(request: HttpRequest) -> HttpResponse:
    guard(request)
    sel = selection(request)
    live = report_for(request, sel, by=sel.by)
    closing = active_closing(sel.unit, *sel.official) if sel.official else None
    adjustments = closing_adjustments(closing) if closing else []
    shown = closing.report if closing else live
    context = {
        "sel": sel, "form": sel.form, "report": shown, "closing": closing,
        "rows": _indicator_rows(sel, shown, live if closing else None),
        "groups": _group_table(sel, live) if sel.by else None,
        "adjustments": _adjustment_rows(adjustments),
        "downloads": [{"fmt": fmt, "url": sel.url("stats-export", fmt, show=None)} for fmt in FORMATS],
        "layouts": layout_names(),
        "tabs": tabs(sel), "tab": "report", "range": sel.official is None,
        "by_label": dict(BY_CHOICES).get(sel.by or "", ""),
    }
    return render(request, "stats/report.html", context)


@login_required
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    guard(request)
    if fmt not in FORMATS:
        raise Http404
    sel = selection(request)
    from thads.stats.tasks import start_report_export, wants_job

    if wants_job(request, sel):  # a date range over a big unit replays its histories: a background job
        return start_report_export(request, fmt)
    layout = request.GET.get("layout", "default")
    if layout not in layout_names():
        layout = "default"
    closing = active_closing(sel.unit, *sel.official) if sel.official and not sel.by else None
    if closing is not None:
        report, adjustments = closing.report, closing_adjustments(closing)
    else:
        report, adjustments = report_for(request, sel, by=sel.by), []
    meta = report_meta(sel.unit, sel.date_from, sel.date_to, closed=closing is not None, adjustments=adjustments,
                       by=sel.by, produced_at=timezone.localtime())
    data = render_report(report, meta, fmt, layout=layout)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, filename(meta, fmt, layout))
    return response
