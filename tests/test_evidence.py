"""The evidence sheet of a nominee (issue 17; thads.emulation.evidence): an officer's, a unit's and a staff member's
figures against their targets, the commendations and good practices, and the same figures in the XLSX and DOCX."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from tests.test_rankings_service import YEAR, build_world, day
from thads.domain.contrib import statistical_year_of
from thads.emulation.evidence import SOURCE, TITLE, evidence_docx, evidence_sheet, evidence_xlsx
from thads.emulation.models import Commendation, GoodPractice, Target


@pytest.fixture
def world(org):
    w = build_world(org)
    units, people = w["units"], w["people"]
    officer = people["officer_a"].officer
    Target.objects.create(year=YEAR, issuer="branch", unit=units["A"], officer=officer, cases_rate=Decimal("60"),
                          money_rate=Decimal("70.00"), cases_completed=5)
    Target.objects.create(year=YEAR, issuer="province", unit=units["A"], cases_rate=Decimal("80.00"),
                          money_rate=Decimal("70.00"), money_recovered=300_000_000, decision_no="15/QĐ-CTHADS")
    Commendation.objects.create(kind="individual", recipient_officer=officer, unit=units["A"],
                                title="advanced_worker", year=YEAR - 1, decision_no="88/QĐ-CCTHADS",
                                decided_on=date(YEAR - 1, 11, 20), issuer="Chi cục trưởng")
    Commendation.objects.create(kind="collective", recipient_unit=units["A"], unit=units["A"],
                                title="certificate", year=YEAR - 1, decision_no="120/QĐ-CTHADS",
                                decided_on=date(YEAR - 1, 12, 2), issuer="Cục trưởng")
    authored = GoodPractice.objects.create(title="Thuyết phục tự nguyện thi hành vụ tranh chấp đất", summary="Tóm tắt",
                                           unit=units["A"], author=people["officer_a"], year=YEAR)
    linked = GoodPractice.objects.create(title="Phối hợp cưỡng chế giao nhà", summary="Tóm tắt", unit=units["A1"],
                                         year=YEAR)
    linked.officers.add(officer)
    GoodPractice.objects.create(title="Việc của người khác", summary="Tóm tắt", unit=units["C"], year=YEAR)
    w["practices"] = (authored, linked)
    return w


@pytest.mark.django_db
def test_an_officers_sheet_holds_the_figures_against_the_target_of_the_year(world):
    officer = world["people"]["officer_a"].officer
    sheet = evidence_sheet(year=YEAR, officer=officer)
    assert json.loads(json.dumps(sheet)) == sheet  # JSON-able as it is frozen into the nomination
    assert sheet["nominee"] == {"name": officer.name, "code": "A-officer_a", "unit": {"code": "A", "name": "Chi cục "
                                "THADS huyện A"}, "title": "officer"}
    assert sheet["period"] == {"from": f"{YEAR - 1}-10-01", "to": f"{YEAR}-09-30", "months": 12, "current": False}
    assert sheet["target"]["cases"] == "60.00" and sheet["target"]["cases_completed"] == 5
    assert sheet["actual"] == {"cases": "66.67", "money": "60.00"}
    assert sheet["attainment"] == {"cases": "6.67", "money": "-10.00"}
    assert sheet["counts"] == {"cases_cdk": 3, "completed": 2, "money_cdk": 250_000_000, "recovered": 150_000_000,
                               "workload": 3}
    assert sheet["projection"] is None  # a past year: the actual is final
    assert sheet["complaints_upheld"] == 0 and sheet["overdue_now"] >= 1
    assert [c["decision_no"] for c in sheet["commendations"]] == ["88/QĐ-CCTHADS"]
    assert sheet["commendations"][0]["title_label"] == "Lao động tiên tiến"
    assert {p["title"] for p in sheet["good_practices"]} == {p.title for p in world["practices"]}


@pytest.mark.django_db
def test_a_units_sheet_covers_its_subtree_and_its_own_target_and_commendations(world):
    sheet = evidence_sheet(year=YEAR, unit=world["units"]["A"])
    assert sheet["kind"] == "unit" and sheet["target"]["decision_no"] == "15/QĐ-CTHADS"
    assert sheet["actual"] == {"cases": "75.00", "money": "71.43"}
    assert sheet["attainment"] == {"cases": "-5.00", "money": "1.43"}
    assert (sheet["counts"]["completed"], sheet["counts"]["recovered"]) == (3, 250_000_000)
    assert sheet["complaints_upheld"] == 1  # the one partly right against A1's case
    assert [c["decision_no"] for c in sheet["commendations"]] == ["120/QĐ-CTHADS"]
    assert [p["title"] for p in sheet["good_practices"]] == ["Thuyết phục tự nguyện thi hành vụ tranh chấp đất"]


@pytest.mark.django_db
def test_a_staff_member_who_is_not_an_officer_gets_no_case_figures_and_a_note(world):
    user = world["people"]["statistician_p"]
    Commendation.objects.create(kind="individual", recipient_user=user, unit=world["units"]["P"],
                                title="certificate", year=YEAR, decision_no="7/QĐ", decided_on=day(200),
                                issuer="Cục trưởng")
    sheet = evidence_sheet(year=YEAR, user=user)
    assert sheet["kind"] == "user" and sheet["notes"] == ["not_an_officer"]
    assert sheet["counts"] is None and sheet["actual"] is None and sheet["target"] is None
    assert [c["decision_no"] for c in sheet["commendations"]] == ["7/QĐ"]
    assert sheet["nominee"]["title"] == "statistician"


@pytest.mark.django_db
def test_a_user_who_is_an_officer_gets_the_officers_sheet(world):
    by_user = evidence_sheet(year=YEAR, user=world["people"]["officer_a"])
    assert by_user == evidence_sheet(year=YEAR, officer=world["people"]["officer_a"].officer)


@pytest.mark.django_db
def test_in_the_current_year_the_sheet_runs_to_this_month_with_a_projection(world):
    year = statistical_year_of(timezone.localdate())
    sheet = evidence_sheet(year=year, officer=world["people"]["officer_a"].officer)
    assert sheet["period"]["current"] is True and "year_in_progress" in sheet["notes"]
    assert sheet["counts"]["cases_cdk"] == 1  # the open case carried over
    if sheet["period"]["months"] < 12:
        assert set(sheet["projection"]) == {"cases", "money"}
    with pytest.raises(ValueError, match="has not started"):
        evidence_sheet(year=year + 1, officer=world["people"]["officer_a"].officer)
    with pytest.raises(ValueError, match="exactly one"):
        evidence_sheet(year=year, officer=world["people"]["officer_a"].officer, unit=world["units"]["A"])


def _xlsx_cells(data: bytes):
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(data)).active
    return ws, [cell for row in ws.iter_rows() for cell in row if cell.value is not None]


@pytest.mark.django_db
def test_the_xlsx_is_titled_in_vietnamese_with_exact_amounts_dates_and_the_source_line(world):
    sheet = evidence_sheet(year=YEAR, officer=world["people"]["officer_a"].officer)
    ws, cells = _xlsx_cells(evidence_xlsx(sheet))
    values = [c.value for c in cells]
    with translation.override("vi"):
        title, source = str(TITLE), str(SOURCE) % {"date": timezone.localdate().strftime("%d/%m/%Y")}
    assert ws["A1"].value == title and values[-1] == source
    money = [c for c in cells if c.value == 150_000_000]
    assert money and money[0].number_format == "#,##0" and 250_000_000 in values
    assert "66,67 %" in values and "60,00 %" in values and officer_name(world) in values
    dates = [c for c in cells if isinstance(c.value, datetime)]
    assert [c.value.date() for c in dates] == [date(YEAR - 1, 10, 1), date(YEAR, 9, 30)]
    assert all(c.number_format == "dd/mm/yyyy" for c in dates)
    assert any("88/QĐ-CCTHADS" in str(v) for v in values)
    assert world["practices"][1].title in values


def officer_name(world) -> str:
    return world["people"]["officer_a"].officer.name


@pytest.mark.django_db
def test_the_docx_holds_the_same_figures_in_a_table_for_the_commendation_file(world):
    from docx import Document

    sheet = evidence_sheet(year=YEAR, unit=world["units"]["A"])
    doc = Document(io.BytesIO(evidence_docx(sheet)))
    texts = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    paragraphs = [p.text for p in doc.paragraphs]
    with translation.override("vi"):
        assert paragraphs[0] == str(TITLE)
    assert "250.000.000 ₫" in texts and "350.000.000 ₫" in texts and "75,00 %" in texts and "71,43 %" in texts
    assert "300.000.000 ₫" in texts  # the absolute target of money recovered
    assert f"01/10/{YEAR - 1}" in texts and f"30/09/{YEAR}" in texts and str(YEAR) in texts
    assert any("120/QĐ-CTHADS" in t for t in texts) and "Chi cục THADS huyện A" in texts
    assert timezone.localdate().strftime("%d/%m/%Y") in paragraphs[-1]
