"""Content-Security-Policy (issue 12, hole 7): every page carries the strict policy, and no page has an inline script
or style block without the response's nonce, a style="" attribute (nonces do not cover attributes) or an on*=
event handler attribute. The real browser check is tests/browser/test_csp_browser.py."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from tests.browser.helpers import enforcing_case

REQUIRED = {
    "default-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


class _Inline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems: list[str] = []
        self.nonces: set[str] = set()

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        for name, _ in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name == "style":
                self.problems.append(f"<{tag} style=…>")
        executable = tag == "script" and "src" not in names and names.get("type", "text/javascript") in (
            "text/javascript", "module", "")
        if executable or tag == "style":
            if not names.get("nonce"):
                self.problems.append(f"inline <{tag}> without a nonce")
            else:
                self.nonces.add(names["nonce"])
        if tag == "a" and (names.get("href") or "").lower().startswith("javascript:"):
            self.problems.append("javascript: link")


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def check(response) -> None:
    assert response.status_code == 200, response.status_code
    directives = policy(response)
    for name, value in REQUIRED.items():
        assert directives[name] == [value], (name, directives.get(name))
    assert directives["script-src"][0] == "'self'" and directives["style-src"][0] == "'self'"
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert set(directives["img-src"]) == {"'self'", "data:"}
    parser = _Inline()
    parser.feed(response.content.decode())
    assert parser.problems == []
    sent = {n.removeprefix("'nonce-").removesuffix("'") for n in directives["script-src"] if n.startswith("'nonce-")}
    assert parser.nonces <= sent, "an inline block carries another request's nonce"


@pytest.fixture
def case(org):
    return enforcing_case(org, address="12 Lê Lợi, Huế")


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("url", [
    "/", "/cases/", "/cases/?q=Nguyen", "/cases/{pk}/", "/cases/new/", "/cases/{pk}/act/collect/",
    "/documents/cases/{pk}/", "/deadlines/", "/org/units/", "/org/staff/",
])
def test_the_pages_of_a_head_satisfy_the_policy(case, persona, url):
    check(_as(persona["head_a"]).get(url.format(pk=case.pk)))


def test_the_import_page_of_a_provincial_administrator_satisfies_the_policy(case, persona):
    check(_as(persona["admin_p"]).get("/cases/import/"))


def test_the_audit_log_page_of_an_inspector_satisfies_the_policy(case, org):
    from tests.conftest import PASSWORD
    from thads.domain.roles import Title
    from thads.org.actions import do_create_staff

    inspector = do_create_staff("inspector_p", PASSWORD, "Thanh Tra", org["units"]["P"], Title.INSPECTOR)
    check(_as(inspector).get("/org/audit/"))


@pytest.mark.parametrize("url", [
    "/statistics/?unit=P&mode=official&year=2026&months=12",
    "/statistics/?unit=P&mode=range&date_from=2026-01-01&date_to=2026-06-30",
    "/statistics/charts/?unit=P&mode=official&year=2026&months=12",
    "/statistics/province/?unit=P&mode=official&year=2026&months=12",
    "/statistics/cases/?unit=P&mode=official&year=2026&months=12&ind=TT&m=cases",
])
def test_the_statistics_pages_satisfy_the_policy(case, persona, url):
    check(_as(persona["statistician_p"]).get(url))


def test_the_login_page_satisfies_the_policy(client, db):
    check(client.get("/login/"))


@pytest.mark.parametrize("url", ["/admin/", "/admin/org/user/", "/admin/org/user/{pk}/change/"])
def test_the_admin_pages_satisfy_the_policy(persona, url):
    admin = persona["admin_p"]
    check(_as(admin).get(url.format(pk=persona["officer_a"].pk)))


def test_each_response_has_its_own_nonce(case, persona):
    client = _as(persona["head_a"])
    first, second = (re.search(r"'nonce-([^']+)'", client.get(f"/cases/{case.pk}/")["Content-Security-Policy"])
                     for _ in range(2))
    assert first and second and first.group(1) != second.group(1)


def test_the_json_endpoints_and_downloads_carry_the_policy_too(client, db):
    assert "default-src 'self'" in client.get("/healthz")["Content-Security-Policy"]
