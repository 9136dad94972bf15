"""Coercion plans and coercion costs (kế hoạch cưỡng chế, chi phí cưỡng chế): the pure rules. Pure Python.

The law (Luật THADS 2008 as amended by Law 64/2014; read in the consolidated text, "Điều 30.2.LQ.N"):

* **Art. 46.2**: no coercion "from 22:00 to 06:00 the next morning", on weekly rest days and public holidays, nor in
  the other special cases the Government lists. The hours are :data:`NIGHT` (configurable: pass other
  :class:`NightHours`); the days are :func:`thads.domain.coercion_calendar.coercion_refusal` (rest days for every
  coercion; Tết, 15 days before and after, for a coercion *with mobilised forces*: Decree 62/2015 Art. 13.2 as
  amended, Decree 152/2026 Art. 42).
* **Art. 72.1**: the officer makes a coercion plan when forces must be mobilised; **72.2**: its main contents are
  a) the person coerced, b) the measure, c) the time and place, d) how it is carried out, đ) the forces required to
  protect it, e) the cost estimate. THADS keeps c), đ) and e) on the plan (``assets.CoercionPlan``); a) and b) are
  the case's debtor and the plan's measure.
* **Art. 73**: coercion costs. 73.1: borne by the debtor (notices, materials, valuation and auction, storage,
  transport, the allowance of those taking part…); 73.2: some by the creditor (a re-valuation he asked for, …);
  73.3: by the state budget (a re-valuation after a breach, verification, …, exemptions); 73.4: the officer
  estimates the costs and tells the debtor at least 3 working days before the coercion; 73.5: paid at the actual,
  reasonable amount the head approves, the head decides exemptions and reductions (Decree 62 Art. 44); 73.6: paid by
  the parties or deducted from the money collected or the auction proceeds. In THADS a cost is a ``CostEntry``:
  ``charged`` to the debtor, ``recovered`` from money the measures bring in (first in the order of payment, Art.
  47.1 opening paragraph), or ``waived`` (borne by the creditor or the state, or exempted).

Titles: the officer plans (Art. 72.1; the head approves it, TTLT 03/2012 Art. 4.5), the head approves costs and
decides exemptions (Art. 73.5): :data:`PLAN_TITLES`, :data:`COST_TITLES`, :data:`WAIVE_TITLES`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time

from thads.domain.calendar import CalendarRangeError, WorkCalendar
from thads.domain.coercion_calendar import coercion_refusal
from thads.domain.roles import Title
from thads.lib.numbers import format_vnd

__all__ = [
    "COST_KINDS", "COST_TITLES", "NIGHT", "PLAN_TITLES", "WAIVE_TITLES", "NightHours", "cost_refusal",
    "night_refusal", "outstanding_costs", "plan_contents_refusal", "plan_refusal", "plan_result_refusal",
]


@dataclass(frozen=True, slots=True)
class NightHours:
    """The hours in which no coercion is organised (Luật THADS Art. 46.2: "từ 22 giờ đến 06 giờ sáng ngày hôm
    sau"): from ``start`` (inclusive) to ``end`` (exclusive) the next morning. Configurable."""

    start: time = time(22, 0)
    end: time = time(6, 0)

    def contains(self, at: time) -> bool:
        if self.start <= self.end:  # a window inside one day (not the law's, but a configuration may say so)
            return self.start <= at < self.end
        return at >= self.start or at < self.end


#: Art. 46.2: 22:00–06:00.
NIGHT = NightHours()

_CHV = frozenset({Title.HEAD, Title.DEPUTY, Title.OFFICER})
#: Who enters a coercion plan and its result: the officer makes it (Art. 72.1), the head approves it.
PLAN_TITLES: frozenset[Title] = _CHV
#: Who records a cost charged to the debtor: the officer proposes, the head approves (Art. 73.5), the accountant
#: books it.
COST_TITLES: frozenset[Title] = _CHV | {Title.ACCOUNTANT}
#: Who records a cost borne by the creditor or the state, or exempted: the head (Art. 73.5; Decree 62 Art. 44.2).
WAIVE_TITLES: frozenset[Title] = frozenset({Title.HEAD, Title.DEPUTY})

#: The kinds of ``assets.CostEntry`` and what each does to what the debtor still owes in costs.
COST_KINDS = {"charged": 1, "recovered": -1, "waived": -1}


def night_refusal(starts_at: datetime, night: NightHours = NIGHT) -> str | None:
    """Luật THADS Art. 46.2: no coercion from 22:00 to 06:00 (``night``). ``starts_at`` is the local wall-clock
    time of the coercion's start. The reason in Vietnamese, or None."""
    if not night.contains(starts_at.time()):
        return None
    return (f"thời điểm {starts_at:%H:%M} ngày {starts_at:%d/%m/%Y} nằm trong khoảng từ {night.start:%H:%M} đến "
            f"{night.end:%H:%M} sáng hôm sau; không tổ chức cưỡng chế thi hành án vào thời gian này "
            "(khoản 2 Điều 46 Luật Thi hành án dân sự)")


def plan_refusal(starts_at: datetime, *, mobilised_forces: bool, calendar: WorkCalendar,
                 night: NightHours = NIGHT, special_day: str | None = None) -> str | None:
    """Why a coercion may not start at ``starts_at`` (local wall-clock time), in Vietnamese, or None.

    Luật THADS Art. 46.2: not at night (:func:`night_refusal`), not on a rest day or public holiday (every
    coercion); Decree 62/2015 Art. 13.2 (Decree 152/2026 Art. 42 from 01/07/2026): not within 15 days before and
    after Tết Nguyên đán when forces are mobilised (both by
    :func:`thads.domain.coercion_calendar.coercion_refusal`). ``special_day``: the caller's reason for another
    special day of Decree 62 Art. 13.2 (a policy beneficiary's commemoration day, …). A day outside the calendar's
    years is refused (it cannot be checked)."""
    why = night_refusal(starts_at, night)
    if why:
        return why
    try:
        return coercion_refusal(starts_at.date(), mobilised_forces=mobilised_forces, calendar=calendar,
                                special_day=special_day)
    except CalendarRangeError:
        return (f"ngày {starts_at:%d/%m/%Y} nằm ngoài lịch làm việc đã có ({calendar.first_year}–"
                f"{calendar.last_year}); chưa kiểm tra được ngày nghỉ, ngày lễ và thời gian Tết")


def plan_contents_refusal(*, place: str, mobilised_forces: bool, forces: str,
                          cost_estimate: int) -> tuple[str, str] | None:
    """Luật THADS Art. 72.2: a plan names the place (c), the forces required to protect the coercion when forces are
    mobilised (đ) and the cost estimate (e, whole VND, not negative; Art. 73.4). Returns ``(field, reason)`` or
    None."""
    if not (place or "").strip():
        return "place", "kế hoạch cưỡng chế phải ghi địa điểm cưỡng chế (điểm c khoản 2 Điều 72 Luật Thi hành án dân sự)"
    if mobilised_forces and not (forces or "").strip():
        return "forces", ("kế hoạch cưỡng chế có huy động lực lượng phải ghi yêu cầu về lực lượng tham gia bảo vệ "
                          "cưỡng chế (điểm đ khoản 2 Điều 72 Luật Thi hành án dân sự)")
    if isinstance(cost_estimate, bool) or not isinstance(cost_estimate, int) or cost_estimate < 0:
        return "cost_estimate", ("dự trù chi phí cưỡng chế phải là số tiền không âm (điểm e khoản 2 Điều 72, "
                                 "khoản 4 Điều 73 Luật Thi hành án dân sự)")
    return None


def plan_result_refusal(status: str, starts_on, on, *, carried_out: bool, calendar: WorkCalendar) -> str | None:
    """The result of a plan (carried out, or not: postponed): only once, on or after the planned day; a coercion
    carried out on a rest day or holiday would breach Art. 46.2, so such a date is refused. Vietnamese, or None."""
    if status != "planned":
        return "kế hoạch cưỡng chế này đã có kết quả; không ghi kết quả lần nữa"
    if on < starts_on:
        return f"ngày {on:%d/%m/%Y} trước ngày dự kiến cưỡng chế {starts_on:%d/%m/%Y}"
    if carried_out:
        try:
            return coercion_refusal(on, mobilised_forces=False, calendar=calendar)
        except CalendarRangeError:
            return f"ngày {on:%d/%m/%Y} nằm ngoài lịch làm việc đã có"
    return None


def outstanding_costs(entries: Iterable[tuple[str, int]]) -> int:
    """What the debtor still owes in coercion costs (Luật THADS Art. 73.1, 73.6): charged − recovered − waived,
    from ``(kind, amount)`` rows of ``assets.CostEntry``."""
    total = 0
    for kind, amount in entries:
        total += COST_KINDS[kind] * amount
    return total


def cost_refusal(kind: str, amount: int, outstanding: int) -> str | None:
    """A cost entered by hand: ``charged`` (Art. 73.1, the actual and reasonable amount approved, 73.5) or
    ``waived`` (borne by the creditor 73.2 or the state 73.3, or exempted, Decree 62 Art. 44), a whole positive
    number of VND; a waiver no larger than what the debtor still owes in costs. ``recovered`` is written only by the
    actions that collect money (Art. 73.6). Vietnamese, or None."""
    if kind not in ("charged", "waived"):
        return ("chỉ ghi được chi phí phải chịu hoặc chi phí được miễn, giảm, do người khác chịu; chi phí đã thu "
                "được ghi khi thu tiền (khoản 6 Điều 73 Luật Thi hành án dân sự)")
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        return "số tiền chi phí phải lớn hơn 0 ₫"
    if kind == "waived" and amount > outstanding:
        return (f"số tiền {format_vnd(amount)} lớn hơn chi phí cưỡng chế người phải thi hành án còn phải nộp "
                f"({format_vnd(outstanding)})")
    return None
