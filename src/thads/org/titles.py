"""Translatable labels of staff titles (the enum itself is pure: ``thads.domain.roles``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from thads.domain.roles import Title

TITLE_CHOICES = [
    (Title.HEAD.value, _("Head of agency")),
    (Title.DEPUTY.value, _("Deputy head")),
    (Title.OFFICER.value, _("Enforcement officer")),
    (Title.VERIFIER.value, _("Verifier")),
    (Title.CLERK.value, _("Enforcement clerk")),
    (Title.ACCOUNTANT.value, _("Accountant")),
    (Title.RECEPTION.value, _("Citizen reception officer")),
    (Title.STATISTICIAN.value, _("Statistician")),
    (Title.ADMIN.value, _("Administrator")),
    (Title.INSPECTOR.value, _("Inspector")),
]
_LABELS = dict(TITLE_CHOICES)


def title_label(value: str) -> str:
    return str(_LABELS.get(value, value))
