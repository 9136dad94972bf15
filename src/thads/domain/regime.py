"""The versions of the act rules (:class:`~thads.domain.act_types.ActRules`) and which one governs an act, by the
act's legal date, like the deadline rules (:func:`thads.domain.deadline_rules.ruleset_for`). Pure Python.

==============  ==========================================================================================
from            act rules
==============  ==========================================================================================
(legacy)        ``"2009"``: Luật THADS 26/2008/QH12 as first enacted: voluntary period **15 days** (original
                Art. 45.1) for a notification dated before 01/07/2015; everything else as ``"2015"``
                (imported legacy histories; the rest of the pre-2015 text is not coded: UNVERIFIED)
01/07/2015      ``"2015"``: Law 64/2014/QH13 (10-day voluntary period, Art. 45.1 as amended) with Decree
                62/2015/NĐ-CP as amended by Decrees 33/2020 and 152/2024: separate book after 1 year
                (2 years for a prisoner with ≥ 2 years left or an unknown new address), at least 2
                re-verifications, no new information (Decree 62 Art. 9.5)
01/07/2026      ``"2026-07"``: Law 106/2025/QH15 with Decree 152/2026/NĐ-CP [V, Art. 22]: **2 years** after the
                decision "chưa có điều kiện", re-verified (Law Art. 38.3), no new information; a proactive
                case goes to the separate book (22.1), for an on-request case the request is **returned**
                (22.2, act ``return_request``). The minimum of 2 re-verifications is kept from Decree 62
                (Art. 22 says "đã xác minh theo khoản 3 Điều 38"): UNVERIFIED, configurable
==============  ==========================================================================================

The act's own date chooses (Decree 152/2026 Art. 115: steps already taken stay valid, further steps follow the new
decree): a case classified "chưa có điều kiện" in 2025 and moved to the separate book after 01/07/2026 needs the
2 years. Late requests under the new law (Decree 152/2026 Art. 10.2: the head accepts or not a request filed after
the limitation because of an emergency, force majeure or an objective obstacle; Art. 22.2: a request made again
after its return must prove the debtor now can pay) are :func:`late_request_refusal`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from thads.domain.act_types import DEFAULT_RULES, ActRules

#: Law 64/2014/QH13 takes effect (10-day voluntary period); before it, Art. 45.1 of Law 26/2008 gave 15 days.
LAW_64_2014_FROM = date(2015, 7, 1)
#: Law 106/2025/QH15 and Decree 152/2026/NĐ-CP take effect (Decree 152 "ngày hiệu lực" [V]; the law's date is
#: THADS.md §0 UNVERIFIED, presumably the same day).
REGIME_2026_FROM = date(2026, 7, 1)

RULES_2009 = replace(DEFAULT_RULES, voluntary_days=15, regime="2009")
RULES_2015 = DEFAULT_RULES
RULES_2026 = replace(DEFAULT_RULES, separate_book_years=2, separate_book_years_long=2, on_request_returned=True,
                     separate_book_article="Điều 22 Nghị định 152/2026/NĐ-CP", regime="2026-07")


@dataclass(frozen=True, slots=True)
class ActRegime:
    """One version of the act rules and the day it takes effect."""

    name: str
    effective_from: date
    rules: ActRules


#: Oldest first; the first is also used for any earlier date.
REGIMES: tuple[ActRegime, ...] = (
    ActRegime("2009", date(2009, 7, 1), RULES_2009),
    ActRegime("2015", LAW_64_2014_FROM, RULES_2015),
    ActRegime("2026-07", REGIME_2026_FROM, RULES_2026),
)


def regime_for(on: date) -> ActRegime:
    """The act-rule version in force on ``on`` (the act's legal date); the oldest for earlier dates."""
    for regime in reversed(REGIMES):
        if regime.effective_from <= on:
            return regime
    return REGIMES[0]


def rules_for(on: date, base: ActRules | None = None) -> ActRules:
    """The :class:`ActRules` governing an act dated ``on`` (module table). ``base``: a caller's configuration
    (payment ranks, roll, …) onto which the version's legal values are laid; None = the defaults."""
    rules = regime_for(on).rules
    if base is None or base == DEFAULT_RULES:
        return rules
    return replace(base, voluntary_days=rules.voluntary_days, separate_book_years=rules.separate_book_years,
                   separate_book_years_long=rules.separate_book_years_long,
                   on_request_returned=rules.on_request_returned,
                   separate_book_article=rules.separate_book_article, regime=rules.regime)


def late_request_refusal(request_on: date, deadline: date | None, *, late_accepted: bool = False,
                         returned_before: bool = False, proof_of_conditions: bool = False) -> str | None:
    """Why a decision to enforce may not be made on a request filed on ``request_on``, or None.

    * Before 01/07/2026 (Luật THADS 2008 Art. 30; Decree 62 Art. 7.2): a request after the limitation ``deadline``
      is refused (Art. 31.5.c); the excluded periods of Art. 30.2–30.3 are already in ``deadline``.
    * From 01/07/2026, Decree 152/2026 Art. 10.2 [V]: a late request is decided by the head, who may accept it when
      an emergency, force majeure or objective obstacle (Art. 3) prevented a timely request (``late_accepted``:
      the head's acceptance, with its proof). Art. 22.2 [V]: a request made again after the agency returned it
      must prove that the debtor now has conditions (``proof_of_conditions``); Art. 9.7.đ: such a request may not
      be refused for its content.
    """
    new_law = request_on >= REGIME_2026_FROM
    if new_law and returned_before and not proof_of_conditions:
        return ("yêu cầu thi hành án trở lại sau khi đã gửi lại yêu cầu phải kèm tài liệu chứng minh người phải thi "
                "hành án có điều kiện thi hành (khoản 2 Điều 22 Nghị định 152/2026/NĐ-CP)")
    if deadline is None or request_on <= deadline:
        return None
    if new_law:
        if late_accepted:
            return None
        return ("yêu cầu thi hành án quá hạn chỉ được thi hành khi Thủ trưởng cơ quan thi hành án dân sự chấp nhận do "
                "tình trạng khẩn cấp, sự kiện bất khả kháng hoặc trở ngại khách quan (khoản 2 Điều 10 Nghị định "
                "152/2026/NĐ-CP)")
    return f"yêu cầu thi hành án đã hết thời hiệu từ sau ngày {deadline:%d/%m/%Y} (Điều 30)"
