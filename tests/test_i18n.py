"""Vietnamese by default with a complete English translation; the compiled catalogues match their sources."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "src" / "thads" / "locale"


def test_every_vietnamese_entry_is_translated():
    po = polib.pofile(str(LOCALE / "vi/LC_MESSAGES/django.po"))
    missing = [e.msgid for e in po if not e.obsolete and (
        "fuzzy" in e.flags or (not e.msgstr if not e.msgid_plural else not all(e.msgstr_plural.values())))]
    assert missing == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_compiled_catalogue_matches_its_source(lang, tmp_path):
    po = polib.pofile(str(LOCALE / f"{lang}/LC_MESSAGES/django.po"))
    mo = polib.mofile(str(LOCALE / f"{lang}/LC_MESSAGES/django.mo"))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo}
    for entry in po:
        if entry.obsolete or "fuzzy" in entry.flags or not (entry.msgstr or entry.msgstr_plural):
            continue
        assert compiled.get((entry.msgctxt, entry.msgid), (None,))[0] == entry.msgstr or entry.msgid_plural, entry.msgid


def test_the_interface_switches_to_english(client, persona):
    from tests.conftest import PASSWORD

    client.post("/login/", {"username": "officer_a", "password": PASSWORD})
    assert "Đăng xuất" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert "Log out" in body and 'lang="en"' in body and "Enforcement officer" in body


def test_an_english_browser_still_gets_vietnamese_until_the_user_switches(client, db):
    body = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Đăng nhập" in body and 'lang="vi"' in body
