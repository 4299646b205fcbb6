"""Copies of one form laid out once: the pages are kept and repeated per copy, with each
copy's label stamped into a slot left for it.

A receipt's copies ("Liên 1: Lưu", "Liên 2: Giao người nộp") differ only in that one line, so
laying the story out again per copy would repeat the whole cost for nothing. The slot takes the
label's place in the layout (the same size as the tallest label, so nothing else moves) and
marks its spot in the page's content; each copy's pages get the label's own Paragraph drawing
there, exactly what a full layout would have drawn.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from .layout import PageDecor, Section, _FormCanvas
from .paragraphs import FormParagraph

_SLOT_MARK = "%%counter_app:stamp-slot"  # a PDF comment, replaced before the page is written


class StampSlot(Flowable):
    """Room for one line of `style` text, filled per copy by `StampedCanvas`."""

    def __init__(self, markups: Sequence[str], style: ParagraphStyle) -> None:
        super().__init__()
        self.markups = list(markups)
        self.style = style
        self.width = self.height = 0.0
        self.avail_width = 0.0
        self.uniform = True

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
        self.canv._code.append(_SLOT_MARK)
        self.canv._stamp_slot = self

    def drawing(self, canvas: _FormCanvas, index: int) -> list[str]:
        """The content operators of label `index`, drawn where the slot stands."""
        paragraph = FormParagraph(self.markups[index], self.style)
        paragraph.wrap(self.avail_width, 1e6)
        saved = canvas._code
        canvas._code = []
        try:
            paragraph.drawOn(canvas, 0, 0)
            return canvas._code
        finally:
            canvas._code = saved


class StampedCanvas(_FormCanvas):
    """Writes the laid-out pages once per copy (`copy_sections`), each with its label."""

    copy_sections: tuple[Section, ...] = ()

    def save(self) -> None:
        laid_out, self._pages = self._pages, []
        slot: StampSlot | None = getattr(self, "_stamp_slot", None)
        for index, section in enumerate(self.copy_sections):
            for page in laid_out:
                code: list[str] = []
                for line in page["_code"]:
                    if line == _SLOT_MARK and slot is not None:
                        code += slot.drawing(self, index)
                    else:
                        code.append(line)
                self._pages.append({**page, "_code": code, "_form_section": section})
        super().save()


def stamped_canvas(decor: PageDecor, sections: Sequence[Section]) -> type[StampedCanvas]:
    return type(
        "StampedFormCanvas",
        (StampedCanvas,),
        {"decor": decor, "copy_sections": tuple(sections)},
    )
