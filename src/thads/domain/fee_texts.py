"""The words of the enforcement-fee documents (Thông tư 216/2016/TT-BTC; Pháp điển item 33.3.TT.56, read for issue 14
item 4). Pure Python. Three kinds (``legal_texts.FEE_KINDS``):

======================  ===========================================================================================
document                bases and wording
======================  ===========================================================================================
fee decision            Luật THADS Art. 60 (the fee); TT 216/2016 Art. 4 (bands) and Art. 5.1: "Thủ trưởng tổ chức
(fee_decision)          thu phí … ra quyết định thu phí …; … mỗi lần thu phí, Thủ trưởng … ra một quyết định": made
                        from the payout that withheld the fee (Art. 5.4.a: withheld before paying out)
relief decision         TT 216/2016 Art. 7 point of the ground and Art. 7.4 (the head decides within 5 working days)
(fee_relief)
refusal notice          TT 216/2016 Art. 7.4: "thông báo bằng văn bản … về việc họ không được miễn hoặc giảm … và
(fee_relief_refusal)    nêu rõ lý do": a NOTICE with the reasons
======================  ===========================================================================================

Acts dated from 01/07/2026 (Law 106/2025): the article of the new law on the fee is not verified (a blank to fill in),
nor whether TT 216/2016 still applies unchanged (printed, flagged unverified): UNVERIFIED, the signer checks.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from thads.domain.fee_relief import RELIEF_TABLE
from thads.domain.fees import DEFAULT_FEE_BANDS, FeeExemption
from thads.domain.legal_bases import LAW, REGIME_2015, Basis, LegalError, LegalText, Signer, regime_for
from thads.domain.legal_texts import DocKind
from thads.domain.words import amount_in_figures, amount_in_words, sentence_case

TT_216_2016 = ("Thông tư số 216/2016/TT-BTC ngày 10 tháng 11 năm 2016 của Bộ trưởng Bộ Tài chính quy định mức thu, "
               "chế độ thu, nộp, quản lý và sử dụng phí thi hành án dân sự")
BAND_POINTS = ("a", "b", "c", "d", "đ")  # Art. 4.1, one point per band of ``fees.DEFAULT_FEE_BANDS``
TIMING_TEXT = {
    "coerced": "cơ quan thi hành án dân sự đã thu được tiền: 100% mức phí (khoản 5 Điều 4)",
    "direct": "đương sự tự giao, nhận tiền, tài sản cho nhau: 1/3 mức phí (khoản 4 Điều 4)",
    "voluntary": "tự nguyện thi hành trong thời hạn tự nguyện: không phải chịu phí (khoản 8 Điều 6)",
}


def point_cite(point: str) -> str:
    """``"7.2.a"`` → ``"điểm a khoản 2 Điều 7"``; ``"5.1"`` → ``"khoản 1 Điều 5"``."""
    parts = point.split(".")
    out = f"Điều {parts[0]}" if len(parts) < 2 else f"khoản {parts[1]} Điều {parts[0]}"
    return f"điểm {parts[2]} {out}" if len(parts) > 2 else out


def band_point(cumulative: int) -> str:
    """The point of Art. 4.1 whose band the cumulative amount received falls in."""
    index = max(i for i, b in enumerate(DEFAULT_FEE_BANDS) if cumulative > b.over or b.over == 0)
    return f"4.1.{BAND_POINTS[index]}"


def _bases(regime: str, *codes: str) -> list[Basis]:
    tt = f"Căn cứ {', '.join(point_cite(c) for c in codes)} {TT_216_2016};"
    if regime == REGIME_2015:
        return [Basis(f"Căn cứ Điều 60 {LAW};", "L2008:60"), Basis(tt, "TT216:" + "+".join(codes))]
    return [Basis(f"Căn cứ Điều ....... {LAW} quy định về phí thi hành án dân sự;", "L2025:?fee", verified=False),
            Basis(tt, "TT216:" + "+".join(codes), verified=False)]


def fee_legal_text(kind: DocKind | str, *, on: date, ground: str = "") -> LegalText:
    """Title, subject and bases of a fee document dated ``on`` (the table in this module's docstring); ``ground``:
    the Art. 7 point of a relief (required for the relief decision)."""
    kind, regime = DocKind(kind), regime_for(on)
    if kind == DocKind.FEE_DECISION:
        return LegalText(kind, regime, "QUYẾT ĐỊNH", "Về việc thu phí thi hành án dân sự",
                         tuple(_bases(regime, "4", "5.1")))
    rule = RELIEF_TABLE.get(ground)
    if kind == DocKind.FEE_RELIEF:
        if rule is None:
            raise LegalError("Quyết định miễn, giảm phí phải nêu trường hợp của Điều 7 Thông tư 216/2016/TT-BTC.")
        word = "miễn" if rule.exemption else "giảm"
        return LegalText(kind, regime, "QUYẾT ĐỊNH", f"Về việc {word} phí thi hành án dân sự",
                         tuple(_bases(regime, ground, "7.4")), ground=ground,
                         ground_text=f"{rule.who} ({point_cite(ground)} {TT_216_2016.split(' ngày')[0]}).")
    return LegalText(kind, regime, "THÔNG BÁO", "Về việc không được miễn, giảm phí thi hành án dân sự",
                     tuple(_bases(regime, "7.4")), ground=ground, signer=Signer.HEAD)


def _money(amount: int) -> dict[str, Any]:
    return {"amount": amount, "figures": amount_in_figures(amount), "words": sentence_case(amount_in_words(amount))}


def fee_context(kind: DocKind | str, facts: Mapping[str, Any]) -> dict[str, Any]:
    """The ``fee`` field of a fee document's template context, from the plain ``facts`` the documents context reads:
    ``received``, ``cumulative``, ``fee``, ``gross``, ``timing``, ``exemption``, ``relief_point``, ``relief_percent``
    (fee decision); ``point``, ``percent``, ``refund``, ``payout_fee``, ``payout_on``, ``received_on``, ``due_on``,
    ``reason`` (relief decision, refusal). Empty for the other kinds."""
    kind = DocKind(kind)
    if kind == DocKind.FEE_DECISION:
        fee, gross = int(facts.get("fee") or 0), int(facts.get("gross") or facts.get("fee") or 0)
        exemption = facts.get("exemption") or ""
        relief = facts.get("relief_point") or ""
        return {
            "received": _money(int(facts.get("received") or 0)), "cumulative": _money(int(facts.get("cumulative") or 0)),
            "band": point_cite(band_point(int(facts.get("cumulative") or 0))), "fee": _money(fee),
            "gross": _money(gross), "timing": TIMING_TEXT.get(facts.get("timing") or "", ""),
            "exemption": f"khoản {FeeExemption(exemption).value.split('.')[1]} Điều 6" if exemption else "",
            "relief": (f"{'miễn' if facts.get('relief_percent') == 100 else 'giảm'} {facts.get('relief_percent')}% "
                       f"theo {point_cite(relief)}") if relief else "",
        }
    if kind in (DocKind.FEE_RELIEF, DocKind.FEE_RELIEF_REFUSAL):
        point = facts.get("point") or ""
        rule = RELIEF_TABLE.get(point)
        return {
            "point": point_cite(point) if point else "", "who": rule.who if rule else "",
            "percent": facts.get("percent") or "", "exemption": bool(rule and rule.exemption),
            "refund": _money(int(facts.get("refund") or 0)), "payout_fee": _money(int(facts.get("payout_fee") or 0)),
            "payout_on": facts.get("payout_on") or "", "received_on": facts.get("received_on") or "",
            "due_on": facts.get("due_on") or "", "reason": facts.get("reason") or "",
        }
    return {}


__all__ = ["BAND_POINTS", "TIMING_TEXT", "TT_216_2016", "band_point", "fee_context", "fee_legal_text", "point_cite"]
