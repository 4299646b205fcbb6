"""The 'Sổ theo dõi & lệ phí' screen: for a period, the register (Sổ theo dõi hồ sơ, Mẫu 07)
and the daily fee summary, each exported to Excel (.xlsx) or CSV, the register printed.

Both come from one core call each (service.reports.register / .fees) through
gui/operations/reports.py; the files are written by services/ledger_export.py.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain import clock
from counter_app.forms.formats import vnd
from counter_app.gui.context import AppContext
from counter_app.gui.dashboard.page import period_dates
from counter_app.gui.dialogs.preview import PreviewDialog
from counter_app.gui.operations import OpChanges
from counter_app.gui.operations import reports as ops
from counter_app.gui.widgets.file_dialogs import save_file_name
from counter_app.gui.widgets.messages import error_text
from counter_app.gui.widgets.refresh import RefreshWhenShown
from counter_app.gui.widgets.tables import fill_table, make_table
from counter_app.services.ledgers import FeeSummary, RegisterBook

REGISTER, FEES_BY_DAY, FEES_BY_KIND = 0, 1, 2


def _moment(value: datetime | None) -> str:
    return f"{value:%d/%m/%Y %H:%M}" if value else ""


def _money(amount: int) -> str:
    return vnd(amount)


class LedgersWidget(QWidget):
    PERIODS = ("today", "week", "month", "last_month", "custom")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.book: RegisterBook | None = None
        self.fees: FeeSummary | None = None
        self.loading = 0
        self.preview: PreviewDialog | None = None
        self.last_export: Path | None = None
        self.freshness = RefreshWhenShown(self, self.refresh)
        self.period = QComboBox(self)
        self.period.setObjectName("ledgerPeriod")
        labels = (
            self.tr("Hôm nay"),
            self.tr("Tuần này"),
            self.tr("Tháng này"),
            self.tr("Tháng trước"),
            self.tr("Khoảng ngày…"),
        )
        for key, label in zip(self.PERIODS, labels, strict=True):
            self.period.addItem(label, key)
        period_label = QLabel(self.tr("&Kỳ:"), self)
        period_label.setBuddy(self.period)
        today = QDate.currentDate()
        self.date_from = QDateEdit(today, self)
        self.date_to = QDateEdit(today, self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.show_button = QPushButton(self.tr("&Xem"), self)
        self.xlsx_button = QPushButton(self.tr("Xuất &Excel (.xlsx)…"), self)
        self.csv_button = QPushButton(self.tr("Xuất &CSV…"), self)
        self.print_button = QPushButton(self.tr("&In sổ (Mẫu 07)…"), self)
        self.handover_button = QPushButton(self.tr("In danh sách &bàn giao…"), self)
        self.handover_button.setToolTip(
            self.tr("Danh sách hồ sơ bàn giao cho bộ phận chuyên môn trong ngày cuối của kỳ")
        )
        self.status_label = QLabel(self)
        self.status_label.setObjectName("ledgerStatus")
        self.status_label.setWordWrap(True)

        self.register_table = make_table(
            [
                self.tr("STT"),
                self.tr("Mã hồ sơ"),
                self.tr("Thủ tục"),
                self.tr("Người nộp"),
                self.tr("Địa chỉ"),
                self.tr("Tiếp nhận"),
                self.tr("Hẹn trả"),
                self.tr("Tình trạng"),
                self.tr("Trả kết quả"),
                self.tr("Phí, lệ phí"),
            ],
        )
        header = self.register_table.horizontalHeader()
        for column, width in ((2, 260), (4, 280)):  # long texts wrap in a fixed width
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.register_table.setColumnWidth(column, width)
        fee_headers = [
            self.tr("Số hồ sơ có thu"),
            self.tr("Số khoản"),
            self.tr("Phải thu"),
            self.tr("Đã thu"),
            self.tr("Chưa thu"),
        ]
        self.day_table = make_table([self.tr("Ngày"), *fee_headers])
        self.kind_table = make_table([self.tr("Mã"), self.tr("Khoản thu"), *fee_headers], stretch=1)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.register_table, self.tr("Sổ theo dõi hồ sơ"))
        self.tabs.addTab(self.day_table, self.tr("Lệ phí theo ngày"))
        self.tabs.addTab(self.kind_table, self.tr("Lệ phí theo khoản thu"))

        top = QHBoxLayout()
        top.addWidget(period_label)
        top.addWidget(self.period)
        top.addWidget(self.date_from)
        top.addWidget(QLabel("–", self))
        top.addWidget(self.date_to)
        top.addWidget(self.show_button)
        top.addStretch(1)
        top.addWidget(self.print_button)
        top.addWidget(self.handover_button)
        top.addWidget(self.xlsx_button)
        top.addWidget(self.csv_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status_label)

        self.period.currentIndexChanged.connect(self._period_changed)
        self.show_button.clicked.connect(self.refresh)
        self.xlsx_button.clicked.connect(lambda: self._ask_export("xlsx"))
        self.csv_button.clicked.connect(lambda: self._ask_export("csv"))
        self.print_button.clicked.connect(self.print_register)
        self.handover_button.clicked.connect(self.print_handover_list)
        ctx.signals.changed.connect(self._changed)
        self._set_exportable(False)
        self._period_changed()

    # -- period ------------------------------------------------------------------------------
    def _period_changed(self) -> None:
        key = self.period.currentData()
        custom = key == "custom"
        for edit in (self.date_from, self.date_to):
            edit.setEnabled(custom)
        if not custom:
            first, last = period_dates(key, clock.now().date())
            for edit, day in ((self.date_from, first), (self.date_to, last)):
                edit.setDate(QDate(day.year, day.month, day.day))
            if self.isVisible():
                self.refresh()

    def set_period(self, first: date, last: date) -> None:
        """A custom period, as typed in the two date fields."""
        self.period.setCurrentIndex(self.PERIODS.index("custom"))
        for edit, day in ((self.date_from, first), (self.date_to, last)):
            edit.setDate(QDate(day.year, day.month, day.day))

    def dates(self) -> tuple[date, date]:
        return self.date_from.date().toPython(), self.date_to.date().toPython()

    # -- loading -----------------------------------------------------------------------------
    def _changed(self, changes: OpChanges) -> None:
        if changes.any_dossier:
            self.freshness.core_changed()

    def refresh(self) -> None:
        first, last = self.dates()
        if last < first:
            self._show_error(self.tr("Ngày kết thúc phải sau ngày bắt đầu."))
            return
        self.freshness.mark_fresh()
        self.loading = 2
        self._set_exportable(False)
        self.status_label.setStyleSheet("")
        self.status_label.setText(self.tr("Đang đọc sổ…"))
        ops.register_book(ctx=self.ctx, parent=self, date_from=first, date_to=last).success(
            self._show_register
        ).failure(self._failed).run_in_background()
        ops.fee_summary(ctx=self.ctx, parent=self, date_from=first, date_to=last).success(
            self._show_fees
        ).failure(self._failed).run_in_background()

    def _failed(self, error: BaseException) -> None:
        self.loading = 0
        self._show_error(error_text(error))

    def _show_error(self, text: str) -> None:
        self.status_label.setStyleSheet("color: #b00020;")
        self.status_label.setText(text)

    def _current(self, answer: RegisterBook | FeeSummary) -> bool:
        return (answer.date_from, answer.date_to) == self.dates()

    def _show_register(self, book: RegisterBook) -> None:
        if not self._current(book):
            return  # an older period's answer: the newer one is on its way
        self.book = book
        fill_table(
            self.register_table,
            [
                [
                    str(row["seq"]),
                    row["code"],
                    row["procedure_name"],
                    row["full_name"],
                    row["address"],
                    _moment(row["received_at"]),
                    _moment(row["due_at"]),
                    row["status_name"],
                    _moment(row["returned_at"]),
                    _money(row["fee_total"]),
                ]
                for row in book.rows
            ],
        )
        self._loaded()

    def _show_fees(self, summary: FeeSummary) -> None:
        if not self._current(summary):
            return
        self.fees = summary

        def figures(cell: dict[str, Any]) -> list[str]:
            return [
                str(cell["dossiers"]),
                str(cell["items"]),
                _money(cell["due"]),
                _money(cell["paid"]),
                _money(cell["unpaid"]),
            ]

        total = self.tr("Tổng cộng")
        fill_table(
            self.day_table,
            [[f"{r['day']:%d/%m/%Y}", *figures(r)] for r in summary.by_day]
            + [[total, *figures(summary.totals)]],
        )
        fill_table(
            self.kind_table,
            [[r["code"], r["name"], *figures(r)] for r in summary.by_fee]
            + [["", total, *figures(summary.totals)]],
        )
        self._loaded()

    def _loaded(self) -> None:
        self.loading = max(0, self.loading - 1)
        if self.loading or self.book is None or self.fees is None:
            return
        self._set_exportable(True)
        first, last = self.dates()
        self.status_label.setStyleSheet("")
        self.status_label.setText(
            self.tr(
                "{a} – {b}: {n} hồ sơ (tiếp nhận {r}, từ chối tiếp nhận {x}, yêu cầu bổ sung "
                "{c}); lệ phí phải thu {due}, đã thu {paid}."
            ).format(
                a=f"{first:%d/%m/%Y}",
                b=f"{last:%d/%m/%Y}",
                n=len(self.book.rows),
                r=self.book.counts.get("received", 0),
                x=self.book.counts.get("refused", 0),
                c=self.book.counts.get("completion_requested", 0),
                due=_money(self.fees.totals["due"]),
                paid=_money(self.fees.totals["paid"]),
            )
        )

    def _set_exportable(self, enabled: bool) -> None:
        for button in (self.xlsx_button, self.csv_button, self.print_button, self.handover_button):
            button.setEnabled(enabled)

    # -- export and print --------------------------------------------------------------------
    def current_book(self) -> RegisterBook | FeeSummary | None:
        """What the export writes: the register, or the fee summary (both its tables)."""
        return self.book if self.tabs.currentIndex() == REGISTER else self.fees

    def default_file_name(self, fmt: str) -> str:
        first, last = self.dates()
        stem = "so-theo-doi" if self.tabs.currentIndex() == REGISTER else "le-phi"
        return f"{stem}-{first:%Y%m%d}-{last:%Y%m%d}.{fmt}"

    def _ask_export(self, fmt: str) -> None:
        if self.current_book() is None:
            return
        filters = self.tr("Excel (*.xlsx)") if fmt == "xlsx" else self.tr("CSV (*.csv)")
        path = save_file_name(
            self, self.tr("Xuất tệp"), Path.home() / self.default_file_name(fmt), filters
        )
        if path:
            target = Path(path)
            if target.suffix.lower() != f".{fmt}":
                target = target.with_name(f"{target.name}.{fmt}")
            self.export_to(target, fmt)

    def export_to(self, path: Path, fmt: str) -> None:
        book = self.current_book()
        if book is None:
            return
        self.status_label.setStyleSheet("")
        self.status_label.setText(self.tr("Đang ghi tệp…"))
        ops.export_ledger(ctx=self.ctx, parent=self, book=book, path=path, fmt=fmt).success(
            self._exported
        ).failure(self._failed).run_in_background()

    def _exported(self, path: Path) -> None:
        self.last_export = path
        self.status_label.setText(self.tr("Đã xuất ra {p}").format(p=str(path)))

    def print_register(self) -> None:
        """Mẫu 07 of the period in the preview, on the register's printer (A4)."""
        first, last = self.dates()
        self._print(
            ops.render_register(ctx=self.ctx, parent=self, date_from=first, date_to=last),
            title=self.tr("Sổ theo dõi hồ sơ {a} – {b}").format(
                a=f"{first:%d/%m/%Y}", b=f"{last:%d/%m/%Y}"
            ),
            file_name=f"so-theo-doi-{first:%Y%m%d}-{last:%Y%m%d}.pdf",
            form="register",
        )

    def print_handover_list(self) -> None:
        """The hand-over list of the period's last day, on the hand-over list's printer."""
        _first, last = self.dates()
        self._print(
            ops.render_handover_list(ctx=self.ctx, parent=self, day=last),
            title=self.tr("Danh sách hồ sơ bàn giao ngày {d}").format(d=f"{last:%d/%m/%Y}"),
            file_name=f"ban-giao-{last:%Y%m%d}.pdf",
            form="handover",
        )

    def _print(self, op: Any, *, title: str, file_name: str, form: str) -> None:
        buttons = (self.print_button, self.handover_button)
        for button in buttons:
            button.setEnabled(False)

        def show(pdf: bytes) -> None:
            for button in buttons:
                button.setEnabled(True)
            if self.preview is not None:
                self.preview.deleteLater()
            self.preview = PreviewDialog(
                self.ctx, pdf, title=title, parent=self, file_name=file_name, form=form
            )
            self.preview.setModal(True)
            self.preview.open()

        def failed(error: BaseException) -> None:
            for button in buttons:
                button.setEnabled(True)
            self._show_error(error_text(error))

        op.success(show).failure(failed).run_in_background()
