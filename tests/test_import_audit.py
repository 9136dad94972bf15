"""An import is a write like any other (issue 12 "Audit"): one ``import.run`` row in its transaction, naming the file
(name, size, SHA-256), what was written and who imported (``thads import --user``, else the operating-system user)."""

from __future__ import annotations

import getpass
import hashlib
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.test_import_export import WORKED
from thads.cases.importer import import_data
from thads.cases.models import CaseEvent
from thads.org.models import AuditEvent


@pytest.mark.django_db
def test_the_import_command_leaves_one_audit_row_with_the_file_and_the_operating_system_user():
    call_command("import", str(WORKED), stdout=io.StringIO())
    row = AuditEvent.objects.get(action="import.run")
    data = WORKED.read_bytes()
    assert (row.kind, row.source, row.user_id, row.username) == ("write", "cli:import", None, "")
    assert row.after["file"] == str(WORKED) and row.after["size"] == len(data)
    assert row.after["sha256"] == hashlib.sha256(data).hexdigest()
    assert row.after["cases"] == 11 and row.after["events"] == CaseEvent.objects.count() > 0
    assert row.after["os_user"] == getpass.getuser()


@pytest.mark.django_db
def test_the_import_command_attributes_the_import_to_the_user_given(persona):
    call_command("import", str(WORKED), "--user", "admin_p", stdout=io.StringIO())
    row = AuditEvent.objects.get(action="import.run")
    assert row.user == persona["admin_p"] and row.username == "admin_p"


@pytest.mark.django_db
def test_an_unknown_user_is_refused_and_nothing_is_imported():
    from thads.cases.models import Case

    with pytest.raises(CommandError, match="no active THADS login"):
        call_command("import", str(WORKED), "--user", "nobody", stdout=io.StringIO())
    assert not Case.objects.exists() and not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_an_invalid_file_writes_no_audit_row_either():
    report = import_data(b'{"type": "case", "id": "X"}\n', name="broken.jsonl")
    assert not report.written and not AuditEvent.objects.filter(action="import.run").exists()


@pytest.mark.django_db
def test_the_function_the_web_job_calls_records_its_user_and_file_name(persona):
    report = import_data(WORKED.read_bytes(), user=persona["admin_p"], name="lich-su.jsonl")
    row = AuditEvent.objects.get(action="import.run")
    assert row.user == persona["admin_p"] and row.after["file"] == "lich-su.jsonl"
    assert row.after["cases"] == report.cases == 11
