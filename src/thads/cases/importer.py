"""``thads import``: load an interchange file (interchange.md §1) into the database.

The whole file is validated first by the pure ``thads.domain.interchange.validate`` (against what is stored, for
re-imports); with any invalid record and no ``skip_invalid`` nothing is written. Writing is one transaction of
bulk inserts: units, officers, cases with parties and obligations, history rows and the ledger's collections,
then the derived caches of each touched case, computed by replaying its history with the same pure rules.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from thads.cases.facts import facts_from_history
from thads.cases.models import Case, CaseEvent, Obligation, Party
from thads.cases.records import stored_view
from thads.domain.history import Snapshot, apply, initial
from thads.domain.interchange import CaseRec, EventRec, ValidationResult, parse_record, split_lines, validate
from thads.domain.states import EventKind, State
from thads.finance.models import LedgerEntry, LedgerKind
from thads.lib.text import fold
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

    def error_lines(self) -> list[str]:
        return [f"line {n}: {reason}" for n, reason in self.errors]


class ImportRefused(Exception):
    """The import would write into a closed period (see thads.stats) without ``historical``."""


def _case_ids(lines: list[bytes] | list[str]) -> set[str]:
    ids: set[str] = set()
    for raw in lines:
        try:
            obj = json.loads(raw)
        except ValueError:
            continue
        if isinstance(obj, dict) and obj.get("type") == "case" and isinstance(obj.get("id"), str):
            ids.add(obj["id"])
    return ids


def check(data: bytes | str) -> tuple[ValidationResult, list]:
    lines = split_lines(data)
    stored = stored_view(_case_ids(lines))
    return validate(lines, stored), stored


def import_data(data: bytes | str, *, skip_invalid: bool = False, historical: bool = False,
                progress: Callable[[int], None] | None = None,
                closed_check: Callable[[Iterable[date]], list[str]] | None = None) -> ImportReport:
    result, stored = check(data)
    report = ImportReport(errors=list(result.errors),
                          unchanged=result.unchanged_units + result.unchanged_officers + result.unchanged_cases
                          + result.unchanged_events)
    if result.errors and not skip_invalid:
        return report
    if closed_check is not None and not historical:
        dates = [c.decided_on for c in result.cases] + [e.on for e in result.events]
        problems = closed_check(dates)
        if problems:
            raise ImportRefused("; ".join(problems))
    with transaction.atomic():
        _write(result, stored, report, progress)
    report.written = True
    return report


def _unit_level(rec) -> str:
    if rec.parent is None:
        return "province"
    return "regional" if rec.name.lower().startswith("phòng") else "district"


def _write(result: ValidationResult, stored, report: ImportReport, progress) -> None:
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

    events_by_case: dict[str, list[EventRec]] = defaultdict(list)
    for ev in result.events:
        events_by_case[ev.case].append(ev)

    # New cases, written in batches.
    new_cases = result.cases
    for start in range(0, len(new_cases), BATCH):
        chunk = new_cases[start:start + BATCH]
        _write_new_cases(chunk, events_by_case, unit_ids, officers)
        if progress:
            progress(len(chunk))
    report.cases = len(new_cases)

    # Appended events of stored cases.
    stored_ids = [cid for cid in events_by_case if cid in stored.cases]
    for case_id in stored_ids:
        rec = parse_record(stored.cases[case_id])
        prior = [parse_record(e) for e in stored.events.get(case_id, [])]
        case = Case.objects.select_for_update().get(ext_id=case_id)
        _append_events(case, rec, prior, events_by_case[case_id], unit_ids, officers)
    report.events = len(result.events)


def _write_new_cases(chunk: list[CaseRec], events_by_case, unit_ids, officers) -> None:
    cases, snaps = [], []
    for rec in chunk:
        snap = initial(rec)
        for ev in events_by_case.get(rec.id, ()):
            snap = apply(snap, ev)
        snaps.append(snap)
        cases.append(_new_case(rec, snap, events_by_case.get(rec.id, ()), unit_ids, officers))
    Case.objects.bulk_create(cases, batch_size=BATCH)
    parties, obligations = [], []
    for rec, case, snap in zip(chunk, cases, snaps, strict=True):
        for role, data in (("debtor", rec.debtor), ("creditor", rec.creditor)):
            if data:
                parties.append(Party(case=case, role=role, name=data.get("name", ""), id_number=data.get(
                    "id_number", ""), address=data.get("address", ""), kind="person"))
        outstanding = snap.by_obligation()
        for pos, ob in enumerate(rec.obligations):
            obligations.append(Obligation(case=case, code=ob.id, kind=ob.kind, beneficiary=ob.beneficiary,
                                          amount=ob.amount, outstanding=outstanding[ob.id], position=pos))
    Party.objects.bulk_create(parties, batch_size=BATCH)
    Obligation.objects.bulk_create(obligations, batch_size=BATCH)
    ob_ids = {(o.case_id, o.code): o.id for o in obligations}
    rows, ledger = [], []
    for rec, case in zip(chunk, cases, strict=True):
        _history_rows(case, initial(rec), events_by_case.get(rec.id, ()), 0, unit_ids, officers, ob_ids, rows,
                      ledger)
    CaseEvent.objects.bulk_create(rows, batch_size=BATCH)
    for entry in ledger:
        entry.event_id = entry.event.id  # bulk_create filled the pks of the history rows
    LedgerEntry.objects.bulk_create(ledger, batch_size=BATCH)


def _new_case(rec: CaseRec, snap: Snapshot, events, unit_ids, officers) -> Case:
    judgment = rec.judgment or {}
    debtor, creditor = rec.debtor or {}, rec.creditor or {}
    return Case(
        ext_id=rec.id, unit_id=unit_ids[snap.unit], origin_unit_id=unit_ids[rec.unit],
        officer_id=officers.get(snap.officer) if snap.officer else None,
        origin_officer_id=officers.get(rec.officer) if rec.officer else None,
        decided_on=rec.decided_on, decision_no=rec.decision_no or "", initiation=rec.initiation,
        judgment_kind=rec.judgment_kind, judgment_court=judgment.get("court", ""),
        judgment_number=judgment.get("number", ""),
        judgment_date=date.fromisoformat(judgment["date"]) if judgment.get("date") else None,
        intake="REQUEST" if rec.initiation == "theo_don" else "JUDGMENT",
        phase=snap.state.value, state=snap.state.value, ground=snap.ground or "", amount=rec.amount,
        outstanding=snap.outstanding, last_event_on=events[-1].on if events else rec.decided_on,
        event_count=len(events), facts=facts_from_history(rec, events),
        search_text=fold(" ".join(filter(None, [rec.id, rec.decision_no, judgment.get("number"), debtor.get("name"),
                                               debtor.get("id_number"), creditor.get("name"),
                                               creditor.get("id_number")]))),
    )


def _history_rows(case: Case, snap: Snapshot, events: Iterable[EventRec], seq: int, unit_ids, officers, ob_ids,
                  rows: list, ledger: list) -> Snapshot:
    for ev in events:
        after = apply(snap, ev)
        seq += 1
        ob_id = ob_ids.get((case.id, ev.obligation)) if ev.obligation else None
        row = CaseEvent(
            case_id=case.id, seq=seq, kind=ev.kind.value, on=ev.on, unit_id=unit_ids[snap.unit],
            from_state=snap.state.value, to_state=after.state.value, from_phase=snap.state.value,
            to_phase=after.state.value, ground=ev.ground or "", obligation_id=ob_id, amount=ev.amount,
            target_unit_id=unit_ids[ev.unit] if ev.unit else None,
            target_officer_id=officers[ev.officer] if ev.officer else None, to_text=ev.to or "", source="import",
        )
        rows.append(row)
        if ev.kind == EventKind.PAYMENT and ev.amount:
            ledger.append(LedgerEntry(case_id=case.id, obligation_id=ob_id, kind=LedgerKind.THU, amount=ev.amount,
                                      on=ev.on, unit_id=unit_ids[snap.unit], event=row))
        snap = after
    return snap


def _append_events(case: Case, rec: CaseRec, prior: list[EventRec], new: list[EventRec], unit_ids, officers) -> None:
    snap = initial(rec)
    for ev in prior:
        snap = apply(snap, ev)
    ob_ids = {(case.id, code): pk for pk, code in case.obligations.values_list("id", "code")}
    rows: list[CaseEvent] = []
    ledger: list[LedgerEntry] = []
    final = _history_rows(case, snap, new, case.event_count, unit_ids, officers, ob_ids, rows, ledger)
    CaseEvent.objects.bulk_create(rows)
    for entry in ledger:
        entry.event_id = entry.event.id
    LedgerEntry.objects.bulk_create(ledger)
    outstanding = final.by_obligation()
    for ob in case.obligations.all():
        if ob.outstanding != outstanding[ob.code]:
            Obligation.objects.filter(pk=ob.pk).update(outstanding=outstanding[ob.code])
    all_events = prior + new
    Case.objects.filter(pk=case.pk).update(
        unit_id=unit_ids[final.unit], officer_id=officers.get(final.officer) if final.officer else None,
        phase=_phase_after(case.phase, final.state, snap.state), state=final.state.value, ground=final.ground or "",
        outstanding=final.outstanding, last_event_on=all_events[-1].on, event_count=case.event_count + len(new),
        facts=facts_from_history(rec, all_events),
    )


def _phase_after(old_phase: str, new_state: State, old_state: State) -> str:
    """Keep a finer internal phase (voluntary period, verifying) while the contract state has not changed."""
    return old_phase if new_state == old_state and old_phase else new_state.value
