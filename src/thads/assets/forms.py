"""The forms of the assets pages: one form per ``do_*`` action of ``thads.assets.actions``, ``actions_coercion`` and
``actions_auction``. Each form turns its fields into the action's keyword arguments (``action_kwargs``); the legal
checks are not repeated here: the actions refuse with a Vietnamese message (``AssetsRefused``), which the view
shows next to the field it names.

Dates are dd/mm/yyyy and amounts whole đồng with ``.`` grouping (the case screens' fields, ``cases.fields``).
Fields that hold personal data (ID numbers, addresses, account and certificate numbers) are only added for a user
who may see personal data in the unit (``personal=True``).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thads.assets import labels
from thads.assets.models import CostEntry
from thads.cases.fields import VNDField, date_field
from thads.domain.measure_rules import EXEMPT_GROUNDS
from thads.domain.measures import MEASURE_LABELS_VI, DebtorKind

#: The identifiers an asset may carry (``Asset.identifiers``, personal data): key → label.
IDENTIFIER_FIELDS = {
    "certificate_no": _("Certificate number"),
    "parcel": _("Parcel and map sheet"),
    "area": _("Area (m²)"),
    "plate": _("Registration plate"),
    "account_no": _("Account number"),
    "other": _("Other identifier"),
}


#: The years a date of an assets form may fall in: those of the working calendar (``domain.calendar``:
#: ``national_calendar`` 2009–2040, the Law of 2008 in force from 1 July 2009).
DATE_YEARS = (2009, 2040)


class ActionForm(forms.Form):
    """A form of one action: a hidden one-time token (a second submit of the same form writes nothing: the view
    checks it) and the field labels without a colon."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=40)

    def __init__(self, *args, today: date | None = None, **kwargs) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("token", uuid.uuid4().hex)
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        for name in ("on", "declared_on", "requested_on", "replied_on", "found_on", "signed_on", "held_on"):
            if name in self.fields:
                self.fields[name].initial = self.today

    def clean(self):
        """Every date within the working calendar's years (:data:`DATE_YEARS`): a mistyped year (01/01/0001,
        31/12/9999) is refused here, before an action stores it or a rule looks it up in the calendar."""
        data = super().clean()
        first, last = DATE_YEARS
        for name, field in self.fields.items():
            value = data.get(name)
            if isinstance(field, forms.DateField) and isinstance(value, date) and not first <= value.year <= last:
                self.add_error(name, _("Enter a date between %(first)s and %(last)s.") % {"first": first,
                                                                                          "last": last})
        return data

    def action_kwargs(self) -> dict[str, Any]:
        """The action's keyword arguments: every cleaned field but the token, strings stripped."""
        out = {}
        for key, value in self.cleaned_data.items():
            if key == "token":
                continue
            out[key] = value.strip() if isinstance(value, str) else value
        return out


def _text(label, *, required: bool = True, max_length: int = 255, rows: int = 0, **kwargs) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(label=label, required=required, max_length=max_length, widget=widget, **kwargs)


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _optional_choice(label, options, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=False, choices=[("", "—"), *options], **kwargs)


class _YesNo(forms.TypedChoiceField):
    def __init__(self, label, **kwargs) -> None:
        super().__init__(label=label, choices=[("1", _("yes")), ("0", _("no"))], coerce=lambda v: v == "1",
                         widget=forms.RadioSelect, **kwargs)


# ------------------------------------------------------------------------------------------------- the register


class RegisterDebtorForm(ActionForm):
    """``do_register_debtor``: the debtor of a case, prefilled from the case's party (find-or-create in the unit by
    the ID number)."""

    party = forms.TypedChoiceField(label=_("Debtor of the case"), coerce=int, required=False)
    kind = forms.ChoiceField(label=_("Person or organisation"), choices=labels.choices(labels.DEBTOR_KIND),
                             initial=DebtorKind.PERSON.value)
    name = _text(_("Name"))

    def __init__(self, *args, parties: list, personal: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.parties = {p.pk: p for p in parties}
        self.fields["party"].choices = [("", "—"), *((p.pk, p.name) for p in parties)]
        self.personal = personal
        if personal:
            self.fields["id_number"] = _text(_("ID number or tax code"), required=False, max_length=32)
            self.fields["address"] = _text(_("Address"), required=False)

    def action_kwargs(self) -> dict[str, Any]:
        """Without the personal-data right the ID number and address are the chosen party's, never shown."""
        d = self.cleaned_data
        party = self.parties.get(d.get("party"))
        out = {"kind": d["kind"], "name": d["name"].strip()}
        if self.personal:
            out["id_number"] = d.get("id_number", "").strip()
            out["address"] = d.get("address", "").strip()
        elif party is not None:
            out["id_number"], out["address"] = party.id_number, party.address
        return out


class DeclarationForm(ActionForm):
    """``do_record_declaration``: the debtor's own declaration of assets and income (Decree 62/2015 Art. 9.1)."""

    declared_on = date_field(_("Declared on"))
    declaration = _text(_("What the debtor declared"), max_length=5000, rows=6)


class AddressUnknownForm(ActionForm):
    """``do_record_address_unknown``: verification found the debtor's address or residence unknown (Art. 44a.1.c;
    Decree 62/2015 Art. 9.3)."""

    on = date_field(_("Found on"))


class InfoRequestForm(ActionForm):
    """``do_request_information``: a request for information sent to a bank, a registry, an employer (Art. 44.6:
    the body must reply within the deadline the action computes)."""

    case_id = forms.TypedChoiceField(label=_("For the case"), coerce=int)
    body = _text(_("Body asked (bank, land registry, employer…)"))
    asset_kind = _optional_choice(_("About"), labels.choices(labels.ASSET_KIND))
    requested_on = date_field(_("Request sent on"))

    def __init__(self, *args, cases: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case_id"].choices = [(c.pk, c.ext_id) for c in cases]
        if len(cases) == 1:
            self.fields["case_id"].initial = cases[0].pk


class ReplyForm(ActionForm):
    """``do_record_reply``: what the body answered."""

    replied_on = date_field(_("Reply received on"))
    found = _YesNo(_("Did the reply reveal assets or income?"))
    note = _text(_("What the reply says"), required=False, max_length=2000, rows=3)


class AssetForm(ActionForm):
    """``do_record_asset``: an asset or income found, its source, value, encumbrance and whether the law forbids
    distraining it (Art. 87)."""

    kind = forms.ChoiceField(label=_("Kind"), choices=labels.choices(labels.ASSET_KIND))
    description = _text(_("Description"), max_length=500)
    found_on = date_field(_("Found on"))
    holder = _text(_("Held by (bank, employer, third party)"), required=False)
    source = _text(_("Source of the information"), required=False)
    estimated_value = VNDField(label=_("Estimated value (VND)"), required=False, min_value=0)
    encumbrance = _text(_("Encumbrance (mortgage, pledge…)"), required=False, max_length=500)
    secured_creditor = _text(_("Secured creditor"), required=False)
    secured_amount = VNDField(label=_("Secured amount (VND)"), required=False, min_value=0)
    exempt_ground = _optional_choice(
        _("May not be distrained (Art. 87)"), [(point, _short(f"{point}. {text}")) for point, (_who, text)
                                                in EXEMPT_GROUNDS.items()],
        help_text=_("Leave empty when the asset may be distrained."))
    request_id = forms.TypedChoiceField(label=_("Found through the request"), coerce=int, required=False,
                                        empty_value=None)

    def __init__(self, *args, requests: list, personal: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["request_id"].choices = [("", "—"), *(
            (r.pk, f"{r.body} · {r.requested_on:%d/%m/%Y}") for r in requests)]
        self.personal = personal
        if personal:
            for key, text in IDENTIFIER_FIELDS.items():
                self.fields[f"id_{key}"] = _text(text, required=False, max_length=128)

    def action_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        out = {key: (d.get(key) or "").strip() for key in
               ("kind", "description", "holder", "source", "encumbrance", "secured_creditor", "exempt_ground")}
        out.update(found_on=d["found_on"], estimated_value=d.get("estimated_value") or 0,
                   secured_amount=d.get("secured_amount") or 0, request_id=d.get("request_id"))
        identifiers = {key: d[f"id_{key}"].strip() for key in IDENTIFIER_FIELDS if (d.get(f"id_{key}") or "").strip()}
        out["identifiers"] = identifiers or None
        return out


# ------------------------------------------------------------------------------------------------- measures


class DecideMeasureForm(ActionForm):
    """``do_decide_measure``: the decision applying a security or coercive measure, or the exit ban."""

    kind = forms.ChoiceField(label=_("Measure"), choices=[(k.value, text) for k, text in MEASURE_LABELS_VI.items()])
    on = date_field(_("Decided on"))
    decision_no = _text(_("Decision number"), required=False, max_length=64)
    asset_id = forms.TypedChoiceField(label=_("Asset"), coerce=int, required=False, empty_value=None)
    amount = VNDField(label=_("Amount to freeze, deduct or collect (VND)"), required=False, min_value=0,
                      help_text=_("For a deduction from income: the amount deducted each month."))
    monthly_income = VNDField(label=_("Monthly income (VND)"), required=False, min_value=0,
                              help_text=_("Deduction from income: at most 30% of it unless the parties agree "
                                          "(Art. 78.3)."))
    agreed = forms.BooleanField(label=_("The parties agreed on a higher deduction (Art. 78.3)"), required=False)
    urgent = forms.BooleanField(label=_("At once: the debtor hides, disposes of or destroys assets (Art. 45.2)"),
                                required=False)
    representative = _text(_("Legal representative (exit ban of an organisation)"), required=False, max_length=255,
                           help_text=_("Decree 62/2015 Art. 51.1: for an organisation the exit ban applies to its "
                                       "legal representative, named here."))
    note = _text(_("Note"), required=False, max_length=500)

    def __init__(self, *args, assets: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["asset_id"].choices = [("", "—"), *(
            (a.pk, f"{labels.label(labels.ASSET_KIND, a.kind)} · {a.description}") for a in assets)]

    def action_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        details = {key: d[key] for key in ("monthly_income", "agreed", "urgent") if d.get(key)}
        for key in ("note", "representative"):
            if (d.get(key) or "").strip():
                details[key] = d[key].strip()
        return {"kind": d["kind"], "on": d["on"], "decision_no": d.get("decision_no", "").strip(),
                "asset_id": d.get("asset_id"), "amount": d.get("amount") or 0, "details": details or None}


class ExecuteMeasureForm(ActionForm):
    """``do_execute_measure``: the measure was carried out (the bank froze, the employer deducts, the minutes of
    distraint)."""

    on = date_field(_("Carried out on"))
    result = _text(_("Result"), required=False, max_length=2000, rows=3)
    amount = VNDField(label=_("Amount frozen or deducted (VND)"), required=False, min_value=0)
    exhausted = forms.BooleanField(label=_("The account or income yields nothing more"), required=False)


class CollectByMeasureForm(ActionForm):
    """``do_collect_by_measure``: money the measure brought in (costs first, then the case's money acts)."""

    on = date_field(_("Legal date"))
    amount = VNDField(label=_("Amount (VND)"))
    receipt_no = _text(_("Receipt number"), max_length=64)


class ReleaseMeasureForm(ActionForm):
    """``do_release_measure``: the measure is lifted."""

    on = date_field(_("Released on"))
    decision_no = _text(_("Decision number"), required=False, max_length=64)
    reason = _text(_("Reason"), required=False, max_length=500)


class CancelMeasureForm(ActionForm):
    """``do_cancel_measure``: the decision is revoked before it was carried out."""

    on = date_field(_("Cancelled on"))
    reason = _text(_("Reason"), max_length=500)


MEASURE_STEP_FORMS = {"execute": ExecuteMeasureForm, "collect": CollectByMeasureForm,
                      "release": ReleaseMeasureForm, "cancel": CancelMeasureForm}


# ------------------------------------------------------------------------------------------------- coercion


class CoercionPlanForm(ActionForm):
    """``do_plan_coercion``: a coercion plan (Art. 72). The calendar (night, rest days, the Tết window with forces
    mobilised) is the action's: its refusal says why."""

    day = date_field(_("Day"))
    time = forms.TimeField(label=_("Time"), input_formats=["%H:%M", "%H.%M", "%Hh%M", "%Hh"],
                           widget=forms.TimeInput(format="%H:%M", attrs={"placeholder": "hh:mm", "class": "time",
                                                                         "inputmode": "numeric"}))
    place = _text(_("Place of the coercion"))
    mobilised_forces = forms.BooleanField(label=_("Forces are mobilised (police, commune, …)"), required=False)
    forces = _text(_("Forces"), required=False, max_length=500)
    cost_estimate = VNDField(label=_("Cost estimate (VND)"), required=False, min_value=0)
    measure_id = forms.TypedChoiceField(label=_("For the measure"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, measures: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["day"].initial = self.today
        self.fields["measure_id"].choices = [("", "—"), *(
            (m.pk, f"{labels.measure_label(m.kind)} {m.decision_no}".strip()) for m in measures)]

    def action_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        starts_at = timezone.make_aware(datetime.combine(d["day"], d["time"]))
        return {"starts_at": starts_at, "place": d["place"].strip(), "mobilised_forces": bool(d["mobilised_forces"]),
                "forces": d.get("forces", "").strip(), "cost_estimate": d.get("cost_estimate") or 0,
                "measure_id": d.get("measure_id")}


class PlanResultForm(ActionForm):
    """``do_record_plan_result``: whether the coercion took place, and its result."""

    on = date_field(_("Date"))
    carried_out = _YesNo(_("Was the coercion carried out?"))
    result = _text(_("Result"), required=False, max_length=2000, rows=3)


class CostForm(ActionForm):
    """``do_record_cost``: a coercion cost (Art. 73), charged to the debtor or borne by the state or the creditor.
    Costs recovered from the debtor are recorded by the collections themselves (costs are paid first)."""

    kind = forms.ChoiceField(label=_("Kind"), choices=[(k.value, k.label) for k in CostEntry.Kind
                                                        if k != CostEntry.Kind.RECOVERED],
                             initial=CostEntry.Kind.CHARGED.value)
    on = date_field(_("Date"))
    amount = VNDField(label=_("Amount (VND)"))
    description = _text(_("What the money was spent on"))
    plan_id = forms.TypedChoiceField(label=_("Coercion plan"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, plans: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan_id"].choices = [("", "—"), *(
            (p.pk, f"{timezone.localtime(p.starts_at):%d/%m/%Y %H:%M} · {p.place}") for p in plans)]


# ------------------------------------------------------------------------------------------------- auction


class ValuationForm(ActionForm):
    """``do_value_asset``: the price of a distrained asset (Arts. 98–99)."""

    method = forms.ChoiceField(label=_("Method"), choices=labels.choices(labels.VALUATION_METHOD))
    on = date_field(_("Date"))
    value = VNDField(label=_("Value (VND)"))
    appraiser = _text(_("Appraiser"), required=False)
    ground = _optional_choice(_("Ground"), [
        ("98.3.a", _("98.3.a: no appraisal contract could be signed")),
        ("98.3.b", _("98.3.b: perishable or of small value")),
        ("99.1.a", _("99.1.a: the officer seriously breached Art. 98")),
        ("99.1.b", _("99.1.b: a party requested it before the auction notice"))],
        help_text=_("Only for a price fixed by the officer (Art. 98.3) or a re-appraisal (Art. 99.1)."))
    measure_id = forms.TypedChoiceField(label=_("Under the measure"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, measures: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure_id"].choices = [("", "—"), *(
            (m.pk, f"{labels.measure_label(m.kind)} {m.decision_no}".strip()) for m in measures)]


class AuctionContractForm(ActionForm):
    """``do_sign_auction_contract``: the contract with the auction organisation (Art. 101)."""

    organisation = _text(_("Auction organisation"))
    contract_no = _text(_("Contract number"), required=False, max_length=64)
    signed_on = date_field(_("Signed on"))
    measure_id = forms.TypedChoiceField(label=_("Under the measure"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, measures: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure_id"].choices = [("", "—"), *(
            (m.pk, f"{labels.measure_label(m.kind)} {m.decision_no}".strip()) for m in measures)]


class AuctionSessionForm(ActionForm):
    """``do_record_auction_session``: one session, its starting price and outcome (a lower starting price than the
    last session's is a price reduction, Art. 104)."""

    held_on = date_field(_("Held on"))
    starting_price = VNDField(label=_("Starting price (VND)"))
    outcome = forms.ChoiceField(label=_("Outcome"), choices=labels.choices(labels.AUCTION_OUTCOME),
                                widget=forms.RadioSelect)
    sale_price = VNDField(label=_("Sale price (VND)"), required=False, min_value=0)
    buyer = _text(_("Buyer"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("outcome") == labels.AuctionOutcome.SOLD.value and not data.get("sale_price"):
            raise ValidationError({"sale_price": _("Enter the price the asset was sold for.")})
        return data

    def action_kwargs(self) -> dict[str, Any]:
        out = super().action_kwargs()
        out["sale_price"] = out.get("sale_price") or 0
        return out


class SaleProceedsForm(ActionForm):
    """``do_record_sale_proceeds``: the buyer paid; the proceeds are split (secured creditor, costs, Art. 47)."""

    on = date_field(_("Paid on"))
    receipt_no = _text(_("Receipt number"), required=False, max_length=64)


class CreditorTakesForm(ActionForm):
    """``do_creditor_takes_asset``: the creditor takes the unsold asset at the last price (Art. 104)."""

    on = date_field(_("Date"))
    case_id = forms.TypedChoiceField(label=_("For the case"), coerce=int)
    price = VNDField(label=_("Price (VND)"))
    creditor = _text(_("Creditor who takes the asset"))
    decision_no = _text(_("Decision number"), required=False, max_length=64)
    receipt_no = _text(_("Receipt number (money the creditor pays in)"), required=False, max_length=64)

    def __init__(self, *args, cases: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case_id"].choices = [(c.pk, c.ext_id) for c in cases]


class ReturnAssetForm(ActionForm):
    """``do_return_asset``: the asset is given back (Art. 126)."""

    on = date_field(_("Returned on"))
    to_whom = _text(_("Returned to"))
    reason = _text(_("Reason"), max_length=500)
