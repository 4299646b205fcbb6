"""Issue 12 item 10: the settings screen's per-form printers (printer, paper, direct print),
and a preview remembering the printer of its own form."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter

from counter_app.gui.dialogs.preview import open_logged_preview
from counter_app.gui.dialogs.settings import SettingsDialog
from counter_app.gui.dialogs.settings_pages import available_printers

WAIT = 10_000
SHOTS = os.environ.get("COUNTER_GUI_SHOTS", "")


def test_form_printers_saved_from_the_settings_screen(qtbot, gui_context, service) -> None:
    ctx = gui_context("an.nv")
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT)
    assert dialog.changed_values() == {}  # the table shows the defaults and changes nothing
    table = dialog.form_printers
    printer, paper, direct = table.widgets("receipt")
    printer.addItem("Xprinter XP-80", "Xprinter XP-80")  # as if connected
    printer.setCurrentIndex(printer.findData("Xprinter XP-80"))
    paper.setCurrentIndex(paper.findData("80mm"))
    direct.setChecked(True)
    assert not table.widgets("refusal")[1].isEnabled()  # Mẫu 03: A4 only
    dialog.tabs.setCurrentIndex(2)
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(Path(SHOTS) / "settings-printing.png"))
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT):
        dialog.save()
    assert service.settings.get("form_printing") == {
        "receipt": {"printer": "Xprinter XP-80", "paper": "80mm", "direct": True}
    }
    again = SettingsDialog(ctx)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.loaded, timeout=WAIT)
    printer, paper, direct = again.form_printers.widgets("receipt")
    assert (printer.currentData(), paper.currentData(), direct.isChecked()) == (
        "Xprinter XP-80",
        "80mm",
        True,
    )
    assert again.changed_values() == {}
    assert isinstance(available_printers(), list)


def test_preview_remembers_the_printer_of_its_form(qtbot, gui_context, service, tmp_path) -> None:
    from conftest import intake

    service.settings.update({"printer": "Laser A4"}, actor="an.nv")
    code = service.intake.receive(intake()).dossier["code"]
    pdf = service.prints.render(service.dossiers.get(code), "control")
    ctx = gui_context("binh.tt")
    preview = open_logged_preview(
        ctx,
        None,
        pdf,
        code=code,
        form="control",
        title="Mẫu 06",
        copies=("1",),
        officer="binh.tt",
        on_error=lambda exc: None,
    )
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.printer_name == "Laser A4", timeout=WAIT)  # the general one
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "control.pdf"))
    preview.print_to(printer)
    qtbot.waitUntil(lambda: preview.printed, timeout=WAIT)
    qtbot.waitUntil(lambda: ctx.pending_jobs == 0, timeout=WAIT)
    # A file is not a printer: the form's entry keeps the general printer, records its paper.
    assert service.settings.get("form_printing")["control"]["paper"] == "a4"
    assert service.settings.get("printer") == "Laser A4"
    assert (tmp_path / "control.pdf").read_bytes().startswith(b"%PDF")
