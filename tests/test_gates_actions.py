"""Issue 14 items 6, 7, 10, 12, 13 through the one writer (``cases.actions.do_act``) and the act form: who may
annul (Luật THADS Art. 37.3), the revocation recorded with the entrustment (Art. 57.1.a), the continuation decision
(Decree 62 Art. 9.4), money held (Art. 52.1; Decree 62 Art. 49.5.b), one source of ground labels."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from thads.cases.actions import ActRefused, ObligationData, PartyData, do_act, do_receive
from thads.cases.forms_act import ActForm
from thads.cases.labels import ground_label
from thads.cases.models import Case, CaseEvent
from thads.domain.act_types import Act
from thads.domain.legal_texts import GROUND_TEXT

from .conftest import PASSWORD

TODAY = timezone.localdate()
D0 = TODAY - timedelta(days=200)


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def _enforcing(staff, org, kinds=("tra_no",)) -> Case:
    case = do_receive(
        staff["head_a"], org["units"]["A"], on=day(0), initiation="theo_don", judgment_kind="dan_su",
        court="TAND huyện A", judgment_number="45/2024/DS-ST", judgment_date=day(-30),
        debtors=[PartyData("Lê Văn Đức")], creditors=[PartyData("Nguyễn Thị Mai")],
        obligations=[ObligationData(k, "person", 100_000_000) for k in kinds])
    do_act(staff["head_a"], case.pk, "decide", day(2), decision_no="12/QĐ-CCTHADS",
           officer=staff["officer_a"].officer)
    do_act(staff["officer_a"], case.pk, "notify_debtor", day(3))
    do_act(staff["officer_a"], case.pk, "start_verification", day(5))  # within the voluntary period (Art. 45.2)
    return do_act(staff["officer_a"], case.pk, "verify_able", day(20))


@pytest.fixture
def head_p(org):
    from thads.domain.roles import Title
    from thads.org.actions import do_create_staff
    return do_create_staff("head_p", PASSWORD, "Võ Văn Tỉnh", org["units"]["P"], Title.HEAD)


ANNUL = [
    pytest.param("head_a", "37.3.a", "revoke.annulment_authority", id="Art37.3.a-own-head-refused"),
    pytest.param("head_a", "37.3.b", "revoke.annulment_authority", id="Art37.3.b-own-head-refused"),
    pytest.param("head_p", "37.3.a", None, id="Art37.3.a-provincial-head-annuls"),
    pytest.param("head_a", "37.1.b", None, id="Art37.1.b-own-head-revokes"),
]


@pytest.mark.parametrize(("who", "ground", "code"), ANNUL)
def test_annulment_by_the_superior_agencys_head_art_37_3(staff, org, head_p, who, ground, code) -> None:
    case = _enforcing(staff, org)
    user = head_p if who == "head_p" else staff[who]
    if code is None:
        case = do_act(user, case.pk, "revoke", day(30), ground=ground, decision_no="3/QĐ")
        assert (case.state, case.ground) == ("REVOKED", ground)
    else:
        with pytest.raises(ActRefused) as caught:
            do_act(user, case.pk, "revoke", day(30), ground=ground)
        assert caught.value.code == code and "khoản 3 Điều 37" in caught.value.message
        assert Case.objects.get(pk=case.pk).state == "ENFORCING"


def test_the_revocation_is_recorded_in_the_entrustments_details_art_57_1_a(staff, org) -> None:
    case = _enforcing(staff, org)
    with pytest.raises(ActRefused) as caught:
        do_act(staff["head_a"], case.pk, "entrust_out", day(30), to="THADS tỉnh Q", debtor_elsewhere=True)
    assert caught.value.code == "param.missing"
    do_act(staff["head_a"], case.pk, "entrust_out", day(30), to="THADS tỉnh Q", decision_no="20/QĐ",
           debtor_elsewhere=True, revocation_no="19/QĐ-CCTHADS", revocation_on=day(30))
    ev = CaseEvent.objects.get(case=case, kind="entrusted_out")
    assert ev.details["revocation_no"] == "19/QĐ-CCTHADS"
    assert ev.details["revocation_on"] == day(30).isoformat() and ev.details["debtor_elsewhere"] is True


def test_the_head_continues_a_not_yet_able_case_decree_62_art_9_4(staff, org) -> None:
    case = _enforcing(staff, org)
    do_act(staff["head_a"], case.pk, "classify_unable", day(30), ground="44a.1.a", decision_no="5/QĐ")
    with pytest.raises(ActRefused) as caught:
        do_act(staff["officer_a"], case.pk, "verify_able", day(40))
    assert caught.value.code == "stage.continuation_needed"
    with pytest.raises(ActRefused):
        do_act(staff["officer_a"], case.pk, "continue", day(40))  # the officer's title may not
    case = do_act(staff["head_a"], case.pk, "continue", day(40), decision_no="6/QĐ")
    assert case.state == "ENFORCING"
    assert case.events.order_by("-seq").first().kind == "verified_able"  # the contract's event, unchanged


def test_money_held_blocks_completion_and_a_payout_while_suspended_for_cassation(staff, org) -> None:
    case = _enforcing(staff, org)
    do_act(staff["accountant_a"], case.pk, "collect", day(30), amount=100_000_000, receipt_no="BL-1")
    with pytest.raises(ActRefused) as caught:
        do_act(staff["head_a"], case.pk, "complete", day(31))
    assert caught.value.code == "complete.held" and "100.000.000" in caught.value.message  # Art. 52.1
    do_act(staff["head_a"], case.pk, "suspend", day(32), ground="49.1", decision_no="7/QĐ")
    with pytest.raises(ActRefused) as caught:
        do_act(staff["accountant_a"], case.pk, "payout", day(33), amount=100_000_000, obligation="1")
    assert caught.value.code == "payout.deposit"  # Decree 62 Art. 49.5.b
    do_act(staff["head_a"], case.pk, "resume", day(40), decision_no="8/QĐ")
    do_act(staff["accountant_a"], case.pk, "payout", day(41), amount=100_000_000, obligation="1")
    assert do_act(staff["head_a"], case.pk, "complete", day(42)).state == "COMPLETED"


@pytest.mark.parametrize("ground", ["37.3.a", "37.3.b", "50.1.c"])
def test_forms_and_documents_share_one_ground_label_art_37_3_50_1_c(staff, org, ground) -> None:
    case = _enforcing(staff, org)
    act = Act.REVOKE if ground.startswith("37") else Act.TERMINATE
    form = ActForm(case=case, act=act, today=TODAY)
    assert (ground, f"{ground} – {GROUND_TEXT[ground]}") in form.fields["ground"].choices
    assert ground_label(ground) == f"{ground} – {GROUND_TEXT[ground]}"



@pytest.mark.django_db
def test_art_52_1_an_imported_case_whose_old_payouts_are_unknown_can_be_completed_but_money_collected_here_cannot(
        staff, org):
    """Imported histories carry payments but never payouts (interchange.md §1): what the old system collected is
    not known to be held, so completion is not refused for it; money collected in THADS still is (Art. 52.1)."""
    import json

    from thads.cases.importer import import_data


    def imported(ext_id, paid):
        records = [
            {"type": "case", "id": ext_id, "unit": "A", "decided_on": "2024-06-10", "decision_no": "1/QĐ-CCTHADS",
             "initiation": "theo_don", "judgment_kind": "dan_su", "debtor": {"name": "Lê Văn Đức"},
             "creditor": {"name": "Nguyễn Thị Mai"},
             "obligations": [{"id": "1", "kind": "tra_no", "beneficiary": "person", "amount": 10_000_000}]},
            {"type": "event", "case": ext_id, "on": "2024-07-01", "kind": "verified_able"},
            {"type": "event", "case": ext_id, "on": "2024-07-05", "kind": "payment", "obligation": "1",
             "amount": paid},
        ]
        report = import_data("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
        assert report.written, report.error_lines()
        return Case.objects.get(ext_id=ext_id)

    head, accountant = staff["head_a"], staff["accountant_a"]
    whole = imported("IMP-52-1", 10_000_000)
    do_act(head, whole.pk, "complete", date(2024, 8, 1))
    assert Case.objects.get(pk=whole.pk).state == "COMPLETED"
    part = imported("IMP-52-2", 6_000_000)
    do_act(accountant, part.pk, "collect", date(2024, 7, 20), amount=4_000_000, receipt_no="BL-9")
    with pytest.raises(ActRefused) as refused:
        do_act(head, part.pk, "complete", date(2024, 8, 1))
    assert refused.value.code == "complete.held" and "4.000.000" in refused.value.message
    do_act(accountant, part.pk, "payout", date(2024, 7, 25), amount=4_000_000, obligation="1")
    do_act(head, part.pk, "complete", date(2024, 8, 1))


@pytest.mark.django_db
def test_decree_152_art_10_2_the_head_accepts_a_late_request_on_the_decide_form(client, staff, org):
    """From 01/07/2026 a request filed after the limitation is enforced only when the head accepts it (Decree
    152/2026 Art. 10.2): the decide form offers the acceptance, refuses without it and decides with it."""
    from django.urls import reverse

    case = do_receive(staff["head_a"], org["units"]["A"], on=date(2026, 8, 3), initiation="theo_don",
                      judgment_kind="dan_su", judgment_number="9/2021/DS-ST", judgment_date=date(2021, 6, 1),
                      request_deadline=date(2026, 7, 20), debtors=[PartyData("Lê Văn Đức")],
                      creditors=[PartyData("Nguyễn Thị Mai")],
                      obligations=[ObligationData("tra_no", "person", 50_000_000)])
    client.force_login(staff["head_a"])
    url = reverse("case-act", args=[case.pk, "decide"])
    assert 'name="late_accepted"' in client.get(url).content.decode()
    post = {"on": "05/08/2026", "decision_no": "5/QĐ-CCTHADS", "officer": staff["officer_a"].officer.pk}
    refused = client.post(url, {**post, "token": "tok-late-1"})
    assert refused.status_code != 302 and "khoản 2 Điều 10" in refused.content.decode()
    assert Case.objects.get(pk=case.pk).decided_on is None
    accepted = client.post(url, {**post, "late_accepted": "on", "token": "tok-late-2"})
    assert accepted.status_code == 302
    assert Case.objects.get(pk=case.pk).decided_on == date(2026, 8, 5)
