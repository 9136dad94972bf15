"""Security review of the complaints context (issue 16): the denunciator's identity (Luật Tố cáo 2018 Art. 47; Luật
THADS Art. 155.1.b) through every other path — a mixed letter's complaint, the reception that brought the
denunciation, a letter not yet classified —, the case panel's scope, and the decisions of the holding unit's head.
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
from thads.complaints.models import Matter, MatterEvent
from thads.domain.roles import Title
from thads.org.models import AuditEvent

pytestmark = pytest.mark.django_db

DENUNCIATOR, DENUNCIATOR_ID = "Võ Thị Tố Giác", "046070005555"


def _day(days_ago: int = 0):
    return timezone.localdate() - timedelta(days=days_ago)


@pytest.fixture
def people(staff, org):
    from tests.conftest import PASSWORD
    from thads.org.actions import do_create_staff

    out = dict(staff)
    out["reception_a"] = do_create_staff("reception_a", PASSWORD, "Hoàng Thị Lan", org["units"]["A"],
                                         Title.RECEPTION)
    out["inspector_p"] = do_create_staff("inspector_p", PASSWORD, "Thanh Tra P", org["units"]["P"],
                                         Title.INSPECTOR)
    out["head_p"] = do_create_staff("head_p", PASSWORD, "Cục Trưởng P", org["units"]["P"], Title.HEAD)
    return out


@pytest.fixture
def world(people, org):
    """Branch A: a visit by the denunciator, the letter from it carrying a complaint and a denunciation (a mixed
    letter, TT 13/2021 Art. 6.2), and a letter received today, not yet classified."""
    unit, rec = org["units"]["A"], people["reception_a"]
    case = enforcing_case(org)
    person = {"name": DENUNCIATOR, "id_number": DENUNCIATOR_ID, "address": "Huế"}
    visit = actions.do_log_reception(rec, unit.pk, on=_day(1), content="Trình bày", outcome="recorded",
                                     persons=[{**person, "representative": False}])
    letter = actions.do_register_letter(rec, unit.pk, received_on=_day(1), channel="in_person",
                                        content="Khiếu nại và tố cáo", reception_id=visit.pk, signatories=[person])
    complaint = actions.do_record_matter(rec, unit.pk, kind="complaint", received_on=_day(1),
                                         summary="Khiếu nại quyết định", letter_id=letter.pk, case_id=case.pk,
                                         complained_act="before_measures", act_known_on=_day(5),
                                         respondent="officer")
    denunciation = actions.do_record_matter(rec, unit.pk, kind="denunciation", received_on=_day(1),
                                            summary="Tố cáo cán bộ", letter_id=letter.pk, respondent="officer",
                                            identity={"name": DENUNCIATOR, "id_number": DENUNCIATOR_ID})
    fresh = actions.do_register_letter(rec, unit.pk, received_on=_day(), channel="post", content="Đơn mới",
                                       signatories=[{"name": "Người Chưa Phân Loại", "id_number": "046000000001",
                                                     "address": "Huế"}])
    return SimpleNamespace(case=case, visit=visit, letter=letter, complaint=complaint, denunciation=denunciation,
                           fresh=fresh)


def _xlsx_text(response) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return " ".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value)


def _pdf_cells(client, url) -> str:
    captured = {}

    def fake_pdf(**kwargs):
        captured.update(kwargs)
        return b"%PDF-1.7 test"

    with mock.patch("thads.complaints.registers.render_pdf", side_effect=fake_pdf):
        assert client.get(url).status_code == 200
    return " ".join(str(c) for row in captured["rows"] for c in row)


@pytest.mark.parametrize("who", ["reception_a", "head_a", "officer_a", "inspector_p"])
def test_art_47_the_complaint_of_a_mixed_letter_does_not_name_the_denunciator_in_the_complaints_register(
        client, people, world, who):
    client.force_login(people[who])
    body = client.get(reverse("complaints-register", args=["complaint"])).content.decode()
    assert "Khiếu nại quyết định" in body and DENUNCIATOR not in body
    text = _xlsx_text(client.get(reverse("complaints-register-xlsx", args=["complaint"])))
    assert DENUNCIATOR not in text and DENUNCIATOR_ID not in text
    cells = _pdf_cells(client, reverse("complaints-register-pdf", args=["complaint"]))
    assert "Khiếu nại quyết định" in cells and DENUNCIATOR not in cells and DENUNCIATOR_ID not in cells


@pytest.mark.parametrize("who", ["reception_a", "head_a", "officer_a", "inspector_p"])
def test_art_47_the_reception_that_brought_a_denunciation_does_not_name_its_persons(client, people, world, who):
    client.force_login(people[who])
    for url in (reverse("complaints-reception-list"), reverse("complaints-reception-detail", args=[world.visit.pk])):
        body = client.get(url).content.decode()
        assert response_ok(body) and DENUNCIATOR not in body and DENUNCIATOR_ID not in body, url
    text = _xlsx_text(client.get(reverse("complaints-reception-xlsx")))
    assert DENUNCIATOR not in text and DENUNCIATOR_ID not in text
    cells = _pdf_cells(client, reverse("complaints-reception-pdf"))
    assert "Trình bày" in cells and DENUNCIATOR not in cells and DENUNCIATOR_ID not in cells


def response_ok(body: str) -> bool:
    return "<html" in body.lower()


def test_art_47_a_letter_recorded_from_that_reception_is_not_prefilled_with_the_denunciator(client, people, world):
    client.force_login(people["reception_a"])
    body = client.get(reverse("complaints-letter-new") + f"?reception={world.visit.pk}").content.decode()
    assert DENUNCIATOR not in body and DENUNCIATOR_ID not in body


@pytest.mark.parametrize("who", ["inspector_p", "accountant_a", "statistician_p"])
def test_art_47_a_letter_not_yet_classified_names_its_signatories_only_to_the_staff_who_classify_it(
        client, people, world, who):
    """Until its matters are recorded a letter may carry a denunciation: its signatories are for the intake staff
    and heads of its unit (who classify it, TT 13/2021 Art. 6), not for readers of the unit's lists."""
    client.force_login(people[who])
    for url in (reverse("complaints-letter-list"), reverse("complaints-letter-detail", args=[world.fresh.pk])):
        body = client.get(url).content.decode()
        assert "Người Chưa Phân Loại" not in body and "046000000001" not in body, url
    client.force_login(people["reception_a"])
    body = client.get(reverse("complaints-letter-detail", args=[world.fresh.pk])).content.decode()
    assert "Người Chưa Phân Loại" in body


def test_the_case_panel_lists_only_the_matters_of_units_in_the_users_scope(client, people, world, org):
    """A matter about a branch's case held by the province (a second level, a forwarded letter) is not shown to the
    branch (org.scope: its unit and below)."""
    client.force_login(people["officer_a"])
    url = reverse("case-detail", args=[world.case.pk])
    assert "Khiếu nại quyết định" in client.get(url).content.decode()
    Matter.objects.filter(pk=world.complaint.pk).update(unit=org["units"]["P"], summary="Hồ sơ của Cục")
    assert "Hồ sơ của Cục" not in client.get(url).content.decode()
    client.force_login(people["head_p"])
    assert "Hồ sơ của Cục" in client.get(url).content.decode()


def test_the_head_of_the_holding_unit_may_forward_a_matter_of_another_units_competence(client, people, world, org):
    """A denunciation of the branch head is the province head's (Art. 157): the branch head forwards it (TT 13/2021
    Art. 16.2) — the page's gate is the action's (the holding unit's head), not the competent unit's."""
    den = actions.do_record_matter(people["reception_a"], org["units"]["A"].pk, kind="denunciation",
                                   received_on=_day(1), summary="Tố cáo Chi cục trưởng", respondent="head")
    assert den.resolver_unit_id == org["units"]["P"].pk
    client.force_login(people["head_a"])
    url = reverse("complaints-matter-step", args=[den.pk, "forward"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"token": "t1", "on": _day().strftime("%d/%m/%Y"), "to_body": "Cục THADS tỉnh P"})
    assert response.status_code == 302
    assert MatterEvent.objects.filter(matter=den, kind="forwarded").exists()
    client.force_login(people["head_p"])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url_name,args,query", [
    ("complaints-matter-detail", [2 ** 70], ""),
    ("complaints-letter-detail", [2 ** 70], ""),
    ("complaints-reception-detail", [2 ** 70], ""),
    ("complaints-letter-new", [], f"?reception={2 ** 70}"),
])
def test_a_huge_id_in_a_url_is_not_found_not_a_server_error(client, people, world, url_name, args, query):
    client.force_login(people["head_a"])
    assert client.get(reverse(url_name, args=args) + query).status_code == 404


def test_the_audit_rows_of_the_denunciation_never_hold_the_denunciator(people, world):
    rows = AuditEvent.objects.filter(object_type="complaints.matter", object_id=str(world.denunciation.pk))
    assert rows.exists()
    for row in rows:
        assert DENUNCIATOR not in str(row.after) and DENUNCIATOR_ID not in str(row.before), row.action


@pytest.mark.parametrize("who,status", [
    ("officer_a", 403), ("reception_a", 403), ("inspector_p", 403), ("statistician_p", 403),
    ("accountant_a", 403), ("officer_b", 404),
])
@pytest.mark.parametrize("step", ["accept", "not-accept", "forward", "archive", "extend", "resolve", "withdraw"])
def test_arts_142_157_only_a_head_or_deputy_decides_and_another_unit_does_not_find_the_matter(
        client, people, world, who, status, step):
    client.force_login(people[who])
    url = reverse("complaints-matter-step", args=[world.complaint.pk, step])
    before = MatterEvent.objects.count(), AuditEvent.objects.filter(kind="write").count()
    assert client.get(url).status_code == status
    response = client.post(url, {"token": f"x-{step}", "on": _day().strftime("%d/%m/%Y"), "reason": "r",
                                 "to_body": "Cục", "outcome": "right", "notice_no": "1"})
    assert response.status_code == status
    assert (MatterEvent.objects.count(), AuditEvent.objects.filter(kind="write").count()) == before


@pytest.mark.parametrize("field,value", [
    ("kind", "bribe"), ("received_on", "01/01/2041"), ("received_on", "31/12/2008"), ("signatories", "9" * 30),
    ("case_id", "A-9999-99999"), ("complained_act", "nonsense"), ("summary", ""),
])
def test_a_bad_value_in_the_matter_form_is_a_form_error_with_nothing_written(client, people, world, field, value):
    client.force_login(people["reception_a"])
    data = {"token": f"bad-{field}-{value[:4]}", "kind": "complaint", "received_on": _day().strftime("%d/%m/%Y"),
            "summary": "Khiếu nại", "complained_act": "before_measures", "respondent": "officer",
            "signatories": "1", "number": "", field: value}
    before = Matter.objects.count()
    response = client.post(reverse("complaints-matter-new", args=[world.fresh.pk]), data)
    assert response.status_code == 200 and Matter.objects.count() == before
