"""Template filters: ``{{ amount|vnd }}`` → ``1.234.567 ₫``, ``{{ n|number }}`` → ``1.234.567``, ``{{ r|rate }}`` →
``62,26 %`` (all through the one formatter, ``thads.lib.numbers``)."""

from __future__ import annotations

from django import template

from thads.lib.numbers import format_rate, format_vnd, group_thousands

register = template.Library()


@register.filter(name="vnd")
def vnd(amount) -> str:
    if amount is None or amount == "":
        return ""
    return format_vnd(int(amount), nbsp=True)


@register.filter(name="number")
def number(value) -> str:
    if value is None or value == "":
        return ""
    return group_thousands(int(value))


@register.filter(name="rate")
def rate(value) -> str:
    """A completion rate as Vietnamese writes it: ``"62.26"`` → ``62,26 %``; no base → ``—``."""
    return format_rate(value)
