"""GUI entry point: QApplication, crash reporting, data folder, setup, main window.

`run_gui(args, argv)` is called by `counter-app` without a sub-command. Flags read
from `args`: data_dir, demo (training mode), screenshots (save screen PNGs and exit).
Environment: COUNTER_APP_STARTUP_PROBE=1 prints "STARTUP_IDLE <epoch seconds> backup=<running|
idle>" once the main window is shown and the event loop is idle, then quits
(bench/bench_gui.py); COUNTER_APP_BACKUP_DELAY_MS overrides how long after start-up settled
the day's backup begins (the bench starts it at once: the window must stay usable).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app import __version__
from counter_app.assets import resource_path
from counter_app.domain import clock
from counter_app.gui import pyside_import_scan
from counter_app.gui.compat import GuiThreadGarbageCollector, protect_singletons
from counter_app.gui.widgets.screen import fit_to_screen
from counter_app.ops.redaction import redact
from counter_app.store import file_modes

protect_singletons()  # before any Qt call; see compat.py
pyside_import_scan.install()  # before the window's modules are imported

log = logging.getLogger(__name__)

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT = 0, 1, 2
STARTUP_PROBE_ENV = "COUNTER_APP_STARTUP_PROBE"
CRASH_LOG = "crash.log"
BACKUP_DELAY_ENV = "COUNTER_APP_BACKUP_DELAY_MS"


# -- crash reporting ------------------------------------------------------------------------
class CrashDialog(QDialog):
    """Says what happened in plain words; the details are selectable and copyable."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("Lỗi không mong muốn"))
        fit_to_screen(self, 720, 440)
        heading = QLabel(self.tr("Ứng dụng gặp một lỗi không mong muốn."), self)
        heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        explanation = QLabel(
            self.tr(
                "Các hồ sơ đã lưu không bị mất. Hãy bấm “Sao chép chi tiết” và gửi cho kỹ "
                "thuật viên. Có thể tiếp tục làm việc; nếu lỗi lặp lại, hãy khởi động lại "
                "ứng dụng."
            ),
            self,
        )
        explanation.setWordWrap(True)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("crashDetails")
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setPlainText(details)
        self.copy_button = QPushButton(self.tr("Sao chép chi tiết"), self)
        self.copy_button.clicked.connect(self.copy)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    def add(self, details: str) -> None:
        self.details.appendPlainText("\n" + "-" * 60 + "\n" + details)

    def text(self) -> str:
        return self.details.toPlainText()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
        self.copy_button.setText(self.tr("Đã sao chép"))


class CrashReporter(QObject):
    """sys.excepthook and threading.excepthook → a signal → a dialog on the GUI thread.

    Reports are also appended to <data folder>/logs/crash.log when the folder is known.
    Every report is redacted first (ID numbers, phones, secrets, personal fields: see
    `ops.redaction`) — what reaches stderr, crash.log and the dialog the officer copies
    from; crash.log is 0600 in a 0700 folder.
    """

    crashed = Signal(str)

    def __init__(self, log_dir: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_dir = log_dir
        self.dialog: CrashDialog | None = None
        self.reports: list[str] = []
        self._old_sys_hook: Callable[..., Any] | None = None
        self._old_thread_hook: Callable[..., Any] | None = None
        self.crashed.connect(self._show)  # queued when emitted from another thread

    def install(self) -> None:
        self._old_sys_hook = sys.excepthook
        self._old_thread_hook = threading.excepthook
        sys.excepthook = self._sys_hook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        if self._old_sys_hook is not None:
            sys.excepthook = self._old_sys_hook
            self._old_sys_hook = None
        if self._old_thread_hook is not None:
            threading.excepthook = self._old_thread_hook
            self._old_thread_hook = None

    def _sys_hook(
        self,
        exc_type: type[BaseException],
        value: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            if self._old_sys_hook is not None:
                self._old_sys_hook(exc_type, value, tb)
            return
        self.report("".join(traceback.format_exception(exc_type, value, tb)))

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        text = "".join(
            traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)
        )
        self.report(f"[thread {name}]\n{text}")

    def report(self, details: str) -> None:
        """Thread-safe: log, then show on the GUI thread."""
        stamped = redact(f"{clock.to_storage(clock.now())} counter-app {__version__}\n{details}")
        print(stamped, file=sys.stderr)
        self._write_log(stamped)
        self.crashed.emit(stamped)

    def _write_log(self, text: str) -> None:
        if self.log_dir is None:
            return
        try:
            file_modes.private_dir(self.log_dir)
            with file_modes.open_private(self.log_dir / CRASH_LOG, "a", encoding="utf-8") as handle:
                handle.write(text.rstrip() + "\n\n")
        except OSError:
            pass

    def _show(self, details: str) -> None:
        self.reports.append(details)
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.add(details)
            return
        parent = QApplication.activeWindow()
        self.dialog = CrashDialog(details, parent)
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.show()
        self.dialog.raise_()


# -- start-up helpers -----------------------------------------------------------------------
def show_fatal(title: str, message: str) -> None:
    """A blocking message before (or instead of) the main window."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, message)
    box.setObjectName("fatalMessage")
    box.addButton(QCoreApplication.translate("App", "Đóng"), QMessageBox.ButtonRole.AcceptRole)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def locked_folder_message(error: Exception) -> str:
    return QCoreApplication.translate(
        "App",
        "Ứng dụng đang được mở ở một cửa sổ khác trên máy này (hoặc bởi một người dùng "
        "khác) nên không thể mở thêm.\n\nHãy tìm và dùng cửa sổ đang mở, hoặc đóng nó rồi "
        "mở lại.\n\nChi tiết: {details}",
    ).format(details=error)


def ensure_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "counter-app", *(argv or [])])
    app.setApplicationName("counter-app")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("counter-app")
    app.setApplicationDisplayName(QCoreApplication.translate("App", "Quầy tiếp nhận hồ sơ"))
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    icon = resource_path("icons", "counter-app.png")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app  # type: ignore[return-value]


def on_db_thread(ctx: Any, job: Callable[[], Any], timeout: float = 120.0) -> Any:
    """Start-up only (before the event loop): run `job` on the DB thread and wait."""
    return ctx.run(job).result(timeout)


class _PaintProbe(QObject):
    """Notices the first paint of the window's contents (the bench's "shown")."""

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self.painted = False
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def _startup_probe(app: QApplication, ctx: Any, window: QWidget, background: Any = None) -> None:
    """Print when the window has painted and nothing is left to do, then quit (bench hook).
    The backup thread is not the window's work: it is reported, not waited for."""
    probe = _PaintProbe(window.centralWidget() or window)

    def check() -> None:
        if ctx.pending_jobs or not probe.painted:
            QTimer.singleShot(1, check)
            return
        backup = "running" if background is not None and background.running else "idle"
        print(f"STARTUP_IDLE {time.time():.6f} backup={backup}", flush=True)
        app.quit()

    QTimer.singleShot(0, check)


# -- entry ------------------------------------------------------------------------------------
def run_gui(args: argparse.Namespace, argv: list[str] | None = None) -> int:
    screenshots_dir = getattr(args, "screenshots", None)
    if screenshots_dir and not os.environ.get("QT_QPA_PLATFORM"):
        from counter_app.gui.screenshots import take_screenshots_at_sizes  # one child per size

        for path in take_screenshots_at_sizes(Path(screenshots_dir)):
            print(path)
        return EXIT_OK
    if QApplication.instance() is None and sys.platform.startswith("linux"):
        from counter_app.ops.qt_platform import preflight  # Linux's xcb check only

        problem = preflight()
        if problem is not None:  # Qt would abort (exit 134) blaming the wrong library
            log.error("%s", problem.log_text())
            print(problem.hint(), file=sys.stderr)
            return EXIT_INPUT
    app = ensure_application()
    training = bool(getattr(args, "demo", False))
    data_override = getattr(args, "data_dir", None)
    reporter = CrashReporter()
    reporter.install()
    try:
        if screenshots_dir:
            from counter_app.gui.screenshots import take_screenshots

            saved = take_screenshots(Path(screenshots_dir))
            for path in saved:
                print(path)
            return EXIT_OK
        return _run(app, reporter, training=training, data_override=data_override)
    finally:
        reporter.uninstall()


def _run(
    app: QApplication, reporter: CrashReporter, *, training: bool, data_override: str | None
) -> int:
    from counter_app.gui import i18n
    from counter_app.gui.context import AppContext
    from counter_app.gui.dialogs.migration_progress import MigrationProgressWindow
    from counter_app.ops import startup

    # Until the settings say otherwise the interface is Vietnamese: Qt's own buttons too
    # (the fatal messages below come before the settings can be read).
    i18n.install_translator("vi")
    upgrade_progress = MigrationProgressWindow()
    try:
        if training:
            from counter_app.gui.training import prepare_training

            opened = startup.open_data_folder(data_override, training=prepare_training)
        else:
            opened = startup.open_data_folder(data_override, migration_progress=upgrade_progress)
    except startup.FolderRefused as exc:
        upgrade_progress.close()
        if exc.locked:
            show_fatal(
                QCoreApplication.translate("App", "Ứng dụng đang mở"), locked_folder_message(exc)
            )
        elif exc.lost:
            show_fatal(QCoreApplication.translate("App", "Cần khôi phục dữ liệu"), str(exc))
        elif exc.needs_key:
            show_fatal(QCoreApplication.translate("App", "Cần khóa mã hóa dữ liệu"), str(exc))
        else:
            show_fatal(QCoreApplication.translate("App", "Cần phiên bản mới hơn"), str(exc))
        return EXIT_INPUT
    upgrade_progress.close()
    service, environment = opened.service, opened.training
    reporter.log_dir = opened.logs

    ctx = AppContext(service, training=training)
    ctx.signals.unhandled_error.connect(reporter.report)
    collector = GuiThreadGarbageCollector()
    background = None
    if not training:  # training practises on demo data: no backups
        from counter_app.ops.backup_schedule import BackgroundBackups

        background = BackgroundBackups(service)
    backup_timer = None
    window = None
    try:
        from counter_app.gui.operations.settings import needs_setup

        settings, setup_needed = on_db_thread(
            ctx, lambda: (service.settings.all(), needs_setup(service))
        )
        language = settings.get("language", "vi")
        if language != i18n.current_language():  # Vietnamese is in place since the start
            i18n.install_translator(language)
        prefill = None
        if training:
            from counter_app.gui.training import DEMO_PASSWORD, DEMO_USER

            prefill = (DEMO_USER, DEMO_PASSWORD)
        if service.store.recovery_key_created and not training:
            from counter_app.gui.dialogs.recovery_key import RecoveryKeyDialog

            RecoveryKeyDialog(
                service.store.recovery_key_created, settings.get("centre_name") or ""
            ).exec()
        if setup_needed:
            from counter_app.gui.dialogs.setup import SetupDialog

            dialog = SetupDialog(ctx)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return EXIT_OK
            settings = on_db_thread(ctx, service.settings.all)
            prefill = (dialog.created_admin or "", "")
        from counter_app.gui.main_window import MainWindow

        window = MainWindow(ctx, settings=settings, start_sync=True, prefill=prefill)
        if background is not None:
            backup_timer = _schedule_backups(ctx, window, background)
        if os.environ.get(STARTUP_PROBE_ENV):
            _startup_probe(app, ctx, window, background)
        window.show()
        return app.exec()
    finally:
        if window is not None:
            window.shutdown()
            window.deleteLater()
        if backup_timer is not None:
            backup_timer.stop()
        if background is not None:
            _backup_at_exit(ctx, background)
        _close(ctx, service)
        collector.stop()
        if environment is not None:
            environment.close()


BACKUP_CHECK_MS = 60 * 60 * 1000  # PCs stay on for days: check hourly for the daily backup
BACKUP_START_DELAY_MS = 3000  # after start-up settled: the officer's first screens go first


def _schedule_backups(ctx: Any, window: Any, background: Any) -> QTimer:
    """The day's backup once start-up has settled (no job of the window left), then an
    hourly check; on the backups' own thread, with their progress on the status bar."""
    from counter_app.gui.backup_status import BackupStatus

    status = BackupStatus(window)
    window.backup_status = status
    background.listener = status.listener
    try:
        delay = max(0, int(os.environ.get(BACKUP_DELAY_ENV) or BACKUP_START_DELAY_MS))
    except ValueError:
        delay = BACKUP_START_DELAY_MS

    def when_settled() -> None:
        if ctx.pending_jobs:
            QTimer.singleShot(50, when_settled)
            return
        QTimer.singleShot(delay, background.check)

    timer = QTimer()
    timer.setInterval(BACKUP_CHECK_MS)
    timer.timeout.connect(background.check)
    timer.start()
    QTimer.singleShot(0, when_settled)
    return timer


def _backup_at_exit(ctx: Any, background: Any) -> None:
    """Queued writes first, then the exit backup: only when something changed, bounded in
    time (ops/backup_schedule.py); a running day's backup is interrupted."""
    background.listener = None  # the window is gone
    try:
        ctx.wait_idle(timeout=60)
    except Exception:  # noqa: BLE001 - closing must go on
        log.exception("waiting for queued work failed")
    background.close()


def _close(ctx: Any, service: Any) -> None:
    """Let queued writes finish, close the DB thread's connection, release the folder."""
    try:
        ctx.wait_idle(timeout=60)
        ctx.run(service.store.close_thread_connection).result(10)
    except Exception:  # noqa: BLE001 - closing must go on
        log.exception("closing the DB thread failed")
    ctx.shutdown()
    service.close()
