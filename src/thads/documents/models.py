"""Documents of a case (decisions, notices, receipts) and the versioned templates they are made from.

Files live in the default storage (``settings.MEDIA_ROOT``, env ``THADS_MEDIA_DIR``), never in the database; a row
keeps the path and the SHA-256 of the bytes. Both tables are append-only in practice: a template version is never
changed or deleted (documents made from it point at it, ``PROTECT``), a new version is uploaded instead; a document
is never regenerated in place, a new one is made. Every write is a ``do_*`` action of ``thads.documents.actions``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thads.cases.models import Case, CaseEvent
from thads.domain.legal_bases import DocKind
from thads.domain.measure_texts import MeasureDocKind
from thads.org.models import Unit

KIND_LABELS = {
    DocKind.DECIDE_PROACTIVE: _("decision to enforce (proactive)"),
    DocKind.DECIDE_ON_REQUEST: _("decision to enforce (on request)"),
    DocKind.POSTPONE: _("postponement decision"),
    DocKind.RESUME: _("continuation decision"),
    DocKind.SUSPEND: _("suspension"),
    DocKind.TERMINATE: _("termination decision"),
    DocKind.NOT_YET_ABLE: _("not-yet-enforceable decision"),
    DocKind.ENTRUST: _("entrustment decision"),
    DocKind.REVOKE: _("revocation decision"),
    DocKind.NOTICE_DEBTOR: _("notice to the debtor"),
    DocKind.PAYOUT_NOTICE: _("payout notice"),
    DocKind.RECEIPT: _("receipt"),
    DocKind.CREDITOR_NOTICE: _("notice to the creditor after two re-verifications"),
    DocKind.ENTRUST_REVOKE: _("decision revoking the decision to enforce (entrustment)"),
    DocKind.RETURN_REQUEST: _("notice returning the request for enforcement"),
    DocKind.FEE_DECISION: _("decision to collect the enforcement fee"),
    DocKind.FEE_RELIEF: _("decision exempting or reducing the enforcement fee"),
    DocKind.FEE_RELIEF_REFUSAL: _("notice refusing to exempt or reduce the enforcement fee"),
    # issue 15: the documents of a measure or a coercion plan (``Document.subject``), words in ``domain.measure_texts``
    MeasureDocKind.ACCOUNT_FREEZE: _("decision to freeze an account or deposited assets"),
    MeasureDocKind.ASSET_SEIZURE: _("decision to seize assets or papers temporarily"),
    MeasureDocKind.TRANSFER_BAN: _("decision to stop the registration or transfer of an asset"),
    MeasureDocKind.ACCOUNT_DEDUCTION: _("decision to deduct money from an account"),
    MeasureDocKind.INCOME_DEDUCTION: _("decision to deduct from the debtor's income"),
    MeasureDocKind.THIRD_PARTY_COLLECTION: _("decision to collect money for enforcement"),
    MeasureDocKind.DISTRAINT: _("decision to distrain assets"),
    MeasureDocKind.FORCED_EXPLOITATION: _("decision to exploit assets by coercion"),
    MeasureDocKind.FORCED_HANDOVER: _("decision to hand over things, papers or property rights by coercion"),
    MeasureDocKind.FORCED_ACT: _("decision to perform or refrain from an act by coercion"),
    MeasureDocKind.EXIT_BAN: _("decision to ban the debtor from leaving the country"),
    MeasureDocKind.RELEASE: _("decision ending or revoking a measure"),
    MeasureDocKind.COERCION_PLAN: _("coercion plan"),
}
KIND_CHOICES = [(k.value, label) for k, label in KIND_LABELS.items()]


def _template_path(instance: DocumentTemplate, filename: str) -> str:
    return f"documents/templates/{instance.kind}/v{instance.version}-{uuid.uuid4().hex[:8]}.docx"


def _document_path(instance: Document, filename: str) -> str:
    return f"documents/cases/{instance.case_id}/{instance.kind}-{uuid.uuid4().hex}.docx"


class DocumentTemplate(models.Model):
    """One version of the .docx template of a document kind (docxtpl/Jinja fields: the table in
    ``thads.documents.generate``). Written by ``thads.documents.actions`` only."""

    kind = models.CharField(_("document kind"), max_length=32, choices=KIND_CHOICES)
    version = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("template file (.docx)"), upload_to=_template_path, max_length=255)
    sha256 = models.CharField(max_length=64, editable=False)
    note = models.CharField(_("what changed"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    active = models.BooleanField(_("used for new documents"), default=True)

    class Meta:
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="document_template_version_unique"),
            models.UniqueConstraint(fields=["kind"], condition=models.Q(active=True),
                                    name="document_template_one_active_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}"


class Document(models.Model):
    """A generated document attached to a case: the template version used, the act it documents, its number."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents", verbose_name=_("case"))
    kind = models.CharField(_("document kind"), max_length=32, choices=KIND_CHOICES)
    template = models.ForeignKey(DocumentTemplate, on_delete=models.PROTECT, related_name="documents",
                                 verbose_name=_("template version"))
    file = models.FileField(_("file"), upload_to=_document_path, max_length=255)
    event = models.ForeignKey(CaseEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("act documented"))
    # The record of a higher context the document is about, when it is not a history row ("measure:12",
    # "plan:3"; ``thads.documents.subjects.Subject``): the measure's page lists its documents by it.
    subject = models.CharField(_("subject"), max_length=32, blank=True, default="")
    on = models.DateField(_("document date"))
    number = models.CharField(_("number"), max_length=64, blank=True)
    sha256 = models.CharField(max_length=64, editable=False)
    legal_refs = models.JSONField(_("legal bases"), default=list, blank=True)  # [[ref, verified], …]
    verified = models.BooleanField(_("legal bases verified"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["case", "-created_at", "-id"]
        indexes = [models.Index(fields=["case", "-created_at"]),
                   models.Index(fields=["subject"], name="documents_document_subject")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}".strip()

    @property
    def filename(self) -> str:
        stem = f"{self.case.ext_id}-{self.kind}-{self.pk}"
        return f"{stem}.docx"


class Letterhead(models.Model):
    """What a unit's documents print above the title: the governing body, the place of issue ("Huế, ngày …") and
    the symbol after the number ("…/QĐ-CCTHADS"). Units without one use their name, their parent's name, the
    ``DOCUMENT_PLACE`` setting and "THADS"."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="letterhead", verbose_name=_("unit"))
    place = models.CharField(_("place of issue"), max_length=64)
    governing_body = models.CharField(_("governing body (line above the unit)"), max_length=255, blank=True)
    symbol = models.CharField(_("symbol after the number"), max_length=32, default="THADS")

    class Meta:
        verbose_name = _("letterhead")
        verbose_name_plural = _("letterheads")

    def __str__(self) -> str:
        return f"{self.unit.name}: {self.place}"
