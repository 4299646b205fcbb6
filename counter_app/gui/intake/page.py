"""The intake screen (home screen): record a walk-in dossier, fully by keyboard.

Flow: applicant (typed, or filled by a CCCD QR scan) -> procedure (F6, accent-insensitive
type-ahead) -> documents checklist, fees, sets -> Ctrl+Enter "Lưu & In": the dossier is
saved on the background thread, its code shown large, Mẫu 01 rendered and previewed for
printing, and the form cleared for the next citizen.

The rules (findings, derived values, the draft, the data recorded) are the Qt-free
`services.intake_form.IntakeForm`; `form()` reads it off the widgets. The screen is
composed of: layout.py (the widgets), rows.py (documents and fees), drafts.py (autosave
and restore), actions.py (save & print, supplement, refuse, open the last dossier).

Every change is saved as a draft (debounced) so a crash or power cut loses at most half a
second of typing; the draft is offered back when the screen opens again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from counter_app.domain import addresses, catalogue
from counter_app.domain.appointments import WorkCalendar, format_appointment
from counter_app.forms.formats import processing_time_text
from counter_app.gui.context import AppContext
from counter_app.gui.dialogs.preview import PreviewDialog
from counter_app.gui.dossier.detail import DossierDetailDialog
from counter_app.gui.intake.actions import IntakeActions
from counter_app.gui.intake.drafts import DRAFT_DELAY_MS, IntakeDrafts
from counter_app.gui.intake.fields import (
    STYLE,
    EnterAdvances,
    FieldSlot,
    commune_display,
    procedure_display,
)
from counter_app.gui.intake.layout import IntakeLayout
from counter_app.gui.intake.rows import DocumentRow, FeeRow, IntakeRows
from counter_app.gui.intake.scan import IntakeScan
from counter_app.gui.operations import OpChanges, guard
from counter_app.gui.operations import intake as ops
from counter_app.gui.widgets.messages import ERROR_STYLE, INFO_STYLE, error_text
from counter_app.gui.widgets.scanner import install_scanner
from counter_app.services.intake_form import CHECKED_FIELDS, IntakeForm

APPOINTMENT_REFRESH_MS = 60_000


class IntakeWidget(IntakeLayout, IntakeRows, IntakeScan, IntakeDrafts, IntakeActions, QWidget):
    """Record a dossier at the counter. `saved(code)` fires once per dossier saved."""

    saved = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("IntakeWidget")
        self.procedures: list[dict[str, Any]] = []
        self.procedure: dict[str, Any] | None = None
        self.calendar: WorkCalendar | None = None
        self.ready = False
        self.busy = False
        self.last_code = ""
        self.last_dossier: dict[str, Any] | None = None
        self.appointment_due: Any = None
        self.preview: PreviewDialog | None = None
        self.detail: DossierDetailDialog | None = None
        self.action_dialog: Any = None
        self.draft_offer: dict[str, Any] | None = None
        self.draft_saves = 0  # drafts written (for diagnostics and tests)
        self._restoring = False
        self._show_all_errors = False
        self._touched: set[str] = set()
        self._fields: dict[str, FieldSlot] = {}
        self._doc_rows: list[DocumentRow] = []
        self._rows_code = ""  # the procedure the checklist and fees were made for
        self._fee_rows: list[FeeRow] = []
        self._cleared_state: dict[str, Any] | None = None
        self._enter = EnterAdvances(self)
        self._draft_owner = self.officer  # whose draft the form is (stays across sign-out)

        self.setStyleSheet(STYLE)
        self._build()
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft_now)
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(APPOINTMENT_REFRESH_MS)
        self._clock_timer.timeout.connect(self.update_appointment)
        self._clock_timer.start()

        scanner = install_scanner()
        # The scanner and the context outlive this screen: every slot checks it is alive.
        scanner.scanned.connect(guard(self, self._scanned))
        scanner.scan_failed.connect(guard(self, self._scan_failed))
        ctx.signals.changed.connect(guard(self, self._core_changed))
        ctx.signals.signed_in.connect(guard(self, self._signed_in))
        ctx.signals.signed_out.connect(guard(self, self._signed_out))
        self.full_name.setFocus()
        self._load()

    @property
    def officer(self) -> str:
        return self.ctx.officer.username if self.ctx.officer else ""

    # ------------------------------------------------------------------ loading
    def form(self) -> IntakeForm:
        """The form model of what is on screen now."""
        return IntakeForm(
            officer=self.officer,
            full_name=self.full_name.text(),
            id_type=self.id_type.currentData(),
            id_number=self.id_number.text(),
            old_id=self.old_id.text(),
            birth_date=self.birth_date.text(),
            sex=self.sex.currentData(),
            phone=self.phone.text(),
            email=self.email.text(),
            address=self.address.text(),
            ward_code=self.commune_search.payload,
            ward_text=self.commune.text(),
            procedure=self.procedure,
            procedure_text=self.procedure_edit.text() if self.procedure is None else "",
            rows_code=self._rows_code,
            documents=self.documents_state(),
            fees=self.fees_state(),
            sets=self.sets.value(),
            return_method=self.return_method.currentData(),
            notes=self.notes.text(),
        )

    def _load(self) -> None:
        op = ops.load_intake(ctx=self.ctx, parent=self, officer=self._draft_owner)
        op.success(self._loaded).failure(self._load_failed).run_in_background()

    def _loaded(self, result: dict[str, Any]) -> None:
        self.procedures = result["procedures"]
        self.calendar = result["calendar"]
        self.ready = True
        if self.procedure is not None:
            self.update_appointment()
        self._offer_if_any(result["draft"])

    # ------------------------------------------------------------------ officers
    def _signed_in(self, officer: Any) -> None:
        """Another officer at this PC: keep the previous one's draft, offer theirs."""
        username = getattr(officer, "username", "")
        if username == self._draft_owner:
            return
        self.flush_draft()
        self._reset_for_officer(username)
        op = ops.load_draft(ctx=self.ctx, parent=self, officer=username)
        op.success(self._offer_if_any).failure(lambda _exc: None).run_in_background()

    def _signed_out(self) -> None:
        """Nothing of the last citizen stays on screen; their draft stays in the DB."""
        self.flush_draft()
        self._reset_for_officer(self._draft_owner)

    def _reset_for_officer(self, username: str) -> None:
        self._draft_timer.stop()
        self._draft_owner = username
        self.draft_offer = None
        self.draft_banner.hide()
        self.result_banner.hide()
        self._cleared_state = None
        self.undo_clear_button.hide()
        self.last_code = ""
        self.show_message("")
        self.clear_form()

    # ------------------------------------------------------------------ for the shell
    def focus_first_field(self) -> None:
        """Where typing starts: the draft offer if there is one, else the name."""
        if self.draft_banner.isVisible():
            self.restore_button.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.full_name.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def has_unsaved_input(self) -> bool:
        """Something typed that is not a saved dossier (it is kept as a draft anyway)."""
        return not self.is_empty()

    def _load_failed(self, exc: BaseException) -> None:
        self.show_message(
            self.tr("Không tải được danh mục thủ tục: {error}").format(error=error_text(exc)),
            error=True,
        )

    def _core_changed(self, changes: OpChanges) -> None:
        """Hours, holidays or the catalogue changed: the appointment preview follows."""
        if changes.settings or changes.calendar or changes.catalogue:
            op = ops.load_calendar(ctx=self.ctx, parent=self)
            op.success(self._calendar_reloaded).failure(lambda _exc: None).run_in_background()

    def _calendar_reloaded(self, result: tuple[WorkCalendar, list[dict[str, Any]]]) -> None:
        self.calendar, self.procedures = result
        self.update_appointment()

    # ------------------------------------------------------------------ messages
    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else INFO_STYLE)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # ------------------------------------------------------------------ keyboard
    def _enter_pressed(self, obj: QObject) -> bool:
        if obj is self.procedure_edit:
            if not self.procedure_search.resolve():
                self.procedure_search.show_results(
                    self.procedure_search.results(self.procedure_edit.text())
                    or self._search_procedures("")
                )
                return True
        elif obj is self.commune and self.commune.text().strip():
            if not self.commune_search.resolve():
                self.commune_search.show_results(self.commune_search.results(self.commune.text()))
                return True
        self.focus_next()
        return True

    def focus_next(self) -> None:
        """Like Tab; the scroll area scrolls the new field into view."""
        self.scroll.focusNextPrevChild(True)

    def pick_procedure(self) -> None:
        """F6: go to the procedure picker and list what matches (everything when empty)."""
        self.procedure_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        text = "" if self.procedure is not None else self.procedure_edit.text()
        if self.procedure is not None:
            self.procedure_edit.selectAll()
        self.procedure_search.show_results(self._search_procedures(text))

    # ------------------------------------------------------------------ validation
    def _touch(self, key: str) -> None:
        self._touched.add(key)
        self._render_field(key)

    def _tidy_birth_date(self) -> None:
        tidy = IntakeForm(birth_date=self.birth_date.text()).tidy_birth_date()
        if self.birth_date.text() != tidy:
            self.birth_date.setText(tidy)

    def _validate(self, *keys: str) -> None:
        form = self.form()
        for key in keys:
            self._fields[key].findings = [
                (level, self.tr(message)) for level, message in form.findings(key)
            ]
            self._render_field(key)

    def _render_field(self, key: str) -> None:
        self._fields[key].render(key in self._touched or self._show_all_errors)

    def errors(self) -> dict[str, list[str]]:
        """Blocking problems by field (validates everything)."""
        keys = (*CHECKED_FIELDS, "procedure")
        self._validate(*keys)
        return {
            key: [m for level, m in self._fields[key].findings if level == "error"]
            for key in keys
            if any(level == "error" for level, _m in self._fields[key].findings)
        }

    def warnings(self) -> dict[str, list[str]]:
        return {
            key: [m for level, m in item.findings if level == "warning"]
            for key, item in self._fields.items()
            if any(level == "warning" for level, _m in item.findings)
        }

    # ------------------------------------------------------------------ address
    def _search_communes(self, text: str) -> list[tuple[str, Any]]:
        return [(commune_display(c), c.code) for c in addresses.find_communes(text, limit=15)]

    def _commune_chosen(self, code: int) -> None:
        commune = addresses.commune(code)
        self.province_label.setText(commune.province_name)
        self._validate("commune")
        self._changed()
        if self.commune.hasFocus():
            self.focus_next()

    def _commune_edited(self, text: str) -> None:
        if text != self.commune_search.display:
            self.commune_search.payload = None
            self.province_label.setText("")
        if not text.strip():
            self._validate("commune")
        self._changed()

    def _commune_left(self) -> None:
        if self.commune.text().strip() and self.commune_search.payload is None:
            self.commune_search.resolve()
        self._touched.add("commune")
        self._validate("commune")

    def _set_commune(self, code: int | None, text: str = "") -> None:
        if code:
            try:
                commune = addresses.commune(code)
            except ValueError:
                code = None
            else:
                self.commune_search.choose(commune_display(commune), commune.code)
                return
        self.commune_search.clear()
        self.commune.setText(text)
        self.province_label.setText("")

    # ------------------------------------------------------------------ procedure
    def _search_procedures(self, text: str) -> list[tuple[str, Any]]:
        return [
            (procedure_display(p), p["code"])
            for p in catalogue.procedure_matches(self.procedures, text)
        ]

    def _procedure_by_code(self, code: str) -> dict[str, Any] | None:
        return next((p for p in self.procedures if p["code"] == code), None)

    def _procedure_chosen(self, code: str) -> None:
        procedure = self._procedure_by_code(code)
        if procedure is None or procedure is self.procedure:
            return  # Enter in the popup can confirm the same choice twice
        advance = self.procedure_edit.hasFocus() and not self._restoring
        self.set_procedure(procedure)
        if advance:
            self.focus_next()

    def _procedure_edited(self, text: str) -> None:
        if self.procedure is not None and text != self.procedure_search.display:
            # Typing over the choice un-chooses it, but keeps the checklist and fees in
            # case the same procedure is picked again.
            self.procedure = None
            self._validate("procedure")
            self.update_appointment()
        self._changed()

    def _procedure_left(self) -> None:
        if self.procedure is None and self.procedure_edit.text().strip():
            self.procedure_search.resolve()
        self._touched.add("procedure")
        self._validate("procedure")

    def set_procedure(
        self,
        procedure: dict[str, Any] | None,
        *,
        keep_text: bool = False,
        documents: Sequence[dict[str, Any]] | None = None,
        fees: Sequence[dict[str, Any]] | None = None,
    ) -> None:
        """Show a procedure: its field, time, fees and a fresh documents checklist.

        Choosing again the procedure the checklist was made for keeps the ticks and fees.
        """
        self.procedure = procedure
        if procedure is None:
            if not keep_text:
                self.procedure_search.clear()
            self.procedure_info.setText("")
            self.procedure_info.hide()
            self._set_documents([])
            self._set_fees([])
            self._rows_code = ""
        else:
            if self.procedure_search.display != procedure_display(procedure):
                self.procedure_search.choose(procedure_display(procedure), procedure["code"])
            self.procedure_info.show()
            self.procedure_info.setText(
                self.tr("Lĩnh vực: {field} · Thời hạn giải quyết: {time}").format(
                    field=procedure.get("field_name") or "—",
                    time=processing_time_text(
                        procedure.get("processing_time"), procedure.get("time_unit")
                    ),
                )
            )
            same = procedure["code"] == self._rows_code and documents is None and fees is None
            if not same:
                docs = (
                    documents
                    if documents is not None
                    else [dict(d, checked=True) for d in procedure.get("documents") or []]
                )
                self._set_documents(docs)
                self._set_fees(
                    fees
                    if fees is not None
                    else [dict(f, paid=False) for f in procedure.get("fees") or []]
                )
                self._rows_code = procedure["code"]
        self._fields["procedure"].form.invalidate()
        self._validate("procedure")
        self.update_appointment()
        self._changed()

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

    # ------------------------------------------------------------------ clearing
    def _text_fields(self) -> tuple[QLineEdit, ...]:
        """The free-text inputs: watched for changes (drafts) and emptied by clear_form."""
        return (
            self.full_name,
            self.id_number,
            self.old_id,
            self.birth_date,
            self.phone,
            self.email,
            self.address,
            self.notes,
        )

    def clear_form(self) -> None:
        self._restoring = True
        try:
            for edit in self._text_fields():
                edit.clear()
            self.id_type.setCurrentIndex(0)
            self.sex.setCurrentIndex(0)
            self.return_method.setCurrentIndex(0)
            self._set_commune(None)
            self.set_procedure(None)
            self.sets.setValue(1)
        finally:
            self._restoring = False
        self._touched = set()
        self._show_all_errors = False
        for key in self._fields:
            self._fields[key].findings = []
            self._render_field(key)
        self.full_name.setFocus()
        self.scroll.ensureWidgetVisible(self.full_name)

    def new_intake(self) -> None:
        """Ctrl+N: clear the form (the cleared content can be brought back once)."""
        if self.busy:
            return
        if not self.is_empty():
            self._cleared_state = self.state()
            self.undo_clear_button.show()
        self.clear_form()
        self.result_banner.hide()
        self.show_message("")
        self._changed()

    def undo_clear(self) -> None:
        if self._cleared_state is not None:
            self.apply_state(self._cleared_state)
            self._cleared_state = None
        self.undo_clear_button.hide()
