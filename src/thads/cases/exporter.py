"""``thads export --unit U`` (interchange.md §1 "Export"): U, its ancestors and every unit below it (a depth-first
walk from the topmost ancestor, the children of each unit in code order: parents first), their officers in code
order, then each case U's subtree holds now (id order) followed by its events in stored order. The order depends
on the codes only, never on the database ids, so export → import into an empty database → export is byte-identical.

Units or officers outside that set that a written record names (a case decided by another province's unit, an
officer of another unit) are written too, so that the export always imports on its own.

After the last case come the records of the extra types registered in ``cases.interchange_ext`` (debtors' assets
and measures, ``docs/interchange-assets.md``) for the exported cases, type after type; a unit without such data
exports exactly the §1 records.
"""

from __future__ import annotations

from collections.abc import Iterator

from thads.cases import interchange_ext
from thads.cases.histories import CHUNK, Directory, iter_histories
from thads.cases.models import Case, CaseEvent
from thads.cases.records import officer_record, unit_record
from thads.domain.interchange import dumps
from thads.org.models import Officer, Unit


def _with_ancestors(units: dict[int, Unit], ids: set[int]) -> set[int]:
    out = set()
    for uid in ids:
        out.update(int(part) for part in units[uid].path.strip("/").split("/"))
    return out


def _walk_key(units: dict[int, Unit], unit_codes: dict[int, str], u: Unit) -> tuple[str, ...]:
    """The codes from the root down to ``u``: sorting by it is the depth-first walk with children in code order
    (the materialised path holds database ids, whose order is the order the units were created in)."""
    return tuple(unit_codes[int(part)] for part in u.path.strip("/").split("/"))


def export_lines(unit: Unit, batch: int = CHUNK) -> Iterator[str]:
    all_units = {u.id: u for u in Unit.objects.all()}
    unit_codes = {uid: u.code for uid, u in all_units.items()}
    subtree_ids = {uid for uid, u in all_units.items() if u.path.startswith(unit.path)}
    cases = Case.objects.filter(unit_id__in=subtree_ids, decided_on__isnull=False)
    case_ids = list(cases.order_by("ext_id").values_list("id", flat=True))
    referenced_units = set(cases.values_list("origin_unit_id", flat=True).distinct())
    events = CaseEvent.objects.filter(case_id__in=cases.values("id"))
    referenced_units |= set(events.exclude(target_unit=None).values_list("target_unit_id", flat=True).distinct())
    referenced_units |= interchange_ext.referenced_units(cases)
    unit_ids = _with_ancestors(all_units, subtree_ids | referenced_units | {unit.id})
    officer_ids = set(Officer.objects.filter(unit_id__in=unit_ids).values_list("id", flat=True))
    officer_ids |= set(cases.exclude(origin_officer=None).values_list("origin_officer_id", flat=True).distinct())
    officer_ids |= set(events.exclude(target_officer=None).values_list("target_officer_id", flat=True).distinct())
    extra_units = set(Officer.objects.filter(id__in=officer_ids).values_list("unit_id", flat=True)) - unit_ids
    unit_ids |= _with_ancestors(all_units, extra_units)

    for u in sorted((all_units[i] for i in unit_ids), key=lambda u: _walk_key(all_units, unit_codes, u)):
        yield dumps(unit_record(u, unit_codes))
    for officer in Officer.objects.filter(id__in=officer_ids).order_by("code"):
        yield dumps(officer_record(officer, unit_codes))
    for _, h in iter_histories(case_ids, full=True, directory=Directory(), chunk=batch):
        yield dumps(h.case)
        for ev in h.events:
            yield dumps(ev)
    for record in interchange_ext.export_records(cases):
        yield interchange_ext.dumps(record)
