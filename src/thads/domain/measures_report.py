"""The statistics of coercion (``thads measures-report``, issue 15) as a pure function over plain rows.

Pure Python: no Django import. The service (:mod:`thads.assets.report`) reads the rows of a unit's subtree in a period
and turns each into a :class:`Fact`; this module says which figure each fact counts in (:func:`figures_of`), adds
them up (:func:`compute_measures_report`) and lists the facts behind one figure (:func:`drill`). The report and its
drill-down are the same selection, so the listed rows always add up to the figure.

Period and unit, as in ``thads report`` (interchange.md §2): ``[from, to]`` both days included; statistical year Y
runs 01/10/Y−1 to 30/09/Y and its k-month period ends with its k-th month (:func:`thads.domain.report.
statistical_year_period`); a unit's report covers that unit and every unit below it. A row belongs to the unit
recorded on the row itself (``unit``: the unit that held the case when the act was entered), and to the period by the
row's own legal date — never by the date it was entered.

The definitions (THADS's, for issue 15; the official forms of TT 01/2022/TT-BTP have no table of measures:
UNVERIFIED against any official form):

``measures.<kind>.decided`` / ``executed`` / ``released``
    The number of measure acts (``MeasureEvent`` rows) of that kind of measure dated within the period: ``decided``
    counts the decisions applying a measure (Luật THADS Arts. 66–69, 71; Decree 62/2015 Art. 51 for the exit ban),
    ``executed`` the rows recording that it was carried out (the bank froze, the deduction started, the asset was
    distrained), ``released`` the rows ending it: a release (chấm dứt, giải tỏa, Art. 70 and the release of a
    security measure) **and a cancellation** (hủy bỏ before it was carried out). A cancelled measure still counts as
    decided in the period of its decision (the history is append-only: a closed period's figure never changes) and
    its cancellation counts as released in the period of the cancellation, so that *decided − released* over any
    span is the change in the measures in force. Money collected by a measure (``collected`` rows) is not a count
    here: it is money of the case ledger (``thads report``). Only the nine kinds of the issue are reported
    (:data:`thads.domain.measures.REPORTED_MEASURES`); forced exploitation and forced acts are not in the JSON.
``coercion_operations``
    The coercion plans (``CoercionPlan``, Art. 72) carried out (status ``carried_out``) on a day within the period
    (``carried_out_on``); planned, postponed or cancelled plans do not count.
``auctions.sessions``
    The auction sessions (``AuctionSession``, Arts. 101–104) held within the period, whatever their outcome.
``auctions.sold`` / ``auctions.unsold``
    Those of them whose outcome is ``sold`` (đấu giá thành) / ``unsold`` (đấu giá không thành); a session whose
    result was cancelled (Art. 102) counts in ``sessions`` only, so ``sessions = sold + unsold + cancelled``.
``auctions.taken_by_creditor``
    The assets the creditor took at the last price (``AssetDisposal`` ``taken_by_creditor``, Art. 104) on a day
    within the period.
``auctions.proceeds``
    The sum of the sale prices (VND) of the sessions counted in ``sold``: the price the auction reached, in the
    period the session was held. Chosen over the disposals' values so that ``sold`` and ``proceeds`` list the same
    sessions; sales without an auction are not auctions, and an asset taken by the creditor brings no money (its
    price is set off against the debt). The money actually received is in the case ledger (``thads report``).
``coercion_costs``
    The sum (VND) of the coercion costs charged to the debtor (``CostEntry`` ``charged``, Art. 73) dated within the
    period: what coercion cost in the period. Amounts recovered from the debtor and amounts borne by the state or
    the creditor (``recovered``, ``waived``) are not subtracted.

Counts and money are integers; the JSON form (``dumps_report``) has English keys and nested objects, no arrays.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from thads.domain.measures import REPORTED_MEASURES, AuctionOutcome, MeasureEventKind, PlanStatus
from thads.domain.report import _subtree, dumps_report

# The tables a fact comes from.
MEASURE_EVENT, PLAN, SESSION, DISPOSAL, COST = "measure_event", "plan", "session", "disposal", "cost"
SOURCES = (MEASURE_EVENT, PLAN, SESSION, DISPOSAL, COST)

#: The three counts of each measure, in the order of the JSON.
MEASURE_COUNTS = ("decided", "executed", "released")
AUCTION_KEYS = ("sessions", "sold", "unsold", "taken_by_creditor", "proceeds")

#: Which count a measure act falls in (``collected`` rows fall in none).
_EVENT_COUNT: dict[str, str] = {MeasureEventKind.DECIDED: "decided", MeasureEventKind.EXECUTED: "executed",
                MeasureEventKind.RELEASED: "released", MeasureEventKind.CANCELLED: "released"}
# Values of the disposal and cost kinds (``assets.AssetDisposal.Kind``, ``assets.CostEntry.Kind``).
TAKEN_BY_CREDITOR = "taken_by_creditor"
CHARGED = "charged"

#: Every figure of the report, as a dotted path into its JSON, in the order of the JSON.
FIGURES: tuple[str, ...] = (
    *(f"measures.{kind.value}.{count}" for kind in REPORTED_MEASURES for count in MEASURE_COUNTS),
    "coercion_operations",
    *(f"auctions.{key}" for key in AUCTION_KEYS),
    "coercion_costs",
)
#: The figures in VND (the others are counts).
MONEY_FIGURES = frozenset({"auctions.proceeds", "coercion_costs"})


def source_of(figure: str) -> str:
    """The table whose rows a figure counts (the drill-down reads only that one)."""
    if figure not in FIGURES:
        raise ValueError(f"unknown figure '{figure}'")
    if figure.startswith("measures."):
        return MEASURE_EVENT
    if figure == "coercion_operations":
        return PLAN
    if figure == "coercion_costs":
        return COST
    return DISPOSAL if figure == "auctions.taken_by_creditor" else SESSION


@dataclass(frozen=True)
class Fact:
    """One row as the report sees it.

    ``kind`` is the row's own kind: the act of a measure event (``MeasureEventKind``), the status of a plan
    (``PlanStatus``), the outcome of a session (``AuctionOutcome``), the kind of a disposal or of a cost entry.
    ``on`` is its legal date (a plan: the day it was carried out, ``None`` if it was not); ``measure`` the kind of the
    measure (measure events only); ``amount`` the sale price (session), value (disposal) or amount (cost)."""

    source: str
    id: int
    unit: str
    on: date | None
    kind: str
    measure: str = ""
    amount: int = 0


def figures_of(fact: Fact) -> tuple[tuple[str, int], ...]:
    """The figures ``fact`` counts in, each with what it adds (1 for a count, the amount for money); no period or
    unit test here (see :func:`in_scope`)."""
    if fact.source == MEASURE_EVENT:
        count = _EVENT_COUNT.get(fact.kind)
        if count is None or fact.measure not in REPORTED_MEASURES:
            return ()
        return ((f"measures.{fact.measure}.{count}", 1),)
    if fact.source == PLAN:
        return (("coercion_operations", 1),) if fact.kind == PlanStatus.CARRIED_OUT else ()
    if fact.source == SESSION:
        if fact.kind == AuctionOutcome.SOLD:
            return ("auctions.sessions", 1), ("auctions.sold", 1), ("auctions.proceeds", fact.amount)
        if fact.kind == AuctionOutcome.UNSOLD:
            return ("auctions.sessions", 1), ("auctions.unsold", 1)
        return (("auctions.sessions", 1),)
    if fact.source == DISPOSAL:
        return (("auctions.taken_by_creditor", 1),) if fact.kind == TAKEN_BY_CREDITOR else ()
    if fact.source == COST:
        return (("coercion_costs", fact.amount),) if fact.kind == CHARGED else ()
    raise ValueError(f"unknown source '{fact.source}'")


def in_scope(fact: Fact, units: set[str] | frozenset[str], date_from: date, date_to: date) -> bool:
    """Whether ``fact`` belongs to the report: its unit is in ``units`` and its date within ``[from, to]``."""
    return fact.unit in units and fact.on is not None and date_from <= fact.on <= date_to


def units_of(unit_parent: Mapping[str, str | None], unit: str) -> set[str]:
    """``unit`` and every unit below it (``unit_parent``: code → parent code, ``None`` for a root)."""
    return _subtree(unit_parent, unit)


def empty_report(unit: str, date_from: date, date_to: date) -> dict[str, Any]:
    """The report with every figure 0, its keys in the JSON order."""
    return {
        "unit": unit, "from": date_from.isoformat(), "to": date_to.isoformat(),
        "measures": {kind.value: dict.fromkeys(MEASURE_COUNTS, 0) for kind in REPORTED_MEASURES},
        "coercion_operations": 0,
        "auctions": dict.fromkeys(AUCTION_KEYS, 0),
        "coercion_costs": 0,
    }


def _check_period(date_from: date, date_to: date) -> None:
    if date_from > date_to:
        raise ValueError("the period ends before it starts")


def _add(report: dict[str, Any], figure: str, value: int) -> None:
    *path, last = figure.split(".")
    node = report
    for key in path:
        node = node[key]
    node[last] += value


def compute_measures_report(facts: Iterable[Fact], unit_parent: Mapping[str, str | None], unit: str,
                            date_from: date, date_to: date) -> dict[str, Any]:
    """The measures report of ``unit`` (and every unit below it) over ``[date_from, date_to]`` (both included), as
    its JSON form (the definitions: the module docstring). Raises ``ValueError`` for an unknown unit or a period
    that ends before it starts."""
    _check_period(date_from, date_to)
    units = units_of(unit_parent, unit)
    report = empty_report(unit, date_from, date_to)
    for fact in facts:
        if in_scope(fact, units, date_from, date_to):
            for figure, value in figures_of(fact):
                _add(report, figure, value)
    return report


def figure_value(report: Mapping[str, Any], figure: str) -> int:
    """The value of ``figure`` (a dotted path of :data:`FIGURES`) in a report."""
    if figure not in FIGURES:
        raise ValueError(f"unknown figure '{figure}'")
    node: Any = report
    for key in figure.split("."):
        node = node[key]
    return int(node)


def drill(facts: Iterable[Fact], unit_parent: Mapping[str, str | None], unit: str, date_from: date, date_to: date,
          figure: str) -> list[tuple[Fact, int]]:
    """The facts behind ``figure`` in the report of ``unit`` over ``[date_from, date_to]``, each with what it adds,
    ordered by date then id: their values add up to the figure (a money figure lists a fact adding 0 too: a sale
    at no price is still a sale of the list)."""
    _check_period(date_from, date_to)
    if figure not in FIGURES:
        raise ValueError(f"unknown figure '{figure}'")
    units = units_of(unit_parent, unit)
    out = [(fact, value) for fact in facts if in_scope(fact, units, date_from, date_to)
           for name, value in figures_of(fact) if name == figure]
    out.sort(key=lambda fv: (fv[0].on, fv[0].id))
    return out


__all__ = ["AUCTION_KEYS", "COST", "DISPOSAL", "FIGURES", "MEASURE_COUNTS", "MEASURE_EVENT", "MONEY_FIGURES", "PLAN",
           "SESSION", "SOURCES", "Fact", "compute_measures_report", "drill", "dumps_report", "empty_report",
           "figure_value", "figures_of", "in_scope", "source_of", "units_of"]
