"""The refusal of the assets context: a write on a debtor, an asset or a measure that the scope, the title or the law
(Luật THADS Arts. 44, 66–120; Decree 62/2015 Arts. 9, 51) does not allow."""

from __future__ import annotations

from thads.lib.errors import Refused


class AssetsRefused(Refused):
    """A refused write of the assets context: ``message`` (Vietnamese, for the user) and ``field``, the form field
    the refusal is about ("" when it is about the whole act), so that a page can put it next to that field."""

    def __init__(self, message_vi: str, field: str = "", code: str = "assets_refused") -> None:
        super().__init__(message_vi, code)
        self.message_vi = message_vi
        self.field = field
