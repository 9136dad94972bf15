"""Citizen reception and complaints in a real browser (issue 16): the reception officer logs a visit about a case and
records the visitor's complaint from it (letter, then the matter), only through the pages; the head accepts it
(Luật THADS Art. 148) and resolves it (Art. 151); the matter page then shows it resolved with its decision. The
screenshots of the pages go to /work/screens when that folder exists (not part of the repository)."""

from __future__ import annotations

import os

import pytest
from django.utils import timezone

from tests.browser.helpers import enforcing_case, login
from tests.conftest import PASSWORD
from thads.complaints.models import Letter, Matter, Reception
from thads.domain.roles import Title

pytestmark = pytest.mark.django_db(transaction=True)
SCREENS = "/work/screens"


def _shot(page, name: str) -> None:
    if os.path.isdir(SCREENS):
        page.screenshot(path=f"{SCREENS}/complaints-{name}.png", full_page=True)


def _submit(page) -> None:
    with page.expect_navigation():
        page.click("main form button[type=submit].primary")


def _logout(page) -> None:
    with page.expect_navigation():
        page.click("header form.inline button[type=submit]")


def test_art_148_151_the_reception_officer_records_a_complaint_and_the_head_resolves_it(live_server, org,
                                                                                       browser_page):
    from thads.org.actions import do_create_staff

    do_create_staff("tiepdan", PASSWORD, "Hoàng Thị Lan", org["units"]["A"], Title.RECEPTION)
    page, base = browser_page, live_server.url
    case = enforcing_case(org, debtor="Trương Văn Nợ")
    today = timezone.localdate().strftime("%d/%m/%Y")
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)

    login(page, base, "tiepdan")
    _shot(page, "home")
    page.click("a[href='/complaints/receptions/new/']")
    page.wait_for_load_state()
    page.fill("input[name=on]", today)
    page.fill("textarea[name=content]", "Ông Khiếu trình bày việc kê biên tài sản không đúng")
    page.fill("input[name=case_ids]", case.ext_id)
    page.check("input[name=outcome][value=recorded]")
    page.fill("input[name=p0_name]", "Phan Văn Khiếu")
    page.fill("input[name=p0_id_number]", "046080007777")
    page.fill("input[name=p0_address]", "12 Lê Lợi, Huế")
    _shot(page, "reception-form")
    _submit(page)
    visit = Reception.objects.get()
    assert page.url.endswith(f"/complaints/receptions/{visit.pk}/")
    _shot(page, "reception")

    with page.expect_navigation():
        page.click(f"a[href='/complaints/letters/new/?reception={visit.pk}']")
    assert page.input_value("input[name=s0_name]") == "Phan Văn Khiếu"  # the visitor signs the letter
    _submit(page)
    letter = Letter.objects.get()
    assert page.url.endswith(f"/complaints/letters/{letter.pk}/")
    with page.expect_navigation():
        page.click(f"a[href='/complaints/letters/{letter.pk}/matters/new/']")
    page.select_option("select[name=kind]", "complaint")
    page.fill("textarea[name=summary]", "Khiếu nại quyết định kê biên tài sản")
    page.fill("input[name=case_id]", case.ext_id)
    page.select_option("select[name=complained_act]", "before_measures")
    page.fill("input[name=act_known_on]", today)
    page.select_option("select[name=respondent]", "officer")
    _shot(page, "matter-form")
    _submit(page)
    matter = Matter.objects.get()
    assert page.url.endswith(f"/complaints/matters/{matter.pk}/")
    _logout(page)

    login(page, base, "head_a")
    page.goto(f"{base}/complaints/matters/{matter.pk}/")
    with page.expect_navigation():
        page.click(f"a[href='/complaints/matters/{matter.pk}/accept/']")
    page.fill("input[name=on]", today)
    page.fill("input[name=notice_no]", "01/TB-CCTHADS")
    _submit(page)
    _shot(page, "matter-accepted")
    with page.expect_navigation():
        page.click(f"a[href='/complaints/matters/{matter.pk}/resolve/']")
    page.fill("input[name=on]", today)
    page.select_option("select[name=outcome]", "partly_right")
    page.fill("input[name=decision_no]", "02/QĐ-GQKN")
    page.fill("textarea[name=summary]", "Khiếu nại có đúng, có sai")
    _shot(page, "resolve-form")
    _submit(page)
    assert page.url.endswith(f"/complaints/matters/{matter.pk}/")
    matter.refresh_from_db()
    assert matter.status == "resolved" and matter.decision_no == "02/QĐ-GQKN"
    text = page.locator("main").inner_text()
    assert "02/QĐ-GQKN" in text and "01/TB-CCTHADS" in text
    _shot(page, "matter-resolved")

    page.goto(f"{base}/complaints/registers/complaint/")
    _shot(page, "register")
    page.goto(f"{base}/cases/{case.pk}/")
    panel = page.locator("section.complaints-panel")
    assert panel.count() == 1 and "Khiếu nại quyết định kê biên tài sản" in panel.inner_text()
    _shot(page, "case-panel")
    assert problems == []  # no CSP violation, no script error


def test_luat_to_cao_art_47_an_officer_never_sees_the_denunciator_the_head_does(live_server, org, browser_page):
    """A denunciation recorded from a letter: the officer's pages say "kept confidential"; the head of the competent
    unit opens the identity page."""
    from thads.complaints import actions
    from thads.org.actions import do_create_staff

    reception = do_create_staff("tiepdan", PASSWORD, "Hoàng Thị Lan", org["units"]["A"], Title.RECEPTION)
    unit, today = org["units"]["A"], timezone.localdate()
    actions.do_schedule_reception(reception, unit.pk, on=today, receiver_id=org["people"]["head_a"].pk,
                                  head_day=True, place="Phòng tiếp công dân")
    letter = actions.do_register_letter(reception, unit.pk, received_on=today, channel="post",
                                        content="Tố cáo cán bộ nhận tiền của đương sự",
                                        signatories=[{"name": "Võ Thị Tố Giác", "id_number": "046070005555",
                                                      "address": "Huế"}])
    matter = actions.do_record_matter(reception, unit.pk, kind="denunciation", received_on=today,
                                      summary="Tố cáo cán bộ nhận tiền", letter_id=letter.pk, respondent="staff",
                                      identity={"name": "Võ Thị Tố Giác", "id_number": "046070005555",
                                                "address": "Huế", "contact": "0905000111"})
    page, base = browser_page, live_server.url
    login(page, base, "officer_a")
    for url in (f"/complaints/matters/{matter.pk}/", f"/complaints/letters/{letter.pk}/",
                "/complaints/registers/denunciation/", "/complaints/letters/"):
        page.goto(base + url)
        assert "Võ Thị Tố Giác" not in page.locator("main").inner_text(), url
    _shot(page, "denunciation-officer")
    page.goto(f"{base}/complaints/letters/{letter.pk}/")
    _shot(page, "letter-confidential")
    page.goto(f"{base}/complaints/schedule/")
    _shot(page, "schedule")
    _logout(page)
    login(page, base, "head_a")
    page.goto(f"{base}/complaints/matters/{matter.pk}/")
    with page.expect_navigation():
        page.click(f"a[href='/complaints/matters/{matter.pk}/identity/']")
    assert "Võ Thị Tố Giác" in page.locator("main").inner_text()
    _shot(page, "identity")
