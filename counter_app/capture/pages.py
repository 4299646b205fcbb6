"""One document being digitised: its pages, put in order, turned, removed, then one PDF.

`DocumentDraft` is the Qt-free model the capture screen will render (Electrum's
payment_identifier shape): pages come in from checked files (capture/inputs.py), a person
reorders (`move`), rotates (`rotate`) and removes (`remove`) them, then `to_pdf()` makes the
one PDF that is stored. Image pages are brought to the resolution and colour mode of the
settings (`capture_dpi`, default 200; `capture_colour`: grey, colour or bw) — never enlarged —
and written by Pillow (JPEG inside the PDF for grey and colour, CCITT group 4 for bw); PDF
pages are copied as they are (text stays text), turned when asked. pypdf joins the pages.
img2pdf (lossless JPEG pass-through) is not used: it needs pikepdf, too big for the bundle.

A draft keeps the bytes of the files it took in (`files`, by SHA-256) and each page knows its
file and its index there (PDF page or image frame), so `layout()` describes the draft in a
few hundred bytes of JSON and `from_layout(layout, read_file)` rebuilds the same draft from
those files — `to_pdf()` then gives the same bytes. That is how an open capture dialog
survives a crash (services/open_captures.py).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from counter_app.capture import inputs
from counter_app.domain import limits
from counter_app.domain.settings import CAPTURE_COLOUR_MODES
from counter_app.domain.values import InputError

PIL_MODES = {"grey": "L", "colour": "RGB", "bw": "1"}
JPEG_QUALITY = 80
ROTATIONS = (0, 90, 180, 270)


@dataclass
class Page:
    """One page: frame `index` of an image (PIL, loaded) or page `index` of a checked PDF;
    turned clockwise by `rotation` degrees before saving. `file`: the SHA-256 of the file it
    came from (a key of the draft's `files`); `take`: which taking-in of that file (the same
    file added twice is two takes: pages of one PDF read share its objects in the output)."""

    origin: str  # the file it came from (shown beside the page)
    image: Any = None
    pdf: Any = None  # pypdf.PdfReader
    index: int = 0
    rotation: int = 0
    file: str = ""
    take: int = 0

    @property
    def is_image(self) -> bool:
        return self.image is not None


@dataclass(frozen=True)
class SavedDocument:
    """What `to_pdf` made: the PDF and its page count."""

    pdf: bytes
    pages: int


class DocumentDraft:
    def __init__(self, *, dpi: int = 200, colour: str = "grey") -> None:
        if not limits.CAPTURE_DPI_MIN <= int(dpi) <= limits.CAPTURE_DPI_MAX:
            raise InputError(
                "capture_dpi",
                f"Độ phân giải phải từ {limits.CAPTURE_DPI_MIN} đến {limits.CAPTURE_DPI_MAX} dpi",
            )
        if colour not in CAPTURE_COLOUR_MODES:
            raise InputError("capture_colour", "Chế độ màu chỉ nhận 'grey', 'colour' hoặc 'bw'")
        self.dpi = int(dpi)
        self.colour = colour
        self.pages: list[Page] = []
        self.files: dict[str, bytes] = {}  # the files taken in, by SHA-256
        self.takes = 0  # files taken in so far (each page's `take` is one of them)
        self.source = "file"  # where the pages came from: attachments.source

    # -- taking pages in ------------------------------------------------------------------
    def add_file(self, name: str, data: bytes) -> int:
        """Check a file and append its pages; returns how many. InputError when refused
        (the draft is then unchanged)."""
        taken = inputs.take(name, data)
        total = len(self.pages) + taken.page_count
        if total > limits.ATTACHMENT_PAGES_MAX:
            raise inputs.refuse(
                name,
                f"tài liệu sẽ có {total} trang, tối đa {limits.ATTACHMENT_PAGES_MAX} / "
                "the document would have too many pages",
            )
        sha256 = hashlib.sha256(data).hexdigest()
        self.pages += _pages_of(taken, name, sha256, self.takes)
        self.files[sha256] = data
        self.takes += 1
        return taken.page_count

    def add_files(self, files: Iterable[tuple[str, bytes]]) -> int:
        """Several files at once: all of them or none (the first refused one is raised)."""
        before, files_before, takes = list(self.pages), dict(self.files), self.takes
        try:
            return sum(self.add_file(name, data) for name, data in files)
        except BaseException:
            self.pages, self.files, self.takes = before, files_before, takes
            raise

    def copy(self) -> DocumentDraft:
        """The same pages in a draft of its own (editing one leaves the other as it is)."""
        other = DocumentDraft(dpi=self.dpi, colour=self.colour)
        other.source = self.source
        other.pages = [dataclasses.replace(page) for page in self.pages]
        other.files = dict(self.files)
        other.takes = self.takes
        return other

    # -- describing and rebuilding ------------------------------------------------------------
    def layout(self) -> dict[str, Any]:
        """The draft as JSON-able data: its settings and, per page, its file (SHA-256), its
        index in that file, its rotation, the file's name and take."""
        return {
            "dpi": self.dpi,
            "colour": self.colour,
            "source": self.source,
            "takes": self.takes,
            "pages": [
                {
                    "file": p.file,
                    "index": p.index,
                    "rotation": p.rotation,
                    "origin": p.origin,
                    "take": p.take,
                }
                for p in self.pages
            ],
        }

    def used_files(self) -> dict[str, bytes]:
        """The files its pages come from (those removed pages alone came from left out)."""
        return {p.file: self.files[p.file] for p in self.pages if p.file in self.files}

    @classmethod
    def from_layout(
        cls, layout: dict[str, Any], read_file: Callable[[str], bytes]
    ) -> tuple[DocumentDraft, int]:
        """The draft `layout()` described, its files read with `read_file(sha256)`; and how
        many pages were lost (a file that cannot be read or checked, a page it lacks)."""
        draft = cls(dpi=int(layout.get("dpi") or 200), colour=str(layout.get("colour") or "grey"))
        draft.source = str(layout.get("source") or "file")
        draft.takes = int(layout.get("takes") or 0)
        taken: dict[tuple[str, int], list[Page] | None] = {}
        lost = 0
        for entry in layout.get("pages") or []:
            sha256, origin = str(entry.get("file") or ""), str(entry.get("origin") or "")
            take = int(entry.get("take") or 0)
            if (sha256, take) not in taken:
                taken[sha256, take] = None
                try:
                    data = draft.files.get(sha256) or read_file(sha256)
                    if hashlib.sha256(data).hexdigest() != sha256:
                        raise ValueError("content mismatch")
                    taken[sha256, take] = _pages_of(inputs.take(origin, data), origin, sha256, take)
                    draft.files[sha256] = data
                except Exception:  # noqa: BLE001 - missing, altered or refused: a lost page
                    pass
            pages = taken[sha256, take]
            index = int(entry.get("index") or 0)
            if pages is None or not 0 <= index < len(pages):
                lost += 1
                continue
            page = dataclasses.replace(pages[index], rotation=int(entry.get("rotation") or 0) % 360)
            draft.pages.append(page)
            draft.takes = max(draft.takes, take + 1)
        return draft, lost

    # -- editing ------------------------------------------------------------------------------
    def _check_index(self, index: int) -> None:
        if not 0 <= index < len(self.pages):
            raise InputError("page", f"Không có trang {index + 1} / no such page")

    def move(self, index: int, to: int) -> None:
        """Move page `index` so that it becomes page `to` (0-based)."""
        self._check_index(index)
        self._check_index(to)
        self.pages.insert(to, self.pages.pop(index))

    def rotate(self, index: int, degrees: int = 90) -> None:
        """Turn page `index` clockwise by a multiple of 90 degrees."""
        self._check_index(index)
        if degrees % 90:
            raise InputError("rotation", "Chỉ xoay theo bội số của 90 độ")
        page = self.pages[index]
        page.rotation = (page.rotation + degrees) % 360

    def remove(self, index: int) -> None:
        self._check_index(index)
        del self.pages[index]

    # -- saving -----------------------------------------------------------------------------
    def to_pdf(self) -> SavedDocument:
        """The document as one PDF; InputError when it has no page or would be too big."""
        from pypdf import PdfReader, PdfWriter

        if not self.pages:
            raise InputError("pages", "Chưa có trang nào để lưu / no pages to save")
        writer = PdfWriter()
        for page in self.pages:
            if page.is_image:
                single = PdfReader(io.BytesIO(self._image_pdf(page.image)))
                added = writer.add_page(single.pages[0])
            else:
                added = writer.add_page(page.pdf.pages[page.index])
            if page.rotation:
                added.rotate(page.rotation)
        buffer = io.BytesIO()
        writer.write(buffer)
        data = buffer.getvalue()
        if len(data) > limits.ATTACHMENT_BYTES_MAX:
            raise InputError(
                "pages",
                f"Tài liệu {inputs.too_big_text(len(data))}: hãy giảm độ phân giải hoặc dùng "
                "chế độ xám / đen trắng",
            )
        return SavedDocument(pdf=data, pages=len(self.pages))

    def _image_pdf(self, image: Any) -> bytes:
        """One image as a one-page PDF at the draft's resolution and colour mode."""
        from PIL import Image

        source_dpi = float(image.info.get("dpi") or 0) or self.dpi
        picture = image
        if picture.mode in ("P", "PA", "LA", "RGBA", "I;16", "I", "F", "CMYK"):
            picture = _flatten(picture)
        if source_dpi > self.dpi:  # scanned finer than asked: bring it down, never up
            ratio = self.dpi / source_dpi
            size = (max(1, round(picture.width * ratio)), max(1, round(picture.height * ratio)))
            picture = picture.resize(size, Image.Resampling.LANCZOS)
            dpi = self.dpi
        else:
            dpi = source_dpi
        mode = PIL_MODES[self.colour]
        if picture.mode != mode:
            picture = picture.convert("L").convert("1") if mode == "1" else picture.convert(mode)
        buffer = io.BytesIO()
        options = {} if mode == "1" else {"quality": JPEG_QUALITY}  # 1-bit: CCITT G4
        picture.save(buffer, "PDF", resolution=dpi, **options)
        return buffer.getvalue()


def _pages_of(taken: inputs.TakenFile, name: str, sha256: str, take: int) -> list[Page]:
    if taken.pdf is not None:
        return [
            Page(origin=name, pdf=taken.pdf, index=i, file=sha256, take=take)
            for i in range(taken.page_count)
        ]
    return [
        Page(origin=name, image=image, index=i, file=sha256, take=take)
        for i, image in enumerate(taken.images)
    ]


def _flatten(image: Any) -> Any:
    """Palette, alpha, 16-bit and CMYK images as plain RGB/L (transparent parts white)."""
    from PIL import Image

    if image.mode in ("I;16", "I", "F"):
        return image.point(lambda value: value / 256).convert("L")
    if image.mode in ("P", "PA"):
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA"):
        background = Image.new("RGB", image.size, "white")
        background.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
        return background
    return image.convert("RGB")
