"""The words the assets pages show for the vocabulary of :mod:`thads.domain.measures` (English msgids, translated
by the Vietnamese catalogue; the measures' own names are the statute's, ``MEASURE_LABELS_VI``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thads.domain.measures import (
    MEASURE_LABELS_VI,
    AssetKind,
    AssetStatus,
    AuctionOutcome,
    DebtorKind,
    MeasureEventKind,
    MeasureStatus,
    PlanStatus,
    ValuationMethod,
)

DEBTOR_KIND = {DebtorKind.PERSON: _("person"), DebtorKind.ORGANISATION: _("organisation")}

ASSET_KIND = {
    AssetKind.LAND: _("land-use right"),
    AssetKind.HOUSE: _("house or building"),
    AssetKind.VEHICLE: _("vehicle"),
    AssetKind.BANK_ACCOUNT: _("bank account"),
    AssetKind.SHARES: _("shares or capital contribution"),
    AssetKind.WAGE: _("wage"),
    AssetKind.PENSION: _("pension or allowance"),
    AssetKind.BUSINESS_INCOME: _("business income"),
    AssetKind.RECEIVABLE: _("money owed by a third party"),
    AssetKind.HELD_BY_THIRD_PARTY: _("asset held by a third party"),
    AssetKind.MOVABLE: _("other movable"),
    AssetKind.OTHER: _("other"),
}

ASSET_STATUS = {
    AssetStatus.FOUND: pgettext_lazy("asset status", "found"),
    AssetStatus.FROZEN: pgettext_lazy("asset status", "frozen"),
    AssetStatus.SEIZED: pgettext_lazy("asset status", "distrained"),
    AssetStatus.SOLD: pgettext_lazy("asset status", "sold"),
    AssetStatus.TAKEN_BY_CREDITOR: pgettext_lazy("asset status", "taken by the creditor"),
    AssetStatus.RETURNED: pgettext_lazy("asset status", "returned"),
    AssetStatus.EXHAUSTED: pgettext_lazy("asset status", "exhausted"),
}

MEASURE_STATUS = {
    MeasureStatus.DECIDED: pgettext_lazy("measure status", "decided"),
    MeasureStatus.EXECUTED: pgettext_lazy("measure status", "executed"),
    MeasureStatus.RELEASED: pgettext_lazy("measure status", "released"),
    MeasureStatus.CANCELLED: pgettext_lazy("measure status", "cancelled"),
}

MEASURE_EVENT = {
    MeasureEventKind.DECIDED: pgettext_lazy("measure act", "decided"),
    MeasureEventKind.EXECUTED: pgettext_lazy("measure act", "executed"),
    MeasureEventKind.COLLECTED: pgettext_lazy("measure act", "money collected"),
    MeasureEventKind.RELEASED: pgettext_lazy("measure act", "released"),
    MeasureEventKind.CANCELLED: pgettext_lazy("measure act", "cancelled"),
}

VALUATION_METHOD = {
    ValuationMethod.AGREED: _("agreed by the parties (Art. 98.1)"),
    ValuationMethod.APPRAISED: _("appraised (Art. 98.2)"),
    ValuationMethod.REAPPRAISED: _("re-appraised (Art. 99)"),
    ValuationMethod.OFFICER: _("fixed by the officer (Art. 98.3)"),
}

AUCTION_OUTCOME = {
    AuctionOutcome.SOLD: pgettext_lazy("auction outcome", "sold"),
    AuctionOutcome.UNSOLD: pgettext_lazy("auction outcome", "unsold"),
    AuctionOutcome.CANCELLED: pgettext_lazy("auction outcome", "result cancelled"),
}

PLAN_STATUS = {
    PlanStatus.PLANNED: pgettext_lazy("coercion plan", "planned"),
    PlanStatus.CARRIED_OUT: pgettext_lazy("coercion plan", "carried out"),
    PlanStatus.POSTPONED: pgettext_lazy("coercion plan", "postponed"),
    PlanStatus.CANCELLED: pgettext_lazy("coercion plan", "cancelled"),
}

#: Measures that stay in force until released (the "in force" list filter, the panel's badge).
IN_FORCE = (MeasureStatus.DECIDED.value, MeasureStatus.EXECUTED.value)


def measure_label(kind: str) -> str:
    try:
        return MEASURE_LABELS_VI[kind]
    except KeyError:
        return kind


def label(table: dict, value: str) -> str:
    """The label of ``value`` in ``table`` (the value itself when unknown: an imported or future value)."""
    for key, text in table.items():
        if key == value:
            return str(text)
    return value or ""


def choices(table: dict) -> list[tuple[str, object]]:
    return [(key.value, text) for key, text in table.items()]
