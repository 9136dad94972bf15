"""Home pages by role (issue 7): an officer's queue and own figures, a head's unit queue by officer and alerts."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tests.conftest import PASSWORD
from thads.cases.actions import ObligationData, PartyData, do_act, do_receive


def _overdue_case(org):
    head = org["people"]["head_a"]
    on = timezone.localdate() - timedelta(days=40)
    case = do_receive(head, org["units"]["A"], on=on, initiation="theo_don", judgment_kind="dan_su",
                      debtors=[PartyData("Lê Văn Đức")], obligations=[ObligationData("tra_no", "person", 5_000_000)])
    return do_act(head, case.pk, "decide", on, officer=org["people"]["officer_a"].officer)


def test_an_officer_sees_the_own_queue_and_figures(client, org):
    case = _overdue_case(org)
    client.post("/login/", {"username": "officer_a", "password": PASSWORD})
    body = client.get("/").content.decode()
    assert case.ext_id in body and "Công việc của tôi" in body and "quá hạn" in body


def test_a_head_sees_the_unit_by_officer_and_the_alerts(client, org):
    case = _overdue_case(org)
    client.post("/login/", {"username": "head_a", "password": PASSWORD})
    body = client.get("/").content.decode()
    assert "Nguyễn Văn Đức" in body and case.ext_id in body  # officer_a's name in the per-officer table
    assert "Tỷ lệ" in body


def test_another_branch_sees_nothing_of_it(client, org):
    case = _overdue_case(org)
    client.post("/login/", {"username": "officer_b", "password": PASSWORD})
    assert case.ext_id not in client.get("/").content.decode()


def test_the_case_file_shows_where_the_case_has_been(client, org):
    case = _overdue_case(org)
    do_act(org["people"]["head_a"], case.pk, "move", timezone.localdate(), unit=org["units"]["B"])
    client.force_login(org["people"]["statistician_p"])
    body = client.get(f"/cases/{case.pk}/").content.decode()
    timeline = body.split("Hành trình của việc")[1].split("</ol>")[0]
    assert "Phòng THADS khu vực B" in timeline and timeline.count("<li>") >= 3


def test_the_statistics_link_is_shown_only_to_those_who_may_open_it(client, org):
    client.force_login(org["people"]["officer_a"])
    assert 'href="/statistics/"' not in client.get("/").content.decode()
    client.force_login(org["people"]["statistician_p"])
    assert 'href="/statistics/"' in client.get("/").content.decode()


def test_the_home_page_has_the_one_search_box_leading_to_the_case_list(client, org):
    case = _overdue_case(org)
    client.post("/login/", {"username": "officer_a", "password": PASSWORD})
    body = client.get("/").content.decode()
    form = body[body.index('role="search"') - 60:]
    assert 'action="/cases/"' in form[:200] and 'name="q"' in form[:800] and "Tìm việc thi hành án" in form[:800]
    found = client.get("/cases/", {"q": "le van duc"}).content.decode()
    assert case.ext_id in found
