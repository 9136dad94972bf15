"""Writes of the documents context, one atomic ``do_*`` function each: generating a case's document (the stored
file, the ``Document`` row and its audit row), uploading a template version, changing a version's note or active
flag, a unit's letterhead. Each checks who may and the rule, writes, audits (``thads.org.audit.audit_write``) and
returns; refusals raise :class:`~thads.documents.generate.DocumentRefused` (Vietnamese message) or, for the
administered rows, ``thads.org.actions.OrgRefused``.

A stored file is not part of the transaction: when the row or its audit row fails, the file just written is
deleted before the error goes on (no orphan file, no document without its audit row).
"""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from thads.cases.models import Case
from thads.documents.facts import (
    case_info,
    document_number,
    documented_act,
    initiation_refusal,
    may_generate,
    without_personal_data,
)
from thads.documents.generate import DocumentRefused, Prepared, SignerInfo, prepare
from thads.documents.models import Document, DocumentTemplate, Letterhead
from thads.documents.render import default_template_path, render, sha256, template_problems
from thads.documents.subjects import Subject, any_kind, prepare_subject
from thads.domain.act_types import ACT_LABELS_VI
from thads.domain.legal_bases import KIND_ACT, DocKind, LegalError, Signer
from thads.domain.legal_texts import FEE_KINDS
from thads.domain.measure_texts import MeasureDocKind, may_sign, refusal, signer_of
from thads.org.actions import OrgRefused, delete_row, may_administer, save_row, stored_row
from thads.org.audit import audit_write, snapshot
from thads.org.scope import Action, allowed


def _stored(instance, data: bytes, name: str) -> None:
    instance.file.save(name, ContentFile(data), save=False)


def _acting(user):
    return user if getattr(user, "pk", None) else None


def active_template(kind: DocKind | MeasureDocKind | str) -> DocumentTemplate:
    """The template version new documents of ``kind`` use: the active one, else the newest. The first time a kind is
    used, the packaged default (``templates_docx/<kind>.docx``) is installed as version 1: shipped data, not
    anyone's write, so it leaves no audit row (the upload of a version does)."""
    kind = any_kind(kind)
    template = (DocumentTemplate.objects.filter(kind=kind, active=True).first()
                or DocumentTemplate.objects.filter(kind=kind).order_by("-version").first())
    if template is not None:
        return template
    data = default_template_path(kind).read_bytes()
    template = DocumentTemplate(kind=kind, version=1, sha256=sha256(data), active=True,
                                note="Mẫu mặc định (tools/build_docx_templates.py)")
    _stored(template, data, f"{kind.value}.docx")
    try:
        with transaction.atomic():  # two first uses at once: one inserts version 1, the other reads it
            template.save()
    except IntegrityError:
        template.file.storage.delete(template.file.name)
        return DocumentTemplate.objects.get(kind=kind, version=1)
    return template


@transaction.atomic
def do_upload_template(user, kind: DocKind | MeasureDocKind | str, data: bytes, *, note: str = "",
                       activate: bool = True) -> DocumentTemplate:
    """Add a new version of a kind's template (the previous versions stay, documents keep theirs). A template
    whose Jinja source is unsafe or does not compile is refused (:class:`DocumentRefused`, code ``template``).
    Audited as ``documents.documenttemplate.add``."""
    kind = any_kind(kind)
    problems = template_problems(data)
    if problems:
        raise DocumentRefused(" ".join(problems), "template")
    active_template(kind)  # the packaged default is version 1, so an upload is at least version 2
    version = (DocumentTemplate.objects.select_for_update().filter(kind=kind)
               .aggregate(m=Max("version"))["m"] or 0) + 1
    if activate:
        DocumentTemplate.objects.filter(kind=kind, active=True).update(active=False)
    template = DocumentTemplate(kind=kind, version=version, sha256=sha256(data), note=note, active=activate,
                                uploaded_by=_acting(user))
    _stored(template, data, f"{kind.value}.docx")
    try:
        template.save()
        audit_write(_acting(user), "documents.documenttemplate.add", template, after=snapshot(template))
    except Exception:
        template.file.storage.delete(template.file.name)  # the transaction rolls back: keep no orphan file
        raise
    return template


@transaction.atomic
def do_change_template(user, template: DocumentTemplate, *, note: str, active: bool) -> DocumentTemplate:
    """Change a version's note, or make it the one new documents use (the kind's other versions are then
    inactive). Its file never changes. Audited as ``documents.documenttemplate.change``."""
    stored = DocumentTemplate.objects.select_for_update().get(pk=template.pk)
    before = snapshot(stored)
    if active:
        DocumentTemplate.objects.filter(kind=stored.kind, active=True).exclude(pk=stored.pk).update(active=False)
    template.note, template.active = note, active
    template.save(update_fields=["active", "note"])
    audit_write(_acting(user), "documents.documenttemplate.change", template, before=before,
                after=snapshot(template))
    return template


def _case_document(user, case: Case, kind: DocKind, event_id: int | None, on: date | None, signer: SignerInfo
                   ) -> tuple[Prepared, object, str, date]:
    """A case's document: the title may perform the act it records (the act table), the act in the history
    (``facts.documented_act``), the legal text."""
    if not may_generate(user, case, kind):
        raise DocumentRefused("Chức danh của bạn không được lập loại văn bản này "
                              f"(thao tác «{ACT_LABELS_VI[KIND_ACT[kind]]}»).", "title")
    if (refusal_ := initiation_refusal(case, kind)) is not None:
        raise refusal_
    event, act = documented_act(case, kind, event_id, on or timezone.localdate())
    number = document_number(kind, act, case)
    try:
        # A fee document concerns the creditor the payout was for, where the obligation names one.
        creditor_id = (event.obligation.creditor_id if kind in FEE_KINDS and event is not None
                       and event.obligation_id else None)
        prepared = prepare(kind, case_info(case, creditor_id=creditor_id), act, signer, number=number)
    except LegalError as exc:
        raise DocumentRefused(exc.message_vi, "legal") from None
    return prepared, event, number, act.on


def _subject_document(user, case: Case, kind: MeasureDocKind, subject: Subject | None, signer: SignerInfo
                      ) -> tuple[Prepared, object, str, date]:
    """A measure's or a plan's document (``subjects``): the title may sign it (``measure_texts.may_sign``: the
    officer's documents, the head's exit ban), the facts fit the kind; the parties' ID numbers and addresses only
    for a user with ``Action.PERSONAL_DATA``."""
    if subject is None:
        raise DocumentRefused("Văn bản này được lập từ trang của biện pháp hoặc kế hoạch cưỡng chế.", "subject")
    if not getattr(user, "is_superuser", False) and not may_sign(getattr(user, "title", ""), kind, subject.facts):
        who = "Thủ trưởng" if signer_of(kind, subject.facts) == Signer.HEAD else "Chấp hành viên"
        raise DocumentRefused(f"Chức danh của bạn không được lập loại văn bản này (văn bản do {who} ký).", "title")
    if (message := refusal(kind, subject.facts)) is not None:
        raise DocumentRefused(message, "subject")
    info = case_info(case)
    if not allowed(user, Action.PERSONAL_DATA, case.unit):
        info = without_personal_data(info)
    return prepare_subject(kind, info, subject, signer, number=subject.number), None, subject.number, subject.facts.on


@transaction.atomic
def do_generate_document(user, case_id: int, kind: DocKind | MeasureDocKind | str, *, event_id: int | None = None,
                         on: date | None = None, subject: Subject | None = None) -> Document:
    """Generate a document of ``kind`` for the case and attach it: scope (the user may view the case), then for a
    case's kind the title (may perform the act the document records: the act table), the act in the history it
    records (``facts.documented_act``), the legal text; for a measure's or a plan's kind (``subject`` given by the
    assets context) the title that may sign it and the facts (``_subject_document``). The active template is
    filled in the sandbox, the file stored under ``MEDIA_ROOT`` and the row kept with its template version, act or
    subject, number and SHA-256. Audited as ``document.generate``. Raises :class:`DocumentRefused`."""
    try:
        kind = any_kind(kind)
    except ValueError:
        raise DocumentRefused("Loại văn bản không hợp lệ.", "kind") from None
    case = Case.objects.select_related("unit", "unit__parent", "officer").get(pk=case_id)
    if not allowed(user, Action.VIEW, case.unit):
        raise DocumentRefused("Bạn không có quyền lập văn bản cho việc của đơn vị này.", "scope")
    signer = SignerInfo(getattr(user, "title", "") or "", getattr(user, "full_name", "") or user.get_username())
    if isinstance(kind, MeasureDocKind):
        prepared, event, number, doc_on = _subject_document(user, case, kind, subject, signer)
    elif subject is not None:
        raise DocumentRefused("Loại văn bản này ghi nhận một thao tác của việc, không gắn với biện pháp.", "kind")
    else:
        prepared, event, number, doc_on = _case_document(user, case, kind, event_id, on, signer)
    template = active_template(kind)
    with template.file.open("rb") as fh:
        data = render(fh, prepared.context)
    document = Document(case=case, kind=kind.value, template=template, event=event, on=doc_on, number=number,
                        subject=subject.ref if subject is not None else "", sha256=sha256(data),
                        legal_refs=[[b.ref, b.verified] for b in prepared.legal.bases],
                        verified=prepared.legal.verified, created_by=_acting(user))
    _stored(document, data, f"{kind.value}.docx")
    try:
        document.save()
        # In the same transaction as the row: a document without its audit row is never committed.
        audit_write(_acting(user), "document.generate", document, unit=case.unit, after=snapshot(document),
                    case_ext_id=case.ext_id)
    except Exception:
        document.file.storage.delete(document.file.name)  # the transaction rolls back: keep no orphan file
        raise
    return document


LETTERHEAD_REFUSED = "Bạn không có quyền quản trị tiêu đề văn bản của đơn vị này."


@transaction.atomic
def do_save_letterhead(user, letterhead: Letterhead) -> Letterhead:
    """Add or change a unit's letterhead: an administrator's only for the units of his subtree (the unit as stored
    and as saved). Audited as ``documents.letterhead.add|change``."""
    stored = stored_row(letterhead)
    for unit in ([stored.unit] if stored is not None else []) + [letterhead.unit]:
        if not may_administer(user, unit):
            raise OrgRefused(LETTERHEAD_REFUSED, "scope")
    return save_row(user, letterhead, stored)


@transaction.atomic
def do_delete_letterhead(user, letterhead: Letterhead) -> None:
    """Remove a unit's letterhead (a setting, not history: its documents keep what they printed). Audited as
    ``documents.letterhead.delete``."""
    if not may_administer(user, letterhead.unit):
        raise OrgRefused(LETTERHEAD_REFUSED, "scope")
    delete_row(user, letterhead)
