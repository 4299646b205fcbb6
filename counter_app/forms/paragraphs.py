"""The forms' Paragraph: markup parsed once per process, lines broken once per width.

A counter prints the same markup again and again (titles, the motto, the centre's header, the
notes, signature captions, copy labels, a procedure's documents and fees), and Platypus wraps
most paragraphs two or three times per layout (a KeepTogether measures its content before
adding it, a table wraps its cells to size its rows and again to draw them). Both results depend
only on the markup, the style and the width, so they are kept in bounded process-wide caches:
the parsed fragments per (markup, style) — each paragraph gets its own copies — and the broken
lines per (markup, style, width), which drawing only reads. A paragraph split across pages
(its parts made by `split`) is broken afresh. The output is the same PDF, byte for byte.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaParser

from .recording import Recorded, draw_cached, state_key

_PARSED_KEPT = 2048  # distinct (markup, style) pairs; a few hundred bytes each
_WRAPPED_KEPT = 2048  # distinct (markup, style, width) line breaks; about a KB each
_DRAWN_KEPT = 2048  # distinct drawings (operators with their text); about a KB each
# Keyed by the style object itself: styles hash by identity and the key keeps them alive.
_parsed: OrderedDict[tuple[str, ParagraphStyle], tuple] = OrderedDict()
_wrapped: OrderedDict[tuple[str, ParagraphStyle, float], tuple] = OrderedDict()
_drawn: OrderedDict[tuple, Recorded | str | None] = OrderedDict()
_lock = threading.Lock()


def _parse(markup: str, style: ParagraphStyle) -> tuple:
    """(style, fragments, bullet fragments, cleaned text) as Paragraph._setup makes them."""
    key = (markup, style)
    with _lock:
        cached = _parsed.get(key)
        if cached is not None:
            _parsed.move_to_end(key)
            return cached
    cleaned = cleanBlockQuotedText(markup)
    parser = ParaParser()
    parser.caseSensitive = 1
    parsed_style, frags, bullet_frags = parser.parse(cleaned, style)
    if frags is None:
        raise ValueError(
            f"xml parser error ({parser.errors[0]}) in paragraph beginning\n{cleaned[:30]!r}"
        )
    textTransformFrags(frags, parsed_style)
    cached = (parsed_style, frags, bullet_frags, cleaned)
    with _lock:
        _parsed[key] = cached
        while len(_parsed) > _PARSED_KEPT:
            _parsed.popitem(last=False)
    return cached


class FormParagraph(Paragraph):
    """A Paragraph (same arguments, same drawing) that reuses its parse and its line breaks."""

    def __init__(
        self,
        text: str | None,
        style: ParagraphStyle,
        bulletText: str | None = None,  # noqa: N803 (ReportLab's names)
        frags: list | None = None,
    ) -> None:
        self.caseSensitive = 1
        self.encoding = "utf8"
        self._wrapped: tuple | None = None
        self._key: tuple[str, ParagraphStyle] | None = None
        if frags is not None or text is None:  # a part made by split(): already parsed
            bullet = bulletText or getattr(style, "bulletText", None)
            self._setup(text, style, bullet, frags, cleanBlockQuotedText)
            return
        parsed_style, frags, bullet_frags, cleaned = _parse(text, style)
        bullet = bulletText or getattr(style, "bulletText", None)
        if bullet_frags:
            bullet = [frag.clone() for frag in bullet_frags]
        # The parsed fragments themselves: copied only if this paragraph breaks its own lines.
        self._setup(cleaned, parsed_style, bullet, frags, None)
        self._key = (text, style)
        self._shared_frags = True

    def _own_frags(self) -> None:
        if getattr(self, "_shared_frags", False):
            self.frags = [frag.clone() for frag in self.frags]
            self._shared_frags = False

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        wrapped = self._wrapped
        if wrapped is None or wrapped[0] != availWidth:
            wrapped = self._shared_wrap(availWidth) if self._key is not None else None
        if wrapped is None:
            self._own_frags()
            size = super().wrap(availWidth, availHeight)
            if not hasattr(self, "blPara"):
                return size  # too narrow to hold anything: nothing to keep
            wrapped = (
                availWidth,
                self.width,
                self.height,
                self.blPara,
                self._wrapWidths,
                getattr(self, "_width_max", 0),
                self.frags,
            )
            if self._key is not None:
                self._share_wrap(wrapped)
        self._wrapped = wrapped
        _, self.width, self.height, self.blPara, self._wrapWidths, self._width_max, frags = wrapped
        self.frags = list(frags)
        self._shared_frags = False
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        self._own_frags()
        return super().split(availWidth, availHeight)

    def _shared_wrap(self, width: float) -> tuple | None:
        key = (*self._key, width)
        with _lock:
            wrapped = _wrapped.get(key)
            if wrapped is not None:
                _wrapped.move_to_end(key)
        return wrapped

    def _share_wrap(self, wrapped: tuple) -> None:
        with _lock:
            _wrapped[(*self._key, wrapped[0])] = wrapped
            while len(_wrapped) > _WRAPPED_KEPT:
                _wrapped.popitem(last=False)

    def draw(self) -> None:
        """Paragraph.draw, replayed from the process's recording of the same drawing."""
        wrapped = self._wrapped
        if self._key is None or wrapped is None or self.debug:
            super().draw()
            return
        canvas = self.canv
        state = state_key(canvas)
        if state is None:
            super().draw()
            return
        bullet = self.bulletText
        key = (
            *self._key,
            wrapped[0],
            bullet if bullet is None or isinstance(bullet, str) else None,
            state,
        )
        with _lock:
            recorded = _drawn.get(key, False)
            if recorded is not False:
                _drawn.move_to_end(key)
        kept = draw_cached(canvas, recorded, super().draw)
        if kept is not False:
            _keep(key, kept)


def _keep(key: tuple, recorded: Recorded | str | None) -> None:
    with _lock:
        _drawn[key] = recorded
        while len(_drawn) > _DRAWN_KEPT:
            _drawn.popitem(last=False)
