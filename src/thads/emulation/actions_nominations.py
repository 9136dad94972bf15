"""Nominations and commendations (re-exported by :mod:`thads.emulation.actions`; Luật Thi đua, Khen thưởng 2022:
the unit proposes, the emulation council advises, the head decides or the superior's decision is recorded).

The workflow is ``domain.emulation.NOMINATION_FLOW``: ``do_propose`` → ``do_review`` (the council's favourable
opinion, votes recorded) → ``do_decide`` (writes the ``Commendation``); ``do_decline`` (the council from "proposed",
the head from "reviewed"), ``do_withdraw`` (the proposer, from "proposed"). Who may take each step is
:func:`thads.emulation.permissions.step_refusal`. Every step locks the nomination row, appends its
``NominationEvent`` (seq, from / to state, date, user, unit, note, details), updates the cached state and writes
the audit row, in one transaction; a step the flow does not allow is refused and writes nothing.
``do_record_commendation`` records an award given without a nomination here (earlier years, another body).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from thads.domain.capabilities import Capability
from thads.domain.emulation import (
    AWARD_TITLES,
    AwardForm,
    AwardTitle,
    NominationState,
    NominationStep,
    RecipientKind,
    next_state,
    title_fits,
    title_label,
)
from thads.emulation.actions_common import (
    EmulationRefused,
    acting_unit,
    actor,
    not_before,
    optional_text,
    past_date,
    refuse_if,
    required,
    statistical_year,
)
from thads.emulation.law import decides_here, law_checks
from thads.emulation.models import Campaign, Commendation, Nomination, NominationEvent
from thads.emulation.permissions import PROPOSE_REFUSAL, step_refusal
from thads.org.audit import audit_write, jsonable, snapshot
from thads.org.capabilities import can
from thads.org.models import Unit
from thads.org.scope import covers

OPEN_STATES = (NominationState.PROPOSED, NominationState.REVIEWED)


def _recipient(officer, person, unit) -> tuple[RecipientKind, Unit]:
    """The kind of the one recipient given and the unit he belongs to (a collective: itself)."""
    given = [x for x in (officer, person, unit) if x is not None]
    if len(given) != 1:
        raise EmulationRefused("Chọn đúng một cá nhân (Chấp hành viên, công chức) hoặc một tập thể (đơn vị).",
                               "nominee", "recipient.one")
    if unit is not None:
        return RecipientKind.COLLECTIVE, unit
    home = officer.unit if officer is not None else getattr(person, "unit", None)
    if home is None or (person is not None and not person.is_active):
        raise EmulationRefused("Cá nhân được đề nghị phải là công chức đang công tác tại một đơn vị.", "nominee",
                               "recipient.unit")
    return RecipientKind.INDIVIDUAL, home


def _title(title, kind: RecipientKind) -> AwardTitle:
    try:
        title = AwardTitle(title)
    except ValueError:
        raise EmulationRefused("Danh hiệu, hình thức khen thưởng không hợp lệ.", "title", "title") from None
    if not title_fits(title, kind):
        who = "cá nhân" if kind == RecipientKind.INDIVIDUAL else "tập thể"
        raise EmulationRefused(f"Danh hiệu «{title_label(title)}» không xét cho {who}.", "title", "title.kind")
    return title


def _evidence(year: int, officer, person, unit) -> dict:
    """The evidence sheet's figures when proposed (``emulation.evidence``; empty while it is not installed)."""
    try:
        from thads.emulation.evidence import evidence_sheet
    except ImportError:
        return {}
    return jsonable(evidence_sheet(year=year, officer=officer, user=person, unit=unit))


def _campaign(campaign: Campaign | None) -> Campaign | None:
    if campaign is None:
        return None
    row = Campaign.objects.filter(pk=campaign.pk).first()
    if row is None or row.closed:
        raise EmulationRefused("Phong trào thi đua đã kết thúc, không nhận đề nghị mới.", "campaign",
                               "campaign.closed")
    return row


def _add_event(user, nomination: Nomination, step: NominationStep, to_state: NominationState, on: date, *,
               from_state: str = "", note: str = "", **details) -> NominationEvent:
    last = NominationEvent.objects.filter(nomination=nomination).aggregate(m=Max("seq"))["m"] or 0
    return NominationEvent.objects.create(
        nomination=nomination, seq=last + 1, step=step, from_state=from_state, to_state=to_state, on=on,
        user=actor(user), unit=acting_unit(user, nomination.unit), note=note,
        details=jsonable({k: v for k, v in details.items() if v not in (None, "")}))


@transaction.atomic
def do_propose(user, *, unit: Unit, year: int, title: AwardTitle | str, officer=None, nominee_user=None,
               nominee_unit=None, campaign: Campaign | None = None, reason: str = "",
               on: date | None = None) -> Nomination:
    """Propose ``title`` for one nominee (an officer, another staff member, or a unit) for statistical ``year``, to
    be decided by ``unit`` (the proposer's own unit or one above the nominee's). The head or deputy over the
    nominee's unit proposes; one open nomination per nominee, title and year; the evidence sheet is frozen with
    the law checks (``emulation.law``: who decides under Luật TĐKT 2022 Art. 80.1, the criteria, the warnings —
    a missing prerequisite title, the grassroots fighters' share; never a refusal)."""
    kind, home = _recipient(officer, nominee_user, nominee_unit)
    if not can(user, Capability.MANAGE_EMULATION, home):
        raise EmulationRefused(PROPOSE_REFUSAL, "nominee", "permission")
    if unit is None or not home.path.startswith(unit.path):
        raise EmulationRefused("Đơn vị xét khen phải là đơn vị của người (tập thể) được đề nghị hoặc đơn vị cấp "
                               "trên.", "unit", "nomination.unit")
    title = _title(title, kind)
    year = statistical_year(year)
    on = past_date(on or timezone.localdate(), "on", "ngày đề nghị")
    campaign = _campaign(campaign)
    nominee = {"nominee_officer": officer, "nominee_user": nominee_user, "nominee_unit": nominee_unit}
    if Nomination.objects.filter(year=year, title=title, state__in=OPEN_STATES, **nominee).exists():
        raise EmulationRefused(f"Đã có đề nghị «{title_label(title)}» năm {year} đang xét cho người (tập thể) này.",
                               "title", "nomination.duplicate")
    # An emulation title (danh hiệu thi đua) is given for a year (Luật TĐKT 2022 Art. 23 ff.): once held, it is not
    # proposed again for that year. A form of reward (Giấy khen, Bằng khen) may be given again for another deed.
    if AWARD_TITLES[AwardTitle(title)][2] == AwardForm.TITLE and Commendation.objects.filter(
            year=year, title=title, recipient_officer=officer, recipient_user=nominee_user,
            recipient_unit=nominee_unit).exists():
        raise EmulationRefused(f"Người (tập thể) này đã được tặng danh hiệu «{title_label(title)}» năm {year}.",
                               "title", "nomination.already_awarded")
    row = Nomination.objects.create(
        unit=unit, campaign=campaign, year=year, kind=kind, title=title, reason=str(reason or "").strip(),
        state=NominationState.PROPOSED, evidence=_evidence(year, officer, nominee_user, nominee_unit),
        proposed_by=actor(user), proposed_on=on, **nominee)
    checks = law_checks(unit=unit, year=year, title=title, officer=officer, user=nominee_user,
                        nominee_unit=nominee_unit)
    row.evidence = {**(row.evidence or {}), "law_checks": checks}
    row.save(update_fields=["evidence"])
    _add_event(user, row, NominationStep.PROPOSE, NominationState.PROPOSED, on, note=row.reason,
               warnings=checks["warnings"] or None)
    audit_write(user, "emulation.nomination.propose", row, unit=unit, after=snapshot(row, exclude=("evidence",)))
    return row


def _locked(nomination: Nomination) -> Nomination:
    row = (Nomination.objects.select_for_update(of=("self",)).select_related("unit")
           .filter(pk=nomination.pk).first())
    if row is None:
        raise EmulationRefused("Đề nghị khen thưởng không còn tồn tại.", "", "nomination.missing")
    return row


def _step(user, nomination: Nomination, step: NominationStep, on: date, *, note: str = "",
          **details) -> Nomination:
    """The common path of a step on a nomination: lock, check the flow and the person, the date, then the event,
    the cached state and the audit row."""
    row = _locked(nomination)
    refuse_if(step_refusal(user, row, step), "", "step")
    on = past_date(on, "on", "ngày thực hiện")
    not_before(on, row.proposed_on, "ngày đề nghị")
    before, after = row.state, next_state(row.state, step)
    _add_event(user, row, step, after, on, from_state=before, note=note, **details)
    row.state = after
    row.save(update_fields=["state"])
    audit_write(user, f"emulation.nomination.{step}", row, unit=row.unit, before={"state": before},
                after={"state": after, "on": on, "note": note, **details})
    return row


def _votes(value, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise EmulationRefused("Số phiếu phải là số nguyên không âm.", field, "review.votes")
    return value


@transaction.atomic
def do_review(user, nomination: Nomination, *, on: date, votes_for: int, votes_against: int,
              note: str = "") -> Nomination:
    """The council's favourable opinion (a member of the deciding unit's council, not the proposer), with the
    votes: a majority for it is required (an unfavourable opinion is ``do_decline``)."""
    refuse_if(step_refusal(user, _locked(nomination), NominationStep.REVIEW), "", "step")
    votes_for, votes_against = _votes(votes_for, "votes_for"), _votes(votes_against, "votes_against")
    if votes_for <= votes_against:
        raise EmulationRefused("Đề nghị không được đa số thành viên Hội đồng tán thành: ghi «không khen thưởng» "
                               "kèm lý do.", "votes_for", "review.majority")
    return _step(user, nomination, NominationStep.REVIEW, on, note=str(note or "").strip(), votes_for=votes_for,
                 votes_against=votes_against)


@transaction.atomic
def do_decide(user, nomination: Nomination, *, decision_no: str, decided_on: date, issuer: str) -> Commendation:
    """The head of the deciding unit records the decision (his own, or the superior's for a title not decided
    here — Luật TĐKT 2022 Art. 80.1, VERIFIED: ``emulation.law.decides_here``): number, date, issuer; the
    ``Commendation`` is written for the nominee (its unit: the recipient's)."""
    row = _locked(nomination)
    refuse_if(step_refusal(user, row, NominationStep.DECIDE), "", "step")
    decision_no = required(decision_no, "decision_no", "số quyết định khen thưởng", 64)
    issuer = required(issuer, "issuer", "cấp ra quyết định (người, cơ quan ký)", 255)
    decided_on = past_date(decided_on, "decided_on", "ngày quyết định")
    not_before(decided_on, row.proposed_on, "ngày đề nghị", "decided_on")
    home = (row.nominee_unit or (row.nominee_officer.unit if row.nominee_officer_id else row.nominee_user.unit))
    commendation = Commendation.objects.create(
        kind=row.kind, recipient_officer=row.nominee_officer, recipient_user=row.nominee_user,
        recipient_unit=row.nominee_unit, unit=home, title=row.title, year=row.year, decision_no=decision_no,
        decided_on=decided_on, issuer=issuer, campaign=row.campaign, nomination=row, created_by=actor(user))
    decided_here = decides_here(row.title, row.unit)  # Luật TĐKT 2022 Art. 80.1 (VERIFIED)
    _step(user, row, NominationStep.DECIDE, decided_on, decision_no=decision_no, issuer=issuer,
          commendation=commendation.pk, decided_here=decided_here)
    audit_write(user, "emulation.commendation.add", commendation, unit=home, after=snapshot(commendation))
    return commendation


@transaction.atomic
def do_decline(user, nomination: Nomination, *, on: date, reason: str) -> Nomination:
    """Not commended: the council's unfavourable opinion (from "proposed") or the head's refusal (from
    "reviewed"); the reason is required."""
    refuse_if(step_refusal(user, _locked(nomination), NominationStep.DECLINE), "", "step")
    reason = required(reason, "reason", "lý do không khen thưởng")
    return _step(user, nomination, NominationStep.DECLINE, on, note=reason, reason=reason)


@transaction.atomic
def do_withdraw(user, nomination: Nomination, *, on: date, reason: str = "") -> Nomination:
    """The proposer takes the nomination back before the council has reviewed it."""
    return _step(user, nomination, NominationStep.WITHDRAW, on, note=str(reason or "").strip())


@transaction.atomic
def do_record_commendation(user, *, kind: RecipientKind | str, title: AwardTitle | str, year: int, decision_no: str,
                           decided_on: date, issuer: str, officer=None, recipient_user=None, recipient_unit=None,
                           campaign: Campaign | None = None, note: str = "") -> Commendation:
    """Record a title or award given without a nomination here (an earlier year, another body's decision): the
    head or deputy over the recipient's unit; the decision's number, date and issuer are required."""
    found, home = _recipient(officer, recipient_user, recipient_unit)
    if str(kind) != found:
        raise EmulationRefused("Loại khen thưởng (cá nhân / tập thể) không khớp với người (tập thể) được khen.",
                               "kind", "recipient.kind")
    if not can(user, Capability.MANAGE_EMULATION, home):
        raise EmulationRefused("Chỉ Thủ trưởng, Phó Thủ trưởng của đơn vị quản lý người (tập thể) được khen mới "
                               "được ghi khen thưởng.", "", "permission")
    title = _title(title, found)
    year = statistical_year(year)
    decision_no = required(decision_no, "decision_no", "số quyết định khen thưởng", 64)
    issuer = required(issuer, "issuer", "cấp ra quyết định (người, cơ quan ký)", 255)
    decided_on = past_date(decided_on, "decided_on", "ngày quyết định")
    if campaign is not None and not covers(user, campaign.unit) and not campaign.units.filter(
            pk=home.pk).exists():
        raise EmulationRefused("Phong trào thi đua không thuộc phạm vi của bạn.", "campaign", "campaign.scope")
    row = Commendation.objects.create(
        kind=found, recipient_officer=officer, recipient_user=recipient_user, recipient_unit=recipient_unit,
        unit=home, title=title, year=year, decision_no=decision_no, decided_on=decided_on, issuer=issuer,
        campaign=campaign, note=optional_text(note, "note", "ghi chú", 255), created_by=actor(user))
    audit_write(user, "emulation.commendation.add", row, unit=home, after=snapshot(row))
    return row
