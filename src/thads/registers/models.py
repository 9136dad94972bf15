"""The public list of debtors without conditions (Art. 44a.2; Decree 62/2015 Art. 11; Decree 152/2026 Art. 23).

``PublicListing``: one publication of a case's debtor, holding **the published row itself** (exactly the fields of
``domain.publication.PUBLIC_FIELDS``: name, address, obligation, the decision's number and date, the unit — never an
ID number, never a creditor), its dates (published, last updated, removed) and the folded words the public search
reads. ``PublicListingEvent``: its append-only history (publish, update, remove), each with the row as published
then. Written only by ``registers.actions_public`` (and the demo, in bulk, with the same rows).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thads.cases.models import Case
from thads.org.models import Unit

STEP_CHOICES = [("publish", _("published")), ("update", _("updated")), ("remove", _("removed"))]


class PublicListing(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+", verbose_name=_("case"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    name = models.CharField(_("name"), max_length=500)
    address = models.CharField(_("address"), max_length=1000, blank=True)
    obligation = models.CharField(_("obligation"), max_length=1000, blank=True)
    decision_no = models.CharField(_("decision number"), max_length=64, blank=True)
    decision_on = models.DateField(_("decision date"))
    unit_name = models.CharField(_("unit"), max_length=255)
    search_words = models.TextField(blank=True, default="")  # fold(name + address): the public search
    published_on = models.DateField(_("published on"))
    updated_on = models.DateField(_("updated on"), null=True, blank=True)
    removed_on = models.DateField(_("removed on"), null=True, blank=True)
    removal_reason = models.CharField(_("reason for removal"), max_length=16, blank=True)

    class Meta:
        verbose_name = _("public listing")
        verbose_name_plural = _("public list of debtors without conditions")
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["case"], condition=models.Q(removed_on__isnull=True),
                                               name="registers_one_listed_row_per_case")]
        indexes = [models.Index(fields=["unit", "removed_on"], name="registers_listing_unit")]

    def __str__(self) -> str:
        return self.name

    @property
    def listed(self) -> bool:
        return self.removed_on is None


class PublicListingEvent(models.Model):
    """Append-only: one step of a listing, with the published row after it (``row``; empty for a removal)."""

    listing = models.ForeignKey(PublicListing, on_delete=models.PROTECT, related_name="events")
    step = models.CharField(_("step"), max_length=8, choices=STEP_CHOICES)
    on = models.DateField(_("legal date"))
    row = models.JSONField(default=dict, blank=True)
    reason = models.CharField(_("reason"), max_length=16, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("public listing step")
        ordering = ["listing", "id"]

    def __str__(self) -> str:
        return f"{self.step} {self.on:%d/%m/%Y}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValueError("PublicListingEvent is append-only")
        super().save(*args, **kwargs)
