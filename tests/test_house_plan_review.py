"""The security and legal review of the "one house plan" refactor (issue 13): each hole found is pinned by a test
named as the sentence it proves, and so are the behaviours the review checked because the refactor rewrote them
(the payout limit now read from the history instead of the ledger)."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.test_case_actions import _enforcing, day
from tests.test_import_export import WORKED
from thads.cases import projections
from thads.cases.actions import ActRefused, do_act
from thads.cases.importer import import_data
from thads.cases.ledger.models import LedgerEntry
from thads.cases.models import Case, CaseEvent
from thads.deadlines.integrity import ledger_disagreements
from thads.domain.roles import Title
from thads.org.actions import do_create_staff
from thads.org.models import User

# --- the import guard fails closed ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_import_is_refused_not_let_through_when_no_closed_period_guard_is_registered(monkeypatch, tmp_path):
    """The closed-period check is a registration (``StatsConfig.ready``); without it the import must not skip the
    check silently: a dated file is refused, a historical import still goes through."""
    monkeypatch.setattr(projections, "_GUARDS", {})
    path = tmp_path / "w.jsonl"
    path.write_bytes(WORKED.read_bytes())
    with pytest.raises(CommandError, match="no import guard"):
        call_command("import", str(path), stdout=io.StringIO())
    assert not Case.objects.exists()
    from thads.cases.imports_web import closed_check  # the web import's job asks the same guard

    assert closed_check()([date(2025, 1, 1)]) == [projections.NO_GUARD_PROBLEM]
    assert closed_check()([]) == []  # a file of units only has no date to fall into a closed period
    call_command("import", str(path), "--historical", stdout=io.StringIO())
    assert Case.objects.count() == 11


# --- the money check sees a ledger row that points at another case's event ------------------------------------------


def test_check_integrity_reports_a_ledger_row_pointing_at_another_cases_money_event(staff, org):
    first = _enforcing(staff, org)
    second = _enforcing(staff, org)
    do_act(staff["accountant_a"], first.pk, "collect", day(30), amount=1_000_000, receipt_no="BL-1")
    do_act(staff["accountant_a"], second.pk, "collect", day(30), amount=2_000_000, receipt_no="BL-2")
    assert list(ledger_disagreements(day(40))) == []
    # A second receipt in the second case's cash book, passed off as the first case's collection: every event
    # still has exactly its own rows, so only the row's case betrays it.
    collected = CaseEvent.objects.get(case=first, kind="payment")
    LedgerEntry.objects.create(case=second, obligation=second.obligations.get(), kind="THU", amount=1_000_000,
                               on=collected.on, event=collected, unit=second.unit)
    found = [message for ext_id, message in ledger_disagreements(day(40)) if ext_id == second.ext_id]
    assert any(f"points at a money event of case {first.ext_id}" in m for m in found), found


# --- a refusal of the password action is a 403 ----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_refusal_of_the_password_action_behind_the_admin_page_answers_403_and_changes_nothing(client, org,
                                                                                               monkeypatch):
    """``do_set_password`` checks the rules again; should the page's own check ever let a request through, the
    action's refusal is a 403 with its message, not a server error, and the password stays."""
    from thads.org import admin as org_admin

    admin_a = do_create_staff("admin_a", PASSWORD, "Quản Trị A", org["units"]["A"], Title.ADMIN)
    head_a = org["people"]["head_a"]
    monkeypatch.setattr(org_admin, "password_refusal", lambda user, target: None)  # the page forgets its check
    client.force_login(admin_a)
    client.raise_request_exception = False
    response = client.post(reverse("admin:auth_user_password_change", args=[head_a.pk]),
                           {"password1": "Moi-Mat-Khau-2099", "password2": "Moi-Mat-Khau-2099",
                            "usable_password": "true"})
    assert response.status_code == 403
    assert User.objects.get(pk=head_a.pk).check_password(PASSWORD)


# --- the payout limit, now read from the history: collections only ---------------------------------------------------


def test_a_reduction_is_not_money_held_so_it_cannot_be_paid_out(staff, org):
    accountant, head = staff["accountant_a"], staff["head_a"]
    case = _enforcing(staff, org, amounts=(5_000_000,), kinds=("an_phi",), beneficiary="state")
    do_act(accountant, case.pk, "collect", day(30), amount=1_000_000, receipt_no="BL-1")
    do_act(head, case.pk, "reduce", day(31), obligation="1", amount=1_000_000)
    with pytest.raises(ActRefused):  # 1,000,000 collected, the reduction moved no money
        do_act(accountant, case.pk, "payout", day(32), amount=1_000_001, obligation="1")
    do_act(accountant, case.pk, "payout", day(32), amount=1_000_000, obligation="1", fee_timing="coerced")
    with pytest.raises(ActRefused):  # everything collected is paid out
        do_act(accountant, case.pk, "payout", day(33), amount=1, obligation="1")
    # Money paid into the state budget carries no enforcement fee (Art. 60), whatever timing the form sent.
    payout = CaseEvent.objects.get(case=case, kind="payout")
    assert payout.details["fee"] == 0
    assert list(LedgerEntry.objects.filter(event=payout).values_list("kind", "amount")) == [("NOP_NSNN", 1_000_000)]


def test_money_collected_in_an_imported_history_can_be_paid_out_and_no_more(staff, org):
    records = [
        {"type": "officer", "code": "A-CHV-9", "name": "Trần Thị Hoa", "unit": "A"},
        {"type": "case", "id": "IMP-1", "unit": "A", "decided_on": "2024-06-10", "decision_no": "1/QĐ-CCTHADS",
         "initiation": "theo_don", "judgment_kind": "dan_su", "officer": "A-CHV-9",
         "debtor": {"name": "Lê Văn Đức"}, "creditor": {"name": "Nguyễn Thị Mai"},
         "obligations": [{"id": "1", "kind": "tra_no", "beneficiary": "person", "amount": 10_000_000}]},
        {"type": "event", "case": "IMP-1", "on": "2024-07-01", "kind": "verified_able"},
        {"type": "event", "case": "IMP-1", "on": "2024-07-05", "kind": "payment", "obligation": "1",
         "amount": 4_000_000},
    ]
    report = import_data("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    assert report.written, report.error_lines()
    case = Case.objects.get(ext_id="IMP-1")
    accountant = staff["accountant_a"]
    on = date(2024, 7, 10)
    with pytest.raises(ActRefused):
        do_act(accountant, case.pk, "payout", on, amount=4_000_001, obligation="1")
    do_act(accountant, case.pk, "payout", on, amount=4_000_000, obligation="1")
    assert LedgerEntry.objects.filter(case=case, kind="CHI_TRA").get().amount == 4_000_000
    assert [m for ext_id, m in ledger_disagreements(on) if ext_id == "IMP-1"] == []


# --- an act does not read the parties' identities for the projections -----------------------------------------------


def test_an_act_on_a_case_reads_no_id_number_or_address_of_its_parties(staff, org):
    """The act's before/after histories feed the statistics, which never read the parties: the gateway leaves them
    out (``case_history(..., full=False)``), as its batches do (data minimisation, Decree 13/2023/NĐ-CP)."""
    from django.test.utils import CaptureQueriesContext

    case = _enforcing(staff, org)
    with CaptureQueriesContext(connection) as queries:
        do_act(staff["accountant_a"], case.pk, "collect", day(30), amount=1_000_000, receipt_no="BL-1")
        do_act(staff["head_a"], case.pk, "postpone", day(31), ground="48.1.d")
    personal = [q["sql"] for q in queries.captured_queries if "id_number" in q["sql"] or '"address"' in q["sql"]]
    assert personal == []


# --- the cached range report is per scope ----------------------------------------------------------------------------


def test_a_range_report_cached_for_a_wider_scope_is_not_served_to_a_user_who_sees_less(staff, org):
    """``stats.service.range_parts`` caches the replay for 600 s; its key holds the units the caller may see, so a
    branch head asking right after the province's statistician gets his branch's figures, not the province's."""
    from thads.cases.actions import ObligationData, PartyData, do_receive
    from thads.stats.service import range_report

    units = org["units"]
    head_b = do_create_staff("head_b", PASSWORD, "Thủ Trưởng B", units["B"], Title.HEAD)
    _enforcing(staff, org)  # a case of branch A
    in_b = do_receive(head_b, units["B"], on=day(0), initiation="theo_don", judgment_kind="dan_su",
                      debtors=[PartyData("Trần Văn Bê")], obligations=[ObligationData("tra_no", "person", 7_000_000)])
    do_act(head_b, in_b.pk, "decide", day(2), decision_no="3/QĐ-THADS", officer=org["people"]["officer_b"].officer)
    period = (day(1), day(60))
    province = range_report(units["P"], *period, user=org["people"]["statistician_p"])
    branch = range_report(units["P"], *period, user=staff["head_a"])
    assert province["cases"]["MOI"] == 2
    assert branch["cases"]["MOI"] == 1
    assert branch == {**range_report(units["A"], *period), "unit": "P"}
