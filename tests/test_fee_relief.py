"""Exemption and reduction of the enforcement fee on the creditor's application (issue 14 item 4; TT 216/2016/TT-BTC
Art. 7, Pháp điển 33.3.TT.56.7): the table of grounds, the head's 5 working days, the refund (HOAN_TRA) of the
relieved share of a fee already withheld, the reduced fee of a later payout, who may decide, and that the internal
``fee_relief`` row stays out of the export and the statistics while check-integrity accepts it."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.test_case_actions import _enforcing, day
from thads.cases.actions import ActRefused, do_act
from thads.cases.exporter import export_lines
from thads.cases.histories import case_history
from thads.cases.ledger.models import LedgerEntry
from thads.cases.models import CaseEvent
from thads.deadlines.integrity import ledger_disagreements
from thads.domain.errors import RuleViolation
from thads.domain.fee_relief import (
    RELIEF_TABLE,
    FeeDecisionRec,
    decision_due,
    plan_relief,
    relief_percent,
    relieved_share,
)

FEE_100M = 3_000_000  # TT 216/2016 Art. 4.1.a: 3 % of 100,000,000


# --------------------------------------------------------------------------------------------- the pure rules


@pytest.mark.parametrize(("point", "percent", "up_to", "every_decision"), [
    pytest.param("7.1.a", 100, False, True, id="TT 216 Art. 7.1.a merit: exemption, every fee decision"),
    pytest.param("7.1.b", 100, False, False, id="TT 216 Art. 7.1.b alone, disabled, long ill: exemption"),
    pytest.param("7.1.c", 100, False, False, id="TT 216 Art. 7.1.c asset found after 44a.1: exemption"),
    pytest.param("7.2.a", 80, True, False, id="TT 216 Art. 7.2.a poor household: up to 80 %"),
    pytest.param("7.2.b", 30, False, False, id="TT 216 Art. 7.2.b asset verified, no mobilised coercion: 30 %"),
    pytest.param("7.2.c", 20, False, False, id="TT 216 Art. 7.2.c asset verified, mobilised coercion: 20 %"),
])
def test_the_relief_table_has_the_points_and_percentages_of_art_7(point, percent, up_to, every_decision):
    rule = RELIEF_TABLE[point]
    assert (rule.percent, rule.up_to, rule.every_decision, rule.exemption) == (
        percent, up_to, every_decision, percent == 100)
    assert relief_percent(point, None if not up_to else 80) == percent


def test_the_table_has_exactly_the_six_points_of_art_7():
    assert sorted(RELIEF_TABLE) == ["7.1.a", "7.1.b", "7.1.c", "7.2.a", "7.2.b", "7.2.c"]


@pytest.mark.parametrize(("point", "percent", "code"), [
    pytest.param("7.2.a", 81, "fee_relief.percent", id="TT 216 Art. 7.2.a more than 80 % is refused"),
    pytest.param("7.2.a", None, "fee_relief.percent", id="TT 216 Art. 7.2.a needs the head's percentage"),
    pytest.param("7.2.b", 50, "fee_relief.percent", id="TT 216 Art. 7.2.b is exactly 30 %"),
    pytest.param("7.1.b", 50, "fee_relief.percent", id="TT 216 Art. 7.1.b is an exemption, not 50 %"),
    pytest.param("7.3", None, "fee_relief.ground", id="TT 216 Art. 7.3 is the application, not a ground"),
])
def test_a_percentage_the_point_does_not_allow_is_refused_in_vietnamese(point, percent, code):
    with pytest.raises(RuleViolation) as exc:
        relief_percent(point, percent)
    assert exc.value.code == code and "Thông tư 216/2016/TT-BTC" in exc.value.message_vi


@pytest.mark.parametrize(("received", "due"), [
    pytest.param(date(2025, 3, 6), date(2025, 3, 13), id="TT 216 Art. 7.4 Thursday: 5 WD across a weekend"),
    pytest.param(date(2025, 4, 25), date(2025, 5, 6),
                 id="TT 216 Art. 7.4 across 30-4 to 2-5 off with the make-up Saturday 26-4 worked"),
    pytest.param(date(2025, 1, 24), date(2025, 2, 7), id="TT 216 Art. 7.4 across the Tet holiday 2025"),
])
def test_the_head_decides_within_5_working_days_of_the_complete_application(received, due):
    assert decision_due(received) == due


@pytest.mark.parametrize(("fee", "percent", "share"), [
    pytest.param(3_000_000, 30, 900_000, id="TT 216 Art. 7.2.b 30 % of 3,000,000"),
    pytest.param(1_234_567, 55, 679_012, id="TT 216 Art. 7.2.a 55 % of 1,234,567 rounds half up"),
    pytest.param(245_300_000, 20, 49_060_000, id="TT 216 Art. 7.2.c 20 % of the Art. 5.2 example's fee"),
    pytest.param(3, 50, 2, id="TT 216 Art. 7.2.a half a dong rounds up"),
])
def test_the_relieved_share_is_an_exact_whole_number_of_dong(fee, percent, share):
    assert relieved_share(fee, percent) == share


def test_tt216_art_7_4_a_merit_exemption_refunds_what_is_still_withheld_from_every_fee_decision():
    decisions = [FeeDecisionRec(5, date(2025, 3, 1), 3_000_000, refunded=900_000),
                 FeeDecisionRec(7, date(2025, 3, 5), 1_000_000)]
    plan = plan_relief("7.1.a", None, received_on=date(2025, 3, 10), on=date(2025, 3, 12), target=None,
                       decisions=decisions)
    assert plan.refunds == ((5, 2_100_000), (7, 1_000_000)) and plan.standing and plan.percent == 100
    assert plan.due == date(2025, 3, 17)


@pytest.mark.parametrize(("decision", "code"), [
    pytest.param(FeeDecisionRec(5, date(2025, 3, 1), 3_000_000, refunded=900_000), "fee_relief.again",
                 id="TT 216 Art. 7.4 one relief per fee decision (refunded before)"),
    pytest.param(FeeDecisionRec(5, date(2025, 3, 1), 1_500_000, relieved=True), "fee_relief.again",
                 id="TT 216 Art. 7.4 one relief per fee decision (reduced when withheld)"),
    pytest.param(FeeDecisionRec(5, date(2025, 3, 20), 3_000_000), "fee_relief.before_fee",
                 id="TT 216 Art. 7.4 not before the fee decision"),
])
def test_a_second_reduction_of_one_fee_decision_or_one_before_it_is_refused(decision, code):
    with pytest.raises(RuleViolation) as exc:
        plan_relief("7.2.b", None, received_on=date(2025, 3, 10), on=date(2025, 3, 12), target=5,
                    decisions=[decision])
    assert exc.value.code == code


# --------------------------------------------------------------------------------------------- through the act


def _paid_out(staff, org, payouts=(100_000_000,)):
    case = _enforcing(staff, org, amounts=(sum(payouts),))
    do_act(staff["accountant_a"], case.pk, "collect", day(30), amount=sum(payouts), receipt_no="BL-1")
    for i, amount in enumerate(payouts):
        do_act(staff["accountant_a"], case.pk, "payout", day(33 + i), amount=amount, obligation="1",
               fee_timing="coerced")
    return case


def _payout_seqs(case):
    return list(CaseEvent.objects.filter(case=case, kind="payout").order_by("seq").values_list("seq", flat=True))


def _relief(staff, case, on, who="head_a", **params):
    params.setdefault("outcome", "granted")
    params.setdefault("received_on", on)
    return do_act(staff[who], case.pk, "fee_relief", on, decision_no="5/QĐ-CCTHADS", **params)


@pytest.mark.parametrize(("point", "percent", "refund"), [
    pytest.param("7.1.b", None, FEE_100M, id="TT 216 Art. 7.1.b exemption refunds the whole fee"),
    pytest.param("7.2.a", 55, 1_650_000, id="TT 216 Art. 7.2.a 55 % refunded"),
    pytest.param("7.2.b", None, 900_000, id="TT 216 Art. 7.2.b 30 % refunded"),
    pytest.param("7.2.c", None, 600_000, id="TT 216 Art. 7.2.c 20 % refunded"),
])
def test_a_relief_of_a_fee_already_withheld_refunds_its_share_as_hoan_tra(staff, org, point, percent, refund):
    case = _paid_out(staff, org)
    payout_seq, = _payout_seqs(case)
    extra = {"percent": percent} if percent else {}
    _relief(staff, case, day(36), point=point, target=payout_seq, received_on=day(35), **extra)
    event = CaseEvent.objects.get(case=case, kind="fee_relief")
    assert event.amount == refund and event.details["payout_seq"] == payout_seq and event.details["point"] == point
    rows = list(LedgerEntry.objects.filter(case=case, kind="HOAN_TRA").values_list("amount", "event_id"))
    assert rows == [(refund, event.pk)]
    assert list(ledger_disagreements(day(40))) == []


def test_tt216_art_7_4_the_same_fee_decision_is_not_reduced_twice(staff, org):
    case = _paid_out(staff, org)
    seq, = _payout_seqs(case)
    _relief(staff, case, day(36), point="7.2.c", target=seq)
    before = CaseEvent.objects.filter(case=case).count(), LedgerEntry.objects.filter(case=case).count()
    with pytest.raises(ActRefused) as exc:
        _relief(staff, case, day(37), point="7.2.b", target=seq)
    assert "đã được xét miễn, giảm phí" in exc.value.message
    assert (CaseEvent.objects.filter(case=case).count(), LedgerEntry.objects.filter(case=case).count()) == before


def test_tt216_art_7_a_relief_decided_ahead_reduces_the_next_payouts_fee_only_and_is_not_caught_up(staff, org):
    case = _enforcing(staff, org, amounts=(200_000_000,))
    do_act(staff["accountant_a"], case.pk, "collect", day(30), amount=200_000_000, receipt_no="BL-1")
    _relief(staff, case, day(31), point="7.2.a", percent=50, obligation="1")
    relief = CaseEvent.objects.get(case=case, kind="fee_relief")
    assert relief.amount is None and relief.details["ahead"] is True
    for i in range(2):
        do_act(staff["accountant_a"], case.pk, "payout", day(33 + i), amount=100_000_000, obligation="1",
               fee_timing="coerced")
    first, second = [d for d in CaseEvent.objects.filter(case=case, kind="payout").order_by("seq")
                     .values_list("details", flat=True)]
    assert (first["fee"], first["fee_gross"], first["fee_relief_seq"]) == (1_500_000, FEE_100M, relief.seq)
    # Arts. 5.2-5.3: the second instalment pays the fee of 200 m minus the fee charged before the relief (3 m), not
    # the 1.5 m relieved on the first.
    assert second["fee"] == FEE_100M and "fee_relief_seq" not in second
    assert list(LedgerEntry.objects.filter(case=case, kind="PHI_THA").order_by("id").values_list(
        "amount", flat=True)) == [1_500_000, FEE_100M]
    assert list(ledger_disagreements(day(40))) == []


def test_tt216_art_7_1_a_a_merit_exemption_refunds_earlier_fees_and_exempts_later_payouts(staff, org):
    case = _enforcing(staff, org, amounts=(200_000_000,))
    do_act(staff["accountant_a"], case.pk, "collect", day(30), amount=200_000_000, receipt_no="BL-1")
    do_act(staff["accountant_a"], case.pk, "payout", day(33), amount=100_000_000, obligation="1", fee_timing="coerced")
    _relief(staff, case, day(34), point="7.1.a", obligation="1")
    do_act(staff["accountant_a"], case.pk, "payout", day(35), amount=100_000_000, obligation="1", fee_timing="coerced")
    assert list(LedgerEntry.objects.filter(case=case, kind="HOAN_TRA").values_list("amount", flat=True)) == [FEE_100M]
    last = CaseEvent.objects.filter(case=case, kind="payout").order_by("seq").last().details
    assert (last["fee"], last["fee_gross"], last["fee_relief_ground"]) == (0, FEE_100M, "7.1.a")
    assert list(ledger_disagreements(day(40))) == []


def test_tt216_art_7_4_a_refusal_is_recorded_with_its_reasons_and_moves_no_money(staff, org):
    case = _paid_out(staff, org)
    seq, = _payout_seqs(case)
    with pytest.raises(ActRefused) as exc:
        _relief(staff, case, day(36), outcome="refused", target=seq)
    assert "lý do" in exc.value.message
    _relief(staff, case, day(36), outcome="refused", target=seq, point="7.2.a", reason="Không có xác nhận hộ nghèo")
    event = CaseEvent.objects.get(case=case, kind="fee_relief")
    assert (event.amount, event.details["outcome"], event.details["reason"]) == (
        None, "refused", "Không có xác nhận hộ nghèo")
    assert not LedgerEntry.objects.filter(case=case, kind="HOAN_TRA").exists()


@pytest.mark.parametrize("who", [
    pytest.param("officer_a", id="TT 216 Art. 7.4 not the enforcement officer"),
    pytest.param("accountant_a", id="TT 216 Art. 7.4 not the accountant"),
])
def test_only_the_head_or_deputy_decides_on_a_fee_relief(staff, org, who):
    case = _paid_out(staff, org)
    seq, = _payout_seqs(case)
    with pytest.raises(ActRefused) as exc:
        _relief(staff, case, day(36), who=who, point="7.2.b", target=seq)
    assert exc.value.code == "title"
    assert not CaseEvent.objects.filter(case=case, kind="fee_relief").exists()


def test_tt216_art_7_4_the_application_must_not_be_received_after_the_decision(staff, org):
    case = _paid_out(staff, org)
    seq, = _payout_seqs(case)
    with pytest.raises(ActRefused) as exc:
        _relief(staff, case, day(36), point="7.2.b", target=seq, received_on=day(37))
    assert "nhận đủ hồ sơ" in exc.value.message


# --------------------------------------------------------------------------------------------- contract, reports


def test_the_fee_relief_row_is_not_exported_nor_replayed_and_the_report_is_unchanged(staff, org):
    from thads.stats.service import range_report

    case = _paid_out(staff, org)
    seq, = _payout_seqs(case)
    unit = org["units"]["A"]
    export_before = list(export_lines(unit))
    report_before = range_report(unit, day(0), day(60))
    history_before = case_history(case)
    _relief(staff, case, day(36), point="7.2.b", target=seq)
    case.refresh_from_db()
    assert list(export_lines(unit)) == export_before
    assert range_report(unit, day(0), day(60)) == report_before
    assert case_history(case) == history_before
    assert "fee_relief" not in "".join(export_before)


def test_check_integrity_flags_a_refund_larger_than_the_fee_or_naming_no_payout(staff, org):
    case = _paid_out(staff, org)
    seq, = _payout_seqs(case)
    _relief(staff, case, day(36), point="7.2.b", target=seq)
    assert list(ledger_disagreements(day(40))) == []
    event = CaseEvent.objects.get(case=case, kind="fee_relief")
    CaseEvent.objects.filter(pk=event.pk).update(details={**event.details, "payout_seq": seq + 100})
    assert any("not a payout of the case" in why for _, why in ledger_disagreements(day(40)))
    CaseEvent.objects.filter(pk=event.pk).update(details={**event.details, "payout_seq": seq}, amount=FEE_100M + 1)
    findings = [why for _, why in ledger_disagreements(day(40))]
    assert any("exceed the fee withheld" in why for why in findings)


# --------------------------------------------------------------------------------------------- the page


def test_the_head_records_a_reduction_through_the_case_page_form(client, staff, org):
    case = _paid_out(staff, org)
    seq, = _payout_seqs(case)
    client.force_login(staff["head_a"])
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    url = reverse("case-act", args=[case.pk, "fee_relief"])
    assert url in page
    form = client.get(url).content.decode()
    assert 'value="7.2.a"' in form and f'value="{seq}"' in form
    response = client.post(url, {
        "on": day(36).strftime("%d/%m/%Y"), "received_on": day(35).strftime("%d/%m/%Y"), "outcome": "granted",
        "target": str(seq), "point": "7.2.a", "percent": "40", "decision_no": "7/QĐ-CCTHADS", "token": "tok-fee"})
    assert response.status_code == 302, response.content.decode()[:3000]
    event = CaseEvent.objects.get(case=case, kind="fee_relief")
    assert (event.amount, event.decision_no, event.details["percent"]) == (1_200_000, "7/QĐ-CCTHADS", 40)
    from thads.org.models import AuditEvent

    assert AuditEvent.objects.filter(action="case.fee_relief").exists()


def test_the_fee_relief_act_is_not_offered_on_a_case_that_owes_only_the_state(client, staff, org):
    case = _enforcing(staff, org, kinds=("an_phi",), amounts=(5_000_000,))
    case.obligations.update(beneficiary="state")
    client.force_login(staff["head_a"])
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert reverse("case-act", args=[case.pk, "fee_relief"]) not in page
