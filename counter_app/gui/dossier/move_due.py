"""Move the appointment to a new date and time, with the reason the law asks for."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QDateTimeEdit, QLabel, QWidget

from counter_app.domain.appointments import format_appointment
from counter_app.gui.dossier.action_dialog import ActionDialog, make_reason_edit
from counter_app.gui.widgets.texts import due_text


class MoveDueDialog(ActionDialog):
    """Move the appointment: new date and time, and the (required) reason."""

    def __init__(self, current_due: datetime | None, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Dời ngày hẹn trả"),
            self.tr("Hẹn trả hiện tại: {due}").format(due=due_text(current_due) or "—"),
            self.tr("Dời ngày hẹn"),
            parent,
        )
        self.when_edit = QDateTimeEdit()
        self.when_edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.when_edit.setCalendarPopup(True)
        start = current_due or datetime.now().replace(second=0, microsecond=0)
        self.when_edit.setDateTime(QDateTime(start))
        self.weekday_label = QLabel()
        self.reason_edit = make_reason_edit(self.tr("Bắt buộc"))
        when_label = QLabel(self.tr("&Hẹn trả mới:"))
        when_label.setBuddy(self.when_edit)
        reason_label = QLabel(self.tr("&Lý do:"))
        reason_label.setBuddy(self.reason_edit)
        self.form.addRow(when_label, self.when_edit)
        self.form.addRow("", self.weekday_label)
        self.form.addRow(reason_label, self.reason_edit)
        self.when_edit.dateTimeChanged.connect(self._show_weekday)
        self._show_weekday()
        self.when_edit.setFocus()

    def new_due(self) -> datetime:
        value = self.when_edit.dateTime()
        day, clock = value.date(), value.time()
        return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute())

    def _show_weekday(self) -> None:
        self.weekday_label.setText(format_appointment(self.new_due()))

    def values(self) -> dict[str, Any] | None:
        reason = self.reason_edit.text().strip()
        if not reason:
            self.show_error(self.tr("Cần ghi lý do dời ngày hẹn."))
            self.reason_edit.setFocus()
            return None
        return {"new_due": self.new_due(), "reason": reason}
