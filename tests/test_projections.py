"""Derived tables are projections of the case history (issue 13 item 3): ``cases`` publishes every change of a
history in the writer's transaction, the search words, the open deadlines and the statistics follow, and each
rebuild command recomputes from the histories exactly the rows the acts and the import wrote."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection

from tests.test_case_actions import _decided, _enforcing, _received, day
from tests.test_import_export import WORKED
from thads.cases import projections
from thads.cases.actions import do_act
from thads.cases.importer import import_data
from thads.cases.models import Case
from thads.deadlines.models import Deadline
from thads.stats.models import COUNTER_FIELDS, StatCaseSpan, StatCell, StatCoverage, StatOfficerCell


def _rows(model, *, nonzero: bool = False) -> list[tuple]:
    fields = [f.attname for f in model._meta.concrete_fields if f.attname != "id"]
    rows = list(model.objects.values(*fields))
    if nonzero:  # a cell whose deltas cancelled out is the same as no cell
        rows = [r for r in rows if any(r[c] for c in COUNTER_FIELDS)]
    return sorted((tuple(r[f] for f in fields) for r in rows), key=repr)


def _search_rows() -> list[tuple]:
    return sorted(Case.objects.values_list("id", "search_text"))


def _fts_is_sound() -> None:
    if connection.vendor == "sqlite":  # the FTS5 table agrees with the column it indexes (raises if not)
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO cases_case_fts(cases_case_fts, rank) VALUES ('integrity-check', 1)")


def _series(staff, org) -> None:
    """Acts of every kind of change (a receipt, a decision, contract events, a collection, a payout with its fee, a
    reduction, an entrustment to another unit of the system), then an import of the worked example."""
    officer, accountant, head = staff["officer_a"], staff["accountant_a"], staff["head_a"]
    case = _enforcing(staff, org)
    do_act(accountant, case.pk, "collect", day(30), amount=60_000_000, receipt_no="BL-1")
    do_act(accountant, case.pk, "payout", day(33), amount=50_000_000, obligation="1", fee_timing="coerced")
    state = _enforcing(staff, org, amounts=(5_000_000,), kinds=("an_phi",), beneficiary="state")
    do_act(accountant, state.pk, "collect", day(30), amount=1_000_000, receipt_no="BL-2")
    do_act(accountant, state.pk, "payout", day(31), amount=1_000_000, obligation="1")
    do_act(head, state.pk, "reduce", day(40), obligation="1", amount=1_000_000)
    _received(staff, org)  # not decided
    other = _decided(staff, org)
    do_act(officer, other.pk, "notify_debtor", day(3))
    do_act(head, other.pk, "postpone", day(10), ground="48.1.d")
    entrusted = _decided(staff, org)
    do_act(head, entrusted.pk, "entrust_out", day(12), to=org["units"]["B"], debtor_elsewhere=True,
           revocation_no="9/QĐ", revocation_on=day(12))
    report = import_data(WORKED.read_bytes())
    assert report.written and not report.errors


def test_the_projections_run_in_a_fixed_order_and_the_statistics_guard_imports():
    assert projections.registered() == ["search", "deadlines", "registers.public", "stats"]
    assert "stats.closed_periods" in projections._GUARDS
    assert projections.import_guard()([]) == []


def test_rebuilding_the_search_words_changes_no_row(staff, org):
    _series(staff, org)
    before = _search_rows()
    assert all(text for _, text in before)
    assert Case.objects.get(ext_id="V1").search_text  # an imported case has its words
    _fts_is_sound()
    out = io.StringIO()
    call_command("rebuild_search", stdout=out)
    assert out.getvalue().strip().endswith("; 0 changed")
    assert _search_rows() == before
    _fts_is_sound()


def test_rebuilding_the_search_words_repairs_a_wrong_one(staff, org):
    case = _decided(staff, org)
    right = Case.objects.get(pk=case.pk).search_text
    assert "le van duc" in right and "nguyen thi mai" in right and "12/qd-ccthads" in right
    Case.objects.filter(pk=case.pk).update(search_text="wrong")
    call_command("rebuild_search", stdout=io.StringIO())
    assert Case.objects.get(pk=case.pk).search_text == right
    _fts_is_sound()


def test_recomputing_the_deadlines_changes_no_row(staff, org):
    _series(staff, org)
    before = _rows(Deadline)
    assert before
    call_command("recompute_deadlines", stdout=io.StringIO())
    assert _rows(Deadline) == before


def test_rebuilding_the_statistics_changes_no_row(staff, org):
    _series(staff, org)
    before = [_rows(StatCell, nonzero=True), _rows(StatOfficerCell, nonzero=True), _rows(StatCaseSpan),
              list(StatCoverage.objects.values_list("through_year", flat=True))]
    assert before[0] and before[2]
    call_command("stats_rebuild", stdout=io.StringIO())
    after = [_rows(StatCell, nonzero=True), _rows(StatOfficerCell, nonzero=True), _rows(StatCaseSpan),
             list(StatCoverage.objects.values_list("through_year", flat=True))]
    assert after == before


def test_a_failing_projection_rolls_the_act_back(staff, org):
    case = _enforcing(staff, org)
    events = case.events.count()

    class Broken:
        def add(self, changes):
            raise RuntimeError("projection down")

        def close(self):  # pragma: no cover - never reached
            pass

    projections.register("zz-broken", Broken, order=999)
    try:
        with pytest.raises(RuntimeError):
            do_act(staff["accountant_a"], case.pk, "collect", day(30) + timedelta(days=1), amount=1_000_000)
    finally:
        projections.unregister("zz-broken")
    assert Case.objects.get(pk=case.pk).events.count() == events
