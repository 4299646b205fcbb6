"""Scanners behind the capture interface (capture/sources.py `CaptureSource`).

Linux: SANE through `scanimage` (sane-utils), run as a child process: nothing to compile or
bundle (python-sane needs libsane-dev and a C build on every target), and a driver crash
stays in the child. One `acquire()` scans one page at the counter's resolution and colour
mode as TIFF; `pages=N` with the automatic document feeder scans up to N sheets. The tests and
the benchmark use sane-backends' `test` device (SANE_CONFIG_DIR with a dll.conf naming
`test`).

Windows: WIA through its Automation Library (capture/wia.py `WiaScanner`, `wia_devices`),
behind the same interface; its logic is tested here against a fake of WIA's object model,
but it has not run on real Windows. `scanner_devices` and `scanner_for` pick the platform's
backend, so the capture dialog is the same on both.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counter_app.capture.sources import CapturedFile
from counter_app.domain.settings import CAPTURE_COLOUR_MODES

if TYPE_CHECKING:
    from counter_app.capture.wia import WiaScanner

SANE_MODES = {"grey": "Gray", "colour": "Color", "bw": "Lineart"}
SCAN_TIMEOUT_SECONDS = 120
A4_MM = (210.0, 297.0)
_DEVICE_RE = re.compile(r"^device `([^']+)' is (?:a|an) (.*)$")
SANE_CONFIG_ENV = "SANE_CONFIG_DIR"
TEST_DEVICE = "test:0"


def sane_test_config(folder: Path) -> Path:
    """A SANE configuration folder that enables only sane-backends' `test` device (for the
    tests and the benchmark): point SANE_CONFIG_ENV at the folder returned."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dll.conf").write_text("test\n")
    system = Path("/etc/sane.d/test.conf")
    if system.exists():
        shutil.copy(system, folder / "test.conf")
    return folder


class ScannerUnavailable(RuntimeError):
    """No scanner can be used here, or the scan failed (no SANE / WIA, no device, no paper,
    a jam, a busy or offline scanner…): the message says what to do."""


def sane_available() -> bool:
    return shutil.which("scanimage") is not None


def sane_devices(timeout: float = 30.0) -> list[tuple[str, str]]:
    """(device name, description) of every SANE scanner found."""
    if not sane_available():
        raise ScannerUnavailable(_NO_SANE)
    done = subprocess.run(
        ["scanimage", "-L"], capture_output=True, text=True, timeout=timeout, check=False
    )
    found = []
    for line in done.stdout.splitlines():
        match = _DEVICE_RE.match(line.strip())
        if match:
            found.append((match.group(1), match.group(2)))
    return found


_NO_SANE = (
    "Không tìm thấy SANE (lệnh 'scanimage' của gói sane-utils): hãy cài sane-utils hoặc dùng "
    "thư mục quét / tệp / SANE's scanimage is not installed"
)


class Scanner:
    """What every platform's scanner is given: the device, the resolution, the colour mode,
    the scan area and how many sheets the feeder may give at most."""

    source = "scanner"

    def __init__(
        self,
        device: str,
        *,
        dpi: int = 200,
        colour: str = "grey",
        size_mm: tuple[float, float] = A4_MM,
        pages: int = 1,
    ) -> None:
        if colour not in CAPTURE_COLOUR_MODES:
            raise ValueError(f"colour mode {colour!r}")
        self.device, self.dpi, self.colour = device, int(dpi), colour
        self.size_mm, self.pages = size_mm, int(pages)


class SaneScanner(Scanner):
    def __init__(self, device: str, *, options: tuple[str, ...] = (), **settings: Any) -> None:
        super().__init__(device, **settings)
        self.options = tuple(options)

    def command(self, out_pattern: str) -> list[str]:
        width, height = self.size_mm
        line = [
            "scanimage",
            "-d",
            self.device,
            "--format=tiff",
            f"--resolution={self.dpi}",
            f"--mode={SANE_MODES[self.colour]}",
            "-x",
            f"{width:g}",
            "-y",
            f"{height:g}",
            *self.options,
        ]
        if self.pages > 1:
            return [*line, f"--batch={out_pattern}", f"--batch-count={self.pages}"]
        return [*line, "-o", out_pattern.replace("%d", "1")]

    def acquire(self) -> list[CapturedFile]:
        if not sane_available():
            raise ScannerUnavailable(_NO_SANE)
        with tempfile.TemporaryDirectory(prefix="counter-scan-") as folder:
            pattern = str(Path(folder) / "page-%d.tiff")
            try:
                done = subprocess.run(
                    self.command(pattern),
                    capture_output=True,
                    text=True,
                    timeout=SCAN_TIMEOUT_SECONDS,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                raise ScannerUnavailable(
                    f"Máy quét {self.device} không trả lời sau {SCAN_TIMEOUT_SECONDS} giây / "
                    "the scanner did not answer"
                ) from None
            files = sorted(
                Path(folder).glob("page-*.tiff"), key=lambda p: int(p.stem.split("-")[1])
            )
            files = [p for p in files if p.stat().st_size]
            if not files:
                detail = done.stderr.strip().splitlines()[-1:] or [f"exit {done.returncode}"]
                raise ScannerUnavailable(
                    f"Máy quét {self.device} không quét được: {detail[0]} / the scan failed"
                )
            return [CapturedFile(f"scan-{p.stem}.tiff", p.read_bytes()) for p in files]


def scanner_devices(*, platform: str = sys.platform) -> list[tuple[str, str]]:
    """(device, description) of the platform's scanners: WIA on Windows, SANE elsewhere
    (ScannerUnavailable when neither can be used)."""
    if platform == "win32":
        from counter_app.capture import wia  # it imports this module: imported when needed

        return wia.wia_devices()
    return sane_devices()


def scanner_for(
    device: str, *, dpi: int = 200, colour: str = "grey", platform: str = sys.platform
) -> SaneScanner | WiaScanner:
    """The platform's scanner for `device` (WIA on Windows, SANE elsewhere)."""
    if platform == "win32":
        from counter_app.capture import wia

        return wia.WiaScanner(device, dpi=dpi, colour=colour)
    return SaneScanner(device, dpi=dpi, colour=colour)
