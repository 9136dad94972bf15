"""The working-day calendar of Vietnamese state agencies, for counting statutory deadlines. Pure Python.

A :class:`WorkCalendar` is built once (per process, per version of the administrator's table) from three layers,
later layers winning over earlier ones:

1. **Weekly rest days**: Saturday and Sunday: the 40-hour week of state bodies, 5 working days with Saturday and
   Sunday off (Quyết định 188/1999/QĐ-TTg Art. 1; THADS.md §9 had it as UNVERIFIED).
2. **Public holidays** of the ``holidays`` package for Vietnam (Bộ luật Lao động 2019 Art. 112: New Year, 5 Tết days,
   30/4, 1/5, 2/9 + 1 adjacent day, Hùng Kings' day; nghỉ bù; and, from 2026, 24/11 "Ngày Văn hóa Việt Nam", which
   the library adds on Resolution 80-NQ/TW: UNVERIFIED for THADS.md §9, overridable by a ``working_day`` row).
   The library leaves the **make-up working Saturdays** (làm bù) out of its list; they are the second element of its
   ``VietnamStaticHolidays.special_public_holidays`` (day off, Saturday worked) pairs and are working days here.
3. **Rows given as data** (:class:`CalendarRow`): first the bundled file ``data/vn_calendar_swaps.json`` (swaps of
   years the library lacks, each with its source), then the administrator's table that the Django layer passes in
   (swapped days of new years, unit closures), each with its legal source.

Counting (Bộ luật Dân sự 2015 Arts. 147–148 [V], THADS.md §9): the day of the event is not counted (Art. 147.1); a
period in months ends on the same-numbered day of the last month, or that month's last day (Art. 148.3); a period in
days or months that ends on a weekly rest day or holiday ends at the end of the next working day (Art. 148.5);
"ngày làm việc" counts working days only. Coercion has its own calendar rules: :mod:`thads.domain.coercion_calendar`.

Speed: every layer is a ``bytearray`` of rest days plus a prefix count of working days over the calendar's year
range, so every operation is O(1) (a few list look-ups); a calendar of 2009–2040 builds in about 0.1 s.
Immutable: attributes cannot be set after construction; share one instance freely.
"""

from __future__ import annotations

import hashlib
import json
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

from thads.domain.limitation import add_months as _civil_add_months

DATA_DIR = Path(__file__).with_name("data")
SWAPS_FILE = DATA_DIR / "vn_calendar_swaps.json"

#: Decree 62/2015 Art. 13.2 [V], kept by Decree 152/2026 Art. 42 [V]: no coercion with mobilised forces within
#: 15 days before and after Tết Nguyên đán.
TET_BLACKOUT_DAYS = 15


class DayKind(StrEnum):
    """Kind of a calendar row (the administrator's table and the bundled data file)."""

    HOLIDAY = "holiday"  # ngày lễ, Tết (Art. 112 Labour Code) the library lacks or dates differently
    DAY_OFF = "day_off"  # ngày nghỉ hoán đổi / nghỉ bù (swapped day off)
    WORKING_DAY = "working_day"  # ngày làm bù (make-up working day, usually a Saturday)
    UNIT_CLOSURE = "unit_closure"  # one unit closed (disaster, relocation…); needs a unit code


class TetAnchor(StrEnum):
    """What "15 days before and after Tết Nguyên đán" is counted from (Decree 62 Art. 13.2). UNVERIFIED reading."""

    NEW_YEAR_DAY = "new_year_day"  # mùng 1 Tết ± 15 days (default, as THADS.md §2.8 / the issue state it)
    HOLIDAY_SPAN = "holiday_span"  # first day off of the Tết break − 15 … last day off + 15 (wider)


@dataclass(frozen=True, slots=True)
class CalendarRow:
    """One row of calendar data: ``day`` is of ``kind``, for ``unit`` (None = every unit), by ``source`` (legal text)."""

    day: date
    kind: DayKind
    unit: str | None = None
    source: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", DayKind(self.kind))
        if self.kind is DayKind.UNIT_CLOSURE and not self.unit:
            raise ValueError(f"{self.day}: a unit closure needs a unit code")

    @property
    def off(self) -> bool:
        """Whether the row makes the day a non-working day."""
        return self.kind is not DayKind.WORKING_DAY


class CalendarRangeError(ValueError):
    """A date (or a count's result) falls outside the years the calendar was built for."""


def load_rows(path: Path = SWAPS_FILE) -> tuple[CalendarRow, ...]:
    """Rows of a calendar data file: ``{"rows": [{"date": "YYYY-MM-DD", "kind": …, "unit": …, "source": …}]}``."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    return tuple(
        CalendarRow(date.fromisoformat(r["date"]), DayKind(r["kind"]), r.get("unit"), r.get("source", ""))
        for r in raw["rows"]
    )


def library_makeup_saturdays(years: Iterable[int]) -> dict[date, str]:
    """Make-up working days of the ``holidays`` package (second element of each special (day off, day worked) pair).

    The table is ``{year: pair | (pair, …)}`` with ``pair = (month_off, day_off, month_worked, day_worked[, year_worked])``
    (holidays 0.109, ``holidays/countries/vietnam.py``). An unexpected shape is skipped, never guessed.
    """
    try:
        from holidays.countries.vietnam import VietnamStaticHolidays
        table: dict[int, Any] = dict(VietnamStaticHolidays.special_public_holidays)
    except (ImportError, AttributeError):  # pragma: no cover - library layout changed
        return {}
    wanted = set(years)
    out: dict[date, str] = {}
    for year, value in table.items():
        pairs = value if value and isinstance(value[0], tuple) else (value,)
        for pair in pairs:
            if not (4 <= len(pair) <= 5) or not all(isinstance(x, int) for x in pair):
                continue
            worked = date(pair[4] if len(pair) == 5 else year, pair[2], pair[3])
            off = date(year, pair[0], pair[1])
            if worked.year in wanted:
                out[worked] = f"ngày làm bù cho ngày nghỉ {off:%d/%m/%Y} (holidays: VietnamStaticHolidays)"
    return out


def library_holidays(years: Iterable[int]) -> dict[date, str]:
    """Vietnamese public holidays of the ``holidays`` package (names in Vietnamese)."""
    import holidays

    return {d: str(name) for d, name in holidays.country_holidays("VN", years=list(years), language="vi").items()}


def lunar_new_year(year: int) -> date:
    """Mùng 1 Tết of ``year`` (Vietnamese lunisolar calendar, from the ``holidays`` package)."""
    try:  # the package's calendar class (private API, 1903–2053 in 0.109)
        from holidays.calendars.chinese import VIETNAMESE_CALENDAR, _ChineseLunisolar

        found, _estimated = _ChineseLunisolar(VIETNAMESE_CALENDAR).lunar_new_year_date(year)
        if found is not None:
            return found
    except (ImportError, AttributeError, TypeError):  # pragma: no cover - library layout changed
        pass
    import holidays  # fallback: the named holiday in the public list

    for d, name in holidays.country_holidays("VN", years=year, language="en_US").items():
        if name == "Lunar New Year":
            return d
    raise CalendarRangeError(f"no lunar new year known for {year}")


class _Layer:
    """Rest days of one scope (national or one unit) with prefix counts of working days; offsets from ``base``."""

    __slots__ = ("off", "cum", "work")

    def __init__(self, off: bytearray) -> None:
        self.off = off
        cum = array("i", [0]) * (len(off) + 1)
        work = array("i")
        count = 0
        for i, is_off in enumerate(off):
            if not is_off:
                work.append(i)
                count += 1
            cum[i + 1] = count
        self.cum = cum  # cum[i] = working days among offsets [0, i)
        self.work = work  # offsets of working days, ascending


class WorkCalendar:
    """Working days of Vietnamese state agencies over ``years`` (inclusive), with optional unit closures.

    ``rows``: the administrator's table (:class:`CalendarRow`), applied last. ``data_rows``: the bundled swaps file
    by default (pass ``()`` to leave it out). ``library=False`` leaves the ``holidays`` package out (weekends and
    rows only; for tests). Two rows for the same day and scope that disagree raise ``ValueError``.
    """

    __slots__ = ("first_year", "last_year", "_base", "_national", "_units", "_names", "_tet", "_blackout",
                 "_fingerprint", "_frozen")

    def __init__(
        self,
        years: tuple[int, int] = (2009, 2040),
        rows: Iterable[CalendarRow] = (),
        *,
        data_rows: Iterable[CalendarRow] | None = None,
        library: bool = True,
        tet_blackout_days: int = TET_BLACKOUT_DAYS,
        tet_anchor: TetAnchor | str = TetAnchor.NEW_YEAR_DAY,
    ) -> None:
        first, last = years
        if last < first:
            raise ValueError(f"empty year range {years}")
        base = date(first, 1, 1).toordinal()
        size = date(last, 12, 31).toordinal() - base + 1
        span = range(first, last + 1)
        off = bytearray(size)
        names: dict[tuple[int, str | None], str] = {}
        for i in range(size):  # weekly rest days: Saturday, Sunday
            if date.fromordinal(base + i).weekday() >= 5:
                off[i] = 1
        if library:
            for d, name in library_holidays(span).items():
                off[d.toordinal() - base] = 1
                names[(d.toordinal(), None)] = name
            for d, name in library_makeup_saturdays(span).items():
                off[d.toordinal() - base] = 0
                names[(d.toordinal(), None)] = name
        admin = tuple(rows)
        for layer_rows in (load_rows() if data_rows is None else tuple(data_rows),
                           tuple(r for r in admin if r.unit is None)):
            for r in _checked(layer_rows):
                i = r.day.toordinal() - base
                if 0 <= i < size:
                    off[i] = int(r.off)
                    names[(r.day.toordinal(), None)] = r.source or r.kind.value
        national = _Layer(off)
        units: dict[str, _Layer] = {}
        by_unit: dict[str, list[CalendarRow]] = {}
        for r in admin:
            if r.unit is not None:
                by_unit.setdefault(r.unit, []).append(r)
        for unit, unit_rows in sorted(by_unit.items()):
            unit_off = bytearray(off)
            for r in _checked(unit_rows):
                i = r.day.toordinal() - base
                if 0 <= i < size:
                    unit_off[i] = int(r.off)
                    names[(r.day.toordinal(), unit)] = r.source or r.kind.value
            units[unit] = _Layer(unit_off)
        tet = {y: lunar_new_year(y) for y in span}
        blackout: dict[int, tuple[date, date]] = {}
        for y, lny in tet.items():
            lo = hi = lny
            if TetAnchor(tet_anchor) is TetAnchor.HOLIDAY_SPAN:
                while lo.toordinal() - 1 - base >= 0 and off[lo.toordinal() - 1 - base]:
                    lo -= timedelta(days=1)
                while hi.toordinal() + 1 - base < size and off[hi.toordinal() + 1 - base]:
                    hi += timedelta(days=1)
            blackout[y] = (lo - timedelta(days=tet_blackout_days), hi + timedelta(days=tet_blackout_days))
        digest = hashlib.sha256(f"{first}-{last}".encode())
        digest.update(bytes(off))
        for unit, layer in units.items():
            digest.update(b"\0" + unit.encode() + b"\0")
            digest.update(bytes(layer.off))
        setattr_ = object.__setattr__
        setattr_(self, "first_year", first)
        setattr_(self, "last_year", last)
        setattr_(self, "_base", base)
        setattr_(self, "_national", national)
        setattr_(self, "_units", units)
        setattr_(self, "_names", names)
        setattr_(self, "_tet", tet)
        setattr_(self, "_blackout", blackout)
        setattr_(self, "_fingerprint", digest.hexdigest()[:16])
        setattr_(self, "_frozen", True)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("WorkCalendar is immutable")

    def __repr__(self) -> str:
        return f"WorkCalendar({self.first_year}–{self.last_year}, units={sorted(self._units)}, {self._fingerprint})"

    # ------------------------------------------------------------------------------------------------ internals

    def _layer(self, unit: str | None) -> _Layer:
        return self._national if unit is None else self._units.get(unit, self._national)

    def _index(self, d: date) -> int:
        i = d.toordinal() - self._base
        if not 0 <= i < len(self._national.off):
            raise CalendarRangeError(f"{d} is outside the calendar years {self.first_year}–{self.last_year}")
        return i

    def _date(self, offset: int) -> date:
        return date.fromordinal(self._base + offset)

    # ------------------------------------------------------------------------------------------------ queries

    def fingerprint(self) -> str:
        """Hash of the non-working days (national and per unit) and the year range: stored with each computed
        deadline so that a calendar change can find the deadlines it affects."""
        return self._fingerprint

    def is_working_day(self, d: date, unit: str | None = None) -> bool:
        """Whether ``d`` is a working day (for ``unit``: its closures count too)."""
        return not self._layer(unit).off[self._index(d)]

    def why(self, d: date, unit: str | None = None) -> str:
        """Why ``d`` is (not) a working day, in Vietnamese: the row's source, the holiday's name, or the weekday."""
        key = d.toordinal()
        if unit is not None and (key, unit) in self._names:
            return self._names[(key, unit)]
        if (key, None) in self._names:
            return self._names[(key, None)]
        return "nghỉ hằng tuần" if d.weekday() >= 5 else "ngày làm việc"

    def days_off(self, first: date, last: date, unit: str | None = None) -> Iterator[date]:
        """Non-working days from ``first`` to ``last`` inclusive."""
        layer = self._layer(unit)
        for i in range(self._index(first), self._index(last) + 1):
            if layer.off[i]:
                yield self._date(i)

    def roll(self, d: date, unit: str | None = None) -> date:
        """``d`` itself if it is a working day, else the next working day (Civil Code Art. 148.5)."""
        layer = self._layer(unit)
        i = self._index(d)
        if not layer.off[i]:
            return d
        return self._pick(layer, layer.cum[i])

    def next_working_day(self, d: date, unit: str | None = None) -> date:
        """The first working day strictly after ``d`` (``roll`` keeps ``d`` when it is a working day)."""
        layer = self._layer(unit)
        return self._pick(layer, layer.cum[self._index(d) + 1])

    def _pick(self, layer: _Layer, k: int) -> date:
        if not 0 <= k < len(layer.work):
            raise CalendarRangeError(f"working day #{k} is outside the calendar years {self.first_year}–{self.last_year}")
        return self._date(layer.work[k])

    def add_working_days(self, start: date, n: int, unit: str | None = None) -> date:
        """The ``n``-th working day after ``start`` ("trong thời hạn n ngày làm việc, kể từ ngày …").

        Counting starts the day after ``start`` (Civil Code Art. 147.1) and skips every non-working day, so the
        result is always a working day for ``n ≥ 1``. ``n = 0`` returns ``start``; ``n < 0`` counts backwards
        (the |n|-th working day before ``start``).
        """
        if n == 0:
            return start
        layer = self._layer(unit)
        i = self._index(start)
        return self._pick(layer, layer.cum[i + 1] + n - 1 if n > 0 else layer.cum[i] + n)

    def working_days_between(self, a: date, b: date, unit: str | None = None) -> int:
        """Working days ``d`` with ``a < d ≤ b`` (negative when ``b < a``); ``working_days_between(a,
        add_working_days(a, n)) == n`` for every ``n ≥ 1``."""
        cum = self._layer(unit).cum
        return cum[self._index(b) + 1] - cum[self._index(a) + 1]

    def add_calendar_days(self, start: date, n: int, roll: bool = True, unit: str | None = None) -> date:
        """Last day of a period of ``n`` days ("n ngày") from the event on ``start``: the first day is not counted
        (Civil Code Art. 147.1); with ``roll``, a last day that is not a working day moves to the next working day
        (Art. 148.5)."""
        end = start + timedelta(days=n)
        return self.roll(end, unit) if roll else end

    def add_months(self, start: date, n: int, roll: bool = True, unit: str | None = None) -> date:
        """Last day of a period of ``n`` months: the same-numbered day, or the month's last day when it has none
        (Civil Code Art. 148.3; :func:`thads.domain.limitation.add_months`), rolled like :meth:`add_calendar_days`."""
        end = _civil_add_months(start, n)
        return self.roll(end, unit) if roll else end

    def lunar_new_year(self, year: int) -> date:
        """Mùng 1 Tết Nguyên đán of ``year``."""
        if year not in self._tet:
            raise CalendarRangeError(f"{year} is outside the calendar years {self.first_year}–{self.last_year}")
        return self._tet[year]

    def tet_window(self, year: int) -> tuple[date, date]:
        """First and last day of the Tết coercion blackout of ``year`` (inclusive; Decree 62/2015 Art. 13.2 [V],
        Decree 152/2026 Art. 42 [V]). The anchor (mùng 1, or the whole Tết break) is configurable: UNVERIFIED."""
        if year not in self._blackout:
            raise CalendarRangeError(f"{year} is outside the calendar years {self.first_year}–{self.last_year}")
        return self._blackout[year]

    def coercion_blackout(self, d: date, unit: str | None = None) -> bool:
        """Whether coercion may NOT be organised on ``d``: a rest day or holiday (Luật THADS Art. 46.2 [V]), or
        within 15 days before and after Tết Nguyên đán (Decree 62/2015 Art. 13.2 [V]; Decree 152/2026 Art. 42 [V]).

        The Tết rule concerns coercion with mobilised forces only: to schedule a coercion use
        :func:`thads.domain.coercion_calendar.coercion_refusal`, which applies each rule to the coercion it concerns.
        The night-time ban (22:00–06:00) and the commemoration days of a debtor who is a policy beneficiary are the
        scheduler's (not date-only) checks.
        """
        if not self.is_working_day(d, unit):
            return True
        first, last = self.tet_window(d.year)
        return first <= d <= last


def _checked(rows: Iterable[CalendarRow]) -> Iterator[CalendarRow]:
    """Rows of one layer; two rows for the same (day, unit) that disagree on working/non-working are an error."""
    seen: dict[tuple[date, str | None], CalendarRow] = {}
    for r in rows:
        key = (r.day, r.unit)
        prior = seen.get(key)
        if prior is not None and prior.off != r.off:
            raise ValueError(f"calendar rows disagree on {r.day} ({r.unit or 'toàn quốc'}): {prior.kind} vs {r.kind}")
        seen[key] = r
        yield r


@lru_cache(maxsize=8)
def national_calendar(first_year: int = 2009, last_year: int = 2040) -> WorkCalendar:
    """The calendar without administrator rows (library + bundled data file), cached per year range."""
    return WorkCalendar((first_year, last_year))
