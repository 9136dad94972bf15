"""What the emulation forms share: the base form of one action (a one-time token, labels without a colon, dates
within the calendar's years, ``action_kwargs``), the labels of the vocabulary of :mod:`thads.domain.emulation` as
English msgids (the Vietnamese catalogue translates them; award titles keep their official Vietnamese names,
``title_label``), and the choice fields over the user's scope.
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thads.cases.fields import OfficerChoiceField, UnitChoiceField, date_field  # noqa: F401  (re-exported)
from thads.domain.emulation import (
    AWARD_TITLES,
    Issuer,
    NominationState,
    NominationStep,
    PracticeKind,
    RecipientKind,
    title_label,
)

#: The years a date of an emulation form may fall in (those of the working calendar).
DATE_YEARS = (2009, 2040)
#: The statistical years a target, nomination or commendation may name.
YEARS = (2009, 2040)
_SPLIT = re.compile(r"[\s,;]+")

ISSUER_LABELS = {
    Issuer.NATIONAL_ASSEMBLY: _("National Assembly"),
    Issuer.MINISTRY: _("Ministry of Justice"),
    Issuer.NATIONAL_DEPARTMENT: _("National department of enforcement"),
    Issuer.PROVINCE: _("Provincial department"),
    Issuer.BRANCH: _("Branch / regional office"),
}
STATE_LABELS = {
    NominationState.PROPOSED: pgettext_lazy("nomination", "proposed"),
    NominationState.REVIEWED: pgettext_lazy("nomination", "reviewed by the council"),
    NominationState.DECIDED: pgettext_lazy("nomination", "decided"),
    NominationState.DECLINED: pgettext_lazy("nomination", "declined"),
}
STEP_LABELS = {
    NominationStep.PROPOSE: pgettext_lazy("nomination step", "Propose"),
    NominationStep.REVIEW: pgettext_lazy("nomination step", "Council review"),
    NominationStep.DECIDE: pgettext_lazy("nomination step", "Decide"),
    NominationStep.DECLINE: pgettext_lazy("nomination step", "Decline"),
    NominationStep.WITHDRAW: pgettext_lazy("nomination step", "Withdraw"),
}
PRACTICE_LABELS = {
    PracticeKind.EXEMPLAR: _("Advanced example"),
    PracticeKind.SOLUTION: _("Good solution or initiative"),
    PracticeKind.DIFFICULT_CASE: _("Difficult or complex case resolved"),
}
RECIPIENT_LABELS = {RecipientKind.INDIVIDUAL: _("individual"), RecipientKind.COLLECTIVE: _("collective")}
COUNCIL_ROLES = (("chair", _("chair")), ("vice_chair", _("vice-chair")), ("member", pgettext_lazy("council",
                                                                                                    "member")),
                 ("secretary", _("secretary")))


def label(table: dict, value) -> str:
    """The label of ``value`` in ``table`` (the value itself when unknown)."""
    for key, text in table.items():
        if str(key) == str(value):
            return str(text)
    return str(value or "")


def title_choices() -> list[tuple[str, str]]:
    return [(t.value, title_label(t)) for t in AWARD_TITLES]


def year_choices(today: date | None = None) -> list[tuple[int, str]]:
    this = (today or timezone.localdate()).year + 1
    return [(y, str(y)) for y in range(min(this, YEARS[1]), YEARS[0] - 1, -1)]


class ActionForm(forms.Form):
    """A form of one action: a hidden one-time token (a second submit writes nothing: the view checks it), field
    labels without a colon, dates within the calendar's years."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=40, required=False)

    def __init__(self, *args, today: date | None = None, **kwargs) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("token", uuid.uuid4().hex)
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        for name in ("on", "decided_on"):
            if name in self.fields and name not in kwargs["initial"] and isinstance(self.fields[name],
                                                                                    forms.DateField):
                self.fields[name].initial = self.today

    def clean(self):
        data = super().clean()
        first, last = DATE_YEARS
        for name, field in self.fields.items():
            value = data.get(name)
            if isinstance(field, forms.DateField) and isinstance(value, date) and not first <= value.year <= last:
                self.add_error(name, _("Enter a date between %(first)s and %(last)s.") % {"first": first,
                                                                                          "last": last})
        return data

    def plain_fields(self):
        return self.visible_fields()

    def action_kwargs(self) -> dict[str, Any]:
        """The action's keyword arguments: every cleaned field but the token, strings stripped."""
        return {k: v.strip() if isinstance(v, str) else v for k, v in self.cleaned_data.items() if k != "token"}


def text(label, *, required: bool = True, max_length: int = 255, rows: int = 0, **kwargs) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(label=label, required=required, max_length=max_length, widget=widget, **kwargs)


def rate_field(label, **kwargs) -> forms.DecimalField:
    """A percentage 0–100 with two decimals (``85``, ``85.5``, ``85,50``)."""
    return forms.DecimalField(label=label, required=False, min_value=0, max_value=100, max_digits=5,
                              decimal_places=2, localize=True,
                              widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "num",
                                                            "autocomplete": "off", "size": 8}), **kwargs)


def count_field(label, **kwargs) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=0, max_value=10_000_000,
                              widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "num",
                                                            "autocomplete": "off", "size": 10}), **kwargs)


def year_field(label=None, *, required: bool = True) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label or _("Statistical year"), coerce=int, required=required,
                                  empty_value=None, choices=[("", "—"), *year_choices()] if not required
                                  else year_choices())


class UserChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("empty_label", "—")
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj) -> str:
        return f"{obj.full_name or obj.username} ({obj.unit.code if obj.unit_id else '-'})"


class CaseNumbersField(forms.CharField):
    """Case numbers typed as on the case page, separated by spaces or commas, looked up in ``cases`` (the user's
    scope); cleans to the list of cases."""

    def __init__(self, *args, cases=None, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 1000)
        kwargs.setdefault("help_text", _("The case number shown on the case page; several separated by commas."))
        super().__init__(*args, **kwargs)
        self.cases = cases

    def clean(self, value):
        raw = super().clean(value) or ""
        numbers = [n for n in _SPLIT.split(raw.strip()) if n]
        if not numbers:
            return []
        found = {c.ext_id: c for c in self.cases.filter(ext_id__in=numbers)} if self.cases is not None else {}
        unknown = [n for n in numbers if n not in found]
        if unknown:
            raise forms.ValidationError(_("No case with the number %(n)s in your units.") % {"n": ", ".join(unknown)})
        return list({found[n].pk: found[n] for n in numbers}.values())
