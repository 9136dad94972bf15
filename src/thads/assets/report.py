"""The measures report of a unit (and every unit below it) over a period, and the rows behind each of its figures.

The definition is pure (:mod:`thads.domain.measures_report`); this module reads the rows of the unit's subtree
(``org.scope.subtree_ids``, restricted to what the user may see when a user is given) dated within the period, turns
them into facts and calls it. The drill-down (:func:`drill_list`) reads the same rows through the same loader and the
same pure selection, so the list of a figure adds up to the figure: the page shows both and the tests compare them.
Names of debtors and descriptions of assets are shown; ID numbers, addresses and the assets' identifiers are not read.
The place of a coercion (most often the debtor's address) is shown only to a user who may see personal data in the
unit (``Action.PERSONAL_DATA``): a statistician sees the forces and the cost estimate, not the place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thads.assets.models import AssetDisposal, AuctionSession, CoercionPlan, CostEntry, MeasureEvent
from thads.domain import measures_report as mr
from thads.domain.measures import MEASURE_LABELS_VI, AuctionOutcome, MeasureEventKind, MeasureKind
from thads.lib.numbers import group_thousands
from thads.org.models import Unit
from thads.org.scope import Action, allowed, subtree_ids

# A context: the bare English words ("decided" …) are translated elsewhere for other things (a case's state).
EVENT_LABELS = {
    MeasureEventKind.DECIDED: pgettext_lazy("measure act", "decided"),
    MeasureEventKind.EXECUTED: pgettext_lazy("measure act", "executed"),
    MeasureEventKind.COLLECTED: pgettext_lazy("measure act", "money collected"),
    MeasureEventKind.RELEASED: pgettext_lazy("measure act", "released"),
    MeasureEventKind.CANCELLED: pgettext_lazy("measure act", "cancelled"),
}
OUTCOME_LABELS = {AuctionOutcome.SOLD: pgettext_lazy("auction outcome", "sold"),
                  AuctionOutcome.UNSOLD: pgettext_lazy("auction outcome", "unsold"),
                  AuctionOutcome.CANCELLED: pgettext_lazy("auction outcome", "result cancelled")}


def unit_parents() -> dict[str, str | None]:
    """Every unit's code → its parent's code (``None`` for a root): the tree the pure roll-up walks."""
    return dict(Unit.objects.values_list("code", "parent__code"))


# ------------------------------------------------------------------------------------------------- reading facts


def _rows(source: str, unit_ids: Sequence[int], date_from: date, date_to: date, measure: str = ""):
    """The raw rows of one table held by ``unit_ids`` and dated within the period, as tuples
    (id, unit id, date, kind, measure kind, amount)."""
    if source == mr.MEASURE_EVENT:
        qs = MeasureEvent.objects.filter(unit_id__in=unit_ids, on__range=(date_from, date_to))
        if measure:
            qs = qs.filter(measure__kind=measure)
        return qs.values_list("id", "unit_id", "on", "kind", "measure__kind", "amount")
    if source == mr.PLAN:
        return CoercionPlan.objects.filter(unit_id__in=unit_ids, carried_out_on__range=(date_from, date_to)) \
            .values_list("id", "unit_id", "carried_out_on", "status")
    if source == mr.SESSION:
        return AuctionSession.objects.filter(unit_id__in=unit_ids, held_on__range=(date_from, date_to)) \
            .values_list("id", "unit_id", "held_on", "outcome", "sale_price")
    if source == mr.DISPOSAL:
        return AssetDisposal.objects.filter(unit_id__in=unit_ids, on__range=(date_from, date_to)) \
            .values_list("id", "unit_id", "on", "kind", "value")
    if source == mr.COST:
        return CostEntry.objects.filter(unit_id__in=unit_ids, on__range=(date_from, date_to)) \
            .values_list("id", "unit_id", "on", "kind", "amount")
    raise ValueError(f"unknown source '{source}'")


def load_facts(unit_ids: Sequence[int], date_from: date, date_to: date,
               sources: Iterable[str] = mr.SOURCES, measure: str = "") -> list[mr.Fact]:
    """The facts of ``sources`` held by ``unit_ids`` within ``[date_from, date_to]`` (``measure``: only the acts of
    that kind of measure)."""
    codes = dict(Unit.objects.filter(id__in=unit_ids).values_list("id", "code"))
    facts: list[mr.Fact] = []
    for source in sources:
        for row in _rows(source, unit_ids, date_from, date_to, measure).iterator(chunk_size=5000):
            if source == mr.MEASURE_EVENT:
                pk, unit_id, on, kind, measure_kind, amount = row
                facts.append(mr.Fact(source, pk, codes[unit_id], on, kind, measure_kind, amount or 0))
            elif source == mr.PLAN:
                pk, unit_id, on, kind = row
                facts.append(mr.Fact(source, pk, codes[unit_id], on, kind))
            else:
                pk, unit_id, on, kind, amount = row
                facts.append(mr.Fact(source, pk, codes[unit_id], on, kind, "", amount or 0))
    return facts


def measures_report(unit: Unit, date_from: date, date_to: date, user=None) -> dict[str, Any]:
    """The report of ``unit`` and every unit below it (those ``user`` may see, when given) over the period."""
    ids = subtree_ids(unit, user)
    return mr.compute_measures_report(load_facts(ids, date_from, date_to), unit_parents(), unit.code,
                                      date_from, date_to)


# ------------------------------------------------------------------------------------------------- drill-down


@dataclass
class DrillRow:
    """One row behind a figure, for the page and the XLSX download (the same columns)."""

    id: int
    case_id: int
    case_ext_id: str
    unit_code: str
    on: date | None
    what: str
    decision_no: str
    detail: str
    amount: int | None
    counted: int


@dataclass
class DrillList:
    """The rows behind one figure: ``items`` (row id, what it adds) in date order; rows are read page by page."""

    figure: str
    source: str
    items: list[tuple[int, int]]
    personal: bool = True  # the user may see personal data (the place of a coercion)

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def total(self) -> int:
        return sum(value for _pk, value in self.items)

    def rows(self, items: Sequence[tuple[int, int]] | None = None) -> list[DrillRow]:
        """The display rows of ``items`` (default: all), in their order."""
        items = self.items if items is None else items
        counted = dict(items)
        build = _BUILDERS[self.source]
        make = _plan_row_without_place if self.source == mr.PLAN and not self.personal else build[1]
        out: list[DrillRow] = []
        for start in range(0, len(items), 2000):
            chunk = [pk for pk, _v in items[start:start + 2000]]
            objects = build[0].in_bulk(chunk)
            out.extend(make(objects[pk], counted[pk]) for pk in chunk)
        return out


def drill_list(unit: Unit, date_from: date, date_to: date, figure: str, user=None) -> DrillList:
    """The rows behind ``figure`` of the report of ``unit`` over the period (``ValueError`` for an unknown figure)."""
    source = mr.source_of(figure)
    measure = figure.split(".")[1] if source == mr.MEASURE_EVENT else ""
    facts = load_facts(subtree_ids(unit, user), date_from, date_to, (source,), measure)
    picked = mr.drill(facts, unit_parents(), unit.code, date_from, date_to, figure)
    personal = user is None or allowed(user, Action.PERSONAL_DATA, unit)
    return DrillList(figure, source, [(fact.id, value) for fact, value in picked], personal)


def _measure_row(e: MeasureEvent, counted: int) -> DrillRow:
    m = e.measure
    label = MEASURE_LABELS_VI.get(MeasureKind(m.kind), m.kind)
    amount = e.amount if e.amount is not None else (m.amount or None)
    return DrillRow(e.pk, e.case_id, e.case.ext_id, e.unit.code, e.on, f"{label}: {EVENT_LABELS.get(e.kind, e.kind)}",
                    e.decision_no or m.decision_no, m.debtor.name, amount, counted)


def _plan_row(p: CoercionPlan, counted: int) -> DrillRow:
    forces = f" · {p.forces}" if p.forces else ""
    return DrillRow(p.pk, p.case_id, p.case.ext_id, p.unit.code, p.carried_out_on, str(_("coercion carried out")),
                    "", f"{p.place}{forces}", p.cost_estimate or None, counted)


def _plan_row_without_place(p: CoercionPlan, counted: int) -> DrillRow:
    """A coercion's row for a user without the personal-data right: the place (the debtor's address) hidden."""
    row = _plan_row(p, counted)
    row.detail = "•••" + (f" · {p.forces}" if p.forces else "")
    return row


def _session_row(s: AuctionSession, counted: int) -> DrillRow:
    outcome = OUTCOME_LABELS.get(s.outcome, s.outcome)
    what = _("auction session %(seq)s: %(outcome)s") % {"seq": s.seq, "outcome": outcome}
    detail = _("%(asset)s; starting price %(price)s") % {"asset": s.asset.description,
                                                          "price": group_thousands(s.starting_price)}
    sale = s.sale_price if s.outcome == AuctionOutcome.SOLD else None
    return DrillRow(s.pk, s.case_id, s.case.ext_id, s.unit.code, s.held_on, str(what), s.contract.contract_no,
                    str(detail), sale, counted)


def _disposal_row(d: AssetDisposal, counted: int) -> DrillRow:
    return DrillRow(d.pk, d.case_id, d.case.ext_id, d.unit.code, d.on, str(d.get_kind_display()), "",
                    f"{d.asset.description} → {d.to_whom}" if d.to_whom else d.asset.description, d.value, counted)


def _cost_row(c: CostEntry, counted: int) -> DrillRow:
    return DrillRow(c.pk, c.case_id, c.case.ext_id, c.unit.code, c.on, str(c.get_kind_display()), "",
                    c.description, c.amount, counted)


_CASE_UNIT = ("id", "case", "case__ext_id", "unit", "unit__code")
_ASSET = ("asset", "asset__description")  # never the identifiers (account and certificate numbers)
_BUILDERS: dict[str, tuple[Any, Callable[[Any, int], DrillRow]]] = {
    mr.MEASURE_EVENT: (MeasureEvent.objects.select_related("case", "unit", "measure", "measure__debtor")
                       .only(*_CASE_UNIT, "on", "kind", "decision_no", "amount", "measure", "measure__kind",
                             "measure__decision_no", "measure__amount", "measure__debtor", "measure__debtor__name"),
                       _measure_row),
    mr.PLAN: (CoercionPlan.objects.select_related("case", "unit")
              .only(*_CASE_UNIT, "carried_out_on", "place", "forces", "cost_estimate"), _plan_row),
    mr.SESSION: (AuctionSession.objects.select_related("case", "unit", "asset", "contract")
                 .only(*_CASE_UNIT, *_ASSET, "seq", "held_on", "outcome", "starting_price", "sale_price", "contract",
                       "contract__contract_no"), _session_row),
    mr.DISPOSAL: (AssetDisposal.objects.select_related("case", "unit", "asset")
                  .only(*_CASE_UNIT, *_ASSET, "kind", "on", "value", "to_whom"), _disposal_row),
    mr.COST: (CostEntry.objects.select_related("case", "unit").only(*_CASE_UNIT, "kind", "on", "amount", "description"),
              _cost_row),
}
