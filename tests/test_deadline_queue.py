"""Deadlines in the database: stored per case with their rule, queues, reassignment, digest, integrity checks."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.conftest import PASSWORD
from thads.cases.actions import ObligationData, PartyData, do_act, do_receive
from thads.cases.models import Case
from thads.deadlines.integrity import run_checks
from thads.deadlines.models import CalendarDay, Deadline

TODAY = timezone.localdate()


def _case(org, on: date, amount=10_000_000):
    head = org["people"]["head_a"]
    case = do_receive(head, org["units"]["A"], on=on, initiation="theo_don", judgment_kind="dan_su",
                      debtors=[PartyData("Lê Văn Đức")], creditors=[PartyData("Nguyễn Thị Mai")],
                      obligations=[ObligationData("tra_no", "person", amount)])
    return do_act(head, case.pk, "decide", on, officer=org["people"]["officer_a"].officer)


def test_a_decision_opens_its_deadlines_with_rule_and_ruleset(org):
    case = _case(org, TODAY - timedelta(days=1))
    codes = dict(Deadline.objects.filter(case=case).values_list("code", "ruleset"))
    assert {"procuracy.send", "notify.decision"} <= set(codes)
    assert set(codes.values()) <= {"2015", "2025-07", "2026-07"}
    notify = Deadline.objects.get(case=case, code="notify.decision")
    assert notify.due > case.decided_on and notify.article and notify.officer == org["people"]["officer_a"].officer


def test_fulfilling_the_act_closes_the_deadline(org):
    case = _case(org, TODAY - timedelta(days=1))
    do_act(org["people"]["officer_a"], case.pk, "notify_debtor", TODAY)
    assert not Deadline.objects.filter(case=case, code="notify.decision").exists()
    assert Deadline.objects.filter(case=case, code__startswith="voluntary").exists() or \
        Deadline.objects.filter(case=case, code__startswith="verify").exists()


def test_the_officer_sees_own_queue_overdue_first(client, org):
    old = _case(org, TODAY - timedelta(days=40))
    _case(org, TODAY - timedelta(days=1))
    client.post("/login/", {"username": "officer_a", "password": PASSWORD})
    body = client.get("/deadlines/").content.decode()
    assert old.ext_id in body and "quá hạn" in body.lower()
    assert body.index(old.ext_id) < body.index("procuracy") if "procuracy" in body else True


def test_another_branch_officer_sees_none_of_it(client, org):
    _case(org, TODAY - timedelta(days=40))
    client.post("/login/", {"username": "officer_b", "password": PASSWORD})
    body = client.get("/deadlines/").content.decode()
    assert "A-2" not in body and Deadline.objects.exists()


def test_a_head_reassigns_two_cases_at_once(client, org):
    from thads.org.models import Officer

    first, second = _case(org, TODAY - timedelta(days=3)), _case(org, TODAY - timedelta(days=2))
    other = Officer.objects.create(code="A-CHV-9", name="Phan Văn Chín", unit=org["units"]["A"])
    client.post("/login/", {"username": "head_a", "password": PASSWORD})
    page = client.get("/deadlines/").content.decode()
    assert "Phan Văn Chín" in page
    response = client.post("/deadlines/reassign/", {"case": [first.pk, second.pk], "officer": other.pk})
    assert response.status_code == 302
    assert set(Case.objects.filter(pk__in=[first.pk, second.pk]).values_list("officer_id", flat=True)) == {other.pk}
    assert Case.objects.get(pk=first.pk).events.filter(kind="reassigned").count() == 1
    assert set(Deadline.objects.filter(case__in=[first, second]).values_list("officer_id", flat=True)) == {other.pk}


def test_an_officer_cannot_reassign(client, org):
    case = _case(org, TODAY - timedelta(days=3))
    client.post("/login/", {"username": "officer_a", "password": PASSWORD})
    assert client.post("/deadlines/reassign/", {"case": [case.pk], "officer": 1}).status_code == 403


def test_a_calendar_change_moves_deadlines_and_is_listed(org):
    case = _case(org, date(2026, 3, 2))
    notify = Deadline.objects.get(case=case, code="notify.decision")
    CalendarDay.objects.create(day=notify.due, kind="unit_closure", unit=org["units"]["A"], source="Test closure")
    out = io.StringIO()
    call_command("recompute-deadlines".replace("-", "_"), stdout=out)
    moved = Deadline.objects.get(case=case, code="notify.decision")
    assert moved.due > notify.due
    assert f"{case.ext_id} notify.decision" in out.getvalue()


def test_the_digest_mails_officers_and_heads(org):
    _case(org, TODAY - timedelta(days=40))
    for key in ("officer_a", "head_a"):
        user = org["people"][key]
        user.email = f"{key}@thads.test"
        user.save()
    call_command("digest", stdout=io.StringIO())
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["head_a@thads.test", "officer_a@thads.test"]
    assert "Quá hạn" in mail.outbox[0].body or "quá hạn" in mail.outbox[0].body


def test_check_integrity_is_clean_and_finds_each_planted_fault(org):
    case = _case(org, TODAY - timedelta(days=2))
    assert all(not rows for rows in run_checks(TODAY).values())
    # Planted faults, one per check.
    Case.objects.filter(pk=case.pk).update(outstanding=1)  # ledger/state disagreement
    unit = org["units"]["A"]
    unit.valid_to = TODAY - timedelta(days=1)
    unit.save()  # a dissolved unit still holding an open case
    other = _case(org, TODAY - timedelta(days=2))
    Deadline.objects.filter(case=other).delete()
    Case.objects.filter(pk=other.pk).update(state="NOT_YET_ABLE", phase="NOT_YET_ABLE")  # no open deadline
    found = run_checks(TODAY)
    assert [c for c, _ in found["ledger and state disagree"]] == [case.ext_id]
    assert {c for c, _ in found["case held by a dissolved unit"]} == {case.ext_id, other.ext_id}
    assert [c for c, _ in found["open case without an open deadline"]] == [other.ext_id]
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("check_integrity", stdout=out, stderr=err)
    assert exc.value.code == 1


def test_unpaid_collections_and_expired_postponements_are_found(org):
    case = _case(org, TODAY - timedelta(days=60))
    officer = org["people"]["officer_a"]
    do_act(officer, case.pk, "notify_debtor", TODAY - timedelta(days=59))
    do_act(officer, case.pk, "start_verification", TODAY - timedelta(days=45))
    do_act(officer, case.pk, "verify_able", TODAY - timedelta(days=44))
    do_act(org["people"]["head_a"], case.pk, "collect", TODAY - timedelta(days=30), amount=1_000_000)
    found = run_checks(TODAY)
    assert [c for c, _ in found["collection not paid out past its deadline"]] == [case.ext_id]
    other = _case(org, TODAY - timedelta(days=60))
    do_act(officer, other.pk, "notify_debtor", TODAY - timedelta(days=59))
    do_act(officer, other.pk, "start_verification", TODAY - timedelta(days=45))
    do_act(officer, other.pk, "verify_able", TODAY - timedelta(days=44))
    do_act(org["people"]["head_a"], other.pk, "postpone", TODAY - timedelta(days=40), ground="48.1.c",
           until=TODAY - timedelta(days=20))
    found = run_checks(TODAY)
    assert other.ext_id in [c for c, _ in found["postponement past its end without continuation"]]


def test_imported_history_does_not_flood_the_queue(db):
    from tests.test_import_export import _demo_file
    from thads.cases.importer import import_data

    import_data(_demo_file(size=800))
    codes = set(Deadline.objects.values_list("code", flat=True))
    overdue_notify = Deadline.objects.filter(code__in=["notify.decision", "procuracy.send", "payout.collected"],
                                             due__lt=TODAY)
    assert not overdue_notify.exists()
    assert "reverify.periodic" in codes
    assert all(not rows for rows in run_checks(TODAY).values())


def test_the_case_file_lists_its_open_deadlines_overdue_marked(client, org):
    case = _case(org, TODAY - timedelta(days=40))
    client.cookies["django_language"] = "en"
    client.post("/login/", {"username": "officer_a", "password": PASSWORD})
    body = client.get(f"/cases/{case.pk}/").content.decode()
    section = body[body.index('id="h-deadlines"'):body.index('id="h-parties"')]
    notify = Deadline.objects.get(case=case, code="notify.decision")
    assert notify.text in section and notify.due.strftime("%d/%m/%Y") in section
    assert "days late" in section
    do_act(org["people"]["officer_a"], case.pk, "notify_debtor", TODAY)
    body = client.get(f"/cases/{case.pk}/").content.decode()
    section = body[body.index('id="h-deadlines"'):body.index('id="h-parties"')]
    assert not Deadline.objects.filter(case=case, text=notify.text).exists()
    assert notify.text not in section
    for dl in Deadline.objects.filter(case=case):
        assert dl.text in section
