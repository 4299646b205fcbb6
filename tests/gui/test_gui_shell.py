"""The GUI shell (pytest-qt, offscreen): setup, sign-in, idle lock, list, settings, crashes.

Real service on a real SQLite folder in tmp_path; the stand-in portal on 127.0.0.1 for
the sync indication. No sleeps: every wait is qtbot.waitUntil on an observable state.
"""

from __future__ import annotations

import argparse
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QEvent, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from counter_app.domain import clock
from counter_app.domain.official_days import SEED_2026
from counter_app.gui import i18n, sync_status  # noqa: E402
from counter_app.gui.context import AppContext, Officer  # noqa: E402
from counter_app.gui.dialogs.settings import NotAllowed, SettingsDialog  # noqa: E402
from counter_app.gui.dialogs.setup import SetupDialog  # noqa: E402
from counter_app.gui.dialogs.signin import SignInForm  # noqa: E402
from counter_app.gui.dialogs.sync_problems import SyncProblemsDialog  # noqa: E402
from counter_app.gui.lists.dossier_list import DossierListWidget  # noqa: E402
from counter_app.gui.lists.dossier_table import DossierQuery, fetch_page  # noqa: E402
from counter_app.gui.lists.today import TodayWidget  # noqa: E402
from counter_app.gui.main_window import MainWindow  # noqa: E402
from counter_app.gui.operations.settings import needs_setup  # noqa: E402
from counter_app.ops import secrets_store  # noqa: E402
from counter_app.services import CounterService  # noqa: E402
from tests.conftest import intake  # noqa: E402

WAIT = 10_000  # ms; generous for slow CI, never a timed assertion


@pytest.fixture(autouse=True, scope="module")
def _no_threads_left_behind() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    for thread in set(threading.enumerate()) - before:
        thread.join(timeout=10)  # e.g. the start-up import prewarm finishing its imports
    left = [t.name for t in set(threading.enumerate()) - before if t.is_alive()]
    assert not left, f"threads left running: {left}"


@pytest.fixture(autouse=True)
def _no_retry_delay_and_file_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SignInForm, "RETRY_DELAY_MS", 0)
    monkeypatch.setenv(secrets_store.SECRETS_ENV, "file")  # never touch a real keyring


def _close_ctx(ctx: AppContext) -> None:
    ctx.wait_idle()
    ctx.run(ctx.service.store.close_thread_connection).result(10)
    ctx.shutdown()


@pytest.fixture
def ctx(service: CounterService, qapp: QApplication) -> Iterator[AppContext]:
    context = AppContext(service)
    yield context
    _close_ctx(context)
    qapp.processEvents()


@pytest.fixture
def window(ctx: AppContext, qtbot) -> Iterator[MainWindow]:
    win = MainWindow(ctx, settings=ctx.service.settings.all())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.shutdown()
    for dialog in (win.lock_dialog, win.settings_dialog, win.sync_dialog):
        if dialog is not None:
            dialog.close()
    win.close()
    win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def type_text(widget, text: str) -> None:
    """Type like a keyboard, Vietnamese included (QTest.keyClicks only handles ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def sign_in(qtbot, win: MainWindow, username: str, password: str) -> None:
    form = win.signin_page.form
    form.username.setText(username)
    form.password.setText(password)
    qtbot.keyClick(form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not form.busy, timeout=WAIT)


def wait_loaded(qtbot, ctx: AppContext, model) -> None:
    qtbot.waitUntil(lambda: not model.loading and ctx.pending_jobs == 0, timeout=WAIT)


def receive(service: CounterService, name: str, **overrides) -> str:
    data = intake(**overrides)
    data["applicant"] = dict(data["applicant"], full_name=name)
    return service.intake.receive(data).dossier["code"]


# -- first run -------------------------------------------------------------------------------
def test_first_run_setup_by_keyboard(data_dir: Path, qtbot) -> None:
    service = CounterService.open(data_dir)
    context = AppContext(service)
    try:
        assert context.run(lambda: needs_setup(service)).result(10)
        dialog = SetupDialog(context)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitActive(dialog)

        def type_into_focus(text: str) -> None:
            widget = dialog.focusWidget()
            assert widget is not None
            type_text(widget, text)
            qtbot.keyClick(widget, Qt.Key.Key_Return)

        dialog.commune.edit.setFocus()
        qtbot.keyClicks(dialog.commune.edit, "hoan kiem")
        assert dialog.commune.selected().code == 70  # accent-free search picked the commune
        qtbot.keyClick(dialog.commune.edit, Qt.Key.Key_Return)
        assert dialog.focusWidget() is dialog.centre_name
        assert dialog.centre_name.text() == "Trung tâm Phục vụ hành chính công phường Hoàn Kiếm"
        type_into_focus("")  # keep the proposed centre name
        type_into_focus("000.00.01.H22")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Up)  # counter 1 -> 2
        type_into_focus("")
        type_into_focus("")  # default working hours
        type_into_focus("Nguyễn Văn Quản")
        type_into_focus("quantri")
        type_into_focus("matkhau9-quay")
        assert dialog.focusWidget() is dialog.password_again
        type_into_focus("matkhau9-quay")  # Enter on the last field submits
        qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=WAIT)
        assert dialog.created_admin == "quantri"
        settings = service.settings.all()
        assert (settings["ward_code"], settings["counter"], settings["unit_code"]) == (
            70,
            2,
            "000.00.01.H22",
        )
        staff = {s["username"]: s for s in service.staff.all()}
        assert staff["quantri"]["role"] == "admin"
        assert staff["quantri"]["full_name"] == "Nguyễn Văn Quản"
        assert not context.run(lambda: needs_setup(service)).result(10)
    finally:
        _close_ctx(context)
        service.close()


def test_setup_reports_mismatched_passwords(data_dir: Path, qtbot) -> None:
    service = CounterService.open(data_dir)
    context = AppContext(service)
    try:
        dialog = SetupDialog(context)
        qtbot.addWidget(dialog)
        dialog.commune._search("hoan kiem")
        dialog.unit_code.setText("000.00.01.H22")
        dialog.username.setText("quantri")
        dialog.full_name.setText("Quản Trị")
        dialog.password.setText("matkhau9-quay")
        dialog.password_again.setText("khac1234")
        dialog.submit()
        assert "không khớp" in dialog.message.text()
        assert not service.settings.is_configured()
    finally:
        _close_ctx(context)
        service.close()


def test_setup_refuses_a_short_admin_password_and_saves_nothing(data_dir: Path, qtbot) -> None:
    service = CounterService.open(data_dir)
    context = AppContext(service)
    try:
        dialog = SetupDialog(context)
        qtbot.addWidget(dialog)
        dialog.commune._search("hoan kiem")
        dialog.unit_code.setText("000.00.01.H22")
        dialog.username.setText("quantri")
        dialog.full_name.setText("Quản Trị")
        dialog.password.setText("ngan123")
        dialog.password_again.setText("ngan123")
        dialog.submit()
        qtbot.waitUntil(lambda: "10 ký tự" in dialog.message.text(), timeout=WAIT)
        assert not service.settings.is_configured()
        assert service.staff.all() == []
    finally:
        _close_ctx(context)
        service.close()


# -- sign-in ---------------------------------------------------------------------------------
def test_sign_in_success_shows_officer_and_work_area(window: MainWindow, qtbot) -> None:
    with qtbot.waitSignal(window.ctx.signals.signed_in, timeout=WAIT) as blocker:
        sign_in(qtbot, window, "an.nv", "matkhau1-quay")
    assert isinstance(blocker.args[0], Officer)
    assert window.signed_in
    assert window.ctx.officer.full_name == "Nguyễn Văn An"
    assert "Nguyễn Văn An" in window.officer_label.text()
    assert window.counter_label.text() == "Quầy 1"
    assert window.act_settings.isEnabled()


def test_sign_in_failure_then_lockout(window: MainWindow, qtbot) -> None:
    window.ctx.service.settings.update({"max_failed_logins": 3}, actor="test")
    form = window.signin_page.form
    sign_in(qtbot, window, "binh.tt", "sai-mat-khau")
    assert not window.signed_in
    assert "Sai tên đăng nhập hoặc mật khẩu" in form.message.text()
    assert form.password.text() == ""
    unknown_user = form.message.text()
    sign_in(qtbot, window, "binh.tt", "sai-nua")
    sign_in(qtbot, window, "binh.tt", "sai-lan-ba")  # the third: locked, still the same message
    assert form.message.text() == unknown_user  # a guesser never learns the account exists
    sign_in(qtbot, window, "binh.tt", "matkhau2-quay")  # even the right password is refused now
    assert not window.signed_in
    assert "đã bị khóa" in form.message.text()
    assert form.failures == 4


def test_idle_lock_keeps_typed_text_and_unlocks(window: MainWindow, qtbot) -> None:
    sign_in(qtbot, window, "an.nv", "matkhau1-quay")
    window.show_list()
    window.list_screen.search.setText("đang gõ dở")
    window.idle.set_interval_ms(50)  # test hook instead of minutes
    qtbot.waitUntil(lambda: window.locked, timeout=WAIT)
    lock = window.lock_dialog
    assert lock.isVisible()
    assert lock.form.username.text() == "an.nv"
    lock.form.password.setText("sai")
    lock.form.submit()
    qtbot.waitUntil(lambda: not lock.form.busy, timeout=WAIT)
    assert window.locked
    lock.form.password.setText("matkhau1-quay")
    with qtbot.waitSignal(window.locked_changed, timeout=WAIT):
        lock.form.submit()
    assert not window.locked
    assert window.list_screen.search.text() == "đang gõ dở"
    assert window.idle.active
    window.idle.set_minutes(5)


def test_ctrl_l_locks_and_another_officer_can_take_over(window: MainWindow, qtbot) -> None:
    sign_in(qtbot, window, "an.nv", "matkhau1-quay")
    window.act_lock.trigger()
    assert window.locked
    lock = window.lock_dialog
    lock.form.username.setText("binh.tt")
    lock.form.password.setText("matkhau2-quay")
    with qtbot.waitSignal(window.ctx.signals.signed_in, timeout=WAIT):
        lock.form.submit()
    assert window.ctx.officer.username == "binh.tt"
    assert not window.act_settings.isEnabled()


def test_shortcuts_switch_screens(window: MainWindow, qtbot) -> None:
    sign_in(qtbot, window, "an.nv", "matkhau1-quay")
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert window.tabs.currentWidget() is window.list_screen
    assert window.list_screen.search.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_F4)
    assert window.tabs.currentWidget() is window.today_screen
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert window.tabs.currentIndex() == 0


# -- list ----------------------------------------------------------------------------------------
@pytest.fixture
def populated(service: CounterService) -> dict[str, str]:
    today = clock.now().replace(hour=9, minute=0, second=0, microsecond=0)
    codes = {
        "hung": receive(service, "Nguyễn Văn Hùng", received_at="2026-07-15 09:00"),
        "lan": receive(service, "Trần Thị Lan", received_at="2026-07-16 09:00"),
        "duc": receive(service, "Đặng Đức Nguyên", received_at="2026-07-17 09:00"),
        "today": receive(service, "Lê Thị Hoa", received_at=today.strftime("%Y-%m-%d %H:%M")),
    }
    return codes


@pytest.fixture
def list_widget(ctx: AppContext, qtbot) -> DossierListWidget:
    widget = DossierListWidget(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    qtbot.waitExposed(widget)
    wait_loaded(qtbot, ctx, widget.model)
    return widget


def shown_names(widget: DossierListWidget) -> list[str]:
    return [widget.model.row(i)["full_name"] for i in range(widget.model.rowCount())]


def search(qtbot, widget: DossierListWidget, text: str) -> None:
    widget.search.clear()
    type_text(widget.search, text)
    assert widget._debounce.isActive()  # typing is debounced, not one query per key
    qtbot.waitUntil(lambda: not widget._debounce.isActive(), timeout=WAIT)
    wait_loaded(qtbot, widget.ctx, widget.model)


def test_list_search_is_accent_insensitive(populated, list_widget, qtbot) -> None:
    assert shown_names(list_widget)[0] == "Lê Thị Hoa"  # newest first
    search(qtbot, list_widget, "nguyen")
    assert sorted(shown_names(list_widget)) == ["Nguyễn Văn Hùng", "Đặng Đức Nguyên"]
    search(qtbot, list_widget, "dang duc")
    assert shown_names(list_widget) == ["Đặng Đức Nguyên"]
    search(qtbot, list_widget, "TRẦN thị")
    assert shown_names(list_widget) == ["Trần Thị Lan"]
    search(qtbot, list_widget, populated["lan"])
    assert shown_names(list_widget) == ["Trần Thị Lan"]
    search(qtbot, list_widget, "khong co ai")
    assert shown_names(list_widget) == []
    assert "Không có hồ sơ" in list_widget.table.summary.text()


def test_list_filters_and_order(populated, list_widget, ctx, qtbot) -> None:
    service = ctx.service
    service.dossiers.change_status(populated["hung"], 4, by="an.nv")
    with service.store.write() as conn:  # what a portal rejection leaves behind
        conn.execute(
            "UPDATE dossiers SET sync_state = 'rejected', sync_message = 'Sai mã TTHC' "
            "WHERE code = ?",
            (populated["lan"],),
        )
    widget = list_widget
    widget.status.setCurrentIndex(widget.status.findData(4))
    wait_loaded(qtbot, ctx, widget.model)
    assert shown_names(widget) == ["Nguyễn Văn Hùng"]
    widget.status.setCurrentIndex(0)
    widget.sync_problems.setChecked(True)
    wait_loaded(qtbot, ctx, widget.model)
    assert shown_names(widget) == ["Trần Thị Lan"]
    widget.sync_problems.setChecked(False)
    widget.overdue.setChecked(True)  # July dossiers, appointments long past
    wait_loaded(qtbot, ctx, widget.model)
    assert set(shown_names(widget)) == {"Nguyễn Văn Hùng", "Trần Thị Lan", "Đặng Đức Nguyên"}
    widget.overdue.setChecked(False)
    widget.period.setCurrentIndex(widget.period.findData("custom"))
    widget.date_from.setDate(date(2026, 7, 16))
    widget.date_to.setDate(date(2026, 7, 16))
    wait_loaded(qtbot, ctx, widget.model)
    assert shown_names(widget) == ["Trần Thị Lan"]
    widget.period.setCurrentIndex(widget.period.findData("today"))
    wait_loaded(qtbot, ctx, widget.model)
    assert shown_names(widget) == ["Lê Thị Hoa"]
    widget.clear_filters()
    wait_loaded(qtbot, ctx, widget.model)
    widget.order.setCurrentIndex(1)  # oldest first
    wait_loaded(qtbot, ctx, widget.model)
    assert shown_names(widget)[0] == "Nguyễn Văn Hùng"
    widget.view.horizontalHeader().sectionClicked.emit(3)  # header click: newest again
    wait_loaded(qtbot, ctx, widget.model)
    assert shown_names(widget)[0] == "Lê Thị Hoa"
    assert widget.order.currentIndex() == 0


def test_enter_opens_the_detail(populated, list_widget, qtbot) -> None:
    opened: list[str] = []
    list_widget.table.open_dossier = opened.append  # the detail dialog is GUI-B's
    search(qtbot, list_widget, "tran thi lan")
    qtbot.keyClick(list_widget.search, Qt.Key.Key_Down)
    assert list_widget.view.hasFocus()
    qtbot.keyClick(list_widget.view, Qt.Key.Key_Return)
    assert opened == [populated["lan"]]


def test_lazy_paging_never_loads_everything(service: CounterService, qtbot) -> None:
    from counter_app.demo import generate_demo_data

    total = generate_demo_data(service, 1200, seed=3)
    context = AppContext(service)
    try:
        widget = DossierListWidget(context)
        qtbot.addWidget(widget)
        widget.model.page_size = 100
        widget.show()
        widget.start()
        model = widget.model
        wait_loaded(qtbot, context, model)
        assert model.rowCount() == 100
        assert model.canFetchMore()
        seen = []
        for _ in range(3):
            model.fetchMore()
            wait_loaded(qtbot, context, model)
            seen.append(model.rowCount())
        assert seen == [200, 300, 400]
        assert model.rowCount() < total
        ids = [model.row(i)["id"] for i in range(model.rowCount())]
        assert ids == sorted(ids, reverse=True) and len(set(ids)) == len(ids)
        # scrolling to the end asks for the next page by itself
        widget.view.scrollToBottom()
        qtbot.waitUntil(lambda: model.rowCount() > 400, timeout=WAIT)
        wait_loaded(qtbot, context, model)
        assert model.rowCount() < total
        # oldest-first pages go the other way without gaps
        widget.order.setCurrentIndex(1)
        wait_loaded(qtbot, context, model)
        model.fetchMore()
        wait_loaded(qtbot, context, model)
        ascending = [model.row(i)["id"] for i in range(model.rowCount())]
        assert ascending == list(range(ascending[0], ascending[0] + 200))
    finally:
        _close_ctx(context)


def test_stale_pages_of_an_old_query_are_dropped(populated, ctx, qtbot) -> None:
    widget = DossierListWidget(ctx)
    qtbot.addWidget(widget)
    widget.search.setText("nguyen")
    widget.apply_now()
    widget.search.setText("tran")
    widget.apply_now()  # the first query's page arrives after this one started
    wait_loaded(qtbot, ctx, widget.model)
    assert shown_names(widget) == ["Trần Thị Lan"]


def test_fetch_page_returned_today(populated, service: CounterService) -> None:
    code = populated["duc"]
    for status in (4, 9):
        service.dossiers.change_status(code, status, by="an.nv")
    service.dossiers.change_status(code, 10, by="an.nv", collected_by="Đặng Đức Nguyên")
    rows = fetch_page(service, DossierQuery(returned_on=clock.now().date()), None)
    assert [r["code"] for r in rows] == [code]
    assert fetch_page(service, DossierQuery(returned_on=date(2020, 1, 1)), None) == []


# -- today ---------------------------------------------------------------------------------------
def test_today_counts_and_lists(populated, ctx, qtbot) -> None:
    widget = TodayWidget(ctx)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: bool(widget.counts), timeout=WAIT)
    wait_loaded(qtbot, ctx, widget.table.model)
    assert widget.counts["received_today"] == 1
    assert widget.cards["received_today"].number_text() == "1"
    assert [widget.table.model.row(0)["full_name"]] == ["Lê Thị Hoa"]
    assert widget.counts["overdue"] == 3
    widget.select("overdue")
    wait_loaded(qtbot, ctx, widget.table.model)
    assert widget.table.model.rowCount() == 3


# -- settings ------------------------------------------------------------------------------------
def test_settings_are_admin_only(window: MainWindow, qtbot) -> None:
    sign_in(qtbot, window, "binh.tt", "matkhau2-quay")
    assert window.signed_in
    assert not window.act_settings.isEnabled()
    assert window.open_settings() is None
    assert "quản trị viên" in window.statusBar().currentMessage()
    with pytest.raises(NotAllowed):
        SettingsDialog(window.ctx)


def test_settings_save_round_trip(window: MainWindow, data_dir: Path, qtbot) -> None:
    sign_in(qtbot, window, "an.nv", "matkhau1-quay")
    dialog = window.open_settings()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT)
    assert dialog.unit_code.text() == "000.00.01.H22"
    dialog.centre_name.setText("Trung tâm PVHCC phường Hoàn Kiếm (cơ sở 2)")
    dialog.counter.setValue(3)
    dialog.idle_lock.setValue(7)
    dialog.paper.setCurrentIndex(dialog.paper.findData("80mm"))
    dialog.portal_url.setText("http://127.0.0.1:9")
    dialog.portal_user.setText("quay3")
    dialog.portal_password.setText("bi-mat")
    dialog.holiday_day.setDate(date(2026, 12, 31))
    dialog.holiday_kind.setCurrentIndex(0)
    dialog.holiday_note.setText("Nghỉ bù theo quyết định")
    dialog._add_holiday()
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT):
        dialog.save()
    settings = window.ctx.service.settings.all()
    assert settings["centre_name"] == "Trung tâm PVHCC phường Hoàn Kiếm (cơ sở 2)"
    assert (settings["counter"], settings["idle_lock_minutes"], settings["paper"]) == (3, 7, "80mm")
    assert (settings["portal_url"], settings["portal_user"]) == ("http://127.0.0.1:9", "quay3")
    assert "bi-mat" not in str(settings)
    assert secrets_store.get_portal_password(data_dir, "quay3") == "bi-mat"
    holidays = [  # the shipped official days (issue 13) stay as they are
        h for h in window.ctx.service.calendar.holiday_overrides() if h["source"] != "seed"
    ]
    assert [(h["day"], h["working"], h["note"]) for h in holidays] == [
        ("2026-12-31", 0, "Nghỉ bù theo quyết định")
    ]
    qtbot.waitUntil(lambda: window.counter_label.text() == "Quầy 3", timeout=WAIT)
    assert window.idle.timer.interval() == 7 * 60_000

    again = window.open_settings()
    qtbot.waitUntil(lambda: again.loaded, timeout=WAIT)
    assert again.counter.value() == 3
    assert again.paper.currentData() == "80mm"
    assert again.holidays.rowCount() == 1 + len(SEED_2026)
    assert "đã lưu" in again.portal_password.placeholderText()
    again.working_hours.setText("tám giờ sáng")
    again.save()
    qtbot.waitUntil(lambda: not again.busy, timeout=WAIT)
    assert again.isVisible()  # a bad value keeps the dialog open and points at the field
    assert again.message.text()
    assert again.tabs.currentIndex() == 0
    assert window.ctx.service.settings.get("working_hours") == "07:30-11:30,13:30-17:00"
    again.holidays.selectRow(len(SEED_2026))  # after the 2026 seed rows, sorted by day
    again._remove_holiday()
    again.working_hours.setText("07:30-11:30,13:30-17:00")
    with qtbot.waitSignal(again.accepted, timeout=WAIT):
        again.save()
    left = window.ctx.service.calendar.holiday_overrides()
    assert [h["day"] for h in left] == [d.day.isoformat() for d in SEED_2026]


def test_connection_test_against_the_stand_in_portal(window: MainWindow, tmp_path, qtbot) -> None:
    from counter_app.portal_sim import PortalServer

    sign_in(qtbot, window, "an.nv", "matkhau1-quay")
    with PortalServer(tmp_path / "portal.db", users={"counter": "secret"}) as portal:
        dialog = window.open_settings()
        qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT)
        dialog.portal_url.setText(portal.url)
        dialog.portal_user.setText("counter")
        dialog.portal_password.setText("secret")
        dialog.test_connection()
        qtbot.waitUntil(lambda: dialog.ping_button.isEnabled(), timeout=WAIT)
        assert "Kết nối tốt" in dialog.ping_result.text()
        dialog.portal_password.setText("sai")
        dialog.test_connection()
        qtbot.waitUntil(lambda: dialog.ping_button.isEnabled(), timeout=WAIT)
        assert "Không kết nối được" in dialog.ping_result.text()
        dialog.reject()


# -- sync indication -------------------------------------------------------------------------
def test_status_bar_follows_the_real_engine(ctx: AppContext, populated, tmp_path, qtbot) -> None:
    if not sync_status.engine_available():
        pytest.skip("sync engine not in this tree")
    from counter_app.portal_sim import PortalServer

    service = ctx.service
    with PortalServer(tmp_path / "portal.db", users={"counter": "secret"}) as portal:
        service.settings.update({"portal_url": portal.url, "portal_user": "counter"}, actor="t")
        secrets_store.set_portal_password(service.store.folder, "counter", "secret")
        win = MainWindow(ctx, settings=service.settings.all(), start_sync=True)
        qtbot.addWidget(win)
        try:
            qtbot.waitUntil(
                lambda: win.sync_button.text().startswith("Đã đồng bộ lúc"), timeout=WAIT
            )
            assert portal.dossier_count() == 4
        finally:
            win.shutdown()
    assert win.sync_bridge.engine is None


def test_status_texts() -> None:
    status = sync_status.SyncStatus
    assert sync_status.describe(status(state="disabled")) == "Chưa cấu hình đồng bộ"
    assert sync_status.describe(status(state="offline", pending=3)) == (
        "Mất kết nối cổng DVC · 3 chờ gửi"
    )
    synced = status(state="synced", rejected=2, last_success=clock.now().replace(hour=9, minute=5))
    assert sync_status.describe(synced) == "Đã đồng bộ lúc 09:05 · 2 bị từ chối"
    assert sync_status.skew_warning(status(state="synced", clock_skew_seconds=30)) == ""
    assert "chậm 10 phút" in sync_status.skew_warning(
        status(state="synced", clock_skew_seconds=600)
    )


def test_bridge_delivers_on_the_gui_thread(qtbot) -> None:
    bridge = sync_status.SyncStatusBridge()
    seen: list[tuple[str, bool]] = []
    bridge.status_changed.connect(
        lambda s: seen.append((s.state, threading.current_thread() is threading.main_thread()))
    )
    worker = threading.Thread(
        target=bridge.on_status, args=(sync_status.SyncStatus(state="syncing"),)
    )
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT)
    assert seen == [("syncing", True)]
    assert bridge.latest.state == "syncing"


def test_sync_problems_dialog_retries(window: MainWindow, populated, qtbot) -> None:
    if not sync_status.engine_available():
        pytest.skip("sync engine not in this tree")
    service = window.ctx.service
    sign_in(qtbot, window, "an.nv", "matkhau1-quay")
    with service.store.write() as conn:  # a portal refusal, as the drain records it
        dossier_id = service.dossiers.get(populated["lan"])["id"]
        conn.execute(
            "UPDATE outbox SET state = 'rejected', last_error = 'MaTTHC không hợp lệ' "
            "WHERE dossier_id = ?",
            (dossier_id,),
        )
        conn.execute(
            "UPDATE dossiers SET sync_state = 'rejected', sync_message = 'MaTTHC không hợp lệ' "
            "WHERE id = ?",
            (dossier_id,),
        )
    dialog = SyncProblemsDialog(window.ctx, window.sync_bridge, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=WAIT)
    assert dialog.table.item(0, 3).text() == "MaTTHC không hợp lệ"
    dialog.retry_selected()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=WAIT)
    assert service.dossiers.get(populated["lan"])["sync_state"] == "pending"


def test_sync_problems_dialog_shows_quarantined_portal_items(
    window: MainWindow, populated, qtbot
) -> None:
    from counter_app.sync.quarantine import quarantine

    service = window.ctx.service
    sign_in(qtbot, window, "an.nv", "matkhau1-quay")
    item = {"type": "status", "MaHoSo": populated["lan"], "TrangThaiHoSo": 99}
    with service.store.write() as conn:  # as the pull records a poisoned feed item
        quarantine(conn, "changes", item, "changes[0].TrangThaiHoSo: must be one of 1..10")
    dialog = SyncProblemsDialog(window.ctx, window.sync_bridge, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.quarantine_table.rowCount() == 1, timeout=WAIT)
    assert dialog.quarantine_table.item(0, 1).text() == populated["lan"]
    assert '"TrangThaiHoSo": 99' in dialog.quarantine_table.item(0, 3).text()
    assert "TrangThaiHoSo" in dialog.quarantine_table.item(0, 2).text()
    assert "1 mục" in dialog.quarantine_label.text()


# -- crashes and start-up errors -----------------------------------------------------------------
def test_crash_dialog_for_an_exception_in_a_worker_thread(qtbot, tmp_path) -> None:
    from counter_app.gui.app import CrashReporter

    reporter = CrashReporter(log_dir=tmp_path / "logs")
    reporter.install()
    try:

        def explode() -> None:
            raise RuntimeError("hỏng ở luồng phụ")

        worker = threading.Thread(target=explode, name="worker-x")
        worker.start()
        worker.join()
        qtbot.waitUntil(
            lambda: reporter.dialog is not None and reporter.dialog.isVisible(), timeout=WAIT
        )
        text = reporter.dialog.text()
        assert "RuntimeError: hỏng ở luồng phụ" in text
        assert "worker-x" in text
        reporter.dialog.copy()
        assert "hỏng ở luồng phụ" in QApplication.clipboard().text()
        assert "hỏng ở luồng phụ" in (tmp_path / "logs" / "crash.log").read_text(encoding="utf-8")
    finally:
        reporter.uninstall()
        if reporter.dialog is not None:
            reporter.dialog.close()


def test_unhandled_job_error_reaches_the_crash_dialog(ctx: AppContext, qtbot) -> None:
    from counter_app.gui.app import CrashReporter

    reporter = CrashReporter()
    ctx.signals.unhandled_error.connect(reporter.report)

    def job() -> None:
        raise ValueError("lỗi trong công việc nền")

    ctx.run(job)
    qtbot.waitUntil(lambda: reporter.dialog is not None, timeout=WAIT)
    assert "ValueError: lỗi trong công việc nền" in reporter.dialog.text()
    reporter.dialog.close()


def test_locked_data_folder_shows_a_clear_message(service: CounterService, data_dir, qtbot) -> None:
    from counter_app.gui.app import run_gui

    seen: list[str] = []

    def close_message() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.done(0)
        else:
            QTimer.singleShot(20, close_message)

    QTimer.singleShot(0, close_message)
    args = argparse.Namespace(data_dir=str(data_dir), demo=False, screenshots=None)
    assert run_gui(args, []) == 2  # `service` (the fixture) holds the folder
    assert seen
    assert "đang được mở ở một cửa sổ khác" in seen[0]
    assert str(data_dir) in seen[0]


# -- training and translation -------------------------------------------------------------------
def test_training_environment(tmp_path: Path) -> None:  # Qt-free
    from counter_app.gui.training import DEMO_USER, prepare_training

    env = prepare_training(tmp_path / "demo", dossiers=40)
    try:
        service = env.service
        assert service.settings.get("ward_code") == 70
        assert service.settings.get("portal_url") == env.portal.url
        assert service.staff.authenticate(DEMO_USER, "demo123")["role"] == "admin"
        assert len(service.search.dossiers("", limit=100)) == 40
        assert secrets_store.get_portal_password(env.folder, "counter", prefer_file=True)
    finally:
        env.close()
        env.service.close()


def test_english_translation(qapp) -> None:
    if i18n.find_lrelease() is None and not i18n.qm_path().exists():
        pytest.skip("no lrelease and no compiled translation")
    try:
        assert i18n.install_translator("en")
        assert i18n.status_label(2) == "Received"
        assert sync_status.describe(sync_status.SyncStatus(state="disabled")) == (
            "Sync not configured"
        )
    finally:
        i18n.install_translator("vi")
    assert i18n.status_label(2) == "Được tiếp nhận"


def test_dates_in_the_list_are_short(populated, service: CounterService) -> None:
    from counter_app.gui.lists.dossier_table import short_datetime

    assert short_datetime("2026-07-15 09:00:00") == "15/07/2026 09:00"
    rows = service.search.dossiers("hung")
    assert rows and rows[0]["due_at"] > rows[0]["received_at"]


# -- secrets, whole-app runs -------------------------------------------------------------------
def test_portal_password_file_fallback(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    assert secrets_store.backend_name() == "file"  # forced by the autouse fixture
    assert secrets_store.set_portal_password(folder, "quay1", "bí-mật") == "file"
    assert secrets_store.get_portal_password(folder, "quay1") == "bí-mật"
    secret_file = folder / secrets_store.SECRET_FILE
    assert secret_file.stat().st_mode & 0o077 == 0  # owner only
    secrets_store.set_portal_password(folder, "quay1", "")
    assert secrets_store.get_portal_password(folder, "quay1") == ""


def test_portal_password_prefers_the_keyring(tmp_path: Path, monkeypatch) -> None:
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1

        def __init__(self) -> None:
            super().__init__()
            self.items: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.items.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.items[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.items.pop((service, username), None)

    monkeypatch.delenv(secrets_store.SECRETS_ENV)
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    try:
        folder = tmp_path / "data"
        assert secrets_store.set_portal_password(folder, "quay1", "pw") == "keyring"
        assert secrets_store.get_portal_password(folder, "quay1") == "pw"
        assert not (folder / secrets_store.SECRET_FILE).exists()
        assert [service for service, _ in memory.items] == ["counter-app"]
        other = tmp_path / "other"  # another data folder keeps its own password
        assert secrets_store.get_portal_password(other, "quay1") == ""
    finally:
        keyring.set_keyring(previous)


def test_demo_mode_runs_end_to_end(tmp_path: Path) -> None:
    """`counter-app --demo` as a real process (QApplication.exec() must not run in-process)."""
    import os
    import subprocess
    import sys

    from counter_app.gui.app import STARTUP_PROBE_ENV

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **{STARTUP_PROBE_ENV: "1"})
    env.pop("COUNTER_APP_DATA", None)
    result = subprocess.run(
        [sys.executable, "-m", "counter_app", "--demo", "--data-dir", str(tmp_path / "data")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "STARTUP_IDLE" in result.stdout  # the window was shown and went idle, then quit
    demo = tmp_path / "demo"  # beside the data folder, never inside it
    assert (demo / "counter.db").exists() and (demo / "portal-sim.db").exists()
    assert not (tmp_path / "data" / "counter.db").exists()  # the real folder is untouched
    again = CounterService.open(demo)  # the folder was released on exit
    try:
        assert len(again.search.dossiers("", limit=500)) == 300
        assert again.settings.get("portal_url").startswith("http://127.0.0.1:")
    finally:
        again.close()


def test_screenshots_of_every_screen(tmp_path: Path, qapp) -> None:
    from counter_app.gui.screenshots import take_screenshots

    saved = take_screenshots(tmp_path / "shots", dossiers=60)
    names = {path.name for path in saved}
    for name in ("00-setup.png", "01-signin.png", "03-list.png", "05-today.png", "08-lock.png"):
        assert name in names
    assert all(path.stat().st_size > 1000 for path in saved)


def test_catalogue_import_from_settings(window: MainWindow, tmp_path: Path, qtbot) -> None:
    from counter_app.domain import catalogue

    sign_in(qtbot, window, "an.nv", "matkhau1-quay")
    dialog = window.open_settings()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    dialog.import_catalogue(broken)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=WAIT)
    assert "Không nhập được" in dialog.import_result.text()
    dialog.import_catalogue(catalogue.seed_path())
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=WAIT)
    assert "Đã nhập danh mục phiên bản" in dialog.import_result.text()
    dialog.reject()
