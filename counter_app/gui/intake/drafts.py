"""The intake screen's draft: autosaved while the officer types, offered back on return.

The draft itself is `IntakeForm.to_draft()`; this is the glue: the debounce timer, the
offer banner's restore/discard, and filling the widgets from a draft.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent

from counter_app.domain import clock
from counter_app.gui.intake.fields import escape
from counter_app.gui.operations import intake as ops
from counter_app.gui.widgets.messages import error_text
from counter_app.services.intake_form import CHECKED_FIELDS, IntakeForm

DRAFT_DELAY_MS = 500
# Fields whose findings show at once on a restored draft (as if the officer had left them).
RESTORED_TOUCHED = ("full_name", "id_number", "birth_date", "phone", "email")


def _dmy(stored: str) -> str:
    return f"{stored[8:10]}/{stored[5:7]}/{stored[0:4]}" if len(stored) >= 10 else stored


class IntakeDrafts:
    """Draft autosave and restore for `IntakeWidget` (a mixin: `self` is the QWidget)."""

    ctx: Any
    form: Callable[[], IntakeForm]

    def state(self) -> dict[str, Any]:
        """Everything typed, JSON-serialisable (the draft)."""
        return self.form().to_draft()

    def is_empty(self) -> bool:
        return self.form().is_empty()

    def _offer_if_any(self, draft: dict[str, Any] | None) -> None:
        if draft and not IntakeForm.from_draft(draft).is_empty():
            self._offer_draft(draft)

    def apply_state(self, state: dict[str, Any]) -> None:
        """Fill the form from `state()` output (a draft)."""
        form = IntakeForm.from_draft(state)
        self._restoring = True
        try:
            self.full_name.setText(form.full_name)
            self.id_type.setCurrentIndex(max(0, self.id_type.findData(form.id_type or "cccd")))
            self.id_number.setText(form.id_number)
            self.old_id.setText(form.old_id)
            self.birth_date.setText(form.birth_date)
            self.sex.setCurrentIndex(max(0, self.sex.findData(form.sex)))
            self.phone.setText(form.phone)
            self.email.setText(form.email)
            self.address.setText(form.address)
            self._set_commune(form.ward_code, form.ward_text)
            procedure = self._procedure_by_code(state.get("procedure_code") or "")
            rows_for = self._procedure_by_code(form.rows_code)
            if procedure is not None or rows_for is not None:
                self.set_procedure(procedure or rows_for, documents=form.documents, fees=form.fees)
            else:
                self.set_procedure(None)
            if procedure is None:
                self.procedure_edit.setText(form.procedure_text)
            self.sets.setValue(form.sets)
            self.return_method.setCurrentIndex(
                max(0, self.return_method.findData(form.return_method or "counter"))
            )
            self.notes.setText(form.notes)
        finally:
            self._restoring = False
        self._touched = {k for k in RESTORED_TOUCHED if state.get(k)}
        self._validate(*CHECKED_FIELDS)
        self._changed()

    def _changed(self, *_args: object) -> None:
        if self._restoring:
            return
        # Not restarted by further typing: the draft is written at most DRAFT_DELAY_MS
        # after the first unsaved change, so steady typing cannot postpone it.
        if self.draft_offer is None and not self._draft_timer.isActive():
            self._draft_timer.start()

    def flush_draft(self) -> None:
        """Write a pending draft now (call before the background thread shuts down)."""
        if self._draft_timer.isActive():
            self.save_draft_now()

    def save_draft_now(self) -> None:
        """Write the draft now (the debounce timer calls this)."""
        self._draft_timer.stop()
        if self.draft_offer is not None or not self._draft_owner or self.busy:
            return
        officer = self._draft_owner
        form = self.form()
        if form.is_empty():
            ops.clear_draft(ctx=self.ctx, parent=None, officer=officer).run_in_background()
            return
        draft = form.to_draft()
        draft["saved_at"] = clock.to_storage(clock.now())

        def saved(_none: None) -> None:
            self.draft_saves += 1

        def failed(exc: BaseException) -> None:
            self.show_message(
                self.tr("Không lưu được bản nháp: {error}").format(error=error_text(exc)),
                error=True,
            )

        ops.save_draft(
            ctx=self.ctx,
            parent=self,
            officer=officer,
            draft=draft,
            on_saved=saved,
            on_failed=failed,
        )

    def _offer_draft(self, draft: dict[str, Any]) -> None:
        self.draft_offer = draft
        who = draft.get("full_name") or self.tr("(chưa có họ tên)")
        procedure = self._procedure_by_code(draft.get("procedure_code") or "")
        when = draft.get("saved_at") or draft.get("_updated_at") or ""
        details = who + (f" — {procedure['name']}" if procedure else "")
        if when:
            details += self.tr(", lưu lúc {when}").format(when=when[11:16] + " " + _dmy(when))
        self.draft_text.setText(
            self.tr("<b>Khôi phục hồ sơ đang nhập dở?</b> {details}").format(
                details=escape(details)
            )
        )
        self.draft_banner.show()
        self.restore_button.setFocus()

    def restore_draft(self) -> None:
        draft = self.draft_offer
        if draft is None:
            return
        self.draft_offer = None
        self.draft_banner.hide()
        self.apply_state(draft)
        self.show_message(self.tr("Đã khôi phục hồ sơ đang nhập dở."))
        self.full_name.setFocus()

    def discard_draft(self) -> None:
        if self.draft_offer is None:
            return
        self.draft_offer = None
        self.draft_banner.hide()
        ops.clear_draft(ctx=self.ctx, parent=None, officer=self._draft_owner).run_in_background()
        if not self.is_empty():
            self._changed()
        self.full_name.setFocus()

    def hideEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        self.flush_draft()
        super().hideEvent(event)  # type: ignore[misc]
