"""The rules over complaints, denunciations, recommendations, reports and the procuracy's protests (issue 16;
THADS.md §6), over plain values (no Django): who may do what (:data:`STEP_TITLES`), which unit is competent
(:func:`resolver_index`), the time limit to complain (:func:`complaint_time_limit_ends`), which act is allowed from
which status (:func:`transition_refusal`), and the deadlines of a matter for the deadline engine
(:func:`matter_deadlines`, fed by ``complaints.deadline_source``).

Sources read (Pháp điển, ``diepxuan/diepxuan.github.io`` ``van-ban/thi-hanh-an/thi-hanh-an-dan-su.md``):
Luật THADS 2008 as amended by Law 64/2014 Arts. 140 (time limits to complain), 141 (complaints not accepted),
142 (competence), 143.1.g (withdrawal), 146 (resolution deadlines, extension), 148 (acceptance within 5 working
days), 152 (second level), 157 (denunciations: 60 / 90 days), 160–161 (the procuracy's protest answered within 15
days, carried out within 5 working days); Decree 62/2015 Art. 38 (not accepted: guidance within 5 working days,
38.1; first-level decision on a security measure in force, 38.3; no new evidence → archive, 38.5; objective
obstacles, 38.6); TT 13/2021/TT-BTP Arts. 8 (handling a complaint letter within 5 working days: accept, forward,
answer, archive), 9.1 (acceptance: 5 working days for a first complaint, 10 days for a second), 10 (withdrawal),
13.2 (extension ≤ 30 days), 16 (denunciations: acceptance 7 working days, 10 with checks; forwarding 5 working
days; archiving), 28 (recommendations and reports: 5 working days).

Counting: "n ngày làm việc" counts working days from the day after the event (``WorkCalendar.add_working_days``);
"n ngày" counts calendar days from the day after and a last day that is not a working day moves to the next working
day (Civil Code 2015 Arts. 147.1, 148.5; ``WorkCalendar.add_calendar_days``), as ``domain.deadline_rules`` does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType

from thads.domain.calendar import WorkCalendar
from thads.domain.deadlines import Deadline
from thads.domain.petitions import (
    ComplainedAct,
    MatterEventKind,
    MatterKind,
    MatterStatus,
    Outcome,
    ProcuracyAct,
    Respondent,
)
from thads.domain.roles import Title

K = MatterKind
S = MatterStatus
E = MatterEventKind
C = ComplainedAct

#: The rule set named on the stored deadline rows of matters.
RULESET = "petitions-2015"


@dataclass(frozen=True)
class Refusal:
    code: str
    message_vi: str
    field: str = ""


# ------------------------------------------------------------------------------------------------ who may act


class Step(StrEnum):
    """The writes of the complaints context, for the title table."""

    RECEIVE = "receive"  # the reception schedule and register, letters, recording a matter, a second-level complaint
    DECIDE = "decide"  # accept, not accept, forward, archive, extend, resolve, withdraw


#: Step → titles (UNVERIFIED split, configurable: TT 13/2021 Arts. 5, 8, 30 leave the intake to the staff the head
#: assigns — the reception officer, the Thẩm tra viên who keeps the file, a clerk or an officer — and every decision
#: on a letter (thụ lý, chuyển, lưu, trả lời) and the resolution to the competent head, Art. 142; the deputy on
#: delegation, Art. 23.2).
STEP_TITLES: Mapping[Step, frozenset[Title]] = MappingProxyType({
    Step.RECEIVE: frozenset({Title.RECEPTION, Title.VERIFIER, Title.CLERK, Title.OFFICER, Title.HEAD,
                             Title.DEPUTY}),
    Step.DECIDE: frozenset({Title.HEAD, Title.DEPUTY}),
})


def title_may(title: str | None, step: Step) -> bool:
    """Whether a title may perform ``step`` (:data:`STEP_TITLES`)."""
    try:
        return Title(title or "") in STEP_TITLES[step]
    except ValueError:
        return False


# ------------------------------------------------------------------------------------------------ competence


def resolver_index(kind: str, respondent: str, level: int) -> int:
    """How many units above the unit whose staff is complained about or denounced the competent resolver sits:
    0 = that unit's head, 1 = its parent's head, 2 = the grandparent's (the national department's) head.

    Complaints (Luật THADS Art. 142; TT 13/2021 Art. 7): against an officer (or a deputy acting as one) the unit's
    own head at the first level, the parent's head at the second (142.1, 142.2.c, 142.3.b); against the head of a
    branch the provincial head first (142.2.b) and the national department second (142.3.b); against the provincial
    head the national department first (142.3.a) and the Minister second (142.4.a, outside THADS). Denunciations
    (Art. 157.1–157.2; TT 13/2021 Art. 15): the unit's head for its staff; the head of the unit above for the head or
    a deputy acting on delegation. Recommendations, reports and the procuracy's acts: the unit concerned (TT 13/2021
    Art. 28; Art. 161.1)."""
    level = 2 if level >= 2 else 1
    if kind == K.COMPLAINT:
        return (level - 1) + (1 if respondent == Respondent.HEAD else 0)
    if kind == K.DENUNCIATION:
        return 1 if respondent == Respondent.HEAD else 0
    return 0


def resolver_unit(chain: Sequence[int], kind: str, respondent: str, level: int) -> int | None:
    """The competent unit's id from ``chain`` (the respondent's unit, then its parent, … up to the root), or None
    when the competent resolver is outside THADS (the Minister of Justice, Art. 142.4)."""
    i = resolver_index(kind, respondent, level)
    return chain[i] if i < len(chain) else None


#: Unit levels that are not an enforcement agency ("cơ quan thi hành án dân sự", whose Thủ trưởng resolves under
#: Arts. 142, 157.1 and answers the procuracy under Art. 161.1): since 01/07/2025 a regional office (Phòng THADS khu
#: vực) is part of the provincial THADS agency, which issues the decisions (THADS.md §0, §10 [S];
#: ``domain.deadline_rules`` "2025-07" puts the head's duties at the province). Its staff are therefore the
#: province's: a complaint or denunciation about them, and the procuracy's act on their decisions, go to the
#: provincial head (142.2.a, 157.1), the second level to the national department (142.3.b). UNVERIFIED (the 2008 law
#: knows only district and provincial agencies; no text on the regional offices' competence was read),
#: configurable: an empty set lets a regional office's head resolve as a district branch's did.
NON_AGENCY_LEVELS: frozenset[str] = frozenset({"regional"})


def competent_unit(chain: Sequence[tuple[int, str]], kind: str, respondent: str, level: int) -> int | None:
    """:func:`resolver_unit` over ``chain`` of (unit id, unit level), from the respondent's unit up to the root, with
    the units of :data:`NON_AGENCY_LEVELS` folded into the agency above them; the head of such a unit is one of the
    agency's staff (an officer for a complaint, Art. 142.2.a; staff for a denunciation, Art. 157.1). UNVERIFIED as
    :data:`NON_AGENCY_LEVELS` says."""
    if chain and chain[0][1] in NON_AGENCY_LEVELS and respondent == Respondent.HEAD:
        respondent = Respondent.OFFICER if kind == K.COMPLAINT else Respondent.STAFF
    ids = [pk for pk, lvl in chain if lvl not in NON_AGENCY_LEVELS]
    return resolver_unit(ids, kind, respondent, level)


# ------------------------------------------------------------------------------------------------ time limits


@dataclass(frozen=True)
class Period:
    """``n`` working days (``working``) or calendar days rolled off a day off, with the article that sets it;
    ``verified`` False: THADS's reading is UNVERIFIED."""

    n: int
    working: bool
    article: str
    verified: bool = True


#: The time limit to complain by the act complained about (Luật THADS Art. 140.2), counted from receiving the
#: decision or learning of the act.
TIME_LIMITS: Mapping[str, Period] = MappingProxyType({
    C.BEFORE_MEASURES: Period(15, False, "Điều 140.2.a Luật THADS"),
    C.ACCOUNT_FREEZE: Period(3, True, "Điều 140.2.b Luật THADS"),
    C.OTHER_SECURITY: Period(10, False, "Điều 140.2.b Luật THADS"),
    C.COERCIVE: Period(30, False, "Điều 140.2.c Luật THADS"),
    C.AFTER_COERCION: Period(30, False, "Điều 140.2.d Luật THADS"),
})
#: The next complaint: 15 days from receiving the first-level decision (Art. 140.2, last paragraph).
NEXT_LEVEL_LIMIT = Period(15, False, "Điều 140.2 (đoạn cuối) Luật THADS")

#: Complaints about a security measure have one level only: Art. 146.2 gives a single 5-working-day deadline for
#: 140.2.b and Decree 62/2015 Art. 38.3 puts the first decision in force at once. UNVERIFIED reading (that a second
#: complaint is not accepted), configurable.
SINGLE_LEVEL_ACTS: frozenset[str] = frozenset({C.ACCOUNT_FREEZE, C.OTHER_SECURITY})


def add_period(calendar: WorkCalendar, start: date, period: Period, unit: str | None = None,
               extra_days: int = 0) -> date:
    """The last day of ``period`` from ``start`` (Civil Code Arts. 147.1, 148.5); ``extra_days`` calendar days not
    counted (objective obstacles, Art. 140.2) are added before rolling."""
    if period.working:
        end = calendar.add_working_days(start, period.n, unit=unit)
        return calendar.roll(end + timedelta(days=extra_days), unit) if extra_days else end
    return calendar.add_calendar_days(start, period.n + extra_days, roll=True, unit=unit)


def complaint_time_limit_ends(calendar: WorkCalendar, act: str, known_on: date, level: int = 1,
                              unit: str | None = None, obstacle_days: int = 0) -> date:
    """The last day to complain (Art. 140.2): by the act for a first complaint, 15 days from receiving the first
    decision for the next one; the time of an objective obstacle or force majeure is not counted (Art. 140.2, last
    paragraph but one; Decree 62/2015 Art. 38.6)."""
    period = NEXT_LEVEL_LIMIT if level >= 2 else TIME_LIMITS[act]
    return add_period(calendar, known_on, period, unit, max(0, obstacle_days))


def time_limit_refusal(calendar: WorkCalendar, act: str, known_on: date | None, received_on: date, level: int = 1,
                       unit: str | None = None, obstacle_days: int = 0) -> Refusal | None:
    """Why a complaint received on ``received_on`` is out of time (Art. 141.4: not accepted), or None."""
    if not act and level < 2:
        return Refusal("complaint.act_missing", "Cần ghi quyết định, hành vi bị khiếu nại thuộc loại nào "
                       "(Điều 140.2 Luật THADS) để tính thời hiệu khiếu nại.", "complained_act")
    if known_on is None:
        return Refusal("complaint.known_on_missing", "Cần ghi ngày nhận được quyết định hoặc biết được hành vi bị "
                       "khiếu nại để tính thời hiệu khiếu nại.", "act_known_on")
    ends = complaint_time_limit_ends(calendar, act, known_on, level, unit, obstacle_days)
    if received_on > ends:
        article = (NEXT_LEVEL_LIMIT if level >= 2 else TIME_LIMITS[act]).article
        return Refusal("complaint.time_limit", f"Khiếu nại đã hết thời hiệu ({article}): thời hiệu kết thúc ngày "
                       f"{ends:%d/%m/%Y}, đơn nhận ngày {received_on:%d/%m/%Y}; không thụ lý (Điều 141.4 Luật "
                       "THADS) và trả lời, hướng dẫn người khiếu nại (Điều 38.1 Nghị định 62/2015/NĐ-CP).",
                       "received_on")
    return None


# ------------------------------------------------------------------------------------------------ deadlines of a matter

#: Acceptance (thụ lý) of a complaint: 5 working days from receipt (Art. 148; TT 13/2021 Art. 9.1), a second
#: complaint 10 days (TT 13/2021 Art. 9.1).
ACCEPT_COMPLAINT = (Period(5, True, "Điều 148 Luật THADS; Điều 9.1 Thông tư 13/2021/TT-BTP"),
                    Period(10, False, "Điều 9.1 Thông tư 13/2021/TT-BTP"))
#: Forwarding or answering a letter not within competence: 5 working days (TT 13/2021 Arts. 8, 16.2; Decree 62 Art.
#: 38.1).
FORWARD = Period(5, True, "Điều 8, Điều 16.2 Thông tư 13/2021/TT-BTP; Điều 38.1 Nghị định 62/2015/NĐ-CP")
#: Acceptance of a denunciation: 7 working days, up to 10 when it must be checked first (TT 13/2021 Art. 16.1).
ACCEPT_DENUNCIATION = (Period(7, True, "Điều 16.1 Thông tư 13/2021/TT-BTP"),
                       Period(10, True, "Điều 16.1 Thông tư 13/2021/TT-BTP (cần kiểm tra, xác minh)"))
#: Recommendations and reports: handled within 5 working days (TT 13/2021 Art. 28).
ANSWER_RECOMMENDATION = Period(5, True, "Điều 28 Thông tư 13/2021/TT-BTP")
#: The procuracy: a protest is answered within 15 days of its receipt (Art. 161.1); a recommendation (kiến nghị,
#: Art. 12.2.đ) and a request (yêu cầu, Art. 12.2.b) have no time in Luật THADS: 15 days like a protest is an
#: UNVERIFIED choice (Luật Tổ chức VKSND 2014 not read), configurable.
ANSWER_PROCURACY: Mapping[str, Period] = MappingProxyType({
    ProcuracyAct.PROTEST: Period(15, False, "Điều 161.1 Luật THADS"),
    ProcuracyAct.RECOMMENDATION: Period(15, False, "Điều 12.2.đ Luật THADS (thời hạn trả lời: UNVERIFIED)", False),
    ProcuracyAct.REQUEST: Period(15, False, "Điều 12.2.b Luật THADS (thời hạn thực hiện: UNVERIFIED)", False),
})
#: An accepted protest is carried out within 5 working days of the answer (Art. 161.1, second paragraph).
CARRY_OUT_PROTEST = Period(5, True, "Điều 161.1 (đoạn 2) Luật THADS")
#: The answers that accept a protest, wholly or in part: the accepted part is carried out too (Art. 161.1, second
#: paragraph, "trường hợp chấp nhận kháng nghị").
PROTEST_ACCEPTED: frozenset[str] = frozenset({Outcome.RIGHT, Outcome.PARTLY_RIGHT})

#: Resolution of a complaint from its acceptance (Art. 146): (first level, second level).
RESOLVE_COMPLAINT: Mapping[str, tuple[Period, Period | None]] = MappingProxyType({
    C.BEFORE_MEASURES: (Period(15, False, "Điều 146.1 Luật THADS"), Period(30, False, "Điều 146.1 Luật THADS")),
    C.ACCOUNT_FREEZE: (Period(5, True, "Điều 146.2 Luật THADS"), None),
    C.OTHER_SECURITY: (Period(5, True, "Điều 146.2 Luật THADS"), None),
    C.COERCIVE: (Period(30, False, "Điều 146.3 Luật THADS"), Period(45, False, "Điều 146.3 Luật THADS")),
    C.AFTER_COERCION: (Period(15, False, "Điều 146.4 Luật THADS"), Period(30, False, "Điều 146.4 Luật THADS")),
})
#: Extension of a complaint's resolution: at most 30 days from the end of the time limit (Art. 146.3 second
#: paragraph: complex coercion cases; Art. 146.5: remote areas, difficult travel, complex cases; TT 13/2021 Art. 13.2).
COMPLAINT_EXTENSION = Period(30, False, "Điều 146.3, 146.5 Luật THADS; Điều 13.2 Thông tư 13/2021/TT-BTP")
#: Denunciations: 60 days from acceptance, at most 90 for a complex one (Art. 157.2; TT 13/2021 Art. 15.5).
RESOLVE_DENUNCIATION = (Period(60, False, "Điều 157.2 Luật THADS"), Period(90, False, "Điều 157.2 Luật THADS"))


@dataclass(frozen=True, slots=True)
class MatterEventRec:
    kind: str
    on: date
    details: Mapping = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class MatterRec:
    """A matter as the rules read it; ``within_competence`` False: its resolver is another unit (or outside THADS)."""

    matter_id: int
    kind: str
    status: str
    received_on: date
    level: int = 1
    complained_act: str = ""
    procuracy_act: str = ""
    within_competence: bool = True
    accepted_on: date | None = None
    closed_on: date | None = None
    outcome: str = ""
    events: tuple[MatterEventRec, ...] = ()


def _has(rec: MatterRec, kind: str, **match) -> MatterEventRec | None:
    for ev in reversed(rec.events):
        if ev.kind == kind and all(ev.details.get(k) == v for k, v in match.items()):
            return ev
    return None


def resolution_period(kind: str, act: str, level: int) -> Period | None:
    """The resolution period of an accepted complaint (Art. 146) or denunciation (Art. 157.2); None for other kinds
    or a second level that the act does not have."""
    if kind == K.DENUNCIATION:
        return RESOLVE_DENUNCIATION[0]
    if kind == K.COMPLAINT and act in RESOLVE_COMPLAINT:
        first, second = RESOLVE_COMPLAINT[act]
        return second if level >= 2 else first
    return None


def resolution_due(calendar: WorkCalendar, kind: str, act: str, level: int, accepted_on: date,
                   extension_days: int = 0, unit: str | None = None) -> date | None:
    """The last day to resolve an accepted matter, with its extension: a complaint gets ``extension_days`` (≤ 30)
    calendar days from the end of its time limit (Art. 146.3, 146.5); a denunciation 90 days from acceptance instead
    of 60 (Art. 157.2) when extended."""
    if kind == K.DENUNCIATION:
        period = RESOLVE_DENUNCIATION[1] if extension_days else RESOLVE_DENUNCIATION[0]
        return add_period(calendar, accepted_on, period, unit)
    period = resolution_period(kind, act, level)
    if period is None:
        return None
    due = add_period(calendar, accepted_on, period, unit)
    if extension_days:
        due = calendar.add_calendar_days(due, min(extension_days, COMPLAINT_EXTENSION.n), roll=True, unit=unit)
    return due


def _dl(rec: MatterRec, code: str, start: date, period: Period, text: str, today: date, calendar: WorkCalendar,
        unit: str | None, who: str = "head") -> Deadline:
    due = add_period(calendar, start, period, unit)
    return Deadline(code, RULESET, due, start, f"matter:{rec.matter_id}", start, who, period.article, text,
                    today > due, verified=period.verified)


def matter_deadlines(rec: MatterRec, calendar: WorkCalendar, today: date, unit: str | None = None) -> list[Deadline]:
    """The open deadlines of one matter, from its state and history (the same inputs on the incremental and the
    recompute path): acceptance or forwarding while it is received; the resolution once accepted (with its
    extension); an accepted protest's carrying out (Art. 161.1)."""
    out: list[Deadline] = []
    if rec.status == S.RECEIVED:
        if rec.kind in (K.COMPLAINT, K.DENUNCIATION) and not rec.within_competence:
            out.append(_dl(rec, f"{rec.kind}.forward", rec.received_on, FORWARD,
                           "Chuyển đơn không thuộc thẩm quyền, thông báo người gửi", today, calendar, unit))
        elif rec.kind == K.COMPLAINT:
            period = ACCEPT_COMPLAINT[1] if rec.level >= 2 else ACCEPT_COMPLAINT[0]
            out.append(_dl(rec, "complaint.accept", rec.received_on, period,
                           "Thụ lý giải quyết khiếu nại hoặc thông báo không thụ lý", today, calendar, unit))
        elif rec.kind == K.DENUNCIATION:
            checks = _has(rec, E.EXTENDED, stage="acceptance") is not None
            period = ACCEPT_DENUNCIATION[1] if checks else ACCEPT_DENUNCIATION[0]
            out.append(_dl(rec, "denunciation.accept", rec.received_on, period,
                           "Ra quyết định thụ lý tố cáo hoặc thông báo không thụ lý", today, calendar, unit))
        elif rec.kind in (K.RECOMMENDATION, K.REPORT):
            out.append(_dl(rec, "recommendation.answer", rec.received_on, ANSWER_RECOMMENDATION,
                           "Trả lời, hướng dẫn hoặc chuyển đơn kiến nghị, phản ánh", today, calendar, unit))
        elif rec.kind == K.PROCURACY:
            period = ANSWER_PROCURACY.get(rec.procuracy_act or ProcuracyAct.PROTEST, ANSWER_PROCURACY["protest"])
            out.append(_dl(rec, f"procuracy.{rec.procuracy_act or 'protest'}", rec.received_on, period,
                           "Trả lời kháng nghị, kiến nghị, yêu cầu của Viện kiểm sát", today, calendar, unit))
    elif rec.status == S.ACCEPTED and rec.accepted_on is not None:
        ext = _has(rec, E.EXTENDED, stage="resolution")
        due = resolution_due(calendar, rec.kind, rec.complained_act, rec.level, rec.accepted_on,
                             int(ext.details.get("days", 0)) if ext else 0, unit)
        if due is not None:
            base = resolution_period(rec.kind, rec.complained_act, rec.level)
            extended_by = COMPLAINT_EXTENSION if rec.kind == K.COMPLAINT else RESOLVE_DENUNCIATION[1]
            article = base.article + (f"; gia hạn ({extended_by.article})" if ext else "")
            text = ("Ra quyết định giải quyết khiếu nại" if rec.kind == K.COMPLAINT
                    else "Ban hành kết luận nội dung tố cáo")
            out.append(Deadline(f"{rec.kind}.resolve", RULESET, due, rec.accepted_on, f"matter:{rec.matter_id}",
                                rec.accepted_on, "head", article[:255], text, today > due))
    elif (rec.status == S.RESOLVED and rec.kind == K.PROCURACY and rec.procuracy_act in ("", ProcuracyAct.PROTEST)
          and rec.outcome in PROTEST_ACCEPTED and rec.closed_on is not None and _has(rec, E.LINKED) is None):
        out.append(_dl(rec, "procuracy.carry_out", rec.closed_on, CARRY_OUT_PROTEST,
                       "Thực hiện kháng nghị đã chấp nhận của Viện kiểm sát", today, calendar, unit))
    return out


# ------------------------------------------------------------------------------------------------ what may follow what

#: Event → (the kinds of matter it applies to, the statuses it may follow).
_TRANSITIONS: Mapping[str, tuple[frozenset[str], frozenset[str]]] = MappingProxyType({
    E.ACCEPTED: (frozenset({K.COMPLAINT, K.DENUNCIATION}), frozenset({S.RECEIVED})),
    E.NOT_ACCEPTED: (frozenset({K.COMPLAINT, K.DENUNCIATION, K.RECOMMENDATION, K.REPORT}), frozenset({S.RECEIVED})),
    E.FORWARDED: (frozenset(K), frozenset({S.RECEIVED})),
    E.ARCHIVED: (frozenset({K.COMPLAINT, K.DENUNCIATION, K.RECOMMENDATION, K.REPORT}), frozenset({S.RECEIVED})),
    E.RESOLVED: (frozenset(K), frozenset({S.RECEIVED, S.ACCEPTED})),
    E.WITHDRAWN: (frozenset({K.COMPLAINT, K.DENUNCIATION}), frozenset({S.RECEIVED, S.ACCEPTED})),
    E.EXTENDED: (frozenset({K.COMPLAINT, K.DENUNCIATION}), frozenset({S.RECEIVED, S.ACCEPTED})),
})

STATUS_AFTER: Mapping[str, str] = MappingProxyType({
    E.ACCEPTED: S.ACCEPTED, E.NOT_ACCEPTED: S.NOT_ACCEPTED, E.FORWARDED: S.FORWARDED, E.ARCHIVED: S.ARCHIVED,
    E.RESOLVED: S.RESOLVED, E.WITHDRAWN: S.WITHDRAWN,
})

STATUS_LABELS_VI: Mapping[str, str] = MappingProxyType({
    S.RECEIVED: "mới tiếp nhận", S.ACCEPTED: "đã thụ lý", S.NOT_ACCEPTED: "không thụ lý", S.FORWARDED: "đã chuyển đơn",
    S.ARCHIVED: "đã lưu đơn", S.WITHDRAWN: "đã rút", S.RESOLVED: "đã giải quyết",
})


def transition_refusal(kind: str, status: str, event: str, *, extended: bool = False,
                       checks_extended: bool = False) -> Refusal | None:
    """Why ``event`` may not follow a matter of ``kind`` in ``status`` (None: it may). A complaint and a
    denunciation are accepted before they are resolved (Arts. 148, 150; TT 13/2021 Art. 17); a recommendation, a
    report and the procuracy's act are answered directly (TT 13/2021 Art. 28; Art. 161.1). A complaint is extended
    once after acceptance (Art. 146.3, 146.5); a denunciation once before acceptance for checks (TT 13/2021 Art.
    16.1) and once after (Art. 157.2)."""
    kinds, froms = _TRANSITIONS[event]
    label = STATUS_LABELS_VI.get(status, status)
    if kind not in kinds:
        return Refusal(f"{event}.kind", "Thao tác này không áp dụng cho loại đơn, vụ việc này.")
    if status not in froms:
        return Refusal(f"{event}.status", f"Không thể thực hiện: vụ việc đang ở trạng thái “{label}”.")
    if event == E.RESOLVED and kind in (K.COMPLAINT, K.DENUNCIATION) and status != S.ACCEPTED:
        return Refusal("resolved.not_accepted", "Phải thụ lý trước khi giải quyết (Điều 148 Luật THADS; Điều 17 "
                       "Thông tư 13/2021/TT-BTP).")
    if event == E.EXTENDED:
        if status == S.RECEIVED and kind != K.DENUNCIATION:
            return Refusal("extended.not_accepted", "Chỉ gia hạn giải quyết khiếu nại sau khi đã thụ lý.")
        if (checks_extended if status == S.RECEIVED else extended):
            return Refusal("extended.again", "Vụ việc đã được gia hạn một lần.")
    return None


#: Reasons for archiving a letter (lưu đơn: TT 13/2021 Arts. 8.4, 16.3, 28.3; Decree 62/2015 Art. 38.5).
ARCHIVE_REASONS: Mapping[str, str] = MappingProxyType({
    "duplicate": "Đơn trùng nội dung đã được chuyển, hướng dẫn, trả lời hoặc giải quyết",
    "anonymous": "Đơn giấu tên, mạo danh, không rõ địa chỉ, không có chữ ký hoặc điểm chỉ",
    "foreign_language": "Đơn viết bằng tiếng nước ngoài không kèm bản dịch công chứng",
    "hostile": "Đơn có nội dung chống đối đường lối, chính sách hoặc chia rẽ đoàn kết",
    "offensive": "Đơn có lời lẽ thô tục, xúc phạm",
    "illegible": "Đơn rách nát, tẩy xóa, không đọc được",
    "multi_addressed": "Đơn gửi đồng thời nhiều cơ quan, đã gửi cơ quan có thẩm quyền",
    "unclear": "Đơn không rõ nội dung, đã mời hợp lệ hai lần mà không đến",
    "no_new_evidence": "Đã giải quyết, tiếp tục khiếu nại không có bằng chứng mới (Điều 38.5 Nghị định 62/2015)",
})

#: How long an archived letter is kept before it may be destroyed (TT 13/2021 Arts. 8.4, 16.3).
ARCHIVE_YEARS = 1


def archive_refusal(reason: str, *, anonymous: bool, duplicate_of: int | None) -> Refusal | None:
    """Why a letter may not be archived for ``reason``: the reason must be one of :data:`ARCHIVE_REASONS`; a
    duplicate names the matter it repeats; "anonymous" only for a letter without a named sender."""
    if reason not in ARCHIVE_REASONS:
        return Refusal("archive.reason", "Lý do lưu đơn không thuộc các trường hợp của Điều 8.4, 16.3, 28.3 Thông "
                       "tư 13/2021/TT-BTP.", "reason")
    if reason == "duplicate" and duplicate_of is None:
        return Refusal("archive.duplicate_of", "Cần chỉ ra vụ việc mà đơn này trùng lặp.", "duplicate_of_id")
    if reason == "anonymous" and not anonymous:
        return Refusal("archive.not_anonymous", "Đơn có ghi rõ người gửi: không lưu đơn vì lý do giấu tên.",
                       "reason")
    return None


def outcome_refusal(kind: str, outcome: str) -> Refusal | None:
    """A complaint's decision (Art. 151.6), a denunciation's conclusion (TT 13/2021 Art. 22.1.c) and the answer to a
    protest say whether it was right, partly right or wrong; a recommendation's answer may say nothing."""
    if outcome and outcome not in Outcome.__members__.values():
        return Refusal("resolve.outcome", "Kết quả giải quyết không hợp lệ.", "outcome")
    if not outcome and kind in (K.COMPLAINT, K.DENUNCIATION, K.PROCURACY):
        return Refusal("resolve.outcome_missing", "Cần ghi kết luận: đúng, đúng một phần hoặc sai (Điều 151.6 Luật "
                       "THADS).", "outcome")
    return None


def escalation_refusal(kind: str, status: str, level: int, act: str, already: bool) -> Refusal | None:
    """Whether a second-level complaint may be lodged against this matter's resolution (Arts. 142, 152): a
    first-level complaint, resolved, not about a security measure (:data:`SINGLE_LEVEL_ACTS`), once."""
    if kind != K.COMPLAINT or level >= 2:
        return Refusal("escalate.level", "Chỉ khiếu nại lần hai đối với quyết định giải quyết khiếu nại lần đầu "
                       "(Điều 142, 152 Luật THADS).")
    if status != S.RESOLVED:
        return Refusal("escalate.not_resolved", "Khiếu nại lần đầu chưa có quyết định giải quyết.")
    if act in SINGLE_LEVEL_ACTS:
        return Refusal("escalate.single_level", "Quyết định giải quyết khiếu nại về biện pháp bảo đảm có hiệu lực "
                       "thi hành (Điều 146.2 Luật THADS; Điều 38.3 Nghị định 62/2015/NĐ-CP).")
    if already:
        return Refusal("escalate.again", "Đã có khiếu nại lần hai đối với quyết định này.")
    return None


__all__ = ["ARCHIVE_REASONS", "ARCHIVE_YEARS", "MatterEventRec", "MatterRec", "NON_AGENCY_LEVELS", "Period", "Refusal",
           "RULESET", "SINGLE_LEVEL_ACTS", "STATUS_AFTER", "STEP_TITLES", "Step", "TIME_LIMITS", "add_period", "archive_refusal",
           "competent_unit", "complaint_time_limit_ends", "escalation_refusal", "matter_deadlines", "outcome_refusal",
           "resolution_due", "resolution_period", "resolver_index", "resolver_unit", "time_limit_refusal",
           "title_may", "transition_refusal"]
