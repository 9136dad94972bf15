"""Rankings of a unit's branches or of its officers for an official period (issue 17; the rule is
:mod:`thads.domain.ranking`).

The figures come from the statistics cells (``thads.stats.service.official_report`` with ``by="unit"`` or
``by="officer"``: one grouped query), the stored open deadlines (one grouped query) and, when the complaints context
is installed, the matters upheld (one grouped query): never one query per entity.

- **Entities.** ``by="unit"``: the direct children of ``unit`` that existed during the period or hold figures in it;
  each child's figures are its whole subtree (the cells of the units below it are rolled up to it).
  ``by="officer"``: the officers of ``unit``'s subtree and every officer holding cases there in the period; an
  officer's figures are those of the cases the officer held within the subtree.
- **Metrics.** Rates in cases and money (RATE), completed cases (XONG + DC), money recovered (XONG + DC + GIAM
  money, VND), workload (PTH cases), caseload for the minimum (CDK cases); overdue deadlines *now* (stored open
  deadlines, not paused, due before today: a case's and a complaint's alike), by the deadline's unit or officer.
- **Complaints upheld** in the period: complaints and denunciations resolved (``closed_on`` in the period) with the
  outcome right or partly right; a second-level complaint only when its first-level one was not upheld (one act is
  not counted twice). Against a unit: the unit holding the matter's case when it names one, else the unit holding
  the matter (the agency of the officer or staff complained about: a complaint against a branch head is forwarded
  to the province and then counts against the province, not ranked with the branches). Against an officer: the
  officer of the matter's case (``Case.officer``: who holds it now, the best the stored data says about who acted)
  when the respondent is an officer; a denunciation naming an officer without a case counts against nobody.

Weights and minimum caseloads: settings ``THADS_RANKING_WEIGHTS`` (a JSON object overriding some or all of
:data:`thads.domain.ranking.DEFAULT_WEIGHTS`, e.g. ``{"workload": 0}``), ``THADS_RANKING_MIN_CASES_UNIT`` (30) and
``THADS_RANKING_MIN_CASES_OFFICER`` (10): UNVERIFIED defaults (THADS.md §7).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict
from datetime import date

from django.apps import apps
from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from thads.deadlines.models import Deadline
from thads.domain.petitions import MatterKind, MatterStatus, Outcome, Respondent
from thads.domain.ranking import DEFAULT_WEIGHTS, Entry, check_weights, rank
from thads.domain.report import rate, statistical_year_period
from thads.org.models import Officer, Unit
from thads.stats.service import official_report

BY = ("unit", "officer")
MIN_CASES = {"unit": ("THADS_RANKING_MIN_CASES_UNIT", 30), "officer": ("THADS_RANKING_MIN_CASES_OFFICER", 10)}
UPHELD = (Outcome.RIGHT.value, Outcome.PARTLY_RIGHT.value)
AGAINST = (MatterKind.COMPLAINT.value, MatterKind.DENUNCIATION.value)


def weights() -> dict[str, int]:
    """The effective weights: :data:`DEFAULT_WEIGHTS` overridden by settings ``THADS_RANKING_WEIGHTS`` (a JSON
    string or a dict). ``ValueError`` (clear message) when the setting is not valid."""
    raw = getattr(settings, "THADS_RANKING_WEIGHTS", None)
    if raw in (None, ""):
        return dict(DEFAULT_WEIGHTS)
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ValueError(f"THADS_RANKING_WEIGHTS is not valid JSON: {exc}") from exc
    if not isinstance(raw, dict):
        raise ValueError("THADS_RANKING_WEIGHTS must be a JSON object of metric → integer weight")
    return check_weights({**DEFAULT_WEIGHTS, **raw})


def min_caseload(by: str) -> int:
    """The minimum cases "có điều kiện" to be ranked (settings ``THADS_RANKING_MIN_CASES_UNIT`` / ``_OFFICER``)."""
    if by not in BY:
        raise ValueError(f"unknown ranking '{by}'; expected one of {', '.join(BY)}")
    name, default = MIN_CASES[by]
    value = getattr(settings, name, default)
    try:
        value = int(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a non-negative integer, not {value!r}") from exc
    if value < 0:
        raise ValueError(f"{name} must be a non-negative integer, not {value!r}")
    return value


def rankings(unit: Unit, year: int, months: int, *, by: str = "unit", today: date | None = None) -> list[dict]:
    """The ranking of ``unit``'s children (``by="unit"``) or of its subtree's officers (``by="officer"``) for the
    ``months``-month period of statistical ``year``: one dict per entity (``key``, ``label``, ``rank``, ``score``,
    ``caseload``, ``metrics``, ``components``, ``reason``, ``reason_code``), the ranked first."""
    if by not in BY:
        raise ValueError(f"unknown ranking '{by}'; expected one of {', '.join(BY)}")
    today = today or timezone.localdate()
    report = official_report(unit, year, months, by=by)
    period = statistical_year_period(year, months)
    if by == "unit":
        labels, figures, overdue, upheld = _by_unit(unit, report, period, today)
    else:
        labels, figures, overdue, upheld = _by_officer(unit, report, period, today)
    entries = []
    for key in sorted(labels):
        f = figures.get(key) or _empty()
        entries.append(Entry(key, labels[key], f["cdk"], {
            "cases_rate": rate(f["done"], f["cdk"]), "money_rate": rate(f["done_money"], f["cdk_money"]),
            "completed": f["done"], "recovered": f["done_money"], "overdue": overdue.get(key, 0),
            "complaints_upheld": upheld.get(key, 0), "workload": f["pth"]}))
    return [asdict(line) for line in rank(entries, weights(), min_caseload(by))]


def _empty() -> dict[str, int]:
    return {"cdk": 0, "done": 0, "pth": 0, "cdk_money": 0, "done_money": 0}


def _add(total: dict[str, int], group: dict) -> None:
    c, m = group["cases"], group["money"]
    total["cdk"] += c["CDK"]
    total["done"] += c["XONG"] + c["DC"]
    total["pth"] += c["PTH"]
    total["cdk_money"] += m["CDK"]
    total["done_money"] += m["XONG"] + m["DC"] + m["GIAM"]


def figures_of(group: dict) -> dict[str, int]:
    """The figures a ranking and an evidence sheet take from one group of a report."""
    total = _empty()
    _add(total, group)
    return total


def _by_unit(unit: Unit, report: dict, period: tuple[date, date], today: date):
    date_from, date_to = period
    below = list(Unit.objects.filter(path__startswith=unit.path).exclude(pk=unit.pk)
                 .values_list("id", "code", "name", "path", "parent_id", "valid_from", "valid_to"))
    child_of_path = {path: code for _i, code, _n, path, parent, _f, _t in below if parent == unit.pk}
    top: dict[int, str] = {}  # unit id → code of the child of ``unit`` it lies under
    by_code: dict[str, str] = {}
    for pk, code, _name, path, _parent, _f, _t in below:
        child_path = "/".join(path.split("/")[: unit.path.count("/") + 1]) + "/"
        top[pk] = by_code[code] = child_of_path[child_path]
    labels = {code: name for _i, code, name, _p, parent, valid_from, valid_to in below if parent == unit.pk
              and (valid_from is None or valid_from <= date_to) and (valid_to is None or valid_to >= date_from)}
    figures: dict[str, dict[str, int]] = defaultdict(_empty)
    for code, group in report["groups"].items():
        if code in by_code:
            _add(figures[by_code[code]], group)
    names = {code: name for _i, code, name, _p, parent, _f, _t in below if parent == unit.pk}
    labels.update({code: names[code] for code in figures})
    overdue: dict[str, int] = defaultdict(int)
    for unit_id, n in (_overdue(today).filter(unit_id__in=top).values("unit_id").annotate(n=Count("id"))
                       .values_list("unit_id", "n")):
        overdue[top[unit_id]] += n
    upheld: dict[str, int] = defaultdict(int)
    for unit_id, n in _upheld_by(period, "unit"):
        if unit_id in top:
            upheld[top[unit_id]] += n
    return labels, figures, overdue, upheld


def _by_officer(unit: Unit, report: dict, period: tuple[date, date], today: date):
    groups = {code: group for code, group in report["groups"].items() if code}
    officers = dict(Officer.objects.filter(Q(unit__path__startswith=unit.path) | Q(code__in=groups))
                    .values_list("id", "code"))
    labels = dict(Officer.objects.filter(id__in=officers).values_list("code", "name"))
    figures = {code: figures_of(group) for code, group in groups.items()}
    subtree = Unit.objects.filter(path__startswith=unit.path).values("id")
    overdue = {officers[o]: n for o, n in (_overdue(today).filter(officer_id__in=officers, unit_id__in=subtree)
                                           .values("officer_id").annotate(n=Count("id"))
                                           .values_list("officer_id", "n"))}
    upheld = {officers[o]: n for o, n in _upheld_by(period, "officer", subtree) if o in officers}
    return labels, figures, overdue, upheld


def _overdue(today: date):
    """Open deadlines past due now (the stored deadlines are the open ones; a paused clock is not overdue)."""
    return Deadline.objects.filter(due__lt=today, paused=False)


def _upheld_matters(period: tuple[date, date]):
    """The complaints and denunciations upheld in ``period`` (once per act), or None without the complaints
    context."""
    if not apps.is_installed("thads.complaints"):
        return None
    from thads.complaints.models import Matter
    date_from, date_to = period
    return (Matter.objects.filter(kind__in=AGAINST, status=MatterStatus.RESOLVED.value, outcome__in=UPHELD,
                                  closed_on__gte=date_from, closed_on__lte=date_to)
            .exclude(level=2, parent__outcome__in=UPHELD))


def _upheld_by(period: tuple[date, date], by: str, subtree=None) -> list[tuple[int, int]]:
    """(unit id or officer id, complaints upheld) for the period — see the module's docstring for whom a matter
    counts against. Empty when the complaints context is not installed."""
    matters = _upheld_matters(period)
    if matters is None:
        return []
    counts: dict[int, int] = defaultdict(int)
    if by == "officer":
        rows = (matters.filter(respondent=Respondent.OFFICER.value, case__officer__isnull=False,
                               case__unit_id__in=subtree)
                .values("case__officer_id").annotate(n=Count("id")).values_list("case__officer_id", "n"))
        for officer_id, n in rows:
            counts[officer_id] += n
        return sorted(counts.items())
    rows = matters.values("case__unit_id", "unit_id").annotate(n=Count("id")).values_list(
        "case__unit_id", "unit_id", "n")
    for case_unit, matter_unit, n in rows:
        counts[case_unit or matter_unit] += n
    return sorted(counts.items())


def upheld_against(period: tuple[date, date], *, unit: Unit | None = None, officer: Officer | None = None) -> int:
    """Complaints upheld in ``period`` against ``unit``'s subtree or against ``officer`` (the rule of the rankings;
    the evidence sheet's figure). 0 without the complaints context."""
    matters = _upheld_matters(period)
    if matters is None:
        return 0
    if officer is not None:
        return matters.filter(respondent=Respondent.OFFICER.value, case__officer=officer).count()
    ids = Unit.objects.filter(path__startswith=unit.path).values("id")
    return matters.filter(Q(case__unit_id__in=ids) | Q(case__isnull=True, unit_id__in=ids)).count()


def overdue_now(today: date, *, unit: Unit | None = None, officer: Officer | None = None) -> int:
    """Open deadlines past due on ``today`` of ``unit``'s subtree or of ``officer`` (the rankings' rule)."""
    if officer is not None:
        return _overdue(today).filter(officer=officer).count()
    return _overdue(today).filter(unit__path__startswith=unit.path).count()
