"""The one gateway from the database to the domain: stored cases as the pure values the rules read.

Every reader of case histories goes through here — the acts (``case_history``: the statistics cells' before and
after), the statistics (``iter_histories``: rebuild, coverage, range reports and drill-downs), the deadlines
(``iter_case_acts``: each case's acts and rule facts), the export and the importer's comparison with what is
stored (``iter_histories(..., full=True)``: the interchange records with parties and judgment). Nothing else builds
``CaseRec`` / ``EventRec`` / ``CaseHistory`` / ``ActRecord`` values from ORM rows.

How it reads:

* **Batches** (a queryset or a sequence of ids): the ids are read once, then each chunk of ``CHUNK`` cases is read
  with one flat query per table (cases, obligations, contract events; parties with ``full``) — a bounded number of
  queries per chunk, no model instances. Cases come out in id order (a queryset) or in the order of the ids given.
* **Units and officers** are resolved through a :class:`Directory` made once per call (or passed in by the caller
  to share it across calls): it reads the units and officers the chunks name that it does not know yet, so a
  national batch reads each unit and officer once and a single case only its own few.
* **One case** (``case_history``, ``case_facts``): the case's own fields come from the instance given (an act may
  have changed it in memory within its transaction), its rows from the database.

Contract: ``interchange.md`` §1 (what a stored case is as a record: its first unit and officer, its first debtor and
creditor, its contract events in stored order; internal acts such as notices are not contract events).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from thads.cases.facts import from_json
from thads.cases.models import Case, CaseEvent, Obligation, Party
from thads.domain.acts import CaseFacts, Intake
from thads.domain.deadlines import ActRecord
from thads.domain.history import CaseHistory
from thads.domain.money import ObligationDue
from thads.domain.records import CaseRec, EventRec, ObligationRec
from thads.domain.states import EventKind, Phase
from thads.org.models import Officer, Unit

#: The event kinds of the interchange contract (the other history rows are internal acts: notices, payouts…).
CONTRACT_KINDS = frozenset(k.value for k in EventKind)
_KINDS = {k.value: k for k in EventKind}
#: Cases read per chunk: 5,000 ids per ``IN`` list, about 50,000 event rows.
CHUNK = 5000


# ------------------------------------------------------------------------------------------------- the directory


@dataclass(frozen=True, slots=True)
class UnitInfo:
    code: str
    level: str
    path: str
    parent_id: int | None
    go_live: date | None


class Directory:
    """Units (code, level, path, parent, go-live date) and officers (code) by id, read once per batch call.

    ``Directory()`` starts empty and :meth:`need` reads, in one query per table, the ids it does not know yet;
    ``Directory.load()`` reads every unit and officer at once (what :meth:`parents` needs)."""

    def __init__(self) -> None:
        self.units: dict[int, UnitInfo] = {}
        self.officers: dict[int, str] = {}
        self._complete = False

    @classmethod
    def load(cls) -> Directory:
        d = cls()
        d._read_units(Unit.objects.all())
        d._read_officers(Officer.objects.all())
        d._complete = True
        return d

    def _read_units(self, qs) -> None:
        for pk, code, level, path, parent_id, go_live in qs.values_list("id", "code", "level", "path", "parent_id",
                                                                        "go_live"):
            self.units[pk] = UnitInfo(code, level, path, parent_id, go_live)

    def _read_officers(self, qs) -> None:
        self.officers.update(qs.values_list("id", "code"))

    def need(self, unit_ids: Iterable[int | None] = (), officer_ids: Iterable[int | None] = ()) -> None:
        """Make sure the given units and officers are known (``None`` ids are ignored)."""
        if self._complete:
            return
        units = {i for i in unit_ids if i is not None and i not in self.units}
        officers = {i for i in officer_ids if i is not None and i not in self.officers}
        if units:
            self._read_units(Unit.objects.filter(id__in=units))
        if officers:
            self._read_officers(Officer.objects.filter(id__in=officers))

    def unit_code(self, pk: int | None) -> str | None:
        return self.units[pk].code if pk is not None else None

    def officer_code(self, pk: int | None) -> str | None:
        return self.officers[pk] if pk is not None else None

    def parents(self) -> dict[str, str | None]:
        """Unit code → parent's code (``None`` for a root), every unit: what ``domain.report.compute_report`` takes."""
        if not self._complete:
            self._read_units(Unit.objects.all())
            self._read_officers(Officer.objects.all())
            self._complete = True
        return {u.code: (self.units[u.parent_id].code if u.parent_id is not None else None)
                for u in self.units.values()}


# ------------------------------------------------------------------------------------------------- batches


def _id_chunks(cases: QuerySet | Iterable[int | Case], chunk: int) -> Iterator[list[int]]:
    if isinstance(cases, QuerySet):
        ids = list(cases.order_by("id").values_list("id", flat=True))
    else:
        ids = [c if isinstance(c, int) else c.pk for c in cases]
    for start in range(0, len(ids), chunk):
        yield ids[start:start + chunk]


_CASE_COLUMNS = ("id", "ext_id", "origin_unit_id", "decided_on", "decision_no", "initiation", "judgment_kind",
                 "origin_officer_id", "judgment_court", "judgment_number", "judgment_date")
_EVENT_COLUMNS = ("case_id", "on", "kind", "ground", "obligation_id", "amount", "to_text", "target_unit_id",
                  "target_officer_id")


def _party(row: tuple | None) -> dict[str, str] | None:
    if row is None:
        return None
    return {k: v for k, v in zip(("name", "id_number", "address"), row, strict=True) if v}


def _case_rec(row: Sequence, obligations: Sequence[tuple], d: Directory, full: bool,
              parties: dict[str, tuple] | None = None) -> CaseRec:
    """The contract record of a stored case: its unit and officer are those it started with (the later holders come
    from its ``moved`` / ``reassigned`` events); with ``full``, its judgment and its first debtor and creditor."""
    _, ext_id, unit_id, decided_on, decision_no, initiation, kind, officer_id, court, number, judged_on = row
    judgment = None
    if full:
        judgment = {k: v for k, v in (("court", court), ("number", number),
                                      ("date", judged_on.isoformat() if judged_on else "")) if v} or None
    parties = parties or {}
    return CaseRec(
        id=ext_id, unit=d.unit_code(unit_id), decided_on=decided_on, decision_no=decision_no or None,
        initiation=initiation, judgment_kind=kind, judgment=judgment, officer=d.officer_code(officer_id),
        debtor=_party(parties.get("debtor")), creditor=_party(parties.get("creditor")),
        obligations=tuple(ObligationRec(code, okind, beneficiary, amount)
                          for _, code, okind, beneficiary, amount in obligations),
    )


def _event_rec(ext_id: str, row: Sequence, obligation_codes: dict[int, str], d: Directory) -> EventRec:
    _, on, kind, ground, obligation_id, amount, to_text, unit_id, officer_id = row
    return EventRec(case=ext_id, on=on, kind=_KINDS[kind], ground=ground or None,
                    obligation=obligation_codes.get(obligation_id) if obligation_id else None, amount=amount,
                    to=to_text or None, unit=d.unit_code(unit_id), officer=d.officer_code(officer_id))


def _histories_of(case_rows: Iterable[Sequence], obligation_rows: Iterable[tuple], event_rows: Iterable[Sequence],
                  party_rows: Iterable[tuple], d: Directory, full: bool) -> list[tuple[int, CaseHistory]]:
    """Group flat rows by case (rows sorted by case, then position / seq / role and position) into histories."""
    case_rows = list(case_rows)
    obligations: dict[int, list[tuple]] = {}
    codes: dict[int, str] = {}
    for case_id, ob_id, code, kind, beneficiary, amount in obligation_rows:
        obligations.setdefault(case_id, []).append((ob_id, code, kind, beneficiary, amount))
        codes[ob_id] = code
    events: dict[int, list[Sequence]] = {}
    for row in event_rows:
        events.setdefault(row[0], []).append(row)
    parties: dict[int, dict[str, tuple]] = {}
    for case_id, role, *rest in party_rows:
        parties.setdefault(case_id, {}).setdefault(role, tuple(rest))  # the first of each role
    d.need((r[2] for r in case_rows), (r[7] for r in case_rows))
    d.need((e[7] for evs in events.values() for e in evs), (e[8] for evs in events.values() for e in evs))
    out = []
    for row in case_rows:
        pk = row[0]
        rec = _case_rec(row, obligations.get(pk, ()), d, full, parties.get(pk))
        out.append((pk, CaseHistory(rec, tuple(_event_rec(rec.id, e, codes, d) for e in events.get(pk, ())))))
    return out


def _child_rows(ids: list[int], full: bool) -> tuple:
    """The obligations, contract events and (with ``full``) parties of the cases ``ids``: flat rows, one lazy query
    per table, ordered by case."""
    obligation_rows = (Obligation.objects.filter(case_id__in=ids).order_by("case_id", "position", "id")
                       .values_list("case_id", "id", "code", "kind", "beneficiary", "amount"))
    event_rows = (CaseEvent.objects.filter(case_id__in=ids, kind__in=CONTRACT_KINDS).order_by("case_id", "seq")
                  .values_list(*_EVENT_COLUMNS))
    party_rows = (Party.objects.filter(case_id__in=ids, role__in=("debtor", "creditor"))
                  .order_by("case_id", "role", "position", "id")
                  .values_list("case_id", "role", "name", "id_number", "address")) if full else ()
    return obligation_rows, event_rows, party_rows


def _load_chunk(ids: list[int], d: Directory, full: bool) -> list[tuple[int, CaseHistory]]:
    """Three flat queries (four with ``full``) for one chunk of cases, in the order of ``ids``."""
    rows = {r[0]: r for r in Case.objects.filter(id__in=ids).values_list(*_CASE_COLUMNS)}
    obligation_rows, event_rows, party_rows = _child_rows(ids, full)
    return _histories_of((rows[i] for i in ids if i in rows), obligation_rows, event_rows, party_rows, d, full)


def iter_histories(cases: QuerySet | Iterable[int | Case], *, full: bool = False, directory: Directory | None = None,
                   chunk: int = CHUNK) -> Iterator[tuple[int, CaseHistory]]:
    """``(pk, history)`` of every case of ``cases`` (a queryset: in id order; ids or cases: in the order given).

    Without ``full`` the record leaves out the parties and the judgment (no statistic, deadline or replay reads
    them: the records stay small and personal data is not read); with ``full`` it is the whole interchange record
    (export, the importer's comparison with what is stored, ``case_history``)."""
    d = directory if directory is not None else Directory()
    for ids in _id_chunks(cases, chunk):
        yield from _load_chunk(ids, d, full)


def histories(cases: QuerySet | Iterable[int | Case], **kwargs) -> Iterator[CaseHistory]:
    """:func:`iter_histories` without the primary keys (what ``stats.cells.rebuild`` / ``extend_coverage`` take)."""
    for _, h in iter_histories(cases, **kwargs):
        yield h


# ------------------------------------------------------------------------------------------------- one case


def case_history(case: Case, directory: Directory | None = None, *, full: bool = True) -> CaseHistory:
    """The pure ``CaseHistory`` of a stored case (the whole interchange record and its contract events), for 'state
    at a date' questions and the statistics cells of an act. The case's own fields are read from ``case`` (the act
    may have changed them in memory), its obligations, parties and events from the database. ``full=False`` leaves
    the parties and the judgment out, as the batches do (an act's before/after for the projections: no statistic
    reads them, so the parties' ID numbers and addresses are not read for it; Decree 13/2023/NĐ-CP Art. 3.4)."""
    row = tuple(getattr(case, f) for f in _CASE_COLUMNS)
    ids = [case.pk]
    obligation_rows, event_rows, party_rows = _child_rows(ids, full)
    d = directory if directory is not None else Directory()
    return _histories_of([row], obligation_rows, event_rows, party_rows, d, full)[0][1]


def _json(raw) -> dict:
    if isinstance(raw, str):  # raw values from some backends come back as JSON text
        return json.loads(raw) if raw else {}
    return dict(raw or {})


def _facts(phase: str, intake: str, interim: bool, ground: str, obligations: Iterable[tuple],
           decided_on: date | None, last_act_on: date | None, unit: str | None, officer: str | None,
           stored: dict) -> CaseFacts:
    return CaseFacts(
        phase=Phase(phase) if phase else None, intake=Intake(intake), interim=interim, ground=ground or None,
        obligations=tuple(ObligationDue(id=code, kind=kind, outstanding=out, beneficiary=ben)
                          for code, kind, out, ben in obligations),
        decided_on=decided_on, last_act_on=last_act_on, unit=unit, officer=officer, **from_json(stored),
    )


def case_facts(case: Case) -> CaseFacts:
    """The rule facts (``thads.domain.acts.CaseFacts``) of a case instance: its columns and ``Case.facts``, its
    obligations' outstanding amounts, its holder's unit and officer codes (what ``cases.actions.facts_of`` reads)."""
    return _facts(case.phase, case.intake, case.interim, case.ground,
                  ((o.code, o.kind, o.outstanding, o.beneficiary) for o in case.obligations.all()),
                  case.decided_on, case.last_event_on, case.unit.code,
                  case.officer.code if case.officer_id else None, _json(case.facts))


# ------------------------------------------------------------------------------------------------- acts (deadlines)


def act_records(events: Iterable[tuple], case_row: dict) -> list[ActRecord]:
    """The case's acts for the deadline rules, from its history rows ``(kind, on, ground, amount, details, seq)``
    (every row, internal acts included); the first act carries the case's initiation and judgment date."""
    records = []
    for kind, on, ground, amount, details, seq in events:
        details = _json(details)
        if amount is not None:
            details.setdefault("amount", amount)
        if seq == 1 or kind in ("receive_request", "receive_judgment"):
            details.setdefault("initiation", case_row["initiation"])
            if case_row["judgment_effective_on"]:
                details.setdefault("judgment_effective_on", case_row["judgment_effective_on"].isoformat())
        records.append(ActRecord(act=kind, on=on, ground=ground or None, details=details))
    if case_row["decided_on"] and not any(r.act == "decide" for r in records):
        # Imported histories carry the decision only as the case's decided_on (interchange.md §1).
        records.insert(0, ActRecord(act="decide", on=case_row["decided_on"],
                                    details={"initiation": case_row["initiation"]}))
    return records


@dataclass(frozen=True, slots=True)
class CaseActs:
    """What the deadline rules read of one stored case: its acts, its current facts, its holder and go-live date."""

    case_id: int
    unit_id: int
    officer_id: int | None
    go_live: date | None
    acts: list[ActRecord]
    facts: CaseFacts


_ACT_CASE_FIELDS = ("id", "unit_id", "officer_id", "phase", "intake", "interim", "ground", "decided_on",
                    "last_event_on", "facts", "initiation", "judgment_effective_on")


def iter_case_acts(cases: QuerySet | Iterable[int | Case], *, directory: Directory | None = None,
                   chunk: int = CHUNK) -> Iterator[CaseActs]:
    """:class:`CaseActs` of every case of ``cases`` (plain values, three queries per chunk: history rows,
    obligations, cases), for ``deadlines.service.refresh_cases``."""
    d = directory if directory is not None else Directory()
    for ids in _id_chunks(cases, chunk):
        events: dict[int, list[tuple]] = {}
        for case_id, *rest in CaseEvent.objects.filter(case_id__in=ids).order_by("case_id", "seq").values_list(
                "case_id", "kind", "on", "ground", "amount", "details", "seq"):
            events.setdefault(case_id, []).append(tuple(rest))
        obligations: dict[int, list[tuple]] = {}
        for case_id, *rest in Obligation.objects.filter(case_id__in=ids).order_by("case_id", "position").values_list(
                "case_id", "code", "kind", "outstanding", "beneficiary"):
            obligations.setdefault(case_id, []).append(tuple(rest))
        rows = list(Case.objects.filter(id__in=ids).values(*_ACT_CASE_FIELDS))
        d.need((r["unit_id"] for r in rows), (r["officer_id"] for r in rows))
        for row in rows:
            facts = _facts(row["phase"], row["intake"], row["interim"], row["ground"], obligations.get(row["id"], ()),
                           row["decided_on"], row["last_event_on"], d.unit_code(row["unit_id"]),
                           d.officer_code(row["officer_id"]), _json(row["facts"]))
            yield CaseActs(row["id"], row["unit_id"], row["officer_id"], d.units[row["unit_id"]].go_live,
                           act_records(events.get(row["id"], ()), row), facts)


__all__ = ["CHUNK", "CONTRACT_KINDS", "CaseActs", "Directory", "UnitInfo", "act_records", "case_facts",
           "case_history", "histories", "iter_case_acts", "iter_histories"]
