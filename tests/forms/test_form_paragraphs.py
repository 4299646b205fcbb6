"""FormParagraph (cached parse and line breaks) draws exactly what ReportLab's Paragraph draws."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from counter_app.forms import fonts, layout
from counter_app.forms.paragraphs import FormParagraph

MARKUPS = [
    "Tiếp nhận hồ sơ của: <b>Nguyễn Thị Minh Khai</b>",
    "Giấy tờ kèm theo số 7: bản xác nhận của cơ quan có thẩm quyền (Bản sao, số lượng: 02) " * 3,
    "Dòng một<br/>Dòng hai &amp; ba",
    "Thời gian trả kết quả: <b>10 giờ 05 phút, Thứ Năm, ngày 16 tháng 7 năm 2026</b>",
]


def _drawn(paragraph: Paragraph, width: float) -> tuple[tuple[float, float], list[str]]:
    canvas = Canvas(io.BytesIO(), initialFontName=fonts.REGULAR)
    size = paragraph.wrap(width, 1e6)
    paragraph.drawOn(canvas, 10, 20)
    return size, list(canvas._code)


@pytest.mark.parametrize("markup", MARKUPS)
@pytest.mark.parametrize("width", [120.0, 300.0, 480.0])
def test_same_size_and_drawing_as_paragraph(markup: str, width: float) -> None:
    st = layout.styles(13)
    for style, bullet in ((st.body, None), (st.subitem, "1.2.")):
        expected = _drawn(Paragraph(markup, style, bulletText=bullet), width)
        for _ in range(2):  # the second one is served from the caches
            assert _drawn(FormParagraph(markup, style, bulletText=bullet), width) == expected


def test_split_parts_match_paragraph() -> None:
    st = layout.styles(13)
    markup = MARKUPS[1] * 4
    plain, cached = Paragraph(markup, st.body), FormParagraph(markup, st.body)
    for paragraph in (plain, cached):
        paragraph.wrap(200, 1e6)
    plain_parts, cached_parts = plain.split(200, 60), cached.split(200, 60)
    assert len(cached_parts) == len(plain_parts) == 2
    for p, c in zip(plain_parts, cached_parts, strict=True):
        assert _drawn(c, 200) == _drawn(p, 200)


def test_bad_markup_is_refused() -> None:
    with pytest.raises(ValueError, match="unclosed"):
        FormParagraph("<b>unclosed", layout.styles(13).body)
