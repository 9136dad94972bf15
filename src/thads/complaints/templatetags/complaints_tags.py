"""Template helpers of the complaints pages."""

from __future__ import annotations

from django import template

from thads.org.capabilities import Capability, can

register = template.Library()


@register.filter
def may_view_report(user) -> bool:
    """Whether the complaints report's tab is shown: who sees the statistics (its page says the same)."""
    return bool(getattr(user, "is_authenticated", False)) and can(user, Capability.VIEW_STATISTICS)
