"""The complaints pages (issue 16): the reception schedule and register, letters and their matters, a matter's page and
its acts, the registers with their XLSX and PDF, the case page's panel and the reception officer's home page. Who
sees what (another unit's objects are not found; titles that may not act are refused the forms; the people's ID
numbers only with the personal-data right, audited; a denunciator's identity only for its resolver, audited, never
in a list, file or print), that a refused POST writes nothing, and the whole path through the forms: log a
reception → record its letter → a complaint on the case → accept → resolve.
"""

from __future__ import annotations

import io
from datetime import timedelta
from types import SimpleNamespace
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser.helpers import enforcing_case
from thads.complaints import actions
from thads.complaints.models import Letter, Matter, MatterEvent, Reception, ReceptionDay
from thads.domain.roles import Title
from thads.org.models import AuditEvent

pytestmark = pytest.mark.django_db

ID_NUMBER, DENUNCIATOR, DENUNCIATOR_ID = "046080007777", "Võ Thị Tố Giác", "046070005555"


def _day(days_ago: int = 0):
    return timezone.localdate() - timedelta(days=days_ago)


def _d(day) -> str:
    return day.strftime("%d/%m/%Y")


@pytest.fixture
def people(staff, org):
    from tests.conftest import PASSWORD
    from thads.org.actions import do_create_staff

    out = dict(staff)
    out["reception_a"] = do_create_staff("reception_a", PASSWORD, "Hoàng Thị Lan", org["units"]["A"],
                                         Title.RECEPTION)
    return out


@pytest.fixture
def world(people, org):
    """In branch A: today's reception day, a reception about officer_a's case with its letter and a complaint on the
    case (received), and a denunciation with its denunciator's identity."""
    unit, reception = org["units"]["A"], people["reception_a"]
    case = enforcing_case(org)
    day = actions.do_schedule_reception(reception, unit.pk, on=_day(), receiver_id=people["head_a"].pk,
                                        head_day=True, place="Trụ sở Chi cục")
    visit = actions.do_log_reception(reception, unit.pk, on=_day(1), content="Hỏi về tiến độ thi hành án",
                                     outcome="recorded", case_ids=(case.pk,),
                                     persons=[{"name": "Phan Văn Khiếu", "id_number": ID_NUMBER,
                                               "address": "12 Lê Lợi, Huế", "representative": False}])
    letter = actions.do_register_letter(reception, unit.pk, received_on=_day(1), channel="in_person",
                                        content="Khiếu nại việc kê biên", reception_id=visit.pk,
                                        signatories=[{"name": "Phan Văn Khiếu", "id_number": ID_NUMBER,
                                                      "address": "12 Lê Lợi, Huế"}])
    complaint = actions.do_record_matter(reception, unit.pk, kind="complaint", received_on=_day(1),
                                         summary="Khiếu nại quyết định thi hành án", letter_id=letter.pk,
                                         case_id=case.pk, complained_act="before_measures",
                                         act_known_on=_day(5), respondent="officer")
    den_letter = actions.do_register_letter(reception, unit.pk, received_on=_day(1), channel="post",
                                            content="Tố cáo cán bộ", signatories=[{
                                                "name": DENUNCIATOR, "id_number": DENUNCIATOR_ID, "address": "Huế"}])
    denunciation = actions.do_record_matter(
        reception, unit.pk, kind="denunciation", received_on=_day(1), summary="Tố cáo cán bộ nhận tiền",
        letter_id=den_letter.pk, respondent="officer",
        identity={"name": DENUNCIATOR, "id_number": DENUNCIATOR_ID, "address": "Huế", "contact": ""})
    return SimpleNamespace(case=case, day=day, visit=visit, letter=letter, complaint=complaint,
                           den_letter=den_letter, denunciation=denunciation)


def _urls(w) -> dict[str, str]:
    return {
        "schedule": reverse("complaints-schedule"),
        "reception register": reverse("complaints-reception-list"),
        "reception": reverse("complaints-reception-detail", args=[w.visit.pk]),
        "letters": reverse("complaints-letter-list"),
        "letter": reverse("complaints-letter-detail", args=[w.letter.pk]),
        "complaint": reverse("complaints-matter-detail", args=[w.complaint.pk]),
        "denunciation": reverse("complaints-matter-detail", args=[w.denunciation.pk]),
        "register of complaints": reverse("complaints-register", args=["complaint"]),
        "register of denunciations": reverse("complaints-register", args=["denunciation"]),
        "register of recommendations": reverse("complaints-register", args=["recommendation"]),
        "register of the procuracy": reverse("complaints-register", args=["procuracy"]),
    }


OBJECT_PAGES = ("reception", "letter", "complaint", "denunciation")


@pytest.mark.parametrize("who", ["reception_a", "head_a", "officer_a", "accountant_a", "statistician_p"])
def test_every_page_renders_for_the_staff_of_the_unit_and_its_province(client, people, world, who):
    client.force_login(people[who])
    for name, url in _urls(world).items():
        response = client.get(url)
        assert response.status_code == 200, f"{who} {name}: {response.status_code}"


def test_another_branch_does_not_find_the_units_receptions_letters_or_matters(client, people, world):
    client.force_login(people["officer_b"])
    urls = _urls(world)
    for name in OBJECT_PAGES:
        assert client.get(urls[name]).status_code == 404, name
    body = client.get(urls["reception register"]).content.decode()
    assert "Phan Văn Khiếu" not in body
    assert "Khiếu nại quyết định thi hành án" not in client.get(urls["register of complaints"]).content.decode()


@pytest.mark.parametrize("who,url_name,status", [
    ("statistician_p", "complaints-reception-new", 403),  # reads, never records
    ("admin_p", "complaints-letter-new", 403),
    ("accountant_a", "complaints-schedule-new", 403),  # not a receiving title (petition_rules.STEP_TITLES)
    ("reception_a", "complaints-reception-new", 200),
    ("officer_a", "complaints-letter-new", 200),
])
def test_the_intake_forms_are_for_the_receiving_titles(client, people, world, who, url_name, status):
    client.force_login(people[who])
    assert client.get(reverse(url_name)).status_code == status


def _fingerprint():
    return (Reception.objects.count(), Letter.objects.count(), Matter.objects.count(), MatterEvent.objects.count(),
            ReceptionDay.objects.count())


@pytest.mark.parametrize("who,step", [
    ("reception_a", "accept"),  # Art. 142: the head (or deputy) of the competent agency decides
    ("officer_a", "resolve"),
    ("statistician_p", "accept"),
])
def test_a_title_that_may_not_decide_is_refused_and_nothing_is_written(client, people, world, who, step):
    client.force_login(people[who])
    url = reverse("complaints-matter-step", args=[world.complaint.pk, step])
    before = _fingerprint()
    response = client.post(url, {"token": "t1", "on": _d(_day()), "outcome": "right", "notice_no": "1/TB"})
    assert response.status_code == 403 and _fingerprint() == before


def test_a_post_to_another_units_matter_is_not_found_and_writes_nothing(client, people, world):
    client.force_login(people["officer_b"])
    before = _fingerprint()
    url = reverse("complaints-matter-step", args=[world.complaint.pk, "accept"])
    assert client.post(url, {"token": "t2", "on": _d(_day())}).status_code == 404
    assert _fingerprint() == before


def test_art_148_a_refused_acceptance_is_shown_in_vietnamese_and_writes_nothing(client, people, world):
    """A date in the future is refused by the action: the message is Vietnamese, next to its field."""
    client.force_login(people["head_a"])
    before = _fingerprint()
    url = reverse("complaints-matter-step", args=[world.complaint.pk, "accept"])
    response = client.post(url, {"token": "t3", "on": _d(_day(-3)), "notice_no": "01/TB-CCTHADS"})
    body = response.content.decode()
    assert response.status_code == 200 and "chưa đến" in body
    assert _fingerprint() == before
    assert Matter.objects.get(pk=world.complaint.pk).status == "received"


def test_a_get_writes_nothing_but_its_read_rows(client, people, world):
    client.force_login(people["head_a"])
    before, writes = _fingerprint(), AuditEvent.objects.exclude(kind="read").count()
    for url in _urls(world).values():
        client.get(url)
    for step in ("accept", "not-accept", "forward", "archive", "withdraw"):
        client.get(reverse("complaints-matter-step", args=[world.complaint.pk, step]))
    assert _fingerprint() == before
    assert AuditEvent.objects.exclude(kind="read").count() == writes


# ------------------------------------------------------------------------------------------------- personal data


def test_id_numbers_of_the_persons_received_are_shown_with_the_right_and_audited(client, people, world):
    url = reverse("complaints-reception-detail", args=[world.visit.pk])
    client.force_login(people["reception_a"])
    assert ID_NUMBER in client.get(url).content.decode()
    assert AuditEvent.objects.filter(kind="read", user=people["reception_a"],
                                     action="complaints.reception.view").exists()
    client.force_login(people["statistician_p"])
    body = client.get(url).content.decode()
    assert ID_NUMBER not in body and "Phan Văn Khiếu" in body
    assert not AuditEvent.objects.filter(kind="read", user=people["statistician_p"]).exists()


def _xlsx_text(response) -> str:
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)


def test_the_reception_register_xlsx_has_id_numbers_only_with_the_right(client, people, world):
    url = reverse("complaints-reception-xlsx")
    client.force_login(people["reception_a"])
    text = _xlsx_text(client.get(url))
    assert "Phan Văn Khiếu" in text and ID_NUMBER in text
    assert AuditEvent.objects.filter(kind="read", action="complaints.reception_register.xlsx").exists()
    client.force_login(people["statistician_p"])
    text = _xlsx_text(client.get(url))
    assert "Phan Văn Khiếu" in text and ID_NUMBER not in text


@pytest.mark.parametrize("who", ["reception_a", "officer_a", "head_a"])
def test_luat_to_cao_art_47_the_denunciator_is_never_named_in_a_page_list_xlsx_or_pdf(client, people, world, who):
    """Even for the resolver: the registers, the letter and the matter page say "kept confidential"; the identity is
    read on its own page only."""
    client.force_login(people[who])
    pages = [reverse("complaints-matter-detail", args=[world.denunciation.pk]),
             reverse("complaints-letter-detail", args=[world.den_letter.pk]),
             reverse("complaints-letter-list"), reverse("complaints-register", args=["denunciation"])]
    for url in pages:
        body = client.get(url).content.decode()
        assert DENUNCIATOR not in body and DENUNCIATOR_ID not in body, url
    assert DENUNCIATOR not in _xlsx_text(client.get(reverse("complaints-register-xlsx", args=["denunciation"])))
    captured = {}

    def fake_pdf(**kwargs):
        captured.update(kwargs)
        return b"%PDF-1.7 test"

    with mock.patch("thads.complaints.registers.render_pdf", side_effect=fake_pdf):
        response = client.get(reverse("complaints-register-pdf", args=["denunciation"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    cells = " ".join(str(c) for row in captured["rows"] for c in row)
    assert "Tố cáo cán bộ nhận tiền" in cells and DENUNCIATOR not in cells and DENUNCIATOR_ID not in cells


def test_luat_to_cao_art_47_the_identity_page_is_the_resolvers_only_and_audited(client, people, world):
    url = reverse("complaints-matter-identity", args=[world.denunciation.pk])
    for who in ("reception_a", "officer_a", "statistician_p"):
        client.force_login(people[who])
        assert client.get(url).status_code == 403, who
    assert not AuditEvent.objects.filter(kind="read", object_id=str(world.denunciation.pk),
                                         object_type__icontains="matter").exists()
    client.force_login(people["head_a"])
    body = client.get(url).content.decode()
    assert DENUNCIATOR in body and DENUNCIATOR_ID in body
    assert AuditEvent.objects.filter(kind="read", user=people["head_a"]).exists()
    client.force_login(people["officer_b"])
    assert client.get(url).status_code == 404


def test_the_matter_page_links_the_identity_only_for_the_resolver(client, people, world):
    url = reverse("complaints-matter-detail", args=[world.denunciation.pk])
    identity = reverse("complaints-matter-identity", args=[world.denunciation.pk])
    client.force_login(people["officer_a"])
    assert identity not in client.get(url).content.decode()
    client.force_login(people["head_a"])
    assert identity in client.get(url).content.decode()


def test_the_register_pdf_is_a_pdf(client, people, world):
    client.force_login(people["head_a"])
    response = client.get(reverse("complaints-register-pdf", args=["complaint"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    response = client.get(reverse("complaints-reception-pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


# ------------------------------------------------------------------------------------------------- the whole path


def _post(client, url: str, data: dict):
    page = client.get(url)
    assert page.status_code == 200, url
    token = page.context["form"]["token"].value()
    return client.post(url, {"token": token, **data})


def test_art_148_151_a_visit_becomes_a_complaint_accepted_and_resolved_through_the_forms(client, people, org):
    case = enforcing_case(org, debtor="Trương Văn Nợ")
    client.force_login(people["reception_a"])
    response = _post(client, reverse("complaints-reception-new"), {
        "on": _d(_day()), "group_size": "1", "content": "Ông Khiếu khiếu nại quyết định cưỡng chế",
        "case_ids": case.ext_id, "outcome": "recorded", "p0_name": "Phan Văn Khiếu", "p0_id_number": ID_NUMBER,
        "p0_address": "Huế"})
    visit = Reception.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("complaints-reception-detail",
                                                                           args=[visit.pk])
    assert list(visit.cases.values_list("pk", flat=True)) == [case.pk] and visit.persons[0]["id_number"] == ID_NUMBER
    assert visit.receiver == people["reception_a"]

    url = reverse("complaints-letter-new") + f"?reception={visit.pk}"
    page = client.get(url)
    assert page.context["form"]["s0_name"].value() == "Phan Văn Khiếu"  # the visitor, prefilled
    response = _post(client, url, {"received_on": _d(_day()), "channel": "in_person", "reception_id": visit.pk,
                                   "content": "Đơn khiếu nại quyết định", "s0_name": "Phan Văn Khiếu"})
    letter = Letter.objects.get()
    assert response["Location"] == reverse("complaints-letter-detail", args=[letter.pk]) and letter.reception == visit

    response = _post(client, reverse("complaints-matter-new", args=[letter.pk]), {
        "kind": "complaint", "received_on": _d(_day()), "summary": "Khiếu nại quyết định thi hành án",
        "case_id": case.ext_id, "complained_act": "before_measures", "act_known_on": _d(_day(3)),
        "respondent": "officer", "signatories": "1"})
    matter = Matter.objects.get()
    assert response["Location"] == reverse("complaints-matter-detail", args=[matter.pk])
    assert matter.case == case and matter.letter == letter and matter.status == "received"

    client.force_login(people["head_a"])
    page = client.get(reverse("complaints-matter-detail", args=[matter.pk])).content.decode()
    assert reverse("complaints-matter-step", args=[matter.pk, "accept"]) in page
    _post(client, reverse("complaints-matter-step", args=[matter.pk, "accept"]),
          {"on": _d(_day()), "notice_no": "01/TB-CCTHADS"})
    matter.refresh_from_db()
    assert matter.status == "accepted" and matter.due_on is not None
    _post(client, reverse("complaints-matter-step", args=[matter.pk, "resolve"]),
          {"on": _d(_day()), "outcome": "wrong", "decision_no": "02/QĐ-GQKN", "summary": "Khiếu nại không có cơ sở"})
    matter.refresh_from_db()
    assert (matter.status, matter.outcome, matter.decision_no) == ("resolved", "wrong", "02/QĐ-GQKN")
    assert list(matter.events.values_list("kind", flat=True)) == ["received", "accepted", "resolved"]
    body = client.get(reverse("complaints-matter-detail", args=[matter.pk])).content.decode()
    assert "02/QĐ-GQKN" in body and "01/TB-CCTHADS" in body
    case_page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert "complaints-panel" in case_page and reverse("complaints-matter-detail", args=[matter.pk]) in case_page


def test_a_second_submit_of_the_same_form_writes_once(client, people, world):
    client.force_login(people["reception_a"])
    url = reverse("complaints-schedule-new")
    token = client.get(url).context["form"]["token"].value()
    data = {"token": token, "on": _d(_day(-1)), "place": "Trụ sở"}
    before = ReceptionDay.objects.count()
    client.post(url, data)
    client.post(url, data)
    assert ReceptionDay.objects.count() == before + 1


def test_an_unknown_case_number_is_refused_by_the_form(client, people, world):
    client.force_login(people["reception_a"])
    before = _fingerprint()
    response = _post(client, reverse("complaints-reception-new"), {
        "on": _d(_day()), "group_size": "1", "content": "x", "case_ids": "999-9999-999999", "outcome": "guided",
        "p0_name": "Ai Đó"})
    assert response.status_code == 200 and "999-9999-999999" in response.content.decode()
    assert _fingerprint() == before


# ------------------------------------------------------------------------------------------------- lists, home


def test_the_registers_filter_by_date_unit_and_receiver(client, people, world):
    client.force_login(people["head_a"])
    url = reverse("complaints-reception-list")
    assert "Phan Văn Khiếu" in client.get(url, {"receiver": people["reception_a"].pk}).content.decode()
    assert "Phan Văn Khiếu" not in client.get(url, {"receiver": people["head_a"].pk}).content.decode()
    assert "Phan Văn Khiếu" not in client.get(url, {"date_from": _d(_day())}).content.decode()
    register = reverse("complaints-register", args=["complaint"])
    assert "Khiếu nại quyết định thi hành án" in client.get(register, {"status": "open"}).content.decode()
    assert "Khiếu nại quyết định thi hành án" not in client.get(register, {"status": "resolved"}).content.decode()


def test_an_overdue_matter_is_red_on_its_page_and_in_the_register(client, people, world):
    Matter.objects.filter(pk=world.complaint.pk).update(due_on=_day(2))
    client.force_login(people["head_a"])
    body = client.get(reverse("complaints-matter-detail", args=[world.complaint.pk])).content.decode()
    assert 'class="late"' in body
    register = client.get(reverse("complaints-register", args=["complaint"]), {"overdue": "on"}).content.decode()
    assert 'class="late"' in register and "Khiếu nại quyết định thi hành án" in register


def test_the_reception_officers_home_shows_todays_schedule_and_the_open_matters(client, people, world):
    client.force_login(people["reception_a"])
    body = client.get("/").content.decode()
    section = body[body.index("reception-today"):]
    assert "Trụ sở Chi cục" in section and people["head_a"].full_name in section
    matters = body[body.index("reception-matters"):]
    assert reverse("complaints-matter-detail", args=[world.complaint.pk]) in matters
    client.force_login(people["officer_a"])
    assert "reception-today" not in client.get("/").content.decode()


def test_the_case_panel_lists_the_matters_and_the_procuracys_protests_of_the_case(client, people, world):
    client.force_login(people["reception_a"])
    response = _post(client, reverse("complaints-procuracy-case-new", args=[world.case.pk]), {
        "procuracy_act": "protest", "number": "05/QĐ-VKS", "received_on": _d(_day()),
        "summary": "Kháng nghị quyết định thi hành án", "case_id": world.case.ext_id})
    protest = Matter.objects.get(kind="procuracy")
    assert response["Location"] == reverse("complaints-matter-detail", args=[protest.pk]) and protest.case == world.case
    body = client.get(reverse("case-detail", args=[world.case.pk])).content.decode()
    panel = body[body.index("complaints-panel"):]
    assert "Kháng nghị quyết định thi hành án" in panel and "Khiếu nại quyết định thi hành án" in panel
    assert DENUNCIATOR not in panel
