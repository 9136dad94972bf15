"""Issue 16 walked through the actions (``thads.complaints.actions``): a first-level complaint accepted and resolved
partly right, a second-level complaint at the parent unit resolved right with the decision annulled on the case
(LINKED row keeping the case event); a complaint about an account freeze on the 5-working-day clock across Tết 2026;
a complaint out of time refused and answered; a denunciation accepted after checks (10 working days) and extended
(60 → 90 days), its denunciator's identity hidden from an officer and shown, audited, to the resolver; an anonymous
denunciation archived; a recommendation answered within 5 working days; the procuracy's protest on a case answered
and carried out; a letter not within competence forwarded to the competent unit; the Deadline rows (subject
"matter:N") at each step; recompute-deadlines = incremental rows; refusals write nothing."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command

from thads.cases.actions import ObligationData, PartyData, do_act, do_receive
from thads.cases.models import Case, CaseEvent
from thads.complaints import actions
from thads.complaints.errors import ComplaintsRefused
from thads.complaints.models import Letter, Matter, MatterEvent, Reception, ReceptionDay
from thads.deadlines.models import Deadline
from thads.org.models import AuditEvent

from .conftest import PASSWORD


def d(day: int, month: int = 3) -> date:
    return date(2026, month, day)


def _case(staff, org, number: str) -> Case:
    case = do_receive(staff["head_a"], org["units"]["A"], on=d(2, 1), initiation="theo_don", judgment_kind="dan_su",
                      court="TAND huyện A", judgment_number=number, judgment_date=d(2, 1),
                      debtors=[PartyData("Lê Văn Đức", "046090001234", "Phú Thuận")],
                      creditors=[PartyData("Nguyễn Thị Mai")], obligations=[ObligationData("tra_no", "person", 10**8)])
    return do_act(staff["head_a"], case.pk, "decide", d(5, 1), decision_no=f"{number}/QĐ",
                  officer=staff["officer_a"].officer)


@pytest.fixture
def world(org):
    from thads.domain.roles import Title
    from thads.org.actions import do_create_staff

    people = dict(org["people"])
    people["reception_a"] = do_create_staff("reception_a", PASSWORD, "Tiếp Dân A", org["units"]["A"], Title.RECEPTION)
    people["head_p"] = do_create_staff("head_p", PASSWORD, "Cục Trưởng P", org["units"]["P"], Title.HEAD)
    people["reception_p"] = do_create_staff("reception_p", PASSWORD, "Tiếp Dân P", org["units"]["P"],
                                            Title.RECEPTION)
    return {**people, "units": org["units"], "org": org}


def _open(matter: Matter) -> dict[str, date]:
    return dict(Deadline.objects.filter(subject=f"matter:{matter.pk}").values_list("code", "due"))


def _rows() -> tuple[int, ...]:
    return (Matter.objects.count(), MatterEvent.objects.count(), Deadline.objects.count(), Letter.objects.count(),
            Reception.objects.count(), ReceptionDay.objects.count(), CaseEvent.objects.count(),
            AuditEvent.objects.count())


KNOWN, RECEIVED = date(2026, 2, 25), date(2026, 3, 2)


def _complaint(w, *, act="before_measures", known=KNOWN, received=RECEIVED, case=None, respondent="officer"):
    letter = actions.do_register_letter(w["reception_a"], w["units"]["A"].pk, received_on=received, channel="in_person",
                                        content="Khiếu nại quyết định", signatories=[{"name": "Lê Văn Đức"}])
    return actions.do_record_matter(w["reception_a"], w["units"]["A"].pk, kind="complaint", received_on=received,
                                    summary="Khiếu nại quyết định của Chấp hành viên", letter_id=letter.pk,
                                    case_id=case.pk if case else None, complained_act=act, act_known_on=known,
                                    respondent=respondent, respondent_name="Nguyễn Văn Đức")


# ------------------------------------------------------------------------------------------------ complaints

def test_a_complaint_goes_to_its_second_level_at_the_parent_unit_arts_142_146_152(world, org):
    w, staff = world, world
    case = _case(staff, org, "12/2025/DS-ST")
    reception = actions.do_log_reception(w["reception_a"], w["units"]["A"].pk, on=d(2),
                                         persons=[{"name": "Lê Văn Đức", "id_number": "046090001234"}],
                                         content="Khiếu nại việc xác minh", outcome="recorded", case_ids=[case.pk])
    first = _complaint(w, case=case)
    assert (first.resolver_unit_id, first.within_competence, first.status) == (w["units"]["A"].pk, True, "received")
    assert _open(first) == {"complaint.accept": d(9)}  # Art. 148: 5 working days from Mon 02/03
    accepted = actions.do_accept(w["head_a"], first.pk, on=d(4), notice_no="01/TB-KN")
    first.refresh_from_db()
    assert (accepted.seq, accepted.kind, first.status, first.accepted_on) == (2, "accepted", "accepted", d(4))
    assert _open(first) == {"complaint.resolve": d(19)} and first.due_on == d(19)  # Art. 146.1: 15 days
    actions.do_resolve(w["head_a"], first.pk, on=d(16), outcome="partly_right", decision_no="02/QĐ-GQKN")
    first.refresh_from_db()
    assert (first.status, first.outcome, first.closed_on, _open(first)) == ("resolved", "partly_right", d(16), {})
    # the head of branch A is not the second-level resolver; the province's reception records it at P (Art. 152.1)
    second = actions.do_escalate(w["reception_p"], first.pk, received_on=d(20), summary="Khiếu nại lần hai")
    assert (second.unit_id, second.resolver_unit_id, second.level, second.parent_id) == (
        w["units"]["P"].pk, w["units"]["P"].pk, 2, first.pk)
    assert _open(second) == {"complaint.accept": d(30)}  # TT 13/2021 Art. 9.1: 10 days
    assert MatterEvent.objects.filter(matter=first).values_list("kind", flat=True).last() == "escalated"
    before = _rows()
    with pytest.raises(ComplaintsRefused) as refused:
        actions.do_accept(w["head_a"], second.pk, on=d(23))
    assert refused.value.code in ("scope", "competence") and _rows() == before
    actions.do_accept(w["head_p"], second.pk, on=d(23))
    assert _open(second) == {"complaint.resolve": d(22, 4)}  # Art. 146.1 second level: 30 days
    resolved = actions.do_resolve(w["head_p"], second.pk, on=d(10, 4), outcome="right", decision_no="05/QĐ-GQKN",
                                  follow_up={"act": "revoke", "decision_no": "06/QĐ-CTHADS"})
    linked = MatterEvent.objects.get(matter=second, kind="linked")
    case_event = CaseEvent.objects.get(pk=linked.details["case_event_id"])
    assert (resolved.seq, linked.seq) == (3, 4)
    assert (case_event.case_id, case_event.kind, linked.details["ground"]) == (case.pk, "revoked", "37.3.b")
    assert _open(second) == {} and reception.cases.get() == case


def test_a_complaint_about_an_account_freeze_is_resolved_in_5_working_days_across_tet_art_146_2(world):
    w = world
    matter = _complaint(w, act="account_freeze", known=d(10, 2), received=d(12, 2))
    assert _open(matter) == {"complaint.accept": d(26, 2)}  # 13/02, then 23–26/02 after Tết
    actions.do_accept(w["head_a"], matter.pk, on=d(13, 2))
    assert _open(matter) == {"complaint.resolve": d(27, 2)}  # 5 working days: 23, 24, 25, 26, 27/02
    actions.do_resolve(w["head_a"], matter.pk, on=d(24, 2), outcome="wrong", decision_no="03/QĐ-GQKN")
    with pytest.raises(ComplaintsRefused) as refused:  # Art. 146.2, Decree 62 Art. 38.3: one level
        actions.do_escalate(w["reception_p"], matter.pk, received_on=d(2), summary="Lần hai")
    assert refused.value.code == "escalate.single_level"


def test_a_complaint_out_of_time_is_refused_then_answered_art_141_4(world):
    w = world
    matter = _complaint(w, act="coercive", known=d(2, 1), received=d(5))  # 30 days ended on 02/02
    before = _rows()
    with pytest.raises(ComplaintsRefused) as refused:
        actions.do_accept(w["head_a"], matter.pk, on=d(6))
    assert refused.value.code == "complaint.time_limit" and "02/02/2026" in refused.value.message
    assert _rows() == before
    actions.do_not_accept(w["head_a"], matter.pk, on=d(6), reason="Hết thời hiệu khiếu nại (Điều 141.4)")
    matter.refresh_from_db()
    assert (matter.status, matter.admissible, matter.closed_on, _open(matter)) == ("not_accepted", False, d(6), {})
    # an objective obstacle of 40 days puts the same complaint back in time (Art. 140.2)
    again = _complaint(w, act="coercive", known=d(2, 1), received=d(5))
    actions.do_accept(w["head_a"], again.pk, on=d(6), obstacle_days=40)
    assert Matter.objects.get(pk=again.pk).status == "accepted"


# ------------------------------------------------------------------------------------------------ denunciations

def test_a_denunciation_is_accepted_after_checks_and_extended_its_identity_for_the_resolver_only(world):
    w = world
    matter = actions.do_record_matter(w["reception_a"], w["units"]["A"].pk, kind="denunciation", received_on=d(2),
                                      summary="Tố cáo công chức nhận tiền", respondent="staff",
                                      identity={"name": "Trần Văn Tố", "id_number": "001", "address": "Xã B"})
    assert _open(matter) == {"denunciation.accept": d(11)}  # TT 13/2021 Art. 16.1: 7 working days
    actions.do_extend(w["head_a"], matter.pk, on=d(5), reason="Cần kiểm tra, xác minh người tố cáo")
    assert _open(matter) == {"denunciation.accept": d(16)}  # 10 working days with checks
    actions.do_accept(w["head_a"], matter.pk, on=d(13), notice_no="01/QĐ-TLTC")
    assert _open(matter) == {"denunciation.resolve": d(12, 5)}  # Art. 157.2: 60 days
    actions.do_extend(w["head_a"], matter.pk, on=d(20, 4), reason="Vụ việc phức tạp")
    matter.refresh_from_db()
    assert matter.extended and _open(matter) == {"denunciation.resolve": d(11, 6)}  # 90 days
    before = AuditEvent.objects.filter(kind="read").count()
    assert actions.identity_for(w["officer_a"], matter) is None
    assert actions.identity_for(w["reception_a"], matter) is None
    assert actions.identity_for(w["head_p"], matter) is None  # a head above is not the resolver
    assert AuditEvent.objects.filter(kind="read").count() == before
    identity = actions.identity_for(w["head_a"], matter)
    assert identity["name"] == "Trần Văn Tố"
    read = AuditEvent.objects.filter(kind="read").latest("id")
    assert (read.action, read.object_id, read.user_id) == ("complaints.identity.view", str(matter.pk), w["head_a"].pk)
    actions.do_resolve(w["head_a"], matter.pk, on=d(5, 6), outcome="wrong", decision_no="02/KL-TC")
    assert _open(matter) == {}


def test_an_anonymous_denunciation_is_archived_tt_13_art_16_3(world):
    w = world
    letter = actions.do_register_letter(w["reception_a"], w["units"]["A"].pk, received_on=d(2), channel="post",
                                        content="Thư không ký tên", anonymous=True)
    matter = actions.do_record_matter(w["reception_a"], w["units"]["A"].pk, kind="denunciation", received_on=d(2),
                                      summary="Tố cáo giấu tên", letter_id=letter.pk)
    signed = _complaint(w)
    with pytest.raises(ComplaintsRefused) as refused:
        actions.do_archive(w["head_a"], signed.pk, on=d(3), reason="anonymous")
    assert refused.value.code == "archive.not_anonymous"
    actions.do_archive(w["head_a"], matter.pk, on=d(3), reason="anonymous")
    matter.refresh_from_db()
    assert (matter.status, matter.closed_on, _open(matter)) == ("archived", d(3), {})
    duplicate = _complaint(w)
    actions.do_archive(w["head_a"], duplicate.pk, on=d(3), reason="duplicate", duplicate_of_id=signed.pk)
    assert Matter.objects.get(pk=duplicate.pk).duplicate_of_id == signed.pk


# ------------------------------------------------------------------------------------------------ others

def test_a_recommendation_is_answered_within_5_working_days_tt_13_art_28(world):
    w = world
    matter = actions.do_record_matter(w["reception_a"], w["units"]["A"].pk, kind="recommendation", received_on=d(2),
                                      summary="Kiến nghị niêm yết lịch tiếp công dân")
    assert _open(matter) == {"recommendation.answer": d(9)}
    actions.do_resolve(w["head_a"], matter.pk, on=d(6), decision_no="15/TL")
    matter.refresh_from_db()
    assert (matter.status, matter.outcome, _open(matter)) == ("resolved", "", {})


def test_a_procuracy_protest_on_a_case_is_answered_and_carried_out_art_161(world, org):
    w = world
    case = _case(w, org, "13/2025/DS-ST")
    matter = actions.do_record_matter(w["reception_a"], w["units"]["A"].pk, kind="procuracy", procuracy_act="protest",
                                      received_on=d(3, 2), number="01/KN-VKS", case_id=case.pk,
                                      summary="Kháng nghị quyết định thi hành án")
    assert _open(matter) == {"procuracy.protest": d(23, 2)}  # 15 days end on 18/02 (Tết), rolled
    with pytest.raises(ComplaintsRefused):
        actions.do_accept(w["head_a"], matter.pk, on=d(4, 2))  # a protest is answered, not accepted
    actions.do_resolve(w["head_a"], matter.pk, on=d(13, 2), outcome="right", decision_no="20/TL-KN")
    assert _open(matter) == {"procuracy.carry_out": d(27, 2)}  # Art. 161.1: 5 working days after the answer
    actions.do_link(w["head_a"], matter.pk, on=d(24, 2), follow_up={"act": "revoke", "decision_no": "21/QĐ"})
    linked = MatterEvent.objects.get(matter=matter, kind="linked")
    assert CaseEvent.objects.get(pk=linked.details["case_event_id"]).case_id == case.pk
    assert linked.details["ground"] == "37.1.b" and _open(matter) == {}


def test_a_letter_not_within_competence_is_forwarded_to_the_competent_unit_art_157_2(world):
    w = world
    matter = actions.do_record_matter(w["reception_a"], w["units"]["A"].pk, kind="denunciation", received_on=d(2),
                                      summary="Tố cáo Chi cục trưởng", respondent="head")
    assert (matter.resolver_unit_id, matter.within_competence) == (w["units"]["P"].pk, False)
    assert _open(matter) == {"denunciation.forward": d(9)}  # TT 13/2021 Art. 16.2: 5 working days
    with pytest.raises(ComplaintsRefused):
        actions.do_accept(w["head_a"], matter.pk, on=d(3))
    ev = actions.do_forward(w["head_a"], matter.pk, on=d(4), letter_no="30/CV", to_unit_id=w["units"]["P"].pk)
    there = Matter.objects.get(pk=ev.details["to_matter"])
    assert (Matter.objects.get(pk=matter.pk).status, _open(matter)) == ("forwarded", {})
    assert (there.unit_id, there.status, there.within_competence) == (w["units"]["P"].pk, "received", True)
    assert _open(there) == {"denunciation.accept": d(13)}
    actions.do_accept(w["head_p"], there.pk, on=d(10))


def test_recompute_deadlines_gives_the_incremental_rows(world):
    w = world
    a = _complaint(w)
    actions.do_accept(w["head_a"], a.pk, on=d(4))
    b = actions.do_record_matter(w["reception_a"], w["units"]["A"].pk, kind="denunciation", received_on=d(2),
                                 summary="Tố cáo", respondent="staff")
    actions.do_extend(w["head_a"], b.pk, on=d(3), reason="Kiểm tra")
    cols = ("subject", "unit_id", "code", "due", "starts_on", "trigger", "trigger_on", "article", "text")
    incremental = sorted(Deadline.objects.filter(case__isnull=True).values_list(*cols))
    assert len(incremental) == 2
    Deadline.objects.filter(case__isnull=True).delete()
    call_command("recompute_deadlines", stdout=io.StringIO())
    assert sorted(Deadline.objects.filter(case__isnull=True).values_list(*cols)) == incremental



def test_recompute_keeps_the_carry_out_deadline_of_a_protest_accepted_in_part_art_161_1(world, org):
    """Art. 161.1: a protest accepted in part is carried out within 5 working days too; the full recompute finds
    it like the action's own refresh did."""
    w = world
    case = _case(w, org, "14/2025/DS-ST")
    matter = actions.do_record_matter(w["reception_a"], w["units"]["A"].pk, kind="procuracy", procuracy_act="protest",
                                      received_on=d(3, 2), number="02/KN-VKS", case_id=case.pk,
                                      summary="Kháng nghị quyết định thi hành án")
    actions.do_resolve(w["head_a"], matter.pk, on=d(13, 2), outcome="partly_right", decision_no="22/TL-KN")
    assert _open(matter) == {"procuracy.carry_out": d(27, 2)}
    Deadline.objects.filter(case__isnull=True).delete()
    call_command("recompute_deadlines", stdout=io.StringIO())
    assert _open(matter) == {"procuracy.carry_out": d(27, 2)}

REFUSED = [
    ("officer_b", "record", "scope"),  # another unit's officer
    ("officer_a", "accept", "title"),  # an officer does not decide
    ("reception_a", "resolve", "title"),  # reception staff do not decide
    ("statistician_p", "record", "scope"),  # no acting title in the unit
    ("head_a", "resolve", "resolved.not_accepted"),  # Art. 148: accept first
]


@pytest.mark.parametrize("who, what, code", REFUSED, ids=[f"{w} {x} refused ({c})" for w, x, c in REFUSED])
def test_refusals_write_nothing(world, who, what, code):
    w = world
    matter = _complaint(w)
    before = _rows()
    with pytest.raises(ComplaintsRefused) as refused:
        if what == "record":
            actions.do_record_matter(w[who], w["units"]["A"].pk, kind="recommendation", received_on=d(2),
                                     summary="Kiến nghị")
        elif what == "accept":
            actions.do_accept(w[who], matter.pk, on=d(3))
        else:
            actions.do_resolve(w[who], matter.pk, on=d(3), outcome="right")
    assert refused.value.code == code and _rows() == before


def test_a_matters_deadlines_reach_the_reception_queue_and_the_digest(world):
    from django.core import mail

    from thads.deadlines.queue import queue_deadlines

    w = world
    matter = _complaint(w)
    assert [dl.subject for dl in queue_deadlines(w["reception_a"], {})] == [f"matter:{matter.pk}"]
    assert list(queue_deadlines(w["officer_a"], {})) == []  # an officer's queue holds his own cases only
    assert [dl.subject for dl in queue_deadlines(w["head_a"], {"officer": "none"})] == [f"matter:{matter.pk}"]
    row = Deadline.objects.get(subject=f"matter:{matter.pk}")
    assert row.case_id is None and row.label == f"Đơn/vụ việc {matter.pk}"
    w["reception_a"].email = "tiepdan@example.org"
    w["reception_a"].save()
    call_command("digest", stdout=io.StringIO())
    [message] = [m for m in mail.outbox if m.to == ["tiepdan@example.org"]]
    assert f"Đơn/vụ việc {matter.pk}" in message.body and "Thụ lý giải quyết khiếu nại" in message.body


def test_the_work_queue_and_its_download_show_a_matters_deadline(world, client):
    w = world
    matter = _complaint(w)
    client.force_login(w["head_a"])
    page = client.get("/deadlines/")
    assert page.status_code == 200 and f"Đơn/vụ việc {matter.pk}" in page.content.decode()
    assert client.get("/deadlines/export.xlsx").status_code == 200
    client.force_login(w["head_p"])
    assert client.get("/").status_code == 200  # the home page's alerts list the overdue matter without a case
