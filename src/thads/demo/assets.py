"""Debtors' assets and the measures taken against them in the demo province (``docs/interchange-assets.md``), pure
and deterministic: records built on top of the generated case histories, which they never change (they add no case
event: ``thads report`` on the demo gives the same figures with or without them).

* **Debtor registers** for a share of the cases that were verified, each debtor once per unit (the unit holding its
  cases at the end; a debtor with several cases there has one register: the generator's fee cases reuse the debtor
  of a recent case), with a declaration (Decree 62/2015 Art. 9.1), the assets verification found (land with its
  certificate, parcel, sheet and area; vehicles; bank accounts; wages; for companies, business income) and the
  information requests sent for them (Luật THADS Art. 44.6: the reply deadline, the reply).
* In **each of the last two complete statistical years** (01/10–30/09, relative to ``today``), chains of measures on
  cases that collected money in that year, each ending on one of the case's existing ``payment`` days, whose
  payments are the money the measure brought (``collected`` names the first payment event of that day):
  an account frozen then deducted (Arts. 67, 76), a wage deducted (Art. 78), a distraint (transfer ban first) with
  a coercion plan carried out and its cost, a valuation, an auction whose first session is unsold and whose second,
  at a reduced price, sells (Arts. 98–104), and a distrained asset unsold twice and taken by the creditor (Art. 104).
  Their number grows with ``size`` (one of each per 750 cases and year, at least one).

Consistency: measures are dated after the case's decision and before its end, on days the case was being enforced
(after ``verified_able`` or ``resumed``, before the payment), coercive ones after the voluntary period; money never
exceeds what the case owes (it is the case's own payments); coercion plans fall on weekdays away from public
holidays and the Tết window (Art. 46.2; Decree 62/2015 Art. 13.2).
"""

from __future__ import annotations

import functools
import random
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from thads.domain.assets_records import TYPES, VOLUNTARY_DAYS
from thads.domain.calendar import WorkCalendar, national_calendar
from thads.domain.coercion_calendar import coercion_refusal

__all__ = ["Collector", "last_complete_years", "records"]

SHARE = 0.06  # of the verified cases that get a debtor register besides the measures' cases
PER_CASES = 750  # one chain of each kind per this many cases and year
#: The least money a chain of each kind is built on when the year has such payments (VND).
MIN_AMOUNT = {"sale": 60_000_000, "taken": 20_000_000, "account": 3_000_000, "income": 1_000_000}
_STATE_EVENTS = frozenset({"verified_able", "classified_unable", "postponed", "suspended", "resumed",
                           "separate_book", "terminated", "completed", "entrusted_out", "revoked"})
_ENFORCING_FROM = frozenset({"verified_able", "resumed"})
_BANKS = ("Agribank", "Vietcombank", "BIDV", "VietinBank", "Sacombank", "Techcombank", "MB", "LienVietPostBank")
_EMPLOYERS = ("Công ty TNHH May Thuận An", "Công ty CP Xây dựng Thừa Thiên", "Công ty TNHH Du lịch Hương Giang",
              "Công ty CP Bia Huế", "Trường THCS Phú Thuận", "Công ty TNHH Thủy sản Tam Giang")
_VEHICLES = (("Xe máy Honda Wave", 12_000_000), ("Xe máy Yamaha Sirius", 10_000_000),
             ("Ô tô Toyota Vios", 380_000_000), ("Ô tô tải Hyundai 2,5 tấn", 260_000_000),
             ("Xe máy Honda SH", 55_000_000))
_APPRAISERS = ("Công ty CP Thẩm định giá Miền Trung", "Công ty TNHH Thẩm định giá Huế Việt")
_BUYERS = ("Nguyễn Văn Hải", "Trần Thị Thu", "Lê Quang Vinh", "Phan Thị Hoa", "Hồ Đắc Long", "Võ Văn Tâm")


def last_complete_years(today: date) -> tuple[int, int]:
    """The last two statistical years (Y runs 01/10/Y−1 – 30/09/Y, interchange.md §2) that ended by ``today``."""
    last = today.year if today >= date(today.year, 9, 30) else today.year - 1
    return last - 1, last


class _Case:
    """What the assets need of one generated case, read once as the case is generated (plain values: the history
    itself is not kept): its decision, units, parties, verification and the payment days a chain may end on."""

    __slots__ = ("id", "decided_on", "unit", "debtor", "creditor", "moved", "verified", "able", "pays")

    def __init__(self, rec: dict[str, Any], events: list[dict[str, Any]], lo_s: str, hi_s: str) -> None:
        self.id, self.decided_on, self.unit = rec["id"], rec["decided_on"], rec["unit"]
        d = rec.get("debtor") or {}
        self.debtor = (d.get("name", ""), d.get("id_number", ""), d.get("address", ""))
        self.creditor = (rec.get("creditor") or {}).get("name")
        self.moved: tuple[int, str] | None = None
        self.verified: str | None = None
        self.able = False
        self.pays: tuple = ()
        for e in events:
            kind = e["kind"]
            if kind == "moved":
                self.moved = (_ord(e["on"]), e["unit"])
            elif kind in ("verified_able", "classified_unable") and self.verified is None:
                self.verified = e["on"]
            if kind == "verified_able":
                self.able = True
        if events and events[-1]["on"] >= lo_s and self.decided_on <= hi_s:
            self.pays = tuple(_payment_days(events, lo_s, hi_s))

    @property
    def decided(self) -> int:
        return _ord(self.decided_on)

    def unit_at(self, o: int) -> str:
        moved = self.moved
        return moved[1] if moved and o >= moved[0] else self.unit

    @property
    def final_unit(self) -> str:
        return self.moved[1] if self.moved else self.unit


def _payment_days(events: list[dict[str, Any]], lo_s: str, hi_s: str) -> Iterator[tuple[str, str, int, int]]:
    """(day the case was last put under enforcement, payment day, position of its first payment event, the day's
    payments) for the payment days within [lo_s, hi_s] on which the case was being enforced."""
    since: str | None = None
    i = 0
    while i < len(events):
        e = events[i]
        kind = e["kind"]
        if kind in _STATE_EVENTS:
            since = e["on"] if kind in _ENFORCING_FROM else None
        elif kind == "payment" and since is not None and lo_s <= e["on"] <= hi_s:
            j, total = i, 0
            while j < len(events) and events[j]["kind"] == "payment" and events[j]["on"] == e["on"]:
                total += events[j]["amount"]
                j += 1
            if total > 0:
                yield since, e["on"], i + 1, total
            i = j
            continue
        i += 1


class Collector:
    """Reads each generated case as it is generated (``add``); ``records`` then builds the assets records."""

    def __init__(self, today: date) -> None:
        self.today = today
        first, last = last_complete_years(today)
        self.lo_s, self.hi_s = date(first - 1, 10, 1).isoformat(), date(last, 9, 30).isoformat()
        self.cases: list[_Case] = []

    def add(self, rec: dict[str, Any], events: list[dict[str, Any]]) -> None:
        self.cases.append(_Case(rec, events, self.lo_s, self.hi_s))


@dataclass(slots=True)
class _Chain:
    kind: str  # account, income, sale, taken
    case: _Case
    start: int  # first day a measure may be decided
    pay: int  # the payment day the chain ends on
    position: int  # of the first payment event that day
    amount: int  # the payments of that day


@dataclass
class _Out:
    """The records being built, by type, and the per-unit numbering of their keys."""

    by_type: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {t: [] for t in TYPES})
    seq: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))

    def add(self, kind: str, unit: str, rec: dict[str, Any]) -> str:
        prefix = {"debtor": "D", "asset": "A", "info_request": "R", "measure": "M", "valuation": "V",
                  "coercion_plan": "P", "cost": "C", "auction": "AU", "disposal": "X"}[kind]
        self.seq[(unit, kind)] += 1
        key = f"{unit}-{prefix}-{self.seq[(unit, kind)]:05d}"
        self.by_type[kind].append({"type": kind, "id": key, **rec})
        return key


def _iso(o: int) -> str:
    return date.fromordinal(o).isoformat()


def _ord(s: str) -> int:
    return date.fromisoformat(s).toordinal()


@functools.lru_cache(maxsize=1)
def _calendar() -> WorkCalendar:
    return national_calendar(2009, 2040)


def _plan_day(o: int) -> int:
    """The first day from ``o`` on which a coercion with mobilised forces may be planned in any year: a weekday in
    11/03–31/03, 06/05–25/08 or 04/09–19/12 (away from 01/01, the Tết window of Decree 62/2015 Art. 13.2, Hùng
    Kings' day, 30/04–01/05 and 02/09), that the national calendar does not make a day off (days in lieu such as
    31/08/2026 or 04/09/2023, Vietnamese Culture Day from 2026; Art. 46.2: ``domain.coercion_calendar``)."""
    calendar = _calendar()
    while True:
        d = date.fromordinal(o)
        md = (d.month, d.day)
        if d.weekday() < 5 and ((3, 11) <= md <= (3, 31) or (5, 6) <= md <= (8, 25) or (9, 4) <= md <= (12, 19)) \
                and (not 2009 <= d.year <= 2040
                     or coercion_refusal(d, mobilised_forces=True, calendar=calendar) is None):
            return o
        o += 1


class _Builder:
    """One pass over the chosen cases: registers, then the chains of each year."""

    def __init__(self, rng: random.Random, workday: Callable[[int], int], labels: dict[str, str],
                 suffixes: dict[str, str]) -> None:
        self.rng = rng
        self.workday = workday
        self.labels = labels
        self.suffixes = suffixes
        self.out = _Out()
        self.debtor_of: dict[str, tuple[str, str]] = {}  # case id → (debtor key, unit)
        self.decisions: dict[str, int] = defaultdict(int)

    # -- registers ---------------------------------------------------------------------------------------------
    def register(self, group: list[_Case]) -> None:
        first = group[0]
        name, number, address = first.debtor
        unit = first.final_unit
        company = len(number) == 10
        verified = _ord(first.verified) if first.verified else first.decided + 15
        rec: dict[str, Any] = {"unit": unit, "kind": "organisation" if company else "person", "name": name}
        if number:
            rec["id_number"] = number
        if address:
            rec["address"] = address
        if self.rng.random() < 0.6:
            rec["declared_on"] = _iso(max(self.workday(verified - 5), first.decided))
            rec["declaration"] = ("Kê khai tài sản, thu nhập: " +
                                  ("tài khoản doanh nghiệp, phương tiện vận tải" if company
                                   else "nhà ở, đất ở tại nơi cư trú; thu nhập từ lao động"))
        rec["cases"] = sorted(c.id for c in group)
        key = self.out.add("debtor", unit, rec)
        for c in group:
            self.debtor_of[c.id] = (key, unit)
        able = any(c.able for c in group)
        for kind in ("bank_account", "land", "vehicle", "wage") if able else ():
            if self.rng.random() < (0.7 if company and kind in ("bank_account", "vehicle") else 0.35):
                self.asset(first, kind, verified, company=company)
        if not able:  # Art. 44a.1.a: the bodies asked found nothing
            self.request(first, "land", verified, found=False)

    def asset(self, case: _Case, kind: str, found: int, *, company: bool = False, value: int = 0,
              status: str = "found") -> str:
        key, unit = self.debtor_of[case.id]
        found = self.workday(found)
        rng = self.rng
        place = case.debtor[2].split(", ")[-1] or "địa phương"
        if kind == "land":
            area = rng.randint(60, 400)
            rec = {"kind": "land", "description": f"Quyền sử dụng đất, thửa số {rng.randint(1, 900)}, {place}",
                   "identifiers": {"area_m2": area, "certificate": f"CS {rng.randint(1, 99999):05d}",
                                   "parcel": str(rng.randint(1, 900)), "sheet": str(rng.randint(1, 60))},
                   "source": f"Văn phòng đăng ký đất đai, {place}", "estimated_value": value or area * 2_500_000}
        elif kind == "vehicle":
            fits = [v for v in _VEHICLES if not value or (v[1] >= 100_000_000) == (value >= 100_000_000)]
            name, price = fits[rng.randrange(len(fits))]
            rec = {"kind": "vehicle", "description": name,
                   "identifiers": {"plate": f"75{'C' if price > 100_000_000 else 'H'}1-{rng.randint(100, 999)}."
                                            f"{rng.randint(10, 99)}"},
                   "source": "Phòng Cảnh sát giao thông", "estimated_value": value or price}
        elif kind == "bank_account":
            bank = _BANKS[rng.randrange(len(_BANKS))]
            rec = {"kind": "bank_account", "description": "Tài khoản thanh toán",
                   "identifiers": {"account": f"{rng.randint(10**11, 10**12 - 1)}", "bank": bank},
                   "holder": bank, "estimated_value": value}
        else:
            employer = _EMPLOYERS[rng.randrange(len(_EMPLOYERS))]
            wage = value or rng.randint(50, 150) * 100_000
            rec = {"kind": "wage", "description": "Tiền lương hằng tháng", "identifiers": {"monthly_wage": wage},
                   "holder": employer, "source": employer, "estimated_value": wage}
        requested = max(self.workday(found - 6), case.decided)
        rec.update({"found_on": _iso(found), "requested_on": _iso(requested),
                    "reply_due_on": _iso(requested if kind == "bank_account" else self.workday(requested + 3)),
                    "replied_on": _iso(max(requested, min(found, self.workday(requested + 2)))), "status": status})
        if company and kind == "wage":
            rec.update({"kind": "business_income", "description": "Thu nhập từ hoạt động kinh doanh",
                        "identifiers": {"monthly_income": rec["estimated_value"]}, "holder": "", "source": ""})
        asset = self.out.add("asset", unit, {"debtor": key, **rec})
        self.request(case, rec["kind"], found, found=True, asset=asset, requested=requested, holder=rec.get("holder"))
        return asset

    def request(self, case: _Case, kind: str, found_on: int, *, found: bool, asset: str | None = None,
                requested: int | None = None, holder: str | None = None) -> None:
        """Art. 44.6: the request to the body holding the information, its reply deadline (an account at once, else
        3 working days) and the reply."""
        key, unit = self.debtor_of[case.id]
        requested = requested if requested is not None else max(self.workday(found_on - 6), case.decided)
        due = requested if kind == "bank_account" else self.workday(requested + 3)
        body = holder or {"land": "Văn phòng đăng ký đất đai", "vehicle": "Phòng Cảnh sát giao thông",
                          "business_income": "Cơ quan thuế"}.get(kind, "Cơ quan đăng ký")
        rec = {"debtor": key, "case": case.id, "body": body, "asset_kind": kind, "requested_on": _iso(requested),
               "reply_due_on": _iso(due), "replied_on": _iso(max(requested, min(found_on, due))), "found": found}
        if asset:
            rec["asset"] = asset
        self.out.add("info_request", unit, rec)

    # -- measures ----------------------------------------------------------------------------------------------
    def measure(self, case: _Case, kind: str, on: int, events: list[tuple[str, int, dict]], *, asset: str | None,
                amount: int = 0) -> str:
        key, unit = self.debtor_of[case.id]
        holder = case.unit_at(on)
        self.decisions[holder] += 1
        rec: dict[str, Any] = {"case": case.id, "debtor": key, "kind": kind, "decided_on": _iso(on),
                               "decision_no": f"{self.decisions[holder]}/{self.suffixes.get(holder, 'QĐ-THADS')}"}
        if asset:
            rec["asset"] = asset
        if amount:
            rec["amount"] = amount
        rec["events"] = [{"kind": "decided", "on": _iso(on)}] + [{"kind": k, "on": _iso(o), **x} for k, o, x in events]
        return self.out.add("measure", unit, rec)

    def chain(self, ch: _Chain) -> None:
        """One chain of measures on ``ch.case`` from ``ch.start`` to the payment day ``ch.pay``."""
        c, wd = ch.case, self.workday
        span = ch.pay - ch.start
        paid = {"amount": ch.amount, "payment": ch.position}
        if ch.kind == "account":  # Arts. 67, 76: the account frozen, then the money deducted
            acct = self.asset(c, "bank_account", ch.start, value=ch.amount, status="exhausted")
            d1 = min(wd(ch.start + span // 5), ch.pay)
            d2 = min(wd(d1 + max(2, span // 3)), ch.pay)
            self.measure(c, "account_freeze", d1, [("executed", d1, {}), ("released", d2, {})], asset=acct,
                         amount=ch.amount)
            self.measure(c, "account_deduction", d2, [("executed", ch.pay, {}), ("collected", ch.pay, paid)],
                         asset=acct, amount=ch.amount)
        elif ch.kind == "income":  # Art. 78: at most 30 % of the monthly wage
            wage = -(-ch.amount * 10 // 3 // 100_000) * 100_000
            job = self.asset(c, "wage", ch.start, value=wage)
            d1 = min(wd(ch.start + span // 3), ch.pay)
            self.measure(c, "income_deduction", d1, [("executed", min(wd(d1 + 3), ch.pay), {}),
                                                     ("collected", ch.pay, paid)], asset=job, amount=ch.amount)
        else:
            self._distraint(ch, paid)

    def _distraint(self, ch: _Chain, paid: dict[str, int]) -> None:
        """Transfer ban, distraint carried out by a coercion plan (its cost charged), valuation, auction contract,
        two sessions (the second after a 10 % price reduction) sold — or unsold again and taken by the creditor."""
        c, rng = ch.case, self.rng
        sold = ch.kind == "sale"
        ban, distraint, executed, valued, signed, s1, s2 = distraint_days(ch.start, ch.pay, self.workday)  # type: ignore[misc]
        price = ch.amount
        first_price = -(-price * 10 // 9 // 1000) * 1000
        asset = self.asset(c, "land" if price >= 150_000_000 else "vehicle", ch.start, value=first_price,
                           status="sold" if sold else "taken_by_creditor")
        _, unit = self.debtor_of[c.id]
        self.measure(c, "transfer_ban", ban, [("executed", ban, {}), ("released", ch.pay, {})], asset=asset)
        measure = self.measure(c, "distraint", distraint, [("executed", executed, {}), ("collected", ch.pay, paid)],
                               asset=asset)
        plan = self.out.add("coercion_plan", unit, {
            "case": c.id, "measure": measure, "starts_at": f"{_iso(executed)}T08:00",
            "place": c.debtor[2] or "Nơi có tài sản", "mobilised_forces": True,
            "forces": "Công an, Ủy ban nhân dân cấp xã, đại diện tổ dân phố", "cost_estimate": 8_000_000,
            "status": "carried_out", "carried_out_on": _iso(executed), "result": "Đã kê biên tài sản"})
        self.out.add("cost", unit, {"case": c.id, "plan": plan, "kind": "charged", "on": _iso(executed),
                                    "amount": rng.randint(30, 80) * 100_000,
                                    "description": "Chi phí huy động lực lượng, thuê phương tiện"})
        self.out.add("valuation", unit, {"asset": asset, "measure": measure, "method": "appraised", "on": _iso(valued),
                                         "value": first_price, "appraiser": _APPRAISERS[rng.randrange(2)]})
        last: dict[str, Any] = {"held_on": _iso(s2), "starting_price": price, "reductions": 1,
                                "outcome": "sold" if sold else "unsold"}
        if sold:
            last.update({"sale_price": price, "buyer": _BUYERS[rng.randrange(len(_BUYERS))]})
        label = self.labels.get(c.unit, "")
        auction = self.out.add("auction", unit, {
            "asset": asset, "case": c.id, "measure": measure,
            "organisation": f"Trung tâm Dịch vụ đấu giá tài sản {label}".strip(),
            "contract_no": f"{rng.randint(1, 200)}/HĐDV", "signed_on": _iso(signed),
            "sessions": [{"held_on": _iso(s1), "starting_price": first_price, "outcome": "unsold"}, last]})
        creditor = c.creditor or ""
        self.out.add("disposal", unit, {
            "asset": asset, "case": c.id, "kind": "sold" if sold else "taken_by_creditor", "on": _iso(ch.pay),
            "value": price, "auction": auction, "session": 2,
            "to_whom": last.get("buyer", "") if sold else creditor or "Người được thi hành án",
            "details": {"basis": "47" if sold else "104.2"}})


def distraint_days(start: int, pay: int, workday: Callable[[int], int]) -> tuple[int, ...] | None:
    """The days of a distraint ending in a sale or a taking on ``pay``: transfer ban, distraint, its execution (a
    day a coercion with mobilised forces may be planned), valuation, contract, session 1, session 2 — or None when
    they do not fit before ``pay``."""
    step = max(1, (pay - start) // 9)
    ban = workday(start)
    distraint = workday(ban + step)
    executed = _plan_day(workday(distraint + step))
    days = [ban, distraint, executed]
    for _ in range(4):  # valuation, contract, session 1, session 2
        days.append(workday(days[-1] + step))
    return tuple(days) if days[-1] <= pay else None


def _candidates(cases: list[_Case], lo: int, hi: int) -> list[tuple[_Case, int, int, int, int]]:
    """(case, first day a coercive measure may be decided, payment day, position of its first payment event, the
    day's payments) for the payment days within [lo, hi] leaving at least 12 days after the voluntary period."""
    out = []
    lo_s, hi_s = _iso(lo), _iso(hi)
    for c in cases:
        for since, day_s, position, total in c.pays:
            if lo_s <= day_s <= hi_s:
                day = _ord(day_s)
                start = max(_ord(since) + 1, c.decided + VOLUNTARY_DAYS + 1, lo)
                if day - start >= 12:
                    out.append((c, start, day, position, total))
    return out


def records(collected: Collector, *, seed: int, size: int, workday: Callable[[int], int], labels: dict[str, str],
            suffixes: dict[str, str]) -> Iterator[dict]:
    """The whole demo of assets and measures over the cases ``collected`` (in generation order): the records
    of docs/interchange-assets.md, type after type."""
    rng = random.Random(seed * 1_000_003 + 15)
    summaries = collected.cases
    per = max(1, round(size / PER_CASES))
    used: set[str] = set()
    chains: list[_Chain] = []
    for year in last_complete_years(collected.today):
        lo, hi = date(year - 1, 10, 1).toordinal(), date(year, 9, 30).toordinal()
        found = _candidates(summaries, lo, hi)
        rng.shuffle(found)
        for kind in ("sale", "taken", "account", "income"):
            least = MIN_AMOUNT[kind]
            for floor in (least, 1):  # the larger payments first; any payment at a small size
                picked = sum(1 for ch in chains if ch.kind == kind and lo <= ch.pay <= hi)
                for c, start, day, position, total in found:
                    if picked >= per:
                        break
                    if c.id in used or total < floor or (kind == "taken" and not c.creditor):
                        continue
                    if kind in ("sale", "taken") and distraint_days(start, day, workday) is None:
                        continue
                    used.add(c.id)
                    chains.append(_Chain(kind, c, start, day, position, total))
                    picked += 1
    chosen = [c for c in summaries if c.id in used or (rng.random() < SHARE and c.verified is not None)]
    by_number: dict[str, list[_Case]] = defaultdict(list)
    for c in summaries:
        if c.debtor[1]:
            by_number[c.debtor[1]].append(c)
    builder = _Builder(rng, workday, labels, suffixes)
    for c in chosen:
        if c.id in builder.debtor_of:
            continue
        number = c.debtor[1]
        group = [o for o in by_number.get(number, [c]) if o.final_unit == c.final_unit] if number else [c]
        builder.register([o for o in group if o.id not in builder.debtor_of] or [c])
    for ch in chains:
        builder.chain(ch)
    for kind in TYPES:
        yield from builder.out.by_type[kind]
