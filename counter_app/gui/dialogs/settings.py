"""Settings (administrators only): unit, hours, holidays, printing, portal, catalogue.

Everything is saved in one go by "Lưu": settings in one audited transaction, then the
holiday changes, then the portal password (keyring or file, see counter_app.ops.secrets_store).
Catalogue import and the connection test act at once: they are separate actions.
"""

from __future__ import annotations

import traceback
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.gui.context import AppContext
from counter_app.gui.dialogs.settings_pages import (
    catalogue_page,
    general_page,
    holidays_page,
    portal_page,
    printing_page,
)
from counter_app.gui.operations import settings as settings_ops
from counter_app.gui.widgets.file_dialogs import open_file_name
from counter_app.ops import secrets_store
from counter_app.services import InputError

PING_CONNECT_TIMEOUT = 5.0
PING_READ_TIMEOUT = 10.0


class NotAllowed(PermissionError):
    pass


def _error_text(error: BaseException) -> str:
    return error.message if isinstance(error, InputError) else str(error)


def load_settings_snapshot(service: Any, *, prefer_file: bool) -> dict[str, Any]:
    """Everything the dialog shows, read on the DB thread."""
    settings = service.settings.all()
    folder = Path(service.store.folder)
    return {
        "settings": settings,
        "holidays": service.calendar.holiday_overrides(),
        "catalogue_version": service.catalogue.version(),
        "has_password": bool(
            settings["portal_user"]
            and secrets_store.get_portal_password(
                folder, settings["portal_user"], prefer_file=prefer_file
            )
        ),
        "secret_backend": secrets_store.backend_name(prefer_file=prefer_file),
    }


class SettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        if ctx.officer is None or not ctx.officer.is_admin:
            raise NotAllowed(
                QCoreApplication.translate("SettingsDialog", "Chỉ quản trị viên được mở Cài đặt")
            )
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Cài đặt"))
        self.setMinimumSize(720, 520)
        self.loaded = False
        self.busy = False
        self.original: dict[str, Any] = {}
        self.original_holidays: dict[str, tuple[bool, str]] = {}
        self.saved_values: dict[str, Any] | None = None
        self.restart_needed = False

        self.tabs = QTabWidget(self)
        self.tabs.addTab(general_page(self), self.tr("Đơn vị"))
        self.tabs.addTab(holidays_page(self), self.tr("Ngày nghỉ, làm bù"))
        self.tabs.addTab(printing_page(self), self.tr("In ấn"))
        self.tabs.addTab(portal_page(self), self.tr("Cổng DVC"))
        self.tabs.addTab(catalogue_page(self), self.tr("Danh mục thủ tục"))
        self.message = QLabel(self)
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("Lưu"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setDefault(True)
        self.save_button.setEnabled(False)
        self.buttons.addButton(self.tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._field_tabs = {
            "centre_name": (0, self.centre_name),
            "unit_code": (0, self.unit_code),
            "ward_code": (0, self.commune.edit),
            "counter": (0, self.counter),
            "working_hours": (0, self.working_hours),
            "same_day_cutoff": (0, self.same_day_cutoff),
            "idle_lock_minutes": (0, self.idle_lock),
            "language": (0, self.language),
            "printer": (2, self.printer),
            "paper": (2, self.paper),
            "form_printing": (2, self.form_printers),
            "portal_url": (3, self.portal_url),
            "portal_user": (3, self.portal_user),
            "sync_interval_seconds": (3, self.sync_interval),
        }
        self._show_message(self.tr("Đang tải…"))
        prefer_file = ctx.training
        settings_ops.load_snapshot(
            ctx=ctx,
            parent=self,
            snapshot=lambda service: load_settings_snapshot(service, prefer_file=prefer_file),
        ).success(self._loaded).failure(self._load_failed).run_in_background()

    # -- loading ----------------------------------------------------------------------------
    def _loaded(self, snapshot: dict[str, Any]) -> None:
        settings = snapshot["settings"]
        self.original = dict(settings)
        self.centre_name.setText(settings["centre_name"])
        self.unit_code.setText(settings["unit_code"])
        self.commune.set_commune(settings["ward_code"] or None)
        self.counter.setValue(int(settings["counter"]))
        self.working_hours.setText(settings["working_hours"])
        self.same_day_cutoff.setText(settings["same_day_cutoff"])
        self.idle_lock.setValue(int(settings["idle_lock_minutes"]))
        self._select(self.language, settings["language"])
        if self.printer.findData(settings["printer"]) < 0:
            self.printer.addItem(settings["printer"], settings["printer"])
        self._select(self.printer, settings["printer"])
        self._select(self.paper, settings["paper"])
        self.form_printers.set_value(settings)
        self.original["form_printing"] = self.form_printers.value(settings["paper"])
        self.portal_url.setText(settings["portal_url"])
        self.portal_user.setText(settings["portal_user"])
        self.sync_interval.setValue(int(settings["sync_interval_seconds"]))
        self.portal_password.setPlaceholderText(
            self.tr("(đã lưu — để trống nếu không đổi)")
            if snapshot["has_password"]
            else self.tr("(chưa có mật khẩu)")
        )
        self.secret_info.setText(
            self.tr("Mật khẩu được lưu trong kho khóa của hệ điều hành.")
            if snapshot["secret_backend"] == "keyring"
            else self.tr(
                "Máy này không có kho khóa: mật khẩu được lưu trong tệp riêng của thư mục "
                "dữ liệu (chỉ tài khoản Windows/Linux này đọc được, không mã hóa)."
            )
        )
        self.original_holidays = {
            row["day"]: (bool(row["working"]), row["note"] or "") for row in snapshot["holidays"]
        }
        for day, (working, note) in sorted(self.original_holidays.items()):
            self._put_holiday(day, working, note)
        self._show_catalogue_version(snapshot["catalogue_version"])
        self.loaded = True
        self.save_button.setEnabled(True)
        self._show_message("")
        self.centre_name.setFocus()

    def _load_failed(self, error: BaseException) -> None:
        self._show_message(self.tr("Không tải được cài đặt: {e}").format(e=error), error=True)

    @staticmethod
    def _select(combo: QComboBox, value: Any) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(index, 0))

    def _show_catalogue_version(self, version: str) -> None:
        self.catalogue_version.setText(
            self.tr("Phiên bản danh mục đang dùng: {v}").format(v=version or self.tr("(chưa có)"))
        )

    def _show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b41414;" if error else "color: #333;")
        self.message.setText(text)

    # -- holidays ----------------------------------------------------------------------------
    def _put_holiday(self, day: str, working: bool, note: str) -> None:
        for row in range(self.holidays.rowCount()):
            if self.holidays.item(row, 0).data(Qt.ItemDataRole.UserRole) == day:
                self.holidays.removeRow(row)
                break
        row = self.holidays.rowCount()
        self.holidays.insertRow(row)
        shown = date.fromisoformat(day).strftime("%d/%m/%Y")
        day_item = QTableWidgetItem(shown)
        day_item.setData(Qt.ItemDataRole.UserRole, day)
        kind_item = QTableWidgetItem(self.tr("Làm việc (làm bù)") if working else self.tr("Nghỉ"))
        kind_item.setData(Qt.ItemDataRole.UserRole, working)
        self.holidays.setItem(row, 0, day_item)
        self.holidays.setItem(row, 1, kind_item)
        self.holidays.setItem(row, 2, QTableWidgetItem(note))
        self.holidays.sortItems(0)

    def _add_holiday(self) -> None:
        day = self.holiday_day.date().toPython().isoformat()
        self._put_holiday(day, bool(self.holiday_kind.currentData()), self.holiday_note.text())
        self.holiday_note.clear()

    def _remove_holiday(self) -> None:
        rows = sorted({index.row() for index in self.holidays.selectedIndexes()}, reverse=True)
        for row in rows:
            self.holidays.removeRow(row)

    def holiday_rows(self) -> dict[str, tuple[bool, str]]:
        rows = {}
        for row in range(self.holidays.rowCount()):
            day = self.holidays.item(row, 0).data(Qt.ItemDataRole.UserRole)
            working = bool(self.holidays.item(row, 1).data(Qt.ItemDataRole.UserRole))
            note_item = self.holidays.item(row, 2)
            rows[day] = (working, note_item.text() if note_item else "")
        return rows

    # -- saving ------------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        commune = self.commune.selected()
        return {
            "centre_name": self.centre_name.text(),
            "unit_code": self.unit_code.text().strip(),
            "ward_code": commune.code if commune else self.original.get("ward_code", 0),
            "counter": self.counter.value(),
            "working_hours": self.working_hours.text().strip(),
            "same_day_cutoff": self.same_day_cutoff.text().strip(),
            "idle_lock_minutes": self.idle_lock.value(),
            "language": self.language.currentData(),
            "printer": self.printer.currentData() or "",
            "paper": self.paper.currentData(),
            "form_printing": self.form_printers.value(self.paper.currentData()),
            "portal_url": self.portal_url.text().strip(),
            "portal_user": self.portal_user.text().strip(),
            "sync_interval_seconds": self.sync_interval.value(),
        }

    def changed_values(self) -> dict[str, Any]:
        return {k: v for k, v in self.values().items() if self.original.get(k) != v}

    def save(self) -> None:
        if not self.loaded or self.busy:
            return
        changes = self.changed_values()
        new_holidays = self.holiday_rows()
        holiday_changes: list[tuple[date, bool | None, str]] = []
        for day, value in new_holidays.items():
            if self.original_holidays.get(day) != value:
                holiday_changes.append((date.fromisoformat(day), value[0], value[1]))
        for day in self.original_holidays.keys() - new_holidays.keys():
            holiday_changes.append((date.fromisoformat(day), None, ""))
        password = self.portal_password.text()
        user = changes.get("portal_user", self.original.get("portal_user", ""))
        if password and not user:
            self._fail("portal_user", self.tr("Nhập tài khoản cổng trước khi lưu mật khẩu"))
            return
        if not changes and not holiday_changes and not password:
            self.accept()
            return
        actor = self.ctx.officer.username if self.ctx.officer else "admin"
        self.busy = True
        self.save_button.setEnabled(False)
        self._show_message(self.tr("Đang lưu…"))
        settings_ops.save_settings(
            ctx=self.ctx,
            parent=self,
            changes=changes,
            holidays=holiday_changes,
            portal_user=user,
            portal_password=password,
            actor=actor,
        ).success(lambda _: self._saved(changes)).failure(self._save_failed).run_in_background()

    def _saved(self, changes: dict[str, Any]) -> None:
        self.busy = False
        self.saved_values = changes
        self.restart_needed = "language" in changes
        self.accept()

    def _save_failed(self, error: BaseException) -> None:
        self.busy = False
        self.save_button.setEnabled(True)
        if isinstance(error, InputError):
            self._fail(error.field, error.message)
            return
        if isinstance(error, OSError):
            self._show_message(self.tr("Không lưu được mật khẩu: {e}").format(e=error), error=True)
            return
        self._show_message("")
        self.ctx.signals.unhandled_error.emit("".join(traceback.format_exception(error)))

    def _fail(self, field: str, message: str) -> None:
        self._show_message(message, error=True)
        tab, widget = self._field_tabs.get(field, (None, None))
        if tab is not None:
            self.tabs.setCurrentIndex(tab)
            widget.setFocus()

    # -- actions -----------------------------------------------------------------------------
    def test_connection(self) -> None:
        url = self.portal_url.text().strip()
        user = self.portal_user.text().strip()
        typed = self.portal_password.text()
        if not url:
            self._show_ping(self.tr("Nhập địa chỉ cổng trước"), ok=False)
            return
        self.ping_button.setEnabled(False)
        self._show_ping(self.tr("Đang kiểm tra…"), ok=None)
        settings_ops.test_portal_connection(
            ctx=self.ctx, parent=self, url=url, user=user, typed_password=typed
        ).success(self._ping_done).failure(self._ping_failed).run_in_background()

    def _ping_done(self, result: dict[str, Any]) -> None:
        self.ping_button.setEnabled(True)
        text = self.tr("Kết nối tốt, đăng nhập được ({ms:.0f} ms).").format(
            ms=result.get("latency_ms") or 0
        )
        skew = result.get("clock_skew_seconds")
        if skew is not None:
            if result.get("clock_ok") is False:
                text += " " + self.tr(
                    "CẢNH BÁO: đồng hồ máy lệch {s:+.0f} giây so với cổng, hãy chỉnh giờ."
                ).format(s=skew)
                self._show_ping(text, ok=False)
                return
            text += " " + self.tr("Đồng hồ khớp với cổng (lệch {s:+.0f} giây).").format(s=skew)
        self._show_ping(text, ok=True)

    def _ping_failed(self, error: BaseException) -> None:
        self.ping_button.setEnabled(True)
        self._show_ping(self.tr("Không kết nối được: {e}").format(e=_error_text(error)), ok=False)

    def _show_ping(self, text: str, *, ok: bool | None) -> None:
        colour = {True: "#2e7d32", False: "#b41414", None: "#333"}[ok]
        self.ping_result.setStyleSheet(f"color: {colour};")
        self.ping_result.setText(text)

    def choose_catalogue(self) -> None:
        path = open_file_name(
            self, self.tr("Chọn tệp danh mục thủ tục"), "", self.tr("Tệp JSON (*.json)")
        )
        if path:
            self.import_catalogue(Path(path))

    def import_catalogue(self, path: Path) -> None:
        actor = self.ctx.officer.username if self.ctx.officer else "admin"
        self.import_button.setEnabled(False)
        self.import_result.setStyleSheet("color: #333;")
        self.import_result.setText(self.tr("Đang nhập…"))
        settings_ops.import_catalogue(ctx=self.ctx, parent=self, path=path, actor=actor).success(
            self._imported
        ).failure(self._import_failed).run_in_background()

    def _imported(self, result: tuple[str, int]) -> None:
        version, count = result
        self.import_button.setEnabled(True)
        self.import_result.setStyleSheet("color: #2e7d32;")
        self.import_result.setText(
            self.tr("Đã nhập danh mục phiên bản {v}: {n} thủ tục.").format(v=version, n=count)
        )
        self._show_catalogue_version(version)

    def _import_failed(self, error: BaseException) -> None:
        self.import_button.setEnabled(True)
        self.import_result.setStyleSheet("color: #b41414;")
        if isinstance(error, InputError):
            self.import_result.setText(
                self.tr("Không nhập được: {e}").format(e=f"{error.field}: {error.message}")
            )
            return
        self.import_result.setText("")
        self.ctx.signals.unhandled_error.emit("".join(traceback.format_exception(error)))
