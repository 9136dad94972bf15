"""Statutory deadlines (thads.domain.deadlines + deadline_rules): hand-counted due dates. Pure: no DB.

Counting notation in the comments: "(1)" is the first counted day; the trigger day itself is never counted (Civil
Code Art. 147); calendar-day and month periods ending on a day off roll to the next working day (Art. 148).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thads.domain.act_types import Act, CaseFacts, Intake
from thads.domain.calendar import CalendarRow, DayKind, WorkCalendar, national_calendar
from thads.domain.deadline_rules import (
    CONTRACT_ACTS,
    FINAL_ACTS,
    RULESETS,
    CountUnit,
    DeadlineAct,
    Level,
    rule_table,
    ruleset_for,
)
from thads.domain.deadlines import PREDICATES, ActRecord, Deadline, next_due_soon, open_deadlines
from thads.domain.roles import Title

CAL = national_calendar()
D = date
R = ActRecord
X = DeadlineAct
FACTS = CaseFacts(unit="HUE-PV", held=1_000_000)  # held: money not yet paid out (ledger)


def deadlines(history: Sequence[ActRecord], today: date, facts: CaseFacts = FACTS, go_live: date | None = None,
              cal: WorkCalendar = CAL) -> dict[str, Deadline]:
    out = open_deadlines(history, facts, cal, today, go_live)
    return {d.code: d for d in out}


def only(history: Sequence[ActRecord], today: date, code: str, **kw: object) -> Deadline:
    found = [d for d in open_deadlines(history, kw.pop("facts", FACTS), CAL, today, kw.pop("go_live", None))  # type: ignore[arg-type]
             if d.code == code]
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------------------------- hand-counted table

# (history, today, code, due, ruleset, counting)
HAND_COUNTED = [
    # Tết 2025 (27/1–31/1 + Sat 1/2 off): judgment received Fri 24/1; 25/1–2/2 off; 3 (1) 4 (2) 5 (3) 6 (4) 7/2 (5)
    ([R("receive_judgment", D(2025, 1, 24))], D(2025, 2, 5), "decide.proactive", D(2025, 2, 7), "2015"),
    # Tết 2026 (16/2–20/2): request Fri 13/2; 14/2–22/2 off; 23 (1) 24 (2) 25 (3) 26 (4) 27/2 (5)
    ([R("receive_request", D(2026, 2, 13))], D(2026, 2, 20), "decide.request", D(2026, 2, 27), "2025-07"),
    # 30/4–1/5 bridge 2025: decision Tue 29/4; 30/4, 1/5, 2/5 off, 3–4 weekend; 5/5 (1) 6/5 (2) 7/5 (3)
    ([R("decide", D(2025, 4, 29))], D(2025, 5, 2), "notify.decision", D(2025, 5, 7), "2015"),
    # make-up Saturday: decision Fri 25/4/2025; Sat 26/4 worked (1); Sun off; Mon 28 (2); Tue 29 (3)
    ([R("decide", D(2025, 4, 25))], D(2025, 4, 26), "procuracy.send", D(2025, 4, 29), "2015"),
    # 2/9/2025 (1/9 + 2/9 off): request Fri 29/8; 30–31 weekend; 1–2/9 off; 3 (1) 4 (2) 5 (3) 8 (4) 9/9 (5)
    ([R("receive_request", D(2025, 8, 29))], D(2025, 9, 1), "decide.request", D(2025, 9, 9), "2025-07"),
    # bankruptcy decision 3 WD: received Thu 26/2/2026; Fri 27 (1); Mon 2/3 (2); Tue 3/3 (3)
    ([R("receive_judgment", D(2026, 2, 26), details={"bankruptcy": True})], D(2026, 2, 27), "decide.bankruptcy",
     D(2026, 3, 3), "2025-07"),
    # interim measure: immediately, the day received (Mon 6/1/2025)
    ([R("receive_judgment", D(2025, 1, 6), details={"interim": True})], D(2025, 1, 6), "decide.interim",
     D(2025, 1, 6), "2015"),
    # voluntary period 10 days: notified Thu 2/10/2025; + 10 = Sun 12/10 → Mon 13/10
    ([R("decide", D(2025, 10, 1)), R("notify_debtor", D(2025, 10, 2))], D(2025, 10, 3), "voluntary.period",
     D(2025, 10, 13), "2025-07"),
    # verification within 10 days after it: period ends Mon 13/10 (rolled); + 10 = Thu 23/10/2025
    ([R("decide", D(2025, 10, 1)), R("notify_debtor", D(2025, 10, 2))], D(2025, 10, 3), "verify.start",
     D(2025, 10, 23), "2025-07"),
    # payout 10 days from a collection on Sun 20/4/2025: + 10 = Wed 30/4 holiday → 1/5, 2/5, 3–4/5 off → Mon 5/5
    ([R("collect", D(2025, 4, 20), details={"amount": 1_000_000})], D(2025, 4, 21), "payout.collected",
     D(2025, 5, 5), "2015"),
    # continuation after a 48.2 postponement: 15/1/2025 + 3 months = Tue 15/4; 16 (1) 17 (2) 18 (3) 21 (4) 22/4 (5)
    ([R("postpone", D(2025, 1, 15), "48.2")], D(2025, 2, 1), "resume.postponement", D(2025, 4, 22), "2015"),
    # continuation after an agreed term ending Fri 25/4/2025: Sat 26/4 make-up (1); 28 (2) 29 (3); 30/4–4/5 off;
    # 5/5 (4) 6/5 (5)
    ([R("postpone", D(2025, 3, 3), "48.1.c", {"until": "2025-04-25"})], D(2025, 4, 1), "resume.postponement",
     D(2025, 5, 6), "2015"),
    # re-verification every 6 months: 31/8/2027 + 6 months = Tue 29/2/2028 (leap year)
    ([R("classify_unable", D(2027, 8, 31), "44a.1.a")], D(2027, 9, 1), "reverify.periodic", D(2028, 2, 29),
     "2026-07"),
    # termination decision 5 WD: ground arose Wed 31/12/2025; 1/1 off; Fri 2/1 (1); 5 (2) 6 (3) 7 (4) 8/1 (5)
    ([R(X.TERMINATION_GROUND, D(2025, 12, 31))], D(2026, 1, 2), "terminate.decide", D(2026, 1, 8), "2025-07"),
    # confirmation of result 5 WD: request Fri 24/4/2026; 27/4 nghỉ bù; 28 (1) 29 (2); 30/4, 1/5 off; 4 (3) 5 (4)
    # 6/5 (5)
    ([R(X.REQUEST_CONFIRMATION, D(2026, 4, 24))], D(2026, 4, 24), "confirm.result", D(2026, 5, 6), "2025-07"),
    # entrustment 5 WD: ground Mon 7/7/2025; 8 (1) 9 (2) 10 (3) 11 (4) 14/7 (5)
    ([R(X.ENTRUSTMENT_GROUND, D(2025, 7, 7))], D(2025, 7, 7), "entrust.decide", D(2025, 7, 14), "2025-07"),
    # unclaimed money: notice Mon 3/3/2025; + 15 days = Tue 18/3 (period end); deposit next working day Wed 19/3
    ([R(X.NOTIFY_PAYEE, D(2025, 3, 3))], D(2025, 3, 4), "unclaimed.deposit", D(2025, 3, 19), "2015"),
    # not-yet-able decision 5 WD of the ground: Wed 28/1/2026; 29 (1) 30 (2); 2/2 (3) 3 (4) 4/2 (5)
    ([R(X.UNABLE_GROUND_FOUND, D(2026, 1, 28))], D(2026, 1, 28), "unable.decide", D(2026, 2, 4), "2025-07"),
]


@pytest.mark.parametrize(("history", "today", "code", "due", "ruleset"), HAND_COUNTED)
def test_hand_counted_due_dates(history: list[ActRecord], today: date, code: str, due: date, ruleset: str) -> None:
    found = only(history, today, code)
    assert (found.due, found.ruleset) == (due, ruleset)
    assert found.article and found.text_vi and found.who in {"head", "officer", "accountant", "clerk"}


# --------------------------------------------------------------------------------------------- rule sets


def test_ruleset_chosen_by_trigger_date() -> None:
    assert ruleset_for(D(2010, 1, 1)).name == "2009"  # Law 26/2008 as first enacted (issue 14 item 14)
    assert ruleset_for(D(2015, 6, 30)).name == "2009" and ruleset_for(D(2015, 7, 1)).name == "2015"
    assert ruleset_for(D(2025, 6, 30)).name == "2015"
    assert ruleset_for(D(2025, 7, 1)).name == "2025-07"
    assert ruleset_for(D(2026, 6, 30)).name == "2025-07"
    assert ruleset_for(D(2026, 7, 1)).name == "2026-07"


def test_one_deadline_under_each_ruleset() -> None:
    # 2015: request Fri 27/6/2025 → 30/6 (1) 1/7 (2) 2/7 (3) 3/7 (4) 4/7 (5); decided by the unit's head
    old = only([R("receive_request", D(2025, 6, 27))], D(2025, 6, 30), "decide.request")
    assert (old.due, old.ruleset, old.level, old.who) == (D(2025, 7, 4), "2015", "unit", "head")
    assert "Điều 36.1" in old.article
    # 2025-07: request Tue 1/7/2025 → 2 (1) 3 (2) 4 (3) 7 (4) 8/7 (5); the provincial agency decides
    mid = only([R("receive_request", D(2025, 7, 1))], D(2025, 7, 1), "decide.request")
    assert (mid.due, mid.ruleset, mid.level) == (D(2025, 7, 8), "2025-07", "province")
    # 2026-07: request Wed 1/7/2026 → 2 (1) 3 (2) 6 (3) 7 (4) 8/7 (5); Law 106/2025 Art. 34, count UNVERIFIED
    new = only([R("receive_request", D(2026, 7, 1))], D(2026, 7, 1), "decide.request")
    assert (new.due, new.ruleset, new.level, new.verified) == (D(2026, 7, 8), "2026-07", "province", False)
    assert "106/2025" in new.article and "Điều 34" in new.article


def test_publication_removal_2_wd_then_3_wd_in_2026() -> None:
    # 2015: terminated Fri 29/8/2025 → 30–31 weekend, 1–2/9 off; 3/9 (1) 4/9 (2)
    h = [R("classify_unable", D(2025, 3, 3), "44a.1.a"), R(X.PUBLISH_UNABLE, D(2025, 3, 5)),
         R("terminate", D(2025, 8, 29), "50.1.c")]
    assert only(h, D(2025, 9, 1), "unable.unpublish").due == D(2025, 9, 4)
    # 2026 (Decree 152 Art. 23: 3 WD): terminated Fri 28/8/2026 → 29–30 weekend, 31/8 swapped off, 1–2/9 off;
    # 3/9 (1) 4/9 (2) 7/9 (3)
    h = [R("classify_unable", D(2026, 3, 3), "44a.1.a"), R(X.PUBLISH_UNABLE, D(2026, 3, 5)),
         R("terminate", D(2026, 8, 28), "50.1.c")]
    found = only(h, D(2026, 8, 31), "unable.unpublish")
    assert (found.due, found.ruleset, found.verified) == (D(2026, 9, 7), "2026-07", True)
    # never published → nothing to remove
    assert "unable.unpublish" not in deadlines([h[0], h[2]], D(2026, 8, 31))


def test_separate_book_one_year_under_decree_62() -> None:
    # classified Fri 10/3/2023; re-verified 8/9/2023 and Thu 7/3/2024; 1 year expires at 24:00 on 10/3/2024,
    # conditions hold from Mon 11/3/2024; 12 (1) 13 (2) 14/3 (3)
    h = [R("classify_unable", D(2023, 3, 10), "44a.1.a"), R("reverify", D(2023, 9, 8)), R("reverify", D(2024, 3, 7))]
    found = deadlines(h, D(2024, 3, 8))
    book = found["separate_book.move"]
    assert (book.starts_on, book.due, book.ruleset) == (D(2024, 3, 11), D(2024, 3, 14), "2015")
    # after the second re-verification the creditor is notified: 8/3 (1) 11/3 (2) 12/3 (3)
    assert found["unable.notify_creditor"].due == D(2024, 3, 12)
    # next re-verification: 7/3/2024 + 6 months = Sat 7/9/2024 → Mon 9/9/2024
    assert found["reverify.periodic"].due == D(2024, 9, 9)
    # new information pending: no move (Decree 62 Art. 9.5.c)
    assert "separate_book.move" not in deadlines(h, D(2024, 3, 8), replace(FACTS, new_information=True))
    # moved: closed
    assert "separate_book.move" not in deadlines(h + [R("separate_book", D(2024, 3, 12))], D(2024, 3, 13))


def test_two_year_rule_from_2026_separate_book_or_return_of_request() -> None:
    # classified Wed 15/7/2026; re-verified 14/1/2027 and 13/7/2027; 2 years expire 15/7/2028 → from Sun 16/7/2028;
    # Mon 17 (1) 18 (2) 19/7 (3)
    h = [R("classify_unable", D(2026, 7, 15), "44a.1.a"), R("reverify", D(2027, 1, 14)),
         R("reverify", D(2027, 7, 13))]
    proactive = deadlines(h, D(2027, 7, 14))
    assert "request.return" not in proactive
    book = proactive["separate_book.move"]
    assert (book.starts_on, book.due, book.ruleset) == (D(2028, 7, 16), D(2028, 7, 19), "2026-07")
    on_request = deadlines(h, D(2027, 7, 14), replace(FACTS, intake=Intake.REQUEST))
    assert "separate_book.move" not in on_request
    assert on_request["request.return"].due == D(2028, 7, 19)


def test_separate_book_start_after_1_7_2026_follows_the_new_decree() -> None:
    # classified 1/8/2025 (2025-07), re-verified 2/2/2026 and 3/6/2026: under Decree 62 the year would expire on
    # 1/8/2026, after 1/7/2026, so Decree 152 Art. 22 (2 years, Art. 115) applies: from Mon 2/8/2027 (1/8/2027 is
    # Sunday + the day after), 3 (1) 4 (2) 5/8 (3)
    h = [R("classify_unable", D(2025, 8, 1), "44a.1.a"), R("reverify", D(2026, 2, 2)), R("reverify", D(2026, 6, 3))]
    book = only(h, D(2026, 6, 4), "separate_book.move")
    assert (book.starts_on, book.due, book.ruleset) == (D(2027, 8, 2), D(2027, 8, 5), "2026-07")


def test_reverification_twelve_months_when_long_unable() -> None:
    # 31/8/2025 + 12 months = Mon 31/8/2026 (swapped day off) → 1/9, 2/9 holidays → Thu 3/9/2026
    h = [R("classify_unable", D(2025, 8, 31), "44a.1.c")]
    assert only(h, D(2025, 9, 1), "reverify.periodic", facts=replace(FACTS, long_unable=True)).due == D(2026, 9, 3)
    # 6 months: 28/2/2026 (Saturday) → Mon 2/3/2026
    assert only(h, D(2025, 9, 1), "reverify.periodic").due == D(2026, 3, 2)
    # the re-verification closes it and opens the next one: 2/3/2026 + 6 = Wed 2/9/2026 holiday → Thu 3/9
    again = only(h + [R("classified_unable", D(2026, 3, 2), "44a.1.c")], D(2026, 3, 3), "reverify.periodic")
    assert (again.trigger, again.due) == ("reverify", D(2026, 9, 3))


# --------------------------------------------------------------------------------------------- clock stopping

NOTIFIED = [R("decide", D(2026, 3, 1)), R("notify_debtor", D(2026, 3, 2))]
# voluntary period: Mon 2/3/2026 + 10 = Thu 12/3; verification: 12/3 + 10 = Sun 22/3 → Mon 23/3/2026


def test_clock_stops_during_a_suspension() -> None:
    assert only(NOTIFIED, D(2026, 3, 13), "verify.start").due == D(2026, 3, 23)
    # suspended 16/3–25/3 (resumed 26/3): 10 days stopped → 22/3 + 10 = Wed 1/4/2026
    h = NOTIFIED + [R("suspend", D(2026, 3, 16), "49.2"), R("resume", D(2026, 3, 26))]
    found = only(h, D(2026, 3, 27), "verify.start")
    assert (found.due, found.paused_days, found.paused, found.overdue) == (D(2026, 4, 1), 10, False, False)
    # still suspended on 20/3: 16–20/3 stopped so far → 22/3 + 5 = Fri 27/3; paused, never overdue
    ongoing = only(NOTIFIED + [R("suspend", D(2026, 3, 16), "49.2")], D(2026, 3, 20), "verify.start")
    assert (ongoing.due, ongoing.paused_days, ongoing.paused) == (D(2026, 3, 27), 5, True)
    late = only(NOTIFIED + [R("suspend", D(2026, 3, 16), "49.1")], D(2026, 3, 30), "verify.start")
    assert (late.due, late.paused, late.overdue) == (D(2026, 4, 6), True, False)  # 16–30/3 = 15 days: 22/3 + 15


def test_clock_runs_during_a_postponement_agreed_by_the_parties() -> None:
    h = NOTIFIED + [R("postpone", D(2026, 3, 16), "48.1.c", {"until": "2026-03-25"}), R("resume", D(2026, 3, 26))]
    found = only(h, D(2026, 3, 27), "verify.start")
    assert (found.due, found.paused_days, found.overdue) == (D(2026, 3, 23), 0, True)
    # any other postponement ground stops it like a suspension
    h = NOTIFIED + [R("postpone", D(2026, 3, 16), "48.1.a"), R("resume", D(2026, 3, 26))]
    assert only(h, D(2026, 3, 27), "verify.start").due == D(2026, 4, 1)


def test_stopped_working_day_clock() -> None:
    # disputed Mon 2/3/2026, 5 WD; suspended Wed 4/3, resumed Wed 11/3 (4–10/3 stopped):
    # Tue 3/3 (1); 11 (2) 12 (3) 13 (4) 16/3 (5)
    h = [R(X.VERIFICATION_DISPUTED, D(2026, 3, 2)), R("suspend", D(2026, 3, 4), "49.2"), R("resume", D(2026, 3, 11))]
    found = only(h, D(2026, 3, 11), "verify.disputed")
    assert (found.due, found.paused_days) == (D(2026, 3, 16), 7)


def test_rules_without_stops_clock_keep_running() -> None:
    # notice and procuracy sending of the decision of Fri 25/4/2025 stay due Tue 29/4 despite a suspension on 28/4
    # (Sat 26/4 make-up (1), Mon 28 (2), Tue 29 (3))
    h = [R("decide", D(2025, 4, 25)), R("suspend", D(2025, 4, 28), "49.2")]
    of_decision = [d for d in open_deadlines(h, FACTS, CAL, D(2025, 5, 6)) if d.trigger == "decide"]
    assert [(d.code, d.due, d.overdue) for d in of_decision] == [
        ("notify.decision", D(2025, 4, 29), True), ("procuracy.send", D(2025, 4, 29), True)]


# --------------------------------------------------------------------------------------------- go-live


def test_go_live_suppresses_notices_of_imported_history() -> None:
    imported = [R("decide", D(2024, 10, 5)), R("payment", D(2025, 1, 10), details={"amount": 5_000_000})]
    flooded = deadlines(imported, D(2026, 3, 10))
    assert {"notify.decision", "procuracy.send", "payout.collected"} == set(flooded)
    assert all(d.overdue for d in flooded.values())
    assert deadlines(imported, D(2026, 3, 10), go_live=D(2026, 3, 1)) == {}
    # contract-event rules are always computed: classified 10/3/2025 + 6 months = Wed 10/9/2025, overdue; the
    # publication (closed by an act the import cannot know) is not
    imported.append(R("classified_unable", D(2025, 3, 10), "44a.1.a"))
    quiet = deadlines(imported, D(2026, 3, 10), go_live=D(2026, 3, 1))
    assert set(quiet) == {"reverify.periodic"}
    assert quiet["reverify.periodic"].due == D(2025, 9, 10) and quiet["reverify.periodic"].overdue
    assert "unable.publish" in deadlines(imported, D(2026, 3, 10))
    # acts after go-live open their deadlines: decision Mon 2/3/2026 → notify by 3 (1) 4 (2) 5/3 (3)
    native = deadlines([R("decide", D(2026, 3, 2))], D(2026, 3, 3), go_live=D(2026, 3, 1))
    assert native["notify.decision"].due == D(2026, 3, 5)


def test_contract_known_is_derived_from_the_acts() -> None:
    rules = RULESETS["2015"].by_code
    for code in ("reverify.periodic", "resume.postponement", "separate_book.move"):
        assert rules[code].contract_known, code
    for code in ("notify.decision", "procuracy.send", "payout.collected", "unable.notify_creditor"):
        assert not rules[code].contract_known, code
    assert RULESETS["2026-07"].by_code["request.return"].contract_known  # the return travels as ``terminated``


# --------------------------------------------------------------------------------------------- closing


def test_closing_acts() -> None:
    h = [R("receive_request", D(2025, 3, 3)), R("decide", D(2025, 3, 5))]
    found = deadlines(h, D(2025, 3, 6))
    assert "decide.request" not in found and {"notify.decision", "procuracy.send"} <= set(found)
    h += [R("notify_debtor", D(2025, 3, 6)), R("send_to_procuracy", D(2025, 3, 6))]
    found = deadlines(h, D(2025, 3, 7))
    assert set(found) == {"voluntary.period", "verify.start"}
    # the period is gone after its last day (Sun 16/3 → Mon 17/3); verification remains
    assert set(deadlines(h, D(2025, 3, 18))) == {"verify.start"}
    assert deadlines(h + [R("start_verification", D(2025, 3, 18))], D(2025, 3, 18)) == {}
    # refusal also closes the request's deadline
    assert deadlines([R("receive_request", D(2025, 3, 3)), R("refuse_request", D(2025, 3, 4), "31.5.c")],
                     D(2025, 3, 5)) == {}


def test_procuracy_sending_closes_the_oldest_or_the_named_decision() -> None:
    h = [R("decide", D(2026, 3, 2)), R("postpone", D(2026, 3, 5), "48.1.a")]
    one = open_deadlines(h + [R("send_to_procuracy", D(2026, 3, 5))], FACTS, CAL, D(2026, 3, 6))
    assert [(d.code, d.trigger) for d in one if d.code == "procuracy.send"] == [("procuracy.send", "postpone")]
    named = open_deadlines(h + [R("send_to_procuracy", D(2026, 3, 6), details={"decision_on": "2026-03-05"})],
                           FACTS, CAL, D(2026, 3, 6))
    assert [d.trigger for d in named if d.code == "procuracy.send"] == ["decide"]
    # a cassation suspension (49.1) is a notice, not a decision: nothing to send
    assert "procuracy.send" not in deadlines([R("suspend", D(2026, 3, 5), "49.1")], D(2026, 3, 6))


def test_payout_closes_oldest_collections_up_to_its_amount() -> None:
    h = [R("collect", D(2025, 3, 3), details={"amount": 10_000}), R("collect", D(2025, 3, 5), details={"amount": 5_000}),
         R("payout", D(2025, 3, 10), details={"amount": 12_000})]
    left = open_deadlines(h, replace(FACTS, held=3_000), CAL, D(2025, 3, 11))
    # the 5/3 collection is partly paid: 5/3 + 10 = Sat 15/3 → Mon 17/3/2025
    assert [(d.code, d.trigger_on, d.due) for d in left] == [("payout.collected", D(2025, 3, 5), D(2025, 3, 17))]
    assert open_deadlines(h, replace(FACTS, held=0), CAL, D(2025, 3, 11)) == []  # nothing held: nothing to pay
    no_amount = h[:2] + [R("payout", D(2025, 3, 10))]
    assert open_deadlines(no_amount, replace(FACTS, held=3_000), CAL, D(2025, 3, 11)) == []


def test_final_act_cancels_duties_but_not_money() -> None:
    h = [R("classify_unable", D(2025, 3, 3), "44a.1.a"), R("collect", D(2025, 6, 2), details={"amount": 100}),
         R("terminate", D(2025, 6, 3), "50.1.c")]
    found = deadlines(h, D(2025, 6, 4), replace(FACTS, held=100))
    assert "reverify.periodic" not in found and "unable.publish" not in found
    assert {"payout.collected", "procuracy.send"} <= set(found)


def test_unit_closure_moves_a_case_deadline() -> None:
    h = [R("receive_request", D(2025, 3, 11))]
    # national: 12 (1) 13 (2) 14 (3) 17 (4) 18/3 (5); HUE-PV closed on Wed 12/3: 13 (1) … 19/3 (5)
    assert only(h, D(2025, 3, 11), "decide.request").due == D(2025, 3, 18)
    cal = WorkCalendar((2024, 2026), [CalendarRow(D(2025, 3, 12), DayKind.UNIT_CLOSURE, "HUE-PV", "QĐ đóng cửa")])
    assert deadlines(h, D(2025, 3, 11), cal=cal)["decide.request"].due == D(2025, 3, 19)
    assert deadlines(h, D(2025, 3, 11), replace(FACTS, unit="HUE-PD"), cal=cal)["decide.request"].due == D(2025, 3, 18)


def test_continuation_after_suspension_and_postponement_ground() -> None:
    h = [R("suspend", D(2025, 3, 3), "49.1"), R(X.SUSPENSION_LIFTED, D(2025, 4, 29))]
    # lifted Tue 29/4/2025: 30/4–4/5 off; 5 (1) 6 (2) 7 (3) 8 (4) 9/5 (5)
    assert only(h, D(2025, 4, 30), "resume.suspension").due == D(2025, 5, 9)
    assert "resume.suspension" not in deadlines(h + [R("resume", D(2025, 5, 5))], D(2025, 5, 6))
    h = [R("postpone", D(2025, 3, 3), "48.1.a"), R(X.POSTPONE_GROUND_ENDED, D(2025, 4, 25))]
    # ended Fri 25/4: Sat 26/4 make-up (1) 28 (2) 29 (3) 5/5 (4) 6/5 (5)
    assert only(h, D(2025, 4, 25), "resume.postponement_ground").due == D(2025, 5, 6)


def test_delegated_verification_2015_and_2026() -> None:
    # 15 days: Mon 3/3/2025 + 15 = Tue 18/3
    assert only([R(X.DELEGATE_VERIFICATION, D(2025, 3, 3))], D(2025, 3, 3), "verify.delegated_other").due == D(2025, 3, 18)
    # registered assets 30 days: 3/3 + 30 = Wed 2/4/2025
    h = [R(X.DELEGATE_VERIFICATION, D(2025, 3, 3), details={"asset": "registered"})]
    assert only(h, D(2025, 3, 3), "verify.delegated_registered").due == D(2025, 4, 2)
    # 2026: accounts immediately; prisons 3 WD (Mon 6/7/2026: 7 (1) 8 (2) 9/7 (3))
    acct = [R(X.DELEGATE_VERIFICATION, D(2026, 7, 6), details={"asset": "account"})]
    assert set(deadlines(acct, D(2026, 7, 6))) == {"verify.delegated_immediate"}
    prison = [R(X.DELEGATE_VERIFICATION, D(2026, 7, 6), details={"asset": "prison"})]
    assert only(prison, D(2026, 7, 6), "verify.delegated_prison").due == D(2026, 7, 9)


def test_next_due_soon() -> None:
    h = [R("decide", D(2025, 4, 25)), R("receive_request", D(2025, 4, 24))]
    found = open_deadlines(h, FACTS, CAL, D(2025, 4, 25))
    # horizon: Fri 25/4 + 3 WD = Sat 26 (1) Mon 28 (2) Tue 29 (3); procuracy + notify due 29/4; request due
    # 24/4 → 25 (1) 26 (2) 28 (3) 29 (4) 5/5 (5)
    soon = next_due_soon(found, D(2025, 4, 25), CAL)
    assert [d.code for d in soon] == ["notify.decision", "procuracy.send"]


def test_unknown_acts_are_ignored_and_history_is_sorted() -> None:
    h = [R("notify_debtor", D(2025, 3, 6)), R("something_else", D(2025, 3, 4)), R("decide", D(2025, 3, 5))]
    assert "notify.decision" not in deadlines(h, D(2025, 3, 7))


# --------------------------------------------------------------------------------------------- the rule table


def test_rule_table_is_well_formed() -> None:
    known = {a.value for a in Act} | {a.value for a in DeadlineAct}
    for rs in RULESETS.values():
        codes = [r.code for r in rs.rules]
        assert len(codes) == len(set(codes)), rs.name
        for r in rs.rules:
            assert r.ruleset == rs.name
            assert r.article.strip() and r.text_vi.strip()
            assert r.who in {Title.HEAD, Title.OFFICER, Title.ACCOUNTANT, Title.CLERK}
            assert r.applies_if is None or r.applies_if in PREDICATES, r.code
            assert set(r.trigger) <= known and set(r.closed_by) <= known and set(r.cancelled_by) <= known, r.code
            assert r.unit is CountUnit.IMMEDIATELY or r.count > 0, r.code
            assert r.verified or "UNVERIFIED" in r.note or "chưa xác minh" in r.article, r.code
            if r.stops_clock:
                assert r.code in {"verify.start", "verify.new_information", "verify.disputed", "reverify.periodic"}
    assert {r.code for r in RULESETS["2015"].rules} < {r.code for r in RULESETS["2026-07"].rules}
    assert all(r.level is Level.PROVINCE for r in RULESETS["2025-07"].rules if r.who == Title.HEAD)
    assert all(r.level is Level.UNIT for r in RULESETS["2015"].rules)
    assert "payment" not in CONTRACT_ACTS and "collect" in CONTRACT_ACTS  # acts, not event kinds
    assert len(rule_table()) == sum(len(rs.rules) for rs in RULESETS.values())


def test_2026_keeps_unverified_counts_equal_and_flags_them() -> None:
    old, new = RULESETS["2025-07"].by_code, RULESETS["2026-07"].by_code
    for code, rule in new.items():
        if code in old and not rule.verified and code != "separate_book.move":
            assert (rule.count, rule.unit, rule.count_long) == (old[code].count, old[code].unit, old[code].count_long)
    assert dict(new["separate_book.move"].params)["years"] == 2
    assert new["unable.unpublish"].count == 3 and new["unable.unpublish"].verified


# --------------------------------------------------------------------------------------------- properties

_ACTS = sorted({a.value for a in Act} | {a.value for a in DeadlineAct} | {"payment", "classified_unable"})
_GROUNDS = [None, "48.1.a", "48.1.c", "48.2", "49.1", "49.2", "44a.1.a", "50.1.c"]
_RECORDS = st.builds(
    lambda act, day, ground, amount, flags: R(act, D(2023, 1, 1) + _days(day), ground,
                                              {"amount": amount, "interim": flags % 2 == 1,
                                               "until": (D(2023, 1, 1) + _days(day + 40)).isoformat()}),
    st.sampled_from(_ACTS), st.integers(0, 1400), st.sampled_from(_GROUNDS), st.integers(0, 10**8), st.integers(0, 3))


def _days(n: int) -> timedelta:
    return timedelta(days=n)


@settings(max_examples=200, deadline=None)
@given(st.lists(_RECORDS, max_size=14), st.integers(0, 1600), st.booleans())
def test_property_open_deadlines_invariants(history: list[ActRecord], today_offset: int, long: bool) -> None:
    today = D(2023, 1, 1) + _days(today_offset)
    facts = replace(FACTS, long_unable=long)
    found = open_deadlines(history, facts, CAL, today)
    assert found == sorted(found, key=lambda d: (d.due, d.code))
    for d in found:
        assert d.due >= d.starts_on >= d.trigger_on or d.code == "unclaimed.forfeit"
        assert d.overdue == (today > d.due and not d.paused and not d.period)
        assert CAL.is_working_day(d.due) or d.code == "entrust.decide_interim"
        assert not d.period or d.due >= today
        assert d.ruleset == ruleset_for(d.trigger_on).name or d.code in {"separate_book.move", "request.return"}
    finals = [r for r in history if r.act in FINAL_ACTS]
    if finals:
        last_final = max(r.on for r in finals)
        survivors = {r.code for rs in RULESETS.values() for r in rs.rules if r.survives_final}
        assert all(d.code in survivors or d.trigger_on >= last_final for d in found)
