"""The emulation pages in a real browser (issue 17): the statistician reads progress against the targets and moves
to the rankings with the same selection; the deputy proposes an officer from the nomination form, the council's
chair records its favourable opinion and then, as head, the decision; the nomination's page shows each step with
who took it, and the commendation is listed. The section's tabs fit a tablet without sideways scrolling."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.browser.helpers import enforcing_case, login
from tests.conftest import PASSWORD
from thads.domain.roles import Title
from thads.emulation import actions
from thads.emulation.models import Commendation, Nomination
from thads.emulation.progress import current_period

pytestmark = pytest.mark.django_db(transaction=True)


def _logout(page):
    page.click("header form.inline button[type=submit]")


def test_progress_rankings_and_a_nomination_through_its_steps(live_server, org, browser_page):
    from thads.org.actions import do_create_staff

    page, base = browser_page, live_server.url
    units, people, year = org["units"], org["people"], current_period()[0]
    enforcing_case(org)
    do_create_staff("deputy_a", PASSWORD, "Võ Phó Trưởng", units["A"], Title.DEPUTY)
    actions.do_set_target(people["statistician_p"], year=year, issuer="province", unit=units["A"],
                          cases_rate=Decimal("90"), money_rate=Decimal("50"))
    actions.do_add_council_member(people["head_a"], unit=units["A"], member=people["head_a"], role="chair")
    today = timezone.localdate().strftime("%d/%m/%Y")

    # the statistician: progress of the province's branches, then the rankings of the same selection
    login(page, base, "statistician_p")
    page.goto(f"{base}/emulation/progress/?unit=P")
    table = page.locator("table.progress")
    assert "Chi cục THADS huyện A" in table.inner_text() and "90,00 %" in table.inner_text()
    page.set_viewport_size({"width": 768, "height": 1024})
    page.wait_for_timeout(100)  # the wide table's scroll box settles (thads.js)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.set_viewport_size({"width": 1366, "height": 900})
    page.click("main .headline a[href*='/emulation/rankings/']")
    page.wait_for_url("**/emulation/rankings/**")
    assert "unit=P" in page.url
    assert page.locator("table.ranking tbody tr").count() >= 1
    assert "CHƯA KIỂM CHỨNG" in page.locator("main").inner_text()  # "UNVERIFIED", Vietnamese first
    _logout(page)

    # the deputy proposes officer_a
    login(page, base, "deputy_a")
    page.goto(f"{base}/emulation/nominations/new/")
    page.select_option("select[name=officer]", str(people["officer_a"].officer.pk))
    page.select_option("select[name=title]", "advanced_worker")
    page.select_option("select[name=year]", str(year))
    page.fill("textarea[name=reason]", "Hoàn thành vượt chỉ tiêu")
    page.fill("input[name=on]", (timezone.localdate() - timedelta(days=1)).strftime("%d/%m/%Y"))
    page.click("main form button[type=submit].primary")
    page.wait_for_url("**/emulation/nominations/*/")
    nomination = Nomination.objects.get(nominee_officer=people["officer_a"].officer)
    assert page.locator("main .acts a").count() == 1  # the proposer may only withdraw
    _logout(page)

    # the head: the council's review, then the decision
    login(page, base, "head_a")
    page.goto(f"{base}/emulation/nominations/{nomination.pk}/")
    page.click(f"a[href='/emulation/nominations/{nomination.pk}/review/']")
    page.fill("input[name=on]", today)
    page.fill("input[name=votes_for]", "5")
    page.fill("input[name=votes_against]", "0")
    page.fill("textarea[name=note]", "Hội đồng nhất trí")
    page.click("main form button[type=submit].primary")
    page.wait_for_url(f"**/emulation/nominations/{nomination.pk}/")
    page.click(f"a[href='/emulation/nominations/{nomination.pk}/decide/']")
    page.fill("input[name=decision_no]", "77/QĐ-CCTHADS")
    page.fill("input[name=decided_on]", today)
    page.click("main form button[type=submit].primary")
    page.wait_for_url(f"**/emulation/nominations/{nomination.pk}/")
    steps = page.locator("main table.steps").inner_text()
    assert "Võ Phó Trưởng" in steps and "Trần Thị Hoa" in steps and "77/QĐ-CCTHADS" in steps
    assert Commendation.objects.get(nomination=nomination).decision_no == "77/QĐ-CCTHADS"
    page.goto(f"{base}/emulation/commendations/")
    assert "77/QĐ-CCTHADS" in page.locator("main").inner_text()
    page.set_viewport_size({"width": 768, "height": 1024})
    page.wait_for_timeout(100)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
