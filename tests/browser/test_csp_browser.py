"""The Content-Security-Policy in a real browser (issue 12, hole 7): the main pages and the vendored scripts
(Chart.js, thads.js) run under the strict policy without a single violation, and the scripts did run."""

from __future__ import annotations

import pytest

from tests.browser.helpers import enforcing_case, login

pytestmark = pytest.mark.django_db(transaction=True)

# Chromium reports a violation both as a console error and as a securitypolicyviolation event; record both.
LISTEN = """document.addEventListener('securitypolicyviolation', e => {
  (window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')); });"""


def _watch(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script(LISTEN)
    return errors


def _visit(page, url: str, errors: list[str]) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("load")
    page.wait_for_timeout(150)
    events = page.evaluate("window.__csp || []")
    assert errors == [] and events == [], (url, errors, events)


def test_the_main_pages_run_under_the_policy_without_a_violation(live_server, org, browser_page):
    page, base = browser_page, live_server.url
    case = enforcing_case(org, address="12 Lê Lợi, Huế")
    errors = _watch(page)
    login(page, base, "head_a")
    for url in ("/", "/cases/", f"/cases/{case.pk}/", f"/cases/{case.pk}/act/collect/", "/deadlines/"):
        _visit(page, f"{base}{url}", errors)
    # thads.js ran: the case list's select-all box is shown by the inline (nonce) script
    page.goto(f"{base}/cases/")
    assert page.locator("#select-all").is_visible()


def test_the_statistics_report_and_the_charts_run_under_the_policy(live_server, org, browser_page):
    page, base = browser_page, live_server.url
    enforcing_case(org)
    errors = _watch(page)
    login(page, base, "statistician_p")
    query = "unit=P&mode=official&year=2026&months=12"
    _visit(page, f"{base}/statistics/?{query}", errors)
    _visit(page, f"{base}/statistics/charts/?{query}", errors)
    # Chart.js drew (its script ran) and the PNG export (a data: URL) works under the policy
    assert page.evaluate("typeof Chart") == "function"
    button = page.locator("button[data-png]").first
    assert button.is_visible()
    with page.expect_download() as download:
        button.click()
    assert download.value.suggested_filename.endswith(".png")
    assert errors == [] and page.evaluate("window.__csp || []") == []
    _visit(page, f"{base}/statistics/province/?{query}", errors)
