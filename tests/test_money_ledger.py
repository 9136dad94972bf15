"""One source of truth for money (issue 13 item 4): the ledger is derived from the history's money events by
``domain.ledger.ledger_lines``; ``thads check-integrity`` proves that the stored rows and the cached amounts agree
with the history and reports a tampered row."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection

from tests.test_case_actions import _enforcing, day
from tests.test_import_export import _demo_file
from thads.cases.actions import do_act
from thads.cases.importer import import_data
from thads.cases.ledger.models import LEDGER_KIND_CHOICES, LedgerEntry
from thads.cases.models import CaseEvent
from thads.deadlines.integrity import ledger_disagreements
from thads.domain.ledger import LedgerLine, ledger_lines, payout_fee
from thads.domain.money import Beneficiary, FeeTiming, LedgerKind, enforcement_fee

MONEY_CHECK = "ledger and state disagree"


@pytest.mark.parametrize(("kind", "amount", "beneficiary", "fee", "lines"), [
    ("payment", 1_000_000, "person", 0, [("THU", 1_000_000)]),
    ("payment", 1_000_000, "state", 0, [("THU", 1_000_000)]),
    ("payout", 1_000_000, "state", 0, [("NOP_NSNN", 1_000_000)]),
    ("payout", 50_000_000, "person", 1_500_000, [("PHI_THA", 1_500_000), ("CHI_TRA", 48_500_000)]),
    ("payout", 50_000_000, "agency", 0, [("CHI_TRA", 50_000_000)]),
    ("payout", 1_000, "person", 1_000, [("PHI_THA", 1_000)]),
    ("reduced", 1_000_000, "state", 0, []),
    ("decided", None, "person", 0, []),
])
def test_the_ledger_lines_of_each_money_event(kind, amount, beneficiary, fee, lines):
    assert ledger_lines(kind, amount, beneficiary, fee) == [LedgerLine(LedgerKind(k), a) for k, a in lines]


def test_a_fee_larger_than_the_payout_is_an_error():
    with pytest.raises(ValueError):
        ledger_lines("payout", 1_000, "person", 1_001)


def test_the_fee_of_a_payout():
    on = date(2026, 1, 10)
    assert payout_fee(50_000_000, Beneficiary.STATE, FeeTiming.COERCED, on) == 0
    assert payout_fee(50_000_000, Beneficiary.PERSON, None, on) == 0
    assert payout_fee(50_000_000, Beneficiary.PERSON, "coerced", on) == enforcement_fee(50_000_000, "coerced",
                                                                                          on=on) == 1_500_000


def test_one_ledger_kind_enumeration_gives_the_models_choices():
    assert [value for value, _label in LEDGER_KIND_CHOICES] == [k.value for k in LedgerKind]
    assert LedgerEntry._meta.get_field("kind").choices == LEDGER_KIND_CHOICES


def test_a_payout_keeps_its_fee_and_its_rows_are_the_derived_ones(staff, org):
    case = _enforcing(staff, org)
    do_act(staff["accountant_a"], case.pk, "collect", day(30), amount=60_000_000, receipt_no="BL-1")
    do_act(staff["accountant_a"], case.pk, "payout", day(33), amount=50_000_000, obligation="1",
           fee_timing="coerced", receipt_no="PC-1")
    payout = CaseEvent.objects.get(case=case, kind="payout")
    fee = enforcement_fee(50_000_000, "coerced", on=day(33))
    assert payout.details["fee"] == fee > 0
    rows = list(LedgerEntry.objects.filter(event=payout).order_by("id").values_list("kind", "amount", "on"))
    assert rows == [("PHI_THA", fee, day(33)), ("CHI_TRA", 50_000_000 - fee, day(33))]
    assert list(ledger_disagreements(day(40))) == []


def _check(today=None) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("check_integrity", stdout=out, stderr=err)
    except SystemExit as exc:
        return exc.code, out.getvalue()
    return 0, out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_check_integrity_finds_the_money_of_a_clean_demo_in_agreement_and_a_tampered_row(staff, org):
    report = import_data(_demo_file(400))
    assert report.written
    case = _enforcing(staff, org)
    do_act(staff["accountant_a"], case.pk, "collect", day(30), amount=60_000_000, receipt_no="BL-1")
    do_act(staff["accountant_a"], case.pk, "payout", day(33), amount=50_000_000, obligation="1",
           fee_timing="coerced")
    _status, out = _check()
    assert f"{MONEY_CHECK}: ok" in out
    events = CaseEvent.objects.filter(kind__in=["payment", "payout", "reduced"]).count()
    assert f"money: {events} money events, {LedgerEntry.objects.count()} ledger rows" in out

    # A receipt's amount changed behind the history's back (the model refuses updates: raw SQL).
    row = LedgerEntry.objects.filter(case=case, kind="THU").get()
    table = connection.ops.quote_name(LedgerEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET amount = amount + 1 WHERE id = %s", [row.pk])
    status, out = _check()
    assert status == 1
    assert f"{MONEY_CHECK}: 1 found" in out
    assert f"{case.ext_id}: event #" in out and "(payment 60.000.000" in out

    # A row with no event at all.
    LedgerEntry.objects.create(case=case, obligation=row.obligation, kind="THU", amount=5, on=day(34),
                               unit=case.unit)
    found = [message for ext_id, message in ledger_disagreements(day(40)) if ext_id == case.ext_id]
    assert len(found) == 2 and "without its money event" in found[1]


def test_an_outstanding_amount_the_history_does_not_imply_is_reported(staff, org):
    case = _enforcing(staff, org)
    do_act(staff["accountant_a"], case.pk, "collect", day(30), amount=60_000_000, receipt_no="BL-1")
    ob = case.obligations.get()
    type(ob).objects.filter(pk=ob.pk).update(outstanding=ob.outstanding + 1)
    found = list(ledger_disagreements(day(40)))
    assert [ext_id for ext_id, _ in found] == [case.ext_id]
    assert "obligation outstanding" in found[0][1]
