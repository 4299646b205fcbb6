"""The settings dialog's pages; their widgets become attributes of the dialog (setupUi style).

Texts keep the SettingsDialog translation context.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.gui.dialogs.form_printers import FormPrintersTable
from counter_app.gui.dialogs.setup import CommunePicker


def available_printers() -> list[str]:
    try:
        from PySide6.QtPrintSupport import QPrinterInfo
    except ImportError:  # pragma: no cover - PrintSupport ships with PySide6-Essentials
        return []
    return list(QPrinterInfo.availablePrinterNames())


def general_page(dialog: Any) -> QWidget:
    """The unit: name, codes, commune, counter, hours, idle lock, language."""
    page = QWidget(dialog)
    dialog.centre_name = QLineEdit(page)
    dialog.centre_name.setObjectName("centre_name")
    dialog.unit_code = QLineEdit(page)
    dialog.unit_code.setObjectName("unit_code")
    dialog.commune = CommunePicker(page)
    dialog.counter = QSpinBox(page)
    dialog.counter.setObjectName("counter")
    dialog.counter.setRange(1, 9)
    dialog.working_hours = QLineEdit(page)
    dialog.working_hours.setObjectName("working_hours")
    dialog.working_hours.setPlaceholderText("07:30-11:30,13:30-17:00")
    dialog.same_day_cutoff = QLineEdit(page)
    dialog.same_day_cutoff.setPlaceholderText("15:00")
    dialog.idle_lock = QSpinBox(page)
    dialog.idle_lock.setObjectName("idle_lock_minutes")
    dialog.idle_lock.setRange(1, 240)
    dialog.idle_lock.setSuffix(QCoreApplication.translate("SettingsDialog", " phút"))
    dialog.language = QComboBox(page)
    dialog.language.setObjectName("language")
    dialog.language.addItem("Tiếng Việt", "vi")
    dialog.language.addItem("English", "en")
    form = QFormLayout(page)
    form.addRow(QCoreApplication.translate("SettingsDialog", "Tên trung tâm"), dialog.centre_name)
    form.addRow(
        QCoreApplication.translate("SettingsDialog", "Mã định danh đơn vị"), dialog.unit_code
    )
    form.addRow(QCoreApplication.translate("SettingsDialog", "Xã/phường"), dialog.commune)
    form.addRow(QCoreApplication.translate("SettingsDialog", "Số quầy"), dialog.counter)
    form.addRow(QCoreApplication.translate("SettingsDialog", "Giờ làm việc"), dialog.working_hours)
    form.addRow(
        QCoreApplication.translate("SettingsDialog", "Nhận sau giờ này thì hẹn trả hôm sau"),
        dialog.same_day_cutoff,
    )
    form.addRow(
        QCoreApplication.translate("SettingsDialog", "Tự khóa màn hình sau"), dialog.idle_lock
    )
    form.addRow(QCoreApplication.translate("SettingsDialog", "Ngôn ngữ giao diện"), dialog.language)
    return page


def holidays_page(dialog: Any) -> QWidget:
    """Decided days off and make-up working days."""
    page = QWidget(dialog)
    info = QLabel(
        QCoreApplication.translate(
            "SettingsDialog",
            "Lịch nghỉ lễ, Tết và ngày làm bù được tính tự động. Thêm ở đây các ngày "
            "được quyết định riêng (nghỉ thêm hoặc làm bù).",
        ),
        page,
    )
    info.setWordWrap(True)
    dialog.holidays = QTableWidget(0, 3, page)
    dialog.holidays.setObjectName("holidays")
    dialog.holidays.setHorizontalHeaderLabels(
        [
            QCoreApplication.translate("SettingsDialog", "Ngày"),
            QCoreApplication.translate("SettingsDialog", "Loại"),
            QCoreApplication.translate("SettingsDialog", "Ghi chú"),
        ]
    )
    dialog.holidays.verticalHeader().hide()
    dialog.holidays.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    dialog.holidays.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    dialog.holidays.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    dialog.holidays.setColumnWidth(0, 120)
    dialog.holidays.setColumnWidth(1, 140)
    dialog.holiday_day = QDateEdit(QDate.currentDate(), page)
    dialog.holiday_day.setCalendarPopup(True)
    dialog.holiday_day.setDisplayFormat("dd/MM/yyyy")
    dialog.holiday_kind = QComboBox(page)
    dialog.holiday_kind.addItem(QCoreApplication.translate("SettingsDialog", "Ngày nghỉ"), False)
    dialog.holiday_kind.addItem(
        QCoreApplication.translate("SettingsDialog", "Ngày làm việc (làm bù)"), True
    )
    dialog.holiday_note = QLineEdit(page)
    dialog.holiday_note.setPlaceholderText(
        QCoreApplication.translate("SettingsDialog", "Ghi chú, vd: theo quyết định số …")
    )
    add = QPushButton(QCoreApplication.translate("SettingsDialog", "Thêm"), page)
    remove = QPushButton(QCoreApplication.translate("SettingsDialog", "Xóa dòng đã chọn"), page)
    add.clicked.connect(dialog._add_holiday)  # the dialog owns the table rows
    remove.clicked.connect(dialog._remove_holiday)
    row = QHBoxLayout()
    row.addWidget(dialog.holiday_day)
    row.addWidget(dialog.holiday_kind)
    row.addWidget(dialog.holiday_note, 1)
    row.addWidget(add)
    layout = QVBoxLayout(page)
    layout.addWidget(info)
    layout.addWidget(dialog.holidays, 1)
    layout.addLayout(row)
    layout.addWidget(remove, 0, Qt.AlignmentFlag.AlignLeft)
    return page


def printing_page(dialog: Any) -> QWidget:
    """The general printer and receipt paper, then each form's printer, paper, direct print."""
    page = QWidget(dialog)
    dialog.printer = QComboBox(page)
    dialog.printer.setObjectName("printer")
    dialog.printer.addItem(
        QCoreApplication.translate("SettingsDialog", "(Máy in mặc định của hệ thống)"), ""
    )
    for name in available_printers():
        dialog.printer.addItem(name, name)
    dialog.paper = QComboBox(page)
    dialog.paper.setObjectName("paper")
    dialog.paper.addItem(QCoreApplication.translate("SettingsDialog", "A4"), "a4")
    dialog.paper.addItem(QCoreApplication.translate("SettingsDialog", "Giấy cuộn 80 mm"), "80mm")
    dialog.form_printers = FormPrintersTable(available_printers(), page)
    form = QFormLayout(page)
    form.addRow(QCoreApplication.translate("SettingsDialog", "Máy in chung"), dialog.printer)
    form.addRow(QCoreApplication.translate("SettingsDialog", "Khổ giấy biên nhận"), dialog.paper)
    hint = QLabel(
        QCoreApplication.translate(
            "SettingsDialog",
            "Theo từng mẫu (vd. biên nhận ra máy in nhiệt 80 mm, Mẫu 02/03 và sổ theo dõi ra "
            'máy in A4). "In thẳng": in ngay khi lưu, không xem trước.',
        ),
        page,
    )
    hint.setWordWrap(True)
    form.addRow(hint)
    form.addRow(dialog.form_printers)
    return page


def portal_page(dialog: Any) -> QWidget:
    """Portal address, account, password, sync period, connection test."""
    page = QWidget(dialog)
    dialog.portal_url = QLineEdit(page)
    dialog.portal_url.setObjectName("portal_url")
    dialog.portal_url.setPlaceholderText("https://…")
    dialog.portal_user = QLineEdit(page)
    dialog.portal_user.setObjectName("portal_user")
    dialog.portal_password = QLineEdit(page)
    dialog.portal_password.setObjectName("portal_password")
    dialog.portal_password.setEchoMode(QLineEdit.EchoMode.Password)
    dialog.sync_interval = QSpinBox(page)
    dialog.sync_interval.setRange(10, 3600)
    dialog.sync_interval.setSuffix(QCoreApplication.translate("SettingsDialog", " giây"))
    dialog.secret_info = QLabel(page)
    dialog.secret_info.setWordWrap(True)
    dialog.secret_info.setStyleSheet("color: #555;")
    dialog.ping_button = QPushButton(
        QCoreApplication.translate("SettingsDialog", "Kiểm tra kết nối"), page
    )
    dialog.ping_button.setObjectName("pingButton")
    dialog.ping_button.clicked.connect(dialog.test_connection)
    dialog.ping_result = QLabel(page)
    dialog.ping_result.setObjectName("pingResult")
    dialog.ping_result.setWordWrap(True)
    dialog.ping_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    form = QFormLayout(page)
    form.addRow(QCoreApplication.translate("SettingsDialog", "Địa chỉ cổng"), dialog.portal_url)
    form.addRow(QCoreApplication.translate("SettingsDialog", "Tài khoản"), dialog.portal_user)
    form.addRow(QCoreApplication.translate("SettingsDialog", "Mật khẩu"), dialog.portal_password)
    form.addRow("", dialog.secret_info)
    form.addRow(
        QCoreApplication.translate("SettingsDialog", "Chu kỳ đồng bộ"), dialog.sync_interval
    )
    form.addRow(dialog.ping_button, dialog.ping_result)
    return page


def catalogue_page(dialog: Any) -> QWidget:
    """Procedure catalogue version and file import."""
    page = QWidget(dialog)
    dialog.catalogue_version = QLabel(page)
    dialog.catalogue_version.setObjectName("catalogueVersion")
    dialog.import_button = QPushButton(
        QCoreApplication.translate("SettingsDialog", "Nhập tệp danh mục…"), page
    )
    dialog.import_button.clicked.connect(dialog.choose_catalogue)
    dialog.import_result = QLabel(page)
    dialog.import_result.setWordWrap(True)
    info = QLabel(
        QCoreApplication.translate(
            "SettingsDialog",
            "Danh mục được cập nhật tự động từ cổng DVC khi đồng bộ. Chỉ nhập tệp khi "
            "kỹ thuật viên yêu cầu (tệp JSON do cổng hoặc Sở cung cấp).",
        ),
        page,
    )
    info.setWordWrap(True)
    layout = QVBoxLayout(page)
    layout.addWidget(dialog.catalogue_version)
    layout.addWidget(info)
    layout.addWidget(dialog.import_button, 0, Qt.AlignmentFlag.AlignLeft)
    layout.addWidget(dialog.import_result)
    layout.addStretch(1)
    return page
