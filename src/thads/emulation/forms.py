"""The forms of the targets, campaigns and nominations pages: one form per ``do_*`` action of
:mod:`thads.emulation.actions`. Each form turns its fields into the action's keyword arguments (``action_kwargs``);
the rules (scope, titles, the nomination flow, whether a title fits the nominee) are not repeated here: the actions
refuse with a Vietnamese message (``Refused``), which the view shows, nothing written. Choices of units, officers,
staff and campaigns are those of the user's scope: another unit's id is "not one of the choices".
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from thads.emulation.forms_common import (
    ISSUER_LABELS,
    ActionForm,
    OfficerChoiceField,
    UnitChoiceField,
    UserChoiceField,
    count_field,
    date_field,
    rate_field,
    text,
    title_choices,
    year_field,
)

# ------------------------------------------------------------------------------------------------- targets


class TargetForm(ActionForm):
    """``do_set_target``: a target of a unit, of an officer, or (no unit) the national line, for one statistical
    year; the row of that (year, issuer, unit, officer) is created or updated."""

    year = year_field()
    issuer = forms.ChoiceField(label=_("Issued by"), choices=[(k.value, v) for k, v in ISSUER_LABELS.items()])
    unit = UnitChoiceField(queryset=None, label=_("Unit"), required=False,
                           help_text=_("Leave empty for the national line."))
    officer = OfficerChoiceField(queryset=None, label=_("Officer"), required=False,
                                 help_text=_("Only for an officer's own target."))
    cases_rate = rate_field(_("Completion rate in cases (%)"))
    money_rate = rate_field(_("Completion rate in money (%)"))
    cases_completed = count_field(_("Cases completed"))
    money_recovered = forms.IntegerField(label=_("Money recovered (VND)"), required=False, min_value=0,
                                         max_value=10**15,
                                         widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "num"}))
    backlog_reduction = count_field(_("Backlog reduced by (cases)"))
    decision_no = text(_("Decision / document number"), required=False, max_length=64)
    decided_on = date_field(_("Dated"), required=False)
    source = text(_("Source"), required=False)
    note = text(_("Note"), required=False)

    def __init__(self, *args, units, officers, fixed_key: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["officer"].queryset = officers
        if fixed_key:  # editing: the key of the row is what is edited, not changed
            for name in ("year", "issuer", "unit", "officer"):
                self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        officer, unit = data.get("officer"), data.get("unit")
        if officer is not None:
            if unit is not None and officer.unit_id != unit.pk:
                self.add_error("officer", _("The officer is not of this unit."))
            data["unit"] = officer.unit
        if not any(data.get(k) is not None for k in ("cases_rate", "money_rate", "cases_completed",
                                                      "money_recovered", "backlog_reduction")):
            raise forms.ValidationError(_("Give at least one figure of the target."))
        return data


class PassDownForm(forms.Form):
    """``do_pass_down``: copy a unit's target to its sub-units (or its officers) lacking one, with an uplift."""

    to = forms.ChoiceField(label=_("Pass down to"), choices=[("units", _("the sub-units")),
                                                             ("officers", _("the officers"))])
    uplift = forms.DecimalField(label=_("Uplift (percentage points)"), required=False, min_value=0,
                                max_value=50, max_digits=4, decimal_places=2, localize=True, initial=Decimal("0"))

    def __init__(self, *args, officers_only: bool = False, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        if officers_only:  # below the province there is no sub-unit to pass down to (``do_pass_down`` refuses it)
            self.fields["to"].choices = [c for c in self.fields["to"].choices if c[0] == "officers"]
            self.fields["to"].initial = "officers"


# ------------------------------------------------------------------------------------------------- campaigns


class CampaignForm(ActionForm):
    """``do_save_campaign``: an emulation movement (name, period, criteria, organising and participating units)."""

    name = text(_("Name of the campaign"))
    unit = UnitChoiceField(queryset=None, label=_("Organised by"))
    starts_on = date_field(_("From"))
    ends_on = date_field(_("To"))
    criteria = text(_("Criteria"), required=False, max_length=5000, rows=5)
    units = forms.ModelMultipleChoiceField(queryset=None, label=_("Participating units"), required=False,
                                           widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, units, organisers, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = organisers
        self.fields["units"].queryset = units
        self.fields["units"].label_from_instance = lambda u: f"{u.code} – {u.name}"

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The campaign ends before it starts."))
        return data

    def action_kwargs(self):
        kw = super().action_kwargs()
        kw["units"] = list(kw.get("units") or [])
        return kw


# ------------------------------------------------------------------------------------------------- nominations


class ProposeForm(ActionForm):
    """``do_propose``: a nomination of an officer, a staff member or a unit for a title (one nominee)."""

    officer = OfficerChoiceField(queryset=None, label=_("Officer nominated"), required=False)
    nominee_user = UserChoiceField(queryset=None, label=_("Staff member nominated"), required=False,
                                   help_text=_("A staff member who is not an enforcement officer."))
    nominee_unit = UnitChoiceField(queryset=None, label=_("Unit nominated (collective)"), required=False)
    title = forms.ChoiceField(label=_("Title or award"), choices=title_choices)
    year = year_field()
    unit = UnitChoiceField(queryset=None, label=_("Deciding unit"),
                           help_text=_("The unit whose council reviews the nomination and whose head decides."))
    campaign = forms.ModelChoiceField(queryset=None, label=_("Campaign"), required=False, empty_label="—")
    reason = text(_("Achievements"), required=False, max_length=5000, rows=5)
    on = date_field(_("Proposed on"))

    def __init__(self, *args, units, officers, users, deciding, campaigns, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers
        self.fields["nominee_user"].queryset = users
        self.fields["nominee_unit"].queryset = units
        self.fields["unit"].queryset = deciding
        self.fields["campaign"].queryset = campaigns

    def clean(self):
        data = super().clean()
        chosen = [k for k in ("officer", "nominee_user", "nominee_unit") if data.get(k) is not None]
        if len(chosen) != 1:
            raise forms.ValidationError(_("Choose one nominee: an officer, a staff member or a unit."))
        return data


class ReviewForm(ActionForm):
    """``do_review``: the council's favourable opinion with its votes."""

    on = date_field(_("Date of the council meeting"))
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0, max_value=500)
    votes_against = forms.IntegerField(label=_("Votes against"), min_value=0, max_value=500, initial=0)
    note = text(_("Opinion of the council"), required=False, max_length=5000, rows=3)

    def clean(self):
        data = super().clean()
        if data.get("votes_for") is not None and data.get("votes_against") is not None \
                and data["votes_for"] <= data["votes_against"]:
            self.add_error("votes_for", _("A favourable opinion needs more votes for than against; "
                                          "otherwise decline the nomination."))
        return data


class DecideForm(ActionForm):
    """``do_decide``: the decision that awards the title (number, date, issuer)."""

    decision_no = text(_("Decision number"), max_length=64)
    decided_on = date_field(_("Decision date"))
    issuer = text(_("Issued by"), help_text=_("Who signed the decision, e.g. the head of the department."))


class DeclineForm(ActionForm):
    """``do_decline``: the council's unfavourable opinion or the head's refusal, with its reason."""

    on = date_field(_("Date"))
    reason = text(_("Reason"), max_length=5000, rows=3)


class WithdrawForm(ActionForm):
    """``do_withdraw``: the proposer takes the nomination back before the council has reviewed it."""

    on = date_field(_("Date"))
    reason = text(_("Reason"), required=False, max_length=5000, rows=3)


STEP_FORMS = {"review": ReviewForm, "decide": DecideForm, "decline": DeclineForm, "withdraw": WithdrawForm}

