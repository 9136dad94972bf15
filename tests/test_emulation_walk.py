"""Regressions from the end-to-end walk of the emulation pages on the demo (issue 17): a branch's targets page
offers passing down to its officers only (a branch has no sub-units: "the sub-units" was the default and always
refused); a council member of the province sees no evidence-sheet link for a nominee outside his scope (the link
led to "not found"); the rankings workbook has its scores and rates as numbers, not "84.52" text, and the money
grouped.
"""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD
from thads.domain.roles import Title
from thads.emulation import actions

from .test_emulation_pages import XLSX, people, world  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def head_b(org):
    from thads.org.actions import do_create_staff

    return do_create_staff("head_b", PASSWORD, "Đinh Trưởng Phòng", org["units"]["B"], Title.HEAD)


def _pass_down_choices(body: str) -> list[str]:
    form = body.split('name="to"', 1)[1].split("</select>", 1)[0]
    return [part.split('"', 1)[0] for part in form.split('value="')[1:]]


def test_a_branch_targets_page_passes_down_to_its_officers_only(client, people, org, world):  # noqa: F811
    client.force_login(people["head_a"])
    body = client.get(reverse("emulation-targets") + f"?year={world.year}&unit=A").content.decode()
    assert _pass_down_choices(body) == ["officers"]


def test_the_province_targets_page_passes_down_to_units_or_officers(client, people, world):  # noqa: F811
    client.force_login(people["statistician_p"])
    body = client.get(reverse("emulation-targets") + f"?year={world.year}&unit=P").content.decode()
    assert _pass_down_choices(body) == ["units", "officers"]


def test_the_evidence_link_shows_only_for_a_nominee_inside_the_readers_scope(client, people, org, world,  # noqa: F811
                                                                             head_b):
    province = org["units"]["P"]
    actions.do_add_council_member(people["head_p"], unit=province, member=head_b, role="member")
    n = actions.do_propose(people["head_p"], unit=province, year=world.year, title="grassroots_fighter",
                           officer=people["officer_a"].officer, reason="Xuất sắc")
    detail = reverse("emulation-nomination-detail", args=[n.pk])
    evidence = reverse("emulation-evidence")
    client.force_login(head_b)  # on the province's council: sees and reviews it, but officer_a is not in his scope
    body = client.get(detail).content.decode()
    assert reverse("emulation-nomination-step", args=[n.pk, "review"]) in body
    assert f'href="{evidence}?' not in body
    assert client.get(evidence + f"?officer={people['officer_a'].officer.pk}&year={world.year}").status_code == 404
    client.force_login(people["head_p"])
    assert f'href="{evidence}?officer={people["officer_a"].officer.pk}' in client.get(detail).content.decode()


def test_the_rankings_workbook_has_numbers_for_scores_and_rates(client, people, world, settings):  # noqa: F811
    import openpyxl

    settings.THADS_RANKING_MIN_CASES_UNIT = 0
    client.force_login(people["statistician_p"])
    response = client.get(reverse("emulation-rankings-xlsx") + "?unit=P&by=unit")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    ws = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [c.value for c in ws[1]]
    score, cases_rate = header.index("Điểm"), header.index("Tỷ lệ về việc (%)")
    money = header.index("Số tiền xong (thi hành xong, đình chỉ, giảm) (đồng)")
    ranked = [row for row in ws.iter_rows(min_row=2) if row[0].value is not None]
    assert ranked, "no unit ranked"
    for row in ranked:
        assert isinstance(row[score].value, (int, float)), row[score].value
        assert row[cases_rate].value is None or isinstance(row[cases_rate].value, (int, float))
        assert row[money].number_format == "#,##0"
