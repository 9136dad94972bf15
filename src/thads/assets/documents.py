"""The documents of measures and coercion plans (issue 15: each security or coercive measure, exit ban and coercion
plan "is a decision with its document"): the assets side reads its rows into the pure facts the documents context
prints (``domain.measure_texts.MeasureFacts`` in a ``documents.subjects.Subject``) and calls
``documents.actions.do_generate_document`` — the one writer of documents, which checks scope, the title that may
sign (``measure_texts.may_sign``), stores the file and writes the ``document.generate`` audit row.

Personal data: the asset's identifiers (account, certificate, plate numbers) go into the facts only for a user with
``Action.PERSONAL_DATA`` on the case's unit; the parties' ID numbers and addresses are left out by the documents
context on the same right. A document is found again by its subject (``Document.subject``: ``"measure:<pk>"``,
``"plan:<pk>"``).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from thads.assets.models import CoercionPlan, Measure, MeasureEvent
from thads.documents.actions import do_generate_document
from thads.documents.generate import DocumentRefused
from thads.documents.models import Document
from thads.documents.subjects import Subject
from thads.domain.measure_texts import DECISION_KIND, MeasureDocKind, MeasureFacts
from thads.domain.measures import MeasureEventKind, MeasureKind
from thads.org.scope import Action, allowed, scope_queryset

#: How an identifier (``Asset.identifiers`` key, ``assets.forms.IDENTIFIER_FIELDS``) is named in a document.
IDENTIFIER_WORDS = {"account_no": "số tài khoản", "certificate_no": "số giấy chứng nhận", "parcel": "thửa đất, tờ bản đồ",
                    "area": "diện tích (m²)", "plate": "biển số", "other": ""}
NOT_FOUND = "Bạn không có quyền lập văn bản cho việc của đơn vị này."


def identifiers_text(identifiers: dict | None) -> str:
    """``{"account_no": "0123"}`` → ``"số tài khoản 0123"`` (personal data: only for a reader with the right)."""
    parts = []
    for key, value in (identifiers or {}).items():
        if value not in (None, ""):
            word = IDENTIFIER_WORDS.get(key, key)
            parts.append(f"{word} {value}".strip())
    return "; ".join(parts)


def _ended(measure: Measure) -> MeasureEvent | None:
    return measure.events.filter(kind__in=(MeasureEventKind.RELEASED, MeasureEventKind.CANCELLED)) \
        .order_by("-seq").first()


def measure_facts(measure: Measure, *, personal: bool, release: bool = False) -> MeasureFacts:
    """What the measure's decision (or, with ``release``, its release or cancellation) prints."""
    asset = measure.asset
    ended = _ended(measure) if release else None
    details = measure.details or {}
    return MeasureFacts(
        measure_kind=measure.kind, on=ended.on if ended else measure.decided_on, decision_no=measure.decision_no,
        decided_on=measure.decided_on, amount=measure.amount or 0, asset_kind=asset.kind if asset else "",
        asset=asset.description if asset else "",
        identifiers=identifiers_text(asset.identifiers) if asset and personal else "",
        holder=asset.holder if asset else "", secured_creditor=asset.secured_creditor if asset else "",
        ended=ended.kind if ended else "", end_no=ended.decision_no if ended else "",
        reason=(ended.details or {}).get("reason", "") if ended else "", note=str(details.get("note") or ""))


def plan_facts(plan: CoercionPlan, *, personal: bool) -> MeasureFacts:
    """What the coercion plan prints (Art. 72.2: the person, the measure, when and where, the forces, the cost)."""
    measure = plan.measure
    asset = measure.asset if measure else None
    starts = timezone.localtime(plan.starts_at)
    return MeasureFacts(
        measure_kind=measure.kind if measure else "", on=starts.date(),
        decision_no=measure.decision_no if measure else "", decided_on=measure.decided_on if measure else None,
        asset_kind=asset.kind if asset else "", asset=asset.description if asset else "",
        identifiers=identifiers_text(asset.identifiers) if asset and personal else "",
        plan={"starts": f"{starts:%H} giờ {starts:%M} ngày {starts:%d/%m/%Y}", "place": plan.place,
              "forces": plan.forces, "mobilised": plan.mobilised_forces, "cost_estimate": plan.cost_estimate})


def generate_measure_document(user, measure_id: int, *, release: bool = False) -> Document:
    """The decision of the measure (``measure_texts.DECISION_KIND``), or with ``release`` the decision ending or
    revoking it (refused while the measure is in force), generated and attached to the case with subject
    ``measure:<pk>``. Raises ``DocumentRefused`` (scope, title, subject)."""
    measure = Measure.objects.select_related("case", "case__unit", "asset").filter(pk=measure_id).first()
    if measure is None:
        raise DocumentRefused(NOT_FOUND, "scope")
    personal = allowed(user, Action.PERSONAL_DATA, measure.case.unit)
    kind = MeasureDocKind.RELEASE if release else DECISION_KIND[MeasureKind(measure.kind)]
    subject = Subject(f"measure:{measure.pk}", measure_facts(measure, personal=personal, release=release))
    return do_generate_document(user, measure.case_id, kind, subject=subject)


def generate_plan_document(user, plan_id: int) -> Document:
    """The coercion plan (Art. 72) generated and attached to the case with subject ``plan:<pk>``."""
    plan = CoercionPlan.objects.select_related("case", "case__unit", "measure", "measure__asset") \
        .filter(pk=plan_id).first()
    if plan is None:
        raise DocumentRefused(NOT_FOUND, "scope")
    personal = allowed(user, Action.PERSONAL_DATA, plan.case.unit)
    subject = Subject(f"plan:{plan.pk}", plan_facts(plan, personal=personal))
    return do_generate_document(user, plan.case_id, MeasureDocKind.COERCION_PLAN, subject=subject)


def subject_documents(user, *refs: str) -> QuerySet[Document]:
    """The documents of these subjects the user's scope covers, newest first."""
    documents = Document.objects.filter(subject__in=refs).select_related("template", "created_by")
    return scope_queryset(user, documents, unit_field="case__unit").order_by("-created_at", "-id")
