"""Per-case contributions to the official cumulative reports: the fast path of the statistics engine.

Pure Python: no Django import. The official periods of statistical year Y all start on 01/10/Y−1 and end on the
last day of month k (k = 1…12; interchange.md §2). For one case and one year, ``year_contributions`` returns, for
each k, exactly what ``report.compute_report`` adds for that case to the k-month report: the raw counters (place
and base; the final bucket and its money; payments and reductions within the period) and the group keys (unit and
officer holding the case at the period's end, initiation, judgment kind). Stored as month-to-month deltas and
summed by SQL, they give any k-month report in time proportional to units × months, not cases; the test suite
checks that this equals the pure definition.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from thads.domain.history import CaseHistory, Snapshot, apply, initial
from thads.domain.report import _RAW, DEFAULT_MAPPING, GroupMapping, open_bucket
from thads.domain.states import FINAL_STATES, RETURN_REQUEST_GROUND, EventKind, State

RAW = _RAW  # raw counter names, in storage order
_I = {k: i for i, k in enumerate(RAW)}
_FINAL_EVENT = {EventKind.ENTRUSTED_OUT: _I["UT"], EventKind.REVOKED: _I["TH"], EventKind.TERMINATED: _I["DC"],
                EventKind.COMPLETED: _I["XONG"]}
_FINAL_KINDS = frozenset(_FINAL_EVENT)
_OPEN_AT_TO = {State.DECIDED: _I["DANG"], State.ENFORCING: _I["DANG"], State.NOT_YET_ABLE: _I["CHUA_DK"],
               State.SUSPENDED: _I["TDC"], State.SEPARATE_BOOK: _I["SO_RIENG"]}


@dataclass(frozen=True, slots=True)
class Contribution:
    """One case's share of the k-month report of a year: group keys and the two raw counter vectors."""

    unit: str
    officer: str | None
    cases: tuple[int, ...]
    money: tuple[int, ...]


@lru_cache(maxsize=4096)
def month_end(year: int, k: int) -> date:
    """Last day of month k (1 = October) of statistical year ``year`` (named by its end)."""
    y, m = (year - 1, 9 + k) if k <= 3 else (year, k - 3)
    return date(y, m, calendar.monthrange(y, m)[1])


def statistical_year_of(day: date) -> int:
    """The statistical year containing ``day`` (01/10/Y−1 – 30/09/Y is year Y; THADS.md §4.2)."""
    return day.year + 1 if day.month >= 10 else day.year


def month_of(day: date) -> int:
    """The month number (1 = October … 12 = September) of ``day`` in its statistical year."""
    return day.month - 9 if day.month >= 10 else day.month + 3


def year_contributions(h: CaseHistory, year: int, mapping: GroupMapping = DEFAULT_MAPPING
                       ) -> list[Contribution | None]:
    """For k = 1…12, the case's contribution to the k-month report of ``year`` (None where it is not in it).

    One pass over the events; the placement rules are those of ``report.compute_report`` (interchange.md §2).
    """
    out: list[Contribution | None] = [None] * 12
    case = h.case
    date_from = date(year - 1, 10, 1)
    last_end = month_end(year, 12)
    if case.decided_on > last_end:
        return out
    events, n, i = h.events, len(h.events), 0
    snap = initial(case)
    place = -1
    base = 0
    first_k = 1
    if case.decided_on < date_from:
        while i < n and events[i].on < date_from:
            snap = apply(snap, events[i])
            i += 1
        if snap.state in FINAL_STATES:
            return out
        if snap.state is State.SEPARATE_BOOK:
            place = -2  # MOI once resumed within the period
        else:
            place, base = _I["CU"], snap.outstanding
    else:
        place, base = _I["MOI"], snap.outstanding
        first_k = month_of(case.decided_on)
    paid = reduced = 0
    final, final_money = -1, 0
    for k in range(1, 13):
        end = month_end(year, k)
        while i < n and events[i].on <= end:
            ev = events[i]
            kind = ev.kind
            if place == -2:
                if kind is EventKind.RESUMED and snap.state is State.SEPARATE_BOOK:
                    place, base = _I["MOI"], snap.outstanding
                    first_k = k
                else:
                    snap = apply(snap, ev)
                    i += 1
                    continue
            if kind is EventKind.PAYMENT:
                paid += ev.amount or 0
            elif kind is EventKind.REDUCED:
                reduced += ev.amount or 0
            elif kind in _FINAL_EVENT:
                final, final_money = _FINAL_EVENT[kind], snap.outstanding
                if kind is EventKind.TERMINATED and ev.ground == RETURN_REQUEST_GROUND:
                    final = mapping.returned_bucket  # GroupMapping.returned_request (UNVERIFIED placement)
            snap = apply(snap, ev)
            i += 1
        if place < 0 or k < first_k:
            continue
        if final < 0:
            bucket, bucket_money = open_bucket(snap, mapping.cdk_postpone_grounds), snap.outstanding
        else:
            bucket, bucket_money = final, (final_money if final != _I["XONG"] else 0)
        cases = [0] * len(RAW)
        money = [0] * len(RAW)
        cases[place] += 1
        money[place] += base
        cases[bucket] += 1
        money[bucket] += bucket_money
        money[_I["XONG"]] += paid
        money[_I["GIAM"]] += reduced
        out[k - 1] = Contribution(snap.unit, snap.officer, tuple(cases), tuple(money))
    return out


Key = tuple[int, int, str, str | None]  # (year, month, unit, officer)


def deltas(h: CaseHistory, years: Sequence[int], mapping: GroupMapping = DEFAULT_MAPPING
           ) -> dict[Key, tuple[tuple[int, ...], tuple[int, ...]]]:
    """Month-to-month deltas of the case's contributions, keyed by (year, month, unit, officer): summing the deltas
    of months 1…k gives the k-month contribution. Keys whose delta is zero are left out."""
    out: dict[Key, tuple[list[int], list[int]]] = {}
    width = len(RAW)
    for year in years:
        prev: Contribution | None = None
        for k, cur in enumerate(year_contributions(h, year, mapping), start=1):
            if cur == prev:
                prev = cur
                continue
            if prev is not None:
                acc = out.setdefault((year, k, prev.unit, prev.officer), ([0] * width, [0] * width))
                for j in range(width):
                    acc[0][j] -= prev.cases[j]
                    acc[1][j] -= prev.money[j]
            if cur is not None:
                acc = out.setdefault((year, k, cur.unit, cur.officer), ([0] * width, [0] * width))
                for j in range(width):
                    acc[0][j] += cur.cases[j]
                    acc[1][j] += cur.money[j]
            prev = cur
    return {key: (tuple(c), tuple(m)) for key, (c, m) in out.items() if any(c) or any(m)}


def diff(old: dict[Key, tuple[tuple[int, ...], tuple[int, ...]]],
         new: dict[Key, tuple[tuple[int, ...], tuple[int, ...]]]) -> Iterator[tuple[Key, list[int], list[int]]]:
    """``new − old`` per key (what to add to the stored cells when a case's history changes)."""
    width = len(RAW)
    zero = ((0,) * width, (0,) * width)
    for key in old.keys() | new.keys():
        a, b = old.get(key, zero), new.get(key, zero)
        dc = [b[0][j] - a[0][j] for j in range(width)]
        dm = [b[1][j] - a[1][j] for j in range(width)]
        if any(dc) or any(dm):
            yield key, dc, dm


def years_of(h: CaseHistory, last_year: int) -> range:
    """Statistical years in which the case can appear: from its decision's year to ``last_year``, or to the year of
    its final event (a case that reached a final state is in no later report: it is neither CU nor MOI there)."""
    first = statistical_year_of(h.case.decided_on)
    last = last_year
    final = next((ev for ev in reversed(h.events) if ev.kind in _FINAL_KINDS), None)
    if final is not None:
        last = min(last, statistical_year_of(final.on))
    return range(first, max(last, first - 1) + 1)


__all__ = ["RAW", "Contribution", "Snapshot", "deltas", "diff", "month_end", "month_of", "statistical_year_of",
           "year_contributions", "years_of"]
