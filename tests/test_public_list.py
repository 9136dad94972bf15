"""The public list of debtors without conditions (issue 18; Art. 44a.2; Decree 62/2015 Art. 11; Decree 152/2026
Art. 23): the publication deadlines across a weekend and Tết, the published row (no ID number, no creditor) on the
page and in the files, the search without diacritics, anonymous read-only access, removal hides the row, the
deadlines in the engine, the staff page and ``thads public-list``."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from thads.cases.actions import ObligationData, PartyData, do_act, do_receive
from thads.deadlines.models import Deadline
from thads.domain.calendar import national_calendar
from thads.domain.publication import RemovalReason, Step, publish_due, removal_due, update_due
from thads.registers.actions_public import (
    PublicationRefused,
    do_publish,
    do_remove_listing,
    do_update_listing,
    subject_of,
)
from thads.registers.models import PublicListing, PublicListingEvent

CAL = national_calendar(2024, 2030)
TODAY = timezone.localdate()
D0 = TODAY - timedelta(days=120)
ID_NUMBER = "079203001234"
CREDITOR = "Nguyễn Thị Mai"
CREDITOR_ID = "079188009999"


def day(n: int) -> date:
    return D0 + timedelta(days=n)


# ------------------------------------------------------------------------------------------- pure deadlines

@pytest.mark.parametrize(("step", "trigger", "due"), [
    # Friday decision: the 5 WD skip the weekend (Mon–Fri of the next week)
    ("publish", date(2025, 10, 3), date(2025, 10, 10)),
    # a decision two days before Tết 2026 (Tết holidays 14–22/02/2026): the 5 WD run past the holidays
    ("publish", date(2026, 2, 12), date(2026, 2, 26)),
    # an update owed from a Thursday: Fri, Mon, Tue
    ("update", date(2025, 10, 2), date(2025, 10, 7)),
    # an update owed from the last working day before Tết 2025 (25/01 make-up Saturday; holidays 25/01–02/02)
    ("update", date(2025, 1, 24), date(2025, 2, 5)),
    # removal after termination: 2 WD under Decree 62 (Friday → Tuesday)
    ("remove", date(2025, 10, 3), date(2025, 10, 7)),
    # removal after completion from 01/07/2026: 3 WD (Decree 152/2026 Art. 23), Friday → Wednesday
    ("remove", date(2026, 10, 2), date(2026, 10, 7)),
])
def test_publication_deadlines_count_working_days_across_weekends_and_tet(step, trigger, due) -> None:
    if step == "publish":
        got = publish_due(trigger, CAL)
    elif step == "update":
        got = update_due(trigger, CAL)
    else:
        got = removal_due(trigger, RemovalReason.TERMINATED, CAL)
    assert got.due == due, (step, trigger, got.due, list(CAL.days_off(trigger, got.due)))
    assert got.step == Step(step)


def test_the_deadlines_cite_the_article_of_the_regime_in_force_on_the_trigger() -> None:
    assert "44a.2" in publish_due(date(2025, 10, 3), CAL).article
    assert "152/2026" in publish_due(date(2026, 10, 2), CAL).article
    assert "Nghị định 62/2015" in update_due(date(2025, 10, 2), CAL).article
    assert "23.2" in update_due(date(2026, 10, 2), CAL).article


def test_removal_after_a_revocation_before_2026_is_unverified_and_its_count_configurable() -> None:
    named = removal_due(date(2025, 10, 3), RemovalReason.TERMINATED, CAL)
    other = removal_due(date(2025, 10, 3), RemovalReason.REVOKED, CAL)
    longer = removal_due(date(2025, 10, 3), RemovalReason.REVOKED, CAL, other_removal_days=5)
    assert named.verified and not other.verified
    assert other.due == named.due and longer.due == date(2025, 10, 10)


# ------------------------------------------------------------------------------------------- the database

def _unable(staff, org, name="Lê Văn Đức", address="12 Lê Lợi, phường Phú Hội, thành phố Huế") -> int:
    case = do_receive(
        staff["head_a"], org["units"]["A"], on=day(0), initiation="theo_don", judgment_kind="dan_su",
        court="TAND huyện A", judgment_number="45/2024/DS-ST", judgment_date=day(-30),
        debtors=[PartyData(name, id_number=ID_NUMBER, address=address)],
        creditors=[PartyData(CREDITOR, id_number=CREDITOR_ID, address="99 Trần Hưng Đạo")],
        obligations=[ObligationData("tra_no", "person", 100_000_000)])
    do_act(staff["head_a"], case.pk, "decide", day(2), decision_no="12/QĐ-CCTHADS",
           officer=staff["officer_a"].officer)
    do_act(staff["officer_a"], case.pk, "notify_debtor", day(3))
    do_act(staff["officer_a"], case.pk, "start_verification", day(5))
    do_act(staff["officer_a"], case.pk, "verify_able", day(20))
    do_act(staff["head_a"], case.pk, "classify_unable", day(30), ground="44a.1.a", decision_no="5/QĐ-CCTHADS")
    return case.pk


def _codes(case_id: int) -> set[str]:
    return set(Deadline.objects.filter(case_id=case_id).values_list("code", flat=True))


def _anonymous_get(url: str):
    return Client().get(url)


@pytest.mark.django_db
def test_publishing_writes_exactly_the_public_fields_and_closes_the_engines_deadline(staff, org) -> None:
    case_id = _unable(staff, org)
    assert "unable.publish" in _codes(case_id)
    listing = do_publish(staff["officer_a"], case_id, day(33))
    assert (listing.name, listing.address, listing.decision_no, listing.decision_on) == (
        "Lê Văn Đức", "12 Lê Lợi, phường Phú Hội, thành phố Huế", "5/QĐ-CCTHADS", day(30))
    assert listing.obligation == "Trả nợ: 100.000.000 ₫"
    assert "unable.publish" not in _codes(case_id)
    assert set(listing.events.get().row) == {"name", "address", "obligation", "decision_no", "decision_on", "unit"}
    with pytest.raises(PublicationRefused):
        do_publish(staff["officer_a"], case_id, day(33))  # listed once


@pytest.mark.django_db
def test_the_page_and_the_files_contain_no_id_number_and_no_creditor(staff, org) -> None:
    do_publish(staff["officer_a"], _unable(staff, org), day(33))
    page = _anonymous_get("/public/debtors/").content.decode()
    csv_text = b"".join(_anonymous_get("/public/debtors.csv").streaming_content).decode("utf-8-sig")
    json_text = b"".join(_anonymous_get("/public/debtors.json").streaming_content).decode()
    for text in (page, csv_text, json_text):
        assert "Lê Văn Đức" in text
        for secret in (ID_NUMBER, CREDITOR_ID, CREDITOR, "Trần Hưng Đạo"):
            assert secret not in text
    rows = list(csv.reader(io.StringIO(csv_text)))
    assert len(rows) == 2 and len(rows[0]) == 6
    assert set(json.loads(json_text)[0]) == {"name", "address", "obligation", "decision_no", "decision_on", "unit"}


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "found"), [("le van duc", True), ("LÊ VĂN", True), ("phu hoi", True),
                                              ("duc hue", True), ("mai", False), ("079203", False)])
def test_the_search_matches_folded_words_of_name_and_address_only(staff, org, query, found) -> None:
    do_publish(staff["officer_a"], _unable(staff, org), day(33))
    text = _anonymous_get(f"/public/debtors/?q={query}").content.decode()
    assert ("12 Lê Lợi" in text) is found


@pytest.mark.django_db
def test_anonymous_visitors_read_but_never_write(staff, org) -> None:
    case_id = _unable(staff, org)
    client = Client()
    assert client.get("/public/debtors/").status_code == 200
    assert client.post("/public/debtors/").status_code == 405
    response = client.post("/registers/public/step/", {"step": "publish", "id": case_id})
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.get("/registers/public/").status_code == 302
    assert not PublicListing.objects.exists()


@pytest.mark.django_db
def test_removal_after_termination_hides_the_row_and_owes_a_removal_until_done(staff, org) -> None:
    case_id = _unable(staff, org)
    listing = do_publish(staff["officer_a"], case_id, day(33))
    with pytest.raises(PublicationRefused):
        do_remove_listing(staff["officer_a"], listing.pk, day(34))  # still without conditions
    do_act(staff["head_a"], case_id, "terminate", day(40), ground="50.1.c", decision_no="9/QĐ")
    owed = Deadline.objects.get(subject=subject_of(listing.pk))
    assert owed.code == "publist.remove" and owed.due == CAL.add_working_days(day(40), 2 if day(40) < date(
        2026, 7, 1) else 3)
    assert "Lê Văn Đức" in _anonymous_get("/public/debtors/").content.decode()
    do_remove_listing(staff["officer_a"], listing.pk, day(41))
    assert not Deadline.objects.filter(subject=subject_of(listing.pk)).exists()
    assert "Lê Văn Đức" not in _anonymous_get("/public/debtors/").content.decode()
    assert "Lê Văn Đức" not in b"".join(_anonymous_get("/public/debtors.csv").streaming_content).decode()
    listing.refresh_from_db()
    assert listing.removal_reason == "terminated"
    assert [e.step for e in PublicListingEvent.objects.filter(listing=listing)] == ["publish", "remove"]


@pytest.mark.django_db
def test_a_continuation_decision_owes_the_removal(staff, org) -> None:
    case_id = _unable(staff, org)
    listing = do_publish(staff["officer_a"], case_id, day(33))
    do_act(staff["head_a"], case_id, "continue", day(50), decision_no="6/QĐ")
    assert Deadline.objects.get(subject=subject_of(listing.pk)).code == "publist.remove"
    do_remove_listing(staff["officer_a"], listing.pk, day(51))
    assert PublicListing.objects.get(pk=listing.pk).removal_reason == "continued"


@pytest.mark.django_db
def test_a_change_of_the_obligation_owes_an_update_within_3_working_days(staff, org) -> None:
    case_id = _unable(staff, org)
    listing = do_publish(staff["officer_a"], case_id, day(33))
    with pytest.raises(PublicationRefused):
        do_update_listing(staff["officer_a"], listing.pk, day(34))  # nothing changed
    do_act(staff["accountant_a"], case_id, "collect", day(60), amount=10_000_000, receipt_no="BL-1")
    owed = Deadline.objects.get(subject=subject_of(listing.pk))
    assert owed.code == "publist.update" and owed.due == CAL.add_working_days(day(60), 3)
    do_update_listing(staff["officer_a"], listing.pk, day(61))
    assert PublicListing.objects.get(pk=listing.pk).obligation == "Trả nợ: 90.000.000 ₫"
    assert not Deadline.objects.filter(subject=subject_of(listing.pk)).exists()


@pytest.mark.django_db
def test_an_officer_of_another_unit_may_not_publish(staff, org) -> None:
    case_id = _unable(staff, org)
    with pytest.raises(PublicationRefused):
        do_publish(staff["officer_b"], case_id, day(33))
    with pytest.raises(PublicationRefused):
        do_publish(staff["statistician_p"], case_id, day(33))  # reads, never acts


@pytest.mark.django_db
def test_the_staff_page_lists_the_cases_to_publish_and_its_button_publishes(staff, org) -> None:
    case_id = _unable(staff, org)
    client = Client()
    client.force_login(staff["officer_a"])
    page = client.get("/registers/public/").content.decode()
    assert "Lê Văn Đức" in page and publish_due(day(30), CAL).due.strftime("%d/%m/%Y") in page
    other = Client()
    other.force_login(staff["officer_b"])
    assert "Lê Văn Đức" not in other.get("/registers/public/").content.decode()
    assert other.post("/registers/public/step/", {"step": "publish", "id": case_id}).status_code == 404
    assert client.post("/registers/public/step/", {"step": "publish", "id": case_id}).status_code == 302
    assert PublicListing.objects.filter(case_id=case_id, removed_on__isnull=True).count() == 1


@pytest.mark.django_db
def test_the_command_prints_the_same_rows_as_the_file(staff, org) -> None:
    do_publish(staff["officer_a"], _unable(staff, org), day(33))
    out = io.StringIO()
    call_command("public_list", "--unit", "P", stdout=out)
    page_csv = b"".join(_anonymous_get("/public/debtors.csv").streaming_content).decode("utf-8-sig")
    assert out.getvalue() == page_csv
    out = io.StringIO()
    call_command("public_list", "--unit", "B", "--format", "json", stdout=out)
    assert json.loads(out.getvalue()) == []


@pytest.mark.django_db
def test_the_listings_deadlines_recomputed_equal_the_incremental_ones(staff, org) -> None:
    from thads.deadlines.service import refresh_all

    first, second = _unable(staff, org), _unable(staff, org, name="Trần Văn Bé", address="3 Hùng Vương")
    one, two = do_publish(staff["officer_a"], first, day(33)), do_publish(staff["officer_a"], second, day(33))
    do_act(staff["head_a"], first, "terminate", day(40), ground="50.1.c", decision_no="9/QĐ")
    do_act(staff["accountant_a"], second, "collect", day(45), amount=5_000_000, receipt_no="BL-2")

    def rows():
        return sorted(Deadline.objects.filter(subject__startswith="publist:").values_list(
            "subject", "code", "due", "trigger_on", "unit_id", "officer_id", "article"))

    incremental = rows()
    assert [r[:2] for r in incremental] == [(subject_of(one.pk), "publist.remove"),
                                            (subject_of(two.pk), "publist.update")]
    refresh_all()
    assert rows() == incremental


@pytest.mark.django_db
def test_a_name_that_a_spreadsheet_would_run_is_kept_as_text_in_the_csv(staff, org) -> None:
    do_publish(staff["officer_a"], _unable(staff, org, name="=HYPERLINK(\"http://x\")"), day(33))
    rows = list(csv.reader(io.StringIO(
        b"".join(_anonymous_get("/public/debtors.csv").streaming_content).decode("utf-8-sig"))))
    assert rows[1][0] == "'=HYPERLINK(\"http://x\")"


@pytest.mark.django_db
def test_an_obligation_without_an_amount_is_published_by_its_kind_and_a_paid_one_not_at_all(staff, org) -> None:
    from thads.cases.models import Obligation
    from thads.registers.public import current_rows

    case_id = _unable(staff, org)
    Obligation.objects.create(case_id=case_id, code="X2", kind="giao_tai_san", beneficiary="person", amount=0,
                              outstanding=0, position=1)
    Obligation.objects.create(case_id=case_id, code="X3", kind="an_phi", beneficiary="state", amount=500_000,
                              outstanding=0, position=2)
    assert current_rows([case_id])[case_id]["obligation"] == "Trả nợ: 100.000.000 ₫; Giao tài sản"


@pytest.mark.django_db
def test_a_case_moved_to_another_unit_owes_an_update_of_the_published_agency(staff, org) -> None:
    case_id = _unable(staff, org)
    listing = do_publish(staff["officer_a"], case_id, day(33))
    do_act(staff["head_a"], case_id, "move", day(50), unit=org["units"]["B"])
    assert Deadline.objects.get(subject=subject_of(listing.pk)).code == "publist.update"
    page = Client()
    page.force_login(staff["officer_b"])
    assert "Lê Văn Đức" in page.get("/registers/public/").content.decode()  # the case's unit holds it now
    do_update_listing(staff["officer_b"], listing.pk, day(51))
    listing.refresh_from_db()
    assert (listing.unit_id, listing.unit_name) == (org["units"]["B"].pk, org["units"]["B"].name)
