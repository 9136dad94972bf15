"""The assets actions called directly (a script, the coming API), not through the pages: a date outside the working
calendar's years is refused by the action itself, and an officer of another unit learns nothing about an asset
of that unit (the scope is checked before whether it was distrained)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.test_assets_pages import world  # noqa: F401 (the fixture)
from tests.test_review_assets_security import other  # noqa: F401 (the fixture)
from thads.assets.actions import do_record_declaration
from thads.assets.actions_auction import do_value_asset
from thads.assets.errors import AssetsRefused
from thads.assets.models import Asset, Valuation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("on", [
    pytest.param(date(1, 1, 1), id="year 1"),
    pytest.param(date(1900, 1, 1), id="1900"),
    pytest.param(date(2008, 12, 31), id="before the calendar's first year"),
])
def test_an_action_refuses_a_date_outside_the_working_calendars_years(staff, world, on):
    with pytest.raises(AssetsRefused) as exc:
        do_record_declaration(staff["officer_a"], world.debtor.pk, declared_on=on, declaration="Không có tài sản")
    assert exc.value.code == "date_range"
    world.debtor.refresh_from_db()
    assert world.debtor.declared_on is None


def test_valuing_another_units_asset_is_refused_for_scope_before_anything_is_said_about_it(staff, other):
    """Another unit's asset: the refusal is the scope's, not "not distrained" (which would tell its state)."""
    undistrained = Asset.objects.create(debtor=other["debtor"], kind="land", description="Thửa đất B",
                                        found_on=date(2026, 1, 5))
    with pytest.raises(AssetsRefused) as exc:
        do_value_asset(staff["officer_a"], undistrained.pk, method="agreed", on=date(2026, 3, 2), value=1)
    assert exc.value.code == "scope"
    assert not Valuation.objects.exists()


def test_the_decide_form_passes_an_organisations_legal_representative_to_the_exit_ban():
    """Decree 62/2015 Art. 51.1: an organisation's exit ban names its legal representative; the form carries it."""
    from thads.assets.forms import DecideMeasureForm

    form = DecideMeasureForm({"kind": "exit_ban", "on": "02/03/2026", "representative": " Trần Văn Bình ", "token": "t" * 32}, assets=[])
    assert form.is_valid(), form.errors
    assert form.action_kwargs()["details"] == {"representative": "Trần Văn Bình"}
