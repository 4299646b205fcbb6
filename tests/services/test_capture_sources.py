"""Where pages come from: the watch folder (watchdog, real files written in steps) and the SANE
scanner (sane-backends' `test` device through scanimage), all behind one `acquire()`."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
from conftest import intake
from PIL import Image
from pypdf import PdfReader

from counter_app.capture import scanners
from counter_app.capture.sources import FileList, WatchFolder
from counter_app.services import CounterService, InputError


class Ticks:
    """A clock the test moves: the watch folder's settling needs no sleeping."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (400, 560), 220).save(buffer, "PNG")
    return buffer.getvalue()


def test_watch_folder_takes_complete_files_for_the_dossier_being_received(
    service: CounterService, tmp_path: Path
) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    other = service.intake.receive(intake(received_at="2026-07-15 10:30")).dossier["code"]
    scans = tmp_path / "scans"
    scans.mkdir()
    ticks = Ticks()
    watch = WatchFolder(scans, settle_seconds=2.0, clock=ticks)
    watch.receiving = code
    data = png_bytes()
    growing = scans / "scan0001.png"
    growing.write_bytes(data[: len(data) // 2])  # the printer is still writing it
    (scans / f"{other}-ketqua.png").write_bytes(data)  # named after another dossier
    assert watch.ready() == []  # first sight: not settled yet
    ticks.now = 5.0
    assert [p.name for p in watch.ready()] == [f"{other}-ketqua.png"]  # the half file waits
    assert watch.acquire() == []  # nothing of the dossier being received is complete
    with open(growing, "ab") as handle:
        handle.write(data[len(data) // 2 :])
    watch.ready()
    ticks.now = 10.0
    files = watch.acquire()
    assert [f.name for f in files] == ["scan0001.png"]
    row = service.attachments.attach(
        code, service.attachments.document_from(_Given(files)), by="an.nv", item=1
    )
    assert row["source"] == "folder" and row["pages"] == 1
    moved = watch.done_with(files)
    assert moved == [scans / "processed" / "scan0001.png"] and not growing.exists()
    assert [f.name for f in watch.acquire(other)] == [f"{other}-ketqua.png"]


class _Given:
    """A capture source of files already acquired (what the GUI hands on after a preview)."""

    source = "folder"

    def __init__(self, files) -> None:
        self.files = files

    def acquire(self):
        return self.files


def test_watch_folder_wakes_up_with_watchdog_and_refuses_other_files(tmp_path: Path) -> None:
    scans = tmp_path / "scans"
    scans.mkdir()
    woke = threading.Event()
    watch = WatchFolder(scans, settle_seconds=0.0)
    watch.start(on_change=woke.set)
    try:
        (scans / "note.docx").write_bytes(b"PK\x03\x04 a word file")
        assert woke.wait(timeout=10)
    finally:
        watch.stop()
    watch.ready()
    ready = watch.ready()
    assert [p.name for p in ready] == ["note.docx"]  # not a type we take: given at once
    watch.receiving = "000.00.01.H22-260715-1001"
    files = watch.acquire()
    with pytest.raises(InputError, match="không phải PDF"):
        from counter_app.capture.pages import DocumentDraft

        DocumentDraft().add_files((f.name, f.data) for f in files)
    assert watch.done_with(files, refused=True) == [scans / "refused" / "note.docx"]
    with pytest.raises(FileNotFoundError):
        WatchFolder(tmp_path / "absent").start()


def test_file_list_checks_size_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    with open(big, "wb") as handle:
        handle.truncate(30_000_000)
    with pytest.raises(InputError, match="quá lớn"):
        FileList([big]).acquire()


def test_sane_test_device_scans_pages_into_a_stored_document(
    service: CounterService, sane_test_device: str
) -> None:
    assert sane_test_device in [name for name, _ in scanners.sane_devices()]
    code = service.intake.receive(intake()).dossier["code"]
    scanner = scanners.SaneScanner(
        sane_test_device,
        dpi=100,
        colour="grey",
        size_mm=(100, 150),
        pages=2,
        options=("--source=Automatic Document Feeder", "--test-picture=Grid"),
    )
    draft = service.attachments.document_from(scanner)
    assert len(draft.pages) == 2
    row = service.attachments.attach(code, draft, by="an.nv", item=2)
    reader = PdfReader(io.BytesIO(service.attachments.open(row["id"])))
    assert len(reader.pages) == 2 and row["source"] == "scanner"
    image = reader.pages[0].images[0].image
    assert image.mode == "L" and abs(image.width - 394) <= 2  # 100 mm at 100 dpi
    with pytest.raises(scanners.ScannerUnavailable, match="không quét được"):
        scanners.SaneScanner("test:99").acquire()
