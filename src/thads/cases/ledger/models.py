"""The money ledger (THADS.md §3.3): one row per money movement, never edited. Outstanding amounts and the
statistics' money figures are derived from it and from the case history, not typed in.

Kinds: THU collection (biên lai thu tiền), CHI_TRA payout to a creditor, NOP_NSNN payment into the state budget,
GUI_TIET_KIEM / TAM_GUI_KHO_BAC deposit of unclaimed money, SUNG_QUY forfeiture to the state, HOAN_TRA refund,
PHI_THA enforcement fee (Art. 60) withheld from a payout.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thads.cases.models import Case, CaseEvent, Obligation, Party
from thads.org.models import Unit


class LedgerKind(models.TextChoices):
    THU = "THU", _("collection")
    CHI_TRA = "CHI_TRA", _("payout to creditor")
    NOP_NSNN = "NOP_NSNN", _("payment into the state budget")
    GUI_TIET_KIEM = "GUI_TIET_KIEM", _("savings deposit")
    TAM_GUI_KHO_BAC = "TAM_GUI_KHO_BAC", _("treasury deposit")
    SUNG_QUY = "SUNG_QUY", _("forfeiture to the state")
    HOAN_TRA = "HOAN_TRA", _("refund")
    PHI_THA = "PHI_THA", _("enforcement fee")


# Movements that take held money out of the agency's hands (the rest: THU brings it in).
OUTFLOW_KINDS = frozenset({LedgerKind.CHI_TRA, LedgerKind.NOP_NSNN, LedgerKind.GUI_TIET_KIEM,
                           LedgerKind.TAM_GUI_KHO_BAC, LedgerKind.SUNG_QUY, LedgerKind.HOAN_TRA, LedgerKind.PHI_THA})


class LedgerEntry(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="ledger", db_index=False)  # (case, on)
    obligation = models.ForeignKey(Obligation, null=True, blank=True, on_delete=models.PROTECT, related_name="ledger")
    payee = models.ForeignKey(Party, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              db_index=False)
    kind = models.CharField(_("kind"), max_length=16, choices=LedgerKind.choices)
    amount = models.BigIntegerField(_("amount"))
    on = models.DateField(_("date"))
    receipt_no = models.CharField(_("receipt or voucher number"), max_length=64, blank=True)
    event = models.ForeignKey(CaseEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="ledger",
                              db_index=False)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", db_index=False)  # (unit, on)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", db_index=False)
    note = models.CharField(_("note"), max_length=255, blank=True)
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger")
        ordering = ["case", "on", "id"]
        indexes = [models.Index(fields=["case", "on"]), models.Index(fields=["unit", "on"])]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="ledger_amount_positive")]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount} {self.on}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise RuntimeError("the ledger is append-only: record a refund or a correcting entry")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("the ledger is append-only")
