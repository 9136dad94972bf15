"""The coercion plan rules (``thads.domain.coercion_plan``): Luật THADS Art. 46.2 (no coercion from 22:00 to 06:00,
nor on rest days and holidays), Decree 62/2015 Art. 13.2 (no coercion with mobilised forces within 15 days before
and after Tết Nguyên đán; Tết 2026 is 17/02/2026, the calendar's window 02/02–04/03/2026), Art. 72.2 (the plan's
contents) and Art. 73 (costs charged, recovered, waived)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from thads.domain.calendar import national_calendar
from thads.domain.coercion_plan import (
    NIGHT,
    NightHours,
    cost_refusal,
    outstanding_costs,
    plan_contents_refusal,
    plan_refusal,
    plan_result_refusal,
)

CAL = national_calendar()


@pytest.mark.parametrize(("starts_at", "forces", "refused_because"), [
    (datetime(2026, 2, 26, 8, 0), True, "Tết"),  # a working Thursday inside the window, forces mobilised
    (datetime(2026, 2, 3, 9, 0), True, "Tết"),  # the second day of the window
    (datetime(2026, 3, 4, 9, 0), True, "Tết"),  # the last day of the window
    (datetime(2026, 2, 17, 9, 0), False, "ngày nghỉ"),  # mùng 1 Tết: a holiday, refused even without forces
    (datetime(2026, 3, 8, 9, 0), False, "ngày nghỉ"),  # a Sunday
    (datetime(2026, 3, 8, 9, 0), True, "ngày nghỉ"),  # a Sunday, with forces: the rest day speaks first
    (datetime(2026, 9, 2, 9, 0), False, "ngày nghỉ"),  # Quốc khánh
    (datetime(2026, 3, 10, 23, 0), False, "22:00"),  # 23:00 on a working day
    (datetime(2026, 3, 10, 22, 0), False, "22:00"),  # 22:00 is night already
    (datetime(2026, 3, 10, 5, 59), False, "22:00"),  # before 06:00
], ids=["decree-62-13.2-tet-2026-forces", "decree-62-13.2-window-start", "decree-62-13.2-window-end",
        "art-46.2-tet-holiday", "art-46.2-sunday", "art-46.2-sunday-with-forces", "art-46.2-national-day",
        "art-46.2-23h", "art-46.2-22h", "art-46.2-05h59"])
def test_a_coercion_is_refused_and_the_reason_says_why(starts_at, forces, refused_because):
    why = plan_refusal(starts_at, mobilised_forces=forces, calendar=CAL)
    assert why is not None and refused_because in why
    assert "Điều 46" in why or "Điều 13" in why


@pytest.mark.parametrize(("starts_at", "forces"), [
    (datetime(2026, 2, 26, 8, 0), False),  # inside the Tết window without forces: Art. 13.2 does not concern it
    (datetime(2026, 3, 5, 8, 0), True),  # the day after the window, forces mobilised
    (datetime(2026, 3, 10, 8, 0), True),  # an ordinary working day at 08:00
    (datetime(2026, 3, 10, 6, 0), False),  # 06:00: the night is over
    (datetime(2026, 3, 10, 21, 59), False),  # just before 22:00
], ids=["decree-62-13.2-no-forces", "decree-62-13.2-after-window", "art-46.2-working-day-08h",
        "art-46.2-06h", "art-46.2-21h59"])
def test_a_coercion_is_allowed(starts_at, forces):
    assert plan_refusal(starts_at, mobilised_forces=forces, calendar=CAL) is None


def test_the_night_hours_are_configurable():
    early = NightHours(start=time(21, 0), end=time(7, 0))
    assert plan_refusal(datetime(2026, 3, 10, 21, 30), mobilised_forces=False, calendar=CAL, night=early)
    assert plan_refusal(datetime(2026, 3, 10, 21, 30), mobilised_forces=False, calendar=CAL, night=NIGHT) is None


def test_a_special_day_given_by_the_caller_is_the_reason():
    why = plan_refusal(datetime(2026, 3, 10, 8), mobilised_forces=True, calendar=CAL,
                       special_day="ngày truyền thống của người có công")
    assert why == "ngày truyền thống của người có công"


def test_a_day_outside_the_calendar_is_refused_not_guessed():
    why = plan_refusal(datetime(2099, 3, 10, 8), mobilised_forces=False, calendar=CAL)
    assert why is not None and "ngoài lịch" in why


@pytest.mark.parametrize(("place", "forces_on", "forces", "estimate", "field"), [
    ("", False, "", 0, "place"),  # 72.2.c
    ("Thôn 3, xã Phú Thuận", True, "", 0, "forces"),  # 72.2.đ
    ("Thôn 3, xã Phú Thuận", False, "", -1, "cost_estimate"),  # 72.2.e
    ("Thôn 3, xã Phú Thuận", True, "Công an huyện: 10", 5_000_000, None),
    ("Thôn 3, xã Phú Thuận", False, "", 0, None),
], ids=["art-72.2.c-place", "art-72.2.d-forces", "art-72.2.e-estimate", "complete-with-forces", "complete"])
def test_the_contents_of_a_plan(place, forces_on, forces, estimate, field):
    why = plan_contents_refusal(place=place, mobilised_forces=forces_on, forces=forces, cost_estimate=estimate)
    assert (why[0] if why else None) == field


@pytest.mark.parametrize(("status", "on", "carried_out", "refused"), [
    ("planned", date(2026, 3, 10), True, False),
    ("planned", date(2026, 3, 9), True, True),  # before the planned day
    ("planned", date(2026, 3, 15), True, True),  # carried out on a Sunday: Art. 46.2
    ("planned", date(2026, 3, 15), False, False),  # not carried out: no date rule
    ("carried_out", date(2026, 3, 10), True, True),  # once only
], ids=["same-day", "before-plan", "art-46.2-sunday", "postponed", "twice"])
def test_the_result_of_a_plan(status, on, carried_out, refused):
    why = plan_result_refusal(status, date(2026, 3, 10), on, carried_out=carried_out, calendar=CAL)
    assert (why is not None) == refused


@pytest.mark.parametrize(("rows", "owed"), [
    ([], 0),
    ([("charged", 3_000_000)], 3_000_000),  # Art. 73.1
    ([("charged", 3_000_000), ("recovered", 1_000_000)], 2_000_000),  # Art. 73.6
    ([("charged", 3_000_000), ("recovered", 1_000_000), ("waived", 2_000_000)], 0),  # Art. 73.2-73.3, 73.5
], ids=["none", "art-73.1-charged", "art-73.6-recovered", "art-73.5-waived"])
def test_what_the_debtor_still_owes_in_costs(rows, owed):
    assert outstanding_costs(rows) == owed


@pytest.mark.parametrize(("kind", "amount", "owed", "refused"), [
    ("charged", 1, 0, False),
    ("charged", 0, 0, True),
    ("charged", True, 0, True),
    ("waived", 2_000_000, 2_000_000, False),
    ("waived", 2_000_001, 2_000_000, True),  # no more than what is owed
    ("recovered", 1_000, 5_000, True),  # only the collecting actions write it (Art. 73.6)
], ids=["charged", "zero", "bool", "art-73.5-waiver", "waiver-over", "recovered-by-hand"])
def test_a_cost_entered_by_hand(kind, amount, owed, refused):
    assert (cost_refusal(kind, amount, owed) is not None) == refused
