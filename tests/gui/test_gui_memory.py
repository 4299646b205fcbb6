"""A day at the counter ends with bounded memory (issue 12, item 1).

Resident memory is noisy, so the test counts objects instead: every preview, action dialog
and detail window is destroyed once closed, and a scripted session (intakes with their receipt
preview, list searches, detail windows with a status change and a printed form) leaves as many
live widgets, QObjects and QPdfDocuments after its later rounds as after its first ones. The RSS
figures are bench/bench_gui.py --soak's.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from conftest import FORM_APPLICANT
from PySide6.QtCore import QObject, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication

from counter_app.gui.context import AppContext
from counter_app.gui.dialogs.signin import SignInForm
from counter_app.gui.lists.dossier_table import open_detail
from counter_app.gui.main_window import MainWindow
from counter_app.gui.operations import alive
from counter_app.services import CounterService

WAIT = 20_000  # ms; never a timed assertion
SEARCHES = ("nguyen thi", "minh khai", "001190")


@pytest.fixture
def ctx(service: CounterService, qapp: QApplication, monkeypatch) -> Iterator[AppContext]:
    monkeypatch.setattr(SignInForm, "RETRY_DELAY_MS", 0)
    context = AppContext(service)
    yield context
    context.wait_idle()
    context.run(service.store.close_thread_connection).result(10)
    context.shutdown()
    qapp.processEvents()


@pytest.fixture
def window(ctx: AppContext, qtbot) -> Iterator[MainWindow]:
    win = MainWindow(ctx, settings=ctx.service.settings.all())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    form = win.signin_page.form
    form.username.setText("an.nv")
    form.password.setText("matkhau1-quay")
    qtbot.keyClick(form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.intake is not None and win.intake.ready, timeout=WAIT)
    yield win
    win.shutdown()


def idle(ctx: AppContext) -> bool:
    return ctx.pending_jobs == 0


def intake_with_preview(qtbot, ctx: AppContext, win: MainWindow) -> str:
    page = win.intake
    page.apply_state(FORM_APPLICANT)
    page.actions.save_and_print()  # what Ctrl+Enter does
    qtbot.waitUntil(lambda: page.actions.preview is not None and idle(ctx), timeout=WAIT)
    preview = page.actions.preview
    assert preview.isVisible() and preview.page_count >= 1
    preview.reject()  # Đóng
    qtbot.waitUntil(lambda: not alive(preview), timeout=WAIT)
    assert page.actions.preview is None
    return page.actions.last_code


def search(qtbot, ctx: AppContext, win: MainWindow, text: str) -> None:
    win.show_list()
    win.list_screen.search.setText(text)
    win.list_screen.apply_now()
    qtbot.waitUntil(lambda: idle(ctx) and not win.list_screen.model.loading, timeout=WAIT)
    assert win.list_screen.model.rowCount() >= 1
    win.tabs.setCurrentWidget(win.intake)


def detail_with_change_and_print(qtbot, ctx: AppContext, win: MainWindow, code: str) -> None:
    detail = open_detail(ctx, code, win)
    qtbot.waitUntil(lambda: detail.dossier is not None and not detail.loading, timeout=WAIT)
    form = detail.start_action(4)  # Received -> Processing
    qtbot.waitUntil(form.isVisible)
    form.submit()
    qtbot.waitUntil(lambda: idle(ctx) and detail.dossier["status"] == 4, timeout=WAIT)
    qtbot.waitUntil(lambda: not alive(form), timeout=WAIT)  # the action dialog is gone
    detail.print_control()  # Phiếu kiểm soát: a preview owned by the detail window
    qtbot.waitUntil(lambda: detail.preview is not None and idle(ctx), timeout=WAIT)
    preview = detail.preview
    preview.reject()
    qtbot.waitUntil(lambda: not alive(preview), timeout=WAIT)
    detail.reject()
    qtbot.waitUntil(lambda: not alive(detail), timeout=WAIT)


def live_objects(qtbot, win: MainWindow) -> dict[str, int]:
    qtbot.wait(1)  # deferred deletions run
    gc.collect()
    return {
        "widgets": len(QApplication.allWidgets()),
        "top_level": len(QApplication.topLevelWidgets()),
        "window_qobjects": len(win.findChildren(QObject)),
        "pdf_documents": sum(
            len(w.findChildren(QPdfDocument)) for w in QApplication.topLevelWidgets()
        ),
    }


def test_the_receipt_preview_is_destroyed_when_closed(window: MainWindow, ctx, qtbot) -> None:
    page = window.intake
    page.apply_state(FORM_APPLICANT)
    page.actions.save_and_print()
    qtbot.waitUntil(lambda: page.actions.preview is not None and idle(ctx), timeout=WAIT)
    preview = page.actions.preview
    document = preview.document
    destroyed: list[str] = []
    preview.destroyed.connect(lambda: destroyed.append("preview"))
    document.destroyed.connect(lambda: destroyed.append("document"))
    assert preview.parent() is page  # window-modal over the intake screen, as before
    qtbot.keyClick(preview, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: "preview" in destroyed and "document" in destroyed, timeout=WAIT)
    assert not alive(preview) and not alive(document)
    assert page.actions.preview is None
    assert not page.findChildren(QPdfDocument)
    # pdfium stays loaded (a set-up/tear-down cycle per preview leaks inside pdfium)
    keeper = QApplication.instance().findChild(QPdfDocument, "pdfEngineKeeper")
    assert keeper is not None and keeper.status() == QPdfDocument.Status.Null


def test_a_scripted_session_keeps_object_counts_flat(window: MainWindow, ctx, qtbot) -> None:
    def round_(index: int) -> None:
        code = intake_with_preview(qtbot, ctx, window)
        search(qtbot, ctx, window, SEARCHES[index % len(SEARCHES)])
        detail_with_change_and_print(qtbot, ctx, window, code)

    for index in range(2):  # warm-up: lazily built screens, caches
        round_(index)
    after_warmup = live_objects(qtbot, window)
    for index in range(2, 8):  # 6 more rounds, 30 actions
        round_(index)
    after_session = live_objects(qtbot, window)
    assert after_session == after_warmup
    assert after_session["pdf_documents"] == 0
    assert len(ctx.service.search.dossiers("minh khai", limit=100)) == 8
