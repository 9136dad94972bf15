"""Pure money rules of a case: Art. 47 order of payment, payout limit, enforcement fee, exemption/reduction advice,
and the ledger kinds. Pure Python; amounts are ``int`` VND throughout (never float).

Legal basis: Luật THADS Arts. 47, 60, 61 (as amended by Law 64/2014); TTLT 12/2015/TTLT-BTP-BTC-TANDTC-VKSNDTC
Art. 4; TT 216/2016/TT-BTC (fee, [S]); TT 04/2023/TT-BTP Arts. 13–19 and Decree 62/2015 Art. 49 (ledger).
See THADS.md §2.14, §2.15, §3.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

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
    "DEFAULT_REDUCTION_RULES", "LEDGER_LABELS_VI", "BaseSalary", "Beneficiary", "FeeSchedule", "FeeTiming",
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


# ---------------------------------------------------------------------------------------------------------------
# Art. 60: enforcement fee (phí thi hành án), TT 216/2016/TT-BTC
# ---------------------------------------------------------------------------------------------------------------


class FeeTiming(StrEnum):
    """When the debtor paid the money the creditor receives (TT 216/2016 [S])."""

    VOLUNTARY = "voluntary"  # within the 10-day voluntary period (Art. 45): no fee
    BEFORE_COERCION = "before_coercion"  # after the voluntary period, before coercion is carried out: reduced
    COERCED = "coerced"  # after coercion / collected by the agency: full fee


@dataclass(frozen=True, slots=True)
class BaseSalary:
    """Statutory base salary (lương cơ sở) and the day it took effect."""

    effective_from: date
    amount: int
    source: str = ""


#: Base salaries (lương cơ sở) since TT 216/2016 took effect. UNVERIFIED: amounts and dates from memory of the
#: decrees named; check them, and append new ones (configuration, not code).
DEFAULT_BASE_SALARIES: tuple[BaseSalary, ...] = (
    BaseSalary(date(2016, 5, 1), 1_210_000, "Nghị định 47/2016/NĐ-CP"),
    BaseSalary(date(2017, 7, 1), 1_300_000, "Nghị định 47/2017/NĐ-CP"),
    BaseSalary(date(2018, 7, 1), 1_390_000, "Nghị định 72/2018/NĐ-CP"),
    BaseSalary(date(2019, 7, 1), 1_490_000, "Nghị định 38/2019/NĐ-CP"),
    BaseSalary(date(2023, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP"),
    BaseSalary(date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP"),
)


@dataclass(frozen=True, slots=True)
class FeeSchedule:
    """Enforcement fee parameters (Luật THADS Art. 60; TT 216/2016/TT-BTC). All configurable.

    * ``rate`` 3 % of the money/asset value actually received [S].
    * No fee when the amount received is not above ``threshold_multiple`` × base salary [S].
    * ``before_coercion_fraction``: paid after the voluntary period but before coercion → fraction of the fee
      ("1/3" per a thuvienphapluat Q&A) [S, wording UNVERIFIED].
    * Above ``high_tier_from`` (5 billion VND) the tier is **UNVERIFIED** (TT 216/2016 Art. 4 not checked): with
      ``high_tier_rate=None`` (default) the normal rate simply continues; set a rate to charge
      ``rate × high_tier_from + high_tier_rate × excess``.
    * ``rounding``: the fee is computed in :class:`~decimal.Decimal` and rounded once to whole VND, half up
      (no rounding rule found in the sources: UNVERIFIED, configurable).
    """

    rate: Decimal = Decimal("0.03")
    threshold_multiple: int = 2
    base_salaries: tuple[BaseSalary, ...] = DEFAULT_BASE_SALARIES
    before_coercion_fraction: Fraction = Fraction(1, 3)
    high_tier_from: int = 5_000_000_000
    high_tier_rate: Decimal | None = None
    rounding: str = ROUND_HALF_UP

    def base_salary_on(self, on: date | None = None) -> int:
        """Base salary in force on ``on`` (the latest configured one when ``on`` is None)."""
        ordered = sorted(self.base_salaries, key=lambda b: b.effective_from)
        if not ordered:
            raise ValueError("FeeSchedule has no base salary configured")
        if on is None:
            return ordered[-1].amount
        in_force = [b for b in ordered if b.effective_from <= on]
        if not in_force:
            raise ValueError(f"no base salary configured in force on {on.isoformat()}")
        return in_force[-1].amount


DEFAULT_FEE_SCHEDULE = FeeSchedule()


def enforcement_fee(
    amount_received: int, timing: FeeTiming, schedule: FeeSchedule = DEFAULT_FEE_SCHEDULE, on: date | None = None
) -> int:
    """Enforcement fee in whole VND owed by the creditor on ``amount_received`` (Luật THADS Arts. 3.7, 60;
    TT 216/2016/TT-BTC, see :class:`FeeSchedule` for the UNVERIFIED parts).

    ``on`` (the day the money is received) selects the base salary for the exemption threshold. Not for money paid
    into the state budget (the state is not charged a fee) nor for coercion costs (Art. 73), which are separate.
    """
    if amount_received < 0:
        raise ValueError("amount_received must not be negative")
    timing = FeeTiming(timing)
    if timing is FeeTiming.VOLUNTARY:
        return 0
    if amount_received <= schedule.threshold_multiple * schedule.base_salary_on(on):
        return 0
    amount = Decimal(amount_received)
    if schedule.high_tier_rate is not None and amount_received > schedule.high_tier_from:
        top = Decimal(schedule.high_tier_from)
        fee = top * schedule.rate + (amount - top) * schedule.high_tier_rate
    else:
        fee = amount * schedule.rate
    if timing is FeeTiming.BEFORE_COERCION:
        fraction = schedule.before_coercion_fraction
        fee = fee * Decimal(fraction.numerator) / Decimal(fraction.denominator)
    return int(fee.quantize(Decimal(1), rounding=schedule.rounding))


# ---------------------------------------------------------------------------------------------------------------
# Ledger
# ---------------------------------------------------------------------------------------------------------------


class LedgerKind(StrEnum):
    """Kinds of money movement rows (THADS.md §3.3; TT 04/2023/TT-BTP Arts. 13–19; Decree 62/2015 Art. 49).

    Every row links to an obligation (khoản) and to the history event it comes from: the rows are derived from the
    money events of the case history (``thads.domain.ledger.ledger_lines``), which is the one record of money; the
    statistics replay the history, not these rows. ``HOAN_TRA`` also covers "thoái thu" (refund of money wrongly
    collected). Only ``THU``, ``CHI_TRA``, ``NOP_NSNN`` and ``PHI_THA`` are written today; the deposit, forfeiture
    and refund kinds wait for the acts that will produce them.

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
