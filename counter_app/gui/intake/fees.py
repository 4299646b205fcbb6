"""The fees of the intake screen: one row per fee of the chosen procedure (amount, paid)
and the total, as the form model adds it up."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.forms.formats import vnd
from counter_app.gui.intake.checklist import clear_grid
from counter_app.services.intake_form import IntakeForm


@dataclass
class FeeRow:
    code: str
    name: str
    label: QLabel
    amount: QSpinBox
    paid: QCheckBox

    def state(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "amount": self.amount.value(),
            "paid": self.paid.isChecked(),
        }


class FeesTable(QGroupBox):
    """The "Phí, lệ phí" group. `changed` on every edit; `rows_changed` when the rows are
    replaced (the screen's Tab order follows)."""

    changed = Signal()
    rows_changed = Signal()

    def __init__(self, enter: QObject, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Phí, lệ phí"))
        self.enter = enter  # the screen's Enter-moves-on filter
        self.rows: list[FeeRow] = []
        self.grid = QGridLayout()
        self.grid.setColumnStretch(0, 1)
        self.total = QLabel()
        self.total.setObjectName("fees_total")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.addLayout(self.grid)
        layout.addWidget(self.total)
        self._update_total()

    def state(self) -> list[dict[str, Any]]:
        return [row.state() for row in self.rows]

    def focus_chain(self) -> list[QWidget]:
        return [widget for row in self.rows for widget in (row.amount, row.paid)]

    def set_fees(self, fees: Sequence[dict[str, Any]]) -> None:
        clear_grid(self.grid)
        self.rows = []
        for index, fee in enumerate(fees):
            label = QLabel(fee["name"])
            label.setWordWrap(True)
            amount = QSpinBox()
            amount.setRange(0, 2_000_000_000)
            amount.setSingleStep(1000)
            amount.setGroupSeparatorShown(True)
            amount.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
            amount.setSuffix(self.tr(" đồng"))
            amount.setValue(int(fee.get("amount") or 0))
            amount.setAccessibleName(fee["name"])
            amount.valueChanged.connect(self._amount_changed)
            amount.installEventFilter(self.enter)
            paid = QCheckBox(self.tr("Đã nộp"))
            paid.setChecked(bool(fee.get("paid")))
            paid.toggled.connect(self.changed)
            paid.installEventFilter(self.enter)
            self.grid.addWidget(label, index, 0)
            self.grid.addWidget(amount, index, 1, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(paid, index, 2, Qt.AlignmentFlag.AlignTop)
            self.rows.append(FeeRow(fee.get("code") or "", fee["name"], label, amount, paid))
            for widget in (label, amount, paid):
                widget.show()
        self._update_total()
        self.rows_changed.emit()

    def _amount_changed(self) -> None:
        self._update_total()
        self.changed.emit()

    def _update_total(self) -> None:
        if not self.rows:
            self.total.setText(self.tr("Không có phí, lệ phí"))
            return
        total = IntakeForm(fees=self.state()).fees_total()
        self.total.setText(self.tr("Tổng cộng: <b>{total}</b>").format(total=vnd(total)))
