"""The writers of the debtor register and of verification (Luật THADS Art. 44; Decree 62/2015 Art. 9):
``do_register_debtor``, ``do_link_case``, ``do_record_declaration``, ``do_record_address_unknown``,
``do_request_information``, ``do_record_reply``, ``do_record_asset``; and, from :mod:`thads.assets.actions_measures`,
the writers of measures (``do_decide_measure``, ``do_execute_measure``, ``do_collect_by_measure``,
``do_release_measure``, ``do_cancel_measure``). Each is one atomic transaction: the scope (``org.scope.allowed``,
``Action.CHANGE``; ``Action.PERSONAL_DATA`` to write an ID number, address or account number), the title
(``domain.measure_rules.STEP_TITLES``), the pure rule, the rows, the audit row (``org.audit.audit_write``), the
deadlines the register feeds (``deadlines.service.refresh_cases``), then it returns. A refusal raises
:class:`~thads.assets.errors.AssetsRefused` (Vietnamese message, the form field it is about) and writes nothing.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from thads.assets.actions_common import (
    SCOPE_REFUSAL,
    actor,
    authorise,
    locked_case,
    locked_debtor,
    not_in_future,
    personal_data,
    refresh,
    refuse,
    register_case_ids,
    required,
)
from thads.assets.actions_measures import (
    do_cancel_measure,
    do_collect_by_measure,
    do_decide_measure,
    do_execute_measure,
    do_release_measure,
)
from thads.assets.errors import AssetsRefused
from thads.assets.models import Asset, Debtor, DebtorCase, InfoRequest
from thads.cases.histories import case_facts
from thads.deadlines.service import current_calendar
from thads.domain.measure_followup import info_reply_due
from thads.domain.measure_rules import Step, exempt_ground_refusal
from thads.domain.measures import AssetKind, AssetStatus, DebtorKind
from thads.org.audit import audit_write

__all__ = ["do_cancel_measure", "do_collect_by_measure", "do_decide_measure", "do_execute_measure", "do_link_case",
           "do_record_address_unknown", "do_record_asset", "do_record_declaration", "do_record_reply",
           "do_register_debtor", "do_release_measure", "do_request_information"]


def _link(user, debtor: Debtor, case) -> tuple[DebtorCase, bool]:
    """The case's link to ``debtor`` (created when missing); a case already in another register is refused."""
    if debtor.unit_id != case.unit_id:
        raise AssetsRefused("Sổ theo dõi người phải thi hành án là của từng cơ quan: việc này thuộc đơn vị khác.",
                            "case_id", code="debtor.other_unit")
    link = DebtorCase.objects.filter(case=case).first()
    if link is not None:
        if link.debtor_id != debtor.pk:
            raise AssetsRefused("Việc này đã thuộc sổ theo dõi của một người phải thi hành án khác.", "case_id",
                                code="debtor.other_register")
        return link, False
    return DebtorCase.objects.create(debtor=debtor, case=case), True


@transaction.atomic
def do_register_debtor(user, case_id: int, *, kind: str = "person", name: str, id_number: str = "",
                       address: str = "") -> Debtor:
    """Find the debtor of the case's unit by ID number or tax code (or create the record) and link the case to it:
    one register shared by all the debtor's cases in the agency. A new address clears an earlier finding that the
    address was unknown. Writing an ID number or address needs the personal-data right."""
    case = locked_case(case_id)
    authorise(user, case.unit, Step.VERIFY)
    name = required(name, "name", "họ tên hoặc tên của người phải thi hành án")
    id_number, address = (id_number or "").strip(), (address or "").strip()
    if kind not in DebtorKind.__members__.values():
        raise AssetsRefused("Loại người phải thi hành án không hợp lệ.", "kind", code="debtor.kind")
    if id_number or address:
        personal_data(user, case.unit)
    debtor = Debtor.objects.select_for_update(of=("self",)).filter(unit=case.unit, id_number=id_number).first() \
        if id_number else None
    created = debtor is None
    if debtor is None:
        current = DebtorCase.objects.select_related("debtor").filter(case=case).first()
        if current is not None and not id_number and current.debtor.name == name:
            debtor, created = current.debtor, False  # registering the same case again: nothing new
        else:
            debtor = Debtor.objects.create(unit=case.unit, kind=kind, name=name, id_number=id_number,
                                           address=address, created_by=actor(user))
    elif address and address != debtor.address:
        debtor.address, debtor.address_unknown_since = address, None
        debtor.save(update_fields=["address", "address_unknown_since"])
    _, linked = _link(user, debtor, case)
    audit_write(user, "assets.debtor.register", debtor, unit=case.unit, case_ext_id=case.ext_id, after={
        "debtor": debtor.pk, "case": case.ext_id, "created": created, "linked": linked, "kind": debtor.kind,
        "name": debtor.name, "id_number_given": bool(id_number), "address_given": bool(address)})
    refresh(register_case_ids(debtor))
    return debtor


@transaction.atomic
def do_link_case(user, debtor_id: int, case_id: int) -> DebtorCase:
    """Add a case of the same unit to the debtor's register (the case of another decision against the same debtor)."""
    debtor = locked_debtor(debtor_id)
    case = locked_case(case_id)
    authorise(user, case.unit, Step.VERIFY)
    authorise(user, debtor.unit, Step.VERIFY)
    link, linked = _link(user, debtor, case)
    if linked:
        audit_write(user, "assets.debtor.link", debtor, unit=case.unit, case_ext_id=case.ext_id,
                    after={"debtor": debtor.pk, "case": case.ext_id})
        refresh(register_case_ids(debtor))
    return link


@transaction.atomic
def do_record_declaration(user, debtor_id: int, *, declared_on: date, declaration: str) -> Debtor:
    """The debtor's own declaration of assets, income and means (bản kê khai, Art. 44.1 second paragraph; Decree
    62/2015 Art. 9.1: the officer records whether the debtor declared — "Không kê khai" is a declaration too)."""
    debtor = locked_debtor(debtor_id)
    authorise(user, debtor.unit, Step.VERIFY)
    declaration = required(declaration, "declaration", "nội dung kê khai (hoặc ghi rõ việc không kê khai)")
    not_in_future(declared_on, "declared_on")
    before = {"declared_on": debtor.declared_on}
    debtor.declared_on, debtor.declaration = declared_on, declaration
    debtor.save(update_fields=["declared_on", "declaration"])
    audit_write(user, "assets.debtor.declaration", debtor, before=before,
                after={"declared_on": declared_on, "length": len(declaration)})
    refresh(register_case_ids(debtor))
    return debtor


@transaction.atomic
def do_record_address_unknown(user, debtor_id: int, *, on: date) -> Debtor:
    """Verification found that the debtor's address or residence is unknown (Art. 44a.1.c; Decree 62/2015 Art. 9.3):
    the day is kept on the register and the Art. 44a.1.c ground is proposed (``queries.suggest_next_act``) until a
    new address is recorded (``do_register_debtor``)."""
    debtor = locked_debtor(debtor_id)
    authorise(user, debtor.unit, Step.VERIFY)
    not_in_future(on)
    before = {"address_unknown_since": debtor.address_unknown_since}
    debtor.address_unknown_since = on
    debtor.save(update_fields=["address_unknown_since"])
    audit_write(user, "assets.debtor.address_unknown", debtor, before=before, after={"address_unknown_since": on})
    refresh(register_case_ids(debtor))
    return debtor


@transaction.atomic
def do_request_information(user, debtor_id: int, *, body: str, asset_kind: str, requested_on: date,
                           case_id: int) -> InfoRequest:
    """A written request to a body that holds information on the debtor's assets, accounts or income (a bank, the
    land registry, social insurance, an employer: Art. 44.4.b–c, 44.6.b), for one of the register's cases. The body
    answers within 3 working days, account information at once (Art. 44.6.b): the due date is stored with the
    request and is an open deadline of the case until the reply (``deadline_source``)."""
    debtor = locked_debtor(debtor_id)
    case = locked_case(case_id)
    authorise(user, case.unit, Step.VERIFY)
    if not DebtorCase.objects.filter(debtor=debtor, case=case).exists():
        raise AssetsRefused("Việc này không thuộc sổ theo dõi của người phải thi hành án.", "case_id",
                            code="request.case")
    body = required(body, "body", "tên cơ quan, tổ chức được yêu cầu cung cấp thông tin")
    if asset_kind and asset_kind not in AssetKind.__members__.values():
        raise AssetsRefused("Loại tài sản không hợp lệ.", "asset_kind", code="request.asset_kind")
    not_in_future(requested_on, "requested_on")
    facts = case_facts(case)
    if facts.decided_on is None or requested_on < facts.decided_on or facts.is_final:
        raise AssetsRefused("Chỉ xác minh việc đã có quyết định thi hành án và chưa kết thúc (Điều 44 Luật Thi hành án "
                            "dân sự).", "requested_on", code="request.stage")
    due = info_reply_due(requested_on, asset_kind, current_calendar(), unit=case.unit.code)
    request = InfoRequest.objects.create(debtor=debtor, case=case, unit=case.unit, body=body, asset_kind=asset_kind,
                                         requested_on=requested_on, reply_due_on=due, user=actor(user))
    audit_write(user, "assets.request.send", request, unit=case.unit, case_ext_id=case.ext_id, after={
        "debtor": debtor.pk, "body": body, "asset_kind": asset_kind, "requested_on": requested_on,
        "reply_due_on": due})
    refresh(register_case_ids(debtor))
    return request


@transaction.atomic
def do_record_reply(user, request_id: int, *, replied_on: date, found: bool, note: str = "") -> InfoRequest:
    """The body's reply to an information request: whether it holds assets, accounts or income of the debtor. The
    request's deadline closes; an asset it revealed is recorded with ``do_record_asset(..., request_id=…)``."""
    request = InfoRequest.objects.select_for_update(of=("self",)).select_related("unit", "case").filter(
        pk=request_id).first()
    if request is None:
        raise AssetsRefused(SCOPE_REFUSAL, code="scope")
    authorise(user, request.unit, Step.VERIFY)
    if request.replied_on is not None:
        raise AssetsRefused(f"Yêu cầu này đã được trả lời ngày {request.replied_on:%d/%m/%Y}.", "replied_on",
                            code="reply.again")
    not_in_future(replied_on, "replied_on")
    if replied_on < request.requested_on:
        raise AssetsRefused("Ngày trả lời trước ngày gửi yêu cầu.", "replied_on", code="reply.before_request")
    request.replied_on, request.found, request.note = replied_on, bool(found), (note or "").strip()
    request.save(update_fields=["replied_on", "found", "note"])
    audit_write(user, "assets.request.reply", request, unit=request.unit, case_ext_id=request.case.ext_id,
                after={"replied_on": replied_on, "found": bool(found), "late": replied_on > request.reply_due_on})
    refresh(register_case_ids(request.debtor_id))
    return request


def _asset_request(debtor: Debtor, request_id: int | None, found_on: date) -> InfoRequest | None:
    if request_id is None:
        return None
    request = InfoRequest.objects.select_for_update(of=("self",)).filter(pk=request_id, debtor=debtor).first()
    if request is None:
        raise AssetsRefused("Yêu cầu cung cấp thông tin không thuộc người phải thi hành án này.", "request_id",
                            code="asset.request")
    if found_on < request.requested_on:
        raise AssetsRefused("Ngày phát hiện trước ngày gửi yêu cầu cung cấp thông tin.", "found_on",
                            code="asset.before_request")
    return request


@transaction.atomic
def do_record_asset(user, debtor_id: int, *, kind: str, description: str, found_on: date,
                    identifiers: dict | None = None, holder: str = "", source: str = "", estimated_value: int = 0,
                    encumbrance: str = "", secured_creditor: str = "", secured_amount: int = 0,
                    exempt_ground: str = "", request_id: int | None = None) -> Asset:
    """An asset or income verification found (Art. 44.4.b), with its source — the request that revealed it (its
    reply is then recorded as positive on ``found_on`` if it was still open) —, the estimated value, the
    encumbrance and the secured creditor (Arts. 47.3, 90), and the point of Art. 87 that forbids distraint."""
    debtor = locked_debtor(debtor_id)
    authorise(user, debtor.unit, Step.VERIFY)
    if kind not in AssetKind.__members__.values():
        raise AssetsRefused("Loại tài sản không hợp lệ.", "kind", code="asset.kind")
    description = required(description, "description", "mô tả tài sản")
    identifiers = {str(k): str(v) for k, v in (identifiers or {}).items() if str(v).strip()}
    if identifiers:
        personal_data(user, debtor.unit)
    if estimated_value < 0 or secured_amount < 0:
        raise AssetsRefused("Giá trị không được âm.", "estimated_value", code="asset.negative")
    not_in_future(found_on, "found_on")
    refuse(exempt_ground_refusal(exempt_ground, debtor.kind))
    request = _asset_request(debtor, request_id, found_on)
    asset = Asset.objects.create(
        debtor=debtor, kind=kind, description=description, identifiers=identifiers, holder=(holder or "").strip(),
        source=(source or (request.body if request else "")).strip(), found_on=found_on,
        requested_on=request.requested_on if request else None, reply_due_on=request.reply_due_on if request else None,
        replied_on=(request.replied_on or found_on) if request else None, estimated_value=estimated_value,
        encumbrance=(encumbrance or "").strip(), secured_creditor=(secured_creditor or "").strip(),
        secured_amount=secured_amount, exempt_ground=exempt_ground, status=AssetStatus.FOUND, created_by=actor(user))
    if request is not None:
        if request.replied_on is None:
            request.replied_on, request.found = found_on, True
        request.asset = request.asset or asset
        request.save(update_fields=["replied_on", "found", "asset"])
    audit_write(user, "assets.asset.record", asset, unit=debtor.unit, after={
        "debtor": debtor.pk, "kind": kind, "found_on": found_on, "estimated_value": estimated_value,
        "secured_amount": secured_amount, "exempt_ground": exempt_ground, "request": request_id,
        "identifiers": sorted(identifiers)})
    refresh(register_case_ids(debtor))
    return asset

