"""Any list as XLSX (issue 7): the work queue, the staff list, the unit tree and the statistics drill-down download
the rows their page shows that user (same scope, same GET parameters), with Vietnamese headers, dates as Excel dates
in dd/mm/yyyy and amounts as numbers; the shared writer (``thads.org.spreadsheet``) cuts at its limit and says so."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from tests.conftest import PASSWORD
from thads.cases.actions import ObligationData, PartyData, do_act, do_receive
from thads.deadlines import xlsx as deadline_xlsx
from thads.deadlines.models import Deadline
from thads.domain.roles import Title
from thads.org import xlsx as org_xlsx
from thads.org.actions import do_create_staff
from thads.org.spreadsheet import DATE, MONEY, NUMBER, TEXT, Column, write_rows

TODAY = timezone.localdate()
ID_NUMBER, ADDRESS = "046090001234", "Thôn Phú Thuận"


def download(client, user, url: str, **params):
    client.force_login(user)
    response = client.get(url, params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith("attachment") and ".xlsx" in response["Content-Disposition"]
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).active, response


def header(ws) -> list:
    return list(next(ws.iter_rows(min_row=1, max_row=1, values_only=True)))


def lines(ws) -> list[tuple]:
    return [row for row in ws.iter_rows(min_row=2, values_only=True) if any(v not in (None, "") for v in row)]


def vietnamese(columns) -> list[str]:
    with translation.override("vi"):
        return [str(c.title) for c in columns]


def every_value(ws) -> str:
    return " ".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None)


def decided_case(org, on: date, amount: int = 10_000_000):
    head = org["people"]["head_a"]
    case = do_receive(head, org["units"]["A"], on=on, initiation="theo_don", judgment_kind="dan_su",
                      debtors=[PartyData("Lê Văn Đức", ID_NUMBER, ADDRESS)], creditors=[PartyData("Nguyễn Thị Mai")],
                      obligations=[ObligationData("tra_no", "person", amount)])
    return do_act(head, case.pk, "decide", on, decision_no="7/QĐ-CCTHADS", officer=org["people"]["officer_a"].officer)


# ------------------------------------------------------------------------------------------------- the writer


def test_the_writer_puts_each_kind_of_column_in_its_excel_form(tmp_path):
    columns = [Column("Text", 10, TEXT), Column("Date", 10, DATE), Column("Money", 10, MONEY),
               Column("Number", 10, NUMBER)]
    path = str(tmp_path / "list.xlsx")
    written, cut = write_rows(path, "Sheet", columns, [["=1+1", date(2025, 3, 4), 1_234_567, 3],
                                                      [None, None, None, None]])
    ws = load_workbook(path).active
    assert (written, cut) == (2, False)
    assert header(ws) == ["Text", "Date", "Money", "Number"] and ws.cell(1, 1).font.b
    assert list(ws.iter_rows(min_row=2, values_only=True)) == [("=1+1", datetime(2025, 3, 4), 1_234_567, 3),
                                                               ("", None, None, None)]
    assert ws.cell(2, 1).data_type == "s"  # text is never read as a formula
    assert ws.cell(2, 2).number_format == "dd/mm/yyyy" and ws.cell(2, 3).number_format == "#,##0"
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:D3"


def test_the_writer_stops_at_its_limit_and_says_how_many_rows_it_kept(tmp_path):
    path = str(tmp_path / "list.xlsx")
    written, cut = write_rows(path, "Sheet", [Column("N", kind=NUMBER)], ([n] for n in range(2000)), limit=1500)
    values = [row[0] for row in load_workbook(path).active.iter_rows(min_row=2, values_only=True) if row[0] is not None]
    assert (written, cut) == (1500, True)
    assert values[:1500] == list(range(1500)) and len(values) == 1501 and "1.500" in values[-1]


def test_a_column_of_an_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        Column("Amount", kind="currency")


# ------------------------------------------------------------------------------------------------- the work queue


def test_the_officer_downloads_the_whole_work_queue_with_due_dates_and_days_overdue(client, org):
    case = decided_case(org, TODAY - timedelta(days=40))
    ws, response = download(client, org["people"]["officer_a"], reverse("deadline-queue-xlsx"))
    assert header(ws) == vietnamese(deadline_xlsx.COLUMNS)
    expected = list(Deadline.objects.filter(case=case).order_by("due", "code"))
    rows = lines(ws)
    assert expected and len(rows) == len(expected) and response["X-THADS-Rows"] == str(len(expected))
    for n, (row, dl) in enumerate(zip(rows, expected, strict=True), start=2):
        assert row[0] == datetime.combine(dl.due, datetime.min.time()) and ws.cell(n, 1).number_format == "dd/mm/yyyy"
        assert row[1] == ((TODAY - dl.due).days if dl.due < TODAY and not dl.paused else None)
        assert row[2:6] == (case.ext_id, dl.text, dl.article, "Nguyễn Văn Đức")
        assert row[6] == (TODAY - case.last_event_on).days
    assert any(row[1] for row in rows)  # a 40-day-old decision has overdue deadlines
    assert ID_NUMBER not in every_value(ws) and ADDRESS not in every_value(ws)


def test_an_officer_of_another_branch_downloads_none_of_branch_a_s_deadlines(client, org):
    decided_case(org, TODAY - timedelta(days=40))
    ws, response = download(client, org["people"]["officer_b"], reverse("deadline-queue-xlsx"))
    assert Deadline.objects.exists() and lines(ws) == [] and response["X-THADS-Rows"] == "0"


def test_a_head_downloads_the_unit_queue_narrowed_to_one_officer_as_on_the_page(client, org):
    from thads.org.models import Officer

    decided_case(org, TODAY - timedelta(days=10))
    other = Officer.objects.create(code="A-CHV-9", name="Phan Văn Chín", unit=org["units"]["A"])
    head = org["people"]["head_a"]
    ws, _ = download(client, head, reverse("deadline-queue-xlsx"))
    assert len(lines(ws)) == Deadline.objects.count()
    ws, _ = download(client, head, reverse("deadline-queue-xlsx"), officer=org["people"]["officer_a"].officer.pk)
    assert len(lines(ws)) == Deadline.objects.filter(officer=org["people"]["officer_a"].officer).count()
    ws, _ = download(client, head, reverse("deadline-queue-xlsx"), officer=other.pk)
    assert lines(ws) == []
    ws, _ = download(client, head, reverse("deadline-queue-xlsx"), officer="not-a-number")
    assert lines(ws) == []


def test_the_queue_page_links_the_download_with_its_officer(client, org):
    decided_case(org, TODAY - timedelta(days=10))
    officer = org["people"]["officer_a"].officer
    client.force_login(org["people"]["head_a"])
    body = client.get(reverse("deadline-queue"), {"officer": officer.pk}).content.decode()
    assert f'{reverse("deadline-queue-xlsx")}?officer={officer.pk}"' in body
    client.force_login(org["people"]["officer_a"])
    assert f'{reverse("deadline-queue-xlsx")}"' in client.get(reverse("deadline-queue")).content.decode()


# ------------------------------------------------------------------------------------------------- organisation


def test_the_staff_list_downloads_the_staff_the_user_may_see(client, org):
    people = org["people"]
    ws, _ = download(client, people["statistician_p"], reverse("staff-list-xlsx"))
    assert header(ws) == vietnamese(org_xlsx.STAFF_COLUMNS) and header(ws)[0] != "Full name"
    with translation.override("vi"):
        expected = [(u.full_name, u.username, u.get_title_display(), u.unit.name)
                    for u in sorted(people.values(), key=lambda u: (u.unit.path, u.title, u.username))]
    assert lines(ws) == expected
    ws, _ = download(client, people["officer_b"], reverse("staff-list-xlsx"))
    assert [row[1] for row in lines(ws)] == ["officer_b"]


def test_the_unit_tree_downloads_with_validity_dates_staff_counts_and_parents(client, org):
    ws, _ = download(client, org["people"]["statistician_p"], reverse("unit-tree-xlsx"))
    assert header(ws) == vietnamese(org_xlsx.UNIT_COLUMNS)
    rows = lines(ws)
    assert [(r[0], r[2], r[6]) for r in rows] == [("P", "", 2), ("A", "P", 2), ("B", "P", 1)]
    b = rows[2]
    assert b[1] == "Phòng THADS khu vực B" and b[4] == datetime(2025, 7, 1) and b[5] is None
    assert ws.cell(4, 5).number_format == "dd/mm/yyyy"
    ws, _ = download(client, org["people"]["officer_b"], reverse("unit-tree-xlsx"))
    assert [r[0] for r in lines(ws)] == ["B"]


def test_the_staff_list_is_cut_at_the_limit_with_a_last_line_saying_so(client, org, monkeypatch):
    monkeypatch.setattr(org_xlsx, "MAX_ROWS", 2)
    ws, response = download(client, org["people"]["admin_p"], reverse("staff-list-xlsx"))
    cells = [row[0] for row in ws.iter_rows(min_row=2, values_only=True) if row[0]]
    assert response["X-THADS-Truncated"] == "2" and response["X-THADS-Rows"] == "2"
    assert len(cells) == 3 and "2" in cells[-1]


def test_the_organisation_pages_link_their_downloads(client, org):
    client.force_login(org["people"]["officer_a"])
    assert reverse("staff-list-xlsx") in client.get(reverse("staff-list")).content.decode()
    assert reverse("unit-tree-xlsx") in client.get(reverse("unit-tree")).content.decode()


# ------------------------------------------------------------------------------------------------- statistics


DRILL = {"unit": "P", "mode": "official", "year": "2025", "months": "12", "m": "money"}


@pytest.fixture
def collected(org):
    case = decided_case(org, date(2025, 9, 2), amount=5_000_000)
    do_act(org["people"]["head_a"], case.pk, "collect", date(2025, 9, 20), amount=1_000_000)
    return case


def test_the_drill_down_downloads_as_xlsx_with_the_columns_of_the_csv(client, org, collected):
    from thads.stats import views

    user = org["people"]["statistician_p"]
    ws, _ = download(client, user, reverse("stats-cases"), ind="XONG", format="xlsx", **DRILL)
    csv_text = client.get(reverse("stats-cases"), {**DRILL, "ind": "XONG", "format": "csv"}).content.decode("utf-8-sig")
    csv_header = next(csv.reader(io.StringIO(csv_text)))
    assert header(ws) == vietnamese(views._drill_columns(views.Figure("XONG", "money"))) == csv_header
    (row,) = lines(ws)
    assert row[0] == collected.ext_id and row[1] == "7/QĐ-CCTHADS" and row[3] == "Lê Văn Đức" and row[4] == "A"
    assert row[2] == datetime(2025, 9, 2) and ws.cell(2, 3).number_format == "dd/mm/yyyy"
    assert row[12] == 1_000_000 and ws.cell(2, 13).number_format == "#,##0"
    assert ID_NUMBER not in every_value(ws) and ADDRESS not in every_value(ws)
    ws, _ = download(client, user, reverse("stats-cases"), ind="RATE", format="xlsx", **DRILL)
    assert len(header(ws)) == 15 and lines(ws)[0][13:] == (0, 1_000_000)


def test_a_head_of_another_branch_downloads_no_case_of_branch_a_and_an_officer_none_at_all(client, org, collected):
    head_b = do_create_staff("head_b", PASSWORD, "Đỗ Văn Bắc", org["units"]["B"], Title.HEAD)
    ws, _ = download(client, head_b, reverse("stats-cases"), ind="XONG", format="xlsx", **{**DRILL, "unit": "A"})
    assert lines(ws) == []
    client.force_login(org["people"]["officer_a"])
    assert client.get(reverse("stats-cases"), {**DRILL, "ind": "XONG", "format": "xlsx"}).status_code == 403


def test_the_drill_down_page_links_the_xlsx_beside_the_csv(client, org, collected):
    client.force_login(org["people"]["statistician_p"])
    body = client.get(reverse("stats-cases"), {**DRILL, "ind": "XONG"}).content.decode()
    csv_at, xlsx_at = body.index("format=csv"), body.index("format=xlsx")
    assert 0 < xlsx_at - csv_at < 400
