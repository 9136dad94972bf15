"""Attachments of a case (issue 7): files outside the database, type and size limits, scope, append-only."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.test_case_views import received
from thads.cases.actions import AttachmentRefused, do_attach
from thads.cases.models import Attachment

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def english(client):
    """These tests read the English messages (the Vietnamese catalogue is checked in test_i18n)."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def docx_bytes(with_document: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml" if with_document else "other.txt", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def case(persona, org):
    return received(persona["head_a"], org["units"]["A"])


def post(client, user, case, name, data, **extra):
    client.force_login(user)
    return client.post(reverse("case-attachment-upload", args=[case.pk]),
                       {"file": SimpleUploadedFile(name, data), **extra}, follow=True)


def test_an_officer_attaches_a_scan_stored_outside_the_database(client, persona, case, media):
    response = post(client, persona["officer_a"], case, "quyet-dinh.pdf", PDF, description="Quyết định 12")
    assert "Attached: quyet-dinh.pdf" in response.content.decode()
    att = Attachment.objects.get()
    assert att.uploaded_by == persona["officer_a"] and att.content_type == "application/pdf"
    assert att.size == len(PDF) and att.description == "Quyết định 12"
    assert att.file.name.startswith(f"attachments/{case.pk}/")
    assert (media / att.file.name).read_bytes() == PDF
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert "quyet-dinh.pdf" in page and "Nguyễn Văn Đức" in page


def test_the_download_returns_the_file_to_whoever_may_see_personal_data(client, persona, case):
    att = do_attach(persona["officer_a"], case.pk, SimpleUploadedFile("bien-lai.png", PNG))
    client.force_login(persona["head_a"])
    response = client.get(reverse("case-attachment-download", args=[att.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png"


def test_officer_b_cannot_see_or_download_the_attachments_of_branch_a(client, persona, case):
    att = do_attach(persona["officer_a"], case.pk, SimpleUploadedFile("bien-lai.pdf", PDF))
    client.force_login(persona["officer_b"])
    assert client.get(reverse("case-detail", args=[case.pk])).status_code == 404
    assert client.get(reverse("case-attachment-download", args=[att.pk])).status_code == 404
    response = client.post(reverse("case-attachment-upload", args=[case.pk]),
                           {"file": SimpleUploadedFile("x.pdf", PDF)})
    assert response.status_code == 404 and Attachment.objects.count() == 1


def test_the_statistician_sees_the_list_but_may_not_download_nor_upload(client, persona, case):
    att = do_attach(persona["officer_a"], case.pk, SimpleUploadedFile("bien-lai.pdf", PDF))
    client.force_login(persona["statistician_p"])
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert "bien-lai.pdf" in page and reverse("case-attachment-download", args=[att.pk]) not in page
    assert client.get(reverse("case-attachment-download", args=[att.pk])).status_code == 403
    response = client.post(reverse("case-attachment-upload", args=[case.pk]),
                           {"file": SimpleUploadedFile("x.pdf", PDF)})
    assert response.status_code == 403 and Attachment.objects.count() == 1


def test_a_too_large_attachment_is_refused_with_a_message(client, persona, case, settings, media):
    settings.ATTACHMENT_MAX_MB = 1
    response = post(client, persona["officer_a"], case, "big.pdf", PDF + b"0" * (1024 * 1024))
    assert "larger than 1 MB" in response.content.decode()
    assert Attachment.objects.count() == 0 and not (media / "attachments").exists()


@pytest.mark.parametrize(("name", "data", "message"), [
    ("virus.exe", b"MZ\x90\x00", "Only PDF, JPEG, PNG, TIFF and DOCX"),
    ("scan.pdf", b"MZ\x90\x00 not a pdf", "not a PDF file"),
    ("photo.jpg", PNG, "not a JPG file"),
    ("note.docx", docx_bytes(with_document=False), "not a DOCX file"),
    ("note.docx", b"PK\x03\x04 broken zip", "not a DOCX file"),
])
def test_a_wrongly_typed_attachment_is_refused_with_a_message(client, persona, case, name, data, message):
    response = post(client, persona["officer_a"], case, name, data)
    assert message in response.content.decode()
    assert Attachment.objects.count() == 0


def test_the_allowed_types_are_accepted_by_extension_and_content(persona, case):
    files = [("a.pdf", PDF), ("b.PNG", PNG), ("c.jpeg", b"\xff\xd8\xff\xe0JFIF"), ("d.tif", b"II*\x00rest"),
             ("e.tiff", b"MM\x00*rest"), ("f.docx", docx_bytes())]
    for name, data in files:
        do_attach(persona["officer_a"], case.pk, SimpleUploadedFile(name, data))
    assert Attachment.objects.count() == len(files)


def test_attachments_are_append_only(persona, case):
    att = do_attach(persona["officer_a"], case.pk, SimpleUploadedFile("a.pdf", PDF))
    with pytest.raises(RuntimeError):
        att.delete()
    att.description = "changed"
    with pytest.raises(RuntimeError):
        att.save()
    with pytest.raises(AttachmentRefused):
        do_attach(persona["officer_b"], case.pk, SimpleUploadedFile("a.pdf", PDF))
