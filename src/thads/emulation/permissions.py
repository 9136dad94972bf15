"""Who may do what in the emulation context: the one place the actions (:mod:`thads.emulation.actions`) and the
pages ask (issue 17; THADS.md §5, §7).

Each rule is a ``*_refusal`` function returning the Vietnamese reason it is refused (``None`` when allowed) — the
actions raise it — and a ``may_*`` predicate the pages use to show or hide a button. Titles come from the capability
table (``SET_TARGETS``: head, deputy, statistician; ``MANAGE_EMULATION``: head, deputy; ``DECIDE_COMMENDATION``:
head), checked over a unit with ``thads.org.capabilities.can`` (which adds the scope). Who passes targets to whom
below the province is UNVERIFIED (THADS.md §5): the rule coded here is the chain of the tree — the external issuers'
targets are entered by the province for itself (or, without a unit, as the national line, by the root unit), the
province assigns to the units below it and to officers, a branch to its own officers. The council's review is
membership of the deciding unit's council (``CouncilMember``; Luật TĐKT 2022: the council advises, the head
decides).
"""

from __future__ import annotations

from thads.domain.capabilities import Capability
from thads.domain.emulation import EXTERNAL_ISSUERS, Issuer, NominationState, NominationStep, next_state
from thads.emulation.models import CouncilMember, GoodPractice, Nomination
from thads.org.capabilities import PROVINCE_LEVELS, can
from thads.org.models import Unit
from thads.org.scope import Action, allowed, covers, sees_everything

STATE_LABELS_VI: dict[str, str] = {
    NominationState.PROPOSED: "đã đề nghị",
    NominationState.REVIEWED: "Hội đồng đã xét",
    NominationState.DECIDED: "đã quyết định khen thưởng",
    NominationState.DECLINED: "không khen thưởng / đã rút",
}
STEP_LABELS_VI: dict[str, str] = {
    NominationStep.PROPOSE: "đề nghị",
    NominationStep.REVIEW: "Hội đồng xét",
    NominationStep.DECIDE: "quyết định khen thưởng",
    NominationStep.DECLINE: "không khen thưởng",
    NominationStep.WITHDRAW: "rút đề nghị",
}

TARGET_SCOPE_REFUSAL = "Bạn không có quyền giao hoặc nhập chỉ tiêu cho đơn vị này."
NATIONAL_LINE_REFUSAL = ("Chỉ người dùng của đơn vị gốc (cơ quan cao nhất của hệ thống) được nhập chỉ tiêu chung "
                         "toàn quốc.")
EXTERNAL_REFUSAL = ("Chỉ tiêu do Quốc hội, Bộ Tư pháp, Cục Quản lý THADS giao được cơ quan THADS cấp tỉnh nhập cho "
                    "chính mình.")
EXTERNAL_OFFICER_REFUSAL = ("Quốc hội, Bộ Tư pháp, Cục Quản lý THADS không giao chỉ tiêu cho từng Chấp hành viên: "
                            "chọn cơ quan giao là cấp tỉnh hoặc Chi cục / Phòng khu vực.")
PROVINCE_REFUSAL = "Chỉ cơ quan THADS cấp tỉnh giao chỉ tiêu với tư cách cấp tỉnh, cho đơn vị cấp dưới của mình."
PROVINCE_SELF_REFUSAL = ("Cơ quan cấp tỉnh không tự giao chỉ tiêu cho chính mình: nhập chỉ tiêu do Quốc hội, Bộ "
                         "Tư pháp hoặc Cục giao.")
BRANCH_REFUSAL = "Chi cục / Phòng THADS khu vực chỉ giao chỉ tiêu cho Chấp hành viên của đơn vị mình."
OFFICER_UNIT_REFUSAL = "Chỉ tiêu của Chấp hành viên phải gắn với đơn vị của Chấp hành viên đó."
NATIONAL_ISSUER_REFUSAL = "Chỉ tiêu chung toàn quốc chỉ do Quốc hội, Bộ Tư pháp hoặc Cục Quản lý THADS giao."

PROPOSE_REFUSAL = ("Chỉ Thủ trưởng, Phó Thủ trưởng của đơn vị quản lý người (tập thể) được đề nghị mới được đề "
                   "nghị khen thưởng.")
COUNCIL_REFUSAL = "Chỉ thành viên Hội đồng Thi đua – Khen thưởng của đơn vị xét khen mới được cho ý kiến."
PROPOSER_REVIEW_REFUSAL = "Người đề nghị không được tự xét đề nghị của mình."
DECIDE_REFUSAL = "Chỉ Thủ trưởng của đơn vị xét khen mới được quyết định (hoặc không khen) đề nghị đã được Hội đồng xét."
WITHDRAW_REFUSAL = "Chỉ người đã đề nghị mới được rút đề nghị."
PRACTICE_REFUSAL = ("Chỉ người viết hoặc Thủ trưởng, Phó Thủ trưởng của đơn vị mới được sửa, xoá bài điển hình, "
                    "giải pháp này.")
PRACTICE_WRITE_REFUSAL = "Bạn không có quyền viết bài điển hình, giải pháp cho đơn vị này."


def _active(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def _ancestor_ids(unit: Unit) -> list[int]:
    """The ids above ``unit`` (its parent first), from the materialised path."""
    return [int(x) for x in reversed(unit.path.strip("/").split("/")) if x and int(x) != unit.pk]


def province_above(unit: Unit, *, include_self: bool = False) -> Unit | None:
    """The nearest province-level unit at or above ``unit`` (the issuer of a PROVINCE target)."""
    ids = ([unit.pk] if include_self else []) + _ancestor_ids(unit)
    levels = {u.pk: u for u in Unit.objects.filter(pk__in=ids, level__in=PROVINCE_LEVELS)}
    return next((levels[i] for i in ids if i in levels), None)


# ------------------------------------------------------------------------------------------------ targets


def may_set_targets(user, unit: Unit | None) -> bool:
    """Whether the user may enter targets over ``unit`` (its own or for the units and officers below it); ``None``:
    the national line (the root unit's users and the superuser)."""
    if unit is None:
        return _active(user) and (sees_everything(user) or (
            can(user, Capability.SET_TARGETS) and user.unit is not None and user.unit.parent_id is None))
    return can(user, Capability.SET_TARGETS, unit)


def target_refusal(user, issuer: Issuer | str, unit: Unit | None, officer=None) -> str | None:
    """Why ``user`` may not set (or delete) the target of ``issuer`` for ``unit`` / ``officer`` (None: he may)."""
    issuer = Issuer(issuer)
    if officer is not None and (unit is None or officer.unit_id != unit.pk):
        return OFFICER_UNIT_REFUSAL
    if issuer in EXTERNAL_ISSUERS and officer is not None:
        return EXTERNAL_OFFICER_REFUSAL
    if issuer == Issuer.BRANCH and officer is None:
        return BRANCH_REFUSAL
    if unit is None:
        if issuer not in EXTERNAL_ISSUERS:
            return NATIONAL_ISSUER_REFUSAL
        return None if may_set_targets(user, None) else NATIONAL_LINE_REFUSAL
    if not can(user, Capability.SET_TARGETS, unit):
        return TARGET_SCOPE_REFUSAL
    if issuer in EXTERNAL_ISSUERS:
        if unit.level not in PROVINCE_LEVELS or not (sees_everything(user) or unit.pk == user.unit_id):
            return EXTERNAL_REFUSAL
        return None
    if issuer == Issuer.PROVINCE:
        own = None if sees_everything(user) else user.unit
        if own is not None and own.level not in PROVINCE_LEVELS:
            return PROVINCE_REFUSAL
        if own is not None and officer is None and unit.pk == own.pk:
            return PROVINCE_SELF_REFUSAL
        if province_above(unit, include_self=officer is not None) is None:
            return PROVINCE_REFUSAL
    return None  # BRANCH with an officer: the officer's unit is in the user's subtree (``can`` above)


def issuing_unit(user, issuer: Issuer | str, unit: Unit | None, officer=None) -> Unit | None:
    """The unit that issued the target: the user's own (the superuser: the nearest issuer above); none for the
    external issuers (they are outside the installation)."""
    issuer = Issuer(issuer)
    if issuer in EXTERNAL_ISSUERS or unit is None:
        return None
    if not sees_everything(user) and getattr(user, "unit", None) is not None:
        return user.unit
    if issuer == Issuer.PROVINCE:
        return province_above(unit, include_self=officer is not None)
    return unit


# ------------------------------------------------------------------------------------------------ nominations


def may_propose(user, unit: Unit) -> bool:
    """Whether the user may propose a commendation for someone of ``unit`` (or for the unit itself)."""
    return can(user, Capability.MANAGE_EMULATION, unit)


def is_council_member(user, unit_id: int) -> bool:
    return _active(user) and CouncilMember.objects.filter(unit_id=unit_id, user_id=user.pk).exists()


def _state_refusal(nomination: Nomination, step: NominationStep) -> str | None:
    if next_state(nomination.state, step) is None:
        state = STATE_LABELS_VI.get(nomination.state, nomination.state)
        return (f"Đề nghị khen thưởng đang ở trạng thái «{state}»: không thực hiện được bước "
                f"«{STEP_LABELS_VI[step]}».")
    return None


def _council_refusal(user, nomination: Nomination) -> str | None:
    if not _active(user):
        return COUNCIL_REFUSAL
    if nomination.proposed_by_id is not None and nomination.proposed_by_id == user.pk:
        return PROPOSER_REVIEW_REFUSAL
    if sees_everything(user) or is_council_member(user, nomination.unit_id):
        return None
    return COUNCIL_REFUSAL


def _head_refusal(user, nomination: Nomination) -> str | None:
    if sees_everything(user):
        return None
    if not can(user, Capability.DECIDE_COMMENDATION, nomination.unit) or user.unit_id != nomination.unit_id:
        return DECIDE_REFUSAL
    return None


def step_refusal(user, nomination: Nomination, step: NominationStep | str) -> str | None:
    """Why ``user`` may not take ``step`` on ``nomination`` now: the workflow (``NOMINATION_FLOW``) first, then the
    person — review: a council member of the deciding unit, not the proposer; decide: the deciding unit's head;
    decline: a council member from "proposed", the head from "reviewed"; withdraw: the proposer."""
    step = NominationStep(step)
    refusal = _state_refusal(nomination, step)
    if refusal is not None:
        return refusal
    if step == NominationStep.REVIEW:
        return _council_refusal(user, nomination)
    if step == NominationStep.DECIDE:
        return _head_refusal(user, nomination)
    if step == NominationStep.DECLINE:
        if nomination.state == NominationState.PROPOSED:
            return _council_refusal(user, nomination)
        return _head_refusal(user, nomination)
    if step == NominationStep.WITHDRAW:
        if _active(user) and (sees_everything(user) or nomination.proposed_by_id == user.pk):
            return None
        return WITHDRAW_REFUSAL
    return PROPOSE_REFUSAL  # proposing is not a step on an existing nomination


def may_review(user, nomination: Nomination) -> bool:
    return step_refusal(user, nomination, NominationStep.REVIEW) is None


def may_decide(user, nomination: Nomination) -> bool:
    return step_refusal(user, nomination, NominationStep.DECIDE) is None


def allowed_steps(user, nomination: Nomination) -> list[NominationStep]:
    """The steps ``user`` may take on ``nomination`` now (the page's buttons), in the workflow's order."""
    steps = (NominationStep.REVIEW, NominationStep.DECIDE, NominationStep.DECLINE, NominationStep.WITHDRAW)
    return [s for s in steps if step_refusal(user, nomination, s) is None]


# ------------------------------------------------------------------------------------------------ good practices


def may_write_practice(user, unit: Unit) -> bool:
    """Whoever enters acts in ``unit`` (``Capability.CHANGE_CASES`` over it) may write a good practice there; the
    heads and deputies (``MANAGE_EMULATION``) too."""
    return allowed(user, Action.CHANGE, unit) or can(user, Capability.MANAGE_EMULATION, unit)


def may_edit_practice(user, practice: GoodPractice) -> bool:
    """The author (while the unit is in his scope) or a head / deputy over the practice's unit."""
    if not _active(user):
        return False
    if sees_everything(user) or can(user, Capability.MANAGE_EMULATION, practice.unit):
        return True
    return practice.author_id is not None and practice.author_id == user.pk and covers(user, practice.unit)


__all__ = ["STATE_LABELS_VI", "STEP_LABELS_VI", "allowed_steps", "is_council_member", "issuing_unit",
           "may_decide", "may_edit_practice", "may_propose", "may_review", "may_set_targets", "may_write_practice",
           "province_above", "step_refusal", "target_refusal"]
