"""Stored cases as interchange records (interchange.md §1): what the importer compares with and the export writes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from thads.cases.models import Case, CaseEvent
from thads.domain.interchange import CaseRec, EventRec, ObligationRec, OfficerRec, StoredView, UnitRec
from thads.domain.states import EventKind
from thads.org.models import Officer, Unit

CONTRACT_KINDS = frozenset(k.value for k in EventKind)


def unit_record(unit: Unit, codes: dict[int, str]) -> UnitRec:
    return UnitRec(code=unit.code, name=unit.name, parent=codes.get(unit.parent_id) if unit.parent_id else None,
                   valid_from=unit.valid_from, valid_to=unit.valid_to)


def officer_record(officer: Officer, codes: dict[int, str]) -> OfficerRec:
    return OfficerRec(code=officer.code, name=officer.name, unit=codes[officer.unit_id])


def _party(party) -> dict[str, str] | None:
    if party is None:
        return None
    return {k: v for k, v in (("name", party.name), ("id_number", party.id_number), ("address", party.address)) if v}


def case_record(case: Case, unit_codes: dict[int, str], officer_codes: dict[int, str]) -> CaseRec:
    """The contract record of a stored case: its unit and officer are those it started with (the later holders
    come from its ``moved`` / ``reassigned`` events); its debtor and creditor are the first of each."""
    parties = sorted(case.parties.all(), key=lambda p: (p.role, p.position))
    debtor = next((p for p in parties if p.role == "debtor"), None)
    creditor = next((p for p in parties if p.role == "creditor"), None)
    judgment = {k: v for k, v in (("court", case.judgment_court), ("number", case.judgment_number),
                                  ("date", case.judgment_date.isoformat() if case.judgment_date else "")) if v}
    return CaseRec(
        id=case.ext_id, unit=unit_codes[case.origin_unit_id], decided_on=case.decided_on,
        decision_no=case.decision_no or None, initiation=case.initiation, judgment_kind=case.judgment_kind,
        judgment=judgment or None,
        officer=officer_codes.get(case.origin_officer_id) if case.origin_officer_id else None,
        debtor=_party(debtor), creditor=_party(creditor),
        obligations=tuple(ObligationRec(o.code, o.kind, o.beneficiary, o.amount)
                          for o in sorted(case.obligations.all(), key=lambda o: o.position)),
    )


def event_record(ev: CaseEvent, case_id: str, unit_codes: dict[int, str], officer_codes: dict[int, str],
                 obligation_codes: dict[int, str]) -> EventRec:
    return EventRec(
        case=case_id, on=ev.on, kind=EventKind(ev.kind), ground=ev.ground or None,
        obligation=obligation_codes.get(ev.obligation_id) if ev.obligation_id else None,
        amount=ev.amount, to=ev.to_text or None,
        unit=unit_codes.get(ev.target_unit_id) if ev.target_unit_id else None,
        officer=officer_codes.get(ev.target_officer_id) if ev.target_officer_id else None,
    )


def code_maps() -> tuple[dict[int, str], dict[int, str]]:
    return dict(Unit.objects.values_list("id", "code")), dict(Officer.objects.values_list("id", "code"))


def iter_case_records(cases: Iterable[Case], unit_codes: dict[int, str], officer_codes: dict[int, str]
                      ) -> Iterator[tuple[CaseRec, list[EventRec]]]:
    """Each case with its contract events in stored order (internal acts such as notices are not in the contract)."""
    for case in cases:
        obligation_codes = {o.id: o.code for o in case.obligations.all()}
        events = [event_record(ev, case.ext_id, unit_codes, officer_codes, obligation_codes)
                  for ev in case.events.all() if ev.kind in CONTRACT_KINDS]
        yield case_record(case, unit_codes, officer_codes), events


def stored_view(case_ids_in_file: set[str]) -> StoredView:
    """What the database holds, in canonical form, for ``interchange.validate``: every unit and officer (a few
    thousand at most; a file may name stored ones) and the stored cases the file names, with their events."""
    unit_codes, officer_codes = code_maps()
    view = StoredView()
    for unit in Unit.objects.all():
        view.units[unit.code] = unit_record(unit, unit_codes).canonical()
    for officer in Officer.objects.all():
        view.officers[officer.code] = officer_record(officer, unit_codes).canonical()
    ids = sorted(case_ids_in_file)
    for start in range(0, len(ids), 2000):
        chunk = Case.objects.filter(ext_id__in=ids[start:start + 2000]).prefetch_related(
            "parties", "obligations", "events")
        for rec, events in iter_case_records(chunk, unit_codes, officer_codes):
            view.cases[rec.id] = rec.canonical()
            view.events[rec.id] = [e.canonical() for e in events]
    return view


def case_history(case: Case):
    """The pure ``CaseHistory`` of a stored case (its contract events), for 'state at a date' questions."""
    from thads.domain.history import CaseHistory

    unit_codes, officer_codes = code_maps()
    rec, events = next(iter_case_records([case], unit_codes, officer_codes))
    return CaseHistory.of(rec, events)
