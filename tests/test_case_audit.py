"""Issue 12, audit: every writer of cases (receive, every act, the bulk reassignment, the entrustment's incoming case,
attachments) writes its audit row in its own transaction with before/after; every page or download that shows ID
numbers, addresses or scans writes a read row in the same request."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.test_attachments import PDF
from tests.test_case_views import ID_NUMBER, act_url, day, ddmmyyyy, decided, received
from thads.cases.actions import ActRefused, AttachmentRefused, do_act, do_attach, do_reassign_cases
from thads.cases.models import Attachment, Case
from thads.org.models import AuditEvent, Officer


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def rows(**filters):
    return list(AuditEvent.objects.filter(**filters).order_by("id"))


# ------------------------------------------------------------------------------------------------- writes


def test_receiving_a_judgment_writes_case_receive_with_the_new_state_and_no_personal_data(staff, org):
    case = received(staff["head_a"], org["units"]["A"])
    [row] = rows(action="case.receive")
    assert (row.kind, row.user, row.unit, row.case_ext_id) == ("write", staff["head_a"], org["units"]["A"],
                                                               case.ext_id)
    assert row.object_type == "cases.case" and row.object_id == str(case.pk) and row.before is None
    assert row.after["outstanding"] == 100_000_000 and row.after["unit"] == org["units"]["A"].pk
    assert row.after["amount"] == 100_000_000 and row.after["obligations"] == {"1": 100_000_000}
    assert ID_NUMBER not in str(row.after) and "Phú Thuận" not in str(row.after)


def test_a_decision_writes_its_officer_and_state_before_and_after(staff, org):
    case = decided(staff, org)
    [row] = rows(action="case.decide")
    assert row.before["officer"] is None and row.after["officer"] == staff["officer_a"].officer.pk
    assert row.before["decided_on"] is None and row.after["decided_on"] == case.decided_on.isoformat()
    assert row.after["decision_no"] == "12/QĐ-CCTHADS" and row.before["state"] != row.after["state"]


def test_a_collection_writes_the_amount_and_the_outstanding_before_and_after(staff, org):
    case = decided(staff, org)
    do_act(staff["accountant_a"], case.pk, "collect", day(10), amount=30_000_000, receipt_no="BL-1", token="t-1")
    do_act(staff["accountant_a"], case.pk, "collect", day(10), amount=30_000_000, receipt_no="BL-1", token="t-1")
    [row] = rows(action="case.collect")  # the double submit wrote nothing, not even an audit row
    assert row.user == staff["accountant_a"] and row.case_ext_id == case.ext_id
    assert (row.before["outstanding"], row.after["outstanding"]) == (100_000_000, 70_000_000)
    assert row.after["amount"] == 30_000_000 and row.after["allocation"] == {"1": 30_000_000}
    assert row.after["receipt_no"] == "BL-1" and row.after["obligations"] == {"1": 70_000_000}


def test_a_refused_act_leaves_no_write_row(staff, org):
    case = decided(staff, org)
    before = AuditEvent.objects.count()
    with pytest.raises(ActRefused):
        do_act(staff["accountant_a"], case.pk, "collect", day(10), amount=100_000_001)
    assert AuditEvent.objects.count() == before


def test_the_bulk_reassignment_writes_one_row_per_case(staff, org):
    first, second = decided(staff, org), decided(staff, org)
    new = Officer.objects.create(code="A-CHV-9", name="Phan Văn Chín", unit=org["units"]["A"])
    do_reassign_cases(staff["head_a"], [first.pk, second.pk], new, day(5))
    reassigned = rows(action="case.reassign")
    assert [r.case_ext_id for r in reassigned] == [first.ext_id, second.ext_id]
    assert all(r.before["officer"] == staff["officer_a"].officer.pk and r.after["officer"] == new.pk
               for r in reassigned)


def test_a_refused_bulk_reassignment_leaves_no_row(staff, org):
    first = decided(staff, org)
    before = AuditEvent.objects.count()
    with pytest.raises(ActRefused):
        do_reassign_cases(staff["head_a"], [first.pk], staff["officer_b"].officer, day(5))
    assert AuditEvent.objects.count() == before


def test_an_entrustment_writes_the_act_and_the_incoming_case(staff, org):
    case = decided(staff, org)
    do_act(staff["head_a"], case.pk, "entrust_out", day(10), to=org["units"]["B"], debtor_elsewhere=True,
           revocation_no="9/QĐ", revocation_on=day(10))
    incoming = Case.objects.get(entrusted_from=case)
    [out] = rows(action="case.entrust_out")
    [opened] = rows(action="case.receive_entrusted")
    assert out.case_ext_id == case.ext_id and out.after["state"] == "ENTRUSTED_OUT"
    assert opened.case_ext_id == incoming.ext_id and opened.unit == org["units"]["B"]
    assert opened.after["from_case"] == case.ext_id and opened.user == staff["head_a"]


def test_an_act_entered_through_the_web_carries_the_address_and_the_request_id(client, staff, org):
    case = decided(staff, org)
    client.force_login(staff["accountant_a"])
    response = client.post(act_url(case, "collect"), {"on": ddmmyyyy(day(10)), "receipt_no": "BL-9",
                                                      "amount": "1.000.000", "token": "web-1"})
    assert response.status_code == 302
    [row] = rows(action="case.collect")
    assert row.ip == "127.0.0.1" and row.request_id == response["X-Request-ID"] and row.source == "web"


# ------------------------------------------------------------------------------------------------- attachments


def test_an_upload_writes_attachment_upload_with_the_files_digest(staff, org):
    case = received(staff["head_a"], org["units"]["A"])
    att = do_attach(staff["officer_a"], case.pk, SimpleUploadedFile("qd.pdf", PDF), "Quyết định")
    [row] = rows(action="attachment.upload")
    assert row.kind == "write" and row.case_ext_id == case.ext_id and row.unit == org["units"]["A"]
    assert row.after["sha256"] == att.sha256 and row.after["filename"] == "qd.pdf" and row.after["size"] == len(PDF)


def test_an_upload_whose_write_fails_leaves_neither_a_row_nor_a_file(staff, org, media, monkeypatch):
    case = received(staff["head_a"], org["units"]["A"])

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("thads.cases.actions.audit_write", broken)
    with pytest.raises(RuntimeError):
        do_attach(staff["officer_a"], case.pk, SimpleUploadedFile("qd.pdf", PDF))
    assert not Attachment.objects.exists()
    assert not [p for p in media.rglob("*") if p.is_file()]


def test_a_refused_upload_writes_no_row(staff, org):
    case = received(staff["head_a"], org["units"]["A"])
    with pytest.raises(AttachmentRefused):
        do_attach(staff["officer_b"], case.pk, SimpleUploadedFile("qd.pdf", PDF))
    assert not rows(action="attachment.upload")


def test_a_download_of_a_scan_is_logged_as_a_read(client, staff, org):
    case = received(staff["head_a"], org["units"]["A"])
    att = do_attach(staff["officer_a"], case.pk, SimpleUploadedFile("qd.pdf", PDF))
    client.force_login(staff["officer_a"])
    response = client.get(reverse("case-attachment-download", args=[att.pk]))
    assert response.status_code == 200
    [row] = rows(action="attachment.download")
    assert row.kind == "read" and row.user == staff["officer_a"] and row.case_ext_id == case.ext_id
    assert row.object_id == str(att.pk) and row.after == {"fields": ["file"]}


def test_a_refused_download_is_not_logged_as_a_read(client, staff, org):
    case = received(staff["head_a"], org["units"]["A"])
    att = do_attach(staff["officer_a"], case.pk, SimpleUploadedFile("qd.pdf", PDF))
    client.force_login(staff["statistician_p"])
    assert client.get(reverse("case-attachment-download", args=[att.pk])).status_code == 403
    assert not rows(action="attachment.download")


# ------------------------------------------------------------------------------------------------- reads


def test_the_case_page_showing_id_numbers_and_addresses_is_logged_as_a_read(client, staff, org):
    case = received(staff["head_a"], org["units"]["A"])
    client.force_login(staff["officer_a"])
    body = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert ID_NUMBER in body
    [row] = rows(action="case.view")
    assert row.kind == "read" and row.user == staff["officer_a"] and row.case_ext_id == case.ext_id
    assert row.after == {"fields": ["party.id_number", "party.address"]}


def test_the_case_page_with_personal_data_masked_is_not_a_read_of_it(client, staff, org):
    case = received(staff["head_a"], org["units"]["A"])
    client.force_login(staff["statistician_p"])
    body = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert ID_NUMBER not in body
    assert not rows(kind="read")


def test_the_case_list_and_its_xlsx_show_no_personal_data_and_log_no_read(client, staff, org):
    received(staff["head_a"], org["units"]["A"])
    client.force_login(staff["officer_a"])
    assert ID_NUMBER not in client.get(reverse("case-list")).content.decode()
    response = client.get(reverse("case-list-xlsx"))
    assert response.status_code == 200 and b"".join(response.streaming_content)
    assert not rows(kind="read")


def test_thads_export_writes_a_read_row_with_the_number_of_cases(staff, org, tmp_path):
    """The export file holds ID numbers and addresses: the command leaves one read row, source cli:export."""
    from django.core.management import call_command

    decided(staff, org)
    out = tmp_path / "a.jsonl"
    call_command("export", "--unit", "A", "-o", str(out))
    [row] = rows(action="export.cli")
    assert (row.kind, row.source, row.unit) == ("read", "cli:export", org["units"]["A"])
    assert row.after["rows"] == 1 and "id_number" in row.after["fields"]
    assert out.read_text(encoding="utf-8").count('"type"') >= 2
