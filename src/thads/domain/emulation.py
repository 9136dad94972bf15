"""Targets, emulation and commendation: the vocabulary (THADS.md §5 and §7). Pure Python.

Legal basis: Luật Thi đua, Khen thưởng 2022 (06/2022/QH15, in force 01/01/2024) — emulation titles (Art. 23 ff.),
forms of reward (Art. 32 ff.), the emulation council (Hội đồng Thi đua – Khen thưởng) that advises the head before he
decides (Art. 86 ff.); its implementing decree (98/2023/NĐ-CP: number UNVERIFIED, THADS.md §7). The justice sector's
own circular (TT 05/2018/TT-BTP) expired on 12/02/2024 and its successor's number is UNVERIFIED: the titles below are
those of the general law; **their criteria are UNVERIFIED** and are not checked by the system, which only supplies the
figures for the file (the evidence sheet).

Targets (chỉ tiêu): the National Assembly and the Ministry assign a completion rate in cases and in money on the
"có điều kiện" base every statistical year (THADS.md §5, verified). How the Ministry and a province pass targets down
to branches and officers is **UNVERIFIED** (THADS.md §5): the system stores one target per (year, issuer, unit or
officer) and checks that the parts can add up to the whole (``thads.domain.targets``).
"""

from __future__ import annotations

from enum import StrEnum


class Issuer(StrEnum):
    """Who assigned a target (THADS.md §5: "chỉ tiêu được Quốc hội giao", "Bộ Tư pháp, Tổng cục giao")."""

    NATIONAL_ASSEMBLY = "national_assembly"  # Quốc hội
    MINISTRY = "ministry"  # Bộ Tư pháp
    NATIONAL_DEPARTMENT = "national_department"  # Cục Quản lý THADS (formerly Tổng cục THADS)
    PROVINCE = "province"  # Cục THADS / THADS tỉnh: to its branches and officers
    BRANCH = "branch"  # Chi cục / phòng THADS khu vực: to its own officers


ISSUER_LABELS_VI: dict[Issuer, str] = {
    Issuer.NATIONAL_ASSEMBLY: "Quốc hội",
    Issuer.MINISTRY: "Bộ Tư pháp",
    Issuer.NATIONAL_DEPARTMENT: "Cục Quản lý thi hành án dân sự",
    Issuer.PROVINCE: "Cơ quan THADS cấp tỉnh",
    Issuer.BRANCH: "Chi cục / Phòng THADS khu vực",
}

#: Issuers above the province: their targets are entered by the province for itself (or, with no unit, as the
#: national line) — nobody in a provincial installation issues them.
EXTERNAL_ISSUERS: frozenset[Issuer] = frozenset({Issuer.NATIONAL_ASSEMBLY, Issuer.MINISTRY,
                                                  Issuer.NATIONAL_DEPARTMENT})


class RecipientKind(StrEnum):
    INDIVIDUAL = "individual"  # cá nhân
    COLLECTIVE = "collective"  # tập thể


class AwardForm(StrEnum):
    TITLE = "title"  # danh hiệu thi đua (Luật TĐKT 2022 Art. 23 ff.)
    REWARD = "reward"  # hình thức khen thưởng (Art. 32 ff.)


class AwardTitle(StrEnum):
    """Emulation titles and forms of reward (THADS.md §7; Luật TĐKT 2022). Criteria UNVERIFIED, not checked."""

    ADVANCED_WORKER = "advanced_worker"  # Lao động tiên tiến
    GRASSROOTS_FIGHTER = "grassroots_fighter"  # Chiến sĩ thi đua cơ sở
    MINISTRY_FIGHTER = "ministry_fighter"  # Chiến sĩ thi đua cấp bộ
    NATIONAL_FIGHTER = "national_fighter"  # Chiến sĩ thi đua toàn quốc
    ADVANCED_COLLECTIVE = "advanced_collective"  # Tập thể lao động tiên tiến
    EXCELLENT_COLLECTIVE = "excellent_collective"  # Tập thể lao động xuất sắc
    MINISTRY_FLAG = "ministry_flag"  # Cờ thi đua của Bộ
    GOVERNMENT_FLAG = "government_flag"  # Cờ thi đua của Chính phủ
    CERTIFICATE = "certificate"  # Giấy khen (the head of the agency)
    MINISTER_CERTIFICATE = "minister_certificate"  # Bằng khen của Bộ trưởng
    PM_CERTIFICATE = "pm_certificate"  # Bằng khen của Thủ tướng Chính phủ
    ORDER = "order"  # Huân chương


#: title → (Vietnamese name, recipient kind or None for both, form, decided by the head of the agency itself).
#: "decided here": the head of the provincial department (or of a branch) decides it himself; every other title is
#: proposed upward and the system records the superior's decision (number, date, issuer) — Luật TĐKT 2022
#: Arts. 76–80 on competence (article numbers UNVERIFIED).
AWARD_TITLES: dict[AwardTitle, tuple[str, RecipientKind | None, AwardForm, bool]] = {
    AwardTitle.ADVANCED_WORKER: ("Lao động tiên tiến", RecipientKind.INDIVIDUAL, AwardForm.TITLE, True),
    AwardTitle.GRASSROOTS_FIGHTER: ("Chiến sĩ thi đua cơ sở", RecipientKind.INDIVIDUAL, AwardForm.TITLE, True),
    AwardTitle.MINISTRY_FIGHTER: ("Chiến sĩ thi đua cấp bộ", RecipientKind.INDIVIDUAL, AwardForm.TITLE, False),
    AwardTitle.NATIONAL_FIGHTER: ("Chiến sĩ thi đua toàn quốc", RecipientKind.INDIVIDUAL, AwardForm.TITLE, False),
    AwardTitle.ADVANCED_COLLECTIVE: ("Tập thể lao động tiên tiến", RecipientKind.COLLECTIVE, AwardForm.TITLE, True),
    AwardTitle.EXCELLENT_COLLECTIVE: ("Tập thể lao động xuất sắc", RecipientKind.COLLECTIVE, AwardForm.TITLE, False),
    AwardTitle.MINISTRY_FLAG: ("Cờ thi đua của Bộ Tư pháp", RecipientKind.COLLECTIVE, AwardForm.TITLE, False),
    AwardTitle.GOVERNMENT_FLAG: ("Cờ thi đua của Chính phủ", RecipientKind.COLLECTIVE, AwardForm.TITLE, False),
    AwardTitle.CERTIFICATE: ("Giấy khen", None, AwardForm.REWARD, True),
    AwardTitle.MINISTER_CERTIFICATE: ("Bằng khen của Bộ trưởng Bộ Tư pháp", None, AwardForm.REWARD, False),
    AwardTitle.PM_CERTIFICATE: ("Bằng khen của Thủ tướng Chính phủ", None, AwardForm.REWARD, False),
    AwardTitle.ORDER: ("Huân chương", None, AwardForm.REWARD, False),
}


def title_label(title: AwardTitle | str) -> str:
    """The Vietnamese name of an award title (the code itself when unknown)."""
    try:
        return AWARD_TITLES[AwardTitle(title)][0]
    except ValueError:
        return str(title)


def title_fits(title: AwardTitle | str, kind: RecipientKind | str) -> bool:
    """Whether ``title`` may be given to an individual or a collective (Luật TĐKT 2022: individual titles to
    persons, collective titles to collectives; certificates and orders to both)."""
    try:
        wanted = AWARD_TITLES[AwardTitle(title)][1]
        return wanted is None or wanted == RecipientKind(kind)
    except ValueError:
        return False


class NominationState(StrEnum):
    """A nomination's workflow (đề nghị → Hội đồng TĐKT xét → quyết định / không khen)."""

    PROPOSED = "proposed"  # đã đề nghị
    REVIEWED = "reviewed"  # Hội đồng Thi đua – Khen thưởng đã xét, đề nghị khen
    DECIDED = "decided"  # đã có quyết định khen thưởng
    DECLINED = "declined"  # không khen (council or head)


class NominationStep(StrEnum):
    PROPOSE = "propose"
    REVIEW = "review"  # the council's favourable opinion (votes recorded)
    DECIDE = "decide"  # the decision: number, date, issuer; writes a Commendation
    DECLINE = "decline"  # the council's unfavourable opinion, or the head's refusal
    WITHDRAW = "withdraw"  # the proposer takes it back before the council has reviewed it


#: (state before, step) → state after. ``None`` before = a new nomination.
NOMINATION_FLOW: dict[tuple[NominationState | None, NominationStep], NominationState] = {
    (None, NominationStep.PROPOSE): NominationState.PROPOSED,
    (NominationState.PROPOSED, NominationStep.REVIEW): NominationState.REVIEWED,
    (NominationState.PROPOSED, NominationStep.DECLINE): NominationState.DECLINED,
    (NominationState.PROPOSED, NominationStep.WITHDRAW): NominationState.DECLINED,
    (NominationState.REVIEWED, NominationStep.DECIDE): NominationState.DECIDED,
    (NominationState.REVIEWED, NominationStep.DECLINE): NominationState.DECLINED,
}


def next_state(state: NominationState | str | None, step: NominationStep | str) -> NominationState | None:
    """The state a nomination reaches by ``step`` from ``state`` (None: the step is not allowed there)."""
    before = NominationState(state) if state else None
    return NOMINATION_FLOW.get((before, NominationStep(step)))


class PracticeKind(StrEnum):
    """Good-practice library entries (điển hình tiên tiến, giải pháp hay, cách làm hay)."""

    EXEMPLAR = "exemplar"  # điển hình tiên tiến
    SOLUTION = "solution"  # giải pháp hay / sáng kiến
    DIFFICULT_CASE = "difficult_case"  # kinh nghiệm giải quyết việc khó, phức tạp


__all__ = ["AWARD_TITLES", "EXTERNAL_ISSUERS", "ISSUER_LABELS_VI", "NOMINATION_FLOW", "AwardForm", "AwardTitle",
           "Issuer", "NominationState", "NominationStep", "PracticeKind", "RecipientKind", "next_state",
           "title_fits", "title_label"]
