"""The writers of the emulation context (issue 17; THADS.md §5, §7): targets and passing them down, campaigns and
the emulation council here; nominations and commendations in :mod:`thads.emulation.actions_nominations`, the
good-practice library in :mod:`thads.emulation.actions_practices` (all re-exported here). Each ``do_*`` is one
transaction that checks the scope, the title and the rule (:mod:`thads.emulation.permissions`), writes the rows and
the audit row (``org.audit.audit_write``), and returns; a refusal raises ``EmulationRefused`` (a
``thads.lib.errors.Refused`` with a Vietnamese message and the form field) and writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from thads.domain.capabilities import Capability
from thads.domain.emulation import Issuer
from thads.emulation.actions_common import (
    MAX_VND,
    EmulationRefused,
    actor,
    count_value,
    optional_text,
    past_date,
    rate_value,
    refuse_if,
    required,
    statistical_year,
)
from thads.emulation.actions_nominations import (
    do_decide,
    do_decline,
    do_propose,
    do_record_commendation,
    do_review,
    do_withdraw,
)
from thads.emulation.actions_practices import do_delete_practice, do_save_practice
from thads.emulation.models import Campaign, CouncilMember, Target
from thads.emulation.permissions import issuing_unit, target_refusal
from thads.org.audit import audit_write, snapshot
from thads.org.capabilities import PROVINCE_LEVELS, can
from thads.org.models import Officer, Unit
from thads.org.scope import covers

FIGURES = ("cases_rate", "money_rate", "cases_completed", "money_recovered", "backlog_reduction")
COUNCIL_ROLES = ("chair", "vice_chair", "member", "secretary")
EMULATION_REFUSAL = "Chỉ Thủ trưởng, Phó Thủ trưởng của đơn vị mới được quản lý phong trào thi đua, Hội đồng thi đua."

# ------------------------------------------------------------------------------------------------ targets


def _figures(cases_rate, money_rate, cases_completed, money_recovered, backlog_reduction) -> dict:
    figures = {
        "cases_rate": rate_value(cases_rate, "cases_rate", "tỷ lệ hoàn thành về việc"),
        "money_rate": rate_value(money_rate, "money_rate", "tỷ lệ hoàn thành về tiền"),
        "cases_completed": count_value(cases_completed, "cases_completed", "số việc thi hành xong"),
        "money_recovered": count_value(money_recovered, "money_recovered", "số tiền thi hành xong", MAX_VND),
        "backlog_reduction": count_value(backlog_reduction, "backlog_reduction", "số việc giảm tồn đọng"),
    }
    if all(v is None for v in figures.values()):
        raise EmulationRefused("Cần ít nhất một chỉ tiêu: tỷ lệ về việc, về tiền, số việc, số tiền hoặc số việc "
                               "giảm tồn đọng.", "cases_rate", "target.empty")
    return figures


def _save_target(user, *, year: int, issuer: Issuer, unit: Unit | None, officer: Officer | None, figures: dict,
                 decision_no: str = "", decided_on: date | None = None, source: str = "",
                 note: str = "") -> tuple[Target, bool]:
    """Create or update the row of the key (year, issuer, unit, officer), with its audit row."""
    refuse_if(target_refusal(user, issuer, unit, officer), "unit")
    texts = {"decision_no": optional_text(decision_no, "decision_no", "số văn bản", 64),
             "source": optional_text(source, "source", "nguồn", 255),
             "note": optional_text(note, "note", "ghi chú", 255),
             "decided_on": None if decided_on is None else past_date(decided_on, "decided_on", "ngày văn bản")}
    row = (Target.objects.select_for_update()
           .filter(year=year, issuer=issuer, unit=unit, officer=officer).first())
    if row is None:
        row = Target.objects.create(year=year, issuer=issuer, unit=unit, officer=officer,
                                    issuing_unit=issuing_unit(user, issuer, unit, officer), created_by=actor(user),
                                    **figures, **texts)
        audit_write(user, "emulation.target.add", row, unit=unit, after=snapshot(row))
        return row, True
    before = snapshot(row)
    for name, value in {**figures, **texts}.items():
        setattr(row, name, value)
    row.save()
    audit_write(user, "emulation.target.change", row, unit=unit, before=before, after=snapshot(row))
    return row, False


@transaction.atomic
def do_set_target(user, *, year: int, issuer: Issuer | str, unit: Unit | None = None, officer: Officer | None = None,
                  cases_rate=None, money_rate=None, cases_completed=None, money_recovered=None,
                  backlog_reduction=None, decision_no: str = "", decided_on: date | None = None, source: str = "",
                  note: str = "") -> Target:
    """Set the target of ``issuer`` for statistical ``year``: of ``unit``, of ``officer`` (his unit), or — neither —
    the national line. The row of that key is created, or updated in place (audit before / after). Rates are
    percentages 0–100 with at most two decimals; counts and VND whole numbers ≥ 0; at least one figure."""
    try:
        issuer = Issuer(issuer)
    except ValueError:
        raise EmulationRefused("Cơ quan giao chỉ tiêu không hợp lệ.", "issuer", "target.issuer") from None
    if officer is not None and unit is None:
        unit = officer.unit
    year = statistical_year(year)
    figures = _figures(cases_rate, money_rate, cases_completed, money_recovered, backlog_reduction)
    row, _created = _save_target(user, year=year, issuer=issuer, unit=unit, officer=officer, figures=figures,
                                 decision_no=decision_no, decided_on=decided_on, source=source, note=note)
    return row


@transaction.atomic
def do_delete_target(user, target: Target) -> None:
    """Delete a target entered by mistake (the same right as setting it; audited with its values)."""
    row = (Target.objects.select_for_update(of=("self",)).select_related("unit", "officer")
           .filter(pk=target.pk).first())
    if row is None:
        raise EmulationRefused("Chỉ tiêu không còn tồn tại.", "", "target.missing")
    refuse_if(target_refusal(user, row.issuer, row.unit, row.officer), "unit")
    before = snapshot(row)
    audit_write(user, "emulation.target.delete", row, unit=row.unit, before=before)
    row.delete()


def _uplifted(rate: Decimal | None, uplift: Decimal) -> Decimal | None:
    return None if rate is None else min(Decimal(100), rate + uplift)


@transaction.atomic
def do_pass_down(user, target: Target, *, to: str = "units", uplift: Decimal | str = Decimal("0")
                 ) -> tuple[list[Target], dict]:
    """Pass a unit's target down: to its direct child units ("units": the province's targets for its branches) or
    to its officers ("officers"), creating the target of every child that has none of that issuer for the year,
    with the parent's rates plus ``uplift`` (capped at 100). Returns the targets created and the check that the
    parts can add up to the whole (``domain.targets.check_distribution``, weights the children's "có điều kiện"
    bases): ``{"cases": check, "money": check}`` for the rates the parent has."""
    from thads.emulation.progress import pass_down_check

    parent = Target.objects.select_related("unit").filter(pk=target.pk).first()
    if parent is None or parent.unit is None or parent.officer_id is not None:
        raise EmulationRefused("Chỉ giao xuống được chỉ tiêu của một đơn vị.", "", "pass_down.source")
    if parent.cases_rate is None and parent.money_rate is None:
        raise EmulationRefused("Chỉ tiêu này không có tỷ lệ về việc hoặc về tiền để giao xuống.", "",
                               "pass_down.no_rate")
    uplift = rate_value(uplift, "uplift", "mức tăng thêm") or Decimal(0)
    unit = parent.unit
    province = unit.level in PROVINCE_LEVELS
    if to == "units":
        if not province:
            raise EmulationRefused("Chỉ cơ quan cấp tỉnh giao chỉ tiêu xuống đơn vị cấp dưới.", "to", "pass_down.to")
        today = timezone.localdate()
        parts = [u for u in Unit.objects.filter(parent=unit).order_by("code") if u.is_active_on(today)]
        keys = {u.pk: {"unit": u, "officer": None} for u in parts}
        issuer = Issuer.PROVINCE
    elif to == "officers":
        parts = list(Officer.objects.filter(unit=unit).order_by("code"))
        keys = {o.pk: {"unit": unit, "officer": o} for o in parts}
        issuer = Issuer.PROVINCE if province else Issuer.BRANCH
    else:
        raise EmulationRefused("Chỉ giao xuống đơn vị cấp dưới hoặc Chấp hành viên.", "to", "pass_down.to")
    figures = {"cases_rate": _uplifted(parent.cases_rate, uplift), "money_rate": _uplifted(parent.money_rate, uplift),
               "cases_completed": None, "money_recovered": None, "backlog_reduction": None}
    if not parts:
        raise EmulationRefused("Không có đơn vị cấp dưới / Chấp hành viên nào để giao chỉ tiêu.", "to",
                               "pass_down.empty")
    for key in keys.values():
        refuse_if(target_refusal(user, issuer, key["unit"], key["officer"]), "to")
    created = []
    for _pk, key in keys.items():
        row = Target.objects.filter(year=parent.year, issuer=issuer, **key).first()
        if row is None:
            row, _ = _save_target(user, year=parent.year, issuer=issuer, figures=figures,
                                  note=f"Giao từ chỉ tiêu năm {parent.year} của {unit.code}", **key)
            created.append(row)
    check = pass_down_check(unit, parent.year, to=to)
    return created, check


# ------------------------------------------------------------------------------------------------ campaigns


def _emulation_unit(user, unit: Unit | None, field: str = "unit") -> Unit:
    if unit is None or not can(user, Capability.MANAGE_EMULATION, unit):
        raise EmulationRefused(EMULATION_REFUSAL, field, "permission")
    return unit


@transaction.atomic
def do_save_campaign(user, campaign: Campaign | None = None, *, name: str, unit: Unit, starts_on: date,
                     ends_on: date, criteria: str = "", units: Iterable[Unit] = ()) -> Campaign:
    """Create or change an emulation campaign of ``unit`` (its head or deputy), with its participating units (each
    in the user's scope); the period must not end before it starts; a closed campaign is not changed."""
    name = required(name, "name", "tên phong trào thi đua", 255)
    _emulation_unit(user, unit)
    if not isinstance(starts_on, date) or not isinstance(ends_on, date):
        raise EmulationRefused("Cần thời gian bắt đầu và kết thúc của phong trào.", "starts_on", "campaign.period")
    if ends_on < starts_on:
        raise EmulationRefused("Ngày kết thúc phong trào trước ngày bắt đầu.", "ends_on", "campaign.period")
    members = list({u.pk: u for u in units}.values())
    outside = [u.code for u in members if not covers(user, u)]
    if outside:
        raise EmulationRefused(f"Đơn vị ngoài phạm vi quản lý của bạn: {', '.join(outside)}.", "units",
                               "campaign.units")
    before = None
    if campaign is not None and campaign.pk is not None:
        row = Campaign.objects.select_for_update(of=("self",)).select_related("unit").get(pk=campaign.pk)
        _emulation_unit(user, row.unit)
        if row.closed:
            raise EmulationRefused("Phong trào thi đua đã kết thúc, không sửa được.", "", "campaign.closed")
        before = {**snapshot(row), "units": sorted(row.units.values_list("pk", flat=True))}
    else:
        row = Campaign(created_by=actor(user))
    row.name, row.unit, row.starts_on, row.ends_on = name, unit, starts_on, ends_on
    row.criteria = str(criteria or "").strip()
    row.save()
    row.units.set(members)
    after = {**snapshot(row), "units": sorted(u.pk for u in members)}
    audit_write(user, "emulation.campaign.change" if before else "emulation.campaign.add", row, unit=unit,
                before=before, after=after)
    return row


@transaction.atomic
def do_close_campaign(user, campaign: Campaign) -> Campaign:
    """Close a campaign: it takes no new nominations."""
    row = Campaign.objects.select_for_update(of=("self",)).select_related("unit").get(pk=campaign.pk)
    _emulation_unit(user, row.unit)
    if row.closed:
        raise EmulationRefused("Phong trào thi đua đã kết thúc.", "", "campaign.closed")
    row.closed = True
    row.save(update_fields=["closed"])
    audit_write(user, "emulation.campaign.close", row, unit=row.unit, before={"closed": False},
                after={"closed": True})
    return row


# ------------------------------------------------------------------------------------------------ the council


@transaction.atomic
def do_add_council_member(user, *, unit: Unit, member, role: str = "member") -> CouncilMember:
    """Name ``member`` (an active staff member of ``unit`` or below) to the unit's emulation council."""
    _emulation_unit(user, unit)
    if role not in COUNCIL_ROLES:
        raise EmulationRefused("Vai trò trong Hội đồng không hợp lệ.", "role", "council.role")
    member_unit = getattr(member, "unit", None)
    if (member is None or not member.is_active or member_unit is None
            or not member_unit.path.startswith(unit.path)):
        raise EmulationRefused("Thành viên Hội đồng phải là công chức đang công tác tại đơn vị hoặc đơn vị trực "
                               "thuộc.", "member", "council.member")
    if CouncilMember.objects.filter(unit=unit, user=member).exists():
        raise EmulationRefused("Người này đã là thành viên Hội đồng của đơn vị.", "member", "council.duplicate")
    row = CouncilMember.objects.create(unit=unit, user=member, role=role)
    audit_write(user, "emulation.council.add", row, unit=unit, after=snapshot(row))
    return row


@transaction.atomic
def do_remove_council_member(user, membership: CouncilMember) -> None:
    """Remove a member from the council (steps he took stay in the nominations' history)."""
    row = (CouncilMember.objects.select_for_update(of=("self",)).select_related("unit")
           .filter(pk=membership.pk).first())
    if row is None:
        raise EmulationRefused("Thành viên không còn trong Hội đồng.", "", "council.missing")
    _emulation_unit(user, row.unit)
    audit_write(user, "emulation.council.remove", row, unit=row.unit, before=snapshot(row))
    row.delete()


__all__ = ["COUNCIL_ROLES", "EmulationRefused", "do_add_council_member", "do_close_campaign", "do_decide",
           "do_decline", "do_delete_practice", "do_delete_target", "do_pass_down", "do_propose",
           "do_record_commendation", "do_remove_council_member", "do_review", "do_save_campaign",
           "do_save_practice", "do_set_target", "do_withdraw"]
