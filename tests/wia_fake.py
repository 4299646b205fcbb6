"""A fake of the WIA Automation Library's object model (wiaaut.dll: DeviceManager, DeviceInfos,
DeviceInfo, Device, Items, Item, Properties, Property, Vector, ImageFile) for testing
counter_app/capture/wia.py on Linux, injected through its one seam (`manager=`).

It stands in for a third-party COM interface, not for our code, and behaves as Microsoft's
documentation says a scanner does: collections are 1-based; SubTypeMin/Max/Step answer only
for a range and SubTypeValues only for a list (else a COM error); the driver resets the
resolution when the intent changes and the extents (value and range) when the resolution
changes; the extents' range follows the flatbed or the feeder's sheet size; the feeder's
sheets run out (Document Handling Status then drops FEED_READY and a Transfer raises
WIA_ERROR_PAPER_EMPTY); a Transfer gives a real TIFF (Pillow) of the window's size in the
intent's mode, or the driver's BMP when it cannot make TIFF. Errors are shaped like
pywintypes.com_error: through IDispatch, hresult DISP_E_EXCEPTION with the WIA code in
excepinfo's last field.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from PIL import Image

from counter_app.capture import wia

DEFAULT_DPI = 150  # what the fake driver falls back to when the intent changes
MODES = {1: "RGB", 2: "L", 4: "1"}
FLAT_READY = 0x02  # WIA_DPS_DOCUMENT_HANDLING_STATUS: the flatbed is ready


def signed(code: int) -> int:
    """An HRESULT as pywin32 gives it (a signed 32-bit int)."""
    return code - 2**32 if code >= 2**31 else code


class ComError(Exception):
    """pywintypes.com_error's shape: args (hresult, strerror, excepinfo, argerror), the same
    as attributes."""

    def __init__(self, code: int, *, dispatch: bool = True, text: str = "WIA error") -> None:
        if dispatch:
            hresult = signed(wia.DISP_E_EXCEPTION)
            excepinfo: tuple | None = (0, "WIA", text, None, 0, signed(code))
            strerror = "Exception occurred."
        else:
            hresult, excepinfo, strerror = signed(code), None, text
        super().__init__(hresult, strerror, excepinfo, None)
        self.hresult, self.strerror, self.excepinfo, self.argerror = (
            hresult,
            strerror,
            excepinfo,
            None,
        )


class Collection:
    """Count and Item(position), 1-based, like DeviceInfos, Items, Properties and Vector."""

    def __init__(self, members: Sequence[Any]) -> None:
        self._members = list(members)

    @property
    def Count(self) -> int:  # noqa: N802 - the COM interface's names
        return len(self._members)

    def Item(self, position: int) -> Any:  # noqa: N802
        if not isinstance(position, int) or not 1 <= position <= len(self._members):
            raise ComError(0x80070057, dispatch=False, text="The parameter is incorrect.")
        return self._members[position - 1]


class Property:
    def __init__(
        self,
        pid: int,
        value: Any,
        *,
        name: str = "",
        subtype: int = 0,
        low: int = 0,
        high: int = 0,
        step: int = 1,
        values: Sequence[int] = (),
        on_set: Callable[[Any], None] | None = None,
        log: list[tuple[int, Any]] | None = None,
    ) -> None:
        self.PropertyID, self.Name, self.SubType = pid, name or str(pid), subtype
        self._value, self._low, self._high, self._step = value, low, high, step
        self._values, self._on_set, self._log = list(values), on_set, log

    @property
    def Value(self) -> Any:  # noqa: N802
        return self._value

    @Value.setter
    def Value(self, value: Any) -> None:  # noqa: N802
        if self.SubType == wia.LIST_SUBTYPE and value not in self._values:
            raise ComError(0x80070057, text=f"{value} is not a valid value")
        if self.SubType == wia.RANGE_SUBTYPE and not self._low <= value <= self._high:
            raise ComError(0x80070057, text=f"{value} is out of range")
        self._value = value
        if self._log is not None:
            self._log.append((self.PropertyID, value))
        if self._on_set is not None:
            self._on_set(value)

    def _range(self, value: int) -> int:
        if self.SubType != wia.RANGE_SUBTYPE:
            raise ComError(0x80004005, text="not a range")
        return value

    @property
    def SubTypeMin(self) -> int:  # noqa: N802
        return self._range(self._low)

    @property
    def SubTypeMax(self) -> int:  # noqa: N802
        return self._range(self._high)

    @property
    def SubTypeStep(self) -> int:  # noqa: N802
        return self._range(self._step)

    @property
    def SubTypeValues(self) -> Collection:  # noqa: N802
        if self.SubType != wia.LIST_SUBTYPE:
            raise ComError(0x80004005, text="not a list")
        return Collection(self._values)

    def set_range(self, low: int, high: int) -> None:
        self._low, self._high = low, high


class Vector(Collection):
    def __init__(self, data: bytes) -> None:
        super().__init__(list(data[:16]))
        self.BinaryData = data  # pywin32 gives a VT_UI1 SAFEARRAY as bytes


class ImageFile:
    def __init__(self, data: bytes, format_id: str) -> None:
        self.FileData, self.FormatID = Vector(data), format_id


class FakeScanner:
    """One scanner: its DeviceInfo, its Device once connected, its one scan Item, and a log
    of every property written ((PropertyID, value), in order)."""

    def __init__(
        self,
        device_id: str = "{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001",
        name: str = "Canon LiDE 300",
        *,
        bed_inches: tuple[float, float] = (8.5, 11.7),  # 216 x 297 mm, a usual A4 bed
        feeder_sheets: int | None = None,
        sheet_inches: tuple[float, float] = (8.5, 14.0),
        resolutions: Sequence[int] | None = (75, 100, 150, 200, 300, 600),
        extent_range: bool = True,
        tiff: bool = True,
        failures: Sequence[int | ComError | None] = (),
        connect_failure: int | None = None,
    ) -> None:
        self.log: list[tuple[int, Any]] = []
        self.transfers: list[str] = []
        self.sheets = feeder_sheets or 0
        self.failures = list(failures)  # what the next Transfers raise (None: nothing)
        self.connect_failure = connect_failure
        self.tiff = tiff
        self.device_id = device_id
        self.info = _DeviceInfo(self, device_id, name)
        has_feeder = feeder_sheets is not None
        self._bed = tuple(round(x * 1000) for x in bed_inches)
        self._sheet = tuple(round(x * 1000) for x in sheet_inches)
        device_props = [
            Property(wia.HORIZONTAL_BED_SIZE, self._bed[0]),
            Property(wia.VERTICAL_BED_SIZE, self._bed[1]),
            Property(
                wia.DOCUMENT_HANDLING_SELECT,
                wia.SELECT_FLATBED,
                subtype=3,
                on_set=lambda _v: self._resize(),
                log=self.log,
            ),
        ]
        if has_feeder:
            capabilities = wia.CAPABILITY_FEED | wia.CAPABILITY_FLAT
            device_props += [
                Property(wia.HORIZONTAL_SHEET_FEED_SIZE, self._sheet[0]),
                Property(wia.VERTICAL_SHEET_FEED_SIZE, self._sheet[1]),
                Property(wia.DOCUMENT_HANDLING_CAPABILITIES, capabilities),
                _Status(self),
                Property(wia.PAGES, 0, log=self.log),
            ]
        self.device_props = {p.PropertyID: p for p in device_props}
        resolution: dict[str, Any] = (
            {"subtype": wia.LIST_SUBTYPE, "values": resolutions}
            if resolutions
            else {"subtype": wia.RANGE_SUBTYPE, "low": 50, "high": 1200}
        )
        extent = {"subtype": wia.RANGE_SUBTYPE if extent_range else 0}
        item_props = [
            Property(wia.CUR_INTENT, 0, subtype=3, on_set=self._intent_set, log=self.log),
            Property(
                wia.XRES, DEFAULT_DPI, on_set=lambda _v: self._resize(), log=self.log, **resolution
            ),
            Property(
                wia.YRES, DEFAULT_DPI, on_set=lambda _v: self._resize(), log=self.log, **resolution
            ),
            Property(wia.XPOS, 0, subtype=wia.RANGE_SUBTYPE, log=self.log),
            Property(wia.YPOS, 0, subtype=wia.RANGE_SUBTYPE, log=self.log),
            Property(wia.XEXTENT, 0, log=self.log, **extent),
            Property(wia.YEXTENT, 0, log=self.log, **extent),
        ]
        self.item_props = {p.PropertyID: p for p in item_props}
        self._resize()
        self.log.clear()

    # -- what the driver does ---------------------------------------------------------------
    def _intent_set(self, _value: int) -> None:
        for pid in (wia.XRES, wia.YRES):
            self.item_props[pid]._value = DEFAULT_DPI
        self._resize()

    def _resize(self) -> None:
        feeder = self.device_props[wia.DOCUMENT_HANDLING_SELECT].Value == wia.SELECT_FEEDER
        size = self._sheet if feeder else self._bed
        for pid, pos, thousandths, res in (
            (wia.XEXTENT, wia.XPOS, size[0], wia.XRES),
            (wia.YEXTENT, wia.YPOS, size[1], wia.YRES),
        ):
            most = thousandths * self.item_props[res].Value // 1000
            self.item_props[pid]._value = most
            self.item_props[pid].set_range(1, most)
            self.item_props[pos].set_range(0, most - 1)

    def feeding(self) -> bool:
        return self.device_props[wia.DOCUMENT_HANDLING_SELECT].Value == wia.SELECT_FEEDER

    def transfer(self, format_id: str) -> ImageFile:
        self.transfers.append(format_id)
        failure = self.failures.pop(0) if self.failures else None
        if failure is not None:
            raise failure if isinstance(failure, ComError) else ComError(failure)
        if self.feeding():
            if not self.sheets:
                raise ComError(wia.WIA_ERROR_PAPER_EMPTY)
            self.sheets -= 1
        mode = MODES[self.item_props[wia.CUR_INTENT].Value or 2]
        size = (self.item_props[wia.XEXTENT].Value, self.item_props[wia.YEXTENT].Value)
        dpi = (self.item_props[wia.XRES].Value, self.item_props[wia.YRES].Value)
        picture = Image.new(mode, size, "white")
        buffer = io.BytesIO()
        if format_id == wia.FORMAT_TIFF and self.tiff:
            picture.save(buffer, "TIFF", dpi=dpi)
            return ImageFile(buffer.getvalue(), wia.FORMAT_TIFF)
        picture.save(buffer, "BMP")  # the driver's preferred format instead
        return ImageFile(buffer.getvalue(), wia.FORMAT_BMP)

    # -- what the tests read ----------------------------------------------------------------
    def value(self, pid: int) -> Any:
        return (self.item_props.get(pid) or self.device_props[pid]).Value

    def written(self) -> list[int]:
        """The PropertyIDs written, in order (repeats kept)."""
        return [pid for pid, _value in self.log]


class _Status(Property):
    """Document Handling Status: FEED_READY while the feeder holds sheets."""

    def __init__(self, scanner: FakeScanner) -> None:
        super().__init__(wia.DOCUMENT_HANDLING_STATUS, 0)
        self._scanner = scanner

    @property
    def Value(self) -> int:  # noqa: N802
        return FLAT_READY | (wia.FEED_READY if self._scanner.sheets else 0)


class _DeviceInfo:
    def __init__(self, scanner: FakeScanner, device_id: str, name: str, kind: int = 1) -> None:
        self._scanner = scanner
        self.DeviceID, self.Type = device_id, kind
        self.Properties = Collection(
            [
                Property(2, device_id, name="Unique Device ID"),
                Property(wia.DEV_NAME, name, name="Name"),
            ]
        )

    def Connect(self) -> _Device:  # noqa: N802
        if self._scanner.connect_failure is not None:
            raise ComError(self._scanner.connect_failure)
        return _Device(self._scanner)


class _Device:
    def __init__(self, scanner: FakeScanner) -> None:
        self._scanner = scanner
        self.DeviceID = scanner.device_id
        self.Items = Collection([_Item(scanner)])

    @property
    def Properties(self) -> Collection:  # noqa: N802 - a fresh collection each time, as wiaaut
        return Collection(list(self._scanner.device_props.values()))


class _Item:
    def __init__(self, scanner: FakeScanner) -> None:
        self._scanner = scanner

    @property
    def Properties(self) -> Collection:  # noqa: N802
        return Collection(list(self._scanner.item_props.values()))

    def Transfer(self, format_id: str = "{00000000-0000-0000-0000-000000000000}") -> ImageFile:  # noqa: N802
        return self._scanner.transfer(format_id)


class FakeCamera:
    """A WIA camera (Type 2): listed by DeviceInfos, never a scanner."""

    def __init__(self, device_id: str = "{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0009") -> None:
        self.info = _DeviceInfo(None, device_id, "Webcam", kind=2)  # type: ignore[arg-type]


class FakeDeviceManager:
    """WIA.DeviceManager: DeviceInfos of the devices given."""

    def __init__(self, *devices: FakeScanner | FakeCamera) -> None:
        self.DeviceInfos = Collection([d.info for d in devices])

    def __call__(self) -> FakeDeviceManager:
        return self  # `manager=` takes a factory: the fake is its own
