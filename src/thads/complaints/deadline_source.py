"""The complaints context's deadlines in the deadline engine (``deadlines.sources.register_subjects``; registered by
``ComplaintsConfig.ready``): each matter is the subject ``"matter:N"`` (it may have no case), and its open deadlines
are those of ``domain.petition_rules.matter_deadlines`` — acceptance of a complaint (Art. 148; TT 13/2021 Art. 9.1)
or a denunciation (TT 13/2021 Art. 16.1), forwarding what is not within competence (TT 13/2021 Arts. 8, 16.2), the
answer to a recommendation or report (TT 13/2021 Art. 28) or to the procuracy (Art. 161.1), the resolution with its
extension (Arts. 146, 157.2), an accepted protest's carrying out (Art. 161.1). The rows are refreshed in the
transaction of every complaints action (``actions_common.sync``) and recomputed by ``thads recompute-deadlines``,
from the same inputs (the matter, its history, the calendar of its unit, today).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from thads.deadlines import sources
from thads.domain.calendar import WorkCalendar
from thads.domain.petition_rules import matter_deadlines

PREFIX = "matter"


def deadlines(subjects: Sequence[str] | None, calendar: WorkCalendar, today: date) -> list[sources.SubjectDeadline]:
    """The open deadlines of the matters named (every matter that may have one when ``subjects`` is None): three
    queries per call (``matter_recs(None)`` reads the open matters by status)."""
    from thads.complaints.models import Matter
    from thads.complaints.queries import matter_recs

    ids = None if subjects is None else [int(s.partition(":")[2]) for s in subjects
                                         if s.partition(":")[2].isdigit()]
    recs = matter_recs(ids)
    units = {pk: (unit_id, code) for pk, unit_id, code in
             Matter.objects.filter(pk__in=list(recs)).values_list("id", "unit_id", "unit__code")}
    out = []
    for pk, rec in recs.items():
        unit_id, code = units[pk]
        for dl in matter_deadlines(rec, calendar, today, unit=code):
            out.append(sources.SubjectDeadline(f"{PREFIX}:{pk}", unit_id, dl))
    return out


def register() -> None:
    """Called from ComplaintsConfig.ready."""
    sources.register_subjects(PREFIX, deadlines, order=100)
