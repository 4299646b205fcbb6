"""The dossier detail's prints: Mẫu 01 (first print or reprint), Mẫu 06, Mẫu 04 (offered
after the appointment moves later), and the preview.

A part of DossierDetailDialog (mixed in), kept apart so the screen file holds the layout
and the status actions; every print goes through the logged preview.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox

from counter_app.gui.dialogs.preview import PreviewDialog, open_logged_preview
from counter_app.gui.dossier.action_dialog import ActionDialog
from counter_app.gui.dossier.reason import ReasonDialog
from counter_app.gui.operations import alive, guard
from counter_app.gui.operations import prints as print_ops
from counter_app.gui.widgets.messages import error_text
from counter_app.gui.widgets.texts import due_text

RECEIPT_COPIES = ("Liên 1: Lưu", "Liên 2: Giao người nộp")
CITIZEN_COPY = ("Giao người nộp",)


class DetailPrints:
    """The print buttons of the detail dialog and the preview they open.

    Mixed into DossierDetailDialog, which supplies the widgets and helpers named here.
    """

    ctx: Any
    code: str
    dossier: dict[str, Any] | None
    _preview: PreviewDialog | None
    _apology_offer: QMessageBox | None = None

    @property
    def apology_offer(self) -> QMessageBox | None:
        """The question "print Mẫu 04?" on screen; None once answered."""
        box = self._apology_offer
        return box if box is not None and alive(box) and box.isVisible() else None

    def offer_apology(self, old_due: datetime, new_due: datetime) -> QMessageBox:
        """After a move to a later date: offer Văn bản xin lỗi (Mẫu 04) in the preview."""
        translate = QCoreApplication.translate
        box = QMessageBox(self)  # type: ignore[arg-type]  # self is the detail dialog
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(translate("DossierDetailDialog", "In văn bản xin lỗi (Mẫu 04)"))
        box.setText(
            translate(
                "DossierDetailDialog",
                "Ngày hẹn trả đã dời muộn hơn ({old} → {new}). In Văn bản xin lỗi và đề nghị "
                "gia hạn thời gian giải quyết (Mẫu 04) để gửi người nộp?",
            ).format(old=due_text(old_due), new=due_text(new_due))
        )
        yes = box.addButton(
            translate("DossierDetailDialog", "&In Mẫu 04…"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(
            translate("DossierDetailDialog", "Để &sau"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(yes)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(*_result: object) -> None:
            if box.clickedButton() is yes:
                self.print_apology()

        box.finished.connect(guard(self, answered))
        self._apology_offer = box
        box.open()
        return box

    def print_apology(self) -> None:
        """Mẫu 04 for the latest later move of the appointment, in the logged preview."""

        def done(pdf: bytes) -> None:
            self.show_preview(
                pdf,
                title=QCoreApplication.translate(
                    "DossierDetailDialog",
                    "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (Mẫu 04)",
                ),
                form="apology",
                copies=CITIZEN_COPY,
            )

        print_ops.render_form(ctx=self.ctx, parent=self, code=self.code, form="apology").success(
            done
        ).failure(
            guard(self, lambda exc: self.show_message(error_text(exc), error=True))
        ).run_in_background()

    def print_receipt(self) -> None:
        """Mẫu 01: the first print when none was delivered yet (a cancelled or failed print
        is none), else a reprint with its reason."""
        if self.dossier is None:
            return
        self.reprint_button.setEnabled(False)
        service = self.ctx.service

        def done(first: tuple[bytes, str, dict[str, Any]] | None) -> None:
            self.reprint_button.setEnabled(True)
            if first is None:
                self.reprint_receipt()
                return
            pdf, paper, dossier = first
            self.show_preview(
                pdf,
                title=QCoreApplication.translate(
                    "DossierDetailDialog", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
                ),
                form="receipt",
                copies=RECEIPT_COPIES,
                paper=paper,
                rerender=lambda p: service.prints.render(dossier, "receipt", paper=p),
            )

        def failed(exc: BaseException) -> None:
            self.reprint_button.setEnabled(True)
            self.show_message(error_text(exc), error=True)

        print_ops.render_first_receipt(ctx=self.ctx, parent=self, code=self.code).success(
            done
        ).failure(failed).run_in_background()

    def reprint_receipt(self) -> ActionDialog | None:
        if self.dossier is None:
            return None
        dialog = ReasonDialog(
            QCoreApplication.translate("DossierDetailDialog", "In lại giấy tiếp nhận (Mẫu 01)"),
            QCoreApplication.translate(
                "DossierDetailDialog",
                'Bản in lại được ghi "BẢN IN LẠI" và lưu vào nhật ký in cùng lý do.',
            ),
            required=True,
            submit_text=QCoreApplication.translate("DossierDetailDialog", "Tạo bản in lại"),
            parent=self,
            label=QCoreApplication.translate("DossierDetailDialog", "&Lý do in lại:"),
        )
        service = self.ctx.service

        def submit(values: dict[str, Any]) -> None:
            def done(result: tuple[bytes, str, dict[str, Any]]) -> None:
                pdf, paper, dossier = result
                guard(dialog, lambda: dialog.accept())()
                self.show_preview(
                    pdf,
                    title=QCoreApplication.translate(
                        "DossierDetailDialog", "In lại giấy tiếp nhận hồ sơ và hẹn trả kết quả"
                    ),
                    form="receipt",
                    copies=RECEIPT_COPIES,
                    reprint_reason=values["reason"],
                    paper=paper,
                    rerender=lambda p: service.prints.render(
                        dossier, "receipt", paper=p, reprint=True
                    ),
                )

            print_ops.render_receipt_reprint(ctx=self.ctx, parent=self, code=self.code).success(
                done
            ).failure(guard(dialog, lambda exc: dialog.fail(error_text(exc)))).run_in_background()

        return self._open_action(dialog, submit)

    def print_control(self) -> None:
        self.control_button.setEnabled(False)

        def done(pdf: bytes) -> None:
            self.control_button.setEnabled(True)
            self.show_preview(
                pdf,
                title=QCoreApplication.translate(
                    "DossierDetailDialog", "Phiếu kiểm soát quá trình giải quyết hồ sơ"
                ),
                form="control",
                copies=("Phiếu kiểm soát",),
            )

        def failed(exc: BaseException) -> None:
            self.control_button.setEnabled(True)
            self.show_message(error_text(exc), error=True)

        print_ops.render_control_sheet(ctx=self.ctx, parent=self, code=self.code).success(
            done
        ).failure(failed).run_in_background()

    def show_preview(
        self,
        pdf: bytes,
        *,
        title: str,
        form: str,
        copies: Sequence[str],
        reprint_reason: str = "",
        paper: str = "a4",
        rerender: Callable[[str], bytes] | None = None,
    ) -> PreviewDialog:
        preview = open_logged_preview(
            self.ctx,
            self,
            pdf,
            code=self.code,
            form=form,
            title=title,
            copies=copies,
            officer=self.officer,
            on_error=guard(self, lambda exc: self.show_message(error_text(exc), error=True)),
            paper=paper,
            reprint_reason=reprint_reason,
            rerender=rerender,
        )
        preview.finished.connect(guard(self, self._sub_dialog_closed))
        self._preview = preview
        preview.open()
        return preview
