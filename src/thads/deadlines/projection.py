"""The open deadlines as a projection of the case history (``thads.cases.projections``; registered in
``DeadlinesConfig.ready``; ``thads recompute-deadlines`` recomputes them all).

The changed cases' deadlines are recomputed once, at the end of the publication (``close``), in the writer's
transaction: an act's case (and the incoming case an entrustment opened) through ``service.refresh_cases``; an
import's cases as the importer always did, through ``service.refresh_all`` on its touched cases (final cases get
none: the acts an import cannot carry would open them for the past), in chunks of ``IMPORT_CHUNK``.
"""

from __future__ import annotations

from collections.abc import Sequence

from thads.cases.models import Case
from thads.cases.projections import HistoryChange
from thads.deadlines.service import refresh_all, refresh_cases

IMPORT_CHUNK = 20000


class DeadlinesProjection:
    def __init__(self) -> None:
        self.acted: dict[int, None] = {}  # insertion-ordered sets of case ids
        self.imported: dict[int, None] = {}

    def add(self, changes: Sequence[HistoryChange]) -> None:
        for change in changes:
            (self.imported if change.imported else self.acted)[change.case_id] = None

    def close(self) -> None:
        if self.acted:
            refresh_cases(list(self.acted))
        touched = list(self.imported)
        for start in range(0, len(touched), IMPORT_CHUNK):
            refresh_all(Case.objects.filter(id__in=touched[start:start + IMPORT_CHUNK]))
        self.acted.clear()
        self.imported.clear()
