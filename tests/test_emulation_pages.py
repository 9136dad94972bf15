"""The emulation pages (issue 17): targets, progress, rankings, campaigns, nominations and their steps, the evidence
sheet and its files, commendations, the council, the good-practice library and the home page's "behind pace" block.

Who sees what (progress, rankings and targets for who sees the statistics; another unit's nomination, campaign or
target is not found; a step only for who may take it), that the forms call the actions and that refused or garbage
input writes nothing and never fails (rate 150, bad dates, unknown ids, another unit's objects), and the whole
nomination path through the forms: propose → council review → decide → commendation.
"""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser.helpers import enforcing_case
from tests.conftest import PASSWORD
from thads.domain.roles import Title
from thads.emulation import actions
from thads.emulation.models import Campaign, Commendation, CouncilMember, GoodPractice, Nomination, Target
from thads.emulation.progress import current_period
from thads.org.models import AuditEvent

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _d(days_ago: int = 0) -> str:
    return (timezone.localdate() - timedelta(days=days_ago)).strftime("%d/%m/%Y")


@pytest.fixture
def people(org):
    from thads.org.actions import do_create_staff

    out = dict(org["people"])
    out["deputy_a"] = do_create_staff("deputy_a", PASSWORD, "Võ Phó Trưởng", org["units"]["A"], Title.DEPUTY)
    out["head_p"] = do_create_staff("head_p", PASSWORD, "Lê Cục Trưởng", org["units"]["P"], Title.HEAD)
    return out


@pytest.fixture
def world(people, org):
    """A case of A; the province's target and A's; A's council (its head); a campaign of A with a nomination of
    officer_a proposed by the deputy; a good practice of A linked to the case."""
    units, year = org["units"], current_period()[0]
    case = enforcing_case(org)
    stat = people["statistician_p"]
    province_target = actions.do_set_target(stat, year=year, issuer="national_department", unit=units["P"],
                                            cases_rate=Decimal("85"), money_rate=Decimal("45"),
                                            decision_no="123/QĐ-QLTHADS", source="Cục giao")
    branch_target = actions.do_set_target(stat, year=year, issuer="province", unit=units["A"],
                                          cases_rate=Decimal("90"), money_rate=Decimal("50"))
    officer_target = actions.do_set_target(people["head_a"], year=year, issuer="branch", unit=units["A"],
                                           officer=people["officer_a"].officer, cases_rate=Decimal("95"))
    actions.do_add_council_member(people["head_a"], unit=units["A"], member=people["head_a"], role="chair")
    campaign = actions.do_save_campaign(people["head_a"], name="Thi đua nước rút", unit=units["A"],
                                        starts_on=timezone.localdate() - timedelta(days=60),
                                        ends_on=timezone.localdate() + timedelta(days=60), criteria="Tỷ lệ",
                                        units=[units["A"]])
    nomination = actions.do_propose(people["deputy_a"], unit=units["A"], year=year, title="advanced_worker",
                                    officer=people["officer_a"].officer, campaign=campaign, reason="Xuất sắc",
                                    on=timezone.localdate() - timedelta(days=2))
    practice = actions.do_save_practice(people["head_a"], kind="difficult_case", title="Cưỡng chế giao nhà",
                                        summary="Vận động thành công", body="Phối hợp chính quyền",
                                        unit=units["A"], officers=[people["officer_a"].officer], cases=[case],
                                        affects_order=True, year=year)
    return SimpleNamespace(case=case, year=year, province_target=province_target, branch_target=branch_target,
                           officer_target=officer_target, campaign=campaign, nomination=nomination,
                           practice=practice)


def _urls(w) -> dict[str, str]:
    return {
        "progress": reverse("emulation-progress"),
        "progress by officer": reverse("emulation-progress") + "?by=officer",
        "rankings": reverse("emulation-rankings"),
        "rankings by officer": reverse("emulation-rankings") + "?by=officer",
        "targets": reverse("emulation-targets") + f"?year={w.year}",
        "campaigns": reverse("emulation-campaigns"),
        "campaign": reverse("emulation-campaign-detail", args=[w.campaign.pk]),
        "nominations": reverse("emulation-nominations"),
        "nomination": reverse("emulation-nomination-detail", args=[w.nomination.pk]),
        "commendations": reverse("emulation-commendations"),
        "council": reverse("emulation-council"),
        "practices": reverse("emulation-practices"),
        "practice": reverse("emulation-practice-detail", args=[w.practice.pk]),
        "evidence": reverse("emulation-evidence") + f"?officer={w.nomination.nominee_officer_id}&year={w.year}",
    }


STATISTICS_PAGES = ("progress", "progress by officer", "rankings", "rankings by officer", "targets")


@pytest.mark.parametrize("who", ["head_a", "deputy_a", "statistician_p", "head_p"])
def test_every_page_renders_for_the_heads_and_the_statistician(client, people, world, who):
    client.force_login(people[who])
    for name, url in _urls(world).items():
        response = client.get(url)
        assert response.status_code == 200, f"{who} {name}: {response.status_code}"


def test_an_officer_reads_the_records_but_not_progress_rankings_or_targets(client, people, world):
    client.force_login(people["officer_a"])
    for name, url in _urls(world).items():
        want = 403 if name in STATISTICS_PAGES or name == "evidence" else 200
        assert client.get(url).status_code == want, name


def test_another_branch_does_not_find_the_units_nomination_campaign_or_target(client, people, world):
    client.force_login(people["officer_b"])
    urls = _urls(world)
    for name in ("nomination", "campaign"):
        assert client.get(urls[name]).status_code == 404, name
    assert "Thi đua nước rút" not in client.get(urls["campaigns"]).content.decode()
    assert client.get(reverse("emulation-target-edit", args=[world.branch_target.pk])).status_code in (403, 404)


def test_the_index_sends_the_statistician_to_progress_and_an_officer_to_the_library(client, people, world):
    client.force_login(people["statistician_p"])
    assert client.get(reverse("emulation-index"))["Location"] == reverse("emulation-progress")
    client.force_login(people["officer_a"])
    assert client.get(reverse("emulation-index"))["Location"] == reverse("emulation-practices")


def test_the_progress_page_lists_the_branch_with_its_target_and_the_officer_by_officer(client, people, world):
    client.force_login(people["statistician_p"])
    body = client.get(reverse("emulation-progress") + "?unit=P").content.decode()
    assert "Chi cục THADS huyện A" in body and "90,00 %" in body  # A's target
    body = client.get(reverse("emulation-progress") + "?unit=A&by=officer").content.decode()
    assert "Nguyễn Văn Đức" in body and "95,00 %" in body


def test_progress_of_a_unit_outside_the_scope_falls_back_to_the_users_own(client, people, world):
    client.force_login(people["head_a"])
    body = client.get(reverse("emulation-progress") + "?unit=B&year=abc&by=x").content.decode()
    assert "Phòng THADS khu vực B" not in body.split("<tbody>")[1]


def test_rankings_show_the_weights_as_unverified_and_download_as_xlsx(client, people, world):
    client.force_login(people["statistician_p"])
    body = client.get(reverse("emulation-rankings") + "?unit=P").content.decode()
    assert "CHƯA KIỂM CHỨNG" in body and "THADS_RANKING_WEIGHTS" in body  # Vietnamese first: "UNVERIFIED"
    response = client.get(reverse("emulation-rankings-xlsx") + "?unit=P&by=unit")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    import openpyxl

    ws = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    codes = [row[1] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert "A" in codes and "B" in codes


# ------------------------------------------------------------------------------------------------- targets


def _target_post(**over) -> dict:
    data = {"token": "", "year": str(current_period()[0]), "issuer": "province", "unit": "", "officer": "",
            "cases_rate": "80", "money_rate": "40,5", "cases_completed": "", "money_recovered": "",
            "backlog_reduction": "", "decision_no": "12/QĐ-CTHADS", "decided_on": _d(10), "source": "", "note": ""}
    data.update(over)
    return data


def test_the_target_form_sets_a_branch_target_through_the_action(client, people, org, world):
    client.force_login(people["statistician_p"])
    response = client.post(reverse("emulation-target-new"), _target_post(unit=str(org["units"]["B"].pk)))
    assert response.status_code == 302
    row = Target.objects.get(unit=org["units"]["B"], officer__isnull=True, issuer="province")
    assert row.cases_rate == Decimal("80") and row.money_rate == Decimal("40.5") and row.created_by is not None


@pytest.mark.parametrize("garbage", [
    {"cases_rate": "150"}, {"cases_rate": "-1"}, {"money_rate": "abc"}, {"decided_on": "31/02/2025"},
    {"decided_on": "01/01/1900"}, {"unit": "999999"}, {"issuer": "king"}, {"year": "1800"},
    {"officer": "999999"}, {"cases_rate": "", "money_rate": ""}, {"money_recovered": "-5"},
])
def test_the_target_form_refuses_garbage_and_writes_nothing(client, people, org, world, garbage):
    client.force_login(people["statistician_p"])
    before = Target.objects.count()
    response = client.post(reverse("emulation-target-new"), _target_post(**{"unit": str(org["units"]["B"].pk),
                                                                            **garbage}))
    assert response.status_code == 200 and 'class="errors' in response.content.decode() or \
        "errorlist" in response.content.decode()
    assert Target.objects.count() == before


def test_a_refused_issuer_is_shown_in_vietnamese_and_nothing_written(client, people, org, world):
    client.force_login(people["head_a"])  # a branch does not issue targets as the province
    before = Target.objects.count()
    response = client.post(reverse("emulation-target-new"), _target_post(unit=str(org["units"]["A"].pk)))
    assert response.status_code == 200 and "tỉnh" in response.content.decode()
    assert Target.objects.count() == before


def test_an_officer_may_not_open_the_target_form(client, people, world):
    client.force_login(people["officer_a"])
    assert client.get(reverse("emulation-target-new")).status_code == 403


def test_passing_down_creates_the_missing_targets_and_the_page_shows_the_check(client, people, org, world):
    client.force_login(people["statistician_p"])
    url = reverse("emulation-target-pass-down", args=[world.province_target.pk])
    response = client.post(url, {"to": "units", "uplift": "1"})
    assert response.status_code == 302
    b = Target.objects.get(unit=org["units"]["B"], officer__isnull=True, issuer="province", year=world.year)
    assert b.cases_rate == Decimal("86.00")  # 85 + 1; A kept its own 90
    assert Target.objects.get(pk=world.branch_target.pk).cases_rate == Decimal("90")
    body = client.get(reverse("emulation-targets") + f"?year={world.year}&unit=P").content.decode()
    assert 'class="alert' in body


def test_passing_down_refuses_a_bad_uplift_without_writing(client, people, world):
    client.force_login(people["statistician_p"])
    before = Target.objects.count()
    client.post(reverse("emulation-target-pass-down", args=[world.province_target.pk]), {"to": "x", "uplift": "99"})
    assert Target.objects.count() == before


def test_deleting_a_target_is_a_post_by_who_may_set_it(client, people, world):
    url = reverse("emulation-target-delete", args=[world.branch_target.pk])
    client.force_login(people["officer_a"])
    assert client.post(url).status_code == 403
    client.force_login(people["statistician_p"])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not Target.objects.filter(pk=world.branch_target.pk).exists()


# ------------------------------------------------------------------------------------------------- nominations


def test_the_nomination_walks_through_the_pages_to_a_commendation(client, people, org, world):
    client.force_login(people["deputy_a"])
    response = client.post(reverse("emulation-nomination-new"), {
        "token": "t-propose", "officer": "", "nominee_user": "", "nominee_unit": str(org["units"]["A"].pk),
        "title": "advanced_collective", "year": str(world.year), "unit": str(org["units"]["A"].pk),
        "campaign": "", "reason": "Tập thể hoàn thành chỉ tiêu", "on": _d(1)})
    assert response.status_code == 302, response.content.decode()[:2000]
    n = Nomination.objects.get(nominee_unit=org["units"]["A"])
    detail = reverse("emulation-nomination-detail", args=[n.pk])
    assert reverse("emulation-nomination-step", args=[n.pk, "review"]) not in client.get(detail).content.decode()
    client.force_login(people["head_a"])
    review = reverse("emulation-nomination-step", args=[n.pk, "review"])
    assert review in client.get(detail).content.decode()
    assert client.post(review, {"token": "t-r", "on": _d(0), "votes_for": "5", "votes_against": "1",
                                "note": "Đồng ý"}).status_code == 302
    decide = reverse("emulation-nomination-step", args=[n.pk, "decide"])
    assert client.post(decide, {"token": "t-d", "decision_no": "45/QĐ-CCTHADS", "decided_on": _d(0),
                                "issuer": "Chi cục trưởng"}).status_code == 302
    n.refresh_from_db()
    assert n.state == "decided" and Commendation.objects.get(nomination=n).decision_no == "45/QĐ-CCTHADS"
    body = client.get(detail).content.decode()
    assert "45/QĐ-CCTHADS" in body and "Đồng ý" in body and "5" in body


def test_a_step_the_user_may_not_take_is_refused_before_the_form(client, people, world):
    step = reverse("emulation-nomination-step", args=[world.nomination.pk, "review"])
    client.force_login(people["officer_a"])
    assert client.get(step).status_code == 403
    client.force_login(people["deputy_a"])  # the proposer does not review his own nomination
    assert client.get(step).status_code == 403
    client.force_login(people["officer_b"])
    assert client.get(step).status_code == 404
    client.force_login(people["head_a"])
    assert client.get(reverse("emulation-nomination-step", args=[world.nomination.pk, "promote"])).status_code == 404
    assert client.get(reverse("emulation-nomination-step", args=[world.nomination.pk, "decide"])).status_code == 403


@pytest.mark.parametrize("step,data", [
    ("review", {"on": _d(0), "votes_for": "1", "votes_against": "3"}),  # not a majority: decline instead
    ("review", {"on": "99/99/2025", "votes_for": "3", "votes_against": "0"}),
    ("review", {"on": _d(0), "votes_for": "-2", "votes_against": "0"}),
    ("review", {"on": _d(30), "votes_for": "3", "votes_against": "0"}),  # before the proposal: the action refuses
    ("decline", {"on": _d(0), "reason": ""}),
])
def test_a_bad_step_form_writes_nothing(client, people, world, step, data):
    client.force_login(people["head_a"])
    url = reverse("emulation-nomination-step", args=[world.nomination.pk, step])
    response = client.post(url, {"token": "", **data})
    assert response.status_code == 200
    world.nomination.refresh_from_db()
    assert world.nomination.state == "proposed" and world.nomination.events.count() == 1


def test_the_proposer_withdraws_and_the_history_says_who(client, people, world):
    client.force_login(people["deputy_a"])
    url = reverse("emulation-nomination-step", args=[world.nomination.pk, "withdraw"])
    assert client.post(url, {"token": "t-w", "on": _d(0), "reason": "Rút"}).status_code == 302
    world.nomination.refresh_from_db()
    assert world.nomination.state == "declined"
    body = client.get(reverse("emulation-nomination-detail", args=[world.nomination.pk])).content.decode()
    assert "Võ Phó Trưởng" in body and "Rút" in body


def test_the_nomination_list_filters_by_state(client, people, world):
    client.force_login(people["head_a"])
    url = reverse("emulation-nominations")
    assert "Nguyễn Văn Đức" in client.get(url + "?state=proposed").content.decode()
    assert "Nguyễn Văn Đức" not in client.get(url + "?state=decided").content.decode()
    assert client.get(url + "?state=zzz&year=abc&campaign=-1").status_code == 200


def test_the_evidence_sheet_downloads_as_xlsx_and_docx_each_audited(client, people, world):
    client.force_login(people["head_a"])
    query = f"?officer={world.nomination.nominee_officer_id}&year={world.year}"
    for name, ctype in (("emulation-evidence-xlsx", XLSX), ("emulation-evidence-docx", DOCX)):
        before = AuditEvent.objects.filter(kind="read").count()
        response = client.get(reverse(name) + query)
        assert response.status_code == 200 and response["Content-Type"] == ctype
        assert response.content[:2] == b"PK"
        assert AuditEvent.objects.filter(kind="read").count() == before + 1


def test_the_evidence_of_another_units_officer_is_not_found(client, people, world):
    client.force_login(people["head_a"])
    url = reverse("emulation-evidence") + f"?officer={people['officer_b'].officer.pk}"
    assert client.get(url).status_code == 404
    assert client.get(reverse("emulation-evidence") + "?officer=abc").status_code == 404
    assert client.get(reverse("emulation-evidence-xlsx") + "?unit=999999").status_code == 404


# ------------------------------------------------------------------------------------------------- records


def test_a_commendation_is_recorded_through_the_form(client, people, org, world):
    client.force_login(people["head_a"])
    response = client.post(reverse("emulation-commendation-new"), {
        "token": "t-c", "kind": "individual", "officer": str(people["officer_a"].officer.pk), "recipient_user": "",
        "recipient_unit": "", "title": "certificate", "year": str(world.year - 1), "decision_no": "9/QĐ",
        "decided_on": _d(200), "issuer": "Cục trưởng", "campaign": "", "note": ""})
    assert response.status_code == 302
    assert Commendation.objects.filter(decision_no="9/QĐ").exists()
    assert "9/QĐ" in client.get(reverse("emulation-commendations")).content.decode()


def test_a_commendation_for_a_unit_as_individual_is_refused(client, people, org, world):
    client.force_login(people["head_a"])
    response = client.post(reverse("emulation-commendation-new"), {
        "token": "", "kind": "individual", "officer": "", "recipient_user": "",
        "recipient_unit": str(org["units"]["A"].pk), "title": "certificate", "year": str(world.year),
        "decision_no": "9/QĐ", "decided_on": _d(1), "issuer": "X"})
    assert response.status_code == 200 and not Commendation.objects.filter(decision_no="9/QĐ").exists()


def test_the_council_page_adds_and_removes_a_member(client, people, org, world):
    client.force_login(people["head_a"])
    url = reverse("emulation-council") + "?unit=A"
    assert client.post(url, {"token": "t-m", "member": str(people["deputy_a"].pk), "role": "member"}).status_code == 302
    membership = CouncilMember.objects.get(unit=org["units"]["A"], user=people["deputy_a"])
    client.force_login(people["officer_a"])
    assert client.post(reverse("emulation-council-remove", args=[membership.pk])).status_code == 403
    assert client.post(url, {"member": str(people["officer_a"].pk), "role": "member"}).status_code == 403
    client.force_login(people["head_a"])
    assert client.post(reverse("emulation-council-remove", args=[membership.pk])).status_code == 302
    assert not CouncilMember.objects.filter(pk=membership.pk).exists()


def test_good_practices_are_found_without_diacritics(client, people, world):
    client.force_login(people["officer_b"])
    body = client.get(reverse("emulation-practices") + "?q=cuong+che").content.decode()
    assert "Cưỡng chế giao nhà" in body
    assert "Cưỡng chế giao nhà" not in client.get(reverse("emulation-practices") + "?q=dat+dai").content.decode()
    assert "Cưỡng chế giao nhà" not in client.get(reverse("emulation-practices") + "?affects_order=no") \
        .content.decode()


def test_a_practices_linked_case_shows_only_inside_the_readers_scope(client, people, world):
    url = reverse("emulation-practice-detail", args=[world.practice.pk])
    client.force_login(people["officer_b"])
    body = client.get(url).content.decode()
    assert "Cưỡng chế giao nhà" in body and world.case.ext_id not in body and "046090001234" not in body
    client.force_login(people["officer_a"])
    assert world.case.ext_id in client.get(url).content.decode()


def test_a_practice_is_written_with_case_numbers_and_refused_with_an_unknown_one(client, people, org, world):
    client.force_login(people["officer_a"])
    data = {"token": "", "kind": "solution", "title": "Giải pháp nhắn tin", "summary": "Nhắc người phải thi hành",
            "body": "", "unit": str(org["units"]["A"].pk), "cases": "KHONG-CO-SO", "year": str(world.year)}
    response = client.post(reverse("emulation-practice-new"), data)
    assert response.status_code == 200 and not GoodPractice.objects.filter(title="Giải pháp nhắn tin").exists()
    data.update(token="t-p", cases=world.case.ext_id)
    assert client.post(reverse("emulation-practice-new"), data).status_code == 302
    practice = GoodPractice.objects.get(title="Giải pháp nhắn tin")
    assert list(practice.cases.all()) == [world.case] and practice.author == people["officer_a"]
    client.force_login(people["officer_b"])
    assert client.get(reverse("emulation-practice-edit", args=[practice.pk])).status_code == 403


def test_a_campaign_is_created_and_closed_by_a_head(client, people, org, world):
    client.force_login(people["head_a"])
    response = client.post(reverse("emulation-campaign-new"), {
        "token": "t-k", "name": "Đợt cao điểm", "unit": str(org["units"]["A"].pk), "starts_on": _d(5),
        "ends_on": _d(0), "criteria": "", "units": [str(org["units"]["A"].pk)]})
    assert response.status_code == 302
    campaign = Campaign.objects.get(name="Đợt cao điểm")
    assert client.post(reverse("emulation-campaign-close", args=[campaign.pk])).status_code == 302
    campaign.refresh_from_db()
    assert campaign.closed
    bad = client.post(reverse("emulation-campaign-new"), {"token": "", "name": "Sai", "unit": str(
        org["units"]["A"].pk), "starts_on": _d(0), "ends_on": _d(5)})
    assert bad.status_code == 200 and not Campaign.objects.filter(name="Sai").exists()
    client.force_login(people["officer_a"])
    assert client.get(reverse("emulation-campaign-new")).status_code == 403


# ------------------------------------------------------------------------------------------------- home


def test_the_head_sees_the_behind_pace_block_and_the_officer_his_own_target(client, people, world):
    client.force_login(people["head_a"])
    body = client.get("/").content.decode()
    assert "behind-pace" in body and reverse("emulation-progress") in body
    client.force_login(people["officer_a"])
    body = client.get("/").content.decode()
    assert "my-target" in body and "95,00 %" in body
    client.force_login(people["officer_b"])
    assert "my-target" not in client.get("/").content.decode()


def test_the_nav_has_one_emulation_entry(client, people, world):
    client.force_login(people["officer_a"])
    body = client.get(reverse("emulation-practices")).content.decode()
    nav = body.split('class="mainnav"')[1].split("</nav>")[0]
    assert nav.count('href="/emulation/"') == 1 and 'aria-current="page"' in nav.split('href="/emulation/"')[1][:40]
