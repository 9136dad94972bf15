"""Registration of the complaints context into a lower layer (filled in by issue 16's work)."""

from __future__ import annotations


def register() -> None:
    """Called from ``ComplaintsConfig.ready``."""
