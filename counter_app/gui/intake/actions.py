"""The intake screen's actions: save & print (Mẫu 01), record and request a supplement
(Mẫu 02), record and refuse (Mẫu 03), open the dossier just saved.

Each validates through the form model, runs one use case from operations/intake (the
dossier and its form in one job) and ends in `_after_saved`. `IntakeActions` is a
controller of one intake screen (its parent); the screen's buttons call it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, Qt

from counter_app.domain.status import Status
from counter_app.gui.dialogs.preview import PreviewDialog, open_logged_preview
from counter_app.gui.dossier.detail import CITIZEN_COPY, DossierDetailDialog
from counter_app.gui.dossier.refusal import RefusalDialog
from counter_app.gui.dossier.supplement import SupplementDialog
from counter_app.gui.intake.fields import COLOURS, escape
from counter_app.gui.operations import alive, guard
from counter_app.gui.operations import intake as ops
from counter_app.gui.widgets.messages import error_text
from counter_app.gui.widgets.texts import due_text

if TYPE_CHECKING:
    from counter_app.gui.intake.page import IntakeWidget

# A field the service names (receive JSON) -> the screen's field showing it.
SERVICE_FIELDS = {"ward_code": "commune", "procedure_code": "procedure", "province_code": "commune"}


class IntakeActions(QObject):
    """What the buttons of one intake screen (its parent) do, and what they left open:
    the last preview, the action dialog, the dossier just saved."""

    def __init__(self, page: IntakeWidget) -> None:
        super().__init__(page)
        self.ctx = page.ctx
        self.last_code = ""
        self.last_dossier: dict[str, Any] | None = None
        self._preview: PreviewDialog | None = None
        self._detail: DossierDetailDialog | None = None
        self._dialog: Any = None  # the supplement or refusal dialog last opened

    # Each of these deletes itself when closed: the screen outlives hundreds of them.
    @property
    def preview(self) -> PreviewDialog | None:
        """The preview on screen, None once closed."""
        return self._preview if self._preview is not None and alive(self._preview) else None

    @property
    def dialog(self) -> Any:
        """The supplement or refusal dialog on screen, None once closed."""
        return self._dialog if self._dialog is not None and alive(self._dialog) else None

    @property
    def detail(self) -> DossierDetailDialog | None:
        """The dossier just saved, opened; None once closed."""
        return self._detail if self._detail is not None and alive(self._detail) else None

    @property
    def page(self) -> IntakeWidget:
        return cast("IntakeWidget", self.parent())  # no reference cycle through the page

    def _ready_to_save(self) -> dict[str, Any] | None:
        """Validate everything; show the problems and return None, or the receive JSON."""
        page = self.page
        if page.busy:
            return None
        if not page.ready:
            page.show_message(self.tr("Đang tải danh mục, vui lòng chờ."), error=True)
            return None
        page.applicant.resolve_commune()
        page.picker.resolve_typed()
        checks = page.checks
        checks.show_all = True
        problems = checks.errors()
        checks.render_all()
        if problems:
            first = next(iter(problems))
            page.focus_field(first)
            count = sum(len(v) for v in problems.values())
            page.show_message(
                self.tr("Còn {n} lỗi cần sửa trước khi lưu: {first}").format(
                    n=count, first=problems[first][0]
                ),
                error=True,
            )
            return None
        data = page.form().receive_data(old_id_label=self.tr("Số CMND cũ: {n}"))
        data["client_reference"] = page.drafts.reference  # saved once, even after a crash
        return data

    def _save_failed(self, exc: BaseException) -> None:
        """The service refused: keep everything typed, point at the field."""
        page = self.page
        page.set_busy(False)
        message = error_text(exc)
        field_name = getattr(exc, "field", "")
        key = field_name.removeprefix("applicant.").split("[")[0]
        key = SERVICE_FIELDS.get(key, key)
        if page.checks.fail(key, message):
            page.focus_field(key)
        page.show_message(
            self.tr("Chưa lưu được hồ sơ: {message}").format(message=message), error=True
        )
        page.form_changed()

    def _after_saved(self, dossier: dict[str, Any], warnings: Sequence[Any], headline: str) -> None:
        """Common end of every save: show the code, clear form and draft, notify."""
        page = self.page
        page.set_busy(False)
        code = dossier["code"]
        self.last_code = code
        self.last_dossier = dossier
        details = " · ".join(
            [
                self.tr("Người nộp: {name}").format(name=dossier["applicant"]["full_name"]),
                self.tr("Hẹn trả: {due}").format(due=due_text(dossier.get("due_at"))),
            ]
        )
        if warnings:
            details += "<br>" + "<br>".join(
                f'<span style="color:{COLOURS["warning"]}">{escape(w.message)}</span>'
                for w in warnings
            )
        page.result_banner.show_result(headline, code, details)
        page.show_message("")
        page.forget_cleared()
        page.captures.forget()
        page.clear_form()
        page.drafts.forget_saved()
        page.saved.emit(code)

    def _attach_message(self, recorded: ops.Recorded) -> None:
        """The captured documents saved with the dossier (in its transaction: all or none)."""
        if recorded.attached:
            self.page.show_message(
                self.tr("Đã lưu {n} tài liệu số hóa cùng hồ sơ.").format(n=recorded.attached)
            )

    def save_and_print(self) -> None:
        """Ctrl+Enter: validate, save (background), show the code, then preview Mẫu 01."""
        data = self._ready_to_save()
        if data is None:
            return
        self.page.set_busy(True)

        def done(recorded: ops.Recorded) -> None:
            self._after_saved(
                recorded.dossier, recorded.warnings, self.tr("Đã tiếp nhận hồ sơ, mã hồ sơ:")
            )
            self._attach_message(recorded)
            if recorded.pdf is None:
                self.page.show_message(
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
                direct=recorded.direct,
            )

        op = ops.receive_and_print(
            ctx=self.ctx, parent=self.page, data=data, captures=self.page.captures.for_save()
        )
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
        direct: bool = False,
    ) -> PreviewDialog:
        """Open the form's preview, or with `direct` print it at once on the form's printer
        and keep the preview one key away (Ctrl+P on the intake screen)."""
        page = self.page
        previous = self.preview
        preview = open_logged_preview(
            self.ctx,
            page,
            pdf,
            code=dossier["code"],
            form=form,
            title=title,
            copies=copies,
            officer=page.officer,
            on_error=guard(page, lambda exc: page.show_message(error_text(exc), error=True)),
            paper=paper,
            rerender=rerender,
        )
        preview.finished.connect(guard(self, lambda _r: self._preview_closed()))
        self._preview = preview
        if previous is not None and not previous.isVisible():
            previous.deleteLater()  # a directly printed form nobody looked at
        if direct:
            preview.print_direct()
            page.show_message(
                self.tr("Đã gửi {form} tới máy in. Ctrl+P: xem trước, in lại.").format(form=title)
            )
            self._preview_closed()  # ready for the next citizen, as after a preview
        else:
            preview.open()
        return preview

    def open_preview(self) -> None:
        """Ctrl+P: show the last form printed directly (a closed preview is freed)."""
        if self.preview is not None and not self.preview.isVisible():
            self.preview.open()

    def _preview_closed(self) -> None:
        page = self.page
        if page.isVisible() and not page.busy:
            page.window().activateWindow()
            page.applicant.full_name.setFocus()

    def request_supplement(self) -> None:
        """Record the dossier and ask for more documents (status 5, Mẫu 02), atomically."""
        data = self._ready_to_save()
        if data is None:
            return
        documents = self.page.checklist.state()
        missing = [dict(d, checked=not d["checked"]) for d in documents if d["name"]]
        self._record_with_status(
            data,
            SupplementDialog(missing, self.page),
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
            RefusalDialog(self.page, note=""),
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
        self._dialog = dialog

        def submit(values: dict[str, Any]) -> None:
            reason, documents = reason_and_documents(values)

            def done(recorded: ops.Recorded) -> None:
                if alive(dialog):
                    dialog.accept()
                self._after_saved(recorded.dossier, recorded.warnings, saved_text)
                self._attach_message(recorded)
                if recorded.pdf is None:
                    self.page.show_message(
                        self.tr("Chưa tạo được phiếu: {error}").format(error=recorded.pdf_error),
                        error=True,
                    )
                    return
                self.show_preview(
                    recorded.pdf,
                    recorded.dossier,
                    title=title,
                    form=form,
                    copies=recorded.copies,
                    direct=recorded.direct,
                )

            def failed(exc: BaseException) -> None:
                if alive(dialog):
                    dialog.fail(error_text(exc))
                self._save_failed(exc)

            self.page.set_busy(True)
            op = ops.receive_with_status(
                ctx=self.ctx,
                parent=self.page,
                data=data,
                target=int(target),
                by=self.page.officer,
                reason=reason,
                documents=documents,
                form=form,
                copies=CITIZEN_COPY,
                captures=self.page.captures.for_save(),
            )
            op.success(done).failure(failed).run_in_background()

        dialog.on_submit = submit
        dialog.open()

    def open_last(self) -> None:
        if not self.last_code:
            return
        detail = DossierDetailDialog(self.ctx, self.last_code, self.page)
        detail.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._detail = detail
        detail.open()
