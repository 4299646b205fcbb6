"""The dossier detail dialog and the PDF preview, against a real service in tmp_path."""

from __future__ import annotations

import io
import os
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import intake
from pypdf import PdfReader
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget

from counter_app.domain.status import ALLOWED, Status
from counter_app.forms import render_receipt
from counter_app.forms.formats import parse_moment
from counter_app.gui.context import AppContext
from counter_app.gui.dialogs.preview import PreviewDialog
from counter_app.gui.dossier.actions import action_label
from counter_app.gui.dossier.detail import DossierDetailDialog
from counter_app.gui.widgets.messages import error_text
from counter_app.store import drafts

SHOTS = os.environ.get("COUNTER_GUI_SHOTS", "")  # a folder: save screenshots there


@pytest.fixture
def ctx(gui_context) -> AppContext:
    return gui_context("binh.tt")


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


def drain(qtbot, ctx: AppContext) -> None:
    qtbot.waitUntil(lambda: ctx.pending_jobs == 0)


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def pdf_text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def open_detail(qtbot, ctx: AppContext, code: str) -> DossierDetailDialog:
    dialog = DossierDetailDialog(ctx, code)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.dossier is not None and not dialog.loading)
    return dialog


def act(qtbot, ctx, dialog: DossierDetailDialog, target: int, **fields: str):
    """Press the action button for `target`, fill the form, submit, wait for the reload."""
    assert set(dialog.action_buttons) == set(
        int(s) for s in ALLOWED[Status(dialog.dossier["status"])]
    )
    dialog.action_buttons[target].click()
    form = dialog.action_dialog
    qtbot.waitUntil(form.isVisible)
    for name, value in fields.items():
        widget = getattr(form, name)
        if hasattr(widget, "setPlainText"):
            widget.setPlainText(value)
        else:
            widget.setText(value)
    form.submit()
    drain(qtbot, ctx)
    qtbot.waitUntil(lambda: not dialog.loading)
    return form


def test_error_text_keeps_the_vietnamese_part() -> None:
    from counter_app.services import InputError

    error = InputError("status", "Không thể chuyển hồ sơ. / Illegal transition 2 -> 3.")
    assert error_text(error) == "Không thể chuyển hồ sơ."
    assert error_text(ValueError("Lỗi / lỗi khác")) == "Lỗi / lỗi khác"


def test_drafts_roundtrip_per_officer(service) -> None:
    assert drafts.load_draft(service, "an.nv") is None
    drafts.save_draft(service, "an.nv", {"full_name": "Nguyễn Văn A", "sets": 2})
    drafts.save_draft(service, "an.nv", {"full_name": "Nguyễn Văn B"})
    drafts.save_draft(service, "binh.tt", {"full_name": "Trần C"})
    assert drafts.load_draft(service, "an.nv")["full_name"] == "Nguyễn Văn B"
    assert drafts.load_draft(service, "binh.tt")["full_name"] == "Trần C"
    drafts.clear_draft(service, "an.nv")
    assert drafts.load_draft(service, "an.nv") is None
    assert drafts.load_draft(service, "binh.tt") is not None


def test_action_labels_cover_every_transition() -> None:
    for source, targets in ALLOWED.items():
        for target in targets:
            assert action_label(int(source), int(target))


def test_drive_a_dossier_to_returned(qtbot, ctx, service, printed_pdf) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    dialog = open_detail(qtbot, ctx, code)
    assert dialog.code_label.text() == code
    assert "Nguyễn Thị Minh Khai" in dialog.overview.fields["full_name"].text()
    assert dialog.overview.documents_table.rowCount() == 2
    assert "15.000 đồng" in dialog.overview.fees_total.text()
    shot(dialog, "detail-received")

    act(qtbot, ctx, dialog, 4)  # start processing, no reason needed
    assert dialog.dossier["status"] == 4
    shot(dialog, "detail-processing")

    # Supplement: pick a document, give the reason -> Mẫu 02 previewed and printable.
    dialog.action_buttons[5].click()
    form = dialog.action_dialog
    qtbot.waitUntil(form.isVisible)
    form.submit()  # nothing chosen: the form says so and stays
    assert form.isVisible() and "giấy tờ" in form.error_label.text()
    form.list.item(1).setCheckState(Qt.CheckState.Checked)
    form.reason_edit.setText("Thiếu bản án ly hôn")
    shot(form, "detail-supplement-form")
    form.submit()
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.preview.isVisible())
    drain(qtbot, ctx)
    assert dialog.dossier["status"] == 5
    text = pdf_text(dialog.preview.pdf_bytes)
    assert "BỔ SUNG" in text and "Thiếu bản án ly hôn" in text
    dialog.preview.print_document()
    qtbot.waitUntil(lambda: dialog.preview.printed)
    drain(qtbot, ctx)
    dialog.preview.close()

    # The supplement arrives: back to processing, old and new appointment shown.
    old_due = dialog.dossier["due_at"]
    act(qtbot, ctx, dialog, 4)
    assert dialog.dossier["status"] == 4
    assert "Hẹn trả cũ" in dialog.message.text() and "→" in dialog.message.text()
    changes = service.dossiers.get(code)["due_changes"]
    assert changes[-1]["kind"] == "supplement" and changes[-1]["old_due"] == old_due
    assert dialog.due_table.rowCount() == 1

    act(qtbot, ctx, dialog, 6)
    act(qtbot, ctx, dialog, 9)
    form = act(qtbot, ctx, dialog, 10, name_edit="Nguyễn Văn Nhận", id_edit="001090012345")
    assert not form.isVisible()
    assert dialog.dossier["status"] == 10
    assert dialog.action_buttons == {}
    assert dialog.no_actions_label.isVisible()
    assert not dialog.move_button.isEnabled()

    saved = service.dossiers.get(code)
    assert [e["to_status"] for e in saved["events"]] == [2, 4, 5, 4, 6, 9, 10]
    assert [e["by"] for e in saved["events"][1:]] == ["binh.tt"] * 6
    assert "Thiếu bản án ly hôn" in saved["events"][2]["reason"]
    assert saved["collected_by"] == "Nguyễn Văn Nhận"
    assert saved["collected_id_number"] == "001090012345"
    assert [(p["form"], p["copy"]) for p in saved["prints"]] == [("supplement", "Giao người nộp")]
    assert dialog.events_table.rowCount() == 7
    assert dialog.prints_table.rowCount() == 1
    shot(dialog, "detail-returned")
    dialog.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: dialog.events_table.rowHeight(2) < 60)  # wrapped, not stretched
    shot(dialog, "detail-history")


@pytest.mark.parametrize("target", [7, 8])
def test_withdraw_and_stop_need_a_reason(qtbot, ctx, service, target) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    dialog = open_detail(qtbot, ctx, code)
    form = act(qtbot, ctx, dialog, target)  # no reason: refused by the form itself
    assert form.isVisible() and form.error_label.isVisible()
    assert service.dossiers.get(code)["status"] == 2
    form.reason_edit.setText("Công dân đề nghị")
    form.submit()
    drain(qtbot, ctx)
    qtbot.waitUntil(lambda: dialog.dossier["status"] == target)
    assert not form.isVisible()
    assert service.dossiers.get(code)["events"][-1]["reason"] == "Công dân đề nghị"
    if target == 8:  # a stopped dossier is still handed back
        act(qtbot, ctx, dialog, 10)
        assert dialog.dossier["status"] == 10
    else:
        assert dialog.action_buttons == {}


def test_refuse_from_supplement_prints_mau_03(qtbot, ctx, service) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    service.dossiers.change_status(code, 5, by="an.nv", reason="Thiếu tờ khai")
    dialog = open_detail(qtbot, ctx, code)
    assert set(dialog.action_buttons) == {2, 3, 4, 7, 8}
    act(qtbot, ctx, dialog, 3, reasons_edit="Quá hạn bổ sung\nKhông đủ điều kiện")
    qtbot.waitUntil(lambda: dialog.preview is not None)
    assert dialog.dossier["status"] == 3
    assert (
        service.dossiers.get(code)["events"][-1]["reason"] == "Quá hạn bổ sung\nKhông đủ điều kiện"
    )
    assert "Quá hạn bổ sung" in pdf_text(dialog.preview.pdf_bytes)


def test_move_appointment_with_reason(qtbot, ctx, service) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    dialog = open_detail(qtbot, ctx, code)
    old_due = parse_moment(dialog.dossier["due_at"])
    form = dialog.move_due()
    qtbot.waitUntil(form.isVisible)
    assert form.weekday_label.text().startswith("Thứ")

    # A date before reception: the service refuses, the form keeps what was typed.
    form.when_edit.setDateTime(QDateTime(old_due - timedelta(days=30)))
    form.reason_edit.setText("Chờ xác minh")
    form.submit()
    drain(qtbot, ctx)
    assert form.isVisible()
    assert "sau thời điểm tiếp nhận" in form.error_label.text()
    assert form.reason_edit.text() == "Chờ xác minh"

    new_due = old_due + timedelta(days=2)
    form.when_edit.setDateTime(QDateTime(new_due))
    form.submit()
    drain(qtbot, ctx)
    qtbot.waitUntil(lambda: not dialog.loading and dialog.due_table.rowCount() == 1)
    assert not form.isVisible()
    change = service.dossiers.get(code)["due_changes"][-1]
    assert change["kind"] == "moved" and change["reason"] == "Chờ xác minh"
    assert parse_moment(change["new_due"]) == new_due
    assert "Đã dời ngày hẹn" in dialog.message.text()


def test_reprint_with_reason_is_logged(qtbot, ctx, service, printed_pdf) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    dialog = open_detail(qtbot, ctx, code)
    form = dialog.reprint_receipt()
    qtbot.waitUntil(form.isVisible)
    form.submit()  # a reprint needs a reason
    assert form.isVisible() and form.error_label.isVisible()
    form.reason_edit.setText("Công dân làm mất giấy hẹn")
    form.submit()
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.preview.isVisible())
    preview = dialog.preview
    assert "BẢN IN LẠI" in pdf_text(preview.pdf_bytes).upper()
    shot(preview, "preview-reprint")
    preview.print_document()
    qtbot.waitUntil(lambda: preview.printed)
    drain(qtbot, ctx)
    qtbot.waitUntil(lambda: dialog.prints_table.rowCount() == 2)
    prints = service.dossiers.get(code)["prints"]
    assert {p["reprint_reason"] for p in prints} == {"Công dân làm mất giấy hẹn"}
    assert [p["copy"] for p in prints] == ["Liên 1: Lưu", "Liên 2: Giao người nộp"]
    assert all(p["officer"] == "binh.tt" and p["form"] == "receipt" for p in prints)
    assert printed_pdf.read_bytes().startswith(b"%PDF")


def test_control_sheet(qtbot, ctx, service) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    dialog = open_detail(qtbot, ctx, code)
    dialog.control_button.click()
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.preview.isVisible())
    assert "KIỂM SOÁT" in pdf_text(dialog.preview.pdf_bytes)
    assert dialog.preview.page_count >= 1


def test_unknown_dossier_shows_the_error(qtbot, ctx) -> None:
    dialog = DossierDetailDialog(ctx, "KHONG-CO")
    qtbot.addWidget(dialog)
    dialog.show()
    drain(qtbot, ctx)
    assert dialog.message.isVisible()
    assert "Không tìm thấy hồ sơ" in dialog.message.text()
    assert not dialog.actions_box.isEnabled()


def test_preview_loads_saves_and_remembers_paper(
    qtbot, ctx, service, monkeypatch, tmp_path
) -> None:
    dossier = service.intake.receive(intake()).dossier
    centre = service.settings.centre()
    pdf = render_receipt(dossier, centre)
    printed = []
    preview = PreviewDialog(
        ctx,
        pdf,
        title="Giấy tiếp nhận",
        on_printed=printed.append,
        copies=("Liên 1", "Liên 2"),
        paper="a4",
        rerender=lambda paper: render_receipt(dossier, centre, paper=paper),
    )
    qtbot.addWidget(preview)
    preview.show()
    assert preview.page_count == 2
    assert "2 trang" in preview.pages_label.text()

    target = tmp_path / "out" / "bien-nhan"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    preview.save_button.click()
    drain(qtbot, ctx)
    saved = target.with_name("bien-nhan.pdf")
    assert saved.read_bytes() == pdf
    assert "Đã lưu" in preview.status_label.text()
    assert printed == [["Liên 1", "Liên 2"]]  # a saved form counts as printed
    printed.clear()

    # A cancelled save dialog does nothing.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    preview.save_button.click()
    drain(qtbot, ctx)

    # 80 mm: re-rendered off the GUI thread, and remembered for next time.
    preview.paper_combo.setCurrentIndex(preview.paper_combo.findData("80mm"))
    drain(qtbot, ctx)
    assert preview.paper == "80mm"
    assert preview.pdf_bytes != pdf
    assert service.settings.get("paper") == "80mm"

    # Printing to a PDF printer: every page painted, copies reported.
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    preview.print_to(printer)
    drain(qtbot, ctx)
    assert printed == [["Liên 1", "Liên 2"]]
    assert len(PdfReader(str(out)).pages) == preview.page_count


def test_actions_by_keyboard(qtbot, ctx, service) -> None:
    from PySide6.QtTest import QTest

    code = service.intake.receive(intake()).dossier["code"]
    dialog = open_detail(qtbot, ctx, code)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.focusWidget() is dialog.action_buttons[4]

    def keys(key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        # The offscreen platform does not give the focus back after a sub-dialog closes
        # (a window manager does): fall back to the detail dialog's own focus widget.
        target = QApplication.focusWidget() or dialog.focusWidget() or dialog
        QTest.keyClick(target, key, modifier)

    keys(Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)  # "Bắt đầu &xử lý"
    qtbot.waitUntil(lambda: dialog.action_dialog is not None and dialog.action_dialog.isVisible())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.action_dialog.reason_edit)
    keys(Qt.Key.Key_Return)  # the reason is optional here: Enter confirms
    qtbot.waitUntil(lambda: dialog.dossier["status"] == 4 and not dialog.loading)
    qtbot.waitUntil(dialog.isActiveWindow)

    previous = dialog.action_dialog
    keys(Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # "&Rút hồ sơ" (an animated click)
    qtbot.waitUntil(lambda: dialog.action_dialog is not previous)
    form = dialog.action_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.reason_edit)
    for ch in "Cong dan xin rut":
        QTest.keyClick(form.reason_edit, ch)
    keys(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.dossier["status"] == 7 and not dialog.loading)
    assert service.dossiers.get(code)["events"][-1]["reason"] == "Cong dan xin rut"


def test_a_cancelled_or_failed_first_print_is_no_print(qtbot, ctx, service, tmp_path) -> None:
    """Cancel Qt's print dialog, then fail a print: nothing logged, so the next print is
    still the first (no reason asked, no "BẢN IN LẠI"); only a delivered print counts."""
    from PySide6.QtCore import QTimer

    code = service.intake.receive(intake()).dossier["code"]
    dialog = open_detail(qtbot, ctx, code)
    assert dialog.reprint_button.text() == "In &biên nhận…"
    dialog.reprint_button.click()
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.preview.isVisible())
    preview = dialog.preview
    assert dialog.action_dialog is None  # no reason asked for a first print
    assert "BẢN IN LẠI" not in pdf_text(preview.pdf_bytes).upper()

    cancelled = []

    def cancel() -> None:  # answer the real QPrintDialog opened by print_document
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, QPrintDialog):
            QTimer.singleShot(20, cancel)
            return
        cancelled.append(modal.windowTitle())
        modal.reject()

    QTimer.singleShot(0, cancel)
    preview.print_document()
    assert cancelled and not preview.printed

    # A print that fails (the PDF "printer" cannot open its file): reported, not logged.
    broken = QPrinter(QPrinter.PrinterMode.HighResolution)
    broken.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    broken.setOutputFileName(str(tmp_path / "no-such-folder" / "out.pdf"))
    preview.print_to(broken)
    drain(qtbot, ctx)
    assert not preview.printed and "máy in" in preview.status_label.text().lower()
    preview.close()
    drain(qtbot, ctx)
    assert service.dossiers.get(code)["prints"] == []

    # Next time: still the first print; printed for real, it is logged without a reason.
    dialog.reprint_button.click()
    qtbot.waitUntil(lambda: dialog.preview is not preview and dialog.preview.isVisible())
    assert dialog.action_dialog is None
    preview = dialog.preview
    assert "BẢN IN LẠI" not in pdf_text(preview.pdf_bytes).upper()
    good = QPrinter(QPrinter.PrinterMode.HighResolution)
    good.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    good.setOutputFileName(str(tmp_path / "printed.pdf"))
    preview.print_to(good)
    qtbot.waitUntil(lambda: preview.printed)
    drain(qtbot, ctx)
    qtbot.waitUntil(lambda: dialog.prints_table.rowCount() == 2)
    assert [p["reprint_reason"] for p in service.dossiers.get(code)["prints"]] == ["", ""]
    preview.close()

    # Now it is a reprint: the button says so and asks for the reason.
    qtbot.waitUntil(lambda: dialog.reprint_button.text() == "In lại &biên nhận…")
    dialog.reprint_button.click()
    qtbot.waitUntil(lambda: dialog.action_dialog is not None and dialog.action_dialog.isVisible())
    assert dialog.action_dialog.reason_edit is not None


def test_a_saved_pdf_counts_as_printed(qtbot, ctx, service, monkeypatch, tmp_path) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    dialog = open_detail(qtbot, ctx, code)
    dialog.reprint_button.click()
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.preview.isVisible())
    target = tmp_path / "bien-nhan.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog.preview.save_button.click()
    drain(qtbot, ctx)
    qtbot.waitUntil(lambda: dialog.prints_table.rowCount() == 2)
    assert target.read_bytes().startswith(b"%PDF")
    assert service.prints.was_printed(code, "receipt")
