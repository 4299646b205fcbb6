"""The intake screen (home screen): record a walk-in dossier, fully by keyboard.

Flow: applicant (typed, or filled by a CCCD QR scan) -> procedure (F6, accent-insensitive
type-ahead) -> documents checklist, fees, sets -> Ctrl+Enter "Lưu & In": the dossier is
saved on the background thread, its code shown large, Mẫu 01 rendered and previewed for
printing, and the form cleared for the next citizen.

The rules (findings, derived values, the draft, the data recorded) are the Qt-free
`services.intake_form.IntakeForm`; `form()` reads it off the widgets. `IntakeWidget`
composes the parts and is the one screen object the shell and the tests drive:

- widgets: `applicant` (ApplicantBox), `picker` (ProcedurePicker), `checklist`
  (DocumentChecklist), `fees` (FeesTable), `other` (OtherBox), `buttons`
  (ActionButtons), `draft_banner` and `result_banner`;
- controllers: `checks` (FieldChecks: the findings under each field), `drafts`
  (IntakeDrafts: autosave, offer, restore), `scan` (ScanController), `captures`
  (IntakeCaptures: the documents digitised per checklist row, stored on save), `actions`
  (IntakeActions: save & print, supplement, refuse, open the last dossier).

Every change is saved as a draft (debounced) so a crash or power cut loses at most half a
second of typing; the draft is offered back when the screen opens again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from counter_app.gui.context import AppContext
from counter_app.gui.intake.actions import IntakeActions
from counter_app.gui.intake.applicant import ApplicantBox
from counter_app.gui.intake.banners import DraftBanner, ResultBanner
from counter_app.gui.intake.buttons import ActionButtons
from counter_app.gui.intake.captures import IntakeCaptures
from counter_app.gui.intake.checklist import DocumentChecklist
from counter_app.gui.intake.drafts import IntakeDrafts
from counter_app.gui.intake.fees import FeesTable
from counter_app.gui.intake.fields import STYLE, EnterAdvances, FieldChecks
from counter_app.gui.intake.other import OtherBox
from counter_app.gui.intake.procedure import ProcedurePicker
from counter_app.gui.intake.scan import ScanController
from counter_app.gui.operations import guard
from counter_app.gui.operations import intake as ops
from counter_app.gui.widgets.messages import ERROR_STYLE, INFO_STYLE, error_text
from counter_app.services.intake_form import CHECKED_FIELDS, IntakeForm

# Fields whose findings show at once on a restored draft (as if the officer had left them).
RESTORED_TOUCHED = ("full_name", "id_number", "birth_date", "phone", "email")


class IntakeWidget(QWidget):
    """Record a dossier at the counter. `saved(code)` fires once per dossier saved."""

    saved = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("IntakeWidget")
        self.setStyleSheet(STYLE)
        self.ready = False
        self.busy = False
        self._restoring = False  # filling the form in: no draft, no focus moves
        self._rows_code = ""  # the procedure the checklist and fees were made for
        self._cleared_state: dict[str, Any] | None = None
        self._enter = EnterAdvances(self)
        self.checks = FieldChecks(self.form, self._enter)
        self.applicant = ApplicantBox(self.checks)
        self.picker = ProcedurePicker(ctx, self.checks)
        self.checklist = DocumentChecklist(self._enter)
        self.fees = FeesTable(self._enter)
        self.other = OtherBox(self.checks)
        self.buttons = ActionButtons()
        self.draft_banner = DraftBanner()
        self.result_banner = ResultBanner()
        self._build()
        self.drafts = IntakeDrafts(self, self.draft_banner, self.officer)
        self.scan = ScanController(self)
        self.captures = IntakeCaptures(self)
        self.actions = IntakeActions(self)
        self._connect()
        # The context outlives this screen: every slot checks it is alive.
        ctx.signals.changed.connect(guard(self.picker, self.picker.core_changed))
        ctx.signals.signed_in.connect(guard(self, self._signed_in))
        ctx.signals.signed_out.connect(guard(self, self._signed_out))
        self.applicant.full_name.setFocus()
        self._load()

    @property
    def officer(self) -> str:
        return self.ctx.officer.username if self.ctx.officer else ""

    @property
    def procedure(self) -> dict[str, Any] | None:
        """The procedure chosen now (None while none is, or while one is being retyped)."""
        return self.picker.procedure

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        right = QVBoxLayout()
        for box in (self.picker, self.checklist, self.fees, self.other):
            right.addWidget(box)
        right.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.applicant)
        left.addStretch(1)
        self.form_area = QWidget()
        columns = QHBoxLayout(self.form_area)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 5)
        columns.addLayout(right, 6)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setWidget(self.form_area)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        title = QLabel(self.tr("Tiếp nhận hồ sơ"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        root = QVBoxLayout(self)
        for widget in (title, self.draft_banner, self.result_banner, self.message):
            root.addWidget(widget)
        root.addWidget(self.scroll, 1)
        root.addWidget(self.buttons)

    def _connect(self) -> None:
        actions, buttons = self.actions, self.buttons
        buttons.save.clicked.connect(actions.save_and_print)
        buttons.supplement.clicked.connect(actions.request_supplement)
        buttons.refuse.clicked.connect(actions.refuse)
        buttons.new.clicked.connect(self.new_intake)
        buttons.undo_clear.clicked.connect(self.undo_clear)
        self.result_banner.open_button.clicked.connect(actions.open_last)

        def shortcut(keys: str, slot: Callable[[], None]) -> None:
            item = QShortcut(QKeySequence(keys), self, slot)
            item.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut(keys, actions.save_and_print)
        shortcut("Ctrl+N", self.new_intake)
        shortcut("Ctrl+Shift+N", self.undo_clear)
        shortcut("F6", self.picker.pick)
        shortcut("Ctrl+P", actions.open_preview)
        shortcut("Alt+T", self.picker.pick)

        for part in (self.applicant, self.picker, self.checklist, self.fees, self.other):
            part.changed.connect(self.form_changed)
        self.applicant.advance.connect(self.focus_next)
        self.picker.advance.connect(self.focus_next)
        self.picker.picked.connect(self.set_procedure)
        self.checklist.rows_changed.connect(self._update_tab_order)
        self.fees.rows_changed.connect(self._update_tab_order)
        self._update_tab_order()

    def _update_tab_order(self) -> None:
        chain: list[QWidget] = [
            *self.applicant.focus_chain(),
            self.picker.edit,
            *self.checklist.focus_chain(),
            *self.fees.focus_chain(),
            *self.other.focus_chain(),
            *self.buttons.focus_chain(),
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # ------------------------------------------------------------------ the form
    def form(self) -> IntakeForm:
        """The form model of what is on screen now."""
        procedure = self.picker.procedure
        return IntakeForm(
            officer=self.officer,
            **self.applicant.values(),
            procedure=procedure,
            procedure_text=self.picker.edit.text() if procedure is None else "",
            rows_code=self._rows_code,
            documents=self.checklist.state(),
            fees=self.fees.state(),
            sets=self.checklist.sets.value(),
            return_method=self.other.return_method.currentData(),
            notes=self.other.notes.text(),
        )

    def state(self) -> dict[str, Any]:
        """Everything typed, JSON-serialisable (the draft)."""
        return self.form().to_draft()

    def is_empty(self) -> bool:
        return self.form().is_empty()

    @contextmanager
    def _filling(self) -> Iterator[None]:
        """Setting many widgets at once: no draft per change, no focus moves."""
        self._restoring = self.picker.quiet = True
        try:
            yield
        finally:
            self._restoring = self.picker.quiet = False

    def apply_state(self, state: dict[str, Any]) -> None:
        """Fill the form from `state()` output (a draft)."""
        form = IntakeForm.from_draft(state)
        with self._filling():
            self.applicant.set_values(dataclasses.asdict(form))
            procedure = self.picker.by_code(state.get("procedure_code") or "")
            rows_for = self.picker.by_code(form.rows_code)
            if procedure is not None or rows_for is not None:
                self.set_procedure(procedure or rows_for, documents=form.documents, fees=form.fees)
            else:
                self.set_procedure(None)
            if procedure is None:
                self.picker.edit.setText(form.procedure_text)
            self.checklist.sets.setValue(form.sets)
            self.other.set_values(form.return_method, form.notes)
        self.checks.touched = {k for k in RESTORED_TOUCHED if state.get(k)}
        self.checks.validate(*CHECKED_FIELDS)
        self.form_changed()

    def form_changed(self, *_args: object) -> None:
        """Something on the form changed: the draft follows (not while filling it in)."""
        if not self._restoring:
            self.drafts.schedule()

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
        if procedure is None:
            self.checklist.set_documents([])
            self.fees.set_fees([])
            self._rows_code = ""
        elif procedure["code"] != self._rows_code or documents is not None or fees is not None:
            if documents is None:
                documents = [dict(d, checked=True) for d in procedure.get("documents") or []]
            if fees is None:
                fees = [dict(f, paid=False) for f in procedure.get("fees") or []]
            self.checklist.set_documents(documents)
            self.fees.set_fees(fees)
            self._rows_code = procedure["code"]
        self.picker.show_procedure(procedure, keep_text=keep_text)
        self.form_changed()

    # ------------------------------------------------------------------ loading
    def _load(self) -> None:
        op = ops.load_intake(ctx=self.ctx, parent=self, officer=self.drafts.owner)
        op.success(self._loaded).failure(self._load_failed).run_in_background()

    def _loaded(self, result: dict[str, Any]) -> None:
        self.picker.set_catalogue(result["procedures"], result["calendar"])
        self.ready = True
        pending = result.get("open_for_dossier")
        if pending is not None:  # reopened by that dossier's documents tab
            self.show_message(
                self.tr(
                    "Còn {n} trang đang số hóa dở cho hồ sơ {code} khi ứng dụng đóng đột ngột: "
                    "mở hồ sơ đó (tab Tài liệu số hóa) để lưu hoặc hủy."
                ).format(n=pending[1], code=pending[0].code)
            )
        self.drafts.offer_if_any(result["draft"])

    def _load_failed(self, exc: BaseException) -> None:
        self.show_message(
            self.tr("Không tải được danh mục thủ tục: {error}").format(error=error_text(exc)),
            error=True,
        )

    # ------------------------------------------------------------------ officers
    def _signed_in(self, officer: Any) -> None:
        """Another officer at this PC: keep the previous one's draft, offer theirs."""
        username = getattr(officer, "username", "")
        if username == self.drafts.owner:
            return
        self.drafts.flush()
        self._reset_for_officer(username)
        op = ops.load_draft(ctx=self.ctx, parent=self, officer=username)
        op.success(self.drafts.offer_if_any).failure(lambda _exc: None).run_in_background()

    def _signed_out(self) -> None:
        """Nothing of the last citizen stays on screen; their draft stays in the DB."""
        self.drafts.flush()
        self._reset_for_officer(self.drafts.owner)

    def _reset_for_officer(self, username: str) -> None:
        self.drafts.reset(username)
        self.captures.forget()
        self.result_banner.hide()
        self.forget_cleared()
        self.actions.last_code = ""
        self.show_message("")
        self.clear_form()

    # ------------------------------------------------------------------ for the shell
    def focus_first_field(self) -> None:
        """Where typing starts: the draft offer if there is one, else the name."""
        if self.draft_banner.isVisible():
            self.draft_banner.restore_button.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.applicant.full_name.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def has_unsaved_input(self) -> bool:
        """Something typed that is not a saved dossier (it is kept as a draft anyway)."""
        return not self.is_empty()

    def flush_draft(self) -> None:
        """Write a pending draft now (the shell calls this before the app closes)."""
        self.drafts.flush()

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else INFO_STYLE)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def set_busy(self, busy: bool) -> None:
        """A save is running: the form and its buttons wait, no draft is written."""
        self.busy = busy
        self.form_area.setEnabled(not busy)
        self.buttons.set_busy(busy)
        if busy:
            self.drafts.timer.stop()

    # ------------------------------------------------------------------ keyboard
    def _enter_pressed(self, obj: QObject) -> bool:
        """Enter in a field (EnterAdvances): a search may pick first, then the next field."""
        if obj is self.picker.edit:
            if not self.picker.enter_pressed():
                return True
        elif obj is self.applicant.commune:
            if not self.applicant.commune_enter_pressed():
                return True
        self.focus_next()
        return True

    def focus_next(self) -> None:
        """Like Tab; the scroll area scrolls the new field into view."""
        self.scroll.focusNextPrevChild(True)

    def focus_field(self, key: str) -> None:
        editor = self.checks.editor(key)
        editor.setFocus()
        self.scroll.ensureWidgetVisible(editor)

    # ------------------------------------------------------------------ clearing
    def clear_form(self) -> None:
        with self._filling():
            self.applicant.clear()
            self.other.set_values("", "")
            self.set_procedure(None)
            self.checklist.sets.setValue(1)
        self.checks.reset()
        self.focus_field("full_name")

    def new_intake(self) -> None:
        """Ctrl+N: clear the form (the cleared content can be brought back once)."""
        if self.busy:
            return
        if not self.is_empty():
            self._cleared_state = self.state()
            self.buttons.undo_clear.show()
        self.clear_form()
        self.result_banner.hide()
        self.show_message("")
        self.form_changed()

    def undo_clear(self) -> None:
        if self._cleared_state is not None:
            self.apply_state(self._cleared_state)
            self._cleared_state = None
        self.buttons.undo_clear.hide()

    def forget_cleared(self) -> None:
        """What Ctrl+N cleared can no longer be brought back."""
        self._cleared_state = None
        self.buttons.undo_clear.hide()

    def hideEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        self.drafts.flush()
        super().hideEvent(event)
