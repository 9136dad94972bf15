"""The legal review of the complaints rules against the law text (Luật THADS 2008 as amended Arts. 140–161; Decree
62/2015 Art. 38; TT 13/2021/TT-BTP): one row per fix, its id citing the article.

* Art. 142.2.a / 142.3.b / 157.1 / 161.1 in the July 2025 organisation: a regional office (Phòng THADS khu vực) is
  part of the provincial agency, so its staff's decisions and acts are resolved by the provincial head, the second
  level by the national department (``petition_rules.competent_unit``; UNVERIFIED, ``NON_AGENCY_LEVELS``).
* Art. 161.1 second paragraph: a protest accepted in part is carried out (the accepted part) within 5 working days too.
"""

from __future__ import annotations

from datetime import date

import pytest

from thads.complaints import actions
from thads.complaints.errors import ComplaintsRefused
from thads.complaints.models import Matter
from thads.deadlines.models import Deadline
from thads.domain.calendar import national_calendar
from thads.domain.petition_rules import MatterRec, competent_unit, matter_deadlines

from .conftest import PASSWORD

D = date
CAL = national_calendar()
REGIONAL = ((30, "regional"), (10, "province"), (1, "national"))
DISTRICT = ((20, "district"), (10, "province"), (1, "national"))
PROVINCE = ((10, "province"), (1, "national"))

COMPETENCE = [
    # chain, kind, respondent, level, competent unit, why
    (REGIONAL, "complaint", "officer", 1, 10, "Art. 142.2.a: a regional office's officer is the province's"),
    (REGIONAL, "complaint", "officer", 2, 1, "Art. 142.3.b: second level at the national department"),
    (REGIONAL, "complaint", "head", 1, 10, "Art. 142.2.a: a regional office's head is the province's staff"),
    (REGIONAL, "complaint", "head", 2, 1, "Art. 142.3.b: its second level at the national department"),
    (REGIONAL, "denunciation", "head", 1, 10, "Art. 157.1: the province's head for its staff"),
    (REGIONAL, "denunciation", "officer", 1, 10, "Art. 157.1: the province's head for a regional officer"),
    (REGIONAL, "procuracy", "", 1, 10, "Art. 161.1: the head of the agency whose decision is protested"),
    (REGIONAL, "recommendation", "", 1, 10, "TT 13/2021 Art. 28: the agency answers"),
    (DISTRICT, "complaint", "officer", 1, 20, "Art. 142.1: a district branch's head (unchanged)"),
    (DISTRICT, "complaint", "head", 1, 10, "Art. 142.2.b: the provincial head (unchanged)"),
    (DISTRICT, "complaint", "head", 2, 1, "Art. 142.3.b: the national department (unchanged)"),
    (PROVINCE, "complaint", "head", 2, None, "Art. 142.4.a: the Minister, outside THADS (unchanged)"),
]


@pytest.mark.parametrize("chain, kind, respondent, level, unit, why", COMPETENCE,
                         ids=[f"{r[-1].split(':')[0]} {r[0][0][1]} {r[1]} {r[2] or '-'} L{r[3]}" for r in COMPETENCE])
def test_the_competent_resolver_folds_a_regional_office_into_its_provincial_agency(chain, kind, respondent, level,
                                                                                  unit, why):
    assert competent_unit(chain, kind, respondent, level) == unit, why


def test_a_regional_office_resolves_itself_when_the_reading_is_switched_off(monkeypatch):
    """UNVERIFIED reading, configurable: an empty NON_AGENCY_LEVELS gives the pre-2025 district-branch mapping."""
    from thads.domain import petition_rules

    monkeypatch.setattr(petition_rules, "NON_AGENCY_LEVELS", frozenset())
    assert competent_unit(REGIONAL, "complaint", "officer", 1) == 30
    assert competent_unit(REGIONAL, "complaint", "head", 1) == 10


PROTESTS = [
    # outcome, carry-out deadline due, why
    ("right", D(2026, 2, 26), "Art. 161.1 second paragraph: accepted, 5 working days from the answer (13, 23–26/02 over Tết)"),
    ("partly_right", D(2026, 2, 26), "Art. 161.1 second paragraph: accepted in part, the part carried out"),
    ("wrong", None, "Art. 161.2: not accepted, nothing to carry out"),
]


@pytest.mark.parametrize("outcome, due, why", PROTESTS, ids=[f"{r[-1].split(':')[0]} {r[0]}" for r in PROTESTS])
def test_an_accepted_protest_wholly_or_in_part_is_carried_out_within_5_working_days(outcome, due, why):
    rec = MatterRec(1, "procuracy", "resolved", D(2026, 2, 2), procuracy_act="protest", outcome=outcome,
                    closed_on=D(2026, 2, 12))
    got = {dl.code: dl.due for dl in matter_deadlines(rec, CAL, D(2026, 2, 12))}
    assert got == ({"procuracy.carry_out": due} if due else {}), why


def test_a_complaint_about_a_regional_officer_is_forwarded_to_and_resolved_by_the_province_art_142_2_a(org):
    from thads.domain.roles import Title
    from thads.org.actions import do_create_staff

    units = org["units"]
    reception_b = do_create_staff("reception_b", PASSWORD, "Tiếp Dân B", units["B"], Title.RECEPTION)
    head_b = do_create_staff("head_b", PASSWORD, "Trưởng Phòng B", units["B"], Title.HEAD)
    head_p = do_create_staff("head_p", PASSWORD, "Thủ Trưởng P", units["P"], Title.HEAD)
    matter = actions.do_record_matter(reception_b, units["B"].pk, kind="complaint", received_on=D(2026, 3, 2),
                                      summary="Khiếu nại hành vi của Chấp hành viên", complained_act="before_measures",
                                      act_known_on=D(2026, 2, 25), respondent="officer")
    assert (matter.resolver_unit_id, matter.within_competence) == (units["P"].pk, False)
    assert dict(Deadline.objects.filter(subject=f"matter:{matter.pk}").values_list("code", "due")) == {
        "complaint.forward": D(2026, 3, 9)}  # TT 13/2021 Art. 8.2: forwarded within 5 working days
    with pytest.raises(ComplaintsRefused) as refused:
        actions.do_accept(head_b, matter.pk, on=D(2026, 3, 3))
    assert refused.value.code in ("competence", "competence.forward")
    ev = actions.do_forward(head_b, matter.pk, on=D(2026, 3, 3), to_unit_id=units["P"].pk, letter_no="01/CV")
    copy = Matter.objects.get(pk=ev.details["to_matter"])
    assert (copy.unit_id, copy.resolver_unit_id, copy.within_competence) == (units["P"].pk, units["P"].pk, True)
    actions.do_accept(head_p, copy.pk, on=D(2026, 3, 4))
    copy.refresh_from_db()
    assert copy.status == "accepted"
