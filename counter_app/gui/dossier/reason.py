"""Confirm a status change or a reprint, with a reason (required or optional)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from counter_app.gui.dossier.action_dialog import ActionDialog, make_reason_edit


class ReasonDialog(ActionDialog):
    """Confirm an action, with a reason (required or optional)."""

    def __init__(
        self,
        title: str,
        intro: str,
        *,
        required: bool,
        submit_text: str,
        parent: QWidget | None = None,
        label: str = "",
    ) -> None:
        super().__init__(title, intro, submit_text, parent)
        self.required = required
        self.reason_edit = make_reason_edit(
            self.tr("Bắt buộc") if required else self.tr("Không bắt buộc")
        )
        reason_label = QLabel(label or (self.tr("&Lý do:") if required else self.tr("&Ghi chú:")))
        reason_label.setBuddy(self.reason_edit)
        self.form.addRow(reason_label, self.reason_edit)
        self.reason_edit.setFocus()

    def values(self) -> dict[str, Any] | None:
        reason = self.reason_edit.text().strip()
        if self.required and not reason:
            self.show_error(self.tr("Cần ghi lý do."))
            self.reason_edit.setFocus()
            return None
        return {"reason": reason}
