"""The banners over the intake form: the draft offer (restore or discard the dossier
being typed before) and the result (the code just issued, large, and "open")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget


class DraftBanner(QFrame):
    """ "Khôi phục hồ sơ đang nhập dở?" with Restore and Discard (wired by IntakeDrafts)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draft_banner")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("Khôi &phục"))
        self.restore_button.setToolTip(self.tr("Điền lại hồ sơ đang nhập dở (Alt+P)"))
        self.discard_button = QPushButton(self.tr("Bỏ qua"))
        self.discard_button.setToolTip(self.tr("Xóa bản nháp, bắt đầu hồ sơ mới"))
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        for button in (self.restore_button, self.discard_button):
            button.setAutoDefault(True)  # Enter presses a focused button
            row.addWidget(button)
        self.hide()


class ResultBanner(QFrame):
    """What was just saved: the headline, the dossier code (selectable) and details."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("result_banner")
        self.title = QLabel(self.tr("Đã tiếp nhận hồ sơ, mã hồ sơ:"))
        self.issued_code = QLabel()
        self.issued_code.setObjectName("issued_code")
        self.issued_code.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.open_button = QPushButton(self.tr("&Mở hồ sơ"))
        self.open_button.setToolTip(self.tr("Xem chi tiết hồ sơ vừa lưu (Alt+M)"))
        self.open_button.setAutoDefault(True)
        grid = QGridLayout(self)
        grid.addWidget(self.title, 0, 0)
        grid.addWidget(self.issued_code, 1, 0)
        grid.addWidget(self.details, 2, 0)
        grid.addWidget(self.open_button, 1, 1)
        grid.setColumnStretch(0, 1)
        self.hide()

    def show_result(self, headline: str, code: str, details_html: str) -> None:
        self.title.setText(headline)
        self.issued_code.setText(code)
        self.details.setText(details_html)
        self.show()
