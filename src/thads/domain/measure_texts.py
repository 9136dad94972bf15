"""The words of the documents of security and coercive measures, the exit ban and the coercion plan (issue 15): their
kinds, who signs them and which titles may make them, their legal bases and their operative articles. Pure Python
(no Django); the documents context fills its templates with :func:`measure_context` and the assets context supplies
the facts (:class:`MeasureFacts`).

Read in the consolidated text of Luật THADS 26/2008/QH12 as amended by Law 64/2014/QH13 ("Điều 30.2.LQ.N") and of
Decree 62/2015/NĐ-CP ("30.2.NĐ.1.N"):

=======================  ======================================================  ===========  ===================
document                 bases (acts dated before 01/07/2026)                    signed by    titles that make it
=======================  ======================================================  ===========  ===================
freeze                   Law 66, 67; Decree 62 Art. 20                           officer      officer, head, deputy
seizure                  Law 66, 68; Decree 62 Art. 18                           officer      officer, head, deputy
transfer ban             Law 66, 69; Decree 62 Art. 19                           officer      officer, head, deputy
account deduction        Law 71.1, 76; Decree 62 Art. 21                         officer      officer, head, deputy
income deduction         Law 71.2, 78                                            officer      officer, head, deputy
collection               Law 71.1 and 79 (business income; Decree 62 Art. 22)    officer      officer, head, deputy
                         or 81 (money a third party holds; Decree 62 Art. 23)
distraint                Law 71.3, 87, 88; + 89 (land, house, vehicle: assets    officer      officer, head, deputy
                         registered), 90 (pledged, mortgaged), 91 (held by a
                         third party), 92 (capital contributions, shares)
forced exploitation      Law 71.4, 107                                           officer      officer, head, deputy
forced handover          Law 71.5 and 114 (things), 115 (a house), 117 (land)    officer      officer, head, deputy
forced act               Law 71.6, 118, 119                                      officer      officer, head, deputy
exit ban                 Decree 62 Art. 51; Law 49/2019/QH14 on exit and entry   head         head, deputy
                         of Vietnamese citizens (the article giving the head of
                         the enforcement agency the power: UNVERIFIED, not
                         printed; Law 47/2014 Art. 29 gives it for foreigners)
release (chấm dứt)       freeze 67.3 + 77; seizure 68.5 + Decree 62 Art. 18.3;   as the       as the decision
                         transfer ban 69.4 + Decree 62 Art. 19; distraint 105;   decision
                         exploitation 109; exit ban Decree 62 Art. 51; the
                         other coercive measures and every cancellation 37.1
                         (thu hồi quyết định về thi hành án; for a release of a
                         deduction, a collection, a handover or an act the
                         article is UNVERIFIED: flagged for the signer)
coercion plan            Law 71, 72 (72.2: its contents); Decree 62 Art. 13.2;   officer      officer, head, deputy
                         TTLT 03/2012/TTLT-BTP-BCA Art. 4 (the head approves)    (head
                                                                                 approves)
=======================  ======================================================  ===========  ===================

Signers: Art. 20 and the articles above give the enforcement officer (Chấp hành viên) the decision of every measure;
the head may act as an officer and the deputy on delegation (Art. 23; ``measure_rules.STEP_TITLES``). The exit ban
is decided by the head of the enforcement agency (secondary sources on Law 49/2019 and Law 47/2014 Art. 29), so only
the head and the deputy make it. Acts dated from 01/07/2026 (Law 106/2025/QH15): no article of the new law on these
measures is verified, so every basis is a blank to fill in (``verified=False``), as ``legal_bases`` does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from thads.domain.legal_bases import DECREE_62, LAW, REGIME_2015, Basis, LegalText, Signer, regime_for
from thads.domain.measures import MEASURE_LABELS_VI, AssetKind, MeasureKind
from thads.domain.roles import Title
from thads.domain.words import amount_in_figures, amount_in_words, sentence_case

K, A = MeasureKind, AssetKind


class MeasureDocKind(StrEnum):
    """The document kinds of the assets context (``Document.kind``; not ``legal_texts.DocKind``, whose kinds each
    record a case's history row)."""

    ACCOUNT_FREEZE = "measure_account_freeze"  # quyết định phong tỏa tài khoản, tài sản ở nơi gửi giữ
    ASSET_SEIZURE = "measure_asset_seizure"  # quyết định tạm giữ tài sản, giấy tờ
    TRANSFER_BAN = "measure_transfer_ban"  # quyết định tạm dừng việc đăng ký, chuyển quyền sở hữu, sử dụng, …
    ACCOUNT_DEDUCTION = "measure_account_deduction"  # quyết định khấu trừ tiền trong tài khoản
    INCOME_DEDUCTION = "measure_income_deduction"  # quyết định trừ vào thu nhập
    THIRD_PARTY_COLLECTION = "measure_third_party_collection"  # quyết định thu tiền
    DISTRAINT = "measure_distraint"  # quyết định cưỡng chế kê biên tài sản
    FORCED_EXPLOITATION = "measure_forced_exploitation"  # quyết định cưỡng chế khai thác tài sản
    FORCED_HANDOVER = "measure_forced_handover"  # quyết định cưỡng chế chuyển giao vật, giấy tờ, quyền sử dụng đất
    FORCED_ACT = "measure_forced_act"  # quyết định cưỡng chế thực hiện / không thực hiện công việc
    EXIT_BAN = "measure_exit_ban"  # quyết định tạm hoãn xuất cảnh
    RELEASE = "measure_release"  # quyết định chấm dứt, giải tỏa, trả lại; thu hồi quyết định (cancellation)
    COERCION_PLAN = "coercion_plan"  # kế hoạch cưỡng chế thi hành án (Art. 72)


D = MeasureDocKind
#: The decision document of each measure.
DECISION_KIND: Mapping[MeasureKind, MeasureDocKind] = MappingProxyType({m: D("measure_" + m.value) for m in K})

#: The titles that may make a document signed by the officer or by the head (the table in the module docstring).
SIGNING_TITLES: Mapping[Signer, frozenset[Title]] = MappingProxyType({
    Signer.OFFICER: frozenset({Title.OFFICER, Title.HEAD, Title.DEPUTY}),
    Signer.HEAD: frozenset({Title.HEAD, Title.DEPUTY}),
})


@dataclass(frozen=True)
class MeasureFacts:
    """What a measure's (or a coercion plan's) document says, read by the assets context. ``identifiers`` and the
    debtor's ID number are blank for a reader without the personal-data right."""

    measure_kind: str
    on: date  # the document's date: the decision, the release or cancellation, the plan
    decision_no: str = ""  # the measure's decision
    decided_on: date | None = None
    amount: int = 0
    asset_kind: str = ""
    asset: str = ""  # the asset's description
    identifiers: str = ""  # "số tài khoản 0123456789" (personal data)
    holder: str = ""  # the bank, the employer, the third party
    secured_creditor: str = ""
    ended: str = ""  # "" for the decision; "released" or "cancelled" for the release document
    end_no: str = ""  # the number of the release decision
    reason: str = ""
    note: str = ""
    plan: Mapping[str, Any] = field(default_factory=dict)  # starts, place, forces, mobilised, cost_estimate


def document_kind(facts: MeasureFacts) -> MeasureDocKind:
    """The document a measure's facts make: its release when it ended, else its decision."""
    return D.RELEASE if facts.ended else DECISION_KIND[K(facts.measure_kind)]


def signer_of(kind: MeasureDocKind, facts: MeasureFacts) -> Signer:
    """The exit ban and its release are the head's (the module docstring); every other document the officer's."""
    return Signer.HEAD if facts.measure_kind == K.EXIT_BAN and kind != D.COERCION_PLAN else Signer.OFFICER


def may_sign(title: str | None, kind: MeasureDocKind, facts: MeasureFacts) -> bool:
    """Whether a title may make the document (:data:`SIGNING_TITLES` by :func:`signer_of`)."""
    try:
        return Title(title or "") in SIGNING_TITLES[signer_of(kind, facts)]
    except ValueError:
        return False


def refusal(kind: MeasureDocKind, facts: MeasureFacts) -> str | None:
    """Why the facts cannot make a document of ``kind`` (Vietnamese), or None."""
    if kind == D.COERCION_PLAN:
        return None if facts.plan else "Chưa có kế hoạch cưỡng chế để lập văn bản."
    if kind == D.RELEASE:
        return None if facts.ended else ("Biện pháp chưa được chấm dứt hoặc hủy bỏ: hãy ghi nhận việc chấm dứt trước "
                                         "khi lập quyết định.")
    if DECISION_KIND.get(K(facts.measure_kind)) != kind:
        return "Loại văn bản không phù hợp với biện pháp đã quyết định."
    return None


# ------------------------------------------------------------------------------------------------ legal bases


def _cite(parts: str) -> str:
    """``"67"`` → ``"Điều 67"``; ``"71.3"`` → ``"khoản 3 Điều 71"``."""
    article, _, clause = parts.partition(".")
    return f"khoản {clause} Điều {article}" if clause else f"Điều {article}"


def _law(*articles: str, verified: bool = True) -> Basis:
    return Basis(f"Căn cứ {', '.join(_cite(a) for a in articles)} {LAW};",
                 "L2008:" + "+".join(articles), verified)


def _decree(*articles: str) -> Basis:
    return Basis(f"Căn cứ {', '.join(_cite(a) for a in articles)} {DECREE_62};", "D62:" + "+".join(articles))


EXIT_LAW = Basis("Căn cứ Luật Xuất cảnh, nhập cảnh của công dân Việt Nam số 49/2019/QH14;", "L49/2019")
PLAN_TTLT = Basis("Căn cứ Điều 4 Thông tư liên tịch số 03/2012/TTLT-BTP-BCA ngày 30 tháng 3 năm 2012 của Bộ Tư pháp "
                  "và Bộ Công an quy định cụ thể việc phối hợp bảo vệ cưỡng chế trong thi hành án dân sự;",
                  "TTLT03/2012:4")


def _distraint_bases(facts: MeasureFacts) -> list[Basis]:
    extra = []
    if facts.asset_kind in (A.LAND, A.HOUSE, A.VEHICLE):
        extra.append("89")
    if facts.secured_creditor:
        extra.append("90")
    if facts.asset_kind == A.HELD_BY_THIRD_PARTY:
        extra.append("91")
    if facts.asset_kind == A.SHARES:
        extra.append("92")
    return [_law("71.3", "87", "88", *extra)]


def _handover_article(facts: MeasureFacts) -> str:
    return {A.HOUSE: "115", A.LAND: "117"}.get(facts.asset_kind, "114")


def _decision_bases(facts: MeasureFacts) -> list[Basis]:
    kind = K(facts.measure_kind)
    business = facts.asset_kind == A.BUSINESS_INCOME
    table: dict[MeasureKind, list[Basis]] = {
        K.ACCOUNT_FREEZE: [_law("66", "67"), _decree("20")],
        K.ASSET_SEIZURE: [_law("66", "68"), _decree("18")],
        K.TRANSFER_BAN: [_law("66", "69"), _decree("19")],
        K.ACCOUNT_DEDUCTION: [_law("71.1", "76"), _decree("21")],
        K.INCOME_DEDUCTION: [_law("71.2", "78")],
        K.THIRD_PARTY_COLLECTION: [_law("71.1", "79"), _decree("22")] if business
        else [_law("71.1", "81"), _decree("23")],
        K.FORCED_EXPLOITATION: [_law("71.4", "107")],
        K.FORCED_HANDOVER: [_law("71.5", _handover_article(facts))],
        K.FORCED_ACT: [_law("71.6", "118", "119")],
        K.EXIT_BAN: [EXIT_LAW, _decree("51")],
    }
    return _distraint_bases(facts) if kind == K.DISTRAINT else table[kind]


_RELEASE_BASES: Mapping[MeasureKind, tuple[Basis, ...]] = MappingProxyType({
    K.ACCOUNT_FREEZE: (_law("67.3", "77"),),
    K.ASSET_SEIZURE: (_law("68.5"), _decree("18.3")),
    K.TRANSFER_BAN: (_law("69.4"), _decree("19")),
    K.DISTRAINT: (_law("105"),),
    K.FORCED_EXPLOITATION: (_law("109"),),
    K.EXIT_BAN: (EXIT_LAW, _decree("51")),
})


def _release_bases(facts: MeasureFacts) -> list[Basis]:
    if facts.ended == "cancelled":
        return [_law("37.1")]
    return list(_RELEASE_BASES.get(K(facts.measure_kind)) or (_law("37.1", verified=False),))


#: What a blank basis is about under Law 106/2025 ("… quy định về <topic>;").
_TOPIC = {D.RELEASE: "chấm dứt, thu hồi quyết định áp dụng biện pháp bảo đảm, biện pháp cưỡng chế",
          D.COERCION_PLAN: "kế hoạch cưỡng chế thi hành án"}


def _blank(kind: MeasureDocKind, facts: MeasureFacts) -> list[Basis]:
    topic = _TOPIC.get(kind) or MEASURE_LABELS_VI[K(facts.measure_kind)].lower()
    return [Basis(f"Căn cứ Điều ....... {LAW} quy định về {topic};", f"L2025:?{kind.value}", verified=False)]


def measure_legal_text(kind: MeasureDocKind | str, facts: MeasureFacts) -> LegalText:
    """Title, subject, bases and signer of a measure's document dated ``facts.on`` (the module docstring's table)."""
    kind, regime = D(kind), regime_for(facts.on)
    signer = signer_of(kind, facts)
    if kind == D.COERCION_PLAN:
        bases = [_law("71", "72"), _decree("13.2"), PLAN_TTLT]
        return LegalText(kind, regime, "KẾ HOẠCH", "Cưỡng chế thi hành án",  # type: ignore[arg-type]
                         tuple(bases) if regime == REGIME_2015 else tuple(_blank(kind, facts)), signer=signer)
    bases = _release_bases(facts) if kind == D.RELEASE else _decision_bases(facts)
    if regime != REGIME_2015:
        bases = _blank(kind, facts) + [b for b in bases if b is EXIT_LAW]
    return LegalText(kind, regime, "QUYẾT ĐỊNH", subject_of(kind, facts), tuple(bases),  # type: ignore[arg-type]
                     signer=signer)


# ------------------------------------------------------------------------------------------------ wording

_SUBJECT: Mapping[MeasureKind, str] = MappingProxyType({
    K.ACCOUNT_FREEZE: "Về việc phong tỏa tài khoản, tài sản ở nơi gửi giữ",
    K.ASSET_SEIZURE: "Về việc tạm giữ tài sản, giấy tờ",
    K.TRANSFER_BAN: "Về việc tạm dừng việc đăng ký, chuyển quyền sở hữu, sử dụng, thay đổi hiện trạng tài sản",
    K.ACCOUNT_DEDUCTION: "Về việc khấu trừ tiền trong tài khoản",
    K.INCOME_DEDUCTION: "Về việc trừ vào thu nhập của người phải thi hành án",
    K.THIRD_PARTY_COLLECTION: "Về việc thu tiền để thi hành án",
    K.DISTRAINT: "Về việc cưỡng chế kê biên tài sản",
    K.FORCED_EXPLOITATION: "Về việc cưỡng chế khai thác tài sản",
    K.FORCED_HANDOVER: "Về việc cưỡng chế chuyển giao vật, giấy tờ, quyền tài sản",
    K.FORCED_ACT: "Về việc cưỡng chế thực hiện hoặc không thực hiện công việc nhất định",
    K.EXIT_BAN: "Về việc tạm hoãn xuất cảnh",
})
#: What ending each measure is called (the release document's subject and operative verb).
_END: Mapping[MeasureKind, str] = MappingProxyType({
    K.ACCOUNT_FREEZE: "chấm dứt phong tỏa tài khoản, tài sản ở nơi gửi giữ",
    K.ASSET_SEIZURE: "trả lại tài sản, giấy tờ tạm giữ",
    K.TRANSFER_BAN: "chấm dứt việc tạm dừng đăng ký, chuyển quyền sở hữu, sử dụng, thay đổi hiện trạng tài sản",
    K.DISTRAINT: "giải tỏa kê biên tài sản",
    K.FORCED_EXPLOITATION: "chấm dứt việc cưỡng chế khai thác tài sản",
    K.EXIT_BAN: "chấm dứt tạm hoãn xuất cảnh",
})


def subject_of(kind: MeasureDocKind, facts: MeasureFacts) -> str:
    if kind == D.COERCION_PLAN:
        return "Cưỡng chế thi hành án"
    measure = K(facts.measure_kind)
    if kind != D.RELEASE:
        return _SUBJECT[measure]
    if facts.ended == "cancelled":
        return f"Về việc thu hồi quyết định {MEASURE_LABELS_VI[measure].lower()}"
    return "Về việc " + _END.get(measure, f"chấm dứt việc {MEASURE_LABELS_VI[measure].lower()}")


def money(amount: int) -> dict[str, Any]:
    return {"amount": amount, "figures": amount_in_figures(amount), "words": sentence_case(amount_in_words(amount))}


def _dmy(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "…"


@dataclass(frozen=True)
class Parties:
    """The names the articles print: the debtor (with the ID number when the reader may see it), the creditors,
    the issuing agency."""

    debtor: str
    creditors: str = "…"
    agency: str = "cơ quan thi hành án dân sự"


def _asset(facts: MeasureFacts) -> str:
    text = facts.asset or "tài sản"
    if len(text) > 1 and not text[1].isupper():  # "Tài khoản thanh toán" in a sentence; "QSDĐ …" stays
        text = text[0].lower() + text[1:]
    return f"{text} ({facts.identifiers})" if facts.identifiers else text


def _sum(facts: MeasureFacts) -> str:
    m = money(facts.amount)
    return f"{m['figures']} (Bằng chữ: {m['words']})"


def _operative(facts: MeasureFacts, p: Parties) -> str:
    """Article 1 of a measure's decision (what the decision orders, the contents Arts. 67.2, 68.2, 76 + Decree 62
    Art. 21.1, 78.3, 107.2 require: the account or asset, the holder, the amount)."""
    kind, at = K(facts.measure_kind), f" tại {facts.holder}" if facts.holder else ""
    held = f", đang do {facts.holder} quản lý, giữ" if facts.holder else ""
    amount = f"; số tiền: {_sum(facts)}" if facts.amount else ""
    texts = {
        K.ACCOUNT_FREEZE: f"Phong tỏa {_asset(facts)} của {p.debtor}{at}; số tiền, tài sản bị phong tỏa: "
                          f"{_sum(facts) if facts.amount else _asset(facts)}.",
        K.ASSET_SEIZURE: f"Tạm giữ {_asset(facts)} của {p.debtor}{held}.",
        K.TRANSFER_BAN: f"Tạm dừng việc đăng ký, chuyển quyền sở hữu, sử dụng, thay đổi hiện trạng tài sản đối với "
                        f"{_asset(facts)} của {p.debtor}.",
        K.ACCOUNT_DEDUCTION: f"Khấu trừ tiền trong {_asset(facts)} của {p.debtor}{at}; số tiền phải khấu trừ: "
                             f"{_sum(facts)}, chuyển ngay vào tài khoản của {p.agency} khi nhận được quyết định này.",
        K.INCOME_DEDUCTION: f"Trừ vào thu nhập ({_asset(facts)}) của {p.debtor}{' do ' + facts.holder + ' chi trả' if facts.holder else ''}; "
                            f"số tiền trừ hằng tháng: {_sum(facts)}, cho đến khi thực hiện xong nghĩa vụ thi hành án.",
        K.THIRD_PARTY_COLLECTION: f"Thu tiền của {p.debtor} ({_asset(facts)}){held} để thi hành án; số tiền phải "
                                  f"thu: {_sum(facts)}.",
        K.DISTRAINT: f"Kê biên {_asset(facts)} của {p.debtor}{held}{amount}."
                     + (f" Tài sản đang được bảo đảm cho {facts.secured_creditor}." if facts.secured_creditor else ""),
        K.FORCED_EXPLOITATION: f"Cưỡng chế khai thác {_asset(facts)} của {p.debtor}; số tiền thu được từ việc khai "
                               f"thác, sau khi trừ chi phí cần thiết, nộp cho {p.agency} để thi hành án{amount}.",
        K.FORCED_HANDOVER: f"Buộc {p.debtor} chuyển giao {_asset(facts)} cho người được thi hành án {p.creditors}.",
        K.FORCED_ACT: f"Buộc {p.debtor} thực hiện hoặc không được thực hiện công việc theo bản án, quyết định"
                      f"{': ' + facts.note if facts.note else ''}.",
        K.EXIT_BAN: f"Tạm hoãn xuất cảnh đối với {p.debtor} cho đến khi thực hiện xong nghĩa vụ thi hành án.",
    }
    return texts[kind]


def _duty(facts: MeasureFacts, p: Parties) -> str:
    """Article 2: who carries the decision out, at once where the law says so (Arts. 67.2, 69.2, 76.2, 78.4)."""
    kind = K(facts.measure_kind)
    if kind == K.ACCOUNT_FREEZE:
        return (f"{facts.holder or 'Cơ quan, tổ chức, cá nhân đang quản lý tài khoản, tài sản'} thực hiện ngay việc "
                "phong tỏa. Trong thời hạn 10 ngày, kể từ ngày ra quyết định này, Chấp hành viên áp dụng biện pháp "
                "cưỡng chế hoặc ra quyết định chấm dứt việc phong tỏa.")
    if kind == K.EXIT_BAN:
        return ("Cơ quan quản lý xuất cảnh, nhập cảnh có thẩm quyền thực hiện việc tạm hoãn xuất cảnh; việc tạm hoãn "
                "chấm dứt khi có quyết định chấm dứt tạm hoãn xuất cảnh của cơ quan thi hành án dân sự.")
    if kind == K.TRANSFER_BAN:
        return ("Cơ quan đăng ký và cơ quan, tổ chức, cá nhân có liên quan không thực hiện việc đăng ký, chuyển quyền "
                "sở hữu, sử dụng, thay đổi hiện trạng tài sản nêu tại Điều 1 cho đến khi có quyết định chấm dứt.")
    holder = facts.holder or "Cơ quan, tổ chức, cá nhân có liên quan"
    return f"{holder} có trách nhiệm thực hiện quyết định này kể từ khi nhận được quyết định."


def _release_articles(facts: MeasureFacts, p: Parties) -> list[str]:
    measure = K(facts.measure_kind)
    ref = f"Quyết định số {facts.decision_no or '…'} ngày {_dmy(facts.decided_on)}"
    what = MEASURE_LABELS_VI[measure].lower()
    if facts.ended == "cancelled":
        first = f"Điều 1. Thu hồi {ref} về việc {what} đối với {p.debtor}."
    else:
        end = _END.get(measure, f"chấm dứt việc {what}")
        first = f"Điều 1. {end[0].upper()}{end[1:]} theo {ref} đối với {p.debtor}" + (
            f": {_asset(facts)}." if facts.asset and measure != K.EXIT_BAN else ".")
        if measure in (K.ASSET_SEIZURE, K.DISTRAINT, K.FORCED_EXPLOITATION):
            first = first[:-1] + "; trả lại tài sản cho người có quyền sở hữu, sử dụng."
    lines = [first]
    if facts.reason:
        lines.append(f"Lý do: {facts.reason}.")
    lines.append("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.")
    lines.append(f"Điều 3. {p.debtor}, {facts.holder or 'cơ quan, tổ chức, cá nhân có liên quan'} chịu trách nhiệm "
                 "thi hành quyết định này.")
    return lines


def _label(facts: MeasureFacts) -> str:
    return MEASURE_LABELS_VI[K(facts.measure_kind)] if facts.measure_kind else "…"


def _plan_articles(facts: MeasureFacts, p: Parties) -> list[str]:
    """The contents of Art. 72.2 (points a–e), and Art. 72.3: to whom the plan is sent."""
    plan = facts.plan
    cost = money(int(plan.get("cost_estimate") or 0))
    forces = plan.get("forces") or ("Có huy động lực lượng" if plan.get("mobilised") else "Không huy động lực lượng")
    return [
        f"1. Người bị áp dụng biện pháp cưỡng chế: {p.debtor}.",
        f"2. Biện pháp cưỡng chế cần áp dụng: {_label(facts)}"
        + (f" ({_asset(facts)})" if facts.asset else "") + ".",
        f"3. Thời gian, địa điểm cưỡng chế: {plan.get('starts', '…')}, tại {plan.get('place') or '…'}.",
        f"4. Phương án tiến hành cưỡng chế: {plan.get('method') or 'Chấp hành viên chủ trì, phối hợp với các lực lượng tham gia theo phân công.'}",
        f"5. Yêu cầu về lực lượng tham gia bảo vệ cưỡng chế: {forces}.",
        f"6. Dự trù chi phí cưỡng chế: {cost['figures']} (Bằng chữ: {cost['words']}).",
        "Kế hoạch này được gửi ngay cho Viện kiểm sát nhân dân, cơ quan Công an cùng cấp, Ủy ban nhân dân cấp xã nơi "
        "tổ chức cưỡng chế và cơ quan, tổ chức, cá nhân có liên quan; các cơ quan, tổ chức, cá nhân có liên quan thực "
        "hiện theo kế hoạch và yêu cầu của Chấp hành viên.",
    ]


def measure_articles(kind: MeasureDocKind | str, facts: MeasureFacts, parties: Parties) -> list[str]:
    """The operative part of the document, one paragraph per item."""
    kind = D(kind)
    if kind == D.COERCION_PLAN:
        return _plan_articles(facts, parties)
    if kind == D.RELEASE:
        return _release_articles(facts, parties)
    return [f"Điều 1. {_operative(facts, parties)}", f"Điều 2. {_duty(facts, parties)}",
            f"Điều 3. {parties.debtor} và cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành quyết "
            "định này."]


def measure_context(kind: MeasureDocKind | str, facts: MeasureFacts, parties: Parties) -> dict[str, Any]:
    """The ``measure`` field of the template context."""
    kind = D(kind)
    return {"kind": facts.measure_kind, "label": _label(facts),
            "articles": measure_articles(kind, facts, parties), "amount": money(facts.amount),
            "asset": _asset(facts) if facts.asset else "", "holder": facts.holder, "decision_no": facts.decision_no,
            "decided_on": _dmy(facts.decided_on), "reason": facts.reason, "plan": dict(facts.plan)}


#: Facts for template previews (no database row).
SAMPLE_FACTS = MeasureFacts(measure_kind=K.ACCOUNT_FREEZE, on=date(2026, 3, 16), decision_no="05/QĐ-CCTHADS",
                            decided_on=date(2026, 3, 16), amount=2_005_000, asset_kind=A.BANK_ACCOUNT,
                            asset="Tài khoản thanh toán", identifiers="số tài khoản 0123456789",
                            holder="Ngân hàng TMCP Ngoại thương Việt Nam, chi nhánh Huế",
                            plan={"starts": "08 giờ 00 ngày 20/03/2026", "place": "Phường Phú Hội, thành phố Huế",
                                  "forces": "Công an phường Phú Hội", "mobilised": True, "cost_estimate": 3_500_000})


def sample_facts(kind: MeasureDocKind | str) -> MeasureFacts:
    """:data:`SAMPLE_FACTS` fitted to ``kind`` (its measure; ended for the release)."""
    from dataclasses import replace

    kind = D(kind)
    if kind == D.RELEASE:
        return replace(SAMPLE_FACTS, ended="released", reason="Người phải thi hành án đã thực hiện xong nghĩa vụ")
    if kind == D.COERCION_PLAN:
        return replace(SAMPLE_FACTS, measure_kind=K.DISTRAINT, asset_kind=A.LAND, asset="Quyền sử dụng đất")
    measure = next(m for m, d in DECISION_KIND.items() if d == kind)
    return replace(SAMPLE_FACTS, measure_kind=measure)


__all__ = ["DECISION_KIND", "SAMPLE_FACTS", "SIGNING_TITLES", "MeasureDocKind", "MeasureFacts", "Parties",
           "document_kind", "may_sign", "measure_articles", "measure_context", "measure_legal_text", "money",
           "refusal", "sample_facts", "signer_of", "subject_of"]
