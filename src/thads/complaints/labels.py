"""The words the complaints pages show for the vocabulary of :mod:`thads.domain.petitions` (English msgids,
translated by the Vietnamese catalogue; the kinds of matter are the statute's words, ``MATTER_LABELS_VI``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thads.domain.petitions import (
    MATTER_LABELS_VI,
    Channel,
    ComplainedAct,
    MatterEventKind,
    MatterKind,
    MatterStatus,
    Outcome,
    ProcuracyAct,
    ReceptionOutcome,
    Respondent,
)

#: What a register page shows in place of what the user may not see (ID numbers, addresses).
HIDDEN = "•••"
#: What every list, register, XLSX and PDF shows in place of a denunciator's identity (Luật Tố cáo 2018 Art. 47).
CONFIDENTIAL = _("Kept confidential")

CHANNEL = {
    Channel.IN_PERSON: _("in person, at the reception"),
    Channel.POST: _("by post or the letter box"),
    Channel.HOTLINE: _("hotline"),
    Channel.PORTAL: _("public services portal"),
    Channel.FORWARDED: _("forwarded by another body"),
}

MATTER_KIND = {
    MatterKind.COMPLAINT: _("complaint"),
    MatterKind.DENUNCIATION: _("denunciation"),
    MatterKind.RECOMMENDATION: _("recommendation"),
    MatterKind.REPORT: _("report"),
    MatterKind.PROCURACY: _("procuracy's protest, recommendation or request"),
}

PROCURACY_ACT = {
    ProcuracyAct.PROTEST: pgettext_lazy("procuracy", "protest"),
    ProcuracyAct.RECOMMENDATION: pgettext_lazy("procuracy", "recommendation"),
    ProcuracyAct.REQUEST: pgettext_lazy("procuracy", "request"),
}

COMPLAINED_ACT = {
    ComplainedAct.BEFORE_MEASURES: _("a decision or act before any measure (Art. 140.2.a)"),
    ComplainedAct.ACCOUNT_FREEZE: _("the account freeze (Art. 140.2.b)"),
    ComplainedAct.OTHER_SECURITY: _("another security measure (Art. 140.2.b)"),
    ComplainedAct.COERCIVE: _("a coercive measure (Art. 140.2.c)"),
    ComplainedAct.AFTER_COERCION: _("a decision or act after the coercion (Art. 140.2.d)"),
}

RESPONDENT = {
    Respondent.OFFICER: _("the enforcement officer"),
    Respondent.STAFF: _("another civil servant"),
    Respondent.HEAD: _("the head of the agency"),
}

STATUS = {
    MatterStatus.RECEIVED: pgettext_lazy("matter status", "received"),
    MatterStatus.ACCEPTED: pgettext_lazy("matter status", "accepted"),
    MatterStatus.NOT_ACCEPTED: pgettext_lazy("matter status", "not accepted"),
    MatterStatus.FORWARDED: pgettext_lazy("matter status", "forwarded"),
    MatterStatus.ARCHIVED: pgettext_lazy("matter status", "archived"),
    MatterStatus.WITHDRAWN: pgettext_lazy("matter status", "withdrawn"),
    MatterStatus.RESOLVED: pgettext_lazy("matter status", "resolved"),
}

OUTCOME = {
    Outcome.RIGHT: pgettext_lazy("complaint outcome", "right"),
    Outcome.WRONG: pgettext_lazy("complaint outcome", "wrong"),
    Outcome.PARTLY_RIGHT: pgettext_lazy("complaint outcome", "partly right"),
}

EVENT = {
    MatterEventKind.RECEIVED: pgettext_lazy("matter act", "received"),
    MatterEventKind.ACCEPTED: pgettext_lazy("matter act", "accepted"),
    MatterEventKind.NOT_ACCEPTED: pgettext_lazy("matter act", "not accepted"),
    MatterEventKind.FORWARDED: pgettext_lazy("matter act", "forwarded"),
    MatterEventKind.ARCHIVED: pgettext_lazy("matter act", "archived"),
    MatterEventKind.EXTENDED: pgettext_lazy("matter act", "time extended"),
    MatterEventKind.RESOLVED: pgettext_lazy("matter act", "resolved"),
    MatterEventKind.WITHDRAWN: pgettext_lazy("matter act", "withdrawn"),
    MatterEventKind.ESCALATED: pgettext_lazy("matter act", "second-level complaint lodged"),
    MatterEventKind.LINKED: pgettext_lazy("matter act", "follow-up act on the case"),
}

RECEPTION_OUTCOME = {
    ReceptionOutcome.GUIDED: _("guided and explained"),
    ReceptionOutcome.ANSWERED: _("answered on the spot"),
    ReceptionOutcome.RECORDED: _("letter received, matters recorded"),
}

#: The registers (TT 13/2021/TT-BTP Arts. 29–30): URL slug → the kinds of matter it lists, its title.
REGISTERS = {
    "complaint": ((MatterKind.COMPLAINT,), _("Register of complaints")),
    "denunciation": ((MatterKind.DENUNCIATION,), _("Register of denunciations")),
    "recommendation": ((MatterKind.RECOMMENDATION, MatterKind.REPORT), _("Register of recommendations and reports")),
    "procuracy": ((MatterKind.PROCURACY,), _("Register of the procuracy's protests, recommendations and requests")),
}


def kind_label(kind: str) -> str:
    """The statute's word for a kind of matter (Vietnamese), e.g. "Khiếu nại"."""
    try:
        return MATTER_LABELS_VI[kind]
    except KeyError:
        return kind or ""


def label(table: dict, value: str) -> str:
    """The label of ``value`` in ``table`` (the value itself when unknown: an imported or future value)."""
    for key, text in table.items():
        if key == value:
            return str(text)
    return value or ""


def choices(table: dict) -> list[tuple[str, object]]:
    return [(key.value, text) for key, text in table.items()]
