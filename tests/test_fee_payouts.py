"""The enforcement fee withheld by the payout act (issue 14 items 2-4; TT 216/2016/TT-BTC Arts. 4.5, 5.2-5.3, 6):
``cases.actions.do_act`` reads the creditor's earlier payouts from the case history and keeps the fee, its base,
its timing and any Art. 6 point in the payout event's details; the ledger rows and check-integrity follow."""

from __future__ import annotations

import pytest

from tests.test_case_actions import _enforcing, day
from thads.cases.actions import ActRefused, do_act
from thads.cases.ledger.models import LedgerEntry
from thads.cases.models import CaseEvent
from thads.deadlines.integrity import ledger_disagreements
from thads.domain.fees import full_fee


def _payouts(case):
    return list(CaseEvent.objects.filter(case=case, kind="payout").order_by("seq").values_list("amount", "details"))


@pytest.mark.parametrize(("amounts", "timing"), [
    pytest.param([3_000_000, 3_000_000], "coerced", id="TT216-5.3-two-payouts-under-the-threshold-each"),
    pytest.param([30_000_000, 20_000_000, 10_000_000], "coerced", id="TT216-5.2-three-payouts"),
    pytest.param([3_000_000, 3_000_000], "before_coercion", id="TT216-4.5-legacy-value-full-fee-cumulative"),
])
def test_tt216_art_5_2_split_payouts_through_the_act_pay_the_fee_of_the_total(staff, org, amounts, timing):
    case = _enforcing(staff, org, amounts=(sum(amounts),))
    do_act(staff["accountant_a"], case.pk, "collect", day(30), amount=sum(amounts), receipt_no="BL-1")
    for i, amount in enumerate(amounts):
        do_act(staff["accountant_a"], case.pk, "payout", day(33 + i), amount=amount, obligation="1",
               fee_timing=timing)
    fees = [details["fee"] for _amount, details in _payouts(case)]
    assert sum(fees) == full_fee(sum(amounts), on=day(40)) > 0
    assert all(details["fee_base"] == amount and details["fee_timing"] == "coerced"
               for amount, details in _payouts(case))
    assert LedgerEntry.objects.filter(case=case, kind="PHI_THA").values_list("amount", flat=True).count() == \
        sum(1 for f in fees if f)
    assert list(ledger_disagreements(day(40))) == []


@pytest.mark.parametrize(("kinds", "payout_ob", "extra", "fee", "point"), [
    pytest.param(("cap_duong",), "1", {}, 0, "6.1", id="TT216-6.1-maintenance"),
    pytest.param(("boi_thuong",), "1", {"fee_exemption": "6.1"}, 0, "6.1", id="TT216-6.1-damages-life-health"),
    pytest.param(("tra_lai_tai_san",), "1", {}, 3_000_000, "", id="TT216-6.7-on-request-return-pays"),
    pytest.param(("tra_no",), "1", {}, 3_000_000, "", id="TT216-4.5-debt-pays"),
])
def test_tt216_art_6_exempt_obligations_withhold_no_fee(staff, org, kinds, payout_ob, extra, fee, point):
    case = _enforcing(staff, org, amounts=(100_000_000,), kinds=kinds)
    do_act(staff["accountant_a"], case.pk, "collect", day(30), amount=100_000_000, receipt_no="BL-1")
    do_act(staff["accountant_a"], case.pk, "payout", day(33), amount=100_000_000, obligation=payout_ob,
           fee_timing="coerced", **extra)
    (_amount, details), = _payouts(case)
    assert (details["fee"], details.get("fee_exemption", "")) == (fee, point)
    assert list(ledger_disagreements(day(40))) == []


def test_tt216_art_6_exempt_money_does_not_count_towards_the_creditors_cumulative_fee(staff, org):
    case = _enforcing(staff, org, amounts=(4_000_000, 4_000_000), kinds=("cap_duong", "tra_no"))
    do_act(staff["accountant_a"], case.pk, "collect", day(30), amount=8_000_000, receipt_no="BL-1")
    do_act(staff["accountant_a"], case.pk, "payout", day(33), amount=4_000_000, obligation="1", fee_timing="coerced")
    do_act(staff["accountant_a"], case.pk, "payout", day(34), amount=4_000_000, obligation="2", fee_timing="coerced")
    assert [d["fee"] for _a, d in _payouts(case)] == [0, 0]  # 4 m of debt alone is under the threshold


def test_tt216_art_4_4_a_payout_marked_as_a_direct_handover_is_refused_and_writes_nothing(staff, org):
    case = _enforcing(staff, org)
    do_act(staff["accountant_a"], case.pk, "collect", day(30), amount=10_000_000, receipt_no="BL-1")
    before = CaseEvent.objects.filter(case=case).count(), LedgerEntry.objects.filter(case=case).count()
    with pytest.raises(ActRefused) as exc:
        do_act(staff["accountant_a"], case.pk, "payout", day(33), amount=10_000_000, obligation="1",
               fee_timing="direct")
    assert "Điều 4.5" in exc.value.message
    assert (CaseEvent.objects.filter(case=case).count(), LedgerEntry.objects.filter(case=case).count()) == before


def test_the_payout_form_offers_the_art_4_5_full_fee_and_an_art_6_exemption_and_records_them(client, staff, org):
    """The page's fee choices are the circular's: no 'before coercion' discount on money the agency collected
    (Art. 4.5), and a stated Art. 6 point (here 6.1, damages for life or health) withholds no fee."""
    from django.urls import reverse

    case = _enforcing(staff, org, amounts=(100_000_000,), kinds=("boi_thuong",))
    do_act(staff["accountant_a"], case.pk, "collect", day(30), amount=100_000_000, receipt_no="BL-1")
    client.force_login(staff["accountant_a"])
    url = reverse("case-act", args=[case.pk, "payout"])
    form = client.get(url).content.decode()
    assert 'value="coerced"' in form and 'value="before_coercion"' not in form and 'value="6.1"' in form
    response = client.post(url, {"on": day(33).strftime("%d/%m/%Y"), "amount": "100.000.000", "obligation": "1",
                                 "fee_timing": "coerced", "fee_exemption": "6.1", "token": "tok-payout"})
    assert response.status_code == 302, response.content.decode()[:2000]
    (_amount, details), = _payouts(case)
    assert (details["fee"], details["fee_exemption"]) == (0, "6.1")
    assert not LedgerEntry.objects.filter(case=case, kind="PHI_THA").exists()
