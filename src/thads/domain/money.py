"""Pure money rules of a case: Art. 47 order of payment, payout limit, enforcement fee, exemption/reduction advice,
and the ledger kinds. Pure Python; amounts are ``int`` VND throughout (never float).

Legal basis: Luật THADS Arts. 47, 60, 61 (as amended by Law 64/2014); TTLT 12/2015/TTLT-BTP-BTC-TANDTC-VKSNDTC
Art. 4; TT 216/2016/TT-BTC (fee: ``thads.domain.fees``); TT 04/2023/TT-BTP Arts. 13–19 and
Decree 62/2015 Art. 49 (ledger).
See THADS.md §2.14, §2.15, §3.
"""

from __future__ import annotations

from enum import StrEnum

from thads.domain.allocation import (  # re-exported: Art. 47 order of payment (Decree 62 Art. 49.1; TTLT 11/2016)
    DEFAULT_INTEREST_ORDER,
    DEFAULT_PAYMENT_RANKS,
    DEFAULT_RANK,
    Beneficiary,
    DecisionDue,
    InterestOrder,
    MoneyError,
    ObligationDue,
    PaymentRank,
    allocate_across_decisions,
    allocate_collection,
    named_out_of_order,
    payment_rank,
)
from thads.domain.fees import (  # re-exported: the enforcement fee (Art. 60; TT 216/2016 Arts. 4–7)
    DEFAULT_BASE_SALARIES,
    DEFAULT_FEE_SCHEDULE,
    BaseSalary,
    FeeExemption,
    FeeSchedule,
    FeeTiming,
    enforcement_fee,
    fee_exemption,
)
from thads.domain.money_relief import (  # re-exported: Arts. 61–64 exemption/reduction advice
    DEFAULT_REDUCTION_RULES,
    ReductionAdvice,
    ReductionRules,
    ReliefKind,
    is_partly_paid,
    reduction_limit,
)
from thads.lib.numbers import format_vnd

__all__ = [
    "DEFAULT_BASE_SALARIES", "DEFAULT_FEE_SCHEDULE", "DEFAULT_PAYMENT_RANKS", "DEFAULT_RANK",
    "DEFAULT_REDUCTION_RULES", "LEDGER_LABELS_VI", "BaseSalary", "Beneficiary", "FeeExemption", "FeeSchedule",
    "FeeTiming", "fee_exemption",
    "LedgerKind", "MoneyError", "ObligationDue", "ReductionAdvice", "ReductionRules", "ReliefKind",
    "DEFAULT_INTEREST_ORDER", "DecisionDue", "InterestOrder", "PaymentRank", "allocate_across_decisions",
    "named_out_of_order", "allocate_collection", "check_payout", "enforcement_fee", "is_partly_paid",
    "payment_rank", "reduction_limit",
]


# Art. 47 (order of payment), MoneyError, Beneficiary and ObligationDue live in ``thads.domain.allocation``
# (re-exported above).


def check_payout(amount: int, collected_for_creditor: int, paid_out_to_creditor: int) -> int:
    """Refuse paying a creditor more than was collected for them and not yet paid out (Art. 47; TT 04/2023 Art. 18).

    Returns what is still held for that creditor after this payout.
    """
    if paid_out_to_creditor > collected_for_creditor or min(collected_for_creditor, paid_out_to_creditor) < 0:
        raise ValueError("inconsistent ledger: paid out more than collected, or a negative total")
    if amount <= 0:
        raise MoneyError("payout.not_positive", "Số tiền chi trả phải lớn hơn 0 ₫.")
    held = collected_for_creditor - paid_out_to_creditor
    if amount > held:
        raise MoneyError(
            "payout.exceeds_held",
            f"Không thể chi trả {format_vnd(amount)}: số tiền đã thu cho người được thi hành án "
            f"mà chưa chi trả chỉ còn {format_vnd(held)}.",
        )
    return held - amount


# Art. 60, the enforcement fee (FeeTiming, FeeSchedule, enforcement_fee, the Art. 6 exemptions) lives in
# ``thads.domain.fees`` (re-exported above).


# ---------------------------------------------------------------------------------------------------------------
# Ledger
# ---------------------------------------------------------------------------------------------------------------


class LedgerKind(StrEnum):
    """Kinds of money movement rows (THADS.md §3.3; TT 04/2023/TT-BTP Arts. 13–19; Decree 62/2015 Art. 49).

    Every row links to an obligation (khoản) and to the history event it comes from: the rows are derived from the
    money events of the case history (``thads.domain.ledger.ledger_lines``), which is the one record of money; the
    statistics replay the history, not these rows. ``HOAN_TRA`` also covers "thoái thu" (refund of money wrongly
    collected). ``THU``, ``CHI_TRA``, ``NOP_NSNN``, ``PHI_THA`` and ``HOAN_TRA`` (the refund of an enforcement fee
    exempted or reduced after it was withheld, TT 216/2016 Art. 7) are written today; the deposit and forfeiture
    kinds wait for the acts that will produce them.

    The one enumeration of ledger kinds: ``cases.ledger.models.LedgerEntry.kind`` takes its choices from it.
    """

    THU = "THU"  # collection, with a receipt (biên lai)
    CHI_TRA = "CHI_TRA"  # payout to a person (phiếu chi), within 10 days of collection (Art. 47.5)
    NOP_NSNN = "NOP_NSNN"  # payment into the state budget
    GUI_TIET_KIEM = "GUI_TIET_KIEM"  # savings deposit of unclaimed money (Art. 126; Decree 62 Art. 49.2)
    TAM_GUI_KHO_BAC = "TAM_GUI_KHO_BAC"  # temporary deposit account at the State Treasury
    SUNG_QUY = "SUNG_QUY"  # forfeiture of unclaimed money to the state (Decree 62 Art. 49.5)
    HOAN_TRA = "HOAN_TRA"  # refund (hoàn trả / thoái thu)
    PHI_THA = "PHI_THA"  # enforcement fee deducted from the creditor's money (Art. 60)


LEDGER_LABELS_VI: dict[LedgerKind, str] = {
    LedgerKind.THU: "Thu tiền thi hành án",
    LedgerKind.CHI_TRA: "Chi trả tiền thi hành án",
    LedgerKind.NOP_NSNN: "Nộp ngân sách nhà nước",
    LedgerKind.GUI_TIET_KIEM: "Gửi tiết kiệm",
    LedgerKind.TAM_GUI_KHO_BAC: "Tạm gửi Kho bạc Nhà nước",
    LedgerKind.SUNG_QUY: "Sung quỹ nhà nước",
    LedgerKind.HOAN_TRA: "Hoàn trả, thoái thu",
    LedgerKind.PHI_THA: "Phí thi hành án",
}
