"""Documents whose act is not a row of the case's history but a record of a higher context (issue 15: a measure, an
exit ban, a coercion plan of ``thads.assets``). The higher context reads its own rows and hands over a
:class:`Subject` (a pure value: which record, the facts the document prints); the documents context checks, renders
and stores it exactly as a case's document (``actions.do_generate_document(..., subject=...)``). Pure: no database.

The wording is :mod:`thads.domain.measure_texts`; the template fields are those of ``generate`` (header, bases,
signature) plus ``measure`` (``measure_texts.measure_context``: ``articles``, ``label``, ``amount``, ``asset``,
``holder``, ``decision_no``, ``decided_on``, ``reason``, ``plan``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from thads.documents.generate import SAMPLE, CaseInfo, Prepared, SignerInfo, official_date, short_date
from thads.domain.legal_bases import DocKind, Signer
from thads.domain.measure_texts import (
    MeasureDocKind,
    MeasureFacts,
    Parties,
    measure_context,
    measure_legal_text,
    sample_facts,
)
from thads.domain.roles import Title

#: Every kind a subject makes (``Document.kind`` values besides ``legal_texts.DocKind``).
SUBJECT_KINDS = frozenset(MeasureDocKind)


@dataclass(frozen=True)
class Subject:
    """The record a document is about (``ref``: ``"measure:12"``, ``"plan:3"``; stored on ``Document.subject``) and
    what it prints. ``facts`` follow the reader's personal-data right (the higher context leaves the identifiers out;
    the documents context strips the parties' ID numbers and addresses itself)."""

    ref: str
    facts: MeasureFacts

    @property
    def number(self) -> str:
        """The number the act recorded (the measure's decision, the release decision); blank for a plan: the
        clerical office numbers it when issued."""
        if self.ref.startswith("plan:"):
            return ""
        return self.facts.end_no if self.facts.ended else self.facts.decision_no


def _debtor(case: CaseInfo) -> str:
    parts = []
    for p in case.debtors:
        extra = "".join(f", {label} {value}" for label, value in (("số định danh", p.id_number),
                                                                  ("địa chỉ", p.address)) if value)
        parts.append(p.name + extra)
    return "; ".join(parts) or "…"


def _signer(signer_kind: Signer, case: CaseInfo, signer: SignerInfo) -> tuple[str, str, str]:
    if signer_kind == Signer.OFFICER:
        return "", "CHẤP HÀNH VIÊN", case.officer_name or signer.name
    if signer.title == Title.DEPUTY:
        return "KT. THỦ TRƯỞNG", "PHÓ THỦ TRƯỞNG", signer.name
    return "", "THỦ TRƯỞNG", signer.name


def _recipients(kind: MeasureDocKind, subject: Subject) -> list[str]:
    if kind == MeasureDocKind.COERCION_PLAN:  # Art. 72.3
        return ["- Viện kiểm sát nhân dân cùng cấp;", "- Cơ quan Công an cùng cấp;",
                "- Ủy ban nhân dân cấp xã nơi tổ chức cưỡng chế;", "- Lưu: VT, HSTHA."]
    holder = [f"- {subject.facts.holder};"] if subject.facts.holder else []
    return ["- Đương sự;", *holder, "- Viện kiểm sát nhân dân cùng cấp;", "- Lưu: VT, HSTHA."]


def prepare_subject(kind: MeasureDocKind | str, case: CaseInfo, subject: Subject, signer: SignerInfo, *,
                    number: str = "") -> Prepared:
    """The legal text and the template context of a subject's document (pure)."""
    kind = MeasureDocKind(kind)
    facts = subject.facts
    lt = measure_legal_text(kind, facts)
    day, month, year = official_date(facts.on)
    judgment = f"Bản án, quyết định số {case.judgment_number or '…'} ngày {short_date(case.judgment_date)}"
    case_bases = [f"Căn cứ {judgment} của {case.court or '…'};",
                  f"Căn cứ Quyết định thi hành án số {case.decision_no or '…'} ngày {short_date(case.decided_on)};"]
    prefix, title, name = _signer(lt.signer, case, signer)
    agency = case.unit_name.upper()
    symbol = "KH" if kind == MeasureDocKind.COERCION_PLAN else "QĐ"
    parties = Parties(_debtor(case), ", ".join(p.name for p in case.creditors) or "…", case.unit_name)
    context: dict[str, Any] = {
        "kind": kind.value, "governing_body": case.governing_body.upper(), "agency": agency,
        "agency_name": case.unit_name, "number": number or f"{' ' * 8}/{symbol}-{case.symbol}",
        "place": case.place, "day": day, "month": month, "year": year,
        "date_line": f"{case.place}, ngày {day} tháng {month} năm {year}",
        "title": lt.title, "subject": lt.subject,
        "issuer": f"THỦ TRƯỞNG {agency}" if lt.signer == Signer.HEAD else (
            "" if kind == MeasureDocKind.COERCION_PLAN else "CHẤP HÀNH VIÊN"),
        "operative": "QUYẾT ĐỊNH:" if lt.title == "QUYẾT ĐỊNH" else "",
        "is_decision": lt.title == "QUYẾT ĐỊNH",
        "legal_bases": [b.text for b in lt.bases], "bases": [b.text for b in lt.bases] + case_bases,
        "verified": lt.verified, "case_id": case.ext_id,
        "decision_no": case.decision_no or "…", "decision_date": short_date(case.decided_on),
        "judgment": judgment, "court": case.court or "…",
        "debtors": [vars(p) for p in case.debtors], "creditors": [vars(p) for p in case.creditors],
        "debtor_names": parties.debtor, "creditor_names": parties.creditors,
        "officer_name": case.officer_name or "…", "act_date": short_date(facts.on),
        "signer_prefix": prefix, "signer_title": title, "signer_name": name,
        "recipients": _recipients(kind, subject),
        "measure": measure_context(kind, facts, parties),
    }
    return Prepared(kind=kind, legal=lt, context=context)  # type: ignore[arg-type]


def sample_subject(kind: MeasureDocKind | str) -> Prepared:
    """The preview of ``kind`` on the sample case (``generate.SAMPLE``) and ``measure_texts.sample_facts``."""
    kind = MeasureDocKind(kind)
    ref = "plan:0" if kind == MeasureDocKind.COERCION_PLAN else "measure:0"
    return prepare_subject(kind, SAMPLE, Subject(ref, sample_facts(kind)), SignerInfo(Title.HEAD, "Trần Thị Hoa"))


def is_subject_kind(kind: str) -> bool:
    return kind in SUBJECT_KINDS


def any_kind(kind: str) -> DocKind | MeasureDocKind:
    """A document kind of either family (raises ``ValueError`` for neither)."""
    try:
        return DocKind(kind)
    except ValueError:
        return MeasureDocKind(kind)


def any_sample(kind: str) -> Prepared:
    """The preview of a kind of either family on the sample case (template upload checks, previews)."""
    from thads.documents.generate import sample

    kind = any_kind(kind)
    return sample_subject(kind) if isinstance(kind, MeasureDocKind) else sample(kind)
