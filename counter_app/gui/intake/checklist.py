"""The documents checklist of the intake screen: one row per document of the chosen
procedure (ticked when received, its kind and count), "other document" rows the officer
adds, and the number of sets. Each row has a capture button (📷, or F8 from the row) and
shows the pages of its digitised document once captured (issue 16): the row's state carries
the key of its captured document (`capture`), kept by the screen's IntakeCaptures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.forms.formats import DOC_KINDS
from counter_app.gui.intake.fields import buddy_label


@dataclass
class DocumentRow:
    check: QCheckBox
    name_label: QLabel | None
    name_edit: QLineEdit | None
    kind: QComboBox
    count: QSpinBox
    capture: QToolButton
    remove: QToolButton | None = None
    capture_key: str = ""

    @property
    def name(self) -> str:
        if self.name_edit is not None:
            return self.name_edit.text().strip()
        return self.name_label.property("doc_name") if self.name_label else ""

    @property
    def widgets(self) -> list[QWidget]:
        items = [
            self.check,
            self.name_label,
            self.name_edit,
            self.kind,
            self.count,
            self.capture,
            self.remove,
        ]
        return [w for w in items if w is not None]

    def state(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind.currentData(),
            "count": self.count.value(),
            "checked": self.check.isChecked(),
            "custom": self.name_edit is not None,
            "capture": self.capture_key,
        }


def clear_grid(grid: QGridLayout) -> None:
    """Take every widget out of `grid` (hidden now, deleted later)."""
    while grid.count():
        item = grid.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.deleteLater()


class DocumentChecklist(QGroupBox):
    """The "Thành phần hồ sơ" group. `changed` on every edit; `rows_changed` when rows
    come or go (the screen's Tab order follows)."""

    changed = Signal()
    rows_changed = Signal()
    capture_asked = Signal(int)  # the row whose document to digitise

    def __init__(self, enter: QObject, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Thành phần hồ sơ (đánh dấu giấy tờ đã nhận)"))
        self.enter = enter  # the screen's Enter-moves-on filter
        self.rows: list[DocumentRow] = []
        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)
        self.grid.setHorizontalSpacing(8)
        self.empty = QLabel(self.tr("Chọn thủ tục để hiện danh mục giấy tờ."))
        self.empty.setStyleSheet("color: #666;")
        self.add_button = QPushButton(self.tr("Thêm giấy tờ &khác"))
        self.add_button.setToolTip(self.tr("Thêm một dòng giấy tờ ngoài danh mục (Alt+K)"))
        self.add_button.setAutoDefault(True)
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        self.sets = QSpinBox()
        self.sets.setRange(1, 99)
        self.sets.setObjectName("sets")
        self.sets.installEventFilter(enter)
        self.sets.valueChanged.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addLayout(self.grid)
        bottom = QHBoxLayout()
        bottom.addWidget(self.add_button)
        bottom.addStretch(1)
        bottom.addWidget(buddy_label(self.tr("Số bộ hồ sơ:"), self.sets))
        bottom.addWidget(self.sets)
        layout.addLayout(bottom)

    def state(self) -> list[dict[str, Any]]:
        return [row.state() for row in self.rows]

    def focus_chain(self) -> list[QWidget]:
        chain: list[QWidget] = []
        for row in self.rows:
            chain += [
                w
                for w in (row.check, row.name_edit, row.kind, row.count, row.capture, row.remove)
                if w
            ]
        return [*chain, self.add_button, self.sets]

    def set_documents(self, documents: Sequence[dict[str, Any]]) -> None:
        clear_grid(self.grid)
        self.rows = []
        for doc in documents:
            self.add_row(doc, announce=False)
        self.empty.setVisible(not documents)
        self.rows_changed.emit()

    def add_row(
        self, doc: dict[str, Any] | None = None, *, focus: bool = False, announce: bool = True
    ) -> None:
        """A checklist row; without `doc`, an empty "other document" row (ticked).
        `announce`: tell the screen (a single row added, not a whole list)."""
        custom = doc is None or bool(doc.get("custom"))
        doc = doc or {"name": "", "kind": "original", "count": 1, "checked": True, "custom": True}
        index = len(self.rows)
        check = QCheckBox()
        check.setChecked(bool(doc.get("checked", True)))
        self._watch(check, check.toggled)
        name_label = name_edit = remove = None
        if custom:
            name_edit = QLineEdit(doc.get("name") or "")
            name_edit.setPlaceholderText(self.tr("Tên giấy tờ khác"))
            self._watch(name_edit, name_edit.textChanged)
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
        capture = QToolButton()
        capture.setObjectName(f"capture_{index}")
        capture.setAutoRaise(True)
        capture.clicked.connect(lambda: self.capture_asked.emit(self.rows.index(row)))
        row = DocumentRow(
            check, name_label, name_edit, kind, count, capture, remove, doc.get("capture") or ""
        )
        self.rows.append(row)
        self.show_captured(row, 0)
        top = Qt.AlignmentFlag.AlignTop
        self.grid.addWidget(check, index, 0, top)
        self.grid.addWidget(name_widget, index, 1)
        self.grid.addWidget(kind, index, 2, top)
        self.grid.addWidget(count, index, 3, top)
        self.grid.addWidget(capture, index, 4, top)
        if remove is not None:
            self.grid.addWidget(remove, index, 5, top)
            remove.clicked.connect(lambda: self._remove_row(row))
        for widget in row.widgets:
            widget.show()  # now, not on the next layout pass: focus may go there at once
        self.empty.hide()
        if announce:
            self.rows_changed.emit()
            self.changed.emit()
        if focus and name_edit is not None:
            name_edit.setFocus()

    def show_captured(self, row: DocumentRow, pages: int) -> None:
        """The row's mark: how many pages of its document are digitised (0: none yet)."""
        if pages:
            row.capture.setText(self.tr("✔ {n} tr.").format(n=pages))
            row.capture.setStyleSheet("QToolButton { color: #14532d; font-weight: bold; }")
            row.capture.setToolTip(self.tr("Đã số hóa {n} trang; bấm để sửa (F8)").format(n=pages))
        else:
            row.capture.setText("📷")
            row.capture.setStyleSheet("")
            row.capture.setToolTip(self.tr("Số hóa giấy tờ này: quét, chọn tệp (F8)"))
        row.capture.setAccessibleName(row.capture.toolTip())

    def row_of(self, widget: QWidget | None) -> int:
        """The row `widget` belongs to, or -1."""
        for index, row in enumerate(self.rows):
            if widget in row.widgets:
                return index
        return -1

    def _watch(self, editor: QWidget, signal: Any) -> None:
        signal.connect(self.changed)
        editor.installEventFilter(self.enter)

    def _kind_combo(self, kind: str) -> QComboBox:
        combo = QComboBox()
        for key, label in DOC_KINDS.items():
            combo.addItem(self.tr(label), key)
        combo.setCurrentIndex(max(0, combo.findData(kind or "original")))
        self._watch(combo, combo.currentIndexChanged)
        return combo

    def _count_spin(self, count: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(1, 99)
        spin.setValue(int(count or 1))
        spin.setSuffix(self.tr(" bản"))
        self._watch(spin, spin.valueChanged)
        return spin

    def _remove_row(self, row: DocumentRow) -> None:
        self.set_documents([r.state() for r in self.rows if r is not row])
        self.add_button.setFocus()
        self.changed.emit()
