"""A write that cannot get the database in time answers a clear 503 page, never a 500 (issue 12, hole 10).

In process (both databases): another transaction holds the case longer than a web request may wait; the officer's
collection gets the busy page with ``Retry-After`` and nothing is recorded. With a real ``thads import`` subprocess
on a SQLite file: a collection posted while the import writes is answered 302 (recorded) or 503, never 500.
"""

from __future__ import annotations

import json
import os
import threading
import time
import uuid

import pytest
from django.db import OperationalError, connection, transaction
from django.test import Client

from tests import import_processes as procs
from tests.test_case_views import counts, ddmmyyyy, enforcing
from thads.cases.models import Case
from thads.web import busy

BUSY_VI = "Một đợt nhập dữ liệu đang chạy"


def _collection(case) -> dict:
    return {"on": ddmmyyyy(case.last_event_on), "amount": "1.000.000", "obligation": "", "receipt_no": "BL-BUSY",
            "note": "", "token": uuid.uuid4().hex}


def _hold(case_pk: int, held: threading.Event, release: threading.Event) -> None:
    """Another writer (as an import does) holding the case: PostgreSQL its row, SQLite the write lock."""
    try:
        with transaction.atomic():
            Case.objects.select_for_update().get(pk=case_pk)
            held.set()
            release.wait(30)
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_a_collection_that_cannot_get_the_case_in_time_gets_the_busy_page_and_records_nothing(staff, org, settings,
                                                                                               tmp_path):
    settings.THADS_WEB_LOCK_WAIT = 1
    settings.VAR_DIR = tmp_path  # no import runs here (other tests' imports keep their progress under VAR_DIR)
    case = enforcing(staff, org)
    client = Client()
    client.force_login(staff["accountant_a"])
    before = counts()
    held, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold, args=(case.pk, held, release))
    holder.start()
    try:
        assert held.wait(10)
        started = time.monotonic()
        response = client.post(f"/cases/{case.pk}/act/collect/", _collection(case))
        waited = time.monotonic() - started
    finally:
        release.set()
        holder.join(30)
    assert response.status_code == 503, response.content[:300]
    assert int(response["Retry-After"]) > 0 and waited < 8
    body = response.content.decode()
    assert "database is busy" in body or "Cơ sở dữ liệu đang bận" in body
    assert "Nothing was recorded" in body or "Chưa có gì được ghi" in body
    assert counts() == before
    # Once the holder is gone the same form goes through.
    assert client.post(f"/cases/{case.pk}/act/collect/", _collection(case)).status_code == 302


@pytest.mark.django_db
def test_while_an_import_runs_the_busy_page_says_so_and_when_to_come_back(staff, org, settings, tmp_path,
                                                                          monkeypatch):
    settings.VAR_DIR = tmp_path
    running = tmp_path / "imports-running"
    running.mkdir()
    now = time.time()
    (running / "x.json").write_text(json.dumps({
        "pid": os.getpid(), "name": "tinh.jsonl", "started": now - 70, "phase": "writing", "total": 200_000,
        "done": 50_000, "writing_since": now - 60, "updated": now}))
    case = enforcing(staff, org)
    client = Client()
    client.force_login(staff["accountant_a"])

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr("thads.cases.views.do_act", locked)
    response = client.post(f"/cases/{case.pk}/act/collect/", _collection(case))
    assert response.status_code == 503
    body = response.content.decode()
    assert "A data import is running" in body or BUSY_VI in body
    assert "50000" in body.replace(".", "").replace(",", "") and "200000" in body.replace(".", "").replace(",", "")
    assert 120 <= int(response["Retry-After"]) <= 3600  # 3 × the minute it took for a quarter, plus the tail


@pytest.mark.django_db
def test_a_session_that_cannot_be_saved_gets_the_busy_page_not_a_500(staff, monkeypatch, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    """The lock may also be met by a middleware after the view (the session saved with its idle-timeout clock)."""
    from django.contrib.sessions.backends.db import SessionStore

    client = Client(raise_request_exception=False)
    client.force_login(staff["officer_a"])
    session = client.session
    # Half the idle time ago: this request rewrites the idle-timeout clock, so the session is saved after the view.
    session["_thads_last_seen"] = int(time.time()) - settings.SESSION_IDLE_MINUTES * 30
    session.save()

    def locked(self, *args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(SessionStore, "save", locked)
    response = client.get("/")
    assert response.status_code == 503 and int(response["Retry-After"]) > 0


def test_only_lock_errors_count_as_busy():
    import sqlite3

    assert busy.is_lock_error(OperationalError("database is locked"))
    wrapped = OperationalError("x")
    wrapped.__cause__ = sqlite3.OperationalError("database table is locked")
    assert busy.is_lock_error(wrapped)
    assert not busy.is_lock_error(OperationalError("no such table: cases_case"))
    assert not busy.is_lock_error(ValueError("database is locked"))


# ------------------------------------------------------------------------------------------------- a real import


@pytest.mark.skipif(procs.suite_vendor() != "sqlite", reason="the embedded SQLite's lock (PostgreSQL: test above)")
def test_a_collection_during_a_real_import_on_sqlite_is_recorded_or_gets_the_busy_page(tmp_path):
    with procs.prepared_database(tmp_path, "sqlite") as env:
        web = procs.start_web_client(env)  # logged in, the collection form of a case opened, before the import
        importer = procs.start_import(env)
        try:
            state = procs.wait_until_writing(env, importer, min_done=0)
            assert state is not None, procs.output(importer)
            started = time.monotonic()
            web.stdin.write("go\n")
            web.stdin.flush()
            answer = json.loads(web.stdout.readline())
            waited = time.monotonic() - started
            still_importing = procs.running_state(env)  # removed right after the import's commit
        finally:
            web.kill()
            web.wait()
        assert importer.wait(300) == 0, procs.output(importer)
        ledger = procs.integrity(env)
    assert answer["status"] != 500, answer
    assert answer["status"] in (302, 503), answer
    assert waited < 8, waited  # told at once (the short wait while an import runs), not after 20 s and a 500
    if answer["status"] == 503:  # the import still held the write lock
        assert int(answer["retry_after"]) >= 30 and answer["importing"], answer
        assert answer["recorded"] == 0
    else:  # the import committed within the wait: the collection was recorded after it
        assert answer["recorded"] == 1 and still_importing is None, (answer, still_importing)
    assert ledger == "ledger ok"
