"""Citizen reception, letters, and the matters they carry (complaints, denunciations, recommendations, reports, the
procuracy's protests): issue 16, THADS.md §6.

Writers are the ``do_*`` actions of :mod:`thads.complaints.actions` only. ``MatterEvent`` rows are append-only: a
matter's history (received, accepted, forwarded, extended, resolved, escalated, …), the input of the complaints
report and of the deadlines (``deadlines.sources``). ``Matter`` keeps a cache of its state written by the same
action. Personal data: the people received, the signatories of a letter and above all **a denunciator's identity**
(``Matter.identity``, Luật Tố cáo 2018 Art. 47: kept confidential) are shown only to those who need them, and every
view is audited (``org.audit.audit_read``).

The vocabulary is pure data in :mod:`thads.domain.petitions`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thads.cases.models import Case
from thads.domain.petitions import (
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
from thads.org.models import Unit

USER = settings.AUTH_USER_MODEL


def _choices(enum) -> list[tuple[str, str]]:
    return [(m.value, m.value) for m in enum]


class ReceptionDay(models.Model):
    """A day on the reception schedule (lịch tiếp công dân; Luật Tiếp công dân Art. 18: the head's own days)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    on = models.DateField(_("date"))
    receiver = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("received by"))
    head_day = models.BooleanField(_("the head's reception day"), default=False)
    place = models.CharField(_("place"), max_length=255, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("reception day")
        verbose_name_plural = _("reception schedule")
        ordering = ["on", "id"]
        indexes = [models.Index(fields=["unit", "on"], name="complaints_rday_unit_on")]

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y}"


class Reception(models.Model):
    """One reception of citizens (lượt tiếp công dân): who came, about what, who received them, the outcome."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    on = models.DateField(_("date"))
    receiver = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("received by"))
    head_day = models.BooleanField(_("on the head's reception day"), default=False)
    schedule = models.ForeignKey(ReceptionDay, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # [{"name", "id_number", "address", "representative": bool}]: personal data
    persons = models.JSONField(_("persons received"), default=list, blank=True)
    group_size = models.PositiveIntegerField(_("people in the group"), default=1)
    content = models.TextField(_("content"))
    cases = models.ManyToManyField(Case, blank=True, related_name="+", verbose_name=_("cases concerned"))
    outcome = models.CharField(_("outcome"), max_length=16, choices=_choices(ReceptionOutcome))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("reception")
        verbose_name_plural = _("reception register")
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["unit", "on"], name="complaints_recep_unit_on")]

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y}"


class Letter(models.Model):
    """A letter (đơn) received by hand, post, hotline, portal or forwarded by another body; it carries one or more
    matters (a mixed letter is split)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField(_("received on"))
    channel = models.CharField(_("channel"), max_length=16, choices=_choices(Channel))
    forwarded_by = models.CharField(_("forwarded by"), max_length=255, blank=True)
    reception = models.ForeignKey(Reception, null=True, blank=True, on_delete=models.PROTECT, related_name="letters")
    # [{"name", "id_number", "address"}]: personal data; empty for an anonymous letter
    signatories = models.JSONField(_("signatories"), default=list, blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    content = models.TextField(_("content"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["unit", "received_on"], name="complaints_letter_unit_on")]

    def __str__(self) -> str:
        return f"{self.received_on:%d/%m/%Y}"


class Matter(models.Model):
    """One matter (vụ việc): a complaint, denunciation, recommendation, report or a procuracy's protest /
    recommendation / request, with its classification and the cache of its state.

    ``level`` 2 is a second-level complaint, ``parent`` the first-level matter whose resolution it contests.
    ``identity`` holds a denunciator's identity (name, ID number, address, contact): only the resolver and those
    with the personal-data right who need it see it, every view audited."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")  # the unit that holds it now
    letter = models.ForeignKey(Letter, null=True, blank=True, on_delete=models.PROTECT, related_name="matters")
    kind = models.CharField(_("kind"), max_length=16, choices=_choices(MatterKind))
    procuracy_act = models.CharField(_("procuracy's act"), max_length=16, choices=_choices(ProcuracyAct), blank=True)
    number = models.CharField(_("number"), max_length=64, blank=True)  # the letter's or the protest's number
    received_on = models.DateField(_("received on"))
    summary = models.TextField(_("summary"))
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    complained_act = models.CharField(_("act complained about"), max_length=16, choices=_choices(ComplainedAct),
                                      blank=True)
    act_known_on = models.DateField(_("decision received or act known on"), null=True, blank=True)
    respondent = models.CharField(_("complained about / denounced"), max_length=16, choices=_choices(Respondent),
                                  blank=True)
    respondent_name = models.CharField(_("name of the person concerned"), max_length=255, blank=True)
    level = models.PositiveSmallIntegerField(_("level"), default=1)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="escalations")
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="duplicates")
    signatories = models.PositiveIntegerField(_("signatories"), default=1)
    admissible = models.BooleanField(_("admissible"), null=True, blank=True)
    within_competence = models.BooleanField(_("within competence"), null=True, blank=True)
    resolver_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    resolver = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    identity = models.JSONField(_("denunciator's identity"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=_choices(MatterStatus),
                              default=MatterStatus.RECEIVED)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    extended = models.BooleanField(_("extended"), default=False)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=_choices(Outcome), blank=True)
    decision_no = models.CharField(_("decision number"), max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("matter")
        verbose_name_plural = _("matters")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["unit", "received_on"], name="complaints_matter_unit_on"),
                   models.Index(fields=["unit", "status"], name="complaints_matter_status"),
                   models.Index(fields=["case"], name="complaints_matter_case")]

    def __str__(self) -> str:
        return f"{self.kind} {self.number}".strip()


class MatterEvent(models.Model):
    """One act on a matter (append-only)."""

    matter = models.ForeignKey(Matter, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    kind = models.CharField(_("event"), max_length=16, choices=_choices(MatterEventKind))
    on = models.DateField(_("legal date"))
    entered_at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", db_index=False)
    decision_no = models.CharField(_("decision number"), max_length=64, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("matter event")
        verbose_name_plural = _("matter history")
        ordering = ["matter", "seq"]
        constraints = [models.UniqueConstraint(fields=["matter", "seq"], name="complaints_matter_event_seq_unique")]
        indexes = [models.Index(fields=["unit", "on"], name="complaints_mevent_unit_on")]

    def __str__(self) -> str:
        return f"{self.matter_id}#{self.seq} {self.kind}"
