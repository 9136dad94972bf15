"""Finding a case in one box, ignoring Vietnamese diacritics and case (issue 7)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import PASSWORD
from thads.cases.actions import ObligationData, PartyData, do_receive
from thads.cases.models import Case
from thads.cases.search import fts_query, search_cases


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


def test_it_finds_by_id_number_creditor_and_judgment_number(cases):
    assert list(search_cases(Case.objects.all(), "046090001234")) == [cases["duc"]]
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
    found = list(search_cases(Case.objects.all(), "nguyen duc"))
    assert found[0] == cases["duc"] and cases["duc2"] in found
