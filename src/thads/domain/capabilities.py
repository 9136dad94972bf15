"""The capability table: which staff title may do what, beyond the unit scope (Luật THADS Arts. 17–23; Decree
62/2015 Arts. 66–71; TT 04/2023/TT-BTP; Luật Thanh tra 2022). Pure Python.

The scope (``thads.org.scope``: a user sees their unit and everything below it) says *where* a user may act; this
table says *what* a title may do there. Which legal act a title may perform on a case is the act table of
``thads.domain.act_types`` (``may_perform``); everything else a title may or may not do is here, once. The
conditions on the user's unit (the province level for imports, the national unit for a rebuild, the root for a
reopening) are applied by ``thads.org.capabilities.can``, which every view and action calls.
"""

from __future__ import annotations

from enum import StrEnum

from thads.domain.roles import Title


class Capability(StrEnum):
    CHANGE_CASES = "change_cases"  # enter acts on the unit's cases (which act: the act table)
    PERSONAL_DATA = "personal_data"  # see parties' ID numbers and addresses (Decree 13/2023/NĐ-CP)
    ADMINISTER = "administer"  # the unit's sub-units, staff and settings
    LEAD = "lead"  # the unit's work queue by officer, bulk reassignment (Thủ trưởng, Phó Thủ trưởng: Art. 23)
    VIEW_STATISTICS = "view_statistics"  # statistics pages and report files
    SUPERVISE_HOME = "supervise_home"  # the unit-wide home page (heads, statisticians, verifiers)
    CLOSE_PERIOD = "close_period"  # khóa sổ: the statistician of the unit (TT 01/2022/TT-BTP: UNVERIFIED)
    REOPEN_PERIOD = "reopen_period"  # reopening a closed period: the provincial head only
    IMPORT_CASES = "import_cases"  # bulk import of case histories (migration from the old system)
    REBUILD_STATISTICS = "rebuild_statistics"  # recompute every statistics cell (the national statistician)
    READ_AUDIT = "read_audit"  # the audit log (Thanh tra viên)
    SEE_UNIT_JOBS = "see_unit_jobs"  # the background jobs of the unit's staff (not their results)
    # Targets and emulation (issue 17; THADS.md §5, §7). Who assigns targets below the province and who proposes
    # and decides commendations is UNVERIFIED in the sector's rules: the general Luật TĐKT 2022 has the head decide
    # on the council's advice. The council's review is membership of the unit's council (``CouncilMember``).
    SET_TARGETS = "set_targets"  # enter targets received and pass them down to sub-units and officers
    MANAGE_EMULATION = "manage_emulation"  # campaigns, proposing nominations, recording commendations, the council
    DECIDE_COMMENDATION = "decide_commendation"  # the head decides a reviewed nomination (or declines it)


_ALL_ACTING = frozenset({Title.HEAD, Title.DEPUTY, Title.OFFICER, Title.CLERK, Title.ACCOUNTANT, Title.RECEPTION})

#: Title → what it may do. A title not listed under a capability never has it (the superuser, the technical root
#: account, has every capability and is handled in ``thads.org.capabilities``).
CAPABILITIES: dict[Capability, frozenset[Title]] = {
    # The verifier audits, the statistician reports, the administrator manages accounts, the inspector reads:
    # none of them enters acts (THADS.md §1.3).
    Capability.CHANGE_CASES: _ALL_ACTING,
    # The statistician and the administrator do not need the parties' identities for their work.
    Capability.PERSONAL_DATA: frozenset(Title) - {Title.STATISTICIAN, Title.ADMIN},
    Capability.ADMINISTER: frozenset({Title.ADMIN}),
    Capability.LEAD: frozenset({Title.HEAD, Title.DEPUTY}),
    Capability.VIEW_STATISTICS: frozenset({Title.HEAD, Title.DEPUTY, Title.STATISTICIAN}),
    Capability.SUPERVISE_HOME: frozenset({Title.HEAD, Title.DEPUTY, Title.STATISTICIAN, Title.VERIFIER}),
    Capability.CLOSE_PERIOD: frozenset({Title.STATISTICIAN}),
    Capability.REOPEN_PERIOD: frozenset({Title.HEAD}),
    Capability.IMPORT_CASES: frozenset({Title.HEAD, Title.ADMIN}),
    Capability.REBUILD_STATISTICS: frozenset({Title.STATISTICIAN}),
    Capability.READ_AUDIT: frozenset({Title.INSPECTOR}),
    Capability.SEE_UNIT_JOBS: frozenset({Title.HEAD, Title.DEPUTY, Title.ADMIN}),
    Capability.SET_TARGETS: frozenset({Title.HEAD, Title.DEPUTY, Title.STATISTICIAN}),
    Capability.MANAGE_EMULATION: frozenset({Title.HEAD, Title.DEPUTY}),
    Capability.DECIDE_COMMENDATION: frozenset({Title.HEAD}),
}


def title_may(title: Title | str | None, capability: Capability) -> bool:
    """Whether the title carries the capability (no unit condition applied)."""
    if not title:
        return False
    try:
        return Title(title) in CAPABILITIES[capability]
    except ValueError:
        return False


__all__ = ["CAPABILITIES", "Capability", "title_may"]
