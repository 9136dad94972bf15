"""Build the default .docx templates of THADS documents (version 1 of every kind) with python-docx.

Usage: .venv/bin/python tools/build_docx_templates.py [output directory]
       (default: src/thads/documents/templates_docx/; the generated files are committed)

The templates are docxtpl (Jinja) templates; the fields are listed in ``thads.documents.generate``. Layout follows
Decree 30/2020/NĐ-CP on administrative documents: A4, margins 20/20/30/15 mm, Times New Roman 13–14 pt, the
agency on the left and the national motto on the right of the header, title and subject centred, the signature
block on the right and "Nơi nhận" on the left. No article number is written here: every legal citation comes from
``thads.domain.legal_bases``, which knows the law in force on the document's date.
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "thads" / "documents" / "templates_docx"
FONT = "Times New Roman"
FIXED_TIME = datetime(2026, 1, 1)  # the files are committed: same input, same bytes

# --------------------------------------------------------------------------------------------- body texts
# Each body is a list of paragraphs; "@table" places the amounts table, "@total" the total in figures and words,
# "@parties" the debtors (and creditors), lines starting with "{%p" are Jinja paragraph tags.

AMOUNTS = ["{{ amount_heading }}:", "@table", "@total"]

DECIDE = [
    "Điều 1. Cho thi hành án đối với:",
    "{%p for p in debtors %}",
    "- {{ p.name }}; địa chỉ: {{ p.address or '…' }}.",
    "{%p endfor %}",
    *AMOUNTS,
    "{%p if creditors %}",
    "Người được thi hành án: {% for p in creditors %}{{ p.name }}{% if p.address %} (địa chỉ: {{ p.address }})"
    "{% endif %}{% if not loop.last %}; {% endif %}{% endfor %}.",
    "{%p endif %}",
    "Điều 2. {% if interim %}Quyết định áp dụng biện pháp khẩn cấp tạm thời được thi hành ngay.{% else %}Thời hạn tự "
    "nguyện thi hành án là {{ voluntary_days }} ngày, kể từ ngày người phải thi hành án nhận được quyết định này hoặc "
    "được thông báo hợp lệ. Hết thời hạn tự nguyện mà người phải thi hành án có điều kiện thi hành án không tự "
    "nguyện thi hành thì bị cưỡng chế thi hành án.{% endif %}",
    "Điều 3. Phân công Chấp hành viên {{ officer_name }} tổ chức thi hành quyết định này.",
    "Điều 4. Chấp hành viên được phân công, người phải thi hành án, người được thi hành án và các cơ quan, tổ chức, "
    "cá nhân có liên quan chịu trách nhiệm thi hành quyết định này.",
]

BODIES: dict[str, list[str]] = {
    "decide_proactive": DECIDE,
    "decide_on_request": DECIDE,
    "postpone": [
        "Điều 1. Hoãn thi hành Quyết định thi hành án số {{ decision_no }} ngày {{ decision_date }} đối với "
        "{{ debtor_names }}.",
        "Lý do hoãn: {{ ground_text }}",
        "{%p if until_date %}",
        "Thời hạn hoãn: đến hết ngày {{ until_date }}.",
        "{%p endif %}",
        *AMOUNTS,
        "Điều 2. Khi căn cứ hoãn không còn hoặc hết thời hạn hoãn, cơ quan thi hành án dân sự ra quyết định tiếp "
        "tục thi hành án.",
        "Điều 3. Chấp hành viên {{ officer_name }}, các đương sự và cơ quan, tổ chức, cá nhân có liên quan chịu "
        "trách nhiệm thi hành quyết định này.",
    ],
    "resume": [
        "Điều 1. Tiếp tục thi hành Quyết định thi hành án số {{ decision_no }} ngày {{ decision_date }} đối với "
        "{{ debtor_names }}.",
        "Lý do: {{ ground_text }}",
        *AMOUNTS,
        "Điều 2. Chấp hành viên {{ officer_name }}, các đương sự và cơ quan, tổ chức, cá nhân có liên quan chịu "
        "trách nhiệm thi hành quyết định này.",
    ],
    "suspend": [
        "{% if is_decision %}Điều 1. {% endif %}Tạm đình chỉ thi hành Quyết định thi hành án số {{ decision_no }} "
        "ngày {{ decision_date }} đối với {{ debtor_names }}, kể từ ngày {{ act_date }}.",
        "Lý do: {{ ground_text }}",
        *AMOUNTS,
        "{% if is_decision %}Điều 2. {% endif %}Trong thời gian tạm đình chỉ, cơ quan thi hành án dân sự không tổ "
        "chức thi hành các khoản nêu trên; việc thi hành án được tiếp tục khi có quyết định tiếp tục thi hành án.",
        "{% if is_decision %}Điều 3. Chấp hành viên {{ officer_name }}, các đương sự và cơ quan, tổ chức, cá nhân có "
        "liên quan chịu trách nhiệm thi hành quyết định này.{% endif %}",
    ],
    "terminate": [
        "Điều 1. Đình chỉ thi hành Quyết định thi hành án số {{ decision_no }} ngày {{ decision_date }} đối với "
        "{{ debtor_names }}.",
        "Lý do đình chỉ: {{ ground_text }}",
        "Khoản đình chỉ thi hành:",
        "@table",
        "@total",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
        "Điều 3. Chấp hành viên {{ officer_name }}, các đương sự và cơ quan, tổ chức, cá nhân có liên quan chịu "
        "trách nhiệm thi hành quyết định này.",
    ],
    "not_yet_able": [
        "Điều 1. Xác định {{ debtor_names }} chưa có điều kiện thi hành Quyết định thi hành án số {{ decision_no }} "
        "ngày {{ decision_date }}.",
        "Lý do: {{ ground_text }}",
        "{%p if statement %}",
        "{{ statement }}",
        "{%p endif %}",
        *AMOUNTS,
        "Điều 2. Thông tin về tên, địa chỉ, nghĩa vụ phải thi hành của người phải thi hành án được đăng tải công khai "
        "và gửi Ủy ban nhân dân cấp xã nơi xác minh để niêm yết. Khi người phải thi hành án có điều kiện thi hành thì "
        "cơ quan thi hành án dân sự tổ chức thi hành.",
        "Điều 3. Chấp hành viên {{ officer_name }} và cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi "
        "hành quyết định này.",
    ],
    "entrust": [
        "Điều 1. Ủy thác cho {{ receiver }} tổ chức thi hành Bản án, quyết định số {{ judgment }} của {{ court }} "
        "đối với {{ debtor_names }}.",
        "Khoản ủy thác thi hành:",
        "@table",
        "@total",
        "Điều 2. {{ receiver }} ra quyết định thi hành án và thông báo bằng văn bản cho {{ agency_name }}. Các quyết "
        "định về thi hành án đã ban hành liên quan đến khoản ủy thác có hiệu lực cho đến khi có quyết định thay thế "
        "của cơ quan nhận ủy thác.",
        "Điều 3. Chấp hành viên {{ officer_name }} và cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi "
        "hành quyết định này.",
    ],
    "revoke": [
        "Điều 1. {% if ground.startswith('37.3') %}Hủy{% else %}Thu hồi{% endif %} Quyết định thi hành án số "
        "{{ decision_no }} ngày {{ decision_date }} đối với {{ debtor_names }}.",
        "Lý do: {{ ground_text }}",
        "Điều 2. Hậu quả pháp lý: Quyết định thi hành án nêu tại Điều 1 không còn hiệu lực kể từ ngày ký quyết định "
        "này; các việc đã thực hiện theo quyết định đó được xử lý theo quy định của pháp luật.",
        *AMOUNTS,
        "Điều 3. Chấp hành viên {{ officer_name }}, các đương sự và cơ quan, tổ chức, cá nhân có liên quan chịu "
        "trách nhiệm thi hành quyết định này.",
    ],
    "entrust_revoke": [
        "Điều 1. Thu hồi Quyết định thi hành án số {{ decision_no }} ngày {{ decision_date }} đối với "
        "{{ debtor_names }} để ủy thác thi hành án cho {{ receiver }}.",
        "Lý do: {{ ground_text }}",
        *AMOUNTS,
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Việc thi hành án được tiếp tục theo quyết định ủy thác "
        "thi hành án và quyết định thi hành án của cơ quan nhận ủy thác.",
        "Điều 3. Chấp hành viên {{ officer_name }}, các đương sự và cơ quan, tổ chức, cá nhân có liên quan chịu "
        "trách nhiệm thi hành quyết định này.",
    ],
    "return_request": [
        "Kính gửi: {{ addressee }}.",
        "Ngày {{ decision_date }}, {{ agency_name }} đã ra Quyết định thi hành án số {{ decision_no }} theo yêu cầu "
        "thi hành Bản án, quyết định số {{ judgment }} của {{ court }} đối với {{ debtor_names }}.",
        "{{ ground_text }}",
        *AMOUNTS,
        "{{ agency_name }} gửi lại yêu cầu thi hành án cho người đã yêu cầu; yêu cầu thi hành án và tài liệu kèm theo "
        "đã được sao chụp và lưu trong hồ sơ thi hành án.",
        "Khi người phải thi hành án có điều kiện thi hành, người đã yêu cầu có quyền yêu cầu thi hành án trở lại và "
        "phải cung cấp tài liệu chứng minh người phải thi hành án có điều kiện thi hành.",
    ],
    # TT 216/2016/TT-BTC Art. 5.1 (one fee decision per collection of the fee), Art. 5.4.a (withheld before paying).
    "fee_decision": [
        "Điều 1. Thu phí thi hành án dân sự của người được thi hành án {{ creditor_names }} khi nhận tiền, tài sản "
        "theo Quyết định thi hành án số {{ decision_no }} ngày {{ decision_date }}.",
        *AMOUNTS,
        "Tổng số tiền, giá trị tài sản đã thực nhận theo yêu cầu thi hành án: {{ fee.cumulative.figures }}; mức phí "
        "theo {{ fee.band }} Thông tư số 216/2016/TT-BTC{% if fee.timing %}; {{ fee.timing }}{% endif %}.",
        "{%p if fee.exemption %}",
        "Không phải chịu phí theo {{ fee.exemption }} Thông tư số 216/2016/TT-BTC.",
        "{%p endif %}",
        "{%p if fee.relief %}",
        "Số phí trước khi miễn, giảm: {{ fee.gross.figures }}; được {{ fee.relief }} Thông tư số 216/2016/TT-BTC.",
        "{%p endif %}",
        "Số tiền phí thi hành án dân sự phải nộp lần này: {{ fee.fee.figures }} (Bằng chữ: {{ fee.fee.words }}), "
        "được khấu trừ trước khi chi trả cho người được thi hành án.",
        "Điều 2. Kế toán thi hành án, người được thi hành án và cơ quan, tổ chức, cá nhân có liên quan chịu trách "
        "nhiệm thi hành quyết định này.",
    ],
    # TT 216/2016 Art. 7 (the point of the ground) and 7.4 (the head decides on the application).
    "fee_relief": [
        "Điều 1. {% if fee.exemption %}Miễn{% else %}Giảm {{ fee.percent }}%{% endif %} phí thi hành án dân sự cho "
        "người được thi hành án {{ creditor_names }} (đơn đề nghị nhận đủ hồ sơ ngày {{ fee.received_on }}).",
        "Lý do: {{ ground_text }}",
        "{%p if fee.payout_on %}",
        "Quyết định thu phí ngày {{ fee.payout_on }}: số phí đã khấu trừ {{ fee.payout_fee.figures }}; số tiền phí "
        "được hoàn trả {{ fee.refund.figures }} (Bằng chữ: {{ fee.refund.words }}).",
        "{%p else %}",
        "Việc {% if fee.exemption %}miễn{% else %}giảm{% endif %} phí được áp dụng khi thu phí lần chi trả tiếp theo "
        "cho người được thi hành án.",
        "{%p endif %}",
        "Điều 2. Kế toán thi hành án hoàn trả số tiền phí nêu tại Điều 1 (nếu có) cho người được thi hành án. Quyết "
        "định này có hiệu lực kể từ ngày ký.",
        "Điều 3. Kế toán thi hành án, người được thi hành án và cơ quan, tổ chức, cá nhân có liên quan chịu trách "
        "nhiệm thi hành quyết định này.",
    ],
    # TT 216/2016 Art. 7.4: the written notice that the fee is not exempted or reduced, with the reasons.
    "fee_relief_refusal": [
        "Kính gửi: {{ addressee }}.",
        "Ngày {{ fee.received_on }}, {{ agency_name }} nhận đủ hồ sơ đề nghị miễn, giảm phí thi hành án dân sự của "
        "{{ creditor_names }}{% if fee.point %} theo {{ fee.point }} Thông tư số 216/2016/TT-BTC{% endif %} (việc "
        "thi hành Quyết định thi hành án số {{ decision_no }} ngày {{ decision_date }}).",
        "Sau khi xem xét, {{ agency_name }} thông báo: người đề nghị không được miễn, giảm phí thi hành án dân sự.",
        "Lý do: {{ fee.reason }}.",
    ],
    "notice_debtor": [
        "Kính gửi: {{ addressee }}.",
        "Ngày {{ decision_date }}, {{ agency_name }} đã ra Quyết định thi hành án số {{ decision_no }} theo Bản án, "
        "quyết định số {{ judgment }} của {{ court }}. Người phải thi hành án phải thi hành:",
        "@table",
        "@total",
        "{%p if interim %}",
        "Quyết định áp dụng biện pháp khẩn cấp tạm thời được thi hành ngay.",
        "{%p else %}",
        "Trong thời hạn {{ voluntary_days }} ngày, kể từ ngày nhận được thông báo này hoặc được thông báo hợp lệ, đề "
        "nghị người phải thi hành án tự nguyện thi hành. Hết thời hạn trên mà có điều kiện thi hành án nhưng không tự "
        "nguyện thi hành thì bị cưỡng chế thi hành án.",
        "{%p endif %}",
        "Mọi khoản tiền nộp tại {{ agency_name }} hoặc chuyển vào tài khoản của cơ quan thi hành án dân sự; khi nộp, "
        "yêu cầu cấp biên lai thu tiền.",
    ],
    "payout_notice": [
        "Kính gửi: {{ addressee }}.",
        "Thực hiện Quyết định thi hành án số {{ decision_no }} ngày {{ decision_date }}, {{ agency_name }} đã thu được "
        "tiền thi hành án để chi trả cho người được thi hành án:",
        "@table",
        "@total",
        "Đề nghị người được thi hành án đến trụ sở {{ agency_name }} để nhận tiền, mang theo giấy tờ tùy thân (hoặc "
        "văn bản ủy quyền hợp lệ). Người được nhận có thể đề nghị bằng văn bản việc chuyển khoản; cước phí chuyển "
        "tiền do người nhận chịu. Quá thời hạn thông báo mà không đến nhận thì số tiền được gửi và xử lý theo quy "
        "định của pháp luật về thi hành án dân sự.",
    ],
    "receipt": [
        "Họ và tên người nộp tiền: {{ payer }}.",
        "Địa chỉ: {{ payer_address }}.",
        "Nội dung: nộp tiền thi hành án theo Quyết định thi hành án số {{ decision_no }} ngày {{ decision_date }} "
        "(việc {{ case_id }}).",
        "@table",
        "Số tiền: {{ total_figures }}.",
        "(Bằng chữ: {{ total_words }}.)",
    ],
    "creditor_notice": [
        "Kính gửi: {{ addressee }}.",
        "Thực hiện Quyết định thi hành án số {{ decision_no }} ngày {{ decision_date }}, Chấp hành viên đã xác minh "
        "lại điều kiện thi hành án của {{ debtor_names }} {{ reverifications }} lần, lần gần nhất ngày "
        "{{ act_date }}. Kết quả: người phải thi hành án vẫn chưa có điều kiện thi hành án.",
        "Lý do: {{ ground_text }}",
        *AMOUNTS,
        "Người được thi hành án có quyền tự mình hoặc ủy quyền cho người khác xác minh điều kiện thi hành án, cung "
        "cấp thông tin về tài sản, thu nhập, điều kiện thi hành án của người phải thi hành án cho {{ agency_name }}. "
        "Khi có thông tin mới, Chấp hành viên tiến hành xác minh lại.",
    ],
}


# --------------------------------------------------------------------------------------------- layout helpers


def _fonts(run_or_style, size: float | None = None, bold: bool | None = None, italic: bool | None = None) -> None:
    font = run_or_style.font
    font.name = FONT
    if size:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    element = run_or_style.element if hasattr(run_or_style, "element") else run_or_style._element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _para(container, text: str = "", *, size: float = 14, bold: bool = False, italic: bool = False,
          align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = False, space_after: float = 3, keep: bool = False):
    p = container.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.space_after = Pt(space_after)
    fmt.space_before = Pt(0)
    fmt.line_spacing = 1.15
    if indent:
        fmt.first_line_indent = Cm(1.0)
    if keep:
        fmt.keep_with_next = True
    if text:
        _fonts(p.add_run(text), size, bold, italic)
    return p


def _tag(container, text: str):
    """A paragraph holding only a docxtpl paragraph tag ({%p … %}): docxtpl removes the paragraph itself."""
    return _para(container, text, space_after=0)


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _widths(table, widths) -> None:
    """Column widths that Word and LibreOffice both honour (grid columns and every cell)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _cell_text(cell, text: str, *, size: float = 13, bold: bool = False, italic: bool = False,
               align=WD_ALIGN_PARAGRAPH.CENTER, first: bool = True):
    p = cell.paragraphs[0] if first else cell.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(0)
    if text:
        _fonts(p.add_run(text), size, bold, italic)
    return p


def _header(doc) -> None:
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _widths(table, (Cm(6.6), Cm(9.9)))
    left, right = table.rows[0].cells
    _cell_text(left, "{{ governing_body }}", size=12)
    _cell_text(left, "{{ agency }}", size=12, bold=True, first=False)
    _cell_text(left, "———————", size=12, first=False)
    _cell_text(left, "Số: {{ number }}", size=13, first=False)
    _cell_text(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
    _cell_text(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, first=False)
    _cell_text(right, "———————————", size=12, first=False)
    _cell_text(right, "{{ date_line }}", size=13, italic=True, first=False)


def _amounts_table(doc) -> None:
    table = doc.add_table(rows=5, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, (Cm(1.3), Cm(4.2), Cm(3.9), Cm(7.1)))
    heads = ("STT", "Khoản", "Số tiền", "Bằng chữ")
    for cell, head in zip(table.rows[0].cells, heads, strict=True):
        _cell_text(cell, head, size=12, bold=True)
    _cell_text(table.rows[1].cells[0], "{%tr for ob in obligations %}", size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    row = table.rows[2].cells
    _cell_text(row[0], "{{ ob.no }}", size=12)
    _cell_text(row[1], "{{ ob.label }}", size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    _cell_text(row[2], "{{ ob.figures }}", size=12, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _cell_text(row[3], "{{ ob.words }}", size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    _cell_text(table.rows[3].cells[0], "{%tr endfor %}", size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    total = table.rows[4].cells
    merged = total[0].merge(total[1])
    _cell_text(merged, "Tổng cộng", size=12, bold=True)
    _cell_text(total[2], "{{ total_figures }}", size=12, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _cell_text(total[3], "{{ total_words }}", size=12, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(doc, space_after=0)


def _signature(doc, kind: str) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, (Cm(7.5), Cm(9.0)))
    left, right = table.rows[0].cells
    if kind == "receipt":
        _cell_text(left, "NGƯỜI NỘP TIỀN", size=13, bold=True)
        _cell_text(left, "(Ký, ghi rõ họ tên)", size=12, italic=True, first=False)
        for _ in range(3):
            _cell_text(left, "", first=False)
        _cell_text(left, "{{ payer }}", size=13, bold=True, first=False)
        _cell_text(right, "NGƯỜI THU TIỀN", size=13, bold=True)
        _cell_text(right, "(Ký, ghi rõ họ tên)", size=12, italic=True, first=False)
        for _ in range(3):
            _cell_text(right, "", first=False)
        _cell_text(right, "{{ collector_name }}", size=13, bold=True, first=False)
        return
    _cell_text(left, "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    _cell_text(left, "{%p for line in recipients %}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT, first=False)
    _cell_text(left, "{{ line }}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT, first=False)
    _cell_text(left, "{%p endfor %}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT, first=False)
    _cell_text(right, "{%p if signer_prefix %}", size=13)
    _cell_text(right, "{{ signer_prefix }}", size=13, bold=True, first=False)
    _cell_text(right, "{%p endif %}", size=13, first=False)
    _cell_text(right, "{{ signer_title }}", size=13, bold=True, first=False)
    _cell_text(right, "(Ký tên, đóng dấu)" if kind not in ("notice_debtor", "payout_notice", "creditor_notice")
               else "(Ký, ghi rõ họ tên)", size=12, italic=True, first=False)
    for _ in range(3):
        _cell_text(right, "", first=False)
    _cell_text(right, "{{ signer_name }}", size=13, bold=True, first=False)


def _page(kind: str) -> Document:
    """A4 with the Decree 30/2020 margins and fonts, the header, the title and the subject."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    _fonts(doc.styles["Normal"], 14)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = f"THADS – {kind}", "THADS", "THADS"
    props.created = props.modified = FIXED_TIME
    _header(doc)
    _para(doc, space_after=6)
    _para(doc, "{{ title }}", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0, keep=True)
    _para(doc, "{{ subject }}", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12, keep=True)
    return doc


def build(kind: str) -> Document:
    doc = _page(kind)
    decision_like = kind not in ("notice_debtor", "payout_notice", "creditor_notice", "receipt")
    if decision_like:
        _para(doc, "{{ issuer }}", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
    _tag(doc, "{%p for b in bases %}")
    _para(doc, "{{ b }}", italic=decision_like, indent=True, space_after=2)
    _tag(doc, "{%p endfor %}")
    if decision_like:
        _para(doc, "{{ operative }}", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
    for line in BODIES[kind]:
        if line == "@table":
            _amounts_table(doc)
        elif line == "@total":
            _para(doc, "Tổng số tiền: {{ total_figures }} (Bằng chữ: {{ total_words }}).", indent=True)
        elif line.startswith("{%p"):
            _tag(doc, line)
        else:
            _para(doc, line, indent=True)
    _para(doc, space_after=6)
    _signature(doc, kind)
    return doc


# --------------------------------------------------------------------------------------------- measures (issue 15)
#: The documents of a measure, an exit ban, their release and the coercion plan (``domain.measure_texts``): the
#: operative articles are words of the law module (``measure.articles``), so one layout serves every kind; each kind
#: still has its own file, versioned on its own.
MEASURE_KINDS = (
    "measure_account_freeze", "measure_asset_seizure", "measure_transfer_ban", "measure_account_deduction",
    "measure_income_deduction", "measure_third_party_collection", "measure_distraint", "measure_forced_exploitation",
    "measure_forced_handover", "measure_forced_act", "measure_exit_ban", "measure_release", "coercion_plan",
)


def build_measure(kind: str) -> Document:
    doc = _page(kind)
    _tag(doc, "{%p if issuer %}")
    _para(doc, "{{ issuer }}", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p for b in bases %}")
    _para(doc, "{{ b }}", italic=True, indent=True, space_after=2)
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p if operative %}")
    _para(doc, "{{ operative }}", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p for a in measure.articles %}")
    _para(doc, "{{ a }}", indent=True)
    _tag(doc, "{%p endfor %}")
    if kind == "coercion_plan":  # TTLT 03/2012/TTLT-BTP-BCA Art. 4.5: the head approves the officer's plan
        _para(doc, "PHÊ DUYỆT CỦA THỦ TRƯỞNG CƠ QUAN THI HÀNH ÁN DÂN SỰ", size=13, bold=True,
              align=WD_ALIGN_PARAGRAPH.LEFT, space_after=30)
    _para(doc, space_after=6)
    _signature(doc, kind)
    return doc


def save_reproducibly(doc, path: Path) -> None:
    """Save with fixed zip timestamps so that rebuilding unchanged templates changes no byte."""
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(item.filename))
    path.write_bytes(out.getvalue())


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else OUT
    out.mkdir(parents=True, exist_ok=True)
    for kind in (*BODIES, *MEASURE_KINDS):
        path = out / f"{kind}.docx"
        save_reproducibly(build(kind) if kind in BODIES else build_measure(kind), path)
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
