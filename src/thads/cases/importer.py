"""``thads import``: load an interchange file (interchange.md §1) into the database.

The whole file is validated first by the pure ``thads.domain.interchange.validate`` (against what is stored, for
re-imports); with any invalid record and no ``skip_invalid`` nothing is written. Writing is one transaction of
bulk inserts (``import_rows``): units, officers, cases with parties and obligations, history rows and the ledger's
collections, then the derived caches of each touched case, computed by replaying its history with the same pure
rules. Each batch of written cases is published to the projections (``cases.projections``: search words, open
deadlines, statistics) in the same transaction; the guards registered for imports (the statistics' closed periods)
are passed in by the callers as ``closed_check``.

Concurrency (issue 12, hole 9): validation reads the store *before* the transaction, so an officer may act on a
stored case in between. The transaction therefore first locks the stored cases it appends to (``SELECT … FOR
UPDATE`` in id order, the order ``do_reassign_cases`` uses, so two writers cannot deadlock on them), re-reads what
validation depended on and, when anything changed, validates the file again against the store as it is now, under
the lock: the file's events either still extend the stored histories (and are appended with amounts and statistics
computed from the locked history) or the import is refused with ``line N: conflicts with the stored history …``
and writes nothing (interchange.md §1 "Importing again"). On SQLite the transaction is ``BEGIN IMMEDIATE``: the
write lock is taken at its start, so the re-read is the state every later write builds on.

Being one transaction, an import killed half way (``kill -9``, power loss) leaves the database as it was. While it
runs, a small file under ``VAR_DIR/imports-running/`` says so, with its progress, for the page that answers writers
who could not get the database in time (``thads.web.busy``; ``import_status``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from thads.cases import interchange_ext
from thads.cases.import_rows import append_events, write_new_cases
from thads.cases.import_status import (  # noqa: F401 - re-exported: thads.web.busy, tests
    RunningImport,
    estimated_end,
    running_dir,
    running_import,
    running_imports,
)
from thads.cases.models import Case
from thads.cases.numbering import locked_counter
from thads.cases.projections import HistoryChange, publishing
from thads.cases.records import StoredView, stored_view
from thads.domain.history import CaseHistory
from thads.domain.interchange import CaseRec, EventRec, ValidationResult, parse_record, split_lines, validate
from thads.org.audit import audit_write
from thads.org.models import Officer, Unit

BATCH = 5000


@dataclass
class ImportReport:
    errors: list[tuple[int, str]] = field(default_factory=list)
    written: bool = False
    units: int = 0
    officers: int = 0
    cases: int = 0
    events: int = 0
    unchanged: int = 0
    extra: dict[str, int] = field(default_factory=dict)  # records of the registered extra types written, per type

    def error_lines(self) -> list[str]:
        return [f"line {n}: {reason}" for n, reason in self.errors]


class ImportRefused(Exception):
    """The import would write into a closed period (see thads.stats) without ``historical``."""


def _case_ids(lines: list[bytes] | list[str]) -> set[str]:
    """Ids of the case records of a file (to load their stored counterparts); none when nothing is stored yet."""
    ids: set[str] = set()
    if not Case.objects.exists():
        return ids
    for raw in lines:
        marker = b"case" if isinstance(raw, bytes) else "case"
        if marker not in raw:
            continue
        try:
            obj = json.loads(raw)
        except ValueError:
            continue
        if isinstance(obj, dict) and obj.get("type") == "case" and isinstance(obj.get("id"), str):
            ids.add(obj["id"])
    return ids


def check(data: bytes | str) -> tuple[ValidationResult, list]:
    """Validate the whole file against the store: §1's records (``domain.interchange.validate``), then the records
    of the extra types registered in ``cases.interchange_ext`` (e.g. ``docs/interchange-assets.md``)."""
    lines = split_lines(data)
    stored = stored_view(_case_ids(lines))
    result = validate(lines, stored, interchange_ext.type_names())
    interchange_ext.validate_extra(result, stored)
    return result, stored


def import_data(data: bytes | str, *, skip_invalid: bool = False, historical: bool = False,
                progress: Callable[[int], None] | None = None,
                closed_check: Callable[[Iterable[date]], list[str]] | None = None,
                user=None, name: str = "", audit_details: dict | None = None) -> ImportReport:
    """Validate ``data`` completely, then write it in one transaction (see the module's docstring).

    ``user`` (a ``User`` or None for the system) and ``name`` (the file's name) go into the ``import.run`` audit row
    written in the same transaction, with the file's size and SHA-256 and what was written; ``audit_details`` adds
    keys to that row (the command records the operating-system user)."""
    with running_import(name) as status:
        result, stored = check(data)
        report = _report(result)
        if result.errors and not skip_invalid:
            return report
        if closed_check is not None and not historical:
            dates = [c.decided_on for c in result.cases] + [e.on for e in result.events]
            problems = closed_check(dates)
            if problems:
                raise ImportRefused("; ".join(problems))
        status.writing(len(result.cases))

        def step(n: int) -> None:
            status.advance(n)
            if progress:
                progress(n)

        with transaction.atomic():
            fresh = _lock_and_recheck(data, result, stored)
            if fresh is not None:  # the store changed since validation: the file was validated again
                result, stored = fresh
                report = _report(result)
                if result.errors and not skip_invalid:
                    transaction.set_rollback(True)  # nothing written (the locks only)
                    return report
            _write(result, stored, report, step)
            _audit(data, name, user, report, audit_details)
        report.written = True
        return report


def _report(result: ValidationResult) -> ImportReport:
    return ImportReport(errors=list(result.errors),
                        unchanged=result.unchanged_units + result.unchanged_officers + result.unchanged_cases
                        + result.unchanged_events + result.unchanged_extra)


def _lock_and_recheck(data: bytes | str, result: ValidationResult, stored: StoredView
                      ) -> tuple[ValidationResult, StoredView] | None:
    """Inside the import's transaction: lock the stored cases the file appends to (id order), then check that what
    validation read is still what is stored. Returns None when it is, else the file validated again against the
    store as it is now (the cases it appends to locked; repeated when that set grows)."""
    locked: set[str] = set()
    fresh = None
    for _attempt in range(10):
        wanted = {ev.case for ev in result.events if ev.case in stored.cases} - locked
        _lock_cases(wanted)
        locked |= wanted
        if not _changed(result, stored, locked):
            return fresh
        result, stored = fresh = check(data)
    raise RuntimeError("the stored cases kept changing while the import was locking them")  # pragma: no cover


def _lock_cases(ext_ids: set[str]) -> None:
    """``SELECT … FOR UPDATE`` of the cases, in id order (a no-op on SQLite, whose write lock is already held)."""
    if not ext_ids:
        return
    ids = sorted(Case.objects.filter(ext_id__in=ext_ids).values_list("id", flat=True))
    for start in range(0, len(ids), 2000):
        list(Case.objects.select_for_update(of=("self",)).filter(id__in=ids[start:start + 2000]).order_by("id")
             .values_list("id", flat=True))


def _changed(result: ValidationResult, stored: StoredView, locked: set[str]) -> bool:
    """Whether anything validation relied on differs now: the stored records and histories of the cases the file
    appends to, or a unit, officer or case the file creates that has been created meanwhile."""
    now = stored_view(locked)
    for case_id in locked:
        if now.cases.get(case_id) != stored.cases.get(case_id) or now.events.get(case_id, []) != \
                stored.events.get(case_id, []):
            return True
    new_cases = [rec.id for rec in result.cases]
    for start in range(0, len(new_cases), 2000):
        if Case.objects.filter(ext_id__in=new_cases[start:start + 2000]).exists():
            return True
    return (Unit.objects.filter(code__in=[u.code for u in result.units]).exists()
            or Officer.objects.filter(code__in=[o.code for o in result.officers]).exists())


def _audit(data: bytes | str, name: str, user, report: ImportReport, details: dict | None) -> None:
    """One ``import.run`` write row per import, in its transaction (issue 12 "Audit")."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    after = {"file": name, "size": len(raw), "sha256": hashlib.sha256(raw).hexdigest(), "units": report.units,
             "officers": report.officers, "cases": report.cases, "events": report.events,
             "unchanged": report.unchanged, "skipped_invalid": len(report.errors),
             **({"extra": report.extra} if report.extra else {}), **(details or {})}
    audit_write(user, "import.run", None, after=after, object_repr=(name or "import")[:255])


def _unit_level(rec) -> str:
    if rec.parent is None:
        return "province"
    return "regional" if rec.name.lower().startswith("phòng") else "district"


def _write(result: ValidationResult, stored, report: ImportReport, progress) -> None:
    """Write the validated file: units and officers, the new cases batch by batch, the events appended to stored
    cases; every batch is published to the projections, which close (the statistics cells last) at the end."""
    units = {u.code: u for u in Unit.objects.all()}
    for rec in result.units:  # parents first; a handful of rows
        unit = Unit(code=rec.code, name=rec.name, parent=units.get(rec.parent) if rec.parent else None,
                    level=_unit_level(rec), valid_from=rec.valid_from, valid_to=rec.valid_to)
        unit.save()
        units[rec.code] = unit
    report.units = len(result.units)
    Officer.objects.bulk_create(
        [Officer(code=o.code, name=o.name, unit=units[o.unit]) for o in result.officers], batch_size=BATCH)
    report.officers = len(result.officers)
    officers = dict(Officer.objects.values_list("code", "id"))
    unit_ids = {code: u.id for code, u in units.items()}
    _take_case_numbers(result.cases, units)

    events_by_case: dict[str, list[EventRec]] = defaultdict(list)
    for ev in result.events:
        events_by_case[ev.case].append(ev)

    with publishing() as publish:
        # New cases, written and published in batches.
        new_cases = result.cases
        for start in range(0, len(new_cases), BATCH):
            chunk = new_cases[start:start + BATCH]
            case_ids = write_new_cases(chunk, events_by_case, unit_ids, officers)
            publish([HistoryChange(case_id, None, CaseHistory(rec, tuple(events_by_case.get(rec.id, ()))),
                                   imported=True) for rec, case_id in zip(chunk, case_ids, strict=True)])
            if progress:
                progress(len(chunk))
        report.cases = len(new_cases)

        # Appended events of stored cases.
        stored_ids = [cid for cid in events_by_case if cid in stored.cases]
        changes = []
        for case_id in stored_ids:
            rec = parse_record(stored.cases[case_id])
            prior = [parse_record(e) for e in stored.events.get(case_id, [])]
            case = Case.objects.select_for_update().get(ext_id=case_id)
            append_events(case, rec, prior, events_by_case[case_id], unit_ids, officers)
            changes.append(HistoryChange(case.id, CaseHistory(rec, tuple(prior)),
                                         CaseHistory(rec, tuple(prior) + tuple(events_by_case[case_id])),
                                         imported=True))
        publish(changes)
        report.events = len(result.events)
        _open_deadlines(result, stored_ids)
    # Leaving the block closed the projections: the deadlines of the touched cases were opened, then the
    # statistics cells added (see StatsProjection: their shared rows are locked only now).
    # The records of the registered extra types (debtors' assets, measures, ...) add no case event: written last.
    report.extra = interchange_ext.write_extra(result)


#: A case id in a unit's own series, ``<unit code>-<year>-<number>`` (``…-00012-UT`` is not).
_SERIES = re.compile(r"(?P<unit>.+)-(?P<year>\d{4})-(?P<number>\d+)")


def _take_case_numbers(cases: list[CaseRec], units: dict[str, Unit]) -> None:
    """Lock and move past the file's numbers the counter of every (unit, year) series the file writes ids into
    (``cases.models.CaseNumberCounter``), in key order, inside the import's transaction: a clerk receiving a case
    of that unit and year meanwhile waits for the import, then numbers after it (without this, on PostgreSQL the
    clerk's insert waited on the unique index for the import's uncommitted row and failed when it committed)."""
    top: dict[tuple[int, int], tuple[Unit, int]] = {}
    for rec in cases:
        m = _SERIES.fullmatch(rec.id)
        unit = units.get(m["unit"]) if m else None
        if unit is None or not 0 < int(m["number"]) < 2**31:  # PositiveIntegerField
            continue
        key = (unit.id, int(m["year"]))
        top[key] = (unit, max(int(m["number"]), top.get(key, (unit, 0))[1]))
    for (_unit_id, year), (unit, number) in sorted(top.items()):
        counter = locked_counter(unit, year, f"{unit.code}-{year}-")
        if counter.last < number:
            counter.last = number
            counter.save(update_fields=["last"])


def _open_deadlines(result: ValidationResult, stored_ids: list[str]) -> None:
    """Units get their go-live date (today) when first imported, so the deadlines of acts that an imported history
    cannot carry are not opened for its past; the open deadlines of the touched cases are then computed by the
    deadlines projection when the publication closes (after this, before the statistics cells)."""
    codes = {rec.code for rec in result.units} | {rec.unit for rec in result.cases}
    Unit.objects.filter(code__in=codes, go_live__isnull=True).update(go_live=timezone.localdate())
