"""Live progress against targets in the database (issue 17; THADS.md §4.3, §5): a tiny province P with branches P-A
(a past year that gives the shape: 40 % at month 6, 80 % at month 12, so f(6) = 2), P-B (no past year: takes P's
shape) and P-C (no cases), their officers, and targets entered directly. Year T is the last complete statistical
year, so every date is in the past whatever today is; progress is read at month 6 of T.

Year T at month 6: P-A has 12 cases with conditions (2 carried over) and 3 completed (25.00 % → 50.00 %); P-B has 4
and 3 completed (75.00 % → capped 100.00 %); P as a whole 6 of 16 (37.50 % → 75.00 %). Money moves with the cases
(10,000,000 VND each)."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from thads.cases.importer import import_data
from thads.domain.contrib import month_end, statistical_year_of
from thads.domain.emulation import Issuer
from thads.emulation.models import Target
from thads.emulation.progress import behind_pace, current_period, pass_down_check, pass_down_weights, progress
from thads.emulation.queries import effective_officer_target, effective_unit_targets, national_line
from thads.org.models import Officer, Unit

T = statistical_year_of(timezone.localdate()) - 1
AMOUNT = 10_000_000


def day(year: int, k: int, d: int) -> date:
    """Day ``d`` of month k (1 = October) of statistical year ``year``."""
    return month_end(year, k).replace(day=d)


def _case(lines: list[dict], ext: str, unit: str, officer: str, decided: date, *, able: bool = True,
          completed: date | None = None) -> None:
    lines.append({"type": "case", "id": ext, "unit": unit, "decided_on": decided.isoformat(),
                  "decision_no": f"{ext}/QĐ-THADS", "initiation": "theo_don", "judgment_kind": "dan_su",
                  "officer": officer, "debtor": {"name": "Lê Văn Đức", "id_number": "046090001234",
                                                 "address": "Phú Thuận"},
                  "obligations": [{"id": "1", "kind": "tra_no", "beneficiary": "person", "amount": AMOUNT}]})
    if able:
        lines.append({"type": "event", "case": ext, "on": (decided + timedelta(days=2)).isoformat(),
                      "kind": "verified_able"})
    if completed:
        lines.append({"type": "event", "case": ext, "on": completed.isoformat(), "kind": "payment",
                      "obligation": "1", "amount": AMOUNT})
        lines.append({"type": "event", "case": ext, "on": completed.isoformat(), "kind": "completed"})


def province_file() -> str:
    lines: list[dict] = [
        {"type": "unit", "code": "P", "name": "Cục THADS tỉnh P", "parent": None},
        {"type": "unit", "code": "P-A", "name": "Chi cục THADS huyện A", "parent": "P"},
        {"type": "unit", "code": "P-B", "name": "Phòng THADS khu vực B", "parent": "P"},
        {"type": "unit", "code": "P-C", "name": "Phòng THADS khu vực C", "parent": "P"},
        {"type": "officer", "code": "A-01", "name": "Nguyễn Văn An", "unit": "P-A"},
        {"type": "officer", "code": "A-02", "name": "Trần Thị Bình", "unit": "P-A"},
        {"type": "officer", "code": "B-01", "name": "Lê Văn Cường", "unit": "P-B"},
        {"type": "officer", "code": "C-01", "name": "Phạm Thu Dung", "unit": "P-C"},
    ]
    past = T - 1
    for i in range(10):  # the shape year of P-A: 4 done by month 6, 8 by month 12, 2 carried into T
        done = day(past, 3, 10) if i < 4 else day(past, 10, 10) if i < 8 else None
        _case(lines, f"A{past}-{i}", "P-A", "A-01", day(past, 1, 5), completed=done)
    for i in range(10):  # year T at P-A: 3 done by month 6 (with the 2 carried: 3 of 12)
        _case(lines, f"A{T}-{i}", "P-A", "A-01", day(T, 1, 5), completed=day(T, 4, 10) if i < 3 else None)
    for i in range(4):  # year T at P-B: 3 of 4 by month 6
        _case(lines, f"B{T}-{i}", "P-B", "B-01", day(T, 1, 6), completed=day(T, 5, 10) if i < 3 else None)
    return "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n"


def _target(year: int, issuer: Issuer, *, unit: str | None = None, officer: str | None = None, **rates) -> Target:
    officer_row = Officer.objects.get(code=officer) if officer else None
    unit_row = officer_row.unit if officer_row else (Unit.objects.get(code=unit) if unit else None)
    values = {k: (Decimal(v) if k.endswith("_rate") else v) for k, v in rates.items()}
    return Target.objects.create(year=year, issuer=issuer, unit=unit_row, officer=officer_row, **values)


@pytest.fixture
def province(db):
    assert import_data(province_file()).errors == []
    _target(T, Issuer.NATIONAL_DEPARTMENT, unit="P", cases_rate="80.00", money_rate="40.00", cases_completed=10)
    _target(T, Issuer.MINISTRY, unit="P", cases_rate="70.00", money_rate="30.00")
    _target(T, Issuer.PROVINCE, unit="P-A", cases_rate="60.00", money_rate="40.00")
    _target(T, Issuer.PROVINCE, unit="P-B", cases_rate="90.00", money_rate="50.00")
    _target(T, Issuer.PROVINCE, unit="P-C", cases_rate="80.00", money_rate="40.00")
    _target(T, Issuer.BRANCH, officer="A-01", cases_rate="50.00", money_rate="50.00")
    _target(T, Issuer.PROVINCE, officer="A-01", cases_rate="30.00", money_rate="30.00")
    return {code: Unit.objects.get(code=code) for code in ("P", "P-A", "P-B", "P-C")}


def _call(*args: str) -> str:
    out = io.StringIO()
    call_command("targets", *args, stdout=out)
    return out.getvalue()


# ------------------------------------------------------------------------------------------ effective targets

def test_the_target_that_applies_is_the_one_from_the_nearest_issuer(province):
    assert effective_unit_targets(province["P"], [T, T - 1])[T].issuer == Issuer.NATIONAL_DEPARTMENT
    assert list(effective_unit_targets(province["P"], [T - 1])) == []
    assert effective_unit_targets(province["P-A"], [T])[T].cases_rate == Decimal("60.00")
    assert effective_officer_target(Officer.objects.get(code="A-01"), T).issuer == Issuer.BRANCH
    assert effective_officer_target(Officer.objects.get(code="A-02"), T) is None


def test_the_statistics_charts_receive_the_units_targets_through_the_registered_provider(province):
    from thads.stats.national import unit_targets

    assert unit_targets(province["P-B"], [T - 1, T]) == {T: ("90.00", "50.00")}
    assert unit_targets(province["P"], [T]) == {T: ("80.00", "40.00")}


def test_the_national_line_is_the_stored_row_else_the_published_seed(db):
    seeded = national_line([2024, 2025, 2019])
    assert (seeded[2025].cases, seeded[2025].money, seeded[2025].stored) == ("83.90", "51.90", False)
    assert seeded[2024].actual_cases == "83.88" and 2019 not in seeded
    _target(2025, Issuer.NATIONAL_ASSEMBLY, cases_rate="84.00", money_rate="52.00")
    stored = national_line([2025])[2025]
    assert (stored.cases, stored.money, stored.stored, stored.issuer) == ("84.00", "52.00", True, "national_assembly")


# ---------------------------------------------------------------------------------------------------- progress

def test_progress_by_unit_gives_the_unit_and_its_direct_children(province):
    lines = progress(province["P"], T, months=6)
    assert list(lines) == ["P", "P-A", "P-B", "P-C"]
    p, a, b, c = (lines[k] for k in ("P", "P-A", "P-B", "P-C"))
    assert (p["actual"]["cases"], p["projection"]["cases"], p["base"]["cases"]) == ("37.50", "75.00", 16)
    assert (a["actual"]["cases"], a["projection"]["cases"], a["shape"]["cases"]) == ("25.00", "50.00", "P-A")
    assert a["gap"]["cases"] == 5  # ⌈60 % × 12⌉ − 3
    assert a["gap"]["money"] == 48_000_000 - 30_000_000  # ⌈40 % × 120,000,000⌉ − 30,000,000
    assert (b["actual"]["cases"], b["projection"]["cases"], b["shape"]["cases"]) == ("75.00", "100.00", "P")
    assert b["gap"]["cases"] == 1  # ⌈90 % × 4⌉ − 3


def test_behind_when_the_projection_falls_short_of_the_target_on_cases_or_on_money(province):
    lines = progress(province["P"], T, months=6)
    assert lines["P"]["behind"] is True  # 75.00 < 80.00 (the national department's, not the Ministry's 70.00)
    assert lines["P-A"]["behind"] is True  # cases 50.00 < 60.00, money 50.00 ≥ 40.00
    assert lines["P-B"]["behind"] is False  # 100.00 ≥ 90.00 and 100.00 ≥ 50.00


def test_a_unit_with_no_cases_has_no_base_and_is_never_behind(province):
    c = progress(province["P"], T, months=6)["P-C"]
    assert c["actual"] == c["projection"] == {"cases": None, "money": None}
    assert c["base"] == {"cases": 0, "money": 0} and c["gap"] == {"cases": 0, "money": 0}
    assert c["target"] == {"cases": "80.00", "money": "40.00"} and c["behind"] is False


def test_at_month_twelve_the_projection_is_the_actual(province):
    for line in progress(province["P"], T, months=12).values():
        assert line["projection"] == line["actual"]


def test_without_any_past_year_the_default_shape_is_used(province):
    a = progress(province["P"], T - 1, months=6)["P-A"]
    assert a["actual"]["cases"] == "40.00" and a["shape"]["cases"] == "default"
    assert a["projection"]["cases"] == "72.73"  # 40 × 100 / 55 (the default share of month 6)


@pytest.mark.parametrize("configured", [{"cases": [50] * 11 + [100], "money": [25] * 11 + [100]},
                                        '{"cases": [50,50,50,50,50,50,50,50,50,50,50,100], "money": [25,25,25,25,25,25,25,25,25,25,25,100]}'])
def test_an_installation_sets_its_own_default_shape(province, settings, configured):
    settings.THADS_DEFAULT_RATE_SHAPE = configured
    a = progress(province["P"], T - 1, months=6)["P-A"]
    assert a["projection"] == {"cases": "80.00", "money": "100.00"}  # 40 × 2; 40 × 4 capped


def test_absolute_targets_get_their_own_gap(province):
    p = progress(province["P"], T, months=6)["P"]
    assert p["absolute"] == {"cases_completed": {"target": 10, "actual": 6, "gap": 4}}
    assert progress(province["P"], T, months=6)["P-A"]["absolute"] == {}


def test_progress_by_officer_covers_the_officers_of_the_subtree_with_their_units_shape(province):
    lines = progress(province["P"], T, by="officer", months=6)
    assert list(lines) == ["A-01", "A-02", "B-01", "C-01"]
    a1 = lines["A-01"]
    assert a1["target"]["cases"] == "50.00" and a1["projection"]["cases"] == "50.00" and a1["shape"]["cases"] == "P-A"
    assert a1["behind"] is False  # equal to the target is not behind
    assert lines["A-02"]["base"] == {"cases": 0, "money": 0} and lines["A-02"]["behind"] is False
    assert list(progress(province["P-B"], T, by="officer", months=6)) == ["B-01"]


def test_behind_pace_lists_the_units_and_officers_behind(province):
    found = behind_pace(province["P"], T, today=day(T, 6, 15))
    assert [(f["kind"], f["code"]) for f in found] == [("unit", "P"), ("unit", "P-A")]
    assert found[1]["projection"]["cases"] == "50.00"


def test_the_current_period_is_the_month_in_progress():
    assert current_period(date(2026, 10, 3)) == (2027, 1)
    assert current_period(date(2026, 9, 30)) == (2026, 12)
    assert current_period(date(2027, 3, 31)) == (2027, 6)


def test_a_year_or_month_not_started_is_refused(province):
    now_year, now_k = current_period()
    with pytest.raises(ValueError, match="has not started"):
        progress(province["P"], now_year + 1)
    if now_k < 12:
        with pytest.raises(ValueError, match="has not started"):
            progress(province["P"], now_year, months=now_k + 1)
    with pytest.raises(ValueError):
        progress(province["P"], T, by="judgment_kind")


# ------------------------------------------------------------------------------------------------ passing down

def test_the_passing_down_check_weights_the_childrens_targets_by_their_base(province):
    weights = pass_down_weights(province["P"], T)
    assert weights == {province["P-A"].pk: (12, 120_000_000), province["P-B"].pk: (4, 40_000_000),
                       province["P-C"].pk: (0, 0)}
    check = pass_down_check(province["P"], T)
    assert check["cases"].implied_text == "67.50" and not check["cases"].ok  # (60×12 + 90×4) / 16 < 80
    assert check["cases"].shortfall_text == "12.50"
    assert check["money"].implied_text == "42.50" and check["money"].ok  # (40×120 + 50×40) / 160 ≥ 40
    assert not check["cases_completed"].ok and check["cases_completed"].missing == 3


# ------------------------------------------------------------------------------------------------- the command

def _no_arrays(value) -> bool:
    if isinstance(value, list):
        return False
    if isinstance(value, dict):
        return all(_no_arrays(v) for v in value.values())
    return True


def test_the_command_prints_english_keyed_objects_keyed_by_code(province):
    data = json.loads(_call("--unit", "P", "--year", str(T), "--months", "6"))
    assert list(data) == ["P", "P-A", "P-B", "P-C"] and _no_arrays(data)
    a = data["P-A"]
    assert {"target", "actual", "projection", "gap", "behind"} <= set(a)
    assert a["target"] == {"cases": "60.00", "money": "40.00"} and a["projection"]["cases"] == "50.00"
    assert a["gap"] == {"cases": 5, "money": 18_000_000} and a["behind"] is True
    assert data == json.loads(json.dumps(progress(province["P"], T, months=6)))
    officers = json.loads(_call("--unit", "P-A", "--year", str(T), "--months", "6", "--by", "officer"))
    assert list(officers) == ["A-01", "A-02"]


def test_the_command_prints_a_readable_table_with_vietnamese_numbers(province):
    text = _call("--unit", "P", "--year", str(T), "--months", "6", "--format", "table")
    lines = text.splitlines()
    assert lines[0].startswith(f"P Cục THADS tỉnh P — statistical year {T}, 6 month(s)")
    row = next(line for line in lines if line.startswith("P-A "))
    assert "60,00 %" in row and "25,00 %" in row and "50,00 %" in row and "18.000.000" in row and row.endswith("yes")
    assert next(line for line in lines if line.startswith("P-C ")).endswith("no base")
    header = next(line for line in lines if line.startswith("Code"))
    assert row.index("25,00 %") + len("25,00 %") == header.index("Actual") + len("Actual")  # right-aligned


@pytest.mark.parametrize("args,message", [
    (("--unit", "NOPE", "--year", str(T)), "unknown unit 'NOPE'"),
    (("--unit", "P", "--year", str(T + 5)), "has not started"),
    (("--unit", "P", "--year", str(T), "--by", "kind"), "--by must be one of unit, officer"),
    (("--unit", "P", "--year", str(T), "--months", "13"), "1 to 12 months"),
    (("--unit", "P", "--year", str(T), "--format", "xml"), "--format must be json or table"),
])
def test_the_command_refuses_bad_options_with_a_clear_message(province, args, message):
    with pytest.raises(CommandError, match=message):
        _call(*args)


@pytest.mark.django_db(transaction=True)  # the CLI closes the connections when it ends
def test_the_cli_exits_non_zero_without_a_traceback(capsys):
    from thads.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["thads", "targets", "--unit", "NOPE"])
    err = capsys.readouterr().err
    assert exc.value.code != 0 and "unknown unit 'NOPE'" in err and "Traceback" not in err
