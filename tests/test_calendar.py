"""Working-day calendar (thads.domain.calendar): hand-counted dates around Vietnamese holidays. Pure: no DB.

Every row states its counting: "(1)" is the first counted working day; "off" days are skipped.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thads.domain.calendar import (
    CalendarRangeError,
    CalendarRow,
    DayKind,
    TetAnchor,
    WorkCalendar,
    library_makeup_saturdays,
    lunar_new_year,
    national_calendar,
)

CAL = national_calendar()
D = date

# (start, n, expected, counting)
WORKING_DAY_ROWS = [
    (D(2025, 1, 24), 1, D(2025, 2, 3), "Fri; 25–26/1 weekend; 27–31/1 Tết; Sat 1/2 (Tết), Sun 2/2; Mon 3/2 (1)"),
    (D(2025, 1, 24), 5, D(2025, 2, 7), "as above; 3/2 (1) 4/2 (2) 5/2 (3) 6/2 (4) 7/2 (5)"),
    (D(2025, 1, 22), 3, D(2025, 2, 3), "Wed; Thu 23 (1) Fri 24 (2); 25/1–2/2 off; Mon 3/2 (3)"),
    (D(2026, 2, 13), 5, D(2026, 2, 27), "Fri; 14–15 weekend; 16–20/2 Tết; 21–22 weekend; 23 (1) 24 (2) 25 (3) 26 (4) 27 (5)"),
    (D(2026, 2, 12), 3, D(2026, 2, 24), "Thu; Fri 13 (1); 14–22 off; Mon 23 (2) Tue 24 (3)"),
    (D(2025, 4, 29), 1, D(2025, 5, 5), "Tue; 30/4, 1/5, 2/5 (swapped) off; 3–4 weekend; Mon 5/5 (1)"),
    (D(2025, 4, 29), 3, D(2025, 5, 7), "as above; 5/5 (1) 6/5 (2) 7/5 (3)"),
    (D(2025, 4, 25), 3, D(2025, 4, 29), "Fri; Sat 26/4 make-up working day (1); Sun 27 off; Mon 28 (2) Tue 29 (3)"),
    (D(2025, 4, 24), 2, D(2025, 4, 26), "Thu; Fri 25 (1); Sat 26/4 make-up (2)"),
    (D(2025, 8, 29), 3, D(2025, 9, 5), "Fri; 30–31/8 weekend; 1/9 + 2/9 National Day; Wed 3/9 (1) Thu 4 (2) Fri 5 (3)"),
    (D(2026, 8, 21), 1, D(2026, 8, 22), "Fri; Sat 22/8/2026 make-up for Mon 31/8 (1)"),
    (D(2026, 8, 28), 1, D(2026, 9, 3), "Fri; 29–30 weekend; Mon 31/8 swapped off; 1/9, 2/9 holidays; Thu 3/9 (1)"),
    (D(2026, 4, 24), 3, D(2026, 5, 4), "Fri; 25–26 weekend (Sun 26 = Hùng Kings); Mon 27 nghỉ bù; 28 (1) 29 (2); "
                                       "30/4, 1/5 off; 2–3 weekend; Mon 4/5 (3)"),
    (D(2025, 12, 31), 1, D(2026, 1, 2), "Wed; Thu 1/1 New Year; Fri 2/1 (1)"),
    (D(2025, 3, 11), 5, D(2025, 3, 18), "Tue; 12 (1) 13 (2) 14 (3); 15–16 weekend; 17 (4) 18 (5)"),
    (D(2025, 2, 10), -1, D(2025, 2, 7), "Mon; backwards: Fri 7/2 (−1)"),
    (D(2025, 2, 3), -1, D(2025, 1, 24), "Mon 3/2 after Tết; backwards over 25/1–2/2: Fri 24/1 (−1)"),
]


@pytest.mark.parametrize(("start", "n", "expected", "counting"), WORKING_DAY_ROWS)
def test_add_working_days_hand_counted(start: date, n: int, expected: date, counting: str) -> None:
    assert CAL.add_working_days(start, n) == expected, counting
    if n > 0:
        assert CAL.working_days_between(start, expected) == n


# (start, n days, expected rolled, counting)
CALENDAR_DAY_ROWS = [
    (D(2025, 10, 2), 10, D(2025, 10, 13), "Thu 2/10 + 10 = Sun 12/10 → rolls to Mon 13/10 (Civil Code Art. 148)"),
    (D(2025, 4, 20), 10, D(2025, 5, 5), "Sun 20/4 + 10 = Wed 30/4 holiday → 1/5, 2/5 off, 3–4 weekend → Mon 5/5"),
    (D(2026, 2, 7), 10, D(2026, 2, 23), "Sat 7/2 + 10 = Tue 17/2 (Tết) → 18–20 Tết, 21–22 weekend → Mon 23/2"),
    (D(2025, 1, 22), 10, D(2025, 2, 3), "Wed 22/1 + 10 = Sat 1/2 (Tết) → Sun 2/2 → Mon 3/2"),
    (D(2025, 3, 3), 10, D(2025, 3, 13), "Mon 3/3 + 10 = Thu 13/3, a working day: no roll"),
]


@pytest.mark.parametrize(("start", "n", "expected", "counting"), CALENDAR_DAY_ROWS)
def test_add_calendar_days_rolls_to_working_day(start: date, n: int, expected: date, counting: str) -> None:
    assert CAL.add_calendar_days(start, n) == expected, counting
    assert CAL.add_calendar_days(start, n, roll=False) == start + timedelta(days=n)


# (start, months, expected rolled, expected unrolled, counting)
MONTH_ROWS = [
    (D(2025, 8, 31), 6, D(2026, 3, 2), D(2026, 2, 28), "31/8 + 6 months → February has no 31st → Sat 28/2/2026 "
                                                        "→ rolls to Mon 2/3"),
    (D(2027, 8, 31), 6, D(2028, 2, 29), D(2028, 2, 29), "leap year: 31/8/2027 + 6 → Tue 29/2/2028, a working day"),
    (D(2028, 2, 29), 12, D(2029, 2, 28), D(2029, 2, 28), "29/2/2028 + 12 → 28/2/2029 (Wed)"),
    (D(2025, 8, 31), 12, D(2026, 9, 3), D(2026, 8, 31), "31/8/2025 + 12 → Mon 31/8/2026 swapped off; 1/9, 2/9 "
                                                         "holidays → Thu 3/9/2026"),
    (D(2025, 10, 31), 6, D(2026, 5, 4), D(2026, 4, 30), "31/10 + 6 → 30/4/2026 holiday; 1/5; 2–3 weekend → 4/5"),
]


@pytest.mark.parametrize(("start", "months", "rolled", "unrolled", "counting"), MONTH_ROWS)
def test_add_months(start: date, months: int, rolled: date, unrolled: date, counting: str) -> None:
    assert CAL.add_months(start, months) == rolled, counting
    assert CAL.add_months(start, months, roll=False) == unrolled


@pytest.mark.parametrize(("day", "working"), [
    (D(2025, 4, 26), True),  # Saturday worked for Fri 2/5/2025 (library special pair)
    (D(2025, 5, 2), False),
    (D(2026, 8, 22), True),  # Saturday worked for Mon 31/8/2026
    (D(2024, 5, 4), True),  # Saturday worked for Mon 29/4/2024
    (D(2019, 1, 5), True),  # worked in 2019 for 31/12/2018 (pair with a year of its own)
    (D(2014, 12, 27), True),  # worked in 2014 for 2/1/2015
    (D(2025, 2, 1), False),  # Sat, Mùng 4 Tết
    (D(2025, 4, 7), False),  # Hùng Kings' day 2025
    (D(2026, 4, 27), False),  # nghỉ bù for Hùng Kings' day on Sun 26/4/2026
    (D(2025, 9, 1), False),
    (D(2025, 9, 3), True),
    (D(2011, 1, 29), True),  # data file: Tết 2011 make-up Saturday (the library lacks it)
    (D(2011, 1, 31), False),  # data file: swapped day off
    (D(2014, 1, 28), False),  # data file: Tết 2014
    (D(2014, 2, 8), True),
])
def test_is_working_day(day: date, working: bool) -> None:
    assert CAL.is_working_day(day) is working


def test_library_pairs_give_make_up_saturdays() -> None:
    saturdays = library_makeup_saturdays(range(2010, 2027))
    assert D(2025, 4, 26) in saturdays and D(2026, 8, 22) in saturdays and D(2019, 1, 5) in saturdays
    assert all(d.weekday() == 5 for d in saturdays)
    assert "02/05/2025" in saturdays[D(2025, 4, 26)]


def test_data_file_can_be_left_out() -> None:
    bare = WorkCalendar((2011, 2011), data_rows=())
    assert not bare.is_working_day(D(2011, 1, 29))  # plain Saturday without the data file
    assert bare.is_working_day(D(2011, 1, 31))


def test_unit_closure_changes_a_deadline() -> None:
    closure = CalendarRow(D(2025, 3, 12), DayKind.UNIT_CLOSURE, "HUE-PV", "QĐ của Cục trưởng: đóng cửa do bão")
    cal = WorkCalendar((2024, 2026), [closure])
    # national: 12 (1) 13 (2) 14 (3); HUE-PV closed on 12/3: 13 (1) 14 (2) 17 (3)
    assert cal.add_working_days(D(2025, 3, 11), 3) == D(2025, 3, 14)
    assert cal.add_working_days(D(2025, 3, 11), 3, unit="HUE-PV") == D(2025, 3, 17)
    assert cal.add_working_days(D(2025, 3, 11), 3, unit="HUE-PD") == D(2025, 3, 14)  # other units unaffected
    assert not cal.is_working_day(D(2025, 3, 12), "HUE-PV")
    assert cal.why(D(2025, 3, 12), "HUE-PV").startswith("QĐ của Cục trưởng")
    assert cal.fingerprint() != WorkCalendar((2024, 2026)).fingerprint()


def test_admin_rows_add_a_future_swap_and_override_the_library() -> None:
    rows = [
        CalendarRow(D(2027, 4, 17), DayKind.WORKING_DAY, None, "TB … làm bù"),  # a Saturday worked
        CalendarRow(D(2027, 4, 19), DayKind.DAY_OFF, None, "TB … nghỉ hoán đổi"),
        CalendarRow(D(2026, 11, 24), DayKind.WORKING_DAY, None, "không nghỉ Ngày Văn hóa (giả định)"),
    ]
    cal = WorkCalendar((2026, 2027), rows)
    assert cal.is_working_day(D(2027, 4, 17)) and not cal.is_working_day(D(2027, 4, 19))
    assert not CAL.is_working_day(D(2026, 11, 24)) and cal.is_working_day(D(2026, 11, 24))
    # Fri 16/4/2027 (Hùng Kings) ← Thu 15/4: Sat 17 (1) … with the swap; Mon 19 off; Tue 20 (2)
    assert cal.add_working_days(D(2027, 4, 15), 2) == D(2027, 4, 20)


def test_bad_rows_are_refused() -> None:
    with pytest.raises(ValueError, match="unit"):
        CalendarRow(D(2025, 3, 12), DayKind.UNIT_CLOSURE)
    with pytest.raises(ValueError, match="disagree"):
        WorkCalendar((2025, 2025), [CalendarRow(D(2025, 3, 12), DayKind.DAY_OFF),
                                    CalendarRow(D(2025, 3, 12), DayKind.WORKING_DAY)])
    with pytest.raises(ValueError):
        WorkCalendar((2026, 2025))


def test_range_and_immutability() -> None:
    cal = WorkCalendar((2025, 2025), library=False, data_rows=())
    with pytest.raises(CalendarRangeError):
        cal.is_working_day(D(2024, 12, 31))
    with pytest.raises(CalendarRangeError):
        cal.add_working_days(D(2025, 12, 30), 5)
    with pytest.raises(AttributeError):
        cal.first_year = 2000  # type: ignore[misc]


def test_fingerprint_is_stable_and_sensitive() -> None:
    assert WorkCalendar((2024, 2026)).fingerprint() == WorkCalendar((2024, 2026)).fingerprint()
    swapped = WorkCalendar((2024, 2026), [CalendarRow(D(2026, 1, 2), DayKind.DAY_OFF, None, "giả định")])
    assert swapped.fingerprint() != WorkCalendar((2024, 2026)).fingerprint()
    assert len(CAL.fingerprint()) == 16


def test_next_working_day_and_roll() -> None:
    assert CAL.next_working_day(D(2025, 4, 29)) == D(2025, 5, 5)
    assert CAL.next_working_day(D(2025, 5, 5)) == D(2025, 5, 6)  # strictly after
    assert CAL.roll(D(2025, 5, 5)) == D(2025, 5, 5)  # on or after
    assert CAL.roll(D(2025, 5, 1)) == D(2025, 5, 5)
    assert CAL.working_days_between(D(2025, 5, 7), D(2025, 4, 29)) == -3


def test_tet_blackout() -> None:
    assert CAL.lunar_new_year(2025) == D(2025, 1, 29) == lunar_new_year(2025)
    assert CAL.lunar_new_year(2026) == D(2026, 2, 17)
    # mùng 1 = 29/1/2025; 29/1 − 15 = 14/1; 29/1 + 15 = 13/2
    assert CAL.tet_window(2025) == (D(2025, 1, 14), D(2025, 2, 13))
    assert CAL.coercion_blackout(D(2025, 2, 13)) and not CAL.coercion_blackout(D(2025, 2, 14))
    assert CAL.coercion_blackout(D(2025, 1, 14)) and not CAL.coercion_blackout(D(2025, 1, 13))
    # 17/2/2026 ± 15 → 2/2–4/3/2026
    assert CAL.tet_window(2026) == (D(2026, 2, 2), D(2026, 3, 4))
    assert not CAL.coercion_blackout(D(2026, 3, 5))
    assert CAL.coercion_blackout(D(2026, 3, 7))  # Saturday (Art. 46.2)
    assert CAL.coercion_blackout(D(2025, 9, 2))  # public holiday
    # wider reading: the whole Tết break 25/1–2/2/2025 ± 15 → 10/1–17/2/2025
    wide = WorkCalendar((2025, 2025), tet_anchor=TetAnchor.HOLIDAY_SPAN)
    assert wide.tet_window(2025) == (D(2025, 1, 10), D(2025, 2, 17))


def test_speed_one_million_counts_in_seconds() -> None:
    start = D(2025, 1, 2)
    t0 = time.perf_counter()
    for i in range(200_000):
        CAL.add_working_days(start + timedelta(days=i % 3000), 5)
    assert time.perf_counter() - t0 < 5  # ~0.2 s here; 1M ≈ 1 s


YEARS = st.integers(min_value=2010, max_value=2036)
DAYS = st.builds(lambda y, n: date(y, 1, 1) + timedelta(days=n), YEARS, st.integers(0, 364))


@settings(max_examples=300, deadline=None)
@given(DAYS, st.integers(min_value=1, max_value=400))
def test_property_add_working_days(start: date, n: int) -> None:
    result = CAL.add_working_days(start, n)
    assert result > start and CAL.is_working_day(result)
    assert CAL.working_days_between(start, result) == n
    assert CAL.add_working_days(result, -n) <= start


@settings(max_examples=300, deadline=None)
@given(DAYS, st.integers(min_value=0, max_value=400))
def test_property_calendar_days_and_roll(start: date, n: int) -> None:
    end = CAL.add_calendar_days(start, n)
    assert end >= start + timedelta(days=n) and CAL.is_working_day(end)
    rolled = CAL.roll(start)
    assert rolled >= start and CAL.is_working_day(rolled)
    assert all(not CAL.is_working_day(start + timedelta(days=k)) for k in range((rolled - start).days))


@settings(max_examples=60, deadline=None)
@given(YEARS, st.integers(min_value=-15, max_value=15))
def test_property_blackout_contains_tet(year: int, offset: int) -> None:
    assert CAL.coercion_blackout(CAL.lunar_new_year(year) + timedelta(days=offset))
