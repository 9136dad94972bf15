"""The assets context's deadlines in the deadline engine (``deadlines.sources``; registered by
``AssetsConfig.ready``): for every case refreshed, the records its register adds to the engine's replay — each
unanswered information request (Art. 44.6.b: ``info.reply`` / ``info.reply_account``), new information found after
the case was classified unable to pay (Decree 62/2015 Art. 9.4: ``verify.new_information``; it cancels the
separate-book move, Art. 9.5.c), an Art. 44a ground verification established (``unable.decide``) — and the
measures' own deadlines (a freeze followed by a coercive measure within 10 days, Art. 67.3; a seizure or a transfer
ban within 10 days of the day ownership was established, Arts. 68.5, 69.4) and the steps from a distraint to the
sale (``measure.valuation`` Art. 98.2, ``auction.contract`` / ``auction.held`` Art. 101.2–101.3, ``auction.reduce``
/ ``auction.creditor`` Art. 104, ``auction.payment`` Decree 62 Art. 27.3: ``domain.measure_followup.
auction_deadlines``). The rows are recomputed by ``thads recompute-deadlines`` and refreshed in the transaction of
every assets action (``deadlines.service.refresh_cases``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from thads.assets.queries import auction_trails, measure_recs, verifications
from thads.cases.histories import CaseActs
from thads.deadlines import sources
from thads.domain.allocation import Beneficiary
from thads.domain.calendar import WorkCalendar
from thads.domain.deadlines import ActRecord, Deadline
from thads.domain.measure_followup import auction_deadlines, engine_records, measure_deadlines
from thads.domain.measures import MeasureKind, MeasureStatus

NAME = "assets"


def records(cases: Sequence[CaseActs]) -> dict[int, list[ActRecord]]:
    """Case id → the records of its register for the engine's replay (six queries per batch)."""
    found = verifications(c.case_id for c in cases)
    return {c.case_id: engine_records(c.facts, c.case_id, found[c.case_id]) for c in cases if c.case_id in found}


def deadlines(cases: Sequence[CaseActs], calendar: WorkCalendar, today: date) -> list[tuple[int, Deadline]]:
    """(case id, deadline) of the measures' own deadlines and of the distrained assets' steps to the sale (seven
    queries per batch)."""
    by_case = measure_recs(c.case_id for c in cases)
    trails = auction_trails(m.asset_id for ms in by_case.values() for m in ms
                            if m.kind == MeasureKind.DISTRAINT and m.status == MeasureStatus.EXECUTED and m.asset_id)
    out: list[tuple[int, Deadline]] = []
    for c in cases:
        if c.case_id in by_case:
            out.extend(measure_deadlines(by_case[c.case_id], calendar, today, unit=c.facts.unit))
            out.extend(auction_deadlines(by_case[c.case_id], trails, calendar, today, unit=c.facts.unit,
                                         budget=_for_the_budget(c)))
    return out


def _for_the_budget(case: CaseActs) -> bool:
    """Every obligation of the case is paid to the state budget (Art. 104.4: the officer reduces the price without
    asking the parties)."""
    obligations = case.facts.obligations
    return bool(obligations) and all(o.beneficiary == Beneficiary.STATE for o in obligations)


def register() -> None:
    """Called from AssetsConfig.ready."""
    sources.register(NAME, deadlines, records=records, order=100)
