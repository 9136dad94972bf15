"""Order of payment of money collected from a debtor (Luật THADS Art. 47; Decree 62/2015 Art. 49.1 as amended by
Decrees 33/2020 and 152/2024; TTLT 11/2016/TTLT-BTP-TANDTC-VKSNDTC Art. 6). Pure Python; amounts are ``int`` VND.

The text (Luật THADS 2008 as amended by Law 64/2014, Art. 47):

* 47.1, opening paragraph: the money, **after deducting the enforcement costs and the amount of Art. 115.5**
  (money kept back for the debtor to rent a home when his only home was sold), is paid in this order:
  a) maintenance; wages, pay for work, severance, job-loss and disability allowances; damages for life, health or
  mental harm; b) court fees and charges (án phí, lệ phí Tòa án); c) the other obligations under the judgment.
* 47.2.a: with several creditors, in the order of 47.1; within one rank, **pro rata** to what each is owed.
* 47.2.b: money collected under a **coercion decision** goes to the creditors (of every decision the agency enforces)
  known up to the date of that decision; what is left goes to the creditors of the other decisions up to the date of
  payment. Decree 62 Art. 49.1: the creditors "who requested enforcement under the judgments the agency is enforcing
  up to the date of the coercion decision (or of the minutes of a voluntary hand-over)" come first.
* 47.2.c: what is left after that is returned to the debtor (here: refused, the excess is not owed).
* 47.3 (pledged or mortgaged asset: the secured creditor first) needs the asset register: not modelled here.
* TTLT 11/2016 Art. 6.1: where the judgment awards late-payment interest (lãi suất chậm thi hành án), the sums the
  judgment awards are paid first, the interest after, unless the parties agree otherwise.

``thads.domain.money`` re-exports everything here (the one money vocabulary); ``MoneyError``, ``Beneficiary`` and
``ObligationDue`` are defined here because the fee rules build on them.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import IntEnum, StrEnum
from types import MappingProxyType

from thads.domain.errors import RuleViolation
from thads.lib.numbers import format_vnd

__all__ = [
    "DEFAULT_INTEREST_ORDER", "DEFAULT_PAYMENT_RANKS", "DEFAULT_RANK", "RANK_CITATIONS", "Beneficiary",
    "DecisionDue", "InterestOrder", "MoneyError", "ObligationDue", "PaymentRank", "allocate_across_decisions",
    "allocate_collection", "named_out_of_order", "payment_rank",
]


class MoneyError(RuleViolation):
    """A money rule refuses the operation; ``message_vi`` is shown to the user."""


class Beneficiary(StrEnum):
    """Who an obligation is paid to (interchange.md §1 ``obligations[].beneficiary``)."""

    STATE = "state"  # ngân sách nhà nước (NSNN)
    PERSON = "person"
    AGENCY = "agency"


@dataclass(frozen=True, slots=True)
class ObligationDue:
    """One money item (khoản) of a case with what is still owed on it.

    ``kind`` is an interchange obligation kind (``an_phi``, ``cap_duong``, …), or ``chi_phi`` (enforcement costs)
    or ``khoan_115_5`` (the amount of Art. 115.5), which only the pure rules know. ``rank`` overrides the Art. 47.1
    rank that ``kind`` would give (e.g. :attr:`PaymentRank.A` for ``boi_thuong`` of damages to life or health, which
    the kind alone cannot tell). ``interest``: the item is late-payment interest (TTLT 11/2016 Art. 6.1: paid after
    the sums the judgment awards). The stored obligations never set it today: the interchange contract has no kind
    for late-payment interest (interchange.md §1), so a judgment's interest travels inside its obligation.
    """

    id: str
    kind: str
    outstanding: int
    beneficiary: str = Beneficiary.PERSON
    rank: int | None = None
    interest: bool = False


class PaymentRank(IntEnum):
    """The ranks of Luật THADS Art. 47.1 (lower is paid first)."""

    COSTS = 0  # 47.1 opening paragraph: enforcement costs and the Art. 115.5 amount, deducted first
    A = 1  # 47.1.a: maintenance; wages, pay for work, allowances; damages for life, health or mental harm
    B = 2  # 47.1.b: court fees and charges (án phí, lệ phí Tòa án)
    C = 3  # 47.1.c: the other obligations under the judgment


#: Where each rank is written, for messages and tests.
RANK_CITATIONS: Mapping[PaymentRank, str] = MappingProxyType({
    PaymentRank.COSTS: "47.1 (đoạn mở đầu)", PaymentRank.A: "47.1.a", PaymentRank.B: "47.1.b",
    PaymentRank.C: "47.1.c"})

#: Default Art. 47.1 ranks by obligation kind. Configurable (``ActRules.payment_ranks``): pass another mapping.
#: ``boi_thuong`` stays :attr:`PaymentRank.C` by default: only damages for life, health or mental harm are 47.1.a,
#: so set ``ObligationDue.rank`` on those. The interchange kinds have no wage kind; wages come as ``khac``/``tra_no``
#: and need the same per-obligation override. ``chi_phi`` and ``khoan_115_5`` are not interchange kinds.
DEFAULT_PAYMENT_RANKS: Mapping[str, int] = MappingProxyType({
    "chi_phi": PaymentRank.COSTS, "khoan_115_5": PaymentRank.COSTS, "cap_duong": PaymentRank.A,
    "an_phi": PaymentRank.B})
DEFAULT_RANK = PaymentRank.C


class InterestOrder(StrEnum):
    """Where late-payment interest goes (TTLT 11/2016 Art. 6.1). UNVERIFIED which reading is meant: the circular
    says "the sums awarded by the judgment first, then the interest"; the default pays every awarded sum of every
    rank before any interest; ``AFTER_RANK`` pays a rank's interest right after that rank's sums."""

    AFTER_ALL = "after_all"
    AFTER_RANK = "after_rank"


DEFAULT_INTEREST_ORDER = InterestOrder.AFTER_ALL


def payment_rank(obligation: ObligationDue, ranks: Mapping[str, int] = DEFAULT_PAYMENT_RANKS) -> int:
    """The Art. 47.1 rank of an obligation: its explicit ``rank`` if set, else by kind (default 47.1.c)."""
    if obligation.rank is not None:
        return obligation.rank
    return ranks.get(obligation.kind, DEFAULT_RANK)


def _tier(ob: ObligationDue, ranks: Mapping[str, int], interest: InterestOrder) -> tuple[int, ...]:
    """The place of an obligation in the order of payment (Art. 47.1; TTLT 11/2016 Art. 6.1): costs and the
    115.5 amount first, then the ranks a, b, c, with late-payment interest after the awarded sums."""
    rank = payment_rank(ob, ranks)
    if rank <= PaymentRank.COSTS:
        return (rank, 0, 0)
    late = int(ob.interest)
    return (1, late, rank) if interest is InterestOrder.AFTER_ALL else (1, rank, late)


def _check_amount(amount: int, total: int) -> None:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"amount must be an int number of VND, got {amount!r}")
    if amount < 0:
        raise MoneyError("money.negative", f"Số tiền thu không được âm ({format_vnd(amount)}).")
    if amount > total:
        raise MoneyError(
            "money.exceeds_outstanding",
            f"Số tiền thu {format_vnd(amount)} lớn hơn số tiền còn phải thi hành {format_vnd(total)}.",
        )


def _fill(amount: int, items: Sequence[tuple[Hashable, int, tuple]]) -> dict[Hashable, int]:
    """Pay ``(key, outstanding, tier)`` items tier by tier; the tier the money does not cover is shared pro rata to
    the amounts owed, in whole VND by the largest-remainder method (ties: the items' order)."""
    result = {key: 0 for key, _, _ in items}
    left = amount
    for tier in sorted({t for _, _, t in items}):
        if left == 0:
            break
        group = [(i, key, owed) for i, (key, owed, t) in enumerate(items) if t == tier and owed]
        owed_total = sum(owed for _, _, owed in group)
        if left >= owed_total:
            for _, key, owed in group:
                result[key] = owed
            left -= owed_total
            continue
        shares = [(divmod(left * owed, owed_total), i, key) for i, key, owed in group]
        spare = left - sum(q for (q, _), _, _ in shares)
        lucky = {i for _, i, _ in sorted(shares, key=lambda s: (-s[0][1], s[1]))[:spare]}
        for (q, _), i, key in shares:
            result[key] = q + (1 if i in lucky else 0)
        left = 0
    return result


def allocate_collection(
    amount: int, obligations: Sequence[ObligationDue], ranks: Mapping[str, int] = DEFAULT_PAYMENT_RANKS, *,
    interest_order: InterestOrder = DEFAULT_INTEREST_ORDER,
) -> dict[str, int]:
    """Split money collected from the debtor over the obligations of one decision (Luật THADS Art. 47.1, 47.2.a;
    TTLT 11/2016 Art. 6.1).

    Costs and the Art. 115.5 amount first (47.1 opening paragraph), then 47.1.a, b, c; late-payment interest after
    the awarded sums (:class:`InterestOrder`). A rank is paid in full before the next gets anything; inside the rank
    the money does not cover, each obligation gets a share **pro rata to its outstanding amount** (47.2.a), in whole
    VND by the largest-remainder method: everyone gets the floor of the exact share, and the VND left over go one
    each to the largest fractional remainders, ties broken by the obligations' order. No obligation gets more than
    it still owes.

    Returns ``{obligation id: VND}`` for every obligation, in input order. Raises :class:`MoneyError` when ``amount``
    exceeds the total outstanding (47.2.c: the excess goes back to the debtor, it is not booked). Across several
    decisions of one debtor: :func:`allocate_across_decisions`. Not modelled: the secured creditor (47.3).
    """
    ids = [ob.id for ob in obligations]
    if len(set(ids)) != len(ids):
        raise ValueError(f"duplicate obligation ids: {ids}")
    if any(ob.outstanding < 0 for ob in obligations):
        raise ValueError("an obligation has a negative outstanding amount")
    _check_amount(amount, sum(ob.outstanding for ob in obligations))
    paid = _fill(amount, [(ob.id, ob.outstanding, _tier(ob, ranks, interest_order)) for ob in obligations])
    return {i: paid[i] for i in ids}


def named_out_of_order(named: str, amount: int, obligations: Sequence[ObligationDue],
                       ranks: Mapping[str, int] = DEFAULT_PAYMENT_RANKS, *,
                       interest_order: InterestOrder = DEFAULT_INTEREST_ORDER) -> str | None:
    """Why a collection that names the obligation ``named`` would bypass the order of payment (Art. 47.1, 47.2.a),
    in Vietnamese; None when the order itself gives the whole ``amount`` to that obligation.

    A receipt may say which obligation the money is for only when Art. 47 sends it there anyway: naming one must
    not pay a later rank before an earlier one, nor one creditor of a rank before the others pro rata.
    """
    paid = allocate_collection(amount, obligations, ranks, interest_order=interest_order)
    if paid.get(named, 0) == amount:
        return None
    first = [k for k, v in paid.items() if v and k != named]
    return (f"khoản «{named}» chưa được thanh toán riêng: theo thứ tự thanh toán tại Điều 47 Luật Thi hành án dân "
            f"sự, số tiền {format_vnd(amount)} trước hết được trả cho khoản "
            + ", ".join(f"«{k}» ({format_vnd(paid[k])})" for k in first)
            + "; để trống ô khoản để chia theo Điều 47")


@dataclass(frozen=True, slots=True)
class DecisionDue:
    """One decision to enforce (one case) of the debtor that the agency is enforcing (Art. 47.2.b).

    ``case`` identifies it (the case id); ``since`` is the date the agency began enforcing it (the decision to
    enforce), compared with the coercion decision's date by :func:`allocate_across_decisions`. UNVERIFIED: Decree 62
    Art. 49.1 speaks of the creditors "who requested enforcement" up to that date; the caller chooses the date that
    stands for it (``cases.actions`` passes the decision to enforce's date, which exists for proactive and on-request
    cases alike).
    """

    case: Hashable
    obligations: tuple[ObligationDue, ...]
    since: date | None = None


def allocate_across_decisions(
    amount: int, decisions: Sequence[DecisionDue], *, coercion_on: date | None = None,
    ranks: Mapping[str, int] = DEFAULT_PAYMENT_RANKS, interest_order: InterestOrder = DEFAULT_INTEREST_ORDER,
) -> dict[Hashable, dict[str, int]]:
    """Split money collected from one debtor over **all** the decisions the agency enforces against him (Luật THADS
    Art. 47.2.a–b; Decree 62/2015 Art. 49.1), e.g. a proactive court-fee case and an on-request debt case of the same
    person.

    * The costs and the Art. 115.5 amount of every decision first (47.1 opening paragraph).
    * Without ``coercion_on`` (money paid voluntarily, or the caller does not say): every decision known up to the
      payment competes, in the order of 47.1 across all of them, pro rata within a rank (47.2.a), late-payment
      interest after the awarded sums (TTLT 11/2016 Art. 6.1).
    * With ``coercion_on`` (money collected under the coercion decision of that date): the decisions whose
      ``since`` is on or before that date are paid first, in that order (47.2.b; Decree 62 Art. 49.1); the rest goes
      to the other decisions (``since`` later or unknown), in the same order.

    Returns ``{case: {obligation id: VND}}`` for every decision. The share of each decision is fixed across the
    decisions; inside one decision it is split again by :func:`allocate_collection`, so that each case's history
    gets exactly what the single-case rule gives for that share (the pro-rata remainders may move one VND between
    two obligations of one case, never across ranks). Raises :class:`MoneyError` when ``amount`` exceeds what all
    the decisions still owe (47.2.c: the rest is the debtor's).
    """
    keys = [d.case for d in decisions]
    if len(set(keys)) != len(keys):
        raise ValueError(f"duplicate decisions: {keys}")
    items: list[tuple[Hashable, int, tuple]] = []
    for n, d in enumerate(decisions):
        ids = [ob.id for ob in d.obligations]
        if len(set(ids)) != len(ids):
            raise ValueError(f"duplicate obligation ids in decision {d.case!r}: {ids}")
        pool = 0 if coercion_on is None or (d.since is not None and d.since <= coercion_on) else 1
        for ob in d.obligations:
            if ob.outstanding < 0:
                raise ValueError("an obligation has a negative outstanding amount")
            tier = _tier(ob, ranks, interest_order)
            items.append(((n, ob.id), ob.outstanding, tier if tier[0] == 0 else (1, pool, *tier[1:])))
    _check_amount(amount, sum(owed for _, owed, _ in items))
    paid = _fill(amount, items)
    out: dict[Hashable, dict[str, int]] = {}
    for n, d in enumerate(decisions):
        share = sum(paid[(n, ob.id)] for ob in d.obligations)
        out[d.case] = allocate_collection(share, d.obligations, ranks, interest_order=interest_order)
    return out
