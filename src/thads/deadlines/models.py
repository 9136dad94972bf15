"""Deadlines: the administrator's calendar rows and the open statutory deadlines of each case.

``Deadline`` rows are derived data (recomputed from the case history by ``thads.deadlines.service``): each carries
the rule and rule-set version that produced it and the fingerprint of the calendar used, so a calendar change can
find and recompute the deadlines it affects (``thads recompute-deadlines``). A deadline belongs to a case
(``case``) or to a record of a context above that has no case of its own (``subject``, e.g. ``"matter:12"``: a
complaint or a denunciation, issue 16; registered in ``deadlines.sources.register_subjects``); exactly one of the
two is set.
"""

from __future__ import annotations

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from thads.cases.models import Case
from thads.org.models import Officer, Unit


class CalendarDay(models.Model):
    """A day that differs from the library calendar: a swapped day off or working day, an extra holiday, or the
    closure of one unit, with its legal source (THADS.md §9: the calendar is data, loaded yearly)."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("public holiday")
        DAY_OFF = "day_off", _("swapped day off")
        WORKING_DAY = "working_day", _("make-up working day")
        UNIT_CLOSURE = "unit_closure", _("unit closure")

    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    source = models.CharField(_("legal source"), max_length=255)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar")
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["day", "kind", "unit"], name="calendar_day_unique")]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.get_kind_display()}"


#: Subject prefix → (URL name of its page, the label's prefix): how a subject deadline links to its record (the page
#: is a higher context's: until it exists the deadline shows without a link).
SUBJECT_PAGES: dict[str, tuple[str, str]] = {"matter": ("complaints-matter-detail", "Đơn/vụ việc")}


class Deadline(models.Model):
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.CASCADE, related_name="deadlines")
    subject = models.CharField(_("subject"), max_length=32, blank=True, default="", db_index=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", db_index=False)
    officer = models.ForeignKey(Officer, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                db_index=False)
    code = models.CharField(_("rule"), max_length=48)
    ruleset = models.CharField(_("rule set"), max_length=16)
    due = models.DateField(_("due"))
    starts_on = models.DateField(_("starts on"))
    trigger = models.CharField(_("trigger"), max_length=48)
    trigger_on = models.DateField(_("trigger date"))
    who = models.CharField(_("who acts"), max_length=16)
    article = models.CharField(_("legal basis"), max_length=255)
    text = models.CharField(_("what must be done"), max_length=255)
    paused = models.BooleanField(_("clock stopped"), default=False)
    calendar = models.CharField(max_length=16)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due", "code"]
        indexes = [models.Index(fields=["officer", "due"]), models.Index(fields=["unit", "due"])]

    def __str__(self) -> str:
        return f"{self.case_id or self.subject} {self.code} {self.due:%d/%m/%Y}"

    @property
    def label(self) -> str:
        """What the deadline is about, for a list: the case's id, or the subject's (``"Đơn/vụ việc 12"``)."""
        if self.case_id:
            return self.case.ext_id
        prefix, _sep, pk = self.subject.partition(":")
        return f"{SUBJECT_PAGES.get(prefix, ('', prefix))[1]} {pk}".strip()

    @property
    def link(self) -> str:
        """The page of the case or of the subject ("" while the subject's page does not exist)."""
        if self.case_id:
            return reverse("case-detail", args=[self.case_id])
        prefix, _sep, pk = self.subject.partition(":")
        page = SUBJECT_PAGES.get(prefix)
        if page is None or not pk.isdigit():
            return ""
        try:
            return reverse(page[0], args=[int(pk)])
        except NoReverseMatch:
            return ""
