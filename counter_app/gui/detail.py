"""The dossier detail screen: everything about one dossier, and what may be done next.

The action buttons are exactly `service.dossiers.allowed_actions(code)`. Each action opens a small
form (reason where the law wants one); the form stays open with the service's message if
the change is refused, so nothing typed is lost. Mẫu 02 / Mẫu 03 are rendered and shown
after a supplement request / refusal; every print is logged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QDateTime, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.appointments import format_appointment
from counter_app.domain.identity import CccdQr
from counter_app.domain.status import REASON_REQUIRED, Status
from counter_app.forms.formats import (
    doc_kind_text,
    id_kind_text,
    parse_moment,
    processing_time_text,
    short_date,
    short_datetime,
    vnd,
)
from counter_app.forms.registry import form_titles
from counter_app.gui import i18n
from counter_app.gui.compat import guard
from counter_app.gui.context import AppContext
from counter_app.gui.preview import PreviewDialog, open_logged_preview
from counter_app.gui.scanner import install_scanner
from counter_app.printing import render_form

RECEIPT_COPIES = ("Liên 1: Lưu", "Liên 2: Giao người nộp")
CITIZEN_COPY = ("Giao người nộp",)
ACTION_COLUMNS = 4
FINAL_FOR_DUE = (Status.RETURNED, Status.REFUSED, Status.WITHDRAWN)
FORM_NAMES = form_titles(short=True)
SYNC_NAMES = {
    "pending": "Chờ gửi lên Cổng",
    "sending": "Đang gửi lên Cổng",
    "synced": "Đã đồng bộ với Cổng",
    "rejected": "Cổng từ chối",
    "conflict": "Xung đột dữ liệu với Cổng",
    "local": "Dữ liệu thử (không đồng bộ)",
}
ERROR_STYLE = (
    "QLabel { color: #9f1d1d; background: #fdecec; border: 1px solid #f3b4b4; padding: 6px; }"
)
INFO_STYLE = (
    "QLabel { color: #14532d; background: #e8f6ec; border: 1px solid #a7d7b5; padding: 6px; }"
)
BUSY_STYLE = "QLabel { color: #333; padding: 6px; }"


# --------------------------------------------------------------------------- helpers


def moment_text(value: str | datetime | None) -> str:
    """'10:05 15/07/2026', or '' when there is no time."""
    moment = parse_moment(value) if value else None
    return short_datetime(moment) if moment else ""


def due_text(value: str | datetime | None) -> str:
    """'Thứ Tư, 25/02/2026 09:00', or ''."""
    moment = parse_moment(value) if value else None
    return format_appointment(moment) if moment else ""


def status_label(code: int | None) -> str:
    return i18n.status_label(code) if code is not None else ""


def action_label(current: int, target: int, *, mnemonic: bool = False) -> str:
    """Button text for the transition current -> target (with its Alt+letter if asked)."""
    # Shown through DossierDetailDialog.tr(); QT_TRANSLATE_NOOP lets lupdate see the texts.
    if target == Status.PROCESSING and current == Status.SUPPLEMENT_REQUESTED:
        text = QT_TRANSLATE_NOOP("DossierDetailDialog", "Nhận bổ sung, tiếp tục &xử lý")
    elif target == Status.RECEIVED and current == Status.SUPPLEMENT_REQUESTED:
        text = QT_TRANSLATE_NOOP("DossierDetailDialog", "Nhận bổ sung, tiếp nhận &hồ sơ")
    else:
        labels = {
            Status.RECEIVED: QT_TRANSLATE_NOOP("DossierDetailDialog", "Tiếp nhận &hồ sơ"),
            Status.PROCESSING: (
                QT_TRANSLATE_NOOP("DossierDetailDialog", "Tiếp tục &xử lý")
                if current == Status.PAYMENT_REQUESTED
                else QT_TRANSLATE_NOOP("DossierDetailDialog", "Bắt đầu &xử lý")
            ),
            Status.SUPPLEMENT_REQUESTED: QT_TRANSLATE_NOOP(
                "DossierDetailDialog", "Yêu cầu bổ s&ung (Mẫu 02)"
            ),
            Status.PAYMENT_REQUESTED: QT_TRANSLATE_NOOP(
                "DossierDetailDialog", "Yêu cầu nghĩa vụ tài &chính"
            ),
            Status.PROCESSED: QT_TRANSLATE_NOOP("DossierDetailDialog", "Đã xử lý x&ong"),
            Status.RETURNED: QT_TRANSLATE_NOOP("DossierDetailDialog", "Trả kết &quả"),
            Status.WITHDRAWN: QT_TRANSLATE_NOOP("DossierDetailDialog", "&Rút hồ sơ"),
            Status.STOPPED: QT_TRANSLATE_NOOP("DossierDetailDialog", "Dừn&g xử lý"),
            Status.REFUSED: QT_TRANSLATE_NOOP("DossierDetailDialog", "Từ chối tiếp nhận (Mẫu 0&3)"),
        }
        text = labels.get(Status(target), status_label(target))
    return text if mnemonic else text.replace("&", "")


# For lupdate only: texts DossierDetailDialog passes to self.tr() that lupdate cannot see
# (action_label() without "&", as the action dialogs' titles; words inside f-strings).
_MORE_TEXTS = (
    QT_TRANSLATE_NOOP("DossierDetailDialog", "Nhận bổ sung, tiếp tục xử lý"),
    QT_TRANSLATE_NOOP("DossierDetailDialog", "Nhận bổ sung, tiếp nhận hồ sơ"),
    QT_TRANSLATE_NOOP("DossierDetailDialog", "Tiếp nhận hồ sơ"),
    QT_TRANSLATE_NOOP("DossierDetailDialog", "Tiếp tục xử lý"),
    QT_TRANSLATE_NOOP("DossierDetailDialog", "Bắt đầu xử lý"),
    QT_TRANSLATE_NOOP("DossierDetailDialog", "Yêu cầu nghĩa vụ tài chính"),
    QT_TRANSLATE_NOOP("DossierDetailDialog", "Đã xử lý xong"),
    QT_TRANSLATE_NOOP("DossierDetailDialog", "Rút hồ sơ"),
    QT_TRANSLATE_NOOP("DossierDetailDialog", "Dừng xử lý"),
    QT_TRANSLATE_NOOP("DossierDetailDialog", "cán bộ"),
    QT_TRANSLATE_NOOP("DossierDetailDialog", "bộ"),
)


def error_text(exc: BaseException) -> str:
    """The Vietnamese, user-facing part of a service error.

    InputError carries `.message`; core messages often end in " / English text", which
    the counter screen does not need.
    """
    message = str(getattr(exc, "message", None) or exc or type(exc).__name__)
    parts = message.split(" / ")
    while len(parts) > 1 and parts[-1].isascii():
        parts.pop()
    return " / ".join(parts).strip()


def _readonly_item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    item.setToolTip(text)
    return item


def make_table(headers: Sequence[str], stretch: int | None = None) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    # Wrapped cells need their height again once the columns have their real width
    # (deferred: during sectionResized the view still measures with the old width).
    relayout = QTimer(table)
    relayout.setSingleShot(True)
    relayout.setInterval(0)
    relayout.timeout.connect(table.resizeRowsToContents)
    header.sectionResized.connect(lambda *_args: relayout.start())
    return table


def fill_table(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, _readonly_item(value))
    table.resizeRowsToContents()


# --------------------------------------------------------------------------- action forms


class ActionDialog(QDialog):
    """A small form submitted through `on_submit(values)`; it stays open on failure.

    The opener calls `fail(message)` (the dialog shows it, keeps what was typed) or
    `accept()` when the change is saved.
    """

    def __init__(self, title: str, intro: str, submit_text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.on_submit: Callable[[dict[str, Any]], None] | None = None
        self.busy = False
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        self.submit_button = QPushButton(submit_text)
        self.submit_button.setDefault(True)
        self.submit_button.setToolTip(self.tr("Xác nhận (Enter hoặc Ctrl+Enter)"))
        self.cancel_button = QPushButton(self.tr("Hủy"))
        self.cancel_button.setToolTip(self.tr("Đóng, không thay đổi gì (Esc)"))
        self.cancel_button.setAutoDefault(True)  # Enter on a focused Hủy cancels
        self.submit_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, self.submit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)

    def values(self) -> dict[str, Any] | None:
        """The typed values, or None after showing what is missing."""
        return {}

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def submit(self) -> None:
        if self.busy:
            return
        values = self.values()
        if values is None:
            return
        self.show_error("")
        if self.on_submit is None:
            self.accept()
            return
        self.set_busy(True)
        self.on_submit(values)

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.submit_button.setEnabled(not busy)

    def fail(self, message: str) -> None:
        self.set_busy(False)
        self.show_error(message)


def _reason_edit(placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    return edit


def _list_edit(placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(90)
    return edit


def _lines(edit: QPlainTextEdit) -> list[str]:
    return [line.strip(" -•\t") for line in edit.toPlainText().splitlines() if line.strip(" -•\t")]


class ReasonDialog(ActionDialog):
    """Confirm an action, with a reason (required or optional)."""

    def __init__(
        self,
        title: str,
        intro: str,
        *,
        required: bool,
        submit_text: str,
        parent: QWidget | None = None,
        label: str = "",
    ) -> None:
        super().__init__(title, intro, submit_text, parent)
        self.required = required
        self.reason_edit = _reason_edit(
            self.tr("Bắt buộc") if required else self.tr("Không bắt buộc")
        )
        reason_label = QLabel(label or (self.tr("&Lý do:") if required else self.tr("&Ghi chú:")))
        reason_label.setBuddy(self.reason_edit)
        self.form.addRow(reason_label, self.reason_edit)
        self.reason_edit.setFocus()

    def values(self) -> dict[str, Any] | None:
        reason = self.reason_edit.text().strip()
        if self.required and not reason:
            self.show_error(self.tr("Cần ghi lý do."))
            self.reason_edit.setFocus()
            return None
        return {"reason": reason}


class SupplementDialog(ActionDialog):
    """Mẫu 02: pick the documents to complete (unticked ones first) and say why."""

    def __init__(self, documents: Sequence[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)"),
            self.tr(
                "Đánh dấu giấy tờ cần bổ sung (phím cách để chọn), ghi thêm giấy tờ khác "
                "và lý do. Phiếu Mẫu 02 sẽ được tạo để in."
            ),
            self.tr("Ghi nhận && tạo Mẫu 02"),
            parent,
        )
        self.documents = [dict(d) for d in documents]
        self.setMinimumWidth(680)
        self.list = QListWidget()
        self.list.setMinimumHeight(120)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for doc in self.documents:
            text = f"{doc['name']} ({doc_kind_text(doc.get('kind'))}, {doc.get('count') or 1})"
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if doc.get("checked") else Qt.CheckState.Unchecked
            )
            item.setToolTip(text)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.extra_edit = _list_edit(self.tr("Mỗi dòng một giấy tờ"))
        self.reason_edit = _reason_edit(self.tr("Bắt buộc"))
        labels = [
            (self.tr("&Giấy tờ cần bổ sung:"), self.list),
            (self.tr("Giấy tờ &khác:"), self.extra_edit),
            (self.tr("&Lý do:"), self.reason_edit),
        ]
        for text, widget in labels:
            label = QLabel(text)
            label.setBuddy(widget)
            self.form.addRow(label, widget)
        (self.list if self.list.count() else self.extra_edit).setFocus()

    def values(self) -> dict[str, Any] | None:
        items = [
            {
                "name": doc["name"],
                "kind": doc.get("kind") or "original",
                "count": doc.get("count") or 1,
            }
            for row, doc in enumerate(self.documents)
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]
        items += [
            {"name": name, "kind": "original", "count": 1} for name in _lines(self.extra_edit)
        ]
        reason = self.reason_edit.text().strip()
        if not items:
            self.show_error(self.tr("Chọn hoặc ghi ít nhất một giấy tờ cần bổ sung."))
            (self.list if self.list.count() else self.extra_edit).setFocus()
            return None
        if not reason:
            self.show_error(self.tr("Cần ghi lý do yêu cầu bổ sung."))
            self.reason_edit.setFocus()
            return None
        return {"items": items, "reason": reason}


class RefusalDialog(ActionDialog):
    """Mẫu 03: the reasons for refusing (one per line)."""

    def __init__(self, parent: QWidget | None = None, *, note: str = "") -> None:
        intro = self.tr(
            "Ghi các lý do từ chối, mỗi dòng một lý do. Phiếu Mẫu 03 sẽ được tạo để in."
        )
        if note:
            intro += "\n" + note
        super().__init__(
            self.tr("Từ chối tiếp nhận hồ sơ (Mẫu 03)"),
            intro,
            self.tr("Từ chối && tạo Mẫu 03"),
            parent,
        )
        self.reasons_edit = _list_edit(self.tr("Mỗi dòng một lý do (bắt buộc)"))
        label = QLabel(self.tr("&Lý do từ chối:"))
        label.setBuddy(self.reasons_edit)
        self.form.addRow(label, self.reasons_edit)
        self.reasons_edit.setFocus()

    def values(self) -> dict[str, Any] | None:
        reasons = _lines(self.reasons_edit)
        if not reasons:
            self.show_error(self.tr("Cần ghi ít nhất một lý do từ chối."))
            self.reasons_edit.setFocus()
            return None
        return {"reasons": reasons}


class ReturnDialog(ActionDialog):
    """Hand the result back: who collected it and their ID number (a CCCD scan fills both)."""

    def __init__(self, applicant: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Trả kết quả"),
            self.tr(
                "Ghi họ tên và số giấy tờ của người nhận kết quả (có thể quét mã QR trên thẻ "
                "căn cước của người nhận)."
            ),
            self.tr("Xác nhận đã trả"),
            parent,
        )
        self.name_edit = QLineEdit(applicant.get("full_name") or "")
        self.id_edit = QLineEdit(applicant.get("id_number") or "")
        self.note_edit = _reason_edit(self.tr("Không bắt buộc"))
        for text, widget in (
            (self.tr("&Người nhận:"), self.name_edit),
            (self.tr("&Số giấy tờ:"), self.id_edit),
            (self.tr("&Ghi chú:"), self.note_edit),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            self.form.addRow(label, widget)
        self.name_edit.selectAll()
        self.name_edit.setFocus()
        install_scanner().scanned.connect(self._scanned)

    def _scanned(self, qr: CccdQr) -> None:
        if not self.isVisible() or not self.isActiveWindow():
            return
        self.name_edit.setText(qr.full_name)
        self.id_edit.setText(qr.id_number)
        self.note_edit.setFocus()

    def values(self) -> dict[str, Any] | None:
        name = self.name_edit.text().strip()
        if not name:
            self.show_error(self.tr("Cần ghi họ tên người nhận kết quả."))
            self.name_edit.setFocus()
            return None
        return {
            "collected_by": name,
            "collected_id_number": self.id_edit.text().strip(),
            "reason": self.note_edit.text().strip(),
        }


class MoveDueDialog(ActionDialog):
    """Move the appointment: new date and time, and the (required) reason."""

    def __init__(self, current_due: datetime | None, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Dời ngày hẹn trả"),
            self.tr("Hẹn trả hiện tại: {due}").format(due=due_text(current_due) or "—"),
            self.tr("Dời ngày hẹn"),
            parent,
        )
        self.when_edit = QDateTimeEdit()
        self.when_edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.when_edit.setCalendarPopup(True)
        start = current_due or datetime.now().replace(second=0, microsecond=0)
        self.when_edit.setDateTime(QDateTime(start))
        self.weekday_label = QLabel()
        self.reason_edit = _reason_edit(self.tr("Bắt buộc"))
        when_label = QLabel(self.tr("&Hẹn trả mới:"))
        when_label.setBuddy(self.when_edit)
        reason_label = QLabel(self.tr("&Lý do:"))
        reason_label.setBuddy(self.reason_edit)
        self.form.addRow(when_label, self.when_edit)
        self.form.addRow("", self.weekday_label)
        self.form.addRow(reason_label, self.reason_edit)
        self.when_edit.dateTimeChanged.connect(self._show_weekday)
        self._show_weekday()
        self.when_edit.setFocus()

    def new_due(self) -> datetime:
        value = self.when_edit.dateTime()
        day, clock = value.date(), value.time()
        return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute())

    def _show_weekday(self) -> None:
        self.weekday_label.setText(format_appointment(self.new_due()))

    def values(self) -> dict[str, Any] | None:
        reason = self.reason_edit.text().strip()
        if not reason:
            self.show_error(self.tr("Cần ghi lý do dời ngày hẹn."))
            self.reason_edit.setFocus()
            return None
        return {"new_due": self.new_due(), "reason": reason}


# --------------------------------------------------------------------------- the screen


class DossierDetailDialog(QDialog):
    """One dossier: fields, documents, fees, timeline, appointment changes, prints, actions."""

    def __init__(self, ctx: AppContext, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.code = code
        self.dossier: dict[str, Any] | None = None
        self.allowed: list[int] = []
        self.action_buttons: dict[int, QPushButton] = {}
        self.action_dialog: ActionDialog | None = None
        self.preview: PreviewDialog | None = None
        self.loading = False
        self._focused_once = False
        self.setWindowTitle(self.tr("Hồ sơ {code}").format(code=code))
        self.setObjectName("DossierDetailDialog")
        self.resize(1100, 760)
        self._build()
        ctx.signals.dossiers_changed.connect(self._changed_elsewhere)
        self.reload()

    # -- layout ------------------------------------------------------------------
    def _build(self) -> None:
        self.code_label = QLabel(self.code)
        font = self.code_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.code_label.setFont(font)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_chip = QLabel()
        self.status_chip.setStyleSheet(
            "QLabel { background: #e4ecf7; color: #123a6b; border-radius: 4px; padding: 3px 8px;"
            " font-weight: bold; }"
        )
        self.sync_label = QLabel()
        self.sync_label.setStyleSheet("color: #555;")
        head = QHBoxLayout()
        head.addWidget(self.code_label)
        head.addWidget(self.status_chip)
        head.addStretch(1)
        head.addWidget(self.sync_label)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_info_tab(), self.tr("&Thông tin hồ sơ"))
        self.events_table = make_table(
            [
                self.tr("Thời điểm"),
                self.tr("Chuyển trạng thái"),
                self.tr("Người thực hiện"),
                self.tr("Lý do"),
            ],
            stretch=3,
        )
        self.tabs.addTab(self.events_table, self.tr("&Lịch sử xử lý"))
        self.due_table = make_table(
            [
                self.tr("Thời điểm"),
                self.tr("Loại"),
                self.tr("Hẹn trả cũ → mới"),
                self.tr("Người thực hiện"),
                self.tr("Lý do"),
            ],
            stretch=4,
        )
        self.tabs.addTab(self.due_table, self.tr("Thay đổi &ngày hẹn"))
        self.prints_table = make_table(
            [
                self.tr("Thời điểm"),
                self.tr("Biểu mẫu"),
                self.tr("Liên"),
                self.tr("Khổ giấy"),
                self.tr("Người in"),
                self.tr("Lý do in lại"),
            ],
            stretch=5,
        )
        self.tabs.addTab(self.prints_table, self.tr("Nhật &ký in"))

        self.actions_box = QGroupBox(self.tr("Xử lý hồ sơ"))
        self.actions_layout = QGridLayout(self.actions_box)
        self.no_actions_label = QLabel(self.tr("Hồ sơ đã ở trạng thái cuối, không còn thao tác."))
        self.actions_layout.addWidget(self.no_actions_label, 0, 0, 1, ACTION_COLUMNS)

        self.move_button = QPushButton(self.tr("&Dời ngày hẹn…"))
        self.move_button.setToolTip(self.tr("Đổi ngày hẹn trả kết quả, cần ghi lý do (Alt+D)"))
        self.reprint_button = QPushButton(self.tr("In lại &biên nhận…"))
        self.reprint_button.setToolTip(self.tr("In lại Mẫu 01, cần ghi lý do in lại (Alt+B)"))
        self.control_button = QPushButton(self.tr("In &phiếu kiểm soát"))
        self.control_button.setToolTip(
            self.tr("Phiếu kiểm soát quá trình giải quyết hồ sơ (Alt+P)")
        )
        self.close_button = QPushButton(self.tr("Đóng"))
        self.close_button.setToolTip(self.tr("Đóng (Esc)"))
        for button in (
            self.move_button,
            self.reprint_button,
            self.control_button,
            self.close_button,
        ):
            button.setAutoDefault(True)  # Enter presses the focused button
        self.move_button.clicked.connect(self.move_due)
        self.reprint_button.clicked.connect(self.reprint_receipt)
        self.control_button.clicked.connect(self.print_control)
        self.close_button.clicked.connect(self.reject)
        self.close_button.setDefault(True)  # Enter outside a button closes, never acts
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.reload)
        other = QHBoxLayout()
        other.addWidget(self.move_button)
        other.addWidget(self.reprint_button)
        other.addWidget(self.control_button)
        other.addStretch(1)
        other.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.actions_box)
        layout.addLayout(other)
        self._set_enabled(False)

    def _value_label(self) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        return label

    def _build_info_tab(self) -> QWidget:
        page = QWidget()
        self.fields: dict[str, QLabel] = {}
        self._forms: list[QFormLayout] = []

        def group(title: str, rows: Sequence[tuple[str, str]]) -> QGroupBox:
            box = QGroupBox(title)
            form = QFormLayout(box)
            self._forms.append(form)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            for key, text in rows:
                label = self._value_label()
                self.fields[key] = label
                form.addRow(text, label)
            return box

        applicant = group(
            self.tr("Người nộp hồ sơ"),
            [
                ("full_name", self.tr("Họ và tên:")),
                ("id", self.tr("Giấy tờ:")),
                ("birth", self.tr("Ngày sinh, giới tính:")),
                ("contact", self.tr("Điện thoại, email:")),
                ("address", self.tr("Địa chỉ:")),
            ],
        )
        dossier = group(
            self.tr("Hồ sơ"),
            [
                ("procedure", self.tr("Thủ tục:")),
                ("field", self.tr("Lĩnh vực, thời hạn:")),
                ("received", self.tr("Tiếp nhận:")),
                ("due", self.tr("Hẹn trả kết quả:")),
                ("sets", self.tr("Số bộ, nhận kết quả:")),
                ("returned", self.tr("Đã trả:")),
                ("notes", self.tr("Ghi chú:")),
            ],
        )
        self.documents_table = make_table(
            [self.tr("Tên giấy tờ"), self.tr("Loại"), self.tr("Số lượng")], stretch=0
        )
        self.fees_table = make_table(
            [self.tr("Phí, lệ phí"), self.tr("Mức thu"), self.tr("Đã nộp")], stretch=0
        )
        self.fees_total = QLabel()
        self.fees_total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        docs_box = QGroupBox(self.tr("Thành phần hồ sơ"))
        QVBoxLayout(docs_box).addWidget(self.documents_table)
        fees_box = QGroupBox(self.tr("Phí, lệ phí"))
        fees_layout = QVBoxLayout(fees_box)
        fees_layout.addWidget(self.fees_table)
        fees_layout.addWidget(self.fees_total)
        grid = QGridLayout(page)
        grid.addWidget(applicant, 0, 0)
        grid.addWidget(dossier, 0, 1)
        grid.addWidget(docs_box, 1, 0)
        grid.addWidget(fees_box, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)
        return page

    # -- loading -------------------------------------------------------------------
    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.actions_box,
            self.move_button,
            self.reprint_button,
            self.control_button,
        ):
            widget.setEnabled(enabled)

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else INFO_STYLE)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def reload(self) -> None:
        self.loading = True
        service, code = self.ctx.service, self.code
        self.ctx.run(
            lambda: (service.dossiers.get(code), service.dossiers.allowed_actions(code)),
            self._loaded,
            self._load_failed,
        )

    def _changed_elsewhere(self, code: str) -> None:
        if code in ("", self.code) and not self.loading and shiboken6.isValid(self):
            self.reload()

    def _load_failed(self, exc: BaseException) -> None:
        self.loading = False
        if shiboken6.isValid(self):
            self.show_message(error_text(exc), error=True)

    def _loaded(self, result: tuple[dict[str, Any], list[int]]) -> None:
        self.loading = False
        if not shiboken6.isValid(self):
            return
        self.dossier, self.allowed = result
        self._populate()

    def _populate(self) -> None:
        d = self.dossier
        assert d is not None
        a = d["applicant"]
        p = d["procedure"]
        self.code_label.setText(d["code"])
        self.status_chip.setText(f"{d['status']} · {status_label(d['status'])}")
        sync = SYNC_NAMES.get(d.get("sync_state") or "", d.get("sync_state") or "")
        if d.get("sync_message"):
            sync += f": {d['sync_message']}"
        self.sync_label.setText(sync)
        birth = ""
        if a.get("birth_date"):
            moment = parse_moment(a["birth_date"])
            birth = short_date(moment.date()) if moment else a["birth_date"]
        id_text = ""
        if a.get("id_number"):
            id_text = f"{id_kind_text(a.get('id_type'))}: {a['id_number']}"
        address = ", ".join(
            part
            for part in (a.get("address"), a.get("commune_name"), a.get("province_name"))
            if part
        )
        values = {
            "full_name": f"<b>{_escape(a.get('full_name'))}</b>",
            "id": _escape(id_text),
            "birth": _escape(", ".join(x for x in (birth, a.get("sex") or "") if x)),
            "contact": _escape(", ".join(x for x in (a.get("phone"), a.get("email")) if x)),
            "address": _escape(address),
            "procedure": f"<b>{_escape(p.get('name'))}</b> ({_escape(p.get('code'))})",
            "field": _escape(
                f"{p.get('field_name') or ''}; "
                f"{processing_time_text(p.get('processing_time'), p.get('time_unit'))}"
            ),
            "received": _escape(
                f"{moment_text(d.get('received_at'))}, {self.tr('cán bộ')} {d.get('officer_name')}"
            ),
            "due": f"<b>{_escape(due_text(d.get('due_at')))}</b>",
            "sets": _escape(
                f"{d.get('sets') or 1} {self.tr('bộ')}; "
                + (
                    self.tr("qua bưu chính")
                    if d.get("return_method") == "post"
                    else self.tr("tại Bộ phận Một cửa")
                )
            ),
            "returned": _escape(
                ", ".join(
                    x
                    for x in (
                        moment_text(d.get("returned_at")),
                        d.get("collected_by") or "",
                        d.get("collected_id_number") or "",
                    )
                    if x
                )
                or "—"
            ),
            "notes": _escape(d.get("notes") or "—"),
        }
        for key, text in values.items():
            self.fields[key].setText(text or "—")
        for form in self._forms:
            form.invalidate()  # wrapped values change the row heights
        fill_table(
            self.documents_table,
            [
                [doc["name"], doc_kind_text(doc["kind"]), str(doc["count"])]
                for doc in d["documents"]
            ],
        )
        fill_table(
            self.fees_table,
            [
                [
                    fee["name"],
                    vnd(fee["amount"]),
                    self.tr("Đã nộp") if fee["paid"] else self.tr("Chưa nộp"),
                ]
                for fee in d["fees"]
            ],
        )
        self.fees_total.setText(
            self.tr("Tổng cộng: <b>{total}</b>").format(
                total=vnd(sum(fee["amount"] for fee in d["fees"]))
            )
        )
        fill_table(
            self.events_table,
            [
                [
                    moment_text(e["at"]),
                    (
                        f"{status_label(e['from_status'])} → {status_label(e['to_status'])}"
                        if e.get("from_status")
                        else status_label(e["to_status"])
                    ),
                    e.get("by_name") or e.get("by") or "",
                    e.get("reason") or "",
                ]
                for e in d["events"]
            ],
        )
        kinds = {"moved": self.tr("Dời ngày hẹn"), "supplement": self.tr("Sau bổ sung")}
        fill_table(
            self.due_table,
            [
                [
                    moment_text(c["at"]),
                    kinds.get(c["kind"], c["kind"]),
                    f"{due_text(c['old_due'])} → {due_text(c['new_due'])}",
                    c.get("by") or "",
                    c.get("reason") or "",
                ]
                for c in d["due_changes"]
            ],
        )
        fill_table(
            self.prints_table,
            [
                [
                    moment_text(pr["at"]),
                    FORM_NAMES.get(pr["form"], pr["form"]),
                    pr.get("copy") or "",
                    "A4" if pr.get("paper") == "a4" else (pr.get("paper") or ""),
                    pr.get("officer") or "",
                    pr.get("reprint_reason") or "",
                ]
                for pr in d["prints"]
            ],
        )
        self.tabs.setTabText(2, self.tr("Thay đổi &ngày hẹn ({n})").format(n=len(d["due_changes"])))
        self.tabs.setTabText(3, self.tr("Nhật &ký in ({n})").format(n=len(d["prints"])))
        self._rebuild_actions()
        self._set_enabled(True)
        self.move_button.setEnabled(Status(d["status"]) not in FINAL_FOR_DUE)
        focus = self.focusWidget()
        if not self._focused_once or focus is None or not focus.isVisible():
            self._focused_once = True
            first = next(iter(self.action_buttons.values()), None)
            (first or self.close_button).setFocus(Qt.FocusReason.OtherFocusReason)

    def _rebuild_actions(self) -> None:
        for button in self.action_buttons.values():
            self.actions_layout.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.action_buttons = {}
        current = int(self.dossier["status"]) if self.dossier else 0
        forward = [2, 4, 6, 9, 10, 5]
        negative = [3, 7, 8]
        ordered = [s for s in forward + negative if s in self.allowed]
        self.no_actions_label.setVisible(not ordered)
        previous: QWidget | None = None
        for index, target in enumerate(ordered):
            button = QPushButton(self.tr(action_label(current, target, mnemonic=True)))
            button.setObjectName(f"action_{target}")
            button.setAutoDefault(True)
            tip = self.tr("Chuyển sang: {name}").format(name=status_label(target))
            if Status(target) in REASON_REQUIRED:
                tip += self.tr(" (cần ghi lý do)")
            button.setToolTip(tip)
            if target in negative:
                button.setStyleSheet("QPushButton { color: #9f1d1d; }")
            button.clicked.connect(lambda _checked=False, t=target: self.start_action(t))
            self.actions_layout.addWidget(button, index // ACTION_COLUMNS, index % ACTION_COLUMNS)
            button.show()
            self.action_buttons[target] = button
            if previous is not None:
                QWidget.setTabOrder(previous, button)
            previous = button

    # -- actions ---------------------------------------------------------------------
    @property
    def officer(self) -> str:
        return self.ctx.officer.username if self.ctx.officer else ""

    def _open_action(
        self, dialog: ActionDialog, submit: Callable[[dict[str, Any]], None]
    ) -> ActionDialog:
        dialog.on_submit = submit
        dialog.setModal(True)
        dialog.finished.connect(self._sub_dialog_closed)
        self.action_dialog = dialog
        dialog.open()
        return dialog

    def _sub_dialog_closed(self) -> None:
        """Back to this window (window managers do it; some platforms do not)."""
        if shiboken6.isValid(self) and self.isVisible():
            self.activateWindow()

    def start_action(self, target: int) -> ActionDialog | None:
        """Open the form for the transition to `target` (must be allowed now)."""
        d = self.dossier
        if d is None or target not in self.allowed:
            return None
        current = int(d["status"])
        label = action_label(current, target)
        if target == Status.SUPPLEMENT_REQUESTED:
            documents = [dict(doc, checked=False) for doc in d["documents"]]
            dialog: ActionDialog = SupplementDialog(documents, self)
            return self._open_action(dialog, lambda v: self._change(target, v, form="supplement"))
        if target == Status.REFUSED:
            return self._open_action(
                RefusalDialog(self), lambda v: self._change(target, v, form="refusal")
            )
        if target == Status.RETURNED:
            return self._open_action(
                ReturnDialog(d["applicant"], self), lambda v: self._change(target, v)
            )
        required = Status(target) in REASON_REQUIRED
        intro = self.tr("Hồ sơ {code}: {current} → {target}.").format(
            code=d["code"], current=status_label(current), target=status_label(target)
        )
        if current == Status.SUPPLEMENT_REQUESTED:
            intro += " " + self.tr(
                "Xác nhận công dân đã nộp đủ giấy tờ bổ sung; ngày hẹn trả sẽ được tính lại."
            )
        dialog = ReasonDialog(
            self.tr(label), intro, required=required, submit_text=self.tr(label), parent=self
        )
        return self._open_action(dialog, lambda v: self._change(target, v))

    def _change(self, target: int, values: dict[str, Any], *, form: str = "") -> None:
        service, code, by = self.ctx.service, self.code, self.officer
        before_due = self.dossier.get("due_at") if self.dossier else None
        reason = values.get("reason", "")
        documents = values.get("items") if form == "supplement" else None
        if form == "refusal":
            reason = "\n".join(values["reasons"])  # one reason a line, as Mẫu 03 lists them

        def job() -> dict[str, Any]:
            dossier = service.dossiers.change_status(
                code,
                target,
                by=by,
                reason=reason,
                collected_by=values.get("collected_by", ""),
                collected_id_number=values.get("collected_id_number", ""),
                documents=documents,
            )
            out: dict[str, Any] = {"dossier": dossier, "pdf": None, "pdf_error": ""}
            if form:
                try:  # rendered from what was recorded (the event's reason and documents)
                    out["pdf"] = render_form(service, dossier, form)
                except Exception as exc:  # the status change is saved; the form can be redone
                    out["pdf_error"] = error_text(exc)
            return out

        dialog = self.action_dialog

        def done(out: dict[str, Any]) -> None:
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.accept()
            if not shiboken6.isValid(self):
                self.ctx.signals.dossiers_changed.emit(code)
                return
            dossier = out["dossier"]
            text = self.tr("Đã chuyển hồ sơ sang trạng thái: {name}.").format(
                name=status_label(target)
            )
            if dossier.get("due_at") != before_due:
                text += " " + self.tr("Hẹn trả cũ: {old} → Hẹn trả mới: {new}.").format(
                    old=due_text(before_due), new=due_text(dossier.get("due_at"))
                )
            if out["pdf_error"]:
                self.show_message(
                    text
                    + " "
                    + self.tr("Không tạo được biểu mẫu: {error}").format(error=out["pdf_error"]),
                    error=True,
                )
            else:
                self.show_message(text)
            self.dossier = dossier
            self.reload()
            self.ctx.signals.dossiers_changed.emit(code)  # after reload(): no second load here
            if out["pdf"]:
                title = (
                    self.tr("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)")
                    if form == "supplement"
                    else self.tr("Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)")
                )
                self.show_preview(out["pdf"], title=title, form=form, copies=CITIZEN_COPY)

        def failed(exc: BaseException) -> None:
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.fail(error_text(exc))
            elif shiboken6.isValid(self):
                self.show_message(error_text(exc), error=True)

        self.ctx.run(job, done, failed)

    def move_due(self) -> ActionDialog | None:
        if self.dossier is None:
            return None
        current = parse_moment(self.dossier.get("due_at"))
        dialog = MoveDueDialog(current, self)
        service, code, by = self.ctx.service, self.code, self.officer

        def submit(values: dict[str, Any]) -> None:
            def done(dossier: dict[str, Any]) -> None:
                if not shiboken6.isValid(self):
                    self.ctx.signals.dossiers_changed.emit(code)
                    return
                dialog.accept()
                self.show_message(
                    self.tr("Đã dời ngày hẹn: {old} → {new}.").format(
                        old=due_text(current), new=due_text(dossier.get("due_at"))
                    )
                )
                self.reload()
                self.ctx.signals.dossiers_changed.emit(code)

            self.ctx.run(
                lambda: service.dossiers.move_due(
                    code, values["new_due"], by=by, reason=values["reason"]
                ),
                done,
                lambda exc: dialog.fail(error_text(exc)) if shiboken6.isValid(dialog) else None,
            )

        return self._open_action(dialog, submit)

    def reprint_receipt(self) -> ActionDialog | None:
        if self.dossier is None:
            return None
        dialog = ReasonDialog(
            self.tr("In lại giấy tiếp nhận (Mẫu 01)"),
            self.tr('Bản in lại được ghi "BẢN IN LẠI" và lưu vào nhật ký in cùng lý do.'),
            required=True,
            submit_text=self.tr("Tạo bản in lại"),
            parent=self,
            label=self.tr("&Lý do in lại:"),
        )
        service, code = self.ctx.service, self.code

        def submit(values: dict[str, Any]) -> None:
            def job() -> tuple[bytes, str, dict[str, Any]]:
                dossier = service.dossiers.get(code)
                paper = service.settings.get("paper")
                return (
                    render_form(service, dossier, "receipt", paper=paper, reprint=True),
                    paper,
                    dossier,
                )

            def done(result: tuple[bytes, str, dict[str, Any]]) -> None:
                pdf, paper, dossier = result
                if not shiboken6.isValid(self):
                    return
                dialog.accept()
                self.show_preview(
                    pdf,
                    title=self.tr("In lại giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
                    form="receipt",
                    copies=RECEIPT_COPIES,
                    reprint_reason=values["reason"],
                    paper=paper,
                    rerender=lambda p: render_form(
                        service, dossier, "receipt", paper=p, reprint=True
                    ),
                )

            self.ctx.run(
                job,
                done,
                lambda exc: dialog.fail(error_text(exc)) if shiboken6.isValid(dialog) else None,
            )

        return self._open_action(dialog, submit)

    def print_control(self) -> None:
        service, code = self.ctx.service, self.code
        self.control_button.setEnabled(False)

        def done(pdf: bytes) -> None:
            if not shiboken6.isValid(self):
                return
            self.control_button.setEnabled(True)
            self.show_preview(
                pdf,
                title=self.tr("Phiếu kiểm soát quá trình giải quyết hồ sơ"),
                form="control",
                copies=("Phiếu kiểm soát",),
            )

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            self.control_button.setEnabled(True)
            self.show_message(error_text(exc), error=True)

        self.ctx.run(
            lambda: render_form(service, service.dossiers.get(code), "control"), done, failed
        )

    def show_preview(
        self,
        pdf: bytes,
        *,
        title: str,
        form: str,
        copies: Sequence[str],
        reprint_reason: str = "",
        paper: str = "a4",
        rerender: Callable[[str], bytes] | None = None,
    ) -> PreviewDialog:
        preview = open_logged_preview(
            self.ctx,
            self,
            pdf,
            code=self.code,
            form=form,
            title=title,
            copies=copies,
            officer=self.officer,
            on_error=guard(self, lambda exc: self.show_message(error_text(exc), error=True)),
            paper=paper,
            reprint_reason=reprint_reason,
            rerender=rerender,
        )
        preview.finished.connect(self._sub_dialog_closed)
        self.preview = preview
        preview.open()
        return preview


def _escape(value: object) -> str:
    text = "" if value is None else str(value)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
