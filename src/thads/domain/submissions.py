"""Submissions upward, the pure rules: when a period's report is due at the level above, whether it came late, and
the consolidation of received reports (THADS.md §4.2; interchange.md §2).

* Deadlines (TT 06/2019/TT-BTP Art. 9.2, THADS.md §4.2 [S]): the enforcement officer to his head ≤ 1 working day,
  a district branch (Chi cục) to the province ≤ 2 working days, the provincial department (Cục) to the General
  Department ≤ 4 working days after the period ends. Whether TT 05/2024 changed them is UNVERIFIED: the numbers are
  the table :data:`WORKING_DAYS`, a regional office (the July 2025 reorganisation) is read as a district branch
  (UNVERIFIED). Working days are counted by ``thads.domain.calendar.WorkCalendar.add_working_days`` (the day after
  the period end is the first day, Civil Code Art. 147.1).
* Consolidation: every indicator of the report is a sum over cases except RATE, which is recomputed from the sums
  (interchange.md §2: RATE = (XONG + DC) / CDK, money (XONG + GIAM + DC) / CDK).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from thads.domain.calendar import WorkCalendar
from thads.domain.report import CASE_KEYS, MONEY_KEYS, rate

#: Working days after the period end, by the sender's level (TT 06/2019 Art. 9.2; UNVERIFIED for "regional").
WORKING_DAYS: dict[str, int] = {"officer": 1, "district": 2, "regional": 2, "province": 4}

MEASURE_KEYS: dict[str, tuple[str, ...]] = {"cases": CASE_KEYS, "money": MONEY_KEYS}


def due_date(level: str, period_end: date, calendar: WorkCalendar, days: Mapping[str, int] = WORKING_DAYS
             ) -> date | None:
    """The last day the report of a period ending ``period_end`` may reach the level above (TT 06/2019 Art. 9.2);
    None for a level that reports to nobody (the national department)."""
    n = days.get(level)
    return None if n is None else calendar.add_working_days(period_end, n)


def is_late(on: date, due: date | None) -> bool:
    """A submission sent (or received) on ``on`` is late when it comes after its due day."""
    return due is not None and on > due


def consolidate(reports: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """The sum of reports' ``cases`` and ``money`` figures, RATE recomputed (zero reports: every figure 0, RATE
    None). Every other indicator is additive over disjoint sets of cases (interchange.md §2)."""
    out: dict[str, dict[str, Any]] = {m: {k: 0 for k in keys if k != "RATE"} for m, keys in MEASURE_KEYS.items()}
    for report in reports:
        for measure, keys in MEASURE_KEYS.items():
            for k in keys:
                if k != "RATE":
                    out[measure][k] += int(report[measure][k])
    c, m = out["cases"], out["money"]
    c["RATE"] = rate(c["XONG"] + c["DC"], c["CDK"])
    m["RATE"] = rate(m["XONG"] + m["GIAM"] + m["DC"], m["CDK"])
    return {measure: {k: out[measure][k] for k in keys} for measure, keys in MEASURE_KEYS.items()}


def differences(left: Mapping[str, Any], right: Mapping[str, Any]) -> list[tuple[str, str, Any, Any]]:
    """(measure, indicator, left, right) for every figure that differs between two reports, in the contract's
    order."""
    return [(measure, k, left[measure][k], right[measure][k])
            for measure, keys in MEASURE_KEYS.items() for k in keys if left[measure][k] != right[measure][k]]


#: The largest figure a received report may carry (VND or cases): far above any real one (10^18 VND), small enough
#: that a forged "number bomb" cannot make sums or the database column misbehave.
MAX_FIGURE = 10**18


def report_shape_ok(report: Any) -> bool:
    """Whether a received report has exactly the figures of interchange.md §2: ``cases`` and ``money`` objects with
    every indicator, each an integer (never a boolean, a float or a numeric string) of magnitude ≤ MAX_FIGURE, and
    RATE the text :func:`thads.domain.report.rate` computes from them (or null when CDK is 0)."""
    if not isinstance(report, Mapping):
        return False
    for measure, keys in MEASURE_KEYS.items():
        figures = report.get(measure)
        if not isinstance(figures, Mapping) or set(figures) != set(keys):
            return False
        for k in keys:
            v = figures[k]
            if k != "RATE" and (type(v) is not int or abs(v) > MAX_FIGURE):
                return False
    c, m = report["cases"], report["money"]
    return (c["RATE"] == rate(c["XONG"] + c["DC"], c["CDK"])
            and m["RATE"] == rate(m["XONG"] + m["GIAM"] + m["DC"], m["CDK"]))
