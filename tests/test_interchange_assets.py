"""The interchange records of debtors' assets and measures (docs/interchange-assets.md): import of every record type,
per-row errors with nothing written, ``--skip-invalid`` dependents, importing again, appending to a stored measure,
and export → import into an empty database → export byte for byte, with and without those records."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from thads.assets.models import (
    Asset,
    AssetDisposal,
    AuctionContract,
    AuctionSession,
    CoercionPlan,
    CostEntry,
    Debtor,
    DebtorCase,
    InfoRequest,
    Measure,
    MeasureEvent,
    Valuation,
)
from thads.assets.models_interchange import InterchangeKey
from thads.cases import interchange_ext
from thads.cases.exporter import export_lines
from thads.cases.importer import import_data
from thads.cases.ledger.models import LedgerEntry
from thads.cases.models import Case, CaseEvent, CaseNumberCounter, Obligation, Party
from thads.org.models import Officer, Unit

ASSET_MODELS = (InterchangeKey, AssetDisposal, AuctionSession, AuctionContract, Valuation, CostEntry, CoercionPlan,
                MeasureEvent, Measure, InfoRequest, Asset, DebtorCase, Debtor)


def _line(rec: dict[str, Any]) -> str:
    return json.dumps(rec, ensure_ascii=False)


# --- a sample file: §1 records (lines 1-10), then one or more records of every assets type -------------------------

CASES = [
    {"type": "unit", "code": "HUE", "name": "Cục THADS tỉnh Thừa Thiên Huế", "parent": None},
    {"type": "unit", "code": "HUE-PV", "name": "Chi cục THADS huyện Phú Vang", "parent": "HUE"},
    {"type": "officer", "code": "PV-CHV-01", "name": "Trần Thị Hoa", "unit": "HUE-PV"},
    {"type": "case", "id": "HUE-PV-2024-00001", "unit": "HUE-PV", "decided_on": "2024-10-07", "initiation": "theo_don",
     "judgment_kind": "dan_su", "officer": "PV-CHV-01", "debtor": {"name": "Lê Văn Đức", "id_number": "046090001234"},
     "obligations": [{"id": "1", "kind": "tra_no", "beneficiary": "person", "amount": 100_000_000}]},
    {"type": "event", "case": "HUE-PV-2024-00001", "on": "2024-10-25", "kind": "verified_able"},
    {"type": "event", "case": "HUE-PV-2024-00001", "on": "2024-12-10", "kind": "payment", "obligation": "1",
     "amount": 30_000_000},
    {"type": "event", "case": "HUE-PV-2024-00001", "on": "2025-03-20", "kind": "payment", "obligation": "1",
     "amount": 22_500_000},
    {"type": "case", "id": "HUE-PV-2024-00002", "unit": "HUE-PV", "decided_on": "2024-11-01", "initiation": "theo_don",
     "judgment_kind": "dan_su", "officer": "PV-CHV-01", "debtor": {"name": "Lê Văn Đức", "id_number": "046090001234"},
     "obligations": [{"id": "1", "kind": "boi_thuong", "beneficiary": "person", "amount": 50_000_000}]},
    {"type": "event", "case": "HUE-PV-2024-00002", "on": "2024-11-20", "kind": "verified_able"},
    {"type": "event", "case": "HUE-PV-2024-00002", "on": "2025-05-12", "kind": "payment", "obligation": "1",
     "amount": 18_000_000},
]
C1, C2 = "HUE-PV-2024-00001", "HUE-PV-2024-00002"

ASSETS = [
    {"type": "debtor", "id": "HUE-PV-D-00001", "unit": "HUE-PV", "kind": "person", "name": "Lê Văn Đức",
     "id_number": "046090001234", "address": "Phú Thuận, Phú Vang", "declared_on": "2024-10-20",
     "declaration": "Một thửa đất, một xe máy, tài khoản tại Agribank", "cases": [C1, C2]},
    {"type": "asset", "id": "HUE-PV-A-00001", "debtor": "HUE-PV-D-00001", "kind": "land",
     "description": "Thửa đất số 112, tờ bản đồ 5, xã Phú Thuận", "found_on": "2024-10-30",
     "identifiers": {"certificate": "CS 01234", "parcel": "112", "sheet": "5", "area_m2": 120},
     "source": "Văn phòng đăng ký đất đai huyện Phú Vang", "estimated_value": 30_000_000},
    {"type": "asset", "id": "HUE-PV-A-00002", "debtor": "HUE-PV-D-00001", "kind": "bank_account",
     "description": "Tài khoản thanh toán", "found_on": "2024-10-30", "holder": "Agribank Phú Vang",
     "identifiers": {"account": "4000205123456"}, "status": "frozen"},
    {"type": "asset", "id": "HUE-PV-A-00003", "debtor": "HUE-PV-D-00001", "kind": "vehicle",
     "description": "Xe máy Honda Wave", "found_on": "2024-11-25", "identifiers": {"plate": "75H1-123.45"},
     "estimated_value": 12_000_000, "status": "taken_by_creditor"},
    {"type": "info_request", "id": "HUE-PV-R-00001", "debtor": "HUE-PV-D-00001", "case": C1,
     "body": "Agribank Phú Vang", "asset_kind": "bank_account", "requested_on": "2024-10-28",
     "reply_due_on": "2024-10-28", "replied_on": "2024-10-28", "found": True, "asset": "HUE-PV-A-00002"},
    {"type": "measure", "id": "HUE-PV-M-00001", "case": C1, "debtor": "HUE-PV-D-00001", "kind": "account_freeze",
     "decided_on": "2024-10-29", "decision_no": "01/QĐ-CCTHADS", "asset": "HUE-PV-A-00002", "amount": 100_000_000,
     "events": [{"kind": "decided", "on": "2024-10-29"}, {"kind": "executed", "on": "2024-10-30"},
                {"kind": "released", "on": "2024-12-10"}]},
    {"type": "measure", "id": "HUE-PV-M-00002", "case": C1, "debtor": "HUE-PV-D-00001", "kind": "account_deduction",
     "decided_on": "2024-12-02", "asset": "HUE-PV-A-00002", "amount": 30_000_000,
     "events": [{"kind": "decided", "on": "2024-12-02"}, {"kind": "executed", "on": "2024-12-05"},
                {"kind": "collected", "on": "2024-12-10", "amount": 30_000_000, "payment": 2}]},
    {"type": "measure", "id": "HUE-PV-M-00003", "case": C1, "debtor": "HUE-PV-D-00001", "kind": "distraint",
     "decided_on": "2025-02-20", "asset": "HUE-PV-A-00001",
     "events": [{"kind": "decided", "on": "2025-02-20"}, {"kind": "executed", "on": "2025-03-04"},
                {"kind": "collected", "on": "2025-03-20", "amount": 22_500_000, "payment": 3}]},
    {"type": "measure", "id": "HUE-PV-M-00004", "case": C2, "debtor": "HUE-PV-D-00001", "kind": "distraint",
     "decided_on": "2025-03-03", "asset": "HUE-PV-A-00003",
     "events": [{"kind": "decided", "on": "2025-03-03"}, {"kind": "executed", "on": "2025-03-10"},
                {"kind": "collected", "on": "2025-05-12", "amount": 18_000_000, "payment": 2}]},
    {"type": "valuation", "id": "HUE-PV-V-00001", "asset": "HUE-PV-A-00001", "measure": "HUE-PV-M-00003",
     "method": "appraised", "on": "2025-03-05", "value": 25_000_000, "appraiser": "Công ty thẩm định giá Huế"},
    {"type": "coercion_plan", "id": "HUE-PV-P-00001", "case": C1, "measure": "HUE-PV-M-00003",
     "starts_at": "2025-03-04T08:00", "place": "Thôn An Lộc, xã Phú Thuận", "mobilised_forces": True,
     "forces": "Công an huyện, UBND xã", "cost_estimate": 6_000_000, "status": "carried_out",
     "carried_out_on": "2025-03-04", "result": "Đã kê biên thửa đất"},
    {"type": "cost", "id": "HUE-PV-C-00001", "case": C1, "plan": "HUE-PV-P-00001", "kind": "charged",
     "on": "2025-03-04", "amount": 5_400_000, "description": "Chi phí huy động lực lượng"},
    {"type": "auction", "id": "HUE-PV-AU-00001", "asset": "HUE-PV-A-00001", "case": C1, "measure": "HUE-PV-M-00003",
     "organisation": "Trung tâm dịch vụ đấu giá tài sản tỉnh", "contract_no": "12/HĐ-ĐG", "signed_on": "2025-03-06",
     "sessions": [{"held_on": "2025-03-12", "starting_price": 25_000_000, "outcome": "unsold"},
                  {"held_on": "2025-03-19", "starting_price": 22_500_000, "reductions": 1, "outcome": "sold",
                   "sale_price": 22_500_000, "buyer": "Nguyễn Văn An"}]},
    {"type": "auction", "id": "HUE-PV-AU-00002", "asset": "HUE-PV-A-00003", "case": C2, "measure": "HUE-PV-M-00004",
     "organisation": "Trung tâm dịch vụ đấu giá tài sản tỉnh", "signed_on": "2025-03-14",
     "sessions": [{"held_on": "2025-04-02", "starting_price": 20_000_000, "outcome": "unsold"},
                  {"held_on": "2025-04-22", "starting_price": 18_000_000, "reductions": 1, "outcome": "unsold"}]},
    {"type": "disposal", "id": "HUE-PV-X-00001", "asset": "HUE-PV-A-00001", "case": C1, "kind": "sold",
     "on": "2025-03-20", "value": 22_500_000, "auction": "HUE-PV-AU-00001", "session": 2, "to_whom": "Nguyễn Văn An"},
    {"type": "disposal", "id": "HUE-PV-X-00002", "asset": "HUE-PV-A-00003", "case": C2, "kind": "taken_by_creditor",
     "on": "2025-05-12", "value": 18_000_000, "auction": "HUE-PV-AU-00002", "session": 2,
     "to_whom": "Nguyễn Thị Mai"},
]
N_CASE_LINES = len(CASES)


def _file(*records: dict[str, Any]) -> str:
    return "".join(_line(r) + "\n" for r in records)


SAMPLE = _file(*CASES, *ASSETS)


def _asset_counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in ASSET_MODELS)


def _all_counts() -> tuple[int, ...]:
    return _asset_counts() + (Unit.objects.count(), Case.objects.count(), CaseEvent.objects.count(),
                              LedgerEntry.objects.count())


def _export(code: str = "HUE") -> str:
    return "".join(line + "\n" for line in export_lines(Unit.objects.get(code=code)))


def _wipe() -> None:
    """Everything the imports wrote, children first (the database is then as empty as a new one)."""
    from thads.deadlines.models import Deadline
    from thads.stats.models import StatCell, StatOfficerCell

    for model in ASSET_MODELS:
        model.objects.all().delete()
    for model in (LedgerEntry, CaseEvent, Deadline, Obligation, StatCell, StatOfficerCell, Party, Case):
        model.objects.all()._raw_delete(model.objects.db)
    CaseNumberCounter.objects.all().delete()
    Officer.objects.all().delete()
    for unit in sorted(Unit.objects.all(), key=lambda u: -len(u.path)):
        unit.delete()


# --- import ---------------------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_a_file_with_every_record_type_imports_every_row():
    report = import_data(SAMPLE, historical=True)
    assert report.errors == []
    assert report.extra == {"debtor": 1, "asset": 3, "info_request": 1, "measure": 4, "valuation": 1,
                            "coercion_plan": 1, "cost": 1, "auction": 2, "disposal": 2}
    debtor = Debtor.objects.get()
    assert sorted(debtor.links.values_list("case__ext_id", flat=True)) == [C1, C2]
    assert debtor.unit.code == "HUE-PV" and debtor.declared_on == date(2024, 10, 20)
    land = Asset.objects.get(kind="land")
    assert land.identifiers == {"area_m2": 120, "certificate": "CS 01234", "parcel": "112", "sheet": "5"}
    assert InfoRequest.objects.get().asset.kind == "bank_account"
    freeze = Measure.objects.get(kind="account_freeze")
    assert (freeze.status, freeze.executed_on, freeze.released_on) == ("released", date(2024, 10, 30),
                                                                       date(2024, 12, 10))
    assert freeze.unit.code == "HUE-PV"
    deduction = Measure.objects.get(kind="account_deduction")
    collected = deduction.events.get(kind="collected")
    payment = CaseEvent.objects.get(case__ext_id=C1, kind="payment", on=date(2024, 12, 10))
    assert collected.case_event_id == payment.pk and collected.amount == 30_000_000
    assert [s.outcome for s in AuctionSession.objects.filter(contract__contract_no="12/HĐ-ĐG").order_by("seq")] == \
        ["unsold", "sold"]
    sold = AssetDisposal.objects.get(kind="sold")
    assert sold.session.seq == 2 and sold.session.sale_price == 22_500_000
    taken = AssetDisposal.objects.get(kind="taken_by_creditor")
    assert taken.session.outcome == "unsold" and taken.case.ext_id == C2
    assert CoercionPlan.objects.get().costs.get().amount == 5_400_000
    assert InterchangeKey.objects.count() == 16


@pytest.mark.django_db
def test_assets_records_add_no_case_event_nor_ledger_row():
    import_data(_file(*CASES), historical=True)
    before = (CaseEvent.objects.count(), LedgerEntry.objects.count())
    _wipe()
    import_data(SAMPLE, historical=True)
    assert (CaseEvent.objects.count(), LedgerEntry.objects.count()) == before


def _with(index: int, **changes: Any) -> list[dict[str, Any]]:
    """ASSETS with record ``index`` changed (a value None removes the key)."""
    out = [dict(r) for r in ASSETS]
    for key, value in changes.items():
        if value is None:
            out[index].pop(key, None)
        else:
            out[index][key] = value
    return out


def _line_of(index: int) -> int:
    return N_CASE_LINES + index + 1


BAD = [
    pytest.param(_with(0, cases=[C1, "HUE-PV-2024-09999"]), 0, "unknown case 'HUE-PV-2024-09999'",
                 id="unknown case in a debtor's register"),
    pytest.param(_with(5, case="HUE-PV-2024-09999"), 5, "unknown case 'HUE-PV-2024-09999'",
                 id="unknown case of a measure"),
    pytest.param(_with(1, debtor="HUE-PV-D-09999"), 1, "unknown debtor 'HUE-PV-D-09999'",
                 id="unknown debtor of an asset"),
    pytest.param(_with(1, estimated_value=1.5e7), 1, "invalid money value 15000000.0 for 'estimated_value'",
                 id="bad money: a fraction"),
    pytest.param(_with(11, amount="5 400 000"), 11, "invalid money value '5 400 000' for 'amount'",
                 id="bad money: not digits"),
    pytest.param(_with(5, kind="seizure_of_the_moon"), 5, "invalid value 'seizure_of_the_moon' for 'kind'",
                 id="measure kind unknown"),
    pytest.param(_with(12, signed_on="2025-03-13"), 12, "session 1 is held before the contract was signed",
                 id="Art. 101: session before the contract"),
    pytest.param(_with(6, decided_on="2024-10-10", events=[{"kind": "decided", "on": "2024-10-10"}]), 6,
                 "a coercive measure ('account_deduction') decided on 2024-10-10, within the voluntary period "
                 "(Luật THADS Arts. 45.1, 46.1: not before 2024-10-18)", id="Art. 46.1: coercion in the voluntary period"),
    pytest.param(_with(6, events=[{"kind": "decided", "on": "2024-12-02"}, {"kind": "executed", "on": "2024-12-05"},
                                  {"kind": "collected", "on": "2024-12-10", "amount": 1, "payment": 1}]), 6,
                 f"event 3: event 1 of case '{C1}' is not a payment", id="a collection names a non-payment event"),
    pytest.param(_with(5, events=[{"kind": "decided", "on": "2024-10-29"}, {"kind": "collected", "on": "2024-10-30",
                                                                            "amount": 1}]), 5,
                 "event 2: 'collected' may not follow 'decided'", id="money before the measure is carried out"),
    pytest.param(_with(10, starts_at="2025-03-09T08:00", carried_out_on="2025-03-09"), 10,
                 "no coercion on 2025-03-09, a rest day or holiday (Luật THADS Art. 46.2)", id="Art. 46.2: a Sunday"),
    pytest.param(_with(10, starts_at="2025-02-05T08:00", carried_out_on="2025-02-05"), 10,
                 "no coercion with mobilised forces on 2025-02-05, within 15 days of Tết (Decree 62/2015 Art. 13.2; "
                 "Decree 152/2026 Art. 42)", id="Decree 62 Art. 13.2: Tết with mobilised forces"),
    pytest.param(_with(10, starts_at="2025-03-04T23:00"), 10,
                 "'starts_at' 23:00 is at night (no coercion from 22:00 to 06:00, Luật THADS Art. 46.2)",
                 id="Art. 46.2: at night"),
    pytest.param(_with(7, asset="HUE-PV-A-09999"), 7, "unknown asset 'HUE-PV-A-09999'", id="unknown asset"),
    pytest.param(_with(14, session=1), 14, "session 1 of auction 'HUE-PV-AU-00001' is 'unsold'",
                 id="Art. 101: a sale names its sold session"),
    pytest.param(_with(2, id="HUE-PV-A-00001"), 2, "duplicate asset id 'HUE-PV-A-00001'", id="duplicate id"),
    pytest.param(_with(10, mobilised_forces="yes"), 10, "invalid value 'yes' for 'mobilised_forces' (must be true or "
                                                      "false)", id="a flag that is not a boolean"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("assets", "index", "reason"), BAD)
def test_an_invalid_record_is_reported_by_line_and_nothing_is_written(assets, index, reason):
    report = import_data(_file(*CASES, *assets), historical=True)
    assert f"line {_line_of(index)}: {reason}" in report.error_lines()
    assert not report.written
    assert _all_counts() == (0,) * len(ASSET_MODELS) + (0, 0, 0, 0)


@pytest.mark.django_db
def test_a_case_in_another_debtors_register_and_an_id_number_twice_in_a_unit_are_invalid():
    other = {"type": "debtor", "id": "HUE-PV-D-00002", "unit": "HUE-PV", "kind": "person", "name": "Lê Văn Đức",
             "cases": [C2]}
    twin = {"type": "debtor", "id": "HUE-PV-D-00003", "unit": "HUE-PV", "kind": "person", "name": "Lê Đức",
            "id_number": "046090001234"}
    report = import_data(_file(*CASES, ASSETS[0], other, twin), historical=True)
    assert report.error_lines() == [
        f"line {N_CASE_LINES + 2}: case '{C2}' is already in the register of debtor 'HUE-PV-D-00001'",
        f"line {N_CASE_LINES + 3}: unit 'HUE-PV' already has a debtor with this ID number (debtor 'HUE-PV-D-00001')"]


@pytest.mark.django_db
def test_skip_invalid_makes_every_record_depending_on_an_invalid_one_invalid():
    """interchange.md §1 "Invalid input": a bad asset invalidates its measures, their plan, its cost, its auction and
    the disposal; the other records are written."""
    assets = _with(1, kind="castle")  # the land
    report = import_data(_file(*CASES, *assets), historical=True, skip_invalid=True)
    assert report.written
    assert report.error_lines() == [
        f"line {_line_of(1)}: invalid value 'castle' for 'kind'",
        f"line {_line_of(7)}: asset 'HUE-PV-A-00001' is invalid",
        f"line {_line_of(9)}: asset 'HUE-PV-A-00001' is invalid",
        f"line {_line_of(10)}: measure 'HUE-PV-M-00003' is invalid",
        f"line {_line_of(11)}: coercion plan 'HUE-PV-P-00001' is invalid",
        f"line {_line_of(12)}: asset 'HUE-PV-A-00001' is invalid",
        f"line {_line_of(14)}: asset 'HUE-PV-A-00001' is invalid"]
    assert Asset.objects.count() == 2 and Measure.objects.count() == 3 and AssetDisposal.objects.count() == 1


@pytest.mark.django_db
def test_importing_the_same_file_again_changes_nothing():
    import_data(SAMPLE, historical=True)
    before = _all_counts()
    report = import_data(SAMPLE, historical=True)
    assert report.errors == [] and report.extra == {}
    assert report.unchanged == N_CASE_LINES + len(ASSETS)
    assert _all_counts() == before


@pytest.mark.django_db
def test_a_later_file_appends_the_new_events_of_a_stored_measure_and_a_changed_record_conflicts():
    first = [dict(r) for r in ASSETS]
    first[6] = {**ASSETS[6], "events": ASSETS[6]["events"][:2]}  # the deduction decided and executed only
    import_data(_file(*CASES, *first), historical=True)
    measure = Measure.objects.get(kind="account_deduction")
    assert (measure.status, measure.events.count()) == ("executed", 2)
    report = import_data(SAMPLE, historical=True)
    assert report.errors == [] and report.extra == {"measure": 1}
    measure.refresh_from_db()
    assert measure.events.count() == 3 and measure.events.get(seq=3).case_event.amount == 30_000_000
    changed = _with(1, description="Thửa đất khác")
    report = import_data(_file(*CASES, *changed), historical=True)
    assert report.error_lines()[:2] == [f"line {_line_of(1)}: conflicts with the stored asset 'HUE-PV-A-00001'",
                                        f"line {_line_of(7)}: asset 'HUE-PV-A-00001' is invalid"]
    assert not report.written


# --- export and round trips -----------------------------------------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("with_assets", [False, True], ids=["interchange.md §1 only", "with every assets record"])
def test_export_then_import_into_an_empty_database_then_export_is_byte_identical(with_assets):
    assert import_data(_file(*CASES, *(ASSETS if with_assets else ())), historical=True).errors == []
    first = _export()
    types = [json.loads(line)["type"] for line in first.splitlines()]
    extra = [t for t in types if t not in ("unit", "officer", "case", "event")]
    if with_assets:
        assert extra == ["debtor", "asset", "asset", "asset", "info_request", "measure", "measure", "measure",
                         "measure", "valuation", "coercion_plan", "cost", "auction", "auction", "disposal", "disposal"]
        assert types[:len(types) - len(extra)] == [r["type"] for r in CASES]  # after every case and its events
    else:
        assert extra == []
    _wipe()
    assert import_data(first, historical=True).errors == []
    assert _export() == first


@pytest.mark.django_db
def test_an_export_without_assets_data_is_the_same_bytes_as_with_no_assets_type_registered():
    import_data(_file(*CASES), historical=True)
    registered = interchange_ext.record_types()
    with_registry = _export()
    try:
        for rt in registered:
            interchange_ext.unregister_record_type(rt.name)
        assert _export() == with_registry
    finally:
        for rt in registered:
            interchange_ext.register_record_type(rt.name, rt.validator, rt.writer, rt.exporter, rt.order, rt.units,
                                                 rt.finish)


@pytest.mark.django_db
def test_the_exported_records_are_those_of_the_docs_in_canonical_form():
    import_data(SAMPLE, historical=True)
    lines = _export().splitlines()
    measure = next(json.loads(line) for line in lines if '"id": "HUE-PV-M-00002"' in line)
    assert list(measure) == ["type", "id", "case", "debtor", "kind", "decided_on", "asset", "amount", "events"]
    assert measure["events"][2] == {"kind": "collected", "on": "2024-12-10", "amount": 30_000_000, "payment": 2}
    land = next(line for line in lines if '"id": "HUE-PV-A-00001"' in line)
    assert '"identifiers": {"area_m2": 120, "certificate": "CS 01234", "parcel": "112", "sheet": "5"}' in land
    assert '"status": "found"' in land and ", " in land and "Thửa đất" in land


@pytest.mark.django_db
def test_a_row_created_in_thads_exports_with_a_made_up_key_and_importing_that_export_changes_nothing():
    import_data(SAMPLE, historical=True)
    debtor = Debtor.objects.get()
    extra = Asset.objects.create(debtor=debtor, kind="wage", description="Tiền lương", found_on=date(2025, 1, 6),
                                 holder="Công ty TNHH Thuận An")
    text = _export()
    assert f'"id": "HUE-PV-A-T{extra.pk}"' in text
    before = _all_counts()
    report = import_data(text, historical=True)
    assert report.errors == [] and report.extra == {}
    assert _all_counts() == before
    _wipe()
    import_data(text, historical=True)
    assert _export() == text


def test_every_example_of_the_docs_is_a_valid_record_in_export_form():
    """docs/interchange-assets.md: each JSON example parses and is already in canonical (export) form."""
    from pathlib import Path

    from thads.domain.assets_records import TYPES, dumps, parse

    text = (Path(__file__).resolve().parents[1] / "docs" / "interchange-assets.md").read_text(encoding="utf-8")
    examples = [block.strip() for block in text.split("```json")[1:]]
    examples = [block.split("```")[0].strip() for block in examples]
    assert sorted(json.loads(e)["type"] for e in examples) == sorted(TYPES)
    for example in examples:
        assert dumps(parse(json.loads(example))) == example


# --- rows written by the assets actions (helpers A and B), not by an import -----------------------------------------

from tests.test_assets_auction import day, debtor, workday  # noqa: E402, F401 - the scenario's fixture and days


def _wipe_history() -> None:
    """The cases and the assets rows, keeping the units, officers and logins the fixtures made."""
    from thads.deadlines.models import Deadline
    from thads.stats.models import StatCell, StatOfficerCell

    for model in ASSET_MODELS:
        model.objects.all()._raw_delete(model.objects.db)
    for model in (LedgerEntry, CaseEvent, Deadline, Obligation, StatCell, StatOfficerCell, Party, Case):
        model.objects.all()._raw_delete(model.objects.db)
    CaseNumberCounter.objects.all().delete()


@pytest.mark.django_db
def test_what_the_assets_actions_wrote_exports_imports_again_unchanged_and_round_trips(staff, debtor):
    """A house sold after a price reduction and its proceeds split, a car taken by the creditor (the scenario of
    tests/test_assets_auction.py): rows without keys export with made-up keys; importing the export into the same
    database changes nothing; into a database without them it gives the same export again."""
    from datetime import datetime

    from thads.assets.actions_auction import (
        do_creditor_takes_asset,
        do_record_auction_session,
        do_record_sale_proceeds,
        do_sign_auction_contract,
        do_value_asset,
    )
    from thads.assets.actions_coercion import do_plan_coercion, do_record_cost, do_record_plan_result

    officer, house, car = staff["officer_a"], debtor["house"], debtor["car"]
    on = workday(22)
    plan = do_plan_coercion(officer, debtor["a"].pk, starts_at=datetime.combine(on, datetime.min.time()).replace(
        hour=8), place="Phú Thuận", mobilised_forces=False, cost_estimate=6_000_000,
        measure_id=debtor["house_measure"].pk)
    do_record_plan_result(officer, plan.pk, on=on, carried_out=True, result="Đã kê biên")
    do_record_cost(staff["head_a"], debtor["a"].pk, on=day(23), amount=5_000_000, plan_id=plan.pk,
                   description="Bồi dưỡng lực lượng cưỡng chế")
    do_value_asset(officer, house.pk, method="appraised", on=day(25), value=1_000_000_000)
    contract = do_sign_auction_contract(officer, house.pk, organisation="Trung tâm Dịch vụ đấu giá tài sản tỉnh",
                                        contract_no="12/2026/HĐ-ĐG", signed_on=day(27))
    do_record_auction_session(officer, contract.pk, held_on=day(40), starting_price=1_000_000_000, outcome="unsold")
    second = do_record_auction_session(officer, contract.pk, held_on=day(60), starting_price=900_000_000,
                                       outcome="sold", sale_price=950_000_000, buyer="Công ty TNHH Minh Phát")
    do_record_sale_proceeds(staff["accountant_a"], second.pk, on=day(192), receipt_no="BL-0101")
    do_value_asset(officer, car.pk, method="appraised", on=day(50), value=100_000_000)
    contract = do_sign_auction_contract(officer, car.pk, organisation="Công ty Đấu giá hợp danh Số 1",
                                        contract_no="31/HĐ", signed_on=day(51))
    for held, price in ((150, 100_000_000), (165, 90_000_000), (180, 81_000_000)):
        do_record_auction_session(officer, contract.pk, held_on=day(held), starting_price=price, outcome="unsold")
    do_creditor_takes_asset(officer, car.pk, on=day(194), case_id=debtor["b"].pk, price=81_000_000,
                            creditor="Trần Văn Hùng", decision_no="05/QĐ-GTS")
    text = _export("P")
    types = {json.loads(line)["type"] for line in text.splitlines()}
    assert {"debtor", "asset", "measure", "valuation", "coercion_plan", "cost", "auction", "disposal"} <= types
    before = _all_counts()
    report = import_data(text, historical=True)
    assert report.errors == [] and report.extra == {}
    assert _all_counts() == before
    _wipe_history()
    assert import_data(text, historical=True).errors == []
    assert _export("P") == text


@pytest.mark.django_db
def test_the_imported_records_open_the_deadlines_a_recompute_opens():
    """The assets deadline source reads the imported rows (an account frozen without the coercive measure of Art.
    67.3): the import refreshes the cases' open deadlines after writing them, so a full recompute changes nothing."""
    from datetime import timedelta

    from django.utils import timezone

    from thads.deadlines.models import Deadline
    from thads.deadlines.service import refresh_all

    today = timezone.localdate()

    def ago(n: int) -> str:
        return (today - timedelta(days=n)).isoformat()

    recs = [*CASES[:3], {**CASES[3], "decided_on": ago(60)}, {**CASES[4], "on": ago(40)},
            {**ASSETS[0], "cases": [C1], "declared_on": ago(45)}, {**ASSETS[2], "found_on": ago(20)},
            {**ASSETS[5], "decided_on": ago(20),
             "events": [{"kind": "decided", "on": ago(20)}, {"kind": "executed", "on": ago(19)}]}]
    assert import_data(_file(*recs), historical=True).errors == []
    imported = sorted(Deadline.objects.values_list("case__ext_id", "code", "due"))
    assert any(code.startswith("measure.") for _, code, _ in imported)
    refresh_all()
    assert sorted(Deadline.objects.values_list("case__ext_id", "code", "due")) == imported
