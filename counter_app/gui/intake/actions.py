"""The intake screen's actions: save & print (Mẫu 01), record and request a supplement
(Mẫu 02), record and refuse (Mẫu 03), open the dossier just saved.

Each validates through the form model, runs one use case from operations/intake (the
dossier and its form in one job) and ends in `_after_saved`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt

from counter_app.domain.status import Status
from counter_app.gui.dialogs.preview import PreviewDialog, open_logged_preview
from counter_app.gui.dossier.detail import CITIZEN_COPY, DossierDetailDialog
from counter_app.gui.dossier.refusal import RefusalDialog
from counter_app.gui.dossier.supplement import SupplementDialog
from counter_app.gui.intake.fields import COLOURS, escape
from counter_app.gui.operations import guard
from counter_app.gui.operations import intake as ops
from counter_app.gui.widgets.messages import error_text
from counter_app.gui.widgets.texts import due_text


class IntakeActions:
    """What the buttons of `IntakeWidget` do (a mixin: `self` is the QWidget)."""

    ctx: Any

    def _ready_to_save(self) -> dict[str, Any] | None:
        """Validate everything; show the problems and return None, or the receive JSON."""
        if self.busy:
            return None
        if not self.ready:
            self.show_message(self.tr("Đang tải danh mục, vui lòng chờ."), error=True)
            return None
        if self.commune.text().strip() and self.commune_search.payload is None:
            self.commune_search.resolve()
        if self.procedure is None and self.procedure_edit.text().strip():
            self.procedure_search.resolve()
        self._show_all_errors = True
        problems = self.errors()
        for key in self._fields:
            self._render_field(key)
        if problems:
            first = next(iter(problems))
            self._fields[first].editor.setFocus()
            self.scroll.ensureWidgetVisible(self._fields[first].editor)
            count = sum(len(v) for v in problems.values())
            self.show_message(
                self.tr("Còn {n} lỗi cần sửa trước khi lưu: {first}").format(
                    n=count, first=problems[first][0]
                ),
                error=True,
            )
            return None
        return self.form().receive_data(old_id_label=self.tr("Số CMND cũ: {n}"))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.form_area.setEnabled(not busy)
        for button in (
            self.save_button,
            self.supplement_button,
            self.refuse_button,
            self.new_button,
        ):
            button.setEnabled(not busy)
        if busy:
            self._draft_timer.stop()

    def _save_failed(self, exc: BaseException) -> None:
        """The service refused: keep everything typed, point at the field."""
        self._set_busy(False)
        message = error_text(exc)
        field_name = getattr(exc, "field", "")
        key = field_name.removeprefix("applicant.").split("[")[0]
        key = {
            "ward_code": "commune",
            "procedure_code": "procedure",
            "province_code": "commune",
        }.get(key, key)
        if key in self._fields:
            self._fields[key].findings = [("error", message)]
            self._touched.add(key)
            self._render_field(key)
            self._fields[key].editor.setFocus()
            self.scroll.ensureWidgetVisible(self._fields[key].editor)
        self.show_message(
            self.tr("Chưa lưu được hồ sơ: {message}").format(message=message), error=True
        )
        self._changed()

    def _after_saved(self, dossier: dict[str, Any], warnings: Sequence[Any], headline: str) -> None:
        """Common end of every save: show the code, clear form and draft, notify."""
        self._set_busy(False)
        code = dossier["code"]
        self.last_code = code
        self.last_dossier = dossier
        self.result_title.setText(headline)
        self.issued_code.setText(code)
        details = [
            self.tr("Người nộp: {name}").format(name=dossier["applicant"]["full_name"]),
            self.tr("Hẹn trả: {due}").format(due=due_text(dossier.get("due_at"))),
        ]
        self.result_details.setText(" · ".join(details))
        if warnings:
            self.result_details.setText(
                self.result_details.text()
                + "<br>"
                + "<br>".join(
                    f'<span style="color:{COLOURS["warning"]}">{escape(w.message)}</span>'
                    for w in warnings
                )
            )
        self.result_banner.show()
        self.show_message("")
        self._cleared_state = None
        self.undo_clear_button.hide()
        self.clear_form()
        ops.clear_draft(ctx=self.ctx, parent=None, officer=self._draft_owner).run_in_background()
        self.saved.emit(code)

    def save_and_print(self) -> None:
        """Ctrl+Enter: validate, save (background), show the code, then preview Mẫu 01."""
        data = self._ready_to_save()
        if data is None:
            return
        self._set_busy(True)

        def done(recorded: ops.Recorded) -> None:
            self._after_saved(
                recorded.dossier, recorded.warnings, self.tr("Đã tiếp nhận hồ sơ, mã hồ sơ:")
            )
            if recorded.pdf is None:
                self.show_message(
                    self.tr(
                        "Hồ sơ đã lưu nhưng chưa tạo được Giấy tiếp nhận: {error}. "
                        "Mở hồ sơ để in lại."
                    ).format(error=recorded.pdf_error),
                    error=True,
                )
                return
            self.show_preview(
                recorded.pdf,
                recorded.dossier,
                title=self.tr("Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
                form="receipt",
                copies=recorded.copies,
                paper=recorded.paper,
                rerender=ops.rerender_receipt(dossier=recorded.dossier, ctx=self.ctx),
            )

        op = ops.receive_and_print(ctx=self.ctx, parent=self, data=data)
        op.success(done).failure(self._save_failed).run_in_background()

    def show_preview(
        self,
        pdf: bytes,
        dossier: dict[str, Any],
        *,
        title: str,
        form: str,
        copies: Sequence[str],
        paper: str = "a4",
        rerender: Callable[[str], bytes] | None = None,
    ) -> PreviewDialog:
        preview = open_logged_preview(
            self.ctx,
            self,
            pdf,
            code=dossier["code"],
            form=form,
            title=title,
            copies=copies,
            officer=self.officer,
            on_error=guard(self, lambda exc: self.show_message(error_text(exc), error=True)),
            paper=paper,
            rerender=rerender,
        )
        preview.finished.connect(guard(self, lambda _r: self._preview_closed()))
        self.preview = preview
        preview.open()
        return preview

    def _preview_closed(self) -> None:
        if self.isVisible() and not self.busy:
            self.window().activateWindow()
            self.full_name.setFocus()

    def request_supplement(self) -> None:
        """Record the dossier and ask for more documents (status 5, Mẫu 02), atomically."""
        data = self._ready_to_save()
        if data is None:
            return
        missing = [dict(d, checked=not d["checked"]) for d in self.documents_state() if d["name"]]
        self._record_with_status(
            data,
            SupplementDialog(missing, self),
            Status.SUPPLEMENT_REQUESTED,
            lambda values: (values["reason"], values["items"]),
            form="supplement",
            title=self.tr("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)"),
            saved_text=self.tr("Đã ghi nhận hồ sơ và yêu cầu bổ sung, mã hồ sơ:"),
        )

    def refuse(self) -> None:
        """Refuse at reception (Mẫu 03): the dossier is recorded and refused in one
        transaction, so the refusal has a code, is on record and reaches the portal."""
        data = self._ready_to_save()
        if data is None:
            return
        self._record_with_status(
            data,
            RefusalDialog(self, note=""),
            Status.REFUSED,
            # one reason a line, as Mẫu 03 lists them
            lambda values: ("\n".join(values["reasons"]), None),
            form="refusal",
            title=self.tr("Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)"),
            saved_text=self.tr("Đã từ chối tiếp nhận hồ sơ, mã hồ sơ:"),
        )

    def _record_with_status(
        self,
        data: dict[str, Any],
        dialog: Any,
        target: Status,
        reason_and_documents: Callable[[dict[str, Any]], tuple[str, list[Any] | None]],
        *,
        form: str,
        title: str,
        saved_text: str,
    ) -> None:
        """Ask the dialog, then record the dossier and move it to `target` in one
        transaction, and render the form from what was recorded."""
        dialog.setModal(True)
        self.action_dialog = dialog

        def submit(values: dict[str, Any]) -> None:
            reason, documents = reason_and_documents(values)

            def done(recorded: ops.Recorded) -> None:
                dialog.accept()
                self._after_saved(recorded.dossier, recorded.warnings, saved_text)
                if recorded.pdf is None:
                    self.show_message(
                        self.tr("Chưa tạo được phiếu: {error}").format(error=recorded.pdf_error),
                        error=True,
                    )
                    return
                self.show_preview(
                    recorded.pdf, recorded.dossier, title=title, form=form, copies=recorded.copies
                )

            def failed(exc: BaseException) -> None:
                dialog.fail(error_text(exc))
                self._save_failed(exc)

            self._set_busy(True)
            op = ops.receive_with_status(
                ctx=self.ctx,
                parent=self,
                data=data,
                target=int(target),
                by=self.officer,
                reason=reason,
                documents=documents,
                form=form,
                copies=CITIZEN_COPY,
            )
            op.success(done).failure(failed).run_in_background()

        dialog.on_submit = submit
        dialog.open()

    def open_last(self) -> None:
        if not self.last_code:
            return
        self.detail = DossierDetailDialog(self.ctx, self.last_code, self)
        self.detail.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.detail.open()
