"""A register as the printed book (WeasyPrint, Liberation Serif from ``static/fonts``, like the complaints registers
and the statistics exports): A4 landscape; on every page the unit's name, the register's title and the period at
the top and "Trang X/Y" at the bottom; the header row repeated; the first page carries the cover line ("this book
has N pages, numbered from 1 to N", the page count filled in by the layout: ``counter(pages)``). The lines keep their
running numbers (``registers.iter_lines``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from thads.lib.numbers import group_thousands
from thads.org.spreadsheet import DATE, MONEY, NUMBER, Column

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # src/thads
FONT_DIR = PACKAGE_DIR / "static" / "fonts"
#: A period with more lines than this is refused as a PDF (WeasyPrint lays out about 150 lines a second: 5,000 lines
#: are half a minute of a request); the XLSX, streamed, takes up to ``spreadsheet.MAX_ROWS``.
MAX_PDF_ROWS = 5_000
#: The class of a cell by its column's kind (the book's stylesheet; the page maps them to ``num``/``nowrap``).
CELL_CLASSES = {MONEY: "n", NUMBER: "n", DATE: "d"}


def css_string(text: str) -> str:
    """``text`` as a CSS string literal (for the ``content`` of the page's margin boxes)."""
    out = []
    for ch in text:
        if ch in '"\\<>&' or ord(ch) < 0x20 or ord(ch) == 0x7F:  # <>&: never a "</style>" in the style element
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


class FontsOnly:
    """WeasyPrint's URL fetcher for the book: the two font files and nothing else — no http(s), no other file, so a
    ``url(…)``, an ``<img>`` or a stylesheet link that reached the HTML from data fetches nothing (no SSRF, no local
    file read)."""

    def __init__(self) -> None:
        from weasyprint.urls import URLFetcher

        self.allowed = {(FONT_DIR / name).as_uri() for name in ("LiberationSerif-Regular.ttf",
                                                                "LiberationSerif-Bold.ttf")}
        self.inner = URLFetcher(allowed_protocols=("file",), allow_redirects=False)

    def fetch(self, url: str, headers=None):
        if url not in self.allowed:
            raise ValueError(f"URL not allowed in a register book: {url[:80]}")
        return self.inner.fetch(url, headers)

    def __call__(self, url: str, *args, **kwargs):  # older WeasyPrint: a plain callable
        return self.fetch(url)


def counted(message: str) -> str:
    """A translated message as CSS ``content``: its ``%(page)s`` and ``%(pages)s`` become the page counters, the
    rest string literals."""
    pieces = []
    for i, part in enumerate(re.split(r"%\((pages?)\)s", message)):
        if i % 2:
            pieces.append(f"counter({part})")
        elif part:
            pieces.append(css_string(part))
    return " ".join(pieces) or '""'


def cell_text(value, column: Column | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, int) and column is not None and column.kind == MONEY:
        return group_thousands(value)
    return str(value)


def totals(columns: Sequence[Column], lines: list[list]) -> list[str] | None:
    """The sums of the money columns (a line under the table), or None when the register has none to add."""
    money = [i for i, c in enumerate(columns) if c.kind == MONEY]
    if not money or not lines:
        return None
    return [group_thousands(sum(line[i] or 0 for line in lines)) if i in money else "" for i in range(len(columns))]


def render_pdf(*, title: str, unit_name: str, period: str, columns: Sequence[Column], lines: Iterable[list],
               printed_on: date, add_totals: bool = False) -> bytes:
    """The book's bytes (see the module docstring); texts in Vietnamese."""
    from weasyprint import HTML

    with translation.override("vi"):
        lines = list(lines)
        html = render_to_string("registers/register_book.html", {
            "title": title, "unit_name": unit_name, "period": period,
            "headers": [str(c.title) for c in columns], "widths": [f"{100 * c.width / sum(x.width for x in columns):.2f}" for c in columns],
            "rows": [[(cell_text(v, c), CELL_CLASSES.get(c.kind, "")) for v, c in zip(line, columns, strict=True)]
                     for line in lines],
            "totals": totals(columns, lines) if add_totals else None,
            "font_regular": (FONT_DIR / "LiberationSerif-Regular.ttf").as_uri(),
            "font_bold": (FONT_DIR / "LiberationSerif-Bold.ttf").as_uri(),
            "head_left": css_string(unit_name), "head_right": css_string(f"{title} — {period}"),
            "page_words": counted(_("Page %(page)s/%(pages)s")),
            "cover": counted(_("This book has %(pages)s pages, numbered from page 1 to page %(pages)s.")),
            "printed": _("Printed on %(d)s") % {"d": f"{printed_on:%d/%m/%Y}"}, "total_word": _("Total"),
        })
    return HTML(string=html, base_url=str(FONT_DIR), url_fetcher=FontsOnly()).write_pdf()
