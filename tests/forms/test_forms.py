"""Forms read back with pypdf: wording, embedded fonts, page flow, and text kept on the page."""

from __future__ import annotations

import copy
import io
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from pdf_reading import drawn_content, operations
from pypdf import PdfReader
from receipt_data import receipt_centre, receipt_dossier

from counter_app import assets
from counter_app.forms import (
    FORMS,
    formats,
    render_apology,
    render_control,
    render_handback,
    render_receipt,
    render_refusal,
    render_register,
    render_stop,
    render_supplement,
    render_text_probe,
)
from counter_app.forms.followup import handover_result
from counter_app.forms.receipt import qr_value

MM = 72 / 25.4
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
SLOGAN = "Độc lập - Tự do - Hạnh phúc"
RECEIPT_TITLE = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
APPOINTMENT = "10 giờ 05 phút, Thứ Năm, ngày 16 tháng 7 năm 2026"
RECEIVED = "10 giờ 05 phút, ngày 15 tháng 7 năm 2026"
BASE14 = (
    "Helvetica",
    "Times-Roman",
    "Times-Bold",
    "Courier",
    "Symbol",
    "ZapfDingbats",
)


# ---------------------------------------------------------------- sample data


@pytest.fixture
def centre() -> dict:
    return receipt_centre()


@pytest.fixture
def dossier() -> dict:
    return receipt_dossier()


LONG_NAME = "Tôn Nữ Thị Phương Thảo Nguyễn Hoàng Bảo Ngọc Trâm Anh Huyền Trang Khánh Linh"
LONG_EMAIL = "nguyen.thi.minh.khai.kiem.tra.xuong.dong.rat.dai@phuonghoankiem.hanoi.gov.vn"


@pytest.fixture
def long_dossier(dossier) -> dict:
    heavy = copy.deepcopy(dossier)
    heavy["procedure"]["name"] = (
        "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật "
        "cho người khuyết tật đang cư trú tại địa bàn phường"
    )
    heavy["applicant"].update(
        full_name=LONG_NAME,
        email=LONG_EMAIL,
        address="Phòng 1205, tầng 12, tòa nhà Hoàng Gia, số 199 đường Nguyễn Khuyến kéo dài, "
        "tổ dân phố số 17, khu đô thị mới Văn Quán - Yên Phúc, gần chợ đầu mối phía Bắc " * 2,
    )
    heavy["documents"] = [
        {
            "name": f"Giấy tờ chứng minh số {n}: bản xác nhận của cơ quan có thẩm quyền về "
            "tình trạng sức khỏe và khả năng lao động của người đề nghị",
            "kind": ("original", "certified_copy", "photocopy")[n % 3],
            "count": n % 4 + 1,
        }
        for n in range(1, 36)
    ]
    heavy["fees"] = [
        {
            "code": f"P{n}",
            "name": f"Phí thẩm định hồ sơ loại {n}",
            "amount": 125000 * n,
            "paid": n % 2 == 0,
        }
        for n in range(1, 5)
    ]
    heavy["notes"] = "Người nộp hồ sơ đề nghị nhận kết quả qua bưu điện nếu có thể.\n" * 6
    heavy["result_place"] = "Bộ phận Một cửa - " + "Trung tâm Phục vụ hành chính công " * 4
    return heavy


# ---------------------------------------------------------------- reading PDFs back


def pages_text(data: bytes) -> list[str]:
    """Text of each page, NFC, white space collapsed (so wrapped phrases still match)."""
    reader = PdfReader(io.BytesIO(data))
    return [
        " ".join(unicodedata.normalize("NFC", page.extract_text() or "").split())
        for page in reader.pages
    ]


def all_text(data: bytes) -> str:
    return " ".join(pages_text(data))


def page_sizes(data: bytes) -> list[tuple[float, float]]:
    reader = PdfReader(io.BytesIO(data))
    return [(float(page.mediabox.width), float(page.mediabox.height)) for page in reader.pages]


@dataclass(frozen=True)
class TextBox:
    text: bytes
    x0: float
    y0: float
    x1: float
    y1: float


def _multiply(a: tuple, b: tuple) -> tuple:
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


def _apply(m: tuple, x: float, y: float) -> tuple[float, float]:
    return x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]


def text_boxes(reader: PdfReader, page) -> list[TextBox]:
    """Every shown string's box in page space, from the content stream (and the Form XObjects
    it draws) and the fonts' /Widths."""
    fonts = {}
    for name, ref in page["/Resources"]["/Font"].items():
        font = ref.get_object()
        descriptor = font["/FontDescriptor"].get_object()
        fonts[name] = (
            int(font["/FirstChar"]),
            [float(w) for w in font["/Widths"]],
            float(descriptor["/Ascent"]) / 1000,
            float(descriptor["/Descent"]) / 1000,
        )
    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    ctm, stack = identity, []
    tm = line = identity
    font = None
    size = leading = char_space = word_space = 0.0
    boxes: list[TextBox] = []

    def show(raw: bytes) -> None:
        nonlocal tm
        first, widths, ascent, descent = fonts[font]
        advance = 0.0
        for code in raw:
            advance += widths[code - first] / 1000 * size + char_space
            if code == 32:
                advance += word_space
        render = _multiply(tm, ctm)
        x0, y0 = _apply(render, 0, descent * size)
        x1, y1 = _apply(render, advance, ascent * size)
        boxes.append(TextBox(raw, min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
        tm = _multiply((1, 0, 0, 1, advance, 0), tm)

    def next_line(tx: float, ty: float) -> None:
        nonlocal tm, line
        line = tm = _multiply((1, 0, 0, 1, tx, ty), line)

    for operands, operator in operations(reader, page):
        op = operator.decode()
        values = [float(v) if isinstance(v, int | float) else v for v in operands]
        if op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop()
        elif op == "cm":
            ctm = _multiply(tuple(map(float, operands)), ctm)
        elif op == "BT":
            tm = line = identity
        elif op == "Tm":
            tm = line = tuple(map(float, operands))
        elif op == "Td":
            next_line(float(operands[0]), float(operands[1]))
        elif op == "TD":
            leading = -float(operands[1])
            next_line(float(operands[0]), float(operands[1]))
        elif op == "T*":
            next_line(0, -leading)
        elif op == "TL":
            leading = float(operands[0])
        elif op == "Tc":
            char_space = float(operands[0])
        elif op == "Tw":
            word_space = float(operands[0])
        elif op == "Tf":
            font, size = values[0], float(operands[1])
        elif op == "Tj":
            show(bytes(operands[0].original_bytes))
        elif op == "'":
            next_line(0, -leading)
            show(bytes(operands[0].original_bytes))
        elif op == "TJ":
            for item in operands[0]:
                if isinstance(item, int | float):
                    tm = _multiply((1, 0, 0, 1, -float(item) / 1000 * size, 0), tm)
                else:
                    show(bytes(item.original_bytes))
    return boxes


def assert_text_on_page(data: bytes, *, inset: float = 3.5 * MM) -> None:
    """Every string lies inside the page less `inset` (printers' dead margin), and no two
    strings on a page overlap (wrapping worked; nothing drawn over something else)."""
    reader = PdfReader(io.BytesIO(data))
    for number, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        boxes = [box for box in text_boxes(reader, page) if box.text.strip(b" ")]
        assert boxes, f"page {number} has no text"
        for box in boxes:
            assert box.x0 >= inset - 0.01 and box.x1 <= width - inset + 0.01, (number, box)
            assert box.y0 >= inset - 0.01 and box.y1 <= height - inset + 0.01, (number, box)
        tolerance = 0.6
        ordered = sorted(boxes, key=lambda box: box.y0)
        for index, box in enumerate(ordered):
            for other in ordered[index + 1 :]:
                if other.y0 >= box.y1 - tolerance:
                    break
                overlap_x = min(box.x1, other.x1) - max(box.x0, other.x0)
                overlap_y = min(box.y1, other.y1) - max(box.y0, other.y0)
                assert overlap_x <= tolerance or overlap_y <= tolerance, (number, box, other)


def font_names(data: bytes) -> set[str]:
    """Base font names used on the pages, after checking each one is an embedded TrueType."""
    reader = PdfReader(io.BytesIO(data))
    names: set[str] = set()
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            base = str(font["/BaseFont"])
            assert "/FontDescriptor" in font, base
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), base
            names.add(base.split("+", 1)[-1])
    return names


def assert_only_liberation(data: bytes) -> None:
    names = font_names(data)
    assert names and all(name.startswith("LiberationSerif") for name in names), names
    for base14 in BASE14:
        assert base14.encode() not in data


# ---------------------------------------------------------------- formats


def test_formats_wording():
    assert formats.vnd(50000) == "50.000 đồng"
    assert formats.vnd(1250000) == "1.250.000 đồng"
    assert formats.vnd(0) == "0 đồng"
    assert formats.long_date(date(2026, 7, 15)) == "ngày 15 tháng 7 năm 2026"
    assert formats.long_date(date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert formats.long_date(date(2026, 12, 1)) == "ngày 01 tháng 12 năm 2026"
    assert formats.clock_time(datetime(2026, 7, 15, 10, 5)) == "10 giờ 05 phút"
    assert formats.clock_time(datetime(2026, 7, 15, 7, 30)) == "07 giờ 30 phút"
    assert formats.weekday_name(date(2026, 7, 16)) == "Thứ Năm"
    assert formats.weekday_name(date(2026, 7, 19)) == "Chủ Nhật"
    assert formats.moment_text(datetime(2026, 7, 16, 10, 5), with_weekday=True) == APPOINTMENT
    assert formats.processing_time_text(1.0, "working_days") == "01 ngày làm việc"
    assert formats.processing_time_text(15, "working_days") == "15 ngày làm việc"
    assert formats.processing_time_text(4, "working_hours") == "04 giờ làm việc"
    assert formats.processing_time_text(5, "calendar_days") == "05 ngày"
    assert formats.processing_time_text(0.5, "working_days") == "0,5 ngày làm việc"
    assert formats.processing_time_text(0, "same_day") == "Trong ngày"
    assert formats.doc_kind_text("original") == "Bản chính"
    assert formats.doc_kind_text("certified_copy") == "Bản sao có chứng thực"
    assert formats.doc_kind_text("photocopy") == "Bản chụp"
    assert formats.id_kind_text("cccd") == "Căn cước công dân"
    assert formats.id_kind_text("cmnd") == "Chứng minh nhân dân"
    assert formats.status_text(10) == "Đã trả kết quả"


def test_resource_path_checkout_and_frozen(monkeypatch, tmp_path):
    fonts_dir = assets.resource_path("fonts")
    assert fonts_dir == Path(assets.__file__).resolve().parents[1] / "resources" / "fonts"
    for style in ("Regular", "Bold", "Italic", "BoldItalic"):
        assert (fonts_dir / f"LiberationSerif-{style}.ttf").is_file()
    assert (fonts_dir / "LICENSE-LiberationSerif.txt").is_file()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert assets.resource_path("fonts", "x.ttf") == tmp_path / "resources" / "fonts" / "x.ttf"


# ---------------------------------------------------------------- Mẫu 01


def test_receipt_typical_content(dossier, centre):
    data = render_receipt(dossier, centre)
    pages = pages_text(data)
    assert len(pages) == 2
    for page, label in zip(pages, ("Liên 1: Lưu", "Liên 2: Giao người nộp"), strict=True):
        for expected in (
            MOTTO,
            SLOGAN,
            "Hoàn Kiếm, ngày 15 tháng 7 năm 2026",
            RECEIPT_TITLE,
            "Mã hồ sơ: 000.00.01.H22-260715-1003",
            "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG HOÀN KIẾM",
            "Tiếp nhận hồ sơ của: Nguyễn Thị Minh Khai",
            "Địa chỉ: Số 5 ngõ 12 phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội",
            "Số điện thoại: 0912345678",
            "Email:",
            "Đăng ký khai sinh",
            "1.2. Giấy chứng sinh (Bản chính, số lượng: 01)",
            "Giấy chứng nhận kết hôn của cha, mẹ (Bản sao có chứng thực, số lượng: 01)",
            "Số lượng hồ sơ: 01 (bộ)",
            "Thời gian giải quyết hồ sơ theo quy định là: 01 ngày làm việc",
            f"Thời gian nhận hồ sơ: {RECEIVED}",
            f"Thời gian trả kết quả giải quyết hồ sơ: {APPOINTMENT}",
            "Đăng ký nhận kết quả tại: Bộ phận Một cửa - Trung tâm Phục vụ hành chính công",
            "Lệ phí đăng ký khai sinh: 50.000 đồng (đã nộp)",
            "Vào Sổ theo dõi hồ sơ, Quyển số: 2026, Số thứ tự: 123",
            "NGƯỜI NỘP HỒ SƠ",
            "NGƯỜI TIẾP NHẬN HỒ SƠ",
            "(Ký và ghi rõ họ tên)",
            "Nguyễn Văn An",
            f"({label})",
        ):
            assert expected in page, expected
    assert "BẢN IN LẠI" not in " ".join(pages)
    assert "Trang " not in " ".join(pages)  # single-page copies carry no page numbers


def test_receipt_embeds_liberation_only_and_stays_on_page(dossier, centre):
    data = render_receipt(dossier, centre)
    assert_only_liberation(data)
    assert_text_on_page(data)
    assert all(size == pytest.approx((595.28, 841.89), abs=0.01) for size in page_sizes(data))


def test_receipt_is_deterministic(dossier, centre):
    assert render_receipt(dossier, centre) == render_receipt(copy.deepcopy(dossier), centre)


def test_receipt_reprint_line_only_on_reprints(dossier, centre):
    reprint = pages_text(render_receipt(dossier, centre, reprint=True))
    assert len(reprint) == 2 and all("BẢN IN LẠI" in page for page in reprint)
    assert "BẢN IN LẠI" not in all_text(render_receipt(dossier, centre))


def test_receipt_decomposed_input_prints_precomposed(dossier, centre):
    dossier["applicant"]["full_name"] = unicodedata.normalize("NFD", "Nguyễn Thị Minh Khai")
    assert "Nguyễn Thị Minh Khai" in pages_text(render_receipt(dossier, centre))[0]


def test_receipt_qr_and_lookup_url(dossier, centre):
    assert qr_value(dossier) == dossier["code"]
    plain = render_receipt(dossier, centre)
    assert "Tra cứu" not in all_text(plain)
    reader = PdfReader(io.BytesIO(plain))
    qr_rects = drawn_content(reader.pages[0]).count(b" re\n")
    assert qr_rects > 50  # the QR modules, drawn as filled rectangles
    centre["lookup_url"] = "https://dichvucong.gov.vn/tra-cuu?ma={code}"
    text = all_text(render_receipt(dossier, centre))
    assert "https://dichvucong.gov.vn/tra-cuu?ma=000.00.01.H22-260715-1003" in text


@pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("zbarimg")), reason="needs pdftoppm and zbarimg"
)
@pytest.mark.parametrize("paper", ["a4", "80mm"])
def test_receipt_qr_decodes_to_the_code(dossier, centre, paper, tmp_path):
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(render_receipt(dossier, centre, paper=paper, copies=("Liên 1: Lưu",)))
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(pdf), str(tmp_path / "p")], check=True)
    image = next(tmp_path.glob("p*.png"))
    result = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True)
    assert result.stdout.strip() == dossier["code"]


def test_receipt_with_minimal_dossier(centre):
    minimal = {"code": "000.00.01.H22-260715-1001", "applicant": {"full_name": "Lê Văn Tám"}}
    data = render_receipt(minimal, {"centre_name": "Trung tâm Phục vụ hành chính công xã A"})
    text = all_text(data)
    assert RECEIPT_TITLE in text and "Lê Văn Tám" in text and "Phí, lệ phí: Không" in text
    assert_only_liberation(data)
    assert_text_on_page(data)


def test_receipt_postal_return_and_several_fees(dossier, centre):
    dossier["return_method"] = "post"
    dossier["fees"].append({"name": "Phí chuyển phát", "amount": 25000, "paid": False})
    text = all_text(render_receipt(dossier, centre, copies=("Liên 2: Giao người nộp",)))
    assert "qua dịch vụ bưu chính công ích" in text
    assert "Phí chuyển phát: 25.000 đồng (chưa nộp)" in text
    assert "Tổng cộng: 75.000 đồng" in text


def test_receipt_long_data_flows_onto_more_pages(long_dossier, centre):
    data = render_receipt(long_dossier, centre)
    pages = pages_text(data)
    assert len(pages) > 2
    per_copy = len(pages) // 2
    assert len(pages) == 2 * per_copy
    for copy_index, label in enumerate(("Liên 1: Lưu", "Liên 2: Giao người nộp")):
        copy_pages = pages[copy_index * per_copy : (copy_index + 1) * per_copy]
        assert f"({label})" in copy_pages[0]
        for number, page in enumerate(copy_pages, start=1):
            assert f"Trang {number}/{per_copy}" in page
            if number > 1:
                assert f"{label} - Mã hồ sơ: 000.00.01.H22-260715-1003 (tiếp theo)" in page
        joined = " ".join(copy_pages)
        assert "1.35. Giấy tờ chứng minh số 35" in joined
        assert LONG_NAME in joined and "NGƯỜI TIẾP NHẬN HỒ SƠ" in joined
    assert_only_liberation(data)
    assert_text_on_page(data)


def test_receipt_thermal_80mm(dossier, centre):
    data = render_receipt(dossier, centre, paper="80mm", reprint=True)
    sizes = page_sizes(data)
    assert len(sizes) == 2
    assert all(width == pytest.approx(80 * MM, abs=0.01) for width, _ in sizes)
    text = all_text(data)
    for expected in (MOTTO, RECEIPT_TITLE, dossier["code"], "Nguyễn Thị Minh Khai", APPOINTMENT):
        assert expected in text
    assert text.count("BẢN IN LẠI") == 2
    assert_only_liberation(data)
    assert_text_on_page(data, inset=4 * MM - 0.01)  # 72 mm printable on the 80 mm roll


def test_receipt_thermal_grows_with_content(dossier, long_dossier, centre):
    short = page_sizes(render_receipt(dossier, centre, paper="80mm"))
    data = render_receipt(long_dossier, centre, paper="80mm")
    tall = page_sizes(data)
    assert all(width == pytest.approx(80 * MM, abs=0.01) for width, _ in tall)
    assert sum(height for _, height in tall) > 2 * sum(height for _, height in short)
    assert "1.35. Giấy tờ chứng minh số 35" in all_text(data)
    assert_text_on_page(data, inset=4 * MM - 0.01)


def test_receipt_rejects_unknown_paper(dossier, centre):
    with pytest.raises(ValueError):
        render_receipt(dossier, centre, paper="letter")


# ---------------------------------------------------------------- Mẫu 02, 03, control sheet


def test_supplement(dossier, centre):
    items = [
        {"name": "Giấy chứng sinh", "kind": "original", "count": 1},
        {"name": "Giấy chứng nhận kết hôn", "kind": "certified_copy", "count": 2},
    ]
    data = render_supplement(
        dossier, centre, items=items, reason="Giấy chứng sinh bị tẩy xóa.", officer_name="Trần Bình"
    )
    text = all_text(data)
    for expected in (
        MOTTO,
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "STT Tên giấy tờ Bản chính Bản sao chứng thực Bản chụp",
        "1 Giấy chứng sinh 1",
        "2 Giấy chứng nhận kết hôn 2",
        "Lý do: Giấy chứng sinh bị tẩy xóa.",
        "NGƯỜI HƯỚNG DẪN",
        "Trần Bình",
        "Hồ sơ của: Nguyễn Thị Minh Khai",
    ):
        assert expected in text, expected
    assert len(pages_text(data)) == 1
    assert_only_liberation(data)
    assert_text_on_page(data)


def test_supplement_long_list_flows_with_repeated_header(dossier, centre):
    items = [
        {
            "name": f"Giấy tờ bổ sung số {n} " + "có nội dung rất dài " * 6,
            "kind": "photocopy",
            "count": n,
        }
        for n in range(1, 41)
    ]
    data = render_supplement(
        dossier, centre, items=items, reason="Thiếu giấy tờ. " * 80, officer_name="Trần Bình"
    )
    pages = pages_text(data)
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert f"Trang {number}/{len(pages)}" in page
    assert all("Bản sao chứng thực" in page for page in pages[:-1])
    assert "Giấy tờ bổ sung số 40" in " ".join(pages)
    assert_text_on_page(data)


def test_refusal(dossier, centre):
    reasons = ["Hồ sơ không thuộc thẩm quyền giải quyết.", "Thiếu giấy tờ tùy thân."]
    data = render_refusal(dossier, centre, reasons=reasons, officer_name="Nguyễn Văn An")
    text = all_text(data)
    for expected in (
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "1. Hồ sơ không thuộc thẩm quyền giải quyết.",
        "2. Thiếu giấy tờ tùy thân.",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Nguyễn Văn An",
        SLOGAN,
    ):
        assert expected in text, expected
    assert_only_liberation(data)
    assert_text_on_page(data)


def test_refusal_long_reasons_flow(long_dossier, centre):
    reasons = [
        f"Lý do thứ {n}: " + "hồ sơ chưa đáp ứng điều kiện theo quy định " * 8 for n in range(1, 16)
    ]
    data = render_refusal(long_dossier, centre, reasons=reasons, officer_name="Nguyễn Văn An")
    pages = pages_text(data)
    assert len(pages) > 1 and "Lý do thứ 15" in " ".join(pages)
    assert f"Trang {len(pages)}/{len(pages)}" in pages[-1]
    assert_text_on_page(data)


def test_control_sheet(dossier, centre):
    # Issue 13: Mẫu 06 rows are the hand-overs (both people), no longer the status history.
    dossier["handovers"] = [
        {
            "direction": "out",
            "at": "2026-07-15 10:30:00",
            "agency": "Phòng Văn hóa - Xã hội",
            "giver": "Nguyễn Văn An",
            "receiver": "Trần Bình",
            "notes": "Chuyển xử lý",
        },
        {
            "direction": "back",
            "at": "2026-07-16 09:00:00",
            "agency": "Phòng Văn hóa - Xã hội",
            "giver": "Trần Bình",
            "receiver": "Nguyễn Văn An",
            "notes": "",
        },
        {
            "direction": "back",
            "at": "2026-07-16 15:00:00",
            "agency": "Phòng Tư pháp",
            "giver": "Lê Cường",
            "receiver": "Nguyễn Văn An",
            "notes": "",
        },
    ]
    data = render_control(dossier, centre)
    text = all_text(data)
    for expected in (
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        "TÊN CƠ QUAN",
        "THỜI GIAN GIAO, NHẬN HỒ SƠ",
        "KẾT QUẢ GIẢI QUYẾT HỒ SƠ",
        "GHI CHÚ",
        "1. Giao Phòng Văn hóa - Xã hội",
        "Người giao: Nguyễn Văn An",
        "Người nhận: Trần Bình",
        "2. Trả Phòng Văn hóa - Xã hội",
        "Chuyển xử lý",
        "Trước hạn",
        "Đúng hạn",
        "Quá hạn",
        "Người giao",
        "Người nhận",
        "6. Giao:",
    ):
        assert expected in text, expected
    assert "Được tiếp nhận" not in text
    assert_only_liberation(data)
    assert_text_on_page(data)


def test_handover_result():
    due = datetime(2026, 7, 16, 10, 5)
    assert handover_result(datetime(2026, 7, 15, 16, 0), due, 9) == "Trước hạn"
    assert handover_result(datetime(2026, 7, 16, 9, 0), due, 9) == "Đúng hạn"
    assert handover_result(datetime(2026, 7, 16, 11, 0), due, 10) == "Quá hạn"
    assert handover_result(datetime(2026, 7, 15, 10, 5), due, 2) == ""
    assert handover_result(None, due, 9) == ""


# ---------------------------------------------------------------- register


def test_register_multi_page(dossier, centre):
    dossiers = []
    for n in range(60):
        item = copy.deepcopy(dossier)
        item["code"] = f"000.00.01.H22-260715-{1001 + n}"
        item["applicant"]["full_name"] = f"Người nộp số {n + 1}"
        if n % 2:
            item["status"], item["status_name"] = 10, "Đã trả kết quả"
            item["events"].append({"at": "2026-07-16 15:00:00", "to_status": 10})
        dossiers.append(item)
    data = render_register(dossiers, centre, date_from=date(2026, 7, 1), date_to=date(2026, 7, 15))
    pages = pages_text(data)
    assert len(pages) >= 3
    assert all(size == pytest.approx((841.89, 595.28), abs=0.01) for size in page_sizes(data))
    for number, page in enumerate(pages, start=1):
        assert f"Trang {number}/{len(pages)}" in page
        assert "Mã hồ sơ" in page and "Ký nhận" in page  # header row repeated
    text = " ".join(pages)
    for expected in (
        "SỔ THEO DÕI HỒ SƠ",
        "Từ ngày 01/07/2026 đến ngày 15/07/2026",
        "Tên TTHC",
        "Ngày tiếp nhận",
        "Ngày hẹn trả",
        "Trạng thái",
        "Ngày trả",
        "000.00.01.H22-260715-1060",
        "Người nộp số 60",
        "Đã trả kết quả",
        "16/07/2026 15:00",
        "Tổng số: 60 hồ sơ — đã tiếp nhận: 60.",
    ):
        assert expected in text, expected
    assert_only_liberation(data)
    assert_text_on_page(data)


def test_register_single_page_and_empty(centre):
    data = render_register([], centre, date_from=date(2026, 7, 15), date_to=date(2026, 7, 15))
    text = all_text(data)
    assert "Không có hồ sơ trong kỳ." in text and "Trang 1/1" in text and "Ngày 15/07/2026" in text
    assert_only_liberation(data)


# ---------------------------------------------------------------- misc


def test_forms_registry_and_probe(dossier, centre):
    # Issue 13 adds Mẫu 04, Mẫu 05 and the result hand-back slip to the table.
    assert set(FORMS) == {
        "receipt",
        "supplement",
        "refusal",
        "apology",
        "stop",
        "control",
        "handback",
    }
    assert FORMS["receipt"].renderer is render_receipt
    assert {key: spec.renderer for key, spec in FORMS.items()} == {
        "receipt": render_receipt,
        "supplement": render_supplement,
        "refusal": render_refusal,
        "apology": render_apology,
        "stop": render_stop,
        "control": render_control,
        "handback": render_handback,
    }
    probe = render_text_probe("Cộng hòa xã hội chủ nghĩa Việt Nam")
    assert "Cộng hòa xã hội chủ nghĩa Việt Nam" in all_text(probe)
    assert_only_liberation(probe)


def test_forms_do_not_import_qt():
    code = (
        "import sys, counter_app.forms\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'PyQt'))]"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])


@pytest.mark.parametrize("paper", ["a4", "80mm"])
def test_receipt_stamped_copies_read_as_copies_laid_out_alone(dossier, centre, paper):
    """Both copies come from one layout with the labels stamped in; each reads exactly as
    that copy rendered on its own, and a label too long for one line still prints whole."""
    labels = ("Liên 1: Lưu", "Liên 2: Giao người nộp")
    both = pages_text(render_receipt(dossier, centre, paper=paper, copies=labels))
    alone = [pages_text(render_receipt(dossier, centre, paper=paper, copies=(x,))) for x in labels]
    assert both == alone[0] + alone[1]
    long_label = "Liên 3: " + "bản lưu của cơ quan giải quyết thủ tục hành chính " * 3
    mixed = pages_text(render_receipt(dossier, centre, paper=paper, copies=(labels[0], long_label)))
    assert mixed[: len(alone[0])] == alone[0]
    assert "cơ quan giải quyết" in " ".join(mixed[len(alone[0]) :])


def embedded_font_files(data: bytes) -> dict[str, bytes]:
    """Each embedded subset's font file (decoded), by its base font name without the tag."""
    files: dict[str, bytes] = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            files[name] = descriptor["/FontFile2"].get_object().get_data()
    return files


def test_receipt_font_subsets_do_not_depend_on_the_names(dossier, centre):
    """Every Vietnamese letter has its code before anything is drawn, so receipts for other
    people embed the very same subsets (built once per process) and still read back."""
    other = copy.deepcopy(dossier)
    other["applicant"]["full_name"] = "Phùng Thị Ỷ Quyên"
    other["applicant"]["address"] = "Số 9 ngõ Ủy Ban, phố Lãn Ông"
    other["officer_name"] = "Đoàn Ưng Lữ"
    first, second = render_receipt(dossier, centre), render_receipt(other, centre)
    assert embedded_font_files(first) == embedded_font_files(second)
    assert "Phùng Thị Ỷ Quyên" in pages_text(second)[0]
    assert "Đoàn Ưng Lữ" in pages_text(second)[1]
    rare = copy.deepcopy(dossier)
    rare["notes"] = "Ghi chú: ½ bộ ©"  # beyond the seeded letters: a code given when drawn
    assert "½ bộ ©" in all_text(render_receipt(rare, centre))


@pytest.mark.parametrize("paper", ["a4", "80mm"])
def test_receipt_copies_share_one_page_content(dossier, centre, paper):
    """The copies' pages draw the same Form XObject (the page laid out once, written once)
    and add only their own label, which still reads on its own page."""
    pdf = render_receipt(dossier, centre, paper=paper)
    first, second = PdfReader(io.BytesIO(pdf)).pages
    shared = [page["/Resources"]["/XObject"].get_object() for page in (first, second)]
    assert len(shared[0]) == 1 and shared[0] == shared[1]
    assert len(first.get_contents().get_data()) < 2000  # the label and page decorations
    texts = pages_text(pdf)
    assert "Liên 1: Lưu" in texts[0] and "Liên 2: Giao người nộp" in texts[1]
