"""The application shell: sign-in, the three work screens, menus, shortcuts, status bar."""

from __future__ import annotations

import threading
import traceback
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.gui import sync_status
from counter_app.gui.context import AppContext, Officer
from counter_app.gui.dialogs.signin import IdleWatcher, LockDialog, SignInPage
from counter_app.gui.operations import OpChanges, guard
from counter_app.gui.operations.settings import load_settings
from counter_app.gui.prewarm import PREWARM_MODULES, prewarm_imports
from counter_app.gui.shell_menus import build_actions, show_shortcuts
from counter_app.gui.shell_status import build_status_bar, show_sync_status
from counter_app.gui.sync_status import SyncStatusBridge
from counter_app.gui.widgets.screen import fit_to_screen
from counter_app.services.staff import HANDLE, REPORTS

if TYPE_CHECKING:
    from counter_app.gui.dialogs.sync_problems import SyncProblemsDialog

INTAKE, LIST, TODAY, DASHBOARD, LEDGERS = 0, 1, 2, 3, 4
AFTER_START_DELAY_MS = 300


class MainWindow(QMainWindow):
    locked_changed = Signal(bool)
    _engine_module_ready = Signal()

    def __init__(
        self,
        ctx: AppContext,
        *,
        settings: dict[str, Any] | None = None,
        start_sync: bool = False,
        prefill: tuple[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.settings: dict[str, Any] = dict(settings or {})
        self.setObjectName("mainWindow")
        fit_to_screen(self, 1280, 800)  # 1366×768 and 1280×720 screens: the status bar shows
        self.setMinimumSize(960, 600)
        self._closing = False
        self._prewarm: threading.Thread | None = None
        self.lock_dialog: LockDialog | None = None
        self.settings_dialog: QDialog | None = None
        self.batch_handover_dialog: QDialog | None = None
        self.sync_dialog: SyncProblemsDialog | None = None
        self._prefill = prefill

        # -- pages: sign-in now; the work screens are built at the first sign-in ----------
        self.stack = QStackedWidget(self)
        self.signin_page = SignInPage(ctx, self)
        banner_text = self.tr(
            "CHẾ ĐỘ ĐÀO TẠO — dữ liệu thực hành, không gửi lên Cổng Dịch vụ công thật"
        )
        self.signin_banner = self._training_banner(banner_text)
        signin_holder = QWidget(self)
        holder_layout = QVBoxLayout(signin_holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.setSpacing(0)
        holder_layout.addWidget(self.signin_banner)
        holder_layout.addWidget(self.signin_page, 1)
        self.stack.addWidget(signin_holder)
        self.setCentralWidget(self.stack)
        self.work: QWidget | None = None
        self.tabs: QTabWidget | None = None
        self.intake: QWidget | None = None
        self.list_screen: Any = None
        self.today_screen: Any = None
        self.dashboard: Any = None
        self.ledgers: Any = None

        # -- actions, menus, status bar ------------------------------------------------
        build_actions(self)
        build_status_bar(self)
        self.idle = IdleWatcher(int(self.settings.get("idle_lock_minutes") or 5), self)
        self.idle.idle.connect(self.lock)
        self.sync_bridge = SyncStatusBridge(self, ctx=ctx)
        self.sync_bridge.status_changed.connect(self._show_sync_status)
        self._show_sync_status(sync_status.NOT_CONFIGURED)

        self.signin_page.form.signed_in.connect(self._signed_in)
        ctx.signals.changed.connect(self._changed)
        self._apply_settings()
        if not self.settings:
            self.reload_settings()
        self._set_signed_in(False)
        if prefill:
            self.signin_page.form.prefill(*prefill)
        if ctx.training:
            self.signin_page.set_training_hint(
                self.tr("Chế độ đào tạo: tài khoản thực hành “{u}”, mật khẩu “{p}”.").format(
                    u=prefill[0] if prefill else "demo", p=prefill[1] if prefill else "demo123"
                )
            )
        self._start_sync_later = start_sync and sync_status.engine_available()
        self._engine_module_ready.connect(self._start_engine)
        if self._start_sync_later:
            self.sync_button.setText(self.tr("Đồng bộ: đang khởi động…"))
        # After the first paint: the sync engine's first pass and the imports of the work
        # screens compete with it for the GIL, and the officer is typing a password anyway.
        QTimer.singleShot(AFTER_START_DELAY_MS, guard(self, self._after_start))

    def _after_start(self) -> None:
        if self._closing:
            return
        modules = [sync_status.ENGINE_MODULE] if self._start_sync_later else []
        if self.work is None:
            modules += PREWARM_MODULES
        if not modules:
            return
        notify = self._engine_module_ready.emit if self._start_sync_later else None

        def after_engine_import() -> None:
            try:
                notify()  # queued to the GUI thread
            except RuntimeError:  # the window is already gone
                pass

        self._prewarm = threading.Thread(
            target=prewarm_imports,
            args=(modules, after_engine_import if notify else None),
            name="prewarm",
            daemon=True,
        )
        self._prewarm.start()

    def _start_engine(self) -> None:
        if not self._closing:
            self.sync_bridge.start_engine(self.ctx.service, prefer_file_secret=self.ctx.training)

    def _training_banner(self, text: str) -> QLabel:
        banner = QLabel(text, self)
        banner.setObjectName("trainingBanner")
        banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        banner.setStyleSheet(
            "background: #c62828; color: white; font-weight: bold; font-size: 15px; padding: 6px;"
        )
        banner.setVisible(self.ctx.training)
        return banner

    def ensure_work_area(self) -> None:
        """Build the three work screens (once): at the first sign-in, not at start-up."""
        if self.work is not None:
            return
        if self._prewarm is not None:  # never import the same modules on two threads at once
            self._prewarm.join()
            self._prewarm = None
        from counter_app.gui.lists.dossier_list import DossierListWidget
        from counter_app.gui.lists.today import TodayWidget

        ctx = self.ctx
        self.work = QWidget(self)
        self.banner = self._training_banner(self.signin_banner.text())
        self.banner.setParent(self.work)
        self.tabs = QTabWidget(self.work)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        from counter_app.gui.intake import IntakeWidget  # built at the first sign-in

        self.intake = IntakeWidget(ctx, self.tabs)
        self.list_screen = DossierListWidget(ctx, self.tabs)
        self.today_screen = TodayWidget(ctx, self.tabs)
        self.tabs.addTab(self.intake, self.tr("Tiếp nhận (F2)"))
        self.tabs.addTab(self.list_screen, self.tr("Danh sách hồ sơ (F3)"))
        self.tabs.addTab(self.today_screen, self.tr("Hôm nay (F4)"))
        from counter_app.gui.dashboard import DashboardWidget

        self.dashboard = DashboardWidget(ctx, self.tabs)  # queries only when shown
        self.tabs.addTab(self.dashboard, self.tr("Số liệu trung tâm"))
        from counter_app.gui.ledgers import LedgersWidget

        self.ledgers = LedgersWidget(ctx, self.tabs)  # reads only when shown
        self.tabs.addTab(self.ledgers, self.tr("Sổ theo dõi && lệ phí (F7)"))
        layout = QVBoxLayout(self.work)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.stack.addWidget(self.work)
        self.tabs.currentChanged.connect(self._tab_changed)

    # -- building ------------------------------------------------------------------------
    # -- settings ------------------------------------------------------------------------
    def _changed(self, changes: OpChanges) -> None:
        if changes.settings:
            self.reload_settings()

    def reload_settings(self) -> None:
        if self.sync_bridge.engine is not None:
            self.sync_bridge.engine.credentials_changed()  # URL, user or password may be new
        load_settings(ctx=self.ctx, parent=self).success(self._settings_loaded).run_in_background()

    def _settings_loaded(self, settings: dict[str, Any]) -> None:
        self.settings = settings
        self._apply_settings()

    def _apply_settings(self) -> None:
        settings = self.settings
        if not settings:
            return
        counter = settings.get("counter", "")
        # Qt appends the application's display name ("Quầy tiếp nhận hồ sơ") itself.
        title = self.tr("{centre} — Quầy {n}").format(
            centre=settings.get("centre_name", ""), n=counter
        )
        if self.ctx.training:
            title = self.tr("[ĐÀO TẠO] ") + title
        self.setWindowTitle(title)
        self.counter_label.setText(self.tr("Quầy {n}").format(n=counter))
        self.signin_page.set_centre(settings)
        self.idle.set_minutes(int(settings.get("idle_lock_minutes") or 5))

    # -- sign-in / lock --------------------------------------------------------------------
    @property
    def signed_in(self) -> bool:
        return self.ctx.officer is not None and self.stack.currentIndex() == 1

    @property
    def locked(self) -> bool:
        return self.lock_dialog is not None

    def _set_signed_in(self, signed_in: bool) -> None:
        if signed_in:
            self.ensure_work_area()
        self.stack.setCurrentIndex(1 if signed_in else 0)
        for action in self._work_actions:
            action.setEnabled(signed_in)
        officer = self.ctx.officer
        self.act_settings.setEnabled(signed_in and officer is not None and officer.is_admin)
        if self.tabs is not None:  # the centre's figures: supervisors and admins
            self.tabs.setTabVisible(
                DASHBOARD, signed_in and officer is not None and officer.may(REPORTS)
            )
        self.officer_label.setText(
            self.tr("Cán bộ: {name}").format(name=officer.full_name)
            if signed_in and officer
            else self.tr("Chưa đăng nhập")
        )
        if signed_in:
            self.idle.start()
        else:
            self.idle.stop()
            self.signin_page.form.reset()

    def _signed_in(self, officer: Officer) -> None:
        self.ctx.officer = officer
        self._set_signed_in(True)
        self.ctx.signals.signed_in.emit(officer)
        self.show_intake()

    def lock(self) -> None:
        """Cover everything until a password is typed again (idle or Ctrl+L)."""
        if not self.signed_in or self.lock_dialog is not None:
            return
        self.idle.stop()
        self.lock_dialog = LockDialog(self.ctx, self.ctx.officer, self)
        self.lock_dialog.unlocked.connect(self._unlocked)
        self.lock_dialog.cover()
        self.locked_changed.emit(True)

    def _unlocked(self, officer: Officer) -> None:
        dialog, self.lock_dialog = self.lock_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        previous = self.ctx.officer
        self.ctx.officer = officer
        self._set_signed_in(True)
        if previous is None or previous.username != officer.username:
            self.ctx.signals.signed_in.emit(officer)
        self.locked_changed.emit(False)

    def sign_out(self) -> None:
        if self.ctx.officer is None:
            return
        self.ctx.officer = None
        self._set_signed_in(False)
        self.ctx.signals.signed_out.emit()

    # -- navigation ------------------------------------------------------------------------
    def show_intake(self) -> None:
        if not self.signed_in:
            return
        self.tabs.setCurrentIndex(INTAKE)
        focus = getattr(self.intake, "focus_first_field", None)
        first = getattr(self.intake, "full_name", None)
        if callable(focus):
            focus()
        elif isinstance(first, QWidget):
            first.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.intake.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_list(self) -> None:
        if not self.signed_in:
            return
        self.tabs.setCurrentIndex(LIST)
        self.list_screen.focus_search()

    def show_dashboard(self) -> None:
        officer = self.ctx.officer
        if not self.signed_in or officer is None or not officer.may(REPORTS):
            return
        self.tabs.setCurrentIndex(DASHBOARD)

    def show_ledgers(self) -> None:
        if not self.signed_in:
            return
        self.tabs.setCurrentIndex(LEDGERS)
        self.ledgers.period.setFocus()

    def show_today(self) -> None:
        if not self.signed_in:
            return
        self.tabs.setCurrentIndex(TODAY)
        self.today_screen.table.view.setFocus()

    def refresh_current(self) -> None:
        if self.tabs is None:
            return
        index = self.tabs.currentIndex()
        if index == LIST:
            self.list_screen.refresh()
        elif index == TODAY:
            self.today_screen.refresh()
        elif index == DASHBOARD:
            self.dashboard.refresh()
        elif index == LEDGERS:
            self.ledgers.refresh()

    def _open_current(self) -> None:
        if self.tabs is not None and self.tabs.currentIndex() == LIST:
            self.list_screen.table.open_current()

    def _tab_changed(self, index: int) -> None:
        if index == LIST:
            self.list_screen.start()

    # -- dialogs ---------------------------------------------------------------------------
    def open_settings(self) -> QDialog | None:
        officer = self.ctx.officer
        if not self.signed_in or officer is None or not officer.is_admin:
            self.statusBar().showMessage(self.tr("Chỉ quản trị viên được mở Cài đặt"), 5000)
            return None
        from counter_app.gui.dialogs.settings import SettingsDialog

        dialog = SettingsDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._settings_saved(dialog))
        dialog.destroyed.connect(lambda *_: setattr(self, "settings_dialog", None))
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def _settings_saved(self, dialog: Any) -> None:
        if getattr(dialog, "restart_needed", False):
            self.statusBar().showMessage(
                self.tr("Đã lưu. Khởi động lại ứng dụng để đổi ngôn ngữ giao diện."), 10000
            )
        else:
            self.statusBar().showMessage(self.tr("Đã lưu cài đặt."), 5000)
        self.sync_now()

    def open_batch_handover(self) -> QDialog | None:
        """The day's hand-over of many dossiers to the back office (one batch, one list)."""
        officer = self.ctx.officer
        if not self.signed_in or officer is None:
            return None
        if not officer.may(HANDLE):
            self.statusBar().showMessage(self.tr("Tài khoản này không được bàn giao hồ sơ"), 5000)
            return None
        from counter_app.gui.lists.batch_handover import BatchHandoverDialog  # on first use

        dialog = BatchHandoverDialog(self.ctx, self)
        dialog.destroyed.connect(lambda *_: setattr(self, "batch_handover_dialog", None))
        self.batch_handover_dialog = dialog
        dialog.open()
        return dialog

    def open_sync_problems(self) -> None:
        if not self.signed_in:
            return
        from counter_app.gui.dialogs.sync_problems import SyncProblemsDialog  # on first use

        dialog = SyncProblemsDialog(self.ctx, self.sync_bridge, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.sync_dialog = dialog
        dialog.open()

    def sync_now(self) -> None:
        self.sync_bridge.sync_now()

    def show_shortcuts(self) -> None:
        show_shortcuts(self)

    def _show_sync_status(self, status: Any) -> None:
        show_sync_status(self, status)

    # -- closing -----------------------------------------------------------------------------
    def has_unsaved_input(self) -> bool:
        if self.intake is None:
            return False
        check = getattr(self.intake, "has_unsaved_input", None)
        try:
            return bool(check()) if callable(check) else False
        except Exception:  # noqa: BLE001 - never block quitting on a faulty check
            self.ctx.signals.unhandled_error.emit(traceback.format_exc())
            return False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.has_unsaved_input():
            box = QMessageBox(
                QMessageBox.Icon.Question,
                self.tr("Thoát ứng dụng"),
                self.tr("Hồ sơ đang nhập dở chưa được lưu. Vẫn thoát?"),
                parent=self,
            )
            leave = box.addButton(self.tr("Thoát"), QMessageBox.ButtonRole.DestructiveRole)
            stay = box.addButton(self.tr("Ở lại"), QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(stay)
            box.exec()
            if box.clickedButton() is not leave:
                event.ignore()
                return
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Stop background activity owned by the window (the sync engine, the idle timer)."""
        self._closing = True
        self.idle.stop()
        flush = getattr(self.intake, "flush_draft", None)
        if flush is not None:
            flush()  # queued on the DB thread, which finishes its work before closing
        if self.lock_dialog is not None:
            self.lock_dialog.deleteLater()
            self.lock_dialog = None
        self.sync_bridge.stop_engine()
