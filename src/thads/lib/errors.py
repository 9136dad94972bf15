"""The one exception shape for a write the rules refuse: a Vietnamese ``message`` for the user and a ``code``."""

from __future__ import annotations


class Refused(Exception):
    def __init__(self, message: str, code: str = "refused") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
