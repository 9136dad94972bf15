"""The pure rules of complaints, denunciations, recommendations and the procuracy's protests
(``thads.domain.petition_rules``), as tables citing the article. Tết 2026: Tuesday 17/02/2026, days off Saturday
14/02 to Sunday 22/02 (the national calendar)."""

from __future__ import annotations

from datetime import date

import pytest

from thads.domain.calendar import national_calendar
from thads.domain.petition_rules import (
    STEP_TITLES,
    MatterEventRec,
    MatterRec,
    Step,
    archive_refusal,
    complaint_time_limit_ends,
    escalation_refusal,
    matter_deadlines,
    outcome_refusal,
    resolution_due,
    resolver_unit,
    time_limit_refusal,
    title_may,
    transition_refusal,
)

D = date
CAL = national_calendar()

# ------------------------------------------------------------------------------------------------ time limits

TIME_LIMITS = [
    # act, level, known on, last day, why
    ("before_measures", 1, D(2026, 2, 1), D(2026, 2, 23), "Art. 140.2.a: 15 days end on Tết 16/02, rolled to 23/02"),
    ("before_measures", 1, D(2026, 3, 2), D(2026, 3, 17), "Art. 140.2.a: 15 days, a working day"),
    ("account_freeze", 1, D(2026, 2, 12), D(2026, 2, 24), "Art. 140.2.b: 3 working days over Tết (13, 23, 24/02)"),
    ("account_freeze", 1, D(2026, 3, 5), D(2026, 3, 10), "Art. 140.2.b: 3 working days over a weekend"),
    ("other_security", 1, D(2026, 2, 5), D(2026, 2, 23), "Art. 140.2.b: 10 days end on 15/02 (Tết), rolled"),
    ("coercive", 1, D(2026, 1, 20), D(2026, 2, 23), "Art. 140.2.c: 30 days end on 19/02 (Tết), rolled"),
    ("after_coercion", 1, D(2026, 3, 2), D(2026, 4, 1), "Art. 140.2.d: 30 days"),
    ("coercive", 2, D(2026, 3, 2), D(2026, 3, 17), "Art. 140.2 last paragraph: the next level, 15 days"),
]


@pytest.mark.parametrize("act, level, known_on, last, why", TIME_LIMITS, ids=[t[-1].split(":")[0] + f" {t[0]}"
                                                                               for t in TIME_LIMITS])
def test_the_time_limit_to_complain_depends_on_the_act_and_rolls_past_days_off(act, level, known_on, last, why):
    assert complaint_time_limit_ends(CAL, act, known_on, level) == last, why
    assert time_limit_refusal(CAL, act, known_on, last, level) is None
    refusal = time_limit_refusal(CAL, act, known_on, date.fromordinal(last.toordinal() + 1), level)
    assert refusal is not None and refusal.code == "complaint.time_limit"


def test_an_objective_obstacle_is_not_counted_in_the_time_limit():
    """Art. 140.2 (the time of an objective obstacle or force majeure is not counted); Decree 62 Art. 38.6."""
    plain = complaint_time_limit_ends(CAL, "after_coercion", D(2026, 3, 2))
    assert complaint_time_limit_ends(CAL, "after_coercion", D(2026, 3, 2), obstacle_days=7) == D(2026, 4, 8) > plain


def test_a_complaint_without_its_act_or_date_cannot_be_timed():
    assert time_limit_refusal(CAL, "", D(2026, 3, 2), D(2026, 3, 3)).field == "complained_act"
    assert time_limit_refusal(CAL, "coercive", None, D(2026, 3, 3)).field == "act_known_on"


# ------------------------------------------------------------------------------------------------ resolution

RESOLUTIONS = [
    # kind, act, level, accepted, extension days, due, why
    ("complaint", "before_measures", 1, D(2026, 3, 2), 0, D(2026, 3, 17), "Art. 146.1 first level 15 days"),
    ("complaint", "before_measures", 2, D(2026, 3, 2), 0, D(2026, 4, 1), "Art. 146.1 second level 30 days"),
    ("complaint", "account_freeze", 1, D(2026, 2, 12), 0, D(2026, 2, 26), "Art. 146.2 5 working days over Tết"),
    ("complaint", "other_security", 1, D(2026, 3, 5), 0, D(2026, 3, 12), "Art. 146.2 5 working days"),
    ("complaint", "coercive", 1, D(2026, 3, 2), 0, D(2026, 4, 1), "Art. 146.3 first level 30 days"),
    ("complaint", "coercive", 2, D(2026, 3, 2), 0, D(2026, 4, 16), "Art. 146.3 second level 45 days"),
    ("complaint", "coercive", 1, D(2026, 3, 2), 30, D(2026, 5, 4), "Art. 146.3 +30 days, past 30/04-03/05"),
    ("complaint", "after_coercion", 1, D(2026, 2, 2), 0, D(2026, 2, 23), "Art. 146.4 15 days end in Tết, rolled"),
    ("complaint", "after_coercion", 2, D(2026, 3, 2), 0, D(2026, 4, 1), "Art. 146.4 second level 30 days"),
    ("complaint", "before_measures", 1, D(2026, 3, 2), 45, D(2026, 4, 16), "Art. 146.5 extension capped at 30 days"),
    ("denunciation", "", 1, D(2026, 1, 2), 0, D(2026, 3, 3), "Art. 157.2 60 days"),
    ("denunciation", "", 1, D(2026, 1, 2), 1, D(2026, 4, 2), "Art. 157.2 complex: 90 days"),
]


@pytest.mark.parametrize("kind, act, level, accepted, ext, due, why", RESOLUTIONS, ids=[t[-1] for t in RESOLUTIONS])
def test_the_resolution_deadline_counts_from_acceptance(kind, act, level, accepted, ext, due, why):
    assert resolution_due(CAL, kind, act, level, accepted, ext) == due, why


def test_recommendations_have_no_resolution_period():
    assert resolution_due(CAL, "recommendation", "", 1, D(2026, 3, 2)) is None


# ------------------------------------------------------------------------------------------------ deadlines of a matter

def _rec(**kw) -> MatterRec:
    base = {"matter_id": 7, "kind": "complaint", "status": "received", "received_on": D(2026, 2, 10),
            "complained_act": "coercive"}
    return MatterRec(**{**base, **kw})


OPEN = [
    (_rec(), "complaint.accept", D(2026, 2, 24), "Art. 148: accept within 5 working days (11, 12, 13, 23, 24/02)"),
    (_rec(level=2), "complaint.accept", D(2026, 2, 23), "TT 13/2021 Art. 9.1: second complaint 10 days, rolled"),
    (_rec(within_competence=False), "complaint.forward", D(2026, 2, 24), "TT 13/2021 Art. 8.2: forward in 5 WD"),
    (_rec(kind="denunciation"), "denunciation.accept", D(2026, 2, 26), "TT 13/2021 Art. 16.1: 7 working days"),
    (_rec(kind="denunciation", events=(MatterEventRec("extended", D(2026, 2, 12), {"stage": "acceptance"}),)),
     "denunciation.accept", D(2026, 3, 3), "TT 13/2021 Art. 16.1: 10 working days with checks"),
    (_rec(kind="denunciation", within_competence=False), "denunciation.forward", D(2026, 2, 24),
     "TT 13/2021 Art. 16.2: forward in 5 WD"),
    (_rec(kind="recommendation"), "recommendation.answer", D(2026, 2, 24), "TT 13/2021 Art. 28: 5 working days"),
    (_rec(kind="report"), "recommendation.answer", D(2026, 2, 24), "TT 13/2021 Art. 28: a report too"),
    (_rec(kind="procuracy", procuracy_act="protest", received_on=D(2026, 2, 3)), "procuracy.protest", D(2026, 2, 23),
     "Art. 161.1: a protest answered within 15 days, rolled past Tết"),
    (_rec(status="accepted", accepted_on=D(2026, 2, 12), complained_act="account_freeze"), "complaint.resolve",
     D(2026, 2, 26), "Art. 146.2: account freeze 5 working days across Tết"),
    (_rec(status="accepted", accepted_on=D(2026, 3, 2),
          events=(MatterEventRec("extended", D(2026, 3, 20), {"stage": "resolution", "days": 30}),)),
     "complaint.resolve", D(2026, 5, 4), "Art. 146.3: extended by 30 days"),
    (_rec(kind="procuracy", procuracy_act="protest", status="resolved", outcome="right", closed_on=D(2026, 2, 13)),
     "procuracy.carry_out", D(2026, 2, 27), "Art. 161.1 second paragraph: carry out an accepted protest in 5 WD"),
]


@pytest.mark.parametrize("rec, code, due, why", OPEN, ids=[t[-1].split(":")[0] + f" {t[1]}" for t in OPEN])
def test_each_step_of_a_matter_opens_its_deadline(rec, code, due, why):
    [dl] = matter_deadlines(rec, CAL, D(2026, 2, 10))
    assert (dl.code, dl.due, dl.trigger) == (code, due, "matter:7"), why
    assert dl.article


CLOSED = [
    (_rec(status="resolved", outcome="right", closed_on=D(2026, 3, 1)), "a resolved complaint"),
    (_rec(status="forwarded"), "a forwarded letter"),
    (_rec(status="archived"), "an archived letter"),
    (_rec(status="withdrawn"), "a withdrawn complaint"),
    (_rec(kind="procuracy", procuracy_act="protest", status="resolved", outcome="wrong", closed_on=D(2026, 2, 13)),
     "a protest not accepted (nothing to carry out)"),
    (_rec(kind="procuracy", procuracy_act="protest", status="resolved", outcome="right", closed_on=D(2026, 2, 13),
          events=(MatterEventRec("linked", D(2026, 2, 16), {"case_event_id": 3}),)),
     "a protest carried out by a linked act"),
]


@pytest.mark.parametrize("rec, why", CLOSED, ids=[t[-1] for t in CLOSED])
def test_a_closed_matter_has_no_open_deadline(rec, why):
    assert matter_deadlines(rec, CAL, D(2026, 2, 10)) == [], why


# ------------------------------------------------------------------------------------------------ competence

CHAIN = (30, 20, 10)  # branch → province → national department
COMPETENCE = [
    ("complaint", "officer", 1, 30, "Art. 142.1: a branch officer → the branch head"),
    ("complaint", "officer", 2, 20, "Art. 142.2.c: second level → the provincial head (final)"),
    ("complaint", "head", 1, 20, "Art. 142.2.b: the branch head → the provincial head"),
    ("complaint", "head", 2, 10, "Art. 142.3.b: second level → the national department"),
    ("denunciation", "staff", 1, 30, "Art. 157.1: the unit's head for its staff"),
    ("denunciation", "head", 1, 20, "Art. 157.2: the head above for the head"),
    ("recommendation", "", 1, 30, "TT 13/2021 Art. 28: the unit concerned"),
    ("procuracy", "officer", 1, 30, "Art. 161.1: the head of the agency whose act is protested"),
]


@pytest.mark.parametrize("kind, respondent, level, unit, why", COMPETENCE, ids=[t[-1].split(":")[0] + f" {t[0]}"
                                                                               for t in COMPETENCE])
def test_the_competent_resolver_follows_the_unit_tree(kind, respondent, level, unit, why):
    assert resolver_unit(CHAIN, kind, respondent, level) == unit, why


def test_a_provincial_heads_second_complaint_goes_to_the_minister_outside_thads():
    """Art. 142.4.a: the Minister of Justice resolves it (not a unit of THADS)."""
    assert resolver_unit((20, 10), "complaint", "head", 2) is None


# ------------------------------------------------------------------------------------------------ what may follow what

TRANSITIONS = [
    ("complaint", "received", "accepted", {}, None, "Art. 148"),
    ("complaint", "received", "resolved", {}, "resolved.not_accepted", "Art. 148: accept first"),
    ("recommendation", "received", "resolved", {}, None, "TT 13/2021 Art. 28: answered directly"),
    ("procuracy", "received", "resolved", {}, None, "Art. 161.1: answered directly"),
    ("procuracy", "received", "accepted", {}, "accepted.kind", "Art. 161: no acceptance of a protest"),
    ("complaint", "resolved", "withdrawn", {}, "withdrawn.status", "Art. 143.1.g: before the decision only"),
    ("complaint", "received", "extended", {}, "extended.not_accepted", "Art. 146.5: after acceptance"),
    ("denunciation", "received", "extended", {}, None, "TT 13/2021 Art. 16.1: checks before acceptance"),
    ("denunciation", "received", "extended", {"checks_extended": True}, "extended.again", "TT 13/2021 Art. 16.1"),
    ("complaint", "accepted", "extended", {"extended": True}, "extended.again", "Art. 146.5: once"),
    ("complaint", "forwarded", "archived", {}, "archived.status", "TT 13/2021 Art. 8.4"),
]


@pytest.mark.parametrize("kind, status, event, kw, code, why", TRANSITIONS,
                         ids=[f"{t[-1]} {t[0]} {t[1]}→{t[2]}" for t in TRANSITIONS])
def test_which_act_may_follow_which_status(kind, status, event, kw, code, why):
    refusal = transition_refusal(kind, status, event, **kw)
    assert (refusal.code if refusal else None) == code, why


@pytest.mark.parametrize("reason, anonymous, dup, code", [
    ("duplicate", False, 3, None), ("duplicate", False, None, "archive.duplicate_of"),
    ("anonymous", True, None, None), ("anonymous", False, None, "archive.not_anonymous"),
    ("because", False, None, "archive.reason"),
], ids=["TT 13 Art. 8.4.a duplicate", "duplicate names its matter", "TT 13 Art. 16.3.b anonymous",
        "a signed letter is not anonymous", "an unknown reason"])
def test_archiving_needs_a_ground_of_tt_13(reason, anonymous, dup, code):
    refusal = archive_refusal(reason, anonymous=anonymous, duplicate_of=dup)
    assert (refusal.code if refusal else None) == code


@pytest.mark.parametrize("kind, status, level, act, already, code", [
    ("complaint", "resolved", 1, "coercive", False, None),
    ("complaint", "resolved", 1, "account_freeze", False, "escalate.single_level"),
    ("complaint", "accepted", 1, "coercive", False, "escalate.not_resolved"),
    ("complaint", "resolved", 2, "coercive", False, "escalate.level"),
    ("complaint", "resolved", 1, "coercive", True, "escalate.again"),
], ids=["Art. 152 second level", "Art. 146.2 Decree 62 Art. 38.3 single level", "Art. 152.1 needs a decision",
        "Art. 142 no third level", "one second level"])
def test_a_second_level_complaint_follows_a_first_decision(kind, status, level, act, already, code):
    refusal = escalation_refusal(kind, status, level, act, already)
    assert (refusal.code if refusal else None) == code


def test_the_decision_says_right_partly_right_or_wrong():
    """Art. 151.6; TT 13/2021 Art. 22.1.c."""
    assert outcome_refusal("complaint", "").code == "resolve.outcome_missing"
    assert outcome_refusal("complaint", "maybe").code == "resolve.outcome"
    assert outcome_refusal("recommendation", "") is None
    assert outcome_refusal("denunciation", "partly_right") is None


def test_reception_staff_receive_and_only_heads_decide():
    assert title_may("reception", Step.RECEIVE) and not title_may("reception", Step.DECIDE)
    assert title_may("deputy", Step.DECIDE) and not title_may("officer", Step.DECIDE)
    assert not title_may("statistician", Step.RECEIVE) and not title_may("", Step.RECEIVE)
    assert STEP_TITLES[Step.DECIDE] <= STEP_TITLES[Step.RECEIVE]
