"""Find cases in one box by debtor or creditor name, ID number, decision or judgment number, ignoring Vietnamese
diacritics and case ("nguyen van duc" finds "Nguyễn Văn Đức"). Exact matches rank first."""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import Case as When_
from django.db.models import IntegerField, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from thads.lib.text import fold

_TOKEN = re.compile(r"[0-9a-z]+")


def fts_query(folded: str) -> str:
    """An FTS5 query: every token of the folded text, the last one as a prefix."""
    tokens = _TOKEN.findall(folded)
    if not tokens:
        return ""
    parts = [f'"{t}"' for t in tokens[:-1]] + [f'"{tokens[-1]}"*']
    return " ".join(parts)


def search_cases(queryset: QuerySet, text: str) -> QuerySet:
    """Filter ``queryset`` (already scoped) by the search text and order the best matches first."""
    folded = fold(text)
    if not folded:
        return queryset
    if connection.vendor == "sqlite":
        match = fts_query(folded)
        if not match:
            return queryset.none()
        queryset = queryset.filter(id__in=RawSQL("SELECT rowid FROM cases_case_fts WHERE cases_case_fts MATCH %s",
                                                 [match]))
    else:
        for word in folded.split():  # every word somewhere (trigram index), the whole phrase ranks higher
            queryset = queryset.filter(search_text__contains=word)
    exact = text.strip()
    return queryset.annotate(
        rank=When_(
            When(ext_id__iexact=exact, then=Value(0)),
            When(decision_no__iexact=exact, then=Value(0)),
            When(judgment_number__iexact=exact, then=Value(0)),
            When(search_text__startswith=folded, then=Value(1)),
            When(search_text__contains=f" {folded} ", then=Value(1)),
            When(search_text__contains=folded, then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
    ).order_by("rank", "-last_event_on", "id")
