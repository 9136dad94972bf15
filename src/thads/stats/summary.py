"""Multi-year summary (``thads summary``): per statistical year the 12-month report's completed cases, money
recovered and completion rates, and the same over the whole span, like the department's "five years" figures.

Over the span, counts and money are the sums of the yearly figures; the span rates are the summed numerators over
the summed "có điều kiện" bases (a weighted rate), not the mean of the yearly rates.
"""

from __future__ import annotations

from thads.domain.report import rate
from thads.org.models import Unit
from thads.stats.service import official_report


def summary(unit: Unit, first_year: int, last_year: int) -> dict:
    years = []
    totals = {"completed_cases": 0, "terminated_cases": 0, "done_cases": 0, "cdk_cases": 0, "recovered_money": 0,
              "done_money": 0, "cdk_money": 0}
    for year in range(first_year, last_year + 1):
        r = official_report(unit, year, 12)
        c, m = r["cases"], r["money"]
        row = {
            "year": year, "from": r["from"], "to": r["to"],
            "completed_cases": c["XONG"], "terminated_cases": c["DC"], "done_cases": c["XONG"] + c["DC"],
            "cdk_cases": c["CDK"], "recovered_money": m["XONG"], "done_money": m["XONG"] + m["GIAM"] + m["DC"],
            "cdk_money": m["CDK"], "rate_cases": c["RATE"], "rate_money": m["RATE"],
        }
        years.append(row)
        for key in totals:
            totals[key] += row[key]
    span = {**totals, "rate_cases": rate(totals["done_cases"], totals["cdk_cases"]),
            "rate_money": rate(totals["done_money"], totals["cdk_money"])}
    return {"unit": unit.code, "years": years, "span": {"from_year": first_year, "to_year": last_year, **span}}
