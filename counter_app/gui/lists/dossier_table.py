"""The dossier table: a lazily paged model over `service.search`, its view and a summary line.

The model never loads the whole table: it asks the DB thread for pages of PAGE_SIZE rows
(keyset paging on the row id, newest or oldest first) when the view scrolls near the end
(Qt's canFetchMore/fetchMore). A new query bumps a generation number, so pages of an
older query that arrive late are dropped. Shared by the dossier list and the Today screen.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain import clock
from counter_app.domain.counters import ONLINE
from counter_app.domain.status import OPEN_STATUSES
from counter_app.gui.context import AppContext
from counter_app.gui.i18n import status_label
from counter_app.gui.operations import QueryOp
from counter_app.services import InputError

PAGE_SIZE = 200
ModelIndex = QModelIndex | QPersistentModelIndex


# -- queries (read-only helpers over the service; run on the DB thread) ---------------------
@dataclass(frozen=True)
class DossierQuery:
    text: str = ""
    status: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    overdue: bool = False
    due_today: bool = False
    sync_problems: bool = False
    returned_on: date | None = None  # "returned today" list of the Today screen
    oldest_first: bool = False
    counter: int | None = None  # the receiving counter (0: online)
    undigitised: bool = False  # "chưa số hóa" (services/digitisation.py)


def fetch_page(
    service: Any, query: DossierQuery, after_id: int | None, limit: int = PAGE_SIZE
) -> list[dict[str, Any]]:
    """One page of list rows past the row id `after_id` (None: the first page)."""
    return service.search.dossiers(
        query.text,
        status=query.status,
        date_from=query.date_from,
        date_to=query.date_to,
        overdue=query.overdue,
        due_today=query.due_today,
        sync_problems=query.sync_problems,
        returned_on=query.returned_on,
        counter=query.counter,
        undigitised=query.undigitised,
        limit=limit,
        before_id=after_id,
        oldest_first=query.oldest_first,
    )


# -- presentation -----------------------------------------------------------------------
def short_datetime(text: str | None) -> str:
    """'2026-07-15 10:05:00' -> '15/07/2026 10:05' (string slicing: this runs per cell)."""
    if not text or len(text) < 16:
        return text or ""
    return f"{text[8:10]}/{text[5:7]}/{text[0:4]} {text[11:16]}"


def sync_label(state: str | None) -> str:
    labels = {
        "pending": QCoreApplication.translate("DossierList", "Chờ gửi"),
        "sending": QCoreApplication.translate("DossierList", "Đang gửi"),
        "synced": QCoreApplication.translate("DossierList", "Đã gửi"),
        "rejected": QCoreApplication.translate("DossierList", "Bị từ chối"),
        "conflict": QCoreApplication.translate("DossierList", "Xung đột"),
        "local": QCoreApplication.translate("DossierList", "Dữ liệu mẫu"),
    }
    return labels.get(state or "", state or "")


def digitised_label(row: dict[str, Any]) -> str:
    """The "Số hóa" cell: 'đủ', 'thiếu n' (checklist items without a file) or '—' (not asked
    of this dossier: online, or never received)."""
    if not row.get("digitisation_applies"):
        return "—"
    missing = row.get("missing_documents") or 0
    if missing == 0:
        return QCoreApplication.translate("DossierList", "đủ")
    return QCoreApplication.translate("DossierList", "thiếu {n}").format(n=missing)


def received_where(row: dict[str, Any]) -> str:
    """'Quầy này' for a dossier received at this counter, else its counter or 'Trực tuyến'."""
    if row.get("received_here"):
        return QCoreApplication.translate("DossierList", "Quầy này")
    counter = row.get("counter")
    if counter == ONLINE:
        return QCoreApplication.translate("DossierList", "Trực tuyến")
    if counter is None:
        return ""
    return QCoreApplication.translate("DossierList", "Quầy {n}").format(n=counter)


_RED = QColor(180, 20, 20)
_AMBER = QColor(150, 90, 0)
_GREY = QColor(110, 110, 110)


class DossierListModel(QAbstractTableModel):
    """Rows of the current query, fetched page by page on the DB thread."""

    loading_changed = Signal(bool)
    page_loaded = Signal(int)  # rows in the page just added
    query_failed = Signal(str)

    COLUMNS = (
        "code",
        "full_name",
        "procedure_name",
        "received_at",
        "due_at",
        "status",
        "sync",
        "received_where",
        "digitised",
    )
    SORTABLE = (0, 3)  # code and received date follow the row id: newest/oldest

    def __init__(self, ctx: AppContext, page_size: int = PAGE_SIZE, parent: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.page_size = page_size
        self.query = DossierQuery()
        self._rows: list[dict[str, Any]] = []
        self._generation = 0
        self._loading = False
        self._has_more = False
        self._now_text = clock.to_storage(clock.now())
        self._headers = (
            self.tr("Mã hồ sơ"),
            self.tr("Người nộp"),
            self.tr("Thủ tục"),
            self.tr("Ngày nhận"),
            self.tr("Hẹn trả"),
            self.tr("Trạng thái"),
            self.tr("Đồng bộ"),
            self.tr("Nơi nhận"),
            self.tr("Số hóa"),
        )
        self._bold = QFont()
        self._bold.setBold(True)

    # -- querying ---------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def has_more(self) -> bool:
        return self._has_more

    def set_query(self, query: DossierQuery) -> None:
        """Replace the rows with the first page of `query`."""
        self.query = query
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._has_more = False
        self.endResetModel()
        self._now_text = clock.to_storage(clock.now())
        self._request_page(after_id=None)

    def refresh(self) -> None:
        self.set_query(self.query)

    def _request_page(self, after_id: int | None) -> None:
        generation = self._generation
        query, limit = self.query, self.page_size
        self._set_loading(True)
        try:
            QueryOp(
                ctx=self.ctx,
                parent=self,
                op=lambda service: fetch_page(service, query, after_id, limit),
            ).success(lambda rows: self._page_arrived(generation, rows)).failure(
                lambda error: self._page_failed(generation, error)
            ).run_in_background()
        except RuntimeError:  # the executor is shut down: the app is closing
            self._set_loading(False)

    def _page_arrived(self, generation: int, rows: list[dict[str, Any]]) -> None:
        if generation != self._generation:
            return  # an older query's page
        self._has_more = len(rows) >= self.page_size
        if rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self._set_loading(False)
        self.page_loaded.emit(len(rows))

    def _page_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._has_more = False
        self._set_loading(False)
        if isinstance(error, InputError):
            self.query_failed.emit(error.message)
            return
        import traceback

        self.ctx.signals.unhandled_error.emit("".join(traceback.format_exception(error)))

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    # -- Qt lazy loading ---------------------------------------------------------------
    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        if parent.isValid():
            return False
        return self._has_more and not self._loading

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid() or not self.canFetchMore(parent):
            return
        self._request_page(after_id=self._rows[-1]["id"] if self._rows else None)

    # -- table -------------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.ToolTipRole
            and section in self.SORTABLE
        ):
            return self.tr("Bấm để đổi thứ tự mới nhất / cũ nhất")
        return None

    def row(self, index: int) -> dict[str, Any]:
        return self._rows[index]

    def code_at(self, index: int) -> str:
        return self._rows[index]["code"]

    def _overdue(self, row: dict[str, Any]) -> bool:
        return row["status"] in OPEN_STATUSES and (row["due_at"] or "") < self._now_text

    def _digitised_tip(self, row: dict[str, Any]) -> str:
        if not row.get("digitisation_applies"):
            return self.tr("Không tính số hóa: hồ sơ trực tuyến hoặc chưa được tiếp nhận")
        lines = [
            self.tr("Giấy tờ nộp đã số hóa đủ")
            if not row.get("missing_documents")
            else self.tr("Còn {n} giấy tờ chưa số hóa").format(n=row["missing_documents"])
        ]
        if row["status"] in (9, 10):
            lines.append(
                self.tr("Kết quả đã số hóa")
                if row.get("result_digitised")
                else self.tr("Kết quả chưa số hóa")
            )
        return "\n".join(lines)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row["code"]
            if column == 1:
                return row["full_name"]
            if column == 2:
                return row["procedure_name"]
            if column == 3:
                return short_datetime(row["received_at"])
            if column == 4:
                due = short_datetime(row["due_at"])
                return (
                    self.tr("{due} — sẽ trễ hạn").format(due=due)
                    if row.get("will_be_late")
                    else due
                )
            if column == 5:
                return status_label(row["status"])
            if column == 7:
                return received_where(row)
            if column == 8:
                return digitised_label(row)
            return sync_label(row["sync_state"])
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 4 and self._overdue(row):
                return QBrush(_RED)
            if column == 4 and row.get("will_be_late"):
                return QBrush(_AMBER)
            if column == 6:
                state = row["sync_state"]
                if state in ("rejected", "conflict"):
                    return QBrush(_RED)
                if state in ("pending", "sending"):
                    return QBrush(_AMBER)
                return QBrush(_GREY)
            if column == 8 and row.get("digitisation_applies"):
                return QBrush(_AMBER) if row.get("missing_documents") else QBrush(_GREY)
            return None
        if role == Qt.ItemDataRole.FontRole and column == 4 and self._overdue(row):
            return self._bold
        if role == Qt.ItemDataRole.FontRole and column == 7 and row.get("received_here"):
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 1:
                details = [row["full_name"]]
                if row.get("id_number"):
                    details.append(self.tr("Số giấy tờ: {n}").format(n=row["id_number"]))
                if row.get("phone"):
                    details.append(self.tr("Điện thoại: {p}").format(p=row["phone"]))
                return "\n".join(details)
            if column == 2:
                return f"{row['procedure_code']} — {row['procedure_name']}"
            if column == 4 and self._overdue(row):
                return self.tr("Quá hạn hẹn trả")
            if column == 4 and row.get("will_be_late"):
                return self.tr("Sắp đến hẹn mà chưa xong: dời hẹn và in Mẫu 04 (xin lỗi, gia hạn)")
            if column == 6 and row.get("sync_message"):
                return row["sync_message"]
            if column == 8:
                return self._digitised_tip(row)
        if role == Qt.ItemDataRole.UserRole:
            return row["code"]
        return None


class DossierTableView(QTableView):
    """A read-only row table; Enter or double-click asks to open the dossier."""

    open_requested = Signal(str)  # dossier code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.horizontalHeader().setHighlightSections(False)
        self.doubleClicked.connect(self._open_index)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open_index(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            code = index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole)
            if code:
                self.open_requested.emit(code)

    def configure_columns(self) -> None:
        header = self.horizontalHeader()
        widths = (190, 200, 0, 125, 125, 170, 100)
        for column, width in enumerate(widths):
            if width:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                self.setColumnWidth(column, width)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)


def open_detail(ctx: AppContext, code: str, parent: QWidget | None) -> QWidget | None:
    """Open GUI-B's dossier detail dialog (window-modal, non-blocking)."""
    try:
        from counter_app.gui.dossier.detail import DossierDetailDialog
    except ModuleNotFoundError as exc:
        if exc.name != "counter_app.gui.dossier.detail":
            raise
        box = QMessageBox(
            QMessageBox.Icon.Information,
            QCoreApplication.translate("DossierList", "Chưa có màn hình chi tiết"),
            QCoreApplication.translate(
                "DossierList", "Màn hình chi tiết hồ sơ chưa được cài đặt. Mã hồ sơ: {code}"
            ).format(code=code),
            parent=parent,
        )
        box.addButton(
            QCoreApplication.translate("DossierList", "Đóng"), QMessageBox.ButtonRole.AcceptRole
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return None
    dialog = DossierDetailDialog(ctx, code, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class DossierTable(QWidget):
    """Model + view + a one-line summary; shared by the list and the Today screen."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, page_size: int = PAGE_SIZE
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = DossierListModel(ctx, page_size, self)
        self.view = DossierTableView(self)
        self.view.setModel(self.model)
        self.view.configure_columns()
        self.summary = QLabel(self)
        self.summary.setObjectName("listSummary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        self.view.open_requested.connect(self.open_dossier)
        self.model.loading_changed.connect(self._update_summary)
        self.model.page_loaded.connect(self._after_page)
        self.model.query_failed.connect(self._show_failure)
        self.model.modelReset.connect(self._update_summary)
        self.view.horizontalHeader().sectionClicked.connect(self._header_clicked)
        self.view.horizontalHeader().setSortIndicatorShown(True)
        self.view.horizontalHeader().setSortIndicator(3, Qt.SortOrder.DescendingOrder)
        self.last_dialog: QWidget | None = None
        self._selected_code: str | None = None

    def set_query(self, query: DossierQuery) -> None:
        current = self.view.currentIndex()
        self._selected_code = self.model.code_at(current.row()) if current.isValid() else None
        self.model.set_query(query)
        order = Qt.SortOrder.AscendingOrder if query.oldest_first else Qt.SortOrder.DescendingOrder
        header = self.view.horizontalHeader()
        if header.sortIndicatorOrder() != order:
            header.setSortIndicator(header.sortIndicatorSection(), order)

    def _header_clicked(self, section: int) -> None:
        header = self.view.horizontalHeader()
        if section not in DossierListModel.SORTABLE:
            # Only the row order can be reversed; keep the indicator where it was.
            order = (
                Qt.SortOrder.AscendingOrder
                if self.model.query.oldest_first
                else Qt.SortOrder.DescendingOrder
            )
            header.setSortIndicator(3, order)
            return
        oldest = not self.model.query.oldest_first
        header.setSortIndicator(
            section, Qt.SortOrder.AscendingOrder if oldest else Qt.SortOrder.DescendingOrder
        )
        self.sort_changed(oldest)

    def sort_changed(self, oldest_first: bool) -> None:
        self.set_query(replace(self.model.query, oldest_first=oldest_first))

    def open_dossier(self, code: str) -> None:
        self.last_dialog = open_detail(self.ctx, code, self.window())

    def open_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.open_dossier(self.model.code_at(index.row()))

    def _after_page(self, count: int) -> None:
        if self.model.rowCount() == count and count:  # first page: keep or set the selection
            row = 0
            if self._selected_code:
                for number in range(self.model.rowCount()):
                    if self.model.code_at(number) == self._selected_code:
                        row = number
                        break
            self.view.setCurrentIndex(self.model.index(row, 0))
            self.view.scrollTo(self.model.index(row, 0))
        self._update_summary()

    def _show_failure(self, message: str) -> None:
        self.summary.setText(message)

    def _update_summary(self, *_: object) -> None:
        rows = self.model.rowCount()
        if self.model.loading and not rows:
            text = self.tr("Đang tìm…")
        elif not rows:
            text = self.tr("Không có hồ sơ nào phù hợp.")
        elif self.model.has_more or self.model.loading:
            text = self.tr("Đang hiển thị {n} hồ sơ đầu tiên — cuộn xuống để xem thêm").format(
                n=f"{rows:,}".replace(",", ".")
            )
        else:
            text = self.tr("{n} hồ sơ").format(n=f"{rows:,}".replace(",", "."))
        self.summary.setText(text)
