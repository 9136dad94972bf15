"""Order of payment (issue 14 item 5): Luật THADS Art. 47.1 (costs and the Art. 115.5 amount first, then a, b, c),
47.2.a (pro rata within a rank), 47.2.b with Decree 62/2015 Art. 49.1 (across all of a debtor's decisions in the
agency; the decisions known at the coercion decision first), TTLT 11/2016 Art. 6.1 (principal before late-payment
interest), and the rule that naming one obligation on a receipt does not bypass that order. Pure rules: tables of
cases and Hypothesis."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thads.domain.acts import Act, CaseFacts, Phase, check
from thads.domain.allocation import RANK_CITATIONS
from thads.domain.errors import RuleViolation
from thads.domain.money import (
    DEFAULT_PAYMENT_RANKS,
    DecisionDue,
    InterestOrder,
    MoneyError,
    ObligationDue,
    PaymentRank,
    allocate_across_decisions,
    allocate_collection,
    named_out_of_order,
    payment_rank,
)


def ob(id: str, kind: str, outstanding: int, *, rank: int | None = None, interest: bool = False) -> ObligationDue:
    return ObligationDue(id, kind, outstanding, rank=rank, interest=interest)


# ------------------------------------------------------------------------------------------------ the letters


@pytest.mark.parametrize(("kind", "rank", "citation"), [
    ("chi_phi", PaymentRank.COSTS, "47.1 (đoạn mở đầu)"),  # enforcement costs: deducted before the ranks
    ("khoan_115_5", PaymentRank.COSTS, "47.1 (đoạn mở đầu)"),  # the amount kept for the debtor's rent
    ("cap_duong", PaymentRank.A, "47.1.a"),
    ("an_phi", PaymentRank.B, "47.1.b"),
    ("tra_no", PaymentRank.C, "47.1.c"), ("tien_phat", PaymentRank.C, "47.1.c"), ("khac", PaymentRank.C, "47.1.c"),
], ids=["47.1-opening-costs", "47.1-opening-115.5", "47.1.a-maintenance", "47.1.b-court-fees",
        "47.1.c-debt", "47.1.c-fine", "47.1.c-other"])
def test_each_kind_has_the_rank_and_letter_of_article_47_1(kind: str, rank: PaymentRank, citation: str) -> None:
    assert payment_rank(ob("x", kind, 1)) == rank
    assert RANK_CITATIONS[PaymentRank(payment_rank(ob("x", kind, 1)))] == citation
    assert DEFAULT_PAYMENT_RANKS.get(kind, PaymentRank.C) == rank


# ------------------------------------------------------------------------------------------------ one decision

ONE_DECISION = [
    # (id, amount, obligations, expected)
    ("47.1-opening: the 115.5 amount before maintenance", 3_000_000,
     [ob("kid", "cap_duong", 5_000_000), ob("rent", "khoan_115_5", 2_000_000)], {"kid": 1_000_000, "rent": 2_000_000}),
    ("47.1-opening: costs and 115.5 share pro rata, then nothing else", 300,
     [ob("cost", "chi_phi", 200), ob("rent", "khoan_115_5", 400), ob("fee", "an_phi", 100)],
     {"cost": 100, "rent": 200, "fee": 0}),
    ("47.1.a wages by override before 47.1.b court fees", 1_000,
     [ob("fee", "an_phi", 1_000), ob("wage", "tra_no", 1_000, rank=PaymentRank.A)], {"fee": 0, "wage": 1_000}),
    ("47.1.b court fees before 47.1.c fine", 1_500,
     [ob("fine", "tien_phat", 5_000), ob("fee", "an_phi", 1_000)], {"fine": 500, "fee": 1_000}),
    ("47.2.a two creditors of 47.1.c pro rata", 900,
     [ob("bank", "tra_no", 2_000), ob("neighbour", "tra_no", 1_000), ob("fee", "an_phi", 0)],
     {"bank": 600, "neighbour": 300, "fee": 0}),
    ("TTLT 11/2016 6.1: the awarded debt before its interest", 1_000,
     [ob("interest", "tra_no", 500, interest=True), ob("debt", "tra_no", 800)], {"interest": 200, "debt": 800}),
    ("TTLT 11/2016 6.1: every awarded sum before any interest (default)", 1_000,
     [ob("kid-interest", "cap_duong", 500, interest=True), ob("debt", "tra_no", 800)],
     {"kid-interest": 200, "debt": 800}),
]


@pytest.mark.parametrize(("amount", "obligations", "expected"), [c[1:] for c in ONE_DECISION],
                         ids=[c[0] for c in ONE_DECISION])
def test_one_decision_is_paid_in_the_order_of_article_47(amount: int, obligations: list[ObligationDue],
                                                         expected: dict[str, int]) -> None:
    assert allocate_collection(amount, obligations) == expected


def test_ttlt_11_2016_6_1_interest_after_its_own_rank_is_configurable() -> None:
    obligations = [ob("kid-interest", "cap_duong", 500, interest=True), ob("debt", "tra_no", 800)]
    assert allocate_collection(600, obligations, interest_order=InterestOrder.AFTER_RANK) == {
        "kid-interest": 500, "debt": 100}


# ------------------------------------------------------------------------------------------------ naming one

NAMED = [
    # (id, named, amount, obligations, refused)
    ("47.1.c debt named while 47.1.b court fee is owed: refused", "debt", 1_000,
     [ob("fee", "an_phi", 5_000), ob("debt", "tra_no", 100_000)], True),
    ("47.1.b court fee named, it is first: accepted", "fee", 1_000,
     [ob("fee", "an_phi", 5_000), ob("debt", "tra_no", 100_000)], False),
    ("47.2.a one of two creditors of a rank named: refused (pro rata)", "a", 100,
     [ob("a", "tra_no", 1_000), ob("b", "tra_no", 1_000)], True),
    ("47.1.c debt named once the court fee is paid: accepted", "debt", 1_000,
     [ob("fee", "an_phi", 0), ob("debt", "tra_no", 100_000)], False),
    ("47.1-opening costs owed: a named court fee waits", "fee", 1_000,
     [ob("cost", "chi_phi", 500), ob("fee", "an_phi", 5_000)], True),
]


@pytest.mark.parametrize(("named", "amount", "obligations", "refused"), [c[1:] for c in NAMED],
                         ids=[c[0] for c in NAMED])
def test_naming_one_obligation_does_not_bypass_article_47(named: str, amount: int, obligations: list[ObligationDue],
                                                          refused: bool) -> None:
    why = named_out_of_order(named, amount, obligations)
    assert (why is not None) == refused
    facts = CaseFacts(phase=Phase.ENFORCING, obligations=tuple(obligations), decided_on=date(2024, 1, 2))
    if refused:
        with pytest.raises(RuleViolation) as caught:
            check(Act.COLLECT, facts, date(2024, 3, 1), today=date(2024, 3, 1), amount=amount, obligation=named)
        assert caught.value.code == "collect.out_of_order"
        assert "Điều 47" in caught.value.message_vi
    else:
        outcome = check(Act.COLLECT, facts, date(2024, 3, 1), today=date(2024, 3, 1), amount=amount,
                        obligation=named)
        assert outcome.allocation[named] == amount and sum(outcome.allocation.values()) == amount


def test_the_refusal_names_the_obligation_the_money_goes_to_first() -> None:
    why = named_out_of_order("debt", 1_000, [ob("fee", "an_phi", 5_000), ob("debt", "tra_no", 100_000)])
    assert why == ("khoản «debt» chưa được thanh toán riêng: theo thứ tự thanh toán tại Điều 47 Luật Thi hành án "
                   "dân sự, số tiền 1.000 ₫ trước hết được trả cho khoản «fee» (1.000 ₫); để trống ô khoản để chia "
                   "theo Điều 47")


# ------------------------------------------------------------------------------------------------ across decisions

FEE_CASE = DecisionDue("fee-case", (ob("1", "an_phi", 3_000_000),), since=date(2024, 1, 10))  # proactive
DEBT_CASE = DecisionDue("debt-case", (ob("1", "tra_no", 50_000_000),), since=date(2024, 2, 1))  # on request
KID_CASE = DecisionDue("kid-case", (ob("1", "cap_duong", 2_000_000), ob("2", "an_phi", 300_000)),
                       since=date(2024, 3, 5))
LATE_DEBT = DecisionDue("late-debt", (ob("1", "tra_no", 10_000_000),), since=date(2024, 4, 1))

ACROSS = [
    # (id, amount, decisions, coercion_on, expected)
    ("47.2.b + Decree 62 49.1: the court-fee case before the debt case of the same debtor", 4_000_000,
     [DEBT_CASE, FEE_CASE], None,
     {"debt-case": {"1": 1_000_000}, "fee-case": {"1": 3_000_000}}),
    ("47.1.a maintenance of a third case before both court fees", 2_500_000,
     [FEE_CASE, DEBT_CASE, KID_CASE], None,
     {"fee-case": {"1": 454_545}, "debt-case": {"1": 0}, "kid-case": {"1": 2_000_000, "2": 45_455}}),
    ("47.2.a two court fees of two decisions pro rata", 1_650_000,
     [FEE_CASE, KID_CASE], None,
     {"fee-case": {"1": 0}, "kid-case": {"1": 1_650_000, "2": 0}}),
    ("47.2.a court fees of two decisions share pro rata once maintenance is paid", 2_000_000 + 330_000,
     [FEE_CASE, KID_CASE], None,
     {"fee-case": {"1": 300_000}, "kid-case": {"1": 2_000_000, "2": 30_000}}),
    ("47.2.b coercion of 01/03: the decisions known then are paid before a later maintenance case", 4_000_000,
     [FEE_CASE, DEBT_CASE, KID_CASE], date(2024, 3, 1),
     {"fee-case": {"1": 3_000_000}, "debt-case": {"1": 1_000_000}, "kid-case": {"1": 0, "2": 0}}),
    ("47.2.b the rest of a coercion's money goes to the later decisions in the order of 47.1", 53_500_000,
     [FEE_CASE, DEBT_CASE, KID_CASE, LATE_DEBT], date(2024, 3, 1),
     {"fee-case": {"1": 3_000_000}, "debt-case": {"1": 50_000_000}, "kid-case": {"1": 500_000, "2": 0},
      "late-debt": {"1": 0}}),
]


@pytest.mark.parametrize(("amount", "decisions", "coercion_on", "expected"), [c[1:] for c in ACROSS],
                         ids=[c[0] for c in ACROSS])
def test_a_debtors_money_is_allocated_across_his_decisions(amount: int, decisions: list[DecisionDue],
                                                           coercion_on: date | None,
                                                           expected: dict[str, dict[str, int]]) -> None:
    assert allocate_across_decisions(amount, decisions, coercion_on=coercion_on) == expected


def test_47_2_c_money_beyond_what_all_decisions_owe_is_refused() -> None:
    with pytest.raises(MoneyError) as caught:
        allocate_across_decisions(53_000_001, [FEE_CASE, DEBT_CASE])
    assert caught.value.code == "money.exceeds_outstanding"
    with pytest.raises(ValueError):
        allocate_across_decisions(1, [FEE_CASE, FEE_CASE])


# ------------------------------------------------------------------------------------------------ properties

KINDS = ["chi_phi", "khoan_115_5", "cap_duong", "an_phi", "tien_phat", "boi_thuong", "tra_no", "khac"]
obligations_st = st.lists(
    st.tuples(st.sampled_from(KINDS), st.integers(0, 10**9), st.none() | st.integers(0, 3), st.booleans()),
    max_size=5,
).map(lambda rows: tuple(ObligationDue(str(i), k, o, rank=r, interest=b) for i, (k, o, r, b) in enumerate(rows)))
decisions_st = st.lists(
    st.tuples(obligations_st, st.none() | st.dates(date(2020, 1, 1), date(2025, 12, 31))), max_size=4,
).map(lambda rows: [DecisionDue(f"c{i}", obs, since) for i, (obs, since) in enumerate(rows)])


def _order(ob: ObligationDue, since: date | None, coercion_on: date | None) -> tuple:
    """The order of payment written out independently: 47.1 opening, then (47.2.b pool, interest, 47.1 rank)."""
    rank = payment_rank(ob)
    if rank == PaymentRank.COSTS:
        return (0,)
    pool = 0 if coercion_on is None or (since is not None and since <= coercion_on) else 1
    return (1, pool, int(ob.interest), rank)


@given(data=st.data(), decisions=decisions_st, coercion_on=st.none() | st.dates(date(2020, 1, 1), date(2025, 12, 31)))
def test_across_decisions_sum_is_kept_no_one_is_overpaid_and_the_order_holds(
        data: st.DataObject, decisions: list[DecisionDue], coercion_on: date | None) -> None:
    total = sum(o.outstanding for d in decisions for o in d.obligations)
    amount = data.draw(st.integers(0, total))
    result = allocate_across_decisions(amount, decisions, coercion_on=coercion_on)
    rows = [(d, o, result[d.case][o.id]) for d in decisions for o in d.obligations]
    assert sum(paid for _, _, paid in rows) == amount  # the receipt is split, not grown or shrunk
    for _, o, paid in rows:
        assert 0 <= paid <= o.outstanding  # no obligation over its outstanding
    keys = {(d.case, o.id): _order(o, d.since, coercion_on) for d, o, _ in rows}
    short = [keys[(d.case, o.id)] for d, o, paid in rows if paid < o.outstanding]
    if short:  # everything before the first place left short is paid in full, nothing after it gets a VND
        first = min(short)
        for d, o, paid in rows:
            if keys[(d.case, o.id)] < first:
                assert paid == o.outstanding
            elif keys[(d.case, o.id)] > first:
                assert paid == 0
        group = [(d, o, paid) for d, o, paid in rows if keys[(d.case, o.id)] == first and o.outstanding]
        owed = sum(o.outstanding for _, o, _ in group)
        got = sum(paid for _, _, paid in group)
        for _, o, paid in group:  # 47.2.a pro rata across decisions: within 2 VND (one per split)
            assert abs(Fraction(paid) - Fraction(got * o.outstanding, owed)) < 2


@given(data=st.data(), obligations=obligations_st)
def test_one_decision_across_decisions_is_the_single_case_rule(data: st.DataObject,
                                                               obligations: tuple[ObligationDue, ...]) -> None:
    amount = data.draw(st.integers(0, sum(o.outstanding for o in obligations)))
    assert allocate_across_decisions(amount, [DecisionDue("x", obligations)]) == {
        "x": allocate_collection(amount, obligations)}
