"""``{% case_attachments case as att %}``: the attachments of a case and the user's rights on them."""

from __future__ import annotations

from django import template

from thads.cases.attachment_views import context_for

register = template.Library()


@register.simple_tag(takes_context=True)
def case_attachments(context, case) -> dict:
    return context_for(context["request"].user, case)
