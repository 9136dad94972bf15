"""The emulation objects of the access-matrix world (``tests/test_url_access_matrix.py``): in each of branches A and
B a provincial target, a campaign (A's joined by A only, B's by B only), a nomination of the branch's officer
(A's proposed by ``deputy_a``, B's by nobody) with its first step, the branch's council (A: ``head_a``, B:
``officer_b``) and a good practice written by the branch's officer; and how the emulation pages' URL arguments
name them.

The rows are written directly (as the world's assets and complaints are): the table tests who may open which page,
not the actions.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

#: URL name → the world object its ``pk`` names.
PK_OBJECT = {
    "emulation-target-edit": "target", "emulation-target-delete": "target", "emulation-target-pass-down": "target",
    "emulation-campaign-detail": "campaign", "emulation-campaign-edit": "campaign",
    "emulation-campaign-close": "campaign", "emulation-nomination-detail": "nomination",
    "emulation-nomination-step": "nomination", "emulation-council-remove": "council",
    "emulation-practice-detail": "practice", "emulation-practice-edit": "practice",
}
#: Admin model label → the world object its change page opens.
ADMIN_OBJECT_KIND = {"emulation.target": "target", "emulation.campaign": "campaign",
                     "emulation.councilmember": "council", "emulation.nomination": "nomination",
                     "emulation.nominationevent": "nominationevent", "emulation.commendation": "commendation",
                     "emulation.goodpractice": "practice"}
#: The council member of each branch (who may review its nomination) and the author of its good practice.
COUNCIL = {"A": "head_a", "B": "officer_b"}
AUTHOR = {"A": "officer_a", "B": "officer_b"}
PROPOSER = {"A": "deputy_a", "B": None}


def build(objects: dict, units: dict, users: dict) -> None:
    """Add the emulation rows of targets A and B to ``objects`` ((kind, target) → pk)."""
    from thads.emulation.models import (
        Campaign,
        Commendation,
        CouncilMember,
        GoodPractice,
        Nomination,
        NominationEvent,
        Target,
    )

    for target in ("A", "B"):
        unit, officer = units[target], users[AUTHOR[target]].officer
        row = Target.objects.create(year=2025, issuer="province", unit=unit, issuing_unit=units["P"],
                                    cases_rate=Decimal("80.00"), money_rate=Decimal("40.00"))
        campaign = Campaign.objects.create(name=f"Thi đua {target}", unit=unit, starts_on=date(2025, 1, 1),
                                           ends_on=date(2025, 9, 30))
        campaign.units.add(unit)
        proposer = users[PROPOSER[target]] if PROPOSER[target] else None
        nomination = Nomination.objects.create(unit=unit, campaign=campaign, year=2025, kind="individual",
                                               nominee_officer=officer, title="advanced_worker",
                                               proposed_by=proposer, proposed_on=date(2025, 9, 1))
        event = NominationEvent.objects.create(nomination=nomination, seq=1, step="propose", to_state="proposed",
                                       on=date(2025, 9, 1), user=proposer, unit=unit)
        member = CouncilMember.objects.create(unit=unit, user=users[COUNCIL[target]], role="chair")
        practice = GoodPractice.objects.create(kind="solution", title=f"Giải pháp {target}", summary="Tóm tắt",
                                               unit=unit, author=users[AUTHOR[target]], year=2025,
                                               folded=f"giai phap {target.lower()}")
        commendation = Commendation.objects.create(kind="individual", recipient_officer=officer, unit=unit,
                                                   title="certificate", year=2024, decision_no=f"1/QĐ-{target}",
                                                   decided_on=date(2024, 10, 5), issuer="Cục trưởng")
        objects.update({("nominationevent", target): event.pk, ("commendation", target): commendation.pk,
                        ("target", target): row.pk, ("campaign", target): campaign.pk,
                        ("nomination", target): nomination.pk, ("council", target): member.pk,
                        ("practice", target): practice.pk})


def kwarg(route_name: str | None, name: str, target: str | None, objects: dict):
    """The value of an emulation page's URL argument, or None when the page is not an emulation page."""
    if route_name == "emulation-nomination-step" and name == "step":
        return "review"
    if name == "pk" and route_name in PK_OBJECT:
        return objects[(PK_OBJECT[route_name], target)]
    return None
