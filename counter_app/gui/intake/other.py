"""The "Khác" group of the intake screen: how the result goes back, and notes."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLineEdit, QWidget

from counter_app.gui.intake.fields import RETURN_METHODS, FieldChecks


class OtherBox(QGroupBox):
    """Return method and notes. `changed` on every edit."""

    changed = Signal()

    def __init__(self, checks: FieldChecks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Khác"))
        self.return_method = QComboBox()
        for key, label in RETURN_METHODS:
            self.return_method.addItem(self.tr(label), key)
        self.notes = QLineEdit()
        form = QFormLayout(self)
        checks.add(form, "return_method", self.tr("Nhận kết &quả:"), self.return_method)
        checks.add(form, "notes", self.tr("Ghi &chú:"), self.notes, self.tr("Alt+C"))
        self.notes.textChanged.connect(self.changed)
        self.return_method.currentIndexChanged.connect(self.changed)

    def focus_chain(self) -> list[QWidget]:
        return [self.return_method, self.notes]

    def set_values(self, return_method: str, notes: str) -> None:
        index = self.return_method.findData(return_method or "counter")
        self.return_method.setCurrentIndex(max(0, index))
        self.notes.setText(notes)
