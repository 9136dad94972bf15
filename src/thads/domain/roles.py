"""Staff titles (chức danh) of an enforcement agency. Pure Python.

Legal basis: Luật THADS Arts. 17–23 (Thủ trưởng, Phó Thủ trưởng, Chấp hành viên); Decree 62/2015 Arts. 66–71
(Thẩm tra viên, Thư ký); TT 04/2023/TT-BTP Arts. 17–19 (Kế toán); Luật Tiếp công dân 2013 Art. 18 (tiếp công dân).
See THADS.md §1.3.
"""

from __future__ import annotations

from enum import StrEnum


class Title(StrEnum):
    HEAD = "head"  # Thủ trưởng (Cục trưởng / Chi cục trưởng / Trưởng phòng khu vực)
    DEPUTY = "deputy"  # Phó Thủ trưởng
    OFFICER = "officer"  # Chấp hành viên
    VERIFIER = "verifier"  # Thẩm tra viên
    CLERK = "clerk"  # Thư ký thi hành án
    ACCOUNTANT = "accountant"  # Kế toán nghiệp vụ THA
    RECEPTION = "reception"  # Cán bộ tiếp công dân
    STATISTICIAN = "statistician"  # Thống kê viên
    ADMIN = "admin"  # Quản trị hệ thống
    INSPECTOR = "inspector"  # Thanh tra viên: reads cases and the audit log, never acts (Luật Thanh tra 2022)


TITLE_LABELS_VI: dict[Title, str] = {
    Title.HEAD: "Thủ trưởng",
    Title.DEPUTY: "Phó Thủ trưởng",
    Title.OFFICER: "Chấp hành viên",
    Title.VERIFIER: "Thẩm tra viên",
    Title.CLERK: "Thư ký",
    Title.ACCOUNTANT: "Kế toán",
    Title.RECEPTION: "Cán bộ tiếp công dân",
    Title.STATISTICIAN: "Thống kê viên",
    Title.ADMIN: "Quản trị",
    Title.INSPECTOR: "Thanh tra viên",
}

# Titles that issue decisions on enforcement (Art. 23.1; the deputy on delegation, Art. 23.2).
DECIDING_TITLES: frozenset[Title] = frozenset({Title.HEAD, Title.DEPUTY})
