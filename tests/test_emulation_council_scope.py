"""A member of a higher unit's emulation council (a branch head on the province's council) sees and reviews that
council's nominations, though the nominee is outside his own unit (Luật TĐKT 2022: the council of the deciding unit
advises its head); and a practice edited by someone with a narrower scope keeps the links he cannot see."""

from __future__ import annotations

from thads.domain.emulation import NominationState, NominationStep, PracticeKind
from thads.emulation import actions
from thads.emulation.permissions import allowed_steps
from thads.emulation.queries import visible_nominations

from .test_emulation_actions_workflow import propose, review, world  # noqa: F401


def test_a_branch_head_on_the_province_council_sees_and_reviews_its_nominations(world):  # noqa: F811
    p, u = world["people"], world["units"]
    actions.do_add_council_member(p["head_p"], unit=u["P"], member=p["head_b"], role="member")
    nomination = propose(world, who="head_p", unit=u["P"])
    assert nomination in visible_nominations(p["head_b"])
    assert NominationStep.REVIEW in allowed_steps(p["head_b"], nomination)
    review(world, nomination, who="head_b")
    nomination.refresh_from_db()
    assert nomination.state == NominationState.REVIEWED
    # An officer of branch B, on no council, still does not see it.
    assert nomination not in visible_nominations(p["officer_b"])


def test_a_branch_head_off_the_council_does_not_see_the_province_nomination_of_another_branch(world):  # noqa: F811
    p, u = world["people"], world["units"]
    nomination = propose(world, who="head_p", unit=u["P"])
    assert nomination not in visible_nominations(p["head_b"])


def test_editing_a_practice_keeps_the_officers_linked_outside_the_editors_scope(world):  # noqa: F811
    p, u = world["people"], world["units"]
    officer_a, officer_b = p["officer_a"].officer, p["officer_b"].officer
    practice = actions.do_save_practice(p["head_p"], kind=PracticeKind.SOLUTION, title="Phối hợp liên ngành",
                                        summary="Tóm tắt", unit=u["A"], officers=[officer_a, officer_b])
    actions.do_save_practice(p["head_a"], practice, kind=PracticeKind.SOLUTION, title="Phối hợp liên ngành (sửa)",
                             summary="Tóm tắt", unit=u["A"], officers=[officer_a])
    practice.refresh_from_db()
    assert set(practice.officers.all()) == {officer_a, officer_b}


def test_an_emulation_title_already_held_for_the_year_is_not_proposed_again(world):  # noqa: F811
    """Luật TĐKT 2022: a danh hiệu thi đua is given once for a year; a Giấy khen may be given again."""
    from datetime import timedelta

    import pytest

    from thads.domain.emulation import AwardTitle
    from thads.lib.errors import Refused

    from .test_emulation_actions_workflow import TODAY

    p = world["people"]
    nomination = propose(world)  # Lao động tiên tiến for officer_a
    review(world, nomination)
    actions.do_decide(p["head_a"], nomination, decision_no="7/QĐ", decided_on=TODAY - timedelta(days=1),
                      issuer="Chi cục trưởng")
    with pytest.raises(Refused) as caught:
        propose(world)
    assert "đã được tặng" in caught.value.message
    assert propose(world, title=AwardTitle.CERTIFICATE).pk  # a Giấy khen: another deed, allowed
