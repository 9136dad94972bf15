"""The daily workplace in a real browser (issue 7)."""

from __future__ import annotations

import pytest

from tests.browser.helpers import enforcing_case, login
from thads.cases.models import Case

pytestmark = pytest.mark.django_db(transaction=True)



def test_an_officer_finds_a_case_by_an_unaccented_name_and_records_a_collection(live_server, org, browser_page):
    page, base = browser_page, live_server.url
    case = enforcing_case(org)
    enforcing_case(org, debtor="Trần Văn Bình")
    login(page, base, "officer_a")
    page.goto(f"{base}/cases/")
    page.fill("input[name=q]", "nguyen van duc")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(f"text={case.ext_id}").count() >= 1
    assert page.locator("text=Trần Văn Bình").count() == 0
    page.click(f"text={case.ext_id}")
    page.wait_for_url(f"{base}/cases/{case.pk}/")
    assert "10.000.000" in page.content()
    page.goto(f"{base}/cases/{case.pk}/act/collect/")
    page.fill("input[name=amount]", "4.000.000")
    if page.locator("input[name=receipt_no]").count():
        page.fill("input[name=receipt_no]", "BL-0001")
    page.click("form button[type=submit].primary")
    page.wait_for_url(f"{base}/cases/{case.pk}/")
    assert "6.000.000" in page.content()
    assert Case.objects.get(pk=case.pk).outstanding == 6_000_000


def test_a_head_reassigns_two_cases_and_sees_the_statistics_page(live_server, org, browser_page):
    from thads.org.models import Officer

    page, base = browser_page, live_server.url
    first, second = enforcing_case(org), enforcing_case(org, debtor="Lê Thị Hồng")
    other = Officer.objects.create(code="A-CHV-9", name="Phan Văn Chín", unit=org["units"]["A"])
    login(page, base, "head_a")
    page.goto(f"{base}/deadlines/")
    for case in (first, second):
        boxes = page.locator(f"input[name=case][value='{case.pk}']")
        if boxes.count() == 0:
            pytest.fail(f"case {case.ext_id} has no open deadline in the head's queue")
        boxes.first.check()
    page.select_option("select[name=officer]", str(other.pk))
    with page.expect_navigation():
        page.click("text=Phân công lại các việc đã chọn")
    assert set(Case.objects.filter(pk__in=[first.pk, second.pk]).values_list("officer_id", flat=True)) == {other.pk}
    page.goto(f"{base}/statistics/")
    assert page.locator("text=phải thi hành").count() + page.locator("text=Phải thi hành").count() >= 1


BAD_FILE = "\n".join([
    '{"type": "unit", "code": "P", "name": "Cục THADS tỉnh P", "parent": null}',
    '{"type": "case", "id": "X1", "unit": "P", "decided_on": "2024-01-10", "initiation": "theo_don", '
    '"judgment_kind": "dan_su", "obligations": [{"id": "1", "kind": "tra_no", "beneficiary": "person", "amount": 100}]}',
    '{"type": "event", "case": "X1", "on": "2024-02-01", "kind": "payment", "obligation": "1", "amount": 500}',
    '{"type": "event", "case": "X1", "on": "2024-02-02", "kind": "resumed"}',
]) + "\n"


def test_a_jsonl_import_through_the_page_shows_its_preview_and_errors(live_server, org, browser_page, tmp_path):
    page, base = browser_page, live_server.url
    bad = tmp_path / "bad.jsonl"
    bad.write_text(BAD_FILE, encoding="utf-8")
    login(page, base, "admin_p")
    page.goto(f"{base}/cases/import/")
    page.set_input_files("input[type=file]", str(bad))
    with page.expect_navigation():
        page.click("text=Kiểm tra tệp")
    body = page.content()
    assert "line 3:" in body and "line 4:" in body
    assert page.locator("text=Nhập ngay").count() == 0  # invalid lines: nothing can be imported
    assert not Case.objects.filter(ext_id="X1").exists()
    good = tmp_path / "good.jsonl"
    good.write_text("\n".join(BAD_FILE.splitlines()[:2]) + "\n", encoding="utf-8")
    page.goto(f"{base}/cases/import/")
    page.set_input_files("input[type=file]", str(good))
    with page.expect_navigation():
        page.click("text=Kiểm tra tệp")
    with page.expect_navigation():
        page.click("text=Nhập ngay")
    assert Case.objects.filter(ext_id="X1").exists()
