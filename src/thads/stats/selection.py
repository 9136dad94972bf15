"""What every statistics page shares: who may see them (``Capability.VIEW_STATISTICS``), the selection of a unit
and a period (official months or any dates) with its form, the tabs, the report of a selection and the formatting of
a figure. The pages themselves: ``views_report`` (report, export), ``views_drill`` (drill-down to cases),
``views_charts`` (charts, province at a glance); ``thads.stats.views`` gathers them for the URLconf.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Min
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thads.domain.contrib import month_of, statistical_year_of
from thads.domain.report import statistical_year_period
from thads.lib.numbers import group_thousands
from thads.org.capabilities import Capability, can
from thads.org.models import Unit
from thads.org.period_form import PeriodFields, period_params
from thads.org.scope import Action, allowed, visible_units
from thads.stats.exports import rate_vn
from thads.stats.layouts import load_layout
from thads.stats.meta import period_label
from thads.stats.models import StatCell, StatCoverage
from thads.stats.service import official_period, official_report, range_report

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
    """Statisticians, heads and deputy heads of a unit, and the superuser (``Capability.VIEW_STATISTICS``)."""
    return can(user, Capability.VIEW_STATISTICS)


def guard(request: HttpRequest) -> None:
    if not may_view_statistics(request.user):
        raise PermissionDenied(_("The statistics are for statisticians and the heads of units."))


# ------------------------------------------------------------------------------------------------- selection


def coverage_year(today: date) -> int:
    row = StatCoverage.objects.first()
    return row.through_year if row is not None else statistical_year_of(today)


def default_period(today: date, last_year: int) -> tuple[int, int]:
    """The cumulative period ending with the last complete month (never past the stored years)."""
    d = today.replace(day=1) - timedelta(days=1)
    year, k = statistical_year_of(d), month_of(d)
    return (year, k) if year <= last_year else (last_year, 12)


class SelectionForm(PeriodFields):
    """The unit and the period of ``org.period_form`` (an official period's year and months always given) and the
    breakdown."""

    year = forms.TypedChoiceField(label=gettext_lazy("Statistical year"), coerce=int)
    months = forms.TypedChoiceField(label=gettext_lazy("Cumulative months from 1 October"), coerce=int)
    by = forms.ChoiceField(label=gettext_lazy("Break down by"), choices=BY_CHOICES, required=False)
    show = forms.ChoiceField(label=gettext_lazy("Breakdown figures"), choices=MEASURE_CHOICES, required=False)


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
        p = period_params(self.unit, self.date_from, self.date_to, self.official)
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
    last_year = coverage_year(today)
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


def tabs(sel: Selection) -> dict[str, str]:
    plain = Selection(sel.unit, sel.date_from, sel.date_to, sel.official)
    if plain.official is None:  # charts and the glance are per official period: the one containing the range's end
        year, k = statistical_year_of(sel.date_to), month_of(sel.date_to)
        official = Selection(sel.unit, *statistical_year_period(year, k), (year, k))
    else:
        official = plain
    return {"report": plain.url("stats-report"), "charts": official.url("stats-charts"),
            "glance": official.url("stats-glance")}


def report_for(request, sel: Selection, by: str | None = None) -> dict:
    if sel.official:
        return official_report(sel.unit, *sel.official, by=by)
    return range_report(sel.unit, sel.date_from, sel.date_to, by=by, user=request.user)


def format_figure(value, measure: str, key: str) -> str:
    if key == "RATE":
        return f"{rate_vn(value)} %" if value is not None else "—"
    return group_thousands(int(value))


@functools.lru_cache(maxsize=1)
def default_layout():
    """The default layout (labels and order of the indicators), read once."""
    return load_layout("default")


