"""Issue 14 item 9 in the deadline engine: the continuation after a 48.2 postponement (Luật THADS Art. 48.4) is due
from the end of the three months, which Art. 48.2 counts from the protest authority's request letter
(``requested_on`` in the postpone act's details), not from the postponement act. Pure, plus ``act_records`` (no DB).

Counting: 5 working days (Art. 48.4) from the last day of the postponement; the day itself is not counted (Civil Code
Art. 147). National calendar: Hùng Kings' day Mon 7/4/2025, 30/4–1/5/2025 off, 2–4/5/2025 off (make-up Sat 26/4).
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from thads.cases.histories import act_records
from thads.domain.act_types import CaseFacts
from thads.domain.calendar import national_calendar
from thads.domain.deadlines import ActRecord, open_deadlines

CAL = national_calendar()
FACTS = CaseFacts(unit="HUE-PV")
ACT_ON = date(2025, 1, 15)  # the postponement act (Wed)
TODAY = date(2025, 2, 1)

ART_48_2 = [
    # letter Fri 10/1/2025 + 3 months = Thu 10/4; 11 (1) 14 (2) 15 (3) 16 (4) 17/4 (5). Before: from the act,
    # 15/1 + 3 months = Tue 15/4 → 22/4.
    pytest.param({"requested_on": "2025-01-10"}, date(2025, 4, 17), id="Art48.2-3-months-from-the-request-letter"),
    pytest.param({"requested_on": date(2025, 1, 10)}, date(2025, 4, 17), id="Art48.2-request-letter-as-date"),
    # a stated term beyond the limit (not gated: data older than the act gate) is cut to 10/4 → 17/4
    pytest.param({"requested_on": "2025-01-10", "until": "2025-04-14"}, date(2025, 4, 17),
                 id="Art48.2-term-beyond-3-months-from-the-letter-is-cut"),
    # a shorter stated term counts: Mon 31/3; 1 (1) 2 (2) 3 (3) 4/4 (4); 5–6 weekend, 7/4 off; 8/4 (5)
    pytest.param({"requested_on": "2025-01-10", "until": "2025-03-31"}, date(2025, 4, 8),
                 id="Art48.2-shorter-term-within-the-limit"),
    # fallback without the letter's date (imported histories): from the act, 15/4 → 16 17 18 21 22/4
    pytest.param({}, date(2025, 4, 22), id="Art48.2-fallback-act-date-imported"),
    pytest.param({"until": "2025-05-30"}, date(2025, 4, 22), id="Art48.2-fallback-term-cut-at-act-date-plus-3-months"),
]


def _resume(details: dict) -> date:
    found = [d for d in open_deadlines([ActRecord("postpone", ACT_ON, "48.2", details)], FACTS, CAL, TODAY)
             if d.code == "resume.postponement"]
    assert len(found) == 1, found
    return found[0].due


@pytest.mark.parametrize(("details", "due"), ART_48_2)
def test_continuation_after_48_2_counts_from_the_request_letter(details: dict, due: date) -> None:
    assert _resume(details) == due


def test_other_grounds_keep_their_stated_term_art_48_4() -> None:
    # 48.1.c agreed term ending Fri 25/4/2025: Sat 26/4 make-up (1); 28 (2) 29 (3); 30/4–4/5 off; 5 (4) 6/5 (5)
    found = [d for d in open_deadlines([ActRecord("postpone", date(2025, 3, 3), "48.1.c",
                                                  {"until": "2025-04-25", "requested_on": "2025-01-10"})],
                                       FACTS, CAL, date(2025, 4, 1)) if d.code == "resume.postponement"]
    assert [d.due for d in found] == [date(2025, 5, 6)]


@pytest.mark.parametrize(("stored", "due"), [
    pytest.param({"requested_on": "2025-01-10", "until": "2025-04-10", "note": ""}, date(2025, 4, 17),
                 id="Art48.2-stored-act-details-carry-the-letter"),
    pytest.param(None, date(2025, 4, 22), id="Art48.2-imported-event-without-details"),
])
def test_stored_history_rows_reach_the_rule_art_48_2(stored: dict | None, due: date) -> None:
    row = ("postpone" if stored else "postponed", ACT_ON, "48.2", None,
           json.dumps(stored) if stored is not None else None, 2)
    case_row = {"initiation": "theo_don", "judgment_effective_on": None, "decided_on": date(2025, 1, 2)}
    records = act_records([row], case_row)
    found = [d for d in open_deadlines(records, FACTS, CAL, TODAY) if d.code == "resume.postponement"]
    assert [d.due for d in found] == [due]
