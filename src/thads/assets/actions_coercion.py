"""The writers of coercion plans and coercion costs (Luật THADS Arts. 46.2, 72, 73; Decree 62/2015 Arts. 13.2, 43,
44): ``do_plan_coercion``, ``do_record_plan_result``, ``do_record_cost``. Each is one atomic transaction: the scope
(``org.scope.allowed``), the title (``domain.coercion_plan``'s tables), the pure rule, the row, the audit row
(``org.audit.audit_write``). A refusal raises :class:`~thads.assets.errors.AssetsRefused` (Vietnamese message, the
form field it is about) and writes nothing.

The helpers shared with ``actions_auction`` (authorisation, the costs a debtor still owes) live here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from thads.assets.actions_common import SCOPE_REFUSAL, TITLE_REFUSAL, actor, not_in_future, refresh
from thads.assets.errors import AssetsRefused
from thads.assets.models import CoercionPlan, CostEntry, DebtorCase, Measure
from thads.assets.queries import case_costs
from thads.cases.models import Case
from thads.deadlines.service import current_calendar
from thads.domain.coercion_plan import (
    COST_TITLES,
    PLAN_TITLES,
    WAIVE_TITLES,
    cost_refusal,
    plan_contents_refusal,
    plan_refusal,
    plan_result_refusal,
)
from thads.domain.measures import MEASURE_FAMILY, MeasureFamily, MeasureStatus, PlanStatus
from thads.org.audit import audit_write, snapshot
from thads.org.scope import Action, allowed

__all__ = ["costs_owed", "do_plan_coercion", "do_record_cost", "do_record_plan_result", "refresh_register"]

def authorise(user, unit, titles: Iterable) -> None:
    """The unit in the user's scope with the right to enter acts (``org.scope.allowed``, ``Action.CHANGE``), then the
    title (``titles``); the technical root account passes; ``user`` None is a system act (a script, the demo)."""
    if user is None:
        return
    if not allowed(user, Action.CHANGE, unit):
        raise AssetsRefused(SCOPE_REFUSAL, code="scope")
    if getattr(user, "is_superuser", False):
        return
    if getattr(user, "title", "") not in {str(t) for t in titles}:
        raise AssetsRefused(TITLE_REFUSAL, code="title")


def refuse(why: tuple[str, str] | str | None, field: str = "") -> None:
    """Raise the pure rule's refusal, if any: ``(field, reason)`` or a reason for ``field``."""
    if not why:
        return
    if isinstance(why, tuple):
        field, why = why
    raise AssetsRefused(why[:1].upper() + why[1:] + ("" if why.endswith(".") else "."), field)


def case_in_scope(user, case_id: int, titles: Iterable, *, lock: bool = False) -> Case:
    """The case, locked when asked, after the scope and title checks (a missing case is refused like one out of
    scope: no existence leak)."""
    rows = Case.objects.select_related("unit")
    if lock:
        rows = rows.select_for_update(of=("self",))
    case = rows.filter(pk=case_id).first()
    if case is None:
        raise AssetsRefused(SCOPE_REFUSAL, code="scope")
    authorise(user, case.unit, titles)
    return case


def costs_owed(case_ids: Iterable[int]) -> dict[int, int]:
    """The coercion costs each case's debtor still owes (Art. 73; ``CostEntry`` charged − recovered − waived,
    ``assets.queries.case_costs``), for the cases that owe some, in id order."""
    return {case_id: owed for case_id, owed in sorted(case_costs(case_ids).items()) if owed > 0}


def refresh_register(case_ids: Iterable[int]) -> None:
    """Recompute the stored deadlines of every case of the registers these cases belong to (the register's assets,
    costs and measures feed the deadline engine: ``assets.deadline_source``), in the writer's transaction."""
    ids = set(case_ids)
    debtors = DebtorCase.objects.filter(case_id__in=ids).values("debtor_id")
    refresh(ids | set(DebtorCase.objects.filter(debtor_id__in=debtors).values_list("case_id", flat=True)))


def _local(starts_at: datetime) -> datetime:
    """The wall-clock time of the coercion in the agency's time zone (Art. 46.2 speaks of local hours)."""
    if timezone.is_naive(starts_at):
        return starts_at
    return timezone.localtime(starts_at).replace(tzinfo=None)


def _plan_measure(case: Case, measure_id: int | None) -> Measure | None:
    if measure_id is None:
        return None
    measure = Measure.objects.filter(pk=measure_id, case_id=case.pk).first()
    if measure is None:
        raise AssetsRefused("Biện pháp không thuộc việc thi hành án này.", "measure_id")
    if MEASURE_FAMILY[measure.kind] is not MeasureFamily.COERCIVE:
        raise AssetsRefused("Kế hoạch cưỡng chế chỉ lập cho biện pháp cưỡng chế (Điều 71, 72 Luật Thi hành án dân "
                            "sự).", "measure_id")
    if measure.status in (MeasureStatus.RELEASED, MeasureStatus.CANCELLED):
        raise AssetsRefused("Biện pháp này đã chấm dứt hoặc bị hủy.", "measure_id")
    return measure


@transaction.atomic
def do_plan_coercion(user, case_id: int, *, starts_at: datetime, place: str, mobilised_forces: bool,
                     forces: str = "", cost_estimate: int = 0, measure_id: int | None = None) -> CoercionPlan:
    """Record a coercion plan (Luật THADS Art. 72): when it starts, where, whether forces are mobilised and which,
    the cost estimate, the coercive measure it carries out. Refused (``AssetsRefused``, nothing written) on a case
    without a decision to enforce (Art. 70.2), at night (Art. 46.2: 22:00–06:00), on a rest day or holiday (Art.
    46.2) or, with mobilised forces, within 15 days before and after Tết (Decree 62/2015 Art. 13.2; Decree
    152/2026 Art. 42) — the calendar is ``deadlines.service.current_calendar()`` — saying why in Vietnamese."""
    case = case_in_scope(user, case_id, PLAN_TITLES)
    if case.decided_on is None:
        raise AssetsRefused("Việc chưa có quyết định thi hành án: chưa thể cưỡng chế (khoản 2 Điều 70 Luật Thi hành "
                            "án dân sự).")
    if _local(starts_at).date() < case.decided_on:
        raise AssetsRefused(f"Ngày cưỡng chế trước ngày ra quyết định thi hành án ({case.decided_on:%d/%m/%Y}).",
                            "starts_at")
    measure = _plan_measure(case, measure_id)
    refuse(plan_contents_refusal(place=place, mobilised_forces=bool(mobilised_forces), forces=forces,
                                 cost_estimate=cost_estimate))
    local = _local(starts_at)
    refuse(plan_refusal(local, mobilised_forces=bool(mobilised_forces), calendar=current_calendar()), "starts_at")
    aware = timezone.make_aware(local) if timezone.is_naive(starts_at) else starts_at
    plan = CoercionPlan.objects.create(case=case, measure=measure, unit=case.unit, starts_at=aware,
                                       place=place.strip(), mobilised_forces=bool(mobilised_forces),
                                       forces=forces.strip(), cost_estimate=cost_estimate, created_by=actor(user))
    audit_write(user, "assets.plan_coercion", plan, unit=case.unit, case_ext_id=case.ext_id,
                after=snapshot(plan, exclude=("created_at",)))
    return plan


@transaction.atomic
def do_record_plan_result(user, plan_id: int, *, on: date, carried_out: bool, result: str = "") -> CoercionPlan:
    """The result of a coercion plan: carried out on ``on`` (a working day: Art. 46.2), or not carried out —
    postponed, with the reason in ``result`` (``PlanStatus.POSTPONED``; a new plan is a new row). Once only."""
    plan = CoercionPlan.objects.select_for_update(of=("self",)).select_related("case__unit").filter(pk=plan_id).first()
    if plan is None:
        raise AssetsRefused(SCOPE_REFUSAL, code="scope")
    authorise(user, plan.case.unit, PLAN_TITLES)
    not_in_future(on)
    refuse(plan_result_refusal(plan.status, timezone.localtime(plan.starts_at).date(), on,
                               carried_out=bool(carried_out), calendar=current_calendar()), "on")
    if not carried_out and not (result or "").strip():
        raise AssetsRefused("Ghi lý do không tiến hành cưỡng chế theo kế hoạch.", "result")
    before = snapshot(plan, fields=["status", "carried_out_on", "result"])
    plan.status = PlanStatus.CARRIED_OUT if carried_out else PlanStatus.POSTPONED
    plan.carried_out_on = on if carried_out else None
    plan.result = (result or "").strip()
    plan.save(update_fields=["status", "carried_out_on", "result"])
    audit_write(user, "assets.plan_result", plan, unit=plan.case.unit, case_ext_id=plan.case.ext_id, before=before,
                after={**snapshot(plan, fields=["status", "carried_out_on", "result"]), "on": on})
    return plan


@transaction.atomic
def do_record_cost(user, case_id: int, *, on: date, amount: int, description: str, plan_id: int | None = None,
                   kind: str = "charged") -> CostEntry:
    """Record a coercion cost (append-only ``CostEntry``): ``charged`` to the debtor (Luật THADS Art. 73.1, the
    actual amount the head approves, 73.5) or ``waived`` — borne by the creditor (73.2) or the state (73.3), or
    exempted (73.5; Decree 62/2015 Art. 44: the head's decision), no more than the debtor still owes in costs.
    Costs recovered from money collected are written by the actions that collect it (Art. 73.6)."""
    titles = WAIVE_TITLES if kind == CostEntry.Kind.WAIVED else COST_TITLES
    case = case_in_scope(user, case_id, titles, lock=True)
    not_in_future(on)
    plan = None
    if plan_id is not None:
        plan = CoercionPlan.objects.filter(pk=plan_id, case_id=case.pk).first()
        if plan is None:
            raise AssetsRefused("Kế hoạch cưỡng chế không thuộc việc thi hành án này.", "plan_id")
    if kind == CostEntry.Kind.CHARGED and not (description or "").strip():
        raise AssetsRefused("Ghi nội dung khoản chi phí (khoản 1 Điều 73 Luật Thi hành án dân sự).", "description")
    refuse(cost_refusal(kind, amount, costs_owed([case.pk]).get(case.pk, 0)), "amount")
    entry = CostEntry.objects.create(case=case, plan=plan, unit=case.unit, kind=kind, on=on, amount=amount,
                                     description=(description or "").strip(), user=actor(user))
    audit_write(user, f"assets.cost_{kind}", entry, unit=case.unit, case_ext_id=case.ext_id,
                after={**snapshot(entry, exclude=("entered_at",)), "owed_after": costs_owed([case.pk]).get(case.pk, 0)})
    refresh_register([case.pk])
    return entry
