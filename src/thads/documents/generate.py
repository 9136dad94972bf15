"""Generate a case document from the active template version of its kind (docxtpl), attach it to the case.

``do_generate`` is the only writer of :class:`~thads.documents.models.Document`: it checks the scope (the user may
view the case) and the title (``may_perform`` with the act the document records, ``legal.KIND_ACT``), picks the
act in the history the document documents, asks :mod:`thads.documents.legal` for the bases, fills the template,
stores the file in the default storage (``MEDIA_ROOT``) and records the template version, the act, the number and
the SHA-256. Refusals raise :class:`DocumentRefused` with a Vietnamese message, like ``cases.actions.ActRefused``.

**Template fields** (what a template version may use; unknown names are refused on upload):

=====================  ============================================================================================
field                  content
=====================  ============================================================================================
governing_body         line above the agency, upper case ("CỤC THI HÀNH ÁN DÂN SỰ TỈNH …"; may be empty)
agency                 the issuing unit, upper case
agency_name            the issuing unit as written in running text
number, place, day,    "Số: {{ number }}"; "{{ place }}, ngày {{ day }} tháng {{ month }} năm {{ year }}" (day < 10
month, year, date_line and months 1–2 with a leading zero, Decree 30/2020); ``date_line`` is the whole line
title, subject         "QUYẾT ĐỊNH" / "THÔNG BÁO" / "BIÊN LAI THU TIỀN"; "Về việc hoãn thi hành án"
issuer                 "THỦ TRƯỞNG <agency>" (decisions)
operative              "QUYẾT ĐỊNH:" / "THÔNG BÁO:" / "" (the heading before the operative part)
bases                  list of "Căn cứ …;" lines: legal bases, then the judgment and the request
legal_bases            the legal bases only; ``verified`` False when one of them is a blank to fill in
ground_text, statement the statutory wording of the ground (with its citation); an extra required sentence
case_id, decision_no,  the case; its decision to enforce (number, dd/mm/yyyy)
decision_date
judgment, court        "Bản án số 45/2024/DS-ST ngày 01/02/2026"; the court
debtors, creditors     lists of {name, address, id_number}; debtor_names, creditor_names joined with ", "
obligations            rows {no, label, amount, figures, words}; amount_heading says which amounts they are
total, total_figures,  the sum; "1.234.567 đồng"; "Một triệu … đồng" (official words, ``words.py``)
total_words
officer_name           the assigned enforcement officer (Chấp hành viên)
interim, voluntary_days  interim measure (no voluntary period); 10
act_date, until_date,  the act's date; postponement term; entrustment receiver; receipt number; re-verification
receiver, receipt_no,  count
reverifications
addressee              "Kính gửi" line of notices
signer_prefix,         "KT. THỦ TRƯỞNG" / ""; "THỦ TRƯỞNG" / "PHÓ THỦ TRƯỞNG" / "CHẤP HÀNH VIÊN"; the name
signer_title,
signer_name
payer, payer_address,  receipts: who paid; who collected
collector_name
recipients             "Nơi nhận" lines
=====================  ============================================================================================
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from thads.cases.models import Case, CaseEvent
from thads.documents.models import Document, DocumentTemplate, Letterhead
from thads.domain import legal_bases as legal
from thads.domain.act_types import ACT_LABELS_VI, ACT_PHASES, DEFAULT_RULES, may_perform
from thads.domain.legal_bases import KIND_ACT, KIND_EVENTS, DocKind, LegalError, LegalText, Signer
from thads.domain.roles import Title
from thads.domain.words import amount_in_figures, amount_in_words, sentence_case
from thads.lib.errors import Refused
from thads.org.audit import audit_write, snapshot
from thads.org.scope import Action, allowed

DEFAULT_TEMPLATES_DIR = Path(__file__).resolve().parent / "templates_docx"
DEFAULT_PLACE = "Huế"


class DocumentRefused(Refused):
    """A document the scope, the title, the case's history or the law does not allow; ``message`` is Vietnamese."""


# ------------------------------------------------------------------------------------------------ plain data


@dataclass(frozen=True)
class PartyInfo:
    name: str
    address: str = ""
    id_number: str = ""


@dataclass(frozen=True)
class AmountRow:
    kind: str
    amount: int
    beneficiary: str = "person"


@dataclass(frozen=True)
class CaseInfo:
    """What a document prints about a case (built from the database by :func:`case_info`, or :data:`SAMPLE`)."""

    ext_id: str
    unit_name: str
    governing_body: str
    place: str
    symbol: str
    initiation: str
    judgment_kind: str
    interim: bool
    judgment_number: str
    judgment_date: date | None
    court: str
    request_on: date | None
    requester: str
    decision_no: str
    decided_on: date | None
    officer_name: str
    debtors: tuple[PartyInfo, ...]
    creditors: tuple[PartyInfo, ...]
    obligations: tuple[AmountRow, ...]  # original amounts
    outstanding: tuple[AmountRow, ...]  # still owed


@dataclass(frozen=True)
class ActInfo:
    """The act a document records (from a history row), or nothing for a notice made before it is recorded."""

    on: date
    kind: str = ""
    ground: str = ""
    from_phase: str = ""
    decision_no: str = ""
    until: date | None = None
    receiver: str = ""
    receipt_no: str = ""
    amounts: tuple[AmountRow, ...] = ()  # payments (receipt, payout notice)
    reverifications: int = 0


@dataclass(frozen=True)
class SignerInfo:
    title: str = ""  # a Title value
    name: str = ""


@dataclass
class Prepared:
    kind: DocKind
    legal: LegalText
    context: dict[str, Any] = field(default_factory=dict)


# ------------------------------------------------------------------------------------------------ formatting


def official_date(day: date) -> tuple[str, str, str]:
    """Decree 30/2020/NĐ-CP App. I: days below 10 and the months 1 and 2 take a leading zero."""
    return (f"{day.day:02d}" if day.day < 10 else str(day.day),
            f"{day.month:02d}" if day.month < 3 else str(day.month), str(day.year))


def short_date(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "…"


def _names(parties: tuple[PartyInfo, ...]) -> str:
    return ", ".join(p.name for p in parties) or "…"


def _rows(rows: tuple[AmountRow, ...]) -> list[dict[str, Any]]:
    return [{"no": i, "label": legal.OBLIGATION_LABELS_VI.get(r.kind, r.kind), "amount": r.amount,
             "figures": amount_in_figures(r.amount), "words": sentence_case(amount_in_words(r.amount))}
            for i, r in enumerate(rows, start=1)]


# ------------------------------------------------------------------------------------------------ context


_AMOUNT_HEADING = {
    DocKind.DECIDE_PROACTIVE: "Các khoản phải thi hành",
    DocKind.DECIDE_ON_REQUEST: "Các khoản phải thi hành",
    DocKind.RECEIPT: "Số tiền đã thu",
    DocKind.PAYOUT_NOTICE: "Số tiền được nhận",
}


def _amount_rows(kind: DocKind, case: CaseInfo, act: ActInfo) -> tuple[AmountRow, ...]:
    if kind in (DocKind.DECIDE_PROACTIVE, DocKind.DECIDE_ON_REQUEST):
        return case.obligations
    if kind == DocKind.RECEIPT:
        return act.amounts
    if kind == DocKind.PAYOUT_NOTICE:
        return tuple(r for r in act.amounts if r.beneficiary != "state")
    return tuple(r for r in case.outstanding if r.amount)


def _signer(lt: LegalText, case: CaseInfo, signer: SignerInfo) -> tuple[str, str, str]:
    if lt.signer == Signer.OFFICER:
        return "", "CHẤP HÀNH VIÊN", case.officer_name or signer.name
    if lt.signer == Signer.RECEIPT:
        return "", "NGƯỜI THU TIỀN", signer.name
    if signer.title == Title.DEPUTY:
        return "KT. THỦ TRƯỞNG", "PHÓ THỦ TRƯỞNG", signer.name
    return "", "THỦ TRƯỞNG", signer.name


def _recipients(kind: DocKind, lt: LegalText, case: CaseInfo, act: ActInfo) -> list[str]:
    if lt.signer == Signer.RECEIPT:
        return []
    if lt.signer == Signer.OFFICER:
        return ["- Như trên;", "- Lưu: HSTHA."]
    lines = ["- Đương sự;", "- Viện kiểm sát nhân dân cùng cấp;"]
    if kind == DocKind.ENTRUST and act.receiver:
        lines.append(f"- {act.receiver};")
    if kind == DocKind.NOT_YET_ABLE:
        lines.append("- Ủy ban nhân dân cấp xã nơi xác minh (để niêm yết);")
    if kind == DocKind.DECIDE_PROACTIVE or kind == DocKind.DECIDE_ON_REQUEST:
        lines.append(f"- Chấp hành viên {case.officer_name};" if case.officer_name else "- Chấp hành viên;")
    return [*lines, "- Lưu: VT, HSTHA."]


def prepare(kind: DocKind | str, case: CaseInfo, act: ActInfo, signer: SignerInfo, *, number: str = "") -> Prepared:
    """The legal text and the template context of a document (pure: no database). Raises ``LegalError``."""
    kind = DocKind(kind)
    lt = legal.legal_text(kind, on=act.on, ground=act.ground,
                          obligations=[(r.kind, r.beneficiary) for r in case.obligations],
                          interim=case.interim, bankruptcy=case.judgment_kind == "pha_san",
                          from_phase=act.from_phase)
    day, month, year = official_date(act.on)
    judgment = f"Bản án, quyết định số {case.judgment_number or '…'} ngày {short_date(case.judgment_date)}"
    case_bases = [f"Căn cứ {judgment} của {case.court or '…'};"]
    if kind == DocKind.DECIDE_ON_REQUEST:
        case_bases.append(f"Xét đơn yêu cầu thi hành án ngày {short_date(case.request_on)} của "
                          f"{case.requester or _names(case.creditors)};")
    elif kind in legal.DECISION_KINDS and kind != DocKind.DECIDE_PROACTIVE:
        case_bases.append(f"Căn cứ Quyết định thi hành án số {case.decision_no or '…'} ngày "
                          f"{short_date(case.decided_on)};")
    rows = _amount_rows(kind, case, act)
    total = sum(r.amount for r in rows)
    prefix, title, name = _signer(lt, case, signer)
    agency = case.unit_name.upper()
    symbol_kind = "QĐ" if lt.title == "QUYẾT ĐỊNH" else ("TB" if lt.title == "THÔNG BÁO" else "BL")
    shown_number = number or f"{' ' * 8}/{symbol_kind}-{case.symbol}"
    addressee = ""
    if lt.signer == Signer.OFFICER:
        to_creditor = kind in (DocKind.PAYOUT_NOTICE, DocKind.CREDITOR_NOTICE)
        addressee = _names(case.creditors) if to_creditor else _names(case.debtors)
    payer = case.debtors[0] if case.debtors else PartyInfo("…")
    context: dict[str, Any] = {
        "kind": kind.value,
        "governing_body": case.governing_body.upper(),
        "agency": agency,
        "agency_name": case.unit_name,
        "number": shown_number,
        "place": case.place, "day": day, "month": month, "year": year,
        "date_line": f"{case.place}, ngày {day} tháng {month} năm {year}",
        "title": lt.title,
        "subject": lt.subject,
        "issuer": f"THỦ TRƯỞNG {agency}",
        "operative": {"QUYẾT ĐỊNH": "QUYẾT ĐỊNH:", "THÔNG BÁO": "THÔNG BÁO:"}.get(lt.title, "")
        if lt.signer == Signer.HEAD else "",
        "is_decision": lt.title == "QUYẾT ĐỊNH",
        "legal_bases": [b.text for b in lt.bases],
        "bases": [b.text for b in lt.bases] + (case_bases if lt.signer == Signer.HEAD else []),
        "verified": lt.verified,
        "ground": lt.ground,
        "ground_text": lt.ground_text,
        "statement": lt.statement,
        "case_id": case.ext_id,
        "decision_no": case.decision_no or act.decision_no or "…",
        "decision_date": short_date(case.decided_on or (act.on if act.kind == "decide" else None)),
        "judgment": judgment,
        "court": case.court or "…",
        "debtors": [vars(p) for p in case.debtors],
        "creditors": [vars(p) for p in case.creditors],
        "debtor_names": _names(case.debtors),
        "creditor_names": _names(case.creditors),
        "amount_heading": _AMOUNT_HEADING.get(kind, "Số tiền còn phải thi hành"),
        "obligations": _rows(rows),
        "total": total,
        "total_figures": amount_in_figures(total),
        "total_words": sentence_case(amount_in_words(total)),
        "officer_name": case.officer_name or "…",
        "interim": case.interim,
        "voluntary_days": DEFAULT_RULES.voluntary_days,
        "act_date": short_date(act.on),
        "until_date": short_date(act.until) if act.until else "",
        "receiver": act.receiver or "…",
        "receipt_no": act.receipt_no,
        "reverifications": act.reverifications,
        "addressee": addressee,
        "signer_prefix": prefix,
        "signer_title": title,
        "signer_name": name,
        "payer": payer.name,
        "payer_address": payer.address or "…",
        "collector_name": signer.name,
        "recipients": _recipients(kind, lt, case, act),
    }
    return Prepared(kind=kind, legal=lt, context=context)


#: A sample case for template previews (no database row; amounts chosen to show the official words).
SAMPLE = CaseInfo(
    ext_id="MAU-2026-00001", unit_name="Chi cục Thi hành án dân sự thành phố Huế",
    governing_body="Cục Thi hành án dân sự tỉnh Thừa Thiên Huế", place=DEFAULT_PLACE, symbol="CCTHADS",
    initiation="chu_dong", judgment_kind="hinh_su", interim=False, judgment_number="45/2026/HS-ST",
    judgment_date=date(2026, 2, 3), court="Tòa án nhân dân thành phố Huế", request_on=date(2026, 2, 20),
    requester="Nguyễn Thị Mai", decision_no="12/QĐ-CCTHADS", decided_on=date(2026, 3, 2),
    officer_name="Nguyễn Văn Đức",
    debtors=(PartyInfo("Lê Văn Bình", "Phường Phú Hội, thành phố Huế", "046090001234"),),
    creditors=(PartyInfo("Nguyễn Thị Mai", "Phường Vĩnh Ninh, thành phố Huế"),),
    obligations=(AmountRow("an_phi", 2_005_000, "state"), AmountRow("tien_phat", 1_000_500, "state"),
                 AmountRow("tra_lai_tai_san", 1_015, "person")),
    outstanding=(AmountRow("an_phi", 2_005_000, "state"), AmountRow("tien_phat", 1_000_500, "state"),
                 AmountRow("tra_lai_tai_san", 1_015, "person")),
)

_SAMPLE_ACT: dict[DocKind, dict[str, Any]] = {
    DocKind.DECIDE_PROACTIVE: {"kind": "decide"},
    DocKind.DECIDE_ON_REQUEST: {"kind": "decide"},
    DocKind.POSTPONE: {"kind": "postponed", "ground": "48.1.c", "until": date(2026, 6, 30)},
    DocKind.RESUME: {"kind": "resumed", "from_phase": "POSTPONED"},
    DocKind.SUSPEND: {"kind": "suspended", "ground": "49.2"},
    DocKind.TERMINATE: {"kind": "terminated", "ground": "50.1.c"},
    DocKind.NOT_YET_ABLE: {"kind": "classified_unable", "ground": "44a.1.a"},
    DocKind.ENTRUST: {"kind": "entrusted_out", "receiver": "Chi cục Thi hành án dân sự huyện Phú Vang"},
    DocKind.REVOKE: {"kind": "revoked", "ground": "37.1.b"},
    DocKind.NOTICE_DEBTOR: {"kind": "notify_debtor"},
    DocKind.PAYOUT_NOTICE: {"kind": "payment", "amounts": (AmountRow("tra_lai_tai_san", 1_015, "person"),)},
    DocKind.RECEIPT: {"kind": "payment", "receipt_no": "0000123",
                      "amounts": (AmountRow("an_phi", 2_005_000, "state"), AmountRow("tien_phat", 1_000_500, "state"))},
    DocKind.CREDITOR_NOTICE: {"kind": "classified_unable", "ground": "44a.1.a", "from_phase": "NOT_YET_ABLE",
                              "reverifications": 2},
}


def sample(kind: DocKind | str, *, on: date = date(2026, 3, 16)) -> Prepared:
    """The preview context of ``kind`` on :data:`SAMPLE` (an on-request sample for the on-request decision)."""
    kind = DocKind(kind)
    case = SAMPLE
    if kind == DocKind.DECIDE_ON_REQUEST:
        case = CaseInfo(**{**vars(SAMPLE), "initiation": "theo_don", "judgment_kind": "dan_su",
                           "obligations": (AmountRow("tra_no", 2_005_000),), "outstanding": (AmountRow("tra_no", 2_005_000),)})
    return prepare(kind, case, ActInfo(on=on, **_SAMPLE_ACT[kind]), SignerInfo(Title.HEAD, "Trần Thị Hoa"),
                   number="" if kind != DocKind.RECEIPT else "0000123")


# ------------------------------------------------------------------------------------------------ rendering


def render(template_file, context: dict[str, Any]) -> bytes:
    """Fill a .docx template (path or open binary file) with ``context`` in the Jinja sandbox, autoescape on
    (``sandbox.TemplateEnvironment``; issue 12: a template is code and must not reach the server's objects).

    Raises :class:`DocumentRefused` (code ``template.unsafe``) when the sandbox stops the template, and (code
    ``template.error``) when the template fails on the data: both are a message, never a server error."""
    from jinja2 import TemplateError

    from thads.documents.sandbox import SandboxedDocxTemplate, SecurityError, TemplateEnvironment, TooLarge

    tpl = SandboxedDocxTemplate(template_file)
    try:
        tpl.render(context, jinja_env=TemplateEnvironment())
    except TooLarge:
        # Issue 12 (M4): the template would build a huge text, loop or recurse too long, or write too much.
        raise DocumentRefused("Mẫu văn bản đang dùng có lệnh không an toàn (tạo nội dung quá lớn, vòng lặp hoặc "
                              "lời gọi quá nhiều) nên đã bị dừng; quản trị viên cần tải lên một phiên bản mẫu đã "
                              "sửa.", "template.unsafe") from None
    except SecurityError:
        raise DocumentRefused("Mẫu văn bản đang dùng có lệnh không an toàn (truy cập thuộc tính nội bộ hoặc lệnh bị "
                              "chặn) nên đã bị từ chối; quản trị viên cần tải lên một phiên bản mẫu đã sửa.",
                              "template.unsafe") from None
    except TemplateError as exc:
        raise DocumentRefused(f"Mẫu văn bản đang dùng bị lỗi khi điền dữ liệu ({exc.message or exc}); quản trị "
                              "viên cần tải lên một phiên bản mẫu đã sửa.", "template.error") from None
    except (TypeError, ValueError, ArithmeticError, LookupError, RecursionError) as exc:
        # A template's own expression failing (``"x" * "y"``, endless macro recursion): a message, not a 500.
        raise DocumentRefused(f"Mẫu văn bản đang dùng bị lỗi khi điền dữ liệu ({type(exc).__name__}); quản trị "
                              "viên cần tải lên một phiên bản mẫu đã sửa.", "template.error") from None
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def undeclared_fields(template_file) -> set[str]:
    """Fields a template uses that the context does not provide (checked on upload)."""
    from thads.documents.sandbox import SandboxedDocxTemplate, TemplateEnvironment

    known = set(sample(DocKind.DECIDE_PROACTIVE).context) | {"ob", "b", "p", "line", "loop"}
    return set(SandboxedDocxTemplate(template_file).get_undeclared_template_variables(
        jinja_env=TemplateEnvironment())) - known


def template_problems(data: bytes) -> list[str]:
    """Why an uploaded template must be refused (Vietnamese; see :mod:`thads.documents.sandbox`)."""
    from thads.documents.sandbox import template_problems as problems

    return problems(io.BytesIO(data))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def default_template_path(kind: DocKind | str) -> Path:
    return DEFAULT_TEMPLATES_DIR / f"{DocKind(kind).value}.docx"


def active_template(kind: DocKind | str) -> DocumentTemplate:
    """The template version new documents of ``kind`` use: the active one, else the newest; the packaged default
    becomes version 1 the first time a kind is used."""
    kind = DocKind(kind)
    template = (DocumentTemplate.objects.filter(kind=kind, active=True).first()
                or DocumentTemplate.objects.filter(kind=kind).order_by("-version").first())
    if template is not None:
        return template
    data = default_template_path(kind).read_bytes()
    template = DocumentTemplate(kind=kind, version=1, sha256=sha256(data), active=True,
                                note="Mẫu mặc định (tools/build_docx_templates.py)")
    template.file.save(f"{kind.value}.docx", ContentFile(data), save=False)
    try:
        with transaction.atomic():  # two first uses at once: one inserts version 1, the other reads it
            template.save()
    except IntegrityError:
        template.file.storage.delete(template.file.name)
        return DocumentTemplate.objects.get(kind=kind, version=1)
    return template


@transaction.atomic
def do_upload_template(user, kind: DocKind | str, data: bytes, *, note: str = "", activate: bool = True
                       ) -> DocumentTemplate:
    """Add a new version of a kind's template (the previous versions stay, documents keep theirs). A template
    whose Jinja source is unsafe or does not compile is refused (:class:`DocumentRefused`, code ``template``)."""
    kind = DocKind(kind)
    problems = template_problems(data)
    if problems:
        raise DocumentRefused(" ".join(problems), "template")
    active_template(kind)  # the packaged default is version 1, so an upload is at least version 2
    version = (DocumentTemplate.objects.select_for_update().filter(kind=kind)
               .aggregate(m=Max("version"))["m"] or 0) + 1
    if activate:
        DocumentTemplate.objects.filter(kind=kind, active=True).update(active=False)
    template = DocumentTemplate(kind=kind, version=version, sha256=sha256(data), note=note, active=activate,
                                uploaded_by=user if getattr(user, "pk", None) else None)
    template.file.save(f"{kind.value}.docx", ContentFile(data), save=False)
    try:
        template.save()
        audit_write(user if getattr(user, "pk", None) else None, "documents.documenttemplate.add", template,
                    after=snapshot(template))
    except Exception:
        template.file.storage.delete(template.file.name)  # the transaction rolls back: keep no orphan file
        raise
    return template


# ------------------------------------------------------------------------------------------------ from the DB


def case_info(case: Case) -> CaseInfo:
    letterhead = Letterhead.objects.filter(unit=case.unit).first()
    parent = case.unit.parent
    parties = list(case.parties.all())
    obligations = list(case.obligations.all())

    def info(p) -> PartyInfo:
        return PartyInfo(p.name, p.address, p.id_number)

    return CaseInfo(
        ext_id=case.ext_id, unit_name=case.unit.name,
        governing_body=(letterhead.governing_body if letterhead and letterhead.governing_body
                        else (parent.name if parent else "")),
        place=letterhead.place if letterhead else getattr(settings, "DOCUMENT_PLACE", DEFAULT_PLACE),
        symbol=letterhead.symbol if letterhead else "THADS",
        initiation=case.initiation, judgment_kind=case.judgment_kind, interim=case.interim,
        judgment_number=case.judgment_number, judgment_date=case.judgment_date, court=case.judgment_court,
        request_on=case.request_on, requester=case.requester, decision_no=case.decision_no,
        decided_on=case.decided_on, officer_name=case.officer.name if case.officer_id else "",
        debtors=tuple(info(p) for p in parties if p.role == "debtor"),
        creditors=tuple(info(p) for p in parties if p.role == "creditor"),
        obligations=tuple(AmountRow(o.kind, o.amount, o.beneficiary) for o in obligations),
        outstanding=tuple(AmountRow(o.kind, o.outstanding, o.beneficiary) for o in obligations),
    )


def without_personal_data(info: CaseInfo) -> CaseInfo:
    """The case with the parties' names only: no ID numbers, no addresses (for a reader without
    ``Action.PERSONAL_DATA``; Luật THADS Art. 9 and Decree 13/2023/NĐ-CP on personal data)."""
    from dataclasses import replace

    def names_only(parties: tuple[PartyInfo, ...]) -> tuple[PartyInfo, ...]:
        return tuple(PartyInfo(p.name) for p in parties)

    return replace(info, debtors=names_only(info.debtors), creditors=names_only(info.creditors))


def _refuse_missing(kind: DocKind) -> DocumentRefused:
    act = ACT_LABELS_VI[KIND_ACT[kind]]
    return DocumentRefused(f"Việc này chưa có thao tác «{act}» phù hợp trong lịch sử: hãy ghi nhận thao tác trước "
                           "khi lập văn bản.", "event")


def candidate_events(case: Case, kind: DocKind) -> list[CaseEvent]:
    """History rows a document of ``kind`` may document, newest first."""
    events = list(case.events.filter(kind__in=KIND_EVENTS[kind]).order_by("-seq"))
    if kind == DocKind.NOT_YET_ABLE:
        events = [e for e in events if e.from_phase != "NOT_YET_ABLE"]
    elif kind == DocKind.CREDITOR_NOTICE:
        events = [e for e in events if e.from_phase == "NOT_YET_ABLE" and _reverifications(case, e) >= 2]
    elif kind == DocKind.RESUME:
        events = [e for e in events if e.kind == "resumed" or e.from_phase == "NOT_YET_ABLE"]
    return events


def _reverifications(case: Case, event: CaseEvent) -> int:
    """Re-verifications in the not-yet-enforceable spell up to ``event`` (Art. 44.2)."""
    count = 0
    for ev in case.events.filter(seq__lte=event.seq).order_by("seq").only("kind", "from_phase"):
        if ev.kind == "classified_unable":
            count = count + 1 if ev.from_phase == "NOT_YET_ABLE" else 0
        elif ev.kind in ("verified_able", "resumed"):
            count = 0
    return count


def _payment_group(case: Case, event: CaseEvent) -> list[CaseEvent]:
    """The payment rows written by one collection (one per obligation, same form token or same receipt)."""
    rows = case.events.filter(kind="payment", on=event.on).select_related("obligation").order_by("seq")
    if event.request_token:
        return [e for e in rows if e.request_token == event.request_token]
    receipt = (event.details or {}).get("receipt_no", "")
    return [e for e in rows if (e.details or {}).get("receipt_no", "") == receipt
            and abs(e.seq - event.seq) < 20] if receipt else [event]


def act_info(case: Case, kind: DocKind, event: CaseEvent | None, on: date) -> ActInfo:
    if event is None:
        return ActInfo(on=on)
    details = event.details or {}
    until = None
    if details.get("until"):
        try:
            until = date.fromisoformat(details["until"])
        except ValueError:
            until = None
    amounts: tuple[AmountRow, ...] = ()
    receipt_no = ""
    if kind in (DocKind.RECEIPT, DocKind.PAYOUT_NOTICE):
        group = _payment_group(case, event)
        amounts = tuple(AmountRow(e.obligation.kind if e.obligation_id else "khac", e.amount or 0,
                                  e.obligation.beneficiary if e.obligation_id else "person") for e in group)
        receipt_no = details.get("receipt_no", "")
    return ActInfo(on=event.on, kind=event.kind, ground=event.ground, from_phase=event.from_phase,
                   decision_no=event.decision_no, until=until, receiver=event.to_text, receipt_no=receipt_no,
                   amounts=amounts, reverifications=_reverifications(case, event) if kind == DocKind.CREDITOR_NOTICE
                   else 0)


def document_number(kind: DocKind, act: ActInfo, case: Case) -> str:
    """The number the act recorded (decision number, receipt number); blank otherwise: the clerical office
    (văn thư) numbers documents when they are issued, so THADS never invents one."""
    if kind == DocKind.RECEIPT:
        return act.receipt_no
    if kind in (DocKind.DECIDE_PROACTIVE, DocKind.DECIDE_ON_REQUEST):
        return act.decision_no or case.decision_no
    if kind in legal.DECISION_KINDS:
        return act.decision_no
    return ""


def may_lack_event(case: Case, kind: DocKind) -> bool:
    """Whether a document of ``kind`` can be made without a history row: the notice to the debtor while the
    notification is still due (it is drafted before the notification is recorded), and the decision to enforce of
    an imported case that has its decision but no ``decide`` row."""
    if kind in legal.EVENT_OPTIONAL:
        return case.phase in {p.value for p in ACT_PHASES[KIND_ACT[kind]]}
    return kind in (DocKind.DECIDE_PROACTIVE, DocKind.DECIDE_ON_REQUEST) and case.decided_on is not None


def may_generate(user, case: Case, kind: DocKind | str) -> bool:
    """Scope (the user may view the case) and title (may perform the act the document records)."""
    if not allowed(user, Action.VIEW, case.unit):
        return False
    if getattr(user, "is_superuser", False):
        return True
    try:
        title = Title(user.title)
    except ValueError:
        return False
    return may_perform(title, KIND_ACT[DocKind(kind)])


def kinds_for(case: Case) -> list[DocKind]:
    """The kinds that fit the case's initiation (the wrong decision to enforce is never offered)."""
    wrong = DocKind.DECIDE_ON_REQUEST if case.initiation == "chu_dong" else DocKind.DECIDE_PROACTIVE
    return [k for k in DocKind if k != wrong]


@transaction.atomic
def do_generate(user, case_id: int, kind: DocKind | str, *, event_id: int | None = None,
                on: date | None = None) -> Document:
    """Generate a document of ``kind`` for the case and attach it. Raises :class:`DocumentRefused`."""
    try:
        kind = DocKind(kind)
    except ValueError:
        raise DocumentRefused("Loại văn bản không hợp lệ.", "kind") from None
    case = Case.objects.select_related("unit", "unit__parent", "officer").get(pk=case_id)
    if not allowed(user, Action.VIEW, case.unit):
        raise DocumentRefused("Bạn không có quyền lập văn bản cho việc của đơn vị này.", "scope")
    if not may_generate(user, case, kind):
        raise DocumentRefused("Chức danh của bạn không được lập loại văn bản này "
                              f"(thao tác «{ACT_LABELS_VI[KIND_ACT[kind]]}»).", "title")
    if kind not in kinds_for(case):
        if kind == DocKind.DECIDE_PROACTIVE:
            message = ("Việc này thi hành theo yêu cầu: phải dùng quyết định thi hành án theo yêu cầu, không dùng "
                       "mẫu chủ động.")
        else:
            message = ("Việc này thuộc diện chủ động thi hành: phải dùng quyết định thi hành án chủ động, không "
                       "dùng mẫu theo yêu cầu.")
        raise DocumentRefused(message, "initiation")
    events = candidate_events(case, kind)
    if event_id is not None:
        event = next((e for e in events if e.pk == event_id), None)
        if event is None:
            raise DocumentRefused("Thao tác được chọn không phải là thao tác mà loại văn bản này ghi nhận.", "event")
    else:
        event = events[0] if events else None
    if event is None and not may_lack_event(case, kind):
        raise _refuse_missing(kind)
    doc_on = event.on if event is not None else (case.decided_on if kind in (
        DocKind.DECIDE_PROACTIVE, DocKind.DECIDE_ON_REQUEST) else None) or on or timezone.localdate()
    act = act_info(case, kind, event, doc_on)
    if kind == DocKind.PAYOUT_NOTICE and not any(r.beneficiary != "state" for r in act.amounts):
        raise DocumentRefused("Khoản đã thu là khoản nộp ngân sách nhà nước, không chi trả cho người được thi hành "
                              "án.", "payout.state")
    signer = SignerInfo(getattr(user, "title", "") or "", getattr(user, "full_name", "") or user.get_username())
    info = case_info(case)
    try:
        prepared = prepare(kind, info, act, signer, number=document_number(kind, act, case))
    except LegalError as exc:
        raise DocumentRefused(exc.message_vi, "legal") from None
    template = active_template(kind)
    with template.file.open("rb") as fh:
        data = render(fh, prepared.context)
    document = Document(case=case, kind=kind.value, template=template, event=event, on=doc_on,
                        number=document_number(kind, act, case), sha256=sha256(data),
                        legal_refs=[[b.ref, b.verified] for b in prepared.legal.bases],
                        verified=prepared.legal.verified, created_by=user if getattr(user, "pk", None) else None)
    document.file.save(f"{kind.value}.docx", ContentFile(data), save=False)
    try:
        document.save()
        # In the same transaction as the row: a document without its audit row is never committed.
        audit_write(user if getattr(user, "pk", None) else None, "document.generate", document, unit=case.unit,
                    after=snapshot(document), case_ext_id=case.ext_id)
    except Exception:
        document.file.storage.delete(document.file.name)  # the transaction rolls back: keep no orphan file
        raise
    return document
