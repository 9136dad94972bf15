"""Every assets form records its act through its page (issue 15): the fields of each form are the arguments of its
action (a renamed argument fails here, not in front of an officer). One debtor's walk, every step a POST of the
form followed to its redirect: the declaration (Decree 62/2015 Art. 9.1), an information request and its reply
(Art. 44.6), a plot of land found, distrained (Arts. 71.4, 88), a coercion plan (Art. 72) carried out and its cost
(Art. 73), the valuation (Art. 98), the auction contract (Art. 101), a sold session and its proceeds (Arts. 47,
104); a wage deducted each month (Art. 78) and its money collected; a motorbike seized then returned (Art. 126); a
freeze decided then cancelled, a transfer ban released; at last the debtor's address found unknown (Art. 44a.1.c).
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser.helpers import enforcing_case
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
    MeasureEvent,
    Valuation,
)
from thads.cases.models import Case
from thads.domain.calendar import national_calendar

pytestmark = pytest.mark.django_db
CALENDAR = national_calendar()


def _workday(days_ago: int):
    """The last working day at most ``days_ago`` days back (on-the-spot acts are not done on rest days)."""
    day = timezone.localdate() - timedelta(days=days_ago)
    while not CALENDAR.is_working_day(day):
        day -= timedelta(days=1)
    return day


def _d(day) -> str:
    return day.strftime("%d/%m/%Y")


class Walk:
    """Posts forms as one user and checks each was recorded (a redirect, no form error)."""

    def __init__(self, client) -> None:
        self.client, self.n = client, 0

    def post(self, url_name: str, args: list, **data) -> None:
        self.n += 1
        response = self.client.post(reverse(url_name, args=args), {"token": f"walk-{self.n}", **data})
        errors = re.findall(r'class="error[^"]*"[^>]*>(.*?)</(?:div|ul)>', response.content.decode(), re.S)
        assert response.status_code == 302, f"{url_name}: {errors}"


def _measure(kind: str) -> Measure:
    return Measure.objects.filter(kind=kind).latest("id")


def test_every_assets_form_records_its_act_through_its_page(client, staff, org):
    case = enforcing_case(org, debtor="Võ Văn Tám", amount=50_000_000)
    client.force_login(staff["officer_a"])
    walk = Walk(client)
    t1, t2, t3 = _workday(9), _workday(6), _workday(3)
    party = case.parties.get(role="debtor")
    walk.post("assets-register-debtor", [case.pk], party=party.pk, kind="person", name="Võ Văn Tám",
              id_number=party.id_number, address="Thôn 2, Phú Vang")
    debtor = Debtor.objects.get(name="Võ Văn Tám")
    walk.post("assets-debtor-declaration", [debtor.pk], declared_on=_d(t1),
              declaration="Có một thửa đất ở Phú Vang và lương hằng tháng.")
    walk.post("assets-request-new", [debtor.pk], case_id=case.pk, body="Văn phòng đăng ký đất đai tỉnh",
              asset_kind="land", requested_on=_d(t1))
    request = InfoRequest.objects.get(debtor=debtor)
    walk.post("assets-request-reply", [request.pk], replied_on=_d(t1), found="1", note="Có thửa đất số 45.")
    walk.post("assets-asset-new", [debtor.pk], kind="land", description="Thửa đất số 45, tờ bản đồ số 3",
              found_on=_d(t1), estimated_value="600.000.000", request_id=request.pk, id_certificate_no="CT 77881")
    land = Asset.objects.get(debtor=debtor, kind="land")
    walk.post("assets-asset-new", [debtor.pk], kind="wage", description="Lương tại Công ty May Huế",
              holder="Công ty May Huế", found_on=_d(t1), estimated_value="9.000.000")
    wage = Asset.objects.get(debtor=debtor, kind="wage")
    walk.post("assets-asset-new", [debtor.pk], kind="vehicle", description="Xe máy Honda Vision",
              found_on=_d(t1), estimated_value="20.000.000")
    bike = Asset.objects.get(debtor=debtor, kind="vehicle")
    walk.post("assets-asset-new", [debtor.pk], kind="bank_account", description="Tài khoản BIDV", found_on=_d(t1))
    account = Asset.objects.get(debtor=debtor, kind="bank_account")

    # distraint of the land, carried out under a coercion plan with its cost
    walk.post("assets-measure-new", [case.pk], kind="distraint", on=_d(t2), decision_no="10/QĐ-CCTHADS",
              asset_id=land.pk)
    distraint = _measure("distraint")
    walk.post("assets-plan-new", [case.pk], day=_d(t2), time="08:00", place="Thôn 2, Phú Vang",
              mobilised_forces="on", forces="Công an xã Phú Thuận", cost_estimate="3.000.000",
              measure_id=distraint.pk)
    plan = CoercionPlan.objects.get(case=case)
    walk.post("assets-plan-result", [plan.pk], on=_d(t2), carried_out="1", result="Đã kê biên thửa đất.")
    walk.post("assets-cost-new", [case.pk], kind="charged", on=_d(t2), amount="2.500.000",
              description="Bồi dưỡng lực lượng bảo vệ cưỡng chế", plan_id=plan.pk)
    walk.post("assets-measure-step", [distraint.pk, "execute"], on=_d(t2), result="Biên bản kê biên")
    # a wage deduction and its first month; a seizure returned; a freeze cancelled, another released
    walk.post("assets-measure-new", [case.pk], kind="income_deduction", on=_d(t2), decision_no="11/QĐ",
              asset_id=wage.pk, amount="2.000.000", monthly_income="9.000.000")
    deduction = _measure("income_deduction")
    walk.post("assets-measure-step", [deduction.pk, "execute"], on=_d(t2), result="Công ty đã nhận quyết định")
    walk.post("assets-measure-step", [deduction.pk, "collect"], on=_d(t3), amount="2.000.000", receipt_no="BL 0042")
    walk.post("assets-measure-new", [case.pk], kind="asset_seizure", on=_d(t2), asset_id=bike.pk)
    walk.post("assets-measure-step", [_measure("asset_seizure").pk, "execute"], on=_d(t2))
    walk.post("assets-measure-new", [case.pk], kind="account_freeze", on=_d(t2), asset_id=account.pk,
              amount="5.000.000")
    walk.post("assets-measure-step", [_measure("account_freeze").pk, "cancel"], on=_d(t2), reason="Nhầm tài khoản")
    walk.post("assets-measure-new", [case.pk], kind="transfer_ban", on=_d(t2), asset_id=bike.pk)
    walk.post("assets-measure-step", [_measure("transfer_ban").pk, "release"], on=_d(t3), decision_no="12/QĐ",
              reason="Đã trả lại xe")
    walk.post("assets-return", [bike.pk], on=_d(t3), to_whom="Võ Văn Tám", reason="Tài sản của người khác")


    # the land valued, auctioned and sold: the proceeds pay the rest of the debt
    walk.post("assets-valuation", [land.pk], method="appraised", on=_d(t3), value="600.000.000",
              appraiser="Công ty thẩm định giá Huế", measure_id=distraint.pk)
    walk.post("assets-auction-contract", [land.pk], organisation="Trung tâm dịch vụ đấu giá tỉnh",
              contract_no="HĐ 15/2026", signed_on=_d(t3), measure_id=distraint.pk)
    contract = AuctionContract.objects.get(asset=land)
    walk.post("assets-auction-session", [contract.pk], held_on=_d(t3), starting_price="600.000.000",
              outcome="sold", sale_price="650.000.000", buyer="Nguyễn Văn Mười")
    session = AuctionSession.objects.get(asset=land)
    walk.post("assets-sale-proceeds", [session.pk], on=_d(t3), receipt_no="BL 0099")

    walk.post("assets-debtor-address-unknown", [debtor.pk], on=_d(t3))  # Art. 44a.1.c: he moved away
    debtor.refresh_from_db()
    assert debtor.declared_on == t1 and debtor.address_unknown_since == t3
    assert Valuation.objects.filter(asset=land).count() == 1
    assert AssetDisposal.objects.filter(asset=land, kind="sold").exists()
    assert AssetDisposal.objects.filter(asset=bike, kind="returned").exists()
    assert CostEntry.objects.filter(case=case, kind="charged", amount=2_500_000).exists()
    assert CoercionPlan.objects.get(pk=plan.pk).status == "carried_out"
    assert _measure("account_freeze").status == "cancelled" and _measure("transfer_ban").status == "released"
    assert Case.objects.get(pk=case.pk).outstanding == 0  # the proceeds paid the debt (Art. 47)
    kinds = set(MeasureEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds == {"decided", "executed", "collected", "cancelled", "released"}
