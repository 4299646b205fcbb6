"""Dossiers the portal refused or that clash with it, and a way to send one again; below them,
the portal's items set aside (quarantined) because they do not fit, with the portal's text."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.gui import sync_status
from counter_app.gui.context import AppContext
from counter_app.gui.operations.dossiers import retry_rejected
from counter_app.gui.operations.sync import load_sync_problems
from counter_app.gui.sync_status import SyncStatusBridge
from counter_app.gui.widgets.screen import fit_to_screen


class SyncProblemsDialog(QDialog):
    """Dossiers the portal refused (with its message) or that clash with it; retry one."""

    def __init__(
        self, ctx: AppContext, bridge: SyncStatusBridge, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bridge = bridge
        self.setWindowTitle(self.tr("Hồ sơ chưa đồng bộ được"))
        fit_to_screen(self, 900, 420)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("syncProblems")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Mã hồ sơ"),
                self.tr("Người nộp"),
                self.tr("Tình trạng"),
                self.tr("Thông báo của cổng DVC"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 190)
        self.table.setColumnWidth(1, 180)
        self.table.setColumnWidth(2, 110)
        self.retry_button = QPushButton(self.tr("Gửi lại hồ sơ đã chọn"), self)
        self.retry_button.setObjectName("retryButton")
        self.open_button = QPushButton(self.tr("Xem hồ sơ"), self)
        self.sync_button = QPushButton(self.tr("Đồng bộ ngay"), self)
        self.retry_button.clicked.connect(self.retry_selected)
        self.open_button.clicked.connect(self.open_selected)
        self.sync_button.clicked.connect(bridge.sync_now)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.quarantine_label = QLabel(self)
        self.quarantine_label.setWordWrap(True)
        self.quarantine_table = QTableWidget(0, 4, self)
        self.quarantine_table.setObjectName("quarantinedItems")
        self.quarantine_table.setHorizontalHeaderLabels(
            [
                self.tr("Nguồn"),
                self.tr("Hồ sơ / mục"),
                self.tr("Lý do không áp dụng"),
                self.tr("Nội dung Cổng gửi"),
            ]
        )
        self.quarantine_table.verticalHeader().hide()
        self.quarantine_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.quarantine_table.setWordWrap(True)
        self.quarantine_table.horizontalHeader().setSectionResizeMode(
            3, QHeaderView.ResizeMode.Stretch
        )
        self.quarantine_table.setColumnWidth(0, 150)
        self.quarantine_table.setColumnWidth(1, 190)
        self.quarantine_table.setColumnWidth(2, 260)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.sync_button)
        buttons.addStretch(1)
        close = QDialogButtonBox(self)
        close.addButton(self.tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.quarantine_label)
        layout.addWidget(self.quarantine_table, 1)
        layout.addWidget(self.result)
        layout.addLayout(buttons)
        retry_possible = sync_status.engine_available()
        self.retry_button.setEnabled(retry_possible)
        self.sync_button.setEnabled(bridge.engine is not None)
        if not retry_possible:
            self.retry_button.setToolTip(self.tr("Chưa có bộ đồng bộ trong bản này"))
        self.rows: list[dict[str, Any]] = []
        self.quarantined: list[dict[str, Any]] = []
        self.load()

    def load(self) -> None:
        load_sync_problems(ctx=self.ctx, parent=self).success(
            lambda problems: self._loaded(*problems)
        ).run_in_background()

    def _loaded(self, rows: list[dict[str, Any]], quarantined: list[dict[str, Any]]) -> None:
        self._show_quarantined(quarantined)
        self.rows = rows
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            state = (
                self.tr("Xung đột") if row["sync_state"] == "conflict" else self.tr("Bị từ chối")
            )
            message = row.get("sync_message") or row.get("conflict") or ""
            for column, text in enumerate((row["code"], row["full_name"], state, message)):
                item = QTableWidgetItem(str(text))
                item.setToolTip(str(text))
                self.table.setItem(number, column, item)
        self.table.resizeRowsToContents()
        self.summary.setText(
            self.tr(
                "{n} hồ sơ cần xem lại. Sửa hồ sơ theo thông báo của cổng rồi bấm "
                "“Gửi lại”; các hồ sơ khác vẫn được gửi bình thường."
            ).format(n=len(rows))
            if rows
            else self.tr("Không có hồ sơ nào bị từ chối.")
        )
        if rows:
            self.table.selectRow(0)

    def _show_quarantined(self, items: list[dict[str, Any]]) -> None:
        self.quarantined = items
        self.quarantine_table.setRowCount(len(items))
        sources = {
            "changes": self.tr("Thay đổi từ Cổng"),
            "catalogue": self.tr("Danh mục thủ tục"),
            "holidays": self.tr("Ngày nghỉ"),
        }
        for number, item in enumerate(items):
            texts = (
                sources.get(item["source"], item["source"]),
                item["item_key"] or "–",
                item["reason"],
                item["raw"],
            )
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(str(text)[:2000])
                cell.setToolTip(str(text)[:2000])
                self.quarantine_table.setItem(number, column, cell)
        self.quarantine_table.resizeRowsToContents()
        self.quarantine_label.setText(
            self.tr(
                "{n} mục Cổng gửi sai cấu trúc đã được để riêng, không áp dụng; đồng bộ vẫn "
                "tiếp tục. Báo cho kỹ thuật viên cùng nội dung dưới đây."
            ).format(n=len(items))
            if items
            else self.tr("Không có mục nào của Cổng bị để riêng.")
        )

    def _selected_code(self) -> str | None:
        row = self.table.currentRow()
        return self.rows[row]["code"] if 0 <= row < len(self.rows) else None

    def open_selected(self) -> None:
        code = self._selected_code()
        if code:
            from counter_app.gui.lists.dossier_table import open_detail

            open_detail(self.ctx, code, self)

    def retry_selected(self) -> None:
        code = self._selected_code()
        if not code:
            return
        actor = self.ctx.officer.username if self.ctx.officer else "counter"
        self.retry_button.setEnabled(False)
        retry_rejected(ctx=self.ctx, parent=self, code=code, actor=actor).success(
            lambda count: self._retried(code, count)
        ).failure(self._retry_failed).run_in_background()

    def _retried(self, code: str, count: int) -> None:
        self.retry_button.setEnabled(True)
        self.result.setStyleSheet("color: #2e7d32;")
        self.result.setText(
            self.tr("Đã xếp lại {n} mục của hồ sơ {code} để gửi.").format(n=count, code=code)
        )
        self.bridge.sync_now()
        self.load()

    def _retry_failed(self, error: BaseException) -> None:
        self.retry_button.setEnabled(True)
        self.result.setStyleSheet("color: #b41414;")
        self.result.setText(str(error))
