"""Debtors' assets and the measures taken against them (issue 15): the debtor register shared by all of a debtor's
cases in a unit, the assets verification found, security and coercive measures with their own append-only history,
coercion plans and costs, valuations and auctions.

Writers are the ``do_*`` actions of :mod:`thads.assets.actions` only. ``MeasureEvent``, ``AuctionSession`` and
``CostEntry`` rows are append-only (a correction is a new row): they are the measures' history, the input of the
measures report (``thads measures-report``) and of the case page's measures panel. Money the measures bring in
(deductions, sale proceeds) is collected through the case's own money acts (``cases.actions``), so the case ledger
stays the one record of money; the rows here keep the link (``case_event``) to the collection they caused.

The vocabulary (kinds, statuses) is pure data in :mod:`thads.domain.measures`. Personal data: the debtor's ID
number and address, account numbers and certificate numbers are shown only to users with the personal-data right
(``org.scope.Action.PERSONAL_DATA``) and every such view is audited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thads.cases.models import Case, CaseEvent
from thads.domain.measures import (
    AssetKind,
    AssetStatus,
    AuctionOutcome,
    DebtorKind,
    MeasureEventKind,
    MeasureKind,
    MeasureStatus,
    PlanStatus,
    ValuationMethod,
)
from thads.org.models import Unit

USER = settings.AUTH_USER_MODEL


def _choices(enum) -> list[tuple[str, str]]:
    return [(m.value, m.value) for m in enum]


class Debtor(models.Model):
    """One debtor (người phải thi hành án) of a unit, shared by all the debtor's cases there; the debtor's own
    declaration of assets and income (bản kê khai, Decree 62/2015 Art. 9.1) is kept with it."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    kind = models.CharField(_("kind"), max_length=16, choices=_choices(DebtorKind), default=DebtorKind.PERSON)
    name = models.CharField(_("name"), max_length=255)
    id_number = models.CharField(_("ID number or tax code"), max_length=32, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    declared_on = models.DateField(_("declaration date"), null=True, blank=True)
    declaration = models.TextField(_("declaration of assets and income"), blank=True)
    # The day verification found the debtor's address or residence unknown (Art. 44a.1.c; Decree 62 Art. 9.3);
    # cleared when an address is recorded again.
    address_unknown_since = models.DateField(_("address unknown since"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("debtor")
        verbose_name_plural = _("debtor register")
        ordering = ["unit", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "id_number"], condition=~models.Q(id_number=""),
                                    name="assets_debtor_unit_id_number_unique"),
        ]
        indexes = [models.Index(fields=["unit", "name"], name="assets_debtor_unit_name")]

    def __str__(self) -> str:
        return self.name


class DebtorCase(models.Model):
    """Which cases a debtor's register serves (a case belongs to one register)."""

    debtor = models.ForeignKey(Debtor, on_delete=models.PROTECT, related_name="links")
    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="debtor_link")
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("debtor's case")
        verbose_name_plural = _("debtor's cases")

    def __str__(self) -> str:
        return f"{self.debtor_id} → {self.case_id}"


class Asset(models.Model):
    """An asset or income verification found (xác minh, Luật THADS Art. 44), with its source: which body answered
    the request (Art. 44.6: the reply deadline) and when."""

    debtor = models.ForeignKey(Debtor, on_delete=models.PROTECT, related_name="assets")
    kind = models.CharField(_("kind"), max_length=24, choices=_choices(AssetKind))
    description = models.CharField(_("description"), max_length=500)
    # Certificate number, parcel, sheet, area, plate, account number and bank, share count, employer, …: personal data.
    identifiers = models.JSONField(_("identifiers"), default=dict, blank=True)
    holder = models.CharField(_("held by"), max_length=255, blank=True)  # bank, employer, third party
    source = models.CharField(_("source of the information"), max_length=255, blank=True)
    requested_on = models.DateField(_("request sent on"), null=True, blank=True)
    reply_due_on = models.DateField(_("reply due on"), null=True, blank=True)
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    found_on = models.DateField(_("found on"))
    estimated_value = models.BigIntegerField(_("estimated value"), default=0)
    encumbrance = models.CharField(_("encumbrance"), max_length=500, blank=True)
    secured_creditor = models.CharField(_("secured creditor"), max_length=255, blank=True)
    secured_amount = models.BigIntegerField(_("secured amount"), default=0)
    exempt_ground = models.CharField(_("not distrainable (Art. 87)"), max_length=16, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=_choices(AssetStatus), default=AssetStatus.FOUND)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("asset")
        verbose_name_plural = _("assets")
        ordering = ["debtor", "found_on", "id"]

    def __str__(self) -> str:
        return self.description


class InfoRequest(models.Model):
    """A request for information about the debtor's assets or income sent to a body that holds it (a bank, the land
    registry, an employer, …: yêu cầu cung cấp thông tin, Luật THADS Art. 44.6), with the reply deadline the law
    gives the body (``reply_due_on``, counted by :func:`thads.domain.measure_rules.info_reply_due`; an open deadline
    of the deadline engine until ``replied_on``) and what the reply said (``found``; the asset it revealed)."""

    debtor = models.ForeignKey(Debtor, on_delete=models.PROTECT, related_name="requests")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    body = models.CharField(_("body asked"), max_length=255)
    asset_kind = models.CharField(_("asset kind asked about"), max_length=24, choices=_choices(AssetKind), blank=True)
    requested_on = models.DateField(_("request sent on"))
    reply_due_on = models.DateField(_("reply due on"))
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    found = models.BooleanField(_("assets found"), null=True, blank=True)  # None until the reply
    note = models.TextField(_("note"), blank=True)
    asset = models.ForeignKey(Asset, null=True, blank=True, on_delete=models.PROTECT, related_name="requests")
    entered_at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        ordering = ["debtor", "requested_on", "id"]
        indexes = [models.Index(fields=["unit", "reply_due_on"], name="assets_inforeq_unit_due")]

    def __str__(self) -> str:
        return f"{self.body} {self.requested_on:%d/%m/%Y}"


class Measure(models.Model):
    """A security or coercive measure, or an exit ban, decided on a case (quyết định áp dụng biện pháp ...).

    ``status`` and the dates are a cache of its ``MeasureEvent`` rows (the history), written by the same action."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    debtor = models.ForeignKey(Debtor, on_delete=models.PROTECT, related_name="measures")
    asset = models.ForeignKey(Asset, null=True, blank=True, on_delete=models.PROTECT, related_name="measures")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")  # the case's unit when decided
    kind = models.CharField(_("measure"), max_length=24, choices=_choices(MeasureKind))
    decision_no = models.CharField(_("decision number"), max_length=64, blank=True)
    decided_on = models.DateField(_("decided on"))
    amount = models.BigIntegerField(_("amount"), default=0)  # to freeze / deduct / collect; 0 = not a money measure
    status = models.CharField(_("status"), max_length=16, choices=_choices(MeasureStatus),
                              default=MeasureStatus.DECIDED)
    executed_on = models.DateField(_("executed on"), null=True, blank=True)
    released_on = models.DateField(_("released on"), null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["case", "decided_on", "id"]
        indexes = [models.Index(fields=["unit", "decided_on"], name="assets_measure_unit_day")]

    def __str__(self) -> str:
        return f"{self.kind} {self.decision_no}".strip()


class MeasureEvent(models.Model):
    """One act on a measure (append-only): decided, executed, money collected, released, cancelled."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="events")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+", db_index=False)
    seq = models.PositiveIntegerField()
    kind = models.CharField(_("event"), max_length=16, choices=_choices(MeasureEventKind))
    on = models.DateField(_("legal date"))
    entered_at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", db_index=False)
    decision_no = models.CharField(_("decision number"), max_length=64, blank=True)
    amount = models.BigIntegerField(null=True, blank=True)
    case_event = models.ForeignKey(CaseEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("measure event")
        verbose_name_plural = _("measure history")
        ordering = ["measure", "seq"]
        constraints = [models.UniqueConstraint(fields=["measure", "seq"], name="assets_measure_event_seq_unique")]
        indexes = [models.Index(fields=["unit", "on"], name="assets_mevent_unit_on"),
                   models.Index(fields=["case", "seq"], name="assets_mevent_case")]

    def __str__(self) -> str:
        return f"{self.measure_id}#{self.seq} {self.kind}"


class CoercionPlan(models.Model):
    """A coercion plan (kế hoạch cưỡng chế, Luật THADS Art. 72): when, where, forces mobilised, cost estimate."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.PROTECT, related_name="plans")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=255)
    mobilised_forces = models.BooleanField(_("forces mobilised"), default=False)
    forces = models.CharField(_("forces"), max_length=500, blank=True)
    cost_estimate = models.BigIntegerField(_("cost estimate"), default=0)
    status = models.CharField(_("status"), max_length=16, choices=_choices(PlanStatus), default=PlanStatus.PLANNED)
    carried_out_on = models.DateField(_("carried out on"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("coercion plan")
        verbose_name_plural = _("coercion plans")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["unit", "starts_at"], name="assets_plan_unit_start")]

    def __str__(self) -> str:
        return f"{self.place} {self.starts_at:%d/%m/%Y %H:%M}"


class CostEntry(models.Model):
    """Coercion costs (chi phí cưỡng chế, Luật THADS Art. 73; append-only): an amount spent and charged to the
    debtor (``kind`` "charged"), or an amount of it recovered from the debtor's money (``kind`` "recovered", paid
    first in the order of payment, Art. 47.1 opening paragraph), or borne by the state or the creditor (Art. 73.2–3,
    ``kind`` "waived")."""

    class Kind(models.TextChoices):
        CHARGED = "charged", _("charged to the debtor")
        RECOVERED = "recovered", _("recovered")
        WAIVED = "waived", _("borne by the state or the creditor")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(CoercionPlan, null=True, blank=True, on_delete=models.PROTECT, related_name="costs")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    on = models.DateField(_("date"))
    amount = models.BigIntegerField(_("amount"))
    description = models.CharField(_("description"), max_length=255, blank=True)
    entered_at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("coercion cost")
        verbose_name_plural = _("coercion costs")
        ordering = ["case", "on", "id"]
        indexes = [models.Index(fields=["unit", "on"], name="assets_cost_unit_on")]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount}"


class Valuation(models.Model):
    """The price of a distrained asset (định giá, Luật THADS Art. 98; thẩm định giá lại, Art. 99)."""

    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="valuations")
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.PROTECT, related_name="valuations")
    method = models.CharField(_("method"), max_length=16, choices=_choices(ValuationMethod))
    on = models.DateField(_("date"))
    value = models.BigIntegerField(_("value"))
    appraiser = models.CharField(_("appraiser"), max_length=255, blank=True)
    entered_at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("valuation")
        verbose_name_plural = _("valuations")
        ordering = ["asset", "on", "id"]

    def __str__(self) -> str:
        return f"{self.method} {self.value}"


class AuctionContract(models.Model):
    """The contract with an auction organisation (hợp đồng dịch vụ đấu giá, Luật THADS Art. 101)."""

    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="auction_contracts")
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    organisation = models.CharField(_("auction organisation"), max_length=255)
    contract_no = models.CharField(_("contract number"), max_length=64, blank=True)
    signed_on = models.DateField(_("signed on"))
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    entered_at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("auction contract")
        verbose_name_plural = _("auction contracts")
        ordering = ["asset", "signed_on", "id"]

    def __str__(self) -> str:
        return f"{self.organisation} {self.contract_no}".strip()


class AuctionSession(models.Model):
    """One auction session (cuộc đấu giá) with its starting price and outcome (append-only)."""

    contract = models.ForeignKey(AuctionContract, on_delete=models.PROTECT, related_name="sessions")
    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="auction_sessions")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    seq = models.PositiveIntegerField()
    held_on = models.DateField(_("held on"))
    starting_price = models.BigIntegerField(_("starting price"))
    reductions = models.PositiveSmallIntegerField(_("price reductions before it"), default=0)
    outcome = models.CharField(_("outcome"), max_length=16, choices=_choices(AuctionOutcome))
    sale_price = models.BigIntegerField(_("sale price"), default=0)
    buyer = models.CharField(_("buyer"), max_length=255, blank=True)
    entered_at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("auction session")
        verbose_name_plural = _("auction sessions")
        ordering = ["asset", "seq"]
        constraints = [models.UniqueConstraint(fields=["asset", "seq"], name="assets_auction_session_seq_unique")]
        indexes = [models.Index(fields=["unit", "held_on"], name="assets_auction_unit_day")]

    def __str__(self) -> str:
        return f"{self.asset_id}#{self.seq} {self.outcome}"


class AssetDisposal(models.Model):
    """How a distrained asset left the agency's hands (append-only): sold (at auction or without, Art. 104.1
    ``proceeds``), taken by the creditor at the last price (Art. 104.2–3), or returned to the debtor / the owner
    (Art. 126) — with the case money event the proceeds or the taken value became."""

    class Kind(models.TextChoices):
        SOLD = "sold", _("sold")
        TAKEN_BY_CREDITOR = "taken_by_creditor", _("taken by the creditor")
        RETURNED = "returned", _("returned")

    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="disposals")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(AuctionSession, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    on = models.DateField(_("date"))
    value = models.BigIntegerField(_("value"), default=0)
    to_whom = models.CharField(_("to whom"), max_length=255, blank=True)
    details = models.JSONField(default=dict, blank=True)
    entered_at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("asset disposal")
        verbose_name_plural = _("asset disposals")
        ordering = ["asset", "on", "id"]
        indexes = [models.Index(fields=["unit", "on"], name="assets_disposal_unit_on")]

    def __str__(self) -> str:
        return f"{self.kind} {self.value}"
