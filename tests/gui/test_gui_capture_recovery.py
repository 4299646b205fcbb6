"""A capture dialog open when the app dies (issue 16): at intake and in a dossier's documents
tab, the dialog comes back with its pages and their turns, and keep or cancel ends it — real
widgets, real data folders; the crash is the screen dropped without closing the dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from capture_gui import WAIT, drain, open_detail, sample_files
from conftest import FORM_APPLICANT, intake
from PySide6.QtCore import Qt

from counter_app.gui.capture.dialog import CaptureDialog
from counter_app.gui.context import AppContext
from counter_app.gui.intake import IntakeWidget
from counter_app.gui.operations import alive
from counter_app.services import CounterService
from counter_app.store import capture_spool
from counter_app.store.drafts import CAPTURE

OFFICER = "an.nv"


@pytest.fixture
def ctx(gui_context) -> AppContext:
    return gui_context(OFFICER)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return sample_files(tmp_path / "in")


def pages(dialog: CaptureDialog) -> list[tuple[str, int, int]]:
    return [(p.origin, p.index, p.rotation) for p in dialog.draft.pages]


def open_intake(qtbot, ctx: AppContext, *, register: bool = True) -> IntakeWidget:
    widget = IntakeWidget(ctx)
    if register:
        qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    drain(qtbot, ctx)
    return widget


def crash(qtbot, ctx: AppContext, widget) -> None:
    """The screen goes with its dialog still open (its done() never runs)."""
    widget.deleteLater()
    qtbot.waitUntil(lambda: not alive(widget), timeout=WAIT)
    drain(qtbot, ctx)


def pending(service: CounterService):
    return service.open_captures.pending(OFFICER)


def start_capture_at_intake(qtbot, ctx, service, files) -> tuple[IntakeWidget, list]:
    page = open_intake(qtbot, ctx, register=False)
    documents = service.catalogue.procedure("1.004873")["documents"]
    page.apply_state(dict(FORM_APPLICANT, documents=[dict(d, checked=True) for d in documents]))
    qtbot.mouseClick(page.checklist.rows[1].capture, Qt.MouseButton.LeftButton)
    dialog = page.captures.dialog
    dialog.add_paths([files["png"], files["pdf"]])
    drain(qtbot, ctx)
    dialog.pages.setCurrentRow(2)
    qtbot.keyClick(dialog.pages, Qt.Key.Key_R)  # the PDF's second page turned right
    dialog.move_page(0, 1)
    drain(qtbot, ctx)
    shown = pages(dialog)
    assert shown == [("hai-trang.pdf", 0, 0), ("trang-a.png", 0, 0), ("hai-trang.pdf", 1, 90)]
    assert pending(service)[1] == 3
    return page, shown


def reopened_at_intake(qtbot, ctx) -> tuple[IntakeWidget, CaptureDialog]:
    again = open_intake(qtbot, ctx)
    qtbot.waitUntil(again.draft_banner.isVisible, timeout=WAIT)
    qtbot.mouseClick(again.draft_banner.restore_button, Qt.MouseButton.LeftButton)
    dialog = again.captures.dialog
    assert dialog is not None and dialog.isVisible()
    assert "Đã khôi phục 3 trang đang số hóa dở" in dialog.message.text()
    return again, dialog


def test_an_open_capture_at_intake_comes_back_and_is_kept(qtbot, ctx, service, files) -> None:
    page, shown = start_capture_at_intake(qtbot, ctx, service, files)
    crash(qtbot, ctx, page)

    again, dialog = reopened_at_intake(qtbot, ctx)
    assert pages(dialog) == shown
    assert again.applicant.full_name.text() == "Nguyễn Thị Minh Khai"
    row = again.checklist.rows[1]
    assert row.capture.text() == "📷"  # not kept yet: the officer decides
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT)  # the keyboard is there
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not alive(dialog), timeout=WAIT)
    assert row.capture.text() == "✔ 3 tr."
    drain(qtbot, ctx)  # the clear's job: its row, then its files (a row gone is not enough)
    assert pending(service) is None
    assert capture_spool.spooled(service.store.folder, CAPTURE) == 0
    assert capture_spool.spooled(service.store.folder) == 1  # in the intake draft's spool

    again.actions.save_and_print()
    qtbot.waitUntil(lambda: again.actions.preview is not None, timeout=WAIT)
    drain(qtbot, ctx)
    (stored,) = service.attachments.list(again.actions.last_code)
    assert (stored["item"], stored["pages"]) == (2, 3)
    again.actions.preview.reject()


def test_an_open_capture_at_intake_comes_back_and_is_cancelled(qtbot, ctx, service, files) -> None:
    page, shown = start_capture_at_intake(qtbot, ctx, service, files)
    crash(qtbot, ctx, page)
    again, dialog = reopened_at_intake(qtbot, ctx)
    assert pages(dialog) == shown
    dialog.reject()
    qtbot.waitUntil(lambda: not alive(dialog), timeout=WAIT)
    drain(qtbot, ctx)
    assert pending(service) is None and again.checklist.rows[1].capture.text() == "📷"
    assert capture_spool.spooled(service.store.folder, CAPTURE) == 0


def test_cancelling_edits_of_a_kept_document_leaves_it_as_kept(qtbot, ctx, service, files) -> None:
    page = open_intake(qtbot, ctx)
    documents = service.catalogue.procedure("1.004873")["documents"]
    page.apply_state(dict(FORM_APPLICANT, documents=[dict(d, checked=True) for d in documents]))
    row = page.checklist.rows[0]
    qtbot.mouseClick(row.capture, Qt.MouseButton.LeftButton)
    dialog = page.captures.dialog
    dialog.add_paths([files["pdf"]])
    drain(qtbot, ctx)
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not alive(dialog), timeout=WAIT)
    kept = page.captures.drafts[row.capture_key]
    # Opened again, edited, cancelled: the kept document did not change (it used to).
    qtbot.mouseClick(row.capture, Qt.MouseButton.LeftButton)
    dialog = page.captures.dialog
    dialog.remove_page(0)
    dialog.add_paths([files["png"]])
    drain(qtbot, ctx)
    dialog.reject()
    qtbot.waitUntil(lambda: not alive(dialog), timeout=WAIT)
    drain(qtbot, ctx)
    assert page.captures.drafts[row.capture_key] is kept and len(kept.pages) == 2
    assert row.capture.text() == "✔ 2 tr." and pending(service) is None


def test_an_open_capture_of_a_dossier_comes_back_in_its_documents_tab(
    qtbot, ctx, service, files
) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    detail = open_detail(qtbot, ctx, code, register=False)
    tab = detail.documents_tab
    tab.item_combo.setCurrentIndex(1)
    capture = tab.add_document()
    capture.add_paths([files["pdf"], files["png"]])
    drain(qtbot, ctx)
    capture.rotate_page(2, 180)
    drain(qtbot, ctx)
    shown = pages(capture)
    crash(qtbot, ctx, detail)

    # Another screen, then the intake: told where the pages wait.
    page = open_intake(qtbot, ctx)
    assert code in page.message.text() and "3 trang" in page.message.text()
    detail = open_detail(qtbot, ctx, code)
    tab = detail.documents_tab
    qtbot.waitUntil(lambda: tab.capture_dialog is not None, timeout=WAIT)
    dialog = tab.capture_dialog
    assert pages(dialog) == shown and "Đã khôi phục 3 trang" in dialog.message.text()
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not alive(dialog), timeout=WAIT)
    drain(qtbot, ctx)
    (stored,) = service.attachments.list(code)
    assert (stored["item"], stored["pages"]) == (2, 3)
    assert pending(service) is None
    assert capture_spool.spooled(service.store.folder, CAPTURE) == 0


def test_a_result_kept_at_hand_back_survives_until_it_is_stored(
    qtbot, gui_context, service, files
) -> None:
    ctx = gui_context("binh.tt")
    code = service.intake.receive(intake()).dossier["code"]
    for target in (4, 6, 9):
        service.dossiers.change_status(code, target, by="binh.tt")
    detail = open_detail(qtbot, ctx, code, register=False)
    detail.action_buttons[10].click()
    form = detail.action_dialog
    qtbot.waitUntil(form.isVisible, timeout=WAIT)
    capture = form.capture_result()
    capture.add_paths([files["pdf"]])
    drain(qtbot, ctx)
    qtbot.keyClick(capture, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not alive(capture), timeout=WAIT)
    drain(qtbot, ctx)
    # Kept in the hand-back form's memory only: still kept across a kill.
    assert service.open_captures.pending("binh.tt")[1] == 2
    # Edited and cancelled: back to the result kept, not gone.
    capture = form.capture_result()
    capture.remove_page(0)
    drain(qtbot, ctx)
    assert service.open_captures.pending("binh.tt")[1] == 1
    capture.reject()
    qtbot.waitUntil(lambda: not alive(capture), timeout=WAIT)
    drain(qtbot, ctx)
    assert service.open_captures.pending("binh.tt")[1] == 2
    form.name_edit.setText("Nguyễn Văn Nhận")
    form.submit()
    qtbot.waitUntil(lambda: not alive(form), timeout=WAIT)
    qtbot.waitUntil(lambda: service.open_captures.pending("binh.tt") is None, timeout=WAIT)
    (result,) = service.attachments.list(code)
    assert result["kind"] == "result" and result["pages"] == 2
    detail.close()
    detail.deleteLater()
    qtbot.waitUntil(lambda: not alive(detail), timeout=WAIT)
