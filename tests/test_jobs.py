"""Background jobs (issue 12 "long work as background jobs"): the progress page, who may see a job and its file,
the statistics rebuild and the export as jobs, the cleanup of old results, and a real worker process."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

import thads.cases.importer as importer
from thads.org.jobs.actions import Progress, cleanup, jobs_dir
from thads.org.jobs.models import JobKind, JobRun, JobStatus
from thads.org.models import AuditEvent


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def case_line(case_id: str, unit: str = "A") -> str:
    return json.dumps({"type": "case", "id": case_id, "unit": unit, "decided_on": "2024-06-10",
                       "decision_no": f"{case_id}/QĐ", "initiation": "chu_dong", "judgment_kind": "dan_su",
                       "officer": None, "debtor": {"name": "Lê Văn Đức", "id_number": "046090001234",
                                                   "address": "Phú Thuận"},
                       "obligations": [{"id": "1", "kind": "an_phi", "beneficiary": "state", "amount": 5000000}]},
                      ensure_ascii=False) + "\n"


@pytest.fixture
def cases(org):
    importer.import_data("".join(case_line(f"C{i}") for i in range(3)))


def test_a_running_job_shows_a_bar_and_refreshes_itself_without_script(client, persona):
    job = JobRun.objects.create(kind=JobKind.STATS_REBUILD, owner=persona["statistician_p"],
                                status=JobStatus.RUNNING, total=10)
    progress = Progress(job)
    progress.set_total(10)
    progress.done = 4
    progress._write(force=True)
    client.force_login(persona["statistician_p"])
    response = client.get(reverse("job-detail", args=[job.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert '<meta http-equiv="refresh" content="2">' in content
    assert '<progress id="job-progress" max="100" value="40">' in content and "4 of 10" in content
    assert "<script>" not in content and "onclick" not in content  # the CSP forbids inline script


def test_a_failed_job_shows_its_reason_and_stops_refreshing(client, persona):
    job = JobRun.objects.create(kind=JobKind.IMPORT, owner=persona["admin_p"], status=JobStatus.FAILED,
                                message="Tệp có 2 dòng không hợp lệ; không ghi gì.")
    client.force_login(persona["admin_p"])
    content = client.get(reverse("job-detail", args=[job.pk])).content.decode()
    assert "Tệp có 2 dòng không hợp lệ; không ghi gì." in content and "http-equiv" not in content


def test_an_unexpected_error_is_recorded_in_plain_vietnamese_not_a_500(client, persona, monkeypatch):
    import thads.stats.cells as cells

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(cells, "rebuild", broken)
    client.force_login(_superuser())
    response = client.post(reverse("job-stats-rebuild"), follow=True)
    job = JobRun.objects.get()
    assert response.status_code == 200 and job.status == JobStatus.FAILED
    assert "Công việc bị lỗi ngoài dự kiến" in job.message and "disk full" not in response.content.decode()


def test_only_the_owner_or_a_superuser_opens_a_job(client, persona, django_user_model):
    job = JobRun.objects.create(kind=JobKind.EXPORT, owner=persona["head_a"], unit=persona["head_a"].unit,
                                status=JobStatus.DONE)
    for other in ("officer_a", "officer_b", "admin_p", "statistician_p"):
        client.force_login(persona[other])
        assert client.get(reverse("job-detail", args=[job.pk])).status_code == 404
        assert client.get(reverse("job-download", args=[job.pk])).status_code == 404
    root = django_user_model.objects.create_superuser("root", "r@example.org", "x-Mat-khau-2025")
    client.force_login(root)
    assert client.get(reverse("job-detail", args=[job.pk])).status_code == 200
    client.force_login(persona["head_a"])
    assert client.get(reverse("job-detail", args=[job.pk])).status_code == 200


def test_the_list_shows_ones_own_jobs_and_a_head_sees_the_units(client, persona):
    mine = JobRun.objects.create(kind=JobKind.EXPORT, owner=persona["officer_a"], unit=persona["officer_a"].unit,
                                 status=JobStatus.DONE)
    theirs = JobRun.objects.create(kind=JobKind.EXPORT, owner=persona["officer_b"], unit=persona["officer_b"].unit,
                                   status=JobStatus.DONE)
    client.force_login(persona["officer_a"])
    assert [r["job"] for r in client.get(reverse("job-list")).context["rows"]] == [mine]
    client.force_login(persona["head_a"])
    rows = client.get(reverse("job-list")).context["rows"]
    assert [r["job"] for r in rows] == [mine] and not rows[0]["open"]  # listed, not opened
    assert theirs not in [r["job"] for r in rows]


def _superuser():
    from thads.org.models import User

    return User.objects.create_superuser("root", "r@example.org", "x-Mat-khau-2025")


def test_a_provincial_statistician_cannot_start_the_rebuild_of_every_province(client, persona, cases):
    # The rebuild recomputes every province's cells in one transaction: beyond a province's scope.
    before = AuditEvent.objects.filter(kind="write").count()
    for name in ("officer_a", "statistician_p", "admin_p"):
        client.force_login(persona[name])
        assert client.post(reverse("job-stats-rebuild")).status_code == 403, name
        assert "stats-rebuild" not in client.get(reverse("job-list")).content.decode()
    assert not JobRun.objects.exists() and AuditEvent.objects.filter(kind="write").count() == before


def test_a_superuser_rebuilds_the_statistics_as_a_job(client, persona, cases):
    root = _superuser()
    client.force_login(root)
    response = client.post(reverse("job-stats-rebuild"), follow=True)
    job = JobRun.objects.get(kind=JobKind.STATS_REBUILD)
    assert job.status == JobStatus.DONE and job.result == {"cases": 3} and job.done == job.total == 3
    assert "Rebuilt the statistics of 3 cases." in response.content.decode()
    assert AuditEvent.objects.filter(action="stats.rebuild", user=root).exists()


def test_only_a_statistician_of_a_national_unit_covering_the_whole_tree_may_rebuild(org):
    from thads.domain.roles import Title
    from thads.org.actions import do_create_staff, do_create_unit
    from thads.stats.tasks import may_rebuild

    national = do_create_unit("TW", "Cục Quản lý THADS", None, "national")
    statistician = do_create_staff("thongke_tw", "x-Mat-khau-2025", "Thống Kê TW", national, Title.STATISTICIAN)
    assert not may_rebuild(statistician)  # province P is not below it: not his scope
    province = org["units"]["P"]
    province.parent = national
    province.save()
    statistician.refresh_from_db()
    assert may_rebuild(statistician)
    # A unit merely labelled "national" below a province is not the national unit.
    fake = do_create_unit("A9", "Giả", org["units"]["A"], "national")
    assert not may_rebuild(do_create_staff("thongke_a9", "x-Mat-khau-2025", "Giả", fake, Title.STATISTICIAN))


def test_an_export_is_a_file_only_its_owner_downloads_and_the_download_is_audited(client, persona, cases):
    client.force_login(persona["admin_p"])  # an administrator has no right to personal data
    assert client.post(reverse("job-export"), {"unit": "P"}).status_code == 403
    client.force_login(persona["head_a"])
    assert client.post(reverse("job-export"), {"unit": "P"}, follow=True).status_code == 200  # not one of theirs
    assert not JobRun.objects.exists()
    response = client.post(reverse("job-export"), {"unit": "A"}, follow=True)
    job = JobRun.objects.get(kind=JobKind.EXPORT)
    assert job.status == JobStatus.DONE and job.result["cases"] == 3
    assert reverse("job-download", args=[job.pk]) in response.content.decode()
    assert not AuditEvent.objects.filter(action="export.download").exists()
    download = client.get(reverse("job-download", args=[job.pk]))
    body = b"".join(download.streaming_content).decode()
    assert download.status_code == 200 and body.count('"type": "case"') == 3 and "046090001234" in body
    row = AuditEvent.objects.get(action="export.download")
    assert row.kind == "read" and row.user == persona["head_a"] and "id_number" in row.after["fields"]


def test_an_export_downloaded_after_the_owner_lost_the_right_is_not_found(client, persona, cases):
    head = persona["head_a"]
    client.force_login(head)
    client.post(reverse("job-export"), {"unit": "A"})
    job = JobRun.objects.get(kind=JobKind.EXPORT)
    url = reverse("job-download", args=[job.pk])
    head.title = "statistician"  # no right to personal data any more
    head.save()
    assert client.get(url).status_code == 404
    assert reverse("job-download", args=[job.pk]) not in client.get(reverse("job-detail", args=[job.pk])).content.decode()
    head.title, head.unit = "head", persona["officer_b"].unit  # moved to branch B: A is out of his scope
    head.save()
    assert client.get(url).status_code == 404
    assert not AuditEvent.objects.filter(action="export.download").exists()  # nothing was shown
    head.unit = persona["officer_a"].unit
    head.save()
    assert client.get(url).status_code == 200


def test_the_cleanup_deletes_old_results_and_keeps_recent_ones(client, persona, cases):
    client.force_login(persona["head_a"])
    client.post(reverse("job-export"), {"unit": "A"})
    client.post(reverse("job-export"), {"unit": "A"})
    old, recent = JobRun.objects.order_by("id")
    JobRun.objects.filter(pk=old.pk).update(finished=timezone.now() - timedelta(days=8))
    assert cleanup() == {"uploads": 0, "results": 1}
    old.refresh_from_db()
    assert not (jobs_dir() / str(old.pk)).exists() and old.result["expired"]
    assert client.get(reverse("job-download", args=[old.pk])).status_code == 404
    assert "expired" in client.get(reverse("job-detail", args=[old.pk])).content.decode()
    assert client.get(reverse("job-download", args=[recent.pk])).status_code == 200


def test_a_report_file_over_a_date_range_of_a_big_unit_is_made_by_a_job(client, persona, cases, monkeypatch):
    import thads.stats.tasks as stats_tasks

    client.force_login(persona["statistician_p"])
    url = reverse("stats-export", args=["csv"])
    initial = client.get(reverse("stats-report")).context["form"].initial
    query = {"unit": "P", "mode": "range", "year": initial["year"], "months": initial["months"],
             "date_from": "2024-01-01", "date_to": "2024-12-31"}
    direct = client.get(url, query)  # 3 cases: small, made in the request
    assert direct.status_code == 200 and not JobRun.objects.exists()
    monkeypatch.setattr(stats_tasks, "REPORT_JOB_CASES", 2)
    response = client.get(url, query)
    job = JobRun.objects.get(kind=JobKind.REPORT_EXPORT)
    assert response.status_code == 302 and response.url == reverse("job-detail", args=[job.pk])
    assert job.status == JobStatus.DONE, job.message
    download = client.get(reverse("job-download", args=[job.pk]))
    def timeless(data: bytes) -> list[str]:  # the "produced at HH:MM" line may differ by a minute
        return [line for line in data.decode("utf-8-sig").splitlines() if not re.search(r"\d\d:\d\d \d\d/", line)]

    assert timeless(b"".join(download.streaming_content)) == timeless(direct.content)  # the page's own file
    official = {**query, "mode": "official"}
    assert client.get(url, official).status_code == 200  # an official period reads the cells: no job
    # The statistician becomes an officer (no statistics), then a statistician of branch A (P out of scope).
    statistician = persona["statistician_p"]
    statistician.title = "officer"
    statistician.save()
    assert client.get(reverse("job-download", args=[job.pk])).status_code == 404
    statistician.title, statistician.unit = "statistician", persona["officer_a"].unit
    statistician.save()
    assert client.get(reverse("job-download", args=[job.pk])).status_code == 404


def test_a_job_delivered_twice_runs_once(persona, cases):
    from thads.stats.tasks import rebuild_statistics

    job = JobRun.objects.create(kind=JobKind.STATS_REBUILD, owner=persona["statistician_p"])
    rebuild_statistics.call(job.pk)
    finished = JobRun.objects.get(pk=job.pk).finished
    rebuild_statistics.call(job.pk)
    assert JobRun.objects.get(pk=job.pk).finished == finished
    assert AuditEvent.objects.filter(action="stats.rebuild").count() == 1


# ------------------------------------------------------------------------------------------------- a real worker


def _thads(env: dict, *args: str, **kwargs):
    return subprocess.run([sys.executable, "-m", "thads.cli", *args], env=env, capture_output=True, text=True,
                          timeout=120, **kwargs)


@pytest.mark.slow
def test_a_real_worker_process_runs_a_queued_import_on_a_file_database(tmp_path):
    """The embedded default: the job is a row of the (SQLite) database and ``thads worker`` picks it up; the import
    it runs is recorded in the audit log under the job's owner although no request is there to name the user."""
    db = tmp_path / "thads.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "THADS_TASKS_BACKEND": "database", "DEBUG": "true",
           "THADS_VAR_DIR": str(tmp_path / "var"), "THADS_MEDIA_DIR": str(tmp_path / "media"),
           "DJANGO_SETTINGS_MODULE": "thads.settings"}
    assert _thads(env, "migrate", "--noinput").returncode == 0
    data = json.dumps({"type": "unit", "code": "P", "name": "Cục THADS tỉnh P", "parent": None}) + "\n" + \
        json.dumps({"type": "unit", "code": "A", "name": "Chi cục THADS huyện A", "parent": "P"}) + "\n" + \
        "".join(case_line(f"W{i}") for i in range(5))
    (tmp_path / "media" / "imports").mkdir(parents=True)
    (tmp_path / "media" / "imports" / f"{'b' * 32}.jsonl").write_text(data, encoding="utf-8")
    enqueue = (
        "from django.contrib.auth import get_user_model\n"
        "from django.utils import timezone\n"
        "from thads.cases.tasks import import_file\n"
        "from thads.org.jobs.actions import start_job\n"
        "from thads.org.jobs.models import ImportUpload\n"
        "root = get_user_model().objects.create_superuser('root', 'r@example.org', 'x-Mat-khau-2025')\n"
        "up = ImportUpload.objects.create(token='b' * 32, owner=root, name='w.jsonl', consumed=timezone.now())\n"
        "job = start_job(root, 'import', import_file, params={'token': up.token, 'name': up.name},\n"
        "                on_created=lambda job: ImportUpload.objects.filter(pk=up.pk).update(job=job))\n"
        "print('JOB', job.pk, job.status)\n")
    out = _thads(env, "shell", "-c", enqueue)
    assert out.returncode == 0, out.stderr
    _, job_id, status = next(line for line in out.stdout.splitlines() if line.startswith("JOB ")).split()
    assert status == "queued"  # nothing ran it yet

    worker = subprocess.Popen([sys.executable, "-m", "thads.cli", "worker", "--interval", "0.2"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        status = ""
        while time.monotonic() < deadline and status not in ("done", "failed"):
            time.sleep(0.3)
            with sqlite3.connect(db, timeout=5) as con:
                status, message = con.execute("select status, message from jobs_jobrun where id = ?",
                                              (int(job_id),)).fetchone()
        assert status == "done", message
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
            pytest.fail("the worker did not stop on SIGTERM")
    assert worker.returncode == 0, worker.stdout.read()
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from cases_case").fetchone()[0] == 5
        assert con.execute("select username from org_auditevent where action = 'import.run'").fetchall() == [
            ("root",)]
    assert not (tmp_path / "media" / "imports" / f"{'b' * 32}.jsonl").exists()


# ------------------------------------------------------------------------------------------------- file names


def test_an_export_of_a_unit_whose_code_is_a_path_writes_inside_the_jobs_folder_only(client, persona, cases, media):
    """A unit code is data (an import takes any non-empty string): ``../../../outside`` once made the export job
    write every party's ID number and address outside MEDIA_ROOT, where no cleanup reaches it (issue 12)."""
    from thads.org.models import Unit

    Unit.objects.filter(code="A").update(code="../../../outside")
    client.force_login(persona["head_a"])
    client.post(reverse("job-export"), {"unit": "../../../outside"})
    job = JobRun.objects.get(kind=JobKind.EXPORT)
    assert job.status == JobStatus.DONE and job.result["cases"] == 3
    root = media.parent
    outside = [p for p in root.rglob("*outside*") if media not in p.parents]
    assert outside == []
    [written] = (jobs_dir() / str(job.pk)).iterdir()
    assert written.name == job.result["name"] and "/" not in written.name and not written.name.startswith(".")
    assert "046090001234" in written.read_text()
    response = client.get(reverse("job-download", args=[job.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("name", ["../x.jsonl", "../../outside.jsonl", "a/b.jsonl", "/tmp/x.jsonl", "..", ".", "",
                                  "a/../b.jsonl", "x\x00.jsonl"])
def test_no_job_may_write_its_result_outside_its_own_folder(persona, name):
    from thads.org.jobs.actions import JobFailed, result_path

    job = JobRun.objects.create(kind=JobKind.EXPORT, owner=persona["head_a"])
    with pytest.raises(JobFailed) as refused:
        result_path(job, name)
    assert "không hợp lệ" in refused.value.message
    assert result_path(job, "A-20261207.jsonl") == (jobs_dir() / str(job.pk)).resolve() / "A-20261207.jsonl"
