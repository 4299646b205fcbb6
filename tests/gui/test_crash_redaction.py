"""Crash reports through the real crash path (sys.excepthook, threading.excepthook, a failed
background job): personal data is masked in the dialog, the clipboard copy, stderr and
crash.log, and crash.log is private (0600 in a 0700 folder)."""

from __future__ import annotations

import os
import stat
import sys
import threading
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QApplication  # noqa: E402

from counter_app.gui.app import CRASH_LOG, CrashReporter  # noqa: E402
from counter_app.services import CounterService  # noqa: E402
from counter_app.store import paths  # noqa: E402

WAIT = 10_000  # ms; generous for slow CI, never a timed assertion
ID_NUMBER = "079088001234"
PHONE = "0903 123 456"
PASSWORD = "Lua-Thieng-99"
NAME = "Đỗ Thị Thanh Hương"
BIRTH = "1979-11-30"
PERSONAL = (ID_NUMBER, PHONE, PASSWORD, NAME, BIRTH)


def personal_error() -> RuntimeError:
    return RuntimeError(
        f"cannot save {{'full_name': '{NAME}', 'birth_date': '{BIRTH}', 'id_number': "
        f"'{ID_NUMBER}'}}: CCCD {ID_NUMBER}, phone {PHONE}, password={PASSWORD}"
    )


def wait_for_reports(qtbot, reporter: CrashReporter, count: int) -> None:
    qtbot.waitUntil(lambda: len(reporter.reports) >= count, timeout=WAIT)


def test_crash_reports_are_masked_everywhere_and_private(
    service: CounterService, data_dir: Path, gui_context, qtbot, capfd
) -> None:
    logs = paths.logs_dir(data_dir)
    reporter = CrashReporter(log_dir=logs)
    reporter.install()
    ctx = gui_context("an.nv")
    ctx.signals.unhandled_error.connect(reporter.report)
    try:
        # 1. an exception nobody caught on the GUI thread: Python calls sys.excepthook
        try:
            raise personal_error()
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
        # 2. in a worker thread
        worker = threading.Thread(target=lambda: (_ for _ in ()).throw(personal_error()))
        worker.name = "worker-personal"
        worker.start()
        worker.join()

        # 3. a background job of the DB thread without a failure handler
        def job(_service: CounterService) -> None:
            raise personal_error()

        ctx.run(lambda: job(service))
        wait_for_reports(qtbot, reporter, 3)
        qtbot.waitUntil(lambda: reporter.dialog is not None, timeout=WAIT)
        shown = reporter.dialog.text()
        reporter.dialog.copy()
        copied = QApplication.clipboard().text()
    finally:
        reporter.uninstall()
        if reporter.dialog is not None:
            reporter.dialog.close()
    crash_log = logs / CRASH_LOG
    written = crash_log.read_text(encoding="utf-8")
    printed = capfd.readouterr().err
    assert written.count("RuntimeError: cannot save") == 3
    assert "worker-personal" in written
    assert "[số giấy tờ]" in written and "[số điện thoại]" in written
    for text in (shown, copied, written, printed):
        assert "RuntimeError: cannot save" in text
        for value in PERSONAL:
            assert value not in text, value
    if os.name == "posix":
        assert stat.S_IMODE(crash_log.stat().st_mode) == 0o600
        assert stat.S_IMODE(logs.stat().st_mode) == 0o700
