"""The statistics report of ``interchange.md`` §2, computed a third way: DuckDB SQL straight over the JSONL file.

Independent of THADS: no import from ``thads``, no Python replay. The file is read with ``read_json`` (explicit
columns), each case's history is replayed by window functions (state, ground, outstanding amount and holding unit
after every event), the snapshots "before ``from``" and "at ``to``" are the last event rows dated before / on those
days, the unit tree is a recursive CTE, and every indicator, including the derived ones and RATE, is computed in SQL
on integers (HUGEINT, never floats). Used by ``tests/test_duckdb_report.py`` (against the worked example and the
pure ``compute_report``) and by ``bench/report.py`` (against THADS on national data).

The file is assumed valid (as ``thads import`` accepts it without errors); nothing is validated here.

    python bench/duckdb_report.py FILE.jsonl --unit HUE --from 2024-10-01 --to 2025-09-30
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

CASE_KEYS = ("CU", "MOI", "TT", "UT", "TH", "PTH", "XONG", "DC", "DANG", "HOAN_C", "CDK", "CHUA_DK", "HOAN_KHAC",
             "TDC", "SO_RIENG", "CCDK", "CKS", "RATE")
MONEY_KEYS = ("CU", "MOI", "TT", "UT", "TH", "PTH", "XONG", "GIAM", "DC", "DANG", "HOAN_C", "CDK", "CHUA_DK",
              "HOAN_KHAC", "TDC", "SO_RIENG", "CCDK", "CKS", "RATE")

# Every field the report needs, typed; money as JSON so that both forms of §1 ("a JSON integer, or a string of
# digits") cast exactly to HUGEINT.
_COLUMNS = {
    "type": "VARCHAR", "code": "VARCHAR", "parent": "VARCHAR",  # unit
    "id": "VARCHAR", "unit": "VARCHAR", "decided_on": "DATE",  # case (unit: also the target of `moved`)
    "obligations": "STRUCT(id VARCHAR, amount JSON)[]",
    "case": "VARCHAR", "on": "DATE", "kind": "VARCHAR", "ground": "VARCHAR", "amount": "JSON",  # event
}

_LOAD = """
SET preserve_insertion_order = true;  -- rowid of `lines` = position in the file (events apply in file order)
CREATE OR REPLACE TEMP TABLE lines AS
    SELECT * FROM read_json({path}, format = 'newline_delimited', columns = {columns});
CREATE OR REPLACE TEMP TABLE units AS
    SELECT code, parent FROM lines WHERE type = 'unit';
CREATE OR REPLACE TEMP TABLE cases AS
    SELECT id, unit, decided_on,
           coalesce(list_sum(list_transform(obligations, lambda o: o.amount::HUGEINT)), 0)::HUGEINT AS amount
    FROM lines WHERE type = 'case';
CREATE OR REPLACE TEMP TABLE events AS
    SELECT rowid AS seq, "case" AS case_id, "on", kind, ground, unit AS target_unit,
           coalesce(amount::HUGEINT, 0)::HUGEINT AS amount
    FROM lines WHERE type = 'event';
DROP TABLE lines;
"""

# interchange.md §1 table `event`: the state each state-changing kind leads to. payment, reduced, moved and
# reassigned change no state (absent here).
_TRANSITIONS = """
    (VALUES ('verified_able', 'ENFORCING'), ('classified_unable', 'NOT_YET_ABLE'), ('postponed', 'POSTPONED'),
            ('suspended', 'SUSPENDED'), ('resumed', 'ENFORCING'), ('separate_book', 'SEPARATE_BOOK'),
            ('terminated', 'TERMINATED'), ('completed', 'COMPLETED'), ('entrusted_out', 'ENTRUSTED_OUT'),
            ('revoked', 'REVOKED')) AS t(kind, state)
"""

_REPORT = f"""
WITH RECURSIVE
subtree(code) AS (                       -- the unit and every unit below it
    SELECT code FROM units WHERE code = $unit
    UNION
    SELECT u.code FROM units u JOIN subtree s ON u.parent = s.code
),
candidates AS (                          -- a case can be held by the subtree at `to` only if it started there or
    SELECT id FROM cases                 -- was moved there: the others need no replay
    WHERE unit IN (SELECT code FROM subtree) AND decided_on <= $date_to
    UNION
    SELECT case_id FROM events
    WHERE kind = 'moved' AND target_unit IN (SELECT code FROM subtree) AND "on" <= $date_to
),
steps AS (                               -- each event up to `to`, with the case's snapshot right after it
    SELECT e.case_id, e.seq, e."on", e.kind,
           CASE WHEN e.kind IN ('payment', 'reduced') THEN e.amount ELSE 0 END AS spent,
           c.amount - sum(CASE WHEN e.kind IN ('payment', 'reduced') THEN e.amount ELSE 0 END) OVER w
               AS outstanding_after,
           coalesce(last_value(t.state IGNORE NULLS) OVER w, 'DECIDED') AS state_after,
           -- a state change sets the ground (postponed, classified_unable, …) or clears it ('')
           last_value(CASE WHEN t.state IS NOT NULL THEN coalesce(e.ground, '') END IGNORE NULLS) OVER w
               AS ground_after,
           coalesce(last_value(CASE WHEN e.kind = 'moved' THEN e.target_unit END IGNORE NULLS) OVER w, c.unit)
               AS unit_after,
           t.state IS NOT NULL AS changes_state
    FROM events e
    JOIN cases c ON c.id = e.case_id
    SEMI JOIN candidates k ON k.id = e.case_id
    LEFT JOIN {_TRANSITIONS} ON t.kind = e.kind
    WHERE c.decided_on <= $date_to AND e."on" <= $date_to
    WINDOW w AS (PARTITION BY e.case_id ORDER BY e.seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
snap AS (                                -- per case: before `from`, at `to`, and the acts within the period
    SELECT c.id, c.decided_on, c.amount, c.unit,
           arg_max({{'state': s.state_after, 'outstanding': s.outstanding_after}}, s.seq)
               FILTER (WHERE s."on" < $date_from) AS before_from,
           arg_max({{'state': s.state_after, 'ground': s.ground_after, 'outstanding': s.outstanding_after,
                     'unit': s.unit_after}}, s.seq) AS at_to,
           -- the first change of state within the period, with the outstanding amount at that moment
           arg_min({{'kind': s.kind, 'outstanding': s.outstanding_after + s.spent}}, s.seq)
               FILTER (WHERE s."on" >= $date_from AND s.changes_state) AS first_change,
           -- the act that ended the case within the period (a final state is reached at most once)
           arg_min({{'kind': s.kind, 'outstanding': s.outstanding_after + s.spent}}, s.seq)
               FILTER (WHERE s."on" >= $date_from
                       AND s.kind IN ('completed', 'terminated', 'entrusted_out', 'revoked')) AS ended,
           coalesce(sum(s.spent) FILTER (WHERE s."on" >= $date_from AND s.kind = 'payment'), 0) AS paid,
           coalesce(sum(s.spent) FILTER (WHERE s."on" >= $date_from AND s.kind = 'reduced'), 0) AS reduced
    FROM cases c
    SEMI JOIN candidates k ON k.id = c.id
    LEFT JOIN steps s ON s.case_id = c.id
    WHERE c.decided_on <= $date_to
    GROUP BY c.id, c.decided_on, c.amount, c.unit
),
snap2 AS (
    SELECT id, decided_on, amount, paid, reduced, ended, first_change,
           coalesce(before_from.state, 'DECIDED') AS state_before,
           coalesce(before_from.outstanding, amount) AS outstanding_before,
           coalesce(at_to.state, 'DECIDED') AS state_at,
           nullif(at_to.ground, '') AS ground_at,
           coalesce(at_to.outstanding, amount) AS outstanding_at,
           coalesce(at_to.unit, unit) AS unit_at
    FROM snap
),
placed AS (                              -- CU / MOI with their base, and the one bucket of the case
    SELECT paid, reduced,
           CASE WHEN decided_on >= $date_from THEN 'MOI'
                WHEN state_before = 'SEPARATE_BOOK' AND first_change.kind = 'resumed' THEN 'MOI'
                WHEN state_before IN ('DECIDED', 'ENFORCING', 'NOT_YET_ABLE', 'POSTPONED', 'SUSPENDED') THEN 'CU'
           END AS place,
           CASE WHEN decided_on >= $date_from THEN amount
                WHEN state_before = 'SEPARATE_BOOK' THEN first_change.outstanding
                ELSE outstanding_before
           END AS base,
           CASE ended.kind
                WHEN 'completed' THEN 'XONG' WHEN 'terminated' THEN 'DC'
                WHEN 'entrusted_out' THEN 'UT' WHEN 'revoked' THEN 'TH'
                ELSE CASE state_at
                     WHEN 'DECIDED' THEN 'DANG' WHEN 'ENFORCING' THEN 'DANG'
                     WHEN 'NOT_YET_ABLE' THEN 'CHUA_DK' WHEN 'SUSPENDED' THEN 'TDC'
                     WHEN 'SEPARATE_BOOK' THEN 'SO_RIENG'
                     WHEN 'POSTPONED' THEN CASE WHEN ground_at = '48.1.c' THEN 'HOAN_C' ELSE 'HOAN_KHAC' END
                     END
           END AS bucket,
           CASE WHEN ended.kind = 'completed' THEN 0
                WHEN ended.kind IS NOT NULL THEN ended.outstanding
                ELSE outstanding_at
           END AS bucket_money
    FROM snap2
    WHERE unit_at IN (SELECT code FROM subtree)
),
raw AS (
    SELECT
        count(*) FILTER (WHERE place = 'CU') AS c_cu,
        count(*) FILTER (WHERE place = 'MOI') AS c_moi,
        count(*) FILTER (WHERE bucket = 'UT') AS c_ut,
        count(*) FILTER (WHERE bucket = 'TH') AS c_th,
        count(*) FILTER (WHERE bucket = 'XONG') AS c_xong,
        count(*) FILTER (WHERE bucket = 'DC') AS c_dc,
        count(*) FILTER (WHERE bucket = 'DANG') AS c_dang,
        count(*) FILTER (WHERE bucket = 'HOAN_C') AS c_hoan_c,
        count(*) FILTER (WHERE bucket = 'CHUA_DK') AS c_chua_dk,
        count(*) FILTER (WHERE bucket = 'HOAN_KHAC') AS c_hoan_khac,
        count(*) FILTER (WHERE bucket = 'TDC') AS c_tdc,
        count(*) FILTER (WHERE bucket = 'SO_RIENG') AS c_so_rieng,
        coalesce(sum(base) FILTER (WHERE place = 'CU'), 0)::HUGEINT AS m_cu,
        coalesce(sum(base) FILTER (WHERE place = 'MOI'), 0)::HUGEINT AS m_moi,
        coalesce(sum(bucket_money) FILTER (WHERE bucket = 'UT'), 0)::HUGEINT AS m_ut,
        coalesce(sum(bucket_money) FILTER (WHERE bucket = 'TH'), 0)::HUGEINT AS m_th,
        coalesce(sum(paid), 0)::HUGEINT AS m_xong,    -- every payment within the period on these cases
        coalesce(sum(reduced), 0)::HUGEINT AS m_giam,
        coalesce(sum(bucket_money) FILTER (WHERE bucket = 'DC'), 0)::HUGEINT AS m_dc,
        coalesce(sum(bucket_money) FILTER (WHERE bucket = 'DANG'), 0)::HUGEINT AS m_dang,
        coalesce(sum(bucket_money) FILTER (WHERE bucket = 'HOAN_C'), 0)::HUGEINT AS m_hoan_c,
        coalesce(sum(bucket_money) FILTER (WHERE bucket = 'CHUA_DK'), 0)::HUGEINT AS m_chua_dk,
        coalesce(sum(bucket_money) FILTER (WHERE bucket = 'HOAN_KHAC'), 0)::HUGEINT AS m_hoan_khac,
        coalesce(sum(bucket_money) FILTER (WHERE bucket = 'TDC'), 0)::HUGEINT AS m_tdc,
        coalesce(sum(bucket_money) FILTER (WHERE bucket = 'SO_RIENG'), 0)::HUGEINT AS m_so_rieng
    FROM placed
    WHERE place IS NOT NULL
),
derived AS (
    SELECT *,
        c_cu + c_moi AS c_tt,
        c_cu + c_moi - c_ut - c_th AS c_pth,
        c_xong + c_dc + c_dang + c_hoan_c AS c_cdk,
        c_chua_dk + c_hoan_khac + c_tdc + c_so_rieng AS c_ccdk,
        c_cu + c_moi - c_ut - c_th - c_xong - c_dc AS c_cks,
        c_xong + c_dc AS c_done,
        m_cu + m_moi AS m_tt,
        m_cu + m_moi - m_ut - m_th AS m_pth,
        m_xong + m_giam + m_dc + m_dang + m_hoan_c AS m_cdk,
        m_chua_dk + m_hoan_khac + m_tdc + m_so_rieng AS m_ccdk,
        m_cu + m_moi - m_ut - m_th - m_xong - m_giam - m_dc AS m_cks,
        m_xong + m_giam + m_dc AS m_done
    FROM raw
),
hundredths AS (                          -- RATE × 100, rounded half up, on integers
    SELECT *,
        CASE WHEN c_cdk > 0 THEN (c_done::HUGEINT * 20000 + c_cdk) // (2 * c_cdk::HUGEINT) END AS c_h,
        CASE WHEN m_cdk > 0 THEN (m_done * 20000 + m_cdk) // (2 * m_cdk) END AS m_h
    FROM derived
)
SELECT *,
    CASE WHEN c_h IS NOT NULL THEN printf('%d.%02d', c_h // 100, c_h % 100) END AS c_rate,
    CASE WHEN m_h IS NOT NULL THEN printf('%d.%02d', m_h // 100, m_h % 100) END AS m_rate
FROM hundredths
"""


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def load(con: duckdb.DuckDBPyConnection, jsonl_path: str | Path) -> None:
    """Read the JSONL file into the temporary tables ``units``, ``cases`` and ``events`` of ``con``."""
    columns = "{" + ", ".join(f"{_quote(k)}: {_quote(v)}" for k, v in _COLUMNS.items()) + "}"
    con.execute(_LOAD.format(path=_quote(str(jsonl_path)), columns=columns))


def report(con: duckdb.DuckDBPyConnection, unit: str, date_from: date, date_to: date) -> dict[str, Any]:
    """The §2 report (JSON form, no breakdown) of ``unit`` over ``[date_from, date_to]`` from the loaded tables."""
    if date_from > date_to:
        raise ValueError("the period ends before it starts")
    if con.execute("SELECT count(*) FROM units WHERE code = ?", [unit]).fetchone()[0] == 0:  # type: ignore[index]
        raise ValueError(f"unknown unit '{unit}'")
    cur = con.execute(_REPORT, {"unit": unit, "date_from": date_from, "date_to": date_to})
    names = [d[0] for d in cur.description]
    row = dict(zip(names, cur.fetchone(), strict=True))  # type: ignore[arg-type]

    def part(prefix: str, keys: tuple[str, ...]) -> dict[str, Any]:
        return {k: (row[f"{prefix}_{k.lower()}"] if k == "RATE" else int(row[f"{prefix}_{k.lower()}"])) for k in keys}

    return {"unit": unit, "from": date_from.isoformat(), "to": date_to.isoformat(),
            "cases": part("c", CASE_KEYS), "money": part("m", MONEY_KEYS)}


def duckdb_report(jsonl_path: str | Path, unit: str, date_from: date, date_to: date) -> dict[str, Any]:
    """Read ``jsonl_path`` and compute the report of ``unit`` over ``[date_from, date_to]`` (interchange.md §2)."""
    con = duckdb.connect()
    try:
        load(con, jsonl_path)
        return report(con, unit, date_from, date_to)
    finally:
        con.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file")
    parser.add_argument("--unit", required=True)
    parser.add_argument("--from", dest="date_from", required=True, type=date.fromisoformat)
    parser.add_argument("--to", dest="date_to", required=True, type=date.fromisoformat)
    args = parser.parse_args()
    result = duckdb_report(args.file, args.unit, args.date_from, args.date_to)
    sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
