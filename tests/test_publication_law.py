"""The public list's rules against the texts (issue 18 law review): Decree 62/2015/NĐ-CP Art. 11, TT 04/2023/TT-BTP
Arts. 4–6 and Decree 152/2026/NĐ-CP Art. 23 (Pháp điển copy in diepxuan/diepxuan.github.io). Each row cites the
article it checks; the dates are fixed because the rules change by the act's date (01/10/2023, 01/07/2026)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import override_settings

from thads.domain.calendar import national_calendar
from thads.domain.publication import (
    LEGAL_CONTENT_TT04,
    PUBLIC_FIELDS,
    RemovalReason,
    publish_due,
    removal_article,
    removal_due,
    update_due,
)
from thads.domain.registers import book_year, running_numbers
from thads.registers.registers import start_month

CAL = national_calendar(2022, 2030)
R = RemovalReason


@pytest.mark.parametrize(("left_on", "reason", "due", "verified", "cites"), [
    # Decree 62 Art. 11.3: termination and confirmed completion, 2 WD (Friday → Tuesday)
    (date(2025, 10, 3), R.TERMINATED, date(2025, 10, 7), True, "Điều 11.3 Nghị định 62/2015"),
    (date(2025, 10, 3), R.COMPLETED, date(2025, 10, 7), True, "Điều 11.3 Nghị định 62/2015"),
    # TT 04/2023 Art. 6.2 (from 01/10/2023) names the continuation decision too: 2 WD, verified
    (date(2025, 10, 3), R.CONTINUED, date(2025, 10, 7), True, "Điều 6.2 Thông tư 04/2023"),
    # before TT 04/2023 a continuation is named by no text read: unverified
    (date(2023, 6, 2), R.CONTINUED, date(2023, 6, 6), False, "Nghị định 62/2015"),
    # a revocation before 01/07/2026: named by neither Decree 62 Art. 11 nor TT 04/2023 Art. 6: unverified
    (date(2025, 10, 3), R.REVOKED, date(2025, 10, 7), False, "Nghị định 62/2015"),
    # Decree 152/2026 Art. 23.2: termination, continuation, revocation, completion: 3 WD (Friday → Wednesday)
    (date(2026, 10, 2), R.TERMINATED, date(2026, 10, 7), True, "Điều 23.2 Nghị định 152/2026"),
    (date(2026, 10, 2), R.COMPLETED, date(2026, 10, 7), True, "Điều 23.2 Nghị định 152/2026"),
    (date(2026, 10, 2), R.CONTINUED, date(2026, 10, 7), True, "Điều 23.2 Nghị định 152/2026"),
    (date(2026, 10, 2), R.REVOKED, date(2026, 10, 7), True, "Điều 23.2 Nghị định 152/2026"),
    # any other exit (entrusted out, a request returned): unverified under either regime
    (date(2026, 10, 2), R.OTHER, date(2026, 10, 7), False, "Nghị định 152/2026"),
    # the regime is the act's date: 30/06/2026 is still Decree 62 (2 WD), 01/07/2026 Decree 152 (3 WD)
    (date(2026, 6, 30), R.TERMINATED, date(2026, 7, 2), True, "Nghị định 62/2015"),
    (date(2026, 7, 1), R.TERMINATED, date(2026, 7, 6), True, "Nghị định 152/2026"),
])
def test_removal_triggers_counts_and_articles_follow_decree_62_tt_04_and_decree_152(
        left_on, reason, due, verified, cites) -> None:
    got = removal_due(left_on, reason, CAL)
    assert got.due == due, list(CAL.days_off(left_on, got.due))
    assert got.verified is verified
    assert cites in got.article
    assert (removal_article(left_on, reason) is not None) is verified


def test_a_returned_request_is_not_a_termination_decision() -> None:
    # Decree 152/2026 Art. 22.2: the request is returned by a notice (kept as a terminated event, ground 38.4);
    # Art. 23.2 names only the termination decision
    assert R.of_event("terminated", "38.4") is R.OTHER
    assert R.of_event("terminated", "50.1.a") is R.TERMINATED
    assert R.of_event("resumed") is R.CONTINUED and R.of_event("revoked") is R.REVOKED


def test_a_configured_count_applies_only_to_the_exits_no_text_names() -> None:
    # THADS_PUBLIC_LIST_OTHER_REMOVAL_DAYS must not override a verified count (Decree 152/2026 Art. 23.2: 3 WD)
    assert removal_due(date(2026, 10, 2), R.REVOKED, CAL, other_removal_days=10).due == date(2026, 10, 7)
    assert removal_due(date(2025, 10, 3), R.REVOKED, CAL, other_removal_days=10).due == date(2025, 10, 17)


@pytest.mark.parametrize(("changed_on", "due", "cites"), [
    # Decree 62 Art. 11.2 before TT 04/2023: 3 WD from the day the change is established (Thu → Tue)
    (date(2023, 6, 1), date(2023, 6, 6), "Điều 11.2 Nghị định 62/2015"),
    # TT 04/2023 Art. 6.1 repeats the 3 WD from 01/10/2023
    (date(2025, 10, 2), date(2025, 10, 7), "Điều 6.1 Thông tư 04/2023"),
    # Decree 152/2026 Art. 23.2 ¶1 from 01/07/2026: 3 WD across 31/08–02/09/2026 off (Fri → Thu, Fri, Mon)
    (date(2026, 8, 28), date(2026, 9, 7), "Điều 23.2 Nghị định 152/2026"),
])
def test_the_update_counts_3_working_days_under_the_text_in_force_on_the_change(changed_on, due, cites) -> None:
    got = update_due(changed_on, CAL)
    assert got.due == due, list(CAL.days_off(changed_on, got.due))
    assert cites in got.article and got.verified


@pytest.mark.parametrize(("decided_on", "due"), [
    # Decree 62 Art. 11.1 / Decree 152 Art. 23.1: 5 WD from the date of the decision, Tết 2026 (14–22/02) skipped
    (date(2026, 2, 12), date(2026, 2, 26)),
    # a decision of Monday 29/06/2026 keeps the old regime's article although its due day falls after 01/07/2026
    (date(2026, 6, 29), date(2026, 7, 6)),
])
def test_publication_counts_5_working_days_from_the_decisions_date(decided_on, due) -> None:
    got = publish_due(decided_on, CAL)
    assert got.due == due and got.trigger_on == decided_on
    assert ("152/2026" in got.article) is (decided_on >= date(2026, 7, 1))


def test_the_published_fields_hold_the_core_of_decree_62_art_11_and_never_an_identifier() -> None:
    # Decree 62 Art. 11.1: name, address, obligation; TT 04/2023 Art. 4.1 adds judgment, decision, reason (left)
    assert {"name", "address", "obligation"} <= set(PUBLIC_FIELDS)
    assert {"name", "address", "obligation"} <= set(LEGAL_CONTENT_TT04)
    assert not {"id_number", "passport", "tax_code", "creditor"} & set(PUBLIC_FIELDS)


# ------------------------------------------------------------------------------------------- the registers' book year

@pytest.mark.parametrize(("month", "dates", "numbers"), [
    # the calendar year (default; UNVERIFIED, TT 04/2023/TT-BTP Art. 30 not read): 01/10 continues, 01/01 restarts
    (None, [date(2025, 9, 30), date(2025, 10, 1), date(2026, 1, 2)], [4, 5, 1]),
    # a book opened on 01/10 (the statistical year 01/10–30/09): 01/10 restarts, 01/01 continues
    (10, [date(2025, 9, 30), date(2025, 10, 1), date(2026, 1, 2)], [4, 1, 2]),
])
def test_the_registers_book_year_is_configurable_and_restarts_the_running_numbers(month, dates, numbers) -> None:
    with override_settings(THADS_REGISTER_BOOK_YEAR_START_MONTH=month):
        m = start_month()
        before = {book_year(dates[0], m): 3}
        assert list(running_numbers(dates, before, m)) == numbers


def test_a_book_year_month_outside_1_to_12_is_refused() -> None:
    with override_settings(THADS_REGISTER_BOOK_YEAR_START_MONTH=13), pytest.raises(ValueError):
        start_month()
