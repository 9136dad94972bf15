"""Exemption and reduction of obligations owed to the state budget (miễn, giảm; Luật THADS Arts. 61–64, as amended
by Law 64/2014; TTLT 12/2015/TTLT-BTP-BTC-TANDTC-VKSNDTC). Pure Python; re-exported by :mod:`thads.domain.money`.

Art. 61 [V, text checked against the Pháp điển copy]: the debtor has no assets (or only assets that may not be
distrained) and no income beyond minimum living needs (61.1.a), and, counting from the **first** decision to enforce
(61.5 para. 2):

=====================  ===========================  ======================================================
case                   after 5 years                after 10 years
=====================  ===========================  ======================================================
exemption (61.1.b)     amount < 2,000,000           2,000,000 ≤ amount < 5,000,000
partly paid: exempt    remainder < 5,000,000        5,000,000 ≤ remainder < 10,000,000
the remainder (61.2.b)
partly paid: reduce    10,000,000 ≤ remainder ≤     remainder > 100,000,000: at most 1/5 of it,
(61.3)                 100,000,000: at most 1/4     capped at 50,000,000 per time
=====================  ===========================  ======================================================

* "Partly paid" = at least 1/50 of the amount paid (TTLT 12/2015 Art. 4.1).
* 61.4: a partly paid court fee or fine is exempted in full for prolonged special hardship or a great achievement,
  with no time or amount condition.
* 61.5: cases 61.1–61.3 are considered **at most once within 1 year** per judgment. Whether "within 1 year" means
  12 months from the last consideration (default) or once per calendar year is UNVERIFIED: ``calendar_year``.
* Only amounts owed to the state budget (TTLT 12/2015 Art. 2). The court decides (Art. 63); this is advice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction

from thads.domain.limitation import add_years
from thads.lib.numbers import format_vnd


class ReliefKind(StrEnum):
    EXEMPT = "exempt"  # miễn toàn bộ (61.1)
    EXEMPT_REMAINDER = "exempt_remainder"  # miễn phần còn lại (61.2, 61.4)
    REDUCE = "reduce"  # giảm một phần (61.3)
    NONE = "none"  # chưa đủ điều kiện


@dataclass(frozen=True, slots=True)
class ReductionRules:
    """Art. 61 thresholds (verified for the 2008/2014 law; configurable for later regimes)."""

    short_years: int = 5
    long_years: int = 10
    exempt_short_below: int = 2_000_000  # 61.1.b, 5 years
    exempt_long_below: int = 5_000_000  # 61.1.b, 10 years (from exempt_short_below)
    remainder_short_below: int = 5_000_000  # 61.2.b, 5 years
    remainder_long_below: int = 10_000_000  # 61.2.b, 10 years (from remainder_short_below)
    reduce_short_min: int = 10_000_000  # 61.3.a, inclusive
    reduce_short_max: int = 100_000_000  # 61.3.a, inclusive; 61.3.b starts above it
    reduce_short_fraction: Fraction = Fraction(1, 4)
    reduce_long_fraction: Fraction = Fraction(1, 5)
    reduce_long_cap: int = 50_000_000
    partly_paid_fraction: Fraction = Fraction(1, 50)  # TTLT 12/2015 Art. 4.1
    hardship_kinds: frozenset[str] = frozenset({"an_phi", "tien_phat"})  # 61.4
    calendar_year: bool = False  # 61.5 reading, UNVERIFIED: False = 12 months since the last consideration


DEFAULT_REDUCTION_RULES = ReductionRules()


@dataclass(frozen=True, slots=True)
class ReductionAdvice:
    """What may be proposed to the court: ``max_amount`` VND of ``kind`` under ``article`` (0 with ``NONE``)."""

    kind: ReliefKind
    max_amount: int
    article: str
    reason_vi: str
    next_consideration_on: date | None = None


def is_partly_paid(paid: int, amount_due: int, rules: ReductionRules = DEFAULT_REDUCTION_RULES) -> bool:
    """Whether at least 1/50 of the state-budget amount has been paid (TTLT 12/2015 Art. 4.1; Art. 61.2–61.4)."""
    return paid > 0 and amount_due > 0 and Fraction(paid, amount_due) >= rules.partly_paid_fraction


def _next_consideration(last: date, rules: ReductionRules) -> date:
    """First day a new consideration is allowed after one on ``last`` (Art. 61.5)."""
    if rules.calendar_year:
        return date(last.year + 1, 1, 1)
    return date.fromordinal(add_years(last, 1).toordinal() + 1)


def _none(reason: str, next_on: date | None = None) -> ReductionAdvice:
    return ReductionAdvice(ReliefKind.NONE, 0, "", reason, next_on)


def reduction_limit(
    remaining: int,
    years_since_first_decision: int,
    already_partly_paid: bool,
    *,
    last_considered: date | None = None,
    on: date | None = None,
    beneficiary: str = "state",
    without_means: bool = True,
    special_hardship: bool = False,
    kind: str | None = None,
    rules: ReductionRules = DEFAULT_REDUCTION_RULES,
) -> ReductionAdvice:
    """Advice on exempting or reducing a state-budget obligation (Luật THADS Art. 61; TTLT 12/2015 Arts. 2–4).

    ``remaining``: VND still owed on the obligation. ``years_since_first_decision``: whole years *expired* since the
    first decision to enforce (use :func:`thads.domain.limitation.full_years_elapsed`). ``already_partly_paid``: see
    :func:`is_partly_paid`. ``without_means``: the debtor meets Art. 61.1.a (no distrainable assets, no income beyond
    minimum living needs). ``last_considered``/``on``: the last consideration for this judgment and today, for the
    once-a-year rule (Art. 61.5). ``special_hardship`` with ``kind`` an_phi/tien_phat: Art. 61.4.
    """
    if remaining < 0 or years_since_first_decision < 0:
        raise ValueError("remaining and years_since_first_decision must not be negative")
    if beneficiary != "state":
        return _none("Chỉ xét miễn, giảm đối với khoản thu, nộp ngân sách nhà nước (Điều 61 Luật THADS).")
    if remaining == 0:
        return _none("Khoản thu, nộp ngân sách nhà nước này không còn phải thi hành.")
    if special_hardship and already_partly_paid and kind in rules.hardship_kinds:
        return ReductionAdvice(
            ReliefKind.EXEMPT_REMAINDER, remaining, "61.4",
            f"Được đề nghị miễn phần án phí, tiền phạt còn lại {format_vnd(remaining)} do hoàn cảnh kinh tế "
            "đặc biệt khó khăn kéo dài hoặc lập công lớn (Điều 61.4 Luật THADS).",
        )
    if not without_means:
        return _none("Chỉ xét miễn, giảm khi người phải thi hành án không có tài sản, thu nhập để thi hành án "
                     "(Điều 61.1.a Luật THADS).")
    if last_considered is not None:
        if on is None:
            raise ValueError("on is required with last_considered")
        next_on = _next_consideration(last_considered, rules)
        if on < next_on:
            return _none(
                f"Mỗi bản án, quyết định chỉ được xét miễn, giảm một lần trong 01 năm (Điều 61.5 Luật THADS): "
                f"lần xét gần nhất ngày {last_considered:%d/%m/%Y}, được xét lại từ ngày {next_on:%d/%m/%Y}.",
                next_on,
            )
    if already_partly_paid:
        return _partly_paid_advice(years_since_first_decision, remaining, rules)
    return _unpaid_advice(years_since_first_decision, remaining, rules)


def _unpaid_advice(years: int, r: int, rr: ReductionRules) -> ReductionAdvice:
    """Nothing paid yet: exemption of the whole amount after the short or long period by amount (Art. 61.1.b);
    a reduction needs at least 1/50 paid (Art. 61.3; TTLT 12/2015 Art. 4)."""
    short, long_ = years >= rr.short_years, years >= rr.long_years
    money = format_vnd(r)
    if (short and r < rr.exempt_short_below) or (long_ and rr.exempt_short_below <= r < rr.exempt_long_below):
        n = rr.short_years if r < rr.exempt_short_below else rr.long_years
        return ReductionAdvice(
            ReliefKind.EXEMPT, r, "61.1.b",
            f"Đủ điều kiện đề nghị miễn toàn bộ {money}: đã hết {n} năm kể từ ngày ra quyết định thi hành án "
            "lần đầu (Điều 61.1 Luật THADS).",
        )
    hint = " Chỉ xét giảm khi đã thi hành được ít nhất 1/50 khoản thu (Điều 61.3 Luật THADS; Điều 4 TTLT 12/2015)."
    return _none(f"Chưa đủ điều kiện về thời hạn và số tiền để xét miễn khoản {money} (Điều 61.1 Luật THADS)."
                 + (hint if r >= rr.exempt_long_below else ""))


def _partly_paid_advice(years: int, r: int, rr: ReductionRules) -> ReductionAdvice:
    """Partly paid: exemption of the remainder (Art. 61.2.b), else a reduction capped by a fraction of the remainder
    (Art. 61.3.a) or by a fraction and an amount (Art. 61.3.b)."""
    short, long_ = years >= rr.short_years, years >= rr.long_years
    money = format_vnd(r)
    if (short and r < rr.remainder_short_below) or (long_ and rr.remainder_short_below <= r < rr.remainder_long_below):
        n = rr.short_years if r < rr.remainder_short_below else rr.long_years
        return ReductionAdvice(
            ReliefKind.EXEMPT_REMAINDER, r, "61.2.b",
            f"Đủ điều kiện đề nghị miễn phần còn lại {money}: đã hết {n} năm kể từ ngày ra quyết định thi hành án "
            "lần đầu (Điều 61.2 Luật THADS).",
        )
    if short and rr.reduce_short_min <= r <= rr.reduce_short_max:
        cap = int(r * rr.reduce_short_fraction)  # floor: never above the legal fraction
        return ReductionAdvice(
            ReliefKind.REDUCE, cap, "61.3.a",
            f"Đủ điều kiện đề nghị giảm, mỗi lần không quá {rr.reduce_short_fraction} số tiền còn lại: "
            f"tối đa {format_vnd(cap)} (Điều 61.3.a Luật THADS).",
        )
    if long_ and r > rr.reduce_short_max:
        cap = min(int(r * rr.reduce_long_fraction), rr.reduce_long_cap)
        return ReductionAdvice(
            ReliefKind.REDUCE, cap, "61.3.b",
            f"Đủ điều kiện đề nghị giảm, mỗi lần không quá {rr.reduce_long_fraction} số tiền còn lại và không quá "
            f"{format_vnd(rr.reduce_long_cap)}: tối đa {format_vnd(cap)} (Điều 61.3.b Luật THADS).",
        )
    return _none(f"Chưa đủ điều kiện về thời hạn và số tiền để xét miễn, giảm phần còn lại {money} "
                 "(Điều 61 Luật THADS).")
