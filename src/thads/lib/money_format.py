"""Formatting of VND amounts for Vietnamese messages. Pure Python, no Babel.

Vietnamese usage: ``.`` groups thousands, no decimals (the đồng has no subunit in use), the sign ``₫`` follows
after a space: ``1.234.567 ₫``; a negative amount keeps a leading minus: ``-1.234.567 ₫``.
"""

from __future__ import annotations


def format_vnd(amount: int) -> str:
    """``1234567`` → ``"1.234.567 ₫"``; ``-5000`` → ``"-5.000 ₫"``; ``0`` → ``"0 ₫"``."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"format_vnd needs an int number of VND, got {amount!r}")
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(amount):,} ₫".replace(",", ".")
