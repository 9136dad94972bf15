"""The vocabulary of citizen reception, complaints, denunciations, recommendations and reports, and of the
procuracy's protests (issue 16; THADS.md §6): Luật Tiếp công dân 2013 (42/2013/QH13); Luật THADS 2008 as amended,
Arts. 140–156 (complaints), 157–158 (denunciations), 159–161 (the procuracy's supervision: protests, recommendations,
requests); Decree 62/2015/NĐ-CP as amended by Decrees 33/2020 and 152/2024, Arts. 38–40; TT 13/2021/TT-BTP (intake,
classification, registers). Pure Python: the enumerations every layer shares (``thads.complaints`` takes its
choices from here, the complaints report counts by them). The rules over them (time limits, acceptance, competence,
resolution deadlines) live in :mod:`thads.domain.petition_rules`.
"""

from __future__ import annotations

from enum import StrEnum
from types import MappingProxyType


class Channel(StrEnum):
    """How a letter came in (TT 13/2021/TT-BTP Art. 5)."""

    IN_PERSON = "in_person"  # nộp trực tiếp / qua tiếp công dân
    POST = "post"  # bưu chính, hòm thư góp ý
    HOTLINE = "hotline"  # đường dây nóng
    PORTAL = "portal"  # Cổng dịch vụ công quốc gia, cổng thông tin, phần mềm
    FORWARDED = "forwarded"  # cơ quan Đảng, Nhà nước, đại biểu dân cử, Mặt trận, báo chí chuyển đến


class MatterKind(StrEnum):
    """What a matter (vụ việc) is: the report's ``kinds`` (``report`` counts with ``recommendation``)."""

    COMPLAINT = "complaint"  # khiếu nại (Arts. 140–156)
    DENUNCIATION = "denunciation"  # tố cáo (Arts. 157–158)
    RECOMMENDATION = "recommendation"  # kiến nghị (TT 13/2021 Art. 28)
    REPORT = "report"  # phản ánh (TT 13/2021 Art. 28)
    PROCURACY = "procuracy"  # kháng nghị, kiến nghị, yêu cầu của Viện kiểm sát (Arts. 12, 160)


#: The keys of ``kinds`` in the complaints report JSON, in the order of issue 16.
REPORTED_KINDS: tuple[str, ...] = ("complaint", "denunciation", "recommendation", "procuracy")
#: Which report key a matter kind counts under (a report, phản ánh, is counted with the recommendations).
REPORT_KEY = MappingProxyType({
    MatterKind.COMPLAINT: "complaint", MatterKind.DENUNCIATION: "denunciation",
    MatterKind.RECOMMENDATION: "recommendation", MatterKind.REPORT: "recommendation",
    MatterKind.PROCURACY: "procuracy",
})


class ProcuracyAct(StrEnum):
    """What the procuracy sent (Luật THADS Art. 12.2, 160–161)."""

    PROTEST = "protest"  # kháng nghị
    RECOMMENDATION = "recommendation"  # kiến nghị
    REQUEST = "request"  # yêu cầu


class ComplainedAct(StrEnum):
    """What a complaint is about (Luật THADS Art. 140.2: the time limit to complain and Art. 146: the resolution
    deadline depend on it)."""

    BEFORE_MEASURES = "before_measures"  # 140.2.a: before a security or coercive measure is applied
    ACCOUNT_FREEZE = "account_freeze"  # 140.2.b: the account-freeze measure
    OTHER_SECURITY = "other_security"  # 140.2.b: the other security measures
    COERCIVE = "coercive"  # 140.2.c: a coercive measure
    AFTER_COERCION = "after_coercion"  # 140.2.d: the decisions and acts after the coercion


class Respondent(StrEnum):
    """Whose decision or act is complained about or denounced (Art. 142 competence; Art. 157)."""

    OFFICER = "officer"  # Chấp hành viên (or a deputy head acting as one)
    STAFF = "staff"  # another civil servant of the agency (denunciations)
    HEAD = "head"  # Thủ trưởng of the agency (or a deputy on delegation)


class MatterStatus(StrEnum):
    RECEIVED = "received"  # logged, not yet decided whether to accept
    ACCEPTED = "accepted"  # thụ lý
    NOT_ACCEPTED = "not_accepted"  # không thụ lý: guided or answered (Art. 148 / Decree 62 Art. 38.1)
    FORWARDED = "forwarded"  # chuyển đơn: not within competence
    ARCHIVED = "archived"  # lưu đơn: duplicate, anonymous (TT 13/2021 Art. 16)
    WITHDRAWN = "withdrawn"  # rút khiếu nại / tố cáo
    RESOLVED = "resolved"  # giải quyết xong (decision, conclusion, reply, answer)


#: Statuses in which a matter is no longer open.
CLOSED_STATUSES = frozenset({MatterStatus.NOT_ACCEPTED, MatterStatus.FORWARDED, MatterStatus.ARCHIVED,
                             MatterStatus.WITHDRAWN, MatterStatus.RESOLVED})


class Outcome(StrEnum):
    """The resolution's finding (the report's ``outcomes``)."""

    RIGHT = "right"  # khiếu nại / tố cáo đúng
    WRONG = "wrong"  # sai
    PARTLY_RIGHT = "partly_right"  # có đúng, có sai


class MatterEventKind(StrEnum):
    """The rows of a matter's own append-only history (``complaints.MatterEvent``)."""

    RECEIVED = "received"
    ACCEPTED = "accepted"
    NOT_ACCEPTED = "not_accepted"
    FORWARDED = "forwarded"
    ARCHIVED = "archived"
    EXTENDED = "extended"  # gia hạn giải quyết (Art. 146.3, 157.2)
    RESOLVED = "resolved"
    WITHDRAWN = "withdrawn"
    ESCALATED = "escalated"  # a second-level complaint was lodged against this matter's resolution
    LINKED = "linked"  # a follow-up act on the case (e.g. the decision complained about revoked)


class ReceptionOutcome(StrEnum):
    """What a reception ended with."""

    GUIDED = "guided"  # hướng dẫn, giải thích
    ANSWERED = "answered"  # trả lời trực tiếp
    RECORDED = "recorded"  # tiếp nhận đơn: one or more matters recorded


MATTER_LABELS_VI = MappingProxyType({
    MatterKind.COMPLAINT: "Khiếu nại",
    MatterKind.DENUNCIATION: "Tố cáo",
    MatterKind.RECOMMENDATION: "Kiến nghị",
    MatterKind.REPORT: "Phản ánh",
    MatterKind.PROCURACY: "Kháng nghị, kiến nghị, yêu cầu của Viện kiểm sát",
})
