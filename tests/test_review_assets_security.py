"""Security review of the assets pages (issue 15): another unit's objects named in a form's fields are refused with
nothing written, the read-only titles are refused every POST, a double submit racing the first one records once, a
date outside the working calendar's years is refused on the form, a refusal of the case's money act inside a
collection writes no cost row, and the drill-down of the statistics shows the place of a coercion (the debtor's
address) only with the personal-data right (Decree 13/2023/NĐ-CP).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.test_assets_pages import _counts, _d, _day, world  # noqa: F401 (the fixture)
from thads.assets import views
from thads.assets.actions import do_decide_measure, do_execute_measure
from thads.assets.models import (
    Asset,
    AuctionContract,
    AuctionSession,
    CoercionPlan,
    CostEntry,
    Debtor,
    DebtorCase,
    InfoRequest,
    Measure,
    MeasureEvent,
)
from thads.cases.ledger.models import LedgerEntry
from thads.cases.models import CaseEvent
from thads.org.actions import do_create_staff
from thads.org.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def other(org, world):
    """Branch B's debtor, asset, request, measure, plan, contract and session on one of B's cases (rows written
    directly, as the access-matrix world does)."""
    from thads.cases.actions import ObligationData, PartyData, do_act, do_receive

    head_b = do_create_staff("head_b", PASSWORD, "Đỗ Văn Hải", org["units"]["B"], "head")
    start = _day(30)
    case = do_receive(head_b, org["units"]["B"], on=start, initiation="theo_don", judgment_kind="dan_su",
                      debtors=[PartyData("Lê Văn Đức", "046090009999", "Huế")],
                      creditors=[PartyData("Trần Thị Mai")], obligations=[ObligationData("tra_no", "person", 5_000_000)])
    do_act(head_b, case.pk, "decide", start, officer=org["people"]["officer_b"].officer)
    unit = org["units"]["B"]
    debtor = Debtor.objects.create(unit=unit, name="Lê Văn Đức", id_number="046090009999", address="Huế")
    DebtorCase.objects.create(debtor=debtor, case=case)
    asset = Asset.objects.create(debtor=debtor, kind="bank_account", description="Tài khoản B", found_on=_day(10),
                                 identifiers={"account_no": "999888777"})
    request = InfoRequest.objects.create(debtor=debtor, case=case, unit=unit, body="Ngân hàng B", asset_kind="land",
                                         requested_on=_day(9), reply_due_on=_day(6))
    measure = Measure.objects.create(case=case, debtor=debtor, asset=asset, unit=unit, kind="distraint",
                                     decision_no="9/QĐ-B", decided_on=_day(8), status="executed", executed_on=_day(8))
    plan = CoercionPlan.objects.create(case=case, measure=measure, unit=unit, place="Thôn B",
                                       starts_at=datetime.combine(_day(7), datetime.min.time().replace(hour=8),
                                                                  tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
    contract = AuctionContract.objects.create(asset=asset, measure=measure, organisation="Đấu giá B",
                                              signed_on=_day(6))
    session = AuctionSession.objects.create(contract=contract, asset=asset, case=case, unit=unit, seq=1,
                                            held_on=_day(5), starting_price=800_000_000, outcome="sold",
                                            sale_price=820_000_000, buyer="Nguyễn Văn An")
    return dict(case=case, debtor=debtor, asset=asset, request=request, measure=measure, plan=plan,
                contract=contract, session=session)


def _all_counts() -> tuple[int, ...]:
    return (*_counts(), AuctionContract.objects.count(), CaseEvent.objects.count(), LedgerEntry.objects.count(),
            DebtorCase.objects.count())


# ------------------------------------------------------------------------------------------------- IDOR


def _form_field_attacks(w, o) -> list[tuple[str, str, dict]]:
    """(what, url, POST data): a form of branch A's object naming branch B's object in one of its fields."""
    today = _d(_day())
    return [
        ("measure on A's case naming B's asset", reverse("assets-measure-new", args=[w.case.pk]),
         {"kind": "account_freeze", "on": today, "asset_id": o["asset"].pk, "amount": "1.000"}),
        ("measure on A's case naming A's other debtor's asset: B's", reverse("assets-measure-new", args=[w.case.pk]),
         {"kind": "distraint", "on": today, "asset_id": o["asset"].pk}),
        ("plan on A's case naming B's measure", reverse("assets-plan-new", args=[w.case.pk]),
         {"day": _d(_day(1)), "time": "08:00", "place": "x", "measure_id": o["measure"].pk}),
        ("cost on A's case naming B's plan", reverse("assets-cost-new", args=[w.case.pk]),
         {"kind": "charged", "on": today, "amount": "1.000", "description": "x", "plan_id": o["plan"].pk}),
        ("request of A's debtor for B's case", reverse("assets-request-new", args=[w.debtor.pk]),
         {"case_id": o["case"].pk, "body": "x", "requested_on": today}),
        ("asset of A's debtor found through B's request", reverse("assets-asset-new", args=[w.debtor.pk]),
         {"kind": "land", "description": "x", "found_on": today, "request_id": o["request"].pk}),
        ("valuation of A's asset under B's measure", reverse("assets-valuation", args=[w.land.pk]),
         {"method": "agreed", "on": today, "value": "1.000", "measure_id": o["measure"].pk}),
        ("auction contract of A's asset under B's measure", reverse("assets-auction-contract", args=[w.land.pk]),
         {"organisation": "x", "signed_on": today, "measure_id": o["measure"].pk}),
        ("creditor of A's asset taking it for B's case", reverse("assets-creditor-takes", args=[w.land.pk]),
         {"on": today, "case_id": o["case"].pk, "price": "1.000", "creditor": "Trần Thị Mai"}),
    ]


def test_a_form_naming_another_units_object_in_a_field_is_refused_and_writes_nothing(client, staff, world, other):
    client.force_login(staff["officer_a"])
    for n, (what, url, data) in enumerate(_form_field_attacks(world, other)):
        before = _all_counts()
        response = client.post(url, {**data, "token": f"idor-{n}"})
        assert response.status_code in (200, 403, 404), what
        assert _all_counts() == before, what


def _b_urls(o) -> list[str]:
    return [
        reverse("assets-debtor-declaration", args=[o["debtor"].pk]),
        reverse("assets-debtor-address-unknown", args=[o["debtor"].pk]),
        reverse("assets-request-new", args=[o["debtor"].pk]), reverse("assets-asset-new", args=[o["debtor"].pk]),
        reverse("assets-request-reply", args=[o["request"].pk]),
        reverse("assets-register-debtor", args=[o["case"].pk]), reverse("assets-measure-new", args=[o["case"].pk]),
        reverse("assets-plan-new", args=[o["case"].pk]), reverse("assets-cost-new", args=[o["case"].pk]),
        *(reverse("assets-measure-step", args=[o["measure"].pk, s]) for s in ("execute", "collect", "release",
                                                                              "cancel")),
        reverse("assets-plan-result", args=[o["plan"].pk]), reverse("assets-valuation", args=[o["asset"].pk]),
        reverse("assets-auction-contract", args=[o["asset"].pk]),
        reverse("assets-creditor-takes", args=[o["asset"].pk]), reverse("assets-return", args=[o["asset"].pk]),
        reverse("assets-auction-session", args=[o["contract"].pk]),
        reverse("assets-sale-proceeds", args=[o["session"].pk]),
        reverse("assets-measure-document", args=[o["measure"].pk]),
        reverse("assets-plan-document", args=[o["plan"].pk]),
    ]


def test_a_post_to_any_assets_url_of_another_unit_is_not_found_and_writes_nothing(client, staff, other):
    client.force_login(staff["officer_a"])
    data = {"on": _d(_day()), "amount": "1.000", "receipt_no": "1", "reason": "x", "token": "b", "found": "1",
            "replied_on": _d(_day()), "declaration": "x", "declared_on": _d(_day()), "kind": "person", "name": "x"}
    for url in _b_urls(other):
        before = _all_counts()
        assert client.post(url, data).status_code == 404, url
        assert _all_counts() == before, url


# ------------------------------------------------------------------------------------------------- titles


@pytest.mark.parametrize("title", ["reception", "inspector", "verifier", "statistician", "admin"])
def test_a_read_only_title_is_refused_every_assets_post_and_nothing_is_written(client, org, world, title):
    """Decide, execute, collect, release a measure, plan a coercion, waive a cost, record an auction or its proceeds,
    the creditor's taking: none is the work of these titles (THADS.md §1.3)."""
    user = do_create_staff(f"{title}_x", PASSWORD, "Người Đọc", org["units"]["A"], title)
    client.force_login(user)
    w = world
    urls = [
        reverse("assets-register-debtor", args=[w.case.pk]), reverse("assets-measure-new", args=[w.case.pk]),
        reverse("assets-plan-new", args=[w.case.pk]), reverse("assets-cost-new", args=[w.case.pk]),
        reverse("assets-debtor-declaration", args=[w.debtor.pk]), reverse("assets-asset-new", args=[w.debtor.pk]),
        reverse("assets-request-new", args=[w.debtor.pk]), reverse("assets-request-reply", args=[w.request.pk]),
        *(reverse("assets-measure-step", args=[w.measure.pk, s]) for s in ("execute", "collect", "release",
                                                                           "cancel")),
        reverse("assets-valuation", args=[w.land.pk]), reverse("assets-auction-contract", args=[w.land.pk]),
        reverse("assets-creditor-takes", args=[w.land.pk]), reverse("assets-return", args=[w.land.pk]),
    ]
    data = {"on": _d(_day()), "kind": "waived", "amount": "1.000", "description": "x", "reason": "x",
            "receipt_no": "1", "token": "ro"}
    for url in urls:
        before = _all_counts()
        assert client.post(url, data).status_code == 403, url
        assert _all_counts() == before, url


# ------------------------------------------------------------------------------------------------- double submit


def _deduction(officer, w) -> Measure:
    """A deduction from the world's bank account (Arts. 71.1, 76), decided and carried out: money comes in by it."""
    measure = do_decide_measure(officer, w.case.pk, kind="account_deduction", on=_day(1), decision_no="07/QĐ",
                                asset_id=w.account.pk, amount=5_000_000)
    do_execute_measure(officer, measure.pk, on=_day(1))
    return measure


def test_a_double_submit_racing_the_first_collects_the_money_once(client, staff, world):
    """Two POSTs of one "money collected" form in flight together: the second loaded its session before the first
    recorded its token; it must still be answered "already recorded" (the session row is locked and re-read)."""
    officer = staff["officer_a"]
    measure = _deduction(officer, world)
    client.force_login(officer)
    client.get(reverse("assets-measure-detail", args=[measure.pk]))
    stale = SessionStore(session_key=client.session.session_key)
    stale.load()
    assert stale.get("assets_form_tokens") in (None, [])
    url = reverse("assets-measure-step", args=[measure.pk, "collect"])
    data = {"on": _d(_day()), "amount": "1.000.000", "receipt_no": "BL 77", "token": "tk-race"}
    assert client.post(url, data).status_code == 302
    stale = SessionStore(session_key=client.session.session_key)
    stale._session_cache = {k: v for k, v in stale.load().items() if k != "assets_form_tokens"}  # loaded before
    request = RequestFactory().post(url, data)
    request.user, request.session = officer, stale
    request._messages = FallbackStorage(request)
    response = views.measure_step(request, pk=measure.pk, step="collect")
    assert response.status_code == 302
    assert MeasureEvent.objects.filter(measure=measure, kind="collected").count() == 1
    assert CaseEvent.objects.filter(case=world.case, kind="payment").count() == 1


# ------------------------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(("form", "field", "data"), [
    ("declaration", "declared_on", {"declaration": "Không kê khai"}),
    ("address-unknown", "on", {}),
    ("asset", "found_on", {"kind": "land", "description": "Thửa đất"}),
    ("cost", "on", {"kind": "charged", "amount": "1.000", "description": "Thuê xe"}),
    ("plan", "day", {"time": "08:00", "place": "Thôn 2"}),
])
@pytest.mark.parametrize("value", ["01/01/0001", "31/12/2008", "01/01/2041", "31/12/9999"])
def test_a_date_outside_the_working_calendars_years_is_refused_on_the_form_and_writes_nothing(client, staff, world,
                                                                                              form, field, data,
                                                                                              value):
    url = {"declaration": reverse("assets-debtor-declaration", args=[world.debtor.pk]),
           "address-unknown": reverse("assets-debtor-address-unknown", args=[world.debtor.pk]),
           "asset": reverse("assets-asset-new", args=[world.debtor.pk]),
           "cost": reverse("assets-cost-new", args=[world.case.pk]),
           "plan": reverse("assets-plan-new", args=[world.case.pk])}[form]
    client.force_login(staff["officer_a"])
    before = _all_counts()
    response = client.post(url, {**data, field: value, "token": f"date-{form}-{value}"})
    assert response.status_code == 200
    assert "2009" in response.content.decode() and "2040" in response.content.decode()
    assert _all_counts() == before


@pytest.mark.parametrize(("field", "value"), [
    ("amount", "99999999999999999999999"), ("amount", "-5"), ("amount", "1e9"), ("amount", "abc"),
    ("amount", ""), ("on", "32/13/2025"), ("on", ""), ("receipt_no", ""),
], ids=["above bigint", "negative", "exponent", "letters", "missing amount", "no such day", "missing date",
        "missing receipt"])
def test_bad_input_to_the_money_form_is_a_form_error_not_a_500_and_writes_nothing(client, staff, world, field,
                                                                                  value):
    measure = _deduction(staff["officer_a"], world)
    client.force_login(staff["officer_a"])
    url = reverse("assets-measure-step", args=[measure.pk, "collect"])
    data = {"on": _d(_day()), "amount": "1.000", "receipt_no": "BL 1", "token": f"bad-{field}-{value}", field: value}
    before = _all_counts()
    response = client.post(url, data)
    assert response.status_code == 200
    assert _all_counts() == before
    good = {"on": _d(_day()), "amount": "1.000", "receipt_no": "BL 1", "token": "good"}
    assert client.post(url, good).status_code == 302, "the same form with good input is recorded"


def test_a_refused_case_collection_inside_a_measures_collection_writes_no_cost_row(client, staff, world,
                                                                                    monkeypatch):
    """Art. 47.1 opening paragraph: the costs are paid first, the rest through the case's act; when that act refuses,
    neither the recovered cost nor the measure's row nor an audit row is written."""
    from thads.assets import actions_measures
    from thads.assets.actions_coercion import do_record_cost
    from thads.cases.actions import ActRefused

    officer = staff["officer_a"]
    do_record_cost(officer, world.case.pk, on=_day(1), amount=300_000, description="Thuê xe")
    measure = _deduction(officer, world)

    def refused(*args, **kwargs):
        raise ActRefused("Việc đang bị hoãn.", "halted")

    monkeypatch.setattr(actions_measures, "do_act", refused)
    monkeypatch.setattr(actions_measures, "do_collect_for_debtor", refused)
    client.force_login(officer)
    before, writes = _all_counts(), AuditEvent.objects.filter(kind="write").count()
    response = client.post(reverse("assets-measure-step", args=[measure.pk, "collect"]),
                           {"on": _d(_day()), "amount": "1.000.000", "receipt_no": "BL 9", "token": "refused"})
    assert response.status_code == 200 and "Việc đang bị hoãn." in response.content.decode()
    assert _all_counts() == before
    assert CostEntry.objects.filter(kind="recovered").count() == 0
    assert AuditEvent.objects.filter(kind="write").count() == writes


# ------------------------------------------------------------------------------------------------- drill-down


@pytest.mark.parametrize(("persona", "sees"), [("head_a", True), ("statistician_p", False)],
                         ids=["head sees the place", "statistician: place hidden (Decree 13/2023)"])
def test_the_drill_down_of_coercions_shows_the_place_only_with_the_personal_data_right(client, staff, org, world,
                                                                                       persona, sees):
    plan = CoercionPlan.objects.create(case=world.case, unit=world.case.unit, place="Số 12 Lê Lợi, Huế",
                                       forces="Công an phường", status="carried_out", carried_out_on=_day(1),
                                       starts_at=datetime.combine(_day(1), datetime.min.time().replace(hour=8),
                                                                  tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
    assert plan.pk
    client.force_login(staff[persona])
    params = {"unit": "A", "mode": "range", "date_from": (_day() - timedelta(days=40)).isoformat(),
              "date_to": _day().isoformat(), "fig": "coercion_operations"}
    body = client.get(reverse("assets-report-list"), params).content.decode()
    assert "Công an phường" in body
    assert ("Số 12 Lê Lợi" in body) is sees
    import io

    import openpyxl

    response = client.get(reverse("assets-report-list"), {**params, "format": "xlsx"})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    cells = [str(c.value) for row in openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows() for c in row]
    assert any("Số 12 Lê Lợi" in c for c in cells) is sees
