"""Deterministic demo case history in the interchange format (``interchange.md`` §1), pure Python.

``generate(seed, today, size)`` yields the records of about six years of history of the demo province
(Thừa Thiên Huế, ``thads.demo.province``), from 1 January of ``today.year − 6`` (so that statistical year
``today.year − 5`` already has a carried-over pool) to ``today``: unit records (parents first), officer records, then
each case followed by its events in date order (cases in order of decision date). ``write_jsonl`` writes them as
JSON Lines exactly as ``json.dumps(record, ensure_ascii=False)`` prints them.

The history follows the 2008/2014 law (THADS.md §2.16) and the contract's transition table
(``states.CONTRACT_ALLOWED``): verification within weeks of the decision, "chưa có điều kiện" with re-verification
every 6 (or 12) months and the separate book after a year and two re-verifications, payments until nothing is
outstanding before ``completed``, reductions only on state-budget obligations, postponement, suspension,
termination, entrustment and revocation. On 01/07/2025 every open case of a district branch is ``moved`` to the
regional office that succeeds it and ``reassigned`` to one of its officers; branches decide nothing after
30/06/2025 and regional offices nothing before 01/07/2025. The mix is tuned so that the statistical years
2021–2025 give completion rates close to the real department's (≈ 84 % of cases, 40–50 % of money,
THADS.md §5; ``interchange.md`` §2 formulas).

Determinism: one ``random.Random(seed)``, no clock, no global state; the same arguments give the same records.
``provinces=N`` adds N − 1 synthetic provinces (about 15 units each, the same reorganisation) for benchmarks.
"""

from __future__ import annotations

import bisect
import json
import math
import random
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

from thads.demo import assets as demo_assets
from thads.demo import names as nm
from thads.demo import province as hue
from thads.domain.states import CONTRACT_ALLOWED, FINAL_STATES, EventKind, State, contract_target

__all__ = ["generate", "write_jsonl"]

# ---------------------------------------------------------------------------------------------------------------
# Contract vocabulary as plain strings (hot loop: no enum look-ups).

_ALLOWED: dict[str, frozenset[str]] = {s.value: frozenset(k.value for k in ks) for s, ks in CONTRACT_ALLOWED.items()}
_NEXT: dict[tuple[str, str], str] = {
    (s.value, k.value): contract_target(s, k).value for s in State for k in CONTRACT_ALLOWED[s]
}
_FINAL = frozenset(s.value for s in FINAL_STATES)

DECIDED = State.DECIDED.value
VA = EventKind.VERIFIED_ABLE.value
CU = EventKind.CLASSIFIED_UNABLE.value
PO = EventKind.POSTPONED.value
SU = EventKind.SUSPENDED.value
RE = EventKind.RESUMED.value
SB = EventKind.SEPARATE_BOOK.value
PA = EventKind.PAYMENT.value
RD = EventKind.REDUCED.value
TE = EventKind.TERMINATED.value
CO = EventKind.COMPLETED.value
EN = EventKind.ENTRUSTED_OUT.value
RV = EventKind.REVOKED.value
MV = EventKind.MOVED.value
RA = EventKind.REASSIGNED.value

_JK_CODE = {"dan_su": "DS", "hinh_su": "HS", "hon_nhan_gia_dinh": "HNGĐ", "kinh_doanh_thuong_mai": "KDTM",
            "lao_dong": "LĐ", "hanh_chinh": "HC"}

# Case mix. (judgment_kind, weight) by initiation; the province's own cases lean to big commercial and criminal ones.
_JK_CHU_DONG = (("hinh_su", 46), ("dan_su", 34), ("hon_nhan_gia_dinh", 8), ("kinh_doanh_thuong_mai", 7),
                ("lao_dong", 2), ("hanh_chinh", 3))
_JK_THEO_DON = (("dan_su", 64), ("hon_nhan_gia_dinh", 12), ("hinh_su", 12), ("kinh_doanh_thuong_mai", 7),
                ("lao_dong", 3), ("hanh_chinh", 2))
_JK_ROOT_CHU_DONG = (("hinh_su", 55), ("dan_su", 15), ("kinh_doanh_thuong_mai", 25), ("hanh_chinh", 5))
_JK_ROOT_THEO_DON = (("dan_su", 35), ("kinh_doanh_thuong_mai", 40), ("hinh_su", 15), ("lao_dong", 5),
                     ("hanh_chinh", 5))
P_CHU_DONG = 0.30
ROOT_SHARE = 0.10

# --- Life-cycle parameters (tuned on the 2021–2025 statistical years; see tests/test_demo_generator.py). ---
P_EARLY_REVOKE = 0.005
P_EARLY_ENTRUST = 0.012
P_EARLY_POSTPONE = 0.012
P_REASSIGN = 0.04
P_OVERDUE = 0.06  # verification later than the statutory weeks
# Enforcement outcome after verification: complete / unable after partial payments / terminate / entrust / revoke.
P_OUT_UNABLE = 0.12
P_OUT_TERMINATE = 0.10
P_OUT_ENTRUST = 0.008
P_OUT_REVOKE = 0.003
P_INTERLUDE = 0.10  # a postponement or suspension during enforcement
P_RELIEF = 0.02  # an exemption or reduction of a state-budget item before completion
# Not-yet-able: per 6-month re-verification.
P_RECOVER = 0.06
P_UNABLE_TERMINATE = 0.018
P_SEPARATE_BOOK = 0.7
P_SB_RESUME = 0.12  # ever resumed from the separate book
P_SB_TERMINATE = 0.06

# Postponement grounds (Art. 48); "48.1.c" (the parties' agreement) needs a creditor, so only on-request cases.
_POSTPONE_GROUNDS = (("48.1.c", 46), ("48.1.a", 18), ("48.1.d", 12), ("48.1.đ", 7), ("48.1.b", 6), ("48.2", 5),
                     ("48.1.e", 3), ("48.1.h", 2), ("48.1.g", 1))


class _Rng(random.Random):
    """``random.Random`` with cheaper ``randint``/``choice``: one ``random()`` call each (deterministic per seed, but
    not the stream the base class would give)."""

    def randint(self, a: int, b: int) -> int:  # type: ignore[override]
        return a + int(self.random() * (b - a + 1))

    def choice(self, seq: Any) -> Any:  # type: ignore[override]
        return seq[int(self.random() * len(seq))]

    def below(self, n: int) -> int:
        return int(self.random() * n)


def _cum(pairs: tuple[tuple[str, int], ...]) -> tuple[list[str], list[float]]:
    keys = [k for k, _ in pairs]
    acc, cw = 0.0, []
    for _, w in pairs:
        acc += w
        cw.append(acc)
    return keys, cw


def _pick(rng: random.Random, table: tuple[list[str], list[float]]) -> str:
    keys, cw = table
    return keys[bisect.bisect_right(cw, rng.random() * cw[-1])]


_T_JK_CD = _cum(_JK_CHU_DONG)
_T_JK_TD = _cum(_JK_THEO_DON)
_T_JK_RCD = _cum(_JK_ROOT_CHU_DONG)
_T_JK_RTD = _cum(_JK_ROOT_THEO_DON)
_T_POSTPONE = _cum(_POSTPONE_GROUNDS)
_T_POSTPONE_CD = _cum(tuple(g for g in _POSTPONE_GROUNDS if g[0] != "48.1.c"))
_T_SURNAME = _cum(nm.SURNAMES)


# ---------------------------------------------------------------------------------------------------------------
# Calendar: days are integer offsets from ``base``; decisions and acts fall on working days.

_TET = {2010: (2, 14), 2011: (2, 3), 2012: (1, 23), 2013: (2, 10), 2014: (1, 31), 2015: (2, 19), 2016: (2, 8),
        2017: (1, 28), 2018: (2, 16), 2019: (2, 5), 2020: (1, 25), 2021: (2, 12), 2022: (2, 1), 2023: (1, 22),
        2024: (2, 10), 2025: (1, 29), 2026: (2, 17), 2027: (2, 6), 2028: (1, 26), 2029: (2, 13), 2030: (2, 3),
        2031: (1, 23), 2032: (2, 11), 2033: (1, 31), 2034: (2, 19), 2035: (2, 8)}


class _Calendar:
    """Date strings and next-working-day table for offsets ``0 .. n`` (offset 0 = ``base``)."""

    def __init__(self, base: date, end: date) -> None:
        self.base = base.toordinal()
        n = end.toordinal() - self.base + 1
        holidays: set[int] = set()
        for y in range(base.year, end.year + 1):
            for m, d in ((1, 1), (4, 30), (5, 1), (9, 1), (9, 2)):
                holidays.add(date(y, m, d).toordinal())
            if y in _TET:
                t = date(y, *_TET[y]).toordinal()
                holidays.update(range(t - 2, t + 5))
        self.ds: list[str] = []
        self.year: list[int] = []
        work = [False] * n
        for i in range(n):
            o = self.base + i
            d = date.fromordinal(o)
            self.ds.append(d.isoformat())
            self.year.append(d.year)
            work[i] = d.weekday() < 5 and o not in holidays
        self.work = work
        nwd = [0] * n
        nxt = n - 1
        for i in range(n - 1, -1, -1):
            if work[i]:
                nxt = i
            nwd[i] = nxt
        self.nwd = nwd
        self.n = n

    def off(self, d: date) -> int:
        return d.toordinal() - self.base


# ---------------------------------------------------------------------------------------------------------------
# Organisation.


@dataclass(slots=True)
class _Unit:
    code: str
    name: str
    parent: str | None
    level: str  # "province" | "district" | "regional"
    suffix: str  # decision number suffix
    valid_from: date | None = None
    valid_to: date | None = None
    weight: float = 1.0
    officers: list[str] = field(default_factory=list)
    officer_names: list[str] = field(default_factory=list)
    places: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (district label, communes)
    courts_before: list[str] = field(default_factory=list)  # first-instance courts before the reorganisation
    court_after: str = ""  # first-instance court from 01/07/2025
    successor: str | None = None
    seq: dict[int, int] = field(default_factory=dict)
    recent: deque = field(default_factory=lambda: deque(maxlen=24))  # recent on-request cases (án phí links)


@dataclass(slots=True)
class _Province:
    root: _Unit
    branches: list[_Unit]
    offices: list[_Unit]
    label: str  # "tỉnh Thừa Thiên Huế"
    short_label: str  # "Thừa Thiên Huế"
    id_code: str
    other_id_codes: tuple[str, ...]
    weight: float
    high_court: str
    court_before_2025: str
    court_from_2025: str
    entrust_before: tuple[str, ...]
    entrust_after: tuple[str, ...]
    before: tuple[list[_Unit], list[float]] = field(default_factory=lambda: ([], []))
    after: tuple[list[_Unit], list[float]] = field(default_factory=lambda: ([], []))


def _person(rng: _Rng, female: bool | None = None) -> tuple[str, bool]:
    if female is None:
        female = rng.random() < 0.35
    sur = _pick(rng, _T_SURNAME)
    if female:
        given = rng.choice(nm.FEMALE_GIVEN)
        mid = rng.choice(nm.FEMALE_MIDDLE)
        if sur == "Tôn Thất":
            return f"{nm.ROYAL_FEMALE} {mid} {given}", True
    else:
        given = rng.choice(nm.MALE_GIVEN)
        mid = rng.choice(nm.MALE_MIDDLE)
    return f"{sur} {mid} {given}", female


def _staff(rng: _Rng, unit: _Unit, prefix: str, n: int, names: list[str] | None = None) -> None:
    for i in range(1, n + 1):
        unit.officers.append(f"{prefix}-CHV-{i:02d}")
        unit.officer_names.append(names[i - 1] if names else _person(rng)[0])


def _staff_offices(rng: _Rng, prov: _Province, short: bool) -> None:
    """Regional-office officers: mostly the predecessors' officers under new codes, plus a few new ones."""
    for off in prov.offices:
        pool = [n for b in prov.branches if b.successor == off.code for n in b.officer_names]
        n = max(5, min(8, round(off.weight * 2.0 + 4)))
        rng.shuffle(pool)
        chosen = pool[: n - 1] + [_person(rng)[0]]
        prefix = off.code.split("-", 1)[1] if short else off.code
        _staff(rng, off, prefix, len(chosen), chosen)


def _hue_province(rng: _Rng) -> _Province:
    sizes = {"HUE-TP": 3.0, "HUE-HT": 1.0, "HUE-HTR": 0.9, "HUE-PD": 0.8, "HUE-QD": 0.7, "HUE-PV": 1.2,
             "HUE-PL": 1.1, "HUE-AL": 0.4, "HUE-ND": 0.3}
    root: _Unit | None = None
    branches: list[_Unit] = []
    offices: list[_Unit] = []
    for row in hue.units():
        code = row["code"]
        if row["level"] == "province":
            root = _Unit(code, row["name"], None, "province", "QĐ-CTHADS")
        elif row["level"] == "district":
            label, communes = nm.HUE_PLACES[code]
            court = "TAND " + label
            branches.append(_Unit(code, row["name"], row["parent"], "district", "QĐ-CCTHADS",
                                  row["valid_from"], row["valid_to"], sizes.get(code, 1.0),
                                  places=[(label, communes)], courts_before=[court],
                                  successor=hue.SUCCESSOR[code]))
        else:
            offices.append(_Unit(code, row["name"], row["parent"], "regional", "QĐ-PTHADS", row["valid_from"],
                                 row["valid_to"], court_after=nm.HUE_REGIONAL_COURTS.get(code, "")))
    assert root is not None
    root.places = [p for b in branches for p in b.places]
    prov = _Province(root, branches, offices, "tỉnh Thừa Thiên Huế", "Thừa Thiên Huế", nm.HUE_ID_CODE,
                     nm.HUE_NEIGHBOUR_ID_CODES, 1.0, "TAND cấp cao tại Đà Nẵng", "TAND tỉnh Thừa Thiên Huế",
                     "TAND thành phố Huế", nm.ENTRUST_BEFORE, nm.ENTRUST_AFTER)
    for b in branches:
        _staff(rng, b, b.code.split("-", 1)[1], max(4, min(8, round(b.weight * 2 + 3))))
    _staff(rng, root, "HUE", 7)
    _finish_province(rng, prov, True)
    return prov


def _synthetic_province(rng: _Rng, k: int) -> _Province:
    """Province number ``k`` (2, 3, …) for benchmarks: a root, 8–12 branches, 3–5 regional offices."""
    others = [p for p in nm.PROVINCES if p[3] != nm.HUE_ID_CODE]
    if k - 2 < len(others):
        pcode, pname, is_city, id_code = others[k - 2]
    else:
        pcode, pname, is_city, id_code = f"T{k:03d}", f"Thử nghiệm {k}", False, f"{(k * 7) % 97:03d}"
    kind = "thành phố" if is_city else "tỉnh"
    label = f"{kind} {pname}"
    root = _Unit(pcode, f"Cục Thi hành án dân sự {label}", None, "province", "QĐ-CTHADS")
    n_b = rng.randint(8, 12)
    n_o = max(3, min(5, round(n_b / 2.5)))
    districts = rng.sample(nm.DISTRICT_NAMES, n_b)
    branches, offices = [], []
    for j in range(1, n_o + 1):
        offices.append(_Unit(f"{pcode}-KV{j}", f"Phòng Thi hành án dân sự khu vực {j} - {pname}", pcode, "regional",
                             "QĐ-PTHADS", hue.REORG_DAY, None, 0.0,
                             court_after=f"TAND khu vực {j} - {pname}"))
    for j, dname in enumerate(districts, 1):
        dl = ("quận " if is_city and j <= 3 else "huyện ") + dname
        communes = tuple(("phường " if dl.startswith("quận") else "xã ") + c
                         for c in rng.sample(nm.COMMUNE_NAMES, 8))
        succ = offices[(j - 1) * n_o // n_b]
        b = _Unit(f"{pcode}-D{j:02d}", f"Chi cục Thi hành án dân sự {dl}", pcode, "district", "QĐ-CCTHADS",
                  None, hue.DISSOLVED_ON, round(rng.uniform(0.4, 2.5), 2), places=[(dl, communes)],
                  courts_before=["TAND " + dl], successor=succ.code)
        branches.append(b)
        _staff(rng, b, b.code, max(4, min(8, round(b.weight * 2 + 3))))
    root.places = [p for b in branches for p in b.places]
    _staff(rng, root, pcode, 6)
    high = ("TAND cấp cao tại Hà Nội" if id_code < "040" else
            "TAND cấp cao tại Đà Nẵng" if id_code < "070" else "TAND cấp cao tại Thành phố Hồ Chí Minh")
    entrust_b = tuple(e for e in nm.ENTRUST_BEFORE if pname not in e) or nm.ENTRUST_BEFORE
    entrust_a = tuple(e for e in nm.ENTRUST_AFTER if pname not in e) or nm.ENTRUST_AFTER
    prov = _Province(root, branches, offices, label, pname, id_code, nm.HUE_NEIGHBOUR_ID_CODES,
                     round(rng.uniform(0.6, 2.0) * (2.0 if is_city else 1.0), 2), high, f"TAND {label}",
                     f"TAND {label}", entrust_b, entrust_a)
    _finish_province(rng, prov, False)
    return prov


def _finish_province(rng: _Rng, prov: _Province, short: bool) -> None:
    by_code = {o.code: o for o in prov.offices}
    for b in prov.branches:
        off = by_code[b.successor] if b.successor else None
        if off is not None:
            off.weight += b.weight
            off.places.extend(b.places)
            off.courts_before.extend(b.courts_before)
    _staff_offices(rng, prov, short)
    total_b = sum(b.weight for b in prov.branches) or 1.0
    root_w = total_b * ROOT_SHARE / (1 - ROOT_SHARE)
    prov.root.weight = root_w

    def table(units: list[_Unit]) -> tuple[list[_Unit], list[float]]:
        acc, cw = 0.0, []
        for u in units:
            acc += u.weight
            cw.append(acc)
        return units, cw

    prov.before = table([prov.root, *prov.branches])
    prov.after = table([prov.root, *prov.offices]) if prov.offices else prov.before


# ---------------------------------------------------------------------------------------------------------------
# Money.


def _money(rng: _Rng, median: float, sigma: float, lo: int, hi: int) -> int:
    x = median * math.exp(sigma * rng.gauss(0.0, 1.0))
    x = lo if x < lo else hi if x > hi else x
    if x >= 50_000_000:
        step = 1_000_000 if rng.random() < 0.6 else 1000
    elif x >= 2_000_000:
        step = 100_000 if rng.random() < 0.6 else 1000
    else:
        step = 1000
    return max(1000, int(x // step) * step)


def _court_fee(principal: int) -> int:
    """Án phí dân sự sơ thẩm có giá ngạch (NQ 326/2016/UBTVQH14 schedule), rounded to 1,000 VND."""
    p = principal
    if p <= 6_000_000:
        fee = 300_000
    elif p <= 400_000_000:
        fee = p * 0.05
    elif p <= 800_000_000:
        fee = 20_000_000 + (p - 400_000_000) * 0.04
    elif p <= 2_000_000_000:
        fee = 36_000_000 + (p - 800_000_000) * 0.03
    elif p <= 4_000_000_000:
        fee = 72_000_000 + (p - 2_000_000_000) * 0.02
    else:
        fee = 112_000_000 + (p - 4_000_000_000) * 0.001
    return int(fee // 1000) * 1000


def _principal(rng: _Rng, jk: str, big: float) -> int:
    if jk == "kinh_doanh_thuong_mai":
        return _money(rng, 700_000_000 * big, 1.0, 30_000_000, 25_000_000_000)
    return _money(rng, 60_000_000 * big, 1.3, 5_000_000, 8_000_000_000)


# ---------------------------------------------------------------------------------------------------------------
# One case's life: events appended to ``self.out`` (after the case record), state replayed as we go.


class _Sim:
    __slots__ = ("rng", "cal", "today", "out", "cid", "state", "last", "stopped", "ob_ids", "ob_out", "ob_state",
                 "unit", "officer", "move_at", "reassign_at", "prov", "units", "chu_dong")

    def __init__(self, rng: _Rng, cal: _Calendar, today: int, units: dict[str, _Unit]) -> None:
        self.rng = rng
        self.cal = cal
        self.today = today
        self.units = units
        self.out: list[dict[str, Any]] = []

    # -- primitives ------------------------------------------------------------------------------------------
    def ev(self, day: int, kind: str, extra: dict[str, Any] | None = None) -> bool:
        """Append one event (pushed forward to a working day, never before the previous one); False once past today."""
        if self.stopped:
            return False
        if day < self.last:
            day = self.last
        cal = self.cal
        if day < cal.n:
            day = cal.nwd[day]
        if day > self.today:
            self.stopped = True
            return False
        state = self.state
        if day >= self.move_at and state not in _FINAL:
            self._move()
        if day >= self.reassign_at and state not in _FINAL:
            self.reassign_at = 1 << 30
            u = self.units[self.unit]
            if len(u.officers) > 1:
                other = self.rng.choice([o for o in u.officers if o != self.officer])
                self.officer = other
                self.out.append({"type": "event", "case": self.cid, "on": cal.ds[day], "kind": RA, "officer": other})
        if kind not in _ALLOWED[state]:  # a generator bug, never data
            raise AssertionError(f"{self.cid}: {kind} not allowed in {state}")
        rec = {"type": "event", "case": self.cid, "on": cal.ds[day], "kind": kind}
        if extra:
            rec.update(extra)
        self.out.append(rec)
        self.state = _NEXT[(state, kind)]
        self.last = day
        return True

    def _move(self) -> None:
        day = self.move_at
        self.move_at = 1 << 30
        old = self.units[self.unit]
        new = self.units[old.successor]  # type: ignore[index]
        ds = self.cal.ds[day]
        self.out.append({"type": "event", "case": self.cid, "on": ds, "kind": MV, "unit": new.code})
        # The same person keeps the case where they joined the new office, else a colleague there takes it.
        name = old.officer_names[old.officers.index(self.officer)]
        try:
            officer = new.officers[new.officer_names.index(name)]
        except ValueError:
            officer = self.rng.choice(new.officers)
        self.out.append({"type": "event", "case": self.cid, "on": ds, "kind": RA, "officer": officer})
        self.unit, self.officer = new.code, officer
        if day > self.last:
            self.last = day

    def finish(self) -> None:
        if self.move_at <= self.today and self.state not in _FINAL:
            self._move()

    def total(self) -> int:
        return sum(self.ob_out)

    def pay(self, day: int, amount: int) -> bool:
        """Collect ``amount`` (≤ outstanding), person and agency obligations first, then the state's."""
        for i, o in enumerate(self.ob_out):
            if amount <= 0:
                break
            if o <= 0:
                continue
            a = o if amount >= o else amount
            if not self.ev(day, PA, {"obligation": self.ob_ids[i], "amount": a}):
                return False
            self.ob_out[i] = o - a
            amount -= a
        return True

    def pay_part(self, day: int, lo: float, hi: float) -> bool:
        tot = self.total()
        if tot <= 1000:
            return True
        a = int(tot * self.rng.uniform(lo, hi) // 1000) * 1000
        return self.pay(day, min(max(a, 1000), tot - 1000))

    def complete(self, day: int) -> bool:
        return self.pay(day, self.total()) and self.ev(day, CO)

    def entrust_to(self, day: int) -> dict[str, Any]:
        prov = self.prov
        pool = prov.entrust_before if day < self.cal.off(hue.REORG_DAY) else prov.entrust_after
        return {"to": pool[min(int(self.rng.expovariate(0.35)), len(pool) - 1)]}

    def _duration(self, tot: int) -> float:
        if tot < 5_000_000:
            m = 10.0
        elif tot < 50_000_000:
            m = 16.0
        elif tot < 1_000_000_000:
            m = 32.0
        elif tot < 5_000_000_000:
            m = 370.0
        else:
            m = 950.0
        return m * math.exp(0.7 * self.rng.gauss(0.0, 1.0))

    # -- life ------------------------------------------------------------------------------------------------
    def run(self, d0: int) -> None:
        rng = self.rng
        tot = self.total()
        r = rng.random()
        if r < P_EARLY_REVOKE:
            self.ev(d0 + rng.randint(5, 60), RV)
            return self.finish()
        r -= P_EARLY_REVOKE
        if r < P_EARLY_ENTRUST * (0.5 if self.chu_dong else 1.3):
            d = d0 + rng.randint(7, 45)
            self.ev(d, EN, self.entrust_to(d))
            return self.finish()
        # Voluntary period (10 days from notification): full payment, most often of small state-budget sums.
        if tot > 0:
            if self.chu_dong:
                pv = 0.50 if tot < 5_000_000 else 0.28 if tot < 50_000_000 else 0.07
            else:
                pv = 0.25 if tot < 50_000_000 else 0.05
            if rng.random() < pv:
                self.complete(d0 + rng.randint(5, 24))
                return self.finish()
        if rng.random() < P_EARLY_POSTPONE:  # e.g. a 48.2 request or illness before any verification
            d = d0 + rng.randint(5, 30)
            if not self._interlude(d, early=True):
                return self.finish()
            d0 = self.last
        # Verification within weeks (some late: overdue in the current months).
        d = d0 + (rng.randint(10, 24) if rng.random() >= P_OVERDUE else rng.randint(30, 120))
        if tot == 0:
            p_able = 0.72
        elif self.chu_dong:
            p_able = 0.78 if tot < 50_000_000 else 0.65
        else:
            p_able = 0.75 if tot < 500_000_000 else 0.62
        if rng.random() < p_able:
            if self.ev(d, VA):
                self._enforce(d)
        else:
            ground = self._unable_ground()
            if self.ev(d, CU, {"ground": ground}):
                self._unable(d, ground)
        self.finish()

    def _unable_ground(self) -> str:
        r = self.rng.random()
        if self.total() == 0 and r < 0.4:
            return "44a.1.b"
        return "44a.1.c" if r > 0.86 else "44a.1.a"

    def _enforce(self, day: int, recovered: bool = False) -> None:
        rng = self.rng
        tot = self.total()
        T = self._duration(tot)
        if recovered:
            T *= 0.6
        r = rng.random()
        p_unable = P_OUT_UNABLE * (1.6 if recovered else 1.0)
        if r < p_unable:
            outcome = 1
        elif r < p_unable + P_OUT_TERMINATE:
            outcome = 2
        elif r < p_unable + P_OUT_TERMINATE + P_OUT_ENTRUST:
            outcome = 3
        elif r < p_unable + P_OUT_TERMINATE + P_OUT_ENTRUST + P_OUT_REVOKE:
            outcome = 4
        else:
            outcome = 0
        if tot == 0:
            npay = 0
        elif outcome == 0:
            npay = (rng.randint(0, 1) if tot < 20_000_000 else rng.randint(1, 3) if tot < 500_000_000
                    else rng.randint(2, 6))
        else:
            npay = rng.choice((0, 0, 1, 1, 2))
        interlude = rng.below(npay + 1) if rng.random() < P_INTERLUDE else -1
        step = T / (npay + 1)
        d = day
        for i in range(npay + 1):
            d = d + max(3, int(step * rng.uniform(0.5, 1.5)))
            if i == interlude:
                if not self._interlude(d):
                    return
                d = self.last
            if i < npay and not self.pay_part(d, *((0.15, 0.6) if tot < 500_000_000 else (0.03, 0.2))):
                return
            d = max(d, self.last)
        if outcome == 0:
            if rng.random() < P_RELIEF and self._state_obligations():
                d = self._relief(d)
                if d < 0:
                    return
            self.complete(d)
        elif outcome == 1:
            ground = "44a.1.c" if rng.random() < 0.12 else "44a.1.a"
            if self.ev(d, CU, {"ground": ground}):
                self._unable(d, ground)
        elif outcome == 2:
            self.ev(d, TE, {"ground": self._term_ground()})
        elif outcome == 3:
            self.ev(d, EN, self.entrust_to(d))
        else:
            self.ev(d, RV)

    def _term_ground(self) -> str:
        r = self.rng.random()
        if self.chu_dong:
            return "50.1.a" if r < 0.5 else "50.1.e" if r < 0.75 else "50.1.d"
        return ("50.1.c" if r < 0.72 else "50.1.a" if r < 0.82 else "50.1.đ" if r < 0.89 else
                "50.1.d" if r < 0.96 else "50.1.b")

    def _state_obligations(self) -> list[int]:
        return [i for i, b in enumerate(self.ob_state) if b and self.ob_out[i] > 0]

    def _relief(self, day: int) -> int:
        """Miễn, giảm (Arts. 61–64) of a state-budget item: a small rest is exempted, a larger one reduced by at
        most ¼; the other items are paid some weeks later. Returns the day to go on from, −1 once past today."""
        i = self._state_obligations()[-1]
        o = self.ob_out[i]
        a = o if o <= 10_000_000 else min(50_000_000, int(o * self.rng.uniform(0.1, 0.25) // 1000) * 1000)
        if a <= 0:
            return day
        if not self.ev(day, RD, {"obligation": self.ob_ids[i], "amount": a}):
            return -1
        self.ob_out[i] -= a
        return self.last + (self.rng.randint(10, 45) if self.total() else 0)

    def _interlude(self, d: int, early: bool = False) -> bool:
        """A postponement or a suspension, then resumed; False if the case ended or ``today`` came first."""
        rng = self.rng
        if early or rng.random() < 0.8:
            g = ("48.2" if early and rng.random() < 0.4 else
                 _pick(rng, _T_POSTPONE_CD if self.chu_dong else _T_POSTPONE))
            if g == "48.1.c":
                dur = rng.randint(60, 240)
            elif g == "48.2":
                dur = rng.randint(20, 90)
            elif g in ("48.1.a", "48.1.b", "48.1.d"):
                dur = rng.randint(60, 360)
            else:
                dur = rng.randint(30, 180)
            if not self.ev(d, PO, {"ground": g}):
                return False
            if g == "48.1.c" and self.total() > 0 and rng.random() < 0.6:  # instalments under the agreement
                if not self.pay_part(d + dur // 2, 0.2, 0.5):
                    return False
            end = d + dur
            if g == "48.1.a" and rng.random() < 0.08:
                self.ev(end, TE, {"ground": "50.1.a"})
                return False
            if g == "48.1.c" and rng.random() < 0.1:
                self.ev(end, TE, {"ground": "50.1.c"})
                return False
        else:
            g = "49.1" if rng.random() < 0.7 else "49.2"
            if not self.ev(d, SU, {"ground": g}):
                return False
            end = d + (rng.randint(90, 360) if g == "49.1" else rng.randint(120, 540))
            if rng.random() < (0.2 if g == "49.1" else 0.6):
                self.ev(end, TE, {"ground": "50.1.d" if g == "49.1" else "50.1.g"})
                return False
        return self.ev(end, RE)

    def _unable(self, d: int, ground: str) -> None:
        """Chưa có điều kiện: re-verified every 6 (12) months until recovery, termination or the separate book."""
        rng = self.rng
        first = d = self.last  # the actual date of the "chưa có điều kiện" decision
        period = 365 if ground == "44a.1.c" else 182
        min_age = 730 if ground == "44a.1.c" else 365
        nrev = 0
        while True:
            d = d + period + rng.randint(-25, 10)
            if d > self.today:
                return
            r = rng.random()
            if r < P_RECOVER:
                if self.ev(d, VA):
                    self._enforce(d, recovered=True)
                return
            r -= P_RECOVER
            if r < P_UNABLE_TERMINATE:
                self.ev(d, TE, {"ground": "50.1.a" if self.chu_dong or rng.random() < 0.5 else "50.1.c"})
                return
            idx = self._state_obligations()
            if idx and d - first > 700 and rng.random() < 0.06:
                i = idx[0]
                o = self.ob_out[i]
                if o < 5_000_000 and len(idx) == 1 and self.total() == o:  # miễn: exemption, then Art. 50.1.e
                    if self.ev(d, RD, {"obligation": self.ob_ids[i], "amount": o}):
                        self.ob_out[i] = 0
                        self.ev(d, TE, {"ground": "50.1.e"})
                    return
                a = min(50_000_000, int(o * rng.uniform(0.15, 0.25) // 1000) * 1000)  # giảm: ≤ ¼, ≤ 50 million
                if a > 0:
                    if not self.ev(d, RD, {"obligation": self.ob_ids[i], "amount": a}):
                        return
                    self.ob_out[i] -= a
            if not self.ev(d, CU, {"ground": ground}):
                return
            d = self.last
            nrev += 1
            if nrev >= 2 and d - first >= min_age and rng.random() < P_SEPARATE_BOOK:
                d += rng.randint(1, 5)
                if self.ev(d, SB):
                    self._separate_book(d)
                return

    def _separate_book(self, d: int) -> None:
        rng = self.rng
        r = rng.random()
        if r < P_SB_RESUME:
            d += int(rng.expovariate(1 / 600)) + 30
            if self.ev(d, RE):
                self._enforce(d, recovered=True)
        elif r < P_SB_RESUME + P_SB_TERMINATE:
            self.ev(d + int(rng.expovariate(1 / 700)) + 30, TE, {"ground": "50.1.a"})


# ---------------------------------------------------------------------------------------------------------------
# Case records.


class _Cases:
    """Builds case records (parties, judgment, obligations) for one generator run."""

    def __init__(self, rng: _Rng, cal: _Calendar, reorg: int) -> None:
        self.rng = rng
        self.cal = cal
        self.reorg = reorg
        self.y2025 = cal.off(date(2025, 1, 1))
        self.people = [_person(rng) for _ in range(6000)]  # distinct enough; namesakes are common in Vietnam
        self.addresses: dict[str, list[str]] = {}

    def _address(self, unit: _Unit) -> str:
        rng = self.rng
        label, communes = rng.choice(unit.places)
        commune = rng.choice(communes)
        r = rng.random()
        if r < 0.3:
            return f"{commune}, {label}"
        if commune.startswith("xã"):
            return f"thôn {rng.randint(1, 12)}, {commune}, {label}"
        if r < 0.7 and label.startswith(("thành phố", "quận")):
            return f"{rng.randint(1, 200)} {rng.choice(nm.STREETS)}, {commune}, {label}"
        return f"tổ dân phố {rng.randint(1, 15)}, {commune}, {label}"

    def address(self, unit: _Unit) -> str:
        """An address in the unit's area, from a pool of a few hundred per unit (speed; repeats are realistic)."""
        pool = self.addresses.get(unit.code)
        if pool is None:
            pool = self.addresses[unit.code] = [self._address(unit) for _ in range(400)]
        return pool[int(self.rng.random() * 400)]

    def person(self) -> tuple[str, bool]:
        people = self.people
        return people[int(self.rng.random() * len(people))]

    def debtor(self, prov: _Province, unit: _Unit, company: bool) -> dict[str, str]:
        rng = self.rng
        if company:
            label, communes = rng.choice(unit.places)
            name = (f"{rng.choice(nm.COMPANY_FORMS)} {rng.choice(nm.COMPANY_TRADES)} "
                    f"{rng.choice(nm.COMPANY_BRANDS)}")
            id_number = f"33{rng.below(100_000_000):08d}"  # tax code (mã số thuế), 10 digits
            address = (f"{rng.randint(1, 250)} {rng.choice(nm.STREETS)}, {rng.choice(communes)}, {label}"
                       if label.startswith(("thành phố", "quận")) else f"{rng.choice(communes)}, {label}")
            return {"name": name, "id_number": id_number, "address": address}
        name, female = self.person()
        born = rng.randint(1950, 2004)
        code = prov.id_code if rng.random() < 0.88 else rng.choice(prov.other_id_codes)
        sexd = (0 if born < 2000 else 2) + (1 if female else 0)
        id_number = f"{code}{sexd}{born % 100:02d}{rng.below(1_000_000):06d}"
        return {"name": name, "id_number": id_number, "address": self.address(unit)}

    def creditor_org(self, prov: _Province, unit: _Unit) -> str:
        rng = self.rng
        if rng.random() < 0.75:
            t = rng.choice(nm.BANKS)
            place = rng.choice(unit.places)[1]
            return t.format(p=prov.short_label, c=rng.choice(place).split(" ", 1)[1])
        return f"{rng.choice(nm.COMPANY_FORMS)} {rng.choice(nm.COMPANY_TRADES)} {rng.choice(nm.COMPANY_BRANDS)}"

    def judgment(self, prov: _Province, unit: _Unit, jk: str, d0: int, theo_don: bool) -> dict[str, str]:
        rng = self.rng
        lag = rng.randint(25, 80) if not theo_don else min(1700, int(rng.expovariate(1 / 150)) + 20)
        jd = d0 - lag
        cal = self.cal
        if 0 <= jd < cal.n:
            jd = cal.nwd[jd]
            if jd >= d0:
                jd = d0 - 1
        year = cal.year[jd] if 0 <= jd < cal.n else date.fromordinal(cal.base + jd).year
        appeal = rng.random() < (0.3 if unit.level == "province" else 0.18)
        if unit.level == "province":
            court = prov.high_court if appeal else (prov.court_before_2025 if jd < self.y2025 else
                                                    prov.court_from_2025)
        elif appeal:
            court = prov.court_before_2025 if jd < self.y2025 else prov.court_from_2025
        elif jd >= self.reorg and unit.court_after:
            court = unit.court_after
        else:
            court = rng.choice(unit.courts_before)
        code = _JK_CODE.get(jk, "DS")
        if theo_don and not appeal and jk in ("dan_su", "hon_nhan_gia_dinh", "kinh_doanh_thuong_mai") \
                and rng.random() < 0.25:
            number = f"{rng.randint(1, 400)}/{year}/QĐST-{code}"  # decision recognising the parties' agreement
        else:
            number = f"{rng.randint(1, 300 if not appeal else 120)}/{year}/{code}-{'PT' if appeal else 'ST'}"
        ds = self.cal.ds[jd] if 0 <= jd < self.cal.n else date.fromordinal(self.cal.base + jd).isoformat()
        return {"court": court, "number": number, "date": ds}

    def obligations(self, jk: str, chu_dong: bool, big: float) -> list[tuple[str, str, int]]:
        rng = self.rng
        obs: list[tuple[str, str, int]] = []
        if chu_dong:
            if jk == "hinh_su":
                r = rng.random()
                if r < 0.55:
                    obs.append(("tien_phat", "state", _money(rng, 12_000_000 * big, 0.8, 2_000_000, 2_000_000_000)))
                if 0.45 < r < 0.7:
                    obs.append(("truy_thu", "state", _money(rng, 25_000_000 * big, 1.3, 1_000_000, 6_000_000_000)))
                if r > 0.62:
                    obs.append(("tich_thu_sung_quy", "state",
                                _money(rng, 6_000_000 * big, 1.2, 300_000, 3_000_000_000)))
                if rng.random() < 0.7 or not obs:
                    fee = 200_000 + (_court_fee(_principal(rng, "dan_su", 0.3)) if rng.random() < 0.3 else 0)
                    obs.insert(0, ("an_phi", "state", fee))
            else:
                if rng.random() < 0.35:
                    fee = 300_000
                else:
                    fee = _court_fee(_principal(rng, jk, big))
                obs.append(("an_phi", "state", fee))
                if jk == "dan_su" and rng.random() < 0.1:
                    obs.append(("tra_lai_tai_san", "person", _money(rng, 8_000_000, 1.2, 500_000, 2_000_000_000)))
            return obs[:3]
        if jk == "hinh_su":
            obs.append(("boi_thuong", "person", _money(rng, 30_000_000 * big, 1.1, 2_000_000, 5_000_000_000)))
        elif jk == "hon_nhan_gia_dinh":
            r = rng.random()
            if r < 0.55:
                obs.append(("cap_duong", "person", _money(rng, 24_000_000, 0.6, 3_000_000, 300_000_000)))
            if r > 0.4:
                if rng.random() < 0.6:
                    obs.append(("giao_tai_san", "person", 0))
                else:
                    obs.append(("khac", "person", _money(rng, 150_000_000, 1.0, 10_000_000, 5_000_000_000)))
        elif jk == "kinh_doanh_thuong_mai":
            obs.append(("tra_no", "agency", _principal(rng, jk, big)))
        elif jk == "lao_dong":
            obs.append(("khac", "person", _money(rng, 40_000_000, 0.9, 3_000_000, 1_000_000_000)))
        elif jk == "hanh_chinh":
            if rng.random() < 0.5:
                obs.append(("boi_thuong", "person", _money(rng, 50_000_000, 1.0, 2_000_000, 2_000_000_000)))
            else:
                obs.append(("giao_tai_san", "person", 0))
        else:
            r = rng.random()
            if r < 0.57:
                obs.append(("tra_no", "person", _principal(rng, jk, big)))
            elif r < 0.72:
                obs.append(("boi_thuong", "person", _money(rng, 35_000_000, 1.1, 2_000_000, 3_000_000_000)))
            elif r < 0.9:
                v = 0 if rng.random() < 0.75 else _money(rng, 300_000_000, 1.0, 20_000_000, 8_000_000_000)
                obs.append(("giao_tai_san", "person", v))
            else:
                obs.append(("khac", "person", _money(rng, 20_000_000, 1.2, 1_000_000, 2_000_000_000)
                            if rng.random() < 0.7 else 0))
            if rng.random() < 0.2:  # a second item of the same judgment: interest, costs, a handover
                obs.append(("khac", "person", _money(rng, 10_000_000, 1.0, 500_000, 500_000_000)))
        return obs


# ---------------------------------------------------------------------------------------------------------------
# Public API.


def _history_start(today: date) -> date:
    """First day of history: 1 January six years before ``today``'s year (2020-01-01 for the default today)."""
    return date(today.year - 6, 1, 1)


def generate(seed: int = 1, today: date = date(2026, 11, 30), size: int = 30000, provinces: int = 1,
             assets: bool = False) -> Iterator[dict[str, Any]]:
    """Yield interchange records (``interchange.md`` §1) of a deterministic demo history ending at ``today``.

    ``size`` is the number of cases (all provinces together); ``provinces`` > 1 adds synthetic provinces of about
    15 units each (for benchmarks). Order: units (parents first), officers, then each case followed by its events
    in date order, cases in order of decision date. With ``assets`` the records of debtors' assets and measures
    (``docs/interchange-assets.md``, :mod:`thads.demo.assets`) follow the last case; they draw on a random stream
    of their own and add no event, so the §1 records are the same with or without them.
    """
    rng = _Rng(seed)
    start = _history_start(today)
    cal = _Calendar(date(start.year - 4, 1, 1), date(today.year + 2, 12, 31))
    today_off = cal.off(today)
    start_off = cal.off(start)
    reorg = cal.off(hue.REORG_DAY)

    provs = [_hue_province(rng)]
    for k in range(2, max(1, provinces) + 1):
        provs.append(_synthetic_province(rng, k))
    units: dict[str, _Unit] = {}
    for p in provs:
        for u in (p.root, *p.branches, *p.offices):
            units[u.code] = u

    # Units (parents first) exactly as ``province.units()`` describes them, whatever ``today`` is: the dissolution
    # and creation dates are part of the units' records (a later import of the same units must not conflict).
    shown = [u for p in provs for u in (p.root, *p.branches, *p.offices)]
    for u in shown:
        rec: dict[str, Any] = {"type": "unit", "code": u.code, "name": u.name, "parent": u.parent}
        if u.valid_from is not None:
            rec["valid_from"] = u.valid_from.isoformat()
        if u.valid_to is not None:
            rec["valid_to"] = u.valid_to.isoformat()
        yield rec
    for u in shown:
        for code, name in zip(u.officers, u.officer_names, strict=True):
            yield {"type": "officer", "code": code, "name": name, "unit": u.code}

    # Decision dates: working days, slowly growing volume (≈ 4 % a year).
    days = [i for i in range(start_off, today_off + 1) if cal.work[i]]
    if not days or size <= 0:
        return
    span = max(1, today_off - start_off)
    cw, acc = [], 0.0
    for i in days:
        acc += 1.0 + 0.04 * 7 * (i - start_off) / span
        cw.append(acc)
    dates = sorted(rng.choices(days, cum_weights=cw, k=size))
    pcw, acc = [], 0.0
    for p in provs:
        acc += p.weight
        pcw.append(acc)

    builder = _Cases(rng, cal, reorg)
    sim = _Sim(rng, cal, today_off, units)
    collected = demo_assets.Collector(today) if assets else None
    out = sim.out
    ds = cal.ds
    for d0 in dates:
        prov = provs[bisect.bisect_right(pcw, rng.random() * acc)] if len(provs) > 1 else provs[0]
        ulist, ucw = prov.before if d0 < reorg else prov.after
        unit = ulist[bisect.bisect_right(ucw, rng.random() * ucw[-1])]
        is_root = unit.level == "province"
        year = cal.year[d0]
        seq = unit.seq.get(year, 0) + 1
        unit.seq[year] = seq
        chu_dong = rng.random() < P_CHU_DONG
        if is_root:
            jk = _pick(rng, _T_JK_RCD if chu_dong else _T_JK_RTD)
        else:
            jk = _pick(rng, _T_JK_CD if chu_dong else _T_JK_TD)
        big = 3.5 if is_root else 1.0
        linked = None
        if chu_dong and jk != "hinh_su" and unit.recent and rng.random() < 0.5:
            linked = unit.recent[rng.below(len(unit.recent))]
        if linked is not None:
            jk, judgment, debtor, principal = linked
            judgment, debtor = dict(judgment), dict(debtor)
            obs = [("an_phi", "state", _court_fee(principal) if principal else 300_000)]
        else:
            obs = builder.obligations(jk, chu_dong, big)
            company = (jk == "kinh_doanh_thuong_mai" and rng.random() < 0.6)
            debtor = builder.debtor(prov, unit, company)
            judgment = builder.judgment(prov, unit, jk, d0, not chu_dong)
        officer = unit.officers[rng.below(len(unit.officers))]
        cid = f"{unit.code}-{year}-{seq:05d}"
        case: dict[str, Any] = {
            "type": "case", "id": cid, "unit": unit.code, "decided_on": ds[d0],
            "decision_no": f"{seq}/{unit.suffix}", "initiation": "chu_dong" if chu_dong else "theo_don",
            "judgment_kind": jk, "judgment": judgment, "officer": officer, "debtor": debtor,
        }
        if not chu_dong:
            org = any(b == "agency" for _, b, _ in obs)
            case["creditor"] = {"name": builder.creditor_org(prov, unit) if org else builder.person()[0]}
            unit.recent.append((jk, judgment, debtor, sum(a for _, _, a in obs)))
        case["obligations"] = [{"id": str(i), "kind": k, "beneficiary": b, "amount": a}
                               for i, (k, b, a) in enumerate(obs, 1)]
        yield case

        out.clear()
        sim.cid = cid
        sim.state = DECIDED
        sim.last = d0
        sim.stopped = False
        sim.ob_ids = [str(i) for i in range(1, len(obs) + 1)]
        sim.ob_out = [a for _, _, a in obs]
        sim.ob_state = [b == "state" for _, b, _ in obs]
        sim.unit = unit.code
        sim.officer = officer
        sim.prov = prov
        sim.chu_dong = chu_dong
        sim.move_at = reorg if unit.level == "district" else 1 << 30
        sim.reassign_at = d0 + rng.randint(30, 1500) if rng.random() < P_REASSIGN else 1 << 30
        sim.run(d0)
        yield from out
        if collected is not None:
            collected.add(case, out)
    if collected is not None:
        yield from demo_assets.records(
            collected, seed=seed, size=size, workday=lambda o: _workday(cal, o),
            labels={u.code: p.label for p in provs for u in (p.root, *p.branches, *p.offices)},
            suffixes={code: u.suffix for code, u in units.items()})


def _workday(cal: _Calendar, o: int) -> int:
    """The first working day on or after the ordinal ``o`` (the generator's calendar)."""
    i = o - cal.base
    return cal.nwd[i] + cal.base if 0 <= i < cal.n else o


_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _event_line(r: dict[str, Any]) -> str:
    """``json.dumps(r, ensure_ascii=False)`` for a generated event (its strings never need escaping)."""
    head = f'{{"type": "event", "case": "{r["case"]}", "on": "{r["on"]}", "kind": "{r["kind"]}"'
    n = len(r)
    if n == 4:
        return head + "}"
    if n == 6:
        return f'{head}, "obligation": "{r["obligation"]}", "amount": {r["amount"]}}}'
    k = next(reversed(r))
    return f'{head}, "{k}": "{r[k]}"}}'


def _case_line(c: dict[str, Any]) -> str:
    """``json.dumps(c, ensure_ascii=False)`` for a generated case (fixed key order, strings never need escaping)."""
    j = c["judgment"]
    d = c["debtor"]
    obs = ", ".join(f'{{"id": "{o["id"]}", "kind": "{o["kind"]}", "beneficiary": "{o["beneficiary"]}", '
                    f'"amount": {o["amount"]}}}' for o in c["obligations"])
    cr = f', "creditor": {{"name": "{c["creditor"]["name"]}"}}' if "creditor" in c else ""
    return (f'{{"type": "case", "id": "{c["id"]}", "unit": "{c["unit"]}", "decided_on": "{c["decided_on"]}", '
            f'"decision_no": "{c["decision_no"]}", "initiation": "{c["initiation"]}", '
            f'"judgment_kind": "{c["judgment_kind"]}", "judgment": {{"court": "{j["court"]}", '
            f'"number": "{j["number"]}", "date": "{j["date"]}"}}, "officer": "{c["officer"]}", '
            f'"debtor": {{"name": "{d["name"]}", "id_number": "{d["id_number"]}", "address": "{d["address"]}"}}'
            f'{cr}, "obligations": [{obs}]}}')


def write_jsonl(path_or_file: str | Path | IO[str], seed: int = 1, today: date = date(2026, 11, 30),
                size: int = 30000, provinces: int = 1, assets: bool = False) -> int:
    """Write ``generate(...)`` as JSON Lines, each line exactly ``json.dumps(record, ensure_ascii=False)``, UTF-8.

    ``path_or_file`` is a path (the file is created or replaced) or an open text file. Returns the number of
    records written.
    """
    if isinstance(path_or_file, (str, Path)):
        with open(path_or_file, "w", encoding="utf-8", newline="\n") as fh:
            return write_jsonl(fh, seed=seed, today=today, size=size, provinces=provinces, assets=assets)
    fh = path_or_file
    enc = _ENCODER.encode
    n = 0
    buf: list[str] = []
    for rec in generate(seed=seed, today=today, size=size, provinces=provinces, assets=assets):
        t = rec["type"]
        if t == "event":
            buf.append(_event_line(rec))
        elif t == "case":
            buf.append(_case_line(rec))
        else:
            buf.append(enc(rec))
        if len(buf) >= 20000:
            n += len(buf)
            buf.append("")
            fh.write("\n".join(buf))
            buf.clear()
    if buf:
        n += len(buf)
        buf.append("")
        fh.write("\n".join(buf))
    return n
