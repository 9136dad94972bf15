"""The rows an import writes (``thads.cases.importer``): new cases with their parties, obligations, history and
ledger rows in bulk (ids reserved up front, ``cases.bulk``), and the events appended to stored cases. The caches of
a case (state, holder, outstanding, facts) come from replaying its history with the pure rules; its ledger rows
from its money events (``thads.domain.ledger.ledger_lines``, as for an act)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date

from thads.cases.bulk import date_adapter, insert_rows, now_value, reserve_ids
from thads.cases.facts import facts_from_history
from thads.cases.ledger.models import LedgerEntry
from thads.cases.models import Case, CaseEvent, Obligation, Party
from thads.cases.search import record_text
from thads.domain.history import Snapshot, apply, initial
from thads.domain.interchange import CaseRec, EventRec
from thads.domain.ledger import ledger_lines
from thads.domain.states import State

CASE_COLUMNS = ("id", "ext_id", "interim", "unit_id", "origin_unit_id", "officer_id", "origin_officer_id",
                "decided_on", "decision_no", "initiation", "judgment_kind", "judgment_court", "judgment_number",
                "judgment_date", "judgment_effective_on", "received_on", "request_on", "requester", "intake", "phase",
                "facts", "state", "ground", "amount", "outstanding", "last_event_on", "event_count",
                "entrusted_from_id", "search_text", "created_at")
PARTY_COLUMNS = ("id", "case_id", "role", "kind", "name", "id_number", "address", "position")
OBLIGATION_COLUMNS = ("id", "case_id", "code", "kind", "beneficiary", "amount", "outstanding", "creditor_id",
                      "position")
EVENT_COLUMNS = ("id", "case_id", "seq", "kind", "on", "entered_at", "user_id", "unit_id", "from_state", "to_state",
                 "from_phase", "to_phase", "ground", "decision_no", "obligation_id", "amount", "target_unit_id",
                 "target_officer_id", "to_text", "details", "corrects_id", "source", "request_token")
LEDGER_COLUMNS = ("id", "case_id", "obligation_id", "payee_id", "kind", "amount", "on", "receipt_no", "event_id",
                  "unit_id", "user_id", "note", "entered_at")


def write_new_cases(chunk: list[CaseRec], events_by_case, unit_ids, officers) -> list[int]:
    """Insert a batch of new cases with their parties, obligations, history and ledger rows; returns their ids
    (in the order of ``chunk``). The search words go into the row as it is inserted, computed by the search
    projection's own function (``search.record_text``): the projection then has nothing to write for a new
    imported case, and the word index (FTS5 triggers, the PostgreSQL expression index) is built once per row,
    not on an empty text first and again on an update (measured: 200,000 cases, 103 s vs 116 s on SQLite)."""
    now, d = now_value(), date_adapter()
    case_ids = reserve_ids(Case, len(chunk))
    case_rows, party_rows, ob_rows = [], [], []
    n_parties = sum((rec.debtor is not None) + (rec.creditor is not None) for rec in chunk)
    party_ids = iter(reserve_ids(Party, n_parties))
    ob_ids_iter = iter(reserve_ids(Obligation, sum(len(rec.obligations) for rec in chunk)))
    ob_ids: dict[tuple[int, str], int] = {}
    for rec, case_id in zip(chunk, case_ids, strict=True):
        events = events_by_case.get(rec.id, ())
        snap = initial(rec)
        for ev in events:
            snap = apply(snap, ev)
        case_rows.append(_case_row(case_id, rec, snap, events, unit_ids, officers, now, d))
        for role, data in (("debtor", rec.debtor), ("creditor", rec.creditor)):
            if data:
                party_rows.append((next(party_ids), case_id, role, "person", data.get("name", ""),
                                   data.get("id_number", ""), data.get("address", ""), 0))
        outstanding = snap.by_obligation()
        for pos, ob in enumerate(rec.obligations):
            ob_id = next(ob_ids_iter)
            ob_ids[(case_id, ob.id)] = ob_id
            ob_rows.append((ob_id, case_id, ob.id, ob.kind, ob.beneficiary, ob.amount, outstanding[ob.id], None, pos))
    insert_rows(Case, CASE_COLUMNS, case_rows, adapted=True)
    insert_rows(Party, PARTY_COLUMNS, party_rows, adapted=True)
    insert_rows(Obligation, OBLIGATION_COLUMNS, ob_rows, adapted=True)
    rows, ledger = [], []
    for rec, case_id in zip(chunk, case_ids, strict=True):
        _history_rows(case_id, initial(rec), events_by_case.get(rec.id, ()), 0, unit_ids, officers, ob_ids, rows,
                      ledger, now, d)
    _insert_history(rows, ledger)
    return case_ids


def _insert_history(rows: list[list], ledger: list[list]) -> None:
    """History rows and their ledger rows; ids reserved here, ledger rows point at their history row."""
    event_ids = reserve_ids(CaseEvent, len(rows))
    for row, event_id in zip(rows, event_ids, strict=True):
        row[0] = event_id
    ledger_ids = reserve_ids(LedgerEntry, len(ledger))
    for entry, ledger_id in zip(ledger, ledger_ids, strict=True):
        entry[0] = ledger_id
        entry[8] = entry[8][0]  # the history row (a list) whose id is now known
    insert_rows(CaseEvent, EVENT_COLUMNS, rows, adapted=True)
    insert_rows(LedgerEntry, LEDGER_COLUMNS, ledger, adapted=True)


def _case_row(case_id: int, rec: CaseRec, snap: Snapshot, events, unit_ids, officers, now, d) -> tuple:
    judgment = rec.judgment or {}
    return (
        case_id, rec.id, False, unit_ids[snap.unit], unit_ids[rec.unit],
        officers.get(snap.officer) if snap.officer else None, officers.get(rec.officer) if rec.officer else None,
        d(rec.decided_on), rec.decision_no or "", rec.initiation, rec.judgment_kind, judgment.get("court", ""),
        judgment.get("number", ""), d(date.fromisoformat(judgment["date"])) if judgment.get("date") else None, None,
        None, None, "", "REQUEST" if rec.initiation == "theo_don" else "JUDGMENT", snap.state.value,
        json.dumps(facts_from_history(rec, events)), snap.state.value, snap.ground or "", rec.amount, snap.outstanding,
        d(events[-1].on if events else rec.decided_on), len(events), None, record_text(rec), now,
    )


def _history_rows(case_id: int, snap: Snapshot, events: Iterable[EventRec], seq: int, unit_ids, officers, ob_ids,
                  rows: list, ledger: list, now, d) -> Snapshot:
    for ev in events:
        after = apply(snap, ev)
        seq += 1
        ob_id = ob_ids.get((case_id, ev.obligation)) if ev.obligation else None
        on = d(ev.on)
        row = [None, case_id, seq, ev.kind.value, on, now, None, unit_ids[snap.unit], snap.state.value,
               after.state.value, snap.state.value, after.state.value, ev.ground or "", "", ob_id, ev.amount,
               unit_ids[ev.unit] if ev.unit else None, officers[ev.officer] if ev.officer else None, ev.to or "",
               "{}", None, "import", ""]
        rows.append(row)
        # The event's cash-book rows (a collection's THU), derived as for an act; imported histories carry no
        # payouts (not a contract event), so the beneficiary does not matter here.
        for line in ledger_lines(ev.kind.value, ev.amount, ""):
            ledger.append([None, case_id, ob_id, None, line.kind.value, line.amount, on, "", row,
                           unit_ids[snap.unit], None, "", now])
        snap = after
    return snap


def append_events(case: Case, rec: CaseRec, prior: list[EventRec], new: list[EventRec], unit_ids, officers) -> None:
    """Append the file's events to a stored case (locked): history and ledger rows, then the case's caches."""
    snap = initial(rec)
    for ev in prior:
        snap = apply(snap, ev)
    ob_ids = {(case.id, code): pk for pk, code in case.obligations.values_list("id", "code")}
    rows: list[list] = []
    ledger: list[list] = []
    final = _history_rows(case.id, snap, new, case.event_count, unit_ids, officers, ob_ids, rows, ledger,
                          now_value(), date_adapter())
    _insert_history(rows, ledger)
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
