"""What every writer of the emulation context does the same way (``emulation.actions``, ``actions_nominations``,
``actions_practices``): the refusal with the form field it is about, the user stored on a row, dates, years,
required texts, rates and counts checked the same way."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from thads.domain.contrib import statistical_year_of
from thads.lib.errors import Refused

FIRST_YEAR = 2000
HUNDREDTH = Decimal("0.01")


class EmulationRefused(Refused):
    """A refused write of the emulation context: ``message`` (Vietnamese) and ``field``, the form field it is about
    ("" when it is about the whole write), so that a page can put it next to that field."""

    def __init__(self, message: str, field: str = "", code: str = "emulation_refused") -> None:
        super().__init__(message, code)
        self.field = field


def refuse_if(refusal: str | None, field: str = "", code: str = "permission") -> None:
    if refusal is not None:
        raise EmulationRefused(refusal, field, code)


def actor(user):
    """The user to store on a row (None for a system write or an anonymous caller)."""
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def acting_unit(user, fallback):
    """The unit a step is taken from: the user's own (the superuser without a unit: ``fallback``)."""
    return getattr(user, "unit", None) or fallback


def past_date(on, field: str, what: str) -> date:
    """A date that has happened: not in the future, not before 2000 (a typing error)."""
    if not isinstance(on, date):
        raise EmulationRefused(f"Cần {what} hợp lệ.", field, "date")
    if on.year < FIRST_YEAR:
        raise EmulationRefused(f"{what.capitalize()} ({on:%d/%m/%Y}) không hợp lệ.", field, "date_range")
    if on > timezone.localdate():
        raise EmulationRefused(f"{what.capitalize()} ({on:%d/%m/%Y}) chưa đến.", field, "future")
    return on


def not_before(on: date, earlier: date | None, what: str, field: str = "on") -> None:
    if earlier is not None and on < earlier:
        raise EmulationRefused(f"Ngày {on:%d/%m/%Y} trước {what} ({earlier:%d/%m/%Y}).", field, "date_order")


def required(value, field: str, what: str, max_length: int | None = None) -> str:
    text = str(value or "").strip()
    if not text:
        raise EmulationRefused(f"Cần {what}.", field, f"{field}.missing")
    if max_length is not None and len(text) > max_length:
        raise EmulationRefused(f"{what.capitalize()} dài quá {max_length} ký tự.", field, f"{field}.length")
    return text


def optional_text(value, field: str, what: str, max_length: int) -> str:
    text = str(value or "").strip()
    if len(text) > max_length:
        raise EmulationRefused(f"{what.capitalize()} dài quá {max_length} ký tự.", field, f"{field}.length")
    return text


def statistical_year(year, field: str = "year") -> int:
    """A statistical year from 2000 to next year (targets are assigned before the year starts)."""
    last = statistical_year_of(timezone.localdate()) + 1
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= last:
        raise EmulationRefused(f"Năm phải từ {FIRST_YEAR} đến {last}.", field, "year")
    return year


def rate_value(value, field: str, what: str) -> Decimal | None:
    """A percentage from 0 to 100 with at most two decimals (None when empty). Never a float."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (bool, float)):
        raise EmulationRefused(f"{what.capitalize()} phải là số thập phân (không dùng số thực dấu phẩy động).",
                               field, "rate.type")
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise EmulationRefused(f"{what.capitalize()} không phải là số.", field, "rate.number") from None
    if not number.is_finite() or not Decimal(0) <= number <= Decimal(100):
        raise EmulationRefused(f"{what.capitalize()} phải từ 0 đến 100%.", field, "rate.range")
    if number != number.quantize(HUNDREDTH):
        raise EmulationRefused(f"{what.capitalize()} có tối đa 2 chữ số thập phân.", field, "rate.decimals")
    return number.quantize(HUNDREDTH)


#: The largest count of cases (a ``PositiveIntegerField`` holds 2³¹ − 1) and amount of VND (the target form's
#: limit, far below a ``BigIntegerField``'s 2⁶³ − 1) a target may name: beyond them the database would fail.
MAX_COUNT = 10_000_000
MAX_VND = 10**15


def count_value(value, field: str, what: str, maximum: int = MAX_COUNT) -> int | None:
    """A whole number from 0 to ``maximum`` (None when empty): a count of cases, or VND."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, Decimal) and (not value.is_finite() or value.copy_abs() > maximum):
        raise EmulationRefused(f"{what.capitalize()} phải là số nguyên từ 0 đến {maximum:,}.".replace(",", "."),
                               field, "count.range")
    if isinstance(value, (bool, float, Decimal)) and not (isinstance(value, Decimal) and value == value.to_integral()):
        raise EmulationRefused(f"{what.capitalize()} phải là số nguyên.", field, "count.type")
    try:
        number = int(value if not isinstance(value, str) else value.strip().replace(".", ""))
    except (TypeError, ValueError, OverflowError):
        raise EmulationRefused(f"{what.capitalize()} phải là số nguyên.", field, "count.type") from None
    if number < 0:
        raise EmulationRefused(f"{what.capitalize()} không được âm.", field, "count.negative")
    if number > maximum:
        raise EmulationRefused(f"{what.capitalize()} quá lớn (tối đa {maximum:,}).".replace(",", "."), field,
                               "count.range")
    return number
