"""The daily hand-over to the back office: many dossiers, one batch, one signed list.

Lists the dossiers received on a day (today by default) and not yet handed over
(`service.dossiers.awaiting_handover`); the officer ticks them (Space toggles the current
row, Ctrl+A ticks all or, when all are ticked, none), names the agency and both people, and
one action records every ticked dossier as a hand-over event of one batch
(`record_handover`) and opens the daily hand-over list of exactly that batch in the
preview; the print is logged for each dossier of the batch once it was delivered.
Opened from the main window (Ctrl+B, menu Hồ sơ).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain import clock
from counter_app.forms.formats import parse_moment
from counter_app.gui.context import AppContext
from counter_app.gui.dialogs.preview import PreviewDialog
from counter_app.gui.operations import alive
from counter_app.gui.operations import dossiers as dossier_ops
from counter_app.gui.operations import prints as print_ops
from counter_app.gui.widgets.messages import ERROR_STYLE, error_text
from counter_app.gui.widgets.screen import fit_to_screen


class CheckTable(QTableWidget):
    """Rows with a tick box in the first column; Space ticks the current row whatever its
    column, Ctrl+A ticks every row (or clears them all when all are ticked)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt)
        if event.key() == Qt.Key.Key_Space and not event.modifiers():
            row = self.currentRow()
            if row >= 0:
                self.set_ticked(row, not self.is_ticked(row))
            return
        if event.matches(QKeySequence.StandardKey.SelectAll):
            self.tick_all()
            return
        super().keyPressEvent(event)

    def is_ticked(self, row: int) -> bool:
        item = self.item(row, 0)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def set_ticked(self, row: int, ticked: bool) -> None:
        item = self.item(row, 0)
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def tick_all(self) -> None:
        every = all(self.is_ticked(row) for row in range(self.rowCount()))
        for row in range(self.rowCount()):
            self.set_ticked(row, not every)


class BatchHandoverDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("BatchHandoverDialog")
        self.setWindowTitle(self.tr("Bàn giao hồ sơ cho cơ quan giải quyết"))
        self.rows: list[dict[str, Any]] = []
        self.loading = False
        self.busy = False
        self.batch: str | None = None  # the last batch recorded here
        self.preview: PreviewDialog | None = None

        intro = QLabel(
            self.tr(
                "Chọn các hồ sơ giao cho bộ phận/cơ quan giải quyết trong một đợt (Space: "
                "chọn/bỏ dòng đang đứng, Ctrl+A: chọn tất cả). Mỗi hồ sơ được ghi một lần bàn "
                "giao với người giao và người nhận, rồi in danh sách bàn giao của đợt này."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.day_edit = QDateEdit(QDate.currentDate(), self)
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("dd/MM/yyyy")
        day_label = QLabel(self.tr("Ngày &tiếp nhận:"), self)
        day_label.setBuddy(self.day_edit)
        self.count_label = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(day_label)
        top.addWidget(self.day_edit)
        top.addStretch(1)
        top.addWidget(self.count_label)

        columns = [
            self.tr("Mã hồ sơ"),
            self.tr("Người nộp"),
            self.tr("Thủ tục"),
            self.tr("Tiếp nhận"),
            self.tr("Hẹn trả"),
        ]
        self.table = CheckTable(0, len(columns), self)
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column in (0, 1, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(lambda _item: self._show_count())
        table_label = QLabel(self.tr("&Hồ sơ chưa bàn giao:"), self)
        table_label.setBuddy(self.table)

        self.agency_edit = QLineEdit(self)
        self.agency_edit.setPlaceholderText(self.tr("Bắt buộc, ví dụ: Phòng Văn hóa - Xã hội"))
        officer = ctx.officer
        self.giver_edit = QLineEdit(officer.full_name if officer else "", self)
        self.receiver_edit = QLineEdit(self)
        for edit in (self.giver_edit, self.receiver_edit):
            edit.setPlaceholderText(self.tr("Bắt buộc: họ và tên"))
        self.notes_edit = QLineEdit(self)
        self.notes_edit.setPlaceholderText(self.tr("Không bắt buộc"))
        form = QFormLayout()
        for text, widget in (
            (self.tr("Cơ &quan giải quyết:"), self.agency_edit),
            (self.tr("Người &giao:"), self.giver_edit),
            (self.tr("Người &nhận:"), self.receiver_edit),
            (self.tr("Ghi &chú:"), self.notes_edit),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, widget)

        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.submit_button = QPushButton(self.tr("&Bàn giao và in danh sách"), self)
        self.submit_button.setToolTip(self.tr("Ghi bàn giao các hồ sơ đã chọn (Ctrl+Enter)"))
        self.submit_button.setAutoDefault(False)
        self.close_button = QPushButton(self.tr("Đóng"), self)  # Esc; Alt+G is Người giao
        self.close_button.setAutoDefault(False)
        self.submit_button.clicked.connect(self.submit)
        self.close_button.clicked.connect(self.reject)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, self.submit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(table_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        fit_to_screen(self, 1000, 640)

        self.day_edit.dateChanged.connect(lambda _day: self.reload())
        self.reload()
        self.table.setFocus()

    # -- the list --------------------------------------------------------------------------
    def day(self) -> date:
        return self.day_edit.date().toPython()

    def reload(self) -> None:
        self.loading = True
        dossier_ops.load_awaiting_handover(ctx=self.ctx, parent=self, day=self.day()).success(
            self._loaded
        ).failure(self._failed).run_in_background()

    def _loaded(self, answer: tuple[list[dict[str, Any]], str]) -> None:
        rows, agency = answer
        self.loading = False
        self.rows = rows
        if agency and not self.agency_edit.text():
            self.agency_edit.setText(agency)
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            code = QTableWidgetItem(row["code"])
            code.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            code.setCheckState(Qt.CheckState.Unchecked)
            self.table.setItem(number, 0, code)
            received, due = parse_moment(row["received_at"]), parse_moment(row["due_at"])
            for column, value in (
                (1, row["full_name"] or ""),
                (2, row["procedure_name"] or ""),
                (3, f"{received:%H:%M %d/%m}" if received else ""),
                (4, f"{due:%H:%M %d/%m/%Y}" if due else ""),
            ):
                item = QTableWidgetItem(value)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(number, column, item)
        self.table.blockSignals(False)
        if rows:
            self.table.setCurrentCell(0, 0)
        self._show_count()

    def _show_count(self) -> None:
        if not self.rows:
            self.count_label.setText(self.tr("Không có hồ sơ chờ bàn giao trong ngày này."))
            return
        self.count_label.setText(
            self.tr("Đã chọn {n}/{total} hồ sơ").format(
                n=len(self.chosen_codes()), total=len(self.rows)
            )
        )

    def chosen_codes(self) -> list[str]:
        return [
            self.table.item(row, 0).text()
            for row in range(self.table.rowCount())
            if self.table.is_ticked(row)
        ]

    # -- the hand-over ---------------------------------------------------------------------
    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def _failed(self, error: BaseException) -> None:
        self.loading = self.busy = False
        self.submit_button.setEnabled(True)
        self.show_error(error_text(error))

    def submit(self) -> None:
        if self.busy or self.loading:
            return
        codes = self.chosen_codes()
        if not codes:
            self.show_error(self.tr("Chưa chọn hồ sơ nào (Space để chọn, Ctrl+A: tất cả)."))
            self.table.setFocus()
            return
        for edit, message in (
            (self.agency_edit, self.tr("Cần ghi cơ quan giải quyết.")),
            (self.giver_edit, self.tr("Cần ghi họ tên người giao.")),
            (self.receiver_edit, self.tr("Cần ghi họ tên người nhận.")),
        ):
            if not edit.text().strip():
                self.show_error(message)
                edit.setFocus()
                return
        officer = self.ctx.officer
        self.show_error("")
        self.busy = True
        self.submit_button.setEnabled(False)
        self.message.setText(self.tr("Đang ghi bàn giao…"))
        dossier_ops.record_batch_handover(
            ctx=self.ctx,
            parent=self,
            codes=codes,
            agency=self.agency_edit.text().strip(),
            giver=self.giver_edit.text().strip(),
            receiver=self.receiver_edit.text().strip(),
            by=officer.username if officer else "",
            notes=self.notes_edit.text().strip(),
        ).success(lambda batch: self._recorded(batch, len(codes))).failure(
            self._failed
        ).run_in_background()

    def _recorded(self, batch: str, count: int) -> None:
        self.batch = batch
        self.busy = False
        self.submit_button.setEnabled(True)
        self.message.setText(
            self.tr("Đã ghi bàn giao {n} hồ sơ cho {agency}. Đang tạo danh sách…").format(
                n=count, agency=self.agency_edit.text().strip()
            )
        )
        self.receiver_edit.clear()
        self.notes_edit.clear()
        self.reload()
        print_ops.render_handover_batch(ctx=self.ctx, parent=self, batch=batch).success(
            lambda pdf: self._show_list(batch, pdf, count)
        ).failure(self._failed).run_in_background()

    def _show_list(self, batch: str, pdf: bytes, count: int) -> None:
        officer = self.ctx.officer
        username = officer.username if officer else ""
        preview: PreviewDialog | None = None

        def printed(copies: list[str]) -> None:
            paper = preview.paper if preview is not None and alive(preview) else "a4"
            print_ops.record_batch_print(
                ctx=self.ctx, parent=None, batch=batch, officer=username, copies=copies, paper=paper
            ).failure(lambda error: alive(self) and self._failed(error)).run_in_background()

        today = clock.now()
        preview = PreviewDialog(
            self.ctx,
            pdf,
            title=self.tr("Danh sách hồ sơ bàn giao ({n} hồ sơ)").format(n=count),
            on_printed=printed,
            parent=self,
            file_name=f"ban-giao-{today:%Y%m%d-%H%M}.pdf",
            form="handover",
        )
        preview.setModal(True)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview = preview
        self.message.setText(
            self.tr("Đã ghi bàn giao {n} hồ sơ. In danh sách để hai bên ký.").format(n=count)
        )
        preview.open()
