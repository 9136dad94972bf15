"""Forms of the case screens: the list filter, the act form (built per act from ``ACT_PARAMS``) and the receive form
with its party and obligation formsets. Labels of grounds and of contract events live here too.

Validation messages: Django's vi locale for the standard ones, our own as English msgids (the Vietnamese catalogue
translates them). The legal checks themselves are not repeated here: ``thads.cases.actions`` refuses with a
Vietnamese message, which the view shows as a form error.
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thads.cases import choices
from thads.cases.models import Case, CaseEvent
from thads.deadlines.models import Deadline
from thads.domain.act_types import ACT_LABELS_VI, ACT_TITLES, REFUSE_GROUNDS, REVOKE_GROUNDS, Act
from thads.domain.acts import ACT_PARAMS
from thads.domain.money import FeeTiming
from thads.domain.roles import DECIDING_TITLES
from thads.domain.states import (
    POSTPONE_GROUNDS,
    SUSPEND_GROUNDS,
    TERMINATE_GROUNDS,
    UNABLE_GROUNDS,
    EventKind,
    Phase,
    State,
)
from thads.org.models import Officer, Unit
from thads.org.scope import Action, allowed, scope_queryset, sees_everything, visible_units

# ------------------------------------------------------------------------------------------------- labels

#: Short Vietnamese labels of the statute's grounds (Luật THADS 2008/2014; THADS.md §2.2, 2.7, 2.9–2.11). Legal
#: terms of art, shown as "code – label" in both languages like ``ACT_LABELS_VI``.
GROUND_LABELS_VI: dict[str, str] = {
    # Art. 31.5: refusal of a request
    "31.5.a": "Người yêu cầu không có quyền yêu cầu hoặc nội dung yêu cầu không liên quan đến bản án",
    "31.5.b": "Cơ quan thi hành án dân sự không có thẩm quyền thi hành",
    "31.5.c": "Hết thời hiệu yêu cầu thi hành án",
    # Art. 37: revocation / annulment of a decision on enforcement
    "37.1.a": "Quyết định ban hành không đúng thẩm quyền",
    "37.1.b": "Quyết định có sai sót làm thay đổi nội dung vụ việc",
    "37.1.c": "Căn cứ ban hành quyết định không còn",
    "37.1.d": "Trường hợp quy định tại khoản 3 Điều 54",
    "37.3.a": "Cấp có thẩm quyền hủy quyết định về thi hành án",
    "37.3.b": "Cấp có thẩm quyền yêu cầu hủy quyết định về thi hành án",
    # Art. 44a.1: not yet able to enforce
    "44a.1.a": "Không có thu nhập, tài sản hoặc chỉ đủ mức sinh hoạt tối thiểu",
    "44a.1.b": "Vật phải trả không còn, hư hỏng; giấy tờ không thu hồi, cấp lại được",
    "44a.1.c": "Chưa xác định được địa chỉ, nơi cư trú của người phải thi hành án",
    # Art. 48: postponement
    "48.1.a": "Người phải thi hành án ốm nặng, mất hoặc bị hạn chế năng lực hành vi dân sự",
    "48.1.b": "Chưa xác định được địa chỉ người phải thi hành án hoặc lý do chính đáng khác",
    "48.1.c": "Đương sự có thỏa thuận hoãn",
    "48.1.d": "Tài sản đang tranh chấp tại Tòa án hoặc tài sản thế chấp không đủ chi phí và nghĩa vụ bảo đảm",
    "48.1.đ": "Chờ Tòa án giải thích bản án hoặc trả lời kiến nghị",
    "48.1.e": "Người được nhận tài sản, người được giao nuôi dưỡng không đến nhận sau hai lần thông báo",
    "48.1.g": "Chuyển giao quyền, nghĩa vụ thi hành án gặp sự kiện bất khả kháng",
    "48.1.h": "Tài sản kê biên không bán được mà người được thi hành án không nhận",
    "48.2": "Người có thẩm quyền kháng nghị yêu cầu hoãn (một lần, tối đa 3 tháng)",
    # Art. 49: suspension
    "49.1": "Người có thẩm quyền kháng nghị giám đốc thẩm, tái thẩm tạm đình chỉ",
    "49.2": "Tòa án thụ lý đơn yêu cầu mở thủ tục phá sản",
    # Art. 50.1: termination
    "50.1.a": "Người phải thi hành án chết không để lại di sản hoặc nghĩa vụ không được chuyển giao",
    "50.1.b": "Người được thi hành án chết, quyền không được chuyển giao hoặc không có người thừa kế",
    "50.1.c": "Đương sự thỏa thuận hoặc người được thi hành án không yêu cầu thi hành án",
    "50.1.d": "Bản án, quyết định bị hủy một phần hoặc toàn bộ",
    "50.1.đ": "Tổ chức phải thi hành án giải thể, không còn tài sản, nghĩa vụ không được chuyển giao",
    "50.1.e": "Có quyết định miễn nghĩa vụ thi hành án",
    "50.1.g": "Tòa án mở thủ tục phá sản đối với người phải thi hành án",
    "50.1.h": "Người chưa thành niên được giao nuôi dưỡng đã chết hoặc đã thành niên",
}

#: Grounds each act takes (``ground`` parameter).
ACT_GROUNDS: dict[Act, tuple[str, ...]] = {
    Act.REFUSE_REQUEST: REFUSE_GROUNDS,
    Act.CLASSIFY_UNABLE: UNABLE_GROUNDS,
    Act.REVERIFY: UNABLE_GROUNDS,
    Act.POSTPONE: POSTPONE_GROUNDS,
    Act.SUSPEND: SUSPEND_GROUNDS,
    Act.TERMINATE: TERMINATE_GROUNDS,
    Act.REVOKE: REVOKE_GROUNDS,
}

#: Labels of the interchange contract's event kinds (history rows of imported cases and of acts that write one).
EVENT_LABELS: dict[str, Any] = {
    EventKind.VERIFIED_ABLE: pgettext_lazy("case event", "conditions to enforce found"),
    EventKind.CLASSIFIED_UNABLE: pgettext_lazy("case event", "not yet able to enforce"),
    EventKind.POSTPONED: pgettext_lazy("case event", "postponed"),
    EventKind.SUSPENDED: pgettext_lazy("case event", "suspended"),
    EventKind.RESUMED: pgettext_lazy("case event", "resumed"),
    EventKind.SEPARATE_BOOK: pgettext_lazy("case event", "moved to the separate register"),
    EventKind.PAYMENT: pgettext_lazy("case event", "payment"),
    EventKind.REDUCED: pgettext_lazy("case event", "exemption or reduction"),
    EventKind.TERMINATED: pgettext_lazy("case event", "terminated"),
    EventKind.COMPLETED: pgettext_lazy("case event", "completed"),
    EventKind.ENTRUSTED_OUT: pgettext_lazy("case event", "entrusted out"),
    EventKind.REVOKED: pgettext_lazy("case event", "decision revoked"),
    EventKind.MOVED: pgettext_lazy("case event", "moved to another unit"),
    EventKind.REASSIGNED: pgettext_lazy("case event", "officer reassigned"),
    "received_entrusted": pgettext_lazy("case event", "received by entrustment"),
}
_ACT_VALUES = frozenset(a.value for a in Act)


def ground_label(code: str) -> str:
    """``"48.1.c – Đương sự có thỏa thuận hoãn"``; an unknown code as it is."""
    label = GROUND_LABELS_VI.get(code)
    return f"{code} – {label}" if label else code


def event_label(kind: str) -> str:
    """Contract event kinds by ``EVENT_LABELS``, internal acts by ``ACT_LABELS_VI``, anything else as stored."""
    if kind in EVENT_LABELS:
        return str(EVENT_LABELS[kind])
    if kind in _ACT_VALUES:
        return ACT_LABELS_VI[Act(kind)]
    return kind


def state_label(state: str, phase: str = "") -> str:
    """The contract state's label, or the phase's when it is finer (voluntary period, verifying)."""
    if phase in (Phase.VOLUNTARY, Phase.VERIFYING):
        return str(choices.PHASE_LABELS[Phase(phase)])
    try:
        return str(choices.STATE_LABELS[State(state)])
    except ValueError:
        return state


def case_state_label(case: Case) -> str:
    """What a case is at now: its state (or finer phase) once decided, else how far its intake went."""
    if case.phase:
        return state_label(case.state, case.phase)
    return str(dict(choices.INTAKE).get(case.intake, "")) if case.intake != "NONE" else ""


# ------------------------------------------------------------------------------------------------- fields

_DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")


def date_field(label, *, required: bool = True, **kwargs) -> forms.DateField:
    """A dd/mm/yyyy text input (the agencies' documents write dates this way; no browser date picker needed)."""
    return forms.DateField(
        label=label, required=required, input_formats=_DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric",
                                                         "autocomplete": "off", "class": "date"}),
        **kwargs)


class VNDField(forms.CharField):
    """A whole amount in đồng: ``1234567``, ``1.234.567`` or ``1 234 567`` (a trailing ₫ or đ is ignored)."""

    default_error_messages = {"invalid": _("Enter a whole amount in đồng, for example 1.234.567."),
                              "negative": _("An amount cannot be negative.")}

    def __init__(self, *, min_value: int = 1, **kwargs) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "class": "num",
                                                           "autocomplete": "off"}))
        super().__init__(**kwargs)
        self.validators.append(MinValueValidator(min_value))

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        text = re.sub(r"[\s\u00a0\u202f]", "", str(text)).rstrip("₫đ")
        if text.startswith(("-", "\u2212")):
            raise ValidationError(self.error_messages["negative"], code="negative")
        if "." in text and not _GROUPED.match(text):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        text = text.replace(".", "")
        if not text.isdigit() or len(text) > 15:  # up to 999.999.999.999.999 ₫
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(text)


class OfficerChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("empty_label", "—")
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Officer) -> str:
        return f"{obj.name} ({obj.code})"


class UnitChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("empty_label", "—")
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.code} – {obj.name}"


class EventChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("empty_label", "—")
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: CaseEvent) -> str:
        return f"#{obj.seq} · {obj.on:%d/%m/%Y} · {event_label(obj.kind)}"


# ------------------------------------------------------------------------------------------------- list filter

UNDECIDED = "undecided"


class CaseFilterForm(forms.Form):
    """Filters of the case list and of its XLSX download (GET). Units and officers are limited to what the user may
    see. "Overdue" keeps the cases with an open deadline past due today whose clock runs (the work queue's
    meaning of overdue: ``Deadline.due < today`` and not paused)."""

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
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, data, *, units: QuerySet[Unit], officers: QuerySet[Officer]) -> None:
        super().__init__(data, label_suffix="")
        self.fields["state"].choices = [("", _("All states")), (UNDECIDED, _("Not yet decided")), *choices.STATE]
        self.fields["unit"].queryset = units
        self.fields["officer"].queryset = officers

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
        if data.get("overdue"):
            today = today or timezone.localdate()
            cases = cases.filter(Exists(Deadline.objects.filter(case=OuterRef("pk"), due__lt=today, paused=False)))
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


# ------------------------------------------------------------------------------------------------- act form

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
        if "request_deadline" in params:
            f["request_deadline"] = date_field(_("Limitation deadline (Art. 30)"), required=False)
        if "new_information" in params:
            f["new_information"] = forms.CharField(
                label=_("New information about the conditions to enforce"), max_length=255, required=False,
                help_text=_("Required to resume a case from the separate register."))
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
                choices=[("", _("No fee withheld")),
                         (FeeTiming.VOLUNTARY.value, _("Paid within the voluntary period (no fee)")),
                         (FeeTiming.BEFORE_COERCION.value, _("Paid after the voluntary period, before coercion")),
                         (FeeTiming.COERCED.value, _("Collected by coercion (full fee)"))])
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
                    "target", "reason"):
            if d.get(key) not in (None, ""):
                out[key] = d[key]
        if self.act == Act.ENTRUST_OUT:
            out["to"] = d.get("to_unit") or d["to_text"].strip()
        if "amount" in d:
            out["amount"] = d["amount"]
            if d.get("obligation"):
                out["obligation"] = d["obligation"]
        if self.act == Act.PAYOUT:
            out["obligation"] = d.get("obligation") or None
            out["fee_timing"] = d.get("fee_timing") or None
        return out


def _obligation_label(ob) -> str:
    from thads.lib.numbers import format_vnd

    return f"{ob.code}. {ob.get_kind_display()} · {ob.get_beneficiary_display()} · " \
           f"{_('outstanding')} {format_vnd(ob.outstanding)}"


def _active_units(day: date, within: QuerySet[Unit] | None = None) -> QuerySet[Unit]:
    qs = within if within is not None else Unit.objects.all()
    return qs.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day),
                     Q(valid_to__isnull=True) | Q(valid_to__gte=day)).order_by("path")


# ------------------------------------------------------------------------------------------------- receive form


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
