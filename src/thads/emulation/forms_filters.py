"""The GET filters of the emulation pages: unit and period (progress, rankings, targets), and the list filters of
nominations, commendations and good practices. An unknown or invalid value falls back to the default (the page
never fails on a hand-edited query string); a unit outside the user's scope is not among the choices."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thads.domain.emulation import NominationState
from thads.emulation.forms_common import PRACTICE_LABELS, STATE_LABELS, title_choices, year_choices

BY_CHOICES = (("unit", _("units")), ("officer", _("officers")))


class _Filter(forms.Form):
    def __init__(self, data=None, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(data, **kwargs)

    def values(self, defaults: dict) -> dict:
        """The valid values, the defaults for the missing or invalid ones."""
        out = dict(defaults)
        if not self.is_bound:
            return out
        self.is_valid()
        for name in self.fields:
            if name not in self.errors and self.cleaned_data.get(name) not in (None, ""):
                out[name] = self.cleaned_data[name]
        return out


class PeriodFilter(_Filter):
    """Unit (a code among the visible units), statistical year, cumulative months, breakdown."""

    unit = forms.ChoiceField(label=_("Unit"), required=False)
    year = forms.TypedChoiceField(label=_("Statistical year"), coerce=int, required=False, empty_value=None)
    months = forms.TypedChoiceField(label=_("Cumulative months from 1 October"), coerce=int, required=False,
                                    empty_value=None, choices=[(k, str(k)) for k in range(1, 13)])
    by = forms.ChoiceField(label=_("Show"), choices=BY_CHOICES, required=False)

    def __init__(self, data=None, *, units, with_months: bool = True, with_by: bool = True, **kwargs) -> None:
        super().__init__(data, **kwargs)
        indent = "\u2003"
        self.units = {u.code: u for u in units}
        self.fields["unit"].choices = [(u.code, f"{indent * max(0, u.path.count('/') - 2)}{u.name} ({u.code})")
                                       for u in units]
        self.fields["year"].choices = year_choices()
        if not with_months:
            del self.fields["months"]
        if not with_by:
            del self.fields["by"]


class NominationFilter(_Filter):
    state = forms.ChoiceField(label=_("State"), required=False,
                              choices=[("", "—"), *[(k.value, v) for k, v in STATE_LABELS.items()]])
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    campaign = forms.TypedChoiceField(label=_("Campaign"), coerce=int, required=False, empty_value=None)

    def __init__(self, data=None, *, campaigns, **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.fields["year"].choices = [("", "—"), *year_choices()]
        self.fields["campaign"].choices = [("", "—"), *[(c.pk, c.name) for c in campaigns]]


class CommendationFilter(_Filter):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    title = forms.ChoiceField(label=_("Title or award"), required=False)
    unit = forms.ChoiceField(label=_("Unit"), required=False)

    def __init__(self, data=None, *, units, **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.units = {u.code: u for u in units}
        self.fields["year"].choices = [("", "—"), *year_choices()]
        self.fields["title"].choices = [("", "—"), *title_choices()]
        self.fields["unit"].choices = [("", "—"), *[(u.code, f"{u.name} ({u.code})") for u in units]]


class PracticeFilter(_Filter):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", "—"), *[(k.value, v) for k, v in PRACTICE_LABELS.items()]])
    affects_order = forms.ChoiceField(label=_("Security and public order"), required=False,
                                      choices=[("", "—"), ("yes", _("affected")), ("no", _("not affected"))])
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, data=None, *, units, **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.units = {u.code: u for u in units}
        self.fields["unit"].choices = [("", "—"), *[(u.code, f"{u.name} ({u.code})") for u in units]]
        self.fields["year"].choices = [("", "—"), *year_choices()]


__all__ = ["BY_CHOICES", "CommendationFilter", "NominationFilter", "NominationState", "PeriodFilter",
           "PracticeFilter"]
