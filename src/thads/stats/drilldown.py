"""Drill-down: the cases behind one figure of the statistics report, with what each one counts.

A figure is (unit and its subtree, period, indicator, measure), optionally narrowed to one group of a breakdown
(``by`` = unit holding the case at ``to``, officer, initiation, judgment kind — the ``--by`` groups of the report).
Every case's contribution to the figure is the linear combination of its own raw counters that defines the figure
(``thads.domain.drilldown.coefficients``), so the amounts listed add up to the figure exactly.

* **Official periods** (the k-month periods of a statistical year) read the per-case spans stored beside the cells
  (``StatCaseSpan``, index ``(year, unit, k_first)``): the amounts are SQL expressions over the stored part, the
  list is sorted and paginated by the database. Time ∝ cases of the unit in that year, no history is replayed.
* **Any other date range** replays the histories of the cases that can be held by the unit at ``to`` (those held
  there now, and those moved after ``to``) with ``thads.domain.drilldown.case_part``: ``service.range_parts``,
  the same replay as the range report itself (``service.range_report``), cached per (unit, period, state of the
  data) so that paging does not replay again.

Scope: the subtree's units are ``thads.org.scope.subtree_ids(unit, user)``, so a list never holds a case held, at
the period's end, outside what the user may see.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import BigIntegerField, Case, Count, F, OuterRef, Subquery, Sum, Value, When
from django.db.models.expressions import ExpressionWrapper

from thads.cases.models import Case as CaseModel
from thads.cases.models import CaseEvent, Party
from thads.domain import drilldown as dd
from thads.domain.report import BY_KEYS, rate
from thads.domain.states import EventKind
from thads.org import scope
from thads.org.models import Officer, Unit
from thads.stats.models import StatCaseSpan
from thads.stats.service import official_period, range_parts

PAGE_SIZE = 50
SORTS = ("amount", "case")
_BIG = BigIntegerField()


@dataclass(frozen=True)
class Figure:
    """What was clicked: indicator (contract key) and measure (``cases``/``money``), maybe one group."""

    indicator: str
    measure: str
    by: str | None = None
    key: str | None = None

    def __post_init__(self) -> None:
        if self.measure not in dd.MEASURES:
            raise ValueError(f"unknown measure {self.measure!r}")
        if self.indicator not in dd.INDICATORS or not dd.has_figure(self.indicator, self.measure):
            raise ValueError(f"no figure {self.indicator}/{self.measure}")
        if self.by is not None and self.by not in BY_KEYS:
            raise ValueError(f"unknown breakdown {self.by!r}")
        if (self.by is None) != (self.key is None):
            raise ValueError("a group needs both 'by' and 'key'")


@dataclass
class Row:
    case_id: int
    unit_id: int | None
    officer_id: int | None
    place: int
    bucket: int
    base: int
    bucket_money: int
    paid: int
    reduced: int
    cases: int  # what the case counts in the figure's case figure (or the CDK base, for RATE)
    money: int  # what it counts in the money figure of the same indicator (or the CDK base)
    done_cases: int = 0  # RATE only: the completed part (numerator)
    done_money: int = 0
    case: Any = None  # filled for the rows of a page
    unit: Any = None
    officer: Any = None
    debtor: str = ""
    movements: list[tuple[date, int]] = field(default_factory=list)

    @property
    def place_key(self) -> str:
        return dd.RAW[self.place]

    @property
    def bucket_key(self) -> str:
        return dd.RAW[self.bucket]

    @property
    def amount(self) -> int:
        return self.money


@dataclass
class Totals:
    rows: int
    cases: int
    money: int
    done_cases: int = 0
    done_money: int = 0

    def rate(self, measure: str) -> str | None:
        return (rate(self.done_cases, self.cases) if measure == "cases"
                else rate(self.done_money, self.money))


@dataclass
class Page:
    rows: list[Row]
    number: int
    num_pages: int
    count: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def start_index(self) -> int:
        return (self.number - 1) * PAGE_SIZE


# ------------------------------------------------------------------------------------------------- SQL amounts


def _case_expr(coef: Sequence[int]):
    place = [When(place=j, then=Value(coef[j])) for j in dd.PLACES if coef[j]]
    bucket = [When(bucket=j, then=Value(coef[j])) for j in dd.BUCKETS if coef[j]]
    terms = []
    if place:
        terms.append(Case(*place, default=Value(0), output_field=_BIG))
    if bucket:
        terms.append(Case(*bucket, default=Value(0), output_field=_BIG))
    return _sum(terms)


def _money_expr(coef: Sequence[int]):
    terms = []
    place = [When(place=j, then=F("base") * Value(coef[j])) for j in dd.PLACES if coef[j]]
    bucket = [When(bucket=j, then=F("bucket_money") * Value(coef[j])) for j in dd.BUCKETS if coef[j]]
    if place:
        terms.append(Case(*place, default=Value(0), output_field=_BIG))
    if bucket:
        terms.append(Case(*bucket, default=Value(0), output_field=_BIG))
    if coef[dd.XONG]:
        terms.append(F("paid") * Value(coef[dd.XONG]))
    if coef[dd.GIAM]:
        terms.append(F("reduced") * Value(coef[dd.GIAM]))
    return _sum(terms)


def _sum(terms: list):
    if not terms:
        return Value(0, output_field=_BIG)
    expr = terms[0]
    for t in terms[1:]:
        expr = expr + t
    return ExpressionWrapper(expr, output_field=_BIG)


def _coefs(indicator: str) -> dict[str, tuple[int, ...]]:
    """Listing coefficients of both measures (a money-only indicator has no case part) and RATE numerators."""
    out = {}
    for measure in dd.MEASURES:
        if dd.has_figure(indicator, measure):
            out[measure] = dd.listing_coefficients(indicator, measure)
            if indicator == "RATE":
                out["done_" + measure] = dd.rate_coefficients(measure)[0]
        else:
            out[measure] = (0,) * len(dd.RAW)
    return out


# ------------------------------------------------------------------------------------------------- any period


# ------------------------------------------------------------------------------------------------- the drill-down


class Drill:
    """The cases of one figure, for one user, unit and period."""

    def __init__(self, user, unit: Unit, date_from: date, date_to: date, figure: Figure, sort: str = "amount"):
        self.user, self.unit, self.date_from, self.date_to = user, unit, date_from, date_to
        self.figure = figure
        self.sort = sort if sort in SORTS else "amount"
        self.official = official_period(date_from, date_to)
        self.units = scope.subtree_ids(unit, user)
        self.coefs = _coefs(figure.indicator)
        self._totals: Totals | None = None
        self._rows: list[Row] | None = None  # range path: every listed row, sorted

    # -- official periods: SQL over the stored spans

    def _queryset(self):
        year, k = self.official
        qs = StatCaseSpan.objects.filter(year=year, unit_id__in=self.units, k_first__lte=k, k_last__gte=k)
        f = self.figure
        if f.by == "unit":
            unit_id = Unit.objects.filter(code=f.key).values_list("id", flat=True).first()
            qs = qs.filter(unit_id=unit_id)
        elif f.by == "officer":
            if f.key == "":
                qs = qs.filter(officer_id__isnull=True)
            else:
                officer_id = Officer.objects.filter(code=f.key).values_list("id", flat=True).first()
                qs = qs.filter(officer_id=officer_id)
        elif f.by in ("initiation", "judgment_kind"):
            qs = qs.filter(**{f.by: f.key})
        annotations = {"amount_cases": _case_expr(self.coefs["cases"]),
                       "amount_money": _money_expr(self.coefs["money"])}
        if f.indicator == "RATE":
            annotations["done_cases"] = _case_expr(self.coefs["done_cases"])
            annotations["done_money"] = _money_expr(self.coefs["done_money"])
        qs = qs.annotate(**annotations)
        listed = "amount_cases" if f.measure == "cases" else "amount_money"
        return qs.exclude(**{listed: 0}), listed

    # -- any other period: replay, cached

    def _parts(self) -> list[tuple[int, str, str, str, dd.Part]]:
        return range_parts(self.unit, self.units, self.date_from, self.date_to)

    def _range_rows(self) -> list[Row]:
        if self._rows is not None:
            return self._rows
        parts = self._parts()
        unit_ids = dict(Unit.objects.filter(code__in={p.unit for *_, p in parts}).values_list("code", "id"))
        officer_ids = dict(Officer.objects.filter(code__in={p.officer for *_, p in parts if p.officer})
                           .values_list("code", "id"))
        f = self.figure
        rows = []
        ext_ids: dict[int, str] = {}
        c_cases, c_money = self.coefs["cases"], self.coefs["money"]
        rate_ = f.indicator == "RATE"
        for cid, ext_id, initiation, kind, p in parts:
            if f.by == "unit" and p.unit != f.key:
                continue
            if f.by == "officer" and (p.officer or "") != f.key:
                continue
            if (f.by == "initiation" and initiation != f.key) or (f.by == "judgment_kind" and kind != f.key):
                continue
            ext_ids[cid] = ext_id
            row = Row(cid, unit_ids.get(p.unit), officer_ids.get(p.officer) if p.officer else None, p.place,
                      p.bucket, p.base, p.bucket_money, p.paid, p.reduced, p.amount(c_cases, "cases"),
                      p.amount(c_money, "money"))
            if rate_:
                row.done_cases = p.amount(self.coefs["done_cases"], "cases")
                row.done_money = p.amount(self.coefs["done_money"], "money")
            if (row.cases if f.measure == "cases" else row.money) != 0:
                rows.append(row)
        if self.sort == "case":
            rows.sort(key=lambda r: (ext_ids[r.case_id], r.case_id))
        else:
            listed = "cases" if f.measure == "cases" else "money"
            rows.sort(key=lambda r: (-getattr(r, listed), -r.money, r.case_id))
        self._rows = rows
        return rows

    # -- both

    def totals(self) -> Totals:
        if self._totals is None:
            if self.official:
                qs, _ = self._queryset()
                agg = qs.aggregate(t_rows=Count("id"), t_cases=Sum("amount_cases"), t_money=Sum("amount_money"),
                                   **({"t_done_cases": Sum("done_cases"), "t_done_money": Sum("done_money")}
                                      if self.figure.indicator == "RATE" else {}))
                self._totals = Totals(agg["t_rows"], int(agg["t_cases"] or 0), int(agg["t_money"] or 0),
                                      int(agg.get("t_done_cases") or 0), int(agg.get("t_done_money") or 0))
            else:
                rows = self._range_rows()
                self._totals = Totals(len(rows), sum(r.cases for r in rows), sum(r.money for r in rows),
                                      sum(r.done_cases for r in rows), sum(r.done_money for r in rows))
        return self._totals

    def rows(self, start: int, stop: int) -> list[Row]:
        """Rows ``start…stop−1`` in the list's order (without the case details)."""
        if not self.official:
            return self._range_rows()[start:stop]
        qs, listed = self._queryset()
        if self.sort == "case":
            # A correlated lookup per row (primary key) sorts faster than joining the cases table, on PostgreSQL.
            qs = qs.annotate(case_number=Subquery(CaseModel.objects.filter(pk=OuterRef("case_id")).values("ext_id")[:1]))
            order = ["case_number", "case_id"]
        else:
            order = [f"-{listed}", "-amount_money", "case_id"]
        fields = ["case_id", "unit_id", "officer_id", "place", "bucket", "base", "bucket_money", "paid", "reduced",
                  "amount_cases", "amount_money"]
        if self.figure.indicator == "RATE":
            fields += ["done_cases", "done_money"]
        out = []
        for v in qs.order_by(*order).values(*fields)[start:stop]:
            out.append(Row(v["case_id"], v["unit_id"], v["officer_id"], v["place"], v["bucket"], v["base"],
                           v["bucket_money"], v["paid"], v["reduced"], int(v["amount_cases"]),
                           int(v["amount_money"]), int(v.get("done_cases") or 0), int(v.get("done_money") or 0)))
        return out

    def all_rows(self) -> list[Row]:
        return self.rows(0, self.totals().rows)

    def page(self, number: int) -> Page:
        count = self.totals().rows
        num_pages = max(1, -(-count // PAGE_SIZE))
        number = min(max(1, number), num_pages)
        rows = self.rows((number - 1) * PAGE_SIZE, number * PAGE_SIZE)
        self._details(rows)
        return Page(rows, number, num_pages, count)

    def _details(self, rows: list[Row]) -> None:
        """Case, unit, officer, first debtor and (for money XONG / GIAM) the movements within the period."""
        ids = [r.case_id for r in rows]
        cases = CaseModel.objects.in_bulk(ids)
        units = Unit.objects.in_bulk({r.unit_id for r in rows if r.unit_id})
        officers = Officer.objects.in_bulk({r.officer_id for r in rows if r.officer_id})
        debtors: dict[int, str] = {}
        for case_id, name in (Party.objects.filter(case_id__in=ids, role="debtor")
                              .order_by("case_id", "position").values_list("case_id", "name")):
            debtors.setdefault(case_id, name)
        kinds = {"XONG": EventKind.PAYMENT.value, "GIAM": EventKind.REDUCED.value}
        movements: dict[int, list[tuple[date, int]]] = {}
        kind = kinds.get(self.figure.indicator)
        if kind is not None and self.figure.measure == "money":
            for case_id, on, amount in (CaseEvent.objects.filter(case_id__in=ids, kind=kind, on__gte=self.date_from,
                                                                  on__lte=self.date_to)
                                        .order_by("case_id", "on", "seq").values_list("case_id", "on", "amount")):
                movements.setdefault(case_id, []).append((on, amount or 0))
        for r in rows:
            r.case = cases.get(r.case_id)
            r.unit = units.get(r.unit_id)
            r.officer = officers.get(r.officer_id)
            r.debtor = debtors.get(r.case_id, "")
            r.movements = movements.get(r.case_id, [])
