"""The intake screen's field plumbing: labels and tables it shows, how a field's findings
are drawn under it (`FieldChecks`), and Enter moving to the next field."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from counter_app.domain import addresses
from counter_app.services.intake_form import CHECKED_FIELDS, IntakeForm

# Labels pass through self.tr() at run time (in the class named as the context);
# QT_TRANSLATE_NOOP lets lupdate see them.
ID_TYPES = (
    ("cccd", QT_TRANSLATE_NOOP("ApplicantBox", "CCCD / Căn cước")),
    ("cmnd", QT_TRANSLATE_NOOP("ApplicantBox", "CMND")),
    ("passport", QT_TRANSLATE_NOOP("ApplicantBox", "Hộ chiếu")),
)
SEXES = (
    ("", QT_TRANSLATE_NOOP("ApplicantBox", "(chưa chọn)")),
    ("Nam", QT_TRANSLATE_NOOP("ApplicantBox", "Nam")),
    ("Nữ", QT_TRANSLATE_NOOP("ApplicantBox", "Nữ")),
)
RETURN_METHODS = (
    ("counter", QT_TRANSLATE_NOOP("OtherBox", "Tại Bộ phận Một cửa")),
    ("post", QT_TRANSLATE_NOOP("OtherBox", "Qua dịch vụ bưu chính")),
)
# For lupdate only: the DOC_KINDS labels (counter_app.forms.formats) that the document
# rows show through DocumentChecklist.tr().
DOC_KIND_LABELS = (
    QT_TRANSLATE_NOOP("DocumentChecklist", "Bản chính"),
    QT_TRANSLATE_NOOP("DocumentChecklist", "Bản sao có chứng thực"),
    QT_TRANSLATE_NOOP("DocumentChecklist", "Bản chụp"),
)
# For lupdate only: services/intake_form.MESSAGES, the form's rule messages, which
# FieldChecks shows translated in RULE_CONTEXT (tests/gui checks that this list covers them).
RULE_CONTEXT = "IntakeWidget"
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


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A label whose Alt+letter goes to `buddy`."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


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

    `owner._enter_pressed(obj)` decides (a search field may pick a suggestion first); the
    components of the screen install this one filter on their editors.
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


class FieldChecks:
    """The checked fields of the screen: their slots, which ones the officer has left
    (touched), and the form model's findings drawn under each.

    Errors stay grey while a field is being typed and turn red once it is left or a save
    was tried (`show_all`); warnings never block.
    """

    def __init__(self, form: Callable[[], IntakeForm], enter: EnterAdvances) -> None:
        self.form = form  # the model of what is on screen now
        self.enter = enter
        self.slots: dict[str, FieldSlot] = {}
        self.touched: set[str] = set()
        self.show_all = False

    def add(
        self, layout: QFormLayout, key: str, label: str, editor: QWidget, tip: str = ""
    ) -> None:
        """A form row: the label, the editor and the message line under it."""
        message = QLabel()
        message.setWordWrap(True)
        message.setObjectName(f"msg_{key}")
        message.hide()
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(editor)
        column.addWidget(message)
        editor.setObjectName(key)
        if tip:
            editor.setToolTip(tip)
        layout.addRow(buddy_label(label, editor), box)
        self.slots[key] = FieldSlot(key, editor, message, layout)
        editor.installEventFilter(self.enter)

    def editor(self, key: str) -> QWidget:
        return self.slots[key].editor

    def validate(self, *keys: str) -> None:
        form = self.form()
        for key in keys:
            self.slots[key].findings = [
                (level, QCoreApplication.translate(RULE_CONTEXT, message))
                for level, message in form.findings(key)
            ]
            self.render(key)

    def touch(self, key: str) -> None:
        """The officer left the field: its errors show in red from now on."""
        self.touched.add(key)
        self.render(key)

    def render(self, key: str) -> None:
        self.slots[key].render(key in self.touched or self.show_all)

    def render_all(self) -> None:
        for key in self.slots:
            self.render(key)

    def reset(self) -> None:
        """An empty form: nothing touched, nothing found."""
        self.touched = set()
        self.show_all = False
        for slot in self.slots.values():
            slot.findings = []
        self.render_all()

    def fail(self, key: str, message: str) -> bool:
        """Show an error the service found in `key`; False when no field is called that."""
        if key not in self.slots:
            return False
        self.slots[key].findings = [("error", message)]
        self.touch(key)
        return True

    def errors(self) -> dict[str, list[str]]:
        """Blocking problems by field (validates everything)."""
        keys = (*CHECKED_FIELDS, "procedure")
        self.validate(*keys)
        return {
            key: [m for level, m in self.slots[key].findings if level == "error"]
            for key in keys
            if any(level == "error" for level, _m in self.slots[key].findings)
        }

    def warnings(self) -> dict[str, list[str]]:
        return {
            key: [m for level, m in item.findings if level == "warning"]
            for key, item in self.slots.items()
            if any(level == "warning" for level, _m in item.findings)
        }
