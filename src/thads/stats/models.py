"""Statistics storage: the fast-path cells and the closed periods (khóa sổ).

``StatCell`` holds, per (statistical year, month, unit, initiation, judgment kind), the month-to-month deltas of
the raw report counters (``thads.domain.contrib``); the k-month report of a unit is the sum over its subtree of
months 1…k. ``StatOfficerCell`` is the same per officer. Both are kept up to date in the transaction of every act
and import, and can be rebuilt from the history (``thads stats-rebuild``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thads.domain.contrib import RAW
from thads.org.models import Officer, Unit

COUNTER_FIELDS = [f"c_{k.lower()}" for k in RAW] + [f"m_{k.lower()}" for k in RAW]


class _Counters(models.Model):
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", db_index=False)

    class Meta:
        abstract = True


for _name in COUNTER_FIELDS:
    _Counters.add_to_class(_name, models.BigIntegerField(default=0))


class StatCell(_Counters):
    initiation = models.CharField(max_length=16)
    judgment_kind = models.CharField(max_length=32)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "unit", "month", "initiation", "judgment_kind"],
                                               name="stat_cell_key")]

    def __str__(self) -> str:
        return f"{self.year}/{self.month} {self.unit_id} {self.initiation} {self.judgment_kind}"


class StatOfficerCell(_Counters):
    officer = models.ForeignKey(Officer, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                db_index=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "unit", "month", "officer"],
                                               name="stat_officer_cell_key")]

    def __str__(self) -> str:
        return f"{self.year}/{self.month} {self.unit_id} {self.officer_id}"


class StatCaseSpan(models.Model):
    """One case's part in the official k-month reports of a statistical year, for months ``k_first…k_last``
    (``thads.domain.drilldown.spans``): the per-case detail behind the cells, read by the drill-down lists.

    Written beside the cells (``thads.stats.cells.CellBuffer``) in the same transaction. ``place``/``bucket`` index
    ``thads.domain.contrib.RAW``. The foreign keys carry no database constraint (``db_constraint=False``): the rows
    are a derived index that ``thads stats-rebuild`` recomputes, and must never block deleting or reloading cases.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+",
                             db_index=False)
    year = models.PositiveSmallIntegerField()
    k_first = models.PositiveSmallIntegerField()
    k_last = models.PositiveSmallIntegerField()
    unit = models.ForeignKey(Unit, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+",
                             db_index=False)
    officer = models.ForeignKey(Officer, null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False,
                                related_name="+", db_index=False)
    initiation = models.CharField(max_length=16)
    judgment_kind = models.CharField(max_length=32)
    place = models.PositiveSmallIntegerField()
    base = models.BigIntegerField()
    bucket = models.PositiveSmallIntegerField()
    bucket_money = models.BigIntegerField()
    paid = models.BigIntegerField()
    reduced = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["year", "unit", "k_first"], name="stat_span_period"),
                   models.Index(fields=["case", "year"], name="stat_span_case")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.year}/{self.k_first}-{self.k_last}"


class StatCoverage(models.Model):
    """Every case's contributions are stored for the statistical years up to ``through_year`` (a case with no act
    in a new year still belongs in its carried-over pool: ``thads stats-refresh`` extends the coverage)."""

    through_year = models.PositiveSmallIntegerField()

    def __str__(self) -> str:
        return str(self.through_year)


class PeriodClosing(models.Model):
    """A closed period (khóa sổ) of a unit: the report frozen as it was, and who closed or reopened it."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="closings", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("statistical year"))
    months = models.PositiveSmallIntegerField(_("months"))
    date_from = models.DateField()
    date_to = models.DateField()
    # Text, not JSONField: PostgreSQL's jsonb reorders keys, and a frozen report must print byte for byte as it was.
    report_json = models.TextField()
    closed_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    reopen_reason = models.TextField(blank=True)

    class Meta:
        verbose_name = _("closed period")
        verbose_name_plural = _("closed periods")
        ordering = ["-date_to"]
        indexes = [models.Index(fields=["unit", "year", "months"])]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year}/{self.months}"

    @property
    def report(self) -> dict:
        import json

        return json.loads(self.report_json)

    @property
    def is_open(self) -> bool:
        return self.reopened_at is not None
