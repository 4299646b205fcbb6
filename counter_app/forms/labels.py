"""Wording of the Thông tư 03/2025/TT-VPCP (Phụ lục I) forms and the daily counter sheets.

The seven titles are confirmed against the published list of Phụ lục I (Mẫu số 01–07).
The wording inside the templates (column heads, lead-ins, closing sentences) could not be
read from an official copy here; every such label is kept in this one module, listed in
`UNCONFIRMED`, so it can be corrected without touching layout code.

Searched again for issue 13 (the stored docs, pages and code corpora, December 2026): the
circular's own text reaches only its preamble (hethongphapluat.com, below), and Phụ lục I is
seen only as its list of seven titles; no copy of a template's body, nor the text of Nghị
định 118/2025/NĐ-CP, was found. Per label: the seven titles confirmed (sources beside them);
CONTROL_HEAD matches the pre-2025 Mẫu 05 of Thông tư 01/2018/TT-VPCP as public
implementations print it, not confirmed for 2025; everything else in `UNCONFIRMED` stays.
"""

# Sources of the confirmation (secondary publications of the circular, not the Công báo):
# - https://thuviennhadat.vn/phap-luat/tai-file-word-bieu-mau-thong-tu-03-2025-tt-vpcp-ve-giai-quyet-thu-tuc-hanh-chinh-tai-bo-phan-mot-cua-708489.html
#   lists Phụ lục I: "Mẫu số 01: Mẫu Giấy tiếp nhận hồ sơ và hẹn trả kết quả; … Mẫu số 07:
#   Mẫu Sổ theo dõi hồ sơ" (the seven titles below, word for word).
# - https://hethongphapluat.com/thong-tu-03-2025-tt-vpcp-huong-dan-nghi-dinh-118-2025-nd-cp-thuc-hien-thu-tuc-hanh-chinh-theo-co-che-mot-cua-mot-cua-lien-thong-tai-bo-phan-mot-cua-va-cong-dich-vu-cong-quoc-gia-do-van-phong-chinh-phu-ban-hanh.html
#   the circular's header: "Số: 03/2025/TT-VPCP, Hà Nội, ngày 15 tháng 9 năm 2025", guiding
#   "Nghị định số 118/2025/NĐ-CP ngày 09 tháng 6 năm 2025 … tại Bộ phận Một cửa và Cổng Dịch
#   vụ công quốc gia", covering "các biểu mẫu trong giải quyết thủ tục hành chính".

from __future__ import annotations

# Mẫu số 01–07 of Phụ lục I, in order: confirmed word for word (thuviennhadat.vn, above).
RECEIPT_TITLE = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
SUPPLEMENT_TITLE = "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
REFUSAL_TITLE = "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"
APOLOGY_TITLE = "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"
STOP_TITLE = "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"
CONTROL_TITLE = "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"
REGISTER_TITLE = "SỔ THEO DÕI HỒ SƠ"
# The two daily sheets are not among the seven of Phụ lục I (its list, above, has no such
# form): no official wording exists to confirm; the centre's own practice decides them.
HANDBACK_TITLE = "PHIẾU GIAO NHẬN KẾT QUẢ GIẢI QUYẾT HỒ SƠ"
HANDOVER_LIST_TITLE = "DANH SÁCH HỒ SƠ BÀN GIAO"

# The unit that receives: the centre (Nghị định 118/2025), no longer the pre-2025
# "Bộ phận tiếp nhận và trả kết quả".
UNIT_LINE = "Đơn vị tiếp nhận: {unit}"
UNIT_FALLBACK = "Trung tâm Phục vụ hành chính công"
# Law on Identification 26/2023/QH15: the card is "Căn cước", the number the personal ID.
IDENTITY_LABEL = "Số định danh cá nhân/Căn cước"

RECEIPT_NOTES_HEAD = "Ghi chú:"
RECEIPT_NOTES = (
    "Giấy tiếp nhận hồ sơ và hẹn trả kết quả được lập thành 02 liên; "
    "01 liên giao cho người nộp hồ sơ; 01 liên lưu tại Trung tâm.",
    "Người nộp hồ sơ mang theo Giấy này khi đến nhận kết quả; trường hợp đăng ký nhận "
    "kết quả qua dịch vụ bưu chính công ích, kết quả được gửi đến địa chỉ đã đăng ký.",
)
RECEIPT_BY_POST = "Đăng ký nhận kết quả: <b>qua dịch vụ bưu chính công ích</b>, gửi đến địa chỉ:"

# A fee of 0 đồng is not owed: nothing to pay, so never "(chưa nộp)".
NO_FEE = "không thu phí"

SUPPLEMENT_CONTACT = "Cán bộ hướng dẫn: {name}; số điện thoại liên hệ: {phone}"

APOLOGY_BODY = (
    "Ngày {received}, {unit} tiếp nhận hồ sơ của ông/bà, hẹn trả kết quả vào {old_due}. "
    "Tuy nhiên đến nay hồ sơ chưa giải quyết xong, lý do:"
)
APOLOGY_CLOSE = (
    "{unit} xin lỗi ông/bà và đề nghị gia hạn thời gian giải quyết; thời gian trả kết quả "
    "mới là: <b>{new_due}</b>."
)
APOLOGY_THANKS = "Mong ông/bà thông cảm và sắp xếp thời gian đến nhận kết quả./."

STOP_BODY = "{unit} thông báo dừng giải quyết hồ sơ của ông/bà, lý do:"
STOP_CLOSE = "Xin thông báo để ông/bà được biết./."

# The same four heads as the pre-2025 Mẫu 05 (Thông tư 01/2018/TT-VPCP) that public
# implementations print ("TÊN CƠ QUAN | THỜI GIAN GIAO, NHẬN HỒ SƠ | KẾT QUẢ GIẢI QUYẾT HỒ SƠ
# (Trước hạn/đúng hạn/quá hạn) | GHI CHÚ", found in the code corpus); for Mẫu 06 of 2025
# still unconfirmed.
CONTROL_HEAD = (
    "TÊN CƠ QUAN",
    "THỜI GIAN GIAO, NHẬN HỒ SƠ",
    "KẾT QUẢ GIẢI QUYẾT HỒ SƠ<br/>(Trước hạn/đúng hạn/quá hạn)",
    "GHI CHÚ",
)
HANDOVER_DIRECTIONS = {
    "out": "Giao",  # the centre hands the dossier over to the deciding agency
    "back": "Trả",  # the agency hands it (with its result) back to the centre
}

REGISTER_COLUMNS = (
    ("STT", 8),
    ("Mã hồ sơ", 40),
    ("Tên TTHC", 32),
    ("Số lượng hồ sơ (bộ)", 12),
    ("Tên người nộp hồ sơ / địa chỉ / số điện thoại", 40),
    ("Cơ quan chủ trì giải quyết", 26),
    ("Ngày tiếp nhận", 18),
    ("Ngày hẹn trả", 18),
    ("Chuyển hồ sơ đến cơ quan giải quyết", 20),
    ("Nhận kết quả từ cơ quan giải quyết", 20),
    ("Trạng thái", 18),
    ("Ngày trả kết quả", 18),
    ("Ký nhận", 14),
    ("Ghi chú", 20),
)

HANDBACK_COLLECTOR = "Người nhận kết quả"
HANDBACK_RESULTS = "Kết quả giải quyết hồ sơ giao gồm:"
HANDOVER_LIST_SIGNERS = ("BÊN GIAO", "BÊN NHẬN")

# Labels that are not confirmed against an official copy of the template text.
UNCONFIRMED: tuple[str, ...] = (
    "UNIT_LINE",
    "RECEIPT_NOTES",
    "SUPPLEMENT_CONTACT",
    "APOLOGY_BODY",
    "APOLOGY_CLOSE",
    "APOLOGY_THANKS",
    "STOP_BODY",
    "STOP_CLOSE",
    "CONTROL_HEAD",
    "REGISTER_COLUMNS",
    "HANDBACK_TITLE",
    "HANDOVER_LIST_TITLE",
)
