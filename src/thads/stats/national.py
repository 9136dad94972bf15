"""National completion rates and targets (``../shared/domain/THADS.md`` §5), seeded as data with their sources.

Rates are "tỷ lệ thi hành xong" on the "có điều kiện" base, in cases and in money, for the statistical year named by
its end (01/10/Y−1 → 30/09/Y), 12-month figures unless ``months`` says otherwise. ``None`` = not published or not
verified. Where two sources differ (2023, 2024) the first figure of THADS.md §5 is kept and the other is in
``note``. Targets are national ("chỉ tiêu" assigned by the National Assembly / the Ministry); targets per unit live
in the emulation context above (issue 17), which registers a provider here (``register_target_provider``): the
charts draw them when :func:`unit_targets` returns any.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NationalYear:
    year: int
    months: int
    actual_cases: str | None
    actual_money: str | None
    target_cases: str | None
    target_money: str | None
    source: str
    note: str = ""


NATIONAL: tuple[NationalYear, ...] = (
    NationalYear(2017, 9, "63.75", None, None, None, "thads.moj.gov.vn ChiDaoDieuHanh ItemID=3689",
                 "9-month figure; not comparable with a 12-month rate"),
    NationalYear(2020, 12, "81.41", "40.09", "80.00", "38.00", "vietnamnet.vn",
                 "targets implied (\"1.41 % and 2.09 % above target\")"),
    NationalYear(2021, 10, "66.00", "25.00", None, None, "hanoimoi.vn",
                 "approximate 10-month cumulative figures; not comparable with a 12-month rate"),
    NationalYear(2022, 12, "82.50", None, None, None, "danchuphapluat.vn",
                 "cases computed 539,290 / 653,719; money unverified"),
    NationalYear(2023, 12, "83.24", "46.44", "82.50", "45.50", "thads.moj.gov.vn ThongTinChung ItemID=1355",
                 "baophapluat.vn gives 83.25 % / 46.78 %; targets are lower bounds (\"> 82.50 % / > 45.50 %\")"),
    NationalYear(2024, 12, "83.88", "51.84", "83.25", "46.45", "noichinh.vn 12/2024; cafef.vn 10/2024",
                 "cafef.vn gives 83.86 % / 51.46 %; targets are lower bounds"),
    NationalYear(2025, 12, None, None, "83.90", "51.90", "cafef.vn 10/2025",
                 "National Assembly target; results \"exceeded both\", rates not published"),
)
SOURCE_NOTE = ("National results and targets: THADS.md §5 (Ministry of Justice and press reports; "
               "2021 and 2017 are not 12-month figures and are not drawn).")


def national_year(year: int) -> NationalYear | None:
    """The 12-month national figures of ``year`` (None when not seeded or not a 12-month figure)."""
    for row in NATIONAL:
        if row.year == year and row.months == 12:
            return row
    return None


_TARGET_PROVIDERS: dict[str, Callable[..., dict[int, tuple[str | None, str | None]]]] = {}


def register_target_provider(name: str, provider: Callable[..., dict[int, tuple[str | None, str | None]]]) -> None:
    """A context above registers where per-unit targets come from (idempotent: ``ready`` may run twice)."""
    _TARGET_PROVIDERS[name] = provider


def unit_targets(unit, years) -> dict[int, tuple[str | None, str | None]]:
    """Targets (cases, money) of ``unit`` per statistical year, from the registered providers (none: the charts
    draw the national targets only)."""
    out: dict[int, tuple[str | None, str | None]] = {}
    years = list(years)
    for name in sorted(_TARGET_PROVIDERS):
        out.update(_TARGET_PROVIDERS[name](unit, years))
    return out
