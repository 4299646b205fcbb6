"""Scanning on Windows through WIA (Windows Image Acquisition), behind the same `acquire()` as
SANE (capture/scanners.py): `wia_devices()` lists the scanners, `WiaScanner` scans one page
from the flatbed or up to `pages` sheets from the document feeder.

NOT RUN ON REAL WINDOWS. Everything here except the COM calls themselves is tested on Linux
against a fake of the WIA Automation object model (tests/wia_fake.py) injected through the one
seam, `manager=` (its default, `device_manager`, is the only code that touches COM); the
calls' shapes follow Microsoft's documentation cited below, but no real scanner, driver or
pywin32 has exercised this module yet. To check first on a real counter PC: that
`Device.Items(1)` with Document Handling Select on the device reaches the feeder of a
WIA 2.0 driver (the Automation Library shows drivers through WIA's 1.0-style item tree), that
SubTypeMax of the extents follows the resolution once `Item.Properties` is read again, and
the messages of a real jam / empty feeder.

Why WIA rather than TWAIN: WIA is part of Windows (the "WIA.DeviceManager" Automation Library,
wiaaut.dll, is present on Vista and later; nothing to install but the scanner's driver), it
has no per-vendor data source whose own dialog TWAIN drivers tend to show, and it is driven
from a background thread once COM is initialised there. TWAIN would also need a 32/64-bit
data source matching Python's and a window handle for its message loop.

Why pywin32 (`win32com.client.dynamic.Dispatch`) rather than comtypes: it is the usual way
to reach an Automation server from Python, its `pywintypes.com_error` carries the HRESULT and
the server's EXCEPINFO (where an IDispatch call puts the WIA error), late binding writes no
generated wrappers at run time (comtypes' `comtypes.gen` cache needs care in a frozen
bundle), and PyInstaller's contrib hooks know its DLLs. comtypes would be lighter (pure
Python); pywin32 is imported only on Windows, lazily, inside `device_manager`.

How a scan goes (the order matters: a driver resets dependent properties when one changes):
1. the device is found by its DeviceID among `DeviceManager.DeviceInfos` (Type 1 = scanner)
   and connected; feeder or flatbed is chosen on the device: Document Handling Select (3088,
   FEEDER 0x1 / FLATBED 0x2), and for the feeder Pages (3096) = 1, one sheet per Transfer;
   `feed="auto"` takes the feeder when its capabilities (3086) say FEED and its status
   (3087) says FEED_READY, else the flatbed;
2. on the scan item (`Device.Items(1)`): Current Intent (6146: 1 colour, 2 greyscale,
   4 text = black and white) first, since the driver sets data type, depth and often the
   resolution from it; then the resolution (6147/6148, snapped to the values the device
   lists or its range); then the A4 window: start 0,0 (6149/6150) and extent (6151/6152) in
   pixels at that resolution, clipped to the extent's range maximum (or, without a range,
   to the bed / sheet-feed size, 3074/3075 or 3076/3077, in thousandths of an inch);
3. `Item.Transfer(wiaFormatTIFF)` returns an ImageFile whose `FileData.BinaryData` are the
   file's bytes. A driver that cannot give TIFF gives its preferred format (often BMP): such
   a page is converted to PNG with Pillow so DocumentDraft takes it. With the feeder this
   repeats up to `pages` times, stopping when the status no longer says FEED_READY or the
   Transfer answers WIA_ERROR_PAPER_EMPTY after at least one sheet; any other error (a jam)
   drops the sheets already scanned, so no document silently lacks a page.
Properties are found by PropertyID (walking the collection by position): the IDs are what
wiadef.h fixes, and a missing property is skipped rather than an error.

WIA errors arrive as COM errors; through IDispatch the HRESULT is DISP_E_EXCEPTION and the
WIA code is EXCEPINFO's scode. `scanner_error` maps both shapes to ScannerUnavailable with a
Vietnamese / English message (paper empty / jammed, busy, offline, warming up, cover open,
no device, WIA missing, anything else with its code).

COM apartments: the app scans on its one worker thread (gui/context.py); `device_manager`
calls `pythoncom.CoInitialize()` once per thread (single-threaded apartment, never
uninitialised: the thread lives as long as the app), before the first Dispatch.

Sources (Microsoft Learn; numeric values from the Windows SDK's wiadef.h):
- WIA Automation Layer: Item.Transfer
  https://learn.microsoft.com/en-us/previous-versions/windows/desktop/wiaaut/-wiaaut-iitem-transfer
  FormatID constants (wiaFormatTIFF …)
  https://learn.microsoft.com/en-us/previous-versions/windows/desktop/wiaaut/-wiaaut-consts-formatid
  Property object (SubType, SubTypeMin/Max/Step, SubTypeValues)
  https://learn.microsoft.com/en-us/previous-versions/bb735687(v=vs.85)
  WiaSubType (1 range, 2 list)
  https://learn.microsoft.com/en-us/previous-versions/windows/desktop/wiaaut/-wiaaut-wiasubtype
  Properties.Item (by position or name)
  https://learn.microsoft.com/en-us/previous-versions/windows/desktop/wiaaut/-wiaaut-iproperties-item
- Scanner properties: WIA_IPS_XRES
  https://learn.microsoft.com/en-us/windows-hardware/drivers/image/wia-ips-xres
  WIA_IPS_XEXTENT (extents follow the resolution)
  https://learn.microsoft.com/en-us/windows-hardware/drivers/image/wia-ips-xextent
  WIA_DPS_DOCUMENT_HANDLING_SELECT
  https://learn.microsoft.com/en-us/windows-hardware/drivers/image/wia-dps-document-handling-select
  WIA_DPS_DOCUMENT_HANDLING_STATUS
  https://learn.microsoft.com/en-us/windows-hardware/drivers/image/wia-dps-document-handling-status
- Error codes (WIA_ERROR_*, WIA_S_NO_DEVICE_AVAILABLE)
  https://learn.microsoft.com/windows/win32/wia/-wia-error-codes
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PIL import Image, UnidentifiedImageError

from counter_app.capture import inputs
from counter_app.capture.scanners import Scanner, ScannerUnavailable
from counter_app.capture.sources import CapturedFile

DEVICE_MANAGER_PROGID = "WIA.DeviceManager"
SCANNER_DEVICE_TYPE = 1  # WiaDeviceType.ScannerDeviceType

# Property IDs (wiadef.h). Device information / device properties:
DEV_NAME = 7  # WIA_DIP_DEV_NAME, "Name"
HORIZONTAL_BED_SIZE, VERTICAL_BED_SIZE = 3074, 3075  # thousandths of an inch
HORIZONTAL_SHEET_FEED_SIZE, VERTICAL_SHEET_FEED_SIZE = 3076, 3077
DOCUMENT_HANDLING_CAPABILITIES = 3086
DOCUMENT_HANDLING_STATUS = 3087
DOCUMENT_HANDLING_SELECT = 3088
PAGES = 3096
# Scan item properties:
CUR_INTENT = 6146
XRES, YRES = 6147, 6148
XPOS, YPOS = 6149, 6150
XEXTENT, YEXTENT = 6151, 6152

# Flags (wiadef.h)
CAPABILITY_FEED, CAPABILITY_FLAT = 0x01, 0x02  # WIA_DPS_DOCUMENT_HANDLING_CAPABILITIES
FEED_READY = 0x01  # WIA_DPS_DOCUMENT_HANDLING_STATUS
SELECT_FEEDER, SELECT_FLATBED = 0x001, 0x002  # WIA_DPS_DOCUMENT_HANDLING_SELECT
INTENTS = {"colour": 1, "grey": 2, "bw": 4}  # WIA_INTENT_IMAGE_TYPE_COLOR / GRAYSCALE / TEXT
RANGE_SUBTYPE, LIST_SUBTYPE = 1, 2  # WiaSubType
SOURCES = ("auto", "flatbed", "feeder")

# FormatID constants (WIA Automation)
FORMAT_TIFF = "{B96B3CB1-0728-11D3-9D7B-0000F81EF32E}"
FORMAT_BMP = "{B96B3CAB-0728-11D3-9D7B-0000F81EF32E}"

# HRESULTs (WIA error codes; COM)
WIA_ERROR_GENERAL_ERROR = 0x80210001
WIA_ERROR_PAPER_JAM = 0x80210002
WIA_ERROR_PAPER_EMPTY = 0x80210003
WIA_ERROR_PAPER_PROBLEM = 0x80210004
WIA_ERROR_OFFLINE = 0x80210005
WIA_ERROR_BUSY = 0x80210006
WIA_ERROR_WARMING_UP = 0x80210007
WIA_ERROR_USER_INTERVENTION = 0x80210008
WIA_ERROR_ITEM_DELETED = 0x80210009
WIA_ERROR_DEVICE_COMMUNICATION = 0x8021000A
WIA_ERROR_DEVICE_LOCKED = 0x8021000D
WIA_S_NO_DEVICE_AVAILABLE = 0x80210015
WIA_ERROR_COVER_OPEN = 0x80210016
WIA_ERROR_LAMP_OFF = 0x80210017
DISP_E_EXCEPTION = 0x80020009  # an Automation call failed: the real code is in EXCEPINFO
CO_E_CLASSSTRING = 0x800401F3  # the ProgID is not registered
REGDB_E_CLASSNOTREG = 0x80040154
RPC_E_CHANGED_MODE = 0x80010106  # COM was already initialised in this thread, multithreaded

_MESSAGES: dict[int, str] = {
    WIA_ERROR_PAPER_EMPTY: "khay nạp giấy không có giấy: hãy đặt giấy vào khay rồi quét lại / "
    "the document feeder is empty",
    WIA_ERROR_PAPER_JAM: "bị kẹt giấy trong khay nạp: hãy gỡ tờ giấy kẹt rồi quét lại / "
    "paper is jammed in the feeder",
    WIA_ERROR_PAPER_PROBLEM: "có vấn đề với giấy trong khay nạp: hãy kiểm tra giấy / "
    "a problem with the paper in the feeder",
    WIA_ERROR_OFFLINE: "đang tắt hoặc không kết nối: hãy bật máy và kiểm tra cáp USB / mạng / "
    "the scanner is offline",
    WIA_ERROR_DEVICE_COMMUNICATION: "không trao đổi được với máy tính: hãy kiểm tra cáp, tắt "
    "rồi bật lại máy quét / communication with the scanner failed",
    WIA_ERROR_ITEM_DELETED: "không còn kết nối (đã bị rút cáp?): hãy cắm lại rồi thử lại / "
    "the scanner is no longer available",
    WIA_S_NO_DEVICE_AVAILABLE: "không có trên máy tính này (đã tắt hoặc rút cáp?) / "
    "no scanner is available",
    WIA_ERROR_BUSY: "đang bận (một chương trình khác đang dùng): hãy đợi hoặc đóng chương "
    "trình đó rồi thử lại / the scanner is busy",
    WIA_ERROR_DEVICE_LOCKED: "đang bị khóa (một chương trình khác đang dùng): hãy đợi rồi thử "
    "lại / the scanner is locked",
    WIA_ERROR_WARMING_UP: "đang khởi động (làm nóng đèn): hãy đợi một lát rồi quét lại / "
    "the scanner is warming up",
    WIA_ERROR_USER_INTERVENTION: "cần người kiểm tra: hãy xem thông báo trên máy quét / "
    "the scanner needs attention",
    WIA_ERROR_COVER_OPEN: "đang mở nắp: hãy đóng nắp rồi quét lại / a cover of the scanner is open",
    WIA_ERROR_LAMP_OFF: "đang tắt đèn quét: hãy bật lại máy quét / the scanner's lamp is off",
}
_NO_WIA = (
    "Máy tính này không dùng được WIA (dịch vụ Windows Image Acquisition phải đang chạy): "
    "hãy dùng thư mục quét hoặc tệp / WIA is not available on this PC"
)
_NO_PYWIN32 = (
    "Thiếu gói pywin32 để dùng máy quét qua WIA (chỉ có trên Windows): hãy dùng thư mục quét "
    "hoặc tệp / pywin32 is needed to scan through WIA"
)

_thread_state = threading.local()


def device_manager() -> Any:
    """The WIA Automation DeviceManager, COM initialised in this thread first. The one place
    that touches pywin32 (the tests pass a fake instead)."""
    try:
        import pythoncom
        from win32com.client import dynamic
    except ImportError:
        raise ScannerUnavailable(_NO_PYWIN32) from None
    with mapped_errors():
        if not getattr(_thread_state, "com_ready", False):
            try:
                pythoncom.CoInitialize()  # a single-threaded apartment for this thread
            except Exception as exc:
                if hresult_of(exc) != RPC_E_CHANGED_MODE:  # already a multithreaded one
                    raise
            _thread_state.com_ready = True
        return dynamic.Dispatch(DEVICE_MANAGER_PROGID)


# -- errors -----------------------------------------------------------------------------------
def hresult_of(exc: BaseException) -> int | None:
    """The WIA/COM code of a COM error (pywintypes.com_error: `hresult`, and `excepinfo`
    whose last field is the server's scode), as an unsigned 32-bit value; None otherwise."""
    code = getattr(exc, "hresult", None)
    if not isinstance(code, int):
        return None
    code &= 0xFFFFFFFF
    excepinfo = getattr(exc, "excepinfo", None)
    if code == DISP_E_EXCEPTION and excepinfo and isinstance(excepinfo[-1], int):
        inner = excepinfo[-1] & 0xFFFFFFFF
        if inner:
            return inner
    return code


def scanner_error(exc: BaseException, device_name: str = "") -> ScannerUnavailable:
    """A COM error as the message a counter officer can act on."""
    code = hresult_of(exc)
    who = f"Máy quét {device_name}".rstrip() if device_name else "Máy quét"
    if code in (CO_E_CLASSSTRING, REGDB_E_CLASSNOTREG):
        return ScannerUnavailable(_NO_WIA)
    if code in _MESSAGES:
        return ScannerUnavailable(f"{who} {_MESSAGES[code]}")
    detail = getattr(exc, "strerror", "") or str(exc)
    shown = f"0x{code:08X}" if code is not None else type(exc).__name__
    return ScannerUnavailable(
        f"{who} báo lỗi {shown} ({detail}): hãy thử lại, hoặc dùng thư mục quét hoặc tệp / "
        "the scanner reported an error"
    )


def _nobody() -> str:
    return ""


@contextmanager
def mapped_errors(device_name: Callable[[], str] = _nobody) -> Iterator[None]:
    """COM errors raised inside become ScannerUnavailable naming the device (its name is
    read when the error happens: it is learnt on the way); other exceptions pass."""
    try:
        yield
    except ScannerUnavailable:
        raise
    except Exception as exc:
        if hresult_of(exc) is None:
            raise
        raise scanner_error(exc, device_name()) from None


# -- properties -------------------------------------------------------------------------------
def properties_by_id(properties: Any) -> dict[int, Any]:
    """A Properties collection as {PropertyID: Property} (walked by position, 1-based)."""
    found = {}
    for position in range(1, int(properties.Count) + 1):
        prop = properties.Item(position)
        found[int(prop.PropertyID)] = prop
    return found


def _vector(values: Any) -> list[Any]:
    return [values.Item(i) for i in range(1, int(values.Count) + 1)]


def allowed_value(prop: Any, wanted: int) -> int:
    """`wanted`, or the nearest value the property accepts (its list or its range)."""
    subtype = int(prop.SubType)
    if subtype == LIST_SUBTYPE:
        choices = [int(v) for v in _vector(prop.SubTypeValues)]
        if choices:
            return min(choices, key=lambda v: (abs(v - wanted), -v))
    if subtype == RANGE_SUBTYPE:
        low, high = int(prop.SubTypeMin), int(prop.SubTypeMax)
        step = max(1, int(prop.SubTypeStep))
        clamped = min(max(wanted, low), high)
        return min(low + round((clamped - low) / step) * step, high)
    return wanted


def _maximum(prop: Any) -> int | None:
    return int(prop.SubTypeMax) if int(prop.SubType) == RANGE_SUBTYPE else None


def _set(props: dict[int, Any], pid: int, value: int) -> bool:
    prop = props.get(pid)
    if prop is None:
        return False
    prop.Value = value
    return True


def _flags(props: dict[int, Any], pid: int) -> int | None:
    prop = props.get(pid)
    return None if prop is None else int(prop.Value)


def pixels(mm: float, dpi: int) -> int:
    return round(mm / 25.4 * dpi)


# -- devices ----------------------------------------------------------------------------------
def wia_devices(manager: Callable[[], Any] = device_manager) -> list[tuple[str, str]]:
    """(DeviceID, name) of every WIA scanner (cameras and video devices left out)."""
    with mapped_errors():
        infos = manager().DeviceInfos
        found = []
        for position in range(1, int(infos.Count) + 1):
            info = infos.Item(position)
            if int(info.Type) != SCANNER_DEVICE_TYPE:
                continue
            name = properties_by_id(info.Properties).get(DEV_NAME)
            found.append((str(info.DeviceID), str(name.Value) if name else str(info.DeviceID)))
        return found


class WiaScanner(Scanner):
    """One WIA scanner. `feed`: 'auto' (the feeder when it has paper, else the flatbed),
    'flatbed' or 'feeder'; `pages`: how many sheets the feeder may give at most (the
    flatbed gives one). `manager` is the seam to COM (`device_manager`)."""

    def __init__(
        self,
        device: str,
        *,
        feed: str = "auto",
        manager: Callable[[], Any] = device_manager,
        **settings: Any,
    ) -> None:
        super().__init__(device, **settings)
        if feed not in SOURCES:
            raise ValueError(f"scan source {feed!r}")
        self.pages, self.feed = max(1, self.pages), feed
        self._manager = manager
        self.name = device

    def acquire(self) -> list[CapturedFile]:
        with mapped_errors(lambda: self.name):
            info = self._device_info(self._manager())
            device = info.Connect()
            feeder = self._choose_source(device)
            item = device.Items.Item(1)
            self._configure(item, device, feeder)
            return self._transfer_pages(item, device, feeder)

    # -- steps --------------------------------------------------------------------------------
    def _device_info(self, manager: Any) -> Any:
        infos = manager.DeviceInfos
        for position in range(1, int(infos.Count) + 1):
            info = infos.Item(position)
            if str(info.DeviceID) == self.device:
                name = properties_by_id(info.Properties).get(DEV_NAME)
                self.name = str(name.Value) if name else self.device
                return info
        raise ScannerUnavailable(
            f"Không thấy máy quét {self.device} (đã tắt hoặc rút cáp?): hãy bật máy rồi mở lại "
            "cửa sổ số hóa / scanner not found"
        )

    def _choose_source(self, device: Any) -> bool:
        """Select the feeder or the flatbed on the device; True for the feeder."""
        props = properties_by_id(device.Properties)
        capabilities = _flags(props, DOCUMENT_HANDLING_CAPABILITIES)
        has_feeder = capabilities is not None and bool(capabilities & CAPABILITY_FEED)
        if self.feed == "feeder" and not has_feeder:
            raise ScannerUnavailable(
                f"Máy quét {self.name} không có khay nạp giấy tự động: hãy quét trên mặt kính / "
                "this scanner has no document feeder"
            )
        if self.feed == "auto":  # the feeder when it has paper (or is all the scanner has)
            status = _flags(props, DOCUMENT_HANDLING_STATUS) or 0
            sheet_fed = has_feeder and not capabilities & CAPABILITY_FLAT
            feeder = has_feeder and (sheet_fed or bool(status & FEED_READY))
        else:
            feeder = self.feed == "feeder"
        _set(props, DOCUMENT_HANDLING_SELECT, SELECT_FEEDER if feeder else SELECT_FLATBED)
        if feeder:
            _set(props, PAGES, 1)  # one sheet per Transfer: this side counts them
        return feeder

    def _configure(self, item: Any, device: Any, feeder: bool) -> None:
        """Intent, then resolution, then the A4 window (each step re-reads the properties:
        the driver adjusts the later ones when an earlier one changes)."""
        props = properties_by_id(item.Properties)
        _set(props, CUR_INTENT, INTENTS[self.colour])
        props = properties_by_id(item.Properties)
        dpis = []
        for pid in (XRES, YRES):
            dpi = allowed_value(props[pid], self.dpi) if pid in props else self.dpi
            _set(props, pid, dpi)
            dpis.append(dpi)
        props = properties_by_id(item.Properties)
        _set(props, XPOS, 0)
        _set(props, YPOS, 0)
        bed = properties_by_id(device.Properties)
        sizes = (
            (HORIZONTAL_SHEET_FEED_SIZE, VERTICAL_SHEET_FEED_SIZE)
            if feeder
            else (HORIZONTAL_BED_SIZE, VERTICAL_BED_SIZE)
        )
        for pid, mm, dpi, size_pid in zip(
            (XEXTENT, YEXTENT), self.size_mm, dpis, sizes, strict=True
        ):
            wanted = pixels(mm, dpi)
            most = _maximum(props[pid]) if pid in props else None
            if most is None and size_pid in bed:
                most = int(bed[size_pid].Value) * dpi // 1000
            _set(props, pid, min(wanted, most) if most else wanted)

    def _transfer_pages(self, item: Any, device: Any, feeder: bool) -> list[CapturedFile]:
        files: list[CapturedFile] = []
        for number in range(1, (self.pages if feeder else 1) + 1):
            if feeder and files:
                status = _flags(properties_by_id(device.Properties), DOCUMENT_HANDLING_STATUS)
                if status is not None and not status & FEED_READY:
                    break  # the feeder ran empty
            try:
                image = item.Transfer(FORMAT_TIFF)
            except Exception as exc:
                if feeder and files and hresult_of(exc) == WIA_ERROR_PAPER_EMPTY:
                    break
                raise
            files.append(page_file(image, number))
        return files


def page_file(image: Any, number: int) -> CapturedFile:
    """An ImageFile's bytes as a page DocumentDraft takes: TIFF/PNG/JPEG as they come,
    anything else Pillow reads (a driver's BMP) converted to PNG."""
    data = bytes(image.FileData.BinaryData)
    kind = inputs.sniff(data)
    if kind is None:
        try:
            with Image.open(io.BytesIO(data)) as picture:
                buffer = io.BytesIO()
                picture.save(buffer, "PNG")
        except (UnidentifiedImageError, OSError):
            raise ScannerUnavailable(
                "Máy quét trả về ảnh không đọc được: hãy quét vào thư mục quét / "
                "the scanner returned an unreadable image"
            ) from None
        return CapturedFile(f"scan-page-{number}.png", buffer.getvalue())
    extension = {inputs.TIFF: "tiff", inputs.PNG: "png", inputs.JPEG: "jpg"}.get(kind, "pdf")
    return CapturedFile(f"scan-page-{number}.{extension}", data)
