"""Security review of the emulation context (issue 17): another unit's objects named in a URL or a form field are
not found or not among the choices, and nothing is written; every POST needs its CSRF token; the frozen evidence of
a nomination is shown (and audited) only to who may open the evidence sheet; hand-made query strings and figures
(Unicode digits, NaN, Infinity, 1e5, amounts beyond the database's integers, control characters in a title) are
refused cleanly or ignored, never a 500; the good-practice search treats ``%`` and ``_`` as text and linked cases
never show a party's name or ID number.

The world is ``tests/test_emulation_pages.py``'s (branch A's target, campaign, council, nomination of officer_a,
good practice) plus the same objects of branch B (``b_world``).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD
from tests.test_emulation_pages import DOCX, _target_post, people, world  # noqa: F401  (shared fixtures)
from thads.domain.roles import Title
from thads.emulation import actions
from thads.emulation.models import Campaign, Commendation, CouncilMember, GoodPractice, Nomination, Target
from thads.lib.errors import Refused
from thads.org.models import AuditEvent

pytestmark = pytest.mark.django_db


def _d(days_ago: int = 0) -> str:
    return (timezone.localdate() - timedelta(days=days_ago)).strftime("%d/%m/%Y")


@pytest.fixture
def b_world(people, org, world):
    """Branch B's own target, campaign, council (officer_b), nomination of officer_b and good practice."""
    from thads.org.actions import do_create_staff

    units, year = org["units"], world.year
    head_b = do_create_staff("head_b", PASSWORD, "Đỗ Trưởng Bê", units["B"], Title.HEAD)
    target = actions.do_set_target(people["statistician_p"], year=year, issuer="province", unit=units["B"],
                                   cases_rate=Decimal("70"), money_rate=Decimal("30"))
    campaign = actions.do_save_campaign(head_b, name="Thi đua B", unit=units["B"],
                                        starts_on=timezone.localdate() - timedelta(days=30),
                                        ends_on=timezone.localdate() + timedelta(days=30), units=[units["B"]])
    member = actions.do_add_council_member(head_b, unit=units["B"], member=people["officer_b"], role="chair")
    nomination = actions.do_propose(head_b, unit=units["B"], year=year, title="advanced_worker",
                                    officer=people["officer_b"].officer, campaign=campaign,
                                    on=timezone.localdate() - timedelta(days=1))
    practice = actions.do_save_practice(people["officer_b"], kind="solution", title="Giải pháp B",
                                        summary="Tóm tắt B", unit=units["B"], year=year)
    return SimpleNamespace(head=head_b, target=target, campaign=campaign, member=member, nomination=nomination,
                           practice=practice)


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Target, Campaign, CouncilMember, Nomination, Commendation,
                                             GoodPractice)) + (Campaign.objects.filter(closed=True).count(),
                                                              Nomination.objects.exclude(state="proposed").count())


# ------------------------------------------------------------------------------------------------- IDOR


POSTS_ON_B = [
    ("emulation-nomination-step", lambda b: [b.nomination.pk, "review"],
     {"on": _d(0), "votes_for": "5", "votes_against": "0"}),
    ("emulation-nomination-step", lambda b: [b.nomination.pk, "decline"], {"on": _d(0), "reason": "Không"}),
    ("emulation-nomination-step", lambda b: [b.nomination.pk, "withdraw"], {"on": _d(0)}),
    ("emulation-campaign-close", lambda b: [b.campaign.pk], {}),
    ("emulation-campaign-edit", lambda b: [b.campaign.pk], {"name": "X", "starts_on": _d(5), "ends_on": _d(0)}),
    ("emulation-council-remove", lambda b: [b.member.pk], {}),
    ("emulation-target-delete", lambda b: [b.target.pk], {}),
    ("emulation-target-pass-down", lambda b: [b.target.pk], {"to": "officers", "uplift": "0"}),
    ("emulation-target-edit", lambda b: [b.target.pk], {"cases_rate": "1"}),
    ("emulation-practice-edit", lambda b: [b.practice.pk], {"kind": "solution", "title": "Đổi", "summary": "S"}),
]


@pytest.mark.parametrize(("name", "args", "data"), POSTS_ON_B, ids=lambda v: v if isinstance(v, str) else "")
def test_a_head_posting_to_another_branchs_object_is_refused_and_nothing_changes(client, people, b_world, name,
                                                                                 args, data):
    client.force_login(people["head_a"])
    before = _counts()
    response = client.post(reverse(name, args=args(b_world)), data)
    assert response.status_code in (403, 404)
    assert _counts() == before
    assert Target.objects.get(pk=b_world.target.pk).cases_rate == Decimal("70")
    assert GoodPractice.objects.get(pk=b_world.practice.pk).title == "Giải pháp B"


def _chosen(people, org, b_world, world) -> dict:
    units = org["units"]
    return {"unit_b": str(units["B"].pk), "unit_p": str(units["P"].pk), "officer_b": str(people["officer_b"].officer.pk),
            "user_b": str(b_world.head.pk), "campaign_b": str(b_world.campaign.pk), "unit_a": str(units["A"].pk),
            "officer_a": str(people["officer_a"].officer.pk), "year": str(world.year)}


FORMS_WITH_B = [
    ("target unit B", "emulation-target-new", "", lambda c: _target_post(issuer="branch", unit=c["unit_b"])),
    ("target officer B", "emulation-target-new", "",
     lambda c: _target_post(issuer="branch", unit="", officer=c["officer_b"])),
    ("propose officer B", "emulation-nomination-new", "",
     lambda c: {"officer": c["officer_b"], "title": "advanced_worker", "year": c["year"], "unit": c["unit_a"],
                "on": _d(0)}),
    ("propose unit B", "emulation-nomination-new", "",
     lambda c: {"nominee_unit": c["unit_b"], "title": "labor_collective_advanced", "year": c["year"],
                "unit": c["unit_a"], "on": _d(0)}),
    ("propose in B's campaign", "emulation-nomination-new", "",
     lambda c: {"officer": c["officer_a"], "title": "certificate", "year": c["year"], "unit": c["unit_a"],
                "campaign": c["campaign_b"], "on": _d(0)}),
    ("commendation of B's officer", "emulation-commendation-new", "",
     lambda c: {"kind": "individual", "officer": c["officer_b"], "title": "certificate", "year": c["year"],
                "decision_no": "1/QĐ", "decided_on": _d(3), "issuer": "Cục trưởng"}),
    ("commendation of B's head", "emulation-commendation-new", "",
     lambda c: {"kind": "individual", "recipient_user": c["user_b"], "title": "certificate", "year": c["year"],
                "decision_no": "1/QĐ", "decided_on": _d(3), "issuer": "Cục trưởng"}),
    ("practice of B", "emulation-practice-new", "",
     lambda c: {"kind": "solution", "title": "T", "summary": "S", "unit": c["unit_b"]}),
    ("practice naming B's officer", "emulation-practice-new", "",
     lambda c: {"kind": "solution", "title": "T", "summary": "S", "unit": c["unit_a"], "officers": [c["officer_b"]]}),
    ("council of A with B's member", "emulation-council", "?unit=A", lambda c: {"member": c["user_b"], "role": "member"}),
    ("council of B", "emulation-council", "?unit=B", lambda c: {"member": c["user_b"], "role": "member"}),
]


@pytest.mark.parametrize(("case", "name", "query", "data"), FORMS_WITH_B, ids=[f[0] for f in FORMS_WITH_B])
def test_another_branchs_id_in_a_form_field_is_not_a_choice_and_nothing_is_written(client, people, org, world,
                                                                                  b_world, case, name, query, data):
    client.force_login(people["head_a"])
    before = _counts()
    response = client.post(reverse(name) + query, data(_chosen(people, org, b_world, world)))
    assert response.status_code == 200, case  # the form again, with its error
    assert "errorlist" in response.content.decode() or 'class="errors' in response.content.decode()
    assert _counts() == before


def test_a_case_of_another_branch_is_not_linked_to_a_practice(client, people, org, world, b_world):
    from tests.browser.helpers import enforcing_case

    client.force_login(people["officer_b"])
    before = _counts()
    response = client.post(reverse("emulation-practice-new"), {"kind": "solution", "title": "T", "summary": "S",
                                                              "unit": str(org["units"]["B"].pk),
                                                              "cases": world.case.ext_id})
    assert response.status_code == 200 and world.case.ext_id in response.content.decode()
    assert _counts() == before
    assert enforcing_case  # the world's case is A's


@pytest.mark.parametrize("page", ["emulation-progress", "emulation-rankings", "emulation-targets",
                                  "emulation-council"])
def test_another_branch_in_the_query_string_falls_back_to_the_users_own_unit(client, people, b_world, page):
    client.force_login(people["head_a"])
    body = client.get(reverse(page) + "?unit=B&year=99999999999999999999&months=13&by=x").content.decode()
    assert "Chi cục THADS huyện A" in body and "Phòng THADS khu vực B" not in body


def test_the_rankings_download_of_another_branch_is_the_users_own(client, people, b_world):
    client.force_login(people["head_a"])
    response = client.get(reverse("emulation-rankings-xlsx") + "?unit=B")
    assert response.status_code == 200 and "xep-hang-A-" in response["Content-Disposition"]


@pytest.mark.parametrize("kind", ["officer", "user", "unit"])
def test_the_evidence_of_someone_outside_the_scope_is_not_found_in_any_format(client, people, org, b_world, kind):
    client.force_login(people["head_a"])
    pk = {"officer": people["officer_b"].officer.pk, "user": b_world.head.pk, "unit": org["units"]["B"].pk}[kind]
    before = AuditEvent.objects.count()
    for name in ("emulation-evidence", "emulation-evidence-xlsx", "emulation-evidence-docx"):
        assert client.get(reverse(name) + f"?{kind}={pk}").status_code == 404
    assert AuditEvent.objects.count() == before


# ------------------------------------------------------------------------------------------------- CSRF, GET


@pytest.mark.parametrize(("name", "args", "data"), [
    ("emulation-target-delete", lambda w: [w.branch_target.pk], {}),
    ("emulation-target-pass-down", lambda w: [w.province_target.pk], {"to": "units", "uplift": "0"}),
    ("emulation-campaign-close", lambda w: [w.campaign.pk], {}),
    ("emulation-nomination-step", lambda w: [w.nomination.pk, "withdraw"], {"on": _d(0)}),
    ("emulation-practice-edit", lambda w: [w.practice.pk], {"kind": "solution", "title": "X", "summary": "S"}),
], ids=lambda v: v if isinstance(v, str) else "")
def test_every_post_needs_its_csrf_token(people, world, name, args, data):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(people["head_p"])
    before = _counts()
    assert csrf_client.post(reverse(name, args=args(world)), data).status_code == 403
    assert _counts() == before
    assert GoodPractice.objects.get(pk=world.practice.pk).title == "Cưỡng chế giao nhà"


@pytest.mark.parametrize("name", ["emulation-target-delete", "emulation-target-pass-down",
                                  "emulation-campaign-close", "emulation-council-remove"])
def test_a_get_never_deletes_closes_or_passes_down(client, people, world, name):
    client.force_login(people["head_p"])
    pk = {"emulation-target-delete": world.branch_target.pk, "emulation-target-pass-down": world.province_target.pk,
          "emulation-campaign-close": world.campaign.pk,
          "emulation-council-remove": CouncilMember.objects.first().pk}[name]
    before = _counts()
    assert client.get(reverse(name, args=[pk])).status_code == 405
    assert _counts() == before


# ------------------------------------------------------------------------------------------------- the evidence


def test_a_colleague_does_not_see_the_nominees_frozen_figures(client, people, org, world):
    from thads.org.actions import do_create_staff

    colleague = do_create_staff("officer_a2", PASSWORD, "Đinh Văn Hai", org["units"]["A"], Title.OFFICER)
    client.force_login(colleague)
    body = client.get(reverse("emulation-nomination-detail", args=[world.nomination.pk])).content.decode()
    assert 'class="grid evidence"' not in body and not AuditEvent.objects.filter(
        kind="read", action="emulation.nomination.evidence").exists()
    client.force_login(people["head_a"])
    body = client.get(reverse("emulation-nomination-detail", args=[world.nomination.pk])).content.decode()
    assert 'class="grid evidence"' in body
    row = AuditEvent.objects.get(kind="read", action="emulation.nomination.evidence")
    assert row.unit_id == org["units"]["A"].pk


def test_opening_the_evidence_sheet_is_audited_like_its_downloads(client, people, world):
    client.force_login(people["head_a"])
    query = f"?officer={world.nomination.nominee_officer_id}&year={world.year}"
    assert client.get(reverse("emulation-evidence") + query).status_code == 200
    assert AuditEvent.objects.filter(kind="read", action="emulation.evidence.view").count() == 1


def test_the_evidence_docx_downloads_when_a_title_holds_control_characters(client, people, org, world):
    actions.do_save_practice(people["head_a"], kind="solution", title="Giải\x0bpháp\x01 hay", summary="S\x02",
                             unit=org["units"]["A"], officers=[people["officer_a"].officer], year=world.year)
    client.force_login(people["head_a"])
    query = f"?officer={people['officer_a'].officer.pk}&year={world.year}"
    response = client.get(reverse("emulation-evidence-docx") + query)
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    import io

    from docx import Document

    text = "\n".join(c.text for t in Document(io.BytesIO(response.content)).tables for r in t.rows for c in r.cells)
    assert "Giảipháp hay" in text


# ------------------------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("url", [
    "emulation-evidence?year=²", "emulation-evidence?officer=²", "emulation-evidence-xlsx?unit=١٢",
    "emulation-evidence?officer=99999999999999999999999", "emulation-nomination-new?officer=²&year=³",
    "emulation-target-new?unit=²&officer=99999999999999999999999&issuer=" + "x" * 500,
    "emulation-nominations?page=99999999999999999999&year=²", "emulation-commendations?year=%00",
])
def test_a_hand_made_query_string_is_ignored_or_not_found_never_a_500(client, people, world, url):
    client.force_login(people["head_p"])
    name, _sep, query = url.partition("?")
    assert client.get(reverse(name) + "?" + query).status_code in (200, 404)


@pytest.mark.parametrize("garbage", [
    {"cases_rate": "NaN"}, {"cases_rate": "Infinity"}, {"money_rate": "-Infinity"}, {"cases_rate": "sNaN"},
    {"cases_rate": "1e5"}, {"money_rate": "1E+999999999"}, {"money_recovered": "99999999999999999999"},
    {"money_recovered": "1e30"}, {"cases_completed": "2147483648"}, {"decided_on": "31/12/9999"},
    {"decided_on": "01/01/0001"},
])
def test_non_finite_exponent_or_overflowing_figures_are_refused_by_the_target_form(client, people, org, world,
                                                                                   garbage):
    client.force_login(people["statistician_p"])
    before = _counts()
    response = client.post(reverse("emulation-target-new"), _target_post(unit=str(org["units"]["B"].pk), **garbage))
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert _counts() == before


@pytest.mark.parametrize("figures", [
    {"money_recovered": 10**16}, {"money_recovered": Decimal("1E+999999999")}, {"cases_completed": 2**31},
    {"backlog_reduction": Decimal("Infinity")}, {"cases_completed": Decimal("NaN")},
    {"cases_completed": Decimal("sNaN")}, {"cases_completed": "9" * 5000}, {"cases_rate": Decimal("sNaN")},
    {"money_rate": "Infinity"}, {"cases_rate": "1e5"},
])
def test_the_target_action_refuses_figures_the_database_cannot_hold(people, org, world, figures):
    before = _counts()
    with pytest.raises(Refused):
        actions.do_set_target(people["statistician_p"], year=world.year, issuer="province", unit=org["units"]["B"],
                              **figures)
    assert _counts() == before


def test_the_rankings_download_of_a_period_not_started_goes_back_to_the_page(client, people, world, monkeypatch):
    from thads.emulation import rankings

    def not_started(*args, **kwargs):
        raise ValueError("statistical year has not started")

    monkeypatch.setattr(rankings, "rankings", not_started)
    client.force_login(people["head_a"])
    response = client.get(reverse("emulation-rankings-xlsx"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("emulation-rankings"))


# ------------------------------------------------------------------------------------------------- the library


def test_the_practice_search_treats_like_wildcards_as_text(client, people, world):
    client.force_login(people["officer_b"])
    for q in ("%", "_", "%%%", "\\", ".*"):
        body = client.get(reverse("emulation-practices"), {"q": q}).content.decode()
        assert "Cưỡng chế giao nhà" not in body, q
    body = client.get(reverse("emulation-practices"), {"q": "cuong che"}).content.decode()
    assert "Cưỡng chế giao nhà" in body


def test_a_huge_search_is_ignored_not_run(client, people, world):
    client.force_login(people["officer_b"])
    response = client.get(reverse("emulation-practices"), {"q": "cuong " * 20000})
    assert response.status_code == 200 and "Cưỡng chế giao nhà" in response.content.decode()


def test_a_practices_linked_case_shows_no_party_name_or_id_number(client, people, world):
    client.force_login(people["head_p"])
    body = client.get(reverse("emulation-practice-detail", args=[world.practice.pk])).content.decode()
    assert world.case.ext_id in body
    assert "046090001234" not in body and "Trần Thị Mai" not in body


def test_a_branch_head_proposes_to_the_province_council_above_him(client, people, org, world, b_world):
    """The deciding unit may be the proposer's own or one above it (the province decides most titles: Luật TĐKT
    2022 Art. 80.1); the nomination then waits for the province's council, not for nobody."""
    from thads.emulation.models import Nomination

    client.force_login(people["head_a"])
    chosen = _chosen(people, org, b_world, world)
    before = set(Nomination.objects.values_list("pk", flat=True))
    response = client.post(reverse("emulation-nomination-new"), {
        "officer": chosen["officer_a"], "title": "certificate", "year": chosen["year"], "unit": chosen["unit_p"],
        "on": _d(0)})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Nomination.objects.exclude(pk__in=before).get().unit == org["units"]["P"]


def test_a_council_member_sees_the_frozen_figures_he_votes_on_and_it_is_audited(client, people, org, world):
    from thads.emulation.models import CouncilMember
    from thads.org.actions import do_create_staff

    member = do_create_staff("clerk_a9", PASSWORD, "Hồ Văn Chín", org["units"]["A"], Title.CLERK)
    CouncilMember.objects.create(unit=world.nomination.unit, user=member, role="member")
    client.force_login(member)
    body = client.get(reverse("emulation-nomination-detail", args=[world.nomination.pk])).content.decode()
    assert 'class="grid evidence"' in body
    assert AuditEvent.objects.filter(kind="read", action="emulation.nomination.evidence", user=member).exists()
