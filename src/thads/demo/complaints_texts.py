"""The words of the demo's citizen reception and petitions (:mod:`thads.demo.complaints`): what people said at
reception, what letters complained about, denounced, recommended or reported, what the procuracy protested, and
how each was answered. Pure data: illustrative Vietnamese texts written for the demo, not real files.
"""

from __future__ import annotations

#: What citizens came about and were guided or answered on the spot (no matter recorded).
RECEPTION_TALKS: tuple[str, ...] = (
    "Hỏi về tiến độ thi hành án, thời điểm được nhận tiền theo bản án.",
    "Đề nghị được hướng dẫn thủ tục làm đơn yêu cầu thi hành án và các giấy tờ kèm theo.",
    "Hỏi thủ tục nhận tiền thi hành án đã được cơ quan thi hành án thu, chi phí phải nộp.",
    "Trình bày hoàn cảnh khó khăn, xin được nộp tiền thi hành án thành nhiều đợt.",
    "Hỏi về việc xác minh điều kiện thi hành án và kết quả xác minh tài sản của người phải thi hành án.",
    "Đề nghị được cung cấp thông tin về việc thi hành án, sao chụp quyết định thi hành án.",
    "Hỏi về thủ tục xin miễn, giảm nghĩa vụ thi hành án đối với khoản tiền án phí.",
    "Trình bày về việc người phải thi hành án đã chuyển đi nơi khác, đề nghị cơ quan thi hành án xác minh lại.",
    "Hỏi về quyền yêu cầu Tòa án xác định phần quyền sở hữu tài sản chung trước khi kê biên.",
    "Hỏi về thời hạn tự nguyện thi hành án và hậu quả nếu không tự nguyện thi hành.",
)
#: What a group came about (``{n}``: households, ``{place}``: their commune).
GROUP_TALKS: tuple[str, ...] = (
    "Đoàn đại diện {n} hộ dân {place} đề nghị sớm trả lại tiền đã được thi hành án trong vụ huy động vốn.",
    "Đoàn {n} người lao động {place} đề nghị đẩy nhanh việc thi hành án trả lương, bảo hiểm xã hội bị nợ.",
    "Đoàn {n} hộ dân {place} phản ánh việc cưỡng chế giao đất ảnh hưởng đến lối đi chung, đề nghị xem xét.",
    "Đoàn {n} hộ gia đình {place} đề nghị được biết kết quả xử lý tài sản của doanh nghiệp phải thi hành án.",
)

#: Complaints by the act complained about (``domain.petitions.ComplainedAct``); ``{decision}``: the case's
#: decision to enforce.
COMPLAINTS: dict[str, tuple[str, ...]] = {
    "before_measures": (
        "Khiếu nại việc Chấp hành viên không ra quyết định hoãn thi hành án theo Quyết định thi hành án{decision}"
        " dù người phải thi hành án đang ốm nặng, có xác nhận của cơ sở y tế.",
        "Khiếu nại kết quả xác minh điều kiện thi hành án: Chấp hành viên xác định chưa có điều kiện thi hành án "
        "trong khi người phải thi hành án có nhà, đất đứng tên.",
        "Khiếu nại Quyết định thi hành án{decision}: tính lãi chậm thi hành án không đúng bản án.",
    ),
    "account_freeze": (
        "Khiếu nại Quyết định phong tỏa tài khoản: tài khoản là nơi nhận tiền lương, số tiền bị phong tỏa vượt quá "
        "nghĩa vụ phải thi hành theo Quyết định thi hành án{decision}.",
        "Khiếu nại việc phong tỏa tài khoản của doanh nghiệp tại ngân hàng làm đình trệ việc trả lương người lao "
        "động; đề nghị chỉ phong tỏa số tiền tương ứng nghĩa vụ.",
    ),
    "other_security": (
        "Khiếu nại Quyết định tạm dừng việc đăng ký, chuyển quyền sử dụng đất: thửa đất đã được chuyển nhượng hợp "
        "pháp cho người khác trước khi có bản án.",
        "Khiếu nại việc tạm giữ xe mô tô là phương tiện đi lại, kiếm sống duy nhất của gia đình.",
    ),
    "coercive": (
        "Khiếu nại Quyết định cưỡng chế kê biên quyền sử dụng đất và nhà ở: tài sản là nơi ở duy nhất, giá trị lớn "
        "hơn nhiều so với nghĩa vụ phải thi hành theo Quyết định thi hành án{decision}.",
        "Khiếu nại Quyết định khấu trừ tiền lương: mức khấu trừ vượt quá 30% tổng thu nhập hằng tháng.",
        "Khiếu nại việc cưỡng chế giao nhà: không được thông báo trước thời gian cưỡng chế theo quy định.",
    ),
    "after_coercion": (
        "Khiếu nại kết quả thẩm định giá tài sản kê biên thấp hơn nhiều so với giá thị trường, đề nghị thẩm định "
        "giá lại.",
        "Khiếu nại việc giảm giá tài sản để tiếp tục bán đấu giá khi chưa thông báo cho đương sự.",
        "Khiếu nại việc thanh toán tiền thu được từ bán đấu giá tài sản không đúng thứ tự ưu tiên.",
    ),
}
#: A second complaint against the first-level decision.
SECOND_LEVEL = ("Khiếu nại lần hai Quyết định giải quyết khiếu nại{decision}: không đồng ý với kết quả giải "
                "quyết lần đầu, đề nghị Thủ trưởng cơ quan thi hành án dân sự tỉnh xem xét lại.")
#: A complaint against a unit's head, for the head of the unit above (Luật THADS Art. 142.2.b).
AGAINST_HEAD = ("Khiếu nại Quyết định của Thủ trưởng cơ quan về việc không chấp nhận đề nghị hoãn thi hành án theo "
                "Quyết định thi hành án{decision}.")

DENUNCIATIONS: tuple[str, ...] = (
    "Tố cáo Chấp hành viên có hành vi nhận tiền của người phải thi hành án để kéo dài việc thi hành án.",
    "Tố cáo Chấp hành viên cố ý không tổ chức thi hành án dù người phải thi hành án có tài sản, thu nhập.",
    "Tố cáo công chức bộ phận một cửa gây phiền hà, sách nhiễu khi người dân đến nộp, nhận tiền thi hành án.",
    "Tố cáo Chấp hành viên thông đồng với tổ chức thẩm định giá để định giá thấp tài sản kê biên.",
)
ANONYMOUS_DENUNCIATION = ("Đơn không ghi tên, địa chỉ người gửi tố cáo cán bộ thi hành án nhận tiền của đương sự, "
                          "không nêu cụ thể người, việc, thời gian.")

RECOMMENDATIONS: tuple[str, ...] = (
    "Đề nghị sớm tổ chức thi hành án, thu hồi khoản tiền được nhận theo bản án đã có hiệu lực pháp luật.",
    "Kiến nghị được nộp tiền thi hành án theo nhiều đợt do hoàn cảnh gia đình khó khăn.",
    "Đề nghị cơ quan thi hành án phối hợp với chính quyền địa phương xác minh lại tài sản của người phải thi hành "
    "án.",
    "Kiến nghị xem xét việc trả lại tài sản đã kê biên không liên quan đến nghĩa vụ thi hành án.",
)
#: Recommendations outside the agency's competence, with the body they are forwarded to.
OUTSIDE: tuple[tuple[str, str], ...] = (
    ("Đề nghị xem xét lại bản án theo thủ tục giám đốc thẩm vì cho rằng bản án xét xử không khách quan.",
     "Tòa án nhân dân cấp cao tại Đà Nẵng"),
    ("Đề nghị giải thích, sửa chữa bản án do có sai sót về diện tích thửa đất phải giao.",
     "Tòa án nhân dân tỉnh Thừa Thiên Huế"),
    ("Đề nghị cấp lại giấy chứng nhận quyền sử dụng đất sau khi đã thi hành xong bản án.",
     "Văn phòng đăng ký đất đai tỉnh Thừa Thiên Huế"),
)
REPORTS: tuple[str, ...] = (
    "Phản ánh việc người phải thi hành án đang tẩu tán tài sản (bán xe, chuyển nhượng đất) để trốn tránh nghĩa vụ.",
    "Phản ánh việc chậm chi trả tiền thi hành án đã thu được cho người được thi hành án.",
    "Phản ánh thái độ tiếp công dân chưa đúng mực của cán bộ tại bộ phận một cửa.",
)

#: The procuracy's acts (``domain.petitions.ProcuracyAct``): (what it says, the number's suffix).
PROCURACY: dict[str, tuple[tuple[str, str], ...]] = {
    "protest": (
        ("Kháng nghị Quyết định hoãn thi hành án của Thủ trưởng cơ quan thi hành án dân sự do không đúng căn cứ "
         "Điều 48 Luật Thi hành án dân sự.", "QĐ-VKS-KSTHA"),
        ("Kháng nghị Quyết định đình chỉ thi hành án do không đúng căn cứ Điều 50 Luật Thi hành án dân sự.",
         "QĐ-VKS-KSTHA"),
    ),
    "recommendation": (
        ("Kiến nghị khắc phục vi phạm về thời hạn xác minh điều kiện thi hành án (Điều 44 Luật Thi hành án dân "
         "sự) qua kiểm sát hồ sơ thi hành án.", "KN-VKS"),
        ("Kiến nghị khắc phục vi phạm trong việc gửi quyết định thi hành án cho Viện kiểm sát cùng cấp.", "KN-VKS"),
    ),
    "request": (
        ("Yêu cầu tự kiểm tra việc thi hành án đối với các việc chưa có điều kiện thi hành và thông báo kết quả "
         "cho Viện kiểm sát.", "YC-VKS"),
    ),
}

#: Bodies that forward citizens' letters to the agency.
FORWARDERS: tuple[str, ...] = (
    "Ban Tiếp công dân tỉnh Thừa Thiên Huế",
    "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Thừa Thiên Huế",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Thừa Thiên Huế",
    "Thanh tra tỉnh Thừa Thiên Huế",
    "Báo Thừa Thiên Huế",
)
#: Where a complaint against the provincial head goes (Luật THADS Art. 142.3.a: outside the province).
NATIONAL_BODY = "Cục Quản lý Thi hành án dân sự - Bộ Tư pháp"

#: Why a complaint was not accepted or a letter archived (Art. 141; TT 13/2021/TT-BTP Arts. 8, 16).
OUT_OF_TIME = ("Khiếu nại đã hết thời hiệu theo Điều 140 Luật Thi hành án dân sự, không có lý do bất khả kháng; "
               "không thụ lý (Điều 141.4) và hướng dẫn người khiếu nại.")
NOT_ACCEPTED_DENUNCIATION = ("Tố cáo không nêu được người có hành vi vi phạm, không có thông tin, tài liệu làm căn cứ "
                             "để xác minh; không thụ lý và thông báo cho người tố cáo.")
WITHDRAWN = "Người khiếu nại có đơn rút khiếu nại do đã được Chấp hành viên giải thích, thỏa thuận được với đương sự."
EXTENDED_COMPLAINT = "Vụ việc phức tạp, cần xác minh thêm tại địa phương và trưng cầu ý kiến cơ quan chuyên môn."
EXTENDED_DENUNCIATION = "Vụ việc phức tạp, cần xác minh nhiều nội dung và làm việc với nhiều cơ quan, tổ chức."

#: What the resolution found (``domain.petitions.Outcome``).
RESOLUTIONS: dict[str, str] = {
    "wrong": "Khiếu nại không có cơ sở; giữ nguyên quyết định, hành vi bị khiếu nại.",
    "partly_right": "Khiếu nại đúng một phần; yêu cầu Chấp hành viên khắc phục thiếu sót, thông báo cho đương sự.",
    "right": "Khiếu nại đúng; yêu cầu Chấp hành viên khắc phục và ra quyết định thay thế theo quy định.",
}
CONCLUSIONS: dict[str, str] = {
    "wrong": "Nội dung tố cáo không đúng; thông báo kết luận cho người tố cáo.",
    "partly_right": "Nội dung tố cáo đúng một phần; kiểm điểm, rút kinh nghiệm đối với cán bộ có liên quan.",
    "right": "Nội dung tố cáo đúng; đề nghị xử lý kỷ luật công chức vi phạm theo quy định.",
}
ANSWER = "Đã trả lời bằng văn bản, hướng dẫn người gửi đơn thực hiện theo quy định."
PROCURACY_ANSWERS: dict[str, str] = {
    "wrong": "Không chấp nhận kháng nghị; trả lời Viện kiểm sát, nêu rõ căn cứ pháp luật.",
    "partly_right": "Chấp nhận một phần kháng nghị, kiến nghị; thông báo kết quả khắc phục cho Viện kiểm sát.",
    "right": "Chấp nhận kiến nghị, yêu cầu; đã khắc phục và thông báo kết quả cho Viện kiểm sát.",
}

#: Where the head receives citizens, by unit level.
RECEPTION_PLACES: dict[str, str] = {
    "province": "Phòng tiếp công dân, 19 Tôn Đức Thắng, thành phố Huế",
    "district": "Phòng tiếp công dân tại trụ sở Chi cục",
    "regional": "Phòng tiếp công dân tại trụ sở Phòng Thi hành án dân sự khu vực",
}
HEAD_DAY_NOTE = "Thủ trưởng tiếp công dân định kỳ"
REGULAR_DAY_NOTE = "Tiếp công dân thường xuyên"
PHONE_PREFIXES: tuple[str, ...] = ("090", "091", "093", "094", "097", "098", "035", "036", "077", "083")
HAMLETS: tuple[str, ...] = ("thôn", "tổ dân phố")
