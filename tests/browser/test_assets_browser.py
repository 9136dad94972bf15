"""Debtors' assets and measures in a real browser (issue 15): an officer registers the debtor from the case page,
records the bank account verification found, decides an account freeze (Luật THADS Art. 67) and records that the
bank froze it, only through the pages; the case file then shows the measure, its decision and its history."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.browser.helpers import enforcing_case, login
from thads.assets.models import Measure, MeasureEvent
from thads.domain.measures import MEASURE_LABELS_VI, MeasureKind

pytestmark = pytest.mark.django_db(transaction=True)


def _submit(page) -> None:
    with page.expect_navigation():
        page.click("main form button[type=submit].primary")


def test_art_67_an_officer_records_an_account_freeze_and_sees_it_on_the_case_file(live_server, org, browser_page):
    page, base = browser_page, live_server.url
    case = enforcing_case(org, debtor="Hoàng Thị Mận")
    today = timezone.localdate().strftime("%d/%m/%Y")
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    login(page, base, "officer_a")
    page.goto(f"{base}/cases/{case.pk}/")
    with page.expect_navigation():
        page.click(f"a[href='/assets/cases/{case.pk}/debtor/']")
    assert page.input_value("input[name=name]") == "Hoàng Thị Mận"  # prefilled from the case's party
    _submit(page)
    assert "/assets/debtors/" in page.url

    page.click("a[href$='/assets/new/']")
    page.wait_for_load_state()
    page.select_option("select[name=kind]", "bank_account")
    page.fill("input[name=description]", "Tài khoản thanh toán tại Vietcombank Huế")
    page.fill("input[name=found_on]", today)
    page.fill("input[name=estimated_value]", "35.000.000")
    page.fill("input[name=id_account_no]", "0071000999888")
    _submit(page)
    assert "/assets/assets/" in page.url

    page.goto(f"{base}/assets/cases/{case.pk}/measures/new/")
    page.select_option("select[name=kind]", MeasureKind.ACCOUNT_FREEZE.value)
    page.select_option("select[name=asset_id]", index=1)
    page.fill("input[name=on]", today)
    page.fill("input[name=decision_no]", "09/QĐ-CCTHADS")
    page.fill("input[name=amount]", "10.000.000")
    _submit(page)
    measure = Measure.objects.get(case=case)
    assert page.url.endswith(f"/assets/measures/{measure.pk}/")

    page.click(f"a[href='/assets/measures/{measure.pk}/execute/']")
    page.wait_for_load_state()
    page.fill("input[name=on]", today)
    page.fill("textarea[name=result]", "Ngân hàng đã phong tỏa số tiền 10.000.000 đ")
    _submit(page)
    assert list(MeasureEvent.objects.filter(measure=measure).values_list("kind", flat=True)) == ["decided", "executed"]

    page.goto(f"{base}/cases/{case.pk}/")
    panel = page.locator("section.assets-panel")
    assert panel.count() == 1
    text = panel.inner_text()
    assert MEASURE_LABELS_VI[MeasureKind.ACCOUNT_FREEZE] in text
    assert "09/QĐ-CCTHADS" in text and "Tài khoản thanh toán tại Vietcombank Huế" in text
    assert "0071000999888" in text  # the officer may see account numbers
    assert problems == []  # no CSP violation, no script error
