"""Drill-down: which cases make up a figure of the official report, and how much each one counts.

Pure Python: no Django import. Contract: ``interchange.md`` §2. Every case in CU ∪ MOI adds to the report one *part*:
its place (CU or MOI) with its base amount, one final bucket (UT, TH, XONG, DC at the final event within the period,
otherwise DANG, HOAN_C, CHUA_DK, HOAN_KHAC, TDC or SO_RIENG by its state at ``to``) with the bucket's money (none
for XONG), and its payments and reductions within the period (money XONG and GIAM). The raw counters of the report
are the sums of the parts (``report.compute_report``), and every other indicator is a linear combination of the raw
counters (``report._finish``: TT = CU + MOI, PTH = TT − UT − TH, CDK, CCDK, CKS). So a case's contribution to *any*
figure is the same combination of its own raw counters, and the contributions of the cases listed for a figure add
up to the figure exactly. :func:`coefficients` derives the combinations from ``_finish`` itself (by linearity, on
unit vectors), so the drill-down can never drift from the report's definition.

* :func:`parts_of_year` / :func:`spans`: the parts of one case in the 1…12-month periods of a statistical year (from
  ``contrib.year_contributions``, the fast path's own per-case pass), merged into runs of months where the part
  does not change — what ``thads.stats`` stores per case for the official periods.
* :func:`case_part`: the part of one case in any period ``[from, to]`` (a per-case pass mirroring
  ``compute_report``), for arbitrary date ranges.
* RATE is not a sum: its drill-down lists the CDK cases (the base) and, per case, the completed part (numerator
  XONG + DC, + GIAM in money), from :func:`rate_coefficients`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from thads.domain.contrib import Contribution, year_contributions
from thads.domain.history import CaseHistory
from thads.domain.report import (
    _RAW,
    BY_KEYS,
    CASE_KEYS,
    DEFAULT_MAPPING,
    MONEY_KEYS,
    GroupMapping,
    _finish,
    case_share,
)
from thads.domain.states import EventKind, State

RAW = _RAW
MEASURES = ("cases", "money")
INDICATORS = MONEY_KEYS  # the contract's order (CASE_KEYS is the same without GIAM)
_I = {k: i for i, k in enumerate(RAW)}
CU, MOI, XONG, GIAM = _I["CU"], _I["MOI"], _I["XONG"], _I["GIAM"]
PLACES = (CU, MOI)
# Buckets: where a case ends within the period (final event) or stands at ``to`` (open state).
BUCKETS = tuple(_I[k] for k in ("UT", "TH", "XONG", "DC", "DANG", "HOAN_C", "CHUA_DK", "HOAN_KHAC", "TDC",
                                "SO_RIENG"))
_FINAL_EVENT = {EventKind.ENTRUSTED_OUT: _I["UT"], EventKind.REVOKED: _I["TH"], EventKind.TERMINATED: _I["DC"],
                EventKind.COMPLETED: XONG}
_OPEN_AT_TO = {State.DECIDED: _I["DANG"], State.ENFORCING: _I["DANG"], State.NOT_YET_ABLE: _I["CHUA_DK"],
               State.SUSPENDED: _I["TDC"], State.SEPARATE_BOOK: _I["SO_RIENG"]}


class Part(NamedTuple):
    """One case's share of one report: holder at ``to``, place and base, bucket and its money, payments, reductions.

    ``place`` ∈ :data:`PLACES`, ``bucket`` ∈ :data:`BUCKETS` (indexes into :data:`RAW`); ``bucket_money`` is 0 for
    XONG (the money of XONG is the payments, ``paid``, on every case whatever its bucket)."""

    unit: str
    officer: str | None
    place: int
    base: int
    bucket: int
    bucket_money: int
    paid: int
    reduced: int

    def vectors(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The raw counter vectors (cases, money) the case adds to the report (as ``contrib.Contribution``)."""
        cases, money = [0] * len(RAW), [0] * len(RAW)
        cases[self.place] += 1
        money[self.place] += self.base
        cases[self.bucket] += 1
        money[self.bucket] += self.bucket_money
        money[XONG] += self.paid
        money[GIAM] += self.reduced
        return tuple(cases), tuple(money)

    def amount(self, coef: Sequence[int], measure: str) -> int:
        """The case's contribution to the figure whose coefficients are ``coef`` (:func:`coefficients`)."""
        if measure == "cases":
            return coef[self.place] + coef[self.bucket]
        return (coef[self.place] * self.base + coef[self.bucket] * self.bucket_money + coef[XONG] * self.paid
                + coef[GIAM] * self.reduced)


def part_of(c: Contribution) -> Part:
    """The :class:`Part` of a ``contrib.Contribution`` (its vectors hold one place and one bucket)."""
    place = CU if c.cases[CU] else MOI
    bucket = next(j for j in BUCKETS if c.cases[j])
    return Part(c.unit, c.officer, place, c.money[place], bucket, c.money[bucket] if bucket != XONG else 0,
                c.money[XONG], c.money[GIAM])


# ------------------------------------------------------------------------------------------------ coefficients


def has_figure(indicator: str, measure: str) -> bool:
    return indicator in (CASE_KEYS if measure == "cases" else MONEY_KEYS)


def _unit_finish(measure: str, j: int) -> dict:
    vec = [0] * len(RAW)
    vec[j] = 1
    zero = [0] * len(RAW)
    return _finish(vec, zero)["cases"] if measure == "cases" else _finish(zero, vec)["money"]


_COEF: dict[tuple[str, str], tuple[int, ...]] = {}


def coefficients(indicator: str, measure: str) -> tuple[int, ...]:
    """The figure ``indicator`` (not RATE) of ``measure`` as ``Σ coef[j] · raw[j]`` over :data:`RAW`, read off
    ``report._finish`` applied to each unit vector (``_finish`` is linear in the raw counters except RATE)."""
    if indicator == "RATE" or not has_figure(indicator, measure) or measure not in MEASURES:
        raise ValueError(f"no summed figure {indicator}/{measure}")
    key = (indicator, measure)
    if key not in _COEF:
        _COEF[key] = tuple(int(_unit_finish(measure, j)[indicator]) for j in range(len(RAW)))
    return _COEF[key]


def rate_coefficients(measure: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(numerator, denominator) of RATE: completed = CDK − DANG − HOAN_C (XONG + DC, + GIAM in money), and CDK."""
    cdk = coefficients("CDK", measure)
    open_ = [a + b for a, b in zip(coefficients("DANG", measure), coefficients("HOAN_C", measure), strict=True)]
    return tuple(a - b for a, b in zip(cdk, open_, strict=True)), cdk


def listing_coefficients(indicator: str, measure: str) -> tuple[int, ...]:
    """What a case counts in the list of ``indicator``: the figure itself, or the CDK base for RATE."""
    return rate_coefficients(measure)[1] if indicator == "RATE" else coefficients(indicator, measure)


# ------------------------------------------------------------------------------------------------ official periods


@dataclass(frozen=True, slots=True)
class Span:
    """The case's part in the k-month periods ``k_first…k_last`` of statistical ``year`` (the same in each)."""

    year: int
    k_first: int
    k_last: int
    part: Part


def spans(h: CaseHistory, years: Iterable[int], mapping: GroupMapping = DEFAULT_MAPPING) -> list[Span]:
    """The case's parts in the official periods of ``years``, consecutive equal months merged."""
    out: list[Span] = []
    for year in years:
        start, current = 0, None
        for k, c in enumerate(year_contributions(h, year, mapping), start=1):
            part = part_of(c) if c is not None else None
            if part != current:
                if current is not None:
                    out.append(Span(year, start, k - 1, current))
                start, current = k, part
        if current is not None:
            out.append(Span(year, start, 12, current))
    return out


# ------------------------------------------------------------------------------------------------ any period


def case_part(h: CaseHistory, date_from: date, date_to: date, mapping: GroupMapping = DEFAULT_MAPPING
              ) -> Part | None:
    """The case's part in the report over ``[date_from, date_to]``, or None when it is not in CU ∪ MOI.

    The same placement as ``report.compute_report`` (interchange.md §2), for one case and without the unit filter
    (the caller keeps the parts whose ``unit`` is in the report's subtree)."""
    share = case_share(h, date_from, date_to, mapping.cdk_postpone_grounds, mapping.returned_bucket)
    return None if share is None else Part(*share)


def report_of_parts(parts: Iterable[tuple[Part, str, str]], unit: str, date_from: date, date_to: date,
                    by: str | None = None) -> dict:
    """The report (JSON form of interchange.md §2) of the cases whose ``(part, initiation, judgment kind)`` are
    given, all of them held by ``unit``'s subtree at ``date_to``: what ``compute_report`` gives for that unit."""
    if by is not None and by not in BY_KEYS:
        raise ValueError(f"unknown breakdown '{by}'; expected one of {', '.join(BY_KEYS)}")
    width = len(RAW)
    total = ([0] * width, [0] * width)
    groups: dict[str, tuple[list[int], list[int]]] = {}
    for part, initiation, kind in parts:
        cases, money = part.vectors()
        targets = [total]
        if by is not None:
            key = (initiation if by == "initiation" else kind if by == "judgment_kind"
                   else (part.officer or "") if by == "officer" else part.unit)
            targets.append(groups.setdefault(key, ([0] * width, [0] * width)))
        for tc, tm in targets:
            for j in range(width):
                tc[j] += cases[j]
                tm[j] += money[j]
    report: dict = {"unit": unit, "from": date_from.isoformat(), "to": date_to.isoformat(), **_finish(*total)}
    if by is not None:
        report["groups"] = {k: _finish(*groups[k]) for k in sorted(groups)}
    return report


__all__ = ["BUCKETS", "INDICATORS", "MEASURES", "PLACES", "RAW", "Part", "Span", "case_part", "coefficients",
           "has_figure", "listing_coefficients", "part_of", "rate_coefficients", "report_of_parts", "spans"]
