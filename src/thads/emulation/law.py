"""The law checks of a nomination (Luật Thi đua, Khen thưởng 2022; the rules and their status — VERIFIED or
UNVERIFIED — are in :mod:`thads.domain.emulation`): who decides the title, the criteria the council checks by hand,
and the warnings the records give (a prerequisite title missing, the share of "Chiến sĩ thi đua cơ sở" above the
configured maximum). Frozen with the evidence sheet when a nomination is proposed (``evidence["law_checks"]``) and
shown on it; never a refusal.

Configuration (UNVERIFIED values, THADS.md §7): ``THADS_EMULATION_LEGAL_ENTITY_LEVELS`` — the unit levels whose head
is "thủ trưởng đơn vị có tư cách pháp nhân" (Art. 80.1; default: the provincial and national levels, a branch's
legal personality being unverified); ``THADS_GRASSROOTS_FIGHTER_MAX_SHARE`` — percent (default 15, Decree 91/2017
Art. 9.3, repealed), ``None`` for no check.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.db.models import Q

from thads.domain.emulation import (
    GRASSROOTS_FIGHTER_MAX_SHARE,
    TITLE_CRITERIA_VI,
    AwardTitle,
    NominationState,
    decided_by_head,
    share_exceeded,
    title_warnings,
)
from thads.emulation.models import Commendation, Nomination
from thads.org.capabilities import PROVINCE_LEVELS
from thads.org.models import Unit

OPEN = (NominationState.PROPOSED, NominationState.REVIEWED)


def legal_entity_levels() -> frozenset[str]:
    """The unit levels whose head decides the Art. 80.1 titles himself (settings, UNVERIFIED for branches)."""
    levels = getattr(settings, "THADS_EMULATION_LEGAL_ENTITY_LEVELS", None)
    return frozenset(str(x) for x in (PROVINCE_LEVELS if levels is None else levels))


def max_share() -> Decimal | None:
    """The configured maximum share of grassroots fighters among advanced workers, in percent (None: no check)."""
    value = getattr(settings, "THADS_GRASSROOTS_FIGHTER_MAX_SHARE", GRASSROOTS_FIGHTER_MAX_SHARE)
    return None if value is None else Decimal(str(value))


def decides_here(title: AwardTitle | str, unit: Unit) -> bool:
    """Whether the head of ``unit`` decides ``title`` himself (Luật TĐKT 2022 Art. 80.1, VERIFIED)."""
    return decided_by_head(title, legal_entity=str(unit.level) in legal_entity_levels())


def held_titles(*, officer=None, user=None, unit=None) -> dict[int, set[str]]:
    """Year → titles the recipient holds (commendations recorded here, by officer or by his user account)."""
    if unit is not None:
        who = Q(recipient_unit=unit)
    else:
        who = Q(recipient_user=user) if user is not None else Q(recipient_officer=officer)
        if officer is not None and officer.user_id:
            who |= Q(recipient_user_id=officer.user_id)
    out: dict[int, set[str]] = defaultdict(set)
    for year, title in Commendation.objects.filter(who).values_list("year", "title"):
        out[year].add(title)
    return out


def _count(unit: Unit, year: int, title: AwardTitle) -> int:
    """Titles given (commendations) or pending (open nominations) in ``unit``'s subtree for ``year``."""
    given = Commendation.objects.filter(unit__path__startswith=unit.path, year=year, title=title).count()
    pending = Nomination.objects.filter(unit__path__startswith=unit.path, year=year, title=title,
                                        state__in=OPEN).count()
    return given + pending


def law_checks(*, unit: Unit, year: int, title: AwardTitle | str, officer=None, user=None,
               nominee_unit=None) -> dict:
    """The checks of a nomination for ``title`` in ``year`` decided by ``unit`` (JSON-able): ``decided_here``,
    ``criteria`` (Vietnamese lines to check by hand), ``warnings`` (codes: ``prerequisite``, ``share``) and, for a
    grassroots fighter, ``share`` (fighters, advanced workers, maximum %) — counted with this nomination included
    when called after it is saved."""
    title = AwardTitle(title)
    held = held_titles(officer=officer, user=user, unit=nominee_unit)
    out: dict = {"title": str(title), "decided_here": decides_here(title, unit),
                 "criteria": list(TITLE_CRITERIA_VI.get(title, ())),
                 "warnings": title_warnings(title, year, held)}
    if title == AwardTitle.GRASSROOTS_FIGHTER:
        limit = max_share()
        fighters = _count(unit, year, AwardTitle.GRASSROOTS_FIGHTER)
        workers = _count(unit, year, AwardTitle.ADVANCED_WORKER)
        out["share"] = {"fighters": fighters, "advanced_workers": workers,
                        "max": None if limit is None else f"{limit:.2f}"}
        if share_exceeded(fighters, workers, limit):
            out["warnings"].append("share")
    return out


__all__ = ["decides_here", "held_titles", "law_checks", "legal_entity_levels", "max_share"]
