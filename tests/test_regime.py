"""Issue 14 items 14–17: the act rules and deadline rules by the act's date (original Art. 45 before 01/07/2015,
Decree 152/2026 from 01/07/2026), Art. 39 notices of every decision, citations, the coercion calendar. Pure."""

from __future__ import annotations

import inspect
from datetime import date

import pytest

from thads.domain import calendar as calendar_module
from thads.domain import deadline_rules, legal_bases, legal_texts
from thads.domain.act_types import Act, CaseFacts, Intake
from thads.domain.acts import check
from thads.domain.calendar import CalendarRow, DayKind, WorkCalendar
from thads.domain.coercion_calendar import coercion_refusal
from thads.domain.deadlines import ActRecord, open_deadlines
from thads.domain.errors import RuleViolation
from thads.domain.history import CaseHistory
from thads.domain.money import ObligationDue
from thads.domain.records import CaseRec, EventRec, ObligationRec
from thads.domain.report import GroupMapping, compute_report
from thads.domain.states import EventKind, Phase

CAL = WorkCalendar((2013, 2028), library=False, data_rows=())  # weekends only: counts easy to check by hand
FEE = ObligationDue("1", "an_phi", 5_000_000, "state")


def _unable(intake: Intake, since: date, **kw: object) -> CaseFacts:
    return CaseFacts(phase=Phase.NOT_YET_ABLE, intake=intake, ground="44a.1.a", unable_since=since,
                     reverification_count=2, decided_on=date(2023, 1, 5), last_act_on=since, unit="A",
                     obligations=(FEE,), **kw)


def _outcome(act: Act, facts: CaseFacts, on: date) -> str:
    try:
        out = check(act, facts, on, today=on)
    except RuleViolation as exc:
        return exc.code
    return f"{out.phase.value}:{out.event.value if out.event else ''}:{out.facts.ground or ''}"


# ------------------------------------------------------------------------------------------ item 14: act table

@pytest.mark.parametrize(("act", "intake", "since", "on", "expected"), [
    # Decree 62/2015 Art. 9.5.a: 1 year (acts before 01/07/2026)
    (Act.SEPARATE_BOOK, Intake.JUDGMENT, date(2025, 1, 10), date(2026, 6, 1), "SEPARATE_BOOK:separate_book:44a.1.a"),
    (Act.SEPARATE_BOOK, Intake.REQUEST, date(2025, 1, 10), date(2026, 6, 1), "SEPARATE_BOOK:separate_book:44a.1.a"),
    # Decree 152/2026 Art. 22: 2 years for an act dated from 01/07/2026 (Art. 115: further steps, new decree)
    (Act.SEPARATE_BOOK, Intake.JUDGMENT, date(2025, 1, 10), date(2026, 7, 1), "separate_book.too_early"),
    (Act.SEPARATE_BOOK, Intake.JUDGMENT, date(2024, 6, 1), date(2026, 7, 1), "SEPARATE_BOOK:separate_book:44a.1.a"),
    # Decree 152/2026 Art. 22.2: on request the request is returned, not put in the separate book
    (Act.SEPARATE_BOOK, Intake.REQUEST, date(2024, 6, 1), date(2026, 7, 1), "separate_book.route"),
    (Act.RETURN_REQUEST, Intake.REQUEST, date(2024, 6, 1), date(2026, 7, 1), "TERMINATED:terminated:38.4"),
    (Act.RETURN_REQUEST, Intake.REQUEST, date(2025, 1, 10), date(2026, 7, 1), "separate_book.too_early"),
    (Act.RETURN_REQUEST, Intake.JUDGMENT, date(2024, 6, 1), date(2026, 7, 1), "separate_book.route"),
    (Act.RETURN_REQUEST, Intake.REQUEST, date(2024, 6, 1), date(2026, 6, 30), "separate_book.route"),
], ids=["D62-9.5-proactive-1y", "D62-9.5-on-request-1y", "D152-22-2y-too-early", "D152-22.1-proactive-2y",
        "D152-22.2-no-separate-book-on-request", "D152-22.2-return", "D152-22-return-too-early",
        "D152-22.1-no-return-proactive", "D152-22.2-no-return-before-2026-07"])
def test_decree_152_art_22_regime_chosen_by_the_act_date(act, intake, since, on, expected):
    assert _outcome(act, _unable(intake, since), on) == expected


@pytest.mark.parametrize(("notified", "voluntary_until"), [
    (date(2015, 6, 1), date(2015, 6, 16)),  # Law 26/2008 original Art. 45.1: 15 days
    (date(2015, 7, 1), date(2015, 7, 13)),  # Law 64/2014: 10 days → Sat 11/07, rolled (Civil Code Art. 148.5)
    (date(2026, 8, 3), date(2026, 8, 13)),
], ids=["L26-2008-Art45.1-original-15-days", "L64-2014-Art45.1-10-days", "2026-10-days"])
def test_voluntary_period_by_the_notice_date(notified, voluntary_until):
    facts = CaseFacts(phase=Phase.DECIDED, intake=Intake.JUDGMENT, decided_on=notified, last_act_on=notified)
    assert check(Act.NOTIFY_DEBTOR, facts, notified, today=notified).facts.voluntary_until == voluntary_until


@pytest.mark.parametrize(("request_on", "kw", "expected"), [
    (date(2026, 3, 1), {}, "limitation.expired"),  # Art. 30; Decree 62 Art. 7.2 → refuse under 31.5.c
    (date(2026, 3, 1), {"late_accepted": True}, "limitation.expired"),  # no head's acceptance before 07/2026
    (date(2026, 8, 1), {}, "limitation.expired"),  # Decree 152/2026 Art. 10.2: only if the head accepts
    (date(2026, 8, 1), {"late_accepted": True}, "DECIDED"),
], ids=["L2008-Art30-late", "L2008-Art30-no-acceptance", "D152-10.2-late-not-accepted", "D152-10.2-late-accepted"])
def test_late_requests_decree_152_art_10(request_on, kw, expected):
    facts = CaseFacts(intake=Intake.REQUEST, request_on=request_on, request_deadline=date(2026, 1, 1))
    try:
        got = check(Act.DECIDE, facts, request_on, today=request_on, officer="CHV-1", **kw).phase.value
    except RuleViolation as exc:
        got = exc.code
    assert got == expected


def _history(events: list[tuple[str, str, str | None]]) -> CaseHistory:
    case = CaseRec(id="R1", unit="A", decided_on=date(2023, 1, 5), initiation="theo_don", judgment_kind="dan_su",
                   decision_no=None, judgment=None, officer=None, debtor=None, creditor=None,
                   obligations=(ObligationRec("1", "tra_no", "person", 100),))
    return CaseHistory(case, tuple(EventRec(case="R1", on=date.fromisoformat(on), kind=EventKind(kind), ground=g)
                                   for on, kind, g in events))


@pytest.mark.parametrize(("mapping", "bucket"), [(GroupMapping(), "DC"), (GroupMapping(returned_request="TH"), "TH"),
                                                 (GroupMapping(returned_request="UT"), "UT")],
                         ids=["D152-22.2-default-DC", "D152-22.2-configured-TH", "D152-22.2-configured-UT"])
def test_a_returned_request_is_placed_by_the_group_mapping(mapping, bucket):
    h = _history([("2024-03-01", "classified_unable", "44a.1.a"), ("2026-09-01", "terminated", "38.4")])
    report = compute_report([h], {"A": None}, "A", date(2025, 10, 1), date(2026, 9, 30), mapping=mapping)
    assert report["cases"][bucket] == 1 and report["money"][bucket] == 100
    assert sum(report["cases"][k] for k in ("UT", "TH", "DC")) == 1


# ------------------------------------------------------------------------------------------ item 14: deadlines

@pytest.mark.parametrize(("notified", "due", "overdue"), [
    # 04/05/2015 + 15 days (original Art. 45.1) = 19/05, + 10 days (Art. 44.1) = 29/05: not overdue on 27/05
    (date(2015, 5, 4), date(2015, 5, 29), False),
    # 06/07/2015 + 10 days = 16/07, + 10 days = 26/07 (Sunday) → 27/07 (Civil Code Art. 148.5)
    (date(2015, 7, 6), date(2015, 7, 27), False),
], ids=["L26-2008-Art44.1+45.1-original-15-days", "L64-2014-Art44.1+45.1-10-days"])
def test_legacy_histories_verify_after_the_15_day_voluntary_period(notified, due, overdue):
    # With the 10-day rule the 2015 notice would be due on 25/05 and shown overdue on 27/05: a false overdue.
    got = {d.code: d for d in open_deadlines([ActRecord(Act.NOTIFY_DEBTOR, notified)], CaseFacts(), CAL,
                                             date(2015, 5, 27) if notified.month < 7 else notified)}
    assert (got["verify.start"].due, got["verify.start"].overdue) == (due, overdue)


# ------------------------------------------------------------------------------------------ item 15: Art. 39

@pytest.mark.parametrize("act", [Act.POSTPONE, Act.SUSPEND, Act.TERMINATE, Act.REVOKE, Act.ENTRUST_OUT,
                                 Act.RESUME, Act.CLASSIFY_UNABLE, Act.RETURN_REQUEST])
def test_art_39_every_decision_is_notified_within_3_working_days(act):
    on = date(2026, 9, 1)  # Tuesday
    found = [d for d in open_deadlines([ActRecord(Act.DECIDE, date(2026, 8, 3)), ActRecord(act, on)],
                                       CaseFacts(), CAL, on) if d.code == "notify.other_decision"]
    assert [(d.due, d.trigger) for d in found] == [(date(2026, 9, 4), act.value)]
    closed = open_deadlines([ActRecord(act, on), ActRecord("notify_decision", date(2026, 9, 2))], CaseFacts(), CAL,
                            on)
    assert "notify.other_decision" not in {d.code for d in closed}


# ------------------------------------------------------------------------------------------ item 16: citations

@pytest.mark.parametrize(("where", "text", "absent"), [
    (inspect.getsource(calendar_module.WorkCalendar.roll), "148.5", "148.2"),
    (inspect.getsource(calendar_module.WorkCalendar.add_months), "148.3", "148.1"),
    (inspect.getsource(deadline_rules.CountUnit), "148.5", "148.2"),
    (calendar_module.__doc__, "188/1999/QĐ-TTg Art. 1", "legal instrument UNVERIFIED"),
    (deadline_rules.D62, "33/2020", None),
    (legal_texts.DECREE_62, "Nghị định số 33/2020/NĐ-CP", None),
    (legal_texts.DECREE_62, "Nghị định số 152/2024/NĐ-CP", None),
    (legal_bases.__doc__, "d (recovery of land-use rights", None),
], ids=["BLDS-148.5-roll", "BLDS-148.3-months", "BLDS-148.5-count-unit", "QD-188-1999-Art1-40-hour-week",
        "D62-as-amended-deadlines", "D62-as-amended-33-2020-documents", "D62-as-amended-152-2024-documents",
        "L2008-Art36.2.d"])
def test_citations(where, text, absent):
    assert text in where
    if absent:
        assert absent not in where


def test_art_36_2_d_point_of_a_recovery_to_the_state_fund():
    assert legal_bases.proactive_points([], state_fund_recovery=True) == ["d"]
    assert legal_texts.PROACTIVE_POINT_TEXT["d"].startswith("Thu hồi quyền sử dụng đất")


# ------------------------------------------------------------------------------------------ item 17: coercion

TET_2027 = date(2027, 2, 6)  # mùng 1 Tết Đinh Mùi


@pytest.mark.parametrize(("on", "mobilised", "refused"), [
    (date(2027, 1, 25), True, True),  # Monday within 15 days before Tết: Decree 62 Art. 13.2 / Decree 152 Art. 42
    (date(2027, 1, 25), False, False),  # no mobilised forces: the Tết rule does not apply
    (date(2027, 1, 23), False, True),  # Saturday: Art. 46.2 applies to every coercion
    (date(2027, 1, 23), True, True),
    (date(2027, 2, 22), True, False),  # Monday, 16 days after Tết
    (date(2027, 2, 21), True, True),  # Sunday
    (date(2026, 12, 21), True, False),  # a December Monday well before the window
], ids=["D62-13.2-tet-mobilised", "D62-13.2-tet-not-mobilised", "L2008-46.2-rest-day", "L2008-46.2-rest-day-mob",
        "D62-13.2-after-window", "L2008-46.2-sunday", "ordinary-day"])
def test_coercion_calendar(on, mobilised, refused):
    cal = WorkCalendar((2026, 2028))
    assert cal.lunar_new_year(2027) == TET_2027
    assert (coercion_refusal(on, mobilised_forces=mobilised, calendar=cal) is not None) is refused


def test_a_unit_closure_is_no_legal_rest_day_for_coercion():
    cal = WorkCalendar((2026, 2028), rows=[CalendarRow(date(2026, 12, 21), DayKind.UNIT_CLOSURE, unit="A")])
    assert coercion_refusal(date(2026, 12, 21), mobilised_forces=False, calendar=cal) is None
