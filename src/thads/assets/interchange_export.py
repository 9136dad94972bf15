"""Writing the records of debtors' assets and measures in ``thads export --unit U`` (``docs/interchange-assets.md``
"Export"): the exporters registered in ``cases.interchange_ext``, one per record type, called after the last case
with the exported cases (a ``Case`` queryset). Each writes the rows of those cases that the file can carry on its
own: the debtors whose register holds an exported case (with those cases), their assets, and the measures,
requests, plans, costs, valuations, auctions and disposals of exported cases whose references are written too.
Records of a type come in key order, so the file does not depend on database ids; a unit with no such rows writes
nothing here, and its export is byte for byte what it was before.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import F, Q

from thads.assets.interchange_rows import BUILDERS, Keys, debtor_records, linked_cases
from thads.assets.models import (
    Asset,
    AssetDisposal,
    AuctionContract,
    AuctionSession,
    CoercionPlan,
    CostEntry,
    Debtor,
    InfoRequest,
    Measure,
    Valuation,
)


def _debtors(cases):
    return Debtor.objects.filter(links__case__in=cases).values("pk")


def _assets(cases):
    return Asset.objects.filter(debtor__in=_debtors(cases))


def _measures(cases):
    """A measure on an exported case of its debtor's register (its asset, if any, the debtor's)."""
    return (Measure.objects.filter(case__in=cases, debtor__links__case=F("case"))
            .filter(Q(asset__isnull=True) | Q(asset__debtor=F("debtor"))))


def _plans(cases):
    return CoercionPlan.objects.filter(case__in=cases).filter(
        Q(measure__isnull=True) | Q(measure__in=_measures(cases).values("pk"), measure__case=F("case")))


def _auctions(cases):
    """A contract for an exported asset whose sessions are all of exported cases (its measure exported, if any)."""
    return (AuctionContract.objects.filter(asset__in=_assets(cases).values("pk"))
            .filter(Q(measure__isnull=True) | Q(measure__in=_measures(cases).values("pk")))
            .exclude(pk__in=AuctionSession.objects.exclude(case__in=cases).values("contract_id")))


QUERIES = {
    "asset": _assets,
    "info_request": lambda cases: (InfoRequest.objects.filter(case__in=cases, debtor__links__case=F("case"))
                                   .filter(Q(asset__isnull=True) | Q(asset__debtor=F("debtor")))),
    "measure": _measures,
    "valuation": lambda cases: Valuation.objects.filter(asset__in=_assets(cases).values("pk")).filter(
        Q(measure__isnull=True) | Q(measure__in=_measures(cases).values("pk"))),
    "coercion_plan": _plans,
    "cost": lambda cases: CostEntry.objects.filter(case__in=cases).filter(
        Q(plan__isnull=True) | Q(plan__in=_plans(cases).values("pk"), plan__case=F("case"))),
    "auction": _auctions,
    "disposal": lambda cases: AssetDisposal.objects.filter(case__in=cases, asset__in=_assets(cases).values("pk"))
    .filter(Q(session__isnull=True) | Q(session__contract__in=_auctions(cases).values("pk"))),
}


def _sorted(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(records, key=lambda r: r["id"])


def export_debtors(cases) -> Iterator[dict[str, Any]]:
    rows = list(Debtor.objects.filter(pk__in=_debtors(cases)))
    if rows:
        yield from _sorted(debtor_records(rows, Keys(), linked_cases([d.pk for d in rows], within=cases)))


def exporter(kind: str):
    """The registered exporter of ``kind`` (``cases.interchange_ext``)."""
    if kind == "debtor":
        return export_debtors
    query, build = QUERIES[kind], BUILDERS[kind]

    def export(cases) -> Iterator[dict[str, Any]]:
        rows = list(query(cases).distinct())
        if rows:
            yield from _sorted(build(rows, Keys()))

    export.__name__ = f"export_{kind}"
    return export


def debtor_units(cases) -> set[int]:
    """The units of the exported debtors (written with the other units)."""
    return set(Debtor.objects.filter(pk__in=_debtors(cases)).values_list("unit_id", flat=True).distinct())
