"""Targets (chỉ tiêu): progress against them, the projection to 30/9 and the check that targets passed down add up.

Pure Python, exact arithmetic (``Fraction``; rates in and out as 2-decimal strings rounded half up, the way
:func:`thads.domain.report.rate` writes them). No Django.

What is verified (THADS.md §5): every statistical year the National Assembly and/or the Ministry assign a completion
rate target on the "có điều kiện" base, in cases and in money; the rates themselves are THADS.md §4.3
``RATE = (XONG + DC [+ GIAM for money]) / CDK × 100``. What is not: how targets are passed down to branches and
officers, and how a unit is expected to reach its target month by month (THADS.md §5: "the per-unit target
mechanism is UNVERIFIED"). The projection, the default shape and the passing-down check below are therefore this
system's own reading, documented here and configurable where a number is involved:

* **Projection to 30/9** (:func:`project`, :func:`shape_factors`): the k-month rate is cumulative from 01/10
  (THADS.md §4.2), so the past years' monthly series of that rate give its usual shape; the factor
  ``f(k) = mean over past years y of R_y(12) / R_y(k)`` (years with a rate > 0 at month k and a rate at month 12)
  scales the rate now to the end of the year: ``projection = min(100, R_now(k) × f(k))``; at k = 12 the projection
  is the actual. UNVERIFIED method, not an official forecast.
* **Default shape** (:data:`DEFAULT_RATE_SHAPE`) when no past year of the unit, its parent or the province gives a
  factor for a month: UNVERIFIED, a plausible shape (money is back-loaded), not a published one; an installation
  overrides it with the setting ``THADS_DEFAULT_RATE_SHAPE`` (read by :mod:`thads.emulation.progress`).
* **Gap** (:func:`needed`): cases (or VND) still to complete by 30/9 on the current CDK base for the rate to reach
  the target; completing a case moves it within CDK (DANG → XONG), so the base does not change.
* **Passing down** (:func:`check_distribution`, :func:`check_counts`): the parent's rate implied by the children's
  targets weighted by their CDK (the rate is a ratio of sums, THADS.md §4.3), and for absolute counts the plain sum.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

HUNDRED = Fraction(100)
MONTHS = range(1, 13)

#: Share (in %) of the 12-month rate that the cumulative k-month rate usually reaches at month k = 1 (October) …
#: 12 (September), per measure. **UNVERIFIED**: no published monthly series was found (THADS.md §5 gives the
#: 9-month 2017 national rate, 63.75 %, about four fifths of a usual 12-month rate, which this table matches);
#: money is more back-loaded than cases (sales of distrained assets conclude late). Used only when neither the unit
#: nor its parent nor the province has a past year with figures for the month; override with the setting
#: ``THADS_DEFAULT_RATE_SHAPE`` (``{"cases": [12 numbers], "money": [12 numbers]}``, the 12th being 100).
DEFAULT_RATE_SHAPE: dict[str, tuple[int, ...]] = {
    "cases": (12, 22, 31, 39, 47, 55, 62, 69, 77, 84, 92, 100),
    "money": (6, 12, 18, 24, 31, 38, 45, 53, 62, 72, 85, 100),
}


def to_fraction(value: Decimal | str | int | Fraction | None) -> Fraction | None:
    """A rate or amount as an exact fraction (``"83.90"`` → 839/10); ``None`` stays ``None``. Never via float."""
    if value is None or value == "":
        return None
    if isinstance(value, Fraction):
        return value
    return Fraction(Decimal(str(value)) if not isinstance(value, Decimal) else value)


def rate_text(value: Fraction) -> str:
    """A non-negative rate with two decimals rounded half up, as :func:`thads.domain.report.rate` writes it."""
    if value < 0:
        raise ValueError(f"a rate is not negative: {value}")
    hundredths = math.floor(value * 100 + Fraction(1, 2))
    return str(Decimal(hundredths).scaleb(-2))


def shape_factors(series: Sequence[Sequence[str | None]]) -> dict[int, Fraction]:
    """The month factors f(k) = mean over past years of R_y(12) / R_y(k), from ``series``: per past year a 12-list
    of cumulative k-month rates (k = 1 … 12, ``None`` where CDK was 0). A year counts for month k when R_y(k) > 0 and
    R_y(12) is known; months no year counts for are left out (the caller falls back, :func:`pick_factor`).
    UNVERIFIED method (module docstring)."""
    out: dict[int, Fraction] = {}
    for k in MONTHS:
        ratios = []
        for year in series:
            if len(year) != 12:
                raise ValueError(f"a year's series has 12 monthly rates, not {len(year)}")
            now, end = to_fraction(year[k - 1]), to_fraction(year[11])
            if now is not None and now > 0 and end is not None:
                ratios.append(end / now)
        if ratios:
            out[k] = sum(ratios, Fraction(0)) / len(ratios)
    return out


def default_factors(measure: str, shape: Mapping[str, Sequence[int | str]] | None = None) -> dict[int, Fraction]:
    """The factors of the default shape (:data:`DEFAULT_RATE_SHAPE`, UNVERIFIED, or ``shape`` from the settings)
    for ``measure`` ("cases" or "money"): f(k) = 100 / share(k)."""
    shares = (shape or DEFAULT_RATE_SHAPE)[measure]
    if len(shares) != 12:
        raise ValueError(f"the default shape of {measure} has 12 monthly shares, not {len(shares)}")
    out = {}
    for k, share in zip(MONTHS, shares, strict=True):
        value = to_fraction(share)
        if value is None or value <= 0:
            raise ValueError(f"the default shape of {measure} has a share ≤ 0 at month {k}")
        out[k] = HUNDRED / value
    return out


def pick_factor(month: int, sources: Sequence[tuple[str, Mapping[int, Fraction]]]
                ) -> tuple[Fraction | None, str | None]:
    """The factor of ``month`` from the first source that has one (e.g. the unit's own years, its parent's, the
    province's, the default table) and that source's name; ``(None, None)`` when none has."""
    for name, factors in sources:
        if month in factors:
            return factors[month], name
    return None, None


def project(rate: str | None, month: int, factor: Fraction | None) -> str | None:
    """The rate projected to 30/9: ``min(100, rate × factor)``, two decimals half up; at month 12 the rate itself;
    ``None`` with no rate (no CDK base) or, before month 12, no factor. UNVERIFIED method (module docstring)."""
    if not 1 <= month <= 12:
        raise ValueError(f"a month of the statistical year is 1 to 12, not {month}")
    value = to_fraction(rate)
    if value is None:
        return None
    if month == 12:
        return rate_text(value)
    if factor is None:
        return None
    return rate_text(min(HUNDRED, value * factor))


def is_behind(projection: str | None, target: Decimal | str | None) -> bool:
    """Behind pace on one measure: the projection falls short of the target. No target or no projection (no base)
    is never behind."""
    p, t = to_fraction(projection), to_fraction(target)
    return p is not None and t is not None and p < t


def needed(target_rate: Decimal | str | None, done: int, base: int) -> int | None:
    """Cases (or VND) still to complete for the rate ``done / base`` to reach ``target_rate`` %:
    ``max(0, ⌈target × base / 100⌉ − done)`` (THADS.md §4.3 RATE on the current CDK base). ``None`` without a
    target; 0 with no base (nothing is owed on an empty base)."""
    t = to_fraction(target_rate)
    if t is None:
        return None
    if base < 0 or done < 0:
        raise ValueError("counts and amounts are not negative")
    return max(0, math.ceil(t * base / HUNDRED) - done)


def count_gap(target: int | None, actual: int) -> int | None:
    """What is still missing to an absolute target (cases completed, VND recovered, backlog reduced):
    ``max(0, target − actual)``; ``None`` without a target."""
    return None if target is None else max(0, target - actual)


@dataclass(frozen=True, slots=True)
class DistributionCheck:
    """Can the children's rate targets add up to the parent's? ``implied``: Σ(target × weight) / Σ weight over the
    children with a target (weights = their CDK; all weights 0 → the plain mean), exact; ``ok`` when every child
    with a base has a target and the implied rate is at least the parent's (no parent target or no children: ok;
    no child with a target: not ok, the whole parent rate short).
    ``shortfall``: parent − implied when positive, exact. UNVERIFIED rule (THADS.md §5)."""

    parent: Fraction | None
    implied: Fraction | None
    ok: bool
    shortfall: Fraction
    missing: int = 0  # children without a target
    missing_weight: int = 0  # their base
    total_weight: int = 0
    parts: int = 0

    @property
    def implied_text(self) -> str | None:
        return None if self.implied is None else rate_text(self.implied)

    @property
    def shortfall_text(self) -> str:
        return rate_text(self.shortfall)

    def as_dict(self) -> dict:
        return {"parent": None if self.parent is None else rate_text(self.parent), "implied": self.implied_text,
                "ok": self.ok, "shortfall": self.shortfall_text, "missing": self.missing}


def check_distribution(parent: Decimal | str | None, parts: Sequence[tuple[Decimal | str | None, int]]
                       ) -> DistributionCheck:
    """The passing-down check of a rate target (module docstring): ``parts`` are (child target or None, weight =
    the child's CDK in the latest period, or last year's 12-month CDK before the year has figures)."""
    p = to_fraction(parent)
    given = [(to_fraction(t), w) for t, w in parts if t is not None]
    missing = [w for t, w in parts if t is None]
    if any(w < 0 for _, w in parts):
        raise ValueError("weights are not negative")
    weight = sum(w for _, w in given)
    implied: Fraction | None
    if not given:
        implied = None
    elif weight > 0:
        implied = sum((t * w for t, w in given), Fraction(0)) / weight
    else:
        implied = sum((t for t, _ in given), Fraction(0)) / len(given)
    missing_weight = sum(missing)
    if p is None or not parts:
        ok, shortfall = True, Fraction(0)
    elif implied is None:
        ok, shortfall = False, p
    else:
        shortfall = max(Fraction(0), p - implied)
        ok = implied >= p and missing_weight == 0
    return DistributionCheck(p, implied, ok, shortfall, len(missing), missing_weight, weight, len(parts))


@dataclass(frozen=True, slots=True)
class CountCheck:
    """Can the children's absolute targets add up to the parent's? ``ok`` when Σ children ≥ parent (a child
    without a target counts 0); ``shortfall`` = parent − Σ when positive."""

    parent: int | None
    total: int
    ok: bool
    shortfall: int
    missing: int = 0

    def as_dict(self) -> dict:
        return {"parent": self.parent, "total": self.total, "ok": self.ok, "shortfall": self.shortfall,
                "missing": self.missing}


def check_counts(parent: int | None, parts: Sequence[int | None]) -> CountCheck:
    """The passing-down check of an absolute target (cases completed, VND recovered, backlog reduced)."""
    total = sum(p for p in parts if p is not None)
    missing = sum(1 for p in parts if p is None)
    if parent is None:
        return CountCheck(None, total, True, 0, missing)
    return CountCheck(parent, total, total >= parent, max(0, parent - total), missing)
