"""Targets, emulation and commendation: the vocabulary (THADS.md §5 and §7). Pure Python.

Legal basis: Luật Thi đua, Khen thưởng 2022 (06/2022/QH15, in force 01/01/2024). What was checked against a text:

* **Competence, Art. 80.1 — VERIFIED** (official gazette: Công báo số 571+572 of 15/07/2022, p. 57): "Thủ trưởng cơ
  quan, tổ chức, đơn vị có tư cách pháp nhân thuộc Bộ, ban, ngành … quyết định tặng danh hiệu “Tập thể lao động tiên
  tiến”, “Chiến sĩ thi đua cơ sở”, “Lao động tiên tiến” và giấy khen". Every other title is decided above (the
  Minister, the Government, the President): :data:`HEAD_DECIDES`, :func:`decided_by_head`. Whether a branch
  (Chi cục / Phòng THADS khu vực) has legal personality is **UNVERIFIED**: the levels whose head decides are data
  (``thads.emulation.law.legal_entity_levels``, settings ``THADS_EMULATION_LEGAL_ENTITY_LEVELS``).
* **Criteria** (Arts. 23–28; secondary sources only [S]: lawnet.vn, baohatinh.vn, laocai.edu.vn quoting the 2022
  text): Lao động tiên tiến: "hoàn thành tốt nhiệm vụ trở lên" and the attitude criteria (Art. 24.1 [S]); Chiến sĩ
  thi đua Bộ, ngành, tỉnh: chosen among those with **3 consecutive** "Chiến sĩ thi đua cơ sở" titles and an
  initiative applied in the sector [S]; Chiến sĩ thi đua toàn quốc: among those with **2 consecutive** ministry-level
  titles [S]. Chiến sĩ thi đua cơ sở requiring "Lao động tiên tiến" the same year and an initiative, and its rate
  "không quá 15% tổng số cá nhân đạt danh hiệu Lao động tiên tiến", are the old regime (Luật 2003 Art. 23; Decree
  91/2017 Art. 9.3 [S], both repealed); under the 2022 law they are **UNVERIFIED**. The system never refuses on
  these: :data:`TITLE_PREREQUISITES`, :data:`TITLE_CRITERIA_VI` and :func:`title_warnings` give **warnings** for the
  council and the evidence sheet, and the 15 % share is configurable (:data:`GRASSROOTS_FIGHTER_MAX_SHARE`).
* **The council** (Hội đồng Thi đua – Khen thưởng) advises; the head decides (article number UNVERIFIED).
* **Implementing decree:** 98/2023/NĐ-CP was replaced by **Decree 152/2025/NĐ-CP** from 01/07/2025 (its Art. 59, [S]:
  two secondary sources); its articles are UNVERIFIED. The justice sector's circular TT 05/2018/TT-BTP expired on
  12/02/2024 and its successor's number is UNVERIFIED.

Targets (chỉ tiêu): the National Assembly and the Ministry assign a completion rate in cases and in money on the
"có điều kiện" base every statistical year (THADS.md §5, verified). How the Ministry and a province pass targets down
to branches and officers is **UNVERIFIED** (THADS.md §5): the system stores one target per (year, issuer, unit or
officer) and checks that the parts can add up to the whole (``thads.domain.targets``).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
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
    """Emulation titles and forms of reward (THADS.md §7; Luật TĐKT 2022). Criteria: see the module docstring."""

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
#: "decided here": the head of a unit with legal personality under the Ministry decides it himself (Luật TĐKT 2022
#: Art. 80.1, VERIFIED: exactly Tập thể lao động tiên tiến, Chiến sĩ thi đua cơ sở, Lao động tiên tiến, Giấy khen);
#: every other title is proposed upward and the system records the superior's decision (number, date, issuer).
#: Whether a given unit's head may decide is :func:`decided_by_head` (its unit must be a legal entity).
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


#: Luật TĐKT 2022 Art. 80.1 (VERIFIED, Công báo 571+572/2022 p. 57): the titles the head of an agency with legal
#: personality under a Ministry decides himself.
HEAD_DECIDES: frozenset[AwardTitle] = frozenset({AwardTitle.ADVANCED_COLLECTIVE, AwardTitle.GRASSROOTS_FIGHTER,
                                                 AwardTitle.ADVANCED_WORKER, AwardTitle.CERTIFICATE})


def decided_by_head(title: AwardTitle | str, *, legal_entity: bool) -> bool:
    """Whether the head of the deciding unit decides ``title`` himself (Luật TĐKT 2022 Art. 80.1, VERIFIED): only a
    title of :data:`HEAD_DECIDES`, and only when his unit has legal personality; otherwise he records the superior's
    decision."""
    return legal_entity and AwardTitle(title) in HEAD_DECIDES


#: title → (title that must be held, in how many consecutive years up to the one before — 0: the same year).
#: Ministry-level fighter: 3 consecutive grassroots titles; national fighter: 2 consecutive ministry-level titles
#: (Luật TĐKT 2022, secondary sources [S]: lawnet.vn, baohatinh.vn). Grassroots fighter: "Lao động tiên tiến" the
#: same year (old regime, Decree 91/2017 Art. 9.3 [S]; UNVERIFIED under the 2022 law). Warnings only.
TITLE_PREREQUISITES: dict[AwardTitle, tuple[AwardTitle, int]] = {
    AwardTitle.GRASSROOTS_FIGHTER: (AwardTitle.ADVANCED_WORKER, 0),
    AwardTitle.MINISTRY_FIGHTER: (AwardTitle.GRASSROOTS_FIGHTER, 3),
    AwardTitle.NATIONAL_FIGHTER: (AwardTitle.MINISTRY_FIGHTER, 2),
}

#: The criteria the council checks by hand, shown on the evidence sheet (Vietnamese; [S] or UNVERIFIED as in the
#: module docstring — the system does not judge them).
TITLE_CRITERIA_VI: dict[AwardTitle, tuple[str, ...]] = {
    AwardTitle.ADVANCED_WORKER: ("Hoàn thành tốt nhiệm vụ trở lên",
                                 "Có tinh thần tự lực, tự cường, đoàn kết, tương trợ, tích cực tham gia phong trào "
                                 "thi đua"),
    AwardTitle.GRASSROOTS_FIGHTER: ("Đạt danh hiệu «Lao động tiên tiến» trong năm (chưa kiểm chứng theo Luật 2022)",
                                    "Có sáng kiến được công nhận, hoặc đề tài, đề án, công trình khoa học đã nghiệm "
                                    "thu và áp dụng"),
    AwardTitle.MINISTRY_FIGHTER: ("03 lần liên tục đạt danh hiệu «Chiến sĩ thi đua cơ sở»",
                                  "Có sáng kiến áp dụng hiệu quả, có khả năng nhân rộng trong Bộ, ngành, tỉnh"),
    AwardTitle.NATIONAL_FIGHTER: ("02 lần liên tục đạt danh hiệu Chiến sĩ thi đua Bộ, ngành, tỉnh",
                                  "Có sáng kiến áp dụng hiệu quả, có khả năng nhân rộng trong toàn quốc"),
}

#: The largest share of "Chiến sĩ thi đua cơ sở" among a unit's "Lao động tiên tiến" of the year, in percent —
#: Decree 91/2017 Art. 9.3 (repealed; [S]); UNVERIFIED under the 2022 law and Decree 152/2025: a warning only,
#: overridable by settings ``THADS_GRASSROOTS_FIGHTER_MAX_SHARE`` (``None`` there: no check).
GRASSROOTS_FIGHTER_MAX_SHARE = Decimal("15")


def title_warnings(title: AwardTitle | str, year: int, held: Mapping[int, Iterable[str]]) -> list[str]:
    """What the records do not show for ``title`` in statistical ``year``, given ``held`` (year → titles the nominee
    holds or is decided for): ``"prerequisite"`` when :data:`TITLE_PREREQUISITES` is not met. Warnings for the
    council, never a refusal (the criteria are partly UNVERIFIED; an award given outside THADS may be missing)."""
    rule = TITLE_PREREQUISITES.get(AwardTitle(title))
    if rule is None:
        return []
    needed, run = rule
    years = [year] if run == 0 else [year - k for k in range(1, run + 1)]
    ok = all(str(needed) in {str(t) for t in held.get(y, ())} for y in years)
    return [] if ok else ["prerequisite"]


def share_exceeded(fighters: int, advanced_workers: int, max_share: Decimal | None) -> bool:
    """Whether ``fighters`` "Chiến sĩ thi đua cơ sở" exceed ``max_share`` % of ``advanced_workers`` "Lao động tiên
    tiến" (exact; Decree 91/2017 Art. 9.3 [S], UNVERIFIED now — see :data:`GRASSROOTS_FIGHTER_MAX_SHARE`). No
    check when ``max_share`` is None; with no advanced worker any fighter exceeds it."""
    if max_share is None:
        return False
    return Decimal(fighters) * 100 > max_share * advanced_workers


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


__all__ = ["AWARD_TITLES", "EXTERNAL_ISSUERS", "GRASSROOTS_FIGHTER_MAX_SHARE", "HEAD_DECIDES", "ISSUER_LABELS_VI",
           "NOMINATION_FLOW", "TITLE_CRITERIA_VI", "TITLE_PREREQUISITES", "AwardForm", "AwardTitle", "Issuer",
           "NominationState", "NominationStep", "PracticeKind", "RecipientKind", "decided_by_head", "next_state",
           "share_exceeded", "title_fits", "title_label", "title_warnings"]
