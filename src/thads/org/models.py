"""Organisation: the unit tree with validity dates, staff (users) with titles, enforcement officers.

The tree is a materialised path (``/1/4/``) so that "this unit and everything below it" is one indexed
``path LIKE '/1/%'`` query at any depth; a reorganisation adds units with ``valid_from`` and closes old ones with
``valid_to`` instead of rewriting history (THADS.md §1.1).
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from thads.org.titles import TITLE_CHOICES


class UnitLevel(models.TextChoices):
    NATIONAL = "national", _("National department")
    PROVINCE = "province", _("Provincial department")
    DISTRICT = "district", _("District branch")
    REGIONAL = "regional", _("Regional office")


#: A unit code typed in a form or the admin: letters, digits, ``-``, ``_`` and ``.``, starting with a letter or a
#: digit (e.g. ``HUE-KV1``). Codes end up in file names (the export job's ``<code>-<date>.jsonl``); ``/`` or ``..``
#: in a code would let whoever names a unit write outside MEDIA_ROOT (issue 12). The interchange contract only
#: says codes are non-empty strings, so the importer is not bound by this; file names are sanitised where they
#: are built (``cases.tasks``, ``jobs.actions.result_path``) whatever the code.
unit_code_chars = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*\Z",
    "Mã đơn vị chỉ gồm chữ cái không dấu, chữ số và các dấu «-», «_», «.», bắt đầu bằng chữ cái hoặc chữ số "
    "(ví dụ HUE-KV1).",
    code="unit_code",
)


def unit_code_no_dots(value: str) -> None:
    if ".." in value:
        raise ValidationError("Mã đơn vị không được chứa hai dấu chấm liền nhau «..».", code="unit_code")


class Unit(models.Model):
    code = models.CharField(_("code"), max_length=64, unique=True, validators=[unit_code_chars, unit_code_no_dots])
    name = models.CharField(_("name"), max_length=255)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    level = models.CharField(_("level"), max_length=16, choices=UnitLevel.choices, default=UnitLevel.DISTRICT)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    # Deadlines that depend on acts an imported history cannot carry (notices, payouts, procuracy sendings) are
    # opened only for acts from this date on (set when the unit's history is first imported; editable).
    go_live = models.DateField(_("go-live date"), null=True, blank=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def save(self, *args, **kwargs) -> None:
        """Keep the materialised path (and those of descendants) in step with ``parent``."""
        super().save(*args, **kwargs)
        new_path = (self.parent.path if self.parent_id else "/") + f"{self.pk}/"
        if new_path != self.path:
            old_path = self.path
            Unit.objects.filter(pk=self.pk).update(path=new_path)
            self.path = new_path
            if old_path:
                for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                    Unit.objects.filter(pk=child.pk).update(path=new_path + child.path[len(old_path):])

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.pk and self.parent_id:
            node = self.parent
            while node is not None:
                if node.pk == self.pk:
                    raise ValidationError({"parent": _("A unit cannot be placed below itself.")})
                node = node.parent

    def is_active_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    def subtree(self) -> models.QuerySet[Unit]:
        return Unit.objects.filter(path__startswith=self.path)


class User(AbstractUser):
    """A member of staff: one unit, one title. Superusers see everything; everyone else sees their unit's subtree."""

    full_name = models.CharField(_("full name"), max_length=255, blank=True)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="staff")
    title = models.CharField(_("title"), max_length=16, choices=TITLE_CHOICES, blank=True)

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")

    def __str__(self) -> str:
        return self.full_name or self.username


class Officer(models.Model):
    """An enforcement officer (Chấp hành viên) as cases name them; imported officers may have no login."""

    code = models.CharField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="officers")
    user = models.OneToOneField(User, verbose_name=_("login"), null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="officer")

    class Meta:
        verbose_name = _("enforcement officer")
        verbose_name_plural = _("enforcement officers")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class LoginFailure(models.Model):
    """One failed login; N of them within the window lock the username (see ``thads.org.auth``)."""

    username = models.CharField(max_length=150, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.username} {self.at:%Y-%m-%d %H:%M}"


class AuditKind(models.TextChoices):
    WRITE = "write", _("write")
    READ = "read", _("read of personal data")
    AUTH = "auth", _("login / logout")


class AuditEvent(models.Model):
    """One row of the audit log: who did or saw what, when, from where (``thads.org.audit`` is the only writer).

    Append-only in the application: ``save`` of an existing row and ``delete`` raise. The user and unit are kept as
    text beside the keys so that the row still reads the same after a user or unit is renamed or deactivated.
    """

    at = models.DateTimeField(_("time"), db_index=True)
    kind = models.CharField(_("kind"), max_length=8, choices=AuditKind.choices)
    action = models.CharField(_("action"), max_length=64)
    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    username = models.CharField(_("username"), max_length=150, blank=True, db_index=True)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    case_ext_id = models.CharField(_("case"), max_length=64, blank=True, db_index=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    ip = models.GenericIPAddressField(_("address"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    source = models.CharField(_("source"), max_length=32, blank=True)  # web, cli:<command>, job:<name>, api

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["kind", "at"], name="audit_kind_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.kind} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise RuntimeError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("The audit log is append-only.")
