"""Security review of the registers and the public list (issue 18): the anonymous page and files take any garbage
without a 500 and without revealing more than the published fields; their caching/robots headers; the staff step
is scoped, CSRF-protected and POST-only; the printed book's CSS strings cannot close the style element and its
fetcher loads the fonts only; the download name of a register never carries a path or a quote."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client

from thads.org.models import Unit
from thads.registers.actions_public import do_publish
from thads.registers.models import PublicListing, PublicListingEvent
from thads.registers.register_pdf import FONT_DIR, FontsOnly, css_string
from thads.registers.views_public import _cell
from thads.registers.views_registers import Choice

from .test_public_list import CREDITOR, ID_NUMBER, _unable, day


def _published(staff, org, **kw) -> PublicListing:
    return do_publish(staff["officer_a"], _unable(staff, org, **kw), day(33))


def _json(response) -> list[dict]:
    return json.loads(b"".join(response.streaming_content).decode())


@pytest.mark.parametrize("params", [
    {"page": "9" * 5000}, {"page": "-1"}, {"page": "abc"}, {"page": "1e9"}, {"page": "\x00"},
    {"q": "x" * 1_000_000}, {"q": "%"}, {"q": "_"}, {"q": ".*[(\\"}, {"q": "' OR 1=1 --"},
    {"unit": "A" * 5000}, {"unit": "../A"}, {"q": "lê\x00"}, {"unit": "A\x00"}, {"ordering": "id"}, {"id": "1"}, {"per_page": "100000"},
])
@pytest.mark.django_db
def test_the_public_page_and_files_answer_garbage_without_a_500_nor_more_data(staff, org, params) -> None:
    _published(staff, org)
    client = Client()
    page = client.get("/public/debtors/", params)
    assert page.status_code == 200
    assert ID_NUMBER not in page.content.decode() and CREDITOR not in page.content.decode()
    rows = _json(client.get("/public/debtors.json", params))
    assert all(set(r) == {"name", "address", "obligation", "decision_no", "decision_on", "unit"} for r in rows)
    assert len(rows) <= 1


@pytest.mark.django_db
def test_like_wildcards_in_the_search_match_literally_not_every_row(staff, org) -> None:
    _published(staff, org)
    for q in ("%", "_", "l%c"):
        assert _json(Client().get("/public/debtors.json", {"q": q})) == []
    assert len(_json(Client().get("/public/debtors.json", {"q": "le van duc"}))) == 1


@pytest.mark.django_db
def test_the_public_responses_are_not_indexed_revalidated_and_set_no_cookie(staff, org) -> None:
    _published(staff, org)
    for url in ("/public/debtors/", "/public/debtors.csv", "/public/debtors.json"):
        response = Client().get(url)
        assert response["X-Robots-Tag"] == "noindex, noarchive"
        assert "no-cache" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
        assert "Cookie" in response["Vary"]
        assert "sessionid" not in response.cookies  # no session for an anonymous reader
        if url != "/public/debtors/":  # (the page's language switch of base.html sets the CSRF cookie)
            assert not response.cookies


@pytest.mark.django_db
def test_the_public_files_are_streamed_not_built_in_memory(staff, org) -> None:
    _published(staff, org)
    assert Client().get("/public/debtors.csv").streaming
    assert Client().get("/public/debtors.json").streaming


@pytest.mark.parametrize(("value", "kept"), [
    ("=1+1", "'=1+1"), ("-2+3", "'-2+3"), ("+1", "'+1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("  =cmd", "'  =cmd"), ("\n=x", "'\n=x"), ("Lê Văn Đức", "Lê Văn Đức"), ("12 Lê Lợi", "12 Lê Lợi"),
])
def test_a_csv_cell_that_a_spreadsheet_would_run_gets_an_apostrophe(value, kept) -> None:
    assert _cell(value) == kept


@pytest.mark.django_db
def test_a_name_starting_with_a_minus_is_text_in_the_csv(staff, org) -> None:
    _published(staff, org, name="-2+3+cmd|' /C calc'!A0")
    body = b"".join(Client().get("/public/debtors.csv").streaming_content).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(body)))[1][0].startswith("'-2+3")


@pytest.mark.django_db
def test_the_staff_step_on_another_branchs_listing_is_404_and_writes_nothing(staff, org) -> None:
    listing = _published(staff, org)
    events = PublicListingEvent.objects.count()
    other = Client()
    other.force_login(staff["officer_b"])
    for step in ("update", "remove"):
        assert other.post("/registers/public/step/", {"step": step, "id": listing.pk}).status_code == 404
    assert other.post("/registers/public/step/", {"step": "publish", "id": listing.case_id}).status_code == 404
    assert PublicListingEvent.objects.count() == events
    assert PublicListing.objects.get(pk=listing.pk).removed_on is None


@pytest.mark.django_db
def test_the_staff_step_needs_post_csrf_and_the_right_to_change_cases(staff, org) -> None:
    case_id = _unable(staff, org)
    officer = Client(enforce_csrf_checks=True)
    officer.force_login(staff["officer_a"])
    assert officer.get("/registers/public/step/", {"step": "publish", "id": case_id}).status_code == 405
    assert officer.post("/registers/public/step/", {"step": "publish", "id": case_id}).status_code == 403
    reader = Client()
    reader.force_login(staff["statistician_p"])
    assert reader.post("/registers/public/step/", {"step": "publish", "id": case_id}).status_code == 403
    for bad in ({"step": "drop", "id": case_id}, {"step": "publish", "id": "١"}, {"step": "publish", "id": "1; --"}):
        assert Client().post("/registers/public/step/", bad).status_code in (302, 403)  # anonymous: login
    assert not PublicListing.objects.exists()


@pytest.mark.parametrize("text", ['x</style><img src="http://127.0.0.1:9/leak">', 'a"; } body { background: url(http://x/) } "'])
def test_a_css_string_from_data_never_closes_the_style_nor_the_string(text) -> None:
    out = css_string(text)
    assert out.startswith('"') and out.endswith('"')
    assert "<" not in out and ">" not in out and '"' not in out[1:-1]


def test_the_book_fetches_its_two_fonts_and_nothing_else(tmp_path) -> None:
    fetcher = FontsOnly()
    assert fetcher.fetch((FONT_DIR / "LiberationSerif-Regular.ttf").as_uri()) is not None
    secret = tmp_path / "secret.txt"
    secret.write_text("x")
    for url in ("http://127.0.0.1:9/leak", "https://example.com/a.png", secret.as_uri(), "file:///etc/passwd",
                (FONT_DIR / ".." / ".." / "settings.py").as_uri(), "data:text/plain,x"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


@pytest.mark.parametrize("code", ['../../etc/x', 'A"; filename=evil.exe', "A\r\nX-Bad: 1", "A/B\\C"])
def test_the_register_download_name_never_carries_a_path_or_a_quote(code) -> None:
    from datetime import date

    from thads.domain.registers import RegisterKind
    from thads.registers import registers

    ch = Choice(form=None, spec=registers.SPECS[RegisterKind.JUDGMENTS], unit=Unit(code=code),
                date_from=date(2026, 1, 1), date_to=date(2026, 3, 31))
    name = ch.filename("pdf")
    assert not any(c in name for c in '/\\"\r\n;') and ".." not in name
    assert name.startswith("so-") and name.endswith("-20260101-20260331.pdf")


def test_a_book_with_markup_and_urls_in_its_data_embeds_the_fonts_and_fetches_nothing_else(monkeypatch) -> None:
    from datetime import date

    from thads.org.spreadsheet import Column
    from thads.registers import register_pdf

    fetched: list[str] = []
    real = FontsOnly.fetch

    def recording(self, url, headers=None):
        response = real(self, url, headers)  # raises for anything but the fonts
        fetched.append(url)
        return response

    monkeypatch.setattr(FontsOnly, "fetch", recording)
    evil = 'U</style><link rel="stylesheet" href="http://127.0.0.1:9/x.css"><img src="file:///etc/passwd">'
    pdf = register_pdf.render_pdf(title="T", unit_name=evil, period="P", columns=[Column("A", 10)],
                                  lines=[['<img src="http://127.0.0.1:9/i.png"> url(http://127.0.0.1:9/y)']],
                                  printed_on=date(2026, 1, 1))
    assert pdf.startswith(b"%PDF")
    assert sorted(fetched) == sorted((FONT_DIR / f"LiberationSerif-{w}.ttf").as_uri() for w in ("Bold", "Regular"))


@pytest.mark.django_db
def test_a_page_number_past_the_browsable_pages_shows_the_last_browsable_page(staff, org, monkeypatch) -> None:
    from thads.registers import views_public

    monkeypatch.setattr(views_public, "PAGE_SIZE", 1)
    monkeypatch.setattr(views_public, "MAX_PAGES", 2)
    for name in ("An Văn Một", "Bùi Văn Hai", "Cao Văn Ba"):
        _published(staff, org, name=name)
    page = Client().get("/public/debtors/", {"page": "999999"})
    assert page.status_code == 200
    assert page.context["page_obj"].number == 2 and page.context["capped"]
    text = page.content.decode()
    assert "Bùi Văn Hai" in text and "Cao Văn Ba" not in text
    assert len(_json(Client().get("/public/debtors.json"))) == 3  # the file still holds every row


@pytest.mark.parametrize("pk", ["9" * 30, "9" * 5000, "0", "99999999999999999"])
@pytest.mark.django_db
def test_a_huge_or_unknown_id_in_the_staff_step_is_404_not_a_500(staff, org, pk) -> None:
    officer = Client()
    officer.force_login(staff["officer_a"])
    for step in ("publish", "update", "remove"):
        assert officer.post("/registers/public/step/", {"step": step, "id": pk}).status_code == 404


@pytest.mark.parametrize(("params", "expected"), [
    ({"q": "lê\x00văn", "unit": "A\x00"}, ("lêvăn", "A")), ({"q": "a\x1b[31mb\tc"}, ("a[31mbc", "")),
    ({"q": "x" * 1000, "unit": "y" * 1000}, ("x" * 200, "y" * 64)),
])
def test_the_public_query_drops_control_characters_and_is_cut_short(params, expected) -> None:
    from django.test import RequestFactory

    from thads.registers.views_public import _query

    assert _query(RequestFactory().get("/public/debtors/", params)) == expected


@pytest.mark.parametrize("query", [
    "kind=money\x00&unit=A&date_from=2026-01-01&date_to=2026-01-31",
    "kind=money&unit=A\x00&date_from=2026-01-01&date_to=2026-01-31",
    "kind=money&unit=A&date_from=2026-01-01\x00&date_to=2026-01-31",
    "kind=money&unit=A&date_from=2026-01-01&date_to=2026-01-31&page=" + "9" * 5000,
])
@pytest.mark.parametrize("path", ["/registers/", "/registers/pdf/", "/registers/xlsx/"])
@pytest.mark.django_db
def test_the_registers_answer_control_characters_and_huge_pages_without_a_500(staff, org, query, path) -> None:
    from urllib.parse import quote

    from thads.org.models import AuditEvent

    client = Client()
    client.force_login(staff["officer_a"])
    r = client.get(f"{path}?{quote(query, safe='=&')}")
    assert r.status_code in (200, 400)
    if r.status_code == 400:
        assert not AuditEvent.objects.filter(action__startswith="registers.").exists()
