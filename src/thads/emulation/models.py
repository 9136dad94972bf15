"""Targets, emulation campaigns, nominations, commendations and the good-practice library (issue 17; THADS.md §5,
§7).

Writers are the ``do_*`` actions of :mod:`thads.emulation.actions` only; every write has its audit row, and a
nomination's steps are its own append-only history (``NominationEvent``: who, when, from which state to which).
Progress and rankings are not stored: they are computed from the statistics cells (``thads.stats``), the stored
deadlines and the complaints, so a closed period gives the same figures tomorrow. The vocabulary is pure data in
:mod:`thads.domain.emulation`; the calculators are :mod:`thads.domain.targets` and :mod:`thads.domain.ranking`.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thads.cases.models import Case
from thads.domain.emulation import AwardTitle, Issuer, NominationState, NominationStep, PracticeKind, RecipientKind
from thads.org.models import Officer, Unit

USER = settings.AUTH_USER_MODEL
RATE = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


def _choices(enum) -> list[tuple[str, str]]:
    return [(m.value, m.value) for m in enum]


class Target(models.Model):
    """One assigned target (chỉ tiêu) for statistical ``year`` (01/10/Y−1 → 30/9/Y): of a unit (``unit``), of an
    officer (``officer``; ``unit`` is then the officer's unit), or — neither — the national line. Rates are
    percentages on the "có điều kiện" base (THADS.md §4.3 RATE), two decimals; the absolute counts are optional.
    One row per (year, issuer, unit, officer)."""

    year = models.PositiveSmallIntegerField(_("statistical year"))
    issuer = models.CharField(_("issued by"), max_length=24, choices=_choices(Issuer))
    issuing_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("issuing unit"))
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("unit"))
    officer = models.ForeignKey(Officer, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("officer"))
    cases_rate = models.DecimalField(_("completion rate in cases (%)"), max_digits=5, decimal_places=2, null=True,
                                     blank=True, validators=RATE)
    money_rate = models.DecimalField(_("completion rate in money (%)"), max_digits=5, decimal_places=2, null=True,
                                     blank=True, validators=RATE)
    cases_completed = models.PositiveIntegerField(_("cases completed"), null=True, blank=True)
    money_recovered = models.BigIntegerField(_("money recovered (VND)"), null=True, blank=True,
                                             validators=[MinValueValidator(0)])
    backlog_reduction = models.PositiveIntegerField(_("backlog reduced by (cases)"), null=True, blank=True)
    decision_no = models.CharField(_("decision / document number"), max_length=64, blank=True)
    decided_on = models.DateField(_("dated"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["-year", "unit_id", "officer_id", "issuer"]
        constraints = [
            models.UniqueConstraint(fields=["year", "issuer", "unit", "officer"], name="emulation_target_key"),
            models.UniqueConstraint(fields=["year", "issuer", "unit"], condition=Q(officer__isnull=True),
                                    name="emulation_target_unit_key"),
            models.UniqueConstraint(fields=["year", "issuer"], condition=Q(unit__isnull=True, officer__isnull=True),
                                    name="emulation_target_national_key"),
            models.CheckConstraint(condition=Q(officer__isnull=True) | Q(unit__isnull=False),
                                   name="emulation_target_officer_has_unit"),
        ]
        indexes = [models.Index(fields=["unit", "year"], name="emulation_target_unit_year"),
                   models.Index(fields=["officer", "year"], name="emulation_target_officer_year")]

    def __str__(self) -> str:
        return f"{self.year} {self.issuer} {self.unit_id or '-'} {self.officer_id or ''}".strip()

    @property
    def cases_rate_text(self) -> str | None:
        return None if self.cases_rate is None else f"{self.cases_rate:.2f}"

    @property
    def money_rate_text(self) -> str | None:
        return None if self.money_rate is None else f"{self.money_rate:.2f}"


class Campaign(models.Model):
    """An emulation movement (phong trào thi đua): name, period, criteria, the organising and participating units."""

    name = models.CharField(_("name"), max_length=255)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("organised by"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    criteria = models.TextField(_("criteria"), blank=True)
    units = models.ManyToManyField(Unit, related_name="+", verbose_name=_("participating units"), blank=True)
    closed = models.BooleanField(_("closed"), default=False)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("emulation campaign")
        verbose_name_plural = _("emulation campaigns")
        ordering = ["-starts_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                              name="emulation_campaign_period")]

    def __str__(self) -> str:
        return self.name


class CouncilMember(models.Model):
    """A member of a unit's emulation council (Hội đồng Thi đua – Khen thưởng; Luật TĐKT 2022): only members
    review nominations the unit decides."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=16, default="member")  # chair / vice_chair / member / secretary
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("emulation council")
        constraints = [models.UniqueConstraint(fields=["unit", "user"], name="emulation_council_member")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.user_id} {self.role}"


class Nomination(models.Model):
    """A proposal to award ``title`` to an individual (an officer or another staff member) or a collective (a
    unit), for statistical ``year`` or a campaign; decided by ``unit`` (the unit whose council reviews it and whose
    head decides, or who forwards it upward). ``evidence`` freezes the evidence sheet's figures when proposed."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("deciding unit"))
    campaign = models.ForeignKey(Campaign, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="nominations", verbose_name=_("campaign"))
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("individual or collective"), max_length=16, choices=_choices(RecipientKind))
    nominee_officer = models.ForeignKey(Officer, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    nominee_user = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    nominee_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title or award"), max_length=32, choices=_choices(AwardTitle))
    reason = models.TextField(_("achievements"), blank=True)
    state = models.CharField(_("state"), max_length=16, choices=_choices(NominationState),
                             default=NominationState.PROPOSED)
    evidence = models.JSONField(default=dict, blank=True)
    proposed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    proposed_on = models.DateField(_("proposed on"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-proposed_on", "-id"]
        constraints = [models.CheckConstraint(
            condition=(Q(nominee_officer__isnull=False, nominee_user__isnull=True, nominee_unit__isnull=True)
                       | Q(nominee_officer__isnull=True, nominee_user__isnull=False, nominee_unit__isnull=True)
                       | Q(nominee_officer__isnull=True, nominee_user__isnull=True, nominee_unit__isnull=False)),
            name="emulation_nomination_one_nominee")]
        indexes = [models.Index(fields=["unit", "state"], name="emulation_nom_unit_state")]

    def __str__(self) -> str:
        return f"{self.title} {self.year} #{self.pk}"


class NominationEvent(models.Model):
    """One step of a nomination (append-only): propose, review, decide, decline, withdraw."""

    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    step = models.CharField(_("step"), max_length=16, choices=_choices(NominationStep))
    from_state = models.CharField(max_length=16, blank=True)
    to_state = models.CharField(max_length=16)
    on = models.DateField(_("date"))
    entered_at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", db_index=False)
    note = models.TextField(_("note"), blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("nomination step")
        verbose_name_plural = _("nomination history")
        ordering = ["nomination", "seq"]
        constraints = [models.UniqueConstraint(fields=["nomination", "seq"], name="emulation_nom_event_seq")]

    def __str__(self) -> str:
        return f"{self.nomination_id}#{self.seq} {self.step}"


class Commendation(models.Model):
    """A title or award given (danh hiệu thi đua, hình thức khen thưởng): decision number, date, issuer. Written by
    the decide step of a nomination, or recorded directly (an award decided elsewhere, earlier years)."""

    kind = models.CharField(_("individual or collective"), max_length=16, choices=_choices(RecipientKind))
    recipient_officer = models.ForeignKey(Officer, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recipient_user = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recipient_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("unit of the recipient"))
    title = models.CharField(_("title or award"), max_length=32, choices=_choices(AwardTitle))
    year = models.PositiveSmallIntegerField(_("year"))
    decision_no = models.CharField(_("decision number"), max_length=64)
    decided_on = models.DateField(_("decision date"))
    issuer = models.CharField(_("issued by"), max_length=255)
    campaign = models.ForeignKey(Campaign, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    nomination = models.OneToOneField(Nomination, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="commendation")
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        ordering = ["-decided_on", "-id"]
        constraints = [models.CheckConstraint(
            condition=(Q(recipient_officer__isnull=False, recipient_user__isnull=True, recipient_unit__isnull=True)
                       | Q(recipient_officer__isnull=True, recipient_user__isnull=False, recipient_unit__isnull=True)
                       | Q(recipient_officer__isnull=True, recipient_user__isnull=True,
                           recipient_unit__isnull=False)),
            name="emulation_commendation_one_recipient")]
        indexes = [models.Index(fields=["unit", "year"], name="emulation_comm_unit_year")]

    def __str__(self) -> str:
        return f"{self.title} {self.decision_no}"


class GoodPractice(models.Model):
    """A write-up of how a difficult or sensitive case was resolved (điển hình tiên tiến, giải pháp hay), linked to
    cases and officers; ``folded`` holds title, summary and body without diacritics (``thads.lib.text.fold``) for
    the search. ``affects_order``: the case affected security and public order (ảnh hưởng an ninh, trật tự)."""

    kind = models.CharField(_("kind"), max_length=16, choices=_choices(PracticeKind),
                            default=PracticeKind.DIFFICULT_CASE)
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"))
    body = models.TextField(_("how it was resolved"), blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    author = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    officers = models.ManyToManyField(Officer, related_name="+", blank=True, verbose_name=_("officers"))
    cases = models.ManyToManyField(Case, related_name="+", blank=True, verbose_name=_("cases"))
    affects_order = models.BooleanField(_("affects security and public order"), default=False)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    folded = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title
