"""The cash book derived from the case history (issue 13 item 4: one source of truth for money). Pure Python.

The case history is primary: a collection (``payment``), a payout (``payout``) or a reduction (``reduced``) is a
legal act, recorded as one ``CaseEvent`` with its amount and obligation. The ledger rows (``LedgerEntry``: the
receipts and payment vouchers of the cash book, TT 04/2023/TT-BTP Arts. 13–19) are *derived* from those events by
:func:`ledger_lines`, the one definition used by ``cases.actions.do_act`` and the importer to write them and by
``thads check-integrity`` to prove that the stored rows are exactly the derived ones. The statistics never read the
ledger: they replay the history (``thads.domain.contrib``, ``thads.domain.report``).

Which event gives which rows:

* ``payment`` (thu tiền, Luật THADS Art. 47.1; receipt, TT 04/2023 Art. 13): one ``THU`` row of the amount.
* ``payout`` (Art. 47.5; payment voucher, TT 04/2023 Art. 18):
  - of an obligation owed to the state budget: one ``NOP_NSNN`` row of the amount (the state pays no fee);
  - of a creditor's obligation: the enforcement fee withheld from it (Art. 60; TT 216/2016/TT-BTC, see
    :func:`payout_fee` and ``domain.fees``), a ``PHI_THA`` row when above 0, and the remainder paid to the
    creditor, a ``CHI_TRA`` row when above 0. The fee is computed once, when the payout is entered, and kept in
    the event's details (``details["fee"]``) so that the rows can be derived again whatever the fee schedule
    becomes later; with it ``details["fee_base"]`` (the part of the amount that counts towards the creditor's
    cumulative fee, Arts. 5.2–5.3: 0 when exempt or not charged), ``details["fee_timing"]`` and, when exempt,
    ``details["fee_exemption"]`` (the TT 216/2016 Art. 6 point).
  A fee reduced on the creditor's application (TT 216/2016 Art. 7, ``domain.fee_relief``) keeps the fee before
  the relief in ``details["fee_gross"]`` (what the cumulative fee counts) and the relief's row in
  ``details["fee_relief_seq"]``; ``details["fee"]`` is what was withheld.
* ``fee_relief`` (the head's decision exempting or reducing the fee of a fee decision already withheld, TT 216/2016
  Art. 7; an internal history row, not an interchange event): one ``HOAN_TRA`` row of the amount refunded to the
  creditor out of the fee (``details["payout_seq"]`` names the payout whose fee it refunds).
* ``reduced`` (miễn, giảm, Arts. 61–64) and every other event: no money moves, no row.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, NamedTuple

from thads.domain.fee_relief import ReliefGrant, reduced_fee
from thads.domain.fees import FeeExemption, FeeTiming, enforcement_fee, fee_exemption, fee_timing
from thads.domain.money import Beneficiary, LedgerKind, MoneyError

#: History event kinds that carry an amount of money (``CaseEvent.amount``).
MONEY_EVENTS = frozenset({"payment", "payout", "reduced", "fee_relief"})
#: Those of them that move money through the cash book (the others only lower what is owed).
CASH_EVENTS = frozenset({"payment", "payout", "fee_relief"})
#: The internal history row of the head's decision on a fee relief application (TT 216/2016 Art. 7.4).
FEE_RELIEF_EVENT = "fee_relief"


class LedgerLine(NamedTuple):
    """One derived ledger row, ``(kind, amount)`` (the row also carries the event's obligation, date and unit)."""

    kind: LedgerKind
    amount: int


class PayoutFee(NamedTuple):
    """The fee decided for one payout and what is kept of it in the payout event's details."""

    fee: int
    base: int  # the part of the amount that counts towards the creditor's cumulative fee (Arts. 5.2–5.3)
    timing: str  # the timing applied ("" when none was given), legacy values mapped
    exemption: str  # the TT 216/2016 Art. 6 point that exempts the payout, or ""
    gross: int = -1  # the fee before an Art. 7 relief (-1: none applied, ``fee`` is the whole fee)
    relief: ReliefGrant | None = None  # the Art. 7 relief applied to it

    def details(self) -> dict[str, Any]:
        """The keys kept in the payout event's details (``fee`` is what ``ledger_lines`` derives the rows from)."""
        out: dict[str, Any] = {"fee": self.fee, "fee_base": self.base, "fee_timing": self.timing}
        if self.exemption:
            out["fee_exemption"] = self.exemption
        if self.relief is not None:
            out.update(fee_gross=self.gross, fee_relief_seq=self.relief.seq, fee_relief_ground=self.relief.point,
                       fee_relief_percent=self.relief.percent)
        return out


class PriorPayout(NamedTuple):
    """An earlier payout to the same creditor under the same case, as its history event keeps it."""

    base: int  # what it counted towards the cumulative fee
    fee: int  # the fee charged on it before any Art. 7 relief (what the cumulative fee counts)


def prior_payout(amount: int | None, details: Mapping[str, Any] | str | None) -> PriorPayout:
    """Read an earlier payout event (its amount and details) for the cumulative fee (TT 216/2016 Arts. 5.2–5.3).

    A payout entered since the fee became cumulative keeps ``fee_base``. An older one kept only ``fee``: it counts
    with its whole amount when a fee was withheld, and not at all when none was (it cannot tell a voluntary or
    exempt payout from one below the threshold; leaving it out may under-charge a later instalment by at most the
    fee of two base salaries, which Art. 5.5 lets the agency collect later; counting it could over-charge)."""
    if isinstance(details, str):  # a JSON text (raw rows)
        details = json.loads(details) if details else {}
    details = details or {}
    fee = int(details.get("fee_gross", details.get("fee")) or 0)  # a relief is not caught up (Art. 7)
    if "fee_base" in details:
        return PriorPayout(int(details["fee_base"] or 0), fee)
    return PriorPayout(int(amount or 0) if fee > 0 else 0, fee)


def payout_fee_decision(amount: int, beneficiary: str, timing: FeeTiming | str | None, on: date | None = None, *,
                        kind: str = "", proactive: bool | None = None, exemption: FeeExemption | str | None = None,
                        prior: Iterable[PriorPayout] = (), relief: ReliefGrant | None = None) -> PayoutFee:
    """The enforcement fee withheld from a payout of ``amount`` (Luật THADS Art. 60; TT 216/2016/TT-BTC Arts. 4–6).

    * None for money paid into the state budget, none when no fee timing is given (the accountant charged none).
    * A payout is money the agency collected: the full fee (Art. 4.5); the legacy timing ``before_coercion`` is
      read as such. The one third of Art. 4.4 (``direct``: handed over between the parties outside the agency)
      cannot be a payout: refused with :class:`~thads.domain.money.MoneyError`.
    * None, with the Art. 6 point, when exempt (:func:`thads.domain.fees.fee_exemption`: the obligation ``kind``,
      ``proactive`` for money returned under Art. 36.2.b, a point the accountant states in ``exemption``, the
      voluntary period).
    * Otherwise cumulative over the creditor's payouts under the case (Arts. 5.2–5.3): the fee of all fee-bearing
      money paid out to that creditor after this payout minus the fees already withheld (``prior``, read from the
      history's payout events with :func:`prior_payout`), never below 0.
    * ``relief``: an Art. 7 relief decided for this fee decision (``domain.fee_relief.payout_relief``): the fee
      withheld is reduced by its share; the fee before it is kept as ``gross`` (TT 216/2016 Art. 7.1–7.2).
    """
    if beneficiary == Beneficiary.STATE or not timing:
        return PayoutFee(0, 0, "", "")
    applied = fee_timing(timing)
    if applied is FeeTiming.DIRECT:
        raise MoneyError("payout.fee_direct",
                         "Tiền chi trả qua cơ quan thi hành án chịu 100% mức phí (Thông tư 216/2016/TT-BTC Điều 4.5); "
                         "mức 1/3 chỉ áp dụng khi đương sự tự giao, nhận tiền, tài sản cho nhau (Điều 4.4).")
    exempt = fee_exemption(kind, proactive=proactive, stated=exemption or None, timing=applied)
    if exempt is not None:
        return PayoutFee(0, 0, applied.value, exempt.value)
    prior = list(prior)
    fee = enforcement_fee(amount, applied, on=on, received_before=sum(p.base for p in prior),
                          charged_before=sum(p.fee for p in prior))
    fee = min(fee, amount)
    if relief is not None and fee > 0:
        return PayoutFee(reduced_fee(fee, relief), amount, applied.value, "", fee, relief)
    return PayoutFee(fee, amount, applied.value, "")


def payout_fee(amount: int, beneficiary: str, timing: FeeTiming | str | None, on: date | None = None,
               **options: Any) -> int:
    """The fee of :func:`payout_fee_decision` alone (same arguments)."""
    return payout_fee_decision(amount, beneficiary, timing, on, **options).fee


def ledger_lines(kind: str, amount: int | None, beneficiary: str, fee: int = 0) -> list[LedgerLine]:
    """The ledger rows of one history event (see the module docstring; Luật THADS Arts. 47, 60).

    ``kind``: the event kind (``payment``, ``payout``, …); ``amount``: its amount; ``beneficiary``: the obligation's
    (``money.Beneficiary``); ``fee``: the enforcement fee withheld from a payout to a creditor (the event's
    ``details["fee"]``). Rows come in the order they are written: the fee before the creditor's remainder."""
    if not amount or amount <= 0:
        return []
    if kind == FEE_RELIEF_EVENT:
        return [LedgerLine(LedgerKind.HOAN_TRA, amount)]
    if kind == "payment":
        return [LedgerLine(LedgerKind.THU, amount)]
    if kind != "payout":
        return []
    if beneficiary == Beneficiary.STATE:
        return [LedgerLine(LedgerKind.NOP_NSNN, amount)]
    if fee < 0 or fee > amount:
        raise ValueError(f"a fee of {fee} cannot be withheld from a payout of {amount}")
    lines = []
    if fee:
        lines.append(LedgerLine(LedgerKind.PHI_THA, fee))
    if amount - fee > 0:
        lines.append(LedgerLine(LedgerKind.CHI_TRA, amount - fee))
    return lines


__all__ = ["CASH_EVENTS", "FEE_RELIEF_EVENT", "MONEY_EVENTS", "LedgerLine", "PayoutFee", "PriorPayout", "ledger_lines", "payout_fee",
           "payout_fee_decision", "prior_payout"]
