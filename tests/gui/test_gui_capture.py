"""Digitisation in the GUI (issue 16, step 4): the capture dialog, capture at intake and at
hand-back, and the detail's "Tài liệu số hóa" tab — real widgets, real service folders."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from capture_gui import WAIT, drain, open_detail, sample_files
from conftest import FORM_APPLICANT, intake
from pypdf import PdfReader
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget
from wia_fake import FakeDeviceManager, FakeScanner

from counter_app.capture import wia
from counter_app.domain import limits
from counter_app.gui.capture.dialog import CaptureDialog
from counter_app.gui.context import AppContext
from counter_app.gui.intake import IntakeWidget
from counter_app.gui.operations import OpChanges, alive, publish
from counter_app.store import capture_spool, drafts

SHOTS = os.environ.get("COUNTER_GUI_SHOTS", "")


@pytest.fixture
def ctx(gui_context) -> AppContext:
    return gui_context("an.nv")


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return sample_files(tmp_path / "in")


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def origins(dialog: CaptureDialog) -> list[tuple[str, int]]:
    return [(p.origin, p.rotation) for p in dialog.draft.pages]


def open_dialog(qtbot, ctx: AppContext, **options) -> CaptureDialog:
    dialog = CaptureDialog(ctx, "Tờ khai", **options)
    dialog.show()
    qtbot.waitExposed(dialog)
    drain(qtbot, ctx)
    return dialog


def add(qtbot, ctx: AppContext, dialog: CaptureDialog, *paths: Path) -> None:
    dialog.add_paths(list(paths))
    drain(qtbot, ctx)
    assert not dialog.busy


def test_pages_from_files_reordered_rotated_removed_and_previewed(
    qtbot, ctx, files, tmp_path
) -> None:
    dialog = open_dialog(qtbot, ctx)
    add(qtbot, ctx, dialog, files["png"], files["pdf"])
    assert dialog.pages.count() == 3 and dialog.pages_label.text() == "3 trang"
    assert [o for o, _ in origins(dialog)] == ["trang-a.png", "hai-trang.pdf", "hai-trang.pdf"]
    picture = dialog.pages.item(1).icon().pixmap(150, 150).toImage()  # a PDF page: its text
    assert any(
        picture.pixelColor(x, y).lightness() < 128
        for x in range(picture.width())
        for y in range(picture.height())
    )

    pages = dialog.pages
    pages.setFocus()
    pages.setCurrentRow(0)
    qtbot.keyClick(pages, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # page 1 -> 2
    assert [o for o, _ in origins(dialog)] == ["hai-trang.pdf", "trang-a.png", "hai-trang.pdf"]
    assert pages.currentRow() == 1
    qtbot.keyClick(pages, Qt.Key.Key_R)  # turn the PNG right
    qtbot.keyClick(pages, Qt.Key.Key_R)
    qtbot.keyClick(pages, Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)  # and back once
    assert origins(dialog)[1] == ("trang-a.png", 90)
    qtbot.keyClick(pages, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # back to page 1
    assert origins(dialog)[0] == ("trang-a.png", 90)
    pages.setCurrentRow(2)
    qtbot.keyClick(pages, Qt.Key.Key_Delete)
    assert dialog.pages.count() == 2 and len(dialog.draft.pages) == 2
    shot(dialog, "capture-dialog")

    # A refused file: its error next to the pages, the pages as they were.
    add(qtbot, ctx, dialog, files["jpg"], files["bad"])
    assert dialog.message.isVisible() and "hong.jpg" in dialog.message.text()
    assert dialog.pages.count() == 2  # all or none: the good JPEG did not come in either
    shot(dialog, "capture-dialog-refused")

    # The preview shows the PDF that would be stored; closed, it is destroyed.
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.preview.isVisible(), timeout=WAIT)
    preview = dialog.preview
    assert preview.page_count == 2
    reader = PdfReader(io.BytesIO(preview.pdf_bytes))
    assert len(reader.pages) == 2 and reader.pages[0].rotation == 90
    document = preview.document
    qtbot.keyClick(preview, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not alive(preview) and not alive(document), timeout=WAIT)
    assert dialog.preview is None
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT)

    # Save keeps the draft; the dialog deletes itself once closed.
    kept = []
    dialog.accepted.connect(lambda: kept.append(dialog.draft))
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(kept), timeout=WAIT)
    assert len(kept[0].pages) == 2
    qtbot.waitUntil(lambda: not alive(dialog), timeout=WAIT)


def test_files_dropped_on_the_page_list_become_pages(qtbot, ctx, files) -> None:
    dialog = open_dialog(qtbot, ctx)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(files["png"])), QUrl.fromLocalFile(str(files["jpg"]))])
    viewport = dialog.pages.viewport()
    enter = QDragEnterEvent(
        QPoint(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, drop)
    drain(qtbot, ctx)
    assert [o for o, _ in origins(dialog)] == ["trang-a.png", "trang-b.jpg"]
    dialog.reject()
    qtbot.waitUntil(lambda: not alive(dialog), timeout=WAIT)


def test_save_with_nothing_says_so(qtbot, ctx) -> None:
    dialog = open_dialog(qtbot, ctx)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "Chưa có trang nào" in dialog.message.text()
    dialog.reject()


# --------------------------------------------------------------------------- intake


def open_intake(qtbot, ctx: AppContext, *, register: bool = True) -> IntakeWidget:
    widget = IntakeWidget(ctx)
    if register:  # not one the test destroys itself
        qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    drain(qtbot, ctx)
    assert widget.ready
    return widget


def capture_row(qtbot, ctx, page: IntakeWidget, index: int, *paths: Path) -> None:
    """Click the row's 📷, add the files, Ctrl+S."""
    row = page.checklist.rows[index]
    qtbot.mouseClick(row.capture, Qt.MouseButton.LeftButton)
    dialog = page.captures.dialog
    assert dialog is not None and dialog.isVisible()
    add(qtbot, ctx, dialog, *paths)
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not alive(dialog), timeout=WAIT)


def test_intake_captures_per_row_and_stores_them_with_the_dossier(
    qtbot, ctx, service, files, monkeypatch
) -> None:
    page = open_intake(qtbot, ctx)
    documents = service.catalogue.procedure("1.004873")["documents"]
    page.apply_state(dict(FORM_APPLICANT, documents=[dict(d, checked=True) for d in documents]))
    assert len(page.checklist.rows) == 2
    capture_row(qtbot, ctx, page, 0, files["png"], files["pdf"])
    row = page.checklist.rows[0]
    assert row.capture.text() == "✔ 3 tr." and row.check.isChecked()
    # F8 from the second row's tick box captures for that row.
    qtbot.waitUntil(page.isActiveWindow, timeout=WAIT)
    page.checklist.rows[1].check.setFocus()
    qtbot.keyClick(page.checklist.rows[1].check, Qt.Key.Key_F8)
    dialog = page.captures.dialog
    assert dialog is not None and dialog.isVisible()
    add(qtbot, ctx, dialog, files["jpg"])
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not alive(dialog), timeout=WAIT)
    # "Giấy tờ khác": a row added and captured.
    qtbot.mouseClick(page.checklist.add_button, Qt.MouseButton.LeftButton)
    page.checklist.rows[2].name_edit.setText("Giấy ủy quyền")
    capture_row(qtbot, ctx, page, 2, files["png"])
    shot(page, "intake-captured")

    # A refused save loses neither the form nor the pages.
    monkeypatch.setattr(limits, "DOSSIER_ATTACHMENTS_BYTES_MAX", 1000)
    page.actions.save_and_print()
    drain(qtbot, ctx)
    assert "Chưa lưu được hồ sơ" in page.message.text() and "MB" in page.message.text()
    assert page.applicant.full_name.text() == "Nguyễn Thị Minh Khai"
    assert page.checklist.rows[0].capture.text() == "✔ 3 tr."
    assert not service.search.dossiers("minh khai", limit=10)
    monkeypatch.undo()

    page.actions.save_and_print()
    qtbot.waitUntil(lambda: page.actions.preview is not None, timeout=WAIT)
    drain(qtbot, ctx)
    code = page.actions.last_code
    stored = service.attachments.list(code)
    assert [(r["item"], r["pages"], r["source"]) for r in stored] == [
        (1, 3, "file"),
        (2, 1, "file"),
        (3, 1, "file"),
    ]
    assert stored[2]["label"] == "Giấy ủy quyền"
    assert service.attachments.digitisation(code).missing_items == ()
    assert page.captures.drafts == {} and page.checklist.rows == []
    page.actions.preview.reject()


def test_captured_documents_come_back_after_a_crash_and_are_saved_once(
    qtbot, ctx, service, files
) -> None:
    page = open_intake(qtbot, ctx, register=False)  # destroyed below, as by a crash
    documents = service.catalogue.procedure("1.004873")["documents"]
    page.apply_state(dict(FORM_APPLICANT, documents=[dict(d, checked=True) for d in documents]))
    capture_row(qtbot, ctx, page, 0, files["png"], files["pdf"])
    qtbot.mouseClick(page.checklist.add_button, Qt.MouseButton.LeftButton)
    page.checklist.rows[2].name_edit.setText("Giấy ủy quyền")
    capture_row(qtbot, ctx, page, 2, files["jpg"])
    assert page.checklist.rows[2].capture.text() == "✔ 1 tr."

    # The autosave names both documents, which wait encrypted in the spool.
    def draft_names_both() -> bool:
        draft = drafts.load_draft(service, "an.nv")
        return bool(draft) and len(draft.get(capture_spool.DRAFT_KEY) or {}) == 2

    qtbot.waitUntil(draft_names_both, timeout=WAIT)
    spool = capture_spool.files(service.store.folder, service.store.key, "an.nv")
    assert len(list(spool.stored())) == 2

    # A crash: the screen goes without saving; the captured pages lived only in it before.
    page.close()
    page.deleteLater()
    qtbot.waitUntil(lambda: not alive(page), timeout=WAIT)
    drain(qtbot, ctx)

    again = open_intake(qtbot, ctx)
    qtbot.waitUntil(again.draft_banner.isVisible, timeout=WAIT)
    qtbot.mouseClick(again.draft_banner.restore_button, Qt.MouseButton.LeftButton)
    assert again.applicant.full_name.text() == "Nguyễn Thị Minh Khai"
    rows = again.checklist.rows
    assert [r.capture.text() for r in rows] == ["✔ 3 tr.", "📷", "✔ 1 tr."]
    assert rows[2].name_edit.text() == "Giấy ủy quyền"
    shot(again, "intake-captures-restored")
    # The restored document can be edited again: its pages are in the dialog.
    qtbot.mouseClick(rows[0].capture, Qt.MouseButton.LeftButton)
    dialog = again.captures.dialog
    assert dialog is not None and len(dialog.draft.pages) == 3
    dialog.reject()
    qtbot.waitUntil(lambda: not alive(dialog), timeout=WAIT)

    again.actions.save_and_print()
    qtbot.waitUntil(lambda: again.actions.preview is not None, timeout=WAIT)
    drain(qtbot, ctx)
    code = again.actions.last_code
    stored = service.attachments.list(code)
    assert [(r["item"], r["pages"], r["label"]) for r in stored] == [
        (1, 3, documents[0]["name"]),
        (3, 1, "Giấy ủy quyền"),
    ]
    assert "Đã lưu 2 tài liệu số hóa cùng hồ sơ." in again.message.text()
    again.actions.preview.reject()
    qtbot.waitUntil(lambda: drafts.load_draft(service, "an.nv") is None, timeout=WAIT)
    assert list(spool.stored()) == [] and not capture_spool.spooled(service.store.folder)
    assert len(service.search.dossiers("minh khai", limit=10)) == 1


# --------------------------------------------------------------------------- the detail


def test_detail_tab_lists_opens_adds_and_removes_documents(qtbot, ctx, service, files) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    first = service.attachments.attach(code, [files["pdf"]], by="an.nv", item=1)
    dialog = open_detail(qtbot, ctx, code)
    tab = dialog.documents_tab
    dialog.tabs.setCurrentWidget(tab)
    assert tab.table.rowCount() == 1
    assert tab.table.item(0, 1).text() == "2" and tab.table.item(0, 5).text() == "Chờ gửi"

    # Upload states as the sync step records them, shown once the change is published.
    service.attachments.set_upload_state(
        first["id"], "uploading", uploaded_bytes=first["bytes"] // 2
    )
    publish(ctx, OpChanges(all_dossiers=True, from_sync=True))
    qtbot.waitUntil(lambda: tab.table.item(0, 5).text().startswith("Đang gửi 5"), timeout=WAIT)
    service.attachments.set_upload_state(first["id"], "rejected", error="Tệp quá lớn")
    publish(ctx, OpChanges.for_dossier(code))
    qtbot.waitUntil(lambda: "Tệp quá lớn" in tab.table.item(0, 5).text(), timeout=WAIT)
    shot(dialog, "detail-documents")

    # Enter opens it, decrypted, in the preview.
    tab.table.setFocus()
    tab.table.selectRow(0)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.preview is not None and tab.preview.isVisible(), timeout=WAIT)
    assert "PDF mot" in PdfReader(io.BytesIO(tab.preview.pdf_bytes)).pages[0].extract_text()
    preview = tab.preview
    preview.reject()
    qtbot.waitUntil(lambda: not alive(preview), timeout=WAIT)

    # Add one later, for the second checklist item.
    qtbot.waitUntil(lambda: dialog.isActiveWindow() and tab.table.hasFocus(), timeout=WAIT)
    tab.item_combo.setCurrentIndex(1)
    qtbot.keyClick(tab.table, Qt.Key.Key_Insert)
    capture = tab.capture_dialog
    assert capture is not None and capture.code == code
    add(qtbot, ctx, capture, files["png"])
    qtbot.keyClick(capture, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not alive(capture), timeout=WAIT)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 2, timeout=WAIT)
    assert service.attachments.digitisation(code).submitted_done

    # Remove with a reason (required), audited.
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    form = tab.remove_dialog
    form.submit()
    assert form.isVisible() and form.error_label.isVisible()
    form.reason_edit.setText("Quét nhầm hồ sơ khác")
    form.submit()
    qtbot.waitUntil(lambda: not alive(form) and tab.table.rowCount() == 1, timeout=WAIT)
    assert [r["item"] for r in service.attachments.list(code)] == [2]
    removed = (
        service.store.read()
        .execute("SELECT detail FROM audit_log WHERE action = 'attachment.remove'")
        .fetchall()
    )
    assert len(removed) == 1 and "Quét nhầm hồ sơ khác" in removed[0][0]


def test_an_altered_file_shows_its_error(qtbot, ctx, service, files) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    row = service.attachments.attach(code, [files["png"]], by="an.nv", item=1)
    stored = next(p for p in service.attachments.files().directory.rglob(row["sha256"]))
    stored.write_bytes(stored.read_bytes()[:-40] + b"x" * 40)
    dialog = open_detail(qtbot, ctx, code)
    tab = dialog.documents_tab
    tab.open_selected()
    drain(qtbot, ctx)
    assert tab.preview is None and "Không mở được tài liệu" in tab.message.text()


def test_the_result_is_captured_at_hand_back(qtbot, gui_context, service, files) -> None:
    ctx = gui_context("binh.tt")
    code = service.intake.receive(intake()).dossier["code"]
    for target in (4, 6, 9):
        service.dossiers.change_status(code, target, by="binh.tt")
    dialog = open_detail(qtbot, ctx, code)
    dialog.action_buttons[10].click()
    form = dialog.action_dialog
    qtbot.waitUntil(form.isVisible, timeout=WAIT)
    qtbot.mouseClick(form.capture_button, Qt.MouseButton.LeftButton)
    capture = form.capture_dialog
    add(qtbot, ctx, capture, files["pdf"])
    qtbot.keyClick(capture, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not alive(capture), timeout=WAIT)
    assert "2 trang" in form.capture_label.text()
    form.name_edit.setText("Nguyễn Văn Nhận")
    form.submit()
    qtbot.waitUntil(lambda: not alive(form), timeout=WAIT)
    qtbot.waitUntil(lambda: dialog.documents_tab.table.rowCount() == 1, timeout=WAIT)
    (result,) = service.attachments.list(code)
    assert result["kind"] == "result" and result["pages"] == 2
    assert service.dossiers.get(code)["status"] == 10


# --------------------------------------------------------------------------- scanner, folder


def test_scan_with_the_sane_test_device(qtbot, ctx, service, sane_test_device) -> None:
    service.settings.update({"capture_dpi": 75}, actor="test")
    dialog = open_dialog(qtbot, ctx)
    qtbot.waitUntil(lambda: dialog.scan_button.isEnabled(), timeout=60_000)
    index = dialog.scanner_combo.findData(sane_test_device)
    assert index >= 0
    dialog.scanner_combo.setCurrentIndex(index)
    qtbot.keyClick(dialog, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=180_000)
    drain(qtbot, ctx)
    assert len(dialog.draft.pages) == 1 and dialog.draft.source == "scanner"
    shot(dialog, "capture-scanned")
    dialog.reject()


def test_wia_scanner_pages_and_its_jam_in_the_dialog(qtbot, ctx) -> None:
    """A WIA scanner (the fake Automation object model of tests/wia_fake.py) through the
    dialog's source path: its pages join the draft as SANE's do, and a paper jam is the
    dialog's error message, the pages kept."""
    feeder = FakeScanner(feeder_sheets=2, failures=[None, None, wia.WIA_ERROR_PAPER_JAM])
    source = wia.WiaScanner(feeder.device_id, dpi=75, pages=5, manager=FakeDeviceManager(feeder))
    dialog = open_dialog(qtbot, ctx)
    dialog._add_from(source, "Đang quét…")
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT)
    drain(qtbot, ctx)
    assert len(dialog.draft.pages) == 2 and dialog.draft.source == "scanner"
    dialog._add_from(source, "Đang quét…")
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT)
    drain(qtbot, ctx)
    assert dialog.message.text() == (  # the Vietnamese part, as for every error here
        "Máy quét Canon LiDE 300 bị kẹt giấy trong khay nạp: hãy gỡ tờ giấy kẹt rồi quét lại"
    )
    assert len(dialog.draft.pages) == 2
    dialog.reject()


def test_new_scans_in_the_watch_folder_are_offered(qtbot, ctx, service, files, tmp_path) -> None:
    scans = tmp_path / "scans"
    scans.mkdir()
    service.settings.update({"capture_watch_folder": str(scans)}, actor="test")
    dialog = open_dialog(qtbot, ctx)
    qtbot.waitUntil(lambda: dialog.folder_box.isVisible(), timeout=WAIT)
    shutil.copy(files["png"], scans / "scan0001.png")
    qtbot.waitUntil(lambda: dialog.folder_list.count() == 1, timeout=WAIT)  # once settled
    qtbot.keyClick(dialog, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.draft is not None, timeout=WAIT)
    assert dialog.draft.source == "folder" and len(dialog.draft.pages) == 1
    qtbot.waitUntil(lambda: dialog.folder_list.count() == 0, timeout=WAIT)  # taken
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not alive(dialog), timeout=WAIT)
    drain(qtbot, ctx)
    assert (scans / "processed" / "scan0001.png").exists()
    assert not (scans / "scan0001.png").exists()
