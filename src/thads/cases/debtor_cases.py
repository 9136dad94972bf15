"""The other decided cases of a case's debtor in the same agency (Luật THADS Art. 47.2.b; Decree 62/2015 Art. 49.1:
money collected from a debtor is paid over every decision the agency enforces against him).

"The same debtor" is the same ID number or tax code (``Party.id_number``, compared as ``models.IdentifierKey``:
spaces removed, upper case, the indexed expression of ``party_identifier_key``); "the same agency" is the unit that
holds the cases. The comparison runs in the database: no party's ID number is read into Python here (Decree
13/2023/NĐ-CP, data minimisation); a page that lists what it found records the read (``audit_read``) itself.
A debtor without an ID number is matched with no other case (a name alone does not identify a person).
"""

from __future__ import annotations

from django.db.models import QuerySet

from thads.cases.models import Case, IdentifierKey, Party


def same_debtor_cases(case: Case) -> QuerySet[Case]:
    """The decided cases held by ``case``'s unit that have a debtor with the same ID number or tax code as one of
    ``case``'s debtors, ``case`` included (when it is decided), ordered by id."""
    keys = (Party.objects.filter(case_id=case.pk, role="debtor").exclude(id_number="")
            .annotate(key=IdentifierKey("id_number")).values("key"))
    holders = (Party.objects.filter(role="debtor").exclude(id_number="").annotate(key=IdentifierKey("id_number"))
               .filter(key__in=keys).values("case_id"))
    return (Case.objects.filter(unit_id=case.unit_id, decided_on__isnull=False, pk__in=holders)
            .select_related("unit", "officer").order_by("pk"))
