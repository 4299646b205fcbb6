"""A CCCD QR scan on the intake screen: the QR's fields become the applicant's values,
the applicant block shows them, and the focus goes to the first field still to fill."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from counter_app.domain.cccd_qr import CccdQr
from counter_app.domain.residence import split_residence
from counter_app.domain.text import fold
from counter_app.gui.operations import guard
from counter_app.gui.widgets.scanner import install_scanner
from counter_app.services.intake_form import format_date

if TYPE_CHECKING:
    from counter_app.gui.intake.page import IntakeWidget

# What a scan fills (and marks as touched, so its findings show at once).
SCANNED_CHECKS = ("full_name", "id_number", "old_id", "birth_date")


def applicant_values(qr: CccdQr) -> dict[str, Any]:
    """The applicant's form values a chip-CCCD QR code carries (nothing else changes); a
    residence whose tail names a known commune fills the street part and the commune."""
    folded = fold(qr.sex)
    values: dict[str, Any] = {
        "full_name": qr.full_name,
        "id_type": "cccd",
        "id_number": qr.id_number,
        "old_id": qr.old_id_number,
        "sex": "Nam" if folded == "nam" else "Nữ" if folded == "nu" else "",
    }
    if qr.birth_date is not None:
        values["birth_date"] = format_date(qr.birth_date)
    if qr.address:
        # The card carries the whole residence: the street part stays in Địa chỉ, the
        # commune it names becomes the chosen commune (so it is never printed twice).
        residence = split_residence(qr.address)
        values["address"] = residence.address_field
        if residence.commune is not None:
            values["ward_code"] = residence.commune.code
    return values


def first_to_fill_after_scan(page: IntakeWidget) -> QWidget:
    """Where the officer goes on after a scan: the first empty field, in Tab order, of what
    the card does not carry (phone, address, commune, procedure); with all of them filled,
    the first document of the checklist (or the save buttons)."""
    applicant = page.applicant
    if not applicant.phone.text().strip():
        return applicant.phone
    if not applicant.address.text().strip():
        return applicant.address
    if not applicant.commune_search.payload:
        return applicant.commune
    if page.picker.procedure is None:
        return page.picker.edit
    later = [*page.checklist.focus_chain(), *page.buttons.focus_chain()]
    return next((w for w in later if w.isEnabled() and w.isVisibleTo(page)), page.picker.edit)


class ScanController(QObject):
    """Listens to the app's scanner for one intake screen (its parent)."""

    def __init__(self, page: IntakeWidget) -> None:
        super().__init__(page)
        scanner = install_scanner()
        # The scanner outlives this screen: every slot checks it is alive.
        scanner.scanned.connect(guard(self, self._scanned))
        scanner.scan_failed.connect(guard(self, self._scan_failed))

    @property
    def page(self) -> IntakeWidget:
        return cast("IntakeWidget", self.parent())  # no reference cycle through the page

    def _accepts_scan(self) -> bool:
        page = self.page
        if not page.isVisible():
            return False
        modal = QApplication.activeModalWidget()
        return modal is None or modal is page.window()

    def _scanned(self, qr: CccdQr) -> None:
        if not self._accepts_scan():
            return
        if self.page.busy:
            self.page.show_message(self.tr("Đang lưu hồ sơ trước; hãy quét lại sau."), error=True)
            return
        self.apply_scan(qr)

    def _scan_failed(self, message: str) -> None:
        if self._accepts_scan():
            self.page.show_message(message, error=True)

    def apply_scan(self, qr: CccdQr) -> None:
        """Fill the applicant from a chip-CCCD QR code, then go to the first field the card
        does not fill and that is still empty (first_to_fill_after_scan)."""
        page = self.page
        page.applicant.set_values(applicant_values(qr))
        page.checks.touched.update(SCANNED_CHECKS)
        page.checks.validate(*SCANNED_CHECKS)
        if qr.name_needs_check:
            # A keyboard-mode scanner typed "?" or dropped the Vietnamese letters: the officer
            # corrects the name from the card before anything is stored.
            page.show_message(
                self.tr(
                    "Đã đọc thẻ căn cước số {number}, nhưng họ tên quét được có thể bị mất dấu "
                    "({name}). Hãy sửa họ tên theo thẻ trước khi lưu."
                ).format(name=qr.full_name, number=qr.id_number),
                error=True,
            )
            page.applicant.full_name.setFocus(Qt.FocusReason.OtherFocusReason)
            page.applicant.full_name.selectAll()
        else:
            old_units = split_residence(qr.address).old_units
            if old_units:
                message = self.tr(
                    "Đã đọc thẻ căn cước: {name}, số {number}. Địa chỉ trên thẻ theo đơn vị hành "
                    "chính cũ ({old}): kiểm tra địa chỉ và xã/phường hiện nay."
                ).format(name=qr.full_name, number=qr.id_number, old=", ".join(old_units))
            else:
                message = self.tr(
                    "Đã đọc thẻ căn cước: {name}, số {number}. Kiểm tra địa chỉ và chọn xã/phường."
                ).format(name=qr.full_name, number=qr.id_number)
            page.show_message(message)
            first_to_fill_after_scan(page).setFocus(Qt.FocusReason.OtherFocusReason)
        page.form_changed()
