"""Issue 12, hole 3: party identifiers (citizen ID, passport, tax code) are found only whole, only by those who may
see personal data for the case's unit, and a search made only of an identifier finds nothing for anyone else, on
the list and in its XLSX. A search by identifier that revealed cases is logged as a read."""

from __future__ import annotations

import importlib
import io
from datetime import date

import pytest
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from thads.cases.actions import ObligationData, PartyData, do_act, do_receive
from thads.cases.models import Case, IdentifierKey, Party
from thads.cases.search import (
    ALL_IDENTIFIERS,
    IdentifierAccess,
    RankedSearch,
    looks_like_identifier,
    normalise_identifier,
    search_cases,
    search_text_of,
)
from thads.domain.roles import Title
from thads.org.actions import do_create_staff
from thads.org.models import AuditEvent

ID_A = "046090001234"
PASSPORT = "C1234567"
TAX_CODE = "0101234567-001"


def receive(user, unit, debtor, id_number, creditor="Ngân hàng TMCP Minh Phát", creditor_id=""):
    return do_receive(user, unit, on=date(2025, 3, 3), initiation="theo_don", judgment_kind="dan_su",
                      judgment_number="12/2024/DS-ST", debtors=[PartyData(debtor, id_number, "12 Lê Lợi, Huế")],
                      creditors=[PartyData(creditor, creditor_id)],
                      obligations=[ObligationData("tra_no", "person", 1_000_000)])


@pytest.fixture
def cases(org):
    people, units = org["people"], org["units"]
    return {
        "a": receive(people["head_a"], units["A"], "Nguyễn Văn Đức", ID_A),
        "passport": receive(people["head_a"], units["A"], "John Smith", PASSPORT, creditor_id=TAX_CODE),
        "b": receive(None, units["B"], "Trần Thị Dung", "079185009999"),
    }


def listed(client, user, q) -> str:
    client.force_login(user)
    response = client.get(reverse("case-list"), {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def xlsx_ids(client, user, q) -> list[str]:
    client.force_login(user)
    response = client.get(reverse("case-list-xlsx"), {"q": q})
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [row[0] for row in wb.active.iter_rows(min_row=2, values_only=True) if row[0] and "-" in str(row[0])]


def identifier_reads():
    return AuditEvent.objects.filter(kind="read", action__startswith="case.search_identifier")


# ------------------------------------------------------------------------------------------------- the word index


def test_the_word_index_holds_no_identifier(cases):
    for case in Case.objects.all():
        assert case.search_text
        for id_number in (ID_A, PASSPORT, TAX_CODE, "079185009999"):
            assert id_number.lower() not in case.search_text
            assert id_number.lower()[:6] not in case.search_text


def test_search_text_of_is_the_ids_numbers_and_names_folded():
    assert search_text_of("A-2025-00001", "12/QĐ-CCTHADS", None, ["Nguyễn Văn Đức", None, ""]) == \
        "a-2025-00001 12/qd-ccthads nguyen van duc"


def test_an_entrusted_incoming_case_carries_no_identifier_in_its_words(cases, org):
    people = org["people"]
    do_act(people["head_a"], cases["a"].pk, "decide", date(2025, 3, 5), decision_no="1/QĐ",
           officer=people["officer_a"].officer)
    do_act(people["head_a"], cases["a"].pk, "entrust_out", date(2025, 3, 10), to=org["units"]["B"],
           debtor_elsewhere=True, revocation_no="9/QĐ", revocation_on=date(2025, 3, 10))
    incoming = Case.objects.get(entrusted_from=cases["a"])
    assert "nguyen van duc" in incoming.search_text and ID_A not in incoming.search_text


# ------------------------------------------------------------------------------------------------- who finds what


@pytest.mark.parametrize("query", [ID_A, ID_A[:9], ID_A[:4], "0460 9000 1234", PASSPORT, "c123", TAX_CODE,
                                   "0101234567"])
def test_a_statistician_finds_nothing_by_an_identifier_whole_or_in_part(client, org, cases, query):
    statistician = org["people"]["statistician_p"]
    body = listed(client, statistician, query)
    for case in cases.values():
        assert case.ext_id not in body
    assert xlsx_ids(client, statistician, query) == []
    assert not identifier_reads().exists()


def test_a_statisticians_identifier_search_says_why_instead_of_listing_everything(client, org, cases):
    client.cookies["django_language"] = "en"
    body = listed(client, org["people"]["statistician_p"], ID_A)
    assert "ID numbers can be searched only by those who may see personal data." in body
    assert "0 cases" in body


def test_a_statistician_still_finds_names_decision_and_case_numbers(client, org, cases):
    statistician = org["people"]["statistician_p"]
    assert cases["a"].ext_id in listed(client, statistician, "nguyen van duc")
    assert cases["b"].ext_id in listed(client, statistician, cases["b"].ext_id)
    assert cases["a"].ext_id in listed(client, statistician, "12/2024/DS-ST")
    assert cases["a"].ext_id in xlsx_ids(client, statistician, "nguyen van duc")


def test_the_placeholder_does_not_offer_identifiers_to_who_may_not_see_them(client, org, cases):
    client.cookies["django_language"] = "en"
    assert "Name, decision or judgment number" in listed(client, org["people"]["statistician_p"], "")
    assert "Name, ID number, decision or judgment number" in listed(client, org["people"]["officer_a"], "")


@pytest.mark.parametrize("query", [ID_A, "0460 9000 1234", " 046090001234 "])
def test_an_officer_finds_a_case_of_his_unit_by_the_whole_id_number(client, org, cases, query):
    officer = org["people"]["officer_a"]
    body = listed(client, officer, query)
    assert cases["a"].ext_id in body and cases["passport"].ext_id not in body
    assert xlsx_ids(client, officer, query) == [cases["a"].ext_id]


@pytest.mark.parametrize("query", ["c1234567", "C 1234567", TAX_CODE, TAX_CODE.lower()])
def test_passports_and_tax_codes_match_whole_ignoring_spaces_and_case(client, org, cases, query):
    assert cases["passport"].ext_id in listed(client, org["people"]["officer_a"], query)


@pytest.mark.parametrize("query", [ID_A[:11], ID_A[:6], ID_A[1:], "C123456", "0101234567-00"])
def test_an_officer_cannot_rebuild_an_identifier_from_its_prefixes(client, org, cases, query):
    body = listed(client, org["people"]["officer_a"], query)
    assert cases["a"].ext_id not in body and cases["passport"].ext_id not in body


def test_an_officer_does_not_find_by_identifier_the_cases_of_another_branch(client, org, cases):
    officer_b = org["people"]["officer_b"]
    assert cases["a"].ext_id not in listed(client, officer_b, ID_A)
    assert cases["b"].ext_id in listed(client, officer_b, "079185009999")
    assert xlsx_ids(client, officer_b, ID_A) == []


def test_a_provincial_head_finds_by_identifier_in_every_branch(client, org, cases):
    head_p = do_create_staff("head_p", "Mat-khau-Thu-2025", "Võ Văn Tỉnh", org["units"]["P"], Title.HEAD)
    assert cases["a"].ext_id in listed(client, head_p, ID_A)
    assert cases["b"].ext_id in listed(client, head_p, "079185009999")


def test_identifier_access_follows_the_personal_data_rule_unit_by_unit(org):
    people, units = org["people"], org["units"]
    assert IdentifierAccess.of(people["statistician_p"]).nowhere
    assert IdentifierAccess.of(people["admin_p"]).nowhere
    assert IdentifierAccess.of(people["officer_a"]) == IdentifierAccess(frozenset({units["A"].pk}), scope_wide=True)
    assert IdentifierAccess.of(people["officer_b"]).unit_ids == {units["B"].pk}
    root = people["officer_a"].__class__.objects.create_superuser("root", password="x-Y-z-1234567")
    assert IdentifierAccess.of(root).everywhere


def test_the_exact_branch_stays_inside_the_units_it_is_given(org, cases):
    only_b = IdentifierAccess(frozenset({org["units"]["B"].pk}))
    assert list(search_cases(Case.objects.all(), ID_A, only_b)) == []
    assert RankedSearch(Case.objects.all(), ID_A, access=only_b).count() == 0
    assert list(search_cases(Case.objects.all(), ID_A, ALL_IDENTIFIERS)) == [cases["a"]]
    assert [c.pk for c in RankedSearch(Case.objects.all(), ID_A, access=ALL_IDENTIFIERS)[0:50]] == [cases["a"].pk]


def test_an_identifier_query_without_the_right_finds_nothing_even_unscoped(cases):
    """The fast unscoped path (SQLite reads FTS5 directly) obeys the same rule: never the unfiltered list."""
    for query in (ID_A, "0460", "2025"):
        assert list(search_cases(Case.objects.all(), query)) == []
        assert RankedSearch(Case.objects.all(), query).count() == 0


@pytest.mark.parametrize(("text", "expected"), [
    (ID_A, True), ("0460 9000 1234", True), ("046", True), (PASSPORT, True), ("c12", True), (TAX_CODE, True),
    ("2026-00012", True), ("A-2025-00001", False), ("HUE-KV1-2026-00012", False), ("kv1", False),
    ("12/QĐ-CCTHADS", False), ("45/2024", False), ("nguyen van duc", False), ("", False), ("/-.", False),
    ("nguyen 046090001234", False), ("AB 1234567", True), ("nguyen2025", False),
])
def test_what_looks_like_an_identifier(text, expected):
    assert looks_like_identifier(text) is expected


def test_identifiers_are_normalised_without_spaces_in_upper_case():
    assert normalise_identifier(" c 1234\t567 ") == "C1234567"


# ------------------------------------------------------------------------------------------------- audit


def test_a_search_by_identifier_that_found_a_case_is_logged_as_a_read(client, org, cases):
    officer = org["people"]["officer_a"]
    listed(client, officer, ID_A)
    row = identifier_reads().get()
    assert row.action == "case.search_identifier.list" and row.user == officer
    assert row.case_ext_id == cases["a"].ext_id and row.after == {"fields": ["id_number"], "rows": 1}
    assert ID_A not in row.object_repr  # the log says which cases were revealed, not the identifier
    xlsx_ids(client, officer, ID_A)
    assert identifier_reads().filter(action="case.search_identifier.xlsx").count() == 1


def test_a_name_search_or_an_identifier_that_found_nothing_is_not_logged(client, org, cases):
    officer = org["people"]["officer_a"]
    listed(client, officer, "nguyen van duc")
    listed(client, officer, "999999999999")
    assert not identifier_reads().exists()


# ------------------------------------------------------------------------------------------------- index, migration


def test_the_identifier_lookup_uses_its_index(cases):
    parties = Party.objects.alias(key=IdentifierKey("id_number")).filter(key=normalise_identifier(ID_A))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            plan = parties.explain()
    else:
        plan = parties.explain()
    assert "party_identifier_key" in plan


def test_the_migration_rebuilds_old_search_texts_and_their_word_index_without_identifiers(cases):
    migration = importlib.import_module("thads.cases.migrations.0006_trust")
    case = cases["a"]
    Case.objects.filter(pk=case.pk).update(search_text=f"{case.search_text} {ID_A}")  # as before the migration
    assert list(search_cases(Case.objects.all(), f"nguyen {ID_A}")) == [case]

    class Editor:
        connection = connection

    migration.rebuild_search_text(None, Editor())
    case.refresh_from_db()
    assert ID_A not in case.search_text and "nguyen van duc" in case.search_text
    assert list(search_cases(Case.objects.all(), f"nguyen {ID_A}")) == []
    assert list(search_cases(Case.objects.all(), "nguyen van duc")) == [case]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM cases_case_fts WHERE cases_case_fts MATCH %s", [f'"{ID_A}"'])
            assert cursor.fetchone()[0] == 0
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'cases_case_fts_au'")
            assert cursor.fetchone()[0] == 1  # the trigger is back


IMPORTED = (
    '{"type": "unit", "code": "HUE", "name": "Cục THADS tỉnh Huế", "parent": null}\n'
    '{"type": "unit", "code": "HUE-PV", "name": "Chi cục THADS huyện Phú Vang", "parent": "HUE"}\n'
    '{"type": "officer", "code": "PV-CHV-03", "name": "Trần Thị Hoa", "unit": "HUE-PV"}\n'
    '{"type": "case", "id": "V1", "unit": "HUE-PV", "decided_on": "2024-06-10", "decision_no": "V1/QĐ-CCTHADS", '
    '"initiation": "chu_dong", "judgment_kind": "dan_su", "officer": "PV-CHV-03", "debtor": {"name": "Lê Văn Đức", '
    '"id_number": "046090001234", "address": "Phú Thuận, Phú Vang"}, "obligations": [{"id": "1", "kind": "an_phi", '
    '"beneficiary": "state", "amount": 5000000}]}\n'
)


def test_an_imported_case_carries_no_identifier_in_its_words(db):
    from thads.cases.importer import import_data

    import_data(IMPORTED.encode())
    case = Case.objects.get(ext_id="V1")
    assert "le van duc" in case.search_text
    assert "046090001234" not in case.search_text
