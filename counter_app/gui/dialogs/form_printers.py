"""The settings' table of forms: for each, the printer, the paper and "in thẳng" (print
without preview). Its value is the ``form_printing`` setting (forms/print_setup.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from counter_app.forms.print_setup import PRINTED_FORMS, print_choice

PAPER_LABELS = {
    "a4": QT_TRANSLATE_NOOP("SettingsDialog", "A4"),
    "80mm": QT_TRANSLATE_NOOP("SettingsDialog", "Giấy cuộn 80 mm"),
}


class FormPrintersTable(QTableWidget):
    """One row per printable form; `set_value(settings)` / `value()`."""

    def __init__(self, printers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(len(PRINTED_FORMS), 4, parent)
        self.setObjectName("form_printing")
        self.printers = list(printers)
        self.forms = list(PRINTED_FORMS)
        self.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("SettingsDialog", "Biểu mẫu"),
                QCoreApplication.translate("SettingsDialog", "Máy in"),
                QCoreApplication.translate("SettingsDialog", "Khổ giấy"),
                QCoreApplication.translate("SettingsDialog", "In thẳng"),
            ]
        )
        self.verticalHeader().hide()
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for row, form in enumerate(self.forms):
            title, papers = PRINTED_FORMS[form]
            item = QTableWidgetItem(title)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.setItem(row, 0, item)
            printer = QComboBox(self)
            printer.setObjectName(f"printer-{form}")
            printer.addItem(QCoreApplication.translate("SettingsDialog", "(Máy in chung)"), "")
            for name in self.printers:
                printer.addItem(name, name)
            paper = QComboBox(self)
            paper.setObjectName(f"paper-{form}")
            for key in papers:
                paper.addItem(
                    QCoreApplication.translate("SettingsDialog", PAPER_LABELS.get(key, key)), key
                )
            paper.setEnabled(len(papers) > 1)
            direct = QCheckBox(self)
            direct.setObjectName(f"direct-{form}")
            direct.setToolTip(
                QCoreApplication.translate(
                    "SettingsDialog", "In ngay khi lưu, không mở xem trước (Ctrl+P để xem lại)"
                )
            )
            self.setCellWidget(row, 1, printer)
            self.setCellWidget(row, 2, paper)
            self.setCellWidget(row, 3, direct)
        self.resizeRowsToContents()

    def widgets(self, form: str) -> tuple[QComboBox, QComboBox, QCheckBox]:
        row = self.forms.index(form)
        return self.cellWidget(row, 1), self.cellWidget(row, 2), self.cellWidget(row, 3)  # type: ignore[return-value]

    def set_value(self, settings: dict[str, Any]) -> None:
        table = settings.get("form_printing") or {}
        for form in self.forms:
            printer, paper, direct = self.widgets(form)
            entry = table.get(form) or {}
            name = entry.get("printer") or ""
            if name and printer.findData(name) < 0:
                printer.addItem(name, name)  # remembered, not connected now
            printer.setCurrentIndex(max(0, printer.findData(name)))
            paper.setCurrentIndex(max(0, paper.findData(print_choice(settings, form).paper)))
            direct.setChecked(bool(entry.get("direct")))

    def value(self, general_paper: str = "a4") -> dict[str, dict[str, Any]]:
        """The forms set apart from the general printer (and, for the receipt, the general
        paper `general_paper`); the others have no entry and follow the general choice."""
        result = {}
        for form in self.forms:
            printer, paper, direct = self.widgets(form)
            entry = {
                "printer": printer.currentData() or "",
                "paper": paper.currentData(),
                "direct": direct.isChecked(),
            }
            fallback = general_paper if form == "receipt" else "a4"
            if entry["printer"] or entry["direct"] or entry["paper"] != fallback:
                result[form] = entry
        return result
