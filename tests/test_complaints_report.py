"""The complaints report (issue 16): ``thads complaints-report`` and the page ``/complaints/report/``.

The definition is pure (``thads.domain.complaints_report``) and tested first with plain tables: every key, the period's
edges and the matters carried over, the unit roll-up, reproducibility (a later act never changes a past period) and,
with Hypothesis over random histories, the order of the figures (resolved_on_time ≤ resolved ≤ accepted ≤ received,
outstanding ≤ accepted, overdue ≤ outstanding). Then the service, the command (JSON exactly shaped, XLSX, PDF), the
page (its figures equal the drill-down lists; no denunciator's identity) and the scope, over rows written with the ORM
directly.
"""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import include, path
from hypothesis import given
from hypothesis import strategies as st

from tests.test_context_reports import (
    YEAR_Q,
    people,  # noqa: F401 (a fixture)
)
from tests.test_context_reports import en_client as _client
from thads.domain import complaints_report as cr
from thads.domain.petitions import MatterEventKind, MatterKind

# The page's URLs under /complaints/report/ whatever the complaints URLconf includes yet.
urlpatterns = [path("complaints/report/", include("thads.complaints.report_urls")), path("", include("thads.urls"))]

PARENT = {"P": None, "A": "P", "B": "P", "A1": "A", "Q": None}
F, T = date(2025, 10, 1), date(2026, 9, 30)  # statistical year 2026
E = MatterEventKind


def step(kind, on, seq=1, unit="A", due=None, outcome="", competence=None):
    return cr.Step(seq, kind, on, unit, due, outcome, competence)


def matter(*steps, kind="complaint", received=date(2026, 1, 5), unit="A", pk=1, due=None, outcome="",
           competence=None):
    numbered = tuple(cr.Step(i, s.kind, s.on, s.unit, s.due_on, s.outcome, s.within_competence)
                     for i, s in enumerate(steps, start=1))
    return cr.MatterFact(pk, kind, unit, received, numbered, due, outcome, competence)


def counted(m, date_from=F, date_to=T) -> set[str]:
    return set(cr.counts_of(m, date_from, date_to))


def nonzero(report) -> dict[str, int]:
    return {f: cr.figure_value(report, f) for f in cr.FIGURES if cr.figure_value(report, f)}


ACC = step(E.ACCEPTED, date(2026, 1, 9), due=date(2026, 2, 20))
BASE = {"received", "within_competence"}
TAKEN = BASE | {"accepted"}

# ------------------------------------------------------------------------------------------------- pure: each key

KEY_CASES = [
    pytest.param(matter(), BASE, id="Art. 140: a complaint received and not yet accepted is to resolve"),
    pytest.param(matter(step(E.ACCEPTED, date(2026, 9, 1), due=date(2026, 10, 15))), TAKEN | {"outstanding"},
                 id="Art. 145: accepted and open at the end, not yet due: outstanding"),
    pytest.param(matter(step(E.ACCEPTED, date(2026, 1, 9), due=date(2026, 9, 29))),
                 TAKEN | {"outstanding", "overdue"}, id="Art. 146.1: open after its due date: overdue"),
    pytest.param(matter(step(E.ACCEPTED, date(2026, 1, 9), due=T)), TAKEN | {"outstanding"},
                 id="Art. 146.1: due on the last day of the period is not yet overdue"),
    pytest.param(matter(ACC, step(E.RESOLVED, date(2026, 2, 20), outcome="right")),
                 TAKEN | {"resolved", "resolved_on_time", "outcomes.right"},
                 id="Art. 151: resolved on its due date, found right: on time"),
    pytest.param(matter(ACC, step(E.RESOLVED, date(2026, 2, 21), outcome="wrong")),
                 TAKEN | {"resolved", "outcomes.wrong"}, id="Art. 146.1: resolved the day after its due date: late"),
    pytest.param(matter(ACC, step(E.EXTENDED, date(2026, 2, 10), due=date(2026, 3, 20)),
                        step(E.RESOLVED, date(2026, 3, 10), outcome="partly_right")),
                 TAKEN | {"resolved", "resolved_on_time", "outcomes.partly_right"},
                 id="Art. 146.3: resolved within the extension: on time"),
    pytest.param(matter(ACC, step(E.RESOLVED, date(2026, 3, 1)), outcome="right"),
                 TAKEN | {"resolved", "outcomes.right"}, id="the finding falls back to the matter's own"),
    pytest.param(matter(step(E.ACCEPTED, date(2026, 1, 9)), due=date(2026, 5, 1)), TAKEN | {"outstanding", "overdue"},
                 id="the due date from the receipt when no step set one"),
    pytest.param(matter(step(E.FORWARDED, date(2026, 1, 9))), {"received"},
                 id="Decree 62 Art. 38: forwarded, not within competence"),
    pytest.param(matter(competence=False), {"received"},
                 id="Art. 142: classified outside the agency's competence, not yet forwarded"),
    pytest.param(matter(step(E.NOT_ACCEPTED, date(2026, 1, 9))), BASE, id="Art. 148: not accepted"),
    pytest.param(matter(step(E.ARCHIVED, date(2026, 1, 9))), BASE, id="TT 13/2021 Art. 16: archived"),
    pytest.param(matter(step(E.WITHDRAWN, date(2026, 1, 7))), BASE | {"withdrawn"},
                 id="Luật Khiếu nại Art. 10: withdrawn before acceptance"),
    pytest.param(matter(ACC, step(E.WITHDRAWN, date(2026, 1, 20))), TAKEN | {"withdrawn"},
                 id="Luật Khiếu nại Art. 10: withdrawn after acceptance: accepted, not outstanding"),
    pytest.param(matter(ACC, step(E.RESOLVED, date(2026, 10, 1))), TAKEN | {"outstanding", "overdue"},
                 id="resolved after the period: outstanding (and overdue) at its end"),
    pytest.param(matter(received=date(2026, 10, 1)), set(), id="received after the period: not counted"),
    pytest.param(matter(kind="recommendation"), TAKEN | {"outstanding"},
                 id="TT 13/2021 Art. 28: a recommendation within competence is taken up on receipt"),
    pytest.param(matter(kind="recommendation", due=date(2026, 1, 12)), TAKEN | {"outstanding", "overdue"},
                 id="TT 13/2021 Art. 28: a recommendation unanswered after its 5 working days: overdue"),
    pytest.param(matter(step(E.RESOLVED, date(2026, 1, 9)), kind="report", due=date(2026, 1, 12)),
                 TAKEN | {"resolved", "resolved_on_time"}, id="TT 13/2021 Art. 28: a report answered in time"),
    pytest.param(matter(step(E.ARCHIVED, date(2026, 1, 9)), kind="recommendation"), BASE,
                 id="TT 13/2021 Art. 28.3: a recommendation archived was not taken up"),
    pytest.param(matter(step(E.RESOLVED, date(2026, 2, 1), outcome="right"), kind="procuracy"),
                 TAKEN | {"resolved", "resolved_on_time", "outcomes.right"},
                 id="Art. 161.1: a procuracy's protest answered, found right"),
    pytest.param(matter(step(E.FORWARDED, date(2026, 1, 9)), kind="procuracy"), {"received"},
                 id="Art. 161: a procuracy's act forwarded to the competent body"),
    pytest.param(matter(ACC, step(E.RESOLVED, date(2026, 2, 1)), step(E.ESCALATED, date(2026, 3, 1))),
                 TAKEN | {"resolved", "resolved_on_time"}, id="Art. 152: a second level does not reopen the first"),
]


@pytest.mark.parametrize(("row", "keys"), KEY_CASES)
def test_each_history_counts_in_exactly_its_keys(row, keys):
    assert counted(row) == keys


def test_a_report_counts_with_the_recommendations():
    report = cr.compute_complaints_report([matter(kind=MatterKind.REPORT)], [], PARENT, "P", F, T)
    assert nonzero(report) == {"kinds.recommendation.received": 1, "kinds.recommendation.accepted": 1,
                               "kinds.recommendation.within_competence": 1, "kinds.recommendation.outstanding": 1}


# ------------------------------------------------------------------------------------------------- pure: period edges

EDGE_CASES = [
    pytest.param(matter(received=F), BASE, id="received on the first day: new"),
    pytest.param(matter(received=T), BASE, id="received on the last day: new"),
    pytest.param(matter(received=F - timedelta(days=1)), BASE, id="received the day before, still open: carried over"),
    pytest.param(matter(step(E.ACCEPTED, date(2025, 9, 1), due=date(2026, 3, 1)), received=date(2025, 8, 20)),
                 TAKEN | {"outstanding", "overdue"}, id="carried over accepted: accepted in the period's figures"),
    pytest.param(matter(step(E.ACCEPTED, date(2025, 9, 1)), step(E.RESOLVED, F - timedelta(days=1)),
                        received=date(2025, 8, 20)), set(), id="resolved the day before the period: not carried over"),
    pytest.param(matter(step(E.ACCEPTED, date(2025, 9, 1), due=date(2025, 10, 15)), step(E.RESOLVED, F),
                        received=date(2025, 8, 20)), TAKEN | {"resolved", "resolved_on_time"},
                 id="carried over and resolved on the first day"),
    pytest.param(matter(ACC, step(E.RESOLVED, T)), TAKEN | {"resolved"}, id="resolved on the last day (late)"),
]


@pytest.mark.parametrize(("row", "keys"), EDGE_CASES)
def test_the_period_includes_both_ends_and_carries_open_matters_over(row, keys):
    assert counted(row) == keys


def test_receptions_count_within_the_period_both_ends_included():
    rows = [cr.ReceptionFact(i, "A", on) for i, on in enumerate(
        (F - timedelta(days=1), F, date(2026, 3, 3), T, T + timedelta(days=1)))]
    assert cr.compute_complaints_report([], rows, PARENT, "P", F, T)["receptions"] == 3
    assert cr.drill([], rows, PARENT, "P", F, T, "receptions") == [1, 2, 3]


ROLLUP_CASES = [
    pytest.param("P", 4, id="a province counts its branches and their sub-units"),
    pytest.param("A", 2, id="a branch counts itself and the units below it"),
    pytest.param("A1", 1, id="a leaf unit counts itself"),
    pytest.param("B", 1, id="a branch does not count its sibling"),
    pytest.param("Q", 0, id="another province counts nothing of P"),
]


@pytest.mark.parametrize(("unit", "received"), ROLLUP_CASES)
def test_a_unit_includes_every_unit_below_it(unit, received):
    rows = [matter(unit=u, pk=i) for i, u in enumerate(("P", "A", "A1", "B"))]
    receptions = [cr.ReceptionFact(i, u, F) for i, u in enumerate(("P", "A", "A1", "B"))]
    report = cr.compute_complaints_report(rows, receptions, PARENT, unit, F, T)
    assert report["kinds"]["complaint"]["received"] == received == report["receptions"]


def test_the_competence_recorded_on_a_step_overrides_the_cached_field():
    row = matter(step(E.RECEIVED, date(2026, 1, 5), competence=True), kind="recommendation", competence=False)
    assert counted(row) == TAKEN | {"outstanding"}


def test_a_matter_forwarded_to_a_unit_of_the_report_counts_there_only():
    original = cr.MatterFact(1, "complaint", "A", date(2026, 1, 5), (cr.Step(1, E.FORWARDED, date(2026, 1, 9), "A",
                                                                             to_unit="P"),))
    copy = matter(received=date(2026, 1, 9), unit="P", pk=2)
    received = {u: cr.compute_complaints_report([original, copy], [], PARENT, u, F, T)["kinds"]["complaint"]
                ["received"] for u in ("A", "P")}
    assert received == {"A": 1, "P": 1}


def test_a_matter_belongs_to_the_unit_that_held_it_at_the_end_of_the_period():
    moved = matter(step(E.RECEIVED, date(2026, 1, 5), unit="A"), step(E.ACCEPTED, date(2026, 2, 1), unit="B"),
                   unit="A")
    assert cr.compute_complaints_report([moved], [], PARENT, "B", F, T)["kinds"]["complaint"]["received"] == 1
    assert cr.compute_complaints_report([moved], [], PARENT, "A", F, T)["kinds"]["complaint"]["received"] == 0
    january = date(2026, 1, 31)
    assert cr.compute_complaints_report([moved], [], PARENT, "A", F, january)["kinds"]["complaint"]["received"] == 1


def test_an_unknown_unit_a_reversed_period_or_an_unknown_figure_is_refused():
    with pytest.raises(ValueError):
        cr.compute_complaints_report([], [], PARENT, "Z", F, T)
    with pytest.raises(ValueError):
        cr.compute_complaints_report([], [], PARENT, "P", T, F)
    with pytest.raises(ValueError):
        cr.drill([], [], PARENT, "P", F, T, "kinds.complaint.resolved_share")


SHARE_CASES = [
    pytest.param(2, 3, "66.67", id="two of three: 66.67, two decimals rounded half up like RATE"),
    pytest.param(1, 1, "100.00", id="all resolved: 100.00"),
    pytest.param(0, 2, "0.00", id="none resolved: 0.00"),
    pytest.param(0, 0, None, id="nothing accepted: null"),
]


@pytest.mark.parametrize(("resolved", "accepted", "share"), SHARE_CASES)
def test_the_resolved_share_is_written_like_the_rate_of_thads_report(resolved, accepted, share):
    rows = [matter(ACC, step(E.RESOLVED, date(2026, 2, 1)), pk=i) for i in range(resolved)]
    rows += [matter(ACC, pk=100 + i) for i in range(accepted - resolved)]
    assert cr.compute_complaints_report(rows, [], PARENT, "P", F, T)["kinds"]["complaint"]["resolved_share"] == share


def _no_arrays_ints_or_share(node, key="") -> bool:
    if isinstance(node, dict):
        return all(_no_arrays_ints_or_share(v, k) for k, v in node.items())
    if key == "resolved_share":
        return node is None or (isinstance(node, str) and len(node.split(".")[1]) == 2)
    return isinstance(node, int) and not isinstance(node, bool)


def test_the_json_form_has_the_issue_keys_in_order_nested_objects_and_integers():
    report = cr.compute_complaints_report([matter(ACC)], [], PARENT, "P", F, T)
    assert list(report) == ["unit", "from", "to", "receptions", "kinds"]
    assert list(report["kinds"]) == ["complaint", "denunciation", "recommendation", "procuracy"]
    for kind in report["kinds"].values():
        assert list(kind) == ["received", "accepted", "within_competence", "resolved", "resolved_on_time",
                              "withdrawn", "outstanding", "overdue", "outcomes", "resolved_share"]
        assert list(kind["outcomes"]) == ["right", "wrong", "partly_right"]
    assert (report["unit"], report["from"], report["to"]) == ("P", "2025-10-01", "2026-09-30")
    assert _no_arrays_ints_or_share({k: v for k, v in report.items() if k not in ("unit", "from", "to")})
    assert report["kinds"]["complaint"]["resolved_share"] == "0.00"


# ------------------------------------------------------------------------------------------------- pure: properties

DAYS = st.dates(date(2025, 8, 1), date(2026, 11, 30))
STEPS = st.builds(step, kind=st.sampled_from(list(E)), on=DAYS, unit=st.sampled_from(sorted(PARENT)),
                  due=st.one_of(st.none(), DAYS), outcome=st.sampled_from(["", "right", "wrong", "partly_right"]),
                  competence=st.sampled_from([None, True, False]))
MATTERS = st.builds(matter, *[], kind=st.sampled_from(list(MatterKind)), received=DAYS,
                    unit=st.sampled_from(sorted(PARENT)), pk=st.integers(1, 10**6), due=st.one_of(st.none(), DAYS),
                    outcome=st.sampled_from(["", "right"]), competence=st.sampled_from([None, True, False]))
HISTORIES = st.tuples(MATTERS, st.lists(STEPS, max_size=6)).map(
    lambda mh: matter(*mh[1], kind=mh[0].kind, received=mh[0].received_on, unit=mh[0].unit, pk=mh[0].id,
                      due=mh[0].due_on, outcome=mh[0].outcome, competence=mh[0].within_competence))
PERIODS = st.tuples(DAYS, DAYS).map(sorted)


@given(st.lists(HISTORIES, max_size=12, unique_by=lambda m: m.id), PERIODS, st.sampled_from(["P", "A", "B"]))
def test_in_every_kind_the_figures_are_ordered_and_equal_their_drill_down(matters, period, unit):
    report = cr.compute_complaints_report(matters, [], PARENT, unit, *period)
    for k in report["kinds"].values():
        assert k["resolved_on_time"] <= k["resolved"] <= k["accepted"] <= k["within_competence"] <= k["received"]
        assert k["overdue"] <= k["outstanding"] <= k["accepted"]
        assert k["withdrawn"] <= k["received"] and sum(k["outcomes"].values()) <= k["resolved"]
    for figure in cr.FIGURES:
        assert len(cr.drill(matters, [], PARENT, unit, *period, figure)) == cr.figure_value(report, figure)


@given(st.lists(HISTORIES, max_size=8, unique_by=lambda m: m.id), PERIODS, st.lists(STEPS, min_size=1, max_size=4))
def test_an_act_dated_after_the_period_never_changes_it(matters, period, later):
    date_from, date_to = period
    before = cr.compute_complaints_report(matters, [], PARENT, "P", date_from, date_to)
    grown = [cr.MatterFact(m.id, m.kind, m.unit, m.received_on, m.steps + tuple(
        cr.Step(100 + i, s.kind, date_to + timedelta(days=1 + i), s.unit, s.due_on, s.outcome, s.within_competence)
        for i, s in enumerate(later)), m.due_on, m.outcome, m.within_competence) for m in matters]
    assert cr.compute_complaints_report(grown, [], PARENT, "P", date_from, date_to) == before


# ------------------------------------------------------------------------------------------------- rows in the database

SECRET_NAME, SECRET_ID = "Người Tố Cáo Bí Mật", "001099000123"


def _history(unit, case, people, spec):
    """One matter written with the ORM: (kind, received_on, closed_on, cache fields, [(event, on, details)])."""
    from thads.complaints.models import Letter, Matter, MatterEvent

    kind, received, closed, extra, events = spec
    letter = None
    if kind == "denunciation":
        letter = Letter.objects.create(unit=unit, received_on=received, channel="post", content="Tố cáo",
                                       signatories=[{"name": SECRET_NAME, "id_number": SECRET_ID}])
        extra = {**extra, "identity": {"name": SECRET_NAME, "id_number": SECRET_ID}}
    m = Matter.objects.create(unit=unit, kind=kind, received_on=received, summary=f"Nội dung {SECRET_NAME}",
                              closed_on=closed, letter=letter, number=f"{kind[:3]}-{received:%m%d}", **extra)
    competent = unit.pk if extra.get("within_competence", True) else unit.parent_id  # as do_record_matter writes it
    for seq, (event, on, details) in enumerate([("received", received, {"competent_unit": competent}), *events],
                                               start=1):
        MatterEvent.objects.create(matter=m, seq=seq, kind=event, on=on, unit=unit, details=details,
                                   user=people["head_a"])
    return m


def _due(d: date) -> dict:
    return {"due_on": d.isoformat()}


MATTERS_OF_A_BRANCH = {
    "carried_over_resolved": ("complaint", date(2025, 9, 10), date(2025, 10, 10), {"status": "resolved"},
                              [("accepted", date(2025, 9, 15), _due(date(2025, 10, 20))),
                               ("resolved", date(2025, 10, 10), {"outcome": "right"})]),
    "overdue": ("complaint", date(2026, 3, 16), None, {"status": "accepted", "complained_act": "before_measures"},
                [("accepted", date(2026, 3, 20), {})]),
    "late": ("complaint", date(2026, 1, 5), date(2026, 1, 20), {"complained_act": "account_freeze"},
             [("accepted", date(2026, 1, 6), {}), ("resolved", date(2026, 1, 20), {"outcome": "wrong"})]),
    "denunciation": ("denunciation", date(2026, 5, 4), date(2026, 8, 1), {"status": "resolved"},
                     [("accepted", date(2026, 5, 10), {}),
                      ("extended", date(2026, 7, 1), {"stage": "resolution", "days": 30}),
                      ("resolved", date(2026, 8, 1), {"outcome": "partly_right"})]),
    "recommendation": ("recommendation", date(2026, 6, 1), date(2026, 6, 5), {}, [("resolved", date(2026, 6, 5), {})]),
    "protest": ("procuracy", date(2026, 7, 1), None, {"procuracy_act": "protest"}, []),
    "forwarded": ("complaint", date(2026, 2, 1), date(2026, 2, 3), {"within_competence": False},
                  [("forwarded", date(2026, 2, 3), {})]),
    "withdrawn": ("complaint", date(2026, 4, 1), date(2026, 4, 10), {}, [("withdrawn", date(2026, 4, 10), {})]),
    "closed_before": ("complaint", date(2025, 8, 1), date(2025, 9, 20), {},
                      [("accepted", date(2025, 8, 5), {}), ("resolved", date(2025, 9, 20), {})]),
    "resolved_after": ("complaint", date(2026, 9, 1), date(2026, 10, 5), {"due_on": date(2026, 10, 20)},
                       [("accepted", date(2026, 9, 5), _due(date(2026, 10, 20))),
                        ("resolved", date(2026, 10, 5), {"outcome": "wrong"})]),
}

EXPECTED_BRANCH = {  # one branch over statistical year 2026
    "receptions": 2,
    "kinds.complaint.received": 6, "kinds.complaint.accepted": 4, "kinds.complaint.within_competence": 5,
    "kinds.complaint.resolved": 2, "kinds.complaint.resolved_on_time": 1, "kinds.complaint.withdrawn": 1,
    "kinds.complaint.outstanding": 2, "kinds.complaint.overdue": 1, "kinds.complaint.outcomes.right": 1,
    "kinds.complaint.outcomes.wrong": 1,
    **{f"kinds.denunciation.{k}": 1 for k in ("received", "accepted", "within_competence", "resolved",
                                              "resolved_on_time", "outcomes.partly_right")},
    **{f"kinds.recommendation.{k}": 1 for k in ("received", "accepted", "within_competence", "resolved",
                                                "resolved_on_time")},
    **{f"kinds.procuracy.{k}": 1 for k in ("received", "accepted", "within_competence", "outstanding", "overdue")},
}
SHARES = {"complaint": "50.00", "denunciation": "100.00", "recommendation": "100.00", "procuracy": "0.00"}


@pytest.fixture
def world(org, people):
    """Branches A and B of province P, a case in each, the same histories in both, receptions on the edges."""
    from thads.cases.actions import ObligationData, PartyData, do_receive
    from thads.complaints.models import Reception

    units = org["units"]
    cases, matters = {}, {}
    for code, officer in (("A", "officer_a"), ("B", "officer_b")):
        unit = units[code]
        case = do_receive(people[officer], unit, on=date(2025, 9, 1), initiation="chu_dong",
                          judgment_kind="dan_su", debtors=[PartyData(f"Người phải thi hành án {code}")],
                          obligations=[ObligationData("tra_no", "person", 900_000_000)])
        cases[code] = case
        matters[code] = {name: _history(unit, case, people, spec) for name, spec in MATTERS_OF_A_BRANCH.items()}
        for name in ("carried_over_resolved", "denunciation"):
            matters[code][name].case = case
            matters[code][name].save(update_fields=["case"])
        for on in (F - timedelta(days=1), F, T):
            r = Reception.objects.create(unit=unit, on=on, content="Hỏi về tiến độ", outcome="guided",
                                         persons=[{"name": SECRET_NAME, "id_number": SECRET_ID}])
            r.cases.add(case)
    return {"units": units, "people": people, "cases": cases, "matters": matters}


def _run(*args) -> str:
    out = io.StringIO()
    call_command("complaints_report", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_service_rolls_branches_up_to_the_province(world):
    from thads.complaints.report import complaints_report

    units = world["units"]
    branch = complaints_report(units["A"], F, T)
    assert nonzero(branch) == EXPECTED_BRANCH
    assert {k: v["resolved_share"] for k, v in branch["kinds"].items()} == SHARES
    assert nonzero(complaints_report(units["P"], F, T)) == {k: 2 * v for k, v in EXPECTED_BRANCH.items()}


@pytest.mark.django_db
def test_acts_recorded_after_the_period_leave_it_unchanged(world):
    from thads.complaints.models import Matter, MatterEvent
    from thads.complaints.report import complaints_report

    unit = world["units"]["A"]
    before = complaints_report(unit, F, T)
    overdue = world["matters"]["A"]["overdue"]
    MatterEvent.objects.create(matter=overdue, seq=9, kind="extended", on=T + timedelta(days=1), unit=unit,
                               details={"stage": "resolution", **_due(date(2026, 12, 1))})
    MatterEvent.objects.create(matter=overdue, seq=10, kind="resolved", on=T + timedelta(days=2), unit=unit,
                               details={"outcome": "wrong"})
    Matter.objects.filter(pk=overdue.pk).update(status="resolved", closed_on=T + timedelta(days=2),
                                                due_on=date(2026, 12, 1), outcome="wrong", extended=True)
    assert complaints_report(unit, F, T) == before


@pytest.mark.django_db
def test_a_matter_forwarded_after_the_period_was_within_competence_in_it(world):
    from thads.complaints.models import Matter, MatterEvent
    from thads.complaints.report import complaints_report

    units = world["units"]
    before = {u: complaints_report(units[u], F, T) for u in ("A", "P")}
    protest = world["matters"]["A"]["protest"]
    MatterEvent.objects.create(matter=protest, seq=2, kind="forwarded", on=T + timedelta(days=3), unit=units["A"],
                               details={"to_unit": units["P"].pk, "to_body": "Cục"})
    Matter.objects.filter(pk=protest.pk).update(status="forwarded", closed_on=T + timedelta(days=3),
                                                within_competence=False)
    copy = Matter.objects.create(unit=units["P"], kind="procuracy", procuracy_act="protest", summary="Kháng nghị",
                                 received_on=T + timedelta(days=3), within_competence=True)
    MatterEvent.objects.create(matter=copy, seq=1, kind="received", on=T + timedelta(days=3), unit=units["P"],
                               details={"competent_unit": units["P"].pk, "forwarded_from": protest.pk})
    assert {u: complaints_report(units[u], F, T) for u in ("A", "P")} == before


@pytest.mark.django_db
def test_a_letter_forwarded_inside_the_province_counts_once_in_its_report(world):
    from thads.complaints.models import Matter, MatterEvent
    from thads.complaints.report import complaints_report

    units, on = world["units"], date(2026, 4, 2)
    before = {u: complaints_report(units[u], F, T)["kinds"]["complaint"] for u in ("A", "P")}
    original = Matter.objects.create(unit=units["A"], kind="complaint", summary="Khiếu nại", received_on=on,
                                     within_competence=False, status="forwarded", closed_on=on)
    MatterEvent.objects.create(matter=original, seq=1, kind="received", on=on, unit=units["A"],
                               details={"competent_unit": units["P"].pk})
    MatterEvent.objects.create(matter=original, seq=2, kind="forwarded", on=on, unit=units["A"],
                               details={"to_unit": units["P"].pk})
    copy = Matter.objects.create(unit=units["P"], kind="complaint", summary="Khiếu nại", received_on=on,
                                 within_competence=True)
    MatterEvent.objects.create(matter=copy, seq=1, kind="received", on=on, unit=units["P"],
                               details={"competent_unit": units["P"].pk, "forwarded_from": original.pk})
    after = {u: complaints_report(units[u], F, T)["kinds"]["complaint"] for u in ("A", "P")}
    assert (after["A"]["received"], after["A"]["within_competence"]) == (before["A"]["received"] + 1,
                                                                         before["A"]["within_competence"])
    assert (after["P"]["received"], after["P"]["within_competence"]) == (before["P"]["received"] + 1,
                                                                         before["P"]["within_competence"] + 1)


@pytest.mark.django_db
def test_the_command_prints_the_json_of_a_statistical_year_exactly_shaped(world):
    text = _run("--unit", "P", "--year", "2026")
    report = json.loads(text)
    assert text == json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    assert list(report) == ["unit", "from", "to", "receptions", "kinds"]
    assert (report["unit"], report["from"], report["to"]) == ("P", "2025-10-01", "2026-09-30")
    assert _no_arrays_ints_or_share({k: v for k, v in report.items() if k not in ("unit", "from", "to")})
    assert {k: v["resolved_share"] for k, v in report["kinds"].items()} == SHARES
    assert report["kinds"]["complaint"]["received"] == 12 and report["receptions"] == 4


PERIOD_CASES = [
    pytest.param(("--unit", "A", "--year", "2026", "--months", "1"), ("2025-10-01", "2025-10-31"),
                 {"receptions": 1, **{f"kinds.complaint.{k}": 1 for k in (
                     "received", "accepted", "within_competence", "resolved", "resolved_on_time",
                     "outcomes.right")}}, id="one month: October, the matter carried over resolved"),
    pytest.param(("--unit", "B", "--from", "2026-03-01", "--to", "2026-03-31"), ("2026-03-01", "2026-03-31"),
                 {"kinds.complaint.received": 1, "kinds.complaint.accepted": 1,
                  "kinds.complaint.within_competence": 1, "kinds.complaint.outstanding": 1},
                 id="any dates: accepted in March, not yet due at its end"),
    pytest.param(("--unit", "B", "--from", "2026-09-30", "--to", "2026-09-30"), ("2026-09-30", "2026-09-30"),
                 {"receptions": 1, "kinds.complaint.received": 2, "kinds.complaint.accepted": 2,
                  "kinds.complaint.within_competence": 2, "kinds.complaint.outstanding": 2,
                  "kinds.complaint.overdue": 1, **{f"kinds.procuracy.{k}": 1 for k in (
                      "received", "accepted", "within_competence", "outstanding", "overdue")}},
                 id="a single day: only what is open is carried over"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("args", "span", "figures"), PERIOD_CASES)
def test_the_command_takes_the_periods_of_thads_report(world, args, span, figures):
    report = json.loads(_run(*args))
    assert (report["from"], report["to"]) == span
    assert nonzero(report) == figures


def _sheet_values(data: bytes) -> list[tuple]:
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    return [tuple(row) for row in ws.iter_rows(values_only=True)]


@pytest.mark.django_db
def test_the_command_writes_an_xlsx_that_opens_with_the_figures_and_a_pdf(world, tmp_path):
    out = tmp_path / "k.xlsx"
    _run("--unit", "P", "--year", "2026", "--format", "xlsx", "-o", str(out))
    by_label = {r[1]: r[2:] for r in _sheet_values(out.read_bytes()) if r[1]}
    assert by_label["Khiếu nại"][:8] == (12, 8, 10, 4, 2, 2, 4, 2)
    assert by_label["Khiếu nại"][8:] == (2, 2, 0, pytest.approx(50.0))
    assert by_label["Kháng nghị, kiến nghị, yêu cầu của Viện kiểm sát"][-1] == 0
    assert by_label["Số lượt tiếp công dân"][0] == 4
    pdf = tmp_path / "k.pdf"
    _run("--unit", "P", "--year", "2026", "--format", "pdf", "-o", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")


# ------------------------------------------------------------------------------------------------- the page


@pytest.mark.django_db
@pytest.mark.urls("tests.test_complaints_report")
def test_every_figure_of_the_page_equals_its_drill_down_list(world):
    c = _client(world["people"]["statistician_p"])
    page = c.get(f"/complaints/report/?unit=P&{YEAR_Q}")
    assert page.status_code == 200
    report = page.context["report"]
    assert nonzero(report) == {k: 2 * v for k, v in EXPECTED_BRANCH.items()}
    body = page.content.decode()
    for figure in cr.FIGURES:
        url = f"/complaints/report/list/?unit=P&{YEAR_Q}&fig={figure}"
        assert url.replace("&", "&amp;") in body, figure
        listed = c.get(url)
        assert listed.status_code == 200, figure
        ctx = listed.context
        assert ctx["count"] == ctx["value"] == cr.figure_value(report, figure) == len(ctx["rows"]), figure
        assert ctx["matches"]
        text = listed.content.decode()
        assert SECRET_NAME not in text and SECRET_ID not in text, figure
        for case_id in {world["cases"]["A"].pk, world["cases"]["B"].pk}:
            assert (f'href="/cases/{case_id}/"' in text) == any(
                getattr(r, "case_id", None) == case_id or case_id in dict(getattr(r, "cases", ())) for r in ctx["rows"])


@pytest.mark.django_db
@pytest.mark.urls("tests.test_complaints_report")
def test_the_drill_down_of_a_denunciation_never_shows_the_denunciator(world):
    from thads.deadlines.service import current_calendar
    from thads.domain.petition_rules import resolution_due

    c = _client(world["people"]["head_a"])
    listed = c.get(f"/complaints/report/list/?unit=A&{YEAR_Q}&fig=kinds.denunciation.received")
    rows = listed.context["rows"]
    assert [r.id for r in rows] == [world["matters"]["A"]["denunciation"].pk]
    extended = resolution_due(current_calendar(), "denunciation", "", 1, date(2026, 5, 10), extension_days=30)
    assert (rows[0].status, rows[0].due_on) == ("resolved", extended) and extended > date(2026, 8, 1)
    download = c.get(f"/complaints/report/list/?unit=A&{YEAR_Q}&fig=kinds.denunciation.received&format=xlsx")
    cells = " ".join(str(v) for row in _sheet_values(b"".join(download.streaming_content)) for v in row)
    assert SECRET_NAME not in cells and SECRET_ID not in cells and "den-0504" in cells


@pytest.mark.django_db
@pytest.mark.urls("tests.test_complaints_report")
def test_the_page_downloads_an_xlsx_and_a_pdf_and_the_lists_an_xlsx(world):
    c = _client(world["people"]["head_a"])
    response = c.get(f"/complaints/report/xlsx/?unit=A&{YEAR_Q}")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    by_label = {r[1]: r[2:] for r in _sheet_values(response.content) if r[1]}
    assert by_label["Khiếu nại"][:3] == (6, 4, 5)
    pdf = c.get(f"/complaints/report/pdf/?unit=A&{YEAR_Q}")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    listed = c.get(f"/complaints/report/list/?unit=A&{YEAR_Q}&fig=receptions&format=xlsx")
    rows = _sheet_values(b"".join(listed.streaming_content))
    assert len(rows) == 1 + 2 and rows[1][-1] == world["cases"]["A"].ext_id
    assert SECRET_NAME not in " ".join(str(v) for row in rows for v in row)


@pytest.mark.django_db
@pytest.mark.urls("tests.test_complaints_report")
def test_a_range_of_dates_is_reported_like_the_command(world):
    c = _client(world["people"]["statistician_p"])
    page = c.get("/complaints/report/?unit=B&mode=range&date_from=2026-03-01&date_to=2026-03-31")
    assert page.context["report"] == json.loads(_run("--unit", "B", "--from", "2026-03-01", "--to", "2026-03-31"))


@pytest.mark.django_db
@pytest.mark.urls("tests.test_complaints_report")
def test_the_default_page_reports_the_users_unit_and_the_statistics_tabs_link_to_it(world):
    c = _client(world["people"]["head_b"])
    response = c.get("/complaints/report/")
    assert response.status_code == 200 and response.context["report"]["unit"] == "B"
    assert 'href="/complaints/report/"' in c.get("/statistics/").content.decode()


# ------------------------------------------------------------------------------------------------- pure: due dates

DUE_CASES = [
    pytest.param("complaint", "account_freeze", [(E.ACCEPTED, date(2026, 2, 9), {}), (E.RESOLVED, date(2026, 2, 27), {})],
                 False, id="Art. 146.2: an account freeze resolved after 5 working days that span Tết 2026: late"),
    pytest.param("complaint", "account_freeze", [(E.ACCEPTED, date(2026, 2, 9), {}), (E.RESOLVED, date(2026, 2, 23), {})],
                 True, id="Art. 146.2: the 5 working days skip the Tết 2026 holidays (due 23/02): on time"),
    pytest.param("denunciation", "", [(E.ACCEPTED, date(2026, 5, 11), {}), (E.RESOLVED, date(2026, 8, 1), {})],
                 False, id="Art. 157.2: a denunciation resolved after its 60 days: late"),
    pytest.param("denunciation", "", [(E.ACCEPTED, date(2026, 5, 11), {}),
                                      (E.EXTENDED, date(2026, 7, 1), {"stage": "resolution", "days": 30}),
                                      (E.RESOLVED, date(2026, 8, 1), {})],
                 True, id="Art. 157.2: within the 90 days of its extension: on time"),
    pytest.param("denunciation", "", [(E.EXTENDED, date(2026, 5, 8), {"stage": "acceptance"}),
                                      (E.ACCEPTED, date(2026, 5, 15), {}), (E.RESOLVED, date(2026, 7, 20), {})],
                 False, id="TT 13/2021 Art. 16.1: extending the acceptance does not extend the resolution"),
    pytest.param("recommendation", "", [(E.RESOLVED, date(2026, 6, 9), {})], False,
                 id="TT 13/2021 Art. 28: a recommendation answered after 5 working days: late"),
    pytest.param("procuracy", "", [(E.RESOLVED, date(2026, 6, 16), {})], True,
                 id="Art. 161.1: a protest answered within 15 days: on time"),
]


@pytest.mark.parametrize(("kind", "act", "history", "on_time"), DUE_CASES)
def test_on_time_means_by_the_due_date_of_the_deadline_rules_as_it_stood_at_the_resolution(kind, act, history,
                                                                                          on_time):
    from thads.domain.calendar import national_calendar

    steps = tuple(cr.Step(i, k, on, "A", details=d) for i, (k, on, d) in enumerate(history, start=1))
    m = cr.with_dues(cr.MatterFact(1, kind, "A", date(2026, 6, 1) if kind in ("recommendation", "procuracy")
                                   else date(2026, 2, 5), steps), national_calendar(2025, 2027),
                     complained_act=act, procuracy_act="protest" if kind == "procuracy" else "")
    keys = counted(m)
    assert "resolved" in keys and ("resolved_on_time" in keys) == on_time


# ------------------------------------------------------------------------------------------------- through the actions


@pytest.mark.django_db
def test_the_report_reads_the_history_the_actions_write(world):
    """Rows written by ``complaints.actions`` (not the ORM): the extension of Art. 146.3 keeps a resolution on time,
    a recommendation answered after its 5 working days (TT 13/2021 Art. 28) is late, and a complaint against the
    branch's head forwarded to the province (Art. 142.2.b) is counted once in the province's report."""
    from thads.complaints import actions as ca
    from thads.complaints import actions_matters as cm
    from thads.complaints.report import complaints_report

    units, head = world["units"], world["people"]["head_a"]
    before = {u: complaints_report(units[u], F, T)["kinds"] for u in ("A", "P")}
    c = ca.do_record_matter(head, units["A"].pk, kind="complaint", received_on=date(2026, 3, 3), summary="Khiếu nại",
                            complained_act="before_measures", act_known_on=date(2026, 3, 1), respondent="officer")
    cm.do_accept(head, c.pk, on=date(2026, 3, 5))
    cm.do_extend(head, c.pk, on=date(2026, 3, 18), reason="Vụ việc phức tạp")
    cm.do_resolve(head, c.pk, on=date(2026, 4, 10), outcome="right", decision_no="01/QĐ-GQKN")
    r = ca.do_record_matter(head, units["A"].pk, kind="recommendation", received_on=date(2026, 6, 1),
                            summary="Kiến nghị")
    cm.do_resolve(head, r.pk, on=date(2026, 6, 9))
    f = ca.do_record_matter(head, units["A"].pk, kind="complaint", received_on=date(2026, 4, 1), summary="Khiếu nại",
                            complained_act="before_measures", act_known_on=date(2026, 3, 30), respondent="head")
    cm.do_forward(head, f.pk, on=date(2026, 4, 2), to_unit_id=units["P"].pk)
    after = {u: complaints_report(units[u], F, T)["kinds"] for u in ("A", "P")}

    def grew(unit, kind):
        return {k: after[unit][kind][k] - before[unit][kind][k] for k in cr.COUNTS if after[unit][kind][k]
                != before[unit][kind][k]}

    assert grew("A", "complaint") == {"received": 2, "accepted": 1, "within_competence": 1, "resolved": 1,
                                      "resolved_on_time": 1}
    assert grew("A", "recommendation") == {"received": 1, "accepted": 1, "within_competence": 1, "resolved": 1}
    assert grew("P", "complaint") == {"received": 2, "accepted": 1, "within_competence": 2, "resolved": 1,
                                      "resolved_on_time": 1}
