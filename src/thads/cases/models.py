"""Enforcement cases (việc thi hành án): one decision to enforce = one case (THADS.md §4.2).

``CaseEvent`` is the append-only history: every act (imported or entered) is one row with its legal date, entry
time, acting user and unit, from/to state, decision number, ground and JSON details. Rows are never updated or
deleted; a wrong entry is corrected by a later row whose ``corrects`` points at it. The timeline, the audit trail
and the statistics read this table. ``Case.state``/``phase``/``outstanding`` and ``Obligation.outstanding`` are
caches of the history, written only by ``thads.cases.actions`` and the importer in the same transaction as the
rows they summarise (``thads check-integrity`` re-derives them). The money ledger (``cases.ledger``) is derived from
the money events of this history too (``thads.domain.ledger.ledger_lines``); the search words (``search_text``), the
statistics cells and the open deadlines are projections of it (``thads.cases.projections``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Func
from django.utils.translation import gettext_lazy as _

from thads.cases import choices
from thads.org.models import Officer, Unit


class Case(models.Model):
    ext_id = models.CharField(_("case id"), max_length=64, unique=True)
    interim = models.BooleanField(_("interim measure"), default=False)
    # FK indexes that composite indexes already cover, or that no query uses, are left out: each index costs
    # every import and every act (millions of history rows).
    unit = models.ForeignKey(Unit, verbose_name=_("holding unit"), on_delete=models.PROTECT, related_name="cases",
                             db_index=False)
    origin_unit = models.ForeignKey(Unit, verbose_name=_("deciding unit"), on_delete=models.PROTECT,
                                    related_name="decided_cases")
    officer = models.ForeignKey(Officer, verbose_name=_("enforcement officer"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="cases", db_index=False)
    origin_officer = models.ForeignKey(Officer, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                       verbose_name=_("first officer"), db_index=False)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    decision_no = models.CharField(_("decision number"), max_length=64, blank=True)
    initiation = models.CharField(_("initiation"), max_length=16, choices=choices.INITIATION)
    judgment_kind = models.CharField(_("judgment kind"), max_length=32, choices=choices.JUDGMENT_KIND)
    judgment_court = models.CharField(_("court"), max_length=255, blank=True)
    judgment_number = models.CharField(_("judgment number"), max_length=64, blank=True)
    judgment_date = models.DateField(_("judgment date"), null=True, blank=True)
    judgment_effective_on = models.DateField(_("judgment effective on"), null=True, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    request_on = models.DateField(_("request date"), null=True, blank=True)
    requester = models.CharField(_("requester"), max_length=255, blank=True)
    intake = models.CharField(_("intake"), max_length=8, choices=choices.INTAKE, default="NONE")
    phase = models.CharField(_("phase"), max_length=16, choices=choices.PHASE, blank=True)
    facts = models.JSONField(default=dict, blank=True)  # rule facts beyond the columns (thads.domain.acts.CaseFacts)
    state = models.CharField(_("state"), max_length=16, choices=choices.STATE, blank=True)
    ground = models.CharField(_("ground"), max_length=16, blank=True)
    amount = models.BigIntegerField(_("amount"), default=0)
    outstanding = models.BigIntegerField(_("outstanding"), default=0)
    last_event_on = models.DateField(null=True, blank=True)
    event_count = models.PositiveIntegerField(default=0)
    entrusted_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="entrusted_to_cases", verbose_name=_("entrusted from"))
    search_text = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["unit", "state"]),
            models.Index(fields=["unit", "-last_event_on"]),
            models.Index(fields=["officer", "state"]),
            models.Index(fields=["decided_on"]),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(outstanding__gte=0), name="case_outstanding_not_negative"),
        ]

    def __str__(self) -> str:
        return self.ext_id

    @property
    def is_decided(self) -> bool:
        return self.decided_on is not None

    def debtors(self):
        return [p for p in self.parties.all() if p.role == choices.DEBTOR]

    def creditors(self):
        return [p for p in self.parties.all() if p.role == choices.CREDITOR]


class IdentifierKey(Func):
    """A party identifier (citizen ID, passport, tax code: whatever ``Party.id_number`` holds) as it is searched:
    without spaces, in upper case. The expression is written with its literals inline so that the query repeats the
    indexed expression exactly (both databases use an index on an expression only when the query's expression is
    the same; a bound parameter is not). ``thads.cases.search.normalise_identifier`` is its Python twin."""

    template = "UPPER(REPLACE(%(expressions)s, ' ', ''))"
    output_field = models.CharField()


class Party(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("role"), max_length=8, choices=choices.PARTY_ROLE)
    kind = models.CharField(_("kind"), max_length=12, choices=choices.PARTY_KIND, default="person")
    name = models.CharField(_("name"), max_length=255)
    id_number = models.CharField(_("ID number or tax code"), max_length=32, blank=True)
    address = models.CharField(_("address"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["case", "role", "position"]
        # The exact search by identifier (``thads.cases.search``) looks the normalised ID number up here; ID numbers
        # are not in the case's word index (a prefix search would let anyone rebuild them digit by digit).
        # With the case id in the index the lookup never reads the party rows (a bank's tax code is held by a
        # tenth of a province's cases: 3× faster on SQLite).
        indexes = [models.Index(IdentifierKey("id_number"), models.F("case_id"), name="party_identifier_key")]

    def __str__(self) -> str:
        return self.name


class Obligation(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="obligations", db_index=False)
    code = models.CharField(_("code"), max_length=32)
    kind = models.CharField(_("kind"), max_length=32, choices=choices.OBLIGATION_KIND)
    beneficiary = models.CharField(_("beneficiary"), max_length=8, choices=choices.BENEFICIARY)
    amount = models.BigIntegerField(_("amount"))
    outstanding = models.BigIntegerField(_("outstanding"))
    creditor = models.ForeignKey(Party, null=True, blank=True, on_delete=models.PROTECT, related_name="obligations")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        ordering = ["case", "position"]
        constraints = [
            models.UniqueConstraint(fields=["case", "code"], name="obligation_code_unique_in_case"),
            models.CheckConstraint(condition=models.Q(outstanding__gte=0) & models.Q(amount__gte=0),
                                   name="obligation_money_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.code}"


#: The history rows that open a case from a form (their token is unique: one form, one case).
RECEIPT_KINDS = ("receive_judgment", "receive_request")


class CaseNumberCounter(models.Model):
    """The last case number given in a unit and year (``<unit code>-<year>-<number>``). ``do_receive`` locks this
    row to take the next number, so that two clerks receiving at once get two numbers (reading MAX(ext_id) + 1
    without a lock gave both the same one, and the second a unique violation). Seeded from the largest stored
    number of the unit and year, so imported cases' numbers are not given again."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", db_index=False)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="case_number_counter_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.year}: {self.last}"


class CaseEvent(models.Model):
    """One act in a case's history (append-only)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events", db_index=False)  # (case, seq)
    seq = models.PositiveIntegerField()
    kind = models.CharField(_("event"), max_length=32)
    on = models.DateField(_("legal date"))
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", db_index=False)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("acting unit"),
                             db_index=False)
    from_state = models.CharField(max_length=16, blank=True)
    to_state = models.CharField(max_length=16, blank=True)
    from_phase = models.CharField(max_length=16, blank=True)
    to_phase = models.CharField(max_length=16, blank=True)
    ground = models.CharField(_("ground"), max_length=16, blank=True)
    decision_no = models.CharField(_("decision number"), max_length=64, blank=True)
    obligation = models.ForeignKey(Obligation, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                   db_index=False)
    amount = models.BigIntegerField(null=True, blank=True)
    target_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                    db_index=False)
    target_officer = models.ForeignKey(Officer, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                       db_index=False)
    to_text = models.CharField(max_length=255, blank=True)
    details = models.JSONField(default=dict, blank=True)
    corrects = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections",
                                 db_index=False)
    source = models.CharField(max_length=8, choices=choices.EVENT_SOURCE, default="user")
    # The form's one-time token: an act's is looked up within one case's rows; a receipt's (the first row of a new
    # case) is unique among receipts, so that a double submit of the receive form cannot open two cases.
    request_token = models.CharField(max_length=40, blank=True, default="")

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case history")
        ordering = ["case", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["case", "seq"], name="case_event_seq_unique"),
            models.UniqueConstraint(fields=["request_token"], name="case_event_receipt_token_unique",
                                    condition=models.Q(kind__in=RECEIPT_KINDS) & ~models.Q(request_token="")),
        ]
        indexes = [models.Index(fields=["on", "kind"]), models.Index(fields=["unit", "on"])]

    def __str__(self) -> str:
        return f"{self.case_id}#{self.seq} {self.kind} {self.on}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise RuntimeError("case history is append-only: write a correcting act instead")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("case history is append-only")


def _attachment_path(instance: Attachment, filename: str) -> str:
    import uuid
    from pathlib import PurePosixPath

    return f"attachments/{instance.case_id}/{uuid.uuid4().hex}{PurePosixPath(filename).suffix.lower()}"


class Attachment(models.Model):
    """A scan or file attached to a case (decision, receipt…). The bytes live in the default storage under
    ``MEDIA_ROOT/attachments/<case id>/`` (``THADS_MEDIA_DIR``), never in the database; the row keeps the path, the
    original name, the sniffed type, the size and the SHA-256. Append-only: never changed nor deleted
    (``thads.cases.attachments``)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="attachments", verbose_name=_("case"))
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=255)
    filename = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    description = models.CharField(_("description"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["case", "-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.filename}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise RuntimeError("attachments are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("attachments are append-only")
