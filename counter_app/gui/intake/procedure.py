"""The procedure block of the intake screen: the picker (F6, accent-insensitive
type-ahead over the catalogue), the procedure's field and time, and the appointment the
dossier would get if saved now (refreshed every minute)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from counter_app.domain import catalogue
from counter_app.domain.appointments import WorkCalendar, format_appointment
from counter_app.forms.formats import processing_time_text
from counter_app.gui.context import AppContext
from counter_app.gui.intake.fields import FieldChecks, procedure_display
from counter_app.gui.operations import OpChanges
from counter_app.gui.operations import intake as ops
from counter_app.gui.widgets.search_field import SearchField
from counter_app.services.intake_form import IntakeForm

APPOINTMENT_REFRESH_MS = 60_000


class ProcedurePicker(QGroupBox):
    """The "Thủ tục hành chính" group.

    `picked(procedure)` when the officer picks one in the search (the screen then shows
    it with `show_procedure`); `changed` on every edit; `advance` asks the screen to move
    to the next field. `quiet` (set while a draft is filled in) keeps the focus where it is.
    The catalogue and the calendar follow the core's changes (`core_changed`).
    """

    picked = Signal(object)
    changed = Signal()
    advance = Signal()

    def __init__(self, ctx: AppContext, checks: FieldChecks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Thủ tục hành chính"))
        self.ctx = ctx
        self.checks = checks
        self.procedures: list[dict[str, Any]] = []
        self.calendar: WorkCalendar | None = None
        self.procedure: dict[str, Any] | None = None
        self.appointment_due: Any = None
        self.quiet = False
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("Gõ mã hoặc tên thủ tục, không cần dấu (F6)"))
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.hide()
        self.appointment_label = QLabel(self.tr("Hẹn trả kết quả: —"))
        self.appointment_label.setObjectName("appointment")
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        checks.add(
            form,
            "procedure",
            self.tr("&Thủ tục (F6):"),
            self.edit,
            self.tr("F6 hoặc Alt+T. Gõ vài chữ của tên hoặc mã, Enter để chọn."),
        )
        form.addRow("", self.info)
        form.addRow("", self.appointment_label)
        self.search = SearchField(self.edit, self._search, self)
        self.search.chosen.connect(self._chosen)
        self.edit.textChanged.connect(self._edited)
        self.edit.editingFinished.connect(self._left)
        self._clock = QTimer(self)
        self._clock.setInterval(APPOINTMENT_REFRESH_MS)
        self._clock.timeout.connect(self.update_appointment)
        self._clock.start()

    def by_code(self, code: str) -> dict[str, Any] | None:
        return next((p for p in self.procedures if p["code"] == code), None)

    def set_catalogue(self, procedures: list[dict[str, Any]], calendar: WorkCalendar) -> None:
        """What can be picked and the calendar appointments are counted on."""
        self.procedures = procedures
        self.calendar = calendar
        if self.procedure is not None:
            self.update_appointment()

    def core_changed(self, changes: OpChanges) -> None:
        """Hours, holidays or the catalogue changed: the appointment preview follows."""
        if changes.settings or changes.calendar or changes.catalogue:
            op = ops.load_calendar(ctx=self.ctx, parent=self)
            op.success(self._reloaded).failure(lambda _exc: None).run_in_background()

    def _reloaded(self, result: tuple[WorkCalendar, list[dict[str, Any]]]) -> None:
        self.calendar, self.procedures = result
        self.update_appointment()

    # ------------------------------------------------------------------ picking
    def _search(self, text: str) -> list[tuple[str, Any]]:
        return [
            (procedure_display(p), p["code"])
            for p in catalogue.procedure_matches(self.procedures, text)
        ]

    def pick(self) -> None:
        """F6: go to the picker and list what matches (everything when empty)."""
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        text = "" if self.procedure is not None else self.edit.text()
        if self.procedure is not None:
            self.edit.selectAll()
        self.search.show_results(self._search(text))

    def enter_pressed(self) -> bool:
        """Enter in the picker: True when a procedure is chosen (the focus may move on);
        otherwise the suggestions are shown (everything when nothing matches)."""
        if self.search.resolve():
            return True
        self.search.show_results(self.search.results(self.edit.text()) or self._search(""))
        return False

    def resolve_typed(self) -> None:
        """A procedure typed but not picked: pick it if the text names exactly one."""
        if self.procedure is None and self.edit.text().strip():
            self.search.resolve()

    def _chosen(self, code: str) -> None:
        procedure = self.by_code(code)
        if procedure is None or procedure is self.procedure:
            return  # Enter in the popup can confirm the same choice twice
        advance = self.edit.hasFocus() and not self.quiet
        self.picked.emit(procedure)
        if advance:
            self.advance.emit()

    def _edited(self, text: str) -> None:
        if self.procedure is not None and text != self.search.display:
            # Typing over the choice un-chooses it; the screen keeps the checklist and
            # fees in case the same procedure is picked again.
            self.procedure = None
            self.checks.validate("procedure")
            self.update_appointment()
        self.changed.emit()

    def _left(self) -> None:
        self.resolve_typed()
        self.checks.touched.add("procedure")
        self.checks.validate("procedure")

    # ------------------------------------------------------------------ showing
    def show_procedure(self, procedure: dict[str, Any] | None, *, keep_text: bool = False) -> None:
        """Show `procedure` (its name, field and time) or none (`keep_text`: leave what was
        typed in the picker)."""
        self.procedure = procedure
        if procedure is None:
            if not keep_text:
                self.search.clear()
            self.info.setText("")
            self.info.hide()
        else:
            if self.search.display != procedure_display(procedure):
                self.search.choose(procedure_display(procedure), procedure["code"])
            self.info.show()
            self.info.setText(
                self.tr("Lĩnh vực: {field} · Thời hạn giải quyết: {time}").format(
                    field=procedure.get("field_name") or "—",
                    time=processing_time_text(
                        procedure.get("processing_time"), procedure.get("time_unit")
                    ),
                )
            )
        self.checks.slots["procedure"].form.invalidate()
        self.checks.validate("procedure")
        self.update_appointment()

    def update_appointment(self) -> None:
        """The appointment if the dossier were saved now (also refreshed every minute)."""
        if self.procedure is None or self.calendar is None:
            self.appointment_label.setText(self.tr("Hẹn trả kết quả: —"))
            return
        try:
            due = IntakeForm(procedure=self.procedure).appointment(self.calendar)
        except (ValueError, RuntimeError) as exc:
            self.appointment_label.setText(
                self.tr("Không tính được ngày hẹn: {error}").format(error=str(exc))
            )
            return
        self.appointment_due = due
        self.appointment_label.setText(
            self.tr("Hẹn trả kết quả: <b>{due}</b>").format(due=format_appointment(due))
        )
