"""The unit and the period of a report page, shared by the reports of the contexts (``assets``, ``complaints``) and
the form of the statistics pages: a unit the user sees and either the cumulative months of a statistical year or
any dates (the field names of ``stats/_selection.html``).

``PeriodFields`` is the form of every report page: the unit, the mode, the year and months, the dates, checked for a
range that has both ends in order. ``PeriodForm`` (the contexts' reports) also asks for the year and the months of
an official period; ``selection(request)`` reads it from the query string into a ``Selection`` (a unit outside the
user's scope: 404; nothing asked: the user's unit and the cumulative months up to the last complete month).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thads.domain.contrib import month_end, month_of, statistical_year_of
from thads.domain.report import statistical_year_period
from thads.org.models import Unit
from thads.org.scope import Action, allowed, visible_units

YEARS_SHOWN = 10


class PeriodFields(forms.Form):
    """The unit and the period, with the choices of the user's units and the given statistical years."""

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
        return data


class PeriodForm(PeriodFields):
    """The form of the contexts' report pages: an official period needs its year and its months."""

    def clean(self):
        data = super().clean()
        if data.get("mode") != "range" and (data.get("year") in (None, "") or data.get("months") in (None, "")):
            raise forms.ValidationError(_("Choose the statistical year and the months."))
        return data


def period_label_vi(date_from: date, date_to: date, official: tuple[int, int] | None) -> str:
    """The period in the words of a report's heading: "K tháng năm Y (dd/mm/yyyy – dd/mm/yyyy)" or "Từ ngày … đến
    ngày …"."""
    if official is None:
        return f"Từ ngày {date_from:%d/%m/%Y} đến ngày {date_to:%d/%m/%Y}"
    year, months = official
    return f"{months} tháng năm {year} ({date_from:%d/%m/%Y} – {date_to:%d/%m/%Y})"


def period_params(unit: Unit, date_from: date, date_to: date, official: tuple[int, int] | None) -> dict[str, str]:
    """The query string of a unit and a period, in the form's field names."""
    p: dict[str, str] = {"unit": unit.code}
    if official:
        p.update(mode="official", year=str(official[0]), months=str(official[1]))
    else:
        p.update(mode="range", date_from=date_from.isoformat(), date_to=date_to.isoformat())
    return p


@dataclass
class Selection:
    unit: Unit
    date_from: date
    date_to: date
    official: tuple[int, int] | None
    form: PeriodForm | None = field(default=None, repr=False)

    def params(self, **extra) -> dict[str, str]:
        p = period_params(self.unit, self.date_from, self.date_to, self.official)
        p.update({k: str(v) for k, v in extra.items() if v is not None})
        return p

    def url(self, name: str, **extra) -> str:
        return reverse(name) + "?" + urlencode(self.params(**extra))

    @property
    def period_label(self) -> str:
        return period_label_vi(self.date_from, self.date_to, self.official)

    def filename(self, stem: str, ext: str, figure: str = "") -> str:
        """``stem-UNIT[-figure]-yyyymmdd-yyyymmdd.ext`` (the figure's dots as dashes)."""
        fig = f"-{figure.replace('.', '-')}" if figure else ""
        return f"{stem}-{self.unit.code}{fig}-{self.date_from:%Y%m%d}-{self.date_to:%Y%m%d}.{ext}"


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
