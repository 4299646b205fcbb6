"""Shared page machinery for the forms: styles, the official header, signatures, page numbers.

Every form is a Platypus story built on one frame; pages are decorated after layout
(so "Trang x/y" knows y) by `_FormCanvas`. Only the embedded Liberation Serif is used:
the canvas' initial font and every table style name it explicitly, so no base-14 font
ever reaches a page's resources. A form printed at a training counter
(`centre["training"]`) gets, here and nowhere else, the diagonal TRAINING_MARK on every
page and a struck-out "MẪU" box where a lookup QR code would be.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from counter_app.domain.text import nfc

from . import fonts, qr_masks
from .formats import long_date
from .memo import Memo
from .paragraphs import FormParagraph

A4_PORTRAIT = A4
A4_LANDSCAPE = landscape(A4)
THERMAL_WIDTH = 80 * mm
DOTS = "…………………"
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
SLOGAN = "Độc lập - Tự do - Hạnh phúc"
SIGN_HINT = "(Ký và ghi rõ họ tên)"
CREATOR = "counter_app"
TRAINING_MARK = "BẢN ĐÀO TẠO — KHÔNG CÓ GIÁ TRỊ PHÁP LÝ"
SAMPLE_MARK = "MẪU"  # in place of the QR code on a training copy: nothing to scan


# ---------------------------------------------------------------- text helpers


def text(value: object) -> str:
    """One-line value as Paragraph markup: NFC, white space collapsed, XML-escaped."""
    return escape(nfc(None if value is None else str(value)))


def multiline(value: object) -> str:
    """Free text that may hold line breaks (reasons, notes) as Paragraph markup."""
    if value is None:
        return ""
    lines = unicodedata.normalize("NFC", str(value)).splitlines()
    return "<br/>".join(escape(nfc(line)) for line in lines if line.strip())


def or_dots(markup: str) -> str:
    """Blank values print as a dotted line to fill by hand, as on the paper form."""
    return markup if markup else DOTS


def upper(value: object) -> str:
    return text(value).upper()


# ---------------------------------------------------------------- styles


@dataclass(frozen=True)
class Styles:
    base: float
    body: ParagraphStyle
    body_left: ParagraphStyle
    body_center: ParagraphStyle
    item: ParagraphStyle
    subitem: ParagraphStyle
    small: ParagraphStyle
    small_center: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    note_center: ParagraphStyle
    header_left: ParagraphStyle
    header_left_bold: ParagraphStyle
    motto: ParagraphStyle
    slogan: ParagraphStyle
    date_line: ParagraphStyle
    sign_title: ParagraphStyle
    sign_hint: ParagraphStyle
    sign_name: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_head: ParagraphStyle


@cache
def styles(base: float = 13.0, *, narrow: bool = False) -> Styles:
    """Paragraph styles for a body size (13 pt A4 forms, 10 pt register, 9 pt thermal).

    `narrow` (the 80 mm roll) sets body text ragged-right: justified lines that narrow
    open wide gaps."""
    fonts.register_fonts()
    lead = 1.25

    def style(name: str, size: float, font: str = fonts.REGULAR, **extra) -> ParagraphStyle:
        return ParagraphStyle(
            f"{name}-{base}{'-narrow' if narrow else ''}",
            fontName=font,
            fontSize=size,
            leading=round(size * lead, 2),
            alignment=extra.pop("alignment", TA_LEFT),
            **extra,
        )

    small = base - 2
    cell = base - 1.5
    return Styles(
        base=base,
        body=style(
            "body", base, alignment=TA_LEFT if narrow else TA_JUSTIFY, spaceAfter=base * 0.25
        ),
        body_left=style("body_left", base, spaceAfter=base * 0.25),
        body_center=style("body_center", base, alignment=TA_CENTER),
        item=style(
            "item",
            base,
            leftIndent=base * 1.5,
            bulletIndent=0,
            bulletFontName=fonts.REGULAR,
            bulletFontSize=base,
            spaceAfter=base * 0.15,
        ),
        subitem=style(
            "subitem",
            base,
            leftIndent=base * 4.4,
            bulletIndent=base * 1.5,
            bulletFontName=fonts.REGULAR,
            bulletFontSize=base,
            spaceAfter=base * 0.1,
        ),
        small=style("small", small),
        small_center=style("small_center", small, alignment=TA_CENTER),
        title=style("title", base + 1, fonts.BOLD, alignment=TA_CENTER, spaceBefore=base * 0.6),
        subtitle=style("subtitle", base, fonts.BOLD, alignment=TA_CENTER),
        note_center=style("note_center", base, fonts.ITALIC, alignment=TA_CENTER),
        header_left=style("header_left", base - 1.5, alignment=TA_CENTER),
        header_left_bold=style("header_left_bold", base - 1, fonts.BOLD, alignment=TA_CENTER),
        motto=style("motto", base - 1, fonts.BOLD, alignment=TA_CENTER),
        slogan=style("slogan", base, fonts.BOLD, alignment=TA_CENTER),
        date_line=style("date_line", base, fonts.ITALIC, alignment=TA_CENTER),
        sign_title=style("sign_title", base, fonts.BOLD, alignment=TA_CENTER),
        sign_hint=style("sign_hint", base - 1, fonts.ITALIC, alignment=TA_CENTER),
        sign_name=style("sign_name", base, fonts.BOLD, alignment=TA_CENTER),
        cell=style("cell", cell),
        cell_center=style("cell_center", cell, alignment=TA_CENTER),
        cell_head=style("cell_head", cell, fonts.BOLD, alignment=TA_CENTER),
    )


def para(markup: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
    return FormParagraph(markup, style, bulletText=bullet)


def labelled(label: str, value_markup: str, style: ParagraphStyle) -> Paragraph:
    """'Label: value' with the value in bold, or dots when blank."""
    value = f"<b>{value_markup}</b>" if value_markup else DOTS
    return FormParagraph(f"{label}: {value}", style)


# ---------------------------------------------------------------- building blocks


def place_date_line(centre: dict, day, st: Styles) -> Paragraph:
    place = text(centre.get("place")) or text(centre.get("commune_name")) or "……"
    when = long_date(day) if day else "ngày …… tháng …… năm ……"
    return para(f"{place}, {when}", st.date_line)


def header(centre: dict, day, st: Styles, width: float, *, stacked: bool = False) -> list[Flowable]:
    """Left: the commune and its centre; right: the national motto and '{place}, ngày …'."""
    if stacked:
        return _header_flowables(centre, day, st, width, stacked=True)
    key = (
        "header",
        *(centre.get(name) for name in ("commune_name", "centre_name", "place")),
        day,
        st,
        width,
    )
    table = Memo(key, lambda: _header_flowables(centre, day, st, width, stacked=False)[0])
    return [table, Spacer(1, st.base * 0.6)]


def _header_flowables(
    centre: dict, day, st: Styles, width: float, *, stacked: bool
) -> list[Flowable]:
    left: list[Flowable] = []
    commune = upper(centre.get("commune_name"))
    if commune:
        left.append(para(f"ỦY BAN NHÂN DÂN {commune}", st.header_left))
    left.append(para(or_dots(upper(centre.get("centre_name"))), st.header_left_bold))
    slogan_width = fonts.text_width(SLOGAN, fonts.BOLD, st.slogan.fontSize)
    right: list[Flowable] = [
        para(MOTTO, st.motto),
        para(SLOGAN, st.slogan),
        HRFlowable(width=slogan_width, thickness=0.6, color=colors.black, spaceBefore=2.5),
    ]
    date_line = place_date_line(centre, day, st)
    if stacked:
        left.append(HRFlowable(width="30%", thickness=0.6, color=colors.black, spaceBefore=2.5))
        return [
            *left,
            Spacer(1, st.base * 0.5),
            *right,
            Spacer(1, st.base * 0.3),
            date_line,
            Spacer(1, st.base * 0.3),
        ]
    motto_width = fonts.text_width(MOTTO, fonts.BOLD, st.motto.fontSize)
    left_width = max(width * 0.42, width - motto_width - st.base)
    left.append(
        HRFlowable(width=left_width * 0.35, thickness=0.6, color=colors.black, spaceBefore=2.5)
    )
    right += [Spacer(1, st.base * 0.35), date_line]
    table = Table([[left, right]], colWidths=[left_width, width - left_width])
    table.setStyle(_plain_cells())
    table.setStyle([("ALIGN", (0, 0), (-1, -1), "CENTER")])
    return [table, Spacer(1, st.base * 0.6)]


def _plain_cells() -> TableStyle:
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )


def plain_table(rows: list[list], col_widths: Sequence[float], **kw) -> Table:
    table = Table(rows, colWidths=list(col_widths), **kw)
    table.setStyle(_plain_cells())
    return table


def grid_table(
    rows: list[list],
    col_widths: Sequence[float],
    *,
    header_rows: int = 1,
    extra: Iterable[tuple] = (),
) -> Table:
    """Bordered table whose header row(s) repeat on every page it flows onto."""
    table = Table(rows, colWidths=list(col_widths), repeatRows=header_rows)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                *extra,
            ]
        )
    )
    return table


def signatures(
    columns: Sequence[tuple[str, str]], st: Styles, width: float, *, gap: float | None = None
) -> Flowable:
    """Signature columns: (TITLE, printed name). An empty title leaves that column blank."""
    gap = st.base * 4.5 if gap is None else gap
    columns = tuple(columns)
    return Memo(
        ("signatures", columns, st, width, gap), lambda: _signatures(columns, st, width, gap)
    )


def _signatures(
    columns: tuple[tuple[str, str], ...], st: Styles, width: float, gap: float
) -> Table:
    # One row per line kind, so names line up even when one title wraps.
    rows: list[list] = [[], [], [], []]
    for title, name in columns:
        rows[0].append(para(title, st.sign_title) if title else "")
        rows[1].append(para(SIGN_HINT, st.sign_hint) if title else "")
        rows[2].append("")
        rows[3].append(para(name, st.sign_name) if title else "")
    count = len(columns)
    return plain_table(rows, [width / count] * count, rowHeights=[None, None, gap, None])


def keep(*flowables: Flowable) -> KeepTogether:
    return KeepTogether(list(flowables))


_DARK_RUN = re.compile("1+")


@lru_cache(maxsize=64)
def _qr_operators(value: str, size: float) -> str:
    """The QR code's dark modules as one cached PDF fill path.

    The rectangles are QrCodeWidget's (one per run of dark modules in a row, the same
    arithmetic), computed from its encoder's matrix directly: building the widget's Rect
    shapes cost more than encoding, and drawing them node by node cost milliseconds more.
    The mask is chosen as the encoder chooses it, with `qr_masks` scoring the candidates.
    """
    widget = QrCodeWidget(value, barWidth=size, barHeight=size, barBorder=0, barLevel="M")
    qr = widget.qr
    qr_masks.make(qr)  # the encoder's own choice of mask, scored faster
    border, width, height = widget.barBorder, widget.barWidth, widget.barHeight
    module_count = qr.getModuleCount()
    minwh = float(min(width, height))
    boxsize = minwh / (module_count + border * 2.0)
    offset_x = widget.x + (width - minwh) / 2.0
    offset_y = widget.y + (minwh - height) / 2.0
    # Each coordinate formatted once per column, row and run length (fp_str of several
    # numbers is theirs joined by spaces).
    xs = [fp_str(offset_x + (c + border) * boxsize) for c in range(module_count)]
    ys = [fp_str(offset_y + height - (r + border + 1) * boxsize) for r in range(module_count)]
    lengths = [fp_str(count * boxsize) for count in range(module_count + 1)]
    tail = f" {fp_str(boxsize)} re"
    rects = [
        f"{xs[run.start()]} {ys[r]} {lengths[run.end() - run.start()]}{tail}"
        for r, row in enumerate(qr.modules)
        for run in _DARK_RUN.finditer("".join("1" if dark else "0" for dark in row))
    ]
    return "q 0 g\n" + "\n".join(rects) + "\nf Q"


class QrCode(Flowable):
    """A square QR code of `value`, `size` points wide."""

    def __init__(self, value: str, size: float) -> None:
        super().__init__()
        self.value = value
        self.width = self.height = size

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self) -> None:
        if getattr(self.canv, "training", False):
            _draw_sample_box(self.canv, self.width)
            return
        self.canv.addLiteral(_qr_operators(self.value, self.width))


def _draw_sample_box(canvas: Canvas, size: float) -> None:
    """A struck-out square with "MẪU": where the QR would be, with nothing to scan."""
    canvas.saveState()
    canvas.setStrokeColor(colors.black)
    canvas.setLineWidth(0.8)
    canvas.rect(0, 0, size, size, stroke=1, fill=0)
    canvas.line(0, 0, size, size)
    canvas.line(0, size, size, 0)
    font_size = size / 4
    canvas.setFillColor(colors.white)
    width = fonts.text_width(SAMPLE_MARK, fonts.BOLD, font_size)
    canvas.rect((size - width) / 2 - 2, size / 2 - font_size * 0.45, width + 4, font_size * 1.1,
                stroke=0, fill=1)  # fmt: skip
    canvas.setFillColor(colors.black)
    canvas.setFont(fonts.BOLD, font_size)
    canvas.drawCentredString(size / 2, size / 2 - font_size * 0.3, SAMPLE_MARK)
    canvas.restoreState()


def qr_code(value: str, size: float) -> QrCode:
    return QrCode(value, size)


# ---------------------------------------------------------------- sections and pages


@dataclass(frozen=True)
class Section:
    """A run of pages numbered together ('Trang x/y'): a copy of a receipt, or a whole form."""

    key: str
    running_head: str = ""  # printed at the top of the 2nd and later pages
    always_number: bool = False  # number even a single page (the register)


class SectionStart(Flowable):
    """Zero-size marker placed at the top of a section's first page."""

    def __init__(self, section: Section) -> None:
        super().__init__()
        self.section = section
        self.width = self.height = 0

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self) -> None:
        self.canv._form_section = self.section


@dataclass(frozen=True)
class PageDecor:
    size: float  # font size of page numbers and running heads
    bottom: float  # baseline of "Trang x/y" from the page bottom
    top: float  # baseline of the running head from the page top
    margin: float  # left/right inset of the running head


class _FormCanvas(Canvas):
    """Keeps each page until the end so page numbers know the section's page count."""

    decor = PageDecor(size=9, bottom=8 * mm, top=9 * mm, margin=20 * mm)
    training = False  # a training counter's form: TRAINING_MARK on every page, no QR

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        fonts.seed_subsets(self._doc)
        self._form_section: Section | None = None
        self._pages: list[dict] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        counts: dict[str, int] = {}
        for page in self._pages:
            section = page["_form_section"]
            if section is not None:
                counts[section.key] = counts.get(section.key, 0) + 1
        seen: dict[str, int] = {}
        for page in self._pages:
            self.__dict__.update(page)
            section = self._form_section
            if section is not None:
                seen[section.key] = seen.get(section.key, 0) + 1
                self._decorate(section, seen[section.key], counts[section.key])
            if self.training:
                self._training_mark()
            Canvas.showPage(self)
        Canvas.save(self)

    def _decorate(self, section: Section, number: int, total: int) -> None:
        decor = self.decor
        width, height = self._pagesize
        self.saveState()
        self.setFillColor(colors.black)
        if total > 1 or section.always_number:
            self.setFont(fonts.ITALIC, decor.size)
            self.drawCentredString(width / 2, decor.bottom, f"Trang {number}/{total}")
        if number > 1 and section.running_head:
            self.setFont(fonts.ITALIC, decor.size)
            self.drawRightString(width - decor.margin, height - decor.top, section.running_head)
        self.restoreState()

    def _training_mark(self) -> None:
        """TRAINING_MARK across the page, corner to corner, over the text but see-through."""
        width, height = self._pagesize
        diagonal = math.hypot(width, height)
        size = min(48.0, 0.8 * diagonal / fonts.text_width(TRAINING_MARK, fonts.BOLD, 1.0))
        self.saveState()
        self.setFillColor(colors.Color(0.75, 0.1, 0.1), alpha=0.28)
        self.setFont(fonts.BOLD, size)
        self.translate(width / 2, height / 2)
        self.rotate(math.degrees(math.atan2(height, width)))
        self.drawCentredString(0, -size * 0.35, TRAINING_MARK)
        self.restoreState()


def measuring_canvas() -> Canvas:
    """A throw-away canvas for measuring flowables before the real layout pass."""
    return Canvas(io.BytesIO(), initialFontName=fonts.REGULAR)


def story_height(story: Iterable[Flowable], width: float) -> float:
    """Height the flowables take in a frame `width` wide, if nothing breaks the page."""
    canvas = measuring_canvas()

    def height_of(flowables: Iterable[Flowable]) -> float:
        total = 0.0
        for flowable in flowables:
            if isinstance(flowable, KeepTogether):
                # KeepTogether reports a huge height on purpose (to force its split logic).
                total += height_of(flowable._content)
                continue
            _, height = flowable.wrapOn(canvas, width, 1e6)
            total += height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        return total

    return height_of(story)


@cache
def canvas_for(decor: PageDecor) -> type[_FormCanvas]:
    return type("FormCanvas", (_FormCanvas,), {"decor": decor})


@dataclass(frozen=True)
class PageSpec:
    size: tuple[float, float]
    left: float
    right: float
    top: float
    bottom: float

    @property
    def frame_width(self) -> float:
        return self.size[0] - self.left - self.right

    @property
    def frame_height(self) -> float:
        return self.size[1] - self.top - self.bottom

    def template(self, template_id: str) -> PageTemplate:
        frame = Frame(
            self.left,
            self.bottom,
            self.frame_width,
            self.frame_height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=f"{template_id}-body",
        )
        return PageTemplate(id=template_id, frames=[frame], pagesize=self.size)


A4_PAGE = PageSpec(A4_PORTRAIT, left=20 * mm, right=15 * mm, top=14 * mm, bottom=14 * mm)
A4_DECOR = PageDecor(size=10, bottom=8 * mm, top=9 * mm, margin=15 * mm)


def is_training(centre: dict) -> bool:
    """Whether forms are printed at a training counter (the `training` setting)."""
    return bool(centre.get("training"))


def _training_canvas(canvas: type[_FormCanvas]) -> type[_FormCanvas]:
    # not cached: stamped canvases are made per document, and so is this subclass
    return type(f"Training{canvas.__name__}", (canvas,), {"training": True})


def build_pdf(
    story: list[Flowable],
    templates: Sequence[PageTemplate],
    *,
    title: str,
    decor: PageDecor,
    centre: dict,
    canvas: type[_FormCanvas] | None = None,
) -> bytes:
    """Lay out the story and return the PDF bytes (deterministic for identical input);
    `canvas` replaces the decorating canvas class (e.g. one that stamps copies). The
    `centre` says whether this is a training copy (`is_training`): then every page carries
    TRAINING_MARK and no QR code."""
    fonts.register_fonts()
    maker = canvas or canvas_for(decor)
    if is_training(centre):
        maker = _training_canvas(maker)
    out = io.BytesIO()
    first = templates[0]
    doc = BaseDocTemplate(
        out,
        pagesize=first.pagesize,
        pageTemplates=list(templates),
        title=title,
        author=CREATOR,
        creator=CREATOR,
        invariant=1,
        initialFontName=fonts.REGULAR,
        initialFontSize=10,
        initialLeading=12,
    )
    doc.build(story, canvasmaker=maker)
    return out.getvalue()
