"""Tests of the deterministic demo history generator (``thads.demo.generator``).

Pure Python (run with ``-p no:django``). The private evaluator ``_report`` below follows ``interchange.md`` §2 so
that the generator's completion rates can be checked without the real report module.
"""

from __future__ import annotations

import io
import json
from collections import Counter, defaultdict
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

import pytest

from thads.demo import province as hue
from thads.demo.generator import generate, write_jsonl
from thads.domain.states import CONTRACT_ALLOWED, FINAL_STATES, EventKind, State, contract_target

TODAY = date(2026, 11, 30)
_FINAL = {s.value for s in FINAL_STATES}
_MONEY_EVENTS = {"payment", "reduced"}
_CHU_DONG_KINDS = {"an_phi", "tien_phat", "truy_thu", "tich_thu_sung_quy", "tra_lai_tai_san"}
_THEO_DON_KINDS = {"tra_no", "boi_thuong", "cap_duong", "giao_tai_san", "khac"}


@lru_cache(maxsize=4)
def _records(seed: int = 1, size: int = 30000, provinces: int = 1) -> tuple[dict[str, Any], ...]:
    return tuple(generate(seed=seed, today=TODAY, size=size, provinces=provinces))


def _split(records: tuple[dict[str, Any], ...]) -> tuple[dict[str, dict], dict[str, list[dict]]]:
    cases: dict[str, dict] = {}
    events: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        if r["type"] == "case":
            cases[r["id"]] = r
        elif r["type"] == "event":
            events[r["case"]].append(r)
    return cases, events


# ---------------------------------------------------------------------------------------------------------------
# Private evaluator of interchange.md §2 (default group mapping).

_KEYS_C = ("CU", "MOI", "TT", "UT", "TH", "PTH", "XONG", "DC", "DANG", "HOAN_C", "CDK", "CHUA_DK", "HOAN_KHAC", "TDC",
           "SO_RIENG", "CCDK", "CKS")
_KEYS_M = ("CU", "MOI", "TT", "UT", "TH", "PTH", "XONG", "GIAM", "DC", "DANG", "HOAN_C", "CDK", "CHUA_DK",
           "HOAN_KHAC", "TDC", "SO_RIENG", "CCDK", "CKS")


def _rate(num: int, den: int) -> str | None:
    if den == 0:
        return None
    return str((Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _report(records: tuple[dict[str, Any], ...], start: str, end: str) -> dict[str, dict[str, Any]]:
    """The whole file's report (every unit) for the period [start, end], dates as ISO strings."""
    cases, events = _split(records)
    c: Counter[str] = Counter()
    m: Counter[str] = Counter()
    for cid, case in cases.items():
        if case["decided_on"] > end:
            continue
        out = {o["id"]: int(o["amount"]) for o in case["obligations"]}
        state, ground = "DECIDED", None
        evs = events.get(cid, [])
        i = 0
        while i < len(evs) and evs[i]["on"] < start:
            e = evs[i]
            if e["kind"] in _MONEY_EVENTS:
                out[e["obligation"]] -= int(e["amount"])
            state = contract_target(State(state), EventKind(e["kind"])).value
            if e["kind"] in ("classified_unable", "postponed", "suspended", "terminated"):
                ground = e.get("ground")
            i += 1
        before = sum(out.values())
        base = None
        if case["decided_on"] < start:
            if state not in _FINAL and state != "SEPARATE_BOOK":
                c["CU"] += 1
                m["CU"] += before
            elif state != "SEPARATE_BOOK":
                continue
        else:
            c["MOI"] += 1
            m["MOI"] += before
        from_book = state == "SEPARATE_BOOK" and case["decided_on"] < start
        counted = not from_book
        while i < len(evs) and evs[i]["on"] <= end:
            e = evs[i]
            k = e["kind"]
            if from_book and not counted:
                if k == "resumed":
                    counted = True
                    base = sum(out.values())
                    c["MOI"] += 1
                    m["MOI"] += base
                else:
                    state = contract_target(State(state), EventKind(k)).value
                    i += 1
                    continue
            total = sum(out.values())
            if k == "payment":
                m["XONG"] += int(e["amount"])
                out[e["obligation"]] -= int(e["amount"])
            elif k == "reduced":
                m["GIAM"] += int(e["amount"])
                out[e["obligation"]] -= int(e["amount"])
            elif k == "completed":
                c["XONG"] += 1
            elif k == "terminated":
                c["DC"] += 1
                m["DC"] += total
            elif k == "entrusted_out":
                c["UT"] += 1
                m["UT"] += total
            elif k == "revoked":
                c["TH"] += 1
                m["TH"] += total
            if k in ("classified_unable", "postponed", "suspended", "terminated"):
                ground = e.get("ground")
            elif k not in ("payment", "reduced", "moved", "reassigned"):
                ground = None
            state = contract_target(State(state), EventKind(k)).value
            i += 1
        if not counted:
            continue
        left = sum(out.values())
        key = {"DECIDED": "DANG", "ENFORCING": "DANG", "NOT_YET_ABLE": "CHUA_DK", "SUSPENDED": "TDC",
               "SEPARATE_BOOK": "SO_RIENG"}.get(state)
        if state == "POSTPONED":
            key = "HOAN_C" if ground == "48.1.c" else "HOAN_KHAC"
        if key:
            c[key] += 1
            m[key] += left
    for d in (c, m):
        d["TT"] = d["CU"] + d["MOI"]
        d["PTH"] = d["TT"] - d["UT"] - d["TH"]
        d["CCDK"] = d["CHUA_DK"] + d["HOAN_KHAC"] + d["TDC"] + d["SO_RIENG"]
    c["CDK"] = c["XONG"] + c["DC"] + c["DANG"] + c["HOAN_C"]
    m["CDK"] = m["XONG"] + m["GIAM"] + m["DC"] + m["DANG"] + m["HOAN_C"]
    c["CKS"] = c["PTH"] - c["XONG"] - c["DC"]
    m["CKS"] = m["PTH"] - m["XONG"] - m["GIAM"] - m["DC"]
    cases_out: dict[str, Any] = {k: c[k] for k in _KEYS_C}
    money_out: dict[str, Any] = {k: m[k] for k in _KEYS_M}
    cases_out["RATE"] = _rate(c["XONG"] + c["DC"], c["CDK"])
    money_out["RATE"] = _rate(m["XONG"] + m["GIAM"] + m["DC"], m["CDK"])
    return {"cases": cases_out, "money": money_out}


def _year(records: tuple[dict[str, Any], ...], year: int) -> dict[str, dict[str, Any]]:
    return _report(records, f"{year - 1}-10-01", f"{year}-09-30")


@lru_cache(maxsize=16)
def _default_year(year: int) -> dict[str, dict[str, Any]]:
    """The report of statistical year ``year`` on the default demo file (seed 1, 30,000 cases)."""
    return _year(_records(), year)


def _rates(records: tuple[dict[str, Any], ...], year: int) -> tuple[float, float]:
    r = _year(records, year)
    return float(r["cases"]["RATE"] or 0), float(r["money"]["RATE"] or 0)


# ---------------------------------------------------------------------------------------------------------------
# The evaluator itself, on the contract's worked example.


def test_evaluator_reproduces_worked_example() -> None:
    path = "/work/shared/domain/worked-example.jsonl"
    try:
        with open(path, encoding="utf-8") as fh:
            recs = tuple(json.loads(line) for line in fh if line.strip())
        with open(path.replace(".jsonl", ".report.json"), encoding="utf-8") as fh:
            expected = json.load(fh)
    except OSError:
        pytest.skip("worked example not available")
    got = _report(recs, expected["from"], expected["to"])
    assert got["cases"] == expected["cases"]
    assert got["money"] == expected["money"]


# ---------------------------------------------------------------------------------------------------------------
# Determinism and format.


def test_deterministic_and_seed_dependent() -> None:
    a = list(generate(seed=7, size=800))
    b = list(generate(seed=7, size=800))
    assert a == b
    c = list(generate(seed=8, size=800))
    assert a != c
    f1, f2 = io.StringIO(), io.StringIO()
    n1 = write_jsonl(f1, seed=7, size=800)
    n2 = write_jsonl(f2, seed=7, size=800)
    assert n1 == n2 == len(a)
    assert f1.getvalue() == f2.getvalue()
    lines = f1.getvalue().splitlines()
    assert lines == [json.dumps(r, ensure_ascii=False) for r in a]
    assert f1.getvalue().endswith("\n")


def test_write_jsonl_to_path(tmp_path) -> None:
    p = tmp_path / "demo.jsonl"
    n = write_jsonl(p, seed=3, size=200)
    text = p.read_text(encoding="utf-8")
    assert len(text.splitlines()) == n
    assert "Thừa Thiên Huế" in text  # not escaped


def test_record_order_and_keys() -> None:
    recs = _records()
    types = [r["type"] for r in recs]
    n_units = types.count("unit")
    n_off = types.count("officer")
    assert types[:n_units] == ["unit"] * n_units
    assert types[n_units:n_units + n_off] == ["officer"] * n_off
    assert n_units == 14
    seen_units: set[str] = set()
    for r in recs[:n_units]:
        assert list(r)[:4] == ["type", "code", "name", "parent"]
        assert r["parent"] is None or r["parent"] in seen_units
        seen_units.add(r["code"])
        for k in ("valid_from", "valid_to"):
            if k in r:
                date.fromisoformat(r[k])
    current = None
    last_decided = ""
    case_keys = ["type", "id", "unit", "decided_on", "decision_no", "initiation", "judgment_kind", "judgment",
                 "officer", "debtor", "creditor", "obligations"]
    for r in recs[n_units + n_off:]:
        if r["type"] == "case":
            current = r["id"]
            assert r["decided_on"] >= last_decided
            last_decided = r["decided_on"]
            keys = list(r)
            assert keys == [k for k in case_keys if k in r]
        else:
            assert r["type"] == "event"
            assert r["case"] == current  # each case followed by its own events
            assert list(r)[:4] == ["type", "case", "on", "kind"]


def test_officers_and_identities() -> None:
    recs = _records()
    units = {r["code"]: r for r in recs if r["type"] == "unit"}
    officers = [r for r in recs if r["type"] == "officer"]
    per_unit = Counter(o["unit"] for o in officers)
    for code, u in units.items():
        if u["parent"] is not None:
            assert 4 <= per_unit[code] <= 8, code
    assert len({o["code"] for o in officers}) == len(officers)
    assert any(o["code"] == "PV-CHV-03" for o in officers)
    assert any(("Đ" in o["name"] or "đ" in o["name"]) for o in officers)
    cases, _ = _split(recs)
    ids = list(cases)
    assert len(ids) == len(set(ids))
    off_codes = {o["code"] for o in officers}
    for c in cases.values():
        unit = c["unit"]
        assert c["id"].startswith(f"{unit}-{c['decided_on'][:4]}-")
        seq = int(c["id"].rsplit("-", 1)[1])
        suffix = {"HUE": "QĐ-CTHADS"}.get(unit, "QĐ-PTHADS" if "-KV" in unit else "QĐ-CCTHADS")
        assert c["decision_no"] == f"{seq}/{suffix}"
        assert c["officer"] in off_codes
        d = c["debtor"]
        assert d["name"] and d["address"]
        assert d["id_number"].isdigit() and len(d["id_number"]) in (10, 12)
        j = c["judgment"]
        assert j["date"] < c["decided_on"]
        assert j["number"].split("/")[1] == j["date"][:4]
        ob_ids = [o["id"] for o in c["obligations"]]
        assert 1 <= len(ob_ids) <= 3 and len(ob_ids) == len(set(ob_ids))
        kinds = {o["kind"] for o in c["obligations"]}
        if c["initiation"] == "chu_dong":
            assert kinds <= _CHU_DONG_KINDS
            assert "creditor" not in c
        else:
            assert kinds <= _THEO_DON_KINDS
            assert c["creditor"]["name"]
        for o in c["obligations"]:
            assert isinstance(o["amount"], int) and o["amount"] >= 0 and o["amount"] % 1000 == 0
            if o["beneficiary"] == "state":
                assert o["kind"] in _CHU_DONG_KINDS


def test_mix() -> None:
    cases, _ = _split(_records())
    n = len(cases)
    assert abs(n - 30000) <= 300  # size honoured
    init = Counter(c["initiation"] for c in cases.values())
    assert 0.25 < init["chu_dong"] / n < 0.35
    jk = Counter(c["judgment_kind"] for c in cases.values())
    assert jk.most_common(1)[0][0] == "dan_su"
    assert {"hinh_su", "hon_nhan_gia_dinh", "kinh_doanh_thuong_mai", "lao_dong", "hanh_chinh"} <= set(jk)
    root = sum(1 for c in cases.values() if c["unit"] == "HUE")
    assert 0.07 < root / n < 0.13
    amounts = sorted(o["amount"] for c in cases.values() for o in c["obligations"])
    assert amounts[0] < 1_000_000 and amounts[-1] > 1_000_000_000
    assert any(a == 0 for a in amounts)
    for c in cases.values():
        for o in c["obligations"]:
            if o["kind"] == "tien_phat":
                assert c["judgment_kind"] == "hinh_su"
            if o["kind"] == "cap_duong":
                assert c["judgment_kind"] == "hon_nhan_gia_dinh"


# ---------------------------------------------------------------------------------------------------------------
# Every case replays under the contract's rules.


def _check_history(records: tuple[dict[str, Any], ...], today: date) -> Counter[str]:
    units = {r["code"]: r for r in records if r["type"] == "unit"}
    officers = {r["code"]: r for r in records if r["type"] == "officer"}
    cases, events = _split(records)
    end = today.isoformat()
    kinds: Counter[str] = Counter()
    for cid, case in cases.items():
        out = {o["id"]: int(o["amount"]) for o in case["obligations"]}
        state = State.DECIDED
        last = case["decided_on"]
        holder = case["unit"]
        assert officers[case["officer"]]["unit"] == holder
        for e in events.get(cid, []):
            k = EventKind(e["kind"])
            kinds[k.value] += 1
            assert k in CONTRACT_ALLOWED[state], (cid, state, e)
            assert last <= e["on"] <= end, (cid, e)
            last = e["on"]
            if k in (EventKind.PAYMENT, EventKind.REDUCED):
                assert isinstance(e["amount"], int) and 0 <= e["amount"] <= out[e["obligation"]], (cid, e)
                out[e["obligation"]] -= e["amount"]
                if k == EventKind.REDUCED:
                    ob = next(o for o in case["obligations"] if o["id"] == e["obligation"])
                    assert ob["beneficiary"] == "state", (cid, e)
            elif k == EventKind.COMPLETED:
                assert sum(out.values()) == 0, (cid, e)
            elif k == EventKind.MOVED:
                assert e["unit"] in units
                holder = e["unit"]
            elif k == EventKind.REASSIGNED:
                assert officers[e["officer"]]["unit"] == holder, (cid, e)
            elif k == EventKind.ENTRUSTED_OUT:
                assert e["to"]
            elif k in (EventKind.CLASSIFIED_UNABLE, EventKind.POSTPONED, EventKind.SUSPENDED, EventKind.TERMINATED):
                assert e["ground"].startswith({"classified_unable": "44a.1.", "postponed": "48.",
                                               "suspended": "49.", "terminated": "50.1."}[k.value])
            state = contract_target(state, k)
    return kinds


def test_histories_follow_the_contract() -> None:
    kinds = _check_history(_records(), TODAY)
    for k in EventKind:
        assert kinds[k.value] > 0, k  # every kind of act occurs
    assert kinds["entrusted_out"] < kinds["completed"] * 0.1
    assert kinds["revoked"] < 0.01 * 30000


def test_other_seeds_and_dates_also_valid() -> None:
    for seed, today in ((2, date(2024, 3, 15)), (3, date(2027, 8, 1))):
        recs = tuple(generate(seed=seed, today=today, size=3000))
        _check_history(recs, today)
        units = [r for r in recs if r["type"] == "unit"]
        expected = [{k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()
                     if k not in ("level",) and not (k.startswith("valid_") and v is None)}
                    for row in hue.units()]
        assert [{k: v for k, v in u.items() if k != "type"} for u in units] == expected  # same as province.py
        if today < hue.REORG_DAY:
            assert not any(r["type"] == "case" and "-KV" in r["unit"] for r in recs)


def test_unable_cases_are_reverified_and_some_go_to_the_separate_book() -> None:
    cases, events = _split(_records())
    booked = 0
    for cid, evs in events.items():
        for i, e in enumerate(evs):
            if e["kind"] == "separate_book":
                booked += 1
                unable = [x for x in evs[:i] if x["kind"] == "classified_unable"]
                assert len(unable) >= 3  # first decision + ≥ 2 re-verifications
                age = date.fromisoformat(e["on"]) - date.fromisoformat(unable[0]["on"])
                assert age >= timedelta(days=365), (cid, age)
    assert booked > 500
    postponed = Counter(e["ground"] for evs in events.values() for e in evs if e["kind"] == "postponed")
    assert postponed.most_common(1)[0][0] == "48.1.c" and postponed["48.1.a"] > 0
    terminated = Counter(e["ground"] for evs in events.values() for e in evs if e["kind"] == "terminated")
    assert terminated.most_common(1)[0][0] == "50.1.c"
    suspended = Counter(e["ground"] for evs in events.values() for e in evs if e["kind"] == "suspended")
    assert set(suspended) == {"49.1", "49.2"}


# ---------------------------------------------------------------------------------------------------------------
# The July 2025 reorganisation.


def test_reorganisation() -> None:
    recs = _records()
    units = {r["code"]: r for r in recs if r["type"] == "unit"}
    officers = {r["code"]: r for r in recs if r["type"] == "officer"}
    cases, events = _split(recs)
    reorg = hue.REORG_DAY.isoformat()
    moved = 0
    for cid, case in cases.items():
        u = case["unit"]
        level = "district" if u in hue.SUCCESSOR else "regional" if u.startswith("HUE-KV") else "province"
        if level == "district":
            assert case["decided_on"] <= hue.DISSOLVED_ON.isoformat()
        elif level == "regional":
            assert case["decided_on"] >= reorg
        evs = events.get(cid, [])
        mv = [e for e in evs if e["kind"] == "moved"]
        state = State.DECIDED
        for e in evs:
            if e["on"] >= reorg:
                break
            state = contract_target(state, EventKind(e["kind"]))
        if level == "district" and state.value not in _FINAL:
            assert len(mv) == 1, cid
            i = evs.index(mv[0])
            assert mv[0]["on"] == reorg and mv[0]["unit"] == hue.SUCCESSOR[u]
            assert all(e["on"] < reorg for e in evs[:i])  # moved before any act of the new holder
            nxt = evs[i + 1]
            assert nxt["kind"] == "reassigned" and nxt["on"] == reorg
            assert officers[nxt["officer"]]["unit"] == hue.SUCCESSOR[u]
            moved += 1
        else:
            assert not mv, cid
    assert moved > 1000
    for code, succ in hue.SUCCESSOR.items():
        assert units[code]["valid_to"] == hue.DISSOLVED_ON.isoformat()
        assert units[succ]["valid_from"] == reorg


def test_many_provinces_for_benchmarks() -> None:
    recs = tuple(generate(seed=5, size=4000, provinces=27))
    units = [r for r in recs if r["type"] == "unit"]
    assert 350 <= len(units) <= 450
    assert len({u["code"] for u in units}) == len(units)
    officers = [r for r in recs if r["type"] == "officer"]
    assert len({o["code"] for o in officers}) == len(officers)
    _check_history(recs, TODAY)
    cases = [r for r in recs if r["type"] == "case"]
    assert len({c["unit"].split("-")[0] for c in cases}) > 20


# ---------------------------------------------------------------------------------------------------------------
# Currency relative to ``today`` and the completion rates.


def test_recent_months_look_current() -> None:
    cases, events = _split(_records())
    recent = [cid for cid, c in cases.items() if c["decided_on"] >= "2026-11-10"]
    assert recent and sum(1 for cid in recent if not events.get(cid)) > len(recent) / 2
    overdue = [cid for cid, c in cases.items()
               if "2026-07-01" <= c["decided_on"] <= "2026-09-30" and not events.get(cid)]
    assert overdue  # some verifications are late
    last_event = max(e["on"] for evs in events.values() for e in evs)
    assert "2026-11-20" <= last_event <= TODAY.isoformat()


@pytest.mark.parametrize("year", [2021, 2022, 2023, 2024, 2025])
def test_rates_in_target_band(year: int) -> None:
    r = _default_year(year)
    cases_rate, money_rate = float(r["cases"]["RATE"]), float(r["money"]["RATE"])
    assert 80.0 <= cases_rate <= 86.0, (year, cases_rate)
    assert 38.0 <= money_rate <= 50.0, (year, money_rate)
    assert r["cases"]["PTH"] == r["cases"]["CDK"] + r["cases"]["CCDK"]
    assert r["money"]["PTH"] == r["money"]["CDK"] + r["money"]["CCDK"]
    assert r["cases"]["XONG"] > 1000


def test_five_years_volume() -> None:
    done = collected = 0
    for y in range(2021, 2026):
        r = _default_year(y)
        done += r["cases"]["XONG"] + r["cases"]["DC"]
        collected += r["money"]["XONG"]
    assert done > 5000
    assert collected > 100_000_000_000  # hundreds of billions of VND


def test_real_validator_and_report_if_present() -> None:
    """Cross-check with the project's own modules when they exist (written in parallel; optional)."""
    try:
        from thads.domain.interchange import validate
        from thads.domain.report import compute_report, statistical_year_period
    except ImportError:
        pytest.skip("thads.domain.interchange / report not available")
    recs = _records()
    res = validate([json.dumps(r, ensure_ascii=False) for r in recs])
    assert res.errors == []
    histories = res.histories()
    parents = {u.code: u.parent for u in res.units}
    for year in range(2021, 2026):
        start, end = statistical_year_period(year)
        theirs = compute_report(histories, parents, "HUE", start, end)
        mine = _default_year(year)
        assert theirs["cases"] == mine["cases"] and theirs["money"] == mine["money"], year
