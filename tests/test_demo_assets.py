"""The demo province's debtors' assets and measures (thads.demo.assets, docs/interchange-assets.md): every required
kind in each of the last two complete statistical years at a small size, consistent with the case histories, the
§1 records (and so ``thads report``) unchanged, and the file imports and round-trips through the real importer."""

from __future__ import annotations

import io
import json
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

import pytest
from django.core.management import call_command

from thads.demo.assets import last_complete_years
from thads.demo.generator import generate, write_jsonl
from thads.domain import assets_records
from thads.domain.calendar import national_calendar
from thads.domain.coercion_calendar import coercion_refusal
from thads.domain.measures import MEASURE_FAMILY, MeasureFamily, MeasureKind

TODAY = date(2026, 11, 30)
SMALL = 400
_CASE_TYPES = {"unit", "officer", "case", "event"}


@lru_cache(maxsize=4)
def _records(size: int = SMALL, seed: int = 7, today: date = TODAY) -> tuple[dict[str, Any], ...]:
    return tuple(generate(seed=seed, today=today, size=size, assets=True))


def _split(records) -> tuple[dict[str, dict], dict[str, list[dict]], dict[str, list[dict]]]:
    cases, events, extra = {}, defaultdict(list), defaultdict(list)
    for r in records:
        if r["type"] == "case":
            cases[r["id"]] = r
        elif r["type"] == "event":
            events[r["case"]].append(r)
        elif r["type"] not in _CASE_TYPES:
            extra[r["type"]].append(r)
    return cases, events, extra


def _year(day: str, year: int) -> bool:
    return f"{year - 1}-10-01" <= day <= f"{year}-09-30"


@pytest.mark.parametrize(("today", "years"), [(date(2026, 11, 30), (2025, 2026)), (date(2026, 9, 29), (2024, 2025)),
                                              (date(2026, 9, 30), (2025, 2026))],
                         ids=["interchange.md §2: year Y ends on 30/09/Y", "the day before it ends",
                              "the day it ends"])
def test_the_last_two_complete_statistical_years_are_counted_from_today(today, years):
    assert last_complete_years(today) == years


def test_the_case_records_are_the_same_with_or_without_the_assets_records():
    """The assets records add no event: ``thads report`` on the demo gives the same figures."""
    with_assets = [r for r in _records() if r["type"] in _CASE_TYPES]
    assert with_assets == list(generate(seed=7, today=TODAY, size=SMALL))
    out = io.StringIO()
    write_jsonl(out, seed=7, today=TODAY, size=SMALL, assets=True)
    lines = out.getvalue().splitlines()
    assert lines == [json.dumps(r, ensure_ascii=False) for r in _records()]


def test_the_assets_records_come_after_every_case_type_after_type_and_are_deterministic():
    types = [r["type"] for r in _records()]
    first = next(i for i, t in enumerate(types) if t not in _CASE_TYPES)
    assert all(t not in _CASE_TYPES for t in types[first:])
    order = [t for i, t in enumerate(types[first:]) if i == 0 or t != types[first + i - 1]]
    assert order == [t for t in assets_records.TYPES if t in order]
    assert list(generate(seed=7, today=TODAY, size=SMALL, assets=True)) == list(_records())
    assert list(generate(seed=8, today=TODAY, size=SMALL, assets=True)) != list(_records())


def test_every_assets_record_keeps_the_field_rules():
    for r in _records():
        if r["type"] not in _CASE_TYPES:
            assert assets_records.parse(r) == assets_records.normalize(r["type"], r), r["id"]


@pytest.mark.parametrize("year", last_complete_years(TODAY), ids=lambda y: f"statistical year {y}")
def test_each_of_the_last_two_statistical_years_has_every_required_kind_at_a_small_size(year):
    cases, events, extra = _split(_records())
    measures = {m["id"]: m for m in extra["measure"]}

    def decided(kind):
        return [m for m in measures.values() if m["kind"] == kind and _year(m["decided_on"], year)]

    def collected(m):
        return [e for e in m["events"] if e["kind"] == "collected" and _year(e["on"], year) and "payment" in e]

    assert decided("account_freeze"), "frozen accounts"
    assert any(collected(m) for m in decided("account_deduction")), "deductions from accounts"
    assert any(collected(m) for m in decided("income_deduction")), "deductions from wages"
    assert decided("distraint"), "distraints"
    plans = [p for p in extra["coercion_plan"] if p["status"] == "carried_out" and _year(p["carried_out_on"], year)]
    costs = {c["plan"] for c in extra["cost"] if c["kind"] == "charged"}
    assert any(p["id"] in costs for p in plans), "a coercion plan carried out with its cost"
    auctions = [a for a in extra["auction"] if all(_year(s["held_on"], year) for s in a["sessions"])]
    reduced = [a for a in auctions if [s["outcome"] for s in a["sessions"]] == ["unsold", "sold"]
               and a["sessions"][1]["reductions"] == 1
               and a["sessions"][1]["starting_price"] < a["sessions"][0]["starting_price"]]
    assert reduced, "an auction with a price reduction: session 1 unsold, session 2 sold at a lower price"
    taken = [d for d in extra["disposal"] if d["kind"] == "taken_by_creditor" and _year(d["on"], year)]
    by_id = {a["id"]: a for a in extra["auction"]}
    assert any([s["outcome"] for s in by_id[d["auction"]]["sessions"]] == ["unsold", "unsold"] for d in taken), \
        "an unsold asset taken by the creditor"


def test_debtor_registers_hold_declarations_assets_requests_and_some_debtors_with_two_cases():
    cases, _, extra = _split(_records())
    debtors = extra["debtor"]
    assert len(debtors) >= 10 and any(len(d["cases"]) >= 2 for d in debtors)
    assert any("declared_on" in d for d in debtors)
    linked = [c for d in debtors for c in d["cases"]]
    assert len(linked) == len(set(linked)) and set(linked) <= set(cases)
    kinds = Counter(a["kind"] for a in extra["asset"])
    assert {"land", "vehicle", "bank_account", "wage"} <= set(kinds)
    land = next(a for a in extra["asset"] if a["kind"] == "land")
    assert {"certificate", "parcel", "sheet", "area_m2"} <= set(land["identifiers"])
    requests = extra["info_request"]
    assert any(r.get("found") is False for r in requests) and any("asset" in r for r in requests)
    for r in requests:
        assert r["requested_on"] <= r["reply_due_on"] and r["requested_on"] >= cases[r["case"]]["decided_on"]


def _state_events(evs):
    return [e for e in evs if e["kind"] not in ("payment", "reduced", "moved", "reassigned")]


def test_measures_follow_the_case_history_and_their_money_is_the_cases_own_payments():
    """Luật THADS Arts. 45–46: after the decision (coercive ones after the 10-day voluntary period), while the case
    is enforced, before it ends; a collection is the case's payments of that day, never more than it owed."""
    cases, events, extra = _split(_records())
    for m in extra["measure"]:
        case, evs = cases[m["case"]], events[m["case"]]
        assert m["decided_on"] >= case["decided_on"]
        if MEASURE_FAMILY[MeasureKind(m["kind"])] is MeasureFamily.COERCIVE:
            first = (date.fromisoformat(case["decided_on"]) + timedelta(days=11)).isoformat()
            assert m["decided_on"] >= first, m["id"]
        ended = next((e["on"] for e in evs if e["kind"] in ("completed", "terminated", "entrusted_out", "revoked")),
                     None)
        assert ended is None or m["decided_on"] <= ended
        before = [e for e in _state_events(evs) if e["on"] < m["decided_on"]]
        assert before and before[-1]["kind"] in ("verified_able", "resumed"), m["id"]
        for ev in m["events"]:
            if ev["kind"] == "collected":
                paid = evs[ev["payment"] - 1]
                assert paid["kind"] == "payment" and paid["on"] == ev["on"]
                assert ev["amount"] == sum(e["amount"] for e in evs if e["kind"] == "payment" and e["on"] == ev["on"])
                assert ev["amount"] <= sum(o["amount"] for o in case["obligations"])


def test_coercion_plans_fall_on_days_the_coercion_calendar_allows():
    """Luật THADS Art. 46.2 (no rest day, 06:00–22:00), Decree 62/2015 Art. 13.2 (no mobilised forces around Tết)."""
    calendar = national_calendar()
    plans = [p for size in (SMALL, 3000) for p in _split(_records(size))[2]["coercion_plan"]]
    assert plans
    for p in plans:
        start = datetime.fromisoformat(p["starts_at"])
        assert 6 <= start.hour < 22
        assert coercion_refusal(start.date(), mobilised_forces=p["mobilised_forces"], calendar=calendar) is None


@pytest.mark.parametrize("size", [0, 1, 10, 60], ids=lambda s: f"--size {s}")
def test_any_size_generates_valid_records(size):
    from thads.domain.interchange import validate

    recs = list(generate(seed=3, today=TODAY, size=size, assets=True))
    cases = [json.dumps(r, ensure_ascii=False) for r in recs if r["type"] in _CASE_TYPES]
    assert validate(cases).errors == []
    for r in recs:
        if r["type"] not in _CASE_TYPES:
            assets_records.parse(r)


# --- through the real importer --------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_the_demo_file_imports_without_errors_and_round_trips_byte_for_byte():
    from tests.test_interchange_assets import _export, _wipe
    from thads.assets.models import Measure, MeasureEvent
    from thads.cases.importer import import_data
    from thads.cases.models import CaseEvent

    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _records())
    report = import_data(text, historical=True)
    assert report.errors == []
    _, events, extra = _split(_records())
    assert CaseEvent.objects.count() == sum(len(v) for v in events.values())
    assert report.extra == {t: len(v) for t, v in extra.items()}
    assert MeasureEvent.objects.filter(kind="collected", case_event__kind="payment").count() == \
        sum(1 for m in extra["measure"] for e in m["events"] if e["kind"] == "collected")
    assert Measure.objects.exclude(unit__code__in=[c["unit"] for c in _split(_records())[0].values()] +
                                   ["HUE-KV1", "HUE-KV2", "HUE-KV3", "HUE-KV4"]).count() == 0
    for year in last_complete_years(TODAY):  # the measures report (thads measures-report) of each year
        out = io.StringIO()
        call_command("measures_report", "--unit", "HUE", "--year", str(year), stdout=out)
        figures = json.loads(out.getvalue())
        for kind in ("account_freeze", "account_deduction", "income_deduction", "distraint"):
            assert figures["measures"][kind]["decided"] >= 1, (year, kind)
        auctions = figures["auctions"]
        assert auctions["sold"] >= 1 and auctions["unsold"] >= 2 and auctions["taken_by_creditor"] >= 1, year
        assert figures["coercion_operations"] >= 1 and figures["coercion_costs"] > 0, year
        _every_figure_equals_its_drill_down(year)
    first = _export()
    _wipe()
    assert import_data(first, historical=True).errors == []
    assert _export() == first


def _every_figure_equals_its_drill_down(year: int) -> None:
    """Issue 15: on the demo province, each figure of the measures report equals the rows its drill-down lists."""
    from thads.assets.report import drill_list, measures_report
    from thads.domain import measures_report as mr
    from thads.domain.report import statistical_year_period
    from thads.org.models import Unit

    unit = Unit.objects.get(code="HUE")
    first, last = statistical_year_period(year, 12)
    report = measures_report(unit, first, last)
    for figure in mr.FIGURES:
        listed = drill_list(unit, first, last, figure)
        value = listed.total if figure in mr.MONEY_FIGURES else listed.count
        assert value == mr.figure_value(report, figure), (year, figure)


def test_the_demo_plans_no_coercion_on_a_rest_day_or_holiday_of_any_year_it_may_cover():
    """Art. 46.2: the demo's planned coercion days (``_plan_day``) are working days, outside the Tết window, in every
    year the demo may span (31/08/2026, a day in lieu of 02/09, once broke ``thads demo --size 30000``)."""
    from datetime import date, timedelta

    from thads.demo.assets import _plan_day
    from thads.domain.calendar import national_calendar
    from thads.domain.coercion_calendar import coercion_refusal

    calendar = national_calendar(2015, 2035)
    bad = []
    day = date(2016, 1, 1)
    while day < date(2034, 12, 1):
        planned = date.fromordinal(_plan_day(day.toordinal()))
        if coercion_refusal(planned, mobilised_forces=True, calendar=calendar):
            bad.append(planned)
        day += timedelta(days=3)
    assert not bad, sorted(set(bad))[:10]
