"""Reads of the emulation context (placeholder: filled by the targets helper)."""

from __future__ import annotations


def effective_unit_targets(unit, years) -> dict:
    """The target that applies to ``unit`` per statistical year (see the brief)."""
    return {}
