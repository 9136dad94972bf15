"""The case screens: list, case page, act form, receive form. Scope, titles and the legal state decide what is shown;
writes go through ``thads.cases.actions``."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from thads.cases.actions import ObligationData, PartyData, do_act, do_receive
from thads.cases.ledger.models import LedgerEntry
from thads.cases.models import Case, CaseEvent

TODAY = timezone.localdate()
D0 = TODAY - timedelta(days=200)
ID_NUMBER = "046090001234"


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def ddmmyyyy(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def received(user, unit, *, debtor="Lê Văn Đức", amounts=(100_000_000,), kinds=("tra_no",), beneficiary="person",
             initiation="theo_don", judgment_kind="dan_su"):
    return do_receive(
        user, unit, on=day(0), initiation=initiation, judgment_kind=judgment_kind, court="TAND huyện A",
        judgment_number="45/2024/DS-ST", judgment_date=day(-30),
        debtors=[PartyData(debtor, ID_NUMBER, "Phú Thuận")], creditors=[PartyData("Nguyễn Thị Mai")],
        obligations=[ObligationData(k, beneficiary, a) for k, a in zip(kinds, amounts, strict=True)],
    )


def decided(staff, org, **kw):
    case = received(staff["head_a"], org["units"]["A"], **kw)
    return do_act(staff["head_a"], case.pk, "decide", day(2), decision_no="12/QĐ-CCTHADS",
                  officer=staff["officer_a"].officer)


def enforcing(staff, org, **kw):
    case = decided(staff, org, **kw)
    officer = staff["officer_a"]
    do_act(officer, case.pk, "notify_debtor", day(3))
    do_act(officer, case.pk, "start_verification", day(14))
    return do_act(officer, case.pk, "verify_able", day(20))


def counts():
    return Case.objects.count(), CaseEvent.objects.count(), LedgerEntry.objects.count()


def page(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


def act_url(case, act: str) -> str:
    return reverse("case-act", args=[case.pk, act])


# ------------------------------------------------------------------------------------------------- list


def test_the_list_shows_only_the_cases_in_the_users_scope(client, staff, org):
    case_a = decided(staff, org, debtor="Người Phải Thi Hành A")
    case_b = received(staff["officer_b"], org["units"]["B"], debtor="Người Phải Thi Hành B")

    body = page(client, staff["officer_b"], reverse("case-list")).content.decode()
    assert case_b.ext_id in body and "Người Phải Thi Hành B" in body
    assert case_a.ext_id not in body and "Người Phải Thi Hành A" not in body

    body = page(client, staff["statistician_p"], reverse("case-list")).content.decode()
    assert case_a.ext_id in body and case_b.ext_id in body


def test_another_units_case_is_not_found(client, staff, org):
    case_a = decided(staff, org)
    client.force_login(staff["officer_b"])
    assert client.get(reverse("case-detail", args=[case_a.pk])).status_code == 404
    assert client.get(act_url(case_a, "verify_able")).status_code == 404
    assert client.post(act_url(case_a, "verify_able"), {"on": ddmmyyyy(day(20)), "token": "t"}).status_code == 404


def test_the_list_filters_by_state(client, staff, org):
    done = decided(staff, org, debtor="Đã Có Quyết Định")
    waiting = received(staff["head_a"], org["units"]["A"], debtor="Chưa Có Quyết Định")

    body = page(client, staff["head_a"], reverse("case-list"), state="DECIDED").content.decode()
    assert done.ext_id in body and waiting.ext_id not in body
    body = page(client, staff["head_a"], reverse("case-list"), state="undecided").content.decode()
    assert waiting.ext_id in body and done.ext_id not in body


def test_the_list_filters_by_officer_and_unit(client, staff, org):
    done = decided(staff, org)
    other = received(staff["officer_b"], org["units"]["B"])
    officer = staff["officer_a"].officer
    body = page(client, staff["statistician_p"], reverse("case-list"), officer=officer.pk).content.decode()
    assert done.ext_id in body and other.ext_id not in body
    body = page(client, staff["statistician_p"], reverse("case-list"), unit=org["units"]["B"].pk).content.decode()
    assert other.ext_id in body and done.ext_id not in body


def listed(client, user, **params) -> set[int]:
    """The ids of the cases the list shows ``user`` for these filters (one page)."""
    response = page(client, user, reverse("case-list"), **params)
    assert response.status_code == 200
    return {row["case"].pk for row in response.context["rows"]}


def test_the_list_filters_by_initiation(client, staff, org):
    on_request = received(staff["head_a"], org["units"]["A"], initiation="theo_don")
    proactive = received(staff["head_a"], org["units"]["A"], initiation="chu_dong")
    assert listed(client, staff["head_a"]) == {on_request.pk, proactive.pk}
    assert listed(client, staff["head_a"], initiation="chu_dong") == {proactive.pk}
    assert listed(client, staff["head_a"], initiation="theo_don") == {on_request.pk}


def test_the_list_filters_by_judgment_kind(client, staff, org):
    civil = received(staff["head_a"], org["units"]["A"], judgment_kind="dan_su")
    criminal = received(staff["head_a"], org["units"]["A"], judgment_kind="hinh_su")
    assert listed(client, staff["head_a"], judgment_kind="hinh_su") == {criminal.pk}
    assert listed(client, staff["head_a"], judgment_kind="dan_su") == {civil.pk}
    assert listed(client, staff["head_a"], judgment_kind="lao_dong") == set()


def test_the_list_filters_by_an_amount_range_written_the_vietnamese_way(client, staff, org):
    small = received(staff["head_a"], org["units"]["A"], amounts=(5_000_000,))
    middle = received(staff["head_a"], org["units"]["A"], amounts=(30_000_000, 20_000_000),
                      kinds=("tra_no", "tra_no"))  # 50.000.000 in all
    large = received(staff["head_a"], org["units"]["A"], amounts=(500_000_000,))
    head = staff["head_a"]
    assert listed(client, head, amount_min="10.000.000", amount_max="100000000") == {middle.pk}
    assert listed(client, head, amount_min="50 000 000") == {middle.pk, large.pk}  # bounds are inclusive
    assert listed(client, head, amount_max="5.000.000") == {small.pk}
    assert listed(client, head, amount_min="0") == {small.pk, middle.pk, large.pk}


def test_a_negative_amount_or_a_reversed_range_is_an_error_and_does_not_narrow_the_list(client, staff, org):
    small = received(staff["head_a"], org["units"]["A"], amounts=(5_000_000,))
    large = received(staff["head_a"], org["units"]["A"], amounts=(500_000_000,))
    head = staff["head_a"]
    client.cookies["django_language"] = "en"

    response = page(client, head, reverse("case-list"), amount_min="-1.000.000")
    assert response.context["form"].has_error("amount_min", code="negative")
    assert "An amount cannot be negative." in response.content.decode()
    assert {row["case"].pk for row in response.context["rows"]} == {small.pk, large.pk}

    response = page(client, head, reverse("case-list"), amount_min="100.000.000", amount_max="10.000.000")
    assert response.context["form"].has_error("amount_max", code="amount_range")
    assert "The minimum amount must not be greater than the maximum amount." in response.content.decode()
    assert {row["case"].pk for row in response.context["rows"]} == {small.pk, large.pk}

    # The other filters still apply beside a wrong range.
    assert listed(client, head, amount_min="9", amount_max="1", state="DECIDED") == set()
    assert listed(client, head, amount_min="1,5") == {small.pk, large.pk}


def test_the_overdue_filter_keeps_only_cases_with_a_running_deadline_past_due(client, staff, org):
    from thads.deadlines.models import Deadline

    overdue, paused, due_today, none_open = (decided(staff, org) for _ in range(4))
    assert all(Deadline.objects.filter(case=c).exists() for c in (overdue, paused, due_today, none_open))
    late = Deadline.objects.filter(case=overdue).order_by("pk").first()
    Deadline.objects.filter(case=overdue).exclude(pk=late.pk).update(due=TODAY + timedelta(days=5), paused=False)
    Deadline.objects.filter(pk=late.pk).update(due=TODAY - timedelta(days=1), paused=False)
    Deadline.objects.filter(case=paused).update(due=TODAY - timedelta(days=30), paused=True)
    Deadline.objects.filter(case=due_today).update(due=TODAY, paused=False)
    Deadline.objects.filter(case=none_open).delete()

    head = staff["head_a"]
    assert listed(client, head) == {overdue.pk, paused.pk, due_today.pk, none_open.pk}
    assert listed(client, head, overdue="on") == {overdue.pk}
    assert listed(client, head, overdue="on", officer=staff["officer_a"].officer.pk) == {overdue.pk}
    assert listed(client, staff["officer_b"], overdue="on") == set()  # the scope still applies


def test_the_list_is_paginated_and_the_pager_keeps_the_filters(client, staff, org):
    for _ in range(53):
        received(staff["head_a"], org["units"]["A"])
    decided(staff, org)

    response = page(client, staff["head_a"], reverse("case-list"), state="undecided")
    body = response.content.decode()
    assert len(response.context["rows"]) == 50
    assert "state=undecided&amp;page=2" in body
    response = page(client, staff["head_a"], reverse("case-list"), state="undecided", page=2)
    assert len(response.context["rows"]) == 3


def test_the_list_costs_the_same_number_of_queries_for_3_or_30_cases(client, staff, org, django_assert_max_num_queries):
    for _ in range(3):
        decided(staff, org)
    client.force_login(staff["statistician_p"])
    url = reverse("case-list")
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _ in range(27):
        decided(staff, org)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["rows"]) == 30
    with django_assert_max_num_queries(12):
        client.get(url, {"state": "DECIDED", "officer": staff["officer_a"].officer.pk})


def test_the_receive_button_is_shown_only_to_titles_that_may_receive(client, staff, org):
    new = reverse("case-new")
    assert new in page(client, staff["head_a"], reverse("case-list")).content.decode()
    assert new not in page(client, staff["statistician_p"], reverse("case-list")).content.decode()
    client.force_login(staff["statistician_p"])
    assert client.get(new).status_code == 403


# ------------------------------------------------------------------------------------------------- case page


def test_personal_data_is_hidden_from_the_statistician(client, staff, org):
    case = decided(staff, org)
    url = reverse("case-detail", args=[case.pk])
    body = page(client, staff["statistician_p"], url).content.decode()
    assert "Lê Văn Đức" in body and ID_NUMBER not in body and "Phú Thuận" not in body and "•••" in body
    body = page(client, staff["head_a"], url).content.decode()
    assert ID_NUMBER in body and "Phú Thuận" in body and "•••" not in body


def test_the_case_page_offers_only_the_acts_allowed_now(client, staff, org):
    case = enforcing(staff, org)
    url = reverse("case-detail", args=[case.pk])
    body = page(client, staff["head_a"], url).content.decode()
    assert act_url(case, "postpone") in body and act_url(case, "terminate") in body
    assert act_url(case, "complete") not in body  # money is still owed
    assert act_url(case, "payout") not in body  # not the head's act

    do_act(staff["accountant_a"], case.pk, "collect", day(30), amount=100_000_000, receipt_no="BL-1")
    body = page(client, staff["head_a"], url).content.decode()
    assert act_url(case, "complete") not in body  # collected but still held (Art. 52.1)
    do_act(staff["accountant_a"], case.pk, "payout", day(31), amount=100_000_000, obligation="1")
    body = page(client, staff["head_a"], url).content.decode()
    assert act_url(case, "complete") in body
    body = page(client, staff["statistician_p"], url).content.decode()
    assert "/act/" not in body


def test_the_case_page_shows_history_ledger_and_totals(client, staff, org):
    case = enforcing(staff, org)
    do_act(staff["accountant_a"], case.pk, "collect", day(30), amount=40_000_000, receipt_no="BL-0042")
    do_act(staff["accountant_a"], case.pk, "payout", day(31), amount=30_000_000, obligation="1")
    body = page(client, staff["head_a"], reverse("case-detail", args=[case.pk])).content.decode()
    for text in ("BL-0042", "40.000.000", "30.000.000", "10.000.000", "12/QĐ-CCTHADS",
                 "Ra quyết định thi hành án", "Trần Thị Hoa"):
        assert text in body, text
    assert ddmmyyyy(day(30)) in body


def test_a_correcting_entry_is_shown_beside_the_entry_it_corrects(client, staff, org):
    case = enforcing(staff, org)
    do_act(staff["head_a"], case.pk, "postpone", day(21), ground="48.1.d", decision_no="5/QĐ-HOAN")
    target = CaseEvent.objects.get(case=case, kind="postponed")
    do_act(staff["head_a"], case.pk, "resume", day(22))
    do_act(staff["head_a"], case.pk, "correct", day(23), target=target, reason="Sai số quyết định")
    response = page(client, staff["head_a"], reverse("case-detail", args=[case.pk]))
    seqs = [row.event.seq for row in response.context["history"]]
    assert seqs.index(target.seq + 2) == seqs.index(target.seq) + 1  # the correction sits under its target
    assert response.context["history"][seqs.index(target.seq + 2)].is_correction
    assert "48.1.d – " in response.content.decode()


# ------------------------------------------------------------------------------------------------- act form


def test_an_officer_cannot_open_a_decision_form(client, staff, org):
    case = enforcing(staff, org)
    client.force_login(staff["officer_a"])
    assert client.get(act_url(case, "postpone")).status_code == 403
    before = counts()
    response = client.post(act_url(case, "postpone"), {"on": ddmmyyyy(day(21)), "ground": "48.1.a", "token": "x"})
    assert response.status_code == 403 and counts() == before


def test_an_act_not_allowed_now_is_forbidden(client, staff, org):
    case = enforcing(staff, org)
    client.force_login(staff["head_a"])
    assert client.get(act_url(case, "complete")).status_code == 403
    assert client.get(act_url(case, "no_such_act")).status_code == 404


def test_the_act_form_shows_the_grounds_of_its_article(client, staff, org):
    case = enforcing(staff, org)
    body = page(client, staff["head_a"], act_url(case, "postpone")).content.decode()
    assert "48.1.c – Đương sự đồng ý hoãn thi hành án" in body and "48.2 – " in body and "50.1.a" not in body
    assert ddmmyyyy(TODAY) in body and 'name="token"' in body


def test_posting_an_act_writes_history_and_redirects(client, staff, org):
    case = enforcing(staff, org)
    client.force_login(staff["head_a"])
    response = client.post(act_url(case, "postpone"), {
        "on": ddmmyyyy(day(21)), "ground": "48.1.c", "until": ddmmyyyy(day(60)), "decision_no": "7/QĐ-HOAN",
        "token": "tok-postpone"})
    assert response.status_code == 302 and response["Location"] == reverse("case-detail", args=[case.pk])
    event = CaseEvent.objects.get(case=case, kind="postponed")
    assert (event.ground, event.decision_no, event.on, event.user) == ("48.1.c", "7/QĐ-HOAN", day(21), staff["head_a"])
    assert Case.objects.get(pk=case.pk).state == "POSTPONED"
    body = client.get(response["Location"]).content.decode()
    assert "hoãn thi hành án" in body and "7/QĐ-HOAN" in body


def test_a_decision_assigns_the_chosen_officer(client, staff, org):
    case = received(staff["head_a"], org["units"]["A"])
    client.force_login(staff["head_a"])
    body = client.get(act_url(case, "decide")).content.decode()
    assert staff["officer_a"].officer.name in body and staff["officer_b"].full_name not in body
    response = client.post(act_url(case, "decide"), {
        "on": ddmmyyyy(day(2)), "decision_no": "3/QĐ-CCTHADS", "officer": staff["officer_a"].officer.pk,
        "token": "tok-decide"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.state, case.decision_no, case.officer) == ("DECIDED", "3/QĐ-CCTHADS", staff["officer_a"].officer)


def test_a_refused_act_shows_the_vietnamese_message_and_writes_nothing(client, staff, org):
    case = decided(staff, org)
    client.force_login(staff["accountant_a"])
    before = counts()
    response = client.post(act_url(case, "collect"), {
        "on": ddmmyyyy(day(10)), "amount": "100.000.001", "obligation": "1", "receipt_no": "BL-9",
        "token": "tok-refused"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Không thể thu tiền thi hành án" in body and "100.000.001" in body
    assert counts() == before


def test_a_malformed_amount_is_a_form_error(client, staff, org):
    case = decided(staff, org)
    client.force_login(staff["accountant_a"])
    before = counts()
    response = client.post(act_url(case, "collect"), {
        "on": ddmmyyyy(day(10)), "amount": "1.5", "receipt_no": "BL-9", "token": "tok-bad"})
    assert response.status_code == 200 and response.context["form"].errors["amount"]
    assert counts() == before


def test_a_double_submit_with_the_same_token_writes_once(client, staff, org):
    case = decided(staff, org)
    client.force_login(staff["accountant_a"])
    form = {"on": ddmmyyyy(day(10)), "amount": "1.000.000", "receipt_no": "BL-1", "token": "tok-twice"}
    first = client.post(act_url(case, "collect"), form)
    second = client.post(act_url(case, "collect"), form)
    assert first.status_code == second.status_code == 302
    assert LedgerEntry.objects.count() == 1
    assert Case.objects.get(pk=case.pk).outstanding == 99_000_000


# ------------------------------------------------------------------------------------------------- receive form


def _management(prefix: str, total: int) -> dict[str, str]:
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000"}


def receive_post(org) -> dict[str, str]:
    return {
        "token": uuid.uuid4().hex,  # the form's one-time token (a new form each call)
        "unit": str(org["units"]["A"].pk), "initiation": "chu_dong", "judgment_kind": "hinh_su",
        "court": "TAND huyện A", "judgment_number": "12/2025/HS-ST", "judgment_date": ddmmyyyy(day(-20)),
        "effective_on": ddmmyyyy(day(-5)), "received_on": ddmmyyyy(day(0)),
        **_management("debtors", 1), "debtors-0-kind": "person", "debtors-0-name": "Trần Văn Nam",
        "debtors-0-id_number": "046090009999", "debtors-0-address": "Phú Vang",
        **_management("creditors", 1), "creditors-0-kind": "person",
        **_management("obligations", 2),
        "obligations-0-kind": "an_phi", "obligations-0-beneficiary": "state", "obligations-0-amount": "200.000",
        "obligations-1-kind": "tien_phat", "obligations-1-beneficiary": "state", "obligations-1-amount": "5.000.000",
    }


def test_the_receive_form_creates_a_case_with_two_obligations(client, staff, org):
    client.force_login(staff["head_a"])
    assert client.get(reverse("case-new")).status_code == 200
    response = client.post(reverse("case-new"), receive_post(org))
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("case-detail", args=[case.pk])
    assert sorted(case.obligations.values_list("kind", "amount")) == [("an_phi", 200_000), ("tien_phat", 5_000_000)]
    assert (case.amount, case.intake, case.unit, case.decided_on) == (5_200_000, "JUDGMENT", org["units"]["A"], None)
    assert [p.name for p in case.parties.all()] == ["Trần Văn Nam"]
    assert case.events.get().kind == "receive_judgment"


def test_the_add_row_button_adds_an_obligation_row_and_records_nothing(client, staff, org):
    client.force_login(staff["head_a"])
    data = {**receive_post(org), **_management("obligations", 1), "add": "obligations"}
    response = client.post(reverse("case-new"), data)
    assert response.status_code == 200 and Case.objects.count() == 0
    body = response.content.decode()
    assert 'name="obligations-1-amount"' in body and 'value="200.000"' in body
    assert 'class="errorlist' not in body


def test_a_request_needs_its_requester(client, staff, org):
    client.force_login(staff["head_a"])
    response = client.post(reverse("case-new"), {**receive_post(org), "initiation": "theo_don"})
    assert response.status_code == 200 and "requester" in response.context["form"].errors
    assert Case.objects.count() == 0


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(reverse("case-list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
