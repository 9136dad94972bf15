"""Issue 14 items 12 and 14: the documents of the revocation recorded with an entrustment (Luật THADS Art. 57.1.a,
Art. 37.1) and of the return of a request (Decree 152/2026 Art. 22.2; Law 106/2025 Art. 38), generated from the
history row of the act, with their legal bases, number and date."""

from __future__ import annotations

from datetime import date

import pytest

from tests.test_documents import _decided, media, staff, text_of  # noqa: F401  (fixtures)
from thads.cases.actions import ObligationData, PartyData, do_act, do_receive
from thads.documents.actions import do_generate_document
from thads.documents.facts import candidate_events
from thads.documents.generate import DocumentRefused
from thads.domain.legal_bases import DocKind


def _entrusted(staff, org):  # noqa: F811
    case = _decided(staff, org)  # decision 12/QĐ-CCTHADS of 07/01/2026
    return do_act(staff["head_a"], case.pk, "entrust_out", date(2026, 1, 13), to="Chi cục Thi hành án dân sự huyện C",
                  debtor_elsewhere=True, revocation_no="9/QĐ-CCTHADS", revocation_on=date(2026, 1, 12))


def _returned(staff, org):  # noqa: F811
    """An on-request case "chưa có điều kiện" since 03/06/2024, re-verified twice, its request returned on
    06/07/2026 (Decree 152/2026 Art. 22.2: 2 years)."""
    head, officer = staff["head_a"], staff["officer_a"]
    on = date(2024, 5, 2)
    case = do_receive(head, org["units"]["A"], on=date(2024, 4, 25), initiation="theo_don", judgment_kind="dan_su",
                      court="Tòa án nhân dân huyện A", judgment_number="45/2024/DS-ST", judgment_date=date(2024, 3, 1),
                      debtors=[PartyData("Lê Văn Đức", "046090001234", "Thôn Phú Thuận, xã Phú Vang")],
                      creditors=[PartyData("Nguyễn Thị Mai", "", "Phường Vĩnh Ninh")],
                      obligations=[ObligationData("tra_no", "person", 2_005_000)])
    do_act(head, case.pk, "decide", on, decision_no="5/QĐ-CCTHADS", officer=officer.officer)
    do_act(officer, case.pk, "notify_debtor", date(2024, 5, 3))
    do_act(officer, case.pk, "start_verification", date(2024, 5, 20))
    do_act(head, case.pk, "classify_unable", date(2024, 6, 3), ground="44a.1.a")
    do_act(officer, case.pk, "reverify", date(2024, 12, 2))
    do_act(officer, case.pk, "reverify", date(2025, 6, 2))
    return do_act(head, case.pk, "return_request", date(2026, 7, 6))


CASES = [
    pytest.param(DocKind.ENTRUST_REVOKE, _entrusted, "9/QĐ-CCTHADS", date(2026, 1, 12),
                 ["QUYẾT ĐỊNH", "Về việc thu hồi quyết định thi hành án",
                  "Căn cứ Điều 23 Luật Thi hành án dân sự",
                  "Căn cứ khoản 1 Điều 37 và điểm a khoản 1 Điều 57 Luật Thi hành án dân sự;",
                  "Số: 9/QĐ-CCTHADS", "ngày 12 tháng 01 năm 2026",
                  "Thu hồi Quyết định thi hành án số 12/QĐ-CCTHADS ngày 07/01/2026",
                  "ủy thác thi hành án cho Chi cục Thi hành án dân sự huyện C"],
                 id="Art57.1.a-Art37.1-revocation-printed-from-the-entrustment"),
    pytest.param(DocKind.RETURN_REQUEST, _returned, "", date(2026, 7, 6),
                 ["THÔNG BÁO", "Về việc gửi lại yêu cầu thi hành án",
                  "Căn cứ Luật Thi hành án dân sự số 106/2025/QH15;", "Căn cứ Điều 38 Luật Thi hành án dân sự;",
                  "Căn cứ khoản 2 Điều 22 Nghị định số 152/2026/NĐ-CP", "ngày 06 tháng 7 năm 2026",
                  "Kính gửi: Nguyễn Thị Mai", "Quyết định thi hành án số 5/QĐ-CCTHADS",
                  "Viện kiểm sát nhân dân có thẩm quyền", "gửi lại yêu cầu thi hành án cho người đã yêu cầu"],
                 id="Decree152-Art22.2-Law106-Art38-return-of-the-request"),
]


@pytest.mark.parametrize(("kind", "scenario", "number", "on", "expected"), CASES)
def test_the_new_document_is_generated_from_the_act_with_its_bases_number_and_date(
        staff, org, kind, scenario, number, on, expected):  # noqa: F811
    case = scenario(staff, org)
    document = do_generate_document(staff["head_a"], case.pk, kind)
    text = text_of(document)
    for snippet in expected:
        assert snippet.lower() in text.lower(), f"{snippet!r} missing from the {kind} document:\n{text}"
    assert document.number == number and document.on == on
    assert document.event is not None and document.verified
    assert "Điều ......." not in text


def test_the_termination_document_does_not_offer_a_returned_request_nor_the_reverse(staff, org):  # noqa: F811
    returned = _returned(staff, org)
    assert candidate_events(returned, DocKind.TERMINATE) == []
    assert len(candidate_events(returned, DocKind.RETURN_REQUEST)) == 1
    with pytest.raises(DocumentRefused):
        do_generate_document(staff["head_a"], returned.pk, DocKind.TERMINATE)


def test_an_entrustment_without_a_decision_to_revoke_offers_no_revocation_document(staff, org):  # noqa: F811
    case = _entrusted(staff, org)
    assert len(candidate_events(case, DocKind.ENTRUST_REVOKE)) == 1
    with pytest.raises(DocumentRefused):
        do_generate_document(staff["head_a"], _decided(staff, org).pk, DocKind.ENTRUST_REVOKE)


def test_the_documents_page_offers_both_after_their_acts(client, staff, org):  # noqa: F811
    from django.urls import reverse

    entrusted, returned = _entrusted(staff, org), _returned(staff, org)
    client.force_login(staff["head_a"])
    for case, label in ((entrusted, "entrust_revoke"), (returned, "return_request")):
        page = client.get(reverse("case-documents", args=[case.pk]))
        assert page.status_code == 200
        assert f'value="{label}"' in page.content.decode()
