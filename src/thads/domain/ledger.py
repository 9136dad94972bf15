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
    ``money.enforcement_fee`` and its UNVERIFIED parts), a ``PHI_THA`` row when above 0, and the remainder paid to
    the creditor, a ``CHI_TRA`` row when above 0. The fee is computed once, when the payout is entered, and kept in
    the event's details (``details["fee"]``) so that the rows can be derived again whatever the fee schedule
    becomes later.
* ``reduced`` (miễn, giảm, Arts. 61–64) and every other event: no money moves, no row.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from thads.domain.money import Beneficiary, FeeTiming, LedgerKind, enforcement_fee

#: History event kinds that carry an amount of money (``CaseEvent.amount``).
MONEY_EVENTS = frozenset({"payment", "payout", "reduced"})
#: Those of them that move money through the cash book (the others only lower what is owed).
CASH_EVENTS = frozenset({"payment", "payout"})


class LedgerLine(NamedTuple):
    """One derived ledger row, ``(kind, amount)`` (the row also carries the event's obligation, date and unit)."""

    kind: LedgerKind
    amount: int


def payout_fee(amount: int, beneficiary: str, timing: FeeTiming | str | None, on: date | None = None) -> int:
    """The enforcement fee withheld from a payout of ``amount`` (Luật THADS Art. 60; TT 216/2016/TT-BTC): none for
    money paid into the state budget, none when no fee timing is given (the accountant did not charge one), else
    ``money.enforcement_fee(amount, timing, on=on)``."""
    if beneficiary == Beneficiary.STATE or not timing:
        return 0
    return enforcement_fee(amount, FeeTiming(timing), on=on)


def ledger_lines(kind: str, amount: int | None, beneficiary: str, fee: int = 0) -> list[LedgerLine]:
    """The ledger rows of one history event (see the module docstring; Luật THADS Arts. 47, 60).

    ``kind``: the event kind (``payment``, ``payout``, …); ``amount``: its amount; ``beneficiary``: the obligation's
    (``money.Beneficiary``); ``fee``: the enforcement fee withheld from a payout to a creditor (the event's
    ``details["fee"]``). Rows come in the order they are written: the fee before the creditor's remainder."""
    if not amount or amount <= 0:
        return []
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


__all__ = ["CASH_EVENTS", "MONEY_EVENTS", "LedgerLine", "ledger_lines", "payout_fee"]
