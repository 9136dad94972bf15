"""Submissions upward (issue 18, THADS.md §4.2): the unit's signing keys, the keys of lower units this installation
trusts, and the packages sent and received.

A private key is never stored here (``thads.submissions.crypto``: a 0600 file under THADS_VAR_DIR): a row holds the
public key and its fingerprint only, so neither a backup nor the admin nor an export can carry it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thads.org.models import Unit


class SigningKey(models.Model):
    """A key this installation signs a unit's packages with (the private half is a file, see module doc)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    fingerprint = models.CharField(_("fingerprint"), max_length=64, unique=True)
    public_key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("signing key")
        ordering = ["unit_id", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.fingerprint[:16]}"


class TrustedKey(models.Model):
    """The public key of a lower unit whose signed packages this installation accepts."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    public_key = models.CharField(max_length=64)
    trusted_at = models.DateTimeField(auto_now_add=True)
    trusted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("trusted key")
        ordering = ["unit_id", "-trusted_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["unit", "fingerprint"], name="submissions_trusted_once")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.fingerprint[:16]}"


class Direction(models.TextChoices):
    SENT = "sent", _("sent")
    RECEIVED = "received", _("received")


class Kind(models.TextChoices):
    PERIOD = "period", _("periodic report")
    YEAR_END = "year_end", _("year-end report")


class Status(models.TextChoices):
    BUILT = "built", _("built")
    RECEIVED = "received", _("received")
    ACCEPTED = "accepted", _("accepted")
    RETURNED = "returned", _("returned for correction")


class Submission(models.Model):
    """One package, as sent (built and signed here) or as received (verified and imported here). A later package
    of the same unit and period ``supersedes`` the earlier one (a correction); both stay."""

    direction = models.CharField(max_length=8, choices=Direction.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    to_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("to unit"))
    kind = models.CharField(max_length=8, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("statistical year"))
    months = models.PositiveSmallIntegerField(_("months"))
    date_from = models.DateField()
    date_to = models.DateField()
    due_on = models.DateField(_("due"), null=True, blank=True)
    on = models.DateField(_("date"))  # signed (sent) or received
    late = models.BooleanField(_("late"), default=False)
    sha256 = models.CharField(max_length=64)
    signer = models.CharField(_("signing key"), max_length=64)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices)
    supersedes = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="superseded_by")
    check_json = models.TextField(blank=True)  # the receiver's check: differences from its own view, or ""
    report_json = models.TextField()
    package = models.TextField()  # the file, as signed
    note = models.TextField(blank=True)  # the reason it was returned
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        verbose_name = _("submission")
        ordering = ["-year", "-months", "unit_id", "-id"]
        constraints = [models.UniqueConstraint(fields=["direction", "sha256"], name="submissions_package_once")]
        indexes = [models.Index(fields=["direction", "unit", "year", "months"])]

    def __str__(self) -> str:
        return f"{self.direction} {self.unit_id} {self.year}/{self.months}"

    @property
    def report(self) -> dict:
        import json

        return json.loads(self.report_json)

    @property
    def differences(self) -> list:
        import json

        return json.loads(self.check_json) if self.check_json else []
