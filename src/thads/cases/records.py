"""Stored units, officers and cases as interchange records (interchange.md §1): what the importer compares a file
with (``stored_view``) and what the export writes. Cases and their events are read through the one gateway,
``thads.cases.histories``; ``case_history`` is kept here under its old import path."""

from __future__ import annotations

from thads.cases.histories import CONTRACT_KINDS, Directory, case_history, iter_histories
from thads.cases.models import Case
from thads.domain.interchange import OfficerRec, StoredView, UnitRec
from thads.org.models import Officer, Unit


def unit_record(unit: Unit, codes: dict[int, str]) -> UnitRec:
    return UnitRec(code=unit.code, name=unit.name, parent=codes.get(unit.parent_id) if unit.parent_id else None,
                   valid_from=unit.valid_from, valid_to=unit.valid_to)


def officer_record(officer: Officer, codes: dict[int, str]) -> OfficerRec:
    return OfficerRec(code=officer.code, name=officer.name, unit=codes[officer.unit_id])


def stored_view(case_ids_in_file: set[str]) -> StoredView:
    """What the database holds, in canonical form, for ``interchange.validate``: every unit and officer (a few
    thousand at most; a file may name stored ones) and the stored cases the file names, with their events."""
    view = StoredView()
    units = list(Unit.objects.all())
    unit_codes = {u.id: u.code for u in units}
    for unit in units:
        view.units[unit.code] = unit_record(unit, unit_codes).canonical()
    for officer in Officer.objects.all():
        view.officers[officer.code] = officer_record(officer, unit_codes).canonical()
    directory = Directory()
    ids = sorted(case_ids_in_file)
    for start in range(0, len(ids), 2000):
        chunk = Case.objects.filter(ext_id__in=ids[start:start + 2000])
        for _, h in iter_histories(chunk, full=True, directory=directory):
            view.cases[h.case.id] = h.case.canonical()
            view.events[h.case.id] = [e.canonical() for e in h.events]
    return view


__all__ = ["CONTRACT_KINDS", "StoredView", "case_history", "officer_record", "stored_view", "unit_record"]
