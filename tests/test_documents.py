"""Decision documents: the right legal text for every act, official amounts in words, versioned templates, scope.

Generated files are read back with python-docx; the acts are dated before 01/07/2026 (Law 26/2008 as amended)
unless a test is about the 2026 law.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD
from thads.cases.actions import ObligationData, PartyData, do_act, do_receive
from thads.documents import render
from thads.documents.actions import do_generate_document, do_upload_template
from thads.documents.generate import DocumentRefused, official_date
from thads.documents.models import Document, DocumentTemplate
from thads.domain import legal_bases as legal
from thads.domain.legal_bases import DocKind, LegalError, legal_text, proactive_points
from thads.domain.roles import Title
from thads.domain.words import amount_in_figures, amount_in_words, number_in_words
from thads.org.actions import do_create_staff

D0 = date(2026, 1, 5)  # a Monday; every act below is dated before 01/07/2026
ROOT = Path(__file__).resolve().parent.parent


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def docx_text(data: bytes) -> str:
    """All the text of a .docx: body paragraphs and every table cell."""
    from docx import Document as Docx

    doc = Docx(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts += [p.text for p in cell.paragraphs]
    return "\n".join(parts)


def text_of(document: Document) -> str:
    with document.file.open("rb") as fh:
        return docx_text(fh.read())


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def staff(org):
    people = dict(org["people"])
    people["accountant_a"] = do_create_staff("accountant_a", PASSWORD, "Kế Toán A", org["units"]["A"],
                                             Title.ACCOUNTANT)
    people["clerk_a"] = do_create_staff("clerk_a", PASSWORD, "Thư Ký A", org["units"]["A"], Title.CLERK)
    people["deputy_a"] = do_create_staff("deputy_a", PASSWORD, "Phạm Văn Phó", org["units"]["A"], Title.DEPUTY)
    return people


# --------------------------------------------------------------------------------------------- amounts in words

WORDS = [
    (0, "không"),
    (5, "năm"),
    (10, "mười"),
    (11, "mười một"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (21, "hai mươi mốt"),
    (24, "hai mươi tư"),
    (25, "hai mươi lăm"),
    (100, "một trăm"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (1_001, "một nghìn không trăm linh một"),
    (1_015, "một nghìn không trăm mười lăm"),
    (10_000, "mười nghìn"),
    (18_353, "mười tám nghìn ba trăm năm mươi ba"),
    (100_009, "một trăm nghìn không trăm linh chín"),
    (1_000_000, "một triệu"),
    (1_000_500, "một triệu không nghìn năm trăm"),
    (1_234_567, "một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy"),
    (1_500_000, "một triệu năm trăm nghìn"),
    (2_005_000, "hai triệu không trăm linh năm nghìn"),
    (700_000_231, "bảy trăm triệu không nghìn hai trăm ba mươi mốt"),
    (715_000_000_000, "bảy trăm mười lăm tỷ"),
    (5_000_000_005, "năm tỷ không triệu không nghìn không trăm linh năm"),
    (1_000_000_000_000, "một nghìn tỷ"),
    (1_005_000_000_000, "một nghìn không trăm linh năm tỷ"),
]


@pytest.mark.parametrize(("amount", "words"), WORDS)
def test_amounts_are_written_in_words_in_the_official_style(amount, words):
    assert number_in_words(amount) == words
    assert amount_in_words(amount) == f"{words} đồng"


def test_the_reading_that_skips_an_empty_class_is_one_switch_away():
    assert number_in_words(1_000_500, spell_empty_classes=False) == "một triệu năm trăm"
    assert number_in_words(2_005_000, spell_empty_classes=False) == "hai triệu không trăm linh năm nghìn"


def test_amounts_in_figures_group_thousands_with_dots():
    assert amount_in_figures(1_234_567) == "1.234.567 đồng"
    assert amount_in_figures(0) == "0 đồng"
    with pytest.raises(TypeError):
        number_in_words(1.5)


def test_document_dates_follow_decree_30_2020():
    assert official_date(date(2026, 2, 5)) == ("05", "02", "2026")
    assert official_date(date(2026, 3, 16)) == ("16", "3", "2026")
    assert official_date(date(2026, 12, 1)) == ("01", "12", "2026")


# --------------------------------------------------------------------------------------------- legal bases (pure)


@pytest.mark.parametrize(("obligations", "interim", "bankruptcy", "points"), [
    ([("an_phi", "state")], False, False, ["a"]),
    ([("tien_phat", "state"), ("truy_thu", "state")], False, False, ["a"]),
    ([("tra_lai_tai_san", "person")], False, False, ["b"]),
    ([("tich_thu_sung_quy", "state"), ("an_phi", "state")], False, False, ["a", "c"]),
    ([("boi_thuong", "state")], False, False, ["c"]),  # other revenue owed to the state (Decree 62 Art. 6.3)
    ([("tra_no", "person")], True, False, ["đ"]),  # interim measure
    ([("tra_no", "person")], False, True, ["e"]),  # bankruptcy decision
])
def test_a_proactive_decision_rests_on_the_point_of_article_36_2_of_each_obligation(obligations, interim,
                                                                                     bankruptcy, points):
    assert proactive_points(obligations, interim=interim, bankruptcy=bankruptcy) == points


def test_a_debt_owed_to_a_person_never_gets_a_proactive_decision():
    with pytest.raises(LegalError) as exc:
        proactive_points([("an_phi", "state"), ("tra_no", "person")])
    assert "Trả nợ" in exc.value.message_vi and "khoản 1 Điều 36" in exc.value.message_vi


def test_a_ground_of_another_kind_is_refused():
    with pytest.raises(LegalError):
        legal_text(DocKind.POSTPONE, on=day(0), ground="50.1.c")


def test_acts_from_july_2026_cite_law_106_2025_and_leave_unverified_articles_blank():
    proactive = legal_text(DocKind.DECIDE_PROACTIVE, on=date(2026, 7, 1), obligations=[("an_phi", "state")])
    assert proactive.regime == "2026-07" and proactive.verified
    assert "Căn cứ Luật Thi hành án dân sự số 106/2025/QH15;" in [b.text for b in proactive.bases]
    assert "Căn cứ Điều 33 Luật Thi hành án dân sự;" in [b.text for b in proactive.bases]
    assert "L2025:34" in legal_text(DocKind.DECIDE_ON_REQUEST, on=date(2026, 7, 1)).refs
    assert "L2025:38" in legal_text(DocKind.NOT_YET_ABLE, on=date(2026, 8, 1), ground="44a.1.a").refs
    postponed = legal_text(DocKind.POSTPONE, on=date(2026, 8, 1), ground="48.1.c")
    assert not postponed.verified
    assert any("Căn cứ Điều ....... Luật Thi hành án dân sự quy định về hoãn thi hành án;" == b.text
               for b in postponed.bases)
    assert not any("Điều 48" in b.text for b in postponed.bases)  # never the 2008 numbering under the new law
    assert legal_text(DocKind.POSTPONE, on=date(2026, 6, 30), ground="48.1.c").refs[-1] == "L2008:48.1.c"


# --------------------------------------------------------------------------------------------- cases


def _received(staff, org, *, initiation="theo_don", kinds=("tra_no",), amounts=(2_005_000,), beneficiary="person",
              interim=False, judgment_kind="dan_su", unit="A"):
    return do_receive(
        staff["head_a"] if unit == "A" else staff["officer_b"], org["units"][unit], on=day(0),
        initiation=initiation, judgment_kind=judgment_kind, court="Tòa án nhân dân huyện A",
        judgment_number="45/2025/DS-ST", judgment_date=day(-30),
        debtors=[PartyData("Lê Văn Đức", "046090001234", "Thôn Phú Thuận, xã Phú Vang")],
        creditors=[PartyData("Nguyễn Thị Mai", "", "Phường Vĩnh Ninh")],
        obligations=[ObligationData(k, beneficiary, a) for k, a in zip(kinds, amounts, strict=True)],
        interim=interim,
    )


def _decided(staff, org, **kw):
    case = _received(staff, org, **kw)
    return do_act(staff["head_a"], case.pk, "decide", day(2), decision_no="12/QĐ-CCTHADS",
                  officer=staff["officer_a"].officer)


def _verifying(staff, org, **kw):
    case = _decided(staff, org, **kw)
    do_act(staff["officer_a"], case.pk, "notify_debtor", day(3))
    return do_act(staff["officer_a"], case.pk, "start_verification", day(14))


def _proactive(staff, org):
    return _decided(staff, org, initiation="chu_dong", kinds=("an_phi", "tra_lai_tai_san"),
                    amounts=(1_015, 2_005_000), beneficiary="state")


def _act(staff, case, act, on, **kw):
    return do_act(staff["head_a"], case.pk, act, on, **kw)


def scenario_postponed(staff, org):
    case = _decided(staff, org)
    return _act(staff, case, "postpone", day(5), ground="48.1.c", until=day(60), decision_no="20/QĐ-CCTHADS")


def scenario_resumed_after_postponement(staff, org):
    case = scenario_postponed(staff, org)
    return _act(staff, case, "resume", day(61), decision_no="25/QĐ-CCTHADS")


def scenario_resumed_after_suspension(staff, org):
    case = _decided(staff, org)
    _act(staff, case, "suspend", day(5), ground="49.2")
    return _act(staff, case, "resume", day(30))


def scenario_suspended_by_protest(staff, org):
    return _act(staff, _decided(staff, org), "suspend", day(5), ground="49.1")


def scenario_suspended_bankruptcy(staff, org):
    return _act(staff, _decided(staff, org), "suspend", day(5), ground="49.2")


def scenario_terminated(staff, org):
    return _act(staff, _decided(staff, org), "terminate", day(6), ground="50.1.c", decision_no="30/QĐ-CCTHADS")


def scenario_unable_address(staff, org):
    return _act(staff, _verifying(staff, org), "classify_unable", day(20), ground="44a.1.c")


def scenario_unable_assets(staff, org):
    return _act(staff, _verifying(staff, org), "classify_unable", day(20), ground="44a.1.a")


def scenario_entrusted(staff, org):
    return _act(staff, _decided(staff, org), "entrust_out", day(8), to="Chi cục Thi hành án dân sự huyện C",
                debtor_elsewhere=True, revocation_no="9/QĐ-CCTHADS", revocation_on=day(8))


def scenario_revoked(staff, org):
    return _act(staff, _decided(staff, org), "revoke", day(4), ground="37.1.c")


def scenario_notified(staff, org):
    return do_act(staff["clerk_a"], _decided(staff, org).pk, "notify_debtor", day(3))


def scenario_collected(staff, org):
    case = _decided(staff, org)
    return do_act(staff["accountant_a"], case.pk, "collect", day(10), amount=2_005_000, receipt_no="0000123")


def scenario_reverified_twice(staff, org):
    case = scenario_unable_assets(staff, org)
    do_act(staff["officer_a"], case.pk, "reverify", day(100))
    return do_act(staff["officer_a"], case.pk, "reverify", day(170))


WORDS_2005000 = "hai triệu không trăm linh năm nghìn đồng"

KIND_CASES = [
    # kind, scenario, who generates, the texts the file must contain
    (DocKind.DECIDE_PROACTIVE, _proactive, "head_a",
     ["QUYẾT ĐỊNH", "Thi hành án chủ động", "Căn cứ điểm a, b khoản 2 Điều 36 Luật Thi hành án dân sự;",
      "Căn cứ Điều 6 Nghị định số 62/2015/NĐ-CP", "một nghìn không trăm mười lăm đồng", WORDS_2005000,
      "hai triệu không trăm linh sáu nghìn không trăm mười lăm đồng", "Số: 12/QĐ-CCTHADS"]),
    (DocKind.DECIDE_ON_REQUEST, _decided, "head_a",
     ["Thi hành án theo yêu cầu", "Căn cứ khoản 1 Điều 36 Luật Thi hành án dân sự;",
      "Căn cứ Điều 7 Nghị định số 62/2015/NĐ-CP", "Xét đơn yêu cầu thi hành án ngày 05/01/2026", WORDS_2005000]),
    (DocKind.POSTPONE, scenario_postponed, "head_a",
     ["Về việc hoãn thi hành án", "Căn cứ điểm c khoản 1 Điều 48 Luật Thi hành án dân sự;",
      "Đương sự đồng ý hoãn thi hành án", "đến hết ngày 06/03/2026", "Số: 20/QĐ-CCTHADS", WORDS_2005000]),
    (DocKind.RESUME, scenario_resumed_after_postponement, "head_a",
     ["Về việc tiếp tục thi hành án", "Căn cứ khoản 4 Điều 48 Luật Thi hành án dân sự;", WORDS_2005000]),
    (DocKind.RESUME, scenario_resumed_after_suspension, "head_a",
     ["Căn cứ khoản 3 Điều 49 Luật Thi hành án dân sự;", WORDS_2005000]),
    (DocKind.SUSPEND, scenario_suspended_by_protest, "head_a",
     ["THÔNG BÁO", "Về việc tạm đình chỉ thi hành án", "Căn cứ khoản 1 Điều 49 Luật Thi hành án dân sự;",
      WORDS_2005000]),
    (DocKind.SUSPEND, scenario_suspended_bankruptcy, "head_a",
     ["QUYẾT ĐỊNH", "Căn cứ khoản 2 Điều 49 Luật Thi hành án dân sự;", "thủ tục phá sản", WORDS_2005000]),
    (DocKind.TERMINATE, scenario_terminated, "head_a",
     ["Về việc đình chỉ thi hành án", "Căn cứ điểm c khoản 1 Điều 50 Luật Thi hành án dân sự;",
      "Số: 30/QĐ-CCTHADS", WORDS_2005000]),
    (DocKind.NOT_YET_ABLE, scenario_unable_address, "head_a",
     ["Về việc chưa có điều kiện thi hành án", "Căn cứ điểm c khoản 1 Điều 44a Luật Thi hành án dân sự;",
      "Việc thi hành án bị hoãn theo điểm b khoản 1 Điều 48", "khoản 3, khoản 4 Điều 9 Nghị định số 62/2015",
      WORDS_2005000]),
    (DocKind.NOT_YET_ABLE, scenario_unable_assets, "head_a",
     ["Căn cứ điểm a khoản 1 Điều 44a Luật Thi hành án dân sự;", WORDS_2005000]),
    (DocKind.ENTRUST, scenario_entrusted, "head_a",
     ["Về việc ủy thác thi hành án",
      "Căn cứ khoản 1 Điều 55, Điều 56 và điểm a khoản 1 Điều 57 Luật Thi hành án dân sự;",
      "Ủy thác cho Chi cục Thi hành án dân sự huyện C", WORDS_2005000]),
    (DocKind.REVOKE, scenario_revoked, "head_a",
     ["Về việc thu hồi quyết định thi hành án", "Căn cứ điểm c khoản 1 Điều 37 Luật Thi hành án dân sự;",
      "Căn cứ ra quyết định về thi hành án không còn", WORDS_2005000]),
    (DocKind.NOTICE_DEBTOR, scenario_notified, "clerk_a",
     ["THÔNG BÁO", "Căn cứ Điều 39 và khoản 1 Điều 45 Luật Thi hành án dân sự;", "CHẤP HÀNH VIÊN",
      "Kính gửi: Lê Văn Đức", WORDS_2005000]),
    (DocKind.PAYOUT_NOTICE, scenario_collected, "officer_a",
     ["Về việc nhận tiền thi hành án", "Căn cứ khoản 5 Điều 47 Luật Thi hành án dân sự;",
      "Căn cứ khoản 2 Điều 49 Nghị định số 62/2015/NĐ-CP", "Kính gửi: Nguyễn Thị Mai", WORDS_2005000]),
    (DocKind.RECEIPT, scenario_collected, "accountant_a",
     ["BIÊN LAI THU TIỀN", "Căn cứ Điều 13 và Điều 17 Thông tư số 04/2023/TT-BTP", "Số: 0000123",
      "NGƯỜI NỘP TIỀN", "NGƯỜI THU TIỀN", WORDS_2005000]),
    (DocKind.CREDITOR_NOTICE, scenario_reverified_twice, "officer_a",
     ["Về kết quả xác minh điều kiện thi hành án", "Căn cứ khoản 2 Điều 44 Luật Thi hành án dân sự;",
      "Kính gửi: Nguyễn Thị Mai", "2 lần", WORDS_2005000]),
]


@pytest.mark.parametrize(("kind", "scenario", "who", "expected"), KIND_CASES,
                         ids=[f"{k.value}-{s.__name__}" for k, s, _, _ in KIND_CASES])
def test_each_document_kind_carries_the_article_of_its_kind_and_ground_and_the_amount_in_words(
        staff, org, kind, scenario, who, expected):
    case = scenario(staff, org)
    document = do_generate_document(staff[who], case.pk, kind)
    text = text_of(document)
    lowered = text.lower()
    for snippet in expected:
        assert snippet.lower() in lowered, f"{snippet!r} missing from the {kind} document:\n{text}"
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "CHI CỤC THADS HUYỆN A" in text and "CỤC THADS TỈNH P" in text
    assert "Huế, ngày" in text
    assert document.verified and document.event is not None and document.template.version == 1
    assert document.sha256 == render.sha256(document.file.open("rb").read())


def test_every_document_kind_is_covered():
    from tests.test_documents_issue14 import CASES  # issue 14 items 12, 14: entrust_revoke, return_request
    from tests.test_fee_decision_document import CASES as FEE_CASES  # issue 14 item 4: the fee documents

    assert {k for k, *_ in KIND_CASES} | {p.values[0] for p in CASES + FEE_CASES} == set(DocKind)


def test_the_signer_title_follows_the_deciding_title(staff, org):
    case = scenario_terminated(staff, org)
    head_text = text_of(do_generate_document(staff["head_a"], case.pk, DocKind.TERMINATE))
    deputy_text = text_of(do_generate_document(staff["deputy_a"], case.pk, DocKind.TERMINATE))
    assert "THỦ TRƯỞNG\n" in head_text and "Trần Thị Hoa" in head_text
    assert "KT. THỦ TRƯỞNG" in deputy_text and "PHÓ THỦ TRƯỞNG" in deputy_text and "Phạm Văn Phó" in deputy_text


def test_a_decision_dated_under_the_2026_law_is_generated_with_blanks_and_flagged(staff, org):
    case = _received(staff, org)
    case = do_act(staff["head_a"], case.pk, "decide", date(2026, 8, 3), decision_no="40/QĐ-THADS",
                  officer=staff["officer_a"].officer)
    case = do_act(staff["head_a"], case.pk, "postpone", date(2026, 8, 10), ground="48.1.c", until=date(2026, 9, 30))
    decision = do_generate_document(staff["head_a"], case.pk, DocKind.DECIDE_ON_REQUEST)
    assert decision.verified and "Căn cứ Điều 34 Luật Thi hành án dân sự;" in text_of(decision)
    postponement = do_generate_document(staff["head_a"], case.pk, DocKind.POSTPONE)
    text = text_of(postponement)
    assert not postponement.verified and ["L2025:?postpone", False] in postponement.legal_refs
    assert "106/2025/QH15" in text and "Điều ....... Luật Thi hành án dân sự quy định về hoãn" in text
    assert "Điều 48" not in text


# --------------------------------------------------------------------------------------------- refusals


def test_a_proactive_decision_is_refused_on_a_case_enforced_on_request(staff, org):
    case = _decided(staff, org)
    with pytest.raises(DocumentRefused) as exc:
        do_generate_document(staff["head_a"], case.pk, DocKind.DECIDE_PROACTIVE)
    assert exc.value.code == "initiation" and Document.objects.count() == 0


def test_a_proactive_case_with_a_debt_to_a_person_is_refused_with_the_reason(staff, org):
    case = _decided(staff, org, initiation="chu_dong", kinds=("an_phi", "tra_no"), amounts=(300_000, 5_000_000))
    with pytest.raises(DocumentRefused) as exc:
        do_generate_document(staff["head_a"], case.pk, DocKind.DECIDE_PROACTIVE)
    assert exc.value.code == "legal" and "Trả nợ" in exc.value.message


def test_a_document_needs_the_act_it_records(staff, org):
    case = _decided(staff, org)
    with pytest.raises(DocumentRefused) as exc:
        do_generate_document(staff["head_a"], case.pk, DocKind.POSTPONE)
    assert exc.value.code == "event" and "hoãn thi hành án" in exc.value.message
    unable = scenario_unable_assets(staff, org)
    do_act(staff["officer_a"], unable.pk, "reverify", day(100))
    with pytest.raises(DocumentRefused):  # one re-verification is not enough (Art. 44.2)
        do_generate_document(staff["officer_a"], unable.pk, DocKind.CREDITOR_NOTICE)


def test_an_officer_cannot_generate_a_decision_but_a_clerk_can_generate_the_notice(staff, org):
    case = scenario_postponed(staff, org)
    with pytest.raises(DocumentRefused) as exc:
        do_generate_document(staff["officer_a"], case.pk, DocKind.POSTPONE)
    assert exc.value.code == "title"
    with pytest.raises(DocumentRefused):
        do_generate_document(staff["statistician_p"], case.pk, DocKind.NOTICE_DEBTOR)
    fresh = _decided(staff, org)  # the notice may be drafted before the notification is recorded…
    assert do_generate_document(staff["clerk_a"], fresh.pk, DocKind.NOTICE_DEBTOR).event is None
    with pytest.raises(DocumentRefused):  # …but not once the case has moved on without one (postponed here)
        do_generate_document(staff["clerk_a"], case.pk, DocKind.NOTICE_DEBTOR)


def test_a_user_of_another_unit_can_neither_generate_nor_download(client, staff, org):
    case = _decided(staff, org)
    document = do_generate_document(staff["head_a"], case.pk, DocKind.DECIDE_ON_REQUEST)
    head_b = do_create_staff("head_b", PASSWORD, "Võ Văn Bắc", org["units"]["B"], Title.HEAD)
    with pytest.raises(DocumentRefused) as exc:
        do_generate_document(head_b, case.pk, DocKind.DECIDE_ON_REQUEST)
    assert exc.value.code == "scope"
    client.force_login(head_b)
    assert client.get(reverse("document-download", args=[document.pk])).status_code == 404
    assert client.get(reverse("document-pdf", args=[document.pk])).status_code == 404
    assert client.get(reverse("case-documents", args=[case.pk])).status_code == 404
    response = client.post(reverse("document-generate", args=[case.pk]), {"kind": DocKind.DECIDE_ON_REQUEST})
    assert response.status_code == 404 and Document.objects.count() == 1


def test_the_statistician_sees_the_list_but_may_not_download_personal_data(client, staff, org):
    case = _decided(staff, org)
    document = do_generate_document(staff["head_a"], case.pk, DocKind.DECIDE_ON_REQUEST)
    client.force_login(staff["statistician_p"])
    page = client.get(reverse("case-documents", args=[case.pk]))
    assert page.status_code == 200 and reverse("document-download", args=[document.pk]) not in page.content.decode()
    assert reverse("document-generate", args=[case.pk]) not in page.content.decode()
    assert client.get(reverse("document-download", args=[document.pk])).status_code == 403


# --------------------------------------------------------------------------------------------- versions, storage


def test_a_new_template_version_is_used_for_new_documents_while_old_documents_keep_theirs(staff, org, media):
    from docx import Document as Docx

    case = scenario_terminated(staff, org)
    first = do_generate_document(staff["head_a"], case.pk, DocKind.TERMINATE)
    first_bytes = first.file.open("rb").read()
    source = Docx(str(render.default_template_path(DocKind.TERMINATE)))
    source.add_paragraph("Mẫu sửa đổi lần 2 – {{ case_id }}")
    buffer = io.BytesIO()
    source.save(buffer)
    version2 = do_upload_template(staff["admin_p"], DocKind.TERMINATE, buffer.getvalue(), note="thêm dòng")
    assert version2.version == 2 and version2.active
    assert list(DocumentTemplate.objects.filter(kind=DocKind.TERMINATE).values_list("version", "active")) == [
        (2, True), (1, False)]

    second = do_generate_document(staff["head_a"], case.pk, DocKind.TERMINATE)
    assert second.template == version2 and first.template.version == 1
    assert f"Mẫu sửa đổi lần 2 – {case.ext_id}" in text_of(second)
    first.refresh_from_db()
    assert first.template.version == 1 and first.file.open("rb").read() == first_bytes
    assert "Mẫu sửa đổi" not in text_of(first) and first.sha256 == render.sha256(first_bytes)
    assert Path(first.template.file.path).exists()  # the old version's file is kept


def test_documents_are_files_under_the_media_directory_not_in_the_database(staff, org, media):
    case = _decided(staff, org)
    document = do_generate_document(staff["head_a"], case.pk, DocKind.DECIDE_ON_REQUEST)
    path = Path(document.file.path)
    assert path.is_file() and path.is_relative_to(media) and path.read_bytes()[:2] == b"PK"
    stored = Document.objects.values_list("file", flat=True).get(pk=document.pk)
    assert stored == str(path.relative_to(media)) and stored.startswith(f"documents/cases/{case.pk}/")
    assert not any(f.get_internal_type() == "BinaryField" for f in Document._meta.get_fields() if f.concrete)


def test_the_default_templates_are_what_the_build_script_makes(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_docx_templates", ROOT / "tools" / "build_docx_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert set(module.BODIES) == {k.value for k in DocKind}
    module.main([str(tmp_path)])
    for kind in DocKind:
        built = (tmp_path / f"{kind.value}.docx").read_bytes()
        assert built == render.default_template_path(kind).read_bytes(), f"rebuild {kind}.docx"


# --------------------------------------------------------------------------------------------- screens


def test_the_document_is_attached_to_the_case_and_listed_on_the_case_page(client, staff, org):
    case = scenario_postponed(staff, org)
    client.force_login(staff["head_a"])
    page = client.get(reverse("case-documents", args=[case.pk])).content.decode()
    assert reverse("document-generate", args=[case.pk]) in page
    response = client.post(reverse("document-generate", args=[case.pk]), {"kind": DocKind.POSTPONE})
    assert response.status_code == 302
    document = Document.objects.get(case=case)
    assert document.kind == DocKind.POSTPONE and document.number == "20/QĐ-CCTHADS"
    assert document.created_by == staff["head_a"] and document.event.kind == "postponed"
    detail = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert reverse("document-download", args=[document.pk]) in detail and "20/QĐ-CCTHADS" in detail
    download = client.get(reverse("document-download", args=[document.pk]))
    assert download.status_code == 200
    assert "điểm c khoản 1 Điều 48" in docx_text(b"".join(download.streaming_content))


def test_the_pdf_view_explains_in_vietnamese_when_libreoffice_is_absent(client, staff, org, settings):
    settings.SOFFICE_PATH = ""
    case = _decided(staff, org)
    document = do_generate_document(staff["head_a"], case.pk, DocKind.DECIDE_ON_REQUEST)
    client.force_login(staff["head_a"])
    response = client.get(reverse("document-pdf", args=[document.pk]))
    assert response.status_code == 503
    assert "Máy chủ chưa cài LibreOffice" in response.content.decode()


@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice is not installed")
def test_the_pdf_view_converts_with_libreoffice_when_it_is_installed(client, staff, org):
    case = _decided(staff, org)
    document = do_generate_document(staff["head_a"], case.pk, DocKind.DECIDE_ON_REQUEST)
    client.force_login(staff["head_a"])
    response = client.get(reverse("document-pdf", args=[document.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content[:5] == b"%PDF-"


def test_an_administrator_uploads_a_version_and_previews_it_on_the_sample_case(client, staff, org):
    from django.contrib.auth import get_user_model

    root = get_user_model().objects.create_superuser("root", password="x-Y-z-12345678")
    client.force_login(root)
    data = render.default_template_path(DocKind.POSTPONE).read_bytes()
    add = reverse("admin:documents_documenttemplate_add")
    response = client.post(add, {"kind": DocKind.POSTPONE, "note": "v2", "active": "on",
                                 "file": _upload("postpone.docx", data)})
    assert response.status_code == 302, response.content.decode()[:2000]
    version = DocumentTemplate.objects.get(kind=DocKind.POSTPONE, active=True)
    assert version.version == 2 and version.uploaded_by == root
    preview = client.get(reverse("admin:documents_documenttemplate_preview", args=[version.pk]))
    assert preview.status_code == 200
    text = docx_text(preview.content)
    assert "Căn cứ điểm c khoản 1 Điều 48 Luật Thi hành án dân sự;" in text and "Lê Văn Bình" in text
    case = scenario_postponed(staff, org)
    on_case = client.get(reverse("admin:documents_documenttemplate_preview", args=[version.pk]), {"case": case.pk})
    assert "Lê Văn Đức" in docx_text(on_case.content) and "20/QĐ-CCTHADS" in docx_text(on_case.content)


def test_an_upload_with_an_unknown_field_is_refused(client, db):
    from django.contrib.auth import get_user_model
    from docx import Document as Docx

    client.force_login(get_user_model().objects.create_superuser("root", password="x-Y-z-12345678"))
    source = Docx()
    source.add_paragraph("{{ so_quyet_dinh_cu }}")
    buffer = io.BytesIO()
    source.save(buffer)
    response = client.post(reverse("admin:documents_documenttemplate_add"), {
        "kind": DocKind.TERMINATE, "active": "on", "file": _upload("x.docx", buffer.getvalue())})
    assert response.status_code == 200 and "so_quyet_dinh_cu" in response.content.decode()
    assert not DocumentTemplate.objects.filter(kind=DocKind.TERMINATE).exclude(version=1).exists()


def _upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_names_with_markup_characters_come_out_intact(staff, org):
    case = do_receive(staff["head_a"], org["units"]["A"], on=day(0), initiation="theo_don", judgment_kind="dan_su",
                      court="Tòa án <nhân dân> huyện A", judgment_number="7/2025/KDTM-ST", judgment_date=day(-30),
                      debtors=[PartyData("Công ty A & B {{ x }}", kind="organisation")],
                      creditors=[PartyData("Ngân hàng \"Sài Gòn\"")], obligations=[ObligationData("tra_no", "person", 10)])
    case = do_act(staff["head_a"], case.pk, "decide", day(2), officer=staff["officer_a"].officer)
    text = text_of(do_generate_document(staff["head_a"], case.pk, DocKind.DECIDE_ON_REQUEST))
    assert "Công ty A & B {{ x }}" in text and "Tòa án <nhân dân> huyện A" in text and "Ngân hàng \"Sài Gòn\"" in text
    assert "Mười đồng" in text and "Số:         /QĐ-THADS" in text  # no number recorded: left for the clerical office


def test_every_ground_of_the_statute_has_its_wording(db):
    for kind, grounds in legal.GROUNDS.items():
        for ground in grounds:
            assert ground in legal.GROUND_TEXT, (kind, ground)
            assert legal_text(kind, on=day(0), ground=ground).ground_text


# --------------------------------------------------------------------------------------------- audit (issue 12, M1)


def test_downloading_a_document_leaves_a_read_row_naming_the_personal_data_it_holds(client, staff, org):
    from thads.org.models import AuditEvent

    case = _decided(staff, org)
    document = do_generate_document(staff["head_a"], case.pk, DocKind.DECIDE_ON_REQUEST)
    client.force_login(staff["head_a"])
    assert not AuditEvent.objects.filter(action="document.download").exists()
    assert client.get(reverse("document-download", args=[document.pk])).status_code == 200
    [row] = AuditEvent.objects.filter(action="document.download")
    assert row.kind == "read" and row.user == staff["head_a"] and row.object_id == str(document.pk)
    assert row.unit == org["units"]["A"] and row.case_ext_id == case.ext_id
    assert {"party.id_number", "party.address", "party.name"} <= set(row.after["fields"])


def test_a_refused_download_leaves_no_read_row(client, staff, org):
    from thads.org.models import AuditEvent

    case = _decided(staff, org)
    document = do_generate_document(staff["head_a"], case.pk, DocKind.DECIDE_ON_REQUEST)
    client.force_login(staff["statistician_p"])
    assert client.get(reverse("document-download", args=[document.pk])).status_code == 403
    assert not AuditEvent.objects.filter(kind="read", action__startswith="document.").exists()


def test_opening_a_document_as_pdf_leaves_a_read_row(client, staff, org, monkeypatch):
    from thads.documents import pdf
    from thads.org.models import AuditEvent

    monkeypatch.setattr(pdf, "docx_to_pdf", lambda data: b"%PDF-1.4 test")
    case = _decided(staff, org)
    document = do_generate_document(staff["head_a"], case.pk, DocKind.DECIDE_ON_REQUEST)
    client.force_login(staff["head_a"])
    response = client.get(reverse("document-pdf", args=[document.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    [row] = AuditEvent.objects.filter(action="document.pdf")
    assert row.kind == "read" and row.user == staff["head_a"] and row.case_ext_id == case.ext_id
    assert "party.id_number" in row.after["fields"] and row.unit == org["units"]["A"]


def test_the_pdf_page_that_says_libreoffice_is_missing_leaves_no_read_row(client, staff, org, settings):
    from thads.org.models import AuditEvent

    settings.SOFFICE_PATH = ""
    case = _decided(staff, org)
    document = do_generate_document(staff["head_a"], case.pk, DocKind.DECIDE_ON_REQUEST)
    client.force_login(staff["head_a"])
    assert client.get(reverse("document-pdf", args=[document.pk])).status_code == 503
    assert not AuditEvent.objects.filter(action="document.pdf").exists()
