"""The intake screen's field plumbing: labels and tables it shows, how a field's findings
are drawn under it, and Enter moving to the next field."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from counter_app.domain import addresses

# Labels pass through self.tr() at run time; QT_TRANSLATE_NOOP lets lupdate see them.
ID_TYPES = (
    ("cccd", QT_TRANSLATE_NOOP("IntakeWidget", "CCCD / Căn cước")),
    ("cmnd", QT_TRANSLATE_NOOP("IntakeWidget", "CMND")),
    ("passport", QT_TRANSLATE_NOOP("IntakeWidget", "Hộ chiếu")),
)
SEXES = (
    ("", QT_TRANSLATE_NOOP("IntakeWidget", "(chưa chọn)")),
    ("Nam", QT_TRANSLATE_NOOP("IntakeWidget", "Nam")),
    ("Nữ", QT_TRANSLATE_NOOP("IntakeWidget", "Nữ")),
)
RETURN_METHODS = (
    ("counter", QT_TRANSLATE_NOOP("IntakeWidget", "Tại Bộ phận Một cửa")),
    ("post", QT_TRANSLATE_NOOP("IntakeWidget", "Qua dịch vụ bưu chính")),
)
# For lupdate only: the DOC_KINDS labels (counter_app.forms.formats) that the document
# rows show through self.tr().
DOC_KIND_LABELS = (
    QT_TRANSLATE_NOOP("IntakeWidget", "Bản chính"),
    QT_TRANSLATE_NOOP("IntakeWidget", "Bản sao có chứng thực"),
    QT_TRANSLATE_NOOP("IntakeWidget", "Bản chụp"),
)
# For lupdate only: services/intake_form.MESSAGES, the form's rule messages, which the
# screen shows through self.tr() (tests/gui checks that this list covers them all).
RULE_MESSAGES = (
    QT_TRANSLATE_NOOP("IntakeWidget", "Chưa nhập họ tên người nộp."),
    QT_TRANSLATE_NOOP("IntakeWidget", "Ngày sinh phải có dạng ngày/tháng/năm, ví dụ 02/05/1990."),
    QT_TRANSLATE_NOOP("IntakeWidget", "Ngày sinh ở tương lai."),
    QT_TRANSLATE_NOOP("IntakeWidget", "Người nộp hơn 120 tuổi? Kiểm tra lại năm sinh."),
    QT_TRANSLATE_NOOP(
        "IntakeWidget", "Ngày sinh cách đây hơn 130 năm / born more than 130 years ago"
    ),
    QT_TRANSLATE_NOOP("IntakeWidget", "Chọn xã/phường trong danh sách gợi ý (Enter để chọn)."),
    QT_TRANSLATE_NOOP("IntakeWidget", "Chưa chọn thủ tục (F6)."),
)
STYLE = """
QLineEdit[state="error"], QComboBox[state="error"] { border: 1px solid #c62828; }
QLineEdit[state="warning"], QComboBox[state="warning"] { border: 1px solid #c77700; }
QLabel#issued_code { font-size: 22pt; font-weight: bold; color: #0b4f2c; }
QLabel#appointment { font-size: 13pt; }
QFrame#result_banner { background: #e8f6ec; border: 1px solid #a7d7b5; border-radius: 4px; }
QFrame#draft_banner { background: #fff6dd; border: 1px solid #e5c66b; border-radius: 4px; }
"""
COLOURS = {"error": "#b71c1c", "warning": "#a15c00", "hint": "#666666"}


def procedure_display(procedure: dict[str, Any]) -> str:
    return f"{procedure['code']} - {procedure['name']}"


def commune_display(commune: addresses.Commune) -> str:
    return f"{commune.name}, {commune.province_name}"


def escape(value: object) -> str:
    text = "" if value is None else str(value)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass
class FieldSlot:
    """An editor on the form, the message line under it and what was found in it."""

    key: str
    editor: QWidget
    message: QLabel
    form: QFormLayout
    findings: list[tuple[str, str]] = field(default_factory=list)  # (level, message)

    def render(self, shown: bool) -> None:
        """Draw the findings: errors grey until `shown` (touched, or a save was tried)."""
        lines = []
        state = ""
        for level, message in self.findings:
            if level == "error":
                colour = COLOURS["error"] if shown else COLOURS["hint"]
                state = "error" if shown else state
            else:
                colour = COLOURS["warning"]
                state = state or "warning"
            lines.append(f'<span style="color:{colour}">{escape(message)}</span>')
        self.message.setText("<br>".join(lines))
        if self.message.isVisibleTo(self.editor.parentWidget()) != bool(lines):
            self.message.setVisible(bool(lines))
            self.form.invalidate()  # QFormLayout keeps the old row height otherwise
        if self.editor.property("state") != state:
            self.editor.setProperty("state", state)
            self.editor.style().unpolish(self.editor)
            self.editor.style().polish(self.editor)


class EnterAdvances(QObject):
    """Enter in a field moves to the next field (like Tab), as counter staff expect.

    `owner._enter_pressed(obj)` decides (a search field may pick a suggestion first).
    """

    def __init__(self, owner: Any) -> None:
        super().__init__(owner)
        self.owner = weakref.ref(owner)  # no reference cycle through the widget

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() != QEvent.Type.KeyPress:
            return False
        key = event.key()  # type: ignore[attr-defined]
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier  # type: ignore[attr-defined]
        if key not in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or mods:
            return False
        owner = self.owner()
        return owner._enter_pressed(obj) if owner is not None else False
