"""Writes of the submissions context, one atomic ``do_*`` each (issue 18, THADS.md §4.2): keys, building and
signing a package for the level above, receiving one, accepting it or returning it for correction.

``user`` None is the system (a command run by the operator, or the hook when a period closes). Who may: the unit's
statistician builds and receives (``Capability.CLOSE_PERIOD``: the one who closes the books sends them up;
UNVERIFIED), over his unit; keys are the system's (commands only).
"""

from __future__ import annotations

import json
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from thads.deadlines.service import current_calendar
from thads.domain import submissions as rules
from thads.domain.calendar import CalendarRangeError
from thads.domain.capabilities import Capability
from thads.domain.contrib import month_end
from thads.lib.errors import Refused
from thads.org.audit import audit_write, snapshot
from thads.org.capabilities import can
from thads.org.models import Unit
from thads.submissions import crypto, package
from thads.submissions.keys import KeyRefused, active_key, parse_public_key
from thads.submissions.models import Direction, SigningKey, Status, Submission, TrustedKey
from thads.submissions.receive import check_against_own_view

_FIELDS = ["direction", "unit", "to_unit", "kind", "year", "months", "due_on", "on", "late", "sha256", "signer",
           "status", "supersedes", "note"]


class SubmissionRefused(Refused):
    """A submission step the rules do not allow (message in Vietnamese)."""


def _may(user, unit: Unit) -> None:
    if user is not None and not can(user, Capability.CLOSE_PERIOD, unit):
        raise SubmissionRefused("Chỉ thống kê viên của đơn vị được lập, gửi và nhận báo cáo thống kê.")


@transaction.atomic
def do_create_key(user, unit: Unit) -> SigningKey:
    """A new Ed25519 signing key for ``unit`` (the private half a 0600 file, ``crypto``); older keys retire."""
    try:
        fingerprint, public = crypto.new_private_key()
    except ValueError as exc:  # the key folder inside MEDIA_ROOT (copied by every backup)
        raise KeyRefused(f"Không tạo khóa: thư mục khóa nằm trong thư mục tệp (MEDIA_ROOT) mà mọi bản sao lưu đều "
                         f"chép ({exc}).") from None
    SigningKey.objects.filter(unit=unit, retired_at__isnull=True).update(retired_at=timezone.now())
    key = SigningKey.objects.create(unit=unit, fingerprint=fingerprint, public_key=public, created_by=user)
    audit_write(user, "submissions.key.create", key, unit=unit, after=snapshot(key))
    return key


@transaction.atomic
def do_trust_key(user, unit: Unit, text: str) -> TrustedKey:
    """Trust the public key in the file ``text`` (``keys.export_text``) for packages of ``unit``, a unit below."""
    data = parse_public_key(text)
    if data.get("unit") != unit.code:
        raise KeyRefused(f"Khóa này là của đơn vị {data.get('unit')}, không phải của đơn vị {unit.code}.")
    if TrustedKey.objects.filter(unit=unit, fingerprint=data["fingerprint"]).exists():
        raise KeyRefused("Khóa này đã được tin cậy.")
    key = TrustedKey.objects.create(unit=unit, fingerprint=data["fingerprint"], public_key=data["public_key"],
                                    trusted_by=user)
    audit_write(user, "submissions.key.trust", key, unit=unit, after=snapshot(key))
    return key


def _due(unit: Unit, year: int, months: int) -> date | None:
    """The due day (``rules.due_date``); None for a period outside the years the working-day calendar knows."""
    try:
        return rules.due_date(unit.level, month_end(year, months), current_calendar())
    except CalendarRangeError:
        return None


def _built_before(payload: dict, previous: Submission) -> bool:
    """Whether the package ``payload`` was built (its signed ``created_at``) before the ``previous`` one received
    for the same period: an old package sent again (a replay, or one overtaken in the post) must not become the
    current report. An unreadable time counts as before."""
    try:
        new = datetime.fromisoformat(payload["created_at"])
        old = datetime.fromisoformat(json.loads(previous.package)["payload"]["created_at"])
        return new < old
    except (KeyError, TypeError, ValueError):
        return True


@transaction.atomic
def do_build_submission(user, unit: Unit, year: int, months: int, today: date | None = None) -> Submission:
    """Build and sign ``unit``'s package of the period for the level above; a second one of the same period is a
    correction that supersedes the first."""
    _may(user, unit)
    today = today or timezone.localdate()
    if month_end(year, months) >= today:
        raise SubmissionRefused(f"Kỳ báo cáo chưa kết thúc (đến hết ngày {month_end(year, months):%d/%m/%Y}).")
    key = active_key(unit)
    if key is None:
        raise SubmissionRefused(f"Đơn vị {unit.code} chưa có khóa ký: tạo bằng lệnh thads keys create --unit "
                                f"{unit.code}.")
    previous = (Submission.objects.filter(direction=Direction.SENT, unit=unit, year=year,
                                                              months=months, superseded_by__isnull=True)
                .order_by("-id").first())
    payload = package.build_payload(unit, year, months, on=today, supersedes=previous.sha256 if previous else None)
    text, digest = package.seal(payload, key)
    due = _due(unit, year, months)
    sub = Submission.objects.create(
        direction=Direction.SENT, unit=unit, to_unit=unit.parent, kind=payload["kind"], year=year, months=months,
        date_from=date(year - 1, 10, 1), date_to=month_end(year, months), due_on=due, on=today,
        late=rules.is_late(today, due), sha256=digest, signer=key.fingerprint, status=Status.BUILT,
        supersedes=previous, report_json=json.dumps(payload["report"], ensure_ascii=False), package=text,
        created_by=user)
    audit_write(user, "submissions.build", sub, unit=unit, after=snapshot(sub, fields=_FIELDS))
    return sub


@transaction.atomic
def do_receive(user, data: bytes, today: date | None = None) -> Submission:
    """Verify a package (``package.verify``: a trusted key of the sender unit) and record it, received by the
    sender's parent unit: due date, late flag, the correction it supersedes, the check against this
    installation's own view of the sender's cases. A refused package writes nothing. Who may not receive at all
    is refused before the file is read (the page is no verification oracle for them)."""
    if user is not None and not can(user, Capability.CLOSE_PERIOD):
        raise SubmissionRefused("Chỉ thống kê viên của đơn vị được lập, gửi và nhận báo cáo thống kê.")
    envelope, payload, sender = package.verify(data)
    receiver = sender.parent
    if receiver is None:
        raise SubmissionRefused(f"Đơn vị {sender.code} không có đơn vị cấp trên trong hệ thống: không nhận.")
    _may(user, receiver)
    try:
        year, months, kind, report = package.check_payload(payload, sender)
    except Refused as exc:
        raise SubmissionRefused(exc.message) from None
    if Submission.objects.filter(direction=Direction.RECEIVED, sha256=envelope["sha256"]).exists():
        raise SubmissionRefused("Gói báo cáo này đã được nhận trước đây.")
    today = today or timezone.localdate()
    previous = (Submission.objects.filter(direction=Direction.RECEIVED, unit=sender, year=year,
                                                              months=months, superseded_by__isnull=True)
                .order_by("-id").first())
    if previous is not None and _built_before(payload, previous):
        raise SubmissionRefused("Gói báo cáo này được lập trước gói của cùng kỳ đã nhận: gói cũ gửi lại không thay "
                                "được gói mới: không nhận.")
    due = _due(sender, year, months)
    differences = check_against_own_view(sender, year, months, report)
    try:
        with transaction.atomic():  # the same package received twice at once: the second is refused, no 500
            sub = _record_received(envelope, sender, receiver, year, months, kind, report, today, due, previous,
                                   differences, user)
    except IntegrityError:
        raise SubmissionRefused("Gói báo cáo này đã được nhận trước đây.") from None
    audit_write(user, "submissions.receive", sub, unit=receiver, after=snapshot(sub, fields=_FIELDS))
    return sub


def _record_received(envelope, sender, receiver, year, months, kind, report, today, due, previous, differences,
                     user) -> Submission:
    return Submission.objects.create(
        direction=Direction.RECEIVED, unit=sender, to_unit=receiver, kind=kind, year=year, months=months,
        date_from=date(year - 1, 10, 1), date_to=month_end(year, months), due_on=due, on=today,
        late=rules.is_late(today, due), sha256=envelope["sha256"], signer=envelope["signature"]["key"],
        status=Status.RECEIVED, supersedes=previous, check_json=json.dumps(differences, ensure_ascii=False),
        report_json=json.dumps(report, ensure_ascii=False), package=package.stored_text(envelope), created_by=user)


def _decide(user, sub: Submission, status: str, note: str, action: str) -> Submission:
    if sub.direction != Direction.RECEIVED or sub.to_unit is None:
        raise SubmissionRefused("Chỉ xử lý được báo cáo đã nhận.")
    _may(user, sub.to_unit)
    if sub.status != Status.RECEIVED:
        raise SubmissionRefused("Báo cáo này đã được xử lý.")
    before = snapshot(sub, fields=["status", "note"])
    sub.status, sub.note = status, note
    sub.save(update_fields=["status", "note"])
    audit_write(user, action, sub, unit=sub.to_unit, before=before, after=snapshot(sub, fields=["status", "note"]))
    return sub


@transaction.atomic
def do_accept(user, sub: Submission) -> Submission:
    """Accept a received report (it enters the consolidation; so does one merely received)."""
    return _decide(user, sub, Status.ACCEPTED, "", "submissions.accept")


@transaction.atomic
def do_return(user, sub: Submission, reason: str) -> Submission:
    """Return a received report for correction, with the reason (it leaves the consolidation)."""
    if not reason.strip():
        raise SubmissionRefused("Phải ghi rõ lý do trả lại báo cáo để sửa.")
    return _decide(user, sub, Status.RETURNED, reason.strip(), "submissions.return")
