"""Issue 15: every security or coercive measure, exit ban and coercion plan "is a decision with its document from the
documents context". The measures are made with the assets actions (``thads.assets.actions``); their documents are
generated through ``thads.assets.documents`` and written by ``documents.actions.do_generate_document`` (scope, the
title that may sign — the officer's decisions, the head's exit ban — the file, SHA-256, template version, the
``document.generate`` audit row). Each document is opened with python-docx and read: title, the article, the decision
number, the amount in figures and in words."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.urls import include, path, reverse

from thads.assets import actions
from thads.assets.actions_coercion import do_plan_coercion
from thads.assets.documents import generate_measure_document, generate_plan_document, measure_facts
from thads.cases.actions import ObligationData, PartyData, do_act, do_receive
from thads.documents.generate import DocumentRefused
from thads.documents.models import Document
from thads.documents.render import sha256
from thads.domain.measure_texts import DECISION_KIND, MeasureDocKind, MeasureFacts, measure_legal_text
from thads.domain.roles import Title
from thads.domain.words import amount_in_figures, amount_in_words, sentence_case
from thads.org.actions import do_create_staff
from thads.org.models import AuditEvent

ID = "046090001234"
ROOT = Path(__file__).resolve().parent.parent

# The measure-document URLs under /assets/ even before ``assets.urls`` includes ``assets.document_urls`` (then the
# second include is never reached).
urlpatterns = [path("assets/", include("thads.assets.document_urls")), path("", include("thads.urls"))]
pytestmark = pytest.mark.urls(__name__)


def d(day: int, month: int = 3) -> date:
    return date(2026, month, day)


def docx_text(document: Document) -> str:
    from docx import Document as Docx

    with document.file.open("rb") as fh:
        doc = Docx(io.BytesIO(fh.read()))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts += [p.text for p in cell.paragraphs]
    return "\n".join(parts)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def world(staff, org):
    """A decided and notified case (voluntary period to 16/03/2026), its debtor's register and one asset per
    measure (a measure of a kind is refused twice on one asset)."""
    officer = staff["officer_a"]
    case = do_receive(staff["head_a"], org["units"]["A"], on=d(2), initiation="theo_don", judgment_kind="dan_su",
                      court="TAND huyện A", judgment_number="45/2025/DS-ST", judgment_date=d(2, 1),
                      debtors=[PartyData("Lê Văn Đức", ID, "Phú Thuận")], creditors=[PartyData("Nguyễn Thị Mai")],
                      obligations=[ObligationData("tra_no", "person", 300_000_000)])
    do_act(staff["head_a"], case.pk, "decide", d(3), decision_no="12/QĐ-CCTHADS", officer=officer.officer)
    do_act(officer, case.pk, "notify_debtor", d(4))
    debtor = actions.do_register_debtor(officer, case.pk, name="Lê Văn Đức", id_number=ID, address="Phú Thuận")

    def asset(kind, description, **kw):
        return actions.do_record_asset(officer, debtor.pk, kind=kind, description=description, found_on=d(6), **kw)

    assets = {
        "account_freeze": asset("bank_account", "Tài khoản thanh toán", holder="Ngân hàng X",
                                identifiers={"account_no": "0123456789"}, estimated_value=80_000_000),
        "account_deduction": asset("bank_account", "Tài khoản tiết kiệm", holder="Ngân hàng Y",
                                   identifiers={"account_no": "9876543210"}, estimated_value=60_000_000),
        "income_deduction": asset("wage", "Tiền lương", holder="Công ty Z", estimated_value=10_000_000),
        "third_party_collection": asset("receivable", "Khoản tiền bán hàng", holder="Ông Trần Văn Nợ",
                                        estimated_value=20_000_000),
        "distraint": asset("land", "Quyền sử dụng đất thửa 12", identifiers={"certificate_no": "CS 01234"},
                           estimated_value=500_000_000, encumbrance="Thế chấp", secured_creditor="Ngân hàng X",
                           secured_amount=100_000_000),
        "transfer_ban": asset("house", "Nhà ở số 3 đường Lê Lợi", estimated_value=900_000_000),
        "asset_seizure": asset("vehicle", "Xe ô tô", identifiers={"plate": "75A-123.45"}, estimated_value=300_000_000),
        "forced_exploitation": asset("movable", "Dây chuyền xay xát", estimated_value=200_000_000),
        "forced_handover": asset("other", "Giấy tờ xe máy", estimated_value=1_000_000),
    }
    return {"case": case, "debtor": debtor, "assets": assets, **staff}


AFTER_VOLUNTARY = date(2026, 3, 17)  # a coercive measure after the voluntary period (Art. 46.1)


def decide(world, kind: str, *, on: date = AFTER_VOLUNTARY, amount: int = 0, **kw):
    asset = world["assets"].get(kind)
    return actions.do_decide_measure(world["officer_a"], world["case"].pk, kind=kind, on=on,
                                     decision_no=f"{kind[:4].upper()}-07/QĐ", asset_id=asset.pk if asset else None,
                                     amount=amount, **kw)


def staff_of(org, name: str, title: Title):
    return do_create_staff(name, "x-Passw0rd-x", f"Người {name}", org["units"]["A"], title)


def _rows() -> tuple[int, int, int]:
    return Document.objects.count(), AuditEvent.objects.filter(action="document.generate").count(), \
        sum(1 for _ in Path(Document.file.field.storage.location).rglob("*.docx")) \
        if Path(Document.file.field.storage.location).exists() else 0


# ------------------------------------------------------------------------------------------------ decisions

DECISIONS = [
    pytest.param("account_freeze", 80_000_000, "Về việc phong tỏa tài khoản", "Điều 67",
                 ("Ngân hàng X", "0123456789"), id="Art. 67: freeze of an account"),
    pytest.param("asset_seizure", 0, "Về việc tạm giữ tài sản, giấy tờ", "Điều 68", ("75A-123.45",),
                 id="Art. 68: temporary seizure"),
    pytest.param("transfer_ban", 0, "tạm dừng việc đăng ký, chuyển quyền sở hữu", "Điều 69", ("Lê Lợi",),
                 id="Art. 69: transfer ban"),
    pytest.param("account_deduction", 60_000_000, "Về việc khấu trừ tiền trong tài khoản", "Điều 76",
                 ("9876543210",), id="Art. 76: deduction from an account"),
    pytest.param("income_deduction", 3_000_000, "trừ vào thu nhập", "Điều 78", ("Công ty Z",),
                 id="Art. 78: deduction from income"),
    pytest.param("third_party_collection", 20_000_000, "Về việc thu tiền", "Điều 81", ("Ông Trần Văn Nợ",),
                 id="Art. 81: money a third party holds"),
    pytest.param("distraint", 150_000_000, "cưỡng chế kê biên tài sản", "Điều 89, Điều 90",
                 ("CS 01234", "bảo đảm cho Ngân hàng X"), id="Arts. 87-90: distraint of mortgaged land"),
    pytest.param("forced_exploitation", 0, "cưỡng chế khai thác tài sản", "Điều 107", ("dây chuyền xay xát",),
                 id="Art. 107: forced exploitation"),
    pytest.param("forced_handover", 0, "chuyển giao vật, giấy tờ", "Điều 114", ("Nguyễn Thị Mai",),
                 id="Art. 114: forced handover"),
    pytest.param("forced_act", 0, "thực hiện hoặc không thực hiện công việc", "Điều 118", ("Lê Văn Đức",),
                 id="Arts. 118-119: forced act"),
    pytest.param("exit_ban", 0, "Về việc tạm hoãn xuất cảnh", "Điều 51 Nghị định số 62/2015", ("49/2019/QH14",),
                 id="Decree 62 Art. 51: exit ban"),
]


@pytest.mark.parametrize("kind, amount, subject, article, shown", DECISIONS)
def test_every_measure_has_its_decision_document(world, org, kind, amount, subject, article, shown):
    measure = decide(world, kind, amount=amount)
    signer = world["head_a"] if kind == "exit_ban" else world["officer_a"]
    audits = AuditEvent.objects.filter(action="document.generate").count()
    document = generate_measure_document(signer, measure.pk)
    text = docx_text(document)
    assert (document.kind, document.subject, document.number, document.on) == \
        (DECISION_KIND[kind].value, f"measure:{measure.pk}", measure.decision_no, measure.decided_on)
    assert document.template.version == 1 and document.verified and document.case_id == world["case"].pk
    with document.file.open("rb") as fh:
        assert sha256(fh.read()) == document.sha256
    assert AuditEvent.objects.filter(action="document.generate").count() == audits + 1
    assert "QUYẾT ĐỊNH" in text and subject in text and article in text
    assert f"Số: {measure.decision_no}" in text and "Căn cứ Quyết định thi hành án số 12/QĐ-CCTHADS" in text
    assert ("THỦ TRƯỞNG" if kind == "exit_ban" else "CHẤP HÀNH VIÊN") in text
    for word in shown:
        assert word in text
    if amount:
        assert amount_in_figures(amount) in text and sentence_case(amount_in_words(amount)) in text
    assert f"measure:{measure.pk}" in [d.subject for d in Document.objects.filter(case=world["case"])]


def test_a_third_party_collection_from_business_income_cites_art_79(world):
    business = actions.do_record_asset(world["officer_a"], world["debtor"].pk, kind="business_income",
                                       description="Thu nhập từ cửa hàng", found_on=d(6), estimated_value=5_000_000)
    measure = actions.do_decide_measure(world["officer_a"], world["case"].pk, kind="third_party_collection", on=d(17),
                                        asset_id=business.pk, amount=2_000_000)
    text = docx_text(generate_measure_document(world["officer_a"], measure.pk))
    assert "khoản 1 Điều 71, Điều 79" in text and "Điều 22 Nghị định" in text and "Điều 81" not in text


# ------------------------------------------------------------------------------------------------ releases

RELEASES = [
    pytest.param("account_freeze", "Về việc chấm dứt phong tỏa tài khoản", "khoản 3 Điều 67, Điều 77",
                 id="Arts. 67.3, 77: end of a freeze"),
    pytest.param("distraint", "Về việc giải tỏa kê biên tài sản", "Điều 105", id="Art. 105: release of a distraint"),
    pytest.param("asset_seizure", "Về việc trả lại tài sản, giấy tờ tạm giữ", "khoản 5 Điều 68",
                 id="Art. 68.5: seized assets returned"),
    pytest.param("exit_ban", "Về việc chấm dứt tạm hoãn xuất cảnh", "Điều 51 Nghị định",
                 id="Decree 62 Art. 51: end of the exit ban"),
]


@pytest.mark.parametrize("kind, subject, article", RELEASES)
def test_a_released_measure_has_its_release_decision(world, kind, subject, article):
    measure = decide(world, kind, on=d(9) if kind != "distraint" else d(17), amount=0)
    actions.do_release_measure(world["officer_a"], measure.pk, on=d(20), decision_no="20/QĐ-CDPT",
                               reason="Người phải thi hành án đã nộp đủ tiền")
    signer = world["head_a"] if kind == "exit_ban" else world["officer_a"]
    document = generate_measure_document(signer, measure.pk, release=True)
    text = docx_text(document)
    assert (document.kind, document.number, document.on) == ("measure_release", "20/QĐ-CDPT", d(20))
    assert subject in text and article in text and "Người phải thi hành án đã nộp đủ tiền" in text
    assert f"Quyết định số {measure.decision_no} ngày 09/03/2026" in text or kind == "distraint"


def test_a_cancelled_measure_is_revoked_under_art_37_1(world):
    measure = decide(world, "transfer_ban", on=d(9))
    actions.do_cancel_measure(world["officer_a"], measure.pk, on=d(10), reason="Quyết định có sai sót")
    text = docx_text(generate_measure_document(world["officer_a"], measure.pk, release=True))
    assert "Về việc thu hồi quyết định" in text and "khoản 1 Điều 37" in text and "Điều 1. Thu hồi" in text


def test_the_release_of_a_deduction_flags_its_unverified_basis(world):
    measure = decide(world, "account_deduction", amount=10_000_000)
    actions.do_release_measure(world["officer_a"], measure.pk, on=d(20), reason="Đã khấu trừ xong")
    document = generate_measure_document(world["officer_a"], measure.pk, release=True)
    assert not document.verified and ["L2008:37.1", False] in document.legal_refs


def test_no_release_document_while_the_measure_is_in_force_and_nothing_is_written(world):
    measure = decide(world, "account_freeze", on=d(9), amount=1_000_000)
    before = _rows()
    with pytest.raises(DocumentRefused) as exc:
        generate_measure_document(world["officer_a"], measure.pk, release=True)
    assert exc.value.code == "subject" and _rows() == before


# ------------------------------------------------------------------------------------------------ the plan

def test_the_coercion_plan_document_has_the_contents_of_art_72_2(world):
    measure = decide(world, "distraint", amount=150_000_000)
    plan = do_plan_coercion(world["officer_a"], world["case"].pk,
                            starts_at=datetime(2026, 3, 24, 8, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
                            place="Thôn 3, xã Phú Thuận", mobilised_forces=True, forces="Công an xã Phú Thuận",
                            cost_estimate=3_500_000, measure_id=measure.pk)
    document = generate_plan_document(world["officer_a"], plan.pk)
    text = docx_text(document)
    assert (document.kind, document.subject, document.number) == ("coercion_plan", f"plan:{plan.pk}", "")
    assert "KẾ HOẠCH" in text and "Điều 71, Điều 72" in text and "khoản 2 Điều 13 Nghị định" in text
    assert "08 giờ 30 ngày 24/03/2026" in text and "Thôn 3, xã Phú Thuận" in text and "Công an xã Phú Thuận" in text
    assert "Kê biên, xử lý tài sản" in text and amount_in_figures(3_500_000) in text
    assert sentence_case(amount_in_words(3_500_000)) in text and "PHÊ DUYỆT CỦA THỦ TRƯỞNG" in text


# ------------------------------------------------------------------------------------------------ refusals

def test_a_user_of_another_unit_is_refused_and_nothing_is_written(world):
    measure = decide(world, "account_freeze", on=d(9), amount=1_000_000)
    before = _rows()
    with pytest.raises(DocumentRefused) as exc:
        generate_measure_document(world["officer_b"], measure.pk)
    assert exc.value.code == "scope" and _rows() == before


@pytest.mark.parametrize("kind, title", [
    pytest.param("account_freeze", Title.CLERK, id="Art. 67.2: the freeze is the officer's, not the clerk's"),
    pytest.param("distraint", Title.ACCOUNTANT, id="Art. 71: the distraint is the officer's"),
    pytest.param("exit_ban", Title.OFFICER, id="Decree 62 Art. 51: the exit ban is the head's"),
])
def test_a_title_that_may_not_sign_is_refused_and_nothing_is_written(world, org, kind, title):
    measure = decide(world, kind, on=d(9) if kind != "distraint" else d(17))
    user = world["officer_a"] if title == Title.OFFICER else staff_of(org, f"u_{title}", title)
    before = _rows()
    with pytest.raises(DocumentRefused) as exc:
        generate_measure_document(user, measure.pk)
    assert exc.value.code == "title" and _rows() == before


def test_the_deputy_signs_the_exit_ban_on_behalf_of_the_head(world, org):
    measure = decide(world, "exit_ban", on=d(9))
    text = docx_text(generate_measure_document(staff_of(org, "deputy_a", Title.DEPUTY), measure.pk))
    assert "KT. THỦ TRƯỞNG" in text and "PHÓ THỦ TRƯỞNG" in text


def test_personal_data_is_printed_only_for_a_user_with_the_right(world, monkeypatch):
    measure = decide(world, "account_freeze", on=d(9), amount=1_000_000)
    shown = docx_text(generate_measure_document(world["officer_a"], measure.pk))
    assert "0123456789" in shown and ID in shown and "Phú Thuận" in shown
    from thads.assets import documents as assets_documents
    from thads.documents import actions as documents_actions
    from thads.org.scope import Action

    def no_personal_data(user, action, unit):
        return action != Action.PERSONAL_DATA

    monkeypatch.setattr(assets_documents, "allowed", no_personal_data)
    monkeypatch.setattr(documents_actions, "allowed", no_personal_data)
    hidden = docx_text(generate_measure_document(world["officer_a"], measure.pk))
    assert "0123456789" not in hidden and ID not in hidden and "Lê Văn Đức" in hidden
    assert measure_facts(measure, personal=False).identifiers == ""


def test_a_measure_kind_is_not_generated_without_its_measure(world):
    with pytest.raises(DocumentRefused) as exc:
        from thads.documents.actions import do_generate_document
        do_generate_document(world["officer_a"], world["case"].pk, MeasureDocKind.ACCOUNT_FREEZE)
    assert exc.value.code == "subject"


def test_acts_from_1_july_2026_print_blank_bases_to_fill_in():
    facts = MeasureFacts(measure_kind="account_freeze", on=date(2026, 7, 1))
    text = measure_legal_text(MeasureDocKind.ACCOUNT_FREEZE, facts)
    assert not text.verified and text.bases[0].text.startswith("Căn cứ Điều .......")
    assert measure_legal_text(MeasureDocKind.ACCOUNT_FREEZE, MeasureFacts("account_freeze", date(2026, 6, 30))).verified


# ------------------------------------------------------------------------------------------------ pages, templates

def test_the_measure_page_button_generates_the_document_and_lists_it(client, world):
    measure = decide(world, "account_freeze", on=d(9), amount=1_000_000)
    client.force_login(world["officer_a"])
    response = client.post(reverse("assets-measure-document", args=[measure.pk]), {"document": "decision"})
    assert response.status_code == 302 and response.url == reverse("assets-measure-detail", args=[measure.pk])
    document = Document.objects.get(subject=f"measure:{measure.pk}")
    download = client.get(reverse("document-download", args=[document.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = world["officer_a"]
    html = Template("{% load assets_documents %}{% measure_documents measure %}").render(
        Context({"request": request, "measure": measure}))
    assert reverse("document-download", args=[document.pk]) in html
    assert reverse("assets-measure-document", args=[measure.pk]) in html


def test_a_refused_button_says_why_and_another_units_measure_is_not_found(client, world, org):
    measure = decide(world, "exit_ban", on=d(9))
    client.force_login(world["officer_a"])
    response = client.post(reverse("assets-measure-document", args=[measure.pk]), follow=True)
    assert "Thủ trưởng" in response.content.decode() and not Document.objects.exists()
    client.force_login(world["officer_b"])
    assert client.post(reverse("assets-measure-document", args=[measure.pk])).status_code == 404


def test_the_measure_templates_are_what_the_build_script_makes(tmp_path):
    import importlib.util

    from thads.documents.render import default_template_path

    spec = importlib.util.spec_from_file_location("build_docx_templates", ROOT / "tools" / "build_docx_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert set(module.MEASURE_KINDS) == {k.value for k in MeasureDocKind}
    module.main([str(tmp_path)])
    for kind in MeasureDocKind:
        assert (tmp_path / f"{kind.value}.docx").read_bytes() == default_template_path(kind).read_bytes(), kind


def test_a_measure_template_version_is_uploaded_checked_and_previewed_like_the_others(client, staff, admin_user):
    from thads.documents.actions import active_template, do_upload_template
    from thads.documents.render import default_template_path, undeclared_fields

    data = default_template_path(MeasureDocKind.EXIT_BAN).read_bytes()
    assert undeclared_fields(io.BytesIO(data)) == set()
    assert active_template(MeasureDocKind.EXIT_BAN).version == 1
    version = do_upload_template(admin_user, "measure_exit_ban", data, note="Mẫu của tỉnh")
    assert (version.version, version.active, active_template("measure_exit_ban").pk) == (2, True, version.pk)
    client.force_login(admin_user)
    preview = client.get(reverse("admin:documents_documenttemplate_preview", args=[version.pk]))
    assert preview.status_code == 200 and preview.content[:2] == b"PK"
