"""Issue 16: the documents tab at a counter that did not capture them. A document attached at
another counter of the centre arrives as 'remote' (a row, no content); Enter fetches it from the
stand-in portal (a real HTTP server on 127.0.0.1), checked, and opens it. A document the portal
refused is sent again from the tab."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import configure, intake
from pypdf import PdfReader
from PySide6.QtCore import Qt
from reportlab.pdfgen import canvas

from counter_app.gui.dossier.detail import DossierDetailDialog
from counter_app.gui.operations import OpChanges, alive, publish
from counter_app.ops import secrets_store
from counter_app.portal.client import PortalClient
from counter_app.portal.config import PortalConfig
from counter_app.portal_sim import PortalServer
from counter_app.services import CounterService
from counter_app.sync.engine import sync_pass

SEED = Path(__file__).resolve().parents[2] / "resources" / "catalogue.json"
USERS = {"quay1": "mật-khẩu-1", "quay2": "mật-khẩu-2"}
WAIT = 20_000


@pytest.fixture
def portal(make_portal_server, monkeypatch) -> PortalServer:
    monkeypatch.setenv(secrets_store.SECRETS_ENV, "file")
    return make_portal_server(catalogue_path=SEED, users=USERS)


def on_portal(service: CounterService, folder: Path, portal: PortalServer, number: int) -> None:
    user = f"quay{number}"
    service.settings.update({"portal_url": portal.url, "portal_user": user}, actor="test")
    secrets_store.set_portal_password(folder, user, USERS[user])


def synced(service: CounterService, portal: PortalServer, number: int) -> None:
    user = f"quay{number}"
    with PortalClient(PortalConfig(portal.url, user, USERS[user], read_timeout=10)) as client:
        assert sync_pass(service, client).error is None


def one_page_pdf(path: Path, text: str) -> Path:
    sheet = canvas.Canvas(str(path))
    sheet.drawString(72, 720, text)
    sheet.showPage()
    sheet.save()
    return path


def open_documents(qtbot, ctx, code: str):
    dialog = DossierDetailDialog(ctx, code)
    qtbot.addWidget(dialog)
    dialog.show()
    tab = dialog.documents_tab
    dialog.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.table.rowCount() >= 1, timeout=WAIT)
    return dialog, tab


def test_a_document_from_another_counter_is_fetched_on_enter_and_opened(
    qtbot, gui_context, service, data_dir, tmp_path, portal
) -> None:
    other = configure(CounterService.open(tmp_path / "c2"), counter=2)
    on_portal(other, tmp_path / "c2", portal, 2)
    code = other.intake.receive(intake()).dossier["code"]
    pdf = one_page_pdf(tmp_path / "don.pdf", "Don de nghi quay 2")
    other.attachments.attach(code, [pdf], by="an.nv", item=1)
    synced(other, portal, 2)

    on_portal(service, data_dir, portal, 1)
    synced(service, portal, 1)
    [row] = service.attachments.list(code)
    assert row["upload_state"] == "remote"

    ctx = gui_context("an.nv")
    dialog, tab = open_documents(qtbot, ctx, code)
    assert tab.table.item(0, 5).text() == "Ở quầy khác (Enter: tải về)"
    tab.table.setFocus()
    tab.table.selectRow(0)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.preview is not None and tab.preview.isVisible(), timeout=WAIT)
    text = PdfReader(io.BytesIO(tab.preview.pdf_bytes)).pages[0].extract_text()
    assert "Don de nghi quay 2" in text
    assert service.attachments.get(row["id"])["upload_state"] == "uploaded"
    preview = tab.preview
    preview.reject()
    qtbot.waitUntil(lambda: not alive(preview), timeout=WAIT)
    qtbot.waitUntil(lambda: tab.table.item(0, 5).text() == "Đã gửi", timeout=WAIT)
    other.close()


def test_a_refused_document_is_sent_again_from_the_tab(qtbot, gui_context, service, tmp_path):
    code = service.intake.receive(intake()).dossier["code"]
    pdf = one_page_pdf(tmp_path / "don.pdf", "Don")
    row = service.attachments.attach(code, [pdf], by="an.nv", item=1)
    ctx = gui_context("an.nv")
    dialog, tab = open_documents(qtbot, ctx, code)
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.retry_button, Qt.MouseButton.LeftButton)
    assert "Chỉ gửi lại được" in tab.message.text()  # still waiting: nothing to retry
    assert service.attachments.get(row["id"])["upload_state"] == "pending"

    service.attachments.set_upload_state(row["id"], "rejected", error="Tệp quá lớn")
    publish(ctx, OpChanges.for_dossier(code))
    qtbot.waitUntil(lambda: "Tệp quá lớn" in tab.table.item(0, 5).text(), timeout=WAIT)
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.table.item(0, 5).text() == "Chờ gửi", timeout=WAIT)
    assert service.attachments.get(row["id"])["upload_state"] == "pending"
    audit = service.store.read().execute("SELECT action FROM audit_log").fetchall()
    assert any("retry" in a[0] for a in audit)


def test_a_withdrawn_document_and_one_waiting_for_its_record_say_so(
    qtbot, gui_context, service, data_dir, tmp_path, portal
) -> None:
    import json

    from conftest import UNIT

    other = configure(CounterService.open(tmp_path / "c2"), counter=2)
    on_portal(other, tmp_path / "c2", portal, 2)
    code = other.intake.receive(intake()).dossier["code"]
    other.attachments.attach(code, [one_page_pdf(tmp_path / "a.pdf", "A")], by="an.nv", item=1)
    synced(other, portal, 2)
    on_portal(service, data_dir, portal, 1)
    synced(service, portal, 1)
    # counter 2's record now lists no file (the document was removed there)
    record = {
        k: v
        for k, v in portal.dossier(code).items()
        if k not in ("conflict", "version", "source", "created_at", "updated_at", "TienDo")
    }
    record.update(DanhSachTepDinhKem=[], DanhSachGiayToKetQua=[])
    version = service.dossiers.get(code)["portal_version"] + 1
    portal.publish_raw_change(
        UNIT,
        {"type": "dossier", "MaHoSo": code, "version": version, "MaQuay": 2, "dossier": record},
    )
    synced(service, portal, 1)
    ctx = gui_context("an.nv")
    dialog, tab = open_documents(qtbot, ctx, code)
    assert tab.table.item(0, 5).text() == "Đã gỡ ở quầy khác (chỉ lưu vết)"
    tab.table.setFocus()
    tab.table.selectRow(0)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "đã bị gỡ" in tab.message.text(), timeout=WAIT)
    assert tab.preview is None
    dialog.close()

    # a dossier the portal refused: its document waits for the record
    refused = service.intake.receive(intake(procedure_code="1.001699")).dossier["code"]
    service.attachments.attach(refused, [one_page_pdf(tmp_path / "b.pdf", "B")], by="an.nv")
    catalogue = json.loads(SEED.read_text(encoding="utf-8"))
    catalogue["procedures"] = [p for p in catalogue["procedures"] if p["code"] != "1.001699"]
    catalogue["version"] = "portal-2"
    portal.set_catalogue(catalogue)
    with PortalClient(PortalConfig(portal.url, "quay1", USERS["quay1"], read_timeout=10)) as c:
        assert sync_pass(service, c).rejected == 1
    dialog, tab = open_documents(qtbot, ctx, refused)
    assert tab.table.item(0, 5).text() == "Chờ hồ sơ được Cổng chấp nhận"
    other.close()
