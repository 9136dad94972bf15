"""Vietnamese text folding for search: lower case, no diacritics, đ → d ("Nguyễn Văn Đức" → "nguyen van duc").

A plain NFD strip keeps Đ/đ (it has no decomposition), so it is mapped explicitly (ecosystem.md §6). The table is
built once from Unicode data for the Latin letters Vietnamese uses, so folding is one ``str.translate``.
"""

from __future__ import annotations

import unicodedata


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "d"}
    for code in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn")
        if base != ch and base.isascii():
            table[code] = base.lower()
    return table


_TABLE = _build_table()


def fold(text: str | None) -> str:
    if not text:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).translate(_TABLE)
        if not text.isascii():  # combining marks of decomposed input, or letters outside the table
            text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return " ".join(text.lower().split())
