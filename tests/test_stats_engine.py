"""The statistics engine in the database: the fast path equals the pure definition, closing freezes a period."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.test_import_export import WORKED, _demo_file
from thads.cases.importer import import_data
from thads.cases.models import Case
from thads.domain.interchange import validate
from thads.domain.report import compute_report, dumps_report, statistical_year_period
from thads.org.models import Unit
from thads.stats.actions import ClosingRefused, do_close_period, do_reopen_period
from thads.stats.cells import rebuild
from thads.stats.closing import adjustments
from thads.stats.service import iter_histories, official_report, range_report


def _report_cmd(*args: str) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_report_command_prints_the_worked_example_report_exactly():
    import_data(WORKED.read_bytes())
    expected = (WORKED.parent / "worked-example.report.json").read_text(encoding="utf-8")
    assert _report_cmd("--unit", "HUE", "--year", "2025") == expected
    assert _report_cmd("--unit", "HUE", "--from", "2024-10-01", "--to", "2025-09-30") == expected


@pytest.fixture
def demo(db):
    data = _demo_file(size=1200)
    assert import_data(data).errors == []
    result = validate(data.splitlines())
    parents = {u.code: u.parent for u in result.units}
    return result.histories(), parents


def _pure(histories, parents, unit, year, k, by=None):
    d_from, d_to = statistical_year_period(year, k)
    return compute_report(histories, parents, unit, d_from, d_to, by=by)


@pytest.mark.parametrize("unit,year,k,by", [
    ("HUE", 2025, 12, None), ("HUE", 2025, 6, None), ("HUE", 2026, 12, "unit"), ("HUE-KV3", 2026, 9, "officer"),
    ("HUE-PV", 2025, 12, None), ("HUE-PV", 2025, 8, "initiation"), ("HUE", 2023, 3, "judgment_kind"),
    ("HUE-KV1", 2027, 2, None),
])
def test_the_fast_path_equals_the_pure_definition(demo, unit, year, k, by):
    histories, parents = demo
    assert official_report(Unit.objects.get(code=unit), year, k, by=by) == _pure(histories, parents, unit, year, k,
                                                                                 by)


def test_six_and_twelve_month_reports_are_both_cumulative_from_october(demo):
    histories, parents = demo
    six = official_report(Unit.objects.get(code="HUE"), 2025, 6)
    twelve = official_report(Unit.objects.get(code="HUE"), 2025, 12)
    assert (six["from"], six["to"], twelve["to"]) == ("2024-10-01", "2025-03-31", "2025-09-30")
    assert six["cases"]["CU"] == twelve["cases"]["CU"] and six["cases"]["MOI"] < twelve["cases"]["MOI"]


def test_a_rebuild_gives_the_same_cells(demo):
    before = official_report(Unit.objects.get(code="HUE"), 2026, 12, by="unit")
    rebuild(iter_histories(Case.objects.filter(decided_on__isnull=False)))
    assert official_report(Unit.objects.get(code="HUE"), 2026, 12, by="unit") == before


def test_an_arbitrary_range_uses_the_definition(demo):
    histories, parents = demo
    unit = Unit.objects.get(code="HUE")
    d_from, d_to = date(2025, 1, 1), date(2025, 6, 30)
    assert range_report(unit, d_from, d_to) == compute_report(histories, parents, "HUE", d_from, d_to)


@pytest.mark.django_db
def test_acts_keep_the_fast_path_exact(org):
    from thads.cases.actions import ObligationData, PartyData, do_act, do_receive
    from thads.cases.records import case_history

    head = org["people"]["head_a"]
    unit = org["units"]["A"]
    day0 = date(2025, 9, 1)
    case = do_receive(head, unit, on=day0, initiation="theo_don", judgment_kind="dan_su",
                      debtors=[PartyData("Lê Văn Đức")], creditors=[PartyData("Nguyễn Thị Mai")],
                      obligations=[ObligationData("tra_no", "person", 10_000_000)])
    do_act(head, case.pk, "decide", day0 + timedelta(days=1), officer=org["people"]["officer_a"].officer)
    do_act(head, case.pk, "notify_debtor", day0 + timedelta(days=2))
    do_act(head, case.pk, "start_verification", day0 + timedelta(days=14))
    do_act(head, case.pk, "verify_able", day0 + timedelta(days=20))
    do_act(head, case.pk, "collect", day0 + timedelta(days=40), amount=4_000_000)
    do_act(head, case.pk, "move", day0 + timedelta(days=50), unit=org["units"]["B"])
    parents = {"P": None, "A": "P", "B": "P"}
    h = case_history(Case.objects.get(pk=case.pk))
    for unit_code in ("P", "A", "B"):
        for year, k in ((2025, 12), (2026, 1), (2026, 2)):
            assert official_report(Unit.objects.get(code=unit_code), year, k) == _pure([h], parents, unit_code, year,
                                                                                     k)


@pytest.mark.django_db
def test_a_closed_period_stays_frozen_and_lists_later_acts_as_adjustments(org):
    from thads.cases.actions import ObligationData, PartyData, do_act, do_receive

    head, unit = org["people"]["head_a"], org["units"]["A"]
    stat_a = org["people"]["statistician_p"].__class__.objects.create_user(
        "stat_a", password="x-Y-z-1234567", unit=unit, title="statistician")
    case = do_receive(head, unit, on=date(2025, 9, 1), initiation="theo_don", judgment_kind="dan_su",
                      debtors=[PartyData("Lê Văn Đức")], obligations=[ObligationData("tra_no", "person", 5_000_000)])
    do_act(head, case.pk, "decide", date(2025, 9, 2), officer=org["people"]["officer_a"].officer)
    closing = do_close_period(stat_a, unit, 2025, 12)
    frozen = dict(closing.report)
    do_act(head, case.pk, "collect", date(2025, 9, 20), amount=1_000_000)  # legal date inside the closed year
    assert official_report(unit, 2025, 12)["money"]["XONG"] == 1_000_000  # live figures know it
    assert _report_cmd("--unit", "A", "--year", "2025", "--closed") == dumps_report(frozen)
    assert frozen["money"]["XONG"] == 0
    listed = adjustments(closing)
    assert [(a["case"], a["kind"], a["on"]) for a in listed] == [(case.ext_id, "payment", "2025-09-20")]
    with pytest.raises(ClosingRefused):
        do_close_period(stat_a, unit, 2025, 12)


@pytest.mark.django_db
def test_only_the_units_statistician_closes_and_only_the_provincial_head_reopens(org):
    unit = org["units"]["A"]
    with pytest.raises(ClosingRefused):
        do_close_period(org["people"]["officer_a"], unit, 2025, 12)
    with pytest.raises(ClosingRefused):
        do_close_period(org["people"]["statistician_p"], unit, 2025, 12)  # the province's statistician: province only
    closing = do_close_period(org["people"]["statistician_p"], org["units"]["P"], 2025, 12)
    with pytest.raises(ClosingRefused):
        do_reopen_period(org["people"]["head_a"], closing, "sai số liệu")
    province_head = org["people"]["head_a"].__class__.objects.create_user(
        "head_p", password="x-Y-z-1234567", unit=org["units"]["P"], title="head")
    with pytest.raises(ClosingRefused):
        do_reopen_period(province_head, closing, "   ")
    do_reopen_period(province_head, closing, "Chi cục A nhập thiếu biên lai")
    closing.refresh_from_db()
    assert closing.reopened_by == province_head and closing.reopen_reason


@pytest.mark.django_db
def test_importing_into_a_closed_period_needs_historical(org, tmp_path):
    do_close_period(org["people"]["statistician_p"], org["units"]["P"], 2025, 12)
    path = tmp_path / "w.jsonl"
    path.write_bytes(WORKED.read_bytes())
    with pytest.raises(CommandError, match="closed"):
        call_command("import", str(path), stdout=io.StringIO())
    assert not Case.objects.exists()
    call_command("import", str(path), "--historical", stdout=io.StringIO())
    assert Case.objects.count() == 11


@pytest.mark.django_db
@pytest.mark.parametrize("fmt,magic", [("csv", "\ufeff".encode()), ("xlsx", b"PK"), ("pdf", b"%PDF")])
def test_the_report_command_exports_files(tmp_path, fmt, magic):
    import_data(WORKED.read_bytes())
    out = tmp_path / f"r.{fmt}"
    call_command("report", "--unit", "HUE", "--year", "2025", "--format", fmt, "-o", str(out), stdout=io.StringIO())
    assert out.read_bytes().startswith(magic)


@pytest.mark.django_db
def test_binary_formats_need_an_output_file():
    import_data(WORKED.read_bytes())
    with pytest.raises(CommandError, match="-o"):
        call_command("report", "--unit", "HUE", "--year", "2025", "--format", "xlsx")


@pytest.mark.django_db
def test_the_summary_reads_years_and_span():
    import_data(WORKED.read_bytes())
    from thads.stats.summary import summary

    data = summary(Unit.objects.get(code="HUE"), 2024, 2025)
    assert [y["year"] for y in data["years"]] == [2024, 2025]
    y2025 = data["years"][1]
    assert (y2025["completed_cases"], y2025["rate_cases"], y2025["recovered_money"]) == (2, "60.00", 125_000_000)
    assert data["span"]["done_cases"] == sum(y["done_cases"] for y in data["years"])


@pytest.mark.django_db
def test_a_case_that_becomes_final_leaves_the_later_years(org):
    from thads.cases.actions import ObligationData, PartyData, do_act, do_receive
    from thads.cases.records import case_history

    head, unit = org["people"]["head_a"], org["units"]["A"]
    case = do_receive(head, unit, on=date(2024, 11, 4), initiation="chu_dong", judgment_kind="hinh_su",
                      debtors=[PartyData("Lê Văn Đức")], obligations=[ObligationData("tien_phat", "state", 2_000_000)])
    do_act(head, case.pk, "decide", date(2024, 11, 5), officer=org["people"]["officer_a"].officer)
    assert official_report(unit, 2026, 12)["cases"]["CU"] == 1  # carried over while open
    do_act(head, case.pk, "collect", date(2025, 2, 10), amount=2_000_000)
    from thads.domain.roles import Title
    from thads.org.actions import do_create_staff
    accountant = do_create_staff("accountant_a", "Mat-khau-Thu-2025", "Kế Toán A", unit, Title.ACCOUNTANT)
    do_act(accountant, case.pk, "payout", date(2025, 2, 11), amount=2_000_000, obligation="1")  # Art. 52.1
    do_act(head, case.pk, "complete", date(2025, 2, 11))
    parents = {"P": None, "A": "P", "B": "P"}
    h = case_history(Case.objects.get(pk=case.pk))
    for year in (2025, 2026, 2027):
        assert official_report(unit, year, 12) == _pure([h], parents, "A", year, 12)
    assert official_report(unit, 2026, 12)["cases"]["CU"] == 0


@pytest.mark.django_db
def test_cases_without_officer_keep_one_cell_per_unit_and_month():
    from thads.stats.models import StatOfficerCell

    data = WORKED.read_text(encoding="utf-8").replace('"officer": "PV-CHV-03", ', "")
    import_data(data)
    keys = list(StatOfficerCell.objects.filter(officer__isnull=True).values_list("year", "month", "unit_id"))
    assert keys and len(keys) == len(set(keys))
    assert official_report(Unit.objects.get(code="HUE"), 2025, 12, by="officer")["groups"][""]["cases"]["TT"] == 10


@pytest.mark.django_db
def test_a_report_of_a_year_that_has_not_started_is_refused():
    from thads.stats.service import FutureYear

    import_data(WORKED.read_bytes())
    with pytest.raises(FutureYear):
        official_report(Unit.objects.get(code="HUE"), 2040, 12)
