"""The demo province's citizen reception and petitions (issue 16; thads.demo.complaints planned purely, written by
thads.web.demo_complaints): every required kind in each of the last two complete statistical years at a small size,
the complaints report with figures in both years equal to its drill-down lists, the bulk rows equal to those of the
complaints actions for the same plan, deterministic, no case event (``thads report`` and the export unchanged), and
valid at sizes 0, 1 and 10."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction

from thads.cases.models import CaseEvent
from thads.complaints.models import Letter, Matter, MatterEvent, Reception, ReceptionDay
from thads.complaints.report import complaints_report, drill_list
from thads.deadlines.models import Deadline
from thads.demo.complaints import Actors, plan
from thads.domain import complaints_report as cr
from thads.domain import petition_rules as pr
from thads.domain.calendar import national_calendar
from thads.domain.petitions import REPORTED_KINDS
from thads.org.models import Unit, User
from thads.web import demo_complaints

TODAY = date(2026, 11, 30)
YEARS = (2025, 2026)
SMALL = 400


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", "--size", str(SMALL), "--today", TODAY.isoformat(), "--seed", "3",
                     stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def rows(demo, django_db_blocker):
    """The module's demo, each test's changes rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def _year(on: date, year: int) -> bool:
    return date(year - 1, 10, 1) <= on <= date(year, 9, 30)


def _steps(matter: Matter) -> dict[str, MatterEvent]:
    return {e.kind: e for e in matter.events.all()}


def _has(year: int, what: str) -> bool:
    """Whether the demo shows ``what`` in the statistical year: one predicate per row of REQUIRED."""
    cal = national_calendar()
    matters = [m for m in Matter.objects.prefetch_related("events").select_related("unit", "letter")
               if _year(m.received_on, year)]
    complaints = [m for m in matters if m.kind == "complaint"]
    resolved = {m.pk: _steps(m).get("resolved") for m in matters}
    if what.startswith("act:"):
        return any(m.complained_act == what[4:] and resolved[m.pk] for m in complaints)
    if what.startswith("outcome:"):
        return any(m.outcome == what[8:] for m in complaints if resolved[m.pk])
    if what.startswith("channel:"):
        return Letter.objects.filter(channel=what[8:], received_on__range=(date(year - 1, 10, 1),
                                                                           date(year, 9, 30))).exists()
    checks = {
        "head_day_group": lambda: Reception.objects.filter(
            head_day=True, group_size__gt=1, schedule__isnull=False, on__year__in=(year - 1, year)).exclude(
            receiver=None).exists() and any(any(p["representative"] for p in r.persons) for r in
                                            Reception.objects.filter(group_size__gt=1)),
        "out_of_time": lambda: any(_steps(m).get("not_accepted") and pr.time_limit_refusal(
            cal, m.complained_act, m.act_known_on, m.received_on) for m in complaints),
        "freeze_5_working_days": lambda: any(
            m.complained_act == "account_freeze" and resolved[m.pk] and resolved[m.pk].on <= cal.add_working_days(
                m.accepted_on, 5) for m in complaints),
        "second_level_at_province": lambda: any(
            m.level == 2 and m.unit.code == "HUE" and m.parent.status == "resolved"
            and m.status == ("resolved" if m.parent.unit.level == "district" else "forwarded") for m in complaints),
        "forwarded_to_province": lambda: any(_steps(m).get("forwarded") and m.respondent == "head"
                                             for m in complaints),
        "anonymous_archived": lambda: any(m.kind == "denunciation" and m.letter.anonymous and m.status == "archived"
                                          for m in matters),
        "denunciation_extended_with_identity": lambda: any(
            m.kind == "denunciation" and m.identity.get("id_number") and m.extended and resolved[m.pk]
            for m in matters),
        "recommendation_answered": lambda: any(m.kind == "recommendation" and resolved[m.pk] for m in matters),
        "report_answered": lambda: any(m.kind == "report" and resolved[m.pk] for m in matters),
        "protest_on_a_case_within_15_days": lambda: any(
            m.procuracy_act == "protest" and m.case_id and resolved[m.pk]
            and resolved[m.pk].on <= pr.add_period(cal, m.received_on, pr.ANSWER_PROCURACY["protest"])
            for m in matters),
        "letter_forwarded_out": lambda: any(m.status == "forwarded" and m.letter and m.letter.channel == "forwarded"
                                            for m in matters),
        "withdrawn": lambda: any(m.status == "withdrawn" for m in complaints),
        "overdue_at_year_end": lambda: complaints_report(Unit.objects.get(code="HUE"), date(year - 1, 10, 1),
                                                         date(year, 9, 30))["kinds"]["complaint"]["overdue"] >= 2,
    }
    return checks[what]()


REQUIRED = [
    ("head_day_group", "Luật Tiếp công dân Art. 18: the head's day, a group's representatives"),
    *[(f"channel:{c}", f"TT 13/2021 Art. 5: a letter by {c}") for c in
      ("in_person", "post", "hotline", "portal", "forwarded")],
    *[(f"act:{a}", f"Art. 140.2: a complaint about {a}, resolved") for a in
      ("before_measures", "account_freeze", "other_security", "coercive", "after_coercion")],
    *[(f"outcome:{o}", f"Art. 151.6: a complaint found {o}") for o in ("right", "wrong", "partly_right")],
    ("out_of_time", "Art. 141.4: a complaint out of time not accepted"),
    ("freeze_5_working_days", "Art. 146.2: an account freeze resolved within 5 working days"),
    ("second_level_at_province", "Arts. 142, 152: a second-level complaint at the provincial unit, resolved there "
                                 "after a branch, forwarded after the province (Art. 142.3)"),
    ("forwarded_to_province", "Art. 142.2.b: a complaint against a branch's head forwarded"),
    ("anonymous_archived", "TT 13/2021 Art. 16.3: an anonymous denunciation archived"),
    ("denunciation_extended_with_identity", "Art. 157.2: a denunciation accepted, extended, identity recorded"),
    ("recommendation_answered", "TT 13/2021 Art. 28: a recommendation answered"),
    ("report_answered", "TT 13/2021 Art. 28: a report answered"),
    ("protest_on_a_case_within_15_days", "Art. 161.1: a protest on a case answered within 15 days"),
    ("letter_forwarded_out", "TT 13/2021 Art. 8.2: a forwarded letter sent on to the competent body"),
    ("withdrawn", "Art. 143.1.g: a complaint withdrawn"),
    ("overdue_at_year_end", "Art. 146: complaints overdue at the year's end"),
]


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("what", [w for w, _ in REQUIRED], ids=[i for _, i in REQUIRED])
def test_every_required_kind_is_in_each_of_the_last_two_complete_statistical_years(rows, year, what):
    assert _has(year, what), (year, what)


def test_one_complaint_is_still_overdue_today_and_the_reception_officer_has_open_matters(rows):
    from thads.complaints.queries import open_matters

    tiepdan = User.objects.get(username="tiepdan")
    overdue = Matter.objects.filter(status="accepted", due_on__lt=TODAY, received_on__lte=date(YEARS[1], 9, 30))
    assert overdue.exists()
    assert open_matters(tiepdan).filter(due_on__isnull=False).exists()
    assert Deadline.objects.filter(case__isnull=True, subject__startswith="matter:").exists()
    assert not Deadline.objects.filter(code="procuracy.carry_out").exists()  # Art. 161.1: no case act is owed


def test_the_denunciators_identity_is_for_the_resolver_only(rows):
    from thads.complaints.actions import identity_for

    matter = Matter.objects.filter(kind="denunciation", status="resolved", case__unit__code="HUE-KV1").exclude(
        identity={}).first()
    assert matter is not None and matter.resolver is not None
    assert identity_for(matter.resolver, matter)["id_number"] == matter.identity["id_number"]
    assert identity_for(User.objects.get(username="chv.kv1"), matter) is None


@pytest.mark.parametrize("year", YEARS)
def test_the_complaints_report_has_figures_and_its_totals_equal_the_drill_down_lists(rows, year):
    hue = Unit.objects.get(code="HUE")
    lo, hi = date(year - 1, 10, 1), date(year, 9, 30)
    report = complaints_report(hue, lo, hi)
    assert report["receptions"] > 0
    for kind in REPORTED_KINDS:
        k = report["kinds"][kind]
        assert k["received"] > 0 and k["resolved"] > 0, kind
        assert k["resolved_on_time"] <= k["resolved"] <= k["accepted"] <= k["received"], kind
        assert k["overdue"] <= k["outstanding"] <= k["accepted"], kind
    assert sum(report["kinds"]["complaint"]["outcomes"].values()) > 0
    for figure in cr.FIGURES:
        assert drill_list(hue, lo, hi, figure).count == cr.figure_value(report, figure), figure


def _snapshot() -> dict:
    """Every row the complaints context holds, ids replaced by their rank (the order the rows were made in)."""
    rank = {model: {pk: i for i, pk in enumerate(model.objects.order_by("pk").values_list("pk", flat=True))}
            for model in (ReceptionDay, Reception, Letter, Matter)}
    r = lambda model, pk: None if pk is None else rank[model][pk]  # noqa: E731
    refs = {"letter": Letter, "parent": Matter, "second_level": Matter, "to_matter": Matter,
            "forwarded_from": Matter, "duplicate_of": Matter}

    def values(model, skip=("id", "created_at", "entered_at")):
        return [{k: v for k, v in row.items() if k not in skip} for row in model.objects.order_by("pk").values()]

    matters = values(Matter)
    for row in matters:
        for key in ("letter_id", "parent_id", "duplicate_of_id"):
            row[key] = r(Letter if key == "letter_id" else Matter, row[key])
    events = sorted(({**row, "matter_id": r(Matter, row["matter_id"]),
                      "details": {k: r(refs[k], v) if k in refs else v for k, v in row["details"].items()}}
                     for row in values(MatterEvent)), key=lambda e: (e["matter_id"], e["seq"]))
    receptions = values(Reception)
    for row, obj in zip(receptions, Reception.objects.order_by("pk"), strict=True):
        row["schedule_id"] = r(ReceptionDay, row["schedule_id"])
        row["cases"] = sorted(obj.cases.values_list("pk", flat=True))
    letters = [{**row, "reception_id": r(Reception, row["reception_id"])} for row in values(Letter)]
    deadlines = sorted(({**row, "subject": r(Matter, int(row["subject"][7:])), "trigger": ""}
                        for row in values(Deadline) if row["subject"].startswith("matter:")),
                       key=lambda d: (d["subject"], d["code"]))
    return {"days": values(ReceptionDay), "receptions": receptions, "letters": letters, "matters": matters,
            "events": events, "deadlines": deadlines}


def _clear() -> None:
    Deadline.objects.filter(case__isnull=True, subject__startswith="matter:").delete()
    MatterEvent.objects.all().delete()
    Matter.objects.update(parent=None, duplicate_of=None)
    Matter.objects.all().delete()
    Letter.objects.all().delete()
    Reception.objects.all().delete()
    ReceptionDay.objects.all().delete()


def _load(bulk: bool) -> dict:
    _clear()
    assert demo_complaints.load(seed=3, today=TODAY, size=SMALL, bulk=bulk) is not None
    return _snapshot()


def test_the_bulk_rows_equal_those_of_the_complaints_actions_and_two_runs_give_the_same_rows(rows):
    bulk = _snapshot()
    assert bulk["matters"] and bulk["events"] and bulk["receptions"] and bulk["deadlines"]
    assert _load(True) == bulk
    via_actions = _load(False)
    for table in bulk:
        assert via_actions[table] == bulk[table], table


def test_no_case_event_is_written_so_thads_report_and_the_export_are_unchanged(rows):
    def state():
        report, export = io.StringIO(), io.StringIO()
        call_command("report", "--unit", "HUE", "--year", str(YEARS[1]), stdout=report)
        call_command("export", "--unit", "HUE", stdout=export)
        return CaseEvent.objects.count(), json.loads(report.getvalue()), export.getvalue()

    with_complaints = state()
    _clear()
    assert state() == with_complaints
    _load(False)
    assert state() == with_complaints


def test_the_plan_is_deterministic_and_depends_on_the_seed():
    actors = {"HUE": Actors("tiepdan", "cuctruong")}
    first = plan(seed=5, today=TODAY, size=SMALL, actors=actors)
    assert first == plan(seed=5, today=TODAY, size=SMALL, actors=actors)
    assert first != plan(seed=6, today=TODAY, size=SMALL, actors=actors)
    assert first.years == YEARS
    assert max(v.on for v in first.visits) <= TODAY and max(m.received_on for m in first.matters) <= TODAY
    assert all(s.on <= TODAY for m in first.matters for s in m.steps)


@pytest.mark.django_db
@pytest.mark.parametrize("size", [0, 1, 10])
def test_the_demo_at_a_tiny_size_has_its_reception_and_complaint_history(size):
    out = io.StringIO()
    call_command("demo", "--size", str(size), "--today", TODAY.isoformat(), stdout=out)
    assert "Citizen reception:" in out.getvalue()
    hue = Unit.objects.get(code="HUE")
    for year in YEARS:
        report = complaints_report(hue, date(year - 1, 10, 1), date(year, 9, 30))
        assert report["receptions"] > 0 and all(report["kinds"][k]["resolved"] > 0 for k in REPORTED_KINDS)
    before = Matter.objects.count()
    call_command("demo", "--size", str(size), "--today", TODAY.isoformat(), stdout=out)
    assert Matter.objects.count() == before and "already loaded" in out.getvalue()
