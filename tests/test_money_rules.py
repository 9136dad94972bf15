"""Pure money rules (thads.domain.money): Art. 47 allocation, payout, fee, exemption/reduction, ledger, VND format."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thads.domain.errors import RuleViolation
from thads.domain.fees import FeeBand
from thads.domain.money import (
    DEFAULT_FEE_SCHEDULE,
    LEDGER_LABELS_VI,
    Beneficiary,
    FeeSchedule,
    FeeTiming,
    LedgerKind,
    MoneyError,
    ObligationDue,
    ReductionRules,
    ReliefKind,
    allocate_collection,
    check_payout,
    enforcement_fee,
    is_partly_paid,
    payment_rank,
    reduction_limit,
)
from thads.lib.numbers import format_vnd

# ------------------------------------------------------------------------------------------------ format_vnd


@pytest.mark.parametrize(("amount", "text"), [
    (0, "0 ₫"), (5, "5 ₫"), (1_000, "1.000 ₫"), (1_234_567, "1.234.567 ₫"), (-5_000_000, "-5.000.000 ₫"),
    (12_000_000_000, "12.000.000.000 ₫"),
])
def test_vnd_is_written_with_dot_thousands_and_the_dong_sign(amount: int, text: str) -> None:
    assert format_vnd(amount) == text


@pytest.mark.parametrize("bad", [1.5, True, "1000", Decimal(1)])
def test_vnd_formatting_takes_only_integers(bad: object) -> None:
    with pytest.raises(TypeError):
        format_vnd(bad)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------------ Art. 47 allocation

def ob(id: str, kind: str, outstanding: int, rank: int | None = None) -> ObligationDue:
    return ObligationDue(id, kind, outstanding, rank=rank)


ALLOCATION_CASES: list[tuple[str, int, list[ObligationDue], dict[str, int]]] = [
    ("47.1 opening: enforcement costs come first", 500_000,
     [ob("a", "an_phi", 2_000_000), ob("b", "tra_no", 10_000_000), ob("c", "chi_phi", 1_000_000)],
     {"a": 0, "b": 0, "c": 500_000}),
    ("47.1.a maintenance before 47.1.b court fees before 47.1.c debts", 4_000_000,
     [ob("debt", "tra_no", 10_000_000), ob("fee", "an_phi", 2_000_000), ob("kid", "cap_duong", 3_000_000)],
     {"debt": 0, "fee": 1_000_000, "kid": 3_000_000}),
    ("47.2.a pro rata by outstanding inside a rank", 1_500_000,
     [ob("x", "tra_no", 1_000_000), ob("y", "boi_thuong", 2_000_000)], {"x": 500_000, "y": 1_000_000}),
    ("a leftover VND goes to the first of equal remainders", 10,
     [ob("a", "khac", 10), ob("b", "khac", 10), ob("c", "khac", 10)], {"a": 4, "b": 3, "c": 3}),
    ("two leftover VND go to the first two of equal remainders", 2,
     [ob("a", "khac", 1), ob("b", "khac", 1), ob("c", "khac", 1)], {"a": 1, "b": 1, "c": 0}),
    ("the leftover VND goes to the largest remainder, not the first", 2,
     [ob("a", "khac", 2), ob("b", "khac", 1)], {"a": 1, "b": 1}),
    ("the largest remainder wins even when later", 5,
     [ob("a", "khac", 3), ob("b", "khac", 3), ob("c", "khac", 1)], {"a": 2, "b": 2, "c": 1}),
    ("47.1.a damages to life or health by override", 1_000_000,
     [ob("fee", "an_phi", 1_000_000), ob("harm", "boi_thuong", 1_000_000, rank=1)], {"fee": 0, "harm": 1_000_000}),
    ("the whole outstanding pays everything", 13_000_000,
     [ob("a", "an_phi", 3_000_000), ob("b", "tra_no", 10_000_000)], {"a": 3_000_000, "b": 10_000_000}),
    ("nothing collected, nothing allocated", 0, [ob("a", "an_phi", 3_000_000)], {"a": 0}),
    ("settled obligations get nothing", 100, [ob("a", "tra_no", 0), ob("b", "tra_no", 300)], {"a": 0, "b": 100}),
    ("no obligations, no money", 0, [], {}),
]


@pytest.mark.parametrize(("amount", "obligations", "expected"), [c[1:] for c in ALLOCATION_CASES],
                         ids=[c[0] for c in ALLOCATION_CASES])
def test_a_collection_is_allocated_by_article_47(amount: int, obligations: list[ObligationDue],
                                                 expected: dict[str, int]) -> None:
    result = allocate_collection(amount, obligations)
    assert result == expected
    assert list(result) == [o.id for o in obligations]


def test_the_rank_mapping_is_configurable() -> None:
    ranks = {"tra_no": 1}
    result = allocate_collection(1_000, [ob("fee", "an_phi", 1_000), ob("debt", "tra_no", 1_000)], ranks)
    assert result == {"fee": 0, "debt": 1_000}
    assert payment_rank(ob("x", "boi_thuong", 1)) == 3 and payment_rank(ob("x", "cap_duong", 1)) == 1


def test_it_refuses_a_collection_larger_than_what_is_owed() -> None:
    with pytest.raises(MoneyError) as caught:
        allocate_collection(6_000_000, [ob("a", "an_phi", 2_000_000), ob("b", "tra_no", 3_000_000)])
    assert caught.value.code == "money.exceeds_outstanding"
    assert caught.value.message_vi == "Số tiền thu 6.000.000 ₫ lớn hơn số tiền còn phải thi hành 5.000.000 ₫."
    assert isinstance(caught.value, RuleViolation)


def test_it_refuses_negative_money_and_duplicate_obligations() -> None:
    with pytest.raises(MoneyError):
        allocate_collection(-1, [ob("a", "an_phi", 2)])
    with pytest.raises(ValueError):
        allocate_collection(1, [ob("a", "an_phi", 2), ob("a", "tra_no", 2)])
    with pytest.raises(TypeError):
        allocate_collection(1.0, [ob("a", "an_phi", 2)])  # type: ignore[arg-type]


KINDS = ["chi_phi", "cap_duong", "an_phi", "tien_phat", "boi_thuong", "tra_no", "khac"]
obligation_lists = st.lists(
    st.tuples(st.sampled_from(KINDS), st.integers(0, 10**10), st.none() | st.integers(0, 4)), max_size=8,
).map(lambda rows: [ObligationDue(str(i), k, o, rank=r) for i, (k, o, r) in enumerate(rows)])


@given(data=st.data(), obligations=obligation_lists)
def test_allocation_sums_to_the_amount_within_limits_and_respects_ranks(data: st.DataObject,
                                                                       obligations: list[ObligationDue]) -> None:
    total = sum(o.outstanding for o in obligations)
    amount = data.draw(st.integers(0, total))
    result = allocate_collection(amount, obligations)
    assert sum(result.values()) == amount
    for o in obligations:
        assert 0 <= result[o.id] <= o.outstanding
    ranks = {o.id: payment_rank(o) for o in obligations}
    short = [ranks[o.id] for o in obligations if result[o.id] < o.outstanding]
    if short:  # every rank before the first one left short is paid in full, every rank after it gets nothing
        first_short = min(short)
        for o in obligations:
            if ranks[o.id] < first_short:
                assert result[o.id] == o.outstanding
            elif ranks[o.id] > first_short:
                assert result[o.id] == 0
        group = [o for o in obligations if ranks[o.id] == first_short and o.outstanding]
        owed = sum(o.outstanding for o in group)
        paid = sum(result[o.id] for o in group)
        for o in group:  # largest remainder: within 1 VND of the exact pro-rata share
            assert abs(Fraction(result[o.id]) - Fraction(paid * o.outstanding, owed)) < 1


@given(obligations=obligation_lists, extra=st.integers(1, 10**6))
def test_allocation_never_accepts_more_than_is_owed(obligations: list[ObligationDue], extra: int) -> None:
    with pytest.raises(MoneyError):
        allocate_collection(sum(o.outstanding for o in obligations) + extra, obligations)


# ------------------------------------------------------------------------------------------------ payout

def test_a_payout_within_the_money_held_for_the_creditor_is_allowed() -> None:
    assert check_payout(2_000_000, 5_000_000, 3_000_000) == 0
    assert check_payout(1, 5_000_000, 0) == 4_999_999


def test_it_refuses_a_payout_larger_than_collected_and_not_yet_paid() -> None:
    with pytest.raises(MoneyError) as caught:
        check_payout(3_000_000, 5_000_000, 3_000_000)
    assert caught.value.message_vi == ("Không thể chi trả 3.000.000 ₫: số tiền đã thu cho người được thi hành án mà "
                                       "chưa chi trả chỉ còn 2.000.000 ₫.")
    with pytest.raises(MoneyError) as zero:
        check_payout(0, 5_000_000, 0)
    assert zero.value.message_vi == "Số tiền chi trả phải lớn hơn 0 ₫."
    with pytest.raises(ValueError):
        check_payout(1, 1_000, 2_000)


# ------------------------------------------------------------------------------------------------ Art. 60 fee

AFTER_JULY_2024 = date(2025, 3, 1)  # base salary 2,340,000 → no fee up to 4,680,000


@pytest.mark.parametrize(("amount", "timing", "fee"), [
    (100_000_000, FeeTiming.VOLUNTARY, 0),
    (100_000_000, FeeTiming.BEFORE_COERCION, 3_000_000),  # legacy value: money the agency collected (Art. 4.5)
    (100_000_000, FeeTiming.DIRECT, 1_000_000),  # handed over between the parties: one third (Art. 4.4)
    (100_000_000, FeeTiming.COERCED, 3_000_000),
    (4_680_000, FeeTiming.COERCED, 0),  # exactly 2 × base salary: not above it
    (4_680_001, FeeTiming.COERCED, 140_400),
    (4_680_050, FeeTiming.COERCED, 140_402),  # 140,401.5 rounded half up
    (100_000_001, FeeTiming.DIRECT, 1_000_000),
    (5_000_000_000, FeeTiming.COERCED, 150_000_000),
    (6_000_000_000, FeeTiming.COERCED, 170_000_000),  # TT 216/2016 Art. 4.1.b: 150 m + 2 % of the excess
    (0, FeeTiming.COERCED, 0),
])
def test_the_enforcement_fee_table(amount: int, timing: FeeTiming, fee: int) -> None:
    assert enforcement_fee(amount, timing, DEFAULT_FEE_SCHEDULE, AFTER_JULY_2024) == fee


def test_the_fee_threshold_follows_the_base_salary_in_force() -> None:
    assert DEFAULT_FEE_SCHEDULE.base_salary_on(date(2023, 8, 1)) == 1_800_000
    assert DEFAULT_FEE_SCHEDULE.base_salary_on(date(2024, 7, 1)) == 2_340_000
    assert DEFAULT_FEE_SCHEDULE.base_salary_on() == 2_340_000
    assert enforcement_fee(4_000_000, FeeTiming.COERCED, on=date(2023, 8, 1)) == 120_000
    assert enforcement_fee(4_000_000, FeeTiming.COERCED, on=date(2024, 8, 1)) == 0
    with pytest.raises(ValueError):
        DEFAULT_FEE_SCHEDULE.base_salary_on(date(2010, 1, 1))


def test_the_fee_schedule_is_configurable() -> None:
    flat = FeeSchedule(bands=(FeeBand(0, 0, Decimal("0.01")),))
    assert enforcement_fee(6_000_000_000, FeeTiming.COERCED, flat) == 60_000_000
    assert enforcement_fee(6_000_000_000, FeeTiming.DIRECT, flat) == 20_000_000
    half = FeeSchedule(direct_fraction=Fraction(1, 2), bands=(FeeBand(0, 0, Decimal("0.025")),))
    assert enforcement_fee(10_000_000, FeeTiming.DIRECT, half) == 125_000
    with pytest.raises(ValueError):
        enforcement_fee(-1, FeeTiming.COERCED)


# ------------------------------------------------------------------------------------------------ Arts. 61–64

REDUCTION_TABLE: list[tuple[int, int, bool, ReliefKind, int, str]] = [
    # remaining, years, partly paid → kind, max amount, article
    (1_999_999, 5, False, ReliefKind.EXEMPT, 1_999_999, "61.1.b"),
    (1_999_999, 4, False, ReliefKind.NONE, 0, ""),
    (2_000_000, 5, False, ReliefKind.NONE, 0, ""),
    (2_000_000, 9, False, ReliefKind.NONE, 0, ""),
    (2_000_000, 10, False, ReliefKind.EXEMPT, 2_000_000, "61.1.b"),
    (4_999_999, 10, False, ReliefKind.EXEMPT, 4_999_999, "61.1.b"),
    (5_000_000, 10, False, ReliefKind.NONE, 0, ""),
    (4_999_999, 5, True, ReliefKind.EXEMPT_REMAINDER, 4_999_999, "61.2.b"),
    (5_000_000, 5, True, ReliefKind.NONE, 0, ""),
    (5_000_000, 10, True, ReliefKind.EXEMPT_REMAINDER, 5_000_000, "61.2.b"),
    (9_999_999, 10, True, ReliefKind.EXEMPT_REMAINDER, 9_999_999, "61.2.b"),
    (10_000_000, 5, True, ReliefKind.REDUCE, 2_500_000, "61.3.a"),
    (10_000_000, 10, True, ReliefKind.REDUCE, 2_500_000, "61.3.a"),
    (10_000_000, 5, False, ReliefKind.NONE, 0, ""),  # reduction needs part payment (61.3)
    (10_000_001, 4, True, ReliefKind.NONE, 0, ""),
    (10_000_003, 5, True, ReliefKind.REDUCE, 2_500_000, "61.3.a"),  # ¼ rounded down
    (100_000_000, 5, True, ReliefKind.REDUCE, 25_000_000, "61.3.a"),
    (100_000_001, 5, True, ReliefKind.NONE, 0, ""),
    (100_000_001, 10, True, ReliefKind.REDUCE, 20_000_000, "61.3.b"),
    (250_000_000, 10, True, ReliefKind.REDUCE, 50_000_000, "61.3.b"),
    (300_000_000, 12, True, ReliefKind.REDUCE, 50_000_000, "61.3.b"),  # ⅕ = 60 M, capped at 50 M
]


@pytest.mark.parametrize(("remaining", "years", "partly", "kind", "cap", "article"), REDUCTION_TABLE)
def test_the_exemption_and_reduction_table(remaining: int, years: int, partly: bool, kind: ReliefKind, cap: int,
                                           article: str) -> None:
    advice = reduction_limit(remaining, years, partly)
    assert (advice.kind, advice.max_amount, advice.article) == (kind, cap, article)
    assert advice.reason_vi


def test_reduction_advice_explains_itself_in_vietnamese() -> None:
    assert reduction_limit(10_000_000, 5, True).reason_vi == (
        "Đủ điều kiện đề nghị giảm, mỗi lần không quá 1/4 số tiền còn lại: tối đa 2.500.000 ₫ "
        "(Điều 61.3.a Luật THADS).")
    assert reduction_limit(20_000_000, 6, False).reason_vi.endswith(
        "Chỉ xét giảm khi đã thi hành được ít nhất 1/50 khoản thu (Điều 61.3 Luật THADS; Điều 4 TTLT 12/2015).")


def test_only_state_budget_obligations_are_exempted_or_reduced() -> None:
    advice = reduction_limit(1_000_000, 6, False, beneficiary=Beneficiary.PERSON)
    assert advice.kind is ReliefKind.NONE
    assert advice.reason_vi == "Chỉ xét miễn, giảm đối với khoản thu, nộp ngân sách nhà nước (Điều 61 Luật THADS)."
    assert reduction_limit(1_000_000, 6, False, without_means=False).kind is ReliefKind.NONE
    assert reduction_limit(0, 6, False).kind is ReliefKind.NONE


def test_a_judgment_is_considered_at_most_once_a_year() -> None:
    last = date(2024, 5, 10)
    blocked = reduction_limit(1_000_000, 6, False, last_considered=last, on=date(2025, 5, 10))
    assert blocked.kind is ReliefKind.NONE and blocked.next_consideration_on == date(2025, 5, 11)
    assert blocked.reason_vi == ("Mỗi bản án, quyết định chỉ được xét miễn, giảm một lần trong 01 năm (Điều 61.5 "
                                 "Luật THADS): lần xét gần nhất ngày 10/05/2024, được xét lại từ ngày 11/05/2025.")
    assert reduction_limit(1_000_000, 6, False, last_considered=last, on=date(2025, 5, 11)).kind is ReliefKind.EXEMPT
    calendar = ReductionRules(calendar_year=True)
    assert reduction_limit(1_000_000, 6, False, last_considered=last, on=date(2025, 1, 1),
                           rules=calendar).kind is ReliefKind.EXEMPT
    with pytest.raises(ValueError):
        reduction_limit(1_000_000, 6, False, last_considered=last)


def test_special_hardship_exempts_the_rest_of_a_partly_paid_fee_or_fine() -> None:
    advice = reduction_limit(80_000_000, 1, True, special_hardship=True, kind="tien_phat",
                             last_considered=date(2025, 1, 1), on=date(2025, 2, 1))
    assert (advice.kind, advice.max_amount, advice.article) == (ReliefKind.EXEMPT_REMAINDER, 80_000_000, "61.4")
    assert reduction_limit(80_000_000, 1, True, special_hardship=True, kind="truy_thu").kind is ReliefKind.NONE
    assert reduction_limit(80_000_000, 1, False, special_hardship=True, kind="an_phi").kind is ReliefKind.NONE


@pytest.mark.parametrize(("paid", "due", "partly"), [
    (0, 5_000_000, False), (99_999, 5_000_000, False), (100_000, 5_000_000, True), (1, 0, False), (1, 50, True),
])
def test_partly_paid_means_at_least_one_fiftieth(paid: int, due: int, partly: bool) -> None:
    assert is_partly_paid(paid, due) is partly


# ------------------------------------------------------------------------------------------------ ledger

def test_every_ledger_kind_has_a_vietnamese_label() -> None:
    assert [k.value for k in LedgerKind] == ["THU", "CHI_TRA", "NOP_NSNN", "GUI_TIET_KIEM", "TAM_GUI_KHO_BAC",
                                             "SUNG_QUY", "HOAN_TRA", "PHI_THA"]
    assert set(LEDGER_LABELS_VI) == set(LedgerKind)
    assert LEDGER_LABELS_VI[LedgerKind.NOP_NSNN] == "Nộp ngân sách nhà nước"
