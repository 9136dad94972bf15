"""What every writer of the assets context does the same way (``assets.actions``, ``assets.actions_measures``): the
scope and title check, raising a pure rule's refusal, finding rows in scope without leaking their existence, the
user to store, and refreshing the deadlines the register feeds (``assets.deadline_source``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils import timezone

from thads.assets.errors import AssetsRefused
from thads.assets.models import Debtor, DebtorCase
from thads.cases.models import Case
from thads.deadlines.service import refresh_cases
from thads.domain.measure_rules import Refusal, Step, title_may
from thads.org.scope import Action, allowed

SCOPE_REFUSAL = "Bạn không có quyền thao tác trên việc của đơn vị này."
TITLE_REFUSAL = "Chức danh của bạn không được thực hiện thao tác này."
PERSONAL_DATA_REFUSAL = "Ghi số định danh, địa chỉ, số tài khoản, số giấy chứng nhận cần quyền xem dữ liệu cá nhân."


def authorise(user, unit, step: Step) -> None:
    """The unit in the user's scope with the right to enter acts (``org.scope.allowed``, ``Action.CHANGE``), then the
    title's right to this step (``domain.measure_rules.STEP_TITLES``). The technical root account passes; ``user``
    None is a system act (a script, the demo)."""
    if user is None:
        return
    if not allowed(user, Action.CHANGE, unit):
        raise AssetsRefused(SCOPE_REFUSAL, code="scope")
    if getattr(user, "is_superuser", False):
        return
    if not title_may(getattr(user, "title", ""), step):
        raise AssetsRefused(TITLE_REFUSAL, code="title")


def personal_data(user, unit) -> None:
    """Writing an ID number, an address or an account number needs the personal-data right."""
    if user is not None and not allowed(user, Action.PERSONAL_DATA, unit):
        raise AssetsRefused(PERSONAL_DATA_REFUSAL, code="personal_data")


def refuse(refusal: Refusal | None) -> None:
    if refusal is not None:
        raise AssetsRefused(refusal.message_vi, refusal.field, code=refusal.code)


def actor(user):
    """The user to store on a row (None for a system act or an anonymous caller)."""
    return user if user is not None and getattr(user, "is_authenticated", False) else None


#: The years the working-day calendar covers (``domain.calendar``): an act dated outside them is a typing error.
DATE_YEARS = (2009, 2040)


def not_in_future(on: date, field: str = "on") -> None:
    """An act's legal date: not in the future, and within the calendar's years (the forms say the same; this keeps
    a direct caller, e.g. the API, from storing 01/01/0001)."""
    if not DATE_YEARS[0] <= on.year <= DATE_YEARS[1]:
        raise AssetsRefused(f"Ngày {on:%d/%m/%Y} nằm ngoài khoảng năm {DATE_YEARS[0]}–{DATE_YEARS[1]}.", field,
                            code="date_range")
    if on > timezone.localdate():
        raise AssetsRefused(f"Ngày {on:%d/%m/%Y} chưa đến.", field, code="future")


def required(value: str, field: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise AssetsRefused(f"Cần {what}.", field, code=f"{field}.missing")
    return value


def locked_case(case_id: int) -> Case:
    """The case row, locked for the transaction (a missing case is refused like one out of scope)."""
    case = Case.objects.select_for_update(of=("self",)).select_related("unit").filter(pk=case_id).first()
    if case is None:
        raise AssetsRefused(SCOPE_REFUSAL, code="scope")
    return case


def locked_debtor(debtor_id: int) -> Debtor:
    debtor = Debtor.objects.select_for_update(of=("self",)).select_related("unit").filter(pk=debtor_id).first()
    if debtor is None:
        raise AssetsRefused(SCOPE_REFUSAL, code="scope")
    return debtor


def register_case_ids(debtor: Debtor | int) -> list[int]:
    debtor_id = debtor if isinstance(debtor, int) else debtor.pk
    return list(DebtorCase.objects.filter(debtor_id=debtor_id).order_by("case_id").values_list("case_id", flat=True))


def refresh(case_ids: Iterable[int]) -> None:
    """Recompute the stored deadlines of these cases (their register feeds the engine), in the writer's
    transaction."""
    ids = sorted(set(case_ids))
    if ids:
        refresh_cases(ids)
