"""Moving the appointment later offers Mẫu 04 (the apology letter) in the preview (issue 13)."""

from __future__ import annotations

import io
import os
from datetime import timedelta
from pathlib import Path

from conftest import intake
from pypdf import PdfReader
from PySide6.QtCore import QDateTime, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from counter_app.forms import labels
from counter_app.forms.formats import parse_moment
from counter_app.gui.context import AppContext
from counter_app.gui.dossier.detail import DossierDetailDialog
from counter_app.gui.dossier.move_due import MoveDueDialog

SHOTS = os.environ.get("COUNTER_GUI_SHOTS", "")
REASON = "Chờ ý kiến cơ quan phối hợp"


def keys(widget: QWidget, text: str) -> None:
    """Type `text` as key events (QTest's keyClicks aborts on letters outside Latin-1)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def open_detail(qtbot, ctx: AppContext, code: str) -> DossierDetailDialog:
    dialog = DossierDetailDialog(ctx, code)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.dossier is not None and not dialog.loading)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def move(qtbot, ctx, dialog: DossierDetailDialog, days: int) -> None:
    """Alt+D, a new date `days` from the current one, the reason, Ctrl+Enter."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(dialog.action_dialog, MoveDueDialog))
    form = dialog.action_dialog
    qtbot.waitUntil(form.isVisible)
    old = parse_moment(dialog.dossier["due_at"])
    new = old + timedelta(days=days)
    while new.weekday() >= 5:  # an appointment falls on a working day (else it is refused)
        new += timedelta(days=1 if days > 0 else -1)
    form.when_edit.setDateTime(QDateTime(new))
    keys(form.reason_edit, REASON)
    form.activateWindow()  # Ctrl+Enter is the form's shortcut: it needs the form active
    qtbot.waitUntil(form.isActiveWindow)
    qtbot.keyClick(form, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: ctx.pending_jobs == 0)
    qtbot.waitUntil(lambda: dialog.action_dialog is None, timeout=20_000)


def test_a_later_date_offers_the_apology_letter(qtbot, gui_context, service) -> None:
    ctx = gui_context("binh.tt")
    code = service.intake.receive(intake()).dossier["code"]
    dialog = open_detail(qtbot, ctx, code)
    move(qtbot, ctx, dialog, 3)
    qtbot.waitUntil(lambda: dialog.apology_offer is not None)
    box = dialog.apology_offer
    assert "Mẫu 04" in box.text() and "muộn hơn" in box.text()
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        box.grab().save(str(Path(SHOTS) / "apology_offer.png"))
    yes = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.preview.isVisible())
    preview = dialog.preview
    assert preview.form == "apology"
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(preview.pdf_bytes)).pages
    )
    assert labels.APOLOGY_TITLE in text and REASON in text
    if SHOTS:
        (Path(SHOTS) / "apology.pdf").write_bytes(preview.pdf_bytes)
    preview.reject()


def test_later_declined_and_earlier_offer_nothing(qtbot, gui_context, service) -> None:
    ctx = gui_context("binh.tt")
    code = service.intake.receive(intake()).dossier["code"]
    dialog = open_detail(qtbot, ctx, code)
    move(qtbot, ctx, dialog, 2)
    qtbot.waitUntil(lambda: dialog.apology_offer is not None)
    qtbot.keyClick(dialog.apology_offer, Qt.Key.Key_Escape)  # Để sau
    qtbot.waitUntil(lambda: dialog.apology_offer is None)
    qtbot.waitUntil(lambda: not dialog.loading)
    assert dialog.preview is None
    assert service.dossiers.get(code)["prints"] == []

    # the detail shows the first move before the next one is made from its date (else the
    # "earlier" date is counted from the old appointment and may fall in the past)
    qtbot.waitUntil(lambda: not dialog.loading and dialog.due_table.rowCount() == 1)
    move(qtbot, ctx, dialog, -1)  # earlier than the current date: no apology
    qtbot.waitUntil(lambda: not dialog.loading and dialog.due_table.rowCount() == 2)
    assert dialog.apology_offer is None and dialog.preview is None
