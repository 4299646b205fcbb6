"""Files taken in to be digitised, as outside data: random bytes, truncated and mislabelled
files are refused with an InputError (never another exception), valid ones always give pages."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfWriter

from counter_app.capture import inputs
from counter_app.capture.pages import DocumentDraft
from counter_app.services import InputError

BOUNDED = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (120, 160), 180).save(buffer, "PNG")
    return buffer.getvalue()


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 160), "white").save(buffer, "JPEG")
    return buffer.getvalue()


def _tiff() -> bytes:
    buffer = io.BytesIO()
    first = Image.new("L", (120, 160), 200)
    first.save(buffer, "TIFF", save_all=True, append_images=[Image.new("L", (160, 120), 90)])
    return buffer.getvalue()


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 300)
    writer.add_blank_page(300, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


VALID = {"png": _png(), "jpeg": _jpeg(), "tiff": _tiff(), "pdf": _pdf()}
PAGES = {"png": 1, "jpeg": 1, "tiff": 2, "pdf": 2}


def take_or_refuse(data: bytes) -> int | None:
    """Pages of a file that is taken in, None for one refused with an InputError."""
    try:
        taken = inputs.take("x.bin", data)
    except InputError as exc:
        assert exc.field == "file" and "x.bin" in exc.message
        return None
    assert taken.page_count >= 1
    draft = DocumentDraft(dpi=100)
    draft.add_file("x.bin", data)
    assert draft.to_pdf().pages == taken.page_count
    return taken.page_count


@pytest.mark.parametrize("kind", sorted(VALID))
def test_valid_files_by_content_whatever_their_name(kind: str) -> None:
    assert inputs.sniff(VALID[kind]) == kind
    assert take_or_refuse(VALID[kind]) == PAGES[kind]
    taken = inputs.take("scan.txt", VALID[kind])  # the name says nothing
    assert taken.kind == kind and inputs.looks_complete(VALID[kind])


@BOUNDED
@given(st.binary(max_size=4096))
def test_random_bytes_are_refused_or_read(data: bytes) -> None:
    take_or_refuse(data)


@BOUNDED
@given(
    st.sampled_from(sorted(VALID)),
    st.binary(max_size=2048),
)
def test_known_headers_with_random_bodies(kind: str, body: bytes) -> None:
    header = VALID[kind][:16]
    take_or_refuse(header + body)


@BOUNDED
@given(st.sampled_from(sorted(VALID)), st.floats(min_value=0.0, max_value=0.999))
def test_truncated_files(kind: str, fraction: float) -> None:
    data = VALID[kind]
    cut = data[: int(len(data) * fraction)]
    pages = take_or_refuse(cut)
    if kind in ("png", "jpeg") and len(cut) < len(data) // 2:
        assert pages is None  # half an image is never taken as a page
    assert pages is None or pages <= PAGES[kind]


@BOUNDED
@given(st.sampled_from(sorted(VALID)), st.integers(min_value=0), st.integers(0, 255))
def test_one_flipped_byte(kind: str, position: int, value: int) -> None:
    data = bytearray(VALID[kind])
    data[position % len(data)] = value
    take_or_refuse(bytes(data))
