"""Liberation Serif (metric-compatible with Times New Roman), registered once per process.

Liberation Serif 2.x is used because 1.x lacks the Vietnamese letters (ơ, ư, ạ, ế, …).
"""

from __future__ import annotations

import copy
import threading
import unicodedata
import zlib
from collections import OrderedDict

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import (
    FF_NONSYMBOLIC,
    FF_SYMBOLIC,
    SUBSETN,
    TTFont,
    TTFontFace,
    makeToUnicodeCMap,
)

from counter_app.assets import resource_path

FAMILY = "LiberationSerif"
REGULAR = "LiberationSerif"
BOLD = "LiberationSerif-Bold"
ITALIC = "LiberationSerif-Italic"
BOLD_ITALIC = "LiberationSerif-BoldItalic"

_FILES = {
    REGULAR: "LiberationSerif-Regular.ttf",
    BOLD: "LiberationSerif-Bold.ttf",
    ITALIC: "LiberationSerif-Italic.ttf",
    BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}


def _vietnamese_letters() -> str:
    """Every Vietnamese letter beyond ASCII, precomposed (NFC), lower then upper case."""
    letters = []
    for vowel in "aăâeêioôơuưy" + "aăâeêioôơuưy".upper():
        for tone in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"):
            letter = unicodedata.normalize("NFC", vowel + tone)
            if ord(letter) > 127:
                letters.append(letter)
    return "".join(letters) + "đĐ"


# The first codes of every form's first subset of each font, in this order: with ASCII
# (always there) they cover Vietnamese text, so a form's subsets are the same glyph lists
# whatever its names and addresses, and their compressed font files, widths and ToUnicode
# maps come from the process's cache instead of being built for each new name (~4 KB more
# per font embedded). Characters beyond these still get codes as they are first drawn.
SUBSET_SEED = _vietnamese_letters() + "…–—“”‘’"

_lock = threading.Lock()
_registered = False
_SUBSETS_KEPT = 256  # compressed subsets kept per process (a few tens of KB each)


class _CachedSubsetFace(TTFontFace):
    """A face whose embedded subsets are built and compressed once per process.

    ReportLab rebuilds each subset (and deflates it) for every PDF; a receipt embeds three
    of them, the same ones for every receipt since SUBSET_SEED fixes their glyphs. The bytes are
    kept per glyph list, already compressed, with their /Filter set so they are not deflated
    again."""

    _subsets: OrderedDict[tuple, tuple[int, bytes]]
    _subsets_lock = threading.Lock()

    def addSubsetObjects(self, doc, fontname, subset):  # noqa: N802 (ReportLab's name)
        """As TTFontFace.addSubsetObjects, with the font file stream from the cache."""
        if not doc.compression:
            return super().addSubsetObjects(doc, fontname, subset)
        raw_length, compressed = self._compressed_subset(tuple(subset))
        font_file = pdfdoc.PDFStream(content=compressed)
        font_file.dictionary["Length1"] = raw_length
        font_file.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
        font_file_ref = doc.Reference(font_file, f"fontFile:{self.filename}({fontname})")
        descriptor = pdfdoc.PDFDictionary(
            {
                "Type": "/FontDescriptor",
                "Ascent": self.ascent,
                "CapHeight": self.capHeight,
                "Descent": self.descent,
                "Flags": (self.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
                "FontBBox": pdfdoc.PDFArray(self.bbox),
                "FontName": pdfdoc.PDFName(fontname),
                "ItalicAngle": self.italicAngle,
                "StemV": self.stemV,
                "FontFile2": font_file_ref,
                "MissingWidth": self.defaultWidth,
            }
        )
        return doc.Reference(descriptor, "fontDescriptor:" + fontname)

    def _compressed_subset(self, key: tuple) -> tuple[int, bytes]:
        with self._subsets_lock:
            cached = self._subsets.get(key)
            if cached is not None:
                self._subsets.move_to_end(key)
                return cached
        raw = self.makeSubset(list(key))
        cached = (len(raw), zlib.compress(raw))
        with self._subsets_lock:
            self._subsets[key] = cached
            while len(self._subsets) > _SUBSETS_KEPT:
                self._subsets.popitem(last=False)
        return cached


class _Formatted(pdfdoc.PDFObject):
    """A PDF value already formatted (a subset's /Widths array)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document) -> bytes:
        return self.data


class _CachedSubsetFont(TTFont):
    """A TTFont whose per-subset font objects reuse their formatted widths and compressed
    ToUnicode map: as TTFont.addObjects, the same objects and bytes, built once per subset."""

    _parts: OrderedDict[tuple, tuple[bytes, bytes]]

    def addObjects(self, doc):  # noqa: N802 (ReportLab's name)
        if not doc.compression:
            return super().addObjects(doc)
        try:
            state = self.state[doc]
        except KeyError:
            state = self.state[doc] = TTFont.State(self._asciiReadable)
        state.frozen = 1
        for n, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(n, doc)[1:]
            base_font_name = (
                b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))
            ).decode("pdfdoc")
            widths, cmap = self._subset_parts(base_font_name, tuple(subset), doc)
            pdf_font = pdfdoc.PDFTrueTypeFont()
            pdf_font.__Comment__ = f"Font {self.fontName} subset {n}"
            pdf_font.Name = internal_name
            pdf_font.BaseFont = base_font_name
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            pdf_font.Widths = _Formatted(widths)
            cmap_stream = pdfdoc.PDFStream(content=cmap)
            cmap_stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
            pdf_font.ToUnicode = doc.Reference(cmap_stream, "toUnicodeCMap:" + base_font_name)
            pdf_font.FontDescriptor = self.face.addSubsetObjects(doc, base_font_name, subset)
            doc.Reference(pdf_font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = pdf_font
        del self.state[doc]

    def _subset_parts(self, base_font_name: str, subset: tuple, doc) -> tuple[bytes, bytes]:
        key = (base_font_name, subset)
        with _CachedSubsetFace._subsets_lock:
            cached = self._parts.get(key)
            if cached is not None:
                self._parts.move_to_end(key)
                return cached
        widths = pdfdoc.PDFArray(list(map(self.face.getCharWidth, subset))).format(doc)
        cmap = zlib.compress(makeToUnicodeCMap(base_font_name, list(subset)).encode("utf8"))
        cached = (widths, cmap)
        with _CachedSubsetFace._subsets_lock:
            self._parts[key] = cached
            while len(self._parts) > _SUBSETS_KEPT:
                self._parts.popitem(last=False)
        return cached


def _cache_subsets(font: TTFont) -> TTFont:
    font.__class__ = _CachedSubsetFont
    font._parts = OrderedDict()
    font.face.__class__ = _CachedSubsetFace
    font.face._subsets = OrderedDict()
    return font


def register_fonts() -> None:
    """Parse the four TTFs and register them (and the <b>/<i> family mapping) once."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, filename in _FILES.items():
            path = resource_path("fonts", filename)
            if not path.is_file():
                raise FileNotFoundError(f"Missing bundled font: {path}")
            pdfmetrics.registerFont(_cache_subsets(TTFont(name, str(path))))
        addMapping(FAMILY, 0, 0, REGULAR)
        addMapping(FAMILY, 1, 0, BOLD)
        addMapping(FAMILY, 0, 1, ITALIC)
        addMapping(FAMILY, 1, 1, BOLD_ITALIC)
        _registered = True


_seeded: dict[str, TTFont.State] = {}


def seed_subsets(doc) -> None:
    """Give SUBSET_SEED its codes in each form font for `doc` (a PDF document about to be
    drawn; a font it never draws with is not embedded): a copy of the codes splitString
    gives them, worked out once per process."""
    register_fonts()
    for name in _FILES:
        font = pdfmetrics.getFont(name)
        seeded = _seeded.get(name)
        if seeded is None:
            with _lock:
                first_doc = pdfdoc.PDFDocument()
                font.splitString(SUBSET_SEED, first_doc)
                seeded = _seeded[name] = font.state.pop(first_doc)
        state = copy.copy(seeded)
        state.assignments = dict(seeded.assignments)
        state.subsets = [list(subset) for subset in seeded.subsets]
        font.state[doc] = state


def text_width(text: str, font: str, size: float) -> float:
    register_fonts()
    return pdfmetrics.stringWidth(text, font, size)
