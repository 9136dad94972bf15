"""The enforcement-fee documents (issue 14 item 4): the head's fee decision made from a payout that withheld a fee
(TT 216/2016/TT-BTC Art. 5.1: "mỗi lần thu phí, Thủ trưởng tổ chức thu phí ra một quyết định thu phí"), the decision
exempting or reducing the fee and the written refusal with its reasons (Art. 7.4)."""

from __future__ import annotations

import pytest

from tests.test_case_actions import day
from tests.test_documents import text_of
from tests.test_fee_relief import _paid_out, _payout_seqs, _relief
from thads.cases.actions import do_act
from thads.documents.actions import do_generate_document
from thads.documents.generate import DocumentRefused, sample
from thads.domain.legal_bases import DocKind


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _fee_decision(staff, org):
    return _paid_out(staff, org)


def _reduced(staff, org):
    case = _paid_out(staff, org)
    _relief(staff, case, day(36), point="7.2.c", target=_payout_seqs(case)[0], received_on=day(35))
    return case


def _refused(staff, org):
    case = _paid_out(staff, org)
    _relief(staff, case, day(36), outcome="refused", target=_payout_seqs(case)[0], point="7.2.a",
            reason="Không có xác nhận thuộc chuẩn hộ nghèo của Ủy ban nhân dân cấp xã")
    return case


CASES = [
    pytest.param(DocKind.FEE_DECISION, _fee_decision, [
        "QUYẾT ĐỊNH", "Về việc thu phí thi hành án dân sự", "Căn cứ Điều 60 Luật Thi hành án dân sự;",
        "Căn cứ Điều 4, khoản 1 Điều 5 Thông tư số 216/2016/TT-BTC", "Nguyễn Thị Mai", "100.000.000 đồng",
        "điểm a khoản 1 Điều 4", "100% mức phí (khoản 5 Điều 4)", "3.000.000 đồng", "Ba triệu đồng"],
        id="TT 216 Art. 5.1 fee decision from the payout"),
    pytest.param(DocKind.FEE_RELIEF, _reduced, [
        "Về việc giảm phí thi hành án dân sự", "điểm c khoản 2 Điều 7", "Giảm 20%", "600.000 đồng",
        "Sáu trăm nghìn đồng", "3.000.000 đồng", "cưỡng chế huy động lực lượng"],
        id="TT 216 Art. 7.2.c reduction decision with its refund"),
    pytest.param(DocKind.FEE_RELIEF_REFUSAL, _refused, [
        "THÔNG BÁO", "Về việc không được miễn, giảm phí thi hành án dân sự", "khoản 4 Điều 7",
        "Kính gửi: Nguyễn Thị Mai", "không được miễn, giảm phí", "Không có xác nhận thuộc chuẩn hộ nghèo"],
        id="TT 216 Art. 7.4 written refusal with reasons"),
]


@pytest.mark.parametrize(("kind", "scenario", "expected"), CASES)
def test_the_head_generates_each_fee_document_with_its_article_and_amounts(staff, org, kind, scenario, expected):
    case = scenario(staff, org)
    document = do_generate_document(staff["head_a"], case.pk, kind)
    text = text_of(document).lower()
    for snippet in expected:
        assert snippet.lower() in text, f"{snippet!r} missing from the {kind} document:\n{text}"
    assert document.verified and document.event is not None and document.event.kind in ("payout", "fee_relief")


@pytest.mark.parametrize("who", [
    pytest.param("accountant_a", id="TT 216 Art. 5.1 the accountant enters the payout but does not sign the decision"),
    pytest.param("officer_a", id="TT 216 Art. 5.1 not the enforcement officer"),
])
def test_only_a_title_that_signs_decisions_makes_the_fee_decision(staff, org, who):
    case = _paid_out(staff, org)
    with pytest.raises(DocumentRefused) as exc:
        do_generate_document(staff[who], case.pk, DocKind.FEE_DECISION)
    assert exc.value.code == "title"


def test_no_fee_decision_for_a_payout_that_withheld_no_fee(staff, org):
    from tests.test_case_actions import _enforcing

    case = _enforcing(staff, org, amounts=(100_000_000,))
    do_act(staff["accountant_a"], case.pk, "collect", day(30), amount=100_000_000, receipt_no="BL-1")
    do_act(staff["accountant_a"], case.pk, "payout", day(33), amount=100_000_000, obligation="1")  # no fee
    with pytest.raises(DocumentRefused) as exc:
        do_generate_document(staff["head_a"], case.pk, DocKind.FEE_DECISION)
    assert exc.value.code == "event"


def test_a_fee_decision_after_01_07_2026_leaves_the_new_laws_article_blank_and_unverified():
    prepared = sample(DocKind.FEE_DECISION, on=day(0).replace(year=2026, month=7, day=15))
    assert not prepared.legal.verified
    assert any("Điều ......." in b for b in prepared.context["legal_bases"])


def test_tt216_art_7_4_a_fee_document_names_only_the_creditor_the_payout_was_for(staff, org):
    """Review of issue 14 item 4: with two creditors, the refusal (whose reasons may reveal poverty or illness) and
    the fee decision are addressed to the creditor whose obligation the payout paid, not to every creditor."""
    from thads.cases.models import Obligation, Party

    case = _refused(staff, org)
    mai = case.parties.get(role="creditor")
    Party.objects.create(case=case, role="creditor", name="Trần Văn Bình")
    Obligation.objects.filter(case=case, code="1").update(creditor=mai)
    for kind in (DocKind.FEE_RELIEF_REFUSAL, DocKind.FEE_DECISION):
        text = text_of(do_generate_document(staff["head_a"], case.pk, kind))
        assert "Nguyễn Thị Mai" in text and "Trần Văn Bình" not in text, kind
