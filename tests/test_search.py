"""Finding a case in one box, ignoring Vietnamese diacritics and case (issue 7)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection

from tests.conftest import PASSWORD
from thads.cases.actions import ObligationData, PartyData, do_receive
from thads.cases.models import Case
from thads.cases.search import (
    ALL_IDENTIFIERS,
    CappedPaginator,
    RankedSearch,
    fts_query,
    search_cases,
    ts_query,
)


@pytest.fixture
def cases(org):
    head = org["people"]["head_a"]

    def make(debtor, id_number="", creditor="Công ty TNHH Minh Phát", number="12/2024/DS-ST"):
        return do_receive(head, org["units"]["A"], on=date(2025, 3, 3), initiation="theo_don", judgment_kind="dan_su",
                          judgment_number=number, debtors=[PartyData(debtor, id_number)],
                          creditors=[PartyData(creditor)], obligations=[ObligationData("tra_no", "person", 1_000_000)])

    return {"duc": make("Nguyễn Văn Đức", "046090001234"), "duc2": make("Lê Đức Nguyên"),
            "dung": make("Trần Thị Dung", number="77/2023/HNGĐ-ST"), "b": None}


@pytest.mark.parametrize("query", ["nguyen van duc", "NGUYEN VAN DUC", "Nguyễn Văn Đức", "nguyễn văn đức", "van duc"])
def test_it_finds_a_name_without_diacritics(cases, query):
    found = list(search_cases(Case.objects.all(), query))
    assert found and found[0] == cases["duc"]
    assert cases["dung"] not in found


def test_it_finds_by_whole_id_number_creditor_and_judgment_number(cases):
    assert list(search_cases(Case.objects.all(), "046090001234", ALL_IDENTIFIERS)) == [cases["duc"]]
    assert cases["dung"] in search_cases(Case.objects.all(), "77/2023")
    assert set(search_cases(Case.objects.all(), "minh phat")) == {cases["duc"], cases["duc2"], cases["dung"]}


def test_exact_matches_rank_first(cases):
    found = list(search_cases(Case.objects.all(), cases["duc2"].ext_id))
    assert found[0] == cases["duc2"]


def test_the_search_box_stays_inside_the_users_scope(client, cases):
    client.post("/login/", {"username": "officer_b", "password": PASSWORD})
    body = client.get("/cases/", {"q": "nguyen van duc"}).content.decode()
    assert cases["duc"].ext_id not in body
    client.logout()
    client.post("/login/", {"username": "officer_a", "password": PASSWORD})
    body = client.get("/cases/", {"q": "nguyen van duc"}).content.decode()
    assert cases["duc"].ext_id in body and cases["dung"].ext_id not in body


def test_fts_queries_are_prefix_queries_of_the_folded_tokens():
    assert fts_query("nguyen van du") == '"nguyen" "van" "du"*'
    assert fts_query("12/qd-ccthads") == '"12" "qd" "ccthads"*'
    assert fts_query("   ") == ""


def test_words_need_not_stand_together_but_the_phrase_ranks_first(cases):
    found = list(search_cases(Case.objects.all(), "duc nguyen"))  # Lê Đức Nguyên: together; Nguyễn Văn Đức: apart
    assert found == [cases["duc2"], cases["duc"]]
    found = list(search_cases(Case.objects.all(), "nguyen duc"))  # together in neither: newest first
    assert found == [cases["duc2"], cases["duc"]]
    found = list(search_cases(Case.objects.all(), "van du"))  # the phrase, its last word still being typed
    assert found == [cases["duc"]]


def test_postgresql_queries_are_the_same_words_and_prefix():
    assert ts_query("nguyen van du") == "nguyen & van & du:*"
    assert ts_query("12/qd-ccthads") == "12 & qd & ccthads:*"
    assert ts_query(" - ") == ""


@pytest.mark.parametrize("query", ["guyen", "an duc", "nguyen-van", "nguyen van 12/2024"])
def test_both_databases_match_whole_words_from_their_start(cases, query):
    found = list(search_cases(Case.objects.all(), query))
    if query == "guyen":  # the middle of a word is not a word
        assert found == []
    elif query == "an duc":  # "an" is the start of no word of these cases
        assert found == []
    else:
        assert found and found[0] == cases["duc"]


def test_a_query_of_punctuation_only_finds_nothing(cases):
    assert list(search_cases(Case.objects.all(), "/-.")) == []


def test_a_broad_search_counts_only_up_to_the_cap(cases):
    everything = search_cases(Case.objects.all(), "minh phat")
    paginator = CappedPaginator(everything, 1, cap=2)
    assert paginator.capped and paginator.num_pages == 2
    assert [c.pk for c in paginator.page(2)] == [list(everything)[1].pk]
    roomy = CappedPaginator(everything, 1, cap=10)
    assert not roomy.capped and roomy.count == 3 and roomy.num_pages == 3


def test_the_list_says_more_than_the_cap_when_a_search_is_broad(client, cases, monkeypatch):
    monkeypatch.setattr("thads.cases.search.COUNT_CAP", 2)
    client.cookies["django_language"] = "en"
    client.post("/login/", {"username": "officer_a", "password": PASSWORD})
    body = client.get("/cases/", {"q": "minh phat"}).content.decode()
    assert "More than 2 cases match" in body
    body = client.get("/cases/", {"q": "nguyen van duc"}).content.decode()
    assert "More than" not in body and cases["duc"].ext_id in body


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the word index is PostgreSQL's")
def test_postgresql_answers_from_the_word_index(cases):
    """The query repeats the indexed expression of migration 0005 exactly, or PostgreSQL scans every case."""
    queryset = search_cases(Case.objects.all(), "nguyen van du")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = "\n".join(queryset.explain().splitlines())
    assert "cases_case_search_words" in plan


@pytest.mark.parametrize("query", ["nguyen", "duc nguyen", "minh phat", "nguyen van du", "12/2024", "046090001234",
                                   "a-2025-00002", "A-2025-00003", "zzz", "ds st"])
def test_the_paged_search_keeps_the_order_of_the_full_search(cases, query):
    for access in ({}, {"access": ALL_IDENTIFIERS}):
        everything = [c.pk for c in search_cases(Case.objects.all(), query, **access)]
        ranked = RankedSearch(Case.objects.all(), query, **access)
        assert [c.pk for c in ranked[0:50]] == everything
        assert [c.pk for c in ranked[1:2]] == everything[1:2]
        assert ranked.count() == len(everything)


def test_the_paged_search_stays_inside_the_scope_and_filters(cases, org):
    outside = do_receive(None, org["units"]["B"],  # a system act (an import)
                         on=date(2025, 3, 3), initiation="theo_don", judgment_kind="dan_su",
                         debtors=[PartyData("Nguyễn Văn Đức")], obligations=[ObligationData("tra_no", "person", 1)])
    in_a = Case.objects.filter(unit=org["units"]["A"])
    ranked = RankedSearch(in_a, "nguyen van duc")
    assert outside.pk not in [c.pk for c in ranked[0:50]] and ranked.count() == 1
    assert [c.pk for c in RankedSearch(Case.objects.all(), "nguyen van duc")[0:50]][:2] == [outside.pk,
                                                                                            cases["duc"].pk]
    assert RankedSearch(in_a.filter(judgment_kind="hinh_su"), "nguyen van duc").count() == 0


@pytest.mark.parametrize("cap", [1, 2, 1000])
def test_the_paged_search_is_the_same_scoped_or_not(cases, org, cap):
    """Unscoped, SQLite reads the index in rank order; scoped, the planner ranks: the same cases, the same order."""
    do_receive(None, org["units"]["B"], on=date(2025, 3, 3), initiation="theo_don", judgment_kind="dan_su",
               debtors=[PartyData("Nguyễn Minh Phát")], obligations=[ObligationData("tra_no", "person", 1)])
    for queryset in (Case.objects.all(), Case.objects.filter(unit=org["units"]["A"])):
        everything = [c.pk for c in search_cases(queryset, "minh phat")]
        ranked = RankedSearch(queryset, "minh phat", cap=cap)
        assert ranked.count() == min(len(everything), cap + 1)
        assert [c.pk for c in ranked[0:cap]] == everything[:cap]
