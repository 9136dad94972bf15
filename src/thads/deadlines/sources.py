"""External deadline sources: a context above the deadlines (today the assets context) adds to the stored open
deadlines without ``deadlines`` importing it (issue 13: layers; issue 15). Two kinds of hook:

* **records** for the engine's replay (``register_records``): ``domain.deadlines.ActRecord`` values of
  ``DeadlineAct`` kinds the case history cannot hold (a request for information, Art. 44.6.b; new information on the
  debtor's means, Decree 62 Art. 9.4; an established Art. 44a ground), merged into the case's acts before
  ``domain.deadlines.open_deadlines`` replays them, so the engine's versioned rules count, close and cancel them
  like any other (new information cancels the separate-book move, Decree 62 Art. 9.5.c);
* **deadlines** (``register``): open deadlines the engine's rule sets do not hold (a freeze to be followed by a
  coercive measure, Art. 67.3), as ``(case_id, Deadline)`` pairs.

Both are called by ``deadlines.service.refresh_cases`` — in the transaction of every act and import, from the assets
actions after their writes, and from ``thads recompute-deadlines`` — with a batch (at most :data:`BATCH` cases) of
the cases being refreshed that have a decision and are not final, each as the ``cases.histories.CaseActs`` the
engine replays (its acts, current facts, unit and go-live date), the calendar and today, and must compute from the
same inputs every time, so that the incremental refresh and the full recompute store the same rows. A source reads
its own tables in a fixed number of queries per batch.

A third kind of hook is for records of a context above that have deadlines but **no case** (a complaint or a
denunciation, issue 16): **subject deadlines** (``register_subjects``). A source owns a subject prefix (``"matter"``)
and computes, for the given subjects (``"matter:12"``) or for all of its open subjects (``None``), the open
deadlines as :class:`SubjectDeadline` values (subject, unit, deadline), from its own tables, the calendar and today
— the same inputs on both paths: ``deadlines.service.refresh_subjects`` in the transaction of the context's every
action, and ``thads recompute-deadlines`` (``refresh_all``) for all of them. They are stored as ``Deadline`` rows
with ``subject`` set and no case, so that the queues, the digest and the calendar recomputation show them.

Order is deterministic: by ``order``, then ``name``. Registering a name again replaces the entry (``ready`` may run
more than once in tests). This module imports no context.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from thads.cases.histories import CaseActs
from thads.domain.calendar import WorkCalendar
from thads.domain.deadlines import ActRecord, Deadline

#: At most this many cases per call of a source.
BATCH = 5000

DeadlineSource = Callable[[Sequence[CaseActs], WorkCalendar, date], Iterable[tuple[int, Deadline]]]
RecordSource = Callable[[Sequence[CaseActs]], Mapping[int, Sequence[ActRecord]]]


@dataclass(frozen=True)
class Source:
    name: str
    compute: DeadlineSource | None = None
    records: RecordSource | None = None
    order: int = 100


_SOURCES: dict[str, Source] = {}


@dataclass(frozen=True)
class SubjectDeadline:
    """An open deadline of a subject without a case: ``subject`` ("matter:12"), the unit that must act, its officer
    when one is named."""

    subject: str
    unit_id: int
    deadline: Deadline
    officer_id: int | None = None


SubjectSource = Callable[[Sequence[str] | None, WorkCalendar, date], Iterable[SubjectDeadline]]


@dataclass(frozen=True)
class SubjectSourceEntry:
    prefix: str
    compute: SubjectSource
    order: int = 100


_SUBJECT_SOURCES: dict[str, SubjectSourceEntry] = {}


def register_subjects(prefix: str, compute: SubjectSource, *, order: int = 100) -> None:
    """Add (or replace) the source of the subjects ``"<prefix>:<id>"``."""
    _SUBJECT_SOURCES[prefix] = SubjectSourceEntry(prefix, compute, order)


def unregister_subjects(prefix: str) -> None:
    _SUBJECT_SOURCES.pop(prefix, None)


def subject_prefixes() -> list[str]:
    return [e.prefix for e in sorted(_SUBJECT_SOURCES.values(), key=lambda e: (e.order, e.prefix))]


def subject_deadlines(subjects: Sequence[str] | None, calendar: WorkCalendar,
                      today: date) -> list[SubjectDeadline]:
    """The open deadlines of ``subjects`` (of every open subject of every source when None), each source asked
    only for its own prefix; a value for a subject that was not asked for is a source's bug and is dropped."""
    out: list[SubjectDeadline] = []
    for entry in sorted(_SUBJECT_SOURCES.values(), key=lambda e: (e.order, e.prefix)):
        mine = None if subjects is None else [s for s in subjects if s.partition(":")[0] == entry.prefix]
        if mine is not None and not mine:
            continue
        wanted = None if mine is None else set(mine)
        for item in entry.compute(mine, calendar, today):
            if item.subject.partition(":")[0] == entry.prefix and (wanted is None or item.subject in wanted):
                out.append(item)
    return out


def register(name: str, compute: DeadlineSource | None = None, *, records: RecordSource | None = None,
             order: int = 100) -> None:
    """Add (or replace) the source ``name``: its deadlines (``compute``) and/or its records (``records``)."""
    _SOURCES[name] = Source(name, compute, records, order)


def unregister(name: str) -> None:
    _SOURCES.pop(name, None)


def registered() -> list[Source]:
    return sorted(_SOURCES.values(), key=lambda s: (s.order, s.name))


def extra_records(cases: Sequence[CaseActs]) -> dict[int, list[ActRecord]]:
    """Case id → the records every registered source adds to that case's replay (only for ``cases``)."""
    out: dict[int, list[ActRecord]] = {}
    if not cases:
        return out
    wanted = {c.case_id for c in cases}
    for source in registered():
        if source.records is None:
            continue
        for start in range(0, len(cases), BATCH):
            for case_id, recs in source.records(cases[start:start + BATCH]).items():
                if case_id in wanted and recs:
                    out.setdefault(case_id, []).extend(recs)
    return out


def external_deadlines(cases: Sequence[CaseActs], calendar: WorkCalendar,
                       today: date) -> list[tuple[CaseActs, Deadline]]:
    """The open deadlines every registered source gives for ``cases`` (already filtered by the caller to decided,
    non-final cases), each with its case; a pair for a case not in ``cases`` is a source's bug and is dropped."""
    if not cases or not _SOURCES:
        return []
    by_id = {c.case_id: c for c in cases}
    out: list[tuple[CaseActs, Deadline]] = []
    for source in registered():
        if source.compute is None:
            continue
        for start in range(0, len(cases), BATCH):
            for case_id, dl in source.compute(cases[start:start + BATCH], calendar, today):
                case = by_id.get(case_id)
                if case is not None:
                    out.append((case, dl))
    return out


__all__ = ["BATCH", "DeadlineSource", "RecordSource", "Source", "SubjectDeadline", "SubjectSource",
           "external_deadlines", "extra_records", "register", "register_subjects", "registered", "subject_deadlines",
           "subject_prefixes", "unregister", "unregister_subjects"]
