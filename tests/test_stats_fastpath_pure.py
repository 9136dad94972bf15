"""The fast path's per-case contributions add up to exactly the pure report definition (interchange.md §2)."""

from __future__ import annotations

import io
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from thads.domain.contrib import RAW, deltas, month_end, month_of, statistical_year_of, years_of
from thads.domain.interchange import validate
from thads.domain.report import _finish, compute_report, statistical_year_period

WORKED = Path(__file__).resolve().parents[2] / "shared" / "domain" / "worked-example.jsonl"


def _fast_report(histories, unit_parent, unit, year, k):
    """Sum the stored-style deltas of months 1..k over the subtree, then derive the indicators."""
    from thads.domain.report import _subtree

    units = _subtree(unit_parent, unit)
    cases, money = [0] * len(RAW), [0] * len(RAW)
    for h in histories:
        for (y, m, u, _officer), (dc, dm) in deltas(h, [year]).items():
            if y == year and m <= k and u in units:
                for j in range(len(RAW)):
                    cases[j] += dc[j]
                    money[j] += dm[j]
    d_from, d_to = statistical_year_period(year, k)
    return {"unit": unit, "from": d_from.isoformat(), "to": d_to.isoformat(), **_finish(cases, money)}


def _generated(size=600, seed=3):
    from thads.demo.generator import write_jsonl

    buf = io.StringIO()
    write_jsonl(buf, seed=seed, today=date(2026, 11, 30), size=size)
    result = validate(buf.getvalue().splitlines())
    assert result.ok
    parents = {u.code: u.parent for u in result.units}
    return result.histories(), parents


@pytest.mark.parametrize("day,year,month", [(date(2024, 10, 1), 2025, 1), (date(2025, 9, 30), 2025, 12),
                                            (date(2025, 1, 15), 2025, 4), (date(2024, 12, 31), 2025, 3)])
def test_it_places_days_in_the_statistical_year(day, year, month):
    assert (statistical_year_of(day), month_of(day)) == (year, month)
    assert month_end(year, month) >= day


def test_the_worked_example_fast_path_equals_the_definition():
    result = validate(WORKED.read_text(encoding="utf-8").splitlines())
    parents = {u.code: u.parent for u in result.units}
    histories = result.histories()
    for k in range(1, 13):
        d_from, d_to = statistical_year_period(2025, k)
        assert _fast_report(histories, parents, "HUE", 2025, k) == compute_report(histories, parents, "HUE", d_from,
                                                                                  d_to)


@pytest.mark.parametrize("year", [2021, 2023, 2025, 2026])
def test_generated_histories_fast_path_equals_the_definition_for_every_month_and_unit(year):
    histories, parents = _generated()
    for unit in ("HUE", "HUE-PV", "HUE-KV3"):
        for k in (1, 3, 6, 7, 10, 12):
            d_from, d_to = statistical_year_period(year, k)
            assert _fast_report(histories, parents, unit, year, k) == compute_report(
                histories, parents, unit, d_from, d_to), (unit, year, k)


def test_deltas_by_officer_sum_to_the_officer_breakdown():
    histories, parents = _generated(size=300, seed=5)
    year, k = 2025, 12
    sums: dict[str, list[int]] = defaultdict(lambda: [0] * len(RAW))
    for h in histories:
        for (y, m, _u, officer), (dc, _dm) in deltas(h, years_of(h, year)).items():
            if y == year and m <= k:
                acc = sums[officer or ""]
                for j in range(len(RAW)):
                    acc[j] += dc[j]
    d_from, d_to = statistical_year_period(year, k)
    report = compute_report(histories, parents, "HUE", d_from, d_to, by="officer")
    expected = {key: g["cases"]["CU"] + g["cases"]["MOI"] for key, g in report["groups"].items()}
    got = {key: v[RAW.index("CU")] + v[RAW.index("MOI")] for key, v in sums.items() if v[RAW.index("CU")] + v[RAW.index("MOI")]}
    assert got == expected
