"""The intake screen's rows: the documents checklist and the fees of the chosen procedure."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QWidget,
)

from counter_app.forms.formats import DOC_KINDS, vnd
from counter_app.services.intake_form import IntakeForm


@dataclass
class DocumentRow:
    check: QCheckBox
    name_label: QLabel | None
    name_edit: QLineEdit | None
    kind: QComboBox
    count: QSpinBox
    remove: QToolButton | None = None

    @property
    def name(self) -> str:
        if self.name_edit is not None:
            return self.name_edit.text().strip()
        return self.name_label.property("doc_name") if self.name_label else ""

    @property
    def widgets(self) -> list[QWidget]:
        items = [self.check, self.name_label, self.name_edit, self.kind, self.count, self.remove]
        return [w for w in items if w is not None]


@dataclass
class FeeRow:
    code: str
    name: str
    label: QLabel
    amount: QSpinBox
    paid: QCheckBox


class IntakeRows:
    """Documents and fees of `IntakeWidget` (a mixin: `self` is the QWidget)."""

    _doc_rows: list[DocumentRow]
    _fee_rows: list[FeeRow]
    docs_grid: QGridLayout
    fees_grid: QGridLayout
    docs_empty: QLabel
    fees_total: QLabel
    add_doc_button: Any
    _enter: Any
    _changed: Callable[..., None]
    _update_tab_order: Callable[[], None]

    def _clear_grid(self, grid: QGridLayout) -> None:
        while grid.count():
            item = grid.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()

    def _kind_combo(self, kind: str) -> QComboBox:
        combo = QComboBox()
        for key, label in DOC_KINDS.items():
            combo.addItem(self.tr(label), key)
        combo.setCurrentIndex(max(0, combo.findData(kind or "original")))
        combo.currentIndexChanged.connect(self._changed)
        combo.installEventFilter(self._enter)
        return combo

    def _count_spin(self, count: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(1, 99)
        spin.setValue(int(count or 1))
        spin.setSuffix(self.tr(" bản"))
        spin.valueChanged.connect(self._changed)
        spin.installEventFilter(self._enter)
        return spin

    def _set_documents(self, documents: Sequence[dict[str, Any]]) -> None:
        self._clear_grid(self.docs_grid)
        self._doc_rows = []
        for doc in documents:
            self.add_document_row(doc, rebuild_order=False)
        self.docs_empty.setVisible(not documents)
        self._update_tab_order()

    def add_document_row(
        self,
        doc: dict[str, Any] | None = None,
        *,
        focus: bool = False,
        rebuild_order: bool = True,
    ) -> None:
        """A checklist row; without `doc`, an empty "other document" row (ticked)."""
        custom = doc is None or bool(doc.get("custom"))
        doc = doc or {"name": "", "kind": "original", "count": 1, "checked": True, "custom": True}
        row_index = len(self._doc_rows)
        check = QCheckBox()
        check.setChecked(bool(doc.get("checked", True)))
        check.toggled.connect(self._changed)
        check.installEventFilter(self._enter)
        name_label = name_edit = remove = None
        if custom:
            name_edit = QLineEdit(doc.get("name") or "")
            name_edit.setPlaceholderText(self.tr("Tên giấy tờ khác"))
            name_edit.textChanged.connect(self._changed)
            name_edit.installEventFilter(self._enter)
            check.setAccessibleName(self.tr("Đã nhận giấy tờ khác"))
            remove = QToolButton()
            remove.setText("✕")
            remove.setToolTip(self.tr("Bỏ dòng này"))
            remove.setAutoRaise(True)
            name_widget: QWidget = name_edit
        else:
            name_label = QLabel(doc["name"])
            name_label.setWordWrap(True)
            name_label.setProperty("doc_name", doc["name"])
            name_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            check.setAccessibleName(doc["name"])
            check.setToolTip(
                self.tr("Đã nhận: {name} (phím cách để đánh dấu)").format(name=doc["name"])
            )
            name_widget = name_label
        kind = self._kind_combo(doc.get("kind") or "original")
        count = self._count_spin(doc.get("count") or 1)
        row = DocumentRow(check, name_label, name_edit, kind, count, remove)
        self._doc_rows.append(row)
        self.docs_grid.addWidget(check, row_index, 0, Qt.AlignmentFlag.AlignTop)
        self.docs_grid.addWidget(name_widget, row_index, 1)
        self.docs_grid.addWidget(kind, row_index, 2, Qt.AlignmentFlag.AlignTop)
        self.docs_grid.addWidget(count, row_index, 3, Qt.AlignmentFlag.AlignTop)
        if remove is not None:
            self.docs_grid.addWidget(remove, row_index, 4, Qt.AlignmentFlag.AlignTop)
            remove.clicked.connect(lambda: self._remove_document_row(row))
        for widget in row.widgets:
            widget.show()  # now, not on the next layout pass: focus may go there at once
        self.docs_empty.hide()
        if rebuild_order:
            self._update_tab_order()
            self._changed()
        if focus and name_edit is not None:
            name_edit.setFocus()

    def _remove_document_row(self, row: DocumentRow) -> None:
        state = [self._doc_state(r) for r in self._doc_rows if r is not row]
        self._set_documents(state)
        self.add_doc_button.setFocus()
        self._changed()

    def _doc_state(self, row: DocumentRow) -> dict[str, Any]:
        return {
            "name": row.name,
            "kind": row.kind.currentData(),
            "count": row.count.value(),
            "checked": row.check.isChecked(),
            "custom": row.name_edit is not None,
        }

    def documents_state(self) -> list[dict[str, Any]]:
        return [self._doc_state(row) for row in self._doc_rows]

    # ------------------------------------------------------------------ fees
    def _set_fees(self, fees: Sequence[dict[str, Any]]) -> None:
        self._clear_grid(self.fees_grid)
        self._fee_rows = []
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
            amount.valueChanged.connect(self._fees_changed)
            amount.installEventFilter(self._enter)
            paid = QCheckBox(self.tr("Đã nộp"))
            paid.setChecked(bool(fee.get("paid")))
            paid.toggled.connect(self._changed)
            paid.installEventFilter(self._enter)
            self.fees_grid.addWidget(label, index, 0)
            self.fees_grid.addWidget(amount, index, 1, Qt.AlignmentFlag.AlignTop)
            self.fees_grid.addWidget(paid, index, 2, Qt.AlignmentFlag.AlignTop)
            self._fee_rows.append(FeeRow(fee.get("code") or "", fee["name"], label, amount, paid))
            for widget in (label, amount, paid):
                widget.show()
        self._update_fees_total()
        self._update_tab_order()

    def _fees_changed(self) -> None:
        self._update_fees_total()
        self._changed()

    def fees_state(self) -> list[dict[str, Any]]:
        return [
            {"code": f.code, "name": f.name, "amount": f.amount.value(), "paid": f.paid.isChecked()}
            for f in self._fee_rows
        ]

    def _update_fees_total(self) -> None:
        if not self._fee_rows:
            self.fees_total.setText(self.tr("Không có phí, lệ phí"))
            return
        total = IntakeForm(fees=self.fees_state()).fees_total()
        self.fees_total.setText(self.tr("Tổng cộng: <b>{total}</b>").format(total=vnd(total)))
