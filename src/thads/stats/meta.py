"""Display data of a report for the exports: unit name, period label, group names, whether it is closed."""

from __future__ import annotations

from datetime import date, datetime

from thads.cases.choices import INITIATION, JUDGMENT_KIND
from thads.org.models import Officer, Unit
from thads.stats.exports import ReportMeta
from thads.stats.service import official_period

_INITIATION_VI = {"chu_dong": "Chủ động", "theo_don": "Theo đơn yêu cầu"}
_JUDGMENT_VI = {"dan_su": "Dân sự", "hinh_su": "Hình sự", "hanh_chinh": "Hành chính",
                "hon_nhan_gia_dinh": "Hôn nhân và gia đình", "kinh_doanh_thuong_mai": "Kinh doanh, thương mại",
                "lao_dong": "Lao động", "pha_san": "Phá sản", "trong_tai": "Trọng tài", "khac": "Khác"}
assert set(_INITIATION_VI) == {k for k, _ in INITIATION} and set(_JUDGMENT_VI) == {k for k, _ in JUDGMENT_KIND}


def period_label(date_from: date, date_to: date) -> str:
    official = official_period(date_from, date_to)
    span = f"{date_from:%d/%m/%Y} – {date_to:%d/%m/%Y}"
    if official is None:
        return f"Từ ngày {date_from:%d/%m/%Y} đến ngày {date_to:%d/%m/%Y}"
    year, months = official
    return f"{months} tháng năm {year} ({span})"


def group_labels(by: str | None) -> dict[str, str]:
    if by == "unit":
        return dict(Unit.objects.values_list("code", "name"))
    if by == "officer":
        return {"": "Chưa phân công", **dict(Officer.objects.values_list("code", "name"))}
    if by == "initiation":
        return dict(_INITIATION_VI)
    if by == "judgment_kind":
        return dict(_JUDGMENT_VI)
    return {}


def report_meta(unit: Unit, date_from: date, date_to: date, *, closed: bool, adjustments: list[dict], by: str | None,
                produced_at: datetime) -> ReportMeta:
    return ReportMeta(unit_code=unit.code, unit_name=unit.name, date_from=date_from, date_to=date_to,
                      produced_at=produced_at, closed=closed, period_label=period_label(date_from, date_to),
                      adjustments=adjustments, group_labels=group_labels(by), by=by)
