"""Copies of one form laid out once: each laid-out page is written once, as a Form XObject
that every copy's page draws, with each copy's label stamped into a slot left for it.

A receipt's copies ("Liên 1: Lưu", "Liên 2: Giao người nộp") differ only in that one line, so
laying the story out again per copy would repeat the whole cost for nothing, and so would
writing (and compressing) the same page content once per copy. The slot takes the label's
place in the layout (the same size as the tallest label, so nothing else moves) and notes
where it stands (the transformation in force); each copy's page draws the shared content
and then the label's own Paragraph drawing there, exactly what a full layout would have drawn.
A text extractor reads the label after the page's other text.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfdoc import PDFFormXObject
from reportlab.platypus import Flowable, Paragraph

from .layout import PageDecor, Section, _FormCanvas
from .paragraphs import FormParagraph


class StampSlot(Flowable):
    """Room for one line of `style` text, filled per copy by `StampedCanvas`."""

    def __init__(self, markups: Sequence[str], style: ParagraphStyle) -> None:
        super().__init__()
        self.markups = list(markups)
        self.style = style
        self.width = self.height = 0.0
        self.avail_width = 0.0
        self.uniform = True
        self.page = -1  # the laid-out page it stands on, and the transformation there
        self.matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

    def _paragraphs(self) -> list[Paragraph]:
        return [FormParagraph(markup, self.style) for markup in self.markups]

    def wrap(self, available_width, available_height):
        sizes = {p.wrap(available_width, 1e6) for p in self._paragraphs()}
        # All labels must take the same room, or stamping would not match a full layout.
        self.uniform = self.uniform and len(sizes) == 1
        self.width, self.height = max(sizes, key=lambda size: size[1])
        self.avail_width = available_width
        return self.width, self.height

    def getSpaceBefore(self) -> float:
        return self.style.spaceBefore

    def getSpaceAfter(self) -> float:
        return self.style.spaceAfter

    def draw(self) -> None:
        canvas = self.canv
        self.page = len(canvas._pages)
        self.matrix = canvas._currentMatrix
        canvas._stamp_slots.append(self)

    def drawing(self, canvas: _FormCanvas, index: int) -> list[str]:
        """The content operators of label `index`, drawn where the slot stands (on a page
        whose own transformation is the identity)."""
        paragraph = FormParagraph(self.markups[index], self.style)
        paragraph.wrap(self.avail_width, 1e6)
        saved = canvas._code
        canvas._code = []
        try:
            paragraph.drawOn(canvas, 0, 0)
            return ["q", f"{fp_str(*self.matrix)} cm", *canvas._code, "Q"]
        finally:
            canvas._code = saved


class StampedCanvas(_FormCanvas):
    """Stamps each slot's label on after layout. With `copy_sections` (one layout for all
    the copies) each laid-out page is written once, as a Form XObject, and drawn on a page
    per copy with that copy's label; without, each slot's one label goes on its own page."""

    copy_sections: tuple[Section, ...] = ()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._stamp_slots: list[StampSlot] = []

    def save(self) -> None:
        laid_out, slots = self._pages, self._stamp_slots
        if not self.copy_sections:
            for slot in slots:
                page = laid_out[slot.page]
                page["_code"] = [*page["_code"], *slot.drawing(self, 0)]
            super().save()
            return
        names = [self._shared_content(number, page) for number, page in enumerate(laid_out)]
        self._pages = []  # (each page's state, restored above, holds the list it was in)
        for index, section in enumerate(self.copy_sections):
            for number, (page, name) in enumerate(zip(laid_out, names, strict=True)):
                code = [f"/{self._doc.getXObjectName(name)} Do"]
                for slot in slots:
                    if slot.page == number:
                        code += slot.drawing(self, index)
                self._pages.append(
                    {**page, "_code": code, "_formsinuse": [name], "_form_section": section}
                )
        super().save()

    def _shared_content(self, number: int, page: dict) -> str:
        """Page `number`'s content as a Form XObject the size of the page; its name."""
        width, height = page["_pagesize"]
        form = PDFFormXObject(lowerx=0, lowery=0, upperx=width, uppery=height)
        form.compression = page["_pageCompression"]
        content = "\n".join([page["_preamble"], *page["_code"]])
        if content.isascii():  # as setStreamList encodes it, without the slow pdfdoc codec
            form.stream = content.encode("ascii")
        else:
            form.setStreamList(content)
        self.__dict__.update(page)  # the resources the page's content uses
        self._setColorSpace(form)
        self._setExtGState(form)
        self._setXObjects(form)
        name = f"copy-page-{number}"
        self._doc.addForm(name, form)
        return name


def stamped_canvas(decor: PageDecor, sections: Sequence[Section]) -> type[StampedCanvas]:
    return type(
        "StampedFormCanvas",
        (StampedCanvas,),
        {"decor": decor, "copy_sections": tuple(sections)},
    )
