"""The 'Hôm nay' screen: what came in, what is due, what is late, what went out today."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain import clock
from counter_app.gui.context import AppContext
from counter_app.gui.lists.dossier_table import DossierQuery, DossierTable
from counter_app.gui.operations import OpChanges, QueryOp
from counter_app.gui.widgets.refresh import RefreshWhenShown

REFRESH_MS = 60_000  # overdue drifts with the clock: refresh while visible


class CountCard(QPushButton):
    """A big number with its caption; checkable, one card selects the list below."""

    def __init__(self, key: str, caption: str, colour: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.caption = caption
        self.setCheckable(True)
        self.setObjectName(f"card_{key}")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(88)
        self.setStyleSheet(
            "QPushButton { text-align: left; padding: 10px 14px; border: 1px solid #c8c8c8;"
            " border-radius: 6px; background: #fafafa; }"
            f" QPushButton:checked {{ border: 2px solid {colour}; background: #ffffff; }}"
            " QPushButton:focus { border: 2px solid #3a6ea5; }"
        )
        self._number = QLabel("–", self)
        self._number.setStyleSheet(f"font-size: 26px; font-weight: bold; color: {colour};")
        self._caption = QLabel(caption, self)
        self._caption.setStyleSheet("font-size: 13px; color: #333;")
        for label in (self._number, self._caption):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.addWidget(self._number)
        layout.addWidget(self._caption)

    def set_count(self, count: int | None) -> None:
        self._number.setText("–" if count is None else f"{count:,}".replace(",", "."))
        self.setAccessibleName(f"{self.caption}: {self._number.text()}")

    def number_text(self) -> str:
        return self._number.text()


class TodayWidget(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.cards = {
            "received_today": CountCard("received_today", self.tr("Nhận hôm nay"), "#1f5fa8"),
            "due_today": CountCard("due_today", self.tr("Hẹn trả hôm nay"), "#8a5a00"),
            "overdue": CountCard("overdue", self.tr("Quá hạn"), "#b41414"),
            "returned_today": CountCard("returned_today", self.tr("Đã trả hôm nay"), "#2e7d32"),
        }
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        row = QHBoxLayout()
        for card in self.cards.values():
            card.setParent(self)
            self.group.addButton(card)
            row.addWidget(card)
        self.list_title = QLabel(self)
        self.list_title.setStyleSheet("font-weight: bold; margin-top: 6px;")
        self.table = DossierTable(ctx, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(row)
        layout.addWidget(self.list_title)
        layout.addWidget(self.table, 1)
        self.counts: dict[str, int] = {}
        self.selected = "received_today"
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.freshness = RefreshWhenShown(self, self.refresh)
        self._loading_counts = False
        ctx.signals.changed.connect(self._changed)
        self.cards[self.selected].setChecked(True)
        for card in self.cards.values():
            card.toggled.connect(self._card_toggled)

    def query_for(self, key: str) -> DossierQuery:
        today = clock.now().date()
        if key == "received_today":
            return DossierQuery(date_from=today, date_to=today)
        if key == "due_today":
            return DossierQuery(due_today=True)
        if key == "overdue":
            return DossierQuery(overdue=True, oldest_first=False)
        return DossierQuery(returned_on=today)

    def refresh(self) -> None:
        self.freshness.mark_fresh()
        today = clock.now().date()
        self.heading.setText(self.tr("Hôm nay, {d}").format(d=today.strftime("%d/%m/%Y")))
        if not self._loading_counts:
            self._loading_counts = True
            QueryOp(
                ctx=self.ctx, parent=self, op=lambda service: service.dossiers.today_counts(today)
            ).success(self._counts_arrived).failure(self._failed).run_in_background()
        self._load_list()

    def _counts_arrived(self, counts: dict[str, int]) -> None:
        self._loading_counts = False
        self.counts = counts
        for key, card in self.cards.items():
            card.set_count(counts.get(key))

    def _failed(self, error: BaseException) -> None:
        self._loading_counts = False
        import traceback

        self.ctx.signals.unhandled_error.emit("".join(traceback.format_exception(error)))

    def _card_toggled(self, checked: bool) -> None:
        card = self.sender()
        if checked and isinstance(card, CountCard):
            self.selected = card.key
            self._load_list()

    def select(self, key: str) -> None:
        self.cards[key].setChecked(True)

    def _load_list(self) -> None:
        self.list_title.setText(self.cards[self.selected].caption)
        self.table.set_query(self.query_for(self.selected))

    def _changed(self, changes: OpChanges) -> None:
        if changes.any_dossier:
            self.freshness.core_changed()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (a stale screen reloads: freshness)
        super().showEvent(event)
        self._timer.start()

    def hideEvent(self, event: Any) -> None:  # noqa: N802
        super().hideEvent(event)
        self._timer.stop()
