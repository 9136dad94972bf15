"""Statistics in the browser (issue 6): the report page, the drill-down to cases, the charts, the province at a glance.

The central check: for every indicator of a generated history, in cases and in money, the amounts listed in the
drill-down add up to the figure of the report (and, for cases, the cases listed are the case figure)."""

from __future__ import annotations

import io
import re
import xml.dom.minidom
from datetime import date, timedelta

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PASSWORD
from tests.test_import_export import _demo_file
from thads.cases.importer import import_data
from thads.cases.models import Case
from thads.domain import drilldown as dd
from thads.domain.contrib import year_contributions
from thads.domain.interchange import validate
from thads.domain.report import CASE_KEYS, MONEY_KEYS, compute_report, rate, statistical_year_period
from thads.domain.roles import Title
from thads.org.models import Unit
from thads.stats import service
from thads.stats.drilldown import PAGE_SIZE, Drill, Figure
from thads.stats.models import StatCaseSpan
from thads.stats.service import official_report

FIGURES = [(k, "cases") for k in CASE_KEYS] + [(k, "money") for k in MONEY_KEYS]


def _staff(username: str, unit_code: str, title: Title):
    from thads.org.actions import do_create_staff

    return do_create_staff(username, PASSWORD, username, Unit.objects.get(code=unit_code), title)


@pytest.fixture(scope="module")
def demo_text():
    return _demo_file(size=900)


@pytest.fixture
def demo(db, demo_text):
    assert import_data(demo_text).errors == []
    result = validate(demo_text.splitlines())
    return {"histories": result.histories(), "parents": {u.code: u.parent for u in result.units},
            "statistician": _staff("tk", "HUE", Title.STATISTICIAN)}


def _client(user) -> Client:
    """A logged-in client with the interface in English (the source language of the strings checked here)."""
    from django.conf import settings as django_settings

    c = Client()
    c.force_login(user)
    c.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return c


def _listed(drill: Drill, measure: str):
    rows = drill.all_rows()
    if measure == "cases":
        return len(rows), sum(r.cases for r in rows), rows
    return len(rows), sum(r.money for r in rows), rows


def _check_figure(drill: Drill, figures: dict, indicator: str, measure: str) -> None:
    count, total, rows = _listed(drill, measure)
    if indicator == "RATE":
        base = sum(r.cases if measure == "cases" else r.money for r in rows)
        done = sum(r.done_cases if measure == "cases" else r.done_money for r in rows)
        assert rate(done, base) == figures[measure]["RATE"]
        if measure == "cases":
            assert count == figures["cases"]["CDK"]
        return
    assert total == figures[measure][indicator], (indicator, measure)
    if measure == "cases":
        assert count == figures["cases"][indicator]  # one line per case, each counting 1
        assert all(r.cases == 1 for r in rows)
    else:
        assert all(r.money != 0 for r in rows)


# ------------------------------------------------------------------------------------------------- the sums


@pytest.mark.parametrize("unit,year,k,by", [
    ("HUE", 2026, 12, None), ("HUE", 2025, 6, None), ("HUE-KV3", 2026, 9, "officer"), ("HUE", 2025, 12, "unit"),
    ("HUE-PV", 2025, 8, "initiation"), ("HUE", 2024, 12, "judgment_kind"), ("HUE", 2027, 2, None),
])
def test_every_figure_of_a_generated_history_is_the_sum_of_the_cases_listed_behind_it(demo, unit, year, k, by):
    user, the_unit = demo["statistician"], Unit.objects.get(code=unit)
    d_from, d_to = statistical_year_period(year, k)
    report = official_report(the_unit, year, k, by=by)
    assert report == compute_report(demo["histories"], demo["parents"], unit, d_from, d_to, by=by)
    targets = [(None, None, report)]
    if by is not None:
        targets += [(by, key, figures) for key, figures in list(report["groups"].items())[:3]]
    for group_by, key, figures in targets:
        for indicator, measure in FIGURES:
            drill = Drill(user, the_unit, d_from, d_to, Figure(indicator, measure, group_by, key))
            _check_figure(drill, figures, indicator, measure)


@pytest.mark.parametrize("unit,d_from,d_to,by", [
    ("HUE", date(2025, 1, 1), date(2025, 12, 31), None), ("HUE-KV1", date(2025, 3, 5), date(2026, 2, 1), "officer"),
    ("HUE-PV", date(2023, 11, 15), date(2025, 5, 31), "judgment_kind"),
])
def test_a_drill_down_of_any_date_range_adds_up_to_the_report_of_that_range(demo, unit, d_from, d_to, by):
    user, the_unit = demo["statistician"], Unit.objects.get(code=unit)
    report = service.range_report(the_unit, d_from, d_to, by=by, user=user)
    assert report == service.range_report(the_unit, d_from, d_to, by=by)
    groups = list(report["groups"].items())[:2] if by else []
    for group_by, key, figures in [(None, None, report)] + [(by, k, g) for k, g in groups]:
        for indicator, measure in FIGURES:
            _check_figure(Drill(user, the_unit, d_from, d_to, Figure(indicator, measure, group_by, key)), figures,
                          indicator, measure)


def test_the_pages_of_a_drill_down_are_the_whole_list_in_order(demo):
    user, hue = demo["statistician"], Unit.objects.get(code="HUE")
    d_from, d_to = statistical_year_period(2026, 12)
    for sort in ("amount", "case"):
        drill = Drill(user, hue, d_from, d_to, Figure("TT", "money"), sort=sort)
        everything = [r.case_id for r in drill.all_rows()]
        assert len(everything) > 2 * PAGE_SIZE
        paged = []
        first = drill.page(1)
        for n in range(1, first.num_pages + 1):
            paged += [r.case_id for r in drill.page(n).rows]
        assert paged == everything and len(set(paged)) == len(paged)
        if sort == "amount":
            amounts = [r.money for r in drill.all_rows()]
            assert amounts == sorted(amounts, reverse=True)
        else:
            numbers = [r.case.ext_id for r in first.rows]
            assert numbers == sorted(numbers)


# ------------------------------------------------------------------------------------------------- the stored spans


def _stored_spans(case: Case) -> set:
    return set(StatCaseSpan.objects.filter(case=case).values_list(
        "year", "k_first", "k_last", "unit__code", "officer__code", "place", "base", "bucket", "bucket_money", "paid",
        "reduced"))


def _fresh_spans(case: Case, last_year: int) -> set:
    from thads.cases.records import case_history
    from thads.domain.contrib import statistical_year_of

    h = case_history(case)
    return {(s.year, s.k_first, s.k_last, s.part.unit, s.part.officer, s.part.place, s.part.base, s.part.bucket,
             s.part.bucket_money, s.part.paid, s.part.reduced)
            for s in dd.spans(h, range(statistical_year_of(h.case.decided_on), last_year + 1))}


def test_the_per_case_spans_follow_every_act_and_a_rebuild(org):
    from thads.cases.actions import ObligationData, PartyData, do_act, do_receive
    from thads.stats.cells import coverage_year, rebuild

    head, officer = org["people"]["head_a"], org["people"]["officer_a"]
    day0 = date(2025, 9, 1)
    case = do_receive(head, org["units"]["A"], on=day0, initiation="theo_don", judgment_kind="dan_su",
                      debtors=[PartyData("Lê Văn Đức")], creditors=[PartyData("Nguyễn Thị Mai")],
                      obligations=[ObligationData("tra_no", "person", 10_000_000)])
    do_act(head, case.pk, "decide", day0 + timedelta(days=1), officer=officer.officer)
    do_act(head, case.pk, "notify_debtor", day0 + timedelta(days=2))
    do_act(head, case.pk, "start_verification", day0 + timedelta(days=14))
    do_act(head, case.pk, "verify_able", day0 + timedelta(days=20))
    do_act(head, case.pk, "collect", day0 + timedelta(days=40), amount=4_000_000)
    case.refresh_from_db()
    through = coverage_year()
    assert _stored_spans(case) == _fresh_spans(case, through) != set()
    do_act(head, case.pk, "move", day0 + timedelta(days=50), unit=org["units"]["B"])
    case.refresh_from_db()
    assert _stored_spans(case) == _fresh_spans(case, through)
    assert {s[3] for s in _stored_spans(case)} >= {"A", "B"}
    before = _stored_spans(case)
    from thads.stats.service import iter_histories

    rebuild(iter_histories(Case.objects.filter(decided_on__isnull=False)), through)
    assert _stored_spans(case) == before
    stat_p = org["people"]["statistician_p"]
    for unit_code in ("P", "A", "B"):
        unit = Unit.objects.get(code=unit_code)
        for year, k in ((2025, 12), (2026, 1), (2026, 2)):
            report = official_report(unit, year, k)
            d_from, d_to = statistical_year_period(year, k)
            for indicator, measure in FIGURES:
                _check_figure(Drill(stat_p, unit, d_from, d_to, Figure(indicator, measure)), report, indicator,
                              measure)


def test_the_spans_of_a_case_are_its_contributions_month_by_month(demo):
    for h in demo["histories"][:300]:
        for span in dd.spans(h, range(2020, 2028)):
            contributions = year_contributions(h, span.year)
            for k in range(span.k_first, span.k_last + 1):
                assert span.part.vectors() == (contributions[k - 1].cases, contributions[k - 1].money)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.dates(date(2020, 1, 1), date(2026, 11, 30)), days=st.integers(0, 900))
def test_the_per_case_parts_of_any_period_add_up_to_the_pure_report(demo_text, start, days):
    result = validate(demo_text.splitlines())
    histories, parents = result.histories(), {u.code: u.parent for u in result.units}
    end = start + timedelta(days=days)
    report = compute_report(histories, parents, "HUE", start, end, by="officer")
    parts = [p for p in (dd.case_part(h, start, end) for h in histories) if p is not None]
    assert dd.report_of_parts(((p, "", "") for p in parts), "HUE", start, end, "officer") == report
    for indicator, measure in FIGURES:
        if indicator != "RATE":
            coef = dd.coefficients(indicator, measure)
            assert sum(p.amount(coef, measure) for p in parts) == report[measure][indicator]


def test_the_coefficients_are_read_off_the_definition():
    raw = dd.RAW.index
    assert dd.coefficients("TT", "cases") == tuple(1 if k in ("CU", "MOI") else 0 for k in dd.RAW)
    assert dd.coefficients("PTH", "money")[raw("UT")] == -1 and dd.coefficients("PTH", "money")[raw("TH")] == -1
    assert dd.coefficients("CKS", "money")[raw("GIAM")] == -1 and dd.coefficients("CKS", "cases")[raw("GIAM")] == 0
    done, base = dd.rate_coefficients("money")
    assert [dd.RAW[j] for j, c in enumerate(done) if c] == ["XONG", "GIAM", "DC"]
    assert base == dd.coefficients("CDK", "money")
    with pytest.raises(ValueError):
        dd.coefficients("GIAM", "cases")


# ------------------------------------------------------------------------------------------------- the pages


def test_the_statistics_pages_are_for_statisticians_heads_and_deputies(demo):
    url = "/statistics/?unit=HUE&mode=official&year=2026&months=12"
    for title, status in ((Title.STATISTICIAN, 200), (Title.HEAD, 200), (Title.DEPUTY, 200), (Title.OFFICER, 403),
                          (Title.ACCOUNTANT, 403)):
        user = _staff(f"u-{title}", "HUE-KV1", title)
        response = _client(user).get(url.replace("HUE&", "HUE-KV1&"))
        assert response.status_code == status, title
        for page in ("/statistics/cases/?unit=HUE-KV1&ind=TT&m=cases", "/statistics/charts/",
                     "/statistics/province/", "/statistics/export/csv/"):
            assert _client(user).get(page).status_code == status, (title, page)
    assert Client().get(url).status_code == 302  # to the login page


def test_a_branch_sees_only_its_own_unit(demo):
    head = _staff("truong-kv1", "HUE-KV1", Title.HEAD)
    c = _client(head)
    page = c.get("/statistics/")
    assert page.status_code == 200
    options = re.findall(r'<option value="([^"]+)"', page.content.decode())
    assert "HUE-KV1" in options and "HUE" not in options and "HUE-KV2" not in options
    # another branch's figures: the choice is refused and the page falls back to the user's own unit
    other = c.get("/statistics/?unit=HUE-KV2&mode=official&year=2026&months=12")
    assert "HUE-KV2" not in re.findall(r"\((HUE[-A-Z0-9]*)\) ·", other.content.decode())
    drill = c.get("/statistics/cases/?unit=HUE-KV2&mode=official&year=2026&months=12&ind=TT&m=cases")
    assert "HUE-KV2 ·" not in drill.content.decode()
    d_from, d_to = statistical_year_period(2026, 12)
    rows = Drill(head, Unit.objects.get(code="HUE-KV1"), d_from, d_to, Figure("TT", "cases")).all_rows()
    assert rows and {r.unit_id for r in rows} == {Unit.objects.get(code="HUE-KV1").pk}


def test_the_report_page_lists_the_indicators_in_contract_order_with_links_to_their_cases(demo):
    from thads.stats.layouts import load_layout

    c = _client(demo["statistician"])
    html = c.get("/statistics/?unit=HUE&mode=official&year=2026&months=12").content.decode()
    labels = [r.label for r in load_layout("default").rows]
    positions = [html.index(label) for label in labels]
    assert positions == sorted(positions)
    # every indicator once (the layout prints each group total above its parts: CDK before XONG…)
    assert sorted(r.figure.keys[0] for r in load_layout("default").rows) == sorted(MONEY_KEYS)
    report = official_report(Unit.objects.get(code="HUE"), 2026, 12)
    links = re.findall(r'href="(/statistics/cases/\?[^"]+)"[^>]*>([^<]+)</a>', html)
    assert len(links) == len(CASE_KEYS) + len(MONEY_KEYS)
    figures = {(re.search(r"ind=(\w+)", u).group(1), re.search(r"m=(\w+)", u).group(1)): text for u, text in links}
    assert figures[("XONG", "money")] == f"{report['money']['XONG']:,}".replace(",", ".")
    assert figures[("RATE", "cases")] == report["cases"]["RATE"].replace(".", ",") + " %"
    xong = c.get(next(u for u, _ in links if "ind=XONG" in u and "m=money" in u).replace("&amp;", "&"))
    body = xong.content.decode()
    assert xong.status_code == 200 and "The listed cases add up to the figure." in body
    assert re.search(r'href="/cases/\d+/"', body)
    by_unit = c.get("/statistics/?unit=HUE&mode=official&year=2026&months=12&by=unit&show=money").content.decode()
    assert "by=unit" in by_unit and "key=HUE-KV1" in by_unit


def test_the_report_of_any_range_and_its_drill_down_in_the_browser(demo):
    c = _client(demo["statistician"])
    query = "unit=HUE-KV3&mode=range&date_from=2025-02-10&date_to=2025-12-31&year=2026&months=12"
    html = c.get(f"/statistics/?{query}").content.decode()
    assert "10/02/2025" in html and "31/12/2025" in html
    report = service.range_report(Unit.objects.get(code="HUE-KV3"), date(2025, 2, 10), date(2025, 12, 31),
                                  user=demo["statistician"])
    page = c.get(f"/statistics/cases/?{query}&ind=CKS&m=money").content.decode()
    assert f"{report['money']['CKS']:,}".replace(",", ".") in page
    assert "The listed cases add up to the figure." in page


def test_a_closed_period_shows_its_frozen_figures_and_the_acts_entered_after_closing(org):
    from thads.cases.actions import ObligationData, PartyData, do_act, do_receive
    from thads.stats.actions import do_close_period

    head, unit = org["people"]["head_a"], org["units"]["A"]
    stat_a = _staff("stat-a", "A", Title.STATISTICIAN)
    case = do_receive(head, unit, on=date(2025, 9, 1), initiation="theo_don", judgment_kind="dan_su",
                      debtors=[PartyData("Lê Văn Đức")], obligations=[ObligationData("tra_no", "person", 5_000_000)])
    do_act(head, case.pk, "decide", date(2025, 9, 2), officer=org["people"]["officer_a"].officer)
    do_close_period(stat_a, unit, 2025, 12)
    do_act(head, case.pk, "collect", date(2025, 9, 20), amount=1_000_000)
    html = _client(stat_a).get("/statistics/?unit=A&mode=official&year=2025&months=12").content.decode()
    assert "Closed period" in html or "khóa sổ" in html
    assert case.ext_id in html and "1.000.000" in html  # the adjustment, and the current figure under the frozen one
    drill = _client(stat_a).get("/statistics/cases/?unit=A&mode=official&year=2025&months=12&ind=XONG&m=money")
    assert "1.000.000" in drill.content.decode() and "frozen at closing" in drill.content.decode()


@pytest.mark.parametrize("fmt,magic", [("csv", "\ufeff".encode()), ("xlsx", b"PK"), ("pdf", b"%PDF")])
def test_the_report_downloads_as_csv_xlsx_and_pdf(demo, fmt, magic):
    c = _client(demo["statistician"])
    response = c.get(f"/statistics/export/{fmt}/?unit=HUE&mode=official&year=2026&months=12")
    assert response.status_code == 200 and response.content.startswith(magic)
    assert "attachment" in response["Content-Disposition"] and "HUE" in response["Content-Disposition"]


def test_a_drill_down_downloads_as_csv_with_the_same_total(demo):
    c = _client(demo["statistician"])
    response = c.get("/statistics/cases/?unit=HUE&mode=official&year=2026&months=12&ind=DANG&m=money&format=csv")
    import csv

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    total = sum(int(r[12]) for r in rows[1:])
    assert total == official_report(Unit.objects.get(code="HUE"), 2026, 12)["money"]["DANG"]


def test_the_charts_use_the_vendored_chartjs_and_download_as_svg(demo):
    c = _client(demo["statistician"])
    html = c.get("/statistics/charts/?unit=HUE&mode=official&year=2026&months=12").content.decode()
    assert "vendor/chartjs/chart.umd.min.js" in html and "cdn" not in html.lower()
    assert 'id="chart-specs"' in html and "toBase64Image" in html
    for name in ("rates-cases", "rates-money", "units", "days"):
        response = c.get(f"/statistics/charts/{name}.svg?unit=HUE&mode=official&year=2026&months=12")
        assert response.status_code == 200 and response["Content-Type"].startswith("image/svg+xml")
        xml.dom.minidom.parseString(response.content)  # well-formed


def test_the_monthly_rates_are_the_k_month_reports_with_the_national_results(demo):
    from thads.stats.charts import monthly_rates

    hue = Unit.objects.get(code="HUE")
    ids = list(Unit.objects.values_list("id", flat=True))
    spec = monthly_rates(hue, ids, date(2026, 11, 30))["cases"]
    assert len(spec["labels"]) == 4 * 12 + 2 and spec["labels"][0] == "10/2022"
    i = spec["labels"].index("03/2025")
    value = next(s["data"][i] for s in spec["series"] if s["role"] == "unit" and s["data"][i] is not None)
    assert value == float(official_report(hue, 2025, 6)["cases"]["RATE"])
    national = next(s for s in spec["series"] if s["role"] == "national")
    assert national["data"][spec["labels"].index("09/2024")] == 83.88


def test_the_province_at_a_glance_ranks_the_branches_by_rate(demo):
    from thads.stats.charts import unit_figures

    c = _client(demo["statistician"])
    html = c.get("/statistics/province/?unit=HUE&mode=official&year=2026&months=12").content.decode()
    hue = Unit.objects.get(code="HUE")
    kind, figures = unit_figures(hue, list(Unit.objects.values_list("id", flat=True)), 2026, 12)
    assert kind == "units"
    ranked = sorted((f for f in figures if f.unit.pk != hue.pk), key=lambda f: -float(f.rate_cases or 0))
    shown = [m for m in re.findall(r'<span class="muted small">(HUE[-A-Z0-9]*)</span>', html)]
    assert [f.key for f in ranked] == [k for k in shown if k != "HUE"][:len(ranked)]
    assert sum(f.recovered for f in figures) == official_report(hue, 2026, 12)["money"]["XONG"]


def test_days_to_completion_cover_exactly_the_cases_completed_in_each_year(demo):
    from thads.stats.charts import completion_days

    hue = Unit.objects.get(code="HUE")
    ids = list(Unit.objects.values_list("id", flat=True))
    spec = completion_days(ids, date(2026, 11, 30))
    for row in spec["table"]:
        assert row["count"] == official_report(hue, row["year"], row["months"])["cases"]["XONG"]
        if row["count"]:
            assert 0 <= row["p25"] <= row["median"] <= row["p75"] <= row["p90"]
    shares = [sum(s["data"][i] or 0 for s in spec["series"] if s.get("stack")) for i in range(len(spec["labels"]))]
    assert all(abs(total - 100) < 0.6 for total, n in zip(shares, spec["counts"], strict=True) if n)


def test_every_figure_at_a_glance_links_to_cases_adding_up_to_it(demo):
    c = _client(demo["statistician"])
    html = c.get("/statistics/province/?unit=HUE&mode=official&year=2026&months=12").content.decode()
    links = re.findall(r'href="(/statistics/cases/\?[^"]+)"', html)
    assert len(links) >= 5 * 5  # five figures on each line (whole unit, four offices, the unit's own cases)
    for link in links:
        body = c.get(link.replace("&amp;", "&")).content.decode()
        assert "The listed cases add up to the figure." in body, link
