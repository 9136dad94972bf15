"""The interchange file (interchange.md §1): field rules, references, event rules, re-import and the export form."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from thads.domain.interchange import (
    CaseRec,
    EventRec,
    ObligationRec,
    StoredView,
    UnitRec,
    ValidationResult,
    dumps,
    format_errors,
    parse_line,
    split_lines,
    validate,
)
from thads.domain.states import EventKind, State

EXAMPLE = Path("/work/shared/domain/worked-example.jsonl")


def unit(code: str, parent: str | None = None, **over: Any) -> dict[str, Any]:
    return {"type": "unit", "code": code, "name": f"Unit {code}", "parent": parent, **over}


def officer(code: str, unit_code: str = "PV", **over: Any) -> dict[str, Any]:
    return {"type": "officer", "code": code, "name": f"Officer {code}", "unit": unit_code, **over}


def case(case_id: str, unit_code: str = "PV", decided_on: str = "2024-01-10", amount: Any = 5000000,
         **over: Any) -> dict[str, Any]:
    return {"type": "case", "id": case_id, "unit": unit_code, "decided_on": decided_on, "initiation": "theo_don",
            "judgment_kind": "dan_su", "officer": "O1",
            "obligations": [{"id": "1", "kind": "tra_no", "beneficiary": "person", "amount": amount}], **over}


def event(case_id: str, on: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {"type": "event", "case": case_id, "on": on, "kind": kind, **extra}


# Lines 1–5: two units, an officer, case V1 (5,000,000 outstanding), and V1 verified able (state ENFORCING).
BASE = [unit("HUE"), unit("PV", "HUE"), officer("O1"), case("V1"), event("V1", "2024-02-01", "verified_able")]


def run(*records: dict[str, Any] | str, stored: StoredView | None = None) -> ValidationResult:
    return validate([r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records], stored)


def stored_from(result: ValidationResult, base: StoredView | None = None) -> StoredView:
    """What an importer would hold after writing ``result``."""
    view = base or StoredView()
    view.units.update({u.code: u.canonical() for u in result.units})
    view.officers.update({o.code: o.canonical() for o in result.officers})
    view.cases.update({c.id: c.canonical() for c in result.cases})
    for ev in result.events:
        view.events.setdefault(ev.case, []).append(ev.canonical())
    return view


def test_the_base_file_is_valid() -> None:
    result = run(*BASE)
    assert result.ok and len(result.units) == 2 and len(result.officers) == 1 and len(result.cases) == 1
    assert len(result.events) == 1


INVALID_RECORDS: list[tuple[str, dict[str, Any] | str, str]] = [
    # the line itself
    ("invalid JSON", '{"type": "unit", "code": ', "invalid JSON"),
    ("a JSON array", "[1, 2]", "not a JSON object"),
    ("NaN is not JSON", '{"type": "case", "id": NaN}', "invalid JSON"),
    ("no type", {"code": "X", "name": "x"}, "missing field 'type'"),
    ("an unknown type", {"type": "foo"}, "unknown type 'foo'"),
    # units
    ("a unit without code", {"type": "unit", "name": "x"}, "missing field 'code'"),
    ("a unit code that is a number", unit(5), "invalid code 5 for 'code' (must be a non-empty string)"),  # type: ignore[arg-type]
    ("an empty unit code", unit(""), "invalid code '' for 'code' (must be a non-empty string)"),
    ("a unit with a null name", unit("X", "HUE", name=None), "missing field 'name'"),
    ("a unit under an unknown parent", unit("X", "NOPE"), "unknown parent unit 'NOPE'"),
    ("a unit with a bad valid_from", unit("X", "HUE", valid_from="2025-02-30"), "invalid date '2025-02-30' for 'valid_from'"),
    ("a duplicate unit", unit("PV", "HUE"), "duplicate unit code 'PV'"),
    # officers
    ("an officer in an unknown unit", officer("O9", "NOPE"), "unknown unit 'NOPE'"),
    ("an officer without name", {"type": "officer", "code": "O9", "unit": "PV"}, "missing field 'name'"),
    ("a duplicate officer", officer("O1"), "duplicate officer code 'O1'"),
    # cases
    ("a case without decided_on", case("V9", decided_on=None), "missing field 'decided_on'"),
    ("a case with month 13", case("V9", decided_on="2024-13-01"), "invalid date '2024-13-01' for 'decided_on'"),
    ("a case with a slashed date", case("V9", decided_on="2024/01/01"), "invalid date '2024/01/01' for 'decided_on'"),
    ("a case with a compact date", case("V9", decided_on="20240101"), "invalid date '20240101' for 'decided_on'"),
    ("a case id that is a number", case(9), "invalid id 9 for 'id' (must be a non-empty string)"),  # type: ignore[arg-type]
    ("an unknown initiation", case("V9", initiation="tu_nguyen"), "invalid value 'tu_nguyen' for 'initiation'"),
    ("an unknown judgment kind", case("V9", judgment_kind="quan_su"), "invalid value 'quan_su' for 'judgment_kind'"),
    ("a case in an unknown unit", case("V9", "NOPE"), "unknown unit 'NOPE'"),
    ("a case naming an officer without record", case("V9", officer="O7"), "unknown officer 'O7'"),
    ("a case without obligations", case("V9", obligations=None), "missing field 'obligations'"),
    ("a case with no obligation", case("V9", obligations=[]), "'obligations' must be a non-empty list"),
    ("duplicate obligation ids", case("V9", obligations=[
        {"id": "1", "kind": "an_phi", "beneficiary": "state", "amount": 1},
        {"id": "1", "kind": "tra_no", "beneficiary": "person", "amount": 2}]), "duplicate obligation id '1'"),
    ("an obligation id that is a number", case("V9", obligations=[
        {"id": 1, "kind": "an_phi", "beneficiary": "state", "amount": 1}]),
     "obligation 1: invalid id 1 for 'id' (must be a non-empty string)"),
    ("an unknown obligation kind", case("V9", obligations=[
        {"id": "1", "kind": "thue", "beneficiary": "state", "amount": 1}]), "obligation 1: invalid value 'thue' for 'kind'"),
    ("an unknown beneficiary", case("V9", obligations=[
        {"id": "1", "kind": "an_phi", "beneficiary": "court", "amount": 1}]),
     "obligation 1: invalid value 'court' for 'beneficiary'"),
    ("an obligation without amount", case("V9", obligations=[{"id": "1", "kind": "an_phi", "beneficiary": "state"}]),
     "obligation 1: missing field 'amount'"),
    ("money 1e6", '{"type": "case", "id": "V9", "unit": "PV", "decided_on": "2024-01-10", "initiation": "theo_don", '
     '"judgment_kind": "dan_su", "obligations": [{"id": "1", "kind": "tra_no", "beneficiary": "person", "amount": 1e6}]}',
     "obligation 1: invalid money value 1e6 for 'amount'"),
    ("money 100.0", '{"type": "case", "id": "V9", "unit": "PV", "decided_on": "2024-01-10", "initiation": "theo_don", '
     '"judgment_kind": "dan_su", "obligations": [{"id": "1", "kind": "tra_no", "beneficiary": "person", "amount": 100.0}]}',
     "obligation 1: invalid money value 100.0 for 'amount'"),
    ("money as the string 100.0", case("V9", amount="100.0"), "obligation 1: invalid money value '100.0' for 'amount'"),
    ("money as the string 1e6", case("V9", amount="1e6"), "obligation 1: invalid money value '1e6' for 'amount'"),
    ("money true", case("V9", amount=True), "obligation 1: invalid money value true for 'amount'"),
    ("negative money", case("V9", amount=-5), "obligation 1: invalid money value -5 for 'amount'"),
    ("negative money as a string", case("V9", amount="-5"), "obligation 1: invalid money value '-5' for 'amount'"),
    ("a judgment with a bad date", case("V9", judgment={"court": "TAND", "date": "2024-02-31"}),
     "invalid date '2024-02-31' for 'date' in 'judgment'"),
    ("a debtor that is not an object", case("V9", debtor="Lê Văn Đức"),
     "invalid value 'Lê Văn Đức' for 'debtor' (must be an object)"),
    ("a decision number that is a number", case("V9", decision_no=12), "invalid value 12 for 'decision_no' (must be a string)"),
    ("a duplicate case", case("V1"), "duplicate case id 'V1'"),
    # events
    ("an event of an unknown case", event("V7", "2024-03-01", "verified_able"), "unknown case 'V7'"),
    ("an event with an unknown kind", event("V1", "2024-03-01", "paid"), "invalid value 'paid' for 'kind'"),
    ("an event without date", event("V1", None, "verified_able"), "missing field 'on'"),
    ("an event before the previous one", event("V1", "2024-01-31", "payment", obligation="1", amount=1),
     "event dated 2024-01-31 is before the previous event of case V1 (2024-02-01)"),
    ("a resume from ENFORCING", event("V1", "2024-03-01", "resumed"), "'resumed' is not allowed in state ENFORCING"),
    ("a separate book from ENFORCING", event("V1", "2024-03-01", "separate_book"),
     "'separate_book' is not allowed in state ENFORCING"),
    ("a payment larger than outstanding", event("V1", "2024-03-01", "payment", obligation="1", amount=6000000),
     "payment of 6000000 exceeds the outstanding 5000000 of obligation '1'"),
    ("a reduction larger than outstanding", event("V1", "2024-03-01", "reduced", obligation="1", amount="5000001"),
     "reduced of 5000001 exceeds the outstanding 5000000 of obligation '1'"),
    ("a payment on an unknown obligation", event("V1", "2024-03-01", "payment", obligation="2", amount=1),
     "unknown obligation '2' of case V1"),
    ("a payment without amount", event("V1", "2024-03-01", "payment", obligation="1"), "missing field 'amount'"),
    ("a payment of 1e6 as a string", event("V1", "2024-03-01", "payment", obligation="1", amount="1e6"),
     "invalid money value '1e6' for 'amount'"),
    ("a completion with money outstanding", event("V1", "2024-03-01", "completed"),
     "'completed' while 5000000 is still outstanding in case V1"),
    ("a postponement without ground", event("V1", "2024-03-01", "postponed"), "missing field 'ground'"),
    ("a postponement on a made-up ground", event("V1", "2024-03-01", "postponed", ground="48.3"),
     "invalid value '48.3' for 'ground'"),
    ("a 44a classification on a 48 ground", event("V1", "2024-03-01", "classified_unable", ground="48.1.c"),
     "invalid value '48.1.c' for 'ground'"),
    ("a suspension on a termination ground", event("V1", "2024-03-01", "suspended", ground="50.1.a"),
     "invalid value '50.1.a' for 'ground'"),
    ("an entrustment without destination", event("V1", "2024-03-01", "entrusted_out"), "missing field 'to'"),
    ("a move to an unknown unit", event("V1", "2024-03-01", "moved", unit="NOPE"), "unknown unit 'NOPE'"),
    ("a reassignment to an unknown officer", event("V1", "2024-03-01", "reassigned", officer="O7"),
     "unknown officer 'O7'"),
    ("an event whose case id is a number", event(1, "2024-03-01", "verified_able"),  # type: ignore[arg-type]
     "invalid id 1 for 'case' (must be a non-empty string)"),
]


@pytest.mark.parametrize(("record", "reason"), [(r, why) for _, r, why in INVALID_RECORDS],
                         ids=[name for name, _, _ in INVALID_RECORDS])
def test_it_reports_each_invalid_record_once_with_its_line_and_keeps_the_valid_ones(record: Any, reason: str) -> None:
    result = run(*BASE, record)
    assert result.errors == [(6, reason)]
    assert [u.code for u in result.units] == ["HUE", "PV"]
    assert [o.code for o in result.officers] == ["O1"]
    assert [c.id for c in result.cases] == ["V1"]
    assert len(result.events) == 1


def test_it_formats_errors_as_line_n_reason() -> None:
    assert format_errors(run(*BASE, {"type": "foo"}).errors) == ["line 6: unknown type 'foo'"]


def test_it_rejects_a_payment_larger_than_outstanding() -> None:
    result = run(*BASE, event("V1", "2024-03-01", "payment", obligation="1", amount=3000000),
                 event("V1", "2024-03-02", "payment", obligation="1", amount=2000001))
    assert result.errors == [(7, "payment of 2000001 exceeds the outstanding 2000000 of obligation '1'")]


def test_it_rejects_an_event_dated_before_the_decision() -> None:
    result = run(*BASE[:4], event("V1", "2024-01-09", "verified_able"))
    assert result.errors == [(5, "event dated 2024-01-09 is before the decision date of case V1 (2024-01-10)")]


def test_it_rejects_every_event_after_a_final_state() -> None:
    result = run(*BASE, event("V1", "2024-03-01", "revoked"), event("V1", "2024-03-02", "moved", unit="HUE"))
    assert result.errors == [(7, "'moved' is not allowed in state REVOKED")]


def test_an_invalid_event_does_not_invalidate_later_events_that_break_no_rule() -> None:
    result = run(*BASE, event("V1", "2024-03-01", "payment", obligation="1", amount=6000000),  # 6: too much
                 event("V1", "2024-03-02", "payment", obligation="1", amount="5000000"),  # 7: fine
                 event("V1", "2024-02-15", "completed"),  # 8: before the previous *valid* event
                 event("V1", "2024-03-02", "completed"))  # 9: nothing outstanding now
    assert [n for n, _ in result.errors] == [6, 8]
    assert "before the previous event of case V1 (2024-03-02)" in result.errors[1][1]
    assert [(e.line, e.kind) for e in result.events][1:] == [(7, EventKind.PAYMENT), (9, EventKind.COMPLETED)]
    assert result.events[1].amount == 5000000


def test_money_zero_and_digit_strings_are_valid() -> None:
    result = run(*BASE[:3], case("V1", amount="0"), event("V1", "2024-02-01", "payment", obligation="1", amount=0),
                 event("V1", "2024-02-01", "completed"), case("V2", amount="0012"))
    assert result.ok
    assert result.cases[0].amount == 0 and result.cases[1].amount == 12


def test_blank_lines_are_ignored_but_counted() -> None:
    result = validate(["", json.dumps(unit("HUE")), "   ", json.dumps({"type": "foo"})])
    assert result.errors == [(4, "unknown type 'foo'")] and len(result.units) == 1


def test_lines_may_be_bytes_and_must_be_utf8() -> None:
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in BASE).encode() + b"\n\xff\xfe\n"
    result = validate(split_lines(data))
    assert result.errors == [(6, "invalid UTF-8")] and len(result.events) == 1


def test_null_counts_as_missing_and_unknown_keys_are_ignored() -> None:
    result = run(unit("HUE", None, colour="red"), unit("PV", "HUE", valid_to=None),
                 officer("O1", extra={"a": 1}), case("V1", decision_no=None, creditor=None, note="x"))
    assert result.ok
    assert result.units[0].canonical() == {"type": "unit", "code": "HUE", "name": "Unit HUE", "parent": None}


def test_a_record_that_depends_on_an_invalid_record_is_invalid() -> None:
    result = run(*BASE,
                 unit("X", "HUE", name=""),  # 6: invalid
                 unit("Y", "X"),  # 7: under an invalid parent
                 officer("OY", "Y"),  # 8: in an invalid unit
                 case("VY", "Y", officer=None),  # 9: in an invalid unit
                 officer("OX", "PV", name=None),  # 10: invalid
                 case("VO", officer="OX"),  # 11: names an invalid officer
                 event("VY", "2024-03-01", "verified_able"),  # 12: event of an invalid case
                 event("V1", "2024-03-01", "moved", unit="Y"),  # 13: moved to an invalid unit
                 event("V1", "2024-03-01", "reassigned", officer="OX"),  # 14: reassigned to an invalid officer
                 event("V1", "2024-03-01", "moved", unit="HUE"))  # 15: fine
    assert result.errors == [
        (6, "missing field 'name'"), (7, "parent unit 'X' is invalid"), (8, "unit 'Y' is invalid"),
        (9, "unit 'Y' is invalid"), (10, "missing field 'name'"), (11, "officer 'OX' is invalid"),
        (12, "case 'VY' is invalid"), (13, "unit 'Y' is invalid"), (14, "officer 'OX' is invalid")]
    assert [u.code for u in result.units] == ["HUE", "PV"] and [c.id for c in result.cases] == ["V1"]
    assert [e.line for e in result.events] == [5, 15]


def test_of_two_records_with_the_same_id_the_later_is_invalid_even_when_the_first_is_invalid() -> None:
    result = run(*BASE[:3], case("V1", decided_on="2024-02-30"), case("V1"), event("V1", "2024-03-01", "verified_able"),
                 unit("PV", None), officer("O1", "HUE"))
    assert result.errors == [(4, "invalid date '2024-02-30' for 'decided_on'"), (5, "duplicate case id 'V1'"),
                             (6, "case 'V1' is invalid"), (7, "duplicate unit code 'PV'"),
                             (8, "duplicate officer code 'O1'")]


def test_a_parent_cycle_makes_every_unit_in_it_invalid() -> None:
    result = run(unit("HUE"), unit("A", "B"), unit("B", "A"), unit("C", "A"), unit("S", "S"), unit("D", "HUE"))
    assert result.errors == [(2, "parent cycle A -> B -> A"), (3, "parent cycle B -> A -> B"),
                             (4, "parent unit 'A' is invalid"), (5, "parent cycle S -> S")]
    assert [u.code for u in result.units] == ["HUE", "D"]


def test_units_come_out_parents_first_whatever_the_file_order() -> None:
    result = run(unit("A1", "A"), unit("A", "HUE"), unit("B", "HUE"), unit("HUE"))
    assert result.ok
    assert [u.code for u in result.units] == ["HUE", "A", "A1", "B"]


def test_records_may_come_in_any_order_but_an_event_needs_its_case_earlier() -> None:
    result = run(event("V1", "2024-02-01", "verified_able"), case("V1"), officer("O1"), unit("PV", "HUE"),
                 event("V1", "2024-03-01", "moved", unit="PV2"), event("V1", "2024-03-02", "reassigned", officer="O2"),
                 unit("HUE"), unit("PV2", "HUE"), officer("O2", "PV2"))
    assert result.errors == [(1, "unknown case 'V1'")]
    assert [e.line for e in result.events] == [5, 6]


# --- importing again -------------------------------------------------------------------------------------------------

def example_lines() -> list[bytes]:
    return split_lines(EXAMPLE.read_bytes())  # type: ignore[return-value]


def test_importing_the_worked_example_again_changes_nothing() -> None:
    first = validate(example_lines())
    assert first.ok
    again = validate(example_lines(), stored_from(first))
    assert again.ok and not (again.units or again.officers or again.cases or again.events)
    assert (again.unchanged_units, again.unchanged_officers, again.unchanged_cases, again.unchanged_events) == (
        2, 1, 11, 26)


def test_new_events_of_a_stored_case_are_appended_and_checked_against_the_stored_state() -> None:
    stored = stored_from(run(*BASE, event("V1", "2024-03-01", "payment", obligation="1", amount=4000000)))
    result = run(*BASE, event("V1", "2024-03-01", "payment", obligation="1", amount=4000000),
                 event("V1", "2024-03-05", "payment", obligation="1", amount=2000000),  # 7: only 1,000,000 left
                 event("V1", "2024-02-20", "payment", obligation="1", amount=1000000),  # 8: before the stored 2024-03-01
                 event("V1", "2024-03-06", "payment", obligation="1", amount=1000000),  # 9: appended
                 event("V1", "2024-03-06", "completed"), case("V2"), stored=stored)  # 10 appended; 11 new case
    assert result.errors == [(7, "payment of 2000000 exceeds the outstanding 1000000 of obligation '1'"),
                             (8, "event dated 2024-02-20 is before the previous event of case V1 (2024-03-01)")]
    assert [e.line for e in result.events] == [9, 10] and [c.id for c in result.cases] == ["V2"]
    assert result.unchanged_events == 2 and result.unchanged_cases == 1


def test_a_differing_event_conflicts_with_the_stored_history_and_so_do_the_events_after_it() -> None:
    stored = stored_from(run(*BASE, event("V1", "2024-03-01", "payment", obligation="1", amount=4000000)))
    result = run(*BASE, event("V1", "2024-03-01", "payment", obligation="1", amount=3000000),
                 event("V1", "2024-03-02", "payment", obligation="1", amount=1000000), stored=stored)
    assert result.errors == [(6, "conflicts with the stored history of case V1"),
                             (7, "conflicts with the stored history of case V1")]
    assert result.events == []


def test_a_file_holding_an_older_prefix_of_the_stored_history_changes_nothing() -> None:
    stored = stored_from(run(*BASE, event("V1", "2024-03-01", "payment", obligation="1", amount=4000000)))
    result = run(*BASE, stored=stored)
    assert result.ok and result.events == [] and result.unchanged_events == 1


def test_a_stored_record_that_differs_in_the_file_is_invalid_and_so_are_its_dependents() -> None:
    stored = stored_from(run(*BASE))
    result = run(unit("HUE"), unit("PV", "HUE", name="Renamed"), officer("O1"), case("V1"),
                 event("V1", "2024-02-01", "verified_able"), unit("N", "HUE"), officer("O1b", "HUE"), stored=stored)
    assert result.errors == [(2, "conflicts with the stored unit 'PV'"), (3, "unit 'PV' is invalid"),
                             (4, "unit 'PV' is invalid"), (5, "case 'V1' is invalid")]
    assert [u.code for u in result.units] == ["N"] and [o.code for o in result.officers] == ["O1b"]
    assert result.unchanged_units == 1


def test_a_stored_case_whose_record_differs_invalidates_its_events() -> None:
    stored = stored_from(run(*BASE))
    result = run(*BASE[:3], case("V1", amount=6000000), BASE[4], stored=stored)
    assert result.errors == [(4, "conflicts with the stored case 'V1'"), (5, "case 'V1' is invalid")]
    assert (result.unchanged_units, result.unchanged_officers, result.unchanged_cases) == (2, 1, 0)


def test_new_records_may_refer_to_stored_units_and_officers() -> None:
    stored = stored_from(run(*BASE))
    result = run(case("V2"), event("V2", "2024-02-01", "moved", unit="HUE"), stored=stored)
    assert result.ok and [c.id for c in result.cases] == ["V2"] and len(result.events) == 1


# --- the export form -------------------------------------------------------------------------------------------------

def test_the_worked_example_round_trips_byte_for_byte() -> None:
    for raw in example_lines():
        if raw.strip():
            record = parse_line(raw)
            assert record is not None and dumps(record).encode() == raw


def test_canonical_form_orders_keys_drops_empty_and_unknown_fields_and_writes_money_as_int() -> None:
    messy = {"obligations": [{"amount": "700", "beneficiary": "state", "kind": "an_phi", "id": "1", "x": 1}],
             "creditor": {"address": "", "name": "Mai", "zzz": 1}, "debtor": {}, "judgment_kind": "dan_su",
             "initiation": "chu_dong", "decision_no": "", "decided_on": "2024-01-10", "unit": "PV", "id": "V1",
             "type": "case", "judgment": {"date": "2024-01-01", "court": "TAND"}}
    record = parse_line(json.dumps(messy))
    assert dumps(record) == (  # type: ignore[arg-type]
        '{"type": "case", "id": "V1", "unit": "PV", "decided_on": "2024-01-10", "initiation": "chu_dong", '
        '"judgment_kind": "dan_su", "judgment": {"court": "TAND", "date": "2024-01-01"}, "creditor": {"name": "Mai"}, '
        '"obligations": [{"id": "1", "kind": "an_phi", "beneficiary": "state", "amount": 700}]}')
    ev = parse_line('{"on": "2024-02-01", "kind": "payment", "amount": "5", "ground": "x", "obligation": "1", '
                    '"case": "V1", "type": "event"}')
    assert dumps(ev) == ('{"type": "event", "case": "V1", "on": "2024-02-01", "kind": "payment", "obligation": "1", '  # type: ignore[arg-type]
                         '"amount": 5}')


def test_records_built_in_code_have_the_same_canonical_form() -> None:
    rec = CaseRec("V1", "PV", date(2024, 1, 10), None, "theo_don", "dan_su", None, None,
                  {"address": "Huế", "name": "Đức", "id_number": ""}, {}, (ObligationRec("1", "tra_no", "person", 5),))
    assert dumps(rec) == ('{"type": "case", "id": "V1", "unit": "PV", "decided_on": "2024-01-10", "initiation": '
                          '"theo_don", "judgment_kind": "dan_su", "debtor": {"name": "Đức", "address": "Huế"}, '
                          '"obligations": [{"id": "1", "kind": "tra_no", "beneficiary": "person", "amount": 5}]}')
    assert UnitRec("HUE", "Huế", valid_from=date(2025, 7, 1)).canonical() == {
        "type": "unit", "code": "HUE", "name": "Huế", "parent": None, "valid_from": "2025-07-01"}
    assert EventRec("V1", date(2024, 2, 1), EventKind.MOVED, unit="HUE").canonical()["unit"] == "HUE"


def test_the_validator_replays_the_worked_example_to_the_documented_states() -> None:
    histories = {h.case.id: h for h in validate(example_lines()).histories()}
    at_end = {cid: h.state_at(date(2025, 9, 30)) for cid, h in histories.items()}
    assert at_end["V3"].state is State.ENFORCING and at_end["V3"].outstanding == 20000000
    assert at_end["V3"].by_obligation() == {"1": 20000000}
    assert at_end["V4"].state is State.SEPARATE_BOOK
    assert at_end["V9"].state is State.POSTPONED and at_end["V9"].ground == "48.1.a"
    assert histories["V3"].state_at(date(2025, 10, 15)).outstanding == 15000000
    assert histories["V1"].state_before(date(2024, 11, 5)).state is State.ENFORCING
