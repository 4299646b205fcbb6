"""The dossier list screen: instant accent-insensitive search and filters over the dossier table.

The paging model and the table itself live in lists/dossier_table.py.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import (
    QDate,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain import clock
from counter_app.domain.counters import ONLINE
from counter_app.gui.context import AppContext
from counter_app.gui.i18n import status_label
from counter_app.gui.lists.dossier_table import DossierListModel, DossierQuery, DossierTable
from counter_app.gui.operations import OpChanges
from counter_app.gui.widgets.refresh import RefreshWhenShown

SEARCH_DEBOUNCE_MS = 150


class DossierListWidget(QWidget):
    """The 'Danh sách hồ sơ' screen."""

    PERIODS = ("all", "today", "7d", "30d", "year", "custom")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.search = QLineEdit(self)
        self.search.setObjectName("listSearch")
        self.search.setPlaceholderText(
            self.tr("Tìm theo tên, số CCCD, điện thoại hoặc mã hồ sơ (gõ không dấu cũng được)")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumHeight(32)
        self.status = QComboBox(self)
        self.status.addItem(self.tr("Mọi trạng thái"), None)
        for code in range(1, 11):
            self.status.addItem(f"{code}. {status_label(code)}", code)
        self.period = QComboBox(self)
        for key, label in zip(
            self.PERIODS,
            (
                self.tr("Mọi ngày nhận"),
                self.tr("Nhận hôm nay"),
                self.tr("7 ngày qua"),
                self.tr("30 ngày qua"),
                self.tr("Năm nay"),
                self.tr("Khoảng ngày…"),
            ),
            strict=True,
        ):
            self.period.addItem(label, key)
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-30), self)
        self.date_to = QDateEdit(today, self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setVisible(False)
        self.counter = QComboBox(self)
        self.counter.setObjectName("listCounter")
        self.counter.addItem(self.tr("Mọi quầy"), None)
        for n in range(1, 10):
            self.counter.addItem(self.tr("Quầy {n}").format(n=n), n)
        self.counter.addItem(self.tr("Trực tuyến"), ONLINE)
        self.overdue = QCheckBox(self.tr("Quá hạn"), self)
        self.due_today = QCheckBox(self.tr("Hẹn trả hôm nay"), self)
        self.sync_problems = QCheckBox(self.tr("Lỗi đồng bộ"), self)
        self.undigitised = QCheckBox(self.tr("&Chưa số hóa"), self)
        self.undigitised.setObjectName("listUndigitised")
        self.undigitised.setToolTip(
            self.tr("Hồ sơ tiếp nhận tại quầy còn giấy tờ chưa số hóa (Alt+C)")
        )
        self.order = QComboBox(self)
        self.order.addItem(self.tr("Mới nhất trước"), False)
        self.order.addItem(self.tr("Cũ nhất trước"), True)
        self.clear_button = QPushButton(self.tr("Xóa bộ lọc"), self)
        self.refresh_button = QPushButton(self.tr("Làm mới"), self)
        self.refresh_button.setToolTip(self.tr("Tải lại danh sách (F5)"))
        self.table = DossierTable(ctx, self)
        self.model = self.table.model
        self.view = self.table.view

        filters = QHBoxLayout()
        filters.addWidget(self.status)
        filters.addWidget(self.period)
        filters.addWidget(self.counter)
        filters.addWidget(self.date_from)
        self._to_label = QLabel("–", self)
        self._to_label.setVisible(False)
        filters.addWidget(self._to_label)
        filters.addWidget(self.date_to)
        filters.addSpacing(8)
        filters.addWidget(self.overdue)
        filters.addWidget(self.due_today)
        filters.addWidget(self.sync_problems)
        filters.addWidget(self.undigitised)
        filters.addStretch(1)
        filters.addWidget(self.order)
        filters.addWidget(self.clear_button)
        filters.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_now)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self._search_enter)
        self.search.installEventFilter(self)
        for combo in (self.status, self.period, self.order, self.counter):
            combo.currentIndexChanged.connect(self._filters_changed)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._filters_changed)
        for box in self._boxes():
            box.toggled.connect(self._filters_changed)
        self.clear_button.clicked.connect(self.clear_filters)
        self.refresh_button.clicked.connect(self.refresh)
        self.table.view.horizontalHeader().sectionClicked.connect(self._sync_order_combo)
        self._started = False
        # Loads on its first show too (stale until then).
        self.freshness = RefreshWhenShown(self, self.apply_now)
        ctx.signals.changed.connect(self._changed)

    # -- public ------------------------------------------------------------------------
    def start(self) -> None:
        """Load the first page (called when the screen is first shown)."""
        if not self._started:
            self._started = True
            self.apply_now()

    def focus_search(self) -> None:
        self.start()
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def current_query(self) -> DossierQuery:
        date_from = date_to = None
        period = self.period.currentData()
        today = clock.now().date()
        if period == "today":
            date_from = date_to = today
        elif period == "7d":
            date_from, date_to = today - timedelta(days=6), today
        elif period == "30d":
            date_from, date_to = today - timedelta(days=29), today
        elif period == "year":
            date_from, date_to = date(today.year, 1, 1), today
        elif period == "custom":
            date_from = self.date_from.date().toPython()
            date_to = self.date_to.date().toPython()
        return DossierQuery(
            text=self.search.text(),
            status=self.status.currentData(),
            date_from=date_from,
            date_to=date_to,
            overdue=self.overdue.isChecked(),
            due_today=self.due_today.isChecked(),
            sync_problems=self.sync_problems.isChecked(),
            undigitised=self.undigitised.isChecked(),
            oldest_first=bool(self.order.currentData()),
            counter=self.counter.currentData(),
        )

    def apply_now(self) -> None:
        self._debounce.stop()
        self._started = True
        self.freshness.mark_fresh()
        self.table.set_query(self.current_query())

    def refresh(self) -> None:
        self.apply_now()

    def clear_filters(self) -> None:
        widgets = (self.status, self.period, self.order, self.counter, *self._boxes())
        for widget in (*widgets, self.search):
            widget.blockSignals(True)
        self.status.setCurrentIndex(0)
        self.period.setCurrentIndex(0)
        self.order.setCurrentIndex(0)
        self.counter.setCurrentIndex(0)
        for box in self._boxes():
            box.setChecked(False)
        self.search.clear()
        for widget in (*widgets, self.search):
            widget.blockSignals(False)
        self._update_date_edits()
        self.apply_now()
        self.search.setFocus()

    # -- internals ---------------------------------------------------------------------
    def _boxes(self) -> tuple[QCheckBox, ...]:
        return (self.overdue, self.due_today, self.sync_problems, self.undigitised)

    def _filters_changed(self, *_: object) -> None:
        self._update_date_edits()
        self.apply_now()

    def _update_date_edits(self) -> None:
        custom = self.period.currentData() == "custom"
        for widget in (self.date_from, self.date_to, self._to_label):
            widget.setVisible(custom)

    def _sync_order_combo(self, section: int) -> None:
        if section in DossierListModel.SORTABLE:
            self.order.blockSignals(True)
            self.order.setCurrentIndex(1 if self.model.query.oldest_first else 0)
            self.order.blockSignals(False)

    def _search_enter(self) -> None:
        if self._debounce.isActive():
            self.apply_now()
        self._focus_table()

    def _focus_table(self) -> None:
        self.view.setFocus()
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802
        if watched is self.search and event.type() == event.Type.KeyPress:
            if event.key() == Qt.Key.Key_Down:
                self._focus_table()
                return True
            if event.key() == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(watched, event)

    def _changed(self, changes: OpChanges) -> None:
        if changes.any_dossier:
            self.freshness.core_changed()
