"""``thads demo``: the demo province's units and one login per persona; every persona can log in."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command

from thads.org.models import Unit, User
from thads.web.management.commands.demo import DEMO_PASSWORD, PERSONAS


@pytest.mark.django_db
def test_the_demo_creates_the_province_and_every_persona_logs_in(client):
    out = io.StringIO()
    call_command("demo", "--no-cases", stdout=out)
    assert Unit.objects.filter(code="HUE", parent__isnull=True).exists()
    districts = Unit.objects.filter(level="district")
    assert districts.count() == 9 and all(str(u.valid_to) == "2025-06-30" for u in districts)
    assert set(Unit.objects.filter(level="regional").values_list("valid_from", flat=True)).pop().isoformat() == \
        "2025-07-01"
    for username, *_ in PERSONAS:
        assert username in out.getvalue()
        client.logout()
        response = client.post("/login/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
    assert User.objects.count() == len(PERSONAS)


@pytest.mark.django_db
def test_running_the_demo_twice_changes_nothing():
    call_command("demo", "--no-cases", stdout=io.StringIO())
    before = (Unit.objects.count(), User.objects.count())
    call_command("demo", "--no-cases", stdout=io.StringIO())
    assert (Unit.objects.count(), User.objects.count()) == before


@pytest.mark.django_db
def test_the_demo_loads_a_small_history_with_the_reorganisation():
    from thads.cases.models import Case

    call_command("demo", "--size", "400", "--today", "2026-11-30", stdout=io.StringIO())
    assert Case.objects.count() == 400
    assert not Case.objects.filter(unit__level="district", state__in=["DECIDED", "ENFORCING"]).exists()
    assert User.objects.get(username="chv.kv1").officer.cases.exists()


@pytest.mark.django_db
def test_every_demo_login_has_an_e_mail_address_and_the_demo_has_a_provincial_inspector():
    out = io.StringIO()
    call_command("demo", "--no-cases", stdout=out)
    assert not User.objects.filter(email="").exists()
    assert User.objects.get(username="chv.kv1").email == "chv.kv1@thads.demo"
    inspector = User.objects.get(username="thanhtra")
    assert inspector.title == "inspector" and inspector.unit.code == "HUE" and inspector.unit.parent_id is None
    assert "thanhtra" in out.getvalue() and "thanhtra@thads.demo" in out.getvalue()


@pytest.mark.django_db
def test_a_demo_login_left_without_an_address_gets_one_on_the_next_run():
    call_command("demo", "--no-cases", stdout=io.StringIO())
    User.objects.filter(username="chv.kv2").update(email="")
    call_command("demo", "--no-cases", stdout=io.StringIO())
    assert User.objects.get(username="chv.kv2").email == "chv.kv2@thads.demo"


@pytest.mark.django_db
def test_the_digest_on_the_demo_mails_each_officer_their_overdue_work(mailoutbox):
    from thads.deadlines.models import Deadline

    call_command("demo", "--size", "800", stdout=io.StringIO())
    call_command("digest", stdout=io.StringIO())
    mails = {m.to[0]: m.body for m in mailoutbox}
    for username in ("chv.kv1", "chv.kv2"):
        officer = User.objects.get(username=username).officer
        overdue = Deadline.objects.filter(officer=officer, paused=False, due__lt=date.today())
        assert overdue.exists(), username
        body = mails[f"{username}@thads.demo"]
        assert body.startswith(f"Quá hạn ({overdue.count()}):") and overdue.first().case.ext_id in body
    assert "truongkv1@thads.demo" in mails  # the head gets the unit's overdue work by officer
