"""Sync state on screen follows the sync engine (issue 12, item 8).

The stand-in portal runs as a real HTTP server on 127.0.0.1; the engine's cycle is set to an
hour, so anything synced during a test was synced because a local write nudged the engine, and
every screen showing "Đã đồng bộ" got there without Làm mới. Waits are qtbot.waitUntil.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.gui import sync_status
from counter_app.gui.context import AppContext
from counter_app.gui.dialogs.signin import SignInForm
from counter_app.gui.lists.dossier_table import open_detail
from counter_app.gui.main_window import MainWindow
from counter_app.gui.operations import alive
from counter_app.gui.operations import dossiers as dossier_ops
from counter_app.gui.operations.changes import OpChanges, changes_from_sync_pass
from counter_app.ops import secrets_store
from counter_app.portal_sim import PortalServer
from counter_app.services import CounterService
from counter_app.sync.status import PassReport
from tests.conftest import intake

WAIT = 20_000  # ms; generous for a loaded machine, never a timed assertion
APPLICANT = {
    "full_name": "Phạm Văn Đồng",
    "id_type": "cccd",
    "id_number": "001090054321",
    "birth_date": "01/03/1990",
    "sex": "Nam",
    "phone": "0912000111",
    "address": "Số 7 phố Hàng Bạc",
    "ward_code": 70,
    "procedure_code": "1.004873",
}

pytestmark = pytest.mark.skipif(
    not sync_status.engine_available(), reason="sync engine not in this tree"
)


@pytest.fixture(autouse=True)
def _no_retry_delay_and_file_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SignInForm, "RETRY_DELAY_MS", 0)
    monkeypatch.setenv(secrets_store.SECRETS_ENV, "file")  # never touch a real keyring


@pytest.fixture
def ctx(service: CounterService, qapp: QApplication) -> Iterator[AppContext]:
    context = AppContext(service)
    yield context
    context.wait_idle()
    context.run(service.store.close_thread_connection).result(10)
    context.shutdown()
    qapp.processEvents()


@pytest.fixture
def portal(tmp_path, portal_loopback_no_proxy) -> Iterator[PortalServer]:
    with PortalServer(tmp_path / "portal.db", users={"counter": "secret"}) as server:
        yield server


@pytest.fixture
def window(ctx: AppContext, portal: PortalServer, qtbot) -> Iterator[MainWindow]:
    service = ctx.service
    service.settings.update(
        {"portal_url": portal.url, "portal_user": "counter", "sync_interval_seconds": 3600},
        actor="t",
    )
    secrets_store.set_portal_password(service.store.folder, "counter", "secret")
    before = set(threading.enumerate())
    win = MainWindow(ctx, settings=service.settings.all(), start_sync=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    form = win.signin_page.form
    form.username.setText("an.nv")
    form.password.setText("matkhau1-quay")
    qtbot.keyClick(form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.intake is not None and win.intake.ready, timeout=WAIT)
    # The engine's first pass (at start) is over: from now on only nudges make passes.
    qtbot.waitUntil(lambda: win.sync_bridge.engine is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: win.sync_button.text().startswith("Đã đồng bộ lúc"), timeout=WAIT)
    qtbot.waitUntil(lambda: ctx.pending_jobs == 0, timeout=WAIT)
    yield win
    win.shutdown()
    for thread in set(threading.enumerate()) - before:
        thread.join(timeout=10)


def list_sync_text(win: MainWindow, code: str) -> str:
    model = win.list_screen.model
    for index in range(model.rowCount()):
        if model.row(index)["code"] == code:
            return str(model.row(index)["sync_state"])
    return ""


def test_a_pass_report_names_what_views_must_reload() -> None:
    assert changes_from_sync_pass(PassReport()) is None
    sent = changes_from_sync_pass(PassReport(sent=2))
    assert sent is not None and sent.all_dossiers and sent.from_sync
    assert not sent.is_local_dossier_write  # a pass's own results never nudge another pass
    catalogue = changes_from_sync_pass(PassReport(catalogue_version="v2"))
    assert catalogue is not None and catalogue.catalogue and not catalogue.any_dossier
    assert OpChanges.for_dossier("X").is_local_dossier_write


def test_a_receipt_at_the_counter_shows_synced_without_refresh(
    window: MainWindow, ctx: AppContext, portal: PortalServer, qtbot
) -> None:
    win = window
    engine = win.sync_bridge.engine
    # The list is open (and loaded) before the intake: it must follow on its own.
    win.show_list()
    qtbot.waitUntil(lambda: ctx.pending_jobs == 0 and not win.list_screen.model.loading)
    win.tabs.setCurrentWidget(win.intake)

    page = win.intake
    page.apply_state(APPLICANT)
    page.actions.save_and_print()
    qtbot.waitUntil(lambda: page.actions.preview is not None, timeout=WAIT)
    code = page.actions.last_code
    assert code
    page.actions.preview.reject()
    detail = open_detail(ctx, code, win)
    qtbot.waitUntil(lambda: detail.dossier is not None, timeout=WAIT)

    # Nudged at once (the cycle is an hour): the portal has it, and the screens say so.
    qtbot.waitUntil(lambda: portal.dossier_count() == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: detail.sync_label.text() == "Đã đồng bộ với Cổng", timeout=WAIT)
    assert win.sync_bridge.nudges >= 1 and engine.passes >= 2
    win.show_list()  # shown again: it reloaded when the pass's changes arrived, or does now
    qtbot.waitUntil(lambda: list_sync_text(win, code) == "synced", timeout=WAIT)

    # A status change in the open detail: pushed at once as well, and the detail follows.
    form = detail.start_action(4)
    qtbot.waitUntil(form.isVisible)
    form.submit()
    qtbot.waitUntil(lambda: detail.dossier["status"] == 4, timeout=WAIT)
    qtbot.waitUntil(
        lambda: portal.dossier(code) is not None and portal.dossier(code)["TrangThaiHoSo"] == 4,
        timeout=WAIT,
    )
    qtbot.waitUntil(lambda: detail.sync_label.text() == "Đã đồng bộ với Cổng", timeout=WAIT)
    detail.reject()
    qtbot.waitUntil(lambda: not alive(detail) or not detail.isVisible())


def test_a_burst_of_twenty_changes_is_a_bounded_number_of_passes(
    window: MainWindow, ctx: AppContext, portal: PortalServer, qtbot
) -> None:
    win = window
    service = ctx.service
    applicant = intake()["applicant"]
    codes = [
        service.intake.receive(intake(applicant=dict(applicant, full_name=f"Lê Văn {n}"))).dossier[
            "code"
        ]
        for n in range(20)
    ]  # written behind the GUI's back: nothing nudged, nothing published
    engine = win.sync_bridge.engine
    passes, nudges = engine.passes, win.sync_bridge.nudges
    for code in codes:  # twenty status changes queued at once, as fast as the DB takes them
        dossier_ops.change_status(
            ctx=ctx, parent=None, code=code, target=4, by="an.nv", reason=""
        ).run_in_background()
    qtbot.waitUntil(lambda: ctx.pending_jobs == 0, timeout=WAIT)
    qtbot.waitUntil(
        lambda: all((portal.dossier(code) or {}).get("TrangThaiHoSo") == 4 for code in codes),
        timeout=WAIT,
    )
    qtbot.waitUntil(lambda: sync_status.describe(win.sync_bridge.latest).count("chờ gửi") == 0)
    qtbot.waitUntil(lambda: not win.sync_bridge._nudge.isActive())
    # One nudge for the burst (two if the burst outlasted the longest wait); each nudge is at
    # most the pass it causes plus the one already running.
    assert 1 <= win.sync_bridge.nudges - nudges <= 2
    assert 1 <= engine.passes - passes <= 4
