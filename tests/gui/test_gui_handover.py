"""Hand-over to the back office and back, from the dossier detail (issue 13), driven by
keyboard and mouse against a real service in tmp_path."""

from __future__ import annotations

import io
import os
from datetime import date
from pathlib import Path

from conftest import intake
from pypdf import PdfReader
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from counter_app.gui.context import AppContext
from counter_app.gui.dossier.detail import DossierDetailDialog
from counter_app.gui.dossier.handover import HandoverDialog
from counter_app.gui.ledgers import LedgersWidget
from counter_app.gui.operations import alive

SHOTS = os.environ.get("COUNTER_GUI_SHOTS", "")  # a folder: save screenshots there
AGENCY = "Phòng Văn hóa - Xã hội"


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def drain(qtbot, ctx: AppContext) -> None:
    qtbot.waitUntil(lambda: ctx.pending_jobs == 0)


def open_detail(qtbot, ctx: AppContext, code: str) -> DossierDetailDialog:
    dialog = DossierDetailDialog(ctx, code)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.dossier is not None and not dialog.loading)
    return dialog


def open_handover(qtbot, dialog: DossierDetailDialog) -> HandoverDialog:
    """Alt+Y on the detail opens the hand-over form."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.action_dialog is not None and dialog.action_dialog.isVisible())
    form = dialog.action_dialog
    assert isinstance(form, HandoverDialog)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    return form


def focused(qtbot, widget: QWidget) -> bool:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    return True


def keys(widget: QWidget, text: str) -> None:
    """Type `text` as key events (QTest's keyClicks aborts on letters outside Latin-1)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def type_into(widget: QWidget, text: str) -> None:
    widget.selectAll()
    keys(widget, text)


def submit_and_wait(qtbot, ctx, dialog: DossierDetailDialog, form: HandoverDialog) -> None:
    qtbot.keyClick(form, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    drain(qtbot, ctx)
    qtbot.waitUntil(lambda: not dialog.loading)


def test_hand_over_and_take_back_with_both_people(qtbot, gui_context, service) -> None:
    ctx = gui_context("binh.tt")
    code = service.intake.receive(intake()).dossier["code"]
    dialog = open_detail(qtbot, ctx, code)
    assert dialog.handover_button.isEnabled()

    form = open_handover(qtbot, dialog)
    # First hand-over: out, the signed-in officer gives; the agency is asked first.
    assert form.out_radio.isChecked()
    assert form.giver_edit.text() == "Trần Thị Bình" and form.receiver_edit.text() == ""
    assert focused(qtbot, form.agency_edit)

    # Missing agency: a specific message, nothing saved, the form stays open.
    submit_and_wait(qtbot, ctx, dialog, form)
    assert form.isVisible() and "cơ quan giải quyết" in form.error_label.text()
    keys(form.agency_edit, AGENCY)
    submit_and_wait(qtbot, ctx, dialog, form)
    assert "người nhận" in form.error_label.text()
    assert focused(qtbot, form.receiver_edit)
    assert service.dossiers.get(code)["handovers"] == []
    keys(form.receiver_edit, "Lê Văn Cường")
    qtbot.keyClick(form, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # Ghi &chú
    keys(QApplication.focusWidget(), "Kèm 2 bộ")
    shot(form, "handover_out")
    submit_and_wait(qtbot, ctx, dialog, form)
    qtbot.waitUntil(lambda: dialog.handovers_table.rowCount() == 1)
    assert not alive(form) or not form.isVisible()
    [out] = service.dossiers.get(code)["handovers"]
    assert (out["direction"], out["agency"], out["giver"], out["receiver"], out["notes"]) == (
        "out",
        AGENCY,
        "Trần Thị Bình",
        "Lê Văn Cường",
        "Kèm 2 bộ",
    )
    assert out["by"] == "binh.tt"
    assert "Lê Văn Cường nhận" in dialog.message.text()
    assert dialog.tabs.tabText(4).endswith("(1)")

    # The return: proposed next, same agency, the officer now receives.
    form = open_handover(qtbot, dialog)
    assert form.back_radio.isChecked() and form.agency_edit.text() == AGENCY
    assert form.receiver_edit.text() == "Trần Thị Bình" and form.giver_edit.text() == ""
    assert focused(qtbot, form.giver_edit)
    keys(form.giver_edit, "Lê Văn Cường")
    shot(form, "handover_back")
    submit_and_wait(qtbot, ctx, dialog, form)
    qtbot.waitUntil(lambda: dialog.handovers_table.rowCount() == 2)
    back = service.dossiers.get(code)["handovers"][-1]
    assert (back["direction"], back["giver"], back["receiver"]) == (
        "back",
        "Lê Văn Cường",
        "Trần Thị Bình",
    )
    assert dialog.handovers_table.item(1, 3).text() == "Lê Văn Cường"
    dialog.tabs.setCurrentIndex(4)
    shot(dialog, "handover_tab")

    # Both rows reach Mẫu 06 and the day's hand-over list.
    control = PdfReader(io.BytesIO(service.prints.render(service.dossiers.get(code), "control")))
    text = "\n".join(page.extract_text() for page in control.pages)
    assert "Lê Văn Cường" in text and "Trần Thị Bình" in text
    day = date.fromisoformat(out["at"][:10])
    assert [h["code"] for h in service.dossiers.handovers_on(day)] == [code]


def test_switching_direction_swaps_the_two_people(qtbot, gui_context, service) -> None:
    ctx = gui_context("binh.tt")
    code = service.intake.receive(intake()).dossier["code"]
    dialog = open_detail(qtbot, ctx, code)
    form = open_handover(qtbot, dialog)
    keys(form.agency_edit, AGENCY)
    keys(form.receiver_edit, "Lê Văn Cường")
    qtbot.mouseClick(form.back_radio, Qt.MouseButton.LeftButton)
    assert form.direction == "back"
    assert form.giver_edit.text() == "Lê Văn Cường"
    assert form.receiver_edit.text() == "Trần Thị Bình"
    type_into(form.giver_edit, "Phạm Thị Dung")
    submit_and_wait(qtbot, ctx, dialog, form)
    qtbot.waitUntil(lambda: dialog.handovers_table.rowCount() == 1)
    [row] = service.dossiers.get(code)["handovers"]
    assert (row["direction"], row["giver"]) == ("back", "Phạm Thị Dung")


def test_cancel_records_nothing_and_closed_dossiers_cannot_be_handed_over(
    qtbot, gui_context, service
) -> None:
    ctx = gui_context("binh.tt")
    code = service.intake.receive(intake()).dossier["code"]
    dialog = open_detail(qtbot, ctx, code)
    form = open_handover(qtbot, dialog)
    keys(form.agency_edit, AGENCY)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: dialog.action_dialog is None)
    assert service.dossiers.get(code)["handovers"] == []

    service.dossiers.change_status(code, 7, by="binh.tt", reason="Công dân rút")
    qtbot.waitUntil(lambda: not dialog.loading)
    dialog.reload()
    qtbot.waitUntil(lambda: not dialog.loading and dialog.dossier["status"] == 7)
    assert not dialog.handover_button.isEnabled()


def test_the_service_refusal_is_shown_in_the_form(qtbot, gui_context, service) -> None:
    """A dossier closed elsewhere while the form is open: the core's message, form kept."""
    ctx = gui_context("binh.tt")
    code = service.intake.receive(intake()).dossier["code"]
    dialog = open_detail(qtbot, ctx, code)
    form = open_handover(qtbot, dialog)
    keys(form.agency_edit, AGENCY)
    keys(form.receiver_edit, "Lê Văn Cường")
    service.dossiers.change_status(code, 7, by="an.nv", reason="Công dân rút")
    submit_and_wait(qtbot, ctx, dialog, form)
    assert form.isVisible() and "không thể bàn giao" in form.error_label.text()
    assert form.receiver_edit.text() == "Lê Văn Cường"
    assert service.dossiers.get(code)["handovers"] == []


def test_the_day_list_on_the_ledgers_screen_lists_what_the_detail_recorded(
    qtbot, gui_context, service
) -> None:
    """Sổ theo dõi & lệ phí (F7) → In danh sách bàn giao: the batch recorded in the detail."""
    ctx = gui_context("binh.tt")
    code = service.intake.receive(intake()).dossier["code"]
    dialog = open_detail(qtbot, ctx, code)
    form = open_handover(qtbot, dialog)
    keys(form.agency_edit, AGENCY)
    keys(form.receiver_edit, "Lê Văn Cường")
    submit_and_wait(qtbot, ctx, dialog, form)
    qtbot.waitUntil(lambda: dialog.handovers_table.rowCount() == 1)
    day = date.fromisoformat(service.dossiers.get(code)["handovers"][0]["at"][:10])

    ledgers = LedgersWidget(ctx)
    qtbot.addWidget(ledgers)
    ledgers.show()
    ledgers.set_period(day, day)
    ledgers.refresh()
    qtbot.waitUntil(ledgers.handover_button.isEnabled, timeout=10_000)
    qtbot.mouseClick(ledgers.handover_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ledgers.preview is not None and ledgers.preview.isVisible())
    preview = ledgers.preview
    assert preview.form == "handover"
    pages = PdfReader(io.BytesIO(preview.pdf_bytes)).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert code in text and AGENCY in text
    assert "Trần Thị Bình" in text and "Lê Văn Cường" in text
    shot(preview, "handover_list_preview")
    if SHOTS:  # for pdftoppm
        (Path(SHOTS) / "handover_list.pdf").write_bytes(preview.pdf_bytes)
    preview.reject()
