"""The web import as a background job (issue 12, hole 8): one import per upload however often it is confirmed, no
uploaded file with personal data left behind, the importer recorded in the audit log, and no word in the preview
about cases of other provinces."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import thads.cases.importer as importer
import thads.cases.imports_web as imports_web
from thads.cases.imports_web import SESSION_KEY
from thads.cases.models import Case
from thads.org.jobs.models import ImportUpload, JobKind, JobRun, JobStatus
from thads.org.models import AuditEvent

OFFICER = {"type": "officer", "code": "A-CHV-9", "name": "Trần Thị Hoa", "unit": "A"}


def case_rec(case_id: str, unit: str = "A", officer: str | None = "A-CHV-9") -> dict:
    return {"type": "case", "id": case_id, "unit": unit, "decided_on": "2024-06-10",
            "decision_no": f"{case_id}/QĐ-CCTHADS", "initiation": "chu_dong", "judgment_kind": "dan_su",
            "officer": officer,
            "debtor": {"name": "Lê Văn Đức", "id_number": "046090001234", "address": "Phú Thuận"},
            "obligations": [{"id": "1", "kind": "an_phi", "beneficiary": "state", "amount": 5000000}]}


def jsonl(*records) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


GOOD = jsonl(OFFICER, case_rec("X1"), {"type": "event", "case": "X1", "on": "2024-07-01", "kind": "verified_able"})


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def upload(client, user, data: bytes = GOOD, name="history.jsonl", **extra):
    client.force_login(user)
    return client.post(reverse("case-import"), {"file": SimpleUploadedFile(name, data), **extra})


def kept_files(media) -> list:
    directory = media / "imports"
    return sorted(directory.iterdir()) if directory.exists() else []


def test_two_confirmations_of_one_upload_import_it_once(client, persona, media, monkeypatch):
    """The second click arrives while the first import runs, with the same session (it still holds the token)."""
    upload(client, persona["admin_p"])
    token = client.session[SESSION_KEY]["token"]
    real, calls, second = importer.import_data, [], {}

    def import_and_click_again(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            second["response"] = client.post(reverse("case-import-confirm"), {"token": token})
        return real(*args, **kwargs)

    monkeypatch.setattr(importer, "import_data", import_and_click_again)
    monkeypatch.setattr(imports_web, "import_data", import_and_click_again, raising=False)  # before issue 12
    first = client.post(reverse("case-import-confirm"), {"token": token})
    assert len(calls) == 1
    job = JobRun.objects.get(kind=JobKind.IMPORT)
    assert first.status_code == 302 and first.url == reverse("job-detail", args=[job.pk])
    assert second["response"].status_code == 302 and second["response"].url == first.url
    # A third click after everything ended: still the same job, nothing more written.
    third = client.post(reverse("case-import-confirm"), {"token": token}, follow=True)
    assert third.redirect_chain[-1][0] == first.url
    assert "already been started" in third.content.decode()
    assert len(calls) == 1 and Case.objects.count() == 1 and JobRun.objects.filter(kind=JobKind.IMPORT).count() == 1


@pytest.mark.django_db(transaction=True)
def test_simultaneous_confirmations_consume_an_upload_once(persona, media):
    """Real threads and connections: the conditional UPDATE lets exactly one of ten confirmations through."""
    import threading

    from django.db import connection

    from thads.org.jobs.actions import consume_upload

    if connection.vendor == "sqlite":
        pytest.skip("in-memory SQLite test databases are not shared between threads")
    user = persona["admin_p"]
    row = ImportUpload.objects.create(token="a" * 32, owner=user, name="f.jsonl")
    (media / "imports").mkdir(parents=True)
    (media / "imports" / f"{row.token}.jsonl").write_bytes(GOOD)
    barrier, got = threading.Barrier(10), []

    def confirm():
        try:
            barrier.wait()
            got.append(consume_upload(user, row.token))
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(1 for g in got if g is not None) == 1 and len(got) == 10


def test_an_abandoned_preview_is_deleted_by_the_scheduled_cleanup(client, persona, media, django_user_model):
    upload(client, persona["admin_p"])
    assert len(kept_files(media)) == 1
    ImportUpload.objects.update(created=timezone.now() - timedelta(hours=25))  # a day ago, never confirmed
    fresh_client = client.__class__()
    root = django_user_model.objects.create_superuser("root", "r@example.org", "x-Mat-khau-2025")
    upload(fresh_client, root)  # another user's preview of a minute ago stays
    assert len(kept_files(media)) == 2
    call_command("cleanup_uploads")
    assert len(kept_files(media)) == 1 and ImportUpload.objects.get().owner == root
    call_command("cleanup_uploads", older_than=0)
    assert kept_files(media) == [] and not ImportUpload.objects.exists()


def test_a_new_upload_deletes_the_previous_unconfirmed_one(client, persona, media):
    upload(client, persona["admin_p"])
    first = kept_files(media)
    upload(client, persona["admin_p"])
    assert len(kept_files(media)) == 1 and kept_files(media) != first
    assert ImportUpload.objects.count() == 1


def test_the_import_records_who_imported_in_the_audit_log(client, persona, media):
    upload(client, persona["admin_p"])
    client.post(reverse("case-import-confirm"), {"token": client.session[SESSION_KEY]["token"]})
    job = JobRun.objects.get(kind=JobKind.IMPORT)
    assert job.owner == persona["admin_p"] and job.status == JobStatus.DONE
    row = AuditEvent.objects.get(action="import.run")
    assert row.kind == "write" and row.user == persona["admin_p"] and row.username == "admin_p"
    assert row.after["cases"] == 1 and row.after["file"] == "history.jsonl"
    assert kept_files(media) == []  # the kept copy goes when the import ends


def test_the_preview_does_not_reveal_a_case_id_of_another_province(client, persona, media):
    from thads.org.actions import do_create_unit

    other = do_create_unit("Q", "Cục THADS tỉnh Q", None, "province")
    do_create_unit("QA", "Chi cục THADS huyện Q A", other, "district")
    importer.import_data(jsonl(case_rec("X9", unit="QA", officer=None)))
    assert Case.objects.filter(ext_id="X9", unit__code="QA").exists()

    # The administrator of P sends a file naming X9 as a case of their branch A.
    response = upload(client, persona["admin_p"], jsonl(OFFICER, case_rec("X9")))
    content = response.content.decode()
    assert not response.context["can_import"]
    assert response.context["stored"] == {"units": 0, "officers": 0, "cases": 0, "events": 0}
    assert response.context["error_count"] == 0  # no "conflicts with the stored case" line
    assert response.context["scope_problems"] == ["case id X9 cannot be imported by your units"]
    content = re.sub(r'nonce="[^"]*"', "", content)  # the random CSP nonce may spell "QA" by chance
    for word in ("QA", "Q A", "tỉnh Q", "held by", "stored case", "another province"):
        assert word not in content
    assert kept_files(media) == [] and Case.objects.filter(ext_id="X9").get().unit.code == "QA"


def test_a_big_file_is_checked_by_a_job_whose_page_shows_the_preview(client, persona, media, monkeypatch):
    monkeypatch.setattr(imports_web, "INLINE_CHECK_MB", 0)
    response = upload(client, persona["admin_p"])
    check_job = JobRun.objects.get(kind=JobKind.IMPORT_CHECK)
    assert response.status_code == 302 and response.url == reverse("job-detail", args=[check_job.pk])
    page = client.get(response.url)
    assert page.context["can_import"] and page.context["new"]["cases"] == 1
    assert 'name="token"' in page.content.decode()
    done = client.post(reverse("case-import-confirm"), {"token": client.session[SESSION_KEY]["token"]})
    assert done.status_code == 302 and Case.objects.filter(ext_id="X1").exists()


def test_a_branch_head_cannot_confirm_anything(client, persona):
    client.force_login(persona["head_a"])
    assert client.post(reverse("case-import-confirm"), {"token": "0" * 32}).status_code == 403


def test_an_import_cannot_give_cases_to_an_officer_of_another_province(client, persona, media):
    """Before: the preview checked the units of a file but not its officers; the administrator (or head) of P could
    import cases held by, or reassigned to, an officer of province Q."""
    from thads.org.actions import do_create_unit

    other = do_create_unit("Q", "Cục THADS tỉnh Q", None, "province")
    do_create_unit("QA", "Chi cục THADS huyện Q A", other, "district")
    importer.import_data(jsonl({"type": "officer", "code": "QA-CHV-1", "name": "Võ Văn Quế", "unit": "QA"}))

    held = upload(client, persona["admin_p"], jsonl(case_rec("X5", officer="QA-CHV-1")))
    assert not held.context["can_import"]
    assert held.context["scope_problems"] == [
        "case X5 names officer QA-CHV-1, who is not an officer of your units"]
    assert "Q A" not in held.content.decode()

    reassigned = upload(client, persona["admin_p"], jsonl(
        OFFICER, case_rec("X6"), {"type": "event", "case": "X6", "on": "2024-07-01", "kind": "reassigned",
                                  "officer": "QA-CHV-1"}))
    assert not reassigned.context["can_import"]
    assert reassigned.context["scope_problems"] == [
        "an event of case X6 names officer QA-CHV-1, who is not an officer of your units"]
    assert kept_files(media) == [] and not Case.objects.filter(ext_id__in=["X5", "X6"]).exists()

    # An officer of the user's own units, stored or brought by the file, is fine.
    fine = upload(client, persona["admin_p"], jsonl(
        OFFICER, case_rec("X7"), {"type": "event", "case": "X7", "on": "2024-07-01", "kind": "reassigned",
                                  "officer": "A-CHV-9"}))
    assert fine.context["can_import"] and fine.context["scope_problems"] == []
