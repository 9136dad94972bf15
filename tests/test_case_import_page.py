"""Importing a JSONL history through the page (issue 7): preview with per-line errors, then confirm."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thads.cases.imports_web import SESSION_KEY, may_import
from thads.cases.models import Case, CaseEvent
from thads.org.jobs.models import JobRun, JobStatus
from thads.org.models import Officer

OFFICER = {"type": "officer", "code": "A-CHV-9", "name": "Trần Thị Hoa", "unit": "A"}


@pytest.fixture(autouse=True)
def english(client):
    """These tests read the English messages (the Vietnamese catalogue is checked in test_i18n)."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def case_rec(case_id: str, unit: str = "A") -> dict:
    return {"type": "case", "id": case_id, "unit": unit, "decided_on": "2024-06-10",
            "decision_no": f"{case_id}/QĐ-CCTHADS", "initiation": "chu_dong", "judgment_kind": "dan_su",
            "officer": "A-CHV-9" if unit == "A" else None,
            "debtor": {"name": "Lê Văn Đức", "id_number": "046090001234", "address": "Phú Thuận"},
            "obligations": [{"id": "1", "kind": "an_phi", "beneficiary": "state", "amount": 5000000}]}


def jsonl(*records, extra: str = "") -> bytes:
    return ("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records) + extra).encode()


GOOD = jsonl(OFFICER, case_rec("X1"), {"type": "event", "case": "X1", "on": "2024-07-01", "kind": "verified_able"})
BAD = GOOD + b"this is not json\n" + jsonl({"type": "event", "case": "NOPE", "on": "2024-07-01",
                                            "kind": "verified_able"})


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def upload(client, user, data: bytes, name="history.jsonl", **extra):
    client.force_login(user)
    return client.post(reverse("case-import"), {"file": SimpleUploadedFile(name, data), **extra})


def kept_files(media) -> list:
    directory = media / "imports"
    return list(directory.iterdir()) if directory.exists() else []


def test_only_superusers_administrators_and_provincial_heads_may_import(persona, org, django_user_model):
    from thads.domain.roles import Title
    from thads.org.actions import do_create_staff

    head_p = do_create_staff("head_p", "x-Mat-khau-2025", "Cục Trưởng", org["units"]["P"], Title.HEAD)
    root = django_user_model.objects.create_superuser("root", "r@example.org", "x-Mat-khau-2025")
    assert may_import(persona["admin_p"]) and may_import(head_p) and may_import(root)
    assert not any(may_import(persona[p]) for p in ("officer_a", "head_a", "officer_b", "statistician_p"))


def test_a_branch_head_is_refused_the_import_page(client, persona):
    client.force_login(persona["head_a"])
    assert client.get(reverse("case-import")).status_code == 403
    assert client.post(reverse("case-import-confirm")).status_code == 403


def test_the_preview_counts_what_would_be_written_and_writes_nothing(client, persona, media):
    response = upload(client, persona["admin_p"], GOOD)
    assert response.status_code == 200
    assert response.context["new"] == {"units": 0, "officers": 1, "cases": 1, "events": 1}
    assert response.context["can_import"]
    assert Case.objects.count() == 0 and not Officer.objects.filter(code="A-CHV-9").exists()
    assert len(kept_files(media)) == 1


def test_a_file_with_invalid_lines_shows_the_errors_and_writes_nothing(client, persona, media):
    response = upload(client, persona["admin_p"], BAD)
    content = response.content.decode()
    assert response.context["error_count"] == 2 and not response.context["can_import"]
    assert "line 4:" in content and "line 5:" in content
    assert Case.objects.count() == 0
    assert kept_files(media) == []  # nothing to confirm: the file is not kept
    # Confirming anyway (a forged post) writes nothing either.
    response = client.post(reverse("case-import-confirm"), {"token": "0" * 32})
    assert response.status_code == 302 and Case.objects.count() == 0


def test_confirming_writes_the_file_and_deletes_the_kept_copy(client, persona, media):
    upload(client, persona["admin_p"], GOOD)
    token = client.session[SESSION_KEY]["token"]
    response = client.post(reverse("case-import-confirm"), {"token": token}, follow=True)
    job = JobRun.objects.get()
    assert response.redirect_chain[-1][0] == reverse("job-detail", args=[job.pk])  # the import is a job
    assert Case.objects.filter(ext_id="X1").exists() and CaseEvent.objects.filter(case__ext_id="X1").count() == 1
    assert "Imported 0 units, 1 officers, 1 cases and 1 events" in response.content.decode()
    assert kept_files(media) == [] and SESSION_KEY not in client.session


def test_skipping_invalid_lines_imports_the_valid_ones(client, persona):
    response = upload(client, persona["admin_p"], BAD, skip_invalid="on")
    assert response.context["can_import"] and response.context["error_count"] == 2
    client.post(reverse("case-import-confirm"), {"token": client.session[SESSION_KEY]["token"]})
    assert list(Case.objects.values_list("ext_id", flat=True)) == ["X1"]


def test_cancelling_deletes_the_kept_file_and_writes_nothing(client, persona, media):
    upload(client, persona["admin_p"], GOOD)
    client.post(reverse("case-import-confirm"), {"token": client.session[SESSION_KEY]["token"], "cancel": "1"})
    assert kept_files(media) == [] and Case.objects.count() == 0


def test_a_file_that_is_not_jsonl_is_refused_with_a_message(client, persona, media):
    response = upload(client, persona["admin_p"], b"%PDF-1.7 binary", name="scan.pdf")
    assert "Only JSONL files" in response.content.decode()
    response = upload(client, persona["admin_p"], b"\x89PNG\r\n\x1a\n\x00\x00", name="trick.jsonl")
    assert "not a JSONL file" in response.content.decode()
    assert kept_files(media) == []


def test_a_head_cannot_import_into_another_province(client, persona, org):
    from thads.domain.roles import Title
    from thads.org.actions import do_create_staff, do_create_unit

    other = do_create_unit("Q", "Cục THADS tỉnh Q", None, "province")
    do_create_unit("QA", "Chi cục Q A", other, "district")
    head_q = do_create_staff("head_q", "x-Mat-khau-2025", "Cục Trưởng Q", other, Title.HEAD)
    response = upload(client, head_q, GOOD)
    assert response.context["scope_count"] >= 2 and not response.context["can_import"]
    assert Case.objects.count() == 0


def test_an_import_into_a_closed_period_is_refused_with_a_message(client, persona, monkeypatch):
    import thads.stats.closing as closing

    monkeypatch.setattr(closing, "closed_period_problems", lambda dates: ["P: 2024 is closed"])
    upload(client, persona["admin_p"], GOOD)
    response = client.post(reverse("case-import-confirm"), {"token": client.session[SESSION_KEY]["token"]},
                           follow=True)
    assert "2024 is closed" in response.content.decode()  # the job's page says why, in Vietnamese
    assert JobRun.objects.get().status == JobStatus.FAILED
    assert Case.objects.count() == 0
