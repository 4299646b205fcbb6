"""The main window's status bar: sync state button, clock-skew warning, officer, counter.

The widgets become attributes of the window (window.sync_button …), like a Designer setupUi.
Texts keep the MainWindow translation context.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QToolButton

from counter_app.gui import sync_status


def build_status_bar(window: Any) -> None:
    """The sync button, clock-skew warning, training chip, officer and counter labels."""
    bar = window.statusBar()
    bar.setSizeGripEnabled(False)
    window.sync_button = QToolButton(window)
    window.sync_button.setObjectName("syncStatus")
    window.sync_button.setAutoRaise(True)
    window.sync_button.setToolTip(
        QCoreApplication.translate("MainWindow", "Bấm để xem hồ sơ chưa đồng bộ được")
    )
    window.sync_button.clicked.connect(window.open_sync_problems)
    window.skew_label = QLabel(window)
    window.skew_label.setObjectName("clockSkew")
    window.skew_label.setStyleSheet("color: #b41414; font-weight: bold;")
    window.skew_label.setVisible(False)
    window.officer_label = QLabel(window)
    window.officer_label.setObjectName("officerLabel")
    window.counter_label = QLabel(window)
    window.counter_label.setObjectName("counterLabel")
    window.training_label = QLabel(QCoreApplication.translate("MainWindow", "ĐÀO TẠO"), window)
    window.training_label.setStyleSheet(
        "background: #c62828; color: white; font-weight: bold; padding: 1px 6px;"
    )
    window.training_label.setVisible(window.ctx.training)
    bar.addWidget(window.sync_button)
    bar.addWidget(window.skew_label)
    bar.addPermanentWidget(window.training_label)
    bar.addPermanentWidget(window.officer_label)
    bar.addPermanentWidget(window.counter_label)


def show_sync_status(window: Any, status: Any) -> None:
    """The sync state on the status bar button, and the clock-skew warning if any."""
    window.sync_button.setText(sync_status.describe(status))
    problem = status.rejected or getattr(status, "conflicts", 0) or status.state == "error"
    window.sync_button.setStyleSheet("color: #b41414;" if problem else "")
    if status.message and status.state in ("offline", "error"):
        window.sync_button.setToolTip(status.message)
    warning = sync_status.skew_warning(status)
    window.skew_label.setText(warning)
    window.skew_label.setVisible(bool(warning))
