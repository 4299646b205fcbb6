"""A CCCD QR scan on the intake screen: fill the applicant, then go to the procedure."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.domain.identity import CccdQr
from counter_app.domain.text import fold
from counter_app.services.intake_form import format_date


class IntakeScan:
    """Scanner slots of `IntakeWidget` (a mixin: `self` is the QWidget)."""

    def _accepts_scan(self) -> bool:
        if not self.isVisible():
            return False
        modal = QApplication.activeModalWidget()
        return modal is None or modal is self.window()

    def _scanned(self, qr: CccdQr) -> None:
        if not self._accepts_scan():
            return
        if self.busy:
            self.show_message(self.tr("Đang lưu hồ sơ trước; hãy quét lại sau."), error=True)
            return
        self.apply_scan(qr)

    def _scan_failed(self, message: str) -> None:
        if self._accepts_scan():
            self.show_message(message, error=True)

    def apply_scan(self, qr: CccdQr) -> None:
        """Fill the applicant from a chip-CCCD QR code, then go to the procedure picker."""
        self.full_name.setText(qr.full_name)
        self.id_type.setCurrentIndex(self.id_type.findData("cccd"))
        self.id_number.setText(qr.id_number)
        self.old_id.setText(qr.old_id_number)
        if qr.birth_date is not None:
            self.birth_date.setText(format_date(qr.birth_date))
        folded = fold(qr.sex)
        sex = "Nam" if folded == "nam" else "Nữ" if folded == "nu" else ""
        self.sex.setCurrentIndex(max(0, self.sex.findData(sex)))
        if qr.address:
            self.address.setText(qr.address)
        for key in ("full_name", "id_number", "old_id", "birth_date"):
            self._touched.add(key)
        self._validate("full_name", "id_number", "old_id", "birth_date")
        self.show_message(
            self.tr(
                "Đã đọc thẻ căn cước: {name}, số {number}. Kiểm tra địa chỉ và chọn xã/phường."
            ).format(name=qr.full_name, number=qr.id_number)
        )
        self.procedure_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self._changed()
