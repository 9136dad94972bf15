"""A third, independent implementation of the report (``bench/duckdb_report.py``: DuckDB SQL over the JSONL file)
equals the worked example of interchange.md §2 and the pure definition ``thads.domain.report.compute_report``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

duckdb = pytest.importorskip("duckdb")

from bench.duckdb_report import duckdb_report, load, report  # noqa: E402

from thads.demo.generator import write_jsonl  # noqa: E402
from thads.domain.interchange import split_lines, validate  # noqa: E402
from thads.domain.report import compute_report, statistical_year_period  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "domain"
if not SHARED.exists():  # CI lays shared/ beside the clone
    SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "domain"

UNITS = ("HUE", "HUE-PV", "HUE-KV3", "HUE-TP", "HUE-KV1")
PERIODS = (
    *(statistical_year_period(y) for y in (2021, 2023, 2025, 2026)),
    statistical_year_period(2025, 6),
    statistical_year_period(2026, 6),
    statistical_year_period(2024, 1),
    statistical_year_period(2027, 2),  # the current year, partly after `today`
    (date(2022, 3, 15), date(2025, 8, 20)),  # arbitrary ranges
    (date(2025, 6, 1), date(2025, 7, 31)),  # across the July 2025 reorganisation
    (date(2024, 2, 29), date(2024, 2, 29)),  # one day
)


def _reference(path: Path) -> tuple[list, dict[str, str | None]]:
    result = validate(split_lines(path.read_bytes()))
    assert result.ok, result.errors[:3]
    return result.histories(), {u.code: u.parent for u in result.units}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Iterator[tuple[Path, object]]:
    path = tmp_path_factory.mktemp("duckdb") / "demo.jsonl"
    write_jsonl(path, seed=7, today=date(2026, 11, 30), size=2000)
    con = duckdb.connect()
    load(con, path)
    yield path, con
    con.close()


def test_the_worked_example():
    expected = json.loads((SHARED / "worked-example.report.json").read_text(encoding="utf-8"))
    got = duckdb_report(SHARED / "worked-example.jsonl", "HUE", *statistical_year_period(2025))
    assert got == expected
    assert list(got["cases"]) == list(expected["cases"]) and list(got["money"]) == list(expected["money"])


def test_equals_the_pure_definition_on_a_generated_history(generated):
    path, con = generated
    histories, parents = _reference(path)
    assert {"HUE", "HUE-PV", "HUE-KV3"} <= set(parents)
    nonzero = 0
    for unit in UNITS:
        for date_from, date_to in PERIODS:
            expected = compute_report(histories, parents, unit, date_from, date_to)
            got = report(con, unit, date_from, date_to)
            assert got == expected, (unit, date_from, date_to)
            nonzero += expected["cases"]["TT"] > 0
    assert nonzero > len(UNITS) * len(PERIODS) // 2  # the comparison is not vacuous


def test_money_as_strings_moves_between_provinces_and_the_separate_book(tmp_path):
    """Hand-made edge cases: money as a string of digits, a case moved into the subtree from another root, a case
    resumed from the separate book within the period, same-day events applied in file order."""
    lines = [
        {"type": "unit", "code": "P", "name": "P", "parent": None},
        {"type": "unit", "code": "P-A", "name": "A", "parent": "P"},
        {"type": "unit", "code": "Q", "name": "Q", "parent": None},
        {"type": "case", "id": "C1", "unit": "Q", "decided_on": "2023-01-10", "initiation": "theo_don",
         "judgment_kind": "dan_su", "obligations": [{"id": "1", "kind": "tra_no", "beneficiary": "person",
                                                     "amount": "90000000"}]},
        {"type": "event", "case": "C1", "on": "2023-02-01", "kind": "verified_able"},
        {"type": "event", "case": "C1", "on": "2024-11-01", "kind": "payment", "obligation": "1", "amount": "1000"},
        {"type": "event", "case": "C1", "on": "2024-11-01", "kind": "moved", "unit": "P-A"},
        {"type": "event", "case": "C1", "on": "2024-11-01", "kind": "payment", "obligation": "1", "amount": 500},
        {"type": "event", "case": "C1", "on": "2024-11-01", "kind": "terminated", "ground": "50.1.c"},
        {"type": "case", "id": "C2", "unit": "P-A", "decided_on": "2021-03-01", "initiation": "chu_dong",
         "judgment_kind": "hinh_su", "obligations": [{"id": "1", "kind": "an_phi", "beneficiary": "state",
                                                      "amount": 7000}, {"id": "2", "kind": "giao_tai_san",
                                                                        "beneficiary": "person", "amount": 0}]},
        {"type": "event", "case": "C2", "on": "2021-04-01", "kind": "reduced", "obligation": "1", "amount": 1000},
        {"type": "event", "case": "C2", "on": "2021-05-01", "kind": "classified_unable", "ground": "44a.1.a"},
        {"type": "event", "case": "C2", "on": "2022-06-01", "kind": "separate_book"},
        {"type": "event", "case": "C2", "on": "2025-01-02", "kind": "resumed"},
        {"type": "event", "case": "C2", "on": "2025-01-02", "kind": "postponed", "ground": "48.1.c"},
        {"type": "case", "id": "C3", "unit": "P", "decided_on": "2025-09-30", "initiation": "chu_dong",
         "judgment_kind": "dan_su", "obligations": [{"id": "1", "kind": "an_phi", "beneficiary": "state",
                                                     "amount": 300000}]},
    ]
    path = tmp_path / "edge.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    histories, parents = _reference(path)
    for unit in ("P", "P-A", "Q"):
        for date_from, date_to in (statistical_year_period(2025), statistical_year_period(2025, 3),
                                   (date(2024, 11, 1), date(2024, 11, 1)), (date(2020, 1, 1), date(2026, 1, 1))):
            assert duckdb_report(path, unit, date_from, date_to) == compute_report(
                histories, parents, unit, date_from, date_to), (unit, date_from, date_to)
    year = duckdb_report(path, "P", *statistical_year_period(2025))
    assert year["cases"]["DC"] == 1 and year["money"]["DC"] == 90000000 - 1500
    assert year["cases"]["MOI"] == 2 and year["money"]["MOI"] == 6000 + 300000 and year["cases"]["HOAN_C"] == 1


def test_an_unknown_unit_is_refused(generated):
    _, con = generated
    with pytest.raises(ValueError, match="unknown unit"):
        report(con, "NOPE", *statistical_year_period(2025))
