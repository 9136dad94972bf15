"""One receipt over all of a debtor's cases in the agency (Luật THADS Art. 47.2.b; Decree 62/2015 Art. 49.1):
``cases.actions.do_collect_for_debtor`` and its page. A proactive court-fee case and an on-request debt case of the
same person (same ID number): one receipt number, a ``payment`` event per case for its part, the ledger derived from
those events, the projections in step, the scope and the title checked, nothing written on a refusal."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.test_projections import _rows
from thads.cases.actions import ActRefused, ObligationData, PartyData, do_act, do_receive
from thads.cases.actions_collect import do_collect_for_debtor
from thads.cases.ledger.integrity import money_findings
from thads.cases.ledger.models import LedgerEntry
from thads.cases.models import Case, CaseEvent
from thads.org.models import AuditEvent, User
from thads.stats.models import StatCaseSpan, StatCell

TODAY = timezone.localdate()
D0 = TODAY - timedelta(days=200)
ID = "046090001234"


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def _case(staff, org, *, initiation: str, kind: str, beneficiary: str, amount: int, id_number: str = ID,
          unit: str = "A", decided: int = 2):
    head = staff["head_a"] if unit == "A" else None
    case = do_receive(head or staff["officer_b"], org["units"][unit], on=day(0), initiation=initiation,
                      judgment_kind="dan_su", judgment_number="45/2024/DS-ST", judgment_date=day(-30),
                      debtors=[PartyData("Lê Văn Đức", id_number, "Phú Thuận")],
                      creditors=[] if beneficiary == "state" else [PartyData("Nguyễn Thị Mai")],
                      obligations=[ObligationData(kind, beneficiary, amount)])
    if unit != "A":
        return case
    do_act(staff["head_a"], case.pk, "decide", day(decided), decision_no=f"{case.pk}/QĐ",
           officer=staff["officer_a"].officer)
    do_act(staff["officer_a"], case.pk, "notify_debtor", day(decided + 1))
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def pair(staff, org):
    """A proactive court-fee case (3,000,000 to the budget) and an on-request debt case (50,000,000) of one debtor."""
    fee = _case(staff, org, initiation="chu_dong", kind="an_phi", beneficiary="state", amount=3_000_000)
    debt = _case(staff, org, initiation="theo_don", kind="tra_no", beneficiary="person", amount=50_000_000,
                 id_number=" 0460 9000 1234 ", decided=4)  # the same ID number written with spaces
    return fee, debt


def _counts():
    return CaseEvent.objects.count(), LedgerEntry.objects.count(), AuditEvent.objects.count()


@pytest.mark.parametrize(("amount", "coercion_on", "fee_part", "debt_part"), [
    (4_000_000, None, 3_000_000, 1_000_000),  # 47.1.b court fee of one decision before 47.1.c debt of the other
    (2_000_000, None, 2_000_000, 0),  # 47.1.b: the court fee takes all until paid
    (4_000_000, 3, 3_000_000, 1_000_000),  # 47.2.b coercion after the fee case only: the fee case first anyway
], ids=["47.1.b-before-47.1.c-across-decisions", "47.1.b-takes-all", "47.2.b-decree-62-49.1-coercion"])
def test_one_receipt_is_split_over_the_debtors_cases(staff, org, pair, amount, coercion_on, fee_part, debt_part):
    fee, debt = pair
    paid = do_collect_for_debtor(staff["accountant_a"], debt.pk, day(10), amount=amount, receipt_no="BL-0042",
                                 coercion_on=day(coercion_on) if coercion_on is not None else None, token="t-1")
    assert [c.pk for c in paid] == [c.pk for c, part in ((fee, fee_part), (debt, debt_part)) if part]
    for case, part in ((fee, fee_part), (debt, debt_part)):
        events = list(CaseEvent.objects.filter(case=case, kind="payment").values_list("amount", "details"))
        assert [a for a, _ in events] == ([part] if part else [])
        assert all(d["receipt_no"] == "BL-0042" for _, d in events)  # one receipt number in both histories
        rows = list(LedgerEntry.objects.filter(case=case).values_list("kind", "amount", "receipt_no"))
        assert rows == ([("THU", part, "BL-0042")] if part else [])  # derived from the case's own event
        case.refresh_from_db()
        assert case.outstanding == case.amount - part
    assert list(money_findings()) == []  # thads check-integrity: history and ledger agree
    assert AuditEvent.objects.filter(action="case.collect").count() == len(paid)


def test_a_repeated_submit_writes_nothing(staff, org, pair):
    fee, debt = pair
    do_collect_for_debtor(staff["accountant_a"], fee.pk, day(10), amount=4_000_000, receipt_no="BL-1", token="tok")
    before = _counts()
    do_collect_for_debtor(staff["accountant_a"], fee.pk, day(10), amount=4_000_000, receipt_no="BL-1", token="tok")
    assert _counts() == before


@pytest.mark.parametrize(("who", "amount", "receipt", "code"), [
    ("officer_b", 1_000, "BL-1", "scope"),  # another unit's officer: out of scope
    ("statistician_p", 1_000, "BL-1", "scope"),  # a title without the right to change cases
    ("accountant_a", 53_000_001, "BL-1", "money.exceeds_outstanding"),  # 47.2.c: more than all cases owe
    ("accountant_a", 0, "BL-1", "money.not_positive"),
    ("accountant_a", 1_000, "", "collect.receipt_missing"),
], ids=["scope", "capability", "47.2.c-excess", "not-positive", "no-receipt"])
def test_a_refusal_writes_nothing(staff, org, pair, who, amount, receipt, code):
    fee, _ = pair
    before = _counts()
    with pytest.raises(ActRefused) as caught:
        do_collect_for_debtor(staff[who], fee.pk, day(10), amount=amount, receipt_no=receipt)
    assert caught.value.code == code
    assert _counts() == before


def test_other_debtors_and_other_units_are_left_out(staff, org, pair):
    fee, debt = pair
    stranger = _case(staff, org, initiation="theo_don", kind="tra_no", beneficiary="person", amount=9_000_000,
                     id_number="079000000001")
    elsewhere = _case(staff, org, initiation="theo_don", kind="tra_no", beneficiary="person", amount=9_000_000,
                      unit="B")
    undecided = do_receive(staff["head_a"], org["units"]["A"], on=day(0), initiation="theo_don",
                           judgment_kind="dan_su", debtors=[PartyData("Lê Văn Đức", ID)],
                           obligations=[ObligationData("tra_no", "person", 7_000_000)])
    paid = do_collect_for_debtor(staff["accountant_a"], fee.pk, day(10), amount=53_000_000, receipt_no="BL-9")
    assert sorted(c.pk for c in paid) == sorted([fee.pk, debt.pk])
    for other in (stranger, elsewhere, undecided):
        assert not CaseEvent.objects.filter(case=other, kind="payment").exists()


def test_the_projections_follow_and_a_rebuild_gives_the_same_cells(staff, org, pair):
    fee, debt = pair
    do_collect_for_debtor(staff["accountant_a"], debt.pk, day(10), amount=4_000_000, receipt_no="BL-7")
    before = [_rows(StatCell, nonzero=True), _rows(StatCaseSpan)]
    assert before[0] and before[1]
    call_command("stats_rebuild", stdout=io.StringIO())
    assert [_rows(StatCell, nonzero=True), _rows(StatCaseSpan)] == before


# ------------------------------------------------------------------------------------------------ the pages


def _login(client, name):
    client.force_login(User.objects.get(username=name))


def test_the_collect_form_offers_the_debtors_other_cases(client, staff, org, pair):
    fee, debt = pair
    _login(client, "accountant_a")
    page = client.get(reverse("case-act", args=[fee.pk, "collect"]))
    assert page.status_code == 200
    assert debt.ext_id in page.content.decode() and reverse("case-collect-debtor", args=[fee.pk]) in \
        page.content.decode()
    assert AuditEvent.objects.filter(action="case.debtor_cases").count() == 1  # found by the ID number: logged


def test_the_collect_form_shows_nothing_more_without_other_cases(client, staff, org):
    alone = _case(staff, org, initiation="theo_don", kind="tra_no", beneficiary="person", amount=5_000_000)
    _login(client, "accountant_a")
    page = client.get(reverse("case-act", args=[alone.pk, "collect"]))
    assert page.status_code == 200 and reverse("case-collect-debtor", args=[alone.pk]) not in page.content.decode()
    assert not AuditEvent.objects.filter(action="case.debtor_cases").exists()


def test_the_debtor_page_records_one_receipt_over_the_cases(client, staff, org, pair):
    fee, debt = pair
    _login(client, "accountant_a")
    url = reverse("case-collect-debtor", args=[debt.pk])
    page = client.get(url)
    assert page.status_code == 200 and fee.ext_id in page.content.decode()
    answer = client.post(url, {"on": day(10).strftime("%d/%m/%Y"), "amount": "4.000.000", "receipt_no": "BL-55",
                               "coercion_on": "", "note": "", "token": "tk-55"})
    assert answer.status_code == 302
    parts = dict(CaseEvent.objects.filter(kind="payment").values_list("case_id", "amount"))
    assert parts == {fee.pk: 3_000_000, debt.pk: 1_000_000}
    refused = client.post(url, {"on": day(10).strftime("%d/%m/%Y"), "amount": "99.000.000", "receipt_no": "BL-56",
                                "coercion_on": "", "note": "", "token": "tk-56"})
    assert refused.status_code == 200 and "lớn hơn" in refused.content.decode()


@pytest.mark.parametrize(("who", "status"), [("officer_a", 200), ("head_a", 200), ("accountant_a", 200),
                                             ("statistician_p", 403), ("admin_p", 403), ("officer_b", 404)])
def test_who_may_open_the_debtor_page(client, staff, org, pair, who, status):
    fee, _ = pair
    _login(client, who)
    assert client.get(reverse("case-collect-debtor", args=[fee.pk])).status_code == status
