"""The enforcement fee (phí thi hành án dân sự): Luật THADS Arts. 3.7 and 60; Thông tư 216/2016/TT-BTC Arts. 4–7
(in force from 01/01/2017; consolidated text, Pháp điển item 33.3.TT.56, read for issue 14). Pure Python, amounts
in ``int`` VND (never float). Re-exported by :mod:`thads.domain.money`.

* **Bands** (Art. 4.1): a table of bands on the excess, kept as data (``data/fee_bands_tt216_2016.json``):
  up to 5 bn 3 %; over 5 to 7 bn 150 m + 2 % of the excess over 5 bn; over 7 to 10 bn 190 m + 1 % over 7 bn; over
  10 to 15 bn 220 m + 0.5 % over 10 bn; over 15 bn 245 m + 0.01 % over 15 bn (18 bn → 245,300,000).
* **Threshold** (Arts. 4.1.a, 6.4): no fee while the money received under the request is not above two base
  salaries (lương cơ sở) in force on the day it is received.
* **Cumulative** (Arts. 5.2–5.3): a creditor paid in instalments pays in all what one payment of the total would
  cost: an instalment's fee is the fee of the cumulative amount after it minus the fee already charged.
* **Timing** (Art. 4.4 vs 4.5): one third only where the parties hand money or assets directly to each other
  outside the agency (after the decision to enforce, before coercion is carried out); money the agency collected
  (or coercion carried out) pays the full fee; money paid within the voluntary period pays none (Art. 6.8).
* **Exemptions** (Art. 6) by obligation kind or by a point the accountant states (:func:`fee_exemption`).

* **Exemption and reduction on application** (Art. 7) and its refunds: :mod:`thads.domain.fee_relief`; the fee
  decision (Art. 5.1: one decision of the head per collection of the fee) is a document made from the payout that
  withheld the fee (``fee_decision``, words in :mod:`thads.domain.fee_texts`).

Not coded: the rules before 01/01/2017 (TTLT 144/2010/TTLT-BTC-BTP): payouts dated earlier use these bands.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType

DATA_DIR = Path(__file__).resolve().parent / "data"
#: The bands of TT 216/2016 Art. 4.1 as data.
BANDS_FILE = DATA_DIR / "fee_bands_tt216_2016.json"


class FeeTiming(StrEnum):
    """How the creditor came to receive the money or assets (TT 216/2016 Arts. 4.4, 4.5, 6.8).

    * ``voluntary``: the debtor paid within the voluntary period (Luật THADS Art. 45): no fee (Art. 6.8).
    * ``direct``: after the decision to enforce and before coercion is carried out, the parties handed the money or
      assets directly to each other, outside the agency: one third of the fee (Art. 4.4).
    * ``coerced``: the agency collected the money (whether or not by coercion) or carried out coercion: the full
      fee (Art. 4.5). Every payout of the agency is of this kind (or ``voluntary``).
    * ``before_coercion`` (legacy value, still accepted): it used to mean "paid after the voluntary period, before
      coercion" and cut two thirds off money the agency had collected, which Art. 4.5 does not allow; it is read as
      ``coerced`` (:data:`LEGACY_TIMINGS`). Use ``direct`` for a handover between the parties.
    """

    VOLUNTARY = "voluntary"
    DIRECT = "direct"
    COERCED = "coerced"
    BEFORE_COERCION = "before_coercion"  # legacy: read as COERCED


#: Legacy timing values and what they are read as (see :class:`FeeTiming`).
LEGACY_TIMINGS: Mapping[FeeTiming, FeeTiming] = MappingProxyType({FeeTiming.BEFORE_COERCION: FeeTiming.COERCED})


def fee_timing(value: FeeTiming | str) -> FeeTiming:
    """The timing a stored or submitted value means, legacy values mapped (``before_coercion`` → ``coerced``).
    Raises ``ValueError`` for an unknown value."""
    timing = FeeTiming(value)
    return LEGACY_TIMINGS.get(timing, timing)


class FeeExemption(StrEnum):
    """The cases of TT 216/2016 Art. 6 where the creditor bears no fee (the value is the point of Art. 6)."""

    PERSONAL_CLAIMS = "6.1"  # maintenance; damages for life, health, honour, dignity; wages; severance and
    #                          job-loss allowances; social insurance; damages for dismissal or ended labour contract
    SOCIAL_PROGRAMMES = "6.2"  # State social-policy programme funds, non-profit health and education funds
    PERSONAL_OBJECTS = "6.3"  # objects of purely spiritual value, tied to the person, not exchangeable
    UNDER_THRESHOLD = "6.4"  # the amount under the request is not above two base salaries (computed)
    SOCIAL_POLICY_BANK = "6.5"  # loans recovered for the Bank for Social Policies
    NO_MONETARY_VALUE = "6.6"  # judgment without a monetary value, no value-based court fee
    RETURNED_36_2_B = "6.7"  # money or assets returned in proactive enforcement (Luật THADS Art. 36.2.b)
    VOLUNTARY_PERIOD = "6.8"  # paid within the voluntary period (Luật THADS Art. 45)


#: Obligation kinds (interchange ``obligations[].kind``) exempt by kind alone (Art. 6). ``boi_thuong`` is not: only
#: damages for life, health, honour or dignity are (Art. 6.1), and wages/allowances have no kind of their own
#: (they come as ``khac``/``tra_no``): for those the accountant states point 6.1 on the payout. ``tra_lai_tai_san``
#: (return of money or assets, Art. 36.2.b) is exempt in a proactive case (Art. 6.7, see :func:`fee_exemption`).
#: Configurable: pass another mapping.
DEFAULT_EXEMPT_KINDS: Mapping[str, FeeExemption] = MappingProxyType({"cap_duong": FeeExemption.PERSONAL_CLAIMS})
RETURN_KIND = "tra_lai_tai_san"


@dataclass(frozen=True, slots=True)
class FeeBand:
    """One band of Art. 4.1: on an amount above ``over`` (up to the next band), ``base`` + ``rate`` × (amount −
    ``over``)."""

    over: int
    base: int
    rate: Decimal


def load_bands(path: Path = BANDS_FILE) -> tuple[FeeBand, ...]:
    """The bands kept as data (TT 216/2016 Art. 4.1), in ascending order; raises ``ValueError`` on a malformed
    table (not starting at 0, not ascending)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    bands = tuple(FeeBand(int(b["over"]), int(b["base"]), Decimal(str(b["rate"]))) for b in raw["bands"])
    if not bands or bands[0].over != 0 or any(a.over >= b.over for a, b in zip(bands, bands[1:], strict=False)):
        raise ValueError(f"{path.name}: the bands must start at 0 and ascend")
    return bands


DEFAULT_FEE_BANDS: tuple[FeeBand, ...] = load_bands()


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
    """Enforcement fee parameters (TT 216/2016/TT-BTC). All configurable.

    * ``bands``: Art. 4.1 (default: the data file).
    * ``threshold_multiple``: no fee while the money received under the request is not above this many base
      salaries (Arts. 4.1.a, 5.3, 6.4: two).
    * ``direct_fraction``: the share of the fee when the parties hand money/assets to each other (Art. 4.4: 1/3).
    * ``exempt_kinds``: obligation kinds that bear no fee (Art. 6, :data:`DEFAULT_EXEMPT_KINDS`).
    * ``rounding``: the fee of an amount is computed exactly (:class:`~decimal.Decimal`) and rounded once to whole
      VND, half up (the circular states no rounding rule: UNVERIFIED, configurable). An instalment's fee is the
      difference of two rounded fees, so the instalments add up to the fee of the total to the dong.
    """

    bands: tuple[FeeBand, ...] = DEFAULT_FEE_BANDS
    threshold_multiple: int = 2
    base_salaries: tuple[BaseSalary, ...] = DEFAULT_BASE_SALARIES
    direct_fraction: Fraction = Fraction(1, 3)
    rounding: str = ROUND_HALF_UP
    exempt_kinds: Mapping[str, FeeExemption] = field(default_factory=lambda: DEFAULT_EXEMPT_KINDS)

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

    def threshold_on(self, on: date | None = None) -> int:
        """The amount at or below which no fee is due (Art. 6.4)."""
        return self.threshold_multiple * self.base_salary_on(on)


DEFAULT_FEE_SCHEDULE = FeeSchedule()


def banded_fee(amount: int, bands: Iterable[FeeBand] = DEFAULT_FEE_BANDS) -> Decimal:
    """The exact (unrounded) Art. 4.1 fee of ``amount``: ``base + rate × (amount − over)`` of its band."""
    band = None
    for b in bands:
        if amount > b.over or b.over == 0:
            band = b
    assert band is not None
    return Decimal(band.base) + band.rate * (Decimal(amount) - Decimal(band.over))


def full_fee(amount: int, schedule: FeeSchedule = DEFAULT_FEE_SCHEDULE, on: date | None = None) -> int:
    """The full fee in whole VND of ``amount`` received in all under a request (TT 216/2016 Arts. 4.1, 4.5, 6.4):
    0 when not above the threshold on ``on``, else the banded fee rounded once (see :class:`FeeSchedule`)."""
    if amount < 0:
        raise ValueError("amount_received must not be negative")
    if amount <= schedule.threshold_on(on):
        return 0
    return int(banded_fee(amount, schedule.bands).quantize(Decimal(1), rounding=schedule.rounding))


def enforcement_fee(
    amount_received: int, timing: FeeTiming | str, schedule: FeeSchedule = DEFAULT_FEE_SCHEDULE,
    on: date | None = None, *, received_before: int = 0, charged_before: int | None = None,
) -> int:
    """Enforcement fee in whole VND owed by the creditor on ``amount_received`` (Luật THADS Arts. 3.7, 60;
    TT 216/2016/TT-BTC Arts. 4–6).

    ``timing`` (:class:`FeeTiming`, legacy values mapped): ``voluntary`` → 0 (Art. 6.8); ``coerced`` (the agency
    collected the money) → full fee (Art. 4.5); ``direct`` (handed over between the parties) → one third (Art. 4.4).
    ``on`` (the day the money is received) selects the base salary of the threshold.

    Instalments (Arts. 5.2–5.3): ``received_before`` is what the creditor already received under the request and
    was charged for (fee-bearing amounts only), ``charged_before`` the fee already charged on it (default: the fee
    those amounts would have cost). The fee of this instalment is ``fee(received_before + amount_received) −
    charged_before``, never below 0: an earlier under-charge is caught up (Art. 5.5), an over-charge is not
    refunded here. For ``direct`` the one third applies to the fee this instalment adds to the cumulative fee.
    Rounding: each cumulative fee rounded once to whole VND, half up (see :class:`FeeSchedule`).

    Not for money paid into the state budget (the state pays no fee) nor for coercion costs (Art. 73).
    """
    if amount_received < 0 or received_before < 0:
        raise ValueError("amount_received must not be negative")
    timing = fee_timing(timing)
    if timing is FeeTiming.VOLUNTARY:
        return 0
    before = full_fee(received_before, schedule, on)
    after = full_fee(received_before + amount_received, schedule, on)
    if timing is FeeTiming.DIRECT:
        share = Decimal(after - before) * schedule.direct_fraction.numerator / schedule.direct_fraction.denominator
        return max(0, int(share.quantize(Decimal(1), rounding=schedule.rounding)))
    return max(0, after - (before if charged_before is None else charged_before))


def fee_exemption(
    kind: str, *, proactive: bool | None = None, stated: FeeExemption | str | None = None,
    timing: FeeTiming | str | None = None, schedule: FeeSchedule = DEFAULT_FEE_SCHEDULE,
) -> FeeExemption | None:
    """The TT 216/2016 Art. 6 point under which money of an obligation of ``kind`` bears no fee, or None.

    In this order: a point the accountant states (``stated``: e.g. 6.1 for damages to life or health or for wages,
    which no obligation kind tells apart); the voluntary period (``timing`` ``voluntary``: 6.8); the kind
    (``schedule.exempt_kinds``: maintenance ``cap_duong`` → 6.1); money returned (``tra_lai_tai_san``) in a
    proactive case (Luật THADS Art. 36.2.b → 6.7; ``proactive=None``, unknown, counts as proactive, the kind being
    the 36.2.b item of the interchange contract). The threshold (6.4) is not a point chosen here: :func:`full_fee`
    applies it to the cumulative amount.
    """
    if stated:
        return FeeExemption(stated)
    if timing and fee_timing(timing) is FeeTiming.VOLUNTARY:
        return FeeExemption.VOLUNTARY_PERIOD
    if kind in schedule.exempt_kinds:
        return schedule.exempt_kinds[kind]
    if kind == RETURN_KIND and proactive is not False:
        return FeeExemption.RETURNED_36_2_B
    return None


__all__ = [
    "BANDS_FILE", "DEFAULT_BASE_SALARIES", "DEFAULT_EXEMPT_KINDS", "DEFAULT_FEE_BANDS", "DEFAULT_FEE_SCHEDULE",
    "LEGACY_TIMINGS", "BaseSalary", "FeeBand", "FeeExemption", "FeeSchedule", "FeeTiming", "banded_fee",
    "enforcement_fee", "fee_exemption", "fee_timing", "full_fee", "load_bands",
]
