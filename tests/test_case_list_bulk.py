"""Bulk reassignment from the case list (issue 7 "The daily workplace"): heads and deputies tick cases on the list
and give them to another enforcement officer; ``do_reassign_cases`` writes one history row per case, all or nothing,
and the same endpoint serves the work queue."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.test_case_views import counts, decided, received
from thads.cases.actions import ActRefused, do_reassign_cases
from thads.cases.models import Case, CaseEvent
from thads.org.models import Officer

NEW_OFFICER = "Phan Văn Chín"


@pytest.fixture
def staff(org):
    return dict(org["people"])


@pytest.fixture
def other_officer(org):
    return Officer.objects.create(code="A-CHV-9", name=NEW_OFFICER, unit=org["units"]["A"])


def reassign(client, user, cases, officer, next_url="/cases/"):
    client.force_login(user)
    return client.post(reverse("deadline-reassign"), {"case": [c.pk for c in cases], "officer": officer.pk,
                                                      "next": next_url})


def officers_of(*cases) -> set[int]:
    return set(Case.objects.filter(pk__in=[c.pk for c in cases]).values_list("officer_id", flat=True))


def test_a_head_sees_a_checkbox_per_row_and_the_reassign_form(client, staff, org, other_officer):
    first, second = decided(staff, org), decided(staff, org)
    client.force_login(staff["head_a"])
    body = client.get(reverse("case-list"), {"state": "DECIDED", "page": "1"}).content.decode()
    for case in (first, second):
        assert f'name="case" value="{case.pk}"' in body
    assert f'action="{reverse("deadline-reassign")}"' in body and 'id="select-all"' in body
    assert f'<option value="{other_officer.pk}">{NEW_OFFICER} (A-CHV-9)</option>' in body
    assert 'name="next" value="/cases/?state=DECIDED&amp;page=1"' in body  # back to the same filters and page


@pytest.mark.parametrize("who", ["officer_a", "statistician_p"])
def test_those_who_are_not_heads_see_no_checkboxes(client, staff, org, who):
    case = decided(staff, org)
    client.force_login(staff[who])
    body = client.get(reverse("case-list")).content.decode()
    assert case.ext_id in body
    assert 'name="case"' not in body and "bulk-reassign" not in body


def test_a_head_reassigns_two_cases_from_the_case_list(client, staff, org, other_officer):
    first, second = decided(staff, org), decided(staff, org)
    untouched = decided(staff, org)
    back = "/cases/?state=DECIDED&page=1"
    response = reassign(client, staff["head_a"], [first, second], other_officer, next_url=back)
    assert response.status_code == 302 and response["Location"] == back
    assert officers_of(first, second) == {other_officer.pk}
    assert officers_of(untouched) == {staff["officer_a"].officer.pk}
    rows = CaseEvent.objects.filter(kind="reassigned").order_by("case_id")
    assert [(r.case_id, r.target_officer_id, r.user_id) for r in rows] == [
        (first.pk, other_officer.pk, staff["head_a"].pk), (second.pk, other_officer.pk, staff["head_a"].pk)]
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert len(messages) == 1 and "2" in messages[0] and NEW_OFFICER in messages[0]


def test_a_case_of_another_unit_in_the_selection_refuses_the_whole_batch(client, staff, org, other_officer):
    mine = decided(staff, org)  # the lower id: reassigned first, then rolled back
    theirs = received(staff["officer_b"], org["units"]["B"])
    before = counts()
    response = reassign(client, staff["head_a"], [mine, theirs], other_officer)
    assert response.status_code == 302 and response["Location"] == "/cases/"
    assert counts() == before
    assert officers_of(mine) == {staff["officer_a"].officer.pk}
    assert not CaseEvent.objects.filter(kind="reassigned").exists()
    messages = [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
    assert messages == [("error", "Bạn không có quyền thao tác trên việc của đơn vị này.")]


def test_an_officer_may_not_post_a_reassignment(client, staff, org, other_officer):
    case = decided(staff, org)
    before = counts()
    response = reassign(client, staff["officer_a"], [case], other_officer)
    assert response.status_code == 403
    assert counts() == before and officers_of(case) == {staff["officer_a"].officer.pk}


@pytest.mark.parametrize("target", ["https://evil.example/cases/", "//evil.example/", "http:/\\evil.example"])
def test_the_reassignment_does_not_redirect_to_another_site(client, staff, org, other_officer, target):
    case = decided(staff, org)
    response = reassign(client, staff["head_a"], [case], other_officer, next_url=target)
    assert response.status_code == 302 and response["Location"] == reverse("deadline-queue")
    assert officers_of(case) == {other_officer.pk}  # the reassignment itself went through
    client.force_login(staff["head_a"])
    response = client.post(reverse("deadline-reassign"), {"officer": other_officer.pk, "next": target})
    assert response["Location"] == reverse("deadline-queue")  # nothing chosen: the error path is safe too


def test_the_bulk_action_is_all_or_nothing_and_counts_the_cases(staff, org, other_officer):
    first, second = decided(staff, org), decided(staff, org)
    head = staff["head_a"]
    do_reassign_cases(head, [second.pk], other_officer, second.decided_on)
    before = counts()
    with pytest.raises(ActRefused) as refused:  # second already has this officer: the rule refuses
        do_reassign_cases(head, [first.pk, second.pk], other_officer, second.decided_on)
    assert refused.value.code == "reassign.same_officer"
    assert counts() == before and officers_of(first) == {staff["officer_a"].officer.pk}
    with pytest.raises(ActRefused) as refused:  # an id that does not exist is refused, not a crash
        do_reassign_cases(head, [first.pk, 999_999], other_officer, first.decided_on)
    assert refused.value.code == "scope" and counts() == before
    assert do_reassign_cases(head, [first.pk, first.pk], other_officer, first.decided_on) == 1
    assert officers_of(first) == {other_officer.pk}


# ------------------------------------------------------------------------------------------------- issue 12, hole 4


@pytest.fixture
def head_p(org):
    """A provincial head: sees the officers of every branch, so the bulk form offers them all."""
    from thads.domain.roles import Title
    from thads.org.actions import do_create_staff

    return do_create_staff("head_p", "Mat-khau-Thu-2025", "Võ Văn Tỉnh", org["units"]["P"], Title.HEAD)


@pytest.mark.parametrize("next_url", ["/cases/", None])  # the case list's form, the work queue's form
def test_a_head_cannot_reassign_cases_to_an_officer_of_another_unit_through_the_bulk_form(
        client, staff, org, head_p, next_url):
    case = decided(staff, org)
    officer_b = staff["officer_b"].officer
    before = counts()
    client.force_login(head_p)
    data = {"case": [case.pk], "officer": officer_b.pk, **({"next": next_url} if next_url else {})}
    response = client.post(reverse("deadline-reassign"), data)
    assert response.status_code == 302
    assert counts() == before and officers_of(case) == {staff["officer_a"].officer.pk}
    messages = [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
    assert len(messages) == 1 and messages[0][0] == "error"
    assert "không thuộc" in messages[0][1] and officer_b.name in messages[0][1]


def test_the_same_head_reassigns_within_the_cases_unit(client, staff, org, head_p, other_officer):
    case = decided(staff, org)
    response = reassign(client, head_p, [case], other_officer)
    assert response.status_code == 302 and officers_of(case) == {other_officer.pk}
