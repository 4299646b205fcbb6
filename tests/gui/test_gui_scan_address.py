"""Issue 12 item 4: a CCCD scan whose residence names the commune and province fills the
street part and the commune; Mẫu 01 then prints the ward and the province once."""

from __future__ import annotations

import io

from pypdf import PdfReader
from test_gui_intake import QR_LINE, drain, open_intake, press, type_text

from counter_app.domain.cccd_qr import parse_cccd_qr
from counter_app.gui.intake.scan import applicant_values

FULL = "Số 5 ngõ 12 phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội"
LINE = f"001190012345|012345678|Nguyễn Thị Minh Khai|02051990|Nữ|{FULL}|15082021"


def test_scan_values_split_the_residence() -> None:
    values = applicant_values(parse_cccd_qr(LINE))
    assert values["address"] == "Số 5 ngõ 12 phố Hàng Bạc" and values["ward_code"] == 70
    old = applicant_values(parse_cccd_qr(QR_LINE))  # "…, Hoàn Kiếm, Hà Nội": no type word
    assert "ward_code" not in old and old["address"].endswith("Hoàn Kiếm, Hà Nội")


def test_scanned_residence_is_printed_once(qtbot, gui_context, service) -> None:
    from PySide6.QtCore import Qt

    ctx = gui_context("an.nv")
    widget = open_intake(qtbot, ctx)
    widget.scan.apply_scan(parse_cccd_qr(LINE))
    assert widget.applicant.address.text() == "Số 5 ngõ 12 phố Hàng Bạc"
    assert widget.applicant.commune_search.payload == 70
    assert widget.applicant.province_label.text() == "Thành phố Hà Nội"
    # The procedure (the scan moved focus to the first empty field), then save and preview.
    widget.picker.edit.setFocus(Qt.FocusReason.OtherFocusReason)
    type_text("xac nhan hon nhan")
    qtbot.waitUntil(widget.picker.search.popup_visible)
    press(Qt.Key.Key_Return)
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: widget.actions.preview is not None)
    drain(qtbot, ctx)
    # the first copy is the first page (each copy's label is read after its page's text)
    first_page = PdfReader(io.BytesIO(widget.actions.preview.pdf_bytes)).pages[0]
    first_copy = " ".join(first_page.extract_text().split())
    assert first_copy.count("Hà Nội") == 1 + first_copy.count("Hà Nội, ngày")
    assert "Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội" in first_copy
    dossier = service.dossiers.get(widget.actions.last_code)
    assert dossier["applicant"]["address"] == "Số 5 ngõ 12 phố Hàng Bạc"
    assert dossier["applicant"]["ward_code"] == 70
    press(Qt.Key.Key_Escape)
