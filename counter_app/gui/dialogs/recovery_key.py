"""The recovery key of a new database key, shown once, with a print button.

Shown at the first start of a new data folder (before setup) and after a plain database of
an older version was encrypted. The text comes from the store (`recovery_key_created`); the
dialog only shows and prints it, it never stores it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class RecoveryKeyDialog(QDialog):
    def __init__(self, recovery_key: str, centre: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recovery_key = recovery_key
        self.centre = centre
        self.setWindowTitle(self.tr("Khóa khôi phục dữ liệu"))
        intro = QLabel(
            self.tr(
                "Dữ liệu của quầy được mã hóa. Đây là KHÓA KHÔI PHỤC, chỉ hiện MỘT LẦN. "
                "Hãy in ra (hoặc chép tay) và cất nơi an toàn, ngoài máy này. Không có nó, "
                "bản sao lưu chép sang máy khác, hoặc dữ liệu khi tài khoản Windows bị cài "
                "lại, sẽ không mở được."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.key_label = QLabel(self._grouped(recovery_key), self)
        self.key_label.setObjectName("recoveryKey")
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(font.pointSize() + 4)
        font.setWeight(QFont.Weight.Bold)
        self.key_label.setFont(font)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setStyleSheet("padding: 12px; border: 1px solid palette(mid);")
        buttons = QDialogButtonBox(self)
        self.print_button = QPushButton(self.tr("In khóa khôi phục…"), self)
        self.print_button.setObjectName("printRecoveryKey")
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.done_button = buttons.addButton(
            self.tr("Tôi đã in hoặc chép lại khóa"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.print_button.clicked.connect(self.print_key)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.key_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(620)

    @staticmethod
    def _grouped(recovery_key: str) -> str:
        """Two lines of seven groups: easier to read aloud and to copy by hand."""
        groups = recovery_key.split("-")
        half = (len(groups) + 1) // 2
        return "-".join(groups[:half]) + "-\n" + "-".join(groups[half:])

    def page_document(self) -> QTextDocument:
        """The printed page: what the key is for, the key, where to keep it."""
        document = QTextDocument(self)
        title = html.escape(self.tr("KHÓA KHÔI PHỤC DỮ LIỆU QUẦY TIẾP NHẬN"))
        centre = html.escape(self.centre)
        key = html.escape(self._grouped(self.recovery_key)).replace("\n", "<br>")
        advice = html.escape(
            self.tr(
                "Dùng khi khôi phục bản sao lưu trên máy khác (counter-app restore "
                "--recovery-key) hoặc khi máy mất kho khóa (counter-app unlock "
                "--recovery-key). Cất trong tủ có khóa; không dán lên máy."
            )
        )
        document.setHtml(
            f"<h2>{title}</h2><p>{centre}</p>"
            f"<p style='font-family: monospace; font-size: 16pt'><b>{key}</b></p>"
            f"<p>{advice}</p>"
        )
        return document

    def print_key(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        chooser = QPrintDialog(printer, self)
        if chooser.exec() == QDialog.DialogCode.Accepted:
            self.page_document().print_(printer)
