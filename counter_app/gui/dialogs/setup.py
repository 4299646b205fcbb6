"""First run: the counter's commune, unit code, counter number, hours, and the first admin."""

from __future__ import annotations

import traceback
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain import addresses
from counter_app.domain.addresses import Commune
from counter_app.domain.settings import SETTINGS
from counter_app.gui.context import AppContext
from counter_app.gui.operations.staff import set_up_centre
from counter_app.services import InputError


class CommunePicker(QWidget):
    """Type a commune name (accents optional); the best match is chosen, arrows pick another."""

    commune_changed = Signal(object)  # Commune | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("communeSearch")
        self.edit.setPlaceholderText(self.tr("Gõ tên xã/phường, vd: hoan kiem"))
        self.results = QListWidget(self)
        self.results.setObjectName("communeResults")
        self.results.setFixedHeight(5 * (self.results.fontMetrics().height() + 4) + 6)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.chosen = QLabel(self)
        self.chosen.setObjectName("communeChosen")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.results)
        layout.addWidget(self.chosen)
        self.edit.textEdited.connect(self._search)
        self.edit.installEventFilter(self)
        self.results.currentItemChanged.connect(self._current_changed)
        self.results.itemClicked.connect(lambda _item: self.edit.setFocus())
        self._show_chosen(None)
        # Never squeezed by a form layout: the result list would cover the chosen label.
        self.setMinimumHeight(layout.sizeHint().height())
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def selected(self) -> Commune | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def set_commune(self, code: int | None) -> None:
        self.results.clear()
        if not code:
            self._show_chosen(None)
            return
        try:
            commune = addresses.commune(code)
        except ValueError:
            self._show_chosen(None)
            return
        self.edit.setText(commune.name)
        self._fill([commune])

    def _search(self, text: str) -> None:
        self._fill(addresses.find_communes(text, limit=30) if text.strip() else [])

    def _fill(self, communes: list[Commune]) -> None:
        self.results.blockSignals(True)
        self.results.clear()
        for commune in communes:
            item = QListWidgetItem(f"{commune.name} — {commune.province_name}")
            item.setData(Qt.ItemDataRole.UserRole, commune)
            self.results.addItem(item)
        self.results.blockSignals(False)
        if communes:
            self.results.setCurrentRow(0)
        else:
            self._current_changed(None, None)

    def _current_changed(self, current: QListWidgetItem | None, _previous: Any) -> None:
        commune = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        self._show_chosen(commune)
        self.commune_changed.emit(commune)

    def _show_chosen(self, commune: Commune | None) -> None:
        if commune is None:
            self.chosen.setText(self.tr("Chưa chọn xã/phường"))
            self.chosen.setStyleSheet("color: #8a5a00;")
        else:
            self.chosen.setText(
                self.tr("Đã chọn: {name}, {province} (mã {code})").format(
                    name=commune.name, province=commune.province_name, code=commune.code
                )
            )
            self.chosen.setStyleSheet("color: #2e7d32;")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)


def centre_name_for(commune: Commune) -> str:
    """'Trung tâm Phục vụ hành chính công phường Hoàn Kiếm' for Phường Hoàn Kiếm."""
    place = addresses.place_name(commune)
    return f"Trung tâm Phục vụ hành chính công {commune.division_type} {place}"


class SetupDialog(QDialog):
    """Keyboard-first form; Enter on any field submits, errors point at the field."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Thiết lập quầy lần đầu"))
        self.setMinimumWidth(620)
        intro = QLabel(
            self.tr(
                "Chào mừng! Hãy khai báo đơn vị, số quầy và tài khoản quản trị đầu tiên. "
                "Các thông tin này có thể sửa sau trong Cài đặt."
            ),
            self,
        )
        intro.setWordWrap(True)
        # A wrapped label's height depends on the width; reserve it, or the form is squeezed.
        intro.setMinimumHeight(intro.heightForWidth(580))
        self.commune = CommunePicker(self)
        self.centre_name = QLineEdit(self)
        self.centre_name.setObjectName("centreName")
        self.unit_code = QLineEdit(self)
        self.unit_code.setObjectName("unitCode")
        self.unit_code.setPlaceholderText("000.00.01.H22")
        self.counter = QSpinBox(self)
        self.counter.setObjectName("counterNumber")
        self.counter.setRange(1, 9)
        self.hours = QLineEdit(SETTINGS["working_hours"].default, self)
        self.hours.setObjectName("workingHours")
        self.hours.setToolTip(self.tr("Các buổi làm việc, cách nhau bằng dấu phẩy"))
        unit_box = QGroupBox(self.tr("Đơn vị tiếp nhận"), self)
        unit_form = QFormLayout(unit_box)
        unit_form.addRow(self.tr("Xã/phường"), self.commune)
        unit_form.addRow(self.tr("Tên trung tâm"), self.centre_name)
        unit_form.addRow(self.tr("Mã định danh đơn vị"), self.unit_code)
        unit_form.addRow(self.tr("Số quầy (1–9)"), self.counter)
        unit_form.addRow(self.tr("Giờ làm việc"), self.hours)

        self.full_name = QLineEdit(self)
        self.full_name.setObjectName("adminFullName")
        self.username = QLineEdit(self)
        self.username.setObjectName("adminUsername")
        self.password = QLineEdit(self)
        self.password.setObjectName("adminPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again = QLineEdit(self)
        self.password_again.setObjectName("adminPasswordAgain")
        self.password_again.setEchoMode(QLineEdit.EchoMode.Password)
        admin_box = QGroupBox(self.tr("Tài khoản quản trị đầu tiên"), self)
        admin_form = QFormLayout(admin_box)
        admin_form.addRow(self.tr("Họ và tên"), self.full_name)
        admin_form.addRow(self.tr("Tên đăng nhập"), self.username)
        admin_form.addRow(self.tr("Mật khẩu (ít nhất 10 ký tự)"), self.password)
        admin_form.addRow(self.tr("Nhập lại mật khẩu"), self.password_again)

        self.message = QLabel(self)
        self.message.setObjectName("setupMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b41414;")
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(
            self.tr("Hoàn tất thiết lập"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setDefault(True)
        self.ok_button.setAutoDefault(True)
        self.buttons.addButton(self.tr("Thoát"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(unit_box)
        layout.addWidget(admin_box)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.commune.commune_changed.connect(self._commune_changed)
        self.centre_name.textEdited.connect(self._centre_edited)
        self._centre_touched = False
        self.busy = False
        self.created_admin: str | None = None
        self._fields = {
            "ward_code": self.commune.edit,
            "centre_name": self.centre_name,
            "unit_code": self.unit_code,
            "counter": self.counter,
            "working_hours": self.hours,
            "full_name": self.full_name,
            "username": self.username,
            "password": self.password,
        }
        # Enter moves to the next field; on the last one it submits.
        self._enter_moves = [
            self.commune.edit,
            self.centre_name,
            self.unit_code,
            self.counter,
            self.hours,
            self.full_name,
            self.username,
            self.password,
        ]
        for widget in self._enter_moves:
            widget.installEventFilter(self)
        self.commune.edit.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and watched in self._enter_moves
        ):
            index = self._enter_moves.index(watched)
            following = self._enter_moves[index + 1 :] + [self.password_again]
            following[0].setFocus(Qt.FocusReason.TabFocusReason)
            if isinstance(following[0], QLineEdit):
                following[0].selectAll()
            return True
        return super().eventFilter(watched, event)

    def _centre_edited(self, _text: str) -> None:
        self._centre_touched = bool(self.centre_name.text())

    def _commune_changed(self, commune: Commune | None) -> None:
        if commune is not None and not self._centre_touched:
            self.centre_name.setText(centre_name_for(commune))

    def values(self) -> dict[str, Any]:
        commune = self.commune.selected()
        return {
            "ward_code": commune.code if commune else 0,
            "centre_name": self.centre_name.text(),
            "unit_code": self.unit_code.text().strip(),
            "counter": self.counter.value(),
            "hours": self.hours.text().strip(),
            "full_name": self.full_name.text(),
            "username": self.username.text().strip(),
            "password": self.password.text(),
        }

    def _error(self, field: str, message: str) -> None:
        self.message.setText(message)
        widget = self._fields.get(field.split(".")[-1])
        if widget is not None:
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()

    def submit(self) -> None:
        if self.busy:
            return
        values = self.values()
        if not values["ward_code"]:
            return self._error("ward_code", self.tr("Hãy chọn xã/phường của trung tâm"))
        if not values["unit_code"]:
            return self._error("unit_code", self.tr("Hãy nhập mã định danh điện tử của đơn vị"))
        if not values["username"]:
            return self._error("username", self.tr("Hãy nhập tên đăng nhập cho quản trị viên"))
        if values["password"] != self.password_again.text():
            self.password_again.clear()
            return self._error("password", self.tr("Hai lần nhập mật khẩu không khớp"))
        self.busy = True
        self.ok_button.setEnabled(False)
        self.message.setStyleSheet("color: #333;")
        self.message.setText(self.tr("Đang lưu…"))
        set_up_centre(ctx=self.ctx, parent=self, values=values).success(self._saved).failure(
            self._failed
        ).run_in_background()

    def _saved(self, username: str) -> None:
        self.busy = False
        self.created_admin = username
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.ok_button.setEnabled(True)
        self.message.setStyleSheet("color: #b41414;")
        if isinstance(error, InputError):
            self._error(error.field, error.message)
            return
        self.message.clear()
        self.ctx.signals.unhandled_error.emit("".join(traceback.format_exception(error)))
