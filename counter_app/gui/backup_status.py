"""The backups' progress in the main window's status bar (issue 12, item 9).

`BackupStatus` carries the events of `ops.backup_schedule.BackgroundBackups` (heard on the
backup thread) to the GUI thread through a queued signal and shows them: a small progress bar
"Đang sao lưu… 42%" while a backup runs, a short message when it is made, a lasting one in red
when it failed. The backups never run on the GUI's DB thread, so the window works meanwhile.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QMainWindow, QProgressBar

from counter_app.ops.backup_schedule import BackupEvent

DONE_MESSAGE_MS = 10_000
FAILED_MESSAGE_MS = 60_000


class BackupStatus(QObject):
    """The progress bar and messages of background backups, on one window's status bar."""

    event = Signal(object)  # BackupEvent; emitted from the backup thread, delivered queued

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.bar = QProgressBar(window)
        self.bar.setObjectName("backupProgress")
        self.bar.setRange(0, 100)
        self.bar.setMaximumWidth(220)
        self.bar.setTextVisible(True)
        self.bar.setFormat(self.tr("Đang sao lưu… %p%"))
        self.bar.setToolTip(
            self.tr("Ứng dụng đang sao lưu dữ liệu; vẫn làm việc bình thường trong lúc này.")
        )
        self.bar.setVisible(False)
        window.statusBar().addPermanentWidget(self.bar)
        self.last: BackupEvent | None = None
        self.event.connect(self._show)

    def listener(self, event: BackupEvent) -> None:
        """Thread-safe: give this to BackgroundBackups(listener=...)."""
        self.event.emit(event)

    @Slot(object)
    def _show(self, event: Any) -> None:
        self.last = event
        status_bar = self.window.statusBar()
        if event.kind == "started":
            self.bar.setValue(0)
            self.bar.setVisible(True)
        elif event.kind == "progress":
            self.bar.setValue(event.percent)
            self.bar.setVisible(event.done < event.total)
        elif event.kind == "done":
            self.bar.setVisible(False)
            if event.error:  # the local backup is made; the second folder was not reached
                status_bar.showMessage(
                    self.tr(
                        "Đã sao lưu, nhưng chưa chép được sang thư mục thứ hai: {error}"
                    ).format(error=event.error),
                    FAILED_MESSAGE_MS,
                )
            else:
                status_bar.showMessage(self.tr("Đã sao lưu dữ liệu."), DONE_MESSAGE_MS)
        elif event.kind == "failed":
            self.bar.setVisible(False)
            status_bar.showMessage(
                self.tr("Sao lưu không thành công: {error}").format(error=event.error),
                FAILED_MESSAGE_MS,
            )
        else:  # interrupted: made again later
            self.bar.setVisible(False)
