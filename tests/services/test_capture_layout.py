"""A document being digitised, described by its layout and rebuilt from its files (issue 16:
an open capture dialog survives a kill): the rebuilt draft gives the very PDF bytes of the
original, whatever was added, moved, turned or removed."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw
from reportlab.pdfgen import canvas

from counter_app.capture.pages import DocumentDraft

BOUNDED = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def pdf(*texts: str) -> bytes:
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer)
    for text in texts:
        sheet.drawString(72, 720, text)
        sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def png(text: str, size: tuple[int, int] = (300, 420)) -> bytes:
    image = Image.new("L", size, 240)
    ImageDraw.Draw(image).text((20, 20), text, fill=0)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(100, 100))
    return buffer.getvalue()


def tiff(*shades: int) -> bytes:
    frames = [Image.new("L", (200 + 10 * i, 280), s) for i, s in enumerate(shades)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "TIFF", save_all=True, append_images=frames[1:], dpi=(150, 150))
    return buffer.getvalue()


FILES = {
    "to-khai.pdf": pdf("mot", "hai", "ba"),
    "cccd.png": png("CCCD"),
    "so-ho-khau.tif": tiff(40, 120, 200),
    "mat-sau.jpg": None,  # filled below: a JPEG in colour
}
_jpeg = io.BytesIO()
Image.new("RGB", (320, 240), (180, 150, 120)).save(_jpeg, "JPEG", dpi=(300, 300))
FILES["mat-sau.jpg"] = _jpeg.getvalue()


def rebuilt(draft: DocumentDraft) -> tuple[DocumentDraft, int]:
    """The draft as a new process gets it back: its layout and its files' bytes only."""
    files = dict(draft.used_files())
    return DocumentDraft.from_layout(draft.layout(), files.__getitem__)


@pytest.mark.parametrize("colour", ["grey", "colour", "bw"])
def test_files_pdfs_and_tiff_frames_turned_moved_removed_round_trip(colour: str) -> None:
    draft = DocumentDraft(dpi=150, colour=colour)
    draft.add_files([(name, data) for name, data in FILES.items()])
    draft.source = "scanner"
    assert len(draft.pages) == 3 + 1 + 3 + 1
    draft.rotate(0, 90)
    draft.rotate(4, 270)
    draft.move(6, 1)
    draft.remove(2)
    draft.move(0, len(draft.pages) - 1)
    layout = draft.layout()
    assert [(p["origin"], p["index"], p["rotation"]) for p in layout["pages"]] == [
        ("so-ho-khau.tif", 2, 0),
        ("to-khai.pdf", 2, 0),
        ("cccd.png", 0, 0),
        ("so-ho-khau.tif", 0, 270),
        ("so-ho-khau.tif", 1, 0),
        ("mat-sau.jpg", 0, 0),
        ("to-khai.pdf", 0, 90),
    ]
    again, lost = rebuilt(draft)
    assert lost == 0
    assert again.layout() == layout
    assert (again.dpi, again.colour, again.source) == (150, colour, "scanner")
    assert again.to_pdf().pdf == draft.to_pdf().pdf


def test_the_same_file_twice_is_two_takes_and_stored_once() -> None:
    draft = DocumentDraft()
    draft.add_file("a.pdf", FILES["to-khai.pdf"])
    draft.add_file("a-lan-2.pdf", FILES["to-khai.pdf"])
    draft.remove(1)  # of each take, its first and last page stay
    draft.remove(3)
    assert len(draft.used_files()) == 1
    assert [(p["take"], p["index"]) for p in draft.layout()["pages"]] == [
        (0, 0),
        (0, 2),
        (1, 0),
        (1, 2),
    ]
    again, lost = rebuilt(draft)
    assert lost == 0 and again.to_pdf().pdf == draft.to_pdf().pdf


def test_a_rebuilt_draft_keeps_taking_pages_in() -> None:
    draft = DocumentDraft()
    draft.add_file("a.png", FILES["cccd.png"])
    again, _ = rebuilt(draft)
    for target in (draft, again):
        target.add_file("b.pdf", FILES["to-khai.pdf"])
        target.rotate(2)
    assert again.layout() == draft.layout()
    assert again.to_pdf().pdf == draft.to_pdf().pdf


def test_files_that_cannot_be_read_are_counted_as_lost_pages() -> None:
    draft = DocumentDraft()
    draft.add_files([("a.pdf", FILES["to-khai.pdf"]), ("b.tif", FILES["so-ho-khau.tif"])])
    tiff_sha = draft.pages[3].file
    files = dict(draft.used_files())
    del files[tiff_sha]  # missing
    again, lost = DocumentDraft.from_layout(draft.layout(), files.__getitem__)
    assert lost == 3 and len(again.pages) == 3
    files[tiff_sha] = b"not the file"  # altered: its SHA-256 does not match
    again, lost = DocumentDraft.from_layout(draft.layout(), files.__getitem__)
    assert lost == 3 and [p.origin for p in again.pages] == ["a.pdf"] * 3


def test_a_copy_is_edited_on_its_own() -> None:
    draft = DocumentDraft()
    draft.add_file("a.pdf", FILES["to-khai.pdf"])
    copy = draft.copy()
    copy.rotate(0)
    copy.remove(2)
    copy.add_file("b.png", FILES["cccd.png"])
    assert len(draft.pages) == 3 and draft.pages[0].rotation == 0 and len(draft.files) == 1
    assert len(copy.pages) == 3 and copy.pages[0].rotation == 90


EDITS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.sampled_from(sorted(FILES))),
        st.tuples(st.just("move"), st.integers(0, 30), st.integers(0, 30)),
        st.tuples(st.just("rotate"), st.integers(0, 30), st.sampled_from([90, 180, 270, -90])),
        st.tuples(st.just("remove"), st.integers(0, 30)),
    ),
    min_size=1,
    max_size=12,
)


@BOUNDED
@given(EDITS)
def test_random_edit_sequences_round_trip(edits: list[tuple]) -> None:
    draft = DocumentDraft(dpi=100)
    for edit in edits:
        count = len(draft.pages)
        if edit[0] == "add":
            draft.add_file(edit[1], FILES[edit[1]])
        elif count and edit[0] == "move":
            draft.move(edit[1] % count, edit[2] % count)
        elif count and edit[0] == "rotate":
            draft.rotate(edit[1] % count, edit[2])
        elif count and edit[0] == "remove":
            draft.remove(edit[1] % count)
        # After every step, as the dialog records it: the same draft comes back.
        again, lost = rebuilt(draft)
        assert lost == 0 and again.layout() == draft.layout()
    if draft.pages:
        assert again.to_pdf().pdf == draft.to_pdf().pdf
