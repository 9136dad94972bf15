"""Find cases in one box by debtor or creditor name, decision or judgment number, case id, ignoring Vietnamese
diacritics and case ("nguyen van duc" finds "Nguyễn Văn Đức"), and by a party's identifier for those who may see it.
Exact matches rank first.

Both databases search whole words of the folded ``Case.search_text`` (the text is folded in Python, so neither
database needs to know Vietnamese; ecosystem.md §6): every word of the query must occur, the last one as a prefix
(what a user is still typing). SQLite asks its FTS5 table (migration 0003); PostgreSQL a GIN index over the
``tsvector`` of the same tokens (migration 0005), whose match is exact, so no candidate row is rechecked.

Party identifiers (citizen ID, passport, tax code: ``Party.id_number``) are personal data (Decree 13/2023/NĐ-CP;
Law 91/2025/QH15 from 2026) and are **not** in ``search_text`` (``search_text_of``, migration 0006): a prefix search over
them let anyone find the holder of a known ID number and rebuild a masked one digit by digit. They are found only
whole (``normalise_identifier``: spaces removed, upper case; an index on ``models.IdentifierKey``), only in the
units where the user may see personal data (``IdentifierAccess.of``), and a query made only of an identifier, whole
or in part (``looks_like_identifier``), finds nothing for anyone else. The caller logs a search that revealed who
holds an identifier (``identifier_hits`` + ``thads.org.audit.audit_read``).

A search for a common name matches thousands of cases: the list then counts at most ``COUNT_CAP`` of them
(``CappedPaginator``) and says "more than …", because counting them all costs more than the page itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import BooleanField, IntegerField, Q, QuerySet, Value, When
from django.db.models import Case as When_
from django.db.models.expressions import RawSQL

from thads.lib.text import fold

_TOKEN = re.compile(r"[0-9a-z]+")
_IDENTIFIER = re.compile(r"[0-9A-Za-z.\-]+")

#: The indexed expression of migration 0005 (PostgreSQL); the query must repeat it exactly to use the index.
PG_WORDS = ("to_tsvector('simple'::regconfig, regexp_replace(\"cases_case\".\"search_text\", '[^0-9a-z]+', ' ', "
            "'g'))")

#: A search counts its matches up to this number; beyond it the list says "more than 1,000".
COUNT_CAP = 1000


def tokens(folded: str) -> list[str]:
    return _TOKEN.findall(folded)


# ------------------------------------------------------------------------------------------------- what is indexed


def search_text_of(ext_id: str, decision_no: str | None, judgment_number: str | None,
                   names: Iterable[str | None]) -> str:
    """The folded text a case is found by: its id, decision and judgment numbers and its parties' names (debtors
    first, then creditors, each in their order), never their identifiers. The one definition of the search words,
    applied by the search projection below (``SearchProjection``, ``rebuild_search``)."""
    return fold(" ".join(filter(None, [ext_id, decision_no, judgment_number, *names])))


# ------------------------------------------------------------------------------------------------- the projection
# ``Case.search_text`` is a projection of the case (issue 13 item 3, ``cases.projections``): written by
# ``SearchProjection`` in the transaction of every act, receipt and import that publishes a change, and recomputed
# for every case by ``thads rebuild-search``. The indexes follow by themselves: the FTS5 table by its triggers
# (SQLite, migration 0003), the GIN index over the ``tsvector`` expression (PostgreSQL, migration 0005).

_CHUNK = 5000


def _stored_texts(case_ids: list[int]) -> dict[int, tuple[str, str]]:
    """``{case id: (stored text, text from the stored case and parties)}`` for the given cases."""
    from thads.cases.models import Case, Party

    names: dict[int, list[tuple[bool, int, str]]] = {}
    for case_id, role, position, name in Party.objects.filter(case_id__in=case_ids).values_list(
            "case_id", "role", "position", "name"):
        names.setdefault(case_id, []).append((role != "debtor", position, name))
    out = {}
    for case_id, ext_id, decision_no, judgment_number, stored in Case.objects.filter(id__in=case_ids).values_list(
            "id", "ext_id", "decision_no", "judgment_number", "search_text"):
        ordered = [name for _creditor, _pos, name in sorted(names.get(case_id, ()), key=lambda p: p[:2])]
        out[case_id] = (stored, search_text_of(ext_id, decision_no, judgment_number, ordered))
    return out


def record_text(rec) -> str:
    """The words of an imported case from its interchange record (one debtor, one creditor: the rows the importer
    writes), without reading them back."""
    judgment, debtor, creditor = rec.judgment or {}, rec.debtor or {}, rec.creditor or {}
    return search_text_of(rec.id, rec.decision_no, judgment.get("number"), [debtor.get("name"), creditor.get("name")])


def _write_texts(rows: list[tuple[str, int]]) -> None:
    if not rows:
        return
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _CHUNK):
            cursor.executemany(f"UPDATE {q('cases_case')} SET {q('search_text')} = %s WHERE {q('id')} = %s",
                               rows[start:start + _CHUNK])


def refresh_search_text(case_ids: Iterable[int]) -> int:
    """Recompute the search words of the cases from their stored rows; returns how many changed."""
    ids = list(case_ids)
    changed = []
    for start in range(0, len(ids), _CHUNK):
        for case_id, (stored, text) in _stored_texts(ids[start:start + _CHUNK]).items():
            if stored != text:
                changed.append((text, case_id))
    _write_texts(changed)
    return len(changed)


class SearchProjection:
    """The search words of the changed cases (a ``cases.projections.Session``). A case the importer has just
    created already holds its words: the importer's row builder computes them with this projection's own
    ``record_text`` as it inserts the row (one index write per row instead of two); every other change is read
    back from the stored case and parties (a receipt's parties, a decision's number)."""

    def __init__(self) -> None:
        self.stored: list[int] = []

    def add(self, changes) -> None:
        for change in changes:
            if not (change.imported and change.before is None and change.after is not None):
                self.stored.append(change.case_id)

    def close(self) -> None:
        refresh_search_text(dict.fromkeys(self.stored))
        self.stored.clear()


def rebuild_search() -> tuple[int, int]:
    """``thads rebuild-search``: recompute ``Case.search_text`` of every case, in id order, writing only the texts
    that differ (the indexes follow: FTS5 by its triggers, the PostgreSQL expression index by itself). Returns
    ``(cases read, texts changed)``."""
    from thads.cases.models import Case

    last, seen, changed = 0, 0, 0
    while True:
        ids = list(Case.objects.filter(id__gt=last).order_by("id").values_list("id", flat=True)[:_CHUNK])
        if not ids:
            return seen, changed
        seen += len(ids)
        changed += refresh_search_text(ids)
        last = ids[-1]


# ------------------------------------------------------------------------------------------------- identifiers


def normalise_identifier(text: str) -> str:
    """An identifier as it is compared: without spaces, in upper case (``models.IdentifierKey`` in SQL)."""
    return re.sub(r"\s+", "", text or "").upper()


def _id_like(token: str) -> bool:
    # Identifiers are digits with at most a few letters (passports: C1234567; foreign ones: AB1234567).
    digits = sum(ch.isdigit() for ch in token)
    return digits > 0 and digits * 2 >= len(token) and len(token) - digits <= 3


def looks_like_identifier(text: str) -> bool:
    """Whether a query is made only of an identifier, whole or in part: letters, digits, dots and dashes (spaces
    ignored), every word mostly digits with at most three letters (``046090001234``, ``0460 9000``, ``C1234567``,
    ``0101234567-001``). Not a case id (``HUE-KV1-2026-00012``: ``hue`` has no digit), a decision or judgment
    number (``12/QĐ-CCTHADS``, ``45/2024``: identifiers have no slash) nor a name."""
    compact = re.sub(r"\s+", "", text or "")
    if not compact or not _IDENTIFIER.fullmatch(compact):
        return False
    words = tokens(fold(compact))  # "C 1234567" is the passport C1234567
    return bool(words) and all(_id_like(w) for w in words)


@dataclass(frozen=True)
class IdentifierAccess:
    """Where a user may find cases by a party identifier: ``unit_ids`` (``None``: in every unit). ``scope_wide``:
    those are all the units the user sees, so the caller's scoped queryset (``scope_queryset``) already bounds the
    holders and the lookup need not check each holder's unit (a bank's tax code has 100,000 holders)."""

    unit_ids: frozenset[int] | None = frozenset()
    scope_wide: bool = False

    @property
    def nowhere(self) -> bool:
        return self.unit_ids is not None and not self.unit_ids

    @property
    def everywhere(self) -> bool:
        return self.unit_ids is None

    @classmethod
    def of(cls, user) -> IdentifierAccess:
        """The units of the user's scope where ``thads.org.scope`` lets them see personal data (the technical
        superuser: every unit; a statistician: none)."""
        from thads.org.scope import Action, allowed, sees_everything, visible_units

        if sees_everything(user):
            return cls(None)
        units = list(visible_units(user).only("id", "path"))
        allowed_ids = frozenset(u.pk for u in units if allowed(user, Action.PERSONAL_DATA, u))
        return cls(allowed_ids, scope_wide=bool(allowed_ids) and len(allowed_ids) == len(units))


NO_IDENTIFIERS = IdentifierAccess()
ALL_IDENTIFIERS = IdentifierAccess(None)


def _holders_sql(text: str, access: IdentifierAccess) -> tuple[str, list]:
    """``SELECT`` of the ids of the cases a party of which holds exactly this identifier, within ``access``: the
    indexed expression of ``models.IdentifierKey`` finds the parties; a case's unit is checked by its key."""
    from thads.cases.models import IdentifierKey

    key = IdentifierKey.template % {"expressions": "p.id_number"}
    sql, params = f"SELECT p.case_id FROM cases_party p WHERE {key} = %s", [normalise_identifier(text)]
    if not access.everywhere and not access.scope_wide:
        units = sorted(access.unit_ids or ())
        marks = ", ".join(["%s"] * len(units))
        sql += f" AND EXISTS (SELECT 1 FROM cases_case h WHERE h.id = p.case_id AND h.unit_id IN ({marks}))"
        params += units
    return sql, params


def _holders(text: str, access: IdentifierAccess) -> Q:
    return Q(pk__in=RawSQL(*_holders_sql(text, access)))


def _by_identifier(text: str, access: IdentifierAccess) -> bool:
    return looks_like_identifier(text) and not access.nowhere


def access_for(user, text: str) -> IdentifierAccess:
    """Where ``user`` may search ``text`` as an identifier (the scope is read only when the text looks like one)."""
    return IdentifierAccess.of(user) if looks_like_identifier(text) else NO_IDENTIFIERS


def log_identifier_search(user, hits: list[int], where: str) -> None:
    """The audit log's read row of a search by identifier that found cases: it revealed who holds the identifier
    (Decree 13/2023/NĐ-CP Art. 26–27). ``where`` names the page or download."""
    if not hits:
        return
    from thads.cases.models import Case
    from thads.org.audit import audit_read

    found = list(Case.objects.filter(pk__in=hits[:20]).order_by("-pk").values_list("ext_id", flat=True))
    single = Case.objects.get(pk=hits[0]) if len(hits) == 1 else None
    audit_read(user, f"case.search_identifier.{where}", single, fields=["id_number"], count=len(hits),
               object_repr=", ".join(found)[:255])


def identifier_hits(queryset: QuerySet, text: str, access: IdentifierAccess) -> list[int]:
    """The cases of ``queryset`` found by the exact identifier ``text`` (empty when the text is no identifier or
    the user may not search identifiers): what a search revealed, for the audit log's read row."""
    if not _by_identifier(text, access):
        return []
    return list(queryset.filter(_holders(text, access)).order_by("-pk").values_list("pk", flat=True)
                [: COUNT_CAP + 1])


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


def _words_sql(folded: str) -> tuple[str, list] | None:
    """``SELECT`` of the ids of the cases holding every word of the folded query (``None``: another database)."""
    if connection.vendor == "sqlite":
        return "SELECT rowid FROM cases_case_fts WHERE cases_case_fts MATCH %s", [fts_query(folded)]
    if connection.vendor == "postgresql":
        return (f"SELECT id FROM cases_case WHERE {PG_WORDS} @@ to_tsquery('simple'::regconfig, %s)",
                [ts_query(folded)])
    return None


def _words(folded: str, holders: tuple[str, list] | None = None) -> Q:
    """The cases holding every word of the folded query (the last one as a prefix), or, with ``holders``, one of
    the cases of that ``SELECT`` too. One ``IN`` over a ``UNION ALL``: an ``OR`` of the word match and the holders
    made PostgreSQL scan every case computing its words (663 ms on 20,000 cases)."""
    if holders is None and connection.vendor == "postgresql":  # as tuned for words alone (bench/search.py)
        return Q(RawSQL(f"{PG_WORDS} @@ to_tsquery('simple'::regconfig, %s)", [ts_query(folded)],
                        output_field=BooleanField()))
    select = _words_sql(folded)
    if select is not None:
        sql, params = select
        if holders is not None:
            sql, params = f"{sql} UNION ALL {holders[0]}", [*params, *holders[1]]
        return Q(id__in=RawSQL(sql, params))
    q = Q()
    for word in tokens(folded):  # another database: the same words, found by substring (slow, but right)
        q &= Q(search_text__contains=word)
    return q | Q(id__in=RawSQL(*holders)) if holders is not None else q


def _together(folded: str) -> Q:
    """"The words stand together as typed" outside SQLite (SQLite asks its FTS5 index for the phrase)."""
    return Q(search_text__startswith=folded) | Q(search_text__contains=f" {folded}")


def search_cases(queryset: QuerySet, text: str, access: IdentifierAccess = NO_IDENTIFIERS) -> QuerySet:
    """Filter ``queryset`` (already scoped) by the search text and order the best matches first: the case whose id
    is the text or a party of which holds the identifier (``access``: where the user may search identifiers),
    then the cases where the words stand together as typed (a name, a decision number), then the cases holding
    every word; newest first within each rank. ``RankedSearch`` pages the same order faster.

    A query that looks like an identifier finds nothing for a user who may search identifiers nowhere (never the
    unfiltered list)."""
    folded = fold(text)
    if not folded:
        return queryset
    if not tokens(folded):
        return queryset.none()
    if looks_like_identifier(text) and access.nowhere:
        return queryset.none()
    if connection.vendor == "sqlite":
        together = When(id__in=RawSQL("SELECT rowid FROM cases_case_fts WHERE cases_case_fts MATCH %s",
                                      [phrase_query(folded)]), then=Value(1))
    else:
        together = When(_together(folded), then=Value(1))
    exact, matching = Q(ext_id__in=_exact_ids(text)), _words(folded)
    if _by_identifier(text, access):
        exact, matching = exact | _holders(text, access), _words(folded, _holders_sql(text, access))
    return queryset.filter(matching).annotate(
        rank=When_(When(exact, then=Value(0)), together, default=Value(2), output_field=IntegerField())
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
    PostgreSQL keeps the single ranked query.

    ``access`` (``IdentifierAccess``) says where the text may also be looked up as a whole identifier; the holders
    rank with the case whose id is the text. ``identifier_hits`` lists them for the caller's audit row."""

    def __init__(self, queryset: QuerySet, text: str, cap: int | None = None,
                 access: IdentifierAccess = NO_IDENTIFIERS) -> None:
        self.queryset, self.text, self.access = queryset, text, access
        self.folded = fold(text)
        self.cap = cap if cap is not None else COUNT_CAP
        self.vendor = connection.vendor if tokens(self.folded) else ""
        self._head: list[int] | None = None

    def _candidates_sql(self) -> tuple[str, list]:
        # Each arm keeps its own ORDER BY (its LIMIT stops SQLite from dropping it); UNION ALL reads the arms in
        # turn and lazily, so the arm of the other words is not read once the first arms give enough rows.
        exact, exact_params = "ext_id IN (%s, %s)", _exact_ids(self.text)
        if _by_identifier(self.text, self.access):  # everywhere (this path is unscoped): the identifier's holders
            holders, holders_params = _holders_sql(self.text, self.access)
            exact, exact_params = f"({exact} OR id IN ({holders}))", [*exact_params, *holders_params]
        not_exact = f"rowid NOT IN (SELECT id FROM cases_case WHERE {exact})"
        sql = (
            f"SELECT * FROM (SELECT id AS r FROM cases_case WHERE {exact} ORDER BY id DESC LIMIT -1) "
            "UNION ALL SELECT * FROM (SELECT rowid AS r FROM cases_case_fts WHERE cases_case_fts MATCH %s "
            f"AND {not_exact} ORDER BY rowid DESC LIMIT -1) "
            "UNION ALL SELECT * FROM (SELECT rowid AS r FROM cases_case_fts WHERE cases_case_fts MATCH %s "
            f"AND {not_exact} ORDER BY rowid DESC LIMIT -1) "
            "LIMIT %s"
        )
        phrase = phrase_query(self.folded)
        others = f"({fts_query(self.folded)}) NOT {phrase}"
        return sql, [*exact_params, phrase, *exact_params, others, *exact_params, self.cap + 1]

    def head(self) -> list[int]:
        """The ids of the first ``cap + 1`` results, in rank order: the count and every page in one query."""
        if self._head is None:
            if looks_like_identifier(self.text) and self.access.nowhere:
                self._head = []  # an identifier, and the user may not search identifiers: nothing
            elif (self.vendor == "sqlite" and not self.queryset.query.where
                  and (self.access.everywhere or not _by_identifier(self.text, self.access))):
                # everything: read the index in rank order, stop at cap + 1
                candidates, params = self._candidates_sql()
                with connection.cursor() as cursor:
                    cursor.execute(f"SELECT f.r FROM ({candidates}) AS f", params)
                    self._head = [row[0] for row in cursor.fetchall()]
            else:  # a unit's scope or a filter (SQLite: the planner starts from those cases), or PostgreSQL
                self._head = list(search_cases(self.queryset, self.text, self.access)
                                  .values_list("id", flat=True)[: self.cap + 1])
        return self._head

    @cached_property
    def identifier_hits(self) -> list[int]:
        """The cases found by the exact identifier (for the audit log's read row)."""
        return identifier_hits(self.queryset, self.text, self.access)

    def count(self) -> int:
        if not self.vendor:  # no word to search: nothing, or (blank text) the whole queryset
            return search_cases(self.queryset, self.text, self.access)[: self.cap + 1].count()
        return len(self.head())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list:
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("RankedSearch supports plain slices only")
        start, stop = index.start or 0, index.stop
        if not self.vendor or stop is None or stop > self.cap + 1:
            return list(search_cases(self.queryset, self.text, self.access)[start:stop])
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
