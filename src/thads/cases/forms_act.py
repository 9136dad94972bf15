"""The form of one act on one case, built per act from its parameters (``thads.domain.acts.ACT_PARAMS``).

The legal checks are not repeated here: ``thads.cases.actions`` refuses with a Vietnamese message, which the view
shows as a form error.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from thads.cases.fields import EventChoiceField, OfficerChoiceField, UnitChoiceField, VNDField, date_field
from thads.cases.labels import ACT_GROUNDS, ground_label
from thads.cases.models import Case
from thads.domain.act_types import ACT_TITLES, Act
from thads.domain.acts import ACT_PARAMS
from thads.domain.fee_relief import RELIEF_TABLE
from thads.domain.fees import FeeExemption, FeeTiming
from thads.domain.regime import REGIME_2026_FROM
from thads.domain.roles import DECIDING_TITLES
from thads.lib.numbers import format_vnd
from thads.org.models import Officer, Unit

#: Acts that are decisions of the head (or deputy): they carry a decision number.
DECISION_ACTS = frozenset(a for a, titles in ACT_TITLES.items() if titles <= DECIDING_TITLES)


class ActForm(forms.Form):
    """The form of one act on one case, with exactly the fields its parameters need (``ACT_PARAMS``)."""

    on = date_field(_("Legal date"))
    token = forms.CharField(widget=forms.HiddenInput, max_length=40)

    def __init__(self, *args, case: Case, act: Act, today: date, units: QuerySet[Unit] | None = None,
                 **kwargs) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("on", today)
        kwargs["initial"].setdefault("token", uuid.uuid4().hex)
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.case, self.act, self.today = case, act, today
        params = ACT_PARAMS[act]
        f = self.fields
        if act in DECISION_ACTS:
            f["decision_no"] = forms.CharField(label=_("Decision number"), max_length=64, required=act == Act.DECIDE)
        if act == Act.SEND_TO_PROCURACY:
            f["decision"] = forms.CharField(label=_("Decision sent (number)"), max_length=64, required=False)
        if act in (Act.COLLECT, Act.PAYOUT):
            f["receipt_no"] = forms.CharField(
                label=_("Receipt number") if act == Act.COLLECT else _("Payment voucher number"), max_length=64,
                required=act == Act.COLLECT)
        if "ground" in params:
            f["ground"] = forms.ChoiceField(
                label=_("Ground"), required=act != Act.REVERIFY,
                choices=[("", "—")] + [(g, ground_label(g)) for g in ACT_GROUNDS[act]],
                initial=case.ground if act == Act.REVERIFY else None,
                help_text=_("Leave empty to keep the current ground.") if act == Act.REVERIFY else "")
        if "until" in params:
            f["until"] = date_field(_("Postponed until"), required=False,
                                    help_text=_("Required for grounds 48.1.c and 48.2 (at most 3 months)."))
        _gate_fields(f, act, params, case)
        if "request_deadline" in params:
            f["request_deadline"] = date_field(_("Limitation deadline (Art. 30)"), required=False)
        if "new_information" in params:
            f["new_information"] = forms.CharField(
                label=_("New information about the conditions to enforce"), max_length=255, required=False,
                help_text=_("Required to resume a case from the separate register."))
        if "late_accepted" in params and case.initiation == "theo_don" and case.request_on is not None \
                and case.request_on >= REGIME_2026_FROM:
            f["late_accepted"] = forms.BooleanField(
                label=_("The head accepts this late request"), required=False,
                help_text=_("Only for a request filed after the limitation because of an emergency, force majeure or "
                            "an objective obstacle (Decree 152/2026 Art. 10.2); keep the proof in the file."))
        if "officer" in params:
            f["officer"] = OfficerChoiceField(label=_("Enforcement officer"),
                                              queryset=Officer.objects.filter(unit=case.unit).order_by("name"))
        if act == Act.ENTRUST_OUT:
            f["to_unit"] = UnitChoiceField(
                label=_("Receiving agency of the system"), required=False,
                queryset=_active_units(today).exclude(pk=case.unit_id))
            f["to_text"] = forms.CharField(label=_("or another agency (name)"), max_length=255, required=False)
        if act in (Act.COLLECT, Act.PAYOUT, Act.REDUCE):
            obligations = list(case.obligations.all())
            if act == Act.REDUCE:
                obligations = [o for o in obligations if o.beneficiary == "state" and o.outstanding > 0]
            elif act == Act.COLLECT:
                obligations = [o for o in obligations if o.outstanding > 0]
            empty = [("", _("Split over the obligations (Art. 47)"))] if act == Act.COLLECT else [("", "—")]
            f["obligation"] = forms.ChoiceField(
                label=_("Obligation"), required=act != Act.COLLECT,
                choices=empty + [(o.code, _obligation_label(o)) for o in obligations])
            f["amount"] = VNDField(label=_("Amount (VND)"))
        if act == Act.PAYOUT:
            f["fee_timing"] = forms.ChoiceField(
                label=_("Enforcement fee withheld (Art. 60)"), required=False,
                # TT 216/2016 Art. 4.5: money the agency collected pays the full fee, coerced or not; the one-third
                # fee of Art. 4.4 is for a handover between the parties, which is not a payout of the agency.
                choices=[("", _("No fee withheld")),
                         (FeeTiming.VOLUNTARY.value, _("Paid within the voluntary period (no fee, Art. 6.8)")),
                         (FeeTiming.COERCED.value, _("Collected by the agency (full fee, Art. 4.5)"))])
            f["fee_exemption"] = forms.ChoiceField(
                label=_("Fee exemption (TT 216/2016 Art. 6)"), required=False,
                choices=[("", _("None"))] + [(e.value, _("Art. %(point)s") % {"point": e.value})
                                              for e in FeeExemption if e != FeeExemption.UNDER_THRESHOLD])
        if act == Act.MOVE:
            f["unit"] = UnitChoiceField(label=_("Receiving unit"),
                                        queryset=_active_units(today, within=units).exclude(pk=case.unit_id))
        if act == Act.CORRECT:
            f["target"] = EventChoiceField(label=_("Entry to correct"),
                                           queryset=case.events.filter(corrects__isnull=True).order_by("-seq"))
            f["reason"] = forms.CharField(label=_("Reason for the correction"), max_length=255,
                                          widget=forms.Textarea(attrs={"rows": 2}))
        f["note"] = forms.CharField(label=_("Note"), max_length=255, required=False)

    def clean(self):
        data = super().clean()
        if self.act == Act.ENTRUST_OUT:
            if bool(data.get("to_unit")) == bool((data.get("to_text") or "").strip()):
                raise ValidationError(_("Choose a receiving agency of the system or type the name of another "
                                        "agency, not both."), code="entrust_to")
        return data

    def act_kwargs(self) -> dict[str, Any]:
        """Keyword arguments of ``do_act`` after ``user, case_id, act, on``."""
        d = self.cleaned_data
        out: dict[str, Any] = {"token": d["token"], "note": d.get("note", "")}
        for key in ("decision_no", "receipt_no"):
            if d.get(key):
                out[key] = d[key].strip()
        for key in ("ground", "until", "request_deadline", "new_information", "decision", "officer", "unit",
                    "target", "reason", "requested_on", "revocation_no", "revocation_on"):
            if d.get(key) not in (None, ""):
                out[key] = d[key]
        for key in ("personal_duty", "debtor_elsewhere", "late_accepted"):  # confirmations: only when ticked
            if d.get(key):
                out[key] = True
        if self.act == Act.ENTRUST_OUT:
            out["to"] = d.get("to_unit") or d["to_text"].strip()
        if "amount" in d:
            out["amount"] = d["amount"]
            if d.get("obligation"):
                out["obligation"] = d["obligation"]
        if self.act == Act.FEE_RELIEF:
            out.update({k: d[k] for k in ("outcome", "received_on", "point", "percent", "target", "obligation",
                                          "reason") if d.get(k) not in (None, "")})
            if out["outcome"] == "refused":
                out.pop("percent", None)
        if self.act == Act.PAYOUT:
            out["obligation"] = d.get("obligation") or None
            out["fee_timing"] = d.get("fee_timing") or None
            if d.get("fee_exemption"):
                out["fee_exemption"] = d["fee_exemption"]
        return out


def _gate_fields(f: dict, act: Act, params: frozenset[str], case: Case) -> None:
    """The parameters of issue 14's gates: the protest authority's request date (Art. 48.2), the personal duty
    (Decree 62/2015 Art. 14.1), for an entrustment its ground (Art. 55.1.a) and the revocation of the decision
    to enforce (Art. 57.1.a), and the fee relief application (TT 216/2016 Art. 7)."""
    if act == Act.FEE_RELIEF:
        _fee_relief_fields(f, case)
    if "requested_on" in params:
        f["requested_on"] = date_field(
            _("Date of the protest authority's request"), required=False,
            help_text=_("Ground 48.2: the three months run from this date."))
    if "personal_duty" in params:
        f["personal_duty"] = forms.BooleanField(
            label=_("The debtor must perform the obligation personally"), required=False,
            help_text=_("Required for grounds 48.1.a and 48.1.b (Decree 62/2015 Art. 14.1); never for money."))
    if act == Act.ENTRUST_OUT:
        f["debtor_elsewhere"] = forms.BooleanField(
            label=_("The debtor has assets, work, residence or seat in the receiving agency's area"), required=False)
        f["revocation_no"] = forms.CharField(label=_("Number of the decision revoking the decision to enforce"),
                                             max_length=64, required=False)
        f["revocation_on"] = date_field(_("Date of the decision revoking the decision to enforce"), required=False)


def _fee_relief_fields(f: dict, case: Case) -> None:
    """The head's decision on a creditor's application to exempt or reduce the enforcement fee (TT 216/2016/TT-BTC
    Art. 7): the decision or the refusal (Art. 7.4), the fee decision concerned (a payout that withheld a fee, Art.
    5.1) or, ahead of the next one, the creditor's obligation, the point of Art. 7 and the percentage (7.2.a)."""
    payouts = [e for e in case.events.filter(kind="payout").order_by("-seq") if int((e.details or {}).get("fee") or 0)]
    f["outcome"] = forms.ChoiceField(label=_("Decision on the application"), choices=[
        ("granted", _("Exempt or reduce the fee (decision)")), ("refused", _("Refuse (written notice with reasons)"))])
    f["received_on"] = date_field(_("Complete application received on"),
                                  help_text=_("The head decides within 5 working days (TT 216/2016 Art. 7.4)."))
    f["target"] = forms.ChoiceField(label=_("Fee decision concerned"), required=False, choices=[
        ("", _("None yet: the next payout to this creditor"))] + [
        (str(e.seq), _("payout #%(seq)s of %(on)s, fee %(fee)s") % {
            "seq": e.seq, "on": e.on.strftime("%d/%m/%Y"), "fee": format_vnd(int(e.details["fee"]))})
        for e in payouts])
    f["obligation"] = forms.ChoiceField(label=_("Obligation (when no fee decision is chosen)"), required=False,
                                        choices=[("", "—")] + [(o.code, _obligation_label(o))
                                                               for o in case.obligations.all()
                                                               if o.beneficiary != "state"])
    f["point"] = forms.ChoiceField(label=_("Ground (TT 216/2016 Art. 7)"), required=False, choices=[("", "—")] + [
        (r.point, f"{r.point} – {r.who} ({'miễn' if r.exemption else 'giảm'} "
                  f"{'đến ' if r.up_to else ''}{r.percent}%)") for r in RELIEF_TABLE.values()])
    f["percent"] = forms.IntegerField(label=_("Reduction (%)"), required=False, min_value=1, max_value=100,
                                      help_text=_("Only for point 7.2.a (up to 80 %); the other points fix it."))
    f["reason"] = forms.CharField(label=_("Reasons for the refusal"), max_length=255, required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))


def _obligation_label(ob) -> str:
    return f"{ob.code}. {ob.get_kind_display()} · {ob.get_beneficiary_display()} · " \
           f"{_('outstanding')} {format_vnd(ob.outstanding)}"


def _active_units(day: date, within: QuerySet[Unit] | None = None) -> QuerySet[Unit]:
    qs = within if within is not None else Unit.objects.all()
    return qs.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day),
                     Q(valid_to__isnull=True) | Q(valid_to__gte=day)).order_by("path")


class DebtorCollectForm(forms.Form):
    """One receipt of money from a debtor, split over all his decided cases in the agency (Luật THADS Art. 47.2.b;
    Decree 62/2015 Art. 49.1): the arguments of ``cases.actions.do_collect_for_debtor``."""

    on = date_field(_("Legal date"))
    amount = VNDField(label=_("Amount (VND)"))
    receipt_no = forms.CharField(label=_("Receipt number"), max_length=64)
    coercion_on = date_field(
        _("Collected under the coercion decision dated"), required=False,
        help_text=_("Leave empty when the money was not collected under a coercion decision: all the debtor's cases "
                    "share it in the order of Art. 47."))
    note = forms.CharField(label=_("Note"), max_length=255, required=False)
    token = forms.CharField(widget=forms.HiddenInput, max_length=40)

    def __init__(self, *args, today: date, **kwargs) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("on", today)
        kwargs["initial"].setdefault("token", uuid.uuid4().hex)
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def action_kwargs(self) -> dict[str, Any]:
        """Keyword arguments of ``do_collect_for_debtor`` after ``user, case_id, on``."""
        d = self.cleaned_data
        return {"amount": d["amount"], "receipt_no": d["receipt_no"].strip(), "note": d.get("note", ""),
                "token": d["token"], "coercion_on": d.get("coercion_on")}
