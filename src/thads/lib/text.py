"""Vietnamese text folding for search: lower case, no diacritics, đ → d ("Nguyễn Văn Đức" → "nguyen van duc").

A plain NFD strip keeps Đ/đ (it has no decomposition), so it is mapped explicitly (ecosystem.md §6).
"""

from __future__ import annotations

import unicodedata

_TABLE = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str | None) -> str:
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_TABLE))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())
