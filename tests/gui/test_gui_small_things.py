"""Issue 12, the small things a working day shows: a free fee, who collected a result,
the demo officer's name, the window title, the demo week (tests/services), the scan focus
(test_gui_intake)."""

from __future__ import annotations

import io
from pathlib import Path

from conftest import intake
from pypdf import PdfReader
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from counter_app.gui.context import AppContext
from counter_app.gui.dossier.detail import DossierDetailDialog
from counter_app.gui.dossier.overview import overview_values

FREE = [{"name": "Lệ phí cấp bản sao trích lục", "amount": 0, "paid": False}]


def open_detail(qtbot, ctx: AppContext, code: str) -> DossierDetailDialog:
    dialog = DossierDetailDialog(ctx, code)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.dossier is not None and not dialog.loading)
    return dialog


def test_a_free_fee_says_so_on_the_receipt_and_the_detail(qtbot, gui_context, service) -> None:
    dossier = service.intake.receive(intake(fees=FREE)).dossier
    pdf = service.prints.render(dossier, "receipt")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "0 đồng (không thu phí)" in " ".join(text.split())
    assert "chưa nộp" not in text
    dialog = open_detail(qtbot, gui_context("binh.tt"), dossier["code"])
    assert dialog.overview.fees_table.item(0, 2).text() == "Không thu phí"


def test_the_returned_row_of_the_history_names_the_collector(qtbot, gui_context, service) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    for status in (4, 9):
        service.dossiers.change_status(code, status, by="an.nv")
    service.dossiers.change_status(
        code, 10, by="binh.tt", collected_by="Lê Văn Cường", collected_id_number="001090054321"
    )
    dialog = open_detail(qtbot, gui_context("binh.tt"), code)
    table = dialog.events_table
    last = table.rowCount() - 1
    assert "Đã trả kết quả" in table.item(last, 1).text()
    assert table.item(last, 3).text() == "Người nhận kết quả: Lê Văn Cường (001090054321)"


def test_the_demo_officer_is_not_called_officer_twice(tmp_path: Path) -> None:
    from counter_app.gui.training import DEMO_USER, prepare_training

    environment = prepare_training(tmp_path / "demo", dossiers=0, start_portal=False)
    try:
        service = environment.service
        dossier = service.intake.receive(intake(officer=DEMO_USER)).dossier
        received = overview_values(dossier)["received"]
        assert received.endswith(f"cán bộ {dossier['officer_name']}")
        assert "cán bộ cán bộ" not in received.lower()
        pdf = service.prints.render(dossier, "receipt")
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        assert "Cán bộ" not in dossier["officer_name"] and dossier["officer_name"] in text
    finally:
        environment.close()
        environment.service.close()


def test_the_window_title_says_each_thing_once(qtbot, service) -> None:
    from counter_app.gui.app import ensure_application
    from counter_app.gui.main_window import MainWindow

    app = ensure_application()
    ctx = AppContext(service)
    window = MainWindow(ctx, settings=service.settings.all())
    try:
        # Qt shows "<title> — <application display name>" (QPlatformWindow::formatWindowTitle)
        shown = f"{window.windowTitle()} \u2014 {app.applicationDisplayName()}"
        parts = [part.strip() for part in shown.split("\u2014")]
        assert parts == [
            "Trung tâm Phục vụ hành chính công phường Hoàn Kiếm",
            "Quầy 1",
            "Quầy tiếp nhận hồ sơ",
        ]
    finally:
        window.shutdown()
        window.close()
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        ctx.wait_idle()
        ctx.run(service.store.close_thread_connection).result(10)
        ctx.shutdown()
