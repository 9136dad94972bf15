"""The one formatter of numbers and VND amounts (Vietnamese usage, through Babel's ``vi`` locale data).

``.`` groups thousands, ``,`` is the decimal mark, the đồng has no subunit in use, and the sign ``₫`` follows the
amount after a space (a non-breaking one on pages, so that the sign never wraps alone): ``1.234.567 ₫``; a negative
amount keeps a leading minus. Integers are formatted exactly (Babel goes through ``Decimal``, never ``float``).
Pure Python: no Django import (checked by import-linter).
"""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal

NBSP = "\u00a0"


def group_thousands(n: int) -> str:
    """``1234567`` → ``"1.234.567"``; ``-5000`` → ``"-5.000"``."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"group_thousands needs an int, got {n!r}")
    return format_decimal(n, locale="vi", group_separator=True)


def format_vnd(amount: int, *, nbsp: bool = False) -> str:
    """``1234567`` → ``"1.234.567 ₫"``; ``-5000`` → ``"-5.000 ₫"``; ``0`` → ``"0 ₫"``. ``nbsp`` puts a
    non-breaking space before the sign (pages)."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"format_vnd needs an int number of VND, got {amount!r}")
    return group_thousands(amount) + (NBSP if nbsp else " ") + "₫"


def format_rate(value: str | Decimal | None) -> str:
    """A completion rate as Vietnamese writes it: ``"62.26"`` → ``"62,26 %"``; no base (``None``) → ``"—"``."""
    if value in (None, ""):
        return "—"
    return f"{str(value).replace('.', ',')} %"
