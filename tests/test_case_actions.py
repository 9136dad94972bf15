"""The ``do_*`` actions: the law, the scope and the title checked in one atomic write."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from thads.cases.actions import ActRefused, ObligationData, PartyData, do_act, do_receive
from thads.cases.ledger.models import LedgerEntry
from thads.cases.models import Case, CaseEvent

TODAY = timezone.localdate()
D0 = TODAY - timedelta(days=200)


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def _counts():
    return Case.objects.count(), CaseEvent.objects.count(), LedgerEntry.objects.count()


def _received(staff, org, amounts=(100_000_000,), kinds=("tra_no",), beneficiary="person"):
    return do_receive(
        staff["head_a"], org["units"]["A"], on=day(0), initiation="theo_don", judgment_kind="dan_su",
        court="TAND huyện A", judgment_number="45/2024/DS-ST", judgment_date=day(-30),
        debtors=[PartyData("Lê Văn Đức", "046090001234", "Phú Thuận")], creditors=[PartyData("Nguyễn Thị Mai")],
        obligations=[ObligationData(k, beneficiary, a) for k, a in zip(kinds, amounts, strict=True)],
    )


def _decided(staff, org, **kw):
    case = _received(staff, org, **kw)
    officer = staff["officer_a"].officer
    return do_act(staff["head_a"], case.pk, "decide", day(2), decision_no="12/QĐ-CCTHADS", officer=officer)


def _enforcing(staff, org, **kw):
    case = _decided(staff, org, **kw)
    do_act(staff["officer_a"], case.pk, "notify_debtor", day(3))
    do_act(staff["officer_a"], case.pk, "start_verification", day(14))
    return do_act(staff["officer_a"], case.pk, "verify_able", day(20))


def test_a_case_goes_from_request_to_completion(staff, org):
    case = _decided(staff, org)
    assert (case.state, case.phase, case.decision_no) == ("DECIDED", "DECIDED", "12/QĐ-CCTHADS")
    officer = staff["officer_a"]
    do_act(officer, case.pk, "notify_debtor", day(3))
    do_act(officer, case.pk, "start_verification", day(14))
    case = do_act(officer, case.pk, "verify_able", day(20))
    assert case.state == "ENFORCING"
    case = do_act(staff["accountant_a"], case.pk, "collect", day(30), amount=100_000_000, receipt_no="BL-0001")
    assert case.outstanding == 0
    do_act(staff["accountant_a"], case.pk, "payout", day(35), amount=100_000_000, obligation="1")
    case = do_act(staff["head_a"], case.pk, "complete", day(36))
    assert case.state == "COMPLETED"
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == ["receive_request", "decide", "notify_debtor", "start_verification", "verified_able",
                     "payment", "payout", "completed"]
    assert list(LedgerEntry.objects.values_list("kind", "amount")) == [("THU", 100_000_000), ("CHI_TRA", 100_000_000)]


def test_it_rejects_completion_while_money_is_owed(staff, org):
    case = _enforcing(staff, org)
    before = _counts()
    with pytest.raises(ActRefused) as exc:
        do_act(staff["head_a"], case.pk, "complete", day(25))
    assert "100.000.000" in exc.value.message
    assert _counts() == before


def test_it_refuses_a_collection_larger_than_what_is_owed(staff, org):
    case = _decided(staff, org)
    before = _counts()
    with pytest.raises(ActRefused):
        do_act(staff["accountant_a"], case.pk, "collect", day(10), amount=100_000_001)
    assert _counts() == before
    assert Case.objects.get(pk=case.pk).outstanding == 100_000_000


def test_it_refuses_a_payout_larger_than_what_was_collected(staff, org):
    case = _decided(staff, org)
    do_act(staff["accountant_a"], case.pk, "collect", day(10), amount=30_000_000)
    with pytest.raises(ActRefused) as exc:
        do_act(staff["accountant_a"], case.pk, "payout", day(11), amount=30_000_001, obligation="1")
    assert "30.000.000" in exc.value.message


def test_a_collection_is_split_in_the_order_of_article_47(staff, org):
    case = _decided(staff, org, amounts=(1_000_000, 9_000_000, 10_000_000), kinds=("an_phi", "cap_duong", "tra_no"))
    case = do_act(staff["accountant_a"], case.pk, "collect", day(10), amount=12_000_000)
    owed = {o.kind: o.outstanding for o in case.obligations.all()}
    assert owed == {"cap_duong": 0, "an_phi": 0, "tra_no": 8_000_000}
    assert sorted(case.events.filter(kind="payment").values_list("amount", flat=True)) == [
        1_000_000, 2_000_000, 9_000_000]


def test_an_officer_of_another_branch_cannot_act(staff, org):
    case = _decided(staff, org)
    before = _counts()
    with pytest.raises(ActRefused) as exc:
        do_act(staff["officer_b"], case.pk, "verify_able", day(20))
    assert exc.value.code == "scope" and _counts() == before


def test_an_officer_cannot_issue_decisions(staff, org):
    case = _decided(staff, org)
    with pytest.raises(ActRefused) as exc:
        do_act(staff["officer_a"], case.pk, "terminate", day(20), ground="50.1.c")
    assert exc.value.code == "title"


def test_the_statistician_cannot_act_anywhere(staff, org):
    case = _decided(staff, org)
    with pytest.raises(ActRefused):
        do_act(staff["statistician_p"], case.pk, "verify_able", day(20))


def test_a_second_48_2_postponement_is_refused(staff, org):
    case = _enforcing(staff, org)
    do_act(staff["head_a"], case.pk, "postpone", day(21), ground="48.2", until=day(60), requested_on=day(21))
    do_act(staff["head_a"], case.pk, "resume", day(61))
    with pytest.raises(ActRefused):
        do_act(staff["head_a"], case.pk, "postpone", day(62), ground="48.2", until=day(90), requested_on=day(62))


def test_a_double_submit_writes_once(staff, org):
    case = _decided(staff, org)
    for _ in range(2):
        do_act(staff["accountant_a"], case.pk, "collect", day(10), amount=1_000_000, token="tok-1")
    assert LedgerEntry.objects.count() == 1
    assert Case.objects.get(pk=case.pk).outstanding == 99_000_000


def test_a_move_and_a_reassignment_change_the_holder(staff, org):
    case = _decided(staff, org)
    case = do_act(staff["head_a"], case.pk, "move", day(10), unit=org["units"]["B"])
    assert case.unit.code == "B"
    case = do_act(staff["officer_b"].__class__.objects.create_superuser("root", password="x-Y-z-1234567"),
                  case.pk, "reassign", day(11), officer=staff["officer_b"].officer)
    assert case.officer.code == staff["officer_b"].officer.code


def test_entrusting_to_a_unit_of_the_system_opens_an_incoming_case_there(staff, org):
    case = _decided(staff, org)
    do_act(staff["head_a"], case.pk, "entrust_out", day(10), to=org["units"]["B"], debtor_elsewhere=True,
           revocation_no="13/QĐ-CCTHADS", revocation_on=day(10))  # Arts. 55.1.a, 57.1.a
    incoming = Case.objects.get(entrusted_from=case)
    assert incoming.unit.code == "B" and incoming.decided_on is None
    assert incoming.amount == 100_000_000
    assert Case.objects.get(pk=case.pk).state == "ENTRUSTED_OUT"


def test_reduction_is_only_for_money_owed_to_the_state(staff, org):
    case = _decided(staff, org)
    with pytest.raises(ActRefused):
        do_act(staff["head_a"], case.pk, "reduce", day(10), obligation="1", amount=1_000)


def test_history_rows_cannot_be_changed_or_deleted(staff, org):
    case = _decided(staff, org)
    event = case.events.first()
    event.kind = "tampered"
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()


def test_a_request_after_the_five_year_limitation_cannot_be_decided_only_refused(staff, org):
    case = do_receive(
        staff["head_a"], org["units"]["A"], on=day(0), initiation="theo_don", judgment_kind="dan_su",
        judgment_date=day(0) - timedelta(days=6 * 365), effective_on=day(0) - timedelta(days=6 * 365),
        debtors=[PartyData("Lê Văn Đức")], creditors=[PartyData("Nguyễn Thị Mai")],
        obligations=[ObligationData("tra_no", "person", 1_000_000)])
    with pytest.raises(ActRefused) as exc:
        do_act(staff["head_a"], case.pk, "decide", day(2), officer=staff["officer_a"].officer)
    assert "Điều 30" in exc.value.message
    do_act(staff["head_a"], case.pk, "refuse_request", day(3), ground="31.5.c")
    assert Case.objects.get(pk=case.pk).intake == "REFUSED"


# ------------------------------------------------------------------------------------------------- issue 12, hole 4


@pytest.mark.parametrize("act", ["decide", "reassign"])
def test_an_act_naming_an_officer_of_another_unit_is_refused_and_writes_nothing(staff, org, act):
    case = _decided(staff, org) if act == "reassign" else _received(staff, org)
    before = _counts(), Case.objects.get(pk=case.pk).officer_id
    with pytest.raises(ActRefused) as exc:
        do_act(staff["head_a"], case.pk, act, day(5), decision_no="13/QĐ-CCTHADS", officer=staff["officer_b"].officer)
    assert exc.value.code == "officer.unit" and "không thuộc" in exc.value.message
    assert (_counts(), Case.objects.get(pk=case.pk).officer_id) == before


def test_a_decision_without_an_officer_is_refused_with_a_message(staff, org):
    case = _received(staff, org)
    with pytest.raises(ActRefused) as exc:
        do_act(staff["head_a"], case.pk, "decide", day(5), decision_no="13/QĐ-CCTHADS")
    assert exc.value.code == "officer.missing"
