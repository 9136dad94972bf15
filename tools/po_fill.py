"""Merge Vietnamese translations into the vi catalogue and compile both catalogues.

After ``django-admin makemessages -l vi -l en`` (in src/thads), run this: it empties msgmerge's fuzzy guesses.
Usage: python tools/po_fill.py translations.tsv   (msgid<TAB>msgstr per line; plural: msgid<TAB>singular<TAB>plural;
       an entry with a context (pgettext): context|msgid<TAB>msgstr)
       python tools/po_fill.py --check             (list untranslated vi entries, exit 1 if any)
The .mo files are compiled with polib so that no GNU gettext is needed on the machine.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "src" / "thads" / "locale"


def main(argv: list[str]) -> int:
    vi = polib.pofile(str(LOCALE / "vi/LC_MESSAGES/django.po"))
    # makemessages (msgmerge) guesses translations of new strings from similar old ones and marks them fuzzy;
    # those guesses are usually wrong ("Amount" → "Kế toán"), so they are emptied, never kept.
    for entry in vi:
        if "fuzzy" in entry.flags and entry.msgid:
            entry.msgstr = ""
            entry.msgstr_plural = {k: "" for k in entry.msgstr_plural}
            entry.flags.remove("fuzzy")
    for entry in vi:  # "#| previous" comments are msgmerge's notes for fuzzy entries; they are never kept
        entry.previous_msgid = entry.previous_msgctxt = entry.previous_msgid_plural = None
    vi.metadata_is_fuzzy = False
    if argv and argv[0] != "--check":
        table = {}
        for line in Path(argv[0]).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                parts = line.split("\t")
                table[parts[0].replace("\\n", "\n")] = [p.replace("\\n", "\n") for p in parts[1:]]
        for entry in vi:
            key = f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid
            if key in table:
                values = table[key]
                if entry.msgid_plural:
                    entry.msgstr_plural = {0: values[-1]}  # Vietnamese has one plural form
                else:
                    entry.msgstr = values[0]
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
    vi.save()
    missing = [e.msgid for e in vi if not e.obsolete and (
        ("fuzzy" in e.flags) or (not e.msgstr if not e.msgid_plural else not all(e.msgstr_plural.values())))]
    for lang in ("vi", "en"):
        po = polib.pofile(str(LOCALE / f"{lang}/LC_MESSAGES/django.po"))
        po.save_as_mofile(str(LOCALE / f"{lang}/LC_MESSAGES/django.mo"))
    for msgid in missing:
        print("untranslated:", msgid)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
