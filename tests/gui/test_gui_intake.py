"""The intake screen, driven by keyboard only, against a real service in tmp_path."""

from __future__ import annotations

import io
import itertools
import os
import random
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLabel, QWidget

from counter_app.domain.catalogue import procedure_matches
from counter_app.gui.context import AppContext, Officer
from counter_app.gui.intake import IntakeWidget
from counter_app.gui.operations import alive
from counter_app.gui.widgets.scanner import install_scanner
from counter_app.services.intake_form import parse_birth_date
from counter_app.store import drafts

QR_LINE = (
    "001190012345|012345678|Nguyễn Thị Minh Khai|02051990|Nữ|"
    "Số 5 ngõ 12 phố Hàng Bạc, Hoàn Kiếm, Hà Nội|15082021"
)
SHOTS = os.environ.get("COUNTER_GUI_SHOTS", "")  # a folder: save screenshots there


# --------------------------------------------------------------------------- helpers


@pytest.fixture
def ctx(gui_context) -> AppContext:
    return gui_context("an.nv")


def drain(qtbot, ctx: AppContext) -> None:
    """Let every background job finish and its callback run on the GUI thread."""
    qtbot.waitUntil(lambda: ctx.pending_jobs == 0)


def focused() -> QWidget:
    """Where a real keyboard's keys go: an open popup, else the focus widget."""
    return QApplication.activePopupWidget() or QApplication.focusWidget()


def key_for(ch: str) -> Qt.Key:
    if ch == "|":
        return Qt.Key.Key_Bar
    if ch.isascii() and ch.isalnum():
        return Qt.Key(ord(ch.upper()))
    if ch == " ":
        return Qt.Key.Key_Space
    return Qt.Key.Key_unknown


def type_text(text: str, delay: int = -1) -> None:
    """Type like a keyboard (Vietnamese letters too) into whatever has the focus."""
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, focused(), key_for(ch), ch, Qt.KeyboardModifier.NoModifier, delay
        )


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), key, modifier)


_burst_clock = itertools.count(start=1_000_000, step=10_000)  # ms, far from any earlier key


def scanner_burst(line: str) -> None:
    """A USB scanner: the whole line 3 ms a key, then Enter. The events carry those times
    (as real key events do), so a busy test machine cannot stretch the burst apart."""
    stamp = next(_burst_clock)
    keys = [(key_for(ch), ch) for ch in line] + [(Qt.Key.Key_Return, "\r")]
    for number, (key, text) in enumerate(keys):
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
            event.setTimestamp(stamp + 3 * number)
            QApplication.sendEvent(focused(), event)


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def open_intake(qtbot, ctx: AppContext, *, register: bool = True) -> IntakeWidget:
    widget = IntakeWidget(ctx)
    if register:  # qtbot closes it after the test
        qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    drain(qtbot, ctx)
    assert widget.ready
    return widget


@pytest.fixture
def printed_pdf(monkeypatch, tmp_path: Path) -> Path:
    """QPrintDialog accepted at once, printing to a PDF file (Qt's dialog, patched)."""
    target = tmp_path / "printed.pdf"

    def accept(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    return target


# --------------------------------------------------------------------------- pure helpers


def test_birth_date_formats() -> None:
    assert parse_birth_date("02/05/1990").isoformat() == "1990-05-02"
    assert parse_birth_date("2-5-1990").isoformat() == "1990-05-02"
    assert parse_birth_date("02051990").isoformat() == "1990-05-02"
    assert parse_birth_date("1990-05-02").isoformat() == "1990-05-02"
    assert parse_birth_date("  ") is None
    for bad in ("31/02/1990", "1990", "abc"):
        with pytest.raises(ValueError):
            parse_birth_date(bad)


def test_procedure_type_ahead_is_accent_insensitive(service) -> None:
    procedures = service.catalogue.procedures()
    assert procedure_matches(procedures, "xac nhan hon nhan")[0]["code"] == "1.004873"
    assert procedure_matches(procedures, "KHAI SINH")[0]["code"] == "1.001193"
    assert procedure_matches(procedures, "2.0008")[0]["code"].startswith("2.0008")
    assert procedure_matches(procedures, "chứng thực chữ")[0]["code"] == "2.000884"


def test_mnemonics_are_unique_and_leave_the_menu_letters_free(qtbot, ctx) -> None:
    widget = open_intake(qtbot, ctx)
    letters = []
    for child in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton):
        text = child.text().replace("&&", "")
        if "&" in text:
            letters.append(text[text.index("&") + 1].lower())
    assert len(letters) == len(set(letters)), sorted(letters)
    # The main window's menus use Alt+H, S, B, G (Hệ thống, Hồ sơ, Đồng bộ, Trợ giúp).
    assert not set(letters) & set("hsbg")


# --------------------------------------------------------------------------- the whole intake


def test_whole_intake_by_keyboard_with_scanner_burst(qtbot, ctx, service, printed_pdf) -> None:
    widget = open_intake(qtbot, ctx)
    shot(widget, "intake-empty")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget.applicant.full_name)

    # The phone is typed by hand first; the scanner must not disturb it.
    press(Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # Alt+O: Điện thoại
    assert QApplication.focusWidget() is widget.applicant.phone
    type_text("0912345678")
    press(Qt.Key.Key_Return)
    assert QApplication.focusWidget() is widget.applicant.email

    # Scan into a random field of the applicant block (Tab there, keyboard only).
    press(Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)  # Alt+V: Họ và tên
    hops = random.Random(20260715).randint(0, 9)
    for _ in range(hops):
        press(Qt.Key.Key_Tab)
    target = QApplication.focusWidget()
    before = widget.state()
    scans = []
    install_scanner().scanned.connect(scans.append)
    scanner_burst(QR_LINE)

    assert len(scans) == 1
    assert widget.applicant.full_name.text() == "Nguyễn Thị Minh Khai"
    assert widget.applicant.id_number.text() == "001190012345"
    assert widget.applicant.old_id.text() == "012345678"
    assert widget.applicant.birth_date.text() == "02/05/1990"
    assert widget.applicant.sex.currentData() == "Nữ"
    assert widget.applicant.address.text().startswith("Số 5 ngõ 12 phố Hàng Bạc")
    assert widget.applicant.phone.text() == "0912345678"  # untouched by the burst
    assert "|" not in "".join(str(v) for v in widget.state().values())
    # On to the first field the card leaves empty: the commune (the phone is typed).
    assert QApplication.focusWidget() is widget.applicant.commune
    assert target is not None and before["phone"] == widget.applicant.phone.text()

    # Commune, accent-free, Enter picks it; the province is derived; on to the procedure.
    type_text("hoan kiem")
    qtbot.waitUntil(widget.applicant.commune_search.popup_visible)
    press(Qt.Key.Key_Return)
    assert widget.applicant.commune_search.payload == 70
    assert widget.applicant.province_label.text() == "Thành phố Hà Nội"
    assert QApplication.focusWidget() is widget.picker.edit

    # Procedure by accent-free type-ahead, Enter picks the first match and moves on.
    type_text("xac nhan hon nhan")
    qtbot.waitUntil(widget.picker.search.popup_visible)
    press(Qt.Key.Key_Return)
    assert widget.procedure is not None and widget.procedure["code"] == "1.004873"
    assert "Hẹn trả kết quả" in widget.picker.appointment_label.text()
    assert "Thứ" in widget.picker.appointment_label.text()
    assert QApplication.focusWidget() is widget.checklist.rows[0].check
    assert widget.fees.total.text().endswith("<b>15.000 đồng</b>")

    # Mark the fee paid: Tab to the fee's "Đã nộp" box, Space.
    while QApplication.focusWidget() is not widget.fees.rows[0].paid:
        press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Space)
    assert widget.fees.rows[0].paid.isChecked()

    # Alt+X still reaches the commune from anywhere.
    press(Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is widget.applicant.commune
    shot(widget, "intake-filled")

    # Ctrl+Enter: save, code on screen, Mẫu 01 previewed.
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: widget.actions.preview is not None and widget.actions.preview.isVisible()
    )
    drain(qtbot, ctx)
    code = widget.actions.last_code
    assert code.startswith("000.00.01.H22-")
    assert (
        widget.result_banner.issued_code.text() == code
        and widget.result_banner.issued_code.isVisible()
    )
    shot(widget, "intake-saved")

    dossier = service.dossiers.get(code)
    assert dossier["status"] == 2
    assert dossier["procedure"]["code"] == "1.004873"
    applicant = dossier["applicant"]
    assert applicant["full_name"] == "Nguyễn Thị Minh Khai"
    assert applicant["id_number"] == "001190012345"
    assert applicant["birth_date"] == "1990-05-02"
    assert applicant["sex"] == "Nữ"
    assert applicant["phone"] == "0912345678"
    assert applicant["ward_code"] == 70
    assert "012345678" in dossier["notes"]
    assert dossier["fees"][0]["paid"] is True
    assert [d["name"] for d in dossier["documents"]] == [
        d["name"] for d in service.catalogue.procedure("1.004873")["documents"]
    ]

    preview = widget.actions.preview
    assert preview.pdf_bytes.startswith(b"%PDF")
    assert preview.page_count >= 2
    assert code in pdf_text(preview.pdf_bytes)
    shot(preview, "preview-receipt")

    # Enter on the preview prints (the default button), then the print is logged.
    assert QApplication.activeModalWidget() is preview
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: preview.printed)
    drain(qtbot, ctx)
    prints = service.dossiers.get(code)["prints"]
    assert [(p["form"], p["copy"]) for p in prints] == [
        ("receipt", "Liên 1: Lưu"),
        ("receipt", "Liên 2: Giao người nộp"),
    ]
    assert printed_pdf.read_bytes().startswith(b"%PDF")
    assert len(PdfReader(str(printed_pdf)).pages) == preview.page_count

    # Ready for the next citizen; the draft is gone.
    press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not alive(preview) or not preview.isVisible())
    assert widget.is_empty()
    assert drafts.load_draft(service, "an.nv") is None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget.applicant.full_name)


def test_slow_typing_of_bars_is_not_a_scan(qtbot, ctx) -> None:
    widget = open_intake(qtbot, ctx)
    scans, failures = [], []
    scanner = install_scanner()
    scanner.scanned.connect(scans.append)
    scanner.scan_failed.connect(failures.append)
    widget.other.notes.setFocus()
    line = "001190012345|||||x"
    type_text(line, delay=60)  # a person: 60 ms between keys
    press(Qt.Key.Key_Return)
    assert widget.other.notes.text() == line
    assert scans == [] and failures == []
    assert widget.applicant.full_name.text() == ""


@pytest.mark.parametrize("field", ["full_name", "id_type", "birth_date", "commune", "sets", "doc"])
def test_scan_into_any_field_is_undone(qtbot, ctx, field) -> None:
    widget = open_intake(qtbot, ctx)
    widget.set_procedure(widget.picker.by_code("1.001612"))
    widget.applicant.address.setText("Thôn 3")
    editor = {
        "full_name": widget.applicant.full_name,
        "id_type": widget.applicant.id_type,
        "birth_date": widget.applicant.birth_date,
        "commune": widget.applicant.commune,
        "sets": widget.checklist.sets,
        "doc": widget.checklist.rows[1].check,
    }[field]
    editor.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor)
    before = widget.state()
    scanner_burst(QR_LINE)
    after = widget.state()
    assert after["full_name"] == "Nguyễn Thị Minh Khai"
    # Everything the QR does not carry is as it was before the burst.
    for key in ("ward_text", "sets", "documents", "id_type", "procedure_code", "notes"):
        assert after[key] == before[key], key
    assert not widget.applicant.commune_search.popup_visible()
    # Not the procedure already chosen: the first field still empty (the phone).
    assert QApplication.focusWidget() is widget.applicant.phone


def test_validation_errors_block_and_warnings_do_not(qtbot, ctx, service) -> None:
    widget = open_intake(qtbot, ctx)
    type_text("Trần Văn Bảy")
    widget.applicant.id_number.setFocus()
    type_text("0011900")  # too short: an error, grey while still typing
    msg = widget.checks.slots["id_number"].message
    assert msg.isVisible() and "#666666" in msg.text()
    press(Qt.Key.Key_Return)  # leaving the field makes it red
    assert "#b71c1c" in msg.text()
    widget.applicant.email.setText("tran@gmail.con")  # a warning only
    assert "gmail.com" in widget.checks.slots["email"].message.text()
    widget.set_procedure(widget.picker.by_code("2.000884"))
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "lỗi" in widget.message.text()
    assert QApplication.focusWidget() is widget.applicant.id_number
    assert widget.actions.preview is None
    drain(qtbot, ctx)
    assert service.search.dossiers("Trần Văn Bảy") == []

    widget.applicant.id_number.clear()
    type_text("001090012345")
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: widget.actions.preview is not None)
    drain(qtbot, ctx)
    dossier = service.dossiers.get(widget.actions.last_code)
    assert dossier["applicant"]["email"] == "tran@gmail.con"
    assert "gmail.com" in widget.result_banner.details.text()  # the warning is shown with the code


def test_draft_is_saved_while_typing_and_offered_back(qtbot, ctx, service) -> None:
    widget = open_intake(qtbot, ctx, register=False)  # destroyed below, as by a crash
    type_text("Lê Văn Tám")
    press(Qt.Key.Key_Return)
    press(Qt.Key.Key_Return)
    type_text("001090012345")
    press(Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    type_text("ho kinh doanh")
    qtbot.waitUntil(widget.picker.search.popup_visible)
    press(Qt.Key.Key_Return)
    assert widget.procedure["code"] == "1.001612"
    press(Qt.Key.Key_Space)  # untick the first document
    assert not widget.checklist.rows[0].check.isChecked()

    # Saved by the autosave itself (debounced), before anything closes.
    def draft_complete() -> bool:
        draft = drafts.load_draft(service, "an.nv")
        return bool(draft) and draft["documents"][:1] == [dict(widget.checklist.state()[0])]

    qtbot.waitUntil(draft_complete)
    expected = widget.state()

    widget.close()
    widget.deleteLater()
    drain(qtbot, ctx)

    again = open_intake(qtbot, ctx)
    qtbot.waitUntil(again.draft_banner.isVisible)
    assert "Khôi phục hồ sơ đang nhập dở?" in again.draft_banner.text.text()
    assert "Lê Văn Tám" in again.draft_banner.text.text()
    shot(again, "intake-draft-offer")
    assert QApplication.focusWidget() is again.draft_banner.restore_button
    press(Qt.Key.Key_Return)
    assert not again.draft_banner.isVisible()
    assert again.state() == expected
    assert not again.checklist.rows[0].check.isChecked()

    # Discarding works too, and an empty form leaves no draft behind.
    again.new_intake()
    drain(qtbot, ctx)
    qtbot.waitUntil(lambda: drafts.load_draft(service, "an.nv") is None)
    again.undo_clear()
    assert again.applicant.full_name.text() == "Lê Văn Tám"


def test_supplement_from_intake_records_then_requests(qtbot, ctx, service) -> None:
    widget = open_intake(qtbot, ctx)
    type_text("Phạm Thị Hoa")
    widget.set_procedure(widget.picker.by_code("1.004873"))
    widget.checklist.rows[1].check.setChecked(False)  # the second document is missing
    widget.buttons.supplement.click()
    dialog = widget.actions.dialog
    qtbot.waitUntil(dialog.isVisible)
    items = [dialog.list.item(i) for i in range(dialog.list.count())]
    assert [i.checkState() == Qt.CheckState.Checked for i in items] == [False, True]
    dialog.reason_edit.setText("Thiếu trích lục khai tử")
    dialog.submit()
    qtbot.waitUntil(
        lambda: widget.actions.preview is not None and widget.actions.preview.isVisible()
    )
    drain(qtbot, ctx)
    dossier = service.dossiers.get(widget.actions.last_code)
    assert dossier["status"] == 5
    requested = dossier["events"][-1]["detail"]["documents"]
    assert any("Bản án, quyết định ly hôn" in d["name"] for d in requested)
    assert "BỔ SUNG" in pdf_text(widget.actions.preview.pdf_bytes)
    assert widget.is_empty()


def test_refusal_from_intake_prints_mau_03(qtbot, ctx, service) -> None:
    widget = open_intake(qtbot, ctx)
    type_text("Đỗ Văn Nam")
    widget.set_procedure(widget.picker.by_code("1.000894"))
    widget.buttons.refuse.click()
    dialog = widget.actions.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.submit()  # no reason: refused by the form, dialog stays
    assert dialog.isVisible() and dialog.error_label.isVisible()
    dialog.reasons_edit.setPlainText("Không thuộc thẩm quyền giải quyết\nThiếu tờ khai")
    dialog.submit()
    qtbot.waitUntil(
        lambda: widget.actions.preview is not None and widget.actions.preview.isVisible()
    )
    drain(qtbot, ctx)
    text = pdf_text(widget.actions.preview.pdf_bytes)
    assert "TỪ CHỐI" in text and "Không thuộc thẩm quyền" in text
    assert widget.is_empty()
    # The refused dossier is on record with its code, status 3 and the reasons.
    [row] = service.search.dossiers("do van nam")
    dossier = service.dossiers.get(row["code"])
    assert dossier["status"] == 3 and dossier["events"][-1]["by"] == "an.nv"
    assert "Không thuộc thẩm quyền" in dossier["events"][-1]["reason"]
    assert row["code"] in text
    assert service.audit.verify().ok


def test_retyping_the_procedure_keeps_the_checklist(qtbot, ctx) -> None:
    widget = open_intake(qtbot, ctx)
    widget.set_procedure(widget.picker.by_code("1.001612"))
    widget.checklist.rows[0].check.setChecked(False)
    widget.fees.rows[0].paid.setChecked(True)
    widget.picker.edit.setFocus()
    widget.picker.edit.selectAll()
    type_text("ho kinh")  # un-chooses the procedure while typing
    assert widget.procedure is None
    assert "Chưa chọn thủ tục" in widget.checks.slots["procedure"].message.text()
    press(Qt.Key.Key_Return)  # picks the same procedure again
    assert widget.procedure["code"] == "1.001612"
    assert not widget.checklist.rows[0].check.isChecked()
    assert widget.fees.rows[0].paid.isChecked()
    # Another procedure: a fresh checklist.
    widget.set_procedure(widget.picker.by_code("1.004873"))
    assert all(row.check.isChecked() for row in widget.checklist.rows)


def test_scanner_that_presses_shift_for_capitals(qtbot, ctx) -> None:
    """HID scanners send Shift before capitals; that must not end the burst."""
    widget = open_intake(qtbot, ctx)
    widget.other.notes.setFocus()
    type_text("Hẹn chiều thứ 3")  # ends in a digit, right before the burst
    shift = Qt.KeyboardModifier.ShiftModifier
    for ch in QR_LINE:
        if ch.isupper():
            QTest.sendKeyEvent(QTest.KeyAction.Press, focused(), Qt.Key.Key_Shift, "", shift)
            QTest.sendKeyEvent(QTest.KeyAction.Click, focused(), key_for(ch), ch, shift)
            QTest.sendKeyEvent(QTest.KeyAction.Release, focused(), Qt.Key.Key_Shift, "", shift)
        else:
            type_text(ch)
    # No Enter: the burst ends after a short silence.
    qtbot.waitUntil(lambda: widget.applicant.full_name.text() == "Nguyễn Thị Minh Khai")
    assert widget.applicant.address.text().startswith("Số 5 ngõ 12")
    assert widget.applicant.id_number.text() == "001190012345"
    assert widget.other.notes.text() == "Hẹn chiều thứ 3"  # the person's own "3" is kept


def test_drafts_follow_the_signed_in_officer(qtbot, ctx, service) -> None:
    widget = open_intake(qtbot, ctx)
    type_text("Vũ Thị Lan")
    qtbot.waitUntil(
        lambda: (drafts.load_draft(service, "an.nv") or {}).get("full_name") == "Vũ Thị Lan"
    )

    # Signing out leaves nothing of the citizen on screen; the draft stays.
    ctx.officer = None
    ctx.signals.signed_out.emit()
    assert widget.is_empty() and not widget.draft_banner.isVisible()

    other = Officer("binh.tt", "Trần Thị Bình", "officer")
    ctx.officer = other
    ctx.signals.signed_in.emit(other)
    drain(qtbot, ctx)
    assert widget.is_empty() and not widget.draft_banner.isVisible()
    type_text("Hồ Văn Minh")
    qtbot.waitUntil(
        lambda: (drafts.load_draft(service, "binh.tt") or {}).get("full_name") == "Hồ Văn Minh"
    )

    back = Officer("an.nv", "Nguyễn Văn An", "admin")
    ctx.officer = back
    ctx.signals.signed_in.emit(back)
    qtbot.waitUntil(widget.draft_banner.isVisible)
    assert "Vũ Thị Lan" in widget.draft_banner.text.text()
    widget.drafts.restore()
    assert widget.applicant.full_name.text() == "Vũ Thị Lan"
    assert drafts.load_draft(service, "binh.tt")["full_name"] == "Hồ Văn Minh"


def test_every_rule_message_of_the_form_model_reaches_lupdate() -> None:
    from counter_app.gui.intake.fields import RULE_MESSAGES
    from counter_app.services.intake_form import MESSAGES

    assert set(MESSAGES.values()) <= set(RULE_MESSAGES)


def test_scanned_name_without_its_marks_asks_the_officer(qtbot, ctx) -> None:
    """Issue 13: a keyboard-mode scanner typed "?" for the Vietnamese letters."""
    from counter_app.domain.cccd_qr import parse_cccd_qr

    widget = open_intake(qtbot, ctx)
    qr = parse_cccd_qr("079303001234||Nguy?n Th? H??ng|15082003|N?|S? 5 H?ng B?c|20042021")
    widget.scan.apply_scan(qr)
    assert "mất dấu" in widget.message.text() and "Nguy?n" in widget.message.text()
    assert widget.applicant.full_name.hasFocus()
    assert widget.applicant.full_name.selectedText() == "Nguy?n Th? H??ng"


def test_after_a_scan_the_focus_goes_to_the_first_empty_field(qtbot, ctx) -> None:
    """Issue 12: with the procedure chosen, a scan left the focus on it; it goes on to
    what is still empty, in Tab order, and to the checklist once everything is filled."""
    from counter_app.domain.cccd_qr import parse_cccd_qr

    widget = open_intake(qtbot, ctx)
    widget.set_procedure(widget.picker.by_code("1.004873"))
    widget.applicant.phone.setText("0912345678")
    widget.picker.edit.setFocus()
    qr = parse_cccd_qr(QR_LINE)
    widget.scan.apply_scan(qr)
    assert QApplication.focusWidget() is widget.applicant.commune  # the address came in
    widget.applicant.set_commune(70, "")
    widget.picker.edit.setFocus()
    widget.scan.apply_scan(qr)
    assert widget.applicant.commune_search.payload == 70
    assert QApplication.focusWidget() is widget.checklist.rows[0].check
