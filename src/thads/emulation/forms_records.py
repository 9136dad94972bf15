"""The forms of the records pages: a commendation recorded directly (an award decided elsewhere or in an earlier
year), a member of a unit's emulation council, and a good-practice write-up. One form per ``do_*`` action of
:mod:`thads.emulation.actions`; the actions refuse with a Vietnamese message what the rules forbid.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thads.domain.emulation import PracticeKind, RecipientKind
from thads.emulation.forms_common import (
    COUNCIL_ROLES,
    PRACTICE_LABELS,
    RECIPIENT_LABELS,
    ActionForm,
    CaseNumbersField,
    OfficerChoiceField,
    UnitChoiceField,
    UserChoiceField,
    date_field,
    text,
    title_choices,
    year_field,
)


class CommendationForm(ActionForm):
    """``do_record_commendation``: a title or award given, with its decision (number, date, issuer)."""

    kind = forms.ChoiceField(label=_("Individual or collective"),
                             choices=[(k.value, v) for k, v in RECIPIENT_LABELS.items()])
    officer = OfficerChoiceField(queryset=None, label=_("Officer"), required=False)
    recipient_user = UserChoiceField(queryset=None, label=_("Staff member"), required=False)
    recipient_unit = UnitChoiceField(queryset=None, label=_("Unit (collective)"), required=False)
    title = forms.ChoiceField(label=_("Title or award"), choices=title_choices)
    year = year_field()
    decision_no = text(_("Decision number"), max_length=64)
    decided_on = date_field(_("Decision date"))
    issuer = text(_("Issued by"))
    campaign = forms.ModelChoiceField(queryset=None, label=_("Campaign"), required=False, empty_label="—")
    note = text(_("Note"), required=False)

    def __init__(self, *args, units, officers, users, campaigns, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers
        self.fields["recipient_user"].queryset = users
        self.fields["recipient_unit"].queryset = units
        self.fields["campaign"].queryset = campaigns

    def clean(self):
        data = super().clean()
        chosen = [k for k in ("officer", "recipient_user", "recipient_unit") if data.get(k) is not None]
        if len(chosen) != 1:
            raise forms.ValidationError(_("Choose one recipient: an officer, a staff member or a unit."))
        collective = chosen[0] == "recipient_unit"
        if data.get("kind") and (data["kind"] == RecipientKind.COLLECTIVE) != collective:
            self.add_error("kind", _("A unit receives a collective award; a person an individual one."))
        return data


class CouncilMemberForm(ActionForm):
    """``do_add_council_member``: a staff member joins the unit's emulation council."""

    member = UserChoiceField(queryset=None, label=_("Staff member"))
    role = forms.ChoiceField(label=_("Role in the council"), choices=COUNCIL_ROLES, initial="member")

    def __init__(self, *args, users, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = users


class PracticeForm(ActionForm):
    """``do_save_practice``: a write-up of how a difficult or sensitive case was resolved, or a good solution."""

    kind = forms.ChoiceField(label=_("Kind"), choices=[(k.value, v) for k, v in PRACTICE_LABELS.items()],
                             initial=PracticeKind.DIFFICULT_CASE)
    title = text(pgettext_lazy("write-up", "Title"))
    summary = text(_("Summary"), max_length=2000, rows=3)
    body = text(_("How it was resolved"), required=False, max_length=20000, rows=10)
    unit = UnitChoiceField(queryset=None, label=_("Unit"))
    officers = forms.ModelMultipleChoiceField(queryset=None, label=_("Officers"), required=False,
                                              widget=forms.SelectMultiple(attrs={"size": 6}))
    cases = CaseNumbersField(label=_("Cases"))
    affects_order = forms.BooleanField(label=_("The case affected security and public order"), required=False)
    year = year_field(required=False)

    def __init__(self, *args, units, officers, cases, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["officers"].queryset = officers
        self.fields["officers"].label_from_instance = lambda o: f"{o.name} ({o.code})"
        self.fields["cases"].cases = cases

    def action_kwargs(self):
        kw = super().action_kwargs()
        kw["officers"] = list(kw.get("officers") or [])
        return kw
