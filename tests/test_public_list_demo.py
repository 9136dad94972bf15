"""The demo's public list (``thads.web.demo_public``): the bulk rows are the rows the actions write (publish, update
after a payment, removal after a termination), and the demo province publishes every current debtor without
conditions at any ``--size``."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import timezone

from thads.cases.actions import do_act
from thads.cases.models import Case, Party
from thads.deadlines.models import Deadline
from thads.deadlines.service import current_calendar
from thads.domain.publication import LISTED_STATES
from thads.registers.actions_public import do_publish, do_remove_listing, do_update_listing
from thads.registers.models import PublicListing, PublicListingEvent
from thads.web import demo_public

from .test_public_list import _unable, day

LISTING = ("case_id", "unit_id", "name", "address", "obligation", "decision_no", "decision_on", "unit_name",
           "search_words", "published_on", "updated_on", "removed_on", "removal_reason")
TODAY = timezone.localdate()


def _written() -> tuple[list, list, list]:
    listings = sorted(PublicListing.objects.values_list(*LISTING))
    events = sorted(PublicListingEvent.objects.values_list("listing__case_id", "step", "on", "row", "reason"),
                    key=repr)
    deadlines = sorted(Deadline.objects.filter(subject__startswith="publist:").values_list("code", "due"))
    return listings, events, deadlines


@pytest.mark.django_db
def test_the_demos_bulk_rows_are_the_rows_the_actions_write(staff, org) -> None:
    calendar = current_calendar()
    kept, paid, ended = (_unable(staff, org, name=n) for n in ("Lê Văn Đức", "Trần Thị Bé", "Phan Văn Tư"))
    on = calendar.add_working_days(day(30), demo_public.PUBLISH_AFTER_WD)
    listings = {pk: do_publish(staff["officer_a"], pk, on) for pk in (kept, paid, ended)}
    do_act(staff["accountant_a"], paid, "collect", day(45), amount=30_000_000, receipt_no="BL-7")
    do_update_listing(staff["officer_a"], listings[paid].pk, calendar.add_working_days(day(45), 1))
    do_act(staff["head_a"], ended, "terminate", day(50), ground="50.1.c", decision_no="9/QĐ")
    do_remove_listing(staff["officer_a"], listings[ended].pk, calendar.add_working_days(day(50), 1))
    by_actions = _written()

    PublicListingEvent.objects.all().delete()
    PublicListing.objects.all().delete()
    Deadline.objects.filter(subject__startswith="publist:").delete()
    counts = demo_public.load(TODAY)
    assert counts == {"published": 3, "listed": 2, "updated": 1, "removed": 1}
    assert _written() == by_actions
    assert not Deadline.objects.filter(case_id__in=[kept, paid], code="unable.publish").exists()


@pytest.mark.django_db
def test_a_payment_after_the_last_working_day_leaves_the_update_owed(staff, org) -> None:
    paid = _unable(staff, org)
    do_act(staff["accountant_a"], paid, "collect", TODAY, amount=1_000_000, receipt_no="BL-8")
    demo_public.load(TODAY)
    listing = PublicListing.objects.get(case_id=paid)
    assert listing.obligation == "Trả nợ: 100.000.000 ₫" and listing.updated_on is None
    assert Deadline.objects.get(subject=f"publist:{listing.pk}").code == "publist.update"


SMALL_TODAY = date(2026, 11, 30)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("demo", "--size", "400", "--today", SMALL_TODAY.isoformat(), "--seed", "3", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def test_the_demo_province_lists_every_current_debtor_without_conditions(demo, django_db_blocker) -> None:
    with django_db_blocker.unblock():
        unable = set(Case.objects.filter(state__in=LISTED_STATES).values_list("id", flat=True))
        listed = set(PublicListing.objects.filter(removed_on__isnull=True).values_list("case_id", flat=True))
        assert unable and unable <= listed
        assert PublicListing.objects.filter(removed_on__isnull=False).exists()
        assert "Public list:" in demo
        secrets = [n for n in Party.objects.filter(case_id__in=unable).exclude(id_number="")
                   .values_list("id_number", flat=True)]
        body = b"".join(Client().get("/public/debtors.csv").streaming_content).decode("utf-8-sig")
        assert body.count("\n") == len(listed) + 1
        assert secrets and not any(s in body for s in secrets)
