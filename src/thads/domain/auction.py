"""Valuation, auction and the proceeds of a distrained asset (Luật THADS 2008 as amended by Law 64/2014, Arts. 47,
98–104; Decree 62/2015 as amended, Arts. 26, 27, 43; TTLT 11/2016/TTLT-BTP-TANDTC-VKSNDTC Arts. 4, 7). Pure Python;
amounts are ``int`` VND. Read in the consolidated text ("Điều 30.2.LQ.N", "30.2.NĐ.1.N", "30.2.TL.9.N").

* **Valuation** (Art. 98): 98.1 the price the parties agree at the distraint is the starting price; 98.2 otherwise
  an appraisal organisation (contract within 5 working days of the distraint); 98.3 the officer fixes the price when
  a) no appraisal contract could be signed, b) the asset is perishable or of small value — at most 10,000,000 VND
  new (Decree 62 Art. 26.2: :data:`SMALL_VALUE`). **Re-appraisal** (Art. 99.1): a) the officer seriously breached
  Art. 98, b) a party asks before the auction is announced, once only, within 5 working days of the appraisal
  result; 99.3: the re-appraised price is the starting price. :func:`valuation_refusal`.
* **Form of sale** (Art. 101): by an auction organisation for movables over 10,000,000 VND and real estate (101.2),
  by the officer for movables of 2,000,000–10,000,000 VND (101.3.b), without auction below 2,000,000 VND or when
  perishable (101.4: :data:`NO_AUCTION_BELOW`).
* **Starting price of a session and price reductions** (Art. 104): 104.1 after a first session without bidders
  or unsold the parties agree on a reduction, else the officer decides it, to auction again; 104.2 "from after the
  second reduction" an unsold session lets the creditor take the asset against what he is owed; 104.3 if he does
  not, the price is reduced again, and when the reduced value is at or below the coercion costs (for a secured asset
  of Art. 90: the costs and the secured obligation, Decree 62 Art. 43.1.b, TTLT 11/2016 Art. 4.3) the asset goes
  back to the debtor; 104.4 a sale for the state budget: the officer reduces at once; **104.5 each reduction at most
  10 % of the starting price of the session just before** (:data:`MAX_REDUCTION_PERCENT`). :func:`next_session`,
  :func:`session_refusal`, :func:`creditor_take_refusal`.
* **Cancelled sales** (Art. 102.1): the result is cancelled under the auction law and the asset is handled again
  under this Law: THADS records a ``cancelled`` session; the next session starts at the same price (UNVERIFIED:
  the Law does not say whether a cancelled result counts as a failed session for Art. 104).
* **The creditor takes the asset** (Art. 104.2; TTLT 11/2016 Art. 7.2–7.3): at the price of the last session, the
  creditor pays in the coercion costs, the Art. 115.5 amount and the 47.1.a–b sums owed, and the difference between
  the price and what he is owed: :func:`take_terms`.
* **The split of the proceeds** (Art. 47): 47.3 the pledgee or mortgagee who is not a judgment creditor is paid from
  the proceeds of the secured asset "before the sums of this Article"; 47.1 opening paragraph: then the enforcement
  costs; then 47.1–47.2 across the debtor's decisions (``domain.allocation.allocate_across_decisions``); 47.2.c the
  rest goes back to the debtor: :func:`split_proceeds`.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from thads.domain.allocation import (
    DecisionDue,
    ObligationDue,
    allocate_across_decisions,
    allocate_collection,
)
from thads.domain.measures import AuctionOutcome, ValuationMethod
from thads.domain.roles import Title
from thads.lib.numbers import format_vnd

__all__ = [
    "AUCTION_TITLES", "MAX_REDUCTION_PERCENT", "NO_AUCTION_BELOW", "PROCEEDS_TITLES", "REDUCTIONS_BEFORE_CREDITOR",
    "SMALL_VALUE", "NextSession", "ProceedsSplit", "SessionRec", "TakeTerms", "ValuationRec", "contract_refusal",
    "creditor_take_refusal", "current_valuation", "lowest_reduced_price", "next_session", "session_refusal",
    "split_proceeds", "take_terms", "valuation_refusal",
]

#: Decree 62/2015 Art. 26.2: an asset of small value (Art. 98.3.b) is worth at most this new.
SMALL_VALUE = 10_000_000
#: Art. 101.4: below this the officer sells without auction.
NO_AUCTION_BELOW = 2_000_000
#: Art. 104.5: each reduction at most this share of the starting price of the session just before.
MAX_REDUCTION_PERCENT = 10
#: Art. 104.2: the creditor may take the asset after an unsold session held after this many reductions.
REDUCTIONS_BEFORE_CREDITOR = 2

_CHV = frozenset({Title.HEAD, Title.DEPUTY, Title.OFFICER})
#: Who values, contracts, records sessions, hands an asset to the creditor or returns it: the officer (Arts. 98,
#: 101, 104) and the heads.
AUCTION_TITLES: frozenset[Title] = _CHV
#: Who records the sale proceeds: also the accountant (the receipt, TT 04/2023 Art. 17).
PROCEEDS_TITLES: frozenset[Title] = _CHV | {Title.ACCOUNTANT}

_LAW = "Luật Thi hành án dân sự"


@dataclass(frozen=True, slots=True)
class ValuationRec:
    method: str
    on: date
    value: int


@dataclass(frozen=True, slots=True)
class SessionRec:
    seq: int
    held_on: date
    starting_price: int
    outcome: str
    reductions: int = 0
    sale_price: int = 0


def current_valuation(valuations: Sequence[ValuationRec]) -> ValuationRec | None:
    """The valuation in force: the last one (by date, then the order given)."""
    if not valuations:
        return None
    return max(enumerate(valuations), key=lambda iv: (iv[1].on, iv[0]))[1]


def valuation_refusal(method: str, value: int, *, on: date, earlier: Sequence[ValuationRec],
                      sessions: Sequence[SessionRec], ground: str = "") -> tuple[str, str] | None:
    """Whether a valuation of ``method`` may be recorded now (Luật THADS Arts. 98, 99). Returns ``(field, reason)``
    in Vietnamese, or None.

    * ``agreed`` (98.1) and ``appraised`` (98.2) and ``officer`` (98.3) are the first valuation; another one is a
      re-appraisal (Art. 99).
    * ``officer``: ``ground`` "98.3.a" (no appraisal contract could be signed) or "98.3.b" (perishable or small
      value); without a ground, 98.3.b is taken when the value is at most :data:`SMALL_VALUE` (Decree 62 Art. 26.2).
    * ``reappraised``: ``ground`` "99.1.a" (the officer's serious breach of Art. 98) or "99.1.b" (a party's request,
      the default): 99.1.b only once and before the auction is announced — THADS does not record the announcement,
      so the first session stands for it (UNVERIFIED approximation; the 5-working-day window of the request is not
      checked). Any earlier re-appraisal counts as the one (the grounds of stored rows are not kept).
    """
    try:
        method = ValuationMethod(method)
    except ValueError:
        return "method", "phương thức định giá không hợp lệ"
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        return "value", "giá tài sản phải là số tiền lớn hơn 0 ₫"
    if sessions and sessions[-1].outcome == AuctionOutcome.SOLD:
        return "", "tài sản đã được bán đấu giá thành; không định giá lại"
    if earlier and on < max(v.on for v in earlier):
        return "on", "ngày định giá trước ngày của lần định giá đã ghi"
    if method is ValuationMethod.REAPPRAISED:
        if not earlier:
            return "method", f"chưa có kết quả định giá để định giá lại (Điều 99 {_LAW})"
        ground = ground or "99.1.b"
        if ground not in ("99.1.a", "99.1.b"):
            return "ground", "căn cứ định giá lại là điểm a hoặc điểm b khoản 1 Điều 99"
        if ground == "99.1.b":
            if any(v.method == ValuationMethod.REAPPRAISED for v in earlier):
                return "method", f"yêu cầu định giá lại chỉ được thực hiện một lần (điểm b khoản 1 Điều 99 {_LAW})"
            if sessions:
                return "method", ("đương sự chỉ được yêu cầu định giá lại trước khi có thông báo công khai về việc "
                                  f"bán đấu giá tài sản (điểm b khoản 1 Điều 99 {_LAW})")
        return None
    if earlier:
        return "method", (f"tài sản đã được định giá; xác định lại giá là định giá lại (Điều 99 {_LAW})")
    if method is ValuationMethod.OFFICER:
        ground = ground or ("98.3.b" if value <= SMALL_VALUE else "")
        if ground not in ("98.3.a", "98.3.b"):
            return "ground", (f"Chấp hành viên chỉ tự xác định giá khi không ký được hợp đồng thẩm định giá hoặc tài "
                              f"sản tươi sống, mau hỏng, có giá trị nhỏ (khoản 3 Điều 98 {_LAW}); nêu căn cứ")
    return None


def contract_refusal(valuation: ValuationRec | None, signed_on: date) -> tuple[str, str] | None:
    """An auction contract (Art. 101.2) needs the price (Art. 98: the starting price) and an asset worth at least
    :data:`NO_AUCTION_BELOW` (below it the officer sells without auction, Art. 101.4). ``(field, reason)`` or None.
    The 10-day time limit from the valuation is a deadline, not a refusal."""
    if valuation is None:
        return "", f"tài sản chưa được định giá; ký hợp đồng dịch vụ đấu giá sau khi định giá (Điều 98, 101 {_LAW})"
    if signed_on < valuation.on:
        return "signed_on", "ngày ký hợp đồng trước ngày định giá"
    if valuation.value < NO_AUCTION_BELOW:
        return "", (f"tài sản có giá trị {format_vnd(valuation.value)}, dưới {format_vnd(NO_AUCTION_BELOW)}: Chấp "
                    f"hành viên bán không qua thủ tục đấu giá (khoản 4 Điều 101 {_LAW})")
    return None


def lowest_reduced_price(previous_start: int, percent: int = MAX_REDUCTION_PERCENT) -> int:
    """The lowest starting price after one reduction (Art. 104.5: at most ``percent`` % of the starting price of the
    session just before), rounded up to the VND so that the reduction never exceeds the limit."""
    return -((-previous_start * (100 - percent)) // 100)


@dataclass(frozen=True, slots=True)
class NextSession:
    """What the next session of an asset must start at: ``highest``/``lowest`` starting price (equal when no
    reduction applies), ``reductions`` before it, or ``closed`` with the reason (sold, no valuation)."""

    highest: int = 0
    lowest: int = 0
    reductions: int = 0
    closed: str = ""


def next_session(valuations: Sequence[ValuationRec], sessions: Sequence[SessionRec], *,
                 percent: int = MAX_REDUCTION_PERCENT) -> NextSession:
    """The starting price rule of the next session (Arts. 98.1, 99.3, 102.1, 104.1, 104.5).

    * The first session, or the first after a new valuation (a re-appraisal dated after the last session): the
      valuation in force, no reduction.
    * After an unsold session: a reduction, below the last starting price and not more than ``percent`` % under it.
    * After a cancelled one (Art. 102): the same starting price (UNVERIFIED).
    * After a sold one: none (a cancellation of that sale is recorded as a ``cancelled`` session).
    """
    valuation = current_valuation(valuations)
    if valuation is None:
        return NextSession(closed=f"tài sản chưa được định giá (Điều 98 {_LAW})")
    last = sessions[-1] if sessions else None
    if last is not None and last.outcome == AuctionOutcome.SOLD:
        return NextSession(last.starting_price, last.starting_price, last.reductions,
                           closed="tài sản đã được bán đấu giá thành")
    if last is None or valuation.on > last.held_on:
        return NextSession(valuation.value, valuation.value, 0)
    if last.outcome == AuctionOutcome.CANCELLED:
        return NextSession(last.starting_price, last.starting_price, last.reductions)
    return NextSession(last.starting_price - 1, lowest_reduced_price(last.starting_price, percent),
                       last.reductions + 1)


def session_refusal(starting_price: int, outcome: str, sale_price: int, buyer: str, held_on: date, *,
                    valuations: Sequence[ValuationRec], sessions: Sequence[SessionRec], floor: int = 0,
                    percent: int = MAX_REDUCTION_PERCENT) -> tuple[str, str] | None:
    """Whether an auction session may be recorded (Arts. 101, 102, 104). ``floor``: the coercion costs (and, for a
    secured asset, the secured obligation) — a reduced price at or below it is not auctioned (Art. 104.3; Decree 62
    Art. 43.1.b; TTLT 11/2016 Art. 4.3). ``(field, reason)`` in Vietnamese, or None."""
    try:
        outcome = AuctionOutcome(outcome)
    except ValueError:
        return "outcome", "kết quả cuộc đấu giá không hợp lệ"
    for name, amount in (("starting_price", starting_price), ("sale_price", sale_price)):
        if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
            return name, "số tiền phải là số nguyên không âm"
    last = sessions[-1] if sessions else None
    if last is not None and held_on < last.held_on:
        return "held_on", f"ngày đấu giá trước cuộc đấu giá lần {last.seq} ({last.held_on:%d/%m/%Y})"
    rule = next_session(valuations, sessions, percent=percent)
    if last is not None and last.outcome == AuctionOutcome.SOLD:
        if outcome is not AuctionOutcome.CANCELLED:
            return "", rule.closed
        if starting_price != last.starting_price:
            return "starting_price", "hủy kết quả bán đấu giá ghi đúng giá khởi điểm của cuộc đấu giá đã bán"
    elif rule.closed:
        return "", rule.closed
    elif not rule.lowest <= starting_price <= rule.highest:
        if rule.lowest == rule.highest:
            return "starting_price", (f"giá khởi điểm phải là {format_vnd(rule.highest)}: giá tài sản đã định (khoản 1 "
                                      f"Điều 98, khoản 3 Điều 99 {_LAW}) hoặc giá của cuộc đấu giá bị hủy kết quả")
        return "starting_price", (
            f"sau cuộc đấu giá không thành, giá khởi điểm phải được giảm, mỗi lần không quá {percent}% giá khởi điểm "
            f"của lần liền trước ({format_vnd(last.starting_price)}): từ {format_vnd(rule.lowest)} đến "
            f"{format_vnd(rule.highest)} (khoản 1, khoản 5 Điều 104 {_LAW})")
    elif rule.reductions and starting_price <= floor:
        return "starting_price", (
            f"giá đã giảm ({format_vnd(starting_price)}) bằng hoặc thấp hơn chi phí cưỡng chế và nghĩa vụ được bảo đảm "
            f"({format_vnd(floor)}): không tiếp tục bán đấu giá; người được thi hành án có quyền nhận tài sản, nếu "
            f"không nhận thì tài sản được giao lại cho người phải thi hành án (khoản 3 Điều 104 {_LAW})")
    if outcome is AuctionOutcome.SOLD:
        if sale_price < starting_price:
            return "sale_price", "giá bán không được thấp hơn giá khởi điểm"
        if not (buyer or "").strip():
            return "buyer", "ghi người mua được tài sản bán đấu giá"
    elif sale_price or (buyer or "").strip():
        return "sale_price", "cuộc đấu giá không thành hoặc bị hủy không có giá bán, người mua"
    return None


def creditor_take_refusal(sessions: Sequence[SessionRec], price: int, *,
                          reductions_needed: int = REDUCTIONS_BEFORE_CREDITOR) -> tuple[str, str] | None:
    """Luật THADS Art. 104.2: "from after the second reduction" an auction without bidders or unsold lets the
    creditor take the asset against what he is owed, at the price of that session (TTLT 11/2016 Art. 7.2: its value
    when taken). The agreement of the parties before auction (Art. 100) is another path, not this one.
    ``(field, reason)`` in Vietnamese, or None."""
    last = sessions[-1] if sessions else None
    if last is None or last.outcome != AuctionOutcome.UNSOLD or last.reductions < reductions_needed:
        return "", (f"người được thi hành án chỉ được nhận tài sản khi tài sản đã giảm giá từ lần thứ "
                    f"{reductions_needed} trở đi mà vẫn không có người tham gia đấu giá, trả giá hoặc bán đấu giá "
                    f"không thành (khoản 2 Điều 104 {_LAW})")
    if price != last.starting_price:
        return "price", (f"giá nhận tài sản là giá khởi điểm của cuộc đấu giá không thành gần nhất "
                         f"({format_vnd(last.starting_price)})")
    return None


@dataclass(frozen=True, slots=True)
class TakeTerms:
    """What happens when the creditor takes the asset at ``value`` (Art. 104.2; TTLT 11/2016 Art. 7.2–7.3):
    ``costs`` and ``senior`` (the 47.1 sums ranked before his, the Art. 115.5 amount) are paid in cash by him,
    ``credited`` is deducted from what he is owed, ``difference`` is the excess of the value over his claim (paid in
    cash, for the other creditors and then the debtor). ``cash_due`` = value − credited."""

    value: int
    credited: int
    costs: int
    senior: int
    difference: int

    @property
    def cash_due(self) -> int:
        return self.costs + self.senior + self.difference


def take_terms(value: int, claim: int, *, costs: int = 0, senior: int = 0) -> TakeTerms:
    """The terms of Art. 104.2 as TTLT 11/2016 Art. 7.2–7.3 read them: out of the value, the coercion costs, then the
    sums ranked before the creditor's (47.1.a–b, the Art. 115.5 amount) are paid by him in cash; the rest is
    deducted from his claim; what exceeds the claim he pays as the difference. Except when the value has fallen to or
    below the coercion costs (7.3, last words): then he pays none of them. UNVERIFIED: 7.3 speaks of the debtor's
    only asset; the same order is applied to every asset (configurable only by passing ``senior=0``)."""
    for amount in (value, claim, costs, senior):
        if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
            raise ValueError("amounts must be non-negative ints")
    if value <= costs:
        costs_part = senior_part = 0
    else:
        costs_part = costs
        senior_part = min(senior, value - costs_part)
    credited = min(claim, value - costs_part - senior_part)
    return TakeTerms(value, credited, costs_part, senior_part, value - costs_part - senior_part - credited)


@dataclass(frozen=True)
class ProceedsSplit:
    """The proceeds of one sale split by Art. 47: ``secured`` to the pledgee/mortgagee (47.3), ``costs`` recovered
    per case (47.1 opening paragraph), ``decisions`` — ``{case: {obligation: VND}}`` across the debtor's decisions
    (47.1–47.2.b) — and ``surplus`` back to the debtor (47.2.c). The parts sum to ``proceeds`` exactly."""

    proceeds: int
    secured: int
    costs: Mapping[Hashable, int] = field(default_factory=dict)
    decisions: Mapping[Hashable, Mapping[str, int]] = field(default_factory=dict)
    surplus: int = 0

    @property
    def to_cases(self) -> int:
        return sum(sum(parts.values()) for parts in self.decisions.values())

    @property
    def costs_total(self) -> int:
        return sum(self.costs.values())


def split_proceeds(proceeds: int, *, secured_amount: int = 0, costs: Mapping[Hashable, int] | None = None,
                   decisions: Sequence[DecisionDue] = (), coercion_on: date | None = None,
                   secured_after_costs: bool = False) -> ProceedsSplit:
    """Split the proceeds of a distrained asset (Luật THADS Art. 47).

    1. The secured creditor of the asset, up to ``secured_amount`` (47.3, second paragraph: a pledgee or mortgagee
       who is not the judgment creditor is paid "before the sums of this Article"). ``secured_after_costs``: pay the
       enforcement costs first (UNVERIFIED reading: 47.1 deducts the costs before the order of payment and 47.3
       first paragraph pays a mortgagee who is the judgment creditor after the costs; off by default).
    2. The coercion costs still owed on each case (``costs``: ``{case: VND}``), pro rata when short (47.1 opening
       paragraph; Art. 73.6).
    3. What the debtor's decisions still owe, by ``domain.allocation.allocate_across_decisions`` (47.1, 47.2.a–b,
       with ``coercion_on`` the date of the coercion decision, Decree 62 Art. 49.1).
    4. The rest back to the debtor (47.2.c).

    Not modelled: the court fee of the secured judgment and the Art. 115.5 amount (47.3 first paragraph).
    """
    if isinstance(proceeds, bool) or not isinstance(proceeds, int) or proceeds < 0:
        raise ValueError("proceeds must be a non-negative int")
    if secured_amount < 0 or any(v < 0 for v in (costs or {}).values()):
        raise ValueError("amounts owed must not be negative")
    costs = dict(costs or {})
    left = proceeds
    secured = 0
    if not secured_after_costs:
        secured = min(secured_amount, left)
        left -= secured
    cost_items = [ObligationDue(str(i), "chi_phi", owed) for i, owed in enumerate(costs.values())]
    paid_costs = allocate_collection(min(left, sum(costs.values())), cost_items)
    recovered = {case: paid_costs[str(i)] for i, case in enumerate(costs)}
    left -= sum(recovered.values())
    if secured_after_costs:
        secured = min(secured_amount, left)
        left -= secured
    owed = sum(ob.outstanding for d in decisions for ob in d.obligations)
    shares = allocate_across_decisions(min(left, owed), decisions, coercion_on=coercion_on) if decisions else {}
    left -= sum(sum(parts.values()) for parts in shares.values())
    return ProceedsSplit(proceeds, secured, recovered, shares, left)
