"""Mẫu 03: the reasons for refusing a dossier at reception."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from counter_app.gui.dossier.action_dialog import ActionDialog, make_list_edit, typed_lines


class RefusalDialog(ActionDialog):
    """Mẫu 03: the reasons for refusing (one per line)."""

    def __init__(self, parent: QWidget | None = None, *, note: str = "") -> None:
        intro = self.tr(
            "Ghi các lý do từ chối, mỗi dòng một lý do. Phiếu Mẫu 03 sẽ được tạo để in."
        )
        if note:
            intro += "\n" + note
        super().__init__(
            self.tr("Từ chối tiếp nhận hồ sơ (Mẫu 03)"),
            intro,
            self.tr("Từ chối && tạo Mẫu 03"),
            parent,
        )
        self.reasons_edit = make_list_edit(self.tr("Mỗi dòng một lý do (bắt buộc)"))
        label = QLabel(self.tr("&Lý do từ chối:"))
        label.setBuddy(self.reasons_edit)
        self.form.addRow(label, self.reasons_edit)
        self.reasons_edit.setFocus()

    def values(self) -> dict[str, Any] | None:
        reasons = typed_lines(self.reasons_edit)
        if not reasons:
            self.show_error(self.tr("Cần ghi ít nhất một lý do từ chối."))
            self.reasons_edit.setFocus()
            return None
        return {"reasons": reasons}
