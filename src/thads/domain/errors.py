"""The refusal raised by the pure rule modules (acts, money, limitation). Pure Python.

A :class:`RuleViolation` is a *user-facing* refusal: ``code`` is a stable machine key (tests, logs, translations)
and ``message_vi`` is the Vietnamese sentence the UI shows as is. Programming errors (wrong argument types,
unknown parameters) raise ``TypeError`` / ``ValueError`` instead.
"""

from __future__ import annotations


class RuleViolation(Exception):
    """A legal rule forbids the act; ``message_vi`` explains why, in Vietnamese."""

    def __init__(self, code: str, message_vi: str) -> None:
        super().__init__(message_vi)
        self.code = code
        self.message_vi = message_vi

    def __repr__(self) -> str:
        return f"RuleViolation({self.code!r}, {self.message_vi!r})"
