"""Sending a rendered form (PDF bytes) to a CUPS print queue with ``lp``.

On Linux (and macOS) the counter's printers are CUPS queues, and CUPS prints a PDF itself:
the job keeps the form's vector text and its own page size (an 80 mm roll is sent as an
80 mm-wide custom medium), which a thermal head needs. Windows has no ``lp``; there the
preview paints the pages on a QPrinter instead (gui/dialogs/preview.py).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

LP_TIMEOUT_SECONDS = 60
_REQUEST_ID = re.compile(r"request id is (\S+)")
_MEDIABOX = re.compile(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]")
POINTS_PER_MM = 72 / 25.4


class SpoolError(RuntimeError):
    """The queue refused the job (the message says why, in Vietnamese and English)."""


@dataclass(frozen=True)
class SpooledJob:
    job_id: str  # CUPS request id, e.g. "PDF-12"
    queue: str


def lp_command() -> str | None:
    """The ``lp`` program, or None where there is none (Windows, CUPS not installed)."""
    return shutil.which("lp")


def page_size_mm(pdf: bytes) -> tuple[float, float] | None:
    """The first page's size in mm, from its MediaBox (ReportLab writes it uncompressed)."""
    match = _MEDIABOX.search(pdf)
    if match is None:
        return None
    x0, y0, x1, y1 = (float(v) for v in match.groups())
    return abs(x1 - x0) / POINTS_PER_MM, abs(y1 - y0) / POINTS_PER_MM


def media_option(pdf: bytes) -> str:
    """The ``media=`` value for this PDF: A4 by name, anything else as a custom size."""
    size = page_size_mm(pdf)
    if size is None:
        return "A4"
    width, height = size
    if abs(width - 210) < 1 and abs(height - 297) < 1:
        return "A4"
    if abs(width - 297) < 1 and abs(height - 210) < 1:
        return "A4"  # landscape pages on A4 paper: the page itself says so
    return f"Custom.{width:.0f}x{height:.0f}mm"


def submit_pdf(pdf: bytes, *, queue: str = "", copies: int = 1, title: str = "") -> SpooledJob:
    """Queue `pdf` on CUPS queue `queue` ("" = the default queue); returns the job.

    Raises SpoolError when lp is missing or refuses (unknown queue, scheduler down)."""
    lp = lp_command()
    if lp is None:
        raise SpoolError("Máy này không có lệnh in lp (CUPS) / no lp command on this computer")
    if not pdf.startswith(b"%PDF"):
        raise SpoolError("Dữ liệu in không phải tệp PDF / not a PDF")
    with tempfile.TemporaryDirectory(prefix="counter-print-") as folder:
        path = Path(folder) / "bieu-mau.pdf"
        path.write_bytes(pdf)
        command = [lp, "-n", str(max(1, int(copies))), "-o", f"media={media_option(pdf)}"]
        if queue:
            command += ["-d", queue]
        if title:
            command += ["-t", title[:200]]
        command.append(str(path))
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=LP_TIMEOUT_SECONDS, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SpoolError(
                f"Không gửi được lệnh in: {exc} / the print job was not sent"
            ) from None
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip() or f"lp exit {done.returncode}"
        raise SpoolError(f"Máy in từ chối lệnh in: {detail} / the printer refused the job")
    match = _REQUEST_ID.search(done.stdout)
    return SpooledJob(job_id=match[1] if match else "", queue=queue)
