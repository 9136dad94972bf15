"""Issue 17, the nomination workflow (``thads.emulation.actions``: propose → the council reviews → the head decides,
or declines; the proposer withdraws) and who may take each step: the proposer does not review, nor a member of
another unit's council; a deputy or the head of another unit does not decide; an officer or a statistician does not
propose; a decline needs a reason; a step out of order is refused and writes nothing; a decision writes the
commendation and the steps are numbered 1, 2, 3."""

from __future__ import annotations

from datetime import timedelta

import pytest

from thads.domain.emulation import AwardTitle, NominationState, NominationStep
from thads.emulation import actions
from thads.emulation.models import Commendation, Nomination, NominationEvent
from thads.emulation.permissions import allowed_steps, may_decide, may_propose, may_review
from thads.emulation.queries import visible_commendations, visible_nominations
from thads.lib.errors import Refused
from thads.org.models import AuditEvent

from .test_emulation_actions import TODAY, YEAR, build_world

PROPOSED_ON = TODAY - timedelta(days=20)


@pytest.fixture
def world(org):
    world = build_world(org)
    p, u = world["people"], world["units"]
    actions.do_add_council_member(p["head_a"], unit=u["A"], member=p["deputy_a"], role="chair")
    actions.do_add_council_member(p["head_a"], unit=u["A"], member=p["clerk_a"], role="secretary")
    actions.do_add_council_member(p["head_a"], unit=u["A"], member=p["head_a"], role="member")
    actions.do_add_council_member(p["head_p"], unit=u["P"], member=p["deputy_p"], role="chair")
    return world


def rows() -> tuple[int, ...]:
    return (Nomination.objects.count(), NominationEvent.objects.count(), Commendation.objects.count(),
            AuditEvent.objects.filter(kind="write").count(), tuple(Nomination.objects.values_list("state", flat=True)))


def refused(call, *args, **kwargs) -> str:
    before = rows()
    with pytest.raises(Refused) as caught:
        call(*args, **kwargs)
    assert rows() == before
    return caught.value.message


def propose(world, who="head_a", title=AwardTitle.ADVANCED_WORKER, **kwargs) -> Nomination:
    p, u = world["people"], world["units"]
    kwargs.setdefault("officer", p["officer_a"].officer)
    kwargs.setdefault("unit", u["A"])
    return actions.do_propose(p[who], year=YEAR, title=title, reason="Hoàn thành vượt chỉ tiêu", on=PROPOSED_ON,
                              **kwargs)


def review(world, nomination, who="deputy_a", votes=(5, 1)):
    return actions.do_review(world["people"][who], nomination, on=TODAY - timedelta(days=10), votes_for=votes[0],
                             votes_against=votes[1], note="Đủ tiêu chuẩn")


def test_propose_review_decide_writes_the_commendation_and_the_steps_numbered_1_to_3(world):
    p, u = world["people"], world["units"]
    nomination = propose(world)
    assert nomination.state == NominationState.PROPOSED and isinstance(nomination.evidence, dict)
    assert allowed_steps(p["deputy_a"], nomination) == [NominationStep.REVIEW, NominationStep.DECLINE]
    assert allowed_steps(p["head_a"], nomination) == [NominationStep.WITHDRAW]
    review(world, nomination)
    nomination.refresh_from_db()
    assert allowed_steps(p["head_a"], nomination) == [NominationStep.DECIDE, NominationStep.DECLINE]
    commendation = actions.do_decide(p["head_a"], nomination, decision_no="101/QĐ-CCTHADS",
                                     decided_on=TODAY - timedelta(days=2), issuer="Chi cục trưởng Chi cục THADS A")
    nomination.refresh_from_db()
    assert nomination.state == NominationState.DECIDED and commendation.nomination_id == nomination.pk
    assert (commendation.unit_id, commendation.recipient_officer_id, commendation.title, commendation.kind) == (
        u["A"].pk, p["officer_a"].officer.pk, AwardTitle.ADVANCED_WORKER, "individual")
    events = list(nomination.events.order_by("seq").values_list("seq", "step", "from_state", "to_state", "user"))
    assert events == [
        (1, "propose", "", "proposed", p["head_a"].pk),
        (2, "review", "proposed", "reviewed", p["deputy_a"].pk),
        (3, "decide", "reviewed", "decided", p["head_a"].pk)]
    assert nomination.events.get(seq=2).details == {"votes_for": 5, "votes_against": 1}
    assert nomination.events.get(seq=3).details["commendation"] == commendation.pk
    actions_audited = set(AuditEvent.objects.filter(object_id=str(nomination.pk), action__startswith=(
        "emulation.nomination")).values_list("action", flat=True))
    assert actions_audited == {"emulation.nomination.propose", "emulation.nomination.review",
                               "emulation.nomination.decide"}
    assert AuditEvent.objects.filter(action="emulation.commendation.add").count() == 1
    assert allowed_steps(p["head_a"], nomination) == []


def test_an_officer_or_a_statistician_cannot_propose_and_the_nominee_must_be_in_the_proposers_scope(world):
    p, u = world["people"], world["units"]
    for who in ("officer_a", "statistician_p", "clerk_a", "head_b"):
        assert not may_propose(p[who], u["A"])
        assert refused(propose, world, who=who)
    assert may_propose(p["deputy_a"], u["A"]) and may_propose(p["head_p"], u["A"])
    assert "đơn vị cấp trên" in refused(propose, world, who="head_p", unit=u["B"])
    assert "không xét cho cá nhân" in refused(propose, world, title=AwardTitle.EXCELLENT_COLLECTIVE)
    assert "đúng một" in refused(propose, world, nominee_unit=u["A1"])
    group = propose(world, who="head_p", title=AwardTitle.EXCELLENT_COLLECTIVE, officer=None, nominee_unit=u["B"],
                    unit=u["P"])
    assert group.kind == "collective" and group.unit_id == u["P"].pk


def test_one_open_nomination_per_nominee_title_and_year_and_a_closed_campaign_takes_none(world):
    p, u = world["people"], world["units"]
    first = propose(world)
    assert "đang xét" in refused(propose, world, who="deputy_a")
    assert propose(world, title=AwardTitle.GRASSROOTS_FIGHTER).pk != first.pk
    actions.do_withdraw(p["head_a"], first, on=TODAY)
    assert propose(world).pk != first.pk  # withdrawn: a new one may be made
    campaign = actions.do_save_campaign(p["head_a"], name="Thi đua quý", unit=u["A"], starts_on=PROPOSED_ON,
                                        ends_on=TODAY, units=[u["A"]])
    actions.do_close_campaign(p["head_a"], campaign)
    assert "đã kết thúc" in refused(propose, world, title=AwardTitle.CERTIFICATE, campaign=campaign)


def test_the_proposer_and_another_units_council_member_cannot_review(world):
    p = world["people"]
    nomination = propose(world)
    assert not may_review(p["head_a"], nomination)
    assert "Người đề nghị" in refused(review, world, nomination, who="head_a")
    assert not may_review(p["deputy_p"], nomination)
    assert "thành viên Hội đồng" in refused(review, world, nomination, who="deputy_p")
    assert "thành viên Hội đồng" in refused(review, world, nomination, who="officer_a")
    assert may_review(p["clerk_a"], nomination)


def test_an_unfavourable_or_tied_vote_is_refused_and_told_to_decline(world):
    nomination = propose(world)
    for votes in ((2, 3), (2, 2), (0, 0)):
        assert "không khen thưởng" in refused(review, world, nomination, votes=votes)
    assert "không âm" in refused(review, world, nomination, votes=(-1, 0))


def test_a_deputy_or_the_head_of_another_unit_cannot_decide(world):
    p = world["people"]
    nomination = propose(world)
    review(world, nomination)
    nomination.refresh_from_db()
    decision = {"decision_no": "7/QĐ", "decided_on": TODAY, "issuer": "Chi cục trưởng"}
    for who in ("deputy_a", "head_p", "head_b", "clerk_a"):
        assert not may_decide(p[who], nomination)
        assert "Thủ trưởng của đơn vị xét khen" in refused(actions.do_decide, p[who], nomination, **decision)
    assert may_decide(p["head_a"], nomination) and may_decide(p["root"], nomination)


@pytest.mark.parametrize("change, words", [
    ({"decision_no": " "}, "số quyết định"),
    ({"issuer": ""}, "cấp ra quyết định"),
    ({"decided_on": TODAY + timedelta(days=1)}, "chưa đến"),
    ({"decided_on": PROPOSED_ON - timedelta(days=1)}, "trước ngày đề nghị"),
])
def test_a_decision_needs_its_number_issuer_and_a_date_between_the_proposal_and_today(world, change, words):
    nomination = propose(world)
    review(world, nomination)
    decision = {"decision_no": "7/QĐ", "decided_on": TODAY, "issuer": "Chi cục trưởng", **change}
    assert words in refused(actions.do_decide, world["people"]["head_a"], nomination, **decision)


def test_a_step_out_of_order_is_refused_and_writes_nothing(world):
    p = world["people"]
    nomination = propose(world)
    decision = {"decision_no": "7/QĐ", "decided_on": TODAY, "issuer": "Chi cục trưởng"}
    assert "«quyết định khen thưởng»" in refused(actions.do_decide, p["head_a"], nomination, **decision)
    review(world, nomination)
    assert "«Hội đồng xét»" in refused(review, world, nomination, who="clerk_a")
    assert refused(actions.do_withdraw, p["head_a"], nomination, on=TODAY)  # reviewed: too late to withdraw
    actions.do_decide(p["head_a"], nomination, **decision)
    assert refused(actions.do_decline, p["head_a"], nomination, on=TODAY, reason="Sai")
    assert refused(actions.do_decide, p["head_a"], nomination, **decision)
    assert Commendation.objects.count() == 1


def test_decline_needs_a_reason_council_from_proposed_and_head_from_reviewed(world):
    p = world["people"]
    first = propose(world)
    assert "lý do" in refused(actions.do_decline, p["deputy_a"], first, on=TODAY, reason="  ")
    assert refused(actions.do_decline, p["head_p"], first, on=TODAY, reason="Chưa đủ")  # not of A's council
    actions.do_decline(p["deputy_a"], first, on=TODAY, reason="Chưa đủ thời gian công tác")
    first.refresh_from_db()
    assert first.state == NominationState.DECLINED
    assert first.events.get(seq=2).note == "Chưa đủ thời gian công tác"
    second = propose(world)
    review(world, second)
    assert refused(actions.do_decline, p["deputy_a"], second, on=TODAY, reason="Không")  # reviewed: the head's
    actions.do_decline(p["head_a"], second, on=TODAY, reason="Có khiếu nại được xác định đúng")
    assert Nomination.objects.get(pk=second.pk).state == NominationState.DECLINED


def test_only_the_proposer_withdraws_from_proposed(world):
    p = world["people"]
    nomination = propose(world)
    assert "người đã đề nghị" in refused(actions.do_withdraw, p["deputy_a"], nomination, on=TODAY)
    actions.do_withdraw(p["head_a"], nomination, on=TODAY, reason="Bổ sung hồ sơ")
    nomination.refresh_from_db()
    assert nomination.state == NominationState.DECLINED
    assert list(nomination.events.values_list("seq", "step")) == [(1, "propose"), (2, "withdraw")]


def test_nominations_and_commendations_are_listed_in_the_nominees_or_deciding_units_scope(world):
    p, u = world["people"], world["units"]
    nomination = propose(world)
    review(world, nomination)
    actions.do_decide(p["head_a"], nomination, decision_no="9/QĐ", decided_on=TODAY, issuer="Chi cục trưởng")
    for who, sees in (("officer_a", True), ("head_p", True), ("officer_b", False), ("officer_a1", False)):
        assert visible_nominations(p[who]).filter(pk=nomination.pk).exists() == sees, who
        assert visible_commendations(p[who]).exists() == sees, who
    upward = propose(world, who="head_p", title=AwardTitle.MINISTER_CERTIFICATE, officer=p["officer_a1"].officer,
                     unit=u["P"])
    assert visible_nominations(p["officer_a1"]).get() == upward
