"""The demo province's organisation: the Thừa Thiên Huế department, its 9 district branches (Chi cục THADS),
dissolved on 30/06/2025, and the 4 regional offices (Phòng THADS khu vực) that replace them from 01/07/2025.

The branch → regional-office mapping is illustrative demo data, not an official list (the 2025 reorganisation
is described in THADS.md §0 and §1.1).
"""

from __future__ import annotations

from datetime import date

# Demo logins get an address in a reserved-looking domain so that `thads digest` (console e-mail backend by default)
# prints each officer's and head's mail instead of sending it anywhere.
EMAIL_DOMAIN = "thads.demo"

REORG_DAY = date(2025, 7, 1)
DISSOLVED_ON = date(2025, 6, 30)

ROOT = {
    "code": "HUE",
    "name": "Cục Thi hành án dân sự tỉnh Thừa Thiên Huế",
    "parent": None,
    "level": "province",
    "valid_from": None,
    "valid_to": None,
}

# (code, name)
DISTRICT_BRANCHES: list[tuple[str, str]] = [
    ("HUE-TP", "Chi cục Thi hành án dân sự thành phố Huế"),
    ("HUE-HT", "Chi cục Thi hành án dân sự thị xã Hương Thủy"),
    ("HUE-HTR", "Chi cục Thi hành án dân sự thị xã Hương Trà"),
    ("HUE-PD", "Chi cục Thi hành án dân sự huyện Phong Điền"),
    ("HUE-QD", "Chi cục Thi hành án dân sự huyện Quảng Điền"),
    ("HUE-PV", "Chi cục Thi hành án dân sự huyện Phú Vang"),
    ("HUE-PL", "Chi cục Thi hành án dân sự huyện Phú Lộc"),
    ("HUE-AL", "Chi cục Thi hành án dân sự huyện A Lưới"),
    ("HUE-ND", "Chi cục Thi hành án dân sự huyện Nam Đông"),
]

REGIONAL_OFFICES: list[tuple[str, str]] = [
    ("HUE-KV1", "Phòng Thi hành án dân sự khu vực 1 - Huế"),
    ("HUE-KV2", "Phòng Thi hành án dân sự khu vực 2 - Huế"),
    ("HUE-KV3", "Phòng Thi hành án dân sự khu vực 3 - Huế"),
    ("HUE-KV4", "Phòng Thi hành án dân sự khu vực 4 - Huế"),
]

# Which regional office takes over each district branch's cases on 01/07/2025.
SUCCESSOR: dict[str, str] = {
    "HUE-TP": "HUE-KV1",
    "HUE-HTR": "HUE-KV2",
    "HUE-PD": "HUE-KV2",
    "HUE-QD": "HUE-KV2",
    "HUE-HT": "HUE-KV3",
    "HUE-PV": "HUE-KV3",
    "HUE-PL": "HUE-KV4",
    "HUE-AL": "HUE-KV4",
    "HUE-ND": "HUE-KV4",
}


def units() -> list[dict]:
    """Every demo unit as a dict (code, name, parent, level, valid_from, valid_to), parents first."""
    rows = [dict(ROOT)]
    for code, name in DISTRICT_BRANCHES:
        rows.append({"code": code, "name": name, "parent": "HUE", "level": "district",
                     "valid_from": None, "valid_to": DISSOLVED_ON})
    for code, name in REGIONAL_OFFICES:
        rows.append({"code": code, "name": name, "parent": "HUE", "level": "regional",
                     "valid_from": REORG_DAY, "valid_to": None})
    return rows


def persona_email(username: str) -> str:
    """The demo login's e-mail address (``chv.kv1`` → ``chv.kv1@thads.demo``)."""
    return f"{username}@{EMAIL_DOMAIN}"
