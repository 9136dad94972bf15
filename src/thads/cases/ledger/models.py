"""The money ledger (cash book, THADS.md §3.3; TT 04/2023/TT-BTP Arts. 13–19): one row per money movement, never
edited.

The ledger is derived, the case history is primary (issue 13 item 4): every row is written by the act (or the
import) that appends its money event, from that event by ``thads.domain.ledger.ledger_lines``, and points at it
(``event``). Outstanding amounts and the statistics' money figures come from the history (``CaseEvent.amount``),
not from these rows; ``thads check-integrity`` proves that the rows are exactly the derived ones.

Kinds (``thads.domain.money.LedgerKind``, the one enumeration): THU collection (biên lai thu tiền), CHI_TRA payout to
a creditor, NOP_NSNN payment into the state budget, PHI_THA enforcement fee (Art. 60) withheld from a payout,
HOAN_TRA the refund of a fee exempted or reduced afterwards (TT 216/2016 Art. 7: a ``fee_relief`` row); the deposit
(GUI_TIET_KIEM, TAM_GUI_KHO_BAC) and forfeiture (SUNG_QUY) kinds are defined but no act writes them yet. A fee
refund is paid out of the fee withheld, not out of the money held for the case.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thads.cases.models import Case, CaseEvent, Obligation, Party
from thads.domain.money import LedgerKind
from thads.org.models import Unit

#: The labels of the ledger kinds (English msgids, Vietnamese in the catalogue).
LEDGER_KIND_LABELS = {
    LedgerKind.THU: _("collection"),
    LedgerKind.CHI_TRA: _("payout to creditor"),
    LedgerKind.NOP_NSNN: _("payment into the state budget"),
    LedgerKind.GUI_TIET_KIEM: _("savings deposit"),
    LedgerKind.TAM_GUI_KHO_BAC: _("treasury deposit"),
    LedgerKind.SUNG_QUY: _("forfeiture to the state"),
    LedgerKind.HOAN_TRA: _("refund"),
    LedgerKind.PHI_THA: _("enforcement fee"),
}
LEDGER_KIND_CHOICES = [(kind.value, LEDGER_KIND_LABELS[kind]) for kind in LedgerKind]

# Movements that take held money out of the agency's hands (the rest: THU brings it in).
OUTFLOW_KINDS = frozenset({LedgerKind.CHI_TRA, LedgerKind.NOP_NSNN, LedgerKind.GUI_TIET_KIEM,
                           LedgerKind.TAM_GUI_KHO_BAC, LedgerKind.SUNG_QUY, LedgerKind.HOAN_TRA, LedgerKind.PHI_THA})


class LedgerEntry(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="ledger", db_index=False)  # (case, on)
    obligation = models.ForeignKey(Obligation, null=True, blank=True, on_delete=models.PROTECT, related_name="ledger")
    payee = models.ForeignKey(Party, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              db_index=False)
    kind = models.CharField(_("kind"), max_length=16, choices=LEDGER_KIND_CHOICES)
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
