"""Issue 17, the writers of the emulation context (``thads.emulation.actions``): targets — who issues for whom, the
key updated in place, rates checked, the national line only from the root unit, passing down with its check —
campaigns, the emulation council, commendations recorded directly, the good-practice library (written in scope,
searched without diacritics) and the scoped lists. Every refusal is a ``Refused`` that writes nothing. The nomination
workflow is in ``tests/test_emulation_actions_workflow.py``."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from thads.domain.contrib import statistical_year_of
from thads.domain.emulation import AwardTitle, Issuer, PracticeKind
from thads.domain.roles import Title
from thads.emulation import actions
from thads.emulation.models import Campaign, Commendation, CouncilMember, GoodPractice, Target
from thads.emulation.permissions import may_edit_practice, may_set_targets
from thads.emulation.queries import visible_campaigns, visible_practices
from thads.lib.errors import Refused
from thads.org.models import AuditEvent, User

from .conftest import PASSWORD

TODAY = timezone.localdate()
YEAR = statistical_year_of(TODAY)


def build_world(org) -> dict:
    """The shared personas plus the heads and deputies the emulation rules name, a statistician of branch A, a team
    A1 below A and the technical root account."""
    from thads.org.actions import do_create_staff, do_create_unit

    units = dict(org["units"])
    people = dict(org["people"])
    units["A1"] = do_create_unit("A1", "Tổ thi hành án A1", units["A"], "district")
    for name, full, unit, title in (
            ("head_p", "Cục Trưởng P", "P", Title.HEAD), ("deputy_p", "Phó Cục Trưởng P", "P", Title.DEPUTY),
            ("deputy_a", "Phó Chi Cục Trưởng A", "A", Title.DEPUTY), ("head_b", "Trưởng Phòng B", "B", Title.HEAD),
            ("statistician_a", "Thống Kê A", "A", Title.STATISTICIAN), ("clerk_a", "Thư Ký A", "A", Title.CLERK),
            ("officer_a1", "Chấp Hành Viên A1", "A1", Title.OFFICER)):
        people[name] = do_create_staff(name, PASSWORD, full, units[unit], title)
    people["root"] = User.objects.create_superuser("root", password=PASSWORD)
    return {"units": units, "people": people}


@pytest.fixture
def world(org):
    return build_world(org)


def writes() -> tuple[int, ...]:
    return (AuditEvent.objects.filter(kind="write").count(), Target.objects.count(), Campaign.objects.count(),
            CouncilMember.objects.count(), Commendation.objects.count(), GoodPractice.objects.count())


def refused(call, *args, **kwargs) -> str:
    """The refusal's message; asserts that nothing was written."""
    before = writes()
    with pytest.raises(Refused) as caught:
        call(*args, **kwargs)
    assert writes() == before
    return caught.value.message


# ------------------------------------------------------------------------------------------------ targets


def test_a_province_target_for_a_branch_is_updated_in_place_under_its_key_with_before_and_after(world):
    p, u = world["people"], world["units"]
    first = actions.do_set_target(p["statistician_p"], year=YEAR, issuer=Issuer.PROVINCE, unit=u["A"],
                                  cases_rate="82.5", money_rate=Decimal("40"))
    again = actions.do_set_target(p["head_p"], year=YEAR, issuer=Issuer.PROVINCE, unit=u["A"], cases_rate="84.25",
                                  money_rate="41", decision_no="12/QĐ-CTHADS")
    assert again.pk == first.pk and Target.objects.count() == 1
    row = Target.objects.get()
    assert (row.cases_rate, row.money_rate, row.issuing_unit_id) == (Decimal("84.25"), Decimal("41.00"),
                                                                     u["P"].pk)
    change = AuditEvent.objects.get(action="emulation.target.change")
    assert change.before["cases_rate"] == "82.50" and change.after["cases_rate"] == "84.25"
    assert AuditEvent.objects.filter(action="emulation.target.add").count() == 1


@pytest.mark.parametrize("figures, field", [
    ({"cases_rate": "100.01"}, "cases_rate"),
    ({"cases_rate": "-1"}, "cases_rate"),
    ({"money_rate": "85.123"}, "money_rate"),
    ({"cases_rate": 85.5}, "cases_rate"),
    ({"money_recovered": -5}, "money_recovered"),
    ({"cases_completed": "ba"}, "cases_completed"),
    ({}, "cases_rate"),
])
def test_rates_out_of_range_or_with_three_decimals_negative_counts_and_no_figure_are_refused(world, figures, field):
    p, u = world["people"], world["units"]
    with pytest.raises(Refused) as caught:
        actions.do_set_target(p["statistician_p"], year=YEAR, issuer=Issuer.PROVINCE, unit=u["A"], **figures)
    assert caught.value.field == field and not Target.objects.exists()


@pytest.mark.parametrize("year", [1999, YEAR + 2])
def test_a_year_outside_2000_to_next_year_is_refused(world, year):
    p, u = world["people"], world["units"]
    assert "Năm" in refused(actions.do_set_target, p["statistician_p"], year=year, issuer=Issuer.PROVINCE,
                            unit=u["A"], cases_rate="80")


def test_nobody_below_the_root_writes_the_national_line(world):
    p = world["people"]
    for who in ("head_a", "statistician_a", "head_b"):
        assert "toàn quốc" in refused(actions.do_set_target, p[who], year=YEAR, issuer=Issuer.NATIONAL_ASSEMBLY,
                                      cases_rate="83")
        assert not may_set_targets(p[who], None)
    assert "Quốc hội" in refused(actions.do_set_target, p["statistician_p"], year=YEAR, issuer=Issuer.PROVINCE,
                                 cases_rate="83")
    line = actions.do_set_target(p["statistician_p"], year=YEAR, issuer=Issuer.NATIONAL_ASSEMBLY, cases_rate="83",
                                 money_rate="40", source="Nghị quyết của Quốc hội")
    assert line.unit_id is None and line.issuing_unit_id is None
    assert actions.do_set_target(p["root"], year=YEAR - 1, issuer=Issuer.MINISTRY, cases_rate="82").unit_id is None


def test_external_issuers_targets_are_entered_by_the_province_for_itself_only(world):
    p, u = world["people"], world["units"]
    own = actions.do_set_target(p["head_p"], year=YEAR, issuer=Issuer.NATIONAL_DEPARTMENT, unit=u["P"],
                                cases_rate="85", money_rate="42")
    assert own.unit_id == u["P"].pk
    assert "cấp tỉnh" in refused(actions.do_set_target, p["head_a"], year=YEAR, issuer=Issuer.MINISTRY, unit=u["A"],
                                 cases_rate="85")
    assert "cấp tỉnh" in refused(actions.do_set_target, p["head_p"], year=YEAR, issuer=Issuer.MINISTRY, unit=u["A"],
                                 cases_rate="85")
    assert "chính mình" in refused(actions.do_set_target, p["head_p"], year=YEAR, issuer=Issuer.PROVINCE,
                                   unit=u["P"], cases_rate="85")


def test_a_branch_sets_its_own_officers_targets_only_and_officers_and_clerks_set_none(world):
    p, u = world["people"], world["units"]
    mine = p["officer_a"].officer
    row = actions.do_set_target(p["head_a"], year=YEAR, issuer=Issuer.BRANCH, officer=mine, cases_rate="90")
    assert (row.unit_id, row.issuing_unit_id) == (u["A"].pk, u["A"].pk)
    assert "Chấp hành viên" in refused(actions.do_set_target, p["head_a"], year=YEAR, issuer=Issuer.BRANCH,
                                       unit=u["A1"], cases_rate="90")
    assert refused(actions.do_set_target, p["head_a"], year=YEAR, issuer=Issuer.BRANCH,
                   officer=p["officer_b"].officer, cases_rate="90")
    assert "cấp tỉnh" in refused(actions.do_set_target, p["head_a"], year=YEAR, issuer=Issuer.PROVINCE,
                                 officer=mine, cases_rate="90")
    assert "đơn vị của Chấp hành viên" in refused(actions.do_set_target, p["head_p"], year=YEAR,
                                                  issuer=Issuer.PROVINCE, unit=u["B"], officer=mine, cases_rate="90")
    for who in ("officer_a", "clerk_a"):
        assert refused(actions.do_set_target, p[who], year=YEAR, issuer=Issuer.BRANCH, officer=mine, cases_rate="1")
    # the province assigns to an officer of its own unit and of a branch
    assert actions.do_set_target(p["statistician_p"], year=YEAR, issuer=Issuer.PROVINCE, officer=mine,
                                 cases_rate="88").issuing_unit_id == u["P"].pk


def test_deleting_a_target_needs_the_same_right_and_is_audited(world):
    p, u = world["people"], world["units"]
    row = actions.do_set_target(p["statistician_p"], year=YEAR, issuer=Issuer.PROVINCE, unit=u["B"], cases_rate="80")
    refused(actions.do_delete_target, p["head_a"], row)
    actions.do_delete_target(p["head_p"], row)
    assert not Target.objects.exists()
    assert AuditEvent.objects.get(action="emulation.target.delete").before["cases_rate"] == "80.00"


def test_pass_down_creates_only_the_missing_branch_targets_and_the_check_fails_when_a_branch_is_lower(world):
    p, u = world["people"], world["units"]
    whole = actions.do_set_target(p["head_p"], year=YEAR, issuer=Issuer.NATIONAL_DEPARTMENT, unit=u["P"],
                                  cases_rate="85", money_rate="40")
    lower = actions.do_set_target(p["statistician_p"], year=YEAR, issuer=Issuer.PROVINCE, unit=u["B"],
                                  cases_rate="70")
    created, check = actions.do_pass_down(p["statistician_p"], whole, to="units")
    assert [t.unit_id for t in created] == [u["A"].pk]
    assert (created[0].cases_rate, created[0].money_rate, created[0].issuer) == (Decimal("85.00"),
                                                                                 Decimal("40.00"), Issuer.PROVINCE)
    assert Target.objects.get(pk=lower.pk).cases_rate == Decimal("70.00")  # an existing target is kept
    assert not check["cases"].ok and check["cases"].implied < 85
    assert check["money"].parts == 2 and check["money"].missing == 1  # B has no money rate
    again, check = actions.do_pass_down(p["statistician_p"], whole, to="units")
    assert again == [] and not check["cases"].ok


def test_pass_down_to_officers_adds_the_uplift_capped_at_100_and_is_refused_outside_the_chain(world):
    p, u = world["people"], world["units"]
    branch = actions.do_set_target(p["statistician_p"], year=YEAR, issuer=Issuer.PROVINCE, unit=u["A"],
                                   cases_rate="85", money_rate="45.5")
    refused(actions.do_pass_down, p["head_b"], branch, to="officers")
    refused(actions.do_pass_down, p["head_a"], branch, to="units")  # a branch assigns to its officers only
    created, check = actions.do_pass_down(p["head_a"], branch, to="officers", uplift="20")
    officers = {o.pk for o in u["A"].officers.all()}
    assert {t.officer_id for t in created} == officers and len(officers) == 3
    assert {(t.issuer, t.cases_rate, t.money_rate) for t in created} == {(Issuer.BRANCH, Decimal("100.00"),
                                                                          Decimal("65.50"))}
    assert check["cases"].ok and check["money"].ok


# ------------------------------------------------------------------------------------------------ campaigns, council


def test_a_campaign_is_organised_by_a_head_or_deputy_over_units_in_his_scope(world):
    p, u = world["people"], world["units"]
    start = TODAY - timedelta(days=30)
    campaign = actions.do_save_campaign(p["deputy_p"], name="Thi đua cao điểm", unit=u["P"], starts_on=start,
                                        ends_on=start + timedelta(days=90), criteria="Vượt chỉ tiêu",
                                        units=[u["A"], u["B"]])
    assert set(campaign.units.values_list("code", flat=True)) == {"A", "B"}
    assert "ngoài phạm vi" in refused(actions.do_save_campaign, p["head_a"], name="X", unit=u["A"], starts_on=start,
                                      ends_on=start, units=[u["B"]])
    assert "trước ngày bắt đầu" in refused(actions.do_save_campaign, p["head_a"], name="X", unit=u["A"],
                                           starts_on=start, ends_on=start - timedelta(days=1))
    refused(actions.do_save_campaign, p["statistician_p"], name="X", unit=u["P"], starts_on=start, ends_on=start)
    refused(actions.do_close_campaign, p["head_a"], campaign)
    actions.do_close_campaign(p["head_p"], campaign)
    assert Campaign.objects.get(pk=campaign.pk).closed
    assert "đã kết thúc" in refused(actions.do_save_campaign, p["head_p"], campaign, name="Y", unit=u["P"],
                                    starts_on=start, ends_on=start)
    assert list(visible_campaigns(p["officer_b"])) == [campaign]  # B takes part
    assert visible_campaigns(p["officer_a1"]).count() == 0


def test_council_members_are_active_staff_of_the_unit_or_below_named_by_its_head_or_deputy(world):
    p, u = world["people"], world["units"]
    member = actions.do_add_council_member(p["head_a"], unit=u["A"], member=p["officer_a1"], role="secretary")
    assert member.unit_id == u["A"].pk
    assert "đơn vị trực thuộc" in refused(actions.do_add_council_member, p["head_a"], unit=u["A"],
                                          member=p["officer_b"])
    assert "đã là thành viên" in refused(actions.do_add_council_member, p["deputy_a"], unit=u["A"],
                                         member=p["officer_a1"])
    refused(actions.do_add_council_member, p["officer_a"], unit=u["A"], member=p["clerk_a"])
    refused(actions.do_add_council_member, p["head_a"], unit=u["A"], member=p["clerk_a"], role="boss")
    gone = p["clerk_a"]
    gone.is_active = False
    gone.save()
    refused(actions.do_add_council_member, p["head_a"], unit=u["A"], member=gone)
    refused(actions.do_remove_council_member, p["head_b"], member)
    actions.do_remove_council_member(p["deputy_a"], member)
    assert not CouncilMember.objects.exists()


# ------------------------------------------------------------------------------------------------ commendations


def test_a_commendation_is_recorded_directly_over_the_recipients_unit_with_its_decision(world):
    p, u = world["people"], world["units"]
    officer = p["officer_a"].officer
    decision = {"year": YEAR - 1, "decision_no": "45/QĐ-CTHADS", "decided_on": TODAY - timedelta(days=3),
                "issuer": "Cục trưởng Cục THADS tỉnh P"}
    row = actions.do_record_commendation(p["head_a"], kind="individual", title=AwardTitle.ADVANCED_WORKER,
                                         officer=officer, **decision)
    assert (row.unit_id, row.recipient_officer_id, row.nomination_id) == (u["A"].pk, officer.pk, None)
    group = actions.do_record_commendation(p["head_p"], kind="collective", title=AwardTitle.EXCELLENT_COLLECTIVE,
                                           recipient_unit=u["B"], **decision)
    assert group.unit_id == u["B"].pk
    assert "không xét cho cá nhân" in refused(actions.do_record_commendation, p["head_a"], kind="individual",
                                              title=AwardTitle.ADVANCED_COLLECTIVE, officer=officer, **decision)
    assert "không khớp" in refused(actions.do_record_commendation, p["head_a"], kind="collective",
                                   title=AwardTitle.CERTIFICATE, officer=officer, **decision)
    refused(actions.do_record_commendation, p["head_b"], kind="individual", title=AwardTitle.CERTIFICATE,
            officer=officer, **decision)
    refused(actions.do_record_commendation, p["statistician_p"], kind="individual", title=AwardTitle.CERTIFICATE,
            officer=officer, **decision)
    assert "chưa đến" in refused(actions.do_record_commendation, p["head_a"], kind="individual",
                                 title=AwardTitle.CERTIFICATE, officer=officer,
                                 **{**decision, "decided_on": TODAY + timedelta(days=1)})
    assert "số quyết định" in refused(actions.do_record_commendation, p["head_a"], kind="individual",
                                      title=AwardTitle.CERTIFICATE, officer=officer, **{**decision, "decision_no": ""})


# ------------------------------------------------------------------------------------------------ good practices


def _case_of_a(world):
    from thads.cases.actions import ObligationData, PartyData, do_receive

    p, u = world["people"], world["units"]
    day = TODAY - timedelta(days=40)
    return do_receive(p["head_a"], u["A"], on=day, initiation="theo_don", judgment_kind="dan_su",
                      court="TAND huyện A", judgment_number="12/2025/DS-ST", judgment_date=day,
                      debtors=[PartyData("Lê Văn Đức", "046090001234", "Phú Thuận")],
                      creditors=[PartyData("Nguyễn Thị Mai")], obligations=[ObligationData("tra_no", "person", 10**8)])


def test_a_good_practice_is_written_in_scope_searched_without_diacritics_and_read_by_all_staff(world):
    p, u = world["people"], world["units"]
    case = _case_of_a(world)
    practice = actions.do_save_practice(
        p["officer_a"], kind=PracticeKind.DIFFICULT_CASE, title="Cưỡng chế giao nhà có đông người tụ tập",
        summary="Vận động trước, phối hợp công an xã", body="Đối thoại ba lần với người phải thi hành án.",
        unit=u["A"], officers=[p["officer_a"].officer], cases=[case], affects_order=True, year=YEAR)
    assert practice.author_id == p["officer_a"].pk and "cuong che giao nha" in practice.folded
    assert list(practice.cases.all()) == [case]
    for q in ("cuong che", "CƯỠNG CHẾ", "doi thoai cong an"):
        assert list(visible_practices(p["officer_b"], q=q)) == [practice], q
    assert not visible_practices(p["officer_b"], q="cuong che dat").exists()
    assert not visible_practices(p["officer_b"], affects_order=False).exists()
    assert visible_practices(p["officer_b"], kind=PracticeKind.DIFFICULT_CASE, affects_order=True).count() == 1
    assert not visible_practices(p["officer_b"], kind=PracticeKind.SOLUTION).exists()
    # a case or an officer outside the writer's scope, a unit he does not act in
    assert "ngoài phạm vi" in refused(actions.do_save_practice, p["officer_b"], kind="solution", title="T",
                                      summary="S", unit=u["B"], cases=[case])
    assert "ngoài phạm vi" in refused(actions.do_save_practice, p["officer_b"], kind="solution", title="T",
                                      summary="S", unit=u["B"], officers=[p["officer_a"].officer])
    refused(actions.do_save_practice, p["statistician_a"], kind="solution", title="T", summary="S", unit=u["A"])
    refused(actions.do_save_practice, p["officer_b"], kind="solution", title="T", summary="S", unit=u["A"])
    assert "tóm tắt" in refused(actions.do_save_practice, p["officer_a"], kind="solution", title="T", summary=" ",
                                unit=u["A"])


def test_a_good_practice_is_edited_by_its_author_or_the_units_head_and_deleted_with_an_audit_row(world):
    p, u = world["people"], world["units"]
    practice = actions.do_save_practice(p["officer_a"], kind="solution", title="Giải pháp thu hồi nợ",
                                        summary="Tóm tắt", unit=u["A"])
    assert may_edit_practice(p["deputy_a"], practice) and not may_edit_practice(p["officer_b"], practice)
    assert not may_edit_practice(p["clerk_a"], practice)
    edited = actions.do_save_practice(p["deputy_a"], practice, kind="exemplar", title="Điển hình Đội A",
                                      summary="Tóm tắt mới", unit=u["A"])
    assert (edited.pk, edited.author_id, edited.folded) == (practice.pk, p["officer_a"].pk,
                                                           "dien hinh doi a tom tat moi")
    refused(actions.do_save_practice, p["clerk_a"], practice, kind="exemplar", title="X", summary="Y", unit=u["A"])
    refused(actions.do_delete_practice, p["officer_b"], practice)
    actions.do_delete_practice(p["officer_a"], practice)
    assert not GoodPractice.objects.exists()
    assert AuditEvent.objects.get(action="emulation.practice.delete").before["title"] == "Điển hình Đội A"


# ------------------------------------------------------------------------------------------------ the admin


def test_the_admin_saves_targets_and_campaigns_through_the_actions_and_nominations_are_read_only(client, world):
    from django.urls import reverse

    p, u = world["people"], world["units"]
    client.force_login(p["root"])
    response = client.post(reverse("admin:emulation_target_add"), {
        "year": YEAR, "issuer": "province", "unit": u["A"].pk, "cases_rate": "81.50", "money_rate": "",
        "cases_completed": "", "money_recovered": "", "backlog_reduction": "", "decision_no": "", "decided_on": "",
        "source": "", "note": ""})
    assert response.status_code == 302, response.content[:2000]
    row = Target.objects.get()
    assert row.cases_rate == Decimal("81.50") and row.created_by_id == p["root"].pk
    assert AuditEvent.objects.filter(action="emulation.target.add", object_id=str(row.pk)).count() == 1
    response = client.post(reverse("admin:emulation_target_add"), {
        "year": YEAR, "issuer": "branch", "unit": u["A"].pk, "cases_rate": "81.50"})
    assert response.status_code == 403 and Target.objects.count() == 1  # a branch issues to officers only
    start = TODAY - timedelta(days=1)
    response = client.post(reverse("admin:emulation_campaign_add"), {
        "name": "Thi đua", "unit": u["P"].pk, "starts_on": start.strftime("%d/%m/%Y"),
        "ends_on": TODAY.strftime("%d/%m/%Y"), "criteria": "", "units": [u["A"].pk]})
    assert response.status_code == 302, response.content[:3000]
    assert list(Campaign.objects.get().units.values_list("code", flat=True)) == ["A"]
    assert AuditEvent.objects.filter(action="emulation.campaign.add").count() == 1
    assert client.get(reverse("admin:emulation_nomination_add")).status_code == 403
    assert client.get(reverse("admin:emulation_commendation_changelist")).status_code == 200
