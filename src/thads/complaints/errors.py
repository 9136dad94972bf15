"""The refusal of the complaints context: a write on a reception, a letter or a matter (complaint, denunciation,
recommendation, report, the procuracy's protest) that the scope, the title or the law (Luật THADS Arts. 140–161;
Decree 62/2015 Arts. 38–40; TT 13/2021/TT-BTP) does not allow."""

from __future__ import annotations

from thads.lib.errors import Refused


class ComplaintsRefused(Refused):
    """A refused write of the complaints context: ``message`` (Vietnamese, for the user) and ``field``, the form
    field the refusal is about ("" when it is about the whole act), so that a page can put it next to that field."""

    def __init__(self, message_vi: str, field: str = "", code: str = "complaints_refused") -> None:
        super().__init__(message_vi, code)
        self.message_vi = message_vi
        self.field = field
