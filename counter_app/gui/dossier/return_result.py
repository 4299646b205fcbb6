"""Hand the result back to whoever collects it (a CCCD scan fills name and number)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from counter_app.domain.identity import CccdQr
from counter_app.gui.dossier.action_dialog import ActionDialog, make_reason_edit
from counter_app.gui.widgets.scanner import install_scanner


class ReturnDialog(ActionDialog):
    """Hand the result back: who collected it and their ID number (a CCCD scan fills both)."""

    def __init__(self, applicant: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Trả kết quả"),
            self.tr(
                "Ghi họ tên và số giấy tờ của người nhận kết quả (có thể quét mã QR trên thẻ "
                "căn cước của người nhận)."
            ),
            self.tr("Xác nhận đã trả"),
            parent,
        )
        self.name_edit = QLineEdit(applicant.get("full_name") or "")
        self.id_edit = QLineEdit(applicant.get("id_number") or "")
        self.note_edit = make_reason_edit(self.tr("Không bắt buộc"))
        for text, widget in (
            (self.tr("&Người nhận:"), self.name_edit),
            (self.tr("&Số giấy tờ:"), self.id_edit),
            (self.tr("&Ghi chú:"), self.note_edit),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            self.form.addRow(label, widget)
        self.name_edit.selectAll()
        self.name_edit.setFocus()
        install_scanner().scanned.connect(self._scanned)

    def _scanned(self, qr: CccdQr) -> None:
        if not self.isVisible() or not self.isActiveWindow():
            return
        self.name_edit.setText(qr.full_name)
        self.id_edit.setText(qr.id_number)
        self.note_edit.setFocus()

    def values(self) -> dict[str, Any] | None:
        name = self.name_edit.text().strip()
        if not name:
            self.show_error(self.tr("Cần ghi họ tên người nhận kết quả."))
            self.name_edit.setFocus()
            return None
        return {
            "collected_by": name,
            "collected_id_number": self.id_edit.text().strip(),
            "reason": self.note_edit.text().strip(),
        }
