"""The official statistics report (``thads report … --format json``) as a pure function over case histories.

Pure Python: no Django import. Contract: ``interchange.md`` §2 (placement CU / MOI, the indicator table, the
identities, RATE, the JSON form and the ``--by`` breakdowns); legal background ``THADS.md`` §4.2–§4.4.

One pass over each case's events (:func:`history.apply`) gives everything the table needs: the snapshot before
``from``, the first ``resumed`` of a case kept in the separate book, the final event within the period with the
outstanding amount at that moment, the payments and reductions within the period, and the snapshot at ``to``.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from thads.domain.history import CaseHistory, apply, initial
from thads.domain.states import FINAL_STATES, RETURN_REQUEST_GROUND, EventKind, State

CASE_KEYS = ("CU", "MOI", "TT", "UT", "TH", "PTH", "XONG", "DC", "DANG", "HOAN_C", "CDK", "CHUA_DK", "HOAN_KHAC",
             "TDC", "SO_RIENG", "CCDK", "CKS", "RATE")
MONEY_KEYS = ("CU", "MOI", "TT", "UT", "TH", "PTH", "XONG", "GIAM", "DC", "DANG", "HOAN_C", "CDK", "CHUA_DK",
              "HOAN_KHAC", "TDC", "SO_RIENG", "CCDK", "CKS", "RATE")
BY_KEYS = ("initiation", "judgment_kind", "officer", "unit")
# Raw counters; the other indicators are derived from them (interchange.md §2 table).
_RAW = ("CU", "MOI", "UT", "TH", "XONG", "GIAM", "DC", "DANG", "HOAN_C", "CHUA_DK", "HOAN_KHAC", "TDC", "SO_RIENG")
_I = {k: i for i, k in enumerate(_RAW)}
_CU, _MOI, _UT, _TH, _XONG, _GIAM, _DC = (_I[k] for k in ("CU", "MOI", "UT", "TH", "XONG", "GIAM", "DC"))
_FINAL_EVENT = {EventKind.ENTRUSTED_OUT: _UT, EventKind.REVOKED: _TH, EventKind.TERMINATED: _DC,
                EventKind.COMPLETED: _XONG}
_OPEN_AT_TO = {State.DECIDED: _I["DANG"], State.ENFORCING: _I["DANG"], State.NOT_YET_ABLE: _I["CHUA_DK"],
               State.SUSPENDED: _I["TDC"], State.SEPARATE_BOOK: _I["SO_RIENG"]}


def open_bucket(snap, cdk_postpone_grounds: frozenset[str]) -> int:
    """The raw counter of a case still open at ``to`` (interchange.md §2: DANG, HOAN_C, CHUA_DK, HOAN_KHAC, TDC,
    SO_RIENG by its state, and for a postponement by its ground through the group mapping). Shared by the report,
    its fast-path contributions and the drill-down so that the placement is written once."""
    state = snap.state
    if state is State.POSTPONED:
        return _I["HOAN_C"] if snap.ground in cdk_postpone_grounds else _I["HOAN_KHAC"]
    return _OPEN_AT_TO[state]


@dataclass(frozen=True, slots=True)
class GroupMapping:
    """Which postponement grounds count in CDK as ``HOAN_C`` (the rest are ``HOAN_KHAC`` in CCDK).

    Default: only Art. 48.1.c (parties' agreement), the contract's default (interchange.md §2). THADS.md §4.3 marks
    the placement of the other hoãn grounds (and of tạm đình chỉ, which stays in CCDK) as UNVERIFIED, which is why
    this is configuration and not code.
    """

    cdk_postpone_grounds: frozenset[str] = frozenset({"48.1.c"})
    #: Where a returned request (Decree 152/2026 Art. 22.2: a ``terminated`` event with ground ``38.4`` until the
    #: contract has a kind for it) is counted: ``"DC"`` (default: as every ``terminated`` event, interchange.md §2),
    #: ``"TH"`` or ``"UT"`` (out of PTH). UNVERIFIED: the statistics circular for the 2026 regime is not known.
    returned_request: str = "DC"

    def __post_init__(self) -> None:
        if self.returned_request not in RETURNED_REQUEST_PLACES:
            raise ValueError(f"returned_request must be one of {RETURNED_REQUEST_PLACES}, not {self.returned_request!r}")

    @property
    def returned_bucket(self) -> int:
        """The raw counter of a returned request (:attr:`returned_request`)."""
        return _I[self.returned_request]


RETURNED_REQUEST_PLACES = ("DC", "TH", "UT")
DEFAULT_MAPPING = GroupMapping()


def statistical_year_period(year: int, months: int = 12) -> tuple[date, date]:
    """The ``months``-month period of statistical year ``year``: 01/10/``year−1`` to the last day of its k-th month
    (interchange.md §2; THADS.md §4.2 — year Y is named after its end year)."""
    if not 1 <= months <= 12:
        raise ValueError(f"a period has 1 to 12 months, not {months}")
    y, m = (year - 1, 9 + months) if months <= 3 else (year, months - 3)
    return date(year - 1, 10, 1), date(y, m, calendar.monthrange(y, m)[1])


def rate(numerator: int, denominator: int) -> str | None:
    """``numerator / denominator × 100`` with two decimals rounded half up, ``None`` when the base is 0
    (interchange.md §2 RATE). Exact: integer division on hundredths, then a ``Decimal`` for the text; never a float."""
    if denominator == 0:
        return None
    hundredths = (numerator * 20000 + denominator) // (2 * denominator)  # half up, numerator ≥ 0
    return str(Decimal(hundredths).scaleb(-2))


def _finish(cases: list[int], money: list[int]) -> dict[str, dict[str, Any]]:
    """Derived indicators: TT, PTH, CDK, CCDK, CKS, RATE (interchange.md §2 table)."""
    out: dict[str, dict[str, Any]] = {}
    for label, raw in (("cases", cases), ("money", money)):
        r = dict(zip(_RAW, raw, strict=True))
        tt = r["CU"] + r["MOI"]
        pth = tt - r["UT"] - r["TH"]
        giam = r["GIAM"] if label == "money" else 0
        done = r["XONG"] + giam + r["DC"]
        cdk = done + r["DANG"] + r["HOAN_C"]
        ccdk = r["CHUA_DK"] + r["HOAN_KHAC"] + r["TDC"] + r["SO_RIENG"]
        r.update(TT=tt, PTH=pth, CDK=cdk, CCDK=ccdk, CKS=pth - done, RATE=rate(done, cdk))
        out[label] = {k: r[k] for k in (CASE_KEYS if label == "cases" else MONEY_KEYS)}
    return out


def _subtree(unit_parent: Mapping[str, str | None], unit: str) -> set[str]:
    """``unit`` and every unit below it (interchange.md §2: "a report on a unit covers that unit and all below")."""
    if unit not in unit_parent:
        raise ValueError(f"unknown unit '{unit}'")
    children: dict[str, list[str]] = {}
    for code, parent in unit_parent.items():
        if parent is not None:
            children.setdefault(parent, []).append(code)
    found, todo = {unit}, [unit]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


Share = tuple[str, "str | None", int, int, int, int, int, int]


def case_share(h: CaseHistory, date_from: date, date_to: date, cdk_grounds: frozenset[str],
               returned: int = _DC) -> Share | None:
    """One case's share of the report over ``[date_from, date_to]`` (interchange.md §2), or None when it is in
    neither CU nor MOI: (holder at ``to``, officer at ``to``, place, base, bucket, bucket money, payments,
    reductions), ``place``/``bucket`` indexing the raw counters; the bucket money of XONG is 0 (its money is the
    payments). The single statement of the placement rules: the report and the drill-down both use it."""
    case = h.case
    if case.decided_on > date_to:
        return None
    events, n, i = h.events, len(h.events), 0
    snap = initial(case)
    if case.decided_on < date_from:
        while i < n and events[i].on < date_from:
            snap = apply(snap, events[i])
            i += 1
        if snap.state is State.SEPARATE_BOOK:
            # MOI when resumed within the period; base = outstanding when resumed (interchange.md §2 MOI).
            while i < n and events[i].on <= date_to and events[i].kind is not EventKind.RESUMED:
                snap = apply(snap, events[i])
                i += 1
            if i == n or events[i].on > date_to or snap.state is not State.SEPARATE_BOOK:
                return None
            place = _MOI
        elif snap.state in FINAL_STATES:
            return None
        else:
            place = _CU  # base = outstanding before ``from``
    else:
        place = _MOI  # decided within the period: base = its amount
    base = snap.outstanding
    paid = reduced = 0
    final, final_money = -1, 0
    while i < n:  # kept inline: this loop runs once per event of every case of a report
        ev = events[i]
        if ev.on > date_to:
            break
        kind = ev.kind
        if kind is EventKind.PAYMENT:
            paid += ev.amount or 0
        elif kind is EventKind.REDUCED:
            reduced += ev.amount or 0
        elif kind in _FINAL_EVENT:
            final, final_money = _FINAL_EVENT[kind], snap.outstanding
            if final == _DC and ev.ground == RETURN_REQUEST_GROUND:
                final = returned  # GroupMapping.returned_request (UNVERIFIED placement)
        snap = apply(snap, ev)
        i += 1
    if final < 0:
        final, final_money = open_bucket(snap, cdk_grounds), snap.outstanding
    return (snap.unit, snap.officer, place, base, final, final_money if final != _XONG else 0, paid, reduced)


def compute_report(histories: Iterable[CaseHistory], unit_parent: Mapping[str, str | None], unit: str,
                   date_from: date, date_to: date, by: str | None = None,
                   mapping: GroupMapping = DEFAULT_MAPPING) -> dict[str, Any]:
    """The report of interchange.md §2 for ``unit`` (and its subtree) over ``[date_from, date_to]``, as its JSON form.

    ``unit_parent`` maps every unit code to its parent (``None`` for a root). A case counts for the unit (and, with
    ``by="officer"``, the officer) holding it at ``date_to``. ``by`` ∈ :data:`BY_KEYS` adds ``"groups"``: one entry per
    key with at least one case in CU ∪ MOI, keys sorted, a case with no officer under ``""``.
    """
    if by is not None and by not in BY_KEYS:
        raise ValueError(f"unknown breakdown '{by}'; expected one of {', '.join(BY_KEYS)}")
    if date_from > date_to:
        raise ValueError("the period ends before it starts")
    units = _subtree(unit_parent, unit)
    total_c, total_m = [0] * len(_RAW), [0] * len(_RAW)
    groups: dict[str, tuple[list[int], list[int]]] = {}
    cdk_grounds, returned = mapping.cdk_postpone_grounds, mapping.returned_bucket
    for h in histories:
        share = case_share(h, date_from, date_to, cdk_grounds, returned)
        if share is None or share[0] not in units:
            continue
        holder, officer, place, base, bucket, bucket_money, paid, reduced = share
        targets = [(total_c, total_m)]
        if by is not None:
            case = h.case
            key = (case.initiation if by == "initiation" else case.judgment_kind if by == "judgment_kind"
                   else (officer or "") if by == "officer" else holder)
            targets.append(groups.setdefault(key, ([0] * len(_RAW), [0] * len(_RAW))))
        for cases, money in targets:
            cases[place] += 1
            money[place] += base
            cases[bucket] += 1
            money[bucket] += bucket_money
            money[_XONG] += paid
            money[_GIAM] += reduced
    report: dict[str, Any] = {"unit": unit, "from": date_from.isoformat(), "to": date_to.isoformat(),
                              **_finish(total_c, total_m)}
    if by is not None:
        report["groups"] = {k: _finish(*groups[k]) for k in sorted(groups)}
    return report


def dumps_report(report: Mapping[str, Any]) -> str:
    """The report as printed by ``--format json``: indent 2, UTF-8 not escaped, contract key order, final newline
    (byte-identical to ``worked-example.report.json``)."""
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
