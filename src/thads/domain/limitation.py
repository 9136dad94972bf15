"""Limitation period for requesting enforcement (thời hiệu yêu cầu thi hành án, Luật THADS Art. 30). Pure Python.

Art. 30 (Law 26/2008) [V]:

1. A party may request enforcement **within 5 years from the day the judgment takes legal effect**. When the
   judgment fixes a performance date, the 5 years run **from the day the obligation falls due**; for periodic
   obligations the 5 years apply **to each instalment**, from its due date.
2. Periods of **postponement or suspension** do not count, **except** a postponement the creditor agreed to
   (Art. 48.1.c).
3. Periods of proven **objective obstacle or force majeure** do not count (defined by Decree 62/2015 Art. 4.3).

Counting follows Bộ luật Dân sự 2015 Arts. 147–148 [V]: the first day (the day of the event) is not counted; a
period in months or years ends on the same-numbered day of the last month/year, or on that month's last day when it
has no such day; it ends at 24:00 of that day. A request made **on** the deadline is in time; the day after is late.

Rolling a deadline that falls on a rest day to the next working day (Civil Code Art. 148.5) is the calendar module's
job; every function here takes an optional ``roll`` hook for it and leaves dates unrolled without one.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta

LIMITATION_YEARS = 5  # Art. 30.1

Roll = Callable[[date], date]


def add_months(start: date, months: int) -> date:
    """Civil Code Art. 148.3 month counting: same day-number ``months`` later, or the last day of that month."""
    index = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(start.day, last))


def add_years(start: date, years: int) -> date:
    """Civil Code Art. 148.4 year counting: same day and month ``years`` later (29/02 → 28/02 in a common year)."""
    return add_months(start, 12 * years)


def period_end(start: date, *, days: int = 0, months: int = 0, years: int = 0, roll: Roll | None = None) -> date:
    """Last day of a period counted from the event on ``start`` (Civil Code Art. 147: ``start`` itself not counted).

    ``days`` are calendar days: a 10-day period from 01/03 ends on 11/03. ``roll`` moves a last day that is a rest day.
    """
    end = add_months(start, months + 12 * years) + timedelta(days=days)
    return roll(end) if roll is not None else end


def full_years_elapsed(start: date, on: date) -> int:
    """How many whole years have *expired* on ``on`` counting from the event on ``start`` (Civil Code Arts. 147–148).

    A year from 10/03/2020 ends at 24:00 on 10/03/2021, so on 10/03/2021 zero years have expired and on 11/03/2021
    one has. Used for "hết thời hạn N năm, kể từ ngày …" conditions (e.g. Luật THADS Art. 61).
    """
    if on <= start:
        return 0
    years = on.year - start.year
    while years > 0 and add_years(start, years) >= on:
        years -= 1
    return years


def _merged(intervals: Iterable[tuple[date, date]]) -> list[tuple[date, date]]:
    """Sorted, merged inclusive intervals; an interval whose end is before its start is a programming error."""
    items = sorted(intervals)
    out: list[tuple[date, date]] = []
    for first, last in items:
        if last < first:
            raise ValueError(f"excluded interval ends before it starts: {first} > {last}")
        if out and first <= out[-1][1] + timedelta(days=1):
            if last > out[-1][1]:
                out[-1] = (out[-1][0], last)
        else:
            out.append((first, last))
    return out


def request_deadline(
    effective_on: date,
    due_on: date | None = None,
    excluded: Sequence[tuple[date, date]] = (),
    *,
    years: int = LIMITATION_YEARS,
    roll: Roll | None = None,
) -> date:
    """Last day on which enforcement may be requested (Luật THADS Art. 30).

    * The period runs from ``due_on`` when the judgment fixes a performance date (Art. 30.1 para. 2), else from
      ``effective_on``, the day the judgment took legal effect (Art. 30.1 para. 1). For a periodic obligation call this
      once per instalment with that instalment's ``due_on`` (Art. 30.1 para. 3; see :func:`instalment_deadlines`).
    * ``excluded``: inclusive ``(first_day, last_day)`` intervals that do not count: postponement and suspension
      (Art. 30.2), **not** a postponement the creditor agreed to (ground 48.1.c: leave it out), and proven force
      majeure or objective obstacle (Art. 30.3; Decree 62/2015 Art. 4.3). Days of an interval that fall inside the
      running period stop the clock and push the deadline back by as many days; an interval that starts after the
      (already extended) deadline changes nothing. Days on or before the start day are ignored (not counted anyway).
    * Counting per Civil Code Arts. 147–148 (see :func:`add_years`). ``years`` is configurable for other regimes.
    * ``roll`` (optional) moves a deadline falling on a rest day to the next working day; it is applied once, last.
    """
    start = due_on if due_on is not None else effective_on
    deadline = add_years(start, years)
    first_counted = start + timedelta(days=1)
    for first, last in _merged(excluded):
        first = max(first, first_counted)
        if last < first:
            continue
        if first > deadline:
            break
        deadline += timedelta(days=(last - first).days + 1)
    return roll(deadline) if roll is not None else deadline


def is_time_barred(
    request_on: date,
    effective_on: date,
    due_on: date | None = None,
    excluded: Sequence[tuple[date, date]] = (),
    *,
    years: int = LIMITATION_YEARS,
    roll: Roll | None = None,
) -> bool:
    """Whether a request filed on ``request_on`` is out of time (Luật THADS Art. 30; refusal under Art. 31.5.c).

    The filing day is the day the request is handed in or stated in person, or the sender's postmark (Art. 31.1).
    A request on the deadline itself is in time.
    """
    return request_on > request_deadline(effective_on, due_on, excluded, years=years, roll=roll)


def instalment_deadlines(
    due_dates: Sequence[date],
    excluded: Sequence[tuple[date, date]] = (),
    *,
    years: int = LIMITATION_YEARS,
    roll: Roll | None = None,
) -> list[date]:
    """Deadline of each instalment of a periodic obligation (Luật THADS Art. 30.1 para. 3), in the given order."""
    return [request_deadline(due, due, excluded, years=years, roll=roll) for due in due_dates]
