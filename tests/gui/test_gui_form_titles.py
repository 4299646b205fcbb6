"""Every form title the GUI shows is read from the forms table (counter_app.forms.registry)."""

from __future__ import annotations

from datetime import datetime

from conftest import intake

from counter_app.domain.status import Status
from counter_app.forms.registry import FORMS, form_title
from counter_app.gui.dossier.detail import DossierDetailDialog


def test_print_log_shows_each_form_by_its_table_title(qtbot, gui_context, service) -> None:
    ctx = gui_context("binh.tt")
    code = service.intake.receive(intake()).dossier["code"]
    service.dossiers.change_status(
        code, Status.SUPPLEMENT_REQUESTED, by="an.nv", reason="Thiếu tờ khai"
    )
    service.dossiers.move_due(code, datetime(2026, 7, 30, 10, 0), by="an.nv", reason="Chờ")
    service.dossiers.change_status(
        code, Status.REFUSED, by="an.nv", reason="Không thuộc thẩm quyền"
    )
    # Issue 13: Mẫu 05 (status 8) and the hand-back slip (status 10) need events this
    # refused dossier cannot have; every other form of the table is printed.
    printed = [form for form in FORMS if form not in ("stop", "handback")]
    for form in printed:
        service.prints.produce(code, form, officer="an.nv", deliver=bytes)

    dialog = DossierDetailDialog(ctx, code)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.dossier is not None and not dialog.loading)
    table = dialog.prints_table
    shown = {table.item(row, 1).text() for row in range(table.rowCount())}
    assert shown == {form_title(form, short=True) for form in printed}
