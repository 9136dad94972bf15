"""Keeping the fast-path cells in step with the history (one function per way the history changes).

The cells and spans are a projection of the case history (``thads.cases.projections``): ``StatsProjection``,
registered in ``StatsConfig.ready``, receives every act's and every import's changes inside their transaction with
the case's contract history before and after; the cells receive the exact difference of the case's contributions
(``thads.domain.contrib``), so the fast path always equals the pure definition. ``thads stats-rebuild`` recomputes
them from the histories (``rebuild``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from thads.domain.contrib import RAW, deltas, diff, statistical_year_of, years_of
from thads.domain.drilldown import spans
from thads.domain.history import CaseHistory
from thads.stats.models import COUNTER_FIELDS, StatCaseSpan, StatCell, StatCoverage, StatOfficerCell

WIDTH = len(RAW)
SPAN_COLUMNS = ("id", "case_id", "year", "k_first", "k_last", "unit_id", "officer_id", "initiation", "judgment_kind",
                "place", "base", "bucket", "bucket_money", "paid", "reduced")
CellKey = tuple[int, int, int, str, str]  # year, month, unit id, initiation, judgment kind
OfficerKey = tuple[int, int, int, int | None]  # year, month, unit id, officer id


class CellBuffer:
    """Accumulates deltas in memory, then adds them to the stored cells with one upsert per table."""

    def __init__(self, unit_ids: dict[str, int], officer_ids: dict[str, int]) -> None:
        self.unit_ids, self.officer_ids = unit_ids, officer_ids
        self.cells: dict[CellKey, list[int]] = defaultdict(lambda: [0] * (2 * WIDTH))
        self.officer_cells: dict[OfficerKey, list[int]] = defaultdict(lambda: [0] * (2 * WIDTH))
        # Per-case detail for the drill-down (StatCaseSpan): the spans to insert, by case id (ext_id), and the
        # cases whose stored spans are replaced.
        self.spans: dict[str, tuple[object, list]] = {}
        self.replaced: set[str] = set()

    def add(self, h: CaseHistory, key_deltas) -> None:
        case = h.case
        for (year, month, unit, officer), (dc, dm) in key_deltas:
            uid = self.unit_ids[unit]
            oid = self.officer_ids.get(officer) if officer else None
            for target in (self.cells[(year, month, uid, case.initiation, case.judgment_kind)],
                           self.officer_cells[(year, month, uid, oid)]):
                for j in range(WIDTH):
                    target[j] += dc[j]
                    target[WIDTH + j] += dm[j]

    def add_new(self, h: CaseHistory, years) -> None:
        self.add(h, deltas(h, years).items())
        self.spans.setdefault(h.case.id, (h.case, []))[1].extend(spans(h, years))

    def add_change(self, before: CaseHistory | None, after: CaseHistory, years) -> None:
        old = deltas(before, years) if before is not None else {}
        new = deltas(after, years)
        self.add(after, ((key, (dc, dm)) for key, dc, dm in diff(old, new)))
        self.replaced.add(after.case.id)
        self.spans[after.case.id] = (after.case, spans(after, years))

    def flush(self) -> None:
        _upsert(StatCell, ("year", "month", "unit_id", "initiation", "judgment_kind"), self.cells)
        _upsert(StatOfficerCell, ("year", "month", "unit_id", "officer_id"), self.officer_cells)
        self.cells.clear()
        self.officer_cells.clear()
        self.flush_spans()

    def flush_spans(self) -> None:
        """Replace the spans of changed cases and insert those of new cases (the cases are already written)."""
        from thads.cases.bulk import insert_rows, reserve_ids
        from thads.cases.models import Case

        if not self.spans:
            return
        ext_ids = list(self.spans)
        case_ids: dict[str, int] = {}
        for start in range(0, len(ext_ids), 5000):
            case_ids.update(Case.objects.filter(ext_id__in=ext_ids[start:start + 5000]).values_list("ext_id", "id"))
        replaced = [case_ids[e] for e in self.replaced if e in case_ids]
        for start in range(0, len(replaced), 5000):
            StatCaseSpan.objects.filter(case_id__in=replaced[start:start + 5000])._raw_delete(StatCaseSpan.objects.db)
        rows = []
        for ext_id, (case, case_spans) in self.spans.items():
            case_id = case_ids[ext_id]
            initiation, kind = case.initiation, case.judgment_kind
            for s in case_spans:
                p = s.part
                rows.append([None, case_id, s.year, s.k_first, s.k_last, self.unit_ids[p.unit],
                             self.officer_ids.get(p.officer) if p.officer else None, initiation, kind, p.place,
                             p.base, p.bucket, p.bucket_money, p.paid, p.reduced])
        for row, span_id in zip(rows, reserve_ids(StatCaseSpan, len(rows)), strict=True):
            row[0] = span_id
        insert_rows(StatCaseSpan, SPAN_COLUMNS, rows)
        self.spans.clear()
        self.replaced.clear()


def _upsert(model, key_columns: tuple[str, ...], rows: dict) -> None:
    # Rows are written in key order so that two transactions adding to the same cells (an act and an import) lock
    # them in the same order and cannot deadlock.
    live = sorted((*key, *values) for key, values in rows.items() if any(values) and None not in key)
    nullable = sorted(((key, values) for key, values in rows.items() if any(values) and None in key),
                      key=lambda kv: tuple((v is None, v if v is not None else 0) for v in kv[0]))
    q = connection.ops.quote_name
    table = q(model._meta.db_table)
    if nullable:
        _add_with_null_keys(table, key_columns, nullable)
    if not live:
        return
    columns = [*key_columns, *COUNTER_FIELDS]
    conflict = ", ".join(q(c) for c in key_columns)
    updates = ", ".join(f"{q(c)} = {table}.{q(c)} + excluded.{q(c)}" for c in COUNTER_FIELDS)
    sql = (f"INSERT INTO {table} ({', '.join(q(c) for c in columns)}) VALUES ({', '.join(['%s'] * len(columns))}) "
           f"ON CONFLICT ({conflict}) DO UPDATE SET {updates}")
    if connection.vendor == "postgresql":
        _upsert_by_copy(table, key_columns, columns, conflict, updates, live)
        return
    with connection.cursor() as cur:
        for start in range(0, len(live), 5000):
            cur.executemany(sql, live[start:start + 5000])


def _upsert_by_copy(table: str, key_columns, columns, conflict: str, updates: str, rows: list) -> None:
    """PostgreSQL: COPY the rows into a temporary table, then one grouped INSERT … ON CONFLICT (a per-row upsert
    through executemany cost half of a PostgreSQL import)."""
    q = connection.ops.quote_name
    cols = ", ".join(q(c) for c in columns)
    sums = ", ".join(f"SUM({q(c)})" for c in COUNTER_FIELDS)
    keys = ", ".join(q(c) for c in key_columns)
    with connection.cursor() as cur:
        load = q("load_" + table.strip('"'))
        cur.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {load} AS SELECT {cols} FROM {table} WITH NO DATA")
        cur.execute(f"TRUNCATE {load}")
        with cur.cursor.copy(f"COPY {load} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cur.execute(f"INSERT INTO {table} ({cols}) SELECT {keys}, {sums} FROM {load} GROUP BY {keys} "
                    f"ORDER BY {keys} ON CONFLICT ({conflict}) DO UPDATE SET {updates}")
        cur.execute(f"TRUNCATE {load}")


def _add_with_null_keys(table: str, key_columns: tuple[str, ...], rows: list) -> None:
    """Keys with a NULL (cases with no officer): NULLs never conflict in a unique index, so such rows are updated
    in place, or inserted when absent, one by one (few: one per unit and month)."""
    q = connection.ops.quote_name
    sets = ", ".join(f"{q(c)} = {q(c)} + %s" for c in COUNTER_FIELDS)
    with connection.cursor() as cur:
        for key, values in rows:
            where = " AND ".join(f"{q(c)} IS NULL" if v is None else f"{q(c)} = %s" for c, v in zip(key_columns, key,
                                                                                                 strict=True))
            params = [*values, *(v for v in key if v is not None)]
            cur.execute(f"UPDATE {table} SET {sets} WHERE {where}", params)
            if cur.rowcount == 0:
                columns = [*key_columns, *COUNTER_FIELDS]
                cur.execute(f"INSERT INTO {table} ({', '.join(q(c) for c in columns)}) "
                            f"VALUES ({', '.join(['%s'] * len(columns))})", [*key, *values])


def coverage_year() -> int:
    """The last statistical year whose contributions are stored for every case (created on first use)."""
    row = StatCoverage.objects.first()
    if row is None:
        row = StatCoverage.objects.create(through_year=statistical_year_of(timezone.localdate()))
    return row.through_year


def covered_years(h: CaseHistory, through: int) -> range:
    return years_of(h, through)


def change_years(before: CaseHistory | None, after: CaseHistory, through: int) -> range:
    """Years whose contributions may differ between two versions of a history (the union of both ranges: a case
    that just became final drops out of the later years it was in)."""
    a = years_of(after, through)
    if before is None:
        return a
    b = years_of(before, through)
    return range(min(a.start, b.start), max(a.stop, b.stop))


def maps() -> tuple[dict[str, int], dict[str, int]]:
    from thads.org.models import Officer, Unit

    return dict(Unit.objects.values_list("code", "id")), dict(Officer.objects.values_list("code", "id"))


def record_changes(changes: Iterable[tuple[CaseHistory | None, CaseHistory]]) -> None:
    """Add the contribution differences of changed cases (``before`` None for a new case)."""
    through = coverage_year()
    buffer = CellBuffer(*maps())
    for before, after in changes:
        buffer.add_change(before, after, change_years(before, after, through))
    buffer.flush()


class StatsProjection:
    """The statistics cells and per-case spans of changed cases (a ``cases.projections.Session``).

    Spans (rows of the case's own) are written with each batch; the cells' deltas stay in memory (a few per unit
    and month) and are added once, at ``close()``: the cells are shared by every act of the same unit and month, so
    on PostgreSQL their row locks are held only for the last moments of a long import and officers' acts on other
    cases are not held up meanwhile (issue 12, hole 10). A case new to the statistics (``before`` None: just
    decided, or just imported) has no stored span to replace."""

    def __init__(self) -> None:
        self.through = coverage_year()
        self.buffer = CellBuffer(*maps())

    def add(self, changes) -> None:
        for change in changes:
            if not change.contract_changed:
                continue  # not decided yet, or only acts outside the contract (notices, payouts)
            after = change.after
            if change.before is None:
                self.buffer.add_new(after, covered_years(after, self.through))
            else:
                self.buffer.add_change(change.before, after, change_years(change.before, after, self.through))
        self.buffer.flush_spans()

    def close(self) -> None:
        self.buffer.flush()


@transaction.atomic
def rebuild(histories: Iterable[CaseHistory], through: int | None = None) -> int:
    """Recompute every cell from the history (``thads stats-rebuild``)."""
    StatCell.objects.all().delete()
    StatOfficerCell.objects.all().delete()
    StatCaseSpan.objects.all()._raw_delete(StatCaseSpan.objects.db)
    through = through or max(coverage_year(), statistical_year_of(timezone.localdate()))
    StatCoverage.objects.all().delete()
    StatCoverage.objects.create(through_year=through)
    buffer = CellBuffer(*maps())
    n = 0
    for h in histories:
        buffer.add_new(h, covered_years(h, through))
        n += 1
        if n % 20000 == 0:
            buffer.flush()
    buffer.flush()
    return n


@transaction.atomic
def extend_coverage(histories: Iterable[CaseHistory], to_year: int) -> None:
    """Store the contributions of the years after the current coverage up to ``to_year`` for every case."""
    row = StatCoverage.objects.select_for_update().first()
    start = (row.through_year if row else coverage_year()) + 1
    if to_year < start:
        return
    buffer = CellBuffer(*maps())
    n = 0
    for h in histories:
        first = max(start, statistical_year_of(h.case.decided_on))
        if first <= to_year:
            years = years_of(h, to_year)
            buffer.add_new(h, range(max(first, years.start), years.stop))
            n += 1
            if n % 20000 == 0:
                buffer.flush()
    buffer.flush()
    StatCoverage.objects.update(through_year=to_year)
