"""``thads digest``: the daily e-mail to each officer (own overdue and due-soon deadlines; reception staff and
verifiers: their units' deadlines of complaints and other subjects without a case) and each head (the unit's overdue
deadlines by officer, subjects without a case under "Chưa phân công"). Run it from cron or a systemd timer (see the
README)."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.utils import timezone

from thads.deadlines.models import Deadline
from thads.deadlines.queue import subject_deadlines_of, title_handles_subjects
from thads.deadlines.service import current_calendar
from thads.domain.capabilities import Capability, title_may
from thads.org.models import User
from thads.org.scope import scope_queryset


def _line(dl) -> str:
    """One deadline: its due date, what it is about (a case, or a subject such as a complaint, with the address of
    its page when it has one), what must be done and why."""
    where = f" <{dl.link}>" if dl.subject and dl.link else ""
    return f"- {dl.due:%d/%m/%Y} {dl.label}{where}: {dl.text} ({dl.article})"


class Command(BaseCommand):
    help = "E-mail each officer and head what is overdue and what falls due in the next 3 working days."

    def handle(self, *args, **options) -> None:
        today = timezone.localdate()
        soon = current_calendar().add_working_days(today, 3)
        sent = 0
        for user in User.objects.filter(is_active=True).exclude(email="").select_related("unit"):
            if title_may(user.title, Capability.LEAD):  # heads and deputies (not the superuser)
                unit = scope_queryset(user, Deadline.objects.filter(due__lt=today, paused=False)).select_related(
                    "case", "officer")
                body = self._head_body(unit)
            elif getattr(user, "officer", None) is not None or title_handles_subjects(user.title):
                mine = Deadline.objects.filter(officer=user.officer, due__lte=soon) if getattr(
                    user, "officer", None) is not None else Deadline.objects.none()
                mine = mine | subject_deadlines_of(user).filter(due__lte=soon)
                body = self._officer_body(mine.select_related("case").order_by("due", "code"), today)
            else:
                continue
            if body:
                send_mail(f"[THADS] Thời hạn ngày {today:%d/%m/%Y}", body, settings.DEFAULT_FROM_EMAIL, [user.email])
                sent += 1
        self.stdout.write(f"{sent} digest(s) sent")

    @staticmethod
    def _officer_body(deadlines, today) -> str:
        overdue = [d for d in deadlines if d.due < today and not d.paused]
        soon = [d for d in deadlines if d.due >= today]
        if not overdue and not soon:
            return ""
        parts = []
        if overdue:
            parts += [f"Quá hạn ({len(overdue)}):", *map(_line, overdue)]
        if soon:
            parts += [f"Sắp đến hạn trong 3 ngày làm việc ({len(soon)}):", *map(_line, soon)]
        return "\n".join(parts)

    @staticmethod
    def _head_body(deadlines) -> str:
        by_officer = defaultdict(list)
        for dl in deadlines:
            by_officer[dl.officer.name if dl.officer else "Chưa phân công"].append(dl)
        if not by_officer:
            return ""
        parts = ["Thời hạn quá hạn của đơn vị, theo Chấp hành viên:"]
        for name, items in sorted(by_officer.items(), key=lambda kv: -len(kv[1])):
            parts.append(f"{name}: {len(items)}")
            parts += [_line(d) for d in items[:20]]
        return "\n".join(parts)
