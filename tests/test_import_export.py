"""``thads import`` / ``thads export`` against the interchange contract (interchange.md §1)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from thads.cases.exporter import export_lines
from thads.cases.importer import import_data
from thads.cases.ledger.models import LedgerEntry
from thads.cases.models import Case, CaseEvent, Obligation
from thads.org.models import Officer, Unit

SHARED = Path(__file__).resolve().parents[2] / "shared" / "domain"
if not SHARED.exists():  # CI lays shared/ beside the clone
    SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "domain"
WORKED = SHARED / "worked-example.jsonl"

# THADS.md §4.4: state and outstanding amount of each case at the end of the worked example (VND).
EXPECTED = {
    "V1": ("COMPLETED", 0), "V2": ("NOT_YET_ABLE", 200_000_000), "V3": ("ENFORCING", 20_000_000),
    "V4": ("SEPARATE_BOOK", 150_000_000), "V5": ("TERMINATED", 40_000_000), "V6": ("ENTRUSTED_OUT", 500_000_000),
    "V7": ("POSTPONED", 80_000_000), "V8": ("COMPLETED", 0), "V9": ("POSTPONED", 300_000_000),
    "V10": ("NOT_YET_ABLE", 3_000_000), "V11": ("REVOKED", 20_000_000),
}


def _counts() -> tuple[int, ...]:
    return (Unit.objects.count(), Officer.objects.count(), Case.objects.count(), CaseEvent.objects.count(),
            Obligation.objects.count(), LedgerEntry.objects.count())


def _export(code: str) -> str:
    return "".join(line + "\n" for line in export_lines(Unit.objects.get(code=code)))


@pytest.mark.django_db
def test_the_worked_example_imports_with_the_states_and_amounts_of_the_reference():
    from datetime import date

    from thads.cases.records import case_history

    report = import_data(WORKED.read_bytes())
    assert report.errors == [] and report.written
    at_year_end = {}
    for case in Case.objects.all():
        snap = case_history(case).state_at(date(2025, 9, 30))
        at_year_end[case.ext_id] = (snap.state.value, snap.outstanding)
    assert at_year_end == EXPECTED
    # Today V3 has the 5,000,000 collected on 15/10/2025, after the statistical year.
    now = {c.ext_id: (c.state, c.outstanding) for c in Case.objects.all()}
    assert now == {**EXPECTED, "V3": ("ENFORCING", 15_000_000)}
    for case in Case.objects.prefetch_related("obligations"):
        assert case.outstanding == sum(o.outstanding for o in case.obligations.all())


@pytest.mark.django_db
def test_collections_land_in_the_ledger():
    import_data(WORKED.read_bytes())
    collected = {e.case.ext_id: e.amount for e in LedgerEntry.objects.select_related("case")}
    assert collected["V1"] == 5_000_000 and collected["V8"] == 50_000_000
    assert LedgerEntry.objects.filter(case__ext_id="V3").count() == 2
    assert sum(LedgerEntry.objects.values_list("amount", flat=True)) == 5_000_000 + 15_000_000 + 60_000_000 + 50_000_000


@pytest.mark.django_db
def test_importing_the_same_file_twice_changes_nothing():
    import_data(WORKED.read_bytes())
    before = _counts()
    report = import_data(WORKED.read_bytes())
    assert report.errors == [] and _counts() == before
    assert report.cases == 0 and report.events == 0


@pytest.mark.django_db
def test_the_export_of_the_worked_example_holds_the_same_records():
    import_data(WORKED.read_bytes())
    exported = _export("HUE").splitlines()
    original = [line for line in WORKED.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert sorted(exported) == sorted(original)
    assert [line for line in exported if '"type": "case"' in line] == sorted(
        (line for line in original if '"type": "case"' in line), key=lambda s: s.split('"id": "')[1].split('"')[0])


@pytest.mark.django_db
def test_a_later_file_with_appended_events_appends_them():
    data = WORKED.read_text(encoding="utf-8")
    import_data(data)
    later = data + '{"type": "event", "case": "V3", "on": "2025-10-15", "kind": "payment", "obligation": "1", ' \
                   '"amount": 15000000}\n{"type": "event", "case": "V3", "on": "2025-10-15", "kind": "completed"}\n'
    report = import_data(later)
    assert report.errors == [] and report.events == 2
    v3 = Case.objects.get(ext_id="V3")
    assert (v3.state, v3.outstanding, v3.event_count) == ("COMPLETED", 0, 5)
    assert list(v3.events.values_list("seq", flat=True)) == [1, 2, 3, 4, 5]


@pytest.mark.django_db
def test_a_conflicting_history_is_refused_and_nothing_is_written():
    data = WORKED.read_text(encoding="utf-8")
    import_data(data)
    before = _counts()
    changed = data.replace('"case": "V3", "on": "2024-04-01", "kind": "verified_able"',
                           '"case": "V3", "on": "2024-04-02", "kind": "verified_able"')
    report = import_data(changed)
    assert not report.written and _counts() == before
    assert any("conflicts with the stored history of case V3" in reason for _, reason in report.errors)


INVALID_FILE = "\n".join([
    '{"type": "unit", "code": "P", "name": "Province", "parent": null}',
    '{"type": "unit", "code": "X", "name": "Orphan", "parent": "NOPE"}',
    '{"type": "officer", "code": "O1", "name": "Officer", "unit": "P"}',
    '{"type": "case", "id": "C1", "unit": "P", "decided_on": "2024-01-10", "initiation": "theo_don", '
    '"judgment_kind": "dan_su", "obligations": [{"id": "1", "kind": "tra_no", "beneficiary": "person", "amount": 100}]}',
    '{"type": "case", "id": "C2", "unit": "P", "decided_on": "2024-13-10", "initiation": "theo_don", '
    '"judgment_kind": "dan_su", "obligations": [{"id": "1", "kind": "tra_no", "beneficiary": "person", "amount": 1}]}',
    '{"type": "event", "case": "C1", "on": "2024-02-01", "kind": "payment", "obligation": "1", "amount": 500}',
    '{"type": "event", "case": "C1", "on": "2024-02-01", "kind": "resumed"}',
    '{"type": "nonsense"}',
    'not json',
])


@pytest.mark.django_db
def test_invalid_records_are_reported_by_line_and_nothing_is_written():
    before = _counts()
    report = import_data(INVALID_FILE)
    assert not report.written and _counts() == before
    assert [n for n, _ in report.errors] == [2, 5, 6, 7, 8, 9]


@pytest.mark.django_db
def test_skip_invalid_imports_the_valid_records():
    report = import_data(INVALID_FILE, skip_invalid=True)
    assert report.written
    assert set(Case.objects.values_list("ext_id", flat=True)) == {"C1"}
    assert set(Unit.objects.values_list("code", flat=True)) == {"P"}


@pytest.mark.django_db
def test_the_command_prints_line_errors_and_exits_non_zero(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(INVALID_FILE, encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", str(path), stderr=err)
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("line 2: ") and len(lines) == 6
    assert Case.objects.count() == 0


@pytest.mark.django_db
def test_the_export_command_writes_a_file(tmp_path):
    import_data(WORKED.read_bytes())
    out = tmp_path / "out.jsonl"
    call_command("export", "--unit", "HUE-PV", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert text.startswith('{"type": "unit", "code": "HUE", ') and text.count('"type": "case"') == 11


def _demo_file(size: int = 1500) -> str:
    import io as _io
    from datetime import date

    from thads.demo.generator import write_jsonl

    buffer = _io.StringIO()
    write_jsonl(buffer, seed=7, today=date(2026, 11, 30), size=size)
    return buffer.getvalue()


@pytest.mark.django_db(transaction=True)
def test_export_import_export_of_the_demo_province_is_byte_identical():
    report = import_data(_demo_file())
    assert report.errors == []
    first = _export("HUE")
    from thads.deadlines.models import Deadline
    from thads.stats.models import StatCell, StatOfficerCell

    for model in (LedgerEntry, CaseEvent, Deadline, Obligation, StatCell, StatOfficerCell):
        model.objects.all()._raw_delete(model.objects.db)
    from thads.cases.models import Party

    Party.objects.all()._raw_delete(Party.objects.db)
    Case.objects.all()._raw_delete(Case.objects.db)
    from thads.cases.models import CaseNumberCounter  # the import moved the counters of its series

    CaseNumberCounter.objects.all().delete()
    Officer.objects.all().delete()
    Unit.objects.filter(parent__isnull=False).delete()
    Unit.objects.all().delete()
    assert import_data(first).errors == []
    assert _export("HUE") == first


@pytest.mark.django_db
def test_the_demo_history_moves_district_cases_to_regional_offices_in_july_2025():
    import_data(_demo_file())
    held_by_dissolved = Case.objects.filter(unit__valid_to__isnull=False).exclude(
        state__in=["COMPLETED", "TERMINATED", "ENTRUSTED_OUT", "REVOKED"])
    assert not held_by_dissolved.exists()
    moves = CaseEvent.objects.filter(kind="moved")
    assert moves.exists() and set(moves.values_list("on", flat=True)) == {__import__("datetime").date(2025, 7, 1)}


# Issue 14 item 18 (interchange.md §1 "Export"): units in a depth-first walk with the children of each unit in code
# order, officers in code order, whatever order the source file listed them in (the database ids follow the file).
_LATE_UNITS = "\n".join([
    '{"type": "unit", "code": "T", "name": "Cục THADS thử", "parent": null}',
    '{"type": "unit", "code": "T-B", "name": "Phòng B", "parent": "T"}',
    '{"type": "officer", "code": "O2", "name": "Chấp hành viên 2", "unit": "T-B"}',
    '{"type": "unit", "code": "T-A", "name": "Phòng A", "parent": "T"}',
    '{"type": "officer", "code": "O1", "name": "Chấp hành viên 1", "unit": "T-A"}',
    '{"type": "case", "id": "T-A-2025-1", "unit": "T-A", "decided_on": "2025-03-01", "initiation": "chu_dong", '
    '"judgment_kind": "hinh_su", "officer": "O1", '
    '"obligations": [{"id": "1", "kind": "an_phi", "beneficiary": "state", "amount": 300000}]}',
    '{"type": "unit", "code": "T-A-1", "name": "Tổ A1", "parent": "T-A"}',
    '{"type": "unit", "code": "T-0", "name": "Phòng 0", "parent": "T"}',
]) + "\n"


def _wipe_all() -> None:
    from thads.cases.models import CaseNumberCounter, Party
    from thads.deadlines.models import Deadline
    from thads.stats.models import StatCell, StatOfficerCell

    for model in (LedgerEntry, CaseEvent, Deadline, Obligation, StatCell, StatOfficerCell, Party, Case):
        model.objects.all()._raw_delete(model.objects.db)
    CaseNumberCounter.objects.all().delete()
    Officer.objects.all().delete()
    for unit in sorted(Unit.objects.all(), key=lambda u: -len(u.path)):  # children before their parents
        unit.delete()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("source", [_LATE_UNITS], ids=["interchange.md §1 Export: a file listing units late"])
def test_export_orders_units_by_code_walk_and_round_trips_byte_identical(source):
    import json

    assert import_data(source, historical=True).errors == []
    first = _export("T")
    records = [json.loads(line) for line in first.splitlines()]
    assert [r["code"] for r in records if r["type"] == "unit"] == ["T", "T-0", "T-A", "T-A-1", "T-B"]
    assert [r["code"] for r in records if r["type"] == "officer"] == ["O1", "O2"]
    _wipe_all()
    assert import_data(first, historical=True).errors == []
    assert _export("T") == first
