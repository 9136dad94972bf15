"""The shared layout in a real browser (issue 7): tablets without page-level sideways scrolling, the keyboard path
(skip link, focus ring, main navigation, language switch) and nothing loaded from another origin."""

from __future__ import annotations

import pytest

from tests.browser.helpers import enforcing_case, login
from thads.cases.actions import PartyData

pytestmark = pytest.mark.django_db(transaction=True)

TABLET_PORTRAIT = {"width": 768, "height": 1024}
TABLET_LANDSCAPE = {"width": 1024, "height": 768}

PAGE_OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


def _case(org, debtor="Nguyễn Thị Phương Thảo Hoàng Long"):
    """Long names, an address, an organisation creditor, two obligations: the widest tables."""
    return enforcing_case(org, debtor, 123_456_789, more_obligations=(5_000_000,),
                          address="Số 12 kiệt 34 đường Nguyễn Sinh Cung, phường Vỹ Dạ, thành phố Huế, tỉnh Thừa Thiên Huế",
                          creditor=PartyData("Công ty trách nhiệm hữu hạn Thương mại và Dịch vụ Minh Phát",
                                             kind="organisation"))


def test_a_tablet_never_scrolls_the_whole_page_sideways(live_server, org, browser_page):
    page, base = browser_page, live_server.url
    case = _case(org)
    _case(org, debtor="Trần Văn Bình")
    login(page, base, "head_a")
    for viewport in (TABLET_PORTRAIT, TABLET_LANDSCAPE):
        page.set_viewport_size(viewport)
        for url in ("/", "/cases/", f"/cases/{case.pk}/"):
            response = page.goto(f"{base}{url}")
            assert response.status == 200, url
            # every folded section open too (the case history): its table must not push the page either
            page.evaluate("document.querySelectorAll('main details').forEach(d => { d.open = true; })")
            page.wait_for_timeout(50)
            assert page.locator("main table").count() >= 1, url
            overflow = page.evaluate(PAGE_OVERFLOW)
            assert overflow <= 0, f"{url} at {viewport['width']} px is {overflow} px wider than the window"


def test_the_keyboard_reaches_the_content_the_navigation_and_the_language_switch(live_server, org, browser_page):
    page, base = browser_page, live_server.url
    case = _case(org)
    login(page, base, "officer_a")
    page.set_viewport_size(TABLET_PORTRAIT)
    page.goto(f"{base}/cases/{case.pk}/")

    # The first Tab lands on the skip link, shown on screen; Enter moves the focus into the main content.
    page.keyboard.press("Tab")
    skip = page.evaluate("""() => { const a = document.activeElement, r = a.getBoundingClientRect();
        return {cls: a.className, href: a.getAttribute('href'), left: r.left, top: r.top, width: r.width}; }""")
    assert skip["cls"] == "skip" and skip["href"] == "#main"
    assert skip["left"] >= 0 and skip["top"] >= 0 and skip["width"] > 20  # visible when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")
    assert page.evaluate("document.activeElement.closest('header') === null")

    # From the top of the page, Tab walks through the main navigation and the language switch, each with a focus
    # ring, and goes on into the page (no trap).
    page.goto(f"{base}/cases/{case.pk}/")
    seen = []
    for _ in range(25):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
            return {tag: e.tagName, href: e.getAttribute('href'), name: e.getAttribute('name'), value: e.value || null,
                    in_nav: !!e.closest('nav.mainnav'), in_main: !!e.closest('main'),
                    ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
                    height: e.getBoundingClientRect().height}; }""")
        seen.append(focused)
        if focused["in_main"]:
            break
    nav = [f for f in seen if f["in_nav"]]
    assert {f["href"] for f in nav} >= {"/", "/cases/", "/deadlines/"}, seen
    languages = [f for f in seen if f["name"] == "language"]
    assert {f["value"] for f in languages} == {"vi", "en"}, seen
    assert seen[-1]["in_main"], "Tab never left the header"
    for f in seen[1:-1]:  # the header's links and buttons: a visible ring and a tablet-sized target
        assert f["ring"], f
        assert f["height"] >= 40, f

    # The language switch works from the keyboard.
    page.focus("button[name=language][value=en]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.url == f"{base}/cases/{case.pk}/"
    assert page.locator("header >> text=Log out").count() == 1
    page.focus("button[name=language][value=vi]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.lang") == "vi"


def test_every_request_goes_to_the_application_itself(live_server, org, browser_page):
    page, base = browser_page, live_server.url
    case = _case(org)
    requests, failed = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    login(page, base, "head_a")
    for url in ("/", "/cases/", f"/cases/{case.pk}/", "/statistics/charts/"):
        response = page.goto(f"{base}{url}")
        assert response.status == 200, url
        page.wait_for_load_state("networkidle")
    foreign = [url for url in requests if not url.startswith(f"{base}/")]
    assert foreign == []
    assert failed == []
    assert any(url.endswith("/thads/thads.css") for url in requests)
    assert any(url.endswith("/thads/thads.js") for url in requests)
