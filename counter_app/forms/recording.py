"""Canvas operators recorded once per process and replayed into any document.

Drawing a paragraph through ReportLab's canvas (line by line, fragment by fragment, every
coordinate formatted) costs far more than the bytes it yields, and a counter draws the same
paragraphs on every receipt: titles, the motto, labels, notes, signature captions. A drawing
is recorded once as the operators it appends to the page, with each piece of text kept as
Unicode (font, size, leading, text) instead of encoded bytes: ReportLab's TrueType subsets give
glyph codes per document in order of first use, and the font's PDF names (F1, F2, …) too, so
encoded text is only valid in the document it was drawn for. Replaying encodes each piece for
the document at hand, in the same order as drawing would, through the font's own splitString
and getSubsetInternalName: the page content, the subsets and the font names come out byte for
byte as a fresh drawing makes them.

Only text in TrueType fonts is recorded as Unicode; anything else that depends on the
document (a base-14 font, a link) makes the recording unusable, and the caller draws normally.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.textobject import PDFTextObject

_MARK = "\x00"  # delimits a text piece's index in a recorded operator line
# A cache's value for a drawing seen once and not recorded: most drawings seen once on a
# receipt are its own names, codes and times, never drawn again, and recording costs more
# than drawing; a drawing is recorded the second time it is drawn.
DRAWN_ONCE = "drawn once"


@dataclass(frozen=True)
class _Piece:
    text_object: int  # pieces of one text object share its current subset
    reset: bool  # the text object's subset was unset (a new object, or setFont) before it
    font_name: str
    font_size: float
    leading: float
    text: str
    plain: str = ""  # the text with no-break spaces as spaces, as splitString encodes them
    chars: frozenset[int] = frozenset()
    order: str = ""  # its distinct characters in order of first use
    tf: str = ""  # the size and leading operators after the font's name
    font: object = None  # the registered font

    def __post_init__(self) -> None:
        plain = self.text.replace("\xa0", " ")
        object.__setattr__(self, "plain", plain)
        object.__setattr__(self, "chars", frozenset(map(ord, plain)))
        object.__setattr__(self, "order", "".join(dict.fromkeys(plain)))
        tf = f" {fp_str(self.font_size)} Tf {fp_str(self.leading)} TL"
        object.__setattr__(self, "tf", tf)
        object.__setattr__(self, "font", pdfmetrics.getFont(self.font_name))


def _split(font, piece: _Piece, doc, assignments: dict | None) -> list[tuple[int, bytes]]:
    """font.splitString(piece.text, doc), by one table lookup per string when every character
    is in the font (`assignments`: the document's codes for the font, if it has any yet): the
    characters the document has not seen yet are given their codes first, by splitString in
    their order of first use (the order splitString itself gives them)."""
    if assignments is None or not piece.chars <= assignments.keys():
        if not piece.chars <= font.face.charToGlyph.keys():
            return font.splitString(piece.text, doc)  # missing glyphs: code 0, unassigned
        if assignments is None:
            font.splitString(piece.order, doc)
            assignments = font.state[doc].assignments
        else:
            font.splitString("".join(c for c in piece.order if ord(c) not in assignments), doc)
    codes = piece.plain.translate(assignments)
    if codes and max(codes) >= "\u0100":  # past the first subset: chunks per subset
        return font.splitString(piece.text, doc)
    return [(0, codes.encode("latin-1"))] if codes else []


class Recorded:
    """A drawing's operator lines; each line a tuple of literal strings and piece indices."""

    def __init__(
        self, lines: list[tuple[str | int, ...]], pieces: list[_Piece], versions: tuple[str, ...]
    ) -> None:
        self.lines = lines
        self.pieces = pieces
        self.versions = versions  # features that raise the PDF version (transparency)

    def replay(self, canvas) -> None:
        """Append the drawing to `canvas`'s page, text encoded for its document (or, while
        a drawing that holds this one is being recorded, kept as pieces of that recording)."""
        if self.versions:
            canvas._doc.ensureMinPdfVersion(*self.versions)
        outer: _Recorder | None = getattr(canvas, "_recorder", None)
        if outer is not None:
            self._replay_into(outer, canvas._code)
            return
        doc = canvas._doc
        escape = canvas._escape
        encoded: list[str] = []
        current: dict[int, int] = {}
        states: dict[int, dict | None] = {}  # id(font) -> the document's codes for it
        for piece in self.pieces:
            font = piece.font
            subset_now = -1 if piece.reset else current.get(piece.text_object, -1)
            key = id(font)
            assignments = states.get(key)
            if assignments is None:
                state = font.state.get(doc)
                assignments = states[key] = state.assignments if state is not None else None
            chunks = _split(font, piece, doc, assignments)
            if assignments is None:
                states[key] = font.state[doc].assignments
            if len(chunks) == 1 and chunks[0][0] == subset_now:
                encoded.append(f"({escape(chunks[0][1])}) Tj")
                current[piece.text_object] = subset_now
                continue
            out = []
            for subset, chunk in chunks:
                if subset != subset_now:
                    out.append(f"{font.getSubsetInternalName(subset, doc)}{piece.tf}")
                    subset_now = subset
                out.append(f"({escape(chunk)}) Tj")
            current[piece.text_object] = subset_now
            encoded.append(" ".join(out))
        code = canvas._code
        for line in self.lines:
            if len(line) == 1:
                code.append(line[0])
            else:
                code.append("".join(encoded[part] if type(part) is int else part for part in line))

    def _replay_into(self, recorder: _Recorder, code: list[str]) -> None:
        first, objects = len(recorder.pieces), recorder.text_objects
        recorder.text_objects += 1 + max((piece.text_object for piece in self.pieces), default=0)
        recorder.pieces += [
            replace(piece, text_object=objects + piece.text_object) for piece in self.pieces
        ]
        for line in self.lines:
            code.append(
                "".join(
                    f"{_MARK}{first + part}{_MARK}" if type(part) is int else part for part in line
                )
            )


class _RecordingText(PDFTextObject):
    """A text object that keeps each piece of TrueType text as Unicode, marked in its code."""

    def __init__(self, recorder: _Recorder, canvas, x=0, y=0, direction=None) -> None:
        self._recorder = recorder
        self._number = recorder.text_objects
        recorder.text_objects += 1
        super().__init__(canvas, x, y, direction=direction)

    def _formatText(self, text):  # noqa: N802 (ReportLab's name)
        font = pdfmetrics.getFont(self._fontname)
        if not font._dynamicFont or type(text) not in (str, bytes):  # base-14, shaped text
            self._recorder.usable = False
            return super()._formatText(text)
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        pieces = self._recorder.pieces
        pieces.append(
            _Piece(
                self._number,
                self._curSubset == -1,
                self._fontname,
                self._fontsize,
                self._leading,
                text,
            )
        )
        self._curSubset = -2  # set by whatever the piece encodes to, known only on replay
        return f"{_MARK}{len(pieces) - 1}{_MARK}"


class _Recorder:
    def __init__(self) -> None:
        self.pieces: list[_Piece] = []
        self.text_objects = 0
        self.usable = True
        self.versions: list[str] = []


def state_key(canvas) -> tuple | None:
    """The canvas state a drawing may depend on, as part of its cache key; None when a
    drawing must not be recorded or replayed here (transparency or overprint in force: ReportLab
    names those graphics states per document)."""
    if canvas._extgstate._d:
        return None
    return (canvas._fontname, canvas._fontsize, canvas._leading)


def record(canvas, draw: Callable[[], None]) -> Recorded | None:
    """Run `draw` against `canvas`, leaving on its page exactly what `draw` alone would, and
    return the recording (None when it depends on the document in a way replay cannot redo).
    A drawing inside one being recorded is part of that recording (and None here)."""
    if getattr(canvas, "_recorder", None) is not None:
        draw()
        return None
    code = canvas._code
    start = len(code)
    recorder = _Recorder()
    annotations = getattr(canvas, "_annotationCount", 0)

    def begin_text(x=0, y=0, direction=None):
        return _RecordingText(recorder, canvas, x, y, direction)

    doc = canvas._doc

    def ensure_version(*keys: str) -> None:
        recorder.versions += keys
        type(doc).ensureMinPdfVersion(doc, *keys)

    canvas.beginText = begin_text
    canvas._recorder = recorder
    doc.ensureMinPdfVersion = ensure_version
    try:
        draw()
    finally:
        del canvas.beginText
        del canvas._recorder
        del doc.ensureMinPdfVersion
    raw = code[start:]
    if (
        canvas._code is not code
        or getattr(canvas, "_annotationCount", 0) != annotations
        or any("/gRLs" in line for line in raw)  # a graphics state named for this document
    ):
        recorder.usable = False
    del code[start:]
    lines: list[tuple[str | int, ...]] = []
    for line in raw:
        if _MARK not in line:
            lines.append((line,))
            continue
        parts = line.split(_MARK)
        lines.append(tuple(int(part) if n % 2 else part for n, part in enumerate(parts)))
    recorded = Recorded(lines, recorder.pieces, tuple(dict.fromkeys(recorder.versions)))
    recorded.replay(canvas)
    return recorded if recorder.usable else None


def draw_cached(
    canvas, cached: Recorded | str | None | bool, draw: Callable[[], None]
) -> Recorded | str | None | bool:
    """Draw through a cache's entry for this drawing (`cached`; False: none yet): replayed
    once recorded; recorded the second time it is drawn (DRAWN_ONCE); drawn as is when not
    replayable (None) or inside an enclosing recording (a memoized table's cell). Returns
    the entry to keep now, or False when the cache stays as it is."""
    if isinstance(cached, Recorded):
        cached.replay(canvas)
        return False
    nested = getattr(canvas, "_recorder", None) is not None
    if cached is not DRAWN_ONCE or nested:
        draw()
        return DRAWN_ONCE if cached is False and not nested else False
    return record(canvas, draw)
