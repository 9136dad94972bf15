"""What a case document says: the plain values it is made from, its legal text and its template context (pure: no
database, no Django). The Django side: ``thads.documents.facts`` reads the values from a case, ``thads.documents.render``
fills a .docx template in the sandbox, and ``thads.documents.actions.do_generate_document`` (the only writer of
:class:`~thads.documents.models.Document`) stores the file, the row and the audit row.

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

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from thads.domain import legal_bases as legal
from thads.domain.act_types import DEFAULT_RULES
from thads.domain.fee_texts import fee_context, fee_legal_text
from thads.domain.legal_bases import DocKind, LegalText, Signer
from thads.domain.legal_texts import FEE_KINDS
from thads.domain.roles import Title
from thads.domain.words import amount_in_figures, amount_in_words, sentence_case
from thads.lib.errors import Refused

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
    amounts: tuple[AmountRow, ...] = ()  # payments (receipt, payout notice); the payout or refund (fee documents)
    reverifications: int = 0
    fee: Mapping[str, Any] = field(default_factory=dict)  # the fee documents' facts (``domain.fee_texts``)


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
    DocKind.FEE_DECISION: "Số tiền, giá trị tài sản thực nhận lần này",
    DocKind.FEE_RELIEF: "Số tiền phí được hoàn trả",
}


def _amount_rows(kind: DocKind, case: CaseInfo, act: ActInfo) -> tuple[AmountRow, ...]:
    if kind in (DocKind.DECIDE_PROACTIVE, DocKind.DECIDE_ON_REQUEST):
        return case.obligations
    if kind == DocKind.RECEIPT or kind in FEE_KINDS:
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
    if kind in FEE_KINDS:  # TT 216/2016 Arts. 5.1, 7.4: the creditor who pays the fee; the accountant
        return ["- Người được thi hành án;", "- Kế toán thi hành án;", "- Lưu: VT, HSTHA."]
    if kind == DocKind.RETURN_REQUEST:  # Decree 152/2026 Art. 22.2: to the requester, a copy to the procuracy
        return ["- Người đã yêu cầu thi hành án;", "- Viện kiểm sát nhân dân có thẩm quyền;", "- Lưu: VT, HSTHA."]
    if kind in (DocKind.ENTRUST, DocKind.ENTRUST_REVOKE) and act.receiver:
        lines.append(f"- {act.receiver};")
    if kind == DocKind.NOT_YET_ABLE:
        lines.append("- Ủy ban nhân dân cấp xã nơi xác minh (để niêm yết);")
    if kind == DocKind.DECIDE_PROACTIVE or kind == DocKind.DECIDE_ON_REQUEST:
        lines.append(f"- Chấp hành viên {case.officer_name};" if case.officer_name else "- Chấp hành viên;")
    return [*lines, "- Lưu: VT, HSTHA."]


def _addressee(kind: DocKind, lt: LegalText, case: CaseInfo) -> str:
    """The "Kính gửi" line: officers' notices go to the debtor or the creditor; the return of a request to the
    requester (Decree 152/2026 Art. 22.2)."""
    if lt.signer == Signer.OFFICER:
        to_creditor = kind in (DocKind.PAYOUT_NOTICE, DocKind.CREDITOR_NOTICE)
        return _names(case.creditors) if to_creditor else _names(case.debtors)
    if kind == DocKind.RETURN_REQUEST:
        return case.requester or _names(case.creditors)
    if kind == DocKind.FEE_RELIEF_REFUSAL:  # TT 216/2016 Art. 7.4: to the person who pays the fee
        return _names(case.creditors)
    return ""


def prepare(kind: DocKind | str, case: CaseInfo, act: ActInfo, signer: SignerInfo, *, number: str = "") -> Prepared:
    """The legal text and the template context of a document (pure: no database). Raises ``LegalError``."""
    kind = DocKind(kind)
    lt = fee_legal_text(kind, on=act.on, ground=act.ground) if kind in FEE_KINDS else legal.legal_text(
        kind, on=act.on, ground=act.ground, obligations=[(r.kind, r.beneficiary) for r in case.obligations],
        interim=case.interim, bankruptcy=case.judgment_kind == "pha_san", from_phase=act.from_phase)
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
    addressee = _addressee(kind, lt, case)
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
        "fee": fee_context(kind, act.fee),
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
    DocKind.ENTRUST_REVOKE: {"kind": "entrusted_out", "decision_no": "15/QĐ-CCTHADS",
                             "receiver": "Chi cục Thi hành án dân sự huyện Phú Vang"},
    DocKind.RETURN_REQUEST: {"kind": "terminated", "ground": "38.4", "on": date(2028, 7, 3)},
    DocKind.FEE_DECISION: {"kind": "payout", "amounts": (AmountRow("tra_lai_tai_san", 6_000_000, "person"),),
                           "fee": {"received": 6_000_000, "cumulative": 6_000_000, "fee": 180_000,
                                   "timing": "coerced"}},
    DocKind.FEE_RELIEF: {"kind": "fee_relief", "ground": "7.2.a", "amounts": (AmountRow("tra_no", 90_000),),
                         "fee": {"point": "7.2.a", "percent": 50, "refund": 90_000, "payout_fee": 180_000,
                                 "payout_on": "10/03/2026", "received_on": "12/03/2026", "due_on": "19/03/2026"}},
    DocKind.FEE_RELIEF_REFUSAL: {"kind": "fee_relief", "fee": {
        "point": "7.2.a", "received_on": "12/03/2026", "due_on": "19/03/2026",
        "reason": "Không có xác nhận hộ nghèo của Ủy ban nhân dân cấp xã"}},
}


def sample(kind: DocKind | str, *, on: date = date(2026, 3, 16)) -> Prepared:
    """The preview context of ``kind`` on :data:`SAMPLE` (an on-request sample for the on-request decision)."""
    kind = DocKind(kind)
    case = SAMPLE
    act = dict(_SAMPLE_ACT[kind])
    on = act.pop("on", on)  # the return of a request exists only under the 2026 regime
    if kind in (DocKind.DECIDE_ON_REQUEST, DocKind.RETURN_REQUEST):
        case = CaseInfo(**{**vars(SAMPLE), "initiation": "theo_don", "judgment_kind": "dan_su",
                           "obligations": (AmountRow("tra_no", 2_005_000),), "outstanding": (AmountRow("tra_no", 2_005_000),)})
    return prepare(kind, case, ActInfo(on=on, **act), SignerInfo(Title.HEAD, "Trần Thị Hoa"),
                   number="" if kind != DocKind.RECEIPT else "0000123")
