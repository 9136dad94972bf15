"""The one gateway from the database to the domain (``thads.cases.histories``): what it loads equals the file it was
imported from, in a bounded number of queries, reading units and officers once; the one range report equals the
pure definition for every breakdown."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.test_import_export import _demo_file
from thads.cases.actions import facts_of
from thads.cases.histories import Directory, case_facts, case_history, histories, iter_case_acts, iter_histories
from thads.cases.importer import import_data
from thads.cases.models import Case
from thads.domain.interchange import validate
from thads.domain.report import compute_report, statistical_year_period
from thads.org.models import Unit
from thads.org.scope import subtree_ids
from thads.stats import service


@pytest.fixture
def demo(db):
    data = _demo_file(size=600)
    assert import_data(data).errors == []
    result = validate(data.splitlines())
    return {h.case.id: h for h in result.histories()}, {u.code: u.parent for u in result.units}


def _canonical(h):
    return h.case.canonical(), [e.canonical() for e in h.events]


def test_the_full_histories_are_the_imported_records(demo):
    from_file, _ = demo
    loaded = {h.case.id: h for h in histories(Case.objects.all(), full=True)}
    assert loaded.keys() == from_file.keys()
    for case_id, h in from_file.items():
        assert _canonical(loaded[case_id]) == _canonical(h), case_id


def test_one_case_and_the_batch_give_the_same_history(demo):
    batch = dict(iter_histories(Case.objects.all(), full=True, chunk=7))
    for case in Case.objects.order_by("id")[:40]:
        assert case_history(case) == batch[case.pk]


def test_without_full_only_the_parties_and_the_judgment_are_left_out(demo):
    full = dict(iter_histories(Case.objects.all(), full=True))
    for pk, h in iter_histories(Case.objects.all()):
        f = full[pk]
        assert (h.case.debtor, h.case.creditor, h.case.judgment) == (None, None, None)
        assert h.events == f.events and h.case.obligations == f.case.obligations
        assert (h.case.id, h.case.unit, h.case.officer, h.case.decided_on) == (f.case.id, f.case.unit, f.case.officer,
                                                                               f.case.decided_on)


def test_ids_come_out_in_the_order_given(demo):
    ids = list(Case.objects.order_by("-ext_id").values_list("id", flat=True))
    assert [pk for pk, _ in iter_histories(ids, chunk=50)] == ids


def test_a_batch_reads_a_bounded_number_of_queries_per_chunk_and_units_and_officers_once(demo):
    n = Case.objects.count()
    chunk = 100
    chunks = -(-n // chunk)
    with CaptureQueriesContext(connection) as ctx:
        assert sum(1 for _ in iter_histories(Case.objects.all(), full=True, chunk=chunk)) == n
    sql = [q["sql"] for q in ctx.captured_queries]
    unit_reads = [s for s in sql if 'FROM "org_unit"' in s]
    officer_reads = [s for s in sql if 'FROM "org_officer"' in s]
    # The ids, then cases, obligations, events and parties per chunk; each unit and officer read at most once.
    assert len(sql) - len(unit_reads) - len(officer_reads) == 1 + 4 * chunks
    assert len(unit_reads) <= 2 * chunks and len(officer_reads) <= 2 * chunks
    d = Directory()
    with CaptureQueriesContext(connection) as ctx:
        list(iter_histories(Case.objects.all(), directory=d, chunk=chunk))
        list(iter_histories(Case.objects.all(), directory=d, chunk=chunk))  # a shared directory: nothing read again
    second = [q["sql"] for q in ctx.captured_queries]
    assert sum('FROM "org_unit"' in s for s in second) == len(unit_reads)


def test_the_deadline_inputs_are_the_facts_the_acts_read(demo):
    acts = {c.case_id: c for c in iter_case_acts(Case.objects.all(), chunk=64)}
    for case in Case.objects.select_related("unit", "officer").order_by("id")[:60]:
        assert acts[case.pk].facts == facts_of(case) == case_facts(case)
        assert acts[case.pk].go_live == case.unit.go_live
        assert acts[case.pk].acts[0].act in ("decide", "receive_judgment", "receive_request") or case.decided_on is None


@pytest.mark.parametrize("by", [None, "unit", "officer", "initiation", "judgment_kind"])
@pytest.mark.parametrize("unit,d_from,d_to", [
    ("HUE", date(2025, 1, 1), date(2025, 12, 31)), ("HUE-KV1", date(2024, 3, 5), date(2026, 2, 1)),
])
def test_the_one_range_report_is_the_pure_definition_for_every_breakdown(demo, by, unit, d_from, d_to):
    from_file, parents = demo
    the_unit = Unit.objects.get(code=unit)
    expected = compute_report(list(from_file.values()), parents, unit, d_from, d_to, by=by)
    assert service.range_report(the_unit, d_from, d_to, by=by) == expected
    assert service.build_report(the_unit, d_from, d_to, by=by) == expected


@pytest.mark.parametrize("year,k", [(2025, 12), (2026, 5)])
def test_the_range_report_of_an_official_period_is_the_official_report(demo, year, k):
    hue = Unit.objects.get(code="HUE")
    d_from, d_to = statistical_year_period(year, k)
    for by in (None, "officer"):
        assert service.range_report(hue, d_from, d_to, by=by) == service.official_report(hue, year, k, by=by)


def test_a_users_range_report_counts_only_the_units_the_user_sees_and_the_old_names_call_the_one_path(demo):
    from thads.domain.roles import Title
    from thads.org.actions import do_create_staff

    hue, kv1 = Unit.objects.get(code="HUE"), Unit.objects.get(code="HUE-KV1")
    user = do_create_staff("stat-kv1", "a-long-Passw0rd!", "Thống Kê", kv1, Title.STATISTICIAN)
    period = (date(2025, 1, 1), date(2025, 12, 31))
    seen = service.range_report(hue, *period, by="unit", user=user)
    assert {**seen, "unit": "HUE-KV1"} == service.range_report(kv1, *period, by="unit")
    assert subtree_ids(hue, user) == subtree_ids(kv1)
