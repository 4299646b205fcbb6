"""Issue 12 item 10: the real print path through CUPS. The receipt is set to print directly
(no preview) on a cups-pdf queue; Ctrl+Enter on the intake screen sends the job, cups-pdf
writes it as a PDF, and that PDF holds the receipt (read back with pypdf).

Skips only where there is no CUPS scheduler at all (a developer's box); under CI (.ci/run
installs cups + printer-driver-cups-pdf and starts cupsd) a missing queue fails the test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_gui_intake import drain, open_intake, press, type_text

from counter_app.forms.spooler import lp_command

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _lpstat(*args: str) -> str:
    done = subprocess.run(["lpstat", *args], capture_output=True, text=True, timeout=30)
    return done.stdout if done.returncode == 0 else ""


def cups_pdf_queue() -> str:
    """A running scheduler's cups-pdf queue ("" when there is none)."""
    if shutil.which("lpstat") is None or "is running" not in _lpstat("-r"):
        return ""
    wanted = os.environ.get("COUNTER_CUPS_PDF_QUEUE", "")
    for line in _lpstat("-v").splitlines():
        match = re.match(r"device for (\S+): cups-pdf:/", line)
        if match and (not wanted or match[1] == wanted):
            return match[1]
    return ""


def output_folders() -> list[Path]:
    """Where cups-pdf writes jobs: its `Out` folder (${HOME} = the job owner's home) and the
    anonymous folder."""
    out, anonymous = "${HOME}/PDF", "/var/spool/cups-pdf/ANONYMOUS"
    conf = Path("/etc/cups/cups-pdf.conf")
    if conf.exists():
        for line in conf.read_text(errors="replace").splitlines():
            parts = line.split(None, 1)
            if len(parts) == 2 and parts[0] == "Out":
                out = parts[1].strip()
            if len(parts) == 2 and parts[0] == "AnonDirName":
                anonymous = parts[1].strip()
    home = str(Path.home())
    user = os.environ.get("USER") or Path.home().name
    return [Path(out.replace("${HOME}", home).replace("${USER}", user)), Path(anonymous)]


def job_pdfs() -> set[Path]:
    return {p for folder in output_folders() if folder.is_dir() for p in folder.glob("*.pdf")}


@pytest.fixture
def queue() -> str:
    if shutil.which("cupsd") is None and not IN_CI:
        pytest.skip("no CUPS scheduler on this machine (apt install cups printer-driver-cups-pdf)")
    name = cups_pdf_queue()
    if not name:
        message = "cupsd is installed but no cups-pdf queue is running (see .ci/run)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    assert lp_command() is not None
    return name


def test_receipt_printed_directly_reaches_the_cups_queue(qtbot, gui_context, service, queue):
    service.settings.update(
        {"form_printing": {"receipt": {"printer": queue, "paper": "80mm", "direct": True}}},
        actor="binh.tt",  # a counter preference: any signed-in officer may set it
    )
    before = job_pdfs()
    ctx = gui_context("an.nv")
    widget = open_intake(qtbot, ctx)
    type_text("Lê Thị Thu")
    press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Tab)
    type_text("001190054321")
    press(Qt.Key.Key_F6)
    type_text("xac nhan hon nhan")
    qtbot.waitUntil(widget.picker.search.popup_visible)
    press(Qt.Key.Key_Return)
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: widget.actions.preview is not None and widget.actions.preview.printed)
    drain(qtbot, ctx)
    code = widget.actions.last_code
    preview = widget.actions.preview
    assert not preview.isVisible()  # printed without preview
    assert "Ctrl+P" in widget.message.text()
    assert preview.paper == "80mm" and preview.printer_name == queue

    # The job arrives in the cups-pdf folder as a PDF holding the receipt.
    def arrived() -> list[Path]:
        return sorted(job_pdfs() - before)

    qtbot.waitUntil(lambda: bool(arrived()), timeout=60_000)
    job = arrived()[-1]
    qtbot.waitUntil(lambda: job.stat().st_size > 0 and _complete(job), timeout=30_000)
    reader = PdfReader(str(job))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert code in text
    assert "Thu" in text and "001190054321" in text
    width_mm = float(reader.pages[0].mediabox.width) / 72 * 25.4
    assert abs(width_mm - 80) < 1.5  # sent as an 80 mm roll, not scaled onto A4
    prints = service.dossiers.get(code)["prints"]
    assert [(p["form"], p["paper"]) for p in prints] == [("receipt", "80mm")] * 2

    # The preview is one key away.
    assert QApplication.focusWidget() is widget.applicant.full_name  # the next citizen
    press(Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(preview.isVisible)
    preview.reject()


def _complete(path: Path) -> bool:
    try:
        return path.read_bytes().rstrip().endswith(b"%%EOF")
    except OSError:
        return False
