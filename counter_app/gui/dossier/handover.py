"""Hand the dossier over to the deciding agency (the back office), or take it back with the
result: which way, the agency, both people (the giver and the receiver) and notes.

Recorded by `service.dossiers.record_handover` (Mẫu 06 rows, the daily hand-over list).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QRadioButton, QVBoxLayout, QWidget

from counter_app.gui.dossier.action_dialog import ActionDialog, make_reason_edit

OUT, BACK = "out", "back"


def next_direction(handovers: list[dict[str, Any]]) -> str:
    """What comes next: taking it back after a hand-over out, else handing it over."""
    return BACK if handovers and handovers[-1].get("direction") == OUT else OUT


class HandoverDialog(ActionDialog):
    """One hand-over between the centre and the agency that decides, with both people.

    The signed-in officer is the centre's side: the giver of a hand-over out, the receiver
    of a return; switching the direction swaps the two names.
    """

    def __init__(
        self,
        code: str,
        handovers: list[dict[str, Any]],
        officer_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            self.tr("Chuyển xử lý / Nhận lại kết quả"),
            self.tr(
                "Hồ sơ {code}: ghi lần bàn giao giữa Trung tâm và cơ quan giải quyết, với "
                "họ tên người giao và người nhận (in trên Phiếu kiểm soát, Mẫu 06, và danh "
                "sách bàn giao trong ngày)."
            ).format(code=code),
            self.tr("Ghi nhận bàn giao"),
            parent,
        )
        self.out_radio = QRadioButton(self.tr("Chuyển &xử lý (giao cho cơ quan giải quyết)"))
        self.back_radio = QRadioButton(self.tr("Nhận lại &kết quả (từ cơ quan giải quyết)"))
        directions = QVBoxLayout()
        directions.addWidget(self.out_radio)
        directions.addWidget(self.back_radio)
        agencies = [h["agency"] for h in handovers if h.get("agency")]
        self.agency_edit = QLineEdit(agencies[-1] if agencies else "")
        self.agency_edit.setPlaceholderText(self.tr("Bắt buộc, ví dụ: Phòng Văn hóa - Xã hội"))
        self.giver_edit = QLineEdit()
        self.receiver_edit = QLineEdit()
        for edit in (self.giver_edit, self.receiver_edit):
            edit.setPlaceholderText(self.tr("Bắt buộc: họ và tên"))
        self.notes_edit = make_reason_edit(self.tr("Không bắt buộc"))
        self.form.addRow(self.tr("Chiều bàn giao:"), directions)
        for text, widget in (
            (self.tr("Cơ &quan giải quyết:"), self.agency_edit),
            (self.tr("Người &giao:"), self.giver_edit),
            (self.tr("Người &nhận:"), self.receiver_edit),
            (self.tr("Ghi &chú:"), self.notes_edit),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            self.form.addRow(label, widget)
        direction = next_direction(handovers)
        (self.out_radio if direction == OUT else self.back_radio).setChecked(True)
        (self.giver_edit if direction == OUT else self.receiver_edit).setText(officer_name)
        self.out_radio.toggled.connect(self._swap_people)
        first = self.agency_edit if not self.agency_edit.text() else self._other_side()
        first.setFocus()

    @property
    def direction(self) -> str:
        return OUT if self.out_radio.isChecked() else BACK

    def _other_side(self) -> QLineEdit:
        """The agency's person: the receiver of a hand-over out, the giver of a return."""
        return self.receiver_edit if self.direction == OUT else self.giver_edit

    def _swap_people(self, _checked: bool) -> None:
        giver, receiver = self.giver_edit.text(), self.receiver_edit.text()
        self.giver_edit.setText(receiver)
        self.receiver_edit.setText(giver)

    def values(self) -> dict[str, Any] | None:
        fields = (
            (self.agency_edit, self.tr("Cần ghi cơ quan giải quyết.")),
            (self.giver_edit, self.tr("Cần ghi họ tên người giao.")),
            (self.receiver_edit, self.tr("Cần ghi họ tên người nhận.")),
        )
        for edit, message in fields:
            if not edit.text().strip():
                self.show_error(message)
                edit.setFocus()
                return None
        return {
            "direction": self.direction,
            "agency": self.agency_edit.text().strip(),
            "giver": self.giver_edit.text().strip(),
            "receiver": self.receiver_edit.text().strip(),
            "notes": self.notes_edit.text().strip(),
        }
