"""The registers page ``/registers/``: the preview, the downloads (audited; addresses only with the personal-data
right), who may open it and bad input answered with the form's message (400), never a 500."""

from __future__ import annotations

import io

import openpyxl
import pytest

from tests.test_registers import ADDRESS, ID_NUMBER, _lines, day, world  # noqa: F401  (the fixture)
from thads.org.models import AuditEvent


def _q(kind="judgments", unit="A", d_from=None, d_to=None) -> str:
    return (f"kind={kind}&unit={unit}&date_from={(d_from or day(-1)).isoformat()}"
            f"&date_to={(d_to or day(60)).isoformat()}")


def _client(client, user):
    client.force_login(user)
    return client


def test_the_page_previews_the_lines_without_addresses(client, staff, world):
    r = _client(client, staff["officer_a"]).get(f"/registers/?{_q('decisions')}")
    assert r.status_code == 200
    html = r.content.decode()
    assert "1/QĐ-CCTHADS" in html and "7/QĐ-CCTHADS" in html and ADDRESS not in html and ID_NUMBER not in html


def test_the_default_page_is_the_users_unit(client, staff, world):
    r = _client(client, staff["head_a"]).get("/registers/")
    assert r.status_code == 200 and r.context["choice"].unit.code == "A"


@pytest.mark.parametrize("query", [
    "kind=nope&unit=A&date_from=2026-01-01&date_to=2026-01-31",
    "kind=money&unit=B&date_from=2026-01-01&date_to=2026-01-31",  # outside branch A's scope: not a choice
    "kind=money&unit=A&date_from=2026-02-30&date_to=2026-03-01",
    "kind=money&unit=A&date_from=2026-03-02&date_to=2026-03-01",
    "kind=money&unit=A&date_from=1900-01-01&date_to=2026-03-01",
    "kind=money&unit=A&date_from=٢٠٢٦-01-01&date_to=2026-03-01",
])
@pytest.mark.parametrize("path", ["/registers/", "/registers/pdf/", "/registers/xlsx/"])
def test_bad_input_is_the_forms_message_not_an_error(client, staff, org, query, path):
    r = _client(client, staff["officer_a"]).get(f"{path}?{query}")
    assert r.status_code == 400
    assert r.context["form"].errors
    assert not AuditEvent.objects.filter(action__startswith="registers.").exists()


def test_the_pdf_download_is_a_book_and_is_audited(client, staff, world):
    r = _client(client, staff["head_a"]).get(f"/registers/pdf/?{_q('money')}")
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    event = AuditEvent.objects.get(action="registers.money.pdf")
    assert event.user == staff["head_a"] and "party.address" in event.after["fields"]


def test_the_statistician_gets_the_xlsx_without_addresses(client, staff, world):
    r = _client(client, staff["statistician_p"]).get(f"/registers/xlsx/?{_q('judgments')}")
    assert r.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(b"".join(r.streaming_content))).active
    text = str([list(row) for row in ws.iter_rows(values_only=True)])
    assert "Lê Văn Đức" in text and ADDRESS not in text and ID_NUMBER not in text
    event = AuditEvent.objects.get(action="registers.judgments.xlsx")
    assert event.after["fields"] == ["party.name"] and event.after["rows"] == 1


def test_the_officer_gets_the_xlsx_with_addresses_and_never_an_id_number(client, staff, world):
    r = _client(client, staff["officer_a"]).get(f"/registers/xlsx/?{_q('judgments')}")
    text = str([list(row) for row in openpyxl.load_workbook(io.BytesIO(b"".join(r.streaming_content)))
                .active.iter_rows(values_only=True)])
    assert ADDRESS in text and ID_NUMBER not in text


def test_a_title_that_neither_works_cases_nor_sees_statistics_is_refused(client, org):
    from thads.domain.roles import Title
    from thads.org.actions import do_create_staff

    verifier = do_create_staff("verifier_x", "Mat-khau-Thu-2025", "Kiểm Tra", org["units"]["A"], Title.VERIFIER)
    assert _client(client, verifier).get("/registers/").status_code == 403
    assert client.get(f"/registers/pdf/?{_q('money')}").status_code == 403


def test_the_preview_numbers_a_later_page_like_the_book(client, staff, world, monkeypatch):
    from thads.registers import views_registers

    monkeypatch.setattr(views_registers, "PAGE_SIZE", 2)
    r = _client(client, staff["officer_a"]).get(f"/registers/?{_q('decisions')}&page=2")
    book = _lines("decisions", world["A"])
    assert r.context["page_obj"].number == 2
    assert [(line[0][0], line[2][0]) for line in r.context["lines"]] == [(str(ln[0]), ln[2]) for ln in book[2:4]]


def test_a_period_too_long_for_a_printed_book_sends_back_to_the_page(client, staff, world, monkeypatch):
    from thads.registers import views_registers

    monkeypatch.setattr(views_registers, "MAX_PDF_ROWS", 2)
    r = _client(client, staff["head_a"]).get(f"/registers/pdf/?{_q('decisions')}")
    assert r.status_code == 400 and r.context["form"].non_field_errors()
    assert not AuditEvent.objects.filter(action="registers.decisions.pdf").exists()
