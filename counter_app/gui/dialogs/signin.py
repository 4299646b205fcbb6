"""Sign-in, the idle lock and its watcher.

Failed attempts are counted by the service (`authenticate` disables the account after
`max_failed_logins`); the form also waits a little longer after each failure, so a
password cannot be guessed at typing speed. The idle lock covers the whole screen with
an application-modal window, so dialogs that were open (with what was typed in them)
stay as they were underneath and come back after the unlock.
"""

from __future__ import annotations

import traceback
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.gui.context import AppContext, Officer
from counter_app.gui.operations.staff import authenticate
from counter_app.services import AuthError

_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class SignInForm(QWidget):
    """User name + password; emits `signed_in(Officer)` after the service accepts them."""

    signed_in = Signal(object)
    RETRY_DELAY_MS = 1000  # per failure so far, capped at 5 s; tests may set 0

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.username = QLineEdit(self)
        self.username.setObjectName("signinUser")
        self.username.setMinimumWidth(260)
        self.password = QLineEdit(self)
        self.password.setObjectName("signinPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.button = QPushButton(self.tr("Đăng nhập"), self)
        self.button.setObjectName("signinButton")
        self.button.setDefault(True)
        self.button.setMinimumHeight(32)
        self.message = QLabel(self)
        self.message.setObjectName("signinMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b41414;")
        self.message.setMinimumWidth(260)
        for edit in (self.username, self.password):
            edit.setMinimumHeight(30)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.tr("Tên đăng nhập"), self.username)
        form.addRow(self.tr("Mật khẩu"), self.password)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.button)
        layout.addWidget(self.message)
        self.button.clicked.connect(self.submit)
        self.username.returnPressed.connect(self._username_enter)
        self.password.returnPressed.connect(self.submit)
        self.failures = 0
        self.busy = False
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.timeout.connect(self._ready)

    def prefill(self, username: str, password: str = "") -> None:
        self.username.setText(username)
        self.password.setText(password)
        self.focus()

    def focus(self) -> None:
        target = self.password if self.username.text() else self.username
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        target.selectAll()

    def reset(self) -> None:
        self.password.clear()
        self.message.clear()
        self.focus()

    def _username_enter(self) -> None:
        if self.password.text():
            self.submit()
        else:
            self.password.setFocus()

    def submit(self) -> None:
        if self.busy or self._delay.isActive():
            return
        username = self.username.text().strip()
        password = self.password.text()
        if not username:
            self.message.setText(self.tr("Nhập tên đăng nhập"))
            self.username.setFocus()
            return
        if not password:
            self.message.setText(self.tr("Nhập mật khẩu"))
            self.password.setFocus()
            return
        self.busy = True
        self.button.setEnabled(False)
        self.message.setText(self.tr("Đang kiểm tra…"))
        authenticate(ctx=self.ctx, parent=self, username=username, password=password).success(
            self._done
        ).failure(self._failed).run_in_background()

    def _done(self, account: dict[str, Any]) -> None:
        self.busy = False
        self.failures = 0
        self.button.setEnabled(True)
        self.password.clear()
        self.message.clear()
        officer = Officer(account["username"], account["full_name"], account["role"])
        self.signed_in.emit(officer)

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        if not isinstance(error, AuthError):
            self.button.setEnabled(True)
            self.message.clear()
            self.ctx.signals.unhandled_error.emit("".join(traceback.format_exception(error)))
            return
        self.failures += 1
        self.message.setText(str(error))
        self.password.clear()
        self.password.setFocus()
        delay = min(self.failures, 5) * self.RETRY_DELAY_MS
        if delay:
            self._delay.start(delay)
        else:
            self._ready()

    def _ready(self) -> None:
        self.button.setEnabled(True)


class SignInPage(QWidget):
    """The first screen in the main window: who works at this counter now."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        card = QFrame(self)
        card.setObjectName("signinCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setStyleSheet(
            "#signinCard { background: #ffffff; border: 1px solid #c8c8c8; border-radius: 8px; }"
        )
        self.title = QLabel(self.tr("Quầy tiếp nhận và trả kết quả hồ sơ"), card)
        self.title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.centre = QLabel(card)
        self.centre.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.centre.setWordWrap(True)
        self.centre.setStyleSheet("font-size: 14px; color: #333;")
        self.hint = QLabel(card)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #8a5a00;")
        self.hint.setVisible(False)
        self.form = SignInForm(ctx, card)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(10)
        inner.addWidget(self.title)
        inner.addWidget(self.centre)
        inner.addSpacing(8)
        inner.addWidget(self.form)
        inner.addWidget(self.hint)
        card.setFixedWidth(520)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def set_centre(self, settings: dict[str, Any]) -> None:
        self.centre.setText(
            self.tr("{centre}\nQuầy số {counter}").format(
                centre=settings.get("centre_name") or "", counter=settings.get("counter") or ""
            )
        )

    def set_training_hint(self, text: str) -> None:
        self.hint.setText(text)
        self.hint.setVisible(bool(text))


class LockDialog(QDialog):
    """Covers the screen until the officer (or another one) signs in again."""

    unlocked = Signal(object)  # Officer

    def __init__(self, ctx: AppContext, officer: Officer | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("lockDialog")
        self.setWindowTitle(self.tr("Màn hình đã khóa"))
        self.setModal(True)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlags(
            Qt.WindowType.Dialog
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        self.setStyleSheet("#lockDialog { background: #e9edf2; }")
        card = QFrame(self)
        card.setObjectName("lockCard")
        card.setStyleSheet(
            "#lockCard { background: #ffffff; border: 1px solid #b8c0c8; border-radius: 8px; }"
        )
        title = QLabel(self.tr("Màn hình đã khóa"), card)
        title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.info = QLabel(card)
        self.info.setWordWrap(True)
        self.form = SignInForm(ctx, card)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.addWidget(title)
        inner.addWidget(self.info)
        inner.addWidget(self.form)
        card.setFixedWidth(520)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        if officer is not None:
            self.info.setText(
                self.tr(
                    "Phiên làm việc của {name} đã được khóa. Nhập mật khẩu để tiếp tục; "
                    "những gì đang nhập dở vẫn được giữ nguyên."
                ).format(name=officer.full_name)
            )
            self.form.prefill(officer.username)
        self.form.signed_in.connect(self._unlocked)

    def cover(self) -> None:
        """Show over the whole screen of the main window."""
        parent = self.parentWidget()
        screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(screen.geometry())
        self.open()
        self.raise_()
        self.activateWindow()
        self.form.focus()

    def _unlocked(self, officer: Officer) -> None:
        self.unlocked.emit(officer)
        self.accept()

    def reject(self) -> None:  # Esc must not unlock
        pass


class IdleWatcher(QObject):
    """Emits `idle` after `minutes` without keyboard or mouse input anywhere in the app."""

    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.set_minutes(minutes)
        self._installed = False

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(max(1, int(minutes)) * 60_000)

    def set_interval_ms(self, interval: int) -> None:
        """Test hook: a short interval instead of minutes."""
        self.timer.setInterval(interval)
        if self.timer.isActive():
            self.timer.start()

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    @property
    def active(self) -> bool:
        return self.timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _ACTIVITY:
            self.timer.start()
        return False
