"""The assets pages (issue 15): the debtor register, a debtor's and an asset's page, a measure's page, the forms of
every step and the case page's panel "Tài sản và biện pháp". Who sees what (scope: another unit's objects are not
found; title: read-only titles are refused the forms; personal data: hidden without the right and audited when
shown), that a refused or repeated POST writes nothing and that a GET writes nothing but its read rows, and the
whole path of an account freeze through the forms to the case file.
"""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser.helpers import enforcing_case
from thads.assets.actions import do_decide_measure, do_record_asset, do_register_debtor, do_request_information
from thads.assets.models import (
    Asset,
    AuctionSession,
    CoercionPlan,
    CostEntry,
    Debtor,
    DebtorCase,
    InfoRequest,
    Measure,
    MeasureEvent,
    Valuation,
)
from thads.domain.measures import MEASURE_LABELS_VI, MeasureKind
from thads.org.models import AuditEvent

pytestmark = pytest.mark.django_db

ID_NUMBER, ACCOUNT_NO, CERTIFICATE_NO = "046090001234", "0071000123456", "CS 04567"


def _day(days_ago: int = 0):
    return timezone.localdate() - timedelta(days=days_ago)


def _d(day) -> str:
    return day.strftime("%d/%m/%Y")


@pytest.fixture
def world(staff, org):
    """officer_a's enforceable case with its debtor in the register, a bank account and a mortgaged plot found, an
    information request sent and an account freeze decided."""
    officer = staff["officer_a"]
    case = enforcing_case(org)
    debtor = do_register_debtor(officer, case.pk, name="Nguyễn Văn Đức", id_number=ID_NUMBER, address="12 Lê Lợi, Huế")
    account = do_record_asset(officer, debtor.pk, kind="bank_account", description="Tài khoản thanh toán",
                              holder="Vietcombank chi nhánh Huế", found_on=_day(5), estimated_value=25_000_000,
                              identifiers={"account_no": ACCOUNT_NO})
    land = do_record_asset(officer, debtor.pk, kind="land", description="Thửa đất số 112, tờ bản đồ số 7",
                           found_on=_day(4), estimated_value=900_000_000, encumbrance="Thế chấp",
                           secured_creditor="Agribank Huế", secured_amount=300_000_000,
                           identifiers={"certificate_no": CERTIFICATE_NO})
    request = do_request_information(officer, debtor.pk, body="Ngân hàng BIDV Huế", asset_kind="bank_account",
                                     requested_on=_day(3), case_id=case.pk)
    measure = do_decide_measure(officer, case.pk, kind=MeasureKind.ACCOUNT_FREEZE.value, on=_day(2),
                                decision_no="05/QĐ-CCTHADS", asset_id=account.pk, amount=10_000_000)
    return SimpleNamespace(case=case, debtor=debtor, account=account, land=land, request=request, measure=measure)


def _urls(w) -> dict[str, str]:
    """Every assets page about the world's objects (the forms by their GET)."""
    return {
        "debtor list": reverse("assets-debtor-list"),
        "debtor detail": reverse("assets-debtor-detail", args=[w.debtor.pk]),
        "asset detail": reverse("assets-asset-detail", args=[w.account.pk]),
        "measure detail": reverse("assets-measure-detail", args=[w.measure.pk]),
        "declaration form": reverse("assets-debtor-declaration", args=[w.debtor.pk]),
        "address unknown form": reverse("assets-debtor-address-unknown", args=[w.debtor.pk]),
        "request form": reverse("assets-request-new", args=[w.debtor.pk]),
        "reply form": reverse("assets-request-reply", args=[w.request.pk]),
        "asset form": reverse("assets-asset-new", args=[w.debtor.pk]),
        "measure form": reverse("assets-measure-new", args=[w.case.pk]),
        "execute form": reverse("assets-measure-step", args=[w.measure.pk, "execute"]),
        "cancel form": reverse("assets-measure-step", args=[w.measure.pk, "cancel"]),
        "release form": reverse("assets-measure-step", args=[w.measure.pk, "release"]),
        "plan form": reverse("assets-plan-new", args=[w.case.pk]),
        "cost form": reverse("assets-cost-new", args=[w.case.pk]),
        "valuation form": reverse("assets-valuation", args=[w.land.pk]),
        "auction contract form": reverse("assets-auction-contract", args=[w.land.pk]),
        "return form": reverse("assets-return", args=[w.land.pk]),
    }


OBJECT_PAGES = ["debtor detail", "asset detail", "measure detail"]
FORMS = ["declaration form", "address unknown form", "request form", "reply form", "asset form", "measure form", "execute form",
         "cancel form", "release form", "plan form", "cost form", "valuation form", "auction contract form",
         "return form"]


def _counts() -> tuple[int, ...]:
    """Every assets table and the audit log's write rows."""
    models = (Debtor, DebtorCase, Asset, InfoRequest, Measure, MeasureEvent, CoercionPlan, CostEntry, Valuation,
              AuctionSession)
    return (*(m.objects.count() for m in models), AuditEvent.objects.filter(kind="write").count())


# ------------------------------------------------------------------------------------------------- access


@pytest.mark.parametrize("persona", ["officer_a", "head_a"])
@pytest.mark.parametrize("page", ["debtor list", *OBJECT_PAGES, *FORMS])
def test_every_assets_page_opens_for_the_units_officer_and_head(client, staff, world, persona, page):
    client.force_login(staff[persona])
    before = _counts()
    response = client.get(_urls(world)[page])
    assert response.status_code == 200, page
    assert _counts() == before, "a GET wrote something"


@pytest.mark.parametrize("page", [*OBJECT_PAGES, *FORMS])
def test_another_units_officer_finds_no_assets_page_of_this_unit(client, staff, world, page):
    client.force_login(staff["officer_b"])
    assert client.get(_urls(world)[page]).status_code == 404


@pytest.mark.parametrize("page", FORMS)
def test_a_statistician_may_read_but_is_refused_every_form(client, staff, world, page):
    client.force_login(staff["statistician_p"])
    assert client.get(_urls(world)[page]).status_code == 403
    before = _counts()
    assert client.post(_urls(world)[page], {"on": _d(_day()), "token": "t"}).status_code == 403
    assert _counts() == before


def test_the_register_lists_only_the_debtors_of_the_users_scope(client, staff, world):
    client.force_login(staff["officer_b"])
    assert "Nguyễn Văn Đức" not in client.get(reverse("assets-debtor-list")).content.decode()
    client.force_login(staff["officer_a"])
    assert "Nguyễn Văn Đức" in client.get(reverse("assets-debtor-list")).content.decode()


# ------------------------------------------------------------------------------------------------- personal data


@pytest.mark.parametrize(("persona", "sees"), [("officer_a", True), ("statistician_p", False)],
                         ids=["officer sees and is logged", "statistician sees nothing (Decree 13/2023)"])
@pytest.mark.parametrize(("page", "secrets", "action"), [
    ("debtor detail", [ID_NUMBER, ACCOUNT_NO, CERTIFICATE_NO], "assets.debtor.view"),
    ("asset detail", [ACCOUNT_NO], "assets.asset.view"),
    ("case page", [ACCOUNT_NO, CERTIFICATE_NO], "case.assets_panel"),
])
def test_personal_data_is_shown_only_with_the_right_and_each_showing_is_logged(client, staff, world, persona, sees,
                                                                               page, secrets, action):
    client.force_login(staff[persona])
    url = reverse("case-detail", args=[world.case.pk]) if page == "case page" else _urls(world)[page]
    reads = AuditEvent.objects.filter(kind="read", action=action).count()
    body = client.get(url).content.decode()
    for secret in secrets:
        assert (secret in body) is sees, secret
    assert AuditEvent.objects.filter(kind="read", action=action).count() == reads + (1 if sees else 0)
    if not sees:
        assert "•••" in body


def test_an_id_number_search_finds_the_debtor_for_who_may_see_it_and_is_logged(client, staff, world):
    client.force_login(staff["officer_a"])
    body = client.get(reverse("assets-debtor-list"), {"q": ID_NUMBER}).content.decode()
    assert reverse("assets-debtor-detail", args=[world.debtor.pk]) in body
    assert AuditEvent.objects.filter(kind="read", action="assets.debtor_search").count() == 1
    client.force_login(staff["statistician_p"])
    body = client.get(reverse("assets-debtor-list"), {"q": ID_NUMBER}).content.decode()
    assert reverse("assets-debtor-detail", args=[world.debtor.pk]) not in body
    assert AuditEvent.objects.filter(kind="read", action="assets.debtor_search").count() == 1


@pytest.mark.parametrize("q", ["nguyen van duc", "Đức", "nguyen van d"], ids=["unaccented", "accented", "prefix"])
def test_a_name_search_ignores_diacritics(client, staff, world, q):
    client.force_login(staff["officer_a"])
    body = client.get(reverse("assets-debtor-list"), {"q": q}).content.decode()
    assert reverse("assets-debtor-detail", args=[world.debtor.pk]) in body


def test_the_register_downloads_as_xlsx_with_the_lists_rows_and_no_id_number(client, staff, world):
    client.force_login(staff["officer_a"])
    response = client.get(reverse("assets-debtor-list-xlsx"))
    assert response.status_code == 200 and response["X-THADS-Rows"] == "1"
    import io

    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [c.value for row in sheet.iter_rows() for c in row]
    assert "Nguyễn Văn Đức" in cells and ID_NUMBER not in cells


# ------------------------------------------------------------------------------------------------- refusals


def test_art_67_a_freeze_of_a_plot_of_land_is_refused_on_the_page_and_writes_nothing(client, staff, world):
    client.force_login(staff["officer_a"])
    before = _counts()
    response = client.post(reverse("assets-measure-new", args=[world.case.pk]), {
        "kind": MeasureKind.ACCOUNT_FREEZE.value, "on": _d(_day()), "decision_no": "06/QĐ", "asset_id": world.land.pk,
        "amount": "1.000.000", "token": "tk-refused"})
    assert response.status_code == 200
    assert 'class="errors"' in response.content.decode() or "errorlist" in response.content.decode()
    assert _counts() == before


def _next_weekday(weekday: int):
    day = _day() + timedelta(days=1)
    while day.weekday() != weekday:
        day += timedelta(days=1)
    return day


@pytest.mark.parametrize(("day", "forces", "why"), [
    (lambda: _next_weekday(6), False, "khoản 2 Điều 46"),
    (lambda: None, True, "Tết Nguyên đán"),
], ids=["Art. 46.2 Sunday", "Decree 62 Art. 13.2 Tet window with forces"])
def test_a_coercion_plan_on_a_rest_day_or_around_tet_is_refused_with_the_reason(client, staff, world, day, forces,
                                                                                why):
    from thads.deadlines.service import current_calendar

    on = day()
    if on is None:  # a working day inside the next Tết window that the calendar knows
        calendar = current_calendar()
        first, last = next((calendar.tet_window(y) for y in range(_day().year, calendar.last_year + 1)
                            if calendar.tet_window(y)[1] > _day()), (None, None))
        if first is None:
            pytest.skip("the calendar knows no coming Tết")
        on = max(first, _day() + timedelta(days=1))
        while not calendar.is_working_day(on):
            on += timedelta(days=1)
    client.force_login(staff["officer_a"])
    before = _counts()
    response = client.post(reverse("assets-plan-new", args=[world.case.pk]), {
        "day": _d(on), "time": "08:30", "place": "Số 12 Lê Lợi, Huế", "mobilised_forces": "on" if forces else "",
        "forces": "Công an phường" if forces else "", "cost_estimate": "2.000.000", "token": "tk-plan"})
    body = response.content.decode()
    assert response.status_code == 200 and why in body, body[body.find("errors"):][:400]
    assert _counts() == before


def test_a_second_submit_of_the_same_form_is_recorded_once(client, staff, world):
    client.force_login(staff["officer_a"])
    url = reverse("assets-asset-new", args=[world.debtor.pk])
    data = {"kind": "vehicle", "description": "Xe máy Honda Wave", "found_on": _d(_day()), "token": "tk-twice"}
    first = client.post(url, data)
    assert first.status_code == 302
    second = client.post(url, data, follow=True)
    assert "already recorded" in second.content.decode() or "đã được ghi nhận" in second.content.decode()
    assert Asset.objects.filter(description="Xe máy Honda Wave").count() == 1


# ------------------------------------------------------------------------------------------------- the whole path


def test_art_67_an_account_freeze_recorded_through_the_forms_shows_on_the_case_file(client, staff, org):
    case = enforcing_case(org, debtor="Trần Thị Lan")
    client.force_login(staff["officer_a"])
    # the case page offers to register its debtor
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert reverse("assets-register-debtor", args=[case.pk]) in page
    # 1. the debtor into the register, prefilled from the case's party
    form = client.get(reverse("assets-register-debtor", args=[case.pk])).content.decode()
    assert "Trần Thị Lan" in form and ID_NUMBER in form
    response = client.post(reverse("assets-register-debtor", args=[case.pk]), {
        "party": case.parties.get(role="debtor").pk, "kind": "person", "name": "Trần Thị Lan",
        "id_number": ID_NUMBER, "address": "5 Hùng Vương, Huế", "token": "tk-1"})
    debtor = Debtor.objects.get(name="Trần Thị Lan")
    assert response.status_code == 302 and DebtorCase.objects.filter(debtor=debtor, case=case).exists()
    # 2. the bank account found
    response = client.post(reverse("assets-asset-new", args=[debtor.pk]), {
        "kind": "bank_account", "description": "Tài khoản tiền gửi", "found_on": _d(_day(1)),
        "holder": "Vietinbank Huế", "estimated_value": "40.000.000", "id_account_no": ACCOUNT_NO, "token": "tk-2"})
    account = Asset.objects.get(debtor=debtor)
    assert response.status_code == 302 and account.identifiers == {"account_no": ACCOUNT_NO}
    assert account.estimated_value == 40_000_000
    # 3. the freeze decided on it
    response = client.post(reverse("assets-measure-new", args=[case.pk]), {
        "kind": MeasureKind.ACCOUNT_FREEZE.value, "on": _d(_day(1)), "decision_no": "07/QĐ-CCTHADS",
        "asset_id": account.pk, "amount": "10.000.000", "token": "tk-3"})
    measure = Measure.objects.get(case=case)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("assets-measure-detail", args=[measure.pk])
    # 4. the bank froze it
    response = client.post(reverse("assets-measure-step", args=[measure.pk, "execute"]), {
        "on": _d(_day()), "result": "Ngân hàng đã phong tỏa 10.000.000 đ", "amount": "10.000.000", "token": "tk-4"})
    assert response.status_code == 302, response.content.decode()[:2000]
    measure.refresh_from_db()
    assert measure.status == "executed"
    assert list(MeasureEvent.objects.filter(measure=measure).values_list("kind", flat=True)) == ["decided", "executed"]
    # 5. the case file shows it: the measure, its decision, its history, the asset
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert MEASURE_LABELS_VI[MeasureKind.ACCOUNT_FREEZE] in page
    assert "07/QĐ-CCTHADS" in page and "Tài khoản tiền gửi" in page and ACCOUNT_NO in page
    assert reverse("assets-measure-detail", args=[measure.pk]) in page
    detail = client.get(reverse("assets-measure-detail", args=[measure.pk])).content.decode()
    assert "Ngân hàng đã phong tỏa 10.000.000 đ" in detail


def test_the_case_list_filter_finds_the_cases_with_a_measure_in_force(client, staff, world, org):
    other = enforcing_case(org, debtor="Phạm Văn Bốn")
    client.force_login(staff["officer_a"])
    body = client.get(reverse("case-list"), {"measures_in_force": "on"}).content.decode()
    assert world.case.ext_id in body and other.ext_id not in body


@pytest.mark.parametrize(("details", "shown"), [
    ({"receipt_no": "BL 1", "costs": 2_500_000, "case_money": 500_000},
     [("Receipt number", "BL 1"), ("Coercion costs paid", "2.500.000 ₫"), ("Paid into the case money", "500.000 ₫")]),
    ({"secured": {"creditor": "Agribank", "amount": 350_000_000, "basis": "47.3"}, "surplus": 0, "disposal": 7},
     [("Secured creditor (Art. 47.3)", "Agribank: 350.000.000 ₫")]),
    ({"cases": {"A-1": {"1": 400_000, "2": 100_000}}, "urgent": True},
     [("At once (Art. 45.2)", "yes"), ("Split over the cases (Art. 47)", "A-1: 500.000 ₫")]),
], ids=["collection: costs first (Art. 47.1)", "proceeds: secured creditor first (Art. 47.3)",
        "split over the debtor's cases (Art. 47.2.b), urgent decision (Art. 45.2)"])
def test_a_measure_events_details_are_labelled_with_money_in_dong_and_internal_keys_hidden(details, shown):
    from django.utils import translation

    from thads.assets.page_rows import detail_lines

    with translation.override("en"):
        lines = detail_lines(details)
    assert [(label, text.replace("\u00a0", " ")) for label, text in lines] == shown  # format_vnd's space is fixed
