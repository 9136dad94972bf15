"""Registration of the assets context into a lower layer (filled in by issue 15's work)."""

from __future__ import annotations


def register() -> None:
    """Called from AssetsConfig.ready."""
