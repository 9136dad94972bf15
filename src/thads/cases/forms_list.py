"""Forms of the case list: its filter (shared with the XLSX download: ``case_filter_form`` + ``listed_cases``) and the
bulk reassignment of the ticked cases (``ReassignForm``, posted to ``cases.actions.do_reassign_cases`` by the case
list and the work queue). Filters of other contexts (e.g. "overdue" from deadlines) come from
``thads.cases.extensions``.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thads.cases import choices
from thads.cases.extensions import list_filters
from thads.cases.fields import OfficerChoiceField, UnitChoiceField, VNDField
from thads.cases.models import Case
from thads.org.models import Officer, Unit
from thads.org.scope import Action, allowed, scope_queryset, sees_everything, visible_units

UNDECIDED = "undecided"


class CaseFilterForm(forms.Form):
    """Filters of the case list and of its XLSX download (GET). Units and officers are limited to what the user may
    see. The filters registered by other contexts (``thads.cases.extensions.list_filters``, e.g. "overdue" from
    deadlines) follow the built-in ones, in their registered order."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200, widget=forms.TextInput(attrs={
        "placeholder": _("Name, ID number, decision or judgment number"), "type": "search", "autofocus": True}))
    state = forms.ChoiceField(label=_("State"), required=False)
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("All units"))
    officer = OfficerChoiceField(label=_("Enforcement officer"), queryset=Officer.objects.none(), required=False,
                                 empty_label=_("All officers"))
    initiation = forms.ChoiceField(label=_("Initiation"), required=False,
                                   choices=[("", _("All initiations")), *choices.INITIATION])
    judgment_kind = forms.ChoiceField(label=_("Judgment kind"), required=False,
                                      choices=[("", _("All judgment kinds")), *choices.JUDGMENT_KIND])
    amount_min = VNDField(label=_("Minimum amount (VND)"), required=False, min_value=0)
    amount_max = VNDField(label=_("Maximum amount (VND)"), required=False, min_value=0)

    def __init__(self, data, *, units: QuerySet[Unit], officers: QuerySet[Officer]) -> None:
        super().__init__(data, label_suffix="")
        self.fields["state"].choices = [("", _("All states")), (UNDECIDED, _("Not yet decided")), *choices.STATE]
        self.fields["unit"].queryset = units
        self.fields["officer"].queryset = officers
        self.extensions = list_filters()
        for extension in self.extensions:
            self.fields[extension.name] = extension.field()

    def clean(self):
        data = super().clean()
        low, high = data.get("amount_min"), data.get("amount_max")
        if low is not None and high is not None and low > high:
            # The range as a whole is wrong: neither bound narrows the list.
            self.add_error("amount_max", ValidationError(
                _("The minimum amount must not be greater than the maximum amount."), code="amount_range"))
            data.pop("amount_min", None)
        return data

    def filter(self, cases: QuerySet[Case], today: date | None = None) -> QuerySet[Case]:
        """Apply the valid filters (an invalid one, e.g. a unit out of scope or a negative amount, is ignored and
        shown as an error)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        state = data.get("state")
        if state == UNDECIDED:
            cases = cases.filter(decided_on__isnull=True)
        elif state:
            cases = cases.filter(state=state)
        if data.get("unit") is not None:
            cases = cases.filter(unit__path__startswith=data["unit"].path)
        if data.get("officer") is not None:
            cases = cases.filter(officer=data["officer"])
        if data.get("initiation"):
            cases = cases.filter(initiation=data["initiation"])
        if data.get("judgment_kind"):
            cases = cases.filter(judgment_kind=data["judgment_kind"])
        if data.get("amount_min") is not None:
            cases = cases.filter(amount__gte=data["amount_min"])
        if data.get("amount_max") is not None:
            cases = cases.filter(amount__lte=data["amount_max"])
        for extension in self.extensions:
            value = data.get(extension.name)
            if value is None or value is False or value in ("", [], ()):
                continue
            today = today or timezone.localdate()
            cases = extension.apply(cases, value, today)
        return cases

    @property
    def search_text(self) -> str:
        return (getattr(self, "cleaned_data", {}) or {}).get("q", "") or ""


#: The case list's order when nothing is searched: the latest activity first.
LIST_ORDER = (F("last_event_on").desc(nulls_last=True), "-pk")


def case_filter_form(user, params) -> CaseFilterForm:
    """The case list's filter form for these GET parameters, its units and officers limited to the user's scope."""
    units = visible_units(user).order_by("path")
    officers = scope_queryset(user, Officer.objects.all()).order_by("name", "code")
    form = CaseFilterForm(params, units=units, officers=officers)
    # Who may not see ID numbers in their own unit cannot search them either: the box does not offer it (the search
    # itself decides unit by unit, ``thads.cases.search.IdentifierAccess``).
    if not (sees_everything(user) or allowed(user, Action.PERSONAL_DATA, getattr(user, "unit", None))):
        form.fields["q"].widget.attrs["placeholder"] = _("Name, decision or judgment number")
    return form


def listed_cases(user, form: CaseFilterForm) -> QuerySet[Case]:
    """The user's cases narrowed by the form's filters (not yet searched nor ordered)."""
    return form.filter(scope_queryset(user, Case.objects.all()))


class ReassignForm(forms.Form):
    """The new officer of the ticked cases (``cases.actions.do_reassign_cases``): an officer of a unit the user sees.
    Shown by the case list and the work queue to those who lead a unit (``Capability.LEAD``)."""

    officer = forms.ModelChoiceField(queryset=Officer.objects.none(), label=_("New enforcement officer"))

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = Officer.objects.filter(unit__in=visible_units(user)).order_by("name")
