"""The statistics of coercion (issue 15): ``thads measures-report`` and the page ``/assets/report/``.

The definition is pure (``thads.domain.measures_report``) and tested first with plain tables: period edges, the unit
roll-up, every key. Then the service, the command (JSON exactly shaped, XLSX), the page (its figures equal the
drill-down lists, the XLSX opens) and the scope, over rows written with the ORM directly.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime, timedelta

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import include, path
from hypothesis import given
from hypothesis import strategies as st

from tests.test_context_reports import (
    YEAR_Q,
    people,  # noqa: F401 (a fixture)
)
from tests.test_context_reports import en_client as _client
from thads.domain import measures_report as mr
from thads.domain.measures import REPORTED_MEASURES, AuctionOutcome, MeasureEventKind, MeasureKind, PlanStatus

# The page's URLs under /assets/report/ whatever the assets URLconf includes yet.
urlpatterns = [path("assets/report/", include("thads.assets.report_urls")), path("", include("thads.urls"))]

PARENT = {"P": None, "A": "P", "B": "P", "A1": "A", "Q": None}
Y_FROM, Y_TO = date(2025, 10, 1), date(2026, 9, 30)  # statistical year 2026


def fact(source, unit="A", on=date(2026, 1, 15), kind="decided", measure="account_freeze", amount=0, pk=1):
    return mr.Fact(source, pk, unit, on, kind, measure, amount)


def nonzero(report) -> dict[str, int]:
    return {f: mr.figure_value(report, f) for f in mr.FIGURES if mr.figure_value(report, f)}


# ------------------------------------------------------------------------------------------------- pure: each key

KEY_CASES = [
    pytest.param(fact(mr.MEASURE_EVENT, kind="decided"), {"measures.account_freeze.decided": 1},
                 id="Art. 67: a freeze decided counts as decided"),
    pytest.param(fact(mr.MEASURE_EVENT, kind="executed", measure="income_deduction"),
                 {"measures.income_deduction.executed": 1}, id="Art. 78: a deduction carried out counts as executed"),
    pytest.param(fact(mr.MEASURE_EVENT, kind="released", measure="transfer_ban"),
                 {"measures.transfer_ban.released": 1}, id="Art. 69: a transfer ban lifted counts as released"),
    pytest.param(fact(mr.MEASURE_EVENT, kind="cancelled", measure="exit_ban"), {"measures.exit_ban.released": 1},
                 id="Decree 62 Art. 51: an exit ban cancelled counts as released"),
    pytest.param(fact(mr.MEASURE_EVENT, kind="collected", measure="account_deduction", amount=5_000_000), {},
                 id="Art. 76: money collected by a measure is not a count of measures"),
    pytest.param(fact(mr.MEASURE_EVENT, kind="decided", measure="forced_act"), {},
                 id="Art. 118: forced acts are not among the nine reported measures"),
    *[pytest.param(fact(mr.MEASURE_EVENT, kind="decided", measure=k.value), {f"measures.{k.value}.decided": 1},
                   id=f"every reported measure has its key: {k.value}") for k in REPORTED_MEASURES],
    pytest.param(fact(mr.PLAN, kind=PlanStatus.CARRIED_OUT), {"coercion_operations": 1},
                 id="Art. 72: a plan carried out is a coercion operation"),
    pytest.param(fact(mr.PLAN, kind=PlanStatus.POSTPONED), {}, id="Art. 72: a postponed plan is no operation"),
    pytest.param(fact(mr.PLAN, kind=PlanStatus.CARRIED_OUT, on=None), {},
                 id="Art. 72: a plan without a day carried out counts nowhere"),
    pytest.param(fact(mr.SESSION, kind=AuctionOutcome.SOLD, amount=750_000_000),
                 {"auctions.sessions": 1, "auctions.sold": 1, "auctions.proceeds": 750_000_000},
                 id="Art. 101: a session sold counts as a session, a sale and its price"),
    pytest.param(fact(mr.SESSION, kind=AuctionOutcome.UNSOLD, amount=0),
                 {"auctions.sessions": 1, "auctions.unsold": 1}, id="Art. 104: an unsold session"),
    pytest.param(fact(mr.SESSION, kind=AuctionOutcome.CANCELLED, amount=900), {"auctions.sessions": 1},
                 id="Art. 102: a session whose result was cancelled is a session only"),
    pytest.param(fact(mr.DISPOSAL, kind="taken_by_creditor", amount=600_000_000), {"auctions.taken_by_creditor": 1},
                 id="Art. 104: the creditor takes the asset: a count, no proceeds"),
    pytest.param(fact(mr.DISPOSAL, kind="sold", amount=600_000_000), {},
                 id="Art. 104.1: the disposal of a sale is not counted twice (the session is)"),
    pytest.param(fact(mr.DISPOSAL, kind="returned"), {}, id="Art. 126: a returned asset counts nowhere"),
    pytest.param(fact(mr.COST, kind="charged", amount=3_500_000), {"coercion_costs": 3_500_000},
                 id="Art. 73: costs charged to the debtor"),
    pytest.param(fact(mr.COST, kind="recovered", amount=3_500_000), {},
                 id="Art. 73: costs recovered are not subtracted"),
    pytest.param(fact(mr.COST, kind="waived", amount=1_000_000), {},
                 id="Art. 73.2: costs borne by the state are not costs charged"),
]


@pytest.mark.parametrize(("row", "figures"), KEY_CASES)
def test_each_row_counts_in_exactly_its_figures(row, figures):
    report = mr.compute_measures_report([row], PARENT, "P", Y_FROM, Y_TO)
    assert nonzero(report) == figures


# ------------------------------------------------------------------------------------------------- pure: period, units

EDGE_CASES = [
    pytest.param(Y_FROM, 1, id="the first day of the period is inside"),
    pytest.param(Y_TO, 1, id="the last day of the period is inside"),
    pytest.param(Y_FROM - timedelta(days=1), 0, id="the day before the period is outside"),
    pytest.param(Y_TO + timedelta(days=1), 0, id="the day after the period is outside"),
]


@pytest.mark.parametrize(("on", "counted"), EDGE_CASES)
def test_the_period_includes_both_ends(on, counted):
    rows = [fact(mr.MEASURE_EVENT, on=on), fact(mr.PLAN, kind="carried_out", on=on),
            fact(mr.SESSION, kind="sold", on=on, amount=7), fact(mr.DISPOSAL, kind="taken_by_creditor", on=on),
            fact(mr.COST, kind="charged", on=on, amount=11)]
    report = mr.compute_measures_report(rows, PARENT, "P", Y_FROM, Y_TO)
    assert report["measures"]["account_freeze"]["decided"] == counted
    assert report["coercion_operations"] == counted
    assert report["auctions"] == {"sessions": counted, "sold": counted, "unsold": 0,
                                  "taken_by_creditor": counted, "proceeds": 7 * counted}
    assert report["coercion_costs"] == 11 * counted


ROLLUP_CASES = [
    pytest.param("P", 4, id="a province counts its branches and their sub-units"),
    pytest.param("A", 2, id="a branch counts itself and the units below it"),
    pytest.param("A1", 1, id="a leaf unit counts itself"),
    pytest.param("B", 1, id="a branch does not count its sibling"),
    pytest.param("Q", 0, id="another province counts nothing of P"),
]


@pytest.mark.parametrize(("unit", "decided"), ROLLUP_CASES)
def test_a_unit_includes_every_unit_below_it(unit, decided):
    rows = [fact(mr.MEASURE_EVENT, unit=u, pk=i) for i, u in enumerate(("P", "A", "A1", "B"))]
    assert mr.compute_measures_report(rows, PARENT, unit, Y_FROM, Y_TO)["measures"]["account_freeze"]["decided"] \
        == decided


def test_an_unknown_unit_or_a_reversed_period_is_refused():
    with pytest.raises(ValueError):
        mr.compute_measures_report([], PARENT, "Z", Y_FROM, Y_TO)
    with pytest.raises(ValueError):
        mr.compute_measures_report([], PARENT, "P", Y_TO, Y_FROM)
    with pytest.raises(ValueError):
        mr.drill([], PARENT, "P", Y_FROM, Y_TO, "measures.nothing.decided")


def _no_arrays_all_ints(node) -> bool:
    if isinstance(node, dict):
        return all(_no_arrays_all_ints(v) for v in node.values())
    return isinstance(node, int) and not isinstance(node, bool)


def test_the_json_form_has_the_issue_keys_in_order_nested_objects_and_integers():
    report = mr.compute_measures_report([], PARENT, "P", Y_FROM, Y_TO)
    assert list(report) == ["unit", "from", "to", "measures", "coercion_operations", "auctions", "coercion_costs"]
    assert list(report["measures"]) == ["account_freeze", "asset_seizure", "transfer_ban", "account_deduction",
                                        "income_deduction", "third_party_collection", "distraint",
                                        "forced_handover", "exit_ban"]
    assert all(list(v) == ["decided", "executed", "released"] for v in report["measures"].values())
    assert list(report["auctions"]) == ["sessions", "sold", "unsold", "taken_by_creditor", "proceeds"]
    assert (report["unit"], report["from"], report["to"]) == ("P", "2025-10-01", "2026-09-30")
    body = {k: v for k, v in report.items() if k not in ("unit", "from", "to")}
    assert _no_arrays_all_ints(body)


FACTS = st.builds(
    mr.Fact, source=st.sampled_from(mr.SOURCES), id=st.integers(1, 10_000), unit=st.sampled_from(sorted(PARENT)),
    on=st.one_of(st.none(), st.dates(date(2025, 9, 25), date(2026, 10, 5))),
    kind=st.sampled_from([*MeasureEventKind, *PlanStatus, *AuctionOutcome, "taken_by_creditor", "returned",
                          "charged", "recovered", "waived"]),
    measure=st.sampled_from([k.value for k in MeasureKind]), amount=st.integers(0, 10**12))


@given(st.lists(FACTS, max_size=40), st.sampled_from(["P", "A", "B", "Q"]))
def test_every_figure_equals_the_sum_of_its_drill_down(facts, unit):
    report = mr.compute_measures_report(facts, PARENT, unit, Y_FROM, Y_TO)
    for figure in mr.FIGURES:
        listed = mr.drill(facts, PARENT, unit, Y_FROM, Y_TO, figure)
        assert sum(v for _f, v in listed) == mr.figure_value(report, figure)
        if figure not in mr.MONEY_FIGURES:
            assert len(listed) == mr.figure_value(report, figure)


# ------------------------------------------------------------------------------------------------- rows in the database


@pytest.fixture
def world(org, people):
    """Branches A and B of province P, one case in each, and rows of every table on the period's edges."""
    from thads.assets import models as am
    from thads.cases.actions import ObligationData, PartyData, do_receive

    units = org["units"]
    cases = {}
    for code, officer in (("A", "officer_a"), ("B", "officer_b")):
        case = do_receive(people[officer], units[code], on=date(2025, 9, 1), initiation="chu_dong",
                          judgment_kind="dan_su", debtors=[PartyData(f"Người phải thi hành án {code}")],
                          obligations=[ObligationData("tra_no", "person", 900_000_000)])
        cases[code] = case
    rows = {}
    for code, case in cases.items():
        unit = units[code]
        debtor = am.Debtor.objects.create(unit=unit, name=f"Người phải thi hành án {code}")
        asset = am.Asset.objects.create(debtor=debtor, kind="land", description=f"Thửa đất {code}",
                                        found_on=date(2025, 9, 20), identifiers={"certificate": "CS 0001"})
        freeze = am.Measure.objects.create(case=case, debtor=debtor, unit=unit, kind="account_freeze",
                                           decided_on=Y_FROM, decision_no=f"01/QĐ-{code}")
        distraint = am.Measure.objects.create(case=case, debtor=debtor, asset=asset, unit=unit, kind="distraint",
                                              decided_on=date(2025, 9, 30))
        events = [(freeze, 1, "decided", Y_FROM), (freeze, 2, "executed", date(2025, 10, 2)),
                  (freeze, 3, "cancelled", Y_TO), (distraint, 1, "decided", date(2025, 9, 30)),
                  (distraint, 2, "executed", date(2026, 3, 1)), (distraint, 3, "released", date(2026, 10, 1))]
        for measure, seq, kind, on in events:
            am.MeasureEvent.objects.create(measure=measure, case=case, seq=seq, kind=kind, on=on, unit=unit)
        plan = am.CoercionPlan.objects.create(case=case, measure=distraint, unit=unit, place="Huế",
                                              starts_at=datetime(2026, 3, 1, 8, tzinfo=UTC),
                                              status="carried_out", carried_out_on=date(2026, 3, 1))
        am.CoercionPlan.objects.create(case=case, unit=unit, place="Huế", starts_at=datetime(2026, 4, 1, 8,
                                       tzinfo=UTC), status="postponed")
        am.CostEntry.objects.create(case=case, plan=plan, unit=unit, kind="charged", on=date(2026, 3, 1),
                                    amount=4_000_000, description="Thuê lực lượng")
        am.CostEntry.objects.create(case=case, unit=unit, kind="recovered", on=date(2026, 5, 1), amount=4_000_000)
        contract = am.AuctionContract.objects.create(asset=asset, measure=distraint, organisation="Công ty đấu giá",
                                                     contract_no=f"HĐ-{code}", signed_on=date(2026, 4, 1))
        sessions = [(1, date(2026, 5, 5), 800_000_000, "unsold", 0), (2, date(2026, 6, 5), 720_000_000, "sold",
                                                                       730_000_000)]
        for seq, held_on, price, outcome, sale in sessions:
            am.AuctionSession.objects.create(contract=contract, asset=asset, case=case, unit=unit, seq=seq,
                                             held_on=held_on, starting_price=price, outcome=outcome,
                                             sale_price=sale, reductions=seq - 1)
        am.AssetDisposal.objects.create(asset=asset, case=case, unit=unit, kind="taken_by_creditor",
                                        on=date(2026, 7, 1), value=700_000_000, to_whom="Ngân hàng")
        rows[code] = {"case": case}
    return {"units": units, "people": people, "cases": cases, "rows": rows}


EXPECTED_BRANCH = {  # one branch over statistical year 2026
    "measures.account_freeze.decided": 1, "measures.account_freeze.executed": 1,
    "measures.account_freeze.released": 1, "measures.distraint.executed": 1, "coercion_operations": 1,
    "auctions.sessions": 2, "auctions.sold": 1, "auctions.unsold": 1, "auctions.taken_by_creditor": 1,
    "auctions.proceeds": 730_000_000, "coercion_costs": 4_000_000,
}


def _run(*args) -> dict:
    out = io.StringIO()
    call_command("measures_report", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_service_rolls_branches_up_to_the_province(world):
    from thads.assets.report import measures_report

    units = world["units"]
    assert nonzero(measures_report(units["A"], Y_FROM, Y_TO)) == EXPECTED_BRANCH
    assert nonzero(measures_report(units["P"], Y_FROM, Y_TO)) == {k: 2 * v for k, v in EXPECTED_BRANCH.items()}


@pytest.mark.django_db
def test_the_command_prints_the_json_of_a_statistical_year_exactly_shaped(world):
    text = _run("--unit", "P", "--year", "2026")
    report = json.loads(text)
    assert text == json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    assert list(report) == ["unit", "from", "to", "measures", "coercion_operations", "auctions", "coercion_costs"]
    assert (report["unit"], report["from"], report["to"]) == ("P", "2025-10-01", "2026-09-30")
    assert _no_arrays_all_ints({k: v for k, v in report.items() if k not in ("unit", "from", "to")})
    assert report["auctions"]["proceeds"] == 1_460_000_000 and report["coercion_costs"] == 8_000_000
    assert report["measures"]["distraint"] == {"decided": 0, "executed": 2, "released": 0}


PERIOD_CASES = [
    pytest.param(("--unit", "A", "--year", "2026", "--months", "1"), ("2025-10-01", "2025-10-31"),
                 {"measures.account_freeze.decided": 1, "measures.account_freeze.executed": 1},
                 id="one month: October"),
    pytest.param(("--unit", "A", "--year", "2026", "--months", "6"), ("2025-10-01", "2026-03-31"),
                 {"measures.account_freeze.decided": 1, "measures.account_freeze.executed": 1,
                  "measures.distraint.executed": 1, "coercion_operations": 1, "coercion_costs": 4_000_000},
                 id="six cumulative months end on 31 March"),
    pytest.param(("--unit", "B", "--from", "2025-09-30", "--to", "2025-10-01"), ("2025-09-30", "2025-10-01"),
                 {"measures.distraint.decided": 1, "measures.account_freeze.decided": 1},
                 id="any dates, both ends included"),
    pytest.param(("--unit", "B", "--from", "2026-10-01", "--to", "2026-10-01"), ("2026-10-01", "2026-10-01"),
                 {"measures.distraint.released": 1}, id="a single day"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("args", "span", "figures"), PERIOD_CASES)
def test_the_command_takes_the_periods_of_thads_report(world, args, span, figures):
    report = json.loads(_run(*args))
    assert (report["from"], report["to"]) == span
    assert nonzero(report) == figures


def _sheet_values(data: bytes) -> list[tuple]:
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    return [tuple(c for c in row) for row in ws.iter_rows(values_only=True)]


@pytest.mark.django_db
def test_the_command_writes_an_xlsx_that_opens_with_the_figures(world, tmp_path):
    out = tmp_path / "m.xlsx"
    _run("--unit", "P", "--year", "2026", "--format", "xlsx", "-o", str(out))
    rows = _sheet_values(out.read_bytes())
    by_label = {r[1]: r[2:] for r in rows if r[1]}
    assert by_label["Phong tỏa tài khoản, tài sản ở nơi gửi giữ"] == (2, 2, 2)
    assert by_label["Kê biên, xử lý tài sản"] == (0, 2, 0)
    assert by_label["Tiền bán đấu giá thành (đồng)"][0] == 1_460_000_000
    assert by_label["Số cuộc cưỡng chế đã tổ chức (Điều 72)"][0] == 2


# ------------------------------------------------------------------------------------------------- the page


@pytest.mark.django_db
@pytest.mark.urls("tests.test_measures_report")
def test_every_figure_of_the_page_equals_its_drill_down_list(world):
    c = _client(world["people"]["statistician_p"])
    page = c.get(f"/assets/report/?unit=P&{YEAR_Q}")
    assert page.status_code == 200
    report = page.context["report"]
    assert nonzero(report) == {k: 2 * v for k, v in EXPECTED_BRANCH.items()}
    for figure in mr.FIGURES:
        listed = c.get(f"/assets/report/list/?unit=P&{YEAR_Q}&fig={figure}")
        assert listed.status_code == 200, figure
        ctx = listed.context
        assert ctx["value"] == mr.figure_value(report, figure) == ctx["total"], figure
        assert ctx["matches"]
        if figure not in mr.MONEY_FIGURES:
            assert ctx["count"] == ctx["value"] == len(ctx["rows"]), figure
        case_ids = {r.case_id for r in ctx["rows"]}
        assert case_ids <= {world["cases"]["A"].pk, world["cases"]["B"].pk}
        for case_id in case_ids:
            assert f'href="/cases/{case_id}/"' in listed.content.decode()


@pytest.mark.django_db
@pytest.mark.urls("tests.test_measures_report")
def test_the_drill_down_shows_no_identifiers_of_assets(world):
    c = _client(world["people"]["statistician_p"])
    body = c.get(f"/assets/report/list/?unit=P&{YEAR_Q}&fig=auctions.sold").content.decode()
    assert "Thửa đất A" in body and "CS 0001" not in body


@pytest.mark.django_db
@pytest.mark.urls("tests.test_measures_report")
def test_the_page_and_the_list_download_xlsx_files_that_open(world):
    c = _client(world["people"]["head_a"])
    response = c.get(f"/assets/report/xlsx/?unit=A&{YEAR_Q}")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    by_label = {r[1]: r[2:] for r in _sheet_values(response.content) if r[1]}
    assert by_label["Phong tỏa tài khoản, tài sản ở nơi gửi giữ"] == (1, 1, 1)
    listed = c.get(f"/assets/report/list/?unit=A&{YEAR_Q}&fig=auctions.sessions&format=xlsx")
    rows = _sheet_values(b"".join(listed.streaming_content))
    assert len(rows) == 1 + 2 and rows[1][0] == world["cases"]["A"].ext_id


@pytest.mark.django_db
@pytest.mark.urls("tests.test_measures_report")
def test_a_range_of_dates_is_reported_like_the_command(world):
    c = _client(world["people"]["statistician_p"])
    page = c.get("/assets/report/?unit=B&mode=range&date_from=2025-09-30&date_to=2025-10-01")
    assert page.context["report"] == json.loads(_run("--unit", "B", "--from", "2025-09-30", "--to", "2025-10-01"))


@pytest.mark.django_db
@pytest.mark.urls("tests.test_measures_report")
def test_the_default_page_reports_the_users_unit(world):
    response = _client(world["people"]["head_b"]).get("/assets/report/")
    assert response.status_code == 200 and response.context["sel"].unit.code == "B"
    assert response.context["report"]["unit"] == "B"
