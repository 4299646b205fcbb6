"""Issue 13: the daily batch hand-over to the back office from the main window (Ctrl+B),
driven by keyboard against a real service in tmp_path: choose a day, tick dossiers (Space,
Ctrl+A), name both people, one action records the batch and opens the hand-over list of
exactly that batch; the print is logged for each dossier only once it was delivered."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import intake
from pypdf import PdfReader
from PySide6.QtCore import QDate, QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from counter_app.gui.context import AppContext
from counter_app.gui.dialogs.signin import SignInForm
from counter_app.gui.lists.batch_handover import BatchHandoverDialog
from counter_app.gui.main_window import MainWindow
from counter_app.services import CounterService

WAIT = 10_000
SHOTS = os.environ.get("COUNTER_GUI_SHOTS", "")
AGENCY = "Phòng Văn hóa - Xã hội"
DAY = date(2026, 7, 15)


@pytest.fixture(autouse=True)
def _no_retry_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SignInForm, "RETRY_DELAY_MS", 0)


@pytest.fixture
def day_codes(service: CounterService) -> dict[str, str]:
    """Three dossiers received on 15/07, one refused and one sent back that day (never
    received: not offered), one received on 16/07."""
    codes = {}
    for key, at in (("a", "10:05"), ("b", "10:10"), ("c", "10:20")):
        codes[key] = service.intake.receive(intake(received_at=f"2026-07-15 {at}")).dossier["code"]
    for status, reason in ((3, "Không thuộc thẩm quyền"), (5, "Thiếu tờ khai")):
        service.intake.receive_with_status(
            intake(received_at="2026-07-15 11:00"), status, by="an.nv", reason=reason
        )
    codes["next"] = service.intake.receive(intake(received_at="2026-07-16 08:00")).dossier["code"]
    return codes


@pytest.fixture
def printed_pdf(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """QPrintDialog accepted at once, printing to a PDF file (Qt's dialog, patched)."""
    target = tmp_path / "printed.pdf"

    def accept(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    return target


@pytest.fixture
def window(
    service: CounterService, day_codes: dict[str, str], qapp: QApplication, qtbot
) -> Iterator[MainWindow]:
    from PySide6.QtCore import QEvent as _QEvent

    ctx = AppContext(service)
    win = MainWindow(ctx, settings=service.settings.all())
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    form = win.signin_page.form
    form.username.setText("binh.tt")
    form.password.setText("matkhau2-quay")
    qtbot.keyClick(form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.signed_in, timeout=WAIT)
    yield win
    win.shutdown()
    win.close()
    ctx.wait_idle()
    ctx.run(service.store.close_thread_connection).result(10)
    ctx.shutdown()
    win.deleteLater()
    QApplication.sendPostedEvents(None, _QEvent.Type.DeferredDelete)


def keys(widget: QWidget, text: str) -> None:
    """Type `text` as key events (QTest's keyClicks aborts on letters outside Latin-1)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def focus_by_alt(qtbot, dialog: QWidget, key: Qt.Key, widget: QWidget) -> None:
    qtbot.keyClick(dialog, key, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def screenshot(window: MainWindow, dialog: QWidget, path: Path) -> QPixmap:
    """What a 1366×768 screen shows: the main window with the dialog centred over it."""
    sheet = QPixmap(1366, 768)
    sheet.fill(Qt.GlobalColor.white)
    painter = QPainter(sheet)
    painter.drawPixmap(0, 0, window.grab())
    shown = dialog.grab()
    painter.drawPixmap(QPoint((1366 - shown.width()) // 2, (768 - shown.height()) // 2), shown)
    painter.end()
    sheet.save(str(path))
    return sheet


def _printed_codes(service: CounterService) -> list[str]:
    rows = service.store.read().execute(
        "SELECT d.code FROM print_log p JOIN dossiers d ON d.id = p.dossier_id "
        "WHERE p.form = 'handover' ORDER BY d.code"
    )
    return [r["code"] for r in rows]


def test_batch_hand_over_by_keyboard_records_and_prints_exactly_that_batch(
    window: MainWindow,
    service: CounterService,
    day_codes: dict[str, str],
    qtbot,
    tmp_path: Path,
    printed_pdf: Path,
) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: (
            window.batch_handover_dialog is not None and window.batch_handover_dialog.isVisible()
        )
    )
    dialog = window.batch_handover_dialog
    assert isinstance(dialog, BatchHandoverDialog)
    assert dialog.day() == date.today() or dialog.day()  # today by default
    assert dialog.giver_edit.text() == "Trần Thị Bình"  # the signed-in officer gives

    # The day chooser: 15/07 offers the three received that day, not the refused or the
    # sent-back one (never received), nor the one of the 16th.
    dialog.day_edit.setDate(QDate(2026, 7, 15))
    qtbot.waitUntil(lambda: not dialog.loading and dialog.table.rowCount() == 3, timeout=WAIT)
    a, b, c = day_codes["a"], day_codes["b"], day_codes["c"]
    assert [dialog.table.item(r, 0).text() for r in range(3)] == [a, b, c]

    # Nothing ticked: a specific message, nothing saved.
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "Chưa chọn hồ sơ" in dialog.error_label.text()

    # Space toggles the current row, Ctrl+A ticks all, again none.
    focus_by_alt(qtbot, dialog, Qt.Key.Key_H, dialog.table)
    table = dialog.table
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert dialog.chosen_codes() == [a]
    qtbot.keyClick(table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert dialog.chosen_codes() == [a, b, c]
    assert "3/3" in dialog.count_label.text()
    qtbot.keyClick(table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert dialog.chosen_codes() == []
    qtbot.keyClick(table, Qt.Key.Key_Space)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert dialog.chosen_codes() == [a, b]
    assert "2/3" in dialog.count_label.text()

    # The agency and the receiver are required; each message names what is missing.
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "cơ quan giải quyết" in dialog.error_label.text()
    assert QApplication.focusWidget() is dialog.agency_edit
    keys(dialog.agency_edit, AGENCY)
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "người nhận" in dialog.error_label.text()
    assert service.dossiers.handovers_on(DAY) == []
    assert service.dossiers.get(a)["handovers"] == []
    focus_by_alt(qtbot, dialog, Qt.Key.Key_N, dialog.receiver_edit)
    keys(dialog.receiver_edit, "Lê Văn Cường")
    focus_by_alt(qtbot, dialog, Qt.Key.Key_C, dialog.notes_edit)
    keys(dialog.notes_edit, "Giao buổi sáng")
    shot = screenshot(window, dialog, tmp_path / "batch_handover.png")
    assert (shot.width(), shot.height()) == (1366, 768)
    assert dialog.width() <= 1366 and dialog.height() <= 768
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        screenshot(window, dialog, Path(SHOTS) / "batch_handover.png")

    # One action: a hand-over event for each ticked dossier, with both people, one batch.
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.preview.isVisible(), timeout=WAIT)
    handed = {code: service.dossiers.get(code)["handovers"] for code in (a, b, c)}
    assert handed[c] == []
    rows = [handed[a][0], handed[b][0]]
    assert {r["batch"] for r in rows} == {dialog.batch}
    assert all(
        (r["direction"], r["agency"], r["giver"], r["receiver"], r["notes"], r["by"])
        == ("out", AGENCY, "Trần Thị Bình", "Lê Văn Cường", "Giao buổi sáng", "binh.tt")
        for r in rows
    )

    # The list of exactly that batch; nothing logged before it is delivered.
    preview = dialog.preview
    assert preview.form == "handover"
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(preview.pdf_bytes)).pages
    )
    assert a in text and b in text and c not in text
    assert AGENCY in text and "Trần Thị Bình" in text and "Lê Văn Cường" in text
    if SHOTS:
        (Path(SHOTS) / "batch_handover_list.pdf").write_bytes(preview.pdf_bytes)
    assert _printed_codes(service) == []
    preview.activateWindow()
    qtbot.waitUntil(preview.isActiveWindow)
    qtbot.keyClick(preview, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: preview.printed, timeout=WAIT)
    qtbot.waitUntil(lambda: _printed_codes(service) == sorted([a, b]), timeout=WAIT)
    assert printed_pdf.read_bytes().startswith(b"%PDF")

    # What was handed over leaves the list; the next batch starts from what is left.
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=WAIT)
    assert dialog.table.item(0, 0).text() == c
    assert dialog.agency_edit.text() == AGENCY and dialog.receiver_edit.text() == ""


def test_a_dossier_closed_meanwhile_is_refused_and_nothing_recorded(
    service: CounterService, qapp: QApplication, qtbot, gui_context
) -> None:
    """The core refuses a dossier closed meanwhile; the dialog says which, records nothing."""
    ctx: AppContext = gui_context("binh.tt")
    code = service.intake.receive(intake(received_at="2026-07-15 10:05")).dossier["code"]
    dialog = BatchHandoverDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.day_edit.setDate(QDate(2026, 7, 15))
    qtbot.waitUntil(lambda: not dialog.loading and dialog.table.rowCount() == 1, timeout=WAIT)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    keys(dialog.agency_edit, AGENCY)
    keys(dialog.receiver_edit, "Lê Văn Cường")
    service.dossiers.change_status(code, 7, by="an.nv", reason="Công dân rút")
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.error_label.isVisible(), timeout=WAIT)
    assert "không thể bàn giao" in dialog.error_label.text()
    assert service.dossiers.get(code)["handovers"] == []
    assert dialog.receiver_edit.text() == "Lê Văn Cường"
