"""The assets context's deadlines in the deadline engine (``deadlines.sources``; registered by
``AssetsConfig.ready``): for every case refreshed, the records its register adds to the engine's replay — each
unanswered information request (Art. 44.6.b: ``info.reply`` / ``info.reply_account``), new information found after
the case was classified unable to pay (Decree 62/2015 Art. 9.4: ``verify.new_information``; it cancels the
separate-book move, Art. 9.5.c), an Art. 44a ground verification established (``unable.decide``) — and the
measures' own deadlines (a freeze followed by a coercive measure within 10 days, Art. 67.3; a seizure or a transfer
ban within 10 days of the day ownership was established, Arts. 68.5, 69.4). The rows are recomputed by ``thads
recompute-deadlines`` and refreshed in the transaction of every assets action (``deadlines.service.refresh_cases``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from thads.assets.queries import measure_recs, verifications
from thads.cases.histories import CaseActs
from thads.deadlines import sources
from thads.domain.calendar import WorkCalendar
from thads.domain.deadlines import ActRecord, Deadline
from thads.domain.measure_followup import engine_records, measure_deadlines

NAME = "assets"


def records(cases: Sequence[CaseActs]) -> dict[int, list[ActRecord]]:
    """Case id → the records of its register for the engine's replay (six queries per batch)."""
    found = verifications(c.case_id for c in cases)
    return {c.case_id: engine_records(c.facts, c.case_id, found[c.case_id]) for c in cases if c.case_id in found}


def deadlines(cases: Sequence[CaseActs], calendar: WorkCalendar, today: date) -> list[tuple[int, Deadline]]:
    """(case id, deadline) of the measures' own deadlines (two queries per batch)."""
    by_case = measure_recs(c.case_id for c in cases)
    out: list[tuple[int, Deadline]] = []
    for c in cases:
        if c.case_id in by_case:
            out.extend(measure_deadlines(by_case[c.case_id], calendar, today, unit=c.facts.unit))
    return out


def register() -> None:
    """Called from AssetsConfig.ready."""
    sources.register(NAME, deadlines, records=records, order=100)
