"""The small form every dossier action opens: it stays open, with the message, on failure."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.gui.widgets.messages import ERROR_STYLE


class ActionDialog(QDialog):
    """A small form submitted through `on_submit(values)`; it stays open on failure.

    The opener calls `fail(message)` (the dialog shows it, keeps what was typed) or
    `accept()` when the change is saved. It deletes itself once closed (an opener that
    outlives it, like the intake screen, would otherwise keep every one it opened): openers
    check `alive(dialog)` before touching it from a late callback.
    """

    def __init__(self, title: str, intro: str, submit_text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
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


def make_reason_edit(placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    return edit


def make_list_edit(placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(90)
    return edit


def typed_lines(edit: QPlainTextEdit) -> list[str]:
    return [line.strip(" -•\t") for line in edit.toPlainText().splitlines() if line.strip(" -•\t")]
