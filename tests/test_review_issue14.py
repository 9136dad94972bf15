"""Review of issue 14's fixes: results that would be wrong for users (false overdue deadlines, …), each row citing
the article."""

from __future__ import annotations

from datetime import date

import pytest

from tests.test_regime import CAL
from thads.domain.act_types import Act, CaseFacts
from thads.domain.deadlines import ActRecord, open_deadlines


@pytest.mark.parametrize("act", [Act.POSTPONE, Act.SUSPEND, Act.TERMINATE, Act.RESUME, Act.CLASSIFY_UNABLE],
                         ids=lambda a: f"Art39-{a.value}")
def test_art_39_notice_of_a_decision_never_shows_overdue_when_no_act_can_record_the_notice(act):
    # No act or contract event writes notify_decision: as a duty it would be overdue for ever (survives_final).
    on = date(2026, 9, 1)
    later = date(2027, 3, 1)
    found = [d for d in open_deadlines([ActRecord(Act.DECIDE, date(2026, 8, 3)), ActRecord(act, on)],
                                       CaseFacts(), CAL, later) if d.code == "notify.other_decision"]
    assert not any(d.overdue for d in found)
    assert found == []  # a reminder: gone after its last day (04/09/2026)
