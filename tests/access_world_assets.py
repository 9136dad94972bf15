"""The assets objects of the access-matrix world (``tests/test_url_access_matrix.py``): in each of branches A and B a
debtor in the register with an asset, an information request, a measure on the world's case, a coercion plan, an
auction contract and a sold session; and how the assets pages' URL arguments name them.

The rows are written directly (as the world's attachments and documents are): the table tests who may open which
page, not the actions. The world's case is not linked to the debtor, so that the "register the debtor" form is
shown (a linked case redirects to its debtor).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

#: URL name → the world object its ``pk`` names (pages about a case take the world's case).
PK_OBJECT = {
    "assets-debtor-detail": "debtor", "assets-debtor-declaration": "debtor", "assets-request-new": "debtor",
    "assets-debtor-address-unknown": "debtor",
    "assets-asset-new": "debtor", "assets-request-reply": "inforequest", "assets-measure-detail": "measure",
    "assets-measure-step": "measure", "assets-plan-result": "plan", "assets-asset-detail": "asset",
    "assets-valuation": "asset", "assets-auction-contract": "asset", "assets-creditor-takes": "asset",
    "assets-return": "asset", "assets-auction-session": "contract", "assets-sale-proceeds": "session",
    "assets-measure-document": "measure", "assets-plan-document": "plan",
}


def build(objects: dict, units: dict) -> None:
    """Add the assets rows of targets A and B to ``objects`` ((kind, target) → pk); the cases must be there."""
    from thads.assets.models import (
        Asset,
        AuctionContract,
        AuctionSession,
        CoercionPlan,
        Debtor,
        InfoRequest,
        Measure,
        MeasureEvent,
    )
    from thads.cases.models import Case

    for target in ("A", "B"):
        unit, case = units[target], Case.objects.get(pk=objects[("case", target)])
        debtor = Debtor.objects.create(unit=unit, name="Lê Văn Đức", id_number=f"04609000123{target == 'B':d}",
                                       address="Huế")
        asset = Asset.objects.create(debtor=debtor, kind="land", description="Thửa đất số 12, tờ bản đồ 5",
                                     found_on=date(2025, 9, 10), estimated_value=800_000_000,
                                     identifiers={"certificate_no": "CS 01234"})
        request = InfoRequest.objects.create(debtor=debtor, case=case, unit=unit, body="Văn phòng đăng ký đất đai",
                                             asset_kind="land", requested_on=date(2025, 9, 5),
                                             reply_due_on=date(2025, 9, 10))
        measure = Measure.objects.create(case=case, debtor=debtor, asset=asset, unit=unit, kind="distraint",
                                         decision_no=f"12/QĐ-CCTHA-{target}", decided_on=date(2025, 9, 15))
        MeasureEvent.objects.create(measure=measure, case=case, seq=1, kind="decided", on=date(2025, 9, 15),
                                    unit=unit, decision_no=measure.decision_no)
        plan = CoercionPlan.objects.create(case=case, measure=measure, unit=unit, place="Thôn 3",
                                           starts_at=datetime(2025, 9, 18, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
        contract = AuctionContract.objects.create(asset=asset, measure=measure, organisation="Công ty đấu giá Huế",
                                                  signed_on=date(2025, 10, 1))
        session = AuctionSession.objects.create(contract=contract, asset=asset, case=case, unit=unit, seq=1,
                                                held_on=date(2025, 10, 20), starting_price=800_000_000,
                                                outcome="sold", sale_price=820_000_000, buyer="Nguyễn Văn An")
        objects.update({("debtor", target): debtor.pk, ("asset", target): asset.pk,
                        ("inforequest", target): request.pk, ("measure", target): measure.pk,
                        ("plan", target): plan.pk, ("contract", target): contract.pk,
                        ("session", target): session.pk})


def kwarg(route_name: str | None, name: str, target: str | None, objects: dict):
    """The value of an assets page's URL argument, or None when the page is not an assets page about an object."""
    if route_name == "assets-measure-step" and name == "step":
        return "execute"
    if name == "pk" and route_name in PK_OBJECT:
        return objects[(PK_OBJECT[route_name], target)]
    return None
