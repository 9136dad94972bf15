"""Document screens: a case's documents with what the user may generate, the download, the PDF on demand.

Access goes through ``thads.org.scope``: another unit's case or document is a 404. Documents carry the parties' ID
numbers and addresses, so downloading one also needs ``Action.PERSONAL_DATA`` (403 otherwise). Writes go through
``actions.do_generate_document`` only; its Vietnamese refusals are shown as messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thads.cases.forms import event_label, ground_label
from thads.cases.models import Case, CaseEvent
from thads.documents import pdf
from thads.documents.actions import do_generate_document
from thads.documents.facts import candidate_events, kinds_for, may_generate, may_lack_event
from thads.documents.generate import DocumentRefused
from thads.documents.models import KIND_LABELS, Document
from thads.domain.legal_bases import DocKind
from thads.org.audit import audit_read
from thads.org.scope import Action, allowed, scope_queryset

#: What a decision document shows of the parties (the debtors', creditors' and others' names, ID numbers and
#: addresses): recorded with every download (Decree 13/2023/NĐ-CP on personal data protection; issue 12).
DOCUMENT_FIELDS = ["party.name", "party.id_number", "party.address"]


@dataclass
class KindRow:
    kind: DocKind
    label: str
    events: list[tuple[int, str]] = field(default_factory=list)
    ready: bool = False


def _event_text(ev: CaseEvent) -> str:
    parts = [f"#{ev.seq}", ev.on.strftime("%d/%m/%Y"), event_label(ev.kind)]
    if ev.ground:
        parts.append(ground_label(ev.ground))
    if ev.decision_no:
        parts.append(ev.decision_no)
    if ev.amount:
        parts.append(f"{ev.amount:,}".replace(",", ".") + " ₫")
    return " · ".join(parts)


def documents_of(user, case: Case):
    return scope_queryset(user, Document.objects.filter(case=case), unit_field="case__unit").select_related(
        "template", "event", "created_by").order_by("-created_at", "-id")


def generation_rows(user, case: Case) -> list[KindRow]:
    """The kinds the user may generate on this case, each with the acts it can document."""
    rows = []
    for kind in kinds_for(case):
        if not may_generate(user, case, kind):
            continue
        events = candidate_events(case, kind)
        ready = bool(events) or may_lack_event(case, kind)
        rows.append(KindRow(kind, str(KIND_LABELS[kind]), [(e.pk, _event_text(e)) for e in events], ready))
    return rows


def _scoped_case(user, pk: int) -> Case:
    return get_object_or_404(scope_queryset(user, Case.objects.select_related("unit", "officer")), pk=pk)


def _scoped_document(user, doc_id: int) -> Document:
    document = get_object_or_404(scope_queryset(user, Document.objects.select_related("case", "case__unit"),
                                                unit_field="case__unit"), pk=doc_id)
    if not allowed(user, Action.PERSONAL_DATA, document.case.unit):
        raise PermissionDenied(_("Documents contain personal data you may not see."))
    return document


@login_required
def case_documents(request: HttpRequest, pk: int) -> HttpResponse:
    case = _scoped_case(request.user, pk)
    return render(request, "documents/case_documents.html", {
        "case": case, "documents": list(documents_of(request.user, case)),
        "rows": generation_rows(request.user, case), "pdf_available": pdf.available(),
        "may_download": allowed(request.user, Action.PERSONAL_DATA, case.unit),
    })


@login_required
@require_POST
def generate(request: HttpRequest, pk: int) -> HttpResponse:
    case = _scoped_case(request.user, pk)
    kind = request.POST.get("kind", "")
    raw_event = request.POST.get("event", "")
    event_id = int(raw_event) if raw_event.isdigit() else None
    try:
        document = do_generate_document(request.user, case.pk, kind, event_id=event_id)
    except DocumentRefused as exc:
        if exc.code == "scope":
            raise PermissionDenied(exc.message) from None
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Document created: %(kind)s.") % {"kind": document.get_kind_display()})
        if not document.verified:
            messages.warning(request, _("Some legal bases of this document could not be verified for the law in "
                                        "force on its date: fill in the blanks before signing."))
    return redirect("case-documents", pk=case.pk)


def _audit(request: HttpRequest, action: str, document: Document) -> None:
    audit_read(request.user, action, document, unit=document.case.unit, fields=DOCUMENT_FIELDS,
               case_ext_id=document.case.ext_id)


@login_required
def download(request: HttpRequest, doc_id: int) -> HttpResponse:
    document = _scoped_document(request.user, doc_id)
    _audit(request, "document.download", document)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.filename,
                        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")


@login_required
def as_pdf(request: HttpRequest, doc_id: int) -> HttpResponse:
    document = _scoped_document(request.user, doc_id)
    with document.file.open("rb") as fh:
        data = fh.read()
    try:
        converted = pdf.docx_to_pdf(data)
    except pdf.PdfUnavailable as exc:
        return render(request, "documents/pdf_unavailable.html",
                      {"document": document, "case": document.case, "message": exc.message}, status=503)
    _audit(request, "document.pdf", document)  # only when the PDF is served: the 503 page shows no one's data
    response = HttpResponse(converted, content_type="application/pdf")
    name = document.filename.removesuffix(".docx") + ".pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
