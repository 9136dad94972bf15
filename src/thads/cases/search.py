"""Find cases in one box by debtor or creditor name, ID number, decision or judgment number, ignoring Vietnamese
diacritics and case ("nguyen van duc" finds "Nguyễn Văn Đức"). Exact matches rank first.

Both databases search whole words of the folded ``Case.search_text`` (the text is folded in Python, so neither
database needs to know Vietnamese; ecosystem.md §6): every word of the query must occur, the last one as a prefix
(what a user is still typing). SQLite asks its FTS5 table (migration 0003); PostgreSQL a GIN index over the
``tsvector`` of the same tokens (migration 0005), whose match is exact, so no candidate row is rechecked.

A search for a common name matches thousands of cases: the list then counts at most ``COUNT_CAP`` of them
(``CappedPaginator``) and says "more than …", because counting them all costs more than the page itself.
"""

from __future__ import annotations

import re
from functools import cached_property

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import BooleanField, IntegerField, Q, QuerySet, Value, When
from django.db.models import Case as When_
from django.db.models.expressions import RawSQL

from thads.lib.text import fold

_TOKEN = re.compile(r"[0-9a-z]+")

#: The indexed expression of migration 0005 (PostgreSQL); the query must repeat it exactly to use the index.
PG_WORDS = ("to_tsvector('simple'::regconfig, regexp_replace(\"cases_case\".\"search_text\", '[^0-9a-z]+', ' ', "
            "'g'))")

#: A search counts its matches up to this number; beyond it the list says "more than 1,000".
COUNT_CAP = 1000


def tokens(folded: str) -> list[str]:
    return _TOKEN.findall(folded)


def fts_query(folded: str) -> str:
    """An FTS5 query: every token of the folded text, the last one as a prefix."""
    words = tokens(folded)
    if not words:
        return ""
    parts = [f'"{t}"' for t in words[:-1]] + [f'"{words[-1]}"*']
    return " ".join(parts)


def ts_query(folded: str) -> str:
    """The same query for PostgreSQL's ``to_tsquery('simple', …)``: ``nguyen & van & du:*``."""
    words = tokens(folded)
    if not words:
        return ""
    return " & ".join(words[:-1] + [f"{words[-1]}:*"])


def _exact_ids(text: str) -> list[str]:
    exact = text.strip()
    return [exact, exact.upper()]


def phrase_query(folded: str) -> str:
    """The FTS5 phrase of the folded tokens, the last one as a prefix: ``"nguyen van du"*``."""
    words = tokens(folded)
    return f'"{" ".join(words)}"*' if words else ""


def _matching(queryset: QuerySet, folded: str) -> QuerySet:
    """The cases of ``queryset`` holding every word of the folded query (the last one as a prefix)."""
    if connection.vendor == "sqlite":
        return queryset.filter(id__in=RawSQL("SELECT rowid FROM cases_case_fts WHERE cases_case_fts MATCH %s",
                                             [fts_query(folded)]))
    if connection.vendor == "postgresql":
        return queryset.filter(RawSQL(f"{PG_WORDS} @@ to_tsquery('simple'::regconfig, %s)", [ts_query(folded)],
                                      output_field=BooleanField()))
    for word in tokens(folded):  # another database: the same words, found by substring (slow, but right)
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def _together(folded: str) -> Q:
    """"The words stand together as typed" outside SQLite (SQLite asks its FTS5 index for the phrase)."""
    return Q(search_text__startswith=folded) | Q(search_text__contains=f" {folded}")


def search_cases(queryset: QuerySet, text: str) -> QuerySet:
    """Filter ``queryset`` (already scoped) by the search text and order the best matches first: the case whose id
    is the text, then the cases where the words stand together as typed (a name, a decision number), then the
    cases holding every word; newest first within each rank. ``RankedSearch`` pages the same order faster."""
    folded = fold(text)
    if not folded:
        return queryset
    if not tokens(folded):
        return queryset.none()
    if connection.vendor == "sqlite":
        together = When(id__in=RawSQL("SELECT rowid FROM cases_case_fts WHERE cases_case_fts MATCH %s",
                                      [phrase_query(folded)]), then=Value(1))
    else:
        together = When(_together(folded), then=Value(1))
    return _matching(queryset, folded).annotate(
        rank=When_(When(ext_id__in=_exact_ids(text), then=Value(0)), together, default=Value(2),
                   output_field=IntegerField())
    ).order_by("rank", "-id")


class RankedSearch:
    """The results of a search in ``search_cases``'s order, as a sequence a ``Paginator`` can page; ``count()``
    stops at ``cap + 1``, and pages lie within the first ``cap + 1`` results (``CappedPaginator``).

    SQLite, unscoped and unfiltered (a national user): the first ``cap + 1`` matches are read straight from the FTS5
    index in rank order (the case with that id, the phrase, then the other cases holding every word, each newest
    first), without sorting the 40,000 matches of "nguyen hung" (344 ms). Scoped or filtered: ``search_cases``
    ranked, which the planner starts from the office's own cases (checking 40,000 index matches one by one against
    an office took up to 579 ms). One query answers both the count and every page.

    PostgreSQL: the first ``cap + 1`` ids of ``search_cases`` (the word index finds the matches, a top-N sort ranks
    them), one pass for the count and the page (a separate count read the word index a second time: +74 ms). Measured on 1,000,000 cases (bench/search.py): one query per rank with
    ``ORDER BY id DESC LIMIT n`` made the planner walk the whole primary key for rare phrases (p95 954 ms), so
    PostgreSQL keeps the single ranked query."""

    def __init__(self, queryset: QuerySet, text: str, cap: int | None = None) -> None:
        self.queryset, self.text = queryset, text
        self.folded = fold(text)
        self.cap = cap if cap is not None else COUNT_CAP
        self.vendor = connection.vendor if tokens(self.folded) else ""
        self._head: list[int] | None = None

    def _candidates_sql(self) -> tuple[str, list]:
        # Each arm keeps its own ORDER BY (its LIMIT stops SQLite from dropping it); UNION ALL reads the arms in
        # turn and lazily, so the arm of the other words is not read once the first arms give enough rows.
        exact = _exact_ids(self.text)
        not_exact = "rowid NOT IN (SELECT id FROM cases_case WHERE ext_id IN (%s, %s))"
        sql = (
            "SELECT * FROM (SELECT id AS r FROM cases_case WHERE ext_id IN (%s, %s)) "
            "UNION ALL SELECT * FROM (SELECT rowid AS r FROM cases_case_fts WHERE cases_case_fts MATCH %s "
            f"AND {not_exact} ORDER BY rowid DESC LIMIT -1) "
            "UNION ALL SELECT * FROM (SELECT rowid AS r FROM cases_case_fts WHERE cases_case_fts MATCH %s "
            f"AND {not_exact} ORDER BY rowid DESC LIMIT -1) "
            "LIMIT %s"
        )
        phrase = phrase_query(self.folded)
        others = f"({fts_query(self.folded)}) NOT {phrase}"
        return sql, [*exact, phrase, *exact, others, *exact, self.cap + 1]

    def head(self) -> list[int]:
        """The ids of the first ``cap + 1`` results, in rank order: the count and every page in one query."""
        if self._head is None:
            if self.vendor == "sqlite" and not self.queryset.query.where:
                # everything: read the index in rank order, stop at cap + 1
                candidates, params = self._candidates_sql()
                with connection.cursor() as cursor:
                    cursor.execute(f"SELECT f.r FROM ({candidates}) AS f", params)
                    self._head = [row[0] for row in cursor.fetchall()]
            else:  # a unit's scope or a filter (SQLite: the planner starts from those cases), or PostgreSQL
                self._head = list(search_cases(self.queryset, self.text).values_list("id", flat=True)[: self.cap + 1])
        return self._head

    def count(self) -> int:
        if not self.vendor:  # no word to search: nothing, or (blank text) the whole queryset
            return search_cases(self.queryset, self.text)[: self.cap + 1].count()
        return len(self.head())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list:
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("RankedSearch supports plain slices only")
        start, stop = index.start or 0, index.stop
        if not self.vendor or stop is None or stop > self.cap + 1:
            return list(search_cases(self.queryset, self.text)[start:stop])
        ids = self.head()[start:stop]
        by_id = {case.pk: case for case in self.queryset.filter(pk__in=ids)}
        return [by_id[i] for i in ids if i in by_id]


class CappedPaginator(Paginator):
    """A paginator that counts at most ``cap`` rows (``capped`` tells whether there were more): the pages of a
    broad search stop at the cap instead of counting every match."""

    def __init__(self, object_list, per_page, cap: int | None = None, **kwargs) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap if cap is not None else COUNT_CAP
        if isinstance(object_list, RankedSearch):
            object_list.cap = self.cap

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, RankedSearch):
            return self.object_list.count()
        head = self.object_list[: self.cap + 1]  # SELECT COUNT(*) FROM (… LIMIT cap + 1)
        return head.count() if isinstance(head, QuerySet) else len(head)

    @property
    def capped(self) -> bool:
        return self.count > self.cap

    @cached_property
    def num_pages(self) -> int:
        return super().num_pages if not self.capped else -(-self.cap // self.per_page)
