"""The main window's actions and menus (like a Designer setupUi: they become window.act_*).

Texts keep the MainWindow translation context.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox


def _action(
    window: QMainWindow, text: str, shortcut: str | QKeySequence | None, slot: Any
) -> QAction:
    action = QAction(text, window)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(slot)
    window.addAction(action)
    return action


def build_actions(window: Any) -> None:
    """The window's actions (window.act_*), its menus and `window._work_actions`."""
    window.act_intake = _action(
        window,
        QCoreApplication.translate("MainWindow", "Tiếp nhận hồ sơ"),
        "F2",
        window.show_intake,
    )
    window.act_list = _action(
        window, QCoreApplication.translate("MainWindow", "Danh sách hồ sơ"), "F3", window.show_list
    )
    window.act_today = _action(
        window, QCoreApplication.translate("MainWindow", "Hôm nay"), "F4", window.show_today
    )
    window.act_ledgers = _action(
        window,
        QCoreApplication.translate("MainWindow", "Sổ theo dõi và lệ phí"),
        "F7",
        window.show_ledgers,
    )
    window.act_batch_handover = _action(
        window,
        QCoreApplication.translate("MainWindow", "Bàn giao hồ sơ cho cơ quan giải quyết…"),
        "Ctrl+B",
        window.open_batch_handover,
    )
    window.act_refresh = _action(
        window, QCoreApplication.translate("MainWindow", "Làm mới"), "F5", window.refresh_current
    )
    window.act_open = _action(
        window,
        QCoreApplication.translate("MainWindow", "Mở hồ sơ đang chọn"),
        None,
        window._open_current,
    )
    window.act_settings = _action(
        window, QCoreApplication.translate("MainWindow", "Cài đặt…"), "Ctrl+,", window.open_settings
    )
    window.act_lock = _action(
        window, QCoreApplication.translate("MainWindow", "Khóa màn hình"), "Ctrl+L", window.lock
    )
    window.act_signout = _action(
        window, QCoreApplication.translate("MainWindow", "Đăng xuất"), None, window.sign_out
    )
    window.act_quit = _action(
        window, QCoreApplication.translate("MainWindow", "Thoát"), "Ctrl+Q", window.close
    )
    window.act_quit.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    window.act_sync_now = _action(
        window, QCoreApplication.translate("MainWindow", "Đồng bộ ngay"), None, window.sync_now
    )
    window.act_sync_problems = _action(
        window,
        QCoreApplication.translate("MainWindow", "Hồ sơ chưa đồng bộ được…"),
        None,
        window.open_sync_problems,
    )
    window.act_shortcuts = _action(
        window, QCoreApplication.translate("MainWindow", "Phím tắt"), "F1", window.show_shortcuts
    )
    menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Hệ thống"))
    menu.addAction(window.act_settings)
    menu.addSeparator()
    menu.addAction(window.act_lock)
    menu.addAction(window.act_signout)
    menu.addSeparator()
    menu.addAction(window.act_quit)
    menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "Hồ &sơ"))
    for action in (
        window.act_intake,
        window.act_list,
        window.act_today,
        window.act_ledgers,
        window.act_batch_handover,
        window.act_refresh,
    ):
        menu.addAction(action)
    menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "Đồng &bộ"))
    menu.addAction(window.act_sync_now)
    menu.addAction(window.act_sync_problems)
    menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "Trợ &giúp"))
    menu.addAction(window.act_shortcuts)
    window._work_actions = [
        window.act_intake,
        window.act_list,
        window.act_today,
        window.act_ledgers,
        window.act_batch_handover,
        window.act_refresh,
        window.act_open,
        window.act_settings,
        window.act_lock,
        window.act_signout,
        window.act_sync_now,
        window.act_sync_problems,
    ]


def show_shortcuts(window: QMainWindow) -> None:
    """The keyboard shortcuts, in a message box over the window."""
    text = "\n".join(
        [
            QCoreApplication.translate("MainWindow", "F2 — Tiếp nhận hồ sơ"),
            QCoreApplication.translate("MainWindow", "F3 — Danh sách hồ sơ (con trỏ ở ô tìm kiếm)"),
            QCoreApplication.translate("MainWindow", "F4 — Hôm nay"),
            QCoreApplication.translate("MainWindow", "F5 — Làm mới danh sách"),
            QCoreApplication.translate("MainWindow", "F7 — Sổ theo dõi và lệ phí"),
            QCoreApplication.translate(
                "MainWindow", "Ctrl+B — Bàn giao hồ sơ trong ngày cho cơ quan giải quyết"
            ),
            QCoreApplication.translate("MainWindow", "Enter — Mở hồ sơ đang chọn"),
            QCoreApplication.translate("MainWindow", "Ctrl+, — Cài đặt (quản trị viên)"),
            QCoreApplication.translate("MainWindow", "Ctrl+L — Khóa màn hình"),
            QCoreApplication.translate("MainWindow", "Ctrl+Q — Thoát"),
        ]
    )
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("MainWindow", "Phím tắt"),
        text,
        parent=window,
    )
    box.addButton(
        QCoreApplication.translate("MainWindow", "Đóng"), QMessageBox.ButtonRole.AcceptRole
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
