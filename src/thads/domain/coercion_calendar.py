"""On which days a coercion (cưỡng chế thi hành án) may be organised: the two calendar rules, each applied to the
coercion it concerns. Pure Python (the calendar is :class:`thads.domain.calendar.WorkCalendar`).

* **Rest days and holidays, every coercion** (Luật THADS 2008 Art. 46.2 [V]): no coercion on weekly rest days or
  public holidays (nor from 22:00 to 06:00: a time-of-day check for the scheduler, not a date rule), with or without
  mobilised forces. A unit's own closure (``unit_closure`` row) is not a rest day "theo quy định của pháp luật":
  counted on the national calendar.
* **Tết, coercion with mobilised forces** (Decree 62/2015/NĐ-CP Art. 13.2, as amended by Decrees 33/2020 and
  152/2024 [V]; kept by Decree 152/2026/NĐ-CP Art. 42 [V]): no coercion *with mobilised forces* (có huy động lực
  lượng, Art. 72: the coercion plan) within 15 days before and after Tết Nguyên đán. The window and its anchor
  (mùng 1 or the whole Tết break) are the calendar's (:meth:`WorkCalendar.tet_window`, configurable: UNVERIFIED
  reading). The commemoration days of a debtor who is a policy beneficiary (13.2.b) and the other special cases
  (13.2.c) need facts about the debtor: the caller passes them as ``special_day``.

:func:`coercion_refusal` is what scheduling a coercion calls (the assets-and-coercion issue's act; there is no act
for scheduling a coercion today).
"""

from __future__ import annotations

from datetime import date

from thads.domain.calendar import WorkCalendar


def rest_day_refusal(on: date, calendar: WorkCalendar) -> str | None:
    """Luật THADS Art. 46.2: no coercion on a weekly rest day or public holiday (every coercion). The reason in
    Vietnamese, or None."""
    if calendar.is_working_day(on):
        return None
    return (f"ngày {on:%d/%m/%Y} là ngày nghỉ, ngày lễ ({calendar.why(on)}); không tổ chức cưỡng chế thi hành án "
            "vào ngày nghỉ, ngày lễ (khoản 2 Điều 46 Luật Thi hành án dân sự)")


def tet_refusal(on: date, calendar: WorkCalendar, *, mobilised_forces: bool) -> str | None:
    """Decree 62/2015 Art. 13.2 (Decree 152/2026 Art. 42 from 01/07/2026): no coercion with mobilised forces within
    15 days before and after Tết Nguyên đán. A coercion without mobilised forces is not concerned. The reason in
    Vietnamese, or None."""
    if not mobilised_forces:
        return None
    for year in (on.year, on.year + 1):  # a window can start in the previous December
        if year > calendar.last_year:
            continue
        first, last = calendar.tet_window(year)
        if first <= on <= last:
            basis = ("Điều 42 Nghị định 152/2026/NĐ-CP" if on >= date(2026, 7, 1)
                     else "khoản 2 Điều 13 Nghị định 62/2015/NĐ-CP")
            return (f"ngày {on:%d/%m/%Y} nằm trong thời gian 15 ngày trước và sau Tết Nguyên đán "
                    f"({first:%d/%m/%Y} – {last:%d/%m/%Y}); không tổ chức cưỡng chế có huy động lực lượng ({basis})")
    return None


def coercion_refusal(on: date, *, mobilised_forces: bool, calendar: WorkCalendar,
                     special_day: str | None = None) -> str | None:
    """Why a coercion may not be organised on ``on`` (Vietnamese), or None when the calendar allows it.

    The rest-day ban (Luật THADS Art. 46.2) applies to every coercion; the Tết blackout (Decree 62/2015 Art. 13.2;
    Decree 152/2026 Art. 42) only to a coercion with mobilised forces. ``special_day``: the caller's reason for
    another special day of Decree 62 Art. 13.2.b–c (a policy beneficiary's commemoration day, …), returned as is.
    """
    return rest_day_refusal(on, calendar) or tet_refusal(on, calendar, mobilised_forces=mobilised_forces) \
        or special_day


def coercion_days(first: date, last: date, *, mobilised_forces: bool, calendar: WorkCalendar) -> list[date]:
    """The days from ``first`` to ``last`` (inclusive) on which such a coercion may be organised (for a planner)."""
    days, d = [], first
    while d <= last:
        if coercion_refusal(d, mobilised_forces=mobilised_forces, calendar=calendar) is None:
            days.append(d)
        d = date.fromordinal(d.toordinal() + 1)
    return days
