"""Forms of the case screens, one module per page family: the list filter and the bulk reassignment
(``forms_list``), the form of one act (``forms_act``), and here the receive form with its party and obligation
formsets. Labels of grounds, events and states live in ``thads.cases.labels``, shared fields in
``thads.cases.fields``; this module re-exports them all (``from thads.cases.forms import …`` keeps working).

Validation messages: Django's vi locale for the standard ones, our own as English msgids (the Vietnamese catalogue
translates them). The legal checks themselves are not repeated here: ``thads.cases.actions`` refuses with a
Vietnamese message, which the view shows as a form error.
"""

from __future__ import annotations

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thads.cases import choices
from thads.cases.fields import (
    EventChoiceField,
    OfficerChoiceField,
    UnitChoiceField,
    VNDField,
    date_field,
)
from thads.cases.forms_act import DECISION_ACTS, ActForm
from thads.cases.forms_list import (
    LIST_ORDER,
    UNDECIDED,
    CaseFilterForm,
    ReassignForm,
    case_filter_form,
    listed_cases,
)
from thads.cases.labels import (
    ACT_GROUNDS,
    EVENT_LABELS,
    GROUND_LABELS_VI,
    case_state_label,
    event_label,
    ground_label,
    state_label,
)
from thads.org.models import Unit


class ReceiveForm(forms.Form):
    """A received judgment (proactive items, Art. 36.2) or request (Art. 31): the case before its decision."""

    unit = UnitChoiceField(label=_("Receiving unit"), queryset=Unit.objects.none())
    initiation = forms.ChoiceField(label=_("Initiation"), choices=choices.INITIATION,
                                   widget=forms.RadioSelect, initial="chu_dong")
    judgment_kind = forms.ChoiceField(label=_("Judgment kind"), choices=choices.JUDGMENT_KIND)
    court = forms.CharField(label=_("Court"), max_length=255)
    judgment_number = forms.CharField(label=_("Judgment number"), max_length=64)
    judgment_date = date_field(_("Judgment date"))
    effective_on = date_field(_("Effective on"), required=False)
    received_on = date_field(_("Received on"))
    requester = forms.CharField(label=_("Requester"), max_length=255, required=False,
                                help_text=_("On request only: who filed the request."))
    request_deadline = date_field(_("Limitation deadline (Art. 30)"), required=False,
                                  help_text=_("On request only, when known."))
    interim = forms.BooleanField(label=_("Interim measure"), required=False)
    # One token per rendered form (like the act form's): a double click or a reload of the POST opens one case.
    token = forms.CharField(widget=forms.HiddenInput, max_length=40, error_messages={
        "required": _("This form has expired: reload the page and enter the case again.")})

    def __init__(self, *args, units: QuerySet[Unit], **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("token", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean(self):
        data = super().clean()
        if data.get("initiation") == "theo_don" and not (data.get("requester") or "").strip():
            self.add_error("requester", ValidationError(_("Name the requester of a request."), code="requester"))
        judged, received = data.get("judgment_date"), data.get("received_on")
        if judged and received and judged > received:
            self.add_error("received_on", ValidationError(_("The judgment cannot be received before its date."),
                                                          code="order"))
        return data


class PartyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Person or organisation"), choices=choices.PARTY_KIND, initial="person")
    name = forms.CharField(label=_("Name"), max_length=255)
    id_number = forms.CharField(label=_("ID number or tax code"), max_length=32, required=False)
    address = forms.CharField(label=_("Address"), max_length=500, required=False)

    def has_changed(self) -> bool:
        # A row is filled in by its name, ID number or address; the person/organisation select alone does not count.
        return any((self[name].value() or "").strip() for name in ("name", "id_number", "address"))


class ObligationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—"), *choices.OBLIGATION_KIND])
    beneficiary = forms.ChoiceField(label=_("Beneficiary"), choices=[("", "—"), *choices.BENEFICIARY])
    amount = VNDField(label=_("Amount (VND)"))


# One row each to start with (the required first debtor and obligation; an optional creditor); "add a row" buttons
# give more without JavaScript.
DebtorFormSet = forms.formset_factory(PartyForm, extra=0, min_num=1, validate_min=True, max_num=50)
CreditorFormSet = forms.formset_factory(PartyForm, extra=1, max_num=50)
ObligationFormSet = forms.formset_factory(ObligationForm, extra=0, min_num=1, validate_min=True, max_num=50)


__all__ = [
    "ACT_GROUNDS", "DECISION_ACTS", "EVENT_LABELS", "GROUND_LABELS_VI", "LIST_ORDER", "UNDECIDED", "ActForm",
    "CaseFilterForm", "CreditorFormSet", "DebtorFormSet", "EventChoiceField", "ObligationForm", "ObligationFormSet",
    "OfficerChoiceField", "PartyForm", "ReassignForm", "ReceiveForm", "UnitChoiceField", "VNDField",
    "case_filter_form", "case_state_label", "date_field", "event_label", "ground_label", "listed_cases",
    "state_label",
]
