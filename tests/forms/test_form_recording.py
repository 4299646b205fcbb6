"""Recorded drawings (paragraphs, memoized tables) replay into any document as a fresh drawing.

The caches are per process and glyph codes are per document: a receipt printed after others
in one process must be the very bytes it is when printed alone in a fresh process.
"""

from __future__ import annotations

import copy
import io
import json
import subprocess
import sys

from receipt_data import receipt_centre, receipt_dossier
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from counter_app.forms import fonts, layout, render_receipt
from counter_app.forms.paragraphs import FormParagraph

EVERY_MARK = (
    "ẦẤẨẪẬẰẮẲẴẶỀẾỂỄỆỒỐỔỖỘỜỚỞỠỢỪỨỬỮỰỲÝỶỸỴĐđ ầấẩẫậằắẳẵặềếểễệồốổỗộờớởỡợừứửữựỳýỷỹỵ "
    "àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụ ơưƠƯ"
)

CHILD = """
import json, sys
from counter_app.forms import render_receipt
dossier, centre, options = json.load(sys.stdin)
if "copies" in options:
    options["copies"] = tuple(options["copies"])
sys.stdout.buffer.write(render_receipt(dossier, centre, **options))
"""


def _variants(dossier: dict, centre: dict) -> list[tuple[dict, dict, dict]]:
    long_names = copy.deepcopy(dossier)
    long_names["applicant"]["full_name"] = f"Huỳnh Thị Phượng Quỳnh {EVERY_MARK}"
    long_names["applicant"]["address"] = "Số 7 ngách 12/34 đường Nguyễn Thị Minh Khai " * 3
    long_names["officer_name"] = "Trương Thị Ưởng Ỡ Ợ Ừ"
    long_names["notes"] = f"Thiếu bản sao\n{EVERY_MARK}"
    many = copy.deepcopy(dossier)
    many["documents"] = [
        {"name": f"Giấy tờ kèm theo số {n}", "kind": "original", "count": 1} for n in range(30)
    ]
    other = copy.deepcopy(dossier)
    other["code"] = "000.00.01.H22-260716-2001"
    other["received_at"] = "2026-07-16 14:30:00"
    other["applicant"]["full_name"] = "Lê Văn Ước"
    other_centre = {**centre, "centre_name": "Trung tâm Phục vụ hành chính công xã Ứng Hòa"}
    training = {**centre, "training": True}
    return [
        (dossier, centre, {}),
        (long_names, centre, {}),
        (other, centre, {"reprint": True}),
        (many, training, {}),
        (long_names, other_centre, {"paper": "80mm"}),
        (other, centre, {"copies": ["Liên 1: Lưu"]}),
        (dossier, training, {"reprint": True}),
    ]


def _alone(dossier: dict, centre: dict, options: dict) -> bytes:
    run = subprocess.run(
        [sys.executable, "-c", CHILD],
        input=json.dumps([dossier, centre, options]).encode(),
        capture_output=True,
        timeout=120,
        check=True,
    )
    return run.stdout


def _render(dossier: dict, centre: dict, options: dict) -> bytes:
    options = {**options}
    if "copies" in options:
        options["copies"] = tuple(options["copies"])
    return render_receipt(dossier, centre, **options)


def test_receipts_in_one_process_are_the_bytes_of_each_alone():
    centre = {**receipt_centre(), "lookup_url": "https://dichvucong.gov.vn/tra-cuu?ma={code}"}
    variants = _variants(receipt_dossier(), centre)
    # Drawn as is the first time, recorded the second, replayed from then on.
    in_sequence = [_render(*variant) for variant in variants]
    in_reverse = [_render(*variant) for variant in reversed(variants)][::-1]
    replayed = [_render(*variant) for variant in variants]
    for number, variant in enumerate(variants):
        alone = _alone(*variant)
        assert alone.startswith(b"%PDF")
        assert in_sequence[number] == alone, f"variant {number} differs after others"
        assert in_reverse[number] == alone, f"variant {number} differs in reverse order"
        assert replayed[number] == alone, f"variant {number} differs when replayed"


def _page(draw_order: list[Paragraph], width: float = 300.0) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1, initialFontName=fonts.REGULAR)
    y = 700.0
    for paragraph in draw_order:
        _, height = paragraph.wrap(width, 1e6)
        paragraph.drawOn(canvas, 40, y - height)
        y -= height + 10
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_replay_encodes_for_the_document_at_hand():
    """A paragraph recorded in one document, replayed where other text took codes first."""
    st = layout.styles(13)
    first = f"Người nộp: <b>Đặng Ỷ {EVERY_MARK}</b>"
    second = "<i>Tiếp nhận</i> hồ sơ của: <b>Nguyễn Thị Minh Khai</b> (ĐƯỢC TIẾP NHẬN)"
    expected = _page([Paragraph(first, st.body), Paragraph(second, st.body_left)])
    _page([FormParagraph(second, st.body_left)])  # recorded alone: codes from a fresh start
    for _ in range(2):  # drawn normally once, then replayed
        assert _page([FormParagraph(first, st.body), FormParagraph(second, st.body_left)]) == (
            expected
        )
    assert _page([FormParagraph(second, st.body_left)]) == _page([Paragraph(second, st.body_left)])
