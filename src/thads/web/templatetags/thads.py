"""Template filters: ``{{ amount|vnd }}`` → ``1.234.567 ₫`` (grouped with '.', no decimals, as official documents)."""

from __future__ import annotations

from django import template

register = template.Library()


def format_vnd(amount) -> str:
    if amount is None or amount == "":
        return ""
    value = int(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}{abs(value):,}".replace(",", ".") + "\u00a0₫"


@register.filter(name="vnd")
def vnd(amount) -> str:
    return format_vnd(amount)


@register.filter(name="number")
def number(value) -> str:
    if value is None or value == "":
        return ""
    value = int(value)
    return ("-" if value < 0 else "") + f"{abs(value):,}".replace(",", ".")


@register.filter(name="rate")
def rate(value) -> str:
    """A completion rate as Vietnamese writes it: ``"62.26"`` → ``62,26 %``; no base → ``—``."""
    if value in (None, ""):
        return "—"
    return f"{str(value).replace('.', ',')} %"
