"""Mẫu 02: which documents the citizen must still bring, and why."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QWidget

from counter_app.forms.formats import doc_kind_text
from counter_app.gui.dossier.action_dialog import (
    ActionDialog,
    make_list_edit,
    make_reason_edit,
    typed_lines,
)


class SupplementDialog(ActionDialog):
    """Mẫu 02: pick the documents to complete (unticked ones first) and say why."""

    def __init__(self, documents: Sequence[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)"),
            self.tr(
                "Đánh dấu giấy tờ cần bổ sung (phím cách để chọn), ghi thêm giấy tờ khác "
                "và lý do. Phiếu Mẫu 02 sẽ được tạo để in."
            ),
            self.tr("Ghi nhận && tạo Mẫu 02"),
            parent,
        )
        self.documents = [dict(d) for d in documents]
        self.setMinimumWidth(680)
        self.list = QListWidget()
        self.list.setMinimumHeight(120)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for doc in self.documents:
            text = f"{doc['name']} ({doc_kind_text(doc.get('kind'))}, {doc.get('count') or 1})"
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if doc.get("checked") else Qt.CheckState.Unchecked
            )
            item.setToolTip(text)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.extra_edit = make_list_edit(self.tr("Mỗi dòng một giấy tờ"))
        self.reason_edit = make_reason_edit(self.tr("Bắt buộc"))
        labels = [
            (self.tr("&Giấy tờ cần bổ sung:"), self.list),
            (self.tr("Giấy tờ &khác:"), self.extra_edit),
            (self.tr("&Lý do:"), self.reason_edit),
        ]
        for text, widget in labels:
            label = QLabel(text)
            label.setBuddy(widget)
            self.form.addRow(label, widget)
        (self.list if self.list.count() else self.extra_edit).setFocus()

    def values(self) -> dict[str, Any] | None:
        items = [
            {
                "name": doc["name"],
                "kind": doc.get("kind") or "original",
                "count": doc.get("count") or 1,
            }
            for row, doc in enumerate(self.documents)
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]
        items += [
            {"name": name, "kind": "original", "count": 1} for name in typed_lines(self.extra_edit)
        ]
        reason = self.reason_edit.text().strip()
        if not items:
            self.show_error(self.tr("Chọn hoặc ghi ít nhất một giấy tờ cần bổ sung."))
            (self.list if self.list.count() else self.extra_edit).setFocus()
            return None
        if not reason:
            self.show_error(self.tr("Cần ghi lý do yêu cầu bổ sung."))
            self.reason_edit.setFocus()
            return None
        return {"items": items, "reason": reason}
