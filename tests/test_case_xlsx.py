"""The case list as XLSX (issue 7): same filters and scope as the list, dates and amounts as Excel values."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.test_case_views import decided, received
from thads.cases import xlsx


def workbook(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("case-list-xlsx"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))), response


def ids(wb) -> list[str]:
    return [row[0] for row in wb.active.iter_rows(min_row=2, values_only=True) if row[0]]


@pytest.fixture
def staff(org):
    return dict(org["people"])


def test_the_xlsx_has_the_columns_the_formats_a_frozen_header_and_an_autofilter(client, staff, org):
    case = decided(staff, org)
    wb, _ = workbook(client, staff["officer_a"])
    ws = wb.active
    assert len(list(ws.iter_rows(min_row=1, max_row=1, values_only=True))[0]) == 9
    row = list(ws.iter_rows(min_row=2, max_row=2, values_only=True))[0]
    assert row[0] == case.ext_id and row[1] == "12/QĐ-CCTHADS"
    assert row[2].date() == case.decided_on and ws.cell(2, 3).number_format == "dd/mm/yyyy"
    assert row[3] == "Lê Văn Đức" and row[7] == 100_000_000 and ws.cell(2, 9).number_format == "#,##0"
    assert ws.cell(1, 1).font.b
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref


def test_officer_b_cannot_download_the_rows_of_branch_a(client, staff, org):
    received(staff["head_a"], org["units"]["A"])
    wb, _ = workbook(client, staff["officer_b"])
    assert ids(wb) == []
    wb, _ = workbook(client, staff["officer_b"], unit=org["units"]["A"].pk)  # a unit out of scope is ignored
    assert ids(wb) == []


def test_the_xlsx_keeps_the_filters_and_the_search_of_the_list(client, staff, org):
    a = received(staff["head_a"], org["units"]["A"], debtor="Nguyễn Văn Đức")
    b = decided(staff, org, debtor="Phạm Thị Lan")
    wb, _ = workbook(client, staff["head_a"], q="nguyen van duc")
    assert ids(wb) == [a.ext_id]
    wb, _ = workbook(client, staff["head_a"], state="undecided")
    assert ids(wb) == [a.ext_id]
    wb, _ = workbook(client, staff["statistician_p"])
    assert sorted(ids(wb)) == sorted([a.ext_id, b.ext_id])


def test_the_xlsx_keeps_the_initiation_judgment_kind_amount_and_overdue_filters(client, staff, org):
    from thads.deadlines.models import Deadline

    unit = org["units"]["A"]
    proactive = received(staff["head_a"], unit, initiation="chu_dong", amounts=(5_000_000,))
    criminal = received(staff["head_a"], unit, judgment_kind="hinh_su", amounts=(50_000_000,))
    late = decided(staff, org, amounts=(500_000_000,))
    Deadline.objects.exclude(case=late).delete()
    Deadline.objects.filter(case=late).update(due=timezone.localdate() - timedelta(days=3), paused=False)
    head = staff["head_a"]
    assert sorted(ids(workbook(client, head)[0])) == sorted([proactive.ext_id, criminal.ext_id, late.ext_id])
    assert ids(workbook(client, head, initiation="chu_dong")[0]) == [proactive.ext_id]
    assert ids(workbook(client, head, judgment_kind="hinh_su")[0]) == [criminal.ext_id]
    assert ids(workbook(client, head, amount_min="10.000.000", amount_max="100000000")[0]) == [criminal.ext_id]
    assert ids(workbook(client, head, overdue="on")[0]) == [late.ext_id]
    # A reversed range is ignored by the download as by the list.
    assert len(ids(workbook(client, head, amount_min="9.000", amount_max="1.000")[0])) == 3


def test_the_list_page_links_the_download_with_its_filters(client, staff, org):
    client.force_login(staff["head_a"])
    content = client.get(reverse("case-list"), {"state": "undecided", "q": "duc"}).content.decode()
    assert reverse("case-list-xlsx") + "?state=undecided&amp;q=duc" in content


def test_rows_beyond_the_limit_are_cut_and_the_sheet_says_so(client, staff, org, monkeypatch):
    for _ in range(3):
        received(staff["head_a"], org["units"]["A"])
    monkeypatch.setattr(xlsx, "MAX_ROWS", 2)
    wb, response = workbook(client, staff["head_a"])
    assert response["X-THADS-Truncated"] == "2"
    cells = [r[0] for r in wb.active.iter_rows(min_row=2, values_only=True) if r[0]]
    assert len(cells) == 3 and "2" in cells[-1]


def test_an_undecided_case_has_an_empty_date(client, staff, org):
    received(staff["head_a"], org["units"]["A"])
    wb, _ = workbook(client, staff["head_a"])
    assert list(wb.active.iter_rows(min_row=2, max_row=2, values_only=True))[0][2] in (None, "")
    assert isinstance(date.today(), date)
