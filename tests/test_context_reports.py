"""What the contexts' reports share (the statistics of coercion, issue 15; the complaints report, issue 16): the
options of their commands, read by one helper (``thads.org.report_command``) that ``thads report`` uses too, and the
access to their pages (``thads.org.period_form``: a unit outside the user's scope is not found)."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from tests.conftest import PASSWORD

COMMANDS = ["measures_report", "complaints_report", "report"]

BAD_SELECTIONS = [
    pytest.param(("--unit", "Z", "--year", "2026"), "unknown unit 'Z'", id="an unknown unit"),
    pytest.param(("--unit", "P", "--year", "2026", "--from", "2025-10-01"),
                 "give either --year [--months] or --from and --to", id="a year and dates"),
    pytest.param(("--unit", "P", "--year", "2026", "--months", "13"), "--months must be between 1 and 12",
                 id="thirteen months"),
    pytest.param(("--unit", "P", "--from", "2026-02-01", "--to", "2026-01-01"), "--from is after --to",
                 id="a reversed range"),
    pytest.param(("--unit", "P", "--from", "01/10/2025", "--to", "2026-01-01"),
                 "invalid date '01/10/2025': use YYYY-MM-DD", id="a date not in ISO form"),
    pytest.param(("--unit", "P"), "give --year [--months K] or --from D1 --to D2", id="no period"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(("args", "message"), BAD_SELECTIONS)
def test_the_command_refuses_a_bad_selection(org, command, args, message):
    with pytest.raises(CommandError) as refused:
        call_command(command, *args, stdout=io.StringIO())
    assert str(refused.value) == message


# ------------------------------------------------------------------------------------------------- the pages


def en_client(user) -> Client:
    """A client logged in as ``user`` reading the English pages."""
    from django.conf import settings

    c = Client()
    c.force_login(user)
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return c


YEAR_Q = "mode=official&year=2026&months=12"
REPORTS = {"assets": "coercion_costs", "complaints": "kinds.complaint.received"}  # the report and a figure of it


def _scope_cases():
    for report, fig in REPORTS.items():
        base = f"/{report}/report"
        yield from (pytest.param(who, url, status, id=f"{report}: {what}") for who, url, status, what in [
            ("officer_b", f"{base}/", 403, "an officer does not see statistics"),
            ("officer_b", f"{base}/list/?unit=B&{YEAR_Q}&fig={fig}", 403,
             "an officer does not see the rows behind a figure"),
            ("head_b", f"{base}/?unit=A&{YEAR_Q}", 404, "the head of B does not see branch A"),
            ("head_b", f"{base}/xlsx/?unit=A&{YEAR_Q}", 404, "nor its XLSX"),
            ("head_b", f"{base}/list/?unit=A&{YEAR_Q}&fig={fig}", 404, "nor the rows behind its figures"),
            ("head_a", f"{base}/?unit=P&{YEAR_Q}", 404, "a branch does not see its province"),
            ("head_b", f"{base}/?unit=B&{YEAR_Q}", 200, "the head of B sees B"),
            ("statistician_a", f"{base}/list/", 404, "a list without its figure is not found"),
        ])
    yield pytest.param("statistician_a", f"/assets/report/list/?unit=A&{YEAR_Q}&fig=nothing", 404,
                       id="assets: an unknown figure is not found")
    yield pytest.param("head_b", f"/complaints/report/pdf/?unit=A&{YEAR_Q}", 404, id="complaints: nor its PDF")
    yield pytest.param("statistician_a", f"/complaints/report/list/?unit=A&{YEAR_Q}&fig=kinds.complaint.resolved_share",
                       404, id="complaints: the share is no list")


@pytest.fixture
def people(org):
    """The personas plus the head of branch B and a statistician of branch A."""
    from thads.domain.roles import Title
    from thads.org.actions import do_create_staff

    units, people = org["units"], dict(org["people"])
    people["head_b"] = do_create_staff("head_b", PASSWORD, "Đỗ Văn Hải", units["B"], Title.HEAD)
    people["statistician_a"] = do_create_staff("statistician_a", PASSWORD, "Vũ Thị Lan", units["A"],
                                               Title.STATISTICIAN)
    return people


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "url", "status"), list(_scope_cases()))
def test_the_pages_follow_the_scope_and_the_statistics_capability(people, who, url, status):
    assert en_client(people[who]).get(url).status_code == status
