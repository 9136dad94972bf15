"""Rankings of units and officers for an emulation period (THADS.md §7; issue 17). Pure Python, exact arithmetic.

Each entity (a branch, an officer) brings its figures for the period (:class:`Entry`): the completion rates in cases
and in money (the "có điều kiện" base, THADS.md §4.3 RATE), the cases completed (XONG + DC), the money recovered
(XONG + DC + GIAM, VND), the deadlines overdue now, the complaints and denunciations upheld against it in the period
(lower is better for both) and its workload (PTH cases). Every metric is normalised min–max to 0–100 over the
entities ranked (the best gets 100, the worst 0; all equal → 100 for everyone; a rate that is ``None`` — no base —
gets 0 points for that metric and does not move the minimum or the maximum); the score is the weighted mean of the
points, 2 decimals rounded half up, computed with ``Fraction`` (never a float). Equal scores share a rank and the
next rank skips (competition ranking 1, 2, 2, 4); equal scores are listed by key. Entities with fewer cases "có
điều kiện" than the minimum caseload are not ranked: they follow the ranked ones, by key, with the reason.

**UNVERIFIED and configurable** (THADS.md §7): the Ministry's scoring table for emulation ("Bảng tiêu chí chấm điểm
thi đua") is not public. :data:`DEFAULT_WEIGHTS` and the minimum caseloads are this system's defaults, overridden by
settings (``thads.emulation.rankings.weights``: ``THADS_RANKING_WEIGHTS``; ``THADS_RANKING_MIN_CASES_UNIT`` /
``THADS_RANKING_MIN_CASES_OFFICER``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType

#: The metrics, in the order pages show them.
METRICS: tuple[str, ...] = ("cases_rate", "money_rate", "completed", "recovered", "overdue", "complaints_upheld",
                            "workload")
#: Metrics where fewer is better (their points are reversed).
LOWER_IS_BETTER: frozenset[str] = frozenset({"overdue", "complaints_upheld"})
#: Metrics given as 2-decimal rate strings (or ``None`` when the base is 0); the others are non-negative ints.
RATE_METRICS: frozenset[str] = frozenset({"cases_rate", "money_rate"})

#: UNVERIFIED default weights (points out of 100; the Ministry's scoring table is not public, THADS.md §7): the two
#: completion rates the National Assembly assigns weigh most; volume, timeliness, complaints upheld and workload
#: the rest. Overridden by settings ``THADS_RANKING_WEIGHTS`` (JSON object, e.g. ``{"workload": 0}``).
DEFAULT_WEIGHTS: Mapping[str, int] = MappingProxyType({
    "cases_rate": 30, "money_rate": 30, "completed": 10, "recovered": 10, "overdue": 10, "complaints_upheld": 5,
    "workload": 5,
})

FULL = Fraction(100)
REASON_FEW_CASES = "few_cases"


@dataclass(frozen=True, slots=True)
class Entry:
    """One entity's figures for the period. ``caseload``: its cases "có điều kiện" (CDK); ``metrics``: every name of
    :data:`METRICS` (rates as 2-decimal strings or ``None``, the others ints; a missing metric counts as 0 / None)."""

    key: str
    label: str
    caseload: int
    metrics: Mapping[str, str | int | None]


@dataclass(frozen=True, slots=True)
class Ranked:
    """One line of the ranking. ``rank`` and ``score`` are ``None`` when not ranked (``reason`` says why, in
    Vietnamese; ``reason_code`` for programs). ``components``: metric → points 0–100 (2 decimals) of a ranked
    entity, before weighting; ``metrics``: the figures as given."""

    key: str
    label: str
    rank: int | None
    score: str | None
    caseload: int
    metrics: dict[str, str | int | None]
    components: dict[str, str] = field(default_factory=dict)
    reason: str = ""
    reason_code: str = ""


def check_weights(weights: Mapping[str, object]) -> dict[str, int]:
    """The weights, every metric present (a missing one weighs 0). ``ValueError`` with a clear message when a name is
    not a metric, a weight is not a non-negative integer, or every weight is 0."""
    if not isinstance(weights, Mapping):
        raise ValueError("ranking weights must be an object of metric → integer weight")
    unknown = sorted(set(weights) - set(METRICS))
    if unknown:
        raise ValueError(f"unknown ranking metric(s): {', '.join(map(str, unknown))}; "
                         f"expected some of {', '.join(METRICS)}")
    out: dict[str, int] = {}
    for name in METRICS:
        value = weights.get(name, 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"the weight of '{name}' must be a non-negative integer, not {value!r}")
        out[name] = value
    if not any(out.values()):
        raise ValueError("at least one ranking weight must be greater than 0")
    return out


def _value(entry: Entry, metric: str) -> Fraction | None:
    raw = entry.metrics.get(metric)
    if metric in RATE_METRICS:
        return None if raw is None else Fraction(Decimal(str(raw)))
    if raw is None:
        return Fraction(0)
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise ValueError(f"'{metric}' of '{entry.key}' must be an integer, not {raw!r}")
    return Fraction(raw)


def points(values: Mapping[str, Fraction | None], lower_is_better: bool) -> dict[str, Fraction]:
    """Min–max points 0–100 of each key's value: the best 100, the worst 0, all equal 100; ``None`` → 0 and left out
    of the minimum and maximum."""
    known = [v for v in values.values() if v is not None]
    if not known:
        return {k: Fraction(0) for k in values}
    low, high = min(known), max(known)
    out: dict[str, Fraction] = {}
    for k, v in values.items():
        if v is None:
            out[k] = Fraction(0)
        elif high == low:
            out[k] = FULL
        else:
            out[k] = FULL * ((high - v) if lower_is_better else (v - low)) / (high - low)
    return out


def two_decimals(value: Fraction) -> str:
    """A non-negative fraction as text with 2 decimals, rounded half up (``Fraction(2, 3) * 100`` → ``"66.67"``)."""
    hundredths = (value * 100 + Fraction(1, 2)).__floor__()
    return str(Decimal(hundredths).scaleb(-2))


def rank(entries: Iterable[Entry], weights: Mapping[str, object] = DEFAULT_WEIGHTS,
         min_caseload: int = 0) -> list[Ranked]:
    """Rank ``entries``: the ranked ones by score (ties share a rank, then by key), then those under
    ``min_caseload`` cases "có điều kiện" by key, unranked with the reason. ``ValueError`` on bad weights, a
    negative ``min_caseload`` or a repeated key."""
    w = check_weights(weights)
    if isinstance(min_caseload, bool) or not isinstance(min_caseload, int) or min_caseload < 0:
        raise ValueError(f"the minimum caseload must be a non-negative integer, not {min_caseload!r}")
    entries = list(entries)
    keys = [e.key for e in entries]
    if len(set(keys)) != len(keys):
        raise ValueError("an entity is listed twice in the ranking")
    ranked = [e for e in entries if e.caseload >= min_caseload]
    total = sum(w.values())
    pts = {m: points({e.key: _value(e, m) for e in ranked}, m in LOWER_IS_BETTER) for m in METRICS}
    lines = []
    for e in ranked:
        score = two_decimals(sum((w[m] * pts[m][e.key] for m in METRICS), Fraction(0)) / total)
        lines.append((e, score, {m: two_decimals(pts[m][e.key]) for m in METRICS}))
    lines.sort(key=lambda line: (-Decimal(line[1]), line[0].key))
    out: list[Ranked] = []
    for i, (e, score, comps) in enumerate(lines):
        place = out[-1].rank if out and out[-1].score == score else i + 1
        out.append(Ranked(e.key, e.label, place, score, e.caseload, dict(e.metrics), comps))
    reason = (f"Không xếp hạng: ít hơn {min_caseload} việc có điều kiện thi hành"
              if min_caseload else "")
    for e in sorted((e for e in entries if e.caseload < min_caseload), key=lambda e: e.key):
        out.append(Ranked(e.key, e.label, None, None, e.caseload, dict(e.metrics), {}, reason, REASON_FEW_CASES))
    return out
