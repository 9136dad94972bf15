"""Issue 12: a unit code typed in the admin or a form is a safe file-name part (letters, digits, ``-``, ``_``,
``.``, starting with a letter or digit, no ``..``). Codes end up in the names of exported files; ``../../outside``
as a code once sent a whole export outside MEDIA_ROOT. The importer keeps the contract's rule (any non-empty
string, interchange.md "Field rules"); the export job sanitises file names itself (tests/test_jobs.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from thads.demo.province import units as demo_units
from thads.org.actions import do_create_unit
from thads.org.models import AuditEvent, Unit

BAD = ["../../../outside", "..", "A..B", "a/b", "a\\b", "/etc", ".hidden", "-A", "_A", "HUE KV1", "HUẾ", "A\x00",
       "A\n"]
GOOD = ["HUE-KV1", "P", "A", "A1", "QA", "HUE-NEW", "pv_03", "HUE.PV", "7"]


@pytest.mark.parametrize("code", BAD)
def test_a_unit_code_that_could_name_a_path_is_refused(db, code):
    with pytest.raises(ValidationError) as refused:
        do_create_unit(code, "Đơn vị thử", None, "province")
    assert "Mã đơn vị" in " ".join(refused.value.messages)
    assert not Unit.objects.exists()


@pytest.mark.parametrize("code", GOOD)
def test_the_usual_unit_codes_are_accepted(db, code):
    assert do_create_unit(code, "Đơn vị thử", None, "province").code == code


def test_every_demo_unit_code_passes_the_validator():
    for row in demo_units():
        Unit(code=row["code"], name=row["name"]).clean_fields(exclude=["parent", "level", "path"])


def test_the_admin_refuses_a_path_as_a_unit_code_and_writes_nothing(client, db):
    root = get_user_model().objects.create_superuser("root", password="x-Y-z-12345678")
    client.force_login(root)
    response = client.post(reverse("admin:org_unit_add"), {"code": "../../../outside", "name": "Ngoài",
                                                             "level": "province"})
    assert response.status_code == 200
    assert "Mã đơn vị" in " ".join(response.context["adminform"].form.errors["code"])
    assert not Unit.objects.filter(code="../../../outside").exists()
    assert not AuditEvent.objects.filter(action__startswith="org.unit").exists()


def test_the_importer_still_takes_any_code_the_contract_allows(db):
    """interchange.md: "Ids and codes are non-empty strings" — the importer is not narrowed by the form rule."""
    from thads.cases.importer import import_data

    import_data('{"type": "unit", "code": "HUE PV/1", "name": "Chi cục", "parent": null}\n')
    assert Unit.objects.filter(code="HUE PV/1").exists()
