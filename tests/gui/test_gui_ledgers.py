"""Issue 12 item 11: the register and the daily fee summary on screen (F7), a period chosen
with the keyboard, exported to .xlsx and .csv with the mouse, the files read back."""

from __future__ import annotations

import csv
import os
from datetime import date
from pathlib import Path

import pytest
from conftest import intake
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog
from xlsx_read import xlsx_sheets

from counter_app.gui.ledgers import LedgersWidget

WAIT = 10_000
SHOTS = os.environ.get("COUNTER_GUI_SHOTS", "")


@pytest.fixture
def dossiers(service) -> list[str]:
    fee = [{"code": "LP01", "name": "Lệ phí cấp giấy", "amount": 15000, "paid": True}]
    return [
        service.intake.receive(intake(received_at=at, fees=fee)).dossier["code"]
        for at in ("2026-07-14 09:00", "2026-07-15 10:00", "2026-07-15 11:00")
    ]


def test_register_and_fees_by_keyboard_and_mouse(
    qtbot, gui_context, service, dossiers, tmp_path: Path, monkeypatch
) -> None:
    ctx = gui_context("binh.tt")  # an officer: the books are counter work
    widget = LedgersWidget(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 700)
    widget.show()
    qtbot.waitExposed(widget)

    # Keyboard: the period box to "Khoảng ngày…", then type the two dates.
    widget.period.setFocus()
    qtbot.keyClick(widget.period, Qt.Key.Key_End)
    assert widget.period.currentData() == "custom" and widget.date_from.isEnabled()
    widget.date_from.setDate(QDate(2026, 7, 15))
    widget.date_to.setFocus()
    widget.date_to.setDate(QDate(2026, 7, 15))
    qtbot.mouseClick(widget.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: widget.xlsx_button.isEnabled(), timeout=WAIT)
    assert widget.register_table.rowCount() == 2
    assert widget.register_table.item(0, 1).text() == dossiers[1]
    assert "Phường Hoàn Kiếm" in widget.register_table.item(0, 4).text()
    assert "2 hồ sơ" in widget.status_label.text() and "30.000 đồng" in widget.status_label.text()
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / "ledgers-register.png"))

    # Export the register with the mouse; the save dialog answers with a file name.
    answers = iter([str(tmp_path / "so-theo-doi"), str(tmp_path / "le-phi.csv")])
    suggested: list[str] = []

    def save_dialog(_parent, _title, default, _filters, *_rest):
        suggested.append(Path(default).name)
        return next(answers), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    qtbot.mouseClick(widget.xlsx_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: widget.last_export is not None, timeout=WAIT)
    assert suggested[0] == "so-theo-doi-20260715-20260715.xlsx"
    assert widget.last_export == tmp_path / "so-theo-doi.xlsx"  # the suffix is added
    rows = xlsx_sheets(widget.last_export)["Sổ theo dõi"]
    assert [r[1] for r in rows[3:]] == dossiers[1:]

    # The fee summary tab, exported as CSV.
    widget.tabs.setCurrentIndex(1)
    assert widget.day_table.rowCount() == 2  # the day and the total
    assert widget.day_table.item(1, 3).text() == "30.000 đồng"
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / "ledgers-fees.png"))
    qtbot.mouseClick(widget.csv_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: widget.last_export == tmp_path / "le-phi.csv", timeout=WAIT)
    assert suggested[1] == "le-phi-20260715-20260715.csv"
    raw = widget.last_export.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert ["15/07/2026", "2", "2", "30000", "30000", "0"] in lines

    # A new dossier of the period shows up (the change notification refreshes the screen).
    received = intake(received_at=f"{date(2026, 7, 15)} 15:00")
    from counter_app.gui.operations.intake import receive_and_print

    receive_and_print(ctx=ctx, parent=widget, data=received).run_in_background()
    qtbot.waitUntil(lambda: widget.register_table.rowCount() == 3, timeout=WAIT)


def test_register_printed_on_its_printer(qtbot, gui_context, service, dossiers) -> None:
    service.settings.update(
        {"form_printing": {"register": {"printer": "Laser A4", "paper": "a4", "direct": False}}},
        actor="binh.tt",
    )
    ctx = gui_context("binh.tt")
    widget = LedgersWidget(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.set_period(date(2026, 7, 14), date(2026, 7, 15))
    widget.refresh()
    qtbot.waitUntil(lambda: widget.print_button.isEnabled(), timeout=WAIT)
    qtbot.mouseClick(widget.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: widget.preview is not None and widget.preview.isVisible(), timeout=WAIT)
    preview = widget.preview
    qtbot.waitUntil(lambda: preview.printer_name == "Laser A4", timeout=WAIT)
    assert preview.page_count >= 1 and preview.file_name.startswith("so-theo-doi-")
    preview.reject()
    qtbot.mouseClick(widget.handover_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: widget.preview is not preview and widget.preview.isVisible())
    assert widget.preview.form == "handover" and widget.preview.page_count >= 1
    widget.preview.reject()


def test_reversed_period_is_refused_on_screen(qtbot, gui_context, service) -> None:
    widget = LedgersWidget(gui_context("binh.tt"))
    qtbot.addWidget(widget)
    widget.show()
    widget.set_period(date(2026, 7, 16), date(2026, 7, 15))
    widget.refresh()
    assert "sau ngày bắt đầu" in widget.status_label.text()
    assert not widget.xlsx_button.isEnabled()
