"""The window shown while an existing data folder is upgraded at start-up.

The upgrade (a seal check and a backup first, then e.g. re-indexing search over 1,000,000
dossiers) runs on the GUI thread before the main window exists; `MigrationProgressWindow` is the
`migration_progress` callback of `ops.startup.open_data_folder`: it appears on the first
report, repaints on each one, and closes with `close()`. Nothing shows for a folder that
needs no upgrade.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog

# each step's label (translated when shown); a step without one shows its own name
STEP_LABELS = {
    "seal-check": QT_TRANSLATE_NOOP(
        "MigrationProgress",
        "Đang kiểm tra dấu niêm phong trước khi nâng cấp… / Checking the seals before the upgrade…",
    ),
    "backup": QT_TRANSLATE_NOOP(
        "MigrationProgress",
        "Đang sao lưu dữ liệu trước khi nâng cấp… / Backing up before the upgrade…",
    ),
    "search index": QT_TRANSLATE_NOOP(
        "MigrationProgress",
        "Đang xây dựng lại chỉ mục tìm kiếm… / Rebuilding the search index…",
    ),
    "digitisation": QT_TRANSLATE_NOOP(
        "MigrationProgress",
        "Đang xác định các hồ sơ chưa số hóa… / Finding the dossiers not yet digitised…",
    ),
    "seals": QT_TRANSLATE_NOOP(
        "MigrationProgress",
        "Đang niêm phong lại dữ liệu sau nâng cấp… / Sealing the upgraded records again…",
    ),
}


class MigrationProgressWindow:
    def __init__(self) -> None:
        self._dialog: QProgressDialog | None = None

    def __call__(self, what: str, done: int, total: int) -> None:
        if self._dialog is None:
            self._dialog = QProgressDialog()
            self._dialog.setWindowTitle(
                QCoreApplication.translate("App", "Nâng cấp dữ liệu / Upgrading the data")
            )
            self._dialog.setCancelButton(None)  # an upgrade runs to its end or not at all
            self._dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
            self._dialog.setMinimumDuration(0)
        label = STEP_LABELS.get(what)
        self._dialog.setLabelText(
            QCoreApplication.translate("MigrationProgress", label) if label else what
        )
        self._dialog.setMaximum(max(total, 1))
        self._dialog.setValue(min(done, max(total, 1)))
        QApplication.processEvents()

    @property
    def shown(self) -> bool:
        return self._dialog is not None

    def close(self) -> None:
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
