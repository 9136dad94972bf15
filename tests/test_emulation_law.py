"""Issue 17, the law review of emulation and commendation (Luật Thi đua, Khen thưởng 2022, 06/2022/QH15):

- who decides a title — Art. 80.1 (VERIFIED, Công báo 571+572/2022 p. 57): the head of a unit with legal personality
  under a Ministry decides "Tập thể lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Lao động tiên tiến" and Giấy
  khen; everything else is the superior's decision; a branch's legal personality is UNVERIFIED (configurable);
- prerequisites between titles (ministry-level fighter: 3 consecutive grassroots titles; national: 2 consecutive
  ministry-level ones — [S]; grassroots fighter: Lao động tiên tiến the same year — old regime, UNVERIFIED now) and
  the share of grassroots fighters (≤ 15 % of advanced workers — Decree 91/2017 Art. 9.3, repealed, UNVERIFIED now,
  configurable): warnings frozen with the nomination and printed on the evidence sheet, never a refusal."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import translation

from thads.domain.emulation import (
    AWARD_TITLES,
    HEAD_DECIDES,
    AwardTitle,
    decided_by_head,
    share_exceeded,
    title_warnings,
)
from thads.emulation import actions
from thads.emulation.evidence import lines
from thads.emulation.law import decides_here

from .test_emulation_actions import TODAY, YEAR, build_world

T = AwardTitle

# Art. 80.1: (title, the head of a legal entity decides it himself)
ART_80_1 = [
    (T.ADVANCED_WORKER, True), (T.GRASSROOTS_FIGHTER, True), (T.ADVANCED_COLLECTIVE, True), (T.CERTIFICATE, True),
    (T.EXCELLENT_COLLECTIVE, False), (T.MINISTRY_FIGHTER, False), (T.NATIONAL_FIGHTER, False),
    (T.MINISTRY_FLAG, False), (T.GOVERNMENT_FLAG, False), (T.MINISTER_CERTIFICATE, False),
    (T.PM_CERTIFICATE, False), (T.ORDER, False),
]


@pytest.mark.parametrize(("title", "head_decides"), ART_80_1)
def test_art_80_1_the_head_of_a_legal_entity_decides_exactly_the_four_titles_and_no_head_without_one(
        title, head_decides):
    assert decided_by_head(title, legal_entity=True) is head_decides
    assert decided_by_head(title, legal_entity=False) is False
    assert AWARD_TITLES[title][3] is head_decides  # the table's "decided here" flag agrees with Art. 80.1
    assert (title in HEAD_DECIDES) is head_decides


# (title, year, held: year → titles, warnings) — the prerequisite titles ([S] / UNVERIFIED, see the module docstring)
PREREQUISITES = [
    (T.GRASSROOTS_FIGHTER, 2025, {}, ["prerequisite"]),
    (T.GRASSROOTS_FIGHTER, 2025, {2024: {"advanced_worker"}}, ["prerequisite"]),
    (T.GRASSROOTS_FIGHTER, 2025, {2025: {"advanced_worker"}}, []),
    (T.MINISTRY_FIGHTER, 2025, {2024: {"grassroots_fighter"}, 2023: {"grassroots_fighter"}}, ["prerequisite"]),
    (T.MINISTRY_FIGHTER, 2025, {y: {"grassroots_fighter"} for y in (2022, 2023, 2024)}, []),
    (T.MINISTRY_FIGHTER, 2025, {y: {"grassroots_fighter"} for y in (2021, 2022, 2024)}, ["prerequisite"]),
    (T.NATIONAL_FIGHTER, 2025, {2024: {"ministry_fighter"}, 2023: {"ministry_fighter"}}, []),
    (T.NATIONAL_FIGHTER, 2025, {2024: {"ministry_fighter"}}, ["prerequisite"]),
    (T.ADVANCED_WORKER, 2025, {}, []),
    (T.CERTIFICATE, 2025, {}, []),
]


@pytest.mark.parametrize(("title", "year", "held", "expected"), PREREQUISITES)
def test_a_title_whose_prerequisite_the_records_do_not_show_gets_a_warning(title, year, held, expected):
    assert title_warnings(title, year, held) == expected


# (grassroots fighters, advanced workers, max %, exceeded) — Decree 91/2017 Art. 9.3 [S], UNVERIFIED now
SHARES = [
    (3, 20, Decimal("15"), False),  # exactly 15 %
    (4, 20, Decimal("15"), True),
    (1, 0, Decimal("15"), True),
    (0, 0, Decimal("15"), False),
    (4, 20, Decimal("20"), False),
    (50, 1, None, False),  # no check configured
]


@pytest.mark.parametrize(("fighters", "workers", "limit", "exceeded"), SHARES)
def test_grassroots_fighters_above_the_configured_share_of_advanced_workers_are_flagged(
        fighters, workers, limit, exceeded):
    assert share_exceeded(fighters, workers, limit) is exceeded


@pytest.fixture
def world(org):
    return build_world(org)


def _propose(world, title, on_days=20):
    p, u = world["people"], world["units"]
    return actions.do_propose(p["head_a"], unit=u["A"], year=YEAR, title=title, officer=p["officer_a"].officer,
                              reason="Hoàn thành xuất sắc nhiệm vụ", on=TODAY - timedelta(days=on_days))


def _advanced_worker(world):
    p = world["people"]
    actions.do_record_commendation(p["head_a"], kind="individual", title=T.ADVANCED_WORKER, year=YEAR,
                                   decision_no="5/QĐ-CCTHADS", decided_on=TODAY - timedelta(days=30),
                                   issuer="Chi cục trưởng", officer=p["officer_a"].officer)


def test_a_grassroots_fighter_proposed_without_advanced_worker_is_frozen_with_both_warnings_and_shown(world):
    nomination = _propose(world, T.GRASSROOTS_FIGHTER)
    checks = nomination.evidence["law_checks"]
    assert checks["warnings"] == ["prerequisite", "share"]  # no LĐTT: 1 fighter over 0 advanced workers
    assert checks["share"] == {"fighters": 1, "advanced_workers": 0, "max": "15.00"}
    assert checks["criteria"] and nomination.events.get(seq=1).details["warnings"] == ["prerequisite", "share"]
    with translation.override("en"):
        text = [label for label, _kind, _value in lines(nomination.evidence)]
    assert text.count("Warning") == 2 and "Criterion to check" in text


def test_with_the_advanced_worker_recorded_the_grassroots_fighter_has_no_prerequisite_warning(world):
    _advanced_worker(world)
    with override_settings(THADS_GRASSROOTS_FIGHTER_MAX_SHARE=None):
        checks = _propose(world, T.GRASSROOTS_FIGHTER).evidence["law_checks"]
    assert checks["warnings"] == [] and checks["share"]["max"] is None


@pytest.mark.parametrize(("levels", "decided_here"), [(None, False), (("province", "national", "district"), True)])
def test_a_branch_head_decides_an_art_80_1_title_only_when_branches_are_configured_legal_entities(
        world, levels, decided_here):
    p, u = world["people"], world["units"]
    with override_settings(THADS_EMULATION_LEGAL_ENTITY_LEVELS=levels):
        assert decides_here(T.ADVANCED_WORKER, u["P"]) is True  # the provincial department: a legal entity
        assert decides_here(T.EXCELLENT_COLLECTIVE, u["P"]) is False  # above Art. 80.1 whatever the unit
        nomination = _propose(world, T.ADVANCED_WORKER)
        assert nomination.evidence["law_checks"]["decided_here"] is decided_here
        actions.do_add_council_member(p["head_a"], unit=u["A"], member=p["deputy_a"], role="chair")
        actions.do_review(p["deputy_a"], nomination, on=TODAY - timedelta(days=10), votes_for=3, votes_against=0)
        actions.do_decide(p["head_a"], nomination, decision_no="9/QĐ", decided_on=TODAY - timedelta(days=1),
                          issuer="Chi cục trưởng")
    assert nomination.events.get(step="decide").details["decided_here"] is decided_here
