"""Template helpers of the emulation pages: which tabs a user sees, and a figure of a progress line."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def may_view_progress(user) -> bool:
    from thads.emulation.views_common import may_view_progress as may

    return may(user)


@register.filter
def get(mapping, key):
    """``mapping[key]`` (None when missing): ``{{ line.target|get:"cases" }}``."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def comma(value) -> str:
    """A 2-decimal figure as Vietnamese writes it (``"87.50"`` → ``"87,50"``); None → "—"."""
    return "—" if value in (None, "") else str(value).replace(".", ",")
