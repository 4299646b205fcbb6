"""Files taken in to be digitised: their real type by content, their limits, their pages.

A file is accepted as PDF, JPEG, PNG or TIFF by its first bytes, never by its name. Every
limit of domain/limits.py is an InputError with a Vietnamese message naming the file: size,
pages, pixels of a page (Pillow's decompression-bomb guard is turned into an error, and our
own lower bound is checked from the header before any pixel is decoded), a PDF that does not
open, has no pages or is password-protected. Nothing is stored here: a refused file changes
nothing.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from typing import Any

from counter_app.domain import limits
from counter_app.domain.values import InputError

PDF, JPEG, PNG, TIFF = "pdf", "jpeg", "png", "tiff"
KIND_NAMES = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG", TIFF: "TIFF"}
PIL_FORMATS = {JPEG: "JPEG", PNG: "PNG", TIFF: "TIFF"}
PDF_HEADER_WINDOW = 1024  # the PDF header may follow some junk bytes (ISO 32000, 7.5.2)
FIELD = "file"


def sniff(data: bytes) -> str | None:
    """The file's type from its first bytes (PDF, JPEG, PNG, TIFF), None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return TIFF
    if b"%PDF-" in data[:PDF_HEADER_WINDOW]:
        return PDF
    return None


def looks_complete(data: bytes) -> bool:
    """Whether a file that is still being written (the watch folder) ends as its type ends:
    a PDF's %%EOF, a JPEG's EOI marker, a PNG's IEND chunk (a TIFF has no end marker)."""
    kind = sniff(data)
    tail = data[-1024:]
    if kind == PDF:
        return b"%%EOF" in tail
    if kind == JPEG:
        return tail.rstrip(b"\x00").endswith(b"\xff\xd9")
    if kind == PNG:
        return tail.endswith(b"IEND\xaeB`\x82")
    return kind == TIFF


@dataclass
class TakenFile:
    """One checked file: its type and pages (PIL images, or a pypdf reader's pages)."""

    name: str
    kind: str
    size: int
    images: list[Any] = field(default_factory=list)  # PIL.Image.Image, loaded
    pdf: Any = None  # pypdf.PdfReader

    @property
    def page_count(self) -> int:
        return len(self.pdf.pages) if self.pdf is not None else len(self.images)


def refuse(name: str, message: str) -> InputError:
    return InputError(FIELD, f"Tệp '{name}': {message}")


def take(name: str, data: bytes) -> TakenFile:
    """Check one file and read its pages; InputError (naming the file) when it is refused."""
    if not data:
        raise refuse(name, "tệp rỗng / the file is empty")
    if len(data) > limits.ATTACHMENT_BYTES_MAX:
        raise refuse(name, too_big_text(len(data)))
    kind = sniff(data)
    if kind is None:
        raise refuse(
            name,
            "không phải PDF, JPEG, PNG hay TIFF (xét theo nội dung, không theo tên tệp) / "
            "not a PDF, JPEG, PNG or TIFF file (by its content)",
        )
    if kind == PDF:
        return _take_pdf(name, data)
    return _take_image(name, kind, data)


def too_big_text(size: int) -> str:
    return (
        f"quá lớn ({size / 1e6:.1f} MB, tối đa {limits.ATTACHMENT_BYTES_MAX / 1e6:.0f} MB) / "
        "too large"
    )


def _too_many_pages(name: str, count: int) -> InputError:
    return refuse(
        name, f"quá nhiều trang ({count}, tối đa {limits.ATTACHMENT_PAGES_MAX}) / too many pages"
    )


def _take_pdf(name: str, data: bytes) -> TakenFile:
    from pypdf import PdfReader

    broken = refuse(name, "tệp PDF bị hỏng, không mở được / the PDF is damaged")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise refuse(
                    name,
                    "tệp PDF có mật khẩu (bị mã hóa): hãy lưu bản không mật khẩu / "
                    "the PDF is password-protected",
                )
            count = len(reader.pages)
            if count > limits.ATTACHMENT_PAGES_MAX:
                raise _too_many_pages(name, count)
            for page in reader.pages:
                box = page.mediabox
                if not (float(box.width) > 0 and float(box.height) > 0):
                    raise broken
            if count:
                reader = _rewritten(reader)
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - pypdf raises many kinds on damaged input
        raise broken from None
    if count == 0:
        raise refuse(name, "tệp PDF không có trang nào / the PDF has no pages")
    return TakenFile(name=name, kind=PDF, size=len(data), pdf=reader)


def _rewritten(reader: Any) -> Any:
    """The pages copied into a PDF of our own and read back: a page pypdf cannot copy or
    write (a damaged page tree, a bad object) is found here, at intake, never at saving."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    copy = PdfReader(io.BytesIO(buffer.getvalue()), strict=False)
    if len(copy.pages) != len(reader.pages):
        raise ValueError("pages lost in the copy")
    return copy


def _take_image(name: str, kind: str, data: bytes) -> TakenFile:
    from PIL import Image, ImageSequence

    broken = refuse(
        name, f"ảnh {KIND_NAMES[kind]} bị hỏng hoặc không đầy đủ / the image is damaged"
    )
    images = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow's notes on odd tags: not for the user
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[PIL_FORMATS[kind]])
            for frame in ImageSequence.Iterator(image):
                if len(images) >= limits.ATTACHMENT_PAGES_MAX:
                    raise _too_many_pages(name, len(images) + 1)
                width, height = frame.size
                if width < 1 or height < 1:
                    raise broken
                if width * height > limits.IMAGE_PIXELS_MAX:
                    raise _too_many_pixels(name, width, height)
                frame.load()
                copy = frame.copy()
                copy.info["dpi"] = _dpi_of(frame)
                images.append(copy)
    except InputError:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise _too_many_pixels(name, 0, 0) from None
    except Exception:  # noqa: BLE001 - Pillow raises OSError, SyntaxError, ValueError, …
        raise broken from None
    if not images:
        raise broken
    return TakenFile(name=name, kind=kind, size=len(data), images=images)


def _too_many_pixels(name: str, width: int, height: int) -> InputError:
    size = f" ({width}×{height})" if width else ""
    return refuse(
        name,
        f"ảnh quá nhiều điểm ảnh{size}, tối đa {limits.IMAGE_PIXELS_MAX / 1e6:.0f} triệu: "
        "hãy quét lại ở độ phân giải thấp hơn / the image has too many pixels",
    )


def _dpi_of(image: Any) -> float:
    """The resolution the image says it has (0 when it says none or nonsense)."""
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0]) if isinstance(dpi, tuple) else float(dpi or 0)
    except (TypeError, ValueError):
        return 0.0
    return value if 10 <= value <= 10_000 else 0.0
