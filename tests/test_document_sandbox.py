"""Issue 12, hole 2: document templates are rendered in Jinja's sandbox, and unsafe templates are refused at upload.

The attack: an uploaded .docx whose text holds ``{{ ''.__class__.__mro__[1].__subclasses__() }}`` (or any other
walk from a value to the server's classes) made docxtpl's plain Jinja environment hand over every class of the
process, and from there ``os.system``. Now the upload form refuses it with a Vietnamese message naming the
problem, and a template that got into the database anyway (before this check, or written directly) is stopped by
the sandbox at rendering: a refusal message, never a 500, nothing written.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thads.cases.actions import ObligationData, PartyData, do_act, do_receive
from thads.documents import actions
from thads.documents import render as rendering
from thads.documents.actions import do_generate_document, do_upload_template
from thads.documents.generate import DocumentRefused, sample
from thads.documents.models import Document, DocumentTemplate
from thads.documents.render import render
from thads.documents.sandbox import source_problems
from thads.domain.legal_bases import DocKind
from thads.org.models import AuditEvent

ATTACKS = {
    "__class__": "{{ ''.__class__ }}",
    "__mro__": "{{ ''.__class__.__mro__ }}",
    "__subclasses__": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "__globals__": "{{ cycler.__init__.__globals__.os }}",
    "__builtins__": "{{ __builtins__ }}",
    "item": "{{ debtors['__class__'] }}",
    "attr": "{{ case_id|attr('__class__') }}",
    "concatenated": "{{ case_id|attr('__cla' ~ 'ss__') }}",
    "string": "{% set x = '__class__' %}{{ x }}",
    "private": "{{ debtors._meta }}",
    "include": "{% include 'other.docx' %}",
    "syntax": "{{ case_id ",
}


def docx(*paragraphs: str, title: str = "") -> bytes:
    from docx import Document as Docx

    doc = Docx()
    for text in paragraphs:
        doc.add_paragraph(text)
    if title:
        doc.core_properties.title = title
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def body_xml(data: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()


def docx_text(data: bytes) -> str:
    from docx import Document as Docx

    return "\n".join(p.text for p in Docx(io.BytesIO(data)).paragraphs)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def root(db):
    return get_user_model().objects.create_superuser("root", password="x-Y-z-12345678")


def upload(client, data: bytes, kind: str = DocKind.DECIDE_ON_REQUEST):
    return client.post(reverse("admin:documents_documenttemplate_add"), {
        "kind": kind, "note": "thử", "active": "on",
        "file": SimpleUploadedFile("mau.docx", data, content_type="application/octet-stream")})


# --------------------------------------------------------------------------------------------- upload


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_a_template_with_an_attribute_trick_is_refused_at_upload_with_a_vietnamese_message(client, root, name):
    client.force_login(root)
    response = upload(client, docx("Quyết định số {{ number }}", ATTACKS[name]))
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors.get("file", []))
    assert errors.startswith("Mẫu "), errors
    assert not DocumentTemplate.objects.exclude(version=1).exists()
    assert not AuditEvent.objects.filter(action="documents.documenttemplate.add").exists()


def test_the_refusal_names_the_problem():
    assert "«__class__»" in source_problems(ATTACKS["__class__"])[0]
    assert "«__subclasses__»" in " ".join(source_problems(ATTACKS["__subclasses__"]))
    assert "«attr»" in " ".join(source_problems(ATTACKS["attr"]))
    assert "«__builtins__»" in " ".join(source_problems(ATTACKS["__builtins__"]))
    assert "«include»" in " ".join(source_problems(ATTACKS["include"]))
    assert "cú pháp" in source_problems(ATTACKS["syntax"])[0]
    assert source_problems("{{ case_id }} {% for p in debtors %}{{ p.name }}{% endfor %}") == []


def test_an_unsafe_template_in_the_core_properties_or_a_header_is_refused_too(client, root):
    from docx import Document as Docx

    client.force_login(root)
    response = upload(client, docx("{{ case_id }}", title="{{ ''.__class__ }}"))
    assert "«__class__»" in " ".join(response.context["adminform"].form.errors["file"])
    doc = Docx()
    doc.sections[0].header.paragraphs[0].text = "{{ cycler.__init__.__globals__ }}"
    out = io.BytesIO()
    doc.save(out)
    response = upload(client, out.getvalue())
    assert "«__globals__»" in " ".join(response.context["adminform"].form.errors["file"])


def test_the_do_upload_action_refuses_an_unsafe_template_even_without_the_form(root):
    with pytest.raises(DocumentRefused) as refused:
        do_upload_template(root, DocKind.TERMINATE, docx(ATTACKS["__subclasses__"]))
    assert "«__class__»" in refused.value.message and refused.value.code == "template"
    assert not DocumentTemplate.objects.filter(kind=DocKind.TERMINATE, version__gt=1).exists()


def test_every_packaged_template_passes_the_check_and_a_safe_upload_is_stored(client, root):
    for kind in DocKind:
        data = rendering.default_template_path(kind).read_bytes()
        assert rendering.template_problems(data) == [], kind
    client.force_login(root)
    response = upload(client, rendering.default_template_path(DocKind.DECIDE_ON_REQUEST).read_bytes())
    assert response.status_code == 302
    assert DocumentTemplate.objects.get(kind=DocKind.DECIDE_ON_REQUEST, active=True).version == 2


# --------------------------------------------------------------------------------------------- rendering


def _slip_in(kind: DocKind, data: bytes) -> DocumentTemplate:
    """A template stored without the upload check (as one uploaded before this issue would be)."""
    template = DocumentTemplate(kind=kind, version=9, sha256=rendering.sha256(data), active=True, note="cũ")
    template.file.save("old.docx", ContentFile(data), save=False)
    DocumentTemplate.objects.filter(kind=kind, active=True).update(active=False)
    template.save()
    return template


@pytest.mark.parametrize("source", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ case_id|attr('__cla' ~ 'ss__') }}",
    "{{ debtors.append(1) }}",  # the immutable sandbox: a template cannot change the data it is given
    "{{ 'x' * 100000000 }}",
    "{{ 9 ** 999999 }}",
    "{{ (9 ** 500) ** 500 }}",
])
def test_a_template_that_slipped_in_fails_to_render_safely(source):
    with pytest.raises(DocumentRefused) as refused:
        render(io.BytesIO(docx(source)), sample(DocKind.TERMINATE).context)
    assert refused.value.code == "template.unsafe"
    assert "không an toàn" in refused.value.message


def _case(org, name="Công ty A & B <Việt Nam>"):
    head = org["people"]["head_a"]
    case = do_receive(head, org["units"]["A"], on=date(2026, 1, 5), initiation="theo_don", judgment_kind="dan_su",
                      court="Tòa án <nhân dân> huyện A & B", judgment_number="7/2025/KDTM-ST",
                      judgment_date=date(2025, 12, 1), debtors=[PartyData(name, kind="organisation")],
                      creditors=[PartyData("Ngân hàng \"Sài Gòn\"")],
                      obligations=[ObligationData("tra_no", "person", 10)])
    return do_act(head, case.pk, "decide", date(2026, 1, 7), officer=org["people"]["officer_a"].officer)


def test_generating_from_a_template_that_slipped_in_is_a_refusal_not_a_500(client, org):
    case = _case(org)
    _slip_in(DocKind.DECIDE_ON_REQUEST, docx("{{ ''.__class__.__mro__[1].__subclasses__() }}"))
    client.force_login(org["people"]["head_a"])
    response = client.post(reverse("document-generate", args=[case.pk]), {"kind": DocKind.DECIDE_ON_REQUEST},
                           follow=True)
    assert response.status_code == 200
    assert "không an toàn" in response.content.decode()
    assert not Document.objects.exists() and not AuditEvent.objects.filter(action="document.generate").exists()


def test_a_preview_of_a_template_that_slipped_in_is_a_message_not_a_500(client, root):
    template = _slip_in(DocKind.TERMINATE, docx("{{ ''.__class__ }}"))
    client.force_login(root)
    response = client.get(reverse("admin:documents_documenttemplate_preview", args=[template.pk]), follow=True)
    assert response.status_code == 200 and "không an toàn" in response.content.decode()


def test_autoescape_escapes_markup_in_names_exactly_once(org):
    case = _case(org)
    document = do_generate_document(org["people"]["head_a"], case.pk, DocKind.DECIDE_ON_REQUEST)
    with document.file.open("rb") as fh:
        data = fh.read()
    xml = body_xml(data)
    assert "Công ty A &amp; B &lt;Việt Nam&gt;" in xml and "&amp;amp;" not in xml and "&amp;lt;" not in xml
    text = docx_text(data)
    assert "Công ty A & B <Việt Nam>" in text and "Tòa án <nhân dân> huyện A & B" in text


def test_the_core_properties_are_plain_text_and_not_escaped_twice():
    data = render(io.BytesIO(docx("{{ debtor_names }}", title="{{ debtor_names }}")),
                  {**sample(DocKind.TERMINATE).context, "debtor_names": "A & B <C>"})
    from docx import Document as Docx

    assert Docx(io.BytesIO(data)).core_properties.title == "A & B <C>"
    assert docx_text(data) == "A & B <C>"


def test_document_generation_writes_its_audit_row_in_its_transaction(org):
    case = _case(org, name="Lê Văn Đức")
    document = do_generate_document(org["people"]["head_a"], case.pk, DocKind.DECIDE_ON_REQUEST)
    [row] = AuditEvent.objects.filter(action="document.generate")
    assert row.kind == "write" and row.username == "head_a" and row.case_ext_id == case.ext_id
    assert row.object_id == str(document.pk) and row.unit == org["units"]["A"]
    assert row.after["sha256"] == document.sha256 and row.after["template_id"] == document.template_id


def test_a_failing_audit_write_leaves_no_document_and_no_file(org, media, monkeypatch):
    case = _case(org, name="Lê Văn Đức")
    actions.active_template(DocKind.DECIDE_ON_REQUEST)  # version 1 exists before the failing generation

    def broken(*args, **kwargs):
        raise RuntimeError("audit store down")

    monkeypatch.setattr(actions, "audit_write", broken)
    with pytest.raises(RuntimeError):
        do_generate_document(org["people"]["head_a"], case.pk, DocKind.DECIDE_ON_REQUEST)
    assert not Document.objects.exists()
    cases_dir = media / "documents" / "cases"
    assert not cases_dir.exists() or not any(cases_dir.rglob("*.docx"))


# --------------------------------------------------------------------------------------------- exhaustion (M4)

#: Templates that made the server build strings of 100 MB and more, or loop for ever (issue 12, M4).
EXHAUSTION = {
    "center": '{{ "x"|center(100000000) }}',
    "format filter": '{{ "%100000000s"|format("x") }}',
    "percent": '{{ "%100000000s" % "x" }}',
    "str.format": '{{ "{:>100000000}".format("x") }}',
    "ljust": '{{ "x".ljust(100000000) }}',
    "translate": '{{ ("x"*10000).translate({120: "y"*10000}) }}',
    "range join": '{{ range(10000)|join("x"*9999) }}',
    "bounded range join": '{{ range(1000)|join("x"*9999) }}',
    "join method": '{{ ("x"*9999).join(range(1000)|map("string")) }}',
    "replace": '{{ "x"*10000|replace("x","y"*10000) }}',
    "replace grouped": '{{ ("x"*10000)|replace("x","y"*10000) }}',
    "replace method": '{{ ("x"*10000).replace("x", "y"*10000) }}',
    "lipsum": "{{ lipsum(20000) }}",
    "indent": '{{ "x\\nx"|indent(100000000) }}',
    "wordwrap": '{{ "x"|wordwrap(5, wrapstring="y"*100000000) }}',
    "nested range": "{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}{% endfor %}",
    "nested loops": "{% for a in range(1000) %}{% for b in range(1000) %}{% endfor %}{% endfor %}",
    "doubling": '{% set s = "x"*10000 %}' + "{% set s = s~s %}" * 20,
    "doubling plus": '{% set s = "x"*10000 %}' + "{% set s = s+s %}" * 20,
    "captured doubling": ('{% set ns = namespace(s="x"*10000) %}{% for i in range(40) %}'
                          "{% set ns.s %}{{ ns.s }}{{ ns.s }}{% endset %}{% endfor %}"),
    "recursion": "{% macro m(n) %}{% if n %}{{ m(n-1) }}{{ m(n-1) }}{% endif %}{% endmacro %}{{ m(40) }}",
    "batch": "{{ [1]|batch(100000000, 0)|list }}",
    "output": "{% for a in range(1000) %}" + "y" * 5000 + "{% endfor %}",
}


def _measured(func):
    import time
    import tracemalloc

    # CPU time of this process, not wall time: the bound is on the work a template can make the renderer do, and
    # other processes on a loaded CI machine (parallel test workers) must not fail it.
    tracemalloc.start()
    start = time.process_time()
    try:
        func()
    finally:
        elapsed = time.process_time() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return elapsed, peak


@pytest.mark.parametrize("name", sorted(EXHAUSTION))
def test_a_template_that_would_exhaust_memory_or_time_fails_to_render_quickly_and_safely(name):
    source = EXHAUSTION[name]
    data = docx(source)
    context = sample(DocKind.TERMINATE).context

    def attempt():
        with pytest.raises(DocumentRefused) as refused:
            render(io.BytesIO(data), context)
        assert refused.value.code in ("template.unsafe", "template.error")

    elapsed, peak = _measured(attempt)
    assert elapsed < 2
    assert peak < 30_000_000, f"{peak / 1e6:.0f} MB allocated"


@pytest.mark.parametrize("name", ["center", "format filter", "str.format", "translate", "range join", "lipsum",
                                  "indent", "wordwrap", "nested range"])
def test_the_text_inflating_tools_are_refused_at_upload_with_a_message_that_names_them(client, root, name):
    import time

    client.force_login(root)
    start = time.monotonic()
    response = upload(client, docx("Quyết định số {{ number }}", EXHAUSTION[name]))
    assert time.monotonic() - start < 2
    errors = " ".join(response.context["adminform"].form.errors.get("file", []))
    assert errors.startswith("Mẫu ") and "treo máy chủ" in errors, errors
    assert not DocumentTemplate.objects.exclude(version=1).exists()


@pytest.mark.parametrize("name", ["percent", "bounded range join", "replace grouped", "replace method",
                                  "nested loops", "doubling", "captured doubling", "output"])
def test_an_exhausting_template_the_static_check_lets_through_is_stopped_by_the_sample_render(client, root, name):
    import time

    client.force_login(root)
    start = time.monotonic()
    response = upload(client, docx("Quyết định số {{ number }}", EXHAUSTION[name]))
    assert time.monotonic() - start < 2
    errors = " ".join(response.context["adminform"].form.errors.get("file", []))
    assert "không an toàn" in errors, errors
    assert not DocumentTemplate.objects.exclude(version=1).exists()


def test_ordinary_template_code_still_works_in_the_bounded_sandbox():
    data = render(io.BytesIO(docx(
        '{{ "A" ~ "B!" }}|{% for p in range(3) %}{{ p }}{% endfor %}|{{ "x"|replace("x", "y") }}|'
        '{{ [1, 2]|join(", ") }}|{{ "%05d" % 42 }}|{{ "ab" + "c" }}|{{ "x".ljust(3, "-") }}')),
        sample(DocKind.TERMINATE).context)
    assert docx_text(data) == "AB!|012|y|1, 2|00042|abc|x--"
