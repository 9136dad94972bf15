"""Statistics pages (issue "Statistics in the browser"): the report, the drill-down to cases, the charts and the
province at a glance.

Who: statisticians, heads and deputy heads (and the technical superuser), for the units they see
(``thads.org.scope.visible_units``); anyone else gets 403. Official periods read the engine's fast path (cells,
per-case spans); any other date range replays the histories of the unit's cases once (``thads.stats.drilldown``),
shared by the report and its drill-downs.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Min
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from thads.cases.models import Case, CaseEvent
from thads.domain.contrib import month_end, month_of, statistical_year_of
from thads.domain.drilldown import has_figure
from thads.domain.report import CASE_KEYS, MONEY_KEYS, statistical_year_period
from thads.domain.roles import Title
from thads.lib.numbers import group_thousands
from thads.org.models import Unit
from thads.org.scope import Action, allowed, visible_units
from thads.org.spreadsheet import DATE, MONEY, NUMBER, Column, xlsx_response
from thads.org.spreadsheet import MAX_ROWS as XLSX_MAX_ROWS
from thads.stats import charts
from thads.stats.closing import active_closing
from thads.stats.closing import adjustments as closing_adjustments
from thads.stats.drilldown import PAGE_SIZE, SORTS, Drill, Figure, range_report, subtree_ids
from thads.stats.exports import CONTENT_TYPES, EVENT_KIND_LABELS, FORMATS, filename, rate_vn
from thads.stats.exports import render as render_report
from thads.stats.layouts import layout_names, load_layout
from thads.stats.meta import group_labels, period_label, report_meta
from thads.stats.models import StatCell, StatCoverage
from thads.stats.service import official_period, official_report
from thads.stats.svg import render_svg

STATS_TITLES = frozenset({Title.HEAD, Title.DEPUTY, Title.STATISTICIAN})
BY_CHOICES = [("", gettext_lazy("No breakdown")), ("unit", gettext_lazy("Unit holding the case")),
              ("officer", gettext_lazy("Enforcement officer")), ("initiation", gettext_lazy("Initiation")),
              ("judgment_kind", gettext_lazy("Judgment kind"))]
MEASURE_CHOICES = [("cases", gettext_lazy("in cases")), ("money", gettext_lazy("in money (VND)"))]
RAW_LABELS = {
    "CU": gettext_lazy("carried over"), "MOI": gettext_lazy("newly accepted"),
    "UT": gettext_lazy("entrusted out"), "TH": gettext_lazy("decision revoked"),
    "XONG": gettext_lazy("completed"), "DC": gettext_lazy("terminated"), "DANG": gettext_lazy("in progress"),
    "HOAN_C": gettext_lazy("postponed (Art. 48.1.c)"), "CHUA_DK": gettext_lazy("not yet able (Art. 44a)"),
    "HOAN_KHAC": gettext_lazy("postponed (other ground)"), "TDC": gettext_lazy("suspended"),
    "SO_RIENG": gettext_lazy("separate book"),
}
CHART_NAMES = ("rates-cases", "rates-money", "units", "days")


# ------------------------------------------------------------------------------------------------- access


def may_view_statistics(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.unit_id is not None and user.title in STATS_TITLES


def _guard(request: HttpRequest) -> None:
    if not may_view_statistics(request.user):
        raise PermissionDenied(_("The statistics are for statisticians and the heads of units."))


# ------------------------------------------------------------------------------------------------- selection


def _coverage(today: date) -> int:
    row = StatCoverage.objects.first()
    return row.through_year if row is not None else statistical_year_of(today)


def default_period(today: date, last_year: int) -> tuple[int, int]:
    """The cumulative period ending with the last complete month (never past the stored years)."""
    d = today.replace(day=1) - timedelta(days=1)
    year, k = statistical_year_of(d), month_of(d)
    return (year, k) if year <= last_year else (last_year, 12)


class SelectionForm(forms.Form):
    unit = forms.ChoiceField(label=gettext_lazy("Unit"))
    mode = forms.ChoiceField(label=gettext_lazy("Period"), widget=forms.RadioSelect,
                             choices=[("official", gettext_lazy("Months of a statistical year")),
                                      ("range", gettext_lazy("Any dates"))])
    year = forms.TypedChoiceField(label=gettext_lazy("Statistical year"), coerce=int)
    months = forms.TypedChoiceField(label=gettext_lazy("Cumulative months from 1 October"), coerce=int)
    date_from = forms.DateField(label=gettext_lazy("From"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    date_to = forms.DateField(label=gettext_lazy("To"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    by = forms.ChoiceField(label=gettext_lazy("Break down by"), choices=BY_CHOICES, required=False)
    show = forms.ChoiceField(label=gettext_lazy("Breakdown figures"), choices=MEASURE_CHOICES, required=False)

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
        return data


@dataclass
class Selection:
    unit: Unit
    date_from: date
    date_to: date
    official: tuple[int, int] | None
    by: str | None = None
    show: str = "cases"
    form: SelectionForm | None = field(default=None, repr=False)

    def params(self, **extra) -> dict[str, str]:
        p: dict[str, str] = {"unit": self.unit.code}
        if self.official:
            p.update(mode="official", year=str(self.official[0]), months=str(self.official[1]))
        else:
            p.update(mode="range", date_from=self.date_from.isoformat(), date_to=self.date_to.isoformat())
        if self.by:
            p["by"] = self.by
        if self.show != "cases":
            p["show"] = self.show
        for k, v in extra.items():
            if v is None:
                p.pop(k, None)
            else:
                p[k] = str(v)
        return p

    def url(self, name: str, *args, **extra) -> str:
        return reverse(name, args=args) + "?" + urlencode(self.params(**extra))

    @property
    def period_label(self) -> str:
        return period_label(self.date_from, self.date_to)


def selection(request: HttpRequest, *, official_only: bool = False) -> Selection:
    user = request.user
    today = timezone.localdate()
    units = list(visible_units(user).order_by("path"))
    if not units:
        raise PermissionDenied(_("No unit to report on."))
    last_year = _coverage(today)
    first_year = StatCell.objects.aggregate(m=Min("year"))["m"] or last_year
    years = list(range(min(first_year, last_year), last_year + 1))
    year, k = default_period(today, last_year)
    home = user.unit if user.unit is not None and any(u.pk == user.unit_id for u in units) else units[0]
    initial = {"unit": home.code, "mode": "official", "year": year, "months": k, "show": "cases", "by": ""}
    data = request.GET if request.GET.get("unit") else None
    form = SelectionForm(data, units=units, years=years, initial=initial)
    if data is None or not form.is_valid():
        d_from, d_to = statistical_year_period(year, k)
        sel = Selection(home, d_from, d_to, (year, k), form=form)
        if data is not None:  # keep what was valid
            code = data.get("unit")
            if code in form.units:
                sel.unit = form.units[code]
        return sel
    c = form.cleaned_data
    unit = form.units[c["unit"]]
    if not allowed(user, Action.VIEW, unit):
        raise Http404
    if c["mode"] == "range" and not official_only:
        d_from, d_to = c["date_from"], c["date_to"]
        period = official_period(d_from, d_to)  # a range that is an official period takes the fast path
        if period is not None and period[0] > last_year:
            period = None
    else:
        period = (c["year"], c["months"])
        d_from, d_to = statistical_year_period(*period)
    return Selection(unit, d_from, d_to, period, c.get("by") or None, c.get("show") or "cases", form=form)


def _tabs(sel: Selection) -> dict[str, str]:
    plain = Selection(sel.unit, sel.date_from, sel.date_to, sel.official)
    if plain.official is None:  # charts and the glance are per official period: the one containing the range's end
        year, k = statistical_year_of(sel.date_to), month_of(sel.date_to)
        official = Selection(sel.unit, *statistical_year_period(year, k), (year, k))
    else:
        official = plain
    return {"report": plain.url("stats-report"), "charts": official.url("stats-charts"),
            "glance": official.url("stats-glance")}


def _report(request, sel: Selection, by: str | None = None) -> dict:
    if sel.official:
        return official_report(sel.unit, *sel.official, by=by)
    return range_report(request.user, sel.unit, sel.date_from, sel.date_to, by=by)


def _fmt(value, measure: str, key: str) -> str:
    if key == "RATE":
        return f"{rate_vn(value)} %" if value is not None else "—"
    return group_thousands(int(value))


# ------------------------------------------------------------------------------------------------- report page


def _indicator_rows(sel: Selection, shown: dict, live: dict | None) -> list[dict]:
    rows = []
    for r in _layout().rows:
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
            cells.append({"text": _fmt(value, measure, keys[0]), "value": value,
                          "url": sel.url("stats-cases", ind=keys[0], m=measure, by=None, show=None)
                          if single else None,
                          "live": _fmt(live_value, measure, keys[0]) if live_value != value else None})
        rows.append({"number": r.number, "label": r.label, "level": r.level, "bold": r.bold, "code": r.figure.code,
                     "cases": cells[0], "money": cells[1]})
    return rows


def _group_table(sel: Selection, report: dict) -> dict:
    measure = sel.show
    keys = [k for k in (CASE_KEYS if measure == "cases" else MONEY_KEYS)]
    labels = {r.figure.keys[0]: r.label for r in _layout().rows if len(r.figure.keys) == 1}
    names = group_labels(sel.by)
    fallback = _("(no officer)") if sel.by == "officer" else ""

    def line(name: str, figures: dict, key: str | None) -> dict:
        return {"name": name, "key": key, "cells": [
            {"text": _fmt(figures[measure][k], measure, k),
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
    _guard(request)
    sel = selection(request)
    live = _report(request, sel, by=sel.by)
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
        "tabs": _tabs(sel), "tab": "report", "range": sel.official is None,
        "by_label": dict(BY_CHOICES).get(sel.by or "", ""),
    }
    return render(request, "stats/report.html", context)


@login_required
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    _guard(request)
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
        report, adjustments = _report(request, sel, by=sel.by), []
    meta = report_meta(sel.unit, sel.date_from, sel.date_to, closed=closing is not None, adjustments=adjustments,
                       by=sel.by, produced_at=timezone.localtime())
    data = render_report(report, meta, fmt, layout=layout)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, filename(meta, fmt, layout))
    return response


# ------------------------------------------------------------------------------------------------- drill-down


@functools.lru_cache(maxsize=1)
def _layout():
    """The default layout (labels and order of the indicators), read once."""
    return load_layout("default")


def _figure_label(indicator: str) -> str:
    for r in _layout().rows:
        if r.figure.keys == (indicator,):
            return r.label
    return indicator


@login_required
def cases_page(request: HttpRequest) -> HttpResponse:
    _guard(request)
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
    report = _report(request, sel, by=by)
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
        "value_text": _fmt(value, measure, indicator), "listed_text": _fmt(listed, measure, indicator),
        "matches": listed == value, "frozen_text": _fmt(frozen, measure, indicator) if frozen is not None else None,
        "closing": closing, "group_name": group_name, "by_label": dict(BY_CHOICES).get(by or "", ""),
        "rate": indicator == "RATE", "money_only": not has_figure(indicator, "cases"),
        "movements": indicator in ("XONG", "GIAM") and measure == "money",
        "raw_labels": RAW_LABELS, "page_size": PAGE_SIZE, "sort": sort,
        "report_url": sel_no_by.url("stats-report", by=by), "tabs": _tabs(sel), "tab": "report",
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


# ------------------------------------------------------------------------------------------------- charts


def _chart_specs(request: HttpRequest, sel: Selection, names=CHART_NAMES) -> dict[str, dict]:
    today = timezone.localdate()
    ids = subtree_ids(request.user, sel.unit)
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
    _guard(request)
    sel = selection(request, official_only=True)
    specs = _chart_specs(request, sel)
    items = [{"name": n, "spec": specs[n], "svg_url": sel.url("stats-chart-svg", n, by=None, show=None)}
             for n in CHART_NAMES]
    return render(request, "stats/charts.html", {
        "sel": sel, "form": sel.form, "charts": items, "specs": specs, "days_table": specs["days"]["table"],
        "tabs": _tabs(sel), "tab": "charts", "month_link": _report_link(sel.unit),
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
    _guard(request)
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
        "rate_cases": _fmt(f.rate_cases, "cases", "RATE"), "rate_money": _fmt(f.rate_money, "money", "RATE"),
        "d_cases": _signed(f.delta_cases, rate_vn(f"{f.delta_cases:.2f}") if f.delta_cases is not None else ""),
        "d_money": _signed(f.delta_money, rate_vn(f"{f.delta_money:.2f}") if f.delta_money is not None else ""),
        "recovered": _millions(f.recovered),
        "d_recovered": _signed(f.delta_recovered, _millions(f.delta_recovered)),
        "carried": _fmt(f.carried_cases, "cases", "CKS"),
        "d_carried": _signed(f.delta_carried, _fmt(f.delta_carried, "cases", "CKS")
                             if f.delta_carried is not None else ""),
        "carried_money": _millions(f.carried_money),
        "urls": {"rate_cases": url("RATE", "cases"), "rate_money": url("RATE", "money"),
                 "recovered": url("XONG", "money"), "carried": url("CKS", "cases"),
                 "carried_money": url("CKS", "money")},
    }


@login_required
def glance_page(request: HttpRequest) -> HttpResponse:
    _guard(request)
    sel = selection(request, official_only=True)
    year, k = sel.official
    ids = subtree_ids(request.user, sel.unit)
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
        "previous_label": period_label(*previous), "tabs": _tabs(sel), "tab": "glance",
    })
