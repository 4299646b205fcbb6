"""A line edit with accent-insensitive suggestions (a QCompleter fed by our own search)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QRect, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

from counter_app.domain.text import fold


class SearchField(QObject):
    """Accent-insensitive suggestions under a QLineEdit (QCompleter fed by our own search).

    `search(text)` returns (display, payload) pairs, best first; `chosen(payload)` fires
    when one is picked (Enter/click in the popup, or `choose`).
    """

    chosen = Signal(object)

    def __init__(
        self,
        edit: QLineEdit,
        search: Callable[[str], list[tuple[str, Any]]],
        parent: QObject | None = None,
        *,
        popup_width: int = 520,
    ) -> None:
        super().__init__(parent)
        self.edit = edit
        self.search = search
        self.popup_width = popup_width
        self.payload: Any = None
        self.display = ""
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(12)
        self.completer.setWidget(edit)
        self.completer.activated[QModelIndex].connect(self._activated)
        edit.textEdited.connect(self._edited)

    def popup_visible(self) -> bool:
        return self.completer.popup().isVisible()

    def results(self, text: str) -> list[tuple[str, Any]]:
        return self.search(text) if text.strip() else []

    def _edited(self, text: str) -> None:
        if text != self.display:
            self.payload = None
            self.display = ""
        self.show_results(self.results(text))

    def show_results(self, results: list[tuple[str, Any]]) -> None:
        self.model.clear()
        for display, payload in results:
            item = QStandardItem(display)
            item.setData(payload, Qt.ItemDataRole.UserRole)
            item.setToolTip(display)
            self.model.appendRow(item)
        popup = self.completer.popup()
        if not results or not self.edit.hasFocus():
            popup.hide()
            return
        rect = QRect(0, 0, max(self.edit.width(), self.popup_width), self.edit.height())
        self.completer.complete(rect)
        popup.setCurrentIndex(self.completer.completionModel().index(0, 0))

    def _activated(self, index: QModelIndex) -> None:  # always a row of the popup
        self.choose(index.data(Qt.ItemDataRole.DisplayRole), index.data(Qt.ItemDataRole.UserRole))

    def choose(self, display: str, payload: Any) -> None:
        self.display = display
        self.payload = payload
        self.edit.setText(display)
        self.edit.setCursorPosition(0)
        self.completer.popup().hide()
        self.chosen.emit(payload)

    def clear(self) -> None:
        self.payload = None
        self.display = ""
        self.edit.clear()
        self.completer.popup().hide()

    def resolve(self) -> bool:
        """Pick the only (or an exact) match for the typed text; True if something is chosen."""
        text = self.edit.text().strip()
        if self.payload is not None and text == self.display:
            return True
        results = self.results(text)
        exact = [r for r in results if fold(r[0]) == fold(text)]
        pick = exact[0] if exact else (results[0] if len(results) == 1 else None)
        if pick is None:
            return False
        self.choose(*pick)
        return True
