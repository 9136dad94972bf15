"""The words of the demo's targets, emulation and good practices (:mod:`thads.demo.emulation`): the campaign's
criteria, the council, the reasons of the nominations and the good-practice write-ups. Pure data: illustrative
Vietnamese texts written for the demo, not real files."""

from __future__ import annotations

CRITERIA = """1. Hoàn thành chỉ tiêu về việc và về tiền được giao trước ngày 30/9/{y}; phấn đấu hoàn thành 80% chỉ tiêu \
trước ngày 30/6/{y} («về đích sớm»).
2. Giảm số việc, số tiền chuyển kỳ sau so với năm {p}; không để xảy ra việc quá hạn xác minh, quá hạn tổ chức thi \
hành án.
3. Không có khiếu nại, tố cáo được xác định là đúng hoặc đúng một phần đối với hoạt động của đơn vị, của Chấp hành \
viên.
4. Tổ chức thi hành dứt điểm các việc trọng điểm, phức tạp, kéo dài; bảo đảm an ninh, trật tự khi cưỡng chế.
5. Thực hiện đầy đủ chế độ thống kê, báo cáo trên THADS; số liệu chính xác, kịp thời."""

COUNCIL = [("cuctruong", "chair"), ("truongkv1", "member"), ("thanhtra", "member"), ("thamtra", "member"),
           ("thongke", "secretary")]
REASON_UNIT = ("Đơn vị dẫn đầu phong trào thi đua «Về đích sớm» {y}: tỷ lệ thi hành xong về việc và về tiền đạt cao, "
               "không có việc quá hạn, giải quyết dứt điểm nhiều việc trọng điểm.")
REASON_OFFICER = ("Chấp hành viên có thành tích xuất sắc trong đợt thi đua cao điểm của phong trào «Về đích sớm» "
                  "{y}: tổ chức thi hành dứt điểm nhiều việc có giá trị lớn, phức tạp; hồ sơ đầy đủ, đúng hạn.")

#: theme → (kind, unit preferred, author, affects order, title, summary, body). ``{decision}``: " theo Quyết định
#: thi hành án số …" of the linked case; ``{n}``: the theme's figure (price reductions, the group's size).
PRACTICES: list[tuple[str, str, str, str, bool, str, str, str]] = [
    ("coercion", "difficult_case", "HUE-KV1", "chv.kv1", False,
     "Cưỡng chế giao nhà có tranh chấp nhờ phối hợp hòa giải với Ủy ban nhân dân xã",
     "Việc thi hành án giao nhà{decision} kéo dài do người phải thi hành án cho rằng căn nhà có phần xây dựng "
     "thêm của con trai; nhờ phối hợp với Ủy ban nhân dân xã tổ chức hòa giải, các bên tự nguyện bàn giao trước "
     "ngày cưỡng chế.",
     "Chấp hành viên xác minh lại hiện trạng, đo vẽ phần công trình xây thêm và đề nghị Ủy ban nhân dân xã, Mặt "
     "trận Tổ quốc và trưởng thôn cùng tham gia vận động. Tại buổi làm việc, hai bên thỏa thuận người được thi hành "
     "án thanh toán giá trị phần xây thêm theo kết quả thẩm định giá; người phải thi hành án tự nguyện dọn đồ và bàn "
     "giao nhà sau 10 ngày.\nKinh nghiệm: xác minh kỹ hiện trạng trước khi lập kế hoạch cưỡng chế; đưa chính quyền "
     "cơ sở vào cuộc sớm; ghi nhận thỏa thuận bằng biên bản có chữ ký của các bên và đại diện xã."),
    ("auction", "solution", "HUE-KV1", "truongkv1", False,
     "Bán đấu giá thành công tài sản sau {n} lần giảm giá",
     "Tài sản kê biên{decision} không có người mua qua nhiều phiên đấu giá; đơn vị đã chủ động thông báo cho đương "
     "sự trước mỗi lần giảm giá, mở rộng thông tin đấu giá và bán được tài sản sau {n} lần giảm giá.",
     "Sau mỗi phiên không thành, Chấp hành viên thông báo ngay cho đương sự quyền nhận tài sản để trừ vào số tiền "
     "được thi hành án (Điều 104 Luật THADS) và lập biên bản giảm giá đúng tỷ lệ. Đơn vị phối hợp tổ chức đấu giá "
     "đăng thông tin trên Cổng thông tin quốc gia về đấu giá tài sản và mạng xã hội, mời các nhà đầu tư trong "
     "lĩnh vực bất động sản khảo sát tài sản.\nKết quả: tài sản được bán, tiền thi hành án được chi trả trong 10 "
     "ngày, kết thúc việc thi hành án kéo dài nhiều năm."),
    ("land", "solution", "HUE-KV2", "chv.kv2", False,
     "Phát hiện tài sản người phải thi hành án tẩu tán qua dữ liệu đăng ký đất đai",
     "Người phải thi hành án{decision} khai không có tài sản; qua đối chiếu dữ liệu của Văn phòng đăng ký đất đai, "
     "Chấp hành viên phát hiện thửa đất đã được tặng cho người thân sau khi có bản án.",
     "Chấp hành viên gửi yêu cầu cung cấp thông tin đến Văn phòng đăng ký đất đai và Chi nhánh tại địa phương, đối "
     "chiếu lịch sử biến động của các thửa đất đứng tên người phải thi hành án trong 3 năm. Việc tặng cho được thực "
     "hiện sau ngày bản án có hiệu lực; đơn vị thông báo cho người được thi hành án khởi kiện yêu cầu Tòa án tuyên "
     "bố giao dịch vô hiệu, đồng thời áp dụng biện pháp tạm dừng đăng ký, chuyển quyền sử dụng đất.\nKinh nghiệm: "
     "khai thác dữ liệu đất đai ngay khi xác minh lần đầu; không chỉ dựa vào lời khai của đương sự."),
    ("group", "difficult_case", "HUE", "cuctruong", False,
     "Giải quyết dứt điểm khiếu nại đông người kéo dài",
     "Đoàn đại diện {n} hộ dân khiếu nại việc chậm chi trả tiền thi hành án{decision}; đơn vị tổ chức đối thoại, "
     "rà soát toàn bộ hồ sơ và giải quyết dứt điểm, không để phát sinh khiếu nại vượt cấp.",
     "Thủ trưởng trực tiếp tiếp đoàn tại ngày tiếp công dân định kỳ, yêu cầu đoàn cử người đại diện; giao Chấp hành "
     "viên rà soát số tiền đã thu, đã chi của từng hộ và công khai kết quả. Đơn vị tổ chức đối thoại có sự tham gia "
     "của Viện kiểm sát và Ủy ban nhân dân xã, giải thích căn cứ thứ tự thanh toán và lập kế hoạch chi trả theo "
     "từng đợt.\nKết quả: các hộ thống nhất rút khiếu nại; tiền thi hành án được chi trả đúng kế hoạch."),
    ("order", "difficult_case", "HUE-KV1", "phokv1", True,
     "Cưỡng chế bảo đảm an ninh, trật tự với sự phối hợp của lực lượng Công an",
     "Việc cưỡng chế{decision} có nguy cơ mất an ninh, trật tự do người phải thi hành án và người thân chống đối; "
     "đơn vị phối hợp chặt chẽ với Công an, xây dựng phương án bảo vệ và tổ chức cưỡng chế an toàn, đúng pháp luật.",
     "Trước khi cưỡng chế, đơn vị tổ chức họp Ban Chỉ đạo thi hành án dân sự, thống nhất phương án với Công an, "
     "Viện kiểm sát, chính quyền địa phương; Công an nắm tình hình, vận động người thân không tụ tập. Ngày cưỡng "
     "chế, lực lượng bảo vệ được bố trí theo phương án, có quay phim toàn bộ quá trình.\nKết quả: cưỡng chế thành "
     "công, không xảy ra sự cố; tài sản được bàn giao cho người được thi hành án trong ngày."),
    ("exemplar", "exemplar", "HUE-KV1", "truongkv1", False,
     "Chấp hành viên điển hình trong phong trào thi đua «Về đích sớm»",
     "Chấp hành viên được giao khối lượng việc lớn, luôn hoàn thành vượt chỉ tiêu; trực tiếp tổ chức thi hành dứt "
     "điểm nhiều việc có giá trị lớn{decision}.",
     "Cách làm: lập sổ theo dõi từng việc theo thời hạn trên THADS; xác minh sớm, phân loại đúng việc có điều kiện "
     "và chưa có điều kiện; chủ động vận động, thuyết phục đương sự tự nguyện thi hành án; phối hợp tốt với chính "
     "quyền địa phương và các cơ quan liên quan. Đồng chí luôn gương mẫu, tận tụy, được đồng nghiệp và nhân dân tín "
     "nhiệm."),
]
