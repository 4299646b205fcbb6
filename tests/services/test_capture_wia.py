"""Scanning through WIA (capture/wia.py) against a fake of the WIA Automation object model
(tests/wia_fake.py), the one thing not ours: device listing, the properties written for each
colour mode and resolution, the A4 window clipped to the device, the feeder's N pages, every
error's message, and the pages stored like SANE's. Nothing here has touched real Windows."""

from __future__ import annotations

import importlib.util
import io

import pytest
from conftest import intake
from PIL import Image
from pypdf import PdfReader
from wia_fake import ComError, FakeCamera, FakeDeviceManager, FakeScanner

from counter_app.capture import inputs, scanners, wia
from counter_app.services import CounterService


def scan(scanner: FakeScanner, **options) -> list:
    return wia.WiaScanner(
        scanner.device_id, manager=FakeDeviceManager(scanner), **options
    ).acquire()


def image_of(data: bytes) -> Image.Image:
    picture = Image.open(io.BytesIO(data))
    picture.load()
    return picture


def test_lists_scanners_by_device_id_and_name_but_not_cameras() -> None:
    flatbed = FakeScanner(name="Canon LiDE 300")
    office = FakeScanner(
        "{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0002", "HP MFP M428", feeder_sheets=3
    )
    manager = FakeDeviceManager(flatbed, FakeCamera(), office)
    assert wia.wia_devices(manager) == [
        (flatbed.device_id, "Canon LiDE 300"),
        (office.device_id, "HP MFP M428"),
    ]
    assert wia.wia_devices(FakeDeviceManager()) == []


@pytest.mark.parametrize(
    ("colour", "intent", "mode"), [("colour", 1, "RGB"), ("grey", 2, "L"), ("bw", 4, "1")]
)
def test_intent_then_resolution_then_the_a4_window(colour: str, intent: int, mode: str) -> None:
    scanner = FakeScanner()
    (page,) = scan(scanner, dpi=200, colour=colour)
    assert scanner.value(wia.CUR_INTENT) == intent
    assert scanner.value(wia.XRES) == scanner.value(wia.YRES) == 200
    # A4 at 200 dpi: 210 mm = 1654 px, 297 mm = 2339 px, from the top-left corner
    assert (scanner.value(wia.XPOS), scanner.value(wia.YPOS)) == (0, 0)
    assert (scanner.value(wia.XEXTENT), scanner.value(wia.YEXTENT)) == (1654, 2339)
    written = scanner.written()
    # the fake driver resets the resolution when the intent changes, and the extents when the
    # resolution changes, as drivers do: the order is what keeps the values asked for
    assert written.index(wia.CUR_INTENT) < written.index(wia.XRES) < written.index(wia.XEXTENT)
    assert scanner.transfers == [wia.FORMAT_TIFF]
    assert page.name == "scan-page-1.tiff" and inputs.sniff(page.data) == inputs.TIFF
    picture = image_of(page.data)
    assert picture.mode == mode and picture.size == (1654, 2339)


def test_resolution_snaps_to_what_the_device_offers() -> None:
    listed = FakeScanner(resolutions=(75, 150, 300, 600))
    scan(listed, dpi=200, size_mm=(50, 50))
    assert listed.value(wia.XRES) == 150  # the nearest listed value (300 is further)
    assert listed.value(wia.XEXTENT) == round(50 / 25.4 * 150)  # the window at the dpi used
    ranged = FakeScanner(resolutions=None)  # a range 50–1200
    scan(ranged, dpi=2400, size_mm=(50, 50))
    assert ranged.value(wia.XRES) == ranged.value(wia.YRES) == 1200


def test_a4_window_is_clipped_to_the_device_maxima() -> None:
    letter_bed = FakeScanner(bed_inches=(8.5, 11.0))  # a US-letter bed: shorter than A4
    (page,) = scan(letter_bed, dpi=200)
    assert (letter_bed.value(wia.XEXTENT), letter_bed.value(wia.YEXTENT)) == (1654, 2200)
    assert image_of(page.data).size == (1654, 2200)
    # extents without a range: the bed size (thousandths of an inch) bounds the window
    small = FakeScanner(bed_inches=(8.0, 11.0), extent_range=False)
    scan(small, dpi=100)
    assert (small.value(wia.XEXTENT), small.value(wia.YEXTENT)) == (800, 1100)


def test_feeder_scans_up_to_n_pages_and_stops_when_it_runs_empty() -> None:
    feeder = FakeScanner(feeder_sheets=3)
    pages = scan(feeder, dpi=100, pages=10)  # 'auto': the feeder has paper
    assert [p.name for p in pages] == ["scan-page-1.tiff", "scan-page-2.tiff", "scan-page-3.tiff"]
    assert feeder.value(wia.DOCUMENT_HANDLING_SELECT) == wia.SELECT_FEEDER
    assert feeder.value(wia.PAGES) == 1  # one sheet per Transfer
    assert len(feeder.transfers) == 3  # the status said empty: no fourth Transfer
    # the window follows the feeder's sheet size (8.5 x 14 in), not the bed: A4 fits whole
    assert image_of(pages[0].data).size == (827, 1169)
    two_of_three = FakeScanner(feeder_sheets=3)
    assert len(scan(two_of_three, dpi=100, pages=2)) == 2 and two_of_three.sheets == 1


def test_a_jam_after_some_sheets_drops_them_all() -> None:
    feeder = FakeScanner(feeder_sheets=3, failures=[None, wia.WIA_ERROR_PAPER_JAM])
    with pytest.raises(scanners.ScannerUnavailable, match="kẹt giấy"):
        scan(feeder, dpi=100, pages=3)  # no half document: the officer rescans the stack
    assert len(feeder.transfers) == 2


def test_feeder_stops_at_paper_empty_when_the_status_does_not_say() -> None:
    feeder = FakeScanner(feeder_sheets=2)
    del feeder.device_props[wia.DOCUMENT_HANDLING_STATUS]  # a driver without the status
    pages = scan(feeder, dpi=100, pages=5, feed="feeder")
    assert len(pages) == 2 and len(feeder.transfers) == 3  # the third answered PAPER_EMPTY


def test_empty_feeder_and_auto_source() -> None:
    empty = FakeScanner(feeder_sheets=0)
    with pytest.raises(scanners.ScannerUnavailable, match="khay nạp giấy không có giấy") as raised:
        scan(empty, feed="feeder")
    assert "the document feeder is empty" in str(raised.value)
    assert "Canon LiDE 300" in str(raised.value)
    (page,) = scan(empty, dpi=100)  # 'auto' with an empty feeder: the flatbed
    assert empty.value(wia.DOCUMENT_HANDLING_SELECT) == wia.SELECT_FLATBED
    assert image_of(page.data).size == (827, 1169)
    flatbed_only = FakeScanner()
    with pytest.raises(scanners.ScannerUnavailable, match="không có khay nạp"):
        scan(flatbed_only, feed="feeder")
    scan(flatbed_only, feed="flatbed", pages=3)
    assert len(flatbed_only.transfers) == 1  # the flatbed gives one page whatever `pages` says


@pytest.mark.parametrize(
    ("code", "vietnamese", "english"),
    [
        (wia.WIA_ERROR_PAPER_JAM, "kẹt giấy", "paper is jammed"),
        (wia.WIA_ERROR_PAPER_EMPTY, "không có giấy", "feeder is empty"),
        (wia.WIA_ERROR_BUSY, "đang bận", "the scanner is busy"),
        (wia.WIA_ERROR_DEVICE_LOCKED, "đang bị khóa", "locked"),
        (wia.WIA_ERROR_OFFLINE, "không kết nối", "offline"),
        (wia.WIA_ERROR_DEVICE_COMMUNICATION, "kiểm tra cáp", "communication"),
        (wia.WIA_ERROR_WARMING_UP, "đang khởi động", "warming up"),
        (wia.WIA_ERROR_COVER_OPEN, "mở nắp", "cover"),
        (wia.WIA_ERROR_USER_INTERVENTION, "cần người kiểm tra", "needs attention"),
        (wia.WIA_S_NO_DEVICE_AVAILABLE, "không có trên máy tính", "no scanner"),
        (0x80004005, "báo lỗi 0x80004005", "reported an error"),  # E_FAIL: the code shown
    ],
)
@pytest.mark.parametrize("dispatch", [True, False], ids=["excepinfo", "hresult"])
def test_each_wia_error_becomes_a_clear_message(
    code: int, vietnamese: str, english: str, dispatch: bool
) -> None:
    scanner = FakeScanner(failures=[ComError(code, dispatch=dispatch)])
    with pytest.raises(scanners.ScannerUnavailable) as raised:
        scan(scanner)
    message = str(raised.value)
    assert vietnamese in message and english in message and " / " in message


def test_errors_on_connect_device_gone_and_wia_missing() -> None:
    offline = FakeScanner(connect_failure=wia.WIA_ERROR_OFFLINE)
    with pytest.raises(scanners.ScannerUnavailable, match="Canon LiDE 300 đang tắt"):
        scan(offline)
    other = FakeScanner()
    with pytest.raises(scanners.ScannerUnavailable, match="Không thấy máy quét") as raised:
        wia.WiaScanner("{gone}\\0007", manager=FakeDeviceManager(other)).acquire()
    assert "scanner not found" in str(raised.value)

    def unregistered() -> object:  # Dispatch("WIA.DeviceManager") without WIA: CO_E_CLASSSTRING
        raise ComError(wia.CO_E_CLASSSTRING, dispatch=False, text="Invalid class string")

    with pytest.raises(scanners.ScannerUnavailable, match="không dùng được WIA"):
        wia.wia_devices(unregistered)
    with pytest.raises(ZeroDivisionError):  # not a COM error: our bug, not the scanner's
        wia.wia_devices(lambda: 1 / 0)


def test_a_bmp_from_a_driver_without_tiff_becomes_png() -> None:
    scanner = FakeScanner(tiff=False)
    (page,) = scan(scanner, dpi=100, colour="colour")
    assert page.name == "scan-page-1.png" and inputs.sniff(page.data) == inputs.PNG
    assert image_of(page.data).size == (827, 1169)


@pytest.mark.skipif(
    importlib.util.find_spec("win32com") is not None, reason="pywin32 is installed (Windows)"
)
def test_without_pywin32_the_platform_choice_says_so() -> None:
    with pytest.raises(scanners.ScannerUnavailable, match="pywin32"):
        scanners.scanner_devices(platform="win32")
    chosen = scanners.scanner_for("dev", dpi=300, colour="bw", platform="win32")
    assert isinstance(chosen, wia.WiaScanner) and (chosen.dpi, chosen.colour) == (300, "bw")
    with pytest.raises(scanners.ScannerUnavailable, match="pywin32"):
        chosen.acquire()
    assert isinstance(scanners.scanner_for("test:0", platform="linux"), scanners.SaneScanner)


def test_wia_pages_are_stored_like_sane_pages(service: CounterService) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    feeder = FakeScanner(feeder_sheets=2)
    scanner = wia.WiaScanner(
        feeder.device_id, dpi=100, colour="grey", pages=2, manager=FakeDeviceManager(feeder)
    )
    draft = service.attachments.document_from(scanner)
    assert len(draft.pages) == 2 and draft.source == "scanner"
    row = service.attachments.attach(code, draft, by="an.nv", item=2)
    reader = PdfReader(io.BytesIO(service.attachments.open(row["id"])))
    assert len(reader.pages) == 2 and row["source"] == "scanner"
    image = reader.pages[0].images[0].image
    assert image.mode == "L" and abs(image.width - 827) <= 2  # 210 mm at 100 dpi
