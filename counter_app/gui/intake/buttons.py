"""The intake screen's button row: Lưu & In, supplement, refuse, new, undo, and the
keyboard hint (what they do is `IntakeActions` and the page)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


def _button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setAutoDefault(True)  # Enter presses a focused button (not a dialog here)
    return button


class ActionButtons(QWidget):
    """The buttons under the form."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.save = _button(
            self.tr("Lưu && In (Ctrl+Enter)"),
            self.tr("Lưu hồ sơ, cấp mã và in Giấy tiếp nhận (Ctrl+Enter)"),
        )
        self.save.setObjectName("save_button")
        self.save.setStyleSheet("QPushButton { font-weight: bold; padding: 6px 16px; }")
        self.supplement = _button(
            self.tr("Yêu cầu bổ s&ung (Mẫu 02)"),
            self.tr("Ghi nhận hồ sơ và yêu cầu bổ sung giấy tờ còn thiếu (Alt+U)"),
        )
        self.refuse = _button(
            self.tr("Từ chối (Mẫu 0&3)"), self.tr("Từ chối tiếp nhận, in phiếu Mẫu 03 (Alt+3)")
        )
        self.new = _button(
            self.tr("Nhập mới (Ctrl+N)"), self.tr("Xóa biểu mẫu để nhập hồ sơ khác (Ctrl+N)")
        )
        self.undo_clear = _button(
            self.tr("Hoàn tác (Ctrl+Shift+N)"), self.tr("Lấy lại nội dung vừa xóa (Ctrl+Shift+N)")
        )
        self.undo_clear.hide()
        hint = QLabel(
            self.tr(
                "Enter: ô tiếp · F6: thủ tục · Ctrl+Enter: Lưu & In · Ctrl+N: nhập mới · "
                "Alt+chữ gạch chân: đến ô đó"
            )
        )
        hint.setStyleSheet("color: #555;")
        hint.setWordWrap(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(hint, 1)
        for button in (self.undo_clear, self.new, self.refuse, self.supplement, self.save):
            row.addWidget(button)

    def focus_chain(self) -> list[QWidget]:
        return [self.save, self.supplement, self.refuse, self.new]

    def set_busy(self, busy: bool) -> None:
        """While a save runs, nothing else can be started."""
        for button in self.focus_chain():
            button.setEnabled(not busy)
