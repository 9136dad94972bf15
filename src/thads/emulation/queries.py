"""Reads of the emulation context: the targets that apply (this part), then the records' lists (below the marker).

Effective target (THADS.md §5; the per-unit mechanism is UNVERIFIED, these are the lead's design decisions): of a
unit for a year, its row with ``officer`` null from the issuer nearest to it (:data:`ISSUER_NEARNESS`: a branch's
province, for the province itself the national department, then the Ministry, then the National Assembly); of an
officer, the row with that officer (a branch's, else the province's). The national line: the rows with neither
unit nor officer, else the published targets seeded in :mod:`thads.stats.national` (with their sources).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from thads.domain.emulation import Issuer
from thads.emulation.models import Target
from thads.stats.national import national_year

#: Issuers from the nearest to the farthest: the first one with a row for the unit (or officer) and year wins.
ISSUER_NEARNESS: tuple[Issuer, ...] = (Issuer.BRANCH, Issuer.PROVINCE, Issuer.NATIONAL_DEPARTMENT, Issuer.MINISTRY,
                                       Issuer.NATIONAL_ASSEMBLY)
_RANK = {issuer.value: i for i, issuer in enumerate(ISSUER_NEARNESS)}


def _nearest(rows: Iterable[Target], key) -> dict:
    out: dict = {}
    for row in rows:
        k = key(row)
        if k not in out or _RANK.get(row.issuer, 99) < _RANK.get(out[k].issuer, 99):
            out[k] = row
    return out


def effective_unit_targets(unit, years) -> dict[int, Target]:
    """The target that applies to ``unit`` per statistical year of ``years`` (years without one are left out)."""
    rows = Target.objects.filter(unit=unit, officer__isnull=True, year__in=list(years))
    return dict(sorted(_nearest(rows, lambda t: t.year).items()))


def unit_targets_of(units, year: int) -> dict[int, Target]:
    """The effective targets of several units for ``year``, by unit id (one query)."""
    rows = Target.objects.filter(unit__in=list(units), officer__isnull=True, year=year)
    return _nearest(rows, lambda t: t.unit_id)


def effective_officer_target(officer, year: int) -> Target | None:
    """The target that applies to ``officer`` for ``year`` (None when none was set)."""
    return officer_targets_of([officer], year).get(officer.pk)


def officer_targets_of(officers, year: int) -> dict[int, Target]:
    """The effective targets of several officers for ``year``, by officer id (one query)."""
    rows = Target.objects.filter(officer__in=list(officers), year=year)
    return _nearest(rows, lambda t: t.officer_id)


@dataclass(frozen=True, slots=True)
class NationalLine:
    """The national targets of one year (rates as 2-decimal strings or None), where they come from (``stored``: a
    row entered in this installation, else the seed) and the published national results when seeded."""

    year: int
    cases: str | None
    money: str | None
    issuer: str | None
    source: str
    stored: bool
    actual_cases: str | None = None
    actual_money: str | None = None
    note: str = ""


def national_line(years) -> dict[int, NationalLine]:
    """The national line per year of ``years`` (years with neither a stored row nor a seeded figure left out)."""
    years = sorted(set(years))
    rows = _nearest(Target.objects.filter(unit__isnull=True, officer__isnull=True, year__in=years),
                    lambda t: t.year)
    out: dict[int, NationalLine] = {}
    for year in years:
        seed = national_year(year)
        row = rows.get(year)
        actual = (seed.actual_cases, seed.actual_money) if seed else (None, None)
        if row is not None:
            out[year] = NationalLine(year, row.cases_rate_text, row.money_rate_text, row.issuer,
                                     row.source or row.decision_no, True, *actual, note=row.note)
        elif seed is not None:
            out[year] = NationalLine(year, seed.target_cases, seed.target_money, None, seed.source, False, *actual,
                                     note=seed.note)
    return out


# --- emulation records (helper B appends below)
# Lists of campaigns, nominations, commendations and good practices, scoped through ``org.scope``: a nomination or
# a commendation is seen where its nominee's (recipient's) unit or its deciding unit is in the user's scope; a
# campaign where its organising unit or one of its participating units is; good practices by every active staff
# member (spreading them is the point; their linked cases are shown by the pages only when in the reader's scope).


def _scope_ids(user) -> list[int] | None:
    """The ids of the units the user sees (None: every unit, the superuser; [] for nobody)."""
    from thads.org.scope import sees_everything, visible_units

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if sees_everything(user):
        return None
    return list(visible_units(user).values_list("id", flat=True))


def visible_practices(user, q: str = "", kind=None, affects_order: bool | None = None):
    """Good practices an active staff member may read, newest first; ``q``: every word of it, without diacritics,
    found in the title, summary or body (AND); ``kind`` and ``affects_order`` filter."""
    from thads.emulation.models import GoodPractice
    from thads.lib.text import fold

    rows = GoodPractice.objects.select_related("unit", "author")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return rows.none()
    for word in fold(q).split():
        rows = rows.filter(folded__contains=word)
    if kind:
        rows = rows.filter(kind=str(kind))
    if affects_order is not None:
        rows = rows.filter(affects_order=bool(affects_order))
    return rows


def visible_nominations(user):
    """Nominations whose nominee's unit or deciding unit is in the user's scope, and those of a council the user
    sits on (a branch head on the province's council reviews the province's nominations)."""
    from django.db.models import Q

    from thads.emulation.models import Nomination

    rows = Nomination.objects.select_related("unit", "nominee_officer", "nominee_user", "nominee_unit", "campaign")
    ids = _scope_ids(user)
    if ids is None:
        return rows
    from thads.emulation.models import CouncilMember

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return rows.none()
    councils = CouncilMember.objects.filter(user_id=user.pk).values("unit_id")
    return rows.filter(Q(unit_id__in=ids) | Q(nominee_unit_id__in=ids) | Q(nominee_officer__unit_id__in=ids)
                       | Q(nominee_user__unit_id__in=ids) | Q(unit_id__in=councils))


def visible_commendations(user):
    """Commendations whose recipient's unit (or the nomination's deciding unit) is in the user's scope."""
    from django.db.models import Q

    from thads.emulation.models import Commendation

    rows = Commendation.objects.select_related("unit", "recipient_officer", "recipient_user", "recipient_unit",
                                               "campaign", "nomination")
    ids = _scope_ids(user)
    if ids is None:
        return rows
    return rows.filter(Q(unit_id__in=ids) | Q(nomination__unit_id__in=ids))


def visible_campaigns(user):
    """Campaigns organised by a unit in the user's scope or joined by one."""
    from django.db.models import Q

    from thads.emulation.models import Campaign

    rows = Campaign.objects.select_related("unit")
    ids = _scope_ids(user)
    if ids is None:
        return rows
    joined = Campaign.units.through.objects.filter(unit_id__in=ids).values("campaign_id")
    return rows.filter(Q(unit_id__in=ids) | Q(pk__in=joined))
