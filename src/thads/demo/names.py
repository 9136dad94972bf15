"""Vietnamese name, place and organisation pools for the demo data generator (``thads.demo.generator``).

Pure data, no logic beyond a few tuples. Frequencies of family names follow the usual published shares
(Nguyễn ≈ 38 %, Trần ≈ 11 %, Lê ≈ 9.5 %, …), rounded; Huế adds the royal-family lines (Tôn Thất, Tôn Nữ,
Nguyễn Phước). Place names of the Thừa Thiên Huế communes are real names used for addresses only; the lists are
illustrative, not an administrative register.
"""

from __future__ import annotations

# (family name, weight)
SURNAMES: tuple[tuple[str, int], ...] = (
    ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 30), ("Huỳnh", 25), ("Phan", 45),
    ("Vũ", 20), ("Võ", 30), ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 16), ("Ngô", 13), ("Dương", 10),
    ("Lý", 5), ("Trương", 8), ("Đoàn", 7), ("Lương", 5), ("Đinh", 6), ("Mai", 4), ("Cao", 4), ("Hà", 4),
    ("Thái", 3), ("Châu", 2), ("Tôn Thất", 4), ("Nguyễn Phước", 2), ("Văn", 2), ("Hồ Đắc", 1),
)

MALE_MIDDLE: tuple[str, ...] = (
    "Văn", "Văn", "Văn", "Văn", "Hữu", "Đức", "Quang", "Minh", "Công", "Đình", "Xuân", "Thanh", "Ngọc", "Anh",
    "Quốc", "Tấn", "Thành", "Bá", "Trọng", "Duy",
)
FEMALE_MIDDLE: tuple[str, ...] = (
    "Thị", "Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Minh", "Bảo", "Diệu", "Phương", "Thùy",
    "Hoài", "Mỹ",
)
MALE_GIVEN: tuple[str, ...] = (
    "Hùng", "Dũng", "Tuấn", "Hải", "Nam", "Phong", "Long", "Đức", "Minh", "Quân", "Thắng", "Bình", "Cường",
    "Hiếu", "Khánh", "Lâm", "Phúc", "Sơn", "Tài", "Thành", "Trung", "Vinh", "Đạt", "Định", "Hòa", "Hậu", "Lực",
    "Toàn", "Tâm", "Tú", "Việt", "Hưng", "Hoàng", "Kiên", "Lợi", "Nhân", "Quý", "Sang", "Thọ", "Thuận", "Tín",
    "Trí", "Vũ", "Đông", "Đăng", "Điền", "Được", "Khoa", "Lộc", "Mạnh", "Nghĩa", "Phát", "Tiến", "Cảnh",
)
FEMALE_GIVEN: tuple[str, ...] = (
    "Hoa", "Lan", "Hương", "Mai", "Hạnh", "Hằng", "Thảo", "Trang", "Linh", "Nga", "Ngọc", "Phương", "Quỳnh",
    "Thủy", "Vân", "Yến", "Diệu", "Nhung", "Oanh", "Đào", "Loan", "Liên", "Tâm", "Hà", "My", "Huyền", "Lệ",
    "Nhi", "Nhàn", "Sương", "Tuyết", "Xuân", "Thu", "Hiền", "Dung", "Chi", "Giang", "Khuê", "Na", "Uyên",
    "Đoan", "Điệp", "Gấm", "Lài", "Thơm", "Cúc",
)
ROYAL_FEMALE = "Tôn Nữ"  # Huế: "Tôn Nữ Thị …", the female line of the Tôn Thất family

# Thừa Thiên Huế: district branch code → (the district as written in an address, its communes / wards).
HUE_PLACES: dict[str, tuple[str, tuple[str, ...]]] = {
    "HUE-TP": ("thành phố Huế", (
        "phường Phú Hội", "phường Vĩnh Ninh", "phường Phước Vĩnh", "phường Trường An", "phường An Cựu",
        "phường Xuân Phú", "phường Vỹ Dạ", "phường Thuận Hòa", "phường Tây Lộc", "phường Kim Long",
        "phường Phú Hậu", "phường Hương Long", "phường Thủy Xuân", "phường An Đông", "phường Thuận Lộc",
        "phường Thủy Biều", "phường Hương Sơ",
    )),
    "HUE-HT": ("thị xã Hương Thủy", (
        "phường Phú Bài", "phường Thủy Dương", "phường Thủy Phương", "phường Thủy Châu", "phường Thủy Lương",
        "xã Thủy Tân", "xã Thủy Phù", "xã Dương Hòa", "xã Phú Sơn", "xã Thủy Thanh",
    )),
    "HUE-HTR": ("thị xã Hương Trà", (
        "phường Tứ Hạ", "phường Hương Văn", "phường Hương Vân", "phường Hương Xuân", "phường Hương Chữ",
        "xã Hương Toàn", "xã Bình Tiến", "xã Hương Bình", "xã Bình Thành", "xã Hải Dương",
    )),
    "HUE-PD": ("huyện Phong Điền", (
        "thị trấn Phong Điền", "xã Phong An", "xã Phong Hiền", "xã Phong Sơn", "xã Phong Xuân", "xã Phong Thu",
        "xã Phong Mỹ", "xã Điền Hương", "xã Điền Hải", "xã Phong Hải", "xã Phong Chương",
    )),
    "HUE-QD": ("huyện Quảng Điền", (
        "thị trấn Sịa", "xã Quảng Thành", "xã Quảng An", "xã Quảng Phước", "xã Quảng Vinh", "xã Quảng Thọ",
        "xã Quảng Công", "xã Quảng Ngạn", "xã Quảng Phú", "xã Quảng Thái",
    )),
    "HUE-PV": ("huyện Phú Vang", (
        "thị trấn Phú Đa", "thị trấn Thuận An", "xã Phú Thuận", "xã Phú Diên", "xã Vinh Thanh", "xã Vinh An",
        "xã Phú Mỹ", "xã Phú Hồ", "xã Phú Lương", "xã Phú Xuân", "xã Vinh Xuân", "xã Phú Gia",
    )),
    "HUE-PL": ("huyện Phú Lộc", (
        "thị trấn Phú Lộc", "thị trấn Lăng Cô", "xã Lộc An", "xã Lộc Điền", "xã Lộc Sơn", "xã Lộc Bổn",
        "xã Lộc Thủy", "xã Lộc Tiến", "xã Vinh Hưng", "xã Vinh Hiền", "xã Giang Hải", "xã Lộc Trì",
    )),
    "HUE-AL": ("huyện A Lưới", (
        "thị trấn A Lưới", "xã Hồng Kim", "xã Hồng Thượng", "xã Sơn Thủy", "xã Hương Phong", "xã A Roàng",
        "xã Hồng Hạ", "xã Lâm Đớt", "xã Đông Sơn", "xã Hồng Vân",
    )),
    "HUE-ND": ("huyện Nam Đông", (
        "thị trấn Khe Tre", "xã Hương Phú", "xã Hương Lộc", "xã Thượng Quảng", "xã Thượng Long", "xã Hương Xuân",
        "xã Thượng Nhật", "xã Hương Hữu",
    )),
}

# Regional court that replaces the district courts on 01/07/2025 (Huế), by regional office.
HUE_REGIONAL_COURTS: dict[str, str] = {
    "HUE-KV1": "TAND khu vực 1 - Huế",
    "HUE-KV2": "TAND khu vực 2 - Huế",
    "HUE-KV3": "TAND khu vực 3 - Huế",
    "HUE-KV4": "TAND khu vực 4 - Huế",
}

STREETS: tuple[str, ...] = (
    "Lê Lợi", "Hùng Vương", "Trần Hưng Đạo", "Nguyễn Huệ", "Lê Duẩn", "Điện Biên Phủ", "Bà Triệu",
    "Nguyễn Trãi", "Phan Đình Phùng", "Hai Bà Trưng", "Ngô Quyền", "Đống Đa", "Trường Chinh", "Phan Bội Châu",
    "Nguyễn Sinh Cung", "Tố Hữu", "Kim Long", "Chi Lăng", "Nguyễn Lộ Trạch", "An Dương Vương",
)

# Provinces before the 2025 merger: (code for synthetic units, name as written after "tỉnh"/"thành phố",
# is_city, citizen-id province code of the Căn cước). Thừa Thiên Huế is the demo province itself.
PROVINCES: tuple[tuple[str, str, bool, str], ...] = (
    ("HNI", "Hà Nội", True, "001"), ("HGG", "Hà Giang", False, "002"), ("CBG", "Cao Bằng", False, "004"),
    ("BKN", "Bắc Kạn", False, "006"), ("TQG", "Tuyên Quang", False, "008"), ("LCI", "Lào Cai", False, "010"),
    ("DBN", "Điện Biên", False, "011"), ("LCU", "Lai Châu", False, "012"), ("SLA", "Sơn La", False, "014"),
    ("YBI", "Yên Bái", False, "015"), ("HBH", "Hòa Bình", False, "017"), ("TNN", "Thái Nguyên", False, "019"),
    ("LSN", "Lạng Sơn", False, "020"), ("QNH", "Quảng Ninh", False, "022"), ("BGG", "Bắc Giang", False, "024"),
    ("PTO", "Phú Thọ", False, "025"), ("VPC", "Vĩnh Phúc", False, "026"), ("BNH", "Bắc Ninh", False, "027"),
    ("HDG", "Hải Dương", False, "030"), ("HPG", "Hải Phòng", True, "031"), ("HYN", "Hưng Yên", False, "033"),
    ("TBH", "Thái Bình", False, "034"), ("HNM", "Hà Nam", False, "035"), ("NDH", "Nam Định", False, "036"),
    ("NBH", "Ninh Bình", False, "037"), ("THA", "Thanh Hóa", False, "038"), ("NAN", "Nghệ An", False, "040"),
    ("HTH", "Hà Tĩnh", False, "042"), ("QBH", "Quảng Bình", False, "044"), ("QTI", "Quảng Trị", False, "045"),
    ("DNG", "Đà Nẵng", True, "048"), ("QNM", "Quảng Nam", False, "049"), ("QNI", "Quảng Ngãi", False, "051"),
    ("BDH", "Bình Định", False, "052"), ("PYN", "Phú Yên", False, "054"), ("KHA", "Khánh Hòa", False, "056"),
    ("NTN", "Ninh Thuận", False, "058"), ("BTN", "Bình Thuận", False, "060"), ("KTM", "Kon Tum", False, "062"),
    ("GLI", "Gia Lai", False, "064"), ("DLK", "Đắk Lắk", False, "066"), ("DKN", "Đắk Nông", False, "067"),
    ("LDG", "Lâm Đồng", False, "068"), ("BPC", "Bình Phước", False, "070"), ("TNH", "Tây Ninh", False, "072"),
    ("BDG", "Bình Dương", False, "074"), ("DNI", "Đồng Nai", False, "075"), ("BRV", "Bà Rịa - Vũng Tàu", False, "077"),
    ("HCM", "Hồ Chí Minh", True, "079"), ("LAN", "Long An", False, "080"), ("TGG", "Tiền Giang", False, "082"),
    ("BTE", "Bến Tre", False, "083"), ("TVH", "Trà Vinh", False, "084"), ("VLG", "Vĩnh Long", False, "086"),
    ("DTP", "Đồng Tháp", False, "087"), ("AGG", "An Giang", False, "089"), ("KGG", "Kiên Giang", False, "091"),
    ("CTO", "Cần Thơ", True, "092"), ("HGI", "Hậu Giang", False, "093"), ("STG", "Sóc Trăng", False, "094"),
    ("BLU", "Bạc Liêu", False, "095"), ("CMU", "Cà Mau", False, "096"),
)
HUE_ID_CODE = "046"
# Citizen-id codes of the neighbours, for debtors who live in Huế but were registered elsewhere.
HUE_NEIGHBOUR_ID_CODES: tuple[str, ...] = ("045", "048", "049", "044", "040")

# Agencies a case is entrusted to (ủy thác đi). Before 01/07/2025: "Cục THADS tỉnh …"; from then the
# provincial agencies of the 34 merged provinces ("Thi hành án dân sự tỉnh/thành phố …"). Neighbours first.
ENTRUST_BEFORE: tuple[str, ...] = (
    "Cục Thi hành án dân sự tỉnh Quảng Trị", "Cục Thi hành án dân sự thành phố Đà Nẵng",
    "Cục Thi hành án dân sự tỉnh Quảng Nam", "Cục Thi hành án dân sự tỉnh Quảng Bình",
    "Cục Thi hành án dân sự tỉnh Quảng Ngãi", "Cục Thi hành án dân sự tỉnh Nghệ An",
    "Cục Thi hành án dân sự thành phố Hồ Chí Minh", "Cục Thi hành án dân sự thành phố Hà Nội",
    "Cục Thi hành án dân sự tỉnh Bình Dương", "Cục Thi hành án dân sự tỉnh Đắk Lắk",
    "Cục Thi hành án dân sự tỉnh Gia Lai", "Cục Thi hành án dân sự tỉnh Khánh Hòa",
)
ENTRUST_AFTER: tuple[str, ...] = (
    "Thi hành án dân sự tỉnh Quảng Trị", "Thi hành án dân sự thành phố Đà Nẵng",
    "Thi hành án dân sự tỉnh Quảng Ngãi", "Thi hành án dân sự tỉnh Hà Tĩnh", "Thi hành án dân sự tỉnh Nghệ An",
    "Thi hành án dân sự thành phố Hồ Chí Minh", "Thi hành án dân sự thành phố Hà Nội",
    "Thi hành án dân sự tỉnh Đồng Nai", "Thi hành án dân sự tỉnh Đắk Lắk", "Thi hành án dân sự tỉnh Gia Lai",
    "Thi hành án dân sự tỉnh Khánh Hòa", "Thi hành án dân sự tỉnh Lâm Đồng",
)

# Organisations that appear as creditors (beneficiary "agency") or corporate debtors.
BANKS: tuple[str, ...] = (
    "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam - Chi nhánh {p}",
    "Ngân hàng TMCP Công thương Việt Nam - Chi nhánh {p}",
    "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam - Chi nhánh {p}",
    "Ngân hàng TMCP Ngoại thương Việt Nam - Chi nhánh {p}",
    "Ngân hàng Chính sách xã hội - Chi nhánh {p}",
    "Ngân hàng TMCP Sài Gòn Thương Tín - Chi nhánh {p}",
    "Ngân hàng TMCP Quân đội - Chi nhánh {p}",
    "Ngân hàng TMCP Việt Nam Thịnh Vượng",
    "Công ty Tài chính TNHH MTV Ngân hàng Việt Nam Thịnh Vượng",
    "Công ty Tài chính TNHH HD SAISON",
    "Quỹ tín dụng nhân dân {c}",
)
COMPANY_FORMS: tuple[str, ...] = ("Công ty TNHH", "Công ty TNHH MTV", "Công ty Cổ phần", "Doanh nghiệp tư nhân")
COMPANY_TRADES: tuple[str, ...] = (
    "Xây dựng", "Thương mại và Dịch vụ", "Đầu tư và Phát triển", "Vận tải", "Du lịch", "Xây dựng và Thương mại",
    "Thủy sản", "Vật liệu xây dựng", "Dệt may", "Chế biến gỗ", "Tư vấn Xây dựng", "Khách sạn",
)
COMPANY_BRANDS: tuple[str, ...] = (
    "Thuận Phát", "Hương Giang", "Phú Xuân", "Thiên An", "Minh Long", "Trường Thịnh", "Ngự Bình", "Kim Long",
    "Đại Nam", "Sông Hương", "Bạch Mã", "An Phú", "Hoàng Gia", "Tân Hưng", "Vĩnh Phát", "Đông Ba",
)

# District names for synthetic provinces (benchmarks): common real names, reused freely across provinces.
DISTRICT_NAMES: tuple[str, ...] = (
    "Yên Lạc", "Tam Dương", "Lập Thạch", "Sông Lô", "Phù Ninh", "Thanh Ba", "Hạ Hòa", "Cẩm Khê", "Gia Bình",
    "Lương Tài", "Thuận Thành", "Tiên Du", "Quế Võ", "Yên Phong", "Kim Bảng", "Thanh Liêm", "Bình Lục",
    "Lý Nhân", "Hải Hậu", "Giao Thủy", "Xuân Trường", "Nghĩa Hưng", "Trực Ninh", "Vụ Bản", "Ý Yên", "Kim Sơn",
    "Yên Mô", "Gia Viễn", "Nho Quan", "Đông Sơn", "Hoằng Hóa", "Hậu Lộc", "Nga Sơn", "Quảng Xương",
    "Nông Cống", "Diễn Châu", "Quỳnh Lưu", "Yên Thành", "Đô Lương", "Nghi Lộc", "Hưng Nguyên", "Nam Đàn",
    "Thanh Chương", "Đức Thọ", "Can Lộc", "Thạch Hà", "Cẩm Xuyên", "Hương Sơn", "Bố Trạch", "Lệ Thủy",
    "Gio Linh", "Vĩnh Linh", "Triệu Phong", "Hải Lăng", "Cam Lộ", "Đại Lộc", "Điện Bàn", "Duy Xuyên",
    "Thăng Bình", "Núi Thành", "Bình Sơn", "Sơn Tịnh", "Tư Nghĩa", "Mộ Đức", "Đức Phổ", "Hoài Nhơn",
    "Phù Mỹ", "Tây Sơn", "Tuy Phước", "Tuy An", "Diên Khánh", "Ninh Hòa", "Cam Lâm", "Bắc Bình",
    "Hàm Thuận Bắc", "Đức Linh", "Tánh Linh", "Châu Thành", "Chợ Gạo", "Cái Bè", "Cai Lậy", "Giồng Trôm",
    "Ba Tri", "Cầu Ngang", "Trà Cú", "Long Hồ", "Mang Thít", "Tam Bình", "Lấp Vò", "Lai Vung", "Tháp Mười",
    "Chợ Mới", "Phú Tân", "Thoại Sơn", "Hòn Đất", "Giồng Riềng", "Gò Quao", "Cờ Đỏ", "Thới Lai", "Vị Thủy",
    "Long Mỹ", "Mỹ Tú", "Kế Sách", "Hồng Dân", "Phước Long", "Thới Bình", "Trần Văn Thời", "Cái Nước",
    "Đầm Dơi",
)
COMMUNE_NAMES: tuple[str, ...] = (
    "Tân Phú", "An Bình", "Hòa Bình", "Phú Thịnh", "Thanh Xuân", "Đông Hòa", "Tân Lập", "Quang Trung",
    "Hợp Thành", "Minh Đức", "Phước Hưng", "Vĩnh Thạnh", "Bình Minh", "Tân Hiệp", "Long Hòa", "Đại Đồng",
    "Xuân Hòa", "Hưng Đạo", "Thạnh Phú", "Mỹ Hòa", "Tân Thành", "Hòa Lợi", "Nghĩa Trung", "Đồng Tâm",
    "Tiền Phong", "Yên Bình", "Kim Đồng", "Phú Lâm", "An Thạnh", "Thái Hòa",
)
