"""Template filters of the assets pages: the words for the vocabulary of :mod:`thads.domain.measures`."""

from __future__ import annotations

from django import template

from thads.assets import labels

register = template.Library()


@register.filter
def measure_kind(value: str) -> str:
    return labels.measure_label(value)


@register.filter
def asset_kind(value: str) -> str:
    return labels.label(labels.ASSET_KIND, value)


@register.filter
def asset_status(value: str) -> str:
    return labels.label(labels.ASSET_STATUS, value)
