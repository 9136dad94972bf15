"""The receiving side, reading: the check of a received report against this installation's own view of the
sender's cases, and the consolidation of a unit's period (THADS.md §4.2: the province reports "its own unit and the
whole province"). Writes are ``actions.do_receive`` / ``do_accept`` / ``do_return``.

Consolidation of unit U, period (year, k): the newest received, not returned, report of each unit directly below U
+ U's own unit's own figures (the cases U itself holds at the period end, from the cells) = the consolidated
figures; compared with U's own report over its subtree (``stats.service.official_report``). In one installation
that holds every case they are equal; a difference is shown per figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from thads.cases.models import Case
from thads.domain import submissions as rules
from thads.org.models import Unit
from thads.stats.service import official_report
from thads.submissions.models import Direction, Status, Submission


def own_view(sender: Unit, year: int, months: int) -> dict | None:
    """This installation's own report of ``sender``'s subtree, when it holds any of its cases; else None."""
    if not Case.objects.filter(unit__path__startswith=sender.path).exists():
        return None
    return official_report(sender, year, months)


def check_against_own_view(sender: Unit, year: int, months: int, report: dict) -> list[list]:
    """[measure, indicator, received, own] for every figure where the received report differs from ours."""
    mine = own_view(sender, year, months)
    if mine is None:
        return []
    return [list(d) for d in rules.differences(report, mine)]


def own_unit_figures(unit: Unit, year: int, months: int) -> dict[str, dict[str, Any]]:
    """The figures of the cases ``unit`` itself holds at the period end (not its sub-units')."""
    group = official_report(unit, year, months, by="unit").get("groups", {}).get(unit.code)
    return rules.consolidate([group] if group else [])


def latest_received(unit: Unit, year: int, months: int) -> Submission | None:
    """The newest received package of ``unit`` for the period that was not returned for correction."""
    return (Submission.objects.filter(direction=Direction.RECEIVED, unit=unit, year=year, months=months)
            .exclude(status=Status.RETURNED).order_by("-id").first())


@dataclass
class Consolidation:
    unit: Unit
    year: int
    months: int
    rows: list[tuple[Unit, Submission | None]] = field(default_factory=list)
    own: dict = field(default_factory=dict)
    consolidated: dict = field(default_factory=dict)
    report: dict = field(default_factory=dict)
    differences: list[tuple[str, str, Any, Any]] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        return [u.code for u, s in self.rows if s is None]

    def as_json(self) -> dict:
        return {"unit": self.unit.code, "year": self.year, "months": self.months,
                "received": {u.code: (s.sha256 if s else None) for u, s in self.rows}, "missing": self.missing,
                "own": self.own, "consolidated": self.consolidated,
                "report": {k: self.report[k] for k in ("cases", "money")},
                "differences": [list(d) for d in self.differences]}


def consolidation(unit: Unit, year: int, months: int) -> Consolidation:
    """The consolidated figures of ``unit`` for the period and their comparison with its own report."""
    out = Consolidation(unit, year, months)
    for child in Unit.objects.filter(parent=unit).order_by("code"):
        out.rows.append((child, latest_received(child, year, months)))
    out.own = own_unit_figures(unit, year, months)
    out.consolidated = rules.consolidate([out.own, *(s.report for _, s in out.rows if s is not None)])
    out.report = official_report(unit, year, months)
    out.differences = rules.differences(out.consolidated, out.report)
    return out
